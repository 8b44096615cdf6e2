/* test-engine-edit.c: architecture edits. Every edit gives the right shapes, keeps every weight
 * (and its optimizer state) whose (neuron, input) pair still exists, draws every other weight
 * with nn_net_init_value (biases of new neurons 0), and leaves a net whose nn_net_init_params
 * agrees with nn_net_init_value everywhere. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "nn-net.h"
#include "ns-test-net.h"

static NnRng init;

/* 2 -> [3 tanh, 4 relu] -> 1 (BCE), initialised, with biases and optimizer state marked so
 * that copies can be recognised: m = 1000 + index, v = 2000 + index */
static NnNet *
make_net (void)
{
  size_t widths[] = { 3, 4 };
  NnActivation acts[] = { NN_ACT_TANH, NN_ACT_RELU };
  NnNet *net = dense_net_new (2, 2, widths, acts, NN_LOSS_BCE, 0);

  g_assert_nonnull (net);
  nn_net_init_params (net, &init);
  for (size_t p = 0; p < net->n_params; p++)
    {
      net->opt_m[p] = 1000.0f + (float) p;
      net->opt_v[p] = 2000.0f + (float) p;
      net->grads[p] = 3000.0f + (float) p;
    }
  for (size_t l = 0; l < net->n_layers; l++)
    for (size_t j = 0; j < net->layers[l].n_out; j++)
      net->params[net->layers[l].b_offset + j] = 0.5f + (float) (10 * l + j);
  return net;
}

static float
param (const NnNet *net, size_t l, size_t j, size_t i)
{
  size_t k = nn_net_param_index (net, l, j, i);

  g_assert_cmpuint (k, <, net->n_params);
  return net->params[k];
}

/* weight (l, j, i) of @after is weight (ol, oj, oi) of @before, with its state */
static void
assert_kept (const NnNet *after,
             size_t l,
             size_t j,
             size_t i,
             const NnNet *before,
             size_t ol,
             size_t oj,
             size_t oi)
{
  size_t a = nn_net_param_index (after, l, j, i);
  size_t b = nn_net_param_index (before, ol, oj, oi);

  g_assert_cmpuint (a, <, after->n_params);
  g_assert_cmpuint (b, <, before->n_params);
  g_assert_cmpfloat (after->params[a], ==, before->params[b]);
  g_assert_cmpfloat (after->opt_m[a], ==, before->opt_m[b]);
  g_assert_cmpfloat (after->opt_v[a], ==, before->opt_v[b]);
  g_assert_cmpfloat (after->grads[a], ==, before->grads[b]);
}

/* weight (l, j, i) of @net is new: the init value (0 for a bias), zero state */
static void
assert_new (const NnNet *net, size_t l, size_t j, size_t i)
{
  size_t a = nn_net_param_index (net, l, j, i);

  g_assert_cmpuint (a, <, net->n_params);
  if (i == net->layers[l].n_in)
    g_assert_cmpfloat (net->params[a], ==, 0.0f);
  else
    {
      g_assert_cmpfloat (net->params[a], ==, nn_net_init_value (net, &init, l, j, i));
      g_assert_cmpfloat (net->params[a], !=, 0.0f);
    }
  g_assert_cmpfloat (net->opt_m[a], ==, 0.0f);
  g_assert_cmpfloat (net->opt_v[a], ==, 0.0f);
}

/* a reset of the edited net gives nn_net_init_value everywhere, and the net still runs */
static void
assert_consistent (const NnNet *net)
{
  NnNet *reset = nn_net_clone (net);
  NnTrainer tr;
  float x[16], y[2] = { 0, 1 };

  g_assert_nonnull (reset);
  nn_net_init_params (reset, &init);
  for (size_t l = 0; l < reset->n_layers; l++)
    for (size_t j = 0; j < reset->layers[l].n_out; j++)
      for (size_t i = 0; i <= reset->layers[l].n_in; i++)
        g_assert_cmpfloat (param (reset, l, j, i), ==, nn_net_init_value (net, &init, l, j, i));
  for (size_t k = 0; k < G_N_ELEMENTS (x); k++)
    x[k] = (float) k / 8.0f - 1.0f;
  g_assert_cmpuint (reset->n_inputs * 2, <=, G_N_ELEMENTS (x));
  nn_trainer_defaults (&tr);
  g_assert_cmpint (nn_net_train_batch (reset, &tr, x, y, 2), ==, NN_OK);
  nn_net_free (reset);
}

