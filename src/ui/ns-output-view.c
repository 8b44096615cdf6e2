/* ns-output-view.c: the decision boundary widget. */
#include "config.h"

#include "ns-output-view.h"

#include <math.h>

#include "ns-experiment-step.h"
#include "ns-printf.h"
#include "ns-render-output.h"
#include "ns-render-style.h"
#include "ns-view.h"

struct _NsOutputView
{
  NsSceneView parent_instance;

  NsExperiment *experiment;
  GSignalGroup *experiment_signals;
  gboolean show_test_points;
  gboolean discretize;
  guint class_to_add;
  double value_to_add;

  guint64 drawn_version; /* the experiment's version in the scene; 0: none drawn */
  gboolean over_plane;   /* the pointer is over the plane (crosshair cursor) */
};

G_DEFINE_FINAL_TYPE (NsOutputView, ns_output_view, NS_TYPE_SCENE_VIEW)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
  PROP_SHOW_TEST_POINTS,
  PROP_DISCRETIZE,
  PROP_CLASS_TO_ADD,
  PROP_VALUE_TO_ADD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ns_output_view_new (void)
{
  return g_object_new (NS_TYPE_OUTPUT_VIEW, NULL);
}

NsExperiment *
ns_output_view_get_experiment (NsOutputView *self)
{
  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), NULL);

  return self->experiment;
}

void
ns_output_view_set_experiment (NsOutputView *self, NsExperiment *experiment)
{
  g_return_if_fail (NS_IS_OUTPUT_VIEW (self));
  g_return_if_fail (experiment == NULL || NS_IS_EXPERIMENT (experiment));

  if (g_set_object (&self->experiment, experiment))
    {
      g_signal_group_set_target (self->experiment_signals, experiment);
      self->drawn_version = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT]);
    }
}

gboolean
ns_output_view_get_show_test_points (NsOutputView *self)
{
  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), FALSE);

  return self->show_test_points;
}

void
ns_output_view_set_show_test_points (NsOutputView *self, gboolean show)
{
  g_return_if_fail (NS_IS_OUTPUT_VIEW (self));

  show = !!show;
  if (show == self->show_test_points)
    return;

  self->show_test_points = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TEST_POINTS]);
}

gboolean
ns_output_view_get_discretize (NsOutputView *self)
{
  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), FALSE);

  return self->discretize;
}

void
ns_output_view_set_discretize (NsOutputView *self, gboolean discretize)
{
  g_return_if_fail (NS_IS_OUTPUT_VIEW (self));

  discretize = !!discretize;
  if (discretize == self->discretize)
    return;

  self->discretize = discretize;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCRETIZE]);
}

guint
ns_output_view_get_class_to_add (NsOutputView *self)
{
  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), 0);

  return self->class_to_add;
}

void
ns_output_view_set_class_to_add (NsOutputView *self, guint klass)
{
  g_return_if_fail (NS_IS_OUTPUT_VIEW (self));

  klass = MIN (klass, NS_MAX_CLASSES - 1);
  if (klass == self->class_to_add)
    return;

  self->class_to_add = klass;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS_TO_ADD]);
}

double
ns_output_view_get_value_to_add (NsOutputView *self)
{
  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), 0);

  return self->value_to_add;
}

void
ns_output_view_set_value_to_add (NsOutputView *self, double value)
{
  g_return_if_fail (NS_IS_OUTPUT_VIEW (self));

  if (!isfinite (value) || value == self->value_to_add)
    return;

  self->value_to_add = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE_TO_ADD]);
}

/* The scene of the last frame. */
static const NsScene *
drawn_scene (NsOutputView *self)
{
  return ns_scene_view_get_scene (NS_SCENE_VIEW (self));
}

/* The view data without the heatmap: labels, extent and points, for mapping and tooltips. */
static gboolean
prepare_light (NsOutputView *self, NsOutputViewData *view)
{
  if (self->experiment == NULL)
    return FALSE;

  ns_render_output_prepare (view, self->experiment, 0);
  view->show_test = self->show_test_points;
  view->discretize = self->discretize;

  return TRUE;
}

gboolean
ns_output_view_widget_to_plane (NsOutputView *self, double x, double y, double *x1, double *x2)
{
  NsOutputViewData view;

  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), FALSE);
  g_return_val_if_fail (x1 != NULL && x2 != NULL, FALSE);

  if (!prepare_light (self, &view))
    return FALSE;

  return ns_render_output_scene_to_plane (drawn_scene (self), &view, x, y, x1, x2);
}

gboolean
ns_output_view_plane_to_widget (NsOutputView *self, double x1, double x2, double *x, double *y)
{
  NsOutputViewData view;

  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  if (!prepare_light (self, &view))
    return FALSE;

  return ns_render_output_plane_to_scene (drawn_scene (self), &view, x1, x2, x, y);
}

