/* test-experiment-compare.c: the data-scaling runner: the CSV's shape, determinism, the plan,
 * cancelling, the summary's sentence following the numbers, and bad settings. */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ns-compare.h"

/* A tiny run: 200 apples (160 training, 40 test), two fractions, one run. */
static NsDataset *
tiny_apples (void)
{
  NnRng rng;

  nn_rng_seed (&rng, 1, NN_STREAM_DATA);
  return ns_dataset_generate_apples (200, &rng);
}

static void
tiny_settings (NsCompareSettings *settings, const char *models)
{
  g_autoptr (GError) error = NULL;

  ns_compare_settings_init (settings);
  g_assert_true (ns_compare_parse_models (models, settings, &error));
  g_assert_no_error (error);
  g_assert_true (ns_compare_parse_fractions ("0.25,1", settings, &error));
  g_assert_no_error (error);
  settings->runs = 1;
  settings->epochs = 2;
  settings->min_steps = 10;
}

static void
test_csv_shape (void)
{
  g_autoptr (NsDataset) data = tiny_apples ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;
  NsCompareSettings settings;

  tiny_settings (&settings, "cnn,logreg_features");
  rows = ns_compare_run (data, &settings, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 4);

  csv = ns_compare_rows_to_csv ((const NsCompareRow *) (void *) rows->data, rows->len);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6); /* header, 4 rows, "" after the last \n */
  g_assert_cmpstr (lines[0], ==, "model,fraction,seed,train_samples,test_accuracy");
  g_assert_cmpstr (lines[5], ==, "");
  for (guint k = 1; k <= 4; k++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[k], ",", -1);
      double fraction = g_ascii_strtod (cells[1], NULL);
      double accuracy = g_ascii_strtod (cells[4], NULL);

      g_assert_cmpuint (g_strv_length (cells), ==, 5);
      /* Model by model, fractions in the order given. */
      g_assert_cmpstr (cells[0], ==, k <= 2 ? "cnn" : "logreg_features");
      g_assert_cmpfloat (fraction, ==, (k % 2) == 1 ? 0.25 : 1.0);
      g_assert_cmpstr (cells[2], ==, "1");
      /* 80 of each class in training: a quarter is 20 + 20. */
      g_assert_cmpstr (cells[3], ==, (k % 2) == 1 ? "40" : "160");
      g_assert_true (accuracy >= 0.0 && accuracy <= 1.0);
      /* 40 test images: a multiple of 1/40, read back exactly as written. */
      g_assert_cmpfloat (fabs (accuracy * 40 - round (accuracy * 40)), <, 1e-9);
      g_assert_cmpfloat (accuracy, ==, g_array_index (rows, NsCompareRow, k - 1).test_accuracy);
    }
  /* Both classes of apples are told apart better than chance by the features at 160 images. */
  g_assert_cmpfloat (g_array_index (rows, NsCompareRow, 3).test_accuracy, >, 0.6);
}

