/* ns-render-compare.c: the confusion matrix and the data-scaling plot. */
#include "ns-render-compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ns-printf.h"
#include "ns-render-chart.h"
#include "ns-render-images-private.h"

#define LINE_WIDTH 2.5
#define DOT_RADIUS 3.0
#define CAP 4.0         /* half the width of a spread bar's caps */
#define MODEL_SHIFT 5.0 /* models' bars at one size sit this far apart, so none hides another */
#define TICK_LENGTH 4.0
#define MAX_MODELS 16
#define X_NAME "Training images (log scale)"

/* ---- the confusion matrix ---- */

void
ns_render_confusion (NsScene *scene,
                     const NsRenderStyle *style,
                     double x,
                     double y,
                     double width,
                     double height,
                     const guint *counts,
                     guint n_classes,
                     const char *const *class_names)
{
  NsImagesCtx ctx;
  NsColormap map;
  double line, names_w, names_h, cell, gx, gy, size, column_size, widest;
  gboolean stagger;
  char buffer[16];

  g_return_if_fail (scene != NULL && style != NULL);
  g_return_if_fail (counts != NULL || n_classes == 0);
  if (n_classes == 0)
    return;

  ns_images_ctx_init (&ctx, scene, style, width, height);
  line = ns_images_text_height (&ctx, NS_TEXT_LABEL, ctx.label);
  widest = 0;
  for (guint k = 0; k < n_classes; k++)
    widest = MAX (widest,
                  ns_images_text_width (
                      &ctx, ns_images_class_name (class_names, n_classes, k, buffer, sizeof buffer),
                      NS_TEXT_LABEL, ctx.label));
  names_w = MAX (widest, ns_images_text_width (&ctx, "True \u2193", NS_TEXT_TITLE, ctx.label));
  /* Square cells, as large as fit under the header lines and right of the row names. Column
   * names wider than a column stagger over two lines (every second one higher); only when even
   * that is too narrow do they get smaller. */
  names_h = line;
  cell = floor (MIN ((width - names_w - ctx.pad) / n_classes,
                     (height - line - names_h - ctx.pad) / n_classes));
  column_size = ctx.label;
  stagger = n_classes > 1 && widest > cell - ctx.pad;
  if (stagger)
    {
      names_h = 2 * line;
      cell = floor (MIN ((width - names_w - ctx.pad) / n_classes,
                         (height - line - names_h - ctx.pad) / n_classes));
      if (widest > 2 * cell - ctx.pad)
        column_size = MAX (ctx.label * (2 * cell - ctx.pad) / widest, ctx.small * 0.75);
    }
  if (!(cell > 0))
    return;
  gx = round (x + names_w + ctx.pad);
  gy = round (y + line + names_h + ctx.pad / 2);
  size = MIN (ctx.label, cell * 0.42);

  ns_scene_add_text (scene, gx + n_classes * cell / 2, y, "Predicted \u2192", NS_TEXT_TITLE,
                     ctx.label, NS_ALIGN_CENTER, NS_ALIGN_START, &style->foreground);
  /* On the column names' lower line, where (staggered) the first column's name is not. */
  ns_scene_add_text (scene, gx - ctx.pad, gy - ctx.pad / 2, "True \u2193", NS_TEXT_TITLE, ctx.label,
                     NS_ALIGN_END, NS_ALIGN_END, &style->foreground);
  ns_colormap_init_sequential (&map, &style->neutral, &style->positive, 0, 1);

  for (guint t = 0; t < n_classes; t++)
    {
      guint64 total = 0;
      const char *name = ns_images_class_name (class_names, n_classes, t, buffer, sizeof buffer);

      for (guint p = 0; p < n_classes; p++)
        total += counts[(size_t) t * n_classes + p];
      ns_scene_add_text (scene, gx - ctx.pad, gy + (t + 0.5) * cell, name, NS_TEXT_LABEL, ctx.label,
                         NS_ALIGN_END, NS_ALIGN_CENTER, &style->foreground);
      ns_scene_add_text (scene, gx + (t + 0.5) * cell,
                         gy - ctx.pad / 2 - (stagger && t % 2 == 0 ? line : 0), name, NS_TEXT_LABEL,
                         column_size, NS_ALIGN_CENTER, NS_ALIGN_END, &style->foreground);

      for (guint p = 0; p < n_classes; p++)
        {
          guint count = counts[(size_t) t * n_classes + p];
          double share = total > 0 ? (double) count / total : 0;
          guint32 argb = ns_colormap_lookup (&map, (float) share);
          NsColor fill = { ((argb >> 16) & 0xff) / 255.0f, ((argb >> 8) & 0xff) / 255.0f,
                           (argb & 0xff) / 255.0f, 1 };
          double cx = gx + p * cell, cy = gy + t * cell;
          NsColor white = { 1, 1, 1, 1 };
          const NsColor *text_color = count == 0    ? &style->muted
                                      : share > 0.5 ? &white
                                      : style->dark ? &white
                                                    : &style->foreground;

          ns_scene_add_rect (scene, cx, cy, cell, cell, 0, &fill, &style->background,
                             ns_render_style_px (style, 1));
          if (t == p)
            ns_scene_add_rect (scene, cx, cy, cell, cell, 0, NULL, &style->mark,
                               ns_render_style_px (style, 2.5));
          ns_scene_add_textf (scene, cx + cell / 2, cy + cell / 2,
                              t == p ? NS_TEXT_TITLE : NS_TEXT_VALUE, size, NS_ALIGN_CENTER,
                              NS_ALIGN_CENTER, text_color, "%u", count);
          ns_scene_add_hit_rect (scene, NS_HIT_BUTTON, (int) t, (int) p, -1, cx, cy, cell, cell);
        }
    }
}

