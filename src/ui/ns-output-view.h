/* ns-output-view.h: the decision boundary widget.
 *
 * Paints the network's output over the plane with the data on top (ns-render-output.h) and
 * redraws when the experiment steps or changes. A click on the plane adds a training point of
 * the chosen class (regression: of the chosen value); Ctrl+click (or a right click) removes the
 * nearest one. The tooltip tells the coordinates and the network's output under the pointer.
 *
 * Actions (on the widget, so any child or the window's shortcuts can name them):
 *   output.show-test      boolean state: draw the test points too
 *   output.discretize     boolean state: hard class colours instead of probabilities
 *   output.add-point      (dd): add a training point at these plane coordinates
 *   output.remove-point   (dd): remove the training point nearest to these coordinates
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment.h"
#include "ns-scene-view.h"

G_BEGIN_DECLS

#define NS_TYPE_OUTPUT_VIEW (ns_output_view_get_type ())
G_DECLARE_FINAL_TYPE (NsOutputView, ns_output_view, NS, OUTPUT_VIEW, NsSceneView)

GtkWidget *ns_output_view_new (void);

NsExperiment *ns_output_view_get_experiment (NsOutputView *self);
void ns_output_view_set_experiment (NsOutputView *self, NsExperiment *experiment);

gboolean ns_output_view_get_show_test_points (NsOutputView *self);
void ns_output_view_set_show_test_points (NsOutputView *self, gboolean show);
gboolean ns_output_view_get_discretize (NsOutputView *self);
void ns_output_view_set_discretize (NsOutputView *self, gboolean discretize);

/* The class a click adds (the class picker's choice); clamped to the data's classes. */
guint ns_output_view_get_class_to_add (NsOutputView *self);
void ns_output_view_set_class_to_add (NsOutputView *self, guint klass);
/* Regression: the value a click adds. */
double ns_output_view_get_value_to_add (NsOutputView *self);
void ns_output_view_set_value_to_add (NsOutputView *self, double value);

/* Widget point <-> plane coordinates, through the last frame's layout; FALSE before the first
 * frame, or (to_plane) when the point is off the plane. */
gboolean
ns_output_view_widget_to_plane (NsOutputView *self, double x, double y, double *x1, double *x2);
gboolean
ns_output_view_plane_to_widget (NsOutputView *self, double x1, double x2, double *x, double *y);

/* What a click at widget point (x, y) does, given the modifier keys held: adds a point there,
 * or with Ctrl removes the nearest. TRUE if it was on the plane. (The click gesture calls it;
 * tests call it with the modifiers a synthetic event cannot carry.) */
gboolean ns_output_view_click (NsOutputView *self, double x, double y, GdkModifierType state);

/* What a tooltip at (x, y) says, or NULL if nothing is there (caller frees). */
char *ns_output_view_describe_at (NsOutputView *self, double x, double y);

G_END_DECLS
