/* ns-network-view-edit.c: the network view's popover to type a weight or a bias: where it
 * points, reading the number typed and applying it through network.set-weight. Its own file
 * because it is a small form of its own, opened from the selection (Enter, a click) and
 * otherwise apart from drawing the diagram. */
#include "config.h"

#include "ns-network-view-private.h"

#include <math.h>

#include "ns-printf.h"

/* Where @item is drawn, for a popover to point at. */
static gboolean
item_rect (NsNetworkView *self, const NsNetworkItem *item, GdkRectangle *rect)
{
  ns_network_view_ensure_scene (self);

  for (size_t k = 0; k < ns_scene_get_n_hits (self->scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (self->scene, k);

      if (hit->kind != item->kind || hit->layer != item->layer || hit->neuron != item->neuron
          || (item->kind == NS_HIT_LINK && hit->input != item->input))
        continue;

      if (hit->segment)
        {
          double mx = (hit->x0 + hit->x1) / 2, my = (hit->y0 + hit->y1) / 2;

          *rect = (GdkRectangle){ (int) mx - 2, (int) my - 2, 4, 4 };
        }
      else
        {
          *rect = (GdkRectangle){ (int) floor (hit->x0), (int) floor (hit->y0),
                                  (int) ceil (hit->x1 - hit->x0), (int) ceil (hit->y1 - hit->y0) };
        }
      return TRUE;
    }

  return FALSE;
}

/* The side of a neuron its card is not on, so the popover does not hide the card. */
static GtkPositionType
popover_side (NsNetworkView *self, const GdkRectangle *node)
{
  for (size_t k = 0; k < ns_scene_get_n_hits (self->scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (self->scene, k);

      if (hit->kind == NS_HIT_NONE && !hit->segment)
        return hit->x0 >= node->x + node->width ? GTK_POS_LEFT : GTK_POS_RIGHT;
    }

  return GTK_POS_BOTTOM;
}

void
ns_network_view_open_edit_popover (NsNetworkView *self, const NsNetworkItem *item)
{
  const NnNet *net = get_net (self);
  g_autofree char *title = NULL;
  g_autofree char *value = NULL;
  GdkRectangle rect;
  size_t index;

  if (item->kind == NS_HIT_LINK)
    {
      g_autofree char *from = ns_network_view_describe_link_source (self, item->layer, item->input);
      g_autofree char *to = ns_network_view_describe_node (self, item->layer, item->neuron);

      title = g_strdup_printf ("Weight from %s to %s", from, to);
      index = nn_net_param_index (net, item->layer, item->neuron, item->input);
      self->edit_item = *item;
      gtk_label_set_label (GTK_LABEL (self->edit_field), "Weight");
    }
  else
    {
      g_autofree char *name = ns_network_view_describe_node (self, item->layer, item->neuron);

      title = g_strdup_printf ("Bias of %s", name);
      index = nn_net_param_index (net, item->layer, item->neuron,
                                  nn_net_layer_fan_in (net, item->layer));
      self->edit_item = (NsNetworkItem){ NS_HIT_LINK, item->layer, item->neuron,
                                         (int) nn_net_layer_fan_in (net, item->layer) };
      gtk_label_set_label (GTK_LABEL (self->edit_field), "Bias");
    }

  if (!item_rect (self, item, &rect))
    return;

  gtk_label_set_label (GTK_LABEL (self->edit_title), title);
  value = ns_strdup_printf ("%.4g", net->params[index]);
  gtk_editable_set_text (GTK_EDITABLE (self->edit_entry), value);
  gtk_widget_remove_css_class (self->edit_entry, "error");
  gtk_label_set_label (GTK_LABEL (self->edit_hint), "Enter applies, Escape cancels");

  gtk_popover_set_pointing_to (GTK_POPOVER (self->edit_popover), &rect);
  gtk_popover_set_position (GTK_POPOVER (self->edit_popover), item->kind == NS_HIT_NEURON
                                                                  ? popover_side (self, &rect)
                                                                  : GTK_POS_BOTTOM);
  gtk_popover_popup (GTK_POPOVER (self->edit_popover));
  gtk_widget_grab_focus (self->edit_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->edit_entry), 0, -1);
}

/* A number as people type it: "0.5", "-1,25", "−2" (a real minus sign), "1e-3". */
static gboolean
parse_number (const char *text, double *value)
{
  g_autoptr (GString) s = g_string_new (NULL);
  char *end = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2212)
        g_string_append_c (s, '-');
      else if (c == ',')
        g_string_append_c (s, '.');
      else if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }

  if (s->len == 0)
    return FALSE;
  *value = g_ascii_strtod (s->str, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

static void
edit_activate_cb (GtkEntry *entry, NsNetworkView *self)
{
  const NsNetworkItem *item = &self->edit_item;
  double value;

  if (!parse_number (gtk_editable_get_text (GTK_EDITABLE (entry)), &value)
      || fabs (value) > MAX_TYPED_WEIGHT)
    {
      gtk_widget_add_css_class (self->edit_entry, "error");
      gtk_label_set_label (GTK_LABEL (self->edit_hint), "Type a number, such as 0.5 or -1.2");
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (item->kind == NS_HIT_LINK && item->layer >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "network.set-weight", "(uuud)",
                                (guint) item->layer, (guint) item->neuron, (guint) item->input,
                                value);
  gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
}

static void
edit_closed_cb (GtkPopover *popover, NsNetworkView *self)
{
  /* Back to the diagram, so the arrows go on moving the selection. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  ns_network_view_invalidate (self);
}

void
ns_network_view_make_edit_popover (NsNetworkView *self)
{
  GtkWidget *box, *row;

  self->edit_popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->edit_popover, "network-edit");
  gtk_widget_set_parent (self->edit_popover, GTK_WIDGET (self));
  g_signal_connect (self->edit_popover, "closed", G_CALLBACK (edit_closed_cb), self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->edit_title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->edit_title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->edit_title), 30);
  gtk_label_set_xalign (GTK_LABEL (self->edit_title), 0);
  gtk_widget_add_css_class (self->edit_title, "heading");
  gtk_box_append (GTK_BOX (box), self->edit_title);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->edit_field = gtk_label_new ("Weight");
  self->edit_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->edit_entry), 10);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->edit_entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_hexpand (self->edit_entry, TRUE);
  gtk_widget_set_tooltip_text (self->edit_entry,
                               "Type a new value and press Enter; Escape leaves it as it was");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->edit_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->edit_field, NULL, -1);
  g_signal_connect (self->edit_entry, "activate", G_CALLBACK (edit_activate_cb), self);
  gtk_box_append (GTK_BOX (row), self->edit_field);
  gtk_box_append (GTK_BOX (row), self->edit_entry);
  gtk_box_append (GTK_BOX (box), row);

  self->edit_hint = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->edit_hint), 0);
  gtk_widget_add_css_class (self->edit_hint, "dim-label");
  gtk_widget_add_css_class (self->edit_hint, "caption");
  gtk_box_append (GTK_BOX (box), self->edit_hint);

  gtk_popover_set_child (GTK_POPOVER (self->edit_popover), box);
}

GtkWidget *
ns_network_view_get_edit_popover (NsNetworkView *self)
{
  g_return_val_if_fail (NS_IS_NETWORK_VIEW (self), NULL);

  return gtk_widget_get_visible (self->edit_popover) ? self->edit_popover : NULL;
}
