/* test-ui-network.c: the interactive network view (run under Xvfb): its editing actions,
 * controls, rendering and speed; keyboard selection and popovers are in
 * test-ui-network-select.c.
 *
 * NS_TEST_DUMP=dir saves the window with the view as dir/ui-network-*.png.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "ns-experiment-step.h"
#include "ns-network-view.h"
#include "ns-render-network.h"
#include "ns-scene-snapshot.h"

#include "ns-test-network-view.h"

/* The view's children with a CSS class (its controls). */
static guint
count_children_with_class (GtkWidget *widget, const char *css_class)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, css_class) && gtk_widget_get_visible (child))
      n++;

  return n;
}

/* ---- dumping ---- */

/* ---- tests ---- */

static void
test_layers_and_neurons (Fixture *f, gconstpointer data)
{
  const NnNet *net = ns_experiment_get_net (f->experiment);
  const NsScene *scene = ns_network_view_get_scene (f->view);
  size_t neurons = count_hits (scene, NS_HIT_NEURON);

  /* The Playground's default: 2 -> 4 -> 2 -> 1. */
  g_assert_cmpuint (net->n_layers, ==, 3);
  g_assert_cmpuint (neurons, ==, 4 + 2 + 1);
  WAIT_UNTIL (count_children_with_class (GTK_WIDGET (f->view), "layer-controls") == 2, 2000);

  /* The width typed into the first layer's popover. */
  {
    GtkWidget *spin = find_descendant (GTK_WIDGET (f->view), GTK_TYPE_SPIN_BUTTON);

    g_assert_nonnull (spin);
    g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 4);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 6);
    g_assert_cmpuint (ns_experiment_get_net (f->experiment)->layers[0].n_out, ==, 6);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 4);
    net = ns_experiment_get_net (f->experiment);
    g_assert_cmpuint (net->layers[0].n_out, ==, 4);
    g_assert_cmpuint (count_hits (ns_network_view_get_scene (f->view), NS_HIT_NEURON), ==, neurons);
  }

  /* A layer of 4 at the end. */
  g_assert_true (activate (f, "network.add-layer", NULL));
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->n_layers, ==, 4);
  g_assert_cmpuint (net->layers[2].n_out, ==, 4);
  g_assert_cmpuint (count_hits (ns_network_view_get_scene (f->view), NS_HIT_NEURON), ==,
                    neurons + 4);
  g_assert_cmpuint (count_children_with_class (GTK_WIDGET (f->view), "layer-controls"), ==, 3);
  dump_widget (GTK_WIDGET (f->view), "ui-network-3-layers.png");

  /* The last layer goes. */
  g_assert_true (activate (f, "network.remove-layer", NULL));
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->n_layers, ==, 3);
  g_assert_cmpuint (net->layers[1].n_out, ==, 2);
  g_assert_cmpuint (count_hits (ns_network_view_get_scene (f->view), NS_HIT_NEURON), ==, neurons);
  g_assert_cmpuint (count_children_with_class (GTK_WIDGET (f->view), "layer-controls"), ==, 2);

  /* Neurons. */
  g_assert_true (activate (f, "network.add-neuron", "u", 0));
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->layers[0].n_out, ==, 5);
  g_assert_cmpuint (count_hits (ns_network_view_get_scene (f->view), NS_HIT_NEURON), ==,
                    neurons + 1);
  g_assert_true (activate (f, "network.remove-neuron", "u", 1));
  g_assert_cmpuint (net->layers[1].n_out, ==, 1);
  g_assert_cmpuint (count_hits (ns_network_view_get_scene (f->view), NS_HIT_NEURON), ==, neurons);

  /* The last neuron of a layer stays. */
  g_assert_true (activate (f, "network.remove-neuron", "u", 1));
  g_assert_cmpuint (net->layers[1].n_out, ==, 1);

  /* Widths, typed. */
  g_assert_true (activate (f, "network.set-width", "(uu)", 1, 7));
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->layers[1].n_out, ==, 7);
  g_assert_cmpuint (count_hits (ns_network_view_get_scene (f->view), NS_HIT_NEURON), ==, 5 + 7 + 1);
  g_assert_true (activate (f, "network.set-width", "(uu)", 1, 40)); /* past the limit */
  g_assert_cmpuint (net->layers[1].n_out, ==, 7);

  /* Up to 16 neurons by "+". */
  for (int k = 0; k < 20; k++)
    activate (f, "network.add-neuron", "u", 0);
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->layers[0].n_out, ==, NS_NETWORK_VIEW_MAX_NEURONS);

  /* Up to 8 hidden layers, down to none. */
  for (int k = 0; k < 10; k++)
    activate (f, "network.add-layer", NULL);
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->n_layers - 1, ==, NS_NETWORK_VIEW_MAX_LAYERS);
  g_assert_cmpuint (count_children_with_class (GTK_WIDGET (f->view), "layer-controls"), ==,
                    NS_NETWORK_VIEW_MAX_LAYERS);
  for (int k = 0; k < 10; k++)
    activate (f, "network.remove-layer", NULL);
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->n_layers, ==, 1);
  g_assert_cmpuint (count_hits (ns_network_view_get_scene (f->view), NS_HIT_NEURON), ==, 1);
  g_assert_cmpuint (count_children_with_class (GTK_WIDGET (f->view), "layer-controls"), ==, 0);
  dump_widget (GTK_WIDGET (f->view), "ui-network-no-hidden.png");

  /* Undo (the window's Ctrl+Z) walks it all back. */
  while (ns_experiment_undo (f->experiment))
    ;
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->n_layers, ==, 3);
  g_assert_cmpuint (count_hits (ns_network_view_get_scene (f->view), NS_HIT_NEURON), ==, neurons);
  g_assert_cmpuint (count_children_with_class (GTK_WIDGET (f->view), "layer-controls"), ==, 2);
}

