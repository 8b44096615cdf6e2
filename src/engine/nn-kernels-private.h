/* nn-kernels-private.h: the scalar helpers shared by the fast kernels and their references. */
#pragma once

#include "nn-kernels.h"
#include "nn-math.h"

/* ---- vectors ---- */

/* Eight floats, element-wise arithmetic (GCC vector extension): each lane does exactly the
 * scalar code's operations, so results match the reference bit for bit. The AVX2 clone maps
 * it to one ymm register, the baseline clone to two xmm registers. */
typedef float v8f __attribute__ ((vector_size (32)));
/* The helpers taking and returning v8f are always inlined: no call ABI is involved. */
#pragma GCC diagnostic ignored "-Wpsabi"

static inline __attribute__ ((always_inline)) v8f
load8 (const float *p)
{
  v8f v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline __attribute__ ((always_inline)) void
store8 (float *p, v8f v)
{
  memcpy (p, &v, sizeof v);
}

static inline __attribute__ ((always_inline)) v8f
splat8 (float f)
{
  v8f v = { f, f, f, f, f, f, f, f };

  return v;
}

#define AI __attribute__ ((always_inline))

/* ---- activations ---- */

/* relu a = z < 0 ? 0 : z (NaN stays NaN); leaky relu a = z < 0 ? 0.01 z : z */
static inline float
relu (float z)
{
  return nn_selectf (z < 0.0f, 0.0f, z);
}

static inline float
leaky_relu (float z)
{
  return nn_selectf (z < 0.0f, 0.01f * z, z);
}

/* tanh: d (1 - a a); sigmoid: d (a (1 - a)); relu: z > 0 ? d : 0; leaky: z > 0 ? d : 0.01 d */
static inline float
tanh_grad (float d, float a)
{
  return d * (1.0f - a * a);
}

static inline float
sigmoid_grad (float d, float a)
{
  return d * (a * (1.0f - a));
}

static inline float
relu_grad (float d, float z)
{
  return nn_selectf (z > 0.0f, d, 0.0f);
}

static inline float
leaky_relu_grad (float d, float z)
{
  return nn_selectf (z > 0.0f, d, 0.01f * d);
}

/* ---- output layer ---- */

static inline int
classes_valid (const float *y, size_t k, size_t n)
{
  for (size_t s = 0; s < n; s++)
    if (!(y[s] >= 0.0f && y[s] < (float) k && y[s] == (float) (size_t) y[s]))
      return 0;
  return 1;
}

/* (a - t) scale */
static inline float
output_grad (float a, float t, float scale)
{
  return (a - t) * scale;
}

/* ---- optimizer ---- */

/* g' = (g + rate sign (w)) or (g + rate w) or g, times the clipping factor */
static inline float
effective_grad (NnRegularization reg, float rate, float gscale, float w, float g)
{
  float ge = g;

  if (reg == NN_REG_L1)
    ge = ge + rate * nn_selectf (w > 0.0f, 1.0f, nn_selectf (w < 0.0f, -1.0f, 0.0f));
  else if (reg == NN_REG_L2)
    ge = ge + rate * w;
  return ge * gscale;
}

static inline uint32_t
not_finite (float w)
{
  uint32_t u;

  memcpy (&u, &w, sizeof u);
  return (u & 0x7f800000u) == 0x7f800000u;
}

/* w -= lr g' */
static inline float
sgd_one (const NnStep *st, float w, float ge)
{
  return w - st->lr * ge;
}

/* m = mu m + g'; w -= lr m */
static inline float
momentum_one (const NnStep *st, float w, float ge, float *m)
{
  float mm = st->mu * *m + ge;

  *m = mm;
  return w - st->lr * mm;
}

/* m = b1 m + (1-b1) g'; v = b2 v + (1-b2) g'^2; w -= lr (m c1) / (sqrt (v c2) + eps),
 * c = 1 / (1 - beta^t) */
static inline float
adam_terms (const NnStep *st, float w, float ge, float *m, float *v, float *m_hat, float *v_hat)
{
  float mm = st->beta1 * *m + st->one_minus_beta1 * ge;
  float vv = st->beta2 * *v + st->one_minus_beta2 * (ge * ge);
  float mh = mm * st->inv_bc1;
  float vh = vv * st->inv_bc2;

  *m = mm;
  *v = vv;
  *m_hat = mh;
  *v_hat = vh;
  return w - st->lr * (mh / (sqrtf (vh) + st->eps));
}

/* the same, keeping only the moments (m̂ and v̂ are the step-through's: adam_terms) */
static inline float
adam_one (const NnStep *st, float w, float ge, float *m, float *v)
{
  float mh, vh;

  return adam_terms (st, w, ge, m, v, &mh, &vh);
}
