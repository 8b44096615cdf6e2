/* ns-lesson.h: lessons (lessons/NN-id.md): a front block, then one `## ` step each, with prose
 * and fenced blocks (setup, goal, hint, solution, budget, hide, look). The format is in
 * README.md ("Lesson files"); the contract every part codes to in the notes.
 *
 * Line numbers are the file's (1-based): cmark's, plus the front block's lines. */
#pragma once

#include <glib.h>

#include "ns-config.h"
#include "ns-experiment.h"
#include "ns-goal.h"

G_BEGIN_DECLS

#define NS_LESSON_ERROR (ns_lesson_error_quark ())

typedef enum
{
  NS_LESSON_ERROR_PARSE, /* the file: "PATH:LINE: what was expected" */
  NS_LESSON_ERROR_SETUP, /* a setup that parses but does not apply (a weight out of range) */
} NsLessonError;

GQuark ns_lesson_error_quark (void);

#define NS_LESSON_DEFAULT_BUDGET 100
#define NS_LESSON_MAX_BUDGET 100000

typedef struct
{
  char *title;      /* the ## heading */
  guint line;       /* the heading's line (1-based) */
  char *markup;     /* the prose as Pango markup (paragraphs separated by "\n\n",
                     * <i>, <b>, <tt>, bullets "• ", numbers "1. ", <a href>) */
  char *setup;      /* block text or NULL */
  guint setup_line; /* the line of the block's first text line (its fence's + 1) */
  char *solution;   /* block text or NULL */
  guint solution_line;
  char *goal_text; /* or NULL */
  guint goal_line;
  NsGoal *goal; /* parsed goal or NULL */
  char *hint;   /* or NULL */
  char **hide;  /* NULL-terminated control names, or NULL */
  char *look;   /* a view name or NULL */
  guint budget; /* epochs, default 100 */
} NsLessonStep;

typedef struct
{
  char *path; /* the file it came from */
  char *id, *title, *summary;
  int order;
  char **requires;    /* NULL-terminated ids (maybe empty) */
  char *intro_markup; /* prose before the first step, or NULL */
  GPtrArray *steps;   /* NsLessonStep *, at least one */
} NsLesson;

/* What `hide` may name, and what `look` (and a goal's `view == …`) may name. NULL-terminated. */
extern const char *const ns_lesson_control_names[];
extern const char *const ns_lesson_view_names[];

NsLesson *ns_lesson_load (const char *path, GError **error);
/* @path only names the file in messages (and resolves a setup's relative --data). */
NsLesson *ns_lesson_parse (const char *text, gssize length, const char *path, GError **error);
void ns_lesson_free (NsLesson *lesson);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsLesson, ns_lesson_free)

/* The built-in lessons folder: $NEUROSCOPE_LESSONS_DIR if set; else the installed data's
 * lessons/ (ns_file_data_dir: beside the program, or under the prefix) if it exists; else
 * NS_SOURCE_LESSONS_DIR (the source tree's lessons/). */
const char *ns_lesson_builtin_dir (void);
/* The lesson files of @dir: its *.md but README.md, sorted by name. */
GPtrArray *ns_lesson_list_dir (const char *dir, GError **error); /* char * */
/* The built-in lessons sorted by order (then id); errors of single files go to @errors (may
 * be NULL) as "path:line: message" strings, the others still load. */
GPtrArray *ns_lesson_load_builtin (GPtrArray *errors); /* NsLesson *, free func set */

/* The config step @index starts from: defaults + every setup up to and including this step's
 * (+ the solution when @with_solution). FALSE with an error naming path:line. */
gboolean ns_lesson_step_config (const NsLesson *lesson,
                                guint index,
                                gboolean with_solution,
                                NsConfig *config,
                                GError **error);
/* A new experiment for step @index: the config above, then points/classes, weights and
 * --epochs applied. Points, test points and classes add up over the setups as options do
 * (a --dataset or --data drops the points before it); weights are applied in order; --epochs
 * counts only in the step's own setup and the solution (earlier steps' training does not
 * carry over). */
NsExperiment *ns_lesson_step_experiment (const NsLesson *lesson,
                                         guint index,
                                         gboolean with_solution,
                                         GError **error);
/* Does step @index have a setup of its own (FALSE: the window keeps the learner's experiment)? */
gboolean ns_lesson_step_has_setup (const NsLesson *lesson, guint index);

G_END_DECLS
