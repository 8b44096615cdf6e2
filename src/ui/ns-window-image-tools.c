/* ns-window-image-tools.c: the main window's tools for image data, each in a window of its
 * own beside it (not modal: the learner trains in the main window and watches them change):
 *   win.draw       "Draw your own" (NsDrawPad); Ctrl+D
 *   win.ml-vs-dl   "ML vs DL side by side" (NsComparePanel); Ctrl+M
 * Both are enabled only while the data is images. */
#include "config.h"

#include "ns-compare-panel.h"
#include "ns-draw-pad.h"
#include "ns-window-private.h"

typedef void (*SetZoomFunc) (GtkWidget *content, double zoom);

static void
draw_pad_set_zoom (GtkWidget *content, double zoom)
{
  ns_draw_pad_set_zoom (NS_DRAW_PAD (content), zoom);
}

static void
compare_panel_set_zoom (GtkWidget *content, double zoom)
{
  ns_compare_panel_set_zoom (NS_COMPARE_PANEL (content), zoom);
}

static void
zoom_changed_cb (NsWindow *window, GParamSpec *pspec, GtkWidget *content)
{
  SetZoomFunc set_zoom = g_object_get_data (G_OBJECT (content), "ns-set-zoom");

  set_zoom (content, ns_window_get_zoom (window));
}

/* A window beside @self holding @content, sized to the screen (at most @width x @height at zoom
 * 1, larger at a larger zoom: its text and pictures grow with the main window's). */
static GtkWidget *
open_tool_window (NsWindow *self,
                  const char *title,
                  GtkWidget *content,
                  SetZoomFunc set_zoom,
                  int width,
                  int height)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, 0);

  width = (int) (width * ns_window_get_zoom (self));
  height = (int) (height * ns_window_get_zoom (self));
  if (monitor != NULL)
    {
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
      width = MIN (width, area.width * 95 / 100);
      height = MIN (height, area.height * 95 / 100);
    }
  gtk_window_set_title (GTK_WINDOW (window), title);
  /* The main window's class: its zoom's style provider (on the display) scales this window's
   * text as it scales its own; the views inside follow through set_zoom below. */
  gtk_widget_add_css_class (window, "ns-window");
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  g_object_set_data (G_OBJECT (content), "ns-set-zoom", set_zoom);
  set_zoom (content, ns_window_get_zoom (self));
  g_signal_connect_object (self, "notify::zoom", G_CALLBACK (zoom_changed_cb), content, 0);

  /* Escape and Ctrl+W close it, as the race window. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (shortcuts),
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape|<Control>w"),
                          gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, shortcuts);
  }
  return window;
}

static void
draw_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  GtkWidget *window;

  if (self->draw_window == NULL)
    {
      GtkWidget *pad = ns_draw_pad_new (self->experiment);

      g_signal_connect_object (pad, "drawn", G_CALLBACK (ns_window_lesson_note_drawing), self,
                               G_CONNECT_SWAPPED);
      window = open_tool_window (self, "Draw your own", pad, draw_pad_set_zoom, 1400, 900);
      g_set_weak_pointer (&self->draw_window, window);
    }
  gtk_window_present (GTK_WINDOW (self->draw_window));
  ns_window_lesson_note_view (self, "draw");
}

static void
ml_vs_dl_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  GtkWidget *window;

  if (self->compare_window == NULL)
    {
      window =
          open_tool_window (self, "ML vs DL side by side", ns_compare_panel_new (self->experiment),
                            compare_panel_set_zoom, 1400, 1000);
      g_set_weak_pointer (&self->compare_window, window);
    }
  gtk_window_present (GTK_WINDOW (self->compare_window));
  ns_window_lesson_note_view (self, "mlvsdl");
}

void
ns_window_install_image_tools (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.draw", NULL, draw_action_cb);
  gtk_widget_class_install_action (widget_class, "win.ml-vs-dl", NULL, ml_vs_dl_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.draw", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.ml-vs-dl",
                                       NULL);
}

void
ns_window_update_image_tools (NsWindow *self)
{
  gboolean image = ns_dataset_is_image (ns_experiment_get_dataset (self->experiment))
                   && ns_experiment_get_dataset (self->experiment)->n_classes >= 2;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.draw", image);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.ml-vs-dl", image);
}
