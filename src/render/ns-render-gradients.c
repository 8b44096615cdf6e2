/* ns-render-gradients.c: lays out and describes the gradient-health chart. */
#include "ns-render-gradients.h"

#include "ns-render-chart.h"
#include "ns-printf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 12.0
#define LINE_WIDTH 2.25
#define DOT_RADIUS 3.0 /* the latest value at a line's end */

#define TITLE "Gradient health: mean |gradient| per layer"
#define SHORT_TITLE "Gradient health" /* in a narrow column */

void
ns_render_gradients_prepare (NsGradientsViewData *view, NsExperiment *experiment)
{
  g_return_if_fail (view != NULL);
  g_return_if_fail (NS_IS_EXPERIMENT (experiment));

  memset (view, 0, sizeof *view);
  view->values = ns_experiment_get_gradient_health (experiment, &view->n_epochs, &view->n_layers,
                                                    &view->first_epoch);
}

void
ns_render_gradients_decades (const NsGradientsViewData *view, int *lo, int *hi)
{
  double min = INFINITY, max = 0;
  int l, h;

  g_return_if_fail (view != NULL && lo != NULL && hi != NULL);

  for (size_t k = 0; view->values != NULL && k < (size_t) view->n_epochs * view->n_layers; k++)
    {
      double v = view->values[k];

      /* Zeros and NaN have no place on a log axis: they do not stretch it. */
      if (isfinite (v) && v > 0)
        {
          min = MIN (min, v);
          max = MAX (max, v);
        }
    }
  if (!(max > 0))
    {
      *lo = -4;
      *hi = 0;
      return;
    }
  /* A little slack so a value just below a power of ten does not get a decade of its own from
   * rounding (log10 of 1e-3 may come out a hair under -3). */
  h = (int) ceil (log10 (max) - 1e-9);
  l = (int) floor (log10 (min) + 1e-9);
  h = CLAMP (h, -300, 300);
  l = CLAMP (l, -300, 300);
  if (l >= h)
    l = h - 1;
  if (h - l > NS_RENDER_GRADIENTS_MAX_DECADES)
    l = h - NS_RENDER_GRADIENTS_MAX_DECADES;
  *lo = l;
  *hi = h;
}

/* Viridis (van der Walt & Smith, matplotlib), sampled at nine stops: perceptually uniform,
 * monotonic in lightness and readable with any colour-vision deficiency. */
static const char *const viridis[] = {
  "#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#fde725",
};

static NsColor
viridis_at (double t)
{
  double f = CLAMP (t, 0.0, 1.0) * (G_N_ELEMENTS (viridis) - 1);
  guint k = (guint) MIN (floor (f), G_N_ELEMENTS (viridis) - 2.0);
  NsColor a = ns_color_from_hex (viridis[k]);
  NsColor b = ns_color_from_hex (viridis[k + 1]);

  return ns_color_mix (&a, &b, f - k);
}

NsColor
ns_render_gradients_layer_color (const NsRenderStyle *style, guint layer, guint n_layers)
{
  double t0, t1, t;

  g_return_val_if_fail (style != NULL, viridis_at (0));

  /* Light backgrounds drop the yellow end (it vanishes on white), dark ones the darkest purple
   * (it vanishes on black). */
  t0 = style->dark ? 0.2 : 0.0;
  t1 = style->dark ? 1.0 : 0.8;
  t = n_layers > 1 ? (double) layer / (n_layers - 1) : 0.5;
  return viridis_at (t0 + t * (t1 - t0));
}

static char *
layer_name (guint layer, guint n_layers)
{
  if (layer + 1 == n_layers)
    return g_strdup ("Output");
  return g_strdup_printf ("Layer %u", layer + 1);
}

static char *
format_value (double v)
{
  if (isnan (v))
    return g_strdup ("\u2013");
  if (v == 0)
    return g_strdup ("0");
  if (!isfinite (v))
    return g_strdup ("\u221e");
  {
    g_autofree char *text = ns_strdup_printf ("%.1e", v);
    char *e = strchr (text, 'e');
    int exponent;

    /* "3.2e-05" -> "3.2e−5": short, with a true minus sign. */
    if (e == NULL)
      return g_steal_pointer (&text);
    exponent = atoi (e + 1);
    *e = '\0';
    if (exponent < 0)
      return g_strdup_printf ("%se\u2212%d", text, -exponent);
    return g_strdup_printf ("%se%d", text, exponent);
  }
}

