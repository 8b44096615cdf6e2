/* ns-code-window.c: the code view's window: a read-only GtkSourceView with Python highlighting,
 * a PyTorch / Keras switch, "Include trained weights", Copy and Save Data. The code is made
 * again when the experiment changes ("changed": shape, data, settings), and while training
 * only when it shows the weights, then at most twice a second. */

#include "config.h"

#include "ns-code-window.h"

#include <gtksourceview/gtksource.h>

#include "ns-zoom.h"

/* Training changes only the weights: with them shown, the code follows at this pace, or
 * slower for a large network, whose text takes long to make and show (at most a tenth of
 * the time goes to it). */
#define WEIGHTS_REFRESH_MS 500
#define WEIGHTS_REFRESH_SHARE 10

struct _NsCodeWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkToggleButton *pytorch_button;
  GtkToggleButton *keras_button;
  GtkSwitch *weights_switch;
  GtkScrolledWindow *scroller;
  GtkSourceView *source_view;

  NsExperiment *experiment;
  gulong changed_handler;
  gulong stepped_handler;
  guint refresh_source; /* a pending throttled refresh, or 0 */
  gint64 refresh_us;    /* how long the last refresh took */
  char *text;           /* the code shown */

  double zoom;
  GtkCssProvider *zoom_provider;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (NsCodeWindow, ns_code_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_EXPERIMENT,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
refresh (NsCodeWindow *self)
{
  NsCodeOptions options = { 0 };
  g_autofree char *code = NULL;
  GtkTextBuffer *buffer;
  GtkAdjustment *vadjustment;
  double scrolled;
  gint64 start = g_get_monotonic_time ();

  if (self->experiment == NULL)
    return;
  options.framework = ns_code_window_get_framework (self);
  options.weights = gtk_switch_get_active (self->weights_switch);
  code = ns_code_export (self->experiment, &options);
  if (g_strcmp0 (code, self->text) == 0)
    return;

  /* Keep the place the reader is at: setting the text would scroll back to the top. */
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  scrolled = gtk_adjustment_get_value (vadjustment);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  gtk_text_buffer_set_text (buffer, code, -1);
  gtk_adjustment_set_value (vadjustment, scrolled);
  g_free (self->text);
  self->text = g_steal_pointer (&code);
  self->refresh_us = g_get_monotonic_time () - start;
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  NsCodeWindow *self = NS_CODE_WINDOW (data);

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
experiment_changed_cb (NsExperiment *experiment, gpointer data)
{
  refresh (NS_CODE_WINDOW (data));
}

static void
experiment_stepped_cb (NsExperiment *experiment, gpointer data)
{
  NsCodeWindow *self = NS_CODE_WINDOW (data);

  if (!gtk_switch_get_active (self->weights_switch) || self->refresh_source != 0)
    return;
  self->refresh_source =
      g_timeout_add (MAX (WEIGHTS_REFRESH_MS,
                          (guint) MIN (self->refresh_us / 1000 * WEIGHTS_REFRESH_SHARE, 60000)),
                     refresh_timeout_cb, self);
}

static void
options_changed_cb (NsCodeWindow *self)
{
  refresh (self);
}

static void
toast (NsCodeWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
copy_all_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsCodeWindow *self = NS_CODE_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->text != NULL ? self->text : "");
  toast (self, "Code copied");
}

static void
save_data_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  NsCodeWindow *self = NS_CODE_WINDOW (data);
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL || self->experiment == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL || !ns_code_export_data_to_file (self->experiment, path, &error))
    {
      g_autofree char *message = g_strdup_printf ("Could not save the data: %s",
                                                  error != NULL ? error->message : "no local path");
      toast (self, message);
      return;
    }
  toast (self, "Data saved: the code reads it from the file named in DATA_FILE");
}

static void
save_data_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsCodeWindow *self = NS_CODE_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new ("Save Data as CSV", GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), NS_CODE_DEFAULT_DATA_FILE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_data_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
set_zoom (NsCodeWindow *self, double zoom)
{
  zoom = ns_zoom_clamp (zoom);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  ns_zoom_provider_load (self->zoom_provider, "ns-code-window", zoom);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The highlighting follows the desktop's light or dark style. */
static void
update_style_scheme (NsCodeWindow *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (
      schemes, adw_style_manager_get_dark (style) ? "Adwaita-dark" : "Adwaita");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

static void
style_dark_cb (AdwStyleManager *style, GParamSpec *pspec, gpointer data)
{
  update_style_scheme (NS_CODE_WINDOW (data));
}

static void
ns_code_window_constructed (GObject *object)
{
  NsCodeWindow *self = NS_CODE_WINDOW (object);

  G_OBJECT_CLASS (ns_code_window_parent_class)->constructed (object);
  if (self->experiment != NULL)
    {
      self->changed_handler =
          g_signal_connect (self->experiment, "changed", G_CALLBACK (experiment_changed_cb), self);
      self->stepped_handler =
          g_signal_connect (self->experiment, "stepped", G_CALLBACK (experiment_stepped_cb), self);
    }
  refresh (self);
}

static void
ns_code_window_dispose (GObject *object)
{
  NsCodeWindow *self = NS_CODE_WINDOW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->experiment);
  g_clear_signal_handler (&self->stepped_handler, self->experiment);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->experiment);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->zoom_provider != NULL)
    ns_zoom_provider_clear (GTK_WIDGET (self), &self->zoom_provider);
  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_CODE_WINDOW);
  G_OBJECT_CLASS (ns_code_window_parent_class)->dispose (object);
}

