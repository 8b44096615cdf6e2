/* ns-experiment-classic.h: the classic side of an experiment on image data (issue 11's "ML vs
 * DL side by side"), one image through either model, and images the learner draws.
 *
 * A classic model (logistic regression or k-nearest neighbours, ns-classic.h) is trained on the
 * experiment's own training split and scored on its test split, the very split the network
 * trains and is scored on, either on the pixels or on hand-made features (ns-hand-features.h).
 * It is a snapshot: training the network, adding an image or new data does not change it; the
 * caller trains again.
 *
 * Drawn images: a pad the learner paints on (pad_channels x pad_height x pad_width values 0..1,
 * channel-major as every image) is brushed with ns_drawing_brush and turned into an image of
 * the data's shape with ns_drawing_to_image.
 */
#pragma once

#include "ns-classic.h"
#include "ns-experiment.h"

G_BEGIN_DECLS

/* What the learner chose for the classic model. */
typedef struct
{
  guint features;     /* NsHandFeature mask, used unless on_pixels */
  gboolean on_pixels; /* the model reads the raw pixels instead of the features */
  NsClassicKind kind; /* logistic regression or kNN */
  guint k;            /* kNN's neighbours */
} NsClassicChoice;

/* The defaults for @data: its default hand features (ns_hand_features_default), logistic
 * regression, k = 5, on the features (on pixels when no feature applies). */
void ns_classic_choice_init (NsClassicChoice *choice, const NsDataset *data);

/* A classic model trained on an experiment's split, with its scores. */
typedef struct
{
  NsClassicChoice choice;
  NsClassic *model;
  guint n_inputs;       /* the model's inputs: feature values or pixels */
  guint image_channels; /* the images it reads */
  guint image_height;
  guint image_width;
  guint n_train, n_test; /* the split it was trained and scored on */
  double train_accuracy;
  double test_accuracy; /* NaN without a test set */
} NsExperimentClassic;

/* Trains @choice on @experiment's training images, scores it on its test images. NULL with an
 * error when the data is not images, the choice has no features that apply (G_OPTION_ERROR),
 * or the model cannot be trained (ns_classic_train's errors). */
NsExperimentClassic *ns_experiment_classic_train (NsExperiment *experiment,
                                                  const NsClassicChoice *choice,
                                                  GError **error);

/* The same on @data's split (an experiment's data set, or a copy of it for a worker thread:
 * it reads @data only, and the main loop may go on changing the experiment's own). The result
 * is the one ns_experiment_classic_train gives on the same rows, bit for bit. @cancellable
 * (may be NULL) is looked at between blocks of images (features, scoring) and between
 * iterations of logistic regression; once cancelled: NULL with G_IO_ERROR_CANCELLED. */
NsExperimentClassic *ns_experiment_classic_train_split (const NsDataset *data,
                                                        const NsClassicChoice *choice,
                                                        GCancellable *cancellable,
                                                        GError **error);
void ns_experiment_classic_free (NsExperimentClassic *classic);

/* One image (the data's shape) through the classic model: its class, and when @probabilities
 * is not NULL the n_classes class probabilities. */
guint ns_experiment_classic_predict (const NsExperimentClassic *classic,
                                     const float *image,
                                     float *probabilities);

/* One image (the data's shape) through the network as it is now, without touching its kept
 * activations (a running trainer's state): the most probable class, and when @probabilities is
 * not NULL the n_classes class probabilities (one sigmoid output p gives 1 - p, p). */
guint
ns_experiment_predict_image (NsExperiment *experiment, const float *image, float *probabilities);

/* Every unit's output for one image (the data's shape), as nn_net_eval_grid gives them:
 * nn_net_n_units floats in unit order (a conv or pool layer's c x h x w feature maps at
 * nn_net_unit_index (net, layer, 0)), the trainer's kept activations left alone. NULL when the
 * network cannot take the image. Caller frees. */
float *ns_experiment_image_units (NsExperiment *experiment, const float *image);

/* Adds @image (the data's shape, values 0..1) to the training set as @label, as a point added by
 * clicking is added to plane data: the current epoch goes on, the new image joins the next
 * epoch's shuffle. FALSE (and nothing added) when the data is not images or the label is not a
 * class. */
gboolean ns_experiment_add_image (NsExperiment *experiment, const float *image, guint label);

/* Class @k's name as image data says it: data->class_names[k] ("7", "apple"), else its number
 * (written into @buffer). Not a colour's name, as the plane's classes are called. */
const char *ns_image_class_name (const NsDataset *data, guint k, char *buffer, gsize size);

/* ---- drawn images ---- */

/* Paints a soft round brush of @radius pad pixels along the segment (x0, y0)-(x1, y1) (pad
 * pixel units, pixel (x, y) covering [x, x + 1)) in @colour (pad_channels values 0..1): each
 * pixel moves towards the colour by the brush's coverage there, 1 within radius - 1 of the
 * segment, falling linearly to 0 at radius + 1 (a soft edge, as a pen's ink on paper). */
void ns_drawing_brush (float *pad,
                       guint pad_channels,
                       guint pad_height,
                       guint pad_width,
                       const float *colour,
                       double radius,
                       double x0,
                       double y0,
                       double x1,
                       double y1);

/* The pad as an image of channels x height x width (a whole-number downscale of the pad). With
 * @centre (grey digits, as the data was made), the drawing's ink is scaled so its bounding box
 * fills the pad's height or width (keeping its aspect) and its centre of mass moved to the
 * middle, before each block of pad pixels is averaged; without, the blocks are averaged as
 * drawn. Where the pad has one channel and the image three, the grey is copied. */
void ns_drawing_to_image (const float *pad,
                          guint pad_channels,
                          guint pad_height,
                          guint pad_width,
                          gboolean centre,
                          float *image,
                          guint channels,
                          guint height,
                          guint width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsExperimentClassic, ns_experiment_classic_free)

G_END_DECLS
