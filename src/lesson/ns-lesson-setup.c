/* ns-lesson-setup.c: what a step starts from: the setup blocks' words (the command line's
 * experiment options, --epochs, points, test-points, classes, weight) applied in order onto the
 * defaults, and the experiment made from them. */
#include "config.h"

#include "ns-lesson-private.h"

#include <math.h>
#include <string.h>

#include "ns-printf.h"

void
ns_lesson_setup_init (NsLessonSetup *setup)
{
  memset (setup, 0, sizeof *setup);
  setup->train_xy = g_array_new (FALSE, FALSE, sizeof (double));
  setup->train_classes = g_array_new (FALSE, FALSE, sizeof (guint));
  setup->test_xy = g_array_new (FALSE, FALSE, sizeof (double));
  setup->test_classes = g_array_new (FALSE, FALSE, sizeof (guint));
  setup->weights = g_array_new (FALSE, FALSE, sizeof (NsLessonWeight));
}

void
ns_lesson_setup_clear (NsLessonSetup *setup)
{
  g_clear_pointer (&setup->train_xy, g_array_unref);
  g_clear_pointer (&setup->train_classes, g_array_unref);
  g_clear_pointer (&setup->test_xy, g_array_unref);
  g_clear_pointer (&setup->test_classes, g_array_unref);
  g_clear_pointer (&setup->class_names, g_strfreev);
  g_clear_pointer (&setup->weights, g_array_unref);
}

/* A parse error: "PATH:LINE: what was expected". */
#define fail(error, path, line, ...)                                                               \
  ns_lesson_set_error (error, NS_LESSON_ERROR_PARSE, path, line, __VA_ARGS__)

static gboolean
parse_index (const char *text, guint max, guint *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* `points X1 X2 CLASS; X1 X2 CLASS; …` into @xy and @classes. */
static gboolean
parse_points (const char *path,
              guint line,
              const char *keyword,
              const char *rest,
              GArray *xy,
              GArray *classes,
              GError **error)
{
  g_auto (GStrv) groups = g_strsplit (rest, ";", -1);
  guint added = 0;

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto (GStrv) words = g_strsplit_set (g_strstrip (groups[g]), " \t", -1);
      g_autoptr (GPtrArray) kept = g_ptr_array_new ();
      double x[2];
      guint class;

      if (*groups[g] == '\0')
        continue;
      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0')
          g_ptr_array_add (kept, words[w]);
      if (kept->len != 3)
        return fail (error, path, line, "%s: “%s”: expected X1 X2 CLASS", keyword, groups[g]);
      for (guint k = 0; k < 2; k++)
        if (!ns_parse_double (kept->pdata[k], &x[k]) || fabs (x[k]) > 1e6)
          return fail (error, path, line, "%s: “%s”: expected a number from -1000000 to 1000000",
                       keyword, (const char *) kept->pdata[k]);
      if (!parse_index (kept->pdata[2], NS_MAX_CLASSES - 1, &class))
        return fail (error, path, line, "%s: “%s”: expected a class index from 0 to %d", keyword,
                     (const char *) kept->pdata[2], NS_MAX_CLASSES - 1);
      g_array_append_vals (xy, x, 2);
      g_array_append_val (classes, class);
      added++;
    }
  if (added == 0)
    return fail (error, path, line, "%s: expected X1 X2 CLASS; X1 X2 CLASS; …", keyword);
  return TRUE;
}

static gboolean
parse_classes (const char *path, guint line, const char *rest, NsLessonSetup *setup, GError **error)
{
  g_auto (GStrv) names = g_strsplit (rest, ",", -1);
  guint n = g_strv_length (names);

  for (guint k = 0; k < n; k++)
    if (*g_strstrip (names[k]) == '\0')
      return fail (error, path, line, "classes: expected names separated by commas (ball,apple)");
  if (n < 2 || n > NS_MAX_CLASSES)
    return fail (error, path, line, "classes: expected 2 to %d names (ball,apple)", NS_MAX_CLASSES);
  g_strfreev (setup->class_names);
  setup->class_names = g_steal_pointer (&names);
  return TRUE;
}

static gboolean
parse_weight (const char *path, guint line, char **words, NsLessonSetup *setup, GError **error)
{
  NsLessonWeight weight = { 0 };
  double value;

  weight.line = line;
  if (g_strv_length (words) != 5)
    return fail (error, path, line,
                 "weight: expected weight LAYER NEURON INPUT VALUE (INPUT a "
                 "number or bias)");
  if (!parse_index (words[1], NN_MAX_LAYERS, &weight.layer))
    return fail (error, path, line,
                 "weight: “%s”: expected a layer number (0 = the first after "
                 "the inputs)",
                 words[1]);
  if (!parse_index (words[2], G_MAXINT, &weight.j))
    return fail (error, path, line, "weight: “%s”: expected a neuron number", words[2]);
  if (strcmp (words[3], "bias") == 0)
    weight.bias = TRUE;
  else if (!parse_index (words[3], G_MAXINT, &weight.i))
    return fail (error, path, line, "weight: “%s”: expected an input number or bias", words[3]);
  if (!ns_parse_double (words[4], &value) || fabs (value) > 1e6)
    return fail (error, path, line, "weight: “%s”: expected a number from -1000000 to 1000000",
                 words[4]);
  weight.value = (float) value;
  g_array_append_val (setup->weights, weight);
  return TRUE;
}

