/* test-race.c: the optimizer race: one start, several trainers in lockstep, and its picture.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "ns-race.h"
#include "ns-render-race.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"
#include "ns-test-experiment.h"
#include "ns-test-render.h"

/* The experiment a contestant should equal: the race's config with that trainer, alone. */
static NsExperiment *
new_alone (NsRace *race, NnOptimizer optimizer, float lr)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *exp;

  ns_config_init_default (&config);
  ns_config_copy (&config, ns_race_get_config (race));
  config.trainer.optimizer = optimizer;
  config.trainer.learning_rate = lr;
  exp = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  return exp;
}

static gboolean
contains_text (const NsScene *scene, const char *needle)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_TEXT && strstr (prim->text.text, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The pixel at (x, y) of @scene painted at its own size, as 0xRRGGBB (opaque pixels). */
static guint32
pixel_at (const NsScene *scene, int x, int y)
{
  int w = (int) ns_scene_get_width (scene), h = (int) ns_scene_get_height (scene);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  guint32 pixel;

  ns_scene_paint_cairo (scene, cr);
  cairo_surface_flush (surface);
  pixel = ((guint32 *) (void *) (cairo_image_surface_get_data (surface)
                                 + (size_t) y * cairo_image_surface_get_stride (surface)))[x];
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pixel & 0xffffff;
}

static guint32
color_rgb (const NsColor *c)
{
  return ns_color_to_argb32 (c) & 0xffffff;
}

/* Every contestant starts from the very same data and weights, however it trains. */
static void
test_same_start (void)
{
  const char *options[] = { "dataset", "spiral", "hidden", "8,8", "seed", "7", NULL };
  g_autoptr (NsExperiment) base = new_experiment (options);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsRace) race = ns_race_new_default (base, &error);
  const NnNet *net0;
  const NsDataset *d0;

  g_assert_no_error (error);
  g_assert_cmpuint (ns_race_get_n_contestants (race), ==, 3);
  g_assert_cmpstr (ns_race_get_label (race, 0), ==, "SGD, lr 0.03");
  g_assert_cmpstr (ns_race_get_label (race, 1), ==, "Momentum, lr 0.03");
  g_assert_cmpstr (ns_race_get_label (race, 2), ==, "Adam, lr 0.01");
  g_assert_cmpint (ns_race_get_optimizer (race, 2), ==, NN_OPT_ADAM);
  g_assert_cmpfloat (ns_race_get_learning_rate (race, 2), ==, 0.01f);

  /* The base's weights too: same config, same seed. */
  net0 = ns_experiment_get_net (ns_race_get_experiment (race, 0));
  d0 = ns_experiment_get_dataset (ns_race_get_experiment (race, 0));
  g_assert_true (same_params (net0, ns_experiment_get_net (base)));
  for (guint i = 1; i < 3; i++)
    {
      NsExperiment *e = ns_race_get_experiment (race, i);
      const NsDataset *d = ns_experiment_get_dataset (e);

      g_assert_true (same_params (net0, ns_experiment_get_net (e)));
      g_assert_cmpuint (d->n_train, ==, d0->n_train);
      g_assert_cmpmem (d->train_x, d->n_train * d->n_inputs * sizeof (float), d0->train_x,
                       d0->n_train * d0->n_inputs * sizeof (float));
      g_assert_cmpmem (d->train_y, d->n_train * sizeof (float), d0->train_y,
                       d0->n_train * sizeof (float));
      g_assert_cmpmem (d->test_y, d->n_test * sizeof (float), d0->test_y,
                       d0->n_test * sizeof (float));
      /* Only the trainer differs. */
      g_assert_cmpint (ns_experiment_get_config (e)->trainer.optimizer, ==, (int) i);
      g_assert_cmpfloat (ns_experiment_get_config (e)->trainer.momentum, ==,
                         ns_experiment_get_config (base)->trainer.momentum);
    }
  g_assert_cmpuint (ns_race_get_step (race), ==, 0);
}

/* After any steps, each contestant equals the same trainer run alone, bit for bit; a late
 * contestant catches up to the same place. */
