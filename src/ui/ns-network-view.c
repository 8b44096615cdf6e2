/* ns-network-view.c: the network diagram widget, its selection and popovers (controls and
 * actions: ns-network-view-controls.c). */
#include "config.h"

#include "ns-network-view-private.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DETAILS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void set_details (NsNetworkView *self, const NsNetworkItem *item);

static const NsNetworkItem no_item = { NS_HIT_NONE, -1, -1, -1 };

static void update_description (NsNetworkView *self);

GtkWidget *
ns_network_view_new (void)
{
  return g_object_new (NS_TYPE_NETWORK_VIEW, NULL);
}

static gboolean
item_equal (const NsNetworkItem *a, const NsNetworkItem *b)
{
  return a->kind == b->kind && a->layer == b->layer && a->neuron == b->neuron
         && a->input == b->input;
}

static void
invalidate (NsNetworkView *self)
{
  self->scene_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- the experiment ---- */


/* Rows of column @column: the input pictures (every feature for plane data), or a layer. */
static size_t
column_rows (NsNetworkView *self, size_t column)
{
  const NnNet *net = get_net (self);

  if (column == 0)
    return is_plane_data (self) ? NS_N_FEATURES : net->n_inputs;
  return net->layers[column - 1].n_out;
}

/* A view of the experiment without heatmaps: labels, feature mask, net. */
static void
prepare_plain (NsNetworkView *self, NsNetworkViewData *view)
{
  ns_render_network_prepare (view, self->experiment, 0);
}

static gboolean
item_exists (NsNetworkView *self, const NsNetworkItem *item)
{
  const NnNet *net = get_net (self);

  if (net == NULL)
    return FALSE;

  switch (item->kind)
    {
    case NS_HIT_INPUT:
      return item->neuron >= 0 && (size_t) item->neuron < column_rows (self, 0);

    case NS_HIT_NEURON:
      return item->layer >= 0 && (size_t) item->layer < net->n_layers && item->neuron >= 0
             && (size_t) item->neuron < net->layers[item->layer].n_out;

    case NS_HIT_LINK:
      return item->layer >= 0 && (size_t) item->layer < net->n_layers && item->neuron >= 0
             && (size_t) item->neuron < net->layers[item->layer].n_out && item->input >= 0
             && (size_t) item->input < net->layers[item->layer].n_in;

    case NS_HIT_NONE:
    case NS_HIT_BIAS:
    case NS_HIT_POINT:
    case NS_HIT_BUTTON:
    default:
      return FALSE;
    }
}

/* An input picture's item, with the network input it feeds filled in. */
static NsNetworkItem
input_item (NsNetworkView *self, size_t row)
{
  NsNetworkViewData view;

  prepare_plain (self, &view);
  return (NsNetworkItem){ NS_HIT_INPUT, -1, (int) row,
                          ns_render_network_input_index (&view, row) };
}

/* ---- words ---- */

static char *
describe_node (NsNetworkView *self, size_t layer, size_t j)
{
  const NnNet *net = get_net (self);

  if (layer + 1 == net->n_layers)
    return net->layers[layer].n_out == 1 ? g_strdup ("the output neuron")
                                         : g_strdup_printf ("output neuron %zu", j + 1);
  return g_strdup_printf ("neuron %zu of hidden layer %zu", j + 1, layer + 1);
}

static char *
describe_input (NsNetworkView *self, size_t i)
{
  NsNetworkViewData view;
  const char *label = NULL;

  prepare_plain (self, &view);
  if (view.input_labels != NULL && i < get_net (self)->n_inputs)
    label = view.input_labels[i];

  return label != NULL ? g_strdup (label) : g_strdup_printf ("input %zu", i + 1);
}

static char *
describe_link_source (NsNetworkView *self, size_t layer, size_t i)
{
  if (layer == 0)
    return describe_input (self, i);
  return describe_node (self, layer - 1, i);
}

/* A sentence about @item: what a tooltip and a screen reader say. */
static char *
describe_item (NsNetworkView *self, const NsNetworkItem *item)
{
  const NnNet *net = get_net (self);

  if (!item_exists (self, item))
    return NULL;

  switch (item->kind)
    {
    case NS_HIT_LINK:
      {
        g_autofree char *from = describe_link_source (self, item->layer, item->input);
        g_autofree char *to = describe_node (self, item->layer, item->neuron);
        float w = net->params[nn_net_param_index (net, item->layer, item->neuron, item->input)];

        return g_strdup_printf ("Weight %.3f, from %s to %s", w, from, to);
      }

    case NS_HIT_NEURON:
      {
        g_autofree char *name = describe_node (self, item->layer, item->neuron);
        size_t n_in = net->layers[item->layer].n_in;
        float bias = net->params[nn_net_param_index (net, item->layer, item->neuron, n_in)];

        name[0] = g_ascii_toupper (name[0]);
        return g_strdup_printf ("%s\nBias %.3f", name, bias);
      }

    case NS_HIT_INPUT:
      if (is_plane_data (self))
        {
          const char *label = ns_feature_label ((NsFeature) item->neuron);

          return item->input >= 0
                     ? g_strdup_printf ("Feature %s, in use: click to leave it out", label)
                     : g_strdup_printf ("Feature %s, not in use: click to feed it to the network",
                                        label);
        }
      else
        {
          g_autofree char *name = describe_input (self, item->neuron);

          return g_strdup_printf ("Input %s", name);
        }

    case NS_HIT_NONE:
    case NS_HIT_BIAS:
    case NS_HIT_POINT:
    case NS_HIT_BUTTON:
    default:
      return NULL;
    }
}

static void
update_description (NsNetworkView *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *text = NULL;

  if (self->experiment == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  summary = ns_render_network_describe (get_net (self));
  selected = describe_item (self, &self->selection);
  if (selected != NULL)
    {
      g_strdelimit (selected, "\n", ',');
      text = g_strdup_printf ("%s. Selected: %s", summary, selected);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : summary, -1);
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
  if (self->selection.kind == NS_HIT_INPUT && item_exists (self, &self->selection))
    self->selection = input_item (self, self->selection.neuron);
  if (self->hover.kind == NS_HIT_INPUT && item_exists (self, &self->hover))
    self->hover = input_item (self, self->hover.neuron);
  if (!item_exists (self, &self->selection))
    self->selection = no_item;
  if (!item_exists (self, &self->hover))
    self->hover = no_item;
  if (gtk_widget_get_visible (self->edit_popover) && !item_exists (self, &self->edit_item))
    gtk_popover_popdown (GTK_POPOVER (self->edit_popover));

  ns_network_view_sync_controls (self);
  update_description (self);
  invalidate (self);
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
  self->hover = no_item;
  self->selection = no_item;
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
  update_description (self);
  invalidate (self);
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
    return no_item;
  if (self->hover.kind == NS_HIT_NEURON)
    return self->hover;
  if (self->selection.kind == NS_HIT_NEURON
      && (gtk_widget_is_focus (GTK_WIDGET (self)) || gtk_widget_get_visible (self->edit_popover)))
    return self->selection;
  return no_item;
}

/* Brings the scene up to date with the experiment, the size and the pointer. */
static void
ensure_scene (NsNetworkView *self)
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
  view.picture_step = PICTURE_STEP;
  view.highlight = self->hover;
  view.selection = self->selection;
  view.detail = detail_item (self);
  if (view.detail.kind == NS_HIT_NEURON)
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

  ensure_scene (self);
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
  view.picture_step = PICTURE_STEP;
  ns_render_network (scene, &view, &style, width, height);
}

static void
ns_network_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);

  ensure_scene (self);

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

  gtk_widget_size_allocate (child,
                            &(GtkAllocation){ (int) round (cx - w / 2.0), (int) round (y), w,
                                              MAX (min_h, nat_h) },
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

  gtk_widget_measure (c->count_label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &label_nat, NULL,
                      NULL);
  gtk_widget_measure (c->count_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_nat, NULL,
                      NULL);
  layout = gtk_widget_create_pango_layout (c->count_label, c->count_text);
  pango_layout_get_pixel_size (layout, &text_width, NULL);

  want_short = button_nat - label_nat + text_width > max_width;
  if (want_short == c->count_short)
    return;

  c->count_short = want_short;
  gtk_label_set_label (GTK_LABEL (c->count_label),
                       want_short ? c->count_number : c->count_text);
}

