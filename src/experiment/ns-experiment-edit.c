/* ns-experiment-edit.c: the experiment changed by hand rather than by training: the network
 * edits (features, neurons, layers, widths, activations, a weight), the points added or removed
 * on the plane, and the undo of network edits. Its own file because these are the commands a
 * user gives the experiment, each a small transaction (snapshot, change, notify), apart from the
 * life cycle and training loop in ns-experiment.c. */
#include "ns-experiment-private.h"

#include <math.h>
#include <string.h>

/* What an undo step takes back: the edit itself, applied in reverse to the network as it is
 * now, so training done since the edit stays wherever the shapes allow. */
typedef enum
{
  UNDO_WIDTH,        /* neurons added or removed at the end of hidden layer @layer */
  UNDO_ADD_LAYER,    /* a layer inserted at @layer */
  UNDO_REMOVE_LAYER, /* the layer at @layer removed */
  UNDO_FEATURES,     /* inputs turned on or off */
  UNDO_ACTIVATIONS,  /* one layer's or every layer's activation (one user action) */
  UNDO_WEIGHT,       /* weight (@layer, @j, @i) set by hand */
} NsUndoKind;

typedef struct
{
  NsUndoKind kind;
  guint layer;
  guint j, i;
  float value;     /* UNDO_WEIGHT: the weight before */
  NsConfig before; /* the network's settings before the edit (features, layers) */
  NsConfig after;  /* and after it: an undo applies only to the shape it left */
  /* The network before the edit, kept only where the undo brings weights back from it (a
   * removed neuron, layer or input; the layer after an inserted one); NULL otherwise. */
  NnNet *net;
} NsUndoEntry;

void
ns_experiment_undo_entry_free (gpointer data)
{
  NsUndoEntry *entry = data;

  ns_config_clear (&entry->before);
  ns_config_clear (&entry->after);
  nn_net_free (entry->net);
  g_free (entry);
}

/* An edit begins here: the settings and the network before it, to undo it later or to put
 * back at once if the edit fails halfway. */
static NsUndoEntry *
begin_edit (NsExperiment *self, NsUndoKind kind, guint layer)
{
  NsUndoEntry *entry = g_new0 (NsUndoEntry, 1);

  entry->kind = kind;
  entry->layer = layer;
  ns_config_copy (&entry->before, &self->config);
  entry->net = nn_net_clone (self->net);
  return entry;
}

/* The edit failed halfway: the network and its settings as they were before it. */
static gboolean
edit_failed (NsExperiment *self, NsUndoEntry *entry)
{
  if (entry->net != NULL)
    {
      nn_net_free (self->net);
      self->net = g_steal_pointer (&entry->net);
      self->config.features = entry->before.features;
      self->config.n_layers = entry->before.n_layers;
      memcpy (self->config.layers, entry->before.layers, sizeof self->config.layers);
      ns_experiment_rebuild_inputs (self);
    }
  ns_experiment_undo_entry_free (entry);
  return FALSE;
}

static void push_undo (NsExperiment *self, NsUndoEntry *entry);

/* After an edit: the net's shape or weights changed, so views, kept activations and the
 * shown losses are stale. */
static void
refresh (NsExperiment *self)
{
  self->version++;
  ns_experiment_evaluate_current (self);
  ns_experiment_emit_changed (self);
}

