/* ns-data-panel.c: the data side panel; its thumbnails (NsDataThumb) are in ns-data-thumb.c. */
#include "config.h"

#include "ns-data-panel-private.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "ns-data-thumb.h"
#include "ns-render-data.h"
#include "ns-render-style.h"

/* Sides in logical pixels at zoom 1 (a dataset thumbnail's, NS_DATA_THUMB_SIZE, in
 * ns-data-thumb.h): five thumbnails and their buttons fit a 300 px sidebar. */
#define SWATCH_SIZE 26.0
#define FILE_PREVIEW_SIZE 64.0
#define GRID_COLUMNS 5

/* The sliders move in the Playground's steps (noise 5 %, ratio 10 %): a slider dragged a pixel
 * does not redraw the data for a change no one can see. */
#define NOISE_STEP 5.0
#define RATIO_STEP 10.0
#define MAX_BATCH_SLIDER 30
#define MAX_BATCH 1000

/* ---- NsDataPanel ---- */

/* Images in an image set's preview: enough for its thumbnail's few. */
#define IMAGE_PREVIEW_COUNT 40

/* What each set looks like, for its tooltip and caption. */
static const char *const dataset_blurbs[NS_N_DATASET_KINDS] = {
  [NS_DATASET_CIRCLE] = "one class inside a ring of the other",
  [NS_DATASET_XOR] = "opposite corners share a class",
  [NS_DATASET_GAUSS] = "two round clouds that a straight line can separate",
  [NS_DATASET_SPIRAL] = "two arms of 1.75 turns",
  [NS_DATASET_MOONS] = "two interlocking half moons",
  [NS_DATASET_CHECKERBOARD] = "a 4 × 4 board of alternating squares",
  [NS_DATASET_SPIRAL3] = "three arms, one per class",
  [NS_DATASET_BLOBS5] = "five round clusters, one per class",
  [NS_DATASET_REG_PLANE] = "a number that rises steadily across the plane",
  [NS_DATASET_REG_GAUSS] = "a number with three bumps up and three down",
  [NS_DATASET_DIGITS] = "8 × 8 pictures of handwritten digits, 10 classes",
  [NS_DATASET_APPLES] = "16 × 16 colour pictures of apples and of balls",
  [NS_DATASET_IRIS] = "4 measurements of iris flowers a person chose, 3 kinds (shown on petal "
                      "length and width)",
};

/* The class palette's colours in words (NsRenderStyle.classes), for tooltips. */
static const char *const class_colour_names[NS_RENDER_N_CLASS_COLORS] = {
  "orange", "blue", "green", "purple", "yellow",
};

G_DEFINE_FINAL_TYPE (NsDataPanel, ns_data_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
  PROP_ZOOM,
  PROP_DATASET,
  PROP_CLASS_TO_ADD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const data_actions[] = {
  "data.set-dataset", "data.set-noise",  "data.set-ratio",   "data.set-batch",
  "data.set-seed",    "data.regenerate", "data.open-folder", "data.choose-folder",
};

GtkWidget *
ns_data_panel_new (void)
{
  return g_object_new (NS_TYPE_DATA_PANEL, NULL);
}

NsExperiment *
ns_data_panel_get_experiment (NsDataPanel *self)
{
  g_return_val_if_fail (NS_IS_DATA_PANEL (self), NULL);

  return self->experiment;
}

double
ns_data_panel_get_zoom (NsDataPanel *self)
{
  g_return_val_if_fail (NS_IS_DATA_PANEL (self), 1.0);

  return self->zoom;
}

void
ns_data_panel_set_zoom (NsDataPanel *self, double zoom)
{
  g_return_if_fail (NS_IS_DATA_PANEL (self));

  zoom = CLAMP (zoom, 0.5, 4.0);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  for (guint k = 0; k < NS_N_DATASET_KINDS; k++)
    ns_scene_view_set_zoom (NS_SCENE_VIEW (self->thumbs[k]), zoom);
  for (guint k = 0; k < NS_RENDER_N_CLASS_COLORS; k++)
    ns_scene_view_set_zoom (NS_SCENE_VIEW (self->swatches[k]), zoom);
  ns_scene_view_set_zoom (NS_SCENE_VIEW (self->file_preview), zoom);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The classes the picker offers: the data's, up to the palette's five. */
static guint
n_pickable_classes (NsDataPanel *self)
{
  const NsDataset *data;

  if (self->experiment == NULL)
    return 0;

  data = ns_experiment_get_dataset (self->experiment);
  /* Images have no plane to click a point into. */
  if (data == NULL || ns_dataset_is_image (data))
    return 0;
  return MIN (data->n_classes, NS_RENDER_N_CLASS_COLORS);
}

guint
ns_data_panel_get_class_to_add (NsDataPanel *self)
{
  g_return_val_if_fail (NS_IS_DATA_PANEL (self), 0);

  return self->class_to_add;
}

void
ns_data_panel_set_class_to_add (NsDataPanel *self, guint k)
{
  guint n;

  g_return_if_fail (NS_IS_DATA_PANEL (self));

  n = n_pickable_classes (self);
  if (n > 0)
    k = MIN (k, n - 1);
  else
    k = MIN (k, NS_RENDER_N_CLASS_COLORS - 1);

  if (k == self->class_to_add)
    return;

  self->class_to_add = k;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS_TO_ADD]);
}

