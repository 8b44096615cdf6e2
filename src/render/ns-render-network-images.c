/* ns-render-network-images.c: the network diagram for image data (issue 11).
 *
 * A heatmap over the plane means nothing for an 8 x 8 digit, so an image network is drawn as
 * what it does to one sample, left to right: the input image, each conv layer's feature maps
 * (one crisp image per channel, the filter that made it beside it), each pool layer's pooled
 * maps, dense layers as columns of neurons filled by their activation, and the output's
 * classes with their probabilities. Links are sparse: each map or neuron is joined to the map
 * or neuron it draws on most (a pool map to the map it pools), never 64 x 32 lines.
 */
#include "ns-render-network.h"

#include <math.h>
#include <string.h>

#include "ns-colormap.h"
#include "ns-render-chart.h"
#include "ns-render-images-private.h"
#include "ns-render-network-images-private.h"
#include "ns-render-network-private.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define LINKS_PER_TARGET 2 /* a dense neuron's strongest incoming links drawn */
#define MAX_LINKS 160      /* links in all, so a wide layer stays a picture */

static gboolean
step_shown (const NnNet *net, const NsStepState *step)
{
  return step != NULL && step->phase != NS_STEP_IDLE && step->n_units == net->n_units
         && step->n_params == net->n_params && step->n_inputs == net->n_inputs;
}

char *
ns_render_network_layer_title (const NnNet *net, size_t layer)
{
  NnShape in, out;
  NnActivation act;

  g_return_val_if_fail (net != NULL, NULL);

  if (nn_net_layer_shape (net, layer, &in, &out) != NN_OK)
    return g_strdup ("");
  act = nn_net_layer_activation (net, layer);
  if (layer == net->n_layers - 1)
    switch (net->loss)
      {
      case NN_LOSS_SOFTMAX_CE:
        return g_strdup_printf ("softmax %zu", out.channels);
      case NN_LOSS_BCE:
        return g_strdup ("sigmoid 1");
      case NN_LOSS_MSE:
      case NN_N_LOSSES:
      default:
        return g_strdup ("linear 1");
      }
  switch (nn_net_layer_kind (net, layer))
    {
    case NN_LAYER_CONV2D:
      return g_strdup_printf ("conv %zux%zu · %zu channel%s · %s", net->layers[layer].kernel,
                              net->layers[layer].kernel, out.channels, out.channels == 1 ? "" : "s",
                              ns_render_network_activation_label (act));
    case NN_LAYER_MAX_POOL:
      return g_strdup_printf ("max-pool %zux%zu", net->layers[layer].kernel,
                              net->layers[layer].kernel);
    case NN_LAYER_FLATTEN:
      return g_strdup ("flatten");
    case NN_LAYER_DENSE:
      return g_strdup_printf ("dense %zu · %s", out.channels,
                              ns_render_network_activation_label (act));
    case NN_N_LAYER_KINDS:
    default:
      return g_strdup ("");
    }
}

/* The title's first words, for a narrow column: "conv 3x3", "dense 32". */
static char *
short_title (const NnNet *net, int layer, const NsNetworkViewData *view)
{
  if (layer < 0)
    return g_strdup_printf ("input %ux%u", view->image_width, view->image_height);
  {
    g_autofree char *full = ns_render_network_layer_title (net, (size_t) layer);
    char *dot = strstr (full, " · ");

    if (dot != NULL)
      *dot = '\0';
    return g_strdup (full);
  }
}

/* What follows the first words: "8 channels · relu", "relu". */
static char *
title_rest (const NnNet *net, int layer)
{
  g_autofree char *full = NULL;
  const char *dot;

  if (layer < 0)
    return NULL;
  full = ns_render_network_layer_title (net, (size_t) layer);
  dot = strstr (full, " · ");
  return dot != NULL ? g_strdup (dot + strlen (" · ")) : NULL;
}

/* ---- the numbers each column shows ---- */

static const float *
input_values (const NsNetImagesPicture *p)
{
  if (p->step != NULL && p->step->input != NULL)
    return p->step->input;
  return p->view->sample_input;
}

/* Whether layer @l's numbers are shown yet in the walk. */
static gboolean
reached (const NsNetImagesPicture *p, size_t l)
{
  return p->step == NULL || ns_render_network_step_layer_reached (p->step, l);
}

