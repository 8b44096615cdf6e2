/* test-engine-optim.c: one hand-worked step of each optimizer, on a 1 -> 1 network whose two
 * parameters (w, b) and gradients are set directly. Expected values are worked out in the
 * comments in exact arithmetic; the float results may differ from them by rounding only, so
 * they are compared to 1e-6 (several float ulps of numbers around 1). */
#include <math.h>

#include <glib.h>

#include "nn-net.h"
#include "ns-test-net.h"

#define TOL 1e-6

typedef struct
{
  NnNet *net;
  float *w, *b, *gw, *gb;
} Tiny;

static void
tiny_init (Tiny *t, float w, float b)
{
  t->net = dense_net_new (1, 0, NULL, NULL, NN_LOSS_MSE, 0);
  g_assert_nonnull (t->net);
  g_assert_cmpuint (t->net->n_params, ==, 2);
  t->w = &t->net->params[nn_net_param_index (t->net, 0, 0, 0)];
  t->b = &t->net->params[nn_net_param_index (t->net, 0, 0, 1)];
  t->gw = &t->net->grads[nn_net_param_index (t->net, 0, 0, 0)];
  t->gb = &t->net->grads[nn_net_param_index (t->net, 0, 0, 1)];
  *t->w = w;
  *t->b = b;
}

static void
tiny_grads (Tiny *t, float gw, float gb)
{
  *t->gw = gw;
  *t->gb = gb;
}

static void
test_defaults (void)
{
  NnTrainer tr;

  nn_trainer_defaults (&tr);
  g_assert_cmpint (tr.optimizer, ==, NN_OPT_SGD);
  g_assert_cmpfloat (tr.learning_rate, ==, 0.03f);
  g_assert_cmpfloat (tr.momentum, ==, 0.9f);
  g_assert_cmpfloat (tr.beta1, ==, 0.9f);
  g_assert_cmpfloat (tr.beta2, ==, 0.999f);
  g_assert_cmpfloat (tr.epsilon, ==, 1e-8f);
  g_assert_cmpint (tr.regularization, ==, NN_REG_NONE);
  g_assert_cmpfloat (tr.clip_norm, ==, 0.0f);
}

/* SGD, lr 0.1: w = 0.5 - 0.1 * 0.2 = 0.48; b = -0.25 - 0.1 * (-0.4) = -0.21 */
static void
test_sgd (void)
{
  Tiny t;
  NnTrainer tr;

  tiny_init (&t, 0.5f, -0.25f);
  tiny_grads (&t, 0.2f, -0.4f);
  nn_trainer_defaults (&tr);
  tr.learning_rate = 0.1f;
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_OK);
  g_assert_cmpfloat_with_epsilon (*t.w, 0.48, TOL);
  g_assert_cmpfloat_with_epsilon (*t.b, -0.21, TOL);
  g_assert_cmpuint (t.net->n_updates, ==, 1);
  nn_net_free (t.net);
}

/* momentum mu 0.9, lr 0.1, from w = 0.5:
 * step 1, g = 0.2:  v = 0.9 * 0 + 0.2 = 0.2;          w = 0.5 - 0.1 * 0.2 = 0.48
 * step 2, g = -0.1: v = 0.9 * 0.2 - 0.1 = 0.08;      w = 0.48 - 0.1 * 0.08 = 0.472
 * (plain SGD would give 0.49 after step 2: the velocity carried step 1 on) */
static void
test_momentum (void)
{
  Tiny t;
  NnTrainer tr;

  tiny_init (&t, 0.5f, 0.0f);
  nn_trainer_defaults (&tr);
  tr.optimizer = NN_OPT_MOMENTUM;
  tr.learning_rate = 0.1f;
  tr.momentum = 0.9f;
  tiny_grads (&t, 0.2f, 0.0f);
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_OK);
  g_assert_cmpfloat_with_epsilon (t.net->opt_m[0], 0.2, TOL);
  g_assert_cmpfloat_with_epsilon (*t.w, 0.48, TOL);
  tiny_grads (&t, -0.1f, 0.0f);
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_OK);
  g_assert_cmpfloat_with_epsilon (t.net->opt_m[0], 0.08, TOL);
  g_assert_cmpfloat_with_epsilon (*t.w, 0.472, TOL);
  nn_net_free (t.net);
}