static void
test_lockstep_equals_alone (void)
{
  const char *options[] = { "dataset", "spiral", "hidden", "6,4", "batch", "7", NULL };
  g_autoptr (NsExperiment) base = new_experiment (options);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsRace) race = ns_race_new_default (base, &error);
  guint64 version;

  g_assert_no_error (error);
  version = ns_race_get_version (race);
  g_assert_cmpuint (ns_race_step (race, 37), ==, 37);
  g_assert_cmpuint (ns_race_get_version (race), !=, version);
  g_assert_cmpuint (ns_race_step (race, 50), ==, 50);
  g_assert_cmpuint (ns_race_get_step (race), ==, 87);

  g_assert_true (ns_race_add (race, NN_OPT_ADAM, 0.1f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ns_race_get_n_contestants (race), ==, 4);

  for (guint i = 0; i < ns_race_get_n_contestants (race); i++)
    {
      NsExperiment *e = ns_race_get_experiment (race, i);
      g_autoptr (NsExperiment) alone =
          new_alone (race, ns_race_get_optimizer (race, i), ns_race_get_learning_rate (race, i));
      const NsHistoryEntry *h1, *h2;
      guint n1, n2;
      NsHistoryEntry now;

      ns_experiment_step (alone, 87);
      g_assert_cmpuint (ns_experiment_get_step (e), ==, 87);
      g_assert_true (same_params (ns_experiment_get_net (e), ns_experiment_get_net (alone)));
      h1 = ns_experiment_get_history (e, &n1);
      h2 = ns_experiment_get_history (alone, &n2);
      g_assert_cmpuint (n1, ==, n2);
      /* Field by field: the struct has padding after epoch. */
      for (guint k = 0; k < n1; k++)
        {
          g_assert_cmpuint (h1[k].epoch, ==, h2[k].epoch);
          g_assert_cmpuint (h1[k].step, ==, h2[k].step);
          g_assert_cmpfloat (h1[k].train_loss, ==, h2[k].train_loss);
          g_assert_cmpfloat (h1[k].test_loss, ==, h2[k].test_loss);
          g_assert_cmpfloat (h1[k].train_accuracy, ==, h2[k].train_accuracy);
        }
      ns_experiment_evaluate (alone, &now);
      g_assert_cmpfloat (ns_race_get_current (race, i)->train_loss, ==, now.train_loss);
      g_assert_false (ns_race_get_diverged (race, i));
    }

  /* Adam is not SGD in disguise. */
  g_assert_false (same_params (ns_experiment_get_net (ns_race_get_experiment (race, 0)),
                               ns_experiment_get_net (ns_race_get_experiment (race, 2))));
  g_assert_false (same_params (ns_experiment_get_net (ns_race_get_experiment (race, 0)),
                               ns_experiment_get_net (ns_race_get_experiment (race, 1))));

  /* Back to the start: the same weights as at step 0. */
  ns_race_reset (race);
  g_assert_cmpuint (ns_race_get_step (race), ==, 0);
  g_assert_true (same_params (ns_experiment_get_net (ns_race_get_experiment (race, 2)),
                              ns_experiment_get_net (base)));
}

