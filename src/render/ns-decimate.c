/* ns-decimate.c: thinning a long series to its extremes per pixel across. */
#include "ns-decimate.h"

#include <math.h>

void
ns_decimator_init (NsDecimator *d, NsScene *scene, size_t n, double width)
{
  g_return_if_fail (d != NULL && scene != NULL);

  d->buckets = (size_t) MAX (1.0, floor (width));
  d->decimate = n > 2 * d->buckets;
  d->cap = MIN (n, 2 * d->buckets) + 2;
  d->points = ns_scene_alloc (scene, d->cap * 2 * sizeof (double));
  d->n_points = 0;
  d->bucket = -1;
  d->added = 0;
}

static void
push (NsDecimator *d, const double *p)
{
  g_assert (d->n_points < d->cap);
  d->points[2 * d->n_points] = p[0];
  d->points[2 * d->n_points + 1] = p[1];
  d->n_points++;
}

/* The bucket's extremes, in the order they happened. */
static void
flush (NsDecimator *d)
{
  if (d->bucket < 0)
    return;
  push (d, d->lo_i <= d->hi_i ? d->lo : d->hi);
  if (d->lo_i != d->hi_i)
    push (d, d->lo_i <= d->hi_i ? d->hi : d->lo);
}

void
ns_decimator_add (NsDecimator *d, double t, double x, double y)
{
  size_t i = d->added++;
  long b;

  if (!d->decimate)
    {
      push (d, (double[2]){ x, y });
      return;
    }
  b = (long) CLAMP (floor (t * d->buckets), 0.0, (double) d->buckets - 1);
  if (b != d->bucket)
    {
      flush (d);
      d->bucket = b;
      d->lo[0] = d->hi[0] = x;
      d->lo[1] = d->hi[1] = y;
      d->lo_i = d->hi_i = i;
    }
  else if (y > d->lo[1]) /* the largest screen y is the lowest value */
    {
      d->lo[0] = x;
      d->lo[1] = y;
      d->lo_i = i;
    }
  else if (y < d->hi[1])
    {
      d->hi[0] = x;
      d->hi[1] = y;
      d->hi_i = i;
    }
}

size_t
ns_decimator_finish (NsDecimator *d)
{
  if (d->decimate)
    flush (d);
  d->bucket = -1;
  return d->n_points;
}
