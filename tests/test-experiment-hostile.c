/* test-experiment-hostile.c: files that cannot hurt. Saved experiments with bad sizes, types,
 * non-finite numbers, truncations, deep nesting; every crash the fuzzers found; devices instead
 * of files: each is refused with the path and the field, never a crash (run it under ASan).
 * And what is saved reads back bit for bit, and saving keeps the target's mode and links. */
#include <float.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ns-experiment-private.h"
#include "ns-experiment.h"
#include "ns-test-experiment.h"

static char *tmpdir;

/* A small real saved experiment: generated xor data, one hidden layer, a few steps. */
static char *
base_json (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "count", "20", "hidden", "2", NULL);

  ns_experiment_train_epochs (exp, 2);
  return ns_experiment_to_json (exp);
}

/* @json with the member at @path ("data.extent", "data.train_x[3]") replaced by @literal,
 * written verbatim (so that literals json-glib would mangle, such as -2^64+4, reach the
 * reader as they are); @literal NULL removes the member. */
static char *
mutate (const char *json, const char *path, const char *literal)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);
  g_autofree char *text = NULL;
  JsonNode *node;
  guint n = g_strv_length (parts);

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  node = json_parser_get_root (parser);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *name = g_strdup (parts[k]);
      char *bracket = strchr (name, '[');
      int index = -1;
      JsonObject *obj = json_node_get_object (node);

      if (bracket != NULL)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }
      g_assert_true (json_object_has_member (obj, name));
      if (k + 1 == n && index < 0)
        {
          if (literal == NULL)
            json_object_remove_member (obj, name);
          else
            json_object_set_string_member (obj, name, "@VALUE@");
          break;
        }
      node = json_object_get_member (obj, name);
      if (index >= 0)
        {
          JsonArray *array = json_node_get_array (node);

          g_assert_cmpuint (index, <, json_array_get_length (array));
          if (k + 1 == n)
            {
              json_node_set_string (json_array_get_element (array, index), "@VALUE@");
              break;
            }
          node = json_array_get_element (array, index);
        }
    }
  json_generator_set_root (gen, json_parser_get_root (parser));
  text = json_generator_to_data (gen, NULL);
  if (literal == NULL)
    return g_steal_pointer (&text);
  {
    g_auto (GStrv) pieces = g_strsplit (text, "\"@VALUE@\"", -1);

    g_assert_cmpuint (g_strv_length (pieces), ==, 2);
    return g_strjoinv (literal, pieces);
  }
}

static char *
write_temp (const char *name, const char *text, gssize length)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return path;
}

/* Loads @text from a file and expects a refusal naming the file and @field. */
static void
assert_refused (const char *text, gssize length, const char *field)
{
  g_autofree char *path = write_temp ("hostile.json", text, length);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = ns_experiment_load (path, &error);

  if (exp != NULL)
    g_error ("accepted a file with a bad %s", field);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  if (field != NULL && strstr (error->message, field) == NULL)
    g_error ("expected the message to name %s: %s", field, error->message);
  g_unlink (path);
}

/* Loads @text and, if it loads, trains a step and saves and loads it again: no crash either
 * way, and a refusal names the file. */
static void
assert_harmless (const char *text, gssize length, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = NULL;
  g_autofree char *path = write_temp (name, text, length);

  exp = ns_experiment_load (path, &error);
  if (exp == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, path));
    }
  else
    {
      g_autofree char *saved = NULL;
      g_autoptr (NsExperiment) again = NULL;

      ns_experiment_step (exp, 1);
      saved = ns_experiment_to_json (exp);
      again = ns_experiment_new_from_json (saved, "again.json", &error);
      g_assert_no_error (error);
    }
  g_unlink (path);
}