/* Layer @l's values for the sample (its units in order), or NULL when not reached; *diverging
 * says they are deltas (coloured around 0). */
static const float *
layer_values (const NsNetImagesPicture *p, size_t l, gboolean *diverging)
{
  size_t first = nn_net_unit_index (p->net, l, 0);

  *diverging = FALSE;
  if (first == SIZE_MAX)
    return NULL;
  if (p->step == NULL)
    return p->view->sample_units != NULL ? p->view->sample_units + first : NULL;
  if (!reached (p, l))
    return NULL;
  if (p->step->phase == NS_STEP_BACKWARD)
    {
      *diverging = TRUE;
      return p->step->delta != NULL ? p->step->delta + first : NULL;
    }
  return p->step->a != NULL ? p->step->a + first : NULL;
}

/* The parameters a side picture shows: now; in UPDATE before (0), after (1) and the change
 * (2). */
static const float *
params_shown (const NsNetImagesPicture *p, guint which)
{
  if (p->step != NULL && p->step->phase == NS_STEP_UPDATE && p->step->params_before != NULL)
    return which == 0   ? p->step->params_before
           : which == 1 ? p->step->params_after
                        : p->step->change;
  return p->net->params;
}

static gboolean
is_change (const NsNetImagesPicture *p, guint which)
{
  return which == 2 && p->step != NULL && p->step->phase == NS_STEP_UPDATE
         && p->step->change != NULL;
}

static void
value_range (const float *values, size_t n, float *min, float *max)
{
  *min = 0;
  *max = 0;
  for (size_t k = 0; k < n; k++)
    if (isfinite (values[k]))
      {
        *min = MIN (*min, values[k]);
        *max = MAX (*max, values[k]);
      }
}

/* Activations: neutral at 0 up to blue at the highest; anything below 0 (or deltas) orange,
 * symmetric around 0. As ns_render_feature_maps colours them. */
static void
values_colormap (NsColormap *map,
                 const NsRenderStyle *style,
                 const float *values,
                 size_t n,
                 gboolean diverging)
{
  float min, max;

  value_range (values, n, &min, &max);
  if (diverging || min < 0)
    {
      float m = MAX (-min, max);

      ns_colormap_init_values (map, style, m > 0 ? -m : -1, m > 0 ? m : 1);
    }
  else
    {
      NsColor white = { 1, 1, 1, 1 };
      NsColor high = style->dark ? ns_color_mix (&style->positive, &white, 0.3) : style->positive;

      ns_colormap_init_sequential (map, &style->neutral, &high, 0, max > 0 ? max : 1.0f);
    }
}

/* ---- drawing ---- */

static gboolean
item_is (const NsNetworkItem *item, int layer, int neuron)
{
  return item->kind == NS_HIT_NEURON && item->layer == layer && item->neuron == neuron;
}

/* As many of @text's " · "-separated parts, from the first, as fit @room ("test #1 · “apple”"
 * becomes "test #1" in a narrow column, so neighbouring titles never run together); the first
 * part alone when even it does not fit. */
static char *
fit_parts (const NsImagesCtx *ctx, const char *text, double room)
{
  g_auto (GStrv) parts = g_strsplit (text, " · ", -1);
  GString *fitted = g_string_new (parts[0]);

  for (guint k = 1; parts[k] != NULL; k++)
    {
      g_autofree char *longer = g_strdup_printf ("%s · %s", fitted->str, parts[k]);

      if (ns_images_text_width (ctx, longer, NS_TEXT_LABEL, ctx->small) > room)
        break;
      g_string_assign (fitted, longer);
    }
  return g_string_free (fitted, FALSE);
}

