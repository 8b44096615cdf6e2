/* ns-experiment.c: data + features + network + trainer + history, stepped in mini-batches.
 * Edits by hand (network shape, weights, points) and their undo are in ns-experiment-edit.c. */
#include "ns-experiment-private.h"

#include <math.h>
#include <string.h>

/* The first argument becomes the quark's string as written: no formatting. */
/* clang-format off */
G_DEFINE_QUARK (ns-experiment-error-quark, ns_experiment_error)
/* clang-format on */

G_DEFINE_FINAL_TYPE (NsExperiment, ns_experiment, G_TYPE_OBJECT)

enum
{
  CHANGED, /* the network's shape, the data or the settings changed */
  STEPPED, /* training advanced (once per ns_experiment_step call) */
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ns_experiment_finalize (GObject *object)
{
  NsExperiment *self = NS_EXPERIMENT (object);

  ns_config_clear (&self->config);
  g_clear_pointer (&self->data, ns_dataset_free);
  g_clear_pointer (&self->net, nn_net_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->history, g_array_unref);
  g_clear_pointer (&self->train_inputs, g_free);
  g_clear_pointer (&self->test_inputs, g_free);
  g_clear_pointer (&self->batch_x, g_free);
  g_clear_pointer (&self->batch_y, g_free);
  ns_experiment_plane_clear (self);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->grad_health, g_array_unref);
  g_clear_pointer (&self->data_warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (ns_experiment_parent_class)->finalize (object);
}

static void
ns_experiment_class_init (NsExperimentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ns_experiment_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  signals[STEPPED] = g_signal_new ("stepped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
ns_experiment_init (NsExperiment *self)
{
  self->history = g_array_new (FALSE, FALSE, sizeof (NsHistoryEntry));
  self->undo = g_ptr_array_new_with_free_func (ns_experiment_undo_entry_free);
  self->grad_health = g_array_new (FALSE, FALSE, sizeof (double));
  self->data_warnings = g_ptr_array_new_with_free_func (g_free);
  self->grad_first_epoch = 1;
  self->version = 1;
}

static guint
n_net_inputs (const NsConfig *config, const NsDataset *data)
{
  return ns_config_is_plane (config) ? ns_features_count (config->features) : data->n_inputs;
}

NnShape
ns_experiment_input_shape (const NsConfig *config, const NsDataset *data)
{
  if (!ns_config_is_plane (config) && ns_dataset_is_image (data))
    {
      NnShape shape = { data->image_channels, data->image_height, data->image_width };
      return shape;
    }
  return nn_shape_vector (n_net_inputs (config, data));
}

gboolean
ns_experiment_same_shape (NnShape a, NnShape b)
{
  return a.channels == b.channels && a.height == b.height && a.width == b.width;
}

NnLoss
ns_experiment_loss_for (const NsConfig *config, const NsDataset *data, size_t *n_classes)
{
  if (data->n_classes == 0)
    {
      *n_classes = 1;
      return NN_LOSS_MSE;
    }
  *n_classes = data->n_classes;
  return data->n_classes == 2 ? NN_LOSS_BCE : NN_LOSS_SOFTMAX_CE;
}

NnNet *
ns_experiment_make_net (const NsConfig *config, const NsDataset *data)
{
  size_t n_classes;
  NnLoss loss = ns_experiment_loss_for (config, data, &n_classes);

  return nn_net_new (ns_experiment_input_shape (config, data), config->layers, config->n_layers,
                     loss, n_classes);
}

/* Input-major network inputs of n rows (row-major, data->n_inputs columns). */
static void
compute_inputs (NsExperiment *self, const float *rows, guint n, float *out)
{
  guint d = self->data->n_inputs;

  if (ns_experiment_is_plane_data (self))
    {
      ns_features_compute (self->config.features, rows, n, out);
      return;
    }
  for (guint i = 0; i < d; i++)
    for (guint s = 0; s < n; s++)
      out[(size_t) i * n + s] = rows[(size_t) s * d + i];
}

void
ns_experiment_rebuild_inputs (NsExperiment *self)
{
  guint n_in = n_net_inputs (&self->config, self->data);

  g_free (self->train_inputs);
  g_free (self->test_inputs);
  self->train_inputs = g_new (float, (size_t) n_in *MAX (self->data->n_train, 1));
  self->test_inputs = g_new (float, (size_t) n_in *MAX (self->data->n_test, 1));
  compute_inputs (self, self->data->train_x, self->data->n_train, self->train_inputs);
  compute_inputs (self, self->data->test_x, self->data->n_test, self->test_inputs);
  /* The plane's inputs are stale (features or extent may have changed). */
  self->version++;
  for (guint k = 0; k < G_N_ELEMENTS (self->planes); k++)
    self->planes[k].inputs_version = 0;
}

void
ns_experiment_evaluate (NsExperiment *self, NsHistoryEntry *entry)
{
  const NsDataset *data;

  g_return_if_fail (NS_IS_EXPERIMENT (self));

  data = self->data;
  entry->epoch = self->epoch;
  entry->step = self->step;
  entry->train_loss = entry->train_accuracy = NAN;
  entry->test_loss = entry->test_accuracy = NAN;
  if (data->n_train > 0)
    nn_net_evaluate (self->net, self->train_inputs, data->train_y, data->n_train,
                     &entry->train_loss, &entry->train_accuracy);
  if (data->n_test > 0)
    nn_net_evaluate (self->net, self->test_inputs, data->test_y, data->n_test, &entry->test_loss,
                     &entry->test_accuracy);
}

void
ns_experiment_evaluate_current (NsExperiment *self)
{
  ns_experiment_evaluate (self, &self->current);
  self->has_current = TRUE;
}

const NsHistoryEntry *
ns_experiment_get_current (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);
  return self->has_current ? &self->current : ns_experiment_get_last (self);
}

static void
record_history (NsExperiment *self)
{
  NsHistoryEntry entry;

  ns_experiment_evaluate (self, &entry);
  g_array_append_val (self->history, entry);
  self->has_current = FALSE;
  if (self->data->n_train > 0 && !isfinite (entry.train_loss))
    self->diverged = TRUE;
}

void
ns_experiment_reset_state (NsExperiment *self)
{
  self->version++;
  nn_net_init_params (self->net, &self->init_rng);
  nn_rng_seed (&self->shuffle_rng, self->config.seed, NN_STREAM_SHUFFLE);
  self->order_len = 0;
  self->position = 0;
  self->step = 0;
  self->epoch = 0;
  self->diverged = FALSE;
  g_array_set_size (self->history, 0);
  record_history (self);
  ns_experiment_grad_health_clear (self);
  /* Undoing an edit of the run before would put its network into this one. */
  ns_experiment_clear_undo (self);
}

NsExperiment *
ns_experiment_new_with_state (const NsConfig *config,
                              NsDataset *data,
                              NnNet *net,
                              guint data_generation)
{
  NsExperiment *self = g_object_new (NS_TYPE_EXPERIMENT, NULL);

  ns_config_copy (&self->config, config);
  self->data = data;
  self->net = net;
  self->data_generation = data_generation;
  nn_rng_seed (&self->init_rng, config->seed, NN_STREAM_INIT);
  nn_rng_seed (&self->shuffle_rng, config->seed, NN_STREAM_SHUFFLE);
  ns_experiment_rebuild_inputs (self);
  return self;
}

NsExperiment *
ns_experiment_new (const NsConfig *config, GError **error)
{
  NsExperiment *self;
  NsDataset *data;
  NnNet *net;
  g_autoptr (GPtrArray) warnings = NULL;

  g_return_val_if_fail (config != NULL, NULL);

  warnings = g_ptr_array_new_with_free_func (g_free);
  data = ns_experiment_make_data (config, 0, warnings, error);
  if (data == NULL)
    return NULL;
  if (data->n_train == 0)
    {
      /* Training could never take a step (and `train` would wait for it for ever). */
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                   "%s: no training points after the split; expected more data",
                   config->data_path != NULL ? config->data_path : data->name);
      ns_dataset_free (data);
      return NULL;
    }
  net = ns_experiment_make_net (config, data);
  if (net == NULL)
    {
      g_autofree char *hidden = ns_config_hidden_to_string (config);
      gboolean dense = TRUE;

      for (guint h = 0; h < config->n_layers; h++)
        dense = dense && config->layers[h].kind == NN_LAYER_DENSE;
      ns_dataset_free (data);
      if (dense)
        g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                     "The network could not be built (too large?)");
      else
        g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                     "--hidden %s: the network could not be built: expected conv and pool "
                     "layers before the dense ones, each pool no larger than its input (and an "
                     "engine that has conv and pool layers)",
                     hidden);
      return NULL;
    }
  self = ns_experiment_new_with_state (config, data, net, 0);
  g_ptr_array_extend_and_steal (self->data_warnings, g_steal_pointer (&warnings));
  ns_experiment_reset_state (self);
  return self;
}