/* The label a new point gets: the chosen class (clamped to the data's), or value. */
static float
label_to_add (NsOutputView *self)
{
  const NsDataset *data = ns_experiment_get_dataset (self->experiment);

  if (data->n_classes == 0)
    return (float) self->value_to_add;

  return (float) MIN (self->class_to_add, data->n_classes - 1);
}

gboolean
ns_output_view_click (NsOutputView *self, double x, double y, GdkModifierType state)
{
  double x1, x2;

  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), FALSE);

  if (!ns_output_view_widget_to_plane (self, x, y, &x1, &x2))
    return FALSE;

  /* Through the actions, so a click and a shortcut or a test do exactly the same. */
  if (state & GDK_CONTROL_MASK)
    gtk_widget_activate_action (GTK_WIDGET (self), "output.remove-point", "(dd)", x1, x2);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "output.add-point", "(dd)", x1, x2);

  return TRUE;
}

char *
ns_output_view_describe_at (NsOutputView *self, double x, double y)
{
  NsOutputViewData view;
  const NsHitRegion *hit;
  g_autofree char *output = NULL;
  g_autofree char *point = NULL;
  const char *hint;
  double x1, x2;

  g_return_val_if_fail (NS_IS_OUTPUT_VIEW (self), NULL);

  if (!prepare_light (self, &view)
      || !ns_render_output_scene_to_plane (drawn_scene (self), &view, x, y, &x1, &x2))
    return NULL;

  output = ns_render_output_describe (self->experiment, &view, x1, x2);
  if (output == NULL)
    return NULL;

  /* A point under the pointer says what it is. */
  hit = ns_scene_hit_test (drawn_scene (self), x, y);
  if (hit != NULL && hit->kind == NS_HIT_POINT && hit->input >= 0)
    {
      gboolean train = hit->layer == NS_OUTPUT_HIT_TRAIN;
      const float *labels = train ? view.train_y : view.test_y;
      guint n = train ? view.n_train : view.n_test;

      if ((guint) hit->input < n)
        {
          float label = labels[hit->input];

          if (view.kind == NS_OUTPUT_REGRESSION)
            point = ns_strdup_printf ("%s point, value %.3f", train ? "Training" : "Test", label);
          else
            point = g_strdup_printf ("%s point: %s", train ? "Training" : "Test",
                                     ns_render_output_class_name (&view, (guint) MAX (label, 0)));
        }
    }

  if (view.kind == NS_OUTPUT_REGRESSION)
    hint = "Click to add a training point with the chosen value; Ctrl+click removes the nearest";
  else
    hint = "Click to add a training point of the chosen class; Ctrl+click removes the nearest";

  if (point != NULL)
    return g_strdup_printf ("%s\n%s\n%s", point, output, hint);
  return g_strdup_printf ("%s\n%s", output, hint);
}

static gboolean
ns_output_view_build (NsSceneView *scene_view,
                      NsScene *scene,
                      const NsRenderStyle *style,
                      double width,
                      double height)
{
  NsOutputView *self = NS_OUTPUT_VIEW (scene_view);
  NsOutputViewData view;

  self->drawn_version = 0;
  if (self->experiment == NULL)
    return FALSE;

  ns_render_output_prepare (&view, self->experiment, NS_RENDER_OUTPUT_GRID);
  view.show_test = self->show_test_points;
  view.discretize = self->discretize;
  ns_render_output (scene, &view, style, width, height);
  self->drawn_version = ns_experiment_get_version (self->experiment);
  return TRUE;
}

static char *
ns_output_view_describe (NsSceneView *scene_view, double x, double y)
{
  return ns_output_view_describe_at (NS_OUTPUT_VIEW (scene_view), x, y);
}

static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, NsOutputView *self)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  /* A right click removes too: Ctrl+click is awkward on some touchpads. */
  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_SECONDARY)
    state |= GDK_CONTROL_MASK;

  if (ns_output_view_click (self, x, y, state))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, NsOutputView *self)
{
  double x0, y0, w, h;
  gboolean over = ns_render_output_get_plane (drawn_scene (self), &x0, &y0, &w, &h) && x >= x0
                  && x < x0 + w && y >= y0 && y < y0 + h;

  if (over == self->over_plane)
    return;

  /* A crosshair says "you can place a point here". */
  self->over_plane = over;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "crosshair" : NULL);
}

