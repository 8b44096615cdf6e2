/* test-render-curves.c: loss and accuracy charts over the whole history.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "ns-render-curves.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"
#include "ns-test-render.h"

#define WIDTH 480
#define HEIGHT 300

/* A made-up run: losses falling from about 0.7 with some noise, accuracy rising. */
static NsHistoryEntry *
make_history (guint n, guint32 seed)
{
  NsHistoryEntry *history = g_new0 (NsHistoryEntry, n);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    {
      double t = (double) i / MAX (n - 1, 1);

      history[i].epoch = i;
      history[i].step = (guint64) i * 25;
      history[i].train_loss = 0.7 * exp (-4 * t) + 0.02 + 0.03 * g_rand_double (rand);
      history[i].test_loss = 0.72 * exp (-3.5 * t) + 0.04 + 0.05 * g_rand_double (rand);
      history[i].train_accuracy = 0.5 + 0.48 * (1 - exp (-5 * t));
      history[i].test_accuracy = 0.5 + 0.45 * (1 - exp (-4 * t));
    }

  return history;
}

static void
view_init (NsCurvesViewData *view, const NsHistoryEntry *history, guint n, NsCurvesMode mode)
{
  memset (view, 0, sizeof *view);
  view->history = history;
  view->n_entries = n;
  view->mode = mode;
  view->has_test = TRUE;
}

static const NsPolyline *
nth_polyline (const NsScene *scene, guint nth)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_POLYLINE && nth-- == 0)
        return &prim->polyline;
    }

  g_assert_not_reached ();
  return NULL;
}

/* Every point finite and inside the plot (the line width may stick out). */
static void
assert_inside (const NsScene *scene, const NsPolyline *line, NsCurvesChart chart)
{
  double px, py, pw, ph;

  g_assert_true (ns_render_curves_get_plot (scene, chart, &px, &py, &pw, &ph));
  for (size_t p = 0; p < line->n_points; p++)
    {
      double x = line->points[2 * p], y = line->points[2 * p + 1];

      g_assert_true (isfinite (x) && isfinite (y));
      g_assert_cmpfloat (x, >=, px - 1e-9);
      g_assert_cmpfloat (x, <=, px + pw + 1e-9);
      g_assert_cmpfloat (y, >=, py - 1e-9);
      g_assert_cmpfloat (y, <=, py + ph + 1e-9);
      if (p > 0)
        g_assert_cmpfloat (x, >=, line->points[2 * p - 2]);
    }
}

static void
test_short_history (void)
{
  g_autofree NsHistoryEntry *history = make_history (60, 1);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsCurvesViewData view;
  NsRenderStyle style;
  const NsPolyline *train, *test;
  double px, py, pw, ph, max_loss = 0, top_y = G_MAXDOUBLE;

  ns_render_style_init (&style, FALSE, 1.0);
  view_init (&view, history, 60, NS_CURVES_LOSS);
  ns_render_curves (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, "curves-loss.png");

  /* One curve per series, one point per entry: nothing to decimate. */
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 2);
  train = nth_polyline (scene, 0);
  test = nth_polyline (scene, 1);
  g_assert_cmpuint (train->n_points, ==, 60);
  g_assert_cmpuint (test->n_points, ==, 60);
  assert_inside (scene, train, NS_CURVES_CHART_LOSS);
  assert_inside (scene, test, NS_CURVES_CHART_LOSS);

  /* Training and test differ in colour, lightness and width. */
  g_assert_false (ns_color_equal (&train->color, &test->color));
  g_assert_cmpfloat (fabs ((train->color.r + train->color.g + train->color.b)
                           - (test->color.r + test->color.g + test->color.b)),
                     >, 0.6);
  g_assert_cmpfloat (train->width, !=, test->width);

  /* x = epoch across the whole plot; the loss falls, so the curve goes down (y grows). */
  g_assert_true (ns_render_curves_get_plot (scene, NS_CURVES_CHART_LOSS, &px, &py, &pw, &ph));
  g_assert_cmpfloat_with_epsilon (train->points[0], px, 1e-9);
  g_assert_cmpfloat_with_epsilon (train->points[2 * 59], px + pw, 1e-9);
  g_assert_cmpfloat (train->points[2 * 59 + 1], >, train->points[1]);

  /* The y axis starts at 0 and covers the largest loss. */
  for (guint i = 0; i < 60; i++)
    max_loss = MAX (max_loss, MAX (history[i].train_loss, history[i].test_loss));
  for (size_t p = 0; p < test->n_points; p++)
    top_y = MIN (top_y, MIN (test->points[2 * p + 1], train->points[2 * p + 1]));
  g_assert_cmpfloat (top_y, >=, py);
  g_assert_cmpfloat (top_y, <, py + ph * (1 - max_loss / 1.0) + 1e-6); /* top is at most 1 */
  g_assert_true (has_text_prefix (scene, "0"));

  /* Axis names, legend with current values. */
  g_assert_true (has_text_prefix (scene, "Loss"));
  g_assert_true (has_text_prefix (scene, "Epoch"));
  {
    g_autofree char *train_text = g_strdup_printf ("Training %.3f", history[59].train_loss);
    g_autofree char *test_text = g_strdup_printf ("Test %.3f", history[59].test_loss);

    g_assert_true (has_text_prefix (scene, train_text));
    g_assert_true (has_text_prefix (scene, test_text));
  }
  g_assert_false (has_text_prefix (scene, "Accuracy"));

  /* The entry under the pointer, for the tooltip. */
  g_assert_cmpint (ns_render_curves_entry_at (scene, &view, px + pw * 30.2 / 59, py + ph / 2), ==,
                   30);
  g_assert_cmpint (ns_render_curves_entry_at (scene, &view, px + pw - 0.5, py + 1), ==, 59);
  g_assert_cmpint (ns_render_curves_entry_at (scene, &view, px - 10, py + 1), ==, -1);
}

