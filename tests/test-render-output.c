/* test-render-output.c: the decision boundary picture: heatmap, points, axes, mapping, pixels.
 * The pictures while stepping are tested in test-render-output-step.c.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ns-experiment-step.h"
#include "ns-render-output.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"

#include "ns-test-output.h"

#define WIDTH 420
#define HEIGHT 500

/* The heatmap: the one image as large as the plane. */
static const NsImage *
find_heatmap (const NsScene *scene)
{
  double px, py, pw, ph;

  g_assert_true (ns_render_output_get_plane (scene, &px, &py, &pw, &ph));
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE && prim->image.x == px && prim->image.y == py
          && prim->image.width == pw)
        return &prim->image;
    }

  g_assert_not_reached ();
  return NULL;
}

static gboolean
is_ring (const NsCircle *circle, float r, float g, float b)
{
  return circle->stroke.a > 0.5f && circle->stroke.r == r && circle->stroke.g == g
         && circle->stroke.b == b;
}

/* Training points have a white ring, test points a black one (legend swatches have none, or a
 * fill that is no class colour). */
static size_t
count_points (const NsScene *scene, gboolean test)
{
  double px, py, pw, ph;
  size_t count = 0;

  g_assert_true (ns_render_output_get_plane (scene, &px, &py, &pw, &ph));
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_CIRCLE && prim->circle.cx >= px && prim->circle.cx <= px + pw
          && prim->circle.cy >= py && prim->circle.cy <= py + ph
          && is_ring (&prim->circle, test ? 0 : 1, test ? 0 : 1, test ? 0 : 1))
        count++;
    }

  return count;
}

/* The share of training points whose heatmap cell shows their own class (blue vs orange). */
static double
agreement (const NsOutputViewData *view, const NsImage *image)
{
  guint agree = 0;

  for (guint s = 0; s < view->n_train; s++)
    {
      const float *x = view->train_x + (size_t) s * view->x_stride;
      int c = (int) ((x[0] - view->x_min) / (view->x_max - view->x_min) * image->pixel_width);
      int r = (int) ((view->y_max - x[1]) / (view->y_max - view->y_min) * image->pixel_height);
      guint32 p;
      int red, blue;

      c = CLAMP (c, 0, image->pixel_width - 1);
      r = CLAMP (r, 0, image->pixel_height - 1);
      p = image->pixels[(size_t) r * image->pixel_width + c];
      red = (p >> 16) & 0xff;
      blue = p & 0xff;
      if ((blue > red) == (view->train_y[s] >= 0.5f))
        agree++;
    }

  return (double) agree / MAX (view->n_train, 1);
}

static void
test_trained_differs (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "circle", "lr", "0.1", "hidden", "6,3", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autofree guint32 *before = NULL;
  NsOutputViewData view;
  NsRenderStyle style;
  const NsImage *image;
  size_t n, differ = 0;
  double agree_before, agree_after;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  g_assert_cmpint (view.kind, ==, NS_OUTPUT_BINARY);
  g_assert_cmpuint (view.grid_size, ==, NS_RENDER_OUTPUT_GRID);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, "output-untrained.png");

  image = find_heatmap (scene);
  g_assert_cmpint (image->pixel_width, ==, NS_RENDER_OUTPUT_GRID);
  g_assert_false (image->crisp);
  n = (size_t) image->pixel_width * image->pixel_height;
  before = g_memdup2 (image->pixels, n * 4);
  agree_before = agreement (&view, image);

  /* Train: the picture changes, and now shows the circle. */
  ns_experiment_train_epochs (experiment, 100);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  ns_scene_clear (scene);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, "output-trained.png");

  image = find_heatmap (scene);
  for (size_t i = 0; i < n; i++)
    differ += image->pixels[i] != before[i];
  agree_after = agreement (&view, image);
  g_test_message ("pixels changed %zu of %zu; agreement %.2f -> %.2f", differ, n, agree_before,
                  agree_after);
  g_assert_cmpuint (differ, >, n / 2);
  g_assert_cmpfloat (agree_after, >, 0.9);
  g_assert_cmpfloat (agree_after, >, agree_before);

  /* Axes and captions say what the picture is. */
  {
    gboolean caption = FALSE, x_label = FALSE, y_label = FALSE, zero = FALSE;

    for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, i);

        if (prim->kind != NS_PRIM_TEXT)
          continue;
        caption |= strstr (prim->text.text, "P(blue)") != NULL;
        x_label |= strcmp (prim->text.text, "X₁") == 0;
        y_label |= strcmp (prim->text.text, "X₂") == 0;
        zero |= strcmp (prim->text.text, "0") == 0;
      }
    g_assert_true (caption);
    g_assert_true (x_label);
    g_assert_true (y_label);
    g_assert_true (zero);
  }
}

