/* ns-features.h: the input transforms of 2D data (the Playground's seven, plus cos, r, angle).
 *
 * A feature set is a bit mask over NsFeature. Transforms use the engine's own sin/cos/atan2
 * (nn-math.h), so features are the same on every machine.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  NS_FEATURE_X1,
  NS_FEATURE_X2,
  NS_FEATURE_X1SQ,
  NS_FEATURE_X2SQ,
  NS_FEATURE_X1X2,
  NS_FEATURE_SINX1,
  NS_FEATURE_SINX2,
  NS_FEATURE_COSX1,
  NS_FEATURE_COSX2,
  NS_FEATURE_R,     /* sqrt(x1^2 + x2^2) */
  NS_FEATURE_ANGLE, /* atan2(x2, x1) */
  NS_N_FEATURES
} NsFeature;

#define NS_FEATURES_DEFAULT ((1u << NS_FEATURE_X1) | (1u << NS_FEATURE_X2))

const char *ns_feature_name (NsFeature feature);  /* "x1sq" (command line and JSON) */
const char *ns_feature_label (NsFeature feature); /* "X₁²" (on screen) */
int ns_feature_from_name (const char *name);      /* -1 if unknown */

/* Parses "x1,x2,sinx1" into a mask; FALSE with a message naming the bad word. */
gboolean ns_features_parse (const char *list, guint *mask, GError **error);
/* The parser behind ns_features_parse and ns_hand_features_parse: a comma list of names, each
 * turned into a bit by @from_name (-1 if unknown); errors say "Unknown @what “x”; expected a
 * comma-separated list of: @allowed". */
gboolean ns_name_list_parse (const char *list,
                             const char *what,
                             int (*from_name) (const char *name),
                             const char *allowed,
                             guint *mask,
                             GError **error);
/* "x1,x2,sinx1" (caller frees). */
char *ns_features_to_string (guint mask);
guint ns_features_count (guint mask);

double ns_feature_eval (NsFeature feature, double x1, double x2);

/* Fills out (input-major: out[k * n + s], k over the mask's set bits in NsFeature order) with
 * the features of n points given row-major as xy[2 * s], xy[2 * s + 1]. */
void ns_features_compute (guint mask, const float *xy, size_t n, float *out);

G_END_DECLS
