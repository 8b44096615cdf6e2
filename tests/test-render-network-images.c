/* test-render-network-images.c: the network diagram of an image network (digits through
 * conv, pool and dense layers): its layer titles, one crisp image per channel, its hit regions,
 * and the step-through on it (each phase drawn, the map formula, and stepping one sample to
 * the update giving a batch step's parameters).
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include <math.h>
#include <string.h>

#include "ns-experiment-step.h"
#include "ns-render-network-private.h"
#include "ns-render-network.h"
#include "ns-render-style.h"
#include "ns-scene.h"
#include "ns-test-experiment.h"
#include "ns-test-render.h"

#define WIDTH 1000.0
#define HEIGHT 620.0

static NsExperiment *
digits_conv (const char *batch)
{
  return make_experiment ("dataset", "digits", "hidden", "c8k3,p2,32", "activation", "relu",
                          "optimizer", "adam", "lr", "0.01", "batch", batch, "seed", "7", NULL);
}

static void
render (NsScene *scene, NsExperiment *exp, guint sample, const char *name)
{
  NsNetworkViewData view;
  NsRenderStyle style;

  ns_render_network_prepare (&view, exp, 24);
  ns_render_network_prepare_sample (&view, exp, sample);
  ns_render_style_init (&style, FALSE, 1.0);
  ns_scene_clear (scene);
  ns_render_network (scene, &view, &style, WIDTH, HEIGHT);
  if (name != NULL)
    dump_png (scene, name);
}

/* Images of pw x ph pixels in the scene. */
static guint
count_images (const NsScene *scene, int pw, int ph)
{
  guint n = 0;

  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind == NS_PRIM_IMAGE && prim->image.pixel_width == pw
          && prim->image.pixel_height == ph)
        n++;
    }
  return n;
}

static const NsHitRegion *
find_hit (const NsScene *scene, NsHitKind kind, int layer, int neuron)
{
  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, k);

      if (hit->kind == kind && hit->layer == layer && hit->neuron == neuron)
        return hit;
    }
  return NULL;
}

