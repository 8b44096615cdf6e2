/* ns-goal.h: a lesson step's goal, an expression over what the experiment measures and what
 * the learner does in the window (the lesson format: /lessons/README.md, README.md "Lesson
 * files").
 *
 * Grammar, C's precedence from loosest to tightest: `||`, `&&`, `== !=`, `< <= > >=`, `+ -`,
 * `* /`, unary `!` and `-`, then a number (C syntax, '.' in every locale), a name, a function
 * call with one word argument (`feature(x1sq)`), or `( … )`. A name compared with `==` or `!=`
 * to a bare word (`phase == backward`) compares text. Names and words are checked when the
 * goal is parsed. A goal is reached when its value is neither 0 nor NaN; NaN compares false,
 * so a measure that is not available (accuracy in regression) leaves a goal unreached. */
#pragma once

#include <glib.h>

#include "ns-experiment.h"

G_BEGIN_DECLS

typedef struct _NsGoal NsGoal;

#define NS_GOAL_ERROR (ns_goal_error_quark ())

typedef enum
{
  NS_GOAL_ERROR_SYNTAX,       /* "column N: expected …" */
  NS_GOAL_ERROR_UNKNOWN_NAME, /* "column N: unknown name “x”: expected one of …" */
  NS_GOAL_ERROR_UNAVAILABLE,  /* evaluation: a measured name without an experiment */
} NsGoalError;

GQuark ns_goal_error_quark (void);

/* Parses @text (it may span lines: the column is counted in the line of the error, and
 * @error_line, when not NULL, gets that line's index from 0). NULL with @error on failure. */
NsGoal *ns_goal_parse_lines (const char *text, guint *error_line, GError **error);
NsGoal *ns_goal_parse (const char *text, GError **error); /* message "column N: expected …" */
void ns_goal_free (NsGoal *goal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsGoal, ns_goal_free)

/* The text the goal was parsed from, trimmed. */
const char *ns_goal_get_text (const NsGoal *goal);
/* Names an interactive value (phase, view, points_added, weight_edits, drawings, race_done):
 * the window checks it live; `lesson check` lists the step as interactive. */
gboolean ns_goal_is_interactive (const NsGoal *goal);
/* The measured name that `lesson check` reports the value of: the first loss or accuracy the
 * goal reads ("test_accuracy"), else its first measured name, else NULL. */
const char *ns_goal_get_main_name (const NsGoal *goal);

typedef struct
{
  NsExperiment *experiment; /* measured values; may be NULL in tests (then lookup only) */
  /* interactive values, kept by the window */
  const char *phase; /* "idle", "forward", "loss", "backward", "update" */
  const char *view;  /* the view brought forward last, or NULL */
  guint points_added, weight_edits, drawings;
  gboolean race_done;
} NsGoalContext;

/* *reached = the goal's value (neither 0 nor NaN). FALSE with @error when a value cannot be
 * read: a measured name with no experiment in @context. A NaN measure (accuracy in
 * regression) is no error: the goal is not reached. */
gboolean
ns_goal_eval (const NsGoal *goal, const NsGoalContext *context, gboolean *reached, GError **error);

/* The value of one measured name (as the goal reads it) of @experiment: NaN when not
 * available; FALSE if @name is not a measured name. For reports ("test_accuracy 0.962"). */
gboolean ns_goal_measure (NsExperiment *experiment, const char *name, double *value);

G_END_DECLS
