/* ns-render-curves.c: lays out and describes the loss and accuracy charts. */
#include "ns-render-curves.h"

#include "ns-decimate.h"
#include "ns-printf.h"

#include <math.h>
#include <string.h>

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 12.0
#define TITLE_SIZE 15.0
#define LEGEND_SIZE 13.0
#define TICK_SIZE 12.0
#define PAD 6.0 /* between text and what it labels */
#define TICK_LENGTH 4.0
#define SWATCH 30.0            /* a legend's line sample: long enough to show its dashes */
#define LEGEND_GAP 16.0        /* between legend items */
#define CHART_GAP 14.0         /* between stacked charts */
#define MIN_CHART_HEIGHT 150.0 /* two charts stack only if each gets this much */
#define TRAIN_WIDTH 2.0
#define TEST_WIDTH 2.75
#define DOT_RADIUS 3.0    /* the current value at a curve's end */
#define ROOMY_WIDTH 640.0 /* larger areas (at scale 1) get larger text, up to 1.3x */
#define ROOMY_HEIGHT 420.0

typedef enum
{
  SERIES_TRAIN,
  SERIES_TEST,
} Series;

typedef struct
{
  NsScene *scene;
  const NsCurvesViewData *view;
  const NsRenderStyle *style;
  double title_size, legend_size, tick_size;
  NsColor train_color, test_color;
  double e0, e1; /* the epoch axis */
} Ctx;

void
ns_render_curves_prepare (NsCurvesViewData *view, NsExperiment *experiment, NsCurvesMode mode)
{
  const NsDataset *dataset;

  g_return_if_fail (view != NULL);
  g_return_if_fail (NS_IS_EXPERIMENT (experiment));

  memset (view, 0, sizeof *view);
  dataset = ns_experiment_get_dataset (experiment);
  view->history = ns_experiment_get_history (experiment, &view->n_entries);
  view->mode = mode;
  view->regression = dataset == NULL || dataset->n_classes == 0;
  view->has_test = dataset != NULL && dataset->n_test > 0;
}

double
ns_render_nice_step (double range, int n_ticks)
{
  double raw, magnitude, f;

  if (!(range > 0) || !isfinite (range) || n_ticks < 1)
    return 1.0;

  raw = range / n_ticks;
  magnitude = pow (10.0, floor (log10 (raw)));
  f = raw / magnitude;

  /* The smallest of 1, 2, 5, 10 (times the magnitude) at least as large as the raw step. */
  if (f <= 1.0)
    f = 1.0;
  else if (f <= 2.0)
    f = 2.0;
  else if (f <= 5.0)
    f = 5.0;
  else
    f = 10.0;

  return f * magnitude;
}

void
ns_render_append_value (GString *text, const char *name, double value, gboolean percent)
{
  if (!isfinite (value))
    g_string_append_printf (text, "\n%s –", name);
  else if (percent)
    ns_string_append_printf (text, "\n%s %.1f%%", name, 100 * value);
  else
    ns_string_append_printf (text, "\n%s %.4g", name, value);
}

char *
ns_render_format_tick (double value, double step)
{
  int decimals = 0;
  char *text;

  /* -0.0 and values a rounding error off zero print as 0. */
  if (fabs (value) < step * 1e-6)
    value = 0;

  if (fabs (value) >= 1e6 || (fabs (value) > 0 && fabs (value) < 1e-4))
    text = ns_strdup_printf ("%.3g", fabs (value));
  else
    {
      if (step > 0 && step < 1)
        decimals = (int) CLAMP (ceil (-log10 (step) - 1e-9), 0, 6);
      text = ns_strdup_printf ("%.*f", decimals, fabs (value));
    }

  if (value < 0)
    {
      /* U+2212, the minus sign: as wide as a digit, unlike the hyphen. */
      char *signed_text = g_strconcat ("\u2212", text, NULL);

      g_free (text);
      return signed_text;
    }

  return text;
}

static double
series_value (const NsHistoryEntry *entry, NsCurvesChart chart, Series series)
{
  if (chart == NS_CURVES_CHART_LOSS)
    return series == SERIES_TRAIN ? entry->train_loss : entry->test_loss;

  return 100.0 * (series == SERIES_TRAIN ? entry->train_accuracy : entry->test_accuracy);
}

