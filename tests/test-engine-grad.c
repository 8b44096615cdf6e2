/* test-engine-grad.c: analytic gradients (nn_net_backward) against central finite differences of
 * nn_net_loss, for every hidden activation and every loss, on a 3 -> 4 -> 3 -> out net with a
 * batch of 5; and the regularisation terms of the update.
 *
 * Tolerance. The forward pass is float32 while nn_net_loss sums in double from the kept z:
 * each z carries a relative rounding error of a few 1e-7, so a loss of order 1 is known to
 * about 1e-6 at most, and (L(w+h) - L(w-h)) / 2h carries an error of about 1e-6 / 2h = 5e-5 for
 * h = 1e-2. The truncation error of the central difference is h^2 |L'''| / 6, about 2e-5 times
 * |L'''| (of order 1 here). The analytic side uses the engine's float tanh / sigmoid / exp
 * (error <= 1e-7, see nn-math.c): negligible. So |analytic - numeric| <= 2e-3 * max(|a|, |n|)
 * + 2e-4 leaves a margin of about 3x over the worst case, while a wrong derivative (a missing
 * factor, a sign, a transposed weight) gives errors of the order of the gradient itself.
 * The actual step is taken as (float)(w + h) - (float)(w - h), computed in double.
 * Relu kinks: a parameter is skipped when moving it by +-h flips any hidden unit's sign.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "nn-net.h"
#include "ns-test-net.h"

#define N_SAMPLES 5
#define H 1e-2f
#define REL_TOL 2e-3
#define ABS_TOL 2e-4

static const NnActivation hidden_acts[] = {
  NN_ACT_LINEAR, NN_ACT_RELU, NN_ACT_LEAKY_RELU, NN_ACT_TANH, NN_ACT_SIGMOID,
};
static const NnLoss losses[] = { NN_LOSS_BCE, NN_LOSS_SOFTMAX_CE, NN_LOSS_MSE };

typedef struct
{
  NnNet *net;
  float x[3 * N_SAMPLES];
  float y[N_SAMPLES];
  unsigned char *signs; /* hidden units' z > 0 at the unperturbed point */
} Case;

static void
case_init (Case *c, NnActivation act, NnLoss loss, uint64_t seed)
{
  size_t widths[] = { 4, 3 };
  NnActivation acts[] = { act, act };
  NnRng init, data;

  c->net = dense_net_new (3, 2, widths, acts, loss, 3);
  g_assert_nonnull (c->net);
  nn_rng_seed (&init, seed, NN_STREAM_INIT);
  nn_rng_seed (&data, seed, NN_STREAM_DATA);
  nn_net_init_params (c->net, &init);
  /* biases away from 0, so their gradients and the relu kinks are exercised */
  for (size_t l = 0; l < c->net->n_layers; l++)
    for (size_t j = 0; j < c->net->layers[l].n_out; j++)
      c->net->params[c->net->layers[l].b_offset + j] = (float) nn_rng_range (&data, -0.5, 0.5);
  for (size_t k = 0; k < G_N_ELEMENTS (c->x); k++)
    c->x[k] = (float) nn_rng_range (&data, -1.5, 1.5);
  for (size_t s = 0; s < N_SAMPLES; s++)
    switch (loss)
      {
      case NN_LOSS_BCE:
        c->y[s] = (float) (s % 2);
        break;
      case NN_LOSS_SOFTMAX_CE:
        c->y[s] = (float) (s % 3);
        break;
      default:
        c->y[s] = (float) nn_rng_range (&data, -1.0, 1.0);
        break;
      }
  c->signs = g_malloc (c->net->n_units * N_SAMPLES);
}

static void
case_clear (Case *c)
{
  nn_net_free (c->net);
  g_free (c->signs);
}

/* z > 0 of every hidden unit of the last forward; returns 1 if it equals @ref (when given) */
static int
signs_match (const NnNet *net, unsigned char *out, const unsigned char *ref)
{
  size_t hidden_units = net->layers[net->n_layers - 1].unit_offset;
  int same = 1;

  for (size_t u = 0; u < hidden_units; u++)
    for (size_t s = 0; s < net->batch; s++)
      {
        unsigned char v = net->pre[u * net->batch_cap + s] > 0.0f;

        if (ref != NULL && ref[u * net->batch + s] != v)
          same = 0;
        if (out != NULL)
          out[u * net->batch + s] = v;
      }
  return same;
}

