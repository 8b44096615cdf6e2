/* test-render-images.c: the image pictures (ns-render-images.h) on made-up data: what each
 * builder puts into its scene, and a PNG and SVG of each; every picture, the comparison ones
 * (ns-render-compare.h) too, in a small panel and on bad input. The comparison pictures themselves
 * are in test-render-compare-images.c.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ns-colormap.h"
#include "ns-render-chart.h"
#include "ns-render-compare.h"
#include "ns-render-images.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"
#include "ns-test-images.h"
#include "ns-test-render.h"

/* ---- 1. the gallery ---- */

static void
test_gallery (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  float digits[20][64];
  NsGallerySample samples[20];
  NsRenderStyle style;
  const NsHitRegion *hit;
  const NsImage *first;
  guint n;

  for (guint i = 0; i < 20; i++)
    {
      make_digit (digits[i], i % 10, i / 10);
      samples[i] = (NsGallerySample){ digits[i], (int) (i % 10), i == 7 ? 1 : (int) (i % 10),
                                      100 + (int) i, i == 7 ? 0.934 : 0 };
    }
  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  n = ns_render_sample_gallery (scene, &style, 20, 20, WIDTH - 40, HEIGHT - 40, samples, 20, 1, 8,
                                8, digit_names, 10);
  dump_png (scene, "gallery.png");
  g_assert_cmpuint (n, ==, 20);
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 20);
  check_inside_and_crisp (scene, 20, 20, WIDTH - 40, HEIGHT - 40);

  /* Large on a 1024 x 768 area: at least 8 screen pixels per image pixel. */
  first = nth_image (scene, 0);
  g_assert_cmpfloat (first->width, >=, 64);
  /* Ink is dark on light: the ring's pixel (3, 1) of a 0 is darker than its corner. */
  g_assert_cmpuint (first->pixels[1 * 8 + 3] & 0xff, <, first->pixels[0] & 0xff);

  /* Right and wrong: 19 ticks, one cross naming the predicted class, in the style's colours. */
  g_assert_true (has_text (scene, "\u2717 1  93%"));
  g_assert_true (same_rgb (&find_text (scene, "\u2717 1  93%")->color, &style.negative));
  g_assert_true (same_rgb (&find_text (scene, "\u2713")->color, &style.positive));
  g_assert_true (has_text (scene, "9"));

  /* Clicking a sample's image reports its index. */
  hit = ns_scene_hit_test (scene, first->x + first->width / 2, first->y + first->height / 2);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, NS_HIT_POINT);
  g_assert_cmpint (hit->input, ==, 100);
  first = nth_image (scene, 13);
  hit = ns_scene_hit_test (scene, first->x + 1, first->y + 1);
  g_assert_cmpint (hit->input, ==, 113);
  check_exports (scene);
}

static void
test_gallery_rgb_and_overflow (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  const char *names[] = { "apple", "ball" };
  g_autofree float *images = g_new (float, 400 * 768);
  g_autofree NsGallerySample *samples = g_new (NsGallerySample, 400);
  NsRenderStyle style;
  const NsImage *image;
  guint n;

  for (guint i = 0; i < 400; i++)
    {
      make_apple_or_ball (images + i * 768, i % 2 == 0, i % 4);
      samples[i] = (NsGallerySample){ images + i * 768, (int) (i % 2), -1, (int) i };
    }
  ns_render_style_init (&style, TRUE, 2.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  n = ns_render_sample_gallery (scene, &style, 0, 0, WIDTH, HEIGHT, samples, 24, 3, 16, 16, names,
                                2);
  dump_png (scene, "gallery-apples-dark-2x.png");
  g_assert_cmpuint (n, ==, 24);
  check_inside_and_crisp (scene, 0, 0, WIDTH, HEIGHT);
  g_assert_true (has_text (scene, "apple"));
  g_assert_false (has_text (scene, "\u2713"));
  /* Pixel (0, 0) is the pale ground, the centre red: RGB kept, not greyed. */
  image = nth_image (scene, 0);
  g_assert_cmphex (image->pixels[8 * 16 + 8], ==, 0xffcc1a1a);

  /* 400 do not fit: as many as fit, each image at least its own size. */
  ns_scene_clear (scene);
  n = ns_render_sample_gallery (scene, &style, 0, 0, 400, 300, samples, 400, 3, 16, 16, names, 2);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 400);
  g_assert_cmpuint (count_images (scene, 16, 16), ==, n);
  g_assert_cmpuint (ns_scene_get_n_hits (scene), ==, n);
  check_inside_and_crisp (scene, 0, 0, 400, 300);

  /* Nothing, or no room: nothing drawn, no crash. */
  ns_scene_clear (scene);
  g_assert_cmpuint (
      ns_render_sample_gallery (scene, &style, 0, 0, 5, 5, samples, 4, 3, 16, 16, names, 2), ==, 0);
  g_assert_cmpuint (
      ns_render_sample_gallery (scene, &style, 0, 0, 500, 500, NULL, 0, 3, 16, 16, names, 2), ==,
      0);
}