/* The loss axis' top: a round value above the largest finite loss (1 with none). */
static double
loss_top (const NsCurvesViewData *view, double *step)
{
  double max = 0;

  for (guint i = 0; i < view->n_entries; i++)
    {
      const NsHistoryEntry *e = &view->history[i];

      if (isfinite (e->train_loss))
        max = MAX (max, e->train_loss);
      if (view->has_test && isfinite (e->test_loss))
        max = MAX (max, e->test_loss);
    }

  if (!(max > 0))
    max = 1.0;

  /* Guard the arithmetic against losses near the largest double. */
  max = MIN (max, 1e300);
  *step = ns_render_nice_step (max, 4);

  return MAX (ceil (max / *step - 1e-9) * *step, *step);
}

static char *
format_value (NsCurvesChart chart, double value)
{
  if (!isfinite (value))
    return g_strdup (chart == NS_CURVES_CHART_LOSS ? "diverged" : "\u2013");
  if (chart == NS_CURVES_CHART_ACCURACY)
    return ns_strdup_printf ("%.1f%%", value);
  if (value >= 1000)
    return ns_strdup_printf ("%.3g", value);
  return ns_strdup_printf ("%.3f", value);
}

/* Test loss dashed, training solid: the two differ by more than colour (colour-blind
 * learners, washed-out projectors). */
static NsDash
series_dash (Series series)
{
  return series == SERIES_TRAIN ? NS_DASH_SOLID : NS_DASH_DASHED;
}

/* Appends one curve: at most two points (the extremes, in history order) per horizontal pixel
 * of the plot, so a history of any length costs at most 2 x its width. */
static void
add_series (Ctx *ctx,
            NsCurvesChart chart,
            Series series,
            double top,
            double px,
            double py,
            double pw,
            double ph)
{
  const NsCurvesViewData *view = ctx->view;
  const NsColor *color = series == SERIES_TRAIN ? &ctx->train_color : &ctx->test_color;
  double line_width =
      ns_render_style_px (ctx->style, series == SERIES_TRAIN ? TRAIN_WIDTH : TEST_WIDTH);
  NsDecimator line;
  size_t n_points;
  double *points;

  ns_decimator_init (&line, ctx->scene, view->n_entries, pw);
  for (guint i = 0; i < view->n_entries; i++)
    {
      double v = series_value (&view->history[i], chart, series);
      double t;

      /* NaN cannot be placed; an infinite loss went off the top of the chart. */
      if (isnan (v))
        continue;
      v = CLAMP (v, 0.0, top);
      t = (view->history[i].epoch - ctx->e0) / (ctx->e1 - ctx->e0);
      ns_decimator_add (&line, t, px + CLAMP (t, 0.0, 1.0) * pw, py + ph - v / top * ph);
    }
  n_points = ns_decimator_finish (&line);
  points = line.points;

  if (n_points == 0)
    return;

  ns_scene_add_polyline_dashed (ctx->scene, points, n_points, line_width, color,
                                series_dash (series));

  /* The current value, marked where the curve ends. */
  ns_scene_add_circle (ctx->scene, points[2 * n_points - 2], points[2 * n_points - 1],
                       ns_render_style_px (ctx->style, DOT_RADIUS), color, NULL, 0);
}

/* One legend item (a line sample and "Training 0.123"); returns its width. */
static double
add_legend_item (Ctx *ctx,
                 double x,
                 double cy,
                 Series series,
                 const char *text,
                 gboolean measure_only)
{
  const NsColor *color = series == SERIES_TRAIN ? &ctx->train_color : &ctx->test_color;
  double swatch = ns_render_style_px (ctx->style, SWATCH);
  double pad = ns_render_style_px (ctx->style, PAD);
  double tw, th;

  ns_scene_measure_text (ctx->scene, text, NS_TEXT_VALUE, ctx->legend_size, &tw, &th);
  if (!measure_only)
    {
      ns_scene_add_dash_sample (
          ctx->scene, x, x + swatch, cy,
          ns_render_style_px (ctx->style, series == SERIES_TRAIN ? TRAIN_WIDTH : TEST_WIDTH), color,
          series_dash (series));
      ns_scene_add_text (ctx->scene, x + swatch + pad, cy, text, NS_TEXT_VALUE, ctx->legend_size,
                         NS_ALIGN_START, NS_ALIGN_CENTER, &ctx->style->foreground);
    }

  return swatch + pad + tw;
}

