/* test-data-hand-features.c: hand-crafted image features, worked by hand on tiny images. */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "ns-hand-features.h"

#define EPS 1e-6

/* ---- tiny images ---- */

static float *
grey_image (guint h, guint w)
{
  return g_new0 (float, (gsize) h *w);
}

/* A 3 x h x w image filled with one colour. */
static float *
rgb_image (guint h, guint w, float r, float g, float b)
{
  float *image = g_new (float, 3 * (gsize) h * w);

  for (gsize p = 0; p < (gsize) h * w; p++)
    {
      image[p] = r;
      image[(gsize) h * w + p] = g;
      image[2 * (gsize) h * w + p] = b;
    }
  return image;
}

static void
set_rgb (float *image, guint h, guint w, guint y, guint x, float r, float g, float b)
{
  gsize p = (gsize) y * w + x, hw = (gsize) h * w;

  image[p] = r;
  image[hw + p] = g;
  image[2 * hw + p] = b;
}

/* Pixels whose centre lies within radius of (cx, cy) (pixel centres at x + 0.5). */
static void
paint_disc (float *image,
            guint h,
            guint w,
            double cx,
            double cy,
            double radius,
            float r,
            float g,
            float b)
{
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        double dx = x + 0.5 - cx, dy = y + 0.5 - cy;

        if (dx * dx + dy * dy <= radius * radius)
          set_rgb (image, h, w, y, x, r, g, b);
      }
}

/* ---- names ---- */

