/* nn-conv.c: the conv2d, max-pool and flatten layers: their forward / backward pairs for the
 * net (nn-conv.h) and their fast kernels (the plain references are in nn-conv-ref.c; the sums'
 * order is in nn-kernels.h).
 *
 * The fast kernels vectorise across samples: a unit's row holds one value per sample, so every
 * tap of a kernel is "a weight times a contiguous input row", and zero padding is skipping the
 * taps that fall outside the input, decided once per pixel for all samples. Blocks of 8 samples
 * live in one v8f register; a tail of fewer than 8 is done as the last 8 again where each
 * element is written, not accumulated (recomputed samples get the same bits), and lane by lane
 * where it is accumulated.
 */
#include "nn-conv.h"

#include <string.h>

#include "nn-kernels-private.h"
#include "nn-kernels.h"

#define FAST NN_FAST

/* ---- valid tap ranges ---- */

/* ky (or kx) such that 0 <= o + ky - r < size: [lo, hi) */
static inline AI void
taps_in (size_t o, size_t r, size_t k, size_t size, size_t *lo, size_t *hi)
{
  *lo = o < r ? r - o : 0;
  *hi = size - o + r < k ? size - o + r : k; /* size > o, so no wrap */
}

/* output pixels o with 0 <= o + kk - r < size: [lo, hi) */
static inline AI void
pixels_in (size_t kk, size_t r, size_t size, size_t *lo, size_t *hi)
{
  *lo = kk < r ? r - kk : 0;
  *hi = size + r > kk ? size + r - kk : 0;
  if (*hi > size)
    *hi = size;
}

/* ---- conv forward ---- */

/* z rows of 4 output channels (co..co+3, c_out / nb apart as rows) at pixel (oy, ox) for
 * the 8 samples at x, z: b + sum over the valid taps */
static inline AI void
conv_px_4x8 (float *restrict z,
             size_t zch,
             const float *restrict x,
             size_t ldx,
             const float *restrict w,
             const float *restrict b,
             const NnConvGeom *g,
             size_t oy,
             size_t ox)
{
  size_t k = g->kernel, r = k / 2, fan_in = g->c_in * k * k, hw = g->height * g->width;
  size_t ky0, ky1, kx0, kx1;
  v8f a0 = splat8 (b[0]), a1 = splat8 (b[1]), a2 = splat8 (b[2]), a3 = splat8 (b[3]);

  taps_in (oy, r, k, g->height, &ky0, &ky1);
  taps_in (ox, r, k, g->width, &kx0, &kx1);
  for (size_t ci = 0; ci < g->c_in; ci++)
    for (size_t ky = ky0; ky < ky1; ky++)
      {
        const float *xr = x + (ci * hw + (oy + ky - r) * g->width + ox + kx0 - r) * ldx;
        const float *wr = w + (ci * k + ky) * k;

        for (size_t kx = kx0; kx < kx1; kx++)
          {
            v8f xv = load8 (xr + (kx - kx0) * ldx);

            a0 = a0 + wr[kx] * xv;
            a1 = a1 + wr[fan_in + kx] * xv;
            a2 = a2 + wr[2 * fan_in + kx] * xv;
            a3 = a3 + wr[3 * fan_in + kx] * xv;
          }
      }
  store8 (z, a0);
  store8 (z + zch, a1);
  store8 (z + 2 * zch, a2);
  store8 (z + 3 * zch, a3);
}

/* one output channel, 8 samples */
static inline AI void
conv_px_1x8 (float *restrict z,
             const float *restrict x,
             size_t ldx,
             const float *restrict w,
             const float *restrict b,
             const NnConvGeom *g,
             size_t oy,
             size_t ox)
{
  size_t k = g->kernel, r = k / 2, hw = g->height * g->width;
  size_t ky0, ky1, kx0, kx1;
  v8f a = splat8 (b[0]);

  taps_in (oy, r, k, g->height, &ky0, &ky1);
  taps_in (ox, r, k, g->width, &kx0, &kx1);
  for (size_t ci = 0; ci < g->c_in; ci++)
    for (size_t ky = ky0; ky < ky1; ky++)
      {
        const float *xr = x + (ci * hw + (oy + ky - r) * g->width + ox + kx0 - r) * ldx;
        const float *wr = w + (ci * k + ky) * k;

        for (size_t kx = kx0; kx < kx1; kx++)
          a = a + wr[kx] * load8 (xr + (kx - kx0) * ldx);
      }
  store8 (z, a);
}