static void
draw_titles (NsNetImagesPicture *p, const NsNetImagesColumn *col)
{
  const NsImagesCtx *ctx = &p->ctx;
  double margin = p->top;
  double line = ns_images_text_height (ctx, NS_TEXT_TITLE, ctx->label);
  gboolean current = p->step != NULL && col->layer >= 0
                     && ns_render_network_step_layer_current (p->step, (size_t) col->layer);
  const NsColor *color = current ? &ctx->style->accent : &ctx->style->foreground;
  g_autofree char *full =
      col->layer >= 0 ? ns_render_network_layer_title (p->net, col->layer) : NULL;
  g_autofree char *first = short_title (p->net, col->layer, p->view);
  g_autofree char *rest = title_rest (p->net, col->layer);
  /* The column and half the gaps beside it: titles may be a little wider than their column. */
  double room = col->width + COLUMN_GAP * ctx->style->scale * 0.8;
  double cx = col->x + col->width / 2;

  if (col->layer < 0)
    {
      char buffer[32];
      const char *name =
          p->view->sample_label >= 0
              ? ns_images_class_name (p->view->data_class_names, p->view->n_data_classes,
                                      (guint) p->view->sample_label, buffer, sizeof buffer)
              : NULL;

      ns_scene_add_text (
          ctx->scene, MAX (cx, ns_images_text_width (ctx, first, NS_TEXT_TITLE, ctx->label) / 2),
          margin, first, NS_TEXT_TITLE, ctx->label, NS_ALIGN_CENTER, NS_ALIGN_START, color);
      if (p->step != NULL)
        rest = g_strdup_printf ("training #%u", p->step->data_index + 1);
      else if (p->view->sample_index >= 0 && name != NULL)
        rest = g_strdup_printf ("test #%d · “%s”", p->view->sample_index + 1, name);
      else if (p->view->sample_index >= 0)
        rest = g_strdup_printf ("test #%d", p->view->sample_index + 1);
    }
  else if (full != NULL && ns_images_text_width (ctx, full, NS_TEXT_TITLE, ctx->label) <= room)
    {
      ns_scene_add_text (ctx->scene, cx, margin, full, NS_TEXT_TITLE, ctx->label, NS_ALIGN_CENTER,
                         NS_ALIGN_START, color);
      g_clear_pointer (&rest, g_free);
    }
  else
    {
      /* Narrower still: "pool 2x2", then the kind alone ("pool"), so neighbours never touch. */
      g_autofree char *pool = g_str_has_prefix (first, "max-") ? g_strdup (first + 4) : NULL;
      g_autofree char *kind = g_strdup (pool != NULL ? pool : first);
      const char *texts[3];
      guint n = 0;
      char *space = strchr (kind, ' ');

      if (space != NULL)
        *space = '\0';
      texts[n++] = first;
      if (pool != NULL)
        texts[n++] = pool;
      texts[n++] = kind;
      for (guint k = 0; k < n; k++)
        if (k == n - 1 || ns_images_text_width (ctx, texts[k], NS_TEXT_TITLE, ctx->label) <= room)
          {
            ns_scene_add_text (ctx->scene, cx, margin, texts[k], NS_TEXT_TITLE, ctx->label,
                               NS_ALIGN_CENTER, NS_ALIGN_START, color);
            /* What the shortened title left out goes on the line under it ("32 · ReLU"). */
            if (texts[k] != first && g_str_has_prefix (first, texts[k]))
              {
                g_autofree char *more = g_strstrip (g_strdup (first + strlen (texts[k])));

                if (*more != '\0')
                  {
                    char *joined =
                        rest != NULL ? g_strdup_printf ("%s · %s", more, rest) : g_strdup (more);

                    g_free (rest);
                    rest = joined;
                  }
              }
            break;
          }
    }
  if (rest != NULL)
    {
      g_autofree char *fitted = fit_parts (ctx, rest, room);
      double half = ns_images_text_width (ctx, fitted, NS_TEXT_LABEL, ctx->small) / 2;

      /* The first column's line starts no further left than the picture. */
      ns_scene_add_text (ctx->scene, MAX (cx, half), margin + line, fitted, NS_TEXT_LABEL,
                         ctx->small, NS_ALIGN_CENTER, NS_ALIGN_START, &ctx->style->muted);
    }
}

/* An empty tile: the walk has not reached its layer yet. */
static void
draw_pending (NsNetImagesPicture *p, const NsNetworkBox *box)
{
  NsColor faint = ns_color_mix (&p->ctx.style->outline, &p->ctx.style->background, 0.4);

  ns_scene_add_rect (p->ctx.scene, box->x, box->y, box->width, box->height, 0, NULL, &faint,
                     ns_render_style_px (p->ctx.style, 1));
}

