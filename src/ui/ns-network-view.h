/* ns-network-view.h: the network diagram widget, interactive.
 *
 * Rebuilds its scene from the experiment when it changed (ns_render_network) and paints it as
 * render nodes (ns-scene-snapshot.h). Over the diagram sit real widgets: "−" / "+" for the
 * number of hidden layers, and per hidden layer "−" / "+" for neurons, its width (click to
 * type it) and its activation menu. Clicking a feature turns it on or off, clicking a link or a
 * neuron opens a popover to type its weight or bias; hovering a neuron shows a card with a
 * larger heatmap and its bias.
 *
 * Actions (on the view, so buttons, menus, lessons and tests use them):
 *   network.add-layer, network.remove-layer          (a hidden layer of 4 at the end / the last)
 *   network.add-neuron u, network.remove-neuron u    (hidden layer index)
 *   network.set-width (uu)                           (layer, width 1..16)
 *   network.set-activation (us)                      (layer, "relu", "leaky_relu", "tanh",
 *                                                     "sigmoid", "linear")
 *   network.toggle-feature s                         ("x1sq": ns_feature_name; plane data)
 *   network.set-weight (uuud)                        (layer, neuron, input, value; input ==
 *                                                     the layer's fan-in sets the bias)
 *   network.set-layers s                             (image data: the layer list, "c8k3,p2,32";
 *                                                     ns_experiment_set_layers)
 *
 * For image data the diagram is one sample's feature maps (ns_render_network_images): the
 * plane's layer buttons give way to a layer list to type over it, and clicking a map or a
 * neuron selects it to read its numbers.
 *
 * Keys: the view is focusable (Tab into it: the first neuron gets selected). While it has the
 * focus and something is selected, its key bindings take the arrows: Left / Right move between
 * columns, Up / Down within one; Shift+Right / Shift+Left go onto the selected node's first
 * outgoing / incoming link, where Up / Down move the link's other end and Left / Right go to
 * its ends; Enter opens the selected item's popover (or turns a feature on or off); Escape
 * drops the selection. The bindings are ordinary class bindings on the focus widget, so they
 * run before the window's bubble-phase bindings; without a selection they decline, and bare
 * Right / Left / Space reach the window (step, play) as everywhere else.
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment.h"
#include "ns-render-network.h"
#include "ns-scene.h"

G_BEGIN_DECLS

#define NS_NETWORK_VIEW_MAX_LAYERS 8   /* hidden layers the + button goes up to */
#define NS_NETWORK_VIEW_MAX_NEURONS 16 /* neurons per hidden layer the + button goes up to */

#define NS_TYPE_NETWORK_VIEW (ns_network_view_get_type ())
G_DECLARE_FINAL_TYPE (NsNetworkView, ns_network_view, NS, NETWORK_VIEW, GtkWidget)

GtkWidget *ns_network_view_new (void);

NsExperiment *ns_network_view_get_experiment (NsNetworkView *self);
void ns_network_view_set_experiment (NsNetworkView *self, NsExperiment *experiment);

/* The one scale of sizes inside the diagram (zoom, presentation mode); 1 = normal. */
double ns_network_view_get_zoom (NsNetworkView *self);
void ns_network_view_set_zoom (NsNetworkView *self, double zoom);

/* For image data, the test sample the diagram follows through the network (its input, feature
 * maps, activations and class probabilities); default 0, clamped to the test set. The output
 * column's gallery sets it ("sample" property). */
guint ns_network_view_get_sample (NsNetworkView *self);
void ns_network_view_set_sample (NsNetworkView *self, guint sample);

/* The scene as it is drawn now (brought up to date first): for tests and hit testing. */
const NsScene *ns_network_view_get_scene (NsNetworkView *self);

/* What a tooltip at (x, y) says, or NULL if nothing is there (caller frees). */
char *ns_network_view_describe_at (NsNetworkView *self, double x, double y);

/* While stepping through training, the numbers of the neuron, link or input last pointed at
 * or selected, worked out as formulas (ns_render_network_step_explain), or a hint saying how
 * to get them; NULL when not stepping (caller frees). The view emits "details-changed" when
 * the item changes; a step changes them too (the window reads them after each). */
char *ns_network_view_get_details (NsNetworkView *self);

/* The keyboard's selection (kind NS_HIT_NONE when nothing is selected). Setting one that does
 * not exist selects nothing. */
NsNetworkItem ns_network_view_get_selection (NsNetworkView *self);
void ns_network_view_set_selection (NsNetworkView *self, const NsNetworkItem *item);
/* What Enter does: opens the selected neuron's or link's popover, or turns the selected
 * feature on or off. FALSE if nothing happened. */
gboolean ns_network_view_activate_selection (NsNetworkView *self);
/* The popover open for editing a weight or bias, or NULL (for tests: it holds a GtkEntry). */
GtkWidget *ns_network_view_get_edit_popover (NsNetworkView *self);

/* The diagram as an export wants it (copy as image, files): every caption drawn, no widgets,
 * no hover or selection. Clears @scene first. */
void
ns_network_view_render_export (NsNetworkView *self, NsScene *scene, double width, double height);

/* Parts of the diagram a lesson step leaves alone (its `hide`): their buttons and menus go,
 * and their actions are disabled. */
typedef enum
{
  NS_NETWORK_VIEW_LOCK_FEATURES = 1 << 0,   /* clicking an input toggles it */
  NS_NETWORK_VIEW_LOCK_LAYERS = 1 << 1,     /* layers and neurons added, removed, sized */
  NS_NETWORK_VIEW_LOCK_ACTIVATION = 1 << 2, /* each layer's activation menu */
} NsNetworkViewLock;

void ns_network_view_set_locked (NsNetworkView *self, NsNetworkViewLock parts);

G_END_DECLS
