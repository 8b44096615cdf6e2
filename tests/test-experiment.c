/* test-experiment.c: training runs end to end, determinism, reset/regenerate, live edits. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ns-experiment.h"
#include "ns-test-experiment.h"

/* The example, with the Playground's defaults: the spiral with sin features. */
static void
test_spiral_example (void)
{
  const char *options[] = { "dataset", "spiral", "features",   "x1,x2,sinx1,sinx2",
                            "hidden",  "8,8",    "activation", "tanh",
                            "lr",      "0.03",   "batch",      "10",
                            "ratio",   "0.5",    "seed",       "1",
                            NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const NsHistoryEntry *last;

  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, 250);
  g_assert_cmpuint (ns_experiment_get_steps_per_epoch (exp), ==, 25);
  ns_experiment_train_epochs (exp, 300);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 300);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 300 * 25);
  last = ns_experiment_get_last (exp);
  g_test_message ("spiral: test accuracy %.3f, test loss %.4f", last->test_accuracy,
                  last->test_loss);
  g_assert_cmpfloat (last->test_accuracy, >=, 0.95);
  g_assert_false (ns_experiment_get_diverged (exp));
}

static void
test_regression_plane (void)
{
  const char *options[] = { "dataset", "reg-plane", "hidden", "none", "lr", "0.03", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const NsHistoryEntry *last;

  g_assert_cmpint (ns_experiment_get_config (exp)->problem, ==, NS_PROBLEM_REGRESSION);
  g_assert_cmpint (ns_experiment_get_net (exp)->loss, ==, NN_LOSS_MSE);
  ns_experiment_train_epochs (exp, 30);
  last = ns_experiment_get_last (exp);
  g_assert_cmpfloat (last->test_loss, <, 0.01);
  g_assert_true (isnan (last->test_accuracy));
}

static void
test_history (void)
{
  g_autoptr (NsExperiment) exp = new_experiment (NULL);
  const NsHistoryEntry *h;
  guint n;

  h = ns_experiment_get_history (exp, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (h[0].epoch, ==, 0);
  g_assert_true (isfinite (h[0].train_loss));

  ns_experiment_step (exp, ns_experiment_get_steps_per_epoch (exp) - 1);
  ns_experiment_get_history (exp, &n);
  g_assert_cmpuint (n, ==, 1);
  ns_experiment_step (exp, 1);
  h = ns_experiment_get_history (exp, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (h[1].epoch, ==, 1);
  g_assert_cmpuint (h[1].step, ==, ns_experiment_get_steps_per_epoch (exp));
}

/* A short last batch: 250 points in batches of 30 = 8 full batches and one of 10. */
static void
test_uneven_epoch (void)
{
  const char *options[] = { "batch", "30", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);

  g_assert_cmpuint (ns_experiment_get_steps_per_epoch (exp), ==, 9);
  ns_experiment_step (exp, 9);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 1);
  ns_experiment_step (exp, 18);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 3);
}

static void
test_determinism (void)
{
  const char *options[] = { "dataset", "spiral", "hidden", "6,5", "seed", "7", NULL };
  const char *other[] = { "dataset", "spiral", "hidden", "6,5", "seed", "8", NULL };
  g_autoptr (NsExperiment) a = new_experiment (options);
  g_autoptr (NsExperiment) b = new_experiment (options);
  g_autoptr (NsExperiment) c = new_experiment (other);

  g_assert_true (same_params (ns_experiment_get_net (a), ns_experiment_get_net (b)));
  g_assert_false (same_params (ns_experiment_get_net (a), ns_experiment_get_net (c)));

  /* Whatever the order of calls, the same number of steps gives the same run. */
  ns_experiment_step (a, 120);
  ns_experiment_step (b, 7);
  ns_experiment_step (b, 100);
  ns_experiment_step (b, 13);
  ns_experiment_step (c, 120);
  g_assert_true (same_params (ns_experiment_get_net (a), ns_experiment_get_net (b)));
  g_assert_true (same_history (a, b));
  g_assert_false (same_params (ns_experiment_get_net (a), ns_experiment_get_net (c)));
}

static void
test_reset_and_noise_keep_initial_weights (void)
{
  const char *options[] = { "dataset", "circle", "hidden", "5,3", "seed", "11", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const NsDataset *data;
  NnNet *initial = nn_net_clone (ns_experiment_get_net (exp));
  g_autofree float *points = NULL;
  g_autofree float *labels = NULL;
  guint n_points;
  guint n;

  data = ns_experiment_get_dataset (exp);
  n_points = data->n_train;
  points = g_memdup2 (data->train_x, sizeof (float) * 2 * n_points);
  labels = g_memdup2 (data->train_y, sizeof (float) * n_points);

  ns_experiment_step (exp, 60);
  g_assert_false (same_params (ns_experiment_get_net (exp), initial));
  ns_experiment_reset (exp);
  g_assert_true (same_params (ns_experiment_get_net (exp), initial));
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 0);
  ns_experiment_get_history (exp, &n);
  g_assert_cmpuint (n, ==, 1);

  /* Moving the noise redraws the data but keeps the initial weights. (The Playground's circle
   * keeps each point where it is and decides its label from the noisy position.) */
  ns_experiment_step (exp, 30);
  ns_experiment_set_data (exp, NS_DATASET_CIRCLE, 0.3, 0.5, 0);
  data = ns_experiment_get_dataset (exp);
  g_assert_true (same_params (ns_experiment_get_net (exp), initial));
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 0);
  g_assert_cmpint (memcmp (labels, data->train_y, sizeof (float) * n_points), !=, 0);

  /* Regenerate: new points (the next data seed), same initial weights. */
  ns_experiment_set_data (exp, NS_DATASET_CIRCLE, 0.0, 0.5, 0);
  data = ns_experiment_get_dataset (exp);
  g_assert_cmpint (memcmp (points, data->train_x, sizeof (float) * 2 * n_points), ==, 0);
  ns_experiment_regenerate (exp);
  data = ns_experiment_get_dataset (exp);
  g_assert_cmpint (memcmp (points, data->train_x, sizeof (float) * 2 * n_points), !=, 0);
  g_assert_true (same_params (ns_experiment_get_net (exp), initial));

  nn_net_free (initial);
}

