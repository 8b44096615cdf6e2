/* ns-scene.h: a picture described once, as a flat array of primitives in logical units.
 *
 * A renderer (ns_render_*) appends primitives; a painter draws them: ns_scene_paint_cairo
 * (PNG, SVG, PDF, pixel tests) and ns_scene_paint_snapshot in src/ui/ (GTK render nodes, every
 * frame). Tests assert on the primitives directly.
 *
 * A scene is rebuilt every frame, so it is cheap to clear and refill: ns_scene_clear keeps the
 * primitive array and an arena that holds strings, polyline points and image pixels. Pointers
 * into the arena stay valid until the next ns_scene_clear or ns_scene_free.
 *
 * Coordinates: x to the right, y down, in logical units (the widget's pixels before the
 * device scale factor). Angles are not used: lines are given by their end points.
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* Straight (non-premultiplied) RGBA in 0..1; the same layout as GdkRGBA. */
typedef struct
{
  float r, g, b, a;
} NsColor;

typedef enum
{
  NS_PRIM_LINE,
  NS_PRIM_POLYLINE,
  NS_PRIM_RECT,
  NS_PRIM_CIRCLE,
  NS_PRIM_IMAGE,
  NS_PRIM_TEXT,
} NsPrimKind;

typedef enum
{
  NS_TEXT_LABEL, /* names: "X₁", "Output" */
  NS_TEXT_VALUE, /* numbers: tabular figures so they do not jiggle as they change */
  NS_TEXT_TITLE, /* captions above a column or a view: bold */
} NsTextRole;

typedef enum
{
  NS_ALIGN_START, /* x (or y) is the left (top) edge */
  NS_ALIGN_CENTER,
  NS_ALIGN_END, /* x (or y) is the right (bottom) edge */
} NsAlign;

typedef struct
{
  double x0, y0, x1, y1;
  double width; /* stroke width in logical units */
  NsColor color;
} NsLine;

/* A curve's dash pattern, so curves differ by more than colour (colour-blind learners,
 * washed-out projectors). Lengths scale with the line's width. */
typedef enum
{
  NS_DASH_SOLID,
  NS_DASH_DASHED,   /* long dashes */
  NS_DASH_DOTTED,   /* round dots */
  NS_DASH_DASH_DOT, /* a dash, then a dot */
  NS_N_DASHES,
} NsDash;

#define NS_DASH_MAX_PATTERN 4

typedef struct
{
  const double *points; /* n_points (x, y) pairs, in the scene's arena */
  size_t n_points;
  double width;
  NsColor color;
  NsDash dash; /* SOLID unless set (ns_scene_add_polyline_dashed) */
} NsPolyline;

typedef struct
{
  double x, y, width, height;
  double radius;       /* corner radius; 0 = square corners */
  NsColor fill;        /* alpha 0 = not filled */
  NsColor stroke;      /* alpha 0 or stroke_width 0 = no outline */
  double stroke_width; /* drawn inside the rectangle, so it never grows past its bounds */
} NsRect;

typedef struct
{
  double cx, cy, radius;
  NsColor fill;
  NsColor stroke;
  double stroke_width; /* centred on the circle's edge */
} NsCircle;

typedef struct
{
  double x, y, width, height; /* where it goes, in logical units */
  int pixel_width, pixel_height;
  /* pixel_height rows of pixel_width pixels, in the scene's arena, premultiplied ARGB32 in
   * native byte order: the layout of CAIRO_FORMAT_ARGB32 and GDK_MEMORY_DEFAULT, so both
   * painters use it as it is. */
  const guint32 *pixels;
  gboolean crisp; /* pixel art: enlarge by whole pixels, never blur (8x8 digits, filters) */
} NsImage;

typedef struct
{
  double x, y;      /* the anchor, placed by halign / valign */
  const char *text; /* UTF-8, in the scene's arena */
  NsTextRole role;
  double size; /* font size in logical units (pixels, not points) */
  NsAlign halign;
  NsAlign valign;
  NsColor color;
} NsText;

