/* ns-race-view.c: the optimizer race's picture as a widget. */
#include "config.h"

#include "ns-race-view.h"

#include <math.h>

#include <adwaita.h>

#include "ns-render-race.h"
#include "ns-render-style.h"
#include "ns-scene-snapshot.h"

struct _NsRaceView
{
  GtkWidget parent_instance;

  NsRace *race;
  double zoom;

  NsScene *scene;
  NsSnapshotPainter *painter;
  /* What the scene was drawn for: a frame with the same reuses it. */
  gboolean scene_valid;
  guint64 drawn_version;
  int drawn_width, drawn_height;
};

G_DEFINE_FINAL_TYPE (NsRaceView, ns_race_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_RACE,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
ns_race_view_new (void)
{
  return g_object_new (NS_TYPE_RACE_VIEW, NULL);
}

static void
invalidate (NsRaceView *self)
{
  self->scene_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
      invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RACE]);
    }
}

double
ns_race_view_get_zoom (NsRaceView *self)
{
  g_return_val_if_fail (NS_IS_RACE_VIEW (self), 1.0);

  return self->zoom;
}

void
ns_race_view_set_zoom (NsRaceView *self, double zoom)
{
  g_return_if_fail (NS_IS_RACE_VIEW (self));

  zoom = CLAMP (zoom, 0.5, 4.0);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  self->scene_valid = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
ns_race_view_update (NsRaceView *self)
{
  g_return_if_fail (NS_IS_RACE_VIEW (self));

  if (self->race == NULL || !self->scene_valid
      || ns_race_get_version (self->race) != self->drawn_version)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

const NsScene *
ns_race_view_get_scene (NsRaceView *self)
{
  g_return_val_if_fail (NS_IS_RACE_VIEW (self), NULL);

  return self->scene;
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

static char *
describe_contestant (NsRaceView *self, guint i)
{
  NsExperiment *experiment = ns_race_get_experiment (self->race, i);
  const NsHistoryEntry *current = ns_race_get_current (self->race, i);
  gboolean classes = ns_experiment_get_dataset (experiment)->n_classes > 0;
  guint diverged_epoch = ns_race_get_diverged_epoch (self->race, i);
  GString *text = g_string_new (ns_race_get_label (self->race, i));

  append_value (text, "Training loss", current->train_loss, FALSE);
  if (classes)
    append_value (text, "Training accuracy", current->train_accuracy, TRUE);
  append_value (text, "Test loss", current->test_loss, FALSE);
  if (classes)
    append_value (text, "Test accuracy", current->test_accuracy, TRUE);
  if (diverged_epoch > 0)
    g_string_append_printf (text,
                            "\nDiverged in epoch %u: the steps overshot and the loss became "
                            "infinite, so it stopped there",
                            diverged_epoch);

  return g_string_free (text, FALSE);
}

/* The epoch axis' end, as ns_render_race lays it out: where the furthest contestant is. */
static double
last_epoch (NsRace *race)
{
  double e1 = 0;

  for (guint i = 0; i < ns_race_get_n_contestants (race); i++)
    {
      NsExperiment *experiment = ns_race_get_experiment (race, i);
      guint per_epoch = MAX (ns_experiment_get_steps_per_epoch (experiment), 1);
      guint n_entries;
      const NsHistoryEntry *history = ns_experiment_get_history (experiment, &n_entries);

      e1 = MAX (e1, (double) ns_experiment_get_step (experiment) / per_epoch);
      if (n_entries > 0)
        e1 = MAX (e1, (double) history[n_entries - 1].epoch);
    }

  return e1 > 0 ? e1 : 1;
}

/* Every contestant's training loss at the end of the epoch nearest the pointer. */
static char *
describe_epoch (NsRaceView *self, const NsHitRegion *plot, double x)
{
  double e1 = last_epoch (self->race);
  double t = (x - plot->x0) / MAX (plot->x1 - plot->x0, 1.0);
  guint epoch = (guint) CLAMP (round (t * e1), 0, floor (e1));
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "Training loss after epoch %u", epoch);
  for (guint i = 0; i < ns_race_get_n_contestants (self->race); i++)
    {
      guint n_entries;
      const NsHistoryEntry *history
          = ns_experiment_get_history (ns_race_get_experiment (self->race, i), &n_entries);
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
              g_string_append_printf (text, "\n%s: %.4g", label, history[k].train_loss);
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
  const NsHitRegion *hit;
  int thumbnail;

  g_return_val_if_fail (NS_IS_RACE_VIEW (self), NULL);

  if (self->race == NULL || !self->scene_valid)
    return NULL;

  thumbnail = ns_render_race_thumbnail_at (self->scene, x, y);
  if (thumbnail >= 0 && (guint) thumbnail < ns_race_get_n_contestants (self->race))
    return describe_contestant (self, (guint) thumbnail);

  /* The chart's plot is the hit rectangle of layer -1 (ns-render-race.h). */
  hit = ns_scene_hit_test (self->scene, x, y);
  if (hit != NULL && hit->kind == NS_HIT_POINT && !hit->segment && hit->layer == -1
      && ns_race_get_n_contestants (self->race) > 0)
    return describe_epoch (self, hit, x);

  return NULL;
}

static void
init_style (NsRaceView *self, NsRenderStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  ns_render_style_init (style, adw_style_manager_get_dark (manager), self->zoom);

  /* The desktop's interface font, so the picture reads like the rest of the window. */
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    g_snprintf (style->font_family, sizeof style->font_family, "%s, sans-serif",
                pango_font_description_get_family (font));
}

static void
ns_race_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NsRaceView *self = NS_RACE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->race == NULL || width <= 0 || height <= 0)
    {
      ns_scene_clear (self->scene);
      self->scene_valid = FALSE;
      return;
    }

  if (!self->scene_valid || self->drawn_version != ns_race_get_version (self->race)
      || self->drawn_width != width || self->drawn_height != height)
    {
      NsRaceViewData view;
      NsRenderStyle style;

      ns_scene_clear (self->scene);
      init_style (self, &style);
      ns_render_race_prepare (&view, self->race, NS_RENDER_RACE_GRID);
      ns_render_race (self->scene, &view, &style, width, height);
      self->drawn_version = ns_race_get_version (self->race);
      self->drawn_width = width;
      self->drawn_height = height;
      self->scene_valid = TRUE;
    }

  ns_snapshot_painter_set_scale_factor (self->painter, gtk_widget_get_scale_factor (widget));
  /* The painter's own plain Pango context, not the widget's: it lays text out exactly as the
   * scene measured it (see ns-curves-view.c). */
  ns_snapshot_painter_paint (self->painter, self->scene, snapshot);
}

static void
ns_race_view_measure (GtkWidget *widget,
                      GtkOrientation orientation,
                      int for_size,
                      int *minimum,
                      int *natural,
                      int *minimum_baseline,
                      int *natural_baseline)
{
  NsRaceView *self = NS_RACE_VIEW (widget);

  /* A legible chart above a row of thumbnails (the renderer drops them when too small). */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (360 * self->zoom);
      *natural = (int) (720 * self->zoom);
    }
  else
    {
      *minimum = (int) (300 * self->zoom);
      *natural = (int) (600 * self->zoom);
    }
}

