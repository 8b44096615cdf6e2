/* test-data-generate.c: the generated 2D sets, their split, and the dataset container. */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "nn-math.h"
#include "ns-dataset.h"

static NsDataset *
make (NsDatasetKind kind, guint count, double noise, double ratio, guint64 seed)
{
  NnRng rng;

  nn_rng_seed (&rng, seed, NN_STREAM_DATA);
  return ns_dataset_generate (kind, count, noise, ratio, &rng);
}

/* All points of a set, training rows first, as one array of (x1, x2, label) triples. */
static float *
all_points (const NsDataset *d)
{
  guint n = d->n_train + d->n_test;
  float *p = g_new (float, 3 * (gsize) n);

  for (guint i = 0; i < d->n_train; i++)
    {
      p[3 * i] = d->train_x[2 * i];
      p[3 * i + 1] = d->train_x[2 * i + 1];
      p[3 * i + 2] = d->train_y[i];
    }
  for (guint i = 0; i < d->n_test; i++)
    {
      guint j = d->n_train + i;

      p[3 * j] = d->test_x[2 * i];
      p[3 * j + 1] = d->test_x[2 * i + 1];
      p[3 * j + 2] = d->test_y[i];
    }

  return p;
}

static gboolean
same_data (const NsDataset *a, const NsDataset *b)
{
  return a->n_train == b->n_train && a->n_test == b->n_test
         && memcmp (a->train_x, b->train_x, sizeof (float) * 2 * a->n_train) == 0
         && memcmp (a->train_y, b->train_y, sizeof (float) * a->n_train) == 0
         && memcmp (a->test_x, b->test_x, sizeof (float) * 2 * a->n_test) == 0
         && memcmp (a->test_y, b->test_y, sizeof (float) * a->n_test) == 0;
}

static void
test_kinds (void)
{
  static const char *names[] = { "circle",       "xor",     "gauss",  "spiral",    "moons",
                                 "checkerboard", "spiral3", "blobs5", "reg-plane", "reg-gauss",
                                 "digits",       "apples",  "iris" };
  static const guint classes[] = { 2, 2, 2, 2, 2, 2, 3, 5, 0, 0, 10, 2, 3 };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == NS_N_DATASET_KINDS);

  for (int k = 0; k < NS_N_DATASET_KINDS; k++)
    {
      g_assert_cmpstr (ns_dataset_kind_name (k), ==, names[k]);
      g_assert_cmpint (ns_dataset_kind_from_name (names[k]), ==, k);
      g_assert_nonnull (ns_dataset_kind_title (k));
      g_assert_cmpuint (ns_dataset_kind_n_classes (k), ==, classes[k]);
      g_assert_cmpint (ns_dataset_kind_is_regression (k), ==, classes[k] == 0);
      g_assert_cmpint (ns_dataset_kind_is_plane (k), ==, k < NS_N_PLANE_DATASETS);
      g_assert_cmpint (ns_dataset_kind_is_image (k), ==,
                       k == NS_DATASET_DIGITS || k == NS_DATASET_APPLES);
      if (k < NS_N_PLANE_DATASETS)
        g_assert_cmpuint (ns_dataset_kind_default_count (k), ==, classes[k] == 0 ? 1200 : 500);
    }
  g_assert_cmpuint (ns_dataset_kind_default_count (NS_DATASET_DIGITS), ==, 1797);
  g_assert_cmpuint (ns_dataset_kind_default_count (NS_DATASET_IRIS), ==, 150);
  g_assert_cmpstr (ns_dataset_kind_title (NS_DATASET_XOR), ==, "Exclusive or");
  g_assert_cmpstr (ns_dataset_kind_title (NS_DATASET_REG_GAUSS), ==, "Multi-Gaussian (regression)");
  g_assert_cmpint (ns_dataset_kind_from_name ("Circle"), ==, -1);
  g_assert_cmpint (ns_dataset_kind_from_name ("mnist"), ==, -1);
  g_assert_cmpint (ns_dataset_kind_from_name (""), ==, -1);
}

