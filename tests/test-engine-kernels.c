/* test-engine-kernels.c: every fast kernel is bit-identical (memcmp) to its reference on random
 * inputs of odd sizes and strides; the grid evaluation equals its reference and the training
 * forward; a batch forward equals single-sample forwards; a backward accumulated sample by
 * sample equals one batch backward. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "nn-kernels.h"
#include "nn-net.h"
#include "ns-test-net.h"

static const size_t sizes[] = { 1, 7, 10, 33, 45, 10000 }; /* 45: 32 + 8 + a tail */
static const size_t shapes[][2] = {
  /* n_in, n_out */
  { 1, 1 }, { 2, 8 }, { 3, 5 }, { 8, 8 }, { 9, 4 }, { 17, 13 }, { 64, 10 },
};
static const NnActivation hidden_acts[] = {
  NN_ACT_LINEAR, NN_ACT_RELU, NN_ACT_LEAKY_RELU, NN_ACT_TANH, NN_ACT_SIGMOID,
};

static NnRng rng;

static float *
random_floats (size_t n, double lo, double hi)
{
  float *v = g_new (float, n ? n : 1);

  for (size_t k = 0; k < n; k++)
    v[k] = (float) nn_rng_range (&rng, lo, hi);
  return v;
}

static float *
copy_floats (const float *v, size_t n)
{
  return g_memdup2 (v, (n ? n : 1) * sizeof (float));
}

#define ASSERT_SAME(a, b, n) g_assert_cmpmem ((a), (n) * sizeof (float), (b), (n) * sizeof (float))

static void
test_dense (void)
{
  for (size_t a = 0; a < G_N_ELEMENTS (sizes); a++)
    for (size_t b = 0; b < G_N_ELEMENTS (shapes); b++)
      for (int padded = 0; padded < 2; padded++)
        {
          size_t n = sizes[a], n_in = shapes[b][0], n_out = shapes[b][1];
          size_t ldx = n + (padded ? 3 : 0), ldz = n + (padded ? 5 : 0);
          size_t side = MAX (n_in, n_out);
          float *x = random_floats (n_in * ldx, -2, 2);
          float *w = random_floats (n_out * n_in, -1, 1);
          float *bias = random_floats (n_out, -1, 1);
          float *dz = random_floats (n_out * ldz, -1, 1);
          float *z1 = random_floats (n_out * ldz, -1, 1), *z2 = copy_floats (z1, n_out * ldz);
          float *dx1 = random_floats (n_in * ldx, -1, 1), *dx2 = copy_floats (dx1, n_in * ldx);
          float *dw1 = random_floats (n_out * n_in, -1, 1), *dw2 = copy_floats (dw1, n_out * n_in);
          float *db1 = random_floats (n_out, -1, 1), *db2 = copy_floats (db1, n_out);
          float *work = g_new (float, n *side);

          nn_dense_forward (z1, ldz, x, ldx, w, bias, n_in, n_out, n);
          nn_dense_forward_ref (z2, ldz, x, ldx, w, bias, n_in, n_out, n);
          ASSERT_SAME (z1, z2, n_out * ldz);

          nn_dense_backward_input (dx1, ldx, dz, ldz, w, n_in, n_out, n);
          nn_dense_backward_input_ref (dx2, ldx, dz, ldz, w, n_in, n_out, n);
          ASSERT_SAME (dx1, dx2, n_in * ldx);

          nn_dense_backward_params (dw1, db1, dz, ldz, x, ldx, n_in, n_out, n, work);
          nn_dense_backward_params_ref (dw2, db2, dz, ldz, x, ldx, n_in, n_out, n, NULL);
          ASSERT_SAME (dw1, dw2, n_out * n_in);
          ASSERT_SAME (db1, db2, n_out);
          /* and they computed something: the forward's first value by hand */
          {
            float want = bias[0];

            for (size_t i = 0; i < n_in; i++)
              want = want + w[i] * x[i * ldx];
            g_assert_cmpfloat (z1[0], ==, want);
          }
          g_free (x), g_free (w), g_free (bias), g_free (dz), g_free (z1), g_free (z2);
          g_free (dx1), g_free (dx2), g_free (dw1), g_free (dw2), g_free (db1), g_free (db2);
          g_free (work);
        }
}

