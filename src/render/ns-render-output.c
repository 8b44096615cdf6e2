/* ns-render-output.c: lays out and describes the decision boundary picture; one plane of it is
 * drawn in ns-render-output-plane.c. */
#include "ns-render-output-private.h"

#include "ns-experiment-step.h"

#include <math.h>
#include <string.h>

#include "ns-colormap.h"
#include "ns-features.h"
#include "ns-render-chart.h"
#include "ns-printf.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 12.0
#define TITLE_SIZE 15.0
#define CAPTION_SIZE 13.0
#define TICK_SIZE 12.0
#define LABEL_SIZE 14.0
#define LEGEND_GAP 14.0
#define LEGEND_BAR 110.0 /* the regression legend's colour bar */
#define MIN_SIDE 40.0
#define ROOMY_WIDTH 480.0 /* larger areas (at scale 1) get larger text, up to 1.4x */
#define ROOMY_HEIGHT 540.0
#define PLANE_GAP 16.0 /* between the planes before and after an update */

void
ns_render_output_prepare (NsOutputViewData *view, NsExperiment *experiment, guint grid_size)
{
  const NsConfig *config;
  const NsDataset *data;
  const NnNet *net;

  g_return_if_fail (view != NULL);
  g_return_if_fail (NS_IS_EXPERIMENT (experiment));

  memset (view, 0, sizeof *view);

  config = ns_experiment_get_config (experiment);
  data = ns_experiment_get_dataset (experiment);
  net = ns_experiment_get_net (experiment);

  /* Stepping through a sample: its point is ringed on the plane (issue 5: "the sample's point
   * highlighted on the data plot"). */
  {
    const NsStepState *step = ns_experiment_get_step_state (experiment);

    view->highlight_train = step->phase != NS_STEP_IDLE && step->data_index < data->n_train
                                ? (int) step->data_index
                                : -1;
  }

  switch (net->loss)
    {
    case NN_LOSS_BCE:
      view->kind = NS_OUTPUT_BINARY;
      view->n_classes = 2;
      break;
    case NN_LOSS_SOFTMAX_CE:
      view->kind = NS_OUTPUT_CLASSES;
      view->n_classes = (guint) nn_net_n_outputs (net);
      break;
    case NN_LOSS_MSE:
    case NN_N_LOSSES:
    default:
      view->kind = NS_OUTPUT_REGRESSION;
      view->n_classes = 0;
      break;
    }

  if (view->n_classes > 0 && data->n_classes == view->n_classes)
    view->class_names = (const char *const *) data->class_names;

  if (grid_size > 0)
    {
      const float *inputs, *units;
      size_t output_row = nn_net_unit_index (net, net->n_layers - 1, 0);

      ns_experiment_eval_plane (experiment, grid_size, &inputs, &units);
      view->grid_size = grid_size;
      view->output = units + output_row * (size_t) grid_size * grid_size;
      /* Stepping's update: the boundary before it beside the one after (issue 5); NULL in
       * every other phase. */
      view->output_before = ns_experiment_eval_plane_before_update (experiment, grid_size);
    }

  view->x_min = data->x_min;
  view->x_max = data->x_max;
  view->y_min = data->y_min;
  view->y_max = data->y_max;
  for (guint a = 0; a < 2; a++)
    {
      guint column = MIN (a, data->n_inputs - 1);

      view->axis_mean[a] = data->mean != NULL ? data->mean[column] : 0;
      view->axis_scale[a] = data->scale != NULL ? data->scale[column] : 1;
    }

  if (ns_config_is_plane (config))
    {
      view->x_label = ns_feature_label (NS_FEATURE_X1);
      view->y_label = ns_feature_label (NS_FEATURE_X2);
    }
  else
    {
      view->x_label = data->input_names[0];
      view->y_label = data->n_inputs > 1 ? data->input_names[1] : data->input_names[0];
      view->others_at_mean = data->n_inputs > 2;
    }

  view->x_stride = data->n_inputs;
  view->train_x = data->train_x;
  view->train_y = data->train_y;
  view->n_train = data->n_train;
  view->test_x = data->test_x;
  view->test_y = data->test_y;
  view->n_test = data->n_test;

  /* Regression: a range symmetric about 0 when the labels straddle it (0 is then neutral, as
   * in the Playground), else the labels' own range. */
  if (view->kind == NS_OUTPUT_REGRESSION)
    {
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

      for (guint s = 0; s < data->n_train; s++)
        if (isfinite (data->train_y[s]))
          {
            lo = MIN (lo, data->train_y[s]);
            hi = MAX (hi, data->train_y[s]);
          }
      for (guint s = 0; s < data->n_test; s++)
        if (isfinite (data->test_y[s]))
          {
            lo = MIN (lo, data->test_y[s]);
            hi = MAX (hi, data->test_y[s]);
          }

      if (lo > hi)
        {
          lo = -1;
          hi = 1;
        }
      else if (lo < 0 && hi > 0)
        {
          hi = MAX (-lo, hi);
          lo = -hi;
        }
      if (!(hi > lo))
        {
          lo -= 1;
          hi += 1;
        }
      view->value_min = lo;
      view->value_max = hi;
    }
}