static void
test_activation (Fixture *f, gconstpointer data)
{
  const NnNet *net = ns_experiment_get_net (f->experiment);
  g_autoptr (NsScene) scene = ns_scene_new ();

  g_assert_cmpint (net->layers[0].act, ==, NN_ACT_TANH);
  g_assert_true (activate (f, "network.set-activation", "(us)", 0, "relu"));
  g_assert_cmpint (net->layers[0].act, ==, NN_ACT_RELU);
  g_assert_cmpint (net->layers[1].act, ==, NN_ACT_TANH);
  g_assert_true (activate (f, "network.set-activation", "(us)", 1, "leaky relu"));
  g_assert_cmpint (net->layers[1].act, ==, NN_ACT_LEAKY_RELU);
  /* Softmax is for outputs only; a bad name changes nothing. */
  g_assert_true (activate (f, "network.set-activation", "(us)", 1, "softmax"));
  g_assert_true (activate (f, "network.set-activation", "(us)", 1, "wobbly"));
  g_assert_cmpint (net->layers[1].act, ==, NN_ACT_LEAKY_RELU);

  /* The export picture says so under the column title. */
  ns_network_view_render_export (f->view, scene, 1000, 600);
  {
    gboolean relu = FALSE, leaky = FALSE;

    for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, k);

        if (prim->kind != NS_PRIM_TEXT)
          continue;
        relu = relu || g_str_equal (prim->text.text, "ReLU");
        leaky = leaky || g_str_equal (prim->text.text, "leaky ReLU");
      }
    g_assert_true (relu);
    g_assert_true (leaky);
  }
}

