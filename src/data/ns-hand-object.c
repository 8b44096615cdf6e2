/* ns-hand-object.c: the picture features of ns-hand-features.h: the object mask (background,
 * differing pixels, largest patch), its roundness, stem, texture and colour. */

#include "ns-hand-features-private.h"

#include <math.h>
#include <string.h>

static void
swap_floats (float *a, float *b)
{
  float t = *a;

  *a = *b;
  *b = t;
}

/* The k-th smallest of v[0..n) (0-based), reordering v so that every later element is at least
 * as large: a three-way quickselect, linear on a uniform border too. */
static float
kth_smallest (float *v, gsize n, gsize k)
{
  gsize lo = 0, hi = n;

  while (hi - lo > 1)
    {
      float pivot = v[lo + (hi - lo) / 2];
      gsize lt = lo, i = lo, gt = hi; /* [lo, lt) < pivot, [lt, i) = pivot, [gt, hi) > pivot */

      while (i < gt)
        {
          if (v[i] < pivot)
            swap_floats (&v[lt++], &v[i++]);
          else if (v[i] > pivot)
            swap_floats (&v[i], &v[--gt]);
          else
            i++;
        }
      if (k < lt)
        hi = lt;
      else if (k >= gt)
        lo = gt;
      else
        return v[k];
    }
  return v[k];
}

static float
median (float *v, gsize n)
{
  float below, above;

  if (n % 2 == 1)
    return kth_smallest (v, n, n / 2);
  below = kth_smallest (v, n, n / 2 - 1);
  above = v[n / 2];
  for (gsize i = n / 2 + 1; i < n; i++)
    above = MIN (above, v[i]);
  return 0.5f * (below + above);
}

/* Background pixels that the image's border cannot reach without crossing the object (a
 * ball's stripe of the background's colour, a highlight) are the object's too. */
static void
fill_holes (Work *wk)
{
  guint h = wk->h, w = wk->w, top = 0;
  gsize hw = (gsize) h * w;
  guint8 *outside = wk->differs; /* reused: 1 = reached from the border */

  memset (outside, 0, hw);
  for (gsize p = 0; p < hw; p++)
    {
      guint y = p / w, x = p % w;

      if ((y == 0 || x == 0 || y + 1 == h || x + 1 == w) && !wk->object[p])
        {
          outside[p] = 1;
          wk->stack[top++] = (guint) p;
        }
    }
  while (top > 0)
    {
      guint p = wk->stack[--top];
      guint y = p / w, x = p % w;
      guint next[4];
      guint n_next = 0;

      if (x > 0)
        next[n_next++] = p - 1;
      if (x + 1 < w)
        next[n_next++] = p + 1;
      if (y > 0)
        next[n_next++] = p - w;
      if (y + 1 < h)
        next[n_next++] = p + w;
      for (guint k = 0; k < n_next; k++)
        if (!wk->object[next[k]] && !outside[next[k]])
          {
            outside[next[k]] = 1;
            wk->stack[top++] = next[k];
          }
    }
  for (gsize p = 0; p < hw; p++)
    if (!wk->object[p] && !outside[p])
      {
        wk->object[p] = 1;
        wk->object_pixels++;
      }
}

