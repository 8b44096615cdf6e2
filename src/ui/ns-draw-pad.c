/* ns-draw-pad.c: "Draw your own": a pad, the drawing as the network sees it, its guess. */
#include "config.h"

#include "ns-draw-pad.h"

#include <string.h>

#include "ns-experiment-classic.h"
#include "ns-picture-view.h"
#include "ns-printf.h"
#include "ns-render-draw.h"

/* The pad's pixels per image pixel: digits were drawn on 32x32 bitmaps and counted in 4x4
 * blocks; colour pictures get the same 4 so a brush stroke is a few of their pixels wide. */
#define PAD_BLOCK 4
/* Brush radii in pad pixels: a pen's line for digits, a wide brush to colour in a picture. */
#define DIGIT_BRUSH 2.2
#define PICTURE_BRUSH 4.5

/* The colours offered for pictures (apples, balls, the background). */
static const struct
{
  const char *name;
  float rgb[3];
} paints[] = {
  { "Red", { 0.85f, 0.12f, 0.10f } },          { "Green", { 0.35f, 0.70f, 0.20f } },
  { "Yellow", { 0.95f, 0.85f, 0.20f } },       { "Orange", { 0.98f, 0.55f, 0.10f } },
  { "Blue", { 0.15f, 0.35f, 0.85f } },         { "White", { 0.97f, 0.97f, 0.97f } },
  { "Brown (stem)", { 0.35f, 0.22f, 0.10f } }, { "Black", { 0.05f, 0.05f, 0.05f } },
};
/* A picture's pad starts as a light sky grey, the kind of background the pictures have. */
static const float picture_background[3] = { 0.80f, 0.84f, 0.88f };

struct _NsDrawPad
{
  GtkBox parent_instance;

  NsExperiment *experiment;

  /* The pad: 1 channel (ink) for grey images, 3 for colour ones, channel-major. */
  guint pad_channels, pad_height, pad_width;
  float *pad;
  gboolean has_ink;
  /* The drawing as the network sees it, and its answer. */
  guint channels, height, width;
  float *image;
  guint n_classes;
  float probabilities[NS_MAX_CLASSES];
  float *units; /* every unit's output for the drawing (the feature maps), or NULL */
  guint guess;
  guint64 asked_version; /* the experiment's version the answer is for */
  gboolean asked;

  NsPadPlace place;
  gboolean placed;
  gboolean stroking;
  double last_x, last_y; /* pad units */
  double drag_x, drag_y; /* where the drag began, view units */

  gboolean label_chosen; /* the learner picked the class: the guess no longer moves it */
  guint syncing;
  char *message;
  guint poll_id; /* asks whether the network changed: training has no signal per step */

  GtkWidget *view;
  GtkWidget *paint_box;
  GtkDropDown *paint;
  GtkDropDown *label;
  GtkLabel *message_label;
};

G_DEFINE_FINAL_TYPE (NsDrawPad, ns_draw_pad, GTK_TYPE_BOX)

