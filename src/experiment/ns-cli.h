/* ns-cli.h: the headless verbs (DESIGN.md, "Command line"), run before any GtkApplication
 * exists: they need no display and are never forwarded to a running instance. */
#pragma once

#include <glib.h>

#include "ns-config.h"
#include "ns-experiment.h"

G_BEGIN_DECLS

/* A headless verb as main() registers it: `neuroscope --help` lists the table's verbs in its
 * order, and ns_cli_dispatch runs them, so a verb added to the table needs nothing else. */
typedef struct
{
  const char *name;     /* the word after "neuroscope": "train", "lesson" */
  const char *synopsis; /* how it is called, when more than its name: "lesson check FILE…" */
  const char *summary;  /* one line for --help */
  int (*run) (int argc, char **argv); /* argv[1] is the verb; returns the exit code */
} NsCliVerb;

/* What main() does with its command line before any GtkApplication: runs the verb of @verbs
 * named by argv[1]; handles --help (the verbs, one line each), --version, and a first argument
 * that looks like a verb attempt (a word, not an existing file, with no extension), which is
 * refused, naming the nearest verb ("unknown command “trian”, did you mean “train”?"). TRUE
 * when handled: *status is the exit code (the verb's, 0, or 2 for an unknown command); FALSE
 * when the window should open. */
gboolean
ns_cli_dispatch (const NsCliVerb *verbs, gsize n_verbs, int argc, char **argv, int *status);

/* The verb of @verbs nearest @word by edit distance (a swap of two neighbours counting one), or
 * NULL when none is near enough to be what was meant. */
const char *ns_cli_nearest_verb (const NsCliVerb *verbs, gsize n_verbs, const char *word);

/* Runs `train` (argv[1]). Exit codes: 0 done, 1 a file could not be read or written,
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
  char *epochs_text;        /* --epochs N as given, or NULL; checked into epochs */
  char *steps_text;         /* --steps N as given, or NULL; checked into steps */
  gint64 epochs;            /* --epochs N; -1 when not given */
  gint64 steps;             /* --steps N (mini-batches); -1 when not given */
  char *load;               /* --load FILE, or NULL */
} NsCliTraining;

void ns_cli_training_init (NsCliTraining *self, const char *verb);
void ns_cli_training_clear (NsCliTraining *self);

/* Parses argv (argv[0] the program, argv[1] the verb) with the experiment options and the
 * verb's @entries in one group, so that --help lists every option; a bad option, or an
 * argument that is no option ("neuroscope train foo"), is a usage error (2). The verb's
 * entries point --epochs and --steps at epochs_text and steps_text. */
int ns_cli_training_parse (NsCliTraining *self,
                           const char *parameter_string,
                           const char *summary,
                           const GOptionEntry *entries,
                           int argc,
                           char **argv);

/* --epochs or --steps, not both, each a positive whole number within bounds (into epochs and
 * steps); otherwise a usage error naming the option. */
int ns_cli_training_check_length (NsCliTraining *self);

/* @text (the value of --@option) as a whole number from 1 to @max into *out; otherwise a usage
 * error of @verb naming the option and what it takes ("-5", "1.5" and "ten" are refused). */
int ns_cli_parse_count (const char *verb,
                        const char *option,
                        const char *text,
                        guint64 max,
                        gint64 *out);

/* Whether the file --@option names can be written, checked before training so that a long run
 * does not end in an error; otherwise prints why (naming @path as given) and returns 1. */
int ns_cli_check_writable (const char *verb, const char *option, const char *path);

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
