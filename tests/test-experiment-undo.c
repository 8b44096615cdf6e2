/* test-experiment-undo.c: undo takes back the edit itself and keeps the training done since;
 * one user action is one step; a new run ends the history; the numbers shown after an edit or
 * an undo are those of the network shown; a learning rate that does not diverge is found. */
#include "ns-test-experiment.h"

#include <math.h>

/* Weight (l, j, i) of @a and of @b, bit for bit, with its optimizer state. */
static void
assert_same_param (const NnNet *a,
                   size_t l,
                   size_t j,
                   size_t i,
                   const NnNet *b,
                   size_t bl,
                   size_t bj,
                   size_t bi)
{
  size_t x = nn_net_param_index (a, l, j, i);
  size_t y = nn_net_param_index (b, bl, bj, bi);

  g_assert_cmpuint (x, !=, SIZE_MAX);
  g_assert_cmpuint (y, !=, SIZE_MAX);
  g_assert_cmpfloat (a->params[x], ==, b->params[y]);
  g_assert_cmpfloat (a->opt_m[x], ==, b->opt_m[y]);
  g_assert_cmpfloat (a->opt_v[x], ==, b->opt_v[y]);
}

/* The numbers shown are a fresh evaluation of the network shown, at the run's epoch. */
static void
assert_current_is_fresh (NsExperiment *exp)
{
  const NsHistoryEntry *current = ns_experiment_get_current (exp);
  NsHistoryEntry fresh;

  ns_experiment_evaluate (exp, &fresh);
  g_assert_cmpuint (current->epoch, ==, ns_experiment_get_epoch (exp));
  g_assert_cmpuint (current->epoch, ==, fresh.epoch);
  g_assert_cmpfloat (current->train_loss, ==, fresh.train_loss);
  g_assert_cmpfloat (current->test_loss, ==, fresh.test_loss);
  g_assert_cmpfloat (current->train_accuracy, ==, fresh.train_accuracy);
}

/* Undo changes neither the epoch, the step nor the history: no training is undone. */
typedef struct
{
  guint64 step;
  guint epoch;
  guint n_history;
} RunMark;

static RunMark
mark_run (NsExperiment *exp)
{
  RunMark mark;

  mark.step = ns_experiment_get_step (exp);
  mark.epoch = ns_experiment_get_epoch (exp);
  ns_experiment_get_history (exp, &mark.n_history);
  return mark;
}

static void
assert_run_is (NsExperiment *exp, RunMark mark)
{
  guint n_history;

  ns_experiment_get_history (exp, &n_history);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, mark.step);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, mark.epoch);
  g_assert_cmpuint (n_history, ==, mark.n_history);
}

/* Add a neuron, train, undo: the neuron goes, the others keep what they learnt since. */
static void
test_add_neuron_train_undo (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("hidden", "3,2", "seed", "5", NULL);
  NnNet *trained;
  const NnNet *net;
  RunMark mark;

  ns_experiment_train_epochs (exp, 2);
  g_assert_true (ns_experiment_add_neuron (exp, 0));
  ns_experiment_train_epochs (exp, 3);
  trained = nn_net_clone (ns_experiment_get_net (exp));
  mark = mark_run (exp);

  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->layers[0].n_out, ==, 3);
  g_assert_cmpuint (ns_experiment_get_config (exp)->layers[0].units, ==, 3);
  for (size_t j = 0; j < 3; j++)
    for (size_t i = 0; i <= 2; i++)
      assert_same_param (net, 0, j, i, trained, 0, j, i);
  for (size_t k = 0; k < 2; k++)
    {
      for (size_t j = 0; j < 3; j++)
        assert_same_param (net, 1, k, j, trained, 1, k, j);
      assert_same_param (net, 1, k, 3, trained, 1, k, 4); /* the bias */
    }
  assert_run_is (exp, mark);
  assert_current_is_fresh (exp);
  g_assert_false (ns_experiment_can_undo (exp));
  g_assert_cmpuint (ns_experiment_step (exp, 5), ==, 5);
  nn_net_free (trained);
}

