/* test-ui-step.c: the main window's step-through, walking one sample forward and backward
 * through a network by its actions (run under Xvfb).
 *
 * NS_TEST_DUMP=dir saves the window at each phase as dir/step-*.png (build-aux/screenshot
 * --step-through copies step-5-backward-hidden.png from there).
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ns-experiment-step.h"
#include "ns-network-view.h"
#include "ns-render-network.h"
#include "ns-window.h"

#include "ns-test-render.h"
#include "ns-test-ui.h"

/* The label of the details pane: the selectable label inside the revealer under the diagram. */
static GtkLabel *
details_label (GtkWidget *window, GtkRevealer **revealer)
{
  NsNetworkView *view = NS_NETWORK_VIEW (find_descendant (window, NS_TYPE_NETWORK_VIEW));
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (view));

  *revealer = GTK_REVEALER (find_descendant (box, GTK_TYPE_REVEALER));
  g_assert_nonnull (*revealer);
  return GTK_LABEL (gtk_revealer_get_child (*revealer));
}

/* The instructor's walk through one sample of a 2-3-1 network on xor, as on a projector:
 * forward layer by layer, the loss, backward layer by layer, the update; the header says where
 * the walk is, the details pane shows the selected item's numbers; then play goes on. */
/* Where the diagram is: the view's height and its first hidden neuron's box. */
typedef struct
{
  int height;
  double x0, y0, x1, y1;
} NeuronPlace;

static NeuronPlace
neuron_place (NsNetworkView *view)
{
  NeuronPlace place = { 0 };
  const NsScene *scene;

  /* Let a resize reach the view and its scene first. */
  run_for (100);
  place.height = gtk_widget_get_height (GTK_WIDGET (view));
  scene = ns_network_view_get_scene (view);
  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, i);

      if (hit->kind == NS_HIT_NEURON && hit->layer == 0 && hit->neuron == 0 && !hit->segment)
        {
          place.x0 = hit->x0;
          place.y0 = hit->y0;
          place.x1 = hit->x1;
          place.y1 = hit->y1;
          return place;
        }
    }
  g_assert_not_reached ();
  return place;
}

static void
assert_same_place (NsNetworkView *view, const NeuronPlace *before)
{
  NeuronPlace now = neuron_place (view);

  g_assert_cmpint (now.height, ==, before->height);
  g_assert_cmpfloat (now.x0, ==, before->x0);
  g_assert_cmpfloat (now.y0, ==, before->y0);
  g_assert_cmpfloat (now.x1, ==, before->x1);
  g_assert_cmpfloat (now.y1, ==, before->y1);
}