static void
test_features (Fixture *f, gconstpointer data)
{
  const NnNet *net = ns_experiment_get_net (f->experiment);
  const NsScene *scene = ns_network_view_get_scene (f->view);
  const NsHitRegion *hit;

  /* Every feature has a picture; only X1 and X2 feed the network. */
  g_assert_cmpuint (count_hits (scene, NS_HIT_INPUT), ==, NS_N_FEATURES);
  g_assert_cmpuint (net->n_inputs, ==, 2);
  hit = find_hit (scene, NS_HIT_INPUT, -1, NS_FEATURE_X1SQ, -1);
  g_assert_nonnull (hit);

  g_assert_true (activate (f, "network.toggle-feature", "s", "x1sq"));
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->n_inputs, ==, 3);
  g_assert_cmpuint (ns_experiment_get_config (f->experiment)->features, ==,
                    (1u << NS_FEATURE_X1) | (1u << NS_FEATURE_X2) | (1u << NS_FEATURE_X1SQ));
  scene = ns_network_view_get_scene (f->view);
  g_assert_nonnull (find_hit (scene, NS_HIT_INPUT, -1, NS_FEATURE_X1SQ, 2));
  g_assert_nonnull (find_hit (scene, NS_HIT_LINK, 0, 0, 2)); /* it has links now */

  g_assert_true (activate (f, "network.toggle-feature", "s", "x1"));
  g_assert_true (activate (f, "network.toggle-feature", "s", "x2"));
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->n_inputs, ==, 1);

  /* The last feature in use cannot go. */
  g_assert_true (activate (f, "network.toggle-feature", "s", "x1sq"));
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpuint (net->n_inputs, ==, 1);
  g_assert_cmpuint (ns_experiment_get_config (f->experiment)->features, ==, 1u << NS_FEATURE_X1SQ);
  dump_widget (GTK_WIDGET (f->view), "ui-network-x1sq.png");

  /* Clicking a feature's picture turns it on. */
  {
    g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
    GtkGesture *click = NULL;

    for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
      {
        g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, c);

        if (GTK_IS_GESTURE_CLICK (controller))
          click = GTK_GESTURE (controller);
      }
    g_assert_nonnull (click);

    scene = ns_network_view_get_scene (f->view);
    hit = find_hit (scene, NS_HIT_INPUT, -1, NS_FEATURE_R, -1);
    g_assert_nonnull (hit);
    g_signal_emit_by_name (click, "released", 1, (hit->x0 + hit->x1) / 2, (hit->y0 + hit->y1) / 2);
    net = ns_experiment_get_net (f->experiment);
    g_assert_cmpuint (net->n_inputs, ==, 2);
    g_assert_true (ns_experiment_get_config (f->experiment)->features & (1u << NS_FEATURE_R));
    assert_selection (f->view, NS_HIT_INPUT, -1, NS_FEATURE_R, 1);
  }
}

static void
test_set_weight (Fixture *f, gconstpointer data)
{
  const NnNet *net = ns_experiment_get_net (f->experiment);
  g_autofree float *before = g_memdup2 (net->params, net->n_params * sizeof (float));
  size_t index = nn_net_param_index (net, 1, 1, 2);
  size_t bias = nn_net_param_index (net, 0, 3, net->layers[0].n_in);
  guint64 version = ns_experiment_get_version (f->experiment);

  g_assert_true (activate (f, "network.set-weight", "(uuud)", 1, 1, 2, 0.75));
  net = ns_experiment_get_net (f->experiment);
  for (size_t k = 0; k < net->n_params; k++)
    if (k == index)
      g_assert_cmpfloat (net->params[k], ==, 0.75f);
    else
      g_assert_cmpfloat (net->params[k], ==, before[k]);
  g_assert_cmpuint (ns_experiment_get_version (f->experiment), >, version);

  /* input == n_in is the bias. */
  g_assert_true (activate (f, "network.set-weight", "(uuud)", 0, 3, 2, -1.5));
  g_assert_cmpfloat (ns_experiment_get_net (f->experiment)->params[bias], ==, -1.5f);

  /* Out of range: nothing changes. */
  g_assert_true (activate (f, "network.set-weight", "(uuud)", 5, 0, 0, 1.0));
  g_assert_true (activate (f, "network.set-weight", "(uuud)", 0, 0, 0, NAN));
  g_assert_cmpfloat (ns_experiment_get_net (f->experiment)->params[index], ==, 0.75f);

  /* The drawn link follows the weight: blue and wide. */
  {
    const NsScene *scene = ns_network_view_get_scene (f->view);
    const NsHitRegion *hit = find_hit (scene, NS_HIT_LINK, 1, 1, 2);
    NsRenderStyle style;

    g_assert_nonnull (hit);
    ns_render_style_init (&style, FALSE, 1);
    g_assert_cmpfloat (hit->tolerance, >=, ns_render_network_link_width (&style, 0.75f) / 2);
  }
}

