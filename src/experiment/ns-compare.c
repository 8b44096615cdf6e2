/* ns-compare.c: the data-scaling experiment (see ns-compare.h). */
#include "config.h"

#include "ns-compare.h"

#include <math.h>
#include <string.h>

#include "ns-classic.h"
#include "ns-hand-features.h"
#include "ns-printf.h"

/* A model "still improves" between the two largest sizes when its mean accuracy rises by more
 * than this (half a percentage point: under two test images of digits' 360). */
#define IMPROVES_BY 0.005

static const struct
{
  const char *id;
  const char *title; /* in the summary's sentence */
} model_info[NS_N_COMPARE_MODELS] = {
  [NS_COMPARE_MLP] = { "mlp", "the MLP" },
  [NS_COMPARE_CNN] = { "cnn", "the CNN" },
  [NS_COMPARE_LOGREG_PIXELS] = { "logreg_pixels", "logistic regression on pixels" },
  [NS_COMPARE_LOGREG_FEATURES] = { "logreg_features", "logistic regression on hand features" },
  [NS_COMPARE_KNN_FEATURES] = { "knn_features", "kNN on hand features" },
  [NS_COMPARE_KNN_PIXELS] = { "knn_pixels", "kNN on pixels" },
};

const char *
ns_compare_model_id (NsCompareModel model)
{
  g_return_val_if_fail (model < NS_N_COMPARE_MODELS, NULL);
  return model_info[model].id;
}

int
ns_compare_model_from_id (const char *id)
{
  for (guint m = 0; m < NS_N_COMPARE_MODELS; m++)
    if (g_strcmp0 (id, model_info[m].id) == 0)
      return (int) m;
  return -1;
}

void
ns_compare_settings_init (NsCompareSettings *settings)
{
  static const double fractions[] = { 0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.0 };

  g_return_if_fail (settings != NULL);

  memset (settings, 0, sizeof *settings);
  for (guint m = 0; m <= NS_COMPARE_KNN_FEATURES; m++)
    settings->models[settings->n_models++] = m;
  for (guint k = 0; k < G_N_ELEMENTS (fractions); k++)
    settings->fractions[settings->n_fractions++] = fractions[k];
  settings->runs = 3;
  settings->seed = 1;
  settings->n_mlp_layers = 2;
  settings->mlp_layers[0] = nn_layer_spec_dense (128, NN_ACT_RELU);
  settings->mlp_layers[1] = nn_layer_spec_dense (64, NN_ACT_RELU);
  settings->n_cnn_layers = 3;
  settings->cnn_layers[0] = nn_layer_spec_conv (16, 3, NN_ACT_RELU);
  settings->cnn_layers[1] = nn_layer_spec_pool (2);
  settings->cnn_layers[2] = nn_layer_spec_dense (64, NN_ACT_RELU);
  settings->epochs = 40;
  settings->min_steps = 300;
  settings->batch_size = 32;
  settings->mlp_learning_rate = 0.003f;
  settings->cnn_learning_rate = 0.003f;
  settings->hand_features = 0;
}

gboolean
ns_compare_parse_models (const char *list, NsCompareSettings *settings, GError **error)
{
  g_auto (GStrv) words = NULL;
  guint n = 0;
  NsCompareModel models[NS_N_COMPARE_MODELS];

  g_return_val_if_fail (list != NULL && settings != NULL, FALSE);

  words = g_strsplit (list, ",", -1);
  for (guint k = 0; words[k] != NULL; k++)
    {
      const char *word = g_strstrip (words[k]);
      int model = ns_compare_model_from_id (word);
      gboolean seen = FALSE;

      if (model < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--models: unknown model “%s”: expected mlp, cnn, logreg_pixels, "
                       "logreg_features, knn_features or knn_pixels",
                       word);
          return FALSE;
        }
      for (guint j = 0; j < n; j++)
        seen = seen || models[j] == (NsCompareModel) model;
      if (seen)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--models: “%s” is named twice", word);
          return FALSE;
        }
      models[n++] = model;
    }
  if (n == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--models: give at least one model");
      return FALSE;
    }
  settings->n_models = n;
  memcpy (settings->models, models, sizeof models[0] * n);
  return TRUE;
}