/* The edit succeeded: it becomes the newest undo step. */
static gboolean
edited (NsExperiment *self, NsUndoEntry *entry)
{
  gboolean keep_net;

  switch (entry->kind)
    {
    case UNDO_WIDTH:
      keep_net = self->config.layers[entry->layer].units < entry->before.layers[entry->layer].units;
      break;
    case UNDO_FEATURES:
      keep_net = (entry->before.features & ~self->config.features) != 0;
      break;
    case UNDO_ADD_LAYER:
    case UNDO_REMOVE_LAYER:
      keep_net = TRUE;
      break;
    case UNDO_ACTIVATIONS:
    case UNDO_WEIGHT:
    default:
      keep_net = FALSE;
      break;
    }
  if (!keep_net)
    g_clear_pointer (&entry->net, nn_net_free);
  ns_config_copy (&entry->after, &self->config);
  push_undo (self, entry);
  refresh (self);
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
  NsUndoEntry *entry;
  guint current;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  mask &= (1u << NS_N_FEATURES) - 1;
  if (!ns_experiment_is_plane_data (self) || mask == 0)
    return FALSE;
  if (mask == self->config.features)
    return TRUE;

  /* Insert the new inputs first, then remove the old, so the net never has zero inputs. */
  entry = begin_edit (self, UNDO_FEATURES, 0);
  current = self->config.features;
  for (guint f = 0; f < NS_N_FEATURES; f++)
    if ((mask & ~current) & (1u << f))
      {
        if (nn_net_insert_input (self->net, bits_below (current, f), &self->init_rng) != NN_OK)
          return edit_failed (self, entry);
        current |= 1u << f;
      }
  for (int f = NS_N_FEATURES - 1; f >= 0; f--)
    if ((current & ~mask) & (1u << f))
      {
        if (nn_net_remove_input (self->net, bits_below (current, f)) != NN_OK)
          return edit_failed (self, entry);
        current &= ~(1u << f);
      }
  self->config.features = mask;
  ns_experiment_rebuild_inputs (self);
  return edited (self, entry);
}

gboolean
ns_experiment_add_neuron (NsExperiment *self, guint hidden)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (hidden >= self->config.n_layers || self->config.layers[hidden].kind != NN_LAYER_DENSE
      || self->config.layers[hidden].units >= NN_MAX_WIDTH)
    return FALSE;
  return ns_experiment_set_width (self, hidden, self->config.layers[hidden].units + 1);
}

gboolean
ns_experiment_remove_neuron (NsExperiment *self, guint hidden)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (hidden >= self->config.n_layers || self->config.layers[hidden].kind != NN_LAYER_DENSE
      || self->config.layers[hidden].units <= 1)
    return FALSE;
  return ns_experiment_set_width (self, hidden, self->config.layers[hidden].units - 1);
}

gboolean
ns_experiment_add_layer (NsExperiment *self, guint position, guint width)
{
  NsConfig *config = &self->config;
  NsUndoEntry *entry;
  NnActivation act;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (position > config->n_layers || config->n_layers >= NS_MAX_HIDDEN || width == 0
      || width > NN_MAX_WIDTH)
    return FALSE;
  act = config->n_layers == 0 ? NN_ACT_TANH
        : position > 0        ? config->layers[position - 1].act
                              : config->layers[0].act;
  entry = begin_edit (self, UNDO_ADD_LAYER, position);
  if (nn_net_insert_layer (self->net, position, width, act, &self->init_rng) != NN_OK)
    return edit_failed (self, entry);
  memmove (&config->layers[position + 1], &config->layers[position],
           (config->n_layers - position) * sizeof config->layers[0]);
  config->layers[position] = nn_layer_spec_dense (width, act);
  config->n_layers++;
  return edited (self, entry);
}

gboolean
ns_experiment_remove_layer (NsExperiment *self, guint position)
{
  NsConfig *config = &self->config;
  NsUndoEntry *entry;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (position >= config->n_layers)
    return FALSE;
  entry = begin_edit (self, UNDO_REMOVE_LAYER, position);
  if (nn_net_remove_layer (self->net, position) != NN_OK)
    return edit_failed (self, entry);
  memmove (&config->layers[position], &config->layers[position + 1],
           (config->n_layers - position - 1) * sizeof config->layers[0]);
  config->n_layers--;
  return edited (self, entry);
}

