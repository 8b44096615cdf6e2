/* ns-window-files.c: the window's files: Open, Save, Save As (GtkFileChooserNative: GTK 4.8 has
 * no GtkFileDialog), recent files, files dropped on the window, and the autosave with its offer
 * to restore. The choosers only pick a path and hand it to win.open-file / win.save-to, so the
 * tests (which cannot drive a native chooser) go through the very same code. */
#include "config.h"

#include "ns-window-lesson-private.h"
#include "ns-window-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* Often enough that a crash loses little, rarely enough that saving never shows while playing. */
#define AUTOSAVE_INTERVAL_S 30

struct _NsWindowFiles
{
  char *path;              /* the file the experiment came from or was saved to, or NULL */
  gboolean unsaved;        /* changed since it was opened or saved */
  gboolean autosave_due;   /* changed since the last autosave */
  gboolean autosave_error; /* an autosave failed and said so: the next ones stay quiet */
  guint autosave_id;
};

static gboolean
has_suffix (const char *path, const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

char *
ns_window_autosave_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "neuroscope", "autosave.json", NULL);
}

/* Touched at every clean quit: an autosave older than it holds nothing the learner lost. */
static char *
clean_quit_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "neuroscope", "clean-quit", NULL);
}

NsExperiment *
ns_window_load_experiment (const char *path, GError **error)
{
  if (has_suffix (path, ".csv"))
    {
      /* A CSV file opens as `--data FILE` would: the default network on the file's rows. */
      g_auto (NsConfig) config = { 0 };

      ns_config_init_default (&config);
      if (!ns_config_set_option (&config, "data", path, error))
        return NULL;
      return ns_experiment_new (&config, error);
    }
  return ns_experiment_load (path, error);
}

static void
update_file_title (NsWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->files->path == NULL)
    {
      adw_window_title_set_title (self->window_title, "Neuroscope");
      gtk_window_set_title (GTK_WINDOW (self), "Neuroscope");
      return;
    }
  name = g_filename_display_basename (self->files->path);
  title = g_strdup_printf ("%s — Neuroscope", name);
  adw_window_title_set_title (self->window_title, name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
add_recent (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *type = g_content_type_guess (path, NULL, 0, NULL);
  g_autofree char *mime = g_content_type_get_mime_type (type);
  /* add_full, not add_item: it records the file at once, with no query of the file behind. */
  GtkRecentData data = {
    .mime_type = mime != NULL ? mime : (char *) "application/octet-stream",
    .app_name = (char *) "Neuroscope",
    .app_exec = (char *) "neuroscope %f",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

const char *
ns_window_get_file (NsWindow *self)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), NULL);

  return self->files->path;
}

void
ns_window_set_file (NsWindow *self, const char *path)
{
  g_return_if_fail (NS_IS_WINDOW (self));

  ns_window_set_string (&self->files->path, path);
  self->files->unsaved = FALSE;
  if (path != NULL)
    add_recent (path);
  update_file_title (self);
}

/* A saved run or a data file is free play: any lesson open gives way. */
static void
replace_experiment (NsWindow *self, NsExperiment *loaded)
{
  ns_window_set_playing (self, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.playground", NULL);
  ns_experiment_replace (self->experiment, loaded);
  ns_step_pacer_reset (&self->pacer);
}

gboolean
ns_window_open_file (NsWindow *self, const char *path, GError **error)
{
  g_autoptr (NsExperiment) loaded = NULL;

  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (has_suffix (path, ".md"))
    {
      if (!ns_window_open_lesson (self, path, error))
        return FALSE;
      ns_window_set_file (self, NULL);
      add_recent (path);
      return TRUE;
    }

  loaded = ns_window_load_experiment (path, error);
  if (loaded == NULL)
    return FALSE;

  replace_experiment (self, loaded);
  /* A CSV file is data, not the experiment: Save asks where to write the experiment. */
  ns_window_set_file (self, has_suffix (path, ".csv") ? NULL : path);
  if (has_suffix (path, ".csv"))
    add_recent (path);
  return TRUE;
}

gboolean
ns_window_save_to (NsWindow *self, const char *path, GError **error)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ns_experiment_save (self->experiment, path, error))
    return FALSE;
  ns_window_set_file (self, path);
  return TRUE;
}