typedef struct
{
  NsPrimKind kind;
  union
  {
    NsLine line;
    NsPolyline polyline;
    NsRect rect;
    NsCircle circle;
    NsImage image;
    NsText text;
  };
} NsPrim;

/* What is under the pointer. Ids follow the engine's indices (nn_net_param_index): a neuron is
 * (layer, neuron) with layer counting dense layers from 0, the output layer last; a link is
 * the weight (layer, neuron, input) where input indexes the previous layer's neurons (or the
 * network inputs for layer 0); an input is the network input `input`. */
typedef enum
{
  NS_HIT_NONE,
  NS_HIT_NEURON,
  NS_HIT_LINK,
  NS_HIT_INPUT,
  NS_HIT_BIAS,
  NS_HIT_POINT,  /* a data point: input = its index */
  NS_HIT_BUTTON, /* something to press: layer / neuron say which */
} NsHitKind;

typedef struct
{
  NsHitKind kind;
  int layer;
  int neuron;
  int input;
  gboolean segment; /* FALSE: the rectangle (x0, y0)-(x1, y1); TRUE: the segment */
  double x0, y0, x1, y1;
  double tolerance; /* segments: the largest distance that still hits */
} NsHitRegion;

typedef struct _NsScene NsScene;

NsScene *ns_scene_new (void);
void ns_scene_free (NsScene *scene); /* NULL is fine */
/* Drops all primitives and hit regions, keeps the memory for the next frame. */
void ns_scene_clear (NsScene *scene);

/* The size the scene was built for, and its background (alpha 0: none, the painter's own). */
void ns_scene_set_size (NsScene *scene, double width, double height);
double ns_scene_get_width (const NsScene *scene);
double ns_scene_get_height (const NsScene *scene);
void ns_scene_set_background (NsScene *scene, const NsColor *color);
const NsColor *ns_scene_get_background (const NsScene *scene);
/* The font family of every text (Pango's family list, e.g. "Cantarell, sans-serif"). */
void ns_scene_set_font_family (NsScene *scene, const char *family);
const char *ns_scene_get_font_family (const NsScene *scene);

size_t ns_scene_get_n_prims (const NsScene *scene);
const NsPrim *ns_scene_get_prim (const NsScene *scene, size_t i);
size_t ns_scene_count_prims (const NsScene *scene, NsPrimKind kind);

/* ---- adding primitives: each returns the new primitive, valid until the next add ---- */
NsLine *ns_scene_add_line (NsScene *scene,
                           double x0,
                           double y0,
                           double x1,
                           double y1,
                           double width,
                           const NsColor *color);
/* Copies n_points (x, y) pairs. */
NsPolyline *ns_scene_add_polyline (NsScene *scene,
                                   const double *points,
                                   size_t n_points,
                                   double width,
                                   const NsColor *color);
/* The same with a dash pattern. */
NsPolyline *ns_scene_add_polyline_dashed (NsScene *scene,
                                          const double *points,
                                          size_t n_points,
                                          double width,
                                          const NsColor *color,
                                          NsDash dash);
/* The dash pattern both painters give cairo_set_dash for @dash on a line @width wide, drawn
 * with round caps (which add width/2 at each end of every dash: a dash of length 0 is a dot):
 * fills @pattern (NS_DASH_MAX_PATTERN entries) and returns its length, 0 for solid. */
int ns_dash_pattern (NsDash dash, double width, double *pattern);

/* A legend's sample of a line @width wide in @dash from (x0, y) to (x1, y): the dashes as
 * lines and the dots as discs, as the painters draw that pattern (ns_dash_pattern). Lines,
 * not a polyline, because the snapshot painter draws lines as cheap textures but each
 * polyline as a Cairo node; and a chart's polylines stay its curves alone. */
void ns_scene_add_dash_sample (NsScene *scene,
                               double x0,
                               double x1,
                               double y,
                               double width,
                               const NsColor *color,
                               NsDash dash);

