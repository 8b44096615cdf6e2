/* ns-experiment-json-read.c: loading an experiment from JSON (ns_experiment_new_from_json,
 * ns_experiment_load). */
#include "config.h"

#include "ns-experiment-private.h"
#include "ns-file.h"
#include "ns-json-reader.h"

#include <float.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* Limits on what a file may ask for, so that its size bounds the memory and time it costs. */
#define NS_EXPERIMENT_MAX_ROWS 1000000      /* as many as a CSV file may have */
#define MAX_JSON_SIZE ((gsize) 512 << 20)   /* bytes */
#define MAX_STEP ((guint64) G_MAXINT64 / 2) /* as many as `train --steps` takes */

static int
problem_from_name (const char *s)
{
  return strcmp (s, "classification") == 0 ? NS_PROBLEM_CLASSIFICATION
         : strcmp (s, "regression") == 0   ? NS_PROBLEM_REGRESSION
                                           : -1;
}

static int
loss_from_name (const char *s)
{
  for (int k = 0; k < NN_N_LOSSES; k++)
    if (strcmp (s, ns_experiment_loss_names[k]) == 0)
      return k;
  return -1;
}

static int
hidden_activation_from_name (const char *s)
{
  int act = nn_activation_from_name (s);
  return nn_activation_is_hidden (act) ? act : -1;
}

