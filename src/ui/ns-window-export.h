/* ns-window-export.h: the main window's pictures and curves to files (issue 13, "Export").
 *
 * Actions (installed by ns_window_install_export_actions):
 *   win.export             the Export Picture dialog (ns-export-dialog.h); Ctrl+E
 *   win.export-to          (ssiis): view name, format ("png", "svg", "pdf"), width, height,
 *                          path: what the dialog does once a file is chosen; errors in a toast
 *   win.export-curves      the loss curves as CSV, after a save dialog
 *   win.export-curves-to   (s): the loss curves as CSV to a path; errors in a toast
 */
#pragma once

#include "ns-window.h"

G_BEGIN_DECLS

/* "window": the whole window as it looks (the other names are NsView names). */
#define NS_EXPORT_WHOLE_WINDOW "window"

/* Whether the window shows @view_name now (the plane views need plane data, the image views
 * images); "window" always. */
gboolean ns_window_export_has_view (NsWindow *self, const char *view_name);

/* What the window shows, in the order the dialog offers them (NULL-terminated, caller frees
 * the array only). */
const char **ns_window_export_list_views (NsWindow *self);

/* @view_name's on-screen size in logical pixels (800 x 600 when it is not on screen). */
void
ns_window_export_get_screen_size (NsWindow *self, const char *view_name, int *width, int *height);

/* Draws @view_name at @width x @height into @path as @format ("png", "svg" or "pdf"; the
 * file name must end in it). Views are laid out at that size by src/render/ (as
 * `neuroscope render` does), so SVG and PDF are vector. FALSE with @error naming the file.
 * The whole window is written after the window's next frame (the toast says so, or why not). */
gboolean ns_window_export_picture (NsWindow *self,
                                   const char *view_name,
                                   const char *format,
                                   int width,
                                   int height,
                                   const char *path,
                                   GError **error);

/* The experiment's history as CSV (ns_history_to_csv) into @path. */
gboolean ns_window_export_curves (NsWindow *self, const char *path, GError **error);

void ns_window_install_export_actions (GtkWidgetClass *widget_class);

G_END_DECLS
