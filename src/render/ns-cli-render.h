/* ns-cli-render.h: `neuroscope render`, a headless verb that trains and writes one view. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs `neuroscope render …` (argv[1] is "render"). Exit codes as ns_cli_run. */
int ns_cli_render_run (int argc, char **argv);

G_END_DECLS
