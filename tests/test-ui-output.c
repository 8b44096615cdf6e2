/* test-ui-output.c: the decision boundary and loss curve widgets: drawing, clicks that add and
 * remove points, the toggles (run under Xvfb).
 *
 * NS_TEST_DUMP=dir saves the rendered views as PNG files in dir.
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "ns-curves-view.h"
#include "ns-experiment-step.h"
#include "ns-output-view.h"
#include "ns-render-curves.h"
#include "ns-render-output.h"

#include "ns-test-ui.h"

static NsExperiment *
make_experiment (const char *dataset)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;

  ns_config_init_default (&config);
  if (dataset != NULL)
    g_assert_true (ns_config_set_option (&config, "dataset", dataset, &error));
  g_assert_no_error (error);

  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (experiment);

  return experiment;
}

static GtkWindow *
present (GtkWidget *view, int width, int height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (view), 5000);

  return window;
}

static guint
count_textures (GskRenderNode *node)
{
  guint count = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count += count_textures (gsk_container_node_get_child (node, i));
      break;
    case GSK_TRANSFORM_NODE:
      count += count_textures (gsk_transform_node_get_child (node));
      break;
    case GSK_CLIP_NODE:
      count += count_textures (gsk_clip_node_get_child (node));
      break;
    case GSK_TEXTURE_NODE:
      count++;
      break;
    default:
      break;
    }

  return count;
}

static GtkGestureClick *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE_CLICK (controller);
    }

  return NULL;
}

/* The index of the training point at (x1, x2), or -1. */
static int
find_point (NsExperiment *experiment, double x1, double x2)
{
  const NsDataset *data = ns_experiment_get_dataset (experiment);

  for (guint s = 0; s < data->n_train; s++)
    if (fabs (data->train_x[(size_t) s * data->n_inputs] - x1) < 1e-4
        && fabs (data->train_x[(size_t) s * data->n_inputs + 1] - x2) < 1e-4)
      return (int) s;

  return -1;
}

static void
test_output_render (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("circle");
  NsOutputView *view = NS_OUTPUT_VIEW (ns_output_view_new ());
  GtkWindow *window = present (GTK_WIDGET (view), 420, 480);
  const NsDataset *data = ns_experiment_get_dataset (experiment);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autofree char *tip = NULL;
  const NsScene *scene = ns_scene_view_get_scene (NS_SCENE_VIEW (view));
  GtkSnapshot *snapshot;
  double x, y;

  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Decision boundary");

  /* Nothing to draw yet. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_cmpuint (ns_scene_get_n_prims (scene), ==, 0);
  g_assert_false (ns_output_view_plane_to_widget (view, 0, 0, &x, &y));

  ns_output_view_set_experiment (view, experiment);
  WAIT_UNTIL (ns_scene_get_n_prims (scene) > 0, 5000);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), >=, 1);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), >=, data->n_train);

  /* As render nodes: the heatmap and every point are textures (points copies of a sprite). */
  paintable = gtk_widget_paintable_new (GTK_WIDGET (view));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (view)),
                          gtk_widget_get_height (GTK_WIDGET (view)));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_cmpuint (count_textures (node), >=,
                    ns_scene_count_prims (scene, NS_PRIM_IMAGE)
                        + ns_scene_count_prims (scene, NS_PRIM_CIRCLE));
  dump_widget (GTK_WIDGET (view), "ui-output-view.png");

  /* The tooltip over the plane tells coordinates and output; off the plane, nothing. */
  g_assert_true (ns_output_view_plane_to_widget (view, 0, 0, &x, &y));
  tip = ns_output_view_describe_at (view, x, y);
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "P(blue)"));
  g_assert_nonnull (strstr (tip, "Click to add"));
  g_clear_pointer (&tip, g_free);
  tip = ns_output_view_describe_at (view, 1, 1);
  g_assert_null (tip);

  /* Training redraws the picture: the heatmap changes. */
  {
    const NsImage *image = NULL;
    g_autofree guint32 *before = NULL;
    gboolean changed = FALSE;
    size_t n;

    for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
      if (ns_scene_get_prim (scene, i)->kind == NS_PRIM_IMAGE)
        {
          image = &ns_scene_get_prim (scene, i)->image;
          break;
        }
    g_assert_nonnull (image);
    n = (size_t) image->pixel_width * image->pixel_height;
    before = g_memdup2 (image->pixels, n * 4);

    ns_experiment_train_epochs (experiment, 5);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
    for (size_t i = 0; i < ns_scene_get_n_prims (scene) && !changed; i++)
      if (ns_scene_get_prim (scene, i)->kind == NS_PRIM_IMAGE)
        changed = memcmp (ns_scene_get_prim (scene, i)->image.pixels, before, n * 4) != 0;
    g_assert_true (changed);
  }

  gtk_window_destroy (window);
}

