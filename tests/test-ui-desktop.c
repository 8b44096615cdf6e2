/* test-ui-desktop.c: what the desktop sees of the app (run under Xvfb): the about window that
 * app.about opens, and the settings schema's keys. */
#include "config.h"

#include <adwaita.h>

#include "ns-application.h"

#include "ns-test-ui.h"

/* The first toplevel window of @type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, k);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static void
test_about (void)
{
  g_autoptr (NsApplication) app = ns_application_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL, *version = NULL, *website = NULL, *icon = NULL;
  GtkWindow *main_window;
  GtkWindow *about;
  GtkLicense license;

  /* No session bus in the test environment: a non-unique application does not look for one. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  main_window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (main_window);
  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (about)), 5000);
  g_object_get (about, "application-name", &name, "version", &version, "website", &website,
                "application-icon", &icon, "license-type", &license, NULL);
  g_assert_cmpstr (name, ==, "Neuroscope");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (website, ==, PROJECT_URL);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  /* The icon comes from the app's resources even when nothing is installed. */
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_true (gtk_icon_theme_has_icon (
      gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (about))), icon));
  g_assert_true (gtk_window_get_transient_for (about) == main_window);

  gtk_window_destroy (about);
  gtk_window_destroy (main_window);
  run_for (50);
}

/* Every key the app keeps, with its type and default; a range where a value could be wrong. */
static void
test_schema (void)
{
  static const struct
  {
    const char *key;
    const char *type;
    const char *default_text;
  } keys[] = {
    { "window-width", "i", "1280" },      { "window-height", "i", "800" },
    { "window-maximized", "b", "false" }, { "zoom", "d", "1.0" },
    { "presentation-scale", "d", "0.0" }, { "last-lesson", "s", "''" },
    { "recent-files", "as", "@as []" },
  };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaKey) zoom = NULL;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  g_assert_nonnull (schema);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr (GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[k].key);
      g_autoptr (GVariant) value = g_settings_schema_key_get_default_value (key);
      g_autofree char *text = g_variant_print (value, TRUE);

      g_assert_cmpstr (g_variant_get_type_string (value), ==, keys[k].type);
      g_assert_cmpstr (text, ==, keys[k].default_text);
    }

  /* The zoom's range is the window's (NS_ZOOM_MIN .. NS_ZOOM_MAX). */
  zoom = g_settings_schema_get_key (schema, "zoom");
  g_assert_true (g_settings_schema_key_range_check (zoom, g_variant_new_double (0.5)));
  g_assert_true (g_settings_schema_key_range_check (zoom, g_variant_new_double (3.0)));
  g_assert_false (g_settings_schema_key_range_check (zoom, g_variant_new_double (3.5)));
  g_assert_false (g_settings_schema_key_range_check (zoom, g_variant_new_double (0.25)));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/desktop/about", test_about);
  g_test_add_func ("/ui/desktop/schema", test_schema);

  return g_test_run ();
}