static void
ns_code_window_finalize (GObject *object)
{
  NsCodeWindow *self = NS_CODE_WINDOW (object);

  g_free (self->text);
  G_OBJECT_CLASS (ns_code_window_parent_class)->finalize (object);
}

static void
ns_code_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsCodeWindow *self = NS_CODE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_code_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  NsCodeWindow *self = NS_CODE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      self->experiment = g_value_dup_object (value);
      break;
    case PROP_ZOOM:
      set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_code_window_class_init (NsCodeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ns_code_window_constructed;
  object_class->dispose = ns_code_window_dispose;
  object_class->finalize = ns_code_window_finalize;
  object_class->get_property = ns_code_window_get_property;
  object_class->set_property = ns_code_window_set_property;

  properties[PROP_EXPERIMENT] =
      g_param_spec_object ("experiment", NULL, NULL, NS_TYPE_EXPERIMENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, NS_ZOOM_MIN, NS_ZOOM_MAX, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the template names GtkSourceView */
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ns-code-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NsCodeWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NsCodeWindow, pytorch_button);
  gtk_widget_class_bind_template_child (widget_class, NsCodeWindow, keras_button);
  gtk_widget_class_bind_template_child (widget_class, NsCodeWindow, weights_switch);
  gtk_widget_class_bind_template_child (widget_class, NsCodeWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, NsCodeWindow, source_view);

  gtk_widget_class_install_action (widget_class, "code.copy-all", NULL, copy_all_action_cb);
  gtk_widget_class_install_action (widget_class, "code.save-data", NULL, save_data_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ns_code_window_init (NsCodeWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkTextBuffer *buffer;
  GtkSourceLanguage *python;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->zoom = 1.0;
  self->zoom_provider = ns_zoom_provider_new (GTK_WIDGET (self));
  ns_zoom_provider_load (self->zoom_provider, "ns-code-window", self->zoom);
  gtk_widget_add_css_class (GTK_WIDGET (self), "ns-code-window");

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  python = gtk_source_language_manager_get_language (languages, "python3");
  if (python == NULL)
    python = gtk_source_language_manager_get_language (languages, "python");
  if (python != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), python);
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), TRUE);
  update_style_scheme (self);
  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (style_dark_cb),
                    self);

  /* both: in a group, the button going off is told first, while the other is not on yet */
  g_signal_connect_swapped (self->pytorch_button, "toggled", G_CALLBACK (options_changed_cb), self);
  g_signal_connect_swapped (self->keras_button, "toggled", G_CALLBACK (options_changed_cb), self);
  g_signal_connect_swapped (self->weights_switch, "notify::active", G_CALLBACK (options_changed_cb),
                            self);
}

NsCodeWindow *
ns_code_window_new (GtkWindow *parent, NsExperiment *experiment)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), NULL);

  return g_object_new (NS_TYPE_CODE_WINDOW, "transient-for", parent, "experiment", experiment,
                       NULL);
}

void
ns_code_window_set_framework (NsCodeWindow *self, NsCodeFramework framework)
{
  g_return_if_fail (NS_IS_CODE_WINDOW (self));

  gtk_toggle_button_set_active (
      framework == NS_CODE_KERAS ? self->keras_button : self->pytorch_button, TRUE);
}

NsCodeFramework
ns_code_window_get_framework (NsCodeWindow *self)
{
  g_return_val_if_fail (NS_IS_CODE_WINDOW (self), NS_CODE_PYTORCH);

  return gtk_toggle_button_get_active (self->keras_button) ? NS_CODE_KERAS : NS_CODE_PYTORCH;
}

void
ns_code_window_set_include_weights (NsCodeWindow *self, gboolean include)
{
  g_return_if_fail (NS_IS_CODE_WINDOW (self));

  gtk_switch_set_active (self->weights_switch, include);
}

const char *
ns_code_window_get_text (NsCodeWindow *self)
{
  g_return_val_if_fail (NS_IS_CODE_WINDOW (self), NULL);

  return self->text;
}