const char *
ns_render_output_class_name (const NsOutputViewData *view, guint k)
{
  g_return_val_if_fail (view != NULL, NULL);

  return ns_render_class_name (view->class_names, view->class_names != NULL ? view->n_classes : 0,
                               k);
}

typedef struct
{
  const char *text;
  double width; /* swatch and text */
  int kind;     /* 0..n_classes-1: a class; -1: test points; -2: the value bar */
} LegendItem;

#define MAX_LEGEND (NS_MAX_CLASSES + 2)

static const char *
caption_text (const NsOutputViewData *view, char *buffer, size_t size)
{
  switch (view->kind)
    {
    case NS_OUTPUT_BINARY:
      if (view->discretize)
        return "Predicted class at each point";
      g_snprintf (buffer, size, "P(%s) at each point of the plane",
                  ns_render_output_class_name (view, 1));
      return buffer;

    case NS_OUTPUT_CLASSES:
      if (view->discretize)
        return "Predicted class at each point";
      return "Most likely class, paler where unsure";

    case NS_OUTPUT_REGRESSION:
    default:
      if (view->discretize)
        return "Predicted value, in steps";
      return "Predicted value at each point";
    }
}

/* The largest change the update made to the output anywhere on the grid, as a caption: one
 * sample's step at a small learning rate barely moves the boundary, and the learner should
 * not have to hunt for a difference that is not there. NULL with one plane. */
static char *
change_text (const NsOutputViewData *view)
{
  size_t n = (size_t) view->grid_size * view->grid_size;
  guint rows = view->kind == NS_OUTPUT_CLASSES ? view->n_classes : 1;
  double most = 0;
  g_autofree char *number = NULL;

  if (view->output_before == NULL || view->output == NULL)
    return NULL;
  for (size_t k = 0; k < rows * n; k++)
    {
      double d = fabs ((double) view->output[k] - (double) view->output_before[k]);

      if (isfinite (d))
        most = MAX (most, d);
    }
  number = ns_render_format_number (most, 2);
  switch (view->kind)
    {
    case NS_OUTPUT_BINARY:
      return g_strdup_printf ("Change: up to %s in P(%s)", number,
                              ns_render_output_class_name (view, 1));
    case NS_OUTPUT_CLASSES:
      return g_strdup_printf ("Change: up to %s in a probability", number);
    case NS_OUTPUT_REGRESSION:
    default:
      return g_strdup_printf ("Change: up to %s in the value", number);
    }
}

#define MAX_PLANES 2

