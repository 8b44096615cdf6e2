/* nn-net.c: a network of layers: life cycle, layout, initialisation, the forward / backward
 * pairs of each layer kind (dense here, conv / pool / flatten in nn-conv.c), losses and the
 * batched grid evaluation (see nn-net.h for the layout); the optimizer step is in
 * nn-net-update.c, the per-layer accessors in nn-net-access.c. */
#include "nn-net.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn-conv.h"
#include "nn-kernels-private.h"
#include "nn-kernels.h"
#include "nn-math.h"

/* Points per tile of the grid evaluation: every layer's rows of a tile stay in L1. */
#define GRID_TILE 256
/* Samples per tile in nn_net_evaluate (its buffers are n_units x this). */
#define EVAL_TILE 64

/* ---- overflow-checked sizes ---- */

static int
size_mul (size_t a, size_t b, size_t *out)
{
  if (b != 0 && a > SIZE_MAX / b)
    return 0;
  *out = a * b;
  return 1;
}

static int
size_add (size_t a, size_t b, size_t *out)
{
  if (a > SIZE_MAX - b)
    return 0;
  *out = a + b;
  return 1;
}

/* ---- life cycle ---- */

static NnActivation
output_activation (NnLoss loss)
{
  switch (loss)
    {
    case NN_LOSS_BCE:
      return NN_ACT_SIGMOID;
    case NN_LOSS_SOFTMAX_CE:
      return NN_ACT_SOFTMAX;
    case NN_LOSS_MSE:
    case NN_N_LOSSES:
    default:
      return NN_ACT_LINEAR;
    }
}

/* A conv or pool layer reads an image: the spatial layers come before any dense or flatten. */
static int
layout_image_layer (NnLayer *L)
{
  size_t k = L->kernel, kk;

  if (L->kind == NN_LAYER_MAX_POOL)
    {
      if (L->in.height < k || L->in.width < k)
        return 0;
      L->out.channels = L->in.channels;
      L->out.height = L->in.height / k;
      L->out.width = L->in.width / k;
      L->fan_in = L->n_weights = L->n_biases = 0;
      L->act = NN_ACT_LINEAR;
    }
  else /* conv2d: out.channels from the spec, "same" size */
    {
      L->out.height = L->in.height;
      L->out.width = L->in.width;
      kk = k * k;
      if (!size_mul (L->in.channels, kk, &L->fan_in))
        return 0;
      L->n_biases = L->out.channels;
      if (!size_mul (L->out.channels, L->fan_in, &L->n_weights))
        return 0;
    }
  if (!size_mul (L->out.channels, L->out.height, &L->n_out)
      || !size_mul (L->n_out, L->out.width, &L->n_out))
    return 0;
  return L->n_out >= 1 && L->n_out <= NN_MAX_LAYER_UNITS;
}

/* Shape, weight counts and offsets of W, b and the unit rows, layer after layer, from each
 * layer's kind, width (dense: n_out; conv: out.channels), kernel and the input's shape; 0 if a
 * layer does not fit its input or a size overflows. */
static int
layout (NnNet *net)
{
  size_t p = 0, u = 0;
  int image = 1; /* no dense or flatten layer yet: conv and pool may follow */

  for (size_t l = 0; l < net->n_layers; l++)
    {
      NnLayer *L = &net->layers[l];

      L->in = l == 0 ? net->input : net->layers[l - 1].out;
      L->n_in = l == 0 ? net->n_inputs : net->layers[l - 1].n_out;
      switch (L->kind)
        {
        case NN_LAYER_DENSE:
          L->out = nn_shape_vector (L->n_out);
          L->kernel = 0;
          L->fan_in = L->n_in;
          L->n_biases = L->n_out;
          if (!size_mul (L->n_out, L->n_in, &L->n_weights))
            return 0;
          image = 0;
          break;
        case NN_LAYER_CONV2D:
        case NN_LAYER_MAX_POOL:
          if (!image || !layout_image_layer (L))
            return 0;
          break;
        case NN_LAYER_FLATTEN:
          L->out = nn_shape_vector (L->n_in);
          L->n_out = L->n_in;
          L->kernel = L->fan_in = L->n_weights = L->n_biases = 0;
          L->act = NN_ACT_LINEAR;
          image = 0;
          break;
        case NN_N_LAYER_KINDS:
        default:
          return 0;
        }
      L->w_offset = p;
      if (!size_add (p, L->n_weights, &p))
        return 0;
      L->b_offset = p;
      if (!size_add (p, L->n_biases, &p))
        return 0;
      L->unit_offset = u;
      u += L->n_out; /* at most NN_MAX_LAYERS * NN_MAX_LAYER_UNITS */
    }
  net->n_params = p;
  net->n_units = u;
  return 1;
}

