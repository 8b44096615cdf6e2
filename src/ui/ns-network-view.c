/* ns-network-view.c: the network diagram widget: its experiment, scene, words, details pane,
 * pointer and life cycle (layer controls and actions: ns-network-view-controls.c; the popover to
 * type a weight or a bias: ns-network-view-edit.c; the keyboard's selection and focus:
 * ns-network-view-select.c). */
#include "config.h"

#include "ns-network-view-private.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "ns-printf.h"
#include "ns-render-style.h"
#include "ns-scene-snapshot.h"

/* The network is evaluated on the output view's grid, so one evaluation per frame serves both
 * views (the experiment caches it per version); each neuron's picture takes every second value:
 * 50x50 is smooth at any neuron size once the GPU scales it up linearly, and colouring 48 of
 * them stays cheap. */
#define GRID_SIZE 100
#define PICTURE_STEP 2
/* The card's larger heatmap: the output view's grid, so one evaluation serves both. */
#define DETAIL_GRID_SIZE 100

G_DEFINE_FINAL_TYPE (NsNetworkView, ns_network_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
  PROP_ZOOM,
  PROP_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DETAILS_CHANGED,
  WEIGHT_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const NsNetworkItem ns_network_view_no_item = { NS_HIT_NONE, -1, -1, -1 };

/* G_DEFINE_FINAL_TYPE keeps the parent class to this file: the focus vfuncs in
 * ns-network-view-select.c chain up through this. */
GtkWidgetClass *
ns_network_view_get_parent_class (void)
{
  return GTK_WIDGET_CLASS (ns_network_view_parent_class);
}

GtkWidget *
ns_network_view_new (void)
{
  return g_object_new (NS_TYPE_NETWORK_VIEW, NULL);
}

gboolean
ns_network_view_item_equal (const NsNetworkItem *a, const NsNetworkItem *b)
{
  return a->kind == b->kind && a->layer == b->layer && a->neuron == b->neuron
         && a->input == b->input;
}

void
ns_network_view_invalidate (NsNetworkView *self)
{
  self->scene_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- the experiment ---- */

/* Rows of column @column: the input pictures (every feature for plane data), or a layer. */
size_t
ns_network_view_column_rows (NsNetworkView *self, size_t column)
{
  const NnNet *net = get_net (self);

  if (is_image_data (self))
    {
      NnShape out;

      /* One input picture; a map per channel; a neuron per dense unit; one sigmoid output. */
      if (column == 0)
        return 1;
      if (nn_net_layer_shape (net, column - 1, NULL, &out) != NN_OK)
        return 0;
      return nn_net_layer_kind (net, column - 1) == NN_LAYER_FLATTEN ? 0 : out.channels;
    }
  if (column == 0)
    return is_plane_data (self) ? NS_N_FEATURES : net->n_inputs;
  return nn_net_layer_width (net, column - 1);
}

/* A view of the experiment without heatmaps: labels, feature mask, net. */
void
ns_network_view_prepare_plain (NsNetworkView *self, NsNetworkViewData *view)
{
  ns_render_network_prepare (view, self->experiment, 0);
  ns_render_network_prepare_sample (view, self->experiment, self->sample);
}

gboolean
ns_network_view_item_exists (NsNetworkView *self, const NsNetworkItem *item)
{
  const NnNet *net = get_net (self);

  if (net == NULL)
    return FALSE;

  switch (item->kind)
    {
    case NS_HIT_INPUT:
      return item->neuron >= 0 && (size_t) item->neuron < ns_network_view_column_rows (self, 0);

    case NS_HIT_NEURON:
      return item->layer >= 0 && (size_t) item->layer < net->n_layers && item->neuron >= 0
             && (size_t) item->neuron < ns_network_view_column_rows (self, item->layer + 1);

    case NS_HIT_LINK:
      if (is_image_data (self))
        return FALSE; /* the picture's links are a sketch, not one per weight */
      return item->layer >= 0 && (size_t) item->layer < net->n_layers && item->neuron >= 0
             && (size_t) item->neuron < nn_net_layer_width (net, item->layer) && item->input >= 0
             && (size_t) item->input < nn_net_layer_fan_in (net, item->layer);

    case NS_HIT_NONE:
    case NS_HIT_BIAS:
    case NS_HIT_POINT:
    case NS_HIT_BUTTON:
    default:
      return FALSE;
    }
}

/* An input picture's item, with the network input it feeds filled in. */
NsNetworkItem
ns_network_view_input_item (NsNetworkView *self, size_t row)
{
  NsNetworkViewData view;

  ns_network_view_prepare_plain (self, &view);
  return (NsNetworkItem){ NS_HIT_INPUT, -1, (int) row, ns_render_network_input_index (&view, row) };
}

/* ---- public accessors ---- */

NsExperiment *
ns_network_view_get_experiment (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  return self->experiment;
}

static void
experiment_stepped_cb (NsNetworkView *self)
{
  /* Several steps may run per frame; one redraw serves them all. */
  if (ns_experiment_get_version (self->experiment) != self->scene_version)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
experiment_changed_cb (NsNetworkView *self)
{
  /* A feature turned on or off moves the network inputs the pictures feed. */
  if (self->selection.kind == NS_HIT_INPUT && ns_network_view_item_exists (self, &self->selection))
    self->selection = ns_network_view_input_item (self, self->selection.neuron);
  if (self->hover.kind == NS_HIT_INPUT && ns_network_view_item_exists (self, &self->hover))
    self->hover = ns_network_view_input_item (self, self->hover.neuron);
  if (!ns_network_view_item_exists (self, &self->selection))
    self->selection = ns_network_view_no_item;
  if (!ns_network_view_item_exists (self, &self->hover))
    self->hover = ns_network_view_no_item;
  if (gtk_widget_get_visible (self->edit_popover)
      && !ns_network_view_item_exists (self, &self->edit_item))
    gtk_popover_popdown (GTK_POPOVER (self->edit_popover));

  ns_network_view_sync_controls (self);
  ns_network_view_update_description (self);
  ns_network_view_invalidate (self);
}

void
ns_network_view_set_experiment (NsNetworkView *self, NsExperiment *experiment)
{
  g_return_if_fail (NS_IS_NETWORK_VIEW (self));
  g_return_if_fail (experiment == NULL || NS_IS_EXPERIMENT (experiment));

  if (self->experiment == experiment)
    return;

  if (self->experiment != NULL)
    g_signal_handlers_disconnect_by_data (self->experiment, self);

  g_set_object (&self->experiment, experiment);
  self->hover = ns_network_view_no_item;
  self->selection = ns_network_view_no_item;
  if (gtk_widget_get_visible (self->edit_popover))
    gtk_popover_popdown (GTK_POPOVER (self->edit_popover));

  if (experiment != NULL)
    {
      g_signal_connect_object (experiment, "stepped", G_CALLBACK (experiment_stepped_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (experiment, "changed", G_CALLBACK (experiment_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  ns_network_view_sync_controls (self);
  ns_network_view_update_description (self);
  ns_network_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT]);
}

double
ns_network_view_get_zoom (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), 1.0);

  return self->zoom;
}

void
ns_network_view_set_zoom (NsNetworkView *self, double zoom)
{
  g_return_if_fail (NS_IS_NETWORK_VIEW (self));

  zoom = CLAMP (zoom, 0.5, 4.0);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  self->scene_dirty = TRUE;
  self->layout_width = self->layout_height = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

guint
ns_network_view_get_sample (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), 0);

  return self->sample;
}

void
ns_network_view_set_sample (NsNetworkView *self, guint sample)
{
  g_return_if_fail (NS_IS_NETWORK_VIEW (self));

  if (sample == self->sample)
    return;
  self->sample = sample;
  ns_network_view_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE]);
}

/* ---- the scene ---- */

static void
init_style (NsNetworkView *self, NsRenderStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  ns_render_style_init (style, adw_style_manager_get_dark (manager), self->zoom);

  /* The desktop's interface font, so the diagram reads like the rest of the window. */
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    g_snprintf (style->font_family, sizeof style->font_family, "%s, sans-serif",
                pango_font_description_get_family (font));
}

/* The bands the controls take: their natural heights. */
static void
measure_controls (NsNetworkView *self, double *controls_height, double *column_height)
{
  int nat = 0;

  gtk_widget_measure (self->layers_box, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL, NULL);
  *controls_height = nat;
  if (is_image_data (self))
    {
      gtk_widget_measure (self->image_bar, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL, NULL);
      *controls_height = nat;
    }

  *column_height = 0;
  for (guint h = 0; h < self->n_layer_controls; h++)
    {
      gtk_widget_measure (self->layers[h].box, GTK_ORIENTATION_VERTICAL, -1, NULL, &nat, NULL,
                          NULL);
      *column_height = MAX (*column_height, nat);
    }
}

/* The neuron whose card shows: the one under the pointer, else the selected one while the
 * keyboard or its popover is on it. */
static NsNetworkItem
detail_item (NsNetworkView *self)
{
  /* Stepping, the details pane under the diagram has the numbers; a card would hide the
   * diagram's own. */
  if (self->experiment != NULL
      && ns_experiment_get_step_state (self->experiment)->phase != NS_STEP_IDLE)
    return ns_network_view_no_item;
  if (self->hover.kind == NS_HIT_NEURON)
    return self->hover;
  if (self->selection.kind == NS_HIT_NEURON
      && (gtk_widget_is_focus (GTK_WIDGET (self)) || gtk_widget_get_visible (self->edit_popover)))
    return self->selection;
  return ns_network_view_no_item;
}

/* Brings the scene up to date with the experiment, the size and the pointer. */
void
ns_network_view_ensure_scene (NsNetworkView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint64 version = self->experiment != NULL ? ns_experiment_get_version (self->experiment) : 0;
  NsNetworkViewData view;
  NsRenderStyle style;

  guint64 step_key = 0;

  if (self->experiment != NULL)
    {
      const NsStepState *step = ns_experiment_get_step_state (self->experiment);

      /* Phase (4 bits), layer (8), sample (20), step: every move of the walk redraws. */
      if (step->phase != NS_STEP_IDLE)
        step_key = ((step->step + 1) << 32) ^ ((guint64) step->sample << 12)
                   ^ ((guint64) step->layer << 4) ^ step->phase;
    }

  if (!self->scene_dirty && version == self->scene_version && step_key == self->scene_step_key
      && width == self->scene_width && height == self->scene_height)
    return;

  self->scene_dirty = FALSE;
  self->scene_version = version;
  self->scene_step_key = step_key;
  self->scene_width = width;
  self->scene_height = height;
  g_clear_pointer (&self->scene_node, gsk_render_node_unref);
  ns_scene_clear (self->scene);

  if (self->experiment == NULL || width <= 0 || height <= 0)
    return;

  init_style (self, &style);
  ns_render_network_prepare (&view, self->experiment, GRID_SIZE);
  ns_render_network_prepare_sample (&view, self->experiment, self->sample);
  view.picture_step = PICTURE_STEP;
  view.highlight = self->hover;
  view.selection = self->selection;
  view.detail = detail_item (self);
  if (ns_render_network_is_image (&view))
    view.detail = ns_network_view_no_item; /* the picture shows every map at its size */
  else if (view.detail.kind == NS_HIT_NEURON)
    ns_render_network_prepare_detail (&view, self->experiment, DETAIL_GRID_SIZE);
  view.controls = TRUE;
  measure_controls (self, &view.controls_height, &view.column_controls_height);
  if (self->layout_width == width && self->layout_height == height)
    view.layout = &self->layout;
  ns_render_network (self->scene, &view, &style, width, height);
}

const NsScene *
ns_network_view_get_scene (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  ns_network_view_ensure_scene (self);
  return self->scene;
}

void
ns_network_view_render_export (NsNetworkView *self, NsScene *scene, double width, double height)
{
  NsNetworkViewData view;
  NsRenderStyle style;

  g_return_if_fail (NS_IS_NETWORK_VIEW (self));
  g_return_if_fail (scene != NULL);

  ns_scene_clear (scene);
  if (self->experiment == NULL || width <= 0 || height <= 0)
    return;

  init_style (self, &style);
  ns_render_network_prepare (&view, self->experiment, GRID_SIZE);
  ns_render_network_prepare_sample (&view, self->experiment, self->sample);
  view.picture_step = PICTURE_STEP;
  ns_render_network (scene, &view, &style, width, height);
}

static void
ns_network_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);

  ns_network_view_ensure_scene (self);

  if (self->scene_node == NULL && ns_scene_get_n_prims (self->scene) > 0)
    {
      GtkSnapshot *scene_snapshot = gtk_snapshot_new ();

      ns_snapshot_painter_set_scale_factor (self->painter, gtk_widget_get_scale_factor (widget));
      ns_snapshot_painter_set_pango_context (self->painter, gtk_widget_get_pango_context (widget));
      ns_snapshot_painter_paint (self->painter, self->scene, scene_snapshot);
      self->scene_node = gtk_snapshot_free_to_node (scene_snapshot);
    }

  if (self->scene_node != NULL)
    gtk_snapshot_append_node (snapshot, self->scene_node);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_NATIVE (child))
      gtk_widget_snapshot_child (widget, child, snapshot);
}

