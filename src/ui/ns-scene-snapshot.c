/* ns-scene-snapshot.c: paints a scene as GTK render nodes. */
#include "ns-scene-snapshot.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

/* Past this many cached textures the cache starts over: a frame never needs that many (link
 * colours are quantised by the renderer), so this only bounds a long session's memory. */
#define MAX_CACHED 2048
/* Textures larger than this are not worth enlarging further for crispness. */
#define MAX_CRISP_SIDE 4096

typedef enum
{
  KEY_BRUSH,
  KEY_SPRITE,
} KeyKind;

/* What makes a cached texture: its kind, colours (premultiplied ARGB32) and sizes in
 * quarter device pixels. */
typedef struct
{
  guint32 kind;
  guint32 color;
  guint32 stroke;
  guint32 size;
  guint32 stroke_size;
} TextureKey;

struct _NsSnapshotPainter
{
  int scale_factor;
  PangoContext *context;
  GHashTable *textures; /* TextureKey -> GdkTexture */
  /* "family role size text" -> PangoLayout: most labels are the same from frame to frame,
   * and laying text out again each time would be the slowest part of painting. */
  GHashTable *layouts;
};

/* Layouts kept before the cache starts afresh (a long run's changing numbers). */
#define MAX_LAYOUTS 2048

static guint
texture_key_hash (gconstpointer data)
{
  const TextureKey *key = data;
  guint h = key->kind;

  h = h * 31u + key->color;
  h = h * 31u + key->stroke;
  h = h * 31u + key->size;
  h = h * 31u + key->stroke_size;

  return h;
}

static gboolean
texture_key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (TextureKey)) == 0;
}

NsSnapshotPainter *
ns_snapshot_painter_new (void)
{
  NsSnapshotPainter *self = g_new0 (NsSnapshotPainter, 1);

  self->scale_factor = 1;
  self->textures =
      g_hash_table_new_full (texture_key_hash, texture_key_equal, g_free, g_object_unref);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  return self;
}

void
ns_snapshot_painter_free (NsSnapshotPainter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->context);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_free (self);
}

void
ns_snapshot_painter_set_scale_factor (NsSnapshotPainter *self, int scale_factor)
{
  g_return_if_fail (self != NULL);

  scale_factor = CLAMP (scale_factor, 1, 8);
  if (scale_factor == self->scale_factor)
    return;

  /* Brushes and sprites are made in device pixels: they no longer fit. */
  self->scale_factor = scale_factor;
  g_hash_table_remove_all (self->textures);
}

void
ns_snapshot_painter_set_pango_context (NsSnapshotPainter *self, PangoContext *context)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (context == NULL || PANGO_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_hash_table_remove_all (self->layouts); /* laid out on the old context */
}

guint
ns_snapshot_painter_get_n_cached (NsSnapshotPainter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->textures);
}

static GdkTexture *
texture_from_argb32 (const guint8 *data, int width, int height, gsize stride)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, stride * height);

  /* GDK_MEMORY_DEFAULT is Cairo's ARGB32 layout, the scene's pixel format. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static GdkTexture *
cache_lookup (NsSnapshotPainter *self, const TextureKey *key)
{
  return g_hash_table_lookup (self->textures, key);
}

static GdkTexture *
cache_insert (NsSnapshotPainter *self, const TextureKey *key, GdkTexture *texture)
{
  if (g_hash_table_size (self->textures) >= MAX_CACHED)
    g_hash_table_remove_all (self->textures);

  g_hash_table_insert (self->textures, g_memdup2 (key, sizeof *key), texture);

  return texture;
}

/* NsColor has GdkRGBA's layout, but a copy keeps the compiler's aliasing rules. */
static inline GdkRGBA
to_rgba (const NsColor *color)
{
  return (GdkRGBA){ color->r, color->g, color->b, color->a };
}

/* ---- lines ---- */

static guint32
quarter_pixels (double device_pixels)
{
  return (guint32) CLAMP (lround (device_pixels * 4), 1, 4 * 256);
}

