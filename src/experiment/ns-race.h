/* ns-race.h: the optimizer race (issue 5): several trainers from the same start, in lockstep.
 *
 * A race copies one experiment's configuration and makes one experiment per contestant from it,
 * changed only in the trainer's optimizer and learning rate (momentum, Adam's betas,
 * regularisation and clipping stay the base's). The same seed gives every contestant the same
 * data and the same initial weights; the race checks this (bit for bit) when it adds one.
 * ns_race_step advances every contestant by the same number of mini-batches, so their histories
 * line up epoch by epoch. A contestant that diverges stops where it is; the others go on.
 *
 * What the race copies is the base's configuration: the data it generates (or the CSV file it
 * names), the architecture and the seed's initial weights; not points added by clicking,
 * regenerated data, weights set by hand, nor where the base's training has got to.
 */
#pragma once

#include <glib-object.h>

#include "ns-experiment.h"

G_BEGIN_DECLS

#define NS_TYPE_RACE (ns_race_get_type ())
G_DECLARE_FINAL_TYPE (NsRace, ns_race, NS, RACE, GObject)

/* More would not fit side by side as thumbnails, nor be told apart in one chart. */
#define NS_RACE_MAX_CONTESTANTS 6

/* A race with no contestants, from @base's configuration (copied: later changes to @base do
 * not reach the race). */
NsRace *ns_race_new (NsExperiment *base);
/* The usual race: SGD and momentum at @base's learning rate, Adam at 0.01 (its customary
 * rate; at SGD's rates it often overshoots). Errors: as ns_race_add. */
NsRace *ns_race_new_default (NsExperiment *base, GError **error);

/* Adds a contestant trained with @optimizer at @learning_rate. A contestant added after the
 * race started catches up to the race's step first. Errors: the data could not be loaded
 * (CSV), NS_RACE_MAX_CONTESTANTS reached, or its start differs from the first contestant's. */
gboolean ns_race_add (NsRace *self, NnOptimizer optimizer, float learning_rate, GError **error);

const NsConfig *ns_race_get_config (NsRace *self); /* the base's, as copied */
guint ns_race_get_n_contestants (NsRace *self);
NsExperiment *ns_race_get_experiment (NsRace *self, guint i); /* transfer none */
const char *ns_race_get_label (NsRace *self, guint i);        /* "Adam, lr 0.01" */
NnOptimizer ns_race_get_optimizer (NsRace *self, guint i);
float ns_race_get_learning_rate (NsRace *self, guint i);
gboolean ns_race_get_diverged (NsRace *self, guint i);
/* The 1-based epoch during which contestant @i diverged (0 if it did not). */
guint ns_race_get_diverged_epoch (NsRace *self, guint i);
/* Losses and accuracies of contestant @i's current weights (the history only has epochs'
 * ends): measured at the first call after a step, then kept. Valid until the next step. */
const NsHistoryEntry *ns_race_get_current (NsRace *self, guint i);

/* Advances every contestant that has not diverged by @n mini-batches. Returns @n, or fewer if
 * every contestant diverged before. */
guint64 ns_race_step (NsRace *self, guint64 n);
guint64 ns_race_get_step (NsRace *self); /* mini-batches the race has run */
/* Every contestant back to step 0 (the same initial weights again). */
void ns_race_reset (NsRace *self);

/* Changes whenever any contestant's weights change: a view that drew version v is current
 * while the version is still v. */
guint64 ns_race_get_version (NsRace *self);

G_END_DECLS