/* Neurons added or removed at the end of hidden layer @hidden until it has @width. */
static gboolean
resize_layer (NsExperiment *self, guint hidden, guint width)
{
  NnLayerSpec *spec = &self->config.layers[hidden];

  while (spec->units < width)
    {
      if (nn_net_add_neuron (self->net, hidden, &self->init_rng) != NN_OK)
        return FALSE;
      spec->units++;
    }
  while (spec->units > width)
    {
      if (nn_net_remove_neuron (self->net, hidden, spec->units - 1) != NN_OK)
        return FALSE;
      spec->units--;
    }
  return TRUE;
}

gboolean
ns_experiment_set_width (NsExperiment *self, guint hidden, guint width)
{
  NsUndoEntry *entry;
  NnLayerSpec *spec;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (hidden >= self->config.n_layers || width == 0 || width > NN_MAX_WIDTH)
    return FALSE;
  spec = &self->config.layers[hidden];
  if (spec->kind != NN_LAYER_DENSE)
    return FALSE;
  if (width == spec->units)
    return TRUE;
  entry = begin_edit (self, UNDO_WIDTH, hidden);
  if (!resize_layer (self, hidden, width))
    return edit_failed (self, entry);
  return edited (self, entry);
}

gboolean
ns_experiment_set_activation (NsExperiment *self, guint hidden, NnActivation act)
{
  NsUndoEntry *entry;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (hidden >= self->config.n_layers || !nn_activation_is_hidden (act)
      || !ns_layer_kind_has_activation (self->config.layers[hidden].kind))
    return FALSE;
  if (act == self->config.layers[hidden].act)
    return TRUE;
  entry = begin_edit (self, UNDO_ACTIVATIONS, hidden);
  if (nn_net_set_activation (self->net, hidden, act) != NN_OK)
    return edit_failed (self, entry);
  self->config.layers[hidden].act = act;
  return edited (self, entry);
}

gboolean
ns_experiment_set_activations (NsExperiment *self, NnActivation act)
{
  NsUndoEntry *entry;
  gboolean same = TRUE;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (!nn_activation_is_hidden (act))
    return FALSE;
  /* Pool and flatten layers pass their values through: they keep their linear. */
  for (guint h = 0; h < self->config.n_layers; h++)
    same &= !ns_layer_kind_has_activation (self->config.layers[h].kind)
            || self->config.layers[h].act == act;
  if (same)
    return TRUE;
  /* Every layer in one step: one user action, one undo. */
  entry = begin_edit (self, UNDO_ACTIVATIONS, 0);
  for (guint h = 0; h < self->config.n_layers; h++)
    {
      if (!ns_layer_kind_has_activation (self->config.layers[h].kind))
        continue;
      if (nn_net_set_activation (self->net, h, act) != NN_OK)
        return edit_failed (self, entry);
      self->config.layers[h].act = act;
    }
  return edited (self, entry);
}

gboolean
ns_experiment_set_weight (NsExperiment *self, guint layer, guint j, guint i, float value)
{
  const NnNet *net;
  NsUndoEntry *entry;
  size_t index;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  net = self->net;
  if (layer >= net->n_layers || j >= nn_net_layer_width (net, layer)
      || i > nn_net_layer_fan_in (net, layer) || !isfinite (value))
    return FALSE;
  index = nn_net_param_index (net, layer, j, i);
  /* Only this weight comes back on undo: no copy of the network is needed. */
  entry = g_new0 (NsUndoEntry, 1);
  entry->kind = UNDO_WEIGHT;
  entry->layer = layer;
  entry->j = j;
  entry->i = i;
  entry->value = self->net->params[index];
  ns_config_copy (&entry->before, &self->config);
  self->net->params[index] = value;
  return edited (self, entry);
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

  if (ns_dataset_is_image (self->data))
    return;
  /* Plane coordinates; for CSV data the other inputs sit at their training mean (0). */
  x = g_new0 (float, MAX (self->data->n_inputs, 2));
  x[0] = (float) x1;
  x[1] = (float) x2;
  ns_dataset_add_point (self->data, x, label);
  ns_experiment_rebuild_inputs (self);
  ns_experiment_evaluate_current (self);
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
  ns_experiment_evaluate_current (self);
  ns_experiment_emit_changed (self);
  return TRUE;
}