/* Remove a neuron, train, undo: it comes back with its weights in and out. */
static void
test_remove_neuron_train_undo (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("hidden", "4,3", "seed", "6", NULL);
  NnNet *before, *trained;
  const NnNet *net;
  RunMark mark;

  ns_experiment_train_epochs (exp, 2);
  before = nn_net_clone (ns_experiment_get_net (exp));
  g_assert_true (ns_experiment_remove_neuron (exp, 0));
  ns_experiment_train_epochs (exp, 3);
  trained = nn_net_clone (ns_experiment_get_net (exp));
  mark = mark_run (exp);

  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->layers[0].n_out, ==, 4);
  /* The neuron that came back: as it was. */
  for (size_t i = 0; i <= 2; i++)
    assert_same_param (net, 0, 3, i, before, 0, 3, i);
  for (size_t k = 0; k < 3; k++)
    assert_same_param (net, 1, k, 3, before, 1, k, 3);
  /* The others: as training left them. */
  for (size_t j = 0; j < 3; j++)
    for (size_t i = 0; i <= 2; i++)
      assert_same_param (net, 0, j, i, trained, 0, j, i);
  for (size_t k = 0; k < 3; k++)
    for (size_t j = 0; j < 3; j++)
      assert_same_param (net, 1, k, j, trained, 1, k, j);
  for (size_t i = 0; i <= 3; i++)
    assert_same_param (net, 2, 0, i, trained, 2, 0, i);
  assert_run_is (exp, mark);
  assert_current_is_fresh (exp);
  nn_net_free (before);
  nn_net_free (trained);
}

/* A weight edit's undo restores that weight only. */
static void
test_weight_train_undo (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("hidden", "3", "seed", "7", NULL);
  NnNet *trained;
  const NnNet *net;
  float old;
  size_t index;

  ns_experiment_train_epochs (exp, 2);
  net = ns_experiment_get_net (exp);
  index = nn_net_param_index (net, 0, 1, 0);
  old = net->params[index];
  g_assert_true (ns_experiment_set_weight (exp, 0, 1, 0, 3.5f));
  ns_experiment_train_epochs (exp, 2);
  trained = nn_net_clone (ns_experiment_get_net (exp));

  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  for (size_t k = 0; k < net->n_params; k++)
    g_assert_cmpfloat (net->params[k], ==, k == index ? old : trained->params[k]);
  assert_current_is_fresh (exp);
  nn_net_free (trained);
}

/* Add a layer, train, undo: the layer goes; the layer after it gets back the weights it had
 * into the layer before; everything else keeps its training. */
static void
test_layer_train_undo (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("hidden", "3,2", "seed", "8", NULL);
  NnNet *before, *trained;
  const NnNet *net;
  RunMark mark;

  ns_experiment_train_epochs (exp, 2);
  before = nn_net_clone (ns_experiment_get_net (exp));
  g_assert_true (ns_experiment_add_layer (exp, 1, 4));
  ns_experiment_train_epochs (exp, 2);
  trained = nn_net_clone (ns_experiment_get_net (exp));
  mark = mark_run (exp);

  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->n_layers, ==, 3);
  for (size_t j = 0; j < 3; j++)
    for (size_t i = 0; i <= 2; i++)
      assert_same_param (net, 0, j, i, trained, 0, j, i);
  for (size_t k = 0; k < 2; k++)
    {
      for (size_t j = 0; j < 3; j++)
        assert_same_param (net, 1, k, j, before, 1, k, j);
      assert_same_param (net, 1, k, 3, trained, 2, k, 4); /* its bias: trained */
    }
  assert_run_is (exp, mark);
  assert_current_is_fresh (exp);

  /* Remove a layer, train, undo: it comes back as it was, with the weights into the next. */
  g_clear_pointer (&before, nn_net_free);
  g_clear_pointer (&trained, nn_net_free);
  before = nn_net_clone (ns_experiment_get_net (exp));
  g_assert_true (ns_experiment_remove_layer (exp, 0));
  ns_experiment_train_epochs (exp, 2);
  trained = nn_net_clone (ns_experiment_get_net (exp));
  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->n_layers, ==, 3);
  g_assert_cmpuint (net->layers[0].n_out, ==, 3);
  for (size_t j = 0; j < 3; j++)
    for (size_t i = 0; i <= 2; i++)
      assert_same_param (net, 0, j, i, before, 0, j, i);
  for (size_t k = 0; k < 2; k++)
    {
      for (size_t j = 0; j < 3; j++)
        assert_same_param (net, 1, k, j, before, 1, k, j);
      assert_same_param (net, 1, k, 3, trained, 0, k, 2);
    }
  for (size_t i = 0; i <= 2; i++)
    assert_same_param (net, 2, 0, i, trained, 1, 0, i);
  assert_current_is_fresh (exp);
  nn_net_free (before);
  nn_net_free (trained);
}

