/* ns-render-draw.h: the drawing pad in colour, for pictures (apples and balls) the learner
 * paints: ns_render_drawing_pad's layout, the pad shown in its own colours. */
#pragma once

#include "ns-render-images.h"

G_BEGIN_DECLS

/* As ns_render_drawing_pad, with @pad of @pad_channels (1 grey, 3 RGB) x pad_height x pad_width
 * values 0..1, drawn in its colours (three channels) or as ink (one). */
void ns_render_colour_drawing_pad (NsScene *scene,
                                   const NsRenderStyle *style,
                                   double x,
                                   double y,
                                   double width,
                                   double height,
                                   const float *pad,
                                   guint pad_channels,
                                   guint pad_height,
                                   guint pad_width,
                                   const NsImageData *small,
                                   NsPadPlace *place);

G_END_DECLS
