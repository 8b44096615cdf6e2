/* test-goal.c: goal expressions: C's precedence, names checked when parsed (with the column),
 * text comparison, interactive goals, measured values and NaN. */
#include "config.h"

#include <math.h>

#include "ns-goal.h"
#include "ns-test-experiment.h"
#include "ns-test-locale.h"

/* The goal's value on @context (must parse and evaluate). */
static gboolean
reached_with (const char *text, const NsGoalContext *context)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsGoal) goal = ns_goal_parse (text, &error);
  gboolean reached = -1;

  g_assert_no_error (error);
  g_assert_nonnull (goal);
  g_assert_true (ns_goal_eval (goal, context, &reached, &error));
  g_assert_no_error (error);
  return reached;
}

static gboolean
reached (const char *text)
{
  NsGoalContext context = { 0 };
  return reached_with (text, &context);
}

static void
test_precedence (void)
{
  g_assert_true (reached ("1 + 2 * 3 == 7"));
  g_assert_false (reached ("1 + 2 * 3 == 9"));
  g_assert_true (reached ("(1 + 2) * 3 == 9"));
  g_assert_true (reached ("10 - 4 - 3 == 3")); /* left to right */
  g_assert_true (reached ("12 / 3 / 2 == 2")); /* left to right */
  g_assert_true (reached ("1 || 0 && 0"));     /* && binds tighter than || */
  g_assert_false (reached ("(1 || 0) && 0"));
  g_assert_true (reached ("!0 && 1"));
  g_assert_false (reached ("!(0 || 1)"));
  g_assert_true (reached ("2 < 3 == 1")); /* relations before equality */
  g_assert_true (reached ("-2 + 5 == 3"));
  g_assert_true (reached ("--2 == 2"));
  g_assert_true (reached ("1 + 1 > 1 && 3 >= 3 && 2 <= 2 && 1 != 2"));
  g_assert_true (reached ("10 / 4 == 2.5"));
  g_assert_true (reached ("1.5e1 == 15 && .5 == 0.5 && 2E-1 == 0.2"));
  g_assert_false (reached ("0"));
  g_assert_true (reached ("  7\n"));
}

/* @text fails to parse with @code, a message holding @part (and the column). */
static void
assert_parse_error (const char *text, int code, const char *part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsGoal) goal = ns_goal_parse (text, &error);

  g_assert_null (goal);
  g_assert_error (error, NS_GOAL_ERROR, code);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", text, error->message, part);
}

