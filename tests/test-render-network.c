/* test-render-network.c: the network diagram, drawn and painted. Its step-through is tested in
 * test-render-network-step.c.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ns-colormap.h"
#include "ns-experiment-step.h"
#include "ns-render-network.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"
#include "ns-test-net.h"
#include "ns-test-render.h"

#define WIDTH 800
#define HEIGHT 500
#define GRID 16

/* A 2 -> 2 (tanh) -> 1 (sigmoid) network with hand-set weights:
 *   layer 0: W = [[3.0, -0.2], [0.4, -2.5]], b = [0.1, -0.3]
 *   layer 1: W = [[1.2, -0.6]], b = [0.05]
 * Weight (0, 0, 0) = 3.0 and (0, 1, 1) = -2.5 run straight across (row to row), so their
 * midpoints are covered by no other link. */
static NnNet *
make_net (void)
{
  static const float w0[] = { 3.0f, -0.2f, 0.4f, -2.5f };
  static const float b0[] = { 0.1f, -0.3f };
  static const float w1[] = { 1.2f, -0.6f };
  size_t widths[] = { 2 };
  NnActivation acts[] = { NN_ACT_TANH };
  NnNet *net;

  net = dense_net_new (2, 1, widths, acts, NN_LOSS_BCE, 1);
  g_assert_nonnull (net);
  g_assert_cmpuint (net->n_layers, ==, 2);

  memcpy (net->params + net->layers[0].w_offset, w0, sizeof w0);
  memcpy (net->params + net->layers[0].b_offset, b0, sizeof b0);
  memcpy (net->params + net->layers[1].w_offset, w1, sizeof w1);
  net->params[net->layers[1].b_offset] = 0.05f;

  return net;
}

typedef struct
{
  NnNet *net;
  float *inputs; /* 2 rows of GRID² */
  float *units;  /* n_units rows of GRID² */
  NsNetworkViewData view;
  NsRenderStyle style;
  NsScene *scene;
} Fixture;

static const char *const input_labels[] = { "X₁", "X₂" };

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  size_t n = GRID * GRID;

  f->net = make_net ();
  f->inputs = g_new (float, 2 * n);
  f->units = g_new (float, f->net->n_units *n);

  /* The plane [-1, 1]², row 0 at the top. */
  for (size_t r = 0; r < GRID; r++)
    for (size_t c = 0; c < GRID; c++)
      {
        f->inputs[r * GRID + c] = -1.f + 2.f * (c + 0.5f) / GRID;
        f->inputs[n + r * GRID + c] = 1.f - 2.f * (r + 0.5f) / GRID;
      }
  g_assert_cmpint (nn_net_eval_grid (f->net, f->inputs, n, f->units), ==, NN_OK);

  memset (&f->view, 0, sizeof f->view);
  f->view.net = f->net;
  f->view.input_labels = input_labels;
  f->view.grid_size = GRID;
  f->view.inputs = f->inputs;
  f->view.units = f->units;

  ns_render_style_init (&f->style, FALSE, 1.0);
  f->scene = ns_scene_new ();
  ns_render_network (f->scene, &f->view, &f->style, WIDTH, HEIGHT);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  ns_scene_free (f->scene);
  g_free (f->inputs);
  g_free (f->units);
  nn_net_free (f->net);
}

static const NsHitRegion *
find_neuron (const NsScene *scene, int layer, int j)
{
  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    {
      const NsHitRegion *region = ns_scene_get_hit (scene, k);

      if (region->kind == NS_HIT_NEURON && region->layer == layer && region->neuron == j)
        return region;
    }

  g_assert_not_reached ();
  return NULL;
}