static void
test_long_history (void)
{
  g_autofree NsHistoryEntry *history = make_history (5000, 2);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsCurvesViewData view;
  NsRenderStyle style;
  double px, py, pw, ph;
  gint64 start;

  ns_render_style_init (&style, FALSE, 1.0);
  view_init (&view, history, 5000, NS_CURVES_BOTH);

  start = g_get_monotonic_time ();
  ns_render_curves (scene, &view, &style, WIDTH, 2 * HEIGHT);
  g_test_message ("5000 entries, two charts: %.2f ms", (g_get_monotonic_time () - start) / 1000.0);
  dump_png (scene, "curves-long.png");

  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 4);
  g_assert_true (ns_render_curves_get_plot (scene, NS_CURVES_CHART_LOSS, &px, &py, &pw, &ph));
  {
    double ax, aw;

    /* Stacked charts line up: one epoch is at the same x in both. */
    g_assert_true (
        ns_render_curves_get_plot (scene, NS_CURVES_CHART_ACCURACY, &ax, NULL, &aw, NULL));
    g_assert_cmpfloat (ax, ==, px);
    g_assert_cmpfloat (aw, ==, pw);
  }
  for (guint k = 0; k < 4; k++)
    {
      const NsPolyline *line = nth_polyline (scene, k);

      /* At most two points per pixel across, but not thinned further. */
      g_assert_cmpuint (line->n_points, <=, 2 * (size_t) ceil (pw));
      g_assert_cmpuint (line->n_points, >=, (size_t) floor (pw));
      assert_inside (scene, line, k < 2 ? NS_CURVES_CHART_LOSS : NS_CURVES_CHART_ACCURACY);
    }

  /* Decimation keeps the extremes: the curve still reaches the largest loss. */
  {
    const NsPolyline *train = nth_polyline (scene, 0);
    double max_loss = 0, max_train = 0, min_y = G_MAXDOUBLE, step, top;

    for (guint i = 0; i < 5000; i++)
      {
        max_loss = MAX (max_loss, MAX (history[i].train_loss, history[i].test_loss));
        max_train = MAX (max_train, history[i].train_loss);
      }
    for (size_t p = 0; p < train->n_points; p++)
      min_y = MIN (min_y, train->points[2 * p + 1]);
    /* The axis top: the next round value above the largest loss. */
    step = ns_render_nice_step (max_loss, 4);
    top = ceil (max_loss / step) * step;
    g_assert_cmpfloat_with_epsilon (min_y, py + ph - max_train / top * ph, 1e-6);
  }

  g_assert_true (has_text_prefix (scene, "Accuracy"));
  g_assert_true (has_text_prefix (scene, "100%"));
  g_assert_true (has_text_prefix (scene, "1000"));
}