static void
test_errors (void)
{
  assert_parse_error ("test_acc > 0.5", NS_GOAL_ERROR_UNKNOWN_NAME,
                      "column 1: unknown name “test_acc”");
  assert_parse_error ("epoch > 1 && foo", NS_GOAL_ERROR_UNKNOWN_NAME,
                      "column 14: unknown name “foo”");
  assert_parse_error ("epoch >", NS_GOAL_ERROR_SYNTAX, "column 8: expected a number, a name");
  assert_parse_error ("epoch > 1 1", NS_GOAL_ERROR_SYNTAX, "column 11: expected an operator");
  assert_parse_error ("(epoch > 1", NS_GOAL_ERROR_SYNTAX, "column 11: expected “)”");
  assert_parse_error ("epoch = 1", NS_GOAL_ERROR_SYNTAX, "column 7: expected “&&”, “||” or “==”");
  assert_parse_error ("epoch > 1 & 1", NS_GOAL_ERROR_SYNTAX, "column 11");
  assert_parse_error ("", NS_GOAL_ERROR_SYNTAX, "column 1: expected an expression");
  assert_parse_error ("1.2.3", NS_GOAL_ERROR_SYNTAX, "column 1: expected a number");
  assert_parse_error ("1e999 > 0", NS_GOAL_ERROR_SYNTAX, "expected a finite number");
  assert_parse_error ("feature(x9)", NS_GOAL_ERROR_UNKNOWN_NAME, "column 9: unknown feature “x9”");
  assert_parse_error ("feature()", NS_GOAL_ERROR_SYNTAX, "column 9: expected a feature");
  assert_parse_error ("feature(x1 x2)", NS_GOAL_ERROR_SYNTAX, "column 12: expected “)”");
  assert_parse_error ("activation(softmax)", NS_GOAL_ERROR_UNKNOWN_NAME, "unknown activation");
  assert_parse_error ("frob(x)", NS_GOAL_ERROR_UNKNOWN_NAME, "unknown function “frob”");
  assert_parse_error ("phase == sideways", NS_GOAL_ERROR_UNKNOWN_NAME,
                      "column 10: unknown phase “sideways”: expected one of idle, forward");
  assert_parse_error ("view == nowhere", NS_GOAL_ERROR_UNKNOWN_NAME, "unknown view “nowhere”");
  assert_parse_error ("phase > 1", NS_GOAL_ERROR_SYNTAX, "column 1: phase is a word");
  assert_parse_error ("epoch == backward", NS_GOAL_ERROR_UNKNOWN_NAME, "unknown name “backward”");
  /* Bounds that keep a hostile goal from exhausting the stack. */
  {
    g_autofree char *open = g_strnfill (40, '(');
    g_autofree char *close = g_strnfill (40, ')');
    g_autofree char *deep = g_strconcat (open, "1", close, NULL);
    g_autofree char *bangs = g_strnfill (100, '!');
    g_autoptr (GString) sum = g_string_new ("1");

    assert_parse_error (deep, NS_GOAL_ERROR_SYNTAX, "column 33: expected at most 32 nested");
    assert_parse_error (bangs, NS_GOAL_ERROR_SYNTAX, "column 33: expected at most 32 nested");
    while (sum->len < 1990)
      g_string_append (sum, " + 1");
    g_assert_true (reached_with (sum->str, &(NsGoalContext){ 0 }));
    g_string_append (sum, " + 1 + 1 + 1");
    assert_parse_error (sum->str, NS_GOAL_ERROR_SYNTAX, "expected a goal of at most 2000");
  }
  /* The column counts characters, in the line of the error. */
  {
    g_autoptr (GError) error = NULL;
    guint line = 99;
    g_autoptr (NsGoal) goal = ns_goal_parse_lines ("epoch > 1 &&\n  «x» > 2", &line, &error);

    g_assert_null (goal);
    g_assert_cmpuint (line, ==, 1);
    g_assert_true (g_str_has_prefix (error->message, "column 3: "));
  }
}

static void
test_text_comparison (void)
{
  NsGoalContext context = { .phase = "backward", .view = "boundary" };

  g_assert_true (reached_with ("phase == backward", &context));
  g_assert_true (reached_with ("backward == phase", &context));
  g_assert_false (reached_with ("phase == forward", &context));
  g_assert_true (reached_with ("phase != forward && view == boundary", &context));
  g_assert_false (reached_with ("view != boundary", &context));
  context.phase = NULL; /* no stepping yet: idle */
  context.view = NULL;
  g_assert_true (reached_with ("phase == idle", &context));
  g_assert_false (reached_with ("view == boundary", &context));
}

static void
test_interactive (void)
{
  static const struct
  {
    const char *text;
    gboolean interactive;
    const char *main_name;
  } cases[] = {
    { "phase == backward", TRUE, NULL },
    { "points_added >= 3", TRUE, NULL },
    { "test_accuracy > 0.9 && race_done", TRUE, "test_accuracy" },
    { "weight_edits > 0 || drawings > 0", TRUE, NULL },
    { "view == loss", TRUE, NULL },
    { "test_accuracy > 0.9", FALSE, "test_accuracy" },
    { "feature(x1sq) && hidden_neurons <= 4 && test_loss < 0.1", FALSE, "test_loss" },
    { "feature(x1sq) && hidden_neurons <= 4 && epoch > 2", FALSE, "hidden_neurons" },
    { "1 < 2", FALSE, NULL },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (NsGoal) goal = ns_goal_parse (cases[k].text, &error);

      g_assert_no_error (error);
      g_assert_cmpint (ns_goal_is_interactive (goal), ==, cases[k].interactive);
      g_assert_cmpstr (ns_goal_get_main_name (goal), ==, cases[k].main_name);
    }
  {
    NsGoalContext context = { .points_added = 3, .weight_edits = 1, .race_done = TRUE };
    g_assert_true (reached_with ("points_added >= 3 && weight_edits == 1 && race_done", &context));
    g_assert_false (reached_with ("drawings > 0", &context));
  }
}