static void
test_links (Fixture *f, gconstpointer data)
{
  const NsLine *strong_pos = find_link (f->scene, 0, 0, 0); /* 3.0 */
  const NsLine *weak_neg = find_link (f->scene, 0, 0, 1);   /* -0.2 */
  const NsLine *strong_neg = find_link (f->scene, 0, 1, 1); /* -2.5 */
  const NsLine *out_pos = find_link (f->scene, 1, 0, 0);    /* 1.2 */
  size_t n_weights = 0;

  for (size_t l = 0; l < f->net->n_layers; l++)
    n_weights += f->net->layers[l].n_in * f->net->layers[l].n_out;

  g_assert_cmpuint (n_weights, ==, 6);
  g_assert_cmpuint (ns_scene_count_prims (f->scene, NS_PRIM_LINE), ==, n_weights);

  g_assert_true (same_rgb (&strong_pos->color, &f->style.positive));
  g_assert_true (same_rgb (&out_pos->color, &f->style.positive));
  g_assert_true (same_rgb (&weak_neg->color, &f->style.negative));
  g_assert_true (same_rgb (&strong_neg->color, &f->style.negative));
  g_assert_false (same_rgb (&f->style.positive, &f->style.negative));

  /* Larger |w|, wider line; clamped to 0.5 .. 6. */
  g_assert_cmpfloat (strong_pos->width, >, out_pos->width);
  g_assert_cmpfloat (out_pos->width, >, weak_neg->width);
  g_assert_cmpfloat (strong_neg->width, >, weak_neg->width);
  g_assert_cmpfloat (ns_render_network_link_width (&f->style, 100.f), ==, 6.0);
  g_assert_cmpfloat (ns_render_network_link_width (&f->style, 0.f), ==, 0.5);
  g_assert_cmpfloat (ns_render_network_link_width (&f->style, NAN), ==, 0.5);
}

static void
test_scale (Fixture *f, gconstpointer data)
{
  NsRenderStyle big;
  g_autoptr (NsScene) scene = ns_scene_new ();
  const NsLine *normal = find_link (f->scene, 0, 0, 0);
  const NsLine *large;
  double title_normal = 0, title_large = 0;

  ns_render_style_init (&big, FALSE, 1.5);
  ns_render_network (scene, &f->view, &big, WIDTH * 1.5, HEIGHT * 1.5);
  large = find_link (scene, 0, 0, 0);
  g_assert_cmpfloat (fabs (large->width - 1.5 * normal->width), <, 1e-9);

  for (size_t k = 0; k < ns_scene_get_n_prims (f->scene); k++)
    if (ns_scene_get_prim (f->scene, k)->kind == NS_PRIM_TEXT)
      title_normal = MAX (title_normal, ns_scene_get_prim (f->scene, k)->text.size);
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    if (ns_scene_get_prim (scene, k)->kind == NS_PRIM_TEXT)
      title_large = MAX (title_large, ns_scene_get_prim (scene, k)->text.size);
  g_assert_cmpfloat (fabs (title_large - 1.5 * title_normal), <, 1e-9);

  /* A roomy area at scale 1 (a maximised window on a projector) grows the text, not the
   * links. */
  ns_scene_clear (scene);
  ns_render_network (scene, &f->view, &f->style, 1920, 1080);
  large = find_link (scene, 0, 0, 0);
  g_assert_cmpfloat (large->width, ==, normal->width);
  title_large = 0;
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    if (ns_scene_get_prim (scene, k)->kind == NS_PRIM_TEXT)
      title_large = MAX (title_large, ns_scene_get_prim (scene, k)->text.size);
  g_assert_cmpfloat (title_large, >, 1.3 * title_normal);
  g_assert_cmpfloat (title_large, <=, 1.5 * title_normal + 1e-9);
}

static void
test_neurons (Fixture *f, gconstpointer data)
{
  size_t n_pictures = f->net->n_inputs + f->net->n_units;
  const NsHitRegion *region = find_neuron (f->scene, 0, 1);
  const NsHitRegion *hit;
  const NsLine *link = find_link (f->scene, 0, 0, 0);
  gboolean found_label = FALSE;

  /* A heatmap per input and per neuron, each GRID x GRID pixels. */
  g_assert_cmpuint (ns_scene_count_prims (f->scene, NS_PRIM_IMAGE), ==, n_pictures);
  for (size_t k = 0; k < ns_scene_get_n_prims (f->scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (f->scene, k);

      if (prim->kind == NS_PRIM_IMAGE)
        {
          g_assert_cmpint (prim->image.pixel_width, ==, GRID);
          g_assert_cmpint (prim->image.pixel_height, ==, GRID);
          g_assert_cmpfloat (prim->image.width, >, 10);
          g_assert_false (prim->image.crisp);
        }
      else if (prim->kind == NS_PRIM_TEXT && g_str_equal (prim->text.text, "X₂"))
        {
          found_label = TRUE;
          g_assert_cmpint (prim->text.halign, ==, NS_ALIGN_END);
        }
    }
  g_assert_true (found_label);

  /* The neuron's centre hits the neuron, a link's midpoint the link, a corner nothing. */
  hit = ns_scene_hit_test (f->scene, (region->x0 + region->x1) / 2, (region->y0 + region->y1) / 2);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, NS_HIT_NEURON);
  g_assert_cmpint (hit->layer, ==, 0);
  g_assert_cmpint (hit->neuron, ==, 1);

  hit = ns_scene_hit_test (f->scene, (link->x0 + link->x1) / 2, (link->y0 + link->y1) / 2 + 1);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->kind, ==, NS_HIT_LINK);
  g_assert_cmpint (hit->layer, ==, 0);
  g_assert_cmpint (hit->neuron, ==, 0);
  g_assert_cmpint (hit->input, ==, 0);

  g_assert_null (ns_scene_hit_test (f->scene, 2, HEIGHT - 2));
}

