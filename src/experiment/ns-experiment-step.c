/* ns-experiment-step.c: stepping through a mini-batch sample by sample (see the header for why
 * this never changes the run). The state hangs on the experiment as qdata, so the experiment's
 * own code needs to know nothing about it: anything that changes the experiment bumps its
 * version or step, which invalidates the state. */
#include "ns-experiment-step.h"

#include <string.h>

#include "ns-experiment-private.h"

typedef struct
{
  NsStepState pub;
  NsStepPhase computed; /* the furthest phase whose numbers are kept for the current sample */
  gboolean busy;        /* inside our own ns_experiment_step: do not invalidate */

  /* What the experiment looked like when we last touched it: any difference means someone
   * else stepped or edited it. */
  guint64 version;
  guint64 step;
  guint position;
  guint order_len;
  guint batch_size_setting;
  gsize n_params;
  guint n_units;
  guint n_inputs;

  float *x; /* n_inputs: the sample's inputs, as passed to forward */
  float *input;
  float *z;
  float *a;
  float *delta;
  float *grad;
  float *batch_grad;
  float *params_before;
  float *params_after;
  float *change;
  float *m_before;
  float *m_after;
  float *v_before;
  float *v_after;
  NnUpdateTerms *terms; /* n_params */
} StepData;

/* The first argument becomes the quark's string as written: no formatting. */
/* clang-format off */
G_DEFINE_QUARK (ns-experiment-step-data, step_data)
/* clang-format on */

static void
step_data_free_arrays (StepData *d)
{
  float **arrays[] = { &d->x,          &d->input,         &d->z,
                       &d->a,          &d->delta,         &d->grad,
                       &d->batch_grad, &d->params_before, &d->params_after,
                       &d->change,     &d->m_before,      &d->m_after,
                       &d->v_before,   &d->v_after };

  for (guint k = 0; k < G_N_ELEMENTS (arrays); k++)
    g_clear_pointer (arrays[k], g_free);
  g_clear_pointer (&d->terms, g_free);
}

static void
step_data_free (gpointer data)
{
  StepData *d = data;

  step_data_free_arrays (d);
  g_free (d);
}

static void
go_idle (StepData *d)
{
  memset (&d->pub, 0, sizeof d->pub);
  d->pub.phase = NS_STEP_IDLE;
  d->computed = NS_STEP_IDLE;
}

/* Remembers the experiment as we leave it. */
static void
remember (StepData *d, NsExperiment *self)
{
  d->version = self->version;
  d->step = self->step;
  d->position = self->position;
  d->order_len = self->order_len;
  d->batch_size_setting = self->config.batch_size;
}

static gboolean
still_valid (StepData *d, NsExperiment *self)
{
  return d->version == self->version && d->step == self->step && d->position == self->position
         && d->order_len == self->order_len && d->batch_size_setting == self->config.batch_size
         && d->n_params == self->net->n_params && d->n_units == self->net->n_units
         && d->n_inputs == self->net->n_inputs;
}

/* The state, back at IDLE if the experiment changed behind our back. */
static StepData *
get_data (NsExperiment *self)
{
  StepData *d = g_object_get_qdata (G_OBJECT (self), step_data_quark ());

  if (d == NULL)
    {
      d = g_new0 (StepData, 1);
      go_idle (d);
      g_object_set_qdata_full (G_OBJECT (self), step_data_quark (), d, step_data_free);
    }
  if (d->pub.phase != NS_STEP_IDLE && !d->busy && !still_valid (d, self))
    go_idle (d);
  return d;
}

/* (Re)allocates the arrays for the network's current shape. */
static void
ensure_arrays (StepData *d, const NnNet *net)
{
  if (d->input != NULL && d->n_params == net->n_params && d->n_units == net->n_units
      && d->n_inputs == net->n_inputs)
    return;
  step_data_free_arrays (d);
  d->n_params = net->n_params;
  d->n_units = net->n_units;
  d->n_inputs = net->n_inputs;
  d->x = g_new0 (float, MAX (d->n_inputs, 1));
  d->input = g_new0 (float, MAX (d->n_inputs, 1));
  d->z = g_new0 (float, d->n_units);
  d->a = g_new0 (float, d->n_units);
  d->delta = g_new0 (float, d->n_units);
  d->grad = g_new0 (float, d->n_params);
  d->batch_grad = g_new0 (float, d->n_params);
  d->params_before = g_new0 (float, d->n_params);
  d->params_after = g_new0 (float, d->n_params);
  d->change = g_new0 (float, d->n_params);
  d->m_before = g_new0 (float, d->n_params);
  d->m_after = g_new0 (float, d->n_params);
  d->v_before = g_new0 (float, d->n_params);
  d->v_after = g_new0 (float, d->n_params);
  d->terms = g_new0 (NnUpdateTerms, d->n_params);
}