static void
test_fields (void)
{
  /* path, literal written there (NULL: member removed), field the message must name */
  static const char *const cases[][3] = {
    { "format_version", "2", "format_version 2" },
    { "format_version", "-1", "format_version" },
    { "config", NULL, "config" },
    { "config", "[]", "config" },
    { "config.batch", "-18446744073709551612", "config.batch" },
    { "config.batch", "18446744073709551620", "config.batch" },
    { "config.batch", "0", "config.batch" },
    { "config.batch", "1e9", "config.batch" },
    { "config.count", "5", "config.count" },
    { "config.noise", "\"nan\"", "config.noise" },
    { "config.lr", "\"x\"", "config.lr" },
    { "config.hidden", "[1000000000]", "config.hidden[0]" },
    { "config.hidden", "[-2]", "config.hidden[0]" },
    { "config.hidden", "[2, 2]", "config.activation" },
    { "config.hidden[0]", "1024", "network.params" },
    /* The command line's limits (ns_config_check), each blaming its own field. */
    { "config.hidden[0]", "4096", "config.hidden[0]: expected a layer width from 1 to 1024" },
    { "config.hidden[0]", "1025", "config.hidden[0]" },
    { "config.hidden", "[0, 0]", "config.hidden[0]" },
    { "config.hidden", "[4, 0]", "config.hidden[1]" },
    { "config.hidden", "[\"c300k3\"]", "config.hidden[0]" },
    { "config.lr", "-1", "config.lr: expected a number from 1e-06 to 10" },
    { "config.lr", "0", "config.lr" },
    { "config.lr", "11", "config.lr" },
    { "config.lr", "\"nan\"", "config.lr" },
    { "config.reg_rate", "-0.5", "config.reg_rate" },
    { "config.reg_rate", "11", "config.reg_rate" },
    { "config.clip", "-1", "config.clip" },
    { "config.clip", "\"inf\"", "config.clip" },
    { "config.momentum", "1", "config.momentum" },
    { "config.momentum", "-0.1", "config.momentum" },
    { "config.beta1", "1.5", "config.beta1" },
    { "config.beta2", "1", "config.beta2" },
    { "config.epsilon", "0", "config.epsilon" },
    { "config.ratio", "0.95", "config.ratio" },
    { "config.count", "100001", "config.count" },
    { "config.batch", "1001", "config.batch" },
    { "config.features", "\"x1,x2,x1sq\"", "network.params" },
    { "config.seed", "-1", "config.seed" },
    { "data", "\"data\"", "data" },
    { "data.inputs", "3", "data.input_names" },
    { "data.inputs", "-1", "data.inputs" },
    { "data.inputs", "1e300", "data.inputs" },
    { "data.input_names", "[\"a\", \"b\", \"c\"]", "data.input_names" },
    { "data.classes", "1", "data.classes" },
    { "data.classes", "17", "data.classes" },
    { "data.class_names", "[\"0\"]", "data.class_names" },
    { "data.mean[0]", "\"inf\"", "data.mean[0]" },
    { "data.scale[1]", "0", "data.scale[1]" },
    { "data.scale", "[1]", "data.scale" },
    { "data.extent[0]", "\"nan\"", "data.extent[0]" },
    { "data.extent[2]", "1e300", "data.extent[2]" },
    { "data.extent", "[1, 0, 0, 1]", "data.extent" },
    { "data.extent", "[0, 1]", "data.extent" },
    { "data.train_x", "[]", "data.train_y" },
    { "data.train_x", "[1]", "data.train_x" },
    { "data.train_x", "{}", "data.train_x" },
    { "data.train_x[3]", "\"nan\"", "data.train_x[3]" },
    { "data.train_x[4]", "\"-inf\"", "data.train_x[4]" },
    { "data.train_x[5]", "1e39", "data.train_x[5]" },
    { "data.train_y", "[0]", "data.train_y" },
    { "data.train_y[0]", "7", "data.train_y" },
    { "data.train_y[0]", "0.5", "data.train_y" },
    { "data.test_y", "[]", "data.test_y" },
    { "data.test_y[0]", "\"nan\"", "data.test_y[0]" },
    { "network", NULL, "network" },
    { "network.params", "[]", "network.params" },
    { "network.params", "7", "network.params" },
    { "network.params[0]", "\"one\"", "network.params[0]" },
    { "network.opt_m", "[1, 2]", "network.opt_m" },
    { "network.inputs", "3", "network.inputs" },
    { "network.outputs", "2", "network.outputs" },
    { "network.loss", "\"mse\"", "network.loss" },
    { "network.layers", "[]", "network.layers" },
    { "network.layers", "[7]", "network.layers[0]" },
    { "network.layers[0].width", "3", "network.layers[0]: expected the layer config.hidden[0]" },
    { "network.layers[0].width", "0", "network.layers[0].width" },
    { "network.layers[0].width", NULL, "network.layers[0].width" },
    { "network.layers[0].activation", "\"relu\"", "network.layers[0]: expected" },
    { "network.layers[0].activation", "\"softmax\"", "network.layers[0].activation" },
    { "network.layers[0].kind", "\"conv9\"", "network.layers[0].kind" },
    { "network.layers[0].kind", "\"max_pool\"", "network.layers[0].kernel" },
    { "network.layers[0].kind", "1", "network.layers[0].kind" },
    { "config.hidden[0]", "\"c8k3\"", "config.hidden[0]" },
    { "config.hidden[0]", "\"2,2\"", "config.hidden[0]" },
    { "network.updates", "\"-1\"", "network.updates" },
    { "training.step", "\"18446744073709551615\"", "training.step" },
    { "training.step", "\"0\"", "training.epoch" },
    { "training.epoch", "-3", "training.epoch" },
    { "training.diverged", "1", "training.diverged" },
    { "training.order", "[999]", "training.order" },
    { "training.order", "[-1]", "training.order" },
    { "training.position", "1000", "training.position" },
    { "history", "[]", "history" },
    { "history", "[1]", "history[0]" },
    { "history[0].train_loss", "[]", "history[0].train_loss" },
    { "gradient_health.layers", "99", "gradient_health.layers" },
    { "gradient_health.values", "[1, 2, 3]", "gradient_health.values" },
  };
  g_autofree char *json = base_json ();

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *text = mutate (json, cases[k][0], cases[k][1]);

      g_test_message ("%s = %s", cases[k][0], cases[k][1] ? cases[k][1] : "(removed)");
      assert_refused (text, -1, cases[k][2]);
    }
}

