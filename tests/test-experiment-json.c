/* test-experiment-json.c: save, load, go on bit-identically; bad files rejected with messages. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ns-experiment.h"
#include "ns-test-experiment.h"

static char *tmpdir;

static gboolean
same_number (double x, double y)
{
  return x == y || (isnan (x) && isnan (y));
}

static void
assert_same_run (NsExperiment *a, NsExperiment *b)
{
  const NnNet *na = ns_experiment_get_net (a);
  const NnNet *nb = ns_experiment_get_net (b);
  guint ha_len, hb_len;
  const NsHistoryEntry *ha = ns_experiment_get_history (a, &ha_len);
  const NsHistoryEntry *hb = ns_experiment_get_history (b, &hb_len);

  g_assert_cmpuint (na->n_params, ==, nb->n_params);
  g_assert_cmpmem (na->params, na->n_params * sizeof (float), nb->params,
                   nb->n_params * sizeof (float));
  g_assert_cmpmem (na->opt_m, na->n_params * sizeof (float), nb->opt_m,
                   nb->n_params * sizeof (float));
  g_assert_cmpmem (na->opt_v, na->n_params * sizeof (float), nb->opt_v,
                   nb->n_params * sizeof (float));
  g_assert_cmpuint (ns_experiment_get_step (a), ==, ns_experiment_get_step (b));
  g_assert_cmpuint (ha_len, ==, hb_len);
  /* memcmp would treat two NaNs with one bit pattern as equal too; compare as numbers. */
  for (guint k = 0; k < ha_len; k++)
    {
      g_assert_cmpuint (ha[k].step, ==, hb[k].step);
      g_assert_true (ha[k].test_loss == hb[k].test_loss
                     || (isnan (ha[k].test_loss) && isnan (hb[k].test_loss)));
      g_assert_true (ha[k].train_accuracy == hb[k].train_accuracy
                     || (isnan (ha[k].train_accuracy) && isnan (hb[k].train_accuracy)));
    }

  /* The numbers on screen: the network as the last edit left it, or the last epoch's. */
  {
    const NsHistoryEntry *ca = ns_experiment_get_current (a);
    const NsHistoryEntry *cb = ns_experiment_get_current (b);

    g_assert_cmpuint (ca->epoch, ==, cb->epoch);
    g_assert_cmpuint (ca->step, ==, cb->step);
    g_assert_true (same_number (ca->train_loss, cb->train_loss));
    g_assert_true (same_number (ca->train_accuracy, cb->train_accuracy));
    g_assert_true (same_number (ca->test_loss, cb->test_loss));
    g_assert_true (same_number (ca->test_accuracy, cb->test_accuracy));
  }

  /* Gradient health, rows and the running sums behind the next one. */
  {
    guint ea, eb, la, lb, fa, fb;
    const double *ga = ns_experiment_get_gradient_health (a, &ea, &la, &fa);
    const double *gb = ns_experiment_get_gradient_health (b, &eb, &lb, &fb);

    g_assert_cmpuint (ea, ==, eb);
    g_assert_cmpuint (la, ==, lb);
    g_assert_cmpuint (fa, ==, fb);
    for (guint k = 0; k < ea * la; k++)
      g_assert_true (ga[k] == gb[k] || (isnan (ga[k]) && isnan (gb[k])));
  }
}

static void
round_trip (const char *const *options, guint64 before, guint64 after)
{
  g_autoptr (NsExperiment) a = new_experiment (options);
  g_autoptr (NsExperiment) b = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "run.json", NULL);

  ns_experiment_step (a, before);
  ns_experiment_add_point (a, 0.5, -0.5, 1.0f); /* an added point travels too */
  g_assert_true (ns_experiment_save (a, path, &error));
  g_assert_no_error (error);

  b = ns_experiment_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
  assert_same_run (a, b);
  g_assert_cmpuint (ns_experiment_get_dataset (b)->n_train, ==,
                    ns_experiment_get_dataset (a)->n_train);

  ns_experiment_step (a, after);
  ns_experiment_step (b, after);
  assert_same_run (a, b);
}

static void
test_round_trip_sgd (void)
{
  const char *options[] = { "dataset", "spiral", "hidden", "6,4", "seed", "3", NULL };
  round_trip (options, 37, 300); /* saved in the middle of an epoch */
}

