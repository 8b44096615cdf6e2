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

/* What the verbs that train an experiment share (train, render): the experiment options, the
 * run's length and --load. Each verb lists --epochs, --steps and --load among its own entries
 * in its own words, pointing at these fields; parsing, the checks, making or loading the
 * experiment and training it are done here, so that the same words mean the same in every
 * verb. Functions that return an int give 0 to go on, or the verb's exit code (ns_cli_run). */
typedef struct
{
  const char *verb;         /* "train", "render": messages start "neuroscope VERB: " */
  NsConfigOptions *options; /* the experiment options, as given */
  gint64 epochs;            /* --epochs N; -1 when not given */
  gint64 steps;             /* --steps N (mini-batches); -1 when not given */
  char *load;               /* --load FILE, or NULL */
} NsCliTraining;

void ns_cli_training_init (NsCliTraining *self, const char *verb);
void ns_cli_training_clear (NsCliTraining *self);

/* Parses argv (argv[0] the program, argv[1] the verb) with the experiment options and the
 * verb's @entries in one group, so that --help lists every option; a bad option is a usage
 * error (2). */
int ns_cli_training_parse (NsCliTraining *self,
                           const char *parameter_string,
                           const char *summary,
                           const GOptionEntry *entries,
                           int argc,
                           char **argv);

/* --epochs or --steps, not both, each a positive whole number within bounds; otherwise a
 * usage error saying @range_message (the verb names its own length options in it). */
int ns_cli_training_check_length (NsCliTraining *self, const char *range_message);

/* The experiment to work on: --load FILE, or one made from the experiment options (which
 * --load cannot be combined with); with neither --epochs nor --steps the run is 100 epochs.
 * On failure prints why, sets *status (2 bad options, 1 a file) and returns NULL. */
NsExperiment *ns_cli_training_experiment (NsCliTraining *self, int *status);

/* Called after each epoch the run completes. */
typedef void (*NsCliEpochFunc) (NsExperiment *exp, gpointer user_data);

/* Trains @exp for the length asked: whole epochs, or up to a number of mini-batches (an
 * epoch at most at a time); stops when the run diverges, saying so and then
 * @when_diverged ("try a lower learning rate"). */
void ns_cli_training_run (NsCliTraining *self,
                          NsExperiment *exp,
                          const char *when_diverged,
                          NsCliEpochFunc epoch_done,
                          gpointer user_data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NsCliTraining, ns_cli_training_clear)

G_END_DECLS
