/* test-engine-math.c: the engine's own elementary functions against glibc's.
 *
 * Double versions: relative error below 1e-14 (stated in nn-math.h; measured ~2e-16..5e-16).
 * Float versions: the bounds stated in nn-math.c, over a dense sweep of [-20, 20] (step 1e-4)
 * and [-90, 90] (step 1e-3), against glibc's double functions; array forms bit for bit equal
 * to the scalar forms.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include <glib.h>

#include "nn-math.h"
#include "nn-rng.h"

#define DOUBLE_TOL 1e-14

/* the bounds stated in nn-math.c */
#define EXPF_REL_BOUND 2e-7
/* the rational tanh (nn-kernels.h): 3.7e-7 over every float in [0, 10], from the evaluation's
 * roundings (the fit itself is within 2.1e-8) */
#define TANHF_ABS_BOUND 5e-7
#define TANHF_REL_BOUND 5e-7
#define SIGMOIDF_ABS_BOUND 1e-7

static double
rel_err (double got, double want)
{
  if (got == want)
    return 0.0;
  return fabs (got - want) / fabs (want);
}

static void
check_rel (const char *name, double x, double got, double want, double tol, double *worst)
{
  double e = rel_err (got, want);

  if (e > *worst)
    *worst = e;
  if (!(e <= tol))
    g_error ("%s(%.17g) = %.17g, libm %.17g, relative error %.3g > %.3g", name, x, got, want, e,
             tol);
}

static void
test_exp (void)
{
  double worst = 0.0;
  NnRng rng;

  for (int k = -70000; k <= 70900; k++)
    {
      double x = k * 0.01 + 0.00123;
      double want = exp (x);

      if (want < DBL_MIN)
        continue; /* subnormal results: checked below with an absolute bound */
      check_rel ("nn_exp", x, nn_exp (x), want, DOUBLE_TOL, &worst);
    }
  nn_rng_seed (&rng, 1, 1);
  for (int k = 0; k < 100000; k++)
    {
      double x = nn_rng_range (&rng, -30.0, 30.0);
      check_rel ("nn_exp", x, nn_exp (x), exp (x), DOUBLE_TOL, &worst);
    }
  for (int k = 0; k < 1000; k++)
    {
      double x = -708.5 - k * 0.0366;
      g_assert_cmpfloat (fabs (nn_exp (x) - exp (x)), <=, 1e-14 * DBL_MIN + 2 * 4.9e-324);
    }
  g_test_message ("nn_exp: worst relative error %.3g", worst);
  g_assert_cmpfloat (nn_exp (0.0), ==, 1.0);
  g_assert_true (isnan (nn_exp (NAN)));
  g_assert_cmpfloat (nn_exp (INFINITY), ==, INFINITY);
  g_assert_cmpfloat (nn_exp (-INFINITY), ==, 0.0);
  g_assert_cmpfloat (nn_exp (710.0), ==, INFINITY);
  g_assert_cmpfloat (nn_exp (-746.0), ==, 0.0);
}

static void
test_log (void)
{
  double worst = 0.0;
  NnRng rng;

  nn_rng_seed (&rng, 2, 1);
  for (int k = 0; k < 200000; k++)
    {
      double x = exp (nn_rng_range (&rng, -700.0, 700.0));
      check_rel ("nn_log", x, nn_log (x), log (x), DOUBLE_TOL, &worst);
    }
  for (int k = -100000; k <= 100000; k++)
    {
      double x = 1.0 + k * 1e-7; /* around 1, where log is small: still relative */
      if (k != 0)
        check_rel ("nn_log", x, nn_log (x), log (x), DOUBLE_TOL, &worst);
    }
  for (int k = 1; k < 2000; k++)
    {
      double x = k * 4.9e-324 * 977.0; /* subnormals */
      check_rel ("nn_log", x, nn_log (x), log (x), DOUBLE_TOL, &worst);
    }
  g_test_message ("nn_log: worst relative error %.3g", worst);
  g_assert_cmpfloat (nn_log (1.0), ==, 0.0);
  g_assert_cmpfloat (nn_log (0.0), ==, -INFINITY);
  g_assert_cmpfloat (nn_log (INFINITY), ==, INFINITY);
  g_assert_true (isnan (nn_log (-1.0)));
  g_assert_true (isnan (nn_log (NAN)));
}

static void
test_sin_cos (void)
{
  double worst = 0.0;
  NnRng rng;

  nn_rng_seed (&rng, 3, 1);
  for (int k = -200000; k <= 200000; k++)
    {
      double x = k * 5e-5 + 1e-7;
      check_rel ("nn_sin", x, nn_sin (x), sin (x), DOUBLE_TOL, &worst);
      check_rel ("nn_cos", x, nn_cos (x), cos (x), DOUBLE_TOL, &worst);
    }
  for (int k = 0; k < 200000; k++)
    {
      double x = nn_rng_range (&rng, -1e5, 1e5);
      check_rel ("nn_sin", x, nn_sin (x), sin (x), DOUBLE_TOL, &worst);
      check_rel ("nn_cos", x, nn_cos (x), cos (x), DOUBLE_TOL, &worst);
    }
  g_test_message ("nn_sin / nn_cos: worst relative error %.3g", worst);
  g_assert_cmpfloat (nn_sin (0.0), ==, 0.0);
  g_assert_cmpfloat (nn_cos (0.0), ==, 1.0);
  g_assert_true (isnan (nn_sin (INFINITY)));
  g_assert_true (isnan (nn_cos (NAN)));
}

