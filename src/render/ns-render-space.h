/* ns-render-space.h: the hidden-space view: how the last hidden layer warps the input plane.
 *
 * As ConvNetJS's "space" demo: the input plane's grid lines (NS_SPACE_GRID_LINES each way
 * across the data's extent, each sampled at NS_SPACE_LINE_SAMPLES points) and the training
 * points, mapped through the network up to its last hidden layer, drawn in that layer's space:
 * thin muted polylines for the warped grid, points in their class colours, axes named after
 * what they show, both axes at one scale (so angles and distances are the layer's own),
 * auto-fitted to the mapped extent with a margin.
 *
 * What the two axes are depends on the layer's width:
 * - 2 neurons: neuron 1 across, neuron 2 up;
 * - 3 neurons: a cabinet (oblique) projection: neuron 1 across, neuron 2 up, neuron 3 receding
 *   up-right at 45 degrees at half scale, so (h1, h2, h3) lands at
 *   (h1 + h3 cos 45° / 2, h2 + h3 sin 45° / 2); a small triad in the corner shows the three
 *   directions. Colour stays free for the classes, and a grid warped in 3D still reads as a
 *   sheet;
 * - wider: two chosen neurons, or two principal axes (NsSpaceAxes) that the caller computes once
 *   when the view opens and keeps between frames, so the picture does not flip as it trains.
 *   A point's coordinates are then its dot products with the axes (an orthogonal projection of
 *   the layer's space: no centring, so the layer's origin stays the origin).
 *
 * Non-finite activations (a diverged run) are skipped: polylines break around them, such points
 * are left out. Everything per frame lives in the scene's arena (ns_render_space_prepare takes
 * the scene): clear the scene, prepare, render.
 *
 * Hit regions: the plot is (NS_HIT_POINT, layer NS_SPACE_HIT_PLOT, input -1); training point s
 * is (NS_HIT_POINT, layer NS_SPACE_HIT_TRAIN, input s).
 */
#pragma once

#include "ns-experiment.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

#define NS_SPACE_GRID_LINES 21   /* lines each way */
#define NS_SPACE_LINE_SAMPLES 60 /* points along each line */

#define NS_SPACE_HIT_PLOT (-1)
#define NS_SPACE_HIT_TRAIN 0

typedef enum
{
  NS_SPACE_AUTO,      /* 2: neurons 1 and 2; 3: oblique; wider: principal axes */
  NS_SPACE_NEURONS,   /* two chosen neurons (a 3-wide layer too) */
  NS_SPACE_OBLIQUE,   /* 3-wide layers only (else as AUTO) */
  NS_SPACE_PRINCIPAL, /* two principal axes, any width >= 2 */
} NsSpaceProjection;

/* Two principal axes of a layer's activations, kept by the caller between frames: start with
 * { 0 } when the view opens (ns_render_space_prepare then computes them once), and clear them
 * (ns_space_axes_clear) to have them recomputed, e.g. when the network's shape changes. */
typedef struct
{
  guint width;        /* the layer's width they were computed for; 0 = none yet */
  double *axis[2];    /* width components each: orthonormal, largest |component| positive */
  double variance[2]; /* the activations' variance along each axis */
} NsSpaceAxes;

/* Computes the axes from n samples of a width-wide layer given neuron-major (rows[j * n + s],
 * as nn_net_eval_grid writes them): power iteration on the covariance, in double. Samples with
 * a non-finite component are skipped. Each axis' sign makes its largest-magnitude component
 * positive, so nearby data gives nearby axes, never flipped ones. With no usable samples the
 * axes are the first two neurons and FALSE is returned. width >= 2. */
gboolean ns_space_axes_compute (NsSpaceAxes *axes, const float *rows, size_t n, guint width);
/* The same from @experiment's training points through its last hidden layer. FALSE if it has
 * no hidden layer at least 2 wide (axes cleared) or no finite activations. */
gboolean ns_space_axes_compute_from (NsSpaceAxes *axes, NsExperiment *experiment);
/* The projection of a width-wide activation vector h on axis k (0 or 1): the dot product. */
double ns_space_axes_project (const NsSpaceAxes *axes, guint k, const float *h, size_t stride);
void ns_space_axes_clear (NsSpaceAxes *axes); /* frees; the struct can be reused */

typedef struct
{
  NsSpaceProjection projection; /* what to show (NS_SPACE_AUTO: see above) */
  guint neurons[2];             /* NS_SPACE_NEURONS: which (0-based) */
  NsSpaceAxes *axes;            /* NS_SPACE_PRINCIPAL / AUTO on wide layers: the caller's axes,
                                 * computed by prepare when empty or for another width; NULL:
                                 * AUTO falls back to neurons 1 and 2 */
} NsSpaceOptions;

/* What the picture shows: coordinates and labels in the scene's arena (valid until its next
 * ns_scene_clear); labels are borrowed from the experiment's data (valid until it changes). */
typedef struct
{
  int layer;                     /* the hidden layer shown (dense layer index); -1: none */
  guint width;                   /* its width */
  NsSpaceProjection projection;  /* resolved: NEURONS, OBLIQUE or PRINCIPAL */
  guint neurons[2];              /* NEURONS: the two shown */
  const char *x_label, *y_label; /* "neuron 1", "axis 1"… (in the arena) */

  /* Grid lines: first NS_SPACE_GRID_LINES with x1 fixed (left to right), then as many with x2
   * fixed (bottom to top); each n_samples (u, v) pairs, NaN where not finite. */
  guint n_lines, n_samples;
  const double *lines;
  /* Training points' (u, v), NaN where not finite, and their labels. */
  guint n_points;
  const double *points;
  const float *labels;
  gboolean regression;
  guint n_classes;
  double value_min, value_max; /* regression: labels mapped orange -> blue */

  /* The finite extent with a margin, one scale on both axes; the view's window. */
  double u_min, u_max, v_min, v_max;
} NsSpaceViewData;

/* Fills @view by evaluating @experiment's network at the grid lines and the training points
 * (nn_net_eval_grid), with @options (NULL: AUTO without axes). @scene holds the buffers: call
 * it after ns_scene_clear and before ns_render_space on the same scene. */
void ns_render_space_prepare (NsSpaceViewData *view,
                              NsScene *scene,
                              NsExperiment *experiment,
                              const NsSpaceOptions *options);

/* Appends the picture for a width x height area to @scene. */
void ns_render_space (NsScene *scene,
                      const NsSpaceViewData *view,
                      const NsRenderStyle *style,
                      double width,
                      double height);

/* The plot's rectangle in @scene; FALSE if the scene has none. */
gboolean ns_render_space_get_plot (const NsScene *scene,
                                   double *x,
                                   double *y,
                                   double *width,
                                   double *height);
/* View coordinates (u, v) -> scene point; FALSE if the scene has no plot. */
gboolean ns_render_space_to_scene (const NsScene *scene,
                                   const NsSpaceViewData *view,
                                   double u,
                                   double v,
                                   double *sx,
                                   double *sy);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NsSpaceAxes, ns_space_axes_clear)

G_END_DECLS