/* one output channel, one sample */
static inline AI float
conv_px_1x1 (const float *restrict x,
             size_t ldx,
             const float *restrict w,
             const float *restrict b,
             const NnConvGeom *g,
             size_t oy,
             size_t ox)
{
  size_t k = g->kernel, r = k / 2, hw = g->height * g->width;
  size_t ky0, ky1, kx0, kx1;
  float a = b[0];

  taps_in (oy, r, k, g->height, &ky0, &ky1);
  taps_in (ox, r, k, g->width, &kx0, &kx1);
  for (size_t ci = 0; ci < g->c_in; ci++)
    for (size_t ky = ky0; ky < ky1; ky++)
      for (size_t kx = kx0; kx < kx1; kx++)
        a = a
            + w[(ci * k + ky) * k + kx]
                  * x[(ci * hw + (oy + ky - r) * g->width + ox + kx - r) * ldx];
  return a;
}

FAST void
nn_conv_forward (float *restrict z,
                 size_t ldz,
                 const float *restrict x,
                 size_t ldx,
                 const float *restrict w,
                 const float *restrict b,
                 const NnConvGeom *g,
                 size_t n)
{
  size_t k = g->kernel, fan_in = g->c_in * k * k, hw = g->height * g->width;
  size_t co = 0;

  for (; co + 4 <= g->c_out; co += 4)
    for (size_t p = 0; p < hw; p++)
      {
        size_t oy = p / g->width, ox = p % g->width;
        float *zr = z + (co * hw + p) * ldz;
        size_t s = 0;

        for (; s + 8 <= n; s += 8)
          conv_px_4x8 (zr + s, hw * ldz, x + s, ldx, w + co * fan_in, b + co, g, oy, ox);
        if (s < n && n >= 8)
          conv_px_4x8 (zr + n - 8, hw * ldz, x + n - 8, ldx, w + co * fan_in, b + co, g, oy, ox);
        else
          for (; s < n; s++)
            for (size_t q = 0; q < 4; q++)
              zr[q * hw * ldz + s] =
                  conv_px_1x1 (x + s, ldx, w + (co + q) * fan_in, b + co + q, g, oy, ox);
      }
  for (; co < g->c_out; co++)
    for (size_t p = 0; p < hw; p++)
      {
        size_t oy = p / g->width, ox = p % g->width;
        float *zr = z + (co * hw + p) * ldz;
        size_t s = 0;

        for (; s + 8 <= n; s += 8)
          conv_px_1x8 (zr + s, x + s, ldx, w + co * fan_in, b + co, g, oy, ox);
        if (s < n && n >= 8)
          conv_px_1x8 (zr + n - 8, x + n - 8, ldx, w + co * fan_in, b + co, g, oy, ox);
        else
          for (; s < n; s++)
            zr[s] = conv_px_1x1 (x + s, ldx, w + co * fan_in, b + co, g, oy, ox);
      }
}

/* ---- conv backward, input side ---- */

