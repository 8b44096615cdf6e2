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

NsExperiment *
ns_cli_experiment_from_options (const char *verb,
                                NsConfigOptions *options,
                                const char *load,
                                int *status)
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

static int
run_train (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  GOptionGroup *group;
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = NULL;
  NsConfigOptions *options = ns_config_options_new ();
  g_autofree char *load = NULL;
  g_autofree char *save = NULL;
  gint64 epochs = -1, steps = -1, every = 0;
  guint end_epoch;
  guint64 end_step;
  int status = EXIT_DONE;
  GOptionEntry entries[] = {
    { "epochs", 0, 0, G_OPTION_ARG_INT64, &epochs, "Train N epochs (default 100)", "N" },
    { "steps", 0, 0, G_OPTION_ARG_INT64, &steps, "Train N mini-batches instead", "N" },
    { "every", 0, 0, G_OPTION_ARG_INT64, &every,
      "Print a progress line every N epochs (default: ten lines in all)", "N" },
    { "load", 0, 0, G_OPTION_ARG_FILENAME, &load, "Go on with a saved experiment", "FILE" },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Save the experiment at the end", "FILE" },
    { NULL },
  };

  context = g_option_context_new ("- train a network without a window");
  g_option_context_set_summary (
      context, "Trains an experiment and prints its losses and accuracies. The last line is\n"
               "  train_loss=… train_accuracy=… test_loss=… test_accuracy=…\n"
               "Example: neuroscope train --dataset spiral --features x1,x2,sinx1,sinx2 "
               "--hidden 8,8 --epochs 300");
  /* One group, so that --help lists every option. */
  group = ns_config_options_get_group (options);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_help_enabled (context, TRUE);

  /* argv[0] "neuroscope", argv[1] the verb: parse the rest. */
  g_set_prgname ("neuroscope train");
  argv[1] = argv[0];
  if (!g_option_context_parse (context, &(int){ argc - 1 }, &(char **){ argv + 1 }, &error))
    {
      status = usage_error (error->message);
      goto out;
    }
  if (epochs >= 0 && steps >= 0)
    {
      status = usage_error ("--epochs and --steps: give one length, not both");
      goto out;
    }
  if (epochs == 0 || epochs > 10000000 || steps == 0 || steps > G_MAXINT64 / 2 || every < 0)
    {
      status = usage_error ("--epochs, --steps and --every take a positive whole number");
      goto out;
    }

  exp = ns_cli_experiment_from_options ("train", options, load, &status);
  if (exp == NULL)
    goto out;

  if (steps < 0 && epochs < 0)
    epochs = 100;
  if (every == 0)
    every = MAX (1, (epochs > 0 ? epochs : steps / MAX (ns_experiment_get_steps_per_epoch (exp), 1))
                        / 10);

  /* Epoch by epoch (or up to the step target), with a progress line every few epochs. */
  end_epoch = ns_experiment_get_epoch (exp) + (epochs > 0 ? (guint) epochs : 0);
  end_step = ns_experiment_get_step (exp) + (steps > 0 ? (guint64) steps : 0);
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
      if (ns_experiment_get_epoch (exp) != epoch
          && ns_experiment_get_epoch (exp) % (guint) every == 0)
        print_progress (exp);
    }
  if (ns_experiment_get_diverged (exp))
    g_printerr ("neuroscope train: the run diverged at epoch %u, step %" G_GUINT64_FORMAT
                " (a loss or weight became NaN or infinite): try a lower learning rate\n",
                ns_experiment_get_epoch (exp), ns_experiment_get_step (exp));

  print_result (exp);

  if (save != NULL && !ns_experiment_save (exp, save, &error))
    {
      g_printerr ("neuroscope train: %s\n", error->message);
      status = EXIT_FILE;
    }

out:
  ns_config_options_free (options);
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