static NsColor
pixel_color (guint32 pixel)
{
  /* Opaque premultiplied ARGB32: the channels are the colour. */
  return (NsColor){ ((pixel >> 16) & 0xff) / 255.f, ((pixel >> 8) & 0xff) / 255.f,
                    (pixel & 0xff) / 255.f, 1 };
}

/* Read from the back of the room (issue 10): the plane is paler than the points, so a point on
 * its own class's region still stands out, in both styles; the stepped sample's ring reads on
 * both classes' regions and on the neutral middle. */
static void
check_legible (gboolean dark)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "circle", "lr", "0.1", "hidden", "6,3", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsOutputViewData view;
  NsRenderStyle style;
  const NsImage *image;
  guint own = 0;
  double worst = G_MAXDOUBLE;
  /* WCAG contrast ratios: the Playground's orange is a light colour, so its points reach about
   * 1.8 on their pale plane (the blue ones 3); on the old fully saturated plane both were 1. */
  const double min_point_contrast = 1.6, min_ring_contrast = 3.0;

  ns_render_style_init (&style, dark, 1.0);
  ns_experiment_train_epochs (experiment, 100);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, dark ? "output-legible-dark.png" : "output-legible.png");
  image = find_heatmap (scene);

  for (guint s = 0; s < view.n_train; s++)
    {
      const float *x = view.train_x + (size_t) s * view.x_stride;
      int c = (int) ((x[0] - view.x_min) / (view.x_max - view.x_min) * image->pixel_width);
      int r = (int) ((view.y_max - x[1]) / (view.y_max - view.y_min) * image->pixel_height);
      NsColor under;
      guint label = view.train_y[s] >= 0.5f ? 1 : 0;

      c = CLAMP (c, 0, image->pixel_width - 1);
      r = CLAMP (r, 0, image->pixel_height - 1);
      under = pixel_color (image->pixels[(size_t) r * image->pixel_width + c]);
      /* Only where the plane says the point's class with some certainty: there the old plane
       * had the point's own colour. */
      if ((label == 1) != (under.b > under.r) || fabs (under.b - under.r) < 0.1)
        continue;
      own++;
      worst = MIN (worst, ns_color_contrast (ns_render_style_class_color (&style, label), &under));
    }
  g_test_message ("%s: %u points on their own class's region, lowest contrast %.2f",
                  dark ? "dark" : "light", own, worst);
  g_assert_cmpuint (own, >, view.n_train / 2);
  g_assert_cmpfloat (worst, >=, min_point_contrast);

  /* The stepped sample's ring against each class's plane colour (the plane at certainty) and
   * the neutral middle; a ring of the background's colour under it parts it from the points. */
  {
    gboolean ring = FALSE, halo = FALSE;
    NsRenderStyle plane_style;
    NsColor planes[3] = { style.neutral };

    ns_render_output_plane_style (&style, &plane_style);
    for (guint k = 0; k < 2; k++)
      planes[k + 1] = *ns_render_style_class_color (&plane_style, k);
    g_assert_true (ns_experiment_step_phase (experiment));
    ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
    ns_scene_clear (scene);
    ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
    dump_png (scene, dark ? "output-legible-step-dark.png" : "output-legible-step.png");
    for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, i);

        if (prim->kind != NS_PRIM_CIRCLE || prim->circle.fill.a != 0)
          continue;
        ring |= ns_color_equal (&prim->circle.stroke, &style.mark);
        halo |= ns_color_equal (&prim->circle.stroke, &style.background);
      }
    g_assert_true (ring);
    g_assert_true (halo);
    g_assert_cmpfloat (style.mark.a, ==, 1);
    for (guint k = 0; k < 3; k++)
      g_assert_cmpfloat (ns_color_contrast (&style.mark, &planes[k]), >=, min_ring_contrast);
  }
}

