/* ns-render-output-plane.c: draws one plane of the output picture: its heatmap, axes, data points
 * and the stepped sample's ring. Its own file because a plane's drawing is the
 * same whether it stands alone or beside another: ns-render-output.c decides how many planes
 * there are, how large and where, and hands each one to ns_render_output_add_plane. */
#include "ns-render-output-private.h"

#include <math.h>

#include "ns-colormap.h"
#include "ns-render-chart.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define POINT_SHARE 0.011 /* a point's radius as a share of the plane's side … */
#define MIN_POINT 2.5     /* … within these bounds (times the scale) */
#define MAX_POINT 7.0
#define BANDS 8 /* a discretized regression output's steps */
/* How far the plane's colours are faded towards the background (the Playground's pale plane):
 * the points keep the full colours, so a point stands out even on its own class's region. */
#define PLANE_FADE_LIGHT 0.7
#define PLANE_FADE_DARK 0.75

void
ns_render_output_plane_style (const NsRenderStyle *style, NsRenderStyle *plane_style)
{
  double fade = style->dark ? PLANE_FADE_DARK : PLANE_FADE_LIGHT;

  *plane_style = *style;
  for (guint k = 0; k < NS_RENDER_N_CLASS_COLORS; k++)
    plane_style->classes[k] = ns_color_mix (&style->classes[k], &style->background, fade);
  plane_style->positive = ns_color_mix (&style->positive, &style->background, fade);
  plane_style->negative = ns_color_mix (&style->negative, &style->background, fade);
}

/* The colour of a regression point's value: the heatmap's map in full colour, with a middle
 * darker (lighter in the dark style) than the plane's neutral, so a point near 0 still shows
 * on the neutral plane. */
static NsColor
value_color (const NsOutputViewData *view, const NsRenderStyle *style, double value)
{
  double t = (value - view->value_min) / (view->value_max - view->value_min);
  NsColor middle = ns_color_mix (&style->neutral, &style->mark, 0.35);

  if (!isfinite (t))
    return style->muted;

  t = CLAMP (t, 0.0, 1.0);
  if (t < 0.5)
    return ns_color_mix (&style->negative, &middle, 2 * t);
  return ns_color_mix (&middle, &style->positive, 2 * t - 1);
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
          ns_colormap_init_diverging (&map, ns_render_style_class_color (style, 0), &style->neutral,
                                      ns_render_style_class_color (style, 1), 0, 1);
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

              pixels[s] = isnan (t)
                              ? map.nan_pixel
                              : ns_colormap_lookup (
                                  &map, (float) (view->value_min + (band + 0.5) / BANDS * range));
            }
        }
      else
        {
          ns_colormap_apply (&map, output, g, g, FALSE, pixels, g);
        }
      break;
    }
}

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
      to_scene (plane, x[0], view->x_stride > 1 ? x[1] : (view->y_min + view->y_max) / 2, &cx, &cy);
      /* Points outside the plane (test data beyond the training range) would cover the axes. */
      if (!(cx >= plane->px && cx <= plane->px + plane->side && cy >= plane->py
            && cy <= plane->py + plane->side))
        continue;

      ns_scene_add_circle (plane->scene, cx, cy, radius,
                           point_color (view, plane->style, ys[s], &storage), stroke, stroke_width);
      if (hits)
        ns_scene_add_hit_rect (plane->scene, NS_HIT_POINT, which, -1, (int) s, cx - radius,
                               cy - radius, 2 * radius, 2 * radius);
    }
}

NsColor
ns_render_output_point_ring (const NsRenderStyle *style, gboolean test)
{
  NsColor ring = test ? style->mark : style->background;

  ring.a = test ? 0.85f : 0.9f;
  return ring;
}

/* Ticks and their labels along one axis (0: x1 across the bottom, 1: x2 up the left). */
void
ns_render_output_add_ticks (const Plane *plane,
                            int axis,
                            double tick_size,
                            double *gutter,
                            gboolean measure)
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
          ns_scene_add_line (plane->scene, sx, sy, sx, sy + tick_len, ns_render_style_px (style, 1),
                             &style->muted);
          ns_scene_add_text (plane->scene, sx, sy + tick_len + pad / 2, label, NS_TEXT_VALUE,
                             tick_size, NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted);
        }
      else
        {
          to_scene (plane, view->x_min, v, &sx, &sy);
          sx = plane->px;
          ns_scene_add_line (plane->scene, sx - tick_len, sy, sx, sy, ns_render_style_px (style, 1),
                             &style->muted);
          ns_scene_add_text (plane->scene, sx - tick_len - pad / 2, sy, label, NS_TEXT_VALUE,
                             tick_size, NS_ALIGN_END, NS_ALIGN_CENTER, &style->muted);
        }
    }
}

