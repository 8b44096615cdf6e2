/* ns-keys.c: Space plays and the arrow keys step, the same way in the main window and the race
 * window (DESIGN.md, "Keys"). Its own file because neither window owns the rule: both call
 * it, so the two cannot drift apart. */
#include "config.h"

#include "ns-keys.h"

/* Space belongs to the window (DESIGN.md, "Keys"): whatever button or dropdown has the keyboard
 * focus (GtkWindow focuses the first one when it opens), Space plays or pauses; only a text
 * field keeps it for typing. Hence a capture-phase handler, before the focused widget sees it.
 * @play_action is the handler's data (a copy, freed with the handler). */
static gboolean
space_key_cb (GtkEventControllerKey *controller,
              guint keyval,
              guint keycode,
              GdkModifierType state,
              const char *play_action)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *focus;

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  return gtk_widget_activate_action (window, play_action, NULL);
}

static void
free_action (gpointer play_action, GClosure *closure)
{
  g_free (play_action);
}

void
ns_keys_add_space_plays (GtkWidget *window, const char *play_action)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_ROOT (window));
  g_return_if_fail (play_action != NULL);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_data (keys, "key-pressed", G_CALLBACK (space_key_cb), g_strdup (play_action),
                         free_action, 0);
  gtk_widget_add_controller (window, keys);
}

/* GtkWindow binds the arrow keys to moving the focus, and a parent class's key bindings come
 * before a subclass's. When an arrow key has come all the way up to the window unhandled (no
 * text field, slider or dropdown wanted it), it is a playground command instead (DESIGN.md,
 * "Keys"). */
gboolean
ns_keys_arrow_steps (GtkWidget *window,
                     GtkDirectionType direction,
                     const char *step_action,
                     const char *back_action)
{
  g_return_val_if_fail (GTK_IS_WIDGET (window), FALSE);

  if (direction == GTK_DIR_RIGHT && step_action != NULL)
    {
      gtk_widget_activate_action (window, step_action, NULL);
      return TRUE;
    }
  if (direction == GTK_DIR_LEFT && back_action != NULL)
    {
      gtk_widget_activate_action (window, back_action, NULL);
      return TRUE;
    }

  return FALSE;
}
