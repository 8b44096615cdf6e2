/* ns-render-network-explain.c: the numbers of one neuron or link in a step-through phase,
 * written out as the formulas an instructor reads aloud ("z = 0.52·(−4.46) + … = 1.74").
 *
 * Every number comes from the step state (the engine's kept values of that very sample);
 * the sums are printed term by term from the same numbers, and the result printed is the
 * engine's, so the text can never disagree with what was applied. */
#include "ns-render-network.h"
#include "ns-render-network-private.h"
#include "ns-render-chart.h"
#include "ns-printf.h"

#include <math.h>

/* More terms than this make a line nobody reads aloud: the rest are counted instead. */
#define MAX_TERMS 6

static char *
num (double v)
{
  return ns_render_network_format_number (v);
}

/* A number with @digits significant digits, written as ns_render_network_format_number
 * writes three (a real minus sign, no "-0"). */
static char *
num_digits (double v, int digits)
{
  return ns_render_format_number (v, MAX (digits, 3));
}

/* A number as a factor after "·": negative ones in parentheses, so "0.5·(−2)" never reads
 * as a subtraction. */
static char *
factor (double v)
{
  g_autofree char *s = num (v);

  return v < 0 ? g_strdup_printf ("(%s)", s) : g_steal_pointer (&s);
}

static void
append_num (GString *s, double v)
{
  g_autofree char *t = num (v);

  g_string_append (s, t);
}

static void
append_factor (GString *s, double v)
{
  g_autofree char *t = factor (v);

  g_string_append (s, t);
}

static gboolean
reached (const NsStepState *step, size_t l)
{
  if (step->phase == NS_STEP_FORWARD)
    return l < step->layer;
  if (step->phase == NS_STEP_BACKWARD)
    return l + step->layer >= step->n_layers;
  return TRUE;
}

static gboolean
is_output (const NnNet *net, size_t l)
{
  return l == net->n_layers - 1;
}

/* "neuron 2 of hidden layer 1", "the output neuron", "output neuron 3 (versicolor)". */
static char *
neuron_name (const NsNetworkViewData *view, size_t l, size_t j)
{
  const NnNet *net = view->net;

  if (!is_output (net, l))
    return g_strdup_printf ("neuron %zu of hidden layer %zu", j + 1, l + 1);
  if (nn_net_layer_width (net, l) == 1)
    return g_strdup ("the output neuron");
  if (view->class_names != NULL && view->class_names[j] != NULL)
    return g_strdup_printf ("output neuron %zu (%s)", j + 1, view->class_names[j]);
  return g_strdup_printf ("output neuron %zu", j + 1);
}

/* The name of input @i of weight layer @l: a feature or column for the first layer, a neuron
 * of the layer before otherwise. */
static char *
input_name (const NsNetworkViewData *view, size_t l, size_t i)
{
  if (l > 0)
    return neuron_name (view, l - 1, i);
  if (view->input_labels != NULL && view->input_labels[i] != NULL)
    return g_strdup (view->input_labels[i]);
  return g_strdup_printf ("input %zu", i + 1);
}

/* The weights the sample's forward and backward passes used: after the update the net holds
 * the new ones, and the state keeps the old. */
static const float *
weights_used (const NnNet *net, const NsStepState *step)
{
  if (step->phase == NS_STEP_UPDATE && step->params_before != NULL)
    return step->params_before;
  return net->params;
}

/* Input @i of weight layer @l for the sample: a feature value or the previous layer's a. */
static float
layer_input (const NnNet *net, const NsStepState *step, size_t l, size_t i)
{
  if (l == 0)
    return step->input[i];
  return step->a[nn_net_unit_index (net, l - 1, i)];
}

/* "z = w·x + b = 0.52·(−4.46) + (−1.2)·(−3.02) + 0.1 = 1.74" */
static void
explain_z (GString *s, const NnNet *net, const NsStepState *step, size_t l, size_t j)
{
  const float *w = weights_used (net, step);
  size_t fan_in = nn_net_layer_fan_in (net, l);
  size_t shown = MIN (fan_in, MAX_TERMS);

  g_string_append (s, "z = w·x + b = ");
  for (size_t i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (s, " + ");
      append_factor (s, w[nn_net_param_index (net, l, j, i)]);
      g_string_append (s, "·");
      append_factor (s, layer_input (net, step, l, i));
    }
  if (fan_in > shown)
    g_string_append_printf (s, " + ⋯ (%zu more)", fan_in - shown);
  g_string_append (s, " + ");
  append_factor (s, w[nn_net_param_index (net, l, j, fan_in)]);
  g_string_append (s, " = ");
  append_num (s, step->z[nn_net_unit_index (net, l, j)]);
  g_string_append_c (s, '\n');
}

