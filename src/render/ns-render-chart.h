/* ns-render-chart.h: what the line charts over epochs share (the loss curves, gradient health,
 * the optimizer race).
 *
 * A chart is a title; a legend of items, each a sample of its line (colour, width, dashes) and
 * a text, beside the title when it fits there or in rows below it; a plot framed by its two
 * axes; a y axis either linear, from 0 to a round top with a gridline, a tick and a label at
 * every step, or logarithmic, with a gridline and a tick at every power of ten and as many
 * labels as fit; an x axis of whole epochs, its ticks at round steps and its name "Epoch" at the
 * right end; and the lines, mapped into the plot and thinned (ns-decimate.h) to at most two
 * points per pixel across.
 *
 * A renderer sets the chart up (ns_render_chart_init, then its axes), adds its header and its
 * axes, then its lines; what it draws at a line's end, and its hit regions, stay its own.
 */
#pragma once

#include <math.h>

#include "ns-decimate.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* A linear axis' tick label for @value, on an axis in steps of @step (caller frees). */
typedef char *(*NsChartFormatTick) (double value, double step);

/* One legend item: a sample of its line, then its text. */
typedef struct
{
  const char *text;
  NsColor color;
  double line_width; /* scene units, as the line is drawn */
  NsDash dash;
} NsChartLegendItem;

typedef enum
{
  NS_CHART_LEGEND_BELOW,  /* in rows under the title */
  NS_CHART_LEGEND_BESIDE, /* right of the title if the whole legend fits there, else below */
} NsChartLegendPlace;

typedef struct
{
  NsScene *scene;
  const NsRenderStyle *style;
  double title_size, legend_size, tick_size; /* font sizes, in scene units */
  double swatch;                             /* a legend's line sample: long enough for dashes */
  double legend_gap;                         /* between legend items */
  const char *short_title; /* shown instead of the title where it does not fit; NULL: none */

  /* The y axis: linear from 0 to top in steps of step, or log from 10^lo to 10^hi. */
  gboolean log;
  double top, step;
  int lo, hi;
  NsChartFormatTick format_tick; /* the linear axis' labels; NULL: ns_render_format_tick */

  /* The x axis: epochs e0 .. e1 (e1 > e0). */
  double e0, e1;

  /* The plotting area, once ns_render_chart_add_axes has laid it out. */
  double px, py, pw, ph;
} NsChart;

/* Sets @chart up to draw into @scene: text sizes for a width x height area (if @roomy, larger
 * areas get larger text, up to 1.3 times: a maximised window on a projector), the legend's
 * usual swatch and gap, epochs 0 .. 1 and a linear y axis 0 .. 1. */
void ns_render_chart_init (NsChart *chart,
                           NsScene *scene,
                           const NsRenderStyle *style,
                           double width,
                           double height,
                           gboolean roomy);

/* A linear y axis from 0 to @top in steps of @step, labelled by @format (NULL: the usual). */
void
ns_render_chart_set_linear_y (NsChart *chart, double top, double step, NsChartFormatTick format);
/* A linear y axis from 0 to a round value at or above @max (1 if @max is not above 0). */
void ns_render_chart_fit_linear_y (NsChart *chart, double max, NsChartFormatTick format);
/* A log y axis from 10^@lo to 10^@hi (@lo < @hi). */
void ns_render_chart_set_log_y (NsChart *chart, int lo, int hi);
/* The x axis from epoch @e0 to @e1 (one epoch past @e0 if @e1 is not above it). */
void ns_render_chart_set_epochs (NsChart *chart, double e0, double e1);

/* The room left of the plot that the y axis' labels and ticks need (charts stacked one above
 * the other take the widest, so their axes line up). */
double ns_render_chart_gutter (const NsChart *chart);

/* The title at (x, y) (the chart's short title instead if the title is wider than @w) and the
 * legend's items within width @w; returns the height taken, which the plot's box starts
 * below. */
double ns_render_chart_add_header (NsChart *chart,
                                   double x,
                                   double y,
                                   double w,
                                   const char *title,
                                   const NsChartLegendItem *items,
                                   guint n_items,
                                   NsChartLegendPlace place);

/* Lays the plot out in the box (x, y, w, h), @gutter from its left (room for the y labels),
 * and draws both axes: gridlines, ticks, labels, the x axis' name and the frame. Sets the
 * chart's px, py, pw, ph. */
void
ns_render_chart_add_axes (NsChart *chart, double x, double y, double w, double h, double gutter);

/* The plot's y for @value: clamped to the axis (on a log axis zeros and values below the floor
 * sit on the floor). Inline, as ns_render_chart_line_add: a long history calls it for every
 * entry of every line, every frame. */
static inline double
ns_render_chart_y (const NsChart *chart, double value)
{
  double t;

  if (chart->log)
    {
      double d = value > 0 ? log10 (value) : -INFINITY;

      t = (CLAMP (d, (double) chart->lo, (double) chart->hi) - chart->lo) / (chart->hi - chart->lo);
    }
  else
    {
      t = CLAMP (value, 0.0, chart->top) / chart->top;
    }

  return chart->py + chart->ph - t * chart->ph;
}

/* Starts a line of up to @n points across the plot. */
void ns_render_chart_line_init (const NsChart *chart, NsDecimator *line, size_t n);
/* Adds the point (@epoch, @value) to @line; NaN cannot be placed and is left out. */
static inline void
ns_render_chart_line_add (const NsChart *chart, NsDecimator *line, double epoch, double value)
{
  double t;

  if (isnan (value))
    return;
  t = (epoch - chart->e0) / (chart->e1 - chart->e0);
  ns_decimator_add (line, t, chart->px + CLAMP (t, 0.0, 1.0) * chart->pw,
                    ns_render_chart_y (chart, value));
}
/* Finishes @line and draws it. Returns FALSE, drawing nothing, if it has no point; else its
 * last point is in (*end_x, *end_y) (for a dot or a cross there). */
gboolean ns_render_chart_line_finish (NsChart *chart,
                                      NsDecimator *line,
                                      double width,
                                      const NsColor *color,
                                      NsDash dash,
                                      double *end_x,
                                      double *end_y);

/* A decade's tick label: "1", "10", "1e−1", "1e−2" … (a true minus sign; caller frees). */
char *ns_render_chart_format_decade (int exponent);

/* A round step (1, 2 or 5 times a power of ten) that cuts @range into about @n_ticks steps. */
double ns_render_nice_step (double range, int n_ticks);
/* A tick value printed with as many decimals as @step needs, a true minus sign (caller frees). */
char *ns_render_format_tick (double value, double step);
/* A number for people, with @digits significant digits (trailing zeros dropped): plain
 * decimals from 0.0001 to below a million ("0.000541", "−12.3", "1235"), else "5.41 × 10⁻⁵";
 * a real minus sign, never "-0"; "NaN", "∞". What the step-through, the explanations and the
 * tooltips print: never "5.41e-05". */
char *ns_render_format_number (double value, int digits);
/* Appends a tooltip line "\nName 0.1234" ("\nName 87.5%" as a percentage, "\nName –" when
 * the value is not finite) to @text. */
void ns_render_append_value (GString *text, const char *name, double value, gboolean percent);

G_END_DECLS
