/* ns-experiment-step.h: stepping through training one sample and one phase at a time.
 *
 * A mini-batch is walked sample by sample (DESIGN.md, "Determinism"): the current batch is the
 * next batch_size entries of the epoch's shuffled order, exactly what ns_experiment_step would
 * take (the epoch's shuffle is started here if needed, as a step would start it). Each sample
 * has three phases, FORWARD, LOSS and BACKWARD (its gradient, scaled by 1/B, added to the
 * batch's); after the batch's last sample comes UPDATE, then IDLE. With batch size 1 every
 * sample has its update. FORWARD walks the layers from the first hidden one to the output, one
 * layer per step, and BACKWARD walks them back from the output, so a learner sees each layer
 * light up in turn (the numbers are all computed when the sample starts; the walk only reveals
 * them).
 *
 * Why stepping never changes the run: before UPDATE, sample phases change nothing but the
 * network's scratch (kept activation rows and the grads being accumulated): the weights, the
 * optimizer state, the position in the order and the step counter stay. So an ordinary
 * ns_experiment_step in the middle of a batch trains that same batch from its start and gets
 * exactly the numbers stepping would have got (the engine's sums run in sample order either
 * way); it simply ends the stepping (the state goes back to IDLE). UPDATE is one
 * ns_experiment_step (self, 1): the same step counter, position, history entry at an epoch's
 * end, version bump and "stepped" signal; the gradients it uses equal the ones accumulated here
 * bit for bit (tested).
 *
 * The state is invalidated (back to IDLE) by anything else that changes the experiment: a step,
 * an edit, a reset, a batch size change.
 *
 * The numbers are copies, so going back (ns_experiment_step_back) only moves the phase shown.
 * Per-neuron arrays are in unit order (nn_net_unit_index (net, l, j), output layer last);
 * per-weight arrays in the network's parameter layout (nn_net_param_index).
 */
#pragma once

#include "ns-experiment.h"

G_BEGIN_DECLS

typedef enum
{
  NS_STEP_IDLE,     /* not inside a mini-batch */
  NS_STEP_FORWARD,  /* the sample's forward pass: input, z and a of every neuron */
  NS_STEP_LOSS,     /* its output against the target, its loss */
  NS_STEP_BACKWARD, /* its deltas and its gradient, added to the batch's */
  NS_STEP_UPDATE,   /* after the batch's last sample: the optimizer step */
} NsStepPhase;

typedef struct
{
  NsStepPhase phase; /* the phase shown */
  guint sample;      /* the sample's place in the batch, 0 .. batch_size - 1 */
  guint batch_size;  /* B: samples in this batch (an epoch's last batch may be short) */
  guint data_index;  /* the sample's index in the training set */
  guint64 step;      /* mini-batches done before this batch */
  guint layer;       /* the layers the phase has reached, 1 .. n_layers: in FORWARD counted
                      * from the first hidden layer (layer - 1 is the one lighting up), in
                      * BACKWARD from the output (n_layers - layer is the one whose deltas
                      * just arrived); n_layers in the other phases */
  guint n_layers;    /* the network's layers with weights: hidden ones and the output */
  gboolean diverged; /* the update made a parameter non-finite */

  guint n_inputs;
  guint n_units; /* neurons, output included */
  gsize n_params;

  /* FORWARD */
  const float *input; /* n_inputs: the network's inputs (features) of the sample */
  const float *z;     /* n_units: weighted sums */
  const float *a;     /* n_units: activations */
  /* LOSS: the output is the output layer's a; softmax's are the class probabilities */
  float target; /* 0/1 for BCE, the class index for softmax, the value for MSE */
  double loss;  /* the sample's data loss (no regularisation term) */
  /* BACKWARD (scaled by 1/B, as the engine accumulates them) */
  const float *delta;      /* n_units: dL/dz / B */
  const float *grad;       /* n_params: the sample's own gradient / B (delta x input) */
  const float *batch_grad; /* n_params: the batch's gradient so far, this sample included */
  /* UPDATE: old, new and change per parameter, optimizer state before and after */
  const float *params_before;
  const float *params_after;
  const float *change;   /* params_after - params_before */
  const float *m_before; /* momentum velocity or Adam's first moment */
  const float *m_after;
  const float *v_before; /* Adam's second moment */
  const float *v_after;
  const NnUpdateTerms *terms; /* n_params: the update term by term, from the engine
                               * (nn_net_update_terms): g + reg, m̂, v̂ exactly as applied */
  NnTrainer trainer;          /* the trainer of the update: learning rate, optimizer, … */
  double adam_beta1_power;    /* beta1^t and beta2^t of the update (bias corrections) */
  double adam_beta2_power;
} NsStepState;

/* Advances one step of the walk: IDLE -> the next sample's FORWARD, layer by layer -> LOSS ->
 * BACKWARD, layer by layer from the output -> the next sample's FORWARD … -> UPDATE after the
 * batch's last sample -> IDLE. If going back moved what is shown, advances it again without
 * recomputing. FALSE if there is nothing to train (no training data, or the run diverged). */
gboolean ns_experiment_step_phase (NsExperiment *self);
/* Shows the previous step of the current sample's walk (UPDATE -> BACKWARD's layers -> LOSS
 * -> FORWARD's layers); changes no numbers. FALSE at FORWARD's first layer or IDLE. */
gboolean ns_experiment_step_back (NsExperiment *self);
/* To the end of the current phase (all of FORWARD's or BACKWARD's layers), or one step if it
 * is at its end already: the phase-at-a-time walk. */
gboolean ns_experiment_step_whole_phase (NsExperiment *self);
/* To the end of the next sample: its BACKWARD, or UPDATE if it is the batch's last, so B calls
 * are one mini-batch. If the phase shown is behind, to the end of the current sample. */
gboolean ns_experiment_step_sample (NsExperiment *self);
/* The rest of the current mini-batch sample by sample, up to its UPDATE (from IDLE, a whole
 * batch). */
gboolean ns_experiment_step_finish_batch (NsExperiment *self);
/* Back to IDLE, e.g. when the learner leaves stepping; the run is unchanged (see above). */
void ns_experiment_step_cancel (NsExperiment *self);

/* The current state, owned by the experiment, valid until the next call that steps or changes
 * it. Never NULL: phase IDLE (and no arrays) outside a batch. */
const NsStepState *ns_experiment_get_step_state (NsExperiment *self);

G_END_DECLS
