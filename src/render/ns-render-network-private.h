/* ns-render-network-private.h: drawing shared by ns-render-network.c, the step-through
 * drawing in ns-render-network-step.c, the links in ns-render-network-links.c and the layout in
 * ns-render-network-layout.c. */
#pragma once

#include "ns-render-network.h"

G_BEGIN_DECLS

/* Sizes the layout and the drawing both use, in logical units at scale 1 (multiplied by the
 * style's scale). */
#define NS_RENDER_NETWORK_LABEL_PAD 10.0 /* between a label and its picture */
#define NS_RENDER_NETWORK_MIN_NODE 10.0
/* Under "Features" when the pictures are buttons. */
#define NS_RENDER_NETWORK_INPUT_HINT "click to toggle"

/* A layout made earlier still has a place for every picture. */
gboolean
ns_render_network_layout_fits (const NsNetworkLayout *layout, const NsNetworkViewData *view);

void ns_render_network_draw_outline (NsScene *scene,
                                     const NsNetworkBox *box,
                                     gboolean selected,
                                     gboolean highlighted,
                                     const NsRenderStyle *style);

/* Whether weight layer @l (0 the first hidden layer, n_layers - 1 the output) has been
 * reached by the walk of @step's phase: its numbers shown (TRUE outside FORWARD/BACKWARD). */
gboolean ns_render_network_step_layer_reached (const NsStepState *step, size_t l);
/* Whether weight layer @l is the one the walk has just reached (lit in the accent colour). */
gboolean ns_render_network_step_layer_current (const NsStepState *step, size_t l);

/* Every weight as a line between its two nodes, the selected one again on top
 * (ns-render-network-links.c). */
void ns_render_network_draw_links (NsScene *scene,
                                   const NsNetworkViewData *view,
                                   const NsNetworkLayout *layout,
                                   const NsRenderStyle *style);

/* The numbers of the phase, over the diagram. */
void ns_render_network_draw_step (NsScene *scene,
                                  const NsNetworkViewData *view,
                                  const NsNetworkLayout *layout,
                                  const NsRenderStyle *style,
                                  double width,
                                  double height);

/* The details pane's numbers for map @channel of conv or pool layer @l of an image network
 * while stepping (ns-render-network-images-step.c): its strongest pixel's z = b + Σ w·x over its
 * window (a pool's max), its largest δ, or its filter's change. */
char *
ns_render_network_images_explain_map (const NsNetworkViewData *view, size_t l, size_t channel);

G_END_DECLS
