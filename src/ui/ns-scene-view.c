/* ns-scene-view.c: the base of the widgets that show one render scene. */
#include "config.h"

#include "ns-scene-view.h"

#include <adwaita.h>

#include "ns-scene-snapshot.h"

typedef struct
{
  double zoom;
  NsScene *scene;
  NsSnapshotPainter *painter;

  /* What the scene was built for, when the subclass has versions: a frame with the same
   * reuses it. */
  gboolean scene_valid;
  guint64 drawn_version;
  int drawn_width, drawn_height;
  double drawn_zoom;
  gboolean drawn_dark;
} NsSceneViewPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (NsSceneView, ns_scene_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

double
ns_scene_view_get_zoom (NsSceneView *self)
{
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);

  g_return_val_if_fail (NS_IS_SCENE_VIEW (self), 1.0);

  return priv->zoom;
}

void
ns_scene_view_set_zoom (NsSceneView *self, double zoom)
{
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);

  g_return_if_fail (NS_IS_SCENE_VIEW (self));

  zoom = CLAMP (zoom, 0.5, 4.0);
  if (zoom == priv->zoom)
    return;

  priv->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

const NsScene *
ns_scene_view_get_scene (NsSceneView *self)
{
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);

  g_return_val_if_fail (NS_IS_SCENE_VIEW (self), NULL);

  return priv->scene;
}

void
ns_scene_view_invalidate (NsSceneView *self)
{
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);

  g_return_if_fail (NS_IS_SCENE_VIEW (self));

  priv->scene_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ns_scene_view_init_style (NsSceneView *self, NsRenderStyle *style)
{
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  g_return_if_fail (NS_IS_SCENE_VIEW (self));

  ns_render_style_init (style, adw_style_manager_get_dark (adw_style_manager_get_default ()),
                        priv->zoom);
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    g_snprintf (style->font_family, sizeof style->font_family, "%s, sans-serif",
                pango_font_description_get_family (font));
}

/* Whether the last scene still shows what this frame would build. */
static gboolean
scene_current (NsSceneView *self, int width, int height, guint64 *version)
{
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);
  NsSceneViewClass *klass = NS_SCENE_VIEW_GET_CLASS (self);

  if (klass->get_version == NULL)
    return FALSE;
  *version = klass->get_version (self);
  return priv->scene_valid && priv->drawn_version == *version && priv->drawn_width == width
         && priv->drawn_height == height && priv->drawn_zoom == priv->zoom
         && priv->drawn_dark == adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
ns_scene_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NsSceneView *self = NS_SCENE_VIEW (widget);
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint64 version = 0;

  if (width <= 0 || height <= 0)
    return;

  if (!scene_current (self, width, height, &version))
    {
      NsRenderStyle style;

      ns_scene_clear (priv->scene);
      ns_scene_set_size (priv->scene, width, height);
      ns_scene_view_init_style (self, &style);
      priv->scene_valid =
          NS_SCENE_VIEW_GET_CLASS (self)->build (self, priv->scene, &style, width, height);
      if (!priv->scene_valid)
        ns_scene_clear (priv->scene);
      priv->drawn_version = version;
      priv->drawn_width = width;
      priv->drawn_height = height;
      priv->drawn_zoom = priv->zoom;
      priv->drawn_dark = style.dark;
    }

  ns_snapshot_painter_set_scale_factor (priv->painter, gtk_widget_get_scale_factor (widget));
  /* Not the widget's Pango context: its hinted metrics make text wider than the scene measured
   * it (ns_scene_measure_text uses a plain PangoCairo context), which pushed labels off the
   * edge. The painter's own plain context lays text out exactly as measured. */
  ns_snapshot_painter_paint (priv->painter, priv->scene, snapshot);
}

static void
ns_scene_view_measure (GtkWidget *widget,
                       GtkOrientation orientation,
                       int for_size,
                       int *minimum,
                       int *natural,
                       int *minimum_baseline,
                       int *natural_baseline)
{
  NsSceneView *self = NS_SCENE_VIEW (widget);
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);
  NsSceneViewClass *klass = NS_SCENE_VIEW_GET_CLASS (self);
  gboolean across = orientation == GTK_ORIENTATION_HORIZONTAL;

  *minimum = (int) ((across ? klass->min_width : klass->min_height) * priv->zoom);
  *natural = (int) ((across ? klass->natural_width : klass->natural_height) * priv->zoom);
}

static gboolean
ns_scene_view_query_tooltip (GtkWidget *widget,
                             int x,
                             int y,
                             gboolean keyboard_tooltip,
                             GtkTooltip *tooltip)
{
  NsSceneView *self = NS_SCENE_VIEW (widget);
  NsSceneViewClass *klass = NS_SCENE_VIEW_GET_CLASS (self);
  g_autofree char *text = NULL;

  if (klass->describe_at == NULL)
    return FALSE;
  text = klass->describe_at (self, x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
ns_scene_view_finalize (GObject *object)
{
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (NS_SCENE_VIEW (object));

  g_clear_pointer (&priv->scene, ns_scene_free);
  g_clear_pointer (&priv->painter, ns_snapshot_painter_free);

  G_OBJECT_CLASS (ns_scene_view_parent_class)->finalize (object);
}

static void
ns_scene_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsSceneView *self = NS_SCENE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, ns_scene_view_get_zoom (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_scene_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsSceneView *self = NS_SCENE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      ns_scene_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_scene_view_class_init (NsSceneViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ns_scene_view_finalize;
  object_class->get_property = ns_scene_view_get_property;
  object_class->set_property = ns_scene_view_set_property;

  widget_class->snapshot = ns_scene_view_snapshot;
  widget_class->measure = ns_scene_view_measure;
  widget_class->query_tooltip = ns_scene_view_query_tooltip;

  klass->min_width = klass->natural_width = 200;
  klass->min_height = klass->natural_height = 150;

  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ns_scene_view_init (NsSceneView *self)
{
  NsSceneViewPrivate *priv = ns_scene_view_get_instance_private (self);

  priv->zoom = 1.0;
  priv->scene = ns_scene_new ();
  priv->painter = ns_snapshot_painter_new ();

  /* A picture with nothing to tell leaves tooltips to its parent (a thumbnail's button). */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self),
                              NS_SCENE_VIEW_GET_CLASS (self)->describe_at != NULL);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  /* The light or dark style repaints every picture. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (ns_scene_view_invalidate), self, G_CONNECT_SWAPPED);
}
