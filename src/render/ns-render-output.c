/* ns-render-output.c: lays out and describes the decision boundary picture. */
#include "ns-render-output.h"

#include "ns-experiment-step.h"

#include <math.h>
#include <string.h>

#include "ns-colormap.h"
#include "ns-features.h"
#include "ns-render-curves.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 12.0
#define TITLE_SIZE 15.0
#define CAPTION_SIZE 13.0
#define TICK_SIZE 12.0
#define LABEL_SIZE 14.0
#define PAD 6.0
#define TICK_LENGTH 4.0
#define LEGEND_GAP 14.0
#define LEGEND_BAR 110.0    /* the regression legend's colour bar */
#define MIN_SIDE 40.0
#define POINT_SHARE 0.011   /* a point's radius as a share of the plane's side … */
#define MIN_POINT 2.5       /* … within these bounds (times the scale) */
#define MAX_POINT 7.0
#define BANDS 8             /* a discretized regression output's steps */
#define ROOMY_WIDTH 480.0   /* larger areas (at scale 1) get larger text, up to 1.4x */
#define ROOMY_HEIGHT 540.0
#define PLANE_GAP 16.0      /* between the planes before and after an update */

static const char *const class_colour_names[NS_RENDER_N_CLASS_COLORS] = {
  "orange", "blue", "green", "purple", "yellow",
};

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
      const NnLayer *output = &net->layers[net->n_layers - 1];

      ns_experiment_eval_plane (experiment, grid_size, &inputs, &units);
      view->grid_size = grid_size;
      view->output = units + output->unit_offset * (size_t) grid_size * grid_size;
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

  if (config->data_path == NULL)
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

  if (view->class_names != NULL && k < view->n_classes && view->class_names[k] != NULL)
    {
      const char *name = view->class_names[k];
      char *end = NULL;
      guint64 index = g_ascii_strtoull (name, &end, 10);

      /* Generated sets name their classes "0", "1"…: a learner sees them as colours. */
      if (end == name || *end != '\0' || index != k)
        return name;
    }

  return class_colour_names[k % NS_RENDER_N_CLASS_COLORS];
}

/* The colour of a regression value, as the heatmap shows it. */
static NsColor
value_color (const NsOutputViewData *view, const NsRenderStyle *style, double value)
{
  double t = (value - view->value_min) / (view->value_max - view->value_min);

  if (!isfinite (t))
    return style->muted;

  t = CLAMP (t, 0.0, 1.0);
  if (t < 0.5)
    return ns_color_mix (&style->negative, &style->neutral, 2 * t);
  return ns_color_mix (&style->neutral, &style->positive, 2 * t - 1);
}

static const NsColor *
point_color (const NsOutputViewData *view,
             const NsRenderStyle *style,
             float label,
             NsColor *storage)
{
  if (view->kind == NS_OUTPUT_REGRESSION)
    {
      *storage = value_color (view, style, label);
      return storage;
    }

  if (!(label >= 0))
    label = 0;
  return ns_render_style_class_color (style, (guint) label);
}