static void
test_no_grid (Fixture *f, gconstpointer data)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsNetworkViewData view = f->view;

  /* Without heatmaps every neuron is still drawn, as a plain square. */
  view.grid_size = 0;
  view.inputs = NULL;
  view.units = NULL;
  ns_render_network (scene, &view, &f->style, WIDTH, HEIGHT);

  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), ==, 0);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, 6);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_RECT), >=, 2 + f->net->n_units);
}

static gboolean
has_accent_outline (const NsScene *scene, const NsRenderStyle *style)
{
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_RECT && ns_color_equal (&prim->rect.stroke, &style->accent))
        return TRUE;
    }

  return FALSE;
}

static void
test_highlight (Fixture *f, gconstpointer data)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsNetworkViewData view = f->view;

  /* The neuron under the pointer gets an outline in the accent colour; nothing else does. */
  g_assert_false (has_accent_outline (f->scene, &f->style));

  view.highlight = (NsNetworkItem){ NS_HIT_NEURON, 0, 1, -1 };
  ns_render_network (scene, &view, &f->style, WIDTH, HEIGHT);
  g_assert_true (has_accent_outline (scene, &f->style));
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, 6);
}

static guint32
pixel_at (cairo_surface_t *surface, double x, double y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (int) y * stride + 4 * (int) x);
}

static void
assert_pixel_color (guint32 pixel, const NsColor *color)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  g_test_message ("pixel %08x, expected %02x%02x%02x", pixel, (int) lround (color->r * 255),
                  (int) lround (color->g * 255), (int) lround (color->b * 255));
  g_assert_cmpint ((pixel >> 24) & 0xff, ==, 0xff);
  g_assert_cmpint (abs (r - (int) lround (color->r * 255)), <=, 2);
  g_assert_cmpint (abs (g - (int) lround (color->g * 255)), <=, 2);
  g_assert_cmpint (abs (b - (int) lround (color->b * 255)), <=, 2);
}

