/* ns-render-curves.h: training and test loss (and accuracy) over the whole history.
 *
 * One chart per measure: x = epoch, y from 0 at the bottom to a round value above the largest
 * finite one, gridlines at round steps, a legend with the current values ("Test 0.034"). The
 * training curve is a lighter blue and thinner, the test curve dark and thicker, so the two
 * differ in lightness as well as hue (colour-blind safe) and read in greyscale too.
 *
 * Long histories stay cheap: a curve keeps at most two points (the lowest and the highest) per
 * horizontal pixel of its chart. Non-finite values (a diverged run) are left out; infinite
 * losses sit on the chart's top edge.
 *
 * Hit regions: each chart's plotting area is (NS_HIT_POINT, layer = NsCurvesChart, input -1).
 */
#pragma once

#include "ns-experiment.h"
#include "ns-render-chart.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

typedef enum
{
  NS_CURVES_CHART_LOSS,
  NS_CURVES_CHART_ACCURACY,
} NsCurvesChart;

typedef enum
{
  NS_CURVES_LOSS,     /* the loss chart only */
  NS_CURVES_ACCURACY, /* the accuracy chart only (classification) */
  NS_CURVES_BOTH,     /* loss above accuracy (classification) */
} NsCurvesMode;

/* A read-only view of what the charts show, borrowed from the experiment or the caller. */
typedef struct
{
  const NsHistoryEntry *history; /* n_entries, ascending epochs */
  guint n_entries;
  NsCurvesMode mode;   /* regression shows the loss whatever the mode */
  gboolean regression; /* no accuracy */
  gboolean has_test;   /* there are test points (else only the training curve) */
  /* What the legend and the dot at the curves' end show: the network as it is now, which an
   * edit since the last epoch's end may have changed (ns_experiment_get_current); NULL: the
   * history's last entry. */
  const NsHistoryEntry *current;
  gboolean diverged; /* the run diverged: the legend says so rather than the last finite loss */
} NsCurvesViewData;

/* Fills @view from @experiment's history and current values. The view borrows them: valid
 * until the next step or edit. */
void ns_render_curves_prepare (NsCurvesViewData *view, NsExperiment *experiment, NsCurvesMode mode);

/* Appends the chart(s) for a width x height area to @scene (clear it first for a new frame).
 * NS_CURVES_BOTH falls back to the accuracy chart alone when the area is too low for two. */
void ns_render_curves (NsScene *scene,
                       const NsCurvesViewData *view,
                       const NsRenderStyle *style,
                       double width,
                       double height);

/* The plotting area of @chart in @scene; FALSE if the scene has no such chart. */
gboolean ns_render_curves_get_plot (const NsScene *scene,
                                    NsCurvesChart chart,
                                    double *x,
                                    double *y,
                                    double *width,
                                    double *height);
/* The history entry nearest to scene point (x, y) across, if (x, y) is over a chart (for a
 * tooltip); -1 if none. */
int
ns_render_curves_entry_at (const NsScene *scene, const NsCurvesViewData *view, double x, double y);

G_END_DECLS
