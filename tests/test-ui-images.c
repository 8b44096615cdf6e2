/* test-ui-images.c: the window's image form, driven through its actions as a learner's clicks
 * would (run under Xvfb): choosing digits turns the output column into the image view, training
 * changes the filters it shows, a confusion cell lists its images, and a 2D set brings the plane
 * views back.
 *
 * NS_TEST_DUMP=dir saves the image view's pages as PNG files in dir.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ns-data-panel.h"
#include "ns-experiment-images.h"
#include "ns-image-view.h"
#include "ns-output-view.h"
#include "ns-window.h"

#include "ns-test-ui.h"

static NsExperiment *
make_experiment (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;

  ns_config_init_default (&config);
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  return experiment;
}

static guint
count_hits (GtkWidget *view, NsHitKind kind)
{
  const NsScene *scene = ns_scene_view_get_scene (NS_SCENE_VIEW (view));
  guint n = 0;

  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    n += ns_scene_get_hit (scene, k)->kind == kind;
  return n;
}

/* A copy of every image's pixels in the view's last scene, one after the other. */
static GByteArray *
scene_pixels (GtkWidget *view)
{
  const NsScene *scene = ns_scene_view_get_scene (NS_SCENE_VIEW (view));
  GByteArray *bytes = g_byte_array_new ();

  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_IMAGE)
        g_byte_array_append (bytes, (const guint8 *) prim->image.pixels,
                             (guint) (prim->image.pixel_width * prim->image.pixel_height * 4));
    }
  return bytes;
}

/* Waits until the view has drawn a frame after now (what the experiment and the view's state
 * are now), whatever the machine's load. */
static void
wait_frame (GtkWidget *view)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);
  gint64 start = gdk_frame_clock_get_frame_counter (clock);

  ns_scene_view_invalidate (NS_SCENE_VIEW (view));
  WAIT_UNTIL (gdk_frame_clock_get_frame_counter (clock) > start, 5000);
  /* The frame that began is painted by the time the loop returns; one more to be sure. */
  run_for (20);
  g_assert_cmpuint (ns_scene_get_n_prims (ns_scene_view_get_scene (NS_SCENE_VIEW (view))), >, 0);
}

