/* ns-generate.c: the 2D sets, drawn from the experiment's data stream.
 *
 * The Playground's six (circle, xor, gauss, spiral, reg-plane, reg-gauss) follow its
 * dataset.ts draw for draw, with its +1 class as our class 1 and its -1 as class 0, so that
 * the colours match the Playground's (class 1 blue, class 0 orange; a sigmoid output is the
 * probability of class 1, drawn blue where high as the Playground draws +1). Every
 * point draws its noise even when noise is 0, so the noise slider changes labels (or offsets)
 * but not which random numbers the points are made of. Sines and cosines are the engine's
 * (nn-math.h), never libm's, so a seed makes the same points on every machine.
 */

#include "ns-dataset-private.h"

#include <math.h>

#include "nn-math.h"

#define PLANE_RADIUS 6.0 /* the Playground's domain [-6, 6] */

/* The points before the split: xy is count x 2, y is count. */
typedef struct
{
  guint count;
  float *xy;
  float *y;
} Points;

static inline void
put (Points *pts, guint i, double x, double y, double label)
{
  g_assert (i < pts->count);

  pts->xy[2 * i] = (float) x;
  pts->xy[2 * i + 1] = (float) y;
  pts->y[i] = (float) label;
}

/* How many of @count points go to class @c of @k: as equal as can be, earlier classes first. */
static inline guint
share (guint count, guint k, guint c)
{
  return count / k + (c < count % k ? 1 : 0);
}

static void
gen_circle (Points *pts, double noise, NnRng *rng)
{
  const double radius = 5.0;
  guint i = 0;

  /* First the inner disc (r < 2.5), then the ring 3.5 <= r < 5. The label comes from the
   * noisy point, the stored point is the clean one. */
  for (guint half = 0; half < 2; half++)
    {
      guint n = share (pts->count, 2, half);
      double r_lo = half == 0 ? 0.0 : radius * 0.7;
      double r_hi = half == 0 ? radius * 0.5 : radius;

      for (guint j = 0; j < n; j++, i++)
        {
          double r = nn_rng_range (rng, r_lo, r_hi);
          double angle = nn_rng_range (rng, 0.0, 2.0 * NN_PI);
          double x = r * nn_sin (angle);
          double y = r * nn_cos (angle);
          double nx = nn_rng_range (rng, -radius, radius) * noise;
          double ny = nn_rng_range (rng, -radius, radius) * noise;
          double d = sqrt ((x + nx) * (x + nx) + (y + ny) * (y + ny));

          put (pts, i, x, y, d < radius * 0.5 ? 1 : 0);
        }
    }
}

