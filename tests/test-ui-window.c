/* test-ui-window.c: the main window's actions, training on the frame clock, and the network
 * view's rendering (run under Xvfb).
 *
 * NS_TEST_DUMP=dir saves the rendered network view as dir/ui-network-view.png.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ns-application.h"
#include "ns-curves-view.h"
#include "ns-experiment-step.h"
#include "ns-network-view.h"
#include "ns-output-view.h"
#include "ns-race-window.h"
#include "ns-scene-snapshot.h"
#include "ns-window.h"

#include "ns-test-locale.h"
#include "ns-test-render.h"
#include "ns-test-ui.h"

static NsExperiment *
make_experiment (const char *dataset, double learning_rate)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;

  ns_config_init_default (&config);
  if (dataset != NULL)
    g_assert_true (ns_config_set_option (&config, "dataset", dataset, &error));
  g_assert_no_error (error);
  if (learning_rate > 0)
    config.trainer.learning_rate = (float) learning_rate;

  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (experiment);

  return experiment;
}

/* The check button labelled @label under @widget, or NULL. */
static GtkWidget *
find_check_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget)
      && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The accel attribute of @action's item in @model (sections followed), or NULL. */
static char *
menu_accel (GMenuModel *model, const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          char *accel = menu_accel (section, action);

          if (accel != NULL)
            return accel;
        }
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_strcmp0 (name, action) == 0)
        {
          char *accel = NULL;

          g_menu_model_get_item_attribute (model, i, "accel", "s", &accel);
          return accel;
        }
    }
  return NULL;
}

