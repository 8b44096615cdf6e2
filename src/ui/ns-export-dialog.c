/* ns-export-dialog.c: the Export Picture dialog (see the header). It only chooses: the file is
 * written by win.export-to, the action tests drive too. */
#include "config.h"

#include "ns-export-dialog.h"

#include "ns-view.h"
#include "ns-window-export.h"

static const char *const formats[] = { "png", "svg", "pdf", NULL };
static const char *const format_titles[] = { "PNG (pixels)", "SVG (vector)", "PDF (vector)", NULL };

/* Sizes for slides and pages; the first entry is the view's on-screen size. */
static const struct
{
  const char *title;
  int width, height;
} presets[] = {
  { "On-screen size", 0, 0 },
  { "1920 × 1080 (Full HD slide)", 1920, 1080 },
  { "1280 × 720 (HD slide)", 1280, 720 },
  { "3840 × 2160 (4K slide)", 3840, 2160 },
  { "1024 × 768 (4:3 slide)", 1024, 768 },
  { "800 × 800 (square)", 800, 800 },
};

struct _NsExportDialog
{
  AdwWindow parent_instance;

  NsWindow *window; /* weak: the dialog is transient for it and dies with it */
  const char **views;
  AdwComboRow *view_row;
  AdwComboRow *format_row;
  AdwComboRow *size_row;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  guint syncing; /* > 0 while the spin buttons follow the preset */
};

G_DEFINE_FINAL_TYPE (NsExportDialog, ns_export_dialog, ADW_TYPE_WINDOW)

const char *
ns_export_dialog_get_view (NsExportDialog *self)
{
  return self->views[adw_combo_row_get_selected (self->view_row)];
}

const char *
ns_export_dialog_get_format (NsExportDialog *self)
{
  return formats[adw_combo_row_get_selected (self->format_row)];
}

void
ns_export_dialog_get_size (NsExportDialog *self, int *width, int *height)
{
  *width = gtk_spin_button_get_value_as_int (self->width_spin);
  *height = gtk_spin_button_get_value_as_int (self->height_spin);
}

void
ns_export_dialog_set_view (NsExportDialog *self, const char *view_name)
{
  for (guint k = 0; self->views[k] != NULL; k++)
    if (g_strcmp0 (self->views[k], view_name) == 0)
      adw_combo_row_set_selected (self->view_row, k);
}

/* The spin buttons show the chosen preset (the on-screen one follows the view). */
static void
apply_preset (NsExportDialog *self)
{
  guint preset = adw_combo_row_get_selected (self->size_row);
  int width, height;

  if (preset >= G_N_ELEMENTS (presets) || self->window == NULL)
    return;
  if (presets[preset].width == 0)
    ns_window_export_get_screen_size (self->window, ns_export_dialog_get_view (self), &width,
                                      &height);
  else
    {
      width = presets[preset].width;
      height = presets[preset].height;
    }
  self->syncing++;
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  self->syncing--;
}

static void
selection_changed_cb (AdwComboRow *row, GParamSpec *pspec, NsExportDialog *self)
{
  apply_preset (self);
}

/* A typed size is nobody's preset: the row says "Custom" by leaving the on-screen entry. */
static void
size_typed_cb (GtkSpinButton *spin, NsExportDialog *self)
{
  if (self->syncing == 0)
    {
      int width, height;
      guint preset = adw_combo_row_get_selected (self->size_row);

      ns_export_dialog_get_size (self, &width, &height);
      if (preset < G_N_ELEMENTS (presets) && presets[preset].width != 0
          && (presets[preset].width != width || presets[preset].height != height))
        {
          self->syncing++;
          adw_combo_row_set_selected (self->size_row, G_N_ELEMENTS (presets));
          self->syncing--;
        }
    }
}

