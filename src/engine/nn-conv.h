/* nn-conv.h (internal): the forward / backward pairs of the conv2d, max-pool and flatten layers,
 * in the shape of nn-net.c's per-kind table (see LayerOps there). */
#pragma once

#include "nn-net.h"

#define NN_LAYER_FORWARD_ARGS                                                                      \
  const NnNet *net, const NnLayer *L, const float *in, size_t ldin, float *z, size_t ld, size_t n, \
      int ref
#define NN_LAYER_BACKWARD_ARGS                                                                     \
  NnNet *net, const NnLayer *L, const float *x, const float *dz, float *dx, size_t n
#define NN_LAYER_SAMPLE_GRAD_ARGS                                                                  \
  const NnNet *net, const NnLayer *L, const float *x, const float *dz, size_t s, float *grad

void nn_conv_layer_forward (NN_LAYER_FORWARD_ARGS);
void nn_conv_layer_backward (NN_LAYER_BACKWARD_ARGS);
void nn_conv_layer_sample_grad (NN_LAYER_SAMPLE_GRAD_ARGS);
void nn_pool_layer_forward (NN_LAYER_FORWARD_ARGS);
void nn_pool_layer_backward (NN_LAYER_BACKWARD_ARGS);
void nn_flatten_layer_forward (NN_LAYER_FORWARD_ARGS);
void nn_flatten_layer_backward (NN_LAYER_BACKWARD_ARGS);
void nn_no_params_sample_grad (NN_LAYER_SAMPLE_GRAD_ARGS);