static void
test_csv (void)
{
  static const char *const options[] = { "data", NULL, "hidden", "5", NULL };
  g_autofree char *path =
      g_build_filename (g_getenv ("NEUROSCOPE_DATADIR"), "datasets", "iris.csv", NULL);
  const char *with_path[G_N_ELEMENTS (options)];
  Fixture f;
  const NsScene *scene;
  NsNetworkItem item = { NS_HIT_INPUT, -1, 2, -1 };

  memcpy (with_path, options, sizeof options);
  with_path[1] = path;
  fixture_open (&f, new_experiment (with_path), 1000, 600);

  /* The inputs are the data's four columns, all in use, none to toggle. */
  scene = ns_network_view_get_scene (f.view);
  g_assert_cmpuint (count_hits (scene, NS_HIT_INPUT), ==, 4);
  g_assert_nonnull (find_hit (scene, NS_HIT_INPUT, -1, 3, 3));
  g_assert_cmpuint (count_hits (scene, NS_HIT_NEURON), ==, 5 + 3);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "network.toggle-feature", "s", "x1");
  g_assert_cmpuint (ns_experiment_get_net (f.experiment)->n_inputs, ==, 4);
  ns_network_view_set_selection (f.view, &item);
  assert_selection (f.view, NS_HIT_INPUT, -1, 2, 2);
  g_assert_false (ns_network_view_activate_selection (f.view));
  g_assert_cmpuint (ns_experiment_get_net (f.experiment)->n_inputs, ==, 4);
  dump_widget (GTK_WIDGET (f.view), "ui-network-iris.png");

  fixture_tear_down (&f, NULL);
}

/* Images of pw x ph pixels in @scene. */
static guint
count_images (const NsScene *scene, int pw, int ph)
{
  guint n = 0;

  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_IMAGE && prim->image.pixel_width == pw
          && prim->image.pixel_height == ph)
        n++;
    }
  return n;
}

/* A digits conv net in the window: the network view maps and shows one sample's feature maps,
 * without the plane's layer buttons; a map is selected by the keyboard's selection, not
 * edited; another test sample shows another input. */
