/* nn-kernels.h: the engine's hot kernels (internal), each a fast version beside a plain `_ref`.
 *
 * Rows are neuron-major: row r of a matrix with leading dimension ld starts at p + r * ld and
 * holds one value per sample. Every output element has one fixed operation order, the same in
 * both versions: z = b + w0*x0 + w1*x1 + … (ascending inputs), gradient sums ascend in sample
 * order. Fast versions vectorise across independent outputs (samples or weights of one row),
 * never inside a reduction, are built for AVX2 and the baseline (target_clones, no FMA: the
 * project builds with -ffp-contract=off) and are bit-identical to the references, which
 * tests/test-engine-kernels.c checks with memcmp.
 *
 * The inline float functions below *define* the engine's exp, tanh and sigmoid: nn-math.c's
 * nn_expf_fast / nn_tanhf_fast / nn_sigmoidf_fast and their array forms are these, so a
 * scalar tail and a vector body always agree bit for bit.
 */
#pragma once

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nn-net.h"

/* NN_FAST marks a kernel built twice, for AVX2 and the baseline, and picked at load time
 * (GCC's target_clones). Clang 14 names its dispatcher `name.ifunc` and calls from other files
 * reach a wrong symbol, so a Clang build (the fuzzing build) has the baseline variant only, as
 * has the test build NN_BASELINE_ONLY: both variants are bit-identical to the references.
 * NN_REF keeps a reference kernel plain (GCC; Clang has no optimize attribute and does not
 * reorder float operations either). */
#if defined(NN_BASELINE_ONLY) || defined(__clang__)
#define NN_FAST
#else
#define NN_FAST __attribute__ ((target_clones ("avx2", "default")))
#endif
#if defined(__clang__)
#define NN_REF
#else
#define NN_REF __attribute__ ((optimize ("no-tree-vectorize")))
#endif

/* ---- the float approximations (see nn-math.c for their measured error bounds) ---- */

/* c ? a : b through an integer mask: GCC turns a float ?: next to a constant into control flow
 * (partial redundancy elimination) that its if-conversion then refuses to vectorise, since a
 * float operation might trap; bit operations keep the loop straight. */
static inline float
nn_selectf (int c, float a, float b)
{
  uint32_t m = -(uint32_t) c, ua, ub, r;
  float f;

  memcpy (&ua, &a, sizeof ua);
  memcpy (&ub, &b, sizeof ub);
  r = (ua & m) | (ub & ~m);
  memcpy (&f, &r, sizeof f);
  return f;
}

/* e^x = 2^k * p(r) for x in [-87, 88] (or NaN): k = round (x / ln 2), r = x - k ln 2
 * (Cody-Waite, |r| <= 0.347), p = Taylor degree 7 evaluated in Estrin's scheme (a short
 * dependency chain), 2^k put straight into the exponent bits. */
static inline float
nn_expf_core (float x)
{
  float t, k, r, r2, r4, p, scale;
  uint32_t tbits, bits;

  t = x * 1.44269504088896341f + 12582912.0f; /* 1.5 * 2^23: t's low bits hold round (x/ln 2) */
  k = t - 12582912.0f;
  r = x - k * 0.693359375f;             /* ln 2 high part: 9 bits, k * hi exact */
  r = r - k * -2.12194440054690583e-4f; /* ln 2 - high part */
  r2 = r * r;
  r4 = r2 * r2;
  p = ((1.0f + r) + r2 * (0.5f + r * (1.0f / 6.0f)))
      + r4 * ((1.0f / 24.0f + r * (1.0f / 120.0f)) + r2 * (1.0f / 720.0f + r * (1.0f / 5040.0f)));
  memcpy (&tbits, &t, sizeof tbits);         /* k = bits (t) - bits (1.5 * 2^23), no float -> */
  bits = (tbits - 0x4b400000u + 127u) << 23; /* int conversion (NaN: any bits, p is NaN) */
  memcpy (&scale, &bits, sizeof scale);
  return p * scale;
}

/* e^x with x clamped to [-87, 88], so that 2^k stays a normal float; NaN stays NaN */
static inline float
nn_expf_inline (float x)
{
  float xc = nn_selectf (x < -87.0f, -87.0f, x); /* NaN compares false and stays NaN */

  return nn_expf_core (nn_selectf (xc > 88.0f, 88.0f, xc));
}