/* ---- 2. filters ---- */

static void
test_filters (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autofree float *first = make_kernels (8, 1, 3);
  g_autofree float *second = make_kernels (16, 8, 3);
  g_autofree float *rgb = make_kernels (8, 3, 5);
  NsRenderStyle style;
  const NsImage *image;
  float max = 0;
  guint k_max = 0;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  ns_render_filters (scene, &style, 16, 16, WIDTH - 32, HEIGHT - 32, "conv 3x3, 8 ch: filters",
                     first, 8, 1, 3, 3, FALSE);
  dump_png (scene, "filters-first.png");
  g_assert_cmpuint (count_images (scene, 3, 3), ==, 8);
  check_inside_and_crisp (scene, 16, 16, WIDTH - 32, HEIGHT - 32);
  g_assert_true (has_text (scene, "conv 3x3, 8 ch: filters"));
  g_assert_true (has_text_containing (scene, "one scale for the whole layer"));
  g_assert_true (has_text (scene, "8"));
  /* The layer's largest |weight| is full colour: blue if positive, orange if negative; and the
   * colour bar is labelled with ±that scale. */
  for (guint k = 0; k < 72; k++)
    if (fabsf (first[k]) > max)
      {
        max = fabsf (first[k]);
        k_max = k;
      }
  image = nth_image (scene, k_max / 9);
  g_assert_cmphex (image->pixels[k_max % 9], ==,
                   argb_of (first[k_max] > 0 ? &style.positive : &style.negative));
  {
    g_autofree char *label = ns_render_format_number (max, 2);
    g_autofree char *minus = ns_render_format_number (-max, 2);

    g_assert_true (has_text (scene, label));
    g_assert_true (has_text (scene, minus));
  }

  /* A second layer: 16 rows of 8 input channels' kernels, numbered. */
  ns_scene_clear (scene);
  ns_render_filters (scene, &style, 0, 0, WIDTH, HEIGHT, "conv 3x3, 16 ch", second, 16, 8, 3, 3,
                     FALSE);
  dump_png (scene, "filters-second.png");
  g_assert_cmpuint (count_images (scene, 3, 3), ==, 128);
  g_assert_true (has_text (scene, "in 1"));
  g_assert_true (has_text (scene, "out 1"));
  g_assert_true (has_text (scene, "16"));
  check_inside_and_crisp (scene, 0, 0, WIDTH, HEIGHT);

  /* Colour inputs: one colour image per output channel; a zero weight is mid grey. */
  ns_scene_clear (scene);
  rgb[0] = rgb[25] = rgb[50] = 0;
  ns_render_filters (scene, &style, 0, 0, WIDTH, HEIGHT, "conv 5x5 on colour", rgb, 8, 3, 5, 5,
                     TRUE);
  dump_png (scene, "filters-rgb.png");
  g_assert_cmpuint (count_images (scene, 5, 5), ==, 8);
  g_assert_cmphex (nth_image (scene, 0)->pixels[0], ==, 0xff808080);
  g_assert_true (has_text_containing (scene, "red, green, blue"));
  check_inside_and_crisp (scene, 0, 0, WIDTH, HEIGHT);

  /* Too small for all: some, and the legend says how many of how many. */
  ns_scene_clear (scene);
  ns_render_filters (scene, &style, 0, 0, 300, 200, NULL, second, 16, 8, 3, 3, FALSE);
  g_assert_cmpuint (count_images (scene, 3, 3), <, 128);
  g_assert_true (has_text_containing (scene, " of 128"));
  check_inside_and_crisp (scene, 0, 0, 300, 200);
  check_exports (scene);
}