static void
test_output_add_remove (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("gauss");
  NsOutputView *view = NS_OUTPUT_VIEW (ns_output_view_new ());
  GtkWindow *window = present (GTK_WIDGET (view), 420, 480);
  const NsDataset *data = ns_experiment_get_dataset (experiment);
  const NsScene *scene = ns_scene_view_get_scene (NS_SCENE_VIEW (view));
  GtkGestureClick *gesture;
  guint n_train = data->n_train;
  double x, y, x1, x2;
  int index;

  ns_output_view_set_experiment (view, experiment);
  WAIT_UNTIL (ns_scene_get_n_prims (scene) > 0, 5000);

  /* The action: a point of the chosen class at exactly those coordinates. */
  ns_output_view_set_class_to_add (view, 0);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (view), "output.add-point", "(dd)", 1.5, -2.0));
  data = ns_experiment_get_dataset (experiment);
  g_assert_cmpuint (data->n_train, ==, n_train + 1);
  index = find_point (experiment, 1.5, -2.0);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpfloat (data->train_y[index], ==, 0);

  /* The picture follows: one more point drawn. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_true (ns_output_view_plane_to_widget (view, 1.5, -2.0, &x, &y));
  {
    const NsHitRegion *hit = ns_scene_hit_test (scene, x, y);

    g_assert_nonnull (hit);
    g_assert_cmpint (hit->layer, ==, NS_OUTPUT_HIT_TRAIN);
  }

  /* A real click through the widget's gesture, at the place of (-3, 2.5) on screen. */
  ns_output_view_set_class_to_add (view, 1);
  g_object_set (view, "class-to-add", 1, NULL);
  gesture = find_click_gesture (GTK_WIDGET (view));
  g_assert_nonnull (gesture);
  g_assert_true (ns_output_view_plane_to_widget (view, -3.0, 2.5, &x, &y));
  g_assert_true (ns_output_view_widget_to_plane (view, x, y, &x1, &x2));
  g_assert_cmpfloat_with_epsilon (x1, -3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (x2, 2.5, 1e-9);
  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  data = ns_experiment_get_dataset (experiment);
  g_assert_cmpuint (data->n_train, ==, n_train + 2);
  index = find_point (experiment, -3.0, 2.5);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpfloat (data->train_y[index], ==, 1);

  /* A click off the plane adds nothing. */
  g_signal_emit_by_name (gesture, "pressed", 1, 1.0, 1.0);
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_train, ==, n_train + 2);

  /* Ctrl+click removes the nearest point (the one just added). */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_true (ns_output_view_plane_to_widget (view, -3.02, 2.49, &x, &y));
  g_assert_true (ns_output_view_click (view, x, y, GDK_CONTROL_MASK));
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_train, ==, n_train + 1);
  g_assert_cmpint (find_point (experiment, -3.0, 2.5), ==, -1);

  /* And the action does the same. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (view), "output.remove-point", "(dd)", 1.5, -2.0));
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_train, ==, n_train);
  g_assert_cmpint (find_point (experiment, 1.5, -2.0), ==, -1);

  gtk_window_destroy (window);
}

static void
test_output_regression (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("reg-plane");
  NsOutputView *view = NS_OUTPUT_VIEW (ns_output_view_new ());
  GtkWindow *window = present (GTK_WIDGET (view), 420, 480);
  const NsDataset *data;
  g_autofree char *tip = NULL;
  double x, y;
  int index;

  ns_output_view_set_experiment (view, experiment);
  WAIT_UNTIL (ns_scene_get_n_prims (ns_scene_view_get_scene (NS_SCENE_VIEW (view))) > 0, 5000);

  /* Regression points get the chosen value. */
  ns_output_view_set_value_to_add (view, -0.75);
  g_assert_true (ns_output_view_plane_to_widget (view, 2.0, 2.0, &x, &y));
  g_assert_true (ns_output_view_click (view, x, y, 0));
  data = ns_experiment_get_dataset (experiment);
  index = find_point (experiment, 2.0, 2.0);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpfloat (data->train_y[index], ==, -0.75f);

  tip = ns_output_view_describe_at (view, x, y);
  g_assert_nonnull (strstr (tip, "Predicted value"));
  g_assert_nonnull (strstr (tip, "chosen value"));

  gtk_window_destroy (window);
}

