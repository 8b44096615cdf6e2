/* test-render-network-step.c: the network diagram while stepping through training: the
 * numbers of each phase (forward, loss, backward, update) over the diagram, the links drawn
 * per layer to their own scale, and the details pane's worked formulas. Its own program
 * because it drives a whole experiment phase by phase, where test-render-network.c draws a
 * hand-set network.
 *
 * NS_TEST_DUMP=dir writes the pictures as PNG files into dir, for looking at them.
 */
#include <math.h>
#include <string.h>

#include "ns-experiment-step.h"
#include "ns-render-chart.h"
#include "ns-render-network.h"
#include "ns-render-style.h"
#include "ns-scene.h"
#include "ns-test-render.h"

/* The scene of @experiment as it stands, at zoom 1 (and dumped at 1 and 1.6). */
static void
render_step (NsScene *scene, NsExperiment *experiment, const char *name)
{
  NsNetworkViewData view;
  NsRenderStyle style;

  ns_render_network_prepare (&view, experiment, 24);
  ns_render_style_init (&style, FALSE, 1.6);
  ns_scene_clear (scene);
  ns_render_network (scene, &view, &style, 1000 * 1.6, 600 * 1.6);
  if (name != NULL)
    {
      g_autofree char *big = g_strdup_printf ("step-%s-1.6.png", name);

      dump_png (scene, big);
    }

  ns_render_style_init (&style, FALSE, 1.0);
  ns_scene_clear (scene);
  ns_render_network (scene, &view, &style, 1000, 600);
  if (name != NULL)
    {
      g_autofree char *small = g_strdup_printf ("step-%s.png", name);

      dump_png (scene, small);
    }
}

static void
assert_no_step_text (const NsScene *scene)
{
  g_assert_false (has_text_prefix (scene, "z "));
  g_assert_false (has_text_prefix (scene, "δ "));
  g_assert_false (has_text_prefix (scene, "Δb "));
  g_assert_false (has_text_prefix (scene, "L = "));
  g_assert_false (has_text_prefix (scene, "forward: "));
  g_assert_false (has_text (scene, "backward: gradients flow right to left"));
  g_assert_false (has_text_prefix (scene, "update: "));
}

static void
step_to (NsExperiment *experiment, NsStepPhase phase)
{
  for (int k = 0; k < 100 && ns_experiment_get_step_state (experiment)->phase != phase; k++)
    g_assert_true (ns_experiment_step_phase (experiment));
  g_assert_cmpint (ns_experiment_get_step_state (experiment)->phase, ==, phase);
}