/* dx[ci] at input pixel (iy, ix) for 8 samples: 0 + sum over co, ky, kx of w dz */
static inline AI v8f
conv_dx_8 (const float *restrict dz,
           size_t lddz,
           const float *restrict w,
           const NnConvGeom *g,
           size_t ci,
           size_t iy,
           size_t ix)
{
  size_t k = g->kernel, r = k / 2, fan_in = g->c_in * k * k, hw = g->height * g->width;
  size_t ky0, ky1, kx0, kx1;
  v8f a = splat8 (0.0f);

  /* output pixel oy = iy - ky + r in range: ky in (iy + r - height, iy + r] */
  ky0 = iy + r + 1 > g->height ? iy + r + 1 - g->height : 0;
  ky1 = iy + r + 1 < k ? iy + r + 1 : k;
  kx0 = ix + r + 1 > g->width ? ix + r + 1 - g->width : 0;
  kx1 = ix + r + 1 < k ? ix + r + 1 : k;
  for (size_t co = 0; co < g->c_out; co++)
    for (size_t ky = ky0; ky < ky1; ky++)
      {
        const float *dr = dz + (co * hw + (iy + r - ky) * g->width + ix + r - kx0) * lddz;
        const float *wr = w + co * fan_in + (ci * k + ky) * k;

        for (size_t kx = kx0; kx < kx1; kx++)
          a = a + wr[kx] * load8 (dr - (kx - kx0) * lddz);
      }
  return a;
}

/* the same for one sample */
static inline AI float
conv_dx_1 (const float *restrict dz,
           size_t lddz,
           const float *restrict w,
           const NnConvGeom *g,
           size_t ci,
           size_t iy,
           size_t ix)
{
  size_t k = g->kernel, r = k / 2, fan_in = g->c_in * k * k, hw = g->height * g->width;
  size_t ky0, ky1, kx0, kx1;
  float a = 0.0f;

  ky0 = iy + r + 1 > g->height ? iy + r + 1 - g->height : 0;
  ky1 = iy + r + 1 < k ? iy + r + 1 : k;
  kx0 = ix + r + 1 > g->width ? ix + r + 1 - g->width : 0;
  kx1 = ix + r + 1 < k ? ix + r + 1 : k;
  for (size_t co = 0; co < g->c_out; co++)
    for (size_t ky = ky0; ky < ky1; ky++)
      for (size_t kx = kx0; kx < kx1; kx++)
        a = a
            + w[co * fan_in + (ci * k + ky) * k + kx]
                  * dz[(co * hw + (iy + r - ky) * g->width + ix + r - kx) * lddz];
  return a;
}

FAST void
nn_conv_backward_input (float *restrict dx,
                        size_t lddx,
                        const float *restrict dz,
                        size_t lddz,
                        const float *restrict w,
                        const NnConvGeom *g,
                        size_t n)
{
  size_t hw = g->height * g->width;

  for (size_t ci = 0; ci < g->c_in; ci++)
    for (size_t p = 0; p < hw; p++)
      {
        size_t iy = p / g->width, ix = p % g->width;
        float *dr = dx + (ci * hw + p) * lddx;
        size_t s = 0;

        for (; s + 8 <= n; s += 8)
          store8 (dr + s, conv_dx_8 (dz + s, lddz, w, g, ci, iy, ix));
        if (s < n && n >= 8)
          store8 (dr + n - 8, conv_dx_8 (dz + n - 8, lddz, w, g, ci, iy, ix));
        else
          for (; s < n; s++)
            dr[s] = conv_dx_1 (dz + s, lddz, w, g, ci, iy, ix);
      }
}

/* ---- conv backward, parameters ---- */

/* *acc += lanes first..7 of v, in lane order. Through store8: a memcpy from &v here made GCC
 * keep the inlined accumulators on the stack for the whole pixel loop (twice as slow). */
static inline AI void
add_lanes (float *acc, v8f v, size_t first)
{
  float t[8], a = *acc;

  store8 (t, v);
  for (size_t l = first; l < 8; l++)
    a = a + t[l];
  *acc = a;
}

/* c_s of 4 output channels' weight (ci, ky, kx) (rows hw apart in dz) for 8 samples: 0 + sum
 * over the valid output pixels of dz x; the lanes are added to dw[q fan_in] from lane first */