/* Features on and off, train, undo: an added input goes, a removed one comes back. */
static void
test_features_train_undo (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("hidden", "3", "seed", "9", NULL);
  NnNet *before, *trained;
  const NnNet *net;

  ns_experiment_train_epochs (exp, 2);
  g_assert_true (ns_experiment_set_features (exp, NS_FEATURES_DEFAULT | (1u << NS_FEATURE_X1SQ)));
  ns_experiment_train_epochs (exp, 2);
  trained = nn_net_clone (ns_experiment_get_net (exp));
  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->n_inputs, ==, 2);
  g_assert_cmpuint (ns_experiment_get_config (exp)->features, ==, NS_FEATURES_DEFAULT);
  for (size_t j = 0; j < 3; j++)
    {
      assert_same_param (net, 0, j, 0, trained, 0, j, 0);
      assert_same_param (net, 0, j, 1, trained, 0, j, 1);
      assert_same_param (net, 0, j, 2, trained, 0, j, 3);
    }
  assert_current_is_fresh (exp);

  g_clear_pointer (&trained, nn_net_free);
  before = nn_net_clone (ns_experiment_get_net (exp));
  g_assert_true (ns_experiment_set_features (exp, 1u << NS_FEATURE_X2));
  ns_experiment_train_epochs (exp, 2);
  trained = nn_net_clone (ns_experiment_get_net (exp));
  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->n_inputs, ==, 2);
  for (size_t j = 0; j < 3; j++)
    {
      assert_same_param (net, 0, j, 0, before, 0, j, 0);  /* x1 came back */
      assert_same_param (net, 0, j, 1, trained, 0, j, 0); /* x2 kept its training */
      assert_same_param (net, 0, j, 2, trained, 0, j, 1);
    }
  assert_current_is_fresh (exp);
  nn_net_free (before);
  nn_net_free (trained);
}

/* Every layer's activation at once is one undo step, and its undo keeps the training. */
static void
test_activations_one_step (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("hidden", "4,4,4", "seed", "3", NULL);
  const NsConfig *config = ns_experiment_get_config (exp);
  NnNet *trained;

  g_assert_true (ns_experiment_set_activation (exp, 1, NN_ACT_SIGMOID));
  ns_experiment_train_epochs (exp, 1);
  g_assert_true (ns_experiment_set_activations (exp, NN_ACT_RELU));
  for (guint h = 0; h < 3; h++)
    g_assert_cmpint (ns_experiment_get_net (exp)->layers[h].act, ==, NN_ACT_RELU);
  ns_experiment_train_epochs (exp, 2);
  trained = nn_net_clone (ns_experiment_get_net (exp));

  g_assert_true (ns_experiment_undo (exp));
  g_assert_cmpint (config->layers[0].act, ==, NN_ACT_TANH);
  g_assert_cmpint (config->layers[1].act, ==, NN_ACT_SIGMOID);
  g_assert_cmpint (config->layers[2].act, ==, NN_ACT_TANH);
  for (guint h = 0; h < 3; h++)
    g_assert_cmpint (ns_experiment_get_net (exp)->layers[h].act, ==, config->layers[h].act);
  g_assert_true (same_params (ns_experiment_get_net (exp), trained));
  assert_current_is_fresh (exp);
  /* The single-layer change before it is the next step. */
  g_assert_true (ns_experiment_undo (exp));
  g_assert_cmpint (config->layers[1].act, ==, NN_ACT_TANH);
  g_assert_false (ns_experiment_can_undo (exp));
  nn_net_free (trained);
}

/* A reset, new data or a new seed start another run: the edits before cannot be undone into
 * it. */