/* Neighbouring layers have neighbouring colours (viridis): alternating solid and dashed lines
 * tells them apart where the colours alone would not (colour-blind learners, projectors). */
static NsDash
layer_dash (guint layer)
{
  return layer % 2 == 0 ? NS_DASH_SOLID : NS_DASH_DASHED;
}

/* One layer's line: NaN left out, zeros on the floor; a dot at its latest value. */
static void
add_layer_line (NsChart *chart, const NsGradientsViewData *view, guint layer, const NsColor *color)
{
  double width = ns_render_style_px (chart->style, LINE_WIDTH);
  NsDecimator line;
  double ex, ey;

  ns_render_chart_line_init (chart, &line, view->n_epochs);
  for (guint e = 0; e < view->n_epochs; e++)
    ns_render_chart_line_add (chart, &line, (double) view->first_epoch + e,
                              view->values[(size_t) e * view->n_layers + layer]);
  if (ns_render_chart_line_finish (chart, &line, width, color, layer_dash (layer), &ex, &ey))
    ns_scene_add_circle (chart->scene, ex, ey, ns_render_style_px (chart->style, DOT_RADIUS), color,
                         NULL, 0);
}

/* The latest value of @layer that is not NaN (NaN if none), for the legend. */
static double
latest_value (const NsGradientsViewData *view, guint layer)
{
  for (guint e = view->n_epochs; e > 0; e--)
    {
      double v = view->values[(size_t) (e - 1) * view->n_layers + layer];
      if (!isnan (v))
        return v;
    }
  return NAN;
}

void
ns_render_gradients (NsScene *scene,
                     const NsGradientsViewData *view,
                     const NsRenderStyle *style,
                     double width,
                     double height)
{
  NsChart chart;
  NsChartLegendItem *legend;
  double margin, x, y, w, h, header;
  int lo, hi;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (view->values != NULL || view->n_epochs == 0);
  g_return_if_fail (view->n_layers > 0 || view->n_epochs == 0);
  g_return_if_fail (style != NULL);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);

  ns_render_chart_init (&chart, scene, style, width, height, TRUE);
  chart.short_title = SHORT_TITLE;
  ns_render_gradients_decades (view, &lo, &hi);
  ns_render_chart_set_log_y (&chart, lo, hi);
  ns_render_chart_set_epochs (&chart, view->n_epochs > 0 ? view->first_epoch : 0,
                              view->n_epochs > 0 ? view->first_epoch + view->n_epochs - 1.0 : 1);

  margin = ns_render_style_px (style, MARGIN);
  x = margin;
  y = margin;
  w = MAX (1.0, width - 2 * margin);
  h = MAX (1.0, height - 2 * margin);

  /* Title, then the legend ("Layer 1 8.8e−7" … "Output 6.7e−2") in as many rows as it
   * needs. */
  legend = g_new0 (NsChartLegendItem, MAX (view->n_layers, 1));
  for (guint l = 0; l < view->n_layers; l++)
    {
      g_autofree char *name = layer_name (l, view->n_layers);
      g_autofree char *value = format_value (latest_value (view, l));

      legend[l].text = g_strdup_printf ("%s %s", name, value);
      legend[l].color = ns_render_gradients_layer_color (style, l, view->n_layers);
      legend[l].line_width = ns_render_style_px (style, LINE_WIDTH);
      legend[l].dash = layer_dash (l);
    }
  header = ns_render_chart_add_header (&chart, x, y, w, TITLE, legend, view->n_layers,
                                       NS_CHART_LEGEND_BELOW);

  ns_render_chart_add_axes (&chart, x, y + header, w, h - header, ns_render_chart_gutter (&chart));

  if (view->n_epochs == 0)
    {
      ns_scene_add_text (scene, chart.px + chart.pw / 2, chart.py + chart.ph / 2,
                         "Train an epoch to see the gradients", NS_TEXT_LABEL, chart.legend_size,
                         NS_ALIGN_CENTER, NS_ALIGN_CENTER, &style->muted);
    }
  else
    {
      /* Layer 1 first, the output last: the legend's order, so the lines stack the same way. */
      for (guint l = 0; l < view->n_layers; l++)
        add_layer_line (&chart, view, l, &legend[l].color);
    }

  for (guint l = 0; l < view->n_layers; l++)
    g_free ((char *) legend[l].text);
  g_free (legend);

  ns_scene_add_hit_rect (scene, NS_HIT_POINT, -1, -1, -1, chart.px, chart.py, chart.pw, chart.ph);
}
