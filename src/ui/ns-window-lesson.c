/* ns-window-lesson.c: lessons in the main window (the welcome page is in ns-window-welcome.c):
 * the lesson panel beside the playground, moving through a lesson's steps (each step's setup
 * replaces the experiment in place, its `hide` and `look` applied), the goal checked live, and
 * the learner's progress kept (ns-lesson-progress.h). */
#include "config.h"

#include "ns-window-lesson-private.h"

#include "ns-experiment-step.h"
#include "ns-goal-words.h"

enum
{
  PROP_LESSON_PANEL,
  PROP_LESSON_TEXT_LARGE,
  N_LESSON_PROPS
};

static GParamSpec *lesson_properties[N_LESSON_PROPS];
static guint first_lesson_prop;

NsLessonProgress *
ns_window_lesson_progress (NsWindow *self)
{
  NsWindowLesson *lesson = self->lesson;

  if (lesson->progress == NULL)
    {
      g_autoptr (GError) error = NULL;

      lesson->progress = ns_lesson_progress_load (lesson->progress_path, &error);
      /* A damaged file is set aside and the progress starts afresh: say so once. */
      if (error != NULL)
        ns_window_show_message (self, error->message);
    }
  return lesson->progress;
}

void
ns_window_lesson_save_failed (NsWindow *self, GError *error)
{
  g_autofree char *text = NULL;

  if (error == NULL)
    return;
  text = g_strdup_printf ("Progress not saved: %s", error->message);
  ns_window_show_message (self, text);
}

static guint
training_points (NsWindow *self)
{
  const NsDataset *data = ns_experiment_get_dataset (self->experiment);

  return data != NULL ? data->n_train : 0;
}

const NsLessonStep *
ns_window_lesson_current_step (NsWindow *self)
{
  NsWindowLesson *lesson = self->lesson;

  if (lesson->lesson == NULL || lesson->step >= lesson->lesson->steps->len)
    return NULL;
  return g_ptr_array_index (lesson->lesson->steps, lesson->step);
}

static const char *
phase_name (NsWindow *self)
{
  switch (ns_experiment_get_step_state (self->experiment)->phase)
    {
    case NS_STEP_FORWARD:
      return "forward";
    case NS_STEP_LOSS:
      return "loss";
    case NS_STEP_BACKWARD:
      return "backward";
    case NS_STEP_UPDATE:
      return "update";
    case NS_STEP_IDLE:
    default:
      return "idle";
    }
}

static void
mark_step_done (NsWindow *self)
{
  NsWindowLesson *lesson = self->lesson;
  g_autoptr (GError) error = NULL;

  if (!ns_lesson_progress_mark_done (ns_window_lesson_progress (self), lesson->lesson->id,
                                     lesson->step, &error))
    ns_window_lesson_save_failed (self, error);
}

/* Checks the step's goal against the experiment and what the learner did; once reached it
 * stays reached for the step (training on may wander off it). */
static void
evaluate_goal (NsWindow *self)
{
  NsWindowLesson *lesson = self->lesson;
  const NsLessonStep *step = ns_window_lesson_current_step (self);
  guint points = training_points (self);
  NsGoalContext context = {
    .experiment = self->experiment,
    .phase = phase_name (self),
    .view = lesson->view,
    .points_added = points > lesson->points_at_start ? points - lesson->points_at_start : 0,
    .weight_edits = lesson->weight_edits,
    .drawings = lesson->drawings,
    .race_done = lesson->race_done,
  };
  gboolean reached = FALSE;
  g_autoptr (GError) error = NULL;

  if (step == NULL || step->goal == NULL || lesson->reached)
    return;
  if (self->race_window != NULL
      && ns_race_window_get_epoch (NS_RACE_WINDOW (self->race_window))
             >= NS_WINDOW_RACE_DONE_EPOCHS)
    lesson->race_done = context.race_done = TRUE;
  if (!ns_goal_eval (step->goal, &context, &reached, &error))
    {
      g_debug ("%s: step %u: %s", lesson->lesson->path, lesson->step + 1, error->message);
      return;
    }
  if (!reached)
    return;
  lesson->reached = TRUE;
  ns_lesson_panel_set_goal_reached (self->lesson_panel, TRUE);
  mark_step_done (self);
}