void
ns_render_output (NsScene *scene,
                  const NsOutputViewData *view,
                  const NsRenderStyle *style,
                  double width,
                  double height)
{
  Plane plane;
  LegendItem legend[MAX_LEGEND];
  guint n_legend = 0;
  double text_scale, margin, pad, tick_len, title_size, caption_size, tick_size, label_size;
  double swatch_r, legend_gap, gutter = 0, top, plane_head, plane_foot, legend_h, side;
  double side_across, side_down, plane_gap, gap_across, x0, caption_w = 0, y_label_w = 0;
  gboolean caption_line = FALSE;
  PlaneText text;
  double title_h, caption_h, label_h, tick_h, legend_rows = 1, row_w = 0, y;
  double stroke_w;
  char buffer[128];
  const char *caption;
  /* Before and after an update (issue 5) side by side, or stacked; else the one plane. The
   * interactive one, the network as it is now, comes last. */
  const float *outputs[MAX_PLANES];
  const char *plane_captions[MAX_PLANES];
  guint n_planes = 0;
  gboolean across;
  NsColor test_ring, swatch_fill;
  g_autofree char *bar_lo = NULL;
  g_autofree char *bar_hi = NULL;
  g_autofree char *change = change_text (view);
  double bar_lo_w = 0, bar_hi_w = 0;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (view->x_max > view->x_min && view->y_max > view->y_min);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);

  if (view->output_before != NULL && view->output != NULL)
    {
      outputs[n_planes] = view->output_before;
      plane_captions[n_planes++] = "Before this update";
      outputs[n_planes] = view->output;
      plane_captions[n_planes++] = "After this update";
    }
  else
    {
      outputs[n_planes] = view->output;
      plane_captions[n_planes++] = NULL;
    }

  text_scale = CLAMP (MIN (width / ROOMY_WIDTH, height / ROOMY_HEIGHT) / style->scale, 1.0, 1.4);
  margin = ns_render_style_px (style, MARGIN);
  pad = ns_render_style_px (style, PAD);
  tick_len = ns_render_style_px (style, TICK_LENGTH);
  title_size = ns_render_style_px (style, TITLE_SIZE * text_scale);
  caption_size = ns_render_style_px (style, CAPTION_SIZE * text_scale);
  tick_size = ns_render_style_px (style, TICK_SIZE * text_scale);
  label_size = ns_render_style_px (style, LABEL_SIZE * text_scale);
  swatch_r = 0.36 * caption_size;
  legend_gap = ns_render_style_px (style, LEGEND_GAP);
  plane_gap = ns_render_style_px (style, PLANE_GAP);

  ns_scene_measure_text (scene, "Output", NS_TEXT_TITLE, title_size, NULL, &title_h);
  ns_scene_measure_text (scene, "X", NS_TEXT_LABEL, caption_size, NULL, &caption_h);
  ns_scene_measure_text (scene, "X", NS_TEXT_LABEL, label_size, NULL, &label_h);
  ns_scene_measure_text (scene, "0", NS_TEXT_VALUE, tick_size, NULL, &tick_h);

  /* The legend: one item per class (or the value bar between its end values), then the test
   * points' ring. */
  if (view->kind == NS_OUTPUT_REGRESSION)
    {
      double step = ns_render_nice_step (view->value_max - view->value_min, 4) / 10;

      bar_lo = ns_render_format_tick (view->value_min, step);
      bar_hi = ns_render_format_tick (view->value_max, step);
      ns_scene_measure_text (scene, bar_lo, NS_TEXT_VALUE, tick_size, &bar_lo_w, NULL);
      ns_scene_measure_text (scene, bar_hi, NS_TEXT_VALUE, tick_size, &bar_hi_w, NULL);
      legend[n_legend++] = (LegendItem){
        NULL, bar_lo_w + ns_render_style_px (style, LEGEND_BAR) + bar_hi_w + 2 * pad, -2
      };
    }
  else
    {
      for (guint k = 0; k < MIN (view->n_classes, (guint) NS_MAX_CLASSES); k++)
        legend[n_legend++] = (LegendItem){ ns_render_output_class_name (view, k), 0, (int) k };
    }
  if (view->show_test && view->n_test > 0)
    legend[n_legend++] = (LegendItem){ "test point", 0, -1 };

  for (guint i = 0; i < n_legend; i++)
    {
      double tw = 0;

      if (legend[i].text != NULL)
        {
          ns_scene_measure_text (scene, legend[i].text, NS_TEXT_LABEL, caption_size, &tw, NULL);
          legend[i].width = 2 * swatch_r + pad + tw;
        }
      if (row_w > 0 && row_w + legend_gap + legend[i].width > width - 2 * margin)
        {
          legend_rows++;
          row_w = 0;
        }
      row_w += (row_w > 0 ? legend_gap : 0) + legend[i].width;
    }

  /* Top: title, caption(s). Over each plane: x2's name, and its own caption when there are
   * several (beside the name if it fits, else on a line above); under it: x1's ticks and name.
   * At the bottom, once: the legend. */
  top = title_h + caption_h * (1 + (view->others_at_mean ? 1 : 0) + (change != NULL ? 1 : 0)) + pad;
  plane_foot = tick_len + pad / 2 + tick_h + pad / 2 + label_h + pad;
  text.name_gap = MAX (pad, tick_h / 2 + pad / 2);
  legend_h = legend_rows * caption_h * 1.4;

  plane.scene = scene;
  plane.view = view;
  plane.style = style;
  plane.side = MAX (ns_render_style_px (style, MIN_SIDE),
                    MIN (width / n_planes, height) - 2 * margin - top - label_h - text.name_gap
                        - plane_foot - legend_h);
  ns_render_output_add_ticks (&plane, 1, tick_size, &gutter, TRUE);
  gutter = ceil (gutter + pad / 2 + tick_len);
  /* Side by side, the last x1 label of one plane and the first of the next meet in the gap:
   * it holds half of each, and a space. */
  {
    double x_tick_w = 0;

    ns_render_output_add_ticks (&plane, 0, tick_size, &x_tick_w, TRUE);
    gap_across = MAX (plane_gap, ceil (x_tick_w + pad));
  }

  for (guint k = 0; k < n_planes; k++)
    if (plane_captions[k] != NULL)
      {
        double w;

        ns_scene_measure_text (scene, plane_captions[k], NS_TEXT_LABEL, label_size, &w, NULL);
        caption_w = MAX (caption_w, w);
      }
  if (view->y_label != NULL)
    ns_scene_measure_text (scene, view->y_label, NS_TEXT_LABEL, label_size, &y_label_w, NULL);

  /* Side by side or stacked, whichever gives the larger planes (the area's aspect decides).
   * Planes side by side share x2's axis (left of the first), stacked ones x1's (under the
   * last): the same ranges, and the room goes to the planes. The x2 ticks' gutter is kept on
   * the right too, so the picture stays centred. First try with the captions beside x2's
   * name; if one would run into it, again with the captions on lines of their own. */
  for (guint pass = 0; pass < 2; pass++)
    {
      caption_line = n_planes > 1 && pass == 1;
      plane_head = label_h + text.name_gap + (caption_line ? label_h + pad / 2 : 0);
      side_across = MIN ((width - 2 * margin - 2 * gutter - (n_planes - 1) * gap_across) / n_planes,
                         height - 2 * margin - top - plane_head - plane_foot - legend_h);
      side_down = MIN (width - 2 * margin - 2 * gutter,
                       (height - 2 * margin - top - legend_h - n_planes * plane_head - plane_foot
                        - (n_planes - 1) * plane_gap)
                           / n_planes);
      across = side_across >= side_down;
      side = floor (across ? side_across : side_down);
      side = MAX (side, ns_render_style_px (style, MIN_SIDE));
      if (n_planes == 1 || caption_line
          || (y_label_w - gutter + pad <= (side - caption_w) / 2
              && caption_w <= side + (across ? gap_across : plane_gap)))
        break;
    }
  plane.side = side;

  /* Title and caption. */
  y = margin;
  ns_scene_add_text (scene, margin, y, "Output", NS_TEXT_TITLE, title_size, NS_ALIGN_START,
                     NS_ALIGN_START, &style->foreground);
  y += title_h;
  caption = caption_text (view, buffer, sizeof buffer);
  ns_scene_add_text (scene, margin, y, caption, NS_TEXT_LABEL, caption_size, NS_ALIGN_START,
                     NS_ALIGN_START, &style->muted);
  y += caption_h;
  if (view->others_at_mean)
    {
      ns_scene_add_text (scene, margin, y, "Other inputs held at their mean", NS_TEXT_LABEL,
                         caption_size, NS_ALIGN_START, NS_ALIGN_START, &style->muted);
      y += caption_h;
    }
  if (change != NULL)
    ns_scene_add_text (scene, margin, y, change, NS_TEXT_LABEL, caption_size, NS_ALIGN_START,
                       NS_ALIGN_START, &style->foreground);

  /* The planes. */
  text.gutter = gutter;
  text.tick_size = tick_size;
  text.label_size = label_size;
  text.tick_h = tick_h;
  text.label_h = label_h;
  x0 = round ((width - (n_planes * side + (n_planes - 1) * gap_across)) / 2);
  for (guint k = 0; k < n_planes; k++)
    {
      PlaneLook look = {
        .output = outputs[k],
        .caption = plane_captions[k],
        .caption_line = caption_line,
        .interactive = k == n_planes - 1,
        .x_axis = across || k == n_planes - 1,
        .y_axis = !across || k == 0,
      };

      if (across)
        {
          plane.px = x0 + k * (side + gap_across);
          plane.py = round (margin + top + plane_head);
        }
      else
        {
          plane.px = round ((width - side) / 2);
          plane.py = round (margin + top + plane_head + k * (side + plane_gap + plane_head));
        }
      ns_render_output_add_plane (&plane, &look, &text);
    }
  y = plane.py + side + plane_foot;

  /* The legend, once, in rows centred under the planes. */
  stroke_w = MAX (1.0, ns_render_style_px (style, 1));
  test_ring = ns_render_output_point_ring (style, TRUE);
  swatch_fill = ns_color_mix (&style->neutral, &style->muted, 0.3);
  swatch_fill.a = 1;
  {
    guint first = 0;

    while (first < n_legend)
      {
        guint end = first;
        double total = 0, x;
        double cy = y + caption_h * 0.7;

        while (end < n_legend
               && (end == first || total + legend_gap + legend[end].width <= width - 2 * margin))
          {
            total += (end > first ? legend_gap : 0) + legend[end].width;
            end++;
          }

        x = MAX (margin, round (width / 2 - total / 2));
        for (guint i = first; i < end; i++)
          {
            const LegendItem *item = &legend[i];

            if (item->kind == -2)
              {
                NsColormap map;
                NsRenderStyle plane_style;
                guint32 *bar;
                double bx = x + bar_lo_w + pad, bh = 0.7 * caption_size;
                double bw = ns_render_style_px (style, LEGEND_BAR);

                /* The bar in the plane's colours, which it explains. */
                ns_render_output_plane_style (style, &plane_style);
                ns_colormap_init_values (&map, &plane_style, 0, 63);
                bar = ns_scene_add_image (scene, bx, cy - bh / 2, bw, bh, 64, 1, FALSE);
                for (int c = 0; bar != NULL && c < 64; c++)
                  bar[c] = ns_colormap_lookup (&map, (float) c);
                ns_scene_add_rect (scene, bx, cy - bh / 2, bw, bh, 0, NULL, &style->outline,
                                   ns_render_style_px (style, 1));
                ns_scene_add_text (scene, x, cy, bar_lo, NS_TEXT_VALUE, tick_size, NS_ALIGN_START,
                                   NS_ALIGN_CENTER, &style->muted);
                ns_scene_add_text (scene, bx + bw + pad, cy, bar_hi, NS_TEXT_VALUE, tick_size,
                                   NS_ALIGN_START, NS_ALIGN_CENTER, &style->muted);
              }
            else
              {
                const NsColor *fill = item->kind >= 0
                                          ? ns_render_style_class_color (style, (guint) item->kind)
                                          : &swatch_fill;

                ns_scene_add_circle (scene, x + swatch_r, cy, swatch_r, fill,
                                     item->kind >= 0 ? NULL : &test_ring, 1.5 * stroke_w);
                ns_scene_add_text (scene, x + 2 * swatch_r + pad, cy, item->text, NS_TEXT_LABEL,
                                   caption_size, NS_ALIGN_START, NS_ALIGN_CENTER,
                                   &style->foreground);
              }
            x += item->width + legend_gap;
          }

        y += caption_h * 1.4;
        first = end;
      }
  }
}