/* tanh x = c P(c^2) / Q(c^2), c = x clamped to [-NN_TANHF_LIMIT, NN_TANHF_LIMIT]: a rational
 * minimax fit of degree 4 over 4 in c^2 (relative error 2.1e-8 on [0, 9] before float rounding;
 * the evaluation's roundings dominate, see nn-math.c), both polynomials divided by Q's leading
 * coefficient so that Q is monic, in Horner's scheme: 9 multiplies, where Estrin's scheme with
 * fabs, copysign and a select cost 12 and 6 more operations (the grid evaluation is bound by
 * the multiply pipes, and a long chain does not hurt a loop over many values). The quotient is
 * odd by itself (c P / Q with even P and Q, IEEE rounding being symmetric), so no fabs nor
 * copysign. The clamp is the only special case: the quotient at the limit is exactly 1, stays
 * <= 1 below it (it first exceeds 1 at 7.98, checked over every float), and the true value is
 * within 2.8e-7 of 1 past it; infinities clamp to +-1, and a NaN x compares false in both ?:
 * and stays NaN. One division and no exponential. The coefficients are the fit's
 * (P: 1, 0.133810252, 0.00349558773, 2.06090772e-05, 1.33546552e-08; Q: 1, 0.467143416,
 * 0.0258769803, 0.000328563416, 7.77655544e-07) divided by 7.77655544e-07, rounded to float. */
#define NN_TANHF_LIMIT 7.90129f

static inline float
nn_tanhf_clamped (float x, float limit)
{
  float c = limit < x ? limit : x;
  float z, p, q;

  c = -limit > c ? -limit : c;
  z = c * c;
  p = 1285916.38f + z * (172068.797f + z * (4495.03369f + z * (26.5015507f + z * 0.0171729699f)));
  q = 1285916.38f + z * (600707.375f + z * (33275.6328f + z * (422.505066f + z)));
  return (c * p) / q;
}

/* the value of @f, hidden from the optimizer: a loop clamping with a constant limit has its ?:
 * turned into control flow (partial redundancy elimination) that GCC does not vectorise, while
 * with a limit it cannot see, each ?: becomes one minps / maxps, whose rule (the second operand
 * when either is NaN) is exactly the C ?: above. Used once per loop, so nothing to pay. */
static inline float
nn_opaquef (float f)
{
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  __asm__("" : "+x"(f));
#endif
  return f;
}

static inline float
nn_tanhf_inline (float x)
{
  return nn_tanhf_clamped (x, NN_TANHF_LIMIT);
}

/* sigmoid x = 1 / (1 + exp (-x)) */
static inline float
nn_sigmoidf_inline (float x)
{
  return 1.0f / (1.0f + nn_expf_inline (-x));
}

/* ---- dense layer ---- */

/* z[j][s] = b[j] + sum_i w[j][i] x[i][s], i ascending (w is n_out x n_in, row-major) */
void nn_dense_forward (float *z,
                       size_t ldz,
                       const float *x,
                       size_t ldx,
                       const float *w,
                       const float *b,
                       size_t n_in,
                       size_t n_out,
                       size_t n);
void nn_dense_forward_ref (float *z,
                           size_t ldz,
                           const float *x,
                           size_t ldx,
                           const float *w,
                           const float *b,
                           size_t n_in,
                           size_t n_out,
                           size_t n);

/* nn_dense_forward (z rows ld apart), then a[j][s] = f(z[j][s]) for a hidden activation (not
 * softmax), a rows ld apart too; a == z keeps only a. Bit-identical to the two kernels in turn
 * (and so to their references). */
void nn_dense_act_forward (float *z,
                           float *a,
                           size_t ld,
                           const float *x,
                           size_t ldx,
                           const float *w,
                           const float *b,
                           size_t n_in,
                           size_t n_out,
                           size_t n,
                           NnActivation act);

/* dx[i][s] = sum_j w[j][i] dz[j][s], j ascending (dL/dx from dL/dz) */
void nn_dense_backward_input (float *dx,
                              size_t lddx,
                              const float *dz,
                              size_t lddz,
                              const float *w,
                              size_t n_in,
                              size_t n_out,
                              size_t n);
