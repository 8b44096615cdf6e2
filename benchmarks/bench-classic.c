/* bench-classic.c: the classic models and hand features at the data-scaling experiment's sizes.
 * Prints `name: value unit` lines, each the median of RUNS runs.
 *
 *   logreg_digits_fit     logistic regression on the digits' pixels, 1,437 x 64, 10 classes,
 *                         default settings (300 iterations): milliseconds per fit
 *   logreg_features_fit   the same on zones + projections + hog (64 values)
 *   knn_apples_predict    kNN (k 5) with 20,000 training rows of 7 features (random), 5,000
 *                         queries: milliseconds for all of them
 *   hand_features_apples  colour, roundness, stem, texture of 3 x 16 x 16 images: images/s
 *
 * The digits are read from the CSV given as the first argument (meson passes datasets/digits.csv).
 * Each figure is wall time; a `_cpu` line beside the model figures gives the process's CPU time
 * for the same runs, the steadier figure when the machine is shared.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "bench-common.h"
#include "ns-classic.h"
#include "ns-hand-features.h"
#include "nn-rng.h"

#define RUNS 5

/* The first 1,437 digits (the experiment's training set size at fraction 1.0), pixels / 16. */
static gsize
load_digits (const char *path, float *x, float *y, gsize max)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  gsize n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  lines = g_strsplit (text, "\n", -1);
  for (gsize i = 1; lines[i] != NULL && n < max; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], ",", -1);

      if (g_strv_length (cells) != 65)
        continue;
      for (guint j = 0; j < 64; j++)
        x[n * 64 + j] = (float) g_ascii_strtod (cells[j], NULL) / 16;
      y[n] = (float) g_ascii_strtod (cells[64], NULL);
      n++;
    }
  return n;
}

static void
time_logreg (const char *name, const float *x, const float *y, gsize n, guint dim)
{
  double times[RUNS], cpu_times[RUNS];

  for (int r = 0; r < RUNS; r++)
    {
      double t0 = bench_now (CLOCK_MONOTONIC), c0 = bench_now (CLOCK_PROCESS_CPUTIME_ID);
      NsClassic *model = ns_classic_train (NS_CLASSIC_LOGREG, NULL, x, y, n, dim, 10, NULL);

      times[r] = bench_now (CLOCK_MONOTONIC) - t0;
      cpu_times[r] = bench_now (CLOCK_PROCESS_CPUTIME_ID) - c0;
      ns_classic_free (model);
    }
  printf ("%s: %.1f ms\n", name, 1e3 * bench_median (times, RUNS));
  printf ("%s_cpu: %.1f ms\n", name, 1e3 * bench_median (cpu_times, RUNS));
}

/* Images of a disc (random colour, size, position) on a random background, with noise. */
static void
make_blobs (float *images, gsize n, NnRng *rng)
{
  for (gsize s = 0; s < n; s++)
    {
      float *image = images + s * 3 * 256;
      double cx = nn_rng_range (rng, 5, 11), cy = nn_rng_range (rng, 5, 11);
      double radius = nn_rng_range (rng, 3, 6);
      float fg[3], bg[3];

      for (int c = 0; c < 3; c++)
        {
          fg[c] = nn_rng_uniform (rng);
          bg[c] = nn_rng_uniform (rng);
        }
      for (int y = 0; y < 16; y++)
        for (int x = 0; x < 16; x++)
          {
            double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
            gboolean inside = dx * dx + dy * dy <= radius * radius;

            for (int c = 0; c < 3; c++)
              image[c * 256 + y * 16 + x] =
                  CLAMP ((inside ? fg[c] : bg[c]) + 0.05f * (nn_rng_uniform (rng) - 0.5f), 0, 1);
          }
    }
}

int
main (int argc, char *argv[])
{
  const gsize n_digits = 1437, n_train = 20000, n_query = 5000, n_images = 20000;
  const guint knn_dim = 7;
  g_autofree float *x = g_new (float, 1797 * 64);
  g_autofree float *y = g_new (float, 1797);
  g_autofree float *features = NULL;
  g_autofree float *knn_x = g_new (float, n_train *knn_dim);
  g_autofree float *knn_y = g_new (float, n_train);
  g_autofree float *queries = g_new (float, n_query *knn_dim);
  g_autofree guint *predicted = g_new (guint, n_query);
  g_autofree float *images = g_new (float, n_images * 3 * 256);
  g_autofree float *apple_features = g_new (float, n_images * 7);
  double times[RUNS], cpu_times[RUNS];
  NsClassicParams params;
  NsClassic *knn;
  NnRng rng;
  gsize n;
  guint dim = ns_hand_features_dim (NS_HAND_FEATURES_DIGITS, 1, 8, 8);

  if (argc < 2 || (n = load_digits (argv[1], x, y, n_digits)) != n_digits)
    {
      fprintf (stderr, "usage: %s DIGITS.CSV (with at least %zu rows)\n", argv[0], n_digits);
      return 1;
    }

  time_logreg ("logreg_digits_fit", x, y, n, 64);
  features = g_new (float, n *dim);
  ns_hand_features_compute (NS_HAND_FEATURES_DIGITS, x, n, 1, 8, 8, features, NULL);
  time_logreg ("logreg_features_fit", features, y, n, dim);

  nn_rng_seed (&rng, 42, NN_STREAM_DATA);
  for (gsize i = 0; i < n_train * knn_dim; i++)
    knn_x[i] = nn_rng_uniform (&rng);
  for (gsize i = 0; i < n_train; i++)
    knn_y[i] = (float) nn_rng_below (&rng, 2);
  for (gsize i = 0; i < n_query * knn_dim; i++)
    queries[i] = nn_rng_uniform (&rng);
  ns_classic_params_init (&params);
  knn = ns_classic_train (NS_CLASSIC_KNN, &params, knn_x, knn_y, n_train, knn_dim, 2, NULL);
  for (int r = 0; r < RUNS; r++)
    {
      double t0 = bench_now (CLOCK_MONOTONIC), c0 = bench_now (CLOCK_PROCESS_CPUTIME_ID);

      ns_classic_predict (knn, queries, n_query, predicted, NULL);
      times[r] = bench_now (CLOCK_MONOTONIC) - t0;
      cpu_times[r] = bench_now (CLOCK_PROCESS_CPUTIME_ID) - c0;
    }
  ns_classic_free (knn);
  printf ("knn_apples_predict: %.1f ms\n", 1e3 * bench_median (times, RUNS));
  printf ("knn_apples_predict_cpu: %.1f ms\n", 1e3 * bench_median (cpu_times, RUNS));

  make_blobs (images, n_images, &rng);
  for (int r = 0; r < RUNS; r++)
    {
      double t0 = bench_now (CLOCK_MONOTONIC);

      ns_hand_features_compute (NS_HAND_FEATURES_APPLES, images, n_images, 3, 16, 16,
                                apple_features, NULL);
      times[r] = bench_now (CLOCK_MONOTONIC) - t0;
    }
  printf ("hand_features_apples: %.0f images/s\n", n_images / bench_median (times, RUNS));
  return 0;
}
