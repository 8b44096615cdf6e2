/* ns-render-output.h: the network's output over the input plane, as the TensorFlow Playground
 * draws it: the decision boundary.
 *
 * The output as a heatmap (binary classification: P(class 1) from class 0's orange through
 * neutral to class 1's blue; several classes: the winning class's colour, paler where the
 * network is unsure; regression: the value through the same diverging map), the training
 * points on top (filled with their class colour, a thin light outline), the test points if
 * asked (a dark outline), axes with the plane's range (x1 across, x2 up), a legend and a
 * caption that says what the picture is.
 *
 * At the update phase of stepping (output_before set) two planes, before and after the update,
 * side by side or stacked (whichever the area's shape gives more room), each with its axes,
 * points and the stepped sample's ring, one legend under both.
 *
 * Hit regions: the plane is (NS_HIT_POINT, layer NS_OUTPUT_HIT_PLANE, input -1); training point
 * s is (NS_HIT_POINT, layer NS_OUTPUT_HIT_TRAIN, input s), test point s (NS_HIT_POINT, layer
 * NS_OUTPUT_HIT_TEST, input s). With two planes, only the "after" one (the network as it is
 * now) has them.
 */
#pragma once

#include "ns-experiment.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* The output picture's resolution: the grid the experiment evaluates for it (eval_plane). */
#define NS_RENDER_OUTPUT_GRID 100

#define NS_OUTPUT_HIT_PLANE (-1)
#define NS_OUTPUT_HIT_TRAIN 0
#define NS_OUTPUT_HIT_TEST 1

typedef enum
{
  NS_OUTPUT_BINARY,     /* one sigmoid output a = P(class 1) */
  NS_OUTPUT_CLASSES,    /* n_classes softmax outputs */
  NS_OUTPUT_REGRESSION, /* one linear output: the predicted value */
} NsOutputKind;

/* A read-only view of what the picture shows. Everything is borrowed: from the experiment
 * (ns_render_output_prepare) or, in tests, from the caller. */
typedef struct
{
  NsOutputKind kind;
  guint n_classes;                /* 2 for binary, K for softmax, 0 for regression */
  const char *const *class_names; /* n_classes names, or NULL ("0", "1"… read as colours) */

  /* The output over the plane: n_outputs rows (1, or n_classes for softmax) of grid_size²
   * values, row-major, row 0 at the top where x2 is largest; NULL for no heatmap. */
  guint grid_size;
  const float *output;
  /* Stepping's UPDATE phase: the output as it was before the update, laid out as @output
   * (ns_experiment_eval_plane_before_update); NULL otherwise. When set, the picture shows both
   * planes, "before" and "after", with the same colours; the "after" one is interactive. */
  const float *output_before;

  /* The plane (inputs 0 and 1 in the network's units) and how to print it: a raw value is
   * v * axis_scale + axis_mean (CSV columns are standardised; generated data is raw). */
  double x_min, x_max, y_min, y_max;
  double axis_mean[2], axis_scale[2];
  const char *x_label, *y_label; /* "X₁", "X₂" or the CSV columns' names */
  gboolean others_at_mean;       /* data with more inputs: the rest sit at their mean */

  /* Points: rows of x_stride floats whose first two are (x1, x2); labels are class indices
   * (as floats) or values. */
  guint x_stride;
  const float *train_x, *train_y;
  guint n_train;
  const float *test_x, *test_y;
  guint n_test;

  gboolean show_test;          /* draw the test points too */
  int highlight_train;         /* the training point being stepped through (ringed), or -1 */
  gboolean discretize;         /* hard class colours (regression: bands), crisp pixels */
  double value_min, value_max; /* regression: the values mapped to orange and blue */
} NsOutputViewData;

/* Fills @view from @experiment, evaluating the network over a grid_size x grid_size grid of
 * the plane (ns_experiment_eval_plane: use NS_RENDER_OUTPUT_GRID); grid_size 0 evaluates
 * nothing (labels and points only). At stepping's update phase it also evaluates the plane
 * before the update (output_before), so the picture shows both. The view borrows the
 * experiment's buffers: valid until the experiment's next evaluation with a third size, step
 * or edit. */
void ns_render_output_prepare (NsOutputViewData *view, NsExperiment *experiment, guint grid_size);

/* Appends the picture for a width x height area to @scene (clear it first for a new frame). */
void ns_render_output (NsScene *scene,
                       const NsOutputViewData *view,
                       const NsRenderStyle *style,
                       double width,
                       double height);

/* The plane's square in @scene (its hit region); FALSE if the scene has none. */
gboolean ns_render_output_get_plane (const NsScene *scene,
                                     double *x,
                                     double *y,
                                     double *width,
                                     double *height);
/* Scene point -> plane coordinates (the network's units, as ns_experiment_add_point takes);
 * FALSE if (sx, sy) is outside the plane (the coordinates are still set). */
gboolean ns_render_output_scene_to_plane (const NsScene *scene,
                                          const NsOutputViewData *view,
                                          double sx,
                                          double sy,
                                          double *x1,
                                          double *x2);
/* Plane coordinates -> scene point; FALSE if the scene has no plane. */
gboolean ns_render_output_plane_to_scene (const NsScene *scene,
                                          const NsOutputViewData *view,
                                          double x1,
                                          double x2,
                                          double *sx,
                                          double *sy);

/* The name a learner reads for class @k: its name, or its colour ("blue") when the name is
 * only its index. */
const char *ns_render_output_class_name (const NsOutputViewData *view, guint k);

/* What the network says at plane point (x1, x2), for a tooltip: the coordinates (printed as
 * the axes are) and the output there ("P(blue) 0.87"), evaluated exactly (caller frees). */
char *ns_render_output_describe (NsExperiment *experiment,
                                 const NsOutputViewData *view,
                                 double x1,
                                 double x2);

/* @style with the class, positive and negative colours faded towards the background: the
 * plane's heatmap colours (the points keep @style's). */
void ns_render_output_plane_style (const NsRenderStyle *style, NsRenderStyle *plane_style);

G_END_DECLS
