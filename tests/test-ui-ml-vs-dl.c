/* test-ui-ml-vs-dl.c: "ML vs DL side by side" trains its classic model in a worker thread (run
 * under Xvfb), driven through its actions: the result shows once the worker has finished; a
 * second request cancels the first and only the second's result is shown; the window goes on
 * drawing frames while kNN reads the pixels of thousands of apples; closing the panel's window
 * or the main window cancels the training; its text follows the main window's zoom.
 *
 * NS_TEST_DUMP=dir saves the panel's window while it trains as dir/ui-ml-vs-dl-training.png. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ns-compare-panel.h"
#include "ns-hand-features.h"
#include "ns-window.h"

#include "ns-test-experiment.h"
#include "ns-test-ui.h"

/* Apples enough that kNN on the pixels takes seconds (3,200 training images of 768 values:
 * every training image against every other for its training accuracy). */
#define SLOW_APPLES "4000"

static void
count_frame_cb (GdkFrameClock *clock, gpointer data)
{
  (*(guint *) data)++;
}

/* Sets @kind on the pixels or on the default features and asks for a training. */
static void
request (NsComparePanel *panel, NsClassicKind kind, gboolean on_pixels)
{
  NsClassicChoice choice;

  ns_compare_panel_get_choice (panel, &choice);
  choice.kind = kind;
  choice.on_pixels = on_pixels;
  ns_compare_panel_set_choice (panel, &choice);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "compare.train", NULL));
}

static NsComparePanel *
open_panel (NsWindow *window)
{
  g_assert_true (opens (window, "win.ml-vs-dl", NS_TYPE_COMPARE_PANEL));
  return NS_COMPARE_PANEL (find_tool (NS_TYPE_COMPARE_PANEL));
}

