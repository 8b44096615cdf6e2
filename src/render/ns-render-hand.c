/* ns-render-hand.c: what hand-made features look at in one image, drawn over it. */
#include "ns-render-hand.h"

#include <math.h>

#include "ns-printf.h"
#include "ns-render-images-private.h"

static gboolean
has (guint mask, NsHandFeature f, const NsHandView *view)
{
  return (mask & (1u << f)) != 0 && ns_hand_feature_applies (f, view->c, view->h, view->w);
}

/* The colour of marks drawn over the image: the accent, opaque, readable on ink and paper. */
static NsColor
overlay_colour (const NsRenderStyle *style)
{
  NsColor c = style->accent;

  c.a = 1;
  return c;
}

/* A number in a small box, readable over any pixel. */
static void
add_boxed_value (const NsImagesCtx *ctx, double cx, double cy, double size, const char *text)
{
  const NsRenderStyle *style = ctx->style;
  double tw = ns_images_text_width (ctx, text, NS_TEXT_VALUE, size);
  double th = ns_images_text_height (ctx, NS_TEXT_VALUE, size);
  NsColor back = style->background;

  back.a = 0.8f;
  ns_scene_add_rect (ctx->scene, cx - tw / 2 - 2, cy - th / 2, tw + 4, th, 2, &back, NULL, 0);
  ns_scene_add_text (ctx->scene, cx, cy, text, NS_TEXT_VALUE, size, NS_ALIGN_CENTER,
                     NS_ALIGN_CENTER, &style->foreground);
}

/* Zones: the grid and each zone's mean ink. */
static void
draw_zones (const NsImagesCtx *ctx, const NsHandView *view, double ix, double iy, double zoom)
{
  NsColor colour = overlay_colour (ctx->style);
  double line_w = ns_render_style_px (ctx->style, 2);
  double size = MIN (ctx->small, zoom * view->h / 4 * 0.4);

  for (guint k = 0; k <= 4; k++)
    {
      double gx = ix + view->zone_x[k] * zoom, gy = iy + view->zone_y[k] * zoom;

      ns_scene_add_line (ctx->scene, gx, iy, gx, iy + view->h * zoom, line_w, &colour);
      ns_scene_add_line (ctx->scene, ix, gy, ix + view->w * zoom, gy, line_w, &colour);
    }
  for (guint zy = 0; zy < 4; zy++)
    for (guint zx = 0; zx < 4; zx++)
      {
        double cx = ix + (view->zone_x[zx] + view->zone_x[zx + 1]) / 2.0 * zoom;
        double cy = iy + (view->zone_y[zy] + view->zone_y[zy + 1]) / 2.0 * zoom;
        g_autofree char *text = ns_strdup_printf ("%.2f", view->zones[zy * 4 + zx]);

        add_boxed_value (ctx, cx, cy, size, text);
      }
}

/* HOG: in each of the 2 x 2 cells a star of 8 strokes, each along the stroke direction its
 * bin counts (perpendicular to the gradient), as long as the bin's share of the largest. */
static void
draw_hog (const NsImagesCtx *ctx, const NsHandView *view, double ix, double iy, double zoom)
{
  NsColor colour = ctx->style->negative;
  float max = 0;
  double line_w = ns_render_style_px (ctx->style, 3);

  colour.a = 1;
  for (guint i = 0; i < 32; i++)
    max = MAX (max, view->hog[i]);
  if (!(max > 0))
    return;
  for (guint cell = 0; cell < 4; cell++)
    {
      guint cy = cell / 2, cx = cell % 2;
      double x0 = ix + view->zone_x[2 * cx] * zoom, x1 = ix + view->zone_x[2 * cx + 2] * zoom;
      double y0 = iy + view->zone_y[2 * cy] * zoom, y1 = iy + view->zone_y[2 * cy + 2] * zoom;
      double mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
      double reach = MIN (x1 - x0, y1 - y0) * 0.42;

      for (guint b = 0; b < 8; b++)
        {
          double share = view->hog[cell * 8 + b] / max;
          /* The gradient's angle is b pi/8 (y down); the stroke runs across it. */
          double angle = b * G_PI / 8 + G_PI / 2;
          double dx = cos (angle) * reach * share, dy = sin (angle) * reach * share;

          if (share < 0.05)
            continue;
          ns_scene_add_line (ctx->scene, mx - dx, my - dy, mx + dx, my + dy, line_w, &colour);
        }
    }
}