static void
test_play_step_reset (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, 0);
  NsWindow *window = present_window (experiment);
  guint steps_per_epoch = ns_experiment_get_steps_per_epoch (experiment);
  guint64 paused_at;
  guint epoch;

  g_assert_true (ns_window_get_experiment (window) == experiment);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 0);
  g_assert_false (ns_window_get_playing (window));

  /* Play: the frame clock trains until paused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_true (ns_window_get_playing (window));
  WAIT_UNTIL (ns_experiment_get_step (experiment) > 0, 10000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL));
  g_assert_false (ns_window_get_playing (window));
  paused_at = ns_experiment_get_step (experiment);
  run_for (150);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, paused_at);

  /* Step: exactly to the end of the next epoch. */
  epoch = ns_experiment_get_epoch (experiment);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  g_assert_cmpuint (ns_experiment_get_epoch (experiment), ==, epoch + 1);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==,
                    (guint64) (epoch + 1) * steps_per_epoch);
  g_assert_false (ns_window_get_playing (window));

  /* The Right arrow reaches the window as a focus move; the window makes it a step. */
  g_signal_emit_by_name (window, "move-focus", GTK_DIR_RIGHT);
  g_assert_cmpuint (ns_experiment_get_epoch (experiment), ==, epoch + 2);

  /* Reset: back to step 0, paused, even while playing. */
  ns_window_set_playing (window, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL));
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 0);
  g_assert_cmpuint (ns_experiment_get_epoch (experiment), ==, 0);
  g_assert_false (ns_window_get_playing (window));

  /* The primary menu names zoom's keys as typed ("Ctrl++"), not the keypad's "Ctrl+KP +". */
  {
    GtkMenuButton *menu =
        GTK_MENU_BUTTON (find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
    g_autofree char *zoom_in = NULL;
    g_autofree char *zoom_out = NULL;
    guint key = 0;
    GdkModifierType mods = 0;

    g_assert_nonnull (menu);
    g_assert_true (gtk_menu_button_get_primary (menu));
    zoom_in = menu_accel (gtk_menu_button_get_menu_model (menu), "win.zoom-in");
    zoom_out = menu_accel (gtk_menu_button_get_menu_model (menu), "win.zoom-out");
    g_assert_true (gtk_accelerator_parse (zoom_in, &key, &mods));
    g_assert_cmpuint (key, ==, GDK_KEY_plus);
    g_assert_cmpuint (mods, ==, GDK_CONTROL_MASK);
    g_assert_true (gtk_accelerator_parse (zoom_out, &key, &mods));
    g_assert_cmpuint (key, ==, GDK_KEY_minus);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_steps_per_frame (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, 0);
  NsWindow *window = present_window (experiment);
  gint64 frames_before, frames_after;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint64 steps;

  /* With a cap of one step per frame, steps never outrun frames. */
  ns_window_set_steps_per_frame (window, 1);
  frames_before = gdk_frame_clock_get_frame_counter (clock);
  ns_window_set_playing (window, TRUE);
  WAIT_UNTIL (ns_experiment_get_step (experiment) >= 3, 10000);
  ns_window_set_playing (window, FALSE);
  frames_after = gdk_frame_clock_get_frame_counter (clock);
  steps = ns_experiment_get_step (experiment);

  g_assert_cmpint (frames_after - frames_before, >=, (gint64) steps - 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_diverged (void)
{
  /* Regression with a huge learning rate: the weights blow up within a few steps. */
  g_autoptr (NsExperiment) experiment = make_experiment ("reg-plane", 1e4);
  NsWindow *window = present_window (experiment);

  ns_window_set_playing (window, TRUE);
  WAIT_UNTIL (ns_experiment_get_diverged (experiment), 10000);
  WAIT_UNTIL (!ns_window_get_playing (window), 5000);

  /* Playing a diverged run does nothing; reset makes it playable again. */
  ns_window_set_playing (window, TRUE);
  g_assert_false (ns_window_get_playing (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL));
  g_assert_false (ns_experiment_get_diverged (experiment));
  ns_window_set_playing (window, TRUE);
  g_assert_true (ns_window_get_playing (window));
  ns_window_set_playing (window, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The control bar's actions drive the trainer live, without a reset. */
static void
test_controls (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("circle", 0);
  NsWindow *window = present_window (experiment);
  GtkWidget *w = GTK_WIDGET (window);
  const NsConfig *config = ns_experiment_get_config (experiment);
  guint64 steps;

  ns_experiment_step (experiment, 30);
  steps = ns_experiment_get_step (experiment);

  g_assert_true (gtk_widget_activate_action (w, "win.learning-rate", "d", 0.3));
  g_assert_cmpfloat (config->trainer.learning_rate, ==, 0.3f);
  g_assert_true (gtk_widget_activate_action (w, "win.optimizer", "s", "adam"));
  g_assert_cmpint (config->trainer.optimizer, ==, NN_OPT_ADAM);
  g_assert_true (gtk_widget_activate_action (w, "win.regularization", "s", "l1"));
  g_assert_cmpint (config->trainer.regularization, ==, NN_REG_L1);
  g_assert_cmpfloat (config->trainer.reg_rate, >, 0);
  g_assert_true (gtk_widget_activate_action (w, "win.regularization-rate", "d", 0.03));
  g_assert_cmpfloat (config->trainer.reg_rate, ==, 0.03f);
  g_assert_true (gtk_widget_activate_action (w, "win.regularization", "s", "none"));
  g_assert_cmpint (config->trainer.regularization, ==, NN_REG_NONE);
  /* None of that reset the run. */
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, steps);

  g_assert_true (gtk_widget_activate_action (w, "win.activation", "s", "relu"));
  for (guint h = 0; h < config->n_layers; h++)
    g_assert_cmpint (ns_experiment_get_net (experiment)->layers[h].act, ==, NN_ACT_RELU);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, steps);

  /* Ctrl+Z's action undoes network edits: the activation of every layer in one step. */
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  for (guint h = 0; h < config->n_layers; h++)
    g_assert_cmpint (ns_experiment_get_net (experiment)->layers[h].act, ==, NN_ACT_TANH);
  g_assert_false (ns_experiment_can_undo (experiment));

  g_assert_true (gtk_widget_activate_action (w, "win.problem", "s", "regression"));
  g_assert_cmpint (config->problem, ==, NS_PROBLEM_REGRESSION);
  g_assert_cmpint (ns_experiment_get_net (experiment)->loss, ==, NN_LOSS_MSE);

  g_assert_true (gtk_widget_activate_action (w, "win.steps-per-frame", "u", 5));
  g_assert_cmpuint (ns_window_get_steps_per_frame (window), ==, 5);

  g_assert_true (gtk_widget_activate_action (w, "win.zoom-in", NULL));
  g_assert_cmpfloat (ns_window_get_zoom (window), >, 1.0);
  g_assert_true (gtk_widget_activate_action (w, "win.zoom-reset", NULL));
  g_assert_cmpfloat (ns_window_get_zoom (window), ==, 1.0);

  /* Ctrl+C's action puts the view under the pointer (by default the network) on the
   * clipboard as an image. */
  WAIT_UNTIL (ns_scene_get_n_prims (ns_network_view_get_scene (
                  NS_NETWORK_VIEW (find_descendant (w, NS_TYPE_NETWORK_VIEW))))
                  > 0,
              5000);
  g_assert_true (gtk_widget_activate_action (w, "win.copy-image", NULL));
  g_assert_true (gdk_content_formats_contain_gtype (
      gdk_clipboard_get_formats (gtk_widget_get_clipboard (w)), GDK_TYPE_TEXTURE));

  /* Step sizes: a mini-batch, or one phase of one sample (Left goes back a phase). */
  {
    guint64 before = ns_experiment_get_step (experiment);
    const NsStepState *state;

    g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "batch"));
    g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
    g_assert_cmpuint (ns_experiment_get_step (experiment), ==, before + 1);

    g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "sample"));
    state = ns_experiment_get_step_state (experiment);
    /* Forward a layer at a time, the loss, then backward's first layer. */
    for (guint k = 0; k < state->n_layers + 2 || k == 0; k++)
      g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
    g_assert_cmpint (state->phase, ==, NS_STEP_BACKWARD);
    g_assert_cmpuint (state->layer, ==, 1);
    g_assert_cmpuint (state->sample, ==, 0);
    g_assert_true (gtk_widget_activate_action (w, "win.step-back", NULL));
    g_assert_cmpint (ns_experiment_get_step_state (experiment)->phase, ==, NS_STEP_LOSS);
    g_assert_cmpuint (ns_experiment_get_step (experiment), ==, before + 1);

    g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "epoch"));
    g_assert_cmpint (ns_experiment_get_step_state (experiment)->phase, ==, NS_STEP_IDLE);
  }

  /* The chart under the boundary switches to gradient health, then the hidden space. */
  {
    NsCurvesView *curves = NS_CURVES_VIEW (find_descendant (w, NS_TYPE_CURVES_VIEW));

    GtkWidget *accuracy = find_check_button (w, "_Accuracy");

    /* The Accuracy check speaks of the Loss chart: off on the others, so check and tabs
     * never disagree on what is shown. */
    g_assert_nonnull (accuracy);
    g_assert_true (gtk_widget_get_sensitive (accuracy));
    g_assert_true (gtk_widget_activate_action (w, "win.chart", "s", "gradients"));
    g_assert_cmpstr (ns_curves_view_get_chart (curves), ==, "gradients");
    g_assert_false (gtk_widget_get_sensitive (accuracy));
    WAIT_UNTIL (
        has_text_containing (ns_scene_view_get_scene (NS_SCENE_VIEW (curves)), "Gradient health"),
        5000);
    g_assert_true (gtk_widget_activate_action (w, "win.chart", "s", "space"));
    WAIT_UNTIL (
        has_text_containing (ns_scene_view_get_scene (NS_SCENE_VIEW (curves)), "Hidden space"),
        5000);
    g_assert_true (gtk_widget_activate_action (w, "win.chart", "s", "loss"));
    g_assert_cmpstr (ns_curves_view_get_chart (curves), ==, "loss");
    g_assert_true (gtk_widget_get_sensitive (accuracy));
  }

  /* A change made elsewhere (a lesson, say) shows in the window's state. */
  {
    NnTrainer trainer = config->trainer;
    double rate;
    trainer.learning_rate = 0.003f;
    ns_experiment_set_trainer (experiment, &trainer);
    g_object_get (window, "learning-rate", &rate, NULL);
    g_assert_cmpfloat (rate, ==, 0.003);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reset_lower_lr (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("reg-gauss", 10);
  NsWindow *window = present_window (experiment);

  const double rates[] = { 3, 1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.0001, 0.00001 };
  double checked;

  ns_experiment_step (experiment, 100000);
  g_assert_true (ns_experiment_get_diverged (experiment));
  g_assert_true (ns_experiment_find_stable_learning_rate (experiment, rates, G_N_ELEMENTS (rates),
                                                          5, &checked));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-lower-lr", NULL));
  g_assert_false (ns_experiment_get_diverged (experiment));
  /* The rate the experiment checked, not a blind third or tenth: the reset run holds. */
  g_assert_cmpfloat (ns_experiment_get_config (experiment)->trainer.learning_rate, ==,
                     (float) checked);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 0);
  ns_experiment_train_epochs (experiment, 5);
  g_assert_false (ns_experiment_get_diverged (experiment));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  guint textures, texts, colors, borders, transforms, cairo;
  int max_texture_width;
} NodeCounts;

