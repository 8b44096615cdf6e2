/* nn-net.h: a small network of layers of several kinds, its training step and its batched
 * evaluation.
 *
 * Layers have a kind (dense, conv2d, max-pool, flatten: conv and pool come before any dense or
 * flatten layer, while the data is still an image) and a shape: channels x height x width in
 * and out. Dense data is a vector: n values are n channels of 1 x 1; a dense layer after a
 * conv or pool reads its c x h x w units as its inputs. Every output value of a layer is a
 * "unit" (a neuron, or one pixel of a feature map, unit (c h + y) w + x of its layer). The forward,
 * backward and grid evaluation dispatch on the kind; initialisation, regularisation, the update and
 * gradient statistics see only a layer's weights (n_weights) and biases (n_biases) and need no
 * kind.
 *
 * Layout (llm.c's habit: flat arrays with named views):
 * - one allocation `mem` of 4 * n_params floats holds params | grads | opt_m | opt_v, so a
 *   snapshot is one memcpy; params and grads share one layout:
 *     layer l: W (n_biases rows of fan_in weights: row j = neuron j's incoming weights, or
 *              output channel j's kernels) at layers[l].w_offset, b (n_biases) at b_offset;
 *   code outside the engine reaches them through nn_net_param_index / nn_net_weight / nn_net_bias.
 * - activations are kept neuron-major, one row of batch_cap floats per neuron ("unit"):
 *     pre[(unit_offset + j) * batch_cap + s]    weighted sum z of neuron j for sample s
 *     acts[(unit_offset + j) * batch_cap + s]   its output a = f(z)
 *     deltas[(unit_offset + j) * batch_cap + s] dL/dz (scaled as passed to backward)
 *   inputs[i * batch_cap + s] keeps the last forward's input i of sample s.
 *   Neuron-major rows make every per-neuron loop contiguous over samples, which vectorises
 *   without changing any sum's order, and a grid evaluation's rows are directly heatmaps.
 *
 * Sums have one fixed order everywhere: z = b + w0*x0 + w1*x1 + ... (ascending inputs), and
 * gradient sums over samples ascend in sample order (conv: each sample's own sum over the
 * pixels first, then those in sample order; nn-kernels.h gives every conv and pool sum). Fast
 * kernels keep that order, so they are bit-identical to the reference kernels, and stepping sample
 * by sample equals a batch step.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "nn-rng.h"

#define NN_MAX_LAYERS 16         /* layers, output included: up to 15 hidden */
#define NN_MAX_WIDTH 4096        /* dense neurons, conv channels */
#define NN_MAX_LAYER_UNITS 65536 /* units of one layer (a conv layer's c x h x w) */
#define NN_MAX_CONV_KERNEL 7     /* odd kernel sides 1, 3, 5, 7 */
#define NN_MAX_POOL_KERNEL 8

typedef enum
{
  NN_OK = 0,
  NN_ERR_NOMEM = -1,
  NN_ERR_ARG = -2,       /* an argument out of range (layer index, width 0, …) */
  NN_ERR_NONFINITE = -3, /* a parameter became NaN or infinite: the run diverged */
} NnStatus;

typedef enum
{
  NN_ACT_LINEAR,
  NN_ACT_RELU,
  NN_ACT_LEAKY_RELU, /* slope 0.01 below 0 */
  NN_ACT_TANH,
  NN_ACT_SIGMOID,
  NN_ACT_SOFTMAX, /* output layer only, with NN_LOSS_SOFTMAX_CE */
  NN_N_ACTIVATIONS
} NnActivation;

typedef enum
{
  NN_LOSS_BCE,        /* 1 sigmoid output, target 0 or 1: L = -(t log a + (1-t) log(1-a)) */
  NN_LOSS_SOFTMAX_CE, /* K softmax outputs, target a class index 0..K-1: L = -log a_t */
  NN_LOSS_MSE,        /* 1 linear output, target a number: L = (a - t)^2 / 2 */
  NN_N_LOSSES
} NnLoss;

typedef enum
{
  NN_OPT_SGD,      /* w -= lr * g */
  NN_OPT_MOMENTUM, /* v = mu * v + g; w -= lr * v */
  NN_OPT_ADAM,     /* Kingma & Ba 2015, bias-corrected */
  NN_N_OPTIMIZERS
} NnOptimizer;

