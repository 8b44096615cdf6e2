/* test-ui-data-panel.c: the data panel's actions drive the experiment, its controls follow
 * the experiment, its thumbnails show every generated set (run under Xvfb).
 *
 * A CSV file in the panel: test-ui-data-file.c.
 *
 * NS_TEST_DUMP=dir saves the panel as dir/ui-data-panel.png (generated data).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "ns-data-panel.h"
#include "ns-render-data.h"
#include "ns-render-style.h"

#include "ns-test-data-panel.h"
#include "ns-test-ui.h"

static void
test_set_dataset (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  const NsConfig *config = ns_experiment_get_config (experiment);
  g_autofree char *name = NULL;
  guint64 version;
  Fixture f;

  fixture_present (&f, experiment);

  /* The default circle is shown as chosen. */
  g_object_get (f.panel, "dataset", &name, NULL);
  g_assert_cmpstr (name, ==, "circle");
  g_assert_true (dataset_active (&f, NS_DATASET_CIRCLE));
  g_assert_cmpuint (n_active_datasets (&f), ==, 1);

  ns_experiment_step (experiment, 7);
  version = ns_experiment_get_version (experiment);
  g_assert_true (activate (&f, "data.set-dataset", "s", "spiral"));
  g_assert_cmpint (config->dataset, ==, NS_DATASET_SPIRAL);
  g_assert_cmpstr (ns_experiment_get_dataset (experiment)->name, ==, "spiral");
  g_assert_cmpuint (ns_experiment_get_version (experiment), !=, version);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 0);
  g_assert_true (dataset_active (&f, NS_DATASET_SPIRAL));
  g_assert_false (dataset_active (&f, NS_DATASET_CIRCLE));
  g_assert_cmpuint (n_active_datasets (&f), ==, 1);
  g_assert_nonnull (find_label (&f, "Spiral: two arms"));

  /* Clicking a thumbnail is the same action. */
  g_signal_emit_by_name (ns_data_panel_get_dataset_button (f.panel, NS_DATASET_XOR), "clicked");
  g_assert_cmpint (config->dataset, ==, NS_DATASET_XOR);
  g_assert_true (dataset_active (&f, NS_DATASET_XOR));

  /* A regression set switches the problem by itself and hides the class picker. */
  g_assert_true (activate (&f, "data.set-dataset", "s", "reg-gauss"));
  g_assert_cmpint (config->dataset, ==, NS_DATASET_REG_GAUSS);
  g_assert_cmpint (config->problem, ==, NS_PROBLEM_REGRESSION);
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_classes, ==, 0);
  g_assert_null (find_label (&f, "Class of added points"));

  /* Noise and ratio are kept across sets. */
  g_assert_true (activate (&f, "data.set-noise", "d", 0.2));
  g_assert_true (activate (&f, "data.set-ratio", "d", 0.8));
  g_assert_true (activate (&f, "data.set-dataset", "s", "moons"));
  g_assert_cmpint (config->problem, ==, NS_PROBLEM_CLASSIFICATION);
  g_assert_cmpfloat (config->noise, ==, 0.2);
  g_assert_cmpfloat (config->train_ratio, ==, 0.8);
  g_assert_nonnull (find_label (&f, "Class of added points"));

  /* Choosing the set in use again keeps the run. */
  ns_experiment_step (experiment, 3);
  g_assert_true (activate (&f, "data.set-dataset", "s", "moons"));
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 3);

  fixture_close (&f);
}

