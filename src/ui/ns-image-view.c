/* ns-image-view.c: the output column's picture for image data (see the header). */
#include "config.h"

#include "ns-image-view.h"

#include "ns-experiment-images.h"
#include "ns-render-images.h"

#define PAGE_SAMPLES "samples"
#define PAGE_IMAGE "image"
#define PAGE_FILTERS "filters"
#define PAGE_CONFUSION "confusion"

/* The gallery's share of the samples page where the chosen image's maps fit below it (in a
 * page at least this tall at scale 1); otherwise the gallery has the page, and the maps their
 * own (the image page). */
#define GALLERY_SHARE 0.5
#define MAPS_BELOW_HEIGHT 560.0
#define EXCITING_KEPT 8

struct _NsImageView
{
  NsSceneView parent_instance;

  NsExperiment *experiment;
  GSignalGroup *experiment_signals;
  GSimpleActionGroup *actions;

  char *page;
  guint sample; /* the chosen test image */
  NsGalleryMode mode;
  int true_class, predicted_class; /* NS_GALLERY_CELL */
  guint first;                     /* the gallery's first image shown */
  guint n_listed, n_shown;         /* of the last frame: images listed, drawn */
  gboolean maps_below;             /* the last samples page showed the chosen image's maps */
  guint filter_layer, filter_unit; /* the filter (or neuron) whose exciting images show */
  /* Its most exciting training images: finding them runs every training image through the
   * network, so while training they are found again once an epoch (or for another filter or
   * other data), not every frame as the filters are drawn. */
  guint exciting[EXCITING_KEPT];
  guint n_exciting;
  gboolean exciting_valid;
  guint exciting_epoch, exciting_layer, exciting_unit;
  const NsDataset *exciting_data;
  guint64 serial; /* bumped by every change of the state above */
};

G_DEFINE_FINAL_TYPE (NsImageView, ns_image_view, NS_TYPE_SCENE_VIEW)