static void
ns_network_view_measure (GtkWidget *widget,
                         GtkOrientation orientation,
                         int for_size,
                         int *minimum,
                         int *natural,
                         int *minimum_baseline,
                         int *natural_baseline)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);

  /* Enough for a small network's columns and captions to stay legible; the diagram grows
   * into whatever room it gets. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (320 * self->zoom);
      *natural = (int) (720 * self->zoom);
    }
  else
    {
      *minimum = (int) (240 * self->zoom);
      *natural = (int) (480 * self->zoom);
    }
}

/* Gives @child its natural size (at least its minimum, at most @max_width if it can) centred
 * on (cx, y). */
static void
place_child (GtkWidget *child, double cx, double y, double max_width)
{
  int min_w, nat_w, min_h, nat_h, w;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  w = MAX (min_w, MIN (nat_w, (int) floor (max_width)));
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);

  gtk_widget_size_allocate (
      child, &(GtkAllocation){ (int) round (cx - w / 2.0), (int) round (y), w, MAX (min_h, nat_h) },
      -1);
}

/* "4 neurons" where it fits, else just "4" rather than "4 neu…". The label changes during
 * allocation only when the column's width crosses the text's, and the button is allocated
 * right after, so the one extra layout this queues settles at once. */
static void
fit_count_label (LayerControls *c, double max_width)
{
  g_autoptr (PangoLayout) layout = NULL;
  int label_nat, button_nat, text_width;
  gboolean want_short;

  if (c->count_text == NULL)
    return;

  gtk_widget_measure (c->count_label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &label_nat, NULL, NULL);
  gtk_widget_measure (c->count_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_nat, NULL,
                      NULL);
  layout = gtk_widget_create_pango_layout (c->count_label, c->count_text);
  pango_layout_get_pixel_size (layout, &text_width, NULL);

  want_short = button_nat - label_nat + text_width > max_width;
  if (want_short == c->count_short)
    return;

  c->count_short = want_short;
  gtk_label_set_label (GTK_LABEL (c->count_label), want_short ? c->count_number : c->count_text);
}

