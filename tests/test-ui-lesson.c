/* test-ui-lesson.c: lessons in the main window, driven through its actions (run under Xvfb
 * on a 1920x1080 screen, where presentation mode's zoom is the full one): the welcome page,
 * a lesson's setup, its goal reached live and kept in the progress file, moving through steps
 * (PageDown / PageUp), "Show me", reset, and presentation mode's keys. The lessons are the
 * fixtures in tests/data/lessons (NEUROSCOPE_LESSONS_DIR). */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ns-experiment.h"
#include "ns-lesson-panel.h"
#include "ns-network-view.h"
#include "ns-race-window.h"
#include "ns-test-ui.h"
#include "ns-welcome-page.h"
#include "ns-window.h"

typedef struct
{
  char *dir;      /* a temporary folder for the progress file */
  char *progress; /* the progress file */
  NsExperiment *experiment;
  NsWindow *window;
} Fixture;

static char *
lesson_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "lessons", name, NULL);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ns-lesson-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->progress = g_build_filename (fixture->dir, "progress.ini", NULL);
  ns_config_init_default (&config);
  fixture->experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  fixture->window = ns_window_new (NULL, fixture->experiment);
  ns_window_set_progress_path (fixture->window, fixture->progress);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)), 5000);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->experiment);
  g_remove (fixture->progress);
  g_rmdir (fixture->dir);
  g_free (fixture->progress);
  g_free (fixture->dir);
}

static void
activate (Fixture *fixture, const char *action, GVariant *parameter)
{
  g_assert_true (
      gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action, parameter));
}

static void
open_first (Fixture *fixture)
{
  g_autofree char *path = lesson_path ("01-first.md");

  activate (fixture, "win.open-lesson", g_variant_new_string (path));
  g_assert_cmpstr (ns_window_get_lesson_id (fixture->window), ==, "test-first");
}

/* Some label under @widget whose text contains @text. */
static gboolean
has_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static NsLessonPanel *
lesson_panel (Fixture *fixture)
{
  return NS_LESSON_PANEL (find_descendant (GTK_WIDGET (fixture->window), NS_TYPE_LESSON_PANEL));
}

