/* ns-step-pacer.h: how many training steps a frame gets while playing.
 *
 * Counted steps decide a run, never the clock (DESIGN.md, "Determinism"): the clock only
 * decides how many of them one frame runs. Steps go in chunks until the frame's budget is
 * spent or the frame's limit reached; a chunk that took little time doubles, a slow one
 * halves, so a frame reads the clock a few times and never overshoots its budget by much.
 * The main window and the race window pace their training with it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Time per frame spent training while playing: half a 60 Hz frame, leaving the rest for
 * drawing. Only the number of steps per frame depends on it, never the run itself. */
#define NS_STEP_PACER_BUDGET_US 8000

/* Runs up to @n steps; returns how many ran (fewer: nothing more to run, e.g. diverged). */
typedef guint64 (*NsStepFunc) (gpointer data, guint64 n);

typedef struct
{
  guint64 chunk; /* steps per call, adapted to this machine */
} NsStepPacer;

/* Back to one step per call (after a reset, whose first steps may cost differently). */
void ns_step_pacer_reset (NsStepPacer *pacer);

/* One frame's training: chunks of @step until @limit steps ran, the budget is spent or a
 * chunk ran short. Returns the steps run. */
guint64 ns_step_pacer_run (NsStepPacer *pacer, guint64 limit, NsStepFunc step, gpointer data);

G_END_DECLS