static gboolean
evaluate_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  NsWindow *self = NS_WINDOW (widget);

  self->lesson->eval_tick = 0;
  evaluate_goal (self);
  return G_SOURCE_REMOVE;
}

/* Training changes the measures many times a frame: the goal is checked once, at the next
 * frame. */
static void
schedule_evaluation (NsWindow *self)
{
  NsWindowLesson *lesson = self->lesson;
  const NsLessonStep *step = ns_window_lesson_current_step (self);

  if (step == NULL || step->goal == NULL || lesson->reached || lesson->eval_tick != 0)
    return;
  lesson->eval_tick =
      gtk_widget_add_tick_callback (GTK_WIDGET (self), evaluate_tick_cb, NULL, NULL);
}

void
ns_window_lesson_check_goal (NsWindow *self)
{
  if (self->lesson != NULL)
    schedule_evaluation (self);
}

void
ns_window_lesson_note_drawing (NsWindow *self)
{
  if (self->lesson == NULL)
    return;
  self->lesson->drawings++;
  schedule_evaluation (self);
}

/* The race trains on its own window's frame clock, with no signal: each of its frames checks
 * the goal (the window may be gone first: a weak reference). */
static gboolean
race_tick_cb (GtkWidget *race, GdkFrameClock *clock, gpointer data)
{
  g_autoptr (NsWindow) self = g_weak_ref_get (data);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  ns_window_lesson_check_goal (self);
  return G_SOURCE_CONTINUE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

void
ns_window_lesson_watch_race (NsWindow *self, NsRaceWindow *race)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  gtk_widget_add_tick_callback (GTK_WIDGET (race), race_tick_cb, ref, free_weak_ref);
}

void
ns_window_lesson_note_view (NsWindow *self, const char *view)
{
  NsWindowLesson *lesson = self->lesson;

  g_return_if_fail (NS_IS_WINDOW (self));

  if (lesson == NULL || lesson->applying)
    return;
  g_free (lesson->view);
  lesson->view = g_strdup (view);
  schedule_evaluation (self);
}

static void
chart_notify_cb (NsWindow *self, GParamSpec *pspec, gpointer data)
{
  g_autofree char *page = NULL;

  g_object_get (self, pspec->name, &page, NULL);
  ns_window_lesson_note_view (self, page);
}

static void
image_page_changed_cb (GActionGroup *group, const char *action, GVariant *state, NsWindow *self)
{
  if (g_strcmp0 (action, "page") == 0)
    ns_window_lesson_note_view (self, g_variant_get_string (state, NULL));
}

static void
weight_edited_cb (NsWindow *self)
{
  self->lesson->weight_edits++;
  schedule_evaluation (self);
}

/* What `hide` names, as widgets of the window: the control bar's settings, the step buttons,
 * the data panel, the chart tabs. */
static void
hide_control (NsWindow *self, const char *name)
{
  NsWindowLesson *lesson = self->lesson;
  static const struct
  {
    const char *name;
    Control control;
  } controls[] = {
    { "learning-rate", CONTROL_LEARNING_RATE },
    { "activation", CONTROL_ACTIVATION },
    { "regularization", CONTROL_REGULARIZATION },
    { "regularization", CONTROL_REGULARIZATION_RATE },
    { "problem", CONTROL_PROBLEM },
    { "optimizer", CONTROL_OPTIMIZER },
    { "step", CONTROL_STEP_SIZE },
  };
  GtkWidget *widgets[4] = { NULL };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    if (g_str_equal (controls[i].name, name) && self->control_values[controls[i].control] != NULL)
      widgets[n++] = gtk_widget_get_ancestor (
          GTK_WIDGET (self->control_values[controls[i].control]), GTK_TYPE_FLOW_BOX_CHILD);
  if (g_str_equal (name, "step"))
    widgets[n++] = GTK_WIDGET (
        gtk_widget_get_template_child (GTK_WIDGET (self), NS_TYPE_WINDOW, "step_button"));
  else if (g_str_equal (name, "data"))
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      widgets[n++] = GTK_WIDGET (
          gtk_widget_get_template_child (GTK_WIDGET (self), NS_TYPE_WINDOW, "data_button"));
      widgets[n++] = adw_flap_get_flap (self->flap);
    }
  else if (g_str_equal (name, "output-tabs"))
    {
      widgets[n++] = self->chart_switcher;
      widgets[n++] = self->page_switcher;
    }
  else if (g_str_equal (name, "features") || g_str_equal (name, "layers")
           || g_str_equal (name, "activation"))
    {
      NsNetworkViewLock lock = g_str_equal (name, "features") ? NS_NETWORK_VIEW_LOCK_FEATURES
                               : g_str_equal (name, "layers") ? NS_NETWORK_VIEW_LOCK_LAYERS
                                                              : NS_NETWORK_VIEW_LOCK_ACTIVATION;

      lesson->locked |= lock;
      ns_network_view_set_locked (self->network_view, lesson->locked);
    }
  /* noise, ratio, batch: inside the data panel, which keeps them (`data` hides it whole). */
  for (guint i = 0; i < n; i++)
    if (widgets[i] != NULL && gtk_widget_get_visible (widgets[i]))
      {
        gtk_widget_set_visible (widgets[i], FALSE);
        g_ptr_array_add (lesson->hidden, g_object_ref (widgets[i]));
      }
}