/* ---- the data-scaling plot ---- */

static const struct
{
  const char *id, *title;
} model_titles[] = {
  { "mlp", "Network (MLP)" },
  { "cnn", "Conv network (CNN)" },
  { "logreg_pixels", "Logistic regression on pixels" },
  { "logreg_features", "Logistic regression on hand features" },
  { "knn_features", "kNN on hand features" },
  { "knn_pixels", "kNN on pixels" },
};

const char *
ns_render_scaling_model_title (const char *model)
{
  if (model == NULL)
    return "";
  for (guint k = 0; k < G_N_ELEMENTS (model_titles); k++)
    if (g_str_equal (model, model_titles[k].id))
      return model_titles[k].title;
  return model;
}

/* One model's runs at one training-set size. */
typedef struct
{
  guint model;
  guint samples;
  double min, max, sum;
  guint n;
} Group;

static int
compare_groups (const void *a, const void *b)
{
  const Group *ga = a, *gb = b;

  if (ga->model != gb->model)
    return ga->model < gb->model ? -1 : 1;
  return ga->samples < gb->samples ? -1 : ga->samples > gb->samples;
}

typedef struct
{
  NsImagesCtx ctx;
  double px, py, pw, ph; /* the plot */
  double lx0, lx1;       /* log10 of the x axis' ends */
  double y0, y1;         /* accuracy (0..1) at the bottom and the top */
} Plot;

static double
plot_x (const Plot *plot, double samples)
{
  return plot->px + (log10 (samples) - plot->lx0) / (plot->lx1 - plot->lx0) * plot->pw;
}

static double
plot_y (const Plot *plot, double accuracy)
{
  double t = (CLAMP (accuracy, plot->y0, plot->y1) - plot->y0) / (plot->y1 - plot->y0);

  return plot->py + plot->ph - t * plot->ph;
}

/* The nearest of 1, 2, 5 times a power of ten at or below (at or above, if @up) @value, so the
 * x axis starts and ends on a labelled tick. */
static double
round_tick (double value, gboolean up)
{
  static const double mantissas[] = { 1, 2, 5, 10 };
  double magnitude = pow (10, floor (log10 (value) + 1e-9));

  if (up)
    {
      for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
        if (mantissas[m] * magnitude >= value * (1 - 1e-9))
          return mantissas[m] * magnitude;
      return 10 * magnitude;
    }
  for (guint m = G_N_ELEMENTS (mantissas) - 1; m > 0; m--)
    if (mantissas[m - 1] * magnitude <= value * (1 + 1e-9))
      return mantissas[m - 1] * magnitude;
  return magnitude;
}

