/* ns-network-view-select.c: the network view's selection and keys: selecting an item,
 * activating it, moving the selection with the arrows, Enter and Escape, and the focus coming
 * in (Tab selects the first neuron) and going (the selection goes). Its own file because the
 * keyboard's walk over the diagram is a responsibility of its own, beside drawing it. */
#include "config.h"

#include "ns-network-view-private.h"

NsNetworkItem
ns_network_view_get_selection (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), ns_network_view_no_item);

  return self->selection;
}

void
ns_network_view_select_item (NsNetworkView *self, const NsNetworkItem *item)
{
  NsNetworkItem next = *item;

  if (next.kind == NS_HIT_INPUT && ns_network_view_item_exists (self, &next))
    next = ns_network_view_input_item (self, next.neuron);
  if (!ns_network_view_item_exists (self, &next))
    next = ns_network_view_no_item;
  if (ns_network_view_item_equal (&next, &self->selection))
    return;

  self->selection = next;
  ns_network_view_update_description (self);
  ns_network_view_invalidate (self);
  ns_network_view_set_details (self, &next);
}

void
ns_network_view_set_selection (NsNetworkView *self, const NsNetworkItem *item)
{
  g_return_if_fail (NS_IS_NETWORK_VIEW (self));

  ns_network_view_select_item (self, item != NULL ? item : &ns_network_view_no_item);
}

gboolean
ns_network_view_activate_item (NsNetworkView *self, const NsNetworkItem *item)
{
  if (!ns_network_view_item_exists (self, item))
    return FALSE;

  switch (item->kind)
    {
    case NS_HIT_INPUT:
      if (!is_plane_data (self))
        return FALSE;
      return gtk_widget_activate_action (GTK_WIDGET (self), "network.toggle-feature", "s",
                                         ns_feature_name ((NsFeature) item->neuron));

    case NS_HIT_NEURON:
    case NS_HIT_LINK:
      /* An image network's map or neuron is selected to be read, not typed into. */
      if (is_image_data (self))
        return FALSE;
      ns_network_view_open_edit_popover (self, item);
      return TRUE;

    case NS_HIT_NONE:
    case NS_HIT_BIAS:
    case NS_HIT_POINT:
    case NS_HIT_BUTTON:
    default:
      return FALSE;
    }
}

gboolean
ns_network_view_activate_selection (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), FALSE);

  return ns_network_view_activate_item (self, &self->selection);
}

/* The node item at (column, row). */
static NsNetworkItem
node_item (NsNetworkView *self, size_t column, size_t row)
{
  if (column == 0)
    return ns_network_view_input_item (self, row);
  return (NsNetworkItem){ NS_HIT_NEURON, (int) column - 1, (int) row, -1 };
}