static const NsHitRegion *
find_plane (const NsScene *scene)
{
  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, i);

      if (hit->kind == NS_HIT_POINT && !hit->segment && hit->layer == NS_OUTPUT_HIT_PLANE)
        return hit;
    }

  return NULL;
}

gboolean
ns_render_output_get_plane (const NsScene *scene,
                            double *x,
                            double *y,
                            double *width,
                            double *height)
{
  const NsHitRegion *hit;

  g_return_val_if_fail (scene != NULL, FALSE);

  hit = find_plane (scene);
  if (hit == NULL)
    return FALSE;

  if (x != NULL)
    *x = hit->x0;
  if (y != NULL)
    *y = hit->y0;
  if (width != NULL)
    *width = hit->x1 - hit->x0;
  if (height != NULL)
    *height = hit->y1 - hit->y0;

  return TRUE;
}

gboolean
ns_render_output_scene_to_plane (const NsScene *scene,
                                 const NsOutputViewData *view,
                                 double sx,
                                 double sy,
                                 double *x1,
                                 double *x2)
{
  const NsHitRegion *hit;
  double u, v;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (x1 != NULL && x2 != NULL, FALSE);

  hit = find_plane (scene);
  if (hit == NULL || hit->x1 <= hit->x0 || hit->y1 <= hit->y0)
    return FALSE;

  u = (sx - hit->x0) / (hit->x1 - hit->x0);
  v = (sy - hit->y0) / (hit->y1 - hit->y0);
  *x1 = view->x_min + u * (view->x_max - view->x_min);
  *x2 = view->y_max - v * (view->y_max - view->y_min);

  return u >= 0 && u <= 1 && v >= 0 && v <= 1;
}

