/* test-lesson-words.c: goals in words for the lesson panel (ns-goal-words.h). */
#include "config.h"

#include <glib.h>

#include "ns-goal-words.h"

static void
check (const char *goal, const char *expected)
{
  g_autofree char *words = ns_goal_words (goal);

  g_assert_cmpstr (words, ==, expected);
}

static void
test_words (void)
{
  check ("test_accuracy >= 0.95", "test accuracy at least 95%");
  check ("test_loss < 0.1 && hidden_neurons <= 4",
         "test loss below 0.1 and hidden neurons at most 4");
  check ("feature(x1sq) && feature( x2sq )",
         "the input feature x1sq is on and the input feature x2sq is on");
  check ("phase == backward", "the step's phase is backward");
  check ("!diverged || (epoch > 10)", "not the run diverged or (epochs trained above 10)");
  /* What it does not know stays as written; a number past an accuracy's range too. */
  check ("mystery != 2", "mystery is not 2");
  check ("train_accuracy > 50", "training accuracy above 50");
  check ("", "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lesson-words/words", test_words);

  return g_test_run ();
}
