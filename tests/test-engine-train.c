/* test-engine-train.c: the engine learns. XOR by 2-4-1 tanh / BCE with SGD and with Adam; a
 * small regression (sin x by 1-[16]-1 tanh / MSE); a 3-class problem with softmax; and runs are
 * deterministic: the same seed gives bit-identical parameters, another seed different ones. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "nn-math.h"
#include "nn-net.h"
#include "ns-test-net.h"

static const float xor_x[8] = { 0, 0, 1, 1, /* x1 of the 4 points */
                                0, 1, 0, 1 /* x2 */ };
static const float xor_y[4] = { 0, 1, 1, 0 };

static NnNet *
xor_net (uint64_t seed)
{
  size_t widths[] = { 4 };
  NnActivation acts[] = { NN_ACT_TANH };
  NnNet *net = dense_net_new (2, 1, widths, acts, NN_LOSS_BCE, 0);
  NnRng init;

  g_assert_nonnull (net);
  nn_rng_seed (&init, seed, NN_STREAM_INIT);
  nn_net_init_params (net, &init);
  return net;
}

static void
check_xor (NnOptimizer opt, float lr, int steps)
{
  for (uint64_t seed = 1; seed <= 3; seed++)
    {
      NnNet *net = xor_net (seed);
      NnTrainer tr;
      double loss, accuracy;

      nn_trainer_defaults (&tr);
      tr.optimizer = opt;
      tr.learning_rate = lr;
      for (int k = 0; k < steps; k++)
        g_assert_cmpint (nn_net_train_batch (net, &tr, xor_x, xor_y, 4), ==, NN_OK);
      g_assert_cmpint (nn_net_evaluate (net, xor_x, xor_y, 4, &loss, &accuracy), ==, NN_OK);
      g_test_message ("xor, %s, seed %d: loss %.4g, accuracy %.2f", nn_optimizer_name (opt),
                      (int) seed, loss, accuracy);
      g_assert_cmpfloat (loss, <, 0.05);
      g_assert_cmpfloat (accuracy, ==, 1.0);
      /* the kept forward agrees with evaluate */
      g_assert_cmpint (nn_net_forward (net, xor_x, 4), ==, NN_OK);
      g_assert_cmpfloat (fabs (nn_net_loss (net, xor_y) - loss), <, 1e-12);
      for (size_t s = 0; s < 4; s++)
        g_assert_cmpint (net->acts[net->layers[1].unit_offset * net->batch_cap + s] >= 0.5f, ==,
                         xor_y[s] > 0.5f);
      nn_net_free (net);
    }
}

static void
test_xor_sgd (void)
{
  check_xor (NN_OPT_SGD, 0.5f, 3000);
}

static void
test_xor_adam (void)
{
  check_xor (NN_OPT_ADAM, 0.05f, 1000);
}

static void
test_xor_momentum (void)
{
  check_xor (NN_OPT_MOMENTUM, 0.1f, 1000);
}

/* y = sin (x) on 64 points of [-3, 3], mini-batches of 16 */
static void
test_regression (void)
{
  enum
  {
    N = 64,
    B = 16
  };
  size_t widths[] = { 16 };
  NnActivation acts[] = { NN_ACT_TANH };
  NnNet *net = dense_net_new (1, 1, widths, acts, NN_LOSS_MSE, 0);
  float x[N], y[N];
  NnRng init;
  NnTrainer tr;
  double loss0, loss, accuracy;

  g_assert_nonnull (net);
  for (size_t s = 0; s < N; s++)
    {
      x[s] = -3.0f + 6.0f * (float) s / (N - 1);
      y[s] = (float) nn_sin (x[s]);
    }
  nn_rng_seed (&init, 7, NN_STREAM_INIT);
  nn_net_init_params (net, &init);
  nn_trainer_defaults (&tr);
  tr.optimizer = NN_OPT_ADAM;
  tr.learning_rate = 0.01f;
  g_assert_cmpint (nn_net_evaluate (net, x, y, N, &loss0, &accuracy), ==, NN_OK);
  g_assert_true (isnan (accuracy));
  for (int epoch = 0; epoch < 1500; epoch++)
    for (size_t b = 0; b < N / B; b++)
      {
        float xb[B], yb[B];

        for (size_t s = 0; s < B; s++) /* every 4th point: each batch spans [-3, 3] */
          {
            xb[s] = x[s * (N / B) + b];
            yb[s] = y[s * (N / B) + b];
          }
        g_assert_cmpint (nn_net_train_batch (net, &tr, xb, yb, B), ==, NN_OK);
      }
  g_assert_cmpint (nn_net_evaluate (net, x, y, N, &loss, &accuracy), ==, NN_OK);
  g_test_message ("regression: loss %.4g -> %.4g", loss0, loss);
  g_assert_cmpfloat (loss, <, 0.002);
  g_assert_cmpfloat (loss, <, loss0 / 20);
  nn_net_free (net);
}

