/* ns-compare.h: the data-scaling experiment (issue 11): several models trained on growing
 * shares of one image dataset's training part, each measured on the same fixed test set.
 *
 * A run is (model, fraction, seed): the training rows are ns_dataset_subsample_train (data,
 * fraction, rng) with rng seeded from the run's seed and the fraction, so every model of a
 * (fraction, seed) sees the same images; networks start from weights drawn from the seed and
 * shuffle from it; the classic models have no randomness. One dataset and one set of settings
 * give the same rows on every machine, bit for bit.
 *
 * Networks train for a number of optimizer steps, not of epochs alone: max (epochs x the
 * mini-batches of an epoch, min_steps), so a set of 28 images is not left with 30 steps.
 */
#pragma once

#include <gio/gio.h>

#include "nn-net.h"
#include "ns-config.h"
#include "ns-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  NS_COMPARE_MLP,             /* "mlp": a dense network on the pixels */
  NS_COMPARE_CNN,             /* "cnn": a conv network on the pixels */
  NS_COMPARE_LOGREG_PIXELS,   /* "logreg_pixels": logistic regression on the pixels */
  NS_COMPARE_LOGREG_FEATURES, /* "logreg_features": logistic regression on hand features */
  NS_COMPARE_KNN_FEATURES,    /* "knn_features": 5 nearest neighbours on hand features */
  NS_COMPARE_KNN_PIXELS,      /* "knn_pixels": 5 nearest neighbours on the pixels */
  NS_N_COMPARE_MODELS
} NsCompareModel;

#define NS_COMPARE_MAX_FRACTIONS 32
#define NS_COMPARE_MAX_RUNS 100

const char *ns_compare_model_id (NsCompareModel model); /* "mlp", … */
int ns_compare_model_from_id (const char *id);          /* -1 if unknown */

/* Everything a scaling run needs besides the data. */
typedef struct
{
  guint n_models;
  NsCompareModel models[NS_N_COMPARE_MODELS]; /* in the order given, each once */
  guint n_fractions;
  double fractions[NS_COMPARE_MAX_FRACTIONS]; /* each in (0, 1] */
  guint runs;                                 /* seeds seed … seed + runs - 1 */
  guint64 seed;
  /* The networks' hidden layers (relu), their output a softmax over the classes. */
  guint n_mlp_layers;
  NnLayerSpec mlp_layers[NS_MAX_HIDDEN];
  guint n_cnn_layers;
  NnLayerSpec cnn_layers[NS_MAX_HIDDEN];
  /* Their training: Adam, mini-batches of batch_size, for max (epochs x the batches of an
   * epoch, min_steps) steps. */
  guint epochs;
  guint min_steps;
  guint batch_size;
  float mlp_learning_rate;
  float cnn_learning_rate;
  guint hand_features; /* NsHandFeature mask; 0: ns_hand_features_default of the images */
} NsCompareSettings;

/* The defaults: mlp, cnn, logreg_pixels, logreg_features, knn_features; fractions 0.02, 0.05,
 * 0.1, 0.2, 0.4, 0.8, 1.0; 3 runs from seed 1; mlp "128,64", cnn "c16k3,p2,64" (relu); Adam,
 * batch 32, 40 epochs and at least 300 steps, learning rates 0.003. Measured on digits at 1.0
 * (3 runs): mlp 0.976, cnn 0.982 (mlp "64" gave 0.969, cnn "c8k3,p2,32" 0.978), the whole
 * default run in about 6 s on one core. */
void ns_compare_settings_init (NsCompareSettings *settings);

/* "mlp,cnn" into the models (each once, in order); "0.1,1" into the fractions (C numerics,
 * each in (0, 1], at most NS_COMPARE_MAX_FRACTIONS, ascending order not required). FALSE with
 * a message naming the bad word and what is allowed. */
gboolean ns_compare_parse_models (const char *list, NsCompareSettings *settings, GError **error);
gboolean ns_compare_parse_fractions (const char *list, NsCompareSettings *settings, GError **error);

/* One measured run: a row of the CSV model,fraction,seed,train_samples,test_accuracy. */
typedef struct
{
  NsCompareModel model;
  double fraction;
  guint64 seed;
  guint train_samples;
  double test_accuracy; /* NaN: planned, not run yet */
} NsCompareRow;

/* Every run of @settings on @data with its training-set size and a NaN accuracy, model by
 * model, fractions in the order given, seeds ascending (the CSV's order): what a plot shows
 * before any result arrives. */
GArray *ns_compare_plan (const NsDataset *data, const NsCompareSettings *settings);

/* Called as each run finishes: @row its result, @done runs finished of @total. From the
 * thread that runs ns_compare_run. */
typedef void (*NsCompareProgressFunc) (const NsCompareRow *row,
                                       guint done,
                                       guint total,
                                       gpointer user_data);

/* Runs every (fraction, seed, model) of @settings on @data (an image dataset with classes),
 * fraction by fraction in the order given, calling @progress after each run; returns the rows
 * in ns_compare_plan's order. NULL with G_IO_ERROR_CANCELLED when @cancellable was cancelled
 * (checked between epochs of a network and between iterations of logistic regression), or
 * G_OPTION_ERROR_BAD_VALUE for data or settings it cannot run. Safe to run in a worker
 * thread: it reads @data and @settings only. */
GArray *ns_compare_run (const NsDataset *data,
                        const NsCompareSettings *settings,
                        NsCompareProgressFunc progress,
                        gpointer user_data,
                        GCancellable *cancellable,
                        GError **error);

/* The CSV text of @rows (header model,fraction,seed,train_samples,test_accuracy; C numerics,
 * fractions and accuracies as the shortest text that reads back as the same double, "nan" for
 * a planned row). Caller frees. */
char *ns_compare_rows_to_csv (const NsCompareRow *rows, guint n_rows);
/* Writes it to @path atomically (a temporary file renamed over it). */
gboolean
ns_compare_write_csv (const char *path, const NsCompareRow *rows, guint n_rows, GError **error);

/* What the measured rows say, for people: a table of mean test accuracy per model (rows) and
 * training-set size (columns); one sentence computed from the numbers: whether each model
 * still improves (by more than half a point), levels off or gets worse from the largest size
 * at most half the largest (else the next smaller) to the largest, and which leads there.
 * NaN rows are left out. Caller frees. */
char *ns_compare_summary_table (const NsCompareRow *rows, guint n_rows);
char *ns_compare_summary_sentence (const NsCompareRow *rows, guint n_rows);

G_END_DECLS
