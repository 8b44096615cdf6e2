/* ns-render-network-images-step.c: the stepping overlays of an image network's picture
 * (ns-render-network-images.c): the story under the picture (the phase and its layer's
 * formula) and the details pane's numbers for a feature map while stepping. */
#include "ns-render-network.h"

#include <math.h>

#include "ns-render-images-private.h"
#include "ns-render-network-images-private.h"
#include "ns-render-network-private.h"

/* ---- stepping's story ---- */

static char *
layer_formula (const NnNet *net, size_t l, NsStepPhase phase, guint batch_size)
{
  const NnLayer *layer = &net->layers[l];
  const char *act = ns_render_network_activation_label (layer->act);
  g_autofree char *title = ns_render_network_layer_title (net, l);

  if (phase == NS_STEP_FORWARD)
    switch (layer->kind)
      {
      case NN_LAYER_CONV2D:
        return g_strdup_printf ("%s: each pixel z = b + Σ w·x over its %zux%zu window of every "
                                "map before, a = %s(z)",
                                title, layer->kernel, layer->kernel, act);
      case NN_LAYER_MAX_POOL:
        return g_strdup_printf ("%s: each pixel is the largest of its %zux%zu window", title,
                                layer->kernel, layer->kernel);
      case NN_LAYER_DENSE:
      case NN_LAYER_FLATTEN:
      case NN_N_LAYER_KINDS:
      default:
        if (l == net->n_layers - 1)
          return g_strdup_printf ("%s: z = w·x + b, p = softmax(z)", title);
        return g_strdup_printf ("%s: z = w·x + b, a = %s(z)", title, act);
      }
  switch (layer->kind)
    {
    case NN_LAYER_CONV2D:
      return g_strdup_printf ("%s: each pixel δ = f′(z) · Σ w·δ of the pixels it fed", title);
    case NN_LAYER_MAX_POOL:
      return g_strdup_printf ("%s: δ goes back to the pixel that was each window's largest", title);
    case NN_LAYER_DENSE:
    case NN_LAYER_FLATTEN:
    case NN_N_LAYER_KINDS:
    default:
      if (l == net->n_layers - 1)
        return batch_size > 1
                   ? g_strdup_printf ("%s: δ = (p − y) ÷ %u (batch size)", title, batch_size)
                   : g_strdup_printf ("%s: δ = p − y", title);
      return g_strdup_printf ("%s: δ = f′(z) · Σ w·δ from the right", title);
    }
}

void
ns_net_images_make_story (NsNetImagesPicture *p)
{
  const NsStepState *step = p->step;
  const NnNet *net = p->net;

  if (step == NULL)
    return;
  switch (step->phase)
    {
    case NS_STEP_FORWARD:
      {
        size_t l = MIN (MAX (step->layer, 1), net->n_layers) - 1;

        g_ptr_array_add (p->story, g_strdup_printf ("forward: sample %u of %u", step->sample + 1,
                                                    step->batch_size));
        g_ptr_array_add (p->story, layer_formula (net, l, step->phase, step->batch_size));
        break;
      }
    case NS_STEP_LOSS:
      {
        char buffer[32];
        guint t = step->target >= 0 ? (guint) step->target : 0;

        g_ptr_array_add (p->story,
                         g_strdup_printf ("loss: target class %s",
                                          ns_images_class_name (p->view->data_class_names,
                                                                p->view->n_data_classes, t, buffer,
                                                                sizeof buffer)));
        {
          char *loss = ns_render_network_step_loss_text (net, step);

          if (loss != NULL)
            g_ptr_array_add (p->story, loss);
        }
        break;
      }
    case NS_STEP_BACKWARD:
      {
        size_t l = net->n_layers - MIN (MAX (step->layer, 1), net->n_layers);

        g_ptr_array_add (p->story, g_strdup ("backward: gradients flow right to left; maps show "
                                             "δ (orange < 0 < blue)"));
        g_ptr_array_add (p->story, layer_formula (net, l, step->phase, step->batch_size));
        break;
      }
    case NS_STEP_UPDATE:
      {
        g_autofree char *caption = ns_render_network_step_caption (net, step);
        g_auto (GStrv) lines = caption != NULL ? g_strsplit (caption, "\n", -1) : NULL;

        /* The plane caption's first line (the optimizer's formula); its second speaks of
         * links, which here do not show the change. */
        if (lines != NULL && lines[0] != NULL)
          g_ptr_array_add (p->story, g_strdup (lines[0]));
        g_ptr_array_add (p->story,
                         g_strdup ("filters: before, after, and the change on a scale of its own"));
        break;
      }
    case NS_STEP_IDLE:
    default:
      break;
    }
}