static void
test_layers (void)
{
  g_autoptr (NsExperiment) exp = digits_conv ("10");
  NsScene *scene = ns_scene_new ();
  NsNetworkViewData view;

  ns_experiment_train_epochs (exp, 1);
  render (scene, exp, 0, "images-net.png");

  ns_render_network_prepare (&view, exp, 24);
  g_assert_true (ns_render_network_is_image (&view));
  g_assert_cmpint (view.sample_index, ==, 0);
  g_assert_cmpint (view.sample_label, >=, 0);

  /* Titles say what each layer is. */
  g_assert_true (has_text (scene, "input 8x8"));
  g_assert_true (has_text (scene, "conv 3x3 · 8 channels · ReLU"));
  g_assert_true (has_text (scene, "max-pool 2x2"));
  /* A narrow column writes its title's first words, the rest under them. */
  g_assert_true (has_text (scene, "dense 32 · ReLU")
                 || (has_text (scene, "dense 32") && has_text (scene, "ReLU")));
  {
    g_autofree char *dense = ns_render_network_layer_title (ns_experiment_get_net (exp), 2);

    g_assert_cmpstr (dense, ==, "dense 32 · ReLU");
  }
  g_assert_true (has_text (scene, "softmax 10"));
  g_assert_true (has_text (scene, "7") || has_text (scene, "0"));

  /* One image per channel: the input, 8 conv maps of 8x8 with their 3x3 filters, 8 pooled
   * maps of 4x4, 32 dense neurons; every image crisp, at whole-unit positions. */
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1 + 8);
  g_assert_cmpuint (count_images (scene, 3, 3), ==, 8);
  g_assert_cmpuint (count_images (scene, 4, 4), ==, 8);
  g_assert_cmpuint (count_images (scene, 1, 1), ==, 32);
  for (size_t k = 0; k < ns_scene_get_n_prims (scene); k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);

      if (prim->kind != NS_PRIM_IMAGE)
        continue;
      g_assert_true (prim->image.crisp);
      g_assert_cmpfloat (prim->image.x, ==, round (prim->image.x));
      g_assert_cmpfloat (prim->image.y, ==, round (prim->image.y));
      /* A map's pixel is a whole number of units. */
      if (prim->image.pixel_width == 8 || prim->image.pixel_width == 4)
        g_assert_cmpfloat (fmod (prim->image.width, prim->image.pixel_width), ==, 0);
    }

  /* Hit regions: the input, each map, each neuron and each class, all inside the area; the
   * middle of a map hits that map. */
  g_assert_nonnull (find_hit (scene, NS_HIT_INPUT, -1, 0));
  for (int c = 0; c < 8; c++)
    {
      const NsHitRegion *conv = find_hit (scene, NS_HIT_NEURON, 0, c);
      const NsHitRegion *pool = find_hit (scene, NS_HIT_NEURON, 1, c);
      const NsHitRegion *hit;

      g_assert_nonnull (conv);
      g_assert_nonnull (pool);
      hit = ns_scene_hit_test (scene, (conv->x0 + conv->x1) / 2, (conv->y0 + conv->y1) / 2);
      g_assert_nonnull (hit);
      g_assert_cmpint (hit->layer, ==, 0);
      g_assert_cmpint (hit->neuron, ==, c);
    }
  for (int j = 0; j < 32; j++)
    g_assert_nonnull (find_hit (scene, NS_HIT_NEURON, 2, j));
  for (int k = 0; k < 10; k++)
    g_assert_nonnull (find_hit (scene, NS_HIT_NEURON, 3, k));
  for (size_t k = 0; k < ns_scene_get_n_hits (scene); k++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, k);

      g_assert_false (hit->segment);
      g_assert_cmpfloat (MIN (hit->x0, hit->x1), >=, 0);
      g_assert_cmpfloat (MIN (hit->y0, hit->y1), >=, 0);
      g_assert_cmpfloat (MAX (hit->x0, hit->x1), <=, WIDTH);
      g_assert_cmpfloat (MAX (hit->y0, hit->y1), <=, HEIGHT);
    }

  /* Links are a sketch, not every weight (8 x 16 x 32 of them into the dense layer). */
  g_assert_cmpuint (ns_scene_count_prims (scene, NS_PRIM_LINE), <, 200);

  ns_scene_free (scene);
}

/* Another sample shows another input; a sample past the end is the last one. */
static void
test_sample (void)
{
  g_autoptr (NsExperiment) exp = digits_conv ("10");
  const NsDataset *data = ns_experiment_get_dataset (exp);
  NsNetworkViewData view;
  g_autofree float *first = NULL;

  ns_render_network_prepare (&view, exp, 0);
  first = g_memdup2 (view.sample_input, 64 * sizeof (float));
  ns_render_network_prepare_sample (&view, exp, 5);
  g_assert_cmpint (view.sample_index, ==, 5);
  g_assert_cmpint (view.sample_label, ==, (int) data->test_y[5]);
  g_assert_cmpmem (view.sample_input, 64 * sizeof (float), data->test_x + 5 * 64,
                   64 * sizeof (float));
  g_assert_true (memcmp (first, view.sample_input, 64 * sizeof (float)) != 0);
  ns_render_network_prepare_sample (&view, exp, 1000000);
  g_assert_cmpint (view.sample_index, ==, (int) data->n_test - 1);
}

/* A dense first layer on the pixels draws each neuron's weights as an 8x8 image. */
static void
test_dense_on_pixels (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "digits", "hidden", "12", "activation", "relu", NULL);
  NsScene *scene = ns_scene_new ();

  render (scene, exp, 0, "images-dense.png");
  g_assert_true (has_text (scene, "dense 12 · ReLU")
                 || (has_text (scene, "dense 12") && has_text (scene, "ReLU")));
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1 + 12);
  g_assert_cmpuint (count_images (scene, 1, 1), ==, 12);
  ns_scene_free (scene);
}

/* Stepping one sample of a batch of 1 through every phase: each drawn as it should be, and
 * the update equal to a batch step's. */