/* A huge learning rate blows up; the others run on and the race keeps counting. */
static void
test_divergence (void)
{
  const char *options[] = { "dataset", "reg-gauss", "hidden", "8,8", "activation",
                            "relu",    "lr",        "0.01",   NULL };
  g_autoptr (NsExperiment) base = new_experiment (options);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsRace) race = ns_race_new (base);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRaceViewData view;
  NsRenderStyle style;
  guint per_epoch;

  g_assert_true (ns_race_add (race, NN_OPT_SGD, 0.01f, &error));
  g_assert_true (ns_race_add (race, NN_OPT_SGD, 10.0f, &error));
  g_assert_true (ns_race_add (race, NN_OPT_ADAM, 0.01f, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ns_race_step (race, 2000), ==, 2000);
  g_assert_false (ns_race_get_diverged (race, 0));
  g_assert_true (ns_race_get_diverged (race, 1));
  g_assert_false (ns_race_get_diverged (race, 2));
  g_assert_cmpuint (ns_experiment_get_step (ns_race_get_experiment (race, 0)), ==, 2000);
  g_assert_cmpuint (ns_experiment_get_step (ns_race_get_experiment (race, 2)), ==, 2000);

  /* The epoch it diverged in, from the step it stopped at. */
  per_epoch = ns_experiment_get_steps_per_epoch (ns_race_get_experiment (race, 1));
  g_assert_cmpuint (ns_race_get_diverged_epoch (race, 1), ==,
                    (ns_experiment_get_step (ns_race_get_experiment (race, 1)) - 1) / per_epoch
                        + 1);
  g_assert_cmpuint (ns_race_get_diverged_epoch (race, 0), ==, 0);

  /* A diverged contestant stays put; the others go on. */
  {
    guint64 stopped = ns_experiment_get_step (ns_race_get_experiment (race, 1));

    g_assert_cmpuint (ns_race_step (race, 10), ==, 10);
    g_assert_cmpuint (ns_experiment_get_step (ns_race_get_experiment (race, 1)), ==, stopped);
    g_assert_cmpuint (ns_experiment_get_step (ns_race_get_experiment (race, 0)), ==, 2010);
  }

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_race_prepare (&view, race, NS_RENDER_RACE_GRID);
  g_assert_cmpint (view.kind, ==, NS_OUTPUT_REGRESSION);
  ns_render_race (scene, &view, &style, 640, 480);
  {
    g_autofree char *text =
        g_strdup_printf ("diverged at epoch %u", ns_race_get_diverged_epoch (race, 1));

    g_assert_true (contains_text (scene, text));
  }
  dump_png (scene, "race-diverged.png");

  /* Reset brings the diverged one back. */
  ns_race_reset (race);
  g_assert_false (ns_race_get_diverged (race, 1));
  g_assert_cmpuint (ns_race_step (race, 5), ==, 5);
}

/* A race over a CSV file works the same way. */
static void
test_csv (void)
{
  g_autofree char *path =
      g_build_filename (g_getenv ("NEUROSCOPE_DATADIR"), "datasets", "iris.csv", NULL);
  const char *options[] = { "data", path, "hidden", "5", NULL };
  g_autoptr (NsExperiment) base = new_experiment (options);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsRace) race = ns_race_new_default (base, &error);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRaceViewData view;
  NsRenderStyle style;

  g_assert_no_error (error);
  g_assert_cmpstr (ns_race_get_config (race)->data_path, ==, path);
  g_assert_cmpuint (ns_race_step (race, 60), ==, 60);
  for (guint i = 0; i < 3; i++)
    {
      NsExperiment *e = ns_race_get_experiment (race, i);

      g_assert_cmpstr (ns_experiment_get_config (e)->data_path, ==, path);
      g_assert_cmpuint (ns_experiment_get_net (e)->n_inputs, ==, 4);
    }

  ns_render_style_init (&style, TRUE, 1.0);
  ns_render_race_prepare (&view, race, NS_RENDER_RACE_GRID);
  g_assert_cmpint (view.kind, ==, NS_OUTPUT_CLASSES);
  ns_render_race (scene, &view, &style, 720, 480);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 3);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), ==, 3);
  dump_png (scene, "race-iris-dark.png");
}

/* The spiral race's picture: one curve and one thumbnail per contestant, a legend with each
 * label and its loss, and files. */
