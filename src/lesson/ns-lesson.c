/* ns-lesson.c: reading a lesson file: the front block by hand, the rest with cmark (which keeps
 * each block's line), every block checked as it is read so that an instructor's typo is named
 * with its file and line when the lesson opens, not when a learner reaches it. */
#include "config.h"

#include "ns-lesson.h"

#include <string.h>

#include "ns-file.h"
#include "ns-lesson-private.h"

/* clang-format off */
G_DEFINE_QUARK (ns-lesson-error-quark, ns_lesson_error)
/* clang-format on */

const char *const ns_lesson_control_names[] = {
  "data",  "features", "layers", "activation", "learning-rate", "optimizer",   "regularization",
  "batch", "problem",  "noise",  "ratio",      "step",          "output-tabs", NULL,
};

const char *const ns_lesson_view_names[] = {
  "network", "boundary",  "loss", "gradients", "space",   "race", "samples",
  "filters", "confusion", "draw", "mlvsdl",    "scaling", "code", NULL,
};

static const char *const block_names[] = {
  "setup", "goal", "hint", "solution", "budget", "hide", "look", NULL,
};

static const char *const front_keys[] = { "id", "title", "order", "requires", "summary", NULL };

static void
step_free (NsLessonStep *step)
{
  if (step == NULL)
    return;
  g_free (step->title);
  g_free (step->markup);
  g_free (step->setup);
  g_free (step->solution);
  g_free (step->goal_text);
  ns_goal_free (step->goal);
  g_free (step->hint);
  g_strfreev (step->hide);
  g_free (step->look);
  g_free (step);
}

void
ns_lesson_free (NsLesson *lesson)
{
  if (lesson == NULL)
    return;
  g_free (lesson->path);
  g_free (lesson->id);
  g_free (lesson->title);
  g_free (lesson->summary);
  g_strfreev (lesson->requires);
  g_free (lesson->intro_markup);
  g_clear_pointer (&lesson->steps, g_ptr_array_unref);
  g_free (lesson);
}

gboolean
ns_lesson_set_error (GError **error,
                     NsLessonError code,
                     const char *path,
                     guint line,
                     const char *format,
                     ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, NS_LESSON_ERROR, code, "%s:%u: %s", path, line, message);
  return FALSE;
}

/* A parse error: "PATH:LINE: what was expected". */
#define fail(error, path, line, ...)                                                               \
  ns_lesson_set_error (error, NS_LESSON_ERROR_PARSE, path, line, __VA_ARGS__)

