/* ns-render-chart.c: the line charts' title, legend, axes and lines. */
#include "ns-render-chart.h"

#include <math.h>
#include <string.h>

#include "ns-printf.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define TITLE_SIZE 15.0
#define LEGEND_SIZE 13.0
#define TICK_SIZE 12.0
#define PAD 6.0 /* between text and what it labels */
#define TICK_LENGTH 4.0
#define SWATCH 30.0
#define LEGEND_GAP 16.0
#define LEGEND_ROW 1.4    /* a legend row's height, in legend text sizes */
#define ROOMY_WIDTH 640.0 /* larger areas (at scale 1) get larger text, up to 1.3x */
#define ROOMY_HEIGHT 420.0
#define MIN_DECADE_GAP 18.0 /* decade labels closer than this skip some decades */
#define X_TICK_SPACING 70.0 /* about one epoch tick per this much across */
#define MAX_X_TICKS 1000    /* however wide the plot and whatever the epochs */

void
ns_render_chart_init (NsChart *chart,
                      NsScene *scene,
                      const NsRenderStyle *style,
                      double width,
                      double height,
                      gboolean roomy)
{
  double text_scale = 1.0;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (style != NULL);

  if (roomy)
    text_scale = CLAMP (MIN (width / ROOMY_WIDTH, height / ROOMY_HEIGHT) / style->scale, 1.0, 1.3);

  memset (chart, 0, sizeof *chart);
  chart->scene = scene;
  chart->style = style;
  chart->title_size = ns_render_style_px (style, TITLE_SIZE * text_scale);
  chart->legend_size = ns_render_style_px (style, LEGEND_SIZE * text_scale);
  chart->tick_size = ns_render_style_px (style, TICK_SIZE * text_scale);
  chart->swatch = ns_render_style_px (style, SWATCH);
  chart->legend_gap = ns_render_style_px (style, LEGEND_GAP);
  ns_render_chart_set_linear_y (chart, 1, 0.25, NULL);
  ns_render_chart_set_epochs (chart, 0, 1);
}

void
ns_render_chart_set_linear_y (NsChart *chart, double top, double step, NsChartFormatTick format)
{
  g_return_if_fail (chart != NULL);

  if (!(top > 0) || !isfinite (top))
    top = 1;
  if (!(step > 0) || !isfinite (step))
    step = top;
  chart->log = FALSE;
  chart->top = top;
  chart->step = step;
  chart->format_tick = format;
}

void
ns_render_chart_fit_linear_y (NsChart *chart, double max, NsChartFormatTick format)
{
  double step;

  g_return_if_fail (chart != NULL);

  if (!(max > 0))
    max = 1.0;
  /* Guard the arithmetic against values near the largest double. */
  max = MIN (max, 1e300);
  step = ns_render_nice_step (max, 4);
  ns_render_chart_set_linear_y (chart, MAX (ceil (max / step - 1e-9) * step, step), step, format);
}

void
ns_render_chart_set_log_y (NsChart *chart, int lo, int hi)
{
  g_return_if_fail (chart != NULL);

  chart->log = TRUE;
  chart->lo = lo;
  chart->hi = hi > lo ? hi : lo + 1;
}

void
ns_render_chart_set_epochs (NsChart *chart, double e0, double e1)
{
  g_return_if_fail (chart != NULL);

  chart->e0 = isfinite (e0) ? e0 : 0;
  chart->e1 = e1 > chart->e0 && isfinite (e1) ? e1 : chart->e0 + 1;
}

char *
ns_render_chart_format_decade (int exponent)
{
  if (exponent == 0)
    return g_strdup ("1");
  if (exponent == 1)
    return g_strdup ("10");
  if (exponent < 0)
    return g_strdup_printf ("1e\u2212%d", -exponent); /* U+2212, the minus sign */
  return g_strdup_printf ("1e%d", exponent);
}

/* The y axis' ticks: n + 1 of them, tick k at value_of (k). */
static int
n_y_steps (const NsChart *chart)
{
  if (chart->log)
    return chart->hi - chart->lo;
  return (int) CLAMP (round (chart->top / chart->step), 1, 100);
}

