/* test-experiment-step.c: stepping sample by sample and phase by phase shows the engine's numbers
 * and never changes the run. */
#include <math.h>
#include <string.h>

#include "ns-experiment-private.h"
#include "ns-experiment-step.h"
#include "ns-test-experiment.h"

/* Also reads the step state from inside the update's "stepped" emission, as a window would:
 * that must not end the stepping. */
static void
count_stepped (NsExperiment *exp, gpointer data)
{
  g_assert_cmpint (ns_experiment_get_step_state (exp)->phase, ==, NS_STEP_BACKWARD);
  (*(guint *) data)++;
}

#define TOL 1e-6

/* (1) A 2-2-1 network, tanh hidden, sigmoid output with BCE, one training sample
 * x = (0.5, -1), t = 1, batch 1, SGD lr 0.1, weights set by hand:
 *   hidden W = [[0.1, 0.2], [-0.3, 0.4]], b = [0.05, -0.1]; output W = [0.5, -0.6], b = 0.2.
 * Worked by hand (double precision):
 *   z1 = 0.05 + 0.1*0.5 + 0.2*(-1) = -0.1            a1 = tanh(-0.1)  = -0.0996679946
 *   z2 = -0.1 - 0.3*0.5 + 0.4*(-1) = -0.65           a2 = tanh(-0.65) = -0.5716699661
 *   z  = 0.2 + 0.5*a1 - 0.6*a2 = 0.4931679823        a  = 1/(1+e^-z)  =  0.6208524435
 *   L  = -log a = 0.4766618363
 *   delta_out = a - t = -0.3791475565 (scale 1/B = 1)
 *   dL/dW_out = delta_out * (a1, a2) = (0.0377888766, 0.2167472707), dL/db_out = -0.3791475565
 *   delta_1 = 0.5 * delta_out * (1 - a1^2) = -0.1876906075
 *   delta_2 = -0.6 * delta_out * (1 - a2^2) = 0.1531437909
 *   dL/dW_hidden = delta_j * x_i = [[-0.0938453037, 0.1876906075], [0.0765718955, -0.1531437909]]
 *   SGD w -= 0.1 g: hidden W = [[0.1093845304, 0.1812309393], [-0.3076571895, 0.4153143791]],
 *   b = [0.0687690607, -0.1153143791]; output W = [0.4962211123, -0.6216747271], b = 0.2379147556
 */
