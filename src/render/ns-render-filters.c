/* ns-render-filters.c: what a network learned from images: its filters (conv kernels, or a
 * dense first layer's weights as images) and one sample's feature maps. */
#include "ns-render-images.h"

#include <math.h>
#include <string.h>

#include "ns-printf.h"
#include "ns-render-images-private.h"

#define COLORBAR_WIDTH 220.0
#define COLORBAR_HEIGHT 12.0

/* n tiles of pw x ph pixels, each with a caption line under it, wrapped in rows: the largest
 * zoom that fits them all in w x h (at the smallest, as many as fit). */
typedef struct
{
  double zoom, cell_w, cell_h;
  guint cols, rows, n_drawn;
} TileGrid;

static void
tile_grid_layout (TileGrid *grid,
                  const NsImagesCtx *ctx,
                  double w,
                  double h,
                  guint n,
                  guint pw,
                  guint ph,
                  double caption_h,
                  double min_cell_w)
{
  memset (grid, 0, sizeof *grid);
  for (double z = ns_images_zoom (ctx, w, h - caption_h, pw, ph); z > 0; z = z > 1 ? z - 1 : 0)
    {
      grid->zoom = z;
      grid->cell_w = MAX (pw * z, min_cell_w);
      grid->cell_h = ph * z + caption_h;
      grid->cols = (guint) MAX (0.0, floor ((w + ctx->gap) / (grid->cell_w + ctx->gap)));
      grid->rows = (guint) MAX (0.0, floor ((h + ctx->gap) / (grid->cell_h + ctx->gap)));
      if ((guint64) grid->cols * grid->rows >= n)
        break;
    }
  grid->n_drawn = (guint) MIN ((guint64) n, (guint64) grid->cols * grid->rows);
  /* Balanced rows: 8 in two rows of 4, not 7 and 1. */
  if (grid->n_drawn > 0)
    {
      guint n_rows = (grid->n_drawn + grid->cols - 1) / grid->cols;

      grid->cols = (grid->n_drawn + n_rows - 1) / n_rows;
    }
}

static double
add_title (const NsImagesCtx *ctx, double x, double y, const char *title)
{
  if (title == NULL || *title == '\0')
    return 0;
  ns_scene_add_text (ctx->scene, x, y, title, NS_TEXT_TITLE, ctx->title, NS_ALIGN_START,
                     NS_ALIGN_START, &ctx->style->foreground);
  return ns_images_text_height (ctx, NS_TEXT_TITLE, ctx->title) + ctx->pad;
}

/* The legend's height: two lines, or a line and a colour bar, and when not all tiles fit a line
 * that says how many are shown. */
static double
legend_height (const NsImagesCtx *ctx, gboolean rgb, gboolean partial)
{
  double line = ns_images_text_height (ctx, NS_TEXT_LABEL, ctx->small);
  double h = ctx->pad + (partial ? line : 0);

  if (rgb)
    return h + 2 * line;
  return h + line + ctx->pad / 2 + ns_render_style_px (ctx->style, COLORBAR_HEIGHT) + 2 + line;
}

/* Under a weight picture: what the colours mean and that the scale is the layer's; in a narrow
 * area in fewer words. */
