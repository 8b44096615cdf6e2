/* nn-conv-ref.c: the plain references of the conv and max-pool kernels (see nn-kernels.h for
 * their sums' order): one sample at a time, every sum written out in its defined order, with
 * vectorisation off. */
#include "nn-kernels.h"

#include "nn-kernels-private.h"

#define REF NN_REF

/* x's value at input pixel (c, y, x) for sample s, rows ld apart */
#define AT(p, ld, g, c, y, x, s) (p)[(((c) * (g)->height + (y)) * (g)->width + (x)) * (ld) + (s)]

/* 1 if o + kk - r is inside 0..size-1 (unsigned: o + kk < r wraps to a huge value) */
static int
inside (size_t o, size_t kk, size_t r, size_t size)
{
  return o + kk >= r && o + kk - r < size;
}

REF void
nn_conv_forward_ref (float *z,
                     size_t ldz,
                     const float *x,
                     size_t ldx,
                     const float *w,
                     const float *b,
                     const NnConvGeom *g,
                     size_t n)
{
  size_t k = g->kernel, r = k / 2, fan_in = g->c_in * k * k;

  for (size_t s = 0; s < n; s++)
    for (size_t co = 0; co < g->c_out; co++)
      for (size_t oy = 0; oy < g->height; oy++)
        for (size_t ox = 0; ox < g->width; ox++)
          {
            float acc = b[co];

            for (size_t ci = 0; ci < g->c_in; ci++)
              for (size_t ky = 0; ky < k; ky++)
                for (size_t kx = 0; kx < k; kx++)
                  if (inside (oy, ky, r, g->height) && inside (ox, kx, r, g->width))
                    acc = acc
                          + w[co * fan_in + (ci * k + ky) * k + kx]
                                * AT (x, ldx, g, ci, oy + ky - r, ox + kx - r, s);
            z[((co * g->height + oy) * g->width + ox) * ldz + s] = acc;
          }
}

REF void
nn_conv_backward_input_ref (float *dx,
                            size_t lddx,
                            const float *dz,
                            size_t lddz,
                            const float *w,
                            const NnConvGeom *g,
                            size_t n)
{
  size_t k = g->kernel, r = k / 2, fan_in = g->c_in * k * k;

  for (size_t s = 0; s < n; s++)
    for (size_t ci = 0; ci < g->c_in; ci++)
      for (size_t iy = 0; iy < g->height; iy++)
        for (size_t ix = 0; ix < g->width; ix++)
          {
            float acc = 0.0f;

            /* the output pixels (oy, ox) = (iy - ky + r, ix - kx + r) that read this input */
            for (size_t co = 0; co < g->c_out; co++)
              for (size_t ky = 0; ky < k; ky++)
                for (size_t kx = 0; kx < k; kx++)
                  if (iy + r >= ky && iy + r - ky < g->height && ix + r >= kx
                      && ix + r - kx < g->width)
                    acc = acc
                          + w[co * fan_in + (ci * k + ky) * k + kx]
                                * AT (dz, lddz, g, co, iy + r - ky, ix + r - kx, s);
            dx[((ci * g->height + iy) * g->width + ix) * lddx + s] = acc;
          }
}

REF void
nn_conv_backward_params_ref (float *dw,
                             float *db,
                             const float *dz,
                             size_t lddz,
                             const float *x,
                             size_t ldx,
                             const NnConvGeom *g,
                             size_t n)
{
  size_t k = g->kernel, r = k / 2, fan_in = g->c_in * k * k;

  for (size_t s = 0; s < n; s++)
    for (size_t co = 0; co < g->c_out; co++)
      {
        float cb = 0.0f;

        for (size_t ci = 0; ci < g->c_in; ci++)
          for (size_t ky = 0; ky < k; ky++)
            for (size_t kx = 0; kx < k; kx++)
              {
                float c = 0.0f;

                for (size_t oy = 0; oy < g->height; oy++)
                  for (size_t ox = 0; ox < g->width; ox++)
                    if (inside (oy, ky, r, g->height) && inside (ox, kx, r, g->width))
                      c = c
                          + AT (dz, lddz, g, co, oy, ox, s)
                                * AT (x, ldx, g, ci, oy + ky - r, ox + kx - r, s);
                dw[co * fan_in + (ci * k + ky) * k + kx] += c;
              }
        for (size_t p = 0; p < g->height * g->width; p++)
          cb = cb + dz[(co * g->height * g->width + p) * lddz + s];
        db[co] += cb;
      }
}

REF void
nn_max_pool_forward_ref (float *z,
                         size_t ldz,
                         const float *x,
                         size_t ldx,
                         const NnConvGeom *g,
                         size_t n)
{
  size_t k = g->kernel, oh = g->height / k, ow = g->width / k;

  for (size_t s = 0; s < n; s++)
    for (size_t c = 0; c < g->c_in; c++)
      for (size_t oy = 0; oy < oh; oy++)
        for (size_t ox = 0; ox < ow; ox++)
          {
            float m = AT (x, ldx, g, c, oy * k, ox * k, s);

            for (size_t ky = 0; ky < k; ky++)
              for (size_t kx = 0; kx < k; kx++)
                {
                  float v = AT (x, ldx, g, c, oy * k + ky, ox * k + kx, s);

                  m = v > m ? v : m;
                }
            z[((c * oh + oy) * ow + ox) * ldz + s] = m;
          }
}

REF void
nn_max_pool_backward_ref (float *dx,
                          size_t lddx,
                          const float *dz,
                          size_t lddz,
                          const float *z,
                          size_t ldz,
                          const float *x,
                          size_t ldx,
                          const NnConvGeom *g,
                          size_t n)
{
  size_t k = g->kernel, oh = g->height / k, ow = g->width / k;

  for (size_t s = 0; s < n; s++)
    {
      for (size_t q = 0; q < g->c_in * g->height * g->width; q++)
        dx[q * lddx + s] = 0.0f;
      for (size_t c = 0; c < g->c_in; c++)
        for (size_t oy = 0; oy < oh; oy++)
          for (size_t ox = 0; ox < ow; ox++)
            {
              size_t o = (c * oh + oy) * ow + ox;
              int taken = 0;

              for (size_t ky = 0; ky < k && !taken; ky++)
                for (size_t kx = 0; kx < k && !taken; kx++)
                  if (AT (x, ldx, g, c, oy * k + ky, ox * k + kx, s) == z[o * ldz + s])
                    {
                      AT (dx, lddx, g, c, oy * k + ky, ox * k + kx, s) = dz[o * lddz + s];
                      taken = 1;
                    }
            }
    }
}