static gboolean
read_config (NsJsonReader *r, JsonObject *root, NsConfig *c)
{
  const char *w = "config";
  JsonObject *obj = ns_json_read_object (r, root, "", "config");
  JsonArray *hidden, *acts;
  const char *s;
  int e;
  guint64 seed;
  guint batch;

  if (obj == NULL)
    return FALSE;
  ns_config_init_default (c);
  if (!ns_json_read_enum (r, obj, w, "dataset", ns_dataset_kind_from_name, "a dataset name", &e))
    return FALSE;
  c->dataset = e;
  if ((s = ns_json_read_string (r, obj, w, "data", TRUE)) == NULL)
    return FALSE;
  c->data_path = *s ? g_strdup (s) : NULL;
  if (!ns_json_read_guint (r, obj, w, "count", 0, 100000, &c->count)
      || (c->count > 0 && c->count < 10
          && !ns_json_fail (r, w, "count", "0 (the default) or 10 to 100000"))
      || !ns_json_read_double (r, obj, w, "noise", &c->noise)
      || !ns_json_read_double (r, obj, w, "ratio", &c->train_ratio))
    return FALSE;
  if ((s = ns_json_read_string (r, obj, w, "features", FALSE)) == NULL)
    return FALSE;
  if (!ns_features_parse (s, &c->features, NULL) || c->features == 0)
    return ns_json_fail (r, w, "features", "a comma-separated list of feature names");

  if ((hidden = ns_json_read_array (r, obj, w, "hidden", 0, FALSE)) == NULL)
    return FALSE;
  if (json_array_get_length (hidden) > NS_MAX_HIDDEN)
    return ns_json_fail (r, w, "hidden", "at most 15 layer widths");
  c->n_layers = json_array_get_length (hidden);
  /* The layers first, so that a bad width is blamed on "hidden", not on an "activation" array
   * that no longer has one entry per layer. */
  for (guint h = 0; h < c->n_layers; h++)
    {
      JsonNode *wn = json_array_get_element (hidden, h);
      g_autofree char *at = g_strdup_printf ("hidden[%u]", h);
      g_autofree char *expected = g_strdup_printf (
          "a layer width from 1 to %d, or a layer word such as \"8\"", NS_CONFIG_MAX_WIDTH);
      NnLayerSpec *spec = &c->layers[h];
      gint64 width;
      guint n = 0;

      /* A dense layer's width, or (as --hidden has it) a word such as "8" or "c8k3", which
       * ns_config_parse_hidden turns into a spec or refuses. */
      if (JSON_NODE_HOLDS_VALUE (wn) && json_node_get_value_type (wn) == G_TYPE_INT64)
        {
          if ((width = json_node_get_int (wn)) < 1 || width > NS_CONFIG_MAX_WIDTH)
            return ns_json_fail (r, w, at, expected);
          spec->kind = NN_LAYER_DENSE;
          spec->units = (size_t) width;
          spec->kernel = 0;
        }
      else if (!JSON_NODE_HOLDS_VALUE (wn) || json_node_get_value_type (wn) != G_TYPE_STRING
               || strchr (json_node_get_string (wn), ',') != NULL
               || !ns_config_parse_hidden (json_node_get_string (wn), &n, spec, NULL) || n != 1)
        return ns_json_fail (r, w, at, expected);
    }
  if ((acts = ns_json_read_array (r, obj, w, "activation", 0, FALSE)) == NULL)
    return FALSE;
  if (json_array_get_length (acts) != c->n_layers)
    {
      g_autofree char *expected =
          g_strdup_printf ("an array of %u activations, one per hidden layer, found %u",
                           c->n_layers, json_array_get_length (acts));
      return ns_json_fail (r, w, "activation", expected);
    }
  for (guint h = 0; h < c->n_layers; h++)
    {
      JsonNode *an = json_array_get_element (acts, h);
      g_autofree char *at = g_strdup_printf ("activation[%u]", h);
      NnLayerSpec *spec = &c->layers[h];
      int act;

      if (!JSON_NODE_HOLDS_VALUE (an) || json_node_get_value_type (an) != G_TYPE_STRING
          || (act = hidden_activation_from_name (json_node_get_string (an))) < 0)
        return ns_json_fail (r, w, at, "relu, leaky_relu, tanh, sigmoid or linear");
      spec->act = ns_layer_kind_has_activation (spec->kind) ? act : NN_ACT_LINEAR;
    }

  if (!ns_json_read_enum (r, obj, w, "problem", problem_from_name, "classification or regression",
                          &e))
    return FALSE;
  c->problem = e;
  if (!ns_json_read_enum (r, obj, w, "optimizer", nn_optimizer_from_name, "sgd, momentum or adam",
                          &e))
    return FALSE;
  c->trainer.optimizer = e;
  if (!ns_json_read_enum (r, obj, w, "regularization", nn_regularization_from_name,
                          "none, l1 or l2", &e))
    return FALSE;
  c->trainer.regularization = e;
  if (!ns_json_read_float (r, obj, w, "lr", &c->trainer.learning_rate)
      || !ns_json_read_float (r, obj, w, "momentum", &c->trainer.momentum)
      || !ns_json_read_float (r, obj, w, "beta1", &c->trainer.beta1)
      || !ns_json_read_float (r, obj, w, "beta2", &c->trainer.beta2)
      || !ns_json_read_float (r, obj, w, "epsilon", &c->trainer.epsilon)
      || !ns_json_read_float (r, obj, w, "reg_rate", &c->trainer.reg_rate)
      || !ns_json_read_float (r, obj, w, "clip", &c->trainer.clip_norm)
      || !ns_json_read_guint (r, obj, w, "batch", 1, 1000, &batch)
      || !ns_json_read_uint (r, obj, w, "seed", 0, G_MAXUINT64, &seed))
    return FALSE;
  c->batch_size = batch;
  c->seed = seed;
  /* The command line's limits, checked by the same function: a file cannot ask for a learning
   * rate of -1 or a layer wider than `--hidden` allows. */
  {
    g_autofree char *field = NULL;
    g_autofree char *expected = NULL;

    if (!ns_config_check (c, &field, &expected))
      return ns_json_fail (r, w, field, expected);
  }
  return TRUE;
}

/* Rows of inputs and their labels: the lengths are checked against each other (a label per row
 * of @n_inputs numbers) before anything is allocated, and every number must be finite. */