/* the widest layer side: the backward kernels' scratch holds batch_cap rows of it */
static size_t
max_side (const NnNet *net)
{
  size_t m = 0;

  for (size_t l = 0; l < net->n_layers; l++)
    {
      if (net->layers[l].n_in > m)
        m = net->layers[l].n_in;
      if (net->layers[l].n_out > m)
        m = net->layers[l].n_out;
    }
  return m;
}

/* a hidden layer the engine can build on its own (whether it fits its input is layout's):
 * dense of 1..NN_MAX_WIDTH neurons or conv of 1..NN_MAX_WIDTH channels with an odd kernel of
 * 1..NN_MAX_CONV_KERNEL, with a hidden activation; pool of 1..NN_MAX_POOL_KERNEL; flatten.
 * Pool and flatten ignore units and act. */
static int
spec_valid (const NnLayerSpec *spec)
{
  switch (spec->kind)
    {
    case NN_LAYER_DENSE:
      return spec->units >= 1 && spec->units <= NN_MAX_WIDTH && nn_activation_is_hidden (spec->act);
    case NN_LAYER_CONV2D:
      return spec->units >= 1 && spec->units <= NN_MAX_WIDTH && spec->kernel % 2 == 1
             && spec->kernel <= NN_MAX_CONV_KERNEL && nn_activation_is_hidden (spec->act);
    case NN_LAYER_MAX_POOL:
      return spec->kernel >= 1 && spec->kernel <= NN_MAX_POOL_KERNEL;
    case NN_LAYER_FLATTEN:
      return 1;
    case NN_N_LAYER_KINDS:
    default:
      return 0;
    }
}

/* The layers of @net (input, kinds, widths, activations, loss) and their layout, without
 * allocating anything: 0 on bad arguments or a size that overflows. */
static int
plan (NnNet *net,
      NnShape input,
      const NnLayerSpec *hidden,
      size_t n_hidden,
      NnLoss loss,
      size_t n_classes)
{
  size_t n_inputs;

  if (!size_mul (input.channels, input.height, &n_inputs)
      || !size_mul (n_inputs, input.width, &n_inputs))
    return 0;
  if (n_inputs == 0 || n_hidden >= NN_MAX_LAYERS || (unsigned) loss >= NN_N_LOSSES)
    return 0;
  if (n_hidden > 0 && hidden == NULL)
    return 0;
  if (loss == NN_LOSS_SOFTMAX_CE && (n_classes < 2 || n_classes > NN_MAX_WIDTH))
    return 0;
  for (size_t h = 0; h < n_hidden; h++)
    if (!spec_valid (&hidden[h]))
      return 0;

  net->input = input;
  net->n_inputs = n_inputs;
  net->n_layers = n_hidden + 1;
  net->loss = loss;
  for (size_t h = 0; h < n_hidden; h++)
    {
      net->layers[h].kind = hidden[h].kind;
      net->layers[h].n_out = hidden[h].units;
      net->layers[h].out.channels = hidden[h].units;
      net->layers[h].kernel = hidden[h].kernel;
      net->layers[h].act = hidden[h].act;
    }
  net->layers[n_hidden].kind = NN_LAYER_DENSE;
  net->layers[n_hidden].n_out = loss == NN_LOSS_SOFTMAX_CE ? n_classes : 1;
  net->layers[n_hidden].act = output_activation (loss);
  return layout (net);
}

size_t
nn_net_count_params (NnShape input,
                     const NnLayerSpec *hidden,
                     size_t n_hidden,
                     NnLoss loss,
                     size_t n_classes)
{
  NnNet net;

  memset (&net, 0, sizeof net);
  return plan (&net, input, hidden, n_hidden, loss, n_classes) ? net.n_params : 0;
}