/* Generated data is a point of the plane: 3 inputs with 3 names and rows of 3 would have made
 * the features read past each point (ASan: heap-buffer-overflow in ns_features_compute). */
static void
test_plane_inputs (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "count", "10", "hidden", "2", NULL);
  g_autofree char *json = ns_experiment_to_json (exp);
  g_autofree char *a = mutate (json, "data.inputs", "3");
  g_autofree char *b = mutate (a, "data.input_names", "[\"x\", \"y\", \"z\"]");
  const NsDataset *d = ns_experiment_get_dataset (exp);
  g_autoptr (GString) rows = g_string_new ("[");
  g_autofree char *c = NULL;

  for (guint k = 0; k < d->n_train * 3; k++)
    g_string_append_printf (rows, "%s0.5", k ? ", " : "");
  g_string_append (rows, "]");
  c = mutate (b, "data.train_x", rows->str);
  {
    g_autofree char *e = mutate (c, "data.mean", "[0, 0, 0]");
    g_autofree char *f = mutate (e, "data.scale", "[1, 1, 1]");
    g_autoptr (GString) test_rows = g_string_new ("[");
    g_autofree char *g = NULL;

    for (guint k = 0; k < d->n_test * 3; k++)
      g_string_append_printf (test_rows, "%s0.5", k ? ", " : "");
    g_string_append (test_rows, "]");
    g = mutate (f, "data.test_x", test_rows->str);
    assert_refused (g, -1, "data.inputs");
  }
}

/* Every number of a real file, one at a time, made "nan", "inf", "-inf", a huge or a negative
 * number: refused by name or loaded and usable, never a crash. */