static void
count_nodes (GskRenderNode *node, NodeCounts *counts)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_nodes (gsk_container_node_get_child (node, i), counts);
      break;

    case GSK_TRANSFORM_NODE:
      counts->transforms++;
      count_nodes (gsk_transform_node_get_child (node), counts);
      break;

    case GSK_CLIP_NODE:
      count_nodes (gsk_clip_node_get_child (node), counts);
      break;

    case GSK_ROUNDED_CLIP_NODE:
      count_nodes (gsk_rounded_clip_node_get_child (node), counts);
      break;

    case GSK_TEXTURE_NODE:
      counts->textures++;
      counts->max_texture_width = MAX (counts->max_texture_width,
                                       gdk_texture_get_width (gsk_texture_node_get_texture (node)));
      break;

    case GSK_TEXT_NODE:
      counts->texts++;
      break;

    case GSK_COLOR_NODE:
      counts->colors++;
      break;

    case GSK_BORDER_NODE:
      counts->borders++;
      break;

    case GSK_CAIRO_NODE:
      counts->cairo++;
      break;

    default:
      break;
    }
}

static void
test_snapshot_painter (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autoptr (NsSnapshotPainter) painter = ns_snapshot_painter_new ();
  NsColor blue = ns_color_from_hex ("#0877bd");
  NsColor white = ns_color_from_hex ("#ffffff");
  double points[] = { 0, 0, 10, 20, 30, 5 };

  for (int frame = 0; frame < 2; frame++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) node = NULL;
      NodeCounts counts = { 0 };
      guint32 *pixels;

      ns_scene_clear (scene);
      ns_scene_set_size (scene, 200, 100);
      ns_scene_set_background (scene, &white);
      ns_scene_add_line (scene, 10, 10, 190, 90, 3, &blue);
      for (int i = 0; i < 3; i++)
        ns_scene_add_circle (scene, 20 + 10 * i, 50, 4, &blue, &white, 1);
      pixels = ns_scene_add_image (scene, 100, 10, 80, 80, 8, 8, TRUE);
      for (int i = 0; i < 64; i++)
        pixels[i] = i % 2 ? 0xff000000u : 0xffffffffu;
      ns_scene_add_rect (scene, 5, 5, 20, 20, 4, &blue, &white, 1);
      ns_scene_add_text (scene, 100, 50, "X₁", NS_TEXT_LABEL, 14, NS_ALIGN_CENTER, NS_ALIGN_CENTER,
                         &blue);
      ns_scene_add_polyline (scene, points, 3, 2, &blue);

      ns_snapshot_painter_paint (painter, scene, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      g_assert_nonnull (node);
      count_nodes (node, &counts);

      /* One brush for the line, a sprite per point, one texture for the image. */
      g_assert_cmpuint (counts.textures, ==, 1 + 3 + 1);
      g_assert_cmpuint (counts.texts, ==, 1);
      g_assert_cmpuint (counts.colors, ==, 2); /* background, rectangle */
      g_assert_cmpuint (counts.borders, ==, 1);
      g_assert_cmpuint (counts.cairo, ==, 1);
      g_assert_cmpuint (counts.transforms, ==, 1); /* the rotated line (translations fold away) */
      /* The crisp 8x8 image was enlarged by whole pixels to its 80 px on screen. */
      g_assert_cmpint (counts.max_texture_width, ==, 80);

      /* The brush and the sprite are made once and reused. */
      g_assert_cmpuint (ns_snapshot_painter_get_n_cached (painter), ==, 2);
    }
}

