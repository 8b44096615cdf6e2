/* nn-kernels.c: the fast kernels; their plain references are in nn-kernels-ref.c.
 *
 * FAST functions are cloned for AVX2 and the baseline and picked at load time. The dense
 * kernels are register-blocked by hand with 8-float vectors (GCC's vector extension: element-
 * wise IEEE operations, no reassociation), vectorised across samples, or across the weights of
 * a neuron, or across neurons; the element-wise kernels are plain contiguous loops with
 * restrict pointers that GCC vectorises. No element's operation order changes.
 */
#include "nn-kernels.h"

#include <string.h>

#include "nn-kernels-private.h"

/* NN_FAST (nn-kernels.h); NN_BASELINE_ONLY is the test build of the baseline variant alone
 * (tests/meson.build), which a machine with AVX2 would otherwise never run. */
#define FAST NN_FAST

/* ---- the row kernel shared by dense forward and dense backward (input side) ----
 *
 * z[r][s] = init_r + sum_k w[r wr + k wk] x[k][s], k ascending, where init_r = b[r] if b is
 * given, else the k = 0 term w[r wr] x[0][s] (and the sum then runs from k = 1). Register
 * blocks of 4 rows x 16 samples (8 accumulators; each x vector loaded once for 4 rows), then
 * 4 x 8, then single rows (32 samples, then 8); a tail of fewer than 8 samples is done as the last
 * 8 samples again (z never aliases x, and each element's value does not depend on its block), or
 * one by one when n < 8. */

static inline AI void
rows_4x16 (float *restrict z,
           size_t ldz,
           const float *restrict x,
           size_t ldx,
           const float *restrict w,
           size_t wr,
           size_t wk,
           size_t nk,
           const float *restrict b)
{
  v8f a00, a01, a10, a11, a20, a21, a30, a31;
  size_t k0 = 0;

  if (b != NULL)
    {
      a00 = a01 = splat8 (b[0]);
      a10 = a11 = splat8 (b[1]);
      a20 = a21 = splat8 (b[2]);
      a30 = a31 = splat8 (b[3]);
    }
  else
    {
      v8f x0 = load8 (x), x1 = load8 (x + 8);

      a00 = w[0] * x0;
      a01 = w[0] * x1;
      a10 = w[wr] * x0;
      a11 = w[wr] * x1;
      a20 = w[2 * wr] * x0;
      a21 = w[2 * wr] * x1;
      a30 = w[3 * wr] * x0;
      a31 = w[3 * wr] * x1;
      k0 = 1;
    }
  for (size_t k = k0; k < nk; k++)
    {
      v8f x0 = load8 (x + k * ldx), x1 = load8 (x + k * ldx + 8);
      const float *wc = w + k * wk;
      float c0 = wc[0], c1 = wc[wr], c2 = wc[2 * wr], c3 = wc[3 * wr];

      a00 = a00 + c0 * x0;
      a01 = a01 + c0 * x1;
      a10 = a10 + c1 * x0;
      a11 = a11 + c1 * x1;
      a20 = a20 + c2 * x0;
      a21 = a21 + c2 * x1;
      a30 = a30 + c3 * x0;
      a31 = a31 + c3 * x1;
    }
  store8 (z, a00);
  store8 (z + 8, a01);
  store8 (z + ldz, a10);
  store8 (z + ldz + 8, a11);
  store8 (z + 2 * ldz, a20);
  store8 (z + 2 * ldz + 8, a21);
  store8 (z + 3 * ldz, a30);
  store8 (z + 3 * ldz + 8, a31);
}