static void
test_divergence (void)
{
  const char *options[] = { "dataset", "reg-gauss", "hidden", "8,8", "activation",
                            "relu",    "lr",        "10",     NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  guint64 done;

  done = ns_experiment_step (exp, 100000);
  g_assert_true (ns_experiment_get_diverged (exp));
  g_assert_cmpuint (done, <, 100000);
  /* Training stays stopped until a reset. */
  g_assert_cmpuint (ns_experiment_step (exp, 10), ==, 0);
  ns_experiment_reset (exp);
  g_assert_false (ns_experiment_get_diverged (exp));
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 0);
}

static void
test_edits_keep_weights (void)
{
  const char *options[] = { "hidden", "3", "seed", "4", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const NnNet *net = ns_experiment_get_net (exp);
  float w;
  guint n_before;

  ns_experiment_step (exp, 40);
  w = net->params[nn_net_param_index (net, 0, 1, 1)];

  g_assert_true (ns_experiment_add_neuron (exp, 0));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->layers[0].n_out, ==, 4);
  g_assert_cmpuint (ns_experiment_get_config (exp)->layers[0].units, ==, 4);
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 0, 1, 1)], ==, w);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 40);

  /* Turning a feature on adds an input; x2 keeps its weights at its new index. */
  g_assert_true (ns_experiment_set_features (exp, NS_FEATURES_DEFAULT | (1u << NS_FEATURE_X1SQ)));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->n_inputs, ==, 3);
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 0, 1, 1)], ==, w);
  g_assert_true (ns_experiment_set_features (exp, 1u << NS_FEATURE_X2));
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->n_inputs, ==, 1);
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 0, 1, 0)], ==, w);
  g_assert_false (ns_experiment_set_features (exp, 0));

  n_before = net->n_layers;
  g_assert_true (ns_experiment_add_layer (exp, 1, 2));
  g_assert_cmpuint (ns_experiment_get_net (exp)->n_layers, ==, n_before + 1);
  g_assert_true (ns_experiment_set_activation (exp, 1, NN_ACT_RELU));
  g_assert_true (ns_experiment_remove_layer (exp, 1));
  g_assert_true (ns_experiment_set_weight (exp, 0, 0, 0, 0.25f));
  net = ns_experiment_get_net (exp);
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 0, 0, 0)], ==, 0.25f);
  g_assert_false (ns_experiment_set_weight (exp, 9, 0, 0, 1.0f));

  /* Training goes on from where it was. */
  g_assert_cmpuint (ns_experiment_step (exp, 10), ==, 10);
}