enum
{
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ns_image_view_new (void)
{
  return g_object_new (NS_TYPE_IMAGE_VIEW, NULL);
}

static void
state_changed (NsImageView *self)
{
  self->serial++;
  ns_scene_view_invalidate (NS_SCENE_VIEW (self));
}

static void
experiment_changed_cb (NsImageView *self)
{
  const NsDataset *data = ns_experiment_get_dataset (self->experiment);

  /* New data: the chosen image and the gallery's page may not exist any more. */
  if (self->sample >= data->n_test)
    self->sample = 0;
  if ((self->mode == NS_GALLERY_CELL
       && (self->true_class >= (int) data->n_classes
           || self->predicted_class >= (int) data->n_classes))
      || self->first >= data->n_test)
    {
      self->mode = NS_GALLERY_ALL;
      self->first = 0;
    }
  /* Another network or data, a reset: the exciting images are found afresh. */
  self->exciting_valid = FALSE;
  /* The picture's version follows the experiment's: a frame redraws only what changed. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ns_image_view_set_experiment (NsImageView *self, NsExperiment *experiment)
{
  g_return_if_fail (NS_IS_IMAGE_VIEW (self));

  if (!g_set_object (&self->experiment, experiment))
    return;
  g_signal_group_set_target (self->experiment_signals, experiment);
  self->sample = self->first = 0;
  self->mode = NS_GALLERY_ALL;
  state_changed (self);
}

GActionGroup *
ns_image_view_get_actions (NsImageView *self)
{
  g_return_val_if_fail (NS_IS_IMAGE_VIEW (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

const char *
ns_image_view_get_page (NsImageView *self)
{
  g_return_val_if_fail (NS_IS_IMAGE_VIEW (self), NULL);
  return self->page;
}

guint
ns_image_view_get_sample (NsImageView *self)
{
  g_return_val_if_fail (NS_IS_IMAGE_VIEW (self), 0);
  return self->sample;
}

const char *
ns_image_view_get_noun (NsImageView *self)
{
  g_return_val_if_fail (NS_IS_IMAGE_VIEW (self), NULL);

  if (g_strcmp0 (self->page, PAGE_FILTERS) == 0)
    return "learned filters";
  if (g_strcmp0 (self->page, PAGE_CONFUSION) == 0)
    return "confusion matrix";
  if (g_strcmp0 (self->page, PAGE_IMAGE) == 0)
    return "feature maps";
  return "test images";
}

void
ns_image_view_get_filter (NsImageView *self, guint *layer, guint *unit)
{
  g_return_if_fail (NS_IS_IMAGE_VIEW (self));
  *layer = self->filter_layer;
  *unit = self->filter_unit;
}

/* How many test images the gallery lists now (not only those drawn). */
static guint
count_listed (NsImageView *self)
{
  const NsDataset *data;
  guint n_classes, n = 0;
  g_autofree guint *counts = NULL;

  if (self->experiment == NULL)
    return 0;
  data = ns_experiment_get_dataset (self->experiment);
  if (self->mode == NS_GALLERY_ALL)
    return data->n_test;
  counts = ns_experiment_confusion (self->experiment, &n_classes);
  if (counts == NULL)
    return 0;
  if (self->mode == NS_GALLERY_CELL)
    return counts[(guint) self->true_class * n_classes + (guint) self->predicted_class];
  for (guint t = 0; t < n_classes; t++)
    for (guint p = 0; p < n_classes; p++)
      n += t != p ? counts[t * n_classes + p] : 0;
  return n;
}

NsGalleryMode
ns_image_view_get_gallery (NsImageView *self,
                           int *true_class,
                           int *predicted_class,
                           guint *n_images)
{
  g_return_val_if_fail (NS_IS_IMAGE_VIEW (self), NS_GALLERY_ALL);

  if (true_class != NULL)
    *true_class = self->true_class;
  if (predicted_class != NULL)
    *predicted_class = self->predicted_class;
  if (n_images != NULL)
    *n_images = count_listed (self);
  return self->mode;
}

static void
set_page (NsImageView *self, const char *page)
{
  if (g_strcmp0 (page, PAGE_SAMPLES) != 0 && g_strcmp0 (page, PAGE_IMAGE) != 0
      && g_strcmp0 (page, PAGE_FILTERS) != 0 && g_strcmp0 (page, PAGE_CONFUSION) != 0)
    return;
  if (g_strcmp0 (page, self->page) == 0)
    return;
  g_free (self->page);
  self->page = g_strdup (page);
  state_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
show_gallery (NsImageView *self, NsGalleryMode mode, int true_class, int predicted_class)
{
  self->mode = mode;
  self->true_class = true_class;
  self->predicted_class = predicted_class;
  self->first = 0;
  set_page (self, PAGE_SAMPLES);
  state_changed (self);
}

/* ---- actions ---- */

static void
select_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  NsImageView *self = user_data;
  guint index = g_variant_get_uint32 (parameter);

  if (self->experiment == NULL || index >= ns_experiment_get_dataset (self->experiment)->n_test)
    return;
  self->sample = index;
  /* Where the gallery leaves no room for its maps, they have a page of their own. */
  if (g_strcmp0 (self->page, PAGE_SAMPLES) == 0 && !self->maps_below)
    set_page (self, PAGE_IMAGE);
  state_changed (self);
}

static void
choose_filter_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  NsImageView *self = user_data;
  const NnNet *net;
  guint layer, unit;

  if (self->experiment == NULL)
    return;
  net = ns_experiment_get_net (self->experiment);
  g_variant_get (parameter, "(uu)", &layer, &unit);
  if (layer + 1 >= net->n_layers || unit >= net->layers[layer].n_biases)
    return;
  self->filter_layer = layer;
  self->filter_unit = unit;
  state_changed (self);
}

static void
show_cell_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  NsImageView *self = user_data;
  guint t, p, n;

  if (self->experiment == NULL)
    return;
  n = ns_experiment_get_dataset (self->experiment)->n_classes;
  g_variant_get (parameter, "(uu)", &t, &p);
  if (t >= n || p >= n)
    return;
  show_gallery (self, NS_GALLERY_CELL, (int) t, (int) p);
}

static void
show_all_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  show_gallery (user_data, NS_GALLERY_ALL, -1, -1);
}

static void
show_mistakes_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  show_gallery (user_data, NS_GALLERY_MISTAKES, -1, -1);
}

/* The image page: the chosen image's neighbour in the gallery's list. */
static void
sample_step (NsImageView *self, int direction)
{
  guint n = 0, at = 0;
  g_autofree guint *list = ns_render_view_gallery_list (
      self->experiment, self->mode, self->true_class, self->predicted_class, &n);

  if (n == 0)
    return;
  while (at < n && list[at] != self->sample)
    at++;
  if (at == n) /* not in the list: its first */
    at = direction > 0 ? 0 : n - 1;
  else if ((direction > 0 && at + 1 >= n) || (direction < 0 && at == 0))
    return;
  else
    at = direction > 0 ? at + 1 : at - 1;
  self->sample = list[at];
  state_changed (self);
}

static void
page_step (NsImageView *self, int direction)
{
  guint step = MAX (self->n_shown, 1), listed;

  if (self->experiment == NULL)
    return;
  if (g_strcmp0 (self->page, PAGE_IMAGE) == 0)
    {
      sample_step (self, direction);
      return;
    }
  listed = count_listed (self);

  if (direction > 0 && self->first + step < listed)
    self->first += step;
  else if (direction < 0 && self->first > 0)
    self->first = self->first > step ? self->first - step : 0;
  else
    return;
  state_changed (self);
}

