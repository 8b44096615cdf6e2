/* test-engine-conv.c: the conv2d, max-pool and flatten layers: analytic gradients against
 * central finite differences of nn_net_loss (as test-engine-grad.c, whose tolerance argument
 * holds here: a conv sum has at most a few hundred float terms, each z still carries a relative
 * rounding error of a few 1e-7); a hand-set vertical Sobel kernel on a hand-made image; a
 * max-pool on a hand-made map with ties and a floored edge; stepping sample by sample equals
 * the batch; a sample's own gradients add up to the batch's; layout, initialisation, accessors,
 * refused specs and edits; and a small conv net that learns bars.
 *
 * Kinks: a parameter is skipped when moving it by +-h flips a relu unit's sign or changes a
 * pool window's maximum (the loss is not differentiable across those). */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "nn-net.h"

#define H 1e-2f
#define REL_TOL 2e-3
#define ABS_TOL 2e-4

static const NnActivation hidden_acts[] = {
  NN_ACT_LINEAR, NN_ACT_RELU, NN_ACT_LEAKY_RELU, NN_ACT_TANH, NN_ACT_SIGMOID,
};

/* a net of these hidden specs, weights drawn, biases away from 0 */
static NnNet *
make_net (NnShape input,
          const NnLayerSpec *specs,
          size_t n_hidden,
          NnLoss loss,
          size_t n_classes,
          uint64_t seed)
{
  NnNet *net = nn_net_new (input, specs, n_hidden, loss, n_classes);
  NnRng init, data;

  g_assert_nonnull (net);
  nn_rng_seed (&init, seed, NN_STREAM_INIT);
  nn_rng_seed (&data, seed, NN_STREAM_DATA);
  nn_net_init_params (net, &init);
  for (size_t l = 0; l < net->n_layers; l++)
    for (size_t j = 0; j < net->layers[l].n_biases; j++)
      net->params[net->layers[l].b_offset + j] = (float) nn_rng_range (&data, -0.3, 0.3);
  return net;
}

static void
random_data (const NnNet *net, float *x, float *y, size_t n, uint64_t seed)
{
  NnRng data;
  size_t k = net->layers[net->n_layers - 1].n_out;

  nn_rng_seed (&data, seed + 100, NN_STREAM_DATA);
  for (size_t i = 0; i < net->n_inputs * n; i++)
    x[i] = (float) nn_rng_range (&data, -1.5, 1.5);
  for (size_t s = 0; s < n; s++)
    switch (net->loss)
      {
      case NN_LOSS_BCE:
        y[s] = (float) (s % 2);
        break;
      case NN_LOSS_SOFTMAX_CE:
        y[s] = (float) (s % k);
        break;
      default:
        y[s] = (float) nn_rng_range (&data, -1.0, 1.0);
        break;
      }
}

/* the kinks of the last forward: relu units' signs and every pool window's first maximum */
static GByteArray *
kinks (const NnNet *net)
{
  GByteArray *sig = g_byte_array_new ();
  size_t cap = net->batch_cap, n = net->batch;

  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];

      if (L->act == NN_ACT_RELU || L->act == NN_ACT_LEAKY_RELU)
        for (size_t u = 0; u < L->n_out; u++)
          for (size_t s = 0; s < n; s++)
            {
              guint8 b = net->pre[(L->unit_offset + u) * cap + s] > 0.0f;
              g_byte_array_append (sig, &b, 1);
            }
      if (L->kind == NN_LAYER_MAX_POOL)
        {
          const float *x = l > 0 ? net->acts + net->layers[l - 1].unit_offset * cap : net->inputs;
          size_t k = L->kernel;

          for (size_t u = 0; u < L->n_out; u++)
            for (size_t s = 0; s < n; s++)
              {
                size_t c = u / (L->out.height * L->out.width);
                size_t oy = u / L->out.width % L->out.height, ox = u % L->out.width;
                guint8 best = 0;
                float m = NAN;

                for (size_t t = 0; t < k * k; t++)
                  {
                    float v =
                        x[((c * L->in.height + oy * k + t / k) * L->in.width + ox * k + t % k) * cap
                          + s];
                    if (t == 0 || v > m)
                      {
                        m = v;
                        best = (guint8) t;
                      }
                  }
                g_byte_array_append (sig, &best, 1);
              }
        }
    }
  return sig;
}

