/* test-render-compare-images.c: the comparison pictures (ns-render-compare.h) on made-up data:
 * the confusion matrix and the data-scaling plot, what each puts into its scene, and a PNG and
 * SVG of each.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ns-render-compare.h"
#include "ns-render-images.h"
#include "ns-render-style.h"
#include "ns-scene.h"
#include "ns-test-images.h"
#include "ns-test-render.h"

/* ---- 1. confusion matrix ---- */

static void
test_confusion (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  guint counts[100];
  NsRenderStyle style;
  const NsHitRegion *hit;
  const NsText *text;

  for (guint t = 0; t < 10; t++)
    for (guint p = 0; p < 10; p++)
      counts[t * 10 + p] = t == p ? 30 + t : (t * 7 + p * 3) % 5 == 0 ? 2 : 0;
  counts[3 * 10 + 8] = 9;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  ns_render_confusion (scene, &style, 20, 20, WIDTH - 40, HEIGHT - 40, counts, 10, digit_names);
  dump_png (scene, "confusion.png");
  check_inside_and_crisp (scene, 20, 20, WIDTH - 40, HEIGHT - 40);
  g_assert_cmpuint (ns_scene_get_n_hits (scene), ==, 100);
  g_assert_true (has_text (scene, "Predicted \u2192"));
  g_assert_true (has_text (scene, "True \u2193"));
  g_assert_true (has_text (scene, "33"));
  /* Diagonal counts bold; the 9 (3 taken for 8) written and its cell clickable. */
  g_assert_cmpint (find_text (scene, "33")->role, ==, NS_TEXT_TITLE);
  text = find_text (scene, "9");
  g_assert_nonnull (text);
  hit = ns_scene_hit_test (scene, text->x, text->y);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, NS_HIT_BUTTON);
  g_assert_cmpint (hit->layer, ==, 3);
  g_assert_cmpint (hit->neuron, ==, 8);
  check_exports (scene);

  /* Two classes, dark, at scale 2. */
  ns_scene_clear (scene);
  ns_render_style_init (&style, TRUE, 2.0);
  {
    const guint two[] = { 40, 3, 7, 50 };
    const char *names[] = { "apple", "ball" };

    ns_render_images_begin (scene, &style, 640, 480);
    ns_render_confusion (scene, &style, 0, 0, 640, 480, two, 2, names);
    dump_png (scene, "confusion-dark-2x.png");
    g_assert_cmpuint (ns_scene_get_n_hits (scene), ==, 4);
    g_assert_true (has_text (scene, "ball"));
    check_inside_and_crisp (scene, 0, 0, 640, 480);
  }

  /* Long names over narrow columns: smaller, so neighbours do not run into each other. */
  ns_scene_clear (scene);
  ns_render_style_init (&style, FALSE, 1.0);
  {
    const char *names[] = { "strawberry", "watermelon", "blackberry", "pineapple", "grapefruit" };
    double line_y[2] = { NAN, NAN }, right[2] = { -1, -1 };
    guint n_names = 0;

    ns_render_images_begin (scene, &style, 420, 300);
    ns_render_confusion (scene, &style, 0, 0, 420, 300, counts, 5, names);
    dump_png (scene, "confusion-long-names.png");
    check_inside_and_crisp (scene, 0, 0, 420, 300);
    for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, i);
        double tw;
        guint l;

        /* The column names: centred, bottom-aligned, on one or two (staggered) lines; each at
         * least as large as the legends' text and clear of its neighbour on its line. */
        if (prim->kind != NS_PRIM_TEXT || prim->text.valign != NS_ALIGN_END
            || prim->text.role != NS_TEXT_LABEL)
          continue;
        n_names++;
        g_assert_cmpfloat (prim->text.size, >=, 0.75 * 13);
        ns_scene_measure_text (scene, prim->text.text, prim->text.role, prim->text.size, &tw, NULL);
        for (l = 0; l < 2 && !isnan (line_y[l]) && line_y[l] != prim->text.y; l++)
          ;
        g_assert_cmpuint (l, <, 2);
        line_y[l] = prim->text.y;
        g_assert_cmpfloat (prim->text.x - tw / 2, >=, right[l]);
        right[l] = prim->text.x + tw / 2;
      }
    g_assert_cmpuint (n_names, ==, 5);
  }
}

/* ---- 2. the data-scaling plot (rows from ns-test-images.h) ---- */

