/* ns-curves-view.h: the loss (and accuracy) curves widget.
 *
 * Paints the whole history as charts (ns-render-curves.h) and redraws when an epoch ends or the
 * experiment changes. The tooltip tells the values of the epoch under the pointer. Its zoom
 * and scene are NsSceneView's.
 *
 * Actions (on the widget):
 *   curves.show-accuracy   boolean state: the accuracy chart too (below the loss when there is
 *                          room, else instead of it); classification only
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment.h"
#include "ns-scene-view.h"

G_BEGIN_DECLS

#define NS_TYPE_CURVES_VIEW (ns_curves_view_get_type ())
G_DECLARE_FINAL_TYPE (NsCurvesView, ns_curves_view, NS, CURVES_VIEW, NsSceneView)

GtkWidget *ns_curves_view_new (void);

NsExperiment *ns_curves_view_get_experiment (NsCurvesView *self);
void ns_curves_view_set_experiment (NsCurvesView *self, NsExperiment *experiment);

gboolean ns_curves_view_get_show_accuracy (NsCurvesView *self);
void ns_curves_view_set_show_accuracy (NsCurvesView *self, gboolean show);

/* What the view shows, by its name in ns-view.h's table: "loss" (the curves, with accuracy if
 * asked), "gradients" (each layer's mean |gradient| per epoch, log scale) or "space" (how the
 * last hidden layer warps the input plane); other names are ignored. Stateful action
 * "curves.chart". */
const char *ns_curves_view_get_chart (NsCurvesView *self);
void ns_curves_view_set_chart (NsCurvesView *self, const char *chart);

/* What a tooltip at (x, y) says, or NULL if nothing is there (caller frees). */
char *ns_curves_view_describe_at (NsCurvesView *self, double x, double y);

G_END_DECLS
