/* ns-window.h: the main window: the playground's controls around the network view.
 *
 * Actions (installed on the class, so buttons, keys and tests all go through them):
 *   win.play   stateful boolean, the "playing" property; Space
 *   win.step   one step of the chosen size (win.step-size: epoch, batch, sample phase); Right
 *   win.step-back  back one phase of the sample being stepped through; Left
 *   win.reset  back to step 0 (and pause); R
 *   win.reset-lower-lr  a tenth of the learning rate, then reset (offered when a run diverges)
 *   win.undo   undo the last network edit; Ctrl+Z
 *   win.zoom-in / win.zoom-out / win.zoom-reset  Ctrl+plus / Ctrl+minus / Ctrl+0
 *   win.presentation  stateful: full screen at a large scale; F5; Escape leaves it
 *   win.welcome / win.playground  the welcome page / the playground (closing the lesson)
 *   win.open-lesson (s: a lesson file) / win.lesson-continue  open a lesson / the last one
 *   win.lesson-next / win.lesson-previous  the lesson's next / previous step; Page Down / Up
 *   win.lesson-show-me  the step's solution, trained; win.reset-progress  forget progress
 *   win.lesson-panel  stateful: the lesson panel shown; F9
 *   win.lesson-text-large  stateful: the lesson's text large (for a room); Shift+F9
 *   win.copy-image  the view under the pointer as an image on the clipboard; Ctrl+C, Ctrl+Shift+C
 *   win.learning-rate (d), win.activation (s), win.regularization (s),
 *   win.regularization-rate (d), win.problem (s), win.optimizer (s), win.steps-per-frame (u),
 * win.step-size (s): stateful, the properties of the same names; the control bar's menus use them
 * Training runs on the frame clock while playing: each frame runs as many mini-batches as fit
 * in a time budget, then draws once. Progress is counted in steps, never in time.
 */
#pragma once

#include <adwaita.h>

#include "ns-experiment.h"

G_BEGIN_DECLS

#define NS_TYPE_WINDOW (ns_window_get_type ())
G_DECLARE_FINAL_TYPE (NsWindow, ns_window, NS, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests); the window takes a reference on @experiment. */
NsWindow *ns_window_new (GtkApplication *application, NsExperiment *experiment);

NsExperiment *ns_window_get_experiment (NsWindow *self);

gboolean ns_window_get_playing (NsWindow *self);
void ns_window_set_playing (NsWindow *self, gboolean playing);

/* Most mini-batches per frame while playing: 0 = one epoch per frame (the Playground's pace),
 * G_MAXUINT = as many as fit in the frame's time budget. */
guint ns_window_get_steps_per_frame (NsWindow *self);
void ns_window_set_steps_per_frame (NsWindow *self, guint steps);

/* The one scale of text, controls and views (Ctrl+plus / Ctrl+minus / Ctrl+0); 1 = normal. */
double ns_window_get_zoom (NsWindow *self);
void ns_window_set_zoom (NsWindow *self, double zoom);

/* Puts @view (the network, output or curves view) on the clipboard as an image (win.copy-image,
 * Ctrl+C / Ctrl+Shift+C, copies the view under the pointer). */
gboolean ns_window_copy_view (NsWindow *self, GtkWidget *view);

/* A short message at the bottom of the window (errors opening a file, for instance). */
void ns_window_show_message (NsWindow *self, const char *message);

/* Lessons (ns-window-lesson.c). The window opens on the playground; the application shows the
 * welcome page (win.welcome) when started without a file. */
void ns_window_show_welcome (NsWindow *self);
/* "welcome" or "playground". */
const char *ns_window_get_page (NsWindow *self);
/* Opens the lesson file @path at its first step not reached yet (its setup replaces the
 * experiment) beside the playground. FALSE with @error (naming file and line) if it cannot be
 * read; the window stays as it was. */
gboolean ns_window_open_lesson (NsWindow *self, const char *path, GError **error);
/* The lesson open (its id, or NULL) and its step (0-based). */
const char *ns_window_get_lesson_id (NsWindow *self);
guint ns_window_get_lesson_step (NsWindow *self);
/* Where the learner's progress is kept (tests point it elsewhere before opening a lesson). */
void ns_window_set_progress_path (NsWindow *self, const char *path);

/* Files (ns-window-files.c): win.open (Ctrl+O), win.save (Ctrl+S), win.save-as (Ctrl+Shift+S)
 * ask for a path and hand it to win.open-file / win.save-to (s: a path), which tests use
 * directly; win.restore-autosave brings back the autosave. A file dropped on the window opens
 * as win.open-file would open it. */
/* The file the experiment came from or was last saved to (NULL: none). Setting it adds it to
 * the recent files and shows its name in the title. */
const char *ns_window_get_file (NsWindow *self);
void ns_window_set_file (NsWindow *self, const char *path);
/* A saved experiment (.json) or data (.csv, as `--data FILE`) replaces the window's experiment
 * in place; a lesson (.md) opens beside the playground. FALSE with @error naming the file if
 * it cannot be read: the window stays as it was. */
gboolean ns_window_open_file (NsWindow *self, const char *path, GError **error);
/* Saves the experiment (atomically) and makes @path the window's file. */
gboolean ns_window_save_to (NsWindow *self, const char *path, GError **error);
/* An experiment file (.json) or a data file (.csv, as `--data FILE`) loaded. */
NsExperiment *ns_window_load_experiment (const char *path, GError **error);
/* g_get_user_data_dir ()/neuroscope/autosave.json: written every 30 s while the experiment
 * changes and when a window with unsaved work closes. */
char *ns_window_autosave_path (void);
/* Writes the autosave now (a diverged run is skipped: its last finite state is not kept, and the
 * autosave of before stays). */
gboolean ns_window_autosave (NsWindow *self, GError **error);
/* If the autosave is newer than the last clean quit (a window closed with all saved), a toast
 * offers to restore it (win.restore-autosave); TRUE if offered. */
gboolean ns_window_offer_restore (NsWindow *self);

G_END_DECLS