static void
leave_cb (GtkEventControllerMotion *controller, NsOutputView *self)
{
  self->over_plane = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* Steps and edits: redraw only when what the picture shows changed. */
static void
experiment_changed_cb (NsOutputView *self)
{
  if (self->experiment != NULL
      && ns_experiment_get_version (self->experiment) == self->drawn_version)
    return;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
add_point_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsOutputView *self = NS_OUTPUT_VIEW (widget);
  double x1, x2;

  if (self->experiment == NULL)
    return;

  g_variant_get (parameter, "(dd)", &x1, &x2);
  if (!isfinite (x1) || !isfinite (x2))
    return;

  ns_experiment_add_point (self->experiment, x1, x2, label_to_add (self));
}

static void
remove_point_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsOutputView *self = NS_OUTPUT_VIEW (widget);
  double x1, x2;

  if (self->experiment == NULL)
    return;

  g_variant_get (parameter, "(dd)", &x1, &x2);
  if (!isfinite (x1) || !isfinite (x2))
    return;

  ns_experiment_remove_point_near (self->experiment, x1, x2);
}

static void
ns_output_view_dispose (GObject *object)
{
  NsOutputView *self = NS_OUTPUT_VIEW (object);

  if (self->experiment_signals != NULL)
    g_signal_group_set_target (self->experiment_signals, NULL);
  g_clear_object (&self->experiment_signals);
  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (ns_output_view_parent_class)->dispose (object);
}

static void
ns_output_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsOutputView *self = NS_OUTPUT_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;

    case PROP_SHOW_TEST_POINTS:
      g_value_set_boolean (value, self->show_test_points);
      break;

    case PROP_DISCRETIZE:
      g_value_set_boolean (value, self->discretize);
      break;

    case PROP_CLASS_TO_ADD:
      g_value_set_uint (value, self->class_to_add);
      break;

    case PROP_VALUE_TO_ADD:
      g_value_set_double (value, self->value_to_add);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_output_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsOutputView *self = NS_OUTPUT_VIEW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      ns_output_view_set_experiment (self, g_value_get_object (value));
      break;

    case PROP_SHOW_TEST_POINTS:
      ns_output_view_set_show_test_points (self, g_value_get_boolean (value));
      break;

    case PROP_DISCRETIZE:
      ns_output_view_set_discretize (self, g_value_get_boolean (value));
      break;

    case PROP_CLASS_TO_ADD:
      ns_output_view_set_class_to_add (self, g_value_get_uint (value));
      break;

    case PROP_VALUE_TO_ADD:
      ns_output_view_set_value_to_add (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_output_view_class_init (NsOutputViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NsSceneViewClass *scene_view_class = NS_SCENE_VIEW_CLASS (klass);

  object_class->dispose = ns_output_view_dispose;
  object_class->get_property = ns_output_view_get_property;
  object_class->set_property = ns_output_view_set_property;

  /* Room for a plane that still shows the data's shape, its axes and legend. */
  scene_view_class->build = ns_output_view_build;
  scene_view_class->describe_at = ns_output_view_describe;
  scene_view_class->min_width = 220;
  scene_view_class->natural_width = 380;
  scene_view_class->min_height = 260;
  scene_view_class->natural_height = 440;

  properties[PROP_EXPERIMENT] =
      g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_TEST_POINTS] =
      g_param_spec_boolean ("show-test-points", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DISCRETIZE] =
      g_param_spec_boolean ("discretize", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLASS_TO_ADD] =
      g_param_spec_uint ("class-to-add", NULL, NULL, 0, NS_MAX_CLASSES - 1, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_VALUE_TO_ADD] =
      g_param_spec_double ("value-to-add", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Stateful boolean actions that follow the properties both ways. */
  gtk_widget_class_install_property_action (widget_class, "output.show-test", "show-test-points");
  gtk_widget_class_install_property_action (widget_class, "output.discretize", "discretize");
  gtk_widget_class_install_action (widget_class, "output.add-point", "(dd)", add_point_action);
  gtk_widget_class_install_action (widget_class, "output.remove-point", "(dd)",
                                   remove_point_action);

  gtk_widget_class_set_css_name (widget_class, "outputview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_output_view_init (NsOutputView *self)
{
  GtkGesture *click;
  GtkEventController *motion;

  self->class_to_add = 1;
  self->value_to_add = 1.0;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ns_view_get_info (NS_VIEW_BOUNDARY)->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "The network's output over the input plane, with the data "
                                  "points on top",
                                  -1);

  self->experiment_signals = g_signal_group_new (NS_TYPE_EXPERIMENT);
  g_signal_group_connect_swapped (self->experiment_signals, "stepped",
                                  G_CALLBACK (experiment_changed_cb), self);
  g_signal_group_connect_swapped (self->experiment_signals, "changed",
                                  G_CALLBACK (experiment_changed_cb), self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}
