/* bench-frame.c: the window's picture for a network of 6 hidden layers of 8 neurons on the
 * spiral (every neuron's heatmap, the links, the boundary with 500 points, the curves of 3,000
 * epochs), and the window itself.
 *
 *   frame_scene          ms to build the scenes (grid evaluation and heatmap colouring included)
 *   frame_snapshot       ms to turn them into GTK render nodes
 *   frame_cairo          ms to paint them on a 1600x1000 Cairo image surface (the export path)
 *   startup_first_frame  ms from starting the process to its first frame drawn
 *   window_fps           frames per second of the window while it trains (GSK_RENDERER=gl)
 *
 * Each figure is the median of several runs. The last three need a display (run under
 * xvfb-run); without one they are skipped with a note. argv[1] is the neuroscope binary.
 */
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "ns-experiment.h"
#include "ns-render-curves.h"
#include "ns-render-network.h"
#include "ns-render-output.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene-snapshot.h"

#define RUNS 9
#define FRAMES_PER_RUN 50

/* The window's picture at 1600x1000: the network in the middle, output and curves beside it. */
#define NETWORK_W 1000.0
#define NETWORK_H 1000.0
#define SIDE_W 600.0
#define OUTPUT_H 600.0
#define CURVES_H 400.0
#define NETWORK_GRID 100 /* what NsNetworkView uses: the output's grid, every 2nd value */
#define NETWORK_PICTURE_STEP 2

typedef struct
{
  NsScene *network;
  NsScene *output;
  NsScene *curves;
} Frame;

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return v[n / 2];
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static NsExperiment *
make_experiment (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *exp;

  ns_config_init_default (&config);
  ns_config_set_option (&config, "dataset", "spiral", &error);
  ns_config_set_option (&config, "hidden", "8,8,8,8,8,8", &error);
  ns_config_set_option (&config, "features", "x1,x2,sinx1,sinx2", &error);
  g_assert_no_error (error);
  exp = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  ns_experiment_train_epochs (exp, 3000); /* a long history for the curves */
  return exp;
}

/* The output side: the boundary with its points, and the curves. */
/* Time spent in each part of the scene, summed over a run (printed as diagnostics). */
static double part_ms[3];

static void
build_frame (Frame *frame, NsExperiment *exp, const NsRenderStyle *style)
{
  NsNetworkViewData view;
  NsOutputViewData output;
  NsCurvesViewData curves;
  double t0 = now_ms (), t1, t2;

  ns_scene_clear (frame->network);
  ns_render_network_prepare (&view, exp, NETWORK_GRID);
  view.picture_step = NETWORK_PICTURE_STEP;
  ns_render_network (frame->network, &view, style, NETWORK_W, NETWORK_H);
  t1 = now_ms ();

  ns_scene_clear (frame->output);
  ns_render_output_prepare (&output, exp, NS_RENDER_OUTPUT_GRID);
  output.show_test = TRUE; /* 250 training and 250 test points: 500 in all */
  ns_render_output (frame->output, &output, style, SIDE_W, OUTPUT_H);
  t2 = now_ms ();

  ns_scene_clear (frame->curves);
  ns_render_curves_prepare (&curves, exp, NS_CURVES_BOTH);
  ns_render_curves (frame->curves, &curves, style, SIDE_W, CURVES_H);

  part_ms[0] += t1 - t0;
  part_ms[1] += t2 - t1;
  part_ms[2] += now_ms () - t2;
}

