/* ns-render-network-images-layout.c: where the columns of an image network's picture go: each
 * column's tiles (maps, filters, neurons) sized so the widest layers fit the width and the
 * tallest the height, and the boxes of a column's tiles and cells. The drawing in
 * ns-render-network-images.c reads these boxes. */
#include "ns-render-network.h"
#include <math.h>
#include <string.h>
#include "ns-colormap.h"
#include "ns-render-chart.h"
#include "ns-render-images-private.h"
#include "ns-render-network-images-private.h"
#include "ns-render-network-private.h"

#define MAX_MAP_PIXEL 12.0 /* a feature map's pixel at most (an 8 x 8 map: 96 units) */
#define MAX_NEURON 30.0    /* a dense neuron's square at most */
#define MIN_NEURON 6.0     /* … and at least */
#define MAX_CLASS_ROW 30.0 /* an output class's row at most */

static void
column_shape (NsNetImagesPicture *p, NsNetImagesColumn *col)
{
  const NnNet *net = p->net;
  const NsNetworkViewData *view = p->view;
  gboolean update = p->step != NULL && p->step->phase == NS_STEP_UPDATE;

  col->n_side = 0;
  col->side_w = col->side_h = 0;
  col->side_channels = 1;
  if (col->layer < 0)
    {
      col->n_tiles = 1;
      col->tile_w = view->image_width;
      col->tile_h = view->image_height;
      return;
    }

  {
    NnShape in, out;
    size_t l = (size_t) col->layer;

    nn_net_layer_shape (net, l, &in, &out);
    col->kind = nn_net_layer_kind (net, l);
    col->output = l == net->n_layers - 1;
    if (col->kind == NN_LAYER_CONV2D || col->kind == NN_LAYER_MAX_POOL)
      {
        col->n_tiles = (guint) out.channels;
        col->tile_w = (guint) out.width;
        col->tile_h = (guint) out.height;
        /* A filter reading one grey or three colour channels is a picture a learner reads;
         * one reading eight maps is not (the maps beside it say what it found). */
        if (col->kind == NN_LAYER_CONV2D && (in.channels == 1 || in.channels == 3))
          {
            col->side_w = col->side_h = (guint) net->layers[l].kernel;
            col->side_channels = (guint) in.channels;
            col->n_side = update ? 3 : 1;
          }
      }
    else
      {
        col->n_tiles = col->output && net->loss == NN_LOSS_BCE ? 2 : (guint) out.channels;
        col->tile_w = col->tile_h = 1;
        /* A dense layer on the pixels: each neuron's weights are an image. */
        if (!col->output && l == 0 && in.height > 1)
          {
            col->side_w = (guint) in.width;
            col->side_h = (guint) in.height;
            col->side_channels = in.channels == 3 ? 3 : 1;
            col->n_side = update ? 3 : 1;
          }
      }
  }
}

/* How much of the width column @col wants, relative to the others. */
static double
column_weight (const NsNetImagesColumn *col)
{
  if (col->layer < 0)
    return 1.0;
  if (col->output)
    return 1.7;
  if (col->kind == NN_LAYER_DENSE)
    return col->n_side > 0 ? 1.1 : 0.6;
  if (col->kind == NN_LAYER_MAX_POOL)
    return 0.8;
  return col->n_side > 0 ? 1.0 + 0.45 * col->n_side : 1.0;
}

