/* ns-cli-export-code.c: `neuroscope export-code`: the experiment (made from the options or
 * --load, trained with --epochs or --steps if given) as PyTorch or Keras code, and its data as
 * the CSV that code reads. */

#include "ns-cli-export-code.h"

#include <stdio.h>

#include "ns-cli.h"
#include "ns-code-export.h"

#define EXIT_DONE 0
#define EXIT_FILE 1

static int
write_text (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;

  if (path == NULL || g_strcmp0 (path, "-") == 0)
    {
      fputs (text, stdout);
      return fflush (stdout) == 0 ? EXIT_DONE : EXIT_FILE;
    }
  if (!g_file_set_contents (path, text, -1, &error))
    {
      g_printerr ("neuroscope export-code: --out: %s\n", error->message);
      return EXIT_FILE;
    }
  return EXIT_DONE;
}

int
ns_cli_export_code_run (int argc, char **argv)
{
  g_auto (NsCliTraining) training = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = NULL;
  g_autofree char *framework_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *data_out = NULL;
  g_autofree char *code_epochs_text = NULL;
  g_autofree char *code = NULL;
  gboolean weights = FALSE;
  gboolean train;
  gint64 code_epochs = NS_CODE_DEFAULT_EPOCHS;
  NsCodeOptions options = { 0 };
  int framework;
  int status;

  ns_cli_training_init (&training, "export-code");
  {
    const GOptionEntry entries[] = {
      { "framework", 0, 0, G_OPTION_ARG_STRING, &framework_text,
        "The code's framework: pytorch or keras (required)", "NAME" },
      { "weights", 0, 0, G_OPTION_ARG_NONE, &weights,
        "Embed the current weights, so the script goes on from where the app stopped", NULL },
      { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Write the code to FILE (default: stdout)",
        "FILE" },
      { "data-out", 0, 0, G_OPTION_ARG_FILENAME, &data_out,
        "Write the experiment's data to FILE.csv, the file the script reads", "FILE.csv" },
      { "code-epochs", 0, 0, G_OPTION_ARG_STRING, &code_epochs_text,
        "Epochs the script trains (default 100)", "N" },
      { "epochs", 0, 0, G_OPTION_ARG_STRING, &training.epochs_text,
        "Train N epochs in the app before exporting (default: none)", "N" },
      { "steps", 0, 0, G_OPTION_ARG_STRING, &training.steps_text,
        "Train N mini-batches in the app before exporting", "N" },
      { "load", 0, 0, G_OPTION_ARG_FILENAME, &training.load, "Export a saved experiment", "FILE" },
      { NULL },
    };

    status = ns_cli_training_parse (
        &training, "- the network as PyTorch or Keras code",
        "Writes the experiment's network and trainer as a runnable PyTorch or Keras\n"
        "script (what the app's code window shows), and with --data-out the CSV it reads.\n"
        "Example: neuroscope export-code --framework pytorch --dataset spiral --hidden 8,8 "
        "--epochs 50 --weights --out spiral.py --data-out neuroscope-data.csv",
        entries, argc, argv);
  }
  if (status != EXIT_DONE)
    return status;
  if (framework_text == NULL)
    return ns_cli_usage_error ("export-code", "--framework is required: pytorch or keras");
  framework = ns_code_framework_from_name (framework_text);
  if (framework < 0)
    {
      g_autofree char *shown = g_utf8_make_valid (framework_text, -1);
      g_autofree char *message =
          g_strdup_printf ("--framework: unknown framework “%s”; expected pytorch or keras", shown);
      return ns_cli_usage_error ("export-code", message);
    }
  train = training.epochs_text != NULL || training.steps_text != NULL;
  status = ns_cli_training_check_length (&training);
  if (status == EXIT_DONE && code_epochs_text != NULL)
    status = ns_cli_parse_count ("export-code", "code-epochs", code_epochs_text, NS_CODE_MAX_EPOCHS,
                                 &code_epochs);
  if (status == EXIT_DONE)
    status = ns_cli_check_writable ("export-code", "out", g_strcmp0 (out, "-") == 0 ? NULL : out);
  if (status == EXIT_DONE)
    status = ns_cli_check_writable ("export-code", "data-out", data_out);
  if (status != EXIT_DONE)
    return status;

  exp = ns_cli_training_experiment (&training, &status);
  if (exp == NULL)
    return status;
  if (train)
    ns_cli_training_run (&training, exp, "try a lower learning rate", NULL, NULL);

  options.framework = (NsCodeFramework) framework;
  options.weights = weights;
  options.epochs = (guint) code_epochs;
  options.data_file = data_out;
  code = ns_code_export (exp, &options);
  if (data_out != NULL && !ns_code_export_data_to_file (exp, data_out, &error))
    {
      g_printerr ("neuroscope export-code: --data-out: %s\n", error->message);
      return EXIT_FILE;
    }
  return write_text (out, code);
}