/* A brush for a line @size / 4 device pixels wide: a column of rows, each row's alpha the share
 * of it the ideal line covers, with a transparent row at both edges so the rotated quad fades
 * out instead of ending in a jagged edge. Several identical columns, so linear sampling along
 * the line never reads outside the brush. */
static GdkTexture *
get_brush (NsSnapshotPainter *self, guint32 color, guint32 size, int *height)
{
  TextureKey key = { KEY_BRUSH, color, 0, size, 0 };
  GdkTexture *texture;
  double width = size / 4.0;
  int rows = (int) ceil (width) + 2;
  double top, bottom;
  const int columns = 4;
  guint32 *pixels;

  *height = rows;

  texture = cache_lookup (self, &key);
  if (texture != NULL)
    return texture;

  top = (rows - width) / 2;
  bottom = top + width;
  pixels = g_new (guint32, (size_t) rows * columns);

  for (int y = 0; y < rows; y++)
    {
      double coverage = CLAMP (MIN (bottom, y + 1.0) - MAX (top, (double) y), 0.0, 1.0);
      guint32 a = (color >> 24) & 0xff;
      guint32 r = (color >> 16) & 0xff;
      guint32 g = (color >> 8) & 0xff;
      guint32 b = color & 0xff;
      guint32 pixel;

      /* The colour is premultiplied: scaling all four channels keeps it so. */
      pixel = (guint32) lround (a * coverage) << 24 | (guint32) lround (r * coverage) << 16
              | (guint32) lround (g * coverage) << 8 | (guint32) lround (b * coverage);

      for (int x = 0; x < columns; x++)
        pixels[y * columns + x] = pixel;
    }

  texture = texture_from_argb32 ((const guint8 *) pixels, columns, rows, columns * 4);
  g_free (pixels);

  return cache_insert (self, &key, texture);
}

static void
paint_line (NsSnapshotPainter *self,
            GtkSnapshot *snapshot,
            double x0,
            double y0,
            double x1,
            double y1,
            double width,
            const NsColor *color)
{
  double dx = x1 - x0, dy = y1 - y0;
  double length = hypot (dx, dy);
  double scale = self->scale_factor;
  GdkTexture *brush;
  int rows;

  if (length <= 0 || width <= 0 || color->a <= 0)
    return;

  brush = get_brush (self, ns_color_to_argb32 (color), quarter_pixels (width * scale), &rows);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x0, (float) y0));
  gtk_snapshot_rotate (snapshot, (float) (atan2 (dy, dx) * 180.0 / G_PI));
  gtk_snapshot_append_texture (
      snapshot, brush,
      &GRAPHENE_RECT_INIT (0, (float) (-rows / scale / 2), (float) length, (float) (rows / scale)));
  gtk_snapshot_restore (snapshot);
}