static void
add_weight_legend (const NsImagesCtx *ctx,
                   double x,
                   double y,
                   double w,
                   float scale,
                   gboolean rgb,
                   guint n_drawn,
                   guint n_all)
{
  const NsRenderStyle *style = ctx->style;
  double line = ns_images_text_height (ctx, NS_TEXT_LABEL, ctx->small);
  g_autofree char *value = ns_render_format_number (scale, 2);

  y += ctx->pad;
  if (n_drawn < n_all)
    {
      g_autofree char *long_text = g_strdup_printf ("Showing the first %u of %u", n_drawn, n_all);
      g_autofree char *short_text = g_strdup_printf ("%u of %u", n_drawn, n_all);
      const char *texts[] = { long_text, short_text };

      ns_images_add_fitting_text (ctx, x, y, w, NS_TEXT_LABEL, ctx->small, &style->foreground,
                                  texts, G_N_ELEMENTS (texts));
      y += line;
    }
  if (rgb)
    {
      const char *colours[] = { "Colour: the weights on red, green, blue; grey = 0",
                                "Red, green, blue weights; grey = 0", "RGB weights, grey = 0" };
      g_autofree char *long_scale =
          g_strdup_printf ("One scale for the whole layer: \u00b1%s is full colour", value);
      g_autofree char *short_scale = g_strdup_printf ("One scale per layer: \u00b1%s", value);
      g_autofree char *shortest_scale = g_strdup_printf ("\u00b1%s", value);
      const char *scales[] = { long_scale, short_scale, shortest_scale };

      ns_images_add_fitting_text (ctx, x, y, w, NS_TEXT_LABEL, ctx->small, &style->muted, colours,
                                  G_N_ELEMENTS (colours));
      ns_images_add_fitting_text (ctx, x, y + line, w, NS_TEXT_LABEL, ctx->small, &style->muted,
                                  scales, G_N_ELEMENTS (scales));
    }
  else
    {
      const char *texts[] = { "Weight: orange < 0 < blue, one scale for the whole layer",
                              "Weight: one scale for the whole layer", "One scale per layer" };
      NsColormap map;

      ns_colormap_init_values (&map, style, -scale, scale);
      ns_images_add_fitting_text (ctx, x, y, w, NS_TEXT_LABEL, ctx->small, &style->muted, texts,
                                  G_N_ELEMENTS (texts));
      ns_images_add_colorbar (ctx, &map, x, y + line + ctx->pad / 2,
                              MIN (w, ns_render_style_px (style, COLORBAR_WIDTH)),
                              ns_render_style_px (style, COLORBAR_HEIGHT));
    }
}

/* The layer's scale: its largest |weight|, 1 when all are 0 (all neutral then). */
static float
layer_scale (const float *weights, size_t n)
{
  float scale = ns_images_max_abs (weights, n);

  return scale > 0 ? scale : 1.0f;
}

/* Numbered tiles of weight pictures: tile t shows weights + t * stride, pw x ph, @channels of
 * them (3: colour). */
static void
add_weight_tiles (const NsImagesCtx *ctx,
                  double x,
                  double y,
                  double w,
                  double h,
                  const float *weights,
                  guint n_tiles,
                  size_t stride,
                  guint channels,
                  guint pw,
                  guint ph,
                  float scale)
{
  const NsRenderStyle *style = ctx->style;
  double caption_h = ns_images_text_height (ctx, NS_TEXT_VALUE, ctx->small);
  double min_w = ns_images_text_width (ctx, "888", NS_TEXT_VALUE, ctx->small);
  gboolean rgb = channels == 3;
  NsColormap map;
  TileGrid grid;

  ns_colormap_init_values (&map, style, -scale, scale);
  tile_grid_layout (&grid, ctx, w, h - legend_height (ctx, rgb, FALSE), n_tiles, pw, ph, caption_h,
                    min_w);
  if (grid.n_drawn < n_tiles)
    tile_grid_layout (&grid, ctx, w, h - legend_height (ctx, rgb, TRUE), n_tiles, pw, ph, caption_h,
                      min_w);
  for (guint t = 0; t < grid.n_drawn; t++)
    {
      double cx = x + (t % grid.cols) * (grid.cell_w + ctx->gap);
      double cy = y + (t / grid.cols) * (grid.cell_h + ctx->gap);
      double ix = round (cx + (grid.cell_w - pw * grid.zoom) / 2);
      guint32 *pixels = ns_images_add_crisp (ctx->scene, ix, cy, grid.zoom, pw, ph);

      if (pixels != NULL && rgb)
        ns_images_fill_rgb_weights (weights + t * stride, ph, pw, scale, pixels);
      else if (pixels != NULL)
        ns_colormap_apply (&map, weights + t * stride, (int) pw, (int) ph, FALSE, pixels, (int) pw);
      ns_scene_add_rect (ctx->scene, ix, round (cy), pw * grid.zoom, ph * grid.zoom, 0, NULL,
                         &style->outline, ns_render_style_px (style, 1));
      ns_scene_add_textf (ctx->scene, cx + grid.cell_w / 2, round (cy) + ph * grid.zoom,
                          NS_TEXT_VALUE, ctx->small, NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted,
                          "%u", t + 1);
    }
  {
    guint used_rows = grid.cols > 0 ? (grid.n_drawn + grid.cols - 1) / grid.cols : 0;

    add_weight_legend (ctx, x, y + MAX (used_rows * (grid.cell_h + ctx->gap) - ctx->gap, 0.0), w,
                       scale, rgb, grid.n_drawn, n_tiles);
  }
}