static void
test_counts_and_split (void)
{
  static const guint counts[] = { 500, 1200, 7, 1, 0 };
  static const double ratios[] = { 0.0, 0.1, 0.5, 0.8, 1.0 };

  for (int k = 0; k < NS_N_PLANE_DATASETS; k++)
    for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
      for (guint r = 0; r < G_N_ELEMENTS (ratios); r++)
        {
          g_autoptr (NsDataset) d = make (k, counts[c], 0.2, ratios[r], 42);
          guint want_train = (guint) round (counts[c] * ratios[r]);

          g_assert_nonnull (d);
          g_assert_cmpstr (d->name, ==, ns_dataset_kind_name (k));
          g_assert_cmpuint (d->n_train, ==, want_train);
          g_assert_cmpuint (d->n_test, ==, counts[c] - want_train);
          g_assert_cmpuint (d->train_cap, >=, d->n_train);
          g_assert_cmpuint (d->n_inputs, ==, 2);
          g_assert_cmpstr (d->input_names[0], ==, "x1");
          g_assert_cmpstr (d->input_names[1], ==, "x2");
          g_assert_null (d->input_names[2]);
          g_assert_cmpuint (d->n_classes, ==, ns_dataset_kind_n_classes (k));
          if (d->n_classes == 0)
            g_assert_null (d->class_names);
          else
            {
              g_assert_cmpuint (g_strv_length (d->class_names), ==, d->n_classes);
              g_assert_cmpstr (d->class_names[0], ==, "0");
            }
          for (guint i = 0; i < 2; i++)
            {
              g_assert_cmpfloat (d->mean[i], ==, 0.0);
              g_assert_cmpfloat (d->scale[i], ==, 1.0);
            }
          g_assert_cmpfloat (d->x_min, ==, -6.0);
          g_assert_cmpfloat (d->x_max, ==, 6.0);
          g_assert_cmpfloat (d->y_min, ==, -6.0);
          g_assert_cmpfloat (d->y_max, ==, 6.0);
        }
}

/* The split takes a prefix of one shuffled order: whatever the ratio, the same points in the
 * same order, and the training rows are the first round(count * ratio) of them. */
static void
test_split_is_a_prefix (void)
{
  for (int k = 0; k < NS_N_PLANE_DATASETS; k++)
    {
      g_autoptr (NsDataset) all = make (k, 300, 0.1, 1.0, 7);
      g_autoptr (NsDataset) part = make (k, 300, 0.1, 0.3, 7);
      g_autofree float *pa = all_points (all);
      g_autofree float *pp = all_points (part);

      g_assert_cmpuint (all->n_train, ==, 300);
      g_assert_cmpuint (part->n_train, ==, 90);
      g_assert_cmpmem (pa, 3 * 300 * sizeof (float), pp, 3 * 300 * sizeof (float));
    }
}

/* The shuffle really mixes the classes into both sets (points are generated class by class). */
static void
test_split_is_shuffled (void)
{
  g_autoptr (NsDataset) d = make (NS_DATASET_GAUSS, 500, 0.0, 0.5, 3);
  guint first_half_class0 = 0;

  for (guint i = 0; i < 125; i++)
    first_half_class0 += d->train_y[i] == 0;
  /* 125 of a shuffled 250/250: 62.5 expected; sorted order would give 125. */
  g_assert_cmpuint (first_half_class0, >, 40);
  g_assert_cmpuint (first_half_class0, <, 85);
}

static void
bounds_for (NsDatasetKind kind, double noise, double *lim)
{
  /* nn_rng_normal is Box-Muller on 53-bit uniforms: |z| < 8.6. */
  const double z = 8.6;

  switch (kind)
    {
    case NS_DATASET_CIRCLE:
      *lim = 5.0;
      break;
    case NS_DATASET_XOR:
      *lim = 5.3;
      break;
    case NS_DATASET_GAUSS:
      *lim = 2.0 + z * sqrt (0.5 + 7 * noise);
      break;
    case NS_DATASET_SPIRAL:
    case NS_DATASET_SPIRAL3:
      *lim = 5.0 + noise;
      break;
    case NS_DATASET_MOONS:
      *lim = 5.0 + z * 2 * noise;
      break;
    case NS_DATASET_BLOBS5:
      *lim = 3.5 + z * (0.5 + 2.0 * noise);
      break;
    case NS_DATASET_CHECKERBOARD:
    case NS_DATASET_REG_PLANE:
    case NS_DATASET_REG_GAUSS:
    case NS_DATASET_DIGITS:
    case NS_DATASET_APPLES:
    case NS_DATASET_IRIS:
    case NS_N_DATASET_KINDS:
    default:
      *lim = 6.0;
      break;
    }
}