static gboolean
read_rows (NsJsonReader *r,
           JsonObject *obj,
           const char *x_name,
           const char *y_name,
           guint n_inputs,
           guint *n_rows,
           float **x,
           float **y)
{
  const char *w = "data";
  JsonArray *xa, *ya;
  size_t x_len, rows;

  if ((xa = ns_json_read_array (r, obj, w, x_name, 0, FALSE)) == NULL
      || (ya = ns_json_read_array (r, obj, w, y_name, 0, FALSE)) == NULL)
    return FALSE;
  x_len = json_array_get_length (xa);
  if (x_len % n_inputs != 0)
    {
      g_autofree char *expected = g_strdup_printf (
          "whole rows of %u inputs, found %" G_GSIZE_FORMAT " numbers", n_inputs, x_len);
      return ns_json_fail (r, w, x_name, expected);
    }
  rows = x_len / n_inputs;
  if (json_array_get_length (ya) != rows)
    {
      g_autofree char *expected =
          g_strdup_printf ("one label per row of %s (%" G_GSIZE_FORMAT "), found %u", x_name, rows,
                           json_array_get_length (ya));
      return ns_json_fail (r, w, y_name, expected);
    }
  if (rows > NS_EXPERIMENT_MAX_ROWS)
    {
      g_autofree char *expected =
          g_strdup_printf ("at most %u rows, found %" G_GSIZE_FORMAT, NS_EXPERIMENT_MAX_ROWS, rows);
      return ns_json_fail (r, w, y_name, expected);
    }
  *n_rows = (guint) rows;
  *x = g_new (float, MAX (x_len, 1));
  *y = g_new (float, MAX (rows, 1));
  return ns_json_array_floats (r, xa, w, x_name, *x, x_len, TRUE)
         && ns_json_array_floats (r, ya, w, y_name, *y, rows, TRUE);
}

static NsDataset *
read_data (NsJsonReader *r, JsonObject *root, guint *generation)
{
  const char *w = "data";
  JsonObject *obj = ns_json_read_object (r, root, "", "data");
  g_autoptr (NsDataset) d = g_new0 (NsDataset, 1);
  const char *name;
  double extent[4];

  if (obj == NULL)
    return NULL;
  if (!ns_json_read_guint (r, obj, w, "generation", 0, G_MAXUINT, generation)
      || (name = ns_json_read_string (r, obj, w, "name", FALSE)) == NULL
      || !ns_json_read_guint (r, obj, w, "inputs", 1, 4096, &d->n_inputs)
      || !ns_json_read_guint (r, obj, w, "classes", 0, NS_MAX_CLASSES, &d->n_classes))
    return NULL;
  if (d->n_classes == 1)
    return ns_json_fail (r, w, "classes", "0 (regression) or 2 to 16 classes"), NULL;
  d->name = g_strdup (name);
  if ((d->input_names = ns_json_read_strv (r, obj, w, "input_names", d->n_inputs)) == NULL)
    return NULL;
  if (d->n_classes > 0
      && (d->class_names = ns_json_read_strv (r, obj, w, "class_names", d->n_classes)) == NULL)
    return NULL;
  d->mean = g_new0 (double, d->n_inputs);
  d->scale = g_new0 (double, d->n_inputs);
  if (!ns_json_read_doubles (r, obj, w, "mean", d->mean, d->n_inputs)
      || !ns_json_read_doubles (r, obj, w, "scale", d->scale, d->n_inputs)
      || !ns_json_read_doubles (r, obj, w, "extent", extent, 4))
    return NULL;
  for (guint i = 0; i < d->n_inputs; i++)
    {
      g_autofree char *at_mean = g_strdup_printf ("mean[%u]", i);
      g_autofree char *at_scale = g_strdup_printf ("scale[%u]", i);

      if (!isfinite (d->mean[i]))
        return ns_json_fail (r, w, at_mean, "a finite number"), NULL;
      if (!(isfinite (d->scale[i]) && d->scale[i] > 0))
        return ns_json_fail (r, w, at_scale, "a finite number above 0"), NULL;
    }
  /* The plane the views span: a blank picture is no answer to a bad file. */
  for (guint k = 0; k < 4; k++)
    if (!isfinite (extent[k]) || fabs (extent[k]) > FLT_MAX)
      {
        g_autofree char *at = g_strdup_printf ("extent[%u]", k);
        return ns_json_fail (r, w, at, "a finite number within float range"), NULL;
      }
  if (!(extent[0] < extent[1]) || !(extent[2] < extent[3]))
    return ns_json_fail (r, w, "extent",
                         "[x_min, x_max, y_min, y_max] with each min below its max"),
           NULL;
  d->x_min = extent[0];
  d->x_max = extent[1];
  d->y_min = extent[2];
  d->y_max = extent[3];
  /* Image data says its shape (files before images have none: vectors). */
  if (json_object_has_member (obj, "image"))
    {
      double shape[3];

      if (!ns_json_read_doubles (r, obj, w, "image", shape, 3))
        return NULL;
      for (guint k = 0; k < 3; k++)
        if (!(shape[k] >= 1 && shape[k] <= 4096 && shape[k] == floor (shape[k])))
          return ns_json_fail (r, w, "image", "[channels, height, width], whole numbers"), NULL;
      if (shape[0] * shape[1] * shape[2] != d->n_inputs)
        return ns_json_fail (r, w, "image",
                             "[channels, height, width] with as many values as inputs"),
               NULL;
      d->image_channels = (guint) shape[0];
      d->image_height = (guint) shape[1];
      d->image_width = (guint) shape[2];
    }

  if (!read_rows (r, obj, "train_x", "train_y", d->n_inputs, &d->n_train, &d->train_x, &d->train_y)
      || !read_rows (r, obj, "test_x", "test_y", d->n_inputs, &d->n_test, &d->test_x, &d->test_y))
    return NULL;
  d->train_cap = d->n_train;
  if (d->n_train == 0)
    return ns_json_fail (r, w, "train_y", "at least one training point"), NULL;
  for (guint s = 0; s < d->n_train + d->n_test && d->n_classes > 0; s++)
    {
      float y = s < d->n_train ? d->train_y[s] : d->test_y[s - d->n_train];
      if (!(y >= 0 && y < d->n_classes && y == floorf (y)))
        return ns_json_fail (r, w, s < d->n_train ? "train_y" : "test_y", "class indices"), NULL;
    }
  return g_steal_pointer (&d);
}

