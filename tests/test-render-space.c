/* test-render-space.c: the hidden-space view: mapping, projections, principal axes, files.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ns-render-space.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"
#include "ns-test-experiment.h"
#include "ns-test-render.h"

#define WIDTH 480
#define HEIGHT 520

static void
render (NsScene *scene,
        NsSpaceViewData *view,
        NsExperiment *experiment,
        const NsSpaceOptions *options)
{
  NsRenderStyle style;

  ns_render_style_init (&style, FALSE, 1);
  ns_scene_clear (scene);
  ns_render_space_prepare (view, scene, experiment, options);
  ns_render_space (scene, view, &style, WIDTH, HEIGHT);
}

/* The i-th primitive of @kind, or NULL. */
static const NsPrim *
nth_prim (const NsScene *scene, NsPrimKind kind, size_t i)
{
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == kind && i-- == 0)
        return prim;
    }
  return NULL;
}

static gboolean
near (double a, double b, double tolerance)
{
  return fabs (a - b) <= tolerance * MAX (1.0, fabs (b));
}

/* 2-2-1 with a linear hidden layer: h1 = 0.25 + 2 x1 - x2, h2 = -1 + 0.5 x1 + 3 x2. */
static NsExperiment *
make_affine (float w11, float w12)
{
  NsExperiment *experiment = make_experiment ("dataset", "gauss", "features", "x1,x2", "hidden",
                                              "2", "activation", "linear", NULL);

  g_assert_true (ns_experiment_set_weight (experiment, 0, 0, 0, w11));
  g_assert_true (ns_experiment_set_weight (experiment, 0, 0, 1, w12));
  g_assert_true (ns_experiment_set_weight (experiment, 0, 0, 2, 0.25f));
  g_assert_true (ns_experiment_set_weight (experiment, 0, 1, 0, 0.5f));
  g_assert_true (ns_experiment_set_weight (experiment, 0, 1, 1, 3));
  g_assert_true (ns_experiment_set_weight (experiment, 0, 1, 2, -1));
  return experiment;
}

