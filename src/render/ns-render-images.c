/* ns-render-images.c: what the image pictures share; the sample gallery, the class
 * probabilities and the drawing pad. */
#include "ns-render-images.h"

#include <math.h>
#include <string.h>

#include "ns-printf.h"
#include "ns-render-images-private.h"

#define ROOMY_WIDTH 640.0 /* larger areas (at scale 1) get larger text, up to 1.3x */
#define ROOMY_HEIGHT 420.0
/* An image's longer side at most this (an 8x8 digit at 24x): larger only gets coarser. */
#define MAX_SIDE 192.0
#define BAR_ROW_MAX 40.0 /* a probability bar's row at most this high */
#define PAD_GRID_MIN 6.0 /* pad cells smaller than this get no grid */

void
ns_render_images_begin (NsScene *scene, const NsRenderStyle *style, double width, double height)
{
  g_return_if_fail (scene != NULL);
  g_return_if_fail (style != NULL);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);
}

void
ns_images_ctx_init (NsImagesCtx *ctx,
                    NsScene *scene,
                    const NsRenderStyle *style,
                    double width,
                    double height)
{
  double text_scale =
      CLAMP (MIN (width / ROOMY_WIDTH, height / ROOMY_HEIGHT) / style->scale, 1.0, 1.3);

  memset (ctx, 0, sizeof *ctx);
  ctx->scene = scene;
  ctx->style = style;
  ctx->title = ns_render_style_px (style, NS_IMAGES_TITLE_SIZE * text_scale);
  ctx->label = ns_render_style_px (style, NS_IMAGES_LABEL_SIZE * text_scale);
  ctx->small = ns_render_style_px (style, NS_IMAGES_SMALL_SIZE * text_scale);
  ctx->pad = ns_render_style_px (style, NS_IMAGES_PAD);
  ctx->gap = ns_render_style_px (style, NS_IMAGES_GAP);
}

double
ns_images_text_width (const NsImagesCtx *ctx, const char *text, NsTextRole role, double size)
{
  double w = 0;

  ns_scene_measure_text (ctx->scene, text, role, size, &w, NULL);
  return w;
}

double
ns_images_text_height (const NsImagesCtx *ctx, NsTextRole role, double size)
{
  double h = 0;

  ns_scene_measure_text (ctx->scene, "Ag", role, size, NULL, &h);
  return h;
}

double
ns_images_zoom (const NsImagesCtx *ctx, double avail_w, double avail_h, guint pw, guint ph)
{
  double fit, max_side = ns_render_style_px (ctx->style, MAX_SIDE);

  if (pw == 0 || ph == 0 || !(avail_w > 0) || !(avail_h > 0))
    return 0;
  fit = MIN (avail_w / pw, avail_h / ph);
  if (fit >= 1)
    return MIN (floor (fit), MAX (1.0, floor (max_side / MAX (pw, ph))));
  return fit;
}

guint32 *
ns_images_add_crisp (NsScene *scene, double x, double y, double zoom, guint pw, guint ph)
{
  guint32 *pixels;

  if (!(zoom > 0) || pw == 0 || ph == 0)
    return NULL;
  pixels = ns_scene_add_image (scene, round (x), round (y), pw * zoom, ph * zoom, (int) pw,
                               (int) ph, TRUE);
  /* Transparent until filled: an image without values (NULL) shows nothing, not old memory. */
  if (pixels != NULL)
    memset (pixels, 0, (size_t) pw * ph * sizeof *pixels);
  return pixels;
}

static guint32
argb (double r, double g, double b)
{
  guint32 ri = (guint32) lround (CLAMP (r, 0.0, 1.0) * 255);
  guint32 gi = (guint32) lround (CLAMP (g, 0.0, 1.0) * 255);
  guint32 bi = (guint32) lround (CLAMP (b, 0.0, 1.0) * 255);

  return 0xff000000u | ri << 16 | gi << 8 | bi;
}

void
ns_images_fill_picture (const NsRenderStyle *style,
                        const float *values,
                        guint channels,
                        guint height,
                        guint width,
                        guint32 *pixels)
{
  size_t plane = (size_t) height * width;

  for (size_t p = 0; p < plane; p++)
    {
      if (channels == 3)
        {
          float r = values[p], g = values[plane + p], b = values[2 * plane + p];

          pixels[p] =
              isfinite (r) && isfinite (g) && isfinite (b) ? argb (r, g, b) : argb (0.5, 0.5, 0.5);
        }
      else
        {
          float v = values[p];
          /* Ink is dark on a light background and light on a dark one, as the learner's pen. */
          double level = !isfinite (v) ? 0.5 : style->dark ? v : 1.0 - v;

          pixels[p] = argb (level, level, level);
        }
    }
}

