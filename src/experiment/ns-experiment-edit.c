/* ns-experiment-edit.c: the experiment changed by hand rather than by training: the network
 * edits (features, neurons, layers, widths, activations, a weight), the points added or removed
 * on the plane, and the undo of network edits. Its own file because these are the commands a
 * user gives the experiment, each a small transaction (snapshot, change, notify), apart from the
 * life cycle and training loop in ns-experiment.c. */
#include "ns-experiment-private.h"

#include <math.h>
#include <string.h>

typedef struct
{
  NsConfig config;
  NnNet *net;
} NsUndoEntry;

void
ns_experiment_undo_entry_free (gpointer data)
{
  NsUndoEntry *entry = data;

  ns_config_clear (&entry->config);
  nn_net_free (entry->net);
  g_free (entry);
}

static void push_undo (NsExperiment *self);
static void restore_undo (NsExperiment *self);

/* An edit begins with a snapshot (for Ctrl+Z); one that fails halfway puts it back. */
static gboolean
edit_failed (NsExperiment *self)
{
  restore_undo (self);
  return FALSE;
}

/* After an edit: the net's shape or weights changed, so views and kept activations are stale. */
static gboolean
edited (NsExperiment *self)
{
  self->version++;
  ns_experiment_emit_changed (self);
  return TRUE;
}

static guint
bits_below (guint mask, guint bit)
{
  return (guint) __builtin_popcount (mask & ((1u << bit) - 1));
}

gboolean
ns_experiment_set_features (NsExperiment *self, guint mask)
{
  guint current;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  mask &= (1u << NS_N_FEATURES) - 1;
  if (!ns_experiment_is_plane_data (self) || mask == 0)
    return FALSE;
  if (mask == self->config.features)
    return TRUE;

  /* Insert the new inputs first, then remove the old, so the net never has zero inputs. */
  push_undo (self);
  current = self->config.features;
  for (guint f = 0; f < NS_N_FEATURES; f++)
    if ((mask & ~current) & (1u << f))
      {
        if (nn_net_insert_input (self->net, bits_below (current, f), &self->init_rng) != NN_OK)
          return edit_failed (self);
        current |= 1u << f;
      }
  for (int f = NS_N_FEATURES - 1; f >= 0; f--)
    if ((current & ~mask) & (1u << f))
      {
        if (nn_net_remove_input (self->net, bits_below (current, f)) != NN_OK)
          return edit_failed (self);
        current &= ~(1u << f);
      }
  self->config.features = mask;
  ns_experiment_rebuild_inputs (self);
  return edited (self);
}

gboolean
ns_experiment_add_neuron (NsExperiment *self, guint hidden)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (hidden >= self->config.n_layers || self->config.layers[hidden].kind != NN_LAYER_DENSE
      || self->config.layers[hidden].units >= NN_MAX_WIDTH)
    return FALSE;
  push_undo (self);
  if (nn_net_add_neuron (self->net, hidden, &self->init_rng) != NN_OK)
    return edit_failed (self);
  self->config.layers[hidden].units++;
  return edited (self);
}

gboolean
ns_experiment_remove_neuron (NsExperiment *self, guint hidden)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (hidden >= self->config.n_layers || self->config.layers[hidden].kind != NN_LAYER_DENSE
      || self->config.layers[hidden].units <= 1)
    return FALSE;
  push_undo (self);
  if (nn_net_remove_neuron (self->net, hidden, self->config.layers[hidden].units - 1) != NN_OK)
    return edit_failed (self);
  self->config.layers[hidden].units--;
  return edited (self);
}

gboolean
ns_experiment_add_layer (NsExperiment *self, guint position, guint width)
{
  NsConfig *config = &self->config;
  NnActivation act;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (position > config->n_layers || config->n_layers >= NS_MAX_HIDDEN || width == 0
      || width > NN_MAX_WIDTH)
    return FALSE;
  act = config->n_layers == 0 ? NN_ACT_TANH
        : position > 0        ? config->layers[position - 1].act
                              : config->layers[0].act;
  push_undo (self);
  if (nn_net_insert_layer (self->net, position, width, act, &self->init_rng) != NN_OK)
    return edit_failed (self);
  memmove (&config->layers[position + 1], &config->layers[position],
           (config->n_layers - position) * sizeof config->layers[0]);
  config->layers[position] = nn_layer_spec_dense (width, act);
  config->n_layers++;
  return edited (self);
}

gboolean
ns_experiment_remove_layer (NsExperiment *self, guint position)
{
  NsConfig *config = &self->config;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (position >= config->n_layers)
    return FALSE;
  push_undo (self);
  if (nn_net_remove_layer (self->net, position) != NN_OK)
    return edit_failed (self);
  memmove (&config->layers[position], &config->layers[position + 1],
           (config->n_layers - position - 1) * sizeof config->layers[0]);
  config->n_layers--;
  return edited (self);
}

gboolean
ns_experiment_set_width (NsExperiment *self, guint hidden, guint width)
{
  NnLayerSpec *spec;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (hidden >= self->config.n_layers || width == 0 || width > NN_MAX_WIDTH)
    return FALSE;
  spec = &self->config.layers[hidden];
  if (spec->kind != NN_LAYER_DENSE)
    return FALSE;
  if (width == spec->units)
    return TRUE;
  push_undo (self);
  while (spec->units < width)
    {
      if (nn_net_add_neuron (self->net, hidden, &self->init_rng) != NN_OK)
        return edit_failed (self);
      spec->units++;
    }
  while (spec->units > width)
    {
      if (nn_net_remove_neuron (self->net, hidden, spec->units - 1) != NN_OK)
        return edit_failed (self);
      spec->units--;
    }
  return edited (self);
}