static void
test_ranges (void)
{
  static const double noises[] = { 0.0, 0.25, 0.5 };

  for (int k = 0; k < NS_N_PLANE_DATASETS; k++)
    for (guint j = 0; j < G_N_ELEMENTS (noises); j++)
      {
        g_autoptr (NsDataset) d = make (k, 2000, noises[j], 0.5, 11);
        g_autofree float *p = all_points (d);
        double lim, inside = 0;

        bounds_for (k, noises[j], &lim);
        for (guint i = 0; i < 2000; i++)
          {
            float x = p[3 * i], y = p[3 * i + 1], label = p[3 * i + 2];

            g_assert_true (isfinite (x) && isfinite (y));
            g_assert_cmpfloat (fabs (x), <=, lim + 1e-5);
            g_assert_cmpfloat (fabs (y), <=, lim + 1e-5);
            inside += fabs (x) <= 6 && fabs (y) <= 6;
            if (d->n_classes > 0)
              {
                g_assert_cmpfloat (label, ==, floorf (label));
                g_assert_cmpfloat (label, >=, 0);
                g_assert_cmpfloat (label, <, d->n_classes);
              }
            else if (k == NS_DATASET_REG_GAUSS)
              {
                g_assert_cmpfloat (label, >=, -1.0);
                g_assert_cmpfloat (label, <=, 1.0);
              }
            else
              {
                /* The Playground's plane: (x + y) / 10, unclamped, so ±1.2 at noise 0. */
                double l = 1.2 * (1 + noises[j]);

                g_assert_cmpfloat (fabs (label), <=, l + 1e-6);
              }
          }
        /* Most of every set lies in the plane the views show. */
        g_assert_cmpfloat (inside, >=, 0.9 * 2000);
      }
}

static void
test_balance (void)
{
  static const guint counts[] = { 500, 1000, 999 };

  for (int k = 0; k < NS_N_PLANE_DATASETS; k++)
    {
      guint n_classes = ns_dataset_kind_n_classes (k);

      if (n_classes == 0)
        continue;

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          g_autoptr (NsDataset) d = make (k, counts[c], 0.0, 0.5, 5 + c);
          g_autofree float *p = all_points (d);
          guint per[NS_MAX_CLASSES] = { 0 };
          double share = (double) counts[c] / n_classes;
          /* xor draws its points uniformly (as the Playground), so its balance is binomial:
           * allow 4 standard deviations. The others are balanced by construction. */
          double tol = k == NS_DATASET_XOR ? 4 * sqrt (counts[c] * 0.25) : 0.02 * counts[c];

          for (guint i = 0; i < counts[c]; i++)
            per[(guint) p[3 * i + 2]]++;
          for (guint j = 0; j < n_classes; j++)
            {
              g_test_message ("%s count %u class %u: %u", ns_dataset_kind_name (k), counts[c], j,
                              per[j]);
              g_assert_cmpfloat (fabs (per[j] - share), <=, tol);
            }
        }
    }
}

static void
test_determinism (void)
{
  for (int k = 0; k < NS_N_PLANE_DATASETS; k++)
    {
      guint count = ns_dataset_kind_default_count (k);
      g_autoptr (NsDataset) a = make (k, count, 0.2, 0.5, 1234);
      g_autoptr (NsDataset) b = make (k, count, 0.2, 0.5, 1234);
      g_autoptr (NsDataset) other_seed = make (k, count, 0.2, 0.5, 1235);
      g_autoptr (NsDataset) clean = make (k, count, 0.0, 0.5, 1234);
      g_autoptr (NsDataset) noisy = make (k, count, 0.3, 0.5, 1234);
      NnRng r1, r2;

      g_assert_true (same_data (a, b));
      g_assert_false (same_data (a, other_seed));
      g_assert_false (same_data (clean, noisy));

      /* The stream moves on by the same amount too. */
      nn_rng_seed (&r1, 99, NN_STREAM_DATA);
      nn_rng_seed (&r2, 99, NN_STREAM_DATA);
      ns_dataset_free (ns_dataset_generate (k, 100, 0.1, 0.5, &r1));
      ns_dataset_free (ns_dataset_generate (k, 100, 0.1, 0.5, &r2));
      g_assert_cmpmem (&r1, sizeof r1, &r2, sizeof r2);
    }
}

