/* test-render-output.c: the decision boundary picture: heatmap, points, axes, mapping, pixels.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "ns-experiment-step.h"
#include "ns-render-output.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"

#define WIDTH 420
#define HEIGHT 500

static NsExperiment *
make_experiment (const char *first_option, ...)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;
  const char *name;
  va_list args;

  ns_config_init_default (&config);
  va_start (args, first_option);
  for (name = first_option; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      g_assert_true (ns_config_set_option (&config, name, value, &error));
      g_assert_no_error (error);
    }
  va_end (args);

  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (experiment);

  return experiment;
}

static void
dump_png (const NsScene *scene, const char *name)
{
  const char *dir = g_getenv ("NS_TEST_DUMP");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  if (!ns_scene_export (scene, (int) ns_scene_get_width (scene), (int) ns_scene_get_height (scene),
                        path, &error))
    g_test_message ("could not dump %s: %s", path, error->message);
  else
    g_test_message ("dumped %s", path);
}

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

static guint
count_in_plane (const NsOutputViewData *view, const float *xs, guint n)
{
  guint count = 0;

  for (guint s = 0; s < n; s++)
    {
      const float *x = xs + (size_t) s * view->x_stride;

      if (x[0] >= view->x_min && x[0] <= view->x_max && x[1] >= view->y_min
          && x[1] <= view->y_max)
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
  g_autoptr (NsExperiment) experiment
      = make_experiment ("dataset", "circle", "lr", "0.1", "hidden", "6,3", NULL);
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

  ns_render_style_init (&style, FALSE, 1.0);
  ns_experiment_step (experiment, 200);
  ns_render_output_prepare (&view, experiment, NS_RENDER_OUTPUT_GRID);
  view.discretize = TRUE;
  ns_render_output (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, picture);

  for (guint k = 0; k < view.n_classes; k++)
    allowed[k] = ns_color_to_argb32 (ns_render_style_class_color (&style, k));

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
  g_autofree char *path
      = g_build_filename (g_getenv ("NEUROSCOPE_DATADIR"), "datasets", "iris.csv", NULL);
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

/* Pango's font map keeps caches for the whole process: dropping it at exit keeps
 * LeakSanitizer (on for this suite) to leaks of our own; what fontconfig keeps even then is
 * suppressed in tests/lsan.supp. */
static void
release_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
  /* cairo_debug_reset_static_data () would be tidier, but asserts now and then under ASan
   * (a scaled font still cached); what cairo keeps stays reachable, so LSan ignores it. */
}

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
  g_assert_cmpint (view.highlight_train, ==,
                   (int) ns_experiment_get_step_state (exp)->data_index);
  ns_render_output (scene, &view, &style, 400, 400);
  rings = 0;
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);
      if (prim->kind == NS_PRIM_CIRCLE && prim->circle.fill.a == 0
          && ns_color_equal (&prim->circle.stroke, &style.accent))
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

static gboolean
has_text_prefix (const NsScene *scene, const char *prefix)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_TEXT && g_str_has_prefix (prim->text.text, prefix))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_text (const NsScene *scene, const char *text)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_TEXT && g_strcmp0 (prim->text.text, text) == 0)
        return TRUE;
    }

  return FALSE;
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
      ns_scene_measure_text (scene, text->text, text->role, text->size, &box.width,
                             &box.height);
      box.x = text->x - (text->halign == NS_ALIGN_CENTER ? box.width / 2
                         : text->halign == NS_ALIGN_END  ? box.width
                                                         : 0);
      box.y = text->y - (text->valign == NS_ALIGN_CENTER ? box.height / 2
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
  g_autoptr (NsExperiment) exp
      = make_experiment ("dataset", "xor", "count", "100", "hidden", "3", "activation", "tanh",
                         "lr", "1", "batch", "10", NULL);
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
              && ns_color_equal (&prim->circle.stroke, &style.accent))
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
    g_autofree char *path
        = g_build_filename (g_getenv ("NEUROSCOPE_DATADIR"), "datasets", "iris.csv", NULL);
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

  g_test_add_func ("/render/output/trained-differs", test_trained_differs);
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
  g_test_add_func ("/render/output/step-highlight", test_step_highlight);
  g_test_add_func ("/render/output/before-after", test_before_after);

  status = g_test_run ();
  release_font_caches ();

  return status;
}