/* three Gaussian blobs, softmax with relu */
static void
test_softmax_blobs (void)
{
  enum
  {
    N = 150
  };
  size_t widths[] = { 8 };
  NnActivation acts[] = { NN_ACT_RELU };
  NnNet *net = dense_net_new (2, 1, widths, acts, NN_LOSS_SOFTMAX_CE, 3);
  static const float centres[3][2] = { { -2, 0 }, { 2, 0 }, { 0, 2.5f } };
  float x[2 * N], y[N];
  NnRng init, data;
  NnTrainer tr;
  double loss, accuracy;

  nn_rng_seed (&init, 3, NN_STREAM_INIT);
  nn_rng_seed (&data, 3, NN_STREAM_DATA);
  nn_net_init_params (net, &init);
  for (size_t s = 0; s < N; s++)
    {
      y[s] = (float) (s % 3);
      x[s] = centres[s % 3][0] + 0.6f * (float) nn_rng_normal (&data);
      x[N + s] = centres[s % 3][1] + 0.6f * (float) nn_rng_normal (&data);
    }
  nn_trainer_defaults (&tr);
  tr.optimizer = NN_OPT_ADAM;
  tr.learning_rate = 0.02f;
  tr.regularization = NN_REG_L2;
  tr.reg_rate = 1e-4f;
  for (int k = 0; k < 500; k++)
    g_assert_cmpint (nn_net_train_batch (net, &tr, x, y, N), ==, NN_OK);
  g_assert_cmpint (nn_net_evaluate (net, x, y, N, &loss, &accuracy), ==, NN_OK);
  g_test_message ("blobs: loss %.4g, accuracy %.3f", loss, accuracy);
  g_assert_cmpfloat (accuracy, >=, 0.95);
  g_assert_cmpfloat (loss, <, 0.2);
  nn_net_free (net);
}

/* a run: 2-[8, 8]-1 tanh, Adam with clipping and L1, 300 mini-batches of 10 from a shuffled
 * order of 100 noisy points */
static NnNet *
run (uint64_t seed)
{
  enum
  {
    N = 100,
    B = 10
  };
  size_t widths[] = { 8, 8 };
  NnActivation acts[] = { NN_ACT_TANH, NN_ACT_TANH };
  NnNet *net = dense_net_new (2, 2, widths, acts, NN_LOSS_BCE, 0);
  float x[2 * N], y[N];
  uint32_t order[N];
  NnRng init, data, shuffle;
  NnTrainer tr;

  nn_rng_seed (&init, seed, NN_STREAM_INIT);
  nn_rng_seed (&data, 1, NN_STREAM_DATA); /* the same data for every run */
  nn_rng_seed (&shuffle, seed, NN_STREAM_SHUFFLE);
  nn_net_init_params (net, &init);
  for (size_t s = 0; s < N; s++)
    {
      x[s] = (float) nn_rng_range (&data, -1, 1);
      x[N + s] = (float) nn_rng_range (&data, -1, 1);
      y[s] = x[s] * x[N + s] + 0.1 * nn_rng_normal (&data) > 0 ? 1.0f : 0.0f;
      order[s] = (uint32_t) s;
    }
  nn_trainer_defaults (&tr);
  tr.optimizer = NN_OPT_ADAM;
  tr.learning_rate = 0.01f;
  tr.clip_norm = 1.0f;
  tr.regularization = NN_REG_L1;
  tr.reg_rate = 1e-3f;
  for (int step = 0; step < 300; step++)
    {
      float xb[2 * B], yb[B];

      if (step % (N / B) == 0)
        nn_rng_shuffle_u32 (&shuffle, order, N);
      for (size_t s = 0; s < B; s++)
        {
          uint32_t k = order[(step % (N / B)) * B + s];

          xb[s] = x[k];
          xb[B + s] = x[N + k];
          yb[s] = y[k];
        }
      g_assert_cmpint (nn_net_train_batch (net, &tr, xb, yb, B), ==, NN_OK);
    }
  return net;
}