static void
test_init_value (void)
{
  NnNet *net = make_net ();

  nn_net_init_params (net, &init);
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];
      double limit =
          L->act == NN_ACT_RELU ? sqrt (6.0 / L->n_in) : sqrt (6.0 / (L->n_in + L->n_out));

      for (size_t j = 0; j < L->n_out; j++)
        {
          for (size_t i = 0; i < L->n_in; i++)
            {
              float w = param (net, l, j, i);

              g_assert_cmpfloat (w, ==, nn_net_init_value (net, &init, l, j, i));
              g_assert_cmpfloat (fabs (w), <=, limit);
            }
          g_assert_cmpfloat (param (net, l, j, L->n_in), ==, 0.0f);
        }
    }
  /* another seed, other weights; state and counters cleared */
  {
    NnRng other;

    nn_rng_seed (&other, 43, NN_STREAM_INIT);
    g_assert_cmpfloat (nn_net_init_value (net, &other, 0, 0, 0), !=,
                       nn_net_init_value (net, &init, 0, 0, 0));
  }
  for (size_t p = 0; p < net->n_params; p++)
    g_assert_cmpfloat (net->opt_m[p], ==, 0.0f);
  g_assert_cmpuint (net->n_updates, ==, 0);
  nn_net_free (net);
}

static void
test_add_neuron (void)
{
  NnNet *before = make_net (), *net = nn_net_clone (before);

  g_assert_cmpint (nn_net_add_neuron (net, 0, &init), ==, NN_OK);
  g_assert_cmpuint (net->layers[0].n_out, ==, 4);
  g_assert_cmpuint (net->layers[1].n_in, ==, 4);
  g_assert_cmpuint (net->n_units, ==, before->n_units + 1);
  for (size_t j = 0; j < 4; j++)
    for (size_t i = 0; i <= 2; i++)
      if (j < 3)
        assert_kept (net, 0, j, i, before, 0, j, i);
      else
        assert_new (net, 0, j, i);
  for (size_t k = 0; k < 4; k++)
    for (size_t j = 0; j <= 4; j++)
      if (j < 3)
        assert_kept (net, 1, k, j, before, 1, k, j);
      else if (j == 3)
        assert_new (net, 1, k, j);
      else
        assert_kept (net, 1, k, j, before, 1, k, 3); /* the bias */
  for (size_t i = 0; i <= 4; i++)
    assert_kept (net, 2, 0, i, before, 2, 0, i);
  assert_consistent (net);
  nn_net_free (net);
  nn_net_free (before);
}

static void
test_remove_neuron (void)
{
  NnNet *before = make_net (), *net = nn_net_clone (before);

  g_assert_cmpint (nn_net_remove_neuron (net, 1, 1), ==, NN_OK);
  g_assert_cmpuint (net->layers[1].n_out, ==, 3);
  g_assert_cmpuint (net->layers[2].n_in, ==, 3);
  for (size_t j = 0; j < 3; j++)
    for (size_t i = 0; i <= 3; i++)
      assert_kept (net, 1, j, i, before, 1, j < 1 ? j : j + 1, i);
  for (size_t i = 0; i < 3; i++)
    assert_kept (net, 2, 0, i, before, 2, 0, i < 1 ? i : i + 1);
  assert_kept (net, 2, 0, 3, before, 2, 0, 4);
  g_assert_cmpmem (net->params, 9 * sizeof (float), before->params, 9 * sizeof (float));
  assert_consistent (net);
  /* a layer keeps at least one neuron */
  g_assert_cmpint (nn_net_remove_neuron (net, 1, 5), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_remove_neuron (net, 1, 0), ==, NN_OK);
  g_assert_cmpint (nn_net_remove_neuron (net, 1, 0), ==, NN_OK);
  g_assert_cmpint (nn_net_remove_neuron (net, 1, 0), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_remove_neuron (net, 2, 0), ==, NN_ERR_ARG); /* the output */
  nn_net_free (net);
  nn_net_free (before);
}