static void
test_undo (void)
{
  const char *options[] = { "hidden", "3,2", "seed", "9", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  NnNet *before;
  guint64 version;

  ns_experiment_step (exp, 12);
  before = nn_net_clone (ns_experiment_get_net (exp));
  g_assert_false (ns_experiment_can_undo (exp));

  version = ns_experiment_get_version (exp);
  g_assert_true (ns_experiment_set_width (exp, 0, 6));
  g_assert_cmpuint (ns_experiment_get_version (exp), >, version);
  g_assert_true (ns_experiment_set_weight (exp, 1, 0, 0, 2.0f));
  g_assert_true (ns_experiment_add_layer (exp, 0, 5));
  g_assert_true (ns_experiment_set_features (exp, 0x7));
  g_assert_cmpuint (ns_experiment_get_net (exp)->n_inputs, ==, 3);

  /* Four edits, four undos, back to the very same network. */
  for (guint k = 0; k < 4; k++)
    g_assert_true (ns_experiment_undo (exp));
  g_assert_false (ns_experiment_can_undo (exp));
  g_assert_false (ns_experiment_undo (exp));
  g_assert_cmpuint (ns_experiment_get_config (exp)->layers[0].units, ==, 3);
  g_assert_cmpuint (ns_experiment_get_config (exp)->features, ==, NS_FEATURES_DEFAULT);
  g_assert_true (same_params (ns_experiment_get_net (exp), before));
  g_assert_cmpuint (ns_experiment_step (exp, 5), ==, 5);
  nn_net_free (before);
}

/* From a file's columns to plane features and back to a new split. */
static void
test_file_then_generated (void)
{
  g_autofree char *path =
      g_build_filename (g_getenv ("NEUROSCOPE_DATADIR"), "datasets", "iris.csv", NULL);
  const char *options[] = { "data", path, "hidden", "5", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);

  g_assert_cmpuint (ns_experiment_get_net (exp)->n_inputs, ==, 4);
  g_assert_cmpint (ns_experiment_get_net (exp)->loss, ==, NN_LOSS_SOFTMAX_CE);
  ns_experiment_set_train_ratio (exp, 0.7);
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, 105);
  g_assert_true (ns_experiment_add_neuron (exp, 0));

  ns_experiment_set_data (exp, NS_DATASET_SPIRAL, 0.1, 0.5, 0);
  g_assert_cmpuint (ns_experiment_get_net (exp)->n_inputs, ==, 2);
  g_assert_cmpint (ns_experiment_get_net (exp)->loss, ==, NN_LOSS_BCE);
  g_assert_cmpuint (ns_experiment_get_net (exp)->layers[0].n_out, ==, 6);
  g_assert_false (ns_experiment_can_undo (exp));
  g_assert_cmpuint (ns_experiment_step (exp, 30), ==, 30);
}

static void
test_points (void)
{
  g_autoptr (NsExperiment) exp = new_experiment (NULL);
  guint n = ns_experiment_get_dataset (exp)->n_train;

  ns_experiment_step (exp, 3); /* mid-epoch */
  ns_experiment_add_point (exp, 1.0, 1.0, 1.0f);
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, n + 1);
  g_assert_true (ns_experiment_remove_point_near (exp, 1.01, 0.99));
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, n);
  /* Far from every point: nothing removed. */
  g_assert_false (ns_experiment_remove_point_near (exp, 40.0, 40.0));
  g_assert_cmpuint (ns_experiment_step (exp, 100), ==, 100);
}