/* Tick @k's label on the y axis (caller frees). */
static char *
y_label (const NsChart *chart, int k)
{
  double value;

  if (chart->log)
    return ns_render_chart_format_decade (chart->lo + k);
  value = k * chart->step;
  if (chart->format_tick != NULL)
    return chart->format_tick (value, chart->step);
  return ns_render_format_tick (value, chart->step);
}

/* Tick @k's place up the plot, 0 at the bottom to 1 at the top. */
static double
y_fraction (const NsChart *chart, int k)
{
  if (chart->log)
    return (double) k / (chart->hi - chart->lo);
  return k * chart->step / chart->top;
}

double
ns_render_chart_gutter (const NsChart *chart)
{
  double widest = 0;
  int n;

  g_return_val_if_fail (chart != NULL, 0);

  n = n_y_steps (chart);
  for (int k = 0; k <= n; k++)
    {
      g_autofree char *label = y_label (chart, k);
      double lw;

      ns_scene_measure_text (chart->scene, label, NS_TEXT_VALUE, chart->tick_size, &lw, NULL);
      widest = MAX (widest, lw);
    }

  return ceil (widest + ns_render_style_px (chart->style, PAD)
               + ns_render_style_px (chart->style, TICK_LENGTH));
}

/* One legend item with its line sample from x, centred on cy; returns its width. */
static double
add_legend_item (NsChart *chart, const NsChartLegendItem *item, double x, double cy, gboolean draw)
{
  double pad = ns_render_style_px (chart->style, PAD);
  double tw;

  ns_scene_measure_text (chart->scene, item->text, NS_TEXT_VALUE, chart->legend_size, &tw, NULL);
  if (draw)
    {
      ns_scene_add_dash_sample (chart->scene, x, x + chart->swatch, cy, item->line_width,
                                &item->color, item->dash);
      ns_scene_add_text (chart->scene, x + chart->swatch + pad, cy, item->text, NS_TEXT_VALUE,
                         chart->legend_size, NS_ALIGN_START, NS_ALIGN_CENTER,
                         &chart->style->foreground);
    }

  return chart->swatch + pad + tw;
}

/* The legend in rows of at most @w from (x, y); returns its height. */
static double
add_legend_rows (NsChart *chart,
                 const NsChartLegendItem *items,
                 guint n_items,
                 double x,
                 double y,
                 double w)
{
  double row_h = chart->legend_size * LEGEND_ROW;
  double lx = x, ly = y;

  if (n_items == 0)
    return 0;
  for (guint i = 0; i < n_items; i++)
    {
      double item_w = add_legend_item (chart, &items[i], 0, 0, FALSE);

      if (lx > x && lx + item_w > x + w)
        {
          lx = x;
          ly += row_h;
        }
      add_legend_item (chart, &items[i], lx, ly + row_h / 2, TRUE);
      lx += item_w + chart->legend_gap;
    }

  return ly + row_h - y;
}

double
ns_render_chart_add_header (NsChart *chart,
                            double x,
                            double y,
                            double w,
                            const char *title,
                            const NsChartLegendItem *items,
                            guint n_items,
                            NsChartLegendPlace place)
{
  double pad, title_w, title_h, legend_h;

  g_return_val_if_fail (chart != NULL, 0);
  g_return_val_if_fail (title != NULL, 0);
  g_return_val_if_fail (items != NULL || n_items == 0, 0);

  pad = ns_render_style_px (chart->style, PAD);
  ns_scene_measure_text (chart->scene, title, NS_TEXT_TITLE, chart->title_size, &title_w, &title_h);
  if (title_w > w && chart->short_title != NULL)
    {
      title = chart->short_title;
      ns_scene_measure_text (chart->scene, title, NS_TEXT_TITLE, chart->title_size, &title_w,
                             &title_h);
    }
  ns_scene_add_text (chart->scene, x, y, title, NS_TEXT_TITLE, chart->title_size, NS_ALIGN_START,
                     NS_ALIGN_START, &chart->style->foreground);

  if (place == NS_CHART_LEGEND_BESIDE && n_items > 0)
    {
      double legend_w = (n_items - 1) * chart->legend_gap;

      for (guint i = 0; i < n_items; i++)
        legend_w += add_legend_item (chart, &items[i], 0, 0, FALSE);
      /* Right-aligned on the title's line, a gap or two clear of it. */
      if (title_w + 2 * chart->legend_gap + legend_w <= w)
        {
          double lx = x + w - legend_w;

          for (guint i = 0; i < n_items; i++)
            lx += add_legend_item (chart, &items[i], lx, y + title_h / 2, TRUE) + chart->legend_gap;
          return title_h + pad;
        }
    }

  legend_h = add_legend_rows (chart, items, n_items, x, y + title_h + pad, w);
  return title_h + pad + legend_h + pad;
}