static char *
percent_tick (double value, double step)
{
  /* A tick a rounding error off zero (or -0) prints as 0%, never "-0%". */
  if (fabs (value) < 1e-9)
    value = 0;
  return ns_strdup_printf ("%.0f%%", 100 * value);
}

static void
add_axes (Plot *plot, NsChart *chart)
{
  const NsRenderStyle *style = plot->ctx.style;
  NsScene *scene = plot->ctx.scene;
  double tick = ns_render_style_px (style, TICK_LENGTH), line_w = ns_render_style_px (style, 1);
  double step = ns_render_nice_step ((plot->y1 - plot->y0) * 100, 5) / 100;
  double last_label = -INFINITY;

  for (double v = ceil (plot->y0 / step - 1e-9) * step; v <= plot->y1 + 1e-9; v += step)
    {
      double gy = round (plot_y (plot, v)) + 0.5;
      g_autofree char *label = percent_tick (v, step);

      if (v > plot->y0 + 1e-9)
        ns_scene_add_line (scene, plot->px, gy, plot->px + plot->pw, gy, line_w, &style->outline);
      ns_scene_add_line (scene, plot->px - tick, gy, plot->px, gy, line_w, &style->muted);
      ns_scene_add_text (scene, plot->px - tick - plot->ctx.pad / 2, gy, label, NS_TEXT_VALUE,
                         chart->tick_size, NS_ALIGN_END, NS_ALIGN_CENTER, &style->muted);
    }

  /* 1, 2, 5 times each power of ten within the axis. */
  for (int e = (int) floor (plot->lx0); e <= (int) ceil (plot->lx1); e++)
    for (guint m = 0; m < 3; m++)
      {
        static const double mantissas[] = { 1, 2, 5 };
        double v = mantissas[m] * pow (10, e);
        double tx, lw;
        g_autofree char *label = NULL;

        if (log10 (v) < plot->lx0 - 1e-9 || log10 (v) > plot->lx1 + 1e-9)
          continue;
        tx = round (plot_x (plot, v)) + 0.5;
        label = ns_strdup_printf ("%.0f", v);
        ns_scene_measure_text (scene, label, NS_TEXT_VALUE, chart->tick_size, &lw, NULL);
        ns_scene_add_line (scene, tx, plot->py, tx, plot->py + plot->ph, line_w, &style->outline);
        ns_scene_add_line (scene, tx, plot->py + plot->ph, tx, plot->py + plot->ph + tick, line_w,
                           &style->muted);
        if (tx - lw / 2 < last_label + plot->ctx.pad)
          continue;
        ns_scene_add_text (scene, tx, plot->py + plot->ph + tick + plot->ctx.pad / 2, label,
                           NS_TEXT_VALUE, chart->tick_size, NS_ALIGN_CENTER, NS_ALIGN_START,
                           &style->muted);
        last_label = tx + lw / 2;
      }

  ns_scene_add_line (scene, plot->px, plot->py, plot->px, plot->py + plot->ph, line_w,
                     &style->muted);
  ns_scene_add_line (scene, plot->px, plot->py + plot->ph, plot->px + plot->pw, plot->py + plot->ph,
                     line_w, &style->muted);
}

/* The models in order of first appearance (at most MAX_MODELS); returns their number. */
static guint
collect_models (const NsScalingRow *rows, guint n_rows, const char **models)
{
  guint n = 0;

  for (guint r = 0; r < n_rows; r++)
    {
      const char *id = rows[r].model != NULL ? rows[r].model : "";
      guint k;

      for (k = 0; k < n && !g_str_equal (models[k], id); k++)
        ;
      if (k == n && n < MAX_MODELS)
        models[n++] = id;
    }
  return n;
}

static int
model_of (const char *const *models, guint n_models, const char *id)
{
  for (guint k = 0; k < n_models; k++)
    if (g_str_equal (models[k], id != NULL ? id : ""))
      return (int) k;
  return -1;
}

