/* ns-scene-view.h: the base of the widgets that show one render scene (curves, decision
 * boundary, optimizer race).
 *
 * A subclass says how to build its picture (build) and what a tooltip at a point says
 * (describe_at); the base keeps the scene and its snapshot painter, paints it as render nodes,
 * owns the zoom, follows the light / dark style, sizes itself from the class's sizes times the
 * zoom and asks describe_at for tooltips. Each frame rebuilds the scene, unless the subclass
 * gives a version (get_version): then a frame whose version, size, zoom and style match the
 * last one reuses its scene, for pictures that are dear to build.
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

#define NS_TYPE_SCENE_VIEW (ns_scene_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (NsSceneView, ns_scene_view, NS, SCENE_VIEW, GtkWidget)

struct _NsSceneViewClass
{
  GtkWidgetClass parent_class;

  /* Appends the picture for a width x height area to @scene (cleared before); FALSE if
   * there is nothing to show (no experiment yet). */
  gboolean (*build) (NsSceneView *self,
                     NsScene *scene,
                     const NsRenderStyle *style,
                     double width,
                     double height);
  /* What a tooltip at scene point (x, y) says, or NULL (caller frees). Optional. */
  char *(*describe_at) (NsSceneView *self, double x, double y);
  /* What the picture shows changes whenever this does. Optional: without it every frame
   * rebuilds the scene. */
  guint64 (*get_version) (NsSceneView *self);

  /* Minimum and natural sizes at zoom 1, in logical pixels. */
  int min_width, natural_width, min_height, natural_height;
};

/* The one scale of sizes inside the picture (zoom, presentation mode), 0.5 to 4; 1 = normal.
 * Also the "zoom" property. */
double ns_scene_view_get_zoom (NsSceneView *self);
void ns_scene_view_set_zoom (NsSceneView *self, double zoom);

/* The scene of the last frame drawn (for hit testing, tests and copying); empty before. */
const NsScene *ns_scene_view_get_scene (NsSceneView *self);

/* The style the next frame is drawn in: light or dark as the desktop, the zoom, and the
 * desktop's interface font so pictures read like the rest of the window. */
void ns_scene_view_init_style (NsSceneView *self, NsRenderStyle *style);

/* What is shown changed: the next frame rebuilds the scene (and one is queued). */
void ns_scene_view_invalidate (NsSceneView *self);

G_END_DECLS
