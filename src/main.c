/* main.c: the headless verbs first, then the application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ns-application.h"
#include "ns-cli.h"
#include "ns-cli-export-code.h"
#include "ns-cli-compare.h"
#include "ns-cli-render.h"
#include "ns-lesson-check.h"

/* Every headless verb, in the order `neuroscope --help` lists them: a verb added here is
 * listed, dispatched, and in the manual page (generated from the --help texts) by itself. */
static const NsCliVerb verbs[] = {
  { "train", NULL, "Train a network and print its losses and accuracies", ns_cli_run },
  { "render", NULL, "Train, then draw one view to a PNG, SVG or PDF file", ns_cli_render_run },
  { "compare", NULL, "The data-scaling run: models on growing shares of the data",
    ns_cli_compare_run },
  { "lesson", "lesson check FILE…", "Check lessons: each goal reached within its budget",
    ns_lesson_check_main },
  { "export-code", NULL, "The network and trainer as runnable PyTorch or Keras code",
    ns_cli_export_code_run },
};

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  /* Messages in the user's language where po/ has it; templates (GtkBuilder) use this domain. */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Headless verbs, --help, --version and a misspelt verb ("trian") are handled here, before
   * any GtkApplication exists: no display needed, never handed to a running instance over
   * D-Bus, and a misspelt verb never opens a window. */
  if (ns_cli_dispatch (verbs, G_N_ELEMENTS (verbs), argc, argv, &status))
    return status;

  g_autoptr (NsApplication) app = ns_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
