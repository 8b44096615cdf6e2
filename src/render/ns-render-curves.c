/* ns-render-curves.c: lays out and describes the loss and accuracy charts. */
#include "ns-render-curves.h"

#include "ns-render-chart.h"
#include "ns-printf.h"

#include <math.h>
#include <string.h>

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 12.0
#define CHART_GAP 14.0         /* between stacked charts */
#define MIN_CHART_HEIGHT 150.0 /* two charts stack only if each gets this much */
#define TRAIN_WIDTH 2.0
#define TEST_WIDTH 2.75
#define DOT_RADIUS 3.0 /* the current value at a curve's end */

typedef enum
{
  SERIES_TRAIN,
  SERIES_TEST,
} Series;

typedef struct
{
  NsChart chart; /* the layout and axes of the chart being added */
  const NsCurvesViewData *view;
  const NsRenderStyle *style;
  NsColor train_color, test_color;
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
  view->current = ns_experiment_get_current (experiment);
  view->diverged = ns_experiment_get_diverged (experiment);
}

/* The values the legend shows: the current ones, else the history's last; NULL if none. */
static const NsHistoryEntry *
current_entry (const NsCurvesViewData *view)
{
  if (view->current != NULL)
    return view->current;
  return view->n_entries > 0 ? &view->history[view->n_entries - 1] : NULL;
}

static double
series_value (const NsHistoryEntry *entry, NsCurvesChart chart, Series series)
{
  if (chart == NS_CURVES_CHART_LOSS)
    return series == SERIES_TRAIN ? entry->train_loss : entry->test_loss;

  return 100.0 * (series == SERIES_TRAIN ? entry->train_accuracy : entry->test_accuracy);
}

