/* test-ui-files.c: the window's files through its actions (run under Xvfb): a saved run opens
 * again bit for bit and resumes; a failed save says so and leaves the old file alone; a
 * truncated file does not open and is named; a dropped file opens as Open would; the autosave
 * is written and offered back, and not after a clean quit. The native choosers cannot be driven:
 * they only hand a path to win.open-file / win.save-to, which are tested here. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ns-application.h"
#include "ns-window.h"

#include "ns-test-experiment.h"
#include "ns-test-ui.h"

/* The text of the first label under @widget whose text contains @needle, or NULL. */
static const char *
find_label_text (GtkWidget *widget, const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label_text (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_recent (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  return gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri);
}

static NsWindow *
show_window (NsExperiment *experiment)
{
  NsWindow *window = ns_window_new (NULL, experiment);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);
  return window;
}

static char *
read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static char *
make_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("ns-files-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
test_save_open_round_trip (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "my run.json", NULL);
  g_autofree char *again = g_build_filename (dir, "again.json", NULL);
  g_autoptr (NsExperiment) trained =
      make_experiment ("dataset", "xor", "hidden", "4,3", "optimizer", "adam", "seed", "7", NULL);
  g_autoptr (NsExperiment) other = make_experiment ("dataset", "circle", NULL);
  NsWindow *saver, *opener;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  ns_experiment_train_epochs (trained, 3);
  ns_experiment_step (trained, 2); /* mid-epoch: the shuffle's place must come back too */
  saver = show_window (trained);
  g_assert_null (ns_window_get_file (saver));
  gtk_widget_activate_action (GTK_WIDGET (saver), "win.save-to", "s", path);
  g_assert_cmpstr (ns_window_get_file (saver), ==, path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (saver)), ==, "my run.json — Neuroscope");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (is_recent (path));

  opener = show_window (other);
  gtk_widget_activate_action (GTK_WIDGET (opener), "win.open-file", "s", path);
  /* Replaced in place: the window keeps its experiment object. */
  g_assert_true (ns_window_get_experiment (opener) == other);
  g_assert_cmpstr (ns_window_get_file (opener), ==, path);
  g_assert_true (same_params (ns_experiment_get_net (other), ns_experiment_get_net (trained)));
  g_assert_true (same_history (other, trained));
  g_assert_cmpuint (ns_experiment_get_step (other), ==, ns_experiment_get_step (trained));

  /* Saved again, the file is the same byte for byte. */
  gtk_widget_activate_action (GTK_WIDGET (opener), "win.save-to", "s", again);
  first = read_file (path);
  second = read_file (again);
  g_assert_true (strcmp (first, second) == 0);

  /* The run resumes as if it had never been saved. */
  ns_experiment_train_epochs (trained, 2);
  ns_experiment_train_epochs (other, 2);
  g_assert_true (same_params (ns_experiment_get_net (other), ns_experiment_get_net (trained)));
  g_assert_true (same_history (other, trained));

  /* Save (Ctrl+S) with a file (the last saved to) writes to it without asking. */
  g_assert_cmpstr (ns_window_get_file (opener), ==, again);
  gtk_widget_activate_action (GTK_WIDGET (opener), "win.save", NULL);
  g_free (second);
  second = read_file (again);
  g_assert_true (strcmp (second, first) != 0);

  gtk_window_destroy (GTK_WINDOW (saver));
  gtk_window_destroy (GTK_WINDOW (opener));
  run_for (50);
  remove_tree (dir);
}

/* A save that fails shows the path and the reason, and neither the window's file nor the file
 * saved before changes. */