static void
test_legible (void)
{
  check_legible (FALSE);
  check_legible (TRUE);
}

static void
check_points (const char *dataset, const char *picture)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", dataset, NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsOutputViewData view;
  NsRenderStyle style;
  guint matched = 0;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_experiment_step (experiment, 50);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, picture);

  g_assert_cmpuint (count_points (scene, FALSE), ==,
                    count_in_plane (&view, view.train_x, view.n_train));
  g_assert_cmpuint (count_points (scene, TRUE), ==, 0);

  /* Every training point: a circle at its place, of its class colour, with a hit region. */
  for (guint s = 0; s < view.n_train; s++)
    {
      const float *x = view.train_x + (size_t) s * view.x_stride;
      const NsColor *want = ns_render_style_class_color (&style, (guint) view.train_y[s]);
      double sx, sy;
      gboolean found = FALSE;

      g_assert_true (ns_render_output_plane_to_scene (scene, &view, x[0], x[1], &sx, &sy));
      for (size_t i = 0; i < ns_scene_get_n_prims (scene) && !found; i++)
        {
          const NsPrim *prim = ns_scene_get_prim (scene, i);

          found = prim->kind == NS_PRIM_CIRCLE && fabs (prim->circle.cx - sx) < 1e-6
                  && fabs (prim->circle.cy - sy) < 1e-6
                  && ns_color_equal (&prim->circle.fill, want);
        }
      g_assert_true (found);
      matched++;
    }
  g_assert_cmpuint (matched, ==, view.n_train);

  for (size_t i = 0, n = 0; i < ns_scene_get_n_hits (scene); i++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, i);

      if (hit->kind == NS_HIT_POINT && hit->layer == NS_OUTPUT_HIT_TRAIN)
        {
          g_assert_cmpint (hit->input, >=, 0);
          g_assert_cmpint (hit->input, <, (int) view.n_train);
          n++;
        }
      if (i + 1 == ns_scene_get_n_hits (scene))
        g_assert_cmpuint (n, ==, view.n_train);
    }
}

static void
test_points_binary (void)
{
  check_points ("xor", "output-xor.png");
}

static void
test_points_classes (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "spiral3", NULL);
  NsOutputViewData view;

  ns_render_output_prepare (&view, experiment, 0);
  g_assert_cmpint (view.kind, ==, NS_OUTPUT_CLASSES);
  g_assert_cmpuint (view.n_classes, ==, 3);
  g_assert_cmpstr (ns_render_output_class_name (&view, 2), ==, "green");

  check_points ("spiral3", "output-spiral3.png");
  check_points ("blobs5", "output-blobs5.png");
}

static void
test_test_points (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "gauss", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsOutputViewData view;
  NsRenderStyle style;
  size_t without, with, hits = 0;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  g_assert_cmpuint (view.n_test, >, 0);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  g_assert_cmpuint (count_points (scene, TRUE), ==, 0);
  without = ns_scene_count_prims (scene, NS_PRIM_CIRCLE);

  view.show_test = TRUE;
  ns_scene_clear (scene);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, "output-test-points.png");
  g_assert_cmpuint (count_points (scene, TRUE), ==,
                    count_in_plane (&view, view.test_x, view.n_test));
  g_assert_cmpuint (count_points (scene, FALSE), ==,
                    count_in_plane (&view, view.train_x, view.n_train));
  with = ns_scene_count_prims (scene, NS_PRIM_CIRCLE);
  /* The test points, and a legend swatch saying what their ring means. */
  g_assert_cmpuint (with, ==, without + count_in_plane (&view, view.test_x, view.n_test) + 1);

  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    hits += ns_scene_get_hit (scene, i)->layer == NS_OUTPUT_HIT_TEST;
  g_assert_cmpuint (hits, ==, count_in_plane (&view, view.test_x, view.n_test));
}

