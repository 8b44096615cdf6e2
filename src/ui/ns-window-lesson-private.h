/* ns-window-lesson-private.h: the lesson state of the main window, shared by
 * ns-window-lesson.c (the lesson open: its steps, goal, panel, keys) and ns-window-welcome.c
 * (the welcome page and its actions). */
#pragma once

#include "ns-window-private.h"

#include "ns-lesson-progress.h"
#include "ns-lesson.h"

G_BEGIN_DECLS

#define PAGE_WELCOME "welcome"
#define PAGE_PLAYGROUND "playground"

typedef struct _NsWindowLesson
{
  NsLessonProgress *progress; /* loaded on first use */
  char *progress_path;        /* NULL: the user's */
  NsLesson *lesson;           /* the lesson open, or NULL */
  guint step;
  gboolean panel;      /* the lesson panel is shown (when a lesson is open) */
  gboolean text_large; /* its text large */

  /* NsGoalContext's interactive values since the step began. */
  guint points_at_start; /* training points when the step began */
  guint weight_edits;
  guint drawings;
  gboolean race_done;
  char *view; /* the view the learner brought forward last, or NULL */

  gboolean reached;         /* the step's goal is reached */
  guint eval_tick;          /* the goal is checked at the next frame */
  gboolean applying;        /* a step's look is being applied: not the learner's doing */
  GPtrArray *hidden;        /* GtkWidget *: what the step's `hide` hid */
  NsNetworkViewLock locked; /* the diagram's parts it hid */
} NsWindowLesson;

/* The learner's progress, loaded on first use (a damaged file is reported once). */
NsLessonProgress *ns_window_lesson_progress (NsWindow *self);
/* Says in the window that the progress could not be saved (nothing if @error is NULL). */
void ns_window_lesson_save_failed (NsWindow *self, GError *error);
/* The step shown, or NULL without a lesson. */
const NsLessonStep *ns_window_lesson_current_step (NsWindow *self);
/* Opens @path at its first step not reached (or, @at_last, at the step the progress file
 * remembers) and shows the playground; FALSE with @error, the window as it was. */
gboolean
ns_window_lesson_open_at (NsWindow *self, const char *path, gboolean at_last, GError **error);
/* No lesson any more: its panel goes, what its step hid comes back. */
void ns_window_lesson_close (NsWindow *self);

/* ns-window-welcome.c: win.welcome, win.playground, win.open-lesson, win.lesson-continue,
 * win.reset-progress. */
void ns_window_welcome_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
