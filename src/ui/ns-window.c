/* ns-window.c: the main window: its panels, its properties and the training loop on the
 * frame clock. Its actions are in ns-window-actions.c, the bar of trainer settings in
 * ns-window-controls.c. */
#include "config.h"

#include "ns-window-private.h"

#include <math.h>
#include <string.h>

#include "ns-experiment-step.h"
#include "ns-keys.h"
#include "ns-learning-rates.h"
#include "ns-printf.h"

G_DEFINE_FINAL_TYPE (NsWindow, ns_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
  PROP_PLAYING,
  PROP_STEPS_PER_FRAME,
  PROP_LEARNING_RATE,
  PROP_ACTIVATION,
  PROP_REGULARIZATION,
  PROP_REGULARIZATION_RATE,
  PROP_PROBLEM,
  PROP_OPTIMIZER,
  PROP_ZOOM,
  PROP_PRESENTATION,
  PROP_STEP_SIZE,
  PROP_CHART,
  PROP_PRESENTATION_PAGE,
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

/* A diverged run's losses say so: the last finite ones would describe weights long gone. */
static void
format_loss (GtkLabel *label, const char *name, double loss, gboolean diverged)
{
  g_autofree char *markup = NULL;
  g_autofree char *number = ns_strdup_printf ("%.3f", loss); /* C numerics, as everywhere */

  if (diverged)
    markup = g_markup_printf_escaped ("<span alpha=\"65%%\">%s</span> diverged", name);
  else if (isfinite (loss))
    markup = g_markup_printf_escaped ("<span alpha=\"65%%\">%s</span> %s", name, number);
  else
    markup = g_markup_printf_escaped ("<span alpha=\"65%%\">%s</span> –", name);

  gtk_label_set_markup (label, markup);
}

/* The details pane shows while stepping, with the numbers of the item last pointed at. It
 * stays open as long as the Step control is on samples, between batches too (saying which
 * keys step), so the diagram above keeps its size and its neurons their places when stepping
 * starts and after an update. */
static void
update_details (NsWindow *self)
{
  g_autofree char *details = ns_network_view_get_details (self->network_view);
  gboolean sample = g_strcmp0 (self->step_size, "sample") == 0;

  if (details != NULL)
    gtk_label_set_label (self->details_label, details);
  else if (sample)
    gtk_label_set_label (self->details_label,
                         "Right: the next sample's forward pass, one layer at a time\n"
                         "Shift+Right: a whole phase at once · End: straight to the batch's "
                         "update · Left: back");
  gtk_revealer_set_reveal_child (self->details_revealer, details != NULL || sample);
}

/* Labels and the picture follow the experiment after every change. */
void
ns_window_update_view (NsWindow *self)
{
  /* The network as it is (an edit since the epoch's end changed it), at the epoch trained. */
  const NsHistoryEntry *current = ns_experiment_get_current (self->experiment);
  g_autofree char *epoch = NULL;
  gboolean diverged = ns_experiment_get_diverged (self->experiment);

  {
    const NsStepState *state = ns_experiment_get_step_state (self->experiment);
    static const char *const phases[] = { "", "forward", "loss", "backward", "update" };
    g_autofree char *where = NULL;

    /* Forward and backward go a layer at a time: say which. */
    if (state->phase == NS_STEP_FORWARD || state->phase == NS_STEP_BACKWARD)
      {
        guint l =
            state->phase == NS_STEP_FORWARD ? state->layer : state->n_layers + 1 - state->layer;

        where = l == state->n_layers ? g_strdup (" (output layer)")
                                     : g_strdup_printf (" (hidden layer %u)", l);
      }
    if (state->phase == NS_STEP_IDLE)
      epoch = g_strdup_printf ("Epoch %u", ns_experiment_get_epoch (self->experiment));
    else
      epoch = g_strdup_printf ("Epoch %u · sample %u of %u · %s%s",
                               ns_experiment_get_epoch (self->experiment), state->sample + 1,
                               state->batch_size, phases[state->phase], where != NULL ? where : "");
  }
  gtk_label_set_label (self->epoch_label, epoch);
  /* Stepping's longer text is written in a smaller size, so the header bar keeps its
   * height and the diagram below it does not move when stepping starts. */
  if (ns_experiment_get_step_state (self->experiment)->phase == NS_STEP_IDLE)
    gtk_widget_remove_css_class (GTK_WIDGET (self->epoch_label), "stepping");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->epoch_label), "stepping");
  update_details (self);
  format_loss (self->train_loss_label, "Training loss", current->train_loss, diverged);
  format_loss (self->test_loss_label, "Test loss", current->test_loss, diverged);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.play", !diverged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step", !diverged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-phase", !diverged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 ns_experiment_can_undo (self->experiment));
  ns_window_update_image_tools (self);
  ns_window_update_diverged (self);
  gtk_widget_set_visible (self->value_row,
                          ns_experiment_get_dataset (self->experiment)->n_classes == 0);
  /* Plane or image data: the right column's form. */
  ns_window_update_output_page (self);

  gtk_widget_queue_draw (GTK_WIDGET (self->network_view));
  /* A sample phase changes no weights (no version bump) but rings the sample's point. */
  if (self->output_view != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->output_view));
  /* Stepping a sample's phases changes what a goal may ask for (the phase) with no signal. */
  ns_window_lesson_check_goal (self);
}