static void
add_specials (float *v, size_t n)
{
  static const float specials[] = { 0.0f, -0.0f, 1e-30f, -1e-30f, 25.0f, -25.0f, 100.0f, -100.0f };

  for (size_t k = 0; k < G_N_ELEMENTS (specials) && k < n; k++)
    v[(k * 7919) % n] = specials[k];
}

/* conv: c_in, height, width, c_out, kernel (a kernel wider than the image, a 1 x 1, a channel
 * count that is not a multiple of 4) */
static const NnConvGeom conv_geoms[] = {
  { 1, 8, 8, 8, 3 }, { 2, 5, 4, 3, 5 }, { 3, 3, 7, 5, 1 }, { 1, 2, 3, 4, 7 }, { 2, 6, 6, 1, 3 },
};
static const size_t conv_sizes[] = { 1, 7, 8, 13, 33 };

static void
test_conv (void)
{
  for (size_t a = 0; a < G_N_ELEMENTS (conv_sizes); a++)
    for (size_t b = 0; b < G_N_ELEMENTS (conv_geoms); b++)
      for (int padded = 0; padded < 2; padded++)
        {
          const NnConvGeom *g = &conv_geoms[b];
          size_t n = conv_sizes[a], ldx = n + (padded ? 3 : 0), ldz = n + (padded ? 5 : 0);
          size_t hw = g->height * g->width, fan_in = g->c_in * g->kernel * g->kernel;
          size_t nx = g->c_in * hw * ldx, nz = g->c_out * hw * ldz, nw = g->c_out * fan_in;
          float *x = random_floats (nx, -2, 2);
          float *w = random_floats (nw, -1, 1);
          float *bias = random_floats (g->c_out, -1, 1);
          float *dz = random_floats (nz, -1, 1);
          float *z1 = random_floats (nz, -1, 1), *z2 = copy_floats (z1, nz);
          float *dx1 = random_floats (nx, -1, 1), *dx2 = copy_floats (dx1, nx);
          float *dw1 = random_floats (nw, -1, 1), *dw2 = copy_floats (dw1, nw);
          float *db1 = random_floats (g->c_out, -1, 1), *db2 = copy_floats (db1, g->c_out);

          nn_conv_forward (z1, ldz, x, ldx, w, bias, g, n);
          nn_conv_forward_ref (z2, ldz, x, ldx, w, bias, g, n);
          ASSERT_SAME (z1, z2, nz);
          nn_conv_backward_input (dx1, ldx, dz, ldz, w, g, n);
          nn_conv_backward_input_ref (dx2, ldx, dz, ldz, w, g, n);
          ASSERT_SAME (dx1, dx2, nx);
          nn_conv_backward_params (dw1, db1, dz, ldz, x, ldx, g, n);
          nn_conv_backward_params_ref (dw2, db2, dz, ldz, x, ldx, g, n);
          ASSERT_SAME (dw1, dw2, nw);
          ASSERT_SAME (db1, db2, g->c_out);
          g_free (x), g_free (w), g_free (bias), g_free (dz), g_free (z1), g_free (z2);
          g_free (dx1), g_free (dx2), g_free (dw1), g_free (dw2), g_free (db1), g_free (db2);
        }
}