static void
check_failed_save (NsWindow *window, const char *bad_path, const char *old_path)
{
  g_autofree char *before = read_file (old_path);
  g_autofree char *after = NULL;

  ns_experiment_train_epochs (ns_window_get_experiment (window), 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-to", "s", bad_path);
  WAIT_UNTIL (find_label_text (GTK_WIDGET (window), bad_path) != NULL, 5000);
  g_test_message ("%s", find_label_text (GTK_WIDGET (window), bad_path));
  g_assert_cmpstr (ns_window_get_file (window), ==, old_path);
  after = read_file (old_path);
  g_assert_true (strcmp (after, before) == 0);
}

static void
test_save_error (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *old_path = g_build_filename (dir, "old.json", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain", NULL);
  g_autofree char *under_file = g_build_filename (plain, "x.json", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *locked_file = g_build_filename (locked, "old.json", NULL);
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "xor", NULL);
  g_autoptr (GError) error = NULL;
  NsWindow *window = show_window (experiment);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-to", "s", old_path);
  g_assert_cmpstr (ns_window_get_file (window), ==, old_path);

  /* A folder that is a regular file: no one can write there, root included. */
  g_assert_true (g_file_set_contents (plain, "not a folder", -1, &error));
  g_assert_no_error (error);
  check_failed_save (window, under_file, old_path);

  /* A read-only folder holding the file saved before. */
  g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-to", "s", locked_file);
  g_assert_cmpstr (ns_window_get_file (window), ==, locked_file);
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);
  if (access (locked, W_OK) == 0)
    g_test_message ("skipped the read-only folder: this user (root?) can still write to %s",
                    locked);
  else
    check_failed_save (window, locked_file, locked_file);
  g_chmod (locked, 0700);

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
  remove_tree (dir);
}

static void
test_open_truncated (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cut short.json", NULL);
  g_autoptr (NsExperiment) saved = make_experiment ("dataset", "spiral", NULL);
  g_autoptr (NsExperiment) shown = make_experiment ("dataset", "xor", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *shown_before = NULL;
  g_autofree char *shown_after = NULL;
  g_autofree char *name = NULL;
  NsWindow *window;

  ns_experiment_train_epochs (saved, 1);
  json = ns_experiment_to_json (saved);
  g_assert_true (g_file_set_contents (path, json, (gssize) strlen (json) / 2, &error));
  g_assert_no_error (error);

  ns_experiment_train_epochs (shown, 2);
  window = show_window (shown);
  shown_before = ns_experiment_to_json (shown);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  WAIT_UNTIL (find_label_text (GTK_WIDGET (window), "cut short.json") != NULL, 5000);
  g_test_message ("%s", find_label_text (GTK_WIDGET (window), "cut short.json"));
  /* The window keeps what it had. */
  shown_after = ns_experiment_to_json (shown);
  g_assert_true (strcmp (shown_after, shown_before) == 0);
  g_assert_null (ns_window_get_file (window));

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
  remove_tree (dir);
}

/* A CSV file dropped on the window opens as `--data FILE`. */
static void
test_drop (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *csv_path = g_build_filename (dir, "points.csv", NULL);
  g_autoptr (NsExperiment) shown = make_experiment ("dataset", "xor", NULL);
  g_autoptr (GError) error = NULL;
  GtkDropTarget *target = NULL;
  g_autoptr (GListModel) controllers = NULL;
  NsWindow *window;
  const char *paths[] = { csv_path };

  g_assert_true (
      g_file_set_contents (csv_path, "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n", -1, &error));
  g_assert_no_error (error);

  window = show_window (shown);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (paths[k]);
      GSList *list = g_slist_append (NULL, file);
      GValue value = G_VALUE_INIT;
      gboolean handled = FALSE;

      g_value_init (&value, GDK_TYPE_FILE_LIST);
      g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
      g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
      g_value_unset (&value);
      g_slist_free (list);
      g_assert_true (handled);
    }
  g_assert_cmpstr (ns_experiment_get_config (shown)->data_path, ==, csv_path);
  g_assert_null (ns_window_get_file (window)); /* a CSV is data, not the experiment's file */

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
  remove_tree (dir);
}

static void
test_drop_json (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "dropped.json", NULL);
  g_autoptr (NsExperiment) saved = make_experiment ("dataset", "gauss", "seed", "3", NULL);
  g_autoptr (NsExperiment) shown = make_experiment ("dataset", "xor", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) controllers = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GSList *list = g_slist_append (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  NsWindow *window;

  ns_experiment_train_epochs (saved, 2);
  g_assert_true (ns_experiment_save (saved, path, &error));
  g_assert_no_error (error);
  window = show_window (shown);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_value_init (&value, GDK_TYPE_FILE_LIST);
          g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
          g_value_unset (&value);
        }
    }
  g_slist_free (list);
  g_assert_true (handled);
  g_assert_true (same_params (ns_experiment_get_net (shown), ns_experiment_get_net (saved)));
  g_assert_cmpstr (ns_window_get_file (window), ==, path);

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
  remove_tree (dir);
}

/* A lesson opens beside the playground; the file opened before is no longer the window's (Save
 * must not write the lesson's setup over it). */
static void
test_open_lesson (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autofree char *progress = g_build_filename (dir, "progress.json", NULL);
  g_autofree char *lesson =
      g_test_build_filename (G_TEST_DIST, "data", "lessons", "01-first.md", NULL);
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "xor", NULL);
  NsWindow *window = show_window (experiment);

  ns_window_set_progress_path (window, progress);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-to", "s", path);
  g_assert_cmpstr (ns_window_get_file (window), ==, path);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", lesson);
  g_assert_nonnull (ns_window_get_lesson_id (window));
  g_assert_null (ns_window_get_file (window));

  gtk_window_destroy (GTK_WINDOW (window));
  run_for (50);
  remove_tree (dir);
}