static void
test_measured (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "hidden", "4,2", "lr", "0.1", "l2", "0.003", NULL);
  NsGoalContext context = { .experiment = exp };
  double value = 0;

  g_assert_true (reached_with ("hidden_neurons == 6 && layers == 2 && conv_layers == 0", &context));
  /* 0.1 is no float: the setting compares as it was written. */
  g_assert_true (reached_with ("lr == 0.1 && lr <= 0.1 && l2 == 0.003 && l1 == 0", &context));
  g_assert_true (reached_with ("batch == 10 && noise == 0 && diverged == 0", &context));
  g_assert_true (reached_with ("points == 250 && epoch == 0 && step == 0", &context));
  g_assert_true (reached_with ("params == 2 * 4 + 4 + 4 * 2 + 2 + 2 + 1", &context));
  g_assert_true (reached_with ("feature(x1) && feature(x2) && !feature(x1sq)", &context));
  g_assert_true (reached_with ("activation(tanh) && !activation(relu)", &context));
  g_assert_true (reached_with ("optimizer(sgd) && dataset(xor) && !dataset(circle)", &context));
  g_assert_true (
      reached_with ("test_loss > 0 && train_accuracy >= 0 && train_accuracy <= 1", &context));
  /* No epoch finished: no gradient measured yet, so no ratio. */
  g_assert_false (reached_with ("gradient_ratio > 0", &context));
  g_assert_false (reached_with ("gradient_ratio <= 0", &context));
  ns_experiment_train_epochs (exp, 1);
  g_assert_true (reached_with ("gradient_ratio > 0 && epoch == 1 && step == 25", &context));
  g_assert_true (ns_goal_measure (exp, "test_accuracy", &value));
  g_assert_cmpfloat (value, ==, ns_experiment_get_current (exp)->test_accuracy);
  g_assert_false (ns_goal_measure (exp, "phase", &value));
}

static void
test_nan (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "reg-plane", NULL);
  NsGoalContext context = { .experiment = exp };

  /* Regression has no accuracy: not reached, and no error. */
  g_assert_true (isnan (ns_experiment_get_current (exp)->test_accuracy));
  g_assert_false (reached_with ("test_accuracy >= 0.5", &context));
  g_assert_false (reached_with ("test_accuracy < 0.5", &context));
  g_assert_false (reached_with ("test_accuracy != 0.5", &context));
  g_assert_false (reached_with ("test_accuracy", &context));
  g_assert_false (reached_with ("test_accuracy || 0", &context));
  g_assert_true (reached_with ("test_loss >= 0", &context));
  g_assert_false (reached_with ("0 / 0", &context));
}

static void
test_no_experiment (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsGoal) goal = ns_goal_parse ("test_accuracy > 0.5", &error);
  NsGoalContext context = { 0 };
  gboolean reached_value = TRUE;

  g_assert_false (ns_goal_eval (goal, &context, &reached_value, &error));
  g_assert_error (error, NS_GOAL_ERROR, NS_GOAL_ERROR_UNAVAILABLE);
  g_assert_false (reached_value);
}

static void
test_comma_locale (void)
{
  if (!ns_test_use_comma_locale ())
    return;
  g_assert_true (reached ("0.5 == 1 / 2 && 2.5e-1 * 4 == 1"));
  ns_test_use_c_locale ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/goal/precedence", test_precedence);
  g_test_add_func ("/goal/errors", test_errors);
  g_test_add_func ("/goal/text-comparison", test_text_comparison);
  g_test_add_func ("/goal/interactive", test_interactive);
  g_test_add_func ("/goal/measured", test_measured);
  g_test_add_func ("/goal/nan", test_nan);
  g_test_add_func ("/goal/no-experiment", test_no_experiment);
  g_test_add_func ("/goal/comma-locale", test_comma_locale);

  return g_test_run ();
}