/* @output: one plane's rows, laid out as view->output. */
static void
fill_heatmap (const NsOutputViewData *view,
              const NsRenderStyle *style,
              const float *output,
              guint32 *pixels)
{
  int g = (int) view->grid_size;
  size_t n = (size_t) g * g;
  NsColormap map;

  switch (view->kind)
    {
    case NS_OUTPUT_BINARY:
      if (view->discretize)
        {
          guint32 c0 = ns_color_to_argb32 (ns_render_style_class_color (style, 0));
          guint32 c1 = ns_color_to_argb32 (ns_render_style_class_color (style, 1));
          guint32 nan_pixel = ns_color_to_argb32 (&style->muted);

          for (size_t s = 0; s < n; s++)
            pixels[s] = output[s] >= 0.5f ? c1 : output[s] < 0.5f ? c0 : nan_pixel;
        }
      else
        {
          /* a = P(class 1): class 0's colour at 0, neutral at 0.5, class 1's at 1. */
          ns_colormap_init_diverging (&map, ns_render_style_class_color (style, 0),
                                      &style->neutral, ns_render_style_class_color (style, 1), 0,
                                      1);
          ns_colormap_apply (&map, output, g, g, FALSE, pixels, g);
        }
      break;

    case NS_OUTPUT_CLASSES:
      if (view->discretize)
        {
          guint32 colors[NS_RENDER_N_CLASS_COLORS];

          for (guint c = 0; c < NS_RENDER_N_CLASS_COLORS; c++)
            colors[c] = ns_color_to_argb32 (ns_render_style_class_color (style, c));

          for (size_t s = 0; s < n; s++)
            {
              guint best = 0;
              float best_p = output[s];

              for (guint c = 1; c < view->n_classes; c++)
                if (output[c * n + s] > best_p)
                  {
                    best = c;
                    best_p = output[c * n + s];
                  }
              pixels[s] = colors[best % NS_RENDER_N_CLASS_COLORS];
            }
        }
      else
        {
          ns_colormap_apply_classes (style, output, view->n_classes, g, g, FALSE, pixels, g);
        }
      break;

    case NS_OUTPUT_REGRESSION:
    default:
      ns_colormap_init_values (&map, style, (float) view->value_min, (float) view->value_max);
      if (view->discretize)
        {
          double range = view->value_max - view->value_min;

          /* Bands: every value is shown as its band's middle, so equal colours are contours. */
          for (size_t s = 0; s < n; s++)
            {
              double t = (output[s] - view->value_min) / range;
              double band = CLAMP (floor (t * BANDS), 0, BANDS - 1);

              pixels[s] = isnan (t) ? map.nan_pixel
                                    : ns_colormap_lookup (
                                          &map, (float) (view->value_min
                                                         + (band + 0.5) / BANDS * range));
            }
        }
      else
        {
          ns_colormap_apply (&map, output, g, g, FALSE, pixels, g);
        }
      break;
    }
}

typedef struct
{
  NsScene *scene;
  const NsOutputViewData *view;
  const NsRenderStyle *style;
  double px, py, side; /* the plane's square */
} Plane;

static void
to_scene (const Plane *plane, double x1, double x2, double *sx, double *sy)
{
  const NsOutputViewData *view = plane->view;

  *sx = plane->px + (x1 - view->x_min) / (view->x_max - view->x_min) * plane->side;
  *sy = plane->py + (view->y_max - x2) / (view->y_max - view->y_min) * plane->side;
}

static void
add_points (const Plane *plane,
            const float *xs,
            const float *ys,
            guint n,
            int which,
            double radius,
            const NsColor *stroke,
            double stroke_width,
            gboolean hits)
{
  const NsOutputViewData *view = plane->view;

  for (guint s = 0; s < n; s++)
    {
      const float *x = xs + (size_t) s * view->x_stride;
      NsColor storage;
      double cx, cy;

      /* Data with one input has no x2: its points sit across the middle. */
      to_scene (plane, x[0], view->x_stride > 1 ? x[1] : (view->y_min + view->y_max) / 2, &cx,
                &cy);
      /* Points outside the plane (test data beyond the training range) would cover the axes. */
      if (!(cx >= plane->px && cx <= plane->px + plane->side && cy >= plane->py
            && cy <= plane->py + plane->side))
        continue;

      ns_scene_add_circle (plane->scene, cx, cy, radius,
                           point_color (view, plane->style, ys[s], &storage), stroke,
                           stroke_width);
      if (hits)
        ns_scene_add_hit_rect (plane->scene, NS_HIT_POINT, which, -1, (int) s, cx - radius,
                               cy - radius, 2 * radius, 2 * radius);
    }
}

