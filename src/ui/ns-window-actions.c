/* ns-window-actions.c: what the main window's commands do (win.step, win.reset, win.undo,
 * win.copy-image, the zoom…) and the keys bound to them. Its own file because every command
 * is reached only through its action: a reader looking for what a key or menu item does
 * finds it here, and ns-window.c keeps the window's state, panels and training loop. */
#include "config.h"

#include "ns-window-private.h"

#include <math.h>

#include "ns-experiment-step.h"
#include "ns-printf.h"
#include "ns-code-window.h"
#include "ns-compare-window.h"
#include "ns-race-window.h"
#include "ns-scene-cairo.h"
#include "ns-window-export.h"

static void
step_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  /* Stepping pauses: the learner wants to look at one step's change. */
  ns_window_set_playing (self, FALSE);
  if (g_strcmp0 (self->step_size, "sample") == 0)
    {
      /* From an update, on to the next sample at once: the step between (back to no batch)
       * would show nothing new, one press for nothing. */
      if (ns_experiment_get_step_state (self->experiment)->phase == NS_STEP_UPDATE)
        ns_experiment_step_phase (self->experiment);
      ns_experiment_step_phase (self->experiment);
    }
  else if (g_strcmp0 (self->step_size, "batch") == 0)
    ns_experiment_step (self->experiment, 1);
  else
    ns_experiment_train_epochs (self->experiment, 1);
  ns_window_after_steps (self);
}

/* The optimizer race for this network and data, in a window of its own. A race still open
 * from before raced the configuration of then: it gives way to a new one. */
static void
race_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  NsRaceWindow *race;

  if (self->race_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->race_window));
  race = ns_race_window_new (GTK_WINDOW (self), self->experiment);
  g_object_bind_property (self, "zoom", race, "zoom", G_BINDING_SYNC_CREATE);
  g_set_weak_pointer (&self->race_window, GTK_WIDGET (race));
  gtk_window_present (GTK_WINDOW (race));
  ns_window_lesson_note_view (self, "race");
  ns_window_lesson_watch_race (self, race);
}

/* The network as PyTorch or Keras code, in a window of its own that follows the experiment and
 * the zoom; opened again, the same window comes to the front. */
static void
code_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  NsCodeWindow *code;

  if (self->code_window == NULL)
    {
      code = ns_code_window_new (GTK_WINDOW (self), self->experiment);
      g_object_bind_property (self, "zoom", code, "zoom", G_BINDING_SYNC_CREATE);
      g_set_weak_pointer (&self->code_window, GTK_WIDGET (code));
    }
  gtk_window_present (GTK_WINDOW (self->code_window));
  ns_window_lesson_note_view (self, "code");
}

/* The data-scaling experiment, in a window of its own (it needs nothing of this one's but
 * the zoom). */
static void
compare_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsCompareWindow *compare = ns_compare_window_new (GTK_WINDOW (widget));

  g_object_bind_property (widget, "zoom", compare, "zoom", G_BINDING_SYNC_CREATE);
  gtk_window_present (GTK_WINDOW (compare));
  ns_window_lesson_note_view (NS_WINDOW (widget), "scaling");
}

/* Shift+Right: a whole phase of the sample at once (forward through every layer), for deep
 * networks; with the other step sizes, the same as Right. */
static void
step_phase_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  if (g_strcmp0 (self->step_size, "sample") != 0)
    {
      gtk_widget_activate_action (widget, "win.step", NULL);
      return;
    }
  ns_window_set_playing (self, FALSE);
  ns_experiment_step_whole_phase (self->experiment);
  ns_window_after_steps (self);
}

/* End (or Shift+Down): straight to the update of the current mini-batch, walking its
 * remaining samples as Right would (so the run is the same as training by batches), whatever
 * the Step control says; from an update, to the next batch's. */
static void
step_update_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  ns_window_set_playing (self, FALSE);
  ns_experiment_step_finish_batch (self->experiment);
  ns_window_after_steps (self);
}

static void
step_back_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  /* Back within the sample's phases only: training itself never runs backwards. */
  if (ns_experiment_step_back (self->experiment))
    ns_window_update_view (self);
}

static void
reset_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  ns_window_set_playing (self, FALSE);
  ns_experiment_reset (self->experiment);
  ns_step_pacer_reset (&self->pacer);
  ns_window_update_view (self);
}

static void
reset_lower_lr_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  double rate;

  if (!ns_experiment_get_diverged (self->experiment))
    return;
  /* Only a rate the experiment checked: a blind tenth can diverge again. */
  rate = ns_window_recovery_learning_rate (self);
  if (rate <= 0.0)
    return;
  g_object_set (self, "learning-rate", rate, NULL);
  gtk_widget_activate_action (widget, "win.reset", NULL);
}

/* The scene a view drew last (for the network, drawn afresh as an export wants it: every
 * caption, no hover or selection), and what to call it in a message. */
