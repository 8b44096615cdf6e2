/* ns-race-window.c: the optimizer race's window: the race's training loop on the frame clock,
 * play, step and reset, the zoom, and the window itself. The contestants' list and the actions
 * that change the contestants are in ns-race-window-contestants.c. */
#include "config.h"

#include "ns-race-window-private.h"

#include "ns-keys.h"
#include "ns-zoom.h"

G_DEFINE_FINAL_TYPE (NsRaceWindow, ns_race_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_PLAYING,
  PROP_STEPS_PER_FRAME,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the race ---- */

static guint
steps_per_epoch (NsRaceWindow *self)
{
  /* One configuration, one batch size: every contestant's epoch is as long. */
  if (self->race == NULL || ns_race_get_n_contestants (self->race) == 0)
    return 0;
  return MAX (ns_experiment_get_steps_per_epoch (ns_race_get_experiment (self->race, 0)), 1);
}

static gboolean
any_running (NsRaceWindow *self)
{
  for (guint i = 0; self->race != NULL && i < ns_race_get_n_contestants (self->race); i++)
    if (!ns_race_get_diverged (self->race, i))
      return TRUE;
  return FALSE;
}

static void
update_labels (NsRaceWindow *self)
{
  guint per_epoch = steps_per_epoch (self);
  guint64 epoch = per_epoch > 0 ? ns_race_get_step (self->race) / per_epoch : 0;
  g_autofree char *text = g_strdup_printf ("Epoch %" G_GUINT64_FORMAT, epoch);
  gboolean running = any_running (self);

  gtk_label_set_label (self->epoch_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.play", running || self->playing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.step", running);
}

void
ns_race_window_after_steps (NsRaceWindow *self)
{
  ns_race_view_update (self->race_view);
  /* Nothing left to train: a playing race would only burn frames. */
  if (!any_running (self))
    ns_race_window_set_playing (self, FALSE);
  update_labels (self);
}

void
ns_race_window_show_message (NsRaceWindow *self, const char *message, gboolean error)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static guint64
step_race (gpointer race, guint64 n)
{
  return ns_race_step (race, n);
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  guint64 limit = self->steps_per_frame == 0 ? steps_per_epoch (self) : self->steps_per_frame;

  /* As the main window: counted steps decide the run, the clock only how many of them this
   * frame gets. */
  ns_step_pacer_run (&self->pacer, limit, step_race, self->race);
  ns_race_window_after_steps (self);

  return G_SOURCE_CONTINUE;
}

gboolean
ns_race_window_get_playing (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), FALSE);

  return self->playing;
}

void
ns_race_window_set_playing (NsRaceWindow *self, gboolean playing)
{
  g_return_if_fail (NS_IS_RACE_WINDOW (self));

  playing = !!playing && any_running (self);
  if (playing == self->playing)
    return;

  self->playing = playing;
  if (playing && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!playing && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? "Pause (Space)" : "Train every contestant (Space)");
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

guint64
ns_race_window_get_epoch (NsRaceWindow *self)
{
  guint per_epoch;

  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), 0);

  per_epoch = steps_per_epoch (self);
  return per_epoch > 0 && self->race != NULL ? ns_race_get_step (self->race) / per_epoch : 0;
}

guint
ns_race_window_get_steps_per_frame (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), 0);

  return self->steps_per_frame;
}

void
ns_race_window_set_steps_per_frame (NsRaceWindow *self, guint steps)
{
  g_return_if_fail (NS_IS_RACE_WINDOW (self));

  if (steps == self->steps_per_frame)
    return;

  self->steps_per_frame = steps;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEPS_PER_FRAME]);
}

/* ---- play, step, reset ---- */

static void
step_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  guint per_epoch = steps_per_epoch (self);

  ns_race_window_set_playing (self, FALSE);
  if (per_epoch == 0)
    return;

  /* To the end of the next epoch, where every curve gains its point. */
  ns_race_step (self->race, per_epoch - ns_race_get_step (self->race) % per_epoch);
  ns_race_window_after_steps (self);
}

static void
reset_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);

  ns_race_window_set_playing (self, FALSE);
  ns_race_reset (self->race);
  ns_race_window_show_message (self, NULL, FALSE);
  ns_race_window_after_steps (self);
}

/* An arrow key nothing else wanted is a step, as in the main window (ns-keys.c says why);
 * the race has no step back, so Left still moves the focus. */
static void
ns_race_window_move_focus (GtkWidget *widget, GtkDirectionType direction)
{
  if (ns_keys_arrow_steps (widget, direction, "race.step", NULL))
    return;

  GTK_WIDGET_CLASS (ns_race_window_parent_class)->move_focus (widget, direction);
}

static gboolean
close_request_cb (NsRaceWindow *self)
{
  /* A closed window trains nothing (dispose removes the tick callback too). */
  ns_race_window_set_playing (self, FALSE);
  return FALSE;
}