static void
ns_network_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  NsNetworkViewData view;
  NsNetworkLayout layout;
  NsRenderStyle style;

  if (is_image_data (self))
    place_child (self->image_bar, width / 2.0, 4, width - 8);
  if (self->experiment != NULL && !is_image_data (self))
    {
      init_style (self, &style);
      ns_network_view_prepare_plain (self, &view);
      view.controls = TRUE;
      measure_controls (self, &view.controls_height, &view.column_controls_height);
      ns_render_network_layout (&layout, self->scene, &view, &style, width, height);
      self->layout = layout;
      self->layout_width = width;
      self->layout_height = height;

      place_child (self->layers_box, layout.controls.x + layout.controls.width / 2,
                   layout.controls.y, layout.controls.width);
      for (guint h = 0; h < self->n_layer_controls && h + 1 < layout.n_columns; h++)
        {
          fit_count_label (&self->layers[h], layout.slot - 4);
          place_child (self->layers[h].box, layout.center_x[h + 1], layout.headers[h + 1].y,
                       layout.slot - 4);
        }
    }

  if (gtk_widget_get_visible (self->edit_popover))
    gtk_popover_present (GTK_POPOVER (self->edit_popover));

  /* The controls' bands may have changed the layout. */
  self->scene_dirty = TRUE;
}