static gboolean
same_kinks (GByteArray *a, GByteArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len) == 0;
}

/* every parameter's analytic gradient against (L(w+h) - L(w-h)) / 2h; returns how many were
 * checked (the others sit on a kink) */
static size_t
check_grads (NnNet *net, const float *x, const float *y, size_t n)
{
  float *analytic = g_new (float, net->n_params);
  GByteArray *base;
  size_t checked = 0;

  nn_net_zero_grads (net);
  g_assert_cmpint (nn_net_forward (net, x, n), ==, NN_OK);
  base = kinks (net);
  g_assert_cmpint (nn_net_backward (net, y, 1.0f / (float) n), ==, NN_OK);
  memcpy (analytic, net->grads, net->n_params * sizeof (float));
  for (size_t k = 0; k < net->n_params; k++)
    {
      float w = net->params[k], wp = w + H, wm = w - H;
      double lp, lm, numeric, a = analytic[k];
      GByteArray *kp, *km;
      gboolean smooth;

      net->params[k] = wp;
      nn_net_forward (net, x, n);
      lp = nn_net_loss (net, y);
      kp = kinks (net);
      net->params[k] = wm;
      nn_net_forward (net, x, n);
      lm = nn_net_loss (net, y);
      km = kinks (net);
      net->params[k] = w;
      smooth = same_kinks (base, kp) && same_kinks (base, km);
      g_byte_array_unref (kp);
      g_byte_array_unref (km);
      if (!smooth)
        continue;
      numeric = (lp - lm) / ((double) wp - (double) wm);
      if (fabs (a - numeric) > REL_TOL * MAX (fabs (a), fabs (numeric)) + ABS_TOL)
        g_error ("param %zu of %zu: analytic %.8g, numeric %.8g", k, net->n_params, a, numeric);
      checked++;
    }
  g_byte_array_unref (base);
  g_free (analytic);
  return checked;
}

static void
check_net (NnShape input,
           const NnLayerSpec *specs,
           size_t n_hidden,
           NnLoss loss,
           size_t n_classes,
           uint64_t seed)
{
  enum
  {
    N = 9 /* a block of 8 samples and a tail: the kernels' vector and tail paths */
  };
  NnNet *net = make_net (input, specs, n_hidden, loss, n_classes, seed);
  float *x = g_new (float, net->n_inputs *N), y[N];
  size_t checked;

  random_data (net, x, y, N, seed);
  checked = check_grads (net, x, y, N);
  /* most parameters are off a kink (a relu conv after a conv flips a sign for about half
   * of the first conv's weights) */
  g_assert_cmpuint (checked, >=, net->n_params / 4);
  g_free (x);
  nn_net_free (net);
}

/* conv k 3 and 5, 2 -> 3 channels on a 5 x 4 image, every hidden activation, a dense output */
static void
test_grad_conv (void)
{
  NnShape image = { 2, 5, 4 };

  for (size_t a = 0; a < G_N_ELEMENTS (hidden_acts); a++)
    for (size_t k = 3; k <= 5; k += 2)
      {
        NnLayerSpec spec = nn_layer_spec_conv (3, k, hidden_acts[a]);

        check_net (image, &spec, 1, NN_LOSS_SOFTMAX_CE, 3, 10 + a * 7 + k);
      }
}