static void
test_set_noise_ratio (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  const NsConfig *config = ns_experiment_get_config (experiment);
  g_autofree float *initial = copy_params (experiment);
  g_autofree float *before = NULL;
  g_autofree float *after = NULL;
  guint n_before, n_after;
  Fixture f;

  fixture_present (&f, experiment);

  ns_experiment_step (experiment, 25);
  g_assert_false (same_params (experiment, initial));
  before = copy_train_x (experiment, &n_before);

  /* Noise redraws the data, starts over, and keeps the first weights. */
  g_assert_true (activate (&f, "data.set-noise", "d", 0.3));
  g_assert_cmpfloat (config->noise, ==, 0.3);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 0);
  g_assert_true (same_params (experiment, initial));
  g_assert_cmpfloat (gtk_range_get_value (get_scale (&f, 0)), ==, 30);
  g_assert_nonnull (find_label (&f, "30%"));

  /* Out of range is clamped. */
  g_assert_true (activate (&f, "data.set-noise", "d", 3.0));
  g_assert_cmpfloat (config->noise, ==, 0.5);

  /* The ratio moves points between the training and test sets. */
  g_assert_true (activate (&f, "data.set-ratio", "d", 0.7));
  g_assert_cmpfloat (config->train_ratio, ==, 0.7);
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_train, ==, 350);
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_test, ==, 150);
  g_assert_true (same_params (experiment, initial));
  g_assert_cmpfloat (gtk_range_get_value (get_scale (&f, 1)), ==, 70);
  g_assert_nonnull (find_label (&f, "70%"));
  after = copy_train_x (experiment, &n_after);
  g_assert_cmpuint (n_after, !=, n_before);

  /* The sliders drive the same actions, in the Playground's steps. */
  gtk_range_set_value (get_scale (&f, 0), 23);
  g_assert_cmpfloat (config->noise, ==, 0.25);
  g_assert_cmpfloat (gtk_range_get_value (get_scale (&f, 0)), ==, 25);
  gtk_range_set_value (get_scale (&f, 1), 38);
  g_assert_cmpfloat (config->train_ratio, ==, 0.4);
  g_assert_cmpfloat (gtk_range_get_value (get_scale (&f, 1)), ==, 40);

  fixture_close (&f);
}

static void
test_set_batch (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  const NsConfig *config = ns_experiment_get_config (experiment);
  guint64 version;
  Fixture f;

  fixture_present (&f, experiment);

  /* Live: the run goes on from where it is. */
  ns_experiment_step (experiment, 12);
  version = ns_experiment_get_version (experiment);
  g_assert_true (activate (&f, "data.set-batch", "u", 5));
  g_assert_cmpuint (config->batch_size, ==, 5);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 12);
  g_assert_cmpuint (ns_experiment_get_version (experiment), ==, version);
  g_assert_cmpfloat (gtk_range_get_value (get_scale (&f, 2)), ==, 5);
  g_assert_cmpfloat (gtk_spin_button_get_value (get_spin (&f, 0)), ==, 5);

  /* Past the slider's 30 the box still shows the size. */
  g_assert_true (activate (&f, "data.set-batch", "u", 200));
  g_assert_cmpuint (config->batch_size, ==, 200);
  g_assert_cmpfloat (gtk_range_get_value (get_scale (&f, 2)), ==, 30);
  g_assert_cmpfloat (gtk_spin_button_get_value (get_spin (&f, 0)), ==, 200);

  g_assert_true (activate (&f, "data.set-batch", "u", 5000));
  g_assert_cmpuint (config->batch_size, ==, 1000);
  g_assert_true (activate (&f, "data.set-batch", "u", 0));
  g_assert_cmpuint (config->batch_size, ==, 1);

  /* The slider and the box drive it too. */
  gtk_range_set_value (get_scale (&f, 2), 17);
  g_assert_cmpuint (config->batch_size, ==, 17);
  gtk_spin_button_set_value (get_spin (&f, 0), 640);
  g_assert_cmpuint (config->batch_size, ==, 640);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 12);

  fixture_close (&f);
}

