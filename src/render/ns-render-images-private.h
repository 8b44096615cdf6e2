/* ns-render-images-private.h: what the image pictures share (ns-render-images.c,
 * ns-render-filters.c, ns-render-compare.c): text sizes, crisp images placed on whole pixels,
 * image and weight colouring, a colour bar. */
#pragma once

#include "ns-colormap.h"
#include "ns-render-chart.h"
#include "ns-render-images.h"

G_BEGIN_DECLS

/* Sizes in logical units at scale 1 (multiplied by the style's scale and the text scale). */
#define NS_IMAGES_TITLE_SIZE 16.0
#define NS_IMAGES_LABEL_SIZE 14.0
#define NS_IMAGES_SMALL_SIZE 13.0 /* legends, tick labels: still read on a projector */
#define NS_IMAGES_PAD 6.0
#define NS_IMAGES_GAP 10.0

typedef struct
{
  NsScene *scene;
  const NsRenderStyle *style;
  double title, label, small; /* font sizes */
  double pad, gap;
} NsImagesCtx;

/* Sizes for an area of width x height: larger areas get larger text, up to 1.3 times. */
void ns_images_ctx_init (NsImagesCtx *ctx,
                         NsScene *scene,
                         const NsRenderStyle *style,
                         double width,
                         double height);

/* The text's size as the painters draw it. */
double
ns_images_text_width (const NsImagesCtx *ctx, const char *text, NsTextRole role, double size);
double ns_images_text_height (const NsImagesCtx *ctx, NsTextRole role, double size);

/* The zoom that fits a pw x ph image into avail_w x avail_h: whole pixels (1, 2, 3 …) when
 * even one fits, up to a longer side of 192 units at the style's scale (larger only gets
 * coarser), else the fraction that fits (still drawn crisp). 0 if nothing fits. */
double ns_images_zoom (const NsImagesCtx *ctx, double avail_w, double avail_h, guint pw, guint ph);

/* A crisp pw x ph image at (x, y) rounded to whole units, zoom times its pixel size; returns
 * its pixels to fill, NULL if it cannot be made. */
guint32 *ns_images_add_crisp (NsScene *scene, double x, double y, double zoom, guint pw, guint ph);

/* An image's pixels: grey (1 = ink) or RGB, NaN as mid grey. */
void ns_images_fill_picture (const NsRenderStyle *style,
                             const float *values,
                             guint channels,
                             guint height,
                             guint width,
                             guint32 *pixels);

/* Three channels of weights in colour: each channel's weight / (2 * scale) + 0.5, so 0 is mid
 * grey, +scale full, -scale none. */
void ns_images_fill_rgb_weights (const float *values,
                                 guint height,
                                 guint width,
                                 float scale,
                                 guint32 *pixels);

/* The largest |value| of n finite values (0 if none). */
float ns_images_max_abs (const float *values, size_t n);

/* A horizontal colour bar of @map from (x, y), w x h, labelled with its ends and its middle
 * under it; returns the height taken. */
double ns_images_add_colorbar (const NsImagesCtx *ctx,
                               const NsColormap *map,
                               double x,
                               double y,
                               double w,
                               double h);

/* The first of @texts (@n_texts of them, longest first) that fits in width @w, else the last,
 * at (x, y) from its top-left corner. */
void ns_images_add_fitting_text (const NsImagesCtx *ctx,
                                 double x,
                                 double y,
                                 double w,
                                 NsTextRole role,
                                 double size,
                                 const NsColor *color,
                                 const char *const *texts,
                                 guint n_texts);

/* Class @k's name: names[k] if given, else its number (written into @buffer). */
const char *
ns_images_class_name (const char *const *names, guint n_names, guint k, char *buffer, gsize size);

G_END_DECLS
