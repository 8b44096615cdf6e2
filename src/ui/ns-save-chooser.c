/* ns-save-chooser.c: a native save dialog handing its path to an action (see the header). */
#include "config.h"

#include "ns-save-chooser.h"

static void
chosen_cb (GtkNativeDialog *chooser, int response, gpointer data)
{
  GtkWidget *parent = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      const char *action = g_object_get_data (G_OBJECT (chooser), "ns-action");

      if (path != NULL)
        gtk_widget_activate_action (parent, action, "s", path);
    }
  g_object_unref (chooser);
  g_object_unref (parent);
}

void
ns_save_chooser_csv (GtkWindow *parent,
                     const char *title,
                     const char *accept_label,
                     const char *suggested_name,
                     const char *action_name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, accept_label, "_Cancel");
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, "CSV files");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "ns-action", g_strdup (action_name), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), g_object_ref (parent));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
