/* ns-render-network-links.c: the links of the plane network picture (ns-render-network.c):
 * each weight as a line from its input's picture to its neuron, coloured and sized by its
 * value, or while stepping by its gradient or change on a scale of its own layer. */
#include "ns-render-network.h"

#include <math.h>

#include "ns-render-network-private.h"

static void
link_ends (const NsNetworkViewData *view,
           const NsNetworkLayout *layout,
           size_t l,
           size_t j,
           size_t i,
           double *x0,
           double *y0,
           double *x1,
           double *y1)
{
  NsNetworkBox from, to;

  ns_network_layout_node (layout, l, l == 0 ? ns_render_network_input_row (view, i) : i, &from);
  ns_network_layout_node (layout, l + 1, j, &to);
  *x0 = from.x + from.width;
  *y0 = from.y + from.height / 2;
  *x1 = to.x;
  *y1 = to.y + to.height / 2;
}

static void
link_look (const NsRenderStyle *style, float w, NsColor *color, double *width)
{
  const NsColor *sign = w > 0 ? &style->positive : w < 0 ? &style->negative : &style->outline;

  *color = ns_color_with_alpha (sign, sign->a * ns_render_network_link_alpha (w));
  *width = ns_render_network_link_width (style, w);
}

/* What the links show while stepping: the sample's gradient (BACKWARD) or each weight's
 * change (UPDATE); NULL for the weights themselves. */
static const float *
step_link_values (const NsNetworkViewData *view)
{
  const NsStepState *step = view->step;

  if (step == NULL || step->n_params != view->net->n_params)
    return NULL;
  if (step->phase == NS_STEP_BACKWARD)
    return step->grad;
  if (step->phase == NS_STEP_UPDATE)
    return step->change;
  return NULL;
}

/* Gradients and changes are tiny next to weights (a change is η times a gradient scaled by
 * 1/B), so they get their own scale, one per layer: a shared scale would let the layer with
 * the largest gradients (often the first) drown the others, hiding exactly what a learner is
 * looking for when gradients shrink toward the input. The largest |value| of layer @l draws
 * like a weight of 3.5 (nearly the widest link), the others in proportion, so every nonzero
 * one still shows its sign. */
static double
step_link_scale (const NsNetworkViewData *view, const float *values, size_t l)
{
  const NnNet *net = view->net;
  double m = 0;

  for (size_t j = 0; j < nn_net_layer_width (net, l); j++)
    for (size_t i = 0; i < nn_net_layer_fan_in (net, l); i++)
      {
        double a = fabs ((double) values[nn_net_param_index (net, l, j, i)]);

        if (isfinite (a) && a > m)
          m = a;
      }

  return m > 0 ? 3.5 / m : 0;
}

/* The value link @index is drawn with: its weight, or a scaled gradient or change. */
static float
link_value (const NsNetworkViewData *view, const float *values, double scale, size_t index)
{
  if (values == NULL)
    return view->net->params[index];
  return (float) (values[index] * scale);
}

void
ns_render_network_draw_links (NsScene *scene,
                              const NsNetworkViewData *view,
                              const NsNetworkLayout *layout,
                              const NsRenderStyle *style)
{
  const NnNet *net = view->net;
  double min_tolerance = ns_render_style_px (style, 4);
  double pad = ns_render_style_px (style, 2);
  const NsNetworkItem *sel = &view->selection;
  const float *values = step_link_values (view);
  double scale = 1;

  /* Weight (l, j, i) runs from picture i of column l to neuron j of column l + 1. */
  for (size_t l = 0; l < net->n_layers; l++)
    {
      /* A layer the step's walk has not reached yet is drawn faint: in FORWARD its weights
       * wait their turn; in BACKWARD its gradients are not known yet (thin neutral lines). */
      gboolean reached = ns_render_network_step_layer_reached (view->step, l);

      if (values != NULL)
        scale = step_link_scale (view, values, l);
      for (size_t j = 0; j < nn_net_layer_width (net, l); j++)
        for (size_t i = 0; i < nn_net_layer_fan_in (net, l); i++)
          {
            double x0, y0, x1, y1, lw;
            NsColor color;
            float value = link_value (view, values, scale, nn_net_param_index (net, l, j, i));

            link_ends (view, layout, l, j, i, &x0, &y0, &x1, &y1);
            link_look (style, reached || values == NULL ? value : 0, &color, &lw);
            if (!reached)
              color.a *= 0.3;
            ns_scene_add_line (scene, x0, y0, x1, y1, lw, &color);
            ns_scene_add_hit_segment (scene, NS_HIT_LINK, (int) l, (int) j, (int) i, x0, y0, x1, y1,
                                      MAX (lw / 2 + pad, min_tolerance));
          }
    }

  /* The selected link again on top, over a halo. */
  if (sel->kind == NS_HIT_LINK && sel->layer >= 0 && (size_t) sel->layer < net->n_layers
      && sel->neuron >= 0 && (size_t) sel->neuron < nn_net_layer_width (net, sel->layer)
      && sel->input >= 0 && (size_t) sel->input < nn_net_layer_fan_in (net, sel->layer))
    {
      size_t index = nn_net_param_index (net, sel->layer, sel->neuron, sel->input);
      double x0, y0, x1, y1, lw;
      NsColor color;

      if (values != NULL)
        scale = step_link_scale (view, values, sel->layer);

      link_ends (view, layout, sel->layer, sel->neuron, sel->input, &x0, &y0, &x1, &y1);
      link_look (style, link_value (view, values, scale, index), &color, &lw);
      /* In the text colour: an accent blue would vanish around a blue (positive) link. */
      ns_scene_add_line (scene, x0, y0, x1, y1, lw + ns_render_style_px (style, 5),
                         &style->foreground);
      color.a = 1;
      ns_scene_add_line (scene, x0, y0, x1, y1, lw, &color);
    }
}
