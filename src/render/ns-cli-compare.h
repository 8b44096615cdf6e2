/* ns-cli-compare.h: `neuroscope compare`, the data-scaling experiment without a window. */
#pragma once

#include <glib.h>

#include "ns-compare.h"
#include "ns-render-compare.h"

G_BEGIN_DECLS

/* Runs `neuroscope compare …` (argv[1] is "compare"). Exit codes as ns_cli_run, and 130 when
 * Ctrl+C (SIGINT) cancelled the run, which then writes nothing. */
int ns_cli_compare_run (int argc, char **argv);

/* @rows as the scaling plot's rows (their model ids are static strings): for
 * ns_render_scaling. Caller frees the array only. */
NsScalingRow *ns_compare_rows_to_scaling (const NsCompareRow *rows, guint n_rows);

G_END_DECLS
