/* ns-scene-snapshot.h: the snapshot painter: a scene as GTK render nodes, every frame.
 *
 * Heatmaps become texture nodes, text Pango layouts, rectangles colour and border nodes. Lines
 * are a small cached "brush" texture (the line's colour across, alpha fading to 0 at both
 * edges) stretched along the line and rotated: GTK 4.8's GL renderer does not antialias rotated
 * colour nodes, and thin ones break into dashes. Points are copies of one pre-drawn sprite.
 * Crisp images are enlarged by whole pixels before they become textures, because GTK 4.8
 * scales textures only linearly.
 *
 * A painter keeps the brushes and sprites between frames; keep one per widget.
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-scene.h"

G_BEGIN_DECLS

typedef struct _NsSnapshotPainter NsSnapshotPainter;

NsSnapshotPainter *ns_snapshot_painter_new (void);
void ns_snapshot_painter_free (NsSnapshotPainter *self); /* NULL is fine */

/* Device pixels per logical unit (gtk_widget_get_scale_factor): brushes, sprites and crisp
 * images are made at this resolution. Default 1. */
void ns_snapshot_painter_set_scale_factor (NsSnapshotPainter *self, int scale_factor);
/* The context text is laid out on (gtk_widget_get_pango_context, so text follows the
 * desktop's font settings); without one, a plain PangoCairo context. */
void ns_snapshot_painter_set_pango_context (NsSnapshotPainter *self, PangoContext *context);

/* Appends @scene to @snapshot in its current coordinates (logical units). */
void
ns_snapshot_painter_paint (NsSnapshotPainter *self, const NsScene *scene, GtkSnapshot *snapshot);

/* The same with a painter made for this one call (nothing is cached across calls). */
void ns_scene_paint_snapshot (const NsScene *scene, GtkSnapshot *snapshot);

/* Cached brush and sprite textures (for tests: a second frame makes no new ones). */
guint ns_snapshot_painter_get_n_cached (NsSnapshotPainter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsSnapshotPainter, ns_snapshot_painter_free)

G_END_DECLS
