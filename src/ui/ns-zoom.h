/* ns-zoom.h: the one scale (DESIGN.md, "Drawing") as a window applies it to its text.
 *
 * GTK 4.8 has no UI scale of its own: a window's text grows through a style provider, its
 * custom views through their zoom. The main window and the race window both work this way
 * and follow one zoom (the race window's is bound to the main window's); one copy here keeps
 * their limits and their CSS from drifting apart.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NS_ZOOM_MIN 0.5
#define NS_ZOOM_MAX 3.0
#define NS_ZOOM_PRESENTATION 1.6 /* presentation mode's zoom on a 1920x1080 projector */

/* @zoom within NS_ZOOM_MIN .. NS_ZOOM_MAX. */
double ns_zoom_clamp (double zoom);

/* The zoom one step in (@direction > 0) or out (< 0) from @zoom: a tenth more or less,
 * rounded to tenths, within the limits. */
double ns_zoom_step (double zoom, int direction);

/* Presentation mode's zoom on a screen of @width x @height logical pixels: NS_ZOOM_PRESENTATION
 * on a 1920x1080 projector, less on a smaller screen (never below 1), so that the window still
 * fits the screen with every control and view in it. Tenths. */
double ns_zoom_presentation_for_screen (int width, int height);

/* A new style provider for @window's text, added to its display (remove it with
 * ns_zoom_provider_clear when the window goes). Empty until ns_zoom_provider_load. */
GtkCssProvider *ns_zoom_provider_new (GtkWidget *window);

/* Loads @provider with the CSS that scales by @zoom the text of windows of CSS class
 * @window_class (e.g. "ns-window"). */
void ns_zoom_provider_load (GtkCssProvider *provider, const char *window_class, double zoom);

/* Removes *@provider from @window's display and drops it; NULL does nothing. */
void ns_zoom_provider_clear (GtkWidget *window, GtkCssProvider **provider);

G_END_DECLS