static void
draw_input (NsNetImagesPicture *p, const NsNetImagesColumn *col)
{
  NsNetworkBox box;
  const float *values = input_values (p);
  guint32 *pixels;
  const NsNetworkItem *sel = &p->view->selection, *hl = &p->view->highlight;

  ns_net_images_tile_box (col, 0, &box);
  if (values == NULL)
    {
      draw_pending (p, &box);
      return;
    }
  pixels = ns_images_add_crisp (p->ctx.scene, box.x, box.y, col->size / col->tile_h, col->tile_w,
                                col->tile_h);
  if (pixels != NULL)
    ns_images_fill_picture (p->ctx.style, values, p->view->image_channels, col->tile_h, col->tile_w,
                            pixels);
  ns_render_network_draw_outline (p->ctx.scene, &box, sel->kind == NS_HIT_INPUT,
                                  hl->kind == NS_HIT_INPUT, p->ctx.style);
  ns_scene_add_hit_rect (p->ctx.scene, NS_HIT_INPUT, -1, 0, -1, box.x, box.y, box.width,
                         box.height);
}

/* The side pictures of tile @t: a conv filter (grey weights on a diverging map, or a colour
 * image of three channels) or a dense neuron's weights as an image; before and after in
 * UPDATE. */
static void
draw_sides (NsNetImagesPicture *p, const NsNetImagesColumn *col, guint t, const NsNetworkBox *box)
{
  size_t l = (size_t) col->layer;
  const NnLayer *layer = &p->net->layers[l];
  size_t n = (size_t) col->side_w * col->side_h * col->side_channels;
  double x = box->x + box->width + p->ctx.pad / 2;
  double scale_w = 0, scale_change = 0;
  NsColormap map, change_map;

  /* One scale for the layer's weights, before and after alike, so filters compare; the change
   * (a learning rate times a gradient: tiny) on a scale of its own, or it would not show. */
  for (guint k = 0; k < col->n_side; k++)
    if (!is_change (p, k))
      scale_w = MAX (scale_w,
                     ns_images_max_abs (params_shown (p, k) + layer->w_offset, layer->n_weights));
    else
      scale_change = ns_images_max_abs (params_shown (p, k) + layer->w_offset, layer->n_weights);
  if (scale_w <= 0)
    scale_w = 1;
  if (scale_change <= 0)
    scale_change = 1;
  ns_colormap_init_values (&map, p->ctx.style, -scale_w, scale_w);
  ns_colormap_init_values (&change_map, p->ctx.style, -scale_change, scale_change);

  for (guint k = 0; k < col->n_side; k++)
    {
      const float *w = params_shown (p, k) + nn_net_param_index (p->net, l, t, 0);
      const NsColormap *m = is_change (p, k) ? &change_map : &map;
      double s = is_change (p, k) ? scale_change : scale_w;
      double h = col->side_h * col->side_zoom;
      double y = box->y + (box->height - h) / 2;
      guint32 *pixels =
          ns_images_add_crisp (p->ctx.scene, x, y, col->side_zoom, col->side_w, col->side_h);

      if (pixels != NULL && n <= layer->fan_in)
        {
          if (col->side_channels == 3)
            ns_images_fill_rgb_weights (w, col->side_h, col->side_w, (float) s, pixels);
          else
            ns_colormap_apply (m, w, (int) col->side_w, (int) col->side_h, FALSE, pixels,
                               (int) col->side_w);
        }
      ns_scene_add_rect (p->ctx.scene, round (x), round (y), col->side_w * col->side_zoom, h, 0,
                         NULL, &p->ctx.style->outline, ns_render_style_px (p->ctx.style, 1));
      x += col->side_w * col->side_zoom + p->ctx.pad / 2;
    }
}

static void
draw_layer (NsNetImagesPicture *p, const NsNetImagesColumn *col)
{
  size_t l = (size_t) col->layer;
  gboolean diverging;
  const float *values = layer_values (p, l, &diverging);
  size_t plane = (size_t) col->tile_w * col->tile_h;
  NsColormap map;

  if (values != NULL)
    values_colormap (&map, p->ctx.style, values, nn_net_layer_width (p->net, l), diverging);

  for (guint t = 0; t < col->n_tiles; t++)
    {
      NsNetworkBox box, cell;

      ns_net_images_tile_box (col, t, &box);
      ns_net_images_cell_box (p, col, t, &cell);
      if (values == NULL)
        draw_pending (p, &box);
      else
        {
          guint32 *pixels = ns_images_add_crisp (p->ctx.scene, box.x, box.y,
                                                 col->size / col->tile_h, col->tile_w, col->tile_h);

          if (pixels != NULL)
            ns_colormap_apply (&map, values + t * plane, (int) col->tile_w, (int) col->tile_h,
                               FALSE, pixels, (int) col->tile_w);
        }
      if (col->n_side > 0)
        draw_sides (p, col, t, &box);
      ns_render_network_draw_outline (p->ctx.scene, &box, FALSE, FALSE, p->ctx.style);
      if (item_is (&p->view->selection, col->layer, (int) t)
          || item_is (&p->view->highlight, col->layer, (int) t))
        ns_render_network_draw_outline (
            p->ctx.scene, &cell, item_is (&p->view->selection, col->layer, (int) t),
            item_is (&p->view->highlight, col->layer, (int) t), p->ctx.style);
      ns_scene_add_hit_rect (p->ctx.scene, NS_HIT_NEURON, col->layer, (int) t, -1, cell.x, cell.y,
                             cell.width, cell.height);
    }
}

