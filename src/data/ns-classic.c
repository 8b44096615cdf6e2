/* ns-classic.c: logistic regression and k-nearest neighbours (see ns-classic.h). */

#include "ns-classic.h"

#include <math.h>
#include <string.h>

#include "nn-math.h"
#include "ns-dataset.h"

#define POWER_ITERATIONS 30
#define CURVATURE_MARGIN 1.1

struct _NsClassic
{
  NsClassicKind kind;
  guint dim;       /* inputs per sample */
  guint n_classes; /* classes 0..n_classes-1 */
  double *mean;    /* dim: the training set's mean (0 when not standardising) */
  double *scale;   /* dim: 1 / deviation (1 for a constant feature or when not standardising) */
  /* Logistic regression. */
  double *weights; /* n_classes x (dim + 1): class k's weights, then its bias */
  /* k-nearest neighbours. */
  guint k;
  gsize n_train;
  float *train;  /* dim x n_train: feature-major, so a query's distances vectorise */
  guint *labels; /* n_train */
};

static const struct
{
  const char *id;
  const char *name;
} kind_info[NS_N_CLASSIC_KINDS] = {
  [NS_CLASSIC_LOGREG] = { "logreg", "Logistic regression" },
  [NS_CLASSIC_KNN] = { "knn", "k-nearest neighbours" },
};

G_DEFINE_QUARK (ns - classic - error - quark, ns_classic_error)

void
ns_classic_params_init (NsClassicParams *params)
{
  g_return_if_fail (params != NULL);
  params->iterations = 100;
  params->l2 = 1e-3;
  params->step_scale = 1;
  params->k = 5;
  params->standardise = TRUE;
  params->stop = NULL;
  params->stop_data = NULL;
}

const char *
ns_classic_kind_id (NsClassicKind kind)
{
  g_return_val_if_fail ((guint) kind < NS_N_CLASSIC_KINDS, NULL);
  return kind_info[kind].id;
}

const char *
ns_classic_kind_name (NsClassicKind kind)
{
  g_return_val_if_fail ((guint) kind < NS_N_CLASSIC_KINDS, NULL);
  return kind_info[kind].name;
}

int
ns_classic_kind_from_id (const char *id)
{
  g_return_val_if_fail (id != NULL, -1);
  for (int k = 0; k < NS_N_CLASSIC_KINDS; k++)
    if (strcmp (id, kind_info[k].id) == 0)
      return k;
  return -1;
}

NsClassicKind
ns_classic_get_kind (const NsClassic *model)
{
  g_return_val_if_fail (model != NULL, NS_CLASSIC_LOGREG);
  return model->kind;
}

guint
ns_classic_get_dim (const NsClassic *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->dim;
}

guint
ns_classic_get_n_classes (const NsClassic *model)
{
  g_return_val_if_fail (model != NULL, 0);
  return model->n_classes;
}

void
ns_classic_free (NsClassic *model)
{
  if (model == NULL)
    return;
  g_free (model->mean);
  g_free (model->scale);
  g_free (model->weights);
  g_free (model->train);
  g_free (model->labels);
  g_free (model);
}

/* The training set's mean and 1 / deviation per feature. */
static void
fit_standardiser (NsClassic *model, const float *x, gsize n)
{
  guint dim = model->dim;

  for (guint j = 0; j < dim; j++)
    {
      double sum = 0, sq = 0, mean, var;

      for (gsize s = 0; s < n; s++)
        sum += x[s * dim + j];
      mean = sum / (double) n;
      for (gsize s = 0; s < n; s++)
        {
          double d = x[s * dim + j] - mean;

          sq += d * d;
        }
      var = sq / (double) n;
      model->mean[j] = mean;
      model->scale[j] = var > 1e-24 ? 1 / sqrt (var) : 1;
    }
}

/* Softmax of logits (n_classes) in place, with the engine's exp. */
static void
softmax (double *z, guint n_classes)
{
  double max = z[0], sum = 0;

  for (guint k = 1; k < n_classes; k++)
    max = MAX (max, z[k]);
  for (guint k = 0; k < n_classes; k++)
    {
      z[k] = nn_exp (z[k] - max);
      sum += z[k];
    }
  for (guint k = 0; k < n_classes; k++)
    z[k] /= sum;
}

/* sum_i a[i] b[i] in four interleaved partial sums (i mod 4), added as (0 + 1) + (2 + 3): a
 * fixed order, so the same on every machine, and four chains the processor can overlap. */
