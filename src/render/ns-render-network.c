/* ns-render-network.c: describes and draws the network diagram. Where its pictures go (the
 * layout) is worked out in ns-render-network-layout.c. */
#include "ns-render-network.h"

#include <math.h>
#include <string.h>

#include "ns-colormap.h"
#include "ns-render-network-private.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define CARD_PAD 10.0
#define CARD_GAP 14.0  /* between a neuron and its card */
#define CARD_MIN 150.0 /* the card's heatmap side: 1.75 times the neuron's, at least this */
#define CARD_MAX 220.0
/* How much background covers a feature not in use: less on dark backgrounds, where the
 * neutral middle of the map is already dark. */
#define DIM_ALPHA_LIGHT 0.62
#define DIM_ALPHA_DARK 0.45

/* ---- the feature pictures of plane data, kept with the experiment ---- */

/* They depend only on the grid size and the data's extent, so they are computed once and kept
 * with the experiment (freed with it) rather than every frame. */
typedef struct
{
  guint size;
  double x_min, x_max, y_min, y_max;
  float *values;              /* NS_N_FEATURES x size² */
  float range[NS_N_FEATURES]; /* each row's largest |value| */
} FeaturePlanes;

/* The first argument becomes the quark's string as written: no formatting. */
/* clang-format off */
G_DEFINE_QUARK (ns-render-network-feature-planes, feature_planes)
/* clang-format on */

static void
feature_planes_free (gpointer data)
{
  FeaturePlanes *planes = data;

  g_free (planes->values);
  g_free (planes);
}

static const FeaturePlanes *
get_feature_planes (NsExperiment *experiment, guint size)
{
  const NsDataset *data = ns_experiment_get_dataset (experiment);
  FeaturePlanes *planes = g_object_get_qdata (G_OBJECT (experiment), feature_planes_quark ());
  size_t n = (size_t) size * size;
  g_autofree float *xy = NULL;

  if (planes != NULL && planes->size == size && planes->x_min == data->x_min
      && planes->x_max == data->x_max && planes->y_min == data->y_min
      && planes->y_max == data->y_max)
    return planes;

  if (planes == NULL)
    {
      planes = g_new0 (FeaturePlanes, 1);
      g_object_set_qdata_full (G_OBJECT (experiment), feature_planes_quark (), planes,
                               feature_planes_free);
    }

  /* Cell centres, row 0 at the top where x2 is largest: the grid ns_experiment_eval_plane
   * evaluates the network on, so a feature's picture matches the input it feeds. */
  xy = g_new (float, 2 * n);
  for (guint r = 0; r < size; r++)
    for (guint c = 0; c < size; c++)
      {
        xy[2 * ((size_t) r * size + c)] =
            (float) (data->x_min + (c + 0.5) / size * (data->x_max - data->x_min));
        xy[2 * ((size_t) r * size + c) + 1] =
            (float) (data->y_max - (r + 0.5) / size * (data->y_max - data->y_min));
      }

  g_free (planes->values);
  planes->values = g_new (float, NS_N_FEATURES *n);
  ns_features_compute ((1u << NS_N_FEATURES) - 1, xy, n, planes->values);

  for (guint f = 0; f < NS_N_FEATURES; f++)
    {
      const float *row = planes->values + f * n;
      float m = 0;

      for (size_t s = 0; s < n; s++)
        if (isfinite (row[s]) && fabsf (row[s]) > m)
          m = fabsf (row[s]);
      planes->range[f] = m > 0 ? m : 1;
    }

  planes->size = size;
  planes->x_min = data->x_min;
  planes->x_max = data->x_max;
  planes->y_min = data->y_min;
  planes->y_max = data->y_max;

  return planes;
}

static const NsNetworkItem no_item = { NS_HIT_NONE, -1, -1, -1 };

/* ---- the sample an image network's picture shows, kept with the experiment ---- */