static void
test_output_toggles (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("xor");
  NsOutputView *view = NS_OUTPUT_VIEW (ns_output_view_new ());
  GtkWindow *window = present (GTK_WIDGET (view), 420, 480);
  const NsScene *scene = ns_scene_view_get_scene (NS_SCENE_VIEW (view));
  size_t before;

  ns_output_view_set_experiment (view, experiment);
  WAIT_UNTIL (ns_scene_get_n_prims (scene) > 0, 5000);
  before = ns_scene_get_n_prims (scene);

  /* Show test points: the scene gains a circle per test point. */
  g_assert_false (ns_output_view_get_show_test_points (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "output.show-test", NULL));
  g_assert_true (ns_output_view_get_show_test_points (view));
  WAIT_UNTIL (ns_scene_get_n_prims (scene) != before, 5000);
  g_assert_cmpuint (ns_scene_get_n_prims (scene), >, before);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), >,
                    ns_experiment_get_dataset (experiment)->n_train
                        + ns_experiment_get_dataset (experiment)->n_test / 2);
  dump_widget (GTK_WIDGET (view), "ui-output-test-points.png");

  /* And back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "output.show-test", NULL));
  g_assert_false (ns_output_view_get_show_test_points (view));
  WAIT_UNTIL (ns_scene_get_n_prims (scene) == before, 5000);

  /* Discretize: the heatmap becomes crisp class colours. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "output.discretize", NULL));
  g_assert_true (ns_output_view_get_discretize (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE && prim->image.pixel_width == NS_RENDER_OUTPUT_GRID)
        g_assert_true (prim->image.crisp);
    }

  /* Zoom enlarges the text and points. */
  ns_scene_view_set_zoom (NS_SCENE_VIEW (view), 2.0);
  g_assert_cmpfloat (ns_scene_view_get_zoom (NS_SCENE_VIEW (view)), ==, 2.0);

  gtk_window_destroy (window);
}

/* The heatmaps in @scene: the images of the output grid's size. */
static guint
count_heatmaps (const NsScene *scene)
{
  guint count = 0;

  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE && prim->image.pixel_width == NS_RENDER_OUTPUT_GRID
          && prim->image.pixel_height == NS_RENDER_OUTPUT_GRID)
        count++;
    }

  return count;
}

/* Stepping through a mini-batch phase by phase: at its update the view shows the boundary
 * before and after; the next phase (idle) shows one again. */