static gboolean
is_id (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
front_value (NsLesson *lesson, const char *key, char *value, guint line, GError **error)
{
  const char *path = lesson->path;

  if (strcmp (key, "id") == 0)
    {
      if (!is_id (value))
        return fail (error, path, line, "id: “%s”: expected lower-case letters, digits and “-”",
                     value);
      lesson->id = g_strdup (value);
    }
  else if (strcmp (key, "title") == 0 || strcmp (key, "summary") == 0)
    {
      if (*value == '\0')
        return fail (error, path, line, "%s: expected some text", key);
      *(key[0] == 't' ? &lesson->title : &lesson->summary) = g_strdup (value);
    }
  else if (strcmp (key, "order") == 0)
    {
      gint64 order;

      if (!g_ascii_string_to_signed (value, 10, -1000000, 1000000, &order, NULL))
        return fail (error, path, line, "order: “%s”: expected a whole number", value);
      lesson->order = (int) order;
    }
  else
    {
      g_auto (GStrv) ids = g_strsplit (value, ",", -1);
      GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

      for (guint k = 0; ids[k] != NULL; k++)
        {
          char *id = g_strstrip (ids[k]);

          if (*id == '\0' && ids[1] == NULL)
            continue; /* "requires:" with nothing after it */
          if (!is_id (id))
            {
              g_ptr_array_free (kept, TRUE);
              return fail (error, path, line,
                           "requires: “%s”: expected lesson ids separated by "
                           "commas",
                           id);
            }
          g_ptr_array_add (kept, g_strdup (id));
        }
      g_ptr_array_add (kept, NULL);
      lesson->requires = (char **) g_ptr_array_free (kept, FALSE);
    }
  return TRUE;
}

/* The front block: "---", "key: value" lines, "---". *body gets the text after it and
 * *lines_before the file lines up to and including its closing "---". */
static gboolean
parse_front (NsLesson *lesson, char *text, char **body, guint *lines_before, GError **error)
{
  const char *path = lesson->path;
  gboolean seen[G_N_ELEMENTS (front_keys)] = { FALSE };
  char *line = text;
  guint number = 1;

  for (;; number++)
    {
      char *end = strchr (line, '\n');
      char *next = end != NULL ? end + 1 : NULL;
      char *colon;
      int key = -1;

      if (end != NULL)
        *end = '\0';
      g_strchomp (line);
      if (number == 1)
        {
          if (strcmp (line, "---") != 0)
            return fail (error, path, 1,
                         "expected a front block: a first line “---”, then "
                         "id, title, order, requires and summary, then “---”");
        }
      else if (strcmp (line, "---") == 0)
        {
          *body = next != NULL ? next : line + strlen (line);
          *lines_before = number;
          break;
        }
      else if (*g_strstrip (line) != '\0')
        {
          if ((colon = strchr (line, ':')) == NULL)
            return fail (error, path, number, "expected “key: value” or the closing “---”");
          *colon = '\0';
          g_strstrip (line);
          for (int k = 0; front_keys[k] != NULL; k++)
            if (strcmp (front_keys[k], line) == 0)
              key = k;
          if (key < 0)
            return fail (error, path, number,
                         "unknown key “%s”: expected id, title, order, requires or summary", line);
          if (seen[key])
            return fail (error, path, number, "repeated key “%s”: expected it once", line);
          seen[key] = TRUE;
          if (!front_value (lesson, line, g_strstrip (colon + 1), number, error))
            return FALSE;
        }
      /* At the end of the file (its last line, not the nothing after its last newline). */
      if (next == NULL)
        return fail (error, path, *line == '\0' && number > 1 ? number - 1 : number,
                     "expected “---” to close the front block");
      line = next;
    }
  for (int k = 0; front_keys[k] != NULL; k++)
    if (!seen[k] && strcmp (front_keys[k], "requires") != 0)
      return fail (error, path, *lines_before, "missing key “%s” in the front block",
                   front_keys[k]);
  if (lesson->requires == NULL)
    lesson->requires = g_new0 (char *, 1);
  return TRUE;
}

/* The block's text without its last newline, and without trailing blank space. */
static char *
block_text (cmark_node *node)
{
  char *text =
      g_strdup (cmark_node_get_literal (node) != NULL ? cmark_node_get_literal (node) : "");

  return g_strchomp (text);
}

static gboolean
check_names (const char *path,
             guint line,
             const char *block,
             char **names,
             const char *const *allowed,
             GError **error)
{
  for (guint k = 0; names[k] != NULL; k++)
    if (!g_strv_contains (allowed, names[k]))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);
        return fail (error, path, line, "%s: unknown name “%s”: expected %s", block, names[k],
                     list);
      }
  return TRUE;
}

static char **
split_names (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text, ", \t\n", -1);
  GPtrArray *names = g_ptr_array_new ();

  for (guint k = 0; parts[k] != NULL; k++)
    if (*parts[k] != '\0')
      g_ptr_array_add (names, g_strdup (parts[k]));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/* One fenced block of @step, @line its first text line. */
static gboolean
read_block (NsLesson *lesson,
            NsLessonStep *step,
            const char *kind,
            char *text,
            guint line,
            GError **error)
{
  const char *path = lesson->path;

  if (strcmp (kind, "setup") == 0)
    {
      step->setup = text;
      step->setup_line = line;
    }
  else if (strcmp (kind, "solution") == 0)
    {
      step->solution = text;
      step->solution_line = line;
    }
  else if (strcmp (kind, "hint") == 0)
    step->hint = g_strstrip (text);
  else if (strcmp (kind, "goal") == 0)
    {
      g_autoptr (GError) local = NULL;
      guint error_line = 0;

      step->goal_text = text;
      step->goal_line = line;
      if ((step->goal = ns_goal_parse_lines (text, &error_line, &local)) == NULL)
        return fail (error, path, line + error_line, "goal: %s", local->message);
    }
  else if (strcmp (kind, "budget") == 0)
    {
      guint64 budget;

      if (!g_ascii_string_to_unsigned (g_strstrip (text), 10, 1, NS_LESSON_MAX_BUDGET, &budget,
                                       NULL))
        {
          fail (error, path, line, "budget: “%s”: expected a whole number of epochs from 1 to %d",
                text, NS_LESSON_MAX_BUDGET);
          g_free (text);
          return FALSE;
        }
      step->budget = (guint) budget;
      g_free (text);
    }
  else if (strcmp (kind, "hide") == 0)
    {
      step->hide = split_names (text);
      g_free (text);
      return check_names (path, line, "hide", step->hide, ns_lesson_control_names, error);
    }
  else
    {
      g_auto (GStrv) names = split_names (text);

      g_free (text);
      if (g_strv_length (names) != 1)
        return fail (error, path, line, "look: expected one view name");
      if (!check_names (path, line, "look", names, ns_lesson_view_names, error))
        return FALSE;
      step->look = g_strdup (names[0]);
    }
  return TRUE;
}

