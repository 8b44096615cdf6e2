/* ns-spin-button.c: C numerics for a spin button, through its output and input signals. */
#include "config.h"

#include "ns-spin-button.h"

#include "ns-printf.h"

static gboolean
output_cb (GtkSpinButton *spin, gpointer user_data)
{
  g_autofree char *text = ns_strdup_printf ("%.*f", (int) gtk_spin_button_get_digits (spin),
                                            gtk_spin_button_get_value (spin));

  /* Into the text field itself: GTK 4.8's spin button, told to set its text from inside its
   * "output", leaves it empty. */
  GtkEditable *field = gtk_editable_get_delegate (GTK_EDITABLE (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (field)) != 0)
    gtk_editable_set_text (field, text);
  return TRUE; /* shown: GTK's own, locale-bound formatting is not used */
}

static int
input_cb (GtkSpinButton *spin, double *value, gpointer user_data)
{
  if (!ns_parse_double (gtk_editable_get_text (GTK_EDITABLE (spin)), value))
    {
      /* The default update policy takes the value even after an error: keep the old one. */
      *value = gtk_spin_button_get_value (spin);
      return GTK_INPUT_ERROR;
    }
  return TRUE;
}

void
ns_spin_button_use_c_numerics (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  g_signal_connect (spin, "output", G_CALLBACK (output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (input_cb), NULL);
  /* The text shown now, before any change of value. */
  output_cb (spin, NULL);
}