static void
test_step_through (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) experiment = NULL;
  NsWindow *window;
  GtkWidget *w;
  GtkRevealer *revealer;
  GtkLabel *details;
  NsNetworkView *view;
  const NsStepState *state;
  NsNetworkItem link = { NS_HIT_LINK, 1, 0, 2 };
  NsNetworkItem neuron = { NS_HIT_NEURON, 0, 0, -1 };
  NeuronPlace place;

  /* The app's own style sheet (AdwApplication loads it; the tests have none), so the dumps
   * look as the window does. */
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/neuroscope/Neuroscope/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "dataset", "xor", &error));
  g_assert_true (ns_config_set_option (&config, "hidden", "3", &error));
  g_assert_true (ns_config_set_option (&config, "batch", "1", &error));
  g_assert_no_error (error);
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  window = ns_window_new (NULL, experiment);
  w = GTK_WIDGET (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (w), 5000);
  ns_experiment_train_epochs (experiment, 5);
  view = NS_NETWORK_VIEW (find_descendant (w, NS_TYPE_NETWORK_VIEW));
  /* Wherever Xvfb's pointer happens to be, it must not point at items behind the test's back. */
  gtk_widget_set_can_target (GTK_WIDGET (view), FALSE);
  details = details_label (w, &revealer);
  state = ns_experiment_get_step_state (experiment);

  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "sample"));
  g_assert_true (gtk_widget_activate_action (w, "win.zoom-in", NULL));
  /* Stepping by samples: the details pane opens at once, saying which keys step, so the
   * diagram does not jump when the first sample starts. */
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  WAIT_UNTIL (gtk_revealer_get_child_revealed (revealer), 5000);
  g_assert_nonnull (strstr (gtk_label_get_label (details), "End: straight to the batch's update"));
  place = neuron_place (view);

  /* Forward: the hidden layer lights up, then the output. */
  g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_FORWARD);
  assert_same_place (view, &place);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  WAIT_UNTIL (gtk_revealer_get_child_revealed (revealer), 5000);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (revealer)), >, 0);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (details), "Point at a neuron"));
  ns_network_view_set_selection (view, &neuron);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (details),
                                   "Neuron 1 of hidden layer 1\nz = w·x + b = "));
  dump_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (w)),
               "step-1-forward-hidden.png");
  g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
  g_assert_cmpuint (state->layer, ==, 2);
  /* The diagram lights the output up too (its numbers appear at this step). */
  {
    const NnNet *net = ns_experiment_get_net (experiment);
    g_autofree char *out = ns_render_network_step_unit_text (net, state, net->n_units - 1);

    const char *arrow;

    g_assert_nonnull (out);
    /* "z … → a …", on one line or, in a narrow column, two: its "a …" is there either way. */
    arrow = strstr (out, "→ ");
    g_assert_true (has_text_containing (ns_network_view_get_scene (view),
                                        arrow != NULL ? arrow + strlen ("→ ") : out));
  }
  dump_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (w)),
               "step-2-forward-output.png");

  /* Loss: the selected neuron's numbers stay; the output's formula is on the diagram. */
  g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_LOSS);
  ns_network_view_set_selection (view, &(NsNetworkItem){ NS_HIT_NEURON, 1, 0, -1 });
  g_assert_nonnull (strstr (gtk_label_get_label (details), "L = −("));
  dump_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (w)), "step-3-loss.png");

  /* Backward: the output's delta, then the hidden layer's. */
  g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_BACKWARD);
  ns_network_view_set_selection (view, &link);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (details),
                                   "Weight from neuron 3 of hidden layer 1 to the output neuron"));
  g_assert_nonnull (strstr (gtk_label_get_label (details), "δ·x = "));
  /* A batch of one: no "batch gradient so far (samples 1–1)". */
  g_assert_null (strstr (gtk_label_get_label (details), "so far"));
  dump_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (w)),
               "step-4-backward-output.png");
  g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
  /* The diagram follows the walk within a phase too: the hidden layer's deltas appear. */
  {
    const NnNet *net = ns_experiment_get_net (experiment);
    g_autofree char *delta = ns_render_network_step_unit_text (net, state, 0);

    g_assert_nonnull (delta);
    g_assert_true (g_str_has_prefix (delta, "δ "));
    g_assert_true (has_text_containing (ns_network_view_get_scene (view), delta));
  }
  dump_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (w)),
               "step-5-backward-hidden.png");

  /* Update (batch size 1: after every sample): old → new for the selected weight. */
  g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_UPDATE);
  g_assert_nonnull (strstr (gtk_label_get_label (details), "weight w: "));
  dump_widget (adw_application_window_get_content (ADW_APPLICATION_WINDOW (w)),
               "step-6-update.png");

  assert_same_place (view, &place);

  /* Left walks back; Right comes forward again without changing anything. */
  g_assert_true (gtk_widget_activate_action (w, "win.step-back", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_BACKWARD);
  g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_UPDATE);

  /* From an update, Right goes straight on to the next sample: no empty step between
   * batches. The diagram has kept its place all along. */
  {
    guint64 batches = ns_experiment_get_step (experiment);

    g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
    g_assert_cmpint (state->phase, ==, NS_STEP_FORWARD);
    g_assert_cmpuint (state->layer, ==, 1);
    g_assert_cmpuint (ns_experiment_get_step (experiment), ==, batches);
    g_assert_cmpuint (state->step, ==, batches);
  }
  assert_same_place (view, &place);

  /* Shift+Right: whole phases, every layer at once. */
  g_assert_true (gtk_widget_activate_action (w, "win.step-phase", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_FORWARD);
  g_assert_cmpuint (state->layer, ==, state->n_layers);
  g_assert_true (gtk_widget_activate_action (w, "win.step-phase", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_LOSS);
  g_assert_true (gtk_widget_activate_action (w, "win.step-phase", NULL));
  g_assert_cmpint (state->phase, ==, NS_STEP_BACKWARD);
  g_assert_cmpuint (state->layer, ==, state->n_layers);

  /* End: straight to the batch's update, from mid-sample and from a batch's start, with the
   * Step control on any size; the run is the one batch steps make, bit for bit. */
  {
    g_autoptr (NsExperiment) twin = ns_experiment_new (&config, &error);
    const NnNet *net = ns_experiment_get_net (experiment);

    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (w, "win.step-update", NULL));
    g_assert_cmpint (state->phase, ==, NS_STEP_UPDATE);
    g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "epoch"));
    g_assert_true (gtk_widget_activate_action (w, "win.step-update", NULL));
    g_assert_cmpint (state->phase, ==, NS_STEP_UPDATE);
    g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "sample"));

    ns_experiment_step (twin, ns_experiment_get_step (experiment));
    g_assert_cmpuint (ns_experiment_get_step (twin), ==, ns_experiment_get_step (experiment));
    g_assert_true (
        memcmp (ns_experiment_get_net (twin)->params, net->params, net->n_params * sizeof (float))
        == 0);
  }

  /* Then play: the run goes on, the pane folds away. */
  g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "epoch"));
  g_assert_true (gtk_widget_activate_action (w, "win.play", NULL));
  WAIT_UNTIL (ns_experiment_get_epoch (experiment) >= 8, 10000);
  g_assert_true (gtk_widget_activate_action (w, "win.play", NULL));
  g_assert_cmpint (ns_experiment_get_step_state (experiment)->phase, ==, NS_STEP_IDLE);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The menu's Optimizer Race opens a window racing this network on this data; opening it again
 * replaces it, with the window's zoom. */

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/window/step-through", test_step_through);

  return g_test_run ();
}
