/* test-render-gradients.c: gradient health, from the engine's grads to the chart.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ns-experiment-private.h" /* the epoch's order and inputs, to replay a run by hand */
#include "ns-render-gradients.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"
#include "ns-test-experiment.h"
#include "ns-test-net.h"
#include "ns-test-render.h"

#define WIDTH 560
#define HEIGHT 360

/* ---- the engine's measure, against hand-worked numbers ---- */

static void
test_engine_mean_abs (void)
{
  size_t widths[] = { 2 };
  NnActivation acts[] = { NN_ACT_TANH };
  NnNet *net = dense_net_new (2, 1, widths, acts, NN_LOSS_BCE, 2);
  const float w0[] = { 1, -2, 3, -4 };
  const float w1[] = { 0.5f, -0.25f };

  g_assert_nonnull (net);
  for (size_t k = 0; k < net->n_params; k++)
    net->grads[k] = 100; /* biases: must not count */
  memcpy (net->grads + net->layers[0].w_offset, w0, sizeof w0);
  memcpy (net->grads + net->layers[1].w_offset, w1, sizeof w1);

  /* (1 + 2 + 3 + 4) / 4 and (0.5 + 0.25) / 2 */
  g_assert_cmpfloat (nn_net_layer_grad_mean_abs (net, 0), ==, 2.5);
  g_assert_cmpfloat (nn_net_layer_grad_mean_abs (net, 1), ==, 0.375);
  g_assert_true (isnan (nn_net_layer_grad_mean_abs (net, 2)));
  g_assert_true (isnan (nn_net_layer_grad_mean_abs (NULL, 0)));
  nn_net_free (net);
}

/* ---- the experiment's record ---- */

static double
direct_mean_abs (const NnNet *net, size_t layer)
{
  const NnLayer *L = &net->layers[layer];
  double sum = 0;

  for (size_t j = 0; j < L->n_out; j++)
    for (size_t i = 0; i < L->n_in; i++)
      sum += fabs ((double) net->grads[nn_net_param_index (net, layer, j, i)]);
  return sum / (double) (L->n_out * L->n_in);
}

/* One epoch replayed by hand through the engine, from the experiment's own shuffle order: the
 * record equals the mean |grad| read directly from the grads after each backward, and both the
 * split step (zero, forward, backward, measure, update) and nn_net_train_batch give the
 * experiment's weights bit for bit. */