static void
test_new_run_ends_history (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "spiral", "hidden", "8", NULL);
  const NsConfig *config = ns_experiment_get_config (exp);

  for (guint k = 0; k < 4; k++)
    {
      NnNet *run;

      ns_experiment_step (exp, 10);
      g_assert_true (ns_experiment_add_neuron (exp, 0));
      g_assert_true (ns_experiment_set_activations (exp, NN_ACT_RELU));
      g_assert_true (ns_experiment_can_undo (exp));
      switch (k)
        {
        case 0:
          ns_experiment_reset (exp);
          break;
        case 1:
          ns_experiment_regenerate (exp);
          break;
        case 2:
          ns_experiment_set_data (exp, NS_DATASET_XOR, config->noise, config->train_ratio, 0);
          break;
        default:
          ns_experiment_set_seed (exp, 77);
          break;
        }
      ns_experiment_step (exp, 10);
      run = nn_net_clone (ns_experiment_get_net (exp));
      g_assert_false (ns_experiment_can_undo (exp));
      g_assert_false (ns_experiment_undo (exp));
      g_assert_true (same_params (ns_experiment_get_net (exp), run));
      g_assert_cmpint (config->layers[0].act, ==, NN_ACT_RELU);
      g_assert_cmpuint (config->layers[0].units, ==, 9 + k);
      nn_net_free (run);
      g_assert_true (ns_experiment_set_activations (exp, NN_ACT_TANH));
    }
}

/* After an edit the numbers shown are those of the edited network, at the epoch trained so
 * far, and the history gains no entry (no epoch happened). */
static void
test_numbers_after_edits (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "spiral", "hidden", "8,8,8", "seed", "2", NULL);
  const NsHistoryEntry *current;
  NsHistoryEntry last;
  guint n_history, n_after;

  ns_experiment_train_epochs (exp, 5);
  last = *ns_experiment_get_last (exp);
  ns_experiment_get_history (exp, &n_history);
  g_assert_true (ns_experiment_get_current (exp) == ns_experiment_get_last (exp));

  g_assert_true (ns_experiment_add_neuron (exp, 1));
  assert_current_is_fresh (exp);
  current = ns_experiment_get_current (exp);
  g_assert_cmpfloat (current->train_loss, !=, last.train_loss);
  ns_experiment_get_history (exp, &n_after);
  g_assert_cmpuint (n_after, ==, n_history);
  g_assert_cmpfloat (ns_experiment_get_last (exp)->train_loss, ==, last.train_loss);

  g_assert_true (ns_experiment_remove_layer (exp, 2));
  assert_current_is_fresh (exp);
  g_assert_true (ns_experiment_set_features (exp, 0x7));
  assert_current_is_fresh (exp);
  g_assert_true (ns_experiment_set_weight (exp, 0, 0, 0, -2.0f));
  assert_current_is_fresh (exp);
  ns_experiment_add_point (exp, 0.5, 0.5, 1.0f);
  assert_current_is_fresh (exp);
  while (ns_experiment_can_undo (exp))
    {
      g_assert_true (ns_experiment_undo (exp));
      assert_current_is_fresh (exp);
    }

  /* The next epoch's end is current again. */
  ns_experiment_train_epochs (exp, 1);
  g_assert_true (ns_experiment_get_current (exp) == ns_experiment_get_last (exp));
  ns_experiment_reset (exp);
  g_assert_true (ns_experiment_get_current (exp) == ns_experiment_get_last (exp));
  assert_current_is_fresh (exp);
}

/* A run that diverges mid-epoch: the numbers shown are the diverged network's, not the last
 * finite epoch's. */
static void
test_numbers_after_divergence (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "reg-gauss", "hidden", "8,8",
                                                  "activation", "relu", "lr", "10", NULL);

  ns_experiment_step (exp, 100000);
  g_assert_true (ns_experiment_get_diverged (exp));
  g_assert_false (isfinite (ns_experiment_get_current (exp)->train_loss));
}

/* A learning rate that keeps the first epochs finite is found among lower ones, and is the
 * very run a reset at that rate makes; none is found when none does. */
