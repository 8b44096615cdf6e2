/* ns-window-export.c: the window's pictures and curves to files. Every view is laid out afresh
 * at the asked size by ns_view_build_scene, the function `neuroscope render` uses, and drawn by
 * the Cairo painter on the format's own surface: one drawing code for the window, the command
 * line and the clipboard. */
#include "config.h"

#include "ns-window-export.h"

#include "ns-export-dialog.h"
#include "ns-history-csv.h"
#include "ns-save-chooser.h"
#include "ns-scene-cairo.h"
#include "ns-view-scene.h"
#include "ns-window-private.h"

/* The views the dialog offers, in its order. */
static const NsView export_views[] = {
  NS_VIEW_NETWORK, NS_VIEW_BOUNDARY, NS_VIEW_LOSS,      NS_VIEW_GRADIENTS,
  NS_VIEW_SPACE,   NS_VIEW_FILTERS,  NS_VIEW_CONFUSION,
};

gboolean
ns_window_export_has_view (NsWindow *self, const char *view_name)
{
  const NsDataset *data = ns_experiment_get_dataset (self->experiment);
  gboolean images = ns_dataset_is_image (data);
  NsView view;

  if (g_strcmp0 (view_name, NS_EXPORT_WHOLE_WINDOW) == 0)
    return TRUE;
  if (view_name == NULL || !ns_view_from_name (view_name, &view))
    return FALSE;
  switch (view)
    {
    case NS_VIEW_NETWORK:
    case NS_VIEW_LOSS:
    case NS_VIEW_GRADIENTS:
      return TRUE;
    case NS_VIEW_BOUNDARY:
    case NS_VIEW_SPACE:
      return !images;
    case NS_VIEW_FILTERS:
      return images;
    case NS_VIEW_CONFUSION:
      return images && data->n_classes > 0;
    default:
      /* The race has its own window; the feature maps follow a picked image. */
      return FALSE;
    }
}

const char **
ns_window_export_list_views (NsWindow *self)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint k = 0; k < G_N_ELEMENTS (export_views); k++)
    {
      const char *name = ns_view_get_info (export_views[k])->name;

      if (ns_window_export_has_view (self, name))
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, (gpointer) NS_EXPORT_WHOLE_WINDOW);
  g_ptr_array_add (names, NULL);
  return (const char **) g_ptr_array_free (names, FALSE);
}

static GtkWidget *
view_widget (NsWindow *self, const char *view_name)
{
  NsView view;

  if (g_strcmp0 (view_name, NS_EXPORT_WHOLE_WINDOW) == 0 || !ns_view_from_name (view_name, &view))
    return GTK_WIDGET (self);
  switch (view)
    {
    case NS_VIEW_NETWORK:
      return GTK_WIDGET (self->network_view);
    case NS_VIEW_BOUNDARY:
      return GTK_WIDGET (self->output_view);
    case NS_VIEW_FILTERS:
    case NS_VIEW_CONFUSION:
      return GTK_WIDGET (self->image_view);
    default:
      return GTK_WIDGET (self->curves_view);
    }
}

void
ns_window_export_get_screen_size (NsWindow *self, const char *view_name, int *width, int *height)
{
  GtkWidget *widget = view_widget (self, view_name);

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  if (*width <= 0 || *height <= 0 || !gtk_widget_get_mapped (widget))
    {
      *width = 800;
      *height = 600;
    }
}

/* The window as GTK drew it last, as render nodes, which GTK can draw with Cairo: text and
 * shapes stay vector in SVG and PDF, the views' textures become images. */
typedef struct
{
  GskRenderNode *node;
  double width, height; /* the window's */
  gboolean dark;
} WindowPicture;

static void
paint_window (cairo_t *cr, int width, int height, gpointer data)
{
  WindowPicture *picture = data;
  double k = MIN (width / picture->width, height / picture->height);

  cairo_translate (cr, (width - picture->width * k) / 2, (height - picture->height * k) / 2);
  cairo_scale (cr, k, k);
  /* The window's own background (its content draws on it); Adwaita's window colours. */
  if (picture->dark)
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0);
  cairo_rectangle (cr, 0, 0, picture->width, picture->height);
  cairo_fill (cr);
  gsk_render_node_draw (picture->node, cr);
}

/* The whole window is drawn by GTK: a paintable of its content has the content's picture once
 * the next frame has drawn it, and then the file is written (and the toast says how it went). */
typedef struct
{
  NsWindow *window;
  GdkPaintable *paintable;
  char *path;
  int width, height;
} WindowExport;

static void
window_export_free (WindowExport *job)
{
  g_signal_handlers_disconnect_by_data (job->paintable, job);
  g_object_unref (job->paintable);
  g_object_unref (job->window);
  g_free (job->path);
  g_free (job);
}

