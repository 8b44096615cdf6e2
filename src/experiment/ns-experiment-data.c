/* ns-experiment-data.c: the experiment's data: making it from the configuration, replacing it
 * (another kind, a folder, a seed, a train ratio, a regeneration) and the network changes that
 * other data brings. */

#include "ns-experiment-private.h"

#include <math.h>
#include <string.h>

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

/* @data (taken) becomes the experiment's, with @warnings (taken, may be NULL: none) as what
 * making it skipped; the output follows its classes; then reset. */
static void
install_data (NsExperiment *self, NsDataset *data, GPtrArray *warnings)
{
  g_ptr_array_set_size (self->data_warnings, 0);
  if (warnings != NULL)
    g_ptr_array_extend_and_steal (self->data_warnings, warnings);
  g_clear_pointer (&self->data, ns_dataset_free);
  self->data = data;
  ns_experiment_match_output (self);
  ns_experiment_rebuild_inputs (self);
  ns_experiment_reset_state (self);
  ns_experiment_emit_changed (self);
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
  install_data (self, data, g_steal_pointer (&warnings));
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

/* The plane a lesson's points are shown on: the generated sets' [-6, 6], grown by a tenth of
 * the points' spread where they reach beyond it. */
static void
points_extent (NsDataset *data)
{
  double lo[2] = { -6.0, -6.0 }, hi[2] = { 6.0, 6.0 };

  for (guint s = 0; s < data->n_train + data->n_test; s++)
    {
      const float *x = s < data->n_train ? data->train_x + 2 * (size_t) s
                                         : data->test_x + 2 * (size_t) (s - data->n_train);
      for (guint k = 0; k < 2; k++)
        {
          lo[k] = MIN (lo[k], x[k]);
          hi[k] = MAX (hi[k], x[k]);
        }
    }
  for (guint k = 0; k < 2; k++)
    {
      double margin = (lo[k] < -6.0 || hi[k] > 6.0) ? 0.1 * (hi[k] - lo[k]) : 0.0;
      lo[k] = lo[k] < -6.0 ? lo[k] - margin : lo[k];
      hi[k] = hi[k] > 6.0 ? hi[k] + margin : hi[k];
    }
  data->x_min = lo[0];
  data->x_max = hi[0];
  data->y_min = lo[1];
  data->y_max = hi[1];
}

static gboolean
check_points (const double *xy, const guint *classes, guint n, guint n_classes, GError **error)
{
  for (guint s = 0; s < n; s++)
    {
      if (!isfinite (xy[2 * s]) || !isfinite (xy[2 * s + 1]) || fabs (xy[2 * s]) > 1e6
          || fabs (xy[2 * s + 1]) > 1e6)
        {
          g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                       "point %u: expected coordinates between -1000000 and 1000000", s + 1);
          return FALSE;
        }
      if (classes[s] >= n_classes)
        {
          g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                       "point %u: class %u: expected a class index from 0 to %u", s + 1, classes[s],
                       n_classes - 1);
          return FALSE;
        }
    }
  return TRUE;
}

static void
copy_points (float *x, float *y, const double *xy, const guint *classes, guint n)
{
  for (guint s = 0; s < n; s++)
    {
      x[2 * s] = (float) xy[2 * s];
      x[2 * s + 1] = (float) xy[2 * s + 1];
      y[s] = (float) classes[s];
    }
}

