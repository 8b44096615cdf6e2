/* test-experiment-plane.c: the plane evaluation, and the plane before the update shown while
 * stepping through training. */
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/experiment-plane/before-update/sgd", "sgd", test_before_update);
  g_test_add_data_func ("/experiment-plane/before-update/momentum", "momentum", test_before_update);
  g_test_add_data_func ("/experiment-plane/before-update/adam", "adam", test_before_update);
  g_test_add_func ("/experiment-plane/before-update/classes", test_before_update_classes);

  return g_test_run ();
}