enum
{
  DRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The class names the pictures and the dropdown show (digits' "0" … "9", never colours). */
static char **
class_names (NsDrawPad *self)
{
  const NsDataset *data = ns_experiment_get_dataset (self->experiment);
  char **names = g_new0 (char *, data->n_classes + 1);
  char buffer[16];

  for (guint k = 0; k < data->n_classes; k++)
    names[k] = g_strdup (ns_image_class_name (data, k, buffer, sizeof buffer));
  return names;
}

static void
set_message (NsDrawPad *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message != NULL ? message : "");
  gtk_label_set_label (self->message_label, self->message);
}

/* The drawing through the network, when the drawing or the network changed. */
static void
ask_network (NsDrawPad *self)
{
  if (self->image == NULL || self->n_classes == 0)
    return;
  self->guess = ns_experiment_predict_image (self->experiment, self->image, self->probabilities);
  g_free (self->units);
  self->units = ns_experiment_image_units (self->experiment, self->image);
  self->asked_version = ns_experiment_get_version (self->experiment);
  self->asked = TRUE;
  if (!self->label_chosen && self->has_ink)
    {
      self->syncing++;
      gtk_drop_down_set_selected (self->label, self->guess);
      self->syncing--;
    }
}

static void
drawing_changed (NsDrawPad *self)
{
  if (self->pad == NULL)
    return;
  ns_drawing_to_image (self->pad, self->pad_channels, self->pad_height, self->pad_width,
                       self->pad_channels == 1, self->image, self->channels, self->height,
                       self->width);
  ask_network (self);
  ns_scene_view_invalidate (NS_SCENE_VIEW (self->view));
}

static void
clear_pad (NsDrawPad *self)
{
  gsize n = (gsize) self->pad_height * self->pad_width;

  for (guint ch = 0; ch < self->pad_channels; ch++)
    for (gsize i = 0; i < n; i++)
      self->pad[ch * n + i] = self->pad_channels == 1 ? 0.0f : picture_background[MIN (ch, 2)];
  self->has_ink = FALSE;
  self->label_chosen = FALSE;
  drawing_changed (self);
}

/* A pad of the data's shape (after new data). */
static void
configure (NsDrawPad *self)
{
  const NsDataset *data = ns_experiment_get_dataset (self->experiment);
  gboolean image = ns_dataset_is_image (data) && data->n_classes > 0;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  if (image && self->pad != NULL && self->channels == data->image_channels
      && self->height == data->image_height && self->width == data->image_width
      && self->n_classes == data->n_classes)
    return;

  g_clear_pointer (&self->pad, g_free);
  g_clear_pointer (&self->image, g_free);
  self->asked = FALSE;
  self->n_classes = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self), image);
  if (!image)
    {
      set_message (self, "Drawing needs image data (digits, apples or a folder of images)");
      ns_scene_view_invalidate (NS_SCENE_VIEW (self->view));
      return;
    }

  self->channels = data->image_channels;
  self->height = data->image_height;
  self->width = data->image_width;
  self->n_classes = MIN (data->n_classes, NS_MAX_CLASSES);
  /* A grey pad for grey images; colour images get a colour pad. */
  self->pad_channels = self->channels == 3 ? 3 : 1;
  self->pad_height = self->height * PAD_BLOCK;
  self->pad_width = self->width * PAD_BLOCK;
  self->pad = g_new0 (float, (gsize) self->pad_channels * self->pad_height * self->pad_width);
  self->image = g_new0 (float, (gsize) self->channels * self->height * self->width);

  for (guint k = 0; k < self->n_classes; k++)
    {
      char buffer[16];

      gtk_string_list_append (names, ns_image_class_name (data, k, buffer, sizeof buffer));
    }
  self->syncing++;
  gtk_drop_down_set_model (self->label, G_LIST_MODEL (names));
  self->syncing--;
  gtk_widget_set_visible (self->paint_box, self->pad_channels == 3);
  set_message (self, self->pad_channels == 3
                         ? "Paint an apple or a ball; the network guesses as you paint"
                         : "Draw a digit with the mouse; the network guesses as you draw");
  clear_pad (self);
}

static void
experiment_changed_cb (NsDrawPad *self)
{
  configure (self);
}

/* Training goes on while the pad is open: a new network, a new answer. */
static gboolean
poll_cb (gpointer user_data)
{
  NsDrawPad *self = NS_DRAW_PAD (user_data);

  if (self->image != NULL
      && (!self->asked || ns_experiment_get_version (self->experiment) != self->asked_version))
    {
      ask_network (self);
      ns_scene_view_invalidate (NS_SCENE_VIEW (self->view));
    }
  return G_SOURCE_CONTINUE;
}

/* The drawing's feature maps in every conv and pool layer before the first dense one, in
 * (x, y, width, height). Nothing for a network without them. */
static void
add_feature_maps (NsDrawPad *self,
                  NsScene *scene,
                  const NsRenderStyle *style,
                  double x,
                  double y,
                  double width,
                  double height)
{
  const NnNet *net = ns_experiment_get_net (self->experiment);
  NsFeatureMapLayer layers[NN_MAX_LAYERS];
  g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  if (self->units == NULL || !(width > 0) || !(height > 0))
    return;
  for (size_t l = 0; l + 1 < net->n_layers && n < G_N_ELEMENTS (layers); l++)
    {
      NnLayerKind kind = nn_net_layer_kind (net, l);
      NnLayerSpec spec = nn_net_layer_spec (net, l);
      NnShape out;
      char *title;

      if (kind != NN_LAYER_CONV2D && kind != NN_LAYER_MAX_POOL)
        break;
      if (nn_net_layer_shape (net, l, NULL, &out) != NN_OK)
        break;
      title = kind == NN_LAYER_CONV2D
                  ? ns_strdup_printf ("conv %zu\u00d7%zu, %zu maps", spec.kernel, spec.kernel,
                                      spec.units)
                  : ns_strdup_printf ("max-pool %zu\u00d7%zu", spec.kernel, spec.kernel);
      g_ptr_array_add (titles, title);
      layers[n].title = title;
      layers[n].values = self->units + nn_net_unit_index (net, l, 0);
      layers[n].channels = (guint) out.channels;
      layers[n].height = (guint) out.height;
      layers[n].width = (guint) out.width;
      n++;
    }
  if (n > 0)
    ns_render_feature_maps (scene, style, x, y, width, height, NULL, layers, n,
                            NS_FEATURE_SCALE_LAYER);
}