/* The tiles' size for @col in its area: as many sub-columns as make them largest. */
static void
column_fit (NsNetImagesPicture *p, NsNetImagesColumn *col, double max_pixel)
{
  double gap = p->ctx.pad, side_gap = p->ctx.pad / 2;
  double avail_h = p->body_bottom - p->body_top;
  double scale = p->ctx.style->scale;
  double best = -1;
  guint best_sub = 1;

  if (col->output)
    {
      col->per_col = col->n_tiles;
      col->n_sub = 1;
      col->size = MIN (MAX_CLASS_ROW * scale, avail_h / MAX (col->n_tiles, 1));
      col->cell_w = col->width;
      col->cell_h = col->size;
      col->top = p->body_top + (avail_h - col->size * col->n_tiles) / 2;
      return;
    }

  for (guint sub = 1; sub <= MAX (col->n_tiles, 1u); sub++)
    {
      guint rows = (col->n_tiles + sub - 1) / sub;
      /* A tile's height s gives a cell s * (tile_w / tile_h) wide, plus the side pictures,
       * each as tall as the tile. */
      double ratio = (double) col->tile_w / col->tile_h
                     + col->n_side * (col->side_h > 0 ? (double) col->side_w / col->side_h : 0);
      double fixed = col->n_side * side_gap;
      double s_w = ((col->width - (sub - 1) * gap) / sub - fixed) / ratio;
      double s_h = (avail_h - (rows - 1) * gap) / rows;
      double s = MIN (s_w, s_h);

      if (s > best + 0.5)
        {
          best = s;
          best_sub = sub;
        }
      if (rows == 1)
        break;
    }

  col->n_sub = best_sub;
  col->per_col = (col->n_tiles + best_sub - 1) / best_sub;
  if (col->tile_h > 1)
    {
      /* Whole pixels, so a map stays crisp. */
      double pixel = MIN (floor (best / col->tile_h), MIN (MAX_MAP_PIXEL * scale, max_pixel));

      col->size = pixel >= 1 ? pixel * col->tile_h : MAX (best, 1);
    }
  else
    {
      col->size = CLAMP (floor (best), 1, MAX_NEURON * scale * (col->n_side > 0 ? 1.6 : 1));
      if (col->size < MIN_NEURON * scale && best >= MIN_NEURON * scale)
        col->size = MIN_NEURON * scale;
    }
  col->side_zoom = 0;
  if (col->n_side > 0)
    {
      double z = col->size / col->side_h;

      col->side_zoom = z >= 1 ? floor (z) : z;
    }
  col->cell_h = col->size + gap;
  col->cell_w = col->size * col->tile_w / col->tile_h
                + col->n_side * (side_gap + col->side_w * col->side_zoom) + gap;
  col->top = p->body_top + (avail_h - (col->per_col * col->cell_h - gap)) / 2;
}

void
ns_net_images_layout (NsNetImagesPicture *p, double width, double height)
{
  const NnNet *net = p->net;
  double scale = p->ctx.style->scale;
  double margin = NS_NET_IMAGES_MARGIN * scale, gap = COLUMN_GAP * scale;
  double total = 0, x;
  double story_line;

  p->n_columns = 0;
  p->columns[p->n_columns++] = (NsNetImagesColumn){ .layer = -1 };
  for (size_t l = 0; l < net->n_layers; l++)
    if (nn_net_layer_kind (net, l) != NN_LAYER_FLATTEN)
      p->columns[p->n_columns++] = (NsNetImagesColumn){ .layer = (int) l };

  p->top = margin + (p->view->controls ? p->view->controls_height : 0);
  p->title_h = 2 * ns_images_text_height (&p->ctx, NS_TEXT_TITLE, p->ctx.label) + p->ctx.pad;
  story_line = 1.4 * p->story_size;
  p->body_top = p->top + p->title_h + p->ctx.pad;
  p->body_bottom =
      height - margin
      - (p->story->len > 0
             ? p->story->len * story_line + p->ctx.pad
             : ns_images_text_height (&p->ctx, NS_TEXT_LABEL, p->ctx.small) + p->ctx.pad);
  p->body_bottom = MAX (p->body_bottom, p->body_top + 10 * scale);

  for (guint c = 0; c < p->n_columns; c++)
    {
      column_shape (p, &p->columns[c]);
      total += column_weight (&p->columns[c]);
    }
  x = margin;
  for (guint c = 0; c < p->n_columns; c++)
    {
      NsNetImagesColumn *col = &p->columns[c];
      double room = width - 2 * margin - (p->n_columns - 1) * gap;

      col->x = x;
      col->width = MAX (room * column_weight (col) / total, 4 * scale);
      x += col->width + gap;
      /* A pooled map's pixel is drawn no larger than the map it pools, so it reads as smaller
       * (each of its pixels stands for a window). */
      column_fit (p, col,
                  c > 0 && col->kind == NN_LAYER_MAX_POOL && p->columns[c - 1].tile_h > 1
                      ? MAX (p->columns[c - 1].size / p->columns[c - 1].tile_h, 1)
                      : G_MAXDOUBLE);
    }
}

/* Tile @t's box (the tile alone, without its side pictures). */
void
ns_net_images_tile_box (const NsNetImagesColumn *col, guint t, NsNetworkBox *box)
{
  guint sub = t / MAX (col->per_col, 1), row = t % MAX (col->per_col, 1);
  double used = col->n_sub * col->cell_w;
  double left = col->output ? col->x : col->x + MAX (0, (col->width - used) / 2);

  box->x = round (left + sub * col->cell_w);
  box->y = round (col->top + row * col->cell_h);
  box->width = col->output ? col->width : col->size * col->tile_w / col->tile_h;
  box->height = col->size;
}

/* The tile and its side pictures: what a hit or an outline covers. */
void
ns_net_images_cell_box (const NsNetImagesPicture *p,
                        const NsNetImagesColumn *col,
                        guint t,
                        NsNetworkBox *box)
{
  ns_net_images_tile_box (col, t, box);
  if (col->n_side > 0)
    box->width += col->n_side * (p->ctx.pad / 2 + col->side_w * col->side_zoom);
}