void
ns_render_chart_add_axes (NsChart *chart, double x, double y, double w, double h, double gutter)
{
  const NsRenderStyle *style;
  NsScene *scene;
  double pad, tick_len, line_w, epoch_w, epoch_h, x_step, first;
  int n, every = 1;
  guint n_x_ticks;

  g_return_if_fail (chart != NULL);

  style = chart->style;
  scene = chart->scene;
  pad = ns_render_style_px (style, PAD);
  tick_len = ns_render_style_px (style, TICK_LENGTH);
  line_w = ns_render_style_px (style, 1);

  ns_scene_measure_text (scene, "Epoch", NS_TEXT_LABEL, chart->tick_size, &epoch_w, &epoch_h);
  chart->px = x + gutter;
  chart->py = y + chart->tick_size * 0.5; /* room for the top tick label's upper half */
  chart->pw = MAX (1.0, x + w - chart->px - pad);
  chart->ph = MAX (1.0, y + h - chart->py - tick_len - pad / 2 - epoch_h);

  /* The y axis: a gridline above the floor, a tick and a label at every step; on a short log
   * plot, every second (fifth …) decade's label, so they never overlap. */
  n = n_y_steps (chart);
  if (chart->log)
    while (every < n && chart->ph / n * every < ns_render_style_px (style, MIN_DECADE_GAP))
      every++;
  for (int k = 0; k <= n; k++)
    {
      double gy = round (chart->py + chart->ph - y_fraction (chart, k) * chart->ph) + 0.5;

      if (k > 0)
        ns_scene_add_line (scene, chart->px, gy, chart->px + chart->pw, gy, line_w,
                           &style->outline);
      ns_scene_add_line (scene, chart->px - tick_len, gy, chart->px, gy, line_w, &style->muted);
      if ((n - k) % every == 0)
        {
          g_autofree char *label = y_label (chart, k);

          ns_scene_add_text (scene, chart->px - tick_len - pad / 2, gy, label, NS_TEXT_VALUE,
                             chart->tick_size, NS_ALIGN_END, NS_ALIGN_CENTER, &style->muted);
        }
    }

  /* The x axis: round epochs, leaving room for its name at the right end. The ticks are
   * counted, not stepped to: far from 0 a step can be lost in rounding. */
  x_step = MAX (1.0, ns_render_nice_step (chart->e1 - chart->e0,
                                          MAX (1, (int) (chart->pw / X_TICK_SPACING))));
  first = ceil (chart->e0 / x_step) * x_step;
  n_x_ticks = first <= chart->e1 + 1e-9
                  ? (guint) MIN (floor ((chart->e1 + 1e-9 - first) / x_step), MAX_X_TICKS) + 1
                  : 0;
  for (guint k = 0; k < n_x_ticks; k++)
    {
      double e = first + k * x_step;
      double tx = chart->px + (e - chart->e0) / (chart->e1 - chart->e0) * chart->pw;
      g_autofree char *label = ns_render_format_tick (e, x_step);
      double lw;

      ns_scene_measure_text (scene, label, NS_TEXT_VALUE, chart->tick_size, &lw, NULL);
      ns_scene_add_line (scene, tx, chart->py + chart->ph, tx, chart->py + chart->ph + tick_len,
                         line_w, &style->muted);
      if (tx + lw / 2 > chart->px + chart->pw - epoch_w - pad)
        continue;
      ns_scene_add_text (scene, tx, chart->py + chart->ph + tick_len + pad / 2, label,
                         NS_TEXT_VALUE, chart->tick_size, NS_ALIGN_CENTER, NS_ALIGN_START,
                         &style->muted);
    }
  ns_scene_add_text (scene, chart->px + chart->pw, chart->py + chart->ph + tick_len + pad / 2,
                     "Epoch", NS_TEXT_LABEL, chart->tick_size, NS_ALIGN_END, NS_ALIGN_START,
                     &style->foreground);

  /* The axes themselves. */
  ns_scene_add_line (scene, chart->px, chart->py, chart->px, chart->py + chart->ph, line_w,
                     &style->muted);
  ns_scene_add_line (scene, chart->px, chart->py + chart->ph, chart->px + chart->pw,
                     chart->py + chart->ph, line_w, &style->muted);
}

