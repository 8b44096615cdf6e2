/* ns-render-network-images-private.h: the picture of an image network shared by its layout and
 * drawing in ns-render-network-images.c and its stepping overlays in
 * ns-render-network-images-step.c. */
#pragma once

#include "ns-render-images-private.h"
#include "ns-render-network.h"

G_BEGIN_DECLS

#define NS_NET_IMAGES_MARGIN 12.0

/* One column of the picture: the input or one layer (a flatten layer has none). */
typedef struct
{
  int layer; /* the engine's layer, -1 for the input */
  NnLayerKind kind;
  gboolean output;
  double x, width; /* the column's span */

  guint n_tiles;         /* maps, neurons or classes */
  guint tile_w, tile_h;  /* a tile's pixels (a neuron: 1 x 1) */
  guint side_w, side_h;  /* the picture beside each tile (a filter, a neuron's weights); 0 none */
  guint n_side;          /* pictures beside each tile: 1, or 2 in UPDATE (before, after) */
  guint side_channels;   /* 1, or 3 (colour filters) */
  double side_zoom;      /* the side pictures' zoom */
  guint per_col, n_sub;  /* tiles per sub-column, sub-columns */
  double size;           /* a tile's height in units */
  double cell_w, cell_h; /* the pitch of tiles */
  double top;            /* the first tile's top */
} NsNetImagesColumn;

typedef struct
{
  NsImagesCtx ctx;
  const NsNetworkViewData *view;
  const NnNet *net;
  const NsStepState *step; /* shown, or NULL */
  NsNetImagesColumn columns[NN_MAX_LAYERS + 1];
  guint n_columns;
  double top;     /* the titles' top: below the window's controls over the picture */
  double title_h; /* the titles' band */
  double body_top, body_bottom;
  double story_size;
  GPtrArray *story; /* lines under the picture */
} NsNetImagesPicture;

/* The story's lines under the picture for the phase shown (none when not stepping). */
#define COLUMN_GAP 28.0 /* between two columns: the links run there */

/* ns-render-network-images-layout.c: the columns placed in width x height; a column's tile t
 * (a map, a filter or a neuron) alone, and its cell (the tile with its side pictures). */
void ns_net_images_layout (NsNetImagesPicture *p, double width, double height);
void ns_net_images_tile_box (const NsNetImagesColumn *col, guint t, NsNetworkBox *box);
void ns_net_images_cell_box (const NsNetImagesPicture *p,
                             const NsNetImagesColumn *col,
                             guint t,
                             NsNetworkBox *box);

void ns_net_images_make_story (NsNetImagesPicture *p);
/* The story under the picture, or the colour legend when there is none. */
void ns_net_images_draw_story (NsNetImagesPicture *p, double width, double height);

G_END_DECLS