static void
test_round_trip_adam_softmax (void)
{
  const char *options[] = { "dataset", "spiral3", "hidden", "8",  "activation", "relu", "optimizer",
                            "adam",    "lr",      "0.01",   "l2", "0.001",      NULL };
  round_trip (options, 55, 200);
}

static void
test_round_trip_regression_momentum (void)
{
  const char *options[] = { "dataset",   "reg-gauss", "hidden",   "5,5",
                            "optimizer", "momentum",  "features", "x1,x2,x1sq,r,angle",
                            "l1",        "0.0001",    NULL };
  round_trip (options, 12, 100);
}

/* A diverged run has NaN losses: they must survive the trip (json-glib alone cannot). */
static void
test_round_trip_nonfinite (void)
{
  const char *options[] = { "dataset", "reg-gauss", "hidden", "8,8", "activation",
                            "relu",    "lr",        "10",     NULL };
  g_autoptr (NsExperiment) a = new_experiment (options);
  g_autoptr (NsExperiment) b = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  ns_experiment_step (a, 100000);
  g_assert_true (ns_experiment_get_diverged (a));
  json = ns_experiment_to_json (a);
  b = ns_experiment_new_from_json (json, "mem.json", &error);
  g_assert_no_error (error);
  g_assert_true (ns_experiment_get_diverged (b));
  assert_same_run (a, b);
}

static void
expect_error (const char *json, int code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = ns_experiment_new_from_json (json, "/some/where.json", &error);

  g_assert_null (exp);
  g_assert_error (error, NS_EXPERIMENT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "/some/where.json"));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
}

/* Replaces the first occurrence of @from in @json by @to. */
static char *
edit (const char *json, const char *from, const char *to)
{
  const char *at = strstr (json, from);
  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - json), json, to, at + strlen (from));
}

/* After an edit since the last epoch's end, the numbers on screen describe the edited network,
 * not the history's last entry: a saved run keeps them (format "current"); a file without it
 * (written before, or at an epoch's end) loads with the history's last entry as current. */
static void
test_round_trip_current (void)
{
  const char *options[] = { "dataset", "spiral", "hidden", "8,8,8", "seed", "5", NULL };
  g_autoptr (NsExperiment) a = new_experiment (options);
  g_autoptr (NsExperiment) b = NULL;
  g_autoptr (NsExperiment) old = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *without = NULL;
  g_autofree char *bad_epoch = NULL;
  const NsHistoryEntry *last;
  char *at;

  ns_experiment_step (a, 10 * ns_experiment_get_steps_per_epoch (a));
  g_assert_true (ns_experiment_remove_neuron (a, 1));
  last = ns_experiment_get_last (a);
  g_assert_true (ns_experiment_get_current (a)->train_loss != last->train_loss);

  json = ns_experiment_to_json (a);
  g_assert_nonnull (strstr (json, "\"current\""));
  b = ns_experiment_new_from_json (json, "edited.json", &error);
  g_assert_no_error (error);
  assert_same_run (a, b);
  g_assert_true (ns_experiment_get_current (b)->train_loss
                 != ns_experiment_get_last (b)->train_loss);

  /* An older file: the same text without "current" (the writer puts it last in "training"'s
   * neighbourhood, after "history"). */
  at = strstr (json, ",\n \"current\"");
  g_assert_nonnull (at);
  {
    const char *end = strchr (at, '}');
    g_assert_nonnull (end);
    without = g_strdup_printf ("%.*s%s", (int) (at - json), json, end + 1);
  }
  old = ns_experiment_new_from_json (without, "old.json", &error);
  g_assert_no_error (error);
  g_assert_true (ns_experiment_get_current (old) == ns_experiment_get_last (old));

  /* A "current" from another epoch than the run's is refused, naming it. */
  {
    g_autofree char *epoch = g_strdup_printf ("\"epoch\" : %u", ns_experiment_get_epoch (a));
    g_autofree char *other = g_strdup_printf ("\"epoch\" : %u", ns_experiment_get_epoch (a) + 1);
    const char *current = strstr (json, "\"current\"");
    g_autofree char *tail = edit (current, epoch, other);

    bad_epoch = g_strdup_printf ("%.*s%s", (int) (current - json), json, tail);
  }
  g_clear_object (&b);
  b = ns_experiment_new_from_json (bad_epoch, "/some/where.json", &error);
  g_assert_null (b);
  g_assert_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD);
  g_assert_nonnull (strstr (error->message, "current.epoch"));
}

