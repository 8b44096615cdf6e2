/* ns-lesson-progress.h: what a learner has done in the lessons, kept between runs: the steps
 * reached in each lesson (by the lesson's id, so renumbering the files keeps it) and the last
 * lesson and step opened. A GKeyFile in g_get_user_data_dir()/neuroscope/progress.ini, written
 * whole and atomically (g_file_set_contents) on every change, so a crash never leaves half a
 * file. GLib only. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _NsLessonProgress NsLessonProgress;

/* The progress file in the user's data folder. */
char *ns_lesson_progress_default_path (void);

/* The progress kept in @path (NULL: the default path). A missing file is no progress yet. A file
 * that cannot be read as progress is set aside as PATH.bad (so it is never lost) and reported in
 * @error, and the progress starts empty: the result is never NULL. */
NsLessonProgress *ns_lesson_progress_load (const char *path, GError **error);
void ns_lesson_progress_free (NsLessonProgress *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsLessonProgress, ns_lesson_progress_free)

const char *ns_lesson_progress_get_path (const NsLessonProgress *self);

/* Has the learner reached step @step (0-based) of lesson @lesson_id? */
gboolean
ns_lesson_progress_is_done (const NsLessonProgress *self, const char *lesson_id, guint step);
/* How many of the lesson's first @n_steps steps are reached. */
guint
ns_lesson_progress_count_done (const NsLessonProgress *self, const char *lesson_id, guint n_steps);
/* Marks the step reached and saves; a step already reached saves nothing. FALSE with @error
 * when the file cannot be written (the progress in memory is kept). */
gboolean ns_lesson_progress_mark_done (NsLessonProgress *self,
                                       const char *lesson_id,
                                       guint step,
                                       GError **error);

/* The id of the lesson the learner was at last (and its @step), for "Continue where you left
 * off"; NULL when there is none. */
char *ns_lesson_progress_dup_last (const NsLessonProgress *self, guint *step);
gboolean ns_lesson_progress_set_last (NsLessonProgress *self,
                                      const char *lesson_id,
                                      guint step,
                                      GError **error);

/* Forgets everything (the file is written empty). */
gboolean ns_lesson_progress_reset (NsLessonProgress *self, GError **error);

G_END_DECLS