/* The y axis of @chart: 0 to @top in steps of @step. */
static void
y_axis (const NsCurvesViewData *view, NsCurvesChart chart, double *top, double *step)
{
  if (chart == NS_CURVES_CHART_LOSS)
    {
      *top = loss_top (view, step);
    }
  else
    {
      *top = 100;
      *step = 25;
    }
}

static char *
tick_label (NsCurvesChart chart, double value, double step)
{
  if (chart == NS_CURVES_CHART_ACCURACY)
    return ns_strdup_printf ("%.0f%%", value);
  return ns_render_format_tick (value, step);
}

/* Room left of the plot for the y tick labels. */
static double
chart_gutter (Ctx *ctx, NsCurvesChart chart)
{
  double top, step, widest = 0;
  int n_steps;

  y_axis (ctx->view, chart, &top, &step);
  n_steps = (int) CLAMP (round (top / step), 1, 100);
  for (int k = 0; k <= n_steps; k++)
    {
      g_autofree char *label = tick_label (chart, k * step, step);
      double lw;

      ns_scene_measure_text (ctx->scene, label, NS_TEXT_VALUE, ctx->tick_size, &lw, NULL);
      widest = MAX (widest, lw);
    }

  return ceil (widest + ns_render_style_px (ctx->style, PAD)
               + ns_render_style_px (ctx->style, TICK_LENGTH));
}

/* One chart in the box (x, y, w, h), its plot @gutter from the left (stacked charts share
 * one, so their axes line up). */
