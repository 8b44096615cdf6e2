/* ns-cli-render.h: `neuroscope render`, a headless verb that trains and writes one view. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs `neuroscope render …` (argv[1] is "render"). Exit codes as ns_cli_run. */
int ns_cli_render_run (int argc, char **argv);

/* "WxH" with two whole numbers 1 .. NS_CLI_MAX_SIDE and nothing else. */
#define NS_CLI_MAX_SIDE 16384
gboolean ns_cli_render_parse_size (const char *text, int *width, int *height);
/* Ends in .png, .svg or .pdf (any case), the formats ns_scene_export writes: checked before a
 * long run, so a typo costs no time. */
gboolean ns_cli_render_has_known_extension (const char *path);

G_END_DECLS