static void
test_network_view_render (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, 0);
  NsWindow *window = present_window (experiment);
  NsNetworkView *view =
      NS_NETWORK_VIEW (find_descendant (GTK_WIDGET (window), NS_TYPE_NETWORK_VIEW));
  const NnNet *net = ns_experiment_get_net (experiment);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = NULL;
  g_autofree char *tip = NULL;
  const NsScene *scene;
  GtkSnapshot *snapshot;
  NodeCounts counts = { 0 };
  int width, height;
  gboolean varied = FALSE;
  const char *dump;

  g_assert_nonnull (view);
  g_assert_true (ns_network_view_get_experiment (view) == experiment);
  WAIT_UNTIL (ns_scene_get_n_prims (ns_network_view_get_scene (view)) > 0, 5000);

  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  g_assert_cmpint (width, >=, 320);
  g_assert_cmpint (height, >=, 240);

  /* Accessible name for screen readers. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  count_nodes (node, &counts);

  /* A heatmap texture per input and neuron, plus a brush per link. */
  scene = ns_network_view_get_scene (view);
  g_assert_cmpuint (counts.textures, >=, net->n_inputs + net->n_units);
  g_assert_cmpuint (counts.textures, ==,
                    ns_scene_count_prims (scene, NS_PRIM_IMAGE)
                        + ns_scene_count_prims (scene, NS_PRIM_LINE));
  g_assert_cmpuint (counts.texts, >=, 2);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  pixels = g_new (guint32, (size_t) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (size_t i = 1; i < (size_t) width * height && !varied; i++)
    varied = pixels[i] != pixels[0];
  g_assert_true (varied);

  dump = g_getenv ("NS_TEST_DUMP");
  if (dump != NULL && *dump != '\0')
    {
      g_autofree char *path = g_build_filename (dump, "ui-network-view.png", NULL);

      g_mkdir_with_parents (dump, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("dumped %s", path);
    }

  /* Tooltips: a neuron tells its bias, a link its weight. */
  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, k);
      g_autofree char *text = NULL;

      if (hit->kind == NS_HIT_NEURON)
        {
          text =
              ns_network_view_describe_at (view, (hit->x0 + hit->x1) / 2, (hit->y0 + hit->y1) / 2);
          g_assert_nonnull (strstr (text, "Bias"));
        }
      else if (hit->kind == NS_HIT_LINK && hit->layer == 0 && hit->neuron == 0 && hit->input == 0)
        {
          text = ns_network_view_describe_at (view, hit->x0 + (hit->x1 - hit->x0) * 0.3,
                                              hit->y0 + (hit->y1 - hit->y0) * 0.3);
          g_assert_nonnull (text);
          g_assert_nonnull (strstr (text, "Weight"));
        }
    }
  tip = ns_network_view_describe_at (view, 1, height - 1);
  g_assert_null (tip);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_application (void)
{
  g_autoptr (NsApplication) app = ns_application_new ();
  g_autoptr (GError) error = NULL;
  GtkWindow *window;
  GList *windows;
  NsExperiment *experiment;

  /* No session bus in the test environment: a non-unique application does not look for one. */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app))
                                                    | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (NS_IS_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);

  /* The default experiment: the Playground's circle, 2 inputs, hidden 4,2. */
  experiment = ns_window_get_experiment (NS_WINDOW (window));
  g_assert_nonnull (experiment);
  g_assert_cmpuint (ns_experiment_get_net (experiment)->n_inputs, ==, 2);
  g_assert_cmpuint (ns_experiment_get_net (experiment)->n_layers, ==, 3);

  /* A second activation presents the same window. */
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 2);
  g_assert_true (ADW_IS_ABOUT_WINDOW (windows->data));
  gtk_window_destroy (GTK_WINDOW (windows->data));

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  gtk_window_destroy (window);
  run_for (50);
}

