/* ns-render-network-layout.c: where the network diagram's pictures go (NsNetworkLayout): the
 * columns, the size of every picture, the label gutters, the header and controls bands, and
 * which input picture shows which network input. Its own file because the layout is measured
 * geometry that the UI also uses on its own (to place its controls over the diagram, to map an
 * input picture to its input), apart from the drawing in ns-render-network.c. */
#include "ns-render-network-private.h"

#include <math.h>
#include <string.h>

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 16.0
#define TITLE_SIZE 15.0
#define CAPTION_SIZE 13.0
#define LABEL_SIZE 16.0
#define ROOMY_WIDTH 1100.0 /* an area this large (at scale 1) or smaller gets text at 1x */
#define ROOMY_HEIGHT 700.0
#define RIGHT_GUTTER 16.0    /* room right of the output column (class names widen it) */
#define BAND_GAP 6.0         /* between the controls band and the column headers */
#define HEADER_GAP 14.0      /* between the column headers and the pictures */
#define MAX_NODE 160.0       /* heatmaps larger than this only crowd the links out */
#define MAX_INPUT_NODE 96.0  /* input pictures: eleven of them share a column */
#define NODE_GAP_RATIO 0.28  /* vertical gap between neurons, as a share of their size */
#define INPUT_GAP_RATIO 0.22 /* the same between input pictures, which are many */
#define NODE_SHARE 0.5       /* largest share of a column's slot a neuron may take across */

/* ---- layout ---- */

/* The widest of n labels (NULL entries end the list early). */
static double
labels_width (NsScene *scene, const char *const *labels, size_t n, double size)
{
  double widest = 0;

  if (labels == NULL)
    return 0;

  for (size_t i = 0; i < n && labels[i] != NULL; i++)
    {
      double w, h;

      ns_scene_measure_text (scene, labels[i], NS_TEXT_LABEL, size, &w, &h);
      widest = MAX (widest, w);
    }

  return ceil (widest);
}

int
ns_render_network_input_index (const NsNetworkViewData *view, size_t row)
{
  guint mask = view->feature_mask;

  if (mask == 0)
    return (int) row;
  if ((mask & (1u << row)) == 0)
    return -1;
  return __builtin_popcount (mask & ((1u << row) - 1));
}

size_t
ns_render_network_input_row (const NsNetworkViewData *view, size_t i)
{
  guint mask = view->feature_mask;

  if (mask == 0)
    return i;
  for (size_t f = 0; f < NS_N_FEATURES; f++)
    if (mask & (1u << f))
      {
        if (i == 0)
          return f;
        i--;
      }
  return 0;
}

static double
fit_size (double room, size_t rows, double gap_ratio, double slot, double largest)
{
  double size = room / (rows + (rows - 1) * gap_ratio);

  size = MIN (size, slot * NODE_SHARE);
  size = MIN (size, largest);
  size = MAX (size, NS_RENDER_NETWORK_MIN_NODE);

  return floor (size);
}