static void
test_step (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (NsExperiment) experiment = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NsScene) scene = ns_scene_new ();
  NsRenderStyle style;
  const NsStepState *step;
  const NnNet *net;
  g_autofree char *text = NULL;
  g_autofree char *z = NULL;
  g_autofree char *a = NULL;
  g_autofree char *tip = NULL;
  double z0;
  gboolean seen_positive = FALSE, seen_negative = FALSE;

  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "dataset", "xor", &error));
  g_assert_true (ns_config_set_option (&config, "hidden", "3", &error));
  g_assert_true (ns_config_set_option (&config, "batch", "2", &error));
  g_assert_no_error (error);
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  net = ns_experiment_get_net (experiment);
  ns_render_style_init (&style, FALSE, 1.0);

  /* IDLE: the ordinary picture. */
  render_step (scene, experiment, "idle");
  assert_no_step_text (scene);

  /* FORWARD: z = w·x + b and a = tanh z of the first hidden neuron, worked out here. */
  step_to (experiment, NS_STEP_FORWARD);
  step = ns_experiment_get_step_state (experiment);
  z0 = net->params[nn_net_param_index (net, 0, 0, 2)];
  for (size_t i = 0; i < 2; i++)
    z0 += net->params[nn_net_param_index (net, 0, 0, i)] * step->input[i];
  g_assert_cmpfloat_with_epsilon (step->z[0], z0, 1e-5);
  g_assert_cmpfloat_with_epsilon (step->a[0], tanh (z0), 1e-5);
  z = ns_render_network_format_number (step->z[0]);
  a = ns_render_network_format_number (step->a[0]);
  text = g_strdup_printf ("z %s → a %s", z, a);
  render_step (scene, experiment, "forward");
  g_assert_true (has_text (scene, text));
  {
    g_autofree char *x = ns_render_network_format_number (step->input[0]);

    g_assert_true (has_text (scene, x));
  }
  /* The layers light up in turn: the hidden layer first (its caption says what it computes),
   * the output's numbers only at the next step. */
  g_assert_cmpuint (step->layer, ==, 1);
  g_assert_true (has_text (scene, "hidden layer 1: z = w·x + b, a = tanh(z)"));
  g_assert_false (has_text_prefix (scene, "ŷ "));
  {
    g_autofree char *out_z = ns_render_network_format_number (step->z[net->n_units - 1]);
    g_autofree char *out_a = ns_render_network_format_number (step->a[net->n_units - 1]);
    g_autofree char *out = g_strdup_printf ("z %s → a %s", out_z, out_a);

    g_assert_false (has_text (scene, out));
    g_assert_true (ns_experiment_step_phase (experiment));
    g_assert_cmpint (step->phase, ==, NS_STEP_FORWARD);
    render_step (scene, experiment, "forward-output");
    g_assert_true (has_text (scene, out));
    g_assert_true (has_text (scene, text));
    g_assert_true (has_text (scene, "output layer: z = w·x + b, ŷ = σ(z)"));
  }

  /* Numbers as written: a real minus sign, three digits. */
  {
    g_autofree char *m = ns_render_network_format_number (-0.012345);
    g_autofree char *p = ns_render_network_format_number (0.4);

    g_assert_cmpstr (m, ==, "−0.0123");
    g_assert_cmpstr (p, ==, "0.4");
  }

  /* LOSS: BCE of the output against the target, worked out here. */
  step_to (experiment, NS_STEP_LOSS);
  step = ns_experiment_get_step_state (experiment);
  {
    double p = step->a[net->n_units - 1];
    double t = step->target;
    double loss = -(t * log (p) + (1 - t) * log (1 - p));
    g_autofree char *l = ns_render_network_format_number (loss);
    g_autofree char *expected = NULL;
    g_autofree char *formula = ns_render_network_step_loss_text (net, step);

    g_assert_cmpfloat_with_epsilon (step->loss, loss, 1e-5);
    expected = g_strdup_printf (" = %s", l);
    g_assert_true (g_str_has_suffix (formula, expected));
    g_assert_true (g_str_has_prefix (formula, t > 0.5 ? "L = −(1·log " : "L = −(0·log "));
    render_step (scene, experiment, "loss");
    g_assert_true (has_text (scene, formula));
    /* The target names its class: the circle's are generated, so by their colour. */
    g_assert_true (has_text (scene, t > 0.5 ? "target y = 1 (blue)" : "target y = 0 (orange)"));
  }

  /* BACKWARD: links coloured by the sign of the sample's gradient (not the weight's), over
   * samples until both signs were seen. */
  for (int sample = 0; sample < 20 && !(seen_positive && seen_negative); sample++)
    {
      g_autofree char *d = NULL;
      g_autofree char *delta = NULL;

      step_to (experiment, NS_STEP_BACKWARD);
      step = ns_experiment_get_step_state (experiment);
      d = ns_render_network_format_number (step->delta[0]);
      delta = g_strdup_printf ("δ %s", d);
      /* The output's delta arrives first; the hidden layer's links are not reached yet (thin,
       * neutral, faint). */
      g_assert_cmpuint (step->layer, ==, 1);
      render_step (scene, experiment, sample == 0 ? "backward-output" : NULL);
      g_assert_true (has_text (scene, "backward: gradients flow right to left"));
      g_assert_true (has_text (scene, "output layer: δ = (ŷ − y) ÷ 2 (batch size)"));
      g_assert_false (has_text (scene, delta));
      {
        const NsLine *line = find_link (scene, 0, 0, 0);

        g_assert_false (same_rgb (&line->color, &style.positive));
        g_assert_false (same_rgb (&line->color, &style.negative));
      }
      g_assert_true (ns_experiment_step_phase (experiment));
      render_step (scene, experiment, sample == 0 ? "backward" : NULL);
      g_assert_true (has_text (scene, "hidden layer 1: δ = f′(z) · Σ w·δ from the right"));
      g_assert_true (has_text (scene, delta));

      for (size_t l = 0; l < net->n_layers; l++)
        for (size_t j = 0; j < net->layers[l].n_out; j++)
          for (size_t i = 0; i < net->layers[l].n_in; i++)
            {
              size_t k = nn_net_param_index (net, l, j, i);
              const NsLine *line = find_link (scene, (int) l, (int) j, (int) i);
              float g = step->grad[k];

              if (g > 0)
                {
                  g_assert_true (same_rgb (&line->color, &style.positive));
                  seen_positive = TRUE;
                }
              else if (g < 0)
                {
                  g_assert_true (same_rgb (&line->color, &style.negative));
                  seen_negative = TRUE;
                }
            }

      if (sample == 0)
        {
          NsNetworkItem link = { NS_HIT_LINK, 0, 0, 0 };
          NsNetworkViewData view;

          ns_render_network_prepare (&view, experiment, 0);
          tip = ns_render_network_step_explain (&view, &link);
          g_assert_nonnull (strstr (tip, "this sample's gradient"));
        }

      /* On to the next sample (through UPDATE when the batch ends). */
      g_assert_true (ns_experiment_step_phase (experiment));
    }
  g_assert_true (seen_positive);
  g_assert_true (seen_negative);

  /* UPDATE: the caption and each bias's change. */
  step_to (experiment, NS_STEP_UPDATE);
  step = ns_experiment_get_step_state (experiment);
  render_step (scene, experiment, "update");
  g_assert_true (has_text (scene, "update: w ← w − η·g (learning rate 0.03)"));
  {
    g_autofree char *c = ns_render_network_format_number (
        step->params_after[net->layers[0].b_offset] - step->params_before[net->layers[0].b_offset]);
    g_autofree char *expected = g_strdup_printf ("Δb %s", c);
    NsNetworkItem neuron = { NS_HIT_NEURON, 0, 0, -1 };
    NsNetworkViewData view;
    g_autofree char *numbers = NULL;

    ns_render_network_prepare (&view, experiment, 0);
    numbers = ns_render_network_step_explain (&view, &neuron);
    g_assert_true (has_text (scene, expected));
    g_assert_nonnull (strstr (numbers, "bias b: "));
  }

  /* After the update: IDLE, the ordinary picture again. */
  g_assert_true (ns_experiment_step_phase (experiment));
  g_assert_cmpint (ns_experiment_get_step_state (experiment)->phase, ==, NS_STEP_IDLE);
  render_step (scene, experiment, NULL);
  assert_no_step_text (scene);
}