typedef enum
{
  NN_REG_NONE,
  NN_REG_L1, /* g += rate * sign(w), weights only (not biases), as the Playground */
  NN_REG_L2, /* g += rate * w, weights only */
  NN_N_REGULARIZATIONS
} NnRegularization;

typedef struct
{
  NnOptimizer optimizer;
  float learning_rate;
  float momentum; /* mu for NN_OPT_MOMENTUM, 0.9 */
  float beta1;    /* Adam, 0.9 */
  float beta2;    /* Adam, 0.999 */
  float epsilon;  /* Adam, 1e-8 */
  NnRegularization regularization;
  float reg_rate;  /* lambda of L1 / L2 */
  float clip_norm; /* clip the gradient's global L2 norm to this; 0 = no clipping */
} NnTrainer;

typedef enum
{
  NN_LAYER_DENSE,    /* z = W x + b, a = f(z): every output sees every input */
  NN_LAYER_CONV2D,   /* c_out kernels of c_in x k x k, stride 1, zero "same" padding */
  NN_LAYER_MAX_POOL, /* max over k x k windows, stride k, sizes floored */
  NN_LAYER_FLATTEN,  /* c x h x w as a vector (rows are already in that order) */
  NN_N_LAYER_KINDS
} NnLayerKind;

/* channels x height x width; a vector of n values is n x 1 x 1 */
typedef struct
{
  size_t channels;
  size_t height;
  size_t width;
} NnShape;

/* One hidden layer as the user asks for it (the --hidden grammar: `8` dense 8, `c8k3` conv 8
 * channels 3x3, `p2` max-pool 2x2). The output layer follows from the loss. */
typedef struct
{
  NnLayerKind kind;
  size_t units;     /* dense: neurons; conv: output channels; pool, flatten: 0 */
  size_t kernel;    /* conv: kernel side; pool: window side; dense, flatten: 0 */
  NnActivation act; /* dense and conv: a hidden activation; pool, flatten: linear */
} NnLayerSpec;

typedef struct
{
  NnLayerKind kind;
  NnShape in;         /* what the layer reads: the previous layer's out, or the input */
  NnShape out;        /* what it writes: dense n_out x 1 x 1 */
  size_t kernel;      /* conv, pool: the window side; dense: 0 */
  size_t n_in;        /* values in: in's volume (dense: the fan-in) */
  size_t n_out;       /* values out (units): out's volume, the neurons of a dense layer */
  size_t fan_in;      /* weights into one output value: dense n_in, conv c_in k k */
  size_t n_weights;   /* dense n_out x n_in, conv c_out x c_in x k x k, pool 0 */
  size_t n_biases;    /* rows of W, one bias each: dense n_out, conv c_out, pool 0 */
  NnActivation act;   /* the output layer's follows from the loss */
  size_t w_offset;    /* W: n_biases rows of fan_in in params/grads */
  size_t b_offset;    /* b: n_biases in params/grads */
  size_t unit_offset; /* first unit's row in pre/acts/deltas */
} NnLayer;

typedef struct
{
  NnShape input;   /* the input's shape (a vector for plane and CSV data) */
  size_t n_inputs; /* its volume */
  size_t n_layers; /* layers, output included (hidden = n_layers - 1) */
  NnLayer layers[NN_MAX_LAYERS];
  NnLoss loss;
  size_t n_params;
  size_t n_units; /* neurons in all layers, output included */

  float *mem;    /* 4 * n_params: the one allocation below */
  float *params; /* n_params */
  float *grads;  /* n_params, accumulated by backward, cleared by nn_net_zero_grads */
  float *opt_m;  /* n_params: momentum velocity, or Adam's first moment */
  float *opt_v;  /* n_params: Adam's second moment */

  uint64_t n_updates;      /* optimizer steps taken */
  double adam_beta1_power; /* beta1^t and beta2^t as running products (no pow(): see nn-math.h) */
  double adam_beta2_power;

  size_t batch_cap; /* samples the activation rows hold */
  size_t batch;     /* samples in the last forward */
  float *inputs;    /* n_inputs x batch_cap */
  float *pre;       /* n_units x batch_cap */
  float *acts;      /* n_units x batch_cap */
  float *deltas;    /* n_units x batch_cap */

  NnRng init; /* init stream of the last nn_net_init_params or edit given one: an edit given none
               * (nn_net_remove_layer) draws the weights that lost their place from it */
} NnNet;

