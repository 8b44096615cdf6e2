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
#include "ns-scene-view.h"

G_BEGIN_DECLS

#define NS_TYPE_RACE_VIEW (ns_race_view_get_type ())
G_DECLARE_FINAL_TYPE (NsRaceView, ns_race_view, NS, RACE_VIEW, NsSceneView)

GtkWidget *ns_race_view_new (void);

NsRace *ns_race_view_get_race (NsRaceView *self);
void ns_race_view_set_race (NsRaceView *self, NsRace *race);

/* Queues a frame: call after stepping the race (a frame of the same race version reuses the
 * last scene, NsSceneView). */
void ns_race_view_update (NsRaceView *self);

/* What a tooltip at (x, y) says, or NULL if nothing is there (caller frees). */
char *ns_race_view_describe_at (NsRaceView *self, double x, double y);

G_END_DECLS
