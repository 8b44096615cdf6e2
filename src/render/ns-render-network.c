/* ns-render-network.c: lays out and describes the network diagram. */
#include "ns-render-network.h"

#include <math.h>
#include <string.h>

#include "ns-colormap.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 16.0
#define TITLE_SIZE 15.0
#define CAPTION_SIZE 13.0
#define LABEL_SIZE 16.0
#define ROOMY_WIDTH 1100.0 /* an area this large (at scale 1) or smaller gets text at 1x */
#define ROOMY_HEIGHT 700.0
#define LABEL_PAD 10.0    /* between a label and its picture */
#define RIGHT_GUTTER 16.0 /* room right of the output column (class names widen it) */
#define MAX_NODE 160.0    /* heatmaps larger than this only crowd the links out */
#define MIN_NODE 10.0
#define NODE_GAP_RATIO 0.28 /* vertical gap between neurons, as a share of their size */
#define NODE_SHARE 0.42     /* largest share of a column's slot a neuron may take across */

typedef struct
{
  double x, y, size; /* the neuron's square: top-left corner and side */
} Node;

void
ns_render_network_prepare (NsNetworkViewData *view, NsExperiment *experiment, guint grid_size)
{
  const NsConfig *config;
  const NsDataset *dataset;
  const NnNet *net;
  const float *inputs = NULL;
  const float *units = NULL;

  g_return_if_fail (view != NULL);
  g_return_if_fail (NS_IS_EXPERIMENT (experiment));

  memset (view, 0, sizeof *view);

  config = ns_experiment_get_config (experiment);
  dataset = ns_experiment_get_dataset (experiment);
  net = ns_experiment_get_net (experiment);
  view->net = net;

  /* Plane data feeds the chosen features; CSV data feeds its own columns. */
  if (config->data_path == NULL)
    {
      guint k = 0;

      for (guint f = 0; f < NS_N_FEATURES && k < net->n_inputs; f++)
        if (config->features & (1u << f))
          view->feature_labels[k++] = ns_feature_label ((NsFeature) f);

      if (k == net->n_inputs)
        view->input_labels = view->feature_labels;
    }
  else if (dataset != NULL && dataset->n_inputs == net->n_inputs)
    {
      view->input_labels = (const char *const *) dataset->input_names;
    }

  if (dataset != NULL && net->loss == NN_LOSS_SOFTMAX_CE
      && dataset->n_classes == nn_net_n_outputs (net))
    view->class_names = (const char *const *) dataset->class_names;

  if (grid_size > 0)
    {
      ns_experiment_eval_plane (experiment, grid_size, &inputs, &units);
      view->grid_size = grid_size;
      view->inputs = inputs;
      view->units = units;
      view->grid_y_up = FALSE; /* row 0 is the top of the picture */
    }

  view->highlight = NS_HIT_NONE;
}

double
ns_render_network_link_width (const NsRenderStyle *style, float w)
{
  double a = fabs ((double) w);

  if (!isfinite (a))
    a = 0;

  return ns_render_style_px (style, CLAMP (0.5 + 1.5 * a, 0.5, 6.0));
}

double
ns_render_network_link_alpha (float w)
{
  double a = fabs ((double) w);

  if (!isfinite (a))
    return 0.45;

  /* Quantised to 1/20 so the window's brush cache meets few distinct colours. */
  return round (CLAMP (0.45 + 0.55 * a, 0.45, 1.0) * 20.0) / 20.0;
}

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

static const char *
column_caption (const NnNet *net, size_t column, char *buffer, size_t size)
{
  if (column == 0)
    g_snprintf (buffer, size, net->n_inputs == 1 ? "%zu input" : "%zu inputs", net->n_inputs);
  else if (column < net->n_layers)
    g_snprintf (buffer, size, net->layers[column - 1].n_out == 1 ? "%zu neuron" : "%zu neurons",
                net->layers[column - 1].n_out);
  else
    g_snprintf (buffer, size, "Output");

  return buffer;
}