static void
bench_scene_and_cairo (NsExperiment *exp, gboolean have_display)
{
  NsRenderStyle style;
  Frame frame = { ns_scene_new (), ns_scene_new (), ns_scene_new () };
  double scene_ms[RUNS], cairo_ms[RUNS], snapshot_ms[RUNS];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  NsSnapshotPainter *painter = have_display ? ns_snapshot_painter_new () : NULL;

  ns_render_style_init (&style, FALSE, 1.0);

  for (int r = 0; r < RUNS; r++)
    {
      double total = 0;

      for (int f = 0; f < FRAMES_PER_RUN; f++)
        {
          double t0;

          /* A training step between frames, as while playing: every heatmap is stale. */
          ns_experiment_step (exp, 1);
          t0 = now_ms ();
          build_frame (&frame, exp, &style);
          total += now_ms () - t0;
        }
      scene_ms[r] = total / FRAMES_PER_RUN;

      total = 0;
      for (int f = 0; f < 5; f++)
        {
          cairo_t *cr = cairo_create (surface);
          double t0 = now_ms ();

          ns_scene_paint_cairo (frame.network, cr);
          cairo_translate (cr, NETWORK_W, 0);
          ns_scene_paint_cairo (frame.output, cr);
          cairo_translate (cr, 0, OUTPUT_H);
          ns_scene_paint_cairo (frame.curves, cr);
          cairo_surface_flush (surface);
          total += now_ms () - t0;
          cairo_destroy (cr);
        }
      cairo_ms[r] = total / 5;

      if (painter != NULL)
        {
          total = 0;
          for (int f = 0; f < FRAMES_PER_RUN; f++)
            {
              GtkSnapshot *snapshot = gtk_snapshot_new ();
              double t0 = now_ms ();
              GskRenderNode *node;

              ns_snapshot_painter_paint (painter, frame.network, snapshot);
              gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (NETWORK_W, 0));
              ns_snapshot_painter_paint (painter, frame.output, snapshot);
              gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, OUTPUT_H));
              ns_snapshot_painter_paint (painter, frame.curves, snapshot);
              node = gtk_snapshot_free_to_node (snapshot);
              total += now_ms () - t0;
              gsk_render_node_unref (node);
            }
          snapshot_ms[r] = total / FRAMES_PER_RUN;
        }
    }

  printf ("frame_scene: %.3f ms\n", median (scene_ms, RUNS));
  printf ("# of which network %.3f ms, output %.3f ms, curves %.3f ms (means)\n",
          part_ms[0] / (RUNS * FRAMES_PER_RUN), part_ms[1] / (RUNS * FRAMES_PER_RUN),
          part_ms[2] / (RUNS * FRAMES_PER_RUN));
  if (painter != NULL)
    printf ("frame_snapshot: %.3f ms\n", median (snapshot_ms, RUNS));
  else
    printf ("# frame_snapshot: skipped (no display; run under xvfb-run)\n");
  printf ("frame_cairo: %.3f ms\n", median (cairo_ms, RUNS));

  ns_snapshot_painter_free (painter);
  cairo_surface_destroy (surface);
  ns_scene_free (frame.network);
  ns_scene_free (frame.output);
  ns_scene_free (frame.curves);
}

/* Starts the app on @file with NEUROSCOPE_BENCHMARK=@mode and returns its first stdout line. */
static char *
run_app (const char *binary, const char *file, const char *mode, gboolean gl, double *elapsed_ms)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autoptr (GError) error = NULL;
  char *line;
  double t0;

  g_subprocess_launcher_setenv (launcher, "NEUROSCOPE_BENCHMARK", mode, TRUE);
  if (gl)
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "gl", TRUE);
  t0 = now_ms ();
  process = g_subprocess_launcher_spawn (launcher, &error, binary, file, NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  *elapsed_ms = now_ms () - t0;
  g_subprocess_wait (process, NULL, NULL);
  return line;
}

static void
bench_app (NsExperiment *exp, const char *binary)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("neuroscope-bench-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "spiral-6x8.json", NULL);
  double startup[5];
  double fps[3];

  g_assert_no_error (error);
  g_assert_true (ns_experiment_save (exp, file, &error));

  for (int r = 0; r < 5; r++)
    {
      g_autofree char *line = run_app (binary, file, "first-frame", FALSE, &startup[r]);
      g_assert_cmpstr (line, ==, "first-frame");
    }
  printf ("startup_first_frame: %.1f ms\n", median (startup, 5));

  for (int r = 0; r < 3; r++)
    {
      double elapsed;
      g_autofree char *line = run_app (binary, file, "fps:5", TRUE, &elapsed);
      unsigned frames = 0;
      double seconds = 0;

      g_assert_nonnull (line);
      g_assert_cmpint (sscanf (line, "frames=%u seconds=%lf", &frames, &seconds), ==, 2);
      fps[r] = frames / seconds;
    }
  printf ("window_fps: %.1f frames/s\n", median (fps, 3));

  g_unlink (file);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr (NsExperiment) exp = make_experiment ();
  gboolean have_display = gtk_init_check ();

  bench_scene_and_cairo (exp, have_display);
  if (have_display && argc > 1)
    bench_app (exp, argv[1]);
  else
    printf ("# startup_first_frame, window_fps: skipped (no display; run under xvfb-run)\n");
  return 0;
}