static void
test_seed_regenerate (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  g_autoptr (NsExperiment) twin = make_experiment ("seed", "42");
  const NsConfig *config = ns_experiment_get_config (experiment);
  g_autofree float *first = NULL;
  g_autofree float *seeded = NULL;
  g_autofree float *regenerated = NULL;
  g_autofree float *again = NULL;
  guint n, n2;
  Fixture f;

  fixture_present (&f, experiment);

  first = copy_train_x (experiment, &n);
  ns_experiment_step (experiment, 9);

  /* A new seed: new points and weights, exactly those of an experiment made with it. */
  g_assert_true (activate (&f, "data.set-seed", "t", (guint64) 42));
  g_assert_cmpuint (config->seed, ==, 42);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (get_spin (&f, 1)), ==, 42);
  seeded = copy_train_x (experiment, &n2);
  g_assert_cmpuint (n2, ==, n);
  g_assert_true (memcmp (first, seeded, n * sizeof (float)) != 0);
  g_assert_true (same_params (experiment, ns_experiment_get_net (twin)->params));
  g_assert_true (memcmp (seeded, ns_experiment_get_dataset (twin)->train_x, n * sizeof (float))
                 == 0);

  /* Regenerate: new points of the same kind, weights kept, step 0. */
  ns_experiment_step (experiment, 4);
  g_assert_true (activate (&f, "data.regenerate", NULL));
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, 0);
  g_assert_cmpuint (config->seed, ==, 42);
  regenerated = copy_train_x (experiment, &n2);
  g_assert_true (memcmp (seeded, regenerated, n * sizeof (float)) != 0);
  g_assert_true (same_params (experiment, ns_experiment_get_net (twin)->params));

  /* The same seed again is the rehearsed start once more. */
  g_assert_true (activate (&f, "data.set-seed", "t", (guint64) 42));
  again = copy_train_x (experiment, &n2);
  g_assert_true (memcmp (seeded, again, n * sizeof (float)) == 0);

  /* Typing a seed in the box. */
  gtk_spin_button_set_value (get_spin (&f, 1), 7);
  g_assert_cmpuint (config->seed, ==, 7);

  fixture_close (&f);
}

/* A lesson (or any other part of the window) changes the experiment: the panel follows. */
static void
test_follows_experiment (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  g_autoptr (NsExperiment) other = make_experiment ("dataset", "checkerboard");
  const NsConfig *config = ns_experiment_get_config (experiment);
  g_autofree char *name = NULL;
  Fixture f;

  fixture_present (&f, experiment);

  ns_experiment_set_data (experiment, NS_DATASET_BLOBS5, 0.15, 0.6, 0);
  g_object_get (f.panel, "dataset", &name, NULL);
  g_assert_cmpstr (name, ==, "blobs5");
  g_assert_true (dataset_active (&f, NS_DATASET_BLOBS5));
  g_assert_cmpuint (n_active_datasets (&f), ==, 1);
  g_assert_cmpfloat (gtk_range_get_value (get_scale (&f, 0)), ==, 15);
  g_assert_cmpfloat (gtk_range_get_value (get_scale (&f, 1)), ==, 60);
  g_assert_nonnull (find_label (&f, "15%"));
  g_assert_nonnull (find_label (&f, "60%"));
  g_assert_nonnull (find_label (&f, "Five blobs"));
  /* Following is not changing: nothing was redrawn or reset on the panel's account. */
  g_assert_cmpfloat (config->noise, ==, 0.15);

  ns_experiment_set_batch_size (experiment, 3);
  g_assert_cmpfloat (gtk_spin_button_get_value (get_spin (&f, 0)), ==, 3);
  ns_experiment_set_seed (experiment, 99);
  g_assert_cmpfloat (gtk_spin_button_get_value (get_spin (&f, 1)), ==, 99);

  /* Another experiment altogether; the first one is let go. */
  ns_data_panel_set_experiment (f.panel, other);
  g_assert_true (ns_data_panel_get_experiment (f.panel) == other);
  g_assert_true (dataset_active (&f, NS_DATASET_CHECKERBOARD));
  ns_experiment_set_data (experiment, NS_DATASET_XOR, 0, 0.5, 0);
  g_assert_true (dataset_active (&f, NS_DATASET_CHECKERBOARD));

  /* No experiment: nothing to drive, and activating is harmless. */
  ns_data_panel_set_experiment (f.panel, NULL);
  g_assert_cmpuint (n_active_datasets (&f), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (get_scale (&f, 0))));
  activate (&f, "data.regenerate", NULL);

  fixture_close (&f);
}

