/* test-render-scene.c: the scene, the colour maps and the Cairo painter. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "ns-colormap.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"

static void
test_colormap (void)
{
  NsRenderStyle style;
  NsColormap map;
  float values[6] = { -1.f, 0.f, 1.f, -7.f, 9.f, NAN };
  guint32 pixels[6];
  guint32 flipped[6];

  ns_render_style_init (&style, FALSE, 1.0);
  ns_colormap_init_values (&map, &style, -1, 1);

  ns_colormap_apply (&map, values, 3, 2, FALSE, pixels, 3);
  g_assert_cmpuint (pixels[0], ==, ns_color_to_argb32 (&style.negative));
  g_assert_cmpuint (pixels[1], ==, ns_color_to_argb32 (&style.neutral));
  g_assert_cmpuint (pixels[2], ==, ns_color_to_argb32 (&style.positive));
  g_assert_cmpuint (pixels[3], ==, pixels[0]); /* clamped */
  g_assert_cmpuint (pixels[4], ==, pixels[2]);
  g_assert_cmpuint (pixels[5], ==, map.nan_pixel);
  g_assert_cmpuint (ns_colormap_lookup (&map, 0.5f), !=, pixels[1]);
  g_assert_cmpuint (ns_colormap_lookup (&map, -0.001f), ==, pixels[1]);

  /* flip_y puts the first row of values at the bottom. */
  ns_colormap_apply (&map, values, 3, 2, TRUE, flipped, 3);
  g_assert_cmpmem (flipped, 3 * sizeof (guint32), pixels + 3, 3 * sizeof (guint32));
  g_assert_cmpmem (flipped + 3, 3 * sizeof (guint32), pixels, 3 * sizeof (guint32));

  /* Probabilities of three classes: the winner's colour, neutral where unsure. */
  {
    float probs[3 * 2] = { 0.9f, 1.f / 3, 0.05f, 1.f / 3, 0.05f, 1.f / 3 };
    guint32 out[2];

    ns_colormap_apply_classes (&style, probs, 3, 2, 1, FALSE, out, 2);
    g_assert_cmpuint (out[1], ==, ns_color_to_argb32 (&style.neutral));
    g_assert_cmpuint (out[0], !=, out[1]);
    g_assert_cmpint ((out[0] >> 16) & 0xff, >, (out[0] & 0xff)); /* class 0 is orange: r > b */
  }
}

static void
test_scene_reuse (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsColor black = { 0, 0, 0, 1 };
  double points[] = { 0, 0, 10, 10, 20, 0 };
  const NsPrim *prim;

  for (int frame = 0; frame < 3; frame++)
    {
      ns_scene_clear (scene);
      g_assert_cmpuint (ns_scene_get_n_prims (scene), ==, 0);
      g_assert_cmpuint (ns_scene_get_n_hits (scene), ==, 0);

      /* More than one arena block's worth, so clear() has blocks to merge. */
      for (int i = 0; i < 40; i++)
        {
          guint32 *pixels = ns_scene_add_image (scene, 0, 0, 10, 10, 64, 64, i % 2);

          g_assert_nonnull (pixels);
          memset (pixels, i, 64 * 64 * 4);
          ns_scene_add_textf (scene, i, i, NS_TEXT_VALUE, 12, NS_ALIGN_START, NS_ALIGN_START,
                              &black, "value %d", i);
        }
      ns_scene_add_polyline (scene, points, 3, 2, &black);
      ns_scene_add_circle (scene, 5, 5, 3, &black, NULL, 0);

      g_assert_cmpuint (ns_scene_get_n_prims (scene), ==, 82);
      g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), ==, 40);

      /* Earlier pointers survive later growth. */
      for (size_t k = 0; k < 80; k += 2)
        {
          prim = ns_scene_get_prim (scene, k);
          g_assert_cmpint (prim->kind, ==, NS_PRIM_IMAGE);
          g_assert_cmpuint (prim->image.pixels[64 * 64 - 1], ==, 0x01010101u * (guint32) (k / 2));
          g_assert_cmpint (prim->image.crisp, ==, (k / 2) % 2);

          prim = ns_scene_get_prim (scene, k + 1);
          g_autofree char *expected = g_strdup_printf ("value %zu", k / 2);
          g_assert_cmpstr (prim->text.text, ==, expected);
        }

      prim = ns_scene_get_prim (scene, 80);
      g_assert_cmpint (prim->kind, ==, NS_PRIM_POLYLINE);
      g_assert_cmpuint (prim->polyline.n_points, ==, 3);
      g_assert_cmpfloat (prim->polyline.points[4], ==, 20);
    }

  g_assert_null (ns_scene_add_image (scene, 0, 0, 1, 1, 0, 10, FALSE));
}

