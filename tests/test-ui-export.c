/* test-ui-export.c: the main window's export (run under Xvfb): pictures of several views in
 * PNG, SVG and PDF through win.export-to (PNG at the asked size, SVG and PDF vector), the
 * views image data offers, the loss curves as CSV under a comma-decimal locale, the Export
 * Picture dialog's view and sizes, and Ctrl+C copying the view under the pointer.
 *
 * NS_TEST_DUMP=dir keeps the whole window's export as dir/export-window.png, the network at
 * 1280x720 as dir/network-1280x720.png and the dialog as dir/export-dialog.png. */
#include "config.h"

#include <adwaita.h>
#include <cairo.h>
#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ns-export-dialog.h"
#include "ns-history-csv.h"
#include "ns-network-view.h"
#include "ns-output-view.h"
#include "ns-scene-view.h"
#include "ns-test-experiment.h"
#include "ns-test-locale.h"
#include "ns-test-ui.h"
#include "ns-window-export.h"

static char *
export_to (NsWindow *window,
           const char *dir,
           const char *view,
           const char *format,
           int width,
           int height)
{
  g_autofree char *name = g_strdup_printf ("%s-%dx%d.%s", view, width, height, format);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to", "(ssiis)", view,
                                             format, width, height, path));
  return path;
}

static void
check_png (const char *path, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  cairo_surface_destroy (surface);
}

static void
check_file (const char *path, const char *format, int width, int height)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  if (g_str_equal (format, "png"))
    check_png (path, width, height);
  else if (g_str_equal (format, "svg"))
    {
      g_assert_true (g_str_has_prefix (contents, "<?xml") || g_str_has_prefix (contents, "<svg"));
      /* Vector: the links, curves and text are paths, not one embedded picture. */
      g_assert_nonnull (strstr (contents, "<path"));
    }
  else
    {
      g_assert_true (g_str_has_prefix (contents, "%PDF"));
      g_assert_cmpuint (length, >, 1000);
    }
}

static void
test_export_views (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "circle", "hidden", "4,2", NULL);
  NsWindow *window;
  g_autofree char *dir = g_dir_make_tmp ("ns-export-XXXXXX", NULL);
  static const char *const views[] = { "network", "boundary", "loss", "gradients", "space" };
  static const char *const formats[] = { "png", "svg", "pdf" };

  ns_experiment_train_epochs (experiment, 3);
  window = present_window (experiment);
  run_for (200);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        int width = 640 + 16 * v, height = 360 + 8 * f;
        g_autofree char *path = export_to (window, dir, views[v], formats[f], width, height);

        check_file (path, formats[f], width, height);
        g_unlink (path);
      }

  /* A slide's size; the whole window as GTK drew it. */
  {
    g_autofree char *path = export_to (window, dir, "network", "png", 1920, 1080);
    g_autofree char *whole_png = export_to (window, dir, "window", "png", 1024, 768);
    g_autofree char *whole_pdf = export_to (window, dir, "window", "pdf", 1024, 768);

    check_file (path, "png", 1920, 1080);
    WAIT_UNTIL (g_file_test (whole_png, G_FILE_TEST_EXISTS)
                    && g_file_test (whole_pdf, G_FILE_TEST_EXISTS),
                5000);
    check_file (whole_png, "png", 1024, 768);
    if (g_getenv ("NS_TEST_DUMP") != NULL)
      {
        g_autofree char *copy =
            g_build_filename (g_getenv ("NS_TEST_DUMP"), "export-window.png", NULL);
        g_autofree char *network =
            export_to (window, g_getenv ("NS_TEST_DUMP"), "network", "png", 1280, 720);
        g_autofree char *contents = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (whole_png, &contents, &length, NULL));
        g_assert_true (g_file_set_contents (copy, contents, length, NULL));
      }
    check_file (whole_pdf, "pdf", 1024, 768);
    g_unlink (path);
    g_unlink (whole_png);
    g_unlink (whole_pdf);
  }

  /* Refused, nothing written: a name without the format's extension, a view plane data does
   * not have, a format nobody writes. */
  {
    g_autofree char *wrong = g_build_filename (dir, "net.png", NULL);
    g_autoptr (GError) error = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to", "(ssiis)",
                                               "network", "svg", 100, 100, wrong));
    g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));
    g_assert_false (ns_window_export_picture (window, "filters", "png", 100, 100, wrong, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "net.png"));
    g_clear_error (&error);
    g_assert_false (ns_window_export_picture (window, "loss", "gif", 100, 100, wrong, &error));
    g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));
  }

  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Image data: the filters and the confusion matrix, and no plane views. */
