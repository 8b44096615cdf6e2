/* ns-csv.c: loads CSV files in DESIGN.md's dialect.
 *
 * A header row, then rows of numeric inputs with the label last; commas, no quoting of commas
 * (a cell wholly in double quotes is unquoted); optional UTF-8 BOM; LF or CRLF; empty lines
 * only at the end. Every problem is an error naming the file, the line and the column: a row
 * is never skipped silently.
 */

#include "ns-dataset-private.h"
#include "ns-file.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <string.h>

#define MAX_ROWS 1000000
#define MAX_COLUMNS 4096
#define MAX_CELLS (1u << 26)            /* input cells: 512 MiB of doubles while loading */
#define MAX_FILE_SIZE ((gsize) 1 << 30) /* bytes */
#define MAX_SHOWN 40                    /* characters of a bad cell quoted in a message */

typedef struct
{
  const char *path; /* as given, for messages */
  char *p;          /* the next unread byte */
  char *end;        /* the end of the text */
  guint line;       /* the number of the line last read, from 1 */
} Reader;

/* Reads the next line into @line (NUL-terminated in place, without its CR LF). */
static gboolean
reader_next_line (Reader *r, char **line)
{
  char *nl;

  if (r->p >= r->end)
    return FALSE;

  *line = r->p;
  nl = memchr (r->p, '\n', r->end - r->p);
  if (nl == NULL)
    nl = r->end;
  r->p = nl < r->end ? nl + 1 : r->end;
  if (nl > *line && nl[-1] == '\r')
    nl--;
  *nl = '\0';
  r->line++;

  return TRUE;
}

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s++)
    {
      if (*s != ' ' && *s != '\t')
        return FALSE;
    }

  return TRUE;
}

/* Strips spaces and tabs, then one pair of surrounding double quotes ("" inside becomes "). */
static char *
clean_cell (char *cell)
{
  char *e;

  while (*cell == ' ' || *cell == '\t')
    cell++;
  e = cell + strlen (cell);
  while (e > cell && (e[-1] == ' ' || e[-1] == '\t'))
    e--;
  *e = '\0';

  if (e - cell >= 2 && cell[0] == '"' && e[-1] == '"')
    {
      char *src = cell + 1;
      char *dst = cell;

      e[-1] = '\0';
      while (*src != '\0')
        {
          if (src[0] == '"' && src[1] == '"')
            src++;
          *dst++ = *src++;
        }
      *dst = '\0';
    }

  return cell;
}

/* Splits @line at its commas, in place, into cleaned cells. */
static void
split_cells (char *line, GPtrArray *cells)
{
  char *start = line;

  g_ptr_array_set_size (cells, 0);
  for (char *q = line;; q++)
    {
      if (*q == ',' || *q == '\0')
        {
          gboolean last = *q == '\0';

          *q = '\0';
          g_ptr_array_add (cells, clean_cell (start));
          if (last)
            break;
          start = q + 1;
        }
    }
}

/* The whole of @cell is a finite number within float range. */
static gboolean
parse_number (const char *cell, double *value)
{
  char *end = NULL;
  double v;

  if (*cell == '\0')
    return FALSE;

  errno = 0;
  v = g_ascii_strtod (cell, &end);
  if (end == cell || *end != '\0')
    return FALSE;
  if (!isfinite (v) || fabs (v) > FLT_MAX)
    return FALSE;

  *value = v;
  return TRUE;
}

/* A cell as quoted in a message: valid UTF-8, not too long. */
static char *
shown_cell (const char *cell)
{
  g_autofree char *valid = g_utf8_make_valid (cell, -1);

  if (g_utf8_strlen (valid, -1) > MAX_SHOWN)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_SHOWN);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

static void
set_bad_number (GError **error, const Reader *r, guint column, const char *cell)
{
  g_autofree char *shown = shown_cell (cell);
  char *end = NULL;

  g_ascii_strtod (cell, &end);
  if (*cell == '\0')
    g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_NUMBER,
                 "%s:%u:%u: expected a number, got an empty cell", r->path, r->line, column);
  else if (end != cell && *end == '\0')
    /* A number, but infinite, NaN or beyond float range. */
    g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_NUMBER,
                 "%s:%u:%u: expected a finite number within ±3.4e38, got “%s”", r->path, r->line,
                 column, shown);
  else
    g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_NUMBER,
                 "%s:%u:%u: expected a number, got “%s”", r->path, r->line, column, shown);
}