static void
count_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_class_picker (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  g_autoptr (GPtrArray) toggles = NULL;
  guint notified = 0;
  guint visible = 0;
  Fixture f;

  fixture_present (&f, experiment);

  /* Two classes: two swatches. */
  toggles = find_all (&f, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_cmpuint (toggles->len, ==, NS_N_DATASET_KINDS + NS_RENDER_N_CLASS_COLORS);
  for (guint i = NS_N_DATASET_KINDS; i < toggles->len; i++)
    visible += gtk_widget_get_visible (toggles->pdata[i]);
  g_assert_cmpuint (visible, ==, 2);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (toggles->pdata[NS_N_DATASET_KINDS + 1]), ==,
                   "Class 1 (blue): click on the output to add a point of this class");

  g_signal_connect (f.panel, "notify::class-to-add", G_CALLBACK (count_cb), &notified);

  g_assert_true (activate (&f, "data.set-class", "u", 1));
  g_assert_cmpuint (ns_data_panel_get_class_to_add (f.panel), ==, 1);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gtk_toggle_button_get_active (toggles->pdata[NS_N_DATASET_KINDS + 1]));
  g_assert_false (gtk_toggle_button_get_active (toggles->pdata[NS_N_DATASET_KINDS]));

  /* Setting it again does not notify; past the data's classes it is kept to the last. */
  ns_data_panel_set_class_to_add (f.panel, 1);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (activate (&f, "data.set-class", "u", 4));
  g_assert_cmpuint (ns_data_panel_get_class_to_add (f.panel), ==, 1);

  /* Five classes: five swatches; back to two, the choice follows. */
  g_assert_true (activate (&f, "data.set-dataset", "s", "blobs5"));
  visible = 0;
  for (guint i = NS_N_DATASET_KINDS; i < toggles->len; i++)
    visible += gtk_widget_get_visible (toggles->pdata[i]);
  g_assert_cmpuint (visible, ==, 5);
  g_signal_emit_by_name (toggles->pdata[NS_N_DATASET_KINDS + 4], "clicked");
  g_assert_cmpuint (ns_data_panel_get_class_to_add (f.panel), ==, 4);
  g_assert_true (activate (&f, "data.set-dataset", "s", "gauss"));
  g_assert_cmpuint (ns_data_panel_get_class_to_add (f.panel), ==, 1);
  g_assert_true (gtk_toggle_button_get_active (toggles->pdata[NS_N_DATASET_KINDS + 1]));

  /* Regression: no classes to pick. */
  g_assert_true (activate (&f, "data.set-dataset", "s", "reg-plane"));
  g_assert_false (gtk_widget_get_mapped (toggles->pdata[NS_N_DATASET_KINDS]));

  fixture_close (&f);
}

typedef struct
{
  guint textures, texts;
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
      count_nodes (gsk_transform_node_get_child (node), counts);
      break;

    case GSK_CLIP_NODE:
      count_nodes (gsk_clip_node_get_child (node), counts);
      break;

    case GSK_ROUNDED_CLIP_NODE:
      count_nodes (gsk_rounded_clip_node_get_child (node), counts);
      break;

    case GSK_OPACITY_NODE:
      count_nodes (gsk_opacity_node_get_child (node), counts);
      break;

    case GSK_TEXTURE_NODE:
      counts->textures++;
      break;

    case GSK_TEXT_NODE:
      counts->texts++;
      break;

    default:
      break;
    }
}

static gboolean
all_thumbnails_drawn (Fixture *f)
{
  for (guint k = 0; k < NS_N_PLANE_DATASETS; k++)
    if (ns_scene_get_n_prims (ns_data_panel_get_thumbnail_scene (f->panel, k)) == 0)
      return FALSE;
  return TRUE;
}

/* Two scenes differ when any circle is elsewhere or of another colour. */
static gboolean
scenes_differ (const NsScene *a, const NsScene *b)
{
  if (ns_scene_get_n_prims (a) != ns_scene_get_n_prims (b))
    return TRUE;

  for (size_t i = 0; i < ns_scene_get_n_prims (a); i++)
    {
      const NsPrim *pa = ns_scene_get_prim (a, i);
      const NsPrim *pb = ns_scene_get_prim (b, i);

      if (pa->kind != pb->kind)
        return TRUE;
      if (pa->kind == NS_PRIM_CIRCLE
          && (fabs (pa->circle.cx - pb->circle.cx) > 0.5
              || fabs (pa->circle.cy - pb->circle.cy) > 0.5
              || !ns_color_equal (&pa->circle.fill, &pb->circle.fill)))
        return TRUE;
    }

  return FALSE;
}

/* The built-in sets sit on a row of their own: digits and apples show a few of their images
 * (crisp), iris its points on petal length and width. Choosing digits leaves noise and the
 * split alone (80% training, fixed) and offers no class to click in, since images have no
 * plane; a 2D set is one click away. */