/* Checks that every arm of a spiral at noise 0 holds exactly its points i = 0..n-1, at radius
 * i / n * 5 and angle 1.75 * i / n * 2π + arm * 2π / k. */
static void
check_spiral (NsDatasetKind kind, guint k, guint count)
{
  g_autoptr (NsDataset) d = make (kind, count, 0.0, 0.5, 17);
  g_autofree float *p = all_points (d);
  g_autofree gboolean *seen = g_new0 (gboolean, count);

  for (guint s = 0; s < count; s++)
    {
      double x = p[3 * s], y = p[3 * s + 1];
      /* The two-arm spiral is the Playground's: its +1 arm (deltaT 0) is our class 1. */
      guint arm = k == 2 ? 1 - (guint) p[3 * s + 2] : (guint) p[3 * s + 2];
      guint n = count / k + (arm < count % k);
      double r = sqrt (x * x + y * y);
      double fi = r / 5.0 * n;
      guint i = (guint) round (fi);
      double t = 1.75 * i / n * 2 * G_PI + arm * 2 * G_PI / k;
      guint slot = 0;

      g_assert_cmpuint (arm, <, k);
      g_assert_cmpfloat (fabs (fi - i), <, 1e-3);
      g_assert_cmpuint (i, <, n);
      g_assert_cmpfloat (fabs (x - r * sin (t)), <, 1e-5);
      g_assert_cmpfloat (fabs (y - r * cos (t)), <, 1e-5);

      for (guint a = 0; a < arm; a++)
        slot += count / k + (a < count % k);
      g_assert_false (seen[slot + i]);
      seen[slot + i] = TRUE;
    }
}

static void
test_spiral_arms (void)
{
  check_spiral (NS_DATASET_SPIRAL, 2, 500);
  check_spiral (NS_DATASET_SPIRAL, 2, 51);
  check_spiral (NS_DATASET_SPIRAL3, 3, 500);
  check_spiral (NS_DATASET_SPIRAL3, 3, 300);

  /* With noise the points leave their arm, by at most noise in each coordinate. */
  {
    g_autoptr (NsDataset) clean = make (NS_DATASET_SPIRAL, 500, 0.0, 1.0, 17);
    g_autoptr (NsDataset) noisy = make (NS_DATASET_SPIRAL, 500, 0.4, 1.0, 17);
    double moved = 0;

    for (guint i = 0; i < 1000; i++)
      {
        double dv = fabs (clean->train_x[i] - noisy->train_x[i]);

        g_assert_cmpfloat (dv, <=, 0.4 + 1e-5);
        moved = MAX (moved, dv);
      }
    g_assert_cmpfloat (moved, >, 0.3);
  }
}

static void
test_circle (void)
{
  g_autoptr (NsDataset) clean = make (NS_DATASET_CIRCLE, 1000, 0.0, 1.0, 21);
  g_autoptr (NsDataset) noisy = make (NS_DATASET_CIRCLE, 1000, 0.5, 1.0, 21);
  guint flipped = 0;

  for (guint i = 0; i < 1000; i++)
    {
      double x = clean->train_x[2 * i], y = clean->train_x[2 * i + 1];
      double r = sqrt (x * x + y * y);

      if (clean->train_y[i] == 1) /* the Playground's +1: inside */
        g_assert_cmpfloat (r, <, 2.5 + 1e-5);
      else
        {
          g_assert_cmpfloat (r, >=, 3.5 - 1e-5);
          g_assert_cmpfloat (r, <, 5.0 + 1e-5);
        }
      /* Noise changes labels, never points. */
      g_assert_cmpfloat (noisy->train_x[2 * i], ==, x);
      g_assert_cmpfloat (noisy->train_x[2 * i + 1], ==, y);
      flipped += noisy->train_y[i] != clean->train_y[i];
    }
  g_assert_cmpuint (flipped, >, 20);
  g_assert_cmpuint (flipped, <, 500);
}

