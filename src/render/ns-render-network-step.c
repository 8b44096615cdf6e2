/* ns-render-network-step.c: stepping through training: the phase's numbers and texts. */
#include "ns-render-network.h"

#include <math.h>
#include <string.h>

#include "ns-render-chart.h"
#include "ns-render-network-private.h"
#include "ns-printf.h"

char *
ns_render_network_format_number (double v)
{
  return ns_render_format_number (v, 3);
}

static gboolean
step_shown (const NnNet *net, const NsStepState *step)
{
  return step != NULL && step->phase != NS_STEP_IDLE && step->n_units == net->n_units
         && step->n_params == net->n_params;
}

gboolean
ns_render_network_step_layer_reached (const NsStepState *step, size_t l)
{
  if (step == NULL)
    return TRUE;
  if (step->phase == NS_STEP_FORWARD)
    return l < step->layer;
  if (step->phase == NS_STEP_BACKWARD)
    return l + step->layer >= step->n_layers;
  return TRUE;
}

gboolean
ns_render_network_step_layer_current (const NsStepState *step, size_t l)
{
  if (step == NULL || step->layer == 0)
    return FALSE;
  if (step->phase == NS_STEP_FORWARD)
    return l + 1 == step->layer;
  if (step->phase == NS_STEP_BACKWARD)
    return l + step->layer == step->n_layers;
  return FALSE;
}

/* The weight layer unit @unit belongs to. */
static size_t
unit_layer (const NnNet *net, size_t unit)
{
  return MIN (nn_net_unit_layer (net, unit, NULL), net->n_layers - 1);
}

/* The index of unit @unit's bias in the parameters. */
static size_t
unit_bias_index (const NnNet *net, size_t unit)
{
  size_t j = 0;
  size_t l = nn_net_unit_layer (net, unit, &j);

  return l < net->n_layers ? nn_net_param_index (net, l, j, nn_net_layer_fan_in (net, l)) : 0;
}