static inline AI void
conv_dw_4x8 (float *restrict dw,
             size_t fan_in,
             const float *restrict dz,
             size_t lddz,
             const float *restrict x,
             size_t ldx,
             const NnConvGeom *g,
             size_t ky,
             size_t kx,
             size_t first)
{
  size_t k = g->kernel, r = k / 2, hw = g->height * g->width, dch = hw * lddz;
  size_t oy0, oy1, ox0, ox1;
  v8f a0 = splat8 (0.0f), a1 = a0, a2 = a0, a3 = a0;

  pixels_in (ky, r, g->height, &oy0, &oy1);
  pixels_in (kx, r, g->width, &ox0, &ox1);
  for (size_t oy = oy0; oy < oy1; oy++)
    {
      const float *xr = x + ((oy + ky - r) * g->width + ox0 + kx - r) * ldx;
      const float *dr = dz + (oy * g->width + ox0) * lddz;

      for (size_t ox = ox0; ox < ox1; ox++)
        {
          v8f xv = load8 (xr + (ox - ox0) * ldx);
          const float *d = dr + (ox - ox0) * lddz;

          a0 = a0 + load8 (d) * xv;
          a1 = a1 + load8 (d + dch) * xv;
          a2 = a2 + load8 (d + 2 * dch) * xv;
          a3 = a3 + load8 (d + 3 * dch) * xv;
        }
    }
  add_lanes (dw, a0, first);
  add_lanes (dw + fan_in, a1, first);
  add_lanes (dw + 2 * fan_in, a2, first);
  add_lanes (dw + 3 * fan_in, a3, first);
}

static inline AI void
conv_dw_1x8 (float *restrict dw,
             const float *restrict dz,
             size_t lddz,
             const float *restrict x,
             size_t ldx,
             const NnConvGeom *g,
             size_t ky,
             size_t kx,
             size_t first)
{
  size_t k = g->kernel, r = k / 2;
  size_t oy0, oy1, ox0, ox1;
  v8f a = splat8 (0.0f);

  pixels_in (ky, r, g->height, &oy0, &oy1);
  pixels_in (kx, r, g->width, &ox0, &ox1);
  for (size_t oy = oy0; oy < oy1; oy++)
    {
      const float *xr = x + ((oy + ky - r) * g->width + ox0 + kx - r) * ldx;
      const float *dr = dz + (oy * g->width + ox0) * lddz;

      for (size_t ox = ox0; ox < ox1; ox++)
        a = a + load8 (dr + (ox - ox0) * lddz) * load8 (xr + (ox - ox0) * ldx);
    }
  add_lanes (dw, a, first);
}

/* bias: 0 + sum over all output pixels of dz */
static inline AI void
conv_db_8 (float *restrict db, const float *restrict dz, size_t lddz, size_t hw, size_t first)
{
  v8f a = splat8 (0.0f);

  for (size_t p = 0; p < hw; p++)
    a = a + load8 (dz + p * lddz);
  add_lanes (db, a, first);
}

/* c_s of weight t (ci k k + ky k + kx) of output channel co, one sample */
static inline AI float
sample_dw (const float *restrict dz,
           size_t lddz,
           const float *restrict x,
           size_t ldx,
           const NnConvGeom *g,
           size_t co,
           size_t t,
           size_t s)
{
  size_t k = g->kernel, r = k / 2, hw = g->height * g->width;
  size_t ci = t / (k * k), ky = t / k % k, kx = t % k;
  size_t oy0, oy1, ox0, ox1;
  float a = 0.0f;

  pixels_in (ky, r, g->height, &oy0, &oy1);
  pixels_in (kx, r, g->width, &ox0, &ox1);
  for (size_t oy = oy0; oy < oy1; oy++)
    for (size_t ox = ox0; ox < ox1; ox++)
      a = a
          + dz[(co * hw + oy * g->width + ox) * lddz + s]
                * x[(ci * hw + (oy + ky - r) * g->width + ox + kx - r) * ldx + s];
  return a;
}

/* c_s of output channel co's bias */
static inline AI float
sample_db (const float *restrict dz, size_t lddz, const NnConvGeom *g, size_t co, size_t s)
{
  size_t hw = g->height * g->width;
  float b = 0.0f;

  for (size_t p = 0; p < hw; p++)
    b = b + dz[(co * hw + p) * lddz + s];
  return b;
}