/* max-pool on small integers (many ties), windows 1, 2 and 3 (floored edges) */
static void
test_max_pool (void)
{
  static const NnConvGeom geoms[] = {
    { 1, 8, 8, 1, 2 },
    { 3, 5, 7, 3, 2 },
    { 2, 7, 6, 2, 3 },
    { 2, 3, 3, 2, 1 },
  };

  for (size_t a = 0; a < G_N_ELEMENTS (conv_sizes); a++)
    for (size_t b = 0; b < G_N_ELEMENTS (geoms); b++)
      for (int padded = 0; padded < 2; padded++)
        {
          const NnConvGeom *g = &geoms[b];
          size_t n = conv_sizes[a], ldx = n + (padded ? 3 : 0), ldz = n + (padded ? 5 : 0);
          size_t oh = g->height / g->kernel, ow = g->width / g->kernel;
          size_t nx = g->c_in * g->height * g->width * ldx, nz = g->c_in * oh * ow * ldz;
          float *x = random_floats (nx, -3, 3);
          float *dz = random_floats (nz, -1, 1);
          float *z1 = random_floats (nz, -1, 1), *z2 = copy_floats (z1, nz);
          float *dx1 = random_floats (nx, -1, 1), *dx2 = copy_floats (dx1, nx);

          for (size_t k = 0; k < nx; k++)
            x[k] = floorf (x[k]);
          nn_max_pool_forward (z1, ldz, x, ldx, g, n);
          nn_max_pool_forward_ref (z2, ldz, x, ldx, g, n);
          ASSERT_SAME (z1, z2, nz);
          nn_max_pool_backward (dx1, ldx, dz, ldz, z1, ldz, x, ldx, g, n);
          nn_max_pool_backward_ref (dx2, ldx, dz, ldz, z1, ldz, x, ldx, g, n);
          for (size_t c = 0; c < g->c_in * g->height * g->width; c++)
            ASSERT_SAME (dx1 + c * ldx, dx2 + c * ldx, n);
          g_free (x), g_free (dz), g_free (z1), g_free (z2), g_free (dx1), g_free (dx2);
        }
}

static void
test_activations (void)
{
  for (size_t a = 0; a < G_N_ELEMENTS (sizes); a++)
    for (size_t c = 0; c < G_N_ELEMENTS (hidden_acts); c++)
      {
        size_t n = sizes[a];
        NnActivation act = hidden_acts[c];
        float *z = random_floats (n, -10, 10);
        float *a1 = g_new (float, n), *a2 = g_new (float, n);
        float *d = random_floats (n, -1, 1);
        float *d1 = copy_floats (d, n), *d2 = copy_floats (d, n);

        add_specials (z, n);
        nn_act_forward (act, a1, z, n);
        nn_act_forward_ref (act, a2, z, n);
        ASSERT_SAME (a1, a2, n);
        memcpy (a2, z, n * sizeof (float));
        nn_act_forward (act, a2, a2, n); /* in place */
        ASSERT_SAME (a1, a2, n);

        nn_act_backward (act, d1, z, a1, n);
        nn_act_backward_ref (act, d2, z, a1, n);
        ASSERT_SAME (d1, d2, n);
        g_free (z), g_free (a1), g_free (a2), g_free (d), g_free (d1), g_free (d2);
      }
}

/* the fused dense + activation kernel equals the reference dense, then the reference
 * activation row by row: z and a apart (padding between rows left alone), and a == z */
static void
test_dense_act (void)
{
  for (size_t a = 0; a < G_N_ELEMENTS (sizes); a++)
    for (size_t b = 0; b < G_N_ELEMENTS (shapes); b++)
      for (size_t c = 0; c < G_N_ELEMENTS (hidden_acts); c++)
        for (int padded = 0; padded < 2; padded++)
          {
            size_t n = sizes[a], n_in = shapes[b][0], n_out = shapes[b][1];
            size_t ldx = n + (padded ? 3 : 0), ld = n + (padded ? 5 : 0);
            NnActivation act = hidden_acts[c];
            float *x = random_floats (n_in * ldx, -3, 3);
            float *w = random_floats (n_out * n_in, -2, 2);
            float *bias = random_floats (n_out, -1, 1);
            float *z1 = random_floats (n_out * ld, -1, 1), *z2 = copy_floats (z1, n_out * ld);
            float *a1 = random_floats (n_out * ld, -1, 1), *a2 = copy_floats (a1, n_out * ld);
            float *a3 = copy_floats (z1, n_out * ld);

            add_specials (x, n_in * ldx);
            nn_dense_act_forward (z1, a1, ld, x, ldx, w, bias, n_in, n_out, n, act);
            nn_dense_forward_ref (z2, ld, x, ldx, w, bias, n_in, n_out, n);
            for (size_t j = 0; j < n_out; j++)
              nn_act_forward_ref (act, a2 + j * ld, z2 + j * ld, n);
            ASSERT_SAME (z1, z2, n_out * ld);
            ASSERT_SAME (a1, a2, n_out * ld);
            nn_dense_act_forward (a3, a3, ld, x, ldx, w, bias, n_in, n_out, n, act);
            for (size_t j = 0; j < n_out; j++)
              g_assert_cmpmem (a3 + j * ld, n * sizeof (float), a2 + j * ld, n * sizeof (float));
            g_free (x), g_free (w), g_free (bias), g_free (z1), g_free (z2), g_free (a1);
            g_free (a2), g_free (a3);
          }
}