gboolean
ns_compare_parse_fractions (const char *list, NsCompareSettings *settings, GError **error)
{
  g_auto (GStrv) words = NULL;
  double fractions[NS_COMPARE_MAX_FRACTIONS];
  guint n = 0;

  g_return_val_if_fail (list != NULL && settings != NULL, FALSE);

  words = g_strsplit (list, ",", -1);
  for (guint k = 0; words[k] != NULL; k++)
    {
      double value;

      if (n == NS_COMPARE_MAX_FRACTIONS)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--fractions: at most %d fractions", NS_COMPARE_MAX_FRACTIONS);
          return FALSE;
        }
      if (!ns_parse_double (words[k], &value) || !(value > 0.0 && value <= 1.0))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--fractions: “%s” is not allowed: expected numbers above 0 and at most 1 "
                       "(shares of the training part), e.g. 0.1,0.5,1",
                       words[k]);
          return FALSE;
        }
      for (guint j = 0; j < n; j++)
        if (fractions[j] == value)
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "--fractions: “%s” is named twice", g_strstrip (words[k]));
            return FALSE;
          }
      fractions[n++] = value;
    }
  if (n == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--fractions: give at least one fraction");
      return FALSE;
    }
  settings->n_fractions = n;
  memcpy (settings->fractions, fractions, sizeof fractions[0] * n);
  return TRUE;
}

/* The training rows ns_dataset_subsample_train keeps at @fraction: round (fraction x n) of each
 * class's n, at least one (its rule, counted without copying the data). */
static guint
subsample_size (const NsDataset *data, double fraction)
{
  guint counts[NS_MAX_CLASSES] = { 0 };
  guint total = 0;

  for (guint i = 0; i < data->n_train; i++)
    {
      guint c = (guint) data->train_y[i];

      if (c < NS_MAX_CLASSES)
        counts[c]++;
    }
  for (guint c = 0; c < MIN (data->n_classes, NS_MAX_CLASSES); c++)
    {
      guint want = (guint) CLAMP (round ((double) counts[c] * fraction), 0.0, (double) counts[c]);

      if (want == 0 && counts[c] > 0)
        want = 1;
      total += want;
    }
  return total;
}

/* Rows in the CSV's order: model, then fraction as given, then seed. */
static guint
row_index (const NsCompareSettings *settings, guint model, guint fraction, guint run)
{
  return (model * settings->n_fractions + fraction) * settings->runs + run;
}

GArray *
ns_compare_plan (const NsDataset *data, const NsCompareSettings *settings)
{
  GArray *rows;
  guint total;

  g_return_val_if_fail (data != NULL && settings != NULL, NULL);

  total = settings->n_models * settings->n_fractions * settings->runs;
  rows = g_array_sized_new (FALSE, TRUE, sizeof (NsCompareRow), total);
  g_array_set_size (rows, total);
  for (guint m = 0; m < settings->n_models; m++)
    for (guint f = 0; f < settings->n_fractions; f++)
      for (guint r = 0; r < settings->runs; r++)
        {
          NsCompareRow *row = &g_array_index (rows, NsCompareRow, row_index (settings, m, f, r));

          row->model = settings->models[m];
          row->fraction = settings->fractions[f];
          row->seed = settings->seed + r;
          row->train_samples = subsample_size (data, settings->fractions[f]);
          row->test_accuracy = NAN;
        }
  return rows;
}

/* ---- one run ---- */