static void
test_dense_weights (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autofree float *weights = make_kernels (32, 1, 8);
  NsRenderStyle style;

  ns_render_style_init (&style, TRUE, 1.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  ns_render_dense_weights (scene, &style, 10, 10, WIDTH - 20, HEIGHT - 20,
                           "Dense 32 on pixels: each neuron's weights", weights, 32, 1, 8, 8);
  dump_png (scene, "dense-weights-dark.png");
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 32);
  g_assert_true (has_text (scene, "32"));
  check_inside_and_crisp (scene, 10, 10, WIDTH - 20, HEIGHT - 20);
  /* Neuron 2's image shows weights 128 … 191 in order. */
  {
    NsColormap map;
    float scale = 0;

    for (guint k = 0; k < 32 * 64; k++)
      scale = MAX (scale, fabsf (weights[k]));
    ns_colormap_init_values (&map, &style, -scale, scale);
    for (guint p = 0; p < 64; p++)
      g_assert_cmphex (nth_image (scene, 2)->pixels[p], ==,
                       ns_colormap_lookup (&map, weights[128 + p]));
  }
  check_exports (scene);
}

/* ---- 3. feature maps ---- */

static void
test_feature_maps (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  float digit[64], conv[8 * 64], pool[8 * 16];
  NsImageData input = { digit, 1, 8, 8 };
  NsFeatureMapLayer layers[] = {
    { "conv 3x3, 8 ch, relu", conv, 8, 8, 8 },
    { "max-pool 2x2", pool, 8, 4, 4 },
  };
  NsRenderStyle style;
  const NsImage *image;

  make_digit (digit, 0, 0);
  for (guint c = 0; c < 8; c++)
    for (guint p = 0; p < 64; p++)
      conv[c * 64 + p] = MAX (0.0f, digit[p] * (c + 1) * 0.3f - 0.2f * (p % 8) * (c % 3));
  for (guint c = 0; c < 8; c++)
    for (guint y = 0; y < 4; y++)
      for (guint x = 0; x < 4; x++)
        {
          const float *m = conv + c * 64;
          pool[c * 16 + y * 4 + x] =
              MAX (MAX (m[2 * y * 8 + 2 * x], m[2 * y * 8 + 2 * x + 1]),
                   MAX (m[(2 * y + 1) * 8 + 2 * x], m[(2 * y + 1) * 8 + 2 * x + 1]));
        }

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  ns_render_feature_maps (scene, &style, 16, 16, WIDTH - 32, HEIGHT - 32, &input, layers, 2,
                          NS_FEATURE_SCALE_LAYER);
  dump_png (scene, "feature-maps.png");
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1 + 8);
  g_assert_cmpuint (count_images (scene, 4, 4), ==, 8);
  g_assert_true (has_text (scene, "Input"));
  g_assert_true (has_text_prefix (scene, "conv 3x3, 8 ch, relu"));
  g_assert_true (has_text_containing (scene, "One scale per layer"));
  g_assert_true (has_text (scene, "8")); /* the maps are numbered as the filters */
  check_inside_and_crisp (scene, 16, 16, WIDTH - 32, HEIGHT - 32);
  /* One scale per layer: channel 0 (its values are the smallest) never reaches full blue. */
  image = nth_image (scene, 1);
  for (guint p = 0; p < 64; p++)
    g_assert_cmphex (image->pixels[p], !=, argb_of (&style.positive));

  /* Each map on its own: channel 0's largest value is full blue. */
  ns_scene_clear (scene);
  ns_render_feature_maps (scene, &style, 0, 0, WIDTH, HEIGHT, &input, layers, 2,
                          NS_FEATURE_SCALE_MAP);
  dump_png (scene, "feature-maps-per-map.png");
  g_assert_true (has_text_containing (scene, "Each map on its own scale"));
  {
    gboolean full = FALSE;

    image = nth_image (scene, 1);
    for (guint p = 0; p < 64; p++)
      full = full || image->pixels[p] == argb_of (&style.positive);
    g_assert_true (full);
  }
  check_exports (scene);

  /* Negative values (no relu): orange appears. */
  ns_scene_clear (scene);
  conv[5] = -3;
  ns_render_feature_maps (scene, &style, 0, 0, WIDTH, HEIGHT, NULL, layers, 1,
                          NS_FEATURE_SCALE_LAYER);
  g_assert_cmphex (nth_image (scene, 0)->pixels[5], ==, argb_of (&style.negative));
}

