/* ns-goal-words.h: a lesson step's goal in words for the learner ("test accuracy at least
 * 95%"), from the goal's expression ("test_accuracy >= 0.95"). GLib only. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @goal_text in words (plain text, not markup); anything it does not know stays as written. */
char *ns_goal_words (const char *goal_text);

G_END_DECLS
