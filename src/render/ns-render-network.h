/* ns-render-network.h: the network diagram as the TensorFlow Playground draws it, and more.
 *
 * A column of inputs (each a small heatmap of that input over the plane: for plane data every
 * feature transform, the unused ones dimmed), a column per hidden layer (each neuron a heatmap
 * of its output), the output neuron(s), and links between consecutive layers coloured by the
 * weight's sign and sized by its magnitude. The neuron under the pointer (or the selected one)
 * gets a card beside it with a larger heatmap and its bias.
 *
 * Ids follow the scene's hit regions (ns-scene.h): a neuron is (layer, neuron) over dense
 * layers, a link is the weight (layer, neuron, input). An input picture is NS_HIT_INPUT with
 * neuron = its row in the input column (for plane data the NsFeature it shows) and input = the
 * network input it feeds (-1 for a feature not in use).
 */
#pragma once

#include "nn-net.h"
#include "ns-experiment.h"
#include "ns-experiment-step.h"
#include "ns-features.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} NsNetworkBox;

/* Something in the diagram: NS_HIT_NONE, NS_HIT_INPUT, NS_HIT_NEURON or NS_HIT_LINK, with ids
 * as in the hit regions (unused ids are -1). */
typedef struct
{
  NsHitKind kind;
  int layer, neuron, input;
} NsNetworkItem;

/* A read-only view of what the diagram shows. Everything is borrowed: from the experiment
 * (ns_render_network_prepare) or, in tests, from the caller. */
typedef struct
{
  const NnNet *net;
  const char *const *input_labels;     /* net->n_inputs labels ("X₁", "sepal length"), or NULL */
  const char *const *class_names;      /* output labels for softmax (n outputs), or NULL */
  const char *const *data_class_names; /* the data's class names (n_data_classes), or NULL: a
                                        * binary target "y = 1" says which class it is */
  guint n_data_classes;

  /* Plane data: the input column shows every feature transform; those in feature_mask feed
   * the network (bright, with links), the others are dimmed. 0: the input column is the
   * network's inputs (the columns of CSV data), all in use. */
  guint feature_mask;
  const float *features;      /* NS_N_FEATURES rows of grid_size² values, or NULL */
  const float *feature_range; /* NS_N_FEATURES: each row's largest |value| (its colour scale) */

  guint grid_size;     /* heatmaps are grid_size x grid_size values; 0 = no heatmaps */
  const float *inputs; /* net->n_inputs rows of grid_size² values (input-major), or NULL */
  const float *units;  /* net->n_units rows of grid_size² values (nn_net_eval_grid), or NULL */
  gboolean grid_y_up;  /* row 0 of a grid is the plane's bottom edge */
  guint picture_step;  /* a neuron's picture takes every picture_step-th grid value (default 1),
                        * so it can share the output view's finer evaluation */

  /* A finer evaluation for the detail card (same layout as units); 0 / NULL: the card
   * enlarges the units' heatmap. */
  guint detail_grid_size;
  const float *detail_units;

  NsNetworkItem highlight; /* under the pointer: an accent outline */
  NsNetworkItem selection; /* the keyboard's item: a stronger accent outline or halo */
  NsNetworkItem detail;    /* a neuron (kind NS_HIT_NEURON) whose card is shown, or none */

  /* Interactive: the window puts widgets over the header (the hidden-layer count with its
   * buttons in a band controls_height tall, and each hidden layer's buttons and menus in a
   * band column_controls_height tall), so the diagram leaves room for them and draws no
   * captions there. FALSE (export): every caption is drawn. */
  gboolean controls;
  double controls_height;
  double column_controls_height;

  /* A layout made earlier by ns_render_network_layout for this same size and style, or NULL:
   * a window drawing frame after frame of training reuses it (laying out measures text).
   * One made for another shape of network is ignored. */
  const struct _NsNetworkLayout *layout;

  /* Stepping through training (ns-experiment-step.h): a state whose phase is not IDLE, or
   * NULL for the ordinary picture. FORWARD writes each input's value and each neuron's z and
   * a; LOSS the output against the target and the loss with its formula's numbers; BACKWARD
   * each neuron's delta and sizes the links by the sample's gradient; UPDATE sizes them by
   * the change of each weight and writes each bias's change. */
  const NsStepState *step;

  /* Image data (issue 11): the diagram shows what the network does to one sample (see
   * ns-render-network-images.c) instead of heatmaps over the plane. 0: not images. */
  guint image_channels, image_height, image_width;
  const float *sample_input; /* n_inputs: the sample's pixels, or NULL */
  const float *sample_units; /* n_units: each unit's output for it (unit order), or NULL */
  int sample_index;          /* the test sample shown (-1: none) */
  int sample_label;          /* its class (-1: unknown) */

  /* Storage for input_labels when they are feature labels (ns_render_network_prepare). */
  const char *feature_labels[NS_N_FEATURES];
} NsNetworkViewData;