static void
test_render (void)
{
  const char *options[] = { "dataset", "spiral", "hidden", "8,8", NULL };
  g_autoptr (NsExperiment) base = new_experiment (options);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsRace) race = ns_race_new_default (base, &error);
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autofree char *dir = g_dir_make_tmp ("test-race-XXXXXX", &error);
  NsRaceViewData view;
  NsRenderStyle style;
  NsColor colors[3];
  double widths[3];
  gsize n_polylines = 0;

  g_assert_no_error (error);
  ns_race_step (race, 100 * ns_experiment_get_steps_per_epoch (base));

  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_race_prepare (&view, race, NS_RENDER_RACE_GRID);
  g_assert_cmpuint (view.n_lanes, ==, 3);
  g_assert_cmpint (view.kind, ==, NS_OUTPUT_BINARY);
  ns_render_race (scene, &view, &style, 720, 560);

  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 3);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *loss = g_strdup_printf ("%s  %.3f", ns_race_get_label (race, i),
                                               ns_race_get_current (race, i)->train_loss);

      g_assert_true (contains_text (scene, loss));
      ns_render_race_lane_style (&style, i, &colors[i], &widths[i]);
    }
  /* Told apart by colour and by width. */
  g_assert_false (ns_color_equal (&colors[0], &colors[1]));
  g_assert_false (ns_color_equal (&colors[1], &colors[2]));
  g_assert_false (ns_color_equal (&colors[0], &colors[2]));
  g_assert_cmpfloat (widths[0], !=, widths[1]);
  g_assert_cmpfloat (widths[1], !=, widths[2]);

  /* Each curve in its colour, cheap (≤ 2 points per pixel across), inside the scene. */
  for (size_t p = 0; p < ns_scene_get_n_prims (scene); p++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, p);

      if (prim->kind != NS_PRIM_POLYLINE)
        continue;
      g_assert_true (ns_color_equal (&prim->polyline.color, &colors[n_polylines]));
      g_assert_cmpuint (prim->polyline.n_points, <=, 2 * 720 + 2);
      g_assert_cmpuint (prim->polyline.n_points, >=, 100);
      for (size_t k = 0; k < prim->polyline.n_points; k++)
        {
          g_assert_true (isfinite (prim->polyline.points[2 * k]));
          g_assert_cmpfloat (prim->polyline.points[2 * k], <=, 720);
          g_assert_cmpfloat (prim->polyline.points[2 * k + 1], <=, 560);
        }
      n_polylines++;
    }
  g_assert_cmpuint (n_polylines, ==, 3);

  /* Thumbnail i, in order, is contestant i under the pointer; the chart is none. */
  {
    int nth = 0;

    for (size_t p = 0; p < ns_scene_get_n_prims (scene); p++)
      {
        const NsPrim *prim = ns_scene_get_prim (scene, p);

        if (prim->kind != NS_PRIM_IMAGE)
          continue;
        g_assert_cmpint (prim->image.pixel_width, ==, NS_RENDER_RACE_GRID);
        /* Its frame, a little left of it, is painted in its curve's colour. */
        g_assert_cmphex (pixel_at (scene, (int) floor (prim->image.x - 3.5),
                                   (int) (prim->image.y + prim->image.height / 2)),
                         ==, color_rgb (&colors[nth]));
        g_assert_cmpint (ns_render_race_thumbnail_at (scene, prim->image.x + prim->image.width / 2,
                                                      prim->image.y + prim->image.height / 2),
                         ==, nth);
        nth++;
      }
    g_assert_cmpint (ns_render_race_thumbnail_at (scene, 100, 150), ==, -1);
  }

  dump_png (scene, "race-spiral.png");

  {
    static const char *const names[] = { "race.png", "race.svg", "race.pdf" };
    static const char *const magic[] = { "\x89PNG", "<?xml", "%PDF" };

    for (guint k = 0; k < G_N_ELEMENTS (names); k++)
      {
        g_autofree char *path = g_build_filename (dir, names[k], NULL);
        g_autofree char *contents = NULL;
        gsize length = 0;

        g_assert_true (ns_scene_export (scene, 720, 560, path, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        g_assert_cmpuint (length, >, 100);
        g_assert_true (g_str_has_prefix (contents, magic[k]));
        g_unlink (path);
      }
    g_rmdir (dir);
  }

  /* A long run stays cheap: a narrow chart keeps at most two points per pixel. */
  ns_race_step (race, 3000 * ns_experiment_get_steps_per_epoch (base));
  ns_render_race_prepare (&view, race, NS_RENDER_RACE_GRID);
  ns_scene_clear (scene);
  ns_render_race (scene, &view, &style, 300, 400);
  for (size_t p = 0; p < ns_scene_get_n_prims (scene); p++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, p);

      if (prim->kind == NS_PRIM_POLYLINE)
        g_assert_cmpuint (prim->polyline.n_points, <=, 2 * 300 + 2);
    }
  dump_png (scene, "race-spiral-narrow.png");
}