/* ---- 4. class probabilities ---- */

static void
test_probabilities (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  const float probs[] = { 0.01f, 0.02f, 0.05f, 0.6f, 0.02f, 0.1f, 0.01f, 0.04f, 0.12f, 0.03f };
  NsRenderStyle style;
  guint n_blue = 0;
  const NsText *text;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_images_begin (scene, &style, 480, 420);
  ns_render_class_probabilities (scene, &style, 10, 10, 460, 400, probs, 10, digit_names, 8);
  dump_png (scene, "probabilities.png");
  check_inside_and_crisp (scene, 10, 10, 460, 400);
  g_assert_true (has_text (scene, "60.0%"));
  g_assert_true (has_text (scene, "12.0%"));
  g_assert_true (has_text (scene, "\u2190 true"));
  /* The argmax alone is blue and bold. */
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);
      if (prim->kind == NS_PRIM_RECT && prim->rect.fill.a > 0
          && ns_color_equal (&prim->rect.fill, &style.positive))
        n_blue++;
    }
  g_assert_cmpuint (n_blue, ==, 1);
  text = find_text (scene, "3");
  g_assert_cmpint (text->role, ==, NS_TEXT_TITLE);
  g_assert_cmpint (find_text (scene, "8")->role, ==, NS_TEXT_LABEL);
  /* The true class's row holds the mark: same height as its name. */
  g_assert_cmpfloat_with_epsilon (find_text (scene, "\u2190 true")->y, find_text (scene, "8")->y,
                                  1e-9);
  check_exports (scene);
}

/* ---- 5. the drawing pad ---- */

static void
test_drawing_pad (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  float pad[28 * 28], small[64];
  NsImageData seen = { small, 1, 8, 8 };
  NsRenderStyle style;
  NsPadPlace place;
  const NsHitRegion *hit;

  memset (pad, 0, sizeof pad);
  for (int y = 4; y < 24; y++)
    pad[y * 28 + 14 + (24 - y) / 4] = pad[y * 28 + 13 + (24 - y) / 4] = 1;
  make_digit (small, 1, 0);

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  ns_render_drawing_pad (scene, &style, 20, 20, WIDTH - 40, HEIGHT - 40, pad, 28, 28, &seen,
                         &place);
  dump_png (scene, "drawing-pad.png");
  check_inside_and_crisp (scene, 20, 20, WIDTH - 40, HEIGHT - 40);
  g_assert_cmpuint (count_images (scene, 28, 28), ==, 1);
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, 2 * 27);
  g_assert_true (has_text (scene, "Draw here"));
  g_assert_true (has_text (scene, "The network sees 8\u00d78"));
  g_assert_cmpfloat (place.cell, ==, floor (place.cell));
  g_assert_cmpfloat (place.cell, >=, 16);
  g_assert_cmpfloat (nth_image (scene, 0)->x, ==, place.x);
  /* The pad's pixel (14, 10) is under its centre. */
  hit = ns_scene_hit_test (scene, place.x + 14.5 * place.cell, place.y + 10.5 * place.cell);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, NS_HIT_INPUT);
  /* The small picture sits right of the pad. */
  g_assert_cmpfloat (nth_image (scene, 1)->x, >, place.x + 28 * place.cell);
  check_exports (scene);

  /* No small picture, tiny area, no pad: no crash. */
  ns_scene_clear (scene);
  ns_render_drawing_pad (scene, &style, 0, 0, 100, 60, pad, 28, 28, NULL, &place);
  g_assert_cmpuint (count_images (scene, 28, 28), ==, 1);
  ns_scene_clear (scene);
  ns_render_drawing_pad (scene, &style, 0, 0, 100, 60, NULL, 28, 28, NULL, &place);
  g_assert_cmpfloat (place.cell, ==, 0);
}

/* ---- every picture in a small panel, and at zoom 2 ---- */

