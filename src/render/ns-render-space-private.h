/* ns-render-space-private.h: shared by ns-render-space.c (mapping and drawing) and the principal
 * axes in ns-render-space-axes.c. */
#pragma once

#include "ns-render-space.h"

G_BEGIN_DECLS

/* Network inputs (input-major, n_inputs rows of n) of the first n training points: plane data
 * goes through the features; CSV rows are the inputs themselves. @xy (2 x n) is scratch for the
 * points' plane coordinates. */
void ns_render_space_point_inputs (NsExperiment *experiment,
                                   const NsDataset *data,
                                   guint n,
                                   float *xy,
                                   float *out);

G_END_DECLS