static void
test_eval_plane (void)
{
  g_autoptr (NsExperiment) exp = new_experiment (NULL);
  const NnNet *net = ns_experiment_get_net (exp);
  const float *inputs, *units;
  float x[2];

  ns_experiment_eval_plane (exp, 10, &inputs, &units);
  /* Input rows are x1 and x2 over the plane: x1 grows to the right, x2 downwards shrinks. */
  g_assert_cmpfloat (inputs[0], <, inputs[9]);
  g_assert_cmpfloat (inputs[100], >, inputs[100 + 90]);
  /* The output row equals a forward pass at the same point. */
  x[0] = inputs[37];
  x[1] = inputs[100 + 37];
  {
    NnNet *copy = nn_net_clone (net);
    nn_net_forward (copy, x, 1);
    g_assert_cmpfloat (units[(net->n_units - 1) * 100 + 37], ==,
                       copy->acts[(net->n_units - 1) * copy->batch_cap]);
    nn_net_free (copy);
  }
}

/* The --hidden grammar's conv and pool words are understood; on plane data the settings check
 * and the command line's options refuse them with a message naming the option; on image data
 * they pass. Other words are refused as before. */
static void
test_hidden_grammar (void)
{
  const char *const refused[] = { "c8k3", "8,p2", "c16k5,p2,32" };
  const char *const fields[] = { "hidden[0]", "hidden[1]", "hidden[0]" };
  const char *const bad[] = { "c8", "ck3", "p", "p1", "x8", "c8k3x" };
  g_auto (NsConfig) config = { 0 };

  ns_config_init_default (&config);
  for (guint k = 0; k < G_N_ELEMENTS (refused); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GOptionContext) context = g_option_context_new (NULL);
      NsConfigOptions *options = ns_config_options_new ();
      g_auto (NsConfig) applied = { 0 };
      g_autofree char *field = NULL;
      g_autofree char *expected = NULL;
      char *args[] = { "test", "--hidden", (char *) refused[k], NULL };
      char **argv = args; /* GOption removes what it parses; nothing here is freed */
      int argc = 3;

      g_assert_true (ns_config_set_option (&config, "hidden", refused[k], NULL));
      g_assert_false (ns_config_check (&config, &field, &expected));
      g_assert_cmpstr (field, ==, fields[k]);
      g_assert_nonnull (strstr (expected, "conv and pool layers need image data"));

      g_option_context_add_group (context, ns_config_options_get_group (options));
      g_assert_true (g_option_context_parse (context, &argc, &argv, NULL));
      ns_config_init_default (&applied);
      g_assert_false (ns_config_options_apply (options, &applied, &error));
      g_assert_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION);
      g_assert_nonnull (strstr (error->message, "--hidden"));
      g_assert_nonnull (strstr (error->message, "conv and pool layers need image data"));
      ns_config_options_free (options);

      /* On image data the same layers pass the check. */
      g_assert_true (ns_config_set_option (&config, "dataset", "digits", NULL));
      g_clear_pointer (&field, g_free);
      g_clear_pointer (&expected, g_free);
      g_assert_true (ns_config_check (&config, &field, &expected));
      g_assert_true (ns_config_set_option (&config, "dataset", "circle", NULL));
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (ns_config_set_option (&config, "hidden", bad[k], &error));
      g_assert_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION);
      g_assert_null (strstr (error->message, "image data"));
    }
  g_assert_true (ns_config_set_option (&config, "hidden", "8,8", NULL));
  g_assert_cmpuint (config.n_layers, ==, 2);
}

/* The option words and the layer specs, both ways: --hidden and --activation fill the specs,
 * refused words leave them as they were, and the specs give the words back. */