static void
test_affine (void)
{
  g_autoptr (NsExperiment) experiment = make_affine (2, -1);
  g_autoptr (NsScene) scene = ns_scene_new ();
  const NsDataset *data = ns_experiment_get_dataset (experiment);
  NsSpaceViewData view;
  guint g = NS_SPACE_GRID_LINES, m = NS_SPACE_LINE_SAMPLES;

  render (scene, &view, experiment, NULL);
  g_assert_cmpint (view.layer, ==, 0);
  g_assert_cmpuint (view.width, ==, 2);
  g_assert_cmpint (view.projection, ==, NS_SPACE_NEURONS);
  g_assert_cmpstr (view.x_label, ==, "neuron 1");
  g_assert_cmpstr (view.y_label, ==, "neuron 2");
  g_assert_cmpuint (view.n_lines, ==, 2 * g);
  g_assert_cmpuint (view.n_samples, ==, m);
  g_assert_cmpuint (view.n_points, ==, data->n_train);

  /* Every line sample and its polyline vertex: the hand-computed affine map. */
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 2 * g);
  for (guint l = 0; l < 2 * g; l++)
    {
      const NsPrim *prim = nth_prim (scene, NS_PRIM_POLYLINE, l);
      double t = (double) (l % g) / (g - 1);

      g_assert_nonnull (prim);
      g_assert_cmpuint (prim->polyline.n_points, ==, m);
      for (guint k = 0; k < m; k++)
        {
          double r = (double) k / (m - 1);
          double x1 = l < g ? data->x_min + t * (data->x_max - data->x_min)
                            : data->x_min + r * (data->x_max - data->x_min);
          double x2 = l < g ? data->y_min + r * (data->y_max - data->y_min)
                            : data->y_min + t * (data->y_max - data->y_min);
          double h1 = 0.25 + 2 * x1 - x2, h2 = -1 + 0.5 * x1 + 3 * x2;
          const double *uv = view.lines + 2 * ((size_t) l * m + k);
          double sx, sy;

          g_assert_true (near (uv[0], h1, 1e-5));
          g_assert_true (near (uv[1], h2, 1e-5));
          g_assert_true (ns_render_space_to_scene (scene, &view, h1, h2, &sx, &sy));
          g_assert_cmpfloat_with_epsilon (prim->polyline.points[2 * k], sx, 1e-3);
          g_assert_cmpfloat_with_epsilon (prim->polyline.points[2 * k + 1], sy, 1e-3);
        }
    }

  /* Points: one circle each, at the map of the point, in its class colour. */
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), ==, data->n_train);
  for (guint s = 0; s < data->n_train; s++)
    {
      const float *x = data->train_x + 2 * (size_t) s;
      double h1 = 0.25 + 2.0 * x[0] - x[1], h2 = -1 + 0.5 * x[0] + 3.0 * x[1];
      const NsPrim *prim = nth_prim (scene, NS_PRIM_CIRCLE, s);
      NsRenderStyle style;
      double sx, sy;

      ns_render_style_init (&style, FALSE, 1);
      g_assert_true (near (view.points[2 * s], h1, 1e-5));
      g_assert_true (near (view.points[2 * s + 1], h2, 1e-5));
      g_assert_true (ns_render_space_to_scene (scene, &view, h1, h2, &sx, &sy));
      g_assert_cmpfloat_with_epsilon (prim->circle.cx, sx, 1e-3);
      g_assert_cmpfloat_with_epsilon (prim->circle.cy, sy, 1e-3);
      g_assert_true (ns_color_equal (
          &prim->circle.fill, ns_render_style_class_color (&style, (guint) data->train_y[s])));
    }

  /* One scale on both axes, and everything inside the plot. */
  {
    double px, py, pw, ph, ax, ay, bx, by;

    g_assert_true (ns_render_space_get_plot (scene, &px, &py, &pw, &ph));
    g_assert_true (ns_render_space_to_scene (scene, &view, 0, 0, &ax, &ay));
    g_assert_true (ns_render_space_to_scene (scene, &view, 1, 1, &bx, &by));
    g_assert_cmpfloat_with_epsilon (bx - ax, ay - by, 1e-9);
    g_assert_cmpfloat (bx - ax, >, 0);
    for (guint l = 0; l < 2 * g; l++)
      {
        const NsPrim *prim = nth_prim (scene, NS_PRIM_POLYLINE, l);

        for (guint k = 0; k < m; k++)
          {
            g_assert_cmpfloat (prim->polyline.points[2 * k], >=, px);
            g_assert_cmpfloat (prim->polyline.points[2 * k], <=, px + pw);
            g_assert_cmpfloat (prim->polyline.points[2 * k + 1], >=, py);
            g_assert_cmpfloat (prim->polyline.points[2 * k + 1], <=, py + ph);
          }
      }
  }
  dump_png (scene, "space-affine.png");
}