static void
test_step (void)
{
  g_autoptr (NsExperiment) exp = digits_conv ("1");
  g_autoptr (NsExperiment) batch = digits_conv ("1");
  NsScene *scene = ns_scene_new ();
  const NsStepState *step;
  NsNetworkViewData view;
  NsNetworkItem map = { NS_HIT_NEURON, 0, 2, -1 };
  NsNetworkItem pool = { NS_HIT_NEURON, 1, 2, -1 };
  gboolean saw_backward_text = FALSE;
  guint n_moves = 0;

  g_assert_true (ns_experiment_step_phase (exp));
  step = ns_experiment_get_step_state (exp);
  g_assert_cmpint (step->phase, ==, NS_STEP_FORWARD);
  g_assert_cmpuint (step->layer, ==, 1);

  /* FORWARD at its first layer: the conv maps are shown, the pool's not yet. */
  render (scene, exp, 0, "images-step-forward.png");
  g_assert_true (has_text_prefix (scene, "forward: sample 1 of 1"));
  g_assert_cmpuint (count_images (scene, 8, 8), ==, 1 + 8);
  g_assert_cmpuint (count_images (scene, 4, 4), ==, 0);
  {
    g_autofree char *text = NULL;

    ns_render_network_prepare (&view, exp, 0);
    text = ns_render_network_step_explain (&view, &map);
    g_assert_nonnull (text);
    g_assert_true (strstr (text, "Map 3 of layer 1") != NULL);
    g_assert_true (strstr (text, "z = b + Σ w·x over its 3x3 window") != NULL);
    g_assert_true (strstr (text, "a = ReLU(z)") != NULL);
    g_free (g_steal_pointer (&text));
    text = ns_render_network_step_explain (&view, &pool);
    g_assert_true (strstr (text, "not reached yet") != NULL);
  }

  while (step->phase != NS_STEP_UPDATE && n_moves++ < 100)
    {
      g_assert_true (ns_experiment_step_phase (exp));
      if (step->phase == NS_STEP_LOSS)
        {
          render (scene, exp, 0, "images-step-loss.png");
          g_assert_true (has_text_prefix (scene, "L = "));
        }
      if (step->phase == NS_STEP_BACKWARD && step->layer == step->n_layers)
        {
          g_autofree char *text = NULL;

          render (scene, exp, 0, "images-step-backward.png");
          saw_backward_text = has_text_prefix (scene, "backward: ");
          ns_render_network_prepare (&view, exp, 0);
          text = ns_render_network_step_explain (&view, &map);
          g_assert_true (strstr (text, "δ") != NULL);
        }
    }
  g_assert_true (saw_backward_text);
  g_assert_cmpint (step->phase, ==, NS_STEP_UPDATE);

  /* UPDATE: each filter before and after, and its change. */
  render (scene, exp, 0, "images-step-update.png");
  g_assert_true (has_text_prefix (scene, "update: "));
  g_assert_cmpuint (count_images (scene, 3, 3), ==, 3 * 8); /* before, after, change */
  {
    g_autofree char *text = NULL;

    ns_render_network_prepare (&view, exp, 0);
    text = ns_render_network_step_explain (&view, &map);
    g_assert_true (strstr (text, "bias: ") != NULL);
  }

  /* The same parameters as one ordinary step of the same run. */
  ns_experiment_step (batch, 1);
  g_assert_true (same_params (ns_experiment_get_net (exp), ns_experiment_get_net (batch)));

  ns_scene_free (scene);
}

/* A batch of several samples: stepping the whole batch sample by sample equals a batch step. */
static void
test_step_batch (void)
{
  g_autoptr (NsExperiment) exp = digits_conv ("4");
  g_autoptr (NsExperiment) batch = digits_conv ("4");

  ns_experiment_train_epochs (exp, 0);
  g_assert_true (ns_experiment_step_finish_batch (exp));
  g_assert_cmpint (ns_experiment_get_step_state (exp)->phase, ==, NS_STEP_UPDATE);
  ns_experiment_step (batch, 1);
  g_assert_true (same_params (ns_experiment_get_net (exp), ns_experiment_get_net (batch)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render-network-images/layers", test_layers);
  g_test_add_func ("/render-network-images/sample", test_sample);
  g_test_add_func ("/render-network-images/dense-on-pixels", test_dense_on_pixels);
  g_test_add_func ("/render-network-images/step", test_step);
  g_test_add_func ("/render-network-images/step-batch", test_step_batch);

  return g_test_run ();
}
