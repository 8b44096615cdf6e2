/* ns-json-reader.c: typed reads of JSON members, each error naming the file, the member's path
 * and what was expected; and the look at the text before json-glib parses it. */
#include "config.h"

#include "ns-json-reader.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "ns-experiment.h"

#define MAX_JSON_VALUES NS_JSON_MAX_VALUES
#define MAX_JSON_DEPTH 32 /* the format needs 4 */

gboolean
ns_json_fail (NsJsonReader *r, const char *where, const char *name, const char *expected)
{
  g_set_error (r->error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
               "%s: %s%s%s: expected %s", r->file, where, *where ? "." : "", name, expected);
  return FALSE;
}

JsonNode *
ns_json_member (NsJsonReader *r,
                JsonObject *obj,
                const char *where,
                const char *name,
                const char *expected)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    {
      g_autofree char *missing = g_strdup_printf ("%s, but it is missing", expected);
      ns_json_fail (r, where, name, missing);
    }
  return node;
}

gboolean
ns_json_node_number (JsonNode *node, double *out)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);
      if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
        {
          *out = json_node_get_double (node);
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);
          if (g_strcmp0 (s, "nan") == 0)
            *out = NAN;
          else if (g_strcmp0 (s, "-nan") == 0)
            *out = -NAN; /* x86's default NaN has the sign bit set: keep it, bit for bit */
          else if (g_strcmp0 (s, "inf") == 0)
            *out = INFINITY;
          else if (g_strcmp0 (s, "-inf") == 0)
            *out = -INFINITY;
          else
            return FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
ns_json_read_double (NsJsonReader *r,
                     JsonObject *obj,
                     const char *where,
                     const char *name,
                     double *out)
{
  JsonNode *node = ns_json_member (r, obj, where, name, "a number");

  if (node == NULL)
    return FALSE;
  if (!ns_json_node_number (node, out))
    return ns_json_fail (r, where, name, "a number (or \"nan\", \"inf\", \"-inf\")");
  return TRUE;
}

gboolean
ns_json_read_float (NsJsonReader *r,
                    JsonObject *obj,
                    const char *where,
                    const char *name,
                    float *out)
{
  double x;

  if (!ns_json_read_double (r, obj, where, name, &x))
    return FALSE;
  *out = (float) x;
  return TRUE;
}

