/* test-experiment-code.c: the code view's scripts (ns-code-export.h) for a set of networks:
 * every one compiles (python3 -m py_compile, Debian's /usr/bin/python3), the PyTorch ones run
 * a few epochs on the exported CSV where torch is installed (the loss falls; with the weights
 * embedded the first loss is the app's), the text does not follow a comma-decimal locale, and
 * `export-code` refuses bad options. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ns-cli-export-code.h"
#include "ns-code-export-private.h"
#include "ns-test-experiment.h"
#include "ns-test-locale.h"

#define PYTHON "/usr/bin/python3"
#define TRAINED_EPOCHS 3
#define SCRIPT_EPOCHS 3

typedef struct
{
  const char *name;
  const char *options[24]; /* name/value pairs, NULL-ended */
  gboolean run_fresh;      /* also run the script without weights */
} CodeCase;

static const CodeCase cases[] = {
  { "tanh", { "dataset", "circle", "hidden", "4,2", "activation", "tanh", NULL }, TRUE },
  { "relu", { "dataset", "xor", "hidden", "6,4", "activation", "relu", NULL }, FALSE },
  { "sigmoid",
    { "dataset", "gauss", "hidden", "4", "activation", "sigmoid", "lr", "0.3", NULL },
    FALSE },
  { "regression", { "dataset", "reg-plane", "hidden", "4", "problem", "regression", NULL }, TRUE },
  { "features",
    { "dataset", "spiral", "features", "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2,cosx1,cosx2,r,angle",
      "hidden", "8", NULL },
    FALSE },
  { "l1-momentum",
    { "dataset", "moons", "hidden", "5", "l1", "0.001", "optimizer", "momentum", "lr", "0.01",
      NULL },
    FALSE },
  { "l2-adam",
    { "dataset", "spiral3", "hidden", "8,8", "activation", "leaky_relu", "l2", "0.001", "optimizer",
      "adam", "lr", "0.01", "clip", "5", NULL },
    FALSE },
  { "iris", { "dataset", "iris", "hidden", "5", "lr", "0.1", NULL }, FALSE },
  { "conv-digits",
    { "dataset", "digits", "hidden", "c8k3,p2,32", "activation", "relu", "optimizer", "adam", "lr",
      "0.003", NULL },
    TRUE },
};

typedef struct
{
  char *dir;
  gboolean torch; /* import torch works with PYTHON */
} Fixture;

static gboolean
run_python (const char *const *argv, char **out, char **err)
{
  int wait_status = 0;
  g_autoptr (GError) error = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                     &wait_status, &error))
    {
      g_test_message ("%s: %s", argv[0], error->message);
      return FALSE;
    }
  return g_spawn_check_wait_status (wait_status, NULL);
}

static gboolean
torch_importable (void)
{
  const char *argv[] = { PYTHON, "-c", "import torch", NULL };

  return g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE) && run_python (argv, NULL, NULL);
}