static void
test_xor (void)
{
  g_autoptr (NsDataset) clean = make (NS_DATASET_XOR, 1000, 0.0, 1.0, 22);
  g_autoptr (NsDataset) noisy = make (NS_DATASET_XOR, 1000, 0.5, 1.0, 22);
  guint flipped = 0;

  for (guint i = 0; i < 1000; i++)
    {
      double x = clean->train_x[2 * i], y = clean->train_x[2 * i + 1];

      g_assert_cmpfloat (fabs (x), >=, 0.3 - 1e-6);
      g_assert_cmpfloat (fabs (y), >=, 0.3 - 1e-6);
      g_assert_cmpfloat (clean->train_y[i], ==, x * y >= 0 ? 1 : 0);
      g_assert_cmpfloat (noisy->train_x[2 * i], ==, x);
      flipped += noisy->train_y[i] != clean->train_y[i];
    }
  g_assert_cmpuint (flipped, >, 20);
}

static void
test_checkerboard (void)
{
  g_autoptr (NsDataset) clean = make (NS_DATASET_CHECKERBOARD, 4000, 0.0, 1.0, 23);
  g_autoptr (NsDataset) noisy = make (NS_DATASET_CHECKERBOARD, 4000, 0.3, 1.0, 23);
  guint per_square[16] = { 0 };
  guint flipped = 0;

  for (guint i = 0; i < 4000; i++)
    {
      double x = clean->train_x[2 * i], y = clean->train_x[2 * i + 1];
      int col = (int) floor ((x + 6) / 3), row = (int) floor ((y + 6) / 3);

      g_assert_cmpint (col, >=, 0);
      g_assert_cmpint (col, <, 4);
      g_assert_cmpint (row, >=, 0);
      g_assert_cmpint (row, <, 4);
      g_assert_cmpfloat (clean->train_y[i], ==, (col + row) % 2);
      per_square[row * 4 + col]++;
      flipped += noisy->train_y[i] != clean->train_y[i];
    }
  /* Uniform over the board: 250 per square on average. */
  for (guint s = 0; s < 16; s++)
    {
      g_assert_cmpuint (per_square[s], >, 170);
      g_assert_cmpuint (per_square[s], <, 330);
    }
  g_assert_cmpuint (flipped, >, 100);
}

static void
mean_var (const NsDataset *d, float cls, double *mx, double *my, double *var)
{
  g_autofree float *p = all_points (d);
  guint n = d->n_train + d->n_test, m = 0;
  double sx = 0, sy = 0, ss = 0;

  for (guint i = 0; i < n; i++)
    if (p[3 * i + 2] == cls)
      {
        sx += p[3 * i];
        sy += p[3 * i + 1];
        m++;
      }
  *mx = sx / m;
  *my = sy / m;
  for (guint i = 0; i < n; i++)
    if (p[3 * i + 2] == cls)
      ss += (p[3 * i] - *mx) * (p[3 * i] - *mx) + (p[3 * i + 1] - *my) * (p[3 * i + 1] - *my);
  *var = ss / (2.0 * m);
}

static void
test_gauss (void)
{
  static const double noises[] = { 0.0, 0.5 };

  for (guint j = 0; j < 2; j++)
    {
      g_autoptr (NsDataset) d = make (NS_DATASET_GAUSS, 8000, noises[j], 0.5, 24);
      double want_var = 0.5 + 7 * noises[j];

      for (guint c = 0; c < 2; c++)
        {
          double mx, my, var, centre = c == 1 ? 2 : -2;

          mean_var (d, c, &mx, &my, &var);
          g_assert_cmpfloat (fabs (mx - centre), <, 0.15);
          g_assert_cmpfloat (fabs (my - centre), <, 0.15);
          g_assert_cmpfloat (fabs (var - want_var) / want_var, <, 0.06);
        }
    }
}

static void
test_blobs5 (void)
{
  g_autoptr (NsDataset) d = make (NS_DATASET_BLOBS5, 5000, 0.2, 0.5, 25);

  for (guint c = 0; c < 5; c++)
    {
      double mx, my, var, sd = 0.5 + 2.0 * 0.2;
      double a = G_PI / 2 + 2 * G_PI * c / 5;

      mean_var (d, c, &mx, &my, &var);
      g_assert_cmpfloat (fabs (mx - 3.5 * cos (a)), <, 0.15);
      g_assert_cmpfloat (fabs (my - 3.5 * sin (a)), <, 0.15);
      g_assert_cmpfloat (fabs (sqrt (var) - sd) / sd, <, 0.06);
    }
}