gboolean
ns_json_read_uint (NsJsonReader *r,
                   JsonObject *obj,
                   const char *where,
                   const char *name,
                   guint64 lo,
                   guint64 hi,
                   guint64 *out)
{
  JsonNode *node = ns_json_member (r, obj, where, name, "a whole number");
  g_autofree char *expected =
      g_strdup_printf ("a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT, lo, hi);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);
      if (v >= 0 && (guint64) v >= lo && (guint64) v <= hi)
        {
          *out = (guint64) v;
          return TRUE;
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           && g_ascii_string_to_unsigned (json_node_get_string (node), 10, lo, hi, out, NULL))
    return TRUE;
  return ns_json_fail (r, where, name, expected);
}

gboolean
ns_json_read_guint (NsJsonReader *r,
                    JsonObject *obj,
                    const char *where,
                    const char *name,
                    guint lo,
                    guint hi,
                    guint *out)
{
  guint64 v;

  if (!ns_json_read_uint (r, obj, where, name, lo, hi, &v))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

const char *
ns_json_read_string (NsJsonReader *r,
                     JsonObject *obj,
                     const char *where,
                     const char *name,
                     gboolean nullable)
{
  JsonNode *node = ns_json_member (r, obj, where, name, "a string");

  if (node == NULL)
    return NULL;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    return "";
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      ns_json_fail (r, where, name, "a string");
      return NULL;
    }
  return json_node_get_string (node);
}

JsonObject *
ns_json_read_object (NsJsonReader *r, JsonObject *obj, const char *where, const char *name)
{
  JsonNode *node = ns_json_member (r, obj, where, name, "an object");

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ns_json_fail (r, where, name, "an object");
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
ns_json_read_array (NsJsonReader *r,
                    JsonObject *obj,
                    const char *where,
                    const char *name,
                    size_t length,
                    gboolean check_length)
{
  JsonNode *node = ns_json_member (r, obj, where, name, "an array");
  JsonArray *array;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ns_json_fail (r, where, name, "an array");
      return NULL;
    }
  array = json_node_get_array (node);
  if (check_length && json_array_get_length (array) != length)
    {
      g_autofree char *expected =
          g_strdup_printf ("an array of %" G_GSIZE_FORMAT " entries, found %u", length,
                           json_array_get_length (array));
      ns_json_fail (r, where, name, expected);
      return NULL;
    }
  return array;
}

/* The entries of @array (of length @n, checked) as floats; @finite refuses "nan" and "inf". */
gboolean
ns_json_array_floats (NsJsonReader *r,
                      JsonArray *array,
                      const char *where,
                      const char *name,
                      float *out,
                      size_t n,
                      gboolean finite)
{
  g_assert (json_array_get_length (array) == n);
  for (size_t k = 0; k < n; k++)
    {
      double x;
      if (!ns_json_node_number (json_array_get_element (array, (guint) k), &x)
          || (finite && !(isfinite (x) && fabs (x) <= FLT_MAX)))
        {
          g_autofree char *at = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", name, k);
          return ns_json_fail (r, where, at,
                               finite ? "a finite number within float range" : "a number");
        }
      out[k] = (float) x;
    }
  return TRUE;
}

gboolean
ns_json_read_floats (NsJsonReader *r,
                     JsonObject *obj,
                     const char *where,
                     const char *name,
                     float *out,
                     size_t n)
{
  JsonArray *array = ns_json_read_array (r, obj, where, name, n, TRUE);

  return array != NULL && ns_json_array_floats (r, array, where, name, out, n, FALSE);
}

gboolean
ns_json_read_doubles (NsJsonReader *r,
                      JsonObject *obj,
                      const char *where,
                      const char *name,
                      double *out,
                      size_t n)
{
  JsonArray *array = ns_json_read_array (r, obj, where, name, n, TRUE);

  if (array == NULL)
    return FALSE;
  for (size_t k = 0; k < n; k++)
    if (!ns_json_node_number (json_array_get_element (array, (guint) k), &out[k]))
      {
        g_autofree char *at = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", name, k);
        return ns_json_fail (r, where, at, "a number");
      }
  return TRUE;
}

char **
ns_json_read_strv (NsJsonReader *r, JsonObject *obj, const char *where, const char *name, guint n)
{
  JsonArray *array = ns_json_read_array (r, obj, where, name, n, TRUE);
  g_auto (GStrv) strv = NULL;

  if (array == NULL)
    return NULL;
  strv = g_new0 (char *, n + 1);
  for (guint k = 0; k < n; k++)
    {
      JsonNode *node = json_array_get_element (array, k);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *at = g_strdup_printf ("%s[%u]", name, k);
          ns_json_fail (r, where, at, "a string");
          return NULL;
        }
      strv[k] = g_strdup (json_node_get_string (node));
    }
  return g_steal_pointer (&strv);
}

/* A name from a closed list, through a from_name function. */
gboolean
ns_json_read_enum (NsJsonReader *r,
                   JsonObject *obj,
                   const char *where,
                   const char *name,
                   int (*from_name) (const char *),
                   const char *allowed,
                   int *out)
{
  const char *s = ns_json_read_string (r, obj, where, name, FALSE);

  if (s == NULL)
    return FALSE;
  *out = from_name (s);
  if (*out < 0)
    return ns_json_fail (r, where, name, allowed);
  return TRUE;
}

/* An integer token beyond gint64, which json-glib 1.6 would wrap round (-2^64+4 reads as 4). */
static gboolean
integer_out_of_range (const char *token, gsize len)
{
  gboolean negative = token[0] == '-';
  const char *digits = token + negative;
  gsize n = len - negative;

  while (n > 1 && digits[0] == '0')
    {
      digits++;
      n--;
    }
  if (n != 19)
    return n > 19;
  return memcmp (digits, negative ? "9223372036854775808" : "9223372036854775807", 19) > 0;
}

