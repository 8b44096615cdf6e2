/* ns-cli-compare.c: `neuroscope compare`, the data-scaling experiment without a window
 * (DESIGN.md, "Command line"): the runs in a worker thread, Ctrl+C cancelling them cleanly,
 * the CSV and the plot written only when every run has finished. */
#include "ns-cli-compare.h"

#include <glib-unix.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "ns-cli-render.h"
#include "ns-cli.h"
#include "ns-file.h"
#include "ns-printf.h"
#include "ns-render-images.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"

enum
{
  EXIT_DONE = 0,
  EXIT_FILE = 1,
  EXIT_USAGE = 2,
  EXIT_INTERRUPTED = 130, /* 128 + SIGINT, as shells report it */
};

#define MAX_EPOCHS 100000

static int
usage_error (const char *message)
{
  return ns_cli_usage_error ("compare", message);
}

NsScalingRow *
ns_compare_rows_to_scaling (const NsCompareRow *rows, guint n_rows)
{
  NsScalingRow *out = g_new0 (NsScalingRow, MAX (n_rows, 1));

  for (guint k = 0; k < n_rows; k++)
    out[k] = (NsScalingRow){ ns_compare_model_id (rows[k].model), rows[k].fraction,
                             (guint) rows[k].seed, rows[k].train_samples, rows[k].test_accuracy };
  return out;
}

/* --dataset digits, apples or a folder of images (one subfolder per class). */
static NsDataset *
load_dataset (const char *name, guint count, guint64 seed, int *status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  int kind = ns_dataset_kind_from_name (name);
  NsDataset *data;
  NnRng rng;

  /* The data stream of the seed, as an experiment of that seed draws it: the same test set. */
  nn_rng_seed (&rng, seed, NN_STREAM_DATA);
  if (kind >= 0 && !ns_dataset_kind_is_image (kind))
    {
      g_autofree char *msg = g_strdup_printf (
          "--dataset: “%s” is not images: expected digits, apples or a folder of images", name);
      *status = usage_error (msg);
      return NULL;
    }
  if (kind >= 0)
    {
      if (count > 0 && kind != NS_DATASET_APPLES)
        {
          g_autofree char *msg =
              g_strdup_printf ("--count: only apples are generated; %s has its own images", name);
          *status = usage_error (msg);
          return NULL;
        }
      data = ns_dataset_load_builtin (kind, count, &rng, &error);
    }
  else if (g_file_test (name, G_FILE_TEST_IS_DIR))
    {
      if (count > 0)
        {
          *status = usage_error ("--count: only apples are generated; a folder has its own images");
          return NULL;
        }
      data = ns_dataset_load_image_folder (name, NS_CONFIG_FOLDER_CHANNELS, NS_CONFIG_FOLDER_SIDE,
                                           NS_CONFIG_FOLDER_SIDE, &rng, warnings, &error);
      for (guint k = 0; k < warnings->len; k++)
        g_printerr ("neuroscope compare: %s\n", (const char *) warnings->pdata[k]);
    }
  else
    {
      g_autofree char *msg = g_strdup_printf (
          "--dataset: “%s” is neither digits, apples nor a folder of images", name);
      *status = usage_error (msg);
      return NULL;
    }
  if (data == NULL)
    {
      g_printerr ("neuroscope compare: %s\n", error->message);
      *status = EXIT_FILE;
    }
  return data;
}

