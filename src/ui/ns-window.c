/* ns-window.c: the main window, its actions and the training loop on the frame clock. */
#include "config.h"

#include "ns-window.h"

#include <math.h>

#include "ns-network-view.h"

/* Time per frame spent training while playing: half a 60 Hz frame, leaving the rest for
 * drawing. Only the number of steps per frame depends on it, never the run itself. */
#define FRAME_BUDGET_US 8000
/* The first chunk of steps; it adapts to how long a chunk takes on this machine. */
#define FIRST_CHUNK 1
#define MAX_CHUNK 65536

struct _NsWindow
{
  AdwApplicationWindow parent_instance;

  NsExperiment *experiment;
  GSettings *settings; /* NULL when the schema is not installed */
  gboolean playing;
  guint tick_id;
  guint64 chunk;         /* mini-batches per ns_experiment_step call while playing */
  guint steps_per_frame; /* 0: one epoch per frame (the Playground's pace); G_MAXUINT: as many
                          * as fit in FRAME_BUDGET_US */
  AdwToast *diverged_toast;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkButton *play_button;
  GtkLabel *epoch_label;
  GtkLabel *train_loss_label;
  GtkLabel *test_loss_label;
  NsNetworkView *network_view;
};

G_DEFINE_FINAL_TYPE (NsWindow, ns_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
  PROP_PLAYING,
  PROP_STEPS_PER_FRAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

NsWindow *
ns_window_new (GtkApplication *application, NsExperiment *experiment)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), NULL);

  return g_object_new (NS_TYPE_WINDOW, "application", application, "experiment", experiment, NULL);
}

NsExperiment *
ns_window_get_experiment (NsWindow *self)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), NULL);

  return self->experiment;
}

static void
format_loss (GtkLabel *label, const char *name, double loss)
{
  g_autofree char *markup = NULL;

  if (isfinite (loss))
    markup = g_markup_printf_escaped ("<span alpha=\"65%%\">%s</span> %.3f", name, loss);
  else
    markup = g_markup_printf_escaped ("<span alpha=\"65%%\">%s</span> –", name);

  gtk_label_set_markup (label, markup);
}

/* Labels and the picture follow the experiment after every change. */
static void
update_view (NsWindow *self)
{
  const NsHistoryEntry *last = ns_experiment_get_last (self->experiment);
  g_autofree char *epoch = NULL;
  gboolean diverged = ns_experiment_get_diverged (self->experiment);

  epoch = g_strdup_printf ("Epoch %u", ns_experiment_get_epoch (self->experiment));
  gtk_label_set_label (self->epoch_label, epoch);
  format_loss (self->train_loss_label, "Training loss", last->train_loss);
  format_loss (self->test_loss_label, "Test loss", last->test_loss);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", !diverged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", !diverged);

  gtk_widget_queue_draw (GTK_WIDGET (self->network_view));
}

static void
update_title (NsWindow *self)
{
  const NsDataset *dataset = ns_experiment_get_dataset (self->experiment);
  const NsConfig *config = ns_experiment_get_config (self->experiment);
  const char *name
      = config->data_path != NULL ? dataset->name : ns_dataset_kind_title (config->dataset);

  adw_window_title_set_subtitle (self->window_title, name);
}

static void
show_diverged (NsWindow *self)
{
  AdwToast *toast;

  if (self->diverged_toast != NULL)
    return;

  toast = adw_toast_new ("Training diverged: the weights grew without bound. Try a smaller "
                         "learning rate, then reset.");
  adw_toast_set_button_label (toast, "_Reset");
  adw_toast_set_action_name (toast, "win.reset");
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  self->diverged_toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
dismiss_diverged (NsWindow *self)
{
  if (self->diverged_toast == NULL)
    return;

  adw_toast_dismiss (self->diverged_toast);
  g_clear_object (&self->diverged_toast);
}

void
ns_window_show_message (NsWindow *self, const char *message)
{
  g_return_if_fail (NS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
after_steps (NsWindow *self)
{
  update_view (self);

  if (ns_experiment_get_diverged (self->experiment))
    {
      ns_window_set_playing (self, FALSE);
      show_diverged (self);
    }
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  NsWindow *self = NS_WINDOW (widget);
  gint64 start = g_get_monotonic_time ();
  guint64 done = 0;
  guint64 limit = self->steps_per_frame == 0
                    ? MAX (ns_experiment_get_steps_per_epoch (self->experiment), 1)
                    : self->steps_per_frame;

  /* Chunks of steps until the budget is spent: counted steps decide the run, the clock only
   * how many of them this frame gets. A chunk that took little time doubles, a slow one
   * halves, so one frame makes few clock reads and never overshoots by much. */
  for (;;)
    {
      guint64 want = self->chunk;
      gint64 before = g_get_monotonic_time ();
      gint64 now;
      guint64 got;

      want = MIN (want, limit - done);

      got = ns_experiment_step (self->experiment, want);
      done += got;
      now = g_get_monotonic_time ();

      if (got < want || ns_experiment_get_diverged (self->experiment))
        break;

      if (now - before < FRAME_BUDGET_US / 16 && self->chunk < MAX_CHUNK)
        self->chunk *= 2;
      else if (now - before > FRAME_BUDGET_US / 4 && self->chunk > 1)
        self->chunk /= 2;

      if (now - start >= FRAME_BUDGET_US)
        break;
      if (done >= limit)
        break;
    }

  after_steps (self);

  return G_SOURCE_CONTINUE;
}

gboolean
ns_window_get_playing (NsWindow *self)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);

  return self->playing;
}

void
ns_window_set_playing (NsWindow *self, gboolean playing)
{
  g_return_if_fail (NS_IS_WINDOW (self));

  playing = !!playing;
  if (playing && ns_experiment_get_diverged (self->experiment))
    playing = FALSE;
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
                               playing ? "Pause (Space)" : "Train (Space)");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

guint
ns_window_get_steps_per_frame (NsWindow *self)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), 0);

  return self->steps_per_frame;
}

