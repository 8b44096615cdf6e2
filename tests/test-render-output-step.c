/* test-render-output-step.c: the output picture while stepping through a sample: the sample's
 * point ringed, and at the update the boundary before and after it. Its own file because these
 * tests drive the experiment's stepping and check a two-plane layout the other render tests
 * never see.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>

#include "ns-experiment-step.h"
#include "ns-render-output.h"
#include "ns-render-style.h"
#include "ns-scene.h"

#include "ns-test-output.h"

/* Stepping through a sample rings its point on the plane; idle, nothing is ringed. */
static void
test_step_highlight (void)
{
  g_autoptr (NsExperiment) exp = NULL;
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsOutputViewData view;
  NsRenderStyle style;
  guint rings;

  ns_config_init_default (&config);
  exp = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  ns_render_style_init (&style, FALSE, 1.0);

  ns_render_output_prepare (&view, exp, 0);
  g_assert_cmpint (view.highlight_train, ==, -1);

  g_assert_true (ns_experiment_step_phase (exp)); /* the first sample's forward pass */
  ns_render_output_prepare (&view, exp, 0);
  g_assert_cmpint (view.highlight_train, ==, (int) ns_experiment_get_step_state (exp)->data_index);
  ns_render_output (scene, &view, &style, 400, 400);
  rings = 0;
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);
      if (prim->kind == NS_PRIM_CIRCLE && prim->circle.fill.a == 0
          && ns_color_equal (&prim->circle.stroke, &style.mark))
        rings++;
    }
  g_assert_cmpuint (rings, ==, 1);
}

/* The plane-sized images (heatmaps) of a scene, in drawing order. */
static guint
find_heatmaps (const NsScene *scene, guint grid_size, const NsImage **images, guint max)
{
  guint n = 0;

  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE && prim->image.pixel_width == (int) grid_size
          && prim->image.pixel_height == (int) grid_size)
        {
          if (n < max)
            images[n] = &prim->image;
          n++;
        }
    }

  return n;
}

typedef struct
{
  double x, y, width, height;
} TextBox;

/* The text primitives stay inside the area and do not overlap one another. */
static void
assert_texts_fit (NsScene *scene)
{
  g_autoptr (GArray) boxes = g_array_new (FALSE, FALSE, sizeof (TextBox));

  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);
      const NsText *text = &prim->text;
      TextBox box;

      if (prim->kind != NS_PRIM_TEXT)
        continue;
      ns_scene_measure_text (scene, text->text, text->role, text->size, &box.width, &box.height);
      box.x = text->x
              - (text->halign == NS_ALIGN_CENTER ? box.width / 2
                 : text->halign == NS_ALIGN_END  ? box.width
                                                 : 0);
      box.y = text->y
              - (text->valign == NS_ALIGN_CENTER ? box.height / 2
                 : text->valign == NS_ALIGN_END  ? box.height
                                                 : 0);
      g_assert_cmpfloat (box.x, >=, -0.5);
      g_assert_cmpfloat (box.y, >=, -0.5);
      g_assert_cmpfloat (box.x + box.width, <=, ns_scene_get_width (scene) + 0.5);
      g_assert_cmpfloat (box.y + box.height, <=, ns_scene_get_height (scene) + 0.5);
      for (guint k = 0; k < boxes->len; k++)
        {
          const TextBox *o = &g_array_index (boxes, TextBox, k);

          if (box.x < o->x + o->width - 1 && o->x < box.x + box.width - 1
              && box.y < o->y + o->height - 1 && o->y < box.y + box.height - 1)
            g_error ("text \"%s\" overlaps another", text->text);
        }
      g_array_append_val (boxes, box);
    }
}

/* Stepping's update: the boundary before and after, side by side in a wide area and stacked
 * in a tall one, same colours; the "after" plane is the interactive one. */