/* Every builder in a w x h panel at @scale (light), its texts and images inside. */
static void
check_all_in (double w, double h, double scale, const char *dump)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  float digits[12][64], pad[16 * 16], conv[8 * 64], pool[8 * 16];
  g_autofree float *kernels = make_kernels (8, 1, 3);
  g_autofree float *dense = make_kernels (16, 1, 8);
  NsGallerySample samples[12];
  NsImageData input = { digits[0], 1, 8, 8 };
  NsFeatureMapLayer layers[] = {
    { "conv 3x3, 8 ch, relu", conv, 8, 8, 8 },
    { "max-pool 2x2", pool, 8, 4, 4 },
  };
  const float probs[] = { 0.01f, 0.02f, 0.05f, 0.6f, 0.02f, 0.1f, 0.01f, 0.04f, 0.12f, 0.03f };
  guint counts[100];
  NsScalingRow rows[5 * 7 * 3];
  guint n_rows = make_rows (rows, 7);
  NsRenderStyle style;

  for (guint i = 0; i < 12; i++)
    {
      make_digit (digits[i], i % 10, 0);
      samples[i] = (NsGallerySample){ digits[i], (int) (i % 10), (int) ((i * 3) % 10), (int) i };
    }
  for (guint k = 0; k < 8 * 64; k++)
    conv[k] = digits[0][k % 64] * (k / 64);
  for (guint k = 0; k < 8 * 16; k++)
    pool[k] = (float) (k % 5);
  for (guint k = 0; k < 100; k++)
    counts[k] = k % 11 == 0 ? 31 : k % 7;
  for (guint k = 0; k < 16 * 16; k++)
    pad[k] = (k / 16 + k % 16) % 5 == 0;

  ns_render_style_init (&style, FALSE, scale);
  for (guint b = 0; b < 8; b++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.png", dump, b);

      ns_scene_clear (scene);
      ns_render_images_begin (scene, &style, w, h);
      switch (b)
        {
        case 0:
          ns_render_sample_gallery (scene, &style, 0, 0, w, h, samples, 12, 1, 8, 8, digit_names,
                                    10);
          break;
        case 1:
          ns_render_filters (scene, &style, 0, 0, w, h, "conv 3x3, 8 ch", kernels, 8, 1, 3, 3,
                             FALSE);
          break;
        case 2:
          ns_render_dense_weights (scene, &style, 0, 0, w, h, "Dense 16", dense, 16, 1, 8, 8);
          break;
        case 3:
          ns_render_feature_maps (scene, &style, 0, 0, w, h, &input, layers, 2,
                                  NS_FEATURE_SCALE_LAYER);
          break;
        case 4:
          ns_render_class_probabilities (scene, &style, 0, 0, w, h, probs, 10, digit_names, 8);
          break;
        case 5:
          ns_render_confusion (scene, &style, 0, 0, w, h, counts, 10, digit_names);
          break;
        case 6:
          ns_render_scaling (scene, &style, 0, 0, w, h, NULL, rows, n_rows);
          break;
        default:
          {
            NsImageData small = { digits[1], 1, 8, 8 };

            ns_render_drawing_pad (scene, &style, 0, 0, w, h, pad, 16, 16, &small, NULL);
          }
          break;
        }
      dump_png (scene, name);
      g_test_message ("builder %u in %g x %g at %g", b, w, h, scale);
      check_inside_and_crisp (scene, 0, 0, w, h);
      g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_TEXT), >, 0);
    }
}

static void
test_small_panels (void)
{
  check_all_in (420, 320, 1.0, "panel");
  check_all_in (840, 640, 2.0, "panel-2x");
  check_all_in (1920, 1080, 2.0, "projector-2x");
}

/* ---- bad input: no crash, nothing outside the area ---- */

