/* ns-test-render.h: finding what a renderer drew in its scene, and dumping the scene as a PNG
 * (NS_TEST_DUMP=dir), for the render tests that share them (test-render-network.c,
 * test-render-network-step.c). */
#pragma once

#include <string.h>

#include <glib.h>
#include <pango/pangocairo.h>

#include "ns-scene-cairo.h"
#include "ns-scene.h"

static G_GNUC_UNUSED void
dump_png (const NsScene *scene, const char *name)
{
  const char *dir = g_getenv ("NS_TEST_DUMP");
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  if (!ns_scene_export (scene, (int) ns_scene_get_width (scene), (int) ns_scene_get_height (scene),
                        path, &error))
    g_test_message ("could not dump %s: %s", path, error->message);
  else
    g_test_message ("dumped %s", path);
}

/* The link primitive of weight (layer, j, i): the line whose ends are its hit segment's. */
static G_GNUC_UNUSED const NsLine *
find_link (const NsScene *scene, int layer, int j, int i)
{
  const NsHitRegion *hit = NULL;

  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    {
      const NsHitRegion *region = ns_scene_get_hit (scene, k);

      if (region->kind == NS_HIT_LINK && region->layer == layer && region->neuron == j
          && region->input == i)
        hit = region;
    }
  g_assert_nonnull (hit);

  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_LINE && prim->line.x0 == hit->x0 && prim->line.y0 == hit->y0
          && prim->line.x1 == hit->x1 && prim->line.y1 == hit->y1)
        return &prim->line;
    }

  g_assert_not_reached ();
  return NULL;
}

static G_GNUC_UNUSED gboolean
same_rgb (const NsColor *a, const NsColor *b)
{
  return a->r == b->r && a->g == b->g && a->b == b->b;
}

static G_GNUC_UNUSED gboolean
has_text (const NsScene *scene, const char *text)
{
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_TEXT && g_str_equal (prim->text.text, text))
        return TRUE;
    }

  return FALSE;
}

/* Whether @text is drawn, on one line or wrapped at its spaces over consecutive texts (a
 * story line wrapped to the room beside the diagram). */
static G_GNUC_UNUSED gboolean
has_text_wrapped (const NsScene *scene, const char *text)
{
  size_t n = ns_scene_get_n_prims (scene);

  for (size_t k = 0; k < n; k++)
    {
      g_autoptr (GString) joined = g_string_new (NULL);

      for (size_t m = k; m < n && joined->len < strlen (text); m++)
        {
          const NsPrim *prim = ns_scene_get_prim (scene, m);

          if (prim->kind != NS_PRIM_TEXT)
            continue;
          if (joined->len > 0)
            g_string_append_c (joined, ' ');
          g_string_append (joined, prim->text.text);
          if (!g_str_has_prefix (text, joined->str))
            break;
        }
      if (g_str_equal (joined->str, text))
        return TRUE;
    }

  return FALSE;
}

/* Whether some text of the scene contains @fragment. */
static G_GNUC_UNUSED gboolean
has_text_containing (const NsScene *scene, const char *fragment)
{
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_TEXT && strstr (prim->text.text, fragment) != NULL)
        return TRUE;
    }

  return FALSE;
}

static G_GNUC_UNUSED gboolean
has_text_prefix (const NsScene *scene, const char *prefix)
{
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_TEXT && g_str_has_prefix (prim->text.text, prefix))
        return TRUE;
    }

  return FALSE;
}

/* Pango's font map keeps caches for the whole process: dropping it at exit keeps
 * LeakSanitizer (on for this suite) to leaks of our own; what fontconfig keeps even then is
 * suppressed in tests/lsan.supp. (cairo_debug_reset_static_data would be tidier, but asserts
 * now and then under ASan with a scaled font still cached.) */
static G_GNUC_UNUSED void
release_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
}