static void
window_drawn_cb (GdkPaintable *paintable, WindowExport *job)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (job->window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  WindowPicture picture = { NULL, gtk_widget_get_width (content), gtk_widget_get_height (content),
                            adw_style_manager_get_dark (adw_style_manager_get_default ()) };

  gdk_paintable_snapshot (paintable, snapshot, picture.width, picture.height);
  picture.node = gtk_snapshot_free_to_node (snapshot);
  if (picture.node == NULL)
    {
      /* Not drawn yet: the next invalidation brings it; unless the window went away. */
      if (gtk_widget_paintable_get_widget (GTK_WIDGET_PAINTABLE (paintable)) == NULL)
        window_export_free (job);
      return;
    }
  if (ns_cairo_export (job->width, job->height, job->path, paint_window, &picture, &error))
    message = g_strdup_printf ("Exported %s", job->path);
  gsk_render_node_unref (picture.node);
  ns_window_show_message (job->window, message != NULL ? message : error->message);
  window_export_free (job);
}

static gboolean
export_window (NsWindow *self, int width, int height, const char *path, GError **error)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));
  WindowExport *job;

  if (!gtk_widget_get_mapped (content) || gtk_widget_get_width (content) <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot export %s: the window is not on screen", path);
      return FALSE;
    }
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot export %s: the size %d×%d is out of range", path, width, height);
      return FALSE;
    }
  job = g_new0 (WindowExport, 1);
  job->window = g_object_ref (self);
  job->paintable = gtk_widget_paintable_new (content);
  job->path = g_strdup (path);
  job->width = width;
  job->height = height;
  g_signal_connect (job->paintable, "invalidate-contents", G_CALLBACK (window_drawn_cb), job);
  gtk_widget_queue_draw (content);
  return TRUE;
}

gboolean
ns_window_export_picture (NsWindow *self,
                          const char *view_name,
                          const char *format,
                          int width,
                          int height,
                          const char *path,
                          GError **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr (NsScene) scene = NULL;
  NsViewSceneOptions options = { 0 };
  NsRenderStyle style;
  NsView view;

  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_strcmp0 (format, "png") != 0 && g_strcmp0 (format, "svg") != 0
      && g_strcmp0 (format, "pdf") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot export %s: unknown format “%s” (expected png, svg or pdf)", path,
                   format);
      return FALSE;
    }
  lower = g_ascii_strdown (path, -1);
  suffix = g_strconcat (".", format, NULL);
  if (!g_str_has_suffix (lower, suffix))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot export %s: a %s file's name must end in %s", path, format, suffix);
      return FALSE;
    }
  if (!ns_window_export_has_view (self, view_name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot export %s: the window does not show “%s” for this data", path,
                   view_name);
      return FALSE;
    }
  /* The whole window is written after its next frame (export_window). */
  if (g_strcmp0 (view_name, NS_EXPORT_WHOLE_WINDOW) == 0)
    return export_window (self, width, height, path, error);

  /* ns_window_export_has_view knew the name. */
  ns_view_from_name (view_name, &view);
  options.show_test = ns_output_view_get_show_test_points (self->output_view);
  options.discrete = ns_output_view_get_discretize (self->output_view);
  /* Light, for a slide or a page, at the window's zoom: the on-screen size gives the picture
   * the window shows. */
  ns_render_style_init (&style, FALSE, self->zoom);
  scene = ns_scene_new ();
  ns_view_build_scene (scene, self->experiment, view, &style, width, height, &options);
  return ns_scene_export (scene, width, height, path, error);
}

gboolean
ns_window_export_curves (NsWindow *self, const char *path, GError **error)
{
  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);

  return ns_history_write_csv (self->experiment, path, error);
}

static void
export_to_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  const char *view, *format, *path;
  g_autofree char *message = NULL;
  gint32 width, height;

  g_variant_get (parameter, "(&s&sii&s)", &view, &format, &width, &height, &path);
  if (!ns_window_export_picture (self, view, format, width, height, path, &error))
    {
      ns_window_show_message (self, error->message);
      return;
    }
  if (g_strcmp0 (view, NS_EXPORT_WHOLE_WINDOW) == 0)
    return; /* its own message once written */
  message = g_strdup_printf ("Exported %s", path);
  ns_window_show_message (self, message);
}

static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ns_export_dialog_present (NS_WINDOW (widget));
}

static void
export_curves_to_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  const char *path = g_variant_get_string (parameter, NULL);

  if (!ns_window_export_curves (self, path, &error))
    {
      ns_window_show_message (self, error->message);
      return;
    }
  message = g_strdup_printf ("Exported the loss curves to %s", path);
  ns_window_show_message (self, message);
}

static void
export_curves_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ns_save_chooser_csv (GTK_WINDOW (widget), "Export Loss Curves", "_Export",
                       "neuroscope-curves.csv", "win.export-curves-to");
}

void
ns_window_install_export_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-to", "(ssiis)", export_to_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-curves", NULL,
                                   export_curves_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-curves-to", "s",
                                   export_curves_to_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export",
                                       NULL);
}