static void
test_builtin_sets (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "circle");
  Fixture f;

  fixture_present (&f, experiment);
  for (guint k = NS_N_PLANE_DATASETS; k < NS_N_DATASET_KINDS; k++)
    WAIT_UNTIL (ns_scene_get_n_prims (ns_data_panel_get_thumbnail_scene (f.panel, k)) > 1, 5000);
  for (guint k = NS_DATASET_DIGITS; k <= NS_DATASET_APPLES; k++)
    {
      const NsScene *scene = ns_data_panel_get_thumbnail_scene (f.panel, k);

      g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), ==, 4);
      for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
        if (ns_scene_get_prim (scene, i)->kind == NS_PRIM_IMAGE)
          g_assert_true (ns_scene_get_prim (scene, i)->image.crisp);
    }
  g_assert_cmpuint (
      ns_scene_count_prims (ns_data_panel_get_thumbnail_scene (f.panel, NS_DATASET_IRIS),
                            NS_PRIM_CIRCLE),
      >, 100);
  g_assert_nonnull (strstr (
      gtk_widget_get_tooltip_text (ns_data_panel_get_dataset_button (f.panel, NS_DATASET_DIGITS)),
      "handwritten"));

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f.panel), "data.set-dataset", "s", "digits"));
  g_assert_cmpint (ns_experiment_get_config (experiment)->dataset, ==, NS_DATASET_DIGITS);
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_test, ==, 360);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f.panel), "data.set-noise", "d", 0.3)
                  && ns_experiment_get_config (experiment)->noise == 0.3);
  run_for (50);
  {
    g_autoptr (GPtrArray) toggles = find_all (&f, GTK_TYPE_TOGGLE_BUTTON);
    guint visible = 0;

    for (guint i = NS_N_DATASET_KINDS; i < toggles->len; i++)
      visible += gtk_widget_get_visible (toggles->pdata[i]);
    g_assert_cmpuint (visible, ==, 0);
    g_assert_true (gtk_toggle_button_get_active (toggles->pdata[NS_DATASET_DIGITS]));
  }
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (f.panel), "data.set-dataset", "s", "circle"));
  g_assert_cmpint (ns_experiment_get_config (experiment)->dataset, ==, NS_DATASET_CIRCLE);
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_inputs, ==, 2);
  gtk_window_destroy (f.window);
}

static void
test_thumbnails (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "spiral");
  g_autoptr (GskRenderNode) node = NULL;
  NodeCounts counts = { 0 };
  size_t circles = 0;
  Fixture f;

  fixture_present (&f, experiment);
  WAIT_UNTIL (all_thumbnails_drawn (&f), 5000);

  /* Fits the window's ~300 px sidebar. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f.panel)), <=, 300);

  for (guint k = 0; k < NS_N_PLANE_DATASETS; k++)
    {
      const NsScene *scene = ns_data_panel_get_thumbnail_scene (f.panel, k);
      GtkWidget *button = ns_data_panel_get_dataset_button (f.panel, k);
      const char *tip = gtk_widget_get_tooltip_text (button);

      /* A card and every one of the preview's points. */
      g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_RECT), ==, 1);
      g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), ==,
                        ns_data_preview_count (k));
      circles += ns_scene_count_prims (scene, NS_PRIM_CIRCLE);

      /* The tooltip names the set and says what it looks like. */
      g_assert_nonnull (tip);
      g_assert_true (g_str_has_prefix (tip, ns_dataset_kind_title (k)));
      g_assert_nonnull (strstr (tip, " — "));
      g_assert_false (gtk_widget_get_focus_on_click (button));

      for (guint j = 0; j < k; j++)
        g_assert_true (scenes_differ (scene, ns_data_panel_get_thumbnail_scene (f.panel, j)));
    }
  g_assert_nonnull (strstr (
      gtk_widget_get_tooltip_text (ns_data_panel_get_dataset_button (f.panel, NS_DATASET_SPIRAL)),
      "1.75 turns"));

  /* The spiral in use is framed in the accent colour, the others not. */
  {
    const NsPrim *frame =
        ns_scene_get_prim (ns_data_panel_get_thumbnail_scene (f.panel, NS_DATASET_SPIRAL), 0);
    const NsPrim *plain =
        ns_scene_get_prim (ns_data_panel_get_thumbnail_scene (f.panel, NS_DATASET_CIRCLE), 0);

    g_assert_cmpint (frame->kind, ==, NS_PRIM_RECT);
    g_assert_cmpfloat (frame->rect.stroke_width, >, plain->rect.stroke_width);
  }

  /* Every point becomes a texture node (the painter's sprite), plus the labels' text. */
  node = render_panel (&f, "ui-data-panel.png");
  count_nodes (node, &counts);
  g_assert_cmpuint (counts.textures, >=, circles);
  g_assert_cmpuint (counts.texts, >=, 5);

  /* The zoom enlarges the thumbnails. */
  {
    int before = gtk_widget_get_width (ns_data_panel_get_dataset_button (f.panel, 0));

    ns_data_panel_set_zoom (f.panel, 1.5);
    g_assert_cmpfloat (ns_data_panel_get_zoom (f.panel), ==, 1.5);
    WAIT_UNTIL (gtk_widget_get_width (ns_data_panel_get_dataset_button (f.panel, 0)) > before,
                5000);
  }

  fixture_close (&f);
}

