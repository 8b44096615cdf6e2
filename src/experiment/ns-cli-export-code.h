/* ns-cli-export-code.h: `neuroscope export-code`, the code view's text without a window. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs `neuroscope export-code …` (argv[1] is "export-code"). Exit codes as ns_cli_run. */
int ns_cli_export_code_run (int argc, char **argv);

G_END_DECLS