static void
next_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  page_step (user_data, 1);
}

static void
previous_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  page_step (user_data, -1);
}

/* ---- the picture ---- */

static double
gallery_height (double height)
{
  return round (height * GALLERY_SHARE);
}

static gboolean
ns_image_view_build (NsSceneView *scene_view,
                     NsScene *scene,
                     const NsRenderStyle *style,
                     double width,
                     double height)
{
  NsImageView *self = NS_IMAGE_VIEW (scene_view);
  double margin = ns_render_style_px (style, 8), w = width - 2 * margin, h = height - 2 * margin;

  if (self->experiment == NULL || w <= 0 || h <= 0)
    return FALSE;

  ns_render_images_begin (scene, style, width, height);
  if (g_strcmp0 (self->page, PAGE_FILTERS) == 0)
    {
      guint epoch = ns_experiment_get_epoch (self->experiment);
      const NsDataset *data = ns_experiment_get_dataset (self->experiment);

      if (!self->exciting_valid || self->exciting_epoch != epoch
          || self->exciting_layer != self->filter_layer || self->exciting_unit != self->filter_unit
          || self->exciting_data != data)
        {
          self->n_exciting =
              ns_experiment_top_exciting (self->experiment, self->filter_layer, self->filter_unit,
                                          EXCITING_KEPT, self->exciting, NULL);
          self->exciting_valid = TRUE;
          self->exciting_epoch = epoch;
          self->exciting_layer = self->filter_layer;
          self->exciting_unit = self->filter_unit;
          self->exciting_data = data;
        }
      ns_render_view_filters (scene, self->experiment, style, margin, margin, w, h,
                              (int) self->filter_layer, (int) self->filter_unit,
                              self->n_exciting > 0 ? self->exciting : NULL, self->n_exciting);
    }
  else if (g_strcmp0 (self->page, PAGE_CONFUSION) == 0)
    ns_render_view_confusion (scene, self->experiment, style, margin, margin, w, h);
  else if (g_strcmp0 (self->page, PAGE_IMAGE) == 0)
    ns_render_view_feature_maps (scene, self->experiment, style, margin, margin, w, h, TRUE,
                                 self->sample);
  else
    {
      double gap = ns_render_style_px (style, 12), gh;

      self->maps_below = h >= ns_render_style_px (style, MAPS_BELOW_HEIGHT);
      gh = self->maps_below ? gallery_height (h) : h;

      self->n_listed = ns_render_view_gallery (scene, self->experiment, style, margin, margin, w,
                                               gh, self->mode, self->true_class,
                                               self->predicted_class, self->first, &self->n_shown);
      /* The chosen image framed in the gallery, where it is on this page. */
      for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
        {
          const NsHitRegion *hit = ns_scene_get_hit (scene, k);
          double ring = ns_render_style_px (style, 3);

          if (hit->kind == NS_HIT_POINT && hit->input == (int) self->sample)
            {
              ns_scene_add_rect (scene, hit->x0 - ring, hit->y0 - ring,
                                 hit->x1 - hit->x0 + 2 * ring, hit->y1 - hit->y0 + 2 * ring, 0,
                                 NULL, &style->accent, ring);
              break;
            }
        }
      if (self->maps_below)
        {
          ns_scene_add_line (scene, margin, margin + gh + gap / 2, margin + w,
                             margin + gh + gap / 2, ns_render_style_px (style, 1), &style->outline);
          ns_render_view_feature_maps (scene, self->experiment, style, margin, margin + gh + gap, w,
                                       h - gh - gap, TRUE, self->sample);
        }
    }
  return TRUE;
}

static guint64
ns_image_view_get_version (NsSceneView *scene_view)
{
  NsImageView *self = NS_IMAGE_VIEW (scene_view);
  guint64 version = self->experiment != NULL ? ns_experiment_get_version (self->experiment) : 0;

  /* Either changing changes the picture. */
  return version * 1000003u + self->serial;
}

gboolean
ns_image_view_click (NsImageView *self, double x, double y)
{
  const NsHitRegion *hit;

  g_return_val_if_fail (NS_IS_IMAGE_VIEW (self), FALSE);

  hit = ns_scene_hit_test (ns_scene_view_get_scene (NS_SCENE_VIEW (self)), x, y);
  if (hit == NULL)
    return FALSE;
  if (hit->kind == NS_HIT_POINT && hit->input >= 0)
    g_action_group_activate_action (G_ACTION_GROUP (self->actions), "select",
                                    g_variant_new_uint32 ((guint32) hit->input));
  else if (hit->kind == NS_HIT_NEURON && hit->layer >= 0 && hit->neuron >= 0)
    g_action_group_activate_action (
        G_ACTION_GROUP (self->actions), "choose-filter",
        g_variant_new ("(uu)", (guint32) hit->layer, (guint32) hit->neuron));
  else if (hit->kind == NS_HIT_BUTTON && hit->layer >= 0 && hit->neuron >= 0)
    g_action_group_activate_action (
        G_ACTION_GROUP (self->actions), "show-cell",
        g_variant_new ("(uu)", (guint32) hit->layer, (guint32) hit->neuron));
  else
    return FALSE;
  return TRUE;
}

