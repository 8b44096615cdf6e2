/* test-render-chart.c: what the line charts share: axes, legend, lines.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ns-render-chart.h"
#include "ns-render-style.h"
#include "ns-scene.h"
#include "ns-test-render.h"

static const NsPrim *
find_text (const NsScene *scene, const char *text)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_TEXT && g_strcmp0 (prim->text.text, text) == 0)
        return prim;
    }
  return NULL;
}

/* A linear axis fits a round top above the values; labels, gridlines and the frame are drawn
 * and points land where their values say. */
static void
test_linear_axes (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;
  NsChart chart;
  NsDecimator line;
  double ex, ey;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_scene_set_size (scene, 400, 300);
  ns_render_chart_init (&chart, scene, &style, 400, 300, TRUE);

  ns_render_chart_fit_linear_y (&chart, 0.73, NULL);
  g_assert_false (chart.log);
  g_assert_cmpfloat (chart.step, ==, 0.2);
  g_assert_cmpfloat_with_epsilon (chart.top, 0.8, 1e-12);
  ns_render_chart_fit_linear_y (&chart, 0, NULL);
  g_assert_cmpfloat (chart.top, ==, 1);
  ns_render_chart_fit_linear_y (&chart, INFINITY, NULL);
  g_assert_true (isfinite (chart.top));
  ns_render_chart_fit_linear_y (&chart, 0.73, NULL);

  ns_render_chart_set_epochs (&chart, 0, 0); /* a single epoch still spans one */
  g_assert_cmpfloat (chart.e1, ==, 1);
  ns_render_chart_set_epochs (&chart, 0, 40);

  ns_render_chart_add_axes (&chart, 10, 10, 380, 280, ns_render_chart_gutter (&chart));
  g_assert_cmpfloat (chart.px, >, 10);
  g_assert_cmpfloat (chart.px + chart.pw, <=, 390);
  g_assert_cmpfloat (chart.py + chart.ph, <, 290);
  g_assert_nonnull (find_text (scene, "0.8"));
  g_assert_nonnull (find_text (scene, "0.0"));
  /* Round epochs; the last one's label gives way to the axis' name. */
  g_assert_nonnull (find_text (scene, "30"));
  g_assert_null (find_text (scene, "40"));
  g_assert_nonnull (find_text (scene, "Epoch"));

  /* Clamped to the axis: below 0 on the floor, above the top on the top; NaN left out. */
  g_assert_cmpfloat (ns_render_chart_y (&chart, 0), ==, chart.py + chart.ph);
  g_assert_cmpfloat (ns_render_chart_y (&chart, -3), ==, chart.py + chart.ph);
  g_assert_cmpfloat (ns_render_chart_y (&chart, INFINITY), ==, chart.py);
  g_assert_cmpfloat_with_epsilon (ns_render_chart_y (&chart, 0.4), chart.py + chart.ph / 2, 1e-9);

  ns_render_chart_line_init (&chart, &line, 3);
  ns_render_chart_line_add (&chart, &line, 0, 0.8);
  ns_render_chart_line_add (&chart, &line, 20, NAN);
  ns_render_chart_line_add (&chart, &line, 40, 0.4);
  g_assert_true (
      ns_render_chart_line_finish (&chart, &line, 2, &style.foreground, NS_DASH_SOLID, &ex, &ey));
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 1);
  g_assert_cmpfloat_with_epsilon (ex, chart.px + chart.pw, 1e-9);
  g_assert_cmpfloat_with_epsilon (ey, chart.py + chart.ph / 2, 1e-9);

  /* A line with no point draws nothing. */
  ns_render_chart_line_init (&chart, &line, 1);
  ns_render_chart_line_add (&chart, &line, 10, NAN);
  g_assert_false (
      ns_render_chart_line_finish (&chart, &line, 2, &style.foreground, NS_DASH_SOLID, NULL, NULL));
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 1);
  dump_png (scene, "chart-linear.png");
}

/* A log axis: a gridline per decade, labels thinned on a short plot, zeros on the floor. */
static void
test_log_axis (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;
  NsChart chart;
  guint labels = 0;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_chart_init (&chart, scene, &style, 400, 300, TRUE);
  ns_render_chart_set_log_y (&chart, -6, 0);
  ns_render_chart_add_axes (&chart, 10, 10, 380, 280, ns_render_chart_gutter (&chart));
  g_assert_nonnull (find_text (scene, "1"));
  g_assert_nonnull (find_text (scene, "1e\u22126"));
  g_assert_cmpfloat (ns_render_chart_y (&chart, 0), ==, chart.py + chart.ph);
  g_assert_cmpfloat (ns_render_chart_y (&chart, 1e-9), ==, chart.py + chart.ph);
  g_assert_cmpfloat_with_epsilon (ns_render_chart_y (&chart, 1e-3), chart.py + chart.ph / 2, 1e-9);

  /* Twelve decades on a plot 60 high: some labels skipped, the top one kept. */
  ns_scene_clear (scene);
  ns_render_chart_set_log_y (&chart, -12, 0);
  ns_render_chart_add_axes (&chart, 10, 10, 380, 100, ns_render_chart_gutter (&chart));
  g_assert_nonnull (find_text (scene, "1"));
  for (int d = -12; d <= 0; d++)
    {
      g_autofree char *label = ns_render_chart_format_decade (d);

      labels += find_text (scene, label) != NULL;
    }
  g_assert_cmpuint (labels, <, 13);
  g_assert_cmpuint (labels, >=, 2);

  {
    g_autofree char *a = ns_render_chart_format_decade (0);
    g_autofree char *b = ns_render_chart_format_decade (1);
    g_autofree char *c = ns_render_chart_format_decade (-3);
    g_autofree char *d = ns_render_chart_format_decade (4);

    g_assert_cmpstr (a, ==, "1");
    g_assert_cmpstr (b, ==, "10");
    g_assert_cmpstr (c, ==, "1e\u22123");
    g_assert_cmpstr (d, ==, "1e4");
  }
}