static void
test_softmax_and_delta (void)
{
  static const size_t ks[] = { 1, 2, 3, 10 };

  for (size_t a = 0; a < G_N_ELEMENTS (sizes); a++)
    for (size_t b = 0; b < G_N_ELEMENTS (ks); b++)
      {
        size_t n = sizes[a], k = ks[b], ld = n + 2;
        float *z = random_floats (k * ld, -20, 20);
        float *a1 = g_new0 (float, k *ld), *a2 = g_new0 (float, k *ld);
        float *y = g_new (float, n);
        float *d1 = g_new0 (float, k *ld), *d2 = g_new0 (float, k *ld);

        nn_softmax_forward (a1, ld, z, ld, k, n);
        nn_softmax_forward_ref (a2, ld, z, ld, k, n);
        ASSERT_SAME (a1, a2, k * ld);
        memcpy (a2, z, k * ld * sizeof (float));
        nn_softmax_forward (a2, ld, a2, ld, k, n); /* in place (the padding keeps z) */
        for (size_t r = 0; r < k; r++)
          ASSERT_SAME (a1 + r * ld, a2 + r * ld, n);
        {
          double sum = 0.0;

          for (size_t r = 0; r < k; r++)
            sum += a1[r * ld];
          g_assert_cmpfloat (fabs (sum - 1.0), <, 1e-6);
        }

        for (size_t s = 0; s < n; s++)
          y[s] = (float) nn_rng_below (&rng, (uint32_t) k);
        g_assert_cmpint (nn_output_delta (NN_LOSS_SOFTMAX_CE, d1, ld, a1, ld, y, k, n, 0.3f), ==,
                         NN_OK);
        g_assert_cmpint (nn_output_delta_ref (NN_LOSS_SOFTMAX_CE, d2, ld, a1, ld, y, k, n, 0.3f),
                         ==, NN_OK);
        ASSERT_SAME (d1, d2, k * ld);
        for (int loss = NN_LOSS_BCE; loss <= NN_LOSS_MSE; loss += NN_LOSS_MSE - NN_LOSS_BCE)
          {
            g_assert_cmpint (nn_output_delta (loss, d1, ld, a1, ld, y, 1, n, 0.7f), ==, NN_OK);
            g_assert_cmpint (nn_output_delta_ref (loss, d2, ld, a1, ld, y, 1, n, 0.7f), ==, NN_OK);
            ASSERT_SAME (d1, d2, ld);
          }
        y[n - 1] = (float) k; /* out of range */
        g_assert_cmpint (nn_output_delta (NN_LOSS_SOFTMAX_CE, d1, ld, a1, ld, y, k, n, 1), ==,
                         NN_ERR_ARG);
        g_assert_cmpint (nn_output_delta_ref (NN_LOSS_SOFTMAX_CE, d2, ld, a1, ld, y, k, n, 1), ==,
                         NN_ERR_ARG);
        g_free (z), g_free (a1), g_free (a2), g_free (y), g_free (d1), g_free (d2);
      }
}

