/* ns-compare-window.h: the data-scaling experiment in a window of its own: digits or apples,
 * the runs in a worker thread with a progress bar and Cancel, the plot filling in as results
 * arrive and the sentence the measured curves support under it; it follows the main window's
 * zoom. */
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
/* The main window's zoom (presentation mode's too; its "zoom" property, bound to the main
 * window's): the window's text and the plot. Ctrl++, Ctrl+-, Ctrl+0 and F5 in this window act
 * on the main window (its transient parent), as they do there. */
double ns_compare_window_get_zoom (NsCompareWindow *self);
void ns_compare_window_set_zoom (NsCompareWindow *self, double zoom);
/* The rows so far, in the CSV's order (NaN accuracy: not measured yet). */
const GArray *ns_compare_window_get_rows (NsCompareWindow *self);

G_END_DECLS
