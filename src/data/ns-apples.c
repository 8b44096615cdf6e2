/* ns-apples.c: 16x16 RGB pictures of apples and balls, the course's example of learning from
 * feedback, made hard enough that colour alone does not tell them apart.
 *
 * Apples are red, green or yellow (with streaks of a second colour), with a dimple at the top,
 * a stem, sometimes a leaf, and a slightly irregular, tilted outline that narrows towards the
 * bottom. Balls are perfect circles of any colour (red, green and yellow ones included), plain
 * or with a seam, stripes or panels, and shinier on average. Both vary in size, position,
 * lighting, background and noise. Each pixel is the mean of SUPERSAMPLE x SUPERSAMPLE samples,
 * so small shapes stay visible. Every random number comes from the caller's stream, and the
 * maths is the engine's (nn-math.h) or exact IEEE (sqrt), so a seed gives the same bytes on
 * every machine. The per-sample work has no trigonometry (the outline from the cosine and
 * sine of the sample's direction, periodic patterns as parabolas): tens of thousands of
 * pictures take seconds.
 */
#include "ns-dataset-private.h"

#include <math.h>

#include "nn-math.h"

#define SIDE 16
#define SUPERSAMPLE 3

typedef enum
{
  PATTERN_PLAIN,
  PATTERN_SEAM,
  PATTERN_STRIPES,
  PATTERN_PANELS,
  N_PATTERNS
} BallPattern;

typedef struct
{
  double r, g, b;
} Rgb;

/* Everything one picture is drawn from. */
typedef struct
{
  gboolean apple;
  double cx, cy, radius; /* pixels */
  double tilt_cos, tilt_sin;
  Rgb colour, second;   /* body, and the apple's streaks or the ball's pattern */
  double streak_amount; /* apple: 0 .. 0.6 */
  double streak_freq, streak_phase;
  double harmonic[2];                      /* apple: the outline's irregularity, of 3 and 4 bumps */
  double harmonic_cos[2], harmonic_sin[2]; /* their phases' cosines and sines */
  double dimple_depth;                     /* apple */
  double stem_len, stem_lean, stem_width;
  Rgb stem_colour;
  gboolean leaf;
  double leaf_side; /* -1 or 1 */
  Rgb leaf_colour;
  BallPattern pattern;
  double pattern_cos, pattern_sin;
  guint stripes;
  double panel[5][3]; /* the football's panels around the centre one: unit vectors */
  double light[3], shine;
  Rgb bg_a, bg_b; /* the background's gradient from a to b along bg_dir */
  double bg_dir[2];
  double shadow; /* how dark the object's shadow is */
  double noise;
} Picture;

static Rgb
hsv (double h, double s, double v)
{
  double f, p, q, t;
  int i;

  h = h - floor (h);
  h *= 6.0;
  i = (int) h;
  f = h - i;
  p = v * (1 - s);
  q = v * (1 - s * f);
  t = v * (1 - s * (1 - f));
  switch (i % 6)
    {
    case 0:
      return (Rgb){ v, t, p };
    case 1:
      return (Rgb){ q, v, p };
    case 2:
      return (Rgb){ p, v, t };
    case 3:
      return (Rgb){ p, q, v };
    case 4:
      return (Rgb){ t, p, v };
    default:
      return (Rgb){ v, p, q };
    }
}