/* conv -> conv: the first conv's gradients go through the second's input gradient */
static void
test_grad_conv_conv (void)
{
  NnShape image = { 2, 4, 5 };

  for (size_t a = 0; a < G_N_ELEMENTS (hidden_acts); a++)
    {
      NnLayerSpec specs[] = { nn_layer_spec_conv (2, 3, NN_ACT_TANH),
                              nn_layer_spec_conv (3, 5, hidden_acts[a]) };

      check_net (image, specs, 2, NN_LOSS_BCE, 0, 30 + a);
      check_net (image, specs, 2, NN_LOSS_MSE, 0, 40 + a);
    }
}

/* pool (with a floored edge) and flatten between convs and dense layers */
static void
test_grad_pool_flatten (void)
{
  NnShape image = { 1, 7, 5 };
  NnLayerSpec a[] = { nn_layer_spec_conv (3, 3, NN_ACT_RELU), nn_layer_spec_pool (2) };
  NnLayerSpec b[] = { nn_layer_spec_conv (2, 3, NN_ACT_TANH), nn_layer_spec_pool (2),
                      nn_layer_spec_conv (3, 3, NN_ACT_SIGMOID), nn_layer_spec_flatten (),
                      nn_layer_spec_dense (4, NN_ACT_TANH) };
  NnLayerSpec c[] = { nn_layer_spec_conv (2, 5, NN_ACT_LEAKY_RELU), nn_layer_spec_flatten () };
  NnLayerSpec d[] = { nn_layer_spec_conv (2, 1, NN_ACT_LINEAR), nn_layer_spec_pool (3),
                      nn_layer_spec_flatten (), nn_layer_spec_dense (3, NN_ACT_SIGMOID) };

  check_net (image, a, G_N_ELEMENTS (a), NN_LOSS_SOFTMAX_CE, 10, 50);
  check_net (image, b, G_N_ELEMENTS (b), NN_LOSS_SOFTMAX_CE, 3, 51);
  check_net (image, c, G_N_ELEMENTS (c), NN_LOSS_MSE, 0, 52);
  check_net (image, d, G_N_ELEMENTS (d), NN_LOSS_BCE, 0, 53);
}

/* an image: 0 left of column 4, 1 from it on; vertical Sobel (-1 0 1 / -2 0 2 / -1 0 1) with
 * zero padding gives 4 on both columns beside the edge, -4 on the last column (its right
 * neighbours are padding), and 3 and -3 on the first and last rows (one kernel row is padding) */
static void
test_sobel (void)
{
  static const float sobel[9] = { -1, 0, 1, -2, 0, 2, -1, 0, 1 };
  static const float inner[8] = { 0, 0, 0, 4, 4, 0, 0, -4 };
  static const float edge[8] = { 0, 0, 0, 3, 3, 0, 0, -3 };
  NnShape image = { 1, 8, 8 };

  for (int relu = 0; relu < 2; relu++)
    {
      NnLayerSpec spec = nn_layer_spec_conv (1, 3, relu ? NN_ACT_RELU : NN_ACT_LINEAR);
      NnNet *net = nn_net_new (image, &spec, 1, NN_LOSS_BCE, 0);
      float x[64];

      g_assert_nonnull (net);
      for (size_t t = 0; t < 9; t++)
        net->params[nn_net_param_index (net, 0, 0, t)] = sobel[t];
      g_assert_cmpfloat (nn_net_conv_weight (net, 0, 0, 0, 1, 0), ==, -2.0f);
      g_assert_cmpfloat (nn_net_conv_weight (net, 0, 0, 0, 2, 2), ==, 1.0f);
      g_assert_true (isnan (nn_net_conv_weight (net, 0, 1, 0, 0, 0)));
      g_assert_true (isnan (nn_net_conv_weight (net, 1, 0, 0, 0, 0)));
      for (size_t p = 0; p < 64; p++)
        x[p] = p % 8 >= 4 ? 1.0f : 0.0f;
      g_assert_cmpint (nn_net_forward (net, x, 1), ==, NN_OK);
      for (size_t y = 0; y < 8; y++)
        for (size_t xx = 0; xx < 8; xx++)
          {
            size_t u = nn_net_unit_index (net, 0, y * 8 + xx);
            float want = (y == 0 || y == 7 ? edge : inner)[xx];

            g_assert_cmpfloat (net->pre[u * net->batch_cap], ==, want);
            g_assert_cmpfloat (net->acts[u * net->batch_cap], ==, relu && want < 0 ? 0.0f : want);
          }
      nn_net_free (net);
    }
}