/* The background (border median per channel), the differing pixels, and the largest patch. */
void
ns_hand_find_object (Work *wk, const float *image)
{
  guint h = wk->h, w = wk->w;
  gsize hw = (gsize) h * w;
  guint best_patch = 0, best_size = 0, n_patches = 0;

  for (guint ch = 0; ch < wk->c; ch++)
    {
      const float *plane = image + ch * hw;
      gsize n = 0;

      for (guint x = 0; x < w; x++)
        {
          wk->border[n++] = plane[x];
          wk->border[n++] = plane[(h - 1) * w + x];
        }
      for (guint y = 1; y + 1 < h; y++)
        {
          wk->border[n++] = plane[y * w];
          wk->border[n++] = plane[y * w + w - 1];
        }
      wk->bg[ch] = median (wk->border, n);
    }

  for (gsize p = 0; p < hw; p++)
    {
      gboolean differs = FALSE;

      for (guint ch = 0; ch < wk->c && !differs; ch++)
        differs = fabsf (image[ch * hw + p] - wk->bg[ch]) > NS_HAND_OBJECT_THRESHOLD;
      wk->differs[p] = differs;
      wk->patch[p] = 0;
    }

  /* Flood-fill each patch (4-connected), keeping the largest (the first met on ties). */
  for (gsize start = 0; start < hw; start++)
    {
      guint size = 0, top = 0;

      if (!wk->differs[start] || wk->patch[start] != 0)
        continue;
      n_patches++;
      wk->patch[start] = n_patches;
      wk->stack[top++] = (guint) start;
      while (top > 0)
        {
          guint p = wk->stack[--top];
          guint y = p / w, x = p % w;
          guint next[4];
          guint n_next = 0;

          size++;
          if (x > 0)
            next[n_next++] = p - 1;
          if (x + 1 < w)
            next[n_next++] = p + 1;
          if (y > 0)
            next[n_next++] = p - w;
          if (y + 1 < h)
            next[n_next++] = p + w;
          for (guint k = 0; k < n_next; k++)
            if (wk->differs[next[k]] && wk->patch[next[k]] == 0)
              {
                wk->patch[next[k]] = n_patches;
                wk->stack[top++] = next[k];
              }
        }
      if (size > best_size)
        {
          best_size = size;
          best_patch = n_patches;
        }
    }

  for (gsize p = 0; p < hw; p++)
    wk->object[p] = best_patch != 0 && wk->patch[p] == best_patch;
  wk->object_pixels = best_size;
  if (best_patch != 0)
    fill_holes (wk);
}

static gboolean
object_at (const Work *wk, int y, int x)
{
  if (y < 0 || x < 0 || y >= (int) wk->h || x >= (int) wk->w)
    return FALSE;
  return wk->object[y * wk->w + x];
}

/* Roundness from the spread of the outline's distances to the centroid: 1 - sd / mean. The
 * outline is the object's pixels with a 4-neighbour outside it (or at the image's edge). */
void
ns_hand_compute_roundness (Work *wk,
                           double *centre_x,
                           double *centre_y,
                           double *radius_mean,
                           double *radius_sd,
                           double *roundness)
{
  guint h = wk->h, w = wk->w;
  double sx = 0, sy = 0, sum = 0, sq = 0, cx, cy, mean, sd;
  guint n = 0;

  memset (wk->outline, 0, (gsize) h * w);
  *centre_x = *centre_y = *radius_mean = *radius_sd = *roundness = 0;
  if (wk->object_pixels == 0)
    return;
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      if (wk->object[y * w + x])
        {
          sx += x + 0.5;
          sy += y + 0.5;
        }
  cx = sx / wk->object_pixels;
  cy = sy / wk->object_pixels;
  for (int y = 0; y < (int) h; y++)
    for (int x = 0; x < (int) w; x++)
      if (wk->object[y * w + x]
          && !(object_at (wk, y - 1, x) && object_at (wk, y + 1, x) && object_at (wk, y, x - 1)
               && object_at (wk, y, x + 1)))
        {
          double dx = x + 0.5 - cx, dy = y + 0.5 - cy, r = sqrt (dx * dx + dy * dy);

          wk->outline[y * w + x] = 1;
          sum += r;
          n++;
        }
  mean = sum / n;
  for (gsize p = 0; p < (gsize) h * w; p++)
    if (wk->outline[p])
      {
        double dx = (p % w) + 0.5 - cx, dy = (p / w) + 0.5 - cy, r = sqrt (dx * dx + dy * dy);

        sq += (r - mean) * (r - mean);
      }
  sd = sqrt (sq / n);
  *centre_x = cx;
  *centre_y = cy;
  *radius_mean = mean;
  *radius_sd = sd;
  /* A single pixel has no spread: as round as it gets. */
  *roundness = mean > 0 ? MAX (0.0, 1 - sd / mean) : 1;
}

