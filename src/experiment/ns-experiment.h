/* ns-experiment.h: one experiment = data + features + network + trainer + history.
 *
 * Determinism (DESIGN.md): separate PCG32 streams seeded from (seed, purpose) for data, weight
 * initialisation and shuffling. step(n) advances exactly n mini-batches; an epoch is
 * ceil(n_train / batch) mini-batches over a fresh shuffle of the training set. The history holds
 * one entry per finished epoch, plus the entry of epoch 0 (before training).
 */
#pragma once

#include <gio/gio.h>
#include <glib-object.h>

#include "nn-net.h"
#include "ns-config.h"
#include "ns-dataset.h"

G_BEGIN_DECLS

#define NS_TYPE_EXPERIMENT (ns_experiment_get_type ())
G_DECLARE_FINAL_TYPE (NsExperiment, ns_experiment, NS, EXPERIMENT, GObject)

#define NS_EXPERIMENT_ERROR (ns_experiment_error_quark ())

typedef enum
{
  NS_EXPERIMENT_ERROR_PARSE,     /* not JSON, or not an object */
  NS_EXPERIMENT_ERROR_VERSION,   /* format_version missing or newer than we read */
  NS_EXPERIMENT_ERROR_BAD_FIELD, /* a field missing, of the wrong type or out of range */
  NS_EXPERIMENT_ERROR_TOO_LARGE, /* more numbers than a saved file may hold */
} NsExperimentError;

GQuark ns_experiment_error_quark (void);

#define NS_EXPERIMENT_FORMAT_VERSION 1

typedef struct
{
  guint epoch;
  guint64 step;
  double train_loss;
  double train_accuracy; /* NaN for regression */
  double test_loss;
  double test_accuracy;
} NsHistoryEntry;

/* Builds the data and the network from @config, at step 0. Errors: CSV loading. */
NsExperiment *ns_experiment_new (const NsConfig *config, GError **error);

const NsConfig *ns_experiment_get_config (NsExperiment *self);
/* What the last making of the data skipped: "path: why" for each file of an image folder that
 * did not load (empty for every other kind of data, and for data read from a saved file). */
const GPtrArray *ns_experiment_get_data_warnings (NsExperiment *self);
const NsDataset *ns_experiment_get_dataset (NsExperiment *self);
const NnNet *ns_experiment_get_net (NsExperiment *self);

guint64 ns_experiment_get_step (NsExperiment *self); /* mini-batches done */
guint ns_experiment_get_epoch (NsExperiment *self);  /* whole epochs done */
guint ns_experiment_get_steps_per_epoch (NsExperiment *self);
gboolean ns_experiment_get_diverged (NsExperiment *self); /* NaN/inf met; training stops */
const NsHistoryEntry *ns_experiment_get_history (NsExperiment *self, guint *n_entries);
const NsHistoryEntry *ns_experiment_get_last (NsExperiment *self); /* never NULL */
/* Losses and accuracies of the current weights (the history only has epochs' ends). */
void ns_experiment_evaluate (NsExperiment *self, NsHistoryEntry *entry);
/* What the numbers on screen show: the losses and accuracies of the network as it was at the
 * last epoch's end, reset, edit, undo, added or removed point or divergence, whichever came
 * last. At an epoch's end it is the history's last entry; after an edit it is the edited
 * network evaluated afresh, with the run's epoch and step (no history entry is made: no epoch
 * happened). Valid until the next step or edit; never NULL. */
const NsHistoryEntry *ns_experiment_get_current (NsExperiment *self);

/* Gradient health: for each finished epoch and each dense layer (0 = nearest the input, the
 * output layer last), the mean over that epoch's mini-batches of the layer's mean |dL/dw|
 * (nn_net_layer_grad_mean_abs: weights only, biases excluded, the data loss's gradient before
 * regularisation and clipping). Epoch-major: value[k * n_layers + l] is layer l in epoch
 * first_epoch + k. first_epoch is 1 after a reset; when the number of layers changes (a layer
 * added or removed mid-run) the record restarts at the first epoch finished with the new
 * count, since layer l no longer means the same layer. An epoch whose layer count changed
 * mid-way counts only its batches after the change. NaN where a batch's gradient was not
 * finite. Cleared on reset; NULL and 0 rows when empty. Valid until the next step. */
const double *ns_experiment_get_gradient_health (NsExperiment *self,
                                                 guint *n_epochs,
                                                 guint *n_layers,
                                                 guint *first_epoch);