/* 1 x 4 x 5 through an identity 1 x 1 conv, max-pool 2 (column 4 is floored away), dense
 * w = 1 2 3 4, MSE with a - t = 1: the pool gives 5 5 7 8, and each window's gradient w_i
 * goes to its first maximum in scan order only (window (1, 0) has three 7s) */
static void
test_max_pool_by_hand (void)
{
  static const float map[20] = {
    1, 5, 5, 2, 9, /* */
    3, 0, 4, 4, 9, /* */
    7, 7, 1, 1, 9, /* */
    7, 2, 0, 8, 9,
  };
  static const float want_delta[20] = {
    0, 1, 2, 0, 0, /* */
    0, 0, 0, 0, 0, /* */
    3, 0, 0, 0, 0, /* */
    0, 0, 0, 4, 0,
  };
  static const float want_pool[4] = { 5, 5, 7, 8 };
  NnShape image = { 1, 4, 5 }, in, out;
  NnLayerSpec specs[] = { nn_layer_spec_conv (1, 1, NN_ACT_LINEAR), nn_layer_spec_pool (2) };
  NnNet *net = nn_net_new (image, specs, 2, NN_LOSS_MSE, 0);
  float y = 67.0f; /* a = 5 + 10 + 21 + 32 = 68 */

  g_assert_nonnull (net);
  g_assert_cmpint (nn_net_layer_shape (net, 1, &in, &out), ==, NN_OK);
  g_assert_cmpuint (in.channels * 100 + in.height * 10 + in.width, ==, 145);
  g_assert_cmpuint (out.channels * 100 + out.height * 10 + out.width, ==, 122);
  g_assert_cmpint (nn_net_layer_shape (net, 3, &in, &out), ==, NN_ERR_ARG);
  net->params[nn_net_param_index (net, 0, 0, 0)] = 1.0f;
  for (size_t i = 0; i < 4; i++)
    net->params[nn_net_param_index (net, 2, 0, i)] = (float) (i + 1);
  g_assert_cmpint (nn_net_forward (net, map, 1), ==, NN_OK);
  for (size_t u = 0; u < 4; u++)
    g_assert_cmpfloat (net->acts[nn_net_unit_index (net, 1, u) * net->batch_cap], ==, want_pool[u]);
  nn_net_zero_grads (net);
  g_assert_cmpint (nn_net_backward (net, &y, 1.0f), ==, NN_OK);
  for (size_t p = 0; p < 20; p++)
    g_assert_cmpfloat (net->deltas[nn_net_unit_index (net, 0, p) * net->batch_cap], ==,
                       want_delta[p]);
  /* the 1 x 1 conv's weight gradient: sum of delta x = 5 + 10 + 21 + 32 */
  g_assert_cmpfloat (net->grads[nn_net_param_index (net, 0, 0, 0)], ==, 68.0f);
  nn_net_free (net);
}

static NnNet *
cnn (uint64_t seed)
{
  NnShape image = { 2, 6, 5 };
  NnLayerSpec specs[] = { nn_layer_spec_conv (5, 3, NN_ACT_RELU), nn_layer_spec_pool (2),
                          nn_layer_spec_dense (6, NN_ACT_TANH) };

  return make_net (image, specs, G_N_ELEMENTS (specs), NN_LOSS_SOFTMAX_CE, 4, seed);
}

/* forward 1, backward 1/B sample by sample equals one batch forward and backward, bit for bit;
 * the grid evaluation equals the batch forward; and the samples' own gradients
 * (nn_net_sample_grad), added in turn, are the batch gradient */