/* Image data: its shape travels with the data, the network's input keeps it. */
static void
test_round_trip_digits (void)
{
  const char *options[] = { "dataset", "digits", "hidden", "12", "optimizer", "adam",
                            "lr",      "0.01",   "seed",   "4",  NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  g_autoptr (NsExperiment) back = NULL;
  g_autofree char *json = NULL;
  const NsDataset *data;
  g_autoptr (GError) error = NULL;

  round_trip (options, 150, 160);

  json = ns_experiment_to_json (exp);
  back = ns_experiment_new_from_json (json, "digits.json", &error);
  g_assert_no_error (error);
  data = ns_experiment_get_dataset (back);
  g_assert_cmpuint (ns_experiment_get_config (back)->dataset, ==, NS_DATASET_DIGITS);
  g_assert_cmpuint (data->image_channels, ==, 1);
  g_assert_cmpuint (data->image_height, ==, 8);
  g_assert_cmpuint (data->image_width, ==, 8);
  g_assert_cmpuint (ns_experiment_get_net (back)->input.height, ==, 8);
  g_assert_cmpuint (ns_experiment_get_net (back)->input.width, ==, 8);

  /* A shape that does not hold the inputs, or is no shape, is refused by name. */
  {
    g_autofree char *wrong = edit (json, "\"image\" : [", "\"image\" : [2, 8, 8, ");
    g_autofree char *wrong2 = edit (json, "\"image\" : [", "\"image\" : [0.5, ");
    g_autofree char *not_array = edit (json, "\"image\" : [", "\"image\" : 64, \"x\" : [");
    g_autofree char *big = edit (json, "\"image\" : [\n   1,", "\"image\" : [\n   1e30,");

    expect_error (wrong, NS_EXPERIMENT_ERROR_BAD_FIELD, "data.image");
    expect_error (wrong2, NS_EXPERIMENT_ERROR_BAD_FIELD, "data.image");
    expect_error (not_array, NS_EXPERIMENT_ERROR_BAD_FIELD, "data.image");
    expect_error (big, NS_EXPERIMENT_ERROR_BAD_FIELD, "data.image");
  }
}

static void
test_bad_files (void)
{
  g_autoptr (NsExperiment) exp = new_experiment (NULL);
  g_autofree char *json = ns_experiment_to_json (exp);
  g_autofree char *future = edit (json, "\"format_version\" : 1", "\"format_version\" : 2");
  g_autofree char *no_hidden = edit (json, "\"hidden\"", "\"hidder\"");
  g_autofree char *bad_act = edit (json, "\"tanh\"", "\"swish\"");
  g_autofree char *bad_lr = edit (json, "\"lr\" :", "\"lr\" : \"fast\", \"x\" :");
  g_autofree char *short_params = edit (json, "\"params\" : [", "\"params\" : [1,");
  g_autofree char *bad_grads = edit (json, "\"values\" : [", "\"values\" : [1");
  g_autoptr (GError) error = NULL;

  expect_error ("this is not json", NS_EXPERIMENT_ERROR_PARSE, NULL);
  expect_error ("[1, 2]", NS_EXPERIMENT_ERROR_PARSE, NULL);
  expect_error ("{}", NS_EXPERIMENT_ERROR_BAD_FIELD, "format_version");
  expect_error (future, NS_EXPERIMENT_ERROR_VERSION, "format_version 2");
  expect_error (no_hidden, NS_EXPERIMENT_ERROR_BAD_FIELD, "config.hidden");
  expect_error (bad_act, NS_EXPERIMENT_ERROR_BAD_FIELD, "config.activation[0]");
  expect_error (bad_lr, NS_EXPERIMENT_ERROR_BAD_FIELD, "config.lr");
  expect_error (short_params, NS_EXPERIMENT_ERROR_BAD_FIELD, "network.params");
  expect_error (bad_grads, NS_EXPERIMENT_ERROR_BAD_FIELD, "gradient_health.values");

  /* And the unchanged text loads. */
  g_clear_object (&exp);
  exp = ns_experiment_new_from_json (json, "ok.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (exp);
}

/* A file written by the format_version 1 writer (before layers had a kind), kept as it was
 * saved by `neuroscope train --dataset spiral --hidden 6,4 --activation tanh,relu
 * --optimizer adam --epochs 5 --save`: it loads into the same run as training those options
 * afresh, and goes on identically. Its numbers were saved again (the same command, the
 * layers' "kind" left out as before) each time issue 11 changed the engine's tanh (twice): a
 * run with a tanh layer differs in its last bits from then on. */
static void
test_version_1_file (void)
{
  const char *options[] = { "dataset",   "spiral",    "hidden", "6,4", "activation",
                            "tanh,relu", "optimizer", "adam",   NULL };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "v1-spiral.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) saved = ns_experiment_load (path, &error);
  g_autoptr (NsExperiment) fresh = new_experiment (options);
  const NsConfig *config;

  g_assert_no_error (error);
  g_assert_nonnull (saved);
  config = ns_experiment_get_config (saved);
  g_assert_cmpuint (nn_net_n_hidden (ns_experiment_get_net (saved)), ==, 2);
  g_assert_cmpuint (nn_net_layer_width (ns_experiment_get_net (saved), 0), ==, 6);
  g_assert_cmpuint (nn_net_layer_width (ns_experiment_get_net (saved), 1), ==, 4);
  g_assert_cmpint (nn_net_layer_activation (ns_experiment_get_net (saved), 0), ==, NN_ACT_TANH);
  g_assert_cmpint (nn_net_layer_activation (ns_experiment_get_net (saved), 1), ==, NN_ACT_RELU);
  g_assert_cmpint (config->trainer.optimizer, ==, NN_OPT_ADAM);

  ns_experiment_step (fresh, 5 * ns_experiment_get_steps_per_epoch (fresh));
  g_assert_cmpuint (ns_experiment_get_step (saved), ==, 125);
  assert_same_run (saved, fresh);
  ns_experiment_step (saved, 40);
  ns_experiment_step (fresh, 40);
  assert_same_run (saved, fresh);
}

/* network.layers holds the layer specs, kind and all; config.hidden and config.activation the
 * option words, whose layer words ("6") read as their numbers do. */
static void
test_layer_specs (void)
{
  const char *options[] = { "hidden", "6,4", "activation", "tanh,relu", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  g_autofree char *json = ns_experiment_to_json (exp);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) words = NULL;
  g_autofree char *hidden = NULL;
  JsonObject *root, *layer;
  JsonArray *layers;
  g_autofree char *as_words = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  layers = json_object_get_array_member (json_object_get_object_member (root, "network"), "layers");
  g_assert_cmpuint (json_array_get_length (layers), ==, 2);
  layer = json_array_get_object_element (layers, 1);
  g_assert_cmpuint (json_object_get_size (layer), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (layer, "kind"), ==, "dense");
  g_assert_cmpint (json_object_get_int_member (layer, "width"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (layer, "activation"), ==, "relu");
  g_assert_cmpint (
      json_array_get_int_element (
          json_object_get_array_member (json_object_get_object_member (root, "config"), "hidden"),
          0),
      ==, 6);

  as_words = edit (json, "\"hidden\" : [\n   6,\n   4\n  ]", "\"hidden\" : [\"6\", \"4\"]");
  words = ns_experiment_new_from_json (as_words, "words.json", &error);
  g_assert_no_error (error);
  hidden = ns_config_hidden_to_string (ns_experiment_get_config (words));
  g_assert_cmpstr (hidden, ==, "6,4");
  assert_same_run (exp, words);
}

static void
test_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "nope.json", NULL);
  g_autoptr (NsExperiment) exp = ns_experiment_load (path, &error);

  g_assert_null (exp);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("neuroscope-json-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/experiment-json/round-trip-sgd", test_round_trip_sgd);
  g_test_add_func ("/experiment-json/round-trip-adam-softmax", test_round_trip_adam_softmax);
  g_test_add_func ("/experiment-json/round-trip-regression-momentum",
                   test_round_trip_regression_momentum);
  g_test_add_func ("/experiment-json/round-trip-nonfinite", test_round_trip_nonfinite);
  g_test_add_func ("/experiment-json/round-trip-current", test_round_trip_current);
  g_test_add_func ("/experiment-json/round-trip-digits", test_round_trip_digits);
  g_test_add_func ("/experiment-json/bad-files", test_bad_files);
  g_test_add_func ("/experiment-json/missing-file", test_missing_file);
  g_test_add_func ("/experiment-json/version-1-file", test_version_1_file);
  g_test_add_func ("/experiment-json/layer-specs", test_layer_specs);

  status = g_test_run ();
  {
    g_autofree char *path = g_build_filename (tmpdir, "run.json", NULL);
    g_unlink (path);
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return status;
}
