/* test-experiment-plane.c: the plane evaluation, the plane before the update shown while
 * stepping through training, points placed by hand (a lesson's) and an experiment replaced in
 * place (a lesson step starting in the window). */
#include <math.h>
#include <string.h>

#include "ns-experiment-step.h"
#include "ns-test-experiment.h"

/* A copy of the output layer's rows of eval_plane at @size (they live only until the next
 * step). */
static float *
copy_output_plane (NsExperiment *exp, guint size)
{
  const NnNet *net = ns_experiment_get_net (exp);
  const NnLayer *output = &net->layers[net->n_layers - 1];
  size_t n = (size_t) size * size;
  const float *units;

  ns_experiment_eval_plane (exp, size, NULL, &units);
  return g_memdup2 (units + output->unit_offset * n, sizeof (float) * n * output->n_out);
}

static void
step_to_update (NsExperiment *exp)
{
  for (guint k = 0; k < 1000; k++)
    {
      g_assert_true (ns_experiment_step_phase (exp));
      if (ns_experiment_get_step_state (exp)->phase == NS_STEP_UPDATE)
        return;
      /* Nothing to show before the update. */
      g_assert_null (ns_experiment_eval_plane_before_update (exp, 20));
    }
  g_assert_not_reached ();
}

/* The "before" plane equals, bit for bit, what eval_plane gave before the update, at both of
 * the cache's sizes; the "after" one is eval_plane now, and they differ. */
static void
test_before_update (gconstpointer data)
{
  const char *optimizer = data;
  const char *options[] = { "dataset", "xor",        "count",     "40",      "hidden",
                            "3",       "activation", "tanh",      "lr",      "1",
                            "batch",   "4",          "optimizer", optimizer, NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const guint sizes[] = { 20, 100 };
  size_t n_out;

  /* Some training first, so the optimizer has a state (momentum, Adam's moments). */
  ns_experiment_step (exp, 5);
  n_out = nn_net_n_outputs (ns_experiment_get_net (exp));
  g_assert_null (ns_experiment_eval_plane_before_update (exp, 20));

  for (guint round = 0; round < 2; round++)
    {
      g_autofree float *old20 = copy_output_plane (exp, sizes[0]);
      g_autofree float *old100 = copy_output_plane (exp, sizes[1]);
      const float *before, *again;

      step_to_update (exp);

      for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          guint size = sizes[k];
          size_t n = (size_t) size * size * n_out;
          g_autofree float *now = copy_output_plane (exp, size);

          before = ns_experiment_eval_plane_before_update (exp, size);
          g_assert_nonnull (before);
          g_assert_cmpmem (before, n * sizeof (float), k == 0 ? old20 : old100, n * sizeof (float));
          g_assert_true (memcmp (before, now, n * sizeof (float)) != 0);

          /* Cached: the same buffer and numbers again. */
          again = ns_experiment_eval_plane_before_update (exp, size);
          g_assert_true (again == before);
        }

      /* Going back leaves the update's phase: nothing before it; forward again shows it. */
      g_assert_true (ns_experiment_step_back (exp));
      g_assert_null (ns_experiment_eval_plane_before_update (exp, 20));
      g_assert_true (ns_experiment_step_phase (exp));
      g_assert_cmpint (ns_experiment_get_step_state (exp)->phase, ==, NS_STEP_UPDATE);
      before = ns_experiment_eval_plane_before_update (exp, 20);
      g_assert_nonnull (before);
      g_assert_cmpmem (before, 400 * n_out * sizeof (float), old20, 400 * n_out * sizeof (float));

      /* After the update comes IDLE: nothing again. */
      g_assert_true (ns_experiment_step_phase (exp));
      g_assert_cmpint (ns_experiment_get_step_state (exp)->phase, ==, NS_STEP_IDLE);
      g_assert_null (ns_experiment_eval_plane_before_update (exp, 20));
    }
}