static char *
ns_image_view_describe (NsSceneView *scene_view, double x, double y)
{
  NsImageView *self = NS_IMAGE_VIEW (scene_view);
  const NsHitRegion *hit = ns_scene_hit_test (ns_scene_view_get_scene (scene_view), x, y);
  const NsDataset *data;

  if (hit == NULL || self->experiment == NULL)
    return NULL;
  data = ns_experiment_get_dataset (self->experiment);
  if (hit->kind == NS_HIT_POINT && hit->input >= 0 && (guint) hit->input < data->n_test)
    return g_strdup_printf ("Test image %d, a %s: click to see its feature maps and class "
                            "probabilities",
                            hit->input + 1, data->class_names[(int) data->test_y[hit->input]]);
  if (hit->kind == NS_HIT_NEURON)
    return g_strdup_printf ("Layer %d, filter %d: click to see the training images that excite "
                            "it most",
                            hit->layer + 1, hit->neuron + 1);
  if (hit->kind == NS_HIT_BUTTON && hit->layer >= 0 && (guint) hit->layer < data->n_classes
      && hit->neuron >= 0 && (guint) hit->neuron < data->n_classes)
    return g_strdup_printf ("True class %s, predicted %s: click to list these test images",
                            data->class_names[hit->layer], data->class_names[hit->neuron]);
  return NULL;
}

static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, NsImageView *self)
{
  if (ns_image_view_click (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* ---- GObject ---- */

static void
ns_image_view_dispose (GObject *object)
{
  NsImageView *self = NS_IMAGE_VIEW (object);

  if (self->experiment_signals != NULL)
    g_signal_group_set_target (self->experiment_signals, NULL);
  g_clear_object (&self->experiment_signals);
  g_clear_object (&self->experiment);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (ns_image_view_parent_class)->dispose (object);
}

static void
ns_image_view_finalize (GObject *object)
{
  g_free (NS_IMAGE_VIEW (object)->page);
  G_OBJECT_CLASS (ns_image_view_parent_class)->finalize (object);
}

static void
ns_image_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsImageView *self = NS_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_image_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsImageView *self = NS_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      set_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_image_view_class_init (NsImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NsSceneViewClass *scene_view_class = NS_SCENE_VIEW_CLASS (klass);

  object_class->dispose = ns_image_view_dispose;
  object_class->finalize = ns_image_view_finalize;
  object_class->get_property = ns_image_view_get_property;
  object_class->set_property = ns_image_view_set_property;

  scene_view_class->build = ns_image_view_build;
  scene_view_class->describe_at = ns_image_view_describe;
  scene_view_class->get_version = ns_image_view_get_version;
  scene_view_class->min_width = 280;
  scene_view_class->natural_width = 420;
  scene_view_class->min_height = 360;
  scene_view_class->natural_height = 600;

  properties[PROP_PAGE] =
      g_param_spec_string ("page", NULL, NULL, PAGE_SAMPLES,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "imageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_image_view_init (NsImageView *self)
{
  const GActionEntry entries[] = {
    { "select", select_cb, "u", NULL, NULL },
    { "show-cell", show_cell_cb, "(uu)", NULL, NULL },
    { "choose-filter", choose_filter_cb, "(uu)", NULL, NULL },
    { "show-all", show_all_cb, NULL, NULL, NULL },
    { "show-mistakes", show_mistakes_cb, NULL, NULL, NULL },
    { "next", next_cb, NULL, NULL, NULL },
    { "previous", previous_cb, NULL, NULL, NULL },
  };
  g_autoptr (GPropertyAction) page = NULL;
  GtkGesture *click;

  self->page = g_strdup (PAGE_SAMPLES);
  self->mode = NS_GALLERY_ALL;
  self->true_class = self->predicted_class = -1;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  page = g_property_action_new ("page", self, "page");
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (page));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, "Images",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "The test images with the network's answers, one image's "
                                  "feature maps, the learned filters or the confusion matrix",
                                  -1);

  self->experiment_signals = g_signal_group_new (NS_TYPE_EXPERIMENT);
  g_signal_group_connect_swapped (self->experiment_signals, "changed",
                                  G_CALLBACK (experiment_changed_cb), self);
  /* The filters grow and the answers change as it trains. */
  g_signal_group_connect_swapped (self->experiment_signals, "stepped",
                                  G_CALLBACK (gtk_widget_queue_draw), self);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}