static char *
progress_text (Fixture *fixture)
{
  char *text = NULL;

  if (!g_file_get_contents (fixture->progress, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

/* The welcome page lists the lessons in order with their progress, and says which file could
 * not be read and why. */
static void
test_welcome_lists_lessons (Fixture *fixture, gconstpointer data)
{
  NsWelcomePage *page;
  GtkWidget *row;

  activate (fixture, "win.welcome", NULL);
  g_assert_cmpstr (ns_window_get_page (fixture->window), ==, "welcome");
  page = NS_WELCOME_PAGE (find_descendant (GTK_WIDGET (fixture->window), NS_TYPE_WELCOME_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpuint (ns_welcome_page_get_n_rows (page), ==, 3);

  row = GTK_WIDGET (ns_welcome_page_get_row (page, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "First test lesson");
  g_assert_true (has_label (row, "0 of 3 steps"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.open-lesson");
  row = GTK_WIDGET (ns_welcome_page_get_row (page, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Second test lesson");
  g_assert_true (has_label (row, "0 of 3 steps"));
  /* The broken file: named, with its line. */
  row = GTK_WIDGET (ns_welcome_page_get_row (page, 2));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "03-broken.md:"));
  dump_widget (GTK_WIDGET (fixture->window), "lesson-welcome.png");

  /* Free play: the playground, no lesson. */
  activate (fixture, "win.playground", NULL);
  g_assert_cmpstr (ns_window_get_page (fixture->window), ==, "playground");
  g_assert_null (ns_window_get_lesson_id (fixture->window));
}

/* Opening a lesson applies its first step's setup in the window's own experiment, and shows
 * the step beside the playground. */
static void
test_open_applies_setup (Fixture *fixture, gconstpointer data)
{
  NsLessonPanel *panel;
  double rate = 0;
  gboolean shown = FALSE;

  open_first (fixture);
  g_assert_cmpstr (ns_window_get_page (fixture->window), ==, "playground");
  g_assert_true (ns_window_get_experiment (fixture->window) == fixture->experiment);
  /* --hidden none: the output layer alone. */
  g_assert_cmpuint (ns_experiment_get_net (fixture->experiment)->n_layers, ==, 1);
  g_object_get (fixture->window, "learning-rate", &rate, "lesson-panel", &shown, NULL);
  g_assert_cmpfloat_with_epsilon (rate, 0.1, 1e-9);
  g_assert_true (shown);

  panel = lesson_panel (fixture);
  g_assert_cmpstr (ns_lesson_panel_get_step_text (panel), ==, "Step 1 of 3");
  g_assert_nonnull (
      strstr (gtk_label_get_text (ns_lesson_panel_get_prose (panel)), "An introduction"));
  g_assert_true (has_label (GTK_WIDGET (panel), "epochs trained at least 1"));
  /* Its text never takes the focus, which would keep Right and Left from stepping. */
  g_assert_true (gtk_label_get_selectable (ns_lesson_panel_get_prose (panel)));
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (ns_lesson_panel_get_prose (panel))));
  g_assert_false (ns_lesson_panel_get_goal_reached (panel));
  dump_widget (GTK_WIDGET (fixture->window), "lesson-step-1.png");

  /* F9's action hides the panel and shows it again. */
  activate (fixture, "win.lesson-panel", NULL);
  g_object_get (fixture->window, "lesson-panel", &shown, NULL);
  g_assert_false (shown);
  activate (fixture, "win.lesson-panel", NULL);
  g_object_get (fixture->window, "lesson-panel", &shown, NULL);
  g_assert_true (shown);
}

/* Training one epoch reaches the first step's goal: the check mark, and the progress file
 * holds the step, and the welcome page counts it. */
static void
test_goal_reached_saves_progress (Fixture *fixture, gconstpointer data)
{
  NsLessonPanel *panel;
  g_autofree char *text = NULL;
  NsWelcomePage *page;

  open_first (fixture);
  panel = lesson_panel (fixture);
  run_for (100);
  g_assert_false (ns_lesson_panel_get_goal_reached (panel));
  activate (fixture, "win.step", NULL);
  WAIT_UNTIL (ns_lesson_panel_get_goal_reached (panel), 5000);
  g_assert_true (has_label (GTK_WIDGET (panel), "Reached:"));
  text = progress_text (fixture);
  g_assert_nonnull (strstr (text, "[lesson test-first]"));
  g_assert_nonnull (strstr (text, "done=0;"));
  g_assert_nonnull (strstr (text, "lesson=test-first"));
  dump_widget (GTK_WIDGET (fixture->window), "lesson-reached.png");

  activate (fixture, "win.welcome", NULL);
  page = NS_WELCOME_PAGE (find_descendant (GTK_WIDGET (fixture->window), NS_TYPE_WELCOME_PAGE));
  g_assert_true (has_label (GTK_WIDGET (ns_welcome_page_get_row (page, 0)), "1 of 3 steps"));
  /* "Continue" goes back to it. */
  activate (fixture, "win.lesson-continue", NULL);
  g_assert_cmpstr (ns_window_get_page (fixture->window), ==, "playground");
  g_assert_cmpstr (ns_window_get_lesson_id (fixture->window), ==, "test-first");

  /* Reset forgets it, after asking. */
  activate (fixture, "win.reset-progress", NULL);
  {
    GtkWidget *dialog = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (item))
          dialog = GTK_WIDGET (item);
      }
    g_assert_nonnull (dialog);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reset");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_clear_pointer (&text, g_free);
  text = progress_text (fixture);
  g_assert_null (strstr (text, "done="));
}

/* The key a clicker sends, as the window's key controllers get it. */
static void
send_key (Fixture *fixture, guint keyval)
{
  g_autoptr (GListModel) controllers =
      gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  g_assert_true (handled);
}

/* PageDown moves to the next step (a step without a setup keeps the experiment; one with a
 * setup replaces it, with its look and hide), PageUp back. */
static void
test_page_keys_move_steps (Fixture *fixture, gconstpointer data)
{
  NsLessonPanel *panel;
  GtkWidget *network = find_descendant (GTK_WIDGET (fixture->window), NS_TYPE_NETWORK_VIEW);
  g_autofree char *chart = NULL;
  g_autofree char *text = NULL;
  double rate = 0;

  open_first (fixture);
  panel = lesson_panel (fixture);
  g_object_set (fixture->window, "learning-rate", 0.3, NULL);

  send_key (fixture, GDK_KEY_Page_Down);
  g_assert_cmpuint (ns_window_get_lesson_step (fixture->window), ==, 1);
  g_assert_cmpstr (ns_lesson_panel_get_step_text (panel), ==, "Step 2 of 3");
  g_object_get (fixture->window, "learning-rate", &rate, NULL);
  g_assert_cmpfloat_with_epsilon (rate, 0.3, 1e-9); /* the learner's, kept */
  /* A step with nothing to reach counts as done once read. */
  activate (fixture, "win.lesson-next", NULL);
  text = progress_text (fixture);
  g_assert_nonnull (strstr (text, "done=1;"));

  g_assert_cmpuint (ns_window_get_lesson_step (fixture->window), ==, 2);
  g_object_get (fixture->window, "learning-rate", &rate, "chart", &chart, NULL);
  g_assert_cmpfloat_with_epsilon (rate, 0.01, 1e-9);
  g_assert_cmpstr (chart, ==, "loss");
  g_assert_false (has_label (GTK_WIDGET (fixture->window), "Optimizer"));
  /* The diagram's layer buttons go and its inputs no longer toggle. */
  g_assert_false (has_label (GTK_WIDGET (fixture->window), "No hidden layer"));
  gtk_widget_activate_action (network, "network.add-layer", NULL);
  gtk_widget_activate_action (network, "network.toggle-feature", "s", "x1sq");
  g_assert_cmpuint (ns_experiment_get_net (fixture->experiment)->n_layers, ==, 1);
  g_assert_cmpuint (ns_experiment_get_net (fixture->experiment)->n_inputs, ==, 2);
  WAIT_UNTIL (ns_lesson_panel_get_goal_reached (panel), 5000);

  send_key (fixture, GDK_KEY_Page_Up);
  g_assert_cmpuint (ns_window_get_lesson_step (fixture->window), ==, 1);
  g_assert_true (has_label (GTK_WIDGET (fixture->window), "Optimizer")); /* shown again */
  g_assert_true (has_label (GTK_WIDGET (fixture->window), "No hidden layer"));
  send_key (fixture, GDK_KEY_Page_Up);
  send_key (fixture, GDK_KEY_Page_Up); /* already at the first: stays */
  g_assert_cmpuint (ns_window_get_lesson_step (fixture->window), ==, 0);
}

/* "Show me" puts the solution on the step's setup and trains it. */
static void
test_show_me (Fixture *fixture, gconstpointer data)
{
  double rate = 0;

  open_first (fixture);
  activate (fixture, "win.lesson-show-me", NULL);
  g_object_get (fixture->window, "learning-rate", &rate, NULL);
  g_assert_cmpfloat_with_epsilon (rate, 0.3, 1e-9);
  g_assert_true (ns_window_get_playing (fixture->window));
  WAIT_UNTIL (ns_lesson_panel_get_goal_reached (lesson_panel (fixture)), 5000);
  ns_window_set_playing (fixture->window, FALSE);
}

/* A weight edited by hand counts for a goal that asks for one; a phase stepped to, for one
 * that asks for it; an optimizer race run, for one that asks for that. */
static void
test_weight_edit_counts (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = lesson_path ("02-second.md");
  GtkWidget *network = find_descendant (GTK_WIDGET (fixture->window), NS_TYPE_NETWORK_VIEW);

  activate (fixture, "win.open-lesson", g_variant_new_string (path));
  run_for (100);
  g_assert_false (ns_lesson_panel_get_goal_reached (lesson_panel (fixture)));
  g_assert_true (
      gtk_widget_activate_action (network, "network.set-weight", "(uuud)", 0, 0, 0, 1.5));
  WAIT_UNTIL (ns_lesson_panel_get_goal_reached (lesson_panel (fixture)), 5000);

  /* The next step asks for a phase: stepping a sample reaches it, with no training signal. */
  activate (fixture, "win.lesson-next", NULL);
  g_assert_false (ns_lesson_panel_get_goal_reached (lesson_panel (fixture)));
  activate (fixture, "win.step-size", g_variant_new_string ("sample"));
  for (guint i = 0; i < 8 && !ns_lesson_panel_get_goal_reached (lesson_panel (fixture)); i++)
    {
      activate (fixture, "win.step", NULL);
      run_for (50);
    }
  g_assert_true (ns_lesson_panel_get_goal_reached (lesson_panel (fixture)));

  /* The race (its look opens it) counts as done once it has raced a while. */
  activate (fixture, "win.lesson-next", NULL);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    NsRaceWindow *race = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && race == NULL; i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (toplevels, i);

        if (NS_IS_RACE_WINDOW (item))
          race = NS_RACE_WINDOW (item);
      }
    g_assert_nonnull (race);
    run_for (200);
    g_assert_false (ns_lesson_panel_get_goal_reached (lesson_panel (fixture)));
    ns_race_window_set_steps_per_frame (race, G_MAXUINT);
    ns_race_window_set_playing (race, TRUE);
    WAIT_UNTIL (ns_lesson_panel_get_goal_reached (lesson_panel (fixture)), 30000);
    g_assert_cmpuint (ns_race_window_get_epoch (race), >=, 20);
    gtk_window_destroy (GTK_WINDOW (race));
  }
}

/* Presentation mode: full screen at the large zoom, PageDown still steps, Escape leaves. */
static void
test_presentation (Fixture *fixture, gconstpointer data)
{
  gboolean presentation = FALSE;

  open_first (fixture);
  activate (fixture, "win.presentation", NULL);
  g_object_get (fixture->window, "presentation", &presentation, NULL);
  g_assert_true (presentation);
  g_assert_cmpfloat (ns_window_get_zoom (fixture->window), >, 1.0);
  dump_widget (GTK_WIDGET (fixture->window), "lesson-presentation.png");
  send_key (fixture, GDK_KEY_Page_Down);
  g_assert_cmpuint (ns_window_get_lesson_step (fixture->window), ==, 1);

  activate (fixture, "win.leave-presentation", NULL);
  g_object_get (fixture->window, "presentation", &presentation, NULL);
  g_assert_false (presentation);
  g_assert_cmpfloat (ns_window_get_zoom (fixture->window), ==, 1.0);
}

/* A lesson file that cannot be read leaves the window as it was, saying why. */
static void
test_bad_lesson (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = lesson_path ("03-broken.md");
  g_autoptr (GError) error = NULL;

  g_assert_false (ns_window_open_lesson (fixture->window, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "03-broken.md:"));
  g_assert_null (ns_window_get_lesson_id (fixture->window));
}

int
main (int argc, char **argv)
{
  g_autofree char *lessons = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  lessons = g_test_build_filename (G_TEST_DIST, "data", "lessons", NULL);
  g_setenv ("NEUROSCOPE_LESSONS_DIR", lessons, TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/lesson/welcome", test_welcome_lists_lessons);
  ADD ("/ui/lesson/open-applies-setup", test_open_applies_setup);
  ADD ("/ui/lesson/goal-reached-saves-progress", test_goal_reached_saves_progress);
  ADD ("/ui/lesson/page-keys", test_page_keys_move_steps);
  ADD ("/ui/lesson/show-me", test_show_me);
  ADD ("/ui/lesson/weight-edit", test_weight_edit_counts);
  ADD ("/ui/lesson/presentation", test_presentation);
  ADD ("/ui/lesson/bad-lesson", test_bad_lesson);
#undef ADD

  return g_test_run ();
}