static void
update_title (NsWindow *self)
{
  const NsDataset *dataset = ns_experiment_get_dataset (self->experiment);
  const NsConfig *config = ns_experiment_get_config (self->experiment);
  const char *name =
      config->data_path != NULL ? dataset->name : ns_dataset_kind_title (config->dataset);

  adw_window_title_set_subtitle (self->window_title, name);
}

void
ns_window_update_diverged (NsWindow *self)
{
  gboolean diverged = ns_experiment_get_diverged (self->experiment);
  double recovery = 0.0;

  if (diverged)
    {
      g_autofree char *text = NULL;
      g_autofree char *button = NULL;
      g_autofree char *tooltip = NULL;
      g_autofree char *rate_text = ns_learning_rates_format (self->learning_rate);
      g_autofree char *recovery_text = NULL;

      if (!ns_window_check_recovery (self, &recovery))
        text = ns_strdup_printf (
            "Training stopped: the loss became infinite or not a number. With learning rate %s "
            "the steps overshoot and the weights grow without bound. Checking which lower rate "
            "keeps the first %d epochs finite…",
            rate_text, NS_WINDOW_RECOVERY_EPOCHS);
      else if (recovery > 0.0)
        {
          recovery_text = ns_learning_rates_format (recovery);
          text = ns_strdup_printf (
              "Training stopped: the loss became infinite or not a number. With learning rate %s "
              "the steps overshoot and the weights grow without bound. At %s the first %d epochs "
              "stay finite.",
              rate_text, recovery_text, NS_WINDOW_RECOVERY_EPOCHS);
          button = ns_strdup_printf ("Reset with Learning Rate %s", recovery_text);
          tooltip = ns_strdup_printf ("Start over from the first weights at learning rate %s, "
                                      "checked to keep the first %d epochs finite",
                                      recovery_text, NS_WINDOW_RECOVERY_EPOCHS);
        }
      else
        text = ns_strdup_printf (
            "Training stopped: the loss became infinite or not a number. No lower learning rate "
            "keeps the first %d epochs finite: try another activation, fewer layers or "
            "another optimizer.",
            NS_WINDOW_RECOVERY_EPOCHS);
      gtk_label_set_label (self->diverged_label, text);
      if (button != NULL)
        {
          gtk_button_set_label (self->diverged_button, button);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->diverged_button), tooltip);
        }
    }
  else
    {
      self->recovery_valid = FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->diverged_button), recovery > 0.0);
  gtk_revealer_set_reveal_child (self->diverged_revealer, diverged);
}