/* One sample's forward pass, redone only when the network or the sample changed. */
typedef struct
{
  guint64 version;
  guint64 step;
  guint index;
  gboolean from_test;
  size_t n_inputs, n_units;
  float *input; /* n_inputs */
  float *units; /* n_units */
} SampleEval;

/* clang-format off */
G_DEFINE_QUARK (ns-render-network-sample, sample_eval)
/* clang-format on */

static void
sample_eval_free (gpointer data)
{
  SampleEval *eval = data;

  g_free (eval->input);
  g_free (eval->units);
  g_free (eval);
}

void
ns_render_network_prepare_sample (NsNetworkViewData *view,
                                  NsExperiment *experiment,
                                  guint test_index)
{
  const NsDataset *data;
  const NnNet *net;
  SampleEval *eval;
  gboolean from_test;
  guint n_rows;
  const float *rows;
  const float *labels;

  g_return_if_fail (view != NULL);
  g_return_if_fail (NS_IS_EXPERIMENT (experiment));

  data = ns_experiment_get_dataset (experiment);
  net = ns_experiment_get_net (experiment);
  if (data == NULL || !ns_dataset_is_image (data) || data->n_inputs != net->n_inputs)
    return;

  view->image_channels = data->image_channels;
  view->image_height = data->image_height;
  view->image_width = data->image_width;
  view->sample_index = -1;
  view->sample_label = -1;

  /* A test sample, as the output column's gallery numbers them; a set split without a test
   * share still has its training samples to show. */
  from_test = data->n_test > 0;
  n_rows = from_test ? data->n_test : data->n_train;
  rows = from_test ? data->test_x : data->train_x;
  labels = from_test ? data->test_y : data->train_y;
  if (n_rows == 0)
    return;
  test_index = MIN (test_index, n_rows - 1);

  eval = g_object_get_qdata (G_OBJECT (experiment), sample_eval_quark ());
  if (eval == NULL)
    {
      eval = g_new0 (SampleEval, 1);
      g_object_set_qdata_full (G_OBJECT (experiment), sample_eval_quark (), eval, sample_eval_free);
    }
  if (eval->input == NULL || eval->version != ns_experiment_get_version (experiment)
      || eval->step != ns_experiment_get_step (experiment) || eval->index != test_index
      || eval->from_test != from_test || eval->n_inputs != net->n_inputs
      || eval->n_units != net->n_units)
    {
      g_free (eval->input);
      g_free (eval->units);
      eval->n_inputs = net->n_inputs;
      eval->n_units = net->n_units;
      eval->input =
          g_memdup2 (rows + (size_t) test_index * data->n_inputs, net->n_inputs * sizeof (float));
      eval->units = g_new0 (float, MAX (net->n_units, 1));
      /* One sample: input-major and row-major are the same row. */
      if (nn_net_eval_grid (net, eval->input, 1, eval->units) != NN_OK)
        for (size_t u = 0; u < net->n_units; u++)
          eval->units[u] = NAN;
      eval->version = ns_experiment_get_version (experiment);
      eval->step = ns_experiment_get_step (experiment);
      eval->index = test_index;
      eval->from_test = from_test;
    }

  view->sample_input = eval->input;
  view->sample_units = eval->units;
  view->sample_index = (int) test_index;
  view->sample_label = data->n_classes > 0 ? (int) labels[test_index] : -1;
}

