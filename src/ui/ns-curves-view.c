/* ns-curves-view.c: the loss (and accuracy) curves widget. */
#include "config.h"

#include "ns-curves-view.h"

#include <math.h>

#include <adwaita.h>

#include "ns-render-curves.h"
#include "ns-render-gradients.h"
#include "ns-render-space.h"
#include "ns-render-style.h"
#include "ns-scene-snapshot.h"

struct _NsCurvesView
{
  GtkWidget parent_instance;

  NsExperiment *experiment;
  GSignalGroup *experiment_signals;
  double zoom;
  gboolean show_accuracy;
  char *chart; /* "loss" (and accuracy), "gradients" (gradient health) or "space" */
  NsSpaceAxes space_axes; /* the hidden-space view's principal axes, kept so it never flips */

  NsScene *scene;
  NsSnapshotPainter *painter;
  guint drawn_entries; /* history entries in the scene */
};

G_DEFINE_FINAL_TYPE (NsCurvesView, ns_curves_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
  PROP_ZOOM,
  PROP_SHOW_ACCURACY,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ns_curves_view_new (void)
{
  return g_object_new (NS_TYPE_CURVES_VIEW, NULL);
}

NsExperiment *
ns_curves_view_get_experiment (NsCurvesView *self)
{
  g_return_val_if_fail (NS_IS_CURVES_VIEW (self), NULL);

  return self->experiment;
}

void
ns_curves_view_set_experiment (NsCurvesView *self, NsExperiment *experiment)
{
  g_return_if_fail (NS_IS_CURVES_VIEW (self));
  g_return_if_fail (experiment == NULL || NS_IS_EXPERIMENT (experiment));

  if (g_set_object (&self->experiment, experiment))
    {
      g_signal_group_set_target (self->experiment_signals, experiment);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT]);
    }
}

double
ns_curves_view_get_zoom (NsCurvesView *self)
{
  g_return_val_if_fail (NS_IS_CURVES_VIEW (self), 1.0);

  return self->zoom;
}

void
ns_curves_view_set_zoom (NsCurvesView *self, double zoom)
{
  g_return_if_fail (NS_IS_CURVES_VIEW (self));

  zoom = CLAMP (zoom, 0.5, 4.0);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
ns_curves_view_get_show_accuracy (NsCurvesView *self)
{
  g_return_val_if_fail (NS_IS_CURVES_VIEW (self), FALSE);

  return self->show_accuracy;
}

void
ns_curves_view_set_show_accuracy (NsCurvesView *self, gboolean show)
{
  g_return_if_fail (NS_IS_CURVES_VIEW (self));

  show = !!show;
  if (show == self->show_accuracy)
    return;

  self->show_accuracy = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ACCURACY]);
}

const char *
ns_curves_view_get_chart (NsCurvesView *self)
{
  g_return_val_if_fail (NS_IS_CURVES_VIEW (self), NULL);

  return self->chart;
}

void
ns_curves_view_set_chart (NsCurvesView *self, const char *chart)
{
  static const char *const names[] = { "loss", "gradients", "space", NULL };
  static const char *const labels[] = { "Loss curves", "Gradient health", "Hidden space" };

  g_return_if_fail (NS_IS_CURVES_VIEW (self));

  for (guint k = 0; names[k] != NULL; k++)
    if (g_strcmp0 (chart, names[k]) == 0 && g_strcmp0 (self->chart, chart) != 0)
      {
        g_free (self->chart);
        self->chart = g_strdup (chart);
        /* Axes fixed when the view opens: a new look may pick new ones. */
        ns_space_axes_clear (&self->space_axes);
        gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        labels[k], -1);
        gtk_widget_queue_draw (GTK_WIDGET (self));
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
      }
}

const NsScene *
ns_curves_view_get_scene (NsCurvesView *self)
{
  g_return_val_if_fail (NS_IS_CURVES_VIEW (self), NULL);

  return self->scene;
}

