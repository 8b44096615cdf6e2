/* ns-history-csv.h: an experiment's loss and accuracy curves as CSV, for a spreadsheet or a
 * plot of one's own. Numbers are C numerics in every locale (0.5, never 0,5). */
#pragma once

#include "ns-experiment.h"

G_BEGIN_DECLS

/* "epoch,train_loss,test_loss,train_accuracy,test_accuracy" and one row per history entry
 * (ns_experiment_get_history), each number written so it reads back exactly; a regression's
 * accuracies (NaN) and a diverged run's non-finite losses are left empty. Caller frees. */
char *ns_history_to_csv (NsExperiment *exp);

/* ns_history_to_csv written to @path atomically; the error names @path. */
gboolean ns_history_write_csv (NsExperiment *exp, const char *path, GError **error);

G_END_DECLS