static void
test_values_match_direct (void)
{
  const char *options[] = { "dataset", "spiral", "hidden", "5,4",       "activation",
                            "tanh",    "batch",  "30",     "optimizer", "adam",
                            "lr",      "0.01",   "seed",   "3",         NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  NnNet *split = nn_net_clone (ns_experiment_get_net (exp));
  NnNet *whole = nn_net_clone (ns_experiment_get_net (exp));
  const NsConfig *config = ns_experiment_get_config (exp);
  guint n_train = exp->data->n_train;
  guint n_in = (guint) split->n_inputs;
  double sums[NN_MAX_LAYERS] = { 0 };
  guint n_batches = 0, n_epochs, n_layers, first;
  const double *values;
  float *x = g_new (float, (size_t) n_in * config->batch_size);
  float *y = g_new (float, config->batch_size);

  values = ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
  g_assert_null (values);
  g_assert_cmpuint (n_epochs, ==, 0);

  ns_experiment_train_epochs (exp, 1);
  g_assert_cmpuint (exp->order_len, ==, n_train); /* epoch 1's order, not yet replaced */

  for (guint p = 0; p < n_train; p += config->batch_size)
    {
      guint batch = MIN (config->batch_size, n_train - p);

      for (guint s = 0; s < batch; s++)
        {
          guint32 idx = exp->order[p + s];
          for (guint i = 0; i < n_in; i++)
            x[(size_t) i * batch + s] = exp->train_inputs[(size_t) i * n_train + idx];
          y[s] = exp->data->train_y[idx];
        }
      nn_net_zero_grads (split);
      g_assert_cmpint (nn_net_forward (split, x, batch), ==, NN_OK);
      g_assert_cmpint (nn_net_backward (split, y, 1.0f / (float) batch), ==, NN_OK);
      for (size_t l = 0; l < split->n_layers; l++)
        sums[l] += direct_mean_abs (split, l);
      n_batches++;
      g_assert_cmpint (nn_net_update (split, &config->trainer), ==, NN_OK);
      g_assert_cmpint (nn_net_train_batch (whole, &config->trainer, x, y, batch), ==, NN_OK);
    }
  g_assert_cmpuint (n_batches, ==, 9); /* 250 points: 8 batches of 30 and one of 10 */

  values = ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
  g_assert_nonnull (values);
  g_assert_cmpuint (n_epochs, ==, 1);
  g_assert_cmpuint (n_layers, ==, 3);
  g_assert_cmpuint (first, ==, 1);
  for (guint l = 0; l < n_layers; l++)
    {
      g_test_message ("layer %u: %.6g", l, values[l]);
      g_assert_cmpfloat (values[l], ==, sums[l] / n_batches);
      g_assert_cmpfloat (values[l], >, 0);
    }

  g_assert_cmpmem (split->params, split->n_params * sizeof (float),
                   ns_experiment_get_net (exp)->params, split->n_params * sizeof (float));
  g_assert_cmpmem (whole->params, whole->n_params * sizeof (float),
                   ns_experiment_get_net (exp)->params, whole->n_params * sizeof (float));
  g_assert_cmpmem (whole->opt_v, whole->n_params * sizeof (float),
                   ns_experiment_get_net (exp)->opt_v, whole->n_params * sizeof (float));

  /* More epochs add rows; reset clears them. */
  ns_experiment_train_epochs (exp, 2);
  ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
  g_assert_cmpuint (n_epochs, ==, 3);
  ns_experiment_reset (exp);
  values = ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
  g_assert_null (values);
  g_assert_cmpuint (n_epochs, ==, 0);
  ns_experiment_train_epochs (exp, 1);
  ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
  g_assert_cmpuint (n_epochs, ==, 1);
  g_assert_cmpuint (first, ==, 1);

  g_free (x);
  g_free (y);
  nn_net_free (split);
  nn_net_free (whole);
}

/* The lesson: 8 sigmoid layers starve the input side of gradient; relu does not. */
static double
input_to_output_ratio (const char *activation)
{
  const char *options[] = { "dataset",    "circle",   "hidden", "8,8,8,8,8,8,8,8",
                            "activation", activation, "batch",  "10",
                            "seed",       "1",        NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const double *values;
  guint n_epochs, n_layers, first;
  double ratio;

  ns_experiment_train_epochs (exp, 5);
  values = ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
  g_assert_cmpuint (n_epochs, ==, 5);
  g_assert_cmpuint (n_layers, ==, 9);
  ratio = values[(n_epochs - 1) * n_layers] / values[(n_epochs - 1) * n_layers + n_layers - 1];
  g_test_message ("%s: layer 1 %.3g, output %.3g, ratio %.3g", activation,
                  values[(n_epochs - 1) * n_layers],
                  values[(n_epochs - 1) * n_layers + n_layers - 1], ratio);
  return ratio;
}

static void
test_vanishing (void)
{
  g_assert_cmpfloat (input_to_output_ratio ("sigmoid"), <, 0.01);
  g_assert_cmpfloat (input_to_output_ratio ("relu"), >, 0.1);
}

/* Adding a layer mid-run changes what "layer l" means: the record restarts at the next epoch. */
static void
test_architecture_change (void)
{
  const char *options[] = { "hidden", "4", "batch", "25", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  const double *values;
  guint n_epochs, n_layers, first;

  ns_experiment_train_epochs (exp, 2);
  ns_experiment_step (exp, 3); /* mid-epoch */
  g_assert_true (ns_experiment_add_layer (exp, 1, 3));
  ns_experiment_train_epochs (exp, 2);
  values = ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
  g_assert_nonnull (values);
  g_assert_cmpuint (n_layers, ==, 3);
  g_assert_cmpuint (first, ==, 3);
  g_assert_cmpuint (n_epochs, ==, 2);
  for (guint k = 0; k < n_epochs * n_layers; k++)
    g_assert_true (isfinite (values[k]) && values[k] > 0);
}

/* Saved mid-epoch and loaded, the record and its running sums come back: both go on alike. */
static void
test_json_round_trip (void)
{
  const char *options[] = { "hidden", "4,3", "batch", "20", NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  g_autoptr (NsExperiment) back = NULL;
  g_autoptr (NsExperiment) old = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *stripped = NULL;
  const double *a, *b;
  guint na, nb, la, lb, fa, fb;
  char *cut;

  ns_experiment_train_epochs (exp, 3);
  ns_experiment_step (exp, 4);
  json = ns_experiment_to_json (exp);
  g_assert_nonnull (strstr (json, "\"gradient_health\""));
  back = ns_experiment_new_from_json (json, NULL, &error);
  g_assert_no_error (error);

  ns_experiment_train_epochs (exp, 2);
  ns_experiment_train_epochs (back, 2);
  a = ns_experiment_get_gradient_health (exp, &na, &la, &fa);
  b = ns_experiment_get_gradient_health (back, &nb, &lb, &fb);
  g_assert_cmpuint (na, ==, 5);
  g_assert_cmpuint (na, ==, nb);
  g_assert_cmpuint (la, ==, lb);
  g_assert_cmpuint (fa, ==, fb);
  g_assert_cmpmem (a, na * la * sizeof (double), b, nb * lb * sizeof (double));

  /* A file from before gradient health (no member) loads with an empty record. It is the last
   * member: cut it and its comma. */
  stripped = g_strdup (json);
  cut = strstr (stripped, "\"gradient_health\"");
  g_assert_nonnull (cut);
  while (cut > stripped && *cut != ',')
    cut--;
  strcpy (cut, "\n}\n");
  old = ns_experiment_new_from_json (stripped, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (ns_experiment_get_gradient_health (old, &na, &la, &fa));
  g_assert_cmpuint (na, ==, 0);
  ns_experiment_train_epochs (old, 1); /* finishes epoch 4: the record starts there */
  ns_experiment_get_gradient_health (old, &na, &la, &fa);
  g_assert_cmpuint (na, ==, 1);
  g_assert_cmpuint (fa, ==, 4);
}

/* ---- the chart ---- */

static const NsPolyline *
nth_polyline (const NsScene *scene, guint nth)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);
      if (prim->kind == NS_PRIM_POLYLINE && nth-- == 0)
        return &prim->polyline;
    }
  return NULL;
}

/* Four layers over 20 epochs, a decade apart, with a zero and a NaN thrown in. */
static double *
make_values (guint n_epochs, guint n_layers)
{
  double *v = g_new (double, (size_t) n_epochs *n_layers);

  for (guint e = 0; e < n_epochs; e++)
    for (guint l = 0; l < n_layers; l++)
      v[e * n_layers + l] = pow (10.0, -1.0 - (n_layers - 1 - l)) * (1 + 0.5 * sin (e * 0.7 + l));
  v[5 * n_layers + 0] = 0;   /* a dead layer for an epoch: on the floor */
  v[8 * n_layers + 1] = NAN; /* left out */
  return v;
}

static void
check_valid_file (const char *path, const char *signature)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_true (memcmp (contents, signature, strlen (signature)) == 0);
}

static void
test_chart (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autofree double *values = make_values (20, 4);
  g_autofree char *dir = g_dir_make_tmp ("ns-gradients-XXXXXX", NULL);
  NsGradientsViewData view = { values, 20, 4, 1 };
  NsRenderStyle style;
  const NsHitRegion *plot = NULL;
  const NsPolyline *line;
  int lo, hi;

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_gradients_decades (&view, &lo, &hi);
  /* values from 1e-4 * 0.5 to 1e-1 * 1.5 */
  g_assert_cmpint (lo, ==, -5);
  g_assert_cmpint (hi, ==, 0);

  ns_render_gradients (scene, &view, &style, WIDTH, HEIGHT);
  dump_png (scene, "gradients.png");

  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 4);
  g_assert_true (has_text_prefix (scene, "Gradient health: mean |gradient| per layer"));
  g_assert_true (has_text_prefix (scene, "Layer 1 "));
  g_assert_true (has_text_prefix (scene, "Layer 3 "));
  g_assert_true (has_text_prefix (scene, "Output "));
  g_assert_true (has_text_prefix (scene, "1e\u22121"));
  g_assert_true (has_text_prefix (scene, "1e\u22123"));
  g_assert_true (has_text_prefix (scene, "1e\u22125"));
  g_assert_true (has_text_prefix (scene, "Epoch"));

  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    if (ns_scene_get_hit (scene, i)->kind == NS_HIT_POINT)
      plot = ns_scene_get_hit (scene, i);
  g_assert_nonnull (plot);

  /* Layer 1: all 20 epochs, the zero on the floor; layer 2: the NaN left out. */
  line = nth_polyline (scene, 0);
  g_assert_cmpuint (line->n_points, ==, 20);
  g_assert_cmpfloat_with_epsilon (line->points[2 * 5 + 1], plot->y1, 1e-9);
  g_assert_cmpfloat_with_epsilon (line->points[0], plot->x0, 1e-9);
  g_assert_cmpfloat_with_epsilon (line->points[2 * 19], plot->x1, 1e-9);
  g_assert_cmpuint (nth_polyline (scene, 1)->n_points, ==, 19);
  /* The output layer sits above layer 1 (smaller y) everywhere but nowhere off the plot. */
  for (guint e = 0; e < 20; e++)
    {
      double y1 = nth_polyline (scene, 0)->points[2 * e + 1];
      double y4 = nth_polyline (scene, 3)->points[2 * e + 1];
      g_assert_cmpfloat (y4, <, y1);
      g_assert_cmpfloat (y4, >=, plot->y0);
    }
  /* Distinct colours, getting lighter (viridis) from the input side to the output. */
  for (guint l = 1; l < 4; l++)
    {
      NsColor a = nth_polyline (scene, l - 1)->color;
      NsColor b = nth_polyline (scene, l)->color;
      g_assert_cmpfloat (0.2126 * a.r + 0.7152 * a.g + 0.0722 * a.b, <,
                         0.2126 * b.r + 0.7152 * b.g + 0.0722 * b.b);
    }

  {
    const char *names[] = { "g.png", "g.svg", "g.pdf" };
    const char *signatures[] = { "\x89PNG", "<?xml", "%PDF" };

    for (guint k = 0; k < G_N_ELEMENTS (names); k++)
      {
        g_autofree char *path = g_build_filename (dir, names[k], NULL);
        g_autoptr (GError) error = NULL;

        g_assert_true (ns_scene_export (scene, WIDTH, HEIGHT, path, &error));
        g_assert_no_error (error);
        check_valid_file (path, signatures[k]);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

static void
test_chart_edge_cases (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;
  NsGradientsViewData empty = { NULL, 0, 0, 1 };
  double zeros[] = { 0, 0, 0 };
  NsGradientsViewData dead = { zeros, 1, 3, 4 };
  g_autofree double *many = make_values (5000, 4);
  NsGradientsViewData long_run = { many, 5000, 4, 1 };
  int lo, hi;

  ns_render_style_init (&style, TRUE, 1.5);

  ns_render_gradients (scene, &empty, &style, WIDTH, HEIGHT);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 0);
  g_assert_true (has_text_prefix (scene, "Gradient health"));

  /* All zeros: a default axis, every point on the floor. */
  ns_scene_clear (scene);
  ns_render_gradients_decades (&dead, &lo, &hi);
  g_assert_cmpint (lo, <, hi);
  ns_render_gradients (scene, &dead, &style, WIDTH, HEIGHT);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 3);

  /* A long run keeps at most two points per horizontal pixel. */
  ns_scene_clear (scene);
  ns_render_gradients (scene, &long_run, &style, WIDTH, HEIGHT);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 4);
  g_assert_cmpuint (nth_polyline (scene, 0)->n_points, <=, 2 * WIDTH);
  dump_png (scene, "gradients-long-dark.png");

  /* Tiny: no crash, still one line per layer. */
  ns_scene_clear (scene);
  ns_render_gradients (scene, &long_run, &style, 60, 40);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 4);
}