const GPtrArray *
ns_experiment_get_data_warnings (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);
  return self->data_warnings;
}

const NsConfig *
ns_experiment_get_config (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);
  return &self->config;
}

const NsDataset *
ns_experiment_get_dataset (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);
  return self->data;
}

const NnNet *
ns_experiment_get_net (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);
  return self->net;
}

guint64
ns_experiment_get_step (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);
  return self->step;
}

guint
ns_experiment_get_epoch (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);
  return self->epoch;
}

guint
ns_experiment_get_steps_per_epoch (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);
  return (self->data->n_train + self->config.batch_size - 1) / self->config.batch_size;
}

gboolean
ns_experiment_get_diverged (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);
  return self->diverged;
}

const NsHistoryEntry *
ns_experiment_get_history (NsExperiment *self, guint *n_entries)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);
  if (n_entries != NULL)
    *n_entries = self->history->len;
  return (const NsHistoryEntry *) (void *) self->history->data;
}

const NsHistoryEntry *
ns_experiment_get_last (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);
  g_assert (self->history->len > 0);
  return &g_array_index (self->history, NsHistoryEntry, self->history->len - 1);
}

/* A new epoch: a fresh shuffle of all training points, drawn from the shuffle stream. */
void
ns_experiment_start_epoch (NsExperiment *self)
{
  guint n = self->data->n_train;

  self->order = g_renew (guint32, self->order, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    self->order[k] = k;
  nn_rng_shuffle_u32 (&self->shuffle_rng, self->order, n);
  self->order_len = n;
  self->position = 0;
}

static void
ensure_batch_scratch (NsExperiment *self, guint n_inputs, guint batch)
{
  if (batch <= self->batch_cap && n_inputs <= self->batch_cap_inputs)
    return;
  self->batch_cap = MAX (batch, self->batch_cap);
  self->batch_cap_inputs = MAX (n_inputs, self->batch_cap_inputs);
  g_free (self->batch_x);
  g_free (self->batch_y);
  self->batch_x = g_new (float, (size_t) self->batch_cap * self->batch_cap_inputs);
  self->batch_y = g_new (float, self->batch_cap);
}

/* One mini-batch: the next batch_size entries of the epoch's order (the epoch's last batch may
 * be shorter), one optimizer step; at the epoch's end, one history entry. */
static gboolean
train_one_batch (NsExperiment *self)
{
  const NsDataset *data = self->data;
  guint n_in = self->net->n_inputs;
  guint n_train = data->n_train;
  guint batch;
  NnStatus status;

  if (n_train == 0 || self->diverged)
    return FALSE;
  if (self->position >= self->order_len)
    ns_experiment_start_epoch (self);

  batch = MIN (self->config.batch_size, self->order_len - self->position);
  ensure_batch_scratch (self, n_in, batch);
  for (guint s = 0; s < batch; s++)
    {
      guint32 idx = self->order[self->position + s];
      for (guint i = 0; i < n_in; i++)
        self->batch_x[(size_t) i * batch + s] = self->train_inputs[(size_t) i * n_train + idx];
      self->batch_y[s] = data->train_y[idx];
    }

  /* nn_net_train_batch's steps one by one, to measure the gradients between backward and
   * update: the same calls in the same order, so the run is bit-identical to it (tested). */
  nn_net_zero_grads (self->net);
  status = nn_net_forward (self->net, self->batch_x, batch);
  if (status == NN_OK)
    status = nn_net_backward (self->net, self->batch_y, 1.0f / (float) batch);
  if (status == NN_OK)
    {
      ns_experiment_grad_health_add_batch (self);
      status = nn_net_update (self->net, &self->config.trainer);
    }
  self->position += batch;
  self->step++;
  self->version++;
  if (status == NN_ERR_NONFINITE)
    self->diverged = TRUE;
  if (self->position >= self->order_len)
    {
      self->epoch++;
      record_history (self);
      ns_experiment_grad_health_end_epoch (self);
    }
  else if (self->diverged)
    ns_experiment_evaluate_current (self); /* the numbers show the network that diverged */
  return !self->diverged;
}

/* ---- gradient health ---- */

void
ns_experiment_grad_health_clear (NsExperiment *self)
{
  g_array_set_size (self->grad_health, 0);
  self->grad_layers = 0;
  self->grad_first_epoch = self->epoch + 1;
  self->grad_sum_layers = 0;
  self->grad_sum_batches = 0;
}

void
ns_experiment_grad_health_add_batch (NsExperiment *self)
{
  guint n_layers = (guint) self->net->n_layers;

  if (n_layers != self->grad_sum_layers)
    {
      /* The network changed shape mid-epoch: sums of other layers would mean nothing. */
      memset (self->grad_sums, 0, sizeof self->grad_sums);
      self->grad_sum_layers = n_layers;
      self->grad_sum_batches = 0;
    }
  for (guint l = 0; l < n_layers; l++)
    self->grad_sums[l] += nn_net_layer_grad_mean_abs (self->net, l);
  self->grad_sum_batches++;
}

void
ns_experiment_grad_health_end_epoch (NsExperiment *self)
{
  guint n = self->grad_sum_layers;

  if (self->grad_sum_batches == 0 || n == 0)
    {
      /* No batch measured (a run that diverged at its first batch): nothing to show. */
      self->grad_sum_batches = 0;
      return;
    }
  if (n != self->grad_layers)
    {
      g_array_set_size (self->grad_health, 0);
      self->grad_layers = n;
      self->grad_first_epoch = self->epoch;
    }
  else if (self->grad_first_epoch + self->grad_health->len / n != self->epoch)
    {
      /* A gap (an epoch with no measured batch): restart rather than misplace the rows. */
      g_array_set_size (self->grad_health, 0);
      self->grad_first_epoch = self->epoch;
    }
  for (guint l = 0; l < n; l++)
    {
      double mean = self->grad_sums[l] / (double) self->grad_sum_batches;
      g_array_append_val (self->grad_health, mean);
    }
  memset (self->grad_sums, 0, sizeof self->grad_sums);
  self->grad_sum_batches = 0;
}

const double *
ns_experiment_get_gradient_health (NsExperiment *self,
                                   guint *n_epochs,
                                   guint *n_layers,
                                   guint *first_epoch)
{
  guint rows;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);

  rows = self->grad_layers > 0 ? self->grad_health->len / self->grad_layers : 0;
  if (n_epochs != NULL)
    *n_epochs = rows;
  if (n_layers != NULL)
    *n_layers = self->grad_layers;
  if (first_epoch != NULL)
    *first_epoch = self->grad_first_epoch;
  return rows > 0 ? (const double *) (void *) self->grad_health->data : NULL;
}

