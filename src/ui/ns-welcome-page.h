/* ns-welcome-page.h: the page the window opens on: "Continue where you left off", "Open the
 * playground", and the lessons as a list (title, summary, "2 of 5 steps", a check mark when
 * done), with "Reset Progress…". Its rows name window actions: win.lesson-continue,
 * win.playground, win.open-lesson (the lesson file's path), win.reset-progress. It only shows
 * what it is given (ns-window-lesson.c fills it). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NS_TYPE_WELCOME_PAGE (ns_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (NsWelcomePage, ns_welcome_page, NS, WELCOME_PAGE, GtkWidget)

GtkWidget *ns_welcome_page_new (void);

/* The header bar's main menu. */
void ns_welcome_page_set_menu_model (NsWelcomePage *self, GMenuModel *menu);

/* Empties the list of lessons. */
void ns_welcome_page_clear_lessons (NsWelcomePage *self);
/* A lesson at the end of the list: opened from @path; @done of @n_steps steps reached. */
void ns_welcome_page_add_lesson (NsWelcomePage *self,
                                 const char *path,
                                 const char *title,
                                 const char *summary,
                                 guint done,
                                 guint n_steps);
/* A lesson file that could not be read, with why (the instructor writing it needs to know). */
void ns_welcome_page_add_problem (NsWelcomePage *self, const char *message);
/* What the list says when it has no lessons at all. */
void ns_welcome_page_set_empty_text (NsWelcomePage *self, const char *text);

/* Where "Continue" goes ("Lesson title, step 3: Step title"), or NULL to hide it. */
void ns_welcome_page_set_continue (NsWelcomePage *self, const char *where);

/* The rows of the list in order (tests). */
guint ns_welcome_page_get_n_rows (NsWelcomePage *self);
AdwActionRow *ns_welcome_page_get_row (NsWelcomePage *self, guint index);

G_END_DECLS