static inline AI void
rows_4x8 (float *restrict z,
          size_t ldz,
          const float *restrict x,
          size_t ldx,
          const float *restrict w,
          size_t wr,
          size_t wk,
          size_t nk,
          const float *restrict b)
{
  v8f a0, a1, a2, a3;
  size_t k0 = 0;

  if (b != NULL)
    {
      a0 = splat8 (b[0]);
      a1 = splat8 (b[1]);
      a2 = splat8 (b[2]);
      a3 = splat8 (b[3]);
    }
  else
    {
      v8f x0 = load8 (x);

      a0 = w[0] * x0;
      a1 = w[wr] * x0;
      a2 = w[2 * wr] * x0;
      a3 = w[3 * wr] * x0;
      k0 = 1;
    }
  for (size_t k = k0; k < nk; k++)
    {
      v8f x0 = load8 (x + k * ldx);
      const float *wc = w + k * wk;

      a0 = a0 + wc[0] * x0;
      a1 = a1 + wc[wr] * x0;
      a2 = a2 + wc[2 * wr] * x0;
      a3 = a3 + wc[3 * wr] * x0;
    }
  store8 (z, a0);
  store8 (z + ldz, a1);
  store8 (z + 2 * ldz, a2);
  store8 (z + 3 * ldz, a3);
}

static inline AI void
rows_1x8 (float *restrict z,
          const float *restrict x,
          size_t ldx,
          const float *restrict w,
          size_t wk,
          size_t nk,
          const float *restrict b)
{
  v8f a;
  size_t k0 = 0;

  if (b != NULL)
    a = splat8 (b[0]);
  else
    {
      a = w[0] * load8 (x);
      k0 = 1;
    }
  for (size_t k = k0; k < nk; k++)
    a = a + w[k * wk] * load8 (x + k * ldx);
  store8 (z, a);
}

/* one row x 32 samples: four independent chains share each weight (an output layer of one
 * neuron would otherwise wait on one chain of adds per 8 samples) */
static inline AI void
rows_1x32 (float *restrict z,
           const float *restrict x,
           size_t ldx,
           const float *restrict w,
           size_t wk,
           size_t nk,
           const float *restrict b)
{
  v8f a0, a1, a2, a3;
  size_t k0 = 0;

  if (b != NULL)
    a0 = a1 = a2 = a3 = splat8 (b[0]);
  else
    {
      a0 = w[0] * load8 (x);
      a1 = w[0] * load8 (x + 8);
      a2 = w[0] * load8 (x + 16);
      a3 = w[0] * load8 (x + 24);
      k0 = 1;
    }
  for (size_t k = k0; k < nk; k++)
    {
      const float *xk = x + k * ldx;
      float c = w[k * wk];

      a0 = a0 + c * load8 (xk);
      a1 = a1 + c * load8 (xk + 8);
      a2 = a2 + c * load8 (xk + 16);
      a3 = a3 + c * load8 (xk + 24);
    }
  store8 (z, a0);
  store8 (z + 8, a1);
  store8 (z + 16, a2);
  store8 (z + 24, a3);
}

static inline AI float
rows_1x1 (const float *restrict x,
          size_t ldx,
          const float *restrict w,
          size_t wk,
          size_t nk,
          const float *restrict b)
{
  float a;
  size_t k0 = 0;

  if (b != NULL)
    a = b[0];
  else
    {
      a = w[0] * x[0];
      k0 = 1;
    }
  for (size_t k = k0; k < nk; k++)
    a = a + w[k * wk] * x[k * ldx];
  return a;
}