static double
dot (const float *a, const double *b, gsize n)
{
  double acc[4] = { 0, 0, 0, 0 };
  gsize i = 0;

  for (; i + 4 <= n; i += 4)
    for (guint l = 0; l < 4; l++)
      acc[l] += a[i + l] * b[i + l];
  for (; i < n; i++)
    acc[i % 4] += a[i] * b[i];
  return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

/* y += alpha x */
static void
axpy (double *restrict y, double alpha, const float *restrict x, gsize n)
{
  for (gsize i = 0; i < n; i++)
    y[i] += alpha * x[i];
}

/* lambda_max of Z'Z / n for the standardised inputs with a column of ones (z, n x cols,
 * sample-major: one pass over it per iteration). */
static double
largest_eigenvalue (const float *z, gsize n, guint cols)
{
  g_autofree double *v = g_new (double, cols);
  g_autofree double *u = g_new (double, cols);
  double lambda = 0;

  for (guint j = 0; j < cols; j++)
    v[j] = 1 / sqrt ((double) cols);
  for (int it = 0; it < POWER_ITERATIONS; it++)
    {
      double norm = 0;

      /* u = Z' (Z v) / n */
      memset (u, 0, cols * sizeof (double));
      for (gsize s = 0; s < n; s++)
        axpy (u, dot (z + s * cols, v, cols), z + s * cols, cols);
      for (guint j = 0; j < cols; j++)
        {
          u[j] /= (double) n;
          norm += u[j] * u[j];
        }
      norm = sqrt (norm);
      if (norm == 0)
        return 0;
      /* |Av| with |v| = 1 converges to lambda_max from below. */
      lambda = norm;
      for (guint j = 0; j < cols; j++)
        v[j] = u[j] / norm;
    }
  return lambda;
}

/* Mean cross-entropy gradient plus the penalty's, at weights w (K x cols, class-major; column
 * dim the biases), into grad (same layout), in one pass over z; p is K scratch. */
static void
logreg_gradient (const float *z,
                 const guint *labels,
                 gsize n,
                 guint dim,
                 guint n_classes,
                 double l2,
                 const double *w,
                 double *grad,
                 double *p)
{
  guint cols = dim + 1;

  memset (grad, 0, (gsize) n_classes * cols * sizeof (double));
  for (gsize s = 0; s < n; s++)
    {
      const float *row = z + s * cols;

      for (guint k = 0; k < n_classes; k++)
        p[k] = dot (row, w + (gsize) k * cols, cols);
      softmax (p, n_classes);
      /* dL/dlogit = softmax - onehot(label) */
      p[labels[s]] -= 1;
      for (guint k = 0; k < n_classes; k++)
        axpy (grad + (gsize) k * cols, p[k], row, cols);
    }
  for (guint k = 0; k < n_classes; k++)
    for (guint j = 0; j < cols; j++)
      {
        gsize i = (gsize) k * cols + j;

        grad[i] /= (double) n;
        if (j < dim)
          grad[i] += l2 * w[i];
      }
}

static gboolean
train_logreg (NsClassic *model,
              const NsClassicParams *params,
              const float *x,
              const guint *labels,
              gsize n)
{
  guint dim = model->dim, cols = dim + 1, n_classes = model->n_classes;
  gsize n_weights = (gsize) cols * n_classes;
  /* The standardised inputs in float: half the memory to stream each iteration. */
  g_autofree float *z = g_new (float, n *cols);
  g_autofree double *previous = g_new0 (double, n_weights);
  g_autofree double *look = g_new (double, n_weights);
  g_autofree double *grad = g_new (double, n_weights);
  g_autofree double *p = g_new (double, n_classes);
  double *w = model->weights;
  double curvature, step;

  fit_standardiser (model, x, n);
  for (gsize s = 0; s < n; s++)
    {
      for (guint j = 0; j < dim; j++)
        z[s * cols + j] = (float) ((x[s * dim + j] - model->mean[j]) * model->scale[j]);
      z[s * cols + dim] = 1;
    }

  curvature = CURVATURE_MARGIN * largest_eigenvalue (z, n, cols) / 2 + params->l2;
  step = params->step_scale / MAX (curvature, 1e-12);

  /* Nesterov: look = w + t / (t + 3) (w - previous); w' = look - step grad(look). */
  memset (w, 0, n_weights * sizeof (double));
  for (guint t = 0; t < params->iterations; t++)
    {
      double momentum = (double) t / (t + 3);

      if (params->stop != NULL && params->stop (params->stop_data))
        return FALSE;

      for (gsize i = 0; i < n_weights; i++)
        look[i] = w[i] + momentum * (w[i] - previous[i]);
      logreg_gradient (z, labels, n, dim, n_classes, params->l2, look, grad, p);
      memcpy (previous, w, n_weights * sizeof (double));
      for (gsize i = 0; i < n_weights; i++)
        w[i] = look[i] - step * grad[i];
    }
  return TRUE;
}

static void
train_knn (NsClassic *model,
           const NsClassicParams *params,
           const float *x,
           const guint *labels,
           gsize n)
{
  guint dim = model->dim;

  if (params->standardise)
    fit_standardiser (model, x, n);
  else
    for (guint j = 0; j < dim; j++)
      {
        model->mean[j] = 0;
        model->scale[j] = 1;
      }
  model->k = (guint) MIN ((gsize) params->k, n);
  model->n_train = n;
  model->train = g_new (float, n *dim);
  model->labels = g_memdup2 (labels, n * sizeof (guint));
  for (guint j = 0; j < dim; j++)
    for (gsize s = 0; s < n; s++)
      model->train[j * n + s] = (float) ((x[s * dim + j] - model->mean[j]) * model->scale[j]);
}

NsClassic *
ns_classic_train (NsClassicKind kind,
                  const NsClassicParams *params,
                  const float *x,
                  const float *y,
                  gsize n,
                  guint dim,
                  guint n_classes,
                  GError **error)
{
  NsClassicParams defaults;
  g_autoptr (NsClassic) model = NULL;
  g_autofree guint *labels = NULL;
  gsize size;

  g_return_val_if_fail ((guint) kind < NS_N_CLASSIC_KINDS, NULL);
  g_return_val_if_fail (x != NULL || n == 0, NULL);
  g_return_val_if_fail (y != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params == NULL)
    {
      ns_classic_params_init (&defaults);
      params = &defaults;
    }
  if (n == 0)
    {
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY, "%s: no training samples",
                   kind_info[kind].name);
      return NULL;
    }
  if (dim == 0 || n_classes < 2 || !g_size_checked_mul (&size, n, dim))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: needs at least one input and two classes (got %u inputs, %u classes)",
                   kind_info[kind].name, dim, n_classes);
      return NULL;
    }
  if (kind == NS_CLASSIC_KNN && params->k == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "k-nearest neighbours: k must be at least 1");
      return NULL;
    }
  if (kind == NS_CLASSIC_LOGREG
      && (!isfinite (params->l2) || params->l2 < 0 || !isfinite (params->step_scale)
          || params->step_scale <= 0 || params->step_scale > 2))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Logistic regression: l2 must be >= 0 and step_scale in (0, 2] (got %g, %g)",
                   params->l2, params->step_scale);
      return NULL;
    }

  labels = g_new (guint, n);
  for (gsize s = 0; s < n; s++)
    {
      float label = y[s];

      if (!(label >= 0 && label < (float) n_classes && label == floorf (label)))
        {
          g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_LABEL,
                       "%s: sample %" G_GSIZE_FORMAT ": label %g is not a class index 0..%u",
                       kind_info[kind].name, s + 1, (double) label, n_classes - 1);
          return NULL;
        }
      labels[s] = (guint) label;
      for (guint j = 0; j < dim; j++)
        if (!isfinite (x[s * dim + j]))
          {
            g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_NUMBER,
                         "%s: sample %" G_GSIZE_FORMAT ", input %u: %g is not a finite number",
                         kind_info[kind].name, s + 1, j + 1, (double) x[s * dim + j]);
            return NULL;
          }
    }

  model = g_new0 (NsClassic, 1);
  model->kind = kind;
  model->dim = dim;
  model->n_classes = n_classes;
  model->mean = g_new (double, dim);
  model->scale = g_new (double, dim);
  if (kind == NS_CLASSIC_LOGREG)
    {
      model->weights = g_new (double, ((gsize) dim + 1) * n_classes);
      if (!train_logreg (model, params, x, labels, n))
        {
          g_set_error (error, NS_CLASSIC_ERROR, NS_CLASSIC_ERROR_STOPPED, "%s: stopped",
                       kind_info[kind].name);
          return NULL;
        }
    }
  else
    train_knn (model, params, x, labels, n);
  return g_steal_pointer (&model);
}

