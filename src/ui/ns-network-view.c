/* ns-network-view.c: the network diagram widget. */
#include "config.h"

#include "ns-network-view.h"

#include <adwaita.h>

#include "ns-render-network.h"
#include "ns-render-style.h"
#include "ns-scene-snapshot.h"

/* Heatmap resolution: enough for a smooth picture at the largest neuron size once the GPU
 * scales it up linearly, cheap to evaluate (grid² points through the net per frame). */
#define GRID_SIZE 64

struct _NsNetworkView
{
  GtkWidget parent_instance;

  NsExperiment *experiment;
  double zoom;

  NsScene *scene;
  NsSnapshotPainter *painter;

  /* What the pointer is over, drawn highlighted. */
  NsHitKind hover_kind;
  int hover_layer, hover_neuron, hover_input;
};

G_DEFINE_FINAL_TYPE (NsNetworkView, ns_network_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ns_network_view_new (void)
{
  return g_object_new (NS_TYPE_NETWORK_VIEW, NULL);
}

NsExperiment *
ns_network_view_get_experiment (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  return self->experiment;
}

void
ns_network_view_set_experiment (NsNetworkView *self, NsExperiment *experiment)
{
  g_return_if_fail (NS_IS_NETWORK_VIEW (self));
  g_return_if_fail (experiment == NULL || NS_IS_EXPERIMENT (experiment));

  if (g_set_object (&self->experiment, experiment))
    {
      self->hover_kind = NS_HIT_NONE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT]);
    }
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
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

const NsScene *
ns_network_view_get_scene (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  return self->scene;
}

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

static void
ns_network_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  NsNetworkViewData view;
  NsRenderStyle style;

  ns_scene_clear (self->scene);

  if (self->experiment == NULL || width <= 0 || height <= 0)
    return;

  init_style (self, &style);
  ns_render_network_prepare (&view, self->experiment, GRID_SIZE);
  view.highlight = self->hover_kind;
  view.highlight_layer = self->hover_layer;
  view.highlight_neuron = self->hover_neuron;
  view.highlight_input = self->hover_input;
  ns_render_network (self->scene, &view, &style, width, height);

  ns_snapshot_painter_set_scale_factor (self->painter, gtk_widget_get_scale_factor (widget));
  ns_snapshot_painter_set_pango_context (self->painter, gtk_widget_get_pango_context (widget));
  ns_snapshot_painter_paint (self->painter, self->scene, snapshot);
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

char *
ns_network_view_describe_at (NsNetworkView *self, double x, double y)
{
  const NsHitRegion *hit;
  const NnNet *net;

  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  if (self->experiment == NULL)
    return NULL;

  hit = ns_scene_hit_test (self->scene, x, y);
  if (hit == NULL)
    return NULL;

  net = ns_experiment_get_net (self->experiment);
  if (hit->kind != NS_HIT_INPUT && (hit->layer < 0 || (size_t) hit->layer >= net->n_layers))
    return NULL;

  switch (hit->kind)
    {
    case NS_HIT_LINK:
      {
        const NnLayer *layer = &net->layers[hit->layer];

        if (hit->neuron < 0 || (size_t) hit->neuron >= layer->n_out || hit->input < 0
            || (size_t) hit->input >= layer->n_in)
          return NULL;

        return g_strdup_printf (
            "Weight %.3f",
            net->params[nn_net_param_index (net, hit->layer, hit->neuron, hit->input)]);
      }

    case NS_HIT_NEURON:
      {
        const NnLayer *layer = &net->layers[hit->layer];
        gboolean output = (size_t) hit->layer + 1 == net->n_layers;
        float bias;

        if (hit->neuron < 0 || (size_t) hit->neuron >= layer->n_out)
          return NULL;

        bias = net->params[nn_net_param_index (net, hit->layer, hit->neuron, layer->n_in)];
        if (output)
          return g_strdup_printf ("Output neuron %d\nBias %.3f", hit->neuron + 1, bias);
        return g_strdup_printf ("Neuron %d of hidden layer %d\nBias %.3f", hit->neuron + 1,
                                hit->layer + 1, bias);
      }

    case NS_HIT_INPUT:
      {
        NsNetworkViewData view;

        /* Labels only: no grid evaluation needed for a tooltip. */
        ns_render_network_prepare (&view, self->experiment, 0);
        if (hit->input < 0 || (size_t) hit->input >= net->n_inputs)
          return NULL;
        if (view.input_labels != NULL)
          return g_strdup_printf ("Input %s", view.input_labels[hit->input]);
        return g_strdup_printf ("Input %d", hit->input + 1);
      }

    case NS_HIT_NONE:
    case NS_HIT_BIAS:
    case NS_HIT_POINT:
    case NS_HIT_BUTTON:
    default:
      break;
    }

  return NULL;
}

static gboolean
ns_network_view_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard_tooltip, GtkTooltip *tooltip)
{
  g_autofree char *text = ns_network_view_describe_at (NS_NETWORK_VIEW (widget), x, y);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_hover (NsNetworkView *self, const NsHitRegion *hit)
{
  NsHitKind kind = hit != NULL ? hit->kind : NS_HIT_NONE;
  int layer = hit != NULL ? hit->layer : -1;
  int neuron = hit != NULL ? hit->neuron : -1;
  int input = hit != NULL ? hit->input : -1;

  if (kind == self->hover_kind && layer == self->hover_layer && neuron == self->hover_neuron
      && input == self->hover_input)
    return;

  self->hover_kind = kind;
  self->hover_layer = layer;
  self->hover_neuron = neuron;
  self->hover_input = input;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, NsNetworkView *self)
{
  set_hover (self, ns_scene_hit_test (self->scene, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller, NsNetworkView *self)
{
  set_hover (self, NULL);
}

static void
dark_changed_cb (NsNetworkView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ns_network_view_dispose (GObject *object)
{
  NsNetworkView *self = NS_NETWORK_VIEW (object);

  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (ns_network_view_parent_class)->dispose (object);
}

static void
ns_network_view_finalize (GObject *object)
{
  NsNetworkView *self = NS_NETWORK_VIEW (object);

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
  widget_class->query_tooltip = ns_network_view_query_tooltip;

  properties[PROP_EXPERIMENT]
      = g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM]
      = g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "networkview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_network_view_init (NsNetworkView *self)
{
  GtkEventController *motion;

  self->zoom = 1.0;
  self->scene = ns_scene_new ();
  self->painter = ns_snapshot_painter_new ();
  self->hover_kind = NS_HIT_NONE;
  self->hover_layer = self->hover_neuron = self->hover_input = -1;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Network diagram", -1);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}
