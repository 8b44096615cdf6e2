/* ns-experiment-data.c: the experiment's data: making it from the configuration, replacing it
 * (another kind, a folder, a seed, a train ratio, a regeneration) and the network changes that
 * other data brings. */

#include "ns-experiment-private.h"

NsDataset *
ns_experiment_make_data (const NsConfig *config,
                         guint generation,
                         GPtrArray *warnings,
                         GError **error)
{
  NnRng rng;

  nn_rng_seed (&rng, config->seed + generation, NN_STREAM_DATA);
  if (ns_config_is_image_folder (config))
    return ns_dataset_load_image_folder (config->data_path, NS_CONFIG_FOLDER_CHANNELS,
                                         NS_CONFIG_FOLDER_SIDE, NS_CONFIG_FOLDER_SIDE, &rng,
                                         warnings, error);
  if (config->data_path != NULL)
    return ns_dataset_load_csv (config->data_path, config->problem == NS_PROBLEM_REGRESSION,
                                config->train_ratio, &rng, error);
  if (!ns_dataset_kind_is_plane (config->dataset))
    return ns_dataset_load_builtin (config->dataset, config->count, &rng, error);
  return ns_dataset_generate (config->dataset,
                              config->count ? config->count
                                            : ns_dataset_kind_default_count (config->dataset),
                              config->noise, config->train_ratio, &rng);
}

/* Conv and pool layers need image data (ns_config_check): going to other data drops them,
 * keeping the dense layers in their order. TRUE if any was dropped. */
static gboolean
drop_image_layers (NsConfig *config)
{
  guint kept = 0;

  for (guint h = 0; h < config->n_layers; h++)
    if (config->layers[h].kind == NN_LAYER_DENSE)
      config->layers[kept++] = config->layers[h];
  if (kept == config->n_layers)
    return FALSE;
  config->n_layers = kept;
  return TRUE;
}

static gboolean
replace_data (NsExperiment *self, GError **error)
{
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  NsDataset *data = ns_experiment_make_data (&self->config, self->data_generation, warnings, error);

  if (data == NULL)
    return FALSE;
  if (!ns_experiment_same_shape (ns_experiment_input_shape (&self->config, data), self->net->input))
    {
      /* Another kind of data (a file's columns instead of plane features, an image): a network
       * of the same hidden layers for its inputs (the reset below ends the undo history). */
      NnNet *net;

      if (!ns_config_is_image (&self->config))
        drop_image_layers (&self->config);
      net = ns_experiment_make_net (&self->config, data);
      if (net == NULL)
        {
          g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                       "%s: the network could not be built for this data",
                       self->config.data_path != NULL ? self->config.data_path : data->name);
          ns_dataset_free (data);
          return FALSE;
        }
      nn_net_free (self->net);
      self->net = net;
    }
  g_ptr_array_set_size (self->data_warnings, 0);
  g_ptr_array_extend_and_steal (self->data_warnings, g_steal_pointer (&warnings));
  g_clear_pointer (&self->data, ns_dataset_free);
  self->data = data;
  ns_experiment_match_output (self);
  ns_experiment_rebuild_inputs (self);
  ns_experiment_reset_state (self);
  ns_experiment_emit_changed (self);
  return TRUE;
}

void
ns_experiment_set_train_ratio (NsExperiment *self, double train_ratio)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (NS_IS_EXPERIMENT (self));

  self->config.train_ratio = CLAMP (train_ratio, 0.1, 0.9);
  if (!replace_data (self, &error))
    g_warning ("Could not split the data: %s", error->message);
}

void
ns_experiment_regenerate (NsExperiment *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (NS_IS_EXPERIMENT (self));

  self->data_generation++;
  if (!replace_data (self, &error))
    g_warning ("Could not regenerate the data: %s", error->message);
}

void
ns_experiment_set_data (NsExperiment *self,
                        NsDatasetKind kind,
                        double noise,
                        double train_ratio,
                        guint count)
{
  g_autoptr (GError) error = NULL;

  gboolean was_image;

  g_return_if_fail (NS_IS_EXPERIMENT (self));
  g_return_if_fail (kind < NS_N_DATASET_KINDS);

  was_image = ns_config_is_image (&self->config);
  self->config.dataset = kind;
  g_clear_pointer (&self->config.data_path, g_free);
  /* From the plane to images: the plane's small dense layers (4, 2) learn digits to about 40%;
   * the image sets start with the network they are taught with (conv 3x3 x8 -> pool 2 -> 32,
   * relu), which learns them with the Playground's own trainer. */
  if (!was_image && ns_dataset_kind_is_image (kind))
    {
      self->config.n_layers = 3;
      self->config.layers[0] = nn_layer_spec_conv (8, 3, NN_ACT_RELU);
      self->config.layers[1] = nn_layer_spec_pool (2);
      self->config.layers[2] = nn_layer_spec_dense (32, NN_ACT_RELU);
    }
  self->config.noise = CLAMP (noise, 0.0, 0.5);
  self->config.train_ratio = CLAMP (train_ratio, 0.1, 0.9);
  self->config.count = count;
  self->config.problem =
      ns_dataset_kind_is_regression (kind) ? NS_PROBLEM_REGRESSION : NS_PROBLEM_CLASSIFICATION;
  if (!replace_data (self, &error))
    g_warning ("Could not make the data: %s", error->message);
}

gboolean
ns_experiment_set_data_folder (NsExperiment *self, const char *path, GError **error)
{
  NsConfig saved = { 0 };
  guint saved_generation;
  gboolean was_image;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A folder that does not load leaves the data and the network as they were. */
  ns_config_copy (&saved, &self->config);
  saved_generation = self->data_generation;
  was_image = ns_config_is_image (&self->config);
  g_free (self->config.data_path);
  /* A folder is known by the separator at its end (ns_config_is_image_folder). */
  self->config.data_path = g_str_has_suffix (path, G_DIR_SEPARATOR_S)
                               ? g_strdup (path)
                               : g_strconcat (path, G_DIR_SEPARATOR_S, NULL);
  /* From the plane, the network image sets are taught with (as ns_experiment_set_data). */
  if (!was_image)
    {
      self->config.n_layers = 3;
      self->config.layers[0] = nn_layer_spec_conv (8, 3, NN_ACT_RELU);
      self->config.layers[1] = nn_layer_spec_pool (2);
      self->config.layers[2] = nn_layer_spec_dense (32, NN_ACT_RELU);
    }
  self->config.count = 0;
  self->config.problem = NS_PROBLEM_CLASSIFICATION;
  self->data_generation = 0;
  if (!replace_data (self, error))
    {
      ns_config_copy (&self->config, &saved);
      ns_config_clear (&saved);
      self->data_generation = saved_generation;
      return FALSE;
    }
  ns_config_clear (&saved);
  return TRUE;
}

void
ns_experiment_set_seed (NsExperiment *self, guint64 seed)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (NS_IS_EXPERIMENT (self));

  self->config.seed = seed;
  self->data_generation = 0;
  nn_rng_seed (&self->init_rng, seed, NN_STREAM_INIT);
  if (!replace_data (self, &error))
    g_warning ("Could not make the data: %s", error->message);
}
