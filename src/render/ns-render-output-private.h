/* ns-render-output-private.h: shared by ns-render-output.c (the whole picture's layout, legend
 * and captions) and the drawing of one plane in ns-render-output-plane.c. */
#pragma once

#include "ns-render-output.h"

G_BEGIN_DECLS

/* Sizes both files use, in logical units at scale 1 (multiplied by the style's scale). */
#define PAD 6.0
#define TICK_LENGTH 4.0

/* Where a plane is drawn, and what it shows. */
typedef struct
{
  NsScene *scene;
  const NsOutputViewData *view;
  const NsRenderStyle *style;
  double px, py, side; /* the plane's square */
} Plane;

/* How a plane is drawn among several. */
typedef struct
{
  const float *output;   /* its heatmap's values (NULL: a neutral square) */
  const char *caption;   /* "Before this update", or NULL when it is alone */
  gboolean caption_line; /* the caption on a line of its own above x2's name (else beside it) */
  gboolean interactive;  /* hit regions: the plane, its points */
  gboolean x_axis;       /* x1's ticks and name under it (planes stacked share one) */
  gboolean y_axis;       /* x2's ticks and name left of it (planes side by side share one) */
} PlaneLook;

/* Text sizes and the x2 ticks' gutter, the same for every plane. */
typedef struct
{
  double gutter, tick_size, label_size, tick_h, label_h;
  double name_gap; /* between x2's name and the plane: clear of a tick label at its top */
} PlaneText;

/* Ticks and their labels along one axis (0: x1 across the bottom, 1: x2 up the left); with
 * @measure, only the widest label's width into @gutter. */
void ns_render_output_add_ticks (const Plane *plane,
                                 int axis,
                                 double tick_size,
                                 double *gutter,
                                 gboolean measure);

/* The outline of a training point (@test FALSE) or a test point: the background's colour, or
 * the mark's. */
NsColor ns_render_output_point_ring (const NsRenderStyle *style, gboolean test);

/* One plane of the picture: its heatmap, axes, points and the stepped sample's ring. */
void ns_render_output_add_plane (const Plane *plane, const PlaneLook *look, const PlaneText *text);

G_END_DECLS