/* LOSS for softmax (three classes) and MSE (regression): the formula of the loss, its numbers
 * worked out here. */
static void
test_step_losses (void)
{
  static const char *const datasets[] = { "spiral3", "reg-plane" };

  for (size_t d = 0; d < G_N_ELEMENTS (datasets); d++)
    {
      g_auto (NsConfig) config = { 0 };
      g_autoptr (NsExperiment) experiment = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (NsScene) scene = ns_scene_new ();
      g_autofree char *formula = NULL;
      g_autofree char *l = NULL;
      g_autofree char *name = NULL;
      const NsStepState *step;
      const NnNet *net;
      const NnLayer *out;
      double loss;

      ns_config_init_default (&config);
      g_assert_true (ns_config_set_option (&config, "dataset", datasets[d], &error));
      g_assert_no_error (error);
      experiment = ns_experiment_new (&config, &error);
      g_assert_no_error (error);
      net = ns_experiment_get_net (experiment);
      out = &net->layers[net->n_layers - 1];

      step_to (experiment, NS_STEP_LOSS);
      step = ns_experiment_get_step_state (experiment);
      formula = ns_render_network_step_loss_text (net, step);
      if (net->loss == NN_LOSS_SOFTMAX_CE)
        {
          loss = -log (step->a[out->unit_offset + (size_t) step->target]);
          g_assert_true (g_str_has_prefix (formula, "L = −log p_t = −log "));
        }
      else
        {
          double e = step->a[out->unit_offset] - step->target;

          g_assert_cmpint (net->loss, ==, NN_LOSS_MSE);
          loss = 0.5 * e * e;
          g_assert_true (g_str_has_prefix (formula, "L = ½(ŷ − y)² = ½("));
        }
      g_assert_cmpfloat_with_epsilon (step->loss, loss, 1e-5 * MAX (1.0, loss));
      l = ns_render_network_format_number (step->loss);
      g_assert_true (g_str_has_suffix (formula, l));

      name = g_strdup_printf ("loss-%s", datasets[d]);
      render_step (scene, experiment, name);
      g_assert_true (has_text_wrapped (scene, formula));
    }
}

