/* ns-history-csv.c: the curves as CSV (see the header). */
#include "ns-history-csv.h"

#include <math.h>

/* The shortest text that reads back as @value (g_ascii_dtostr ignores the locale), or "" for
 * a number a spreadsheet could not take. */
static const char *
format_number (char *buf, double value)
{
  if (!isfinite (value))
    {
      buf[0] = '\0';
      return buf;
    }
  return g_ascii_dtostr (buf, G_ASCII_DTOSTR_BUF_SIZE, value);
}

char *
ns_history_to_csv (NsExperiment *exp)
{
  GString *csv = g_string_new ("epoch,train_loss,test_loss,train_accuracy,test_accuracy\n");
  guint n = 0;
  const NsHistoryEntry *history = ns_experiment_get_history (exp, &n);

  for (guint k = 0; k < n; k++)
    {
      char train_loss[G_ASCII_DTOSTR_BUF_SIZE], test_loss[G_ASCII_DTOSTR_BUF_SIZE];
      char train_acc[G_ASCII_DTOSTR_BUF_SIZE], test_acc[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (csv, "%u,%s,%s,%s,%s\n", history[k].epoch,
                              format_number (train_loss, history[k].train_loss),
                              format_number (test_loss, history[k].test_loss),
                              format_number (train_acc, history[k].train_accuracy),
                              format_number (test_acc, history[k].test_accuracy));
    }
  return g_string_free (csv, FALSE);
}

gboolean
ns_history_write_csv (NsExperiment *exp, const char *path, GError **error)
{
  g_autofree char *csv = ns_history_to_csv (exp);
  g_autoptr (GError) local = NULL;

  /* A temporary file renamed over the old one: a reader never sees half a file. */
  if (!g_file_set_contents (path, csv, -1, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: cannot write: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
