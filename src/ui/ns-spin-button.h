/* ns-spin-button.h: spin buttons that write and read numbers as the rest of the app does.
 *
 * GTK 4.8's spin button formats its value with the locale ("0,5" on a German desktop) while
 * every other number in the window, the files and the command line is in C numerics
 * (ns-printf.h). A fractional spin button is put right with this.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes @spin show its value with its digits in C numerics ("0.5") and read what is typed
 * with ns_parse_double (a text it cannot read is refused and the value stays). */
void ns_spin_button_use_c_numerics (GtkSpinButton *spin);

G_END_DECLS
