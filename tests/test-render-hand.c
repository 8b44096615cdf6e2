/* test-render-hand.c: what hand-made features look at, drawn over one image; the drawing pad
 * in colour (ns-render-draw.h). */
#include "config.h"

#include <math.h>

#include "ns-render-draw.h"
#include "ns-render-hand.h"
#include "ns-test-render.h"

static guint
count_lines (const NsScene *scene)
{
  return ns_scene_count_prims (scene, NS_PRIM_LINE);
}

static void
test_digit (void)
{
  float image[64] = { 0 };
  g_autoptr (NsHandView) view = NULL;
  NsRenderStyle style;
  NsScene *scene = ns_scene_new ();
  guint zones_lines, bars = 0;

  /* A vertical stroke. */
  for (guint y = 1; y < 7; y++)
    image[y * 8 + 4] = 1;
  view = ns_hand_view_new (image, 1, 8, 8);
  ns_render_style_init (&style, FALSE, 1);

  ns_scene_set_size (scene, 400, 400);
  ns_render_hand_features (scene, &style, 0, 0, 400, 400, image, view, 1u << NS_HAND_ZONES);
  /* The grid: 5 lines each way; 16 values. */
  zones_lines = count_lines (scene);
  g_assert_cmpuint (zones_lines, ==, 10);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), ==, 1);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_TEXT), ==, 16 + 1);

  /* Edges: the stroke is vertical, so the longest strokes drawn are vertical lines (its ends
   * add short horizontal ones). */
  ns_scene_clear (scene);
  ns_render_hand_features (scene, &style, 0, 0, 400, 400, image, view, 1u << NS_HAND_HOG);
  g_assert_cmpuint (count_lines (scene), >, 0);
  {
    double longest = 0, longest_dx = -1;

    for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, i);
        double len;

        if (prim->kind != NS_PRIM_LINE)
          continue;
        len = hypot (prim->line.x1 - prim->line.x0, prim->line.y1 - prim->line.y0);
        if (len > longest)
          {
            longest = len;
            longest_dx = fabs (prim->line.x1 - prim->line.x0);
          }
      }
    g_assert_cmpfloat (longest, >, 20);
    g_assert_cmpfloat (longest_dx, <, 1e-6);
  }

  /* Projections: a bar per row and per column; every primitive inside the area. */
  ns_scene_clear (scene);
  ns_render_hand_features (scene, &style, 0, 0, 400, 400, image, view,
                           NS_HAND_FEATURES_DIGITS | NS_HAND_FEATURES_APPLES);
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_RECT && ns_color_equal (&prim->rect.fill, &style.positive))
        {
          bars++;
          g_assert_cmpfloat (prim->rect.x + prim->rect.width, <=, 400);
          g_assert_cmpfloat (prim->rect.y + prim->rect.height, <=, 400);
        }
    }
  g_assert_cmpuint (bars, ==, 16);

  /* No room: nothing, no crash. */
  ns_scene_clear (scene);
  ns_render_hand_features (scene, &style, 0, 0, 0, 10, image, view, NS_HAND_FEATURES_DIGITS);
  g_assert_cmpuint (ns_scene_get_n_prims (scene), ==, 0);
  ns_scene_free (scene);
}

static void
test_apple (void)
{
  float image[3 * 16 * 16];
  g_autoptr (NsHandView) view = NULL;
  NsRenderStyle style;
  NsScene *scene = ns_scene_new ();
  gboolean swatch = FALSE;

  /* A red disc on white. */
  for (guint y = 0; y < 16; y++)
    for (guint x = 0; x < 16; x++)
      {
        gboolean in = (x - 7.5) * (x - 7.5) + (y - 7.5) * (y - 7.5) < 25;

        image[(0 * 16 + y) * 16 + x] = in ? 0.9f : 1.0f;
        image[(1 * 16 + y) * 16 + x] = in ? 0.1f : 1.0f;
        image[(2 * 16 + y) * 16 + x] = in ? 0.1f : 1.0f;
      }
  view = ns_hand_view_new (image, 3, 16, 16);
  ns_render_style_init (&style, TRUE, 1.5);
  ns_scene_set_size (scene, 500, 500);
  ns_render_hand_features (scene, &style, 0, 0, 500, 500, image, view, NS_HAND_FEATURES_APPLES);
  /* The centre and the mean radius (a line on a halo: twice each), and the mean colour's
   * swatch. */
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), ==, 4);
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_RECT && fabs (prim->rect.fill.r - 0.9) < 1e-3
          && fabs (prim->rect.fill.g - 0.1) < 1e-3)
        swatch = TRUE;
    }
  g_assert_true (swatch);
  ns_scene_free (scene);
}

static void
test_colour_pad (void)
{
  enum
  {
    SIDE = 64
  };
  g_autofree float *pad = g_new0 (float, 3 * SIDE * SIDE);
  float small_values[3 * 16 * 16] = { 0 };
  NsImageData small = { small_values, 3, 16, 16 };
  NsRenderStyle style;
  NsScene *scene = ns_scene_new ();
  NsPadPlace place = { 0 };
  const NsImage *last = NULL;
  guint32 pixel;

  /* All red. */
  for (guint i = 0; i < SIDE * SIDE; i++)
    pad[i] = 1;
  ns_render_style_init (&style, FALSE, 1);
  ns_render_images_begin (scene, &style, 600, 400);
  ns_render_colour_drawing_pad (scene, &style, 0, 0, 600, 400, pad, 3, SIDE, SIDE, &small, &place);
  g_assert_cmpfloat (place.cell, >, 0);
  g_assert_true (ns_scene_hit_test (scene, place.x + 10, place.y + 10) != NULL);
  g_assert_cmpint (ns_scene_hit_test (scene, place.x + 10, place.y + 10)->kind, ==, NS_HIT_INPUT);
  /* The pad's colours lie over the grey pad's pixels, at its place. */
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE && prim->image.pixel_width == SIDE)
        last = &prim->image;
    }
  g_assert_nonnull (last);
  g_assert_cmpfloat (last->x, ==, place.x);
  g_assert_cmpfloat (last->y, ==, place.y);
  pixel = last->pixels[0];
  g_assert_cmpuint ((pixel >> 16) & 0xff, ==, 255); /* red */
  g_assert_cmpuint ((pixel >> 8) & 0xff, ==, 0);    /* no green */
  ns_scene_free (scene);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render-hand/digit", test_digit);
  g_test_add_func ("/render-hand/apple", test_apple);
  g_test_add_func ("/render-hand/colour-pad", test_colour_pad);

  return g_test_run ();
}