/* Moves the selection one step; Shift (links) goes from a node onto its links. */
static void
move_selection (NsNetworkView *self, GtkDirectionType direction, gboolean links)
{
  const NnNet *net = get_net (self);
  NsNetworkItem item = self->selection;
  NsNetworkViewData view;

  ns_network_view_prepare_plain (self, &view);

  /* An image network's links are a sketch, not items to walk. */
  if (links && is_image_data (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (item.kind == NS_HIT_INPUT || item.kind == NS_HIT_NEURON)
    {
      size_t column = item.kind == NS_HIT_INPUT ? 0 : (size_t) item.layer + 1;
      size_t row = (size_t) item.neuron;

      if (links && direction == GTK_DIR_RIGHT && column < net->n_layers)
        {
          int i = column == 0 ? ns_render_network_input_index (&view, row) : (int) row;

          if (i < 0)
            {
              gtk_widget_error_bell (GTK_WIDGET (self)); /* a feature not in use has no links */
              return;
            }
          item = (NsNetworkItem){ NS_HIT_LINK, (int) column, 0, i };
          self->link_from_source = TRUE;
        }
      else if (links && direction == GTK_DIR_LEFT && column > 0)
        {
          item = (NsNetworkItem){ NS_HIT_LINK, (int) column - 1, (int) row, 0 };
          self->link_from_source = FALSE;
        }
      else if (direction == GTK_DIR_LEFT || direction == GTK_DIR_RIGHT)
        {
          size_t next = direction == GTK_DIR_LEFT ? (column > 0 ? column - 1 : 0)
                                                  : MIN (column + 1, net->n_layers);

          item = node_item (self, next, MIN (row, ns_network_view_column_rows (self, next) - 1));
        }
      else
        {
          size_t rows = ns_network_view_column_rows (self, column);

          row = direction == GTK_DIR_UP ? (row > 0 ? row - 1 : 0) : MIN (row + 1, rows - 1);
          item = node_item (self, column, row);
        }
    }
  else if (item.kind == NS_HIT_LINK)
    {
      size_t l = (size_t) item.layer;

      if (direction == GTK_DIR_LEFT && l == 0)
        item = node_item (self, 0, ns_render_network_input_row (&view, item.input));
      else if (direction == GTK_DIR_LEFT)
        item = node_item (self, l, item.input);
      else if (direction == GTK_DIR_RIGHT)
        item = node_item (self, l + 1, item.neuron);
      else
        {
          int *end = self->link_from_source ? &item.neuron : &item.input;
          int count = (int) (self->link_from_source ? nn_net_layer_width (net, l)
                                                    : nn_net_layer_fan_in (net, l));

          *end = CLAMP (*end + (direction == GTK_DIR_UP ? -1 : 1), 0, count - 1);
        }
    }

  ns_network_view_select_item (self, &item);
}

static gboolean
keys_are_ours (NsNetworkView *self)
{
  return gtk_widget_is_focus (GTK_WIDGET (self)) && self->selection.kind != NS_HIT_NONE
         && ns_network_view_item_exists (self, &self->selection);
}

gboolean
ns_network_view_move_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  int direction;
  gboolean links;

  /* Without a selection the arrows are the window's (Right steps). */
  if (!keys_are_ours (self))
    return FALSE;

  g_variant_get (args, "(ib)", &direction, &links);
  move_selection (self, (GtkDirectionType) direction, links);
  return TRUE;
}

gboolean
ns_network_view_activate_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);

  if (!keys_are_ours (self))
    return FALSE;

  if (!ns_network_view_activate_item (self, &self->selection))
    gtk_widget_error_bell (widget);
  return TRUE;
}

gboolean
ns_network_view_escape_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);

  if (!keys_are_ours (self))
    return FALSE;

  ns_network_view_select_item (self, &ns_network_view_no_item);
  return TRUE;
}

/* Focus moved here from another widget (Tab, Shift+Tab): not the window's first focus when it
 * opens, which must leave the arrows to the window. */
gboolean
ns_network_view_focus (GtkWidget *widget, GtkDirectionType direction)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean moved;

  self->focus_moving = focus != NULL && focus != widget;
  moved = ns_network_view_get_parent_class ()->focus (widget, direction);
  self->focus_moving = FALSE;

  return moved;
}

/* Focus gained: Tab into the diagram selects its first neuron, so the arrows have a start.
 * Focus lost to another widget (our buttons too, but not the edit popover): the selection
 * goes, so no outline stays behind that the arrows no longer move. The window's focus widget
 * is watched rather than a focus controller, whose "is-focus" GTK 4.8 leaves set when the
 * focus moves on into one of the view's own children. */
static void
window_focus_cb (GtkWindow *window, GParamSpec *pspec, NsNetworkView *self)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  if (focus == GTK_WIDGET (self))
    {
      if (get_net (self) != NULL && self->focus_moving && self->selection.kind == NS_HIT_NONE)
        {
          NsNetworkItem first = { NS_HIT_NEURON, 0, 0, -1 };

          ns_network_view_select_item (self, &first);
        }
    }
  else if (focus != NULL && !gtk_widget_is_ancestor (focus, self->edit_popover))
    {
      ns_network_view_select_item (self, &ns_network_view_no_item);
    }

  /* The card of a selected neuron shows only while the keyboard is here. */
  ns_network_view_invalidate (self);
}

void
ns_network_view_root (GtkWidget *widget)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  GtkRoot *root;

  ns_network_view_get_parent_class ()->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (window_focus_cb), self, 0);
}

void
ns_network_view_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, window_focus_cb, widget);

  ns_network_view_get_parent_class ()->unroot (widget);
}