static void
test_hit_order (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  const NsHitRegion *hit;

  ns_scene_add_hit_segment (scene, NS_HIT_LINK, 0, 0, 0, 0, 50, 100, 50, 3);
  ns_scene_add_hit_segment (scene, NS_HIT_LINK, 0, 1, 0, 0, 56, 100, 56, 3);
  ns_scene_add_hit_rect (scene, NS_HIT_NEURON, 0, 0, -1, 90, 40, 20, 20);

  /* Rectangles win over segments; otherwise the nearest segment within tolerance. */
  hit = ns_scene_hit_test (scene, 95, 50);
  g_assert_cmpint (hit->kind, ==, NS_HIT_NEURON);
  hit = ns_scene_hit_test (scene, 50, 52);
  g_assert_cmpint (hit->kind, ==, NS_HIT_LINK);
  g_assert_cmpint (hit->neuron, ==, 0);
  hit = ns_scene_hit_test (scene, 50, 54);
  g_assert_cmpint (hit->neuron, ==, 1);
  g_assert_null (ns_scene_hit_test (scene, 50, 62));
  g_assert_null (ns_scene_hit_test (scene, 120, 50));
}

static void
test_text_layout (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  double w_small, h_small, w_large, h_large, w_title, w_long;

  ns_scene_measure_text (scene, "4 neurons", NS_TEXT_LABEL, 12, &w_small, &h_small);
  ns_scene_measure_text (scene, "4 neurons", NS_TEXT_LABEL, 24, &w_large, &h_large);
  /* A long text, so that bold's extra width is more than a pixel whatever the font. */
  ns_scene_measure_text (scene, "Hidden layers of weighted sums", NS_TEXT_LABEL, 12, &w_long, NULL);
  ns_scene_measure_text (scene, "Hidden layers of weighted sums", NS_TEXT_TITLE, 12, &w_title,
                         NULL);

  g_assert_cmpfloat (w_small, >, 20);
  g_assert_cmpfloat (w_large, >, 1.7 * w_small);
  g_assert_cmpfloat (h_large, >, 1.7 * h_small);
  g_assert_cmpfloat (w_title, >, w_long); /* bold is wider */
}

/* Along a horizontal polyline painted by Cairo: how many of its pixels are ink, and how many
 * times the ink stops (gaps). */
