/* test-render-data.c: dataset previews and class swatches: their primitives and their pixels.
 *
 * NS_TEST_DUMP=dir writes dir/render-data-previews.png: every generated set's preview at
 * thumbnail size and enlarged, with the class swatches below.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "nn-rng.h"
#include "ns-render-data.h"
#include "ns-scene-cairo.h"

#define THUMB 42.0

static gboolean
same_color (const NsColor *a, const NsColor *b)
{
  return fabsf (a->r - b->r) < 1e-6f && fabsf (a->g - b->g) < 1e-6f && fabsf (a->b - b->b) < 1e-6f
         && fabsf (a->a - b->a) < 1e-6f;
}

static void
test_previews_made_once (void)
{
  g_autoptr (NsDataPreviews) previews = ns_data_previews_new ();
  g_autoptr (NsDataPreviews) again = ns_data_previews_new ();

  for (guint k = 0; k < NS_N_PLANE_DATASETS; k++)
    {
      const NsDataset *data = ns_data_previews_get (previews, k);
      const NsDataset *twin = ns_data_previews_get (again, k);

      g_assert_nonnull (data);
      g_assert_cmpstr (data->name, ==, ns_dataset_kind_name (k));
      g_assert_cmpuint (data->n_inputs, ==, 2);
      g_assert_cmpuint (data->n_train + data->n_test, ==, ns_data_preview_count (k));
      g_assert_cmpuint (ns_data_preview_count (k), >=, NS_DATA_PREVIEW_COUNT);
      g_assert_cmpuint (data->n_classes, ==, ns_dataset_kind_n_classes (k));

      /* The same seed, the same pictures, every time. */
      g_assert_cmpuint (twin->n_train, ==, data->n_train);
      g_assert_cmpmem (twin->train_x, data->n_train * 2 * sizeof (float), data->train_x,
                       data->n_train * 2 * sizeof (float));
      g_assert_cmpmem (twin->train_y, data->n_train * sizeof (float), data->train_y,
                       data->n_train * sizeof (float));
    }
}

static void
test_preview_scene (void)
{
  g_autoptr (NsDataPreviews) previews = ns_data_previews_new ();
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;

  ns_render_style_init (&style, FALSE, 1.0);

  for (guint k = 0; k < NS_N_PLANE_DATASETS; k++)
    {
      const NsDataset *data = ns_data_previews_get (previews, k);
      NsDataPreviewView view = { data, FALSE };
      const NsPrim *card;
      guint seen_classes = 0;
      size_t i = 1;

      ns_scene_clear (scene);
      ns_render_data_preview (scene, &view, &style, THUMB, THUMB);

      /* A card under one circle per point, all on the card. */
      g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_RECT), ==, 1);
      g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), ==,
                        ns_data_preview_count (k));
      card = ns_scene_get_prim (scene, 0);
      g_assert_cmpint (card->kind, ==, NS_PRIM_RECT);
      g_assert_true (same_color (&card->rect.fill, &style.background));
      g_assert_true (same_color (&card->rect.stroke, &style.outline));

      for (guint part = 0; part < 2; part++)
        {
          const float *x = part == 0 ? data->train_x : data->test_x;
          const float *y = part == 0 ? data->train_y : data->test_y;
          guint n = part == 0 ? data->n_train : data->n_test;

          for (guint s = 0; s < n; s++, i++)
            {
              const NsPrim *prim = ns_scene_get_prim (scene, i);
              const NsCircle *c = &prim->circle;
              double fx, fy;

              g_assert_cmpint (prim->kind, ==, NS_PRIM_CIRCLE);
              g_assert_cmpfloat (c->cx - c->radius, >=, 0);
              g_assert_cmpfloat (c->cx + c->radius, <=, THUMB);
              g_assert_cmpfloat (c->cy - c->radius, >=, 0);
              g_assert_cmpfloat (c->cy + c->radius, <=, THUMB);
              g_assert_cmpfloat (c->radius, >=, 1.0);

              /* Where the point is on the plane, up is larger x2. */
              fx = (x[2 * s] - data->x_min) / (data->x_max - data->x_min);
              fy = (data->y_max - x[2 * s + 1]) / (data->y_max - data->y_min);
              if (s > 0)
                {
                  const NsCircle *prev = &ns_scene_get_prim (scene, i - 1)->circle;
                  double dfx = fx - (x[2 * (s - 1)] - data->x_min) / (data->x_max - data->x_min);
                  double dfy = fy - (data->y_max - x[2 * s - 1]) / (data->y_max - data->y_min);

                  /* Same direction on screen as on the plane. */
                  if (fabs (dfx) > 0.05)
                    g_assert_cmpint (dfx > 0, ==, c->cx > prev->cx);
                  if (fabs (dfy) > 0.05)
                    g_assert_cmpint (dfy > 0, ==, c->cy > prev->cy);
                }

              if (data->n_classes > 0)
                {
                  guint label = (guint) y[s];

                  g_assert_true (
                      same_color (&c->fill, ns_render_style_class_color (&style, label)));
                  seen_classes |= 1u << label;
                }
              else
                {
                  NsColor want = ns_render_data_value_color (&style, y[s]);

                  g_assert_true (same_color (&c->fill, &want));
                }
            }
        }

      /* Every class shows in its preview. */
      if (data->n_classes > 0)
        g_assert_cmpuint (seen_classes, ==, (1u << data->n_classes) - 1);
    }
}