static void
show_hidden_controls (NsWindow *self)
{
  GPtrArray *hidden = self->lesson->hidden;

  self->lesson->locked = 0;
  ns_network_view_set_locked (self->network_view, 0);

  for (guint i = 0; i < hidden->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (hidden, i), TRUE);
  g_ptr_array_set_size (hidden, 0);
}

/* Brings @look forward as the learner would: the boundary or a chart in the right column (its
 * page in presentation mode), an image page, or a tool window. */
static void
apply_look (NsWindow *self, const char *look)
{
  GtkWidget *widget = GTK_WIDGET (self);
  NsView chart;

  if (look == NULL || g_str_equal (look, "network"))
    return;
  if (g_str_equal (look, "boundary")
      || (ns_view_from_name (look, &chart) && ns_view_is_chart (chart)))
    g_object_set (self, "presentation-page", look, NULL);
  else if (g_str_equal (look, "samples") || g_str_equal (look, "filters")
           || g_str_equal (look, "confusion"))
    gtk_widget_activate_action (widget, "images.page", "s", look);
  else if (g_str_equal (look, "race"))
    gtk_widget_activate_action (widget, "win.race", NULL);
  else if (g_str_equal (look, "draw"))
    gtk_widget_activate_action (widget, "win.draw", NULL);
  else if (g_str_equal (look, "mlvsdl"))
    gtk_widget_activate_action (widget, "win.ml-vs-dl", NULL);
  else if (g_str_equal (look, "scaling"))
    gtk_widget_activate_action (widget, "win.compare", NULL);
  else if (g_str_equal (look, "code"))
    gtk_widget_activate_action (widget, "win.code", NULL);
}