/* Backward with eight sigmoid layers: gradients near the input are orders of magnitude
 * smaller, yet each layer is drawn to its own scale, so its largest gradient is as wide as
 * the output layer's and every sign still shows. */
static void
test_step_layer_scale (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (NsExperiment) experiment = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NsScene) scene = ns_scene_new ();
  const NsStepState *step;
  const NnNet *net;
  double widest[NN_MAX_LAYERS] = { 0 };
  double largest[NN_MAX_LAYERS] = { 0 };

  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "dataset", "circle", &error));
  g_assert_true (ns_config_set_option (&config, "hidden", "4,4,4,4,4,4,4,4", &error));
  g_assert_true (ns_config_set_option (&config, "activation", "sigmoid", &error));
  g_assert_no_error (error);
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  net = ns_experiment_get_net (experiment);
  step = ns_experiment_get_step_state (experiment);
  while (!(step->phase == NS_STEP_BACKWARD && step->layer == step->n_layers))
    g_assert_true (ns_experiment_step_whole_phase (experiment));
  render_step (scene, experiment, "backward-sigmoid8");

  for (size_t l = 0; l < net->n_layers; l++)
    for (size_t j = 0; j < net->layers[l].n_out; j++)
      for (size_t i = 0; i < net->layers[l].n_in; i++)
        {
          const NsLine *line = find_link (scene, (int) l, (int) j, (int) i);

          widest[l] = MAX (widest[l], line->width);
          largest[l] = MAX (largest[l], fabs (step->grad[nn_net_param_index (net, l, j, i)]));
        }
  /* The point of the per-layer scale: the first layer's gradients are tiny next to the
   * output's. */
  g_assert_cmpfloat (largest[0], <, 1e-3 * largest[net->n_layers - 1]);
  for (size_t l = 0; l < net->n_layers; l++)
    g_assert_cmpfloat_with_epsilon (widest[l], widest[net->n_layers - 1], 1e-9);
}

/* The details pane's text: each formula's numbers are the step's, and its result the engine's
 * (checked against sums worked out here). */
static NsExperiment *
explain_experiment (const char *optimizer, const char *regularization)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;

  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "dataset", "xor", &error));
  g_assert_true (ns_config_set_option (&config, "hidden", "3", &error));
  g_assert_true (ns_config_set_option (&config, "batch", "2", &error));
  g_assert_true (ns_config_set_option (&config, "optimizer", optimizer, &error));
  if (g_strcmp0 (regularization, "none") != 0)
    g_assert_true (ns_config_set_option (&config, regularization, "0.01", &error));
  g_assert_no_error (error);
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  return experiment;
}

static char *
explain (NsExperiment *experiment, NsHitKind kind, int layer, int neuron, int input)
{
  NsNetworkViewData view;
  NsNetworkItem item = { kind, layer, neuron, input };

  ns_render_network_prepare (&view, experiment, 0);
  return ns_render_network_step_explain (&view, &item);
}