guint64
ns_experiment_step (NsExperiment *self, guint64 n)
{
  guint64 done = 0;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);

  while (done < n && train_one_batch (self))
    done++;
  if (done > 0 || self->diverged)
    g_signal_emit (self, signals[STEPPED], 0);
  return done;
}

guint64
ns_experiment_train_epochs (NsExperiment *self, guint n)
{
  guint64 done = 0;
  guint target;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);

  target = self->epoch + n;
  while (self->epoch < target && train_one_batch (self))
    done++;
  if (done > 0 || self->diverged)
    g_signal_emit (self, signals[STEPPED], 0);
  return done;
}

void
ns_experiment_emit_changed (NsExperiment *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
ns_experiment_reset (NsExperiment *self)
{
  g_return_if_fail (NS_IS_EXPERIMENT (self));

  ns_experiment_reset_state (self);
  ns_experiment_emit_changed (self);
}

/* The layers up to the last conv or pool one: what the engine cannot edit in place. */
static guint
image_prefix (const NsConfig *config)
{
  guint n = 0;

  for (guint h = 0; h < config->n_layers; h++)
    if (config->layers[h].kind != NN_LAYER_DENSE)
      n = h + 1;
  return n;
}

static gboolean
same_spec (const NnLayerSpec *a, const NnLayerSpec *b)
{
  return a->kind == b->kind && a->units == b->units && a->kernel == b->kernel
         && (!ns_layer_kind_has_activation (a->kind) || a->act == b->act);
}

gboolean
ns_experiment_set_layers (NsExperiment *self, const char *hidden, GError **error)
{
  g_auto (NsConfig) wanted = { 0 };
  g_autofree char *field = NULL;
  g_autofree char *expected = NULL;
  guint prefix, n_dense_now, n_dense_wanted;
  gboolean same_prefix;
  NnNet *net;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (hidden != NULL, FALSE);

  ns_config_copy (&wanted, &self->config);
  if (!ns_config_set_option (&wanted, "hidden", hidden, error))
    return FALSE;
  for (guint h = 0; h < wanted.n_layers; h++)
    if (!ns_layer_kind_has_activation (wanted.layers[h].kind))
      wanted.layers[h].act = NN_ACT_LINEAR;
  if (!ns_config_check (&wanted, &field, &expected))
    {
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD, "%s: expected %s",
                   field, expected);
      return FALSE;
    }

  /* Only dense layers after the same image layers: the in-place edits. */
  prefix = image_prefix (&self->config);
  same_prefix = prefix == image_prefix (&wanted) && prefix <= wanted.n_layers;
  for (guint h = 0; same_prefix && h < prefix; h++)
    same_prefix = same_spec (&self->config.layers[h], &wanted.layers[h]);
  if (same_prefix)
    {
      n_dense_now = self->config.n_layers - prefix;
      n_dense_wanted = wanted.n_layers - prefix;
      while (n_dense_now > n_dense_wanted)
        if (!ns_experiment_remove_layer (self, prefix + --n_dense_now))
          break;
      while (n_dense_now < n_dense_wanted)
        if (!ns_experiment_add_layer (self, prefix + n_dense_now,
                                      (guint) wanted.layers[prefix + n_dense_now].units))
          break;
        else
          n_dense_now++;
      for (guint h = prefix; h < self->config.n_layers && h < wanted.n_layers; h++)
        if (self->config.layers[h].units != wanted.layers[h].units)
          ns_experiment_set_width (self, h, (guint) wanted.layers[h].units);
      if (self->config.n_layers == wanted.n_layers)
        return TRUE;
    }

  net = ns_experiment_make_net (&wanted, self->data);
  if (net == NULL)
    {
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                   "hidden: the network %s could not be built for this data", hidden);
      return FALSE;
    }
  nn_net_free (self->net);
  self->net = net;
  self->config.n_layers = wanted.n_layers;
  memcpy (self->config.layers, wanted.layers, sizeof self->config.layers);
  ns_experiment_reset_state (self);
  ns_experiment_emit_changed (self);
  return TRUE;
}

