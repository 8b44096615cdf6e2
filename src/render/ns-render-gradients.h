/* ns-render-gradients.h: the gradient-health chart.
 *
 * Each dense layer's mean |gradient| (ns_experiment_get_gradient_health) per epoch, one line per
 * layer, on a log-scale y axis with a tick and a gridline at every power of ten: with 8 sigmoid
 * layers the learner sees the input-side lines sink decades below the output's (vanishing
 * gradients); with relu they stay together. x = epoch.
 *
 * Colours run along a sequential, colour-blind safe palette (viridis) from the layer nearest the
 * input (dark purple) to the output layer (green; the palette's yellow end is left out on light
 * backgrounds, where it would not show), so neighbouring layers look alike and the order reads
 * from lightness alone. The legend names "Layer 1" (nearest the input) … "Output" with each
 * layer's latest value.
 *
 * Zeros (a dead layer) and values below the axis floor sit on the floor; NaN (a diverged run) is
 * left out. The axis spans whole decades around the finite positive values, at most
 * NS_RENDER_GRADIENTS_MAX_DECADES of them (below that, the floor).
 *
 * Hit regions: the plotting area is (NS_HIT_POINT, layer -1, neuron -1, input -1).
 */
#pragma once

#include "ns-experiment.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

#define NS_RENDER_GRADIENTS_MAX_DECADES 12

/* A read-only view of what the chart shows, borrowed from the experiment or the caller. */
typedef struct
{
  const double *values; /* n_epochs rows of n_layers, epoch-major; layer 0 nearest the input */
  guint n_epochs;
  guint n_layers;
  guint first_epoch; /* the epoch of row 0 */
} NsGradientsViewData;

/* Fills @view from @experiment's gradient health. The view borrows it: valid until the next
 * step. */
void ns_render_gradients_prepare (NsGradientsViewData *view, NsExperiment *experiment);

/* Appends the chart for a width x height area to @scene (clear it first for a new frame). */
void ns_render_gradients (NsScene *scene,
                          const NsGradientsViewData *view,
                          const NsRenderStyle *style,
                          double width,
                          double height);

/* The decades the y axis spans for @view: 10^lo at the bottom to 10^hi at the top (lo < hi). */
void ns_render_gradients_decades (const NsGradientsViewData *view, int *lo, int *hi);

/* The colour of layer @layer of @n_layers (0 nearest the input). */
NsColor ns_render_gradients_layer_color (const NsRenderStyle *style, guint layer, guint n_layers);

G_END_DECLS