/* Adam, lr 0.1, beta1 0.9, beta2 0.999, eps 1e-8, from w = 1, b = 0:
 * step 1, gw = 0.5: m = 0.1 * 0.5 = 0.05, v = 0.001 * 0.25 = 0.00025,
 *   m^ = 0.05 / (1 - 0.9) = 0.5, v^ = 0.00025 / (1 - 0.999) = 0.25,
 *   w = 1 - 0.1 * 0.5 / (sqrt (0.25) + 1e-8) = 1 - 0.1 * 0.99999998 = 0.900000002
 *   (in float, 1e-8 is below half an ulp of 0.5: w = 0.9f);
 *   gb = -0.2: m^ = -0.2, v^ = 0.04, b = 0 + 0.1 * 0.2 / (0.2 + 1e-8) = 0.099999995
 * step 2, gw = 0.5 again: m = 0.9 * 0.05 + 0.05 = 0.095, v = 0.999 * 0.00025 + 0.00025
 *   = 0.00049975, m^ = 0.095 / (1 - 0.81) = 0.5, v^ = 0.00049975 / (1 - 0.998001) = 0.25:
 *   a constant gradient moves w by lr each step: w = 0.8 */
static void
test_adam (void)
{
  Tiny t;
  NnTrainer tr;

  tiny_init (&t, 1.0f, 0.0f);
  nn_trainer_defaults (&tr);
  tr.optimizer = NN_OPT_ADAM;
  tr.learning_rate = 0.1f;
  tiny_grads (&t, 0.5f, -0.2f);
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_OK);
  g_assert_cmpfloat_with_epsilon (t.net->opt_m[0], 0.05, TOL);
  /* 0.999f is 0.99900001287…: 1 - beta2 = 0.00099998713 in float, so v = 0.000249996781 */
  g_assert_cmpfloat_with_epsilon (t.net->opt_v[0], 0.25 * (1.0 - (double) 0.999f), 1e-12);
  g_assert_cmpfloat_with_epsilon (*t.w, 0.900000002, TOL);
  g_assert_cmpfloat_with_epsilon (*t.b, 0.099999995, TOL);
  g_assert_cmpfloat_with_epsilon (t.net->adam_beta1_power, 0.9, 1e-7);
  g_assert_cmpfloat_with_epsilon (t.net->adam_beta2_power, 0.999, 1e-7);
  tiny_grads (&t, 0.5f, -0.2f);
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_OK);
  g_assert_cmpfloat_with_epsilon (t.net->opt_m[0], 0.095, TOL);
  g_assert_cmpfloat_with_epsilon (t.net->opt_v[0], 0.00049975, 1e-8);
  g_assert_cmpfloat_with_epsilon (*t.w, 0.8, TOL);
  g_assert_cmpfloat_with_epsilon (*t.b, 0.2, TOL);
  g_assert_cmpuint (t.net->n_updates, ==, 2);
  /* running products, not pow (): 0.9^2 = 0.81 (of the float 0.9f, in double) */
  g_assert_cmpfloat (t.net->adam_beta1_power, ==, (double) 0.9f * (double) 0.9f);
  nn_net_free (t.net);
}

/* clipping by the global L2 norm: g = (3, 4) has norm 5; clip 1 -> (0.6, 0.8);
 * SGD lr 1 from (1, 1): w = 0.4, b = 0.2. A clip above the norm changes nothing. */
static void
test_clip (void)
{
  Tiny t;
  NnTrainer tr;

  tiny_init (&t, 1.0f, 1.0f);
  nn_trainer_defaults (&tr);
  tr.learning_rate = 1.0f;
  tr.clip_norm = 1.0f;
  tiny_grads (&t, 3.0f, 4.0f);
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_OK);
  g_assert_cmpfloat_with_epsilon (*t.w, 0.4, TOL);
  g_assert_cmpfloat_with_epsilon (*t.b, 0.2, TOL);
  /* the stored gradients are left as they were */
  g_assert_cmpfloat (*t.gw, ==, 3.0f);

  *t.w = 1.0f;
  *t.b = 1.0f;
  tr.clip_norm = 10.0f;
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_OK);
  g_assert_cmpfloat (*t.w, ==, -2.0f);
  g_assert_cmpfloat (*t.b, ==, -3.0f);
  nn_net_free (t.net);
}