static void
test_before_after (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "xor", "count", "100", "hidden", "3", "activation", "tanh", "lr",
                       "1", "batch", "10", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  static const struct
  {
    double width, height, scale;
    gboolean across;
    const char *dump;
  } areas[] = {
    { 520, 420, 1.0, TRUE, "output-before-after-520x420.png" },
    { 420, 500, 1.0, TRUE, "output-before-after-420x500.png" },
    { 360, 760, 1.0, FALSE, "output-before-after-360x760.png" },
    { 250, 550, 1.0, FALSE, "output-before-after-250x550.png" },
    { 830, 680, 1.6, TRUE, "output-before-after-830x680-zoom1.6.png" },
    { 580, 1000, 1.6, FALSE, "output-before-after-580x1000-zoom1.6.png" },
  };
  NsOutputViewData view;
  NsRenderStyle style;
  const NsImage *images[4];
  guint n_hits, n_plane_hits, rings;
  size_t differ = 0, n;
  g_autofree char *change = NULL;

  ns_experiment_step (exp, 3);
  do
    g_assert_true (ns_experiment_step_phase (exp));
  while (ns_experiment_get_step_state (exp)->phase != NS_STEP_UPDATE);

  /* prepare fills the plane before the update at the update phase. */
  ns_render_output_prepare (&view, exp, NS_RENDER_OUTPUT_GRID);
  g_assert_nonnull (view.output_before);
  g_assert_true (view.output_before
                 == ns_experiment_eval_plane_before_update (exp, NS_RENDER_OUTPUT_GRID));
  /* The caption gives the largest change anywhere on the plane, worked out here. */
  {
    double most = 0;

    g_assert_cmpint (view.kind, ==, NS_OUTPUT_BINARY);
    for (size_t k = 0; k < (size_t) NS_RENDER_OUTPUT_GRID * NS_RENDER_OUTPUT_GRID; k++)
      most = MAX (most, fabs ((double) view.output[k] - view.output_before[k]));
    g_assert_cmpfloat (most, >, 0);
    change = g_strdup_printf ("Change: up to %.2g in P(%s)", most,
                              ns_render_output_class_name (&view, 1));
  }

  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    {
      double px, py, pw, ph;

      ns_render_style_init (&style, FALSE, areas[a].scale);
      ns_scene_clear (scene);
      ns_render_output (scene, &view, &style, areas[a].width, areas[a].height);
      dump_png (scene, areas[a].dump);

      g_assert_cmpuint (find_heatmaps (scene, NS_RENDER_OUTPUT_GRID, images, 4), ==, 2);
      g_assert_true (has_text (scene, "Before this update"));
      g_assert_true (has_text (scene, change));
      g_assert_true (has_text (scene, "After this update"));
      assert_texts_fit (scene);

      /* Same size; side by side or one above the other, as the area's shape asks. */
      g_assert_cmpfloat (images[0]->width, ==, images[1]->width);
      g_assert_cmpfloat (images[0]->height, ==, images[1]->height);
      if (areas[a].across)
        {
          g_assert_cmpfloat (images[0]->y, ==, images[1]->y);
          g_assert_cmpfloat (images[0]->x + images[0]->width, <, images[1]->x);
        }
      else
        {
          g_assert_cmpfloat (images[0]->x, ==, images[1]->x);
          g_assert_cmpfloat (images[0]->y + images[0]->height, <, images[1]->y);
        }
      g_assert_cmpfloat (images[0]->x, >=, 0);
      g_assert_cmpfloat (images[1]->x + images[1]->width, <=, areas[a].width);
      g_assert_cmpfloat (images[1]->y + images[1]->height, <=, areas[a].height);
      /* Large enough to read the boundary on a projector. */
      g_assert_cmpfloat (images[0]->width, >=, (areas[a].width < 300 ? 120 : 140) * areas[a].scale);

      /* The plane hit region is the "after" one, and only its points are hit regions. */
      g_assert_true (ns_render_output_get_plane (scene, &px, &py, &pw, &ph));
      g_assert_cmpfloat (px, ==, images[1]->x);
      g_assert_cmpfloat (py, ==, images[1]->y);
      g_assert_cmpfloat (pw, ==, images[1]->width);
      n_hits = n_plane_hits = 0;
      for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
        {
          const NsHitRegion *hit = ns_scene_get_hit (scene, i);

          if (hit->kind != NS_HIT_POINT)
            continue;
          if (hit->layer == NS_OUTPUT_HIT_PLANE)
            n_plane_hits++;
          else
            {
              g_assert_cmpfloat (hit->x0, >=, px - 10);
              g_assert_cmpfloat (hit->x1, <=, px + pw + 10);
              g_assert_cmpfloat (hit->y0, >=, py - 10);
              g_assert_cmpfloat (hit->y1, <=, py + ph + 10);
              n_hits++;
            }
        }
      g_assert_cmpuint (n_plane_hits, ==, 1);
      g_assert_cmpuint (n_hits, ==, count_in_plane (&view, view.train_x, view.n_train));

      /* The stepped sample is ringed on both. */
      rings = 0;
      for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
        {
          const NsPrim *prim = ns_scene_get_prim (scene, i);

          if (prim->kind == NS_PRIM_CIRCLE && prim->circle.fill.a == 0
              && ns_color_equal (&prim->circle.stroke, &style.mark))
            rings++;
        }
      g_assert_cmpuint (rings, ==, 2);
    }

  /* The update changed the output: the two heatmaps differ somewhere. */
  n = (size_t) NS_RENDER_OUTPUT_GRID * NS_RENDER_OUTPUT_GRID;
  for (size_t s = 0; s < n; s++)
    if (images[0]->pixels[s] != images[1]->pixels[s])
      differ++;
  g_test_message ("%zu of %zu pixels changed by the update", differ, n);
  g_assert_cmpuint (differ, >, 0);

  /* Data from a file: long axis names, so the captions go on lines of their own where they
   * would run into x2's name. */
  {
    g_autofree char *path =
        g_build_filename (g_getenv ("NEUROSCOPE_DATADIR"), "datasets", "iris.csv", NULL);
    g_autoptr (NsExperiment) iris = make_experiment ("data", path, "lr", "1", NULL);
    NsOutputViewData iris_view;

    ns_experiment_step (iris, 10);
    do
      g_assert_true (ns_experiment_step_phase (iris));
    while (ns_experiment_get_step_state (iris)->phase != NS_STEP_UPDATE);
    ns_render_output_prepare (&iris_view, iris, NS_RENDER_OUTPUT_GRID);
    g_assert_nonnull (iris_view.output_before);
    for (guint a = 0; a < 2; a++)
      {
        ns_render_style_init (&style, TRUE, 1.0);
        ns_scene_clear (scene);
        ns_render_output (scene, &iris_view, &style, a == 0 ? 440 : 300, a == 0 ? 460 : 700);
        dump_png (scene, a == 0 ? "output-before-after-iris-across.png"
                                : "output-before-after-iris-down.png");
        g_assert_cmpuint (find_heatmaps (scene, NS_RENDER_OUTPUT_GRID, images, 4), ==, 2);
        assert_texts_fit (scene);
      }
  }

  /* Without a "before", one plane. */
  view.output_before = NULL;
  ns_scene_clear (scene);
  ns_render_output (scene, &view, &style, 420, 500);
  g_assert_cmpuint (find_heatmaps (scene, NS_RENDER_OUTPUT_GRID, images, 4), ==, 1);
  g_assert_false (has_text_prefix (scene, "Change: "));
  g_assert_false (has_text (scene, "Before this update"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/output/step-highlight", test_step_highlight);
  g_test_add_func ("/render/output/before-after", test_before_after);

  status = g_test_run ();
  release_font_caches ();

  return status;
}