static void
test_insert_layer (void)
{
  NnNet *before = make_net (), *net = nn_net_clone (before);

  g_assert_cmpint (nn_net_insert_layer (net, 1, 5, NN_ACT_SIGMOID, &init), ==, NN_OK);
  g_assert_cmpuint (nn_net_n_hidden (net), ==, 3);
  g_assert_cmpuint (net->layers[1].n_out, ==, 5);
  g_assert_cmpint (net->layers[1].act, ==, NN_ACT_SIGMOID);
  g_assert_cmpuint (net->layers[2].n_in, ==, 5);
  g_assert_cmpint (net->layers[2].act, ==, NN_ACT_RELU);
  for (size_t j = 0; j < 3; j++)
    for (size_t i = 0; i <= 2; i++)
      assert_kept (net, 0, j, i, before, 0, j, i);
  for (size_t j = 0; j < 5; j++)
    for (size_t i = 0; i <= 3; i++)
      assert_new (net, 1, j, i);
  for (size_t j = 0; j < 4; j++)
    {
      for (size_t i = 0; i < 5; i++)
        assert_new (net, 2, j, i);                 /* their inputs are new neurons */
      assert_kept (net, 2, j, 5, before, 1, j, 3); /* the neurons themselves stay: biases */
    }
  for (size_t i = 0; i <= 4; i++)
    assert_kept (net, 3, 0, i, before, 2, 0, i);
  assert_consistent (net);
  g_assert_cmpint (nn_net_insert_layer (net, 5, 2, NN_ACT_TANH, &init), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_insert_layer (net, 0, 2, NN_ACT_SOFTMAX, &init), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_insert_layer (net, 0, 0, NN_ACT_TANH, &init), ==, NN_ERR_ARG);
  /* at the ends too */
  g_assert_cmpint (nn_net_insert_layer (net, 0, 2, NN_ACT_TANH, &init), ==, NN_OK);
  g_assert_cmpint (nn_net_insert_layer (net, 4, 2, NN_ACT_TANH, &init), ==, NN_OK);
  g_assert_cmpuint (nn_net_n_hidden (net), ==, 5);
  assert_consistent (net);
  nn_net_free (net);
  nn_net_free (before);
}

static void
test_remove_layer (void)
{
  NnNet *before = make_net (), *net = nn_net_clone (before);

  g_assert_cmpint (nn_net_remove_layer (net, 0), ==, NN_OK);
  g_assert_cmpuint (nn_net_n_hidden (net), ==, 1);
  g_assert_cmpuint (net->layers[0].n_in, ==, 2);
  g_assert_cmpuint (net->layers[0].n_out, ==, 4);
  g_assert_cmpint (net->layers[0].act, ==, NN_ACT_RELU);
  for (size_t j = 0; j < 4; j++)
    {
      for (size_t i = 0; i < 2; i++)
        assert_new (net, 0, j, i); /* drawn from the stream of the last init */
      assert_kept (net, 0, j, 2, before, 1, j, 3);
    }
  for (size_t i = 0; i <= 4; i++)
    assert_kept (net, 1, 0, i, before, 2, 0, i);
  assert_consistent (net);
  g_assert_cmpint (nn_net_remove_layer (net, 1), ==, NN_ERR_ARG); /* not the output */
  g_assert_cmpint (nn_net_remove_layer (net, 0), ==, NN_OK);
  g_assert_cmpuint (nn_net_n_hidden (net), ==, 0);
  g_assert_cmpuint (net->layers[0].n_in, ==, 2);
  assert_consistent (net);
  nn_net_free (net);
  nn_net_free (before);
}

static void
test_set_activation (void)
{
  NnNet *before = make_net (), *net = nn_net_clone (before);

  g_assert_cmpint (nn_net_set_activation (net, 1, NN_ACT_LEAKY_RELU), ==, NN_OK);
  g_assert_cmpint (net->layers[1].act, ==, NN_ACT_LEAKY_RELU);
  g_assert_cmpmem (net->mem, 4 * net->n_params * sizeof (float), before->mem,
                   4 * before->n_params * sizeof (float));
  g_assert_cmpint (nn_net_set_activation (net, 2, NN_ACT_TANH), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_set_activation (net, 0, NN_ACT_SOFTMAX), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_set_activation (net, 0, NN_N_ACTIVATIONS), ==, NN_ERR_ARG);
  assert_consistent (net);
  nn_net_free (net);
  nn_net_free (before);
}

