/* test-ui-compare.c: the data-scaling experiment's window: opened from the main window's menu,
 * rows arriving from the worker while the window stays responsive, Cancel, and closing the
 * window during a run (run under Xvfb).
 *
 * NS_TEST_DUMP=dir saves the window as dir/ui-compare-window.png once some runs are in.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ns-compare-window.h"
#include "ns-compare.h"

#include "ns-test-experiment.h"
#include "ns-test-ui.h"

static guint
n_measured (NsCompareWindow *window)
{
  const GArray *rows = ns_compare_window_get_rows (window);
  guint n = 0;

  for (guint k = 0; k < rows->len; k++)
    n += !isnan (g_array_index (rows, NsCompareRow, k).test_accuracy);
  return n;
}

static const char *
template_label (NsCompareWindow *window, const char *name)
{
  return gtk_label_get_label (GTK_LABEL (
      gtk_widget_get_template_child (GTK_WIDGET (window), NS_TYPE_COMPARE_WINDOW, name)));
}

static void
test_run_cancel (void)
{
  NsCompareWindow *window = ns_compare_window_new (NULL);
  GtkProgressBar *bar;
  guint measured;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (ns_compare_window_is_running (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "compare.run", NULL));
  g_assert_true (ns_compare_window_is_running (window));
  /* The plan is there at once: 5 models x 7 fractions x 3 runs, nothing measured. */
  g_assert_cmpuint (ns_compare_window_get_rows (window)->len, ==, 105);
  g_assert_cmpuint (n_measured (window), ==, 0);

  /* Rows arrive while the main loop runs: the work is in the worker. */
  WAIT_UNTIL (n_measured (window) >= 6, 120000);
  bar = GTK_PROGRESS_BAR (
      gtk_widget_get_template_child (GTK_WIDGET (window), NS_TYPE_COMPARE_WINDOW, "progress_bar"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >, 0.0);
  g_assert_nonnull (strstr (gtk_progress_bar_get_text (bar), "of 105 runs"));
  g_assert_nonnull (strstr (template_label (window, "summary_label"), " images"));
  run_for (100);
  dump_widget (GTK_WIDGET (window), "ui-compare-window.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "compare.cancel", NULL));
  WAIT_UNTIL (!ns_compare_window_is_running (window), 60000);
  g_assert_true (g_str_has_prefix (template_label (window, "summary_label"), "Cancelled. "));
  g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (bar), "Cancelled after "));
  measured = n_measured (window);
  g_assert_cmpuint (measured, <, 105);
  /* Nothing more lands after the cancel. */
  run_for (300);
  g_assert_cmpuint (n_measured (window), ==, measured);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing the window stops its worker; the rows still queued find no window, and nothing
 * crashes. */
static void
test_close_while_running (void)
{
  NsCompareWindow *window = ns_compare_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "compare.run", NULL));
  WAIT_UNTIL (n_measured (window) >= 1, 120000);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (1500);
}

static gboolean
has_compare_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */
  gboolean found = FALSE;

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, k);

      found = found || NS_IS_COMPARE_WINDOW (toplevel);
    }
  return found;
}

static void
test_menu_action (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "circle", NULL);
  NsWindow *window = ns_window_new (NULL, experiment);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (has_compare_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  WAIT_UNTIL (has_compare_window (), 5000);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (100);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/compare/run-cancel", test_run_cancel);
  g_test_add_func ("/ui/compare/close-while-running", test_close_while_running);
  g_test_add_func ("/ui/compare/menu-action", test_menu_action);
  return g_test_run ();
}