/* "a = tanh(z) = tanh(1.74) = 0.941", or the output's ŷ / p. */
static void
explain_a (GString *s, const NsNetworkViewData *view, size_t l, size_t j)
{
  const NnNet *net = view->net;
  const NsStepState *step = view->step;
  size_t u = nn_net_unit_index (net, l, j);
  g_autofree char *z = num (step->z[u]);
  g_autofree char *a = num (step->a[u]);

  if (is_output (net, l))
    switch (net->loss)
      {
      case NN_LOSS_BCE:
        /* P(blue), by the class's name: "class 1" means nothing on screen. */
        g_string_append_printf (
            s, "ŷ = σ(z) = σ(%s) = %s: P(%s)\n", z, a,
            ns_render_class_name (view->data_class_names, view->n_data_classes, 1));
        return;
      case NN_LOSS_SOFTMAX_CE:
        g_string_append_printf (s, "p = e^z / Σ e^z over the outputs = %s\n", a);
        return;
      case NN_LOSS_MSE:
      case NN_N_LOSSES:
      default:
        g_string_append_printf (s, "ŷ = z = %s\n", a);
        return;
      }

  switch (nn_net_layer_activation (net, l))
    {
    case NN_ACT_LINEAR:
      g_string_append_printf (s, "a = z = %s\n", a);
      break;
    case NN_ACT_SIGMOID:
      g_string_append_printf (s, "a = σ(z) = σ(%s) = %s\n", z, a);
      break;
    case NN_ACT_RELU:
    case NN_ACT_LEAKY_RELU:
    case NN_ACT_TANH:
    case NN_ACT_SOFTMAX:
    case NN_N_ACTIVATIONS:
    default:
      g_string_append_printf (s, "a = %s(z) = %s(%s) = %s\n",
                              ns_render_network_activation_label (nn_net_layer_activation (net, l)),
                              ns_render_network_activation_label (nn_net_layer_activation (net, l)),
                              z, a);
      break;
    }
}

/* "f′(z) = 1 − a² = 1 − 0.941² = 0.115": the slope the delta is multiplied by. */
static double
explain_slope (GString *s, const NnNet *net, const NsStepState *step, size_t l, size_t j)
{
  size_t u = nn_net_unit_index (net, l, j);
  double z = step->z[u], a = step->a[u], slope;
  g_autofree char *as = num (a);
  g_autofree char *af = factor (a);
  g_autofree char *zs = num (z);
  g_autofree char *ds = NULL;

  switch (nn_net_layer_activation (net, l))
    {
    case NN_ACT_TANH:
      slope = 1 - a * a;
      ds = num (slope);
      g_string_append_printf (s, "f′(z) = 1 − a² = 1 − %s² = %s\n", af, ds);
      break;
    case NN_ACT_SIGMOID:
      slope = a * (1 - a);
      ds = num (slope);
      g_string_append_printf (s, "f′(z) = a·(1 − a) = %s·(1 − %s) = %s\n", as, as, ds);
      break;
    case NN_ACT_RELU:
      slope = z > 0 ? 1 : 0;
      g_string_append_printf (s, "f′(z) = %s, as z = %s is %s 0\n", slope > 0 ? "1" : "0", zs,
                              z > 0 ? "above" : "not above");
      break;
    case NN_ACT_LEAKY_RELU:
      slope = z > 0 ? 1 : 0.01;
      g_string_append_printf (s, "f′(z) = %s, as z = %s is %s 0\n", z > 0 ? "1" : "0.01", zs,
                              z > 0 ? "above" : "not above");
      break;
    case NN_ACT_LINEAR:
    case NN_ACT_SOFTMAX:
    case NN_N_ACTIVATIONS:
    default:
      slope = 1;
      g_string_append (s, "f′(z) = 1 (linear)\n");
      break;
    }
  return slope;
}

