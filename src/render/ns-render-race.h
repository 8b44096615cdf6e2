/* ns-render-race.h: the optimizer race: every contestant's training loss in one chart, and
 * each one's decision boundary as a thumbnail beneath it.
 *
 * The chart shows the training loss (what the optimizers minimise) over epochs: one curve per
 * contestant, from the history's epoch ends plus the current weights' loss at the race's
 * current (fractional) epoch, so curves move with every step. Contestants differ in colour
 * (Okabe & Ito's colour-blind safe palette) and in line width, drawn widest first so every
 * curve stays visible where they overlap. The legend lists each contestant's label and current
 * training loss ("diverged at epoch N" for a run that blew up, whose curve stops there). Below,
 * one thumbnail per contestant: its output over the plane (ns_experiment_eval_plane at
 * NS_RENDER_RACE_GRID), framed in its colour, with its label and state.
 *
 * Long histories stay cheap: at most two points per horizontal pixel per curve.
 *
 * Hit regions: the chart's plot is (NS_HIT_POINT, layer -1, input -1); thumbnail i is
 * (NS_HIT_POINT, layer i, input -1).
 */
#pragma once

#include "ns-race.h"
#include "ns-render-output.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* The thumbnails' resolution (a grid the experiments evaluate). */
#define NS_RENDER_RACE_GRID 48

typedef struct
{
  const char *label;             /* "Adam, lr 0.01" */
  const NsHistoryEntry *history; /* n_entries, ascending epochs */
  guint n_entries;
  double current_epoch; /* where the current loss goes (fractional epochs) */
  double current_loss;  /* the current weights' training loss */
  guint diverged_epoch; /* 0: running */
  const float *output;  /* n_outputs rows of grid_size² (row 0 at the top) or NULL */
} NsRaceLane;

/* A read-only view of the race; everything borrowed from the race's experiments (valid until
 * the next step) or, in tests, from the caller. */
typedef struct
{
  guint n_lanes;
  NsRaceLane lanes[NS_RACE_MAX_CONTESTANTS];
  NsOutputKind kind; /* how outputs are coloured (as ns-render-output.h) */
  guint n_classes;
  guint grid_size;
  double value_min, value_max; /* regression: the values mapped to orange and blue */
} NsRaceViewData;

/* Fills @view from @race, evaluating each contestant over a grid_size x grid_size grid (use
 * NS_RENDER_RACE_GRID; 0 draws no thumbnails' pictures). */
void ns_render_race_prepare (NsRaceViewData *view, NsRace *race, guint grid_size);

/* Appends the picture for a width x height area to @scene (clear it first for a new frame). */
void ns_render_race (NsScene *scene,
                     const NsRaceViewData *view,
                     const NsRenderStyle *style,
                     double width,
                     double height);

/* The epoch axis' end: where the furthest contestant is (they run in lockstep); 1 before the
 * first step. The axis runs from 0. */
double ns_render_race_last_epoch (const NsRaceViewData *view);

/* The whole epoch nearest scene point (x, y) across the chart's plot in @scene (as drawn from
 * @view), for a tooltip; FALSE if (x, y) is not over the plot. */
gboolean ns_render_race_epoch_at (const NsScene *scene,
                                  const NsRaceViewData *view,
                                  double x,
                                  double y,
                                  guint *epoch);

/* The contestant whose thumbnail is under scene point (x, y), for a tooltip; -1 if none. */
int ns_render_race_thumbnail_at (const NsScene *scene, double x, double y);

/* Contestant @i's curve colour and width (the legend and the frame use the same). */
void ns_render_race_lane_style (const NsRenderStyle *style, guint i, NsColor *color, double *width);
/* Contestant @i's dash pattern: curves differ by more than colour (colour-blind learners,
 * washed-out projectors). */
NsDash ns_render_race_lane_dash (guint i);

G_END_DECLS
