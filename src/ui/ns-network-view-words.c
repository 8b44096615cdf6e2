/* ns-network-view-words.c: the network view in words: a node, an input, a link's source and
 * any item described for tooltips, and the accessible description read out by a screen
 * reader (the summary and the selection). */
#include "config.h"

#include "ns-network-view-private.h"

#include "ns-printf.h"

char *
ns_network_view_describe_node (NsNetworkView *self, size_t layer, size_t j)
{
  const NnNet *net = get_net (self);

  if (is_image_data (self))
    {
      g_autofree char *title = ns_render_network_layer_title (net, layer);
      NnLayerKind kind = nn_net_layer_kind (net, layer);
      const NsDataset *data = ns_experiment_get_dataset (self->experiment);

      if (layer + 1 == net->n_layers && net->loss == NN_LOSS_SOFTMAX_CE && data != NULL
          && j < data->n_classes)
        return g_strdup_printf ("class %s of the output (%s)", data->class_names[j], title);
      if (kind == NN_LAYER_CONV2D || kind == NN_LAYER_MAX_POOL)
        return g_strdup_printf ("map %zu of layer %zu (%s)", j + 1, layer + 1, title);
      return g_strdup_printf ("neuron %zu of layer %zu (%s)", j + 1, layer + 1, title);
    }
  if (layer + 1 == net->n_layers)
    return nn_net_layer_width (net, layer) == 1 ? g_strdup ("the output neuron")
                                                : g_strdup_printf ("output neuron %zu", j + 1);
  return g_strdup_printf ("neuron %zu of hidden layer %zu", j + 1, layer + 1);
}

static char *
describe_input (NsNetworkView *self, size_t i)
{
  NsNetworkViewData view;
  const char *label = NULL;

  ns_network_view_prepare_plain (self, &view);
  if (view.input_labels != NULL && i < get_net (self)->n_inputs)
    label = view.input_labels[i];

  return label != NULL ? g_strdup (label) : g_strdup_printf ("input %zu", i + 1);
}

char *
ns_network_view_describe_link_source (NsNetworkView *self, size_t layer, size_t i)
{
  if (layer == 0)
    return describe_input (self, i);
  return ns_network_view_describe_node (self, layer - 1, i);
}

/* A sentence about @item: what a tooltip and a screen reader say. */
char *
ns_network_view_describe_item (NsNetworkView *self, const NsNetworkItem *item)
{
  const NnNet *net = get_net (self);

  if (!ns_network_view_item_exists (self, item))
    return NULL;

  switch (item->kind)
    {
    case NS_HIT_LINK:
      {
        g_autofree char *from =
            ns_network_view_describe_link_source (self, item->layer, item->input);
        g_autofree char *to = ns_network_view_describe_node (self, item->layer, item->neuron);
        float w = net->params[nn_net_param_index (net, item->layer, item->neuron, item->input)];

        return ns_strdup_printf ("Weight %.3f, from %s to %s", w, from, to);
      }

    case NS_HIT_NEURON:
      {
        g_autofree char *name = ns_network_view_describe_node (self, item->layer, item->neuron);
        float bias = nn_net_bias (net, item->layer, item->neuron);

        name[0] = g_ascii_toupper (name[0]);
        if (isnan (bias))
          return g_strdup (name); /* a pooled map has no bias */
        return ns_strdup_printf ("%s\nBias %.3f", name, bias);
      }

    case NS_HIT_INPUT:
      if (is_plane_data (self))
        {
          const char *label = ns_feature_label ((NsFeature) item->neuron);

          return item->input >= 0
                     ? g_strdup_printf ("Feature %s, in use: click to leave it out", label)
                     : g_strdup_printf ("Feature %s, not in use: click to feed it to the network",
                                        label);
        }
      else
        {
          g_autofree char *name = describe_input (self, item->neuron);

          return g_strdup_printf ("Input %s", name);
        }

    case NS_HIT_NONE:
    case NS_HIT_BIAS:
    case NS_HIT_POINT:
    case NS_HIT_BUTTON:
    default:
      return NULL;
    }
}

void
ns_network_view_update_description (NsNetworkView *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *text = NULL;

  if (self->experiment == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  summary = ns_render_network_describe (get_net (self));
  selected = ns_network_view_describe_item (self, &self->selection);
  if (selected != NULL)
    {
      g_strdelimit (selected, "\n", ',');
      text = g_strdup_printf ("%s. Selected: %s", summary, selected);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : summary, -1);
}