static void
test_selected (void)
{
  g_autoptr (NsDataPreviews) previews = ns_data_previews_new ();
  g_autoptr (NsScene) plain = ns_scene_new ();
  g_autoptr (NsScene) selected = ns_scene_new ();
  NsDataPreviewView view = { ns_data_previews_get (previews, NS_DATASET_SPIRAL), FALSE };
  NsRenderStyle style;

  ns_render_style_init (&style, TRUE, 1.0);
  ns_render_data_preview (plain, &view, &style, THUMB, THUMB);
  view.selected = TRUE;
  ns_render_data_preview (selected, &view, &style, THUMB, THUMB);

  /* Framed in the accent colour, thicker; the points stay where they were. */
  g_assert_true (same_color (&ns_scene_get_prim (selected, 0)->rect.stroke, &style.accent));
  g_assert_cmpfloat (ns_scene_get_prim (selected, 0)->rect.stroke_width, >,
                     ns_scene_get_prim (plain, 0)->rect.stroke_width);
  g_assert_cmpuint (ns_scene_get_n_prims (selected), ==, ns_scene_get_n_prims (plain));
  for (size_t i = 1; i < ns_scene_get_n_prims (plain); i++)
    {
      g_assert_cmpfloat (ns_scene_get_prim (plain, i)->circle.cx, ==,
                         ns_scene_get_prim (selected, i)->circle.cx);
      g_assert_cmpfloat (ns_scene_get_prim (plain, i)->circle.cy, ==,
                         ns_scene_get_prim (selected, i)->circle.cy);
    }
}

static void
test_value_color (void)
{
  NsRenderStyle style;
  NsColor c;

  ns_render_style_init (&style, FALSE, 1.0);

  c = ns_render_data_value_color (&style, 0);
  g_assert_true (same_color (&c, &style.neutral));
  c = ns_render_data_value_color (&style, 1);
  g_assert_true (same_color (&c, &style.positive));
  c = ns_render_data_value_color (&style, 7);
  g_assert_true (same_color (&c, &style.positive));
  c = ns_render_data_value_color (&style, -1.5f);
  g_assert_true (same_color (&c, &style.negative));
  c = ns_render_data_value_color (&style, NAN);
  g_assert_true (same_color (&c, &style.neutral));

  /* Quantised to tenths: few distinct colours for the painter's sprite cache. */
  {
    NsColor a = ns_render_data_value_color (&style, 0.51f);
    NsColor b = ns_render_data_value_color (&style, 0.54f);
    NsColor d = ns_render_data_value_color (&style, 0.66f);

    g_assert_true (same_color (&a, &b));
    g_assert_false (same_color (&a, &d));
  }
}

static void
test_large_and_empty (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autoptr (NsDataset) big = NULL;
  NsDataPreviewView view = { NULL, FALSE };
  NsRenderStyle style;
  NnRng rng;

  ns_render_style_init (&style, FALSE, 1.0);

  /* No data: the card alone. */
  ns_render_data_preview (scene, &view, &style, THUMB, THUMB);
  g_assert_cmpuint (ns_scene_get_n_prims (scene), ==, 1);

  /* No room: nothing at all. */
  ns_scene_clear (scene);
  ns_render_data_preview (scene, &view, &style, 0, THUMB);
  g_assert_cmpuint (ns_scene_get_n_prims (scene), ==, 0);

  /* A large set shows a sample. */
  nn_rng_seed (&rng, 3, NN_STREAM_DATA);
  big = ns_dataset_generate (NS_DATASET_CIRCLE, 5000, 0.1, 0.5, &rng);
  view.dataset = big;
  ns_scene_clear (scene);
  ns_render_data_preview (scene, &view, &style, THUMB, THUMB);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), <=, NS_DATA_PREVIEW_MAX_POINTS);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_CIRCLE), >=,
                    NS_DATA_PREVIEW_MAX_POINTS / 2);
}