/* Projections: a bar per row at the image's right, a bar per column under it. */
static void
draw_projections (const NsImagesCtx *ctx,
                  const NsHandView *view,
                  double ix,
                  double iy,
                  double zoom,
                  double bar_len)
{
  NsColor colour = ctx->style->positive;
  double gap = ctx->pad;

  for (guint r = 0; r < view->h; r++)
    {
      double len = CLAMP (view->row_ink[r], 0.0f, 1.0f) * bar_len;

      ns_scene_add_rect (ctx->scene, ix + view->w * zoom + gap, iy + r * zoom + 1, MAX (len, 1),
                         MAX (zoom - 2, 1), 0, &colour, NULL, 0);
    }
  for (guint c = 0; c < view->w; c++)
    {
      double len = CLAMP (view->col_ink[c], 0.0f, 1.0f) * bar_len;

      ns_scene_add_rect (ctx->scene, ix + c * zoom + 1, iy + view->h * zoom + gap,
                         MAX (zoom - 2, 1), MAX (len, 1), 0, &colour, NULL, 0);
    }
}

/* The object: its outline pixels framed, its centre and mean radius as a circle, each a dark
 * line on a light halo (light on dark in the dark style), readable over any object's colour. */
static void
draw_outline (const NsImagesCtx *ctx, const NsHandView *view, double ix, double iy, double zoom)
{
  const NsRenderStyle *style = ctx->style;
  NsColor halo = style->background, line = style->foreground;
  double line_w = ns_render_style_px (style, 1.5);
  double cx, cy;

  halo.a = 0.85f;
  line.a = 1;
  if (view->object_pixels == 0)
    return;
  for (int pass = 0; pass < 2; pass++)
    {
      const NsColor *colour = pass == 0 ? &halo : &line;
      double w = pass == 0 ? 3 * line_w : line_w;

      for (guint y = 0; y < view->h; y++)
        for (guint x = 0; x < view->w; x++)
          if (view->outline[y * view->w + x])
            {
              /* A dot at the pixel's centre, its halo a little larger. */
              double d = zoom / 3 + (pass == 0 ? 2 * line_w : 0);

              ns_scene_add_rect (ctx->scene, ix + (x + 0.5) * zoom - d / 2,
                                 iy + (y + 0.5) * zoom - d / 2, d, d, 0, colour, NULL, 0);
            }
      /* The centroid is in pixels with centres at + 0.5. */
      cx = ix + view->centre_x * zoom;
      cy = iy + view->centre_y * zoom;
      ns_scene_add_circle (ctx->scene, cx, cy, view->radius_mean * zoom, NULL, colour, w);
      ns_scene_add_circle (ctx->scene, cx, cy, w * 1.5, colour, NULL, 0);
    }
}

static void
draw_stem (const NsImagesCtx *ctx, const NsHandView *view, double ix, double iy, double zoom)
{
  NsColor colour = ctx->style->negative;
  double line_w = ns_render_style_px (ctx->style, 3);

  colour.a = 1;
  for (guint y = 0; y < view->h; y++)
    for (guint x = 0; x < view->w; x++)
      if (view->stem[y * view->w + x])
        ns_scene_add_rect (ctx->scene, ix + x * zoom, iy + y * zoom, zoom, zoom, 0, NULL, &colour,
                           line_w);
}