/* The toggle button of the image view's page @page. */
static GtkWidget *
page_button (GtkWidget *widget, const char *page)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_TOGGLE_BUTTON (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), "images.page") == 0
          && g_strcmp0 (g_variant_get_string (
                            gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child)), NULL),
                        page)
                 == 0)
        return child;
      found = page_button (child, page);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_image_form (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ();
  NsWindow *window = NULL;
  GtkWidget *panel, *output, *images, *filters_button;
  const NsDataset *data;
  g_autoptr (GByteArray) before = NULL;
  g_autoptr (GByteArray) after = NULL;
  const NsScene *scene;
  const NsHitRegion *cell = NULL;
  int true_class, predicted_class;
  guint n_listed, n_points = 0;

  window = present_window (experiment);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  panel = find_descendant (GTK_WIDGET (window), NS_TYPE_DATA_PANEL);
  output = find_descendant (GTK_WIDGET (window), NS_TYPE_OUTPUT_VIEW);
  images = find_descendant (GTK_WIDGET (window), NS_TYPE_IMAGE_VIEW);
  g_assert_nonnull (images);
  /* A 2D set: the boundary, no images. */
  WAIT_UNTIL (gtk_widget_get_mapped (output), 5000);
  g_assert_false (gtk_widget_get_mapped (images));

  /* Digits from the picker: the image view with its gallery in place of the boundary. */
  g_assert_true (gtk_widget_activate_action (panel, "data.set-dataset", "s", "digits"));
  data = ns_experiment_get_dataset (experiment);
  g_assert_true (ns_dataset_is_image (data));
  WAIT_UNTIL (gtk_widget_get_mapped (images), 5000);
  WAIT_UNTIL (!gtk_widget_get_mapped (output), 5000);
  g_assert_cmpstr (ns_image_view_get_page (NS_IMAGE_VIEW (images)), ==, "samples");
  wait_frame (images);
  WAIT_UNTIL (count_hits (images, NS_HIT_POINT) >= 10, 5000);
  /* No hidden space of a plane that image data does not have. */
  {
    g_autofree char *chart = NULL;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.chart", "s", "space");
    g_object_get (window, "chart", &chart, NULL);
    g_assert_cmpstr (chart, ==, "loss");
  }
  dump_widget (images, "ui-images-samples.png");

  /* Choosing an image set from the plane brings the network it is taught with. */
  {
    const NnNet *net = ns_experiment_get_net (experiment);

    g_assert_cmpint (nn_net_layer_kind (net, 0), ==, NN_LAYER_CONV2D);
    g_assert_cmpint (nn_net_layer_kind (net, 1), ==, NN_LAYER_MAX_POOL);
    g_assert_cmpint (nn_net_layer_kind (net, 2), ==, NN_LAYER_DENSE);
  }

  /* The filters page (here the conv layer's kernels), and training changes them. */
  filters_button = page_button (GTK_WIDGET (window), "filters");
  g_assert_nonnull (filters_button);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (filters_button)));
  g_assert_true (gtk_widget_activate_action (images, "images.page", "s", "filters"));
  g_assert_cmpstr (ns_image_view_get_page (NS_IMAGE_VIEW (images)), ==, "filters");
  /* The page's tab shows which page it is. */
  WAIT_UNTIL (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (filters_button)), 2000);
  g_assert_false (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (page_button (GTK_WIDGET (window), "samples"))));
  wait_frame (images);
  before = scene_pixels (images);
  g_assert_cmpuint (before->len, >, 0);
  for (guint k = 0; k < 3; k++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
  WAIT_UNTIL (ns_experiment_get_epoch (experiment) >= 3, 10000);
  wait_frame (images);
  after = scene_pixels (images);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_true (memcmp (before->data, after->data, before->len) != 0);
  dump_widget (images, "ui-images-filters.png");

  /* Under the filters, the training images that excite the first one most; clicking another
   * filter chooses it, and its images are the ones that excite it most. */
  WAIT_UNTIL (count_hits (images, NS_HIT_NEURON)
                  == nn_net_layer_spec (ns_experiment_get_net (experiment), 0).units,
              5000);
  g_assert_cmpuint (count_hits (images, NS_HIT_POINT), >, 0);
  scene = ns_scene_view_get_scene (NS_SCENE_VIEW (images));
  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, k);
      guint layer, unit;

      if (hit->kind != NS_HIT_NEURON || hit->neuron != 2)
        continue;
      g_assert_true (ns_image_view_click (NS_IMAGE_VIEW (images), (hit->x0 + hit->x1) / 2,
                                          (hit->y0 + hit->y1) / 2));
      ns_image_view_get_filter (NS_IMAGE_VIEW (images), &layer, &unit);
      g_assert_cmpuint (layer, ==, 0);
      g_assert_cmpuint (unit, ==, 2);
      break;
    }
  wait_frame (images);
  g_assert_cmpuint (count_hits (images, NS_HIT_POINT), >, 0);

  /* Its tab, clicked, shows the confusion matrix, and only that tab is down. */
  g_signal_emit_by_name (page_button (GTK_WIDGET (window), "confusion"), "clicked");
  g_assert_cmpstr (ns_image_view_get_page (NS_IMAGE_VIEW (images)), ==, "confusion");
  run_for (50);
  g_assert_true (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (page_button (GTK_WIDGET (window), "confusion"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (filters_button)));
  g_assert_false (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (page_button (GTK_WIDGET (window), "samples"))));
  dump_widget (GTK_WIDGET (window), "ui-images-window-confusion.png");
  gtk_widget_mnemonic_activate (filters_button, FALSE);
  run_for (400);
  g_assert_cmpstr (ns_image_view_get_page (NS_IMAGE_VIEW (images)), ==, "filters");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (filters_button)));
  g_assert_false (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (page_button (GTK_WIDGET (window), "samples"))));
  dump_widget (GTK_WIDGET (window), "ui-images-window-filters.png");
  gtk_widget_activate_action (images, "images.page", "s", "confusion");

  /* The confusion matrix: clicking its first cell with images lists them in the gallery. */
  g_assert_true (gtk_widget_activate_action (images, "images.page", "s", "confusion"));
  wait_frame (images);
  WAIT_UNTIL (count_hits (images, NS_HIT_BUTTON) == data->n_classes * data->n_classes, 5000);
  dump_widget (images, "ui-images-confusion.png");
  {
    guint n_classes;
    g_autofree guint *counts = ns_experiment_confusion (experiment, &n_classes);

    scene = ns_scene_view_get_scene (NS_SCENE_VIEW (images));
    for (size_t k = 0; k < ns_scene_get_n_hits (scene) && cell == NULL; k++)
      {
        const NsHitRegion *hit = ns_scene_get_hit (scene, k);

        if (hit->kind == NS_HIT_BUTTON && hit->layer != hit->neuron
            && counts[hit->layer * n_classes + hit->neuron] > 0)
          cell = hit;
      }
    /* Without a mistake yet, the first right cell. */
    for (size_t k = 0; k < ns_scene_get_n_hits (scene) && cell == NULL; k++)
      {
        const NsHitRegion *hit = ns_scene_get_hit (scene, k);

        if (hit->kind == NS_HIT_BUTTON && counts[hit->layer * n_classes + hit->neuron] > 0)
          cell = hit;
      }
    g_assert_nonnull (cell);
    g_assert_true (ns_image_view_click (NS_IMAGE_VIEW (images), (cell->x0 + cell->x1) / 2,
                                        (cell->y0 + cell->y1) / 2));
    g_assert_cmpint (ns_image_view_get_gallery (NS_IMAGE_VIEW (images), &true_class,
                                                &predicted_class, &n_listed),
                     ==, NS_GALLERY_CELL);
    g_assert_cmpint (true_class, ==, cell->layer);
    g_assert_cmpint (predicted_class, ==, cell->neuron);
    g_assert_cmpuint (n_listed, ==, counts[true_class * n_classes + predicted_class]);
  }
  g_assert_cmpstr (ns_image_view_get_page (NS_IMAGE_VIEW (images)), ==, "samples");
  wait_frame (images);
  {
    g_autofree int *predicted = NULL;
    guint n_classes;
    g_autofree float *probs = ns_experiment_test_predictions (experiment, &n_classes, &predicted);

    /* Every image in the gallery is of that cell, and each of the cell's that fit is there. */
    scene = ns_scene_view_get_scene (NS_SCENE_VIEW (images));
    for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
      {
        const NsHitRegion *hit = ns_scene_get_hit (scene, k);

        if (hit->kind != NS_HIT_POINT)
          continue;
        g_assert_cmpint ((int) data->test_y[hit->input], ==, true_class);
        g_assert_cmpint (predicted[hit->input], ==, predicted_class);
        n_points++;
      }
    g_assert_cmpuint (n_points, >, 0);
    g_assert_cmpuint (n_points, <=, n_listed);
  }
  dump_widget (images, "ui-images-cell.png");

  /* Clicking an image chooses it. */
  {
    scene = ns_scene_view_get_scene (NS_SCENE_VIEW (images));
    for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
      {
        const NsHitRegion *hit = ns_scene_get_hit (scene, k);

        if (hit->kind == NS_HIT_POINT)
          {
            g_assert_true (ns_image_view_click (NS_IMAGE_VIEW (images), (hit->x0 + hit->x1) / 2,
                                                (hit->y0 + hit->y1) / 2));
            g_assert_cmpuint (ns_image_view_get_sample (NS_IMAGE_VIEW (images)), ==,
                              (guint) hit->input);
            break;
          }
      }
  }

  /* The wrong ones, most confident first; back to all. */
  g_assert_true (gtk_widget_activate_action (images, "images.show-mistakes", NULL));
  g_assert_cmpint (ns_image_view_get_gallery (NS_IMAGE_VIEW (images), NULL, NULL, NULL), ==,
                   NS_GALLERY_MISTAKES);
  g_assert_true (gtk_widget_activate_action (images, "images.show-all", NULL));
  g_assert_cmpint (ns_image_view_get_gallery (NS_IMAGE_VIEW (images), NULL, NULL, &n_listed), ==,
                   NS_GALLERY_ALL);
  g_assert_cmpuint (n_listed, ==, data->n_test);

  /* Back to a 2D set: the plane views again. */
  g_assert_true (gtk_widget_activate_action (panel, "data.set-dataset", "s", "circle"));
  g_assert_false (ns_dataset_is_image (ns_experiment_get_dataset (experiment)));
  WAIT_UNTIL (gtk_widget_get_mapped (output), 5000);
  WAIT_UNTIL (!gtk_widget_get_mapped (images), 5000);
  {
    g_autofree char *chart = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.chart", "s", "space"));
    g_object_get (window, "chart", &chart, NULL);
    g_assert_cmpstr (chart, ==, "space");
  }

  /* Iris is no image: it keeps the boundary, on its two chosen columns. */
  g_assert_true (gtk_widget_activate_action (panel, "data.set-dataset", "s", "iris"));
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_inputs, ==, 4);
  run_for (100);
  g_assert_true (gtk_widget_get_mapped (output));
  g_assert_false (gtk_widget_get_mapped (images));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window that opens on image data (a saved digits run) starts in the image form, and its
 * tabs follow the page. */