static void
ns_network_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  NsNetworkViewData view;
  NsNetworkLayout layout;
  NsRenderStyle style;

  if (self->experiment != NULL)
    {
      init_style (self, &style);
      prepare_plain (self, &view);
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

/* ---- the edit popover ---- */

/* Where @item is drawn, for a popover to point at. */
static gboolean
item_rect (NsNetworkView *self, const NsNetworkItem *item, GdkRectangle *rect)
{
  ensure_scene (self);

  for (size_t k = 0; k < ns_scene_get_n_hits (self->scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (self->scene, k);

      if (hit->kind != item->kind || hit->layer != item->layer || hit->neuron != item->neuron
          || (item->kind == NS_HIT_LINK && hit->input != item->input))
        continue;

      if (hit->segment)
        {
          double mx = (hit->x0 + hit->x1) / 2, my = (hit->y0 + hit->y1) / 2;

          *rect = (GdkRectangle){ (int) mx - 2, (int) my - 2, 4, 4 };
        }
      else
        {
          *rect = (GdkRectangle){ (int) floor (hit->x0), (int) floor (hit->y0),
                                  (int) ceil (hit->x1 - hit->x0), (int) ceil (hit->y1 - hit->y0) };
        }
      return TRUE;
    }

  return FALSE;
}

/* The side of a neuron its card is not on, so the popover does not hide the card. */
static GtkPositionType
popover_side (NsNetworkView *self, const GdkRectangle *node)
{
  for (size_t k = 0; k < ns_scene_get_n_hits (self->scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (self->scene, k);

      if (hit->kind == NS_HIT_NONE && !hit->segment)
        return hit->x0 >= node->x + node->width ? GTK_POS_LEFT : GTK_POS_RIGHT;
    }

  return GTK_POS_BOTTOM;
}

static void
open_edit_popover (NsNetworkView *self, const NsNetworkItem *item)
{
  const NnNet *net = get_net (self);
  g_autofree char *title = NULL;
  g_autofree char *value = NULL;
  GdkRectangle rect;
  size_t index;

  if (item->kind == NS_HIT_LINK)
    {
      g_autofree char *from = describe_link_source (self, item->layer, item->input);
      g_autofree char *to = describe_node (self, item->layer, item->neuron);

      title = g_strdup_printf ("Weight from %s to %s", from, to);
      index = nn_net_param_index (net, item->layer, item->neuron, item->input);
      self->edit_item = *item;
      gtk_label_set_label (GTK_LABEL (self->edit_field), "Weight");
    }
  else
    {
      g_autofree char *name = describe_node (self, item->layer, item->neuron);

      title = g_strdup_printf ("Bias of %s", name);
      index = nn_net_param_index (net, item->layer, item->neuron, net->layers[item->layer].n_in);
      self->edit_item = (NsNetworkItem){ NS_HIT_LINK, item->layer, item->neuron,
                                         (int) net->layers[item->layer].n_in };
      gtk_label_set_label (GTK_LABEL (self->edit_field), "Bias");
    }

  if (!item_rect (self, item, &rect))
    return;

  gtk_label_set_label (GTK_LABEL (self->edit_title), title);
  value = g_strdup_printf ("%.4g", net->params[index]);
  gtk_editable_set_text (GTK_EDITABLE (self->edit_entry), value);
  gtk_widget_remove_css_class (self->edit_entry, "error");
  gtk_label_set_label (GTK_LABEL (self->edit_hint), "Enter applies, Escape cancels");

  gtk_popover_set_pointing_to (GTK_POPOVER (self->edit_popover), &rect);
  gtk_popover_set_position (GTK_POPOVER (self->edit_popover),
                            item->kind == NS_HIT_NEURON ? popover_side (self, &rect)
                                                        : GTK_POS_BOTTOM);
  gtk_popover_popup (GTK_POPOVER (self->edit_popover));
  gtk_widget_grab_focus (self->edit_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->edit_entry), 0, -1);
}

/* A number as people type it: "0.5", "-1,25", "−2" (a real minus sign), "1e-3". */
static gboolean
parse_number (const char *text, double *value)
{
  g_autoptr (GString) s = g_string_new (NULL);
  char *end = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2212)
        g_string_append_c (s, '-');
      else if (c == ',')
        g_string_append_c (s, '.');
      else if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }

  if (s->len == 0)
    return FALSE;
  *value = g_ascii_strtod (s->str, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static void
edit_activate_cb (GtkEntry *entry, NsNetworkView *self)
{
  const NsNetworkItem *item = &self->edit_item;
  double value;

  if (!parse_number (gtk_editable_get_text (GTK_EDITABLE (entry)), &value)
      || fabs (value) > MAX_TYPED_WEIGHT)
    {
      gtk_widget_add_css_class (self->edit_entry, "error");
      gtk_label_set_label (GTK_LABEL (self->edit_hint), "Type a number, such as 0.5 or -1.2");
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (item->kind == NS_HIT_LINK && item->layer >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "network.set-weight", "(uuud)",
                                (guint) item->layer, (guint) item->neuron, (guint) item->input,
                                value);
  gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
}

static void
edit_closed_cb (GtkPopover *popover, NsNetworkView *self)
{
  /* Back to the diagram, so the arrows go on moving the selection. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  invalidate (self);
}

static void
make_edit_popover (NsNetworkView *self)
{
  GtkWidget *box, *row;

  self->edit_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->edit_popover, "network-edit");
  gtk_widget_set_parent (self->edit_popover, GTK_WIDGET (self));
  g_signal_connect (self->edit_popover, "closed", G_CALLBACK (edit_closed_cb), self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->edit_title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->edit_title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->edit_title), 30);
  gtk_label_set_xalign (GTK_LABEL (self->edit_title), 0);
  gtk_widget_add_css_class (self->edit_title, "heading");
  gtk_box_append (GTK_BOX (box), self->edit_title);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->edit_field = gtk_label_new ("Weight");
  self->edit_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->edit_entry), 10);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->edit_entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_hexpand (self->edit_entry, TRUE);
  gtk_widget_set_tooltip_text (self->edit_entry,
                               "Type a new value and press Enter; Escape leaves it as it was");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->edit_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->edit_field, NULL, -1);
  g_signal_connect (self->edit_entry, "activate", G_CALLBACK (edit_activate_cb), self);
  gtk_box_append (GTK_BOX (row), self->edit_field);
  gtk_box_append (GTK_BOX (row), self->edit_entry);
  gtk_box_append (GTK_BOX (box), row);

  self->edit_hint = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->edit_hint), 0);
  gtk_widget_add_css_class (self->edit_hint, "dim-label");
  gtk_widget_add_css_class (self->edit_hint, "caption");
  gtk_box_append (GTK_BOX (box), self->edit_hint);

  gtk_popover_set_child (GTK_POPOVER (self->edit_popover), box);
}

GtkWidget *
ns_network_view_get_edit_popover (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  return gtk_widget_get_visible (self->edit_popover) ? self->edit_popover : NULL;
}

/* ---- the details pane ---- */

/* Keeps @item for the details pane; nothing (the pointer leaving) keeps the one before. */
static void
set_details (NsNetworkView *self, const NsNetworkItem *item)
{
  if (item->kind == NS_HIT_NONE || item->kind == NS_HIT_POINT || item_equal (item, &self->details))
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

  ns_render_network_prepare (&view, self->experiment, 0);
  if (item_exists (self, &self->details))
    text = ns_render_network_step_explain (&view, &self->details);
  if (text == NULL)
    text = g_strdup ("Point at a neuron, a link or an input to read its numbers here "
                     "(or Tab into the diagram and select one with the arrow keys).");
  return text;
}

/* ---- selection and keys ---- */

NsNetworkItem
ns_network_view_get_selection (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), no_item);

  return self->selection;
}

static void
select_item (NsNetworkView *self, const NsNetworkItem *item)
{
  NsNetworkItem next = *item;

  if (next.kind == NS_HIT_INPUT && item_exists (self, &next))
    next = input_item (self, next.neuron);
  if (!item_exists (self, &next))
    next = no_item;
  if (item_equal (&next, &self->selection))
    return;

  self->selection = next;
  update_description (self);
  invalidate (self);
  set_details (self, &next);
}

void
ns_network_view_set_selection (NsNetworkView *self, const NsNetworkItem *item)
{
  g_return_if_fail (NS_IS_NETWORK_VIEW (self));

  select_item (self, item != NULL ? item : &no_item);
}

static gboolean
activate_item (NsNetworkView *self, const NsNetworkItem *item)
{
  if (!item_exists (self, item))
    return FALSE;

  switch (item->kind)
    {
    case NS_HIT_INPUT:
      if (!is_plane_data (self))
        return FALSE;
      return gtk_widget_activate_action (GTK_WIDGET (self), "network.toggle-feature", "s",
                                         ns_feature_name ((NsFeature) item->neuron));

    case NS_HIT_NEURON:
    case NS_HIT_LINK:
      open_edit_popover (self, item);
      return TRUE;

    case NS_HIT_NONE:
    case NS_HIT_BIAS:
    case NS_HIT_POINT:
    case NS_HIT_BUTTON:
    default:
      return FALSE;
    }
}

gboolean
ns_network_view_activate_selection (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), FALSE);

  return activate_item (self, &self->selection);
}