/* Each --hidden is one network's layers: with conv or pool layers the cnn's, else the mlp's. */
static int
apply_hidden (char **hidden, NsCompareSettings *settings)
{
  gboolean set_mlp = FALSE, set_cnn = FALSE;

  for (guint k = 0; hidden != NULL && hidden[k] != NULL; k++)
    {
      g_autoptr (GError) error = NULL;
      NnLayerSpec layers[NS_MAX_HIDDEN];
      guint n = 0;
      gboolean image = FALSE;

      if (!ns_config_parse_hidden (hidden[k], &n, layers, &error))
        return usage_error (error->message);
      for (guint h = 0; h < n; h++)
        {
          layers[h].act =
              ns_layer_kind_has_activation (layers[h].kind) ? NN_ACT_RELU : NN_ACT_LINEAR;
          image = image || layers[h].kind == NN_LAYER_CONV2D || layers[h].kind == NN_LAYER_MAX_POOL;
        }
      if (image ? set_cnn : set_mlp)
        {
          g_autofree char *msg = g_strdup_printf (
              "--hidden: “%s”: the %s's layers are given twice (one --hidden with conv or pool "
              "layers for the cnn, one of dense layers for the mlp)",
              hidden[k], image ? "cnn" : "mlp");
          return usage_error (msg);
        }
      if (image)
        {
          set_cnn = TRUE;
          settings->n_cnn_layers = n;
          memcpy (settings->cnn_layers, layers, sizeof layers[0] * n);
        }
      else
        {
          set_mlp = TRUE;
          settings->n_mlp_layers = n;
          memcpy (settings->mlp_layers, layers, sizeof layers[0] * n);
        }
    }
  return EXIT_DONE;
}

/* The networks must fit the images: checked before any run. */
static int
check_networks (const NsDataset *data, const NsCompareSettings *settings)
{
  NnShape input = { data->image_channels, data->image_height, data->image_width };

  for (guint m = 0; m < settings->n_models; m++)
    {
      gboolean cnn = settings->models[m] == NS_COMPARE_CNN;

      if ((settings->models[m] == NS_COMPARE_MLP || cnn)
          && nn_net_count_params (input, cnn ? settings->cnn_layers : settings->mlp_layers,
                                  cnn ? settings->n_cnn_layers : settings->n_mlp_layers,
                                  NN_LOSS_SOFTMAX_CE, data->n_classes)
                 == 0)
        {
          g_autofree char *msg = g_strdup_printf (
              "--hidden: the %s's layers do not fit %u x %u x %u images (conv and pool layers "
              "come first, each window within its input)",
              cnn ? "cnn" : "mlp", data->image_channels, data->image_height, data->image_width);
          return usage_error (msg);
        }
    }
  return EXIT_DONE;
}

typedef struct
{
  const NsDataset *data;
  const NsCompareSettings *settings;
  GMainLoop *loop;
  GArray *rows;
  GError *error;
} Job;

static void
progress_cb (const NsCompareRow *row, guint done, guint total, gpointer user_data)
{
  char fraction[G_ASCII_DTOSTR_BUF_SIZE], accuracy[G_ASCII_DTOSTR_BUF_SIZE];

  printf ("run %u/%u model=%s fraction=%s seed=%" G_GUINT64_FORMAT
          " train_samples=%u test_accuracy=%s\n",
          done, total, ns_compare_model_id (row->model),
          g_ascii_formatd (fraction, sizeof fraction, "%g", row->fraction), row->seed,
          row->train_samples,
          g_ascii_formatd (accuracy, sizeof accuracy, "%.4f", row->test_accuracy));
  fflush (stdout);
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GArray *rows = ns_compare_run (job->data, job->settings, progress_cb, NULL, cancellable, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_array_unref);
}

