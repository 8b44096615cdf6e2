/* ns-render-race.c: lays out the race's overlaid loss curves and boundary thumbnails. */
#include "ns-render-race.h"

#include "ns-render-chart.h"
#include "ns-printf.h"

#include <math.h>
#include <string.h>

#include "ns-colormap.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 12.0
#define LABEL_SIZE 12.0
#define PAD 6.0
#define SWATCH 34.0 /* a legend's line sample: long enough for the dash-dots of wide lines */
#define LEGEND_GAP 18.0
#define THUMB_GAP 14.0
#define THUMB_MIN 40.0
#define THUMB_MAX 160.0
#define THUMB_FRAME 3.0
#define THUMB_RING 2.0 /* between a thumbnail and its frame */
#define DOT_RADIUS 3.5

void
ns_render_race_lane_style (const NsRenderStyle *style, guint i, NsColor *color, double *width)
{
  /* Okabe & Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue; told apart
   * by lightness too, and on dark backgrounds lightened so none sinks into the background. */
  static const char *const palette[] = { "#0072b2", "#d55e00", "#009e73",
                                         "#cc79a7", "#e69f00", "#56b4e9" };
  /* Widest first: drawn in this order, a thinner curve stays visible on a wider one. */
  static const double widths[] = { 4.0, 3.0, 2.0, 3.5, 2.5, 1.5 };
  NsColor c = ns_color_from_hex (palette[i % G_N_ELEMENTS (palette)]);

  g_return_if_fail (style != NULL);

  if (style->dark)
    {
      NsColor white = { 1, 1, 1, 1 };

      c = ns_color_mix (&c, &white, 0.3);
    }
  if (color != NULL)
    *color = c;
  if (width != NULL)
    *width = ns_render_style_px (style, widths[i % G_N_ELEMENTS (widths)]);
}

/* Contestant @i's dash pattern: the curves differ by their dashes as well as their colours
 * and widths (colour-blind learners, washed-out projectors). The first is solid. */
NsDash
ns_render_race_lane_dash (guint i)
{
  /* Dots read best on the wider lines: contestant 3 is drawn 3.5 wide, 2 only 2 wide. */
  static const NsDash dashes[] = { NS_DASH_SOLID, NS_DASH_DASHED, NS_DASH_DASH_DOT,
                                   NS_DASH_DOTTED };

  return dashes[i % G_N_ELEMENTS (dashes)];
}

void
ns_render_race_prepare (NsRaceViewData *view, NsRace *race, guint grid_size)
{
  guint n;

  g_return_if_fail (view != NULL);
  g_return_if_fail (NS_IS_RACE (race));

  memset (view, 0, sizeof *view);
  n = MIN (ns_race_get_n_contestants (race), NS_RACE_MAX_CONTESTANTS);
  view->n_lanes = n;
  view->grid_size = grid_size;

  for (guint i = 0; i < n; i++)
    {
      NsExperiment *e = ns_race_get_experiment (race, i);
      NsRaceLane *lane = &view->lanes[i];
      NsOutputViewData output;
      guint per_epoch = MAX (ns_experiment_get_steps_per_epoch (e), 1);

      lane->label = ns_race_get_label (race, i);
      lane->history = ns_experiment_get_history (e, &lane->n_entries);
      lane->current_epoch = (double) ns_experiment_get_step (e) / per_epoch;
      lane->current_loss = ns_race_get_current (race, i)->train_loss;
      lane->diverged_epoch = ns_race_get_diverged_epoch (race, i);

      /* The output view's prepare knows how each loss is coloured; only its grid is used. */
      ns_render_output_prepare (&output, e, grid_size);
      lane->output = output.output;
      if (i == 0)
        {
          view->kind = output.kind;
          view->n_classes = output.n_classes;
          view->value_min = output.value_min;
          view->value_max = output.value_max;
        }
    }
}

typedef struct
{
  NsScene *scene;
  const NsRaceViewData *view;
  const NsRenderStyle *style;
  NsChart chart; /* epochs 0 .. the furthest contestant's, the loss from 0 */
} Ctx;

/* The loss axis's top. The race is what a learner wants to see, so the axis fits the running
 * contestants after the first epoch: an untrained start far above the rest (a regression's
 * first loss can be hundreds of times its later ones) and a run that blew up would flatten
 * every curve to the floor. Their lines go off the top (clamped there; a diverged run ends in
 * its cross). */
