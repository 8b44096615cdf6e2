/* test-experiment-cli.c: the command line's checks that run before any training (ns-cli.c,
 * ns-config.c, ns-file.c): the nearest verb, counts, writable targets, conflicting options. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ns-cli.h"
#include "ns-config.h"
#include "ns-file.h"

static int
run_nothing (int argc, char **argv)
{
  return 0;
}

/* The verbs as main() registers them. */
static const NsCliVerb verbs[] = {
  { "train", NULL, "", run_nothing },       { "render", NULL, "", run_nothing },
  { "compare", NULL, "", run_nothing },     { "lesson", "lesson check FILE…", "", run_nothing },
  { "export-code", NULL, "", run_nothing },
};

static const char *
nearest (const char *word)
{
  return ns_cli_nearest_verb (verbs, G_N_ELEMENTS (verbs), word);
}

static void
test_nearest_verb (void)
{
  g_assert_cmpstr (nearest ("trian"), ==, "train");
  g_assert_cmpstr (nearest ("train"), ==, "train");
  g_assert_cmpstr (nearest ("Train"), ==, "train");
  g_assert_cmpstr (nearest ("tran"), ==, "train");
  g_assert_cmpstr (nearest ("trains"), ==, "train");
  g_assert_cmpstr (nearest ("rendr"), ==, "render");
  g_assert_cmpstr (nearest ("redner"), ==, "render");
  g_assert_null (nearest ("x"));
  g_assert_null (nearest ("ab"));
  g_assert_null (nearest ("frobnicate"));
  g_assert_cmpstr (nearest ("compare"), ==, "compare");
  g_assert_cmpstr (nearest ("comapre"), ==, "compare");
  g_assert_cmpstr (nearest ("lesson"), ==, "lesson");
  g_assert_cmpstr (nearest ("leson"), ==, "lesson");
  g_assert_cmpstr (nearest ("export-code"), ==, "export-code");
  g_assert_cmpstr (nearest ("exportcode"), ==, "export-code");
  g_assert_null (nearest (""));
  /* An empty table has no nearest verb. */
  g_assert_null (ns_cli_nearest_verb (NULL, 0, "train"));
}

static void
test_parse_count (void)
{
  static const char *const bad[] = { "-5", "0", "1.5", "ten", " 3", "3 ", "0x10", "+3", "", "11" };
  gint64 value = -1;

  g_assert_cmpint (ns_cli_parse_count ("train", "epochs", "7", 10, &value), ==, 0);
  g_assert_cmpint (value, ==, 7);
  g_assert_cmpint (ns_cli_parse_count ("train", "epochs", "10", 10, &value), ==, 0);
  g_assert_cmpint (value, ==, 10);
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      value = -1;
      /* The message goes to stderr: exit code 2, the value untouched. */
      g_assert_cmpint (ns_cli_parse_count ("train", "epochs", bad[k], 10, &value), ==, 2);
      g_assert_cmpint (value, ==, -1);
    }
}

static void
test_check_writable (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ns-cli-XXXXXX", &error);
  g_autofree char *fresh = g_build_filename (dir, "fresh.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "run.json", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.json", NULL);
  g_autofree char *under_file = g_build_filename (kept, "x.json", NULL);

  g_assert_no_error (error);
  g_assert_true (ns_file_check_writable (fresh, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS)); /* only checked, not made */

  g_assert_false (ns_file_check_writable (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  g_assert_false (ns_file_check_writable (dir, &error));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_false (ns_file_check_writable ("", &error));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (kept, "keep", -1, &error));
  g_assert_true (ns_file_check_writable (kept, &error));
  g_assert_false (ns_file_check_writable (under_file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (kept, 0444), ==, 0);
  g_assert_false (ns_file_check_writable (kept, &error));
  g_assert_nonnull (strstr (error->message, "write-protected"));
  g_clear_error (&error);

  g_unlink (kept);
  g_rmdir (dir);
}

static void
test_dataset_with_data (void)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  NsConfigOptions *options = ns_config_options_new ();
  g_autoptr (GError) error = NULL;
  g_auto (NsConfig) config = { 0 };
  char *args[] = { "neuroscope", "--dataset", "xor", "--data", "points.csv", NULL };
  char **argv = args;
  int argc = 5;

  g_option_context_set_main_group (context, ns_config_options_get_group (options));
  g_assert_true (g_option_context_parse (context, &argc, &argv, &error));
  ns_config_init_default (&config);
  g_assert_false (ns_config_options_apply (options, &config, &error));
  g_assert_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION);
  g_assert_nonnull (strstr (error->message, "--dataset and --data"));
  ns_config_options_free (options);
}