/* What every run of one ns_compare_run shares: the test set in each model's input form. */
typedef struct
{
  const NsDataset *data;
  const NsCompareSettings *settings;
  GCancellable *cancellable;
  guint feature_mask;
  guint feature_dim;
  float *test_inputs_t; /* n_inputs x n_test: the test pixels input-major, for the engine */
  float *test_features; /* n_test x feature_dim */
} Shared;

static gboolean
stop_cb (gpointer user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static gboolean
set_cancelled (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The comparison was cancelled");
  return FALSE;
}

/* Trains a network of @layers on @train's rows and measures it on the test set. */
static gboolean
run_network (const Shared *shared,
             const NsDataset *train,
             const NnLayerSpec *layers,
             guint n_layers,
             float learning_rate,
             guint64 seed,
             double *accuracy,
             GError **error)
{
  const NsDataset *data = shared->data;
  const NsCompareSettings *settings = shared->settings;
  NnShape input = { data->image_channels, data->image_height, data->image_width };
  NnNet *net = nn_net_new (input, layers, n_layers, NN_LOSS_SOFTMAX_CE, data->n_classes);
  guint n = train->n_train, n_in = data->n_inputs, batch_size = settings->batch_size;
  guint batches_per_epoch, epochs;
  g_autofree guint32 *order = NULL;
  g_autofree float *batch_x = NULL;
  g_autofree float *batch_y = NULL;
  NnTrainer trainer;
  NnRng init, shuffle;
  gboolean ok = TRUE;

  if (net == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--hidden: the network cannot be built on %u x %u x %u images",
                   data->image_channels, data->image_height, data->image_width);
      return FALSE;
    }
  nn_rng_seed (&init, seed, NN_STREAM_INIT);
  nn_rng_seed (&shuffle, seed, NN_STREAM_SHUFFLE);
  nn_net_init_params (net, &init);
  nn_trainer_defaults (&trainer);
  trainer.optimizer = NN_OPT_ADAM;
  trainer.learning_rate = learning_rate;

  /* Enough epochs for min_steps mini-batches: a small set is seen more often. */
  batches_per_epoch = (n + batch_size - 1) / batch_size;
  epochs =
      MAX (settings->epochs, (settings->min_steps + batches_per_epoch - 1) / batches_per_epoch);

  order = g_new (guint32, n);
  batch_x = g_new (float, (gsize) n_in *batch_size);
  batch_y = g_new (float, batch_size);
  for (guint e = 0; e < epochs && ok; e++)
    {
      if (g_cancellable_is_cancelled (shared->cancellable))
        {
          ok = set_cancelled (error);
          break;
        }
      for (guint k = 0; k < n; k++)
        order[k] = k;
      nn_rng_shuffle_u32 (&shuffle, order, n);
      for (guint start = 0; start < n; start += batch_size)
        {
          guint b = MIN (batch_size, n - start);

          for (guint s = 0; s < b; s++)
            {
              const float *row = train->train_x + (gsize) order[start + s] * n_in;

              for (guint i = 0; i < n_in; i++)
                batch_x[(gsize) i * b + s] = row[i];
              batch_y[s] = train->train_y[order[start + s]];
            }
          /* A diverged run is measured as it is: its accuracy says so. */
          if (nn_net_train_batch (net, &trainer, batch_x, batch_y, b) == NN_ERR_NONFINITE)
            {
              e = epochs;
              break;
            }
        }
    }
  if (ok)
    {
      double loss;

      nn_net_evaluate (net, shared->test_inputs_t, data->test_y, data->n_test, &loss, accuracy);
    }
  nn_net_free (net);
  return ok;
}