/* A fenced block: its kind checked, then read into @step. */
static gboolean
fenced_block (NsLesson *lesson, NsLessonStep *step, cmark_node *node, guint line, GError **error)
{
  g_autofree char *info = g_strdup (cmark_node_get_fence_info (node));
  char *space;
  int kind = -1;

  g_strstrip (info);
  if ((space = strpbrk (info, " \t")) != NULL)
    *space = '\0';
  for (int k = 0; block_names[k] != NULL; k++)
    if (strcmp (block_names[k], info) == 0)
      kind = k;
  if (kind < 0)
    return fail (error, lesson->path, line,
                 "unknown block “%s”: expected setup, goal, hint, solution, budget, hide or look "
                 "(code shown to the learner: indent it by four spaces)",
                 info);
  if (step == NULL)
    return fail (error, lesson->path, line,
                 "a %s block before the first step: expected it after a “## ” heading", info);
  if ((kind == 0 && step->setup != NULL) || (kind == 1 && step->goal_text != NULL)
      || (kind == 2 && step->hint != NULL) || (kind == 3 && step->solution != NULL)
      || (kind == 4 && step->budget != 0) || (kind == 5 && step->hide != NULL)
      || (kind == 6 && step->look != NULL))
    return fail (error, lesson->path, line, "repeated block “%s”: expected one per step", info);
  return read_block (lesson, step, info, block_text (node), line + 1, error);
}

static char *
take_markup (GString *prose)
{
  char *markup = prose->len > 0 ? g_strdup (prose->str) : NULL;

  g_string_truncate (prose, 0);
  return markup;
}

/* Every setup and solution, applied in order as a step would apply them, so that an unknown
 * option or a bad value is found when the lesson is read. */