static void
test_inputs (void)
{
  NnNet *before = make_net (), *net = nn_net_clone (before), *mid;

  g_assert_cmpint (nn_net_insert_input (net, 1, &init), ==, NN_OK);
  g_assert_cmpuint (net->n_inputs, ==, 3);
  g_assert_cmpuint (net->layers[0].n_in, ==, 3);
  for (size_t j = 0; j < 3; j++)
    {
      assert_kept (net, 0, j, 0, before, 0, j, 0);
      assert_new (net, 0, j, 1);
      assert_kept (net, 0, j, 2, before, 0, j, 1);
      assert_kept (net, 0, j, 3, before, 0, j, 2);
    }
  g_assert_cmpmem (net->params + net->layers[1].w_offset,
                   (net->n_params - net->layers[1].w_offset) * sizeof (float),
                   before->params + before->layers[1].w_offset,
                   (before->n_params - before->layers[1].w_offset) * sizeof (float));
  assert_consistent (net);

  mid = nn_net_clone (net);
  g_assert_cmpint (nn_net_remove_input (net, 0), ==, NN_OK);
  g_assert_cmpuint (net->n_inputs, ==, 2);
  for (size_t j = 0; j < 3; j++)
    {
      assert_kept (net, 0, j, 0, mid, 0, j, 1); /* the input added above, kept */
      assert_kept (net, 0, j, 1, before, 0, j, 1);
      assert_kept (net, 0, j, 2, before, 0, j, 2);
    }
  nn_net_free (mid);
  assert_consistent (net);
  g_assert_cmpint (nn_net_remove_input (net, 2), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_remove_input (net, 0), ==, NN_OK);
  g_assert_cmpint (nn_net_remove_input (net, 0), ==, NN_ERR_ARG); /* at least one input */
  g_assert_cmpint (nn_net_insert_input (net, 3, &init), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_insert_input (net, 1, &init), ==, NN_OK); /* appended */
  assert_new (net, 0, 2, 1);
  nn_net_free (net);
  nn_net_free (before);
}

static void
test_set_output (void)
{
  NnNet *before = make_net (), *net = nn_net_clone (before);

  g_assert_cmpint (nn_net_set_output (net, NN_LOSS_SOFTMAX_CE, 3, &init), ==, NN_OK);
  g_assert_cmpint (net->loss, ==, NN_LOSS_SOFTMAX_CE);
  g_assert_cmpuint (nn_net_n_outputs (net), ==, 3);
  g_assert_cmpint (net->layers[2].act, ==, NN_ACT_SOFTMAX);
  for (size_t j = 0; j < 3; j++)
    for (size_t i = 0; i <= 4; i++)
      assert_new (net, 2, j, i);
  g_assert_cmpmem (net->params, net->layers[2].w_offset * sizeof (float), before->params,
                   before->layers[2].w_offset * sizeof (float));
  assert_consistent (net);
  g_assert_cmpint (nn_net_set_output (net, NN_LOSS_MSE, 0, &init), ==, NN_OK);
  g_assert_cmpint (net->layers[2].act, ==, NN_ACT_LINEAR);
  g_assert_cmpuint (nn_net_n_outputs (net), ==, 1);
  g_assert_cmpint (nn_net_set_output (net, NN_LOSS_SOFTMAX_CE, 1, &init), ==, NN_ERR_ARG);
  nn_net_free (net);
  nn_net_free (before);
}

