/* test-ui-zoom-screen.c: zooming in never makes the main window larger than its screen
 * (run under Xvfb on a 1280x720 screen of its own: tests/meson.build). */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ns-window.h"
#include "ns-zoom.h"

#include "ns-test-ui.h"

/* A label in @widget's tree whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget *widget, const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ctrl++ held on a 1280x720 screen: the zoom stops at the largest that fits, says so, and the
 * window's smallest size never passes the screen's. */
static void
test_zoom_in_stops_at_screen (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) experiment = NULL;
  g_autoptr (GdkMonitor) monitor =
      g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  GdkRectangle area;
  NsWindow *window;
  GtkWidget *w;
  GtkLabel *toast;
  double last = 0;

  gdk_monitor_get_geometry (monitor, &area);
  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "dataset", "spiral", &error));
  g_assert_true (ns_config_set_option (&config, "hidden", "8,8,8", &error));
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);

  window = present_window (experiment);
  w = GTK_WIDGET (window);
  run_for (300);
  for (guint k = 0; k < 30; k++)
    {
      int min_width, min_height;

      g_assert_true (gtk_widget_activate_action (w, "win.zoom-in", NULL));
      run_for (150); /* laid out at the new zoom */
      gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (w, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
      if (min_width > area.width || min_height > area.height
          || gtk_widget_get_width (w) > area.width || gtk_widget_get_height (w) > area.height)
        g_error ("zoom %.1f: the window is %dx%d, at least %dx%d, on a %dx%d screen",
                 ns_window_get_zoom (window), gtk_widget_get_width (w), gtk_widget_get_height (w),
                 min_width, min_height, area.width, area.height);
      last = ns_window_get_zoom (window);
    }
  g_test_message ("zoom stops at %.1f on %dx%d", last, area.width, area.height);
  /* It did zoom in, and stopped short of the limit on a screen this small (before, 2.0 made
   * the window wider than 1280). */
  g_assert_cmpfloat (last, >, 1.0);
  if (area.width <= 1280)
    g_assert_cmpfloat (last, <, 2.0);
  if (last < NS_ZOOM_MAX)
    {
      g_autofree char *text = g_strdup_printf ("Zoom %.1f×: the largest that fits", last);

      /* One more press, and its toast's title (one at a time shows: wait for it). */
      g_assert_true (gtk_widget_activate_action (w, "win.zoom-in", NULL));
      g_assert_cmpfloat (ns_window_get_zoom (window), ==, last);
      WAIT_UNTIL ((toast = find_label (w, text)) != NULL, 5000);
      g_test_message ("toast: %s", gtk_label_get_label (toast));
    }
  /* Zooming out still works. */
  g_assert_true (gtk_widget_activate_action (w, "win.zoom-out", NULL));
  g_assert_cmpfloat (ns_window_get_zoom (window), <, last);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/zoom-screen/zoom-in-stops", test_zoom_in_stops_at_screen);

  return g_test_run ();
}
