/* ns-picture-view.h: a scene view whose picture a function builds, for the small pictures of
 * the draw pad and the ML-vs-DL panel (each is one renderer call with its owner's data, not
 * worth a class of its own). */
#pragma once

#include "ns-scene-view.h"

G_BEGIN_DECLS

#define NS_TYPE_PICTURE_VIEW (ns_picture_view_get_type ())
G_DECLARE_FINAL_TYPE (NsPictureView, ns_picture_view, NS, PICTURE_VIEW, NsSceneView)

/* Builds the picture for a width x height area into @scene (cleared before); FALSE if there
 * is nothing to show. */
typedef gboolean (*NsPictureBuildFunc) (NsPictureView *view,
                                        NsScene *scene,
                                        const NsRenderStyle *style,
                                        double width,
                                        double height,
                                        gpointer user_data);

/* A view that asks @build (with @user_data, not owned: it must outlive the view, as a
 * widget's parent does) for its picture; @min_width x @min_height at zoom 1. */
GtkWidget *ns_picture_view_new (NsPictureBuildFunc build,
                                gpointer user_data,
                                int min_width,
                                int min_height,
                                const char *accessible_label);

G_END_DECLS