static void
test_update (void)
{
  for (size_t a = 0; a < G_N_ELEMENTS (sizes); a++)
    for (int opt = 0; opt < NN_N_OPTIMIZERS; opt++)
      for (int reg = 0; reg < NN_N_REGULARIZATIONS; reg++)
        {
          size_t n = sizes[a];
          NnStep st = {
            .optimizer = opt,
            .reg = reg,
            .reg_rate = 0.01f,
            .gscale = reg == 1 ? 0.5f : 1.0f,
            .lr = 0.05f,
            .mu = 0.9f,
            .beta1 = 0.9f,
            .beta2 = 0.999f,
            .one_minus_beta1 = 1.0f - 0.9f,
            .one_minus_beta2 = 1.0f - 0.999f,
            .inv_bc1 = 1.0f / 0.271f,
            .inv_bc2 = 1.0f / 0.002997f,
            .eps = 1e-8f,
          };
          float *w1 = random_floats (n, -1, 1), *w2 = copy_floats (w1, n);
          float *g = random_floats (n, -1, 1);
          float *m1 = random_floats (n, -0.1, 0.1), *m2 = copy_floats (m1, n);
          float *v1 = random_floats (n, 0, 0.01), *v2 = copy_floats (v1, n);
          float *w0 = copy_floats (w1, n);
          size_t bad1, bad2;

          w1[0] = w2[0] = 0.0f;
          bad1 = nn_update (&st, w1, g, m1, v1, n);
          bad2 = nn_update_ref (&st, w2, g, m2, v2, n);
          g_assert_cmpuint (bad1 != 0, ==, bad2 != 0);
          g_assert_cmpuint (bad1, ==, 0);
          ASSERT_SAME (w1, w2, n);
          ASSERT_SAME (m1, m2, n);
          ASSERT_SAME (v1, v2, n);
          g_assert_true (n == 1 || memcmp (w0, w1, n * sizeof (float)) != 0);
          g[n / 2] = INFINITY;
          g_assert_cmpuint (nn_update (&st, w1, g, m1, v1, n), !=, 0);
          g_assert_cmpuint (nn_update_ref (&st, w2, g, m2, v2, n), !=, 0);
          g_free (w0), g_free (w1), g_free (w2), g_free (g), g_free (m1), g_free (m2);
          g_free (v1), g_free (v2);
        }
}

/* ---- whole networks ---- */

typedef struct
{
  size_t n_inputs, n_hidden, widths[3];
  NnActivation acts[3];
  NnLoss loss;
  size_t n_classes;
} Shape;

static const Shape nets[] = {
  { 2, 2, { 8, 8 }, { NN_ACT_TANH, NN_ACT_TANH }, NN_LOSS_BCE, 1 },
  { 2, 1, { 5 }, { NN_ACT_RELU }, NN_LOSS_SOFTMAX_CE, 3 },
  { 3, 3, { 7, 6, 5 }, { NN_ACT_SIGMOID, NN_ACT_LEAKY_RELU, NN_ACT_LINEAR }, NN_LOSS_MSE, 1 },
  { 9, 2, { 16, 4 }, { NN_ACT_RELU, NN_ACT_TANH }, NN_LOSS_SOFTMAX_CE, 10 },
  { 4, 0, { 0 }, { 0 }, NN_LOSS_BCE, 1 },
};

static NnNet *
make_net (const Shape *sh, uint64_t seed)
{
  NnNet *net =
      dense_net_new (sh->n_inputs, sh->n_hidden, sh->widths, sh->acts, sh->loss, sh->n_classes);
  NnRng init;

  g_assert_nonnull (net);
  nn_rng_seed (&init, seed, NN_STREAM_INIT);
  nn_net_init_params (net, &init);
  for (size_t l = 0; l < net->n_layers; l++)
    for (size_t j = 0; j < net->layers[l].n_out; j++)
      net->params[net->layers[l].b_offset + j] = (float) nn_rng_range (&rng, -0.3, 0.3);
  return net;
}

static float *
random_targets (const NnNet *net, size_t n)
{
  float *y = g_new (float, n);

  for (size_t s = 0; s < n; s++)
    y[s] = net->loss == NN_LOSS_MSE
               ? (float) nn_rng_range (&rng, -1, 1)
               : (float) nn_rng_below (&rng, (uint32_t) MAX (2, nn_net_n_outputs (net)));
  return y;
}

