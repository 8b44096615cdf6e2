/* ns-test-net.h: dense networks from a list of widths, as the engine tests write them. */
#pragma once

#include <glib.h>

#include "nn-net.h"

/* n_inputs -> widths[0] (acts[0]) -> … -> the output of @loss: nn_net_new with dense specs. */
static G_GNUC_UNUSED NnNet *
dense_net_new (size_t n_inputs,
               size_t n_hidden,
               const size_t *widths,
               const NnActivation *acts,
               NnLoss loss,
               size_t n_classes)
{
  NnLayerSpec specs[NN_MAX_LAYERS] = { { 0 } };

  g_assert_cmpuint (n_hidden, <, NN_MAX_LAYERS);
  for (size_t h = 0; h < n_hidden; h++)
    specs[h] = nn_layer_spec_dense (widths[h], acts[h]);
  return nn_net_new (nn_shape_vector (n_inputs), specs, n_hidden, loss, n_classes);
}