/* The node item at (column, row). */
static NsNetworkItem
node_item (NsNetworkView *self, size_t column, size_t row)
{
  if (column == 0)
    return input_item (self, row);
  return (NsNetworkItem){ NS_HIT_NEURON, (int) column - 1, (int) row, -1 };
}

/* Moves the selection one step; Shift (links) goes from a node onto its links. */
static void
move_selection (NsNetworkView *self, GtkDirectionType direction, gboolean links)
{
  const NnNet *net = get_net (self);
  NsNetworkItem item = self->selection;
  NsNetworkViewData view;

  prepare_plain (self, &view);

  if (item.kind == NS_HIT_INPUT || item.kind == NS_HIT_NEURON)
    {
      size_t column = item.kind == NS_HIT_INPUT ? 0 : (size_t) item.layer + 1;
      size_t row = (size_t) item.neuron;

      if (links && direction == GTK_DIR_RIGHT && column < net->n_layers)
        {
          int i = column == 0 ? ns_render_network_input_index (&view, row) : (int) row;

          if (i < 0)
            {
              gtk_widget_error_bell (GTK_WIDGET (self)); /* a feature not in use has no links */
              return;
            }
          item = (NsNetworkItem){ NS_HIT_LINK, (int) column, 0, i };
          self->link_from_source = TRUE;
        }
      else if (links && direction == GTK_DIR_LEFT && column > 0)
        {
          item = (NsNetworkItem){ NS_HIT_LINK, (int) column - 1, (int) row, 0 };
          self->link_from_source = FALSE;
        }
      else if (direction == GTK_DIR_LEFT || direction == GTK_DIR_RIGHT)
        {
          size_t next = direction == GTK_DIR_LEFT ? (column > 0 ? column - 1 : 0)
                                                  : MIN (column + 1, net->n_layers);

          item = node_item (self, next, MIN (row, column_rows (self, next) - 1));
        }
      else
        {
          size_t rows = column_rows (self, column);

          row = direction == GTK_DIR_UP ? (row > 0 ? row - 1 : 0) : MIN (row + 1, rows - 1);
          item = node_item (self, column, row);
        }
    }
  else if (item.kind == NS_HIT_LINK)
    {
      size_t l = (size_t) item.layer;

      if (direction == GTK_DIR_LEFT && l == 0)
        item = node_item (self, 0, ns_render_network_input_row (&view, item.input));
      else if (direction == GTK_DIR_LEFT)
        item = node_item (self, l, item.input);
      else if (direction == GTK_DIR_RIGHT)
        item = node_item (self, l + 1, item.neuron);
      else
        {
          int *end = self->link_from_source ? &item.neuron : &item.input;
          int count = (int) (self->link_from_source ? net->layers[l].n_out : net->layers[l].n_in);

          *end = CLAMP (*end + (direction == GTK_DIR_UP ? -1 : 1), 0, count - 1);
        }
    }

  select_item (self, &item);
}

