/* ns-race-view.c: the optimizer race's picture as a widget. */
#include "config.h"

#include "ns-race-view.h"

#include <math.h>

#include "ns-printf.h"
#include "ns-render-race.h"
#include "ns-render-curves.h"
#include "ns-render-style.h"
#include "ns-view.h"

struct _NsRaceView
{
  NsSceneView parent_instance;

  NsRace *race;
};

G_DEFINE_FINAL_TYPE (NsRaceView, ns_race_view, NS_TYPE_SCENE_VIEW)

enum
{
  PROP_0,
  PROP_RACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ns_race_view_new (void)
{
  return g_object_new (NS_TYPE_RACE_VIEW, NULL);
}

NsRace *
ns_race_view_get_race (NsRaceView *self)
{
  g_return_val_if_fail (NS_IS_RACE_VIEW (self), NULL);

  return self->race;
}

void
ns_race_view_set_race (NsRaceView *self, NsRace *race)
{
  g_return_if_fail (NS_IS_RACE_VIEW (self));
  g_return_if_fail (race == NULL || NS_IS_RACE (race));

  if (g_set_object (&self->race, race))
    {
      ns_scene_view_invalidate (NS_SCENE_VIEW (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RACE]);
    }
}

void
ns_race_view_update (NsRaceView *self)
{
  g_return_if_fail (NS_IS_RACE_VIEW (self));

  /* A frame whose race version is the last one's reuses its scene (NsSceneView). */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static char *
describe_contestant (NsRaceView *self, guint i)
{
  NsExperiment *experiment = ns_race_get_experiment (self->race, i);
  const NsHistoryEntry *current = ns_race_get_current (self->race, i);
  gboolean classes = ns_experiment_get_dataset (experiment)->n_classes > 0;
  guint diverged_epoch = ns_race_get_diverged_epoch (self->race, i);
  GString *text = g_string_new (ns_race_get_label (self->race, i));

  ns_render_append_value (text, "Training loss", current->train_loss, FALSE);
  if (classes)
    ns_render_append_value (text, "Training accuracy", current->train_accuracy, TRUE);
  ns_render_append_value (text, "Test loss", current->test_loss, FALSE);
  if (classes)
    ns_render_append_value (text, "Test accuracy", current->test_accuracy, TRUE);
  if (diverged_epoch > 0)
    g_string_append_printf (text,
                            "\nDiverged in epoch %u: the steps overshot and the loss became "
                            "infinite, so it stopped there",
                            diverged_epoch);

  return g_string_free (text, FALSE);
}

/* Every contestant's training loss at the end of @epoch. */
static char *
describe_epoch (NsRaceView *self, guint epoch)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "Training loss after epoch %u", epoch);
  for (guint i = 0; i < ns_race_get_n_contestants (self->race); i++)
    {
      guint n_entries;
      const NsHistoryEntry *history =
          ns_experiment_get_history (ns_race_get_experiment (self->race, i), &n_entries);
      guint diverged_epoch = ns_race_get_diverged_epoch (self->race, i);
      const char *label = ns_race_get_label (self->race, i);
      gboolean found = FALSE;

      if (diverged_epoch > 0 && epoch >= diverged_epoch)
        {
          g_string_append_printf (text, "\n%s: diverged in epoch %u", label, diverged_epoch);
          continue;
        }
      for (guint k = 0; k < n_entries && !found; k++)
        if (history[k].epoch == epoch)
          {
            if (isfinite (history[k].train_loss))
              ns_string_append_printf (text, "\n%s: %.4g", label, history[k].train_loss);
            else
              g_string_append_printf (text, "\n%s: –", label);
            found = TRUE;
          }
    }

  return g_string_free (text, FALSE);
}

char *
ns_race_view_describe_at (NsRaceView *self, double x, double y)
{
  const NsScene *scene = ns_scene_view_get_scene (NS_SCENE_VIEW (self));
  int thumbnail;

  g_return_val_if_fail (NS_IS_RACE_VIEW (self), NULL);

  if (self->race == NULL || ns_scene_get_n_prims (scene) == 0)
    return NULL;

  thumbnail = ns_render_race_thumbnail_at (scene, x, y);
  if (thumbnail >= 0 && (guint) thumbnail < ns_race_get_n_contestants (self->race))
    return describe_contestant (self, (guint) thumbnail);

  if (ns_race_get_n_contestants (self->race) > 0)
    {
      NsRaceViewData view;
      guint epoch;

      /* The curves only, as they were drawn: no thumbnails to evaluate. */
      ns_render_race_prepare (&view, self->race, 0);
      if (ns_render_race_epoch_at (scene, &view, x, y, &epoch))
        return describe_epoch (self, epoch);
    }

  return NULL;
}

/* Evaluating every contestant over the plane is the dear part: a frame of the same race
 * version reuses the scene. */
static guint64
ns_race_view_get_version (NsSceneView *scene_view)
{
  NsRaceView *self = NS_RACE_VIEW (scene_view);

  return self->race != NULL ? ns_race_get_version (self->race) : 0;
}

static gboolean
ns_race_view_build (NsSceneView *scene_view,
                    NsScene *scene,
                    const NsRenderStyle *style,
                    double width,
                    double height)
{
  NsRaceView *self = NS_RACE_VIEW (scene_view);
  NsRaceViewData view;

  if (self->race == NULL)
    return FALSE;

  ns_render_race_prepare (&view, self->race, NS_RENDER_RACE_GRID);
  ns_render_race (scene, &view, style, width, height);
  return TRUE;
}

static char *
ns_race_view_describe (NsSceneView *scene_view, double x, double y)
{
  return ns_race_view_describe_at (NS_RACE_VIEW (scene_view), x, y);
}

static void
ns_race_view_dispose (GObject *object)
{
  NsRaceView *self = NS_RACE_VIEW (object);

  g_clear_object (&self->race);

  G_OBJECT_CLASS (ns_race_view_parent_class)->dispose (object);
}

static void
ns_race_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsRaceView *self = NS_RACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RACE:
      g_value_set_object (value, self->race);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_race_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsRaceView *self = NS_RACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RACE:
      ns_race_view_set_race (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_race_view_class_init (NsRaceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NsSceneViewClass *scene_view_class = NS_SCENE_VIEW_CLASS (klass);

  object_class->dispose = ns_race_view_dispose;
  object_class->get_property = ns_race_view_get_property;
  object_class->set_property = ns_race_view_set_property;

  /* A legible chart above a row of thumbnails (the renderer drops them when too small). */
  scene_view_class->build = ns_race_view_build;
  scene_view_class->describe_at = ns_race_view_describe;
  scene_view_class->get_version = ns_race_view_get_version;
  scene_view_class->min_width = 360;
  scene_view_class->natural_width = 720;
  scene_view_class->min_height = 300;
  scene_view_class->natural_height = 600;

  properties[PROP_RACE] =
      g_param_spec_object ("race", NULL, NULL, NS_TYPE_RACE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "raceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_race_view_init (NsRaceView *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ns_view_get_info (NS_VIEW_RACE)->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "Every contestant's training loss in one chart, and each "
                                  "one's decision boundary",
                                  -1);
}