/* Presentation mode on a dark desktop: the thumbnails are redrawn in dark colours and larger. */
static void
test_dark_zoom (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "blobs5");
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr (GskRenderNode) node = NULL;
  NsRenderStyle dark;
  const NsPrim *card;
  Fixture f;

  fixture_present (&f, experiment);
  WAIT_UNTIL (all_thumbnails_drawn (&f), 5000);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  ns_data_panel_set_zoom (f.panel, 1.5);
  ns_render_style_init (&dark, TRUE, 1.5);
  WAIT_UNTIL (ns_color_equal (
                  &ns_scene_get_prim (ns_data_panel_get_thumbnail_scene (f.panel, 0), 0)->rect.fill,
                  &dark.background),
              5000);
  WAIT_UNTIL (ns_scene_get_width (ns_data_panel_get_thumbnail_scene (f.panel, 0)) >= 60, 5000);

  card = ns_scene_get_prim (ns_data_panel_get_thumbnail_scene (f.panel, NS_DATASET_BLOBS5), 0);
  g_assert_true (ns_color_equal (&card->rect.stroke, &dark.accent));
  node = render_panel (&f, "ui-data-panel-dark.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  fixture_close (&f);
}

static void
test_tooltips (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  g_autoptr (GPtrArray) scales = NULL;
  g_autoptr (GPtrArray) buttons = NULL;
  Fixture f;

  fixture_present (&f, experiment);

  /* Every control explains itself, on it or on the row that holds it. */
  scales = find_all (&f, GTK_TYPE_SCALE);
  for (guint i = 0; i < scales->len; i++)
    {
      GtkWidget *row = gtk_widget_get_parent (scales->pdata[i]);

      g_assert_nonnull (gtk_widget_get_tooltip_text (row));
      g_assert_false (gtk_widget_get_focus_on_click (scales->pdata[i]));
    }
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (gtk_widget_get_parent (scales->pdata[0])),
                            "Noise: how much the points stray from the pattern"));

  buttons = find_all (&f, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      if (!gtk_widget_get_visible (buttons->pdata[i])
          || gtk_widget_get_ancestor (buttons->pdata[i], GTK_TYPE_SPIN_BUTTON) != NULL)
        continue;
      g_assert_nonnull (gtk_widget_get_tooltip_text (buttons->pdata[i]));
      g_assert_false (gtk_widget_get_focus_on_click (buttons->pdata[i]));
    }
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (get_spin (&f, 0))));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (get_spin (&f, 1))));

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f.panel), "data-panel"));

  fixture_close (&f);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/data-panel/set-dataset", test_set_dataset);
  g_test_add_func ("/ui/data-panel/builtin-sets", test_builtin_sets);
  g_test_add_func ("/ui/data-panel/set-noise-ratio", test_set_noise_ratio);
  g_test_add_func ("/ui/data-panel/set-batch", test_set_batch);
  g_test_add_func ("/ui/data-panel/seed-regenerate", test_seed_regenerate);
  g_test_add_func ("/ui/data-panel/follows-experiment", test_follows_experiment);
  g_test_add_func ("/ui/data-panel/class-picker", test_class_picker);
  g_test_add_func ("/ui/data-panel/thumbnails", test_thumbnails);
  g_test_add_func ("/ui/data-panel/dark-zoom", test_dark_zoom);
  g_test_add_func ("/ui/data-panel/tooltips", test_tooltips);

  return g_test_run ();
}