gboolean
ns_window_autosave (NsWindow *self, GError **error)
{
  g_autofree char *path = ns_window_autosave_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);

  /* The experiment keeps no copy of its last finite weights: a diverged run is not written
   * over the autosave of the run before it went wrong. */
  if (ns_experiment_get_diverged (self->experiment))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: cannot make the folder: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!ns_experiment_save (self->experiment, path, error))
    return FALSE;
  self->files->autosave_due = FALSE;
  return TRUE;
}

static GDateTime *
modified_time (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = g_file_query_info (
      file, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
      G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_file_info_get_modification_date_time (info) : NULL;
}

gboolean
ns_window_offer_restore (NsWindow *self)
{
  g_autofree char *autosave = ns_window_autosave_path ();
  g_autofree char *clean = clean_quit_path ();
  g_autoptr (GDateTime) saved = modified_time (autosave);
  g_autoptr (GDateTime) quit = modified_time (clean);
  AdwToast *toast;

  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);

  if (saved == NULL || (quit != NULL && g_date_time_compare (saved, quit) <= 0))
    return FALSE;
  toast = adw_toast_new ("Work from the last session was not saved");
  adw_toast_set_button_label (toast, "_Restore");
  adw_toast_set_action_name (toast, "win.restore-autosave");
  /* Long enough to read and decide, short enough not to hold back a message queued after it. */
  adw_toast_set_timeout (toast, 15);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
}

static void
restore_autosave_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  g_autofree char *path = ns_window_autosave_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) loaded = ns_experiment_load (path, &error);

  if (loaded == NULL)
    {
      ns_window_show_message (self, error->message);
      return;
    }
  replace_experiment (self, loaded);
  /* Restored work belongs to no file yet (and the autosave is no recent file): Save asks. */
  ns_window_set_file (self, NULL);
  self->files->unsaved = TRUE;
  self->files->autosave_due = TRUE;
}

static void
open_file_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!ns_window_open_file (self, g_variant_get_string (parameter, NULL), &error))
    ns_window_show_message (self, error->message);
}

static void
save_to_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  const char *path = g_variant_get_string (parameter, NULL);

  if (!ns_window_save_to (self, path, &error))
    ns_window_show_message (self, error->message);
  else
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *text = g_strdup_printf ("Saved as %s", name);

      ns_window_show_message (self, text);
    }
}

/* The chooser's answer, handed on as the path to @data's action ("win.open-file" or
 * "win.save-to"). */
static void
chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer data)
{
  GtkWidget *window = GTK_WIDGET (gtk_native_dialog_get_transient_for (chooser));
  const char *action = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        ns_window_show_message (NS_WINDOW (window), "Only local files can be opened or saved");
      else
        {
          /* A name typed without an extension is still an experiment. */
          g_autofree char *base = g_path_get_basename (path);

          if (g_str_equal (action, "win.save-to") && strchr (base, '.') == NULL)
            {
              char *json = g_strconcat (path, ".json", NULL);

              g_free (path);
              path = json;
            }
          gtk_widget_activate_action (window, action, "s", path);
        }
    }
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *const *patterns)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  static const char *const all[] = { "*.json", "*.md", "*.csv", NULL };
  static const char *const experiments[] = { "*.json", NULL };
  static const char *const lessons[] = { "*.md", NULL };
  static const char *const data[] = { "*.csv", NULL };
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      "Open", GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");

  add_filter (GTK_FILE_CHOOSER (chooser), "Experiments, lessons and data", all);
  add_filter (GTK_FILE_CHOOSER (chooser), "Experiments (JSON)", experiments);
  add_filter (GTK_FILE_CHOOSER (chooser), "Lessons (Markdown)", lessons);
  add_filter (GTK_FILE_CHOOSER (chooser), "Data (CSV)", data);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    (gpointer) "win.open-file");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_as_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  static const char *const experiments[] = { "*.json", NULL };
  NsWindow *self = NS_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      "Save Experiment", GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");

  add_filter (GTK_FILE_CHOOSER (chooser), "Experiments (JSON)", experiments);
  if (self->files->path != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (self->files->path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
    }
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "experiment.json");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    (gpointer) "win.save-to");
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  /* A lesson's setup is not the file opened before it: it asks where to go. */
  if (self->files->path == NULL || ns_window_get_lesson_id (self) != NULL)
    gtk_widget_activate_action (widget, "win.save-as", NULL);
  else
    gtk_widget_activate_action (widget, "win.save-to", "s", self->files->path);
}