/* The class labels met so far, in order of first appearance. */
typedef struct
{
  GPtrArray *names;  /* canonical label strings */
  GHashTable *index; /* name -> position + 1 */
  GArray *values;    /* gint64: the labels' integer values, while all are integers */
  gboolean all_int;
} Classes;

static void
classes_clear (Classes *c)
{
  g_clear_pointer (&c->names, g_ptr_array_unref);
  g_clear_pointer (&c->index, g_hash_table_unref);
  g_clear_pointer (&c->values, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Classes, classes_clear)

/* The class of @label, adding it if new; -1 when it would be one class too many. */
static int
classes_lookup (Classes *c, const char *label)
{
  g_autofree char *key = NULL;
  gint64 v = 0;
  gboolean is_int;
  gpointer pos;

  /* Integers are keyed by value, so "1", "01" and "+1" are one class. */
  is_int = g_ascii_string_to_signed (label, 10, G_MININT64, G_MAXINT64, &v, NULL);
  key = is_int ? g_strdup_printf ("%" G_GINT64_FORMAT, v) : g_strdup (label);

  pos = g_hash_table_lookup (c->index, key);
  if (pos != NULL)
    return GPOINTER_TO_INT (pos) - 1;

  if (c->names->len == NS_MAX_CLASSES)
    return -1;

  c->all_int = c->all_int && is_int;
  g_array_append_val (c->values, v);
  g_ptr_array_add (c->names, g_strdup (key));
  g_hash_table_insert (c->index, g_steal_pointer (&key), GINT_TO_POINTER (c->names->len));

  return c->names->len - 1;
}

/* Orders integer labels by value: fills @remap (first-appearance position -> class) and
 * returns the class names in class order. */
static char **
classes_finish (Classes *c, guint *remap)
{
  guint n = c->names->len;
  guint rank[NS_MAX_CLASSES];
  char **names = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    rank[i] = i;

  if (c->all_int)
    {
      /* At most NS_MAX_CLASSES positions: an insertion sort. */
      const gint64 *v = (const gint64 *) (void *) c->values->data;

      for (guint i = 1; i < n; i++)
        {
          guint r = rank[i];
          guint j = i;

          while (j > 0 && v[rank[j - 1]] > v[r])
            {
              rank[j] = rank[j - 1];
              j--;
            }
          rank[j] = r;
        }
    }

  for (guint k = 0; k < n; k++)
    {
      remap[rank[k]] = k;
      names[k] = g_strdup (g_ptr_array_index (c->names, rank[k]));
    }

  return names;
}

static char *
header_name (const char *cell, guint column)
{
  if (*cell == '\0')
    return g_strdup_printf ("column %u", column);

  return g_strdup (cell);
}

NsDataset *
ns_dataset_load_csv (const char *path,
                     gboolean regression,
                     double train_ratio,
                     NnRng *rng,
                     GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ns_file_read_bounded (path, MAX_FILE_SIZE, &contents, &length, error))
    return NULL;
  return ns_dataset_parse_csv (contents, length, path, regression, train_ratio, rng, error);
}

NsDataset *
ns_dataset_parse_csv (char *contents,
                      gsize length,
                      const char *path,
                      gboolean regression,
                      double train_ratio,
                      NnRng *rng,
                      GError **error)
{
  return ns_dataset_parse_csv_full (contents, length, path, regression, train_ratio, TRUE, rng,
                                    error);
}

