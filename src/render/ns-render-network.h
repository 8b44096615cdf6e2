/* ns-render-network.h: the network diagram as the TensorFlow Playground draws it.
 *
 * A column of inputs (each a small heatmap of that input over the plane, labelled X₁, X₂, …),
 * a column per hidden layer (each neuron a heatmap of its output), the output neuron(s), and
 * links between consecutive layers coloured by the weight's sign and sized by its magnitude.
 */
#pragma once

#include "nn-net.h"
#include "ns-experiment.h"
#include "ns-features.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* A read-only view of what the diagram shows. Everything is borrowed: from the experiment
 * (ns_render_network_prepare) or, in tests, from the caller. */
typedef struct
{
  const NnNet *net;
  const char *const *input_labels; /* net->n_inputs labels ("X₁", "sepal length"), or NULL */
  const char *const *class_names;  /* output labels for softmax (n outputs), or NULL */

  guint grid_size;     /* heatmaps are grid_size x grid_size values; 0 = no heatmaps */
  const float *inputs; /* net->n_inputs rows of grid_size² values (input-major), or NULL */
  const float *units;  /* net->n_units rows of grid_size² values (nn_net_eval_grid), or NULL */
  gboolean grid_y_up;  /* row 0 of a grid is the plane's bottom edge */

  /* Drawn highlighted (the pointer is over it); NS_HIT_NONE for nothing. */
  NsHitKind highlight;
  int highlight_layer, highlight_neuron, highlight_input;

  /* Storage for input_labels when they are feature labels (ns_render_network_prepare). */
  const char *feature_labels[NS_N_FEATURES];
} NsNetworkViewData;

/* Fills @view from @experiment, evaluating every neuron over a grid_size x grid_size grid of
 * the plane (ns_experiment_eval_plane). The view borrows the experiment's buffers: valid until
 * the experiment's next evaluation, step or edit. */
void ns_render_network_prepare (NsNetworkViewData *view, NsExperiment *experiment,
                                guint grid_size);

/* Appends the diagram for a width x height area to @scene (clear it first for a new frame). */
void ns_render_network (NsScene *scene, const NsNetworkViewData *view, const NsRenderStyle *style,
                        double width, double height);

/* The link width and opacity for weight w at the style's scale, so a legend or a test can
 * compare: wider for larger |w|, clamped to 0.5 .. 6 logical units (times the scale). */
double ns_render_network_link_width (const NsRenderStyle *style, float w);
double ns_render_network_link_alpha (float w);

G_END_DECLS