static void
assert_contains (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

static void
assert_contains_number (const char *text, const char *before, double v)
{
  g_autofree char *n = ns_render_network_format_number (v);
  g_autofree char *part = g_strconcat (before, n, NULL);

  assert_contains (text, part);
}

/* One formatter for every number a learner reads while stepping: plain decimals where they
 * fit, "× 10⁻⁵" where they do not, never C's "5.41e-05". */
static void
test_format_number (void)
{
  static const struct
  {
    double value;
    int digits;
    const char *text;
  } cases[] = {
    { 0.0000541, 3, "5.41 × 10⁻⁵" },
    { -0.0000541, 3, "−5.41 × 10⁻⁵" },
    { 0.000541, 3, "0.000541" },
    { 0.0009996, 3, "0.001" },
    { -0.012345, 3, "−0.0123" },
    { 0.4, 3, "0.4" },
    { 1.0, 3, "1" },
    { 12.345, 3, "12.3" },
    { 1234.6, 3, "1235" },
    { 123456.7, 3, "123457" },
    { 999999.4, 3, "1 × 10⁶" },
    { 2.5e7, 3, "2.5 × 10⁷" },
    { 1.23456e-12, 4, "1.235 × 10⁻¹²" },
    { -0.0, 3, "0" },
    { 0, 3, "0" },
    { 1.8462, 6, "1.8462" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ns_render_format_number (cases[i].value, cases[i].digits);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_null (strchr (text, 'e'));
    }
  {
    g_autofree char *nan_text = ns_render_format_number (NAN, 3);
    g_autofree char *inf_text = ns_render_format_number (-INFINITY, 3);
    g_autofree char *step_text = ns_render_network_format_number (0.0000541);

    g_assert_cmpstr (nan_text, ==, "NaN");
    g_assert_cmpstr (inf_text, ==, "−∞");
    g_assert_cmpstr (step_text, ==, "5.41 × 10⁻⁵");
  }
}

static void
test_step_explain (void)
{
  g_autoptr (NsExperiment) experiment = explain_experiment ("sgd", "none");
  const NnNet *net = ns_experiment_get_net (experiment);
  const NsStepState *step = ns_experiment_get_step_state (experiment);
  size_t out = net->layers[1].unit_offset;
  g_autofree char *idle = explain (experiment, NS_HIT_NEURON, 0, 0, -1);

  g_assert_null (idle); /* not stepping: no pane text */

  /* FORWARD, hidden layer: z term by term, then tanh. */
  g_assert_true (ns_experiment_step_phase (experiment));
  {
    g_autofree char *t = explain (experiment, NS_HIT_NEURON, 0, 1, -1);
    g_autofree char *o = explain (experiment, NS_HIT_NEURON, 1, 0, -1);
    g_autofree char *w =
        ns_render_network_format_number (net->params[nn_net_param_index (net, 0, 1, 0)]);
    double z = net->params[net->layers[0].b_offset + 1];

    for (size_t i = 0; i < 2; i++)
      z += net->params[nn_net_param_index (net, 0, 1, i)] * step->input[i];
    g_assert_cmpfloat_with_epsilon (z, step->z[1], 1e-5);
    g_assert_true (g_str_has_prefix (t, "Neuron 2 of hidden layer 1\nz = w·x + b = "));
    assert_contains (t, w);
    assert_contains_number (t, " = ", step->z[1]);
    assert_contains_number (t, "a = tanh(z) = tanh(", step->z[1]);
    assert_contains_number (t, ") = ", step->a[1]);
    /* The output waits its turn. */
    assert_contains (o, "not reached this layer yet");
  }

  /* The output's value names its class by colour (xor's classes are generated). */
  g_assert_true (ns_experiment_step_phase (experiment));
  {
    g_autofree char *o = explain (experiment, NS_HIT_NEURON, 1, 0, -1);

    assert_contains (o, ": P(blue)");
  }

  /* BACKWARD at its end: the output's (ŷ − y) / B and the hidden f′(z)·Σ w·δ. */
  while (!(step->phase == NS_STEP_BACKWARD && step->layer == step->n_layers))
    g_assert_true (ns_experiment_step_phase (experiment));
  {
    g_autofree char *o = explain (experiment, NS_HIT_NEURON, 1, 0, -1);
    g_autofree char *h = explain (experiment, NS_HIT_NEURON, 0, 2, -1);
    g_autofree char *link = explain (experiment, NS_HIT_LINK, 0, 2, 1);
    double slope = 1 - step->a[2] * step->a[2];
    double delta = slope * net->params[nn_net_param_index (net, 1, 0, 2)] * step->delta[out];

    g_assert_cmpfloat_with_epsilon ((step->a[out] - step->target) / 2, step->delta[out], 1e-6);
    assert_contains (o, "δ = (ŷ − y) ÷ B = (");
    assert_contains (o, " ÷ 2 (batch size) = ");
    assert_contains_number (o, ") ÷ 2 (batch size) = ", step->delta[out]);
    g_assert_cmpfloat_with_epsilon (delta, step->delta[2], 1e-6);
    assert_contains (h, "f′(z) = 1 − a² = 1 − ");
    assert_contains_number (h, ") = ", step->delta[2]);
    assert_contains (link, "Weight from X₂ to neuron 3 of hidden layer 1");
    assert_contains (link, "∂L/∂w = δ·x = ");
    assert_contains (link, "batch gradient so far (sample 1 of 2): ");
    assert_contains_number (link, " = ", step->grad[nn_net_param_index (net, 0, 2, 1)]);
  }

  /* UPDATE, SGD: change = −η·g and the weight's old → new. */
  while (step->phase != NS_STEP_UPDATE)
    g_assert_true (ns_experiment_step_phase (experiment));
  {
    size_t k = nn_net_param_index (net, 1, 0, 0);
    g_autofree char *link = explain (experiment, NS_HIT_LINK, 1, 0, 0);

    g_assert_cmpfloat_with_epsilon (step->change[k], -0.03 * step->batch_grad[k], 1e-7);
    assert_contains (link, "Weight from neuron 1 of hidden layer 1 to the output neuron");
    assert_contains_number (link, "batch gradient g = ", step->batch_grad[k]);
    assert_contains (link, "change = −η·g = −0.03·");
    /* Old → new with enough digits that the two differ, however small the change. */
    for (size_t l = 0; l < net->n_layers; l++)
      for (size_t j = 0; j < net->layers[l].n_out; j++)
        for (size_t i = 0; i < net->layers[l].n_in; i++)
          {
            g_autofree char *t = explain (experiment, NS_HIT_LINK, (int) l, (int) j, (int) i);
            const char *moved = strstr (t, "weight w: ");
            g_auto (GStrv) ends = NULL;
            size_t w = nn_net_param_index (net, l, j, i);

            g_assert_nonnull (moved);
            ends = g_strsplit (moved + strlen ("weight w: "), " → ", 2);
            g_assert_cmpuint (g_strv_length (ends), ==, 2);
            if (step->params_after[w] != step->params_before[w])
              g_assert_cmpstr (ends[0], !=, ends[1]);
          }
  }
}

/* The optimizer's own terms: momentum's velocity, Adam's moments, L2's extra gradient. */
static void
test_step_explain_optimizers (void)
{
  static const char *const cases[][3] = {
    { "momentum", "none", "velocity v = μ·v + g = 0.9·" },
    { "adam", "none", "bias-corrected m̂ = " },
    { "sgd", "l2", "with L2: g′ = g + λ·w = " },
  };

  for (size_t c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (NsExperiment) experiment = explain_experiment (cases[c][0], cases[c][1]);
      const NsStepState *step = ns_experiment_get_step_state (experiment);
      g_autofree char *link = NULL;
      g_autofree char *change = NULL;

      g_assert_true (ns_experiment_step_finish_batch (experiment));
      g_assert_cmpint (step->phase, ==, NS_STEP_UPDATE);
      link = explain (experiment, NS_HIT_LINK, 0, 0, 0);
      assert_contains (link, cases[c][2]);
      change = ns_render_network_format_number (step->change[0]);
      assert_contains (link, change);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/network/format-number", test_format_number);
  g_test_add_func ("/render/network/step", test_step);
  g_test_add_func ("/render/network/step-losses", test_step_losses);
  g_test_add_func ("/render/network/step-layer-scale", test_step_layer_scale);
  g_test_add_func ("/render/network/step-explain", test_step_explain);
  g_test_add_func ("/render/network/step-explain-optimizers", test_step_explain_optimizers);

  status = g_test_run ();
  release_font_caches ();

  return status;
}