/* Where everything goes, in logical units: computed by ns_render_network_layout for the same
 * arguments as ns_render_network, so a widget can place its controls where the scene will
 * leave room for them. */
typedef struct _NsNetworkLayout
{
  size_t n_columns;               /* the inputs, then each dense layer (the output last) */
  size_t rows[NN_MAX_LAYERS + 1]; /* pictures in each column (the inputs: every feature) */
  double center_x[NN_MAX_LAYERS + 1];
  double top[NN_MAX_LAYERS + 1];           /* the first picture's top edge */
  double size[NN_MAX_LAYERS + 1];          /* the side of the column's pictures */
  double gap[NN_MAX_LAYERS + 1];           /* between two pictures of the column */
  double slot;                             /* the width each column gets */
  NsNetworkBox controls;                   /* over the hidden columns: their count and buttons */
  NsNetworkBox headers[NN_MAX_LAYERS + 1]; /* above each column: its title or its controls (the
                                            * inputs' spans their labels too) */
  double margin;
  double title_size, caption_size, label_size; /* font sizes */
  gboolean input_hint; /* room for "click to toggle" under the input column's title */
} NsNetworkLayout;

/* Fills @view from @experiment, evaluating every neuron over a grid_size x grid_size grid of
 * the plane (ns_experiment_eval_plane). The view borrows the experiment's buffers: valid until
 * the experiment's next evaluation, step or edit. Plane data's feature pictures are computed
 * once per grid size and data extent and kept with the experiment. */
void ns_render_network_prepare (NsNetworkViewData *view, NsExperiment *experiment, guint grid_size);
/* Adds a finer evaluation (grid @size, e.g. the output view's 100, which it then shares) for
 * the detail card. */
void
ns_render_network_prepare_detail (NsNetworkViewData *view, NsExperiment *experiment, guint size);

/* For image data: shows test sample @test_index (clamped to the test set; a training sample
 * when there is no test set), evaluated once per experiment version and kept with the
 * experiment. ns_render_network_prepare shows the sample shown last (test sample 0 at first).
 * Nothing for other data. */
void ns_render_network_prepare_sample (NsNetworkViewData *view,
                                       NsExperiment *experiment,
                                       guint test_index);

/* Whether @view is drawn as an image network (ns_render_network_images). */
gboolean ns_render_network_is_image (const NsNetworkViewData *view);

/* The title of hidden or output layer @layer of an image network as the diagram writes it:
 * "conv 3x3 · 8 channels · relu", "max-pool 2x2", "dense 32 · relu", "softmax 10" (caller
 * frees). */
char *ns_render_network_layer_title (const NnNet *net, size_t layer);