static void
test_layer_specs (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autofree char *hidden = NULL, *acts = NULL, *none = NULL;
  const NnLayerSpec conv = { NN_LAYER_CONV2D, 8, 3, NN_ACT_RELU };
  const NnLayerSpec pool = { NN_LAYER_MAX_POOL, 0, 2, NN_ACT_LINEAR };
  g_autofree char *conv_word = ns_layer_spec_to_word (&conv);
  g_autofree char *pool_word = ns_layer_spec_to_word (&pool);

  ns_config_init_default (&config);
  g_assert_cmpuint (config.n_layers, ==, 2);
  g_assert_cmpint (config.layers[1].kind, ==, NN_LAYER_DENSE);
  g_assert_cmpuint (config.layers[1].units, ==, 2);
  g_assert_cmpint (config.layers[1].act, ==, NN_ACT_TANH);

  g_assert_true (ns_config_set_option (&config, "hidden", "6,4,3", NULL));
  g_assert_true (ns_config_set_option (&config, "activation", "relu,tanh,sigmoid", NULL));
  g_assert_cmpuint (config.n_layers, ==, 3);
  g_assert_cmpuint (config.layers[0].units, ==, 6);
  g_assert_cmpint (config.layers[2].act, ==, NN_ACT_SIGMOID);
  hidden = ns_config_hidden_to_string (&config);
  acts = ns_config_activations_to_string (&config);
  g_assert_cmpstr (hidden, ==, "6,4,3");
  g_assert_cmpstr (acts, ==, "relu,tanh,sigmoid");

  /* A refused list changes nothing; a new list takes the first layer's activation. */
  g_assert_false (ns_config_set_option (&config, "hidden", "5,c8", NULL));
  g_assert_cmpuint (config.n_layers, ==, 3);
  g_assert_cmpuint (config.layers[0].units, ==, 6);
  g_assert_false (ns_config_set_option (&config, "activation", "relu,softmax,tanh", NULL));
  g_assert_cmpint (config.layers[1].act, ==, NN_ACT_TANH);
  g_assert_true (ns_config_set_option (&config, "hidden", "9,9", NULL));
  g_assert_cmpint (config.layers[1].act, ==, NN_ACT_RELU);
  g_assert_true (ns_config_set_option (&config, "hidden", "none", NULL));
  none = ns_config_hidden_to_string (&config);
  g_assert_cmpstr (none, ==, "none");

  g_assert_cmpstr (conv_word, ==, "c8k3");
  g_assert_cmpstr (pool_word, ==, "p2");
  g_assert_true (ns_layer_kind_has_activation (NN_LAYER_CONV2D));
  g_assert_false (ns_layer_kind_has_activation (NN_LAYER_MAX_POOL));
}

/* The experiment's edits change the specs the network is built from. */
static void
test_edits_change_specs (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("hidden", "3,2", NULL);
  const NsConfig *config = ns_experiment_get_config (exp);
  g_autofree char *after = NULL;

  g_assert_true (ns_experiment_add_layer (exp, 1, 5));
  g_assert_true (ns_experiment_set_activation (exp, 2, NN_ACT_RELU));
  g_assert_true (ns_experiment_add_neuron (exp, 0));
  g_assert_true (ns_experiment_set_width (exp, 2, 4));
  after = ns_config_hidden_to_string (config);
  g_assert_cmpstr (after, ==, "4,5,4");
  for (guint h = 0; h < config->n_layers; h++)
    {
      NnLayerSpec spec = nn_net_layer_spec (ns_experiment_get_net (exp), h);
      g_assert_cmpint (spec.kind, ==, config->layers[h].kind);
      g_assert_cmpuint (spec.units, ==, config->layers[h].units);
      g_assert_cmpint (spec.act, ==, config->layers[h].act);
    }
  g_assert_true (ns_experiment_remove_layer (exp, 0));
  g_assert_cmpuint (config->n_layers, ==, 2);
  g_assert_cmpint (config->layers[1].act, ==, NN_ACT_RELU);
  while (ns_experiment_can_undo (exp))
    g_assert_true (ns_experiment_undo (exp));
  g_clear_pointer (&after, g_free);
  after = ns_config_hidden_to_string (config);
  g_assert_cmpstr (after, ==, "3,2");
}

/* Image data reaches the network as an image: its input is the image's shape; going to plane
 * data and back rebuilds the network for each, and training goes on. */