void nn_dense_backward_input_ref (float *dx,
                                  size_t lddx,
                                  const float *dz,
                                  size_t lddz,
                                  const float *w,
                                  size_t n_in,
                                  size_t n_out,
                                  size_t n);

/* dw[j][i] += dz[j][s] x[i][s] and db[j] += dz[j][s], for s = 0, 1, … in turn.
 * The fast version needs work: n * max (n_in, n_out) floats (x or dz transposed); the
 * reference ignores it. */
void nn_dense_backward_params (float *dw,
                               float *db,
                               const float *dz,
                               size_t lddz,
                               const float *x,
                               size_t ldx,
                               size_t n_in,
                               size_t n_out,
                               size_t n,
                               float *work);
void nn_dense_backward_params_ref (float *dw,
                                   float *db,
                                   const float *dz,
                                   size_t lddz,
                                   const float *x,
                                   size_t ldx,
                                   size_t n_in,
                                   size_t n_out,
                                   size_t n,
                                   float *work);

/* ---- conv2d and max-pool (nn-conv.c, references in nn-conv-ref.c) ----
 *
 * Feature maps are rows like the dense layer's: pixel (c, y, x) of a c x height x width map is
 * row (c * height + y) * width + x. Conv weights are c_out rows of c_in k k, ci-major, then ky,
 * kx; stride 1 and "same" zero padding: a tap that falls outside the input is skipped (it adds
 * nothing, not a zero product). Sums, for every element:
 *   forward   z[co][y][x] = b[co] + sum over ci, ky, kx ascending of w[co][ci][ky][kx]
 *             x[ci][y + ky - r][x + kx - r]  (r = k / 2)
 *   input     dx[ci][y][x] = 0 + sum over co, ky, kx ascending of w[co][ci][ky][kx]
 *             dz[co][y - ky + r][x - kx + r]
 *   params    sample s's own share c_s = 0 + sum over output pixels (y, x) ascending of
 *             dz[co][y][x] x[ci][y + ky - r][x + kx - r] (bias: of dz[co][y][x]), then
 *             dw += c_0, dw += c_1, … in sample order (so a batch equals its samples in turn).
 * Max-pool: windows of k x k at stride k (sizes floored), z = the first maximum in scan order
 * (ky, then kx): m = x_0, m = x_t > m ? x_t : m; its gradient goes to that input only. */
typedef struct
{
  size_t c_in;   /* input channels (pool: channels) */
  size_t height; /* the input's height and width (conv: also the output's) */
  size_t width;
  size_t c_out;  /* conv: output channels (pool: channels) */
  size_t kernel; /* conv: an odd side; pool: the window side */
} NnConvGeom;

void nn_conv_forward (float *z,
                      size_t ldz,
                      const float *x,
                      size_t ldx,
                      const float *w,
                      const float *b,
                      const NnConvGeom *g,
                      size_t n);
void nn_conv_forward_ref (float *z,
                          size_t ldz,
                          const float *x,
                          size_t ldx,
                          const float *w,
                          const float *b,
                          const NnConvGeom *g,
                          size_t n);
void nn_conv_backward_input (float *dx,
                             size_t lddx,
                             const float *dz,
                             size_t lddz,
                             const float *w,
                             const NnConvGeom *g,
                             size_t n);
void nn_conv_backward_input_ref (float *dx,
                                 size_t lddx,
                                 const float *dz,
                                 size_t lddz,
                                 const float *w,
                                 const NnConvGeom *g,
                                 size_t n);
void nn_conv_backward_params (float *dw,
                              float *db,
                              const float *dz,
                              size_t lddz,
                              const float *x,
                              size_t ldx,
                              const NnConvGeom *g,
                              size_t n);
void nn_conv_backward_params_ref (float *dw,
                                  float *db,
                                  const float *dz,
                                  size_t lddz,
                                  const float *x,
                                  size_t ldx,
                                  const NnConvGeom *g,
                                  size_t n);
/* sample s's own c_s (see above): dw = c_s of each weight, db = c_s of each bias */
void nn_conv_sample_params (float *dw,
                            float *db,
                            const float *dz,
                            size_t lddz,
                            const float *x,
                            size_t ldx,
                            const NnConvGeom *g,
                            size_t s);