static void
test_atan2 (void)
{
  double worst = 0.0;
  NnRng rng;
  static const double special[] = { 0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, 1e-300, -3e300 };

  nn_rng_seed (&rng, 4, 1);
  for (int k = 0; k < 200000; k++)
    {
      double y = nn_rng_range (&rng, -1.0, 1.0) * exp (nn_rng_range (&rng, -20.0, 20.0));
      double x = nn_rng_range (&rng, -1.0, 1.0) * exp (nn_rng_range (&rng, -20.0, 20.0));
      check_rel ("nn_atan2", y / x, nn_atan2 (y, x), atan2 (y, x), DOUBLE_TOL, &worst);
    }
  g_test_message ("nn_atan2: worst relative error %.3g", worst);
  for (size_t a = 0; a < G_N_ELEMENTS (special); a++)
    for (size_t b = 0; b < G_N_ELEMENTS (special); b++)
      {
        double y = special[a], x = special[b];
        double got = nn_atan2 (y, x), want = atan2 (y, x);

        g_assert_cmpfloat (rel_err (got, want), <=, DOUBLE_TOL);
        g_assert_cmpint (signbit (got) != 0, ==, signbit (want) != 0);
      }
  g_assert_true (isnan (nn_atan2 (NAN, 1.0)));
}

static void
test_tanh (void)
{
  double worst = 0.0;

  for (int k = -300000; k <= 300000; k++)
    {
      double x = k * 1e-4 + 3e-9;
      check_rel ("nn_tanh", x, nn_tanh (x), tanh (x), DOUBLE_TOL, &worst);
    }
  for (int k = 0; k < 1000; k++)
    {
      double x = ldexp (1.2345, -k);
      check_rel ("nn_tanh", x, nn_tanh (x), tanh (x), DOUBLE_TOL, &worst);
      check_rel ("nn_tanh", -x, nn_tanh (-x), tanh (-x), DOUBLE_TOL, &worst);
    }
  g_test_message ("nn_tanh: worst relative error %.3g", worst);
  g_assert_cmpfloat (nn_tanh (100.0), ==, 1.0);
  g_assert_cmpfloat (nn_tanh (-100.0), ==, -1.0);
  g_assert_true (signbit (nn_tanh (-0.0)));
  g_assert_true (isnan (nn_tanh (NAN)));
}

/* ---- float versions ---- */

typedef struct
{
  double exp_rel, tanh_abs, tanh_rel, sigmoid_abs;
} FloatErrors;

static void
float_errors_at (float x, FloatErrors *e)
{
  double xd = x;
  double t = tanh (xd);
  double d;

  if (x >= -87.0f && x <= 88.0f)
    {
      d = rel_err (nn_expf_fast (x), exp (xd));
      e->exp_rel = MAX (e->exp_rel, d);
    }
  d = fabs ((double) nn_tanhf_fast (x) - t);
  e->tanh_abs = MAX (e->tanh_abs, d);
  if (t != 0.0)
    e->tanh_rel = MAX (e->tanh_rel, d / fabs (t));
  d = fabs ((double) nn_sigmoidf_fast (x) - 1.0 / (1.0 + exp (-xd)));
  e->sigmoid_abs = MAX (e->sigmoid_abs, d);
}

static void
test_float_bounds (void)
{
  FloatErrors e = { 0 };

  for (int k = -200000; k <= 200000; k++)
    float_errors_at ((float) (k * 1e-4), &e);
  for (int k = -90000; k <= 90000; k++)
    float_errors_at ((float) (k * 1e-3), &e);
  for (int k = 0; k < 150; k++) /* down to subnormal inputs: relative error near 0 */
    {
      float_errors_at (ldexpf (1.2345f, -k), &e);
      float_errors_at (-ldexpf (1.77f, -k), &e);
    }
  g_test_message ("nn_expf_fast: max relative error %.3g (bound %.3g)", e.exp_rel, EXPF_REL_BOUND);
  g_test_message ("nn_tanhf_fast: max absolute error %.3g (bound %.3g), relative %.3g (%.3g)",
                  e.tanh_abs, TANHF_ABS_BOUND, e.tanh_rel, TANHF_REL_BOUND);
  g_test_message ("nn_sigmoidf_fast: max absolute error %.3g (bound %.3g)", e.sigmoid_abs,
                  SIGMOIDF_ABS_BOUND);
  g_assert_cmpfloat (e.exp_rel, <=, EXPF_REL_BOUND);
  g_assert_cmpfloat (e.tanh_abs, <=, TANHF_ABS_BOUND);
  g_assert_cmpfloat (e.tanh_rel, <=, TANHF_REL_BOUND);
  g_assert_cmpfloat (e.sigmoid_abs, <=, SIGMOIDF_ABS_BOUND);
  /* the sweep really measured something */
  g_assert_cmpfloat (e.tanh_abs, >, 0.0);
}

