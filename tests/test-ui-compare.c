/* test-ui-compare.c: the data-scaling experiment's window: opened from the main window's menu,
 * rows arriving from the worker while the window stays responsive, Cancel, and closing the
 * window during a run, and the main window's zoom and presentation mode followed (run under
 * Xvfb).
 *
 * NS_TEST_DUMP=dir saves the window as dir/ui-compare-window.png once some runs are in, and at
 * zoom 1.6 with apples' first runs in as dir/ui-compare-window-zoom.png.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ns-cli-compare.h"
#include "ns-compare-window.h"
#include "ns-compare.h"
#include "ns-scene-view.h"
#include "ns-window.h"

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
  g_assert_nonnull (strstr (template_label (window, "progress_label"), "of 105 runs"));
  g_assert_nonnull (strstr (template_label (window, "summary_label"), " images"));
  run_for (100);
  dump_widget (GTK_WIDGET (window), "ui-compare-window.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "compare.cancel", NULL));
  WAIT_UNTIL (!ns_compare_window_is_running (window), 60000);
  g_assert_true (g_str_has_prefix (template_label (window, "summary_label"), "Cancelled. "));
  g_assert_true (g_str_has_prefix (template_label (window, "progress_label"), "Cancelled after "));
  measured = n_measured (window);
  g_assert_cmpuint (measured, <, 105);
  /* Nothing more lands after the cancel. */
  run_for (300);
  g_assert_cmpuint (n_measured (window), ==, measured);

  /* Save CSV: the measured rows, read back as `neuroscope compare --csv-out` files are. */
  {
    g_autofree char *dir = g_dir_make_tmp ("ns-compare-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "scaling.csv", NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (GArray) back = NULL;

    g_assert_true (
        gtk_widget_activate_action (GTK_WIDGET (window), "compare.save-csv-to", "s", path));
    back = ns_cli_compare_read_csv (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->len, ==, measured);
    g_unlink (path);
    g_rmdir (dir);
  }

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

/* The data-scaling window the main window opened, or NULL. */
static NsCompareWindow *
find_compare_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, k);

      if (NS_IS_COMPARE_WINDOW (toplevel))
        return NS_COMPARE_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
has_compare_window (void)
{
  return find_compare_window () != NULL;
}

/* The natural height of the window's progress count: its text's size. */
static int
text_height (NsCompareWindow *window)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (
      GTK_WIDGET (window), NS_TYPE_COMPARE_WINDOW, "progress_label"));
  int natural;

  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The window follows the main window's zoom, set there or through the keys here (which act on
 * the main window), and presentation mode's: its text and its plot grow with it. */
static void
test_zoom (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "circle", NULL);
  NsWindow *window = present_window (experiment);
  NsCompareWindow *compare;
  NsSceneView *view;
  gboolean presentation;
  int at_1, at_1_2, at_1_6, min_height;

  /* It opens at the zoom of the moment. */
  ns_window_set_zoom (window, 1.2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  WAIT_UNTIL ((compare = find_compare_window ()) != NULL, 5000);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (compare)), 5000);
  view = NS_SCENE_VIEW (
      gtk_widget_get_template_child (GTK_WIDGET (compare), NS_TYPE_COMPARE_WINDOW, "view"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (compare), "ns-compare-window"));
  g_assert_cmpfloat (ns_compare_window_get_zoom (compare), ==, 1.2);
  g_assert_cmpfloat (ns_scene_view_get_zoom (view), ==, 1.2);
  run_for (100);
  at_1_2 = text_height (compare);

  /* Ctrl+0, Ctrl++ and Ctrl+- pressed here zoom the main window, and this one with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.zoom-reset", NULL));
  g_assert_cmpfloat (ns_window_get_zoom (window), ==, 1.0);
  g_assert_cmpfloat (ns_compare_window_get_zoom (compare), ==, 1.0);
  /* Once the style provider's new CSS has been applied (a frame or so; longer under ASan). */
  WAIT_UNTIL ((at_1 = text_height (compare)) < at_1_2, 10000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.zoom-in", NULL));
  g_assert_cmpfloat (ns_window_get_zoom (window), ==, 1.1);
  g_assert_cmpfloat (ns_compare_window_get_zoom (compare), ==, 1.1);
  g_assert_cmpfloat (ns_scene_view_get_zoom (view), ==, 1.1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.zoom-out", NULL));
  g_assert_cmpfloat (ns_compare_window_get_zoom (compare), ==, 1.0);

  /* Presentation mode's zoom (on this screen; 1.6 on a 1920x1080 projector), and back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.presentation", NULL));
  g_object_get (window, "presentation", &presentation, NULL);
  g_assert_true (presentation);
  g_assert_cmpfloat (ns_compare_window_get_zoom (compare), ==, ns_window_get_zoom (window));
  g_assert_cmpfloat (ns_compare_window_get_zoom (compare), >=, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (compare), "compare.presentation", NULL));
  g_object_get (window, "presentation", &presentation, NULL);
  g_assert_false (presentation);
  g_assert_cmpfloat (ns_compare_window_get_zoom (compare), ==, 1.0);

  /* The projector's zoom: the text and the plot grow by as much. */
  ns_window_set_zoom (window, 1.6);
  g_assert_cmpfloat (ns_compare_window_get_zoom (compare), ==, 1.6);
  g_assert_cmpfloat (ns_scene_view_get_zoom (view), ==, 1.6);
  WAIT_UNTIL ((at_1_6 = text_height (compare)) >= at_1 * 1.4, 10000);
  g_test_message ("progress text %d px at zoom 1, %d at 1.2, %d at 1.6", at_1, at_1_2, at_1_6);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL,
                      NULL);
  g_assert_cmpint (min_height, >=, 320 * 1.6 - 1);

  if (g_getenv ("NS_TEST_DUMP") != NULL)
    {
      gtk_drop_down_set_selected (
          GTK_DROP_DOWN (gtk_widget_get_template_child (
              GTK_WIDGET (compare), NS_TYPE_COMPARE_WINDOW, "dataset_dropdown")),
          1);
      ns_compare_window_run (compare);
      WAIT_UNTIL (n_measured (compare) >= 40, 300000);
      dump_widget (GTK_WIDGET (compare), "ui-compare-window-zoom.png");
    }
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (100);
  /* It goes with the main window. */
  g_assert_false (has_compare_window ());
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
  g_test_add_func ("/ui/compare/zoom", test_zoom);
  return g_test_run ();
}
