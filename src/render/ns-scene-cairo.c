/* ns-scene-cairo.c: the Cairo painter and file export. */
#include "ns-scene-cairo.h"

#include "ns-file.h"

#include <string.h>

#include <math.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

static void
set_color (cairo_t *cr, const NsColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

static void
rounded_rect_path (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2);

  if (r <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
paint_rect (cairo_t *cr, const NsRect *rect)
{
  if (rect->fill.a > 0)
    {
      rounded_rect_path (cr, rect->x, rect->y, rect->width, rect->height, rect->radius);
      set_color (cr, &rect->fill);
      cairo_fill (cr);
    }

  if (rect->stroke.a > 0 && rect->stroke_width > 0)
    {
      /* Inside the rectangle: the path runs half a stroke in from its edges. */
      double half = rect->stroke_width / 2;

      rounded_rect_path (cr, rect->x + half, rect->y + half, rect->width - 2 * half,
                         rect->height - 2 * half, MAX (rect->radius - half, 0));
      cairo_set_line_width (cr, rect->stroke_width);
      set_color (cr, &rect->stroke);
      cairo_stroke (cr);
    }
}

static void
paint_circle (cairo_t *cr, const NsCircle *circle)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, circle->cx, circle->cy, circle->radius, 0, 2 * G_PI);

  if (circle->fill.a > 0)
    {
      set_color (cr, &circle->fill);
      if (circle->stroke.a > 0 && circle->stroke_width > 0)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }

  if (circle->stroke.a > 0 && circle->stroke_width > 0)
    {
      cairo_set_line_width (cr, circle->stroke_width);
      set_color (cr, &circle->stroke);
      cairo_stroke (cr);
    }

  cairo_new_path (cr);
}

/* On an image surface a circle is a copy of a pre-drawn sprite: 500 data points as arcs cost
 * about ten times more than as copies (DESIGN.md, "Drawing"). Vector surfaces (SVG, PDF) keep
 * real circles. Sprites live for one paint call, keyed by the circle's looks. */
typedef struct
{
  double radius;
  double stroke_width;
  double scale;
  NsColor fill;
  NsColor stroke;
} SpriteKey;

static guint
sprite_key_hash (gconstpointer data)
{
  const SpriteKey *key = data;

  return (guint) (key->radius * 1000) ^ (guint) (key->stroke_width * 977)
         ^ ns_color_to_argb32 (&key->fill) ^ (ns_color_to_argb32 (&key->stroke) * 31u);
}

static gboolean
sprite_key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (SpriteKey)) == 0;
}

