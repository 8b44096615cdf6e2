/* test-ui-network-select.c: the network view's keyboard selection, clicks, popovers and
 * accessible description (run under Xvfb); its editing actions are in test-ui-network.c.
 *
 * Keys are sent the way GTK dispatches them to shortcuts: from the focus widget up to the
 * window, each widget's bubble-phase shortcut controllers in turn, until one handles the key.
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

/* ---- keys ---- */

/* Runs the shortcuts of @widget's bubble-phase shortcut controllers that match the key. */
static gboolean
run_shortcuts (GtkWidget *widget, guint keyval, GdkModifierType mods)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_BUBBLE)
        continue;

      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger)
              || gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval
              || gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != mods)
            continue;

          if (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                            GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                            gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }

  return FALSE;
}

/* A key press as shortcuts see it: the focus widget first, then its ancestors. Returns the
 * widget that handled it, or NULL. */
static GtkWidget *
send_key (GtkWindow *window, guint keyval, GdkModifierType mods)
{
  for (GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (window)); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    if (run_shortcuts (widget, keyval, mods))
      return widget;

  return NULL;
}

/* ---- dumping ---- */

/* ---- tests ---- */

static void
test_keyboard (Fixture *f, gconstpointer data)
{
  const NnNet *net = ns_experiment_get_net (f->experiment);
  GtkWidget *popover, *entry;
  float w;

  /* The window's first focus selects nothing: the arrows stay the window's (Right steps). */
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));
  assert_selection (f->view, NS_HIT_NONE, -1, -1, -1);
  g_assert_true (send_key (f->window, GDK_KEY_Right, 0) == GTK_WIDGET (f->window));
  assert_selection (f->view, NS_HIT_NONE, -1, -1, -1);

  /* Tabbing in (here Shift+Tab from its first button) selects the first neuron. */
  gtk_widget_grab_focus (find_descendant (GTK_WIDGET (f->view), GTK_TYPE_BUTTON));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));
  assert_selection (f->view, NS_HIT_NEURON, 0, 0, -1);
  g_assert_true (send_key (f->window, GDK_KEY_Down, 0) == GTK_WIDGET (f->view));
  assert_selection (f->view, NS_HIT_NEURON, 0, 1, -1);
  g_assert_true (send_key (f->window, GDK_KEY_Right, 0) == GTK_WIDGET (f->view));
  assert_selection (f->view, NS_HIT_NEURON, 1, 1, -1);
  send_key (f->window, GDK_KEY_Right, 0);
  assert_selection (f->view, NS_HIT_NEURON, 2, 0, -1); /* the output has one row */
  send_key (f->window, GDK_KEY_Right, 0);
  assert_selection (f->view, NS_HIT_NEURON, 2, 0, -1); /* and nothing right of it */
  send_key (f->window, GDK_KEY_Left, 0);
  send_key (f->window, GDK_KEY_Left, 0);
  send_key (f->window, GDK_KEY_Left, 0);
  assert_selection (f->view, NS_HIT_INPUT, -1, 0, 0); /* X1 */
  send_key (f->window, GDK_KEY_Down, 0);
  send_key (f->window, GDK_KEY_Down, 0);
  assert_selection (f->view, NS_HIT_INPUT, -1, NS_FEATURE_X1SQ, -1); /* not in use */
  send_key (f->window, GDK_KEY_Up, 0);
  assert_selection (f->view, NS_HIT_INPUT, -1, NS_FEATURE_X2, 1);

  /* Shift+Right: onto X2's first link; Up / Down move its target. */
  send_key (f->window, GDK_KEY_Right, GDK_SHIFT_MASK);
  assert_selection (f->view, NS_HIT_LINK, 0, 0, 1);
  send_key (f->window, GDK_KEY_Down, 0);
  send_key (f->window, GDK_KEY_Down, 0);
  assert_selection (f->view, NS_HIT_LINK, 0, 2, 1);
  send_key (f->window, GDK_KEY_Right, 0);
  assert_selection (f->view, NS_HIT_NEURON, 0, 2, -1);

  /* Shift+Left: onto its first incoming link; Up / Down move the source. */
  send_key (f->window, GDK_KEY_Left, GDK_SHIFT_MASK);
  assert_selection (f->view, NS_HIT_LINK, 0, 2, 0);
  send_key (f->window, GDK_KEY_Down, 0);
  assert_selection (f->view, NS_HIT_LINK, 0, 2, 1);

  /* The selected link is drawn with a halo: two extra lines over the links. */
  {
    const NsScene *scene = ns_network_view_get_scene (f->view);
    size_t links = count_hits (scene, NS_HIT_LINK);

    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, links + 2);
  }

  /* Enter: a popover with the weight; typing a number and Enter sets it. */
  g_assert_true (send_key (f->window, GDK_KEY_Return, 0) == GTK_WIDGET (f->view));
  popover = ns_network_view_get_edit_popover (f->view);
  g_assert_nonnull (popover);
  WAIT_UNTIL (gtk_widget_get_mapped (popover), 2000);
  entry = find_descendant (popover, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  w = net->params[nn_net_param_index (net, 0, 2, 1)];
  g_assert_cmpfloat (fabs (g_ascii_strtod (gtk_editable_get_text (GTK_EDITABLE (entry)), NULL) - w),
                     <, 1e-3);
  dump_widget (GTK_WIDGET (f->view), "ui-network-link-selected.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "not a number");
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (ns_network_view_get_edit_popover (f->view)); /* still open */
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 0, 2, 1)], ==, w);

  gtk_editable_set_text (GTK_EDITABLE (entry), "-0,625");
  g_signal_emit_by_name (entry, "activate");
  net = ns_experiment_get_net (f->experiment);
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 0, 2, 1)], ==, -0.625f);
  WAIT_UNTIL (ns_network_view_get_edit_popover (f->view) == NULL, 2000);
  WAIT_UNTIL (gtk_widget_is_focus (GTK_WIDGET (f->view)), 2000);
  assert_selection (f->view, NS_HIT_LINK, 0, 2, 1);

  /* A neuron's popover edits its bias; closing it (Escape) changes nothing. */
  send_key (f->window, GDK_KEY_Right, 0);
  assert_selection (f->view, NS_HIT_NEURON, 0, 2, -1);
  g_assert_true (ns_network_view_activate_selection (f->view));
  popover = ns_network_view_get_edit_popover (f->view);
  g_assert_nonnull (popover);
  entry = find_descendant (popover, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "3");
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 0, 2, net->layers[0].n_in)], !=, 3.f);
  WAIT_UNTIL (gtk_widget_is_focus (GTK_WIDGET (f->view)), 2000);

  g_assert_true (ns_network_view_activate_selection (f->view));
  entry = find_descendant (ns_network_view_get_edit_popover (f->view), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "3");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpfloat (net->params[nn_net_param_index (net, 0, 2, net->layers[0].n_in)], ==, 3.f);
  WAIT_UNTIL (gtk_widget_is_focus (GTK_WIDGET (f->view)), 2000);

  /* The card shows the selected neuron larger, with its bias. */
  {
    const NsScene *scene = ns_network_view_get_scene (f->view);
    gboolean bias_text = FALSE;

    g_assert_cmpuint (count_hits (scene, NS_HIT_NONE), ==, 1);
    for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, k);

        if (prim->kind == NS_PRIM_TEXT && g_str_equal (prim->text.text, "Bias 3.000"))
          bias_text = TRUE;
      }
    g_assert_true (bias_text);
  }
  dump_widget (GTK_WIDGET (f->view), "ui-network-neuron-card.png");

  /* Enter on a feature turns it on or off. */
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));
  send_key (f->window, GDK_KEY_Left, 0);
  assert_selection (f->view, NS_HIT_INPUT, -1, NS_FEATURE_X1SQ, -1);
  send_key (f->window, GDK_KEY_KP_Enter, 0);
  g_assert_cmpuint (ns_experiment_get_net (f->experiment)->n_inputs, ==, 3);
  assert_selection (f->view, NS_HIT_INPUT, -1, NS_FEATURE_X1SQ, 2);

  /* Escape drops the selection; then the arrows and Enter pass on to the window. */
  g_assert_true (send_key (f->window, GDK_KEY_Escape, 0) == GTK_WIDGET (f->view));
  assert_selection (f->view, NS_HIT_NONE, -1, -1, -1);
  g_assert_true (send_key (f->window, GDK_KEY_Right, 0) != GTK_WIDGET (f->view));
  g_assert_true (send_key (f->window, GDK_KEY_Return, 0) != GTK_WIDGET (f->view));
  assert_selection (f->view, NS_HIT_NONE, -1, -1, -1);

  /* Focus elsewhere: the keys are not the view's even with a selection. */
  {
    NsNetworkItem item = { NS_HIT_NEURON, 1, 1, -1 };
    GtkWidget *button = find_descendant (GTK_WIDGET (f->view), GTK_TYPE_BUTTON);

    gtk_widget_grab_focus (GTK_WIDGET (f->view));
    ns_network_view_set_selection (f->view, &item);
    assert_selection (f->view, NS_HIT_NEURON, 1, 1, -1);
    g_assert_true (send_key (f->window, GDK_KEY_Up, 0) == GTK_WIDGET (f->view));
    assert_selection (f->view, NS_HIT_NEURON, 1, 0, -1);
    g_assert_true (gtk_widget_grab_focus (button));
    assert_selection (f->view, NS_HIT_NONE, -1, -1, -1);
  }
}