static gboolean
keys_are_ours (NsNetworkView *self)
{
  return gtk_widget_is_focus (GTK_WIDGET (self)) && self->selection.kind != NS_HIT_NONE
         && item_exists (self, &self->selection);
}

static gboolean
move_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  int direction;
  gboolean links;

  /* Without a selection the arrows are the window's (Right steps). */
  if (!keys_are_ours (self))
    return FALSE;

  g_variant_get (args, "(ib)", &direction, &links);
  move_selection (self, (GtkDirectionType) direction, links);
  return TRUE;
}

static gboolean
activate_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);

  if (!keys_are_ours (self))
    return FALSE;

  if (!activate_item (self, &self->selection))
    gtk_widget_error_bell (widget);
  return TRUE;
}

static gboolean
escape_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);

  if (!keys_are_ours (self))
    return FALSE;

  select_item (self, &no_item);
  return TRUE;
}

/* Focus moved here from another widget (Tab, Shift+Tab): not the window's first focus when it
 * opens, which must leave the arrows to the window. */
static gboolean
ns_network_view_focus (GtkWidget *widget, GtkDirectionType direction)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean moved;

  self->focus_moving = focus != NULL && focus != widget;
  moved = GTK_WIDGET_CLASS (ns_network_view_parent_class)->focus (widget, direction);
  self->focus_moving = FALSE;

  return moved;
}