static void
test_stable_learning_rate (void)
{
  /* At 10 this run diverges; at 3 and 1 (what halving or a tenth would pick) it diverges
   * again in its first epochs; 0.3 holds. */
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "reg-gauss", "hidden", "8,8",
                                                  "activation", "relu", "lr", "10", NULL);
  const double rates[] = { 3, 1, 0.3, 0.1, 0.03, 0.01 };
  NnTrainer trainer;
  double rate = 0;
  gint64 start;

  ns_experiment_train_epochs (exp, 20);
  g_assert_true (ns_experiment_get_diverged (exp));
  g_assert_false (ns_experiment_find_stable_learning_rate (exp, rates, 2, 5, &rate));
  g_assert_cmpfloat (rate, ==, 0);

  start = g_get_monotonic_time ();
  g_assert_true (
      ns_experiment_find_stable_learning_rate (exp, rates, G_N_ELEMENTS (rates), 5, &rate));
  g_test_message ("found rate %g in %.1f ms", rate, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpfloat (rate, ==, 0.3);
  g_assert_true (ns_experiment_get_diverged (exp)); /* the experiment itself is untouched */

  trainer = ns_experiment_get_config (exp)->trainer;
  trainer.learning_rate = (float) rate;
  ns_experiment_set_trainer (exp, &trainer);
  ns_experiment_reset (exp);
  ns_experiment_train_epochs (exp, 5);
  g_assert_false (ns_experiment_get_diverged (exp));
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 5);
}

static void
rate_found_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  double *rate = user_data;
  g_autoptr (GError) error = NULL;

  if (!ns_experiment_find_stable_learning_rate_finish (NS_EXPERIMENT (source), result, rate,
                                                       &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      *rate = -1;
    }
}

/* The same search on a worker thread, on copies: the experiment may go on meanwhile. */
static void
test_stable_learning_rate_async (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "reg-gauss", "hidden", "8,8",
                                                  "activation", "relu", "lr", "10", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  const double rates[] = { 3, 1, 0.3, 0.1 };
  double rate = G_MAXDOUBLE;

  ns_experiment_train_epochs (exp, 20);
  ns_experiment_find_stable_learning_rate_async (exp, rates, G_N_ELEMENTS (rates), 5, NULL,
                                                 rate_found_cb, &rate);
  /* Changing the experiment now changes nothing in the search under way. */
  ns_experiment_reset (exp);
  g_assert_true (ns_experiment_add_layer (exp, 0, 8));
  while (rate == G_MAXDOUBLE)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (rate, ==, 0.3);

  rate = G_MAXDOUBLE;
  ns_experiment_find_stable_learning_rate_async (exp, rates, 2, 5, NULL, rate_found_cb, &rate);
  while (rate == G_MAXDOUBLE)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (rate, ==, 0); /* none holds: said, not guessed */

  rate = G_MAXDOUBLE;
  g_cancellable_cancel (cancellable);
  ns_experiment_find_stable_learning_rate_async (exp, rates, G_N_ELEMENTS (rates), 5, cancellable,
                                                 rate_found_cb, &rate);
  while (rate == G_MAXDOUBLE)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (rate, ==, -1);
}

/* The layer list of an image network: dense layers after the image layers change in place
 * (training kept, each an undo step); a changed conv or pool layer rebuilds the network, which
 * is a new run (epoch 0, no undo); a bad list changes nothing. */
/* The window's Activation sets every layer that has one: a conv net's pool layer keeps its
 * linear, and the change is one undo step. */
static void
test_image_activations (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "digits", "hidden", "c8k3,p2,32",
                                                  "activation", "tanh", "batch", "50", NULL);
  const NsConfig *config = ns_experiment_get_config (exp);
  const NnNet *net;

  ns_experiment_train_epochs (exp, 1);
  g_assert_true (ns_experiment_set_activations (exp, NN_ACT_RELU));
  net = ns_experiment_get_net (exp);
  g_assert_cmpint (nn_net_layer_activation (net, 0), ==, NN_ACT_RELU);
  g_assert_cmpint (nn_net_layer_activation (net, 1), ==, NN_ACT_LINEAR);
  g_assert_cmpint (nn_net_layer_activation (net, 2), ==, NN_ACT_RELU);
  g_assert_cmpint (config->layers[0].act, ==, NN_ACT_RELU);
  g_assert_cmpint (config->layers[2].act, ==, NN_ACT_RELU);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 1);
  /* A pool layer has no activation to set. */
  g_assert_false (ns_experiment_set_activation (exp, 1, NN_ACT_TANH));

  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  g_assert_cmpint (nn_net_layer_activation (net, 0), ==, NN_ACT_TANH);
  g_assert_cmpint (nn_net_layer_activation (net, 2), ==, NN_ACT_TANH);
  g_assert_false (ns_experiment_can_undo (exp));
}