/* counters and Adam's running products survive edits; a sequence of edits stays consistent */
static void
test_sequence (void)
{
  NnNet *net = make_net ();

  net->n_updates = 17;
  net->adam_beta1_power = 0.5;
  g_assert_cmpint (nn_net_add_neuron (net, 1, &init), ==, NN_OK);
  g_assert_cmpint (nn_net_insert_layer (net, 2, 3, NN_ACT_TANH, &init), ==, NN_OK);
  g_assert_cmpint (nn_net_remove_neuron (net, 0, 0), ==, NN_OK);
  g_assert_cmpint (nn_net_insert_input (net, 0, &init), ==, NN_OK);
  g_assert_cmpint (nn_net_remove_layer (net, 1), ==, NN_OK);
  g_assert_cmpuint (net->n_updates, ==, 17);
  g_assert_cmpfloat (net->adam_beta1_power, ==, 0.5);
  g_assert_cmpuint (nn_net_n_hidden (net), ==, 2);
  g_assert_cmpuint (net->n_inputs, ==, 3);
  g_assert_cmpuint (net->layers[0].n_out, ==, 2);
  g_assert_cmpuint (net->layers[1].n_out, ==, 3);
  assert_consistent (net);
  nn_net_free (net);
}

/* The count nn_net_new lays out, known before anything is allocated, and 0 where it refuses. */
static void
test_count_params (void)
{
  NnLayerSpec specs[3] = { nn_layer_spec_dense (6, NN_ACT_TANH),
                           nn_layer_spec_dense (4, NN_ACT_RELU),
                           nn_layer_spec_dense (4096, NN_ACT_TANH) };
  NnNet *net = nn_net_new (nn_shape_vector (3), specs, 2, NN_LOSS_SOFTMAX_CE, 5);

  g_assert_nonnull (net);
  g_assert_cmpuint (nn_net_count_params (nn_shape_vector (3), specs, 2, NN_LOSS_SOFTMAX_CE, 5), ==,
                    net->n_params);
  g_assert_cmpuint (net->n_params, ==, 6 * 4 + 4 * 7 + 5 * 5);
  nn_net_free (net);
  g_assert_cmpuint (nn_net_count_params (nn_shape_vector (2), NULL, 0, NN_LOSS_BCE, 0), ==, 3);
  g_assert_cmpuint (nn_net_count_params (nn_shape_vector (2), specs, 3, NN_LOSS_MSE, 0), ==,
                    6 * 3 + 4 * 7 + 4096 * 5 + 4097);
  /* conv 8 x (2 x 3 x 3) + 8 on 2 channels of 1 x 1, then 8 -> 1 */
  specs[0] = nn_layer_spec_conv (8, 3, NN_ACT_RELU);
  g_assert_cmpuint (nn_net_count_params (nn_shape_vector (2), specs, 1, NN_LOSS_BCE, 0), ==,
                    8 * 18 + 8 + 9);
  /* refused as nn_net_new refuses: softmax in a hidden layer, an even kernel, a conv after a
   * dense layer, no input */
  specs[0].kernel = 4;
  g_assert_cmpuint (nn_net_count_params (nn_shape_vector (2), specs, 1, NN_LOSS_BCE, 0), ==, 0);
  specs[0] = nn_layer_spec_dense (6, NN_ACT_SOFTMAX);
  g_assert_cmpuint (nn_net_count_params (nn_shape_vector (2), specs, 1, NN_LOSS_BCE, 0), ==, 0);
  specs[0].act = NN_ACT_TANH;
  specs[1] = nn_layer_spec_conv (8, 3, NN_ACT_RELU);
  g_assert_cmpuint (nn_net_count_params (nn_shape_vector (2), specs, 2, NN_LOSS_BCE, 0), ==, 0);
  g_assert_cmpuint (nn_net_count_params (nn_shape_vector (0), NULL, 0, NN_LOSS_BCE, 0), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nn_rng_seed (&init, 42, NN_STREAM_INIT);
  g_test_add_func ("/engine/edit/init-value", test_init_value);
  g_test_add_func ("/engine/edit/add-neuron", test_add_neuron);
  g_test_add_func ("/engine/edit/remove-neuron", test_remove_neuron);
  g_test_add_func ("/engine/edit/insert-layer", test_insert_layer);
  g_test_add_func ("/engine/edit/remove-layer", test_remove_layer);
  g_test_add_func ("/engine/edit/set-activation", test_set_activation);
  g_test_add_func ("/engine/edit/inputs", test_inputs);
  g_test_add_func ("/engine/edit/set-output", test_set_output);
  g_test_add_func ("/engine/edit/sequence", test_sequence);
  g_test_add_func ("/engine/edit/count-params", test_count_params);
  return g_test_run ();
}