/* Focus gained: Tab into the diagram selects its first neuron, so the arrows have a start.
 * Focus lost to another widget (our buttons too, but not the edit popover): the selection
 * goes, so no outline stays behind that the arrows no longer move. The window's focus widget
 * is watched rather than a focus controller, whose "is-focus" GTK 4.8 leaves set when the
 * focus moves on into one of the view's own children. */
static void
window_focus_cb (GtkWindow *window, GParamSpec *pspec, NsNetworkView *self)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  if (focus == GTK_WIDGET (self))
    {
      if (get_net (self) != NULL && self->focus_moving && self->selection.kind == NS_HIT_NONE)
        {
          NsNetworkItem first = { NS_HIT_NEURON, 0, 0, -1 };

          select_item (self, &first);
        }
    }
  else if (focus != NULL && !gtk_widget_is_ancestor (focus, self->edit_popover))
    {
      select_item (self, &no_item);
    }

  /* The card of a selected neuron shows only while the keyboard is here. */
  invalidate (self);
}

static void
ns_network_view_root (GtkWidget *widget)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (ns_network_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (window_focus_cb), self, 0);
}

static void
ns_network_view_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, window_focus_cb, widget);

  GTK_WIDGET_CLASS (ns_network_view_parent_class)->unroot (widget);
}