static gboolean
build_cb (NsPictureView *view,
          NsScene *scene,
          const NsRenderStyle *style,
          double width,
          double height,
          gpointer user_data)
{
  NsDrawPad *self = user_data;
  NsImageData small = { self->image, self->channels, self->height, self->width };
  double gap = ns_render_style_px (style, 24);
  /* The probabilities need a name, a bar and a percentage: the pad takes the rest. */
  double pad_w = MAX (width * 0.55, width - ns_render_style_px (style, 260));
  double bars_x = pad_w + gap;
  double bars_w = width - bars_x;
  double title = ns_render_style_px (style, 16);
  double bars_h;

  ns_render_images_begin (scene, style, width, height);
  if (self->pad == NULL)
    return FALSE;
  ns_render_colour_drawing_pad (scene, style, 0, 0, pad_w, height, self->pad, self->pad_channels,
                                self->pad_height, self->pad_width, &small, &self->place);
  self->placed = self->place.cell > 0;
  if (!(bars_w > 0))
    return TRUE;
  ns_scene_add_text (scene, bars_x, 0, "The network's guess", NS_TEXT_TITLE, title, NS_ALIGN_START,
                     NS_ALIGN_START, &style->foreground);
  /* An empty pad's "guess" means nothing: none is shown until there is ink. */
  if (!self->has_ink)
    {
      ns_scene_add_text (scene, bars_x, 2 * title, "It appears here as you draw.", NS_TEXT_LABEL,
                         title * 0.9, NS_ALIGN_START, NS_ALIGN_START, &style->muted);
      return TRUE;
    }
  bars_h = MIN (height - 2 * title, self->n_classes * ns_render_style_px (style, 34));
  if (self->asked && bars_h > 0)
    {
      g_auto (GStrv) names = class_names (self);

      ns_render_class_probabilities (scene, style, bars_x, 2 * title, bars_w, bars_h,
                                     self->probabilities, self->n_classes,
                                     (const char *const *) names, -1);
    }
  /* What the conv layers make of the drawing: under the image the network sees (its side is
   * at most 192 units, ns-render-images) or under the guess, whichever has more room. */
  {
    double mid_x = self->place.x + self->pad_width * self->place.cell + gap;
    double mid_y = self->place.y + ns_render_style_px (style, 192) + gap;
    double mid_w = bars_x - gap - mid_x, mid_h = height - mid_y;
    double right_y = 2 * title + bars_h + gap, right_h = height - right_y;

    if (mid_w > 0 && mid_h > 0 && mid_w * mid_h > bars_w * right_h)
      add_feature_maps (self, scene, style, mid_x, mid_y, mid_w, mid_h);
    else
      add_feature_maps (self, scene, style, bars_x, right_y, bars_w, right_h);
  }
  return TRUE;
}

void
ns_draw_pad_stroke_begin (NsDrawPad *self, double x, double y)
{
  double px, py;

  g_return_if_fail (NS_IS_DRAW_PAD (self));

  self->stroking = FALSE;
  if (!self->placed || self->pad == NULL)
    return;
  px = (x - self->place.x) / self->place.cell;
  py = (y - self->place.y) / self->place.cell;
  if (px < 0 || py < 0 || px >= self->pad_width || py >= self->pad_height)
    return;
  self->stroking = TRUE;
  self->last_x = px;
  self->last_y = py;
  ns_draw_pad_stroke_to (self, x, y);
}

