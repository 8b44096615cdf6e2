/* bench-soak.c: trains and renders in a loop for a given time, headless, and reports how much
 * the resident memory grew (issue 13, "Robustness": it must stay flat).
 *
 *   bench-soak [SECONDS]     (default 600; or NEUROSCOPE_SOAK_SECONDS)
 *
 * Each round is a new experiment trained in chunks; after each chunk the views `neuroscope
 * render` draws (network, boundary, loss, space, gradients) are built into one scene that is
 * painted by the Cairo painter on an offscreen image, and every few rounds on a fresh scene
 * and surface too. RSS (/proc/self/statm) is read after two warm-up rounds and at the end, so
 * caches that fill once (fonts, Pango, the painter's) are not counted as growth. The bytes
 * malloc holds in use (mallinfo2) are printed too: RSS that grows while they stay flat is the
 * allocator's fragmentation, not memory kept. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-common.h"
#include "ns-config.h"
#include "ns-experiment.h"
#include "ns-render-curves.h"
#include "ns-render-gradients.h"
#include "ns-render-network.h"
#include "ns-render-output.h"
#include "ns-render-space.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"

#define WIDTH 800
#define HEIGHT 600
#define WARMUP_ROUNDS 2
#define CHUNKS_PER_ROUND 10
#define EPOCHS_PER_CHUNK 5

static long
rss_kib (void)
{
  FILE *statm = fopen ("/proc/self/statm", "r");
  long size = 0, resident = 0;

  if (statm == NULL)
    return -1;
  if (fscanf (statm, "%ld %ld", &size, &resident) != 2)
    resident = -1;
  fclose (statm);
  return resident < 0 ? -1 : resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static NsExperiment *
new_experiment (guint round)
{
  static const char *const datasets[] = { "spiral", "xor", "circle", "gauss" };
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *seed = g_strdup_printf ("%u", round + 1);
  NsExperiment *exp;

  ns_config_init_default (&config);
  if (!ns_config_set_option (&config, "dataset", datasets[round % G_N_ELEMENTS (datasets)], &error)
      || !ns_config_set_option (&config, "hidden", "8,6", &error)
      || !ns_config_set_option (&config, "seed", seed, &error)
      || (exp = ns_experiment_new (&config, &error)) == NULL)
    {
      g_printerr ("bench-soak: %s\n", error->message);
      exit (1);
    }
  return exp;
}

/* The views of `neuroscope render`, one after the other into @scene, each painted on @cr. */
static void
render_views (NsScene *scene, cairo_t *cr, NsExperiment *exp, const NsRenderStyle *style)
{
  for (int view = 0; view < 5; view++)
    {
      ns_scene_clear (scene);
      switch (view)
        {
        case 0:
          {
            NsNetworkViewData data;

            ns_render_network_prepare (&data, exp, 100);
            data.picture_step = 2;
            ns_render_network (scene, &data, style, WIDTH, HEIGHT);
          }
          break;
        case 1:
          {
            NsOutputViewData data;

            ns_render_output_prepare (&data, exp, NS_RENDER_OUTPUT_GRID);
            data.show_test = TRUE;
            ns_render_output (scene, &data, style, WIDTH, HEIGHT);
          }
          break;
        case 2:
          {
            NsCurvesViewData data;

            ns_render_curves_prepare (&data, exp, NS_CURVES_BOTH);
            ns_render_curves (scene, &data, style, WIDTH, HEIGHT);
          }
          break;
        case 3:
          {
            g_auto (NsSpaceAxes) axes = { 0 };
            NsSpaceOptions options = { NS_SPACE_AUTO, { 0, 1 }, &axes };
            NsSpaceViewData data;

            ns_render_space_prepare (&data, scene, exp, &options);
            ns_render_space (scene, &data, style, WIDTH, HEIGHT);
          }
          break;
        default:
          {
            NsGradientsViewData data;

            ns_render_gradients_prepare (&data, exp);
            ns_render_gradients (scene, &data, style, WIDTH, HEIGHT);
          }
          break;
        }
      ns_scene_paint_cairo (scene, cr);
    }
}

int
main (int argc, char **argv)
{
  const char *env = g_getenv ("NEUROSCOPE_SOAK_SECONDS");
  double seconds = argc > 1      ? g_ascii_strtod (argv[1], NULL)
                   : env != NULL ? g_ascii_strtod (env, NULL)
                                 : 600;
  g_autoptr (NsScene) scene = ns_scene_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  NsRenderStyle style;
  double start, end;
  long rss_start = -1, rss_end;
  size_t heap_start = 0;
  guint64 iterations = 0;

  if (!(seconds > 0))
    {
      g_printerr ("bench-soak: the time must be a number of seconds above 0\n");
      return 2;
    }
  ns_render_style_init (&style, FALSE, 1.0);
  start = bench_now (CLOCK_MONOTONIC);
  end = start + seconds;
  for (guint round = 0; round < WARMUP_ROUNDS || bench_now (CLOCK_MONOTONIC) < end; round++)
    {
      g_autoptr (NsExperiment) exp = new_experiment (round);

      if (round == WARMUP_ROUNDS)
        {
          rss_start = rss_kib ();
          heap_start = mallinfo2 ().uordblks;
        }
      for (guint chunk = 0; chunk < CHUNKS_PER_ROUND; chunk++)
        {
          ns_experiment_train_epochs (exp, EPOCHS_PER_CHUNK);
          render_views (scene, cr, exp, &style);
          iterations++;
        }
      if (round % 5 == 4)
        {
          /* A fresh scene and surface now and then, as an export does. */
          g_autoptr (NsScene) fresh = ns_scene_new ();
          cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
          cairo_t *fresh_cr = cairo_create (image);

          render_views (fresh, fresh_cr, exp, &style);
          cairo_destroy (fresh_cr);
          cairo_surface_destroy (image);
        }
    }
  rss_end = rss_kib ();
  if (rss_start < 0)
    rss_start = rss_end; /* the time ran out within the warm-up */
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  printf ("soak_seconds: %.0f s\n", bench_now (CLOCK_MONOTONIC) - start);
  printf ("soak_rss_start: %ld KiB\n", rss_start);
  printf ("soak_rss_end: %ld KiB\n", rss_end);
  printf ("soak_rss_growth: %ld KiB\n", rss_end - rss_start);
  printf ("soak_heap_in_use_growth: %ld KiB\n",
          ((long) mallinfo2 ().uordblks - (long) heap_start) / 1024);
  printf ("soak_iterations: %" G_GUINT64_FORMAT "\n", iterations);
  return 0;
}