static void
test_diverged (void)
{
  g_autofree NsHistoryEntry *history = make_history (40, 3);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsCurvesViewData view;
  NsRenderStyle style;

  /* The run blows up: huge, then infinite, then NaN losses. */
  history[30].train_loss = 1e30;
  history[31].train_loss = INFINITY;
  history[31].test_loss = INFINITY;
  for (guint i = 32; i < 40; i++)
    {
      history[i].train_loss = history[i].test_loss = NAN;
      history[i].train_accuracy = history[i].test_accuracy = NAN;
    }

  ns_render_style_init (&style, TRUE, 1.0);
  view_init (&view, history, 40, NS_CURVES_BOTH);
  ns_render_curves (scene, &view, &style, WIDTH, 2 * HEIGHT);
  dump_png (scene, "curves-diverged.png");

  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 4);
  /* NaN entries are left out; the infinite one sits on the top edge. */
  g_assert_cmpuint (nth_polyline (scene, 0)->n_points, ==, 32);
  g_assert_cmpuint (nth_polyline (scene, 1)->n_points, ==, 32);
  g_assert_cmpuint (nth_polyline (scene, 2)->n_points, ==, 32);
  for (guint k = 0; k < 4; k++)
    assert_inside (scene, nth_polyline (scene, k),
                   k < 2 ? NS_CURVES_CHART_LOSS : NS_CURVES_CHART_ACCURACY);
  g_assert_true (has_text_prefix (scene, "Training diverged"));

  /* Nothing finite at all. */
  for (guint i = 0; i < 40; i++)
    history[i].train_loss = history[i].test_loss = NAN;
  ns_scene_clear (scene);
  view.mode = NS_CURVES_LOSS;
  ns_render_curves (scene, &view, &style, WIDTH, HEIGHT);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 0);
  g_assert_true (has_text_prefix (scene, "Loss"));
}

static void
test_modes (void)
{
  g_autofree NsHistoryEntry *history = make_history (20, 4);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsCurvesViewData view;
  NsRenderStyle style;

  ns_render_style_init (&style, FALSE, 1.0);

  /* Too low for two charts: accuracy alone. */
  view_init (&view, history, 20, NS_CURVES_BOTH);
  ns_render_curves (scene, &view, &style, WIDTH, 200);
  dump_png (scene, "curves-accuracy.png");
  g_assert_false (ns_render_curves_get_plot (scene, NS_CURVES_CHART_LOSS, NULL, NULL, NULL, NULL));
  g_assert_true (
      ns_render_curves_get_plot (scene, NS_CURVES_CHART_ACCURACY, NULL, NULL, NULL, NULL));
  {
    g_autofree char *text = g_strdup_printf ("Test %.1f%%", 100 * history[19].test_accuracy);

    g_assert_true (has_text_prefix (scene, text));
  }

  /* Regression: loss only, whatever the mode. */
  view.regression = TRUE;
  ns_scene_clear (scene);
  ns_render_curves (scene, &view, &style, WIDTH, 2 * HEIGHT);
  g_assert_true (ns_render_curves_get_plot (scene, NS_CURVES_CHART_LOSS, NULL, NULL, NULL, NULL));
  g_assert_false (
      ns_render_curves_get_plot (scene, NS_CURVES_CHART_ACCURACY, NULL, NULL, NULL, NULL));

  /* No test points: only the training curve. */
  view.has_test = FALSE;
  ns_scene_clear (scene);
  ns_render_curves (scene, &view, &style, WIDTH, HEIGHT);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 1);
  g_assert_false (has_text_prefix (scene, "Test"));

  /* An empty history (and a tiny area) draws axes and nothing else. */
  view_init (&view, NULL, 0, NS_CURVES_LOSS);
  for (double w = 1; w <= 64; w *= 4)
    {
      ns_scene_clear (scene);
      ns_render_curves (scene, &view, &style, w, w);
      g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 0);
    }
}

static void
test_experiment (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) experiment = NULL;
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsCurvesViewData view;
  NsRenderStyle style;

  ns_config_init_default (&config);
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  ns_experiment_train_epochs (experiment, 20);

  ns_render_style_init (&style, FALSE, 1.5);
  ns_render_curves_prepare (&view, experiment, NS_CURVES_BOTH);
  g_assert_cmpuint (view.n_entries, ==, 21);
  g_assert_false (view.regression);
  g_assert_true (view.has_test);
  ns_render_curves (scene, &view, &style, 600, 640);
  dump_png (scene, "curves-experiment.png");

  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 4);
  g_assert_cmpuint (nth_polyline (scene, 1)->n_points, ==, 21);
}

/* The test curve is drawn dark on light: its pixels are there, in its colour. */
static void
test_pixels (void)
{
  g_autofree NsHistoryEntry *history = make_history (30, 5);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsCurvesViewData view;
  NsRenderStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  const NsPolyline *test;
  const guint8 *data;
  int stride, x, y;
  guint32 pixel;

  ns_render_style_init (&style, FALSE, 1.0);
  view_init (&view, history, 30, NS_CURVES_LOSS);
  ns_render_curves (scene, &view, &style, WIDTH, HEIGHT);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  ns_scene_paint_cairo (scene, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  /* The test curve's last stretch is flat-ish and on top of everything; it is dashed (the
   * training curve solid), so some of its points fall in gaps and others are inked. */
  test = nth_polyline (scene, 1);
  g_assert_cmpint (test->dash, ==, NS_DASH_DASHED);
  g_assert_cmpint (nth_polyline (scene, 0)->dash, ==, NS_DASH_SOLID);
  /* The legend's samples show it too: the test's is several dashes, the training's one line. */
  {
    guint test_pieces = 0, train_pieces = 0;

    for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, i);

        if (prim->kind != NS_PRIM_LINE)
          continue;
        test_pieces += ns_color_equal (&prim->line.color, &test->color);
        train_pieces += ns_color_equal (&prim->line.color, &nth_polyline (scene, 0)->color);
      }
    g_assert_cmpuint (test_pieces, >=, 2);
    g_assert_cmpuint (train_pieces, ==, 1);
  }
  {
    guint dark = 0;

    for (int k = 20; k <= 28; k++)
      {
        x = (int) floor (test->points[2 * k]);
        y = (int) floor (test->points[2 * k + 1]);
        pixel = *(const guint32 *) (data + y * stride + x * 4);
        if (((pixel >> 16) & 0xff) < 110 && ((pixel >> 8) & 0xff) < 110 && (pixel & 0xff) < 110)
          dark++;
      }
    g_assert_cmpuint (dark, >, 0);
  }

  cairo_surface_destroy (surface);
}