static void
prepare (NsCurvesView *self, NsCurvesViewData *view)
{
  ns_render_curves_prepare (view, self->experiment,
                            self->show_accuracy ? NS_CURVES_BOTH : NS_CURVES_LOSS);
}

static void
append_value (GString *text, const char *name, double value, gboolean percent)
{
  if (!isfinite (value))
    g_string_append_printf (text, "\n%s –", name);
  else if (percent)
    g_string_append_printf (text, "\n%s %.1f%%", name, 100 * value);
  else
    g_string_append_printf (text, "\n%s %.4g", name, value);
}

char *
ns_curves_view_describe_at (NsCurvesView *self, double x, double y)
{
  NsCurvesViewData view;
  const NsHistoryEntry *entry;
  GString *text;
  int index;

  g_return_val_if_fail (NS_IS_CURVES_VIEW (self), NULL);

  if (self->experiment == NULL || g_strcmp0 (self->chart, "loss") != 0)
    return NULL;

  prepare (self, &view);
  index = ns_render_curves_entry_at (self->scene, &view, x, y);
  if (index < 0)
    return NULL;

  entry = &view.history[index];
  text = g_string_new (NULL);
  g_string_append_printf (text, "Epoch %u", entry->epoch);
  append_value (text, "Training loss", entry->train_loss, FALSE);
  if (view.has_test)
    append_value (text, "Test loss", entry->test_loss, FALSE);
  if (!view.regression)
    {
      append_value (text, "Training accuracy", entry->train_accuracy, TRUE);
      if (view.has_test)
        append_value (text, "Test accuracy", entry->test_accuracy, TRUE);
    }

  return g_string_free (text, FALSE);
}

static void
init_style (NsCurvesView *self, NsRenderStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  ns_render_style_init (style, adw_style_manager_get_dark (manager), self->zoom);

  /* The desktop's interface font, so the charts read like the rest of the window. */
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    g_snprintf (style->font_family, sizeof style->font_family, "%s, sans-serif",
                pango_font_description_get_family (font));
}

static void
ns_curves_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NsCurvesView *self = NS_CURVES_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  NsCurvesViewData view;
  NsRenderStyle style;

  ns_scene_clear (self->scene);
  self->drawn_entries = 0;

  if (self->experiment == NULL || width <= 0 || height <= 0)
    return;

  init_style (self, &style);
  if (g_strcmp0 (self->chart, "gradients") == 0)
    {
      NsGradientsViewData gradients;

      ns_render_gradients_prepare (&gradients, self->experiment);
      ns_render_gradients (self->scene, &gradients, &style, width, height);
      ns_experiment_get_history (self->experiment, &self->drawn_entries);
    }
  else if (g_strcmp0 (self->chart, "space") == 0)
    {
      NsSpaceOptions options = { NS_SPACE_AUTO, { 0, 1 }, &self->space_axes };
      NsSpaceViewData space;

      ns_render_space_prepare (&space, self->scene, self->experiment, &options);
      ns_render_space (self->scene, &space, &style, width, height);
    }
  else
    {
      prepare (self, &view);
      ns_render_curves (self->scene, &view, &style, width, height);
      self->drawn_entries = view.n_entries;
    }

  ns_snapshot_painter_set_scale_factor (self->painter, gtk_widget_get_scale_factor (widget));
  /* Not the widget's Pango context: its hinted metrics make text wider than the scene measured
   * it (ns_scene_measure_text uses a plain PangoCairo context), which pushed labels off the
   * edge. The painter's own plain context lays text out exactly as measured. */
  ns_snapshot_painter_paint (self->painter, self->scene, snapshot);
}