static void
check_discretized (const char *dataset, const char *picture)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", dataset, NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  NsOutputViewData view;
  NsRenderStyle style;
  const NsImage *image;
  guint32 allowed[NS_RENDER_N_CLASS_COLORS];
  NsRenderStyle plane_style;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_output_plane_style (&style, &plane_style);
  ns_experiment_step (experiment, 200);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  view.discretize = TRUE;
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, picture);

  for (guint k = 0; k < view.n_classes; k++)
    allowed[k] = ns_color_to_argb32 (ns_render_style_class_color (&plane_style, k));

  image = find_heatmap (scene);
  g_assert_true (image->crisp);
  for (int i = 0; i < image->pixel_width * image->pixel_height; i++)
    {
      gboolean ok = FALSE;

      for (guint k = 0; k < view.n_classes; k++)
        ok |= image->pixels[i] == allowed[k];
      g_assert_true (ok);
      g_hash_table_add (seen, GUINT_TO_POINTER (image->pixels[i]));
    }
  /* A trained network does not paint the whole plane one class. */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 2);
}

static void
test_discretize (void)
{
  check_discretized ("circle", "output-discretized.png");
  check_discretized ("blobs5", "output-discretized-blobs5.png");
}

static void
test_mapping (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsOutputViewData view;
  NsRenderStyle style;
  double px, py, pw, ph, x1, x2, sx, sy;
  static const double probes[][2] = { { 0, 0 }, { -6, -6 }, { 6, 6 }, { 1.5, -4.25 }, { -5, 3 } };

  ns_render_style_init (&style, FALSE, 1.5);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  ns_render_output (scene, &view, &style, 640, 700);

  g_assert_true (ns_render_output_get_plane (scene, &px, &py, &pw, &ph));
  g_assert_cmpfloat (pw, ==, ph); /* the plane is square, as the data's extent */
  g_assert_cmpfloat (pw, >, 300);

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_assert_true (
          ns_render_output_plane_to_scene (scene, &view, probes[i][0], probes[i][1], &sx, &sy));
      g_assert_true (ns_render_output_scene_to_plane (scene, &view, sx, sy, &x1, &x2));
      g_assert_cmpfloat_with_epsilon (x1, probes[i][0], 1e-9);
      g_assert_cmpfloat_with_epsilon (x2, probes[i][1], 1e-9);
    }

  /* x2 points up: the top-left corner is (x_min, y_max). */
  g_assert_true (ns_render_output_scene_to_plane (scene, &view, px, py, &x1, &x2));
  g_assert_cmpfloat_with_epsilon (x1, view.x_min, 1e-9);
  g_assert_cmpfloat_with_epsilon (x2, view.y_max, 1e-9);
  g_assert_false (ns_render_output_scene_to_plane (scene, &view, px - 5, py + 5, &x1, &x2));
  g_assert_false (ns_render_output_scene_to_plane (scene, &view, px + 5, py + ph + 5, &x1, &x2));

  /* The plane is the hit region under its middle, a point's is over the point. */
  {
    const NsHitRegion *hit = ns_scene_hit_test (scene, px + pw / 2 + 0.5, py + 2);

    g_assert_nonnull (hit);
    g_assert_cmpint (hit->kind, ==, NS_HIT_POINT);

    ns_render_output_plane_to_scene (scene, &view, view.train_x[0], view.train_x[1], &sx, &sy);
    hit = ns_scene_hit_test (scene, sx, sy);
    g_assert_nonnull (hit);
    g_assert_cmpint (hit->layer, ==, NS_OUTPUT_HIT_TRAIN);
  }
}