static void
gen_xor (Points *pts, double noise, NnRng *rng)
{
  const double padding = 0.3;

  for (guint i = 0; i < pts->count; i++)
    {
      double x = nn_rng_range (rng, -5.0, 5.0);
      double y;
      double nx, ny;

      x += x > 0 ? padding : -padding;
      y = nn_rng_range (rng, -5.0, 5.0);
      y += y > 0 ? padding : -padding;
      nx = nn_rng_range (rng, -5.0, 5.0) * noise;
      ny = nn_rng_range (rng, -5.0, 5.0) * noise;

      put (pts, i, x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
    }
}

static void
gen_gauss (Points *pts, double noise, NnRng *rng)
{
  /* The Playground maps noise 0..0.5 to variance 0.5..4. */
  double sd = sqrt (0.5 + noise * 7.0);
  guint i = 0;

  for (guint c = 0; c < 2; c++)
    {
      double centre = c == 0 ? 2.0 : -2.0;
      guint n = share (pts->count, 2, c);

      for (guint j = 0; j < n; j++, i++)
        {
          double x = centre + sd * nn_rng_normal (rng);
          double y = centre + sd * nn_rng_normal (rng);

          put (pts, i, x, y, 1 - c); /* the Playground's +1 blob at (2, 2) first */
        }
    }
}

/* Arms of 1.75 turns out to radius 5, arm c turned by c * 2π / k; the Playground's spiral is
 * k = 2 (its +1 arm, our class 1, at deltaT 0; its -1 arm at π). */
static void
gen_spiral_arms (Points *pts, guint k, double noise, NnRng *rng)
{
  guint i = 0;

  for (guint c = 0; c < k; c++)
    {
      guint n = share (pts->count, k, c);
      double delta_t = 2.0 * NN_PI * c / k;

      for (guint j = 0; j < n; j++, i++)
        {
          double r = (double) j / n * 5.0;
          double t = 1.75 * j / n * 2.0 * NN_PI + delta_t;
          double x = r * nn_sin (t) + nn_rng_range (rng, -1.0, 1.0) * noise;
          double y = r * nn_cos (t) + nn_rng_range (rng, -1.0, 1.0) * noise;

          put (pts, i, x, y, k == 2 ? 1 - c : c);
        }
    }
}

/* scikit-learn's make_moons, with angles drawn at random instead of evenly spaced: the upper
 * moon (cos t, sin t) is class 0, the lower (1 - cos t, 0.5 - sin t) class 1, t in [0, π).
 * Both are moved so their box [-1, 2] x [-0.5, 1] is centred and scaled by 10/3, filling
 * [-5, 5] x [-2.5, 2.5]. Gaussian noise of deviation 2 * noise (0.6 * noise in scikit-learn's
 * units: clean at 0.1, strongly overlapping at 0.5). */
static void
gen_moons (Points *pts, double noise, NnRng *rng)
{
  const double scale = 10.0 / 3.0;
  double sd = 2.0 * noise;
  guint i = 0;

  for (guint c = 0; c < 2; c++)
    {
      guint n = share (pts->count, 2, c);

      for (guint j = 0; j < n; j++, i++)
        {
          double t = nn_rng_range (rng, 0.0, NN_PI);
          double mx, my, x, y;

          if (c == 0)
            {
              mx = nn_cos (t);
              my = nn_sin (t);
            }
          else
            {
              mx = 1.0 - nn_cos (t);
              my = 0.5 - nn_sin (t);
            }
          x = (mx - 0.5) * scale + sd * nn_rng_normal (rng);
          y = (my - 0.25) * scale + sd * nn_rng_normal (rng);

          put (pts, i, x, y, c);
        }
    }
}

/* The parity of the 3-unit square holding (x, y), counted from the board's corner (-6, -6);
 * the pattern continues outside the board for noisy points. */
static guint
checker_class (double x, double y)
{
  long i = (long) floor ((x + PLANE_RADIUS) / 3.0);
  long j = (long) floor ((y + PLANE_RADIUS) / 3.0);

  return (guint) ((i + j) & 1);
}

/* A 4x4 board of 3-unit squares on [-6, 6]². Point i picks a square of parity i % 2 (8 of
 * each), then a uniform spot in it: the points are uniform over the board, as if drawn
 * uniformly, yet the classes are exactly balanced at noise 0. Noise as xor: the label is read
 * at the point moved by uniform(-3, 3) * noise (up to half a square), the clean point stored. */
static void
gen_checkerboard (Points *pts, double noise, NnRng *rng)
{
  for (guint i = 0; i < pts->count; i++)
    {
      guint parity = i % 2;
      guint square = nn_rng_below (rng, 8);
      guint row = square / 2;
      guint col = 2 * (square % 2) + ((row + parity) & 1);
      /* The label is read from the point as stored (a float), so that rounding onto a
       * square's edge cannot give a point the other square's class. */
      double x = (float) (-PLANE_RADIUS + 3.0 * col + nn_rng_range (rng, 0.0, 3.0));
      double y = (float) (-PLANE_RADIUS + 3.0 * row + nn_rng_range (rng, 0.0, 3.0));
      double nx = nn_rng_range (rng, -3.0, 3.0) * noise;
      double ny = nn_rng_range (rng, -3.0, 3.0) * noise;

      put (pts, i, x, y, checker_class (x + nx, y + ny));
    }
}

/* Five round blobs, class c centred at radius 3.5 and angle 90° + c * 72° (class 0 at the
 * top), neighbours 4.1 apart; deviation 0.5 (8 deviations apart) at noise 0 growing to 1.5 at
 * noise 0.5 (neighbours overlap; 95% of the points still fall in [-6, 6]²). */
static void
gen_blobs5 (Points *pts, double noise, NnRng *rng)
{
  const double radius = 3.5;
  double sd = 0.5 + 2.0 * noise;
  guint i = 0;

  for (guint c = 0; c < 5; c++)
    {
      double a = NN_PI / 2.0 + 2.0 * NN_PI * c / 5.0;
      double cx = radius * nn_cos (a);
      double cy = radius * nn_sin (a);
      guint n = share (pts->count, 5, c);

      for (guint j = 0; j < n; j++, i++)
        {
          double x = cx + sd * nn_rng_normal (rng);
          double y = cy + sd * nn_rng_normal (rng);

          put (pts, i, x, y, c);
        }
    }
}

static void
gen_reg_plane (Points *pts, double noise, NnRng *rng)
{
  for (guint i = 0; i < pts->count; i++)
    {
      double x = nn_rng_range (rng, -PLANE_RADIUS, PLANE_RADIUS);
      double y = nn_rng_range (rng, -PLANE_RADIUS, PLANE_RADIUS);
      double nx = nn_rng_range (rng, -PLANE_RADIUS, PLANE_RADIUS) * noise;
      double ny = nn_rng_range (rng, -PLANE_RADIUS, PLANE_RADIUS) * noise;

      /* The Playground's linear map of x + y from [-10, 10] to [-1, 1], unclamped. */
      put (pts, i, x, y, (x + nx + y + ny) / 10.0);
    }
}

static double
reg_gauss_label (double x, double y)
{
  static const double gaussians[6][3] = {
    { -4, 2.5, 1 },   { 0, 2.5, -1 }, { 4, 2.5, 1 },
    { -4, -2.5, -1 }, { 0, -2.5, 1 }, { 4, -2.5, -1 },
  };
  double label = 0;

  /* The one largest in absolute value; each falls linearly from 1 at its centre to 0 at 2. */
  for (guint g = 0; g < G_N_ELEMENTS (gaussians); g++)
    {
      double dx = x - gaussians[g][0];
      double dy = y - gaussians[g][1];
      double v = gaussians[g][2] * MAX (0.0, 1.0 - sqrt (dx * dx + dy * dy) / 2.0);

      if (fabs (v) > fabs (label))
        label = v;
    }

  return label;
}

static void
gen_reg_gauss (Points *pts, double noise, NnRng *rng)
{
  for (guint i = 0; i < pts->count; i++)
    {
      double x = nn_rng_range (rng, -PLANE_RADIUS, PLANE_RADIUS);
      double y = nn_rng_range (rng, -PLANE_RADIUS, PLANE_RADIUS);
      double nx = nn_rng_range (rng, -PLANE_RADIUS, PLANE_RADIUS) * noise;
      double ny = nn_rng_range (rng, -PLANE_RADIUS, PLANE_RADIUS) * noise;

      put (pts, i, x, y, reg_gauss_label (x + nx, y + ny));
    }
}

NsDataset *
ns_dataset_generate (NsDatasetKind kind, guint count, double noise, double train_ratio, NnRng *rng)
{
  g_autofree float *xy = NULL;
  g_autofree float *y = NULL;
  g_autofree guint32 *order = NULL;
  Points pts;
  NsDataset *data;
  guint n_train;

  g_return_val_if_fail (ns_dataset_kind_is_plane (kind), NULL);
  g_return_val_if_fail (noise >= 0.0 && noise <= 0.5, NULL);
  g_return_val_if_fail (train_ratio >= 0.0 && train_ratio <= 1.0, NULL);
  g_return_val_if_fail (rng != NULL, NULL);

  xy = g_new (float, (gsize) count * 2);
  y = g_new (float, count);
  pts = (Points){ count, xy, y };

  switch (kind)
    {
    case NS_DATASET_CIRCLE:
      gen_circle (&pts, noise, rng);
      break;
    case NS_DATASET_XOR:
      gen_xor (&pts, noise, rng);
      break;
    case NS_DATASET_GAUSS:
      gen_gauss (&pts, noise, rng);
      break;
    case NS_DATASET_SPIRAL:
      gen_spiral_arms (&pts, 2, noise, rng);
      break;
    case NS_DATASET_MOONS:
      gen_moons (&pts, noise, rng);
      break;
    case NS_DATASET_CHECKERBOARD:
      gen_checkerboard (&pts, noise, rng);
      break;
    case NS_DATASET_SPIRAL3:
      gen_spiral_arms (&pts, 3, noise, rng);
      break;
    case NS_DATASET_BLOBS5:
      gen_blobs5 (&pts, noise, rng);
      break;
    case NS_DATASET_REG_PLANE:
      gen_reg_plane (&pts, noise, rng);
      break;
    case NS_DATASET_REG_GAUSS:
      gen_reg_gauss (&pts, noise, rng);
      break;
    case NS_DATASET_DIGITS:
    case NS_DATASET_APPLES:
    case NS_DATASET_IRIS:
    case NS_N_DATASET_KINDS:
    default:
      g_assert_not_reached ();
    }

  order = ns_dataset_split_order (count, train_ratio, rng, &n_train);
  data = ns_dataset_alloc (ns_dataset_kind_name (kind), 2, ns_dataset_kind_n_classes (kind),
                           n_train, count - n_train);

  for (guint i = 0; i < count; i++)
    {
      guint src = order[i];
      float *dx =
          i < n_train ? data->train_x + 2 * (gsize) i : data->test_x + 2 * (gsize) (i - n_train);
      float *dy = i < n_train ? data->train_y + i : data->test_y + (i - n_train);

      dx[0] = xy[2 * (gsize) src];
      dx[1] = xy[2 * (gsize) src + 1];
      *dy = y[src];
    }

  return data;
}