/* ---- life cycle ---- */

/* A vector of n values: n x 1 x 1. */
static inline NnShape
nn_shape_vector (size_t n)
{
  NnShape shape = { n, 1, 1 };
  return shape;
}

/* A dense layer spec of @units neurons. */
static inline NnLayerSpec
nn_layer_spec_dense (size_t units, NnActivation act)
{
  NnLayerSpec spec = { NN_LAYER_DENSE, units, 0, act };
  return spec;
}

/* A conv layer spec: @channels output channels, odd @kernel (3 or 5 usually). */
static inline NnLayerSpec
nn_layer_spec_conv (size_t channels, size_t kernel, NnActivation act)
{
  NnLayerSpec spec = { NN_LAYER_CONV2D, channels, kernel, act };
  return spec;
}

/* A max-pool layer spec of @kernel x @kernel windows at stride @kernel. */
static inline NnLayerSpec
nn_layer_spec_pool (size_t kernel)
{
  NnLayerSpec spec = { NN_LAYER_MAX_POOL, 0, kernel, NN_ACT_LINEAR };
  return spec;
}

static inline NnLayerSpec
nn_layer_spec_flatten (void)
{
  NnLayerSpec spec = { NN_LAYER_FLATTEN, 0, 0, NN_ACT_LINEAR };
  return spec;
}

/* A network input -> hidden[0] -> … -> hidden[n_hidden-1] -> output, all parameters zero
 * (call nn_net_init_params). The output layer is dense with 1 unit for BCE and MSE, n_classes
 * for softmax. NULL on bad arguments (a width out of 1..NN_MAX_WIDTH, an even or too large
 * kernel, a pool window larger than its input, a conv or pool after a dense or flatten layer,
 * a layer of more than NN_MAX_LAYER_UNITS units, softmax in a hidden layer) or no memory. */
NnNet *nn_net_new (NnShape input,
                   const NnLayerSpec *hidden,
                   size_t n_hidden,
                   NnLoss loss,
                   size_t n_classes);
/* The parameters (weights and biases) nn_net_new would lay out for these arguments, without
 * allocating them: a file's size can be checked before a net is built. 0 on bad arguments or
 * a count that overflows. */
size_t nn_net_count_params (NnShape input,
                            const NnLayerSpec *hidden,
                            size_t n_hidden,
                            NnLoss loss,
                            size_t n_classes);
void nn_net_free (NnNet *net); /* NULL is fine */
NnNet *nn_net_clone (const NnNet *net);
/* Copies params, grads, optimizer state and counters between nets of the same shape. */
NnStatus nn_net_copy_state (NnNet *dst, const NnNet *src);

size_t nn_net_n_hidden (const NnNet *net);
size_t nn_net_n_outputs (const NnNet *net);
size_t nn_net_n_units (const NnNet *net); /* neurons in all layers, output included */
/* The spec that builds layer @layer (the output layer's act follows from the loss). */
NnLayerSpec nn_net_layer_spec (const NnNet *net, size_t layer);

/* ---- reading a layer without its index maths (layer 0 is the first hidden layer, the output
 * layer is n_layers - 1; out-of-range arguments give 0, SIZE_MAX or NaN as said) ---- */
NnLayerKind nn_net_layer_kind (const NnNet *net, size_t layer); /* NN_N_LAYER_KINDS if none */
NnActivation nn_net_layer_activation (const NnNet *net, size_t layer);
/* units out: a dense layer's neurons */
size_t nn_net_layer_width (const NnNet *net, size_t layer);
/* weights into one unit, its bias apart: a dense layer's inputs, a conv layer's c_in k k */
size_t nn_net_layer_fan_in (const NnNet *net, size_t layer);
/* What layer @layer reads and writes (channels x height x width; either pointer may be NULL).
 * NN_ERR_ARG when out of range. */
NnStatus nn_net_layer_shape (const NnNet *net, size_t layer, NnShape *in, NnShape *out);
/* Conv layer @layer's weight from input channel ci to output channel co at kernel row ky,
 * column kx (nn_net_weight (net, layer, co, (ci k + ky) k + kx)); NaN when out of range or not
 * a conv layer. */
