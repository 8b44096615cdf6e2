/* ns-lesson-private.h: what the lesson reader's files share: the setup words (ns-lesson-setup.c,
 * used by the parser to check every setup when the file is read) and the prose as Pango markup
 * (ns-lesson-markup.c). */
#pragma once

#include <cmark.h>

#include "ns-lesson.h"

G_BEGIN_DECLS

/* Sets @error to NS_LESSON_ERROR @code "PATH:LINE: message"; returns FALSE. */
gboolean ns_lesson_set_error (GError **error,
                              NsLessonError code,
                              const char *path,
                              guint line,
                              const char *format,
                              ...) G_GNUC_PRINTF (5, 6);

/* A `weight L J I VALUE` line (I = the layer's fan-in for `bias`). */
typedef struct
{
  guint layer, j, i;
  gboolean bias;
  float value;
  guint line;
} NsLessonWeight;

/* What setups add up to besides the config's options. */
typedef struct
{
  GArray *train_xy;      /* double pairs of `points` */
  GArray *train_classes; /* guint */
  GArray *test_xy;       /* double pairs of `test-points` */
  GArray *test_classes;  /* guint */
  guint points_line;     /* the first points line, for messages (0: none) */
  char **class_names;    /* `classes`, or NULL */
  GArray *weights;       /* NsLessonWeight, in order */
  guint epochs;          /* --epochs of the step's own setup or solution; 0 = none */
  guint epochs_line;
} NsLessonSetup;

void ns_lesson_setup_init (NsLessonSetup *setup);
void ns_lesson_setup_clear (NsLessonSetup *setup);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NsLessonSetup, ns_lesson_setup_clear)

/* Applies the words of one setup or solution block (@text, whose first line is file line
 * @first_line of @path) to @config and @setup; --data relative to @path's folder; --epochs
 * kept only when @own (the step's own block). FALSE with NS_LESSON_ERROR_PARSE
 * "PATH:LINE: …". */
gboolean ns_lesson_apply_block (const char *path,
                                const char *text,
                                guint first_line,
                                gboolean own,
                                NsConfig *config,
                                NsLessonSetup *setup,
                                GError **error);

/* Appends block @node (a paragraph, list, heading, code…) as Pango markup; nested lists
 * indented by @depth. */
void ns_lesson_markup_block (GString *out, cmark_node *node, guint depth);
/* The text of a heading's inlines, without markup. */
char *ns_lesson_plain_text (cmark_node *node);

G_END_DECLS
