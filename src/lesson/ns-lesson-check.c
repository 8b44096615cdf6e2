/* ns-lesson-check.c: `neuroscope lesson check FILE|DIR…`. */
#include "config.h"

#include "ns-lesson-check.h"

#include <stdio.h>
#include <string.h>

#include "ns-cli.h"
#include "ns-goal.h"
#include "ns-lesson.h"
#include "ns-printf.h"

enum
{
  EXIT_DONE = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

/* The goal's main measure, for the report: " (test_accuracy 0.962)", or "". */
static char *
measured (const NsGoal *goal, NsExperiment *exp)
{
  const char *name = ns_goal_get_main_name (goal);
  double value;

  if (name == NULL || !ns_goal_measure (exp, name, &value))
    return g_strdup ("");
  return ns_strdup_printf (" (%s %.4g)", name, value);
}

/* One step: TRUE when it passes (reached, interactive or no goal). */
static gboolean
check_step (const NsLesson *lesson, guint index)
{
  const NsLessonStep *step = lesson->steps->pdata[index];
  g_autofree char *where =
      g_strdup_printf ("%s: step %u \"%s\"", lesson->path, index + 1, step->title);
  g_autoptr (NsExperiment) exp = NULL;
  g_autoptr (GError) error = NULL;
  NsGoalContext context = { 0 };

  /* Every step's setup is applied, so that one that parses but does not apply (a weight
   * outside the network) is found even without a goal. */
  if ((exp = ns_lesson_step_experiment (lesson, index, TRUE, &error)) == NULL)
    {
      printf ("%s: setup failed\n", where);
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (step->goal == NULL)
    {
      printf ("%s: no goal\n", where);
      return TRUE;
    }
  if (ns_goal_is_interactive (step->goal))
    {
      printf ("%s: interactive (%s)\n", where, ns_goal_get_text (step->goal));
      return TRUE;
    }
  context.experiment = exp;
  context.phase = "idle";
  for (guint epoch = 0;; epoch++)
    {
      gboolean reached;

      if (!ns_goal_eval (step->goal, &context, &reached, &error))
        {
          printf ("%s: goal failed\n", where);
          g_printerr ("%s:%u: goal: %s\n", lesson->path, step->goal_line, error->message);
          return FALSE;
        }
      if (reached)
        {
          g_autofree char *value = measured (step->goal, exp);
          printf ("%s: reached %s at epoch %u%s\n", where, ns_goal_get_text (step->goal),
                  ns_experiment_get_epoch (exp), value);
          return TRUE;
        }
      if (epoch == step->budget || ns_experiment_get_diverged (exp))
        {
          g_autofree char *value = measured (step->goal, exp);
          printf ("%s: NOT reached in %u epochs%s%s\n", where, step->budget, value,
                  ns_experiment_get_diverged (exp) ? " (the run diverged)" : "");
          return FALSE;
        }
      ns_experiment_train_epochs (exp, 1);
    }
}

static gboolean
check_lesson (const NsLesson *lesson)
{
  gboolean ok = TRUE;

  for (guint k = 0; k < lesson->steps->len; k++)
    {
      ok = check_step (lesson, k) && ok;
      fflush (stdout);
    }
  return ok;
}

/* What holds the lessons of one folder together: each id once, each required id there. */
static gboolean
check_folder_links (GPtrArray *lessons, const char *folder)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;

  for (guint k = 0; k < lessons->len; k++)
    {
      const NsLesson *lesson = lessons->pdata[k];
      const NsLesson *same = g_hash_table_lookup (by_id, lesson->id);

      if (same != NULL)
        {
          g_printerr ("%s: id “%s”: expected an id of its own (%s has it too)\n", lesson->path,
                      lesson->id, same->path);
          ok = FALSE;
        }
      else
        g_hash_table_insert (by_id, lesson->id, (gpointer) lesson);
    }
  for (guint k = 0; k < lessons->len; k++)
    {
      const NsLesson *lesson = lessons->pdata[k];

      for (guint r = 0; lesson->requires[r] != NULL; r++)
        if (!g_hash_table_contains (by_id, lesson->requires[r]))
          {
            g_printerr ("%s: requires “%s”: expected the id of a lesson in %s\n", lesson->path,
                        lesson->requires[r], folder);
            ok = FALSE;
          }
    }
  return ok;
}

static gboolean
check_path (const char *path)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) ns_lesson_free);
  g_autoptr (GError) error = NULL;
  gboolean is_folder = g_file_test (path, G_FILE_TEST_IS_DIR);
  gboolean ok = TRUE;

  if (!is_folder)
    {
      files = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (files, g_strdup (path));
    }
  else if ((files = ns_lesson_list_dir (path, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (files->len == 0)
    printf ("%s: no lessons\n", path);
  for (guint k = 0; k < files->len; k++)
    {
      g_autoptr (GError) local = NULL;
      NsLesson *lesson = ns_lesson_load (files->pdata[k], &local);

      if (lesson != NULL)
        g_ptr_array_add (lessons, lesson);
      else
        {
          g_printerr ("%s\n", local->message);
          ok = FALSE;
        }
    }
  if (is_folder)
    ok = check_folder_links (lessons, path) && ok;
  for (guint k = 0; k < lessons->len; k++)
    ok = check_lesson (lessons->pdata[k]) && ok;
  return ok;
}

int
ns_lesson_check_main (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) args = NULL;
  gboolean ok = TRUE;
  guint n;

  g_return_val_if_fail (argc >= 2, EXIT_USAGE);

  g_set_prgname ("neuroscope lesson");
  context = g_option_context_new ("check [FILE|FOLDER…]");
  g_option_context_set_summary (
      context, "Checks lessons: each step is set up with its solution and trained within its "
               "budget,\nits goal checked at epoch 0 and after every epoch. A folder means its "
               "*.md files\nbut README.md (their ids distinct, every required id among them); "
               "without a FILE or\nFOLDER, the built-in lessons.\n"
               "Exit status: 0 when every lesson reads and every measured goal is reached; 1 "
               "otherwise.");
  g_option_context_set_help_enabled (context, TRUE);
  /* argv[0] "neuroscope", argv[1] "lesson": parse the rest. */
  args = g_new0 (char *, argc);
  args[0] = g_strdup (argv[0]);
  for (int k = 2; k < argc; k++)
    args[k - 1] = g_strdup (argv[k]);
  if (!g_option_context_parse_strv (context, &args, &error))
    return ns_cli_usage_error ("lesson", error->message);
  n = g_strv_length (args);
  if (n < 2 || strcmp (args[1], "check") != 0)
    return ns_cli_usage_error ("lesson", n < 2 ? "expected “check FILE…”"
                                               : "expected “check FILE…”: check is the only "
                                                 "lesson command");
  for (guint k = 2; k < n; k++)
    if (args[k][0] == '-' && args[k][1] != '\0')
      {
        g_autofree char *message = g_strdup_printf ("unknown option %s", args[k]);
        return ns_cli_usage_error ("lesson", message);
      }
  if (n == 2)
    ok = check_path (ns_lesson_builtin_dir ());
  for (guint k = 2; k < n; k++)
    ok = check_path (args[k]) && ok;
  return ok ? EXIT_DONE : EXIT_FAILED;
}