static double
loss_at (Case *c)
{
  g_assert_cmpint (nn_net_forward (c->net, c->x, N_SAMPLES), ==, NN_OK);
  return nn_net_loss (c->net, c->y);
}

static void
check_case (NnActivation act, NnLoss loss)
{
  Case c;
  float *grads;
  double norm = 0.0, worst = 0.0;
  size_t checked = 0, skipped = 0, nonzero = 0;
  int kinked = act == NN_ACT_RELU || act == NN_ACT_LEAKY_RELU;

  case_init (&c, act, loss, 11 + (uint64_t) act * 7 + (uint64_t) loss);
  nn_net_zero_grads (c.net);
  g_assert_cmpint (nn_net_forward (c.net, c.x, N_SAMPLES), ==, NN_OK);
  signs_match (c.net, c.signs, NULL);
  g_assert_cmpint (nn_net_backward (c.net, c.y, 1.0f / N_SAMPLES), ==, NN_OK);
  grads = g_memdup2 (c.net->grads, c.net->n_params * sizeof (float));

  for (size_t p = 0; p < c.net->n_params; p++)
    {
      float w = c.net->params[p];
      float wp = w + H, wm = w - H;
      double lp, lm, numeric, err;
      int smooth;

      c.net->params[p] = wp;
      lp = loss_at (&c);
      smooth = signs_match (c.net, NULL, c.signs);
      c.net->params[p] = wm;
      lm = loss_at (&c);
      smooth = smooth && signs_match (c.net, NULL, c.signs);
      c.net->params[p] = w;
      if (kinked && !smooth)
        {
          skipped++;
          continue;
        }
      numeric = (lp - lm) / ((double) wp - (double) wm);
      err = fabs (grads[p] - numeric);
      if (!(err <= REL_TOL * MAX (fabs (grads[p]), fabs (numeric)) + ABS_TOL))
        g_error ("%s / %s: param %zu: analytic %.8g, numeric %.8g", nn_activation_name (act),
                 loss == NN_LOSS_BCE   ? "bce"
                 : loss == NN_LOSS_MSE ? "mse"
                                       : "softmax",
                 p, grads[p], numeric);
      worst = MAX (worst, err / (fabs (numeric) + 1e-3));
      norm += (double) grads[p] * grads[p];
      nonzero += fabs (grads[p]) > 1e-6;
      checked++;
    }
  g_test_message ("%s / loss %d: %zu params checked, %zu skipped at kinks, |g| = %.4g, "
                  "worst error %.3g",
                  nn_activation_name (act), loss, checked, skipped, sqrt (norm), worst);
  /* refuse a trivially passing check: the gradient is really there, and most of it */
  g_assert_cmpfloat (sqrt (norm), >, 1e-2);
  g_assert_cmpuint (checked, >=, c.net->n_params * 2 / 3);
  g_assert_cmpuint (nonzero, >=, checked / 2);
  g_free (grads);
  case_clear (&c);
}

static void
test_gradients (gconstpointer data)
{
  NnActivation act = (NnActivation) GPOINTER_TO_INT (data);

  for (size_t l = 0; l < G_N_ELEMENTS (losses); l++)
    check_case (act, losses[l]);
}