/* The delta: the output's (ŷ − y) / B, a hidden neuron's f′(z)·Σ w·δ over the next layer. */
static void
explain_delta (GString *s, const NnNet *net, const NsStepState *step, size_t l, size_t j)
{
  size_t u = nn_net_unit_index (net, l, j);
  g_autofree char *d = num (step->delta[u]);

  if (is_output (net, l))
    {
      g_autofree char *a = num (step->a[u]);
      double y = step->target;
      g_autofree char *ys = NULL;

      /* Softmax: y is 1 for the target class's output, 0 for the others. */
      if (net->loss == NN_LOSS_SOFTMAX_CE)
        y = (double) j == step->target ? 1 : 0;
      ys = factor (y);
      if (step->batch_size > 1)
        g_string_append_printf (s, "δ = (ŷ − y) ÷ B = (%s − %s) ÷ %u (batch size) = %s\n", a, ys,
                                step->batch_size, d);
      else
        g_string_append_printf (s, "δ = ŷ − y = %s − %s = %s\n", a, ys, d);
      return;
    }

  {
    size_t next_width = nn_net_layer_width (net, l + 1);
    const float *w = weights_used (net, step);
    size_t shown = MIN (next_width, MAX_TERMS);
    double slope = explain_slope (s, net, step, l, j);
    g_autofree char *slope_s = num (slope);

    g_string_append_printf (s, "δ = f′(z)·Σ w·δ = %s·(", slope_s);
    for (size_t k = 0; k < shown; k++)
      {
        if (k > 0)
          g_string_append (s, " + ");
        append_factor (s, w[nn_net_param_index (net, l + 1, k, j)]);
        g_string_append (s, "·");
        append_factor (s, step->delta[nn_net_unit_index (net, l + 1, k)]);
      }
    if (next_width > shown)
      g_string_append_printf (s, " + ⋯ (%zu more)", next_width - shown);
    g_string_append_printf (s, ") = %s\n", d);
  }
}

/* A parameter before and after its update, with enough digits for the change to show: at
 * three digits 1.8462 → 1.8501 would read "1.85 → 1.85". */
static void
old_and_new (double before, double after, char **before_text, char **after_text)
{
  double change = fabs (after - before), size = MAX (fabs (before), fabs (after));
  int digits = 3;

  if (change > 0 && size > change && isfinite (size))
    digits = CLAMP ((int) ceil (log10 (size / change)) + 2, 3, 8);
  *before_text = num_digits (before, digits);
  *after_text = num_digits (after, digits);
}

/* How the optimizer turned parameter @k's batch gradient into its change, with the numbers. */
static void
explain_update (GString *s,
                const NsStepState *step,
                size_t k,
                gboolean is_weight,
                const char *symbol)
{
  const NnTrainer *t = &step->trainer;
  const NnUpdateTerms *terms = step->terms != NULL ? &step->terms[k] : NULL;
  double g;
  double w = step->params_before[k];
  double ge; /* the gradient the optimizer is given: with the regularisation term */
  const char *g_name = "g";
  g_autofree char *lr = num (t->learning_rate);
  g_autofree char *gs = NULL;
  g_autofree char *change = num (step->change[k]);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* The engine's numbers of this very update (nn_net_update_terms), never re-derived here. */
  if (terms == NULL)
    return;
  g = terms->grad;
  ge = terms->reg_grad;
  gs = num (g);
  g_string_append_printf (s, "batch gradient g = %s\n", gs);
  /* The engine regularises weights only, never biases. */
  if (is_weight && t->regularization != NN_REG_NONE && t->reg_rate > 0)
    {
      g_autofree char *rate = num (t->reg_rate);
      g_autofree char *ges = NULL;
      g_autofree char *wf = factor (w);

      g_name = "g′";
      if (t->regularization == NN_REG_L2)
        {
          ge = terms->reg_grad;
          ges = num (ge);
          g_string_append_printf (s, "with L2: g′ = g + λ·w = %s + %s·%s = %s\n", gs, rate, wf,
                                  ges);
        }
      else
        {
          ge = terms->reg_grad;
          ges = num (ge);
          g_string_append_printf (s, "with L1: g′ = g + λ·sign(w) = %s + %s·%s = %s\n", gs, rate,
                                  w > 0   ? "1"
                                  : w < 0 ? "(−1)"
                                          : "0",
                                  ges);
        }
    }
  if (t->clip_norm > 0)
    {
      g_autofree char *c = num (t->clip_norm);

      g_string_append_printf (s, "(%s is scaled down if the whole gradient's norm is over %s)\n",
                              g_name, c);
    }

  switch (t->optimizer)
    {
    case NN_OPT_MOMENTUM:
      {
        g_autofree char *mu = num (t->momentum);
        g_autofree char *v0 = factor (step->m_before[k]);
        g_autofree char *v1 = num (step->m_after[k]);
        g_autofree char *v1f = factor (step->m_after[k]);

        g_string_append_printf (s, "velocity v = μ·v + %s = %s·%s + %s = %s\n", g_name, mu, v0,
                                g_name, v1);
        g_string_append_printf (s, "change = −η·v = −%s·%s = %s\n", lr, v1f, change);
      }
      break;
    case NN_OPT_ADAM:
      {
        g_autofree char *b1 = num (t->beta1);
        g_autofree char *b2 = num (t->beta2);
        g_autofree char *m0 = factor (step->m_before[k]);
        g_autofree char *m1 = num (step->m_after[k]);
        g_autofree char *v0 = factor (step->v_before[k]);
        g_autofree char *v1 = num (step->v_after[k]);
        double mh = terms->m_hat;
        double vh = terms->v_hat;
        g_autofree char *mhs = num (mh);
        g_autofree char *mhf = factor (mh);
        g_autofree char *vhs = num (vh);

        g_string_append_printf (s, "m = β₁·m + (1 − β₁)·%s = %s·%s + … = %s\n", g_name, b1, m0, m1);
        g_string_append_printf (s, "v = β₂·v + (1 − β₂)·%s² = %s·%s + … = %s\n", g_name, b2, v0,
                                v1);
        g_string_append_printf (s, "bias-corrected m̂ = %s, v̂ = %s\n", mhs, vhs);
        g_string_append_printf (s, "change = −η·m̂ / (√v̂ + ε) = −%s·%s / √%s = %s\n", lr, mhf, vhs,
                                change);
      }
      break;
    case NN_OPT_SGD:
    case NN_N_OPTIMIZERS:
    default:
      {
        g_autofree char *gf = factor (ge);

        g_string_append_printf (s, "change = −η·%s = −%s·%s = %s\n", g_name, lr, gf, change);
      }
      break;
    }
  old_and_new (w, step->params_after[k], &before, &after);
  g_string_append_printf (s, "%s: %s → %s", symbol, before, after);
  if (step->diverged)
    g_string_append (s, " (the update diverged)");
  g_string_append_c (s, '\n');
}

