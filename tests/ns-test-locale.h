/* ns-test-locale.h: running a test under a locale that writes decimal commas, to show that
 * what the program writes and reads does not follow it (numbers are C in every locale). */
#pragma once

#include <locale.h>

#include <glib.h>

/* A locale whose decimal separator is a comma; build-aux/deps.sh (ensure_locale) generates it. */
#define NS_TEST_COMMA_LOCALE "de_DE.UTF-8"

/* Switches the whole process to NS_TEST_COMMA_LOCALE, as main() does for a German user. When
 * the locale is missing the test fails, saying so: a locale test that skips quietly would pass
 * on every machine that cannot run it, CI included. */
static G_GNUC_UNUSED gboolean
ns_test_use_comma_locale (void)
{
  if (setlocale (LC_ALL, NS_TEST_COMMA_LOCALE) == NULL)
    {
      g_test_fail_printf ("the locale " NS_TEST_COMMA_LOCALE " is missing: build-aux/test "
                          "generates it (or: localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return FALSE;
    }
  return TRUE;
}

/* Back to the C locale, for the next test. */
static G_GNUC_UNUSED void
ns_test_use_c_locale (void)
{
  setlocale (LC_ALL, "C");
}