/* One check for every reader: what the command line makes passes, and each value just past a
 * limit is blamed on its own field. */
static void
test_config_check (void)
{
  static const struct
  {
    const char *option; /* set first, as on the command line */
    const char *value;
  } good[] = { { "lr", "0.000001" }, { "lr", "10" },        { "hidden", "1024" },
               { "batch", "1000" },  { "count", "100000" }, { "ratio", "0.9" },
               { "l2", "10" },       { "clip", "1000000" } };
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *expected = NULL;

  ns_config_init_default (&config);
  g_assert_true (ns_config_check (&config, &field, &expected));
  g_assert_null (field);
  for (guint k = 0; k < G_N_ELEMENTS (good); k++)
    {
      g_assert_true (ns_config_set_option (&config, good[k].option, good[k].value, &error));
      g_assert_no_error (error);
      g_assert_true (ns_config_check (&config, &field, &expected));
    }

#define ASSERT_BLAMES(name)                                                                        \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_clear_pointer (&field, g_free);                                                              \
    g_clear_pointer (&expected, g_free);                                                           \
    g_assert_false (ns_config_check (&config, &field, &expected));                                 \
    g_assert_cmpstr (field, ==, name);                                                             \
    g_assert_nonnull (expected);                                                                   \
    ns_config_init_default (&config);                                                              \
  }                                                                                                \
  G_STMT_END

  ns_config_init_default (&config);
  config.trainer.learning_rate = -1;
  ASSERT_BLAMES ("lr");
  config.trainer.learning_rate = 1e-7f;
  ASSERT_BLAMES ("lr");
  config.layers[1].units = 0;
  ASSERT_BLAMES ("hidden[1]");
  config.layers[0].units = NS_CONFIG_MAX_WIDTH + 1;
  ASSERT_BLAMES ("hidden[0]");
  config.layers[0].act = NN_ACT_SOFTMAX;
  ASSERT_BLAMES ("activation[0]");
  config.batch_size = 0;
  ASSERT_BLAMES ("batch");
  config.count = 9;
  ASSERT_BLAMES ("count");
  config.noise = 0.51;
  ASSERT_BLAMES ("noise");
  config.train_ratio = 0.05;
  ASSERT_BLAMES ("ratio");
  config.features = 0;
  ASSERT_BLAMES ("features");
  config.trainer.reg_rate = 10.5f;
  ASSERT_BLAMES ("reg_rate");
  config.trainer.clip_norm = -1;
  ASSERT_BLAMES ("clip");
  config.trainer.momentum = 1;
  ASSERT_BLAMES ("momentum");
  config.trainer.epsilon = 0;
  ASSERT_BLAMES ("epsilon");
#undef ASSERT_BLAMES
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment/cli/nearest-verb", test_nearest_verb);
  g_test_add_func ("/experiment/cli/parse-count", test_parse_count);
  g_test_add_func ("/experiment/cli/check-writable", test_check_writable);
  g_test_add_func ("/experiment/cli/dataset-with-data", test_dataset_with_data);
  g_test_add_func ("/experiment/cli/config-check", test_config_check);

  return g_test_run ();
}