/* ---- the details pane ---- */

/* Keeps @item for the details pane; nothing (the pointer leaving) keeps the one before. */
void
ns_network_view_set_details (NsNetworkView *self, const NsNetworkItem *item)
{
  if (item->kind == NS_HIT_NONE || item->kind == NS_HIT_POINT
      || ns_network_view_item_equal (item, &self->details))
    return;
  self->details = *item;
  g_signal_emit (self, signals[DETAILS_CHANGED], 0);
}

char *
ns_network_view_get_details (NsNetworkView *self)
{
  NsNetworkViewData view;
  char *text = NULL;

  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  if (self->experiment == NULL
      || ns_experiment_get_step_state (self->experiment)->phase == NS_STEP_IDLE)
    return NULL;

  ns_network_view_prepare_plain (self, &view);
  if (ns_network_view_item_exists (self, &self->details))
    text = ns_render_network_step_explain (&view, &self->details);
  if (text == NULL)
    text = g_strdup ("Point at a neuron, a link or an input to read its numbers here "
                     "(or Tab into the diagram and select one with the arrow keys).");
  return text;
}

static void
dark_changed_cb (NsNetworkView *self)
{
  ns_network_view_invalidate (self);
}

static void
scale_factor_cb (NsNetworkView *self, GParamSpec *pspec, gpointer user_data)
{
  ns_network_view_invalidate (self);
}