GtkWidget *
ns_data_panel_get_dataset_button (NsDataPanel *self, NsDatasetKind kind)
{
  g_return_val_if_fail (NS_IS_DATA_PANEL (self), NULL);
  g_return_val_if_fail (kind < NS_N_DATASET_KINDS, NULL);

  return self->dataset_buttons[kind];
}

const NsScene *
ns_data_panel_get_thumbnail_scene (NsDataPanel *self, NsDatasetKind kind)
{
  g_return_val_if_fail (NS_IS_DATA_PANEL (self), NULL);
  g_return_val_if_fail (kind < NS_N_DATASET_KINDS, NULL);

  return ns_scene_view_get_scene (NS_SCENE_VIEW (self->thumbs[kind]));
}

static void
set_dataset_name (NsDataPanel *self, const char *name)
{
  if (g_strcmp0 (name, self->dataset) == 0)
    return;

  g_free (self->dataset);
  self->dataset = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
set_percent_label (GtkLabel *label, double fraction)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d%%", (int) round (fraction * 100.0));
  gtk_label_set_label (label, text);
}

static char *
class_label (const NsDataset *data, guint k)
{
  const char *name = data->class_names != NULL ? data->class_names[k] : NULL;
  gboolean numeric = name != NULL && *name != '\0';

  /* Generated sets name their classes 0, 1, …: "Class 1" reads better than "1". */
  for (const char *p = name; numeric && *p != '\0'; p++)
    numeric = g_ascii_isdigit (*p);

  if (name == NULL || numeric)
    return g_strdup_printf ("Class %s (%s)", name != NULL ? name : "?", class_colour_names[k]);
  return g_strdup_printf ("%s (%s)", name, class_colour_names[k]);
}