/* Ticks and their labels along one axis (0: x1 across the bottom, 1: x2 up the left). */
static void
add_ticks (const Plane *plane, int axis, double tick_size, double *gutter, gboolean measure)
{
  const NsOutputViewData *view = plane->view;
  const NsRenderStyle *style = plane->style;
  double lo = axis == 0 ? view->x_min : view->y_min;
  double hi = axis == 0 ? view->x_max : view->y_max;
  double mean = view->axis_mean[axis];
  double scale = view->axis_scale[axis] != 0 ? view->axis_scale[axis] : 1;
  double raw_lo = lo * scale + mean, raw_hi = hi * scale + mean;
  double tick_len = ns_render_style_px (style, TICK_LENGTH);
  double pad = ns_render_style_px (style, PAD);
  int n_ticks = (int) CLAMP (plane->side / ns_render_style_px (style, 45), 2, 8);
  double step, first;

  if (raw_lo > raw_hi)
    {
      double t = raw_lo;

      raw_lo = raw_hi;
      raw_hi = t;
    }
  step = ns_render_nice_step (raw_hi - raw_lo, n_ticks);
  first = ceil (raw_lo / step - 1e-9) * step;

  for (int k = 0; k < 100; k++)
    {
      double raw = first + k * step;
      double v = (raw - mean) / scale;
      g_autofree char *label = NULL;
      double sx, sy;

      if (raw > raw_hi + step * 1e-9)
        break;

      label = ns_render_format_tick (raw, step);
      if (measure)
        {
          double w;

          ns_scene_measure_text (plane->scene, label, NS_TEXT_VALUE, tick_size, &w, NULL);
          *gutter = MAX (*gutter, w);
          continue;
        }

      if (axis == 0)
        {
          to_scene (plane, v, view->y_min, &sx, &sy);
          sy = plane->py + plane->side;
          ns_scene_add_line (plane->scene, sx, sy, sx, sy + tick_len,
                             ns_render_style_px (style, 1), &style->muted);
          ns_scene_add_text (plane->scene, sx, sy + tick_len + pad / 2, label, NS_TEXT_VALUE,
                             tick_size, NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted);
        }
      else
        {
          to_scene (plane, view->x_min, v, &sx, &sy);
          sx = plane->px;
          ns_scene_add_line (plane->scene, sx - tick_len, sy, sx, sy,
                             ns_render_style_px (style, 1), &style->muted);
          ns_scene_add_text (plane->scene, sx - tick_len - pad / 2, sy, label, NS_TEXT_VALUE,
                             tick_size, NS_ALIGN_END, NS_ALIGN_CENTER, &style->muted);
        }
    }
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
  number = g_strdup_printf ("%.2g", most);
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

/* How a plane is drawn among several. */
typedef struct
{
  const float *output;   /* its heatmap's values (NULL: a neutral square) */
  const char *caption;   /* "Before this update", or NULL when it is alone */
  gboolean caption_line; /* the caption on a line of its own above x2's name (else beside it) */
  gboolean interactive;  /* hit regions: the plane, its points */
  gboolean x_axis;       /* x1's ticks and name under it (planes stacked share one) */
  gboolean y_axis;       /* x2's ticks and name left of it (planes side by side share one) */
} PlaneLook;

/* Text sizes and the x2 ticks' gutter, the same for every plane. */
typedef struct
{
  double gutter, tick_size, label_size, tick_h, label_h;
  double name_gap; /* between x2's name and the plane: clear of a tick label at its top */
} PlaneText;

/* One plane of the picture: its heatmap, axes, points and the stepped sample's ring. Only the
 * interactive plane (the last: the network as it is now) gets hit regions, so clicks and
 * tooltips always mean the current network. */
static void
add_plane (const Plane *plane, const PlaneLook *look, const PlaneText *text)
{
  NsScene *scene = plane->scene;
  const NsOutputViewData *view = plane->view;
  const NsRenderStyle *style = plane->style;
  double pad = ns_render_style_px (style, PAD);
  double tick_len = ns_render_style_px (style, TICK_LENGTH);
  double side = plane->side;
  double point_r, stroke_w, y;
  NsColor ring, test_ring;
  guint32 *pixels = NULL;

  /* Its caption centred over the plane: beside the x2 axis' name, or above it. */
  if (look->caption != NULL)
    ns_scene_add_text (scene, plane->px + side / 2,
                       plane->py - text->name_gap
                           - (look->caption_line ? text->label_h + pad / 2 : 0),
                       look->caption, NS_TEXT_LABEL, text->label_size, NS_ALIGN_CENTER,
                       NS_ALIGN_END, &style->foreground);

  if (look->output != NULL && view->grid_size > 0)
    pixels = ns_scene_add_image (scene, plane->px, plane->py, side, side, (int) view->grid_size,
                                 (int) view->grid_size, view->discretize);
  if (pixels != NULL)
    fill_heatmap (view, style, look->output, pixels);
  else
    ns_scene_add_rect (scene, plane->px, plane->py, side, side, 0, &style->neutral, NULL, 0);
  ns_scene_add_rect (scene, plane->px, plane->py, side, side, 0, NULL, &style->outline,
                     ns_render_style_px (style, 1));
  if (look->interactive)
    ns_scene_add_hit_rect (scene, NS_HIT_POINT, NS_OUTPUT_HIT_PLANE, -1, -1, plane->px,
                           plane->py, side, side);

  /* Axes: ticks, and each axis' name (x2's above its top end, x1's under the middle). */
  if (look->x_axis)
    {
      add_ticks (plane, 0, text->tick_size, NULL, FALSE);
      y = plane->py + side + tick_len + pad / 2 + text->tick_h + pad / 2;
      if (view->x_label != NULL)
        ns_scene_add_text (scene, plane->px + side / 2, y, view->x_label, NS_TEXT_LABEL,
                           text->label_size, NS_ALIGN_CENTER, NS_ALIGN_START,
                           &style->foreground);
    }
  if (look->y_axis)
    {
      add_ticks (plane, 1, text->tick_size, NULL, FALSE);
      if (view->y_label != NULL)
        ns_scene_add_text (scene, plane->px - text->gutter, plane->py - text->name_gap,
                           view->y_label,
                           NS_TEXT_LABEL, text->label_size, NS_ALIGN_START, NS_ALIGN_END,
                           &style->foreground);
    }

  /* Points: a light ring makes training points stand out on any colour; test points get a
   * dark ring instead (the Playground's look). */
  point_r = CLAMP (side * POINT_SHARE, ns_render_style_px (style, MIN_POINT),
                   ns_render_style_px (style, MAX_POINT));
  stroke_w = MAX (1.0, ns_render_style_px (style, 1));
  ring = (NsColor){ 1, 1, 1, 0.9f };
  test_ring = (NsColor){ 0, 0, 0, 0.85f };

  if (view->train_x != NULL && view->train_y != NULL)
    add_points (plane, view->train_x, view->train_y, view->n_train, NS_OUTPUT_HIT_TRAIN, point_r,
                &ring, stroke_w, look->interactive);
  if (view->show_test && view->test_x != NULL && view->test_y != NULL)
    add_points (plane, view->test_x, view->test_y, view->n_test, NS_OUTPUT_HIT_TEST, point_r,
                &test_ring, 1.5 * stroke_w, look->interactive);

  /* The sample being stepped through: a thick ring in the accent colour, on top. */
  if (view->highlight_train >= 0 && (guint) view->highlight_train < view->n_train
      && view->train_x != NULL)
    {
      const float *x = view->train_x + (size_t) view->highlight_train * view->x_stride;
      double cx, cy;

      to_scene (plane, x[0], view->x_stride > 1 ? x[1] : (view->y_min + view->y_max) / 2, &cx,
                &cy);
      ns_scene_add_circle (scene, cx, cy, 2.2 * point_r, NULL, &style->accent, 3 * stroke_w);
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

  text_scale
      = CLAMP (MIN (width / ROOMY_WIDTH, height / ROOMY_HEIGHT) / style->scale, 1.0, 1.4);
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
  top = title_h + caption_h * (1 + (view->others_at_mean ? 1 : 0) + (change != NULL ? 1 : 0))
        + pad;
  plane_foot = tick_len + pad / 2 + tick_h + pad / 2 + label_h + pad;
  text.name_gap = MAX (pad, tick_h / 2 + pad / 2);
  legend_h = legend_rows * caption_h * 1.4;

  plane.scene = scene;
  plane.view = view;
  plane.style = style;
  plane.side = MAX (ns_render_style_px (style, MIN_SIDE),
                    MIN (width / n_planes, height) - 2 * margin - top - label_h - text.name_gap
                        - plane_foot - legend_h);
  add_ticks (&plane, 1, tick_size, &gutter, TRUE);
  gutter = ceil (gutter + pad / 2 + tick_len);
  /* Side by side, the last x1 label of one plane and the first of the next meet in the gap:
   * it holds half of each, and a space. */
  {
    double x_tick_w = 0;

    add_ticks (&plane, 0, tick_size, &x_tick_w, TRUE);
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
      side_across
          = MIN ((width - 2 * margin - 2 * gutter - (n_planes - 1) * gap_across) / n_planes,
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
      add_plane (&plane, &look, &text);
    }
  y = plane.py + side + plane_foot;

  /* The legend, once, in rows centred under the planes. */
  stroke_w = MAX (1.0, ns_render_style_px (style, 1));
  test_ring = (NsColor){ 0, 0, 0, 0.85f };
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
               && (end == first
                   || total + legend_gap + legend[end].width <= width - 2 * margin))
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
                guint32 *bar;
                double bx = x + bar_lo_w + pad, bh = 0.7 * caption_size;
                double bw = ns_render_style_px (style, LEGEND_BAR);

                ns_colormap_init_values (&map, style, 0, 63);
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
                const NsColor *fill
                    = item->kind >= 0 ? ns_render_style_class_color (style, (guint) item->kind)
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
ns_render_output_get_plane (
    const NsScene *scene, double *x, double *y, double *width, double *height)
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
  const NnLayer *output;
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
  output = &net->layers[net->n_layers - 1];

  /* One point through the network, exactly as the plane's grid is evaluated. */
  inputs = g_new (float, MAX (net->n_inputs, 1));
  units = g_new (float, net->n_units);
  ns_experiment_plane_inputs (experiment, xy, 1, inputs);
  if (nn_net_eval_grid (net, inputs, 1, units) != NN_OK)
    return NULL;
  out = units + output->unit_offset;

  /* Coordinates to a hundredth of the axes' span's order of magnitude. */
  step1 = ns_render_nice_step ((view->x_max - view->x_min) * fabs (view->axis_scale[0]), 4) / 100;
  step2 = ns_render_nice_step ((view->y_max - view->y_min) * fabs (view->axis_scale[1]), 4) / 100;
  c1 = ns_render_format_tick (x1 * view->axis_scale[0] + view->axis_mean[0], step1);
  c2 = ns_render_format_tick (x2 * view->axis_scale[1] + view->axis_mean[1], step2);

  switch (view->kind)
    {
    case NS_OUTPUT_BINARY:
      result = g_strdup_printf ("%s %s, %s %s\nP(%s) %.2f: the network says %s", xl, c1, yl,
                                c2, ns_render_output_class_name (view, 1),
                                out[0],
                                out[0] >= 0.5f ? ns_render_output_class_name (view, 1)
                                               : ns_render_output_class_name (view, 0));
      break;

    case NS_OUTPUT_CLASSES:
      {
        guint best = 0;

        for (guint c = 1; c < output->n_out; c++)
          if (out[c] > out[best])
            best = c;
        result = g_strdup_printf ("%s %s, %s %s\nMost likely %s (P %.2f)", xl, c1, yl, c2,
                                  ns_render_output_class_name (view, best),
                                  out[best]);
      }
      break;

    case NS_OUTPUT_REGRESSION:
    default:
      result = g_strdup_printf ("%s %s, %s %s\nPredicted value %.3f", xl, c1, yl, c2,
                                out[0]);
      break;
    }

  return g_steal_pointer (&result);
}