void nn_max_pool_forward (float *z,
                          size_t ldz,
                          const float *x,
                          size_t ldx,
                          const NnConvGeom *g,
                          size_t n);
void nn_max_pool_forward_ref (float *z,
                              size_t ldz,
                              const float *x,
                              size_t ldx,
                              const NnConvGeom *g,
                              size_t n);
/* dx = dz at each window's first maximum (found again as the first x equal to z), 0 elsewhere
 * (also for inputs the floored windows leave out) */
void nn_max_pool_backward (float *dx,
                           size_t lddx,
                           const float *dz,
                           size_t lddz,
                           const float *z,
                           size_t ldz,
                           const float *x,
                           size_t ldx,
                           const NnConvGeom *g,
                           size_t n);
void nn_max_pool_backward_ref (float *dx,
                               size_t lddx,
                               const float *dz,
                               size_t lddz,
                               const float *z,
                               size_t ldz,
                               const float *x,
                               size_t ldx,
                               const NnConvGeom *g,
                               size_t n);

/* ---- activations, over n contiguous values (a == z allowed) ---- */

/* a = f(z) for a hidden activation (not softmax) */
void nn_act_forward (NnActivation act, float *a, const float *z, size_t n);
void nn_act_forward_ref (NnActivation act, float *a, const float *z, size_t n);

/* d = d * f'(z) from the kept z and a = f(z): tanh 1 - a^2, sigmoid a (1 - a),
 * relu [z > 0], leaky relu z > 0 ? 1 : 0.01, linear 1 */
void nn_act_backward (NnActivation act, float *d, const float *z, const float *a, size_t n);
void nn_act_backward_ref (NnActivation act, float *d, const float *z, const float *a, size_t n);

/* a[k][s] = exp (z[k][s] - m_s) / sum_k' exp (z[k'][s] - m_s), m_s = max_k z[k][s];
 * k ascending in the sum (a == z allowed) */
void nn_softmax_forward (float *a, size_t lda, const float *z, size_t ldz, size_t k, size_t n);
void nn_softmax_forward_ref (float *a, size_t lda, const float *z, size_t ldz, size_t k, size_t n);

/* dL/dz = (a - t) * scale for sigmoid + BCE, linear + MSE (t = y[s]) and softmax + CE
 * (t = [k == y[s]]); k rows. Returns NN_ERR_ARG (writing nothing) if a class is out of range. */
NnStatus nn_output_delta (NnLoss loss,
                          float *d,
                          size_t ldd,
                          const float *a,
                          size_t lda,
                          const float *y,
                          size_t k,
                          size_t n,
                          float scale);
NnStatus nn_output_delta_ref (NnLoss loss,
                              float *d,
                              size_t ldd,
                              const float *a,
                              size_t lda,
                              const float *y,
                              size_t k,
                              size_t n,
                              float scale);

/* ---- optimizer ---- */

typedef struct
{
  NnOptimizer optimizer;
  NnRegularization reg; /* applied to this segment (NONE for biases) */
  float reg_rate;
  float gscale; /* clipping factor (1 when not clipping) */
  float lr;
  float mu;           /* momentum */
  float beta1, beta2; /* Adam */
  float one_minus_beta1, one_minus_beta2;
  float inv_bc1, inv_bc2; /* 1 / (1 - beta^t), from the running products (in double) */
  float eps;
} NnStep;

/* g' = (g + rate sign(w) | g + rate w | g) * gscale, then
 * SGD: w -= lr g'; momentum: m = mu m + g', w -= lr m;
 * Adam: m = b1 m + (1-b1) g', v = b2 v + (1-b2) g'^2, w -= lr (m c1) / (sqrt (v c2) + eps).
 * Returns nonzero if any of the n parameters is not finite afterwards. */
size_t nn_update (const NnStep *step, float *w, const float *g, float *m, float *v, size_t n);
size_t nn_update_ref (const NnStep *step, float *w, const float *g, float *m, float *v, size_t n);

/* sum of g'^2 (g' as above without gscale) in double, in 8 interleaved partial sums
 * (element e goes to sum e mod 8) added in a fixed tree at the end */
void
nn_grad_sumsq (const NnStep *step, const float *w, const float *g, size_t n, double partial[8]);