static void
test_hand_checked (void)
{
  const char *options[] = { "dataset",    "circle", "count", "10",  "ratio", "0.1", "hidden", "2",
                            "activation", "tanh",   "lr",    "0.1", "batch", "1",   NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const NnNet *net = ns_experiment_get_net (exp);
  const NsStepState *st;
  static const float w_hidden[2][3] = { { 0.1f, 0.2f, 0.05f }, { -0.3f, 0.4f, -0.1f } };
  static const float w_out[3] = { 0.5f, -0.6f, 0.2f };
  static const double z[3] = { -0.1, -0.65, 0.4931679823 };
  static const double a[3] = { -0.0996679946, -0.5716699661, 0.6208524435 };
  static const double delta[3] = { -0.1876906075, 0.1531437909, -0.3791475565 };
  static const double g_hidden[2][3] = { { -0.0938453037, 0.1876906075, -0.1876906075 },
                                         { 0.0765718955, -0.1531437909, 0.1531437909 } };
  static const double g_out[3] = { 0.0377888766, 0.2167472707, -0.3791475565 };
  static const double new_hidden[2][3] = { { 0.1093845304, 0.1812309393, 0.0687690607 },
                                           { -0.3076571895, 0.4153143791, -0.1153143791 } };
  static const double new_out[3] = { 0.4962211123, -0.6216747271, 0.2379147556 };

  /* The one training point, replaced by ours (the features x1, x2 are the coordinates). */
  g_assert_cmpuint (exp->data->n_train, ==, 1);
  g_assert_cmpint (net->loss, ==, NN_LOSS_BCE);
  exp->data->train_x[0] = 0.5f;
  exp->data->train_x[1] = -1.0f;
  exp->data->train_y[0] = 1.0f;
  ns_experiment_rebuild_inputs (exp);
  for (guint j = 0; j < 2; j++)
    for (guint i = 0; i < 3; i++)
      g_assert_true (ns_experiment_set_weight (exp, 0, j, i, w_hidden[j][i]));
  for (guint i = 0; i < 3; i++)
    g_assert_true (ns_experiment_set_weight (exp, 1, 0, i, w_out[i]));

  st = ns_experiment_get_step_state (exp);
  g_assert_cmpint (st->phase, ==, NS_STEP_IDLE);

  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_FORWARD);
  g_assert_cmpuint (st->n_layers, ==, 2);
  g_assert_cmpuint (st->layer, ==, 1); /* the hidden layer lights up first */
  g_assert_cmpuint (st->batch_size, ==, 1);
  g_assert_cmpuint (st->sample, ==, 0);
  g_assert_cmpuint (st->data_index, ==, 0);
  g_assert_cmpuint (st->n_units, ==, 3);
  g_assert_cmpfloat (st->input[0], ==, 0.5f);
  g_assert_cmpfloat (st->input[1], ==, -1.0f);
  for (guint u = 0; u < 3; u++)
    {
      g_assert_cmpfloat_with_epsilon (st->z[u], z[u], TOL);
      g_assert_cmpfloat_with_epsilon (st->a[u], a[u], TOL);
    }
  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_FORWARD);
  g_assert_cmpuint (st->layer, ==, 2); /* then the output */

  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_LOSS);
  g_assert_cmpuint (st->layer, ==, 2);
  g_assert_cmpfloat (st->target, ==, 1.0f);
  g_assert_cmpfloat_with_epsilon (st->loss, 0.4766618363, TOL);

  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_BACKWARD);
  g_assert_cmpuint (st->layer, ==, 1); /* the output's delta first */
  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_BACKWARD);
  g_assert_cmpuint (st->layer, ==, 2);
  for (guint u = 0; u < 3; u++)
    g_assert_cmpfloat_with_epsilon (st->delta[u], delta[u], TOL);
  for (guint j = 0; j < 2; j++)
    for (guint i = 0; i < 3; i++)
      {
        size_t k = nn_net_param_index (net, 0, j, i);
        g_assert_cmpfloat_with_epsilon (st->grad[k], g_hidden[j][i], TOL);
        g_assert_cmpfloat (st->batch_grad[k], ==, st->grad[k]); /* one sample: all of it */
      }
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (st->grad[nn_net_param_index (net, 1, 0, i)], g_out[i], TOL);

  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_UPDATE);
  g_assert_cmpuint (st->layer, ==, 2);
  g_assert_cmpfloat (st->trainer.learning_rate, ==, 0.1f);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 1);
  for (guint j = 0; j < 2; j++)
    for (guint i = 0; i < 3; i++)
      {
        size_t k = nn_net_param_index (net, 0, j, i);
        g_assert_cmpfloat (st->params_before[k], ==, w_hidden[j][i]);
        g_assert_cmpfloat_with_epsilon (st->params_after[k], new_hidden[j][i], TOL);
        g_assert_cmpfloat_with_epsilon (st->change[k], -0.1 * g_hidden[j][i], TOL);
        g_assert_cmpfloat (net->params[k], ==, st->params_after[k]);
      }
  for (guint i = 0; i < 3; i++)
    {
      size_t k = nn_net_param_index (net, 1, 0, i);
      g_assert_cmpfloat (st->params_before[k], ==, w_out[i]);
      g_assert_cmpfloat_with_epsilon (st->params_after[k], new_out[i], TOL);
    }

  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_IDLE);
}