static gboolean
check_setups (NsLesson *lesson, GError **error)
{
  g_auto (NsConfig) config = { 0 };
  g_auto (NsLessonSetup) setup = { 0 };

  ns_config_init_default (&config);
  ns_lesson_setup_init (&setup);
  for (guint k = 0; k < lesson->steps->len; k++)
    {
      const NsLessonStep *step = lesson->steps->pdata[k];

      if (step->setup != NULL
          && !ns_lesson_apply_block (lesson->path, step->setup, step->setup_line, TRUE, &config,
                                     &setup, error))
        return FALSE;
      if (step->solution != NULL)
        {
          g_auto (NsConfig) with_solution = { 0 };
          g_auto (NsLessonSetup) scratch = { 0 };

          ns_config_copy (&with_solution, &config);
          ns_lesson_setup_init (&scratch);
          if (!ns_lesson_apply_block (lesson->path, step->solution, step->solution_line, TRUE,
                                      &with_solution, &scratch, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* cmark 0.30 does not say whether a code block was fenced: its first line in @lines does
 * (``` or ~~~ after at most three spaces; an indented block starts with four). */
static gboolean
is_fenced (char **lines, guint n_lines, cmark_node *node)
{
  int line = cmark_node_get_start_line (node);
  const char *text;

  if (line < 1 || (guint) line > n_lines)
    return FALSE;
  text = lines[line - 1];
  for (int k = 0; k < 3 && *text == ' '; k++)
    text++;
  return g_str_has_prefix (text, "```") || g_str_has_prefix (text, "~~~");
}

static gboolean
parse_body (NsLesson *lesson, const char *body, guint lines_before, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (body, "\n", -1);
  guint n_lines = g_strv_length (lines);
  cmark_node *document = cmark_parse_document (body, strlen (body), CMARK_OPT_DEFAULT);
  g_autoptr (GString) prose = g_string_new (NULL);
  NsLessonStep *step = NULL;
  guint last_line = lines_before;
  gboolean ok = TRUE;

  for (cmark_node *node = cmark_node_first_child (document); node != NULL && ok;
       node = cmark_node_next (node))
    {
      guint line = (guint) cmark_node_get_start_line (node) + lines_before;
      cmark_node_type type = cmark_node_get_type (node);

      last_line = MAX (last_line, (guint) cmark_node_get_end_line (node) + lines_before);
      if (type == CMARK_NODE_HEADING && cmark_node_get_heading_level (node) == 2)
        {
          if (step != NULL)
            step->markup = take_markup (prose);
          else
            lesson->intro_markup = take_markup (prose);
          step = g_new0 (NsLessonStep, 1);
          step->line = line;
          step->title = ns_lesson_plain_text (node);
          g_ptr_array_add (lesson->steps, step);
          if (*step->title == '\0')
            ok = fail (error, lesson->path, line, "expected a step title after “## ”");
        }
      else if (type == CMARK_NODE_CODE_BLOCK && is_fenced (lines, n_lines, node))
        ok = fenced_block (lesson, step, node, line, error);
      else
        {
          if (prose->len > 0)
            g_string_append (prose, "\n\n");
          ns_lesson_markup_block (prose, node, 0);
        }
    }
  cmark_node_free (document);
  if (!ok)
    return FALSE;
  if (step == NULL)
    return fail (error, lesson->path, last_line, "expected at least one step (a “## ” heading)");
  step->markup = take_markup (prose);
  for (guint k = 0; k < lesson->steps->len; k++)
    {
      NsLessonStep *s = lesson->steps->pdata[k];
      if (s->budget == 0)
        s->budget = NS_LESSON_DEFAULT_BUDGET;
      if (s->markup == NULL)
        s->markup = g_strdup ("");
    }
  return check_setups (lesson, error);
}

NsLesson *
ns_lesson_parse (const char *text, gssize length, const char *path, GError **error)
{
  g_autoptr (NsLesson) lesson = NULL;
  g_autofree char *copy = NULL;
  const char *bad = NULL;
  char *start, *body = NULL;
  guint lines_before = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  copy = g_strndup (text != NULL ? text : "", (gsize) length);
  if ((gsize) length != strlen (copy) || !g_utf8_validate (copy, -1, &bad))
    {
      guint line = 1;

      for (const char *p = copy; *p != '\0' && (bad == NULL || p < bad); p++)
        line += *p == '\n';
      fail (error, path, line, "expected UTF-8 text without NUL bytes");
      return NULL;
    }
  lesson = g_new0 (NsLesson, 1);
  lesson->path = g_strdup (path);
  lesson->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  /* A byte-order mark is no part of the first line. */
  start = g_str_has_prefix (copy, "\xef\xbb\xbf") ? copy + 3 : copy;
  if (!parse_front (lesson, start, &body, &lines_before, error)
      || !parse_body (lesson, body, lines_before, error))
    return NULL;
  return g_steal_pointer (&lesson);
}

NsLesson *
ns_lesson_load (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length > 4 * 1024 * 1024)
    {
      fail (error, path, 1, "expected a lesson of at most 4 MB");
      return NULL;
    }
  return ns_lesson_parse (contents, (gssize) length, path, error);
}

const char *
ns_lesson_builtin_dir (void)
{
  const char *dir = g_getenv ("NEUROSCOPE_LESSONS_DIR");

  g_autofree char *installed = NULL;

  if (dir != NULL && *dir != '\0')
    return dir;
  installed = g_build_filename (ns_file_data_dir (), "lessons", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_intern_string (installed);
  return NS_SOURCE_LESSONS_DIR;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

GPtrArray *
ns_lesson_list_dir (const char *dir, GError **error)
{
  g_autoptr (GDir) handle = NULL;
  g_autoptr (GPtrArray) files = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);

  if ((handle = g_dir_open (dir, 0, error)) == NULL)
    return NULL;
  files = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".md") && g_ascii_strcasecmp (name, "README.md") != 0)
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, compare_strings);
  return g_steal_pointer (&files);
}

static int
compare_lessons (gconstpointer a, gconstpointer b)
{
  const NsLesson *x = *(NsLesson *const *) a;
  const NsLesson *y = *(NsLesson *const *) b;

  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return strcmp (x->id, y->id);
}

GPtrArray *
ns_lesson_load_builtin (GPtrArray *errors)
{
  GPtrArray *lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) ns_lesson_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = ns_lesson_list_dir (ns_lesson_builtin_dir (), &error);

  if (files == NULL)
    {
      if (errors != NULL)
        g_ptr_array_add (errors, g_strdup (error->message));
      return lessons;
    }
  for (guint k = 0; k < files->len; k++)
    {
      g_autoptr (GError) local = NULL;
      NsLesson *lesson = ns_lesson_load (files->pdata[k], &local);

      if (lesson != NULL)
        g_ptr_array_add (lessons, lesson);
      else if (errors != NULL)
        g_ptr_array_add (errors, g_strdup (local->message));
    }
  g_ptr_array_sort (lessons, compare_lessons);
  return lessons;
}
