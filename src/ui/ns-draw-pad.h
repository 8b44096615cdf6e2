/* ns-draw-pad.h: "Draw your own" (issue 11): the learner draws a digit (or an apple or a ball)
 * with the mouse; the drawing, downsampled to the network's input (8x8 grey digits centred by
 * their centre of mass as the data was made, 16x16 RGB pictures), goes through the network as
 * they draw, and its class probabilities show beside the pad; the drawing can join the
 * training set with a label.
 *
 * Actions (group "pad"):
 *   pad.clear   an empty pad
 *   pad.add     adds the drawing to the training set as the chosen class, then clears the pad
 *
 * The network is asked again whenever the experiment's version changes (training goes on while
 * the pad is open), through nn_net_eval_grid, which leaves the trainer's state alone.
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment.h"
#include "ns-render-images.h"

G_BEGIN_DECLS

#define NS_TYPE_DRAW_PAD (ns_draw_pad_get_type ())
G_DECLARE_FINAL_TYPE (NsDrawPad, ns_draw_pad, NS, DRAW_PAD, GtkBox)

GtkWidget *ns_draw_pad_new (NsExperiment *experiment);

NsExperiment *ns_draw_pad_get_experiment (NsDrawPad *self);

/* The picture (pad, downsampled image, probabilities): its zoom follows the window's. */
GtkWidget *ns_draw_pad_get_view (NsDrawPad *self);
void ns_draw_pad_set_zoom (NsDrawPad *self, double zoom);

/* What the pointer does, in the view's coordinates: the drag gesture calls these, and tests
 * call them to draw a stroke. A stroke that begins outside the pad draws nothing. */
void ns_draw_pad_stroke_begin (NsDrawPad *self, double x, double y);
void ns_draw_pad_stroke_to (NsDrawPad *self, double x, double y);
void ns_draw_pad_stroke_end (NsDrawPad *self);

/* Where the pad was last drawn in the view (for tests to aim at it). FALSE before a frame. */
gboolean
ns_draw_pad_get_place (NsDrawPad *self, NsPadPlace *place, guint *pad_width, guint *pad_height);

/* The drawing as the network sees it (the data's channels x height x width) and the network's
 * class probabilities for it (n_classes); valid until the next change. */
const float *ns_draw_pad_get_image (NsDrawPad *self, guint *channels, guint *height, guint *width);
const float *ns_draw_pad_get_probabilities (NsDrawPad *self, guint *n_classes);

/* The class pad.add gives the drawing; by default the network's guess, until the learner picks
 * one. */
guint ns_draw_pad_get_label (NsDrawPad *self);
void ns_draw_pad_set_label (NsDrawPad *self, guint label);

/* The message under the pad (what was added, or why nothing can be); never NULL. */
const char *ns_draw_pad_get_message (NsDrawPad *self);

G_END_DECLS