static inline AI void
rows_kernel (float *restrict z,
             size_t ldz,
             const float *restrict x,
             size_t ldx,
             const float *restrict w,
             size_t wr,
             size_t wk,
             size_t nk,
             size_t nr,
             size_t n,
             const float *restrict b)
{
  size_t r = 0;

  for (; r + 4 <= nr; r += 4)
    {
      float *zr = z + r * ldz;
      const float *wrow = w + r * wr;
      const float *br = b != NULL ? b + r : NULL;
      size_t s = 0;

      for (; s + 16 <= n; s += 16)
        rows_4x16 (zr + s, ldz, x + s, ldx, wrow, wr, wk, nk, br);
      for (; s + 8 <= n; s += 8)
        rows_4x8 (zr + s, ldz, x + s, ldx, wrow, wr, wk, nk, br);
      if (s < n && n >= 8) /* the last 8 again: recomputed samples get the same bits */
        rows_4x8 (zr + n - 8, ldz, x + n - 8, ldx, wrow, wr, wk, nk, br);
      else
        for (; s < n; s++)
          for (size_t q = 0; q < 4; q++)
            zr[q * ldz + s] =
                rows_1x1 (x + s, ldx, wrow + q * wr, wk, nk, br != NULL ? br + q : NULL);
    }
  for (; r < nr; r++)
    {
      float *zr = z + r * ldz;
      const float *wrow = w + r * wr;
      const float *br = b != NULL ? b + r : NULL;
      size_t s = 0;

      for (; s + 32 <= n; s += 32)
        rows_1x32 (zr + s, x + s, ldx, wrow, wk, nk, br);
      for (; s + 8 <= n; s += 8)
        rows_1x8 (zr + s, x + s, ldx, wrow, wk, nk, br);
      if (s < n && n >= 8)
        rows_1x8 (zr + n - 8, x + n - 8, ldx, wrow, wk, nk, br);
      else
        for (; s < n; s++)
          zr[s] = rows_1x1 (x + s, ldx, wrow, wk, nk, br);
    }
}

/* ---- dense forward ---- */

/* z[j][s] = b[j] + sum_i w[j][i] x[i][s] */
FAST void
nn_dense_forward (float *restrict z,
                  size_t ldz,
                  const float *restrict x,
                  size_t ldx,
                  const float *restrict w,
                  const float *restrict b,
                  size_t n_in,
                  size_t n_out,
                  size_t n)
{
  rows_kernel (z, ldz, x, ldx, w, n_in, 1, n_in, n_out, n, b);
}

/* a = f(z) over n values (a == z allowed, else apart; not softmax, which is linear here): the
 * body of nn_act_forward, inlined into the fused kernel below so that a layer's rows cost one
 * call, not one per row */
static inline AI void
act_values (NnActivation act, float *a, const float *z, size_t n)
{
  float limit = nn_opaquef (NN_TANHF_LIMIT); /* min / max for the clamp (nn_opaquef) */

  if (a == z)
    switch (act)
      {
      case NN_ACT_TANH:
        for (size_t s = 0; s < n; s++)
          a[s] = nn_tanhf_clamped (a[s], limit);
        return;
      case NN_ACT_SIGMOID:
        for (size_t s = 0; s < n; s++)
          a[s] = nn_sigmoidf_inline (a[s]);
        return;
      case NN_ACT_RELU:
        for (size_t s = 0; s < n; s++)
          a[s] = relu (a[s]);
        return;
      case NN_ACT_LEAKY_RELU:
        for (size_t s = 0; s < n; s++)
          a[s] = leaky_relu (a[s]);
        return;
      case NN_ACT_LINEAR:
      case NN_ACT_SOFTMAX:
      case NN_N_ACTIVATIONS:
      default:
        return;
      }
  {
    float *restrict o = a;
    const float *restrict p = z;

    switch (act)
      {
      case NN_ACT_TANH:
        for (size_t s = 0; s < n; s++)
          o[s] = nn_tanhf_clamped (p[s], limit);
        break;
      case NN_ACT_SIGMOID:
        for (size_t s = 0; s < n; s++)
          o[s] = nn_sigmoidf_inline (p[s]);
        break;
      case NN_ACT_RELU:
        for (size_t s = 0; s < n; s++)
          o[s] = relu (p[s]);
        break;
      case NN_ACT_LEAKY_RELU:
        for (size_t s = 0; s < n; s++)
          o[s] = leaky_relu (p[s]);
        break;
      case NN_ACT_LINEAR:
      case NN_ACT_SOFTMAX:
      case NN_N_ACTIVATIONS:
      default:
        memcpy (o, p, n * sizeof (float));
        break;
      }
  }
}

/* z = W x + b, then a = f(z) row by row (a == z keeps only a): the rows are still in L1 when
 * the activation reads them, and a tile of the grid costs one call per layer instead of one
 * per neuron (the calls' set-up was a tenth of the grid's time). Same operations per element
 * as nn_dense_forward then nn_act_forward. */