/* c_out rows of c_in kernels, with the channels numbered along both sides. */
static void
add_kernel_matrix (const NsImagesCtx *ctx,
                   double x,
                   double y,
                   double w,
                   double h,
                   const float *weights,
                   guint c_out,
                   guint c_in,
                   guint k_h,
                   guint k_w,
                   float scale)
{
  const NsRenderStyle *style = ctx->style;
  double line = ns_images_text_height (ctx, NS_TEXT_LABEL, ctx->small);
  double row_label_w = ns_images_text_width (ctx, "out 88", NS_TEXT_VALUE, ctx->small) + ctx->pad;
  double gap = ctx->pad, zoom, gx, gy;
  guint rows, cols;
  NsColormap map;

  ns_colormap_init_values (&map, style, -scale, scale);
  /* The kernels' top labels take a line, the legend its own. */
  h -= line + legend_height (ctx, FALSE, FALSE);
  if (h < c_out * (k_h * 2.0 + gap))
    h -= legend_height (ctx, FALSE, TRUE) - legend_height (ctx, FALSE, FALSE);
  w -= row_label_w;
  zoom = ns_images_zoom (ctx, (w - (c_in - 1) * gap) / c_in, (h - (c_out - 1) * gap) / c_out, k_w,
                         k_h);
  if (zoom < 2 && zoom > 0)
    {
      /* Too many to read: as many rows as fit at 2 pixels a weight. */
      zoom = MIN (2.0, ns_images_zoom (ctx, (w - (c_in - 1) * gap) / c_in, h, k_w, k_h));
    }
  if (!(zoom > 0))
    return;
  cols = (guint) MIN ((double) c_in, floor ((w + gap) / (k_w * zoom + gap)));
  rows = (guint) MIN ((double) c_out, floor ((h + gap) / (k_h * zoom + gap)));
  gx = x + row_label_w;
  gy = y + line;

  for (guint i = 0; i < cols; i++)
    ns_scene_add_textf (ctx->scene, gx + i * (k_w * zoom + gap) + k_w * zoom / 2, y, NS_TEXT_VALUE,
                        ctx->small, NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted,
                        i == 0 ? "in %u" : "%u", i + 1);
  for (guint o = 0; o < rows; o++)
    {
      double ry = gy + o * (k_h * zoom + gap);

      ns_scene_add_textf (ctx->scene, gx - ctx->pad, ry + k_h * zoom / 2, NS_TEXT_VALUE, ctx->small,
                          NS_ALIGN_END, NS_ALIGN_CENTER, &style->muted, o == 0 ? "out %u" : "%u",
                          o + 1);
      for (guint i = 0; i < cols; i++)
        {
          double ix = gx + i * (k_w * zoom + gap);
          guint32 *pixels = ns_images_add_crisp (ctx->scene, ix, ry, zoom, k_w, k_h);

          if (pixels != NULL)
            ns_colormap_apply (&map, weights + ((size_t) o * c_in + i) * k_h * k_w, (int) k_w,
                               (int) k_h, FALSE, pixels, (int) k_w);
          ns_scene_add_rect (ctx->scene, round (ix), round (ry), k_w * zoom, k_h * zoom, 0, NULL,
                             &style->outline, ns_render_style_px (style, 1));
        }
    }
  add_weight_legend (ctx, x, gy + rows * (k_h * zoom + gap) - gap, w + row_label_w, scale, FALSE,
                     rows * cols, c_out * c_in);
}

void
ns_render_filters (NsScene *scene,
                   const NsRenderStyle *style,
                   double x,
                   double y,
                   double width,
                   double height,
                   const char *title,
                   const float *weights,
                   guint c_out,
                   guint c_in,
                   guint k_h,
                   guint k_w,
                   gboolean rgb_input)
{
  NsImagesCtx ctx;
  size_t per_out = (size_t) c_in * k_h * k_w;
  double top;
  float scale;

  g_return_if_fail (scene != NULL && style != NULL);
  ns_images_ctx_init (&ctx, scene, style, width, height);
  top = add_title (&ctx, x, y, title);
  if (weights == NULL || c_out == 0 || c_in == 0 || k_h == 0 || k_w == 0)
    return;
  if (rgb_input && c_in != 3)
    rgb_input = FALSE;
  scale = layer_scale (weights, per_out * c_out);

  if (rgb_input || c_in == 1)
    add_weight_tiles (&ctx, x, y + top, width, height - top, weights, c_out, per_out,
                      rgb_input ? 3 : 1, k_w, k_h, scale);
  else
    add_kernel_matrix (&ctx, x, y + top, width, height - top, weights, c_out, c_in, k_h, k_w,
                       scale);
}

