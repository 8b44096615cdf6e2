/* ns-render-hand.h: what hand-made features look at in one image, drawn over it (the left
 * half of "ML vs DL side by side"): the zone grid with each zone's ink, the row and column
 * projections as bars beside the image, the gradient orientations of each cell as a star of
 * strokes, the object's outline and centre with its mean radius, the stem's pixels, the mean
 * colour as a swatch; and a line per chosen feature naming what it measured. */
#pragma once

#include "ns-hand-features.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* Draws @image (view->c x view->h x view->w, channel-major, 0..1) as large as fits in the
 * rectangle (x, y, width, height), with the parts of @view that the features of @mask (an
 * NsHandFeature mask) looked at drawn over it and their values written under it. Features of
 * @mask that do not apply to the image are left out. */
void ns_render_hand_features (NsScene *scene,
                              const NsRenderStyle *style,
                              double x,
                              double y,
                              double width,
                              double height,
                              const float *image,
                              const NsHandView *view,
                              guint mask);

G_END_DECLS