/* Advances exactly n mini-batches (fewer if the run diverges). Returns the steps done. */
guint64 ns_experiment_step (NsExperiment *self, guint64 n);
/* Advances to the end of the current epoch plus n - 1 more. */
guint64 ns_experiment_train_epochs (NsExperiment *self, guint n);

/* Step 0: the current architecture's initial weights from the seed, empty history, fresh
 * shuffle stream, no undo history; data, added points and architecture edits stay. */
void ns_experiment_reset (NsExperiment *self);
/* New data from the next data seed (same settings), then reset. */
void ns_experiment_regenerate (NsExperiment *self);

/* The first of @rates (tried in the order given) with which a copy of this experiment, reset
 * and trained for @epochs epochs with every other setting as now, keeps finite losses: the
 * very run a reset with that rate makes (runs are deterministic). FALSE if none does. The
 * experiment itself is not touched. */
gboolean ns_experiment_find_stable_learning_rate (NsExperiment *self,
                                                  const double *rates,
                                                  guint n_rates,
                                                  guint epochs,
                                                  double *rate);
/* The same on a worker thread, on copies made now (the experiment may train or change
 * meanwhile). _finish gives *@rate (0 if no rate holds); FALSE with @error if cancelled. */
void ns_experiment_find_stable_learning_rate_async (NsExperiment *self,
                                                    const double *rates,
                                                    guint n_rates,
                                                    guint epochs,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer user_data);
gboolean ns_experiment_find_stable_learning_rate_finish (NsExperiment *self,
                                                         GAsyncResult *result,
                                                         double *rate,
                                                         GError **error);

/* Live settings: take effect at the next step, no reset. */
void ns_experiment_set_trainer (NsExperiment *self, const NnTrainer *trainer);
void ns_experiment_set_batch_size (NsExperiment *self, guint batch_size);

/* Data settings: redraw the data (same data stream), keep the weights, reset. */
void ns_experiment_set_data (NsExperiment *self,
                             NsDatasetKind kind,
                             double noise,
                             double train_ratio,
                             guint count);
/* Images from a folder with one subfolder per class (ns_dataset_load_image_folder): the data
 * path becomes @path, a network from the plane gets the image sets' conv net, reset. FALSE with
 * @error (naming the folder) if it does not load: the data and the network stay as they were.
 * The files it skipped are in ns_experiment_get_data_warnings. */
gboolean ns_experiment_set_data_folder (NsExperiment *self, const char *path, GError **error);
void ns_experiment_set_seed (NsExperiment *self, guint64 seed); /* all streams anew, reset */
/* The training share of generated or file data: a new split, then reset. */
void ns_experiment_set_train_ratio (NsExperiment *self, double train_ratio);

/* Network edits: keep every weight they can (nn_net_* edits), go on from the current step. */
gboolean ns_experiment_set_features (NsExperiment *self, guint mask);
gboolean ns_experiment_add_neuron (NsExperiment *self, guint hidden);
gboolean ns_experiment_remove_neuron (NsExperiment *self, guint hidden);
gboolean ns_experiment_add_layer (NsExperiment *self, guint position, guint width);
gboolean ns_experiment_remove_layer (NsExperiment *self, guint position);
gboolean ns_experiment_set_width (NsExperiment *self, guint hidden, guint width);
gboolean ns_experiment_set_activation (NsExperiment *self, guint hidden, NnActivation act);
/* Every hidden layer's activation: one edit, one undo step. */
gboolean ns_experiment_set_activations (NsExperiment *self, NnActivation act);
gboolean ns_experiment_set_weight (NsExperiment *self, guint layer, guint j, guint i, float value);
gboolean ns_experiment_set_problem (NsExperiment *self, NsProblem problem);
/* The hidden layers as a layer list (--hidden's words: "c8k3,p2,32"), for image data whose conv
 * and pool layers the engine cannot edit in place. When only the dense layers after the image
 * layers differ, they change by the in-place edits (neurons and layers added or removed, each
 * its own undo step, training kept); any other change rebuilds the network from the new list,
 * which is a reset (new weights, epoch 0, the undo history ended). Activations stay per layer
 * position; new layers take the next one's. FALSE with @error (naming "hidden" and what it
 * allows) when the list is not valid for this data; nothing changes then. */
gboolean ns_experiment_set_layers (NsExperiment *self, const char *hidden, GError **error);