static void
test_cairo_pixels (Fixture *f, gconstpointer data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  const NsLine *pos = find_link (f->scene, 0, 0, 0);
  const NsLine *neg = find_link (f->scene, 0, 1, 1);
  const NsHitRegion *neuron = find_neuron (f->scene, 0, 0);

  ns_scene_paint_cairo (f->scene, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_cmpfloat (pos->width, >=, 4);
  g_assert_cmpfloat (pos->color.a, ==, 1);
  assert_pixel_color (pixel_at (surface, (pos->x0 + pos->x1) / 2, (pos->y0 + pos->y1) / 2),
                      &pos->color);
  assert_pixel_color (pixel_at (surface, (neg->x0 + neg->x1) / 2, (neg->y0 + neg->y1) / 2),
                      &neg->color);

  /* The background where nothing is drawn. */
  assert_pixel_color (pixel_at (surface, 1, HEIGHT - 2), &f->style.background);

  /* Inside a neuron: its heatmap, not the background. */
  g_assert_cmpuint (
      pixel_at (surface, (neuron->x0 + neuron->x1) / 2, (neuron->y0 + neuron->y1) / 2), !=,
      ns_color_to_argb32 (&f->style.background));

  cairo_surface_destroy (surface);
  dump_png (f->scene, "network.png");
}

/* Plane data's input column: every feature, those in use bright and linked, the others dimmed
 * and without links. */
static void
test_features (Fixture *f, gconstpointer data)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  g_autofree float *features = g_new (float, NS_N_FEATURES *GRID *GRID);
  float range[NS_N_FEATURES];
  NsNetworkViewData view = f->view;
  size_t n = GRID * GRID, dims = 0;
  const NsColor *x1sq_color = NULL, *x1_color = NULL;

  for (size_t k = 0; k < NS_N_FEATURES; k++)
    {
      for (size_t s = 0; s < n; s++)
        features[k * n + s] = (float) ((k + 1) * ((s % GRID) / (double) GRID - 0.5));
      range[k] = (float) (k + 1) / 2;
    }
  view.input_labels = NULL;
  view.feature_mask = (1u << NS_FEATURE_X1) | (1u << NS_FEATURE_SINX2);
  view.features = features;
  view.feature_range = range;
  ns_render_network (scene, &view, &f->style, WIDTH, HEIGHT);

  /* A picture and a hit rectangle per feature; the network inputs are the features in use. */
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_IMAGE), ==,
                    NS_N_FEATURES + f->net->n_units);
  for (size_t row = 0; row < NS_N_FEATURES; row++)
    {
      int expected = row == NS_FEATURE_X1 ? 0 : row == NS_FEATURE_SINX2 ? 1 : -1;
      gboolean found = FALSE;

      g_assert_cmpint (ns_render_network_input_index (&view, row), ==, expected);
      for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
        {
          const NsHitRegion *hit = ns_scene_get_hit (scene, k);

          if (hit->kind == NS_HIT_INPUT && hit->neuron == (int) row)
            {
              found = TRUE;
              g_assert_cmpint (hit->input, ==, expected);
            }
        }
      g_assert_true (found);
    }
  g_assert_cmpuint (ns_render_network_input_row (&view, 1), ==, NS_FEATURE_SINX2);

  /* Links run from the features in use only: weight (0, 0, 1) starts at sin(X2). */
  {
    const NsHitRegion *sin_x2 = NULL;
    const NsLine *link = find_link (scene, 0, 0, 1);

    for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
      if (ns_scene_get_hit (scene, k)->kind == NS_HIT_INPUT
          && ns_scene_get_hit (scene, k)->neuron == NS_FEATURE_SINX2)
        sin_x2 = ns_scene_get_hit (scene, k);
    g_assert_cmpfloat (link->x0, ==, sin_x2->x1);
    g_assert_cmpfloat (link->y0, ==, (sin_x2->y0 + sin_x2->y1) / 2);
    g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, 6);
  }

  /* The others: a veil of background over the picture, a muted label. */
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_RECT && prim->rect.fill.a > 0 && prim->rect.fill.a < 1
          && same_rgb (&prim->rect.fill, &f->style.background))
        dims++;
      if (prim->kind == NS_PRIM_TEXT && g_str_equal (prim->text.text, "X₁²"))
        x1sq_color = &prim->text.color;
      if (prim->kind == NS_PRIM_TEXT && g_str_equal (prim->text.text, "X₁"))
        x1_color = &prim->text.color;
    }
  g_assert_cmpuint (dims, ==, NS_N_FEATURES - 2);
  g_assert_nonnull (x1sq_color);
  g_assert_nonnull (x1_color);
  g_assert_true (ns_color_equal (x1sq_color, &f->style.muted));
  g_assert_true (ns_color_equal (x1_color, &f->style.foreground));

  /* In pixels: a dimmed picture is closer to the background than a bright one. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
    cairo_t *cr = cairo_create (surface);
    double bright = 0, dim = 0;

    ns_scene_paint_cairo (scene, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);

    for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
      {
        const NsHitRegion *hit = ns_scene_get_hit (scene, k);
        guint32 p;
        double light;

        if (hit->kind != NS_HIT_INPUT)
          continue;
        /* The left edge, where every test feature is at its most negative: orange. */
        p = pixel_at (surface, hit->x0 + 2, (hit->y0 + hit->y1) / 2);
        light = ((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff);
        if (hit->neuron == NS_FEATURE_X1)
          bright = light;
        else if (hit->neuron == NS_FEATURE_X1SQ)
          dim = light;
      }
    g_assert_cmpfloat (dim, >, bright + 60);
    cairo_surface_destroy (surface);
  }

  dump_png (scene, "network-features.png");
}