void
ns_draw_pad_stroke_to (NsDrawPad *self, double x, double y)
{
  double px, py;
  float colour[3] = { 1, 1, 1 };

  g_return_if_fail (NS_IS_DRAW_PAD (self));

  if (!self->stroking)
    return;
  px = (x - self->place.x) / self->place.cell;
  py = (y - self->place.y) / self->place.cell;
  if (self->pad_channels == 3)
    memcpy (colour,
            paints[MIN (gtk_drop_down_get_selected (self->paint), G_N_ELEMENTS (paints) - 1)].rgb,
            sizeof colour);
  ns_drawing_brush (self->pad, self->pad_channels, self->pad_height, self->pad_width, colour,
                    self->pad_channels == 3 ? PICTURE_BRUSH : DIGIT_BRUSH, self->last_x,
                    self->last_y, px, py);
  self->last_x = px;
  self->last_y = py;
  self->has_ink = TRUE;
  drawing_changed (self);
}

void
ns_draw_pad_stroke_end (NsDrawPad *self)
{
  g_return_if_fail (NS_IS_DRAW_PAD (self));

  if (self->stroking)
    g_signal_emit (self, signals[DRAWN], 0);
  self->stroking = FALSE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, NsDrawPad *self)
{
  self->drag_x = x;
  self->drag_y = y;
  ns_draw_pad_stroke_begin (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, NsDrawPad *self)
{
  ns_draw_pad_stroke_to (self, self->drag_x + dx, self->drag_y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, NsDrawPad *self)
{
  ns_draw_pad_stroke_end (self);
}

static void
clear_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsDrawPad *self = NS_DRAW_PAD (widget);

  if (self->pad == NULL)
    return;
  clear_pad (self);
}

static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsDrawPad *self = NS_DRAW_PAD (widget);
  guint label = ns_draw_pad_get_label (self);
  g_autofree char *message = NULL;
  char name[64], buffer[16];

  if (self->pad == NULL)
    return;
  if (!self->has_ink)
    {
      set_message (self, "Draw something first: an empty pad teaches nothing");
      return;
    }
  g_strlcpy (name,
             ns_image_class_name (ns_experiment_get_dataset (self->experiment), label, buffer,
                                  sizeof buffer),
             sizeof name);
  if (!ns_experiment_add_image (self->experiment, self->image, label))
    {
      set_message (self, "This data takes no drawn images");
      return;
    }
  message = ns_strdup_printf ("Added as “%s”: %u training images now. It joins the next epoch.",
                              name, ns_experiment_get_dataset (self->experiment)->n_train);
  clear_pad (self);
  set_message (self, message);
}

static void
label_selected_cb (NsDrawPad *self)
{
  if (self->syncing == 0)
    self->label_chosen = TRUE;
}

static void
ns_draw_pad_dispose (GObject *object)
{
  NsDrawPad *self = NS_DRAW_PAD (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_object (&self->experiment);
  G_OBJECT_CLASS (ns_draw_pad_parent_class)->dispose (object);
}

static void
ns_draw_pad_finalize (GObject *object)
{
  NsDrawPad *self = NS_DRAW_PAD (object);

  g_free (self->pad);
  g_free (self->image);
  g_free (self->units);
  g_free (self->message);
  G_OBJECT_CLASS (ns_draw_pad_parent_class)->finalize (object);
}

static void
ns_draw_pad_class_init (NsDrawPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_draw_pad_dispose;
  object_class->finalize = ns_draw_pad_finalize;

  /* A stroke was drawn on the pad (a lesson counts drawings). */
  signals[DRAWN] = g_signal_new ("drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "pad.clear", NULL, clear_action_cb);
  gtk_widget_class_install_action (widget_class, "pad.add", NULL, add_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "pad.add",
                                       NULL);
}

static void
ns_draw_pad_init (NsDrawPad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkWidget *row, *button, *caption;
  g_autoptr (GtkStringList) paint_names = gtk_string_list_new (NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  self->message = g_strdup ("");

  self->view = ns_picture_view_new (
      build_cb, self, 560, 360, "Drawing pad: draw with the mouse; the network's guess beside it");
  gtk_widget_set_vexpand (self->view, TRUE);
  gtk_widget_set_hexpand (self->view, TRUE);
  gtk_widget_set_cursor_from_name (self->view, "crosshair");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (self->view, GTK_EVENT_CONTROLLER (drag));
  gtk_box_append (GTK_BOX (self), self->view);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  button = gtk_button_new_with_mnemonic ("_Clear");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "pad.clear");
  gtk_widget_set_tooltip_text (button, "An empty pad (Delete)");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_box_append (GTK_BOX (row), button);

  self->paint_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  caption = gtk_label_new ("Colour");
  gtk_box_append (GTK_BOX (self->paint_box), caption);
  for (guint k = 0; k < G_N_ELEMENTS (paints); k++)
    gtk_string_list_append (paint_names, paints[k].name);
  self->paint =
      GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&paint_names)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->paint), "The brush's colour");
  gtk_box_append (GTK_BOX (self->paint_box), GTK_WIDGET (self->paint));
  gtk_box_append (GTK_BOX (row), self->paint_box);

  caption = gtk_label_new ("Add to the training set as");
  gtk_widget_set_hexpand (caption, TRUE);
  gtk_label_set_xalign (GTK_LABEL (caption), 1);
  gtk_box_append (GTK_BOX (row), caption);
  self->label = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label),
                               "The class the drawing joins the training set as: the network's "
                               "guess until you pick one");
  g_signal_connect_swapped (self->label, "notify::selected", G_CALLBACK (label_selected_cb), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->label));
  button = gtk_button_new_with_mnemonic ("_Add");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "pad.add");
  gtk_widget_set_tooltip_text (button, "Adds the drawing, as the network sees it, to the training "
                                       "set with this class (Ctrl+Enter)");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (self), row);

  self->message_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->message_label));

  /* Ten times a second is live enough to watch a guess change as the network trains, and
   * costs nothing when nothing changed (a frame clock tick would keep the window drawing). */
  self->poll_id = g_timeout_add (100, poll_cb, self);
}