static void
test_scaling (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsScalingRow rows[5 * 7 * 3];
  guint n = make_rows (rows, 7);
  NsRenderStyle style;
  const NsHitRegion *plot = NULL;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  ns_render_scaling (scene, &style, 0, 0, WIDTH, HEIGHT, NULL, rows, n);
  dump_png (scene, "scaling.png");
  check_inside_and_crisp (scene, 0, 0, WIDTH, HEIGHT);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 5);
  g_assert_true (has_text (scene, "Test accuracy against training-set size"));
  g_assert_true (has_text (scene, "Network (MLP)"));
  g_assert_true (has_text (scene, "kNN on hand features"));
  g_assert_true (has_text_containing (scene, "mean of 3 runs"));
  g_assert_true (has_text_containing (scene, "lowest to highest"));
  g_assert_true (has_text (scene, "100"));
  g_assert_true (has_text (scene, "1000"));
  g_assert_true (has_text (scene, "100%"));
  g_assert_true (has_text (scene, "Training images (log scale)"));
  g_assert_false (has_text_containing (scene, "Results appear"));
  g_assert_true (has_text (scene, "Test accuracy against training-set size"));
  /* A dot per run (105), inside the plot; each line's points left to right. */
  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    if (ns_scene_get_hit (scene, i)->kind == NS_HIT_POINT)
      plot = ns_scene_get_hit (scene, i);
  g_assert_nonnull (plot);
  {
    guint n_dots = 0;

    for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, i);

        /* (The legend's dotted sample is made of circles too, above the plot.) */
        if (prim->kind == NS_PRIM_CIRCLE && prim->circle.cy >= plot->y0)
          {
            n_dots++;
            g_assert_cmpfloat (prim->circle.cx, >=, plot->x0);
            g_assert_cmpfloat (prim->circle.cx, <=, plot->x1);
            g_assert_cmpfloat (prim->circle.cy, <=, plot->y1);
          }
        if (prim->kind == NS_PRIM_POLYLINE)
          {
            g_assert_cmpuint (prim->polyline.n_points, ==, 7);
            for (guint p = 1; p < 7; p++)
              g_assert_cmpfloat (prim->polyline.points[2 * p], >, prim->polyline.points[2 * p - 2]);
          }
      }
    g_assert_cmpuint (n_dots, >=, 105);
  }
  check_exports (scene);

  /* Partial: the run has reached three fractions; and a model with one size only. The rest is
   * planned (NaN): the x axis already reaches 2000, its tick past 1437. */
  ns_scene_clear (scene);
  n = make_rows (rows, 3);
  rows[n++] = (NsScalingRow){ "cnn", 0.02, 9, 29, 0.6 };
  rows[n++] = (NsScalingRow){ "mlp", 1.0, 1, 1437, NAN };
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  ns_render_scaling (scene, &style, 0, 0, WIDTH, HEIGHT, "Digits", rows, n);
  dump_png (scene, "scaling-partial.png");
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 5);
  g_assert_true (has_text_containing (scene, "the mean of 4 runs"));
  g_assert_true (has_text (scene, "2000"));
  g_assert_true (has_text (scene, "20"));
  check_inside_and_crisp (scene, 0, 0, WIDTH, HEIGHT);

  /* None yet; NaN rows and unknown models: no crash, the note. */
  ns_scene_clear (scene);
  ns_render_style_init (&style, TRUE, 2.0);
  ns_render_images_begin (scene, &style, WIDTH, HEIGHT);
  ns_render_scaling (scene, &style, 0, 0, WIDTH, HEIGHT, NULL, NULL, 0);
  g_assert_true (has_text (scene, "Results appear here as the runs finish"));
  ns_scene_clear (scene);
  rows[0] = (NsScalingRow){ "svm", 0.1, 1, 143, NAN };
  rows[1] = (NsScalingRow){ NULL, 0.1, 1, 0, 0.5 };
  ns_render_scaling (scene, &style, 0, 0, WIDTH, HEIGHT, NULL, rows, 2);
  g_assert_true (has_text (scene, "svm"));
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 0);
  g_assert_cmpstr (ns_render_scaling_model_title ("logreg_pixels"), ==,
                   "Logistic regression on pixels");

  ns_scene_clear (scene);
  n = make_rows (rows, 7);
  ns_render_scaling (scene, &style, 0, 0, WIDTH, HEIGHT, NULL, rows, n);
  dump_png (scene, "scaling-dark-2x.png");
  check_inside_and_crisp (scene, 0, 0, WIDTH, HEIGHT);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/images/confusion", test_confusion);
  g_test_add_func ("/images/scaling", test_scaling);

  status = g_test_run ();
  release_font_caches ();
  return status;
}
