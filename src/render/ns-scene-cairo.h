/* ns-scene-cairo.h: the Cairo painter: any scene on any cairo_t, and files.
 *
 * This is what export, the clipboard and the pixel tests use. The window paints the same scene
 * as GTK render nodes (src/ui/ns-scene-snapshot.h), which is faster every frame.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ns-scene.h"

G_BEGIN_DECLS

/* Draws @scene on @cr in the current user space (logical units), background first. */
void ns_scene_paint_cairo (const NsScene *scene, cairo_t *cr);

/* Writes @scene scaled to width x height to @path as PNG, SVG or PDF, chosen by the file
 * extension (.png, .svg, .pdf, any case). The file is replaced atomically. For PNG, width x
 * height are pixels; for SVG and PDF, points. The scene is scaled from its own size
 * (ns_scene_set_size) to fit, keeping its aspect ratio. Errors: G_IO_ERROR_INVALID_ARGUMENT
 * for an unknown extension, G_FILE_ERROR when writing fails. */
gboolean
ns_scene_export (const NsScene *scene, int width, int height, const char *path, GError **error);

/* Paints a picture of @width x @height (pixels or points) on @cr. */
typedef void (*NsCairoPaintFunc) (cairo_t *cr, int width, int height, gpointer data);

/* As ns_scene_export, for any picture @paint draws: what exports a picture that is not a
 * scene (the whole window, through GTK's own Cairo drawing of its render nodes). */
gboolean ns_cairo_export (int width,
                          int height,
                          const char *path,
                          NsCairoPaintFunc paint,
                          gpointer data,
                          GError **error);

G_END_DECLS