float
nn_net_conv_weight (const NnNet *net, size_t layer, size_t co, size_t ci, size_t ky, size_t kx);
/* Index into params/grads (and opt_m, opt_v) of weight i of row j of layer @layer (dense: neuron
 * j's weight from input i); i == fan_in gives row j's bias. SIZE_MAX when out of range. */
size_t nn_net_param_index (const NnNet *net, size_t layer, size_t j, size_t i);
/* params[nn_net_param_index (…)], NaN when out of range */
float nn_net_weight (const NnNet *net, size_t layer, size_t j, size_t i);
/* row j's bias, NaN when out of range */
float nn_net_bias (const NnNet *net, size_t layer, size_t j);
/* Row of unit j of layer @layer in pre/acts/deltas, in nn_net_eval_grid's out and in any
 * per-unit array in unit order (out + row * n is its n values); SIZE_MAX when out of range. */
size_t nn_net_unit_index (const NnNet *net, size_t layer, size_t j);
/* The inverse: the layer of unit row @unit (n_layers when out of range), and its j in *j. */
size_t nn_net_unit_layer (const NnNet *net, size_t unit, size_t *j);
/* Grows the activation rows to hold @batch_cap samples (forward does it when needed); growing
 * discards the kept activations (batch becomes 0). */
NnStatus nn_net_reserve (NnNet *net, size_t batch_cap);

/* ---- initialisation ----
 * Weights uniform in [-limit, limit): Xavier (limit = sqrt(6 / (fan_in + fan_out))) for tanh,
 * sigmoid, linear and the output; He (limit = sqrt(6 / fan_in)) for relu and leaky relu.
 * Biases 0. Weight (l, j, i) is draw i of a stream derived from @init by key (l, j), so any
 * single weight can be drawn on its own (nn_net_init_value) and edits stay consistent with reset.
 * Clears grads, optimizer state and counters. */
void nn_net_init_params (NnNet *net, const NnRng *init);
float nn_net_init_value (const NnNet *net, const NnRng *init, size_t layer, size_t j, size_t i);

/* ---- training ----
 * x is input-major: x[i * n + s] is input i of sample s. y[s] is sample s's target (0/1 for
 * BCE, the class index for softmax, the value for MSE). */

/* Forward pass over n samples, keeping inputs, pre-activations and activations; grows the
 * activation rows when n > batch_cap. */
NnStatus nn_net_forward (NnNet *net, const float *x, size_t n);
/* Mean data loss of the last forward against y (no regularisation term), in double; NaN if the
 * last forward had no samples. BCE is softplus(z) - t z and softmax CE logsumexp(z) - z_t, from
 * the kept z (stable for any z). */
double nn_net_loss (const NnNet *net, const float *y);
/* Regularisation term of the loss: rate * sum |w| or rate/2 * sum w^2 over weights. */
double nn_net_reg_loss (const NnNet *net, NnRegularization reg, float rate);
void nn_net_zero_grads (NnNet *net);
/* Backward pass of the last forward: grads += scale * dL/dparams summed over its samples, in
 * ascending sample order; keeps deltas (scaled dL/dz). Use scale = 1 / batch size. */
NnStatus nn_net_backward (NnNet *net, const float *y, float scale);
/* Sample @s's own share of the last backward's gradient (n_params floats): the very products
 * backward added for it (dense: dW[j][i] = dz[j][s] x[i][s], db[j] = dz[j][s]), not the
 * difference of two rounded sums. NN_ERR_ARG if @s is not in the last forward. */
NnStatus nn_net_sample_grad (const NnNet *net, size_t s, float *grad);
/* One optimizer step from grads: regularisation, clipping, then SGD / momentum / Adam.
 * NN_ERR_NONFINITE if any parameter is not finite afterwards. */
NnStatus nn_net_update (NnNet *net, const NnTrainer *trainer);
/* What nn_net_update does to one parameter, term by term, for the step-through. */
typedef struct
{
  float grad;      /* g: the batch gradient in grads */
  float reg_grad;  /* g + rate sign(w) (L1) or g + rate w (L2) for a weight; g for a bias */
  float gscale;    /* the clipping factor of the whole gradient (1: not clipped) */
  float effective; /* g' = reg_grad gscale: what the optimizer is given */
  float m;         /* after: momentum's velocity mu m + g', or Adam's first moment */
  float v;         /* after: Adam's second moment (unchanged otherwise) */
  float m_hat;     /* Adam: m / (1 - beta1^t); 0 otherwise */
  float v_hat;     /* Adam: v / (1 - beta2^t); 0 otherwise */
  float param;     /* the parameter after the update */
} NnUpdateTerms;
/* The terms of every parameter (n_params of them) of the update nn_net_update (net, trainer)
 * would make now, without making it: the same float operations as its kernels, so each
 * number equals what the update then does, bit for bit. */