gboolean
ns_render_network_is_image (const NsNetworkViewData *view)
{
  return view != NULL && view->net != NULL && view->image_channels > 0 && view->image_height > 0
         && view->image_width > 0
         && (size_t) view->image_channels * view->image_height * view->image_width
                == view->net->n_inputs;
}

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
  view->picture_step = 1;

  config = ns_experiment_get_config (experiment);
  dataset = ns_experiment_get_dataset (experiment);
  net = ns_experiment_get_net (experiment);
  view->net = net;

  /* Plane data feeds the chosen features; CSV data feeds its own columns. */
  if (ns_config_is_plane (config))
    {
      guint k = 0;

      for (guint f = 0; f < NS_N_FEATURES && k < net->n_inputs; f++)
        if (config->features & (1u << f))
          view->feature_labels[k++] = ns_feature_label ((NsFeature) f);

      if (k == net->n_inputs && ns_features_count (config->features) == net->n_inputs)
        {
          view->input_labels = view->feature_labels;
          view->feature_mask = config->features;
        }
    }
  else if (dataset != NULL && dataset->n_inputs == net->n_inputs)
    {
      view->input_labels = (const char *const *) dataset->input_names;
    }

  if (dataset != NULL && dataset->n_classes > 0)
    {
      view->data_class_names = (const char *const *) dataset->class_names;
      view->n_data_classes = dataset->n_classes;
    }
  if (dataset != NULL && net->loss == NN_LOSS_SOFTMAX_CE
      && dataset->n_classes == nn_net_n_outputs (net))
    view->class_names = (const char *const *) dataset->class_names;

  if (ns_config_is_image (config))
    {
      /* The sample shown last (the first test sample at first): a caller that then asks for
       * its own sample does not make the one before be evaluated again. */
      const SampleEval *eval = g_object_get_qdata (G_OBJECT (experiment), sample_eval_quark ());

      ns_render_network_prepare_sample (view, experiment, eval != NULL ? eval->index : 0);
      grid_size = 0; /* no plane to draw heatmaps over */
    }

  if (grid_size > 0)
    {
      ns_experiment_eval_plane (experiment, grid_size, &inputs, &units);
      view->grid_size = grid_size;
      view->inputs = inputs;
      view->units = units;
      view->grid_y_up = FALSE; /* row 0 is the top of the picture */

      if (view->feature_mask != 0)
        {
          const FeaturePlanes *planes = get_feature_planes (experiment, grid_size);

          view->features = planes->values;
          view->feature_range = planes->range;
        }
    }

  view->highlight = no_item;
  view->selection = no_item;
  view->detail = no_item;

  /* Stepping's numbers are copies kept by the experiment: showing them costs nothing. */
  {
    const NsStepState *step = ns_experiment_get_step_state (experiment);

    view->step = step->phase != NS_STEP_IDLE ? step : NULL;
  }
}