/* Copies column 0 (the one sample) of the net's kept neuron-major rows. */
static void
copy_column (float *dst, const float *rows, size_t n_rows, size_t cap)
{
  for (size_t u = 0; u < n_rows; u++)
    dst[u] = rows[u * cap];
}

/* Forward, loss and backward of sample @s of the batch, all kept at once: the phases then only
 * show them, and nothing in between can disturb the net's kept rows. */
static gboolean
run_sample (StepData *d, NsExperiment *self, guint s)
{
  NnNet *net = self->net;
  guint n_train = self->data->n_train;
  guint32 idx = self->order[self->position + s];
  float y = self->data->train_y[idx];
  size_t cap;

  for (guint i = 0; i < d->n_inputs; i++)
    d->x[i] = self->train_inputs[(size_t) i * n_train + idx];
  if (nn_net_forward (net, d->x, 1) != NN_OK)
    return FALSE;
  cap = net->batch_cap;
  d->pub.loss = nn_net_loss (net, &y);
  /* The scale a batch step uses (nn_net_train_batch), so the sums come out the same. */
  if (nn_net_backward (net, &y, 1.0f / (float) d->pub.batch_size) != NN_OK)
    return FALSE;

  memcpy (d->input, d->x, d->n_inputs * sizeof (float));
  copy_column (d->z, net->pre, d->n_units, cap);
  copy_column (d->a, net->acts, d->n_units, cap);
  copy_column (d->delta, net->deltas, d->n_units, cap);
  /* The sample's own gradient from the engine, rather than grads after minus before: the
   * difference of two rounded sums would not be exactly its contribution. */
  if (nn_net_sample_grad (net, 0, d->grad) != NN_OK)
    return FALSE;
  memcpy (d->batch_grad, net->grads, d->n_params * sizeof (float));

  d->pub.sample = s;
  d->pub.data_index = idx;
  d->pub.target = y;
  d->pub.input = d->input;
  d->pub.z = d->z;
  d->pub.a = d->a;
  d->pub.delta = d->delta;
  d->pub.grad = d->grad;
  d->pub.batch_grad = d->batch_grad;
  d->pub.phase = NS_STEP_FORWARD;
  d->pub.layer = 1;
  d->computed = NS_STEP_BACKWARD;
  return TRUE;
}

static gboolean
begin_batch (StepData *d, NsExperiment *self)
{
  NnNet *net = self->net;

  if (self->data->n_train == 0 || self->diverged)
    return FALSE;
  /* As train_one_batch: a new epoch when the order is used up. */
  if (self->position >= self->order_len)
    ns_experiment_start_epoch (self);
  ensure_arrays (d, net);
  memset (&d->pub, 0, sizeof d->pub);
  d->pub.batch_size = MIN (self->config.batch_size, self->order_len - self->position);
  d->pub.step = self->step;
  d->pub.n_inputs = d->n_inputs;
  d->pub.n_units = d->n_units;
  d->pub.n_params = d->n_params;
  d->pub.n_layers = (guint) net->n_layers;
  nn_net_zero_grads (net);
  if (!run_sample (d, self, 0))
    {
      go_idle (d);
      return FALSE;
    }
  remember (d, self);
  return TRUE;
}

/* The optimizer step: one ordinary ns_experiment_step, with the state around it kept. */
static gboolean
update (StepData *d, NsExperiment *self)
{
  NnNet *net = self->net;
  gsize size = d->n_params * sizeof (float);
  guint64 step_before = self->step;

  memcpy (d->params_before, net->params, size);
  memcpy (d->m_before, net->opt_m, size);
  memcpy (d->v_before, net->opt_v, size);
  d->pub.trainer = self->config.trainer;
  /* The terms of the update about to be made, from the engine's own formulas. */
  if (nn_net_update_terms (net, &d->pub.trainer, d->terms) != NN_OK)
    {
      go_idle (d);
      return FALSE;
    }

  d->busy = TRUE;
  ns_experiment_step (self, 1);
  d->busy = FALSE;
  /* ns_experiment_step may be interrupted only by divergence, which still counts the step. */
  if (self->step == step_before)
    {
      go_idle (d);
      return FALSE;
    }
  /* The batch step recomputed the gradient from the same samples in the same order: if it
   * differed from ours, what we showed would not be what was applied. */
  if (memcmp (d->batch_grad, net->grads, size) != 0)
    g_warning ("Stepping's gradient differs from the batch step's");

  memcpy (d->params_after, net->params, size);
  memcpy (d->m_after, net->opt_m, size);
  memcpy (d->v_after, net->opt_v, size);
  for (gsize k = 0; k < d->n_params; k++)
    d->change[k] = d->params_after[k] - d->params_before[k];
  d->pub.params_before = d->params_before;
  d->pub.params_after = d->params_after;
  d->pub.change = d->change;
  d->pub.m_before = d->m_before;
  d->pub.m_after = d->m_after;
  d->pub.v_before = d->v_before;
  d->pub.v_after = d->v_after;
  d->pub.terms = d->terms;
  d->pub.adam_beta1_power = net->adam_beta1_power;
  d->pub.adam_beta2_power = net->adam_beta2_power;
  d->pub.diverged = self->diverged;
  d->pub.phase = NS_STEP_UPDATE;
  d->pub.layer = d->pub.n_layers;
  d->computed = NS_STEP_UPDATE;
  remember (d, self);
  return TRUE;
}