/* Interactive: room for the window's widgets above the columns, and no captions under them. */
static void
test_controls (Fixture *f, gconstpointer data)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsNetworkViewData view = f->view;
  NsNetworkLayout layout;
  NsNetworkBox box;
  const NsHitRegion *neuron;

  g_assert_true (has_text (f->scene, "2 neurons"));
  g_assert_true (has_text (f->scene, "tanh"));

  view.controls = TRUE;
  view.controls_height = 34;
  view.column_controls_height = 100;
  ns_render_network_layout (&layout, scene, &view, &f->style, WIDTH, HEIGHT);
  ns_render_network (scene, &view, &f->style, WIDTH, HEIGHT);

  g_assert_false (has_text (scene, "2 neurons"));
  g_assert_true (has_text (scene, "Output"));
  g_assert_true (has_text (scene, "sigmoid"));

  /* The bands: the controls, then the column headers, then the pictures. */
  g_assert_cmpuint (layout.n_columns, ==, 3);
  g_assert_cmpfloat (layout.controls.height, ==, 34);
  g_assert_cmpfloat (layout.headers[1].y, >=, layout.controls.y + 34);
  g_assert_cmpfloat (layout.headers[1].height, >=, 100);
  /* Over the hidden column. */
  g_assert_cmpfloat (layout.controls.x, <=, layout.center_x[1]);
  g_assert_cmpfloat (layout.controls.x + layout.controls.width, >=, layout.center_x[1]);
  for (size_t c = 0; c < layout.n_columns; c++)
    g_assert_cmpfloat (layout.top[c], >=, layout.headers[c].y + layout.headers[c].height);

  /* The layout says where the pictures are drawn. */
  neuron = find_neuron (scene, 0, 1);
  ns_network_layout_node (&layout, 1, 1, &box);
  g_assert_cmpfloat (box.x, ==, neuron->x0);
  g_assert_cmpfloat (box.y, ==, neuron->y0);
  g_assert_cmpfloat (box.width, ==, neuron->x1 - neuron->x0);

  /* A layout made earlier is reused, and one for another shape ignored. */
  {
    g_autoptr (NsScene) again = ns_scene_new ();
    NsNetworkLayout shifted = layout;

    shifted.center_x[1] += 10;
    view.layout = &shifted;
    ns_render_network (again, &view, &f->style, WIDTH, HEIGHT);
    g_assert_cmpfloat (find_neuron (again, 0, 1)->x0, ==, neuron->x0 + 10);

    shifted.rows[1] = 3;
    ns_scene_clear (again);
    ns_render_network (again, &view, &f->style, WIDTH, HEIGHT);
    g_assert_cmpfloat (find_neuron (again, 0, 1)->x0, ==, neuron->x0);
  }
}

/* The detail card: the neuron larger, with its bias, on top of everything. */
static void
test_card (Fixture *f, gconstpointer data)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsNetworkViewData view = f->view;
  const NsHitRegion *neuron = find_neuron (f->scene, 0, 0);
  const NsHitRegion *card = NULL;
  double widest = 0;

  view.detail = (NsNetworkItem){ NS_HIT_NEURON, 0, 0, -1 };
  ns_render_network (scene, &view, &f->style, WIDTH, HEIGHT);

  g_assert_true (has_text (scene, "Bias 0.100"));
  g_assert_true (has_text (scene, "Layer 1, neuron 1"));
  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    if (ns_scene_get_hit (scene, k)->kind == NS_HIT_NONE)
      card = ns_scene_get_hit (scene, k);
  g_assert_nonnull (card);
  g_assert_cmpint (card->layer, ==, 0);
  g_assert_cmpint (card->neuron, ==, 0);

  /* Beside the neuron, inside the picture, over what lies under it. */
  g_assert_cmpfloat (card->x0, >=, neuron->x1);
  g_assert_cmpfloat (card->x1, <=, WIDTH);
  g_assert_cmpfloat (card->y0, >=, 0);
  g_assert_cmpfloat (card->y1, <=, HEIGHT);
  g_assert_cmpint (
      ns_scene_hit_test (scene, (card->x0 + card->x1) / 2, (card->y0 + card->y1) / 2)->kind, ==,
      NS_HIT_NONE);

  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    if (ns_scene_get_prim (scene, k)->kind == NS_PRIM_IMAGE)
      widest = MAX (widest, ns_scene_get_prim (scene, k)->image.width);
  g_assert_cmpfloat (widest, >=, 1.5 * (neuron->x1 - neuron->x0));

  /* The output neuron's card goes left: there is no room right of it. */
  ns_scene_clear (scene);
  view.detail = (NsNetworkItem){ NS_HIT_NEURON, 1, 0, -1 };
  ns_render_network (scene, &view, &f->style, WIDTH, HEIGHT);
  neuron = find_neuron (scene, 1, 0);
  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    if (ns_scene_get_hit (scene, k)->kind == NS_HIT_NONE)
      card = ns_scene_get_hit (scene, k);
  g_assert_cmpfloat (card->x1, <=, neuron->x0);
  g_assert_true (has_text (scene, "Output"));
  dump_png (scene, "network-card.png");
}

