/* ns-cli.h: the headless verbs (DESIGN.md, "Command line"), run before any GtkApplication
 * exists: they need no display and are never forwarded to a running instance. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE if @word names a headless verb ("train", …). */
gboolean ns_cli_is_verb (const char *word);

/* Runs the verb in argv[1]. Exit codes: 0 done, 1 a file could not be read or written,
 * 2 bad options. */
int ns_cli_run (int argc, char **argv);

G_END_DECLS