static void
sync_classes (NsDataPanel *self, const NsDataset *data)
{
  guint n = n_pickable_classes (self);

  gtk_widget_set_visible (self->class_box, n > 0);

  for (guint k = 0; k < NS_RENDER_N_CLASS_COLORS; k++)
    {
      g_autofree char *label = NULL;
      g_autofree char *tip = NULL;

      gtk_widget_set_visible (self->class_buttons[k], k < n);
      if (k >= n)
        continue;

      label = class_label (data, k);
      tip = g_strdup_printf ("%s: click on the output to add a point of this class", label);
      gtk_widget_set_tooltip_text (self->class_buttons[k], tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->class_buttons[k]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  if (n > 0 && self->class_to_add >= n)
    ns_data_panel_set_class_to_add (self, n - 1);
}

/* Every control from the experiment's settings. Cheap: it runs after every change. */
static void
sync_from_experiment (NsDataPanel *self)
{
  const NsConfig *config;
  const NsDataset *data;
  gboolean file, plane;

  self->syncing = TRUE;

  gtk_widget_set_sensitive (self->box, self->experiment != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (data_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), data_actions[i], self->experiment != NULL);

  if (self->experiment == NULL)
    {
      set_dataset_name (self, "");
      gtk_label_set_label (self->dataset_label, "");
      gtk_widget_set_visible (self->file_box, FALSE);
      gtk_widget_set_visible (self->class_box, FALSE);
      ns_data_thumb_set_experiment (self->file_preview, NULL);
      ns_data_panel_sync_skipped (self, NULL);
      self->syncing = FALSE;
      return;
    }

  config = ns_experiment_get_config (self->experiment);
  data = ns_experiment_get_dataset (self->experiment);
  file = config->data_path != NULL; /* a CSV file or an image folder */
  plane = ns_config_is_plane (config);

  /* The picker: the set in use (the toggle buttons follow the action's state). */
  set_dataset_name (self, file ? "" : ns_dataset_kind_name (config->dataset));
  gtk_widget_set_visible (GTK_WIDGET (self->dataset_label), !file);
  if (!file)
    {
      g_autofree char *caption = g_strdup_printf ("%s: %s", ns_dataset_kind_title (config->dataset),
                                                  dataset_blurbs[config->dataset]);

      gtk_label_set_label (self->dataset_label, caption);
    }

  /* A file has no noise, and its split is fixed when it loads (the experiment re-reads it only
   * on a new seed or regenerate): those settings belong to generated sets. The built-in sets
   * (digits, apples, iris) have no noise either and a fixed stratified 20% test set. */
  gtk_widget_set_visible (self->file_box, file);
  /* The picker stays on under a file or a folder: choosing a set is how the learner leaves it. */
  gtk_widget_set_sensitive (self->noise_box, plane);
  gtk_widget_set_sensitive (self->ratio_box, plane);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.set-noise", plane);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.set-ratio", plane);
  gtk_widget_set_tooltip_text (self->regenerate_button,
                               !plane ? "Regenerate: deal the rows anew into training and "
                                        "test sets, then start training over"
                                      : "Regenerate: draw new points of the same kind, then start "
                                        "training over");
  if (file)
    ns_data_panel_sync_file (self, config, data);
  else
    ns_data_thumb_set_experiment (self->file_preview, NULL);

  gtk_adjustment_set_value (self->noise_adjustment, round (config->noise * 100.0));
  set_percent_label (self->noise_value_label, config->noise);
  /* The built-in sets train on a fixed 80% (their stratified test set is the rest). */
  {
    double ratio = !plane && !file ? 1.0 - NS_DATASET_TEST_SHARE : config->train_ratio;

    gtk_adjustment_set_value (self->ratio_adjustment, round (ratio * 100.0));
    set_percent_label (self->ratio_value_label, ratio);
  }

  /* The slider covers the Playground's 1 .. 30; the box takes any size up to 1000. */
  gtk_adjustment_set_value (self->batch_adjustment, MIN (config->batch_size, MAX_BATCH_SLIDER));
  gtk_adjustment_set_value (self->batch_spin_adjustment, config->batch_size);
  gtk_adjustment_set_value (self->seed_adjustment, (double) config->seed);

  sync_classes (self, data);
  ns_data_panel_sync_skipped (self, config);

  self->syncing = FALSE;
}

static void
experiment_changed_cb (NsDataPanel *self)
{
  sync_from_experiment (self);
}

void
ns_data_panel_set_experiment (NsDataPanel *self, NsExperiment *experiment)
{
  g_return_if_fail (NS_IS_DATA_PANEL (self));
  g_return_if_fail (experiment == NULL || NS_IS_EXPERIMENT (experiment));

  if (!g_set_object (&self->experiment, experiment))
    return;

  g_signal_group_set_target (self->experiment_signals, experiment);
  sync_from_experiment (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT]);
}

/* ---- actions ---- */