static void
run_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;

  job->rows = g_task_propagate_pointer (G_TASK (result), &job->error);
  g_main_loop_quit (job->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

GArray *
ns_cli_compare_run_rows (const char *verb,
                         const NsDataset *data,
                         const NsCompareSettings *settings,
                         int *status)
{
  g_autoptr (GCancellable) cancellable = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *table = NULL, *sentence = NULL;
  Job job = { 0 };
  guint signal_id;
  const NsCompareRow *rows;

  if ((*status = check_networks (data, settings)) != EXIT_DONE)
    return NULL;

  /* The runs in a worker; this thread waits in a main loop, where Ctrl+C cancels them. */
  cancellable = g_cancellable_new ();
  loop = g_main_loop_new (NULL, FALSE);
  job = (Job){ data, settings, loop, NULL, NULL };
  signal_id = g_unix_signal_add (SIGINT, interrupt_cb, cancellable);
  task = g_task_new (NULL, cancellable, run_done_cb, &job);
  g_task_set_task_data (task, &job, NULL);
  g_task_run_in_thread (task, run_in_thread);
  g_main_loop_run (loop);
  g_source_remove (signal_id);
  if (job.rows == NULL)
    {
      gboolean cancelled = g_error_matches (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      g_printerr ("neuroscope %s: %s%s\n", verb, job.error->message,
                  cancelled ? ": nothing was written" : "");
      g_clear_error (&job.error);
      *status = cancelled ? EXIT_INTERRUPTED : EXIT_USAGE;
      return NULL;
    }

  rows = (const NsCompareRow *) (void *) job.rows->data;
  table = ns_compare_summary_table (rows, job.rows->len);
  sentence = ns_compare_summary_sentence (rows, job.rows->len);
  printf ("\nMean test accuracy (%u test images, %u run%s each):\n%s\n%s\n", data->n_test,
          settings->runs, settings->runs == 1 ? "" : "s", table, sentence);
  fflush (stdout);
  *status = EXIT_DONE;
  return job.rows;
}

int
ns_cli_compare_write_plot (const char *verb,
                           const char *path,
                           int width,
                           int height,
                           const NsRenderStyle *style,
                           const NsCompareRow *rows,
                           guint n_rows)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autofree NsScalingRow *scaling = ns_compare_rows_to_scaling (rows, n_rows);

  /* A margin as the charts have, so no title or label touches the picture's edge. */
  double margin = ns_render_style_px (style, 16);

  ns_render_images_begin (scene, style, width, height);
  ns_render_scaling (scene, style, margin, margin, width - 2 * margin, height - 2 * margin, NULL,
                     scaling, n_rows);
  if (!ns_scene_export (scene, width, height, path, &error))
    {
      g_printerr ("neuroscope %s: %s\n", verb, error->message);
      return EXIT_FILE;
    }
  return EXIT_DONE;
}

/* The CSV's fields in order, as ns_compare_rows_to_csv writes them. */
static const char *const csv_columns[] = {
  "model", "fraction", "seed", "train_samples", "test_accuracy", NULL,
};
#define N_CSV_COLUMNS (G_N_ELEMENTS (csv_columns) - 1)

/* One field of a CSV row into @row; FALSE with what was expected (caller frees). */
static gboolean
read_csv_field (guint column, const char *text, NsCompareRow *row, char **expected)
{
  double number;
  guint64 whole;

  switch (column)
    {
    case 0:
      {
        int model = ns_compare_model_from_id (text);
        g_autoptr (GString) ids = NULL;

        if (model >= 0)
          {
            row->model = model;
            return TRUE;
          }
        ids = g_string_new (NULL);
        for (guint m = 0; m < NS_N_COMPARE_MODELS; m++)
          g_string_append_printf (ids, "%s%s", m > 0 ? ", " : "", ns_compare_model_id (m));
        *expected = g_strdup_printf ("a model (%s)", ids->str);
        return FALSE;
      }
    case 1:
      if (ns_parse_double (text, &number) && number > 0 && number <= 1)
        {
          row->fraction = number;
          return TRUE;
        }
      *expected = g_strdup ("a share of the training part, above 0 and at most 1");
      return FALSE;
    case 2:
      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &whole, NULL))
        {
          row->seed = whole;
          return TRUE;
        }
      *expected = g_strdup_printf ("a seed, a whole number from 0 to %u", G_MAXUINT32);
      return FALSE;
    case 3:
      if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &whole, NULL))
        {
          row->train_samples = (guint) whole;
          return TRUE;
        }
      *expected = g_strdup ("a number of training images, a whole number of 1 or more");
      return FALSE;
    default:
      /* "nan" is a planned run the writer had no result for; the plot leaves it out. */
      if (g_ascii_strcasecmp (text, "nan") == 0)
        {
          row->test_accuracy = NAN;
          return TRUE;
        }
      if (ns_parse_double (text, &number) && number >= 0 && number <= 1)
        {
          row->test_accuracy = number;
          return TRUE;
        }
      *expected = g_strdup ("a test accuracy from 0 to 1 (or nan)");
      return FALSE;
    }
}