void
ns_render_dense_weights (NsScene *scene,
                         const NsRenderStyle *style,
                         double x,
                         double y,
                         double width,
                         double height,
                         const char *title,
                         const float *weights,
                         guint n_neurons,
                         guint channels,
                         guint image_height,
                         guint image_width)
{
  NsImagesCtx ctx;
  size_t n_inputs = (size_t) channels * image_height * image_width;
  double top;

  g_return_if_fail (scene != NULL && style != NULL);
  ns_images_ctx_init (&ctx, scene, style, width, height);
  top = add_title (&ctx, x, y, title);
  if (weights == NULL || n_neurons == 0 || n_inputs == 0)
    return;
  add_weight_tiles (&ctx, x, y + top, width, height - top, weights, n_neurons, n_inputs,
                    channels == 3 ? 3 : 1, image_width, image_height,
                    layer_scale (weights, n_inputs * n_neurons));
}

/* ---- feature maps ---- */

/* A row's maps: c maps of pw x ph in lines of per_line, at zoom. */
typedef struct
{
  double zoom;
  guint per_line, lines;
} MapRow;

/* The largest zoom for c maps of pw x ph in w x h, each with a caption line of caption_h under
 * it, trying 1, 2 … lines. */
static MapRow
map_row_layout (const NsImagesCtx *ctx,
                double w,
                double h,
                double gap,
                double caption_h,
                guint c,
                guint pw,
                guint ph)
{
  MapRow best = { 0, c, 1 };

  for (guint lines = 1; lines <= c; lines++)
    {
      guint per_line = (c + lines - 1) / lines;
      double z = ns_images_zoom (ctx, (w - (per_line - 1) * gap) / per_line,
                                 (h - (lines - 1) * gap) / lines - caption_h, pw, ph);

      if (z > best.zoom)
        best = (MapRow){ z, per_line, lines };
    }
  return best;
}

static void
value_range (const float *values, size_t n, float *min, float *max)
{
  *min = 0;
  *max = 0;
  for (size_t k = 0; k < n; k++)
    if (isfinite (values[k]))
      {
        *min = MIN (*min, values[k]);
        *max = MAX (*max, values[k]);
      }
}

/* Neutral at 0 up to blue at the top; below 0 (no relu) orange, symmetric. */
static void
feature_colormap (NsColormap *map, const NsRenderStyle *style, float min, float max)
{
  if (min < 0)
    {
      float m = MAX (-min, max);

      ns_colormap_init_values (map, style, -m, m);
    }
  else
    {
      /* On a dark background the Playground's blue is dark too: a lighter blue at the top, so
       * strong activations stand out from the neutral zeros. */
      NsColor white = { 1, 1, 1, 1 };
      NsColor high = style->dark ? ns_color_mix (&style->positive, &white, 0.3) : style->positive;

      ns_colormap_init_sequential (map, &style->neutral, &high, 0, max > 0 ? max : 1.0f);
    }
}

