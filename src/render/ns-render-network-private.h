/* ns-render-network-private.h: drawing shared by ns-render-network.c and the step-through
 * drawing in ns-render-network-step.c. */
#pragma once

#include "ns-render-network.h"

G_BEGIN_DECLS

void ns_render_network_draw_outline (NsScene *scene,
                                     const NsNetworkBox *box,
                                     gboolean selected,
                                     gboolean highlighted,
                                     const NsRenderStyle *style);

/* The numbers of the phase, over the diagram. */
void ns_render_network_draw_step (NsScene *scene,
                                  const NsNetworkViewData *view,
                                  const NsNetworkLayout *layout,
                                  const NsRenderStyle *style,
                                  double width,
                                  double height);

G_END_DECLS