static char *
explain_neuron (const NsNetworkViewData *view, size_t l, size_t j)
{
  const NnNet *net = view->net;
  const NsStepState *step = view->step;
  g_autofree char *name = neuron_name (view, l, j);
  GString *s = g_string_new (NULL);
  gboolean here = reached (step, l);

  /* Upper-case the first letter of a name that starts a sentence. */
  g_string_append_printf (s, "%c%s\n", g_ascii_toupper (name[0]), name + 1);

  switch (step->phase)
    {
    case NS_STEP_FORWARD:
      if (!here)
        {
          g_string_append (s, "The forward pass has not reached this layer yet.\n");
          break;
        }
      explain_z (s, net, step, l, j);
      explain_a (s, view, l, j);
      break;
    case NS_STEP_LOSS:
      explain_z (s, net, step, l, j);
      explain_a (s, view, l, j);
      if (is_output (net, l))
        {
          g_autofree char *loss = ns_render_network_step_loss_text (net, step);

          if (loss != NULL)
            g_string_append_printf (s, "%s\n", loss);
        }
      break;
    case NS_STEP_BACKWARD:
      if (!here)
        {
          g_autofree char *a = num (step->a[nn_net_unit_index (net, l, j)]);

          g_string_append_printf (s,
                                  "a = %s; its delta comes when the backward pass reaches "
                                  "this layer.\n",
                                  a);
          break;
        }
      explain_delta (s, net, step, l, j);
      {
        g_autofree char *d = num (step->delta[nn_net_unit_index (net, l, j)]);

        g_string_append_printf (s, "bias gradient = δ = %s\n", d);
      }
      break;
    case NS_STEP_UPDATE:
      explain_update (s, step, nn_net_param_index (net, l, j, nn_net_layer_fan_in (net, l)), FALSE,
                      "bias b");
      break;
    case NS_STEP_IDLE:
    default:
      break;
    }

  /* No trailing newline: a label would show it as an empty line. */
  if (s->len > 0 && s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

static char *
explain_link (const NsNetworkViewData *view, size_t l, size_t j, size_t i)
{
  const NnNet *net = view->net;
  const NsStepState *step = view->step;
  size_t k = nn_net_param_index (net, l, j, i);
  g_autofree char *from = input_name (view, l, i);
  g_autofree char *to = neuron_name (view, l, j);
  g_autofree char *w = num (weights_used (net, step)[k]);
  g_autofree char *wf = factor (weights_used (net, step)[k]);
  g_autofree char *x = factor (layer_input (net, step, l, i));
  GString *s = g_string_new (NULL);
  gboolean here = reached (step, l);

  g_string_append_printf (s, "Weight from %s to %s\n", from, to);

  switch (step->phase)
    {
    case NS_STEP_FORWARD:
    case NS_STEP_LOSS:
      g_string_append_printf (s, "w = %s\n", w);
      if (here)
        {
          g_autofree char *wx = num (weights_used (net, step)[k] * layer_input (net, step, l, i));

          g_string_append_printf (s, "carries w·x = %s·%s = %s into z\n", wf, x, wx);
        }
      break;
    case NS_STEP_BACKWARD:
      g_string_append_printf (s, "w = %s\n", w);
      if (here)
        {
          g_autofree char *d = factor (step->delta[nn_net_unit_index (net, l, j)]);
          g_autofree char *g = num (step->grad[k]);
          g_autofree char *bg = num (step->batch_grad[k]);

          g_string_append_printf (s, "this sample's gradient ∂L/∂w = δ·x = %s·%s = %s\n", d, x, g);
          /* A batch of one has nothing "so far" to add up. */
          if (step->batch_size > 1 && step->sample == 0)
            g_string_append_printf (s, "batch gradient so far (sample 1 of %u): %s\n",
                                    step->batch_size, bg);
          else if (step->batch_size > 1)
            g_string_append_printf (s, "batch gradient so far (samples 1–%u of %u): %s\n",
                                    step->sample + 1, step->batch_size, bg);
        }
      else
        g_string_append (s, "its gradient comes when the backward pass reaches it\n");
      break;
    case NS_STEP_UPDATE:
      explain_update (s, step, k, TRUE, "weight w");
      break;
    case NS_STEP_IDLE:
    default:
      break;
    }

  if (s->len > 0 && s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

static char *
explain_input (const NsNetworkViewData *view, size_t row)
{
  const NsStepState *step = view->step;
  int i = ns_render_network_input_index (view, row);
  g_autofree char *name = NULL;
  g_autofree char *x = NULL;

  if (i < 0)
    return g_strdup ("A feature not in use: click it to feed it to the network");
  if ((size_t) i >= view->net->n_inputs)
    return NULL;
  name = input_name (view, 0, (size_t) i);
  x = num (step->input[i]);
  return g_strdup_printf ("Input %s\nthis sample's value: %s", name, x);
}

char *
ns_render_network_step_explain (const NsNetworkViewData *view, const NsNetworkItem *item)
{
  const NnNet *net;
  const NsStepState *step;

  g_return_val_if_fail (view != NULL && view->net != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  net = view->net;
  step = view->step;
  if (step == NULL || step->phase == NS_STEP_IDLE || step->n_units != net->n_units
      || step->n_params != net->n_params || step->n_inputs != net->n_inputs)
    return NULL;

  switch (item->kind)
    {
    case NS_HIT_NEURON:
      /* An image network's conv or pool item is a whole map (neuron = its channel). */
      if (item->layer >= 0 && (size_t) item->layer < net->n_layers && item->neuron >= 0
          && (nn_net_layer_kind (net, item->layer) == NN_LAYER_CONV2D
              || nn_net_layer_kind (net, item->layer) == NN_LAYER_MAX_POOL))
        return ns_render_network_images_explain_map (view, item->layer, item->neuron);
      if (item->layer >= 0 && (size_t) item->layer < net->n_layers && item->neuron >= 0
          && (size_t) item->neuron < nn_net_layer_width (net, item->layer))
        return explain_neuron (view, item->layer, item->neuron);
      return NULL;
    case NS_HIT_LINK:
      if (item->layer >= 0 && (size_t) item->layer < net->n_layers && item->neuron >= 0
          && (size_t) item->neuron < nn_net_layer_width (net, item->layer) && item->input >= 0
          && (size_t) item->input < nn_net_layer_fan_in (net, item->layer))
        return explain_link (view, item->layer, item->neuron, item->input);
      return NULL;
    case NS_HIT_INPUT:
      /* Input items carry the picture's row in neuron (see the hit regions). */
      if (item->neuron >= 0)
        return explain_input (view, (size_t) item->neuron);
      return NULL;
    case NS_HIT_NONE:
    case NS_HIT_POINT:
    default:
      return NULL;
    }
}