static gboolean
run_classic (const Shared *shared,
             NsClassicKind kind,
             const float *train_x,
             const float *train_y,
             guint n,
             guint dim,
             const float *test_x,
             double *accuracy,
             GError **error)
{
  NsClassicParams params;
  g_autoptr (NsClassic) model = NULL;
  g_autoptr (GError) local = NULL;

  ns_classic_params_init (&params);
  params.stop = stop_cb;
  params.stop_data = shared->cancellable;
  model =
      ns_classic_train (kind, &params, train_x, train_y, n, dim, shared->data->n_classes, &local);
  if (model == NULL)
    {
      if (g_error_matches (local, NS_CLASSIC_ERROR, NS_CLASSIC_ERROR_STOPPED))
        return set_cancelled (error);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *accuracy = ns_classic_accuracy (model, test_x, shared->data->test_y, shared->data->n_test);
  return TRUE;
}

static gboolean
run_model (const Shared *shared,
           NsCompareModel model,
           const NsDataset *train,
           const float *train_features,
           guint64 seed,
           double *accuracy,
           GError **error)
{
  const NsCompareSettings *settings = shared->settings;
  const NsDataset *data = shared->data;

  switch (model)
    {
    case NS_COMPARE_MLP:
      return run_network (shared, train, settings->mlp_layers, settings->n_mlp_layers,
                          settings->mlp_learning_rate, seed, accuracy, error);
    case NS_COMPARE_CNN:
      return run_network (shared, train, settings->cnn_layers, settings->n_cnn_layers,
                          settings->cnn_learning_rate, seed, accuracy, error);
    case NS_COMPARE_LOGREG_PIXELS:
    case NS_COMPARE_KNN_PIXELS:
      return run_classic (shared,
                          model == NS_COMPARE_LOGREG_PIXELS ? NS_CLASSIC_LOGREG : NS_CLASSIC_KNN,
                          train->train_x, train->train_y, train->n_train, data->n_inputs,
                          data->test_x, accuracy, error);
    case NS_COMPARE_LOGREG_FEATURES:
    case NS_COMPARE_KNN_FEATURES:
      return run_classic (shared,
                          model == NS_COMPARE_LOGREG_FEATURES ? NS_CLASSIC_LOGREG : NS_CLASSIC_KNN,
                          train_features, train->train_y, train->n_train, shared->feature_dim,
                          shared->test_features, accuracy, error);
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
uses_features (const NsCompareSettings *settings)
{
  for (guint m = 0; m < settings->n_models; m++)
    if (settings->models[m] == NS_COMPARE_LOGREG_FEATURES
        || settings->models[m] == NS_COMPARE_KNN_FEATURES)
      return TRUE;
  return FALSE;
}

static gboolean
check_settings (const NsDataset *data, const NsCompareSettings *settings, GError **error)
{
  if (!ns_dataset_is_image (data) || data->n_classes < 2 || data->n_test == 0 || data->n_train == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: the comparison needs images of at least two classes with training and "
                   "test images",
                   data->name);
      return FALSE;
    }
  if (settings->n_models == 0 || settings->n_fractions == 0 || settings->runs == 0
      || settings->runs > NS_COMPARE_MAX_RUNS || settings->batch_size == 0
      || settings->n_fractions > NS_COMPARE_MAX_FRACTIONS)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "The comparison needs models, fractions and runs");
      return FALSE;
    }
  for (guint f = 0; f < settings->n_fractions; f++)
    if (!(settings->fractions[f] > 0.0 && settings->fractions[f] <= 1.0))
      {
        g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                             "--fractions: each fraction must be above 0 and at most 1");
        return FALSE;
      }
  return TRUE;
}

/* The run's own stream of training rows: from its seed and the fraction's value (not its
 * place in the list), so a (fraction, seed) picks the same images in any list. */
static void
subsample_rng (NnRng *rng, guint64 seed, double fraction)
{
  NnRng base;

  nn_rng_seed (&base, seed, NN_STREAM_SPLIT);
  nn_rng_derive (rng, &base, (uint64_t) llround (fraction * 1e9));
}

