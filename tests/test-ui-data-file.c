/* test-ui-data-file.c: a CSV data file in the data panel: its card, the settings that are the
 * file's, and choosing a set to close it (run under Xvfb).
 *
 * NS_TEST_DUMP=dir saves the panel as dir/ui-data-panel-csv.png.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "ns-data-panel.h"

#include "ns-test-data-panel.h"
#include "ns-test-ui.h"

static void
test_csv (void)
{
  g_autofree char *path = iris_path ();
  g_autoptr (NsExperiment) experiment = make_experiment ("data", path);
  const NsConfig *config = ns_experiment_get_config (experiment);
  g_autoptr (GskRenderNode) node = NULL;
  g_autofree char *name = NULL;
  GtkLabel *info;
  guint n_train;
  Fixture f;

  fixture_present (&f, experiment);

  /* The file's name, rows, inputs and classes. */
  g_assert_nonnull (find_label (&f, "iris.csv"));
  info = find_label (&f, "150 rows");
  g_assert_nonnull (info);
  g_assert_nonnull (strstr (gtk_label_get_label (info), "4 inputs"));
  g_assert_nonnull (strstr (gtk_label_get_label (info), "3 classes"));
  g_assert_nonnull (strstr (gtk_label_get_label (info), "setosa"));

  /* No generated set is chosen; noise and ratio are off. */
  g_object_get (f.panel, "dataset", &name, NULL);
  g_assert_cmpstr (name, ==, "");
  g_assert_cmpuint (n_active_datasets (&f), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (get_scale (&f, 0))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (get_scale (&f, 1))));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (get_scale (&f, 2))));
  n_train = ns_experiment_get_dataset (experiment)->n_train;
  activate (&f, "data.set-noise", "d", 0.3);
  activate (&f, "data.set-ratio", "d", 0.8);
  g_assert_nonnull (config->data_path);
  g_assert_cmpfloat (config->noise, ==, 0);
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_train, ==, n_train);

  /* Batch, seed and the class picker still work (iris has three classes). */
  g_assert_true (activate (&f, "data.set-batch", "u", 4));
  g_assert_cmpuint (config->batch_size, ==, 4);
  g_assert_true (activate (&f, "data.set-class", "u", 2));
  g_assert_cmpuint (ns_data_panel_get_class_to_add (f.panel), ==, 2);
  g_assert_true (activate (&f, "data.set-class", "u", 3));
  g_assert_cmpuint (ns_data_panel_get_class_to_add (f.panel), ==, 2);

  WAIT_UNTIL (ns_scene_get_n_prims (ns_data_panel_get_thumbnail_scene (f.panel, 0)) > 0, 5000);
  node = render_panel (&f, "ui-data-panel-csv.png");

  /* The picker stays on: it is how the file is closed (test_csv_close). */
  g_assert_true (gtk_widget_is_sensitive (ns_data_panel_get_dataset_button (f.panel, 0)));

  /* Regenerate deals the rows anew; the file stays. */
  {
    guint n;
    g_autofree float *before = copy_train_x (experiment, &n);
    g_autofree float *after = NULL;

    g_assert_true (activate (&f, "data.regenerate", NULL));
    after = copy_train_x (experiment, &n);
    g_assert_nonnull (config->data_path);
    g_assert_true (memcmp (before, after, n * sizeof (float)) != 0);
    g_assert_nonnull (find_label (&f, "150 rows"));
  }

  fixture_close (&f);
}

/* Choosing a set closes a data file: the set's data and inputs, the file's card gone, and the
 * network trains on them; from a regression file to a set of classes or of images too. */
static void
test_csv_close (void)
{
  g_autofree char *iris = iris_path ();
  g_autofree char *sums = NULL;
  g_autoptr (GString) text = g_string_new ("a,b,sum\n");
  g_autoptr (GError) error = NULL;
  int fd = g_file_open_tmp ("ns-sums-XXXXXX.csv", &sums, &error);
  const struct
  {
    const char *path, *problem, *card, *set;
  } cases[] = {
    { iris, "classification", "iris.csv", "circle" },
    { sums, "regression", "ns-sums-", "digits" },
  };

  g_assert_no_error (error);
  close (fd);
  for (guint k = 0; k < 40; k++)
    g_string_append_printf (text, "%u,%u,%u\n", k % 7, k % 5, k % 7 + k % 5);
  g_assert_true (g_file_set_contents (sums, text->str, -1, &error));

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_auto (NsConfig) options = { 0 };
      g_autoptr (NsExperiment) experiment = NULL;
      const NsConfig *config;
      const NsDataset *data;
      g_autofree char *name = NULL;
      Fixture f;

      ns_config_init_default (&options);
      g_assert_true (ns_config_set_option (&options, "problem", cases[c].problem, &error));
      g_assert_true (ns_config_set_option (&options, "data", cases[c].path, &error));
      experiment = ns_experiment_new (&options, &error);
      g_assert_no_error (error);
      config = ns_experiment_get_config (experiment);
      g_assert_cmpstr (config->data_path, ==, cases[c].path);
      g_assert_cmpint (config->problem, ==,
                       c == 0 ? NS_PROBLEM_CLASSIFICATION : NS_PROBLEM_REGRESSION);

      fixture_present (&f, experiment);
      g_assert_nonnull (find_label (&f, cases[c].card));
      g_assert_true (gtk_widget_is_sensitive (ns_data_panel_get_dataset_button (f.panel, 0)));
      g_assert_true (activate (&f, "data.set-dataset", "s", cases[c].set));

      g_assert_null (config->data_path);
      g_assert_cmpint (config->problem, ==, NS_PROBLEM_CLASSIFICATION);
      g_object_get (f.panel, "dataset", &name, NULL);
      g_assert_cmpstr (name, ==, cases[c].set);
      WAIT_UNTIL (find_label (&f, cases[c].card) == NULL, 5000);
      data = ns_experiment_get_dataset (experiment);
      if (g_str_equal (cases[c].set, "circle"))
        {
          g_assert_cmpuint (n_active_datasets (&f), ==, 1);
          g_assert_cmpuint (data->n_inputs, ==, 2);
          g_assert_cmpuint (data->n_classes, ==, 2);
        }
      else
        {
          g_assert_true (ns_dataset_is_image (data));
          g_assert_cmpuint (data->n_classes, ==, 10);
        }
      ns_experiment_train_epochs (experiment, 1);
      g_assert_cmpuint (ns_experiment_get_current (experiment)->epoch, ==, 1);
      g_assert_true (isfinite (ns_experiment_get_current (experiment)->train_loss));
      fixture_close (&f);
    }
  g_unlink (sums);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/data-file/csv", test_csv);
  g_test_add_func ("/ui/data-file/close", test_csv_close);

  return g_test_run ();
}