/* The parameters the configured network has, counted by the engine from the layer specs as
 * it would lay them out, so that a file cannot make it allocate more than its own "params"
 * array holds. */
static gboolean
check_network_size (NsJsonReader *r,
                    JsonObject *root,
                    const NsConfig *config,
                    const NsDataset *data)
{
  JsonObject *obj = ns_json_read_object (r, root, "", "network");
  JsonArray *params;
  size_t n_classes, n_params;
  NnLoss loss;

  if (obj == NULL || (params = ns_json_read_array (r, obj, "network", "params", 0, FALSE)) == NULL)
    return FALSE;
  loss = ns_experiment_loss_for (config, data, &n_classes);
  n_params = nn_net_count_params (ns_experiment_input_shape (config, data), config->layers,
                                  config->n_layers, loss, n_classes);
  if (n_params == 0)
    return ns_json_fail (r, "config", "hidden", "layers the network can be built from");
  if (json_array_get_length (params) != n_params)
    {
      g_autofree char *expected =
          g_strdup_printf ("an array of %" G_GSIZE_FORMAT " entries (the parameters of the "
                           "network in config), found %u",
                           n_params, json_array_get_length (params));
      return ns_json_fail (r, "network", "params", expected);
    }
  return TRUE;
}

/* network.layers[h]: the spec of hidden layer h as write_layer_spec wrote it, which must be
 * the layer config.hidden and config.activation describe. format_version 1 wrote no "kind":
 * its layers are dense. */