/* The largest finite loss (0 with none). */
static double
max_loss (const NsCurvesViewData *view)
{
  const NsHistoryEntry *current = current_entry (view);
  double max = 0;

  if (current != NULL && isfinite (current->train_loss))
    max = MAX (max, current->train_loss);
  if (current != NULL && view->has_test && isfinite (current->test_loss))
    max = MAX (max, current->test_loss);

  for (guint i = 0; i < view->n_entries; i++)
    {
      const NsHistoryEntry *e = &view->history[i];

      if (isfinite (e->train_loss))
        max = MAX (max, e->train_loss);
      if (view->has_test && isfinite (e->test_loss))
        max = MAX (max, e->test_loss);
    }

  return max;
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

static const NsColor *
series_color (const Ctx *ctx, Series series)
{
  return series == SERIES_TRAIN ? &ctx->train_color : &ctx->test_color;
}

static double
series_width (const Ctx *ctx, Series series)
{
  return ns_render_style_px (ctx->style, series == SERIES_TRAIN ? TRAIN_WIDTH : TEST_WIDTH);
}

/* Appends one curve, and a dot at its end for the current value (an edit since the last
 * epoch's end moves the dot off the curve's end, at the same epoch). */
static void
add_series (Ctx *ctx, NsCurvesChart chart, Series series)
{
  const NsCurvesViewData *view = ctx->view;
  const NsHistoryEntry *current = current_entry (view);
  NsDecimator line;
  double ex, ey;

  /* An infinite loss went off the top of the chart: it sits on the top edge. */
  ns_render_chart_line_init (&ctx->chart, &line, view->n_entries);
  for (guint i = 0; i < view->n_entries; i++)
    ns_render_chart_line_add (&ctx->chart, &line, view->history[i].epoch,
                              series_value (&view->history[i], chart, series));
  if (ns_render_chart_line_finish (&ctx->chart, &line, series_width (ctx, series),
                                   series_color (ctx, series), series_dash (series), &ex, &ey)
      && current != NULL && isfinite (series_value (current, chart, series)))
    ns_scene_add_circle (ctx->chart.scene, ex,
                         ns_render_chart_y (&ctx->chart, series_value (current, chart, series)),
                         ns_render_style_px (ctx->style, DOT_RADIUS), series_color (ctx, series),
                         NULL, 0);
}

static char *
accuracy_tick_label (double value, double step)
{
  return ns_strdup_printf ("%.0f%%", value);
}

/* The y axis of @chart: the loss from 0 to a round top, the accuracy from 0 to 100%. */
static void
set_y_axis (Ctx *ctx, NsCurvesChart chart)
{
  if (chart == NS_CURVES_CHART_LOSS)
    ns_render_chart_fit_linear_y (&ctx->chart, max_loss (ctx->view), NULL);
  else
    ns_render_chart_set_linear_y (&ctx->chart, 100, 25, accuracy_tick_label);
}

/* Room left of the plot for @chart's y tick labels. */
static double
chart_gutter (Ctx *ctx, NsCurvesChart chart)
{
  set_y_axis (ctx, chart);
  return ns_render_chart_gutter (&ctx->chart);
}

/* One chart in the box (x, y, w, h), its plot @gutter from the left (stacked charts share
 * one, so their axes line up). */
static void
add_chart (Ctx *ctx, NsCurvesChart chart, double x, double y, double w, double h, double gutter)
{
  const NsCurvesViewData *view = ctx->view;
  const NsHistoryEntry *current = current_entry (view);
  /* A diverged run's loss: "diverged", never the last finite value as if it still held. */
  gboolean gone = view->diverged && chart == NS_CURVES_CHART_LOSS;
  g_autofree char *train_value = format_value (
      chart, current != NULL && !gone ? series_value (current, chart, SERIES_TRAIN) : NAN);
  g_autofree char *test_value = format_value (
      chart, current != NULL && !gone ? series_value (current, chart, SERIES_TEST) : NAN);
  g_autofree char *train_text = g_strdup_printf ("Training %s", train_value);
  g_autofree char *test_text = g_strdup_printf ("Test %s", test_value);
  NsChartLegendItem legend[] = {
    { train_text, *series_color (ctx, SERIES_TRAIN), series_width (ctx, SERIES_TRAIN),
      series_dash (SERIES_TRAIN) },
    { test_text, *series_color (ctx, SERIES_TEST), series_width (ctx, SERIES_TEST),
      series_dash (SERIES_TEST) },
  };
  double header;

  /* Title, then the legend with the current values: beside the title if it fits. */
  header = ns_render_chart_add_header (&ctx->chart, x, y, w,
                                       chart == NS_CURVES_CHART_LOSS ? "Loss" : "Accuracy", legend,
                                       view->has_test ? 2 : 1, NS_CHART_LEGEND_BESIDE);

  set_y_axis (ctx, chart);
  ns_render_chart_add_axes (&ctx->chart, x, y + header, w, h - header, gutter);

  /* Training first, so the test curve (what matters) is drawn on top. */
  add_series (ctx, chart, SERIES_TRAIN);
  if (view->has_test)
    add_series (ctx, chart, SERIES_TEST);

  ns_scene_add_hit_rect (ctx->chart.scene, NS_HIT_POINT, chart, -1, -1, ctx->chart.px,
                         ctx->chart.py, ctx->chart.pw, ctx->chart.ph);
}

void
ns_render_curves (NsScene *scene,
                  const NsCurvesViewData *view,
                  const NsRenderStyle *style,
                  double width,
                  double height)
{
  Ctx ctx;
  double margin, x, y, w, h;
  NsCurvesMode mode;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (view->history != NULL || view->n_entries == 0);
  g_return_if_fail (style != NULL);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);

  memset (&ctx, 0, sizeof ctx);
  ns_render_chart_init (&ctx.chart, scene, style, width, height, TRUE);
  ctx.view = view;
  ctx.style = style;

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

  ns_render_chart_set_epochs (&ctx.chart, view->n_entries > 0 ? view->history[0].epoch : 0,
                              view->n_entries > 0 ? view->history[view->n_entries - 1].epoch : 1);

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