/* A selected link is drawn again over a halo; a selected neuron gets the accent ring. */
static void
test_selection (Fixture *f, gconstpointer data)
{
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsNetworkViewData view = f->view;
  const NsPrim *halo, *top;
  size_t n;

  view.selection = (NsNetworkItem){ NS_HIT_LINK, 0, 1, 0 };
  ns_render_network (scene, &view, &f->style, WIDTH, HEIGHT);
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, 6 + 2);

  /* The two extra lines follow the six links: the halo, wider, then the link. */
  n = 0;
  for (size_t k = 0; k < ns_scene_get_n_prims (scene) && n < 8; k++)
    if (ns_scene_get_prim (scene, k)->kind == NS_PRIM_LINE && ++n == 7)
      {
        halo = ns_scene_get_prim (scene, k);
        top = ns_scene_get_prim (scene, k + 1);
        g_assert_cmpint (top->kind, ==, NS_PRIM_LINE);
        g_assert_cmpfloat (halo->line.width, >, top->line.width);
        g_assert_true (ns_color_equal (&halo->line.color, &f->style.foreground));
        g_assert_true (same_rgb (&top->line.color, &f->style.positive)); /* w = 0.4 */
      }
  g_assert_false (has_accent_outline (scene, &f->style));

  ns_scene_clear (scene);
  view.selection = (NsNetworkItem){ NS_HIT_NEURON, 0, 1, -1 };
  ns_render_network (scene, &view, &f->style, WIDTH, HEIGHT);
  g_assert_true (has_accent_outline (scene, &f->style));
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), ==, 6);
}

static void
test_describe (void)
{
  size_t widths[] = { 4, 2 };
  NnActivation same[] = { NN_ACT_TANH, NN_ACT_TANH };
  NnActivation mixed[] = { NN_ACT_RELU, NN_ACT_LEAKY_RELU };
  NnNet *net;
  char *text;

  net = dense_net_new (2, 2, widths, same, NN_LOSS_BCE, 1);
  text = ns_render_network_describe (net);
  g_assert_cmpstr (text, ==, "2 inputs, hidden layers of 4 and 2 neurons, tanh, 1 output");
  g_free (text);
  nn_net_free (net);

  net = dense_net_new (4, 2, widths, mixed, NN_LOSS_SOFTMAX_CE, 3);
  text = ns_render_network_describe (net);
  g_assert_cmpstr (text, ==,
                   "4 inputs, hidden layers of 4 and 2 neurons (ReLU and leaky ReLU), 3 outputs");
  g_free (text);
  nn_net_free (net);

  net = dense_net_new (1, 1, widths, same, NN_LOSS_MSE, 1);
  text = ns_render_network_describe (net);
  g_assert_cmpstr (text, ==, "1 input, a hidden layer of 4 neurons, tanh, 1 output");
  g_free (text);
  nn_net_free (net);

  net = dense_net_new (3, 0, NULL, NULL, NN_LOSS_BCE, 1);
  text = ns_render_network_describe (net);
  g_assert_cmpstr (text, ==, "3 inputs, no hidden layer, 1 output");
  g_free (text);
  nn_net_free (net);
}