static void
ns_curves_view_measure (GtkWidget *widget,
                        GtkOrientation orientation,
                        int for_size,
                        int *minimum,
                        int *natural,
                        int *minimum_baseline,
                        int *natural_baseline)
{
  NsCurvesView *self = NS_CURVES_VIEW (widget);

  /* Enough for a legible chart with its legend; two stack when given twice the height. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (220 * self->zoom);
      *natural = (int) (380 * self->zoom);
    }
  else
    {
      *minimum = (int) (140 * self->zoom);
      *natural = (int) (240 * self->zoom);
    }
}

static gboolean
ns_curves_view_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard_tooltip, GtkTooltip *tooltip)
{
  g_autofree char *text = ns_curves_view_describe_at (NS_CURVES_VIEW (widget), x, y);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The history grows by an entry per epoch: steps within an epoch change nothing drawn. */
static void
stepped_cb (NsCurvesView *self)
{
  guint n_entries = 0;

  if (self->experiment != NULL)
    ns_experiment_get_history (self->experiment, &n_entries);
  /* The hidden space moves with every step; the charts only gain a point per epoch. */
  if (n_entries == self->drawn_entries && g_strcmp0 (self->chart, "space") != 0)
    return;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
changed_cb (NsCurvesView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ns_curves_view_dispose (GObject *object)
{
  NsCurvesView *self = NS_CURVES_VIEW (object);

  if (self->experiment_signals != NULL)
    g_signal_group_set_target (self->experiment_signals, NULL);
  g_clear_object (&self->experiment_signals);
  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (ns_curves_view_parent_class)->dispose (object);
}

static void
ns_curves_view_finalize (GObject *object)
{
  NsCurvesView *self = NS_CURVES_VIEW (object);

  g_clear_pointer (&self->scene, ns_scene_free);
  g_clear_pointer (&self->chart, g_free);
  ns_space_axes_clear (&self->space_axes);
  g_clear_pointer (&self->painter, ns_snapshot_painter_free);

  G_OBJECT_CLASS (ns_curves_view_parent_class)->finalize (object);
}

static void
ns_curves_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsCurvesView *self = NS_CURVES_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_SHOW_ACCURACY:
      g_value_set_boolean (value, self->show_accuracy);
      break;

    case PROP_CHART:
      g_value_set_string (value, self->chart);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_curves_view_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  NsCurvesView *self = NS_CURVES_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      ns_curves_view_set_experiment (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      ns_curves_view_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_SHOW_ACCURACY:
      ns_curves_view_set_show_accuracy (self, g_value_get_boolean (value));
      break;

    case PROP_CHART:
      ns_curves_view_set_chart (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_curves_view_class_init (NsCurvesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_curves_view_dispose;
  object_class->finalize = ns_curves_view_finalize;
  object_class->get_property = ns_curves_view_get_property;
  object_class->set_property = ns_curves_view_set_property;

  widget_class->snapshot = ns_curves_view_snapshot;
  widget_class->measure = ns_curves_view_measure;
  widget_class->query_tooltip = ns_curves_view_query_tooltip;

  properties[PROP_EXPERIMENT]
      = g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM]
      = g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_ACCURACY]
      = g_param_spec_boolean ("show-accuracy", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CHART]
      = g_param_spec_string ("chart", NULL, NULL, "loss",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "curves.show-accuracy",
                                            "show-accuracy");
  gtk_widget_class_install_property_action (widget_class, "curves.chart", "chart");

  gtk_widget_class_set_css_name (widget_class, "curvesview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_curves_view_init (NsCurvesView *self)
{
  self->zoom = 1.0;
  self->chart = g_strdup ("loss");
  self->scene = ns_scene_new ();
  self->painter = ns_snapshot_painter_new ();

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Loss curves", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "Training and test loss for every epoch so far", -1);

  self->experiment_signals = g_signal_group_new (NS_TYPE_EXPERIMENT);
  g_signal_group_connect_swapped (self->experiment_signals, "stepped", G_CALLBACK (stepped_cb),
                                  self);
  g_signal_group_connect_swapped (self->experiment_signals, "changed", G_CALLBACK (changed_cb),
                                  self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
}