/* the gradient of the regularisation term is what the update adds */
static void
test_reg_loss_gradient (void)
{
  Case c;

  case_init (&c, NN_ACT_TANH, NN_LOSS_MSE, 5);
  for (int reg = NN_REG_L1; reg <= NN_REG_L2; reg++)
    for (size_t l = 0; l < c.net->n_layers; l++)
      {
        size_t p = c.net->layers[l].w_offset + 1;
        size_t b = c.net->layers[l].b_offset;
        float w = c.net->params[p], bias = c.net->params[b];
        double lp, lm, want;

        c.net->params[p] = w + H;
        lp = nn_net_reg_loss (c.net, reg, 0.3f);
        c.net->params[p] = w - H;
        lm = nn_net_reg_loss (c.net, reg, 0.3f);
        c.net->params[p] = w;
        want = reg == NN_REG_L1 ? 0.3 * (w > 0 ? 1 : -1) : 0.3 * w;
        g_assert_cmpfloat (fabs ((lp - lm) / ((double) (w + H) - (double) (w - H)) - want), <,
                           1e-4);
        /* biases are not regularised */
        lp = nn_net_reg_loss (c.net, reg, 0.3f);
        c.net->params[b] = bias + 1.0f;
        g_assert_cmpfloat (nn_net_reg_loss (c.net, reg, 0.3f), ==, lp);
        c.net->params[b] = bias;
      }
  g_assert_cmpfloat (nn_net_reg_loss (c.net, NN_REG_NONE, 0.3f), ==, 0.0);
  case_clear (&c);
}

/* update with L1 / L2 == update without, from grads + rate sign(w) / rate w on weights only */
static void
check_reg_update (NnOptimizer opt, NnRegularization reg)
{
  Case c;
  NnNet *manual;
  NnTrainer tr;
  float rate = 0.05f;

  case_init (&c, NN_ACT_TANH, NN_LOSS_BCE, 9);
  nn_net_zero_grads (c.net);
  g_assert_cmpint (nn_net_forward (c.net, c.x, N_SAMPLES), ==, NN_OK);
  g_assert_cmpint (nn_net_backward (c.net, c.y, 1.0f / N_SAMPLES), ==, NN_OK);
  c.net->params[c.net->layers[0].w_offset] = 0.0f; /* sign (0) = 0 */
  manual = nn_net_clone (c.net);
  g_assert_nonnull (manual);
  for (size_t l = 0; l < manual->n_layers; l++)
    {
      const NnLayer *L = &manual->layers[l];

      for (size_t k = L->w_offset; k < L->w_offset + L->n_out * L->n_in; k++)
        {
          float w = manual->params[k];
          float sign = w > 0.0f ? 1.0f : w < 0.0f ? -1.0f : 0.0f;

          manual->grads[k] = manual->grads[k] + rate * (reg == NN_REG_L1 ? sign : w);
        }
    }
  nn_trainer_defaults (&tr);
  tr.optimizer = opt;
  tr.learning_rate = 0.1f;
  tr.regularization = reg;
  tr.reg_rate = rate;
  g_assert_cmpint (nn_net_update (c.net, &tr), ==, NN_OK);
  tr.regularization = NN_REG_NONE;
  g_assert_cmpint (nn_net_update (manual, &tr), ==, NN_OK);
  g_assert_cmpmem (c.net->params, c.net->n_params * sizeof (float), manual->params,
                   manual->n_params * sizeof (float));
  g_assert_cmpmem (c.net->opt_m, c.net->n_params * sizeof (float), manual->opt_m,
                   manual->n_params * sizeof (float));
  /* and regularisation did something */
  nn_net_copy_state (manual, c.net);
  g_assert_cmpint (nn_net_update (manual, &tr), ==, NN_OK);
  tr.regularization = reg;
  g_assert_cmpint (nn_net_update (c.net, &tr), ==, NN_OK);
  g_assert_true (memcmp (c.net->params, manual->params, c.net->n_params * sizeof (float)) != 0);
  nn_net_free (manual);
  case_clear (&c);
}

static void
test_reg_update (void)
{
  for (int opt = 0; opt < NN_N_OPTIMIZERS; opt++)
    {
      check_reg_update (opt, NN_REG_L1);
      check_reg_update (opt, NN_REG_L2);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (size_t a = 0; a < G_N_ELEMENTS (hidden_acts); a++)
    {
      char *path = g_strdup_printf ("/engine/grad/%s", nn_activation_name (hidden_acts[a]));

      g_test_add_data_func (path, GINT_TO_POINTER (hidden_acts[a]), test_gradients);
      g_free (path);
    }
  g_test_add_func ("/engine/grad/reg-loss", test_reg_loss_gradient);
  g_test_add_func ("/engine/grad/reg-update", test_reg_update);
  return g_test_run ();
}