static NsRaceWindow *
find_race_window (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (NS_IS_RACE_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_race (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("spiral", 0);
  NsWindow *window = present_window (experiment);
  GtkWidget *w = GTK_WIDGET (window);
  NsRaceWindow *race, *again;
  NsRace *contest;

  g_assert_null (find_race_window ());
  g_assert_true (gtk_widget_activate_action (w, "win.race", NULL));
  race = find_race_window ();
  g_assert_nonnull (race);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (race)) == GTK_WINDOW (window));
  contest = ns_race_window_get_race (race);
  g_assert_cmpuint (ns_race_get_n_contestants (contest), ==, 3);
  g_assert_cmpint (ns_race_get_config (contest)->dataset, ==, NS_DATASET_SPIRAL);
  g_assert_cmpint (ns_race_get_optimizer (contest, 2), ==, NN_OPT_ADAM);

  g_assert_true (gtk_widget_activate_action (w, "win.zoom-in", NULL));
  g_assert_cmpfloat (ns_race_window_get_zoom (race), ==, ns_window_get_zoom (window));

  g_object_add_weak_pointer (G_OBJECT (race), (gpointer *) &race);
  g_assert_true (gtk_widget_activate_action (w, "win.race", NULL));
  WAIT_UNTIL (race == NULL, 5000);
  again = find_race_window ();
  g_assert_nonnull (again);
  g_assert_cmpfloat (ns_race_window_get_zoom (again), ==, ns_window_get_zoom (window));

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (find_race_window () == NULL, 5000);
}