static double
axis_max (const NsRaceViewData *view)
{
  double all = 0, later = 0;
  gboolean any_running = FALSE;

  for (guint l = 0; l < view->n_lanes; l++)
    any_running |= view->lanes[l].diverged_epoch == 0;
  for (guint l = 0; l < view->n_lanes; l++)
    {
      const NsRaceLane *lane = &view->lanes[l];

      if (any_running && lane->diverged_epoch > 0)
        continue;
      for (guint i = 0; i < lane->n_entries; i++)
        if (isfinite (lane->history[i].train_loss))
          {
            all = MAX (all, lane->history[i].train_loss);
            if (lane->history[i].epoch >= 1)
              later = MAX (later, lane->history[i].train_loss);
          }
      if (isfinite (lane->current_loss))
        {
          all = MAX (all, lane->current_loss);
          if (lane->current_epoch >= 1)
            later = MAX (later, lane->current_loss);
        }
    }
  if (later > 0 && all > 4 * later)
    all = 1.25 * later;

  return all;
}

static char *
lane_state (const NsRaceLane *lane)
{
  if (lane->diverged_epoch > 0)
    return g_strdup_printf ("diverged at epoch %u", lane->diverged_epoch);
  if (!isfinite (lane->current_loss))
    return g_strdup ("\u2013");
  if (lane->current_loss >= 1000)
    return ns_strdup_printf ("%.3g", lane->current_loss);
  /* A run that fits its data well would read 0.000: keep two figures. */
  if (lane->current_loss > 0 && lane->current_loss < 0.001)
    return ns_strdup_printf ("%.1e", lane->current_loss);
  return ns_strdup_printf ("%.3f", lane->current_loss);
}

/* One lane's curve: the history's epoch ends, then the current point (unless it is an epoch
 * end already, or the run diverged), at most two points (the extremes) per pixel across. */
static void
add_curve (Ctx *ctx, guint l)
{
  const NsRaceLane *lane = &ctx->view->lanes[l];
  size_t n_in = lane->n_entries + 1;
  NsDecimator line;
  NsColor color;
  double width, ex, ey;

  ns_render_race_lane_style (ctx->style, l, &color, &width);

  ns_render_chart_line_init (&ctx->chart, &line, n_in);
  for (size_t i = 0; i < n_in; i++)
    {
      double epoch, v;

      if (i < lane->n_entries)
        {
          epoch = lane->history[i].epoch;
          v = lane->history[i].train_loss;
        }
      else
        {
          /* The current weights, between two epoch ends. */
          if (lane->diverged_epoch > 0
              || (lane->n_entries > 0
                  && fabs (lane->history[lane->n_entries - 1].epoch - lane->current_epoch) < 1e-9))
            break;
          epoch = lane->current_epoch;
          v = lane->current_loss;
        }
      if (!isfinite (v))
        continue;
      ns_render_chart_line_add (&ctx->chart, &line, epoch, v);
    }
  if (!ns_render_chart_line_finish (&ctx->chart, &line, width, &color, ns_render_race_lane_dash (l),
                                    &ex, &ey))
    return;

  {
    double r = ns_render_style_px (ctx->style, DOT_RADIUS) + width / 2;

    if (lane->diverged_epoch > 0)
      {
        /* A cross where the run blew up. */
        ns_scene_add_line (ctx->scene, ex - r, ey - r, ex + r, ey + r, width, &color);
        ns_scene_add_line (ctx->scene, ex - r, ey + r, ex + r, ey - r, width, &color);
      }
    else
      {
        ns_scene_add_circle (ctx->scene, ex, ey, r, &color, NULL, 0);
      }
  }
}

static void
fill_thumbnail (const NsRaceViewData *view,
                const NsRenderStyle *style,
                const float *output,
                guint32 *pixels)
{
  int g = (int) view->grid_size;
  NsColormap map;

  switch (view->kind)
    {
    case NS_OUTPUT_BINARY:
      ns_colormap_init_diverging (&map, ns_render_style_class_color (style, 0), &style->neutral,
                                  ns_render_style_class_color (style, 1), 0, 1);
      ns_colormap_apply (&map, output, g, g, FALSE, pixels, g);
      break;
    case NS_OUTPUT_CLASSES:
      ns_colormap_apply_classes (style, output, view->n_classes, g, g, FALSE, pixels, g);
      break;
    case NS_OUTPUT_REGRESSION:
    default:
      ns_colormap_init_values (&map, style, (float) view->value_min, (float) view->value_max);
      ns_colormap_apply (&map, output, g, g, FALSE, pixels, g);
      break;
    }
}

