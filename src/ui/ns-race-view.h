/* ns-race-view.h: the optimizer race's picture (ns-render-race.h) as a widget.
 *
 * One chart of every contestant's training loss and a boundary thumbnail each. NsRace has no
 * signals, so whoever steps the race calls ns_race_view_update afterwards; a frame whose race
 * version, size, zoom and style are those of the last frame reuses the last scene (evaluating
 * every contestant over the plane is the dear part). The tooltip tells a thumbnail's losses and
 * accuracies, or every contestant's training loss at the epoch under the pointer on the chart.
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-race.h"
#include "ns-scene.h"

G_BEGIN_DECLS

#define NS_TYPE_RACE_VIEW (ns_race_view_get_type ())
G_DECLARE_FINAL_TYPE (NsRaceView, ns_race_view, NS, RACE_VIEW, GtkWidget)

GtkWidget *ns_race_view_new (void);

NsRace *ns_race_view_get_race (NsRaceView *self);
void ns_race_view_set_race (NsRaceView *self, NsRace *race);

/* The one scale of sizes inside the picture (zoom, presentation mode); 1 = normal. */
double ns_race_view_get_zoom (NsRaceView *self);
void ns_race_view_set_zoom (NsRaceView *self, double zoom);

/* Queues a redraw if the race's version moved since the last frame: call after stepping it. */
void ns_race_view_update (NsRaceView *self);

/* The scene of the last frame drawn (for tests and hit testing); empty before. */
const NsScene *ns_race_view_get_scene (NsRaceView *self);

/* What a tooltip at (x, y) says, or NULL if nothing is there (caller frees). */
char *ns_race_view_describe_at (NsRaceView *self, double x, double y);

G_END_DECLS
