/* ns-render-data.h: small pictures of data sets, as the TensorFlow Playground's dataset picker
 * shows them: every point of a set on its plane, in its class colour (regression sets: coloured
 * by value, orange below zero, blue above), on a little card.
 *
 * The generated sets' pictures come from NsDataPreviews, which makes each set once at a fixed
 * seed (the thumbnails never change while the learner plays), and from the experiment's own
 * data for a CSV file.
 */
#pragma once

#include "ns-dataset.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* Points per preview: enough to show a set's shape at thumbnail size (the checkerboard's
 * sixteen squares need more; see ns_data_preview_count). */
#define NS_DATA_PREVIEW_COUNT 200
/* Previews are drawn at this seed and no noise, so they look the same on every machine. */
#define NS_DATA_PREVIEW_SEED 1
/* Past this many points a preview draws only every n-th one: a thumbnail has no room for more. */
#define NS_DATA_PREVIEW_MAX_POINTS 2000

typedef struct
{
  const NsDataset *dataset; /* borrowed; its inputs 0 and 1 span the plane (x_min .. y_max) */
  gboolean selected;        /* the set in use: framed in the accent colour */
} NsDataPreviewView;

/* Appends a preview of view->dataset filling a width x height card to @scene: a background
 * card with an outline, then one circle per point (training and test alike, up to
 * NS_DATA_PREVIEW_MAX_POINTS), plane row y_max at the top. */
void ns_render_data_preview (NsScene *scene,
                             const NsDataPreviewView *view,
                             const NsRenderStyle *style,
                             double width,
                             double height);

/* A regression point's colour: neutral at 0, the style's negative at -1 and below, positive at
 * +1 and above; quantised to tenths so a painter's sprite cache meets few distinct colours. */
NsColor ns_render_data_value_color (const NsRenderStyle *style, float value);

/* A class swatch for the class picker: a disc of class @k's colour centred in width x height,
 * ringed in the accent colour when @selected. */
void ns_render_class_swatch (NsScene *scene,
                             guint k,
                             gboolean selected,
                             const NsRenderStyle *style,
                             double width,
                             double height);

/* Every generated kind's preview data (ns_data_preview_count points, no noise, all of them in
 * the training split), made once by ns_data_previews_new. */
typedef struct _NsDataPreviews NsDataPreviews;

/* The number of points in @kind's preview. */
guint ns_data_preview_count (NsDatasetKind kind);

NsDataPreviews *ns_data_previews_new (void);
void ns_data_previews_free (NsDataPreviews *previews); /* NULL is fine */
const NsDataset *ns_data_previews_get (const NsDataPreviews *previews, NsDatasetKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsDataPreviews, ns_data_previews_free)

G_END_DECLS