void
ns_images_fill_rgb_weights (const float *values,
                            guint height,
                            guint width,
                            float scale,
                            guint32 *pixels)
{
  size_t plane = (size_t) height * width;
  double s = scale > 0 ? 0.5 / scale : 0;

  for (size_t p = 0; p < plane; p++)
    {
      float r = values[p], g = values[plane + p], b = values[2 * plane + p];

      pixels[p] = isfinite (r) && isfinite (g) && isfinite (b)
                      ? argb (0.5 + r * s, 0.5 + g * s, 0.5 + b * s)
                      : argb (0.5, 0.5, 0.5);
    }
}

float
ns_images_max_abs (const float *values, size_t n)
{
  float max = 0;

  for (size_t k = 0; k < n; k++)
    if (isfinite (values[k]))
      max = MAX (max, fabsf (values[k]));
  return max;
}

double
ns_images_add_colorbar (const NsImagesCtx *ctx,
                        const NsColormap *map,
                        double x,
                        double y,
                        double w,
                        double h)
{
  const NsRenderStyle *style = ctx->style;
  float values[NS_COLORMAP_SIZE];
  guint32 *pixels;
  g_autofree char *lo = ns_render_format_number (map->min, 2);
  g_autofree char *mid = ns_render_format_number ((map->min + map->max) / 2, 2);
  g_autofree char *hi = ns_render_format_number (map->max, 2);

  for (guint k = 0; k < NS_COLORMAP_SIZE; k++)
    values[k] = map->min + (map->max - map->min) * k / (NS_COLORMAP_SIZE - 1.0f);
  pixels = ns_scene_add_image (ctx->scene, round (x), round (y), round (w), round (h),
                               NS_COLORMAP_SIZE, 1, FALSE);
  if (pixels != NULL)
    ns_colormap_apply (map, values, NS_COLORMAP_SIZE, 1, FALSE, pixels, NS_COLORMAP_SIZE);
  ns_scene_add_rect (ctx->scene, round (x), round (y), round (w), round (h), 0, NULL,
                     &style->outline, ns_render_style_px (style, 1));
  ns_scene_add_text (ctx->scene, x, y + h + 2, lo, NS_TEXT_VALUE, ctx->small, NS_ALIGN_START,
                     NS_ALIGN_START, &style->muted);
  ns_scene_add_text (ctx->scene, x + w / 2, y + h + 2, mid, NS_TEXT_VALUE, ctx->small,
                     NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted);
  ns_scene_add_text (ctx->scene, x + w, y + h + 2, hi, NS_TEXT_VALUE, ctx->small, NS_ALIGN_END,
                     NS_ALIGN_START, &style->muted);
  return h + 2 + ns_images_text_height (ctx, NS_TEXT_VALUE, ctx->small);
}

void
ns_images_add_fitting_text (const NsImagesCtx *ctx,
                            double x,
                            double y,
                            double w,
                            NsTextRole role,
                            double size,
                            const NsColor *color,
                            const char *const *texts,
                            guint n_texts)
{
  guint k = 0;

  g_return_if_fail (n_texts > 0);
  while (k + 1 < n_texts && ns_images_text_width (ctx, texts[k], role, size) > w)
    k++;
  ns_scene_add_text (ctx->scene, x, y, texts[k], role, size, NS_ALIGN_START, NS_ALIGN_START, color);
}

const char *
ns_images_class_name (const char *const *names, guint n_names, guint k, char *buffer, gsize size)
{
  if (names != NULL && k < n_names && names[k] != NULL)
    return names[k];
  ns_snprintf (buffer, size, "%u", k);
  return buffer;
}

/* ---- the sample gallery ---- */

#define RIGHT_MARK "\u2713" /* ✓ */
#define WRONG_MARK "\u2717" /* ✗ */

/* The second caption line: "✓" when right, "✗ 7" (the predicted class) when wrong, each with
 * the model's confidence when given ("✗ 7  93%"); NULL without a prediction. */
