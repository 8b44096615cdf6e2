/* ns-cli.c: the headless verbs. */
#include "config.h"

#include "ns-cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ns-experiment.h"
#include "ns-file.h"

enum
{
  EXIT_DONE = 0,
  EXIT_FILE = 1,
  EXIT_USAGE = 2,
};

#define MAX_EPOCHS 10000000
#define MAX_STEPS ((guint64) G_MAXINT64 / 2)

static const NsCliVerb *
find_verb (const NsCliVerb *verbs, gsize n_verbs, const char *word)
{
  for (gsize k = 0; k < n_verbs; k++)
    if (g_strcmp0 (verbs[k].name, word) == 0)
      return &verbs[k];
  return NULL;
}

/* The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbours each count one ("trian" is one from "train"). */
static guint
edit_distance (const char *a, const char *b)
{
  gsize m = strlen (a), n = strlen (b);
  g_autofree guint *d = NULL;

  /* Words longer than any verb by far are no attempt at one. */
  if (m > 64 || n > 64)
    return G_MAXUINT;
  d = g_new0 (guint, (m + 1) * (n + 1));
#define D(i, j) d[(i) * (n + 1) + (j)]
  for (gsize i = 0; i <= m; i++)
    D (i, 0) = (guint) i;
  for (gsize j = 0; j <= n; j++)
    D (0, j) = (guint) j;
  for (gsize i = 1; i <= m; i++)
    for (gsize j = 1; j <= n; j++)
      {
        guint cost = g_ascii_tolower (a[i - 1]) != g_ascii_tolower (b[j - 1]);
        guint best = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);

        if (i > 1 && j > 1 && g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 2])
            && g_ascii_tolower (a[i - 2]) == g_ascii_tolower (b[j - 1]))
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  return D (m, n);
#undef D
}

const char *
ns_cli_nearest_verb (const NsCliVerb *verbs, gsize n_verbs, const char *word)
{
  const char *nearest = NULL;
  guint best = G_MAXUINT;

  g_return_val_if_fail (verbs != NULL || n_verbs == 0, NULL);
  g_return_val_if_fail (word != NULL, NULL);

  for (gsize k = 0; k < n_verbs; k++)
    {
      guint distance = edit_distance (word, verbs[k].name);

      if (distance < best)
        {
          best = distance;
          nearest = verbs[k].name;
        }
    }
  /* Two edits at most, and fewer than the word has letters ("x" is not "train"). */
  if (best > 2 || best >= strlen (word))
    return NULL;
  return nearest;
}