/* layers, offsets and the one parameter block; output act from the loss */
NnNet *
nn_net_new (NnShape input,
            const NnLayerSpec *hidden,
            size_t n_hidden,
            NnLoss loss,
            size_t n_classes)
{
  NnNet *net;
  size_t n_floats;

  net = calloc (1, sizeof *net);
  if (net == NULL)
    return NULL;
  if (!plan (net, input, hidden, n_hidden, loss, n_classes)
      || !size_mul (net->n_params, 4, &n_floats) || n_floats > SIZE_MAX / sizeof (float))
    {
      free (net);
      return NULL;
    }
  net->mem = calloc (n_floats, sizeof (float));
  if (net->mem == NULL)
    {
      free (net);
      return NULL;
    }
  net->params = net->mem;
  net->grads = net->mem + net->n_params;
  net->opt_m = net->mem + 2 * net->n_params;
  net->opt_v = net->mem + 3 * net->n_params;
  net->adam_beta1_power = 1.0;
  net->adam_beta2_power = 1.0;
  nn_rng_seed (&net->init, 0, NN_STREAM_INIT);
  return net;
}

void
nn_net_free (NnNet *net)
{
  if (net == NULL)
    return;
  free (net->mem);
  free (net->inputs); /* the start of the activation block */
  free (net);
}

/* the backward kernels' scratch: batch_cap x max_side floats after the deltas */
static float *
work_rows (const NnNet *net)
{
  return net->deltas + net->n_units * net->batch_cap;
}

/* inputs | pre | acts | deltas | work, one block */
NnStatus
nn_net_reserve (NnNet *net, size_t batch_cap)
{
  size_t rows, total;
  float *block;

  if (net == NULL)
    return NN_ERR_ARG;
  if (batch_cap <= net->batch_cap)
    return NN_OK;
  rows = net->n_inputs;
  if (!size_add (rows, 3 * net->n_units, &rows) || !size_add (rows, max_side (net), &rows)
      || !size_mul (rows, batch_cap, &total) || total > SIZE_MAX / sizeof (float))
    return NN_ERR_NOMEM;
  block = calloc (total, sizeof (float));
  if (block == NULL)
    return NN_ERR_NOMEM;
  free (net->inputs);
  net->batch_cap = batch_cap;
  net->batch = 0;
  net->inputs = block;
  net->pre = block + net->n_inputs * batch_cap;
  net->acts = net->pre + net->n_units * batch_cap;
  net->deltas = net->acts + net->n_units * batch_cap;
  return NN_OK;
}

static int
same_shape (const NnNet *a, const NnNet *b)
{
  if (a->n_inputs != b->n_inputs || a->n_layers != b->n_layers || a->n_params != b->n_params)
    return 0;
  for (size_t l = 0; l < a->n_layers; l++)
    if (a->layers[l].kind != b->layers[l].kind || a->layers[l].n_in != b->layers[l].n_in
        || a->layers[l].n_out != b->layers[l].n_out || a->layers[l].kernel != b->layers[l].kernel)
      return 0;
  return 1;
}

/* dst.{params, grads, m, v} = src's, with the counters */
NnStatus
nn_net_copy_state (NnNet *dst, const NnNet *src)
{
  if (dst == NULL || src == NULL || !same_shape (dst, src))
    return NN_ERR_ARG;
  if (dst != src)
    memcpy (dst->mem, src->mem, 4 * src->n_params * sizeof (float));
  dst->n_updates = src->n_updates;
  dst->adam_beta1_power = src->adam_beta1_power;
  dst->adam_beta2_power = src->adam_beta2_power;
  dst->init = src->init;
  return NN_OK;
}

/* same shape, same state, same kept activations */
NnNet *
nn_net_clone (const NnNet *net)
{
  NnLayerSpec specs[NN_MAX_LAYERS];
  size_t n_hidden;
  NnNet *copy;

  if (net == NULL)
    return NULL;
  n_hidden = net->n_layers - 1;
  for (size_t h = 0; h < n_hidden; h++)
    specs[h] = nn_net_layer_spec (net, h);
  copy = nn_net_new (net->input, specs, n_hidden, net->loss, net->layers[n_hidden].n_out);
  if (copy == NULL)
    return NULL;
  nn_net_copy_state (copy, net);
  if (net->batch_cap > 0)
    {
      size_t rows = net->n_inputs + 3 * net->n_units + max_side (net);

      if (nn_net_reserve (copy, net->batch_cap) != NN_OK)
        {
          nn_net_free (copy);
          return NULL;
        }
      memcpy (copy->inputs, net->inputs, rows * net->batch_cap * sizeof (float));
      copy->batch = net->batch;
    }
  return copy;
}