static void
test_every_number (void)
{
  static const char *const literals[] = { "\"nan\"", "\"inf\"", "\"-inf\"",
                                          "1e308",   "-1e308",  "-18446744073709551612" };
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "count", "10", "hidden", "1", NULL);
  g_autofree char *json = NULL;
  guint count = 0;

  ns_experiment_step (exp, 2);
  json = ns_experiment_to_json (exp);
  /* Number tokens, found in the text: each replaced in turn. */
  for (const char *p = json; *p != '\0'; p++)
    {
      gboolean in_number =
          (*p == '-' || g_ascii_isdigit (*p)) && (p == json || strchr (" [:\n", p[-1]) != NULL);
      const char *end = p;

      if (!in_number)
        continue;
      while (*end != '\0' && strchr ("0123456789+-.eE", *end) != NULL)
        end++;
      for (guint k = 0; k < G_N_ELEMENTS (literals); k++)
        {
          g_autofree char *text =
              g_strdup_printf ("%.*s%s%s", (int) (p - json), json, literals[k], end);

          assert_harmless (text, -1, "number.json");
        }
      count++;
      p = end - 1;
    }
  g_assert_cmpuint (count, >, 50);
}

static void
test_truncated (void)
{
  g_autofree char *json = base_json ();
  gsize length = strlen (json);

  for (gsize cut = 0; cut < length; cut += 100)
    assert_refused (json, (gssize) cut, NULL);
}

static void
test_deep (void)
{
  g_autoptr (GString) deep = g_string_new ("{\"format_version\": ");

  for (guint k = 0; k < 100000; k++)
    g_string_append_c (deep, k % 2 ? '[' : '{');
  assert_refused (deep->str, -1, "nested");
  /* Deep inside a string is no nesting. */
  {
    g_autofree char *json = base_json ();
    g_autofree char *brackets = g_strnfill (1000, '[');
    g_autofree char *literal = g_strdup_printf ("\"%s\"", brackets);
    g_autofree char *text = mutate (json, "data.name", literal);
    g_autofree char *path = write_temp ("deep-string.json", text, -1);
    g_autoptr (GError) error = NULL;
    g_autoptr (NsExperiment) exp = ns_experiment_load (path, &error);

    g_assert_no_error (error);
    g_assert_nonnull (exp);
    g_unlink (path);
  }
}

/* Sizes that would ask for far more memory than the file holds. */
static void
test_amplification (void)
{
  g_autofree char *json = base_json ();
  g_autoptr (GString) names = g_string_new ("[");
  g_autofree char *a = NULL, *b = NULL;

  for (guint k = 0; k < 4096; k++)
    g_string_append_printf (names, "%s\"c%u\"", k ? "," : "", k);
  g_string_append (names, "]");
  a = mutate (json, "data.inputs", "4096");
  b = mutate (a, "data.input_names", names->str);
  assert_refused (b, -1, "data.mean");
  /* 15 layers of 1024 (the widest --hidden allows): a net of 60 MB, for a file of a few
   * kilobytes. */
  {
    g_autofree char *c = mutate (json, "config.hidden",
                                 "[1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,"
                                 "1024,1024,1024,1024]");
    g_autofree char *d = mutate (c, "config.activation",
                                 "[\"tanh\",\"tanh\",\"tanh\",\"tanh\",\"tanh\",\"tanh\",\"tanh\","
                                 "\"tanh\",\"tanh\",\"tanh\",\"tanh\",\"tanh\",\"tanh\",\"tanh\","
                                 "\"tanh\"]");

    assert_refused (d, -1, "network.params");
  }
}

static void
test_not_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = ns_experiment_load ("/dev/zero", &error);

  g_assert_null (exp);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_true (g_str_has_prefix (error->message, "/dev/zero"));
  g_clear_error (&error);
  exp = ns_experiment_load (tmpdir, &error);
  g_assert_null (exp);
  g_assert_true (g_str_has_prefix (error->message, tmpdir));
  g_clear_error (&error);

  /* A CSV "file" that never ends. */
  {
    g_auto (NsConfig) config = { 0 };

    ns_config_init_default (&config);
    g_assert_true (ns_config_set_option (&config, "data", "/dev/zero", &error));
    exp = ns_experiment_new (&config, &error);
    g_assert_null (exp);
    g_assert_nonnull (error);
    g_assert_true (strstr (error->message, "/dev/zero") != NULL);
  }
}

