/* ns-printf.h: GLib's printf family with C numerics whatever the locale: 0.5, never 0,5.
 * Everything a file, the command line or a picture shows is written with these, so that a
 * German desktop gets the same PNG, byte for byte, and the same train lines as any other
 * (DESIGN.md, "Determinism"). Messages stay in the user's language; only numbers are C. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* As g_strdup_printf (), g_strdup_vprintf (), g_string_append_printf () and g_snprintf (). */
char *ns_strdup_printf (const char *format, ...) G_GNUC_PRINTF (1, 2);
char *ns_strdup_vprintf (const char *format, va_list args) G_GNUC_PRINTF (1, 0);
void ns_string_append_printf (GString *string, const char *format, ...) G_GNUC_PRINTF (2, 3);
int ns_snprintf (char *buffer, gulong size, const char *format, ...) G_GNUC_PRINTF (3, 4);

/* A whole text as a finite number in C numerics ("0.5", "1e-3"; spaces around it allowed):
 * what the command line and typed fields accept in every locale. */
gboolean ns_parse_double (const char *text, double *value);

G_END_DECLS
