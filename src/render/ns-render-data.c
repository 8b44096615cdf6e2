/* ns-render-data.c: dataset previews and class swatches. */
#include "ns-render-data.h"

#include <math.h>

#include "nn-rng.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define CARD_RADIUS 4.0
#define CARD_OUTLINE 1.0
#define SELECTED_OUTLINE 2.5
#define CARD_PAD 1.0         /* between the thickest outline and the outermost points */
#define POINT_SHARE 0.028    /* a point's radius as a share of the card's smaller side */
#define MIN_POINT_RADIUS 1.0 /* smaller dots vanish on a projector */

struct _NsDataPreviews
{
  NsDataset *sets[NS_N_PLANE_DATASETS];
};

guint
ns_data_preview_count (NsDatasetKind kind)
{
  g_return_val_if_fail (kind < NS_N_PLANE_DATASETS, 0);

  /* At 200 points each of the checkerboard's squares gets a dozen, which reads as noise at
   * thumbnail size; at 600 the squares fill in. */
  return kind == NS_DATASET_CHECKERBOARD ? 3 * NS_DATA_PREVIEW_COUNT : NS_DATA_PREVIEW_COUNT;
}

NsDataPreviews *
ns_data_previews_new (void)
{
  NsDataPreviews *previews = g_new0 (NsDataPreviews, 1);

  for (guint k = 0; k < NS_N_PLANE_DATASETS; k++)
    {
      NnRng rng;

      /* Each kind from its own fresh stream, so one preview does not depend on another. */
      nn_rng_seed (&rng, NS_DATA_PREVIEW_SEED, NN_STREAM_DATA);
      previews->sets[k] = ns_dataset_generate (
          (NsDatasetKind) k, ns_data_preview_count ((NsDatasetKind) k), 0.0, 1.0, &rng);
    }

  return previews;
}

void
ns_data_previews_free (NsDataPreviews *previews)
{
  if (previews == NULL)
    return;

  for (guint k = 0; k < NS_N_PLANE_DATASETS; k++)
    g_clear_pointer (&previews->sets[k], ns_dataset_free);
  g_free (previews);
}

const NsDataset *
ns_data_previews_get (const NsDataPreviews *previews, NsDatasetKind kind)
{
  g_return_val_if_fail (previews != NULL, NULL);
  g_return_val_if_fail (kind < NS_N_PLANE_DATASETS, NULL);

  return previews->sets[kind];
}

NsColor
ns_render_data_value_color (const NsRenderStyle *style, float value)
{
  double t;

  g_return_val_if_fail (style != NULL, (NsColor){ 0 });

  if (!isfinite (value))
    return style->neutral;

  t = round (CLAMP ((double) value, -1.0, 1.0) * 10.0) / 10.0;
  if (t < 0)
    return ns_color_mix (&style->neutral, &style->negative, -t);
  return ns_color_mix (&style->neutral, &style->positive, t);
}

static void
add_points (NsScene *scene,
            const NsDataset *data,
            const NsRenderStyle *style,
            const float *x,
            const float *y,
            guint n,
            guint stride,
            double x0,
            double y0,
            double sx,
            double sy,
            double radius)
{
  for (guint s = 0; s < n; s += stride)
    {
      double px = x[(size_t) s * data->n_inputs];
      /* One-column data lies along the diagonal, the plane spanning its range twice. */
      double py = data->n_inputs > 1 ? x[(size_t) s * data->n_inputs + 1] : px;
      NsColor color;

      if (!isfinite (px) || !isfinite (py))
        continue;

      if (data->n_classes > 0)
        color = *ns_render_style_class_color (style, (guint) MAX (y[s], 0.f));
      else
        color = ns_render_data_value_color (style, y[s]);

      ns_scene_add_circle (scene, x0 + (px - data->x_min) * sx, y0 + (data->y_max - py) * sy,
                           radius, &color, NULL, 0);
    }
}

void
ns_render_data_preview (NsScene *scene,
                        const NsDataPreviewView *view,
                        const NsRenderStyle *style,
                        double width,
                        double height)
{
  const NsDataset *data;
  double outline, pad, radius, sx, sy;
  guint total, stride;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (style != NULL);

  if (width <= 0 || height <= 0)
    return;

  data = view->dataset;
  outline = ns_render_style_px (style, view->selected ? SELECTED_OUTLINE : CARD_OUTLINE);

  ns_scene_add_rect (scene, 0, 0, width, height, ns_render_style_px (style, CARD_RADIUS),
                     &style->background, view->selected ? &style->accent : &style->outline,
                     outline);

  if (data == NULL || data->n_inputs == 0)
    return;

  /* Points stay clear of the thickest outline, so selecting a set neither hides nor moves
   * a point. */
  radius = MAX (MIN_POINT_RADIUS, MIN (width, height) * POINT_SHARE);
  pad = ns_render_style_px (style, SELECTED_OUTLINE + CARD_PAD) + radius;
  if (width <= 2 * pad || height <= 2 * pad || !(data->x_max > data->x_min)
      || !(data->y_max > data->y_min))
    return;

  sx = (width - 2 * pad) / (data->x_max - data->x_min);
  sy = (height - 2 * pad) / (data->y_max - data->y_min);

  /* Large files show a regular sample; the split is already shuffled, so every n-th point of
   * each part is as good as a random pick. */
  total = data->n_train + data->n_test;
  stride = total > NS_DATA_PREVIEW_MAX_POINTS
               ? (total + NS_DATA_PREVIEW_MAX_POINTS - 1) / NS_DATA_PREVIEW_MAX_POINTS
               : 1;

  add_points (scene, data, style, data->train_x, data->train_y, data->n_train, stride, pad, pad, sx,
              sy, radius);
  add_points (scene, data, style, data->test_x, data->test_y, data->n_test, stride, pad, pad, sx,
              sy, radius);
}

void
ns_render_class_swatch (NsScene *scene,
                        guint k,
                        gboolean selected,
                        const NsRenderStyle *style,
                        double width,
                        double height)
{
  double ring = ns_render_style_px (style, SELECTED_OUTLINE);
  double radius;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (style != NULL);

  /* Room for the selection ring around the disc, so the disc keeps its size when chosen. */
  radius = MIN (width, height) / 2 - 2 * ring;
  if (radius <= 0)
    return;

  if (selected)
    ns_scene_add_circle (scene, width / 2, height / 2, radius + ring, NULL, &style->accent, ring);
  ns_scene_add_circle (scene, width / 2, height / 2, radius, ns_render_style_class_color (style, k),
                       &style->outline, ns_render_style_px (style, CARD_OUTLINE));
}
