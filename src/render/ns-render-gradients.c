/* ns-render-gradients.c: lays out and describes the gradient-health chart. */
#include "ns-render-gradients.h"

#include "ns-decimate.h"

#include "ns-render-curves.h" /* ns_render_nice_step */
#include "ns-printf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 12.0
#define TITLE_SIZE 15.0
#define LEGEND_SIZE 13.0
#define TICK_SIZE 12.0
#define PAD 6.0 /* between text and what it labels */
#define TICK_LENGTH 4.0
#define SWATCH 30.0     /* a legend's line sample: long enough to show its dashes */
#define LEGEND_GAP 16.0 /* between legend items */
#define LINE_WIDTH 2.25
#define DOT_RADIUS 3.0    /* the latest value at a line's end */
#define ROOMY_WIDTH 640.0 /* larger areas (at scale 1) get larger text, up to 1.3x */
#define ROOMY_HEIGHT 420.0
#define MIN_DECADE_GAP 18.0 /* decade labels closer than this skip some decades */

#define TITLE "Gradient health: mean |gradient| per layer"

typedef struct
{
  NsScene *scene;
  const NsGradientsViewData *view;
  const NsRenderStyle *style;
  double title_size, legend_size, tick_size;
  int lo, hi;    /* the y axis: 10^lo .. 10^hi */
  double e0, e1; /* the x axis */
  double px, py, pw, ph;
} Ctx;

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