static void
check_png (const NsScene *scene)
{
  g_autofree char *dir = g_dir_make_tmp ("ns-space-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "space.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (ns_scene_export (scene, WIDTH, HEIGHT, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_three_wide (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "circle", "features", "x1,x2", "hidden", "4,3", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  const NsDataset *data = ns_experiment_get_dataset (experiment);
  const NnNet *net = ns_experiment_get_net (experiment);
  const NnLayer *layer = &net->layers[1];
  g_autofree float *x = NULL;
  g_autofree float *out = NULL;
  size_t n = data->n_train;
  NsSpaceViewData view;
  NsSpaceOptions neurons = { NS_SPACE_NEURONS, { 2, 0 }, NULL };

  render (scene, &view, experiment, NULL);
  g_assert_cmpint (view.layer, ==, 1);
  g_assert_cmpuint (view.width, ==, 3);
  g_assert_cmpint (view.projection, ==, NS_SPACE_OBLIQUE);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 2 * NS_SPACE_GRID_LINES);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), ==, n);

  /* The oblique projection of each point, from the engine's own evaluation. */
  x = g_new (float, 2 * n);
  out = g_new (float, n * net->n_units);
  for (size_t s = 0; s < n; s++)
    {
      x[s] = data->train_x[2 * s];
      x[n + s] = data->train_x[2 * s + 1];
    }
  g_assert_cmpint (nn_net_eval_grid (net, x, n, out), ==, NN_OK);
  for (size_t s = 0; s < n; s++)
    {
      const float *h = out + layer->unit_offset * n + s;
      double d = 0.5 * sqrt (0.5);

      g_assert_true (near (view.points[2 * s], h[0] + d * h[2 * n], 1e-6));
      g_assert_true (near (view.points[2 * s + 1], h[n] + d * h[2 * n], 1e-6));
    }
  check_png (scene);
  dump_png (scene, "space-oblique.png");

  /* Two chosen neurons of the three. */
  render (scene, &view, experiment, &neurons);
  g_assert_cmpint (view.projection, ==, NS_SPACE_NEURONS);
  g_assert_cmpstr (view.x_label, ==, "neuron 3");
  g_assert_cmpstr (view.y_label, ==, "neuron 1");
  for (size_t s = 0; s < n; s++)
    {
      const float *h = out + layer->unit_offset * n + s;

      g_assert_cmpfloat (view.points[2 * s], ==, h[2 * n]);
      g_assert_cmpfloat (view.points[2 * s + 1], ==, h[0]);
    }
}

/* Hand-worked principal axes: four points at 1 + (±2) a + (±0.5) b, a = (0.6, 0.8, 0, 0, 0),
 * b = (0, 0, 0, 0, -1). Their covariance is 4 a aᵀ + 0.25 b bᵀ, so axis 1 is a (variance 4,
 * largest component 0.8 already positive) and axis 2 is -b = (0, 0, 0, 0, 1) (variance 0.25,
 * its largest component turned positive by the sign rule). */
static void
test_axes_hand (void)
{
  g_auto (NsSpaceAxes) axes = { 0 };
  /* Four samples: ±2 along a, ±0.5 along b, every combination. */
  const double a[5] = { 0.6, 0.8, 0, 0, 0 }, b[5] = { 0, 0, 0, 0, -1 };
  const double ca[4] = { 2, 2, -2, -2 }, cb[4] = { 0.5, -0.5, 0.5, -0.5 };
  float rows[5 * 4];

  for (int j = 0; j < 5; j++)
    for (int s = 0; s < 4; s++)
      rows[j * 4 + s] = (float) (1 + ca[s] * a[j] + cb[s] * b[j]);

  g_assert_true (ns_space_axes_compute (&axes, rows, 4, 5));
  g_assert_cmpuint (axes.width, ==, 5);
  /* Variances (population): 4 along a, 0.25 along b. */
  g_assert_cmpfloat_with_epsilon (axes.variance[0], 4, 1e-5);
  g_assert_cmpfloat_with_epsilon (axes.variance[1], 0.25, 1e-5);
  for (int j = 0; j < 5; j++)
    {
      g_assert_cmpfloat_with_epsilon (axes.axis[0][j], a[j], 1e-6);
      g_assert_cmpfloat_with_epsilon (axes.axis[1][j], -b[j], 1e-6);
    }
  /* Projection: the plain dot product (no centring): (1, 1, 1, 1, 1) . a = 1.4. */
  {
    const float ones[5] = { 1, 1, 1, 1, 1 };

    g_assert_cmpfloat_with_epsilon (ns_space_axes_project (&axes, 0, ones, 1), 1.4, 1e-6);
    g_assert_cmpfloat_with_epsilon (ns_space_axes_project (&axes, 1, ones, 1), 1, 1e-6);
  }

  /* No finite sample (row 0 is NaN, and sample 0 infinite too): the first two neurons, FALSE. */
  for (int s = 0; s < 4; s++)
    rows[s] = NAN;
  rows[1 * 4 + 0] = INFINITY;
  g_assert_false (ns_space_axes_compute (&axes, rows, 4, 5));
  g_assert_cmpfloat (axes.axis[0][0], ==, 1);
  g_assert_cmpfloat (axes.axis[1][1], ==, 1);
}

static double
dot (const double *a, const double *b, guint n)
{
  double sum = 0;

  for (guint j = 0; j < n; j++)
    sum += a[j] * b[j];
  return sum;
}

static void
test_principal (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "spiral", "features", "x1,x2", "hidden", "6,5", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_auto (NsSpaceAxes) axes = { 0 };
  g_auto (NsSpaceAxes) again = { 0 };
  const NsDataset *data = ns_experiment_get_dataset (experiment);
  const NnNet *net;
  const NnLayer *layer;
  g_autofree float *x = NULL;
  g_autofree float *out = NULL;
  size_t n = data->n_train;
  NsSpaceOptions options = { NS_SPACE_AUTO, { 0, 1 }, &axes };
  NsSpaceViewData view;

  ns_experiment_step (experiment, 50);
  net = ns_experiment_get_net (experiment);
  layer = &net->layers[1];

  /* Prepare computes the caller's axes when it has none. */
  render (scene, &view, experiment, &options);
  g_assert_cmpint (view.projection, ==, NS_SPACE_PRINCIPAL);
  g_assert_cmpstr (view.x_label, ==, "axis 1");
  g_assert_cmpuint (axes.width, ==, 5);
  g_assert_cmpfloat_with_epsilon (dot (axes.axis[0], axes.axis[0], 5), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (dot (axes.axis[1], axes.axis[1], 5), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (dot (axes.axis[0], axes.axis[1], 5), 0, 1e-12);
  g_assert_cmpfloat (axes.variance[0], >=, axes.variance[1]);

  /* Each point's coordinates are its dot products with the axes. */
  x = g_new (float, 2 * n);
  out = g_new (float, n * net->n_units);
  for (size_t s = 0; s < n; s++)
    {
      x[s] = data->train_x[2 * s];
      x[n + s] = data->train_x[2 * s + 1];
    }
  g_assert_cmpint (nn_net_eval_grid (net, x, n, out), ==, NN_OK);
  for (size_t s = 0; s < n; s++)
    {
      const float *h = out + layer->unit_offset * n + s;
      double u = 0, v = 0;

      for (guint j = 0; j < 5; j++)
        {
          u += axes.axis[0][j] * h[j * n];
          v += axes.axis[1][j] * h[j * n];
        }
      g_assert_cmpfloat_with_epsilon (view.points[2 * s], u, 1e-9);
      g_assert_cmpfloat_with_epsilon (view.points[2 * s + 1], v, 1e-9);
    }

  /* Slightly different data (activations nudged): the same axes, not flipped ones. */
  {
    g_autofree float *nudged = g_memdup2 (out + layer->unit_offset * n, sizeof (float) * 5 * n);

    for (size_t k = 0; k < 5 * n; k++)
      nudged[k] += 1e-3f * (float) ((k * 7919) % 13) / 13.0f;
    g_assert_true (ns_space_axes_compute (&again, nudged, n, 5));
    g_assert_cmpfloat (dot (axes.axis[0], again.axis[0], 5), >, 0.99);
    g_assert_cmpfloat (dot (axes.axis[1], again.axis[1], 5), >, 0.99);
  }

  /* A few more steps: the kept axes stay as they are (no recomputation, no flip). */
  {
    double before = axes.axis[0][0];

    ns_experiment_step (experiment, 5);
    render (scene, &view, experiment, &options);
    g_assert_cmpfloat (axes.axis[0][0], ==, before);
  }
  check_png (scene);
  dump_png (scene, "space-principal.png");

  /* Two chosen neurons of five. */
  options.projection = NS_SPACE_NEURONS;
  options.neurons[0] = 4;
  options.neurons[1] = 1;
  render (scene, &view, experiment, &options);
  g_assert_cmpstr (view.x_label, ==, "neuron 5");
  g_assert_cmpstr (view.y_label, ==, "neuron 2");
}

static void
test_nonfinite (void)
{
  /* Neuron 1 = 3e38 (x1 + x2): infinite or NaN over most of the plane, finite near x1 = -x2. */
  g_autoptr (NsExperiment) experiment = make_affine (3e38f, 3e38f);
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autoptr (NsExperiment) none = NULL;
  g_autoptr (NsExperiment) one = NULL;
  NsSpaceViewData view;
  size_t n_nan = 0;

  g_assert_true (ns_experiment_set_weight (experiment, 0, 0, 2, 0));
  render (scene, &view, experiment, NULL);
  for (size_t k = 0; k < (size_t) view.n_lines * view.n_samples; k++)
    if (isnan (view.lines[2 * k]))
      n_nan++;
  g_assert_cmpuint (n_nan, >, 0);
  g_assert_true (isfinite (view.u_min) && isfinite (view.u_max));
  g_assert_true (isfinite (view.v_min) && isfinite (view.v_max));
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_POLYLINE)
        {
          g_assert_cmpuint (prim->polyline.n_points, >=, 2);
          for (size_t k = 0; k < 2 * prim->polyline.n_points; k++)
            g_assert_true (isfinite (prim->polyline.points[k]));
        }
      else if (prim->kind == NS_PRIM_CIRCLE)
        {
          g_assert_true (isfinite (prim->circle.cx) && isfinite (prim->circle.cy));
        }
    }
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), <, view.n_points);
  check_png (scene);
  dump_png (scene, "space-nonfinite.png");

  /* Nothing to look into: a message, no plot. */
  none = make_experiment ("hidden", "none", NULL);
  render (scene, &view, none, NULL);
  g_assert_cmpint (view.layer, ==, -1);
  g_assert_false (ns_render_space_get_plot (scene, NULL, NULL, NULL, NULL));
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_TEXT), ==, 2);
  one = make_experiment ("hidden", "3,1", NULL);
  render (scene, &view, one, NULL);
  g_assert_cmpint (view.layer, ==, 1);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 0);
  check_png (scene);
}

