/* test-data-features.c: names, parsing and values of the 2D input features. */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "ns-features.h"

#define ALL ((1u << NS_N_FEATURES) - 1)

static void
test_names (void)
{
  static const char *names[] = { "x1",    "x2",    "x1sq",  "x2sq", "x1x2", "sinx1",
                                 "sinx2", "cosx1", "cosx2", "r",    "angle" };
  static const char *labels[] = { "X₁",      "X₂",      "X₁²",     "X₂²", "X₁X₂", "sin(X₁)",
                                  "sin(X₂)", "cos(X₁)", "cos(X₂)", "r",   "θ" };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == NS_N_FEATURES);

  for (int f = 0; f < NS_N_FEATURES; f++)
    {
      g_assert_cmpstr (ns_feature_name (f), ==, names[f]);
      g_assert_cmpstr (ns_feature_label (f), ==, labels[f]);
      g_assert_true (g_utf8_validate (ns_feature_label (f), -1, NULL));
      g_assert_cmpint (ns_feature_from_name (names[f]), ==, f);
    }
  g_assert_cmpint (ns_feature_from_name ("X1"), ==, -1);
  g_assert_cmpint (ns_feature_from_name ("sin"), ==, -1);
  g_assert_cmpint (ns_feature_from_name (""), ==, -1);
}

static void
test_eval (void)
{
  const double eps = 1e-12;

  /* (3, 4): the 3-4-5 triangle. */
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_X1, 3, 4), ==, 3);
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_X2, 3, 4), ==, 4);
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_X1SQ, 3, 4), ==, 9);
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_X2SQ, 3, 4), ==, 16);
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_X1X2, 3, 4), ==, 12);
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_X1X2, -3, 4), ==, -12);
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_R, 3, 4), ==, 5);
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_R, -3, -4), ==, 5);
  g_assert_cmpfloat (ns_feature_eval (NS_FEATURE_R, 0, 0), ==, 0);
  /* atan2(4, 3) = the 3-4-5 triangle's angle, asin(0.8). */
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_ANGLE, 3, 4), 0.9272952180016122,
                                  eps);

  /* Angles on the axes, measured from +x1 towards +x2, in (-π, π]. */
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_ANGLE, 1, 0), 0, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_ANGLE, 0, 2), G_PI / 2, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_ANGLE, -1, 0), G_PI, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_ANGLE, 0, -2), -G_PI / 2, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_ANGLE, -1, -1), -3 * G_PI / 4, eps);

  /* sin and cos of each coordinate, on the other coordinate's known angles. */
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_SINX1, G_PI / 6, 0), 0.5, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_SINX2, 0, G_PI / 6), 0.5, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_SINX1, -G_PI / 2, 1), -1, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_COSX1, G_PI / 3, 0), 0.5, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_COSX2, 7, G_PI), -1, eps);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_COSX2, 7, 0), 1, eps);
  /* Far out in the plane too (the Playground's ±6, and beyond). */
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_SINX1, 6, 0), sin (6.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_COSX2, 0, -5.5), cos (-5.5), 1e-12);
  g_assert_cmpfloat_with_epsilon (ns_feature_eval (NS_FEATURE_SINX2, 0, 100), sin (100.0), 1e-10);
}

