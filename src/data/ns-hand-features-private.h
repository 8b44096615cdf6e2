/* ns-hand-features-private.h: what ns-hand-features.c and ns-hand-object.c share: the scratch
 * space for one image and the object features computed on it. Not installed; library-internal. */

#pragma once

#include "ns-hand-features.h"

G_BEGIN_DECLS

/* Scratch space for one image size, reused across images. */
typedef struct
{
  guint c, h, w;
  float *ink;      /* h * w: mean of the channels */
  float *lum;      /* h * w: luminance */
  float *border;   /* 2 (h + w): one channel's border values, for the median */
  float *bg;       /* c: background colour */
  guint8 *differs; /* h * w: differs from the background */
  guint8 *object;  /* h * w: the largest patch of differing pixels */
  guint8 *stem;    /* h * w: pixels the stem score counted */
  guint8 *outline; /* h * w: the object's outline pixels */
  guint *patch;    /* h * w: patch number of each pixel (0: none) */
  guint *stack;    /* h * w: the flood fill's stack */
  guint object_pixels;
} Work;

void ns_hand_find_object (Work *wk, const float *image);
void ns_hand_compute_roundness (Work *wk,
                                double *centre_x,
                                double *centre_y,
                                double *radius_mean,
                                double *radius_sd,
                                double *roundness);
double ns_hand_compute_stem (Work *wk);
double ns_hand_compute_texture (const Work *wk, const float *image);
void ns_hand_compute_colour (const Work *wk,
                             const float *image,
                             float rgb[3],
                             double *hue,
                             double *saturation,
                             double *value);

G_END_DECLS