void
ns_net_images_draw_story (NsNetImagesPicture *p, double width, double height)
{
  const NsImagesCtx *ctx = &p->ctx;
  double margin = NS_NET_IMAGES_MARGIN * ctx->style->scale;
  double line = 1.4 * p->story_size;
  double y = p->body_bottom + ctx->pad;

  if (p->story->len == 0)
    {
      const char *texts[] = {
        "Maps: neutral = 0, blue = the layer's highest · filters: orange < 0 < blue",
        "neutral = 0, blue = high · filters: orange < 0 < blue",
        "blue = high, orange < 0",
      };

      ns_images_add_fitting_text (
          ctx, margin, height - margin - ns_images_text_height (ctx, NS_TEXT_LABEL, ctx->small),
          width - 2 * margin, NS_TEXT_LABEL, ctx->small, &ctx->style->muted, texts,
          G_N_ELEMENTS (texts));
      return;
    }
  for (guint k = 0; k < p->story->len; k++, y += line)
    {
      const char *text = p->story->pdata[k];
      double w = ns_images_text_width (ctx, text, NS_TEXT_VALUE, p->story_size);
      double size = p->story_size;

      /* A long formula in a narrow column: smaller rather than cut. */
      if (w > width - 2 * margin)
        size = MAX (size * (width - 2 * margin) / w, p->story_size * 0.6);
      ns_scene_add_text (ctx->scene, margin, y, text, k == 0 ? NS_TEXT_TITLE : NS_TEXT_VALUE, size,
                         NS_ALIGN_START, NS_ALIGN_START, &ctx->style->foreground);
    }
}

/* ---- the details pane's numbers for a map ---- */

#define MAX_WINDOW_TERMS 9 /* a 3x3 window of one map; more is "⋯" */

/* Input value (ci, y, x) of layer @l for the stepped sample, 0 outside (the zero padding). */
static float
map_input (const NnNet *net,
           const NsStepState *step,
           size_t l,
           const NnShape *in,
           long ci,
           long y,
           long x)
{
  size_t i;

  if (y < 0 || x < 0 || (size_t) y >= in->height || (size_t) x >= in->width)
    return 0;
  i = ((size_t) ci * in->height + (size_t) y) * in->width + (size_t) x;
  return l == 0 ? step->input[i] : step->a[nn_net_unit_index (net, l - 1, i)];
}