static void
test_stepping_equals_batch (void)
{
  enum
  {
    B = 13
  };
  NnNet *net = cnn (70);
  size_t units = net->n_units, n_in = net->n_inputs;
  float *x = g_new (float, n_in *B), y[B];
  float *acts = g_new (float, units *B), *batch_grads, *sum, *own;

  random_data (net, x, y, B, 70);
  nn_net_zero_grads (net);
  g_assert_cmpint (nn_net_forward (net, x, B), ==, NN_OK);
  for (size_t u = 0; u < units; u++)
    memcpy (acts + u * B, net->acts + u * net->batch_cap, B * sizeof (float));
  g_assert_cmpint (nn_net_backward (net, y, 1.0f / B), ==, NN_OK);
  /* the grid evaluation (every unit of B images) and its reference give the same rows */
  {
    float *out = g_new (float, units *B), *out_ref = g_new (float, units *B);

    g_assert_cmpint (nn_net_eval_grid (net, x, B, out), ==, NN_OK);
    g_assert_cmpint (nn_net_eval_grid_ref (net, x, B, out_ref), ==, NN_OK);
    g_assert_cmpmem (out, units * B * sizeof (float), acts, units * B * sizeof (float));
    g_assert_cmpmem (out_ref, units * B * sizeof (float), acts, units * B * sizeof (float));
    g_free (out), g_free (out_ref);
  }
  batch_grads = g_memdup2 (net->grads, net->n_params * sizeof (float));

  sum = g_new0 (float, net->n_params);
  own = g_new (float, net->n_params);
  for (size_t s = 0; s < B; s++)
    {
      g_assert_cmpint (nn_net_sample_grad (net, s, own), ==, NN_OK);
      for (size_t k = 0; k < net->n_params; k++)
        sum[k] = sum[k] + own[k];
    }
  g_assert_cmpint (nn_net_sample_grad (net, B, own), ==, NN_ERR_ARG);
  g_assert_cmpmem (sum, net->n_params * sizeof (float), batch_grads,
                   net->n_params * sizeof (float));

  nn_net_zero_grads (net);
  for (size_t s = 0; s < B; s++)
    {
      float *xs = g_new (float, n_in);

      for (size_t i = 0; i < n_in; i++)
        xs[i] = x[i * B + s];
      g_assert_cmpint (nn_net_forward (net, xs, 1), ==, NN_OK);
      for (size_t u = 0; u < units; u++)
        g_assert_cmpmem (&net->acts[u * net->batch_cap], sizeof (float), &acts[u * B + s],
                         sizeof (float));
      g_assert_cmpint (nn_net_backward (net, &y[s], 1.0f / B), ==, NN_OK);
      g_free (xs);
    }
  g_assert_cmpmem (net->grads, net->n_params * sizeof (float), batch_grads,
                   net->n_params * sizeof (float));
  g_free (x), g_free (acts), g_free (batch_grads), g_free (sum), g_free (own);
  nn_net_free (net);
}

/* layout, init (He / Xavier with the conv fan-out, drawn by key), count, spec round trip,
 * evaluation, and the refusals */
