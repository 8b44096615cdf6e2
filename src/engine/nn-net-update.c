/* nn-net-update.c: the optimizer step over a network's flat parameter arrays (regularisation,
 * clipping, SGD / momentum / Adam), and the same step's terms for one parameter at a time, for
 * the step-through's explanation. Layers appear only as their weight and bias rows: the update
 * needs no layer kind. */
#include "nn-net.h"

#include <math.h>
#include <string.h>

#include "nn-kernels-private.h"
#include "nn-kernels.h"

/* ---- update ---- */

void
nn_trainer_defaults (NnTrainer *trainer)
{
  if (trainer == NULL)
    return;
  trainer->optimizer = NN_OPT_SGD;
  trainer->learning_rate = 0.03f;
  trainer->momentum = 0.9f;
  trainer->beta1 = 0.9f;
  trainer->beta2 = 0.999f;
  trainer->epsilon = 1e-8f;
  trainer->regularization = NN_REG_NONE;
  trainer->reg_rate = 0.0f;
  trainer->clip_norm = 0.0f;
}

/* The step of one update from the trainer and the net's counters, without changing the net:
 * Adam's bias corrections from beta^t of the next step (*beta1_power, *beta2_power), and the
 * clipping factor from the global norm of g' = g + reg over the whole gradient. */
static void
step_setup (const NnNet *net,
            const NnTrainer *trainer,
            NnStep *st,
            double *beta1_power,
            double *beta2_power)
{
  memset (st, 0, sizeof *st);
  st->optimizer = trainer->optimizer;
  st->reg_rate = trainer->reg_rate;
  st->gscale = 1.0f;
  st->lr = trainer->learning_rate;
  st->mu = trainer->momentum;
  st->beta1 = trainer->beta1;
  st->beta2 = trainer->beta2;
  st->one_minus_beta1 = 1.0f - trainer->beta1;
  st->one_minus_beta2 = 1.0f - trainer->beta2;
  st->eps = trainer->epsilon;
  *beta1_power = net->adam_beta1_power;
  *beta2_power = net->adam_beta2_power;
  if (trainer->optimizer == NN_OPT_ADAM)
    {
      *beta1_power *= (double) trainer->beta1;
      *beta2_power *= (double) trainer->beta2;
      st->inv_bc1 = (float) (1.0 / (1.0 - *beta1_power));
      st->inv_bc2 = (float) (1.0 / (1.0 - *beta2_power));
    }
  if (trainer->clip_norm > 0.0f)
    {
      double p[8] = { 0 };
      double norm;

      for (size_t l = 0; l < net->n_layers; l++)
        {
          const NnLayer *L = &net->layers[l];

          st->reg = trainer->regularization;
          nn_grad_sumsq (st, net->params + L->w_offset, net->grads + L->w_offset, L->n_weights, p);
          st->reg = NN_REG_NONE;
          nn_grad_sumsq (st, net->params + L->b_offset, net->grads + L->b_offset, L->n_biases, p);
        }
      norm = sqrt (((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7])));
      if (norm > (double) trainer->clip_norm)
        st->gscale = (float) ((double) trainer->clip_norm / norm);
    }
}

static int
trainer_valid (const NnTrainer *trainer)
{
  return (unsigned) trainer->optimizer < NN_N_OPTIMIZERS
         && (unsigned) trainer->regularization < NN_N_REGULARIZATIONS;
}