static void
test_output_before_after (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) experiment = NULL;
  NsOutputView *view = NS_OUTPUT_VIEW (ns_output_view_new ());
  GtkWindow *window = present (GTK_WIDGET (view), 440, 520);
  const NsScene *scene = ns_scene_view_get_scene (NS_SCENE_VIEW (view));
  static const char *const options[] = { "dataset", "xor", "hidden", "3", "activation", "tanh",
                                         "lr",      "1",   "batch",  "4", NULL };
  double x, y;

  ns_config_init_default (&config);
  for (guint k = 0; options[k] != NULL; k += 2)
    g_assert_true (ns_config_set_option (&config, options[k], options[k + 1], &error));
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  ns_experiment_step (experiment, 20);

  ns_output_view_set_experiment (view, experiment);
  WAIT_UNTIL (ns_scene_get_n_prims (scene) > 0, 5000);
  g_assert_cmpuint (count_heatmaps (scene), ==, 1);

  /* The window redraws its views after every step (a sample's phases bump no version). */
  while (TRUE)
    {
      g_assert_true (ns_experiment_step_phase (experiment));
      gtk_widget_queue_draw (GTK_WIDGET (view));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
      if (ns_experiment_get_step_state (experiment)->phase == NS_STEP_UPDATE)
        break;
      g_assert_cmpuint (count_heatmaps (scene), ==, 1);
    }
  g_assert_cmpuint (count_heatmaps (scene), ==, 2);
  dump_widget (GTK_WIDGET (view), "ui-output-before-after.png");

  /* Clicks and tooltips still map onto the plane (the "after" one). */
  g_assert_true (ns_output_view_plane_to_widget (view, 0, 0, &x, &y));
  {
    g_autofree char *tip = ns_output_view_describe_at (view, x, y);

    g_assert_nonnull (tip);
    g_assert_nonnull (strstr (tip, "P(blue)"));
  }

  /* Presentation zoom: still two planes, larger. */
  ns_scene_view_set_zoom (NS_SCENE_VIEW (view), 1.6);
  gtk_window_set_default_size (window, 700, 830);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (view)) >= 700, 5000);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_cmpuint (count_heatmaps (scene), ==, 2);
  dump_widget (GTK_WIDGET (view), "ui-output-before-after-zoom1.6.png");

  /* The update done: idle, one plane. */
  g_assert_true (ns_experiment_step_phase (experiment));
  g_assert_cmpint (ns_experiment_get_step_state (experiment)->phase, ==, NS_STEP_IDLE);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_cmpuint (count_heatmaps (scene), ==, 1);

  gtk_window_destroy (window);
}

static void
test_curves_view (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL);
  NsCurvesView *view = NS_CURVES_VIEW (ns_curves_view_new ());
  GtkWindow *window = present (GTK_WIDGET (view), 420, 420);
  const NsScene *scene = ns_scene_view_get_scene (NS_SCENE_VIEW (view));
  g_autofree char *tip = NULL;
  double px, py, pw, ph;

  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Loss curves");

  ns_experiment_train_epochs (experiment, 10);
  ns_curves_view_set_experiment (view, experiment);
  WAIT_UNTIL (ns_scene_get_n_prims (scene) > 0, 5000);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 2);
  g_assert_true (ns_render_curves_get_plot (scene, NS_CURVES_CHART_LOSS, &px, &py, &pw, &ph));
  g_assert_false (
      ns_render_curves_get_plot (scene, NS_CURVES_CHART_ACCURACY, NULL, NULL, NULL, NULL));

  /* A new epoch redraws: the curves gain a point. */
  ns_experiment_train_epochs (experiment, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    if (ns_scene_get_prim (scene, i)->kind == NS_PRIM_POLYLINE)
      g_assert_cmpuint (ns_scene_get_prim (scene, i)->polyline.n_points, ==, 12);

  tip = ns_curves_view_describe_at (view, px + pw - 1, py + ph / 2);
  g_assert_nonnull (tip);
  g_assert_true (g_str_has_prefix (tip, "Epoch 11"));
  g_assert_nonnull (strstr (tip, "Test loss"));

  /* The accuracy chart joins the loss chart. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "curves.show-accuracy", NULL));
  g_assert_true (ns_curves_view_get_show_accuracy (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  g_assert_true (ns_render_curves_get_plot (scene, NS_CURVES_CHART_LOSS, NULL, NULL, NULL, NULL));
  g_assert_true (
      ns_render_curves_get_plot (scene, NS_CURVES_CHART_ACCURACY, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 4);
  dump_widget (GTK_WIDGET (view), "ui-curves-view.png");

  /* Reset empties the history: the view follows. */
  ns_experiment_reset (experiment);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    if (ns_scene_get_prim (scene, i)->kind == NS_PRIM_POLYLINE)
      g_assert_cmpuint (ns_scene_get_prim (scene, i)->polyline.n_points, ==, 1);

  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/output/render", test_output_render);
  g_test_add_func ("/ui/output/add-remove", test_output_add_remove);
  g_test_add_func ("/ui/output/regression", test_output_regression);
  g_test_add_func ("/ui/output/toggles", test_output_toggles);
  g_test_add_func ("/ui/output/before-after", test_output_before_after);
  g_test_add_func ("/ui/curves/render", test_curves_view);

  return g_test_run ();
}