static void
test_export_images (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "digits", NULL);
  NsWindow *window = present_window (experiment);
  g_autofree char *dir = g_dir_make_tmp ("ns-export-XXXXXX", NULL);
  g_autofree const char **views = ns_window_export_list_views (window);
  g_autofree char *joined = g_strjoinv (",", (char **) views);

  g_assert_cmpstr (joined, ==, "network,loss,gradients,filters,confusion,window");
  ns_experiment_train_epochs (experiment, 1);
  run_for (100);
  for (guint k = 0; k < 2; k++)
    {
      const char *view = k == 0 ? "filters" : "confusion";
      g_autofree char *png = export_to (window, dir, view, "png", 800, 600);
      g_autofree char *svg = export_to (window, dir, view, "svg", 800, 600);

      check_file (png, "png", 800, 600);
      check_file (svg, "svg", 800, 600);
      g_unlink (png);
      g_unlink (svg);
    }
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The curves as CSV: the header, a row per history entry, C numerics under de_DE. */
static void
test_export_curves_csv (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "xor", NULL);
  g_autofree char *dir = g_dir_make_tmp ("ns-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "curves.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  NsWindow *window;
  guint n_history = 0;
  const NsHistoryEntry *history;

  if (!ns_test_use_comma_locale ())
    return;
  ns_experiment_train_epochs (experiment, 4);
  window = present_window (experiment);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "win.export-curves-to", "s", path));
  ns_test_use_c_locale ();

  history = ns_experiment_get_history (experiment, &n_history);
  g_assert_cmpuint (n_history, >=, 4);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "epoch,train_loss,test_loss,train_accuracy,test_accuracy");
  g_assert_cmpuint (g_strv_length (lines), ==, n_history + 2); /* and "" after the last \n */
  g_assert_cmpstr (lines[n_history + 1], ==, "");
  for (guint k = 0; k < n_history; k++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[k + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_cmpuint (g_ascii_strtoull (fields[0], NULL, 10), ==, history[k].epoch);
      g_assert_nonnull (strchr (fields[1], '.'));
      g_assert_cmpfloat (g_ascii_strtod (fields[1], NULL), ==, history[k].train_loss);
      g_assert_cmpfloat (g_ascii_strtod (fields[2], NULL), ==, history[k].test_loss);
      g_assert_cmpfloat (g_ascii_strtod (fields[4], NULL), ==, history[k].test_accuracy);
    }

  /* An unwritable place: an error, no crash (the toast shows it). */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *bad = g_build_filename (dir, "missing", "curves.csv", NULL);

    g_assert_false (ns_window_export_curves (window, bad, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, bad));
  }
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static NsExportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (NS_IS_EXPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return NS_EXPORT_DIALOG (window);
    }
  return NULL;
}

/* The dialog starts at the view's on-screen size and offers a slide's. */
static void
test_export_dialog (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "circle", NULL);
  NsWindow *window = present_window (experiment);
  NsExportDialog *dialog;
  GtkWidget *network = find_descendant (GTK_WIDGET (window), NS_TYPE_NETWORK_VIEW);
  AdwComboRow *size_row = NULL;
  int width, height;

  WAIT_UNTIL (gtk_widget_get_width (network) > 0, 5000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 5000);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (ns_export_dialog_get_view (dialog), ==, "network");
  g_assert_cmpstr (ns_export_dialog_get_format (dialog), ==, "png");
  ns_export_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, gtk_widget_get_width (network));
  g_assert_cmpint (height, ==, gtk_widget_get_height (network));

  /* The size row is the third combo row: its second entry is a Full HD slide. */
  {
    GtkWidget *child = find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW);
    guint k = 0;

    for (; child != NULL; child = gtk_widget_get_next_sibling (child))
      if (ADW_IS_COMBO_ROW (child) && k++ == 2)
        size_row = ADW_COMBO_ROW (child);
  }
  g_assert_nonnull (size_row);
  adw_combo_row_set_selected (size_row, 1);
  ns_export_dialog_get_size (dialog, &width, &height);
  g_assert_cmpint (width, ==, 1920);
  g_assert_cmpint (height, ==, 1080);

  ns_export_dialog_set_view (dialog, "loss");
  g_assert_cmpstr (ns_export_dialog_get_view (dialog), ==, "loss");
  dump_widget (GTK_WIDGET (dialog), "export-dialog.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
read_texture_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  GdkTexture **texture = data;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, NULL);
  g_assert_nonnull (*texture);
}

/* Ctrl+C copies the view the pointer went into last: at twice its size, so the clipboard's
 * picture has the boundary's shape, not the network's. */
static void
test_copy_hovered_view (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "circle", NULL);
  NsWindow *window = present_window (experiment);
  GtkWidget *output = find_descendant (GTK_WIDGET (window), NS_TYPE_OUTPUT_VIEW);
  g_autoptr (GdkTexture) texture = NULL;
  GListModel *controllers;

  WAIT_UNTIL (gtk_widget_get_width (output) > 0, 5000);
  run_for (200);
  controllers = gtk_widget_observe_controllers (output);
  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, k);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "enter", 10.0, 10.0);
    }
  g_object_unref (controllers);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image", NULL));
  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                    read_texture_cb, &texture);
  WAIT_UNTIL (texture != NULL, 5000);
  g_assert_cmpint (
      gdk_texture_get_width (texture), ==,
      (int) ceil (ns_scene_get_width (ns_scene_view_get_scene (NS_SCENE_VIEW (output))) * 2));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/export/views", test_export_views);
  g_test_add_func ("/ui/export/images", test_export_images);
  g_test_add_func ("/ui/export/curves-csv", test_export_curves_csv);
  g_test_add_func ("/ui/export/dialog", test_export_dialog);
  g_test_add_func ("/ui/export/copy-hovered", test_copy_hovered_view);

  return g_test_run ();
}