static void
select_dataset (NsDataPanel *self, const char *name)
{
  const NsConfig *config;
  int kind;

  if (self->experiment == NULL || name == NULL || *name == '\0')
    return;

  kind = ns_dataset_kind_from_name (name);
  if (kind < 0)
    {
      g_warning ("No data set is called “%s”", name);
      return;
    }

  /* Choosing the set in use again keeps the run going. A file (CSV or image folder) gives way
   * to the set chosen: that is how the learner closes it; the network keeps its hidden layers
   * and takes the set's inputs. */
  config = ns_experiment_get_config (self->experiment);
  if (config->data_path == NULL && config->dataset == (NsDatasetKind) kind)
    return;

  /* The count chosen for one plane set suits another; a built-in set has its own (0: its
   * default). Another kind of inputs gets a network of the same hidden layers for them (the
   * images' conv layers go with a plane set). */
  ns_experiment_set_data (
      self->experiment, (NsDatasetKind) kind, config->noise, config->train_ratio,
      ns_config_is_plane (config) && ns_dataset_kind_is_plane (kind) ? config->count : 0);
}

static void
set_noise_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsDataPanel *self = NS_DATA_PANEL (widget);
  double noise = g_variant_get_double (parameter);
  const NsConfig *config;

  if (self->experiment == NULL || !isfinite (noise))
    return;

  config = ns_experiment_get_config (self->experiment);
  noise = CLAMP (noise, 0.0, 0.5);
  if (!ns_config_is_plane (config) || noise == config->noise)
    return;

  ns_experiment_set_data (self->experiment, config->dataset, noise, config->train_ratio,
                          config->count);
}

static void
set_ratio_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsDataPanel *self = NS_DATA_PANEL (widget);
  double ratio = g_variant_get_double (parameter);
  const NsConfig *config;

  if (self->experiment == NULL || !isfinite (ratio))
    return;

  config = ns_experiment_get_config (self->experiment);
  ratio = CLAMP (ratio, 0.1, 0.9);
  if (!ns_config_is_plane (config) || ratio == config->train_ratio)
    return;

  ns_experiment_set_data (self->experiment, config->dataset, config->noise, ratio, config->count);
}

static void
set_batch_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsDataPanel *self = NS_DATA_PANEL (widget);
  guint batch = CLAMP (g_variant_get_uint32 (parameter), 1, MAX_BATCH);

  if (self->experiment == NULL || batch == ns_experiment_get_config (self->experiment)->batch_size)
    return;

  ns_experiment_set_batch_size (self->experiment, batch);
}

static void
set_seed_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsDataPanel *self = NS_DATA_PANEL (widget);

  /* Even the same seed applies: it is how a demo goes back to its rehearsed start. */
  if (self->experiment != NULL)
    ns_experiment_set_seed (self->experiment, g_variant_get_uint64 (parameter));
}

static void
regenerate_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsDataPanel *self = NS_DATA_PANEL (widget);

  if (self->experiment != NULL)
    ns_experiment_regenerate (self->experiment);
}

/* ---- controls -> actions ---- */

static double
snap (double value, double step)
{
  return round (value / step) * step;
}

static void
noise_changed_cb (NsDataPanel *self, GtkAdjustment *adjustment)
{
  if (self->syncing)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "data.set-noise", "d",
                              snap (gtk_adjustment_get_value (adjustment), NOISE_STEP) / 100.0);
  /* Back onto the step the data was drawn for, even when nothing changed. */
  sync_from_experiment (self);
}

static void
ratio_changed_cb (NsDataPanel *self, GtkAdjustment *adjustment)
{
  if (self->syncing)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "data.set-ratio", "d",
                              snap (gtk_adjustment_get_value (adjustment), RATIO_STEP) / 100.0);
  sync_from_experiment (self);
}

static void
batch_changed_cb (NsDataPanel *self, GtkAdjustment *adjustment)
{
  double value = round (gtk_adjustment_get_value (adjustment));

  if (self->syncing)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "data.set-batch", "u",
                              (guint32) CLAMP (value, 1, MAX_BATCH));
  sync_from_experiment (self);
}

static void
seed_changed_cb (NsDataPanel *self, GtkAdjustment *adjustment)
{
  double value = round (gtk_adjustment_get_value (adjustment));

  if (self->syncing)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "data.set-seed", "t", (guint64) MAX (value, 0.0));
}

