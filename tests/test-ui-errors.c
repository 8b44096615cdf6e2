/* test-ui-errors.c: errors the window shows can be read (run under Xvfb). A message holding
 * "<data>" or "`}'" broke the toast's Pango markup and showed an empty notification. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ns-application.h"
#include "ns-window.h"

#include "ns-test-ui.h"

/* The text of the first label under @widget whose text contains @needle, or NULL. */
static const char *
find_label_text (GtkWidget *widget, const char *needle)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (strstr (text, needle) != NULL)
        return text;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label_text (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static NsApplication *
registered_application (void)
{
  NsApplication *app = ns_application_new ();
  g_autoptr (GError) error = NULL;

  /* No session bus in the test environment: a non-unique application does not look for one. */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app))
                                                    | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

/* Opens @contents saved as @name through the application, as `neuroscope FILE` does, and
 * returns the text of the first label holding @needle (asserting there is one). */
static char *
open_file (const char *name, const char *contents, const char *needle)
{
  g_autoptr (NsApplication) app = registered_application ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ns-errors-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWindow *window;
  const char *text = NULL;
  char *result;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (NS_IS_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);
  WAIT_UNTIL ((text = find_label_text (GTK_WIDGET (window), needle)) != NULL, 5000);
  result = g_strdup (text);

  gtk_window_destroy (window);
  run_for (50);
  g_unlink (path);
  g_rmdir (dir);
  return result;
}

static void
test_open_malformed_json (void)
{
  g_autofree char *text = open_file ("broken run.json", "{\"format_version\": ", ".json");

  /* The file, the line and column, and what was wrong, with json-glib's "<data>" gone. */
  g_assert_nonnull (strstr (text, "broken run.json:1:"));
  g_assert_nonnull (strstr (text, "not a saved experiment"));
  g_assert_null (strstr (text, "<data>"));
}

static void
test_open_malformed_csv (void)
{
  g_autofree char *text = open_file ("points.csv", "a,b,label\n1,2,x\n3,<oops>,y\n", "points.csv");

  g_assert_nonnull (strstr (text, "points.csv:3"));
  g_assert_nonnull (strstr (text, "<oops>"));
}

/* A data file's name is shown as it is, markup characters and all (the window's subtitle). */
static void
test_open_csv_named_with_markup (void)
{
  g_autofree char *text =
      open_file ("a&b <c>.csv", "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n", "a&b");

  g_assert_nonnull (strstr (text, "a&b <c>"));
}

/* Any message, markup characters and all, shows as written. */
static void
test_message_text (void)
{
  g_autoptr (NsApplication) app = registered_application ();
  static const char message[] = "<data>:1:2: expected `}' & <b>not</b> bold";
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);
  ns_window_show_message (NS_WINDOW (window), message);
  WAIT_UNTIL (find_label_text (GTK_WIDGET (window), "<data>") != NULL, 5000);
  g_assert_cmpstr (find_label_text (GTK_WIDGET (window), "<data>"), ==, message);
  gtk_window_destroy (window);
  run_for (50);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/errors/message-text", test_message_text);
  g_test_add_func ("/ui/errors/open-malformed-json", test_open_malformed_json);
  g_test_add_func ("/ui/errors/open-malformed-csv", test_open_malformed_csv);
  g_test_add_func ("/ui/errors/csv-name-with-markup", test_open_csv_named_with_markup);

  return g_test_run ();
}
