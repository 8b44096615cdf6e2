/* test-ui-draw.c: "Draw your own" and "ML vs DL side by side" (run under Xvfb): the window's
 * actions open them for image data only; a stroke drawn on the pad changes the image the
 * network sees and its guess; adding the drawing grows the training set with its label; the
 * ML-vs-DL panel trains logistic regression on the zones of the digits to at least 90% on the
 * test set the network is scored on.
 *
 * The networks here are dense: the main window's network view reads past a conv layer's
 * weights under AddressSanitizer (ns-render-network.c's link_value, not these tools); the
 * tools themselves serve conv networks too (test-experiment-classic predicts with one).
 *
 * NS_TEST_DUMP=dir saves both windows into dir. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ns-compare-panel.h"
#include "ns-draw-pad.h"
#include "ns-hand-features.h"
#include "ns-scene-view.h"
#include "ns-window.h"

#include "ns-test-experiment.h"
#include "ns-test-render.h"
#include "ns-test-ui.h"

static void
test_plane_data_disabled (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "circle", NULL);
  NsWindow *window = present_window (experiment);

  g_assert_false (opens (window, "win.draw", NS_TYPE_DRAW_PAD));
  g_assert_false (opens (window, "win.ml-vs-dl", NS_TYPE_COMPARE_PANEL));
  /* Digits: now they open. */
  ns_experiment_set_data (experiment, NS_DATASET_DIGITS, 0, 0.5, 0);
  g_assert_true (opens (window, "win.draw", NS_TYPE_DRAW_PAD));
  g_assert_true (opens (window, "win.ml-vs-dl", NS_TYPE_COMPARE_PANEL));
  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
  /* The tool windows go with the main window. */
  g_assert_null (find_tool (NS_TYPE_DRAW_PAD));
  g_assert_null (find_tool (NS_TYPE_COMPARE_PANEL));
}

/* Draws a "1": a vertical stroke down the pad's middle, through the pointer functions the drag
 * gesture calls. */
static void
draw_stroke (NsDrawPad *pad, double from_x, double from_y, double to_x, double to_y)
{
  NsPadPlace place;
  guint pw, ph;

  WAIT_UNTIL (ns_draw_pad_get_place (pad, &place, &pw, &ph), 5000);
  ns_draw_pad_stroke_begin (pad, place.x + from_x * pw * place.cell,
                            place.y + from_y * ph * place.cell);
  for (guint k = 1; k <= 10; k++)
    {
      double t = k / 10.0;

      ns_draw_pad_stroke_to (pad, place.x + (from_x + t * (to_x - from_x)) * pw * place.cell,
                             place.y + (from_y + t * (to_y - from_y)) * ph * place.cell);
    }
  ns_draw_pad_stroke_end (pad);
}