static void
paint_dash (NsDash dash, guint *ink, guint *gaps, guint *n_pixels)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsColor black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };
  double points[] = { 10, 20, 100, 20, 190, 20 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 40);
  cairo_t *cr = cairo_create (surface);
  const guint8 *row;
  gboolean was_ink = TRUE;

  ns_scene_set_size (scene, 200, 40);
  ns_scene_set_background (scene, &white);
  g_assert_nonnull (ns_scene_add_polyline_dashed (scene, points, 3, 4, &black, dash));
  g_assert_cmpint (ns_scene_get_prim (scene, 0)->polyline.dash, ==, dash);
  ns_scene_paint_cairo (scene, cr);
  cairo_surface_flush (surface);

  *ink = *gaps = *n_pixels = 0;
  row = cairo_image_surface_get_data (surface) + 20 * cairo_image_surface_get_stride (surface);
  for (int x = 12; x <= 188; x++)
    {
      guint32 pixel = ((const guint32 *) row)[x];
      gboolean is_ink = (pixel & 0xff) < 128; /* dark */

      *ink += is_ink;
      *gaps += was_ink && !is_ink;
      was_ink = is_ink;
      (*n_pixels)++;
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A dashed line leaves gaps along its length, a solid one none; SVG carries the pattern. */
static void
test_dashes (void)
{
  guint ink, gaps, n, solid_ink;
  double pattern[NS_DASH_MAX_PATTERN];

  paint_dash (NS_DASH_SOLID, &solid_ink, &gaps, &n);
  g_assert_cmpuint (solid_ink, ==, n);
  g_assert_cmpuint (gaps, ==, 0);
  g_assert_cmpint (ns_dash_pattern (NS_DASH_SOLID, 4, pattern), ==, 0);

  for (NsDash dash = NS_DASH_DASHED; dash < NS_N_DASHES; dash++)
    {
      paint_dash (dash, &ink, &gaps, &n);
      g_test_message ("dash %d: %u of %u pixels inked, %u gaps", dash, ink, n, gaps);
      /* 176 px of a 4 px wide line: a gap at least every ten widths. */
      g_assert_cmpuint (gaps, >=, 4);
      g_assert_cmpuint (ink, >, n / 5);
      g_assert_cmpuint (ink, <, n * 4 / 5);
      /* Lengths scale with the width. */
      g_assert_cmpint (ns_dash_pattern (dash, 4, pattern), >, 0);
      {
        double wide[NS_DASH_MAX_PATTERN];

        ns_dash_pattern (dash, 8, wide);
        g_assert_cmpfloat (wide[1], ==, 2 * pattern[1]);
      }
    }

  /* A legend's sample: dashes as lines, dots as discs, within its ends. */
  {
    g_autoptr (NsScene) scene = ns_scene_new ();
    NsColor black = { 0, 0, 0, 1 };

    ns_scene_add_dash_sample (scene, 10, 40, 5, 2, &black, NS_DASH_SOLID);
    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, 1);
    ns_scene_clear (scene);
    ns_scene_add_dash_sample (scene, 10, 40, 5, 2, &black, NS_DASH_DASHED);
    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), >=, 2);
    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), ==, 0);
    ns_scene_clear (scene);
    ns_scene_add_dash_sample (scene, 10, 40, 5, 2, &black, NS_DASH_DOTTED);
    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, 0);
    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), >=, 3);
    ns_scene_clear (scene);
    ns_scene_add_dash_sample (scene, 10, 40, 5, 2, &black, NS_DASH_DASH_DOT);
    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), >=, 1);
    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), >=, 1);
    for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, i);

        if (prim->kind == NS_PRIM_LINE)
          {
            g_assert_cmpfloat (prim->line.x0, >=, 10);
            g_assert_cmpfloat (prim->line.x1, <=, 40);
          }
        else
          {
            g_assert_cmpfloat (prim->circle.cx - prim->circle.radius, >=, 10);
            g_assert_cmpfloat (prim->circle.cx + prim->circle.radius, <=, 40.5);
          }
      }
  }

  /* The SVG export keeps the dashes. */
  {
    g_autoptr (NsScene) scene = ns_scene_new ();
    g_autoptr (GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("ns-dash-XXXXXX", &error);
    g_autofree char *path = NULL;
    g_autofree char *svg = NULL;
    NsColor black = { 0, 0, 0, 1 };
    double points[] = { 10, 20, 190, 20 };

    g_assert_no_error (error);
    path = g_build_filename (dir, "dashes.svg", NULL);
    ns_scene_set_size (scene, 200, 40);
    ns_scene_add_polyline_dashed (scene, points, 2, 3, &black, NS_DASH_DASHED);
    g_assert_true (ns_scene_export (scene, 200, 40, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
    g_assert_nonnull (strstr (svg, "stroke-dasharray"));
    g_unlink (path);
    g_rmdir (dir);
  }
}

/* Pango's font map keeps caches for the whole process: dropping it at exit keeps
 * LeakSanitizer (on for this suite) to leaks of our own; what fontconfig keeps even then is
 * suppressed in tests/lsan.supp. */
static void
release_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/colormap", test_colormap);
  g_test_add_func ("/render/scene/reuse", test_scene_reuse);
  g_test_add_func ("/render/scene/hit-order", test_hit_order);
  g_test_add_func ("/render/scene/text", test_text_layout);
  g_test_add_func ("/render/scene/dashes", test_dashes);

  status = g_test_run ();
  release_font_caches ();

  return status;
}