/* ---- undo of network edits ---- */

/* At most MAX_UNDO steps, and at most MAX_UNDO_BYTES of kept networks (parameters and
 * optimizer state) in all (a wide network's copy is tens of megabytes): the oldest go first,
 * the newest stays. */
#define MAX_UNDO 100
#define MAX_UNDO_BYTES ((size_t) 256 << 20)

static size_t
undo_entry_bytes (const NsUndoEntry *entry)
{
  /* params, grads, opt_m and opt_v (one allocation, nn-net.c) dominate a clone. */
  return entry->net != NULL ? 4 * entry->net->n_params * sizeof (float) : 0;
}

static void
push_undo (NsExperiment *self, NsUndoEntry *entry)
{
  size_t total;

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

void
ns_experiment_clear_undo (NsExperiment *self)
{
  g_ptr_array_set_size (self->undo, 0);
}

/* One parameter, with its optimizer state, from @old (the network before an edit) into the
 * current network; nothing if @old is missing (its copy could not be made) or lacks it. */
static void
copy_param (NnNet *net,
            size_t layer,
            size_t j,
            size_t i,
            const NnNet *old,
            size_t old_layer,
            size_t old_j,
            size_t old_i)
{
  size_t dst = nn_net_param_index (net, layer, j, i);
  size_t src = old != NULL ? nn_net_param_index (old, old_layer, old_j, old_i) : SIZE_MAX;

  if (dst == SIZE_MAX || src == SIZE_MAX)
    return;
  net->params[dst] = old->params[src];
  net->opt_m[dst] = old->opt_m[src];
  net->opt_v[dst] = old->opt_v[src];
}

/* Layer @layer's weights (biases too if @biases) as layer @old_layer of @old had them, when
 * the two have the same shape. */
static void
copy_layer (NnNet *net, size_t layer, const NnNet *old, size_t old_layer, gboolean biases)
{
  size_t width = nn_net_layer_width (net, layer);
  size_t fan_in = nn_net_layer_fan_in (net, layer);

  if (old == NULL || width != nn_net_layer_width (old, old_layer)
      || fan_in != nn_net_layer_fan_in (old, old_layer))
    return;
  for (size_t j = 0; j < width; j++)
    for (size_t i = 0; i < fan_in + (biases ? 1 : 0); i++)
      copy_param (net, layer, j, i, old, old_layer, j, i);
}

/* Neurons back to the width before the edit: the added ones go (with what they learnt), the
 * removed ones come back with the weights they had, in and out. */
static gboolean
undo_width (NsExperiment *self, const NsUndoEntry *entry)
{
  guint h = entry->layer;
  guint width = entry->before.layers[h].units;
  guint now = self->config.layers[h].units;

  if (!resize_layer (self, h, width))
    return FALSE;
  for (guint j = now; j < width; j++)
    {
      for (size_t i = 0; i <= nn_net_layer_fan_in (self->net, h); i++)
        copy_param (self->net, h, j, i, entry->net, h, j, i);
      for (size_t k = 0; k < nn_net_layer_width (self->net, h + 1); k++)
        copy_param (self->net, h + 1, k, j, entry->net, h + 1, k, j);
    }
  return TRUE;
}

static gboolean
undo_features (NsExperiment *self, const NsUndoEntry *entry)
{
  guint mask = entry->before.features;
  guint current = self->config.features;
  guint returning = mask & ~current;

  for (guint f = 0; f < NS_N_FEATURES; f++)
    if ((mask & ~current) & (1u << f))
      {
        if (nn_net_insert_input (self->net, bits_below (current, f), &self->init_rng) != NN_OK)
          return FALSE;
        current |= 1u << f;
      }
  for (int f = NS_N_FEATURES - 1; f >= 0; f--)
    if ((current & ~mask) & (1u << f))
      {
        if (nn_net_remove_input (self->net, bits_below (current, f)) != NN_OK)
          return FALSE;
        current &= ~(1u << f);
      }
  /* The inputs are in the order they had before the edit: the returning ones get their
   * weights back. */
  for (guint f = 0; f < NS_N_FEATURES; f++)
    if (returning & (1u << f))
      for (size_t j = 0; j < nn_net_layer_width (self->net, 0); j++)
        copy_param (self->net, 0, j, bits_below (mask, f), entry->net, 0, j, bits_below (mask, f));
  return TRUE;
}

/* Takes @entry's edit back from the current network (its shape is the one the edit left). */
static gboolean
apply_undo (NsExperiment *self, const NsUndoEntry *entry)
{
  guint p = entry->layer;

  switch (entry->kind)
    {
    case UNDO_WIDTH:
      return undo_width (self, entry);

    case UNDO_ADD_LAYER:
      /* The next layer's weights were drawn afresh for the inserted layer: its old ones. */
      if (nn_net_remove_layer (self->net, p) != NN_OK)
        return FALSE;
      copy_layer (self->net, p, entry->net, p, FALSE);
      return TRUE;

    case UNDO_REMOVE_LAYER:
      {
        const NnLayerSpec *spec = &entry->before.layers[p];

        if (nn_net_insert_layer (self->net, p, spec->units, spec->act, &self->init_rng) != NN_OK)
          return FALSE;
        copy_layer (self->net, p, entry->net, p, TRUE);
        copy_layer (self->net, p + 1, entry->net, p + 1, FALSE);
        return TRUE;
      }

    case UNDO_FEATURES:
      return undo_features (self, entry);

    case UNDO_ACTIVATIONS:
      for (guint h = 0; h < entry->before.n_layers; h++)
        if (ns_layer_kind_has_activation (entry->before.layers[h].kind)
            && nn_net_set_activation (self->net, h, entry->before.layers[h].act) != NN_OK)
          return FALSE;
      return TRUE;

    case UNDO_WEIGHT:
      {
        size_t index = nn_net_param_index (self->net, entry->layer, entry->j, entry->i);

        if (index == SIZE_MAX)
          return FALSE;
        self->net->params[index] = entry->value;
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* The network's settings now are those the edit left (the undo's precondition). */
static gboolean
shape_is (const NsConfig *config, const NsConfig *shape)
{
  if (config->features != shape->features || config->n_layers != shape->n_layers)
    return FALSE;
  for (guint h = 0; h < shape->n_layers; h++)
    {
      const NnLayerSpec *a = &config->layers[h];
      const NnLayerSpec *b = &shape->layers[h];

      if (a->kind != b->kind || a->units != b->units || a->kernel != b->kernel || a->act != b->act)
        return FALSE;
    }
  return TRUE;
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
  NsUndoEntry *entry;
  NnNet *saved;
  gboolean ok;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  entry = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  if (!shape_is (&self->config, &entry->after))
    {
      /* Something changed the network without an undo step: older steps cannot apply. */
      ns_experiment_undo_entry_free (entry);
      ns_experiment_clear_undo (self);
      ns_experiment_emit_changed (self);
      return FALSE;
    }
  /* The undo is a transaction too: if it fails halfway the network stays as it was. */
  saved = nn_net_clone (self->net);
  ok = saved != NULL && apply_undo (self, entry);
  if (ok)
    {
      self->config.features = entry->before.features;
      self->config.n_layers = entry->before.n_layers;
      memcpy (self->config.layers, entry->before.layers, sizeof self->config.layers);
      nn_net_free (saved);
    }
  else if (saved != NULL)
    {
      nn_net_free (self->net);
      self->net = saved;
      memcpy (self->config.layers, entry->after.layers, sizeof self->config.layers);
    }
  ns_experiment_undo_entry_free (entry);
  ns_experiment_rebuild_inputs (self);
  refresh (self);
  return ok;
}
