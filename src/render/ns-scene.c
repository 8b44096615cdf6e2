/* ns-scene.c: the primitive array, the hit regions and the arena behind them. */
#include "ns-scene.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "ns-printf.h"

/* The arena hands out memory from blocks that never move, so pointers stay valid while the
 * scene grows. When a frame needed more than one block, clear() replaces them by one block of
 * the total size: from the second frame on a scene of steady size allocates nothing. */
#define ARENA_MIN_BLOCK (64 * 1024)

typedef struct
{
  guint8 *data;
  size_t size;
  size_t used;
} ArenaBlock;

struct _NsScene
{
  GArray *prims;  /* NsPrim */
  GArray *hits;   /* NsHitRegion */
  GArray *blocks; /* ArenaBlock; the last one is the one being filled */
  double width, height;
  NsColor background;
  char *font_family;
  PangoContext *measure_context; /* made on first use by ns_scene_measure_text */
  /* Sizes measured so far ("role size text" -> two doubles): a scene is rebuilt every frame
   * with mostly the same labels, and laying out text is the slowest part of building it. */
  GHashTable *measured;
};

/* Entries kept before the cache starts afresh (labels of a long run's changing numbers). */
#define MAX_MEASURED 4096

static void
arena_block_clear (gpointer data)
{
  ArenaBlock *block = data;

  g_free (block->data);
}

NsScene *
ns_scene_new (void)
{
  NsScene *scene = g_new0 (NsScene, 1);

  scene->prims = g_array_sized_new (FALSE, FALSE, sizeof (NsPrim), 256);
  scene->hits = g_array_sized_new (FALSE, FALSE, sizeof (NsHitRegion), 128);
  scene->blocks = g_array_new (FALSE, FALSE, sizeof (ArenaBlock));
  g_array_set_clear_func (scene->blocks, arena_block_clear);
  scene->font_family = g_strdup ("Cantarell, sans-serif");
  scene->measured = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return scene;
}

void
ns_scene_free (NsScene *scene)
{
  if (scene == NULL)
    return;

  g_array_unref (scene->prims);
  g_array_unref (scene->hits);
  g_array_unref (scene->blocks);
  g_free (scene->font_family);
  g_clear_object (&scene->measure_context);
  g_hash_table_unref (scene->measured);
  g_free (scene);
}

void
ns_scene_clear (NsScene *scene)
{
  g_return_if_fail (scene != NULL);

  g_array_set_size (scene->prims, 0);
  g_array_set_size (scene->hits, 0);

  if (scene->blocks->len > 1)
    {
      size_t total = 0;

      for (guint i = 0; i < scene->blocks->len; i++)
        total += g_array_index (scene->blocks, ArenaBlock, i).size;

      g_array_set_size (scene->blocks, 0);

      ArenaBlock block = { g_malloc (total), total, 0 };
      g_array_append_val (scene->blocks, block);
    }
  else if (scene->blocks->len == 1)
    {
      g_array_index (scene->blocks, ArenaBlock, 0).used = 0;
    }
}

gpointer
ns_scene_alloc (NsScene *scene, size_t size)
{
  ArenaBlock *block = NULL;
  size_t offset;

  g_return_val_if_fail (scene != NULL, NULL);

  /* 8-byte alignment serves doubles and guint32 pixels alike. */
  size = (size + 7) & ~(size_t) 7;

  if (scene->blocks->len > 0)
    {
      block = &g_array_index (scene->blocks, ArenaBlock, scene->blocks->len - 1);
      if (block->size - block->used < size)
        block = NULL;
    }

  if (block == NULL)
    {
      size_t block_size = MAX (size, ARENA_MIN_BLOCK);
      ArenaBlock new_block = { g_malloc (block_size), block_size, 0 };

      g_array_append_val (scene->blocks, new_block);
      block = &g_array_index (scene->blocks, ArenaBlock, scene->blocks->len - 1);
    }

  offset = block->used;
  block->used += size;

  return block->data + offset;
}

void
ns_scene_set_size (NsScene *scene, double width, double height)
{
  g_return_if_fail (scene != NULL);

  scene->width = width;
  scene->height = height;
}

double
ns_scene_get_width (const NsScene *scene)
{
  g_return_val_if_fail (scene != NULL, 0);

  return scene->width;
}

double
ns_scene_get_height (const NsScene *scene)
{
  g_return_val_if_fail (scene != NULL, 0);

  return scene->height;
}