static void
test_names (void)
{
  static const char *ids[] = { "zones",     "projections", "hog",    "colour",
                               "roundness", "stem",        "texture" };
  g_autoptr (GError) error = NULL;
  g_autofree char *all = NULL;
  guint mask = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == NS_N_HAND_FEATURES);
  for (int f = 0; f < NS_N_HAND_FEATURES; f++)
    {
      const char *blurb = ns_hand_feature_blurb (f);

      g_assert_cmpstr (ns_hand_feature_id (f), ==, ids[f]);
      g_assert_cmpint (ns_hand_feature_from_id (ids[f]), ==, f);
      g_assert_nonnull (ns_hand_feature_name (f));
      /* One sentence. */
      g_assert_true (g_str_has_suffix (blurb, "."));
      g_assert_null (strstr (blurb, ". "));
      g_assert_true (g_utf8_validate (blurb, -1, NULL));
    }
  g_assert_cmpint (ns_hand_feature_made_for (NS_HAND_HOG), ==, NS_HAND_IMAGES_DIGITS);
  g_assert_cmpint (ns_hand_feature_made_for (NS_HAND_STEM), ==, NS_HAND_IMAGES_APPLES);
  g_assert_cmpint (ns_hand_feature_from_id ("Zones"), ==, -1);
  g_assert_cmpint (ns_hand_feature_from_id (""), ==, -1);

  g_assert_true (ns_hand_features_parse ("hog, zones", &mask, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mask, ==, (1u << NS_HAND_ZONES) | (1u << NS_HAND_HOG));
  all = ns_hand_features_to_string (NS_HAND_FEATURES_ALL);
  g_assert_cmpstr (all, ==, "zones,projections,hog,colour,roundness,stem,texture");

  mask = 77;
  g_assert_false (ns_hand_features_parse ("zones,hogs", &mask, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "“hogs”"));
  g_assert_nonnull (strstr (error->message, "roundness"));
  g_assert_cmpuint (mask, ==, 77);
  g_clear_error (&error);
  g_assert_false (ns_hand_features_parse ("zones,,hog", &mask, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (ns_hand_features_parse ("", &mask, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

static void
test_dims (void)
{
  /* Digits. */
  g_assert_cmpuint (ns_hand_feature_dim (NS_HAND_ZONES, 1, 8, 8), ==, 16);
  g_assert_cmpuint (ns_hand_feature_dim (NS_HAND_PROJECTIONS, 1, 8, 8), ==, 16);
  g_assert_cmpuint (ns_hand_feature_dim (NS_HAND_HOG, 1, 8, 8), ==, 32);
  g_assert_cmpuint (ns_hand_features_dim (NS_HAND_FEATURES_DIGITS, 1, 8, 8), ==, 64);
  g_assert_false (ns_hand_feature_applies (NS_HAND_COLOUR, 1, 8, 8));
  g_assert_cmpuint (ns_hand_feature_dim (NS_HAND_COLOUR, 1, 8, 8), ==, 0);
  g_assert_cmpuint (ns_hand_features_dim (NS_HAND_FEATURES_APPLES, 1, 8, 8), ==, 0);
  g_assert_true (ns_hand_feature_applies (NS_HAND_ROUNDNESS, 1, 8, 8));
  /* Apples. */
  g_assert_cmpuint (ns_hand_feature_dim (NS_HAND_PROJECTIONS, 3, 16, 16), ==, 32);
  g_assert_cmpuint (ns_hand_features_dim (NS_HAND_FEATURES_APPLES, 3, 16, 16), ==, 7);
  /* Too small for 4 x 4 zones. */
  g_assert_false (ns_hand_feature_applies (NS_HAND_ZONES, 1, 3, 8));
  g_assert_false (ns_hand_feature_applies (NS_HAND_TEXTURE, 0, 8, 8));
  /* The starting sets. */
  g_assert_cmpuint (ns_hand_features_default (1, 8, 8), ==, NS_HAND_FEATURES_DIGITS);
  g_assert_cmpuint (ns_hand_features_default (3, 16, 16), ==, NS_HAND_FEATURES_APPLES);
  g_assert_cmpuint (ns_hand_features_default (1, 28, 28), ==, NS_HAND_FEATURES_DIGITS);
  g_assert_cmpuint (ns_hand_features_default (3, 2, 2), ==, 0);
}

static void
test_value_names (void)
{
  guint digits = NS_HAND_FEATURES_DIGITS, apples = NS_HAND_FEATURES_APPLES;
  static const struct
  {
    guint mask, c, h, w, index;
    const char *name;
  } cases[] = {
    { NS_HAND_FEATURES_DIGITS, 1, 8, 8, 0, "zones.r0c0" },
    { NS_HAND_FEATURES_DIGITS, 1, 8, 8, 6, "zones.r1c2" },
    { NS_HAND_FEATURES_DIGITS, 1, 8, 8, 16, "projections.row0" },
    { NS_HAND_FEATURES_DIGITS, 1, 8, 8, 29, "projections.col5" },
    { NS_HAND_FEATURES_DIGITS, 1, 8, 8, 32 + 12, "hog.c1b4" },
    { NS_HAND_FEATURES_DIGITS, 1, 8, 8, 63, "hog.c3b7" },
    { NS_HAND_FEATURES_APPLES, 3, 16, 16, 1, "colour.hue_sin" },
    { NS_HAND_FEATURES_APPLES, 3, 16, 16, 3, "colour.brightness" },
    { NS_HAND_FEATURES_APPLES, 3, 16, 16, 4, "roundness" },
    { NS_HAND_FEATURES_APPLES, 3, 16, 16, 6, "texture" },
    { (1u << NS_HAND_PROJECTIONS) | (1u << NS_HAND_STEM), 3, 16, 16, 32, "stem" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = ns_hand_features_value_name (cases[i].mask, cases[i].index,
                                                           cases[i].c, cases[i].h, cases[i].w);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
  g_assert_null (ns_hand_features_value_name (digits, 64, 1, 8, 8));
  g_assert_null (ns_hand_features_value_name (apples, 0, 1, 8, 8));
}

/* ---- digits ---- */

static void
test_zones_and_projections (void)
{
  g_autofree float *image = grey_image (8, 8);
  float out[32];
  g_autoptr (GError) error = NULL;

  /* Ink only in zone (row 1, column 2): rows 2-3, columns 4-5; one pixel of 0.8 in zone 0. */
  for (guint y = 2; y < 4; y++)
    for (guint x = 4; x < 6; x++)
      image[y * 8 + x] = 1;
  image[0] = 0.8f;

  g_assert_true (ns_hand_features_compute ((1u << NS_HAND_ZONES) | (1u << NS_HAND_PROJECTIONS),
                                           image, 1, 1, 8, 8, out, &error));
  g_assert_no_error (error);
  for (guint z = 0; z < 16; z++)
    g_assert_cmpfloat_with_epsilon (out[z], z == 6 ? 1.0 : z == 0 ? 0.2 : 0.0, EPS);
  /* Rows: row 0 holds 0.8 / 8, rows 2 and 3 hold 2 / 8. */
  for (guint y = 0; y < 8; y++)
    g_assert_cmpfloat_with_epsilon (out[16 + y], y == 0 ? 0.1 : (y == 2 || y == 3) ? 0.25 : 0, EPS);
  for (guint x = 0; x < 8; x++)
    g_assert_cmpfloat_with_epsilon (out[24 + x], x == 0 ? 0.1 : (x == 4 || x == 5) ? 0.25 : 0, EPS);
}

static void
test_zones_of_rgb (void)
{
  /* Ink is the mean of the channels; a 16 x 16 image has 4 x 4 pixel zones. */
  g_autofree float *image = rgb_image (16, 16, 0, 0, 0);
  g_autoptr (NsHandView) view = NULL;

  for (guint y = 12; y < 16; y++)
    for (guint x = 0; x < 2; x++)
      set_rgb (image, 16, 16, y, x, 1, 0.5f, 0);
  view = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpuint (view->zone_y[1], ==, 4);
  g_assert_cmpuint (view->zone_x[4], ==, 16);
  /* Zone (3, 0): 8 of 16 pixels with ink 0.5. */
  g_assert_cmpfloat_with_epsilon (view->zones[12], 0.25, EPS);
  g_assert_cmpfloat_with_epsilon (view->zones[13], 0, EPS);
  g_assert_cmpfloat_with_epsilon (view->col_ink[1], 4 * 0.5 / 16, EPS);
}

static void
test_hog_vertical_bar (void)
{
  g_autofree float *image = grey_image (8, 8);
  float hog[32];
  g_autoptr (GError) error = NULL;

  /* A vertical stroke in column 3: horizontal gradients (bin 0) beside it in columns 2 and 4,
   * magnitude 0.5 each; its two ends have vertical gradients (bin 4), 0.5 each. Cells are 4 x 4:
   * columns 2-3 are in the left cells, column 4 in the right ones. */
  for (guint y = 0; y < 8; y++)
    image[y * 8 + 3] = 1;
  g_assert_true (ns_hand_features_compute (1u << NS_HAND_HOG, image, 1, 1, 8, 8, hog, &error));
  g_assert_no_error (error);
  for (guint cell = 0; cell < 4; cell++)
    for (guint b = 0; b < 8; b++)
      {
        double expected = 0;

        if (b == 0)
          expected = 4 * 0.5 / 16;
        else if (b == 4 && cell % 2 == 0)
          expected = 0.5 / 16; /* the top end in cell 0, the bottom end in cell 2 */
        g_assert_cmpfloat_with_epsilon (hog[cell * 8 + b], expected, EPS);
      }
}

static void
test_hog_horizontal_and_diagonal (void)
{
  g_autofree float *image = grey_image (8, 8);
  g_autoptr (NsHandView) bar = NULL;
  g_autoptr (NsHandView) diagonal = NULL;
  double vertical = 0, horizontal = 0;

  /* A horizontal stroke in row 5, columns 1-6: 12 pixels above and below it have vertical
   * gradients of 0.5 (bin 4); its two end pixels and the two beyond them horizontal ones. */
  for (guint x = 1; x < 7; x++)
    image[5 * 8 + x] = 1;
  bar = ns_hand_view_new (image, 1, 8, 8);
  for (guint cell = 0; cell < 4; cell++)
    {
      vertical += bar->hog[cell * 8 + 4];
      for (guint b = 0; b < 8; b++)
        if (b != 4)
          horizontal += bar->hog[cell * 8 + b];
    }
  g_assert_cmpfloat_with_epsilon (vertical, 12 * 0.5 / 16, EPS);
  g_assert_cmpfloat_with_epsilon (horizontal, 4 * 0.5 / 16, EPS);

  /* A "\" diagonal: the pixels beside it have (gx, gy) = (-0.5, 0.5) (above) and (0.5, -0.5)
   * (below), both 135° folded, the centre of bin 6; none at 45° (bin 2). */
  memset (image, 0, 64 * sizeof (float));
  for (guint i = 0; i < 8; i++)
    image[i * 8 + i] = 1;
  diagonal = ns_hand_view_new (image, 1, 8, 8);
  g_assert_cmpfloat (diagonal->hog[0 * 8 + 6], >, 0);
  g_assert_cmpfloat (diagonal->hog[0 * 8 + 6], >, 2 * diagonal->hog[0 * 8 + 2]);
  g_assert_cmpfloat_with_epsilon (diagonal->hog[0 * 8 + 0], 0, EPS);
  g_assert_cmpfloat_with_epsilon (diagonal->hog[0 * 8 + 4], 0, EPS);
}

/* ---- apples ---- */

static void
test_red_disc (void)
{
  g_autofree float *image = rgb_image (16, 16, 0.5f, 0.5f, 0.5f);
  float out[7];
  g_autoptr (GError) error = NULL;
  g_autoptr (NsHandView) view = NULL;

  paint_disc (image, 16, 16, 8, 8, 5, 1, 0, 0);
  g_assert_true (
      ns_hand_features_compute (NS_HAND_FEATURES_APPLES, image, 1, 3, 16, 16, out, &error));
  g_assert_no_error (error);
  /* Pure red: hue 0°, fully saturated, full value. */
  g_assert_cmpfloat_with_epsilon (out[0], 1, EPS);
  g_assert_cmpfloat_with_epsilon (out[1], 0, EPS);
  g_assert_cmpfloat_with_epsilon (out[2], 1, EPS);
  g_assert_cmpfloat_with_epsilon (out[3], 1, EPS);
  g_assert_cmpfloat (out[4], >, 0.93);
  g_assert_cmpfloat (out[4], <=, 1);
  /* One colour: nothing darker at the top, no texture. */
  g_assert_cmpfloat_with_epsilon (out[5], 0, EPS);
  g_assert_cmpfloat_with_epsilon (out[6], 0, EPS);

  view = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpfloat_with_epsilon (view->background[0], 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (view->centre_x, 8, EPS);
  g_assert_cmpfloat_with_epsilon (view->centre_y, 8, EPS);
  g_assert_cmpfloat_with_epsilon (view->roundness, out[4], 1e-5);
  g_assert_cmpfloat_with_epsilon (view->hue, 0, EPS);
  g_assert_true (view->has_colour);
  g_assert_cmpuint (view->object[8 * 16 + 8], ==, 1);
  g_assert_cmpuint (view->object[0], ==, 0);
}

static void
test_roundness_square (void)
{
  g_autofree float *image = rgb_image (16, 16, 0.9f, 0.9f, 0.9f);
  g_autofree float *disc_image = rgb_image (16, 16, 0.9f, 0.9f, 0.9f);
  g_autoptr (NsHandView) view = NULL;
  g_autoptr (NsHandView) disc = NULL;
  guint outline = 0;

  /* A 3 x 3 square: its outline is the 8 pixels round the centre, 4 at distance 1 and 4 at
   * sqrt(2): mean (1 + sqrt 2) / 2, deviation (sqrt 2 - 1) / 2, roundness 2 sqrt(2) - 2. */
  for (guint y = 4; y < 7; y++)
    for (guint x = 4; x < 7; x++)
      set_rgb (image, 16, 16, y, x, 0.1f, 0.2f, 0.8f);
  view = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpuint (view->object_pixels, ==, 9);
  for (guint p = 0; p < 256; p++)
    outline += view->outline[p];
  g_assert_cmpuint (outline, ==, 8);
  g_assert_cmpuint (view->outline[5 * 16 + 5], ==, 0);
  g_assert_cmpfloat_with_epsilon (view->radius_mean, (1 + G_SQRT2) / 2, EPS);
  g_assert_cmpfloat_with_epsilon (view->radius_sd, (G_SQRT2 - 1) / 2, EPS);
  g_assert_cmpfloat_with_epsilon (view->roundness, 2 * G_SQRT2 - 2, EPS);
  g_clear_pointer (&view, ns_hand_view_free);

  /* An 8 x 8 square is less round than a disc of about its size. */
  for (guint y = 4; y < 12; y++)
    for (guint x = 4; x < 12; x++)
      set_rgb (image, 16, 16, y, x, 0.1f, 0.2f, 0.8f);
  view = ns_hand_view_new (image, 3, 16, 16);
  paint_disc (disc_image, 16, 16, 8, 8, 5, 0.1f, 0.2f, 0.8f);
  disc = ns_hand_view_new (disc_image, 3, 16, 16);
  g_test_message ("roundness: 8 x 8 square %.4f, disc of radius 5 %.4f", view->roundness,
                  disc->roundness);
  g_assert_cmpfloat (view->roundness, <, 0.9);
  g_assert_cmpfloat (disc->roundness, >, view->roundness + 0.04);
  g_clear_pointer (&view, ns_hand_view_free);

  /* A single pixel. */
  for (guint y = 0; y < 16; y++)
    for (guint x = 0; x < 16; x++)
      set_rgb (image, 16, 16, y, x, 0.9f, 0.9f, 0.9f);
  set_rgb (image, 16, 16, 7, 7, 0, 0, 0);
  view = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpuint (view->object_pixels, ==, 1);
  g_assert_cmpfloat (view->roundness, ==, 1);
}

static void
test_largest_patch (void)
{
  /* A speck of noise apart from the object is not part of it. */
  g_autofree float *image = rgb_image (16, 16, 0.2f, 0.6f, 0.2f);
  g_autoptr (NsHandView) view = NULL;

  paint_disc (image, 16, 16, 9, 9, 4, 1, 1, 0);
  set_rgb (image, 16, 16, 1, 2, 1, 1, 1);
  view = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpuint (view->object[1 * 16 + 2], ==, 0);
  g_assert_cmpuint (view->object[9 * 16 + 9], ==, 1);
  /* Yellow: hue 60°. */
  g_assert_cmpfloat_with_epsilon (view->hue, 60, 1e-4);
  g_assert_cmpfloat_with_epsilon (view->saturation, 1, EPS);
}

static void
test_holes_filled (void)
{
  g_autofree float *image = rgb_image (16, 16, 0.5f, 0.5f, 0.5f);
  g_autoptr (NsHandView) ring = NULL;
  g_autoptr (NsHandView) open_ring = NULL;

  /* A blue disc with a hole in the background's colour: the hole is the object's. */
  paint_disc (image, 16, 16, 8, 8, 6, 0, 0, 1);
  paint_disc (image, 16, 16, 8, 8, 2, 0.5f, 0.5f, 0.5f);
  ring = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpuint (ring->object[8 * 16 + 8], ==, 1);
  g_assert_cmpuint (ring->object[7 * 16 + 7], ==, 1);

  /* Cut open to the outside (a background-coloured band from the hole to the edge of the
   * disc, in row 8): no longer a hole. */
  for (guint x = 8; x < 16; x++)
    set_rgb (image, 16, 16, 8, x, 0.5f, 0.5f, 0.5f);
  open_ring = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpuint (open_ring->object[8 * 16 + 8], ==, 0);
  g_assert_cmpuint (open_ring->object[8 * 16 + 12], ==, 0);
  g_assert_cmpuint (open_ring->object_pixels, <, ring->object_pixels);
  g_assert_cmpuint (open_ring->object[4 * 16 + 8], ==, 1);
}

static void
test_stem (void)
{
  g_autofree float *image = rgb_image (16, 16, 0.5f, 0.5f, 0.5f);
  g_autoptr (NsHandView) with_stem = NULL;
  g_autoptr (NsHandView) without = NULL;
  double stem_lum = 0.299 * 0.3f + 0.587 * 0.15f + 0.114 * 0.0f, mean_lum;
  guint stem_pixels = 0;

  /* A red disc centred at (8, 9), its top row at y = 4 (4 pixels wide, not thin: the widest row
   * has 10), and a dark brown stem in column 7, rows 1-3. */
  paint_disc (image, 16, 16, 8, 9, 5, 1, 0, 0);
  without = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpfloat_with_epsilon (without->stem_score, 0, EPS);

  for (guint y = 1; y < 4; y++)
    set_rgb (image, 16, 16, y, 7, 0.3f, 0.15f, 0);
  with_stem = ns_hand_view_new (image, 3, 16, 16);
  g_assert_cmpuint (with_stem->object_pixels, ==, without->object_pixels + 3);
  mean_lum = (without->object_pixels * (double) (0.299f * 1.0f) + 3 * (double) (float) stem_lum)
             / with_stem->object_pixels;
  g_assert_cmpfloat_with_epsilon (with_stem->stem_score, 3 * (mean_lum - (float) stem_lum), 1e-5);
  for (guint p = 0; p < 256; p++)
    stem_pixels += with_stem->stem[p];
  g_assert_cmpuint (stem_pixels, ==, 3);
  g_assert_cmpuint (with_stem->stem[2 * 16 + 7], ==, 1);
}

static void
test_texture (void)
{
  g_autofree float *smooth = rgb_image (16, 16, 0.1f, 0.1f, 0.1f);
  g_autofree float *striped = rgb_image (16, 16, 0.1f, 0.1f, 0.1f);
  g_autoptr (NsHandView) smooth_view = NULL;
  g_autoptr (NsHandView) striped_view = NULL;

  /* Smooth shading (a linear ramp across the disc) has Laplacian 0. */
  for (guint y = 0; y < 16; y++)
    for (guint x = 0; x < 16; x++)
      {
        double dx = x + 0.5 - 8, dy = y + 0.5 - 8;

        if (dx * dx + dy * dy <= 36)
          set_rgb (smooth, 16, 16, y, x, 0.5f + 0.03f * x, 0.5f, 0.5f);
      }
  smooth_view = ns_hand_view_new (smooth, 3, 16, 16);
  g_assert_cmpfloat_with_epsilon (smooth_view->texture, 0, 1e-5);

  /* Stripes two rows wide, white and blue: each interior pixel next to a change of stripe has
   * |Laplacian| of 1 per changed neighbour in the channels that change. */
  paint_disc (striped, 16, 16, 8, 8, 6, 1, 1, 1);
  for (guint y = 0; y < 16; y++)
    for (guint x = 0; x < 16; x++)
      {
        double dx = x + 0.5 - 8, dy = y + 0.5 - 8;

        if (dx * dx + dy * dy <= 36 && (y / 2) % 2 == 0)
          set_rgb (striped, 16, 16, y, x, 0, 0, 1);
      }
  striped_view = ns_hand_view_new (striped, 3, 16, 16);
  g_assert_cmpfloat (striped_view->texture, >, 0.3);
}

static void
test_background_median (void)
{
  g_autofree float *image = grey_image (16, 16);
  g_autoptr (NsHandView) view = NULL;

  /* The border's 60 pixels: the top row and the left column (30) at 0.25, the bottom row and the
   * right column (30) at 0.55: the median is halfway, 0.4. */
  for (guint p = 0; p < 256; p++)
    image[p] = 0.4f;
  for (guint i = 0; i < 16; i++)
    {
      image[i] = 0.25f;
      image[15 * 16 + i] = 0.55f;
    }
  for (guint y = 1; y < 15; y++)
    {
      image[y * 16] = 0.25f;
      image[y * 16 + 15] = 0.55f;
    }
  view = ns_hand_view_new (image, 1, 16, 16);
  g_assert_cmpfloat_with_epsilon (view->background[0], 0.4, EPS);
  /* Nothing differs from it by more than 0.2 (the threshold). */
  g_assert_cmpuint (view->object_pixels, ==, 0);
  g_clear_pointer (&view, ns_hand_view_free);

  /* An object touching the border does not move the background off the majority's value. */
  for (guint p = 0; p < 256; p++)
    image[p] = 0.1f;
  for (guint y = 0; y < 16; y++)
    for (guint x = 0; x < 6; x++)
      image[y * 16 + x] = 0.9f;
  view = ns_hand_view_new (image, 1, 16, 16);
  g_assert_cmpfloat_with_epsilon (view->background[0], 0.1, EPS);
  g_assert_cmpuint (view->object_pixels, ==, 16 * 6);
}

static void
test_no_object (void)
{
  g_autofree float *image = rgb_image (8, 8, 0.3f, 0.4f, 0.5f);
  float out[7];
  g_autoptr (GError) error = NULL;

  g_assert_true (
      ns_hand_features_compute (NS_HAND_FEATURES_APPLES, image, 1, 3, 8, 8, out, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpfloat (out[i], ==, 0);
}

static void
test_compute_rows_and_errors (void)
{
  g_autofree float *images = g_new0 (float, 2 * 64);
  g_autofree float *out = g_new (float, 2 * 64);
  float untouched = 123;
  g_autoptr (GError) error = NULL;
  g_autoptr (NsHandView) second = NULL;

  /* Two images, all digit features: each row is zones, projections, hog of its own image. */
  for (guint p = 0; p < 64; p++)
    images[64 + p] = (float) ((p * 7) % 17) / 16;
  g_assert_true (
      ns_hand_features_compute (NS_HAND_FEATURES_DIGITS, images, 2, 1, 8, 8, out, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 64; i++)
    g_assert_cmpfloat (out[i], ==, 0);
  second = ns_hand_view_new (images + 64, 1, 8, 8);
  g_assert_cmpmem (out + 64, 16 * sizeof (float), second->zones, 16 * sizeof (float));
  g_assert_cmpmem (out + 64 + 16, 8 * sizeof (float), second->row_ink, 8 * sizeof (float));
  g_assert_cmpmem (out + 64 + 24, 8 * sizeof (float), second->col_ink, 8 * sizeof (float));
  g_assert_cmpmem (out + 64 + 32, 32 * sizeof (float), second->hog, 32 * sizeof (float));

  /* Colour on grey images: refused, naming the feature; out untouched. */
  out[0] = untouched;
  g_assert_false (ns_hand_features_compute (1u << NS_HAND_COLOUR, images, 2, 1, 8, 8, out, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "colour"));
  g_assert_cmpfloat (out[0], ==, untouched);
  g_clear_error (&error);
  g_assert_false (ns_hand_features_compute (0, images, 2, 1, 8, 8, out, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (ns_hand_features_compute (1u << NS_HAND_ZONES, images, 2, 1, 2, 32, out, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hand-features/names", test_names);
  g_test_add_func ("/hand-features/dims", test_dims);
  g_test_add_func ("/hand-features/value-names", test_value_names);
  g_test_add_func ("/hand-features/zones-projections", test_zones_and_projections);
  g_test_add_func ("/hand-features/zones-rgb", test_zones_of_rgb);
  g_test_add_func ("/hand-features/hog-vertical-bar", test_hog_vertical_bar);
  g_test_add_func ("/hand-features/hog-horizontal-diagonal", test_hog_horizontal_and_diagonal);
  g_test_add_func ("/hand-features/red-disc", test_red_disc);
  g_test_add_func ("/hand-features/roundness-square", test_roundness_square);
  g_test_add_func ("/hand-features/largest-patch", test_largest_patch);
  g_test_add_func ("/hand-features/holes-filled", test_holes_filled);
  g_test_add_func ("/hand-features/stem", test_stem);
  g_test_add_func ("/hand-features/texture", test_texture);
  g_test_add_func ("/hand-features/background-median", test_background_median);
  g_test_add_func ("/hand-features/no-object", test_no_object);
  g_test_add_func ("/hand-features/compute", test_compute_rows_and_errors);
  return g_test_run ();
}