/* A point's centre pixel, painted by Cairo, has its class colour: it stands out on the map. */
static void
test_pixels (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "spiral", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsOutputViewData view;
  NsRenderStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  const guint8 *data;
  int stride;
  guint checked = 0;
  double r = 0;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_experiment_step (experiment, 100);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  ns_scene_paint_cairo (scene, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    if (ns_scene_get_prim (scene, i)->kind == NS_PRIM_CIRCLE)
      {
        r = ns_scene_get_prim (scene, i)->circle.radius;
        break;
      }
  g_assert_cmpfloat (r, >=, 2.5);

  /* Points drawn later may cover earlier ones: check those no later point comes near. */
  for (guint s = 0; s < view.n_train; s++)
    {
      const float *x = view.train_x + (size_t) s * view.x_stride;
      const NsColor *want = ns_render_style_class_color (&style, (guint) view.train_y[s]);
      double sx, sy;
      gboolean covered = FALSE;
      guint32 pixel;

      ns_render_output_plane_to_scene (scene, &view, x[0], x[1], &sx, &sy);
      for (guint t = s + 1; t < view.n_train && !covered; t++)
        {
          double tx, ty;

          ns_render_output_plane_to_scene (scene, &view, view.train_x[t * view.x_stride],
                                           view.train_x[t * view.x_stride + 1], &tx, &ty);
          covered = hypot (tx - sx, ty - sy) < 2 * r + 2;
        }
      if (covered)
        continue;

      pixel = *(const guint32 *) (data + (int) floor (sy) * stride + (int) floor (sx) * 4);
      g_assert_cmpint (abs ((int) ((pixel >> 16) & 0xff) - (int) lround (want->r * 255)), <=, 2);
      g_assert_cmpint (abs ((int) ((pixel >> 8) & 0xff) - (int) lround (want->g * 255)), <=, 2);
      g_assert_cmpint (abs ((int) (pixel & 0xff) - (int) lround (want->b * 255)), <=, 2);
      checked++;
    }
  g_test_message ("checked %u point centres", checked);
  g_assert_cmpuint (checked, >=, 20);

  cairo_surface_destroy (surface);
}

static void
test_regression (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ("dataset", "reg-gauss", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  NsOutputViewData view;
  NsRenderStyle style;
  const NsImage *image;
  g_autofree char *tip = NULL;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_experiment_step (experiment, 300);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  g_assert_cmpint (view.kind, ==, NS_OUTPUT_REGRESSION);
  g_assert_cmpfloat (view.value_min, ==, -view.value_max);
  g_assert_cmpfloat (view.value_max, >, 0.5);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, "output-regression.png");
  /* Every point drawn, coloured by its value (no class colours needed). */
  g_assert_cmpuint (count_points (scene, FALSE), ==,
                    count_in_plane (&view, view.train_x, view.n_train));

  /* A point whose value is about 0 shows on the neutral plane too, in both styles: its
   * colour's middle is darker (lighter) than the plane's. */
  for (int dark = 0; dark < 2; dark++)
    {
      NsRenderStyle look;
      double worst = G_MAXDOUBLE;
      guint near_zero = 0;

      ns_render_style_init (&look, dark, 1.0);
      ns_scene_clear (scene);
      ns_render_output (scene, &view, &look, WIDTH, HEIGHT);
      for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
        {
          const NsPrim *prim = ns_scene_get_prim (scene, i);

          for (guint s = 0; s < view.n_train && prim->kind == NS_PRIM_CIRCLE; s++)
            {
              double sx, sy;
              const float *x = view.train_x + (size_t) s * view.x_stride;

              if (fabs (view.train_y[s]) > 0.02 * view.value_max)
                continue;
              ns_render_output_plane_to_scene (scene, &view, x[0], x[1], &sx, &sy);
              if (fabs (prim->circle.cx - sx) < 1e-6 && fabs (prim->circle.cy - sy) < 1e-6
                  && prim->circle.fill.a > 0)
                {
                  worst = MIN (worst, ns_color_contrast (&prim->circle.fill, &look.neutral));
                  near_zero++;
                }
            }
        }
      g_test_message ("%u points near 0, lowest contrast with neutral %.2f", near_zero, worst);
      g_assert_cmpuint (near_zero, >, 0);
      g_assert_cmpfloat (worst, >=, 1.5);
    }

  view.discretize = TRUE;
  ns_scene_clear (scene);
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, "output-regression-discretized.png");
  image = find_heatmap (scene);
  for (int i = 0; i < image->pixel_width * image->pixel_height; i++)
    g_hash_table_add (seen, GUINT_TO_POINTER (image->pixels[i]));
  g_assert_cmpuint (g_hash_table_size (seen), >=, 2);
  g_assert_cmpuint (g_hash_table_size (seen), <=, 8);

  tip = ns_render_output_describe (experiment, &view, 1.0, -2.0);
  g_assert_nonnull (strstr (tip, "Predicted value"));
  g_assert_nonnull (strstr (tip, "X₁ 1.0"));
  g_assert_nonnull (strstr (tip, "X₂ \u22122.0"));
}