/* Looks at the text before json-glib does and returns what it may parse (or NULL and an error):
 * - nesting deeper than MAX_JSON_DEPTH is refused (json-glib 1.6 recurses: 100,000 nested
 *   arrays overflow the stack), and so are more than MAX_JSON_VALUES values, so that the memory
 *   the parse takes is bounded by the file's size;
 * - an integer beyond gint64 becomes a float (".0" appended): the field's own check then refuses
 *   it by name, where json-glib would have wrapped it round;
 * - `1e+20.0`, which json-glib 1.6 itself wrote for some doubles and cannot read, loses its
 *   ".0", so files saved before the writer was fixed still load. */
char *
ns_json_prepare_text (NsJsonReader *r, const char *text)
{
  g_autoptr (GString) out = g_string_sized_new (strlen (text) + 64);
  const char *p = text;
  gsize values = 0;
  guint depth = 0, line = 1;

  while (*p != '\0')
    {
      char c = *p;

      if (c == '"')
        {
          const char *q = p + 1;

          while (*q != '\0' && *q != '"')
            {
              if (*q == '\\' && q[1] != '\0')
                q++;
              line += *q == '\n';
              q++;
            }
          if (*q == '"')
            q++;
          g_string_append_len (out, p, q - p);
          p = q;
          values++;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          const char *q = p + 1;
          const char *dot = NULL, *exp = NULL;
          gsize len;

          while (*q != '\0' && (g_ascii_isdigit (*q) || strchr ("+-.eE", *q) != NULL))
            {
              if (*q == '.' && dot == NULL)
                dot = q;
              if ((*q == 'e' || *q == 'E') && exp == NULL)
                exp = q;
              q++;
            }
          len = q - p;
          if (dot == NULL && exp == NULL && integer_out_of_range (p, len))
            {
              g_string_append_len (out, p, len);
              g_string_append (out, ".0");
            }
          else if (exp != NULL && dot != NULL && dot > exp && q - dot == 2 && dot[1] == '0')
            g_string_append_len (out, p, dot - p);
          else
            g_string_append_len (out, p, len);
          p = q;
          values++;
        }
      else
        {
          if (c == '[' || c == '{')
            {
              if (++depth > MAX_JSON_DEPTH)
                {
                  g_set_error (r->error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_PARSE,
                               "%s:%u: not a saved experiment: arrays and objects nested more "
                               "than %d deep",
                               r->file, line, MAX_JSON_DEPTH);
                  return NULL;
                }
              values++;
            }
          else if ((c == ']' || c == '}') && depth > 0)
            depth--;
          else if (c == 't' || c == 'f' || c == 'n')
            values++;
          line += c == '\n';
          g_string_append_c (out, c);
          p++;
        }
      if (values > MAX_JSON_VALUES)
        {
          g_set_error (
              r->error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_PARSE,
              "%s:%u: not a saved experiment this Neuroscope reads: more than %" G_GSIZE_FORMAT
              " values",
              r->file, line, MAX_JSON_VALUES);
          return NULL;
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
ns_json_parse_error_split (const char *message, char **where)
{
  static const char data_prefix[] = "<data>:";
  static const char parse_prefix[] = "Parse error: ";
  const char *p = message;
  const char *problem = message;

  g_return_val_if_fail (message != NULL && where != NULL, message);

  *where = g_strdup ("");
  if (g_str_has_prefix (p, data_prefix))
    {
      /* LINE:COLUMN: after the prefix, both whole numbers. */
      const char *start = p + strlen (data_prefix) - 1;
      const char *q = start + 1;

      for (int part = 0; part < 2; part++)
        {
          if (!g_ascii_isdigit (*q))
            break;
          while (g_ascii_isdigit (*q))
            q++;
          if (*q != ':')
            break;
          if (part == 1 && q[1] == ' ')
            {
              g_free (*where);
              *where = g_strndup (start, (gsize) (q - start));
              problem = q + 2;
            }
          q++;
        }
    }
  if (g_str_has_prefix (problem, parse_prefix))
    problem += strlen (parse_prefix);
  return problem;
}
