/* test-ui-zoom.c: the zoom's limits and steps, and the CSS both windows scale their text by
 * (run under Xvfb). */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "ns-zoom.h"

static void
test_limits_and_steps (void)
{
  double zoom = 1.0;
  guint n = 0;

  g_assert_cmpfloat (ns_zoom_clamp (0.1), ==, NS_ZOOM_MIN);
  g_assert_cmpfloat (ns_zoom_clamp (10), ==, NS_ZOOM_MAX);
  g_assert_cmpfloat (ns_zoom_clamp (1.25), ==, 1.25);
  g_assert_cmpfloat (ns_zoom_clamp (NAN), ==, 1.0);
  g_assert_cmpfloat (NS_ZOOM_PRESENTATION, >, NS_ZOOM_MIN);
  g_assert_cmpfloat (NS_ZOOM_PRESENTATION, <, NS_ZOOM_MAX);

  /* Tenths exactly, whatever rounding error the additions gather, and no step past a limit. */
  g_assert_cmpfloat (ns_zoom_step (1.0, +1), ==, 1.1);
  g_assert_cmpfloat (ns_zoom_step (1.0, -1), ==, 0.9);
  g_assert_cmpfloat (ns_zoom_step (1.04, +1), ==, 1.1);
  while (zoom < NS_ZOOM_MAX && n++ < 100)
    zoom = ns_zoom_step (zoom, +1);
  g_assert_cmpuint (n, ==, 20);
  g_assert_cmpfloat (zoom, ==, NS_ZOOM_MAX);
  g_assert_cmpfloat (ns_zoom_step (zoom, +1), ==, NS_ZOOM_MAX);
  for (n = 0; zoom > NS_ZOOM_MIN && n < 100; n++)
    zoom = ns_zoom_step (zoom, -1);
  g_assert_cmpuint (n, ==, 25);
  g_assert_cmpfloat (ns_zoom_step (zoom, -1), ==, NS_ZOOM_MIN);
}

/* Presentation mode's zoom is the full one on a 1920x1080 projector or larger, and on a
 * smaller screen as much as the layout still fits (never less than 1). */
static void
test_presentation_for_screen (void)
{
  g_assert_cmpfloat (ns_zoom_presentation_for_screen (1920, 1080), ==, NS_ZOOM_PRESENTATION);
  g_assert_cmpfloat (ns_zoom_presentation_for_screen (3840, 2160), ==, NS_ZOOM_PRESENTATION);
  g_assert_cmpfloat (ns_zoom_presentation_for_screen (1600, 900), ==, 1.3);
  g_assert_cmpfloat (ns_zoom_presentation_for_screen (1366, 768), ==, 1.1);
  g_assert_cmpfloat (ns_zoom_presentation_for_screen (1280, 720), ==, 1.0);
  g_assert_cmpfloat (ns_zoom_presentation_for_screen (1024, 640), ==, 1.0);
  g_assert_cmpfloat (ns_zoom_presentation_for_screen (0, 0), ==, NS_ZOOM_PRESENTATION);
}

/* Every text class grows by the zoom, for the window class given, with C numerics in any
 * locale. */
static void
test_css (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkCssProvider *provider = ns_zoom_provider_new (window);
  g_autofree char *css = NULL;

  g_assert_true (GTK_IS_CSS_PROVIDER (provider));
  /* A decimal comma would make the CSS invalid: try a locale that has one, if installed. */
  setlocale (LC_NUMERIC, "de_DE.UTF-8");
  ns_zoom_provider_load (provider, "ns-race-window", 1.6);
  setlocale (LC_NUMERIC, "C");
  css = gtk_css_provider_to_string (provider);
  g_assert_nonnull (strstr (css, "window.ns-race-window"));
  g_assert_null (strstr (css, "window.ns-window"));
  g_assert_nonnull (strstr (css, "font-size: 160%"));
  g_assert_nonnull (strstr (css, "17.6"));   /* .body: 11pt */
  g_assert_nonnull (strstr (css, "14.4pt")); /* .caption: 9pt */
  g_assert_nonnull (strstr (css, "20.8"));   /* .title-4: 13pt */
  g_assert_nonnull (strstr (css, "24pt"));   /* .title-2 and -3: 15pt */
  g_assert_nonnull (strstr (css, "32pt"));   /* .title-1: 20pt */
  g_assert_nonnull (strstr (css, ".caption-heading"));
  /* The header bar's icons and height follow: 16 px and 47 px at zoom 1. */
  g_assert_nonnull (strstr (css, "-gtk-icon-size: 26px"));
  g_assert_nonnull (strstr (css, "min-height: 75px"));

  ns_zoom_provider_clear (window, &provider);
  g_assert_null (provider);
  ns_zoom_provider_clear (window, &provider); /* twice, as dispose may run */
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zoom/limits-and-steps", test_limits_and_steps);
  g_test_add_func ("/zoom/css", test_css);
  g_test_add_func ("/zoom/presentation-for-screen", test_presentation_for_screen);

  return g_test_run ();
}