static void
paint_polyline (GtkSnapshot *snapshot, const NsPolyline *polyline)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double pad = polyline->width;
  double dashes[NS_DASH_MAX_PATTERN];
  int n_dashes;
  cairo_t *cr;

  if (polyline->n_points < 2 || polyline->width <= 0 || polyline->color.a <= 0)
    return;

  for (size_t p = 0; p < polyline->n_points; p++)
    {
      min_x = MIN (min_x, polyline->points[2 * p]);
      max_x = MAX (max_x, polyline->points[2 * p]);
      min_y = MIN (min_y, polyline->points[2 * p + 1]);
      max_y = MAX (max_y, polyline->points[2 * p + 1]);
    }

  /* Curves join their segments; one small Cairo node draws them with proper joins. */
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT ((float) (min_x - pad), (float) (min_y - pad),
                                                       (float) (max_x - min_x + 2 * pad),
                                                       (float) (max_y - min_y + 2 * pad)));
  cairo_move_to (cr, polyline->points[0], polyline->points[1]);
  for (size_t p = 1; p < polyline->n_points; p++)
    cairo_line_to (cr, polyline->points[2 * p], polyline->points[2 * p + 1]);
  cairo_set_line_width (cr, polyline->width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* The Cairo painter's dashes (ns_dash_pattern), so the window and exports agree. */
  n_dashes = ns_dash_pattern (polyline->dash, polyline->width, dashes);
  cairo_set_dash (cr, dashes, n_dashes, 0);
  cairo_set_source_rgba (cr, polyline->color.r, polyline->color.g, polyline->color.b,
                         polyline->color.a);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* ---- rectangles ---- */

static void
paint_rect (GtkSnapshot *snapshot, const NsRect *rect)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT ((float) rect->x, (float) rect->y,
                                               (float) rect->width, (float) rect->height);
  GskRoundedRect outline;
  float radius = (float) MIN (rect->radius, MIN (rect->width, rect->height) / 2);

  if (rect->width <= 0 || rect->height <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&outline, &bounds, MAX (radius, 0.f));

  if (rect->fill.a > 0)
    {
      if (radius > 0)
        gtk_snapshot_push_rounded_clip (snapshot, &outline);
      GdkRGBA fill = to_rgba (&rect->fill);

      gtk_snapshot_append_color (snapshot, &fill, &bounds);
      if (radius > 0)
        gtk_snapshot_pop (snapshot);
    }

  if (rect->stroke.a > 0 && rect->stroke_width > 0)
    {
      float w = (float) rect->stroke_width;
      const float widths[4] = { w, w, w, w };
      GdkRGBA stroke = to_rgba (&rect->stroke);
      const GdkRGBA colors[4] = { stroke, stroke, stroke, stroke };

      /* Border nodes draw inside their outline, as the Cairo painter strokes rectangles. */
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

/* ---- points ---- */

static GdkTexture *
get_sprite (NsSnapshotPainter *self, const NsCircle *circle, int *side)
{
  double scale = self->scale_factor;
  guint32 stroke_size = circle->stroke.a > 0 ? quarter_pixels (circle->stroke_width * scale) : 0;
  TextureKey key = {
    KEY_SPRITE,
    ns_color_to_argb32 (&circle->fill),
    stroke_size > 0 ? ns_color_to_argb32 (&circle->stroke) : 0,
    quarter_pixels (circle->radius * scale),
    stroke_size,
  };
  double radius = key.size / 4.0;
  double stroke = key.stroke_size / 4.0;
  cairo_surface_t *surface;
  GdkTexture *texture;
  cairo_t *cr;

  /* The sprite is the circle's outer extent plus a pixel of room for antialiasing. */
  *side = (int) ceil (2 * radius + stroke) + 2;

  texture = cache_lookup (self, &key);
  if (texture != NULL)
    return texture;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, *side, *side);
  cr = cairo_create (surface);
  cairo_arc (cr, *side / 2.0, *side / 2.0, radius, 0, 2 * G_PI);
  if (circle->fill.a > 0)
    {
      cairo_set_source_rgba (cr, circle->fill.r, circle->fill.g, circle->fill.b, circle->fill.a);
      cairo_fill_preserve (cr);
    }
  if (stroke > 0)
    {
      cairo_set_line_width (cr, stroke);
      cairo_set_source_rgba (cr, circle->stroke.r, circle->stroke.g, circle->stroke.b,
                             circle->stroke.a);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  texture = texture_from_argb32 (cairo_image_surface_get_data (surface), *side, *side,
                                 cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);

  return cache_insert (self, &key, texture);
}

static void
paint_circle (NsSnapshotPainter *self, GtkSnapshot *snapshot, const NsCircle *circle)
{
  GdkTexture *sprite;
  double size;
  int side;

  if (circle->radius <= 0)
    return;

  sprite = get_sprite (self, circle, &side);
  size = side / (double) self->scale_factor;
  gtk_snapshot_append_texture (snapshot, sprite,
                               &GRAPHENE_RECT_INIT ((float) (circle->cx - size / 2),
                                                    (float) (circle->cy - size / 2), (float) size,
                                                    (float) size));
}

/* ---- images ---- */

static void
paint_image (NsSnapshotPainter *self, GtkSnapshot *snapshot, const NsImage *image)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT ((float) image->x, (float) image->y,
                                               (float) image->width, (float) image->height);
  g_autoptr (GdkTexture) texture = NULL;
  int pw = image->pixel_width, ph = image->pixel_height;
  int factor = 1;

  if (image->width <= 0 || image->height <= 0 || pw <= 0 || ph <= 0)
    return;

  if (image->crisp)
    {
      double fx = image->width * self->scale_factor / pw;
      double fy = image->height * self->scale_factor / ph;

      /* Enlarge by whole pixels to at least the size on screen; the linear scaling left over
       * is then less than a pixel and keeps the edges sharp. */
      factor = (int) ceil (MAX (fx, fy));
      factor = CLAMP (factor, 1, MAX (1, MAX_CRISP_SIDE / MAX (pw, ph)));
    }

  if (factor == 1)
    {
      /* The scene's arena is reused next frame; the texture needs its own copy. */
      texture = texture_from_argb32 ((const guint8 *) image->pixels, pw, ph, (gsize) pw * 4);
    }
  else
    {
      int w = pw * factor, h = ph * factor;
      guint32 *big = g_new (guint32, (size_t) w * h);

      for (int y = 0; y < h; y++)
        {
          const guint32 *src = image->pixels + (size_t) (y / factor) * pw;
          guint32 *dst = big + (size_t) y * w;

          for (int x = 0; x < w; x++)
            dst[x] = src[x / factor];
        }

      texture = texture_from_argb32 ((const guint8 *) big, w, h, (gsize) w * 4);
      g_free (big);
    }

  gtk_snapshot_append_texture (snapshot, texture, &bounds);
}

/* ---- text ---- */

static void
paint_text (NsSnapshotPainter *self,
            GtkSnapshot *snapshot,
            const NsScene *scene,
            const NsText *text)
{
  PangoLayout *layout;
  GdkRGBA color = to_rgba (&text->color);
  g_autofree char *key = NULL;
  double x, y;

  if (text->color.a <= 0 || text->text[0] == '\0')
    return;

  if (self->context == NULL)
    self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  key = g_strdup_printf ("%s\n%d %a %s", ns_scene_get_font_family (scene), text->role, text->size,
                         text->text);
  layout = g_hash_table_lookup (self->layouts, key);
  if (layout == NULL)
    {
      if (g_hash_table_size (self->layouts) >= MAX_LAYOUTS)
        g_hash_table_remove_all (self->layouts);
      layout = ns_scene_text_layout (scene, text, self->context);
      g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
    }
  ns_scene_text_origin (text, layout, &x, &y);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

void
ns_snapshot_painter_paint (NsSnapshotPainter *self, const NsScene *scene, GtkSnapshot *snapshot)
{
  GdkRGBA background;
  size_t n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));

  background = to_rgba (ns_scene_get_background (scene));
  if (background.alpha > 0)
    gtk_snapshot_append_color (snapshot, &background,
                               &GRAPHENE_RECT_INIT (0, 0, (float) ns_scene_get_width (scene),
                                                    (float) ns_scene_get_height (scene)));

  n = ns_scene_get_n_prims (scene);
  for (size_t i = 0; i < n; i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      switch (prim->kind)
        {
        case NS_PRIM_LINE:
          paint_line (self, snapshot, prim->line.x0, prim->line.y0, prim->line.x1, prim->line.y1,
                      prim->line.width, &prim->line.color);
          break;

        case NS_PRIM_POLYLINE:
          paint_polyline (snapshot, &prim->polyline);
          break;

        case NS_PRIM_RECT:
          paint_rect (snapshot, &prim->rect);
          break;

        case NS_PRIM_CIRCLE:
          paint_circle (self, snapshot, &prim->circle);
          break;

        case NS_PRIM_IMAGE:
          paint_image (self, snapshot, &prim->image);
          break;

        case NS_PRIM_TEXT:
          paint_text (self, snapshot, scene, &prim->text);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

void
ns_scene_paint_snapshot (const NsScene *scene, GtkSnapshot *snapshot)
{
  g_autoptr (NsSnapshotPainter) painter = ns_snapshot_painter_new ();

  ns_snapshot_painter_paint (painter, scene, snapshot);
}