gboolean
ns_render_output_plane_to_scene (const NsScene *scene,
                                 const NsOutputViewData *view,
                                 double x1,
                                 double x2,
                                 double *sx,
                                 double *sy)
{
  const NsHitRegion *hit;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (sx != NULL && sy != NULL, FALSE);

  hit = find_plane (scene);
  if (hit == NULL)
    return FALSE;

  *sx = hit->x0 + (x1 - view->x_min) / (view->x_max - view->x_min) * (hit->x1 - hit->x0);
  *sy = hit->y0 + (view->y_max - x2) / (view->y_max - view->y_min) * (hit->y1 - hit->y0);

  return TRUE;
}

char *
ns_render_output_describe (NsExperiment *experiment,
                           const NsOutputViewData *view,
                           double x1,
                           double x2)
{
  const NnNet *net;
  g_autofree float *inputs = NULL;
  g_autofree float *units = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autofree char *result = NULL;
  const float *out;
  const char *xl = view->x_label != NULL ? view->x_label : "x1";
  const char *yl = view->y_label != NULL ? view->y_label : "x2";
  float xy[2] = { (float) x1, (float) x2 };
  double step1, step2;

  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  net = ns_experiment_get_net (experiment);
  /* One point through the network, exactly as the plane's grid is evaluated. */
  inputs = g_new (float, MAX (net->n_inputs, 1));
  units = g_new (float, net->n_units);
  ns_experiment_plane_inputs (experiment, xy, 1, inputs);
  if (nn_net_eval_grid (net, inputs, 1, units) != NN_OK)
    return NULL;
  out = units + nn_net_unit_index (net, net->n_layers - 1, 0);

  /* Coordinates to a hundredth of the axes' span's order of magnitude. */
  step1 = ns_render_nice_step ((view->x_max - view->x_min) * fabs (view->axis_scale[0]), 4) / 100;
  step2 = ns_render_nice_step ((view->y_max - view->y_min) * fabs (view->axis_scale[1]), 4) / 100;
  c1 = ns_render_format_tick (x1 * view->axis_scale[0] + view->axis_mean[0], step1);
  c2 = ns_render_format_tick (x2 * view->axis_scale[1] + view->axis_mean[1], step2);

  switch (view->kind)
    {
    case NS_OUTPUT_BINARY:
      result = ns_strdup_printf ("%s %s, %s %s\nP(%s) %.2f: the network says %s", xl, c1, yl, c2,
                                 ns_render_output_class_name (view, 1), out[0],
                                 out[0] >= 0.5f ? ns_render_output_class_name (view, 1)
                                                : ns_render_output_class_name (view, 0));
      break;

    case NS_OUTPUT_CLASSES:
      {
        guint best = 0;

        for (guint c = 1; c < nn_net_n_outputs (net); c++)
          if (out[c] > out[best])
            best = c;
        result = ns_strdup_printf ("%s %s, %s %s\nMost likely %s (P %.2f)", xl, c1, yl, c2,
                                   ns_render_output_class_name (view, best), out[best]);
      }
      break;

    case NS_OUTPUT_REGRESSION:
    default:
      result = ns_strdup_printf ("%s %s, %s %s\nPredicted value %.3f", xl, c1, yl, c2, out[0]);
      break;
    }

  return g_steal_pointer (&result);
}
