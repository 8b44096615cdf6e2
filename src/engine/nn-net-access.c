/* nn-net-access.c: reading a network's layers without their index maths (see nn-net.h). */
#include "nn-net.h"

#include <math.h>

size_t
nn_net_n_hidden (const NnNet *net)
{
  return net != NULL ? net->n_layers - 1 : 0;
}

size_t
nn_net_n_outputs (const NnNet *net)
{
  return net != NULL ? net->layers[net->n_layers - 1].n_out : 0;
}

size_t
nn_net_n_units (const NnNet *net)
{
  return net != NULL ? net->n_units : 0;
}

NnLayerSpec
nn_net_layer_spec (const NnNet *net, size_t layer)
{
  NnLayerSpec spec = { NN_N_LAYER_KINDS, 0, 0, NN_ACT_LINEAR };

  if (net == NULL || layer >= net->n_layers)
    return spec;
  spec.kind = net->layers[layer].kind;
  spec.kernel = net->layers[layer].kernel;
  spec.act = net->layers[layer].act;
  if (spec.kind == NN_LAYER_DENSE)
    spec.units = net->layers[layer].n_out;
  else if (spec.kind == NN_LAYER_CONV2D)
    spec.units = net->layers[layer].out.channels;
  return spec;
}

NnLayerKind
nn_net_layer_kind (const NnNet *net, size_t layer)
{
  return net != NULL && layer < net->n_layers ? net->layers[layer].kind : NN_N_LAYER_KINDS;
}

NnActivation
nn_net_layer_activation (const NnNet *net, size_t layer)
{
  return net != NULL && layer < net->n_layers ? net->layers[layer].act : NN_ACT_LINEAR;
}

size_t
nn_net_layer_width (const NnNet *net, size_t layer)
{
  return net != NULL && layer < net->n_layers ? net->layers[layer].n_out : 0;
}

size_t
nn_net_layer_fan_in (const NnNet *net, size_t layer)
{
  return net != NULL && layer < net->n_layers ? net->layers[layer].fan_in : 0;
}

NnStatus
nn_net_layer_shape (const NnNet *net, size_t layer, NnShape *in, NnShape *out)
{
  if (net == NULL || layer >= net->n_layers)
    return NN_ERR_ARG;
  if (in != NULL)
    *in = net->layers[layer].in;
  if (out != NULL)
    *out = net->layers[layer].out;
  return NN_OK;
}

float
nn_net_conv_weight (const NnNet *net, size_t layer, size_t co, size_t ci, size_t ky, size_t kx)
{
  const NnLayer *L;

  if (net == NULL || layer >= net->n_layers)
    return NAN;
  L = &net->layers[layer];
  if (L->kind != NN_LAYER_CONV2D || co >= L->out.channels || ci >= L->in.channels || ky >= L->kernel
      || kx >= L->kernel)
    return NAN;
  return net->params[L->w_offset + co * L->fan_in + (ci * L->kernel + ky) * L->kernel + kx];
}

/* row j of W at w_offset + j fan_in, its bias at b_offset + j */
size_t
nn_net_param_index (const NnNet *net, size_t layer, size_t j, size_t i)
{
  const NnLayer *L;

  if (net == NULL || layer >= net->n_layers)
    return SIZE_MAX;
  L = &net->layers[layer];
  if (j >= L->n_biases || i > L->fan_in)
    return SIZE_MAX;
  return i == L->fan_in ? L->b_offset + j : L->w_offset + j * L->fan_in + i;
}

float
nn_net_weight (const NnNet *net, size_t layer, size_t j, size_t i)
{
  size_t k = nn_net_param_index (net, layer, j, i);

  return k != SIZE_MAX ? net->params[k] : NAN;
}

float
nn_net_bias (const NnNet *net, size_t layer, size_t j)
{
  return nn_net_weight (net, layer, j, nn_net_layer_fan_in (net, layer));
}

size_t
nn_net_unit_index (const NnNet *net, size_t layer, size_t j)
{
  if (net == NULL || layer >= net->n_layers || j >= net->layers[layer].n_out)
    return SIZE_MAX;
  return net->layers[layer].unit_offset + j;
}

size_t
nn_net_unit_layer (const NnNet *net, size_t unit, size_t *j)
{
  if (net == NULL)
    return 0;
  for (size_t l = 0; l < net->n_layers; l++)
    if (unit - net->layers[l].unit_offset < net->layers[l].n_out
        && unit >= net->layers[l].unit_offset)
      {
        if (j != NULL)
          *j = unit - net->layers[l].unit_offset;
        return l;
      }
  return net->n_layers;
}
