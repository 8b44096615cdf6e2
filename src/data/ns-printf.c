/* ns-printf.c: printf with C numerics, by switching this thread's locale for the call only
 * (uselocale): the process keeps the user's locale for everything else. */
#include "ns-printf.h"

#include <locale.h>
#include <math.h>

/* The C locale for this thread, returning the one in use. glibc hands out one static object
 * for "C", so this allocates nothing. */
static locale_t
use_c_locale (locale_t *c_locale)
{
  *c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  /* Cannot fail for "C" but on a failed allocation: then the numbers are what they are. */
  if (*c_locale == (locale_t) 0)
    return (locale_t) 0;
  return uselocale (*c_locale);
}

static void
restore_locale (locale_t c_locale, locale_t previous)
{
  if (c_locale == (locale_t) 0)
    return;
  uselocale (previous);
  freelocale (c_locale);
}

char *
ns_strdup_vprintf (const char *format, va_list args)
{
  locale_t c_locale;
  locale_t previous;
  char *text;

  g_return_val_if_fail (format != NULL, NULL);

  previous = use_c_locale (&c_locale);
  text = g_strdup_vprintf (format, args);
  restore_locale (c_locale, previous);
  return text;
}

char *
ns_strdup_printf (const char *format, ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = ns_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

void
ns_string_append_printf (GString *string, const char *format, ...)
{
  va_list args;
  locale_t c_locale;
  locale_t previous;

  g_return_if_fail (string != NULL && format != NULL);

  previous = use_c_locale (&c_locale);
  va_start (args, format);
  g_string_append_vprintf (string, format, args);
  va_end (args);
  restore_locale (c_locale, previous);
}

int
ns_snprintf (char *buffer, gulong size, const char *format, ...)
{
  va_list args;
  locale_t c_locale;
  locale_t previous;
  int n;

  g_return_val_if_fail (format != NULL, 0);

  previous = use_c_locale (&c_locale);
  va_start (args, format);
  n = g_vsnprintf (buffer, size, format, args);
  va_end (args);
  restore_locale (c_locale, previous);
  return n;
}

gboolean
ns_parse_double (const char *text, double *value)
{
  char *end = NULL;
  double x;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  x = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !isfinite (x))
    return FALSE;
  *value = x;
  return TRUE;
}