static void
paint_circle_sprite (cairo_t *cr, GHashTable *sprites, const NsCircle *circle, double scale)
{
  SpriteKey key;
  cairo_surface_t *sprite;
  double half = circle->radius + circle->stroke_width / 2 + 1; /* room for antialiasing */

  memset (&key, 0, sizeof key); /* padding too: keys are compared with memcmp */
  key.radius = circle->radius;
  key.stroke_width = circle->stroke_width;
  key.scale = scale;
  key.fill = circle->fill;
  key.stroke = circle->stroke;

  sprite = g_hash_table_lookup (sprites, &key);
  if (sprite == NULL)
    {
      int size = (int) ceil (2 * half * scale);
      NsCircle centred = *circle;
      cairo_t *sc;

      sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      sc = cairo_create (sprite);
      cairo_scale (sc, scale, scale);
      centred.cx = centred.cy = half;
      paint_circle (sc, &centred);
      cairo_destroy (sc);
      g_hash_table_insert (sprites, g_memdup2 (&key, sizeof key), sprite);
    }

  cairo_save (cr);
  cairo_translate (cr, circle->cx - half, circle->cy - half);
  cairo_scale (cr, 1 / scale, 1 / scale);
  cairo_set_source_surface (cr, sprite, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
paint_image (cairo_t *cr, const NsImage *image)
{
  cairo_surface_t *surface;
  cairo_pattern_t *pattern;

  if (image->width <= 0 || image->height <= 0)
    return;

  /* The scene's pixels are already Cairo's ARGB32; the surface only borrows them. */
  surface = cairo_image_surface_create_for_data ((unsigned char *) image->pixels,
                                                 CAIRO_FORMAT_ARGB32, image->pixel_width,
                                                 image->pixel_height, image->pixel_width * 4);

  cairo_save (cr);
  cairo_rectangle (cr, image->x, image->y, image->width, image->height);
  cairo_clip (cr);
  cairo_translate (cr, image->x, image->y);
  cairo_scale (cr, image->width / image->pixel_width, image->height / image->pixel_height);
  cairo_set_source_surface (cr, surface, 0, 0);
  pattern = cairo_get_source (cr);
  /* PAD keeps the edges from fading into transparency when smoothing. */
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (pattern, image->crisp ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_restore (cr);

  cairo_surface_destroy (surface);
}

static void
paint_text (const NsScene *scene, cairo_t *cr, PangoContext *context, const NsText *text)
{
  g_autoptr (PangoLayout) layout = NULL;
  double x, y;

  layout = ns_scene_text_layout (scene, text, context);
  ns_scene_text_origin (text, layout, &x, &y);

  cairo_move_to (cr, x, y);
  set_color (cr, &text->color);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

void
ns_scene_paint_cairo (const NsScene *scene, cairo_t *cr)
{
  PangoContext *context;
  const NsColor *background;
  GHashTable *sprites = NULL;
  double device_scale = 1;
  size_t n;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (cr != NULL);

  /* One context for all texts, made for this surface (its font options and resolution). */
  context = pango_cairo_create_context (cr);

  /* Sprites only where pixels are the result anyway, and at the device's resolution. */
  if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      double dx = 1, dy = 0;

      cairo_user_to_device_distance (cr, &dx, &dy);
      device_scale = MAX (hypot (dx, dy), 0.01);
      sprites = g_hash_table_new_full (sprite_key_hash, sprite_key_equal, g_free,
                                       (GDestroyNotify) cairo_surface_destroy);
    }

  cairo_save (cr);

  background = ns_scene_get_background (scene);
  if (background->a > 0)
    {
      cairo_rectangle (cr, 0, 0, ns_scene_get_width (scene), ns_scene_get_height (scene));
      set_color (cr, background);
      cairo_fill (cr);
    }

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  n = ns_scene_get_n_prims (scene);
  for (size_t i = 0; i < n; i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      switch (prim->kind)
        {
        case NS_PRIM_LINE:
          cairo_move_to (cr, prim->line.x0, prim->line.y0);
          cairo_line_to (cr, prim->line.x1, prim->line.y1);
          cairo_set_line_width (cr, prim->line.width);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          set_color (cr, &prim->line.color);
          cairo_stroke (cr);
          break;

        case NS_PRIM_POLYLINE:
          if (prim->polyline.n_points < 2)
            break;
          cairo_move_to (cr, prim->polyline.points[0], prim->polyline.points[1]);
          for (size_t p = 1; p < prim->polyline.n_points; p++)
            cairo_line_to (cr, prim->polyline.points[2 * p], prim->polyline.points[2 * p + 1]);
          cairo_set_line_width (cr, prim->polyline.width);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          set_color (cr, &prim->polyline.color);
          {
            double dashes[NS_DASH_MAX_PATTERN];
            int n_dashes = ns_dash_pattern (prim->polyline.dash, prim->polyline.width, dashes);

            cairo_set_dash (cr, dashes, n_dashes, 0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
          break;

        case NS_PRIM_RECT:
          paint_rect (cr, &prim->rect);
          break;

        case NS_PRIM_CIRCLE:
          if (sprites != NULL)
            paint_circle_sprite (cr, sprites, &prim->circle, device_scale);
          else
            paint_circle (cr, &prim->circle);
          break;

        case NS_PRIM_IMAGE:
          paint_image (cr, &prim->image);
          break;

        case NS_PRIM_TEXT:
          paint_text (scene, cr, context, &prim->text);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_object_unref (context);
  g_clear_pointer (&sprites, g_hash_table_unref);
  cairo_restore (cr);
}

static cairo_status_t
append_bytes_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static void
paint_fitted (cairo_t *cr, int width, int height, gpointer data)
{
  const NsScene *scene = data;
  double sw = ns_scene_get_width (scene);
  double sh = ns_scene_get_height (scene);

  if (sw > 0 && sh > 0)
    {
      double k = MIN (width / sw, height / sh);

      cairo_translate (cr, (width - sw * k) / 2, (height - sh * k) / 2);
      cairo_scale (cr, k, k);
    }

  ns_scene_paint_cairo (scene, cr);
}

gboolean
ns_scene_export (const NsScene *scene, int width, int height, const char *path, GError **error)
{
  g_return_val_if_fail (scene != NULL, FALSE);

  return ns_cairo_export (width, height, path, paint_fitted, (gpointer) scene, error);
}

gboolean
ns_cairo_export (int width,
                 int height,
                 const char *path,
                 NsCairoPaintFunc paint,
                 gpointer data,
                 GError **error)
{
  g_autoptr (GByteArray) bytes = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (paint != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width <= 0 || height <= 0 || width > 32768 || height > 32768)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot export %s: the size %d×%d is out of range", path, width, height);
      return FALSE;
    }

  lower = g_ascii_strdown (path, -1);
  bytes = g_byte_array_new ();

  /* Everything goes to memory first, then g_file_set_contents writes a temporary file and
   * renames it: a reader never sees half a file, and a failed export leaves the old one. */
  if (g_str_has_suffix (lower, ".png"))
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (surface);
      paint (cr, width, height, data);
      status = cairo_status (cr);
      cairo_destroy (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
      cairo_surface_destroy (surface);
    }
  else if (g_str_has_suffix (lower, ".svg") || g_str_has_suffix (lower, ".pdf"))
    {
      if (g_str_has_suffix (lower, ".svg"))
        surface = cairo_svg_surface_create_for_stream (append_bytes_cb, bytes, width, height);
      else
        surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, width, height);
      cr = cairo_create (surface);
      paint (cr, width, height, data);
      status = cairo_status (cr);
      cairo_destroy (cr);
      /* Vector surfaces write their last bytes when finished. */
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Cannot export %s: the file name must end in .png, .svg or .pdf", path);
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot export %s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  /* g_file_set_contents names its temporary file ("x.png.XHKYZ3") in its errors: the
   * message names the file asked for. */
  if (!ns_file_check_writable (path, error))
    return FALSE;
  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, &local))
    {
      g_set_error (error, local->domain, local->code, "%s: cannot write: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
