/* ns-keys.h: the playground keys every window with a play action shares (DESIGN.md, "Keys").
 *
 * Space plays or pauses wherever the keyboard focus is, and an arrow key nothing else wanted
 * steps. The main window and the race window both work this way; one copy here keeps them
 * from drifting apart.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Space and keypad Space, without Ctrl, Alt or Shift, activate @play_action (e.g. "win.play")
 * on @window, whichever widget has the focus, unless it is a text field. Installs a
 * capture-phase key controller on @window; call it once, from the window's init. */
void ns_keys_add_space_plays (GtkWidget *window, const char *play_action);

/* For a window's move_focus override: Right activates @step_action and Left @back_action
 * (NULL: Left stays a focus move) on @window. Returns TRUE when it did; FALSE means the
 * caller chains up to move the focus as usual. */
gboolean ns_keys_arrow_steps (GtkWidget *window,
                              GtkDirectionType direction,
                              const char *step_action,
                              const char *back_action);

G_END_DECLS