static char *
write_script (const Fixture *f, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_compiles (const char *path)
{
  const char *argv[] = { PYTHON, "-m", "py_compile", path, NULL };
  g_autofree char *err = NULL;

  if (!run_python (argv, NULL, &err))
    g_error ("%s does not compile: %s", path, err != NULL ? err : "");
}

/* The train losses of "epoch N train_loss=X …" lines, epoch 0 first. */
static GArray *
run_torch (const char *script, const char *csv, guint epochs)
{
  const char *argv[] = { PYTHON, script, csv, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  GArray *losses = g_array_new (FALSE, FALSE, sizeof (double));

  if (!run_python (argv, &out, &err))
    g_error ("%s failed: %s", script, err != NULL ? err : "");
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *loss = strstr (lines[i], "train_loss=");
      double value;

      if (!g_str_has_prefix (lines[i], "epoch ") || loss == NULL)
        continue;
      value = g_ascii_strtod (loss + strlen ("train_loss="), NULL);
      g_array_append_val (losses, value);
    }
  g_assert_cmpuint (losses->len, ==, epochs + 1);
  return losses;
}

static void
check_case (Fixture *f, gconstpointer data)
{
  const CodeCase *c = data;
  g_autoptr (NsExperiment) exp = new_experiment (c->options);
  g_autofree char *csv = g_strdup_printf ("%s/%s.csv", f->dir, c->name);
  g_autoptr (GError) error = NULL;
  NsHistoryEntry current;

  ns_experiment_train_epochs (exp, TRAINED_EPOCHS);
  g_assert_false (ns_experiment_get_diverged (exp));
  ns_experiment_evaluate (exp, &current);
  g_assert_true (ns_code_export_data_to_file (exp, csv, &error));
  g_assert_no_error (error);

  for (int framework = 0; framework < NS_N_CODE_FRAMEWORKS; framework++)
    for (int weights = 0; weights <= 1; weights++)
      {
        NsCodeOptions options = { (NsCodeFramework) framework, weights, NULL, SCRIPT_EPOCHS };
        g_autofree char *code = ns_code_export (exp, &options);
        g_autofree char *name = g_strdup_printf (
            "%s-%s%s.py", c->name, ns_code_framework_name (framework), weights ? "-weights" : "");
        g_autofree char *path = write_script (f, name, code);

        g_assert_true (g_str_has_suffix (code, "\n"));
        g_assert_nonnull (strstr (
            code, framework == NS_CODE_PYTORCH ? "import torch" : "from tensorflow import keras"));
        assert_compiles (path);
        if (framework != NS_CODE_PYTORCH || !f->torch || (!weights && !c->run_fresh))
          continue;
        {
          g_autoptr (GArray) losses = run_torch (path, csv, SCRIPT_EPOCHS);
          double first = g_array_index (losses, double, 0);
          double last = g_array_index (losses, double, losses->len - 1);

          g_test_message ("%s: loss %g -> %g (app: %g)", name, first, last, current.train_loss);
          g_assert_cmpfloat (last, <, first);
          if (weights)
            g_assert_cmpfloat_with_epsilon (first, current.train_loss, 1e-4);
        }
      }
  if (!f->torch)
    g_test_skip ("python3-torch is not importable by " PYTHON ": the scripts were compiled "
                 "but not run (apt-get install python3-torch)");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  (void) data;
  f->dir = g_dir_make_tmp ("neuroscope-code-XXXXXX", &error);
  g_assert_no_error (error);
  f->torch = torch_importable ();
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  remove_tree (f->dir);
  g_free (f->dir);
}

/* With the weights the optimizer's state goes too: with the whole training set as one batch
 * (no shuffle to differ), the script's first epoch ends where the app's next one does. */
static void
check_continue (Fixture *f, gconstpointer data)
{
  const char *optimizer = data;
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "circle", "batch", "1000", "optimizer",
                                                  optimizer, "lr", "0.01", NULL);
  NsCodeOptions options = { NS_CODE_PYTORCH, TRUE, NULL, 1 };
  g_autofree char *csv = g_build_filename (f->dir, "continue.csv", NULL);
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GArray) losses = NULL;
  NsHistoryEntry next;

  ns_experiment_train_epochs (exp, 5);
  g_assert_true (ns_code_export_data_to_file (exp, csv, NULL));
  code = ns_code_export (exp, &options);
  g_assert_nonnull (strstr (code, "set_optimizer_state("));
  path = write_script (f, "continue.py", code);
  assert_compiles (path);
  if (!f->torch)
    {
      g_test_skip ("python3-torch is not importable by " PYTHON ": the script was compiled but "
                   "not run (apt-get install python3-torch)");
      return;
    }
  ns_experiment_train_epochs (exp, 1);
  ns_experiment_evaluate (exp, &next);
  losses = run_torch (path, csv, 1);
  g_test_message ("%s: after one more epoch %g (app: %g)", optimizer,
                  g_array_index (losses, double, 1), next.train_loss);
  g_assert_cmpfloat_with_epsilon (g_array_index (losses, double, 1), next.train_loss, 1e-4);
}

/* The text under a decimal-comma locale is the C locale's, byte for byte. */
static void
test_locale (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "iris", "hidden", "3", "l2", "0.25", "optimizer", "adam", NULL);
  NsCodeOptions options = { NS_CODE_KERAS, TRUE, NULL, 7 };
  g_autofree char *code_c = NULL;
  g_autofree char *data_c = NULL;
  g_autofree char *code_de = NULL;
  g_autofree char *data_de = NULL;

  ns_experiment_train_epochs (exp, 1);
  code_c = ns_code_export (exp, &options);
  data_c = ns_code_export_data (exp);
  if (!ns_test_use_comma_locale ())
    return;
  code_de = ns_code_export (exp, &options);
  data_de = ns_code_export_data (exp);
  ns_test_use_c_locale ();
  g_assert_cmpstr (code_de, ==, code_c);
  g_assert_cmpstr (data_de, ==, data_c);
  g_assert_nonnull (strstr (code_c, "REG_RATE = 0.25\n"));
  g_assert_nonnull (strstr (code_c, "ADAM_BETAS = (0.9, 0.999)\n"));
}

