/* ns-save-chooser.h: "where to save this CSV?": a native save dialog whose chosen path goes to
 * an action taking it ("s"), so that tests drive the action and the dialog only chooses. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Asks, over @parent, where to save a CSV file (suggesting @suggested_name); on acceptance
 * activates @action_name with the chosen path on @parent. */
void ns_save_chooser_csv (GtkWindow *parent,
                          const char *title,
                          const char *accept_label,
                          const char *suggested_name,
                          const char *action_name);

G_END_DECLS