void
ns_render_network_layout (NsNetworkLayout *layout,
                          NsScene *scene,
                          const NsNetworkViewData *view,
                          const NsRenderStyle *style,
                          double width,
                          double height)
{
  const NnNet *net;
  double text_scale, titles, gutter_left, gutter_right, y, header_h;
  double area_x, area_y, area_w, area_h, input_size, node_size;
  size_t max_rows = 1;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL && view->net != NULL);
  g_return_if_fail (style != NULL);

  net = view->net;
  memset (layout, 0, sizeof *layout);
  ns_scene_set_font_family (scene, style->font_family);

  layout->n_columns = net->n_layers + 1;
  layout->rows[0] = view->feature_mask != 0 ? NS_N_FEATURES : net->n_inputs;
  for (size_t l = 0; l < net->n_layers; l++)
    {
      layout->rows[l + 1] = nn_net_layer_width (net, l);
      max_rows = MAX (max_rows, nn_net_layer_width (net, l));
    }

  /* Text grows with the room the diagram gets (up to half as large again), so a maximised
   * window on a projector reads from the back of the room; in a small window it stays at
   * the style's size. */
  text_scale = CLAMP (MIN (width / ROOMY_WIDTH, height / ROOMY_HEIGHT) / style->scale, 1.0, 1.5);

  layout->margin = ns_render_style_px (style, MARGIN);
  layout->title_size = ns_render_style_px (style, TITLE_SIZE * text_scale);
  layout->caption_size = ns_render_style_px (style, CAPTION_SIZE * text_scale);
  layout->label_size = ns_render_style_px (style, LABEL_SIZE * text_scale);

  if (view->feature_mask != 0)
    {
      const char *labels[NS_N_FEATURES];

      for (size_t f = 0; f < NS_N_FEATURES; f++)
        labels[f] = ns_feature_label ((NsFeature) f);
      gutter_left = labels_width (scene, labels, NS_N_FEATURES, layout->label_size);
    }
  else
    {
      gutter_left = labels_width (scene, view->input_labels, net->n_inputs, layout->label_size);
    }
  if (gutter_left > 0)
    gutter_left += ns_render_style_px (style, NS_RENDER_NETWORK_LABEL_PAD);
  gutter_right =
      labels_width (scene, view->class_names, nn_net_n_outputs (net), layout->label_size);
  gutter_right = MAX (gutter_right + ns_render_style_px (style, NS_RENDER_NETWORK_LABEL_PAD),
                      ns_render_style_px (style, RIGHT_GUTTER));

  /* Bands from the top: the controls (interactive only), the column headers, the pictures. */
  titles = 1.35 * layout->title_size + 1.35 * layout->caption_size;
  y = layout->margin;
  if (view->controls)
    {
      layout->controls.y = y;
      layout->controls.height = MAX (view->controls_height, 0.0);
      y += layout->controls.height + ns_render_style_px (style, BAND_GAP);
      header_h = MAX (view->column_controls_height, titles);
    }
  else
    {
      header_h = titles;
    }

  area_x = layout->margin + gutter_left;
  area_y = y + header_h + ns_render_style_px (style, HEADER_GAP);
  area_w = MAX (1.0, width - area_x - layout->margin - gutter_right);
  area_h = MAX (1.0, height - area_y - layout->margin);

  /* Each column gets an equal slot; a picture is as large as its tallest column and the room
   * for links between columns allow. The inputs (eleven features for plane data) have their
   * own size, so a small network's neurons are not shrunk to the feature list's. */
  layout->slot = area_w / layout->n_columns;
  input_size = fit_size (area_h, layout->rows[0], INPUT_GAP_RATIO, layout->slot,
                         ns_render_style_px (style, MAX_INPUT_NODE));
  node_size = fit_size (area_h, max_rows, NODE_GAP_RATIO, layout->slot,
                        ns_render_style_px (style, MAX_NODE));
  input_size = MIN (input_size, node_size);

  for (size_t c = 0; c < layout->n_columns; c++)
    {
      double size = c == 0 ? input_size : node_size;
      double gap = size * (c == 0 ? INPUT_GAP_RATIO : NODE_GAP_RATIO);
      double total = layout->rows[c] * size + (layout->rows[c] - 1) * gap;

      layout->center_x[c] = area_x + (c + 0.5) * layout->slot;
      layout->size[c] = size;
      layout->gap[c] = gap;
      layout->top[c] = area_y + MAX (0.0, (area_h - total) / 2);
      layout->headers[c] =
          (NsNetworkBox){ layout->center_x[c] - layout->slot / 2, y, layout->slot, header_h };
    }

  /* The input column's title spans its labels too: eleven feature names leave room above. */
  layout->headers[0].x = layout->margin;
  layout->headers[0].width = layout->center_x[0] + layout->slot / 2 - layout->margin;
  {
    double w;

    ns_scene_measure_text (scene, NS_RENDER_NETWORK_INPUT_HINT, NS_TEXT_LABEL, layout->caption_size,
                           &w, NULL);
    layout->input_hint = w <= layout->headers[0].width;
  }

  /* The hidden-layer controls span the hidden columns, or sit between the inputs and the
   * output when there are none. */
  if (net->n_layers >= 2)
    {
      layout->controls.x = layout->center_x[1] - layout->slot / 2;
      layout->controls.width = (net->n_layers - 1) * layout->slot;
    }
  else
    {
      layout->controls.x = layout->center_x[0];
      layout->controls.width = layout->center_x[1] - layout->center_x[0];
    }
}

void
ns_network_layout_node (const NsNetworkLayout *layout, size_t column, size_t row, NsNetworkBox *box)
{
  double size;

  g_return_if_fail (layout != NULL && box != NULL);
  g_return_if_fail (column < layout->n_columns);

  size = layout->size[column];
  /* Whole logical pixels keep heatmap edges sharp. */
  box->x = round (layout->center_x[column] - size / 2);
  box->y = round (layout->top[column] + row * (size + layout->gap[column]));
  box->width = box->height = size;
}

/* A layout made earlier still has a place for every picture. */
gboolean
ns_render_network_layout_fits (const NsNetworkLayout *layout, const NsNetworkViewData *view)
{
  const NnNet *net = view->net;

  if (layout->n_columns != net->n_layers + 1
      || layout->rows[0] != (view->feature_mask != 0 ? NS_N_FEATURES : net->n_inputs))
    return FALSE;
  for (size_t l = 0; l < net->n_layers; l++)
    if (layout->rows[l + 1] != nn_net_layer_width (net, l))
      return FALSE;
  return TRUE;
}