/* Makes the output layer match the data (class count, problem), drawing it afresh if needed. */
void
ns_experiment_match_output (NsExperiment *self)
{
  size_t n_classes;
  NnLoss loss = ns_experiment_loss_for (&self->config, self->data, &n_classes);

  if (loss != self->net->loss
      || (loss == NN_LOSS_SOFTMAX_CE && n_classes != nn_net_n_outputs (self->net)))
    nn_net_set_output (self->net, loss, n_classes, &self->init_rng);
}

/* What a learning-rate probe needs, copied from the experiment on its thread, so the probe
 * can run on any other (the experiment may train or change meanwhile). */
typedef struct
{
  NsConfig config;
  NsDataset *data;
  NnNet *net;
  guint data_generation;
  double *rates;
  guint n_rates;
  guint epochs;
} RateProbe;

static void
rate_probe_free (RateProbe *probe)
{
  ns_config_clear (&probe->config);
  g_clear_pointer (&probe->data, ns_dataset_free);
  g_clear_pointer (&probe->net, nn_net_free);
  g_free (probe->rates);
  g_free (probe);
}

static RateProbe *
rate_probe_new (NsExperiment *self, const double *rates, guint n_rates, guint epochs)
{
  RateProbe *probe = g_new0 (RateProbe, 1);

  ns_config_copy (&probe->config, &self->config);
  probe->data = ns_dataset_copy (self->data);
  probe->net = nn_net_clone (self->net);
  probe->data_generation = self->data_generation;
  probe->rates = g_memdup2 (rates, n_rates * sizeof *rates);
  probe->n_rates = n_rates;
  probe->epochs = epochs;
  if (probe->data == NULL || probe->net == NULL)
    {
      rate_probe_free (probe);
      return NULL;
    }
  return probe;
}