static void
test_image_layer_list (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "digits", "hidden", "c8k3,p2,32",
                                                  "activation", "relu", "batch", "50", NULL);
  g_autoptr (GError) error = NULL;
  const NnNet *net;
  g_autofree float *conv = NULL;
  size_t conv_n;

  ns_experiment_train_epochs (exp, 1);
  net = ns_experiment_get_net (exp);
  conv_n = net->layers[0].n_weights;
  conv = g_memdup2 (net->params + net->layers[0].w_offset, conv_n * sizeof (float));

  /* A narrower dense layer and one more: in place, the conv weights and the epoch kept. */
  g_assert_true (ns_experiment_set_layers (exp, "c8k3,p2,16,12", &error));
  g_assert_no_error (error);
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->n_layers, ==, 5);
  g_assert_cmpuint (nn_net_layer_width (net, 2), ==, 16);
  g_assert_cmpuint (nn_net_layer_width (net, 3), ==, 12);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 1);
  g_assert_cmpmem (net->params + net->layers[0].w_offset, conv_n * sizeof (float), conv,
                   conv_n * sizeof (float));
  g_assert_true (ns_experiment_can_undo (exp));
  g_assert_true (ns_experiment_undo (exp)); /* the added layer */
  g_assert_true (ns_experiment_undo (exp)); /* the width */
  g_assert_cmpuint (nn_net_layer_width (ns_experiment_get_net (exp), 2), ==, 32);
  g_assert_cmpuint (ns_experiment_get_net (exp)->n_layers, ==, 4);

  /* Not a valid list: nothing changes. */
  g_assert_false (ns_experiment_set_layers (exp, "c8k4,p2,32", &error));
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "hidden") != NULL);
  g_clear_error (&error);
  g_assert_false (ns_experiment_set_layers (exp, "32,c8k3", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 1);
  g_assert_cmpuint (ns_experiment_get_net (exp)->layers[0].kernel, ==, 3);

  /* Another conv layer: a new network and a new run. */
  g_assert_true (ns_experiment_set_layers (exp, "c4k5,p2,32", &error));
  g_assert_no_error (error);
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (nn_net_layer_kind (net, 0), ==, NN_LAYER_CONV2D);
  g_assert_cmpuint (net->layers[0].out.channels, ==, 4);
  g_assert_cmpuint (net->layers[0].kernel, ==, 5);
  g_assert_cmpint (nn_net_layer_activation (net, 0), ==, NN_ACT_RELU);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 0);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 0);
  g_assert_false (ns_experiment_can_undo (exp));
  {
    g_autofree char *words = ns_config_hidden_to_string (ns_experiment_get_config (exp));

    g_assert_cmpstr (words, ==, "c4k5,p2,32");
  }
  g_assert_cmpuint (ns_experiment_step (exp, 3), ==, 3);
  g_assert_true (isfinite (ns_experiment_get_last (exp)->train_loss));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment-undo/add-neuron-train-undo", test_add_neuron_train_undo);
  g_test_add_func ("/experiment-undo/remove-neuron-train-undo", test_remove_neuron_train_undo);
  g_test_add_func ("/experiment-undo/weight-train-undo", test_weight_train_undo);
  g_test_add_func ("/experiment-undo/layer-train-undo", test_layer_train_undo);
  g_test_add_func ("/experiment-undo/features-train-undo", test_features_train_undo);
  g_test_add_func ("/experiment-undo/activations-one-step", test_activations_one_step);
  g_test_add_func ("/experiment-undo/new-run-ends-history", test_new_run_ends_history);
  g_test_add_func ("/experiment-undo/numbers-after-edits", test_numbers_after_edits);
  g_test_add_func ("/experiment-undo/numbers-after-divergence", test_numbers_after_divergence);
  g_test_add_func ("/experiment-undo/stable-learning-rate", test_stable_learning_rate);
  g_test_add_func ("/experiment-undo/image-layer-list", test_image_layer_list);
  g_test_add_func ("/experiment-undo/image-activations", test_image_activations);
  g_test_add_func ("/experiment-undo/stable-learning-rate-async", test_stable_learning_rate_async);

  return g_test_run ();
}
