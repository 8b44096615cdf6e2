/* ns-curves-view.c: the loss (and accuracy) curves widget. */
#include "config.h"

#include "ns-curves-view.h"

#include <math.h>

#include "ns-render-curves.h"
#include "ns-render-gradients.h"
#include "ns-render-space.h"
#include "ns-render-style.h"
#include "ns-view.h"

struct _NsCurvesView
{
  NsSceneView parent_instance;

  NsExperiment *experiment;
  GSignalGroup *experiment_signals;
  gboolean show_accuracy;
  NsView chart;           /* loss (and accuracy), gradient health or the hidden space */
  NsSpaceAxes space_axes; /* the hidden-space view's principal axes, kept so it never flips */

  guint drawn_entries;     /* history entries in the scene */
  gboolean drawn_diverged; /* whether the scene's legend says the run diverged */
};

G_DEFINE_FINAL_TYPE (NsCurvesView, ns_curves_view, NS_TYPE_SCENE_VIEW)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
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

  return ns_view_get_info (self->chart)->name;
}

void
ns_curves_view_set_chart (NsCurvesView *self, const char *chart)
{
  NsView view;

  g_return_if_fail (NS_IS_CURVES_VIEW (self));

  if (!ns_view_from_name (chart, &view) || !ns_view_is_chart (view) || view == self->chart)
    return;

  self->chart = view;
  /* Axes fixed when the view opens: a new look may pick new ones. */
  ns_space_axes_clear (&self->space_axes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ns_view_get_info (view)->title, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

static void
prepare (NsCurvesView *self, NsCurvesViewData *view)
{
  ns_render_curves_prepare (view, self->experiment,
                            self->show_accuracy ? NS_CURVES_BOTH : NS_CURVES_LOSS);
}

char *
ns_curves_view_describe_at (NsCurvesView *self, double x, double y)
{
  NsCurvesViewData view;
  const NsHistoryEntry *entry;
  GString *text;
  int index;

  g_return_val_if_fail (NS_IS_CURVES_VIEW (self), NULL);

  if (self->experiment == NULL || self->chart != NS_VIEW_LOSS)
    return NULL;

  prepare (self, &view);
  index = ns_render_curves_entry_at (ns_scene_view_get_scene (NS_SCENE_VIEW (self)), &view, x, y);
  if (index < 0)
    return NULL;

  entry = &view.history[index];
  text = g_string_new (NULL);
  g_string_append_printf (text, "Epoch %u", entry->epoch);
  ns_render_append_value (text, "Training loss", entry->train_loss, FALSE);
  if (view.has_test)
    ns_render_append_value (text, "Test loss", entry->test_loss, FALSE);
  if (!view.regression)
    {
      ns_render_append_value (text, "Training accuracy", entry->train_accuracy, TRUE);
      if (view.has_test)
        ns_render_append_value (text, "Test accuracy", entry->test_accuracy, TRUE);
    }

  return g_string_free (text, FALSE);
}

static gboolean
ns_curves_view_build (NsSceneView *scene_view,
                      NsScene *scene,
                      const NsRenderStyle *style,
                      double width,
                      double height)
{
  NsCurvesView *self = NS_CURVES_VIEW (scene_view);

  self->drawn_entries = 0;
  if (self->experiment == NULL)
    return FALSE;
  self->drawn_diverged = ns_experiment_get_diverged (self->experiment);

  if (self->chart == NS_VIEW_GRADIENTS)
    {
      NsGradientsViewData gradients;

      ns_render_gradients_prepare (&gradients, self->experiment);
      ns_render_gradients (scene, &gradients, style, width, height);
      ns_experiment_get_history (self->experiment, &self->drawn_entries);
    }
  else if (self->chart == NS_VIEW_SPACE)
    {
      NsSpaceOptions options = { NS_SPACE_AUTO, { 0, 1 }, &self->space_axes };
      NsSpaceViewData space;

      ns_render_space_prepare (&space, scene, self->experiment, &options);
      ns_render_space (scene, &space, style, width, height);
    }
  else
    {
      NsCurvesViewData view;

      prepare (self, &view);
      ns_render_curves (scene, &view, style, width, height);
      self->drawn_entries = view.n_entries;
    }
  return TRUE;
}

static char *
ns_curves_view_describe (NsSceneView *scene_view, double x, double y)
{
  return ns_curves_view_describe_at (NS_CURVES_VIEW (scene_view), x, y);
}

/* The history grows by an entry per epoch: steps within an epoch change nothing drawn. */
static void
stepped_cb (NsCurvesView *self)
{
  guint n_entries = 0;

  if (self->experiment != NULL)
    ns_experiment_get_history (self->experiment, &n_entries);
  /* The hidden space moves with every step; the charts only gain a point per epoch. */
  if (n_entries == self->drawn_entries && self->chart != NS_VIEW_SPACE
      && (self->experiment == NULL
          || ns_experiment_get_diverged (self->experiment) == self->drawn_diverged))
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

  ns_space_axes_clear (&self->space_axes);

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

    case PROP_SHOW_ACCURACY:
      g_value_set_boolean (value, self->show_accuracy);
      break;

    case PROP_CHART:
      g_value_set_string (value, ns_curves_view_get_chart (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_curves_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsCurvesView *self = NS_CURVES_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      ns_curves_view_set_experiment (self, g_value_get_object (value));
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
  NsSceneViewClass *scene_view_class = NS_SCENE_VIEW_CLASS (klass);

  object_class->dispose = ns_curves_view_dispose;
  object_class->finalize = ns_curves_view_finalize;
  object_class->get_property = ns_curves_view_get_property;
  object_class->set_property = ns_curves_view_set_property;

  /* Enough for a legible chart with its legend; two stack when given twice the height. */
  scene_view_class->build = ns_curves_view_build;
  scene_view_class->describe_at = ns_curves_view_describe;
  scene_view_class->min_width = 220;
  scene_view_class->natural_width = 380;
  scene_view_class->min_height = 140;
  scene_view_class->natural_height = 180; /* the boundary above takes the rest */

  properties[PROP_EXPERIMENT] =
      g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_ACCURACY] =
      g_param_spec_boolean ("show-accuracy", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CHART] =
      g_param_spec_string ("chart", NULL, NULL, ns_view_get_info (NS_VIEW_LOSS)->name,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "curves.show-accuracy", "show-accuracy");
  gtk_widget_class_install_property_action (widget_class, "curves.chart", "chart");

  gtk_widget_class_set_css_name (widget_class, "curvesview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_curves_view_init (NsCurvesView *self)
{
  self->chart = NS_VIEW_LOSS;

  gtk_accessible_update_property (
      GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, ns_view_get_info (self->chart)->title,
      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Training and test loss for every epoch so far", -1);

  self->experiment_signals = g_signal_group_new (NS_TYPE_EXPERIMENT);
  g_signal_group_connect_swapped (self->experiment_signals, "stepped", G_CALLBACK (stepped_cb),
                                  self);
  g_signal_group_connect_swapped (self->experiment_signals, "changed", G_CALLBACK (changed_cb),
                                  self);
}
