/* ns-network-view-pointer.c: the network view under the pointer: what a hover highlights and
 * its tooltip says, what a click selects or opens. */
#include "config.h"
#include "ns-network-view-private.h"

static NsNetworkItem
hit_item (const NsHitRegion *hit)
{
  if (hit == NULL
      || (hit->kind != NS_HIT_INPUT && hit->kind != NS_HIT_NEURON && hit->kind != NS_HIT_LINK))
    return ns_network_view_no_item;
  return (NsNetworkItem){ hit->kind, hit->layer, hit->neuron, hit->input };
}

char *
ns_network_view_describe_at (NsNetworkView *self, double x, double y)
{
  NsNetworkItem item;

  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  if (self->experiment == NULL)
    return NULL;

  ns_network_view_ensure_scene (self);
  item = hit_item (ns_scene_hit_test (self->scene, x, y));
  return ns_network_view_describe_item (self, &item);
}

gboolean
ns_network_view_query_tooltip (GtkWidget *widget,
                               int x,
                               int y,
                               gboolean keyboard_tooltip,
                               GtkTooltip *tooltip)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  g_autofree char *text = NULL;
  NsNetworkItem item;

  if (self->experiment == NULL || keyboard_tooltip)
    return FALSE;

  ns_network_view_ensure_scene (self);
  item = hit_item (ns_scene_hit_test (self->scene, x, y));

  /* While stepping, the details pane under the diagram shows the item's numbers: a tooltip
   * would cover the diagram's. */
  if (ns_experiment_get_step_state (self->experiment)->phase != NS_STEP_IDLE)
    return FALSE;

  /* A neuron's card already shows its bias and picture. */
  if (item.kind == NS_HIT_NEURON)
    return FALSE;

  text = ns_network_view_describe_item (self, &item);
  if (text == NULL)
    return FALSE;

  if (item.kind == NS_HIT_LINK)
    {
      char *more = g_strconcat (text, "\nClick to type a new weight", NULL);

      g_free (text);
      text = more;
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_hover (NsNetworkView *self, const NsNetworkItem *item)
{
  if (ns_network_view_item_equal (item, &self->hover))
    return;

  self->hover = *item;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), item->kind != NS_HIT_NONE ? "pointer" : NULL);
  ns_network_view_invalidate (self);
  ns_network_view_set_details (self, item);
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, NsNetworkView *self)
{
  NsNetworkItem item;

  ns_network_view_ensure_scene (self);
  item = hit_item (ns_scene_hit_test (self->scene, x, y));
  set_hover (self, &item);
}

static void
leave_cb (GtkEventControllerMotion *controller, NsNetworkView *self)
{
  set_hover (self, &ns_network_view_no_item);
}

static void
click_released_cb (GtkGestureClick *gesture, int n_press, double x, double y, NsNetworkView *self)
{
  NsNetworkItem item;

  if (self->experiment == NULL || n_press != 1)
    return;

  ns_network_view_ensure_scene (self);
  item = hit_item (ns_scene_hit_test (self->scene, x, y));
  ns_network_view_select_item (self, &item);
  if (item.kind == NS_HIT_NONE)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  ns_network_view_activate_item (self, &self->selection);
}

void
ns_network_view_add_pointer_controllers (NsNetworkView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}
