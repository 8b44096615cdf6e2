/* ns-render-style.h: everything a renderer needs to know about looks, passed in, never global.
 *
 * One scale factor (zoom, and presentation mode's larger setting of it) multiplies every size a
 * renderer picks: font sizes, line widths, paddings. Colours follow the TensorFlow Playground:
 * weights and values above zero are its blue, below zero its orange.
 */
#pragma once

#include "ns-scene.h"

G_BEGIN_DECLS

#define NS_RENDER_N_CLASS_COLORS 5

typedef struct
{
  double scale;       /* 1 = normal; presentation mode uses about 1.5 */
  gboolean dark;      /* dark background (libadwaita's dark style) */
  NsColor background; /* behind everything (the view's own background) */
  NsColor foreground; /* text, outlines */
  NsColor muted;      /* secondary text: captions, axis labels */
  NsColor outline;    /* thin borders around heatmaps */
  NsColor positive;   /* weights > 0, values > 0: #0877bd */
  NsColor negative;   /* weights < 0, values < 0: #f59322 */
  NsColor neutral;    /* the middle of diverging maps (value 0) */
  NsColor accent;     /* selection, hover */
  NsColor mark;       /* the stepped sample's ring: opaque, the darkest (light style) or lightest
                       * (dark style) colour, so it reads on every class colour and on neutral */
  /* Class colours, colour-blind safe (Okabe & Ito's palette, with the Playground's two first):
   * class 0 orange and class 1 blue, so a binary output a = P(class 1) reads like a value. */
  NsColor classes[NS_RENDER_N_CLASS_COLORS];
  char font_family[64]; /* Pango family list */
} NsRenderStyle;

/* Light or dark defaults at the given scale. */
void ns_render_style_init (NsRenderStyle *style, gboolean dark, double scale);

/* Class @k's colour (cycles past the palette). */
const NsColor *ns_render_style_class_color (const NsRenderStyle *style, guint k);

/* What a learner calls class @k: its name in the data (@names, @n_names of them, may be NULL),
 * or its colour ("blue") when the data names its classes "0", "1"… as generated sets do. */
const char *ns_render_class_name (const char *const *names, guint n_names, guint k);

/* A size in logical units at the style's scale: ns_render_style_px (style, 12) is 12 * scale. */
static inline double
ns_render_style_px (const NsRenderStyle *style, double size)
{
  return size * style->scale;
}

G_END_DECLS