static void
test_draw (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "digits", "hidden", "32",
                                                         "optimizer", "adam", "lr", "0.01", NULL);
  NsWindow *window = present_window (experiment);
  NsDrawPad *pad;
  GtkWidget *tool;
  const float *image, *prob;
  float before_prob[10];
  guint c, h, w, n_classes, n_train;
  double ink = 0, centre = 0, sum = 0;

  ns_experiment_train_epochs (experiment, 3);
  g_assert_true (opens (window, "win.draw", NS_TYPE_DRAW_PAD));
  pad = NS_DRAW_PAD (find_tool (NS_TYPE_DRAW_PAD));
  tool = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (pad)));
  WAIT_UNTIL (gtk_widget_get_mapped (tool), 5000);

  /* An empty pad: an empty image, and the network's answer for it. */
  image = ns_draw_pad_get_image (pad, &c, &h, &w);
  g_assert_cmpuint (c, ==, 1);
  g_assert_cmpuint (h, ==, 8);
  g_assert_cmpuint (w, ==, 8);
  for (guint i = 0; i < 64; i++)
    g_assert_cmpfloat (image[i], ==, 0);
  prob = ns_draw_pad_get_probabilities (pad, &n_classes);
  g_assert_cmpuint (n_classes, ==, 10);
  memcpy (before_prob, prob, sizeof before_prob);

  /* A stroke off to the left: the image has ink, centred as the digits are. */
  draw_stroke (pad, 0.3, 0.15, 0.3, 0.85);
  image = ns_draw_pad_get_image (pad, NULL, NULL, NULL);
  for (guint y = 0; y < 8; y++)
    for (guint x = 0; x < 8; x++)
      {
        ink += image[y * 8 + x];
        centre += image[y * 8 + x] * (x + 0.5);
      }
  g_assert_cmpfloat (ink, >, 2);
  g_assert_cmpfloat (fabs (centre / ink - 4), <, 0.5);
  prob = ns_draw_pad_get_probabilities (pad, &n_classes);
  g_assert_cmpuint (n_classes, ==, 10);
  g_assert_true (memcmp (prob, before_prob, sizeof before_prob) != 0);
  for (guint k = 0; k < 10; k++)
    sum += prob[k];
  g_assert_cmpfloat (fabs (sum - 1), <, 1e-4);
  g_test_message ("a drawn 1: P(1) = %.3f", prob[1]);
  /* The picture shows the guess: the probabilities' bars were drawn. */
  WAIT_UNTIL (
      has_text_containing (ns_scene_view_get_scene (NS_SCENE_VIEW (ns_draw_pad_get_view (pad))),
                           "The network sees 8"),
      5000);
  dump_widget (tool, "ui-draw-pad.png");

  /* Added as a 1: one more training image, with its label and the pixels shown. */
  n_train = ns_experiment_get_dataset (experiment)->n_train;
  {
    float drawn[64];

    memcpy (drawn, image, sizeof drawn);
    ns_draw_pad_set_label (pad, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "pad.add", NULL));
    g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_train, ==, n_train + 1);
    g_assert_cmpfloat (ns_experiment_get_dataset (experiment)->train_y[n_train], ==, 1);
    g_assert_cmpmem (ns_experiment_get_dataset (experiment)->train_x + (gsize) n_train * 64,
                     sizeof drawn, drawn, sizeof drawn);
  }
  g_test_message ("%s", ns_draw_pad_get_message (pad));
  g_assert_nonnull (strstr (ns_draw_pad_get_message (pad), "Added as “1”"));
  /* The pad is clear again; an empty pad is not added. */
  image = ns_draw_pad_get_image (pad, NULL, NULL, NULL);
  for (guint i = 0; i < 64; i++)
    g_assert_cmpfloat (image[i], ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "pad.add", NULL));
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_train, ==, n_train + 1);

  /* Training goes on with the new image (the window's trainer was in mid-run). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  g_assert_false (ns_experiment_get_diverged (experiment));

  /* Clear empties a drawing. */
  draw_stroke (pad, 0.5, 0.2, 0.5, 0.8);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "pad.clear", NULL));
  image = ns_draw_pad_get_image (pad, NULL, NULL, NULL);
  for (guint i = 0; i < 64; i++)
    g_assert_cmpfloat (image[i], ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_draw_colour (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "apples", "count", "300", "hidden", "8", NULL);
  NsWindow *window = present_window (experiment);
  NsDrawPad *pad;
  const float *image;
  guint c, h, w, n_classes;
  gboolean coloured = FALSE;

  g_assert_true (opens (window, "win.draw", NS_TYPE_DRAW_PAD));
  pad = NS_DRAW_PAD (find_tool (NS_TYPE_DRAW_PAD));
  draw_stroke (pad, 0.3, 0.5, 0.7, 0.5);
  image = ns_draw_pad_get_image (pad, &c, &h, &w);
  g_assert_cmpuint (c, ==, 3);
  g_assert_cmpuint (h, ==, 16);
  g_assert_cmpuint (w, ==, 16);
  /* Red paint (the first colour) across the middle. */
  for (guint x = 0; x < 16; x++)
    if (image[(0 * 16 + 8) * 16 + x] > 0.7f && image[(1 * 16 + 8) * 16 + x] < 0.3f)
      coloured = TRUE;
  g_assert_true (coloured);
  g_assert_nonnull (ns_draw_pad_get_probabilities (pad, &n_classes));
  g_assert_cmpuint (n_classes, ==, 2);
  dump_widget (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (pad))), "ui-draw-pad-apples.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A conv network: the drawing's feature maps show beside its guess (the pad in a window of its
 * own, as the main window's view of conv networks is not part of this). */
