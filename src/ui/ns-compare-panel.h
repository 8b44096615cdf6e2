/* ns-compare-panel.h: "ML vs DL side by side" (issue 11). Left, hand-made features -> a
 * classic model: the learner ticks the features a person designed (each with its one-sentence
 * explanation), picks the model, trains it, and sees its test accuracy and, for a chosen test
 * image, what the features looked at (the zone grid over the digit, the outline of the apple…).
 * Right, pixels -> network -> learned features: the network's test accuracy as it trains in the
 * main window, and the features its first layer learned by itself. Both on the experiment's
 * one train/test split, and the panel says so.
 *
 * The classic model trains in a worker thread, on a copy of the split, while the window goes
 * on (a spinner and a line of text say what trains); changing the features or the model trains
 * the new choice, cancelling the one still going, and so does closing the panel.
 *
 * Actions (group "compare"):
 *   compare.train   trains the classic model with the choices shown (again: the training set
 *                   may have grown), cancelling a training still going
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment-classic.h"
#include "ns-experiment.h"

G_BEGIN_DECLS

#define NS_TYPE_COMPARE_PANEL (ns_compare_panel_get_type ())
G_DECLARE_FINAL_TYPE (NsComparePanel, ns_compare_panel, NS, COMPARE_PANEL, GtkBox)

GtkWidget *ns_compare_panel_new (NsExperiment *experiment);

void ns_compare_panel_set_zoom (NsComparePanel *self, double zoom);

/* The choices as the controls show them; setting them moves the controls. */
void ns_compare_panel_get_choice (NsComparePanel *self, NsClassicChoice *choice);
void ns_compare_panel_set_choice (NsComparePanel *self, const NsClassicChoice *choice);

/* The classic model last trained (NULL before the first training has finished, after new
 * data, or when the choice could not be trained). */
const NsExperimentClassic *ns_compare_panel_get_classic (NsComparePanel *self);

/* The test image whose features are drawn (an index into the test set). */
void ns_compare_panel_set_sample (NsComparePanel *self, guint index);

/* For tests: the texts of the two accuracies ("Test accuracy 91.4%" …). */
const char *ns_compare_panel_get_classic_text (NsComparePanel *self);
const char *ns_compare_panel_get_network_text (NsComparePanel *self);
/* Whether a training of the classic model is going on in the worker; its cancellable (NULL
 * when none), cancelled when a new request replaces it or the panel closes; the words beside
 * the Train button ("Training logistic regression on … of 1437 images…", "" when idle). */
gboolean ns_compare_panel_is_training (NsComparePanel *self);
GCancellable *ns_compare_panel_get_training_cancellable (NsComparePanel *self);
const char *ns_compare_panel_get_status_text (NsComparePanel *self);
/* The check button of hand feature @feature (NULL when it does not apply to the data). */
GtkCheckButton *ns_compare_panel_get_feature_check (NsComparePanel *self, guint feature);

G_END_DECLS