GArray *
ns_compare_run (const NsDataset *data,
                const NsCompareSettings *settings,
                NsCompareProgressFunc progress,
                gpointer user_data,
                GCancellable *cancellable,
                GError **error)
{
  g_autoptr (GArray) rows = NULL;
  g_autofree float *test_inputs_t = NULL;
  g_autofree float *test_features = NULL;
  Shared shared = { data, settings, cancellable, 0, 0, NULL, NULL };
  guint done = 0, total;

  g_return_val_if_fail (data != NULL && settings != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (!check_settings (data, settings, error))
    return NULL;

  rows = ns_compare_plan (data, settings);
  total = rows->len;

  test_inputs_t = g_new (float, (gsize) data->n_inputs * data->n_test);
  for (guint s = 0; s < data->n_test; s++)
    for (guint i = 0; i < data->n_inputs; i++)
      test_inputs_t[(gsize) i * data->n_test + s] = data->test_x[(gsize) s * data->n_inputs + i];
  shared.test_inputs_t = test_inputs_t;

  if (uses_features (settings))
    {
      guint c = data->image_channels, h = data->image_height, w = data->image_width;

      shared.feature_mask = settings->hand_features != 0 ? settings->hand_features
                                                         : ns_hand_features_default (c, h, w);
      shared.feature_dim = ns_hand_features_dim (shared.feature_mask, c, h, w);
      if (shared.feature_dim == 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "%s: no hand features apply to %u x %u x %u images", data->name, c, h, w);
          return NULL;
        }
      test_features = g_new (float, (gsize) data->n_test *shared.feature_dim);
      if (!ns_hand_features_compute (shared.feature_mask, data->test_x, data->n_test, c, h, w,
                                     test_features, error))
        return NULL;
      shared.test_features = test_features;
    }

  for (guint f = 0; f < settings->n_fractions; f++)
    for (guint r = 0; r < settings->runs; r++)
      {
        guint64 seed = settings->seed + r;
        g_autoptr (NsDataset) train = NULL;
        g_autofree float *train_features = NULL;
        NnRng rng;

        if (g_cancellable_is_cancelled (cancellable))
          {
            set_cancelled (error);
            return NULL;
          }
        subsample_rng (&rng, seed, settings->fractions[f]);
        train = ns_dataset_subsample_train (data, settings->fractions[f], &rng);
        if (shared.feature_dim > 0)
          {
            train_features = g_new (float, (gsize) MAX (train->n_train, 1) * shared.feature_dim);
            if (!ns_hand_features_compute (shared.feature_mask, train->train_x, train->n_train,
                                           data->image_channels, data->image_height,
                                           data->image_width, train_features, error))
              return NULL;
          }
        for (guint m = 0; m < settings->n_models; m++)
          {
            NsCompareRow *row = &g_array_index (rows, NsCompareRow, row_index (settings, m, f, r));
            double accuracy = NAN;

            /* kNN has no stop of its own: a cancel between two models counts too. */
            if (g_cancellable_is_cancelled (cancellable))
              {
                set_cancelled (error);
                return NULL;
              }
            if (!run_model (&shared, settings->models[m], train, train_features, seed, &accuracy,
                            error))
              return NULL;
            g_assert (row->train_samples == train->n_train);
            row->test_accuracy = accuracy;
            done++;
            if (progress != NULL)
              progress (row, done, total, user_data);
          }
      }
  return g_steal_pointer (&rows);
}

/* ---- CSV and summary ---- */

/* The shortest of %.15g, %.16g and %.17g that reads back as @value (0.1, not
 * 0.10000000000000001), in C numerics. */