static void
test_float_specials (void)
{
  g_assert_cmpfloat (nn_tanhf_fast (0.0f), ==, 0.0f);
  g_assert_true (signbit (nn_tanhf_fast (-0.0f)));
  g_assert_cmpfloat (nn_tanhf_fast (30.0f), ==, 1.0f);
  g_assert_cmpfloat (nn_tanhf_fast (-30.0f), ==, -1.0f);
  g_assert_cmpfloat (nn_tanhf_fast (1e30f), ==, 1.0f);
  g_assert_cmpfloat (nn_tanhf_fast (-INFINITY), ==, -1.0f);
  g_assert_true (isnan (nn_tanhf_fast (NAN)));
  g_assert_cmpfloat (nn_tanhf_fast (7.90129f), ==, 1.0f);  /* the clamp: the quotient is 1 */
  g_assert_cmpfloat (nn_tanhf_fast (7.9012895f), <, 1.0f); /* just below it, not yet */
  g_assert_cmpfloat (nn_tanhf_fast (7.98f), ==, 1.0f);     /* where the quotient would pass 1 */
  g_assert_cmpfloat (nn_tanhf_fast (1e5f), ==, 1.0f);      /* x^8 would overflow: still 1 */
  g_assert_cmpfloat (-nn_tanhf_fast (-FLT_MAX), ==, 1.0f);
  /* odd, and never beyond 1 (backward's 1 - a^2 stays >= 0), also where the fit ends */
  for (int k = 0; k <= 120000; k++)
    {
      float x = (float) (k * 1e-4);
      float t = nn_tanhf_fast (x);

      g_assert_cmpfloat (t, <=, 1.0f);
      g_assert_cmpfloat (t, >=, 0.0f);
      g_assert_cmpfloat (nn_tanhf_fast (-x), ==, -t);
    }
  g_assert_cmpfloat (nn_sigmoidf_fast (0.0f), ==, 0.5f);
  g_assert_cmpfloat (nn_sigmoidf_fast (100.0f), ==, 1.0f);
  g_assert_cmpfloat (nn_sigmoidf_fast (-100.0f), >=, 0.0f);
  g_assert_cmpfloat (nn_sigmoidf_fast (-100.0f), <, 1e-37f);
  g_assert_true (isnan (nn_sigmoidf_fast (NAN)));
  g_assert_cmpfloat (nn_expf_fast (0.0f), ==, 1.0f);
  g_assert_cmpfloat (nn_expf_fast (1000.0f), ==, nn_expf_fast (88.0f)); /* clamped */
  g_assert_true (isfinite (nn_expf_fast (1000.0f)));
  g_assert_cmpfloat (nn_expf_fast (-1000.0f), ==, nn_expf_fast (-87.0f));
  g_assert_cmpfloat (nn_expf_fast (-1000.0f), >=, FLT_MIN);
  g_assert_true (isnan (nn_expf_fast (NAN)));
}

/* every length from 0 to 70 (vector bodies and tails), in place and not */
static void
test_array_forms (void)
{
  NnRng rng;
  float in[1100], out[1100], inplace[1100];

  nn_rng_seed (&rng, 5, 1);
  for (size_t k = 0; k < G_N_ELEMENTS (in); k++)
    in[k] = (float) nn_rng_range (&rng, -12.0, 12.0);
  in[3] = 0.0f;
  in[4] = -0.0f;
  in[5] = 50.0f;
  in[6] = -200.0f;
  for (size_t n = 0; n < G_N_ELEMENTS (in); n = n < 70 ? n + 1 : n + 517)
    {
      nn_tanhf_array (out, in, n);
      memcpy (inplace, in, n * sizeof (float));
      nn_tanhf_array (inplace, inplace, n);
      for (size_t k = 0; k < n; k++)
        {
          float want = nn_tanhf_fast (in[k]);
          g_assert_cmpmem (&out[k], sizeof (float), &want, sizeof (float));
        }
      g_assert_cmpmem (out, n * sizeof (float), inplace, n * sizeof (float));

      nn_sigmoidf_array (out, in, n);
      memcpy (inplace, in, n * sizeof (float));
      nn_sigmoidf_array (inplace, inplace, n);
      for (size_t k = 0; k < n; k++)
        {
          float want = nn_sigmoidf_fast (in[k]);
          g_assert_cmpmem (&out[k], sizeof (float), &want, sizeof (float));
        }
      g_assert_cmpmem (out, n * sizeof (float), inplace, n * sizeof (float));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/math/exp", test_exp);
  g_test_add_func ("/engine/math/log", test_log);
  g_test_add_func ("/engine/math/sin-cos", test_sin_cos);
  g_test_add_func ("/engine/math/atan2", test_atan2);
  g_test_add_func ("/engine/math/tanh", test_tanh);
  g_test_add_func ("/engine/math/float-bounds", test_float_bounds);
  g_test_add_func ("/engine/math/float-specials", test_float_specials);
  g_test_add_func ("/engine/math/array-forms", test_array_forms);
  return g_test_run ();
}