static void
test_moons (void)
{
  g_autoptr (NsDataset) d = make (NS_DATASET_MOONS, 1000, 0.0, 1.0, 26);
  g_autoptr (NsDataset) noisy = make (NS_DATASET_MOONS, 1000, 0.3, 1.0, 26);
  double lo_x = 0, hi_x = 0, moved = 0;

  for (guint i = 0; i < 1000; i++)
    {
      /* Back in scikit-learn's units: the upper moon is the unit circle's upper half, the
       * lower one the circle around (1, 0.5), lower half. */
      double mx = d->train_x[2 * i] * 0.3 + 0.5;
      double my = d->train_x[2 * i + 1] * 0.3 + 0.25;

      if (d->train_y[i] == 0)
        {
          g_assert_cmpfloat (fabs (mx * mx + my * my - 1), <, 1e-5);
          g_assert_cmpfloat (my, >=, -1e-6);
        }
      else
        {
          g_assert_cmpfloat (fabs ((mx - 1) * (mx - 1) + (my - 0.5) * (my - 0.5) - 1), <, 1e-5);
          g_assert_cmpfloat (my, <=, 0.5 + 1e-6);
        }
      lo_x = MIN (lo_x, d->train_x[2 * i]);
      hi_x = MAX (hi_x, d->train_x[2 * i]);
      moved = MAX (moved, fabs (noisy->train_x[2 * i] - d->train_x[2 * i]));
      g_assert_cmpfloat (noisy->train_y[i], ==, d->train_y[i]);
    }
  /* Fills about [-5, 5] across. */
  g_assert_cmpfloat (lo_x, <, -4.9);
  g_assert_cmpfloat (hi_x, >, 4.9);
  g_assert_cmpfloat (moved, >, 0.5);
}

static void
test_regression_labels (void)
{
  g_autoptr (NsDataset) plane = make (NS_DATASET_REG_PLANE, 1200, 0.0, 1.0, 27);
  g_autoptr (NsDataset) gauss = make (NS_DATASET_REG_GAUSS, 1200, 0.0, 1.0, 27);
  g_autoptr (NsDataset) noisy = make (NS_DATASET_REG_GAUSS, 1200, 0.5, 1.0, 27);
  guint pos = 0, neg = 0, zero = 0, changed = 0;

  for (guint i = 0; i < 1200; i++)
    {
      double x = plane->train_x[2 * i], y = plane->train_x[2 * i + 1];

      g_assert_cmpfloat (fabs (plane->train_y[i] - (x + y) / 10), <, 1e-6);
    }

  /* Spot values of the six bumps: 1 at a centre, 0.5 one unit away, 0 beyond two. */
  for (guint i = 0; i < 1200; i++)
    {
      double x = gauss->train_x[2 * i], y = gauss->train_x[2 * i + 1];
      double want = 0;
      static const double g[6][3] = { { -4, 2.5, 1 },   { 0, 2.5, -1 }, { 4, 2.5, 1 },
                                      { -4, -2.5, -1 }, { 0, -2.5, 1 }, { 4, -2.5, -1 } };

      for (guint j = 0; j < 6; j++)
        {
          double dist = hypot (x - g[j][0], y - g[j][1]);

          if (dist < 2)
            want = g[j][2] * (1 - dist / 2);
        }
      g_assert_cmpfloat (fabs (gauss->train_y[i] - want), <, 1e-5);
      pos += gauss->train_y[i] > 0;
      neg += gauss->train_y[i] < 0;
      zero += gauss->train_y[i] == 0;
      changed += noisy->train_y[i] != gauss->train_y[i];
    }
  g_assert_cmpuint (pos, >, 200);
  g_assert_cmpuint (neg, >, 200);
  g_assert_cmpuint (zero, >, 200);
  g_assert_cmpuint (changed, >, 300);
}