void
ns_render_scaling (NsScene *scene,
                   const NsRenderStyle *style,
                   double x,
                   double y,
                   double width,
                   double height,
                   const char *title,
                   const NsScalingRow *rows,
                   guint n_rows)
{
  static const NsDash dashes[] = { NS_DASH_SOLID, NS_DASH_DASHED, NS_DASH_DOTTED,
                                   NS_DASH_DASH_DOT };
  const char *models[MAX_MODELS];
  NsChartLegendItem legend[MAX_MODELS];
  guint n_models, n_groups = 0, max_runs = 0;
  g_autofree Group *groups = NULL;
  double xmin = INFINITY, xmax = 0, amin = 1, header, gutter, tick, xname_h, line_w;
  NsChart chart;
  Plot plot;

  g_return_if_fail (scene != NULL && style != NULL);
  g_return_if_fail (rows != NULL || n_rows == 0);

  memset (&plot, 0, sizeof plot);
  ns_images_ctx_init (&plot.ctx, scene, style, width, height);
  ns_render_chart_init (&chart, scene, style, width, height, TRUE);
  line_w = ns_render_style_px (style, LINE_WIDTH);

  /* Group the runs by model and training-set size. */
  n_models = collect_models (rows, n_rows, models);
  groups = g_new0 (Group, MAX (n_rows, 1));
  for (guint r = 0; r < n_rows; r++)
    {
      const NsScalingRow *row = &rows[r];
      int m = model_of (models, n_models, row->model);
      guint g;

      if (m < 0 || row->train_samples == 0)
        continue;
      /* A planned run (not measured yet) already has its place on the x axis, so the axis does
       * not move as results arrive. */
      xmin = MIN (xmin, row->train_samples);
      xmax = MAX (xmax, row->train_samples);
      if (!isfinite (row->test_accuracy))
        continue;
      for (g = 0; g < n_groups; g++)
        if (groups[g].model == (guint) m && groups[g].samples == row->train_samples)
          break;
      if (g == n_groups)
        {
          groups[n_groups++] = (Group){ (guint) m, row->train_samples, INFINITY, -INFINITY, 0, 0 };
        }
      groups[g].min = MIN (groups[g].min, row->test_accuracy);
      groups[g].max = MAX (groups[g].max, row->test_accuracy);
      groups[g].sum += row->test_accuracy;
      groups[g].n++;
      max_runs = MAX (max_runs, groups[g].n);
      amin = MIN (amin, row->test_accuracy);
    }
  qsort (groups, n_groups, sizeof *groups, compare_groups);

  /* Title and legend: one item per model, then what line, bar and dots mean. */
  for (guint k = 0; k < n_models; k++)
    legend[k] = (NsChartLegendItem){ ns_render_scaling_model_title (models[k]),
                                     *ns_render_style_class_color (style, k), line_w,
                                     dashes[k % G_N_ELEMENTS (dashes)] };
  header = ns_render_chart_add_header (
      &chart, x, y, width, title != NULL ? title : "Test accuracy against training-set size",
      legend, n_models, NS_CHART_LEGEND_BELOW);
  {
    guint runs = MAX (max_runs, 1u);
    const char *plural = runs == 1 ? "" : "s";
    g_autofree char *long_note = g_strdup_printf (
        "Line: the mean of %u run%s \u00b7 bar: lowest to highest run \u00b7 dot: one run", runs,
        plural);
    g_autofree char *short_note =
        g_strdup_printf ("Line: mean of %u run%s \u00b7 bar: lowest to highest", runs, plural);
    g_autofree char *shortest_note = g_strdup_printf ("Mean of %u run%s, min to max", runs, plural);
    const char *notes[] = { long_note, short_note, shortest_note };

    ns_images_add_fitting_text (&plot.ctx, x, y + header - plot.ctx.pad / 2, width, NS_TEXT_LABEL,
                                chart.tick_size, &style->muted, notes, G_N_ELEMENTS (notes));
  }
  header += ns_images_text_height (&plot.ctx, NS_TEXT_LABEL, chart.tick_size) + plot.ctx.pad;

  /* The axes: x from a little below the smallest size to a little above the largest, y from a
   * round 10% step below the lowest accuracy to 100%. */
  if (!(xmax > 0))
    {
      xmin = 10;
      xmax = 1000;
    }
  plot.lx0 = log10 (round_tick (xmin, FALSE));
  plot.lx1 = log10 (round_tick (xmax, TRUE));
  if (plot.lx1 - plot.lx0 < 0.6)
    {
      double mid = (plot.lx0 + plot.lx1) / 2;

      plot.lx0 = mid - 0.3;
      plot.lx1 = mid + 0.3;
    }
  plot.y1 = 1.0;
  plot.y0 = MIN (0.9, floor (MAX (amin, 0.0) * 10 - 1e-9) / 10);
  plot.y0 = MAX (plot.y0, 0.0);

  tick = ns_render_style_px (style, TICK_LENGTH);
  gutter = ceil (ns_images_text_width (&plot.ctx, "100%", NS_TEXT_VALUE, chart.tick_size) + tick
                 + plot.ctx.pad);
  xname_h = ns_images_text_height (&plot.ctx, NS_TEXT_LABEL, chart.tick_size);
  plot.px = x + gutter;
  plot.py = y + header + chart.tick_size * 0.5;
  {
    /* Room right of the plot for half of the last tick's label, centred on the plot's end. */
    g_autofree char *last = ns_strdup_printf ("%.0f", pow (10, plot.lx1));
    double last_w = ns_images_text_width (&plot.ctx, last, NS_TEXT_VALUE, chart.tick_size);

    plot.pw = MAX (1.0, width - gutter - MAX (plot.ctx.pad, ceil (last_w / 2) + 2));
  }
  plot.ph = MAX (1.0, y + height - plot.py - tick - plot.ctx.pad - 2 * xname_h);
  add_axes (&plot, &chart);
  ns_scene_add_text (scene, plot.px + plot.pw,
                     plot.py + plot.ph + tick + plot.ctx.pad / 2 + xname_h, X_NAME, NS_TEXT_LABEL,
                     chart.tick_size, NS_ALIGN_END, NS_ALIGN_START, &style->foreground);

  if (n_groups == 0)
    ns_scene_add_text (scene, plot.px + plot.pw / 2, plot.py + plot.ph / 2,
                       "Results appear here as the runs finish", NS_TEXT_LABEL, chart.legend_size,
                       NS_ALIGN_CENTER, NS_ALIGN_CENTER, &style->muted);

  /* Per model: the spread bars and the dots first, the mean line on top. */
  for (guint k = 0; k < n_models; k++)
    {
      const NsColor *color = &legend[k].color;
      NsColor faint = ns_color_with_alpha (color, 0.55);
      double shift = ((double) k - (n_models - 1) / 2.0) * ns_render_style_px (style, MODEL_SHIFT);
      double cap = ns_render_style_px (style, CAP), *points;
      guint n_points = 0;

      points = ns_scene_alloc (scene, sizeof (double) * 2 * MAX (n_groups, 1));
      for (guint g = 0; g < n_groups; g++)
        {
          const Group *group = &groups[g];
          double gx = plot_x (&plot, group->samples) + shift;

          if (group->model != k)
            continue;
          if (group->n > 1)
            {
              double y_lo = plot_y (&plot, group->min), y_hi = plot_y (&plot, group->max);

              ns_scene_add_line (scene, gx, y_lo, gx, y_hi, ns_render_style_px (style, 1.5), color);
              ns_scene_add_line (scene, gx - cap, y_lo, gx + cap, y_lo,
                                 ns_render_style_px (style, 1.5), color);
              ns_scene_add_line (scene, gx - cap, y_hi, gx + cap, y_hi,
                                 ns_render_style_px (style, 1.5), color);
            }
          points[2 * n_points] = gx;
          points[2 * n_points + 1] = plot_y (&plot, group->sum / group->n);
          n_points++;
        }
      for (guint r = 0; r < n_rows; r++)
        if (model_of (models, n_models, rows[r].model) == (int) k && rows[r].train_samples > 0
            && isfinite (rows[r].test_accuracy))
          ns_scene_add_circle (scene, plot_x (&plot, rows[r].train_samples) + shift,
                               plot_y (&plot, rows[r].test_accuracy),
                               ns_render_style_px (style, DOT_RADIUS), &faint, NULL, 0);
      if (n_points >= 2)
        ns_scene_add_polyline_dashed (scene, points, n_points, line_w, color, legend[k].dash);
      else if (n_points == 1)
        ns_scene_add_circle (scene, points[0], points[1], line_w * 1.6, color, NULL, 0);
    }

  ns_scene_add_hit_rect (scene, NS_HIT_POINT, -1, -1, -1, plot.px, plot.py, plot.pw, plot.ph);
}
