/* main.c: the headless verbs first, then the application. */
#include "config.h"

#include <locale.h>

#include "ns-application.h"
#include "ns-cli.h"
#include "ns-cli-export-code.h"
#include "ns-cli-compare.h"
#include "ns-cli-render.h"
#include "ns-lesson-check.h"

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");

  /* Headless verbs are handled here, before any GtkApplication exists: no display needed,
   * never handed to a running instance over D-Bus. */
  if (argc > 1 && g_strcmp0 (argv[1], "render") == 0)
    return ns_cli_render_run (argc, argv);
  if (argc > 1 && g_strcmp0 (argv[1], "compare") == 0)
    return ns_cli_compare_run (argc, argv);
  if (argc > 1 && g_strcmp0 (argv[1], "lesson") == 0)
    return ns_lesson_check_main (argc, argv);
  if (argc > 1 && g_strcmp0 (argv[1], "export-code") == 0)
    return ns_cli_export_code_run (argc, argv);
  if (argc > 1 && ns_cli_is_verb (argv[1]))
    return ns_cli_run (argc, argv);
  /* --help, --version and a misspelt verb ("trian"), which must not open a window. */
  if (ns_cli_handle_top_level (argc, argv, &status))
    return status;

  g_autoptr (NsApplication) app = ns_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