char *
ns_render_gradients_format_decade (int exponent)
{
  if (exponent == 0)
    return g_strdup ("1");
  if (exponent == 1)
    return g_strdup ("10");
  if (exponent < 0)
    return g_strdup_printf ("1e\u2212%d", -exponent); /* U+2212, the minus sign */
  return g_strdup_printf ("1e%d", exponent);
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

/* The y of value @v on the log axis; zeros and values below the floor on the floor, values
 * above the top on the top. */
static double
value_y (const Ctx *ctx, double v)
{
  double d = v > 0 ? log10 (v) : -INFINITY;
  double t = (CLAMP (d, (double) ctx->lo, (double) ctx->hi) - ctx->lo) / (ctx->hi - ctx->lo);

  return ctx->py + ctx->ph - t * ctx->ph;
}

/* Neighbouring layers have neighbouring colours (viridis): alternating solid and dashed lines
 * tells them apart where the colours alone would not (colour-blind learners, projectors). */
static NsDash
layer_dash (guint layer)
{
  return layer % 2 == 0 ? NS_DASH_SOLID : NS_DASH_DASHED;
}

/* One layer's line: NaN left out; at most two points (the extremes) per horizontal pixel, so a
 * history of any length costs at most 2 x the plot's width. */
static void
add_layer_line (Ctx *ctx, guint layer, const NsColor *color)
{
  const NsGradientsViewData *view = ctx->view;
  NsDecimator line;
  size_t n_points;
  double *points;

  ns_decimator_init (&line, ctx->scene, view->n_epochs, ctx->pw);
  for (guint e = 0; e < view->n_epochs; e++)
    {
      double v = view->values[(size_t) e * view->n_layers + layer];
      double t;

      if (isnan (v))
        continue;
      t = (view->first_epoch + e - ctx->e0) / (ctx->e1 - ctx->e0);
      ns_decimator_add (&line, t, ctx->px + CLAMP (t, 0.0, 1.0) * ctx->pw, value_y (ctx, v));
    }
  n_points = ns_decimator_finish (&line);
  points = line.points;
  if (n_points == 0)
    return;

  ns_scene_add_polyline_dashed (ctx->scene, points, n_points,
                                ns_render_style_px (ctx->style, LINE_WIDTH), color,
                                layer_dash (layer));
  ns_scene_add_circle (ctx->scene, points[2 * n_points - 2], points[2 * n_points - 1],
                       ns_render_style_px (ctx->style, DOT_RADIUS), color, NULL, 0);
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

/* Lays out the legend in rows within width @w from (x, y), drawing it unless @measure_only;
 * returns its height. */
static double
add_legend (Ctx *ctx, double x, double y, double w, gboolean measure_only)
{
  const NsGradientsViewData *view = ctx->view;
  double swatch = ns_render_style_px (ctx->style, SWATCH);
  double pad = ns_render_style_px (ctx->style, PAD);
  double gap = ns_render_style_px (ctx->style, LEGEND_GAP);
  double row_h = ctx->legend_size * 1.4;
  double lx = x, ly = y;

  if (view->n_layers == 0)
    return 0;
  for (guint l = 0; l < view->n_layers; l++)
    {
      g_autofree char *name = layer_name (l, view->n_layers);
      g_autofree char *value = format_value (latest_value (view, l));
      g_autofree char *text = g_strdup_printf ("%s %s", name, value);
      NsColor color = ns_render_gradients_layer_color (ctx->style, l, view->n_layers);
      double tw, item_w;

      ns_scene_measure_text (ctx->scene, text, NS_TEXT_VALUE, ctx->legend_size, &tw, NULL);
      item_w = swatch + pad + tw;
      if (lx > x && lx + item_w > x + w)
        {
          lx = x;
          ly += row_h;
        }
      if (!measure_only)
        {
          double cy = ly + row_h / 2;
          ns_scene_add_dash_sample (ctx->scene, lx, lx + swatch, cy,
                                    ns_render_style_px (ctx->style, LINE_WIDTH), &color,
                                    layer_dash (l));
          ns_scene_add_text (ctx->scene, lx + swatch + pad, cy, text, NS_TEXT_VALUE,
                             ctx->legend_size, NS_ALIGN_START, NS_ALIGN_CENTER,
                             &ctx->style->foreground);
        }
      lx += item_w + gap;
    }
  return ly + row_h - y;
}

void
ns_render_gradients (NsScene *scene,
                     const NsGradientsViewData *view,
                     const NsRenderStyle *style,
                     double width,
                     double height)
{
  Ctx ctx;
  double text_scale, margin, pad, tick_len, x, y, w, h;
  double title_h, legend_h, gutter = 0, epoch_w, epoch_h, x_step;
  int every;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (view->values != NULL || view->n_epochs == 0);
  g_return_if_fail (view->n_layers > 0 || view->n_epochs == 0);
  g_return_if_fail (style != NULL);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);

  text_scale = CLAMP (MIN (width / ROOMY_WIDTH, height / ROOMY_HEIGHT) / style->scale, 1.0, 1.3);

  memset (&ctx, 0, sizeof ctx);
  ctx.scene = scene;
  ctx.view = view;
  ctx.style = style;
  ctx.title_size = ns_render_style_px (style, TITLE_SIZE * text_scale);
  ctx.legend_size = ns_render_style_px (style, LEGEND_SIZE * text_scale);
  ctx.tick_size = ns_render_style_px (style, TICK_SIZE * text_scale);
  ns_render_gradients_decades (view, &ctx.lo, &ctx.hi);
  ctx.e0 = view->n_epochs > 0 ? view->first_epoch : 0;
  ctx.e1 = view->n_epochs > 0 ? view->first_epoch + view->n_epochs - 1.0 : 1;
  if (!(ctx.e1 > ctx.e0))
    ctx.e1 = ctx.e0 + 1;

  margin = ns_render_style_px (style, MARGIN);
  pad = ns_render_style_px (style, PAD);
  tick_len = ns_render_style_px (style, TICK_LENGTH);
  x = margin;
  y = margin;
  w = MAX (1.0, width - 2 * margin);
  h = MAX (1.0, height - 2 * margin);

  /* Title, then the legend in as many rows as it needs. */
  ns_scene_measure_text (scene, TITLE, NS_TEXT_TITLE, ctx.title_size, NULL, &title_h);
  ns_scene_add_text (scene, x, y, TITLE, NS_TEXT_TITLE, ctx.title_size, NS_ALIGN_START,
                     NS_ALIGN_START, &style->foreground);
  legend_h = add_legend (&ctx, x, y + title_h + pad, w, FALSE);

  /* Room for the widest decade label left of the plot. */
  for (int d = ctx.lo; d <= ctx.hi; d++)
    {
      g_autofree char *label = ns_render_gradients_format_decade (d);
      double lw;

      ns_scene_measure_text (scene, label, NS_TEXT_VALUE, ctx.tick_size, &lw, NULL);
      gutter = MAX (gutter, lw);
    }
  gutter = ceil (gutter + pad / 2 + tick_len);
  ns_scene_measure_text (scene, "Epoch", NS_TEXT_LABEL, ctx.tick_size, &epoch_w, &epoch_h);

  ctx.px = x + gutter;
  ctx.py = y + title_h + pad + legend_h + pad + ctx.tick_size * 0.5;
  ctx.pw = MAX (1.0, x + w - ctx.px - pad);
  ctx.ph = MAX (1.0, y + h - ctx.py - tick_len - pad / 2 - epoch_h);

  /* A gridline and a label at each power of ten; on a short plot, every second (fifth …)
   * label, so they never overlap. */
  every = 1;
  while (every < ctx.hi - ctx.lo
         && ctx.ph / (ctx.hi - ctx.lo) * every < ns_render_style_px (style, MIN_DECADE_GAP))
    every++;
  for (int d = ctx.lo; d <= ctx.hi; d++)
    {
      double gy =
          round (ctx.py + ctx.ph - (double) (d - ctx.lo) / (ctx.hi - ctx.lo) * ctx.ph) + 0.5;

      if (d > ctx.lo)
        ns_scene_add_line (scene, ctx.px, gy, ctx.px + ctx.pw, gy, ns_render_style_px (style, 1),
                           &style->outline);
      ns_scene_add_line (scene, ctx.px - tick_len, gy, ctx.px, gy, ns_render_style_px (style, 1),
                         &style->muted);
      if ((ctx.hi - d) % every == 0)
        {
          g_autofree char *label = ns_render_gradients_format_decade (d);

          ns_scene_add_text (scene, ctx.px - tick_len - pad / 2, gy, label, NS_TEXT_VALUE,
                             ctx.tick_size, NS_ALIGN_END, NS_ALIGN_CENTER, &style->muted);
        }
    }

  /* The x axis: round epochs, leaving room for its name at the right end. */
  x_step = MAX (1.0, ns_render_nice_step (ctx.e1 - ctx.e0, MAX (1, (int) (ctx.pw / 70.0))));
  for (double e = ceil (ctx.e0 / x_step) * x_step; e <= ctx.e1 + 1e-9; e += x_step)
    {
      double tx = ctx.px + (e - ctx.e0) / (ctx.e1 - ctx.e0) * ctx.pw;
      g_autofree char *label = ns_strdup_printf ("%.0f", e);
      double lw;

      ns_scene_measure_text (scene, label, NS_TEXT_VALUE, ctx.tick_size, &lw, NULL);
      ns_scene_add_line (scene, tx, ctx.py + ctx.ph, tx, ctx.py + ctx.ph + tick_len,
                         ns_render_style_px (style, 1), &style->muted);
      if (tx + lw / 2 > ctx.px + ctx.pw - epoch_w - pad)
        continue;
      ns_scene_add_text (scene, tx, ctx.py + ctx.ph + tick_len + pad / 2, label, NS_TEXT_VALUE,
                         ctx.tick_size, NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted);
    }
  ns_scene_add_text (scene, ctx.px + ctx.pw, ctx.py + ctx.ph + tick_len + pad / 2, "Epoch",
                     NS_TEXT_LABEL, ctx.tick_size, NS_ALIGN_END, NS_ALIGN_START,
                     &style->foreground);

  /* The axes themselves. */
  ns_scene_add_line (scene, ctx.px, ctx.py, ctx.px, ctx.py + ctx.ph, ns_render_style_px (style, 1),
                     &style->muted);
  ns_scene_add_line (scene, ctx.px, ctx.py + ctx.ph, ctx.px + ctx.pw, ctx.py + ctx.ph,
                     ns_render_style_px (style, 1), &style->muted);

  if (view->n_epochs == 0)
    {
      ns_scene_add_text (scene, ctx.px + ctx.pw / 2, ctx.py + ctx.ph / 2,
                         "Train an epoch to see the gradients", NS_TEXT_LABEL, ctx.legend_size,
                         NS_ALIGN_CENTER, NS_ALIGN_CENTER, &style->muted);
    }
  else
    {
      /* Layer 1 first, the output last: the legend's order, so the lines stack the same way. */
      for (guint l = 0; l < view->n_layers; l++)
        {
          NsColor color = ns_render_gradients_layer_color (style, l, view->n_layers);

          add_layer_line (&ctx, l, &color);
        }
    }

  ns_scene_add_hit_rect (scene, NS_HIT_POINT, -1, -1, -1, ctx.px, ctx.py, ctx.pw, ctx.ph);
}
