/* ns-race-window.h: the optimizer race in a window of its own (issue 5).
 *
 * An instructor opens it from the main window's menu: SGD, momentum and Adam (or any
 * optimizers and learning rates chosen in its list) from the same first weights on the same
 * data, trained in lockstep on the frame clock, their loss curves in one chart and each one's
 * boundary beside the others. The race copies the main window's configuration when it opens
 * and keeps no reference to its experiment. Changing, adding or removing a contestant starts
 * the race again from step 0, and the window says so.
 *
 * Actions (group "race"):
 *   race.play                 boolean state: train on the frame clock (Space)
 *   race.step                 to the end of the next epoch (Right)
 *   race.reset                every contestant back to its first weights (R)
 *   race.add                  one more contestant (a combination not yet racing)
 *   race.remove               int32: removes contestant i (not the last one)
 *   race.set-optimizer        (iu): contestant i's optimizer (NnOptimizer)
 *   race.set-learning-rate    (id): contestant i's learning rate
 * Escape and Ctrl+W close the window.
 */
#pragma once

#include <adwaita.h>

#include "ns-experiment.h"
#include "ns-race-view.h"
#include "ns-race.h"

G_BEGIN_DECLS

#define NS_TYPE_RACE_WINDOW (ns_race_window_get_type ())
G_DECLARE_FINAL_TYPE (NsRaceWindow, ns_race_window, NS, RACE_WINDOW, AdwWindow)

/* A race from @base's configuration (ns_race_new_default), transient for @parent (may be
 * NULL), not modal. An error making the race shows in the window. */
NsRaceWindow *ns_race_window_new (GtkWindow *parent, NsExperiment *base);

/* The race shown; a new one after every change of contestants (transfer none). */
NsRace *ns_race_window_get_race (NsRaceWindow *self);

/* The main window's zoom (presentation mode 1.6): the window's text and the picture. */
double ns_race_window_get_zoom (NsRaceWindow *self);
void ns_race_window_set_zoom (NsRaceWindow *self, double zoom);

gboolean ns_race_window_get_playing (NsRaceWindow *self);
void ns_race_window_set_playing (NsRaceWindow *self, gboolean playing);

/* Mini-batches per frame while playing; 0 (the default) is one epoch. The run is the same at
 * any speed. */
guint ns_race_window_get_steps_per_frame (NsRaceWindow *self);
void ns_race_window_set_steps_per_frame (NsRaceWindow *self, guint steps);

/* For tests: the picture, and the message under the contestants (the race restarted, or an
 * error), NULL when none is shown. */
NsRaceView *ns_race_window_get_view (NsRaceWindow *self);
const char *ns_race_window_get_message (NsRaceWindow *self);

/* Epochs the race has trained (every contestant the same). */
guint64 ns_race_window_get_epoch (NsRaceWindow *self);

G_END_DECLS