static void
test_opens_on_images (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) experiment = NULL;
  NsWindow *window;
  GtkWidget *images, *output, *filters_button;

  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "dataset", "digits", &error));
  /* Dense: the network column's drawing of conv layers is another part's work (on main its
   * links read past a conv layer's weights: seen by ASan). */
  g_assert_true (ns_config_set_option (&config, "hidden", "8", &error));
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  window = present_window (experiment);
  images = find_descendant (GTK_WIDGET (window), NS_TYPE_IMAGE_VIEW);
  output = find_descendant (GTK_WIDGET (window), NS_TYPE_OUTPUT_VIEW);
  WAIT_UNTIL (gtk_widget_get_mapped (images), 5000);
  g_assert_false (gtk_widget_get_mapped (output));
  filters_button = page_button (GTK_WIDGET (window), "filters");
  g_assert_true (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (page_button (GTK_WIDGET (window), "samples"))));
  gtk_widget_mnemonic_activate (filters_button, FALSE);
  run_for (400);
  g_assert_cmpstr (ns_image_view_get_page (NS_IMAGE_VIEW (images)), ==, "filters");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (filters_button)));
  g_assert_false (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (page_button (GTK_WIDGET (window), "samples"))));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/images/image-form", test_image_form);
  g_test_add_func ("/ui/images/opens-on-images", test_opens_on_images);

  return g_test_run ();
}