static void
test_layout_and_edits (void)
{
  NnShape image = { 1, 8, 8 };
  NnLayerSpec specs[] = { nn_layer_spec_conv (8, 3, NN_ACT_TANH), nn_layer_spec_pool (2),
                          nn_layer_spec_dense (5, NN_ACT_RELU) };
  NnLayerSpec bad[2];
  NnNet *net = make_net (image, specs, 3, NN_LOSS_SOFTMAX_CE, 10, 80), *copy;
  NnRng init;
  float limit = (float) sqrt (6.0 / (9.0 + 72.0));
  float x[64 * 3], y[3] = { 1, 2, 3 };
  double loss, accuracy;

  g_assert_cmpuint (net->n_params, ==, 8 * 9 + 8 + 5 * 128 + 5 + 10 * 5 + 10);
  g_assert_cmpuint (nn_net_count_params (image, specs, 3, NN_LOSS_SOFTMAX_CE, 10), ==,
                    net->n_params);
  g_assert_cmpuint (net->n_units, ==, 8 * 64 + 8 * 16 + 5 + 10);
  g_assert_cmpuint (nn_net_layer_width (net, 0), ==, 512);
  g_assert_cmpuint (nn_net_layer_fan_in (net, 0), ==, 9);
  g_assert_cmpuint (nn_net_layer_fan_in (net, 2), ==, 128);
  g_assert_cmpuint (nn_net_layer_spec (net, 0).units, ==, 8);
  g_assert_cmpuint (nn_net_layer_spec (net, 0).kernel, ==, 3);
  g_assert_cmpuint (nn_net_layer_spec (net, 1).units, ==, 0);
  g_assert_cmpuint (nn_net_layer_spec (net, 1).kernel, ==, 2);
  nn_rng_seed (&init, 80, NN_STREAM_INIT);
  for (size_t j = 0; j < 8; j++)
    for (size_t i = 0; i < 9; i++)
      {
        float w = nn_net_weight (net, 0, j, i);

        g_assert_cmpfloat (w, ==, nn_net_init_value (net, &init, 0, j, i));
        g_assert_cmpfloat (fabsf (w), <=, limit);
      }
  copy = nn_net_clone (net);
  g_assert_nonnull (copy);
  g_assert_cmpmem (copy->params, net->n_params * sizeof (float), net->params,
                   net->n_params * sizeof (float));
  nn_net_free (copy);

  for (size_t k = 0; k < G_N_ELEMENTS (x); k++)
    x[k] = (float) (k % 7) / 7.0f;
  g_assert_cmpint (nn_net_evaluate (net, x, y, 3, &loss, &accuracy), ==, NN_OK);
  g_assert_cmpint (nn_net_forward (net, x, 3), ==, NN_OK);
  g_assert_cmpfloat (fabs (loss - nn_net_loss (net, y)), <, 1e-12);
  g_assert_cmpfloat (accuracy, >=, 0.0);

  /* edits: dense only, after the image layers; set_activation on conv */
  g_assert_cmpint (nn_net_add_neuron (net, 0, &init), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_remove_neuron (net, 0, 1), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_insert_layer (net, 1, 4, NN_ACT_TANH, &init), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_remove_layer (net, 0), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_remove_layer (net, 1), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_set_activation (net, 1, NN_ACT_TANH), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_insert_input (net, 0, &init), ==, NN_ERR_ARG);
  g_assert_cmpint (nn_net_set_activation (net, 0, NN_ACT_RELU), ==, NN_OK);
  g_assert_cmpint (nn_net_layer_activation (net, 0), ==, NN_ACT_RELU);
  {
    float w05 = nn_net_conv_weight (net, 0, 5, 0, 2, 1);

    g_assert_cmpint (nn_net_add_neuron (net, 2, &init), ==, NN_OK);
    /* the conv layer's weights are kept through an edit of the dense layers */
    g_assert_cmpfloat (nn_net_conv_weight (net, 0, 5, 0, 2, 1), ==, w05);
    g_assert_false (isnan (w05));
  }
  g_assert_cmpint (nn_net_insert_layer (net, 2, 4, NN_ACT_TANH, &init), ==, NN_OK);
  g_assert_cmpint (nn_net_remove_layer (net, 2), ==, NN_OK);
  g_assert_cmpuint (nn_net_layer_width (net, 2), ==, 6);
  g_assert_cmpint (nn_net_set_output (net, NN_LOSS_BCE, 0, &init), ==, NN_OK);
  nn_net_free (net);

  /* refused: even kernel, kernel 9, pool larger than its input, conv after dense, zero
   * channels, a layer of too many units */
  bad[0] = nn_layer_spec_conv (4, 2, NN_ACT_RELU);
  g_assert_null (nn_net_new (image, bad, 1, NN_LOSS_BCE, 0));
  bad[0] = nn_layer_spec_conv (4, 9, NN_ACT_RELU);
  g_assert_null (nn_net_new (image, bad, 1, NN_LOSS_BCE, 0));
  bad[0] = nn_layer_spec_conv (0, 3, NN_ACT_RELU);
  g_assert_null (nn_net_new (image, bad, 1, NN_LOSS_BCE, 0));
  bad[0] = nn_layer_spec_conv (4, 3, NN_ACT_SOFTMAX);
  g_assert_null (nn_net_new (image, bad, 1, NN_LOSS_BCE, 0));
  bad[0] = nn_layer_spec_pool (3);
  bad[1] = nn_layer_spec_pool (3);
  g_assert_null (nn_net_new (image, bad, 2, NN_LOSS_BCE, 0));
  bad[0] = nn_layer_spec_pool (0);
  g_assert_null (nn_net_new (image, bad, 1, NN_LOSS_BCE, 0));
  bad[0] = nn_layer_spec_dense (4, NN_ACT_RELU);
  bad[1] = nn_layer_spec_conv (4, 3, NN_ACT_RELU);
  g_assert_null (nn_net_new (image, bad, 2, NN_LOSS_BCE, 0));
  bad[0] = nn_layer_spec_flatten ();
  g_assert_null (nn_net_new (image, bad, 2, NN_LOSS_BCE, 0));
  bad[0] = nn_layer_spec_conv (4096, 3, NN_ACT_RELU);
  g_assert_null (nn_net_new (image, bad, 1, NN_LOSS_BCE, 0));
  g_assert_cmpuint (nn_net_count_params (image, bad, 1, NN_LOSS_BCE, 0), ==, 0);
}

