/* nn-kernels-ref.c: the plain reference kernels, one element at a time (see nn-kernels.h). */
#include "nn-kernels.h"

#include "nn-kernels-private.h"

/* REF functions are the same maths as the fast kernels in nn-kernels.c written plainly, one
 * element at a time, with vectorisation off. */
#define REF NN_REF

/* ---- dense forward ---- */

REF void
nn_dense_forward_ref (float *z,
                      size_t ldz,
                      const float *x,
                      size_t ldx,
                      const float *w,
                      const float *b,
                      size_t n_in,
                      size_t n_out,
                      size_t n)
{
  for (size_t j = 0; j < n_out; j++)
    for (size_t s = 0; s < n; s++)
      {
        float acc = b[j];

        for (size_t i = 0; i < n_in; i++)
          acc = acc + w[j * n_in + i] * x[i * ldx + s];
        z[j * ldz + s] = acc;
      }
}

/* ---- dense backward ---- */

REF void
nn_dense_backward_input_ref (float *dx,
                             size_t lddx,
                             const float *dz,
                             size_t lddz,
                             const float *w,
                             size_t n_in,
                             size_t n_out,
                             size_t n)
{
  for (size_t i = 0; i < n_in; i++)
    for (size_t s = 0; s < n; s++)
      {
        float acc = w[i] * dz[s];

        for (size_t j = 1; j < n_out; j++)
          acc = acc + w[j * n_in + i] * dz[j * lddz + s];
        dx[i * lddx + s] = acc;
      }
}

REF void
nn_dense_backward_params_ref (float *dw,
                              float *db,
                              const float *dz,
                              size_t lddz,
                              const float *x,
                              size_t ldx,
                              size_t n_in,
                              size_t n_out,
                              size_t n,
                              float *work)
{
  (void) work;
  for (size_t s = 0; s < n; s++)
    for (size_t j = 0; j < n_out; j++)
      {
        float d = dz[j * lddz + s];

        for (size_t i = 0; i < n_in; i++)
          dw[j * n_in + i] = dw[j * n_in + i] + d * x[i * ldx + s];
        db[j] = db[j] + d;
      }
}

/* ---- activations ---- */

REF void
nn_act_forward_ref (NnActivation act, float *a, const float *z, size_t n)
{
  for (size_t s = 0; s < n; s++)
    {
      float v = z[s];

      switch (act)
        {
        case NN_ACT_TANH:
          v = nn_tanhf_fast (v);
          break;
        case NN_ACT_SIGMOID:
          v = nn_sigmoidf_fast (v);
          break;
        case NN_ACT_RELU:
          v = relu (v);
          break;
        case NN_ACT_LEAKY_RELU:
          v = leaky_relu (v);
          break;
        case NN_ACT_LINEAR:
        case NN_ACT_SOFTMAX:
        case NN_N_ACTIVATIONS:
        default:
          break;
        }
      a[s] = v;
    }
}

REF void
nn_act_backward_ref (NnActivation act, float *d, const float *z, const float *a, size_t n)
{
  for (size_t s = 0; s < n; s++)
    switch (act)
      {
      case NN_ACT_TANH:
        d[s] = tanh_grad (d[s], a[s]);
        break;
      case NN_ACT_SIGMOID:
        d[s] = sigmoid_grad (d[s], a[s]);
        break;
      case NN_ACT_RELU:
        d[s] = relu_grad (d[s], z[s]);
        break;
      case NN_ACT_LEAKY_RELU:
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

REF void
nn_softmax_forward_ref (float *a, size_t lda, const float *z, size_t ldz, size_t k, size_t n)
{
  for (size_t s = 0; s < n; s++)
    {
      float mx = z[s];
      float sum;

      for (size_t r = 1; r < k; r++)
        mx = z[r * ldz + s] > mx ? z[r * ldz + s] : mx;
      for (size_t r = 0; r < k; r++)
        a[r * lda + s] = nn_expf_fast (z[r * ldz + s] - mx);
      sum = a[s];
      for (size_t r = 1; r < k; r++)
        sum = sum + a[r * lda + s];
      for (size_t r = 0; r < k; r++)
        a[r * lda + s] = a[r * lda + s] / sum;
    }
}

/* ---- output layer ---- */

REF NnStatus
nn_output_delta_ref (NnLoss loss,
                     float *d,
                     size_t ldd,
                     const float *a,
                     size_t lda,
                     const float *y,
                     size_t k,
                     size_t n,
                     float scale)
{
  if (loss == NN_LOSS_SOFTMAX_CE && !classes_valid (y, k, n))
    return NN_ERR_ARG;
  for (size_t s = 0; s < n; s++)
    {
      if (loss != NN_LOSS_SOFTMAX_CE)
        {
          d[s] = output_grad (a[s], y[s], scale);
          continue;
        }
      for (size_t r = 0; r < k; r++)
        {
          float t = (size_t) y[s] == r ? 1.0f : 0.0f;
          d[r * ldd + s] = output_grad (a[r * lda + s], t, scale);
        }
    }
  return NN_OK;
}

/* ---- optimizer ---- */

REF size_t
nn_update_ref (const NnStep *step, float *w, const float *g, float *m, float *v, size_t n)
{
  size_t bad = 0;

  for (size_t i = 0; i < n; i++)
    {
      float ge = effective_grad (step->reg, step->reg_rate, step->gscale, w[i], g[i]);

      switch (step->optimizer)
        {
        case NN_OPT_MOMENTUM:
          w[i] = momentum_one (step, w[i], ge, &m[i]);
          break;
        case NN_OPT_ADAM:
          w[i] = adam_one (step, w[i], ge, &m[i], &v[i]);
          break;
        case NN_OPT_SGD:
        case NN_N_OPTIMIZERS:
        default:
          w[i] = sgd_one (step, w[i], ge);
          break;
        }
      bad |= not_finite (w[i]);
    }
  return bad;
}
