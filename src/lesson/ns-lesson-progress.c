/* ns-lesson-progress.c: the learner's progress through the lessons as a key file:
 *
 *   [last]
 *   lesson=first-neuron
 *   step=2
 *
 *   [lesson first-neuron]
 *   done=0;1;
 */
#include "config.h"

#include "ns-lesson-progress.h"

#include <errno.h>
#include <glib/gstdio.h>

#define LAST_GROUP "last"
#define LESSON_GROUP_PREFIX "lesson "

struct _NsLessonProgress
{
  char *path;
  GKeyFile *file;
};

char *
ns_lesson_progress_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "neuroscope", "progress.ini", NULL);
}

NsLessonProgress *
ns_lesson_progress_load (const char *path, GError **error)
{
  NsLessonProgress *self = g_new0 (NsLessonProgress, 1);
  g_autoptr (GError) local_error = NULL;

  self->path = path != NULL ? g_strdup (path) : ns_lesson_progress_default_path ();
  self->file = g_key_file_new ();
  if (g_key_file_load_from_file (self->file, self->path, G_KEY_FILE_NONE, &local_error))
    return self;

  /* Whatever part was read goes: the progress starts afresh from an empty file. */
  g_key_file_free (self->file);
  self->file = g_key_file_new ();
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return self;
  if (local_error->domain == G_KEY_FILE_ERROR)
    {
      /* Kept beside, never overwritten by the next save: the learner (or whoever wrote it)
       * can still look at it. */
      g_autofree char *bad = g_strconcat (self->path, ".bad", NULL);

      if (g_rename (self->path, bad) == 0)
        g_set_error (error, local_error->domain, local_error->code,
                     "%s: %s (set aside as %s; the progress starts afresh)", self->path,
                     local_error->message, bad);
      else
        g_set_error (error, local_error->domain, local_error->code, "%s: %s", self->path,
                     local_error->message);
      return self;
    }
  g_set_error (error, local_error->domain, local_error->code, "%s: %s", self->path,
               local_error->message);
  return self;
}

void
ns_lesson_progress_free (NsLessonProgress *self)
{
  if (self == NULL)
    return;
  g_key_file_free (self->file);
  g_free (self->path);
  g_free (self);
}

const char *
ns_lesson_progress_get_path (const NsLessonProgress *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

static gboolean
save (NsLessonProgress *self, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *folder = g_path_get_dirname (self->path);
  gsize length = 0;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: cannot make the folder: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }
  data = g_key_file_to_data (self->file, &length, NULL);
  if (!g_file_set_contents (self->path, data, (gssize) length, error))
    return FALSE;
  return TRUE;
}

/* The steps reached, as the file lists them (any order; invalid entries are skipped). */
static int *
done_steps (const NsLessonProgress *self, const char *lesson_id, gsize *n)
{
  g_autofree char *group = g_strconcat (LESSON_GROUP_PREFIX, lesson_id, NULL);
  int *steps = g_key_file_get_integer_list (self->file, group, "done", n, NULL);

  if (steps == NULL)
    *n = 0;
  return steps;
}

gboolean
ns_lesson_progress_is_done (const NsLessonProgress *self, const char *lesson_id, guint step)
{
  gsize n = 0;
  g_autofree int *steps = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);

  steps = done_steps (self, lesson_id, &n);
  for (gsize i = 0; i < n; i++)
    if (steps[i] >= 0 && (guint) steps[i] == step)
      return TRUE;
  return FALSE;
}

guint
ns_lesson_progress_count_done (const NsLessonProgress *self, const char *lesson_id, guint n_steps)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (lesson_id != NULL, 0);

  /* Each step once, however often a hand-edited file repeats it. */
  for (guint step = 0; step < n_steps; step++)
    if (ns_lesson_progress_is_done (self, lesson_id, step))
      count++;
  return count;
}

static int
compare_ints (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

gboolean
ns_lesson_progress_mark_done (NsLessonProgress *self,
                              const char *lesson_id,
                              guint step,
                              GError **error)
{
  g_autofree char *group = NULL;
  g_autoptr (GArray) steps = NULL;
  g_autofree int *old = NULL;
  gsize n = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);
  g_return_val_if_fail (step <= G_MAXINT, FALSE);

  if (ns_lesson_progress_is_done (self, lesson_id, step))
    return TRUE;
  old = done_steps (self, lesson_id, &n);
  steps = g_array_sized_new (FALSE, FALSE, sizeof (int), n + 1);
  g_array_append_vals (steps, old, n);
  g_array_append_val (steps, step);
  g_array_sort (steps, compare_ints);
  group = g_strconcat (LESSON_GROUP_PREFIX, lesson_id, NULL);
  g_key_file_set_integer_list (self->file, group, "done", (int *) steps->data, steps->len);
  return save (self, error);
}

char *
ns_lesson_progress_dup_last (const NsLessonProgress *self, guint *step)
{
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;
  int index;

  g_return_val_if_fail (self != NULL, NULL);

  id = g_key_file_get_string (self->file, LAST_GROUP, "lesson", NULL);
  index = g_key_file_get_integer (self->file, LAST_GROUP, "step", &error);
  if (id == NULL || *id == '\0' || error != NULL || index < 0)
    return NULL;
  if (step != NULL)
    *step = (guint) index;
  return g_steal_pointer (&id);
}

gboolean
ns_lesson_progress_set_last (NsLessonProgress *self,
                             const char *lesson_id,
                             guint step,
                             GError **error)
{
  g_autofree char *old_id = NULL;
  guint old_step = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lesson_id != NULL, FALSE);
  g_return_val_if_fail (step <= G_MAXINT, FALSE);

  old_id = ns_lesson_progress_dup_last (self, &old_step);
  if (g_strcmp0 (old_id, lesson_id) == 0 && old_step == step)
    return TRUE;
  g_key_file_set_string (self->file, LAST_GROUP, "lesson", lesson_id);
  g_key_file_set_integer (self->file, LAST_GROUP, "step", (int) step);
  return save (self, error);
}

gboolean
ns_lesson_progress_reset (NsLessonProgress *self, GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  g_key_file_free (self->file);
  self->file = g_key_file_new ();
  return save (self, error);
}