static void
test_determinism (void)
{
  NnNet *a = run (5), *b = run (5), *c = run (6);

  g_assert_cmpuint (a->n_updates, ==, 300);
  g_assert_cmpmem (a->mem, 4 * a->n_params * sizeof (float), b->mem,
                   4 * b->n_params * sizeof (float));
  g_assert_cmpfloat (a->adam_beta2_power, ==, b->adam_beta2_power);
  g_assert_true (memcmp (a->params, c->params, a->n_params * sizeof (float)) != 0);
  nn_net_free (a);
  nn_net_free (b);
  nn_net_free (c);
}

/* stepping sample by sample (forward 1, backward 1/B, update after the last) equals batch
 * steps, over many steps */
static void
test_stepping_equals_batches (void)
{
  NnNet *a = xor_net (9), *b = xor_net (9);
  NnTrainer tr;

  nn_trainer_defaults (&tr);
  tr.optimizer = NN_OPT_MOMENTUM;
  tr.learning_rate = 0.2f;
  for (int k = 0; k < 200; k++)
    {
      g_assert_cmpint (nn_net_train_batch (a, &tr, xor_x, xor_y, 4), ==, NN_OK);
      nn_net_zero_grads (b);
      for (size_t s = 0; s < 4; s++)
        {
          float xs[2] = { xor_x[s], xor_x[4 + s] };

          g_assert_cmpint (nn_net_forward (b, xs, 1), ==, NN_OK);
          g_assert_cmpint (nn_net_backward (b, &xor_y[s], 1.0f / 4), ==, NN_OK);
        }
      g_assert_cmpint (nn_net_update (b, &tr), ==, NN_OK);
    }
  g_assert_cmpmem (a->mem, 4 * a->n_params * sizeof (float), b->mem,
                   4 * b->n_params * sizeof (float));
  nn_net_free (a);
  nn_net_free (b);
}

/* linear regression with a learning rate far too large: |w| grows 9-fold per step until it
 * overflows, and the update says so */
static void
test_diverges (void)
{
  NnNet *net = dense_net_new (1, 0, NULL, NULL, NN_LOSS_MSE, 0);
  float x[2] = { 1, -1 }, y[2] = { 1, -1 };
  NnTrainer tr;
  NnStatus st = NN_OK;
  int steps = 0;

  nn_trainer_defaults (&tr);
  tr.learning_rate = 10.0f;
  net->params[0] = 0.5f;
  while (st == NN_OK && steps < 200)
    {
      st = nn_net_train_batch (net, &tr, x, y, 2);
      steps++;
    }
  g_assert_cmpint (st, ==, NN_ERR_NONFINITE);
  g_assert_cmpint (steps, >, 10);
  nn_net_free (net);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/train/xor-sgd", test_xor_sgd);
  g_test_add_func ("/engine/train/xor-momentum", test_xor_momentum);
  g_test_add_func ("/engine/train/xor-adam", test_xor_adam);
  g_test_add_func ("/engine/train/regression", test_regression);
  g_test_add_func ("/engine/train/softmax-blobs", test_softmax_blobs);
  g_test_add_func ("/engine/train/determinism", test_determinism);
  g_test_add_func ("/engine/train/stepping-equals-batches", test_stepping_equals_batches);
  g_test_add_func ("/engine/train/diverges", test_diverges);
  return g_test_run ();
}