/* The spin button of the value of added points (regression), found by its range. */
static GtkSpinButton *
find_value_spin (GtkWidget *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    {
      double lower, upper;

      gtk_spin_button_get_range (GTK_SPIN_BUTTON (widget), &lower, &upper);
      if (lower == -1.0 && upper == 1.0)
        return GTK_SPIN_BUTTON (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found = find_value_spin (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Under a German locale the value of added points reads 0.5, as every number in the window
 * does, not 0,5; and what is typed is read in C numerics. */
static void
test_spin_c_numerics (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("reg-plane", 0);
  NsWindow *window;
  GtkSpinButton *spin;
  double value;

  if (!ns_test_use_comma_locale ())
    return;
  window = present_window (experiment);
  spin = find_value_spin (GTK_WIDGET (window));
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (spin, 0.5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.5");
  gtk_spin_button_set_value (spin, -0.3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "-0.3");

  /* Typed into its text field. */
  gtk_editable_set_text (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "0.7");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 0.7, 1e-9);
  /* The output view's value follows (a bound property). */
  g_object_get (find_descendant (GTK_WIDGET (window), NS_TYPE_OUTPUT_VIEW), "value-to-add", &value,
                NULL);
  g_assert_cmpfloat_with_epsilon (value, 0.7, 1e-6);
  /* A text that is not a number leaves the value as it was. */
  gtk_editable_set_text (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "lots");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (spin), 0.7, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
  ns_test_use_c_locale ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/snapshot-painter", test_snapshot_painter);
  g_test_add_func ("/ui/application", test_application);
  g_test_add_func ("/ui/window/play-step-reset", test_play_step_reset);
  g_test_add_func ("/ui/window/steps-per-frame", test_steps_per_frame);
  g_test_add_func ("/ui/window/diverged", test_diverged);
  g_test_add_func ("/ui/window/controls", test_controls);
  g_test_add_func ("/ui/window/reset-lower-lr", test_reset_lower_lr);
  g_test_add_func ("/ui/window/race", test_race);
  g_test_add_func ("/ui/window/spin-c-numerics", test_spin_c_numerics);
  g_test_add_func ("/ui/network-view/render", test_network_view_render);

  return g_test_run ();
}
