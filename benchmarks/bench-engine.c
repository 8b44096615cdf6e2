/* bench-engine.c: throughput of the engine's hot paths. Prints `name: value unit` lines, each
 * the median of RUNS runs of about RUN_SECONDS each.
 *
 *   train_playground    2 -> [8, 8] tanh -> 1 sigmoid (BCE), batch 10, SGD, 500 spiral points,
 *                       batches gathered from a shuffled order as the trainer does
 *   grid_playground     that network over a 100 x 100 grid, every neuron's output kept
 *   train_digits_shape  64 -> [64] relu -> 10 softmax, batch 32, Adam, random data
 *   train_digits_cnn    1x8x8 -> conv 3x3x8 relu -> max-pool 2 -> 10 softmax, batch 32, Adam,
 *                       random data
 *
 * Usage: bench-engine [--cpu] [train|grid|digits|cnn]. Runs are timed on the wall clock, or
 * with --cpu on the thread's CPU clock: the code is single-threaded, so on an idle machine
 * the two agree, and on a shared one --cpu leaves out the time other processes held the core
 * (for A/B comparisons there; wall-clock figures varied 20-40% between runs).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-common.h"
#include "nn-math.h"
#include "nn-net.h"
#include "nn-rng.h"

#define RUNS 7
#define RUN_SECONDS 0.3

/* ---- a trainer like the experiment's: shuffled epochs, gathered mini-batches ---- */

typedef struct
{
  NnNet *net;
  NnTrainer trainer;
  const float *x; /* n_data x n_inputs: sample-major, as rows of a data file */
  const float *y; /* n_data */
  size_t n_inputs, n_data, batch;
  uint32_t *order;
  size_t pos;
  NnRng shuffle;
  float *xb; /* n_inputs x batch */
  float *yb;
} Trainer;

static void
trainer_init (Trainer *t,
              NnNet *net,
              const NnTrainer *tr,
              const float *x,
              const float *y,
              size_t n_inputs,
              size_t n_data,
              size_t batch)
{
  t->net = net;
  t->trainer = *tr;
  t->x = x;
  t->y = y;
  t->n_inputs = n_inputs;
  t->n_data = n_data;
  t->batch = batch;
  t->order = malloc (n_data * sizeof *t->order);
  t->xb = malloc (n_inputs * batch * sizeof (float));
  t->yb = malloc (batch * sizeof (float));
  for (size_t i = 0; i < n_data; i++)
    t->order[i] = (uint32_t) i;
  nn_rng_seed (&t->shuffle, 7, NN_STREAM_SHUFFLE);
  nn_rng_shuffle_u32 (&t->shuffle, t->order, n_data);
  t->pos = 0;
}

static void
trainer_clear (Trainer *t)
{
  free (t->order);
  free (t->xb);
  free (t->yb);
}

/* one mini-batch: gather the shuffled samples into [input][sample], train; reshuffle at the end
 * of an epoch */
static size_t
trainer_step (Trainer *t)
{
  size_t n = t->n_data - t->pos < t->batch ? t->n_data - t->pos : t->batch;

  for (size_t s = 0; s < n; s++)
    {
      const float *row = t->x + (size_t) t->order[t->pos + s] * t->n_inputs;

      for (size_t i = 0; i < t->n_inputs; i++)
        t->xb[i * n + s] = row[i];
      t->yb[s] = t->y[t->order[t->pos + s]];
    }
  if (nn_net_train_batch (t->net, &t->trainer, t->xb, t->yb, n) != NN_OK)
    {
      fprintf (stderr, "training failed\n");
      exit (1);
    }
  t->pos += n;
  if (t->pos == t->n_data)
    {
      nn_rng_shuffle_u32 (&t->shuffle, t->order, t->n_data);
      t->pos = 0;
    }
  return n;
}

/* samples per second: median over RUNS runs */
static double
bench_train (Trainer *t, clockid_t clock)
{
  double rates[RUNS];

  for (size_t i = 0; i < 200; i++) /* warm up */
    trainer_step (t);
  for (int r = 0; r < RUNS; r++)
    {
      size_t samples = 0;
      double t0 = bench_now (clock), t1;

      do
        {
          for (int k = 0; k < 256; k++)
            samples += trainer_step (t);
          t1 = bench_now (clock);
        }
      while (t1 - t0 < RUN_SECONDS);
      rates[r] = (double) samples / (t1 - t0);
    }
  return bench_median (rates, RUNS);
}

/* two interleaved spirals with a little noise, labels 0/1; x is n x 2 */
static void
make_spiral (float *x, float *y, size_t n, NnRng *rng)
{
  for (size_t s = 0; s < n; s++)
    {
      double r = 5.0 * (double) (s / 2) / (double) (n / 2);
      double t = 1.75 * r * 2.0 * NN_PI / 5.0 + (s % 2 ? NN_PI : 0.0);

      x[2 * s] = (float) (r * nn_sin (t) + nn_rng_range (rng, -0.3, 0.3));
      x[2 * s + 1] = (float) (r * nn_cos (t) + nn_rng_range (rng, -0.3, 0.3));
      y[s] = (float) (s % 2);
    }
}