static Rgb
mix (Rgb a, Rgb b, double t)
{
  return (Rgb){ a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

static Rgb
scale_rgb (Rgb a, double k)
{
  return (Rgb){ a.r * k, a.g * k, a.b * k };
}

/* An apple's colours: red, green or yellow, each a little varied. */
static double
apple_hue (NnRng *rng)
{
  static const double hues[] = { 0.995, 0.27, 0.14 };

  return hues[nn_rng_below (rng, G_N_ELEMENTS (hues))] + nn_rng_range (rng, -0.035, 0.035);
}

static void
draw_parameters (Picture *p, gboolean apple, NnRng *rng)
{
  double tilt = nn_rng_range (rng, -0.45, 0.45);
  double light_angle = nn_rng_range (rng, 0, 2 * NN_PI);
  double light_height = nn_rng_range (rng, 0.4, 0.9);
  double bg_angle = nn_rng_range (rng, 0, 2 * NN_PI);
  double bg_hue = nn_rng_uniform_double (rng);
  double bg_sat = nn_rng_uniform_double (rng) < 0.7 ? nn_rng_range (rng, 0.0, 0.25)
                                                    : nn_rng_range (rng, 0.3, 0.8);
  double bg_val = nn_rng_range (rng, 0.25, 0.95);
  double lxy;

  p->apple = apple;
  p->radius = nn_rng_range (rng, 3.6, 6.6);
  p->cx = nn_rng_range (rng, 2.0 + p->radius * 0.7, SIDE - 2.0 - p->radius * 0.7);
  p->cy = nn_rng_range (rng, 3.0 + p->radius * 0.7, SIDE - 1.0 - p->radius * 0.7);
  p->tilt_cos = nn_cos (tilt);
  p->tilt_sin = nn_sin (tilt);

  lxy = sqrt (1 - light_height * light_height);
  p->light[0] = lxy * nn_cos (light_angle);
  p->light[1] = lxy * nn_sin (light_angle);
  p->light[2] = light_height;

  p->bg_a = hsv (bg_hue, bg_sat, bg_val);
  p->bg_b = hsv (bg_hue + nn_rng_range (rng, -0.08, 0.08), bg_sat,
                 CLAMP (bg_val + nn_rng_range (rng, -0.35, 0.35), 0.1, 1.0));
  p->bg_dir[0] = nn_cos (bg_angle);
  p->bg_dir[1] = nn_sin (bg_angle);
  p->shadow = nn_rng_range (rng, 0.0, 0.45);
  p->noise = nn_rng_range (rng, 0.01, 0.07);

  if (apple)
    {
      double hue = apple_hue (rng);

      p->colour = hsv (hue, nn_rng_range (rng, 0.6, 0.95), nn_rng_range (rng, 0.55, 0.95));
      p->second =
          hsv (apple_hue (rng), nn_rng_range (rng, 0.5, 0.9), nn_rng_range (rng, 0.5, 0.95));
      p->streak_amount = nn_rng_range (rng, 0.0, 0.6);
      p->streak_freq = (double) (5 + nn_rng_below (rng, 5));
      p->streak_phase = nn_rng_range (rng, 0, 2 * NN_PI);
      for (guint k = 0; k < 2; k++)
        {
          double phase;

          p->harmonic[k] = nn_rng_range (rng, 0.0, 0.06);
          phase = nn_rng_range (rng, 0, 2 * NN_PI);
          p->harmonic_cos[k] = nn_cos (phase);
          p->harmonic_sin[k] = nn_sin (phase);
        }
      p->dimple_depth = nn_rng_range (rng, 0.1, 0.24);
      p->stem_len = nn_rng_range (rng, 0.3, 0.6);
      p->stem_lean = nn_rng_range (rng, -0.35, 0.35);
      p->stem_width = nn_rng_range (rng, 0.09, 0.16);
      p->stem_colour = hsv (nn_rng_range (rng, 0.06, 0.1), nn_rng_range (rng, 0.5, 0.8),
                            nn_rng_range (rng, 0.2, 0.45));
      p->leaf = nn_rng_uniform_double (rng) < 0.45;
      p->leaf_side = nn_rng_below (rng, 2) ? 1.0 : -1.0;
      p->leaf_colour = hsv (nn_rng_range (rng, 0.24, 0.36), nn_rng_range (rng, 0.6, 0.9),
                            nn_rng_range (rng, 0.35, 0.75));
      p->shine = nn_rng_range (rng, 0.0, 0.35);
    }
  else
    {
      /* Four in ten balls take an apple's colour, so colour alone cannot decide. */
      double hue =
          nn_rng_uniform_double (rng) < 0.4 ? apple_hue (rng) : nn_rng_uniform_double (rng);
      double pattern_angle = nn_rng_range (rng, 0, 2 * NN_PI);

      p->colour = hsv (hue, nn_rng_range (rng, 0.45, 0.95), nn_rng_range (rng, 0.5, 0.95));
      p->pattern = (BallPattern) nn_rng_below (rng, N_PATTERNS);
      p->second = nn_rng_below (rng, 2)
                      ? hsv (0, 0, nn_rng_range (rng, 0.85, 1.0))
                      : hsv (nn_rng_uniform_double (rng), nn_rng_range (rng, 0.3, 1.0),
                             nn_rng_range (rng, 0.1, 0.9));
      p->pattern_cos = nn_cos (pattern_angle);
      p->pattern_sin = nn_sin (pattern_angle);
      p->stripes = 2 + nn_rng_below (rng, 3);
      for (guint k = 0; k < 5; k++)
        {
          double a = k * (2 * NN_PI / 5);
          double px = 0.85 * nn_cos (a), py = 0.85 * nn_sin (a);

          p->panel[k][0] = px * p->pattern_cos - py * p->pattern_sin;
          p->panel[k][1] = px * p->pattern_sin + py * p->pattern_cos;
          p->panel[k][2] = 0.53;
        }
      p->shine = nn_rng_range (rng, 0.1, 0.6);
    }
}

/* A smooth periodic bump of period 1: 0 at whole numbers, 1 halfway (like (1 - cos) / 2). */
static inline double
wave (double x)
{
  double f = x - floor (x);

  return 4.0 * f * (1.0 - f);
}

/* sin (pi s) for s in [-1, 1], as a parabola: 0 at -1, 0 and 1, +-1 at +-1/2. */
static inline double
sine_arch (double s)
{
  return 4.0 * s * (1.0 - fabs (s));
}

/* The ball's pattern at the sphere point (nx, ny, nz): TRUE where the second colour shows. */
static gboolean
ball_pattern (const Picture *p, double nx, double ny, double nz)
{
  double s = nx * p->pattern_cos + ny * p->pattern_sin;
  double q = -nx * p->pattern_sin + ny * p->pattern_cos;

  switch (p->pattern)
    {
    case PATTERN_SEAM:
      {
        double seam = 0.45 * sine_arch (s);
        return fabs (q - seam) < 0.1 || fabs (q + seam) < 0.1;
      }
    case PATTERN_STRIPES:
      return ((int) floor ((s + 1.0) * p->stripes)) % 2 == 1;
    case PATTERN_PANELS:
      {
        /* A centre panel and five around it, as on a football. */
        if (nz > 0.93 - 0.05 * q)
          return TRUE;
        for (guint k = 0; k < 5; k++)
          if (nx * p->panel[k][0] + ny * p->panel[k][1] + nz * p->panel[k][2] > 0.94)
            return TRUE;
        return FALSE;
      }
    case PATTERN_PLAIN:
    case N_PATTERNS:
    default:
      return FALSE;
    }
}

/* Light on the sphere point (nx, ny, nz) of a body coloured @c: diffuse plus a highlight. */
static Rgb
lit (const Picture *p, Rgb c, double nx, double ny, double nz)
{
  double diffuse = nx * p->light[0] + ny * p->light[1] + nz * p->light[2];
  double h[3] = { p->light[0], p->light[1], p->light[2] + 1.0 };
  double hn = sqrt (h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
  double spec = MAX (0.0, (nx * h[0] + ny * h[1] + nz * h[2]) / hn);
  double k = 0.3 + 0.75 * MAX (0.0, diffuse);

  for (guint i = 0; i < 4; i++)
    spec *= spec; /* spec^16 */
  spec *= p->shine;
  return (Rgb){ c.r * k + spec, c.g * k + spec, c.b * k + spec };
}

/* The colour at (x, y) in pixels. */
static Rgb
sample (const Picture *p, double x, double y)
{
  double dx = x - p->cx, dy = y - p->cy;
  /* Object coordinates: u to the right, v downwards, the apple's top at v < 0. */
  double u = dx * p->tilt_cos + dy * p->tilt_sin;
  double v = -dx * p->tilt_sin + dy * p->tilt_cos;
  double t = (x / SIDE - 0.5) * p->bg_dir[0] + (y / SIDE - 0.5) * p->bg_dir[1] + 0.5;
  Rgb bg = mix (p->bg_a, p->bg_b, CLAMP (t, 0.0, 1.0));
  double d = sqrt (u * u + v * v);
  double r = p->radius;

  /* The shadow below the object, on the background. */
  {
    double sx = dx / r, sy = (dy - 0.85 * r) / (0.35 * r);
    double s2 = sx * sx + sy * sy;

    if (s2 < 1.0)
      bg = scale_rgb (bg, 1.0 - p->shadow * (1.0 - s2));
  }

  if (p->apple)
    {
      double top = r * (1.0 - p->dimple_depth);
      double su, sv, lean, along, across;

      /* Stem: from the dimple's bottom, up and leaning. */
      lean = p->stem_lean;
      su = u - lean * (-(v + top)) * 0.5;
      sv = v + top;
      along = -sv / r;
      across = fabs (su) / r;
      if (along >= -0.05 && along <= p->stem_len && across < p->stem_width * 0.5 + 0.04)
        return p->stem_colour;
      if (p->leaf)
        {
          /* An ellipse beside the stem's top, tilted up and out. */
          double lu = (u - p->leaf_side * 0.3 * r) / r, lv = (v + top + 0.75 * p->stem_len * r) / r;
          double a = (lu * 0.8 + lv * 0.6 * p->leaf_side) / 0.3;
          double b = (-lu * 0.6 * p->leaf_side + lv * 0.8) / 0.13;

          if (a * a + b * b < 1.0)
            return lit (p, p->leaf_colour, lu, lv, 0.6);
        }
      if (d < r * 1.15)
        {
          /* The direction from the centre, angle a from the top: cos a and sin a. */
          double ca = d > 0 ? -v / d : 1.0, sa = d > 0 ? u / d : 0.0;
          double c3 = ca * (4 * ca * ca - 3), s3 = sa * (3 - 4 * sa * sa);
          double c4 = 8 * ca * ca * (ca * ca - 1) + 1, s4 = 4 * sa * ca * (2 * ca * ca - 1);
          /* The dimple: a bump about the top, gone 0.43 rad (25 degrees) away. */
          double near_top = MAX (0.0, 1.0 - (1.0 - ca) / 0.09);
          double edge =
              r
              * (1.0 + p->harmonic[0] * (c3 * p->harmonic_cos[0] - s3 * p->harmonic_sin[0])
                 + p->harmonic[1] * (c4 * p->harmonic_cos[1] - s4 * p->harmonic_sin[1])
                 - 0.07 * (1.0 - ca) / 2.0 - p->dimple_depth * near_top * near_top);

          if (d < edge)
            {
              double nx = u / edge, ny = v / edge;
              double nz = sqrt (MAX (0.0, 1.0 - nx * nx - ny * ny));
              /* Streaks from top to bottom: a wave across the apple. */
              double streak = p->streak_amount
                              * wave (p->streak_freq * 0.25 * nx + p->streak_phase / (2 * NN_PI));
              Rgb body = mix (p->colour, p->second, streak);

              return lit (p, body, nx, ny, nz);
            }
        }
      return bg;
    }

  if (d < r)
    {
      double nx = u / r, ny = v / r;
      double nz = sqrt (MAX (0.0, 1.0 - nx * nx - ny * ny));

      return lit (p, ball_pattern (p, nx, ny, nz) ? p->second : p->colour, nx, ny, nz);
    }
  return bg;
}

/* Draws one picture into @out (3 x SIDE x SIDE, channel-major). */
static void
draw_picture (gboolean apple, NnRng *rng, float *out)
{
  Picture p = { 0 };
  const gsize plane = SIDE * SIDE;

  draw_parameters (&p, apple, rng);
  for (guint y = 0; y < SIDE; y++)
    for (guint x = 0; x < SIDE; x++)
      {
        Rgb sum = { 0, 0, 0 };
        double c[3];

        for (guint sy = 0; sy < SUPERSAMPLE; sy++)
          for (guint sx = 0; sx < SUPERSAMPLE; sx++)
            {
              Rgb s = sample (&p, x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE);

              sum.r += s.r;
              sum.g += s.g;
              sum.b += s.b;
            }
        c[0] = sum.r / (SUPERSAMPLE * SUPERSAMPLE);
        c[1] = sum.g / (SUPERSAMPLE * SUPERSAMPLE);
        c[2] = sum.b / (SUPERSAMPLE * SUPERSAMPLE);
        for (guint ch = 0; ch < 3; ch++)
          {
            /* Triangular noise of unit variance, the sum of two uniforms: cheaper than a
             * normal draw, and as good for speckle. */
            double speckle = (nn_rng_uniform_double (rng) + nn_rng_uniform_double (rng) - 1.0)
                             * G_SQRT2 * 1.7320508075688772;
            double value = c[ch] + p.noise * speckle;

            out[ch * plane + y * SIDE + x] = (float) CLAMP (value, 0.0, 1.0);
          }
      }
}

NsDataset *
ns_dataset_generate_apples (guint count, NnRng *rng)
{
  g_autoptr (NsDataset) all = NULL;
  NsDataset *data;
  const guint n_inputs = 3 * SIDE * SIDE;

  g_return_val_if_fail (count >= 2, NULL);
  g_return_val_if_fail (rng != NULL, NULL);

  all = ns_dataset_alloc ("apples", n_inputs, 2, count, 0);
  g_strfreev (all->class_names);
  all->class_names = g_strsplit ("apple,ball", ",", -1);
  for (guint i = 0; i < count; i++)
    {
      /* Apples and balls alternate: half each (the extra one of an odd count an apple). */
      gboolean apple = i % 2 == 0;

      draw_picture (apple, rng, all->train_x + (gsize) i * n_inputs);
      all->train_y[i] = apple ? 0.0f : 1.0f;
    }
  all->image_channels = 3;
  all->image_height = SIDE;
  all->image_width = SIDE;
  all->x_min = all->y_min = 0.0;
  all->x_max = all->y_max = 1.0;
  data = ns_dataset_split_stratified (all, NS_DATASET_TEST_SHARE, rng);
  return data;
}