/* The output: a row per class, its name, a bar and its probability. */
static void
draw_output (NsNetImagesPicture *p, const NsNetImagesColumn *col)
{
  const NsImagesCtx *ctx = &p->ctx;
  size_t l = (size_t) col->layer;
  gboolean diverging;
  const float *values = layer_values (p, l, &diverging);
  double name_w = 0, pct_w = ns_images_text_width (ctx, "100.0%", NS_TEXT_VALUE, ctx->small);
  double text = MIN (ctx->small, col->size * 0.8);
  int best = -1, target = -1;
  char buffer[32];

  /* The target is framed from LOSS on: in FORWARD the network has not been told it yet. */
  if (p->step != NULL && p->step->phase == NS_STEP_FORWARD)
    target = -1;
  else if (p->step != NULL)
    target = (int) p->step->target;
  else
    target = p->view->sample_label;
  for (guint t = 0; t < col->n_tiles; t++)
    name_w = MAX (name_w, ns_images_text_width (ctx,
                                                ns_images_class_name (p->view->data_class_names,
                                                                      p->view->n_data_classes, t,
                                                                      buffer, sizeof buffer),
                                                NS_TEXT_LABEL, text));
  if (values != NULL && diverging)
    for (guint t = 0; t < col->n_tiles; t++)
      {
        float v = p->net->loss == NN_LOSS_BCE ? (t == 1 ? values[0] : 1 - values[0]) : values[t];
        g_autofree char *d = ns_render_network_format_number (v);

        pct_w = MAX (pct_w, ns_images_text_width (ctx, d, NS_TEXT_VALUE, text));
      }
  if (values != NULL && !diverging)
    for (guint t = 0; t < col->n_tiles; t++)
      {
        float v = p->net->loss == NN_LOSS_BCE ? (t == 1 ? values[0] : 1 - values[0]) : values[t];
        float b = best < 0                      ? -1
                  : p->net->loss == NN_LOSS_BCE ? (best == 1 ? values[0] : 1 - values[0])
                                                : values[best];

        if (v > b)
          best = (int) t;
      }

  for (guint t = 0; t < col->n_tiles; t++)
    {
      NsNetworkBox box;
      const char *name = ns_images_class_name (p->view->data_class_names, p->view->n_data_classes,
                                               t, buffer, sizeof buffer);
      double bar_x, bar_w, bar_h, cy;
      int neuron = p->net->loss == NN_LOSS_BCE ? 0 : (int) t;

      ns_net_images_tile_box (col, t, &box);
      cy = box.y + box.height / 2;
      /* The names a pad in, clear of the links that end at the column's edge. */
      bar_x = box.x + ctx->pad + name_w + ctx->pad;
      bar_w = MAX (box.width - name_w - pct_w - 3 * ctx->pad, 4);
      bar_h = MAX (box.height * 0.6, 2);
      ns_scene_add_text (ctx->scene, box.x + ctx->pad + name_w, cy, name,
                         (int) t == best ? NS_TEXT_TITLE : NS_TEXT_LABEL, text, NS_ALIGN_END,
                         NS_ALIGN_CENTER, &ctx->style->foreground);
      ns_scene_add_rect (ctx->scene, bar_x, cy - bar_h / 2, bar_w, bar_h, 0, NULL,
                         &ctx->style->outline, ns_render_style_px (ctx->style, 1));
      if (values != NULL)
        {
          float v = p->net->loss == NN_LOSS_BCE ? (t == 1 ? values[0] : 1 - values[0]) : values[t];

          if (diverging)
            {
              /* A delta: a bar from the middle, orange below 0, blue above. */
              float m = ns_images_max_abs (values, p->net->loss == NN_LOSS_BCE ? 1 : col->n_tiles);
              double half = bar_w / 2, len = m > 0 ? half * fabs (v) / m : 0;

              ns_scene_add_rect (ctx->scene, v < 0 ? bar_x + half - len : bar_x + half,
                                 cy - bar_h / 2, len, bar_h, 0,
                                 v < 0 ? &ctx->style->negative : &ctx->style->positive, NULL, 0);
              {
                g_autofree char *d = ns_render_network_format_number (v);

                ns_scene_add_text (ctx->scene, box.x + box.width, cy, d, NS_TEXT_VALUE, text,
                                   NS_ALIGN_END, NS_ALIGN_CENTER, &ctx->style->foreground);
              }
            }
          else
            {
              NsColor fill = (int) t == best ? ctx->style->positive : ctx->style->muted;

              ns_scene_add_rect (ctx->scene, bar_x, cy - bar_h / 2,
                                 bar_w * CLAMP (isfinite (v) ? v : 0, 0, 1), bar_h, 0, &fill, NULL,
                                 0);
              ns_scene_add_textf (ctx->scene, box.x + box.width, cy, NS_TEXT_VALUE, text,
                                  NS_ALIGN_END, NS_ALIGN_CENTER, &ctx->style->foreground, "%.1f%%",
                                  100.0 * (isfinite (v) ? v : 0));
            }
        }
      if ((int) t == target)
        ns_scene_add_rect (ctx->scene, box.x - ctx->pad / 2, box.y, box.width + ctx->pad,
                           box.height, ns_render_style_px (ctx->style, 3), NULL,
                           &ctx->style->foreground, ns_render_style_px (ctx->style, 1.5));
      if (item_is (&p->view->selection, col->layer, neuron)
          || item_is (&p->view->highlight, col->layer, neuron))
        ns_render_network_draw_outline (
            ctx->scene, &box, item_is (&p->view->selection, col->layer, neuron),
            item_is (&p->view->highlight, col->layer, neuron), ctx->style);
      ns_scene_add_hit_rect (ctx->scene, NS_HIT_NEURON, col->layer, neuron, -1, box.x, box.y,
                             box.width, box.height);
    }
}