/* clipping sees the regularised gradient: L2 rate 1 on w = 1 (g 3 -> 4), b unregularised
 * (g = 3): norm 5, clip 2.5 -> (2, 1.5); lr 1 from (1, 0): w = -1, b = -1.5 */
static void
test_clip_with_reg (void)
{
  Tiny t;
  NnTrainer tr;

  tiny_init (&t, 1.0f, 0.0f);
  nn_trainer_defaults (&tr);
  tr.learning_rate = 1.0f;
  tr.clip_norm = 2.5f;
  tr.regularization = NN_REG_L2;
  tr.reg_rate = 1.0f;
  tiny_grads (&t, 3.0f, 3.0f);
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_OK);
  g_assert_cmpfloat_with_epsilon (*t.w, -1.0, TOL);
  g_assert_cmpfloat_with_epsilon (*t.b, -1.5, TOL);
  nn_net_free (t.net);
}

static void
test_nonfinite (void)
{
  Tiny t;
  NnTrainer tr;

  tiny_init (&t, 1.0f, 0.0f);
  nn_trainer_defaults (&tr);
  tiny_grads (&t, NAN, 0.0f);
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_ERR_NONFINITE);
  *t.w = 1.0f;
  tr.learning_rate = 1e30f;
  tiny_grads (&t, 0.0f, 1e30f);
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_ERR_NONFINITE);
  g_assert_true (isinf (*t.b));
  tr.optimizer = NN_N_OPTIMIZERS;
  g_assert_cmpint (nn_net_update (t.net, &tr), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_update (NULL, &tr), ==, NN_ERR_ARG);
  nn_net_free (t.net);
}

/* one table says which activations a hidden layer may use: all but softmax */
static void
test_hidden_activations (void)
{
  for (int a = 0; a < NN_N_ACTIVATIONS; a++)
    g_assert_cmpint (nn_activation_is_hidden (a), ==, a != NN_ACT_SOFTMAX);
  g_assert_false (nn_activation_is_hidden (nn_activation_from_name ("no-such")));
  g_assert_false (nn_activation_is_hidden (NN_N_ACTIVATIONS));
}

static void
test_names (void)
{
  for (int a = 0; a < NN_N_ACTIVATIONS; a++)
    g_assert_cmpint (nn_activation_from_name (nn_activation_name (a)), ==, a);
  for (int o = 0; o < NN_N_OPTIMIZERS; o++)
    g_assert_cmpint (nn_optimizer_from_name (nn_optimizer_name (o)), ==, o);
  for (int r = 0; r < NN_N_REGULARIZATIONS; r++)
    g_assert_cmpint (nn_regularization_from_name (nn_regularization_name (r)), ==, r);
  for (int k = 0; k < NN_N_LAYER_KINDS; k++)
    g_assert_cmpint (nn_layer_kind_from_name (nn_layer_kind_name (k)), ==, k);
  g_assert_cmpstr (nn_layer_kind_name (NN_LAYER_DENSE), ==, "dense");
  g_assert_cmpint (nn_layer_kind_from_name ("dense2"), ==, -1);
  g_assert_cmpstr (nn_activation_name (NN_ACT_LEAKY_RELU), ==, "leaky_relu");
  g_assert_cmpstr (nn_optimizer_name (NN_OPT_ADAM), ==, "adam");
  g_assert_cmpstr (nn_regularization_name (NN_REG_L2), ==, "l2");
  g_assert_cmpint (nn_activation_from_name ("swish"), ==, -1);
  g_assert_cmpint (nn_optimizer_from_name (NULL), ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/optim/defaults", test_defaults);
  g_test_add_func ("/engine/optim/sgd", test_sgd);
  g_test_add_func ("/engine/optim/momentum", test_momentum);
  g_test_add_func ("/engine/optim/adam", test_adam);
  g_test_add_func ("/engine/optim/clip", test_clip);
  g_test_add_func ("/engine/optim/clip-with-reg", test_clip_with_reg);
  g_test_add_func ("/engine/optim/nonfinite", test_nonfinite);
  g_test_add_func ("/engine/optim/names", test_names);
  g_test_add_func ("/engine/optim/hidden-activations", test_hidden_activations);
  return g_test_run ();
}