static void
add_chart (Ctx *ctx, double x, double y, double w, double h)
{
  const NsRaceViewData *view = ctx->view;
  NsChartLegendItem legend[NS_RACE_MAX_CONTESTANTS];
  char *texts[NS_RACE_MAX_CONTESTANTS];
  double header;

  for (guint l = 0; l < view->n_lanes; l++)
    {
      g_autofree char *state = lane_state (&view->lanes[l]);

      texts[l] = g_strdup_printf ("%s  %s", view->lanes[l].label, state);
      legend[l].text = texts[l];
      ns_render_race_lane_style (ctx->style, l, &legend[l].color, &legend[l].line_width);
      legend[l].dash = ns_render_race_lane_dash (l);
    }
  /* Below the title always: a legend that jumped beside it once the texts got shorter would
   * move the whole chart mid-race. */
  header = ns_render_chart_add_header (&ctx->chart, x, y, w, "Training loss", legend, view->n_lanes,
                                       NS_CHART_LEGEND_BELOW);
  for (guint l = 0; l < view->n_lanes; l++)
    g_free (texts[l]);

  ns_render_chart_fit_linear_y (&ctx->chart, axis_max (view), NULL);
  ns_render_chart_add_axes (&ctx->chart, x, y + header, w, h - header,
                            ns_render_chart_gutter (&ctx->chart));

  for (guint l = 0; l < view->n_lanes; l++)
    add_curve (ctx, l);

  ns_scene_add_hit_rect (ctx->scene, NS_HIT_POINT, -1, -1, -1, ctx->chart.px, ctx->chart.py,
                         ctx->chart.pw, ctx->chart.ph);
}

/* The thumbnails' row at (x, y), @side square each, centred in @w; labels below. */
static void
add_thumbnails (Ctx *ctx, double x, double y, double w, double side)
{
  const NsRaceViewData *view = ctx->view;
  const NsRenderStyle *style = ctx->style;
  double gap = ns_render_style_px (style, THUMB_GAP);
  double frame = ns_render_style_px (style, THUMB_FRAME);
  double ring = ns_render_style_px (style, THUMB_RING);
  double label_size = ns_render_style_px (style, LABEL_SIZE);
  double pad = ns_render_style_px (style, PAD);
  double border = frame + ring;
  double row_w = view->n_lanes * (side + 2 * border) + (view->n_lanes - 1) * gap;
  double tx = x + border + MAX (0.0, (w - row_w) / 2);

  for (guint l = 0; l < view->n_lanes; l++, tx += side + 2 * border + gap)
    {
      const NsRaceLane *lane = &view->lanes[l];
      g_autofree char *state = lane_state (lane);
      NsColor color;

      ns_render_race_lane_style (style, l, &color, NULL);
      if (lane->output != NULL && view->grid_size > 0)
        {
          guint32 *pixels = ns_scene_add_image (
              ctx->scene, tx, y, side, side, (int) view->grid_size, (int) view->grid_size, FALSE);

          if (pixels != NULL)
            fill_thumbnail (view, style, lane->output, pixels);
        }
      /* Framed in the contestant's colour (the link between a picture and its curve), a hair
       * of background apart, so an orange frame does not melt into class 0's orange. */
      ns_scene_add_rect (ctx->scene, tx - border, y - border, side + 2 * border, side + 2 * border,
                         0, NULL, &color, frame);
      ns_scene_add_text (ctx->scene, tx + side / 2, y + side + border + pad / 2, lane->label,
                         NS_TEXT_LABEL, label_size, NS_ALIGN_CENTER, NS_ALIGN_START,
                         &style->foreground);
      ns_scene_add_text (ctx->scene, tx + side / 2, y + side + border + pad / 2 + label_size * 1.35,
                         state, NS_TEXT_VALUE, label_size, NS_ALIGN_CENTER, NS_ALIGN_START,
                         lane->diverged_epoch > 0 ? &color : &style->muted);
      ns_scene_add_hit_rect (ctx->scene, NS_HIT_POINT, (int) l, -1, -1, tx, y, side, side);
    }
}

