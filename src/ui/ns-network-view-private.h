/* ns-network-view-private.h: the network view's state, shared by ns-network-view.c, its
 * layer controls and actions in ns-network-view-controls.c, its edit popover in
 * ns-network-view-edit.c, its selection and keys in ns-network-view-select.c and its
 * descriptions in words in ns-network-view-words.c. */
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
  char *count_text;      /* "4 neurons" */
  char count_number[16]; /* "4": what the button says when its column is narrow */
  gboolean count_short;
  GtkWidget *spin;       /* in the count button's popover */
  GtkWidget *act_button; /* the activation menu */
  GtkWidget *act_label;
} LayerControls;

struct _NsNetworkView
{
  GtkWidget parent_instance;

  NsExperiment *experiment;
  double zoom;
  guint sample; /* image data: the test sample shown */

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

  NsNetworkItem hover;       /* under the pointer */
  NsNetworkItem selection;   /* the keyboard's */
  NsNetworkItem details;     /* what the details pane explains: the item last pointed at or
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
  NsNetworkViewLock locked; /* parts a lesson step leaves alone (ns_network_view_set_locked) */

  /* Image data: the layer list ("c8k3,p2,32") over the picture, typed and applied. */
  GtkWidget *image_bar;
  GtkWidget *image_entry;
  GtkWidget *image_error; /* why the last list was refused; hidden when none */

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
  return self->experiment != NULL
         && ns_config_is_plane (ns_experiment_get_config (self->experiment));
}

/* Image data: the diagram follows one sample through the layers (ns_render_network_images),
 * and the plane's layer controls are hidden. */
static inline gboolean
is_image_data (NsNetworkView *self)
{
  return self->experiment != NULL
         && ns_config_is_image (ns_experiment_get_config (self->experiment));
}

static inline guint
n_hidden (NsNetworkView *self)
{
  const NnNet *net = get_net (self);

  return net != NULL ? (guint) net->n_layers - 1 : 0;
}

/* ns-network-view.c */
extern const NsNetworkItem ns_network_view_no_item;      /* nothing hovered, selected or edited */
GtkWidgetClass *ns_network_view_get_parent_class (void); /* to chain up from the other files */
gboolean ns_network_view_item_equal (const NsNetworkItem *a, const NsNetworkItem *b);
void ns_network_view_invalidate (NsNetworkView *self); /* rebuild the scene and redraw */
size_t ns_network_view_column_rows (NsNetworkView *self, size_t column);
void ns_network_view_prepare_plain (NsNetworkView *self, NsNetworkViewData *view);
gboolean ns_network_view_item_exists (NsNetworkView *self, const NsNetworkItem *item);
NsNetworkItem ns_network_view_input_item (NsNetworkView *self, size_t row);
char *ns_network_view_describe_node (NsNetworkView *self, size_t layer, size_t j);
char *ns_network_view_describe_link_source (NsNetworkView *self, size_t layer, size_t i);
void ns_network_view_update_description (NsNetworkView *self);
char *ns_network_view_describe_item (NsNetworkView *self, const NsNetworkItem *item);
void ns_network_view_ensure_scene (NsNetworkView *self);
void ns_network_view_set_details (NsNetworkView *self, const NsNetworkItem *item);

/* ns-network-view-edit.c */
void ns_network_view_make_edit_popover (NsNetworkView *self);
void ns_network_view_open_edit_popover (NsNetworkView *self, const NsNetworkItem *item);

/* ns-network-view-select.c */
void ns_network_view_select_item (NsNetworkView *self, const NsNetworkItem *item);
gboolean ns_network_view_activate_item (NsNetworkView *self, const NsNetworkItem *item);
gboolean ns_network_view_move_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data);
gboolean ns_network_view_activate_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data);
gboolean ns_network_view_escape_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data);
gboolean ns_network_view_focus (GtkWidget *widget, GtkDirectionType direction);
void ns_network_view_root (GtkWidget *widget);
void ns_network_view_unroot (GtkWidget *widget);

/* ns-network-view-controls.c */
GtkWidget *ns_network_view_make_button (const char *icon_name,
                                        const char *action_name,
                                        GVariant *target,
                                        const char *tooltip,
                                        const char *label);
void ns_network_view_sync_controls (NsNetworkView *self);

/* ns-network-view-pointer.c: hover, tooltips and clicks. */
gboolean ns_network_view_query_tooltip (GtkWidget *widget,
                                        int x,
                                        int y,
                                        gboolean keyboard,
                                        GtkTooltip *tooltip);
void ns_network_view_add_pointer_controllers (NsNetworkView *self);
void ns_network_view_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
