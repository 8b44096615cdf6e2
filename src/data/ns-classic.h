/* ns-classic.h: classic models beside the network: multinomial logistic regression and
 * k-nearest neighbours, on pixels or on hand-crafted features.
 *
 * Inputs are n rows of dim floats (sample-major); labels are class indices 0..n_classes-1 stored
 * as floats (as NsDataset keeps them). Training is deterministic: no random draws, a fixed
 * order of every sum, the engine's own exp (nn-math.h), so one data set gives one model on every
 * machine.
 *
 * Logistic regression: the features are standardised inside the model with the training set's
 * mean and (population) deviation (a constant feature is only centred). It minimises
 *   mean over samples of -log softmax(W z + b)[label] + l2 / 2 * |W|^2   (the biases unpenalised)
 * by full-batch gradient descent with Nesterov momentum, a fixed number of iterations, and the
 * step step_scale / L, L = lambda_max (Z'Z / n) / 2 + l2 an upper bound of the loss's curvature
 * (softmax cross-entropy's Hessian in the logits is at most 1/2; lambda_max of the standardised
 * inputs with a column of ones for the biases, by 30 power iterations from the all-ones vector,
 * raised by 10% so an estimate a little low cannot make the step diverge).
 *
 * k-nearest neighbours: Euclidean distance (on standardised features when params->standardise,
 * else on the raw values); among equal distances the training sample that comes first is nearer.
 * The class with most votes among the k nearest wins; a tie between classes goes to the tied
 * class whose member is nearest. Probabilities are the vote shares. k larger than the training
 * set uses all of it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  NS_CLASSIC_LOGREG, /* "logreg" */
  NS_CLASSIC_KNN,    /* "knn" */
  NS_N_CLASSIC_KINDS
} NsClassicKind;

typedef struct
{
  /* Logistic regression. */
  guint iterations;  /* full-batch gradient steps (default 100) */
  double l2;         /* weight penalty, see above (default 1e-3) */
  double step_scale; /* step = step_scale / L (default 1) */
  /* k-nearest neighbours. */
  guint k;              /* neighbours that vote (default 5) */
  gboolean standardise; /* distances on standardised features (default TRUE) */
  /* Asked before each iteration of logistic regression (a worker's cancel): TRUE stops the
   * training, which then fails with NS_CLASSIC_ERROR_STOPPED. NULL (default): never stops. */
  gboolean (*stop) (gpointer stop_data);
  gpointer stop_data;
} NsClassicParams;

#define NS_CLASSIC_ERROR (ns_classic_error_quark ())
typedef enum
{
  NS_CLASSIC_ERROR_STOPPED, /* params->stop said so */
} NsClassicError;
GQuark ns_classic_error_quark (void);

typedef struct _NsClassic NsClassic;

void ns_classic_params_init (NsClassicParams *params); /* the defaults above */

const char *ns_classic_kind_id (NsClassicKind kind);   /* "logreg", "knn" */
const char *ns_classic_kind_name (NsClassicKind kind); /* "Logistic regression" (on screen) */
int ns_classic_kind_from_id (const char *id);          /* -1 if unknown */

/* Fits a model to n samples x (n rows of dim floats) with labels y. params NULL = defaults.
 * NULL with an error (NS_DATA_ERROR_BAD_LABEL for a label that is not a class index,
 * NS_DATA_ERROR_BAD_NUMBER for a non-finite input, NS_DATA_ERROR_EMPTY for no samples,
 * G_OPTION_ERROR_BAD_VALUE for bad settings, NS_CLASSIC_ERROR_STOPPED when params->stop
 * stopped it) naming the sample and feature. */
NsClassic *ns_classic_train (NsClassicKind kind,
                             const NsClassicParams *params,
                             const float *x,
                             const float *y,
                             gsize n,
                             guint dim,
                             guint n_classes,
                             GError **error);
void ns_classic_free (NsClassic *model);

NsClassicKind ns_classic_get_kind (const NsClassic *model);
guint ns_classic_get_dim (const NsClassic *model);
guint ns_classic_get_n_classes (const NsClassic *model);

/* The class of each of n rows of x, and when out_prob is not NULL the n x n_classes class
 * probabilities (sample-major). Ties in probability go to the smallest class index. */
void ns_classic_predict (const NsClassic *model,
                         const float *x,
                         gsize n,
                         guint *out_class,
                         float *out_prob);

/* Share of the n samples predicted as their label (0 for n = 0). */
double ns_classic_accuracy (const NsClassic *model, const float *x, const float *y, gsize n);

/* Logistic regression only: the weights of class cls on the raw (unstandardised) inputs,
 * dim values (W[j][cls] / deviation[j]): a weight image when the inputs are pixels. FALSE for
 * kNN. */
gboolean ns_classic_class_weights (const NsClassic *model, guint cls, float *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsClassic, ns_classic_free)

G_END_DECLS
