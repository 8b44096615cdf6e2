/* test-ui-undo.c: Ctrl+Z (win.undo) and the numbers in the window's header and chart legend
 * (run under Xvfb): an undo keeps the training done since; one Activation choice is one undo;
 * reset, regenerate and another dataset end the undo history; after an edit or an undo the
 * header and the legend show a fresh evaluation of the network shown; a diverged run says so,
 * and its banner offers a learning rate that was checked.
 *
 * NS_TEST_DUMP=dir saves the window after an edit and after a divergence into dir. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ns-curves-view.h"
#include "ns-data-panel.h"
#include "ns-network-view.h"
#include "ns-printf.h"
#include "ns-scene-view.h"
#include "ns-window.h"

#include "ns-test-experiment.h"
#include "ns-test-render.h"
#include "ns-test-ui.h"

/* The first label under @widget whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget *widget, const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
label_text (NsWindow *window, const char *prefix)
{
  GtkLabel *label = find_label (GTK_WIDGET (window), prefix);

  g_assert_nonnull (label);
  return gtk_label_get_text (label);
}

static const NsScene *
curves_scene (NsWindow *window)
{
  GtkWidget *curves = find_descendant (GTK_WIDGET (window), NS_TYPE_CURVES_VIEW);

  g_assert_nonnull (curves);
  return ns_scene_view_get_scene (NS_SCENE_VIEW (curves));
}

/* The header's epoch and losses and the loss chart's legend describe the network shown: a
 * fresh evaluation of it, at the epoch trained. */
static void
assert_numbers_fresh (NsWindow *window, NsExperiment *experiment)
{
  NsHistoryEntry fresh;
  g_autofree char *epoch = NULL;
  g_autofree char *train = NULL;
  g_autofree char *test = NULL;
  g_autofree char *legend = NULL;

  ns_experiment_evaluate (experiment, &fresh);
  epoch = g_strdup_printf ("Epoch %u", ns_experiment_get_epoch (experiment));
  train = ns_strdup_printf ("Training loss %.3f", fresh.train_loss);
  test = ns_strdup_printf ("Test loss %.3f", fresh.test_loss);
  legend = ns_strdup_printf ("Training %.3f", fresh.train_loss);
  g_assert_cmpstr (label_text (window, "Epoch "), ==, epoch);
  g_assert_cmpstr (label_text (window, "Training loss"), ==, train);
  g_assert_cmpstr (label_text (window, "Test loss"), ==, test);
  WAIT_UNTIL (has_text_containing (curves_scene (window), legend), 5000);
}