FAST void
nn_dense_act_forward (float *z,
                      float *a,
                      size_t ld,
                      const float *restrict x,
                      size_t ldx,
                      const float *restrict w,
                      const float *restrict b,
                      size_t n_in,
                      size_t n_out,
                      size_t n,
                      NnActivation act)
{
  rows_kernel (z, ld, x, ldx, w, n_in, 1, n_in, n_out, n, b);
  if (ld == n)
    act_values (act, a, z, n_out * n);
  else
    for (size_t j = 0; j < n_out; j++)
      act_values (act, a + j * ld, z + j * ld, n);
}

/* ---- dense backward ---- */

/* dx[i][s] = w[0][i] dz[0][s] + w[1][i] dz[1][s] + … */
FAST void
nn_dense_backward_input (float *restrict dx,
                         size_t lddx,
                         const float *restrict dz,
                         size_t lddz,
                         const float *restrict w,
                         size_t n_in,
                         size_t n_out,
                         size_t n)
{
  rows_kernel (dx, lddx, dz, lddz, w, 1, n_in, n_out, n_in, n, NULL);
}

/* t[c][r] = m[r][c] for the first rows8 (a multiple of 8) rows of m (ld apart), cols columns;
 * t's rows are t_ld apart. Each group of 8 is gathered into a register and stored whole: the
 * vector loads that follow then forward from the stores, where 8 scalar stores would stall. */
static inline AI void
transpose8 (float *restrict t,
            size_t t_ld,
            const float *restrict m,
            size_t ld,
            size_t rows8,
            size_t cols)
{
  for (size_t c = 0; c < cols; c++)
    for (size_t r = 0; r < rows8; r += 8)
      {
        const float *p = m + r * ld + c;
        v8f v = { p[0], p[ld], p[2 * ld], p[3 * ld], p[4 * ld], p[5 * ld], p[6 * ld], p[7 * ld] };

        store8 (t + c * t_ld + r, v);
      }
}

/* dw[j][i] += dz[j][s] x[i][s] (s ascending) for 4 neurons x 16 inputs, in 8 independent
 * accumulators; xt is x transposed (row s holds sample s's inputs, n_in apart) */
static inline AI void
params_4x16 (float *restrict dw,
             size_t n_in,
             const float *restrict dz,
             size_t lddz,
             const float *restrict xt,
             size_t n)
{
  float *c0 = dw, *c1 = dw + n_in, *c2 = dw + 2 * n_in, *c3 = dw + 3 * n_in;
  v8f a00 = load8 (c0), a01 = load8 (c0 + 8), a10 = load8 (c1), a11 = load8 (c1 + 8);
  v8f a20 = load8 (c2), a21 = load8 (c2 + 8), a30 = load8 (c3), a31 = load8 (c3 + 8);

  for (size_t s = 0; s < n; s++)
    {
      v8f x0 = load8 (xt + s * n_in), x1 = load8 (xt + s * n_in + 8);
      float d0 = dz[s], d1 = dz[lddz + s], d2 = dz[2 * lddz + s], d3 = dz[3 * lddz + s];

      a00 = a00 + d0 * x0;
      a01 = a01 + d0 * x1;
      a10 = a10 + d1 * x0;
      a11 = a11 + d1 * x1;
      a20 = a20 + d2 * x0;
      a21 = a21 + d2 * x1;
      a30 = a30 + d3 * x0;
      a31 = a31 + d3 * x1;
    }
  store8 (c0, a00);
  store8 (c0 + 8, a01);
  store8 (c1, a10);
  store8 (c1 + 8, a11);
  store8 (c2, a20);
  store8 (c2 + 8, a21);
  store8 (c3, a30);
  store8 (c3 + 8, a31);
}