static char *
prediction_text (const NsGallerySample *sample, const char *const *class_names, guint n_classes)
{
  char buffer[16];
  g_autofree char *confidence = NULL;

  if (sample->predicted < 0)
    return NULL;
  confidence = sample->confidence > 0 && isfinite (sample->confidence)
                   ? ns_strdup_printf ("  %.0f%%", 100 * MIN (sample->confidence, 1.0))
                   : g_strdup ("");
  if (sample->predicted == sample->label)
    return g_strdup_printf (RIGHT_MARK "%s", confidence);
  return g_strdup_printf (
      WRONG_MARK " %s%s",
      ns_images_class_name (class_names, n_classes, sample->predicted, buffer, sizeof buffer),
      confidence);
}

guint
ns_render_sample_gallery (NsScene *scene,
                          const NsRenderStyle *style,
                          double x,
                          double y,
                          double width,
                          double height,
                          const NsGallerySample *samples,
                          guint n_samples,
                          guint channels,
                          guint image_height,
                          guint image_width,
                          const char *const *class_names,
                          guint n_classes)
{
  NsImagesCtx ctx;
  gboolean predictions = FALSE;
  double text_h, label_w = 0, caption_h, zoom = 0, cell_w = 0, cell_h = 0;
  guint cols = 0, rows = 0, n_drawn;
  char buffer[16];

  g_return_val_if_fail (scene != NULL && style != NULL, 0);
  g_return_val_if_fail (samples != NULL || n_samples == 0, 0);
  if (n_samples == 0 || image_height == 0 || image_width == 0 || channels == 0)
    return 0;

  ns_images_ctx_init (&ctx, scene, style, width, height);
  text_h = ns_images_text_height (&ctx, NS_TEXT_LABEL, ctx.label);

  /* A cell is at least as wide as its widest caption. */
  for (guint i = 0; i < n_samples; i++)
    {
      const char *name;

      if (samples[i].label >= 0)
        {
          name = ns_images_class_name (class_names, n_classes, samples[i].label, buffer,
                                       sizeof buffer);
          label_w = MAX (label_w, ns_images_text_width (&ctx, name, NS_TEXT_LABEL, ctx.label));
        }
      if (samples[i].predicted >= 0)
        {
          g_autofree char *mark = prediction_text (&samples[i], class_names, n_classes);

          predictions = TRUE;
          label_w = MAX (label_w, ns_images_text_width (&ctx, mark, NS_TEXT_TITLE, ctx.label));
        }
    }
  caption_h = ctx.pad / 2 + text_h * (predictions ? 2 : 1);

  /* The largest whole-pixel zoom at which every sample fits; at zoom 1 (or smaller) as many as
   * fit. */
  for (double z = ns_images_zoom (&ctx, width, height - caption_h, image_width, image_height);
       z > 0; z = z > 1 ? z - 1 : 0)
    {
      double cw = MAX (image_width * z, label_w), ch = image_height * z + caption_h;

      zoom = z;
      cell_w = cw;
      cell_h = ch;
      cols = (guint) MAX (0.0, floor ((width + ctx.gap) / (cw + ctx.gap)));
      rows = (guint) MAX (0.0, floor ((height + ctx.gap) / (ch + ctx.gap)));
      if ((guint64) cols * rows >= n_samples)
        break;
    }
  if (cols == 0 || rows == 0)
    return 0;
  n_drawn = (guint) MIN ((guint64) n_samples, (guint64) cols * rows);
  /* Balanced rows: 8 in two rows of 4, not 7 and 1. */
  cols = (n_drawn + (n_drawn + cols - 1) / cols - 1) / ((n_drawn + cols - 1) / cols);

  for (guint i = 0; i < n_drawn; i++)
    {
      const NsGallerySample *s = &samples[i];
      double cx = x + (i % cols) * (cell_w + ctx.gap);
      double cy = y + (i / cols) * (cell_h + ctx.gap);
      double ix = round (cx + (cell_w - image_width * zoom) / 2);
      double iy = round (cy);
      guint32 *pixels = ns_images_add_crisp (scene, ix, iy, zoom, image_width, image_height);
      double ty = iy + image_height * zoom + ctx.pad / 2;

      if (pixels != NULL && s->values != NULL)
        ns_images_fill_picture (style, s->values, channels, image_height, image_width, pixels);
      ns_scene_add_rect (scene, ix, iy, image_width * zoom, image_height * zoom, 0, NULL,
                         &style->outline, ns_render_style_px (style, 1));
      if (s->label >= 0)
        ns_scene_add_text (
            scene, cx + cell_w / 2, ty,
            ns_images_class_name (class_names, n_classes, s->label, buffer, sizeof buffer),
            NS_TEXT_LABEL, ctx.label, NS_ALIGN_CENTER, NS_ALIGN_START, &style->foreground);
      if (s->predicted >= 0)
        {
          g_autofree char *mark = prediction_text (s, class_names, n_classes);

          ns_scene_add_text (scene, cx + cell_w / 2, ty + text_h, mark, NS_TEXT_TITLE, ctx.label,
                             NS_ALIGN_CENTER, NS_ALIGN_START,
                             s->predicted == s->label ? &style->positive : &style->negative);
        }
      ns_scene_add_hit_rect (scene, NS_HIT_POINT, -1, -1, s->index, cx, cy, cell_w, cell_h);
    }

  return n_drawn;
}

