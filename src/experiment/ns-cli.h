/* ns-cli.h: the headless verbs (DESIGN.md, "Command line"), run before any GtkApplication
 * exists: they need no display and are never forwarded to a running instance. */
#pragma once

#include <glib.h>

#include "ns-config.h"
#include "ns-experiment.h"

G_BEGIN_DECLS

/* TRUE if @word names a headless verb ("train", …). */
gboolean ns_cli_is_verb (const char *word);

/* Runs the verb in argv[1]. Exit codes: 0 done, 1 a file could not be read or written,
 * 2 bad options. */
int ns_cli_run (int argc, char **argv);

/* For every verb: prints "neuroscope VERB: MESSAGE" and where the options are listed; returns
 * the exit code of bad options (2). */
int ns_cli_usage_error (const char *verb, const char *message);

/* The experiment a verb works on: --load FILE, or one made from the experiment options (which
 * --load cannot be combined with). On failure prints why, sets *status (2 bad options, 1 a
 * file) and returns NULL. */
NsExperiment *ns_cli_experiment_from_options (const char *verb,
                                              NsConfigOptions *options,
                                              const char *load,
                                              int *status);

G_END_DECLS
