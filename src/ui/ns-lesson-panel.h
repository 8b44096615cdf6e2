/* ns-lesson-panel.h: the lesson beside the playground: the lesson's title, "Step 3 of 6" and the
 * step's title, its text, its goal in words (a check mark once reached), a hint on request, and
 * Back / Show Me / Next, which name the window's lesson actions (win.lesson-previous,
 * win.lesson-show-me, win.lesson-next). It only shows what it is given: the window keeps the
 * lesson and decides (ns-window-lesson.c). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NS_TYPE_LESSON_PANEL (ns_lesson_panel_get_type ())
G_DECLARE_FINAL_TYPE (NsLessonPanel, ns_lesson_panel, NS, LESSON_PANEL, GtkWidget)

GtkWidget *ns_lesson_panel_new (void);

void ns_lesson_panel_set_lesson_title (NsLessonPanel *self, const char *title);

/* Step @index (0-based) of @n_steps: its @title and its text as Pango markup (@markup); the
 * goal in words (@goal, Pango markup, or NULL when the step has none), its @hint (or NULL) and
 * whether it has a solution to show. The hint folds away again. */
void ns_lesson_panel_set_step (NsLessonPanel *self,
                               guint index,
                               guint n_steps,
                               const char *title,
                               const char *markup,
                               const char *goal,
                               const char *hint,
                               gboolean has_solution);

/* The goal turns to a check mark ("Reached: …"), and Next is suggested. */
void ns_lesson_panel_set_goal_reached (NsLessonPanel *self, gboolean reached);
gboolean ns_lesson_panel_get_goal_reached (NsLessonPanel *self);

/* Lesson text larger, for a room to read from the projector. */
void ns_lesson_panel_set_large (NsLessonPanel *self, gboolean large);

/* The prose label (tests read what it says). */
GtkLabel *ns_lesson_panel_get_prose (NsLessonPanel *self);
const char *ns_lesson_panel_get_step_text (NsLessonPanel *self); /* "Step 2 of 5" */

G_END_DECLS