/* ---- life cycle ---- */

static void
ns_network_view_dispose (GObject *object)
{
  NsNetworkView *self = NS_NETWORK_VIEW (object);
  GtkWidget *child;

  if (self->experiment != NULL)
    g_signal_handlers_disconnect_by_data (self->experiment, self);
  g_clear_object (&self->experiment);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint h = 0; h < self->n_layer_controls; h++)
    g_clear_pointer (&self->layers[h].count_text, g_free);
  self->n_layer_controls = 0;
  self->layers_box = self->layers_label = NULL;
  self->image_bar = self->image_entry = self->image_error = NULL;
  self->edit_popover = NULL;

  G_OBJECT_CLASS (ns_network_view_parent_class)->dispose (object);
}

static void
ns_network_view_finalize (GObject *object)
{
  NsNetworkView *self = NS_NETWORK_VIEW (object);

  g_clear_pointer (&self->scene_node, gsk_render_node_unref);
  g_clear_pointer (&self->scene, ns_scene_free);
  g_clear_pointer (&self->painter, ns_snapshot_painter_free);

  G_OBJECT_CLASS (ns_network_view_parent_class)->finalize (object);
}

static void
ns_network_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsNetworkView *self = NS_NETWORK_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_SAMPLE:
      g_value_set_uint (value, self->sample);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_network_view_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  NsNetworkView *self = NS_NETWORK_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      ns_network_view_set_experiment (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      ns_network_view_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_SAMPLE:
      ns_network_view_set_sample (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_bindings (GtkWidgetClass *widget_class,
                   guint key,
                   guint keypad_key,
                   GtkDirectionType direction)
{
  gtk_widget_class_add_binding (widget_class, key, 0, ns_network_view_move_key_cb, "(ib)",
                                direction, FALSE);
  gtk_widget_class_add_binding (widget_class, keypad_key, 0, ns_network_view_move_key_cb, "(ib)",
                                direction, FALSE);
  gtk_widget_class_add_binding (widget_class, key, GDK_SHIFT_MASK, ns_network_view_move_key_cb,
                                "(ib)", direction, TRUE);
  gtk_widget_class_add_binding (widget_class, keypad_key, GDK_SHIFT_MASK,
                                ns_network_view_move_key_cb, "(ib)", direction, TRUE);
}

static void
ns_network_view_class_init (NsNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_network_view_dispose;
  object_class->finalize = ns_network_view_finalize;
  object_class->get_property = ns_network_view_get_property;
  object_class->set_property = ns_network_view_set_property;

  widget_class->snapshot = ns_network_view_snapshot;
  widget_class->measure = ns_network_view_measure;
  widget_class->size_allocate = ns_network_view_size_allocate;
  widget_class->query_tooltip = ns_network_view_query_tooltip;
  widget_class->focus = ns_network_view_focus;
  widget_class->root = ns_network_view_root;
  widget_class->unroot = ns_network_view_unroot;

  properties[PROP_EXPERIMENT] =
      g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SAMPLE] =
      g_param_spec_uint ("sample", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The item the details pane explains changed (ns_network_view_get_details). */
  signals[DETAILS_CHANGED] = g_signal_new ("details-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The learner set a weight by hand (network.set-weight): a lesson counts these. */
  signals[WEIGHT_EDITED] = g_signal_new ("weight-edited", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  ns_network_view_class_init_actions (widget_class);

  /* Arrows, Enter and Escape act on the selection; without one they decline
   * (ns_network_view_move_key_cb), and the window's own bindings get them. */
  add_move_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, GTK_DIR_LEFT);
  add_move_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, GTK_DIR_RIGHT);
  add_move_bindings (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, GTK_DIR_UP);
  add_move_bindings (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, GTK_DIR_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, ns_network_view_activate_key_cb,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, ns_network_view_activate_key_cb,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, ns_network_view_activate_key_cb,
                                NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, ns_network_view_escape_key_cb,
                                NULL);

  gtk_widget_class_set_css_name (widget_class, "networkview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_network_view_init (NsNetworkView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->zoom = 1.0;
  self->scene = ns_scene_new ();
  self->painter = ns_snapshot_painter_new ();
  self->scene_dirty = TRUE;
  self->hover = ns_network_view_no_item;
  self->selection = ns_network_view_no_item;
  self->edit_item = ns_network_view_no_item;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Network diagram", -1);

  /* − + "2 hidden layers" */
  self->layers_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (self->layers_box, "network-layers");
  gtk_widget_set_parent (self->layers_box, widget);
  gtk_box_append (GTK_BOX (self->layers_box),
                  ns_network_view_make_button ("list-remove-symbolic", "network.remove-layer", NULL,
                                               "Remove the last hidden layer",
                                               "Remove a hidden layer"));
  gtk_box_append (GTK_BOX (self->layers_box),
                  ns_network_view_make_button ("list-add-symbolic", "network.add-layer", NULL,
                                               "Add a hidden layer of 4 neurons at the end",
                                               "Add a hidden layer"));
  self->layers_label = gtk_label_new (NULL);
  gtk_widget_set_margin_start (self->layers_label, 6);
  gtk_widget_add_css_class (self->layers_label, "heading");
  gtk_box_append (GTK_BOX (self->layers_box), self->layers_label);

  /* Image data's layer list: Layers [c8k3,p2,32] Apply, and why a list was refused. */
  {
    GtkWidget *label = gtk_label_new ("Layers");
    GtkWidget *apply = gtk_button_new_with_label ("Apply");

    self->image_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_add_css_class (self->image_bar, "network-image-layers");
    gtk_widget_set_parent (self->image_bar, widget);
    gtk_widget_set_visible (self->image_bar, FALSE);
    gtk_widget_add_css_class (label, "heading");
    gtk_box_append (GTK_BOX (self->image_bar), label);
    self->image_entry = gtk_entry_new ();
    gtk_editable_set_width_chars (GTK_EDITABLE (self->image_entry), 16);
    gtk_entry_set_placeholder_text (GTK_ENTRY (self->image_entry), "c8k3,p2,32");
    gtk_widget_set_tooltip_text (
        self->image_entry,
        "The hidden layers, left to right: c8k3 = conv, 8 channels, 3x3 filters; p2 = max-pool "
        "2x2; 32 = dense, 32 neurons. Changing a conv or pool layer builds a new network and "
        "starts training again; dense layers after them change in place.");
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->image_entry),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, "Hidden layers", -1);
    g_signal_connect_swapped (self->image_entry, "activate", G_CALLBACK (gtk_widget_activate),
                              apply);
    gtk_box_append (GTK_BOX (self->image_bar), self->image_entry);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (apply), "network.apply-layers");
    gtk_widget_set_tooltip_text (apply, "Build the network from this layer list");
    gtk_box_append (GTK_BOX (self->image_bar), apply);
    self->image_error = gtk_label_new (NULL);
    gtk_widget_add_css_class (self->image_error, "error");
    gtk_label_set_ellipsize (GTK_LABEL (self->image_error), PANGO_ELLIPSIZE_END);
    gtk_widget_set_visible (self->image_error, FALSE);
    gtk_box_append (GTK_BOX (self->image_bar), self->image_error);
  }

  ns_network_view_make_edit_popover (self);

  ns_network_view_add_pointer_controllers (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  /* Brushes are made in device pixels: another scale factor needs a new picture. */
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);

  ns_network_view_sync_controls (self);
}
