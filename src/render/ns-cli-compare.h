/* ns-cli-compare.h: `neuroscope compare`, the data-scaling experiment without a window. */
#pragma once

#include <glib.h>

#include "ns-compare.h"
#include "ns-render-compare.h"
#include "ns-render-style.h"

G_BEGIN_DECLS

/* Runs `neuroscope compare …` (argv[1] is "compare"). Exit codes as ns_cli_run, and 130 when
 * Ctrl+C (SIGINT) cancelled the run, which then writes nothing. */
int ns_cli_compare_run (int argc, char **argv);

/* @rows as the scaling plot's rows (their model ids are static strings): for
 * ns_render_scaling. Caller frees the array only. */
NsScalingRow *ns_compare_rows_to_scaling (const NsCompareRow *rows, guint n_rows);

/* What `neuroscope compare` and `render --view compare` share. */

/* Runs @settings on @data (an image dataset) in a worker thread, a line per run on stdout and
 * then the summary, Ctrl+C cancelling it; messages start "neuroscope @verb: ". The rows, or
 * NULL with *status the exit code (2 networks that do not fit or data it cannot run, 130
 * cancelled). */
GArray *ns_cli_compare_run_rows (const char *verb,
                                 const NsDataset *data,
                                 const NsCompareSettings *settings,
                                 int *status);

/* Draws the scaling plot of @rows at @width x @height in @style to @path (.png, .svg or .pdf);
 * 0, or 1 saying why it could not be written. */
int ns_cli_compare_write_plot (const char *verb,
                               const char *path,
                               int width,
                               int height,
                               const NsRenderStyle *style,
                               const NsCompareRow *rows,
                               guint n_rows);

/* The CSV `neuroscope compare --csv-out` writes (ns_compare_rows_to_csv) back into rows: the
 * exact header, five fields a row, each checked (C numerics whatever the locale). NULL with an
 * error naming @path:line:column, the field and what was expected (G_IO_ERROR_INVALID_DATA),
 * or why the file could not be read. */
GArray *ns_cli_compare_read_csv (const char *path, GError **error);

G_END_DECLS