NnStatus nn_net_update_terms (const NnNet *net, const NnTrainer *trainer, NnUpdateTerms *terms);
/* Mean |dL/dw| over layer @layer's n_weights weights (biases excluded, so the number
 * measures how strongly the loss pulls on the connections), summed in double in index order.
 * Read it after backward and before update: update adds the regularisation term to grads and
 * clips them. NaN if @layer is out of range. */
double nn_net_layer_grad_mean_abs (const NnNet *net, size_t layer);
/* zero_grads + forward + backward(1/n) + update. */
NnStatus
nn_net_train_batch (NnNet *net, const NnTrainer *trainer, const float *x, const float *y, size_t n);
void nn_trainer_defaults (NnTrainer *trainer); /* SGD, lr 0.03, mu 0.9, Adam 0.9/0.999/1e-8 */

/* ---- evaluation (reads the net only; safe from any thread while nobody edits it) ---- */

/* Every neuron's output for n points: out[(unit) * n + s], units layer by layer, output last
 * (nn_net_n_units rows). The hot path that paints every heatmap each frame; it serves image
 * nets too (every feature map of n images), out then has n_units x n floats. */
NnStatus nn_net_eval_grid (const NnNet *net, const float *x, size_t n, float *out);
/* The plain reference of the above: same results bit for bit, tested. */
NnStatus nn_net_eval_grid_ref (const NnNet *net, const float *x, size_t n, float *out);
/* Mean loss and accuracy (share of argmax / a>=0.5 equal to the class; NaN for MSE) over n
 * samples, without touching the kept activations. */
NnStatus nn_net_evaluate (const NnNet *net,
                          const float *x,
                          const float *y,
                          size_t n,
                          double *loss,
                          double *accuracy);

/* ---- editing in place between steps: every weight that still has a place is kept, new ones
 * are drawn with nn_net_init_value, optimizer state of kept weights is kept (new: 0).
 * Neurons are added to and removed from dense layers only; a layer is inserted or removed only
 * after the last conv / pool / flatten layer, and those are not removed (NN_ERR_ARG);
 * nn_net_set_activation takes dense and conv layers. ---- */
NnStatus nn_net_add_neuron (NnNet *net, size_t hidden, const NnRng *init); /* appended */
NnStatus nn_net_remove_neuron (NnNet *net, size_t hidden, size_t j);       /* width >= 2 */
NnStatus nn_net_insert_layer (NnNet *net,
                              size_t position,
                              size_t width,
                              NnActivation act,
                              const NnRng *init); /* position 0..n_hidden */
NnStatus nn_net_remove_layer (NnNet *net, size_t position);
NnStatus nn_net_set_activation (NnNet *net, size_t hidden, NnActivation act);
NnStatus nn_net_insert_input (NnNet *net, size_t i, const NnRng *init);
NnStatus nn_net_remove_input (NnNet *net, size_t i); /* n_inputs >= 2 */
/* Replaces the output layer (new loss / class count), drawing its weights afresh. */
NnStatus nn_net_set_output (NnNet *net, NnLoss loss, size_t n_classes, const NnRng *init);

const char *nn_activation_name (NnActivation act); /* "relu", "leaky_relu", "tanh", … */
int nn_activation_from_name (const char *name);    /* -1 if unknown */
/* 1 if a hidden layer may use @act (not softmax, not out of range, not -1 from a name) */
int nn_activation_is_hidden (NnActivation act);
const char *nn_optimizer_name (NnOptimizer opt); /* "sgd", "momentum", "adam" */
int nn_optimizer_from_name (const char *name);
const char *nn_regularization_name (NnRegularization reg); /* "none", "l1", "l2" */
int nn_regularization_from_name (const char *name);
const char *nn_layer_kind_name (NnLayerKind kind); /* "dense", "conv2d", "max_pool", "flatten" */
int nn_layer_kind_from_name (const char *name);    /* -1 if unknown */
