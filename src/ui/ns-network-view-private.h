/* ns-network-view-private.h: the network view's state, shared by ns-network-view.c and its
 * layer controls and actions in ns-network-view-controls.c. */
#pragma once

#include "ns-network-view.h"

#include <gtk/gtk.h>

#include "ns-scene-snapshot.h"

G_BEGIN_DECLS

#define NEW_LAYER_WIDTH 4
/* Typed weights past this are typos, and would only make the run diverge. */
#define MAX_TYPED_WEIGHT 1000.0

/* One hidden layer's controls, stacked above its column. */
typedef struct
{
  GtkWidget *box;           /* vertical: the buttons, the width, the activation */
  GtkWidget *remove_button; /* network.remove-neuron */
  GtkWidget *add_button;    /* network.add-neuron */
  GtkWidget *count_button;  /* "4 neurons": opens a popover to type the width */
  GtkWidget *count_label;
  char *count_text;         /* "4 neurons" */
  char count_number[16];    /* "4": what the button says when its column is narrow */
  gboolean count_short;
  GtkWidget *spin;          /* in the count button's popover */
  GtkWidget *act_button;    /* the activation menu */
  GtkWidget *act_label;
} LayerControls;

struct _NsNetworkView
{
  GtkWidget parent_instance;

  NsExperiment *experiment;
  double zoom;

  /* The scene as last built, and what it was built for: rebuilt only when one of these
   * changes, and painted into a render node kept until then. */
  NsScene *scene;
  NsSnapshotPainter *painter;
  GskRenderNode *scene_node;
  guint64 scene_version;
  /* The stepping state the scene shows (phase, sample, step): stepping may move the phase
   * without a version bump, and the window queues a draw after each step action. */
  guint64 scene_step_key;
  int scene_width, scene_height;
  gboolean scene_dirty;
  /* The layout of the last allocation: reused by every frame drawn at that size, since laying
   * out measures text. */
  NsNetworkLayout layout;
  int layout_width, layout_height; /* 0: none */

  NsNetworkItem hover;     /* under the pointer */
  NsNetworkItem selection; /* the keyboard's */
  NsNetworkItem details;   /* what the details pane explains: the item last pointed at or
                            * selected, kept when the pointer leaves so it can be read out */
  gboolean link_from_source; /* a selected link was reached from its source: Up / Down move
                              * its target */
  gboolean focus_moving;     /* the focus is coming in from another widget (Tab) */

  /* Controls over the diagram. */
  GtkWidget *layers_box; /* − + "2 hidden layers" */
  GtkWidget *layers_label;
  LayerControls layers[NS_MAX_HIDDEN];
  guint n_layer_controls;
  gboolean syncing; /* updating the controls from the experiment: their signals are not edits */

  /* The popover to type a weight or a bias. */
  GtkWidget *edit_popover;
  GtkWidget *edit_title;
  GtkWidget *edit_field;
  GtkWidget *edit_entry;
  GtkWidget *edit_hint;
  NsNetworkItem edit_item; /* the neuron (bias) or link (weight) being edited */
};

static inline const NnNet *
get_net (NsNetworkView *self)
{
  return self->experiment != NULL ? ns_experiment_get_net (self->experiment) : NULL;
}

static inline gboolean
is_plane_data (NsNetworkView *self)
{
  return self->experiment != NULL && ns_experiment_get_config (self->experiment)->data_path == NULL;
}

static inline guint
n_hidden (NsNetworkView *self)
{
  const NnNet *net = get_net (self);

  return net != NULL ? (guint) net->n_layers - 1 : 0;
}

/* ns-network-view-controls.c */
GtkWidget *ns_network_view_make_button (const char *icon_name,
                                        const char *action_name,
                                        GVariant *target,
                                        const char *tooltip,
                                        const char *label);
void ns_network_view_sync_controls (NsNetworkView *self);
void ns_network_view_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