static const NsScene *
view_scene (NsWindow *self, GtkWidget *view, NsScene *scratch, const char **name)
{
  if (view == GTK_WIDGET (self->output_view))
    {
      *name = ns_view_get_info (NS_VIEW_BOUNDARY)->noun;
      return ns_scene_view_get_scene (NS_SCENE_VIEW (self->output_view));
    }
  if (view == GTK_WIDGET (self->image_view))
    {
      *name = ns_image_view_get_noun (self->image_view);
      return ns_scene_view_get_scene (NS_SCENE_VIEW (self->image_view));
    }
  if (view == GTK_WIDGET (self->curves_view))
    {
      *name = ns_view_get_info (self->chart)->noun;
      return ns_scene_view_get_scene (NS_SCENE_VIEW (self->curves_view));
    }
  *name = ns_view_get_info (NS_VIEW_NETWORK)->noun;
  ns_network_view_render_export (self->network_view, scratch,
                                 gtk_widget_get_width (GTK_WIDGET (self->network_view)),
                                 gtk_widget_get_height (GTK_WIDGET (self->network_view)));
  return scratch;
}

/* A view as an image on the clipboard, painted by the Cairo painter at twice its size so it
 * stays sharp on a slide. */
gboolean
ns_window_copy_view (NsWindow *self, GtkWidget *view)
{
  const char *name = NULL;
  g_autoptr (NsScene) scratch = ns_scene_new ();
  const NsScene *scene;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *message = NULL;
  int width, height;

  g_return_val_if_fail (NS_IS_WINDOW (self), FALSE);

  scene = view_scene (self, view, scratch, &name);
  width = (int) ceil (ns_scene_get_width (scene) * 2);
  height = (int) ceil (ns_scene_get_height (scene) * 2);
  if (width <= 0 || height <= 0)
    return FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  ns_scene_paint_cairo (scene, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  /* Cairo's ARGB32 is premultiplied B8G8R8A8 in memory on little-endian machines, which is
   * GDK_MEMORY_DEFAULT. */
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  message = g_strdup_printf ("Copied the %s as an image", name);
  ns_window_show_message (self, message);
  return TRUE;
}

static void
copy_image_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  ns_window_copy_view (self, self->hovered_view != NULL ? self->hovered_view
                                                        : GTK_WIDGET (self->network_view));
}

static void
view_enter_cb (GtkEventControllerMotion *motion, double x, double y, NsWindow *self)
{
  self->hovered_view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
}

void
ns_window_track_hover (NsWindow *self, GtkWidget *view)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect (motion, "enter", G_CALLBACK (view_enter_cb), self);
  gtk_widget_add_controller (view, motion);
}

static void
undo_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);

  ns_experiment_undo (self->experiment);
}

static void
zoom_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsWindow *self = NS_WINDOW (widget);
  double zoom = self->zoom;

  if (g_str_equal (action_name, "win.zoom-in"))
    {
      double wanted = ns_zoom_step (zoom, +1);

      /* Never wider or taller than the screen: the window would reach past its edges, with
       * controls out of reach. */
      zoom = ns_window_fit_zoom (self, wanted);
      if (zoom < wanted)
        {
          g_autofree char *text =
              ns_strdup_printf ("Zoom %.1f×: the largest that fits this screen", zoom);
          ns_window_show_message (self, text);
        }
    }
  else if (g_str_equal (action_name, "win.zoom-out"))
    zoom = ns_zoom_step (zoom, -1);
  else
    zoom = self->presentation ? self->presentation_zoom : 1.0;
  ns_window_set_zoom (self, zoom);
}

/* Every action of the window and its keys; class_init calls this once its properties exist
 * (the property actions need them). */
void
ns_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "win.play", "playing");
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action_cb);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action_cb);
  gtk_widget_class_install_action (widget_class, "win.reset-lower-lr", NULL,
                                   reset_lower_lr_action_cb);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_back_action_cb);
  gtk_widget_class_install_action (widget_class, "win.step-phase", NULL, step_phase_action_cb);
  gtk_widget_class_install_action (widget_class, "win.step-update", NULL, step_update_action_cb);
  gtk_widget_class_install_action (widget_class, "win.race", NULL, race_action_cb);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action_cb);
  gtk_widget_class_install_action (widget_class, "win.code", NULL, code_action_cb);
  gtk_widget_class_install_property_action (widget_class, "win.chart", "chart");
  gtk_widget_class_install_property_action (widget_class, "win.presentation-page",
                                            "presentation-page");
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action_cb);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  ns_window_install_image_tools (widget_class);
  ns_window_files_install (widget_class);
  ns_window_install_export_actions (widget_class);
  for (guint c = 0; c < N_CONTROLS; c++)
    {
      g_autofree char *action = g_strconcat ("win.", ns_window_control_property (c), NULL);
      gtk_widget_class_install_property_action (widget_class, action,
                                                ns_window_control_property (c));
    }

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.code", NULL);
  /* Ctrl+C: a text field with the focus copies its text first; otherwise the view under the
   * pointer goes to the clipboard as an image. Ctrl+Shift+C always copies the view. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy-image",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-image", NULL);

  /* Bare keys: a text field that has the focus takes them first and types as usual. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "win.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK,
                                       "win.step-phase", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "win.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "win.step-update", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "win.step-update", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_SHIFT_MASK,
                                       "win.step-update", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_SHIFT_MASK, "win.reset", NULL);
}