static void
test_draw_feature_maps (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "digits", "hidden", "c4k3,p2,16", NULL);
  GtkWidget *window = gtk_window_new ();
  NsDrawPad *pad = NS_DRAW_PAD (ns_draw_pad_new (experiment));
  const NsScene *scene;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pad));
  gtk_window_present (GTK_WINDOW (window));
  draw_stroke (pad, 0.5, 0.2, 0.5, 0.8);
  scene = ns_scene_view_get_scene (NS_SCENE_VIEW (ns_draw_pad_get_view (pad)));
  WAIT_UNTIL (has_text_containing (scene, "conv 3\u00d73, 4 maps"), 5000);
  WAIT_UNTIL (has_text_containing (scene, "max-pool 2\u00d72"), 5000);
  dump_widget (window, "ui-draw-pad-conv.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_ml_vs_dl (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "digits", "hidden", "32",
                                                         "optimizer", "adam", "lr", "0.01", NULL);
  NsWindow *window = present_window (experiment);
  NsComparePanel *panel;
  const NsExperimentClassic *classic;
  NsClassicChoice choice;
  g_autofree char *network_text = NULL;

  ns_experiment_train_epochs (experiment, 3);
  g_assert_true (opens (window, "win.ml-vs-dl", NS_TYPE_COMPARE_PANEL));
  panel = NS_COMPARE_PANEL (find_tool (NS_TYPE_COMPARE_PANEL));
  /* Trained at once with the default features (zones, projections, edges), in the worker. */
  WAIT_UNTIL (!ns_compare_panel_is_training (panel), 30000);
  g_assert_nonnull (ns_compare_panel_get_classic (panel));
  g_assert_cmpuint (ns_compare_panel_get_classic (panel)->choice.features, ==,
                    NS_HAND_FEATURES_DIGITS);
  g_assert_cmpfloat (ns_compare_panel_get_classic (panel)->test_accuracy, >=, 0.95);

  /* A check for each digits feature, none for the colour ones. */
  g_assert_nonnull (ns_compare_panel_get_feature_check (panel, NS_HAND_ZONES));
  g_assert_nonnull (ns_compare_panel_get_feature_check (panel, NS_HAND_HOG));
  g_assert_null (ns_compare_panel_get_feature_check (panel, NS_HAND_COLOUR));

  /* Zones only, logistic regression, Train. */
  gtk_check_button_set_active (ns_compare_panel_get_feature_check (panel, NS_HAND_PROJECTIONS),
                               FALSE);
  gtk_check_button_set_active (ns_compare_panel_get_feature_check (panel, NS_HAND_HOG), FALSE);
  ns_compare_panel_get_choice (panel, &choice);
  g_assert_cmpuint (choice.features, ==, 1u << NS_HAND_ZONES);
  g_assert_cmpint (choice.kind, ==, NS_CLASSIC_LOGREG);
  g_assert_false (choice.on_pixels);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "compare.train", NULL));
  WAIT_UNTIL (!ns_compare_panel_is_training (panel), 30000);
  classic = ns_compare_panel_get_classic (panel);
  g_assert_nonnull (classic);
  g_test_message ("logreg on zones: %.4f; %s", classic->test_accuracy,
                  ns_compare_panel_get_classic_text (panel));
  g_assert_cmpfloat (classic->test_accuracy, >=, 0.9);
  /* The same test set as the network's. */
  g_assert_cmpuint (classic->n_test, ==, ns_experiment_get_dataset (experiment)->n_test);
  {
    g_autofree char *shown = g_strdup_printf ("Test accuracy %.1f%%", 100 * classic->test_accuracy);
    g_assert_cmpstr (ns_compare_panel_get_classic_text (panel), ==, shown);
  }
  network_text = g_strdup_printf ("Test accuracy %.1f%%",
                                  100 * ns_experiment_get_current (experiment)->test_accuracy);
  g_assert_cmpstr (ns_compare_panel_get_network_text (panel), ==, network_text);

  /* The network trains on in the main window: the panel follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  g_free (network_text);
  network_text = g_strdup_printf ("Test accuracy %.1f%%",
                                  100 * ns_experiment_get_current (experiment)->test_accuracy);
  WAIT_UNTIL (g_strcmp0 (ns_compare_panel_get_network_text (panel), network_text) == 0, 5000);

  ns_compare_panel_set_sample (panel, 5);
  dump_widget (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (panel))), "ui-ml-vs-dl.png");

  /* kNN on pixels. */
  choice.kind = NS_CLASSIC_KNN;
  choice.on_pixels = TRUE;
  ns_compare_panel_set_choice (panel, &choice);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "compare.train", NULL));
  WAIT_UNTIL (!ns_compare_panel_is_training (panel), 60000);
  g_assert_cmpint (ns_compare_panel_get_classic (panel)->choice.kind, ==, NS_CLASSIC_KNN);
  g_assert_cmpfloat (ns_compare_panel_get_classic (panel)->test_accuracy, >=, 0.97);

  /* No feature ticked: said, no crash. */
  choice.on_pixels = FALSE;
  choice.features = 0;
  ns_compare_panel_set_choice (panel, &choice);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "compare.train", NULL));
  WAIT_UNTIL (!ns_compare_panel_is_training (panel), 30000);
  g_assert_null (ns_compare_panel_get_classic (panel));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/draw/plane-data-disabled", test_plane_data_disabled);
  g_test_add_func ("/ui/draw/draw", test_draw);
  g_test_add_func ("/ui/draw/draw-colour", test_draw_colour);
  g_test_add_func ("/ui/draw/feature-maps", test_draw_feature_maps);
  g_test_add_func ("/ui/draw/ml-vs-dl", test_ml_vs_dl);

  return g_test_run ();
}
