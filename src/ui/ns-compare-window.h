/* ns-compare-window.h: the data-scaling experiment in a window of its own: digits or apples,
 * the runs in a worker thread with a progress bar and Cancel, the plot filling in as results
 * arrive and the sentence the measured curves support under it. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NS_TYPE_COMPARE_WINDOW (ns_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (NsCompareWindow, ns_compare_window, NS, COMPARE_WINDOW, AdwWindow)

NsCompareWindow *ns_compare_window_new (GtkWindow *parent);

/* Starts the default run on the chosen data (the compare.run action); a run still going is
 * cancelled first. */
void ns_compare_window_run (NsCompareWindow *self);
/* Cancels the run (the compare.cancel action). */
void ns_compare_window_cancel (NsCompareWindow *self);
/* Whether a run is going. */
gboolean ns_compare_window_is_running (NsCompareWindow *self);
/* The rows so far, in the CSV's order (NaN accuracy: not measured yet). */
const GArray *ns_compare_window_get_rows (NsCompareWindow *self);

G_END_DECLS