static void
test_eval_grid (void)
{
  static const size_t grid_sizes[] = { 1, 7, 10, 33, 255, 256, 257, 1000, 10000 };

  for (size_t a = 0; a < G_N_ELEMENTS (nets); a++)
    for (size_t b = 0; b < G_N_ELEMENTS (grid_sizes); b++)
      {
        NnNet *net = make_net (&nets[a], 3 + a);
        size_t n = grid_sizes[b], units = nn_net_n_units (net);
        float *x = random_floats (net->n_inputs * n, -3, 3);
        float *out1 = g_new (float, units *n), *out2 = g_new (float, units *n);

        g_assert_cmpint (nn_net_eval_grid (net, x, n, out1), ==, NN_OK);
        g_assert_cmpint (nn_net_eval_grid_ref (net, x, n, out2), ==, NN_OK);
        ASSERT_SAME (out1, out2, units * n);
        /* the training forward keeps the same outputs */
        g_assert_cmpint (nn_net_forward (net, x, n), ==, NN_OK);
        for (size_t u = 0; u < units; u++)
          ASSERT_SAME (out1 + u * n, net->acts + u * net->batch_cap, n);
        g_free (x), g_free (out1), g_free (out2);
        nn_net_free (net);
      }
}

static void
test_batch_equals_singles (void)
{
  enum
  {
    B = 13
  };

  for (size_t a = 0; a < G_N_ELEMENTS (nets); a++)
    {
      NnNet *net = make_net (&nets[a], 40 + a);
      size_t units = nn_net_n_units (net), n_in = net->n_inputs;
      float *x = random_floats (n_in * B, -2, 2);
      float *y = random_targets (net, B);
      float *pre = g_new (float, units *B), *acts = g_new (float, units *B);
      float *grads_batch;

      /* batch forward and backward */
      nn_net_zero_grads (net);
      g_assert_cmpint (nn_net_forward (net, x, B), ==, NN_OK);
      for (size_t u = 0; u < units; u++)
        {
          memcpy (pre + u * B, net->pre + u * net->batch_cap, B * sizeof (float));
          memcpy (acts + u * B, net->acts + u * net->batch_cap, B * sizeof (float));
        }
      g_assert_cmpint (nn_net_backward (net, y, 1.0f / B), ==, NN_OK);
      grads_batch = copy_floats (net->grads, net->n_params);

      /* sample by sample: forward 1, backward with scale 1/B, no zeroing in between */
      nn_net_zero_grads (net);
      for (size_t s = 0; s < B; s++)
        {
          float xs[64];

          for (size_t i = 0; i < n_in; i++)
            xs[i] = x[i * B + s];
          g_assert_cmpint (nn_net_forward (net, xs, 1), ==, NN_OK);
          for (size_t u = 0; u < units; u++)
            {
              g_assert_cmpmem (&net->pre[u * net->batch_cap], sizeof (float), &pre[u * B + s],
                               sizeof (float));
              g_assert_cmpmem (&net->acts[u * net->batch_cap], sizeof (float), &acts[u * B + s],
                               sizeof (float));
            }
          g_assert_cmpint (nn_net_backward (net, &y[s], 1.0f / B), ==, NN_OK);
        }
      ASSERT_SAME (net->grads, grads_batch, net->n_params);
      g_assert_cmpfloat (fabs (grads_batch[0]) + fabs (grads_batch[net->n_params - 1]), >, 0.0f);
      g_free (x), g_free (y), g_free (pre), g_free (acts), g_free (grads_batch);
      nn_net_free (net);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  nn_rng_seed (&rng, 2024, NN_STREAM_DATA);
  g_test_add_func ("/engine/kernels/dense", test_dense);
  g_test_add_func ("/engine/kernels/conv", test_conv);
  g_test_add_func ("/engine/kernels/max-pool", test_max_pool);
  g_test_add_func ("/engine/kernels/activations", test_activations);
  g_test_add_func ("/engine/kernels/dense-act", test_dense_act);
  g_test_add_func ("/engine/kernels/softmax-and-delta", test_softmax_and_delta);
  g_test_add_func ("/engine/kernels/update", test_update);
  g_test_add_func ("/engine/kernels/eval-grid", test_eval_grid);
  g_test_add_func ("/engine/kernels/batch-equals-singles", test_batch_equals_singles);
  return g_test_run ();
}