static void
update_panel_visible (NsWindow *self)
{
  NsWindowLesson *lesson = self->lesson;
  gboolean shown = lesson->lesson != NULL && lesson->panel;

  adw_flap_set_reveal_flap (self->lesson_flap, shown);
  gtk_widget_set_visible (self->lesson_button, lesson->lesson != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-show-me",
                                 ns_window_lesson_current_step (self) != NULL
                                     && ns_window_lesson_current_step (self)->solution != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-previous",
                                 lesson->lesson != NULL && lesson->step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-next", lesson->lesson != NULL);
}

/* Enters step @index: with @replace (its own setup, or a lesson just opened) the experiment
 * becomes the step's; then its hide, look, text and goal. FALSE with @error when the setup
 * cannot be made (the step is not entered). */
static gboolean
enter_step (NsWindow *self, guint index, gboolean replace, GError **error)
{
  NsWindowLesson *lesson = self->lesson;
  const NsLessonStep *step;
  g_autofree char *goal = NULL;
  g_autofree char *markup = NULL;
  g_autoptr (GError) save_error = NULL;

  g_assert (lesson->lesson != NULL);
  g_assert (index < lesson->lesson->steps->len);

  if (replace || ns_lesson_step_has_setup (lesson->lesson, index))
    {
      g_autoptr (NsExperiment) experiment =
          ns_lesson_step_experiment (lesson->lesson, index, FALSE, error);

      if (experiment == NULL)
        return FALSE;
      ns_window_set_playing (self, FALSE);
      ns_experiment_replace (self->experiment, experiment);
    }

  step = g_ptr_array_index (lesson->lesson->steps, index);
  lesson->step = index;
  lesson->reached = FALSE;
  lesson->points_at_start = training_points (self);
  lesson->weight_edits = 0;
  lesson->drawings = 0;
  lesson->race_done = FALSE;
  g_clear_pointer (&lesson->view, g_free);

  show_hidden_controls (self);
  for (guint i = 0; step->hide != NULL && step->hide[i] != NULL; i++)
    hide_control (self, step->hide[i]);
  lesson->applying = TRUE;
  apply_look (self, step->look);
  lesson->applying = FALSE;

  if (step->goal_text != NULL)
    {
      g_autofree char *words = ns_goal_words (step->goal_text);

      goal = g_markup_escape_text (words, -1);
    }
  /* The lesson's introduction comes before its first step's text. */
  if (index == 0 && lesson->lesson->intro_markup != NULL)
    markup = g_strconcat (lesson->lesson->intro_markup, "\n\n", step->markup, NULL);
  else
    markup = g_strdup (step->markup);
  ns_lesson_panel_set_step (self->lesson_panel, index, lesson->lesson->steps->len, step->title,
                            markup, goal, step->hint, step->solution != NULL);
  update_panel_visible (self);

  if (!ns_lesson_progress_set_last (ns_window_lesson_progress (self), lesson->lesson->id, index,
                                    &save_error))
    ns_window_lesson_save_failed (self, save_error);
  schedule_evaluation (self);
  return TRUE;
}

void
ns_window_lesson_close (NsWindow *self)
{
  NsWindowLesson *lesson = self->lesson;

  show_hidden_controls (self);
  g_clear_pointer (&lesson->lesson, ns_lesson_free);
  if (lesson->eval_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), lesson->eval_tick);
  lesson->eval_tick = 0;
  update_panel_visible (self);
  adw_window_title_set_subtitle (self->window_title, NULL);
}

gboolean
ns_window_lesson_open_at (NsWindow *self, const char *path, gboolean at_last, GError **error)
{
  NsWindowLesson *lesson = self->lesson;
  g_autoptr (NsLesson) loaded = ns_lesson_load (path, error);
  NsLesson *old;
  guint step = 0;

  if (loaded == NULL)
    return FALSE;
  if (at_last)
    {
      g_autofree char *last = ns_lesson_progress_dup_last (ns_window_lesson_progress (self), &step);

      if (g_strcmp0 (last, loaded->id) != 0 || step >= loaded->steps->len)
        step = 0;
    }
  else
    {
      /* The first step not reached yet; all reached: from the start again. */
      while (step < loaded->steps->len
             && ns_lesson_progress_is_done (ns_window_lesson_progress (self), loaded->id, step))
        step++;
      if (step == loaded->steps->len)
        step = 0;
    }

  old = g_steal_pointer (&lesson->lesson);
  lesson->lesson = g_steal_pointer (&loaded);
  if (!enter_step (self, step, TRUE, error))
    {
      /* The window stays as it was. */
      loaded = g_steal_pointer (&lesson->lesson);
      lesson->lesson = old;
      return FALSE;
    }
  g_clear_pointer (&old, ns_lesson_free);
  lesson->panel = TRUE;
  update_panel_visible (self);
  g_object_notify_by_pspec (G_OBJECT (self), lesson_properties[PROP_LESSON_PANEL]);
  adw_window_title_set_subtitle (self->window_title, lesson->lesson->title);
  ns_lesson_panel_set_lesson_title (self->lesson_panel, lesson->lesson->title);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_PLAYGROUND);
  return TRUE;
}

gboolean
ns_window_open_lesson (NsWindow *self, const char *path, GError **error)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return ns_window_lesson_open_at (self, path, FALSE, error);
}

const char *
ns_window_get_lesson_id (NsWindow *self)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), NULL);

  return self->lesson->lesson != NULL ? self->lesson->lesson->id : NULL;
}

guint
ns_window_get_lesson_step (NsWindow *self)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), 0);

  return self->lesson->step;
}