/* the samples in blocks of 8 from s, the last block shifted back to end at n (its lanes before
 * `first` were added by the block before); n >= 8 */
FAST void
nn_conv_backward_params (float *restrict dw,
                         float *restrict db,
                         const float *restrict dz,
                         size_t lddz,
                         const float *restrict x,
                         size_t ldx,
                         const NnConvGeom *g,
                         size_t n)
{
  size_t k = g->kernel, fan_in = g->c_in * k * k, hw = g->height * g->width;

  if (n < 8)
    {
      /* c_s one sample at a time, added in sample order */
      for (size_t s = 0; s < n; s++)
        for (size_t co = 0; co < g->c_out; co++)
          {
            for (size_t t = 0; t < fan_in; t++)
              dw[co * fan_in + t] = dw[co * fan_in + t] + sample_dw (dz, lddz, x, ldx, g, co, t, s);
            db[co] = db[co] + sample_db (dz, lddz, g, co, s);
          }
      return;
    }
  for (size_t s0 = 0; s0 < n; s0 += 8)
    {
      size_t s = s0 + 8 <= n ? s0 : n - 8, first = s0 - s;
      size_t co = 0;

      for (; co + 4 <= g->c_out; co += 4)
        for (size_t ci = 0; ci < g->c_in; ci++)
          for (size_t ky = 0; ky < k; ky++)
            for (size_t kx = 0; kx < k; kx++)
              conv_dw_4x8 (dw + co * fan_in + (ci * k + ky) * k + kx, fan_in,
                           dz + co * hw * lddz + s, lddz, x + ci * hw * ldx + s, ldx, g, ky, kx,
                           first);
      for (; co < g->c_out; co++)
        for (size_t ci = 0; ci < g->c_in; ci++)
          for (size_t ky = 0; ky < k; ky++)
            for (size_t kx = 0; kx < k; kx++)
              conv_dw_1x8 (dw + co * fan_in + (ci * k + ky) * k + kx, dz + co * hw * lddz + s, lddz,
                           x + ci * hw * ldx + s, ldx, g, ky, kx, first);
      for (co = 0; co < g->c_out; co++)
        conv_db_8 (db + co, dz + co * hw * lddz + s, lddz, hw, first);
    }
}

/* c_s of every weight and bias of sample s, written (not added) */
void
nn_conv_sample_params (float *dw,
                       float *db,
                       const float *dz,
                       size_t lddz,
                       const float *x,
                       size_t ldx,
                       const NnConvGeom *g,
                       size_t s)
{
  size_t fan_in = g->c_in * g->kernel * g->kernel;

  for (size_t co = 0; co < g->c_out; co++)
    {
      for (size_t t = 0; t < fan_in; t++)
        dw[co * fan_in + t] = sample_dw (dz, lddz, x, ldx, g, co, t, s);
      db[co] = sample_db (dz, lddz, g, co, s);
    }
}

/* ---- max-pool ---- */

typedef int32_t v8i __attribute__ ((vector_size (32)));

/* m = v > m ? v : m, lane by lane, through a bit mask (as nn_selectf) */
static inline AI v8f
max_first8 (v8f m, v8f v)
{
  v8i take = v > m;

  return (v8f) (((v8i) v & take) | ((v8i) m & ~take));
}

/* window (oy, ox) of channel c: its first tap's row index */
static inline AI size_t
window_first (const NnConvGeom *g, size_t c, size_t oy, size_t ox)
{
  return (c * g->height + oy * g->kernel) * g->width + ox * g->kernel;
}

/* the window's maximum for 8 samples: m = x_0, then m = x_t > m ? x_t : m in scan order */
static inline AI v8f
pool_max8 (const float *restrict x, size_t ldx, size_t width, size_t k)
{
  v8f m = load8 (x);

  for (size_t ky = 0; ky < k; ky++)
    for (size_t kx = ky == 0 ? 1 : 0; kx < k; kx++)
      m = max_first8 (m, load8 (x + (ky * width + kx) * ldx));
  return m;
}