/* the same for 4 neurons x 8 inputs */
static inline AI void
params_4x8 (float *restrict dw,
            size_t n_in,
            const float *restrict dz,
            size_t lddz,
            const float *restrict xt,
            size_t n)
{
  float *c0 = dw, *c1 = dw + n_in, *c2 = dw + 2 * n_in, *c3 = dw + 3 * n_in;
  v8f a0 = load8 (c0), a1 = load8 (c1), a2 = load8 (c2), a3 = load8 (c3);

  for (size_t s = 0; s < n; s++)
    {
      v8f x0 = load8 (xt + s * n_in);

      a0 = a0 + dz[s] * x0;
      a1 = a1 + dz[lddz + s] * x0;
      a2 = a2 + dz[2 * lddz + s] * x0;
      a3 = a3 + dz[3 * lddz + s] * x0;
    }
  store8 (c0, a0);
  store8 (c1, a1);
  store8 (c2, a2);
  store8 (c3, a3);
}

/* the same for 1 neuron x 8 inputs */
static inline AI void
params_1x8 (float *restrict dw,
            const float *restrict dz,
            const float *restrict xt,
            size_t n_in,
            size_t n)
{
  v8f a = load8 (dw);

  for (size_t s = 0; s < n; s++)
    a = a + dz[s] * load8 (xt + s * n_in);
  store8 (dw, a);
}

/* one weight and one bias, from the untransposed rows */
static inline AI void
params_1x1 (float *restrict dw, const float *restrict dz, const float *restrict x, size_t n)
{
  float a = *dw;

  for (size_t s = 0; s < n; s++)
    a = a + dz[s] * x[s];
  *dw = a;
}

static inline AI void
bias_1 (float *restrict db, const float *restrict dz, size_t n)
{
  float b = *db;

  for (size_t s = 0; s < n; s++)
    b = b + dz[s];
  *db = b;
}

/* dw += dz x^T with vectors along each neuron's inputs: blocks of 4 neurons x 16 / 8 inputs,
 * then single neurons; inputs beyond a multiple of 8 one by one */
static inline AI void
params_by_inputs (float *restrict dw,
                  float *restrict db,
                  const float *restrict dz,
                  size_t lddz,
                  const float *restrict x,
                  size_t ldx,
                  size_t n_in,
                  size_t n_out,
                  size_t n,
                  float *restrict work)
{
  size_t i8 = n_in - n_in % 8;
  size_t j = 0;

  transpose8 (work, n_in, x, ldx, i8, n);
  for (; j + 4 <= n_out; j += 4)
    {
      size_t i = 0;

      for (; i + 16 <= i8; i += 16)
        params_4x16 (dw + j * n_in + i, n_in, dz + j * lddz, lddz, work + i, n);
      for (; i < i8; i += 8)
        params_4x8 (dw + j * n_in + i, n_in, dz + j * lddz, lddz, work + i, n);
    }
  for (; j < n_out; j++)
    for (size_t i = 0; i < i8; i += 8)
      params_1x8 (dw + j * n_in + i, dz + j * lddz, work + i, n_in, n);
  for (j = 0; j < n_out; j++)
    {
      for (size_t i = i8; i < n_in; i++)
        params_1x1 (dw + j * n_in + i, dz + j * lddz, x + i * ldx, n);
      bias_1 (db + j, dz + j * lddz, n);
    }
}

/* the same with 8 neurons per vector (for narrow inputs): dz is transposed into work so that
 * sample s's deltas are contiguous; a weight column is gathered and scattered */
