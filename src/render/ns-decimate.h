/* ns-decimate.h: a long series thinned for drawing, at most two points (the extremes, in the
 * order they happened) per pixel across, so a history of any length costs at most twice the
 * plot's width. Used by the loss curves, gradient health and the optimizer race. */
#pragma once

#include "ns-scene.h"

G_BEGIN_DECLS

typedef struct
{
  double *points; /* (x, y) pairs, in the scene's arena */
  size_t n_points;
  size_t cap;        /* pairs allocated */
  size_t buckets;    /* one per pixel across */
  gboolean decimate; /* FALSE: few enough points to keep them all */
  long bucket;       /* the bucket being filled, -1 before the first point */
  double lo[2], hi[2];
  size_t lo_i, hi_i; /* when the bucket's lowest and highest values came */
  size_t added;
} NsDecimator;

/* Up to @n points will be added to a plot @width pixels across. */
void ns_decimator_init (NsDecimator *d, NsScene *scene, size_t n, double width);
/* A point at @t across the plot (0 .. 1), drawn at (@x, @y); screen y grows downwards. */
void ns_decimator_add (NsDecimator *d, double t, double x, double y);
/* Puts the last bucket's points out; returns how many points the polyline has. */
size_t ns_decimator_finish (NsDecimator *d);

G_END_DECLS
