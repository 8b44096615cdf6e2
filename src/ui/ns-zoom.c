/* ns-zoom.c: the zoom's limits and the CSS that scales a window's text. */
#include "config.h"

#include "ns-zoom.h"

#include <math.h>

double
ns_zoom_clamp (double zoom)
{
  if (isnan (zoom))
    return 1.0;
  return CLAMP (zoom, NS_ZOOM_MIN, NS_ZOOM_MAX);
}

double
ns_zoom_step (double zoom, int direction)
{
  double step = direction > 0 ? 0.1 : direction < 0 ? -0.1 : 0;

  return ns_zoom_clamp (round ((zoom + step) * 10) / 10);
}

double
ns_zoom_presentation_for_screen (int width, int height)
{
  /* The window is laid out for 1920x1080 at the full presentation zoom; a smaller screen holds
   * as much of that zoom as its shorter side allows. */
  double fit = MIN (width / 1920.0, height / 1080.0);

  if (width <= 0 || height <= 0)
    return NS_ZOOM_PRESENTATION;
  return CLAMP (floor (NS_ZOOM_PRESENTATION * fit * 10 + 1e-9) / 10, 1.0, NS_ZOOM_PRESENTATION);
}

GtkCssProvider *
ns_zoom_provider_new (GtkWidget *window)
{
  GtkCssProvider *provider;

  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);

  provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (window),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  return provider;
}

void
ns_zoom_provider_load (GtkCssProvider *provider, const char *window_class, double zoom)
{
  char percent[G_ASCII_DTOSTR_BUF_SIZE], body[G_ASCII_DTOSTR_BUF_SIZE];
  char small[G_ASCII_DTOSTR_BUF_SIZE], title[G_ASCII_DTOSTR_BUF_SIZE];
  char title_large[G_ASCII_DTOSTR_BUF_SIZE], title_largest[G_ASCII_DTOSTR_BUF_SIZE];
  char icon[G_ASCII_DTOSTR_BUF_SIZE], bar[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *css = NULL;
  const char *w = window_class;

  g_return_if_fail (GTK_IS_CSS_PROVIDER (provider));
  g_return_if_fail (window_class != NULL);

  /* libadwaita's type classes are in absolute points: they scale by the same factor. Numbers
   * in CSS never follow the locale (no decimal commas). */
  /* The header bar's buttons too: their icons are in pixels (16), and the bar's height (47)
   * would otherwise cut the larger text. */
  css = g_strdup_printf ("window.%s { font-size: %s%%; }\n"
                         "window.%s .heading, window.%s .body { font-size: %spt; }\n"
                         "window.%s .caption, window.%s .caption-heading { font-size: %spt; }\n"
                         "window.%s .title-4 { font-size: %spt; }\n"
                         "window.%s .title-2, window.%s .title-3 { font-size: %spt; }\n"
                         "window.%s .title-1 { font-size: %spt; }\n"
                         "window.%s headerbar button > image { -gtk-icon-size: %spx; }\n"
                         "window.%s headerbar { min-height: %spx; }\n",
                         w, g_ascii_formatd (percent, sizeof percent, "%.0f", zoom * 100), w, w,
                         g_ascii_formatd (body, sizeof body, "%.1f", 11 * zoom), w, w,
                         g_ascii_formatd (small, sizeof small, "%.1f", 9 * zoom), w,
                         g_ascii_formatd (title, sizeof title, "%.1f", 13 * zoom), w, w,
                         g_ascii_formatd (title_large, sizeof title_large, "%.1f", 15 * zoom), w,
                         g_ascii_formatd (title_largest, sizeof title_largest, "%.1f", 20 * zoom),
                         w, g_ascii_formatd (icon, sizeof icon, "%.0f", round (16 * zoom)), w,
                         g_ascii_formatd (bar, sizeof bar, "%.0f", round (47 * zoom)));
  gtk_css_provider_load_from_data (provider, css, -1);
}

void
ns_zoom_provider_clear (GtkWidget *window, GtkCssProvider **provider)
{
  g_return_if_fail (GTK_IS_WIDGET (window));
  g_return_if_fail (provider != NULL);

  if (*provider == NULL)
    return;
  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (window),
                                                 GTK_STYLE_PROVIDER (*provider));
  g_clear_object (provider);
}