static gboolean
read_layer_spec (NsJsonReader *r, JsonArray *layers, guint h, const NnLayerSpec *expected)
{
  JsonNode *node = json_array_get_element (layers, h);
  g_autofree char *at = g_strdup_printf ("layers[%u]", h);
  g_autofree char *w = g_strdup_printf ("network.%s", at);
  JsonObject *obj;
  NnLayerSpec spec = { NN_LAYER_DENSE, 0, 0, NN_ACT_LINEAR };
  guint64 units = 0, kernel = 0;
  int kind = NN_LAYER_DENSE, act = NN_ACT_LINEAR;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return ns_json_fail (r, "network", at, "a layer object");
  obj = json_node_get_object (node);
  if (json_object_has_member (obj, "kind")
      && !ns_json_read_enum (r, obj, w, "kind", nn_layer_kind_from_name,
                             "dense, conv2d, max_pool or flatten", &kind))
    return FALSE;
  spec.kind = kind;
  if ((kind == NN_LAYER_DENSE && !ns_json_read_uint (r, obj, w, "width", 1, NN_MAX_WIDTH, &units))
      || (kind == NN_LAYER_CONV2D
          && !ns_json_read_uint (r, obj, w, "channels", 1, NN_MAX_WIDTH, &units))
      || ((kind == NN_LAYER_CONV2D || kind == NN_LAYER_MAX_POOL)
          && !ns_json_read_uint (r, obj, w, "kernel", 1, 16, &kernel))
      || (ns_layer_kind_has_activation (kind)
          && !ns_json_read_enum (r, obj, w, "activation", hidden_activation_from_name,
                                 "relu, leaky_relu, tanh, sigmoid or linear", &act)))
    return FALSE;
  spec.units = (size_t) units;
  spec.kernel = (size_t) kernel;
  spec.act = act;
  if (spec.kind != expected->kind || spec.units != expected->units
      || spec.kernel != expected->kernel || spec.act != expected->act)
    {
      g_autofree char *word = ns_layer_spec_to_word (expected);
      g_autofree char *what = g_strdup_printf (
          "the layer config.hidden[%u] and config.activation[%u] describe (%s %s, %s)", h, h,
          nn_layer_kind_name (expected->kind), word, nn_activation_name (expected->act));
      return ns_json_fail (r, "network", at, what);
    }
  return TRUE;
}

static NnNet *
read_network (NsJsonReader *r, JsonObject *root, const NsConfig *config, const NsDataset *data)
{
  const char *w = "network";
  JsonObject *obj = ns_json_read_object (r, root, "", "network");
  JsonArray *layers;
  guint n_inputs, outputs;
  size_t n_classes;
  int loss;
  NnLoss expected_loss;
  guint64 updates;
  NnNet *net;

  if (obj == NULL)
    return NULL;
  if (!ns_json_read_guint (r, obj, w, "inputs", 1, 4096, &n_inputs)
      || !ns_json_read_guint (r, obj, w, "outputs", 1, NS_MAX_CLASSES, &outputs)
      || !ns_json_read_enum (r, obj, w, "loss", loss_from_name, "bce, softmax_ce or mse", &loss)
      || (layers = ns_json_read_array (r, obj, w, "layers", config->n_layers, TRUE)) == NULL)
    return NULL;
  for (guint h = 0; h < config->n_layers; h++)
    if (!read_layer_spec (r, layers, h, &config->layers[h]))
      return NULL;

  /* The network must fit the settings and the data it says it was trained on. */
  expected_loss = ns_experiment_loss_for (config, data, &n_classes);
  if (n_inputs
      != (ns_config_is_plane (config) ? ns_features_count (config->features) : data->n_inputs))
    return ns_json_fail (r, w, "inputs", "as many inputs as the features (or data columns)"), NULL;
  if ((NnLoss) loss != expected_loss)
    return ns_json_fail (r, w, "loss", "the loss that fits the data's classes"), NULL;
  if (loss == NN_LOSS_SOFTMAX_CE ? outputs != n_classes : outputs != 1)
    return ns_json_fail (r, w, "outputs", "one output, or one per class for softmax"), NULL;

  net = nn_net_new (ns_experiment_input_shape (config, data), config->layers, config->n_layers,
                    loss, n_classes);
  if (net == NULL)
    return ns_json_fail (r, w, "layers", "a network small enough to build"), NULL;
  if (!ns_json_read_floats (r, obj, w, "params", net->params, net->n_params)
      || !ns_json_read_floats (r, obj, w, "opt_m", net->opt_m, net->n_params)
      || !ns_json_read_floats (r, obj, w, "opt_v", net->opt_v, net->n_params)
      || !ns_json_read_uint (r, obj, w, "updates", 0, G_MAXUINT64, &updates)
      || !ns_json_read_double (r, obj, w, "adam_beta1_power", &net->adam_beta1_power)
      || !ns_json_read_double (r, obj, w, "adam_beta2_power", &net->adam_beta2_power))
    {
      nn_net_free (net);
      return NULL;
    }
  net->n_updates = updates;
  return net;
}