/* ---- initialisation ---- */

/* Xavier sqrt (6 / (fan_in + fan_out)), or He sqrt (6 / fan_in) for relu and leaky relu;
 * a dense layer's fan-out is its width, a conv layer's c_out k k */
static float
init_limit (const NnLayer *L)
{
  double fan_out = L->kind == NN_LAYER_CONV2D
                       ? (double) L->out.channels * (double) L->kernel * (double) L->kernel
                       : (double) L->n_out;

  if (L->act == NN_ACT_RELU || L->act == NN_ACT_LEAKY_RELU)
    return (float) sqrt (6.0 / (double) L->fan_in);
  return (float) sqrt (6.0 / ((double) L->fan_in + fan_out));
}

/* the stream of neuron (l, j): derive (init, l << 32 | j) */
static void
neuron_stream (NnRng *out, const NnRng *init, size_t l, size_t j)
{
  nn_rng_derive (out, init, ((uint64_t) l << 32) | (uint64_t) j);
}

/* w = limit (2u - 1), u uniform in [0, 1) (2u - 1 is exact in float) */
static float
draw_weight (NnRng *stream, float limit)
{
  return limit * (2.0f * nn_rng_uniform (stream) - 1.0f);
}

/* W[l][j][i] = limit (2u - 1), u draw i of stream (l, j) for every row j of fan_in weights;
 * b = 0; state and counters 0 */
void
nn_net_init_params (NnNet *net, const NnRng *init)
{
  if (net == NULL || init == NULL)
    return;
  memset (net->mem, 0, 4 * net->n_params * sizeof (float));
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];
      float limit = init_limit (L);

      for (size_t j = 0; j < L->n_biases; j++)
        {
          NnRng stream;
          float *w = net->params + L->w_offset + j * L->fan_in;

          neuron_stream (&stream, init, l, j);
          for (size_t i = 0; i < L->fan_in; i++)
            w[i] = draw_weight (&stream, limit);
        }
    }
  net->n_updates = 0;
  net->adam_beta1_power = 1.0;
  net->adam_beta2_power = 1.0;
  net->init = *init;
}

/* the value nn_net_init_params gives weight (layer, j, i): advance the stream by i, draw */
float
nn_net_init_value (const NnNet *net, const NnRng *init, size_t layer, size_t j, size_t i)
{
  const NnLayer *L;
  NnRng stream;

  if (net == NULL || init == NULL || layer >= net->n_layers)
    return 0.0f;
  L = &net->layers[layer];
  if (j >= L->n_biases || i >= L->fan_in)
    return 0.0f; /* biases start at 0 */
  neuron_stream (&stream, init, layer, j);
  nn_rng_advance (&stream, i);
  return draw_weight (&stream, init_limit (L));
}

/* ---- forward ---- */

/* a = f(z) for n_out rows of n values (ld apart); one call when the rows are contiguous */
static void
act_rows (const NnLayer *L, float *a, const float *z, size_t ld, size_t n, int ref)
{
  if (L->act == NN_ACT_SOFTMAX)
    {
      (ref ? nn_softmax_forward_ref : nn_softmax_forward) (a, ld, z, ld, L->n_out, n);
      return;
    }
  if (ld == n)
    {
      (ref ? nn_act_forward_ref : nn_act_forward) (L->act, a, z, L->n_out * n);
      return;
    }
  for (size_t j = 0; j < L->n_out; j++)
    (ref ? nn_act_forward_ref : nn_act_forward) (L->act, a + j * ld, z + j * ld, n);
}

/* z = W x + b for n samples of a dense layer: in rows ldin apart, z rows ld apart */
static void
dense_forward (const NnNet *net,
               const NnLayer *L,
               const float *in,
               size_t ldin,
               float *z,
               size_t ld,
               size_t n,
               int ref)
{
  (ref ? nn_dense_forward_ref : nn_dense_forward) (z, ld, in, ldin, net->params + L->w_offset,
                                                   net->params + L->b_offset, L->n_in, L->n_out, n);
}