/* The image network's picture for a width x height area, appended to @scene (which
 * ns_render_network has sized): the sample's input image; each conv layer's feature maps for it,
 * one crisp image per channel, with its filters beside them (a first layer's); each pool
 * layer's pooled maps; dense layers as columns of neurons filled by their activation (a dense
 * first layer's weights as small images); the output's classes with their probabilities; and
 * sparse links. While stepping: the walk's layers, deltas as diverging maps in BACKWARD and
 * the filters before and after in UPDATE.
 *
 * Hit regions: the input image (NS_HIT_INPUT, layer -1, neuron 0, input -1); a feature map
 * (NS_HIT_NEURON, layer, neuron = its channel, input -1); a dense neuron or an output class
 * (NS_HIT_NEURON, layer, neuron). */
void ns_render_network_images (NsScene *scene,
                               const NsNetworkViewData *view,
                               const NsRenderStyle *style,
                               double width,
                               double height);

/* The layout of the diagram for a width x height area (@scene measures text). */
void ns_render_network_layout (NsNetworkLayout *layout,
                               NsScene *scene,
                               const NsNetworkViewData *view,
                               const NsRenderStyle *style,
                               double width,
                               double height);
/* The square of picture @row in column @column. */
void ns_network_layout_node (const NsNetworkLayout *layout,
                             size_t column,
                             size_t row,
                             NsNetworkBox *box);

/* The network input that input picture @row feeds (-1: a feature not in use), and the row of
 * the picture that feeds network input @i. */
int ns_render_network_input_index (const NsNetworkViewData *view, size_t row);
size_t ns_render_network_input_row (const NsNetworkViewData *view, size_t i);

/* Appends the diagram for a width x height area to @scene (clear it first for a new frame).
 * The detail card, when shown, is also a hit rectangle of kind NS_HIT_NONE (layer and neuron:
 * its neuron), so what lies under it is not hit. */
void ns_render_network (NsScene *scene,
                        const NsNetworkViewData *view,
                        const NsRenderStyle *style,
                        double width,
                        double height);

/* The link width and opacity for weight w at the style's scale, so a legend or a test can
 * compare: wider for larger |w|, clamped to 0.5 .. 6 logical units (times the scale). */
double ns_render_network_link_width (const NsRenderStyle *style, float w);
double ns_render_network_link_alpha (float w);

/* The text the diagram writes on unit @unit (neuron-major unit order) in @step's phase, e.g.
 * "z 0.42 → a 0.4" (FORWARD), "δ 0.012" (BACKWARD), "Δb −0.0012" (UPDATE); NULL in other
 * phases (caller frees). */
char *ns_render_network_step_unit_text (const NnNet *net, const NsStepState *step, size_t unit);
/* The LOSS phase's formula with its numbers, e.g. "L = −(1·log 0.73 + 0·log 0.27) = 0.315";
 * NULL in other phases (caller frees). */
char *ns_render_network_step_loss_text (const NnNet *net, const NsStepState *step);
/* The caption under the diagram in @step's phase ("gradients flow right to left"), or NULL
 * (caller frees). */
char *ns_render_network_step_caption (const NnNet *net, const NsStepState *step);
/* The numbers of @item (a neuron, a link or an input picture) in the step's phase worked out as
 * an instructor reads them aloud: a title line ("Weight from X₁ to neuron 1 of hidden layer
 * 1"), then one formula per line with its numbers filled in ("z = w·x + b = 0.52·(−4.46) + …
 * = 1.74"); each result is the engine's kept value. NULL when @view is not stepping or @item
 * is nothing (caller frees). */
char *ns_render_network_step_explain (const NsNetworkViewData *view, const NsNetworkItem *item);
/* A number as the stepping texts write it: three significant digits, a real minus sign. */
char *ns_render_network_format_number (double v);

/* "2 inputs, hidden layers of 4 and 2 neurons, tanh, 1 output" (caller frees): what a screen
 * reader says about the diagram. */
char *ns_render_network_describe (const NnNet *net);
/* An activation's name on screen: "tanh", "ReLU", "leaky ReLU", "sigmoid", "linear". */
const char *ns_render_network_activation_label (NnActivation act);

G_END_DECLS