static void
check_file_starts_with (const char *path, const char *const *signatures)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 100);

  for (; *signatures != NULL; signatures++)
    if (length >= strlen (*signatures) && memcmp (contents, *signatures, strlen (*signatures)) == 0)
      return;

  g_error ("%s starts with an unexpected signature", path);
}

static void
test_export (Fixture *f, gconstpointer data)
{
  static const char *const png[] = { "\x89PNG", NULL };
  static const char *const svg[] = { "<?xml", "<svg", NULL };
  static const char *const pdf[] = { "%PDF", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ns-render-XXXXXX", &error);
  g_autofree char *png_path = g_build_filename (dir, "net.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "net.SVG", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "net.pdf", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "net.bmp", NULL);
  cairo_surface_t *image;

  g_assert_no_error (error);

  g_assert_true (ns_scene_export (f->scene, 400, 250, png_path, &error));
  g_assert_no_error (error);
  g_assert_true (ns_scene_export (f->scene, 400, 250, svg_path, &error));
  g_assert_no_error (error);
  g_assert_true (ns_scene_export (f->scene, 400, 250, pdf_path, &error));
  g_assert_no_error (error);

  check_file_starts_with (png_path, png);
  check_file_starts_with (svg_path, svg);
  check_file_starts_with (pdf_path, pdf);

  /* The PNG has the asked size. */
  image = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 250);
  cairo_surface_destroy (image);

  g_assert_false (ns_scene_export (f->scene, 400, 250, bad_path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));

  g_unlink (png_path);
  g_unlink (svg_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
}

static void
test_from_experiment (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (NsExperiment) experiment = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsNetworkViewData view;
  NsRenderStyle style;
  const NnNet *net;
  size_t n_images;
  gboolean found_x1 = FALSE;

  ns_config_init_default (&config);
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  net = ns_experiment_get_net (experiment);

  ns_render_network_prepare (&view, experiment, 24);
  g_assert_true (view.net == net);
  g_assert_nonnull (view.input_labels);
  g_assert_nonnull (view.units);

  ns_render_style_init (&style, TRUE, 1.0);
  ns_render_network (scene, &view, &style, 1000, 600);

  n_images = ns_scene_count_prims (scene, NS_PRIM_IMAGE);
  g_assert_cmpuint (n_images, ==, NS_N_FEATURES + net->n_units);
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_TEXT
          && g_str_equal (prim->text.text, ns_feature_label (NS_FEATURE_X1)))
        found_x1 = TRUE;
    }
  g_assert_true (found_x1);
  g_assert_true (ns_color_equal (ns_scene_get_background (scene), &style.background));

  dump_png (scene, "network-experiment-dark.png");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/render/network/links", Fixture, NULL, fixture_set_up, test_links,
              fixture_tear_down);
  g_test_add ("/render/network/scale", Fixture, NULL, fixture_set_up, test_scale,
              fixture_tear_down);
  g_test_add ("/render/network/neurons", Fixture, NULL, fixture_set_up, test_neurons,
              fixture_tear_down);
  g_test_add ("/render/network/no-grid", Fixture, NULL, fixture_set_up, test_no_grid,
              fixture_tear_down);
  g_test_add ("/render/network/highlight", Fixture, NULL, fixture_set_up, test_highlight,
              fixture_tear_down);
  g_test_add ("/render/network/cairo-pixels", Fixture, NULL, fixture_set_up, test_cairo_pixels,
              fixture_tear_down);
  g_test_add ("/render/network/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/render/network/features", Fixture, NULL, fixture_set_up, test_features,
              fixture_tear_down);
  g_test_add ("/render/network/controls", Fixture, NULL, fixture_set_up, test_controls,
              fixture_tear_down);
  g_test_add ("/render/network/card", Fixture, NULL, fixture_set_up, test_card, fixture_tear_down);
  g_test_add ("/render/network/selection", Fixture, NULL, fixture_set_up, test_selection,
              fixture_tear_down);
  g_test_add_func ("/render/network/describe", test_describe);
  g_test_add_func ("/render/network/from-experiment", test_from_experiment);

  status = g_test_run ();
  release_font_caches ();

  return status;
}