GArray *
ns_cli_compare_read_csv (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *header = g_strjoinv (",", (char **) csv_columns);
  g_auto (GStrv) lines = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (NsCompareRow));
  gsize length;
  guint n_lines;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (strlen (contents) != length || !g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s: not a text file: expected the CSV of neuroscope compare --csv-out", path);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  n_lines = g_strv_length (lines);
  /* A last newline ends the last row; it does not start an empty one. */
  if (n_lines > 0 && lines[n_lines - 1][0] == '\0')
    n_lines--;
  for (guint k = 0; k < n_lines; k++)
    if (g_str_has_suffix (lines[k], "\r")) /* written on Windows */
      lines[k][strlen (lines[k]) - 1] = '\0';

  if (n_lines == 0 || g_strcmp0 (lines[0], header) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:1:1: expected the header %s (the CSV of neuroscope compare --csv-out)", path,
                   header);
      return NULL;
    }
  for (guint k = 1; k < n_lines; k++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[k], ",", -1);
      guint n_fields = g_strv_length (fields), column = 1;
      NsCompareRow row = { 0 };

      if (n_fields != N_CSV_COLUMNS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u:1: %u field%s: expected %u, %s", path, k + 1, n_fields,
                       n_fields == 1 ? "" : "s", (guint) N_CSV_COLUMNS, header);
          return NULL;
        }
      for (guint f = 0; f < n_fields; f++)
        {
          g_autofree char *expected = NULL;

          if (!read_csv_field (f, fields[f], &row, &expected))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s:%u:%u: %s “%s”: expected %s", path, k + 1, column, csv_columns[f],
                           fields[f], expected);
              return NULL;
            }
          column += (guint) g_utf8_strlen (fields[f], -1) + 1;
        }
      g_array_append_val (rows, row);
    }
  if (rows->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s:2:1: no runs after the header: expected a row per run", path);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

int
ns_cli_compare_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("- the data-scaling experiment");
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) data = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autofree char *dataset = NULL, *models = NULL, *fractions = NULL, *runs_text = NULL;
  g_autofree char *count_text = NULL, *seed_text = NULL, *epochs_text = NULL;
  g_autofree char *csv_out = NULL, *out = NULL, *size = NULL;
  g_auto (GStrv) hidden = NULL;
  NsCompareSettings settings;
  int width = 800, height = 600;
  gint64 value;
  guint count = 0;
  int rest_argc = argc - 1, status;
  char **rest_argv = argv + 1;
  const GOptionEntry entries[] = {
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &dataset,
      "digits, apples or a folder of images, one subfolder per class (required)", "NAME|DIR" },
    { "models", 0, 0, G_OPTION_ARG_STRING, &models,
      "Models to train: mlp, cnn, logreg_pixels, logreg_features, knn_features, knn_pixels "
      "(default: the first five)",
      "LIST" },
    { "fractions", 0, 0, G_OPTION_ARG_STRING, &fractions,
      "Shares of the training part (80%) to train on (default 0.02,0.05,0.1,0.2,0.4,0.8,1)",
      "LIST" },
    { "runs", 0, 0, G_OPTION_ARG_STRING, &runs_text,
      "Runs per model and fraction, seeds SEED … SEED+N-1 (default 3)", "N" },
    { "count", 0, 0, G_OPTION_ARG_STRING, &count_text, "apples: images to generate (default 2000)",
      "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "The test split's seed and the first run's (default 1)", "N" },
    { "hidden", 0, 0, G_OPTION_ARG_STRING_ARRAY, &hidden,
      "A network's layers: with conv/pool layers the cnn's (default c8k3,p2,32), else the mlp's "
      "(default 64); may be given twice",
      "LIST" },
    { "epochs", 0, 0, G_OPTION_ARG_STRING, &epochs_text,
      "Epochs of each network run (default 30; small sets get at least 300 mini-batches)", "N" },
    { "csv-out", 0, 0, G_OPTION_ARG_FILENAME, &csv_out,
      "Write the runs as CSV: model,fraction,seed,train_samples,test_accuracy", "FILE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      "Draw the plot; .png, .svg or .pdf chooses the format", "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      "The plot's width x height: pixels for PNG, points for SVG and PDF (default 800x600)",
      "WxH" },
    { NULL },
  };

  g_return_val_if_fail (argc > 1, EXIT_USAGE);

  g_option_context_set_summary (
      context,
      "Trains each model on growing shares of the training images and measures it on the same\n"
      "fixed 20% test set: the data-scaling experiment. Prints a line per run, then the mean\n"
      "test accuracy per model and training-set size and what the curves show.\n"
      "Example: neuroscope compare --dataset digits --csv-out digits.csv --out digits.png");
  g_option_context_add_main_entries (context, entries, NULL);
  g_set_prgname ("neuroscope compare");
  argv[1] = argv[0];
  if (!g_option_context_parse (context, &rest_argc, &rest_argv, &error))
    return usage_error (error->message);
  if (rest_argc > 1)
    {
      g_autofree char *msg = g_strdup_printf (
          "unexpected argument “%s”: every value follows its option (--dataset NAME, --out FILE…)",
          rest_argv[1]);
      return usage_error (msg);
    }

  /* Every option is checked before the runs, which take a while. */
  ns_compare_settings_init (&settings);
  if (dataset == NULL)
    return usage_error ("--dataset: give digits, apples or a folder of images");
  if (models != NULL && !ns_compare_parse_models (models, &settings, &error))
    return usage_error (error->message);
  if (fractions != NULL && !ns_compare_parse_fractions (fractions, &settings, &error))
    return usage_error (error->message);
  if (runs_text != NULL)
    {
      if ((status = ns_cli_parse_count ("compare", "runs", runs_text, NS_COMPARE_MAX_RUNS, &value))
          != EXIT_DONE)
        return status;
      settings.runs = (guint) value;
    }
  if (count_text != NULL)
    {
      if ((status =
               ns_cli_parse_count ("compare", "count", count_text, NS_CONFIG_MAX_COUNT, &value))
          != EXIT_DONE)
        return status;
      if (value < NS_CONFIG_MIN_COUNT)
        {
          g_autofree char *msg =
              g_strdup_printf ("--count: “%s” is not allowed: expected %d to %d", count_text,
                               NS_CONFIG_MIN_COUNT, NS_CONFIG_MAX_COUNT);
          return usage_error (msg);
        }
      count = (guint) value;
    }
  if (seed_text != NULL)
    {
      guint64 seed;

      if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT32, &seed, NULL))
        {
          g_autofree char *msg =
              g_strdup_printf ("--seed: “%s” is not allowed: expected a whole number from 0 to %u",
                               seed_text, G_MAXUINT32);
          return usage_error (msg);
        }
      settings.seed = seed;
    }
  if (epochs_text != NULL)
    {
      if ((status = ns_cli_parse_count ("compare", "epochs", epochs_text, MAX_EPOCHS, &value))
          != EXIT_DONE)
        return status;
      settings.epochs = (guint) value;
    }
  if ((status = apply_hidden (hidden, &settings)) != EXIT_DONE)
    return status;
  if (size != NULL && !ns_cli_render_parse_size (size, &width, &height))
    {
      g_autofree char *msg = g_strdup_printf (
          "--size: “%s” is not a size: expected WIDTHxHEIGHT, e.g. 800x600, each 1 to %d", size,
          NS_CLI_MAX_SIDE);
      return usage_error (msg);
    }
  if (out != NULL && !ns_cli_render_has_known_extension (out))
    {
      g_autofree char *msg = g_strdup_printf (
          "--out: “%s” does not end in .png, .svg or .pdf, which choose the format", out);
      return usage_error (msg);
    }
  if ((status = ns_cli_check_writable ("compare", "csv-out", csv_out)) != EXIT_DONE
      || (status = ns_cli_check_writable ("compare", "out", out)) != EXIT_DONE)
    return status;

  data = load_dataset (dataset, count, settings.seed, &status);
  if (data == NULL)
    return status;

  rows = ns_cli_compare_run_rows ("compare", data, &settings, &status);
  if (rows == NULL)
    return status;

  if (csv_out != NULL
      && !ns_compare_write_csv (csv_out, (const NsCompareRow *) (void *) rows->data, rows->len,
                                &error))
    {
      g_printerr ("neuroscope compare: %s\n", error->message);
      return EXIT_FILE;
    }
  if (out != NULL)
    {
      NsRenderStyle style;

      ns_render_style_init (&style, FALSE, 1.0);
      return ns_cli_compare_write_plot ("compare", out, width, height, &style,
                                        (const NsCompareRow *) (void *) rows->data, rows->len);
    }
  return EXIT_DONE;
}