static void
step_epochs (NsWindow *window, guint n)
{
  for (guint k = 0; k < n; k++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
}

/* Add a neuron, train, undo: the training stays, the numbers follow each change. */
static void
test_edit_train_undo (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "spiral", "hidden", "8,8,8", "seed", "2", NULL);
  NsWindow *window = present_window (experiment);
  GtkWidget *network = find_descendant (GTK_WIDGET (window), NS_TYPE_NETWORK_VIEW);
  const NsConfig *config = ns_experiment_get_config (experiment);
  NnNet *trained;
  guint64 step;

  step_epochs (window, 5);
  g_assert_cmpuint (ns_experiment_get_epoch (experiment), ==, 5);
  assert_numbers_fresh (window, experiment);

  /* The edit changes the losses at once (the old network's would be wrong). */
  g_assert_true (gtk_widget_activate_action (network, "network.add-neuron", "u", 1));
  g_assert_cmpuint (config->layers[1].units, ==, 9);
  assert_numbers_fresh (window, experiment);
  dump_widget (GTK_WIDGET (window), "ui-undo-after-edit.png");

  step_epochs (window, 2);
  step = ns_experiment_get_step (experiment);
  trained = nn_net_clone (ns_experiment_get_net (experiment));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (config->layers[1].units, ==, 8);
  g_assert_cmpuint (ns_experiment_get_step (experiment), ==, step);
  g_assert_cmpuint (ns_experiment_get_epoch (experiment), ==, 7);
  /* The first layer has the same shape: it keeps all it learnt after the edit. */
  for (size_t k = 0; k < ns_experiment_get_net (experiment)->layers[0].n_weights; k++)
    g_assert_cmpfloat (ns_experiment_get_net (experiment)->params[k], ==, trained->params[k]);
  assert_numbers_fresh (window, experiment);
  g_assert_false (ns_experiment_can_undo (experiment));

  nn_net_free (trained);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The control bar's Activation applies to every layer: one Ctrl+Z takes it back. */
static void
test_activation_one_undo (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "circle", "hidden", "4,4,4", NULL);
  NsWindow *window = present_window (experiment);
  GtkWidget *w = GTK_WIDGET (window);
  const NsConfig *config = ns_experiment_get_config (experiment);

  step_epochs (window, 1);
  g_assert_true (gtk_widget_activate_action (w, "win.activation", "s", "relu"));
  for (guint h = 0; h < config->n_layers; h++)
    g_assert_cmpint (config->layers[h].act, ==, NN_ACT_RELU);
  step_epochs (window, 1);
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  for (guint h = 0; h < config->n_layers; h++)
    g_assert_cmpint (ns_experiment_get_net (experiment)->layers[h].act, ==, NN_ACT_TANH);
  g_assert_false (ns_experiment_can_undo (experiment));
  assert_numbers_fresh (window, experiment);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* After reset, regenerate or another dataset, Ctrl+Z changes nothing: the edits were made to
 * a run that is gone. */
static void
test_new_run_ends_undo (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "spiral", "hidden", "6", NULL);
  NsWindow *window = present_window (experiment);
  GtkWidget *w = GTK_WIDGET (window);
  GtkWidget *network = find_descendant (w, NS_TYPE_NETWORK_VIEW);
  GtkWidget *data = find_descendant (w, NS_TYPE_DATA_PANEL);
  const char *const ends[] = { "win.reset", "data.regenerate", "data.set-dataset" };

  for (guint k = 0; k < G_N_ELEMENTS (ends); k++)
    {
      NnNet *run;
      guint64 version;

      step_epochs (window, 2);
      g_assert_true (gtk_widget_activate_action (network, "network.add-neuron", "u", 0));
      g_assert_true (
          gtk_widget_activate_action (w, "win.activation", "s", k % 2 == 0 ? "relu" : "tanh"));
      step_epochs (window, 1);
      if (k == 2)
        g_assert_true (gtk_widget_activate_action (data, ends[k], "s", "xor"));
      else
        g_assert_true (gtk_widget_activate_action (k == 0 ? w : data, ends[k], NULL));
      g_assert_cmpuint (ns_experiment_get_epoch (experiment), ==, 0);
      step_epochs (window, 1);

      run = nn_net_clone (ns_experiment_get_net (experiment));
      version = ns_experiment_get_version (experiment);
      gtk_widget_activate_action (w, "win.undo", NULL);
      g_assert_true (same_params (ns_experiment_get_net (experiment), run));
      g_assert_cmpuint (ns_experiment_get_version (experiment), ==, version);
      g_assert_cmpuint (ns_experiment_get_config (experiment)->layers[0].units, ==, 7 + k);
      assert_numbers_fresh (window, experiment);
      nn_net_free (run);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A diverged run's header and legend say "diverged"; the banner offers a checked rate, and
 * resetting with it trains without diverging. */
static void
test_diverged_numbers (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "reg-gauss", "hidden", "8,8",
                                                         "activation", "relu", "lr", "10", NULL);
  NsWindow *window = present_window (experiment);

  ns_window_set_playing (window, TRUE);
  WAIT_UNTIL (ns_experiment_get_diverged (experiment), 10000);
  WAIT_UNTIL (!ns_window_get_playing (window), 5000);

  g_assert_cmpstr (label_text (window, "Training loss"), ==, "Training loss diverged");
  g_assert_cmpstr (label_text (window, "Test loss"), ==, "Test loss diverged");
  WAIT_UNTIL (has_text_containing (curves_scene (window), "Training diverged"), 5000);
  /* 3 and 1 (a third, a tenth) diverge again in the first epochs; 0.3 was checked (on a
   * worker thread: the banner says it is checking until then). */
  WAIT_UNTIL (find_label (GTK_WIDGET (window), "Reset with Learning Rate 0.3") != NULL
                  && gtk_widget_is_visible (GTK_WIDGET (
                      find_label (GTK_WIDGET (window), "Reset with Learning Rate 0.3"))),
              10000);
  g_assert_nonnull (strstr (label_text (window, "Training stopped"), "At 0.3 the first 5"));
  dump_widget (GTK_WIDGET (window), "ui-undo-diverged.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-lower-lr", NULL));
  g_assert_false (ns_experiment_get_diverged (experiment));
  g_assert_cmpfloat (ns_experiment_get_config (experiment)->trainer.learning_rate, ==, 0.3f);
  step_epochs (window, 5);
  g_assert_false (ns_experiment_get_diverged (experiment));
  assert_numbers_fresh (window, experiment);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* When no lower rate holds, the banner says so and offers none. */
static void
test_diverged_no_rate (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "reg-gauss", "hidden", "4", "lr", "0.01", NULL);
  NsWindow *window = present_window (experiment);
  GtkLabel *button;

  /* A point whose squared error overflows: every rate diverges. */
  ns_experiment_add_point (experiment, 1e30, 1e30, 1e30f);
  ns_window_set_playing (window, TRUE);
  WAIT_UNTIL (ns_experiment_get_diverged (experiment), 10000);
  WAIT_UNTIL (!ns_window_get_playing (window), 5000);

  WAIT_UNTIL (strstr (label_text (window, "Training stopped"), "No lower learning rate") != NULL,
              10000);
  button = find_label (GTK_WIDGET (window), "Reset with Learning Rate");
  g_assert_true (button == NULL || !gtk_widget_is_visible (GTK_WIDGET (button)));
  /* The action does nothing rather than reset into another divergence. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-lower-lr", NULL);
  g_assert_true (ns_experiment_get_diverged (experiment));
  g_assert_cmpfloat (ns_experiment_get_config (experiment)->trainer.learning_rate, ==, 0.01f);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/undo/edit-train-undo", test_edit_train_undo);
  g_test_add_func ("/ui/undo/activation-one-undo", test_activation_one_undo);
  g_test_add_func ("/ui/undo/new-run-ends-undo", test_new_run_ends_undo);
  g_test_add_func ("/ui/undo/diverged-numbers", test_diverged_numbers);
  g_test_add_func ("/ui/undo/diverged-no-rate", test_diverged_no_rate);

  return g_test_run ();
}