gboolean
ns_experiment_set_points (NsExperiment *self,
                          const double *train_xy,
                          const guint *train_classes,
                          guint n_train,
                          const double *test_xy,
                          const guint *test_classes,
                          guint n_test,
                          const char *const *class_names,
                          GError **error)
{
  g_autoptr (NsDataset) data = NULL;
  guint n_classes = 2;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (n_train == 0 || (train_xy != NULL && train_classes != NULL), FALSE);
  g_return_val_if_fail (n_test == 0 || (test_xy != NULL && test_classes != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ns_experiment_is_plane_data (self) || self->config.problem != NS_PROBLEM_CLASSIFICATION)
    {
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                   "points: expected a generated 2D dataset and a classification problem");
      return FALSE;
    }
  if (n_train == 0)
    {
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                   "points: expected at least one training point");
      return FALSE;
    }
  /* The classes: as many as named, else as the largest index asks for (at least two, the
   * output needs them). */
  if (class_names != NULL && class_names[0] != NULL)
    n_classes = g_strv_length ((char **) class_names);
  else
    for (guint s = 0; s < n_train + n_test; s++)
      n_classes = MAX (n_classes, (s < n_train ? train_classes[s] : test_classes[s - n_train]) + 1);
  if (n_classes < 2 || n_classes > NS_MAX_CLASSES)
    {
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                   "classes: expected 2 to %d classes", NS_MAX_CLASSES);
      return FALSE;
    }
  if (!check_points (train_xy, train_classes, n_train, n_classes, error)
      || !check_points (test_xy, test_classes, n_test, n_classes, error))
    return FALSE;

  data = g_new0 (NsDataset, 1);
  data->name = g_strdup ("points");
  data->n_inputs = 2;
  data->input_names = g_new0 (char *, 3);
  data->input_names[0] = g_strdup ("x1");
  data->input_names[1] = g_strdup ("x2");
  data->n_classes = n_classes;
  data->class_names = g_new0 (char *, n_classes + 1);
  for (guint c = 0; c < n_classes; c++)
    data->class_names[c] = class_names != NULL && class_names[0] != NULL
                               ? g_strdup (class_names[c])
                               : g_strdup_printf ("%u", c);
  data->n_train = data->train_cap = n_train;
  data->train_x = g_new (float, 2 * (gsize) n_train);
  data->train_y = g_new (float, n_train);
  copy_points (data->train_x, data->train_y, train_xy, train_classes, n_train);
  /* Without test points the test set is the training points. */
  data->n_test = n_test > 0 ? n_test : n_train;
  data->test_x = g_new (float, 2 * (gsize) data->n_test);
  data->test_y = g_new (float, data->n_test);
  if (n_test > 0)
    copy_points (data->test_x, data->test_y, test_xy, test_classes, n_test);
  else
    copy_points (data->test_x, data->test_y, train_xy, train_classes, n_train);
  data->mean = g_new0 (double, 2);
  data->scale = g_new (double, 2);
  data->scale[0] = data->scale[1] = 1.0;
  points_extent (data);

  install_data (self, g_steal_pointer (&data), NULL);
  return TRUE;
}

void
ns_experiment_replace (NsExperiment *self, NsExperiment *other)
{
  NsExperiment swap;
  const size_t start = G_STRUCT_OFFSET (NsExperiment, config);
  guint64 version;

  g_return_if_fail (NS_IS_EXPERIMENT (self));
  g_return_if_fail (NS_IS_EXPERIMENT (other));
  g_return_if_fail (self != other);

  /* Everything after the GObject part is plain state the experiment owns (no pointer into
   * itself), so the two swap it whole: @other keeps this one's old state and frees it when
   * its owner drops it; signal handlers, which live in the GObject part, stay. */
  version = MAX (self->version, other->version);
  memcpy ((char *) &swap + start, (char *) self + start, sizeof (NsExperiment) - start);
  memcpy ((char *) self + start, (char *) other + start, sizeof (NsExperiment) - start);
  memcpy ((char *) other + start, (char *) &swap + start, sizeof (NsExperiment) - start);
  /* A view that drew version v of the old run must not take the new run's v for it. */
  self->version = version + 1;
  other->version = version + 1;
  for (guint k = 0; k < G_N_ELEMENTS (self->planes); k++)
    self->planes[k].inputs_version = self->planes[k].units_version = 0;
  self->plane_before.inputs_version = self->plane_before.units_version = 0;
  /* The edits belong to the run that is gone. */
  ns_experiment_clear_undo (self);
  ns_experiment_emit_changed (self);
}