gboolean
ns_experiment_set_activation (NsExperiment *self, guint hidden, NnActivation act)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (hidden >= self->config.n_layers || !nn_activation_is_hidden (act))
    return FALSE;
  if (act == self->config.layers[hidden].act)
    return TRUE;
  push_undo (self);
  if (nn_net_set_activation (self->net, hidden, act) != NN_OK)
    return edit_failed (self);
  self->config.layers[hidden].act = act;
  return edited (self);
}

gboolean
ns_experiment_set_weight (NsExperiment *self, guint layer, guint j, guint i, float value)
{
  const NnNet *net;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  net = self->net;
  if (layer >= net->n_layers || j >= nn_net_layer_width (net, layer)
      || i > nn_net_layer_fan_in (net, layer) || !isfinite (value))
    return FALSE;
  push_undo (self);
  self->net->params[nn_net_param_index (net, layer, j, i)] = value;
  return edited (self);
}

/* Keeps the current epoch's order valid after training point @removed went away. */
static void
drop_from_order (NsExperiment *self, guint removed)
{
  guint kept = 0;
  guint position = self->position;

  for (guint k = 0; k < self->order_len; k++)
    {
      guint32 idx = self->order[k];
      if (idx == removed)
        {
          if (k < self->position)
            position--;
          continue;
        }
      self->order[kept++] = idx > removed ? idx - 1 : idx;
    }
  self->order_len = kept;
  self->position = position;
}

void
ns_experiment_add_point (NsExperiment *self, double x1, double x2, float label)
{
  g_autofree float *x = NULL;

  g_return_if_fail (NS_IS_EXPERIMENT (self));

  /* Plane coordinates; for CSV data the other inputs sit at their training mean (0). */
  x = g_new0 (float, MAX (self->data->n_inputs, 2));
  x[0] = (float) x1;
  x[1] = (float) x2;
  ns_dataset_add_point (self->data, x, label);
  ns_experiment_rebuild_inputs (self);
  ns_experiment_emit_changed (self);
}

gboolean
ns_experiment_remove_point_near (NsExperiment *self, double x1, double x2)
{
  const NsDataset *data;
  guint nearest = G_MAXUINT;
  double best = G_MAXDOUBLE;
  double max_dist;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  /* Find the index first, so the epoch's order can be kept consistent. */
  data = self->data;
  max_dist = 0.05 * MAX (data->x_max - data->x_min, data->y_max - data->y_min);
  for (guint s = 0; s < data->n_train; s++)
    {
      double dx = data->train_x[(size_t) s * data->n_inputs] - x1;
      double dy = data->train_x[(size_t) s * data->n_inputs + 1] - x2;
      double d = dx * dx + dy * dy;
      if (d < best)
        {
          best = d;
          nearest = s;
        }
    }
  if (nearest == G_MAXUINT || best > max_dist * max_dist)
    return FALSE;
  if (!ns_dataset_remove_nearest (self->data, x1, x2, max_dist))
    return FALSE;
  drop_from_order (self, nearest);
  ns_experiment_rebuild_inputs (self);
  ns_experiment_emit_changed (self);
  return TRUE;
}

/* ---- undo of network edits ---- */

/* At most MAX_UNDO snapshots, and at most MAX_UNDO_BYTES of parameters and optimizer state in
 * all (a wide network's snapshot is tens of megabytes): the oldest go first, the newest stays. */
#define MAX_UNDO 100
#define MAX_UNDO_BYTES ((size_t) 256 << 20)

static size_t
undo_entry_bytes (const NsUndoEntry *entry)
{
  /* params, grads, opt_m and opt_v (one allocation, nn-net.c) dominate a clone. */
  return 4 * entry->net->n_params * sizeof (float);
}

static void
push_undo (NsExperiment *self)
{
  NsUndoEntry *entry = g_new0 (NsUndoEntry, 1);
  size_t total;

  ns_config_copy (&entry->config, &self->config);
  entry->net = nn_net_clone (self->net);
  if (entry->net == NULL)
    {
      ns_experiment_undo_entry_free (entry);
      return;
    }
  if (self->undo->len >= MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_add (self->undo, entry);
  total = 0;
  for (guint k = 0; k < self->undo->len; k++)
    total += undo_entry_bytes (g_ptr_array_index (self->undo, k));
  while (self->undo->len > 1 && total > MAX_UNDO_BYTES)
    {
      total -= undo_entry_bytes (g_ptr_array_index (self->undo, 0));
      g_ptr_array_remove_index (self->undo, 0);
    }
}

size_t
ns_experiment_undo_bytes (NsExperiment *self)
{
  size_t total = 0;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);
  for (guint k = 0; k < self->undo->len; k++)
    total += undo_entry_bytes (g_ptr_array_index (self->undo, k));
  return total;
}

/* Puts the newest snapshot back (and forgets it). */
static void
restore_undo (NsExperiment *self)
{
  NsUndoEntry *entry;

  g_return_if_fail (self->undo->len > 0);

  /* Only the network's shape comes back: the data settings are what they are now. */
  entry = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  nn_net_free (self->net);
  self->net = g_steal_pointer (&entry->net);
  self->config.features = entry->config.features;
  self->config.n_layers = entry->config.n_layers;
  memcpy (self->config.layers, entry->config.layers, sizeof self->config.layers);
  ns_experiment_undo_entry_free (entry);
  ns_experiment_match_output (self);
  ns_experiment_rebuild_inputs (self);
}

gboolean
ns_experiment_can_undo (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);
  return self->undo->len > 0;
}

gboolean
ns_experiment_undo (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  restore_undo (self);
  ns_experiment_emit_changed (self);
  return TRUE;
}