/* Undo of the network edits above (features, neurons, layers, widths, activations, weights),
 * newest first, one step per call. An undo takes back the edit itself from the network as it
 * is now, so training done since stays: undoing an added neuron, layer or input removes it
 * (and what it learnt); undoing a removal brings the neuron, layer or input back with the
 * weights it had (and the next layer's weights into it, which the removal had replaced);
 * undoing a weight edit restores that weight; an activation change, the activations. The epoch
 * and history stay (no training is undone); ns_experiment_get_current is evaluated afresh.
 * Reset, regenerate and new data or seed end the undo history: the edits belong to a run
 * that is gone. At most 100 steps, and a bounded memory for the networks kept. */
gboolean ns_experiment_can_undo (NsExperiment *self);
gboolean ns_experiment_undo (NsExperiment *self);

/* Changes whenever the weights, the network's shape or the data change (every step, edit,
 * reset): a view that drew version v is current while the version is still v. */
guint64 ns_experiment_get_version (NsExperiment *self);

/* Points added by clicking (plane data): raw plane coordinates. Image data has no plane to
 * click in: nothing is added. */
void ns_experiment_add_point (NsExperiment *self, double x1, double x2, float label);
gboolean ns_experiment_remove_point_near (NsExperiment *self, double x1, double x2);

/* Data placed by hand (a lesson's points, plane data and classification only): the training set
 * is exactly the @n_train points (x1, x2 pairs in @train_xy, plane coordinates; class indices in
 * @train_classes), the test set the @n_test test points, or the training points again when
 * @n_test is 0. The classes are @class_names (NULL or empty: "0", "1", … as many as the largest
 * index asks for, at least two). The plane spans [-6, 6] grown to hold every point. The output
 * layer follows the class count; then reset. Saved files keep the points (the data is saved
 * whole); regenerate makes the configured dataset again. FALSE with @error (naming the point)
 * for other data, a bad coordinate or class, or no training point: nothing changes then. */
gboolean ns_experiment_set_points (NsExperiment *self,
                                   const double *train_xy,
                                   const guint *train_classes,
                                   guint n_train,
                                   const double *test_xy,
                                   const guint *test_classes,
                                   guint n_test,
                                   const char *const *class_names,
                                   GError **error);

/* In-place replacement (a lesson step starts): @self takes over @other's configuration, data,
 * network, trainer, history and step counters, so views keep their experiment object; @other
 * is left with @self's old state (drop it). One "changed"; the undo history ends; the version
 * moves past both, so nothing drawn before is taken for current. */
void ns_experiment_replace (NsExperiment *self, NsExperiment *other);

/* Network inputs for n plane points given as raw (x1, x2) pairs: the chosen features for 2D
 * data; for CSV data the two view columns, the others at their training mean. out is
 * input-major (out[i * n + s]) with net->n_inputs rows. */
void ns_experiment_plane_inputs (NsExperiment *self, const float *xy, size_t n, float *out);

/* Every neuron's output over a size x size grid spanning the dataset's plane (row-major, row 0
 * at the top where x2 is largest): @inputs gets n_inputs rows, @units nn_net_n_units rows, each
 * size * size floats. The buffers are owned by the experiment, cached per version for two grid
 * sizes (so views drawing in one frame share one evaluation), valid until the next step or edit
 * or a call with a third size. */
void ns_experiment_eval_plane (NsExperiment *self,
                               guint size,
                               const float **inputs,
                               const float **units);
/* At the UPDATE phase of stepping: the output layer's rows over the size x size grid as the
 * network was before the update (the step state's params_before), else NULL. The same grid and
 * the same kernel as ns_experiment_eval_plane, so it equals bit for bit what eval_plane gave
 * before the update. Cached per version and size; valid as eval_plane's buffers are. */
const float *ns_experiment_eval_plane_before_update (NsExperiment *self, guint size);

/* JSON (format_version 1), written atomically; load resumes bit-identically. */
gboolean ns_experiment_save (NsExperiment *self, const char *path, GError **error);
/* FALSE (NS_EXPERIMENT_ERROR_TOO_LARGE, naming what to reduce) when the experiment's data and
 * network are more numbers than a saved file may hold to be loaded again (tens of thousands of
 * images): ns_experiment_save refuses such a file rather than write one that cannot be read. */
gboolean ns_experiment_check_saveable (NsExperiment *self, GError **error);
NsExperiment *ns_experiment_load (const char *path, GError **error);
char *ns_experiment_to_json (NsExperiment *self);
NsExperiment *ns_experiment_new_from_json (const char *json, const char *path, GError **error);

G_END_DECLS