/* g' = g + reg (weights only); if |g'| > clip: g' *= clip / |g'|; then the optimizer */
NnStatus
nn_net_update (NnNet *net, const NnTrainer *trainer)
{
  NnStep st;
  double beta1_power, beta2_power;
  size_t bad = 0;

  if (net == NULL || trainer == NULL || !trainer_valid (trainer))
    return NN_ERR_ARG;
  step_setup (net, trainer, &st, &beta1_power, &beta2_power);
  net->adam_beta1_power = beta1_power;
  net->adam_beta2_power = beta2_power;
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];

      st.reg = trainer->regularization;
      bad |= nn_update (&st, net->params + L->w_offset, net->grads + L->w_offset,
                        net->opt_m + L->w_offset, net->opt_v + L->w_offset, L->n_weights);
      st.reg = NN_REG_NONE;
      bad |= nn_update (&st, net->params + L->b_offset, net->grads + L->b_offset,
                        net->opt_m + L->b_offset, net->opt_v + L->b_offset, L->n_biases);
    }
  net->n_updates++;
  return bad ? NN_ERR_NONFINITE : NN_OK;
}

/* one parameter through the kernels' own formulas (nn-kernels-private.h) */
static void
terms_one (const NnStep *st, float w, float g, float m, float v, NnUpdateTerms *t)
{
  t->grad = g;
  t->reg_grad = effective_grad (st->reg, st->reg_rate, 1.0f, w, g);
  t->gscale = st->gscale;
  t->effective = effective_grad (st->reg, st->reg_rate, st->gscale, w, g);
  t->m_hat = 0.0f;
  t->v_hat = 0.0f;
  switch (st->optimizer)
    {
    case NN_OPT_MOMENTUM:
      t->param = momentum_one (st, w, t->effective, &m);
      break;
    case NN_OPT_ADAM:
      t->param = adam_terms (st, w, t->effective, &m, &v, &t->m_hat, &t->v_hat);
      break;
    case NN_OPT_SGD:
    case NN_N_OPTIMIZERS:
    default:
      t->param = sgd_one (st, w, t->effective);
      break;
    }
  t->m = m;
  t->v = v;
}

/* the setup of nn_net_update, then each parameter with the same formulas */
NnStatus
nn_net_update_terms (const NnNet *net, const NnTrainer *trainer, NnUpdateTerms *terms)
{
  NnStep st;
  double beta1_power, beta2_power;

  if (net == NULL || trainer == NULL || terms == NULL || !trainer_valid (trainer))
    return NN_ERR_ARG;
  step_setup (net, trainer, &st, &beta1_power, &beta2_power);
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];

      st.reg = trainer->regularization;
      for (size_t k = L->w_offset; k < L->w_offset + L->n_weights; k++)
        terms_one (&st, net->params[k], net->grads[k], net->opt_m[k], net->opt_v[k], &terms[k]);
      st.reg = NN_REG_NONE;
      for (size_t k = L->b_offset; k < L->b_offset + L->n_biases; k++)
        terms_one (&st, net->params[k], net->grads[k], net->opt_m[k], net->opt_v[k], &terms[k]);
    }
  return NN_OK;
}

/* Weights only: a bias's gradient is its neurons' mean delta, which says less about whether
 * the layer still learns its connections. */
double
nn_net_layer_grad_mean_abs (const NnNet *net, size_t layer)
{
  const NnLayer *L;
  const float *g;
  size_t n;
  double sum = 0.0;

  if (net == NULL || layer >= net->n_layers)
    return NAN;
  L = &net->layers[layer];
  g = net->grads + L->w_offset;
  n = L->n_weights;
  for (size_t k = 0; k < n; k++)
    sum += fabs ((double) g[k]);
  return n > 0 ? sum / (double) n : NAN;
}

/* g = 0; forward; g += dL/dparams / n; update */
NnStatus
nn_net_train_batch (NnNet *net, const NnTrainer *trainer, const float *x, const float *y, size_t n)
{
  NnStatus st;

  if (net == NULL || trainer == NULL || n == 0)
    return NN_ERR_ARG;
  nn_net_zero_grads (net);
  st = nn_net_forward (net, x, n);
  if (st == NN_OK)
    st = nn_net_backward (net, y, 1.0f / (float) n);
  if (st == NN_OK)
    st = nn_net_update (net, trainer);
  return st;
}
