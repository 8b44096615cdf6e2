/* ns-data-panel-images.c: the data panel's image folders ("Your images…"): the folder's
 * card (its name, counts per class, preview), the list of files it skipped, the folder
 * chooser and the data.open-folder and data.choose-folder actions with their toasts. */
#include "config.h"

#include "ns-data-panel-private.h"

#include <string.h>

#include <adwaita.h>

#include "ns-data-thumb.h"

/* An image folder's preview text: how many images of which size, and each class with its
 * count, so a learner sees at once a class that lost most of its files. */
static char *
folder_info (const NsDataset *data)
{
  g_autofree guint *counts = g_new0 (guint, MAX (data->n_classes, 1));
  GString *text = g_string_new (NULL);
  guint rows = data->n_train + data->n_test;

  for (guint i = 0; i < data->n_train; i++)
    counts[MIN ((guint) data->train_y[i], data->n_classes - 1)]++;
  for (guint i = 0; i < data->n_test; i++)
    counts[MIN ((guint) data->test_y[i], data->n_classes - 1)]++;

  g_string_append_printf (text, "%u %s of %u × %u · %u classes:", rows,
                          rows == 1 ? "image" : "images", data->image_width, data->image_height,
                          data->n_classes);
  for (guint k = 0; k < data->n_classes; k++)
    g_string_append_printf (text, "%s %s %u", k == 0 ? "" : ",",
                            data->class_names != NULL ? data->class_names[k] : "?", counts[k]);
  return g_string_free (text, FALSE);
}

void
ns_data_panel_sync_file (NsDataPanel *self, const NsConfig *config, const NsDataset *data)
{
  g_autofree char *basename = config->data_path != NULL
                                  ? g_path_get_basename (config->data_path)
                                  : g_strdup (ns_dataset_kind_title (config->dataset));
  g_autofree char *classes = NULL;
  g_autofree char *info = NULL;
  guint rows = data->n_train + data->n_test;

  if (data->n_classes == 0)
    classes = g_strdup ("a number to predict");
  else if (data->class_names != NULL && data->n_classes <= 5)
    {
      g_autofree char *names = g_strjoinv (", ", data->class_names);

      classes = g_strdup_printf ("%u classes: %s", data->n_classes, names);
    }
  else
    classes = g_strdup_printf ("%u classes", data->n_classes);

  if (ns_config_is_image_folder (config))
    info = folder_info (data);
  else
    info = g_strdup_printf ("%u %s · %u %s · %s", rows, rows == 1 ? "row" : "rows", data->n_inputs,
                            data->n_inputs == 1 ? "input" : "inputs", classes);

  gtk_label_set_label (self->file_name_label, basename);
  gtk_label_set_label (self->file_info_label, info);
  gtk_widget_set_tooltip_text (
      gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (self->file_name_label))),
      ns_config_is_image_folder (config)
          ? "The data comes from this folder: each subfolder is a class, each picture in it one "
            "example, shrunk and centred to fit. Choose a set above to leave it"
          : "The data comes from this file: each row is one point, the last column its class (or "
            "the number to predict). Choose a set above to close it");
  ns_data_thumb_set_experiment (self->file_preview, self->experiment);
  gtk_widget_queue_draw (GTK_WIDGET (self->file_preview));
}

/* The files the data left out (an image folder's), each with why, under the folder button. */
void
ns_data_panel_sync_skipped (NsDataPanel *self, const NsConfig *config)
{
  const GPtrArray *warnings =
      self->experiment != NULL ? ns_experiment_get_data_warnings (self->experiment) : NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  const char *folder = config != NULL ? config->data_path : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->skipped_expander),
                          warnings != NULL && warnings->len > 0);
  if (warnings == NULL || warnings->len == 0)
    {
      gtk_label_set_label (self->skipped_label, "");
      return;
    }

  for (guint i = 0; i < warnings->len; i++)
    {
      const char *line = warnings->pdata[i];

      /* Paths inside the folder read shorter without it (its name is in the card above). */
      if (folder != NULL && g_str_has_prefix (line, folder))
        line += strlen (folder);
      g_string_append_printf (text, "%s%s", i == 0 ? "" : "\n", line);
    }
  title = g_strdup_printf ("%u %s skipped", warnings->len, warnings->len == 1 ? "file" : "files");
  gtk_expander_set_label (self->skipped_expander, title);
  gtk_label_set_label (self->skipped_label, text->str);
}

/* A toast in the window's overlay (its title is markup in libadwaita 1.2: escaped). */
static void
show_message (NsDataPanel *self, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_free (self->message);
  self->message = g_strdup (message);
  if (overlay != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
}

void
ns_data_panel_open_folder_action_cb (GtkWidget *widget,
                                     const char *action_name,
                                     GVariant *parameter)
{
  NsDataPanel *self = NS_DATA_PANEL (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr (GError) error = NULL;
  const GPtrArray *warnings;

  if (self->experiment == NULL || *path == '\0')
    return;

  /* The loader's errors name the folder (or the class folder) and what was expected. */
  if (!ns_experiment_set_data_folder (self->experiment, path, &error))
    {
      show_message (self, error->message);
      return;
    }
  warnings = ns_experiment_get_data_warnings (self->experiment);
  if (warnings->len > 0)
    {
      g_autofree char *text =
          g_strdup_printf ("%u %s skipped: see the list under “Your images…”", warnings->len,
                           warnings->len == 1 ? "file" : "files");

      show_message (self, text);
    }
}

static void
folder_chooser_response_cb (GtkNativeDialog *chooser, int response, NsDataPanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "data.open-folder", "s", path);
      else
        show_message (self, "That folder is not on this computer; expected a local folder");
    }
  g_clear_object (&self->folder_chooser);
}

void
ns_data_panel_choose_folder_action_cb (GtkWidget *widget,
                                       const char *action_name,
                                       GVariant *parameter)
{
  NsDataPanel *self = NS_DATA_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->folder_chooser != NULL)
    return; /* one chooser at a time */

  self->folder_chooser =
      gtk_file_chooser_native_new ("Your Images: a Folder with One Subfolder per Class",
                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, "_Open", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->folder_chooser), TRUE);
  g_signal_connect_object (self->folder_chooser, "response",
                           G_CALLBACK (folder_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}

const char *
ns_data_panel_get_message (NsDataPanel *self)
{
  g_return_val_if_fail (NS_IS_DATA_PANEL (self), NULL);

  return self->message;
}