/* Epochs far from 0 (a saved run of 10^17 steps): the axis ends, with a bounded number of
 * ticks, however little a step changes a number that large. */
static void
test_far_epochs (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;
  NsChart chart;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_chart_init (&chart, scene, &style, 400, 300, TRUE);
  ns_render_chart_set_epochs (&chart, 1e17, 1e17 + 1);
  ns_render_chart_add_axes (&chart, 10, 10, 380, 280, ns_render_chart_gutter (&chart));
  g_assert_cmpuint (ns_scene_get_n_prims (scene), <, 100);

  ns_scene_clear (scene);
  ns_render_chart_set_epochs (&chart, 0, 1.8e19);
  ns_render_chart_add_axes (&chart, 10, 10, 380, 280, ns_render_chart_gutter (&chart));
  g_assert_cmpuint (ns_scene_get_n_prims (scene), <, 100);
  g_assert_nonnull (find_text (scene, "Epoch"));
}

/* The legend beside the title when it fits, else in rows below, never wider than the box. */
static void
test_legend (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;
  NsChart chart;
  NsChartLegendItem items[] = {
    { "Training 0.606", { 0, 0, 1, 1 }, 2, NS_DASH_SOLID },
    { "Test 0.673", { 0, 0, 0, 1 }, 2.75, NS_DASH_DASHED },
  };
  const NsPrim *title, *train, *test;
  double header, narrow;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_chart_init (&chart, scene, &style, 600, 300, FALSE);
  header =
      ns_render_chart_add_header (&chart, 10, 10, 580, "Loss", items, 2, NS_CHART_LEGEND_BESIDE);
  title = find_text (scene, "Loss");
  train = find_text (scene, "Training 0.606");
  test = find_text (scene, "Test 0.673");
  g_assert_nonnull (title);
  g_assert_nonnull (train);
  g_assert_nonnull (test);
  /* On the title's line, right of it. */
  g_assert_cmpfloat (train->text.y, <, 10 + header);
  g_assert_cmpfloat (train->text.x, >, 300);
  g_assert_cmpfloat (test->text.x, >, train->text.x);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), >=, 3); /* solid 1, dashes 2+ */

  /* Below, in two rows when one is too narrow for both. */
  ns_scene_clear (scene);
  narrow =
      ns_render_chart_add_header (&chart, 10, 10, 130, "Loss", items, 2, NS_CHART_LEGEND_BESIDE);
  train = find_text (scene, "Training 0.606");
  test = find_text (scene, "Test 0.673");
  g_assert_cmpfloat (narrow, >, header);
  g_assert_cmpfloat (test->text.y, >, train->text.y);
  g_assert_cmpfloat (test->text.x, ==, train->text.x);

  /* Below even when it would fit beside, if asked. */
  ns_scene_clear (scene);
  g_assert_cmpfloat (
      ns_render_chart_add_header (&chart, 10, 10, 580, "Loss", items, 2, NS_CHART_LEGEND_BELOW), >,
      header);
  g_assert_cmpfloat (find_text (scene, "Test 0.673")->text.y, ==,
                     find_text (scene, "Training 0.606")->text.y);

  /* A title too wide for the chart gives way to its short form; one that fits stays. */
  chart.short_title = "Gradient health";
  ns_scene_clear (scene);
  ns_render_chart_add_header (&chart, 10, 10, 150, "Gradient health: mean |gradient| per layer",
                              NULL, 0, NS_CHART_LEGEND_BELOW);
  g_assert_nonnull (find_text (scene, "Gradient health"));
  g_assert_null (find_text (scene, "Gradient health: mean |gradient| per layer"));
  ns_scene_clear (scene);
  ns_render_chart_add_header (&chart, 10, 10, 580, "Gradient health: mean |gradient| per layer",
                              NULL, 0, NS_CHART_LEGEND_BELOW);
  g_assert_nonnull (find_text (scene, "Gradient health: mean |gradient| per layer"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/chart/linear-axes", test_linear_axes);
  g_test_add_func ("/render/chart/log-axis", test_log_axis);
  g_test_add_func ("/render/chart/far-epochs", test_far_epochs);
  g_test_add_func ("/render/chart/legend", test_legend);

  return g_test_run ();
}
