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
#include "ns-test-render.h"
#include "ns-test-experiment.h"

static G_GNUC_UNUSED guint
count_in_plane (const NsOutputViewData *view, const float *xs, guint n)
{
  guint count = 0;

  for (guint s = 0; s < n; s++)
    {
      const float *x = xs + (size_t) s * view->x_stride;

      if (x[0] >= view->x_min && x[0] <= view->x_max && x[1] >= view->y_min && x[1] <= view->y_max)
        count++;
    }

  return count;
}