static void
test_deterministic (void)
{
  g_autoptr (NsDataset) data = tiny_apples ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) a = NULL;
  g_autoptr (GArray) b = NULL;
  g_autofree char *csv_a = NULL;
  g_autofree char *csv_b = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  NsCompareSettings settings;
  int fd;

  tiny_settings (&settings, "mlp,cnn,logreg_pixels,logreg_features,knn_features,knn_pixels");
  settings.runs = 2;
  a = ns_compare_run (data, &settings, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  b = ns_compare_run (data, &settings, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  csv_a = ns_compare_rows_to_csv ((const NsCompareRow *) (void *) a->data, a->len);
  csv_b = ns_compare_rows_to_csv ((const NsCompareRow *) (void *) b->data, b->len);
  g_assert_cmpstr (csv_a, ==, csv_b);
  /* Two seeds of the cnn at a quarter differ: the seed reaches the run. */
  g_assert_cmpuint (a->len, ==, 6 * 2 * 2);
  g_assert_true (g_array_index (a, NsCompareRow, 2).seed == 1
                 && g_array_index (a, NsCompareRow, 3).seed == 2);

  /* The file holds the same bytes. */
  fd = g_file_open_tmp ("compare-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (
      ns_compare_write_csv (path, (const NsCompareRow *) (void *) a->data, a->len, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_cmpstr (written, ==, csv_a);
  g_unlink (path);
}

/* The plan has the sizes the runs then have, and NaN accuracies. */
static void
test_plan (void)
{
  g_autoptr (NsDataset) data = tiny_apples ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) plan = NULL;
  g_autoptr (GArray) rows = NULL;
  NsCompareSettings settings;

  tiny_settings (&settings, "logreg_features,knn_features");
  /* 0.001 of 80 rounds to 0 per class: one each is kept. */
  g_assert_true (ns_compare_parse_fractions ("0.001,0.3,1", &settings, &error));
  settings.runs = 2;
  plan = ns_compare_plan (data, &settings);
  rows = ns_compare_run (data, &settings, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, rows->len);
  for (guint k = 0; k < plan->len; k++)
    {
      const NsCompareRow *p = &g_array_index (plan, NsCompareRow, k);
      const NsCompareRow *r = &g_array_index (rows, NsCompareRow, k);

      g_assert_true (isnan (p->test_accuracy));
      g_assert_false (isnan (r->test_accuracy));
      g_assert_cmpint (p->model, ==, r->model);
      g_assert_cmpfloat (p->fraction, ==, r->fraction);
      g_assert_cmpuint (p->seed, ==, r->seed);
      g_assert_cmpuint (p->train_samples, ==, r->train_samples);
    }
  g_assert_cmpuint (g_array_index (plan, NsCompareRow, 0).train_samples, ==, 2);
  g_assert_cmpuint (g_array_index (plan, NsCompareRow, 2).train_samples, ==, 48);
}

typedef struct
{
  GCancellable *cancellable;
  guint calls;
  guint cancel_after;
  guint last_done, last_total;
} Progress;

static void
progress_cb (const NsCompareRow *row, guint done, guint total, gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_false (isnan (row->test_accuracy));
  g_assert_cmpuint (done, ==, progress->last_done + 1);
  progress->last_done = done;
  progress->last_total = total;
  progress->calls++;
  if (progress->calls == progress->cancel_after)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_progress (void)
{
  g_autoptr (NsDataset) data = tiny_apples ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = NULL;
  NsCompareSettings settings;
  Progress progress = { 0 };

  tiny_settings (&settings, "logreg_features,knn_features");
  rows = ns_compare_run (data, &settings, progress_cb, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, ==, 4);
  g_assert_cmpuint (progress.last_total, ==, 4);
}

/* Cancelled from the progress callback: no rows, G_IO_ERROR_CANCELLED, no more runs. */
static void
test_cancel_from_progress (void)
{
  g_autoptr (NsDataset) data = tiny_apples ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  NsCompareSettings settings;
  Progress progress = { cancellable, 0, 1, 0, 0 };

  tiny_settings (&settings, "logreg_features,knn_features,mlp");
  rows = ns_compare_run (data, &settings, progress_cb, &progress, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (rows);
  g_assert_cmpuint (progress.calls, ==, 1);
}

typedef struct
{
  const NsDataset *data;
  const NsCompareSettings *settings;
  GCancellable *cancellable;
  GError *error;
  GArray *rows;
  gint started;
} Worker;

static void
started_cb (const NsCompareRow *row, guint done, guint total, gpointer user_data)
{
  Worker *worker = user_data;

  g_atomic_int_set (&worker->started, 1);
}

static gpointer
worker_thread (gpointer user_data)
{
  Worker *worker = user_data;

  worker->rows = ns_compare_run (worker->data, worker->settings, started_cb, worker,
                                 worker->cancellable, &worker->error);
  return NULL;
}

/* Cancelled from another thread while a long network run goes on: the runner stops within an
 * epoch, long before the run would have ended. */
static void
test_cancel_from_thread (void)
{
  g_autoptr (NsDataset) data = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  NsCompareSettings settings;
  Worker worker = { 0 };
  GThread *thread;
  gint64 start;
  NnRng rng;

  nn_rng_seed (&rng, 2, NN_STREAM_DATA);
  data = ns_dataset_generate_apples (1000, &rng);
  tiny_settings (&settings, "knn_features,cnn");
  settings.epochs = 100000; /* hours, were it not cancelled */
  worker = (Worker){ data, &settings, cancellable, NULL, NULL, 0 };
  thread = g_thread_new ("compare", worker_thread, &worker);
  /* The first (kNN) row has arrived: the cnn is training. */
  while (!g_atomic_int_get (&worker.started))
    g_usleep (1000);
  g_usleep (50000);
  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_error (worker.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (worker.rows);
  g_clear_error (&worker.error);
}

/* Numbers as short as they can be while reading back exactly; NaN as "nan". */
static void
test_csv_numbers (void)
{
  const NsCompareRow rows[] = {
    { NS_COMPARE_MLP, 0.1, 7, 10, 0.9538 },
    { NS_COMPARE_CNN, 0.02, 8, 30, 1.0 / 3.0 },
    { NS_COMPARE_KNN_PIXELS, 1.0, 9, 40, NAN },
  };
  g_autofree char *csv = ns_compare_rows_to_csv (rows, G_N_ELEMENTS (rows));

  g_assert_cmpstr (csv, ==,
                   "model,fraction,seed,train_samples,test_accuracy\n"
                   "mlp,0.1,7,10,0.9538\n"
                   "cnn,0.02,8,30,0.3333333333333333\n"
                   "knn_pixels,1,9,40,nan\n");
}

static NsCompareRow
row (NsCompareModel model, guint samples, double accuracy)
{
  return (NsCompareRow){ model, samples / 1000.0, 1, samples, accuracy };
}

/* The sentence says what the numbers say, whichever way they go. */
static void
test_summary (void)
{
  const NsCompareRow rising[] = {
    row (NS_COMPARE_CNN, 100, 0.80),
    row (NS_COMPARE_CNN, 500, 0.85),
    row (NS_COMPARE_CNN, 1000, 0.93),
    row (NS_COMPARE_LOGREG_FEATURES, 100, 0.82),
    row (NS_COMPARE_LOGREG_FEATURES, 500, 0.846),
    row (NS_COMPARE_LOGREG_FEATURES, 1000, 0.848),
    row (NS_COMPARE_MLP, 100, NAN),
    row (NS_COMPARE_MLP, 1000, 0.70),
  };
  const NsCompareRow falling[] = {
    row (NS_COMPARE_KNN_FEATURES, 100, 0.9),
    row (NS_COMPARE_KNN_FEATURES, 200, 0.8),
  };
  g_autofree char *a = ns_compare_summary_sentence (rising, G_N_ELEMENTS (rising));
  g_autofree char *b = ns_compare_summary_sentence (falling, G_N_ELEMENTS (falling));
  g_autofree char *c = ns_compare_summary_sentence (rising, 1);
  g_autofree char *d = ns_compare_summary_sentence (rising + 6, 1);
  g_autofree char *table = ns_compare_summary_table (rising, G_N_ELEMENTS (rising));

  g_test_message ("%s\n%s\n%s\n%s\n%s", a, b, c, d, table);
  /* 500 is the largest size at most half of 1000. */
  g_assert_nonnull (strstr (a, "From 500 to 1000 training images"));
  g_assert_nonnull (strstr (a, "the CNN still improves"));
  g_assert_nonnull (strstr (a, "logistic regression on hand features levels off"));
  g_assert_nonnull (strstr (a, "the CNN leads with 93.0%"));
  /* The MLP has no number at 500: it is not judged. */
  g_assert_null (strstr (a, "MLP"));
  g_assert_nonnull (strstr (b, "kNN on hand features gets worse"));
  g_assert_null (strstr (b, "improve"));
  g_assert_nonnull (strstr (c, "Only one training-set size"));
  g_assert_nonnull (strstr (d, "No run has finished yet"));
  g_assert_nonnull (strstr (table, "cnn               0.8000  0.8500  0.9300"));
  g_assert_nonnull (strstr (table, "mlp                    -       -  0.7000"));
}

static void
test_bad_settings (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) iris = NULL;
  g_autoptr (GArray) rows = NULL;
  NsCompareSettings settings;
  NnRng rng;

  ns_compare_settings_init (&settings);
  g_assert_false (ns_compare_parse_models ("mlp,svm", &settings, &error));
  g_assert_nonnull (strstr (error->message, "--models"));
  g_assert_nonnull (strstr (error->message, "svm"));
  g_clear_error (&error);
  g_assert_false (ns_compare_parse_models ("mlp,mlp", &settings, &error));
  g_clear_error (&error);
  g_assert_false (ns_compare_parse_models ("", &settings, &error));
  g_clear_error (&error);
  g_assert_false (ns_compare_parse_fractions ("0.5,0", &settings, &error));
  g_assert_nonnull (strstr (error->message, "--fractions"));
  g_clear_error (&error);
  g_assert_false (ns_compare_parse_fractions ("1.5", &settings, &error));
  g_clear_error (&error);
  g_assert_false (ns_compare_parse_fractions ("0,5", &settings, &error));
  g_clear_error (&error);
  g_assert_false (ns_compare_parse_fractions ("nan", &settings, &error));
  g_clear_error (&error);
  /* Nothing changed by the refused lists. */
  g_assert_cmpuint (settings.n_models, ==, 5);
  g_assert_cmpuint (settings.n_fractions, ==, 7);

  /* Data that is no image is refused with a message, not run. */
  nn_rng_seed (&rng, 1, NN_STREAM_DATA);
  iris = ns_dataset_load_builtin (NS_DATASET_IRIS, 0, &rng, &error);
  g_assert_no_error (error);
  rows = ns_compare_run (iris, &settings, NULL, NULL, NULL, &error);
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_null (rows);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare/csv-shape", test_csv_shape);
  g_test_add_func ("/compare/csv-numbers", test_csv_numbers);
  g_test_add_func ("/compare/deterministic", test_deterministic);
  g_test_add_func ("/compare/plan", test_plan);
  g_test_add_func ("/compare/progress", test_progress);
  g_test_add_func ("/compare/cancel-from-progress", test_cancel_from_progress);
  g_test_add_func ("/compare/cancel-from-thread", test_cancel_from_thread);
  g_test_add_func ("/compare/summary", test_summary);
  g_test_add_func ("/compare/bad-settings", test_bad_settings);
  return g_test_run ();
}