/* One row of losses and accuracies (a history entry, or the current numbers) at @at. */
static gboolean
read_entry (NsJsonReader *r, JsonNode *node, const char *at, NsHistoryEntry *entry)
{
  JsonObject *eo;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return ns_json_fail (r, "", at, "an object");
  eo = json_node_get_object (node);
  return ns_json_read_guint (r, eo, at, "epoch", 0, G_MAXUINT, &entry->epoch)
         && ns_json_read_uint (r, eo, at, "step", 0, MAX_STEP, &entry->step)
         && ns_json_read_double (r, eo, at, "train_loss", &entry->train_loss)
         && ns_json_read_double (r, eo, at, "train_accuracy", &entry->train_accuracy)
         && ns_json_read_double (r, eo, at, "test_loss", &entry->test_loss)
         && ns_json_read_double (r, eo, at, "test_accuracy", &entry->test_accuracy);
}

static gboolean
read_training (NsJsonReader *r, JsonObject *root, NsExperiment *self)
{
  const char *w = "training";
  JsonObject *obj = ns_json_read_object (r, root, "", "training");
  JsonArray *order, *history;
  JsonNode *node;
  guint64 state, inc;

  if (obj == NULL)
    return FALSE;
  if (!ns_json_read_uint (r, obj, w, "step", 0, MAX_STEP, &self->step)
      || !ns_json_read_guint (r, obj, w, "epoch", 0, G_MAXUINT, &self->epoch)
      || !ns_json_read_uint (r, obj, w, "shuffle_state", 0, G_MAXUINT64, &state)
      || !ns_json_read_uint (r, obj, w, "shuffle_inc", 0, G_MAXUINT64, &inc)
      || (node = ns_json_member (r, obj, w, "diverged", "true or false")) == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return ns_json_fail (r, w, "diverged", "true or false");
  self->diverged = json_node_get_boolean (node);
  if (self->epoch > self->step)
    return ns_json_fail (r, w, "epoch", "at most one epoch per step");
  self->shuffle_rng.state = state;
  self->shuffle_rng.inc = inc;

  if ((order = ns_json_read_array (r, obj, w, "order", 0, FALSE)) == NULL)
    return FALSE;
  self->order_len = json_array_get_length (order);
  if (self->order_len > self->data->n_train)
    return ns_json_fail (r, w, "order", "at most one entry per training point");
  self->order = g_renew (guint32, self->order, MAX (self->order_len, 1));
  for (guint k = 0; k < self->order_len; k++)
    {
      JsonNode *e = json_array_get_element (order, k);
      gint64 v;
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64
          || (v = json_node_get_int (e)) < 0 || v >= self->data->n_train)
        return ns_json_fail (r, w, "order", "indices of training points");
      self->order[k] = (guint32) v;
    }
  if (!ns_json_read_guint (r, obj, w, "position", 0, self->order_len, &self->position))
    return FALSE;

  if ((history = ns_json_read_array (r, root, "", "history", 0, FALSE)) == NULL)
    return FALSE;
  g_array_set_size (self->history, 0);
  for (guint k = 0; k < json_array_get_length (history); k++)
    {
      g_autofree char *at = g_strdup_printf ("history[%u]", k);
      NsHistoryEntry entry;

      if (!read_entry (r, json_array_get_element (history, k), at, &entry))
        return FALSE;
      g_array_append_val (self->history, entry);
    }
  if (self->history->len == 0)
    return ns_json_fail (r, "", "history", "at least the entry of epoch 0");

  /* Optional (files from before it, and runs last changed at an epoch's end, lack it): the
   * numbers of the network as an edit or undo after the last epoch left it. It describes the
   * saved run's present, so it carries the run's epoch and step. */
  self->has_current = FALSE;
  if (json_object_has_member (root, "current"))
    {
      if (!read_entry (r, json_object_get_member (root, "current"), "current", &self->current))
        return FALSE;
      if (self->current.epoch != self->epoch)
        return ns_json_fail (r, "current", "epoch", "the epoch of training.epoch");
      if (self->current.step != self->step)
        return ns_json_fail (r, "current", "step", "the step of training.step");
      self->has_current = TRUE;
    }
  return TRUE;
}