static const char *
format_exact (char *buf, double value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  if (isnan (value))
    return "nan";
  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, formats[k], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

char *
ns_compare_rows_to_csv (const NsCompareRow *rows, guint n_rows)
{
  GString *csv = g_string_new ("model,fraction,seed,train_samples,test_accuracy\n");

  for (guint k = 0; k < n_rows; k++)
    {
      const NsCompareRow *row = &rows[k];
      char fraction[G_ASCII_DTOSTR_BUF_SIZE], accuracy[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (csv, "%s,%s,%" G_GUINT64_FORMAT ",%u,%s\n",
                              ns_compare_model_id (row->model),
                              format_exact (fraction, row->fraction), row->seed, row->train_samples,
                              format_exact (accuracy, row->test_accuracy));
    }
  return g_string_free (csv, FALSE);
}

gboolean
ns_compare_write_csv (const char *path, const NsCompareRow *rows, guint n_rows, GError **error)
{
  g_autofree char *csv = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  csv = ns_compare_rows_to_csv (rows, n_rows);
  /* g_file_set_contents writes a temporary file beside it and renames it: a reader never sees
   * half a file; its errors name the temporary file, so the message names the one asked for. */
  if (!g_file_set_contents (path, csv, -1, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: cannot write: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}

/* Mean accuracy of each (model, size) measured: models in order of appearance, sizes
 * ascending. */
typedef struct
{
  guint n_models;
  NsCompareModel models[NS_N_COMPARE_MODELS];
  guint n_sizes;
  guint *sizes;  /* n_sizes, ascending */
  double *means; /* n_models x n_sizes, NaN where nothing was measured */
  guint *counts; /* n_models x n_sizes */
} Means;

static void
means_clear (Means *means)
{
  g_free (means->sizes);
  g_free (means->means);
  g_free (means->counts);
}

static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
means_compute (Means *means, const NsCompareRow *rows, guint n_rows)
{
  memset (means, 0, sizeof *means);
  means->sizes = g_new (guint, MAX (n_rows, 1));
  for (guint k = 0; k < n_rows; k++)
    {
      gboolean seen_model = FALSE, seen_size = FALSE;

      if (isnan (rows[k].test_accuracy) || rows[k].model >= NS_N_COMPARE_MODELS)
        continue;
      for (guint m = 0; m < means->n_models; m++)
        seen_model = seen_model || means->models[m] == rows[k].model;
      if (!seen_model)
        means->models[means->n_models++] = rows[k].model;
      for (guint s = 0; s < means->n_sizes; s++)
        seen_size = seen_size || means->sizes[s] == rows[k].train_samples;
      if (!seen_size)
        means->sizes[means->n_sizes++] = rows[k].train_samples;
    }
  qsort (means->sizes, means->n_sizes, sizeof (guint), compare_uint);
  means->means = g_new0 (double, MAX (means->n_models * means->n_sizes, 1));
  means->counts = g_new0 (guint, MAX (means->n_models * means->n_sizes, 1));
  for (guint k = 0; k < n_rows; k++)
    {
      guint m = 0, s = 0;

      if (isnan (rows[k].test_accuracy) || rows[k].model >= NS_N_COMPARE_MODELS)
        continue;
      while (means->models[m] != rows[k].model)
        m++;
      while (means->sizes[s] != rows[k].train_samples)
        s++;
      means->means[m * means->n_sizes + s] += rows[k].test_accuracy;
      means->counts[m * means->n_sizes + s]++;
    }
  for (guint k = 0; k < means->n_models * means->n_sizes; k++)
    means->means[k] = means->counts[k] > 0 ? means->means[k] / means->counts[k] : NAN;
}

char *
ns_compare_summary_table (const NsCompareRow *rows, guint n_rows)
{
  Means means;
  GString *text = g_string_new (NULL);

  means_compute (&means, rows, n_rows);
  g_string_append_printf (text, "%-16s", "train_samples");
  for (guint s = 0; s < means.n_sizes; s++)
    g_string_append_printf (text, " %7u", means.sizes[s]);
  g_string_append_c (text, '\n');
  for (guint m = 0; m < means.n_models; m++)
    {
      g_string_append_printf (text, "%-16s", ns_compare_model_id (means.models[m]));
      for (guint s = 0; s < means.n_sizes; s++)
        {
          double mean = means.means[m * means.n_sizes + s];

          if (isnan (mean))
            g_string_append_printf (text, " %7s", "-");
          else
            ns_string_append_printf (text, " %7.4f", mean);
        }
      g_string_append_c (text, '\n');
    }
  means_clear (&means);
  return g_string_free (text, FALSE);
}

/* "a", "a and b", "a, b and c" */
static void
append_list (GString *text, const char *const *items, guint n)
{
  for (guint k = 0; k < n; k++)
    g_string_append_printf (text, "%s%s", k == 0 ? "" : k + 1 < n ? ", " : " and ", items[k]);
}

char *
ns_compare_summary_sentence (const NsCompareRow *rows, guint n_rows)
{
  Means means;
  GString *text = g_string_new (NULL);
  const char *improving[NS_N_COMPARE_MODELS], *level[NS_N_COMPARE_MODELS],
      *worse[NS_N_COMPARE_MODELS];
  guint n_improving = 0, n_level = 0, n_worse = 0;
  int best = -1;
  guint last, before;

  means_compute (&means, rows, n_rows);
  if (means.n_models == 0)
    {
      g_string_append (text, "No run has finished yet.");
      means_clear (&means);
      return g_string_free (text, FALSE);
    }
  last = means.n_sizes - 1;
  for (guint m = 0; m < means.n_models; m++)
    {
      double at_last = means.means[m * means.n_sizes + last];

      if (!isnan (at_last) && (best < 0 || at_last > means.means[best * means.n_sizes + last]))
        best = (int) m;
    }
  if (means.n_sizes < 2)
    {
      ns_string_append_printf (text,
                               "Only one training-set size was measured (%u images): %s leads "
                               "with %.1f%% test accuracy.",
                               means.sizes[last], model_info[means.models[best]].title,
                               100.0 * means.means[best * means.n_sizes + last]);
      means_clear (&means);
      return g_string_free (text, FALSE);
    }
  /* The largest size at most half the largest: one doubling of the data or more, so a step
   * from 0.8 to 1.0 of the set does not decide alone; the next smaller size without one. */
  before = last - 1;
  for (guint s = 0; s < last; s++)
    if (2 * (guint64) means.sizes[s] <= means.sizes[last])
      before = s;
  for (guint m = 0; m < means.n_models; m++)
    {
      double a = means.means[m * means.n_sizes + before], b = means.means[m * means.n_sizes + last];
      const char *title = model_info[means.models[m]].title;

      if (isnan (a) || isnan (b))
        continue;
      if (b - a > IMPROVES_BY)
        improving[n_improving++] = title;
      else if (a - b > IMPROVES_BY)
        worse[n_worse++] = title;
      else
        level[n_level++] = title;
    }
  ns_string_append_printf (text, "From %u to %u training images ", means.sizes[before],
                           means.sizes[last]);
  if (n_improving > 0)
    {
      append_list (text, improving, n_improving);
      g_string_append (text, n_improving == 1 ? " still improves" : " still improve");
      g_string_append (text, " (by more than half a point)");
    }
  if (n_level > 0)
    {
      g_string_append (text, n_improving > 0 ? ", while " : "");
      append_list (text, level, n_level);
      g_string_append (text, n_level == 1 ? " levels off" : " level off");
      g_string_append (text, " (within half a point)");
    }
  if (n_worse > 0)
    {
      g_string_append (text, n_improving + n_level > 0 ? ", and " : "");
      append_list (text, worse, n_worse);
      g_string_append (text, n_worse == 1 ? " gets worse" : " get worse");
    }
  if (n_improving + n_level + n_worse == 0)
    g_string_append (text, "no model was measured at both sizes");
  ns_string_append_printf (text, "; at %u images %s leads with %.1f%%.", means.sizes[last],
                           model_info[means.models[best]].title,
                           100.0 * means.means[best * means.n_sizes + last]);
  /* People read the sentence first: it starts with a capital. */
  text->str[0] = g_ascii_toupper (text->str[0]);
  means_clear (&means);
  return g_string_free (text, FALSE);
}
