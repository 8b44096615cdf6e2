/* ns-render-network-step.c: stepping through training: the phase's numbers and texts. */
#include "ns-render-network.h"

#include <math.h>

#include "ns-render-network-private.h"

char *
ns_render_network_format_number (double v)
{
  char buffer[32];

  if (!isfinite (v))
    return g_strdup (isnan (v) ? "NaN" : v > 0 ? "∞" : "−∞");
  /* -0.0004 at three digits is "-0.0004": a minus sign, never a hyphen, and no "-0". */
  if (v == 0)
    v = 0;
  g_snprintf (buffer, sizeof buffer, "%.3g", fabs (v));
  return g_strconcat (v < 0 ? "−" : "", buffer, NULL);
}

static gboolean
step_shown (const NnNet *net, const NsStepState *step)
{
  return step != NULL && step->phase != NS_STEP_IDLE && step->n_units == net->n_units
         && step->n_params == net->n_params;
}

/* The index of unit @unit's bias in the parameters. */
static size_t
unit_bias_index (const NnNet *net, size_t unit)
{
  for (size_t l = 0; l < net->n_layers; l++)
    if (unit < net->layers[l].unit_offset + net->layers[l].n_out)
      return net->layers[l].b_offset + (unit - net->layers[l].unit_offset);
  return 0;
}

char *
ns_render_network_step_unit_text (const NnNet *net, const NsStepState *step, size_t unit)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_return_val_if_fail (net != NULL, NULL);

  if (!step_shown (net, step) || unit >= net->n_units)
    return NULL;

  switch (step->phase)
    {
    case NS_STEP_FORWARD:
      if (step->z == NULL || step->a == NULL)
        return NULL;
      x = ns_render_network_format_number (step->z[unit]);
      y = ns_render_network_format_number (step->a[unit]);
      return g_strdup_printf ("z %s → a %s", x, y);

    case NS_STEP_LOSS:
      /* The output's value; the hidden neurons keep their forward numbers. */
      if (step->a == NULL)
        return NULL;
      y = ns_render_network_format_number (step->a[unit]);
      if (unit >= net->layers[net->n_layers - 1].unit_offset)
        return g_strdup_printf (net->loss == NN_LOSS_SOFTMAX_CE ? "p %s" : "ŷ %s", y);
      return g_strdup_printf ("a %s", y);

    case NS_STEP_BACKWARD:
      if (step->delta == NULL)
        return NULL;
      x = ns_render_network_format_number (step->delta[unit]);
      return g_strdup_printf ("δ %s", x);

    case NS_STEP_UPDATE:
      if (step->change == NULL)
        return NULL;
      x = ns_render_network_format_number (step->change[unit_bias_index (net, unit)]);
      return g_strdup_printf ("Δb %s", x);

    case NS_STEP_IDLE:
    default:
      return NULL;
    }
}

char *
ns_render_network_step_loss_text (const NnNet *net, const NsStepState *step)
{
  const NnLayer *out;
  g_autofree char *loss = NULL;

  g_return_val_if_fail (net != NULL, NULL);

  if (!step_shown (net, step) || step->phase != NS_STEP_LOSS || step->a == NULL)
    return NULL;

  out = &net->layers[net->n_layers - 1];
  loss = ns_render_network_format_number (step->loss);

  switch (net->loss)
    {
    case NN_LOSS_BCE:
      {
        g_autofree char *p = ns_render_network_format_number (step->a[out->unit_offset]);
        g_autofree char *q = ns_render_network_format_number (1.0 - step->a[out->unit_offset]);

        return g_strdup_printf ("L = −(%g·log %s + %g·log %s) = %s", step->target, p,
                                1.0 - step->target, q, loss);
      }

    case NN_LOSS_SOFTMAX_CE:
      {
        size_t t = step->target >= 0 ? (size_t) step->target : 0;
        g_autofree char *p = NULL;

        if (t >= out->n_out)
          return g_strdup_printf ("L = %s", loss);
        p = ns_render_network_format_number (step->a[out->unit_offset + t]);
        return g_strdup_printf ("L = −log p_t = −log %s = %s", p, loss);
      }

    case NN_LOSS_MSE:
      {
        g_autofree char *yhat = ns_render_network_format_number (step->a[out->unit_offset]);
        g_autofree char *y = ns_render_network_format_number (step->target);

        /* "0.5 − −0.8" reads as a typo: a negative target goes in parentheses. */
        return g_strdup_printf (step->target < 0 ? "L = ½(ŷ − y)² = ½(%s − (%s))² = %s"
                                                 : "L = ½(ŷ − y)² = ½(%s − %s)² = %s",
                                yhat, y, loss);
      }

    case NN_N_LOSSES:
    default:
      return g_strdup_printf ("L = %s", loss);
    }
}

