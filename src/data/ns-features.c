/* ns-features.c: the hand-crafted input features of 2D data. */

#include "ns-features.h"

#include <math.h>
#include <string.h>

#include "nn-math.h"

static const char *const feature_names[NS_N_FEATURES] = {
  [NS_FEATURE_X1] = "x1",       [NS_FEATURE_X2] = "x2",       [NS_FEATURE_X1SQ] = "x1sq",
  [NS_FEATURE_X2SQ] = "x2sq",   [NS_FEATURE_X1X2] = "x1x2",   [NS_FEATURE_SINX1] = "sinx1",
  [NS_FEATURE_SINX2] = "sinx2", [NS_FEATURE_COSX1] = "cosx1", [NS_FEATURE_COSX2] = "cosx2",
  [NS_FEATURE_R] = "r",         [NS_FEATURE_ANGLE] = "angle",
};

static const char *const feature_labels[NS_N_FEATURES] = {
  [NS_FEATURE_X1] = "X₁",         [NS_FEATURE_X2] = "X₂",         [NS_FEATURE_X1SQ] = "X₁²",
  [NS_FEATURE_X2SQ] = "X₂²",      [NS_FEATURE_X1X2] = "X₁X₂",     [NS_FEATURE_SINX1] = "sin(X₁)",
  [NS_FEATURE_SINX2] = "sin(X₂)", [NS_FEATURE_COSX1] = "cos(X₁)", [NS_FEATURE_COSX2] = "cos(X₂)",
  [NS_FEATURE_R] = "r",           [NS_FEATURE_ANGLE] = "θ",
};

#define ALL_FEATURES ((1u << NS_N_FEATURES) - 1)

const char *
ns_feature_name (NsFeature feature)
{
  g_return_val_if_fail (feature < NS_N_FEATURES, NULL);

  return feature_names[feature];
}

const char *
ns_feature_label (NsFeature feature)
{
  g_return_val_if_fail (feature < NS_N_FEATURES, NULL);

  return feature_labels[feature];
}

int
ns_feature_from_name (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (int f = 0; f < NS_N_FEATURES; f++)
    {
      if (strcmp (name, feature_names[f]) == 0)
        return f;
    }

  return -1;
}

static char *
allowed_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint f = 0; f < NS_N_FEATURES; f++)
    {
      if (f > 0)
        g_string_append (s, ", ");
      g_string_append (s, feature_names[f]);
    }

  return g_string_free (s, FALSE);
}

gboolean
ns_name_list_parse (const char *list,
                    const char *what,
                    int (*from_name) (const char *name),
                    const char *allowed,
                    guint *mask,
                    GError **error)
{
  g_auto (GStrv) words = NULL;
  guint result = 0;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (mask != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  words = g_strsplit (list, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = g_strstrip (words[i]);
      int f = from_name (word);

      if (f < 0)
        {
          g_autofree char *shown = g_utf8_make_valid (word, -1);
          g_autofree char *shown_list = g_utf8_make_valid (list, -1);

          if (*word == '\0')
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "Empty %s name in “%s”; expected a comma-separated list of: %s", what,
                         shown_list, allowed);
          else
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "Unknown %s “%s”; expected a comma-separated list of: %s", what, shown,
                         allowed);
          return FALSE;
        }
      result |= 1u << f;
    }

  if (result == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "No %ss given; expected a comma-separated list of: %s", what, allowed);
      return FALSE;
    }

  *mask = result;
  return TRUE;
}

gboolean
ns_features_parse (const char *list, guint *mask, GError **error)
{
  g_autofree char *allowed = allowed_names ();

  return ns_name_list_parse (list, "feature", ns_feature_from_name, allowed, mask, error);
}

char *
ns_features_to_string (guint mask)
{
  GString *s;

  g_return_val_if_fail ((mask & ~ALL_FEATURES) == 0, NULL);

  s = g_string_new (NULL);

  for (guint f = 0; f < NS_N_FEATURES; f++)
    {
      if ((mask & (1u << f)) == 0)
        continue;
      if (s->len > 0)
        g_string_append_c (s, ',');
      g_string_append (s, feature_names[f]);
    }

  return g_string_free (s, FALSE);
}

guint
ns_features_count (guint mask)
{
  return (guint) __builtin_popcount (mask & ALL_FEATURES);
}

double
ns_feature_eval (NsFeature feature, double x1, double x2)
{
  switch (feature)
    {
    case NS_FEATURE_X1:
      return x1;
    case NS_FEATURE_X2:
      return x2;
    case NS_FEATURE_X1SQ:
      return x1 * x1;
    case NS_FEATURE_X2SQ:
      return x2 * x2;
    case NS_FEATURE_X1X2:
      return x1 * x2;
    case NS_FEATURE_SINX1:
      return nn_sin (x1);
    case NS_FEATURE_SINX2:
      return nn_sin (x2);
    case NS_FEATURE_COSX1:
      return nn_cos (x1);
    case NS_FEATURE_COSX2:
      return nn_cos (x2);
    case NS_FEATURE_R:
      return sqrt (x1 * x1 + x2 * x2);
    case NS_FEATURE_ANGLE:
      return nn_atan2 (x2, x1);
    case NS_N_FEATURES:
    default:
      break;
    }

  g_return_val_if_reached (0.0);
}

void
ns_features_compute (guint mask, const float *xy, size_t n, float *out)
{
  size_t k = 0;

  g_return_if_fail ((mask & ~ALL_FEATURES) == 0);
  g_return_if_fail (n == 0 || (xy != NULL && out != NULL));

  for (guint f = 0; f < NS_N_FEATURES; f++)
    {
      float *row;

      if ((mask & (1u << f)) == 0)
        continue;

      row = out + k * n;
      for (size_t s = 0; s < n; s++)
        row[s] = (float) ns_feature_eval (f, xy[2 * s], xy[2 * s + 1]);
      k++;
    }
}