static void
test_bad_input (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  float nan_image[64], weights[9];
  NsGallerySample missing[] = { { NULL, 3, -1, 0, 0 }, { nan_image, -1, 12, 1, NAN } };
  NsImageData no_channels = { nan_image, 0, 8, 8 };
  NsFeatureMapLayer empty[] = { { NULL, NULL, 4, 8, 8 }, { "flat", nan_image, 1, 8, 8 } };
  const float bad_probs[] = { NAN, -1, 2 };
  const guint zeros[9] = { 0 };
  NsScalingRow odd[] = {
    { "mlp", 0.1, 1, 143, -0.5 },
    { "mlp", 0.2, 1, 287, 1.5 },
    { "mlp", 0.2, 2, 287, INFINITY },
  };
  NsRenderStyle style;

  for (guint k = 0; k < 64; k++)
    nan_image[k] = NAN;
  for (guint k = 0; k < 9; k++)
    weights[k] = 0;
  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_images_begin (scene, &style, 400, 300);

  /* An image without values is transparent; NaN pixels are mid grey; a class outside the names
   * is its number. */
  g_assert_cmpuint (ns_render_sample_gallery (scene, &style, 0, 0, 400, 300, missing, 2, 1, 8, 8,
                                              digit_names, 10),
                    ==, 2);
  g_assert_cmphex (nth_image (scene, 0)->pixels[0], ==, 0);
  g_assert_cmphex (nth_image (scene, 1)->pixels[0], ==, 0xff808080);
  g_assert_true (has_text (scene, "\u2717 12"));
  check_inside_and_crisp (scene, 0, 0, 400, 300);

  /* All-zero weights: neutral, on a scale of ±1. */
  ns_scene_clear (scene);
  ns_render_filters (scene, &style, 0, 0, 400, 300, NULL, weights, 1, 1, 3, 3, FALSE);
  g_assert_cmphex (nth_image (scene, 0)->pixels[4], ==, argb_of (&style.neutral));
  ns_render_filters (scene, &style, 0, 0, 400, 300, NULL, NULL, 8, 1, 3, 3, FALSE);
  ns_render_filters (scene, &style, 0, 0, 0, 0, NULL, weights, 1, 1, 3, 3, TRUE);
  ns_render_dense_weights (scene, &style, 0, 0, 400, 300, NULL, weights, 1, 1, 0, 8);

  ns_scene_clear (scene);
  ns_render_feature_maps (scene, &style, 0, 0, 400, 300, &no_channels, empty, 2,
                          NS_FEATURE_SCALE_MAP);
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1); /* the flat NaN map only */
  check_inside_and_crisp (scene, 0, 0, 400, 300);
  ns_render_feature_maps (scene, &style, 0, 0, 400, 300, NULL, NULL, 0, NS_FEATURE_SCALE_LAYER);

  ns_scene_clear (scene);
  ns_render_class_probabilities (scene, &style, 0, 0, 400, 300, bad_probs, 3, NULL, 7);
  g_assert_true (has_text (scene, "\u2013"));
  g_assert_true (has_text (scene, "200.0%"));
  check_inside_and_crisp (scene, 0, 0, 400, 300);
  ns_render_class_probabilities (scene, &style, 0, 0, 400, 300, NULL, 0, NULL, -1);

  ns_scene_clear (scene);
  ns_render_confusion (scene, &style, 0, 0, 400, 300, zeros, 3, NULL);
  g_assert_cmpuint (ns_scene_get_n_hits (scene), ==, 9);
  g_assert_true (has_text (scene, "2"));
  ns_render_confusion (scene, &style, 0, 0, 10, 10, zeros, 3, NULL);
  ns_render_confusion (scene, &style, 0, 0, 400, 300, NULL, 0, NULL);

  ns_scene_clear (scene);
  ns_render_scaling (scene, &style, 0, 0, 400, 300, NULL, odd, G_N_ELEMENTS (odd));
  check_inside_and_crisp (scene, 0, 0, 400, 300);
  g_assert_true (has_text (scene, "0%"));
  ns_render_scaling (scene, &style, 0, 0, 20, 20, NULL, odd, G_N_ELEMENTS (odd));

  ns_scene_clear (scene);
  ns_render_drawing_pad (scene, &style, 0, 0, 400, 300, nan_image, 8, 8, &no_channels, NULL);
  check_inside_and_crisp (scene, 0, 0, 400, 300);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/images/gallery", test_gallery);
  g_test_add_func ("/images/gallery-rgb-overflow", test_gallery_rgb_and_overflow);
  g_test_add_func ("/images/filters", test_filters);
  g_test_add_func ("/images/dense-weights", test_dense_weights);
  g_test_add_func ("/images/feature-maps", test_feature_maps);
  g_test_add_func ("/images/probabilities", test_probabilities);
  g_test_add_func ("/images/drawing-pad", test_drawing_pad);
  g_test_add_func ("/images/small-panels", test_small_panels);
  g_test_add_func ("/images/bad-input", test_bad_input);

  status = g_test_run ();
  release_font_caches ();
  return status;
}