/* Index of the largest value (the first on ties). */
static guint
argmax (const double *v, guint n)
{
  guint best = 0;

  for (guint k = 1; k < n; k++)
    if (v[k] > v[best])
      best = k;
  return best;
}

static void
predict_logreg (const NsClassic *model, const float *x, gsize n, guint *out_class, float *out_prob)
{
  guint dim = model->dim, cols = dim + 1, n_classes = model->n_classes;
  g_autofree double *p = g_new (double, n_classes);
  g_autofree float *z = g_new (float, cols);

  for (gsize s = 0; s < n; s++)
    {
      /* The same standardisation and sums as in training. */
      for (guint j = 0; j < dim; j++)
        z[j] = (float) ((x[s * dim + j] - model->mean[j]) * model->scale[j]);
      z[dim] = 1;
      for (guint k = 0; k < n_classes; k++)
        p[k] = dot (z, model->weights + (gsize) k * cols, cols);
      softmax (p, n_classes);
      if (out_class != NULL)
        out_class[s] = argmax (p, n_classes);
      if (out_prob != NULL)
        for (guint k = 0; k < n_classes; k++)
          out_prob[s * n_classes + k] = (float) p[k];
    }
}

static void
predict_knn (const NsClassic *model, const float *x, gsize n, guint *out_class, float *out_prob)
{
  guint dim = model->dim, n_classes = model->n_classes, k = model->k;
  gsize n_train = model->n_train;
  g_autofree float *query = g_new (float, dim);
  g_autofree float *dist = g_new (float, n_train);
  g_autofree float *best_dist = g_new (float, k);
  g_autofree gsize *best = g_new (gsize, k);
  g_autofree double *votes = g_new (double, n_classes);
  g_autofree guint *nearest_rank = g_new (guint, n_classes);

  for (gsize s = 0; s < n; s++)
    {
      guint found = 0, winner = 0;

      for (guint j = 0; j < dim; j++)
        query[j] = (float) ((x[s * dim + j] - model->mean[j]) * model->scale[j]);
      memset (dist, 0, n_train * sizeof (float));
      for (guint j = 0; j < dim; j++)
        {
          const float *column = model->train + (gsize) j * n_train;
          float q = query[j];

          for (gsize i = 0; i < n_train; i++)
            {
              float d = column[i] - q;

              dist[i] += d * d;
            }
        }

      /* The k nearest, kept sorted by (distance, index): a later sample at an equal distance
       * goes after the earlier ones. */
      for (gsize i = 0; i < n_train; i++)
        {
          guint pos;

          if (found == k && !(dist[i] < best_dist[k - 1]))
            continue;
          pos = found < k ? found++ : k - 1;
          while (pos > 0 && best_dist[pos - 1] > dist[i])
            {
              best_dist[pos] = best_dist[pos - 1];
              best[pos] = best[pos - 1];
              pos--;
            }
          best_dist[pos] = dist[i];
          best[pos] = i;
        }

      for (guint c = 0; c < n_classes; c++)
        {
          votes[c] = 0;
          nearest_rank[c] = G_MAXUINT;
        }
      for (guint r = 0; r < found; r++)
        {
          guint c = model->labels[best[r]];

          votes[c] += 1;
          nearest_rank[c] = MIN (nearest_rank[c], r);
        }
      for (guint c = 1; c < n_classes; c++)
        if (votes[c] > votes[winner]
            || (votes[c] == votes[winner] && nearest_rank[c] < nearest_rank[winner]))
          winner = c;
      if (out_class != NULL)
        out_class[s] = winner;
      if (out_prob != NULL)
        for (guint c = 0; c < n_classes; c++)
          out_prob[s * n_classes + c] = (float) (votes[c] / found);
    }
}

void
ns_classic_predict (const NsClassic *model,
                    const float *x,
                    gsize n,
                    guint *out_class,
                    float *out_prob)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (x != NULL || n == 0);

  if (model->kind == NS_CLASSIC_LOGREG)
    predict_logreg (model, x, n, out_class, out_prob);
  else
    predict_knn (model, x, n, out_class, out_prob);
}

double
ns_classic_accuracy (const NsClassic *model, const float *x, const float *y, gsize n)
{
  g_autofree guint *predicted = NULL;
  gsize right = 0;

  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (y != NULL || n == 0, 0);
  if (n == 0)
    return 0;
  predicted = g_new (guint, n);
  ns_classic_predict (model, x, n, predicted, NULL);
  for (gsize s = 0; s < n; s++)
    right += (float) predicted[s] == y[s];
  return (double) right / (double) n;
}

gboolean
ns_classic_class_weights (const NsClassic *model, guint cls, float *out)
{
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (cls < model->n_classes, FALSE);

  if (model->kind != NS_CLASSIC_LOGREG)
    return FALSE;
  for (guint j = 0; j < model->dim; j++)
    out[j] = (float) (model->weights[(gsize) cls * (model->dim + 1) + j] * model->scale[j]);
  return TRUE;
}