static const char *
activation_label (const NnNet *net, size_t layer)
{
  switch (net->loss)
    {
    case NN_LOSS_BCE:
      if (layer == net->n_layers - 1)
        return "sigmoid";
      break;
    case NN_LOSS_SOFTMAX_CE:
      if (layer == net->n_layers - 1)
        return "softmax";
      break;
    case NN_LOSS_MSE:
      if (layer == net->n_layers - 1)
        return "linear";
      break;
    case NN_N_LOSSES:
    default:
      break;
    }

  return nn_activation_name (net->layers[layer].act);
}

/* The colour map for column @column's neuron @j. */
static void
init_map (NsColormap *map,
          const NsNetworkViewData *view,
          const NsRenderStyle *style,
          size_t column,
          size_t j,
          size_t n)
{
  const NnNet *net = view->net;

  if (column == 0)
    {
      /* Inputs span very different ranges (x1 over [-6, 6], sin x1 over [-1, 1]): each is
       * scaled by its own largest magnitude so every input picture shows its whole shape. */
      const float *row = view->inputs + j * n;
      float m = 0;

      for (size_t s = 0; s < n; s++)
        if (isfinite (row[s]) && fabsf (row[s]) > m)
          m = fabsf (row[s]);
      if (m == 0)
        m = 1;

      ns_colormap_init_values (map, style, -m, m);
    }
  else if (column == net->n_layers && net->loss == NN_LOSS_BCE)
    {
      /* a = P(class 1): class 0's orange at 0, class 1's blue at 1, neutral where unsure. */
      ns_colormap_init_values (map, style, 0, 1);
    }
  else if (column == net->n_layers && net->loss == NN_LOSS_SOFTMAX_CE)
    {
      ns_colormap_init_probability (map, style, (guint) j);
    }
  else
    {
      /* The Playground's scale for every neuron: -1 orange, 0 neutral, +1 blue, clamped. */
      ns_colormap_init_values (map, style, -1, 1);
    }
}

static void
add_node (NsScene *scene,
          const NsNetworkViewData *view,
          const NsRenderStyle *style,
          const Node *node,
          size_t column,
          size_t j)
{
  const NnNet *net = view->net;
  size_t n = (size_t) view->grid_size * view->grid_size;
  const float *values = NULL;
  gboolean highlighted = FALSE;
  guint32 *pixels;

  if (view->grid_size > 0)
    {
      if (column == 0 && view->inputs != NULL)
        values = view->inputs + j * n;
      else if (column > 0 && view->units != NULL)
        values = view->units + (net->layers[column - 1].unit_offset + j) * n;
    }

  if (values != NULL
      && (pixels = ns_scene_add_image (scene, node->x, node->y, node->size, node->size,
                                       (int) view->grid_size, (int) view->grid_size, FALSE)))
    {
      NsColormap map;

      init_map (&map, view, style, column, j, n);
      ns_colormap_apply (&map, values, (int) view->grid_size, (int) view->grid_size,
                         view->grid_y_up, pixels, (int) view->grid_size);
    }
  else
    {
      ns_scene_add_rect (scene, node->x, node->y, node->size, node->size, 0, &style->neutral, NULL,
                         0);
    }

  if (column == 0)
    highlighted = view->highlight == NS_HIT_INPUT && view->highlight_input == (int) j;
  else if (view->highlight == NS_HIT_NEURON)
    highlighted = view->highlight_layer == (int) column - 1 && view->highlight_neuron == (int) j;
  else if (view->highlight == NS_HIT_LINK)
    highlighted = (view->highlight_layer == (int) column - 1 && view->highlight_neuron == (int) j)
                  || (view->highlight_layer == (int) column && view->highlight_input == (int) j);

  if (highlighted)
    ns_scene_add_rect (
        scene, node->x - ns_render_style_px (style, 2), node->y - ns_render_style_px (style, 2),
        node->size + ns_render_style_px (style, 4), node->size + ns_render_style_px (style, 4), 0,
        NULL, &style->accent, ns_render_style_px (style, 2.5));
  else
    ns_scene_add_rect (scene, node->x, node->y, node->size, node->size, 0, NULL, &style->outline,
                       ns_render_style_px (style, 1));

  if (column == 0)
    ns_scene_add_hit_rect (scene, NS_HIT_INPUT, -1, -1, (int) j, node->x, node->y, node->size,
                           node->size);
  else
    ns_scene_add_hit_rect (scene, NS_HIT_NEURON, (int) column - 1, (int) j, -1, node->x, node->y,
                           node->size, node->size);
}