/* dW += dz x^T, db += dz; dx = W^T dz when dx is not NULL (dx rows ld apart, like x and dz) */
static void
dense_backward (NnNet *net, const NnLayer *L, const float *x, const float *dz, float *dx, size_t n)
{
  size_t cap = net->batch_cap;

  nn_dense_backward_params (net->grads + L->w_offset, net->grads + L->b_offset, dz, cap, x, cap,
                            L->n_in, L->n_out, n, work_rows (net));
  if (dx != NULL)
    nn_dense_backward_input (dx, cap, dz, cap, net->params + L->w_offset, L->n_in, L->n_out, n);
}

/* the products backward adds for sample s alone: dW[j][i] = dz[j][s] x[i][s], db[j] = dz[j][s] */
static void
dense_sample_grad (const NnNet *net,
                   const NnLayer *L,
                   const float *x,
                   const float *dz,
                   size_t s,
                   float *grad)
{
  size_t cap = net->batch_cap;

  for (size_t j = 0; j < L->n_out; j++)
    {
      float dj = dz[j * cap + s];
      float *gw = grad + L->w_offset + j * L->n_in;

      for (size_t i = 0; i < L->n_in; i++)
        gw[i] = dj * x[i * cap + s];
      grad[L->b_offset + j] = dj;
    }
}

/* A layer kind's pair: the forward's z from the layer's input (acts = f(z) is applied after it
 * by act_rows), and the backward's parameter gradients and dL/dinput from dL/dz. A new kind is
 * one more pair here. */
typedef struct
{
  void (*forward) (const NnNet *net,
                   const NnLayer *L,
                   const float *in,
                   size_t ldin,
                   float *z,
                   size_t ld,
                   size_t n,
                   int ref);
  void (*backward) (NnNet *net,
                    const NnLayer *L,
                    const float *x,
                    const float *dz,
                    float *dx,
                    size_t n);
  /* one sample's own parameter gradient (for the step-through) */
  void (*sample_grad) (const NnNet *net,
                       const NnLayer *L,
                       const float *x,
                       const float *dz,
                       size_t s,
                       float *grad);
} LayerOps;

static const LayerOps layer_ops[NN_N_LAYER_KINDS] = {
  [NN_LAYER_DENSE] = { dense_forward, dense_backward, dense_sample_grad },
  [NN_LAYER_CONV2D] = { nn_conv_layer_forward, nn_conv_layer_backward, nn_conv_layer_sample_grad },
  [NN_LAYER_MAX_POOL] = { nn_pool_layer_forward, nn_pool_layer_backward, nn_no_params_sample_grad },
  [NN_LAYER_FLATTEN] = { nn_flatten_layer_forward, nn_flatten_layer_backward,
                         nn_no_params_sample_grad },
};

/* z = layer (x), a = f(z), layer after layer, for n samples: x rows ldx apart, unit rows ld
 * apart in pre and acts (pre == acts keeps only the outputs). A dense layer with a hidden
 * activation does both in one fused kernel (the same bits as the pair). */
static void
forward_rows (const NnNet *net,
              const float *x,
              size_t ldx,
              size_t n,
              float *pre,
              float *acts,
              size_t ld,
              int ref)
{
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];
      const float *in = l == 0 ? x : acts + net->layers[l - 1].unit_offset * ld;
      size_t ldin = l == 0 ? ldx : ld;
      float *z = pre + L->unit_offset * ld;
      float *a = acts + L->unit_offset * ld;

      if (!ref && L->kind == NN_LAYER_DENSE && L->act != NN_ACT_SOFTMAX)
        nn_dense_act_forward (z, a, ld, in, ldin, net->params + L->w_offset,
                              net->params + L->b_offset, L->n_in, L->n_out, n, L->act);
      else
        {
          layer_ops[L->kind].forward (net, L, in, ldin, z, ld, n, ref);
          act_rows (L, a, z, ld, n, ref);
        }
    }
}

/* inputs = x; z = W x + b, a = f(z), layer after layer, rows batch_cap apart */
NnStatus
nn_net_forward (NnNet *net, const float *x, size_t n)
{
  NnStatus st;
  size_t cap;

  if (net == NULL || (x == NULL && n > 0))
    return NN_ERR_ARG;
  st = nn_net_reserve (net, n);
  if (st != NN_OK)
    return st;
  cap = net->batch_cap;
  for (size_t i = 0; i < net->n_inputs; i++)
    memcpy (net->inputs + i * cap, x + i * n, n * sizeof (float));
  if (n > 0)
    forward_rows (net, net->inputs, cap, n, net->pre, net->acts, cap, 0);
  net->batch = n;
  return NN_OK;
}