/* Every file of @dir (the hostile corpus, the fuzzers' crashes): harmless. */
static void
replay_dir (const char *dir, gboolean csv, gboolean must_refuse)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GError) error = NULL;

      if (g_str_has_suffix (name, ".md"))
        continue;
      g_test_message ("%s", path);
      if (csv)
        {
          g_auto (NsConfig) config = { 0 };
          g_autoptr (NsExperiment) exp = NULL;

          ns_config_init_default (&config);
          g_assert_true (ns_config_set_option (&config, "data", path, &error));
          exp = ns_experiment_new (&config, &error);
          if (exp != NULL)
            ns_experiment_step (exp, 1);
          else
            g_assert_true (strstr (error->message, path) != NULL);
        }
      else
        {
          g_autofree char *text = NULL;
          gsize length;
          g_autoptr (NsExperiment) exp = NULL;

          g_assert_true (g_file_get_contents (path, &text, &length, NULL));
          if (must_refuse)
            {
              exp = ns_experiment_load (path, &error);
              if (exp != NULL)
                g_error ("%s: accepted", path);
              g_assert_true (g_str_has_prefix (error->message, path));
            }
          else
            assert_harmless (text, (gssize) length, "replay.json");
        }
      count++;
    }
  g_test_message ("%u files from %s", count, dir);
}

static void
test_corpus (void)
{
  g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "hostile", NULL);
  g_autofree char *crashes_json = g_test_build_filename (G_TEST_DIST, "fuzz", "crashes-json", NULL);
  g_autofree char *crashes_csv = g_test_build_filename (G_TEST_DIST, "fuzz", "crashes-csv", NULL);
  g_autofree char *seeds_json = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-json", NULL);
  g_autofree char *seeds_csv = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-csv", NULL);

  replay_dir (hostile, FALSE, TRUE);
  replay_dir (crashes_json, FALSE, FALSE);
  replay_dir (crashes_csv, TRUE, FALSE);
  replay_dir (seeds_json, FALSE, FALSE);
  replay_dir (seeds_csv, TRUE, FALSE);
}

/* Zero training rows: refused, rather than `train` waiting for a step for ever. */
static void
test_no_training_rows (void)
{
  g_autofree char *csv = write_temp ("two.csv", "a,label\n1,x\n2,y\n", -1);
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = NULL;

  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "data", csv, &error));
  g_assert_true (ns_config_set_option (&config, "ratio", "0.1", &error));
  exp = ns_experiment_new (&config, &error);
  g_assert_null (exp);
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, csv) != NULL);
  g_assert_true (strstr (error->message, "training") != NULL);
  g_unlink (csv);
}

static guint64
bits (double x)
{
  guint64 b;

  memcpy (&b, &x, sizeof b);
  return b;
}

/* Saved numbers read back bit for bit: a CSV whose columns hold extreme values (json-glib 1.6
 * wrote 1e20 as `1e+20.0` and refused it), and a history with doubles beyond float range. */