void
ns_window_show_message (NsWindow *self, const char *message)
{
  g_return_if_fail (NS_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* libadwaita 1.2 reads a toast's title as Pango markup: a message such as "file:1:2: expected
   * `}'" or one naming "<data>" would show as an empty toast unless escaped. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

void
ns_window_after_steps (NsWindow *self)
{
  ns_window_update_view (self);

  if (ns_experiment_get_diverged (self->experiment))
    {
      ns_window_set_playing (self, FALSE);
      ns_window_update_diverged (self);
    }
}

static guint64
step_experiment (gpointer experiment, guint64 n)
{
  return ns_experiment_step (experiment, n);
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  NsWindow *self = NS_WINDOW (widget);
  guint64 limit = self->steps_per_frame == 0
                      ? MAX (ns_experiment_get_steps_per_epoch (self->experiment), 1)
                      : self->steps_per_frame;

  /* A diverged run steps no more: its chunk runs short and the frame ends. */
  ns_step_pacer_run (&self->pacer, limit, step_experiment, self->experiment);
  ns_window_after_steps (self);

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
experiment_changed_cb (NsWindow *self)
{
  ns_window_sync_from_experiment (self);
  update_title (self);
  ns_window_update_view (self);
}

/* GtkWindow would move the focus with an arrow key that came all the way up unhandled; here
 * it is a playground command (ns-keys.c says why). */
static void
ns_window_move_focus (GtkWidget *widget, GtkDirectionType direction)
{
  if (ns_keys_arrow_steps (widget, direction, "win.step", "win.step-back"))
    return;

  GTK_WIDGET_CLASS (ns_window_parent_class)->move_focus (widget, direction);
}

/* A first start fills most of the screen (up to 1600x1000), so a laptop's 1366x768 still
 * fits; on a projector's 1920x1080 or larger it is maximised too, as an instructor expects.
 * Returns whether the screen is that large. */
static gboolean
fit_default_size (NsWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle area;

  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, &area);
  gtk_window_set_default_size (GTK_WINDOW (self), MIN (1600, area.width * 9 / 10),
                               MIN (1000, area.height * 9 / 10));
  return area.width >= 1600 && area.height >= 900;
}

static void
ns_window_constructed (GObject *object)
{
  NsWindow *self = NS_WINDOW (object);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  gboolean large_screen;

  G_OBJECT_CLASS (ns_window_parent_class)->constructed (object);

  g_assert (self->experiment != NULL);

  ns_network_view_set_experiment (self->network_view, self->experiment);
  ns_data_panel_set_experiment (self->data_panel, self->experiment);
  ns_output_view_set_experiment (self->output_view, self->experiment);
  ns_curves_view_set_experiment (self->curves_view, self->experiment);
  g_signal_connect_object (self->experiment, "changed", G_CALLBACK (experiment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  ns_window_lesson_constructed (self);
  ns_window_files_constructed (self);
  ns_window_build_control_bar (self);
  ns_window_sync_from_experiment (self);
  ns_window_setup_benchmark (self);
  update_title (self);
  ns_window_update_view (self);

  /* Run from a build tree without the schema compiled, the window simply forgets its size
   * rather than aborting. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  large_screen = fit_default_size (self);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      if (!g_settings_get_boolean (self->settings, "window-maximized")
          && g_settings_get_user_value (self->settings, "window-width") == NULL)
        {
          /* No size remembered yet: keep the one fitted to the screen. */
          int width, height;
          gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
          g_settings_set_boolean (self->settings, "window-maximized", large_screen);
        }
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
    }
  else if (large_screen)
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
ns_window_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  NsWindow *self = NS_WINDOW (widget);

  GTK_WIDGET_CLASS (ns_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* The sizes measured from now on are this zoom's (ns_window_fit_zoom). */
  self->allocated_zoom = self->zoom;
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

  ns_window_lesson_dispose (self);
  ns_window_files_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_WINDOW);

  g_clear_weak_pointer (&self->race_window);
  g_clear_weak_pointer (&self->draw_window);
  g_clear_weak_pointer (&self->compare_window);
  g_clear_weak_pointer (&self->code_window);
  if (self->recovery_cancellable != NULL)
    g_cancellable_cancel (self->recovery_cancellable);
  g_clear_object (&self->recovery_cancellable);
  ns_zoom_provider_clear (GTK_WIDGET (self), &self->zoom_provider);
  g_clear_pointer (&self->activation, g_free);
  g_clear_pointer (&self->regularization, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->optimizer, g_free);
  g_clear_pointer (&self->step_size, g_free);
  g_clear_pointer (&self->presentation_page, g_free);
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

    case PROP_LEARNING_RATE:
      g_value_set_double (value, self->learning_rate);
      break;

    case PROP_ACTIVATION:
      g_value_set_string (value, self->activation);
      break;

    case PROP_REGULARIZATION:
      g_value_set_string (value, self->regularization);
      break;

    case PROP_REGULARIZATION_RATE:
      g_value_set_double (value, self->regularization_rate);
      break;

    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;

    case PROP_OPTIMIZER:
      g_value_set_string (value, self->optimizer);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;

    case PROP_STEP_SIZE:
      g_value_set_string (value, self->step_size);
      break;

    case PROP_CHART:
      g_value_set_string (value, ns_view_get_info (self->chart)->name);
      break;

    case PROP_PRESENTATION_PAGE:
      g_value_set_string (value, self->presentation_page);
      break;

    default:
      if (!ns_window_lesson_get_property (self, prop_id, value))
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
      ns_window_update_control (self, CONTROL_SPEED);
      break;

    case PROP_ZOOM:
      ns_window_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_PRESENTATION:
      ns_window_set_presentation (self, g_value_get_boolean (value));
      break;

    case PROP_CHART:
      {
        NsView chart;

        /* Only the charts of the right column: anything else is ignored, and the hidden
         * space of image data, which has no input plane to bend. */
        if (ns_view_from_name (g_value_get_string (value), &chart) && ns_view_is_chart (chart)
            && chart != self->chart
            && !(chart == NS_VIEW_SPACE && self->experiment != NULL
                 && ns_dataset_is_image (ns_experiment_get_dataset (self->experiment))))
          {
            self->chart = chart;
            g_object_notify_by_pspec (object, properties[PROP_CHART]);
          }
      }
      break;

    case PROP_PRESENTATION_PAGE:
      {
        const char *page = g_value_get_string (value);
        NsView chart;

        /* The boundary, or a chart of the right column (which it shows); else ignored. */
        if (g_strcmp0 (page, NS_WINDOW_PAGE_BOUNDARY) != 0
            && !(ns_view_from_name (page, &chart) && ns_view_is_chart (chart)))
          break;
        if (g_strcmp0 (page, NS_WINDOW_PAGE_BOUNDARY) != 0)
          g_object_set (object, "chart", page, NULL);
        if (g_strcmp0 (page, self->presentation_page) == 0)
          break;
        ns_window_set_string (&self->presentation_page, page);
        ns_window_update_output_page (self);
        g_object_notify_by_pspec (object, properties[PROP_PRESENTATION_PAGE]);
      }
      break;

    case PROP_STEP_SIZE:
      {
        const char *size = g_value_get_string (value);
        if (g_strcmp0 (size, "epoch") != 0 && g_strcmp0 (size, "batch") != 0
            && g_strcmp0 (size, "sample") != 0)
          break;
        ns_window_set_string (&self->step_size, size);
        if (g_strcmp0 (size, "sample") != 0)
          ns_experiment_step_cancel (self->experiment); /* back to whole batches */
        ns_window_update_control (self, CONTROL_STEP_SIZE);
        ns_window_update_view (self);
        g_object_notify_by_pspec (object, properties[PROP_STEP_SIZE]);
      }
      break;

    case PROP_LEARNING_RATE:
    case PROP_ACTIVATION:
    case PROP_REGULARIZATION:
    case PROP_REGULARIZATION_RATE:
    case PROP_PROBLEM:
    case PROP_OPTIMIZER:
      /* The controls write these; while they follow the experiment nothing is written back. */
      if (self->syncing > 0 || self->experiment == NULL)
        break;
      if (prop_id == PROP_LEARNING_RATE)
        ns_window_set_learning_rate (self, g_value_get_double (value));
      else if (prop_id == PROP_ACTIVATION)
        ns_window_set_activation (self, g_value_get_string (value));
      else if (prop_id == PROP_REGULARIZATION)
        ns_window_set_regularization (self, g_value_get_string (value), self->regularization_rate);
      else if (prop_id == PROP_REGULARIZATION_RATE)
        ns_window_set_regularization (self,
                                      g_strcmp0 (self->regularization, "none") == 0
                                              && g_value_get_double (value) > 0
                                          ? "l2"
                                          : self->regularization,
                                      g_value_get_double (value));
      else if (prop_id == PROP_PROBLEM)
        ns_window_set_problem (self, g_value_get_string (value));
      else
        ns_window_set_optimizer (self, g_value_get_string (value));
      ns_window_sync_from_experiment (self);
      break;

    default:
      if (!ns_window_lesson_set_property (self, prop_id, value))
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
  widget_class->size_allocate = ns_window_size_allocate;

  properties[PROP_EXPERIMENT] =
      g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY
                               | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLAYING] =
      g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STEPS_PER_FRAME] =
      g_param_spec_uint ("steps-per-frame", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LEARNING_RATE] =
      g_param_spec_double ("learning-rate", NULL, NULL, 1e-6, 10.0, 0.03,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVATION] =
      g_param_spec_string ("activation", NULL, NULL, "tanh",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGULARIZATION] =
      g_param_spec_string ("regularization", NULL, NULL, "none",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGULARIZATION_RATE] =
      g_param_spec_double ("regularization-rate", NULL, NULL, 0.0, 10.0, 0.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
      g_param_spec_string ("problem", NULL, NULL, "classification",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTIMIZER] =
      g_param_spec_string ("optimizer", NULL, NULL, "sgd",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, NS_ZOOM_MIN, NS_ZOOM_MAX, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESENTATION] =
      g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHART] =
      g_param_spec_string ("chart", NULL, NULL, ns_view_get_info (NS_VIEW_LOSS)->name,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESENTATION_PAGE] =
      g_param_spec_string ("presentation-page", NULL, NULL, NS_WINDOW_PAGE_BOUNDARY,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP_SIZE] =
      g_param_spec_string ("step-size", NULL, NULL, "epoch",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ns-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, control_bar);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, diverged_revealer);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, diverged_label);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, diverged_button);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, train_loss_label);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, test_loss_label);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, network_view);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, details_label);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, start_panel);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, end_panel);

  /* After the properties: win.play and the settings' actions are property actions. */
  ns_window_install_actions (widget_class);
  ns_window_lesson_class_init (object_class, N_PROPS);
}

static void
ns_window_init (NsWindow *self)
{
  g_type_ensure (NS_TYPE_NETWORK_VIEW);
  g_type_ensure (NS_TYPE_LESSON_PANEL);

  ns_step_pacer_reset (&self->pacer);
  self->zoom = 1.0;
  self->presentation_zoom = NS_ZOOM_PRESENTATION;
  self->zoom_before_presentation = 1.0;
  self->learning_rate = 0.03;
  self->activation = g_strdup ("tanh");
  self->regularization = g_strdup ("none");
  self->problem = g_strdup ("classification");
  self->optimizer = g_strdup ("sgd");
  self->step_size = g_strdup ("epoch");
  self->presentation_page = g_strdup (NS_WINDOW_PAGE_BOUNDARY);
  self->chart = NS_VIEW_LOSS;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The side panels are made here, not in the template, so each stays a widget of its own. */
  self->data_panel = NS_DATA_PANEL (ns_data_panel_new ());
  gtk_scrolled_window_set_child (self->start_panel, GTK_WIDGET (self->data_panel));
  ns_window_build_output_panel (self);

  /* The diagram needs room: below it, the data panel folds away (AdwFlap's auto policy). */
  gtk_widget_set_size_request (GTK_WIDGET (self->network_view), NS_WINDOW_NETWORK_MIN_WIDTH, -1);
  g_signal_connect_swapped (self->network_view, "details-changed", G_CALLBACK (update_details),
                            self);

  gtk_widget_add_css_class (GTK_WIDGET (self), "ns-window");
  ns_keys_add_space_plays (GTK_WIDGET (self), "win.play");
  self->zoom_provider = ns_zoom_provider_new (GTK_WIDGET (self));
  ns_window_lesson_init (self);
  ns_window_files_init (self);
}