static void
add_chart (Ctx *ctx, NsCurvesChart chart, double x, double y, double w, double h, double gutter)
{
  const NsCurvesViewData *view = ctx->view;
  const NsRenderStyle *style = ctx->style;
  const NsHistoryEntry *last = view->n_entries > 0 ? &view->history[view->n_entries - 1] : NULL;
  double pad = ns_render_style_px (style, PAD);
  double tick_len = ns_render_style_px (style, TICK_LENGTH);
  double legend_gap = ns_render_style_px (style, LEGEND_GAP);
  const char *title = chart == NS_CURVES_CHART_LOSS ? "Loss" : "Accuracy";
  g_autofree char *train_text = NULL;
  g_autofree char *test_text = NULL;
  double title_w, title_h, legend_w, legend_y, header;
  double top, step, tick_h, epoch_w, epoch_h;
  double px, py, pw, ph, x_step;
  int n_steps;

  /* Title, then the legend with the current values: beside the title if it fits. */
  ns_scene_measure_text (ctx->scene, title, NS_TEXT_TITLE, ctx->title_size, &title_w, &title_h);
  ns_scene_add_text (ctx->scene, x, y, title, NS_TEXT_TITLE, ctx->title_size, NS_ALIGN_START,
                     NS_ALIGN_START, &style->foreground);

  {
    g_autofree char *train_value =
        format_value (chart, last != NULL ? series_value (last, chart, SERIES_TRAIN) : NAN);
    g_autofree char *test_value =
        format_value (chart, last != NULL ? series_value (last, chart, SERIES_TEST) : NAN);

    train_text = g_strdup_printf ("Training %s", train_value);
    test_text = g_strdup_printf ("Test %s", test_value);
  }

  legend_w = add_legend_item (ctx, 0, 0, SERIES_TRAIN, train_text, TRUE);
  if (view->has_test)
    legend_w += legend_gap + add_legend_item (ctx, 0, 0, SERIES_TEST, test_text, TRUE);

  if (title_w + 2 * legend_gap + legend_w <= w)
    {
      legend_y = y + title_h / 2;
      header = title_h + pad;
    }
  else
    {
      legend_y = y + title_h + pad + ctx->legend_size * 0.7;
      header = title_h + pad + ctx->legend_size * 1.4 + pad;
    }

  {
    double lx = x + w - legend_w;

    if (legend_y > y + title_h)
      lx = x;
    lx += add_legend_item (ctx, lx, legend_y, SERIES_TRAIN, train_text, FALSE) + legend_gap;
    if (view->has_test)
      add_legend_item (ctx, lx, legend_y, SERIES_TEST, test_text, FALSE);
  }

  /* Axes: y from 0 to a round top; x over the history's epochs. */
  y_axis (view, chart, &top, &step);
  n_steps = (int) CLAMP (round (top / step), 1, 100);

  ns_scene_measure_text (ctx->scene, "Epoch", NS_TEXT_LABEL, ctx->tick_size, &epoch_w, &epoch_h);
  tick_h = epoch_h;

  px = x + gutter;
  py = y + header + ctx->tick_size * 0.5; /* room for the top tick label's upper half */
  pw = MAX (1.0, x + w - px - pad);
  ph = MAX (1.0, y + h - py - tick_len - pad / 2 - tick_h);

  /* Horizontal gridlines with their values. */
  for (int k = 0; k <= n_steps; k++)
    {
      double v = k * step;
      double gy = round (py + ph - v / top * ph) + 0.5;
      g_autofree char *label = tick_label (chart, v, step);

      if (v > 0)
        ns_scene_add_line (ctx->scene, px, gy, px + pw, gy, ns_render_style_px (style, 1),
                           &style->outline);
      ns_scene_add_text (ctx->scene, px - tick_len - pad / 2, gy, label, NS_TEXT_VALUE,
                         ctx->tick_size, NS_ALIGN_END, NS_ALIGN_CENTER, &style->muted);
    }

  /* The x axis: round epochs, leaving room for its name at the right end. */
  x_step = MAX (1.0, ns_render_nice_step (ctx->e1 - ctx->e0, MAX (1, (int) (pw / 70.0))));
  for (double e = ceil (ctx->e0 / x_step) * x_step; e <= ctx->e1 + 1e-9; e += x_step)
    {
      double tx = px + (e - ctx->e0) / (ctx->e1 - ctx->e0) * pw;
      g_autofree char *label = ns_strdup_printf ("%.0f", e);
      double lw;

      ns_scene_measure_text (ctx->scene, label, NS_TEXT_VALUE, ctx->tick_size, &lw, NULL);
      ns_scene_add_line (ctx->scene, tx, py + ph, tx, py + ph + tick_len,
                         ns_render_style_px (style, 1), &style->muted);
      if (tx + lw / 2 > px + pw - epoch_w - pad)
        continue;
      ns_scene_add_text (ctx->scene, tx, py + ph + tick_len + pad / 2, label, NS_TEXT_VALUE,
                         ctx->tick_size, NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted);
    }
  ns_scene_add_text (ctx->scene, px + pw, py + ph + tick_len + pad / 2, "Epoch", NS_TEXT_LABEL,
                     ctx->tick_size, NS_ALIGN_END, NS_ALIGN_START, &style->foreground);

  /* The axes themselves. */
  ns_scene_add_line (ctx->scene, px, py, px, py + ph, ns_render_style_px (style, 1), &style->muted);
  ns_scene_add_line (ctx->scene, px, py + ph, px + pw, py + ph, ns_render_style_px (style, 1),
                     &style->muted);

  /* Training first, so the test curve (what matters) is drawn on top. */
  add_series (ctx, chart, SERIES_TRAIN, top, px, py, pw, ph);
  if (view->has_test)
    add_series (ctx, chart, SERIES_TEST, top, px, py, pw, ph);

  ns_scene_add_hit_rect (ctx->scene, NS_HIT_POINT, chart, -1, -1, px, py, pw, ph);
}