static void
test_extreme_numbers (void)
{
  static const char *const columns[] = {
    "1e20",
    "2e17",
    "-0.0",
    "1e-45",
    "4.9406564584124654e-324",
    "1e-300",
    "3.4028234663852886e38",
    "1e16",
    "123456789012345678",
    "-2.5e-310",
  };
  g_autoptr (GString) csv = g_string_new ("");
  g_autofree char *csv_path = NULL;
  g_autofree char *save_path = g_build_filename (tmpdir, "extreme.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) a = NULL;
  g_autoptr (NsExperiment) b = NULL;
  g_auto (NsConfig) config = { 0 };
  const NsDataset *da, *db;

  /* Constant columns: the mean is the value itself, as a double. */
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_string_append_printf (csv, "c%u,", c);
  g_string_append (csv, "label\n");
  for (guint row = 0; row < 8; row++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        g_string_append_printf (csv, "%s,", columns[c]);
      g_string_append_printf (csv, "%u\n", row % 2);
    }
  csv_path = write_temp ("extreme.csv", csv->str, -1);
  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "data", csv_path, &error));
  a = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  g_assert_true (ns_experiment_save (a, save_path, &error));
  g_assert_no_error (error);
  b = ns_experiment_load (save_path, &error);
  g_assert_no_error (error);
  da = ns_experiment_get_dataset (a);
  db = ns_experiment_get_dataset (b);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_assert_cmphex (bits (da->mean[c]), ==, bits (g_ascii_strtod (columns[c], NULL)));
      g_assert_cmphex (bits (da->mean[c]), ==, bits (db->mean[c]));
      g_assert_cmphex (bits (da->scale[c]), ==, bits (db->scale[c]));
    }
  g_assert_cmphex (bits (da->x_min), ==, bits (db->x_min));
  g_assert_cmphex (bits (da->y_max), ==, bits (db->y_max));

  /* Doubles beyond float range, in the history. */
  {
    static const char *const values[] = {
      "1e300", "-1e-300", "5e-324", "1e20", "2e17", "-0.0", "1.7976931348623157e308"
    };
    g_autofree char *json = ns_experiment_to_json (a);

    for (guint k = 0; k < G_N_ELEMENTS (values); k++)
      {
        g_autofree char *text = mutate (json, "history[0].train_loss", values[k]);
        g_autoptr (NsExperiment) c = ns_experiment_new_from_json (text, "h.json", &error);
        g_autofree char *saved = NULL;
        g_autoptr (NsExperiment) d = NULL;
        const NsHistoryEntry *h;

        g_assert_no_error (error);
        saved = ns_experiment_to_json (c);
        d = ns_experiment_new_from_json (saved, "h2.json", &error);
        g_assert_no_error (error);
        h = ns_experiment_get_history (d, NULL);
        g_assert_cmphex (bits (h[0].train_loss), ==, bits (g_ascii_strtod (values[k], NULL)));
      }
    /* What json-glib 1.6 wrote before: still read. */
    {
      g_autofree char *text = mutate (json, "history[0].train_loss", "1e+20.0");
      g_autoptr (NsExperiment) c = ns_experiment_new_from_json (text, "old.json", &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (ns_experiment_get_history (c, NULL)[0].train_loss, ==, 1e20);
    }
  }
  g_unlink (csv_path);
  g_unlink (save_path);
}

/* Saving keeps the target's mode, follows links, refuses write-protected files and names the
 * path given (not a temporary file) in its errors. Root may write anything, so "write-
 * protected" is a file with no write bit at all, which holds for root too. */
static void
test_save_modes (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "count", "10", "hidden", "1", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "exist.json", NULL);
  g_autofree char *link = g_build_filename (tmpdir, "link.json", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "no-such-folder", "x.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (ns_experiment_save (exp, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_false (ns_experiment_save (exp, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  /* Through a symlink: the target is replaced, the link stays a link. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (symlink ("exist.json", link), ==, 0);
  g_assert_true (ns_experiment_save (exp, link, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "{"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0640);

  g_assert_false (ns_experiment_save (exp, bad, &error));
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_clear_error (&error);

  /* No temporary file left behind. */
  {
    g_autoptr (GDir) d = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".exist.json."));
  }
  g_unlink (link);
  g_unlink (path);
}