/* Steps @a by samples and @b by batches, one batch at a time, and compares them after each. */
static void
compare_by_samples (const char *dataset,
                    const char *optimizer,
                    const char *batch,
                    const char *l2,
                    const char *clip)
{
  const char *options[] = { "dataset", dataset,      "count", "100",       "hidden",
                            "4,3",     "activation", "tanh",  "optimizer", optimizer,
                            "lr",      "0.03",       "batch", batch,       "l2",
                            l2,        "clip",       clip,    NULL };
  g_autoptr (NsExperiment) a = new_experiment (options);
  g_autoptr (NsExperiment) b = new_experiment (options);
  const NsStepState *st = ns_experiment_get_step_state (a);
  guint n_batches = 2 * ns_experiment_get_steps_per_epoch (a) + 3;
  guint stepped = 0;

  g_signal_connect (a, "stepped", G_CALLBACK (count_stepped), &stepped);
  for (guint k = 0; k < n_batches; k++)
    {
      guint64 version = ns_experiment_get_version (a);
      guint samples = 0;

      do
        {
          g_assert_true (ns_experiment_step_sample (a));
          samples++;
          g_assert_cmpuint (st->sample + 1, ==, samples);
        }
      while (st->phase != NS_STEP_UPDATE);
      g_assert_cmpuint (samples, ==, st->batch_size);
      g_assert_cmpuint (ns_experiment_step (b, 1), ==, 1);
      g_assert_cmpuint (ns_experiment_get_version (a), >, version);
      g_assert_cmpuint (stepped, ==, k + 1);
      /* The gradient accumulated sample by sample is the batch step's, bit for bit. */
      g_assert_true (
          memcmp (st->batch_grad, ns_experiment_get_net (b)->grads, st->n_params * sizeof (float))
          == 0);
      g_assert_true (same_params (ns_experiment_get_net (a), ns_experiment_get_net (b)));
      g_assert_cmpuint (ns_experiment_get_step (a), ==, ns_experiment_get_step (b));
      g_assert_cmpuint (ns_experiment_get_epoch (a), ==, ns_experiment_get_epoch (b));
      g_assert_cmpuint (a->position, ==, b->position);
    }
  g_assert_cmpuint (ns_experiment_get_epoch (a), ==, 2);
  g_assert_true (same_history (a, b));
  g_assert_cmpuint (a->net->n_updates, ==, b->net->n_updates);
}

static void
test_by_samples (void)
{
  const char *batches[] = { "1", "3", "10" };
  const char *optimizers[] = { "sgd", "adam" };

  for (guint o = 0; o < G_N_ELEMENTS (optimizers); o++)
    for (guint k = 0; k < G_N_ELEMENTS (batches); k++)
      compare_by_samples ("xor", optimizers[o], batches[k], "0", "0");
  /* Softmax and MSE outputs; momentum; regularisation and clipping act in the update only. */
  compare_by_samples ("spiral3", "momentum", "3", "0.001", "0");
  compare_by_samples ("reg-plane", "adam", "4", "0", "0.5");
  compare_by_samples ("blobs5", "sgd", "7", "0.01", "1");
}

/* (3) Interrupting a batch anywhere, then training normally, is the plain run. */
static void
test_interrupted (void)
{
  const char *options[] = { "dataset",   "circle", "count", "60", "hidden", "3",
                            "optimizer", "adam",   "batch", "4",  NULL };

  for (guint phases = 0; phases < 12; phases++)
    {
      g_autoptr (NsExperiment) a = new_experiment (options);
      g_autoptr (NsExperiment) b = new_experiment (options);
      guint per_epoch = ns_experiment_get_steps_per_epoch (a);

      /* Stepping starts right at an epoch's end (stepping starts the next epoch's shuffle)
       * and in the middle of an epoch. */
      ns_experiment_step (a, phases % 2 == 0 ? per_epoch : 2);
      ns_experiment_step (b, phases % 2 == 0 ? per_epoch : 2);
      for (guint p = 0; p < phases; p++)
        g_assert_true (ns_experiment_step_phase (a));
      if (phases % 3 == 1)
        ns_experiment_step_back (a);
      ns_experiment_step (a, 2 * per_epoch + 1);
      ns_experiment_step (b, 2 * per_epoch + 1);
      g_assert_cmpint (ns_experiment_get_step_state (a)->phase, ==, NS_STEP_IDLE);
      g_assert_true (same_params (a->net, b->net));
      g_assert_true (same_history (a, b));
      g_assert_cmpuint (ns_experiment_get_step (a), ==, ns_experiment_get_step (b));
      g_assert_cmpuint (a->position, ==, b->position);
    }
}

