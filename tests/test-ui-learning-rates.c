/* test-ui-learning-rates.c: the one table of learning rates both windows offer. */
#include "config.h"

#include <glib.h>
#include <math.h>

#include "ns-learning-rates.h"
#include "ns-test-locale.h"

static void
test_table (void)
{
  guint n;
  const NsLearningRate *rates = ns_learning_rates_get (&n);

  g_assert_cmpuint (n, ==, 11);
  g_assert_cmpstr (rates[0].label, ==, "0.00001");
  g_assert_cmpfloat (rates[0].value, ==, 1e-5);
  g_assert_cmpstr (rates[n - 1].label, ==, "10");
  for (guint k = 0; k < n; k++)
    {
      /* Each label reads back as its value, ascending. */
      g_assert_cmpfloat (fabs (g_ascii_strtod (rates[k].label, NULL) - rates[k].value), <=,
                         1e-12 * rates[k].value);
      if (k > 0)
        g_assert_cmpfloat (rates[k].value, >, rates[k - 1].value);
    }
}

static void
test_find_and_lower (void)
{
  /* A float setting is the rate it came from. */
  g_assert_nonnull (ns_learning_rates_find (0.03f));
  g_assert_cmpstr (ns_learning_rates_find (0.03f)->label, ==, "0.03");
  g_assert_cmpstr (ns_learning_rates_find (0.003f)->label, ==, "0.003");
  g_assert_cmpstr (ns_learning_rates_find (1e-5f)->label, ==, "0.00001");
  g_assert_null (ns_learning_rates_find (0.05));
  g_assert_null (ns_learning_rates_find (0));
  g_assert_null (ns_learning_rates_find (NAN));

  /* Below half: 10 -> 3, 3 -> 1, 0.03 -> 0.01, 0.05 -> 0.01; the smallest stays. */
  g_assert_cmpfloat (ns_learning_rates_lower (10), ==, 3);
  g_assert_cmpfloat (ns_learning_rates_lower (3), ==, 1);
  g_assert_cmpfloat (ns_learning_rates_lower (0.03), ==, 0.01);
  g_assert_cmpfloat (ns_learning_rates_lower (0.05), ==, 0.01);
  g_assert_cmpfloat (ns_learning_rates_lower (1e-5), ==, 1e-5);
  g_assert_cmpfloat (ns_learning_rates_lower (1e-6), ==, 1e-6);
}

/* A rate as the windows write it: the table's label, else a plain number, never an exponent,
 * and a decimal point under a locale that writes commas. */
static void
test_format (void)
{
  const struct
  {
    double rate;
    const char *text;
  } cases[] = {
    { 1e-5, "0.00001" },  { 1e-5f, "0.00001" },  { 0.03f, "0.03" },    { 10, "10" },
    { 2e-6, "0.000002" }, { 0.0025, "0.0025" },  { 0.05, "0.05" },     { 5, "5" },
    { 0.005f, "0.005" },  { 1e-6f, "0.000001" }, { 200000, "200000" },
  };

  if (!ns_test_use_comma_locale ())
    return;
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *text = ns_learning_rates_format (cases[k].rate);

      g_assert_cmpstr (text, ==, cases[k].text);
    }
  ns_test_use_c_locale ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/learning-rates/table", test_table);
  g_test_add_func ("/learning-rates/find-and-lower", test_find_and_lower);
  g_test_add_func ("/learning-rates/format", test_format);

  return g_test_run ();
}