void
ns_render_network_prepare_detail (NsNetworkViewData *view, NsExperiment *experiment, guint size)
{
  const float *units = NULL;

  g_return_if_fail (view != NULL);
  g_return_if_fail (NS_IS_EXPERIMENT (experiment));
  g_return_if_fail (size > 0);

  ns_experiment_eval_plane (experiment, size, NULL, &units);
  view->detail_grid_size = size;
  view->detail_units = units;
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

const char *
ns_render_network_activation_label (NnActivation act)
{
  switch (act)
    {
    case NN_ACT_LINEAR:
      return "linear";
    case NN_ACT_RELU:
      return "ReLU";
    case NN_ACT_LEAKY_RELU:
      return "leaky ReLU";
    case NN_ACT_TANH:
      return "tanh";
    case NN_ACT_SIGMOID:
      return "sigmoid";
    case NN_ACT_SOFTMAX:
      return "softmax";
    case NN_N_ACTIVATIONS:
    default:
      break;
    }

  return "?";
}

/* The activation the output layer really applies: it follows from the loss. */
static const char *
activation_label (const NnNet *net, size_t layer)
{
  if (layer == net->n_layers - 1)
    switch (net->loss)
      {
      case NN_LOSS_BCE:
        return "sigmoid";
      case NN_LOSS_SOFTMAX_CE:
        return "softmax";
      case NN_LOSS_MSE:
        return "linear";
      case NN_N_LOSSES:
      default:
        break;
      }

  return ns_render_network_activation_label (nn_net_layer_activation (net, layer));
}

char *
ns_render_network_describe (const NnNet *net)
{
  GString *s;
  size_t n_hidden, n_out;
  gboolean same = TRUE;

  g_return_val_if_fail (net != NULL, NULL);

  s = g_string_new (NULL);
  n_hidden = net->n_layers - 1;
  n_out = nn_net_n_outputs (net);

  g_string_append_printf (s, net->n_inputs == 1 ? "%zu input, " : "%zu inputs, ", net->n_inputs);

  if (n_hidden == 0)
    g_string_append (s, "no hidden layer");
  else if (n_hidden == 1)
    g_string_append_printf (s, "a hidden layer of %zu %s", nn_net_layer_width (net, 0),
                            nn_net_layer_width (net, 0) == 1 ? "neuron" : "neurons");
  else
    {
      g_string_append (s, "hidden layers of ");
      for (size_t h = 0; h < n_hidden; h++)
        g_string_append_printf (s, "%s%zu",
                                h == 0              ? ""
                                : h + 1 == n_hidden ? " and "
                                                    : ", ",
                                nn_net_layer_width (net, h));
      g_string_append (s, " neurons");
    }

  for (size_t h = 1; h < n_hidden; h++)
    same = same && nn_net_layer_activation (net, h) == nn_net_layer_activation (net, 0);
  if (n_hidden > 0 && same)
    g_string_append_printf (s, ", %s",
                            ns_render_network_activation_label (nn_net_layer_activation (net, 0)));
  else if (n_hidden > 0)
    {
      g_string_append (s, " (");
      for (size_t h = 0; h < n_hidden; h++)
        g_string_append_printf (
            s, "%s%s",
            h == 0              ? ""
            : h + 1 == n_hidden ? " and "
                                : ", ",
            ns_render_network_activation_label (nn_net_layer_activation (net, h)));
      g_string_append (s, ")");
    }

  g_string_append_printf (s, n_out == 1 ? ", %zu output" : ", %zu outputs", n_out);

  return g_string_free (s, FALSE);
}

/* ---- drawing ---- */

/* The label of input picture @row, or NULL. */
static const char *
input_label (const NsNetworkViewData *view, size_t row)
{
  if (view->feature_mask != 0)
    return ns_feature_label ((NsFeature) row);
  if (view->input_labels != NULL)
    return view->input_labels[row];
  return NULL;
}

/* Colour maps shared by every picture of a kind, made once per frame. */
typedef struct
{
  NsColormap hidden; /* -1 orange, 0 neutral, +1 blue: the Playground's scale for every neuron */
  NsColormap output; /* the output neuron: per the loss */
} Maps;

static void
init_maps (Maps *maps, const NsNetworkViewData *view, const NsRenderStyle *style)
{
  ns_colormap_init_values (&maps->hidden, style, -1, 1);

  /* BCE: a = P(class 1): class 0's orange at 0, class 1's blue at 1, neutral where unsure. */
  if (view->net->loss == NN_LOSS_BCE)
    ns_colormap_init_values (&maps->output, style, 0, 1);
  else
    maps->output = maps->hidden;
}

/* The map of neuron @j in dense layer @layer (softmax outputs get their class's map in
 * @scratch). */
static const NsColormap *
neuron_map (const Maps *maps,
            const NsNetworkViewData *view,
            const NsRenderStyle *style,
            size_t layer,
            size_t j,
            NsColormap *scratch)
{
  const NnNet *net = view->net;

  if (layer + 1 < net->n_layers)
    return &maps->hidden;
  if (net->loss == NN_LOSS_SOFTMAX_CE)
    {
      ns_colormap_init_probability (scratch, style, (guint) j);
      return scratch;
    }
  return &maps->output;
}

/* Input pictures span very different ranges (x1 over [-6, 6], sin x1 over [-1, 1]): each is
 * scaled by its own largest magnitude so every picture shows its whole shape. */
static float
row_range (const float *row, size_t n)
{
  float m = 0;

  for (size_t s = 0; s < n; s++)
    if (isfinite (row[s]) && fabsf (row[s]) > m)
      m = fabsf (row[s]);

  return m > 0 ? m : 1;
}

static gboolean
item_is_input (const NsNetworkItem *item, size_t row)
{
  return item->kind == NS_HIT_INPUT && item->neuron == (int) row;
}

static gboolean
item_is_neuron (const NsNetworkItem *item, size_t layer, size_t j)
{
  return item->kind == NS_HIT_NEURON && item->layer == (int) layer && item->neuron == (int) j;
}

/* A link touches node (column, row): its source or its target. */
static gboolean
link_touches (const NsNetworkViewData *view, const NsNetworkItem *item, size_t column, size_t row)
{
  if (item->kind != NS_HIT_LINK)
    return FALSE;
  if (column > 0 && item->layer == (int) column - 1 && item->neuron == (int) row)
    return TRUE;
  if (item->layer != (int) column || item->input < 0)
    return FALSE;
  if (column == 0)
    return ns_render_network_input_row (view, item->input) == row;
  return item->input == (int) row;
}

/* A heatmap of @values (grid_size² of them), taking every @step-th value in both directions:
 * small pictures need fewer pixels than the grid the output view shares with them. */
static void
draw_picture (NsScene *scene,
              const NsNetworkBox *box,
              const float *values,
              guint grid_size,
              guint step,
              gboolean y_up,
              const NsColormap *map,
              const NsRenderStyle *style)
{
  guint32 *pixels = NULL;
  guint side = step > 1 ? (grid_size + step - 1) / step : grid_size;

  if (values != NULL && side != grid_size)
    {
      float *sampled = ns_scene_alloc (scene, sizeof (float) * side * side);

      for (guint r = 0; r < side; r++)
        for (guint c = 0; c < side; c++)
          sampled[r * side + c] = values[(size_t) r * step * grid_size + c * step];
      values = sampled;
    }
  if (values != NULL)
    pixels = ns_scene_add_image (scene, box->x, box->y, box->width, box->height, (int) side,
                                 (int) side, FALSE);
  if (pixels != NULL)
    ns_colormap_apply (map, values, (int) side, (int) side, y_up, pixels, (int) side);
  else
    ns_scene_add_rect (scene, box->x, box->y, box->width, box->height, 0, &style->neutral, NULL, 0);
}

void
ns_render_network_draw_outline (NsScene *scene,
                                const NsNetworkBox *box,
                                gboolean selected,
                                gboolean highlighted,
                                const NsRenderStyle *style)
{
  if (selected || highlighted)
    {
      /* The selection is the stronger ring, so it still shows under the pointer's. */
      double out = ns_render_style_px (style, selected ? 3 : 2);

      ns_scene_add_rect (scene, box->x - out, box->y - out, box->width + 2 * out,
                         box->height + 2 * out, ns_render_style_px (style, selected ? 3 : 0), NULL,
                         &style->accent, ns_render_style_px (style, selected ? 3.5 : 2.5));
    }
  else
    {
      ns_scene_add_rect (scene, box->x, box->y, box->width, box->height, 0, NULL, &style->outline,
                         ns_render_style_px (style, 1));
    }
}

static void
draw_inputs (NsScene *scene,
             const NsNetworkViewData *view,
             const NsNetworkLayout *layout,
             const Maps *maps,
             const NsRenderStyle *style)
{
  size_t n = (size_t) view->grid_size * view->grid_size;
  NsColor dim =
      ns_color_with_alpha (&style->background, style->dark ? DIM_ALPHA_DARK : DIM_ALPHA_LIGHT);

  for (size_t row = 0; row < layout->rows[0]; row++)
    {
      int i = ns_render_network_input_index (view, row);
      const float *values = NULL;
      const char *label = input_label (view, row);
      float range = 1;
      NsColormap map;
      NsNetworkBox box;

      ns_network_layout_node (layout, 0, row, &box);

      if (view->grid_size > 0 && view->features != NULL)
        {
          values = view->features + row * n;
          range = view->feature_range != NULL ? view->feature_range[row] : row_range (values, n);
        }
      else if (view->grid_size > 0 && view->inputs != NULL && i >= 0)
        {
          values = view->inputs + (size_t) i * n;
          range = row_range (values, n);
        }

      /* The symmetric map over [-range, range] has the same table as the neurons' over
       * [-1, 1]: only its scale differs, so no table is made per picture. */
      map = maps->hidden;
      map.min = -range;
      map.max = range;
      draw_picture (scene, &box, values, view->grid_size, view->picture_step, view->grid_y_up, &map,
                    style);

      /* A feature not in use stays visible, faded, so the learner sees what it would add. */
      if (i < 0)
        ns_scene_add_rect (scene, box.x, box.y, box.width, box.height, 0, &dim, NULL, 0);

      ns_render_network_draw_outline (scene, &box, item_is_input (&view->selection, row),
                                      item_is_input (&view->highlight, row)
                                          || link_touches (view, &view->highlight, 0, row),
                                      style);

      if (label != NULL)
        ns_scene_add_text (scene, box.x - ns_render_style_px (style, NS_RENDER_NETWORK_LABEL_PAD),
                           box.y + box.height / 2, label, NS_TEXT_LABEL, layout->label_size,
                           NS_ALIGN_END, NS_ALIGN_CENTER,
                           i >= 0 ? &style->foreground : &style->muted);

      ns_scene_add_hit_rect (scene, NS_HIT_INPUT, -1, (int) row, i, box.x, box.y, box.width,
                             box.height);
    }
}

static void
draw_neurons (NsScene *scene,
              const NsNetworkViewData *view,
              const NsNetworkLayout *layout,
              const Maps *maps,
              const NsRenderStyle *style)
{
  const NnNet *net = view->net;
  size_t n = (size_t) view->grid_size * view->grid_size;
  NsColor dim =
      ns_color_with_alpha (&style->background, style->dark ? DIM_ALPHA_DARK : DIM_ALPHA_LIGHT);

  for (size_t l = 0; l < net->n_layers; l++)
    for (size_t j = 0; j < nn_net_layer_width (net, l); j++)
      {
        const float *values = NULL;
        NsColormap scratch;
        NsNetworkBox box;

        ns_network_layout_node (layout, l + 1, j, &box);
        if (view->grid_size > 0 && view->units != NULL)
          values = view->units + nn_net_unit_index (net, l, j) * n;

        draw_picture (scene, &box, values, view->grid_size, view->picture_step, view->grid_y_up,
                      neuron_map (maps, view, style, l, j, &scratch), style);
        /* Stepping forward, the layers ahead of the pass wait, faded, to light up in turn. */
        if (view->step != NULL && view->step->phase == NS_STEP_FORWARD
            && !ns_render_network_step_layer_reached (view->step, l))
          ns_scene_add_rect (scene, box.x, box.y, box.width, box.height, 0, &dim, NULL, 0);
        ns_render_network_draw_outline (scene, &box, item_is_neuron (&view->selection, l, j),
                                        item_is_neuron (&view->highlight, l, j)
                                            || link_touches (view, &view->highlight, l + 1, j),
                                        style);
        ns_scene_add_hit_rect (scene, NS_HIT_NEURON, (int) l, (int) j, -1, box.x, box.y, box.width,
                               box.height);
      }
}

static void
draw_captions (NsScene *scene,
               const NsNetworkViewData *view,
               const NsNetworkLayout *layout,
               const NsRenderStyle *style)
{
  const NnNet *net = view->net;
  char title[64];

  for (size_t c = 0; c < layout->n_columns; c++)
    {
      const NsNetworkBox *header = &layout->headers[c];
      double cx = header->x + header->width / 2;
      const char *caption = NULL;
      char buffer[64];

      /* Interactive: the hidden columns' widgets say it all. */
      if (view->controls && c > 0 && c < net->n_layers)
        continue;

      if (c == 0 && view->feature_mask != 0)
        {
          g_strlcpy (title, "Features", sizeof title);
          if (view->controls)
            caption = layout->input_hint ? NS_RENDER_NETWORK_INPUT_HINT : NULL;
          else
            {
              g_snprintf (buffer, sizeof buffer, "%u in use",
                          ns_features_count (view->feature_mask));
              caption = buffer;
            }
        }
      else if (c == 0)
        {
          g_snprintf (title, sizeof title, net->n_inputs == 1 ? "%zu input" : "%zu inputs",
                      net->n_inputs);
          /* The plane varies the first two columns; the pictures of the others are flat. */
          if (view->input_labels == NULL)
            caption = NULL;
          else if (net->n_inputs > 2)
            caption = "first two vary, rest at mean";
          else
            caption = "data columns";
        }
      else if (c < net->n_layers)
        {
          g_snprintf (title, sizeof title,
                      nn_net_layer_width (net, c - 1) == 1 ? "%zu neuron" : "%zu neurons",
                      nn_net_layer_width (net, c - 1));
          caption = activation_label (net, c - 1);
        }
      else
        {
          g_strlcpy (title, "Output", sizeof title);
          caption = activation_label (net, c - 1);
        }

      ns_scene_add_text (scene, cx, header->y, title, NS_TEXT_TITLE, layout->title_size,
                         NS_ALIGN_CENTER, NS_ALIGN_START, &style->foreground);
      if (caption != NULL)
        ns_scene_add_text (scene, cx, header->y + 1.35 * layout->title_size, caption, NS_TEXT_LABEL,
                           layout->caption_size, NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted);
    }

  /* Class names to the right of the outputs. */
  if (view->class_names != NULL)
    for (size_t j = 0; j < nn_net_n_outputs (net); j++)
      {
        NsNetworkBox box;

        if (view->class_names[j] == NULL)
          break;
        ns_network_layout_node (layout, layout->n_columns - 1, j, &box);
        ns_scene_add_text (
            scene, box.x + box.width + ns_render_style_px (style, NS_RENDER_NETWORK_LABEL_PAD),
            box.y + box.height / 2, view->class_names[j], NS_TEXT_LABEL, layout->label_size,
            NS_ALIGN_START, NS_ALIGN_CENTER, ns_render_style_class_color (style, (guint) j));
      }
}

/* A card beside the neuron: its heatmap larger, and its bias. */
static void
draw_card (NsScene *scene,
           const NsNetworkViewData *view,
           const NsNetworkLayout *layout,
           const Maps *maps,
           const NsRenderStyle *style,
           double width,
           double height)
{
  const NnNet *net = view->net;
  size_t l, j;
  NsNetworkBox node;
  double pad = ns_render_style_px (style, CARD_PAD);
  double gap = ns_render_style_px (style, CARD_GAP);
  double side, title_h, value_h, card_w, card_h, x, y, top;
  guint grid = view->grid_size;
  const float *units = view->units;
  const float *values = NULL;
  char title[96];
  NsColormap scratch;
  NsColor shadow = { 0, 0, 0, style->dark ? 0.5f : 0.18f };
  float bias;

  if (view->detail.kind != NS_HIT_NEURON || view->detail.layer < 0 || view->detail.neuron < 0)
    return;
  l = (size_t) view->detail.layer;
  j = (size_t) view->detail.neuron;
  if (l >= net->n_layers || j >= nn_net_layer_width (net, l))
    return;

  if (view->detail_grid_size > 0 && view->detail_units != NULL)
    {
      grid = view->detail_grid_size;
      units = view->detail_units;
    }
  if (grid > 0 && units != NULL)
    values = units + nn_net_unit_index (net, l, j) * (size_t) grid * grid;

  if (l + 1 == net->n_layers)
    {
      if (view->class_names != NULL && view->class_names[j] != NULL)
        g_snprintf (title, sizeof title, "Output: %s", view->class_names[j]);
      else if (nn_net_layer_width (net, l) > 1)
        g_snprintf (title, sizeof title, "Output %zu", j + 1);
      else
        g_strlcpy (title, "Output", sizeof title);
    }
  else
    {
      g_snprintf (title, sizeof title, "Layer %zu, neuron %zu", l + 1, j + 1);
    }
  bias = nn_net_bias (net, l, j);

  ns_network_layout_node (layout, l + 1, j, &node);
  side = floor (CLAMP (1.75 * node.width, ns_render_style_px (style, CARD_MIN),
                       ns_render_style_px (style, CARD_MAX)));
  /* Below the column headers, where the window's widgets would cover it. */
  top = layout->headers[0].y + layout->headers[0].height + layout->margin / 2;
  side = MIN (side, height - top - layout->margin / 2 - 2 * pad - 2.6 * layout->label_size);
  if (side < NS_RENDER_NETWORK_MIN_NODE)
    return;

  title_h = 1.3 * layout->label_size;
  value_h = 1.3 * layout->label_size;
  card_w = side + 2 * pad;
  card_h = pad + title_h + side + value_h + pad;

  /* Beside the neuron, right if there is room, else left; inside the area either way. */
  x = node.x + node.width + gap;
  if (x + card_w > width - layout->margin / 2)
    x = node.x - gap - card_w;
  x = CLAMP (x, layout->margin / 2, MAX (layout->margin / 2, width - card_w - layout->margin / 2));
  y = node.y + node.height / 2 - card_h / 2;
  y = CLAMP (y, top, MAX (top, height - card_h - layout->margin / 2));
  x = round (x);
  y = round (y);

  ns_scene_add_rect (scene, x + 1, y + 3, card_w, card_h, ns_render_style_px (style, 8), &shadow,
                     NULL, 0);
  ns_scene_add_rect (scene, x, y, card_w, card_h, ns_render_style_px (style, 8), &style->background,
                     &style->outline, ns_render_style_px (style, 1));
  ns_scene_add_text (scene, x + pad, y + pad, title, NS_TEXT_TITLE, layout->label_size * 0.9,
                     NS_ALIGN_START, NS_ALIGN_START, &style->foreground);

  {
    NsNetworkBox box = { x + pad, y + pad + title_h, side, side };

    draw_picture (scene, &box, values, grid, 1, view->grid_y_up,
                  neuron_map (maps, view, style, l, j, &scratch), style);
    ns_scene_add_rect (scene, box.x, box.y, box.width, box.height, 0, NULL, &style->outline,
                       ns_render_style_px (style, 1));
  }

  ns_scene_add_textf (scene, x + pad, y + card_h - pad, NS_TEXT_VALUE, layout->label_size * 0.9,
                      NS_ALIGN_START, NS_ALIGN_END, &style->muted, "Bias %.3f", bias);

  ns_scene_add_hit_rect (scene, NS_HIT_NONE, (int) l, (int) j, -1, x, y, card_w, card_h);
}

void
ns_render_network (NsScene *scene,
                   const NsNetworkViewData *view,
                   const NsRenderStyle *style,
                   double width,
                   double height)
{
  NsNetworkLayout layout;
  Maps maps;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL && view->net != NULL);
  g_return_if_fail (style != NULL);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);
  if (ns_render_network_is_image (view))
    {
      ns_render_network_images (scene, view, style, width, height);
      return;
    }
  if (view->layout != NULL && ns_render_network_layout_fits (view->layout, view))
    layout = *view->layout;
  else
    ns_render_network_layout (&layout, scene, view, style, width, height);
  init_maps (&maps, view, style);

  /* Links first, so pictures sit on top of them (and win the hit test). */
  ns_render_network_draw_links (scene, view, &layout, style);
  draw_inputs (scene, view, &layout, &maps, style);
  draw_neurons (scene, view, &layout, &maps, style);
  draw_captions (scene, view, &layout, style);
  ns_render_network_draw_step (scene, view, &layout, style, width, height);
  draw_card (scene, view, &layout, &maps, style, width, height);
}