static NnNet *
playground_net (void)
{
  NnLayerSpec specs[] = { nn_layer_spec_dense (8, NN_ACT_TANH),
                          nn_layer_spec_dense (8, NN_ACT_TANH) };
  NnNet *net = nn_net_new (nn_shape_vector (2), specs, 2, NN_LOSS_BCE, 0);
  NnRng init;

  nn_rng_seed (&init, 1, NN_STREAM_INIT);
  nn_net_init_params (net, &init);
  return net;
}

static void
bench_playground (int train, int grid, clockid_t clock)
{
  enum
  {
    N = 500,
    GRID = 100
  };
  float x[2 * N], y[N];
  NnRng rng;
  NnNet *net = playground_net ();
  NnTrainer tr;
  Trainer t;
  float *gx, *out;
  double rates[RUNS];

  nn_rng_seed (&rng, 3, NN_STREAM_DATA);
  make_spiral (x, y, N, &rng);
  nn_trainer_defaults (&tr); /* SGD, lr 0.03 */
  trainer_init (&t, net, &tr, x, y, 2, N, 10);
  if (train)
    printf ("train_playground: %.0f samples/s\n", bench_train (&t, clock));
  trainer_clear (&t);
  if (!grid)
    {
      nn_net_free (net);
      return;
    }

  gx = malloc (2 * GRID * GRID * sizeof (float));
  out = malloc (nn_net_n_units (net) * GRID * GRID * sizeof (float));
  for (size_t r = 0; r < GRID; r++)
    for (size_t c = 0; c < GRID; c++)
      {
        gx[r * GRID + c] = -6.0f + 12.0f * ((float) c + 0.5f) / GRID;
        gx[GRID * GRID + r * GRID + c] = 6.0f - 12.0f * ((float) r + 0.5f) / GRID;
      }
  for (int r = 0; r < RUNS; r++)
    {
      size_t grids = 0;
      double t0 = bench_now (clock), t1;

      do
        {
          for (int k = 0; k < 16; k++)
            nn_net_eval_grid (net, gx, GRID * GRID, out);
          grids += 16;
          t1 = bench_now (clock);
        }
      while (t1 - t0 < RUN_SECONDS);
      rates[r] = (double) grids / (t1 - t0);
    }
  printf ("grid_playground: %.0f grids/s\n", bench_median (rates, RUNS));
  free (gx);
  free (out);
  nn_net_free (net);
}

/* random 8x8 "digits" through @net: samples/s of training with Adam, batch 32 */
static double
bench_digits_net (NnNet *net, clockid_t clock)
{
  enum
  {
    N = 1024,
    IN = 64
  };
  float *x = malloc (IN * N * sizeof (float));
  float *y = malloc (N * sizeof (float));
  NnRng rng, init;
  NnTrainer tr;
  Trainer t;
  double rate;

  nn_rng_seed (&rng, 5, NN_STREAM_DATA);
  nn_rng_seed (&init, 5, NN_STREAM_INIT);
  nn_net_init_params (net, &init);
  for (size_t k = 0; k < IN * N; k++)
    x[k] = nn_rng_uniform (&rng);
  for (size_t s = 0; s < N; s++)
    y[s] = (float) nn_rng_below (&rng, 10);
  nn_trainer_defaults (&tr);
  tr.optimizer = NN_OPT_ADAM;
  tr.learning_rate = 0.001f;
  trainer_init (&t, net, &tr, x, y, IN, N, 32);
  rate = bench_train (&t, clock);
  trainer_clear (&t);
  free (x);
  free (y);
  return rate;
}

static void
bench_digits (clockid_t clock)
{
  NnLayerSpec specs[] = { nn_layer_spec_dense (64, NN_ACT_RELU) };
  NnNet *net = nn_net_new (nn_shape_vector (64), specs, 1, NN_LOSS_SOFTMAX_CE, 10);

  printf ("train_digits_shape: %.0f samples/s\n", bench_digits_net (net, clock));
  nn_net_free (net);
}

static void
bench_digits_cnn (clockid_t clock)
{
  NnShape image = { 1, 8, 8 };
  NnLayerSpec specs[] = { nn_layer_spec_conv (8, 3, NN_ACT_RELU), nn_layer_spec_pool (2) };
  NnNet *net = nn_net_new (image, specs, 2, NN_LOSS_SOFTMAX_CE, 10);

  printf ("train_digits_cnn: %.0f samples/s\n", bench_digits_net (net, clock));
  nn_net_free (net);
}

int
main (int argc, char **argv)
{
  int cpu = argc > 1 && strcmp (argv[1], "--cpu") == 0;
  clockid_t clock = cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC;
  const char *only = argc > 1 + cpu ? argv[1 + cpu] : NULL;

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (only == NULL || strcmp (only, "train") == 0 || strcmp (only, "grid") == 0)
    bench_playground (only == NULL || strcmp (only, "train") == 0,
                      only == NULL || strcmp (only, "grid") == 0, clock);
  if (only == NULL || strcmp (only, "digits") == 0)
    bench_digits (clock);
  if (only == NULL || strcmp (only, "cnn") == 0)
    bench_digits_cnn (clock);
  return 0;
}
