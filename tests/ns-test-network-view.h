/* ns-test-network-view.h: a window holding one network view, and finding what it drew, for
 * the network view's UI tests (run under Xvfb). */
#pragma once

#include <adwaita.h>

#include "ns-network-view.h"
#include "ns-test-experiment.h"
#include "ns-test-ui.h"

/* Emits a motion controller's "motion" (at x, y) or "leave" on @view. */
static G_GNUC_UNUSED void
motion_event (NsNetworkView *view, const char *signal, double x, double y)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        continue;
      if (g_str_equal (signal, "motion"))
        g_signal_emit_by_name (controller, "motion", x, y);
      else
        g_signal_emit_by_name (controller, "leave");
    }
}

typedef struct
{
  NsExperiment *experiment;
  GtkWindow *window;
  NsNetworkView *view;
} Fixture;

static G_GNUC_UNUSED void
fixture_open (Fixture *f, NsExperiment *experiment, int width, int height)
{
  f->experiment = experiment;
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, width, height);
  f->view = NS_NETWORK_VIEW (ns_network_view_new ());
  ns_network_view_set_experiment (f->view, experiment);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->view))
                  && gtk_widget_get_width (GTK_WIDGET (f->view)) > 0,
              5000);

  /* Xvfb's pointer rests mid-screen, maybe over a neuron of the new window, whose card would
   * then cover what the tests click: the pointer leaves. */
  run_for (50);
  motion_event (f->view, "leave", -1, -1);
}

static G_GNUC_UNUSED void
fixture_set_up (Fixture *f, gconstpointer data)
{
  fixture_open (f, new_experiment (data), 1000, 700);
}

static G_GNUC_UNUSED void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  run_for (20);
  g_clear_object (&f->experiment);
}

static G_GNUC_UNUSED size_t
count_hits (const NsScene *scene, NsHitKind kind)
{
  size_t n = 0;

  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    if (ns_scene_get_hit (scene, k)->kind == kind)
      n++;

  return n;
}

static G_GNUC_UNUSED const NsHitRegion *
find_hit (const NsScene *scene, NsHitKind kind, int layer, int neuron, int input)
{
  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, k);

      if (hit->kind == kind && hit->layer == layer && hit->neuron == neuron
          && (kind == NS_HIT_NEURON || hit->input == input))
        return hit;
    }

  return NULL;
}

static G_GNUC_UNUSED gboolean
activate (Fixture *f, const char *action, const char *format, ...)
{
  GVariant *parameter = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      parameter = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }

  return gtk_widget_activate_action_variant (GTK_WIDGET (f->view), action, parameter);
}

static G_GNUC_UNUSED void
assert_selection (NsNetworkView *view, NsHitKind kind, int layer, int neuron, int input)
{
  NsNetworkItem item = ns_network_view_get_selection (view);

  g_test_message ("selection %d (%d, %d, %d)", item.kind, item.layer, item.neuron, item.input);
  g_assert_cmpint (item.kind, ==, kind);
  g_assert_cmpint (item.layer, ==, layer);
  g_assert_cmpint (item.neuron, ==, neuron);
  g_assert_cmpint (item.input, ==, input);
}