/* A saved file cut at every seventh of its length: refused with a message naming the file. */
static void
test_truncated_file (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "count", "20", "hidden", "2", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "cut.json", NULL);
  g_autoptr (GError) error = NULL;
  GStatBuf st;

  ns_experiment_train_epochs (exp, 2);
  g_assert_true (ns_experiment_save (exp, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  for (int k = 6; k >= 0; k--)
    {
      g_autoptr (NsExperiment) cut = NULL;
      off_t length = st.st_size * k / 7;

      g_assert_cmpint (truncate (path, length), ==, 0);
      cut = ns_experiment_load (path, &error);
      if (cut != NULL)
        g_error ("%s cut to %ld of %ld bytes: accepted", path, (long) length, (long) st.st_size);
      g_assert_nonnull (error);
      g_test_message ("cut to %ld: %s", (long) length, error->message);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_clear_error (&error);
    }
  g_unlink (path);
}

/* Saves that fail: an error naming the path, and the file already there is left as it was.
 * Root writes anywhere, so the failures are ones that hold for root too: a folder that is a
 * regular file, and a file size limit (RLIMIT_FSIZE) hit while the temporary file is written. */
static void
test_save_failures (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "count", "20", "hidden", "2", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "kept.json", NULL);
  g_autofree char *under_file = g_build_filename (path, "x.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct rlimit limit, small;
  void (*old_handler) (int);

  g_assert_true (ns_experiment_save (exp, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  g_assert_false (ns_experiment_save (exp, under_file, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, under_file));
  g_clear_error (&error);

  /* The temporary file cannot grow past 64 bytes: the write fails, the old file stays. */
  ns_experiment_train_epochs (exp, 1); /* a different text than the one saved */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  small = limit;
  small.rlim_cur = 64;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (ns_experiment_save (exp, path, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  signal (SIGXFSZ, old_handler);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  /* No temporary file left behind. */
  {
    g_autoptr (GDir) d = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".kept.json."));
  }
  g_unlink (path);
}

/* Edits on a wide network: a weight edit keeps no copy of the network (its undo restores one
 * number); removing neurons keeps copies (the neuron comes back with its weights), which stay
 * within their memory bound, and the newest can still be undone. */
static void
test_undo_bounded (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "count", "10", "hidden", "1024,1024,1024", NULL);
  size_t one = 4 * ns_experiment_get_net (exp)->n_params * sizeof (float);
  const NnNet *net;
  float w;

  for (guint k = 0; k < 20; k++)
    g_assert_true (ns_experiment_set_weight (exp, 1, 0, 0, (float) k));
  g_assert_cmpuint (ns_experiment_undo_bytes (exp), ==, 0);
  g_assert_true (ns_experiment_undo (exp));
  net = ns_experiment_get_net (exp);
  g_assert_cmpfloat (net->params[net->layers[1].w_offset], ==, 18.0f);

  for (guint k = 0; k < 12; k++)
    g_assert_true (ns_experiment_remove_neuron (exp, 1));
  g_assert_cmpuint (ns_experiment_undo_bytes (exp), <=, (size_t) 256 << 20);
  g_assert_cmpuint (ns_experiment_undo_bytes (exp), >=, one / 2);
  g_assert_cmpuint (ns_experiment_get_config (exp)->layers[1].units, ==, 1012);
  w = ns_experiment_get_net (exp)->params[nn_net_param_index (net, 1, 0, 0)];
  g_assert_true (ns_experiment_undo (exp));
  g_assert_cmpuint (ns_experiment_get_config (exp)->layers[1].units, ==, 1013);
  net = ns_experiment_get_net (exp);
  g_assert_cmpuint (net->layers[1].n_out, ==, 1013);
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 1, 0, 0)], ==, w);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("neuroscope-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/experiment-hostile/fields", test_fields);
  g_test_add_func ("/experiment-hostile/plane-inputs", test_plane_inputs);
  g_test_add_func ("/experiment-hostile/every-number", test_every_number);
  g_test_add_func ("/experiment-hostile/truncated", test_truncated);
  g_test_add_func ("/experiment-hostile/deep", test_deep);
  g_test_add_func ("/experiment-hostile/amplification", test_amplification);
  g_test_add_func ("/experiment-hostile/not-files", test_not_files);
  g_test_add_func ("/experiment-hostile/corpus", test_corpus);
  g_test_add_func ("/experiment-hostile/no-training-rows", test_no_training_rows);
  g_test_add_func ("/experiment-hostile/extreme-numbers", test_extreme_numbers);
  g_test_add_func ("/experiment-hostile/save-modes", test_save_modes);
  g_test_add_func ("/experiment-hostile/truncated-file", test_truncated_file);
  g_test_add_func ("/experiment-hostile/save-failures", test_save_failures);
  g_test_add_func ("/experiment-hostile/undo-bounded", test_undo_bounded);

  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
