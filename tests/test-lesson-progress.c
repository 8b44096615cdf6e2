/* test-lesson-progress.c: the learner's progress kept between runs (ns-lesson-progress.h). */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ns-lesson-progress.h"

/* A fresh folder for one test's progress file. */
static char *
temporary_path (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ns-progress-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "sub", "progress.ini", NULL);
}

static void
remove_all (const char *path)
{
  g_autofree char *bad = g_strconcat (path, ".bad", NULL);
  g_autofree char *sub = g_path_get_dirname (path);
  g_autofree char *dir = g_path_get_dirname (sub);

  g_remove (path);
  g_remove (bad);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = ns_lesson_progress_default_path ();
  g_autofree char *expected =
      g_build_filename (g_get_user_data_dir (), "neuroscope", "progress.ini", NULL);

  g_assert_cmpstr (path, ==, expected);
}

/* Steps reached and the last step survive a reload, in a folder made on the way. */
static void
test_round_trip (void)
{
  g_autofree char *path = temporary_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (NsLessonProgress) progress = ns_lesson_progress_load (path, &error);
  g_autoptr (NsLessonProgress) again = NULL;
  g_autofree char *last = NULL;
  guint step = 99;

  g_assert_no_error (error);
  g_assert_cmpstr (ns_lesson_progress_get_path (progress), ==, path);
  g_assert_null (ns_lesson_progress_dup_last (progress, &step));
  g_assert_cmpuint (ns_lesson_progress_count_done (progress, "first-neuron", 5), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (ns_lesson_progress_mark_done (progress, "first-neuron", 3, &error));
  g_assert_no_error (error);
  g_assert_true (ns_lesson_progress_mark_done (progress, "first-neuron", 0, &error));
  g_assert_true (ns_lesson_progress_mark_done (progress, "first-neuron", 3, &error));
  g_assert_true (ns_lesson_progress_mark_done (progress, "circle", 1, &error));
  g_assert_true (ns_lesson_progress_set_last (progress, "first-neuron", 3, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  again = ns_lesson_progress_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (ns_lesson_progress_is_done (again, "first-neuron", 0));
  g_assert_false (ns_lesson_progress_is_done (again, "first-neuron", 1));
  g_assert_true (ns_lesson_progress_is_done (again, "first-neuron", 3));
  g_assert_false (ns_lesson_progress_is_done (again, "circle", 0));
  g_assert_true (ns_lesson_progress_is_done (again, "circle", 1));
  g_assert_false (ns_lesson_progress_is_done (again, "spiral", 1));
  g_assert_cmpuint (ns_lesson_progress_count_done (again, "first-neuron", 5), ==, 2);
  /* A lesson since shortened counts only the steps it still has. */
  g_assert_cmpuint (ns_lesson_progress_count_done (again, "first-neuron", 3), ==, 1);
  last = ns_lesson_progress_dup_last (again, &step);
  g_assert_cmpstr (last, ==, "first-neuron");
  g_assert_cmpuint (step, ==, 3);

  /* Reset forgets everything, in the file too. */
  g_assert_true (ns_lesson_progress_reset (again, &error));
  g_assert_no_error (error);
  g_clear_pointer (&again, ns_lesson_progress_free);
  again = ns_lesson_progress_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ns_lesson_progress_count_done (again, "first-neuron", 5), ==, 0);
  g_assert_null (ns_lesson_progress_dup_last (again, NULL));

  remove_all (path);
}

/* A file that is not progress is reported and kept aside, never overwritten; odd values in a
 * hand-edited file are skipped. */
static void
test_bad_file (void)
{
  g_autofree char *path = temporary_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *bad = g_strconcat (path, ".bad", NULL);
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NsLessonProgress) progress = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "not [a key file\n", -1, NULL));
  progress = ns_lesson_progress_load (path, &error);
  g_assert_nonnull (progress);
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (bad, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "not [a key file\n");
  g_clear_error (&error);
  g_assert_true (ns_lesson_progress_mark_done (progress, "circle", 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&progress, ns_lesson_progress_free);

  g_assert_true (g_file_set_contents (path,
                                      "[last]\nlesson=circle\nstep=-4\n"
                                      "[lesson circle]\ndone=x;2;\n",
                                      -1, NULL));
  progress = ns_lesson_progress_load (path, &error);
  g_assert_no_error (error);
  g_assert_null (ns_lesson_progress_dup_last (progress, NULL));
  g_assert_cmpuint (ns_lesson_progress_count_done (progress, "circle", 5), ==, 0);

  remove_all (path);
}

/* A progress file that cannot be written says so, and keeps the progress in memory. */
static void
test_unwritable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsLessonProgress) progress = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("ns-progress-XXXXXX", &file, &error);

  g_assert_no_error (error);
  close (fd);
  /* Under a plain file: no folder can be made there. */
  path = g_build_filename (file, "progress.ini", NULL);
  progress = ns_lesson_progress_load (path, &error);
  g_assert_nonnull (progress);
  g_clear_error (&error);
  g_assert_false (ns_lesson_progress_mark_done (progress, "circle", 2, &error));
  g_assert_nonnull (error);
  g_assert_true (ns_lesson_progress_is_done (progress, "circle", 2));
  g_remove (file);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lesson-progress/default-path", test_default_path);
  g_test_add_func ("/lesson-progress/round-trip", test_round_trip);
  g_test_add_func ("/lesson-progress/bad-file", test_bad_file);
  g_test_add_func ("/lesson-progress/unwritable", test_unwritable);

  return g_test_run ();
}