/* Regression: points coloured by value, nothing else changes. */
static void
test_regression (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "reg-plane", "hidden", "3,2", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  const NsDataset *data = ns_experiment_get_dataset (experiment);
  NsSpaceViewData view;

  render (scene, &view, experiment, NULL);
  g_assert_true (view.regression);
  g_assert_cmpfloat (view.value_max, >, view.value_min);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), ==, data->n_train);
  check_png (scene);
}

/* A spiral learnt by 8, 8, 2 tanh: to look at (NS_TEST_DUMP), and before training too. */
static void
test_spiral (void)
{
  g_autoptr (NsExperiment) experiment =
      make_experiment ("dataset", "spiral", "hidden", "8,8,2", "activation", "tanh", "optimizer",
                       "adam", "lr", "0.01", NULL);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsSpaceViewData view;
  NsHistoryEntry entry;

  render (scene, &view, experiment, NULL);
  g_assert_cmpint (view.projection, ==, NS_SPACE_NEURONS);
  check_png (scene);
  dump_png (scene, "space-spiral-before.png");

  ns_experiment_train_epochs (experiment, 300);
  ns_experiment_evaluate (experiment, &entry);
  g_test_message ("spiral after 300 epochs: train loss %.3f accuracy %.3f", entry.train_loss,
                  entry.train_accuracy);
  render (scene, &view, experiment, NULL);
  check_png (scene);
  dump_png (scene, "space-spiral.png");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/space/affine", test_affine);
  g_test_add_func ("/render/space/three-wide", test_three_wide);
  g_test_add_func ("/render/space/axes-hand", test_axes_hand);
  g_test_add_func ("/render/space/principal", test_principal);
  g_test_add_func ("/render/space/nonfinite", test_nonfinite);
  g_test_add_func ("/render/space/regression", test_regression);
  g_test_add_func ("/render/space/spiral", test_spiral);

  return g_test_run ();
}