static inline AI float
pool_max1 (const float *restrict x, size_t ldx, size_t width, size_t k)
{
  float m = x[0];

  for (size_t ky = 0; ky < k; ky++)
    for (size_t kx = ky == 0 ? 1 : 0; kx < k; kx++)
      m = nn_selectf (x[(ky * width + kx) * ldx] > m, x[(ky * width + kx) * ldx], m);
  return m;
}

FAST void
nn_max_pool_forward (float *restrict z,
                     size_t ldz,
                     const float *restrict x,
                     size_t ldx,
                     const NnConvGeom *g,
                     size_t n)
{
  size_t k = g->kernel, oh = g->height / k, ow = g->width / k;

  for (size_t c = 0; c < g->c_in; c++)
    for (size_t oy = 0; oy < oh; oy++)
      for (size_t ox = 0; ox < ow; ox++)
        {
          float *zr = z + ((c * oh + oy) * ow + ox) * ldz;
          const float *x0 = x + window_first (g, c, oy, ox) * ldx;
          size_t s = 0;

          for (; s + 8 <= n; s += 8)
            store8 (zr + s, pool_max8 (x0 + s, ldx, g->width, k));
          if (s < n && n >= 8)
            store8 (zr + n - 8, pool_max8 (x0 + n - 8, ldx, g->width, k));
          else
            for (; s < n; s++)
              zr[s] = pool_max1 (x0 + s, ldx, g->width, k);
        }
}

/* dx = dz at the first tap equal to z, 0 at the window's other taps, for 8 samples */
static inline AI void
pool_grad8 (float *restrict dx,
            size_t lddx,
            v8f dz,
            v8f z,
            const float *restrict x,
            size_t ldx,
            size_t width,
            size_t k)
{
  v8i taken = { 0 };

  for (size_t ky = 0; ky < k; ky++)
    for (size_t kx = 0; kx < k; kx++)
      {
        size_t q = ky * width + kx;
        v8i hit = (load8 (x + q * ldx) == z) & ~taken;

        store8 (dx + q * lddx, (v8f) ((v8i) dz & hit));
        taken |= hit;
      }
}

static inline AI void
pool_grad1 (float *restrict dx,
            size_t lddx,
            float dz,
            float z,
            const float *restrict x,
            size_t ldx,
            size_t width,
            size_t k)
{
  int taken = 0;

  for (size_t ky = 0; ky < k; ky++)
    for (size_t kx = 0; kx < k; kx++)
      {
        size_t q = ky * width + kx;
        int hit = x[q * ldx] == z && !taken;

        dx[q * lddx] = nn_selectf (hit, dz, 0.0f);
        taken |= hit;
      }
}

/* every window writes all its taps; the inputs the floored windows leave out are cleared */
FAST void
nn_max_pool_backward (float *restrict dx,
                      size_t lddx,
                      const float *restrict dz,
                      size_t lddz,
                      const float *restrict z,
                      size_t ldz,
                      const float *restrict x,
                      size_t ldx,
                      const NnConvGeom *g,
                      size_t n)
{
  size_t k = g->kernel, oh = g->height / k, ow = g->width / k;

  for (size_t q = 0; q < g->c_in * g->height * g->width; q++)
    if (q / g->width % g->height >= oh * k || q % g->width >= ow * k)
      memset (dx + q * lddx, 0, n * sizeof (float));
  for (size_t c = 0; c < g->c_in; c++)
    for (size_t oy = 0; oy < oh; oy++)
      for (size_t ox = 0; ox < ow; ox++)
        {
          size_t o = (c * oh + oy) * ow + ox, first = window_first (g, c, oy, ox);
          const float *zr = z + o * ldz, *dr = dz + o * lddz;
          size_t s = 0;

          for (; s + 8 <= n; s += 8)
            pool_grad8 (dx + first * lddx + s, lddx, load8 (dr + s), load8 (zr + s),
                        x + first * ldx + s, ldx, g->width, k);
          if (s < n && n >= 8)
            pool_grad8 (dx + first * lddx + n - 8, lddx, load8 (dr + n - 8), load8 (zr + n - 8),
                        x + first * ldx + n - 8, ldx, g->width, k);
          else
            for (; s < n; s++)
              pool_grad1 (dx + first * lddx + s, lddx, dr[s], zr[s], x + first * ldx + s, ldx,
                          g->width, k);
        }
}

