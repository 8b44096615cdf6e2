/* ns-window-welcome.c: the welcome page the app opens on (the built-in lessons with the
 * learner's progress, "Continue where you left off", free play, reset) and its actions. */
#include "config.h"

#include "ns-window-lesson-private.h"

const char *
ns_window_get_page (NsWindow *self)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* The built-in lessons with the learner's progress, and where "Continue" goes. */
static void
fill_welcome_page (NsWindow *self)
{
  NsWelcomePage *page = self->welcome_page;
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) lessons = ns_lesson_load_builtin (errors);
  g_autofree char *last = NULL;
  g_autofree char *where = NULL;
  guint last_step = 0;

  ns_welcome_page_clear_lessons (page);
  last = ns_lesson_progress_dup_last (ns_window_lesson_progress (self), &last_step);
  for (guint i = 0; i < lessons->len; i++)
    {
      const NsLesson *lesson = g_ptr_array_index (lessons, i);

      ns_welcome_page_add_lesson (page, lesson->path, lesson->title, lesson->summary,
                                  ns_lesson_progress_count_done (ns_window_lesson_progress (self),
                                                                 lesson->id, lesson->steps->len),
                                  lesson->steps->len);
      if (last != NULL && g_str_equal (last, lesson->id) && last_step < lesson->steps->len)
        {
          const NsLessonStep *step = g_ptr_array_index (lesson->steps, last_step);

          where = g_strdup_printf ("%s — step %u of %u: %s", lesson->title, last_step + 1,
                                   lesson->steps->len, step->title);
        }
    }
  for (guint i = 0; i < errors->len; i++)
    ns_welcome_page_add_problem (page, g_ptr_array_index (errors, i));
  if (lessons->len == 0 && errors->len == 0)
    {
      g_autofree char *text = g_strdup_printf ("No lessons found in %s", ns_lesson_builtin_dir ());

      ns_welcome_page_set_empty_text (page, text);
    }
  /* The lesson open in this window may be one of the instructor's own files. */
  if (where == NULL && self->lesson->lesson != NULL)
    {
      const NsLessonStep *step = ns_window_lesson_current_step (self);

      where =
          g_strdup_printf ("%s — step %u of %u: %s", self->lesson->lesson->title,
                           self->lesson->step + 1, self->lesson->lesson->steps->len, step->title);
    }
  ns_welcome_page_set_continue (page, where);
}

void
ns_window_show_welcome (NsWindow *self)
{
  g_return_if_fail (NS_IS_WINDOW (self));

  ns_window_set_playing (self, FALSE);
  fill_welcome_page (self);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_WELCOME);
}

static void
welcome_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  /* Presentation mode is for the playground: the list is read at the desk. */
  ns_window_set_presentation (self, FALSE);
  ns_window_show_welcome (self);
}

static void
playground_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  ns_window_lesson_close (self);
  gtk_stack_set_visible_child_name (self->main_stack, PAGE_PLAYGROUND);
}

static void
open_lesson_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!ns_window_lesson_open_at (self, g_variant_get_string (parameter, NULL), FALSE, &error))
    ns_window_show_message (self, error->message);
}

/* The lesson open in this window, else the last one of the built-in lessons. */
static void
continue_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  g_autoptr (GPtrArray) lessons = NULL;
  g_autofree char *last = NULL;
  g_autoptr (GError) error = NULL;

  if (self->lesson->lesson != NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, PAGE_PLAYGROUND);
      return;
    }
  last = ns_lesson_progress_dup_last (ns_window_lesson_progress (self), NULL);
  if (last == NULL)
    return;
  lessons = ns_lesson_load_builtin (NULL);
  for (guint i = 0; i < lessons->len; i++)
    {
      const NsLesson *lesson = g_ptr_array_index (lessons, i);

      if (g_str_equal (lesson->id, last))
        {
          if (!ns_window_lesson_open_at (self, lesson->path, TRUE, &error))
            ns_window_show_message (self, error->message);
          return;
        }
    }
}

static void
reset_progress_response_cb (AdwMessageDialog *dialog, const char *response, NsWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "reset") != 0)
    return;
  if (!ns_lesson_progress_reset (ns_window_lesson_progress (self), &error))
    ns_window_lesson_save_failed (self, error);
  fill_welcome_page (self);
}

static void
reset_progress_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (self), "Reset progress?", "Every lesson’s steps count as not reached again."));

  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "reset", "_Reset", NULL);
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_progress_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ns_window_welcome_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.welcome", NULL, welcome_action_cb);
  gtk_widget_class_install_action (widget_class, "win.playground", NULL, playground_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-lesson", "s", open_lesson_action_cb);
  gtk_widget_class_install_action (widget_class, "win.lesson-continue", NULL, continue_action_cb);
  gtk_widget_class_install_action (widget_class, "win.reset-progress", NULL,
                                   reset_progress_action_cb);
}