static inline AI void
params_by_neurons (float *restrict dw,
                   float *restrict db,
                   const float *restrict dz,
                   size_t lddz,
                   const float *restrict x,
                   size_t ldx,
                   size_t n_in,
                   size_t n_out,
                   size_t n,
                   float *restrict work)
{
  size_t j8 = n_out - n_out % 8;

  transpose8 (work, n_out, dz, lddz, j8, n);
  for (size_t j = 0; j < j8; j += 8)
    {
      v8f b = load8 (db + j);

      for (size_t i = 0; i < n_in; i++)
        {
          const float *restrict xi = x + i * ldx;
          float *restrict c = dw + j * n_in + i;
          v8f a = { c[0],        c[n_in],     c[2 * n_in], c[3 * n_in],
                    c[4 * n_in], c[5 * n_in], c[6 * n_in], c[7 * n_in] };
          float t[8];

          for (size_t s = 0; s < n; s++)
            a = a + load8 (work + s * n_out + j) * xi[s];
          memcpy (t, &a, sizeof t);
          for (size_t l = 0; l < 8; l++)
            c[l * n_in] = t[l];
        }
      for (size_t s = 0; s < n; s++)
        b = b + load8 (work + s * n_out + j);
      store8 (db + j, b);
    }
  for (size_t j = j8; j < n_out; j++)
    {
      for (size_t i = 0; i < n_in; i++)
        params_1x1 (dw + j * n_in + i, dz + j * lddz, x + i * ldx, n);
      bias_1 (db + j, dz + j * lddz, n);
    }
}

/* dw[j][i] += dz[j][s] x[i][s] and db[j] += dz[j][s], s ascending for every element */
FAST void
nn_dense_backward_params (float *restrict dw,
                          float *restrict db,
                          const float *restrict dz,
                          size_t lddz,
                          const float *restrict x,
                          size_t ldx,
                          size_t n_in,
                          size_t n_out,
                          size_t n,
                          float *restrict work)
{
  if (n_in < 8 && n_out >= 8)
    params_by_neurons (dw, db, dz, lddz, x, ldx, n_in, n_out, n, work);
  else
    params_by_inputs (dw, db, dz, lddz, x, ldx, n_in, n_out, n, work);
}

/* ---- activations ---- */

FAST void
nn_act_forward (NnActivation act, float *a, const float *z, size_t n)
{
  act_values (act, a, z, n);
}

FAST void
nn_act_backward (NnActivation act,
                 float *restrict d,
                 const float *restrict z,
                 const float *restrict a,
                 size_t n)
{
  switch (act)
    {
    case NN_ACT_TANH:
      for (size_t s = 0; s < n; s++)
        d[s] = tanh_grad (d[s], a[s]);
      break;
    case NN_ACT_SIGMOID:
      for (size_t s = 0; s < n; s++)
        d[s] = sigmoid_grad (d[s], a[s]);
      break;
    case NN_ACT_RELU:
      for (size_t s = 0; s < n; s++)
        d[s] = relu_grad (d[s], z[s]);
      break;
    case NN_ACT_LEAKY_RELU:
      for (size_t s = 0; s < n; s++)
        d[s] = leaky_relu_grad (d[s], z[s]);
      break;
    case NN_ACT_LINEAR:
    case NN_ACT_SOFTMAX:
    case NN_N_ACTIVATIONS:
    default:
      break;
    }
}

/* ---- softmax ---- */

#define BLOCK 64 /* samples per block of the softmax kernel's stack rows */

/* in place over k rows of p: m = max, e = exp (z - m), sum ascending, a = e / sum */
FAST void
nn_softmax_forward (float *a, size_t lda, const float *z, size_t ldz, size_t k, size_t n)
{
  if (a != z)
    for (size_t r = 0; r < k; r++)
      memmove (a + r * lda, z + r * ldz, n * sizeof (float));
  for (size_t s0 = 0; s0 < n; s0 += BLOCK)
    {
      size_t m = n - s0 < BLOCK ? n - s0 : BLOCK;
      float mx[BLOCK], sum[BLOCK];
      float *restrict p = a + s0;

      for (size_t s = 0; s < m; s++)
        mx[s] = p[s];
      for (size_t r = 1; r < k; r++)
        {
          float *restrict pr = p + r * lda;

          for (size_t s = 0; s < m; s++)
            mx[s] = pr[s] > mx[s] ? pr[s] : mx[s];
        }
      for (size_t r = 0; r < k; r++)
        {
          float *restrict pr = p + r * lda;

          for (size_t s = 0; s < m; s++)
            pr[s] = nn_expf_inline (pr[s] - mx[s]);
        }
      for (size_t s = 0; s < m; s++)
        sum[s] = p[s];
      for (size_t r = 1; r < k; r++)
        {
          float *restrict pr = p + r * lda;

          for (size_t s = 0; s < m; s++)
            sum[s] = sum[s] + pr[s];
        }
      for (size_t r = 0; r < k; r++)
        {
          float *restrict pr = p + r * lda;

          for (size_t s = 0; s < m; s++)
            pr[s] = pr[s] / sum[s];
        }
    }
}

