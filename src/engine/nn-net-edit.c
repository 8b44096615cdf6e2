/* nn-net-edit.c: architecture edits by rebuild-and-copy.
 *
 * The network's neurons live in "spaces": space 0 is the inputs, space l + 1 is layer l. An edit
 * is a plan: the new shape, and for every new space the old space it continues (or none) with a
 * map from new to old neuron index (or none). Weight (l, j, i) of the new net is kept when
 * neuron j and input i both map to old neurons that were connected, i.e. the old spaces of
 * l + 1 and l are consecutive; bias j is kept when neuron j maps to an old neuron. Kept
 * weights bring their gradient and optimizer state; every other weight is drawn with
 * nn_net_init_value on the new net, with zero state.
 */
#include "nn-net.h"

#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX

typedef struct
{
  NnShape input;
  size_t n_hidden;
  NnLayerSpec specs[NN_MAX_LAYERS]; /* the hidden layers */
  NnLoss loss;
  size_t n_classes;
  ptrdiff_t src[NN_MAX_LAYERS + 1]; /* old space continued by each new space, -1: none */
  size_t *map[NN_MAX_LAYERS + 1];   /* new index -> old index or NONE; NULL: the identity */
} Plan;

/* the net's own shape, every space mapped to itself */
static void
plan_init (Plan *p, const NnNet *net)
{
  memset (p, 0, sizeof *p);
  p->input = net->input;
  p->n_hidden = net->n_layers - 1;
  for (size_t h = 0; h < p->n_hidden; h++)
    p->specs[h] = nn_net_layer_spec (net, h);
  p->loss = net->loss;
  p->n_classes = net->layers[p->n_hidden].n_out;
  for (size_t s = 0; s <= p->n_hidden + 1; s++)
    p->src[s] = (ptrdiff_t) s;
}

static void
plan_clear (Plan *p)
{
  for (size_t s = 0; s <= NN_MAX_LAYERS; s++)
    free (p->map[s]);
}

/* map[k] = k < at ? k : (k == at && insert ? NONE : k -/+ 1): one index inserted or removed */
static NnStatus
plan_shift (Plan *p, size_t space, size_t new_width, size_t at, int insert)
{
  size_t *map = malloc (new_width * sizeof *map);

  if (map == NULL)
    return NN_ERR_NOMEM;
  for (size_t k = 0; k < new_width; k++)
    {
      if (k < at)
        map[k] = k;
      else if (insert)
        map[k] = k == at ? NONE : k - 1;
      else
        map[k] = k + 1;
    }
  p->map[space] = map;
  return NN_OK;
}

static size_t
plan_old_index (const Plan *p, size_t space, size_t k)
{
  if (p->src[space] < 0)
    return NONE;
  return p->map[space] != NULL ? p->map[space][k] : k;
}

/* builds the planned net, copies what is kept, draws the rest, and swaps it into @net */
static NnStatus
plan_apply (const Plan *p, NnNet *net, const NnRng *init)
{
  NnNet *nw = nn_net_new (p->input, p->specs, p->n_hidden, p->loss, p->n_classes);

  if (nw == NULL)
    return NN_ERR_NOMEM; /* arguments are checked by the callers */
  if (init == NULL)
    init = &net->init;
  if (nn_net_reserve (nw, net->batch_cap) != NN_OK)
    {
      nn_net_free (nw);
      return NN_ERR_NOMEM;
    }
  for (size_t l = 0; l < nw->n_layers; l++)
    {
      const NnLayer *L = &nw->layers[l];
      ptrdiff_t so = p->src[l + 1];
      const NnLayer *O = so >= 1 ? &net->layers[so - 1] : NULL;
      int keep_w = O != NULL && p->src[l] == so - 1;

      for (size_t j = 0; j < L->n_biases; j++)
        {
          size_t oj = plan_old_index (p, l + 1, j);

          for (size_t i = 0; i <= L->fan_in; i++)
            {
              size_t dst = nn_net_param_index (nw, l, j, i);
              size_t src = NONE;

              if (oj != NONE && i == L->fan_in)
                src = nn_net_param_index (net, so - 1, oj, O->fan_in);
              else if (oj != NONE && keep_w)
                {
                  size_t oi = plan_old_index (p, l, i);

                  if (oi != NONE)
                    src = nn_net_param_index (net, so - 1, oj, oi);
                }
              if (src != NONE)
                {
                  nw->params[dst] = net->params[src];
                  nw->grads[dst] = net->grads[src];
                  nw->opt_m[dst] = net->opt_m[src];
                  nw->opt_v[dst] = net->opt_v[src];
                }
              else
                nw->params[dst] = nn_net_init_value (nw, init, l, j, i);
            }
        }
    }
  nw->n_updates = net->n_updates;
  nw->adam_beta1_power = net->adam_beta1_power;
  nw->adam_beta2_power = net->adam_beta2_power;
  nw->init = *init;
  free (net->mem);
  free (net->inputs);
  *net = *nw;
  free (nw);
  return NN_OK;
}

/* the first layer a dense layer may be inserted at or removed from: after the image layers
 * (conv, pool) and flatten, whose units are not neurons an edit can map */
static size_t
first_editable_layer (const NnNet *net)
{
  size_t first = 0;

  for (size_t l = 0; l + 1 < net->n_layers; l++)
    if (net->layers[l].kind != NN_LAYER_DENSE)
      first = l + 1;
  return first;
}

