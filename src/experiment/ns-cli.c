/* ns-cli.c: the headless verbs. */
#include "config.h"

#include "ns-cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ns-experiment.h"

enum
{
  EXIT_DONE = 0,
  EXIT_FILE = 1,
  EXIT_USAGE = 2,
};

gboolean
ns_cli_is_verb (const char *word)
{
  return g_strcmp0 (word, "train") == 0;
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

static int
usage_error (const char *message)
{
  return ns_cli_usage_error ("train", message);
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
  *self = (NsCliTraining){ verb, ns_config_options_new (), -1, -1, NULL };
}

void
ns_cli_training_clear (NsCliTraining *self)
{
  g_clear_pointer (&self->options, ns_config_options_free);
  g_clear_pointer (&self->load, g_free);
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
  if (!g_option_context_parse (context, &(int){ argc - 1 }, &(char **){ argv + 1 }, &error))
    return ns_cli_usage_error (self->verb, error->message);
  return EXIT_DONE;
}

int
ns_cli_training_check_length (NsCliTraining *self, const char *range_message)
{
  if (self->epochs >= 0 && self->steps >= 0)
    return ns_cli_usage_error (self->verb, "--epochs and --steps: give one length, not both");
  /* --epochs 0 would be a fine "draw it untrained" for render, but train refuses it: the same
   * words mean the same thing for every verb. */
  if (self->epochs == 0 || self->epochs > 10000000 || self->steps == 0
      || self->steps > G_MAXINT64 / 2)
    return ns_cli_usage_error (self->verb, range_message);
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
  gint64 every = 0;
  int status;

  ns_cli_training_init (&training, "train");
  {
    const GOptionEntry entries[] = {
      { "epochs", 0, 0, G_OPTION_ARG_INT64, &training.epochs, "Train N epochs (default 100)", "N" },
      { "steps", 0, 0, G_OPTION_ARG_INT64, &training.steps, "Train N mini-batches instead", "N" },
      { "every", 0, 0, G_OPTION_ARG_INT64, &every,
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
  status = ns_cli_training_check_length (
      &training, "--epochs, --steps and --every take a positive whole number");
  if (status != EXIT_DONE)
    return status;
  if (every < 0)
    return usage_error ("--epochs, --steps and --every take a positive whole number");

  exp = ns_cli_training_experiment (&training, &status);
  if (exp == NULL)
    return status;

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