static void
test_swatch (void)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;

  ns_render_style_init (&style, FALSE, 1.0);

  ns_render_class_swatch (scene, 2, FALSE, &style, 26, 26);
  g_assert_cmpuint (ns_scene_get_n_prims (scene), ==, 1);
  g_assert_true (same_color (&ns_scene_get_prim (scene, 0)->circle.fill,
                             ns_render_style_class_color (&style, 2)));

  /* Chosen: a ring in the accent colour around the same disc. */
  ns_scene_clear (scene);
  ns_render_class_swatch (scene, 2, TRUE, &style, 26, 26);
  g_assert_cmpuint (ns_scene_get_n_prims (scene), ==, 2);
  g_assert_true (same_color (&ns_scene_get_prim (scene, 0)->circle.stroke, &style.accent));
  g_assert_cmpfloat (ns_scene_get_prim (scene, 0)->circle.radius, >,
                     ns_scene_get_prim (scene, 1)->circle.radius);
  g_assert_cmpfloat (ns_scene_get_prim (scene, 0)->circle.radius
                         + ns_scene_get_prim (scene, 0)->circle.stroke_width / 2,
                     <=, 13);
}

/* Counts pixels close to @color in a premultiplied ARGB32 image. */
static guint
count_near (cairo_surface_t *surface, const NsColor *color)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (data + (size_t) y * stride + 4 * (size_t) x);
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        if (abs (r - (int) (color->r * 255)) < 24 && abs (g - (int) (color->g * 255)) < 24
            && abs (b - (int) (color->b * 255)) < 24)
          n++;
      }

  return n;
}

static void
dump (cairo_surface_t *surface, const char *name)
{
  const char *dir = g_getenv ("NS_TEST_DUMP");
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("dumped %s", path);
}

static void
test_pixels (void)
{
  g_autoptr (NsDataPreviews) previews = ns_data_previews_new ();
  g_autoptr (NsScene) scene = ns_scene_new ();
  const double big = 160;
  const double pad = 12;
  int width = (int) (pad + NS_N_PLANE_DATASETS * (big + pad));
  int height = (int) (pad + THUMB + pad + big + pad + 26 + pad);
  cairo_surface_t *sheet = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (sheet);
  NsRenderStyle style;

  ns_render_style_init (&style, FALSE, 1.0);
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);

  for (guint k = 0; k < NS_N_PLANE_DATASETS; k++)
    {
      NsDataPreviewView view = { ns_data_previews_get (previews, k), k == NS_DATASET_SPIRAL };
      cairo_surface_t *one = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) big, (int) big);
      cairo_t *one_cr = cairo_create (one);

      /* At thumbnail size, as the panel shows it ... */
      ns_scene_clear (scene);
      ns_render_data_preview (scene, &view, &style, THUMB, THUMB);
      cairo_save (cr);
      cairo_translate (cr, pad + k * (big + pad), pad);
      ns_scene_paint_cairo (scene, cr);
      cairo_restore (cr);

      /* ... and enlarged, to check the colours by pixels. */
      ns_scene_clear (scene);
      ns_render_data_preview (scene, &view, &style, big, big);
      ns_scene_paint_cairo (scene, one_cr);
      cairo_destroy (one_cr);

      if (view.dataset->n_classes > 0)
        for (guint c = 0; c < view.dataset->n_classes; c++)
          g_assert_cmpuint (count_near (one, ns_render_style_class_color (&style, c)), >, 20);
      else
        {
          /* Regression: the largest values in blue, the smallest in orange. */
          g_assert_cmpuint (count_near (one, &style.positive), >, 0);
          g_assert_cmpuint (count_near (one, &style.negative), >, 0);
        }

      cairo_set_source_surface (cr, one, pad + k * (big + pad), pad + THUMB + pad);
      cairo_paint (cr);
      cairo_surface_destroy (one);
    }

  for (guint k = 0; k < NS_RENDER_N_CLASS_COLORS; k++)
    {
      ns_scene_clear (scene);
      ns_render_class_swatch (scene, k, k == 1, &style, 26, 26);
      cairo_save (cr);
      cairo_translate (cr, pad + k * 30, pad + THUMB + pad + big + pad);
      ns_scene_paint_cairo (scene, cr);
      cairo_restore (cr);
    }

  cairo_destroy (cr);
  dump (sheet, "render-data-previews.png");
  cairo_surface_destroy (sheet);
}

/* Pango's font map keeps caches for the whole process: dropping it at exit keeps
 * LeakSanitizer (on for this suite) to leaks of our own; what fontconfig keeps even then is
 * suppressed in tests/lsan.supp. */
int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/data/previews-made-once", test_previews_made_once);
  g_test_add_func ("/render/data/preview-scene", test_preview_scene);
  g_test_add_func ("/render/data/selected", test_selected);
  g_test_add_func ("/render/data/value-color", test_value_color);
  g_test_add_func ("/render/data/large-and-empty", test_large_and_empty);
  g_test_add_func ("/render/data/swatch", test_swatch);
  g_test_add_func ("/render/data/pixels", test_pixels);

  status = g_test_run ();

  pango_cairo_font_map_set_default (NULL);

  return status;
}