/* The chosen file, with the format's extension added when the name lacks it. */
static void
file_chosen_cb (GtkNativeDialog *chooser, int response, gpointer data)
{
  NsExportDialog *self = NS_EXPORT_DIALOG (data);

  if (response == GTK_RESPONSE_ACCEPT && self->window != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      const char *format = ns_export_dialog_get_format (self);
      g_autofree char *suffix = g_strconcat (".", format, NULL);
      g_autofree char *lower = NULL;
      int width, height;

      if (path != NULL)
        {
          lower = g_ascii_strdown (path, -1);
          if (!g_str_has_suffix (lower, suffix))
            {
              char *with_suffix = g_strconcat (path, suffix, NULL);

              g_free (path);
              path = with_suffix;
            }
          ns_export_dialog_get_size (self, &width, &height);
          gtk_widget_activate_action (GTK_WIDGET (self->window), "win.export-to", "(ssiis)",
                                      ns_export_dialog_get_view (self), format, width, height,
                                      path);
          gtk_window_destroy (GTK_WINDOW (self));
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_clicked_cb (GtkButton *button, NsExportDialog *self)
{
  const char *format = ns_export_dialog_get_format (self);
  g_autofree char *name =
      g_strdup_printf ("neuroscope-%s.%s", ns_export_dialog_get_view (self), format);
  g_autofree char *pattern = g_strconcat ("*.", format, NULL);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      "Export Picture", GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");

  gtk_file_filter_set_name (filter, format_titles[adw_combo_row_get_selected (self->format_row)]);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ns_export_dialog_finalize (GObject *object)
{
  NsExportDialog *self = NS_EXPORT_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  g_free (self->views);
  G_OBJECT_CLASS (ns_export_dialog_parent_class)->finalize (object);
}

static void
ns_export_dialog_class_init (NsExportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ns_export_dialog_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close",
                                       NULL);
}

static void
ns_export_dialog_init (NsExportDialog *self)
{
}

static GtkSpinButton *
size_spin (const char *label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (16, 16384, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return GTK_SPIN_BUTTON (spin);
}

static AdwComboRow *
combo_row (const char *title, const char *const *items, const char *tooltip)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new ((const char *const *) items);
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  gtk_widget_set_tooltip_text (row, tooltip);
  return ADW_COMBO_ROW (row);
}

NsExportDialog *
ns_export_dialog_present (NsWindow *window)
{
  NsExportDialog *self =
      g_object_new (NS_TYPE_EXPORT_DIALOG, "modal", TRUE, "transient-for", window, "title",
                    "Export Picture", "default-width", 460, "destroy-with-parent", TRUE, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic ("_Cancel");
  GtkWidget *export = gtk_button_new_with_mnemonic ("_Export…");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *size_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *size_row = adw_action_row_new ();
  g_autoptr (GPtrArray) titles = g_ptr_array_new ();
  g_autoptr (GPtrArray) preset_titles = g_ptr_array_new ();

  g_set_weak_pointer (&self->window, window);
  self->views = ns_window_export_list_views (window);
  for (guint k = 0; self->views[k] != NULL; k++)
    {
      NsView view;

      if (ns_view_from_name (self->views[k], &view))
        g_ptr_array_add (titles, (gpointer) ns_view_get_info (view)->title);
      else
        g_ptr_array_add (titles, (gpointer) "Whole window");
    }
  g_ptr_array_add (titles, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (presets); k++)
    g_ptr_array_add (preset_titles, (gpointer) presets[k].title);
  g_ptr_array_add (preset_titles, (gpointer) "Custom");
  g_ptr_array_add (preset_titles, NULL);

  self->view_row = combo_row ("_View", (const char *const *) titles->pdata,
                              "The picture to export: one view of the window, or all of it");
  self->format_row = combo_row ("_Format", format_titles,
                                "PNG for pixels; SVG and PDF stay sharp at any size (lines and "
                                "text are vector)");
  self->size_row = combo_row ("_Size", (const char *const *) preset_titles->pdata,
                              "The picture's width and height: PNG in pixels, SVG and PDF in "
                              "points");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->view_row), TRUE);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->format_row), TRUE);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->size_row), TRUE);

  self->width_spin = size_spin ("Width");
  self->height_spin = size_spin ("Height");
  gtk_box_append (GTK_BOX (size_box), GTK_WIDGET (self->width_spin));
  gtk_box_append (GTK_BOX (size_box), gtk_label_new ("×"));
  gtk_box_append (GTK_BOX (size_box), GTK_WIDGET (self->height_spin));
  gtk_widget_set_valign (size_box, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (size_row), "Width × height");
  adw_action_row_add_suffix (ADW_ACTION_ROW (size_row), size_box);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->view_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->format_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->size_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), size_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  gtk_widget_add_css_class (export, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  g_signal_connect (export, "clicked", G_CALLBACK (export_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  gtk_widget_set_vexpand (page, TRUE);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect (self->view_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self->size_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (self->width_spin, "value-changed", G_CALLBACK (size_typed_cb), self);
  g_signal_connect (self->height_spin, "value-changed", G_CALLBACK (size_typed_cb), self);
  apply_preset (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), export);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