void
ns_scene_set_background (NsScene *scene, const NsColor *color)
{
  g_return_if_fail (scene != NULL);

  if (color != NULL)
    scene->background = *color;
  else
    scene->background = (NsColor){ 0, 0, 0, 0 };
}

const NsColor *
ns_scene_get_background (const NsScene *scene)
{
  g_return_val_if_fail (scene != NULL, NULL);

  return &scene->background;
}

void
ns_scene_set_font_family (NsScene *scene, const char *family)
{
  g_return_if_fail (scene != NULL);
  g_return_if_fail (family != NULL);

  if (g_strcmp0 (scene->font_family, family) == 0)
    return;

  g_free (scene->font_family);
  scene->font_family = g_strdup (family);
  g_hash_table_remove_all (scene->measured);
}

const char *
ns_scene_get_font_family (const NsScene *scene)
{
  g_return_val_if_fail (scene != NULL, NULL);

  return scene->font_family;
}

size_t
ns_scene_get_n_prims (const NsScene *scene)
{
  g_return_val_if_fail (scene != NULL, 0);

  return scene->prims->len;
}

const NsPrim *
ns_scene_get_prim (const NsScene *scene, size_t i)
{
  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (i < scene->prims->len, NULL);

  return &g_array_index (scene->prims, NsPrim, i);
}

size_t
ns_scene_count_prims (const NsScene *scene, NsPrimKind kind)
{
  size_t count = 0;

  g_return_val_if_fail (scene != NULL, 0);

  for (guint i = 0; i < scene->prims->len; i++)
    if (g_array_index (scene->prims, NsPrim, i).kind == kind)
      count++;

  return count;
}

static NsPrim *
add_prim (NsScene *scene, NsPrimKind kind)
{
  NsPrim *prim;

  g_array_set_size (scene->prims, scene->prims->len + 1);
  prim = &g_array_index (scene->prims, NsPrim, scene->prims->len - 1);
  memset (prim, 0, sizeof *prim);
  prim->kind = kind;

  return prim;
}

static const NsColor no_color = { 0, 0, 0, 0 };

NsLine *
ns_scene_add_line (NsScene *scene,
                   double x0,
                   double y0,
                   double x1,
                   double y1,
                   double width,
                   const NsColor *color)
{
  NsPrim *prim;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (color != NULL, NULL);

  prim = add_prim (scene, NS_PRIM_LINE);
  prim->line = (NsLine){ x0, y0, x1, y1, width, *color };

  return &prim->line;
}

NsPolyline *
ns_scene_add_polyline (NsScene *scene,
                       const double *points,
                       size_t n_points,
                       double width,
                       const NsColor *color)
{
  NsPrim *prim;
  double *copy;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (points != NULL || n_points == 0, NULL);
  g_return_val_if_fail (n_points < G_MAXSIZE / (2 * sizeof (double)), NULL);
  g_return_val_if_fail (color != NULL, NULL);

  copy = ns_scene_alloc (scene, MAX (n_points, 1) * 2 * sizeof (double));
  if (n_points > 0)
    memcpy (copy, points, n_points * 2 * sizeof (double));

  prim = add_prim (scene, NS_PRIM_POLYLINE);
  prim->polyline = (NsPolyline){ copy, n_points, width, *color, NS_DASH_SOLID };

  return &prim->polyline;
}

NsPolyline *
ns_scene_add_polyline_dashed (NsScene *scene,
                              const double *points,
                              size_t n_points,
                              double width,
                              const NsColor *color,
                              NsDash dash)
{
  NsPolyline *polyline;

  g_return_val_if_fail (dash < NS_N_DASHES, NULL);

  polyline = ns_scene_add_polyline (scene, points, n_points, width, color);
  if (polyline != NULL)
    polyline->dash = dash;

  return polyline;
}

void
ns_scene_add_dash_sample (NsScene *scene,
                          double x0,
                          double x1,
                          double y,
                          double width,
                          const NsColor *color,
                          NsDash dash)
{
  double pattern[NS_DASH_MAX_PATTERN];
  int n = ns_dash_pattern (dash, width, pattern);
  double pos = x0 + width / 2; /* a dash's round cap starts at x0 */

  g_return_if_fail (scene != NULL);
  g_return_if_fail (color != NULL);

  if (n == 0)
    {
      ns_scene_add_line (scene, x0, y, x1, y, width, color);
      return;
    }

  /* Caps included: a dash of length d covers d + width, a dot is a disc width across. */
  for (int k = 0; pos - width / 2 < x1 && k < 1000; k += 2)
    {
      double on = pattern[k % n], off = pattern[(k + 1) % n];

      if (on == 0)
        {
          if (pos + width / 2 <= x1 + 0.5)
            ns_scene_add_circle (scene, pos, y, width / 2, color, NULL, 0);
        }
      else
        {
          ns_scene_add_line (scene, pos - width / 2, y, MIN (pos + on + width / 2, x1), y, width,
                             color);
        }
      pos += on + off;
    }
}