/* FORWARD and BACKWARD are walked a layer at a time; the other phases show every layer. */
static gboolean
walks_layers (NsStepPhase phase)
{
  return phase == NS_STEP_FORWARD || phase == NS_STEP_BACKWARD;
}

/* Shows @phase from its start (its first layer) or, going back into it, at its end. */
static void
show_phase (StepData *d, NsStepPhase phase, gboolean at_end)
{
  d->pub.phase = phase;
  d->pub.layer = walks_layers (phase) && !at_end ? 1 : d->pub.n_layers;
}

static gboolean
at_phase_end (StepData *d)
{
  return d->pub.layer >= d->pub.n_layers;
}

gboolean
ns_experiment_step_phase (NsExperiment *self)
{
  StepData *d;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  d = get_data (self);
  if (walks_layers (d->pub.phase) && !at_phase_end (d))
    {
      d->pub.layer++;
      return TRUE;
    }
  if (d->pub.phase != NS_STEP_IDLE && d->pub.phase < d->computed)
    {
      show_phase (d, d->pub.phase + 1, FALSE);
      return TRUE;
    }
  switch (d->pub.phase)
    {
    case NS_STEP_IDLE:
      return begin_batch (d, self);
    case NS_STEP_BACKWARD:
      if (d->pub.sample + 1 < d->pub.batch_size)
        {
          if (!run_sample (d, self, d->pub.sample + 1))
            {
              go_idle (d);
              return FALSE;
            }
          return TRUE;
        }
      return update (d, self);
    case NS_STEP_UPDATE:
      go_idle (d);
      return TRUE;
    case NS_STEP_FORWARD:
    case NS_STEP_LOSS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

gboolean
ns_experiment_step_back (NsExperiment *self)
{
  StepData *d;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  d = get_data (self);
  if (walks_layers (d->pub.phase) && d->pub.layer > 1)
    {
      d->pub.layer--;
      return TRUE;
    }
  if (d->pub.phase == NS_STEP_IDLE || d->pub.phase == NS_STEP_FORWARD)
    return FALSE;
  show_phase (d, d->pub.phase - 1, TRUE);
  return TRUE;
}

gboolean
ns_experiment_step_whole_phase (NsExperiment *self)
{
  StepData *d;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  d = get_data (self);
  if (walks_layers (d->pub.phase) && !at_phase_end (d))
    {
      d->pub.layer = d->pub.n_layers;
      return TRUE;
    }
  if (!ns_experiment_step_phase (self))
    return FALSE;
  if (walks_layers (d->pub.phase))
    d->pub.layer = d->pub.n_layers;
  return TRUE;
}

gboolean
ns_experiment_step_sample (NsExperiment *self)
{
  StepData *d;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  d = get_data (self);
  do
    {
      if (!ns_experiment_step_phase (self))
        return FALSE;
    }
  while (d->pub.phase != NS_STEP_UPDATE
         && !(d->pub.phase == NS_STEP_BACKWARD && at_phase_end (d)
              && d->pub.sample + 1 < d->pub.batch_size));
  return TRUE;
}

gboolean
ns_experiment_step_finish_batch (NsExperiment *self)
{
  StepData *d;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  d = get_data (self);
  do
    {
      if (!ns_experiment_step_phase (self))
        return FALSE;
    }
  while (d->pub.phase != NS_STEP_UPDATE);
  return TRUE;
}

void
ns_experiment_step_cancel (NsExperiment *self)
{
  g_return_if_fail (NS_IS_EXPERIMENT (self));

  go_idle (get_data (self));
}

const NsStepState *
ns_experiment_get_step_state (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);

  return &get_data (self)->pub;
}
