/* ns-window-zoom.c: the main window's one scale (its text through a style provider, its
 * views through their zoom) and presentation mode (full screen at a zoom fitted to the
 * screen, the user's own zoom given back after). */
#include "config.h"

#include "ns-window-private.h"

double
ns_window_get_zoom (NsWindow *self)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), 1.0);

  return self->zoom;
}

void
ns_window_set_zoom (NsWindow *self, double zoom)
{
  g_return_if_fail (NS_IS_WINDOW (self));

  zoom = ns_zoom_clamp (zoom);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;

  /* The window's text through its style provider, the custom views through their zoom. */
  ns_zoom_provider_load (self->zoom_provider, "ns-window", zoom);
  ns_network_view_set_zoom (self->network_view, zoom);
  /* The panes share the width in the ratio of their smallest sizes (GtkPaned): the diagram's
   * grows with the zoom as the right column's does, so zooming in keeps its share; up to
   * presentation mode's zoom, so a larger one still fits a 1280 px screen. */
  gtk_widget_set_size_request (
      GTK_WIDGET (self->network_view),
      (int) (NS_WINDOW_NETWORK_MIN_WIDTH * MIN (zoom, NS_ZOOM_PRESENTATION)), -1);
  ns_data_panel_set_zoom (self->data_panel, zoom);
  ns_scene_view_set_zoom (NS_SCENE_VIEW (self->output_view), zoom);
  ns_scene_view_set_zoom (NS_SCENE_VIEW (self->curves_view), zoom);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", zoom < NS_ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", zoom > NS_ZOOM_MIN);
  g_object_notify (G_OBJECT (self), "zoom");
}

/* The monitor the window is on (the first one before it is shown): FALSE if there is none. */
static gboolean
monitor_area (NsWindow *self, GdkRectangle *area)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  g_autoptr (GdkMonitor) first = NULL;
  GdkMonitor *monitor = NULL;

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL)
    monitor = first = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, area);
  return TRUE;
}

/* As large as the screen the window goes full screen on still holds. */
static double
presentation_zoom (NsWindow *self)
{
  GdkRectangle area;

  if (!monitor_area (self, &area))
    return NS_ZOOM_PRESENTATION;
  return ns_zoom_presentation_for_screen (area.width, area.height);
}

double
ns_window_fit_zoom (NsWindow *self, double zoom)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRectangle area;
  int min_width, min_height;
  /* The zoom of the sizes measured: the last one laid out (a zoom set since, as a held
   * Ctrl++ does between frames, is not measured yet). */
  double laid_out = self->allocated_zoom > 0 ? MIN (self->allocated_zoom, self->zoom) : self->zoom;

  if (zoom <= self->zoom || !monitor_area (self, &area))
    return zoom;
  /* The window's smallest size at the zoom it is laid out at now, grown in proportion: its
   * parts grow with the zoom at most as fast (the diagram's width stops at presentation
   * zoom's, the paddings do not grow), so this never promises a fit that is not there. */
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  if (min_width <= 0 || min_height <= 0)
    return zoom;
  while (
      zoom > laid_out
      && (min_width * zoom / laid_out > area.width || min_height * zoom / laid_out > area.height))
    zoom = ns_zoom_step (zoom, -1);
  return MAX (zoom, self->zoom);
}

void
ns_window_set_presentation (NsWindow *self, gboolean presentation)
{
  presentation = !!presentation;
  if (presentation == self->presentation)
    return;
  self->presentation = presentation;
  if (presentation)
    {
      self->zoom_before_presentation = self->zoom;
      self->presentation_zoom = presentation_zoom (self);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
  /* The room looks at the network and the boundary: the data panel folds away (its header
   * button still opens it over them). */
  adw_flap_set_fold_policy (self->flap,
                            presentation ? ADW_FLAP_FOLD_POLICY_ALWAYS : ADW_FLAP_FOLD_POLICY_AUTO);
  /* Leaving gives back the zoom the user had chosen. */
  ns_window_set_zoom (self,
                      presentation ? self->presentation_zoom : self->zoom_before_presentation);
  ns_window_update_output_page (self);
  ns_window_lesson_presentation_changed (self);
  g_object_notify (G_OBJECT (self), "presentation");
}
