/* ns-render-style.c: the default looks. */
#include "ns-render-style.h"

#include <string.h>

void
ns_render_style_init (NsRenderStyle *style, gboolean dark, double scale)
{
  static const char *const class_hex[NS_RENDER_N_CLASS_COLORS] = {
    "#f59322", /* orange (the Playground's negative) */
    "#0877bd", /* blue (the Playground's positive) */
    "#009e73", /* bluish green */
    "#cc79a7", /* reddish purple */
    "#e6c300", /* yellow, darkened so it still reads on white */
  };

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->scale = scale > 0 ? scale : 1.0;
  style->dark = dark;

  /* libadwaita's view colours, so a scene painted in the window matches its surroundings. */
  if (dark)
    {
      style->background = ns_color_from_hex ("#1e1e1e");
      style->foreground = ns_color_from_hex ("#ffffff");
      style->muted = ns_color_from_hex ("#ffffffa8");
      style->outline = ns_color_from_hex ("#ffffff40");
      style->neutral = ns_color_from_hex ("#3a3a3a");
      style->accent = ns_color_from_hex ("#78aeed");
      style->mark = ns_color_from_hex ("#ffffff");
    }
  else
    {
      style->background = ns_color_from_hex ("#ffffff");
      style->foreground = ns_color_from_hex ("#000000cc");
      style->muted = ns_color_from_hex ("#0000008c");
      style->outline = ns_color_from_hex ("#00000038");
      style->neutral = ns_color_from_hex ("#e8eaeb");
      style->accent = ns_color_from_hex ("#3584e4");
      style->mark = ns_color_from_hex ("#000000");
    }

  style->positive = ns_color_from_hex ("#0877bd");
  style->negative = ns_color_from_hex ("#f59322");

  for (guint k = 0; k < NS_RENDER_N_CLASS_COLORS; k++)
    style->classes[k] = ns_color_from_hex (class_hex[k]);

  g_strlcpy (style->font_family, "Cantarell, Noto Sans, DejaVu Sans, sans-serif",
             sizeof style->font_family);
}

const NsColor *
ns_render_style_class_color (const NsRenderStyle *style, guint k)
{
  g_return_val_if_fail (style != NULL, NULL);

  return &style->classes[k % NS_RENDER_N_CLASS_COLORS];
}

const char *
ns_render_class_name (const char *const *names, guint n_names, guint k)
{
  static const char *const colour_names[NS_RENDER_N_CLASS_COLORS] = {
    "orange", "blue", "green", "purple", "yellow",
  };

  if (names != NULL && k < n_names && names[k] != NULL)
    {
      const char *name = names[k];
      char *end = NULL;
      guint64 index = g_ascii_strtoull (name, &end, 10);

      if (end == name || *end != '\0' || index != k)
        return name;
    }

  return colour_names[k % NS_RENDER_N_CLASS_COLORS];
}