void
ns_render_hand_features (NsScene *scene,
                         const NsRenderStyle *style,
                         double x,
                         double y,
                         double width,
                         double height,
                         const float *image,
                         const NsHandView *view,
                         guint mask)
{
  NsImagesCtx ctx;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gboolean projections, colour;
  double line_h, text_h, bar_len, zoom, ix, iy, ty, swatch = 0;
  guint32 *pixels;

  g_return_if_fail (scene != NULL && style != NULL && view != NULL && image != NULL);
  if (!(width > 0) || !(height > 0))
    return;

  ns_images_ctx_init (&ctx, scene, style, width, height);
  projections = has (mask, NS_HAND_PROJECTIONS, view);
  colour = has (mask, NS_HAND_COLOUR, view) && view->has_colour;

  /* The values, a line per feature, under the picture. */
  if (has (mask, NS_HAND_ZONES, view))
    g_ptr_array_add (lines, g_strdup ("Zones: the ink in each of the 16 squares"));
  if (projections)
    g_ptr_array_add (lines, g_strdup ("Projections: the ink of each row and column (bars)"));
  if (has (mask, NS_HAND_HOG, view))
    g_ptr_array_add (lines, g_strdup ("Edges: the stroke directions in each quarter (stars)"));
  if (colour)
    g_ptr_array_add (lines, ns_strdup_printf ("Colour: hue %.0f°, saturation %.2f, brightness %.2f",
                                              view->hue, view->saturation, view->brightness));
  if (has (mask, NS_HAND_ROUNDNESS, view))
    g_ptr_array_add (lines, ns_strdup_printf ("Roundness %.2f: the outline's distance to the "
                                              "centre (circle)",
                                              view->roundness));
  if (has (mask, NS_HAND_STEM, view))
    g_ptr_array_add (lines,
                     ns_strdup_printf ("Stem %.2f: dark thin pixels on top", view->stem_score));
  if (has (mask, NS_HAND_TEXTURE, view))
    g_ptr_array_add (lines, ns_strdup_printf ("Texture %.2f: how much the inside changes from "
                                              "pixel to pixel",
                                              view->texture));

  text_h = ns_images_text_height (&ctx, NS_TEXT_LABEL, ctx.small);
  line_h = text_h * 1.15;
  bar_len = projections ? ns_render_style_px (style, 40) : 0;
  swatch = colour ? ns_render_style_px (style, 40) : 0;
  {
    double avail_w =
        width - (projections ? bar_len + ctx.pad : 0) - (colour ? swatch + ctx.gap : 0);
    double avail_h = height - lines->len * line_h - ctx.gap - (projections ? bar_len + ctx.pad : 0);

    zoom = MIN (avail_w / view->w, avail_h / view->h);
  }
  if (zoom >= 1)
    zoom = floor (zoom);
  if (!(zoom > 0))
    return;
  ix = round (x);
  iy = round (y);

  pixels = ns_images_add_crisp (scene, ix, iy, zoom, view->w, view->h);
  if (pixels != NULL)
    ns_images_fill_picture (style, image, view->c, view->h, view->w, pixels);
  ns_scene_add_rect (scene, ix, iy, view->w * zoom, view->h * zoom, 0, NULL, &style->outline,
                     ns_render_style_px (style, 1));

  if (has (mask, NS_HAND_ROUNDNESS, view) || has (mask, NS_HAND_TEXTURE, view)
      || (colour && view->object_pixels > 0))
    draw_outline (&ctx, view, ix, iy, zoom);
  if (has (mask, NS_HAND_STEM, view))
    draw_stem (&ctx, view, ix, iy, zoom);
  if (has (mask, NS_HAND_HOG, view))
    draw_hog (&ctx, view, ix, iy, zoom);
  if (has (mask, NS_HAND_ZONES, view))
    draw_zones (&ctx, view, ix, iy, zoom);
  if (projections)
    draw_projections (&ctx, view, ix, iy, zoom, bar_len);
  if (colour)
    {
      NsColor mean = { view->mean_rgb[0], view->mean_rgb[1], view->mean_rgb[2], 1 };
      double sx = ix + view->w * zoom + (projections ? bar_len + ctx.pad : 0) + ctx.gap;

      ns_scene_add_rect (scene, sx, iy, swatch, swatch, 4, &mean, &style->outline,
                         ns_render_style_px (style, 1));
    }

  ty = iy + view->h * zoom + (projections ? bar_len + ctx.pad : 0) + ctx.gap;
  for (guint k = 0; k < lines->len; k++)
    ns_scene_add_text (scene, x, ty + k * line_h, g_ptr_array_index (lines, k), NS_TEXT_LABEL,
                       ctx.small, NS_ALIGN_START, NS_ALIGN_START, &style->foreground);
}
