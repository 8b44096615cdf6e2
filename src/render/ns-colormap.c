/* ns-colormap.c: lookup tables and the heatmap colouring loop. */
#include "ns-colormap.h"

#include <math.h>

static void
fill_segment (NsColormap *map, int from, int to, const NsColor *a, const NsColor *b)
{
  for (int i = from; i <= to; i++)
    {
      double t = to > from ? (double) (i - from) / (to - from) : 0.0;
      NsColor c = ns_color_mix (a, b, t);

      map->lut[i] = ns_color_to_argb32 (&c);
    }
}

static void
set_range (NsColormap *map, float min, float max)
{
  /* An empty range would divide by zero; widen it so every value lands on one end. */
  if (!(max > min))
    max = min + 1e-6f;

  map->min = min;
  map->max = max;
  map->nan_pixel = 0xff808080u;
}

void
ns_colormap_init_diverging (NsColormap *map,
                            const NsColor *low,
                            const NsColor *mid,
                            const NsColor *high,
                            float min,
                            float max)
{
  g_return_if_fail (map != NULL);

  /* Entries 127 and 128 are both exactly mid, so the map is symmetric about the middle. */
  fill_segment (map, 0, NS_COLORMAP_SIZE / 2 - 1, low, mid);
  fill_segment (map, NS_COLORMAP_SIZE / 2, NS_COLORMAP_SIZE - 1, mid, high);
  set_range (map, min, max);
}

void
ns_colormap_init_sequential (NsColormap *map,
                             const NsColor *low,
                             const NsColor *high,
                             float min,
                             float max)
{
  g_return_if_fail (map != NULL);

  fill_segment (map, 0, NS_COLORMAP_SIZE - 1, low, high);
  set_range (map, min, max);
}

void
ns_colormap_init_values (NsColormap *map, const NsRenderStyle *style, float min, float max)
{
  g_return_if_fail (style != NULL);

  ns_colormap_init_diverging (map, &style->negative, &style->neutral, &style->positive, min, max);
}

void
ns_colormap_init_probability (NsColormap *map, const NsRenderStyle *style, guint k)
{
  g_return_if_fail (style != NULL);

  ns_colormap_init_sequential (map, &style->neutral, ns_render_style_class_color (style, k), 0, 1);
}

static inline guint32
lookup (const NsColormap *map, float k, float value)
{
  float t = (value - map->min) * k;

  /* NaN fails every comparison: test for it first, then clamp. */
  if (G_UNLIKELY (value != value))
    return map->nan_pixel;
  t = t < 0.f ? 0.f : t;
  t = t > (float) (NS_COLORMAP_SIZE - 1) ? (float) (NS_COLORMAP_SIZE - 1) : t;

  return map->lut[(int) (t + 0.5f)];
}

guint32
ns_colormap_lookup (const NsColormap *map, float value)
{
  g_return_val_if_fail (map != NULL, 0);

  return lookup (map, (NS_COLORMAP_SIZE - 1) / (map->max - map->min), value);
}

void
ns_colormap_apply (const NsColormap *map,
                   const float *values,
                   int width,
                   int height,
                   gboolean flip_y,
                   guint32 *pixels,
                   int stride_px)
{
  float k;

  g_return_if_fail (map != NULL);
  g_return_if_fail (values != NULL || width * height == 0);
  g_return_if_fail (pixels != NULL || width * height == 0);
  g_return_if_fail (stride_px >= width);

  k = (NS_COLORMAP_SIZE - 1) / (map->max - map->min);

  /* One scale, clamp and lookup per value: measured faster here than splitting the index
   * computation into a separate (vectorised) pass. */
  for (int row = 0; row < height; row++)
    {
      const float *src = values + (size_t) row * width;
      guint32 *dst = pixels + (size_t) (flip_y ? height - 1 - row : row) * stride_px;

      for (int col = 0; col < width; col++)
        dst[col] = lookup (map, k, src[col]);
    }
}

void
ns_colormap_apply_classes (const NsRenderStyle *style,
                           const float *probs,
                           guint n_classes,
                           int width,
                           int height,
                           gboolean flip_y,
                           guint32 *pixels,
                           int stride_px)
{
  NsColormap maps[NS_RENDER_N_CLASS_COLORS];
  size_t n = (size_t) width * height;
  float chance;

  g_return_if_fail (style != NULL);
  g_return_if_fail (n_classes >= 2);
  g_return_if_fail (probs != NULL || n == 0);
  g_return_if_fail (stride_px >= width);

  /* One map per class running from neutral (at chance) to the class colour (certain). */
  chance = 1.0f / n_classes;
  for (guint c = 0; c < MIN (n_classes, NS_RENDER_N_CLASS_COLORS); c++)
    ns_colormap_init_sequential (&maps[c], &style->neutral, ns_render_style_class_color (style, c),
                                 chance, 1.0f);

  for (int row = 0; row < height; row++)
    {
      guint32 *dst = pixels + (size_t) (flip_y ? height - 1 - row : row) * stride_px;

      for (int col = 0; col < width; col++)
        {
          size_t s = (size_t) row * width + col;
          guint best = 0;
          float best_p = probs[s];

          for (guint c = 1; c < n_classes; c++)
            if (probs[c * n + s] > best_p)
              {
                best = c;
                best_p = probs[c * n + s];
              }

          dst[col] = ns_colormap_lookup (&maps[best % NS_RENDER_N_CLASS_COLORS], best_p);
        }
    }
}
