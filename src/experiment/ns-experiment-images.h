/* ns-experiment-images.h: what the image views read from an experiment: the test set's
 * confusion matrix and mistakes, one sample's class probabilities and feature maps, the
 * learned filters, the training images that excite a unit most.
 *
 * Every function here only reads the experiment: it evaluates the network with
 * nn_net_eval_grid into buffers of its own (never the trainer's kept activations) and returns
 * copies the caller frees. Like nn_net_eval_grid it is safe from any thread while nobody steps
 * or edits the experiment.
 */
#pragma once

#include "ns-experiment.h"

G_BEGIN_DECLS

/* The class probabilities of every test image (test-major: probs[s * n_classes + k]) and each
 * one's predicted class (the most probable, the first of equals; with one sigmoid output
 * class 1 when its output is >= 0.5, as accuracy counts it). NULL for regression or an empty
 * test set. Free with g_free; @predicted too (may be NULL). */
float *ns_experiment_test_predictions (NsExperiment *self, guint *n_classes, int **predicted);

/* The test set's confusion matrix: n_classes² counts, counts[true * n + predicted]; they sum
 * to the test set's size and the diagonal's share is the test accuracy. NULL for regression
 * or an empty test set. */
guint *ns_experiment_confusion (NsExperiment *self, guint *n_classes);

/* One sample as the network sees it now. */
typedef struct
{
  gboolean test;   /* from the test set (else training) */
  guint index;     /* its row there */
  int label;       /* its class (-1 for regression) */
  int predicted;   /* the most probable class (-1 for regression) */
  float *image;    /* its raw row: data->n_inputs values (the image for image data) */
  guint n_classes; /* entries of probabilities (0 for regression) */
  float *probabilities;
  /* The conv and pool layers' outputs, in the network's order. */
  guint n_maps;
  guint map_layer[NN_MAX_LAYERS]; /* the layer's index in the network */
  NnShape map_shape[NN_MAX_LAYERS];
  float *maps[NN_MAX_LAYERS]; /* channels x height x width each, channel-major */
} NsSampleView;

/* Sample @index of the test (@test) or training set; NULL when out of range. */
NsSampleView *ns_experiment_sample_view (NsExperiment *self, gboolean test, guint index);
void ns_sample_view_free (NsSampleView *view);

/* A conv layer's kernels in the engine's layout (weights[((o * c_in + i) * k + ky) * k + kx]),
 * or NULL when @layer is not a conv layer. */
float *
ns_experiment_conv_filters (NsExperiment *self, guint layer, guint *c_out, guint *c_in, guint *k);

/* The first layer's weights when it is dense (weights[j * n_inputs + i]), NULL otherwise. */
float *ns_experiment_dense_weights (NsExperiment *self, guint *n_neurons, guint *n_inputs);

/* The test images the network gets wrong, most confident first (ties: lower index first): up
 * to @max of them, their test rows in @indices, predicted classes in @predicted and the
 * probability of that class in @confidence (any of the three may be NULL). Returns how many. */
guint ns_experiment_confident_mistakes (NsExperiment *self,
                                        guint max,
                                        guint *indices,
                                        int *predicted,
                                        float *confidence);

/* The training images that excite unit @unit of layer @layer most, highest first (ties: lower
 * index first): for a dense layer its neuron's output, for a conv or pool layer channel @unit's
 * strongest pixel. Up to @max training rows in @indices, their excitations in @values (may be
 * NULL); returns how many (0 when the layer or unit does not exist). */
guint ns_experiment_top_exciting (NsExperiment *self,
                                  guint layer,
                                  guint unit,
                                  guint max,
                                  guint *indices,
                                  float *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsSampleView, ns_sample_view_free)

G_END_DECLS