static void
thumb_button_active_cb (GtkToggleButton *button, GParamSpec *pspec, NsDataThumb *thumb)
{
  ns_data_thumb_set_selected (thumb, gtk_toggle_button_get_active (button));
}

static GtkWidget *
make_thumb_button (NsDataThumb *thumb, const char *action_name, GVariant *target)
{
  GtkWidget *button = gtk_toggle_button_new ();

  /* Buttons never keep the focus on click, so Space still plays and pauses (DESIGN.md). */
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "image-button");
  gtk_button_set_child (GTK_BUTTON (button), GTK_WIDGET (thumb));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  g_signal_connect_object (button, "notify::active", G_CALLBACK (thumb_button_active_cb), thumb, 0);

  return button;
}

static void
build_pickers (NsDataPanel *self)
{
  for (guint k = 0; k < NS_N_DATASET_KINDS; k++)
    {
      const char *title = ns_dataset_kind_title ((NsDatasetKind) k);
      g_autofree char *tip = g_strdup_printf ("%s — %s", title, dataset_blurbs[k]);
      NsDataThumb *thumb = ns_data_thumb_new (NS_DATA_THUMB_PREVIEW, NS_DATA_THUMB_SIZE);
      GtkWidget *button;
      guint row = k / GRID_COLUMNS, column = k % GRID_COLUMNS;

      if (k < NS_N_PLANE_DATASETS)
        ns_data_thumb_set_dataset (thumb, ns_data_previews_get (self->previews, (NsDatasetKind) k));
      else
        {
          /* The built-in sets on a row of their own, below the generated ones. */
          g_autoptr (GError) error = NULL;
          NnRng rng;

          nn_rng_seed (&rng, 1, NN_STREAM_DATA);
          self->other_previews[k] =
              ns_dataset_load_builtin ((NsDatasetKind) k, IMAGE_PREVIEW_COUNT, &rng, &error);
          if (self->other_previews[k] == NULL)
            g_warning ("No preview of %s: %s", title, error->message);
          ns_data_thumb_set_dataset (thumb, self->other_previews[k]);
          row = (NS_N_PLANE_DATASETS + GRID_COLUMNS - 1) / GRID_COLUMNS;
          column = k - NS_N_PLANE_DATASETS;
        }
      button = make_thumb_button (thumb, "data.set-dataset",
                                  g_variant_new_string (ns_dataset_kind_name ((NsDatasetKind) k)));
      gtk_widget_add_css_class (button, "dataset-thumb");
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (thumb), GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                      -1);
      gtk_grid_attach (self->dataset_grid, button, (int) column, (int) row, 1, 1);

      self->thumbs[k] = thumb;
      self->dataset_buttons[k] = button;
    }

  for (guint k = 0; k < NS_RENDER_N_CLASS_COLORS; k++)
    {
      NsDataThumb *swatch = ns_data_thumb_new (NS_DATA_THUMB_SWATCH, SWATCH_SIZE);
      GtkWidget *button;

      ns_data_thumb_set_class_index (swatch, k);
      button = make_thumb_button (swatch, "data.set-class", g_variant_new_uint32 (k));
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "class-swatch");
      gtk_box_append (self->class_row, button);

      self->swatches[k] = swatch;
      self->class_buttons[k] = button;
    }

  self->file_preview = ns_data_thumb_new (NS_DATA_THUMB_EXPERIMENT, FILE_PREVIEW_SIZE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->file_preview),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "The file's points over its first two columns", -1);
  gtk_box_append (self->file_preview_box, GTK_WIDGET (self->file_preview));
}

/* ---- GObject ---- */

static void
ns_data_panel_dispose (GObject *object)
{
  NsDataPanel *self = NS_DATA_PANEL (object);

  if (self->experiment_signals != NULL)
    g_signal_group_set_target (self->experiment_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_DATA_PANEL);

  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);
  g_clear_object (&self->experiment_signals);
  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (ns_data_panel_parent_class)->dispose (object);
}