NsDataset *
ns_dataset_parse_csv_full (char *contents,
                           gsize length,
                           const char *path,
                           gboolean regression,
                           double train_ratio,
                           gboolean standardise,
                           NnRng *rng,
                           GError **error)
{
  g_autofree char *basename = NULL;
  g_autoptr (GPtrArray) cells = NULL;
  g_autoptr (GArray) raw = NULL;    /* double: n_rows x n_inputs */
  g_autoptr (GArray) labels = NULL; /* float: n_rows */
  g_autofree guint32 *order = NULL;
  g_auto (GStrv) input_names = NULL;
  g_autofree double *mean = NULL;
  g_autofree double *scale = NULL;
  g_auto (Classes) classes = { 0 };
  const char *invalid = NULL;
  Reader r;
  char *line;
  guint n_columns, n_inputs, n_rows = 0, n_train, n_stat;
  guint blank_line = 0;
  gboolean header_numeric = TRUE;
  NsDataset *data;

  g_return_val_if_fail (contents != NULL && contents[length] == '\0', NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (train_ratio >= 0.0 && train_ratio <= 1.0, NULL);
  g_return_val_if_fail (rng != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (contents, length, &invalid))
    {
      guint bad_line = 1;

      for (const char *q = contents; q < invalid; q++)
        bad_line += *q == '\n';
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   "%s:%u: not UTF-8 text (save the file as UTF-8 CSV)", path, bad_line);
      return NULL;
    }

  r.path = path;
  r.p = contents;
  r.end = contents + length;
  r.line = 0;
  if (length >= 3 && memcmp (contents, "\xEF\xBB\xBF", 3) == 0)
    r.p += 3;

  /* The header. */
  if (!reader_next_line (&r, &line) || is_blank (line))
    {
      gboolean more = FALSE;

      while (!more && reader_next_line (&r, &line))
        more = !is_blank (line);
      if (more)
        g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                     "%s:1: expected a header row, got an empty line", path);
      else
        g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                     "%s: empty file, expected a header row", path);
      return NULL;
    }

  cells = g_ptr_array_new ();
  split_cells (line, cells);
  n_columns = cells->len;
  if (n_columns > MAX_COLUMNS)
    {
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_TOO_LARGE,
                   "%s:1: the header has %u columns; at most %u are accepted", path, n_columns,
                   MAX_COLUMNS);
      return NULL;
    }
  if (n_columns < 2)
    {
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                   "%s:1: the header has 1 column; expected at least one input column and the "
                   "label, separated by commas",
                   path);
      return NULL;
    }

  n_inputs = n_columns - 1;
  input_names = g_new0 (char *, n_columns);
  for (guint c = 0; c < n_inputs; c++)
    {
      const char *cell = g_ptr_array_index (cells, c);
      double v;

      header_numeric = header_numeric && parse_number (cell, &v);
      input_names[c] = header_name (cell, c + 1);
    }
  if (header_numeric)
    {
      /* Without this check a file lacking its header would silently lose its first row. */
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                   "%s:1: the first line holds numbers, not column names; expected a header "
                   "row naming the columns",
                   path);
      return NULL;
    }

  /* The rows. */
  raw = g_array_new (FALSE, FALSE, sizeof (double));
  labels = g_array_new (FALSE, FALSE, sizeof (float));
  if (!regression)
    {
      classes.names = g_ptr_array_new_with_free_func (g_free);
      classes.index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      classes.values = g_array_new (FALSE, FALSE, sizeof (gint64));
      classes.all_int = TRUE;
    }

  while (reader_next_line (&r, &line))
    {
      const char *label;
      float y;

      if (is_blank (line))
        {
          /* Fine at the end of the file; an error if a row follows. */
          if (blank_line == 0)
            blank_line = r.line;
          continue;
        }
      if (blank_line != 0)
        {
          g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_RAGGED_ROW,
                       "%s:%u: expected %u cells as in the header, got an empty line", path,
                       blank_line, n_columns);
          return NULL;
        }

      if (n_rows == MAX_ROWS)
        {
          g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_TOO_LARGE,
                       "%s:%u: more than %u rows; at most %u are accepted", path, r.line, MAX_ROWS,
                       MAX_ROWS);
          return NULL;
        }
      if ((guint64) (n_rows + 1) * n_inputs > MAX_CELLS)
        {
          g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_TOO_LARGE,
                       "%s:%u: more than %u numbers; at most %u are accepted", path, r.line,
                       MAX_CELLS, MAX_CELLS);
          return NULL;
        }

      split_cells (line, cells);
      if (cells->len != n_columns)
        {
          g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_RAGGED_ROW,
                       "%s:%u: expected %u cells as in the header, got %u", path, r.line, n_columns,
                       cells->len);
          return NULL;
        }

      for (guint c = 0; c < n_inputs; c++)
        {
          const char *cell = g_ptr_array_index (cells, c);
          double v;

          if (!parse_number (cell, &v))
            {
              set_bad_number (error, &r, c + 1, cell);
              return NULL;
            }
          g_array_append_val (raw, v);
        }

      label = g_ptr_array_index (cells, n_inputs);
      if (regression)
        {
          double v;

          if (!parse_number (label, &v))
            {
              g_autofree char *shown = shown_cell (label);

              g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_LABEL,
                           "%s:%u:%u: expected a number as the label of a regression, got “%s”",
                           path, r.line, n_columns, shown);
              return NULL;
            }
          y = (float) v;
        }
      else
        {
          int k;

          if (*label == '\0')
            {
              g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_LABEL,
                           "%s:%u:%u: expected a class label, got an empty cell", path, r.line,
                           n_columns);
              return NULL;
            }
          k = classes_lookup (&classes, label);
          if (k < 0)
            {
              g_autofree char *shown = shown_cell (label);

              g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_LABEL,
                           "%s:%u:%u: label “%s” would be class number %u; classification "
                           "takes at most %u classes (to predict a number, choose regression)",
                           path, r.line, n_columns, shown, NS_MAX_CLASSES + 1, NS_MAX_CLASSES);
              return NULL;
            }
          y = (float) k;
        }
      g_array_append_val (labels, y);
      n_rows++;
    }

  if (n_rows == 0)
    {
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY, "%s: no data rows after the header",
                   path);
      return NULL;
    }

  if (!regression && classes.names->len < 2)
    {
      g_autofree char *shown = shown_cell (g_ptr_array_index (classes.names, 0));

      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_LABEL,
                   "%s: every row has the label “%s”; classification needs at least two classes",
                   path, shown);
      return NULL;
    }

  /* The split, then the training rows' statistics (all rows' if there are no training rows). */
  order = ns_dataset_split_order (n_rows, train_ratio, rng, &n_train);
  if (n_train == 0 && train_ratio > 0)
    {
      /* Nothing to train on: a network could never take a step. */
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                   "%s: %u data row%s leave%s no training row after the split; expected more "
                   "rows",
                   path, n_rows, n_rows == 1 ? "" : "s", n_rows == 1 ? "s" : "");
      return NULL;
    }
  n_stat = n_train > 0 ? n_train : n_rows;
  mean = g_new (double, n_inputs);
  scale = g_new (double, n_inputs);
  for (guint c = 0; c < n_inputs; c++)
    {
      const double *v = (const double *) (void *) raw->data;
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, sum = 0, ss = 0;

      for (guint i = 0; i < n_stat; i++)
        {
          double x = v[(gsize) order[i] * n_inputs + c];

          lo = MIN (lo, x);
          hi = MAX (hi, x);
          sum += x;
        }
      mean[c] = sum / n_stat;
      for (guint i = 0; i < n_stat; i++)
        {
          double d = v[(gsize) order[i] * n_inputs + c] - mean[c];

          ss += d * d;
        }
      scale[c] = sqrt (ss / n_stat);

      if (!standardise)
        {
          mean[c] = 0.0;
          scale[c] = 1.0;
        }
      /* A constant column is only shifted (to exactly 0, not to rounding noise). */
      else if (lo == hi || !(scale[c] > 0))
        {
          mean[c] = lo;
          scale[c] = 1.0;
        }
    }

  basename = g_path_get_basename (path);
  data = ns_dataset_alloc (basename, n_inputs, regression ? 0 : classes.names->len, n_train,
                           n_rows - n_train);
  g_strfreev (data->input_names);
  data->input_names = g_steal_pointer (&input_names);
  memcpy (data->mean, mean, sizeof (double) * n_inputs);
  memcpy (data->scale, scale, sizeof (double) * n_inputs);

  {
    const double *v = (const double *) (void *) raw->data;
    const float *ly = (const float *) (void *) labels->data;
    guint remap[NS_MAX_CLASSES];
    double lo[2] = { G_MAXDOUBLE, G_MAXDOUBLE }, hi[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };

    if (!regression)
      {
        g_strfreev (data->class_names);
        data->class_names = classes_finish (&classes, remap);
      }

    for (guint i = 0; i < n_rows; i++)
      {
        guint src = order[i];
        float *dx = i < n_train ? data->train_x + (gsize) i * n_inputs
                                : data->test_x + (gsize) (i - n_train) * n_inputs;
        float *dy = i < n_train ? data->train_y + i : data->test_y + (i - n_train);

        for (guint c = 0; c < n_inputs; c++)
          {
            float x = (float) ((v[(gsize) src * n_inputs + c] - mean[c]) / scale[c]);

            dx[c] = x;
            if (c < 2)
              {
                lo[c] = MIN (lo[c], x);
                hi[c] = MAX (hi[c], x);
              }
          }
        *dy = regression ? ly[src] : (float) remap[(guint) ly[src]];
      }

    /* The plane: the data's range plus 10% each side (one input: the same range twice). */
    if (n_inputs == 1)
      {
        lo[1] = lo[0];
        hi[1] = hi[0];
      }
    for (guint c = 0; c < 2; c++)
      {
        double pad = hi[c] > lo[c] ? 0.1 * (hi[c] - lo[c]) : 1.0;

        lo[c] -= pad;
        hi[c] += pad;
      }
    data->x_min = lo[0];
    data->x_max = hi[0];
    data->y_min = lo[1];
    data->y_max = hi[1];
  }

  return data;
}