static NnStatus
plan_run (Plan *p, NnStatus st, NnNet *net, const NnRng *init)
{
  if (st == NN_OK)
    st = plan_apply (p, net, init);
  plan_clear (p);
  return st;
}

NnStatus
nn_net_add_neuron (NnNet *net, size_t hidden, const NnRng *init)
{
  Plan p;
  size_t w;

  if (net == NULL || init == NULL || hidden + 1 >= net->n_layers
      || net->layers[hidden].kind != NN_LAYER_DENSE
      || net->layers[hidden + 1].kind != NN_LAYER_DENSE)
    return NN_ERR_ARG;
  w = net->layers[hidden].n_out;
  if (w >= NN_MAX_WIDTH)
    return NN_ERR_ARG;
  plan_init (&p, net);
  p.specs[hidden].units = w + 1;
  return plan_run (&p, plan_shift (&p, hidden + 1, w + 1, w, 1), net, init);
}

NnStatus
nn_net_remove_neuron (NnNet *net, size_t hidden, size_t j)
{
  Plan p;
  size_t w;

  if (net == NULL || hidden + 1 >= net->n_layers || net->layers[hidden].kind != NN_LAYER_DENSE
      || net->layers[hidden + 1].kind != NN_LAYER_DENSE)
    return NN_ERR_ARG;
  w = net->layers[hidden].n_out;
  if (w < 2 || j >= w)
    return NN_ERR_ARG;
  plan_init (&p, net);
  p.specs[hidden].units = w - 1;
  return plan_run (&p, plan_shift (&p, hidden + 1, w - 1, j, 0), net, NULL);
}

NnStatus
nn_net_insert_layer (NnNet *net, size_t position, size_t width, NnActivation act, const NnRng *init)
{
  Plan p;
  size_t n_hidden;

  if (net == NULL || init == NULL)
    return NN_ERR_ARG;
  n_hidden = net->n_layers - 1;
  if (position > n_hidden || n_hidden + 1 >= NN_MAX_LAYERS || width == 0 || width > NN_MAX_WIDTH
      || !nn_activation_is_hidden (act) || position < first_editable_layer (net))
    return NN_ERR_ARG;
  plan_init (&p, net);
  for (size_t h = n_hidden; h > position; h--)
    p.specs[h] = p.specs[h - 1];
  p.specs[position] = nn_layer_spec_dense (width, act);
  p.n_hidden = n_hidden + 1;
  for (size_t s = 0; s <= p.n_hidden + 1; s++)
    p.src[s] = s <= position ? (ptrdiff_t) s : s == position + 1 ? -1 : (ptrdiff_t) s - 1;
  return plan_run (&p, NN_OK, net, init);
}

NnStatus
nn_net_remove_layer (NnNet *net, size_t position)
{
  Plan p;
  size_t n_hidden;

  if (net == NULL)
    return NN_ERR_ARG;
  n_hidden = net->n_layers - 1;
  if (position >= n_hidden || position < first_editable_layer (net))
    return NN_ERR_ARG;
  plan_init (&p, net);
  for (size_t h = position; h + 1 < n_hidden; h++)
    p.specs[h] = p.specs[h + 1];
  p.n_hidden = n_hidden - 1;
  for (size_t s = 0; s <= p.n_hidden + 1; s++)
    p.src[s] = s <= position ? (ptrdiff_t) s : (ptrdiff_t) s + 1;
  return plan_run (&p, NN_OK, net, NULL);
}

NnStatus
nn_net_set_activation (NnNet *net, size_t hidden, NnActivation act)
{
  if (net == NULL || hidden + 1 >= net->n_layers || !nn_activation_is_hidden (act)
      || (net->layers[hidden].kind != NN_LAYER_DENSE
          && net->layers[hidden].kind != NN_LAYER_CONV2D))
    return NN_ERR_ARG;
  net->layers[hidden].act = act;
  return NN_OK;
}

NnStatus
nn_net_insert_input (NnNet *net, size_t i, const NnRng *init)
{
  Plan p;

  if (net == NULL || init == NULL || i > net->n_inputs || net->n_inputs == SIZE_MAX
      || net->input.height * net->input.width != 1)
    return NN_ERR_ARG;
  plan_init (&p, net);
  p.input = nn_shape_vector (net->n_inputs + 1);
  return plan_run (&p, plan_shift (&p, 0, net->n_inputs + 1, i, 1), net, init);
}

NnStatus
nn_net_remove_input (NnNet *net, size_t i)
{
  Plan p;

  if (net == NULL || net->n_inputs < 2 || i >= net->n_inputs
      || net->input.height * net->input.width != 1)
    return NN_ERR_ARG;
  plan_init (&p, net);
  p.input = nn_shape_vector (net->n_inputs - 1);
  return plan_run (&p, plan_shift (&p, 0, net->n_inputs - 1, i, 0), net, NULL);
}

NnStatus
nn_net_set_output (NnNet *net, NnLoss loss, size_t n_classes, const NnRng *init)
{
  Plan p;

  if (net == NULL || init == NULL || (unsigned) loss >= NN_N_LOSSES)
    return NN_ERR_ARG;
  if (loss == NN_LOSS_SOFTMAX_CE && (n_classes < 2 || n_classes > NN_MAX_WIDTH))
    return NN_ERR_ARG;
  plan_init (&p, net);
  p.loss = loss;
  p.n_classes = n_classes;
  p.src[p.n_hidden + 1] = -1;
  return plan_run (&p, NN_OK, net, init);
}
