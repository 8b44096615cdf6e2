/* ns-render-space-axes.c: the two principal axes of a layer's activations (NsSpaceAxes), by
 * power iteration on their covariance. Its own file because it is numerical work with no drawing
 * in it: ns-render-space.c only projects onto the axes its caller computed here. */
#include "ns-render-space-private.h"

#include <math.h>
#include <string.h>

#define POWER_ITERATIONS 1000

/* ---- principal axes ---- */

void
ns_space_axes_clear (NsSpaceAxes *axes)
{
  g_return_if_fail (axes != NULL);

  g_free (axes->axis[0]); /* one block holds both axes */
  memset (axes, 0, sizeof *axes);
}

static void
axes_alloc (NsSpaceAxes *axes, guint width)
{
  ns_space_axes_clear (axes);
  axes->width = width;
  axes->axis[0] = g_new0 (double, 2 * (size_t) width);
  axes->axis[1] = axes->axis[0] + width;
}

static double
normalize (double *v, guint width)
{
  double norm = 0;

  for (guint j = 0; j < width; j++)
    norm += v[j] * v[j];
  norm = sqrt (norm);
  if (norm > 0)
    for (guint j = 0; j < width; j++)
      v[j] /= norm;
  return norm;
}

/* The largest-magnitude component positive (the first of equals), so the sign does not depend
 * on where the iteration started. */
static void
fix_sign (double *v, guint width)
{
  guint best = 0;

  for (guint j = 1; j < width; j++)
    if (fabs (v[j]) > fabs (v[best]))
      best = j;
  if (v[best] < 0)
    for (guint j = 0; j < width; j++)
      v[j] = -v[j];
}

/* Power iteration for the dominant eigenvector of the symmetric matrix c into v; returns its
 * eigenvalue, 0 when c is (numerically) zero. Starts from c's column with the largest diagonal,
 * which lies in c's range, so it is never orthogonal to every dominant eigenvector. */
static double
power_iterate (const double *c, guint width, double *v, double *tmp)
{
  guint start = 0;
  double lambda = 0;

  for (guint j = 1; j < width; j++)
    if (c[(size_t) j * width + j] > c[(size_t) start * width + start])
      start = j;
  if (!(c[(size_t) start * width + start] > 0))
    return 0;

  for (guint j = 0; j < width; j++)
    v[j] = c[(size_t) j * width + start];
  if (normalize (v, width) == 0)
    return 0;

  for (int it = 0; it < POWER_ITERATIONS; it++)
    {
      double change = 0;

      for (guint i = 0; i < width; i++)
        {
          double sum = 0;

          for (guint j = 0; j < width; j++)
            sum += c[(size_t) i * width + j] * v[j];
          tmp[i] = sum;
        }
      lambda = normalize (tmp, width);
      if (lambda == 0)
        return 0;
      for (guint j = 0; j < width; j++)
        {
          change = MAX (change, fabs (tmp[j] - v[j]));
          v[j] = tmp[j];
        }
      if (change < 1e-13)
        break;
    }
  return lambda;
}