static double
object_mean_lum (const Work *wk)
{
  gsize hw = (gsize) wk->h * wk->w;
  double sum = 0;

  if (wk->object_pixels == 0)
    return 0;
  for (gsize p = 0; p < hw; p++)
    if (wk->object[p])
      sum += wk->lum[p];
  return sum / wk->object_pixels;
}

double
ns_hand_compute_stem (Work *wk)
{
  guint h = wk->h, w = wk->w;
  guint widest = 0, top = h;
  double mean_lum = object_mean_lum (wk), score = 0;

  memset (wk->stem, 0, (gsize) h * w);
  if (wk->object_pixels == 0)
    return 0;
  for (guint y = 0; y < h; y++)
    {
      guint width = 0;

      for (guint x = 0; x < w; x++)
        width += wk->object[y * w + x];
      if (width > 0 && top == h)
        top = y;
      widest = MAX (widest, width);
    }
  for (guint y = top; y < h; y++)
    {
      guint width = 0;

      for (guint x = 0; x < w; x++)
        width += wk->object[y * w + x];
      /* Thin: at most max (2, widest / 4). */
      if (width == 0 || (width > 2 && 4 * width > widest))
        break;
      for (guint x = 0; x < w; x++)
        if (wk->object[y * w + x])
          {
            wk->stem[y * w + x] = 1;
            score += MAX (0.0, mean_lum - wk->lum[y * w + x]);
          }
    }
  return score;
}

double
ns_hand_compute_texture (const Work *wk, const float *image)
{
  guint h = wk->h, w = wk->w;
  gsize hw = (gsize) h * w;
  double sum = 0;
  guint n = 0;

  for (guint y = 1; y + 1 < h; y++)
    for (guint x = 1; x + 1 < w; x++)
      {
        gsize p = (gsize) y * w + x;
        double over_channels = 0;

        if (!wk->object[p] || !wk->object[p - 1] || !wk->object[p + 1] || !wk->object[p - w]
            || !wk->object[p + w])
          continue;
        for (guint ch = 0; ch < wk->c; ch++)
          {
            const float *v = image + ch * hw;

            over_channels += fabs (4.0 * v[p] - (double) v[p - 1] - v[p + 1] - v[p - w] - v[p + w]);
          }
        sum += over_channels / wk->c;
        n++;
      }
  return n > 0 ? sum / n : 0;
}

/* The object's mean colour and its hue (degrees), saturation and value. */
void
ns_hand_compute_colour (const Work *wk,
                        const float *image,
                        float rgb[3],
                        double *hue,
                        double *saturation,
                        double *value)
{
  gsize hw = (gsize) wk->h * wk->w;
  double max, min, r, g, b;

  for (guint ch = 0; ch < 3; ch++)
    {
      double sum = 0;

      for (gsize p = 0; p < hw; p++)
        if (wk->object[p])
          sum += image[ch * hw + p];
      rgb[ch] = wk->object_pixels > 0 ? (float) (sum / wk->object_pixels) : 0;
    }
  r = rgb[0];
  g = rgb[1];
  b = rgb[2];
  max = MAX (r, MAX (g, b));
  min = MIN (r, MIN (g, b));
  *value = max;
  *saturation = max > 0 ? (max - min) / max : 0;
  if (max == min)
    *hue = 0;
  else if (max == r)
    *hue = 60 * ((g - b) / (max - min));
  else if (max == g)
    *hue = 60 * (2 + (b - r) / (max - min));
  else
    *hue = 60 * (4 + (r - g) / (max - min));
  if (*hue < 0)
    *hue += 360;
}