/* ---- pointer ---- */

static NsNetworkItem
hit_item (const NsHitRegion *hit)
{
  if (hit == NULL || (hit->kind != NS_HIT_INPUT && hit->kind != NS_HIT_NEURON
                      && hit->kind != NS_HIT_LINK))
    return no_item;
  return (NsNetworkItem){ hit->kind, hit->layer, hit->neuron, hit->input };
}

char *
ns_network_view_describe_at (NsNetworkView *self, double x, double y)
{
  NsNetworkItem item;

  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  if (self->experiment == NULL)
    return NULL;

  ensure_scene (self);
  item = hit_item (ns_scene_hit_test (self->scene, x, y));
  return describe_item (self, &item);
}

static gboolean
ns_network_view_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard_tooltip, GtkTooltip *tooltip)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  g_autofree char *text = NULL;
  NsNetworkItem item;

  if (self->experiment == NULL || keyboard_tooltip)
    return FALSE;

  ensure_scene (self);
  item = hit_item (ns_scene_hit_test (self->scene, x, y));

  /* While stepping, the details pane under the diagram shows the item's numbers: a tooltip
   * would cover the diagram's. */
  if (ns_experiment_get_step_state (self->experiment)->phase != NS_STEP_IDLE)
    return FALSE;

  /* A neuron's card already shows its bias and picture. */
  if (item.kind == NS_HIT_NEURON)
    return FALSE;

  text = describe_item (self, &item);
  if (text == NULL)
    return FALSE;

  if (item.kind == NS_HIT_LINK)
    {
      char *more = g_strconcat (text, "\nClick to type a new weight", NULL);

      g_free (text);
      text = more;
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_hover (NsNetworkView *self, const NsNetworkItem *item)
{
  if (item_equal (item, &self->hover))
    return;

  self->hover = *item;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   item->kind != NS_HIT_NONE ? "pointer" : NULL);
  invalidate (self);
  set_details (self, item);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, NsNetworkView *self)
{
  NsNetworkItem item;

  ensure_scene (self);
  item = hit_item (ns_scene_hit_test (self->scene, x, y));
  set_hover (self, &item);
}