static void
test_images (void)
{
  NsExperiment *exp = make_experiment ("dataset", "digits", "hidden", "c8k3,p2,32", NULL);
  NsWindow *window = present_window (exp);
  NsNetworkView *view;
  const NsScene *scene;
  NsNetworkItem map = { NS_HIT_NEURON, 0, 3, -1 };
  NsNetworkItem link = { NS_HIT_LINK, 2, 0, 0 };
  guint64 version;

  view = NS_NETWORK_VIEW (find_descendant (GTK_WIDGET (window), NS_TYPE_NETWORK_VIEW));
  g_assert_nonnull (view);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (view))
                  && gtk_widget_get_width (GTK_WIDGET (view)) > 0,
              5000);
  scene = ns_network_view_get_scene (view);
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1 + 8); /* the input and 8 maps */
  g_assert_cmpuint (count_images (scene, 4, 4), ==, 8);     /* 8 pooled maps */
  g_assert_nonnull (find_hit (scene, NS_HIT_NEURON, 0, 7, -1));
  /* The plane's layer buttons give way to the layer list. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      {
        GtkWidget *entry = find_descendant (child, GTK_TYPE_ENTRY);

        g_assert_nonnull (entry);
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "c8k3,p2,32");
      }

  ns_network_view_set_selection (view, &map);
  assert_selection (view, NS_HIT_NEURON, 0, 3, -1);
  version = ns_experiment_get_version (exp);
  g_assert_false (ns_network_view_activate_selection (view));
  g_assert_cmpuint (ns_experiment_get_version (exp), ==, version);
  ns_network_view_set_selection (view, &link);
  assert_selection (view, NS_HIT_NONE, -1, -1, -1);
  {
    g_autofree char *text = ns_network_view_describe_at (view, -10, -10);

    g_assert_null (text);
  }

  g_object_set (view, "sample", 3u, NULL);
  g_assert_cmpuint (ns_network_view_get_sample (view), ==, 3);
  scene = ns_network_view_get_scene (view);
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1 + 8);
  dump_widget (GTK_WIDGET (view), "ui-network-digits.png");

  /* The layer list: a dense width in place, a bad list refused, a conv change rebuilt. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (view), "network.set-layers", "s", "c8k3,p2,16"));
  g_assert_cmpuint (nn_net_layer_width (ns_experiment_get_net (exp), 2), ==, 16);
  version = ns_experiment_get_version (exp);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (view), "network.set-layers", "s", "c8k4,p2,16"));
  g_assert_cmpuint (ns_experiment_get_version (exp), ==, version);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (view), "network.set-layers", "s", "c4k3,p2,16"));
  g_assert_cmpuint (ns_experiment_get_net (exp)->layers[0].out.channels, ==, 4);
  scene = ns_network_view_get_scene (view);
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1 + 4);
  g_assert_cmpuint (count_images (scene, 4, 4), ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (20);
  g_object_unref (exp);
}

/* The whole picture per frame must stay cheap (6 hidden layers of 8 on the spiral). */
static void
test_speed (void)
{
  static const char *const options[] = { "dataset", "spiral", "hidden", "8,8,8,8,8,8", NULL };
  const char *strict = g_getenv ("NS_TEST_TIMING");
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autoptr (NsSnapshotPainter) painter = ns_snapshot_painter_new ();
  g_autoptr (NsExperiment) experiment = new_experiment (options);
  gint64 build[40], paint[40];
  NsRenderStyle style;
  NsNetworkLayout layout;

  ns_render_style_init (&style, FALSE, 1.0);

  /* Laid out once, as the view does at each allocation. */
  {
    NsNetworkViewData view;

    ns_render_network_prepare (&view, experiment, 0);
    ns_render_network_layout (&layout, scene, &view, &style, 1200, 800);
  }

  for (int frame = 0; frame < 40; frame++)
    {
      NsNetworkViewData view;
      GtkSnapshot *snapshot;
      GskRenderNode *node;
      gint64 t0, t1, t2;

      /* Training between frames: every heatmap is new. */
      ns_experiment_step (experiment, 1);
      ns_render_network_prepare (&view, experiment, 64);
      view.layout = &layout;

      t0 = g_get_monotonic_time ();
      ns_scene_clear (scene);
      ns_render_network (scene, &view, &style, 1200, 800);
      t1 = g_get_monotonic_time ();
      snapshot = gtk_snapshot_new ();
      ns_snapshot_painter_paint (painter, scene, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t2 = g_get_monotonic_time ();
      gsk_render_node_unref (node);

      build[frame] = t1 - t0;
      paint[frame] = t2 - t0 - (t1 - t0);
    }

  /* Medians of the frames after the first few (caches warm). */
  {
    int n = 30;
    gint64 *b = build + 10, *p = paint + 10;

    for (int i = 0; i < n; i++)
      for (int j = i + 1; j < n; j++)
        {
          if (b[j] < b[i])
            {
              gint64 t = b[i];
              b[i] = b[j];
              b[j] = t;
            }
          if (p[j] < p[i])
            {
              gint64 t = p[i];
              p[i] = p[j];
              p[j] = t;
            }
        }
    g_test_message ("scene %" G_GINT64_FORMAT " us, render nodes %" G_GINT64_FORMAT " us, "
                    "%zu primitives",
                    b[n / 2], p[n / 2], ns_scene_get_n_prims (scene));

    /* Loose bounds by default (sanitizers, busy machines); NS_TEST_TIMING=1 holds the budget
     * of 1.5 ms each. */
    if (strict != NULL && *strict == '1')
      {
        g_assert_cmpint (b[n / 2], <=, 1500);
        g_assert_cmpint (p[n / 2], <=, 1500);
      }
    else
      {
        g_assert_cmpint (b[n / 2], <=, 30000);
        g_assert_cmpint (p[n / 2], <=, 30000);
      }
  }
}

static void
test_render (Fixture *f, gconstpointer data)
{
  const char *dump = g_getenv ("NS_TEST_DUMP");

  /* Training redraws the view (its version moves on). */
  {
    const NsScene *scene = ns_network_view_get_scene (f->view);
    size_t images = ns_scene_count_prims (scene, NS_PRIM_IMAGE);

    g_assert_cmpuint (images, ==, NS_N_FEATURES + ns_experiment_get_net (f->experiment)->n_units);
  }
  ns_experiment_train_epochs (f->experiment, 30);
  run_for (50);
  dump_widget (GTK_WIDGET (f->view), "ui-network-trained.png");

  /* Hovering a neuron shows its card. */
  {
    const NsScene *scene = ns_network_view_get_scene (f->view);
    const NsHitRegion *hit;

    motion_event (f->view, "leave", -1, -1);
    scene = ns_network_view_get_scene (f->view);
    g_assert_cmpuint (count_hits (scene, NS_HIT_NONE), ==, 0);
    hit = find_hit (scene, NS_HIT_NEURON, 0, 1, -1);
    g_assert_nonnull (hit);
    motion_event (f->view, "motion", (hit->x0 + hit->x1) / 2, (hit->y0 + hit->y1) / 2);
    scene = ns_network_view_get_scene (f->view);
    g_assert_cmpuint (count_hits (scene, NS_HIT_NONE), ==, 1);
    if (dump != NULL)
      dump_widget (GTK_WIDGET (f->view), "ui-network-hover.png");
  }

  /* Dark. */
  if (dump != NULL)
    {
      AdwStyleManager *manager = adw_style_manager_get_default ();

      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
      dump_widget (GTK_WIDGET (f->view), "ui-network-dark.png");
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
    }

  /* Zoomed, as on a projector. */
  ns_network_view_set_zoom (f->view, 1.5);
  gtk_window_set_default_size (f->window, 1600, 1000);
  run_for (200);
  dump_widget (GTK_WIDGET (f->view), "ui-network-zoom.png");
}

/* A text of @scene that starts with @prefix, or NULL. */
static const char *
find_text_prefix (const NsScene *scene, const char *prefix)
{
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_TEXT && g_str_has_prefix (prim->text.text, prefix))
        return prim->text.text;
    }

  return NULL;
}

