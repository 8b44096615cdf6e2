/* ns-json-reader.h: reading JSON members with errors that name the file, the member's path and
 * what was expected ("run.json: config.hidden[1]: expected a layer width"), and a look at the
 * text before json-glib parses it, so that a file cannot make the parse cost more than its size
 * says. Used by the experiment's loader (ns-experiment-json-read.c). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The most values (numbers, strings, …) a file may hold: json-glib keeps ~100 bytes per value. */
#define NS_JSON_MAX_VALUES ((gsize) 1 << 24)

typedef struct
{
  const char *file; /* for messages */
  GError **error;
} NsJsonReader;

/* Sets the reader's error: "FILE: where.name: expected EXPECTED". Returns FALSE. */
gboolean ns_json_fail (NsJsonReader *r, const char *where, const char *name, const char *expected);
/* Member @name of @obj, or NULL and the error "expected EXPECTED, but it is missing". */
JsonNode *ns_json_member (NsJsonReader *r,
                          JsonObject *obj,
                          const char *where,
                          const char *name,
                          const char *expected);
/* A number node, or one of the strings "nan", "inf", "-inf" that the writer uses for them. */
gboolean ns_json_node_number (JsonNode *node, double *out);

/* Each read_* looks up member @name of @obj (at path @where) and checks its type (and range);
 * on failure it sets the reader's error, naming "where.name", and returns FALSE or NULL. */
gboolean ns_json_read_double (NsJsonReader *r,
                              JsonObject *obj,
                              const char *where,
                              const char *name,
                              double *out);
gboolean ns_json_read_float (NsJsonReader *r,
                             JsonObject *obj,
                             const char *where,
                             const char *name,
                             float *out);
/* A whole number from @lo to @hi (64-bit ones may be written as strings). */
gboolean ns_json_read_uint (NsJsonReader *r,
                            JsonObject *obj,
                            const char *where,
                            const char *name,
                            guint64 lo,
                            guint64 hi,
                            guint64 *out);
gboolean ns_json_read_guint (NsJsonReader *r,
                             JsonObject *obj,
                             const char *where,
                             const char *name,
                             guint lo,
                             guint hi,
                             guint *out);
/* A string (or null when @nullable: NULL then, with no error). */
const char *ns_json_read_string (NsJsonReader *r,
                                 JsonObject *obj,
                                 const char *where,
                                 const char *name,
                                 gboolean nullable);
JsonObject *
ns_json_read_object (NsJsonReader *r, JsonObject *obj, const char *where, const char *name);
/* An array, of exactly @length entries when @check_length. */
JsonArray *ns_json_read_array (NsJsonReader *r,
                               JsonObject *obj,
                               const char *where,
                               const char *name,
                               size_t length,
                               gboolean check_length);
/* The entries of @array (of length @n, checked) as floats; @finite refuses "nan" and "inf". */
gboolean ns_json_array_floats (NsJsonReader *r,
                               JsonArray *array,
                               const char *where,
                               const char *name,
                               float *out,
                               size_t n,
                               gboolean finite);
gboolean ns_json_read_floats (NsJsonReader *r,
                              JsonObject *obj,
                              const char *where,
                              const char *name,
                              float *out,
                              size_t n);
gboolean ns_json_read_doubles (NsJsonReader *r,
                               JsonObject *obj,
                               const char *where,
                               const char *name,
                               double *out,
                               size_t n);
/* @n strings (a NULL-terminated array to free with g_strfreev). */
char **
ns_json_read_strv (NsJsonReader *r, JsonObject *obj, const char *where, const char *name, guint n);
/* A name from a closed list through @from_name (-1 when unknown); @allowed lists them. */
gboolean ns_json_read_enum (NsJsonReader *r,
                            JsonObject *obj,
                            const char *where,
                            const char *name,
                            int (*from_name) (const char *),
                            const char *allowed,
                            int *out);

/* The text json-glib may parse, or NULL and an error naming the line: nesting and the number of
 * values are bounded, integers beyond gint64 become floats (so a field's range check refuses
 * them instead of json-glib wrapping them round), and json-glib 1.6's unreadable `1e+20.0` loses
 * its ".0" (see the .c for the details). Free with g_free. */
char *ns_json_prepare_text (NsJsonReader *r, const char *text);

/* json-glib's parse error ("<data>:3:14: Parse error: unexpected character `x'") taken apart,
 * so that a message names the file rather than "<data>": *where gets ":3:14" (or "" when the
 * message has no position; free it) and the problem is returned, pointing into @message. */
const char *ns_json_parse_error_split (const char *message, char **where);

G_END_DECLS
