/* ns-application.c: the application: windows, app-wide actions, the about window. */
#include "config.h"

#include "ns-application.h"

#include <glib/gi18n.h>

#include "ns-window.h"

struct _NsApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (NsApplication, ns_application, ADW_TYPE_APPLICATION)

NsApplication *
ns_application_new (void)
{
  /* AdwApplication loads style.css from the resource base path by itself. */
  return g_object_new (NS_TYPE_APPLICATION, "application-id", APP_ID, "resource-base-path",
                       RESOURCE_PREFIX, "flags", G_APPLICATION_HANDLES_OPEN, NULL);
}

static NsExperiment *
default_experiment (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;

  ns_config_init_default (&config);
  experiment = ns_experiment_new (&config, &error);

  /* The default configuration generates its data: it has nothing to fail on. */
  if (experiment == NULL)
    g_error ("Cannot set up the default experiment: %s", error->message);

  return experiment;
}

static NsWindow *
new_window (NsApplication *self, NsExperiment *experiment)
{
  return ns_window_new (GTK_APPLICATION (self), experiment);
}

static void
ns_application_activate (GApplication *app)
{
  NsApplication *self = NS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr (NsExperiment) experiment = default_experiment ();

      window = GTK_WINDOW (new_window (self, experiment));
      /* Started without a file: the lessons, "continue" and free play first. */
      ns_window_show_welcome (NS_WINDOW (window));
      /* Work a crash or a close left unsaved is offered back. */
      ns_window_offer_restore (NS_WINDOW (window));
    }

  gtk_window_present (window);
}

static gboolean
is_lesson (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".md");
}

/* A lesson file opens beside the playground at its first step not reached yet; one that
 * cannot be read opens the welcome page, saying why. */
static void
open_lesson (NsApplication *self, const char *path)
{
  g_autoptr (NsExperiment) experiment = default_experiment ();
  NsWindow *window = new_window (self, experiment);
  g_autoptr (GError) error = NULL;

  if (!ns_window_open_lesson (window, path, &error))
    {
      g_printerr ("neuroscope: %s\n", error->message);
      ns_window_show_welcome (window);
      ns_window_show_message (window, error->message);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
ns_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  NsApplication *self = NS_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      g_autoptr (NsExperiment) experiment = NULL;
      g_autoptr (GError) error = NULL;
      NsWindow *window;

      if (path != NULL && is_lesson (path))
        {
          open_lesson (self, path);
          continue;
        }
      if (path != NULL)
        experiment = ns_window_load_experiment (path, &error);
      else
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _ ("%s: only local files can be opened"), uri);
        }

      /* A file that cannot be read still opens a window, saying why, so a demo never ends in
       * an empty screen. */
      if (experiment == NULL)
        {
          /* The loaders' messages start with the file's path (and line). */
          experiment = default_experiment ();
          window = new_window (self, experiment);
          g_printerr ("neuroscope: %s\n", error->message);
          ns_window_show_message (window, error->message);
        }
      else
        {
          window = new_window (self, experiment);
          /* A saved experiment is the window's file; a CSV file is only its data. */
          if (!g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".CSV"))
            ns_window_set_file (window, path);
        }

      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Closed, not just destroyed: each window autosaves its unsaved work or marks a clean quit. */
  /* Held while closing: closing one window may destroy the dialogs it owns. */
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    if (NS_IS_WINDOW (l->data))
      gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _ ("The Neuroscope authors"), NULL };
  GtkWidget *about;

  about = g_object_new (
      ADW_TYPE_ABOUT_WINDOW, "application", app, "transient-for",
      gtk_application_get_active_window (app), "modal", TRUE, "application-name", "Neuroscope",
      "application-icon", APP_ID, "version", PACKAGE_VERSION, "developer-name",
      _ ("The Neuroscope authors"), "developers", developers, "comments",
      _ ("Build small neural networks and watch them learn: every "
         "neuron, every weight, the loss and the decision boundary, "
         "computed by a tiny engine inside the app."),
      "translator-credits",
      /* Translators: your names, one a line, "Name <email>" */
      _ ("translator-credits"), "license-type", GTK_LICENSE_GPL_3_0, "website", PROJECT_URL,
      "issue-url", PROJECT_URL "/issues", "copyright", _ ("© 2026 The Neuroscope authors"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb, NULL, NULL, NULL, { 0 } },
  { "about", about_action_cb, NULL, NULL, NULL, { 0 } },
};

static void
ns_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (ns_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
ns_application_class_init (NsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = ns_application_startup;
  app_class->activate = ns_application_activate;
  app_class->open = ns_application_open;
}

static void
ns_application_init (NsApplication *self)
{
}