static gboolean
ns_race_view_query_tooltip (
    GtkWidget *widget, int x, int y, gboolean keyboard_tooltip, GtkTooltip *tooltip)
{
  g_autofree char *text = ns_race_view_describe_at (NS_RACE_VIEW (widget), x, y);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
style_changed_cb (NsRaceView *self)
{
  invalidate (self);
}

static void
ns_race_view_dispose (GObject *object)
{
  NsRaceView *self = NS_RACE_VIEW (object);

  g_clear_object (&self->race);

  G_OBJECT_CLASS (ns_race_view_parent_class)->dispose (object);
}

static void
ns_race_view_finalize (GObject *object)
{
  NsRaceView *self = NS_RACE_VIEW (object);

  g_clear_pointer (&self->scene, ns_scene_free);
  g_clear_pointer (&self->painter, ns_snapshot_painter_free);

  G_OBJECT_CLASS (ns_race_view_parent_class)->finalize (object);
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

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_race_view_set_property (GObject *object,
                           guint prop_id,
                           const GValue *value,
                           GParamSpec *pspec)
{
  NsRaceView *self = NS_RACE_VIEW (object);

  switch (prop_id)
    {
    case PROP_RACE:
      ns_race_view_set_race (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      ns_race_view_set_zoom (self, g_value_get_double (value));
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

  object_class->dispose = ns_race_view_dispose;
  object_class->finalize = ns_race_view_finalize;
  object_class->get_property = ns_race_view_get_property;
  object_class->set_property = ns_race_view_set_property;

  widget_class->snapshot = ns_race_view_snapshot;
  widget_class->measure = ns_race_view_measure;
  widget_class->query_tooltip = ns_race_view_query_tooltip;

  properties[PROP_RACE]
      = g_param_spec_object ("race", NULL, NULL, NS_TYPE_RACE,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM]
      = g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "raceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_race_view_init (NsRaceView *self)
{
  self->zoom = 1.0;
  self->scene = ns_scene_new ();
  self->painter = ns_snapshot_painter_new ();

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Optimizer race", GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  "Every contestant's training loss in one chart, and each "
                                  "one's decision boundary",
                                  -1);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}