/* ---- zoom ---- */

double
ns_race_window_get_zoom (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), 1.0);

  return self->zoom;
}

void
ns_race_window_set_zoom (NsRaceWindow *self, double zoom)
{
  g_return_if_fail (NS_IS_RACE_WINDOW (self));

  zoom = ns_zoom_clamp (zoom);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;

  /* The text through the style provider, as in the main window; the chart through its zoom. */
  ns_zoom_provider_load (self->zoom_provider, "ns-race-window", zoom);
  ns_scene_view_set_zoom (NS_SCENE_VIEW (self->race_view), zoom);
  if (self->race != NULL)
    ns_race_window_sync_rows (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* ---- the window ---- */

NsRaceWindow *
ns_race_window_new (GtkWindow *parent, NsExperiment *base)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsRace) race = NULL;
  NsRaceWindow *self;
  const NsConfig *config;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NS_IS_EXPERIMENT (base), NULL);

  self = g_object_new (NS_TYPE_RACE_WINDOW, "transient-for", parent, "destroy-with-parent", TRUE,
                       NULL);

  race = ns_race_new_default (base, &error);
  if (race == NULL)
    {
      g_autofree char *text = g_strdup_printf ("The race could not start: %s", error->message);

      /* An empty race from the same configuration: "Add Contestant" tries again. */
      race = ns_race_new (base);
      ns_race_window_show_message (self, text, TRUE);
    }
  ns_race_window_set_race (self, race);

  config = ns_race_get_config (race);
  subtitle = config->data_path != NULL ? g_path_get_basename (config->data_path)
                                       : g_strdup (ns_dataset_kind_title (config->dataset));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  return self;
}

NsRace *
ns_race_window_get_race (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), NULL);

  return self->race;
}

NsRaceView *
ns_race_window_get_view (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), NULL);

  return self->race_view;
}

const char *
ns_race_window_get_message (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

static void
dark_changed_cb (NsRaceWindow *self)
{
  for (guint i = 0; i < self->n_rows; i++)
    gtk_widget_queue_draw (self->rows[i].swatch);
}

static void
ns_race_window_dispose (GObject *object)
{
  NsRaceWindow *self = NS_RACE_WINDOW (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  ns_zoom_provider_clear (GTK_WIDGET (self), &self->zoom_provider);

  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_RACE_WINDOW);
  self->n_rows = 0;
  g_clear_object (&self->race);

  G_OBJECT_CLASS (ns_race_window_parent_class)->dispose (object);
}

static void
ns_race_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsRaceWindow *self = NS_RACE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_STEPS_PER_FRAME:
      g_value_set_uint (value, self->steps_per_frame);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_race_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsRaceWindow *self = NS_RACE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      ns_race_window_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_STEPS_PER_FRAME:
      ns_race_window_set_steps_per_frame (self, g_value_get_uint (value));
      break;

    case PROP_ZOOM:
      ns_race_window_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_race_window_class_init (NsRaceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_race_window_dispose;
  object_class->get_property = ns_race_window_get_property;
  object_class->set_property = ns_race_window_set_property;

  widget_class->move_focus = ns_race_window_move_focus;

  properties[PROP_PLAYING] =
      g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEPS_PER_FRAME] =
      g_param_spec_uint ("steps-per-frame", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, NS_ZOOM_MIN, NS_ZOOM_MAX, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ns-race-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, race_view);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, contestant_list);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, message_label);

  gtk_widget_class_install_property_action (widget_class, "race.play", "playing");
  gtk_widget_class_install_action (widget_class, "race.step", NULL, step_action_cb);
  gtk_widget_class_install_action (widget_class, "race.reset", NULL, reset_action_cb);
  gtk_widget_class_install_action (widget_class, "race.add", NULL, ns_race_window_add_action_cb);
  gtk_widget_class_install_action (widget_class, "race.remove", "i",
                                   ns_race_window_remove_action_cb);
  gtk_widget_class_install_action (widget_class, "race.set-optimizer", "(iu)",
                                   ns_race_window_set_optimizer_action_cb);
  gtk_widget_class_install_action (widget_class, "race.set-learning-rate", "(id)",
                                   ns_race_window_set_learning_rate_action_cb);

  /* Bare keys: a text field with the focus would take them first (there is none here). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "race.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "race.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "race.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "race.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "race.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_SHIFT_MASK, "race.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
ns_race_window_init (NsRaceWindow *self)
{
  g_type_ensure (NS_TYPE_RACE_VIEW);

  ns_step_pacer_reset (&self->pacer);
  self->zoom = 1.0;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "ns-race-window");

  ns_keys_add_space_plays (GTK_WIDGET (self), "race.play");
  self->zoom_provider = ns_zoom_provider_new (GTK_WIDGET (self));

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}