void
ns_render_network (NsScene *scene,
                   const NsNetworkViewData *view,
                   const NsRenderStyle *style,
                   double width,
                   double height)
{
  const NnNet *net;
  size_t n_columns, max_rows = 1;
  size_t column_rows[NN_MAX_LAYERS + 1];
  double text_scale, margin, title_size, caption_size, label_size, header;
  double gutter_left, gutter_right;
  double area_x, area_y, area_w, area_h, slot, node_size, gap;
  g_autofree Node *nodes = NULL;
  size_t column_first[NN_MAX_LAYERS + 2];
  char buffer[64];

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL && view->net != NULL);
  g_return_if_fail (style != NULL);

  net = view->net;
  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);

  /* Columns: the inputs, each dense layer (the output layer last). */
  n_columns = net->n_layers + 1;
  column_rows[0] = net->n_inputs;
  for (size_t l = 0; l < net->n_layers; l++)
    column_rows[l + 1] = net->layers[l].n_out;

  column_first[0] = 0;
  for (size_t c = 0; c < n_columns; c++)
    {
      max_rows = MAX (max_rows, column_rows[c]);
      column_first[c + 1] = column_first[c] + column_rows[c];
    }

  /* Text grows with the room the diagram gets (up to half as large again), so a maximised
   * window on a projector reads from the back of the room; in a small window it stays at
   * the style's size. */
  text_scale = CLAMP (MIN (width / ROOMY_WIDTH, height / ROOMY_HEIGHT) / style->scale, 1.0, 1.5);

  margin = ns_render_style_px (style, MARGIN);
  title_size = ns_render_style_px (style, TITLE_SIZE * text_scale);
  caption_size = ns_render_style_px (style, CAPTION_SIZE * text_scale);
  label_size = ns_render_style_px (style, LABEL_SIZE * text_scale);
  header = 1.35 * title_size + 1.35 * caption_size + ns_render_style_px (style, 14);
  gutter_left = labels_width (scene, view->input_labels, net->n_inputs, label_size);
  if (gutter_left > 0)
    gutter_left += ns_render_style_px (style, LABEL_PAD);
  gutter_right = labels_width (scene, view->class_names, nn_net_n_outputs (net), label_size);
  gutter_right = MAX (gutter_right + ns_render_style_px (style, LABEL_PAD),
                      ns_render_style_px (style, RIGHT_GUTTER));

  area_x = margin + gutter_left;
  area_y = margin + header;
  area_w = MAX (1.0, width - area_x - margin - gutter_right);
  area_h = MAX (1.0, height - area_y - margin);

  /* Each column gets an equal slot; a neuron is as large as both the tallest column and the
   * room for links between columns allow. */
  slot = area_w / n_columns;
  node_size = area_h / (max_rows + (max_rows - 1) * NODE_GAP_RATIO);
  node_size = MIN (node_size, slot * NODE_SHARE);
  node_size = MIN (node_size, ns_render_style_px (style, MAX_NODE));
  node_size = MAX (node_size, MIN_NODE);
  node_size = floor (node_size);
  gap = node_size * NODE_GAP_RATIO;

  nodes = g_new (Node, column_first[n_columns]);
  for (size_t c = 0; c < n_columns; c++)
    {
      double cx = area_x + (c + 0.5) * slot;
      double total = column_rows[c] * node_size + (column_rows[c] - 1) * gap;
      double top = area_y + MAX (0.0, (area_h - total) / 2);

      for (size_t j = 0; j < column_rows[c]; j++)
        {
          Node *node = &nodes[column_first[c] + j];

          /* Whole logical pixels keep heatmap edges sharp. */
          node->x = round (cx - node_size / 2);
          node->y = round (top + j * (node_size + gap));
          node->size = node_size;
        }
    }

  /* Links first, so neurons sit on top of them. Weight (l, j, i) runs from neuron i of column
   * l to neuron j of column l + 1. */
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *layer = &net->layers[l];

      for (size_t j = 0; j < layer->n_out; j++)
        for (size_t i = 0; i < layer->n_in; i++)
          {
            const Node *from = &nodes[column_first[l] + i];
            const Node *to = &nodes[column_first[l + 1] + j];
            float w = net->params[layer->w_offset + j * layer->n_in + i];
            const NsColor *sign = w > 0   ? &style->positive
                                  : w < 0 ? &style->negative
                                          : &style->outline;
            NsColor color = ns_color_with_alpha (sign, sign->a * ns_render_network_link_alpha (w));
            double lw = ns_render_network_link_width (style, w);
            double x0 = from->x + from->size, y0 = from->y + from->size / 2;
            double x1 = to->x, y1 = to->y + to->size / 2;

            ns_scene_add_line (scene, x0, y0, x1, y1, lw, &color);
            ns_scene_add_hit_segment (
                scene, NS_HIT_LINK, (int) l, (int) j, (int) i, x0, y0, x1, y1,
                MAX (lw / 2 + ns_render_style_px (style, 2), ns_render_style_px (style, 4)));
          }
    }

  for (size_t c = 0; c < n_columns; c++)
    for (size_t j = 0; j < column_rows[c]; j++)
      add_node (scene, view, style, &nodes[column_first[c] + j], c, j);

  /* Column captions: what the column is, then its activation. */
  for (size_t c = 0; c < n_columns; c++)
    {
      double cx = area_x + (c + 0.5) * slot;

      ns_scene_add_text (scene, cx, margin, column_caption (net, c, buffer, sizeof buffer),
                         NS_TEXT_TITLE, title_size, NS_ALIGN_CENTER, NS_ALIGN_START,
                         &style->foreground);

      const char *caption = NULL;

      if (c > 0)
        caption = activation_label (net, c - 1);
      else if (view->input_labels != NULL)
        caption = view->input_labels == view->feature_labels ? "features" : "data columns";

      if (caption != NULL)
        ns_scene_add_text (scene, cx, margin + 1.35 * title_size, caption, NS_TEXT_LABEL,
                           caption_size, NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted);
    }

  /* Input names to the left of their pictures, class names to the right of the outputs. */
  if (view->input_labels != NULL)
    for (size_t i = 0; i < net->n_inputs; i++)
      {
        const Node *node = &nodes[column_first[0] + i];

        if (view->input_labels[i] == NULL)
          continue;
        ns_scene_add_text (scene, node->x - ns_render_style_px (style, LABEL_PAD),
                           node->y + node->size / 2, view->input_labels[i], NS_TEXT_LABEL,
                           label_size, NS_ALIGN_END, NS_ALIGN_CENTER, &style->foreground);
      }

  if (view->class_names != NULL)
    for (size_t j = 0; j < nn_net_n_outputs (net); j++)
      {
        const Node *node = &nodes[column_first[n_columns - 1] + j];

        if (view->class_names[j] == NULL)
          break;
        ns_scene_add_text (scene, node->x + node->size + ns_render_style_px (style, LABEL_PAD),
                           node->y + node->size / 2, view->class_names[j], NS_TEXT_LABEL,
                           label_size, NS_ALIGN_START, NS_ALIGN_CENTER,
                           ns_render_style_class_color (style, (guint) j));
      }
}