/* An empty race draws an empty chart, without complaint. */
static void
test_empty (void)
{
  g_autoptr (NsExperiment) base = new_experiment (NULL);
  g_autoptr (NsRace) race = ns_race_new (base);
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRaceViewData view;
  NsRenderStyle style;

  g_assert_cmpuint (ns_race_step (race, 5), ==, 0);
  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_race_prepare (&view, race, NS_RENDER_RACE_GRID);
  ns_render_race (scene, &view, &style, 400, 300);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_POLYLINE), ==, 0);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), ==, 0);
}

static gboolean
scene_has_text (const NsScene *scene, const char *text)
{
  for (size_t p = 0; p < ns_scene_get_n_prims (scene); p++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, p);

      if (prim->kind == NS_PRIM_TEXT && g_strcmp0 (prim->text.text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The loss axis fits the running contestants after the first epoch: a regression's untrained
 * loss of 20 and a blown-up run would otherwise flatten the race against the floor. */
static void
test_axis (void)
{
  static const NsHistoryEntry a[] = { { .epoch = 0, .train_loss = 20 },
                                      { .epoch = 1, .train_loss = 0.1 },
                                      { .epoch = 2, .train_loss = 0.05 } };
  static const NsHistoryEntry b[] = { { .epoch = 0, .train_loss = 20 },
                                      { .epoch = 1, .train_loss = 1e12 } };
  NsRaceViewData view = { 0 };
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;

  view.n_lanes = 2;
  view.lanes[0] = (NsRaceLane){ "SGD", a, 3, 2.5, 0.04, 0, NULL };
  view.lanes[1] = (NsRaceLane){ "Momentum", b, 2, 1, 1e12, 1, NULL };
  view.kind = NS_OUTPUT_REGRESSION;
  ns_render_style_init (&style, FALSE, 1.0);
  ns_render_race (scene, &view, &style, 640, 480);
  g_assert_true (scene_has_text (scene, "0.10"));
  g_assert_false (scene_has_text (scene, "20"));
  g_assert_false (scene_has_text (scene, "10"));

  /* The epoch axis runs from 0 to the furthest contestant (2.5 epochs): a point over the plot
   * names the nearest whole epoch that has ended; off the plot, none. */
  g_assert_cmpfloat (ns_render_race_last_epoch (&view), ==, 2.5);
  {
    const NsHitRegion *plot = NULL;
    double cy;
    guint epoch = 99;

    for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
      if (ns_scene_get_hit (scene, i)->layer == -1)
        plot = ns_scene_get_hit (scene, i);
    g_assert_nonnull (plot);
    cy = (plot->y0 + plot->y1) / 2;
    g_assert_true (ns_render_race_epoch_at (scene, &view, plot->x0 + 1, cy, &epoch));
    g_assert_cmpuint (epoch, ==, 0);
    g_assert_true (ns_render_race_epoch_at (scene, &view, plot->x0 + 0.41 * (plot->x1 - plot->x0),
                                            cy, &epoch));
    g_assert_cmpuint (epoch, ==, 1);
    g_assert_true (ns_render_race_epoch_at (scene, &view, plot->x1 - 1, cy, &epoch));
    g_assert_cmpuint (epoch, ==, 2);
    g_assert_false (ns_render_race_epoch_at (scene, &view, plot->x0 - 5, cy, &epoch));
  }

  /* Without a start far above the rest, the axis holds every point. */
  view.n_lanes = 1;
  view.lanes[0].history = a + 1;
  view.lanes[0].n_entries = 2;
  ns_scene_clear (scene);
  ns_render_race (scene, &view, &style, 640, 480);
  g_assert_true (scene_has_text (scene, "0.10"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/race/same-start", test_same_start);
  g_test_add_func ("/race/lockstep-equals-alone", test_lockstep_equals_alone);
  g_test_add_func ("/race/divergence", test_divergence);
  g_test_add_func ("/race/csv", test_csv);
  g_test_add_func ("/race/render", test_render);
  g_test_add_func ("/race/empty", test_empty);
  g_test_add_func ("/race/axis", test_axis);

  return g_test_run ();
}