/* The first rate of @probe whose reset run keeps its first epochs finite; 0 if none does (or
 * @cancellable was cancelled). */
static double
rate_probe_run (const RateProbe *probe, GCancellable *cancellable)
{
  for (guint k = 0; k < probe->n_rates; k++)
    {
      g_autoptr (NsExperiment) run = NULL;
      g_auto (NsConfig) config = { 0 };
      NsDataset *data = ns_dataset_copy (probe->data);
      NnNet *net = nn_net_clone (probe->net);

      if (data == NULL || net == NULL)
        {
          g_clear_pointer (&data, ns_dataset_free);
          g_clear_pointer (&net, nn_net_free);
          return 0.0;
        }
      ns_config_copy (&config, &probe->config);
      config.trainer.learning_rate = (float) probe->rates[k];
      /* The same seed, data, shape and settings: reset gives the same initial weights and
       * shuffles, so the probe's epochs are the ones a reset at this rate will show. */
      run = ns_experiment_new_with_state (&config, data, net, probe->data_generation);
      ns_experiment_reset_state (run);
      for (guint e = 0; e < probe->epochs && !run->diverged; e++)
        {
          if (g_cancellable_is_cancelled (cancellable))
            return 0.0;
          ns_experiment_train_epochs (run, 1);
        }
      if (!run->diverged && run->epoch >= probe->epochs)
        return probe->rates[k];
    }
  return 0.0;
}