/* A file dropped on the window opens as Open would open it; of several, the first. */
static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, NsWindow *self)
{
  GSList *files;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  path = g_file_get_path (files->data);
  if (path == NULL)
    ns_window_show_message (self, "Only local files can be opened");
  else if (!ns_window_open_file (self, path, &error))
    ns_window_show_message (self, error->message);
  g_slist_free (files);
  return path != NULL;
}

static gboolean
autosave_tick_cb (gpointer data)
{
  NsWindow *self = data;
  g_autoptr (GError) error = NULL;

  if (self->files->autosave_due && !ns_window_autosave (self, &error))
    {
      g_warning ("%s", error->message);
      /* Said once: a full disk would otherwise raise the same toast every half minute. */
      if (!self->files->autosave_error)
        {
          g_autofree char *text = g_strdup_printf ("Autosave failed: %s", error->message);

          ns_window_show_message (self, text);
        }
      self->files->autosave_error = TRUE;
    }
  return G_SOURCE_CONTINUE;
}

static void
experiment_changed_cb (NsWindow *self)
{
  if (self->files == NULL) /* disposed, the experiment living on elsewhere */
    return;
  self->files->unsaved = TRUE;
  self->files->autosave_due = TRUE;
}

/* Closing with unsaved work autosaves it (offered back at the next start); closing with all
 * saved marks a clean quit. */
static gboolean
close_request_cb (NsWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->files->unsaved)
    {
      if (self->files->autosave_due && !ns_window_autosave (self, &error))
        g_warning ("%s", error->message);
    }
  else
    {
      g_autofree char *clean = clean_quit_path ();
      g_autofree char *dir = g_path_get_dirname (clean);

      if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (clean, "", 0, &error))
        g_warning ("%s: cannot mark a clean quit: %s", clean,
                   error != NULL ? error->message : g_strerror (errno));
    }
  return FALSE;
}

void
ns_window_files_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action_cb);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action_cb);
  gtk_widget_class_install_action (widget_class, "win.save-to", "s", save_to_action_cb);
  gtk_widget_class_install_action (widget_class, "win.restore-autosave", NULL,
                                   restore_autosave_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
}

void
ns_window_files_init (NsWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->files = g_new0 (struct _NsWindowFiles, 1);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

void
ns_window_files_constructed (NsWindow *self)
{
  g_signal_connect_object (self->experiment, "changed", G_CALLBACK (experiment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->experiment, "stepped", G_CALLBACK (experiment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->files->autosave_id = g_timeout_add_seconds (AUTOSAVE_INTERVAL_S, autosave_tick_cb, self);
}

void
ns_window_files_dispose (NsWindow *self)
{
  if (self->files == NULL)
    return;
  g_clear_handle_id (&self->files->autosave_id, g_source_remove);
  g_clear_pointer (&self->files->path, g_free);
  g_clear_pointer (&self->files, g_free);
}
