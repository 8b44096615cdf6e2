/* ns-export-dialog.h: "Export Picture…": which view, PNG / SVG / PDF, the size; then a native
 * save dialog, and the window's win.export-to action writes the file. */
#pragma once

#include "ns-window.h"

G_BEGIN_DECLS

#define NS_TYPE_EXPORT_DIALOG (ns_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NsExportDialog, ns_export_dialog, NS, EXPORT_DIALOG, AdwWindow)

/* The dialog for @window, modal over it. */
NsExportDialog *ns_export_dialog_present (NsWindow *window);

/* What the dialog is set to (for tests): the view's name, the format, the size. */
const char *ns_export_dialog_get_view (NsExportDialog *self);
const char *ns_export_dialog_get_format (NsExportDialog *self);
void ns_export_dialog_get_size (NsExportDialog *self, int *width, int *height);
void ns_export_dialog_set_view (NsExportDialog *self, const char *view_name);

G_END_DECLS
