/* test-ui-code.c: the code window (run under Xvfb): opened from the main window's action and
 * its key, it shows the PyTorch code, switches to Keras, follows an added neuron, the trained
 * weights while training when asked, and the main window's zoom. */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "ns-code-window.h"
#include "ns-test-experiment.h"
#include "ns-test-ui.h"

static NsCodeWindow *
find_code_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (NS_IS_CODE_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return NS_CODE_WINDOW (window);
    }
  return NULL;
}

/* What the source view shows (the buffer, not the window's copy of it). */
static char *
shown_text (NsCodeWindow *code)
{
  GtkWidget *view = find_descendant (GTK_WIDGET (code), GTK_SOURCE_TYPE_VIEW);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
shows (NsCodeWindow *code, const char *needle)
{
  g_autofree char *text = shown_text (code);

  return strstr (text, needle) != NULL;
}

static void
read_text_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* The clipboard's text, read back as another program would. */
static char *
clipboard_text (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, read_text_cb, &text);
  WAIT_UNTIL (text != NULL, 10000);
  return text;
}

/* Copy copies the whole code; Ctrl+C in the view (clipboard.copy), the selection. */
static void
check_copy (NsCodeWindow *code)
{
  GtkWidget *view = find_descendant (GTK_WIDGET (code), GTK_SOURCE_TYPE_VIEW);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  g_autofree char *all = NULL;
  g_autofree char *selection = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (code), "code.copy-all", NULL));
  all = clipboard_text (GTK_WIDGET (code));
  g_assert_cmpstr (all, ==, ns_code_window_get_text (code));

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "import torch\n", 0, &start, &end, NULL));
  gtk_text_iter_backward_char (&end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (view, "clipboard.copy", NULL));
  selection = clipboard_text (view);
  g_assert_cmpstr (selection, ==, "import torch");
}

static void
test_code_window (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "circle", "hidden", "4", NULL);
  NsWindow *window = present_window (experiment);
  NsCodeWindow *code;
  GtkTextBuffer *buffer;
  GtkSourceLanguage *language;
  g_autofree char *before = NULL;

  g_assert_null (find_code_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.code", NULL));
  WAIT_UNTIL ((code = find_code_window ()) != NULL && gtk_widget_get_mapped (GTK_WIDGET (code)),
              5000);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (code)) == GTK_WINDOW (window));

  /* PyTorch first, highlighted as Python */
  g_assert_cmpint (ns_code_window_get_framework (code), ==, NS_CODE_PYTORCH);
  g_assert_true (shows (code, "import torch"));
  g_assert_true (shows (code, "nn.Linear(2, 4)"));
  buffer = gtk_text_view_get_buffer (
      GTK_TEXT_VIEW (find_descendant (GTK_WIDGET (code), GTK_SOURCE_TYPE_VIEW)));
  language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer));
  g_assert_nonnull (language);
  g_assert_true (g_str_has_prefix (gtk_source_language_get_id (language), "python"));

  check_copy (code);

  /* Keras, and back */
  ns_code_window_set_framework (code, NS_CODE_KERAS);
  g_assert_true (shows (code, "from tensorflow import keras"));
  g_assert_false (shows (code, "import torch"));
  ns_code_window_set_framework (code, NS_CODE_PYTORCH);

  /* an added neuron shows at once */
  g_assert_true (ns_experiment_add_neuron (experiment, 0));
  WAIT_UNTIL (shows (code, "nn.Linear(2, 5)"), 2000);
  g_assert_true (shows (code, "init_uniform("));

  /* training changes nothing without the weights; with them, the code follows */
  before = shown_text (code);
  ns_experiment_step (experiment, 3);
  run_for (700);
  {
    g_autofree char *after = shown_text (code);
    g_assert_cmpstr (after, ==, before);
  }
  ns_code_window_set_include_weights (code, TRUE);
  g_assert_true (shows (code, "set_parameters("));
  g_clear_pointer (&before, g_free);
  before = shown_text (code);
  ns_experiment_step (experiment, 3);
  WAIT_UNTIL (g_strcmp0 (ns_code_window_get_text (code), before) != 0, 3000);

  /* the zoom follows the main window's */
  ns_window_set_zoom (window, 1.5);
  {
    double zoom = 0;
    g_object_get (code, "zoom", &zoom, NULL);
    g_assert_cmpfloat (zoom, ==, 1.5);
  }

  /* the action again brings the same window forward */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.code", NULL));
  run_for (100);
  g_assert_true (find_code_window () == code);

  gtk_window_destroy (GTK_WINDOW (code));
  run_for (50);
  g_assert_null (find_code_window ());
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/code/window", test_code_window);

  return g_test_run ();
}
