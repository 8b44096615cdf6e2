/* ns-step-pacer.c: how many training steps a frame gets while playing. */
#include "config.h"

#include "ns-step-pacer.h"

/* Steps in one call at the most: even a tiny network's chunk stays well under a frame. */
#define MAX_CHUNK 65536

void
ns_step_pacer_reset (NsStepPacer *pacer)
{
  g_return_if_fail (pacer != NULL);

  pacer->chunk = 1;
}

guint64
ns_step_pacer_run (NsStepPacer *pacer, guint64 limit, NsStepFunc step, gpointer data)
{
  gint64 start = g_get_monotonic_time ();
  guint64 done = 0;

  g_return_val_if_fail (pacer != NULL && step != NULL, 0);

  pacer->chunk = CLAMP (pacer->chunk, 1, MAX_CHUNK);
  while (done < limit)
    {
      guint64 want = MIN (pacer->chunk, limit - done);
      gint64 before = g_get_monotonic_time ();
      guint64 got = step (data, want);
      gint64 now = g_get_monotonic_time ();

      done += got;
      if (got < want)
        break;
      if (now - before < NS_STEP_PACER_BUDGET_US / 16 && pacer->chunk < MAX_CHUNK)
        pacer->chunk *= 2;
      else if (now - before > NS_STEP_PACER_BUDGET_US / 4 && pacer->chunk > 1)
        pacer->chunk /= 2;
      if (now - start >= NS_STEP_PACER_BUDGET_US)
        break;
    }
  return done;
}