/* Softmax, batch size 1: every class's row, after every sample. */
static void
test_before_update_classes (void)
{
  const char *options[] = { "dataset", "spiral3", "count", "60", "hidden", "4",
                            "lr",      "0.5",     "batch", "1",  NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  size_t n = 16 * 16 * nn_net_n_outputs (ns_experiment_get_net (exp));
  g_autofree float *old = NULL;
  const float *before;

  g_assert_cmpuint (nn_net_n_outputs (ns_experiment_get_net (exp)), ==, 3);
  old = copy_output_plane (exp, 16);
  step_to_update (exp);
  before = ns_experiment_eval_plane_before_update (exp, 16);
  g_assert_nonnull (before);
  g_assert_cmpmem (before, n * sizeof (float), old, n * sizeof (float));
}

static void
count_cb (NsExperiment *exp, guint *count)
{
  (*count)++;
}

/* A lesson's points: exactly these are the data, kept by reset and by a saved file. */
static void
test_set_points (void)
{
  static const double train_xy[] = { 1, 1, 2, 2.5, -1, -1, -8, -2 };
  static const guint train_classes[] = { 0, 0, 1, 2 };
  static const double test_xy[] = { 0.5, 0.5 };
  static const guint test_classes[] = { 1 };
  static const char *const names[] = { "ball", "apple", "pear", NULL };
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "xor", NULL);
  g_autoptr (NsExperiment) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  const NsDataset *data;
  guint changes = 0;

  g_signal_connect (exp, "changed", G_CALLBACK (count_cb), &changes);
  ns_experiment_train_epochs (exp, 1);
  g_assert_true (ns_experiment_set_points (exp, train_xy, train_classes, 4, test_xy, test_classes,
                                           1, names, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  data = ns_experiment_get_dataset (exp);
  g_assert_cmpuint (data->n_train, ==, 4);
  g_assert_cmpuint (data->n_test, ==, 1);
  g_assert_cmpuint (data->n_classes, ==, 3);
  g_assert_cmpstr (data->class_names[2], ==, "pear");
  g_assert_cmpfloat (data->train_x[3], ==, 2.5f);
  g_assert_cmpfloat (data->train_y[3], ==, 2.0f);
  /* The plane: [-6, 6], grown to hold x1 = -8 with a margin. */
  g_assert_cmpfloat (data->x_min, <, -8.0);
  g_assert_cmpfloat (data->x_max, ==, 6.0);
  g_assert_cmpfloat (data->y_min, ==, -6.0);
  g_assert_cmpuint (nn_net_n_outputs (ns_experiment_get_net (exp)), ==, 3);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 0);
  ns_experiment_train_epochs (exp, 2);
  g_assert_cmpuint (ns_experiment_get_step (exp), ==, 2); /* 4 points, batch 10: 1 step each */
  ns_experiment_reset (exp);
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, 4);

  json = ns_experiment_to_json (exp);
  loaded = ns_experiment_new_from_json (json, "points.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ns_experiment_get_dataset (loaded)->n_train, ==, 4);
  g_assert_cmpstr (ns_experiment_get_dataset (loaded)->class_names[1], ==, "apple");

  /* Without test points the test set is the training points; without names, "0", "1". */
  g_assert_true (
      ns_experiment_set_points (exp, train_xy, train_classes, 2, NULL, NULL, 0, NULL, &error));
  data = ns_experiment_get_dataset (exp);
  g_assert_cmpuint (data->n_test, ==, 2);
  g_assert_cmpmem (data->test_x, 4 * sizeof (float), data->train_x, 4 * sizeof (float));
  g_assert_cmpuint (data->n_classes, ==, 2);
  g_assert_cmpstr (data->class_names[1], ==, "1");

  /* Refused, with nothing changed: a class beyond the names, no point, a bad coordinate. */
  {
    static const double bad_xy[] = { NAN, 0 };
    g_assert_false (ns_experiment_set_points (exp, train_xy, train_classes, 4, NULL, NULL, 0,
                                              (const char *const[]){ "a", "b", NULL }, &error));
    g_assert_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD);
    g_assert_nonnull (strstr (error->message, "point 4"));
    g_clear_error (&error);
    g_assert_false (ns_experiment_set_points (exp, NULL, NULL, 0, NULL, NULL, 0, NULL, &error));
    g_clear_error (&error);
    g_assert_false (
        ns_experiment_set_points (exp, bad_xy, train_classes, 1, NULL, NULL, 0, NULL, &error));
    g_clear_error (&error);
    g_assert_true (ns_experiment_get_dataset (exp) == data);
  }
  /* Regression has no classes. */
  {
    g_autoptr (NsExperiment) regression = make_experiment ("dataset", "reg-plane", NULL);
    g_assert_false (ns_experiment_set_points (regression, train_xy, train_classes, 2, NULL, NULL, 0,
                                              NULL, &error));
    g_assert_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD);
  }
}

/* ns_experiment_replace: the same object carries the other run on; one "changed". */
static void
test_replace (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "circle", NULL);
  NsExperiment *other = make_experiment ("dataset", "xor", "hidden", "3", "seed", "7", NULL);
  g_autoptr (NsExperiment) twin =
      make_experiment ("dataset", "xor", "hidden", "3", "seed", "7", NULL);
  guint changes = 0;
  guint64 version;

  ns_experiment_set_weight (exp, 0, 0, 0, 1.0f);
  g_assert_true (ns_experiment_can_undo (exp));
  ns_experiment_train_epochs (other, 3);
  ns_experiment_train_epochs (twin, 3);
  version = MAX (ns_experiment_get_version (exp), ns_experiment_get_version (other));
  g_signal_connect (exp, "changed", G_CALLBACK (count_cb), &changes);

  ns_experiment_replace (exp, other);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (ns_experiment_get_config (exp)->dataset, ==, NS_DATASET_XOR);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 3);
  g_assert_cmpuint (ns_experiment_get_config (exp)->layers[0].units, ==, 3);
  g_assert_cmpuint (ns_experiment_get_version (exp), >, version);
  g_assert_false (ns_experiment_can_undo (exp));
  /* The other keeps the old run, and goes away without taking anything with it. */
  g_assert_cmpint (ns_experiment_get_config (other)->dataset, ==, NS_DATASET_CIRCLE);
  g_object_unref (other);

  /* It goes on exactly as the run it took over would have. */
  ns_experiment_train_epochs (exp, 2);
  ns_experiment_train_epochs (twin, 2);
  g_assert_true (same_params (ns_experiment_get_net (exp), ns_experiment_get_net (twin)));
  g_assert_cmpfloat (ns_experiment_get_last (exp)->test_loss, ==,
                     ns_experiment_get_last (twin)->test_loss);
  g_assert_cmpuint (changes, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/experiment-plane/before-update/sgd", "sgd", test_before_update);
  g_test_add_data_func ("/experiment-plane/before-update/momentum", "momentum", test_before_update);
  g_test_add_data_func ("/experiment-plane/before-update/adam", "adam", test_before_update);
  g_test_add_func ("/experiment-plane/before-update/classes", test_before_update_classes);

  g_test_add_func ("/experiment-plane/set-points", test_set_points);
  g_test_add_func ("/experiment-plane/replace", test_replace);

  return g_test_run ();
}