static void
leave_cb (GtkEventControllerMotion *controller, NsNetworkView *self)
{
  set_hover (self, &no_item);
}

static void
click_released_cb (GtkGestureClick *gesture, int n_press, double x, double y, NsNetworkView *self)
{
  NsNetworkItem item;

  if (self->experiment == NULL || n_press != 1)
    return;

  ensure_scene (self);
  item = hit_item (ns_scene_hit_test (self->scene, x, y));
  select_item (self, &item);
  if (item.kind == NS_HIT_NONE)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  activate_item (self, &self->selection);
}

static void
dark_changed_cb (NsNetworkView *self)
{
  invalidate (self);
}

static void
scale_factor_cb (NsNetworkView *self, GParamSpec *pspec, gpointer user_data)
{
  invalidate (self);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_bindings (GtkWidgetClass *widget_class, guint key, guint keypad_key,
                   GtkDirectionType direction)
{
  gtk_widget_class_add_binding (widget_class, key, 0, move_key_cb, "(ib)", direction, FALSE);
  gtk_widget_class_add_binding (widget_class, keypad_key, 0, move_key_cb, "(ib)", direction,
                                FALSE);
  gtk_widget_class_add_binding (widget_class, key, GDK_SHIFT_MASK, move_key_cb, "(ib)", direction,
                                TRUE);
  gtk_widget_class_add_binding (widget_class, keypad_key, GDK_SHIFT_MASK, move_key_cb, "(ib)",
                                direction, TRUE);
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

  properties[PROP_EXPERIMENT]
      = g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM]
      = g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The item the details pane explains changed (ns_network_view_get_details). */
  signals[DETAILS_CHANGED] = g_signal_new ("details-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           0);

  ns_network_view_class_init_actions (widget_class);

  /* Arrows, Enter and Escape act on the selection; without one they decline (move_key_cb),
   * and the window's own bindings get them. */
  add_move_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, GTK_DIR_LEFT);
  add_move_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, GTK_DIR_RIGHT);
  add_move_bindings (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, GTK_DIR_UP);
  add_move_bindings (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, GTK_DIR_DOWN);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, activate_key_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_key_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "networkview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_network_view_init (NsNetworkView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click;

  self->zoom = 1.0;
  self->scene = ns_scene_new ();
  self->painter = ns_snapshot_painter_new ();
  self->scene_dirty = TRUE;
  self->hover = no_item;
  self->selection = no_item;
  self->edit_item = no_item;

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
                  ns_network_view_make_button ("list-remove-symbolic", "network.remove-layer",
                                               NULL, "Remove the last hidden layer",
                                               "Remove a hidden layer"));
  gtk_box_append (GTK_BOX (self->layers_box),
                  ns_network_view_make_button ("list-add-symbolic", "network.add-layer", NULL,
                                               "Add a hidden layer of 4 neurons at the end",
                                               "Add a hidden layer"));
  self->layers_label = gtk_label_new (NULL);
  gtk_widget_set_margin_start (self->layers_label, 6);
  gtk_widget_add_css_class (self->layers_label, "heading");
  gtk_box_append (GTK_BOX (self->layers_box), self->layers_label);

  make_edit_popover (self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  /* Brushes are made in device pixels: another scale factor needs a new picture. */
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);

  ns_network_view_sync_controls (self);
}