gboolean
ns_space_axes_compute (NsSpaceAxes *axes, const float *rows, size_t n, guint width)
{
  g_autofree double *mean = NULL;
  g_autofree double *c = NULL;
  g_autofree double *tmp = NULL;
  double *a0, *a1;
  size_t used = 0;
  double lambda0, lambda1, dot;

  g_return_val_if_fail (axes != NULL, FALSE);
  g_return_val_if_fail (width >= 2, FALSE);
  g_return_val_if_fail (rows != NULL || n == 0, FALSE);

  axes_alloc (axes, width);
  a0 = axes->axis[0];
  a1 = axes->axis[1];
  mean = g_new0 (double, width);
  c = g_new0 (double, (size_t) width *width);
  tmp = g_new (double, width);

  for (size_t s = 0; s < n; s++)
    {
      gboolean finite = TRUE;

      for (guint j = 0; j < width && finite; j++)
        finite = isfinite (rows[(size_t) j * n + s]);
      if (!finite)
        continue;
      used++;
      for (guint j = 0; j < width; j++)
        mean[j] += rows[(size_t) j * n + s];
    }
  if (used == 0)
    {
      a0[0] = 1;
      a1[1] = 1;
      return FALSE;
    }
  for (guint j = 0; j < width; j++)
    mean[j] /= (double) used;

  /* Covariance, upper triangle then mirrored (same sums, symmetric to the bit). */
  for (size_t s = 0; s < n; s++)
    {
      gboolean finite = TRUE;

      for (guint j = 0; j < width && finite; j++)
        finite = isfinite (rows[(size_t) j * n + s]);
      if (!finite)
        continue;
      for (guint i = 0; i < width; i++)
        {
          double di = rows[(size_t) i * n + s] - mean[i];

          for (guint j = i; j < width; j++)
            c[(size_t) i * width + j] += di * (rows[(size_t) j * n + s] - mean[j]);
        }
    }
  for (guint i = 0; i < width; i++)
    for (guint j = i; j < width; j++)
      {
        c[(size_t) i * width + j] /= (double) used;
        c[(size_t) j * width + i] = c[(size_t) i * width + j];
      }

  lambda0 = power_iterate (c, width, a0, tmp);
  if (lambda0 == 0)
    {
      /* All points at one place: any axes are as good; the neurons are the plainest. */
      memset (a0, 0, sizeof (double) * width);
      a0[0] = 1;
    }
  fix_sign (a0, width);

  /* Deflate: c - lambda0 a0 a0^T leaves the rest of the spectrum. */
  for (guint i = 0; i < width; i++)
    for (guint j = 0; j < width; j++)
      c[(size_t) i * width + j] -= lambda0 * a0[i] * a0[j];
  lambda1 = power_iterate (c, width, a1, tmp);
  if (lambda1 <= 1e-12 * MAX (lambda0, 1e-300))
    {
      /* Rank one: the unit vector least along a0, made orthogonal to it. */
      guint least = 0;

      for (guint j = 1; j < width; j++)
        if (fabs (a0[j]) < fabs (a0[least]))
          least = j;
      memset (a1, 0, sizeof (double) * width);
      a1[least] = 1;
      lambda1 = 0;
    }
  /* Gram-Schmidt once more against rounding, so the axes are orthonormal to double precision. */
  dot = 0;
  for (guint j = 0; j < width; j++)
    dot += a0[j] * a1[j];
  for (guint j = 0; j < width; j++)
    a1[j] -= dot * a0[j];
  normalize (a1, width);
  fix_sign (a1, width);

  axes->variance[0] = lambda0;
  axes->variance[1] = lambda1;
  return TRUE;
}

double
ns_space_axes_project (const NsSpaceAxes *axes, guint k, const float *h, size_t stride)
{
  double sum = 0;

  g_return_val_if_fail (axes != NULL && k < 2 && h != NULL, NAN);
  g_return_val_if_fail (axes->width > 0, NAN);

  for (guint j = 0; j < axes->width; j++)
    sum += axes->axis[k][j] * (double) h[(size_t) j * stride];
  return sum;
}

gboolean
ns_space_axes_compute_from (NsSpaceAxes *axes, NsExperiment *experiment)
{
  const NnNet *net;
  const NsDataset *data;
  size_t layer, width;
  g_autofree float *xy = NULL;
  g_autofree float *x = NULL;
  g_autofree float *out = NULL;
  guint n;

  g_return_val_if_fail (axes != NULL, FALSE);
  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), FALSE);

  net = ns_experiment_get_net (experiment);
  data = ns_experiment_get_dataset (experiment);
  if (net->n_layers < 2 || nn_net_layer_width (net, net->n_layers - 2) < 2)
    {
      ns_space_axes_clear (axes);
      return FALSE;
    }
  layer = net->n_layers - 2;
  width = nn_net_layer_width (net, layer);
  n = data->n_train;
  if (n == 0)
    return ns_space_axes_compute (axes, NULL, 0, (guint) width);

  xy = g_new (float, 2 * (size_t) n);
  x = g_new (float, (size_t) n * net->n_inputs);
  out = g_new (float, (size_t) n * net->n_units);
  ns_render_space_point_inputs (experiment, data, n, xy, x);
  if (nn_net_eval_grid (net, x, n, out) != NN_OK)
    return ns_space_axes_compute (axes, NULL, 0, (guint) width);
  return ns_space_axes_compute (axes, out + nn_net_unit_index (net, layer, 0) * (size_t) n, n,
                                (guint) width);
}