/* ---- the class probabilities ---- */

void
ns_render_class_probabilities (NsScene *scene,
                               const NsRenderStyle *style,
                               double x,
                               double y,
                               double width,
                               double height,
                               const float *probabilities,
                               guint n_classes,
                               const char *const *class_names,
                               int true_class)
{
  NsImagesCtx ctx;
  double name_w = 0, value_w, tag_w, row_h, size, bar_x, bar_w;
  int best = -1;
  char buffer[16];

  g_return_if_fail (scene != NULL && style != NULL);
  g_return_if_fail (probabilities != NULL || n_classes == 0);
  if (n_classes == 0)
    return;

  ns_images_ctx_init (&ctx, scene, style, width, height);
  row_h = MIN (height / n_classes, ns_render_style_px (style, BAR_ROW_MAX));
  size = MIN (ctx.label, row_h * 0.7);

  for (guint k = 0; k < n_classes; k++)
    {
      const char *name = ns_images_class_name (class_names, n_classes, k, buffer, sizeof buffer);

      name_w = MAX (name_w, ns_images_text_width (&ctx, name, NS_TEXT_TITLE, size));
      if (isfinite (probabilities[k]) && (best < 0 || probabilities[k] > probabilities[best]))
        best = (int) k;
    }
  value_w = ns_images_text_width (&ctx, "100.0%", NS_TEXT_TITLE, size);
  tag_w = true_class >= 0 ? ns_images_text_width (&ctx, "\u2190 true", NS_TEXT_TITLE, size) : 0;
  bar_x = x + name_w + ctx.pad;
  bar_w = MAX (1.0, width - name_w - value_w - tag_w - ctx.pad * (true_class >= 0 ? 3 : 2));

  for (guint k = 0; k < n_classes; k++)
    {
      float p = probabilities[k];
      gboolean top = (int) k == best;
      double ry = y + k * row_h, bh = row_h * 0.62, by = ry + (row_h - bh) / 2;
      NsTextRole role = top ? NS_TEXT_TITLE : NS_TEXT_LABEL;
      const NsColor *text_color = top ? &style->foreground : &style->muted;
      NsColor track = ns_color_with_alpha (&style->outline, style->outline.a * 0.5);
      NsColor fill = top ? style->positive : ns_color_with_alpha (&style->muted, 0.35);
      g_autofree char *value =
          isfinite (p) ? ns_strdup_printf ("%.1f%%", 100.0 * p) : g_strdup ("\u2013");

      ns_scene_add_text (scene, x + name_w, ry + row_h / 2,
                         ns_images_class_name (class_names, n_classes, k, buffer, sizeof buffer),
                         role, size, NS_ALIGN_END, NS_ALIGN_CENTER, text_color);
      ns_scene_add_rect (scene, bar_x, by, bar_w, bh, 0, &track, NULL, 0);
      if (isfinite (p) && p > 0)
        ns_scene_add_rect (scene, bar_x, by, MAX (1.0, bar_w * CLAMP (p, 0.0f, 1.0f)), bh, 0, &fill,
                           NULL, 0);
      if ((int) k == true_class)
        ns_scene_add_rect (scene, bar_x - 1, by - 1, bar_w + 2, bh + 2, 0, NULL, &style->mark,
                           ns_render_style_px (style, 2));
      ns_scene_add_text (scene, bar_x + bar_w + ctx.pad + value_w, ry + row_h / 2, value,
                         NS_TEXT_VALUE, size, NS_ALIGN_END, NS_ALIGN_CENTER, text_color);
      if ((int) k == true_class)
        ns_scene_add_text (scene, x + width, ry + row_h / 2, "\u2190 true", NS_TEXT_TITLE, size,
                           NS_ALIGN_END, NS_ALIGN_CENTER, &style->foreground);
    }
}