void
ns_render_chart_line_init (const NsChart *chart, NsDecimator *line, size_t n)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (line != NULL);

  ns_decimator_init (line, chart->scene, n, chart->pw);
}

gboolean
ns_render_chart_line_finish (NsChart *chart,
                             NsDecimator *line,
                             double width,
                             const NsColor *color,
                             NsDash dash,
                             double *end_x,
                             double *end_y)
{
  size_t n_points;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  n_points = ns_decimator_finish (line);
  if (n_points == 0)
    return FALSE;

  ns_scene_add_polyline_dashed (chart->scene, line->points, n_points, width, color, dash);
  if (end_x != NULL)
    *end_x = line->points[2 * n_points - 2];
  if (end_y != NULL)
    *end_y = line->points[2 * n_points - 1];
  return TRUE;
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
    {
      g_autofree char *number = ns_render_format_number (value, 4);

      g_string_append_printf (text, "\n%s %s", name, number);
    }
}

/* "⁻¹²" for -12. */
static void
append_superscript (GString *text, int exponent)
{
  static const char *const digits[10] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  char buffer[16];

  if (exponent < 0)
    g_string_append (text, "⁻");
  ns_snprintf (buffer, sizeof buffer, "%d", ABS (exponent));
  for (const char *c = buffer; *c != '\0'; c++)
    g_string_append (text, digits[*c - '0']);
}

char *
ns_render_format_number (double value, int digits)
{
  char buffer[64];
  char *e;
  int exponent;
  GString *text;

  if (!isfinite (value))
    return g_strdup (isnan (value) ? "NaN" : value > 0 ? "∞" : "−∞");
  digits = CLAMP (digits, 1, 17);
  text = g_string_new (value < 0 ? "−" : "");
  if (value == 0)
    {
      g_string_append (text, "0");
      return g_string_free (text, FALSE);
    }

  /* The exponent after rounding to @digits (0.0009996 is 0.001 at three digits). */
  ns_snprintf (buffer, sizeof buffer, "%.*e", digits - 1, fabs (value));
  e = strchr (buffer, 'e');
  exponent = e != NULL ? (int) g_ascii_strtoll (e + 1, NULL, 10) : 0;

  if (exponent >= -4 && exponent < 6)
    ns_snprintf (buffer, sizeof buffer, "%.*f", MAX (digits - 1 - exponent, 0), fabs (value));
  else if (e != NULL)
    *e = '\0'; /* the mantissa, "5.41" */

  /* Trailing zeros of a fraction say nothing: "0.5", not "0.500". */
  if (strchr (buffer, '.') != NULL)
    {
      size_t n = strlen (buffer);

      while (n > 0 && buffer[n - 1] == '0')
        buffer[--n] = '\0';
      if (n > 0 && buffer[n - 1] == '.')
        buffer[--n] = '\0';
    }
  g_string_append (text, buffer);
  if (exponent < -4 || exponent >= 6)
    {
      g_string_append (text, " × 10");
      append_superscript (text, exponent);
    }

  return g_string_free (text, FALSE);
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