void
ns_render_race (NsScene *scene,
                const NsRaceViewData *view,
                const NsRenderStyle *style,
                double width,
                double height)
{
  Ctx ctx;
  double margin, pad, label_size, x, y, w, h, side = 0, thumbs_h = 0;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (view->n_lanes <= NS_RACE_MAX_CONTESTANTS);
  g_return_if_fail (style != NULL);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);

  memset (&ctx, 0, sizeof ctx);
  ctx.scene = scene;
  ctx.view = view;
  ctx.style = style;

  ns_render_chart_init (&ctx.chart, scene, style, width, height, FALSE);
  ctx.chart.swatch = ns_render_style_px (style, SWATCH);
  ctx.chart.legend_gap = ns_render_style_px (style, LEGEND_GAP);
  ns_render_chart_set_epochs (&ctx.chart, 0, ns_render_race_last_epoch (view));

  margin = ns_render_style_px (style, MARGIN);
  pad = ns_render_style_px (style, PAD);
  label_size = ns_render_style_px (style, LABEL_SIZE);
  x = margin;
  y = margin;
  w = MAX (1.0, width - 2 * margin);
  h = MAX (1.0, height - 2 * margin);

  /* Thumbnails take up to a third of the height, as large as the row's width allows. */
  if (view->n_lanes > 0)
    {
      double gap = ns_render_style_px (style, THUMB_GAP);
      double border = ns_render_style_px (style, THUMB_FRAME + THUMB_RING);
      double text_h = pad / 2 + label_size * 2.7 + 2 * border;

      side = (w - (view->n_lanes - 1) * gap) / view->n_lanes - 2 * border;
      side = MIN (side, h / 3 - text_h);
      side = MIN (side, ns_render_style_px (style, THUMB_MAX));
      if (side >= ns_render_style_px (style, THUMB_MIN))
        thumbs_h = side + text_h + pad;
      else
        side = 0;
    }

  add_chart (&ctx, x, y, w, h - thumbs_h);
  if (side > 0)
    {
      double border = ns_render_style_px (style, THUMB_FRAME + THUMB_RING);

      add_thumbnails (&ctx, x, y + h - thumbs_h + pad + border, w, floor (side));
    }
}

double
ns_render_race_last_epoch (const NsRaceViewData *view)
{
  double e1 = 0;

  g_return_val_if_fail (view != NULL, 1);

  /* One epoch axis for all: they run in lockstep, so the furthest is where they all are. */
  for (guint l = 0; l < view->n_lanes; l++)
    {
      const NsRaceLane *lane = &view->lanes[l];

      e1 = MAX (e1, lane->current_epoch);
      if (lane->n_entries > 0)
        e1 = MAX (e1, (double) lane->history[lane->n_entries - 1].epoch);
    }

  return e1 > 0 ? e1 : 1;
}

gboolean
ns_render_race_epoch_at (const NsScene *scene,
                         const NsRaceViewData *view,
                         double x,
                         double y,
                         guint *epoch)
{
  const NsHitRegion *hit;
  double e1, t;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (epoch != NULL, FALSE);

  /* The chart's plot is the hit rectangle of layer -1. */
  hit = ns_scene_hit_test (scene, x, y);
  if (hit == NULL || hit->kind != NS_HIT_POINT || hit->segment || hit->layer != -1)
    return FALSE;

  e1 = ns_render_race_last_epoch (view);
  t = (x - hit->x0) / MAX (hit->x1 - hit->x0, 1.0);
  *epoch = (guint) CLAMP (round (t * e1), 0, floor (e1));
  return TRUE;
}

int
ns_render_race_thumbnail_at (const NsScene *scene, double x, double y)
{
  const NsHitRegion *hit;

  g_return_val_if_fail (scene != NULL, -1);

  hit = ns_scene_hit_test (scene, x, y);
  if (hit == NULL || hit->kind != NS_HIT_POINT || hit->segment || hit->layer < 0)
    return -1;
  return hit->layer;
}