char *
ns_render_network_step_unit_text (const NnNet *net, const NsStepState *step, size_t unit)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_return_val_if_fail (net != NULL, NULL);

  if (!step_shown (net, step) || unit >= net->n_units
      || !ns_render_network_step_layer_reached (step, unit_layer (net, unit)))
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
      if (unit >= nn_net_unit_index (net, net->n_layers - 1, 0))
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
  size_t out_row, n_outputs;
  g_autofree char *loss = NULL;

  g_return_val_if_fail (net != NULL, NULL);

  if (!step_shown (net, step) || step->phase != NS_STEP_LOSS || step->a == NULL)
    return NULL;

  out_row = nn_net_unit_index (net, net->n_layers - 1, 0);
  n_outputs = nn_net_n_outputs (net);
  loss = ns_render_network_format_number (step->loss);

  switch (net->loss)
    {
    case NN_LOSS_BCE:
      {
        g_autofree char *p = ns_render_network_format_number (step->a[out_row]);
        g_autofree char *q = ns_render_network_format_number (1.0 - step->a[out_row]);

        g_autofree char *y = ns_render_network_format_number (step->target);
        g_autofree char *not_y = ns_render_network_format_number (1.0 - step->target);

        return g_strdup_printf ("L = −(%s·log %s + %s·log %s) = %s", y, p, not_y, q, loss);
      }

    case NN_LOSS_SOFTMAX_CE:
      {
        size_t t = step->target >= 0 ? (size_t) step->target : 0;
        g_autofree char *p = NULL;

        if (t >= n_outputs)
          return g_strdup_printf ("L = %s", loss);
        p = ns_render_network_format_number (step->a[out_row + t]);
        return g_strdup_printf ("L = −log p_t = −log %s = %s", p, loss);
      }

    case NN_LOSS_MSE:
      {
        g_autofree char *yhat = ns_render_network_format_number (step->a[out_row]);
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

/* Links in BACKWARD and UPDATE draw tiny numbers (a change is η times a gradient already
 * divided by B), each layer to its own scale: a learner is told, so a thick link is read as
 * "large for its layer". */
#define BACKWARD_TITLE "backward: gradients flow right to left"
#define BACKWARD_LINKS "\nlinks: each weight's gradient, widths scaled per layer"
#define UPDATE_LINKS "\nlinks: each weight's change, widths scaled per layer"

/* "a = tanh(z)": what layer @l does to its weighted sums. */
static char *
activation_formula (const NnNet *net, size_t l)
{
  NnActivation act = nn_net_layer_activation (net, l);

  if (l == net->n_layers - 1)
    switch (net->loss)
      {
      case NN_LOSS_BCE:
        return g_strdup ("ŷ = σ(z)");
      case NN_LOSS_SOFTMAX_CE:
        return g_strdup ("p = softmax(z)");
      case NN_LOSS_MSE:
      case NN_N_LOSSES:
      default:
        return g_strdup ("ŷ = z");
      }
  if (act == NN_ACT_LINEAR)
    return g_strdup ("a = z");
  if (act == NN_ACT_SIGMOID)
    return g_strdup ("a = σ(z)");
  return g_strdup_printf ("a = %s(z)", ns_render_network_activation_label (act));
}

/* "hidden layer 2" or "output layer" for weight layer @l. */
static char *
layer_name (const NnNet *net, size_t l)
{
  if (l == net->n_layers - 1)
    return g_strdup ("output layer");
  return g_strdup_printf ("hidden layer %zu", l + 1);
}

char *
ns_render_network_step_caption (const NnNet *net, const NsStepState *step)
{
  size_t l;
  g_autofree char *name = NULL;

  g_return_val_if_fail (net != NULL, NULL);

  if (!step_shown (net, step))
    return NULL;

  switch (step->phase)
    {
    case NS_STEP_FORWARD:
      {
        g_autofree char *f = NULL;

        l = MIN (MAX (step->layer, 1), net->n_layers) - 1;
        name = layer_name (net, l);
        f = activation_formula (net, l);
        return g_strdup_printf ("forward: sample %u of %u\n%s: z = w·x + b, %s", step->sample + 1,
                                step->batch_size, name, f);
      }
    case NS_STEP_BACKWARD:
      l = net->n_layers - MIN (MAX (step->layer, 1), net->n_layers);
      name = layer_name (net, l);
      /* The output's delta is the same simple difference for all three loss pairings
       * (sigmoid + BCE, softmax + CE, linear + MSE): why they are paired. The engine folds
       * the batch's 1/B into it. */
      if (l == net->n_layers - 1 && step->batch_size > 1)
        return g_strdup_printf (BACKWARD_TITLE "\n%s: δ = (ŷ − y) ÷ %u (batch size)" BACKWARD_LINKS,
                                name, step->batch_size);
      if (l == net->n_layers - 1)
        return g_strdup_printf (BACKWARD_TITLE "\n%s: δ = ŷ − y" BACKWARD_LINKS, name);
      return g_strdup_printf (
          BACKWARD_TITLE "\n%s: δ = f′(z) · Σ w·δ from the right" BACKWARD_LINKS, name);
    case NS_STEP_UPDATE:
      {
        g_autofree char *lr = ns_render_network_format_number (step->trainer.learning_rate);

        /* The formula is plain SGD's; momentum and Adam step along a smoothed gradient. */
        switch (step->trainer.optimizer)
          {
          case NN_OPT_MOMENTUM:
            return g_strdup_printf (
                "update: v ← μ·v + g, w ← w − η·v (learning rate %s)" UPDATE_LINKS, lr);
          case NN_OPT_ADAM:
            return g_strdup_printf (
                "update: w ← w − η·m̂ / (√v̂ + ε) (Adam, learning rate %s)" UPDATE_LINKS, lr);
          case NN_OPT_SGD:
          default:
            return g_strdup_printf ("update: w ← w − η·g (learning rate %s)" UPDATE_LINKS, lr);
          }
      }
    case NS_STEP_LOSS:
    case NS_STEP_IDLE:
    default:
      return NULL;
    }
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

/* A neuron's numbers at the foot of its picture: on one line when it fits the column's slot,
 * else "z …" above "→ a …", so that neighbouring columns' numbers never run into each other on
 * a small screen. */
static void
draw_unit_text (NsScene *scene,
                const NsRenderStyle *style,
                const NsNetworkBox *box,
                const char *text,
                double size,
                double line,
                double slot,
                double width)
{
  const char *arrow = strstr (text, " → ");
  double cx = box->x + box->width / 2, cy = box->y + box->height - line / 2;
  double w, h, pad = ns_render_style_px (style, 4);

  ns_scene_measure_text (scene, text, NS_TEXT_VALUE, size, &w, &h);
  if (arrow == NULL || w + 2 * pad <= 0.9 * slot)
    {
      draw_pill (scene, style, cx, cy, text, size, &style->foreground, width);
      return;
    }
  {
    g_autofree char *first = g_strndup (text, arrow - text);

    draw_pill (scene, style, cx, cy - line, first, size, &style->foreground, width);
    draw_pill (scene, style, cx, cy, arrow + 1, size, &style->foreground, width);
  }
}

/* Splits @text at spaces into lines no wider than @room (a word wider than @room gets a line
 * of its own). */
static GPtrArray *
wrap_story_line (NsScene *scene, const char *text, double size, double room)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  GString *line = g_string_new (NULL);

  for (guint k = 0; words[k] != NULL; k++)
    {
      g_autofree char *joined =
          line->len > 0 ? g_strconcat (line->str, " ", words[k], NULL) : g_strdup (words[k]);
      double w, h;

      ns_scene_measure_text (scene, joined, NS_TEXT_VALUE, size, &w, &h);
      if (line->len > 0 && w > room)
        {
          g_ptr_array_add (lines, g_string_free (line, FALSE));
          line = g_string_new (words[k]);
        }
      else
        g_string_assign (line, joined);
    }
  if (line->len > 0)
    g_ptr_array_add (lines, g_string_free (line, FALSE));
  else
    g_string_free (line, TRUE);
  return lines;
}

/* The phase's story, line after line under the output column from @y: each line wrapped to
 * the room between the column before the output (its numbers included) and the area's right
 * edge, so a long formula never covers the hidden neurons' numbers, and the whole kept above
 * the bottom edge. */
static void
draw_story (NsScene *scene,
            const NsRenderStyle *style,
            const NsNetworkLayout *layout,
            GPtrArray *story,
            double cx,
            double y,
            double size,
            double width,
            double height)
{
  double pad = ns_render_style_px (style, 6);
  double left = 0, line = 1.4 * size;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  /* Right of the last hidden column's numbers: a one-line pill under a neuron is up to 0.9 of
   * a column slot wide (draw_unit_text), wider than the neuron's picture. */
  if (layout->n_columns >= 2)
    left = layout->center_x[layout->n_columns - 2]
           + MAX (layout->size[layout->n_columns - 2] / 2, 0.45 * layout->slot) + pad;
  for (guint k = 0; k < story->len; k++)
    {
      g_autoptr (GPtrArray) wrapped =
          wrap_story_line (scene, story->pdata[k], size, MAX (width - left - 2 * pad, 1));

      for (guint m = 0; m < wrapped->len; m++)
        g_ptr_array_add (lines, g_steal_pointer (&wrapped->pdata[m]));
    }

  y = MIN (y, height - layout->margin / 2 - (lines->len - 0.5) * line);
  for (guint k = 0; k < lines->len; k++)
    {
      double w, h, x;

      ns_scene_measure_text (scene, lines->pdata[k], NS_TEXT_VALUE, size, &w, &h);
      /* Centred under the output, moved left or right as little as needed to stay in the
       * room. */
      x = CLAMP (cx, left + w / 2 + pad, MAX (left + w / 2 + pad, width - w / 2 - pad));
      draw_pill (scene, style, x, y + k * line, lines->pdata[k], size, &style->foreground, width);
    }
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
  size_t n_outputs = nn_net_n_outputs (net);
  /* Read from the back of a room: never below 13 px at zoom 1. */
  double size = MAX (ns_render_style_px (style, 13), layout->caption_size);
  double line = 1.4 * size;
  double y;
  g_autofree char *caption = NULL;
  g_autofree char *loss = NULL;
  g_autoptr (GPtrArray) story = NULL;
  NsNetworkBox box = { 0, 0, 0, 0 };

  if (!step_shown (net, step))
    return;

  /* The sample's inputs on their pictures. */
  if (step->phase == NS_STEP_FORWARD && step->input != NULL && step->n_inputs == net->n_inputs)
    for (size_t i = 0; i < net->n_inputs; i++)
      {
        g_autofree char *x = ns_render_network_format_number (step->input[i]);

        double w, h, pad = ns_render_style_px (style, 4);

        /* Centred on the picture, or, when wider than it (small pictures on a small screen),
         * starting at its left edge: the feature's name on the left stays readable. */
        ns_network_layout_node (layout, 0, ns_render_network_input_row (view, i), &box);
        ns_scene_measure_text (scene, x, NS_TEXT_VALUE, size, &w, &h);
        draw_pill (scene, style, box.x + MAX (box.width, w + 2 * pad) / 2, box.y + box.height / 2,
                   x, size, &style->foreground, width);
      }

  /* Each neuron's numbers at the foot of its picture; the layer the walk has just reached
   * ringed in the accent colour. */
  for (size_t l = 0; l < net->n_layers; l++)
    for (size_t j = 0; j < nn_net_layer_width (net, l); j++)
      {
        g_autofree char *text =
            ns_render_network_step_unit_text (net, step, nn_net_unit_index (net, l, j));

        ns_network_layout_node (layout, l + 1, j, &box);
        if (ns_render_network_step_layer_current (step, l))
          ns_render_network_draw_outline (scene, &box, TRUE, FALSE, style);
        if (text == NULL)
          continue;
        draw_unit_text (scene, style, &box, text, size, line, layout->slot, width);
      }

  /* The story of the phase is told under the output column, where there is room (the
   * output column is short next to the others); kept above the area's bottom edge. */
  ns_network_layout_node (layout, layout->n_columns - 1, n_outputs - 1, &box);
  y = MIN (box.y + box.height + 0.9 * line, height - layout->margin / 2 - 1.5 * line);

  story = g_ptr_array_new_with_free_func (g_free);

  /* LOSS: the output column lit, the target and the loss under it. */
  if (step->phase == NS_STEP_LOSS)
    {
      for (size_t j = 0; j < n_outputs; j++)
        {
          NsNetworkBox node;

          ns_network_layout_node (layout, layout->n_columns - 1, j, &node);
          ns_render_network_draw_outline (scene, &node, TRUE, FALSE, style);
        }
      if (net->loss == NN_LOSS_SOFTMAX_CE && view->class_names != NULL && step->target >= 0
          && (size_t) step->target < n_outputs && view->class_names[(size_t) step->target])
        g_ptr_array_add (
            story, g_strdup_printf ("target class: %s", view->class_names[(size_t) step->target]));
      else if (net->loss == NN_LOSS_BCE && step->target >= 0 && step->target <= 1)
        {
          guint k = step->target >= 0.5 ? 1 : 0;

          /* y is a class's number: say which class that is ("y = 1 (blue)"). */
          g_ptr_array_add (story, g_strdup_printf ("target y = %u (%s)", k,
                                                   ns_render_class_name (view->data_class_names,
                                                                         view->n_data_classes, k)));
        }
      else
        {
          g_autofree char *t = ns_render_network_format_number (step->target);

          g_ptr_array_add (
              story, g_strdup_printf (
                         net->loss == NN_LOSS_SOFTMAX_CE ? "target class %s" : "target y = %s", t));
        }
      loss = ns_render_network_step_loss_text (net, step);
      if (loss != NULL)
        g_ptr_array_add (story, g_steal_pointer (&loss));
    }

  caption = ns_render_network_step_caption (net, step);
  if (caption != NULL)
    {
      g_auto (GStrv) lines = g_strsplit (caption, "\n", -1);

      for (guint k = 0; lines[k] != NULL; k++)
        g_ptr_array_add (story, g_strdup (lines[k]));
    }

  draw_story (scene, style, layout, story, box.x + box.width / 2, y, size, width, height);
}