/* Settings read as typed; weights are exact. */
static void
test_literals (void)
{
  g_autoptr (GString) s = g_string_new (NULL);

  ns_code_append_setting (s, 0.03f);
  g_assert_cmpstr (s->str, ==, "0.03");
  g_string_truncate (s, 0);
  ns_code_append_setting (s, 1.0f);
  g_assert_cmpstr (s->str, ==, "1.0");
}

static int
run_verb (const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) "neuroscope");
  g_ptr_array_add (argv, (gpointer) "export-code");
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return ns_cli_export_code_run ((int) argv->len - 1, (char **) argv->pdata);
}

static void
test_verb (void)
{
  g_autofree char *dir = g_dir_make_tmp ("neuroscope-verb-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "net.py", NULL);
  g_autofree char *csv = g_build_filename (dir, "data.csv", NULL);
  g_autofree char *code = NULL;
  g_autofree char *data = NULL;

  g_assert_cmpint (run_verb ("--dataset", "xor", NULL), ==, 2); /* no --framework */
  g_assert_cmpint (run_verb ("--framework", "jax", NULL), ==, 2);
  g_assert_cmpint (run_verb ("--framework", "keras", "--hidden", "x", NULL), ==, 2);
  g_assert_cmpint (run_verb ("--framework", "keras", "--code-epochs", "0", NULL), ==, 2);
  g_assert_cmpint (run_verb ("--framework", "keras", "--frobnicate", NULL), ==, 2);
  g_assert_cmpint (run_verb ("--framework", "pytorch", "--load", "/nonexistent/x.json", NULL), ==,
                   1);
  g_assert_cmpint (run_verb ("--framework", "pytorch", "--dataset", "xor", "--epochs", "2",
                             "--weights", "--code-epochs", "5", "--out", out, "--data-out", csv,
                             NULL),
                   ==, 0);
  g_assert_true (g_file_get_contents (out, &code, NULL, NULL));
  g_assert_true (g_file_get_contents (csv, &data, NULL, NULL));
  g_assert_nonnull (strstr (code, "EPOCHS = 5\n"));
  g_assert_nonnull (strstr (code, "set_parameters("));
  g_assert_true (g_str_has_prefix (data, "x1,x2,label,split\n"));
  assert_compiles (out);
  g_unlink (out);
  g_unlink (csv);
  g_rmdir (dir);
}

/* A file name with quotes and a backslash stays a valid Python string (in
 * DATA_FILE and in the docstring). */
static void
test_odd_names (void)
{
  g_autofree char *dir = g_dir_make_tmp ("neuroscope-names-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "da\"\"\"ta\\x e.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "odd.py", NULL);
  g_autoptr (GString) rows = g_string_new ("a,b,label\n");
  g_autofree char *code = NULL;

  for (int i = 0; i < 20; i++)
    g_string_append_printf (rows, "%d,%d,%s\n", i, 20 - i, i % 2 ? "yes" : "no");
  g_assert_true (g_file_set_contents (csv, rows->str, -1, NULL));
  g_assert_cmpint (
      run_verb ("--framework", "pytorch", "--data", csv, "--out", out, "--data-out", csv, NULL), ==,
      0);
  assert_compiles (out);
  g_assert_true (g_file_get_contents (out, &code, NULL, NULL));
  g_assert_nonnull (strstr (code, "x e.csv\"\n"));
  g_unlink (out);
  g_unlink (csv);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/code/network/%s", cases[i].name);
      g_test_add (path, Fixture, &cases[i], fixture_set_up, check_case, fixture_tear_down);
    }
  g_test_add ("/code/continue/momentum", Fixture, "momentum", fixture_set_up, check_continue,
              fixture_tear_down);
  g_test_add ("/code/continue/adam", Fixture, "adam", fixture_set_up, check_continue,
              fixture_tear_down);
  g_test_add_func ("/code/locale", test_locale);
  g_test_add_func ("/code/literals", test_literals);
  g_test_add_func ("/code/verb", test_verb);
  g_test_add_func ("/code/odd-names", test_odd_names);
  return g_test_run ();
}