/* 1 x 6 x 6 images of a vertical or a horizontal bar at a random place, on noise: a conv ->
 * pool -> softmax net tells them apart */
static void
test_learns_bars (void)
{
  enum
  {
    N = 64
  };
  NnShape image = { 1, 6, 6 };
  NnLayerSpec specs[] = { nn_layer_spec_conv (4, 3, NN_ACT_RELU), nn_layer_spec_pool (2) };
  NnNet *net = make_net (image, specs, 2, NN_LOSS_SOFTMAX_CE, 2, 90);
  float x[36 * N], y[N];
  NnRng data;
  NnTrainer tr;
  double loss, accuracy;

  nn_rng_seed (&data, 90, NN_STREAM_DATA);
  for (size_t s = 0; s < N; s++)
    {
      size_t at = nn_rng_below (&data, 6);

      y[s] = (float) (s % 2);
      for (size_t p = 0; p < 36; p++)
        {
          size_t row = p / 6, col = p % 6;
          int on = s % 2 ? row == at : col == at;

          x[p * N + s] = (on ? 1.0f : 0.0f) + (float) nn_rng_range (&data, -0.2, 0.2);
        }
    }
  nn_trainer_defaults (&tr);
  tr.optimizer = NN_OPT_ADAM;
  tr.learning_rate = 0.02f;
  for (int step = 0; step < 150; step++)
    g_assert_cmpint (nn_net_train_batch (net, &tr, x, y, N), ==, NN_OK);
  g_assert_cmpint (nn_net_evaluate (net, x, y, N, &loss, &accuracy), ==, NN_OK);
  g_assert_cmpfloat (accuracy, ==, 1.0);
  g_assert_cmpfloat (loss, <, 0.1);
  nn_net_free (net);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/conv/grad-conv", test_grad_conv);
  g_test_add_func ("/engine/conv/grad-conv-conv", test_grad_conv_conv);
  g_test_add_func ("/engine/conv/grad-pool-flatten", test_grad_pool_flatten);
  g_test_add_func ("/engine/conv/sobel", test_sobel);
  g_test_add_func ("/engine/conv/max-pool-by-hand", test_max_pool_by_hand);
  g_test_add_func ("/engine/conv/stepping-equals-batch", test_stepping_equals_batch);
  g_test_add_func ("/engine/conv/layout-and-edits", test_layout_and_edits);
  g_test_add_func ("/engine/conv/learns-bars", test_learns_bars);
  return g_test_run ();
}