static void
ns_data_panel_finalize (GObject *object)
{
  NsDataPanel *self = NS_DATA_PANEL (object);

  /* The thumbnails borrowed these; they went with the template in dispose. */
  g_clear_pointer (&self->previews, ns_data_previews_free);
  for (guint k = 0; k < NS_N_DATASET_KINDS; k++)
    g_clear_pointer (&self->other_previews[k], ns_dataset_free);
  g_clear_pointer (&self->dataset, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ns_data_panel_parent_class)->finalize (object);
}

static void
ns_data_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsDataPanel *self = NS_DATA_PANEL (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_DATASET:
      g_value_set_string (value, self->dataset);
      break;

    case PROP_CLASS_TO_ADD:
      g_value_set_uint (value, self->class_to_add);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_data_panel_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsDataPanel *self = NS_DATA_PANEL (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      ns_data_panel_set_experiment (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      ns_data_panel_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_DATASET:
      select_dataset (self, g_value_get_string (value));
      break;

    case PROP_CLASS_TO_ADD:
      ns_data_panel_set_class_to_add (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_data_panel_class_init (NsDataPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_data_panel_dispose;
  object_class->finalize = ns_data_panel_finalize;
  object_class->get_property = ns_data_panel_get_property;
  object_class->set_property = ns_data_panel_set_property;

  properties[PROP_EXPERIMENT] =
      g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The generated set in use by name ("" for a file); writing it chooses a set. The state of
   * the data.set-dataset action, so the picker's buttons show which one is in use. */
  properties[PROP_DATASET] =
      g_param_spec_string ("dataset", NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The upper bound is wide so an out-of-range action parameter is clamped, not refused. */
  properties[PROP_CLASS_TO_ADD] =
      g_param_spec_uint ("class-to-add", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ns-data-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, box);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, dataset_grid);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, dataset_label);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, file_box);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, file_preview_box);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, file_name_label);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, file_info_label);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, folder_button);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, skipped_expander);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, noise_box);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, ratio_box);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, batch_box);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, seed_box);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, class_box);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, class_row);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, noise_value_label);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, ratio_value_label);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, regenerate_button);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, noise_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, ratio_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, batch_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, batch_spin_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NsDataPanel, seed_adjustment);

  gtk_widget_class_install_property_action (widget_class, "data.set-dataset", "dataset");
  gtk_widget_class_install_action (widget_class, "data.set-noise", "d", set_noise_action_cb);
  gtk_widget_class_install_action (widget_class, "data.set-ratio", "d", set_ratio_action_cb);
  gtk_widget_class_install_action (widget_class, "data.set-batch", "u", set_batch_action_cb);
  gtk_widget_class_install_action (widget_class, "data.set-seed", "t", set_seed_action_cb);
  gtk_widget_class_install_action (widget_class, "data.regenerate", NULL, regenerate_action_cb);
  gtk_widget_class_install_action (widget_class, "data.open-folder", "s",
                                   ns_data_panel_open_folder_action_cb);
  gtk_widget_class_install_action (widget_class, "data.choose-folder", NULL,
                                   ns_data_panel_choose_folder_action_cb);
  gtk_widget_class_install_property_action (widget_class, "data.set-class", "class-to-add");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "datapanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ns_data_panel_init (NsDataPanel *self)
{
  self->zoom = 1.0;
  self->dataset = g_strdup ("");
  self->previews = ns_data_previews_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "data-panel");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, "Data", -1);

  build_pickers (self);

  self->experiment_signals = g_signal_group_new (NS_TYPE_EXPERIMENT);
  g_signal_group_connect_object (self->experiment_signals, "changed",
                                 G_CALLBACK (experiment_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->noise_adjustment, "value-changed", G_CALLBACK (noise_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ratio_adjustment, "value-changed", G_CALLBACK (ratio_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->batch_adjustment, "value-changed", G_CALLBACK (batch_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->batch_spin_adjustment, "value-changed",
                           G_CALLBACK (batch_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->seed_adjustment, "value-changed", G_CALLBACK (seed_changed_cb),
                           self, G_CONNECT_SWAPPED);

  sync_from_experiment (self);
}
