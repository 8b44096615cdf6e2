/* ns-network-view.h: the network diagram widget.
 *
 * Rebuilds its scene from the experiment on every frame (ns_render_network) and paints it as
 * render nodes (ns-scene-snapshot.h). Hovering shows a link's weight or a neuron's bias.
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment.h"
#include "ns-scene.h"

G_BEGIN_DECLS

#define NS_TYPE_NETWORK_VIEW (ns_network_view_get_type ())
G_DECLARE_FINAL_TYPE (NsNetworkView, ns_network_view, NS, NETWORK_VIEW, GtkWidget)

GtkWidget *ns_network_view_new (void);

NsExperiment *ns_network_view_get_experiment (NsNetworkView *self);
void ns_network_view_set_experiment (NsNetworkView *self, NsExperiment *experiment);

/* The one scale of sizes inside the diagram (zoom, presentation mode); 1 = normal. */
double ns_network_view_get_zoom (NsNetworkView *self);
void ns_network_view_set_zoom (NsNetworkView *self, double zoom);

/* The scene of the last frame drawn (for tests and hit testing); empty before the first. */
const NsScene *ns_network_view_get_scene (NsNetworkView *self);

/* What a tooltip at (x, y) says, or NULL if nothing is there (caller frees). */
char *ns_network_view_describe_at (NsNetworkView *self, double x, double y);

G_END_DECLS