/* ---- output layer ---- */

FAST NnStatus
nn_output_delta (NnLoss loss,
                 float *restrict d,
                 size_t ldd,
                 const float *restrict a,
                 size_t lda,
                 const float *restrict y,
                 size_t k,
                 size_t n,
                 float scale)
{
  if (loss != NN_LOSS_SOFTMAX_CE)
    {
      for (size_t s = 0; s < n; s++)
        d[s] = output_grad (a[s], y[s], scale);
      return NN_OK;
    }
  if (!classes_valid (y, k, n))
    return NN_ERR_ARG;
  for (size_t r = 0; r < k; r++)
    {
      float *restrict dr = d + r * ldd;
      const float *restrict ar = a + r * lda;
      float cls = (float) r;

      for (size_t s = 0; s < n; s++)
        dr[s] = output_grad (ar[s], y[s] == cls ? 1.0f : 0.0f, scale);
    }
  return NN_OK;
}

/* ---- optimizer ---- */

/* The loops below are inlined with reg and the optimizer constant, one vector loop each. */
static inline uint32_t
update_loop (const NnStep *st,
             NnOptimizer opt,
             NnRegularization reg,
             float *restrict w,
             const float *restrict g,
             float *restrict m,
             float *restrict v,
             size_t n)
{
  float rate = st->reg_rate, gscale = st->gscale;
  uint32_t bad = 0;

  for (size_t i = 0; i < n; i++)
    {
      float ge = effective_grad (reg, rate, gscale, w[i], g[i]);
      float nw;

      if (opt == NN_OPT_SGD)
        nw = sgd_one (st, w[i], ge);
      else if (opt == NN_OPT_MOMENTUM)
        nw = momentum_one (st, w[i], ge, &m[i]);
      else
        nw = adam_one (st, w[i], ge, &m[i], &v[i]);
      w[i] = nw;
      bad |= not_finite (nw);
    }
  return bad;
}

static inline uint32_t
update_reg (const NnStep *st,
            NnOptimizer opt,
            float *restrict w,
            const float *restrict g,
            float *restrict m,
            float *restrict v,
            size_t n)
{
  switch (st->reg)
    {
    case NN_REG_L1:
      return update_loop (st, opt, NN_REG_L1, w, g, m, v, n);
    case NN_REG_L2:
      return update_loop (st, opt, NN_REG_L2, w, g, m, v, n);
    case NN_REG_NONE:
    case NN_N_REGULARIZATIONS:
    default:
      return update_loop (st, opt, NN_REG_NONE, w, g, m, v, n);
    }
}

FAST size_t
nn_update (const NnStep *step,
           float *restrict w,
           const float *restrict g,
           float *restrict m,
           float *restrict v,
           size_t n)
{
  switch (step->optimizer)
    {
    case NN_OPT_MOMENTUM:
      return update_reg (step, NN_OPT_MOMENTUM, w, g, m, v, n);
    case NN_OPT_ADAM:
      return update_reg (step, NN_OPT_ADAM, w, g, m, v, n);
    case NN_OPT_SGD:
    case NN_N_OPTIMIZERS:
    default:
      return update_reg (step, NN_OPT_SGD, w, g, m, v, n);
    }
}

/* partial[e mod 8] += g'(e)^2 in double */
void
nn_grad_sumsq (const NnStep *step, const float *w, const float *g, size_t n, double partial[8])
{
  for (size_t i = 0; i < n; i++)
    {
      double ge = effective_grad (step->reg, step->reg_rate, 1.0f, w[i], g[i]);

      partial[i % 8] += ge * ge;
    }
}