/* Stepping moves the phase without a version bump or a signal: the view's scene still follows
 * it (the window queues a draw after each step action), and IDLE brings the plain picture
 * back. */
static void
test_step (Fixture *f, gconstpointer data)
{
  const NnNet *net = ns_experiment_get_net (f->experiment);
  const NsStepState *step;
  g_autofree char *expected = NULL;
  g_autofree char *loss = NULL;
  guint64 version = ns_experiment_get_version (f->experiment);

  g_assert_null (find_text_prefix (ns_network_view_get_scene (f->view), "z "));

  g_assert_true (ns_experiment_step_phase (f->experiment));
  step = ns_experiment_get_step_state (f->experiment);
  g_assert_cmpint (step->phase, ==, NS_STEP_FORWARD);
  g_assert_cmpuint (ns_experiment_get_version (f->experiment), ==, version);
  expected = ns_render_network_step_unit_text (net, step, 0);
  g_assert_cmpstr (find_text_prefix (ns_network_view_get_scene (f->view), "z "), ==, expected);

  g_assert_true (ns_experiment_step_phase (f->experiment));
  step = ns_experiment_get_step_state (f->experiment);
  loss = ns_render_network_step_loss_text (net, step);
  g_assert_cmpstr (find_text_prefix (ns_network_view_get_scene (f->view), "L = "), ==, loss);
  run_for (50);

  /* Back to FORWARD: the same numbers as before. */
  g_assert_true (ns_experiment_step_back (f->experiment));
  g_assert_null (find_text_prefix (ns_network_view_get_scene (f->view), "L = "));
  g_assert_cmpstr (find_text_prefix (ns_network_view_get_scene (f->view), "z "), ==, expected);

  ns_experiment_step_cancel (f->experiment);
  g_assert_null (find_text_prefix (ns_network_view_get_scene (f->view), "z "));
  g_assert_null (find_text_prefix (ns_network_view_get_scene (f->view), "L = "));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/network/layers-neurons", Fixture, NULL, fixture_set_up, test_layers_and_neurons,
              fixture_tear_down);
  g_test_add ("/ui/network/activation", Fixture, NULL, fixture_set_up, test_activation,
              fixture_tear_down);
  g_test_add ("/ui/network/features", Fixture, NULL, fixture_set_up, test_features,
              fixture_tear_down);
  g_test_add ("/ui/network/set-weight", Fixture, NULL, fixture_set_up, test_set_weight,
              fixture_tear_down);
  g_test_add ("/ui/network/render", Fixture, NULL, fixture_set_up, test_render, fixture_tear_down);
  g_test_add ("/ui/network/step", Fixture, NULL, fixture_set_up, test_step, fixture_tear_down);
  g_test_add_func ("/ui/network/csv", test_csv);
  g_test_add_func ("/ui/network/images", test_images);
  g_test_add_func ("/ui/network/speed", test_speed);

  return g_test_run ();
}
