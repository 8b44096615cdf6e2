/* ns-view-scene.h: a view of an experiment as a scene at a given size: what `neuroscope render`
 * writes and what the window's picture export writes, built by one function so a file from the
 * window and one from the command line are the same picture. */
#pragma once

#include "ns-experiment.h"
#include "ns-render-style.h"
#include "ns-scene.h"
#include "ns-view.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean show_test; /* boundary: the test points too */
  gboolean discrete;  /* boundary: the winning class only, no shades of certainty */
  guint sample;       /* featuremaps: which test image */
} NsViewSceneOptions;

/* The network view's heatmaps: the same grid and picture step as the window's network view,
 * so a file looks like the window. */
#define NS_VIEW_SCENE_NETWORK_GRID 100
#define NS_VIEW_SCENE_NETWORK_STEP 2

/* Lays @view of @exp out at @width x @height logical units in @style into @scene (empty). The
 * view must suit the data (the plane views need plane data, the image views images). */
void ns_view_build_scene (NsScene *scene,
                          NsExperiment *exp,
                          NsView view,
                          const NsRenderStyle *style,
                          double width,
                          double height,
                          const NsViewSceneOptions *options);

G_END_DECLS