static void
drop_points (NsLessonSetup *setup)
{
  g_array_set_size (setup->train_xy, 0);
  g_array_set_size (setup->train_classes, 0);
  g_array_set_size (setup->test_xy, 0);
  g_array_set_size (setup->test_classes, 0);
  g_clear_pointer (&setup->class_names, g_strfreev);
  setup->points_line = 0;
}

static gboolean
apply_option (const char *path,
              guint line,
              const char *name,
              const char *value,
              gboolean own,
              NsConfig *config,
              NsLessonSetup *setup,
              GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *resolved = NULL;

  if (strcmp (name, "epochs") == 0)
    {
      guint epochs;

      if (!parse_index (value, NS_LESSON_MAX_BUDGET, &epochs) || epochs == 0)
        return fail (error, path, line, "--epochs: “%s”: expected a whole number from 1 to %d",
                     value, NS_LESSON_MAX_BUDGET);
      if (own)
        {
          setup->epochs = epochs;
          setup->epochs_line = line;
        }
      return TRUE;
    }
  /* A lesson's data file is found beside the lesson. */
  if (strcmp (name, "data") == 0 && *value != '\0' && !g_path_is_absolute (value))
    {
      g_autofree char *dir = g_path_get_dirname (path);
      value = resolved = g_build_filename (dir, value, NULL);
    }
  if (!ns_config_set_option (config, name, value, &local))
    return fail (error, path, line, "%s", local->message);
  /* New data: the points placed before belong to the data it replaces. */
  if (strcmp (name, "dataset") == 0 || strcmp (name, "data") == 0)
    drop_points (setup);
  return TRUE;
}

/* One line of options: `--name value` or `--name=value`, several per line. */
static gboolean
apply_options (const char *path,
               guint line,
               char **words,
               gboolean own,
               NsConfig *config,
               NsLessonSetup *setup,
               GError **error)
{
  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *word = words[w];
      const char *equals;
      g_autofree char *name = NULL;
      const char *value;

      if (!g_str_has_prefix (word, "--") || word[2] == '\0')
        return fail (error, path, line,
                     "“%s”: expected an option (--lr 0.1), points, test-points, "
                     "classes or weight",
                     word);
      if ((equals = strchr (word, '=')) != NULL)
        {
          name = g_strndup (word + 2, (gsize) (equals - word - 2));
          value = equals + 1;
        }
      else if (words[w + 1] != NULL)
        {
          name = g_strdup (word + 2);
          value = words[++w];
        }
      else
        return fail (error, path, line, "%s: expected a value after it", word);
      if (!apply_option (path, line, name, value, own, config, setup, error))
        return FALSE;
    }
  return TRUE;
}

static char **
split_words (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text, " \t", -1);
  GPtrArray *words = g_ptr_array_new ();

  for (guint k = 0; parts[k] != NULL; k++)
    if (*parts[k] != '\0')
      g_ptr_array_add (words, g_strdup (parts[k]));
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (words, FALSE);
}

gboolean
ns_lesson_apply_block (const char *path,
                       const char *text,
                       guint first_line,
                       gboolean own,
                       NsConfig *config,
                       NsLessonSetup *setup,
                       GError **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *field = NULL;
  g_autofree char *expected = NULL;

  for (guint k = 0; lines[k] != NULL; k++)
    {
      guint line = first_line + k;
      char *stripped = g_strstrip (lines[k]);
      g_auto (GStrv) words = NULL;
      const char *keyword;
      const char *rest;

      if (*stripped == '\0' || *stripped == '#')
        continue;
      words = split_words (stripped);
      keyword = words[0];
      rest = stripped + strlen (keyword);
      if (strcmp (keyword, "points") == 0 || strcmp (keyword, "test-points") == 0)
        {
          gboolean test = keyword[0] == 't';

          if (!parse_points (path, line, keyword, rest, test ? setup->test_xy : setup->train_xy,
                             test ? setup->test_classes : setup->train_classes, error))
            return FALSE;
          if (setup->points_line == 0)
            setup->points_line = line;
        }
      else if (strcmp (keyword, "classes") == 0)
        {
          if (!parse_classes (path, line, rest, setup, error))
            return FALSE;
        }
      else if (strcmp (keyword, "weight") == 0)
        {
          if (!parse_weight (path, line, words, setup, error))
            return FALSE;
        }
      else if (!apply_options (path, line, words, own, config, setup, error))
        return FALSE;
    }
  /* What the options allow one at a time may still not go together. */
  if (!ns_config_check (config, &field, &expected))
    return fail (error, path, first_line, "%s: expected %s", field, expected);
  return TRUE;
}