static void
test_autosave_restore (void)
{
  g_autofree char *autosave = ns_window_autosave_path ();
  g_autoptr (NsExperiment) worked = make_experiment ("dataset", "spiral", "hidden", "5", NULL);
  g_autoptr (NsExperiment) fresh = make_experiment (NULL, NULL);
  g_autoptr (NsExperiment) untouched = make_experiment (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *worked_json = NULL;
  g_autofree char *written = NULL;
  g_autofree char *restored_json = NULL;
  NsWindow *window, *next, *third;

  /* Here, not in a real user's folder: main () points XDG_DATA_HOME at a fresh folder. */
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));

  window = show_window (worked);
  ns_experiment_train_epochs (worked, 2);
  g_assert_true (ns_window_autosave (window, &error));
  g_assert_no_error (error);
  worked_json = ns_experiment_to_json (worked);
  written = read_file (autosave);
  g_assert_true (strcmp (written, worked_json) == 0);

  /* A diverged run keeps no finite state to save: the autosave of before stays. */
  {
    g_autoptr (NsExperiment) wild = make_experiment ("dataset", "reg-gauss", "hidden", "8,8",
                                                     "activation", "relu", "lr", "10", NULL);
    NsWindow *diverging = show_window (wild);
    g_autofree char *kept = NULL;

    ns_experiment_train_epochs (wild, 50);
    g_assert_true (ns_experiment_get_diverged (wild));
    g_assert_true (ns_window_autosave (diverging, &error));
    g_assert_no_error (error);
    kept = read_file (autosave);
    g_assert_true (strcmp (kept, worked_json) == 0);
    gtk_window_destroy (GTK_WINDOW (diverging));
  }

  /* Closed with unsaved work: the autosave stays, and the next start offers it. */
  gtk_window_close (GTK_WINDOW (window));
  run_for (50);
  next = show_window (fresh);
  g_assert_true (ns_window_offer_restore (next));
  WAIT_UNTIL (find_label_text (GTK_WIDGET (next), "Restore") != NULL, 5000);
  gtk_widget_activate_action (GTK_WIDGET (next), "win.restore-autosave", NULL);
  restored_json = ns_experiment_to_json (fresh);
  g_assert_true (strcmp (restored_json, worked_json) == 0);
  g_assert_true (same_params (ns_experiment_get_net (fresh), ns_experiment_get_net (worked)));
  g_assert_null (ns_window_get_file (next)); /* restored work has no file yet */
  g_assert_false (is_recent (autosave));
  gtk_window_destroy (GTK_WINDOW (next));

  /* A clean quit (a window closed with nothing unsaved): nothing more to offer. */
  third = show_window (untouched);
  run_for (20);
  gtk_window_close (GTK_WINDOW (third));
  run_for (50);
  third = show_window (untouched);
  g_assert_false (ns_window_offer_restore (third));
  gtk_window_destroy (GTK_WINDOW (third));
  run_for (50);
}

/* Ctrl+Q (app.quit) closes the windows as their close button would: unsaved work is autosaved. */
static void
test_quit_autosaves (void)
{
  g_autofree char *autosave = ns_window_autosave_path ();
  g_autoptr (NsApplication) app = ns_application_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *json = NULL;
  GtkWindow *window;
  NsExperiment *experiment;

  g_unlink (autosave);
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app))
                                                    | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (NS_IS_WINDOW (window));
  experiment = ns_window_get_experiment (NS_WINDOW (window));
  ns_experiment_train_epochs (experiment, 1);
  json = ns_experiment_to_json (experiment);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  run_for (50);
  written = read_file (autosave);
  g_assert_true (strcmp (written, json) == 0);
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("ns-files-data-XXXXXX", NULL);
  int result;

  /* Before anything asks for it: g_get_user_data_dir () reads the variable once. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/files/save-open-round-trip", test_save_open_round_trip);
  g_test_add_func ("/ui/files/save-error", test_save_error);
  g_test_add_func ("/ui/files/open-truncated", test_open_truncated);
  g_test_add_func ("/ui/files/open-lesson", test_open_lesson);
  g_test_add_func ("/ui/files/drop", test_drop);
  g_test_add_func ("/ui/files/drop-json", test_drop_json);
  g_test_add_func ("/ui/files/autosave-restore", test_autosave_restore);
  g_test_add_func ("/ui/files/quit-autosaves", test_quit_autosaves);

  result = g_test_run ();
  remove_tree (data_home);
  return result;
}