/* ---- the drawing pad ---- */

void
ns_render_drawing_pad (NsScene *scene,
                       const NsRenderStyle *style,
                       double x,
                       double y,
                       double width,
                       double height,
                       const float *pad,
                       guint pad_height,
                       guint pad_width,
                       const NsImageData *small,
                       NsPadPlace *place)
{
  NsImagesCtx ctx;
  double caption_h, side_w, arrow_w, cell, px, py, line_w;
  guint32 *pixels;
  gboolean has_small;

  g_return_if_fail (scene != NULL && style != NULL);
  if (place != NULL)
    memset (place, 0, sizeof *place);
  if (pad == NULL || pad_height == 0 || pad_width == 0)
    return;

  ns_images_ctx_init (&ctx, scene, style, width, height);
  caption_h = ns_images_text_height (&ctx, NS_TEXT_TITLE, ctx.label) + ctx.pad;
  has_small = small != NULL && small->values != NULL && small->height > 0 && small->width > 0;
  /* The downsampled picture beside the pad takes about a third of the width. */
  side_w = has_small ? MIN (width * 0.34, height) : 0;
  arrow_w = has_small
                ? 2 * ctx.gap + ns_images_text_width (&ctx, "\u2192", NS_TEXT_TITLE, 2 * ctx.title)
                : 0;

  cell = MIN ((width - side_w - arrow_w) / pad_width, (height - caption_h) / pad_height);
  if (cell >= 1)
    cell = floor (cell);
  if (!(cell > 0))
    return;
  px = round (x);
  py = round (y + caption_h);

  ns_scene_add_text (scene, px, y, "Draw here", NS_TEXT_TITLE, ctx.label, NS_ALIGN_START,
                     NS_ALIGN_START, &style->foreground);
  pixels = ns_images_add_crisp (scene, px, py, cell, pad_width, pad_height);
  if (pixels != NULL)
    ns_images_fill_picture (style, pad, 1, pad_height, pad_width, pixels);

  /* The grid between the pad's pixels, faint, so the learner sees the pixels they paint. */
  line_w = ns_render_style_px (style, 1);
  if (cell >= ns_render_style_px (style, PAD_GRID_MIN))
    {
      NsColor grid = ns_color_with_alpha (&style->outline, style->outline.a * 0.6);

      for (guint i = 1; i < pad_width; i++)
        ns_scene_add_line (scene, px + i * cell, py, px + i * cell, py + pad_height * cell, line_w,
                           &grid);
      for (guint j = 1; j < pad_height; j++)
        ns_scene_add_line (scene, px, py + j * cell, px + pad_width * cell, py + j * cell, line_w,
                           &grid);
    }
  ns_scene_add_rect (scene, px, py, pad_width * cell, pad_height * cell, 0, NULL,
                     &style->foreground, ns_render_style_px (style, 1.5));
  ns_scene_add_hit_rect (scene, NS_HIT_INPUT, -1, -1, -1, px, py, pad_width * cell,
                         pad_height * cell);
  if (place != NULL)
    {
      place->x = px;
      place->y = py;
      place->cell = cell;
    }

  if (has_small)
    {
      double sx = px + pad_width * cell + arrow_w;
      double sw = x + width - sx;
      double zoom = ns_images_zoom (&ctx, sw, height - 2 * caption_h, small->width, small->height);
      g_autofree char *caption =
          ns_strdup_printf ("The network sees %u\u00d7%u", small->width, small->height);
      double sy = py;

      ns_scene_add_text (scene, sx, y, caption, NS_TEXT_TITLE, ctx.label, NS_ALIGN_START,
                         NS_ALIGN_START, &style->foreground);
      pixels = ns_images_add_crisp (scene, sx, sy, zoom, small->width, small->height);
      if (pixels != NULL)
        {
          ns_images_fill_picture (style, small->values, small->channels, small->height,
                                  small->width, pixels);
          ns_scene_add_rect (scene, round (sx), round (sy), small->width * zoom,
                             small->height * zoom, 0, NULL, &style->outline, line_w);
        }
      ns_scene_add_text (scene, sx - arrow_w / 2, sy + small->height * zoom / 2, "\u2192",
                         NS_TEXT_TITLE, 2 * ctx.title, NS_ALIGN_CENTER, NS_ALIGN_CENTER,
                         &style->muted);
    }
}