/* From a real run: 8 sigmoid layers, the input side's line decades below the output's. */
static void
test_chart_from_experiment (void)
{
  const char *options[] = { "dataset",    "circle",  "hidden", "8,8,8,8,8,8,8,8",
                            "activation", "sigmoid", "batch",  "10",
                            "seed",       "1",       NULL };
  g_autoptr (NsExperiment) exp = new_experiment (options);
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autofree char *dir = g_dir_make_tmp ("ns-gradients-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sigmoid.png", NULL);
  g_autoptr (GError) error = NULL;
  NsGradientsViewData view;
  NsRenderStyle style;

  ns_experiment_train_epochs (exp, 20);
  ns_render_gradients_prepare (&view, exp);
  g_assert_cmpuint (view.n_epochs, ==, 20);
  g_assert_cmpuint (view.n_layers, ==, 9);
  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_gradients (scene, &view, &style, 720, 440);
  dump_png (scene, "gradients-sigmoid.png");
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 9);
  g_assert_true (has_text_prefix (scene, "Layer 8 "));
  g_assert_true (has_text_prefix (scene, "Output "));

  g_assert_true (ns_scene_export (scene, 720, 440, path, &error));
  g_assert_no_error (error);
  check_valid_file (path, "\x89PNG");
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gradients/engine-mean-abs", test_engine_mean_abs);
  g_test_add_func ("/gradients/values-match-direct", test_values_match_direct);
  g_test_add_func ("/gradients/vanishing", test_vanishing);
  g_test_add_func ("/gradients/architecture-change", test_architecture_change);
  g_test_add_func ("/gradients/json-round-trip", test_json_round_trip);
  g_test_add_func ("/gradients/chart", test_chart);
  g_test_add_func ("/gradients/chart-edge-cases", test_chart_edge_cases);
  g_test_add_func ("/gradients/chart-from-experiment", test_chart_from_experiment);

  return g_test_run ();
}