static void
test_click_link (Fixture *f, gconstpointer data)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  const NsScene *scene = ns_network_view_get_scene (f->view);
  const NsHitRegion *hit = find_hit (scene, NS_HIT_LINK, 1, 0, 3);
  GtkGesture *click = NULL;
  GtkWidget *entry;
  const NnNet *net;
  double x, y;

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  g_assert_nonnull (hit);

  /* A point on the link near its source, where no other link runs. */
  x = hit->x0 + (hit->x1 - hit->x0) * 0.15;
  y = hit->y0 + (hit->y1 - hit->y0) * 0.15;
  {
    const NsHitRegion *under = ns_scene_hit_test (scene, x, y);

    g_assert_nonnull (under);
    g_assert_cmpint (under->kind, ==, NS_HIT_LINK);
    x = hit->x0 + (hit->x1 - hit->x0) * 0.15;
  }
  g_signal_emit_by_name (click, "released", 1, x, y);

  {
    NsNetworkItem item = ns_network_view_get_selection (f->view);
    const NsHitRegion *under = ns_scene_hit_test (ns_network_view_get_scene (f->view), x, y);

    g_assert_cmpint (item.kind, ==, NS_HIT_LINK);
    g_assert_cmpint (item.layer, ==, under->layer);
    g_assert_cmpint (item.neuron, ==, under->neuron);
    g_assert_cmpint (item.input, ==, under->input);
  }

  g_assert_nonnull (ns_network_view_get_edit_popover (f->view));
  entry = find_descendant (ns_network_view_get_edit_popover (f->view), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "−2"); /* a real minus sign */
  g_signal_emit_by_name (entry, "activate");
  net = ns_experiment_get_net (f->experiment);
  {
    NsNetworkItem item = ns_network_view_get_selection (f->view);

    g_assert_cmpfloat (net->params[nn_net_param_index (net, item.layer, item.neuron, item.input)],
                       ==, -2.f);
  }

  /* A tooltip names the weight. */
  {
    g_autofree char *text = ns_network_view_describe_at (f->view, x, y);

    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, "Weight -2.000"));
  }

  /* A click on nothing drops the selection. */
  g_signal_emit_by_name (click, "released", 1, 2.0,
                         (double) gtk_widget_get_height (GTK_WIDGET (f->view)) - 2);
  assert_selection (f->view, NS_HIT_NONE, -1, -1, -1);
}