static gboolean
read_gradient_health (NsJsonReader *r, JsonObject *root, NsExperiment *self)
{
  const char *w = "gradient_health";
  JsonObject *obj;
  JsonArray *values, *sums;
  guint n_values, n_sums;

  ns_experiment_grad_health_clear (self);
  if (!json_object_has_member (root, w))
    return TRUE;
  if ((obj = ns_json_read_object (r, root, "", w)) == NULL
      || !ns_json_read_guint (r, obj, w, "layers", 0, NN_MAX_LAYERS, &self->grad_layers)
      || !ns_json_read_guint (r, obj, w, "first_epoch", 0, G_MAXUINT, &self->grad_first_epoch)
      || !ns_json_read_guint (r, obj, w, "batches", 0, G_MAXUINT, &self->grad_sum_batches)
      || (values = ns_json_read_array (r, obj, w, "values", 0, FALSE)) == NULL
      || (sums = ns_json_read_array (r, obj, w, "sums", 0, FALSE)) == NULL)
    return FALSE;
  n_values = json_array_get_length (values);
  n_sums = json_array_get_length (sums);
  if ((self->grad_layers == 0 && n_values > 0)
      || (self->grad_layers > 0 && n_values % self->grad_layers != 0))
    return ns_json_fail (r, w, "values", "whole rows of \"layers\" numbers");
  if (n_sums > NN_MAX_LAYERS)
    return ns_json_fail (r, w, "sums", "at most one number per layer");
  g_array_set_size (self->grad_health, n_values);
  if (!ns_json_read_doubles (r, obj, w, "values", (double *) (void *) self->grad_health->data,
                             n_values)
      || !ns_json_read_doubles (r, obj, w, "sums", self->grad_sums, n_sums))
    return FALSE;
  self->grad_sum_layers = n_sums;
  return TRUE;
}

NsExperiment *
ns_experiment_new_from_json (const char *json, const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  g_auto (NsConfig) config = { 0 };
  g_autoptr (NsExperiment) self = NULL;
  NsJsonReader r = { path ? path : "(experiment)", error };
  JsonNode *root;
  JsonObject *obj;
  NsDataset *data;
  NnNet *net;
  guint64 version;
  guint generation = 0;

  g_autofree char *text = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if ((text = ns_json_prepare_text (&r, json)) == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, text, -1, &local))
    {
      g_autofree char *where = NULL;
      const char *problem = ns_json_parse_error_split (local->message, &where);

      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_PARSE,
                   "%s%s: not a saved experiment: %s", r.file, where, problem);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_PARSE,
                   "%s: not a saved experiment: expected a JSON object", r.file);
      return NULL;
    }
  obj = json_node_get_object (root);
  if (!ns_json_read_uint (&r, obj, "", "format_version", 0, G_MAXINT, &version))
    return NULL;
  if (version != NS_EXPERIMENT_FORMAT_VERSION)
    {
      g_clear_error (error);
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_VERSION,
                   "%s: format_version %" G_GUINT64_FORMAT " is not one this Neuroscope reads "
                   "(it reads version %d); a newer Neuroscope wrote it?",
                   r.file, version, NS_EXPERIMENT_FORMAT_VERSION);
      return NULL;
    }
  if (!read_config (&r, obj, &config))
    return NULL;
  if ((data = read_data (&r, obj, &generation)) == NULL)
    return NULL;
  if ((data->n_classes == 0) != (config.problem == NS_PROBLEM_REGRESSION))
    {
      ns_dataset_free (data);
      ns_json_fail (&r, "config", "problem", "the problem the data's labels are for");
      return NULL;
    }
  if (ns_config_is_plane (&config) && data->n_inputs != 2)
    {
      ns_dataset_free (data);
      ns_json_fail (&r, "data", "inputs", "2 for generated data (a point of the plane)");
      return NULL;
    }
  if (!check_network_size (&r, obj, &config, data)
      || (net = read_network (&r, obj, &config, data)) == NULL)
    {
      ns_dataset_free (data);
      return NULL;
    }
  self = ns_experiment_new_with_state (&config, data, net, generation);
  if (!read_training (&r, obj, self) || !read_gradient_health (&r, obj, self))
    return NULL;
  return g_steal_pointer (&self);
}

NsExperiment *
ns_experiment_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ns_file_read_bounded (path, MAX_JSON_SIZE, &text, &length, error))
    return NULL;
  return ns_experiment_new_from_json (text, path, error);
}