static void
test_ticks (void)
{
  g_autofree char *a = ns_render_format_tick (-2.5, 0.5);
  g_autofree char *b = ns_render_format_tick (4, 2);
  g_autofree char *c = ns_render_format_tick (-1e-17, 0.2);
  g_autofree char *d = ns_render_format_tick (0.25, 0.05);

  g_assert_cmpfloat (ns_render_nice_step (12, 6), ==, 2);
  g_assert_cmpfloat (ns_render_nice_step (0.7, 4), ==, 0.2);
  g_assert_cmpfloat (ns_render_nice_step (100, 4), ==, 50);
  g_assert_cmpfloat (ns_render_nice_step (3000, 5), ==, 1000);
  g_assert_cmpfloat (ns_render_nice_step (0, 5), ==, 1);
  g_assert_cmpfloat (ns_render_nice_step (NAN, 5), ==, 1);
  g_assert_cmpstr (a, ==, "\u22122.5");
  g_assert_cmpstr (b, ==, "4");
  g_assert_cmpstr (c, ==, "0.0");
  g_assert_cmpstr (d, ==, "0.25");
}

/* The nth circle primitive of @scene (the dots at the curves' ends), or NULL. */
static const NsCircle *
nth_circle (const NsScene *scene, guint nth)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_CIRCLE && nth-- == 0)
        return &prim->circle;
    }
  return NULL;
}

/* After an edit the current values differ from the last epoch's: the legend shows them and
 * the dots sit at them, at the last epoch; a diverged run's legend says so. */
static void
test_current (void)
{
  g_autofree NsHistoryEntry *history = make_history (20, 4);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsHistoryEntry current = history[19];
  NsCurvesViewData view;
  NsRenderStyle style;
  const NsPolyline *train;
  const NsCircle *dot;

  ns_render_style_init (&style, FALSE, 1.0);
  view_init (&view, history, 20, NS_CURVES_LOSS);
  current.train_loss = history[19].train_loss + 0.3;
  current.test_loss = history[19].test_loss + 0.3;
  view.current = &current;
  ns_render_curves (scene, &view, &style, WIDTH, HEIGHT);
  {
    g_autofree char *train_text = g_strdup_printf ("Training %.3f", current.train_loss);
    g_autofree char *old_text = g_strdup_printf ("Training %.3f", history[19].train_loss);

    g_assert_true (has_text_prefix (scene, train_text));
    g_assert_false (has_text_prefix (scene, old_text));
  }
  train = nth_polyline (scene, 0);
  dot = nth_circle (scene, 0);
  g_assert_nonnull (dot);
  /* The same epoch as the curve's end, a higher loss (smaller y). */
  g_assert_cmpfloat_with_epsilon (dot->cx, train->points[2 * (train->n_points - 1)], 1e-9);
  g_assert_cmpfloat (dot->cy, <, train->points[2 * (train->n_points - 1) + 1] - 1.0);

  ns_scene_clear (scene);
  view.diverged = TRUE;
  ns_render_curves (scene, &view, &style, WIDTH, HEIGHT);
  g_assert_true (has_text_prefix (scene, "Training diverged"));
  g_assert_true (has_text_prefix (scene, "Test diverged"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/curves/short", test_short_history);
  g_test_add_func ("/render/curves/long", test_long_history);
  g_test_add_func ("/render/curves/diverged", test_diverged);
  g_test_add_func ("/render/curves/modes", test_modes);
  g_test_add_func ("/render/curves/experiment", test_experiment);
  g_test_add_func ("/render/curves/pixels", test_pixels);
  g_test_add_func ("/render/curves/ticks", test_ticks);
  g_test_add_func ("/render/curves/current", test_current);

  status = g_test_run ();
  release_font_caches ();

  return status;
}
