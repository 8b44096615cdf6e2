/* ns-render-draw.c: the drawing pad in colour. */
#include "ns-render-draw.h"

#include "ns-render-images-private.h"

void
ns_render_colour_drawing_pad (NsScene *scene,
                              const NsRenderStyle *style,
                              double x,
                              double y,
                              double width,
                              double height,
                              const float *pad,
                              guint pad_channels,
                              guint pad_height,
                              guint pad_width,
                              const NsImageData *small,
                              NsPadPlace *place)
{
  NsPadPlace where = { 0 };
  g_autofree float *blank = NULL;
  guint32 *pixels;

  g_return_if_fail (scene != NULL && style != NULL && pad != NULL);

  if (pad_channels == 1)
    {
      ns_render_drawing_pad (scene, style, x, y, width, height, pad, pad_height, pad_width, small,
                             place);
      return;
    }
  /* The grey pad's layout, frame, caption and hit region, over an empty pad; then the colours
   * on top of its pixels (its grid is lost under them: a colour picture reads without it). */
  blank = g_new0 (float, (gsize) pad_height *pad_width);
  ns_render_drawing_pad (scene, style, x, y, width, height, blank, pad_height, pad_width, small,
                         &where);
  if (place != NULL)
    *place = where;
  if (!(where.cell > 0))
    return;
  pixels = ns_images_add_crisp (scene, where.x, where.y, where.cell, pad_width, pad_height);
  if (pixels != NULL)
    ns_images_fill_picture (style, pad, pad_channels, pad_height, pad_width, pixels);
  ns_scene_add_rect (scene, where.x, where.y, pad_width * where.cell, pad_height * where.cell, 0,
                     NULL, &style->foreground, ns_render_style_px (style, 1.5));
}
