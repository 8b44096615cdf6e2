/* ns-colormap.h: values -> colours through a 256-entry lookup table.
 *
 * Colouring heatmaps is the hot path of every frame (about 48 heatmaps of up to 100 x 100
 * values), so a map is a table of premultiplied ARGB32 pixels (the scene's pixel format) and
 * colouring a value is a scale, a clamp and a lookup.
 */
#pragma once

#include "ns-render-style.h"

G_BEGIN_DECLS

#define NS_COLORMAP_SIZE 256

typedef struct
{
  guint32 lut[NS_COLORMAP_SIZE]; /* premultiplied ARGB32 */
  guint32 nan_pixel;             /* NaN (a diverged run) shows as this grey */
  float min, max;                /* the values mapped to lut[0] and lut[255]; clamped outside */
} NsColormap;

/* Three stops: low at min, mid halfway, high at max; linear in between. */
void ns_colormap_init_diverging (NsColormap *map,
                                 const NsColor *low,
                                 const NsColor *mid,
                                 const NsColor *high,
                                 float min,
                                 float max);
/* Two stops: low at min, high at max. */
void ns_colormap_init_sequential (NsColormap *map,
                                  const NsColor *low,
                                  const NsColor *high,
                                  float min,
                                  float max);

/* The Playground's map: negative (orange) at min, neutral at 0, positive (blue) at max. */
void ns_colormap_init_values (NsColormap *map, const NsRenderStyle *style, float min, float max);
/* A probability of class @k in [0, 1]: neutral where 0, the class colour where 1. */
void ns_colormap_init_probability (NsColormap *map, const NsRenderStyle *style, guint k);

guint32 ns_colormap_lookup (const NsColormap *map, float value);

/* Colours width x height values (row-major, row 0 first) into pixels with a row stride of
 * stride_px pixels. flip_y: row 0 of the values becomes the bottom row of the pixels (data
 * whose y axis points up, drawn on a screen whose y axis points down). */
void ns_colormap_apply (const NsColormap *map,
                        const float *values,
                        int width,
                        int height,
                        gboolean flip_y,
                        guint32 *pixels,
                        int stride_px);

/* The winning class at each point, lighter where the network is unsure: n_classes rows of
 * width * height probabilities (probs[k * n + s]); mixes neutral and the class colour by how
 * far the top probability is above chance (1 / n_classes). */
void ns_colormap_apply_classes (const NsRenderStyle *style,
                                const float *probs,
                                guint n_classes,
                                int width,
                                int height,
                                gboolean flip_y,
                                guint32 *pixels,
                                int stride_px);

G_END_DECLS