void
ns_window_set_steps_per_frame (NsWindow *self, guint steps)
{
  g_return_if_fail (NS_IS_WINDOW (self));

  if (steps == self->steps_per_frame)
    return;

  self->steps_per_frame = steps;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEPS_PER_FRAME]);
}

static void
step_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  /* Stepping pauses: the learner wants to look at one epoch's change. */
  ns_window_set_playing (self, FALSE);
  ns_experiment_train_epochs (self->experiment, 1);
  after_steps (self);
}

static void
reset_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  ns_window_set_playing (self, FALSE);
  ns_experiment_reset (self->experiment);
  self->chunk = FIRST_CHUNK;
  dismiss_diverged (self);
  update_view (self);
}

/* GtkWindow binds the arrow keys to moving the focus, and a parent class's key bindings come
 * before ours. When an arrow key has come all the way up to the window unhandled (no text
 * field or slider wanted it), it is a playground command (DESIGN.md, "Keys"). */
static void
ns_window_move_focus (GtkWidget *widget, GtkDirectionType direction)
{
  if (direction == GTK_DIR_RIGHT)
    {
      gtk_widget_activate_action (widget, "win.step", NULL);
      return;
    }

  GTK_WIDGET_CLASS (ns_window_parent_class)->move_focus (widget, direction);
}

static void
ns_window_constructed (GObject *object)
{
  NsWindow *self = NS_WINDOW (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  G_OBJECT_CLASS (ns_window_parent_class)->constructed (object);

  g_assert (self->experiment != NULL);

  ns_network_view_set_experiment (self->network_view, self->experiment);
  update_title (self);
  update_view (self);

  /* Run from a build tree without the schema compiled, the window simply forgets its size
   * rather than aborting. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
    }
}

static void
ns_window_dispose (GObject *object)
{
  NsWindow *self = NS_WINDOW (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_WINDOW);

  g_clear_object (&self->diverged_toast);
  g_clear_object (&self->settings);
  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (ns_window_parent_class)->dispose (object);
}

static void
ns_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsWindow *self = NS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_STEPS_PER_FRAME:
      g_value_set_uint (value, self->steps_per_frame);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsWindow *self = NS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      self->experiment = g_value_dup_object (value);
      break;

    case PROP_PLAYING:
      ns_window_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_STEPS_PER_FRAME:
      ns_window_set_steps_per_frame (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_window_class_init (NsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ns_window_constructed;
  object_class->dispose = ns_window_dispose;
  object_class->get_property = ns_window_get_property;
  object_class->set_property = ns_window_set_property;

  widget_class->move_focus = ns_window_move_focus;

  properties[PROP_EXPERIMENT]
      = g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                                 | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLAYING]
      = g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STEPS_PER_FRAME]
      = g_param_spec_uint ("steps-per-frame", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ns-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, train_loss_label);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, test_loss_label);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, network_view);

  gtk_widget_class_install_property_action (widget_class, "win.play", "playing");
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action_cb);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action_cb);

  /* Bare keys: a text field that has the focus takes them first and types as usual. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_SHIFT_MASK, "win.reset", NULL);
}

static void
ns_window_init (NsWindow *self)
{
  g_type_ensure (NS_TYPE_NETWORK_VIEW);

  self->chunk = FIRST_CHUNK;

  gtk_widget_init_template (GTK_WIDGET (self));
}