/* One plane of the picture: its heatmap, axes, points and the stepped sample's ring. Only the
 * interactive plane (the last: the network as it is now) gets hit regions, so clicks and
 * tooltips always mean the current network. */
void
ns_render_output_add_plane (const Plane *plane, const PlaneLook *look, const PlaneText *text)
{
  NsScene *scene = plane->scene;
  const NsOutputViewData *view = plane->view;
  const NsRenderStyle *style = plane->style;
  double pad = ns_render_style_px (style, PAD);
  double tick_len = ns_render_style_px (style, TICK_LENGTH);
  double side = plane->side;
  double point_r, stroke_w, y;
  NsColor ring, test_ring;
  NsRenderStyle plane_style;
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
  ns_render_output_plane_style (style, &plane_style);
  if (pixels != NULL)
    fill_heatmap (view, &plane_style, look->output, pixels);
  else
    ns_scene_add_rect (scene, plane->px, plane->py, side, side, 0, &style->neutral, NULL, 0);
  ns_scene_add_rect (scene, plane->px, plane->py, side, side, 0, NULL, &style->outline,
                     ns_render_style_px (style, 1));
  if (look->interactive)
    ns_scene_add_hit_rect (scene, NS_HIT_POINT, NS_OUTPUT_HIT_PLANE, -1, -1, plane->px, plane->py,
                           side, side);

  /* Axes: ticks, and each axis' name (x2's above its top end, x1's under the middle). */
  if (look->x_axis)
    {
      ns_render_output_add_ticks (plane, 0, text->tick_size, NULL, FALSE);
      y = plane->py + side + tick_len + pad / 2 + text->tick_h + pad / 2;
      if (view->x_label != NULL)
        ns_scene_add_text (scene, plane->px + side / 2, y, view->x_label, NS_TEXT_LABEL,
                           text->label_size, NS_ALIGN_CENTER, NS_ALIGN_START, &style->foreground);
    }
  if (look->y_axis)
    {
      ns_render_output_add_ticks (plane, 1, text->tick_size, NULL, FALSE);
      if (view->y_label != NULL)
        ns_scene_add_text (scene, plane->px - text->gutter, plane->py - text->name_gap,
                           view->y_label, NS_TEXT_LABEL, text->label_size, NS_ALIGN_START,
                           NS_ALIGN_END, &style->foreground);
    }

  /* Points in the full class colours on the pale plane; a thin outline in the background's
   * colour parts overlapping training points, test points get a thicker one in the text's
   * colour instead (the Playground's look, in either style). */
  point_r = CLAMP (side * POINT_SHARE, ns_render_style_px (style, MIN_POINT),
                   ns_render_style_px (style, MAX_POINT));
  stroke_w = MAX (1.0, ns_render_style_px (style, 1));
  ring = ns_render_output_point_ring (style, FALSE);
  test_ring = ns_render_output_point_ring (style, TRUE);

  if (view->train_x != NULL && view->train_y != NULL)
    add_points (plane, view->train_x, view->train_y, view->n_train, NS_OUTPUT_HIT_TRAIN, point_r,
                &ring, stroke_w, look->interactive);
  if (view->show_test && view->test_x != NULL && view->test_y != NULL)
    add_points (plane, view->test_x, view->test_y, view->n_test, NS_OUTPUT_HIT_TEST, point_r,
                &test_ring, 1.5 * stroke_w, look->interactive);

  /* The sample being stepped through: a thick ring in the mark colour (black, or white in the
   * dark style) between two of the background's, on top: it reads on both classes' colours
   * and on the neutral middle alike. */
  if (view->highlight_train >= 0 && (guint) view->highlight_train < view->n_train
      && view->train_x != NULL)
    {
      const float *x = view->train_x + (size_t) view->highlight_train * view->x_stride;
      double cx, cy;

      to_scene (plane, x[0], view->x_stride > 1 ? x[1] : (view->y_min + view->y_max) / 2, &cx, &cy);
      ns_scene_add_circle (scene, cx, cy, 2.2 * point_r, NULL, &style->background, 6 * stroke_w);
      ns_scene_add_circle (scene, cx, cy, 2.2 * point_r, NULL, &style->mark, 3 * stroke_w);
    }
}