/* BCE: softplus (z) - t z, softplus (z) = max (z, 0) + log (1 + exp (-|z|));
 * softmax CE: m + log sum_k exp (z_k - m) - z_t, m = max_k z_k; MSE: (a - t)^2 / 2.
 * z and a are the output rows (ld apart) */
static double
sample_loss (NnLoss loss, const float *z, const float *a, size_t ld, size_t k, float y)
{
  switch (loss)
    {
    case NN_LOSS_BCE:
      {
        double zz = z[0];
        double sp = (zz > 0.0 ? zz : 0.0) + nn_log (1.0 + nn_exp (-fabs (zz)));
        return sp - (double) y * zz;
      }
    case NN_LOSS_SOFTMAX_CE:
      {
        double m = z[0], sum = 0.0;

        if (!(y >= 0.0f && y < (float) k))
          return NAN;
        for (size_t r = 1; r < k; r++)
          m = z[r * ld] > m ? z[r * ld] : m;
        for (size_t r = 0; r < k; r++)
          sum += nn_exp ((double) z[r * ld] - m);
        return m + nn_log (sum) - (double) z[(size_t) y * ld];
      }
    case NN_LOSS_MSE:
    case NN_N_LOSSES:
    default:
      {
        double d = (double) a[0] - (double) y;
        return 0.5 * d * d;
      }
    }
}

/* 1 if the prediction is right: a >= 0.5 against t >= 0.5 (BCE), argmax against t (softmax) */
static int
sample_correct (NnLoss loss, const float *a, size_t ld, size_t k, float y)
{
  if (loss == NN_LOSS_BCE)
    return (a[0] >= 0.5f) == (y >= 0.5f);
  if (loss == NN_LOSS_SOFTMAX_CE)
    {
      size_t best = 0;

      for (size_t r = 1; r < k; r++)
        if (a[r * ld] > a[best * ld])
          best = r;
      return (float) best == y;
    }
  return 0;
}

/* L = (1/n) sum_s loss (z_s, y_s) from the kept output rows, in double */
double
nn_net_loss (const NnNet *net, const float *y)
{
  const NnLayer *out;
  double sum = 0.0;

  if (net == NULL || y == NULL || net->batch == 0)
    return NAN;
  out = &net->layers[net->n_layers - 1];
  for (size_t s = 0; s < net->batch; s++)
    sum += sample_loss (net->loss, net->pre + out->unit_offset * net->batch_cap + s,
                        net->acts + out->unit_offset * net->batch_cap + s, net->batch_cap,
                        out->n_out, y[s]);
  return sum / (double) net->batch;
}

/* rate sum |w| (L1) or rate/2 sum w^2 (L2) over the weights, biases excluded */
double
nn_net_reg_loss (const NnNet *net, NnRegularization reg, float rate)
{
  double sum = 0.0;

  if (net == NULL || reg == NN_REG_NONE)
    return 0.0;
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];
      const float *w = net->params + L->w_offset;

      for (size_t k = 0; k < L->n_weights; k++)
        sum += reg == NN_REG_L1 ? fabs ((double) w[k]) : 0.5 * (double) w[k] * (double) w[k];
    }
  return (double) rate * sum;
}

/* ---- backward ---- */

void
nn_net_zero_grads (NnNet *net)
{
  if (net != NULL)
    memset (net->grads, 0, net->n_params * sizeof (float));
}

/* dz = (a - t) scale at the output; then per layer its kind's backward (dense: dW += dz x^T,
 * db += dz, dx = W^T dz), and dz_prev = dx * f'(z_prev) */