char *
ns_render_network_step_caption (const NsStepState *step)
{
  if (step == NULL)
    return NULL;

  switch (step->phase)
    {
    case NS_STEP_FORWARD:
      return g_strdup_printf ("sample %u of %u · forward: z = w·x + b, a = f(z)", step->sample + 1,
                              step->batch_size);
    case NS_STEP_BACKWARD:
      return g_strdup ("gradients flow right to left");
    case NS_STEP_UPDATE:
      {
        g_autofree char *lr = ns_render_network_format_number (step->trainer.learning_rate);

        /* The formula is plain SGD's; momentum and Adam step along a smoothed gradient. */
        switch (step->trainer.optimizer)
          {
          case NN_OPT_MOMENTUM:
            return g_strdup_printf ("v ← μ·v + g, w ← w − η·v (learning rate %s)", lr);
          case NN_OPT_ADAM:
            return g_strdup_printf ("w ← w − η·m̂ / (√v̂ + ε) (Adam, learning rate %s)", lr);
          case NN_OPT_SGD:
          default:
            return g_strdup_printf ("w ← w − η·g (learning rate %s)", lr);
          }
      }
    case NS_STEP_LOSS:
    case NS_STEP_IDLE:
    default:
      return NULL;
    }
}

char *
ns_render_network_step_describe (const NnNet *net,
                                 const NsStepState *step,
                                 const NsNetworkItem *item)
{
  GString *s;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  if (!step_shown (net, step))
    return NULL;

  s = g_string_new (NULL);

  if (item->kind == NS_HIT_LINK && item->layer >= 0 && (size_t) item->layer < net->n_layers
      && item->neuron >= 0 && (size_t) item->neuron < net->layers[item->layer].n_out
      && item->input >= 0 && (size_t) item->input < net->layers[item->layer].n_in)
    {
      size_t k = nn_net_param_index (net, item->layer, item->neuron, item->input);
      gboolean update = step->phase == NS_STEP_UPDATE && step->params_before != NULL;
      g_autofree char *w = ns_render_network_format_number (
          update ? step->params_before[k] : net->params[k]);

      g_string_append_printf (s, "Weight %s", w);
      if (step->phase >= NS_STEP_BACKWARD && step->grad != NULL)
        {
          g_autofree char *g = ns_render_network_format_number (step->grad[k]);

          g_string_append_printf (s, "\nGradient of this sample %s", g);
        }
      if (step->phase >= NS_STEP_BACKWARD && step->batch_grad != NULL)
        {
          g_autofree char *g = ns_render_network_format_number (step->batch_grad[k]);

          g_string_append_printf (s, "\nBatch gradient so far %s", g);
        }
      if (update && step->change != NULL && step->params_after != NULL)
        {
          g_autofree char *c = ns_render_network_format_number (step->change[k]);
          g_autofree char *a = ns_render_network_format_number (step->params_after[k]);

          g_string_append_printf (s, "\nChange %s, new weight %s", c, a);
        }
    }
  else if (item->kind == NS_HIT_NEURON && item->layer >= 0
           && (size_t) item->layer < net->n_layers && item->neuron >= 0
           && (size_t) item->neuron < net->layers[item->layer].n_out)
    {
      size_t unit = net->layers[item->layer].unit_offset + item->neuron;
      size_t b = net->layers[item->layer].b_offset + item->neuron;

      if (step->z != NULL && step->a != NULL)
        {
          g_autofree char *z = ns_render_network_format_number (step->z[unit]);
          g_autofree char *a = ns_render_network_format_number (step->a[unit]);

          g_string_append_printf (s, "z %s, a %s", z, a);
        }
      if (step->phase >= NS_STEP_BACKWARD && step->delta != NULL)
        {
          g_autofree char *d = ns_render_network_format_number (step->delta[unit]);

          g_string_append_printf (s, "%sδ %s", s->len > 0 ? "\n" : "", d);
        }
      if (step->phase == NS_STEP_UPDATE && step->change != NULL && step->params_after != NULL)
        {
          g_autofree char *c = ns_render_network_format_number (step->change[b]);
          g_autofree char *a = ns_render_network_format_number (step->params_after[b]);

          g_string_append_printf (s, "%sBias change %s, new bias %s", s->len > 0 ? "\n" : "", c,
                                  a);
        }
    }

  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* A text on a rounded background, centred on (cx, cy) but kept inside the area, so it reads
 * over links and heatmaps alike. */
static void
draw_pill (NsScene *scene,
           const NsRenderStyle *style,
           double cx,
           double cy,
           const char *text,
           double size,
           const NsColor *color,
           double width)
{
  double w, h, pad = ns_render_style_px (style, 4);
  NsColor back = ns_color_with_alpha (&style->background, 0.85);

  ns_scene_measure_text (scene, text, NS_TEXT_VALUE, size, &w, &h);
  cx = CLAMP (cx, w / 2 + pad, MAX (w / 2 + pad, width - w / 2 - pad));
  ns_scene_add_rect (scene, cx - w / 2 - pad, cy - h / 2 - pad / 2, w + 2 * pad, h + pad,
                     ns_render_style_px (style, 4), &back, NULL, 0);
  ns_scene_add_text (scene, cx, cy, text, NS_TEXT_VALUE, size, NS_ALIGN_CENTER, NS_ALIGN_CENTER,
                     color);
}

/* The numbers of the phase, over the diagram. */
void
ns_render_network_draw_step (NsScene *scene,
                             const NsNetworkViewData *view,
                             const NsNetworkLayout *layout,
                             const NsRenderStyle *style,
                             double width,
                             double height)
{
  const NnNet *net = view->net;
  const NsStepState *step = view->step;
  const NnLayer *out = &net->layers[net->n_layers - 1];
  /* Read from the back of a room: never below 13 px at zoom 1. */
  double size = MAX (ns_render_style_px (style, 13), layout->caption_size);
  double line = 1.4 * size;
  double y;
  g_autofree char *caption = NULL;
  g_autofree char *loss = NULL;
  NsNetworkBox box = { 0, 0, 0, 0 };

  if (!step_shown (net, step))
    return;

  /* The sample's inputs on their pictures. */
  if (step->phase == NS_STEP_FORWARD && step->input != NULL && step->n_inputs == net->n_inputs)
    for (size_t i = 0; i < net->n_inputs; i++)
      {
        g_autofree char *x = ns_render_network_format_number (step->input[i]);

        ns_network_layout_node (layout, 0, ns_render_network_input_row (view, i), &box);
        draw_pill (scene, style, box.x + box.width / 2, box.y + box.height / 2, x, size,
                   &style->foreground, width);
      }

  /* Each neuron's numbers at the foot of its picture. */
  for (size_t l = 0; l < net->n_layers; l++)
    for (size_t j = 0; j < net->layers[l].n_out; j++)
      {
        g_autofree char *text
            = ns_render_network_step_unit_text (net, step, net->layers[l].unit_offset + j);

        if (text == NULL)
          continue;
        ns_network_layout_node (layout, l + 1, j, &box);
        draw_pill (scene, style, box.x + box.width / 2, box.y + box.height - line / 2, text,
                   size, &style->foreground, width);
      }

  /* The story of the phase is told under the output column, where there is room (the
   * output column is short next to the others); kept above the area's bottom edge. */
  ns_network_layout_node (layout, layout->n_columns - 1, out->n_out - 1, &box);
  y = MIN (box.y + box.height + 0.9 * line, height - layout->margin / 2 - 1.5 * line);

  /* LOSS: the output column lit, the target and the loss under it. */
  if (step->phase == NS_STEP_LOSS)
    {
      g_autofree char *target = NULL;

      for (size_t j = 0; j < out->n_out; j++)
        {
          NsNetworkBox node;

          ns_network_layout_node (layout, layout->n_columns - 1, j, &node);
          ns_render_network_draw_outline (scene, &node, TRUE, FALSE, style);
        }
      if (net->loss == NN_LOSS_SOFTMAX_CE && view->class_names != NULL && step->target >= 0
          && (size_t) step->target < out->n_out && view->class_names[(size_t) step->target])
        target = g_strdup_printf ("target class: %s", view->class_names[(size_t) step->target]);
      else
        {
          g_autofree char *t = ns_render_network_format_number (step->target);

          target = g_strdup_printf (net->loss == NN_LOSS_SOFTMAX_CE ? "target class %s"
                                                                      : "target y = %s",
                                    t);
        }
      draw_pill (scene, style, box.x + box.width / 2, y, target, size, &style->foreground,
                 width);
      loss = ns_render_network_step_loss_text (net, step);
      if (loss != NULL)
        draw_pill (scene, style, box.x + box.width / 2, y + line, loss, size, &style->foreground,
                   width);
    }

  caption = ns_render_network_step_caption (step);
  if (caption != NULL)
    draw_pill (scene, style, box.x + box.width / 2, y, caption, size, &style->foreground, width);
}