/* ---- links ---- */

/* How strongly unit row @j of layer @l draws on source tile @s of the column before (a map:
 * the sum of its weights over the map; a neuron: its weight), signed. */
static double
link_strength (const NsNetImagesPicture *p,
               const NsNetImagesColumn *from,
               size_t l,
               size_t j,
               guint s)
{
  const NnLayer *layer = &p->net->layers[l];
  double sum = 0;

  if (layer->kind == NN_LAYER_CONV2D)
    {
      size_t k = layer->kernel;

      for (size_t q = 0; q < k * k; q++)
        sum += nn_net_weight (p->net, l, j, s * k * k + q);
      return sum;
    }
  if (layer->kind == NN_LAYER_DENSE)
    {
      size_t plane = (size_t) from->tile_w * from->tile_h;

      if (from->layer < 0 || from->tile_h > 1)
        {
          /* A map (or the input's channel) of plane pixels feeds plane weights. */
          for (size_t q = 0; q < plane && s * plane + q < layer->fan_in; q++)
            sum += nn_net_weight (p->net, l, j, s * plane + q);
          return sum;
        }
      return nn_net_weight (p->net, l, j, s);
    }
  return 0;
}

static void
draw_link (NsNetImagesPicture *p,
           const NsNetImagesColumn *from,
           guint s,
           const NsNetImagesColumn *to,
           guint t,
           double w)
{
  NsNetworkBox a, b;
  NsColor color;

  ns_net_images_cell_box (p, from, s, &a);
  ns_net_images_tile_box (to, t, &b);
  color = w < 0 ? p->ctx.style->negative : p->ctx.style->positive;
  color.a *= 0.25 + 0.45 * ns_render_network_link_alpha ((float) w);
  ns_scene_add_line (p->ctx.scene, a.x + a.width, a.y + a.height / 2, b.x, b.y + b.height / 2,
                     MIN (ns_render_network_link_width (p->ctx.style, (float) w),
                          ns_render_style_px (p->ctx.style, 2)),
                     &color);
}

