/* ns-window-benchmark.c: hooks that let benchmarks/bench-frame.c time the window. */
#include "config.h"

#include "ns-window-private.h"

#include "ns-printf.h"

#include <stdio.h>

/* Benchmark hooks (benchmarks/bench-frame.c).
 * NEUROSCOPE_BENCHMARK=first-frame prints "first-frame" when the window's first frame has been
 * drawn and closes the window; NEUROSCOPE_BENCHMARK=fps:SECONDS trains for that long and prints
 * "frames=N seconds=S". Frames are counted by the frame clock's "after-paint". */

typedef struct
{
  NsWindow *window;
  gint64 start;
  gint64 duration;
  guint frames;
  gboolean first_frame_only;
} BenchmarkRun;

static void
benchmark_after_paint_cb (GdkFrameClock *clock, BenchmarkRun *run)
{
  gint64 now = g_get_monotonic_time ();

  if (run->first_frame_only)
    {
      g_print ("first-frame\n");
      fflush (stdout);
    }
  else
    {
      if (run->frames++ == 0)
        run->start = now;
      if (now - run->start < run->duration)
        return;
      g_autofree char *line =
          ns_strdup_printf ("frames=%u seconds=%.3f\n", run->frames - 1, (now - run->start) / 1e6);

      g_print ("%s", line);
      fflush (stdout);
    }
  g_signal_handlers_disconnect_by_data (clock, run);
  gtk_window_destroy (GTK_WINDOW (run->window));
  g_free (run);
}

static void
benchmark_realize_cb (NsWindow *self, BenchmarkRun *run)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect (clock, "after-paint", G_CALLBACK (benchmark_after_paint_cb), run);
  if (!run->first_frame_only)
    ns_window_set_playing (self, TRUE);
}

void
ns_window_setup_benchmark (NsWindow *self)
{
  const char *mode = g_getenv ("NEUROSCOPE_BENCHMARK");
  BenchmarkRun *run;

  if (mode == NULL)
    return;
  run = g_new0 (BenchmarkRun, 1);
  run->window = self;
  if (g_str_has_prefix (mode, "fps:"))
    run->duration = (gint64) (g_ascii_strtod (mode + 4, NULL) * G_USEC_PER_SEC);
  else
    run->first_frame_only = TRUE;
  g_signal_connect_after (self, "realize", G_CALLBACK (benchmark_realize_cb), run);
}