int
ns_dash_pattern (NsDash dash, double width, double *pattern)
{
  /* In line widths. Round caps lengthen each dash by one width and shorten each gap by one,
   * so a dash of 3 shows as 4 with gaps of 2; a dot (0) shows as a disc one width across.
   * Thin lines get the pattern of a 1.5 px line, or their dots would blur into a solid line. */
  double w = MAX (width, 1.5);

  g_return_val_if_fail (pattern != NULL, 0);

  switch (dash)
    {
    case NS_DASH_DASHED:
      pattern[0] = 3 * w;
      pattern[1] = 3 * w;
      return 2;
    case NS_DASH_DOTTED:
      pattern[0] = 0;
      pattern[1] = 2.5 * w;
      return 2;
    case NS_DASH_DASH_DOT:
      pattern[0] = 4 * w;
      pattern[1] = 2.5 * w;
      pattern[2] = 0;
      pattern[3] = 2.5 * w;
      return 4;
    case NS_DASH_SOLID:
    case NS_N_DASHES:
    default:
      return 0;
    }
}

NsRect *
ns_scene_add_rect (NsScene *scene,
                   double x,
                   double y,
                   double width,
                   double height,
                   double radius,
                   const NsColor *fill,
                   const NsColor *stroke,
                   double stroke_width)
{
  NsPrim *prim;

  g_return_val_if_fail (scene != NULL, NULL);

  prim = add_prim (scene, NS_PRIM_RECT);
  prim->rect = (NsRect){
    x,
    y,
    width,
    height,
    radius,
    fill != NULL ? *fill : no_color,
    stroke != NULL ? *stroke : no_color,
    stroke != NULL ? stroke_width : 0,
  };

  return &prim->rect;
}

NsCircle *
ns_scene_add_circle (NsScene *scene,
                     double cx,
                     double cy,
                     double radius,
                     const NsColor *fill,
                     const NsColor *stroke,
                     double stroke_width)
{
  NsPrim *prim;

  g_return_val_if_fail (scene != NULL, NULL);

  prim = add_prim (scene, NS_PRIM_CIRCLE);
  prim->circle = (NsCircle){
    cx,
    cy,
    radius,
    fill != NULL ? *fill : no_color,
    stroke != NULL ? *stroke : no_color,
    stroke != NULL ? stroke_width : 0,
  };

  return &prim->circle;
}

guint32 *
ns_scene_add_image (NsScene *scene,
                    double x,
                    double y,
                    double width,
                    double height,
                    int pixel_width,
                    int pixel_height,
                    gboolean crisp)
{
  NsPrim *prim;
  guint32 *pixels;

  g_return_val_if_fail (scene != NULL, NULL);

  /* 16384 x 16384 is far beyond any view; it also keeps the byte count from overflowing. */
  if (pixel_width <= 0 || pixel_height <= 0 || pixel_width > 16384 || pixel_height > 16384)
    return NULL;

  pixels = ns_scene_alloc (scene, (size_t) pixel_width * (size_t) pixel_height * 4);

  prim = add_prim (scene, NS_PRIM_IMAGE);
  prim->image = (NsImage){ x, y, width, height, pixel_width, pixel_height, pixels, crisp };

  return pixels;
}

NsText *
ns_scene_add_text (NsScene *scene,
                   double x,
                   double y,
                   const char *text,
                   NsTextRole role,
                   double size,
                   NsAlign halign,
                   NsAlign valign,
                   const NsColor *color)
{
  NsPrim *prim;
  char *copy;
  size_t len;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (color != NULL, NULL);

  len = strlen (text);
  copy = ns_scene_alloc (scene, len + 1);
  memcpy (copy, text, len + 1);

  prim = add_prim (scene, NS_PRIM_TEXT);
  prim->text = (NsText){ x, y, copy, role, size, halign, valign, *color };

  return &prim->text;
}