static void
draw_links (NsNetImagesPicture *p)
{
  guint drawn = 0;

  for (guint c = 1; c < p->n_columns; c++)
    {
      const NsNetImagesColumn *from = &p->columns[c - 1], *to = &p->columns[c];
      size_t l = (size_t) to->layer;
      guint n_from = from->layer < 0 ? p->view->image_channels : from->n_tiles;
      guint n_targets = to->output && p->net->loss == NN_LOSS_BCE ? 1 : to->n_tiles;

      if (from->layer < 0)
        n_from = 1; /* the input is one picture, whatever its channels */
      for (guint t = 0; t < n_targets && drawn < MAX_LINKS; t++)
        {
          if (to->kind == NN_LAYER_MAX_POOL)
            {
              /* A pooled map comes from the one map it pools. */
              NsColor color = p->ctx.style->muted;
              NsNetworkBox a, b;

              color.a *= 0.6;
              ns_net_images_cell_box (p, from, t, &a);
              ns_net_images_tile_box (to, t, &b);
              ns_scene_add_line (p->ctx.scene, a.x + a.width, a.y + a.height / 2, b.x,
                                 b.y + b.height / 2, ns_render_style_px (p->ctx.style, 1.5),
                                 &color);
              drawn++;
              continue;
            }
          if (from->layer < 0)
            {
              /* Every first-layer map or neuron looks at the whole image. */
              double sum = 0;

              for (guint ch = 0; ch < p->view->image_channels; ch++)
                sum += link_strength (p, from, l, t, ch);
              draw_link (p, from, 0, to, t, sum);
              drawn++;
              continue;
            }
          {
            /* The strongest sources, by |strength|. */
            guint best[LINKS_PER_TARGET];
            double best_w[LINKS_PER_TARGET];
            guint n_best = 0;

            for (guint s = 0; s < n_from; s++)
              {
                double w = link_strength (p, from, l, t, s);
                guint k;

                if (!isfinite (w))
                  continue;
                for (k = n_best; k > 0 && fabs (best_w[k - 1]) < fabs (w); k--)
                  if (k < LINKS_PER_TARGET)
                    {
                      best[k] = best[k - 1];
                      best_w[k] = best_w[k - 1];
                    }
                if (k < LINKS_PER_TARGET)
                  {
                    best[k] = s;
                    best_w[k] = w;
                    n_best = MIN (n_best + 1, LINKS_PER_TARGET);
                  }
              }
            /* A conv map or a neuron after the maps: its one strongest source is enough. */
            if (to->kind == NN_LAYER_CONV2D || from->tile_h > 1)
              n_best = MIN (n_best, 1);
            for (guint k = 0; k < n_best; k++, drawn++)
              draw_link (p, from, best[k], to, t, best_w[k]);
          }
        }
    }
}

void
ns_render_network_images (NsScene *scene,
                          const NsNetworkViewData *view,
                          const NsRenderStyle *style,
                          double width,
                          double height)
{
  NsNetImagesPicture p = { 0 };
  g_autoptr (GPtrArray) story = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (scene != NULL && style != NULL);
  g_return_if_fail (ns_render_network_is_image (view));

  ns_images_ctx_init (&p.ctx, scene, style, width, height);
  p.view = view;
  p.net = view->net;
  p.step = step_shown (view->net, view->step) ? view->step : NULL;
  p.story = story;
  p.story_size = MAX (ns_render_style_px (style, 13), p.ctx.small);
  ns_net_images_make_story (&p);
  ns_net_images_layout (&p, width, height);

  draw_links (&p);
  for (guint c = 0; c < p.n_columns; c++)
    {
      const NsNetImagesColumn *col = &p.columns[c];

      draw_titles (&p, col);
      if (col->layer < 0)
        draw_input (&p, col);
      else if (col->output)
        draw_output (&p, col);
      else
        draw_layer (&p, col);
      if (p.step != NULL && col->layer >= 0
          && ns_render_network_step_layer_current (p.step, (size_t) col->layer))
        {
          /* The layer the walk has just reached, framed in the accent colour. */
          double pad = p.ctx.pad;

          ns_scene_add_rect (scene, col->x - pad, p.body_top - pad, col->width + 2 * pad,
                             p.body_bottom - p.body_top + 2 * pad, ns_render_style_px (style, 6),
                             NULL, &style->accent, ns_render_style_px (style, 2));
        }
    }
  ns_net_images_draw_story (&p, width, height);
}