NnStatus
nn_net_backward (NnNet *net, const float *y, float scale)
{
  size_t n, cap;
  const NnLayer *out;
  NnStatus st;

  if (net == NULL || y == NULL)
    return NN_ERR_ARG;
  n = net->batch;
  cap = net->batch_cap;
  if (n == 0)
    return NN_OK;
  out = &net->layers[net->n_layers - 1];
  st = nn_output_delta (net->loss, net->deltas + out->unit_offset * cap, cap,
                        net->acts + out->unit_offset * cap, cap, y, out->n_out, n, scale);
  if (st != NN_OK)
    return st;
  for (size_t l = net->n_layers; l-- > 0;)
    {
      const NnLayer *L = &net->layers[l];
      const NnLayer *P = l > 0 ? &net->layers[l - 1] : NULL;
      const float *x = P != NULL ? net->acts + P->unit_offset * cap : net->inputs;
      const float *dz = net->deltas + L->unit_offset * cap;
      float *dp = P != NULL ? net->deltas + P->unit_offset * cap : NULL;

      layer_ops[L->kind].backward (net, L, x, dz, dp, n);
      if (P == NULL)
        break;
      {
        const float *zp = net->pre + P->unit_offset * cap;
        const float *ap = net->acts + P->unit_offset * cap;

        if (cap == n)
          nn_act_backward (P->act, dp, zp, ap, P->n_out * n);
        else
          for (size_t j = 0; j < P->n_out; j++)
            nn_act_backward (P->act, dp + j * cap, zp + j * cap, ap + j * cap, n);
      }
    }
  return NN_OK;
}

/* each layer's sample_grad from the kept inputs, activations and deltas */
NnStatus
nn_net_sample_grad (const NnNet *net, size_t s, float *grad)
{
  size_t cap;

  if (net == NULL || grad == NULL || s >= net->batch)
    return NN_ERR_ARG;
  cap = net->batch_cap;
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];
      const float *x = l > 0 ? net->acts + net->layers[l - 1].unit_offset * cap : net->inputs;

      layer_ops[L->kind].sample_grad (net, L, x, net->deltas + L->unit_offset * cap, s, grad);
    }
  return NN_OK;
}

/* ---- evaluation ---- */

/* tiles of GRID_TILE points, all layers of a tile before the next: rows go straight to out */
NnStatus
nn_net_eval_grid (const NnNet *net, const float *x, size_t n, float *out)
{
  if (net == NULL || ((x == NULL || out == NULL) && n > 0))
    return NN_ERR_ARG;
  for (size_t s0 = 0; s0 < n; s0 += GRID_TILE)
    {
      size_t m = n - s0 < GRID_TILE ? n - s0 : GRID_TILE;

      forward_rows (net, x + s0, n, m, out + s0, out + s0, n, 0);
    }
  return NN_OK;
}

/* the whole batch layer by layer with the reference kernels */
NnStatus
nn_net_eval_grid_ref (const NnNet *net, const float *x, size_t n, float *out)
{
  if (net == NULL || ((x == NULL || out == NULL) && n > 0))
    return NN_ERR_ARG;
  if (n > 0)
    forward_rows (net, x, n, n, out, out, n, 1);
  return NN_OK;
}

/* mean loss and accuracy over tiles of EVAL_TILE samples in buffers of its own */
NnStatus
nn_net_evaluate (const NnNet *net,
                 const float *x,
                 const float *y,
                 size_t n,
                 double *loss,
                 double *accuracy)
{
  const NnLayer *out;
  double sum_loss = 0.0;
  size_t correct = 0, floats;
  float *pre, *acts;

  if (net == NULL || ((x == NULL || y == NULL) && n > 0))
    return NN_ERR_ARG;
  out = &net->layers[net->n_layers - 1];
  if (!size_mul (net->n_units, 2 * EVAL_TILE, &floats) || floats > SIZE_MAX / sizeof (float))
    return NN_ERR_NOMEM;
  pre = malloc (floats * sizeof (float));
  if (pre == NULL)
    return NN_ERR_NOMEM;
  acts = pre + net->n_units * EVAL_TILE;
  for (size_t s0 = 0; s0 < n; s0 += EVAL_TILE)
    {
      size_t m = n - s0 < EVAL_TILE ? n - s0 : EVAL_TILE;
      const float *zo = pre + out->unit_offset * EVAL_TILE;
      const float *ao = acts + out->unit_offset * EVAL_TILE;

      forward_rows (net, x + s0, n, m, pre, acts, EVAL_TILE, 0);
      for (size_t s = 0; s < m; s++)
        {
          sum_loss += sample_loss (net->loss, zo + s, ao + s, EVAL_TILE, out->n_out, y[s0 + s]);
          correct += (size_t) sample_correct (net->loss, ao + s, EVAL_TILE, out->n_out, y[s0 + s]);
        }
    }
  free (pre);
  if (loss != NULL)
    *loss = n > 0 ? sum_loss / (double) n : NAN;
  if (accuracy != NULL)
    *accuracy = n > 0 && net->loss != NN_LOSS_MSE ? (double) correct / (double) n : NAN;
  return NN_OK;
}