/* ---- the layers for the net ---- */

static NnConvGeom
conv_geom (const NnLayer *L)
{
  NnConvGeom g = { L->in.channels, L->in.height, L->in.width, L->out.channels, L->kernel };

  return g;
}

void
nn_conv_layer_forward (const NnNet *net,
                       const NnLayer *L,
                       const float *in,
                       size_t ldin,
                       float *z,
                       size_t ld,
                       size_t n,
                       int ref)
{
  NnConvGeom g = conv_geom (L);

  (ref ? nn_conv_forward_ref : nn_conv_forward) (z, ld, in, ldin, net->params + L->w_offset,
                                                 net->params + L->b_offset, &g, n);
}

void
nn_conv_layer_backward (NnNet *net,
                        const NnLayer *L,
                        const float *x,
                        const float *dz,
                        float *dx,
                        size_t n)
{
  NnConvGeom g = conv_geom (L);
  size_t cap = net->batch_cap;

  nn_conv_backward_params (net->grads + L->w_offset, net->grads + L->b_offset, dz, cap, x, cap, &g,
                           n);
  if (dx != NULL)
    nn_conv_backward_input (dx, cap, dz, cap, net->params + L->w_offset, &g, n);
}

void
nn_conv_layer_sample_grad (const NnNet *net,
                           const NnLayer *L,
                           const float *x,
                           const float *dz,
                           size_t s,
                           float *grad)
{
  NnConvGeom g = conv_geom (L);

  nn_conv_sample_params (grad + L->w_offset, grad + L->b_offset, dz, net->batch_cap, x,
                         net->batch_cap, &g, s);
}

void
nn_pool_layer_forward (const NnNet *net,
                       const NnLayer *L,
                       const float *in,
                       size_t ldin,
                       float *z,
                       size_t ld,
                       size_t n,
                       int ref)
{
  NnConvGeom g = conv_geom (L);

  (void) net;
  (ref ? nn_max_pool_forward_ref : nn_max_pool_forward) (z, ld, in, ldin, &g, n);
}

/* the window maxima are the layer's kept z (pre) */
void
nn_pool_layer_backward (NnNet *net,
                        const NnLayer *L,
                        const float *x,
                        const float *dz,
                        float *dx,
                        size_t n)
{
  NnConvGeom g = conv_geom (L);
  size_t cap = net->batch_cap;

  if (dx != NULL)
    nn_max_pool_backward (dx, cap, dz, cap, net->pre + L->unit_offset * cap, cap, x, cap, &g, n);
}

/* rows are already c x h x w: a copy */
void
nn_flatten_layer_forward (const NnNet *net,
                          const NnLayer *L,
                          const float *in,
                          size_t ldin,
                          float *z,
                          size_t ld,
                          size_t n,
                          int ref)
{
  (void) net, (void) ref;
  for (size_t q = 0; q < L->n_out; q++)
    memcpy (z + q * ld, in + q * ldin, n * sizeof (float));
}

void
nn_flatten_layer_backward (NnNet *net,
                           const NnLayer *L,
                           const float *x,
                           const float *dz,
                           float *dx,
                           size_t n)
{
  (void) x;
  if (dx != NULL)
    for (size_t q = 0; q < L->n_out; q++)
      memcpy (dx + q * net->batch_cap, dz + q * net->batch_cap, n * sizeof (float));
}

/* pool and flatten have no parameters */
void
nn_no_params_sample_grad (const NnNet *net,
                          const NnLayer *L,
                          const float *x,
                          const float *dz,
                          size_t s,
                          float *grad)
{
  (void) net, (void) L, (void) x, (void) dz, (void) s, (void) grad;
}
