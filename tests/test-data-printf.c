/* test-data-printf.c: numbers in text are C numerics in every locale (ns-printf.h). */
#include <math.h>

#include <glib.h>

#include "ns-printf.h"
#include "ns-test-locale.h"

/* The locale really writes commas: otherwise the tests below could not fail. */
static void
test_locale_writes_commas (void)
{
  g_autofree char *text = NULL;

  if (!ns_test_use_comma_locale ())
    return;
  text = g_strdup_printf ("%.1f", 0.5);
  g_assert_cmpstr (text, ==, "0,5");
  ns_test_use_c_locale ();
}

static void
test_printf_c_numerics (void)
{
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GString) string = g_string_new ("lr ");
  char buffer[32];
  int n;

  if (!ns_test_use_comma_locale ())
    return;

  text =
      ns_strdup_printf ("%.3f %g %.1e %.*f%% %s %u", 0.5, 0.003, 12345.0, 1, 60.75, "Zähler", 7u);
  g_assert_cmpstr (text, ==, "0.500 0.003 1.2e+04 60.8% Zähler 7");

  ns_string_append_printf (string, "%g", 1e-5);
  g_assert_cmpstr (string->str, ==, "lr 1e-05");

  n = ns_snprintf (buffer, sizeof buffer, "%.3g", -0.1234);
  g_assert_cmpstr (buffer, ==, "-0.123");
  g_assert_cmpint (n, ==, 6);

  /* The locale is the user's again after each call. */
  after = g_strdup_printf ("%.1f", 0.5);
  g_assert_cmpstr (after, ==, "0,5");
  ns_test_use_c_locale ();
}

static void
test_parse_double (void)
{
  static const struct
  {
    const char *text;
    gboolean ok;
    double value;
  } cases[] = {
    { "0.5", TRUE, 0.5 }, { " 1e-3 ", TRUE, 1e-3 }, { "-2", TRUE, -2 },   { "0,5", FALSE, 0 },
    { "", FALSE, 0 },     { "  ", FALSE, 0 },       { "1.5x", FALSE, 0 }, { "nan", FALSE, 0 },
    { "inf", FALSE, 0 },  { "1e999", FALSE, 0 },    { "x", FALSE, 0 },
  };

  if (!ns_test_use_comma_locale ())
    return;
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      double value = -99;
      gboolean ok = ns_parse_double (cases[k].text, &value);

      g_test_message ("“%s”", cases[k].text);
      g_assert_cmpint (ok, ==, cases[k].ok);
      if (ok)
        g_assert_cmpfloat (value, ==, cases[k].value);
      else
        g_assert_cmpfloat (value, ==, -99);
    }
  g_assert_false (ns_parse_double (NULL, &(double){ 0 }));
  ns_test_use_c_locale ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/printf/locale-writes-commas", test_locale_writes_commas);
  g_test_add_func ("/printf/c-numerics", test_printf_c_numerics);
  g_test_add_func ("/printf/parse-double", test_parse_double);
  return g_test_run ();
}