static void
test_worker (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "apples", "count", SLOW_APPLES, "hidden", "8", NULL);
  NsWindow *window = present_window (experiment);
  NsComparePanel *panel = open_panel (window);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (panel)));
  g_autoptr (GCancellable) first = NULL;
  const NsExperimentClassic *classic;
  GdkFrameClock *clock;
  guint frames = 0;
  gulong handler;

  /* The panel opens training the default features' logistic regression (quick: it may be
   * done already); the result shows when the worker is done. */
  WAIT_UNTIL (!ns_compare_panel_is_training (panel), 60000);
  classic = ns_compare_panel_get_classic (panel);
  g_assert_nonnull (classic);
  g_assert_cmpint (classic->choice.kind, ==, NS_CLASSIC_LOGREG);
  g_assert_false (classic->choice.on_pixels);
  g_assert_cmpuint (classic->n_train, ==, ns_experiment_get_dataset (experiment)->n_train);
  g_assert_cmpfloat (classic->test_accuracy, >, 0.6);
  {
    g_autofree char *shown = g_strdup_printf ("Test accuracy %.1f%%", 100 * classic->test_accuracy);

    g_assert_cmpstr (ns_compare_panel_get_classic_text (panel), ==, shown);
  }
  g_assert_cmpstr (ns_compare_panel_get_status_text (panel), ==, "");

  /* kNN on the pixels: slow, and the window draws frame after frame meanwhile. */
  request (panel, NS_CLASSIC_KNN, TRUE);
  g_assert_true (ns_compare_panel_is_training (panel));
  g_assert_nonnull (strstr (ns_compare_panel_get_status_text (panel), "Training"));
  g_assert_nonnull (strstr (ns_compare_panel_get_status_text (panel), "raw pixels"));
  /* The last result stays until the new one is in. */
  g_assert_true (ns_compare_panel_get_classic (panel) == classic);
  first = g_object_ref (ns_compare_panel_get_training_cancellable (panel));
  clock = gtk_widget_get_frame_clock (root);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &frames);
  for (guint k = 0; k < 5; k++)
    {
      gtk_widget_queue_draw (root);
      WAIT_UNTIL (frames > k, 5000);
    }
  g_signal_handler_disconnect (clock, handler);
  g_test_message ("%u frames drawn while kNN trained", frames);
  g_assert_true (ns_compare_panel_is_training (panel));
  g_assert_false (g_cancellable_is_cancelled (first));
  dump_widget (root, "ui-ml-vs-dl-training.png");

  /* A second request cancels the first; only the second's result is shown. */
  request (panel, NS_CLASSIC_LOGREG, FALSE);
  g_assert_true (g_cancellable_is_cancelled (first));
  g_assert_true (ns_compare_panel_get_training_cancellable (panel) != first);
  WAIT_UNTIL (!ns_compare_panel_is_training (panel), 60000);
  g_assert_cmpint (ns_compare_panel_get_classic (panel)->choice.kind, ==, NS_CLASSIC_LOGREG);
  /* The first's worker has long stopped; its result (an error) was dropped. */
  run_for (300);
  g_assert_nonnull (ns_compare_panel_get_classic (panel));
  g_assert_cmpint (ns_compare_panel_get_classic (panel)->choice.kind, ==, NS_CLASSIC_LOGREG);

  /* Changing the model in the controls is a request too. */
  {
    NsClassicChoice choice;

    ns_compare_panel_get_choice (panel, &choice);
    choice.kind = NS_CLASSIC_KNN;
    ns_compare_panel_set_choice (panel, &choice);
    WAIT_UNTIL (ns_compare_panel_is_training (panel), 5000);
    g_assert_nonnull (strstr (ns_compare_panel_get_status_text (panel), "k-nearest"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
}

/* Closing the panel's window, or the main window, cancels the training going on. */
static void
test_close_cancels (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "apples", "count", SLOW_APPLES, "hidden", "8", NULL);
  NsWindow *window = present_window (experiment);
  NsComparePanel *panel = open_panel (window);
  g_autoptr (GCancellable) cancellable = NULL;

  request (panel, NS_CLASSIC_KNN, TRUE);
  cancellable = g_object_ref (ns_compare_panel_get_training_cancellable (panel));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (panel))));
  run_for (50);
  g_assert_null (find_tool (NS_TYPE_COMPARE_PANEL));
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_clear_object (&cancellable);

  panel = open_panel (window);
  request (panel, NS_CLASSIC_KNN, TRUE);
  cancellable = g_object_ref (ns_compare_panel_get_training_cancellable (panel));
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
  g_assert_null (find_tool (NS_TYPE_COMPARE_PANEL));
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  /* The stopped workers' results land on nobody. */
  run_for (500);
}

/* The natural height of @widget's first label: its text's size. */
static int
label_height (GtkWidget *widget)
{
  GtkWidget *label = find_descendant (widget, GTK_TYPE_LABEL);
  int natural;

  g_assert_nonnull (label);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The panel's window follows the main window's zoom: its text as well as its pictures. */
static void
test_zoom (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "digits", "hidden", "8", NULL);
  NsWindow *window = present_window (experiment);
  NsComparePanel *panel = open_panel (window);
  GtkWidget *check = GTK_WIDGET (ns_compare_panel_get_feature_check (panel, NS_HAND_ZONES));
  int at_1, at_1_6;

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (panel))),
                                           "ns-window"));
  run_for (100);
  at_1 = label_height (check);
  ns_window_set_zoom (window, 1.6);
  /* Once the style provider's new CSS has been applied (a frame or so; longer under ASan). */
  WAIT_UNTIL ((at_1_6 = label_height (check)) >= at_1 * 1.4, 10000);
  g_test_message ("a feature's name: %d px at zoom 1, %d px at 1.6", at_1, at_1_6);
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/ml-vs-dl/worker", test_worker);
  g_test_add_func ("/ui/ml-vs-dl/close-cancels", test_close_cancels);
  g_test_add_func ("/ui/ml-vs-dl/zoom", test_zoom);

  return g_test_run ();
}