static void
test_parse (void)
{
  g_autoptr (GError) error = NULL;
  guint mask = 12345;

  g_assert_true (ns_features_parse ("x1,x2,sinx1", &mask, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mask, ==,
                    (1u << NS_FEATURE_X1) | (1u << NS_FEATURE_X2) | (1u << NS_FEATURE_SINX1));

  g_assert_true (ns_features_parse ("x1,x2", &mask, &error));
  g_assert_cmpuint (mask, ==, NS_FEATURES_DEFAULT);

  /* Spaces around words, any order, repeats. */
  g_assert_true (ns_features_parse (" angle , r,x1x2,r", &mask, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mask, ==,
                    (1u << NS_FEATURE_ANGLE) | (1u << NS_FEATURE_R) | (1u << NS_FEATURE_X1X2));
}

static void
test_parse_errors (void)
{
  static const char *bad[] = { "x1,sinx3,x2", "x1,,x2", "", "x1,", "X1", "x1 x2" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      guint mask = 777;

      g_assert_false (ns_features_parse (bad[i], &mask, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_cmpuint (mask, ==, 777);
      /* The message lists what is allowed. */
      g_assert_nonnull (strstr (error->message, "x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2, "
                                                "cosx1, cosx2, r, angle"));
      g_test_message ("%s -> %s", bad[i], error->message);
    }

  {
    g_autoptr (GError) error = NULL;
    guint mask;

    g_assert_false (ns_features_parse ("x1,sinx3,x2", &mask, &error));
    g_assert_nonnull (strstr (error->message, "“sinx3”"));
    g_clear_error (&error);
    g_assert_false (ns_features_parse ("x1 x2", &mask, &error));
    g_assert_nonnull (strstr (error->message, "“x1 x2”"));
    g_clear_error (&error);
    /* A bad word that is not UTF-8 still makes a valid message. */
    g_assert_false (ns_features_parse ("x1,\xff", &mask, &error));
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }
}

static void
test_round_trip (void)
{
  for (guint mask = 1; mask <= ALL; mask++)
    {
      g_autofree char *s = ns_features_to_string (mask);
      g_autoptr (GError) error = NULL;
      guint back = 0;

      g_assert_true (ns_features_parse (s, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (back, ==, mask);
      g_assert_cmpuint (ns_features_count (mask), ==, (guint) __builtin_popcount (mask));
    }

  {
    g_autofree char *s = ns_features_to_string ((1u << NS_FEATURE_ANGLE) | (1u << NS_FEATURE_X1)
                                                | (1u << NS_FEATURE_COSX2));
    g_autofree char *d = ns_features_to_string (NS_FEATURES_DEFAULT);
    g_autofree char *e = ns_features_to_string (0);

    g_assert_cmpstr (s, ==, "x1,cosx2,angle");
    g_assert_cmpstr (d, ==, "x1,x2");
    g_assert_cmpstr (e, ==, "");
  }
  g_assert_cmpuint (ns_features_count (0), ==, 0);
  g_assert_cmpuint (ns_features_count (ALL), ==, NS_N_FEATURES);
}

static void
test_compute (void)
{
  const float xy[] = { 3, 4, -1, 0, 0.5f, -2 };
  const size_t n = 3;
  guint mask = (1u << NS_FEATURE_X2) | (1u << NS_FEATURE_X1SQ) | (1u << NS_FEATURE_R)
               | (1u << NS_FEATURE_ANGLE);
  float out[4 * 3 + 1];
  const float want[4 * 3] = {
    4,
    0,
    -2, /* x2 */
    9,
    1,
    0.25f, /* x1sq */
    5,
    1,
    (float) sqrt (4.25), /* r */
    0.92729522f,
    (float) G_PI,
    -1.32581766f, /* angle = atan2 (x2, x1) */
  };

  out[12] = 42; /* a guard: nothing is written past the features */
  ns_features_compute (mask, xy, n, out);
  for (guint i = 0; i < 12; i++)
    g_assert_cmpfloat_with_epsilon (out[i], want[i], 1e-6);
  g_assert_cmpfloat (out[12], ==, 42);

  /* Every feature over many points agrees with ns_feature_eval, in the same layout. */
  {
    enum
    {
      N = 101
    };
    g_autofree float *pts = g_new (float, 2 * N);
    g_autofree float *all = g_new (float, NS_N_FEATURES *N);

    for (guint s = 0; s < N; s++)
      {
        pts[2 * s] = -6.0f + 12.0f * s / (N - 1);
        pts[2 * s + 1] = 5.0f - 0.1f * s;
      }
    ns_features_compute (ALL, pts, N, all);
    for (guint k = 0; k < NS_N_FEATURES; k++)
      for (guint s = 0; s < N; s++)
        g_assert_cmpfloat (all[k * N + s], ==,
                           (float) ns_feature_eval (k, pts[2 * s], pts[2 * s + 1]));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/features/names", test_names);
  g_test_add_func ("/data/features/eval", test_eval);
  g_test_add_func ("/data/features/parse", test_parse);
  g_test_add_func ("/data/features/parse-errors", test_parse_errors);
  g_test_add_func ("/data/features/round-trip", test_round_trip);
  g_test_add_func ("/data/features/compute", test_compute);

  return g_test_run ();
}