static gboolean
step_setup (const NsLesson *lesson,
            guint index,
            gboolean with_solution,
            NsConfig *config,
            NsLessonSetup *setup,
            GError **error)
{
  ns_config_init_default (config);
  for (guint k = 0; k <= index; k++)
    {
      const NsLessonStep *step = lesson->steps->pdata[k];

      if (step->setup != NULL
          && !ns_lesson_apply_block (lesson->path, step->setup, step->setup_line, k == index,
                                     config, setup, error))
        return FALSE;
    }
  if (with_solution)
    {
      const NsLessonStep *step = lesson->steps->pdata[index];

      if (step->solution != NULL
          && !ns_lesson_apply_block (lesson->path, step->solution, step->solution_line, TRUE,
                                     config, setup, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ns_lesson_step_config (const NsLesson *lesson,
                       guint index,
                       gboolean with_solution,
                       NsConfig *config,
                       GError **error)
{
  g_auto (NsLessonSetup) setup = { 0 };
  g_auto (NsConfig) made = { 0 };

  g_return_val_if_fail (lesson != NULL && config != NULL, FALSE);
  g_return_val_if_fail (index < lesson->steps->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ns_lesson_setup_init (&setup);
  if (!step_setup (lesson, index, with_solution, &made, &setup, error))
    return FALSE;
  ns_config_clear (config);
  ns_config_copy (config, &made);
  return TRUE;
}

static gboolean
setup_failed (GError **error, const char *path, guint line, const char *message)
{
  return ns_lesson_set_error (error, NS_LESSON_ERROR_SETUP, path, line, "%s", message);
}

static gboolean
apply_weights (const NsLesson *lesson,
               NsExperiment *exp,
               const NsLessonSetup *setup,
               GError **error)
{
  const NnNet *net = ns_experiment_get_net (exp);

  for (guint k = 0; k < setup->weights->len; k++)
    {
      const NsLessonWeight *w = &g_array_index (setup->weights, NsLessonWeight, k);
      size_t width, fan_in;
      g_autofree char *message = NULL;

      if (w->layer >= net->n_layers || nn_net_layer_kind (net, w->layer) != NN_LAYER_DENSE)
        message = g_strdup_printf ("weight %u: expected a dense layer from 0 to %zu (the output "
                                   "layer is the last)",
                                   w->layer, net->n_layers - 1);
      else if (w->j >= (width = nn_net_layer_width (net, w->layer)))
        message = g_strdup_printf ("weight %u %u: expected a neuron from 0 to %zu", w->layer, w->j,
                                   width - 1);
      else if (!w->bias && w->i >= (fan_in = nn_net_layer_fan_in (net, w->layer)))
        message = g_strdup_printf ("weight %u %u %u: expected an input from 0 to %zu or bias",
                                   w->layer, w->j, w->i, fan_in - 1);
      else if (!ns_experiment_set_weight (
                   exp, w->layer, w->j,
                   w->bias ? (guint) nn_net_layer_fan_in (net, w->layer) : w->i, w->value))
        message = g_strdup_printf ("weight %u %u: could not be set", w->layer, w->j);
      if (message != NULL)
        return setup_failed (error, lesson->path, w->line, message);
    }
  return TRUE;
}

NsExperiment *
ns_lesson_step_experiment (const NsLesson *lesson,
                           guint index,
                           gboolean with_solution,
                           GError **error)
{
  g_auto (NsLessonSetup) setup = { 0 };
  g_auto (NsConfig) config = { 0 };
  g_autoptr (NsExperiment) exp = NULL;
  g_autoptr (GError) local = NULL;
  const NsLessonStep *step;

  g_return_val_if_fail (lesson != NULL, NULL);
  g_return_val_if_fail (index < lesson->steps->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  step = lesson->steps->pdata[index];
  ns_lesson_setup_init (&setup);
  if (!step_setup (lesson, index, with_solution, &config, &setup, error))
    return NULL;
  if ((exp = ns_experiment_new (&config, &local)) == NULL)
    {
      setup_failed (error, lesson->path, step->setup != NULL ? step->setup_line : step->line,
                    local->message);
      return NULL;
    }
  if (setup.train_xy->len > 0 || setup.test_xy->len > 0)
    {
      if (setup.train_xy->len == 0)
        {
          setup_failed (error, lesson->path, setup.points_line,
                        "test-points: expected points (the training set) too");
          return NULL;
        }
      if (!ns_experiment_set_points (
              exp, (const double *) setup.train_xy->data, (const guint *) setup.train_classes->data,
              setup.train_classes->len, (const double *) setup.test_xy->data,
              (const guint *) setup.test_classes->data, setup.test_classes->len,
              (const char *const *) setup.class_names, &local))
        {
          setup_failed (error, lesson->path, setup.points_line, local->message);
          return NULL;
        }
    }
  if (!apply_weights (lesson, exp, &setup, error))
    return NULL;
  if (setup.epochs > 0)
    ns_experiment_train_epochs (exp, setup.epochs);
  return g_steal_pointer (&exp);
}

gboolean
ns_lesson_step_has_setup (const NsLesson *lesson, guint index)
{
  g_return_val_if_fail (lesson != NULL, FALSE);
  g_return_val_if_fail (index < lesson->steps->len, FALSE);

  return ((const NsLessonStep *) lesson->steps->pdata[index])->setup != NULL;
}