void
ns_render_feature_maps (NsScene *scene,
                        const NsRenderStyle *style,
                        double x,
                        double y,
                        double width,
                        double height,
                        const NsImageData *input,
                        const NsFeatureMapLayer *layers,
                        guint n_layers,
                        NsFeatureScale scale)
{
  NsImagesCtx ctx;
  double title_h, caption_h, legend_h, row_h, ry;
  gboolean has_input;
  guint n_rows;

  g_return_if_fail (scene != NULL && style != NULL);
  g_return_if_fail (layers != NULL || n_layers == 0);

  ns_images_ctx_init (&ctx, scene, style, width, height);
  title_h = ns_images_text_height (&ctx, NS_TEXT_TITLE, ctx.label) + ctx.pad / 2;
  caption_h = ns_images_text_height (&ctx, NS_TEXT_VALUE, ctx.small);
  legend_h = ctx.pad + ns_images_text_height (&ctx, NS_TEXT_LABEL, ctx.small);
  has_input = input != NULL && input->values != NULL && input->channels > 0 && input->height > 0
              && input->width > 0;
  n_rows = n_layers + (has_input ? 1 : 0);
  if (n_rows == 0)
    return;
  row_h = (height - legend_h - (n_rows - 1) * ctx.gap) / n_rows;
  ry = y;

  if (has_input)
    {
      double zoom = ns_images_zoom (&ctx, width, row_h - title_h, input->width, input->height);
      guint32 *pixels;

      ns_scene_add_text (scene, x, ry, "Input", NS_TEXT_TITLE, ctx.label, NS_ALIGN_START,
                         NS_ALIGN_START, &style->foreground);
      pixels = ns_images_add_crisp (scene, x, ry + title_h, zoom, input->width, input->height);
      if (pixels != NULL)
        {
          ns_images_fill_picture (style, input->values, input->channels, input->height,
                                  input->width, pixels);
          ns_scene_add_rect (scene, round (x), round (ry + title_h), input->width * zoom,
                             input->height * zoom, 0, NULL, &style->outline,
                             ns_render_style_px (style, 1));
        }
      ry += row_h + ctx.gap;
    }

  for (guint l = 0; l < n_layers; l++, ry += row_h + ctx.gap)
    {
      const NsFeatureMapLayer *layer = &layers[l];
      size_t plane = (size_t) layer->height * layer->width;
      float min, max;
      NsColormap map;
      MapRow row;
      g_autofree char *top = NULL;

      if (layer->values == NULL || layer->channels == 0 || plane == 0)
        continue;
      value_range (layer->values, plane * layer->channels, &min, &max);
      feature_colormap (&map, style, min, max);
      top = ns_render_format_number (map.max, 2);
      {
        /* The range the layer's colours span, after its name when the scale is the layer's. */
        g_autofree char *lo = ns_render_format_number (map.min, 2);
        g_autofree char *with_range = g_strdup_printf (
            "%s   (%s \u2026 %s)", layer->title != NULL ? layer->title : "", lo, top);
        const char *titles[] = { with_range, layer->title != NULL ? layer->title : "" };

        ns_images_add_fitting_text (&ctx, x, ry, width, NS_TEXT_TITLE, ctx.label,
                                    &style->foreground,
                                    scale == NS_FEATURE_SCALE_LAYER ? titles : titles + 1,
                                    scale == NS_FEATURE_SCALE_LAYER ? 2 : 1);
      }

      row = map_row_layout (&ctx, width, row_h - title_h, ctx.pad, caption_h, layer->channels,
                            layer->width, layer->height);
      for (guint c = 0; c < layer->channels && row.zoom > 0; c++)
        {
          double mx = x + (c % row.per_line) * (layer->width * row.zoom + ctx.pad);
          double my =
              ry + title_h + (c / row.per_line) * (layer->height * row.zoom + caption_h + ctx.pad);
          const float *values = layer->values + c * plane;
          guint32 *pixels =
              ns_images_add_crisp (scene, mx, my, row.zoom, layer->width, layer->height);

          if (scale == NS_FEATURE_SCALE_MAP)
            {
              value_range (values, plane, &min, &max);
              feature_colormap (&map, style, min, max);
            }
          if (pixels != NULL)
            ns_colormap_apply (&map, values, (int) layer->width, (int) layer->height, FALSE, pixels,
                               (int) layer->width);
          ns_scene_add_rect (scene, round (mx), round (my), layer->width * row.zoom,
                             layer->height * row.zoom, 0, NULL, &style->outline,
                             ns_render_style_px (style, 1));
          /* Numbered as the filters are: map k is what filter k found. */
          ns_scene_add_textf (scene, round (mx) + layer->width * row.zoom / 2,
                              round (my) + layer->height * row.zoom, NS_TEXT_VALUE, ctx.small,
                              NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted, "%u", c + 1);
        }
    }

  {
    const char *layer_texts[] = {
      "One scale per layer (its range after its name): neutral = 0, blue = the highest, orange < 0",
      "One scale per layer: neutral = 0, blue = its highest",
      "One scale per layer",
    };
    const char *map_texts[] = {
      "Each map on its own scale: neutral = 0, blue = that map's highest, orange < 0",
      "Each map on its own scale: blue = its highest",
      "Each map on its own scale",
    };

    ns_images_add_fitting_text (&ctx, x, y + height - legend_h + ctx.pad, width, NS_TEXT_LABEL,
                                ctx.small, &style->muted,
                                scale == NS_FEATURE_SCALE_LAYER ? layer_texts : map_texts, 3);
  }
}