NsText *
ns_scene_add_textf (NsScene *scene,
                    double x,
                    double y,
                    NsTextRole role,
                    double size,
                    NsAlign halign,
                    NsAlign valign,
                    const NsColor *color,
                    const char *format,
                    ...)
{
  char buffer[256];
  va_list args;
  int len;

  g_return_val_if_fail (format != NULL, NULL);

  /* Labels are short: format on the stack, and only fall back to the heap for long ones. */
  va_start (args, format);
  len = g_vsnprintf (buffer, sizeof buffer, format, args);
  va_end (args);

  if (len >= 0 && (size_t) len < sizeof buffer)
    return ns_scene_add_text (scene, x, y, buffer, role, size, halign, valign, color);

  va_start (args, format);
  g_autofree char *text = ns_strdup_vprintf (format, args);
  va_end (args);

  return ns_scene_add_text (scene, x, y, text, role, size, halign, valign, color);
}

PangoLayout *
ns_scene_text_layout (const NsScene *scene, const NsText *text, PangoContext *context)
{
  PangoLayout *layout;
  PangoFontDescription *font;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  layout = pango_layout_new (context);

  font = pango_font_description_from_string (scene->font_family);
  /* Absolute size: logical pixels whatever the screen's dpi, the same in both painters. */
  pango_font_description_set_absolute_size (font, MAX (text->size, 1.0) * PANGO_SCALE);
  pango_font_description_set_weight (font, text->role == NS_TEXT_TITLE ? PANGO_WEIGHT_BOLD
                                                                       : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (text->role == NS_TEXT_VALUE)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  pango_layout_set_text (layout, text->text, -1);

  return layout;
}

void
ns_scene_text_origin (const NsText *text, PangoLayout *layout, double *x, double *y)
{
  PangoRectangle logical;

  g_return_if_fail (text != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_get_extents (layout, NULL, &logical);

  *x = text->x - (double) logical.x / PANGO_SCALE;
  *y = text->y - (double) logical.y / PANGO_SCALE;

  if (text->halign == NS_ALIGN_CENTER)
    *x -= (double) logical.width / PANGO_SCALE / 2;
  else if (text->halign == NS_ALIGN_END)
    *x -= (double) logical.width / PANGO_SCALE;

  if (text->valign == NS_ALIGN_CENTER)
    *y -= (double) logical.height / PANGO_SCALE / 2;
  else if (text->valign == NS_ALIGN_END)
    *y -= (double) logical.height / PANGO_SCALE;
}

void
ns_scene_measure_text (NsScene *scene,
                       const char *text,
                       NsTextRole role,
                       double size,
                       double *width,
                       double *height)
{
  NsText prim = { 0, 0, text, role, size, NS_ALIGN_START, NS_ALIGN_START, { 0, 0, 0, 1 } };
  g_autoptr (PangoLayout) layout = NULL;
  PangoRectangle logical;
  char key_buf[256];
  g_autofree char *key_heap = NULL;
  const char *key;
  double *extent;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (text != NULL);

  if (g_snprintf (key_buf, sizeof key_buf, "%d %a %s", role, size, text) < (int) sizeof key_buf)
    key = key_buf;
  else
    key = key_heap = g_strdup_printf ("%d %a %s", role, size, text);

  extent = g_hash_table_lookup (scene->measured, key);
  if (extent == NULL)
    {
      if (scene->measure_context == NULL)
        scene->measure_context =
            pango_font_map_create_context (pango_cairo_font_map_get_default ());

      layout = ns_scene_text_layout (scene, &prim, scene->measure_context);
      pango_layout_get_extents (layout, NULL, &logical);

      if (g_hash_table_size (scene->measured) >= MAX_MEASURED)
        g_hash_table_remove_all (scene->measured);
      extent = g_new (double, 2);
      extent[0] = (double) logical.width / PANGO_SCALE;
      extent[1] = (double) logical.height / PANGO_SCALE;
      g_hash_table_insert (scene->measured, g_strdup (key), extent);
    }

  if (width != NULL)
    *width = extent[0];
  if (height != NULL)
    *height = extent[1];
}

void
ns_scene_add_hit_rect (NsScene *scene,
                       NsHitKind kind,
                       int layer,
                       int neuron,
                       int input,
                       double x,
                       double y,
                       double width,
                       double height)
{
  NsHitRegion region = { kind, layer, neuron, input, FALSE, x, y, x + width, y + height, 0 };

  g_return_if_fail (scene != NULL);

  g_array_append_val (scene->hits, region);
}

void
ns_scene_add_hit_segment (NsScene *scene,
                          NsHitKind kind,
                          int layer,
                          int neuron,
                          int input,
                          double x0,
                          double y0,
                          double x1,
                          double y1,
                          double tolerance)
{
  NsHitRegion region = { kind, layer, neuron, input, TRUE, x0, y0, x1, y1, tolerance };

  g_return_if_fail (scene != NULL);

  g_array_append_val (scene->hits, region);
}

size_t
ns_scene_get_n_hits (const NsScene *scene)
{
  g_return_val_if_fail (scene != NULL, 0);

  return scene->hits->len;
}

const NsHitRegion *
ns_scene_get_hit (const NsScene *scene, size_t i)
{
  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (i < scene->hits->len, NULL);

  return &g_array_index (scene->hits, NsHitRegion, i);
}

static double
segment_distance (const NsHitRegion *region, double x, double y)
{
  double dx = region->x1 - region->x0;
  double dy = region->y1 - region->y0;
  double len2 = dx * dx + dy * dy;
  double t = 0;

  if (len2 > 0)
    t = CLAMP (((x - region->x0) * dx + (y - region->y0) * dy) / len2, 0, 1);

  return hypot (x - (region->x0 + t * dx), y - (region->y0 + t * dy));
}

const NsHitRegion *
ns_scene_hit_test (const NsScene *scene, double x, double y)
{
  const NsHitRegion *best = NULL;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (scene != NULL, NULL);

  /* Rectangles (neurons, inputs, buttons) win over segments (links), which pass under them. */
  for (guint i = scene->hits->len; i > 0; i--)
    {
      const NsHitRegion *region = &g_array_index (scene->hits, NsHitRegion, i - 1);

      if (!region->segment && x >= region->x0 && x < region->x1 && y >= region->y0
          && y < region->y1)
        return region;
    }

  for (guint i = scene->hits->len; i > 0; i--)
    {
      const NsHitRegion *region = &g_array_index (scene->hits, NsHitRegion, i - 1);
      double distance;

      if (!region->segment)
        continue;

      distance = segment_distance (region, x, y);
      if (distance <= region->tolerance && distance < best_distance)
        {
          best = region;
          best_distance = distance;
        }
    }

  return best;
}

/* ---- colours ---- */

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

NsColor
ns_color_from_hex (const char *hex)
{
  guint8 v[4] = { 255, 0, 255, 255 };
  size_t len;

  if (hex == NULL || hex[0] != '#')
    return (NsColor){ 1, 0, 1, 1 };

  len = strlen (hex + 1);
  if (len != 6 && len != 8)
    return (NsColor){ 1, 0, 1, 1 };

  for (size_t i = 0; i < len / 2; i++)
    {
      int hi = hex_digit (hex[1 + 2 * i]);
      int lo = hex_digit (hex[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return (NsColor){ 1, 0, 1, 1 };
      v[i] = (guint8) (hi * 16 + lo);
    }

  return (NsColor){ v[0] / 255.f, v[1] / 255.f, v[2] / 255.f, v[3] / 255.f };
}

NsColor
ns_color_with_alpha (const NsColor *color, double alpha)
{
  NsColor c = *color;

  c.a = (float) alpha;

  return c;
}

NsColor
ns_color_mix (const NsColor *a, const NsColor *b, double t)
{
  float s = (float) t;

  return (NsColor){
    a->r + (b->r - a->r) * s,
    a->g + (b->g - a->g) * s,
    a->b + (b->b - a->b) * s,
    a->a + (b->a - a->a) * s,
  };
}

static guint32
channel (double v)
{
  return (guint32) lround (CLAMP (v, 0.0, 1.0) * 255.0);
}

guint32
ns_color_to_argb32 (const NsColor *color)
{
  double a = CLAMP (color->a, 0.0f, 1.0f);

  return channel (a) << 24 | channel (color->r * a) << 16 | channel (color->g * a) << 8
         | channel (color->b * a);
}

gboolean
ns_color_equal (const NsColor *a, const NsColor *b)
{
  return a->r == b->r && a->g == b->g && a->b == b->b && a->a == b->a;
}

static double
relative_luminance (const NsColor *color)
{
  double rgb[3] = { color->r, color->g, color->b };

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

double
ns_color_contrast (const NsColor *a, const NsColor *b)
{
  double la = relative_luminance (a), lb = relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}