void
ns_window_set_progress_path (NsWindow *self, const char *path)
{
  NsWindowLesson *lesson;

  g_return_if_fail (NS_IS_WINDOW (self));

  lesson = self->lesson;
  g_clear_pointer (&lesson->progress, ns_lesson_progress_free);
  g_free (lesson->progress_path);
  lesson->progress_path = g_strdup (path);
}

static void
move_step (NsWindow *self, int direction)
{
  NsWindowLesson *lesson = self->lesson;
  const NsLessonStep *step = ns_window_lesson_current_step (self);
  g_autoptr (GError) error = NULL;

  if (step == NULL)
    return;
  if (direction < 0)
    {
      if (lesson->step == 0)
        return;
      if (!enter_step (self, lesson->step - 1, FALSE, &error))
        ns_window_show_message (self, error->message);
      return;
    }
  /* A step with nothing to reach is done once read. */
  if (step->goal == NULL)
    mark_step_done (self);
  if (lesson->step + 1 >= lesson->lesson->steps->len)
    {
      g_autofree char *text = g_strdup_printf ("“%s” done", lesson->lesson->title);

      ns_window_set_presentation (self, FALSE);
      ns_window_show_welcome (self);
      ns_window_show_message (self, text);
      return;
    }
  if (!enter_step (self, lesson->step + 1, FALSE, &error))
    ns_window_show_message (self, error->message);
}

static void
next_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_step (NS_WINDOW (widget), +1);
}

static void
previous_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_step (NS_WINDOW (widget), -1);
}

/* The step's solution on its setup, in place of the experiment, and trained: the learner
 * watches the goal being reached. */
static void
show_me_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  NsWindowLesson *lesson = self->lesson;
  g_autoptr (NsExperiment) experiment = NULL;
  g_autoptr (GError) error = NULL;

  if (ns_window_lesson_current_step (self) == NULL)
    return;
  experiment = ns_lesson_step_experiment (lesson->lesson, lesson->step, TRUE, &error);
  if (experiment == NULL)
    {
      ns_window_show_message (self, error->message);
      return;
    }
  ns_window_set_playing (self, FALSE);
  ns_experiment_replace (self->experiment, experiment);
  ns_window_set_playing (self, TRUE);
}

static void
leave_presentation_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ns_window_set_presentation (NS_WINDOW (widget), FALSE);
}

void
ns_window_lesson_presentation_changed (NsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", self->presentation);
}