/* fill / stroke may be NULL for none. */
NsRect *ns_scene_add_rect (NsScene *scene,
                           double x,
                           double y,
                           double width,
                           double height,
                           double radius,
                           const NsColor *fill,
                           const NsColor *stroke,
                           double stroke_width);
NsCircle *ns_scene_add_circle (NsScene *scene,
                               double cx,
                               double cy,
                               double radius,
                               const NsColor *fill,
                               const NsColor *stroke,
                               double stroke_width);
/* An image of pixel_width x pixel_height pixels to fill through the returned pointer (e.g. with
 * ns_colormap_apply); its memory is the scene's. NULL if the size is 0 or absurd. */
guint32 *ns_scene_add_image (NsScene *scene,
                             double x,
                             double y,
                             double width,
                             double height,
                             int pixel_width,
                             int pixel_height,
                             gboolean crisp);
/* Copies text. */
NsText *ns_scene_add_text (NsScene *scene,
                           double x,
                           double y,
                           const char *text,
                           NsTextRole role,
                           double size,
                           NsAlign halign,
                           NsAlign valign,
                           const NsColor *color);
NsText *ns_scene_add_textf (NsScene *scene,
                            double x,
                            double y,
                            NsTextRole role,
                            double size,
                            NsAlign halign,
                            NsAlign valign,
                            const NsColor *color,
                            const char *format,
                            ...) G_GNUC_PRINTF (9, 10);

/* ---- text: both painters lay text out the same way ---- */
/* A layout of @text on @context: the scene's font family at the text's size, bold for
 * titles, tabular figures for values. */
PangoLayout *ns_scene_text_layout (const NsScene *scene, const NsText *text, PangoContext *context);
/* Where @layout's top-left corner goes so that the text sits on its anchor as aligned. */
void ns_scene_text_origin (const NsText *text, PangoLayout *layout, double *x, double *y);
/* The logical size of a text as the painters will draw it (for renderers that lay out). */
void ns_scene_measure_text (NsScene *scene,
                            const char *text,
                            NsTextRole role,
                            double size,
                            double *width,
                            double *height);

/* ---- hit regions: later ones are on top ---- */
void ns_scene_add_hit_rect (NsScene *scene,
                            NsHitKind kind,
                            int layer,
                            int neuron,
                            int input,
                            double x,
                            double y,
                            double width,
                            double height);
void ns_scene_add_hit_segment (NsScene *scene,
                               NsHitKind kind,
                               int layer,
                               int neuron,
                               int input,
                               double x0,
                               double y0,
                               double x1,
                               double y1,
                               double tolerance);
size_t ns_scene_get_n_hits (const NsScene *scene);
const NsHitRegion *ns_scene_get_hit (const NsScene *scene, size_t i);
/* The region under (x, y): the topmost rectangle containing it, else the nearest segment within
 * its tolerance; NULL if none. */
const NsHitRegion *ns_scene_hit_test (const NsScene *scene, double x, double y);

/* Scratch memory in the scene's arena (8-byte aligned), freed by the next clear. */
gpointer ns_scene_alloc (NsScene *scene, size_t size);

/* ---- colours ---- */
/* "#0877bd" or "#0877bdcc"; anything else gives opaque magenta, which is easy to spot. */
NsColor ns_color_from_hex (const char *hex);
NsColor ns_color_with_alpha (const NsColor *color, double alpha);
/* (1 - t) * a + t * b, channel by channel. */
NsColor ns_color_mix (const NsColor *a, const NsColor *b, double t);
/* Premultiplied ARGB32 of the colour (the scene's pixel format). */
guint32 ns_color_to_argb32 (const NsColor *color);
gboolean ns_color_equal (const NsColor *a, const NsColor *b);
/* WCAG's contrast ratio of two opaque colours' relative luminances: 1 (the same) to 21 (black
 * on white); alpha is ignored. */
double ns_color_contrast (const NsColor *a, const NsColor *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsScene, ns_scene_free)

G_END_DECLS