void
ns_render_curves (NsScene *scene,
                  const NsCurvesViewData *view,
                  const NsRenderStyle *style,
                  double width,
                  double height)
{
  Ctx ctx;
  double text_scale, margin, x, y, w, h;
  NsCurvesMode mode;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (view->history != NULL || view->n_entries == 0);
  g_return_if_fail (style != NULL);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);

  /* Text grows a little with the room (a maximised window on a projector). */
  text_scale = CLAMP (MIN (width / ROOMY_WIDTH, height / ROOMY_HEIGHT) / style->scale, 1.0, 1.3);

  memset (&ctx, 0, sizeof ctx);
  ctx.scene = scene;
  ctx.view = view;
  ctx.style = style;
  ctx.title_size = ns_render_style_px (style, TITLE_SIZE * text_scale);
  ctx.legend_size = ns_render_style_px (style, LEGEND_SIZE * text_scale);
  ctx.tick_size = ns_render_style_px (style, TICK_SIZE * text_scale);

  /* The test curve in the text colour (darkest on light, lightest on dark), the training curve
   * in a mid blue: they differ in lightness, not only hue, and in width. */
  ctx.test_color = style->foreground;
  ctx.test_color.a = 1.0f;
  if (style->dark)
    {
      NsColor white = { 1, 1, 1, 1 };

      ctx.train_color = ns_color_mix (&style->positive, &white, 0.2);
    }
  else
    {
      ctx.train_color = ns_color_mix (&style->positive, &style->background, 0.3);
    }
  ctx.train_color.a = 1.0f;

  ctx.e0 = view->n_entries > 0 ? view->history[0].epoch : 0;
  ctx.e1 = view->n_entries > 0 ? view->history[view->n_entries - 1].epoch : 1;
  if (!(ctx.e1 > ctx.e0))
    ctx.e1 = ctx.e0 + 1;

  margin = ns_render_style_px (style, MARGIN);
  x = margin;
  y = margin;
  w = MAX (1.0, width - 2 * margin);
  h = MAX (1.0, height - 2 * margin);

  mode = view->regression ? NS_CURVES_LOSS : view->mode;
  if (mode == NS_CURVES_BOTH && h < 2 * ns_render_style_px (style, MIN_CHART_HEIGHT))
    mode = NS_CURVES_ACCURACY;

  switch (mode)
    {
    case NS_CURVES_LOSS:
      add_chart (&ctx, NS_CURVES_CHART_LOSS, x, y, w, h, chart_gutter (&ctx, NS_CURVES_CHART_LOSS));
      break;

    case NS_CURVES_ACCURACY:
      add_chart (&ctx, NS_CURVES_CHART_ACCURACY, x, y, w, h,
                 chart_gutter (&ctx, NS_CURVES_CHART_ACCURACY));
      break;

    case NS_CURVES_BOTH:
    default:
      {
        double gap = ns_render_style_px (style, CHART_GAP);
        double ch = (h - gap) / 2;
        double gutter = MAX (chart_gutter (&ctx, NS_CURVES_CHART_LOSS),
                             chart_gutter (&ctx, NS_CURVES_CHART_ACCURACY));

        add_chart (&ctx, NS_CURVES_CHART_LOSS, x, y, w, ch, gutter);
        add_chart (&ctx, NS_CURVES_CHART_ACCURACY, x, y + ch + gap, w, ch, gutter);
      }
      break;
    }
}

static const NsHitRegion *
find_plot (const NsScene *scene, int chart)
{
  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, i);

      if (hit->kind == NS_HIT_POINT && !hit->segment && hit->layer == chart)
        return hit;
    }

  return NULL;
}

gboolean
ns_render_curves_get_plot (const NsScene *scene,
                           NsCurvesChart chart,
                           double *x,
                           double *y,
                           double *width,
                           double *height)
{
  const NsHitRegion *hit;

  g_return_val_if_fail (scene != NULL, FALSE);

  hit = find_plot (scene, chart);
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

int
ns_render_curves_entry_at (const NsScene *scene, const NsCurvesViewData *view, double x, double y)
{
  const NsHitRegion *hit;
  double e0, e1, epoch;
  guint lo, hi;

  g_return_val_if_fail (scene != NULL, -1);
  g_return_val_if_fail (view != NULL, -1);

  if (view->n_entries == 0)
    return -1;

  hit = ns_scene_hit_test (scene, x, y);
  if (hit == NULL || hit->kind != NS_HIT_POINT || hit->segment || hit->x1 <= hit->x0)
    return -1;

  e0 = view->history[0].epoch;
  e1 = view->history[view->n_entries - 1].epoch;
  if (!(e1 > e0))
    e1 = e0 + 1;
  epoch = e0 + (x - hit->x0) / (hit->x1 - hit->x0) * (e1 - e0);

  /* The last entry at or before the epoch, then whichever neighbour is nearer. */
  lo = 0;
  hi = view->n_entries;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (view->history[mid].epoch <= epoch)
        lo = mid;
      else
        hi = mid;
    }
  if (lo + 1 < view->n_entries
      && fabs (view->history[lo + 1].epoch - epoch) < fabs (view->history[lo].epoch - epoch))
    lo++;

  return (int) lo;
}