static void
test_image_data (void)
{
  const char *options[] = { "dataset", "digits", "hidden", "16", "optimizer", "adam", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const NnNet *net = ns_experiment_get_net (exp);
  const NsConfig *config = ns_experiment_get_config (exp);

  g_assert_false (ns_config_is_plane (config));
  g_assert_true (ns_config_is_image (config));
  g_assert_cmpuint (net->input.channels, ==, 1);
  g_assert_cmpuint (net->input.height, ==, 8);
  g_assert_cmpuint (net->input.width, ==, 8);
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, 1437);
  ns_experiment_step (exp, 50);
  g_assert_true (isfinite (ns_experiment_get_last (exp)->train_loss));

  ns_experiment_set_data (exp, NS_DATASET_CIRCLE, 0.0, 0.5, 0);
  net = ns_experiment_get_net (exp);
  g_assert_true (ns_config_is_plane (config));
  g_assert_cmpuint (net->n_inputs, ==, 2);
  g_assert_cmpuint (net->input.height, ==, 1);
  g_assert_cmpuint (config->n_layers, ==, 1);
  ns_experiment_step (exp, 10);

  ns_experiment_set_data (exp, NS_DATASET_APPLES, 0.0, 0.5, 100);
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->input.channels, ==, 3);
  g_assert_cmpuint (net->input.height, ==, 16);
  g_assert_cmpuint (
      ns_experiment_get_dataset (exp)->n_train + ns_experiment_get_dataset (exp)->n_test, ==, 100);
  ns_experiment_step (exp, 10);
  g_assert_true (isfinite (ns_experiment_get_last (exp)->train_loss));

  /* A folder is known by its path's last separator, whether it is there or not (a saved
   * experiment keeps its images). */
  {
    g_auto (NsConfig) folder = { 0 };
    g_autofree char *tmp = g_dir_make_tmp ("ns-folder-XXXXXX", NULL);

    ns_config_init_default (&folder);
    g_assert_true (ns_config_set_option (&folder, "data", "/no/such/images/", NULL));
    g_assert_true (ns_config_is_image_folder (&folder));
    g_assert_true (ns_config_is_image (&folder));
    g_assert_false (ns_config_is_plane (&folder));
    g_assert_true (ns_config_set_option (&folder, "data", "points.csv", NULL));
    g_assert_false (ns_config_is_image_folder (&folder));
    g_assert_false (ns_config_is_image (&folder));
    g_assert_true (ns_config_set_option (&folder, "data", tmp, NULL));
    g_assert_true (ns_config_is_image_folder (&folder));
    g_assert_true (g_str_has_prefix (folder.data_path, tmp));
    g_rmdir (tmp);
  }

  /* Clicked points have no place in an image. */
  {
    guint before = ns_experiment_get_dataset (exp)->n_train;

    ns_experiment_add_point (exp, 0.5, 0.5, 1.0f);
    g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, before);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment/spiral-example", test_spiral_example);
  g_test_add_func ("/experiment/image-data", test_image_data);
  g_test_add_func ("/experiment/regression-plane", test_regression_plane);
  g_test_add_func ("/experiment/history", test_history);
  g_test_add_func ("/experiment/uneven-epoch", test_uneven_epoch);
  g_test_add_func ("/experiment/determinism", test_determinism);
  g_test_add_func ("/experiment/reset-noise-regenerate", test_reset_and_noise_keep_initial_weights);
  g_test_add_func ("/experiment/divergence", test_divergence);
  g_test_add_func ("/experiment/edits-keep-weights", test_edits_keep_weights);
  g_test_add_func ("/experiment/undo", test_undo);
  g_test_add_func ("/experiment/file-then-generated", test_file_then_generated);
  g_test_add_func ("/experiment/points", test_points);
  g_test_add_func ("/experiment/eval-plane", test_eval_plane);
  g_test_add_func ("/experiment/hidden-grammar", test_hidden_grammar);
  g_test_add_func ("/experiment/layer-specs", test_layer_specs);
  g_test_add_func ("/experiment/edits-change-specs", test_edits_change_specs);

  return g_test_run ();
}
