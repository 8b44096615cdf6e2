/* ns-test-output.h: helpers the output picture's tests share (test-render-output.c and the
 * stepping tests in test-render-output-step.c): an experiment from options, dumping a scene as a
 * PNG (NS_TEST_DUMP=dir), counting the points inside the plane, releasing the font caches at
 * exit. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "ns-experiment.h"
#include "ns-render-output.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"

static G_GNUC_UNUSED NsExperiment *
make_experiment (const char *first_option, ...)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;
  const char *name;
  va_list args;

  ns_config_init_default (&config);
  va_start (args, first_option);
  for (name = first_option; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      g_assert_true (ns_config_set_option (&config, name, value, &error));
      g_assert_no_error (error);
    }
  va_end (args);

  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (experiment);

  return experiment;
}

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

static G_GNUC_UNUSED guint
count_in_plane (const NsOutputViewData *view, const float *xs, guint n)
{
  guint count = 0;

  for (guint s = 0; s < n; s++)
    {
      const float *x = xs + (size_t) s * view->x_stride;

      if (x[0] >= view->x_min && x[0] <= view->x_max && x[1] >= view->y_min
          && x[1] <= view->y_max)
        count++;
    }

  return count;
}

/* Pango's font map keeps caches for the whole process: dropping it at exit keeps
 * LeakSanitizer (on for this suite) to leaks of our own; what fontconfig keeps even then is
 * suppressed in tests/lsan.supp. */
static G_GNUC_UNUSED void
release_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
  /* cairo_debug_reset_static_data () would be tidier, but asserts now and then under ASan
   * (a scaled font still cached); what cairo keeps stays reachable, so LSan ignores it. */
}