static void
test_add_remove_copy (void)
{
  g_autoptr (NsDataset) d = make (NS_DATASET_CIRCLE, 20, 0.0, 0.5, 30);
  g_autoptr (NsDataset) copy = NULL;
  g_autofree float *before = NULL;
  guint n0 = d->n_train;

  g_assert_cmpuint (n0, ==, 10);
  for (guint i = 0; i < 40; i++)
    {
      float x[2] = { 10.0f + i, -10.0f };

      ns_dataset_add_point (d, x, i % 2);
    }
  g_assert_cmpuint (d->n_train, ==, n0 + 40);
  g_assert_cmpuint (d->train_cap, >=, d->n_train);
  g_assert_cmpfloat (d->train_x[2 * (n0 + 39)], ==, 49.0f);
  g_assert_cmpfloat (d->train_y[n0 + 39], ==, 1.0f);
  g_assert_cmpuint (d->n_test, ==, 10);

  copy = ns_dataset_copy (d);
  g_assert_true (same_data (d, copy));
  g_assert_cmpstr (copy->name, ==, "circle");
  g_assert_cmpstr (copy->class_names[1], ==, "1");
  g_assert_true (copy->train_x != d->train_x);
  g_assert_cmpuint (copy->train_cap, ==, d->train_cap);

  /* Nothing near (100, 100); (20.2, -10) is nearest the point at 20; order of others kept. */
  g_assert_false (ns_dataset_remove_nearest (d, 100, 100, 1.0));
  g_assert_cmpuint (d->n_train, ==, n0 + 40);
  before = g_memdup2 (d->train_x, sizeof (float) * 2 * d->n_train);
  g_assert_true (ns_dataset_remove_nearest (d, 20.2, -10, 1.0));
  g_assert_cmpuint (d->n_train, ==, n0 + 39);
  g_assert_cmpmem (d->train_x, sizeof (float) * 2 * (n0 + 10), before,
                   sizeof (float) * 2 * (n0 + 10));
  g_assert_cmpmem (d->train_x + 2 * (n0 + 10), sizeof (float) * 2 * 29, before + 2 * (n0 + 11),
                   sizeof (float) * 2 * 29);
  g_assert_cmpfloat (d->train_y[n0 + 10], ==, 1.0f); /* the point at 21 moved up */

  /* The copy is independent. */
  g_assert_cmpuint (copy->n_train, ==, n0 + 40);
  ns_dataset_add_point (copy, (float[]){ 0, 0 }, 0);
  g_assert_cmpuint (copy->n_train, ==, n0 + 41);
  g_assert_cmpuint (d->n_train, ==, n0 + 39);

  /* From an empty training set. */
  {
    g_autoptr (NsDataset) e = make (NS_DATASET_XOR, 10, 0.0, 0.0, 31);

    g_assert_cmpuint (e->n_train, ==, 0);
    ns_dataset_add_point (e, (float[]){ 1, 2 }, 1);
    g_assert_cmpuint (e->n_train, ==, 1);
    g_assert_cmpfloat (e->train_x[1], ==, 2.0f);
    g_assert_true (ns_dataset_remove_nearest (e, 1, 2, 0.0));
    g_assert_cmpuint (e->n_train, ==, 0);
    g_assert_false (ns_dataset_remove_nearest (e, 1, 2, 5.0));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/generate/kinds", test_kinds);
  g_test_add_func ("/data/generate/counts-and-split", test_counts_and_split);
  g_test_add_func ("/data/generate/split-is-a-prefix", test_split_is_a_prefix);
  g_test_add_func ("/data/generate/split-is-shuffled", test_split_is_shuffled);
  g_test_add_func ("/data/generate/ranges", test_ranges);
  g_test_add_func ("/data/generate/balance", test_balance);
  g_test_add_func ("/data/generate/determinism", test_determinism);
  g_test_add_func ("/data/generate/spiral-arms", test_spiral_arms);
  g_test_add_func ("/data/generate/circle", test_circle);
  g_test_add_func ("/data/generate/xor", test_xor);
  g_test_add_func ("/data/generate/checkerboard", test_checkerboard);
  g_test_add_func ("/data/generate/gauss", test_gauss);
  g_test_add_func ("/data/generate/blobs5", test_blobs5);
  g_test_add_func ("/data/generate/moons", test_moons);
  g_test_add_func ("/data/generate/regression-labels", test_regression_labels);
  g_test_add_func ("/data/generate/add-remove-copy", test_add_remove_copy);

  return g_test_run ();
}