static void
test_csv (void)
{
  g_autofree char *path =
      g_build_filename (g_getenv ("NEUROSCOPE_DATADIR"), "datasets", "iris.csv", NULL);
  g_autoptr (NsExperiment) experiment = make_experiment ("data", path, NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsOutputViewData view;
  NsRenderStyle style;
  gboolean mean_caption = FALSE, column = FALSE, setosa = FALSE;

  ns_render_style_init (&style, TRUE, 1.0);
  ns_experiment_step (experiment, 100);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  g_assert_true (view.others_at_mean);
  g_assert_cmpint (view.kind, ==, NS_OUTPUT_CLASSES);
  view.show_test = TRUE;
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, "output-iris-dark.png");

  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind != NS_PRIM_TEXT)
        continue;
      mean_caption |= strstr (prim->text.text, "at their mean") != NULL;
      column |= strcmp (prim->text.text, "sepal_length") == 0;
      setosa |= strcmp (prim->text.text, "setosa") == 0;
    }
  g_assert_true (mean_caption);
  g_assert_true (column);
  g_assert_true (setosa);
  g_assert_cmpuint (count_points (scene, FALSE), ==,
                    count_in_plane (&view, view.train_x, view.n_train));
}

static void
test_describe (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  NsOutputViewData view;
  g_autofree char *tip = NULL;

  ns_render_output_prepare (&view, experiment, 0);
  g_assert_null (view.output);
  tip = ns_render_output_describe (experiment, &view, 0.5, 0.25);
  g_assert_nonnull (strstr (tip, "P(blue)"));
  g_assert_nonnull (strstr (tip, "X₁ 0.50"));
}

/* Many sizes and scales: the plane never leaves the area, nothing degenerate. */
static void
test_sizes (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment (NULL, NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsOutputViewData view;
  NsRenderStyle style;
  static const double sizes[][2] = { { 200, 220 }, { 300, 600 }, { 900, 400 }, { 1200, 1200 } };

  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  view.show_test = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (double scale = 1; scale <= 2; scale += 0.5)
      {
        double px, py, pw, ph;

        ns_render_style_init (&style, FALSE, scale);
        ns_scene_clear (scene);
        ns_render_output (scene, &view, &style, sizes[i][0], sizes[i][1]);
        g_assert_true (ns_render_output_get_plane (scene, &px, &py, &pw, &ph));
        g_assert_cmpfloat (pw, >, 0);
        if (sizes[i][0] >= 300 && scale == 1)
          {
            g_assert_cmpfloat (px, >=, 0);
            g_assert_cmpfloat (px + pw, <=, sizes[i][0]);
            g_assert_cmpfloat (py + ph, <=, sizes[i][1]);
          }
        if (i == 3 && scale == 1.5)
          dump_png (scene, "output-large.png");
      }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/output/trained-differs", test_trained_differs);
  g_test_add_func ("/render/output/legible", test_legible);
  g_test_add_func ("/render/output/points-binary", test_points_binary);
  g_test_add_func ("/render/output/points-classes", test_points_classes);
  g_test_add_func ("/render/output/test-points", test_test_points);
  g_test_add_func ("/render/output/discretize", test_discretize);
  g_test_add_func ("/render/output/mapping", test_mapping);
  g_test_add_func ("/render/output/pixels", test_pixels);
  g_test_add_func ("/render/output/regression", test_regression);
  g_test_add_func ("/render/output/csv", test_csv);
  g_test_add_func ("/render/output/describe", test_describe);
  g_test_add_func ("/render/output/sizes", test_sizes);

  status = g_test_run ();
  release_font_caches ();

  return status;
}