/* (4) Going back only moves the phase shown. */
static void
test_step_back (void)
{
  const char *options[] = { "dataset", "circle", "count", "40", "hidden", "3", "batch", "2", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const NsStepState *st = ns_experiment_get_step_state (exp);
  const NnNet *net = ns_experiment_get_net (exp);
  g_autofree float *params = g_memdup2 (net->params, net->n_params * sizeof (float));
  guint64 version = ns_experiment_get_version (exp);
  double loss;

  g_assert_false (ns_experiment_step_back (exp));
  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_false (ns_experiment_step_back (exp)); /* FORWARD's first layer starts the sample */
  g_assert_true (ns_experiment_step_phase (exp)); /* FORWARD, the output layer */
  g_assert_true (ns_experiment_step_phase (exp)); /* LOSS */
  g_assert_true (ns_experiment_step_phase (exp)); /* BACKWARD, the output layer */
  g_assert_cmpint (st->phase, ==, NS_STEP_BACKWARD);
  g_assert_cmpuint (st->layer, ==, 1);
  loss = st->loss;
  g_assert_true (ns_experiment_step_back (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_LOSS);
  g_assert_true (ns_experiment_step_back (exp));
  /* Back into a walked phase: at its end, every layer shown. */
  g_assert_cmpint (st->phase, ==, NS_STEP_FORWARD);
  g_assert_cmpuint (st->layer, ==, 2);
  g_assert_true (ns_experiment_step_back (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_FORWARD);
  g_assert_cmpuint (st->layer, ==, 1);
  g_assert_false (ns_experiment_step_back (exp));
  g_assert_cmpuint (st->sample, ==, 0);
  g_assert_true (memcmp (params, net->params, net->n_params * sizeof (float)) == 0);
  g_assert_cmpuint (ns_experiment_get_version (exp), ==, version);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 0);
  /* Forward again shows the same numbers, then goes on to the next sample. */
  g_assert_true (ns_experiment_step_whole_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_FORWARD);
  g_assert_cmpuint (st->layer, ==, 2);
  g_assert_true (ns_experiment_step_whole_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_LOSS);
  g_assert_cmpfloat (st->loss, ==, loss);
  g_assert_true (ns_experiment_step_sample (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_BACKWARD);
  g_assert_cmpuint (st->sample, ==, 0);
  g_assert_true (ns_experiment_step_sample (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_UPDATE);
  g_assert_cmpuint (st->sample, ==, 1);
  /* Back from the update shows the last sample's backward; the update stays done. */
  g_assert_true (ns_experiment_step_back (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_BACKWARD);
  g_assert_cmpuint (st->layer, ==, 2);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 1);
  g_assert_true (ns_experiment_step_phase (exp));
  g_assert_cmpint (st->phase, ==, NS_STEP_UPDATE);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 1);
  /* Anything else that changes the experiment ends the stepping. */
  ns_experiment_reset (exp);
  g_assert_cmpint (ns_experiment_get_step_state (exp)->phase, ==, NS_STEP_IDLE);
}

/* (5) The update's old and new values are the parameters before and after, and its optimizer
 * terms follow the optimizer's formulas. */
static void
test_update_values (void)
{
  const char *options[] = { "dataset",  "gauss", "count", "50",    "hidden", "3", "optimizer",
                            "momentum", "lr",    "0.05",  "batch", "5",      NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const NsStepState *st = ns_experiment_get_step_state (exp);
  const NnNet *net = ns_experiment_get_net (exp);
  gsize size = net->n_params * sizeof (float);

  for (guint round = 0; round < 3; round++)
    {
      g_autofree float *before = g_memdup2 (net->params, size);
      g_autofree float *m = g_memdup2 (net->opt_m, size);

      g_assert_true (ns_experiment_step_finish_batch (exp));
      g_assert_cmpint (st->phase, ==, NS_STEP_UPDATE);
      g_assert_cmpuint (st->sample, ==, 4);
      g_assert_true (memcmp (st->params_before, before, size) == 0);
      g_assert_true (memcmp (st->params_after, net->params, size) == 0);
      g_assert_true (memcmp (st->m_before, m, size) == 0);
      g_assert_true (memcmp (st->m_after, net->opt_m, size) == 0);
      for (gsize k = 0; k < net->n_params; k++)
        {
          /* v = mu v + g; w -= lr v */
          g_assert_cmpfloat_with_epsilon (st->m_after[k], 0.9f * m[k] + st->batch_grad[k], 1e-6);
          g_assert_cmpfloat_with_epsilon (st->change[k], -0.05f * st->m_after[k], 1e-6);
          g_assert_cmpfloat (st->change[k], ==, st->params_after[k] - st->params_before[k]);
        }
      g_assert_true (ns_experiment_step_phase (exp));
      g_assert_cmpint (st->phase, ==, NS_STEP_IDLE);
    }
}

static gboolean
same_float (float a, float b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* (6) The terms the step-through shows are the engine's, and equal the update it made bit for
 * bit: the parameter after, the velocity or moments after, for every optimizer with L1 or L2
 * and clipping; Adam's m̂ and v̂ are the moments after times the bias corrections; with batch
 * size 1 the sample's own gradient is the batch's. */
static void
test_update_terms_exact (void)
{
  const char *const configs[][4] = {
    { "sgd", "l1", "0.01", "0" },        { "momentum", "l2", "0.02", "0.5" },
    { "adam", "l2", "0.003", "0.2" },    { "adam", "l1", "0.001", "0" },
    { "momentum", "l1", "0.05", "0.1" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    for (guint batch = 1; batch <= 4; batch += 3)
      {
        g_autofree char *batch_text = g_strdup_printf ("%u", batch);
        const char *options[] = { "dataset",     "xor",         "count",      "60",
                                  "hidden",      "4,3",         "optimizer",  configs[c][0],
                                  configs[c][1], configs[c][2], "clip",       configs[c][3],
                                  "batch",       batch_text,    "activation", "relu",
                                  NULL };
        g_autoptr (NsExperiment) exp = new_experiment (options);
        const NsStepState *st = ns_experiment_get_step_state (exp);
        const NnNet *net = ns_experiment_get_net (exp);

        for (guint round = 0; round < 4; round++)
          {
            if (batch == 1)
              {
                g_assert_true (ns_experiment_step_sample (exp));
                g_assert_cmpint (st->phase, ==, NS_STEP_UPDATE);
              }
            else
              g_assert_true (ns_experiment_step_finish_batch (exp));
            g_assert_cmpint (st->phase, ==, NS_STEP_UPDATE);
            g_assert_nonnull (st->terms);
            for (gsize k = 0; k < net->n_params; k++)
              {
                const NnUpdateTerms *t = &st->terms[k];

                g_assert_true (same_float (t->grad, st->batch_grad[k]));
                g_assert_true (same_float (t->param, st->params_after[k]));
                if (st->trainer.optimizer != NN_OPT_SGD)
                  g_assert_true (same_float (t->m, st->m_after[k]));
                g_assert_true (same_float (t->v, st->v_after[k]));
                if (st->trainer.optimizer == NN_OPT_ADAM)
                  {
                    g_assert_true (
                        same_float (t->m_hat, t->m * (float) (1.0 / (1.0 - st->adam_beta1_power))));
                    g_assert_true (
                        same_float (t->v_hat, t->v * (float) (1.0 / (1.0 - st->adam_beta2_power))));
                  }
                if (batch == 1)
                  g_assert_cmpfloat (st->grad[k], ==, st->batch_grad[k]);
              }
            g_assert_true (ns_experiment_step_phase (exp));
            g_assert_cmpint (st->phase, ==, NS_STEP_IDLE);
          }
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/step/hand-checked", test_hand_checked);
  g_test_add_func ("/step/by-samples", test_by_samples);
  g_test_add_func ("/step/interrupted", test_interrupted);
  g_test_add_func ("/step/back", test_step_back);
  g_test_add_func ("/step/update-values", test_update_values);
  g_test_add_func ("/step/update-terms-exact", test_update_terms_exact);
  return g_test_run ();
}