void
ns_window_lesson_class_init (GObjectClass *object_class, guint first_prop)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (object_class);

  first_lesson_prop = first_prop;
  lesson_properties[PROP_LESSON_PANEL] =
      g_param_spec_boolean ("lesson-panel", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  lesson_properties[PROP_LESSON_TEXT_LARGE] =
      g_param_spec_boolean ("lesson-text-large", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_LESSON_PROPS; i++)
    g_object_class_install_property (object_class, first_prop + i, lesson_properties[i]);

  gtk_widget_class_bind_template_child (widget_class, NsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, lesson_flap);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, lesson_panel);
  gtk_widget_class_bind_template_child (widget_class, NsWindow, lesson_button);
  /* Reached by name only (gtk_widget_get_template_child): `hide` and the welcome page's menu. */
  gtk_widget_class_bind_template_child_full (widget_class, "step_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "data_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);

  ns_window_welcome_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.lesson-next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "win.lesson-previous", NULL, previous_action_cb);
  gtk_widget_class_install_action (widget_class, "win.lesson-show-me", NULL, show_me_action_cb);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL,
                                   leave_presentation_action_cb);
  gtk_widget_class_install_property_action (widget_class, "win.lesson-panel", "lesson-panel");
  gtk_widget_class_install_property_action (widget_class, "win.lesson-text-large",
                                            "lesson-text-large");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.lesson-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK,
                                       "win.lesson-text-large", NULL);
  /* Escape leaves presentation mode; a popover or dialog open takes it first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-presentation",
                                       NULL);
}

gboolean
ns_window_lesson_get_property (NsWindow *self, guint prop_id, GValue *value)
{
  if (prop_id < first_lesson_prop || prop_id >= first_lesson_prop + N_LESSON_PROPS)
    return FALSE;
  /* The template's buttons read these before ns_window_lesson_init. */
  if (self->lesson == NULL)
    return TRUE;
  switch (prop_id - first_lesson_prop)
    {
    case PROP_LESSON_PANEL:
      g_value_set_boolean (value, self->lesson->panel);
      break;
    case PROP_LESSON_TEXT_LARGE:
      g_value_set_boolean (value, self->lesson->text_large);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

gboolean
ns_window_lesson_set_property (NsWindow *self, guint prop_id, const GValue *value)
{
  NsWindowLesson *lesson = self->lesson;
  gboolean on;

  if (prop_id < first_lesson_prop || prop_id >= first_lesson_prop + N_LESSON_PROPS)
    return FALSE;
  if (lesson == NULL)
    return TRUE;
  on = g_value_get_boolean (value);
  switch (prop_id - first_lesson_prop)
    {
    case PROP_LESSON_PANEL:
      if (on == lesson->panel)
        break;
      lesson->panel = on;
      update_panel_visible (self);
      g_object_notify_by_pspec (G_OBJECT (self), lesson_properties[PROP_LESSON_PANEL]);
      break;
    case PROP_LESSON_TEXT_LARGE:
      if (on == lesson->text_large)
        break;
      lesson->text_large = on;
      ns_lesson_panel_set_large (self->lesson_panel, on);
      /* Large text is for reading: the panel shows. */
      if (on)
        g_object_set (self, "lesson-panel", TRUE, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), lesson_properties[PROP_LESSON_TEXT_LARGE]);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* PageDown / PageUp, what presentation clickers send, move through the lesson open in the
 * playground: before a focused button, list or scrolled panel takes them (a scrolled window
 * pages with them), as Space (ns-keys.c); but a text field keeps them, and without a lesson
 * they are the focused widget's as usual. */
static gboolean
page_key_cb (NsWindow *self, guint keyval, guint keycode, GdkModifierType state)
{
  GtkWidget *focus;
  int direction;

  if (keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_KP_Page_Down)
    direction = +1;
  else if (keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up)
    direction = -1;
  else
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0
      || self->lesson->lesson == NULL
      || g_strcmp0 (ns_window_get_page (self), PAGE_PLAYGROUND) != 0)
    return FALSE;
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self),
                              direction > 0 ? "win.lesson-next" : "win.lesson-previous", NULL);
  return TRUE;
}

void
ns_window_lesson_init (NsWindow *self)
{
  self->lesson = g_new0 (NsWindowLesson, 1);
  self->lesson->hidden = g_ptr_array_new_with_free_func (g_object_unref);

  self->welcome_page = NS_WELCOME_PAGE (ns_welcome_page_new ());
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->welcome_page), PAGE_WELCOME);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_PLAYGROUND);
  ns_welcome_page_set_menu_model (self->welcome_page,
                                  G_MENU_MODEL (gtk_widget_get_template_child (
                                      GTK_WIDGET (self), NS_TYPE_WINDOW, "primary_menu")));

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (page_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  g_signal_connect_swapped (self->network_view, "weight-edited", G_CALLBACK (weight_edited_cb),
                            self);
  g_signal_connect (self, "notify::chart", G_CALLBACK (chart_notify_cb), NULL);
  g_signal_connect (self, "notify::presentation-page", G_CALLBACK (chart_notify_cb), NULL);
  update_panel_visible (self);
  ns_window_lesson_presentation_changed (self);
}

void
ns_window_lesson_constructed (NsWindow *self)
{
  g_signal_connect_object (self->experiment, "changed", G_CALLBACK (schedule_evaluation), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->experiment, "stepped", G_CALLBACK (schedule_evaluation), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (ns_image_view_get_actions (self->image_view), "action-state-changed",
                           G_CALLBACK (image_page_changed_cb), self, 0);
}

void
ns_window_lesson_dispose (NsWindow *self)
{
  NsWindowLesson *lesson = self->lesson;

  if (lesson == NULL)
    return;
  if (lesson->eval_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), lesson->eval_tick);
  g_clear_pointer (&lesson->lesson, ns_lesson_free);
  g_clear_pointer (&lesson->progress, ns_lesson_progress_free);
  g_clear_pointer (&lesson->progress_path, g_free);
  g_clear_pointer (&lesson->view, g_free);
  g_clear_pointer (&lesson->hidden, g_ptr_array_unref);
  g_clear_pointer (&self->lesson, g_free);
}