static void
test_accessible (Fixture *f, gconstpointer data)
{
  NsNetworkItem item = { NS_HIT_NEURON, 0, 1, -1 };

  gtk_test_accessible_assert_role (f->view, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (f->view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Network diagram");
  gtk_test_accessible_assert_property (f->view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "2 inputs, hidden layers of 4 and 2 neurons, tanh, "
                                       "1 output");

  /* The selection is described too. */
  ns_network_view_set_selection (f->view, &item);
  {
    const NnNet *net = ns_experiment_get_net (f->experiment);
    float bias = net->params[nn_net_param_index (net, 0, 1, net->layers[0].n_in)];
    g_autofree char *expected =
        g_strdup_printf ("2 inputs, hidden layers of 4 and 2 neurons, tanh, 1 output. "
                         "Selected: Neuron 2 of hidden layer 1,Bias %.3f",
                         bias);

    gtk_test_accessible_assert_property (f->view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  }

  /* It follows edits. */
  activate (f, "network.add-layer", NULL);
  activate (f, "network.set-activation", "(us)", 2, "relu");
  ns_network_view_set_selection (f->view, NULL);
  gtk_test_accessible_assert_property (f->view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "2 inputs, hidden layers of 4, 2 and 4 neurons "
                                       "(tanh, tanh and ReLU), 1 output");
}

/* An image network: the arrows walk its maps and neurons (a column per layer, a row per map),
 * Shift+arrows have no links to go to, Enter edits nothing, and the selected map is outlined. */
static void
test_keyboard_images (void)
{
  Fixture f;
  NsNetworkItem first = { NS_HIT_NEURON, 0, 0, -1 };
  guint64 version;

  fixture_open (&f, make_experiment ("dataset", "digits", "hidden", "c8k3,p2,32", NULL), 900, 600);
  gtk_widget_grab_focus (GTK_WIDGET (f.view));
  ns_network_view_set_selection (f.view, &first);
  assert_selection (f.view, NS_HIT_NEURON, 0, 0, -1);
  g_assert_true (send_key (f.window, GDK_KEY_Down, 0) == GTK_WIDGET (f.view));
  assert_selection (f.view, NS_HIT_NEURON, 0, 1, -1);
  for (int k = 0; k < 10; k++)
    send_key (f.window, GDK_KEY_Down, 0);
  assert_selection (f.view, NS_HIT_NEURON, 0, 7, -1); /* 8 maps */
  send_key (f.window, GDK_KEY_Right, 0);
  assert_selection (f.view, NS_HIT_NEURON, 1, 7, -1); /* the pooled map of the same channel */
  send_key (f.window, GDK_KEY_Right, GDK_SHIFT_MASK);
  assert_selection (f.view, NS_HIT_NEURON, 1, 7, -1);
  send_key (f.window, GDK_KEY_Left, 0);
  send_key (f.window, GDK_KEY_Left, 0);
  assert_selection (f.view, NS_HIT_INPUT, -1, 0, 0);
  version = ns_experiment_get_version (f.experiment);
  send_key (f.window, GDK_KEY_Return, 0);
  g_assert_cmpuint (ns_experiment_get_version (f.experiment), ==, version);
  fixture_tear_down (&f, NULL);
}

int
main (int argc, char **argv)
{
  static const char *const deep[] = { "hidden", "6,6,4", "activation", "relu", NULL };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/network/keyboard-images", test_keyboard_images);
  g_test_add ("/ui/network/keyboard", Fixture, NULL, fixture_set_up, test_keyboard,
              fixture_tear_down);
  g_test_add ("/ui/network/click-link", Fixture, deep, fixture_set_up, test_click_link,
              fixture_tear_down);
  g_test_add ("/ui/network/accessible", Fixture, NULL, fixture_set_up, test_accessible,
              fixture_tear_down);

  return g_test_run ();
}