gboolean
ns_experiment_find_stable_learning_rate (NsExperiment *self,
                                         const double *rates,
                                         guint n_rates,
                                         guint epochs,
                                         double *rate)
{
  RateProbe *probe;
  double found;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (rates != NULL || n_rates == 0, FALSE);

  probe = rate_probe_new (self, rates, n_rates, epochs);
  if (probe == NULL)
    return FALSE;
  found = rate_probe_run (probe, NULL);
  rate_probe_free (probe);
  if (found > 0.0 && rate != NULL)
    *rate = found;
  return found > 0.0;
}

static void
find_rate_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  double found = rate_probe_run (task_data, cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_memdup2 (&found, sizeof found), g_free);
}

void
ns_experiment_find_stable_learning_rate_async (NsExperiment *self,
                                               const double *rates,
                                               guint n_rates,
                                               guint epochs,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RateProbe *probe;

  g_return_if_fail (NS_IS_EXPERIMENT (self));
  g_return_if_fail (rates != NULL || n_rates == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ns_experiment_find_stable_learning_rate_async);
  probe = rate_probe_new (self, rates, n_rates, epochs);
  if (probe == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                               "Not enough memory to copy the experiment");
      return;
    }
  g_task_set_task_data (task, probe, (GDestroyNotify) rate_probe_free);
  g_task_run_in_thread (task, find_rate_thread);
}

gboolean
ns_experiment_find_stable_learning_rate_finish (NsExperiment *self,
                                                GAsyncResult *result,
                                                double *rate,
                                                GError **error)
{
  g_autofree double *found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  if (rate != NULL)
    *rate = *found;
  return TRUE;
}

void
ns_experiment_set_trainer (NsExperiment *self, const NnTrainer *trainer)
{
  g_return_if_fail (NS_IS_EXPERIMENT (self));
  g_return_if_fail (trainer != NULL);

  self->config.trainer = *trainer;
  ns_experiment_emit_changed (self);
}

void
ns_experiment_set_batch_size (NsExperiment *self, guint batch_size)
{
  g_return_if_fail (NS_IS_EXPERIMENT (self));
  g_return_if_fail (batch_size >= 1);

  self->config.batch_size = batch_size;
  ns_experiment_emit_changed (self);
}

gboolean
ns_experiment_set_problem (NsExperiment *self, NsProblem problem)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  if (problem == self->config.problem)
    return TRUE;
  if (!ns_experiment_is_plane_data (self))
    return FALSE; /* a CSV file's labels are what they are */
  ns_experiment_set_data (
      self, problem == NS_PROBLEM_REGRESSION ? NS_DATASET_REG_PLANE : NS_DATASET_CIRCLE,
      self->config.noise, self->config.train_ratio, 0);
  return TRUE;
}

guint64
ns_experiment_get_version (NsExperiment *self)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);
  return self->version;
}
