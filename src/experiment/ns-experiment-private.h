/* ns-experiment-private.h: the experiment's state, shared by ns-experiment.c, its data in
 * ns-experiment-data.c, the hand edits and their undo in ns-experiment-edit.c, the plane
 * evaluation in ns-experiment-plane.c and the JSON reader/writer in ns-experiment-json.c. */
#pragma once

#include "ns-experiment.h"

G_BEGIN_DECLS

typedef struct
{
  guint size;             /* grid side; 0 = empty slot */
  guint64 inputs_version; /* version of the features/extent the inputs were made for */
  guint64 units_version;  /* version the units were evaluated at */
  guint n_inputs;
  float *inputs; /* n_inputs x size² */
  float *units;  /* n_units x size² */
  size_t units_len;
} NsPlaneCache;

struct _NsExperiment
{
  GObject parent_instance;

  NsConfig config;
  NsDataset *data;
  GPtrArray *data_warnings; /* char *: files of an image folder skipped when the data was made */
  guint data_generation;    /* regenerations so far: the data stream's seed is seed + generation */

  NnNet *net;
  NnRng init_rng;    /* (seed, INIT): never advanced; per-neuron streams derive from it */
  NnRng shuffle_rng; /* (seed, SHUFFLE): advanced by one shuffle per epoch */

  guint32 *order;  /* the current epoch's shuffled training indices */
  guint order_len; /* entries in order (0: no epoch started) */
  guint position;  /* next entry of order to train on */
  guint64 step;    /* mini-batches done since reset */
  guint epoch;     /* epochs finished since reset */
  gboolean diverged;
  GArray *history; /* NsHistoryEntry, epoch 0 first */
  /* The losses of the network as an edit, an undo or a divergence left it, between two
   * epochs' ends (has_current); otherwise the history's last entry is current. */
  NsHistoryEntry current;
  gboolean has_current;

  /* Network inputs (features) of the data, input-major: rebuilt when data or features change. */
  float *train_inputs; /* n_inputs x n_train */
  float *test_inputs;  /* n_inputs x n_test */

  /* Scratch for one mini-batch. */
  float *batch_x; /* n_inputs x batch */
  float *batch_y;
  guint batch_cap;
  guint batch_cap_inputs;

  /* Bumped whenever the weights, the network's shape or the data change: views compare it to
   * know whether what they drew is still current. */
  guint64 version;

  /* Plane evaluations of the current version, for up to two grid sizes (the network's heatmaps
   * and the output's larger picture), so views that draw in one frame share them. */
  NsPlaneCache planes[2];
  guint plane_next; /* the slot a new size replaces */
  /* At the UPDATE phase of stepping: the plane as the network was before the update, from a
   * scratch copy of the network holding the step's params_before (its units_version is the
   * version after the update it shows the "before" of). */
  NsPlaneCache plane_before;
  NnNet *plane_before_net;

  /* Snapshots taken before each network edit (NsUndoEntry, ns-experiment-edit.c), newest last. */
  GPtrArray *undo;

  /* Gradient health (ns_experiment_get_gradient_health): per finished epoch, per dense layer,
   * the mean over the epoch's mini-batches of the layer's mean |dL/dw|. Epoch-major rows of
   * grad_layers doubles; row k is epoch grad_first_epoch + k. */
  GArray *grad_health;    /* double */
  guint grad_layers;      /* layers per row (0: no row yet) */
  guint grad_first_epoch; /* epoch of row 0 (1 unless the layer count changed mid-run) */
  /* The current epoch's running sums, one per layer of the network they were measured on. */
  double grad_sums[NN_MAX_LAYERS];
  guint grad_sum_layers;  /* layers in grad_sums; a different count restarts the sums */
  guint grad_sum_batches; /* mini-batches summed */
};

/* Generated 2D data (the plane's features), as opposed to a CSV file's or a built-in set's
 * columns (ns_config_is_plane). */
static inline gboolean
ns_experiment_is_plane_data (NsExperiment *self)
{
  return ns_config_is_plane (&self->config);
}

/* The network's input: the image's channels x height x width, or a vector of the plane's
 * features or the file's columns. */
NnShape ns_experiment_input_shape (const NsConfig *config, const NsDataset *data);

/* Frees the plane caches (finalize). */
void ns_experiment_plane_clear (NsExperiment *self);

/* Builds an experiment around data and a network that were read elsewhere (JSON): takes
 * ownership of both; recomputes the inputs; does not reset. */
NsExperiment *ns_experiment_new_with_state (const NsConfig *config,
                                            NsDataset *data,
                                            NnNet *net,
                                            guint data_generation);
void ns_experiment_rebuild_inputs (NsExperiment *self);
/* A new epoch: a fresh shuffle of all training points from the shuffle stream (also what the
 * sample stepper does when it starts a batch at an epoch's beginning). */
void ns_experiment_start_epoch (NsExperiment *self);
NnLoss ns_experiment_loss_for (const NsConfig *config, const NsDataset *data, size_t *n_classes);
/* Emits "changed" (the network's shape, the data or the settings changed). */
void ns_experiment_emit_changed (NsExperiment *self);
/* Makes the output layer match the data (class count, problem), drawing it afresh if needed. */
void ns_experiment_match_output (NsExperiment *self);
/* Frees one of self->undo's snapshots (its free function; defined in ns-experiment-edit.c, the
 * only file that makes and reads them). */
void ns_experiment_undo_entry_free (gpointer data);
/* Forgets every undo step (a reset, new data: the edits belong to another run). */
void ns_experiment_clear_undo (NsExperiment *self);
/* Evaluates the network as it is now for ns_experiment_get_current (after an edit). */
void ns_experiment_evaluate_current (NsExperiment *self);
/* The memory the undo snapshots hold (bounded, ns-experiment-edit.c), for tests. */
size_t ns_experiment_undo_bytes (NsExperiment *self);

/* Gradient health bookkeeping, for every way of training a mini-batch (train_one_batch, the
 * sample-by-sample stepper): add_batch after the batch's backward and before its update (it
 * reads net->grads), end_epoch when an epoch finishes (after self->epoch is incremented). */
void ns_experiment_grad_health_add_batch (NsExperiment *self);
void ns_experiment_grad_health_end_epoch (NsExperiment *self);
void ns_experiment_grad_health_clear (NsExperiment *self);

/* Shared by ns-experiment.c and ns-experiment-data.c. */
gboolean ns_experiment_same_shape (NnShape a, NnShape b);
/* The data @config describes: the data stream is seeded with config->seed + @generation. */
NsDataset *ns_experiment_make_data (const NsConfig *config,
                                    guint generation,
                                    GPtrArray *warnings,
                                    GError **error);
NnNet *ns_experiment_make_net (const NsConfig *config, const NsDataset *data);
/* Draws the network afresh, forgets the history, the undo steps and the epoch. */
void ns_experiment_reset_state (NsExperiment *self);

/* JSON names of the losses, indexed by NnLoss: written by ns-experiment-json.c, read by
 * ns-experiment-json-read.c. */
extern const char *const ns_experiment_loss_names[NN_N_LOSSES];

G_END_DECLS