char *
ns_render_network_images_explain_map (const NsNetworkViewData *view, size_t l, size_t channel)
{
  const NnNet *net = view->net;
  const NsStepState *step = view->step;
  const NnLayer *layer = &net->layers[l];
  NnShape in, out;
  size_t plane, first, best = 0;
  const float *rows;
  g_autofree char *title = ns_render_network_layer_title (net, l);
  GString *s;
  long y, x, k, half;

  if (nn_net_layer_shape (net, l, &in, &out) != NN_OK || channel >= out.channels)
    return NULL;
  plane = out.height * out.width;
  first = nn_net_unit_index (net, l, channel * plane);
  s = g_string_new (NULL);
  g_string_append_printf (s, "Map %zu of layer %zu (%s)\n", channel + 1, l + 1, title);
  if (!ns_render_network_step_layer_reached (step, l))
    {
      g_string_append (s, "not reached yet in this pass");
      return g_string_free (s, FALSE);
    }

  /* The pixel the map responds to most (in BACKWARD: the largest gradient). */
  rows = step->phase == NS_STEP_BACKWARD ? step->delta : step->a;
  for (size_t q = 1; q < plane; q++)
    if (fabsf (rows[first + q]) > fabsf (rows[first + best]))
      best = q;
  y = (long) (best / out.width);
  x = (long) (best % out.width);
  k = (long) layer->kernel;
  half = k / 2;

  if (step->phase == NS_STEP_BACKWARD)
    {
      g_autofree char *d = ns_render_network_format_number (step->delta[first + best]);

      g_string_append_printf (s, "its largest δ, at row %ld, column %ld: %s\n", y + 1, x + 1, d);
      if (layer->kind == NN_LAYER_CONV2D)
        {
          size_t b = nn_net_param_index (net, l, channel, layer->fan_in);
          g_autofree char *g = ns_render_network_format_number (step->grad[b]);

          g_string_append_printf (s, "its bias's gradient: Σ δ over the map = %s", g);
        }
      else
        g_string_append (s, "a pool passes δ to the largest pixel of each window");
      return g_string_free (s, FALSE);
    }

  if (step->phase == NS_STEP_UPDATE && layer->kind == NN_LAYER_CONV2D
      && step->params_before != NULL)
    {
      size_t b = nn_net_param_index (net, l, channel, layer->fan_in);
      size_t top = 0;
      g_autofree char *b0 = ns_render_network_format_number (step->params_before[b]);
      g_autofree char *b1 = ns_render_network_format_number (step->params_after[b]);

      for (size_t i = 1; i < layer->fan_in; i++)
        if (fabsf (step->change[nn_net_param_index (net, l, channel, i)])
            > fabsf (step->change[nn_net_param_index (net, l, channel, top)]))
          top = i;
      g_string_append_printf (s, "bias: %s → %s\n", b0, b1);
      {
        size_t i = nn_net_param_index (net, l, channel, top);
        g_autofree char *w0 = ns_render_network_format_number (step->params_before[i]);
        g_autofree char *w1 = ns_render_network_format_number (step->params_after[i]);

        g_string_append_printf (s,
                                "its filter's largest change, input map %zu, row %zu, column %zu: "
                                "%s → %s",
                                top / (size_t) (k * k) + 1, (top / (size_t) k) % (size_t) k + 1,
                                top % (size_t) k + 1, w0, w1);
      }
      return g_string_free (s, FALSE);
    }

  g_string_append_printf (s, "its strongest pixel, row %ld, column %ld:\n", y + 1, x + 1);
  if (layer->kind == NN_LAYER_MAX_POOL)
    {
      g_string_append_printf (s, "a = max of its %ldx%ld window = max(", k, k);
      for (long dy = 0; dy < k; dy++)
        for (long dx = 0; dx < k; dx++)
          {
            g_autofree char *v = ns_render_network_format_number (
                map_input (net, step, l, &in, (long) channel, y * k + dy, x * k + dx));

            g_string_append_printf (s, "%s%s", dy + dx > 0 ? ", " : "", v);
          }
      {
        g_autofree char *a = ns_render_network_format_number (step->a[first + best]);

        g_string_append_printf (s, ") = %s", a);
      }
      return g_string_free (s, FALSE);
    }

  {
    const float *w = net->params;
    size_t terms = 0, total = (size_t) (in.channels * k * k);
    g_autofree char *bias =
        ns_render_network_format_number (w[nn_net_param_index (net, l, channel, layer->fan_in)]);
    g_autofree char *z = ns_render_network_format_number (step->z[first + best]);
    g_autofree char *a = ns_render_network_format_number (step->a[first + best]);

    g_string_append_printf (s, "z = b + Σ w·x over its %ldx%ld window = %s", k, k, bias);
    for (size_t ci = 0; ci < in.channels && terms < MAX_WINDOW_TERMS; ci++)
      for (long ky = 0; ky < k && terms < MAX_WINDOW_TERMS; ky++)
        for (long kx = 0; kx < k && terms < MAX_WINDOW_TERMS; kx++, terms++)
          {
            float wv = nn_net_conv_weight (net, l, channel, ci, (size_t) ky, (size_t) kx);
            float xv = map_input (net, step, l, &in, (long) ci, y + ky - half, x + kx - half);
            g_autofree char *ws = ns_render_network_format_number (wv);
            g_autofree char *xs = ns_render_network_format_number (xv);

            g_string_append_printf (s, " + %s%s%s·%s%s%s", wv < 0 ? "(" : "", ws, wv < 0 ? ")" : "",
                                    xv < 0 ? "(" : "", xs, xv < 0 ? ")" : "");
          }
    if (total > terms)
      g_string_append_printf (s, " + ⋯ (%zu more)", total - terms);
    g_string_append_printf (s, " = %s\na = %s(z) = %s", z,
                            ns_render_network_activation_label (layer->act), a);
  }
  return g_string_free (s, FALSE);
}