GtkWidget *
ns_draw_pad_new (NsExperiment *experiment)
{
  NsDrawPad *self;

  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), NULL);

  self = g_object_new (NS_TYPE_DRAW_PAD, NULL);
  self->experiment = g_object_ref (experiment);
  g_signal_connect_object (experiment, "changed", G_CALLBACK (experiment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  configure (self);
  return GTK_WIDGET (self);
}

NsExperiment *
ns_draw_pad_get_experiment (NsDrawPad *self)
{
  g_return_val_if_fail (NS_IS_DRAW_PAD (self), NULL);
  return self->experiment;
}

GtkWidget *
ns_draw_pad_get_view (NsDrawPad *self)
{
  g_return_val_if_fail (NS_IS_DRAW_PAD (self), NULL);
  return self->view;
}

void
ns_draw_pad_set_zoom (NsDrawPad *self, double zoom)
{
  g_return_if_fail (NS_IS_DRAW_PAD (self));
  ns_scene_view_set_zoom (NS_SCENE_VIEW (self->view), zoom);
}

gboolean
ns_draw_pad_get_place (NsDrawPad *self, NsPadPlace *place, guint *pad_width, guint *pad_height)
{
  g_return_val_if_fail (NS_IS_DRAW_PAD (self), FALSE);

  if (place != NULL)
    *place = self->place;
  if (pad_width != NULL)
    *pad_width = self->pad_width;
  if (pad_height != NULL)
    *pad_height = self->pad_height;
  return self->placed;
}

const float *
ns_draw_pad_get_image (NsDrawPad *self, guint *channels, guint *height, guint *width)
{
  g_return_val_if_fail (NS_IS_DRAW_PAD (self), NULL);

  if (channels != NULL)
    *channels = self->channels;
  if (height != NULL)
    *height = self->height;
  if (width != NULL)
    *width = self->width;
  return self->image;
}

const float *
ns_draw_pad_get_probabilities (NsDrawPad *self, guint *n_classes)
{
  g_return_val_if_fail (NS_IS_DRAW_PAD (self), NULL);

  if (n_classes != NULL)
    *n_classes = self->asked ? self->n_classes : 0;
  return self->asked ? self->probabilities : NULL;
}

guint
ns_draw_pad_get_label (NsDrawPad *self)
{
  guint selected;

  g_return_val_if_fail (NS_IS_DRAW_PAD (self), 0);

  selected = gtk_drop_down_get_selected (self->label);
  return selected == GTK_INVALID_LIST_POSITION ? 0 : selected;
}

void
ns_draw_pad_set_label (NsDrawPad *self, guint label)
{
  g_return_if_fail (NS_IS_DRAW_PAD (self));

  if (label < self->n_classes)
    gtk_drop_down_set_selected (self->label, label);
}

const char *
ns_draw_pad_get_message (NsDrawPad *self)
{
  g_return_val_if_fail (NS_IS_DRAW_PAD (self), "");
  return self->message;
}