/* A word such as "trian" or "export-code": letters, digits, '-' and '_', a letter first. */
static gboolean
looks_like_verb (const char *arg)
{
  if (!g_ascii_isalpha (arg[0]))
    return FALSE;
  for (const char *p = arg; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* The width of --help's first column, so that "  VERB  summary" fits in 80 columns. */
#define HELP_VERB_WIDTH 19

static void
print_help (const NsCliVerb *verbs, gsize n_verbs)
{
  printf ("Usage:\n"
          "  neuroscope [FILE]            Open the window (FILE: a saved experiment, .json,\n"
          "                               or a CSV file of data)\n"
          "  neuroscope VERB [OPTION…]    Run a verb without a window\n"
          "\n"
          "Verbs:\n");
  for (gsize k = 0; k < n_verbs; k++)
    {
      const char *synopsis = verbs[k].synopsis != NULL ? verbs[k].synopsis : verbs[k].name;

      /* A long synopsis gets a line of its own, so that the summaries stay in one column. */
      if (g_utf8_strlen (synopsis, -1) > HELP_VERB_WIDTH)
        printf ("  %s\n  %*s %s\n", synopsis, HELP_VERB_WIDTH, "", verbs[k].summary);
      else
        printf ("  %s%*s %s\n", synopsis, (int) (HELP_VERB_WIDTH - g_utf8_strlen (synopsis, -1)),
                "", verbs[k].summary);
    }
  printf ("\n"
          "Each verb has its own help: neuroscope VERB --help (neuroscope train --help,\n"
          "neuroscope render --help…). The manual: man neuroscope.\n"
          "\n"
          "Options:\n"
          "  -h, --help      Show this help\n"
          "  --version       Print the version\n");
}

static char *
verb_names (const NsCliVerb *verbs, gsize n_verbs)
{
  GString *s = g_string_new (NULL);

  for (gsize k = 0; k < n_verbs; k++)
    g_string_append_printf (s, "%s%s",
                            k == 0            ? ""
                            : k + 1 < n_verbs ? ", "
                                              : " and ",
                            verbs[k].name);
  return g_string_free (s, FALSE);
}

gboolean
ns_cli_dispatch (const NsCliVerb *verbs, gsize n_verbs, int argc, char **argv, int *status)
{
  const NsCliVerb *verb;
  const char *first;
  const char *nearest;
  g_autofree char *names = NULL;

  g_return_val_if_fail (verbs != NULL || n_verbs == 0, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  *status = EXIT_DONE;
  if (argc < 2)
    return FALSE;
  first = argv[1];
  if ((verb = find_verb (verbs, n_verbs, first)) != NULL)
    {
      *status = verb->run (argc, argv);
      return TRUE;
    }
  if (g_strcmp0 (first, "--help") == 0 || g_strcmp0 (first, "-h") == 0
      || g_strcmp0 (first, "-?") == 0
      || (g_strcmp0 (first, "help") == 0 && !g_file_test (first, G_FILE_TEST_EXISTS)))
    {
      print_help (verbs, n_verbs);
      return TRUE;
    }
  if (g_strcmp0 (first, "--version") == 0)
    {
      printf ("neuroscope %s\n", PACKAGE_VERSION);
      return TRUE;
    }
  /* A first argument that names no file and has no extension is a verb attempt: opening a
   * window on a file called "trian" would only say that it does not exist. */
  if (!looks_like_verb (first) || g_file_test (first, G_FILE_TEST_EXISTS))
    return FALSE;

  names = verb_names (verbs, n_verbs);
  *status = EXIT_USAGE;
  if ((nearest = ns_cli_nearest_verb (verbs, n_verbs, first)) != NULL)
    g_printerr ("neuroscope: unknown command “%s”, did you mean “%s”?\n", first, nearest);
  else
    g_printerr ("neuroscope: unknown command “%s”: the verbs are %s, and a FILE opens the "
                "window\n",
                first, names);
  g_printerr ("Try “neuroscope --help” for the commands.\n");
  return TRUE;
}

/* Numbers in machine-readable lines never follow the locale (no decimal commas). */
static const char *
fmt (char *buf, double x)
{
  if (isnan (x))
    return "nan";
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.6f", x);
}

static void
print_progress (NsExperiment *exp)
{
  const NsHistoryEntry *e = ns_experiment_get_last (exp);
  char b[4][G_ASCII_DTOSTR_BUF_SIZE];

  printf ("epoch %u step %" G_GUINT64_FORMAT " train_loss=%s test_loss=%s train_accuracy=%s "
          "test_accuracy=%s\n",
          e->epoch, e->step, fmt (b[0], e->train_loss), fmt (b[1], e->test_loss),
          fmt (b[2], e->train_accuracy), fmt (b[3], e->test_accuracy));
  fflush (stdout);
}

static void
print_result (NsExperiment *exp)
{
  NsHistoryEntry now;
  char b[4][G_ASCII_DTOSTR_BUF_SIZE];

  /* Measured now: after --steps the run may stop in the middle of an epoch. */
  ns_experiment_evaluate (exp, &now);
  printf ("train_loss=%s train_accuracy=%s test_loss=%s test_accuracy=%s\n",
          fmt (b[0], now.train_loss), fmt (b[1], now.train_accuracy), fmt (b[2], now.test_loss),
          fmt (b[3], now.test_accuracy));
  fflush (stdout);
}

int
ns_cli_usage_error (const char *verb, const char *message)
{
  g_printerr ("neuroscope %s: %s\n", verb, message);
  g_printerr ("Try “neuroscope %s --help” for the options.\n", verb);
  return EXIT_USAGE;
}

/* The experiment a verb works on: --load FILE, or one made from the experiment options. */
static NsExperiment *
experiment_from_options (const char *verb, NsConfigOptions *options, const char *load, int *status)
{
  g_autoptr (GError) error = NULL;
  g_auto (NsConfig) config = { 0 };
  const char *first = NULL;
  NsExperiment *exp;

  if (load != NULL)
    {
      if (ns_config_options_any (options, &first))
        {
          g_autofree char *msg = g_strdup_printf (
              "--%s: experiment options cannot change a loaded experiment (--load)", first);
          *status = ns_cli_usage_error (verb, msg);
          return NULL;
        }
      exp = ns_experiment_load (load, &error);
    }
  else
    {
      ns_config_init_default (&config);
      if (!ns_config_options_apply (options, &config, &error))
        {
          *status = ns_cli_usage_error (verb, error->message);
          return NULL;
        }
      exp = ns_experiment_new (&config, &error);
      if (exp != NULL)
        {
          const GPtrArray *warnings = ns_experiment_get_data_warnings (exp);

          for (guint k = 0; k < warnings->len; k++)
            g_printerr ("neuroscope %s: %s\n", verb, (const char *) warnings->pdata[k]);
        }
    }
  if (exp == NULL)
    {
      g_printerr ("neuroscope %s: %s\n", verb, error->message);
      *status = EXIT_FILE;
    }
  return exp;
}

void
ns_cli_training_init (NsCliTraining *self, const char *verb)
{
  *self = (NsCliTraining){ verb, ns_config_options_new (), NULL, NULL, -1, -1, NULL };
}

void
ns_cli_training_clear (NsCliTraining *self)
{
  g_clear_pointer (&self->options, ns_config_options_free);
  g_clear_pointer (&self->epochs_text, g_free);
  g_clear_pointer (&self->steps_text, g_free);
  g_clear_pointer (&self->load, g_free);
}

int
ns_cli_parse_count (const char *verb,
                    const char *option,
                    const char *text,
                    guint64 max,
                    gint64 *out)
{
  guint64 value;

  g_return_val_if_fail (text != NULL && out != NULL, EXIT_USAGE);
  g_return_val_if_fail (max <= G_MAXINT64, EXIT_USAGE);

  /* Base 10 with nothing else: no sign, no fraction, no spaces, no hexadecimal. */
  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    {
      g_autofree char *msg = g_strdup_printf (
          "--%s: “%s” is not allowed: expected a whole number from 1 to %" G_GUINT64_FORMAT, option,
          text, max);
      return ns_cli_usage_error (verb, msg);
    }
  *out = (gint64) value;
  return EXIT_DONE;
}

int
ns_cli_check_writable (const char *verb, const char *option, const char *path)
{
  g_autoptr (GError) error = NULL;

  if (path == NULL || ns_file_check_writable (path, &error))
    return EXIT_DONE;
  g_printerr ("neuroscope %s: --%s: %s\n", verb, option, error->message);
  return EXIT_FILE;
}

int
ns_cli_training_parse (NsCliTraining *self,
                       const char *parameter_string,
                       const char *summary,
                       const GOptionEntry *entries,
                       int argc,
                       char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("neuroscope %s", self->verb);
  GOptionGroup *group;
  int rest_argc = argc - 1;
  char **rest_argv = argv + 1;

  g_return_val_if_fail (argc > 1, EXIT_USAGE);

  g_option_context_set_summary (context, summary);
  /* One group, so that --help lists every option. */
  group = ns_config_options_get_group (self->options);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_help_enabled (context, TRUE);

  /* argv[0] "neuroscope", argv[1] the verb: parse the rest. */
  g_set_prgname (prgname);
  argv[1] = argv[0];
  if (!g_option_context_parse (context, &rest_argc, &rest_argv, &error))
    return ns_cli_usage_error (self->verb, error->message);
  /* What is left is no option: said, rather than ignored ("neuroscope train foo"). */
  if (rest_argc > 1)
    {
      g_autofree char *msg = g_strdup_printf (
          "unexpected argument “%s”: every value follows its option (--load FILE, --data FILE…)",
          rest_argv[1]);
      return ns_cli_usage_error (self->verb, msg);
    }
  return EXIT_DONE;
}

int
ns_cli_training_check_length (NsCliTraining *self)
{
  int status;

  if (self->epochs_text != NULL && self->steps_text != NULL)
    return ns_cli_usage_error (self->verb, "--epochs and --steps: give one length, not both");
  /* --epochs 0 would be a fine "draw it untrained" for render, but train refuses it: the same
   * words mean the same thing for every verb. */
  if (self->epochs_text != NULL
      && (status = ns_cli_parse_count (self->verb, "epochs", self->epochs_text, MAX_EPOCHS,
                                       &self->epochs))
             != EXIT_DONE)
    return status;
  if (self->steps_text != NULL
      && (status =
              ns_cli_parse_count (self->verb, "steps", self->steps_text, MAX_STEPS, &self->steps))
             != EXIT_DONE)
    return status;
  return EXIT_DONE;
}

NsExperiment *
ns_cli_training_experiment (NsCliTraining *self, int *status)
{
  NsExperiment *exp = experiment_from_options (self->verb, self->options, self->load, status);

  if (exp != NULL && self->steps < 0 && self->epochs < 0)
    self->epochs = 100;
  return exp;
}

void
ns_cli_training_run (NsCliTraining *self,
                     NsExperiment *exp,
                     const char *when_diverged,
                     NsCliEpochFunc epoch_done,
                     gpointer user_data)
{
  gint64 epochs = self->epochs, steps = self->steps;
  guint end_epoch = ns_experiment_get_epoch (exp) + (epochs > 0 ? (guint) epochs : 0);
  guint64 end_step = ns_experiment_get_step (exp) + (steps > 0 ? (guint64) steps : 0);

  while (!ns_experiment_get_diverged (exp))
    {
      guint epoch = ns_experiment_get_epoch (exp);
      guint64 step = ns_experiment_get_step (exp);

      if (epochs > 0 ? epoch >= end_epoch : step >= end_step)
        break;
      /* No step taken (nothing to train on, or diverged): stop rather than wait for ever. */
      if ((epochs > 0 ? ns_experiment_train_epochs (exp, 1)
                      : ns_experiment_step (
                          exp, MIN (ns_experiment_get_steps_per_epoch (exp), end_step - step)))
          == 0)
        break;
      if (epoch_done != NULL && ns_experiment_get_epoch (exp) != epoch)
        epoch_done (exp, user_data);
    }
  if (ns_experiment_get_diverged (exp))
    g_printerr ("neuroscope %s: the run diverged at epoch %u, step %" G_GUINT64_FORMAT
                " (a loss or weight became NaN or infinite): %s\n",
                self->verb, ns_experiment_get_epoch (exp), ns_experiment_get_step (exp),
                when_diverged);
}

/* Every @every epochs, a progress line. */
static void
print_progress_cb (NsExperiment *exp, gpointer user_data)
{
  guint every = GPOINTER_TO_UINT (user_data);

  if (ns_experiment_get_epoch (exp) % every == 0)
    print_progress (exp);
}

static int
run_train (int argc, char **argv)
{
  g_auto (NsCliTraining) training = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = NULL;
  g_autofree char *save = NULL;
  g_autofree char *every_text = NULL;
  gint64 every = 0;
  int status;

  ns_cli_training_init (&training, "train");
  {
    const GOptionEntry entries[] = {
      { "epochs", 0, 0, G_OPTION_ARG_STRING, &training.epochs_text, "Train N epochs (default 100)",
        "N" },
      { "steps", 0, 0, G_OPTION_ARG_STRING, &training.steps_text, "Train N mini-batches instead",
        "N" },
      { "every", 0, 0, G_OPTION_ARG_STRING, &every_text,
        "Print a progress line every N epochs (default: ten lines in all)", "N" },
      { "load", 0, 0, G_OPTION_ARG_FILENAME, &training.load, "Go on with a saved experiment",
        "FILE" },
      { "save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Save the experiment at the end", "FILE" },
      { NULL },
    };

    status = ns_cli_training_parse (
        &training, "- train a network without a window",
        "Trains an experiment and prints its losses and accuracies. The last line is\n"
        "  train_loss=… train_accuracy=… test_loss=… test_accuracy=…\n"
        "Example: neuroscope train --dataset spiral --features x1,x2,sinx1,sinx2 "
        "--hidden 8,8 --epochs 300",
        entries, argc, argv);
  }
  if (status != EXIT_DONE)
    return status;
  status = ns_cli_training_check_length (&training);
  if (status == EXIT_DONE && every_text != NULL)
    status = ns_cli_parse_count ("train", "every", every_text, MAX_EPOCHS, &every);
  /* Checked before training, so that a long run does not end in an error. */
  if (status == EXIT_DONE)
    status = ns_cli_check_writable ("train", "save", save);
  if (status != EXIT_DONE)
    return status;

  exp = ns_cli_training_experiment (&training, &status);
  if (exp == NULL)
    return status;
  if (save != NULL && !ns_experiment_check_saveable (exp, &error))
    {
      g_printerr ("neuroscope train: --save: %s: %s\n", save, error->message);
      return EXIT_FILE;
    }

  if (every == 0)
    every = MAX (1, (training.epochs > 0
                         ? training.epochs
                         : training.steps / MAX (ns_experiment_get_steps_per_epoch (exp), 1))
                        / 10);

  /* Epoch by epoch (or up to the step target), with a progress line every few epochs. */
  ns_cli_training_run (&training, exp, "try a lower learning rate", print_progress_cb,
                       GUINT_TO_POINTER ((guint) every));

  print_result (exp);

  if (save != NULL && !ns_experiment_save (exp, save, &error))
    {
      g_printerr ("neuroscope train: %s\n", error->message);
      status = EXIT_FILE;
    }
  return status;
}

int
ns_cli_run (int argc, char **argv)
{
  g_return_val_if_fail (argc > 1, EXIT_USAGE);

  if (strcmp (argv[1], "train") == 0)
    return run_train (argc, argv);
  g_printerr ("neuroscope: unknown command “%s”\n", argv[1]);
  return EXIT_USAGE;
}
