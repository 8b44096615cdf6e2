/* ns-render-space.c: maps the input plane through the network and draws the layer's space.
 * The principal axes it can project onto are computed in ns-render-space-axes.c. */
#include "ns-render-space-private.h"

#include <math.h>
#include <string.h>

#include "ns-render-chart.h"

/* Sizes in logical units at scale 1 (multiplied by the style's scale). */
#define MARGIN 12.0
#define TITLE_SIZE 15.0
#define CAPTION_SIZE 13.0
#define TICK_SIZE 12.0
#define LABEL_SIZE 14.0
#define PAD 6.0
#define TICK_LENGTH 4.0
#define MIN_SIDE 40.0
#define POINT_RADIUS 3.5
#define TRIAD 26.0               /* the oblique triad's arm */
#define FIT_MARGIN 0.08          /* room around the mapped extent, as a share of its larger side */
#define OBLIQUE_DEPTH 0.5        /* cabinet projection: the receding axis at half scale … */
#define OBLIQUE_ANGLE (G_PI / 4) /* … at 45 degrees */

/* ---- mapping ---- */

static gboolean
is_plane_data (NsExperiment *experiment)
{
  return ns_config_is_plane (ns_experiment_get_config (experiment));
}

/* Network inputs (input-major, n_inputs rows of n) of the first n training points: plane data
 * goes through the features; CSV rows are the inputs themselves. */
void
ns_render_space_point_inputs (NsExperiment *experiment,
                              const NsDataset *data,
                              guint n,
                              float *xy,
                              float *out)
{
  const NnNet *net = ns_experiment_get_net (experiment);

  if (is_plane_data (experiment) || data->n_inputs != net->n_inputs)
    {
      for (guint s = 0; s < n; s++)
        {
          const float *x = data->train_x + (size_t) s * data->n_inputs;

          xy[2 * s] = x[0];
          xy[2 * s + 1] = data->n_inputs > 1 ? x[1] : 0;
        }
      ns_experiment_plane_inputs (experiment, xy, n, out);
      return;
    }
  for (guint s = 0; s < n; s++)
    for (guint i = 0; i < net->n_inputs; i++)
      out[(size_t) i * n + s] = data->train_x[(size_t) s * data->n_inputs + i];
}

typedef struct
{
  NsSpaceProjection projection;
  guint a, b;              /* NEURONS */
  const NsSpaceAxes *axes; /* PRINCIPAL */
} Projector;

/* (u, v) of sample s of the layer rows (width rows of n). NaN when not finite. */
static void
project (const Projector *p, const float *rows, size_t n, size_t s, double *u, double *v)
{
  switch (p->projection)
    {
    case NS_SPACE_OBLIQUE:
      {
        double h1 = rows[s], h2 = rows[n + s], h3 = rows[2 * n + s];

        *u = h1 + OBLIQUE_DEPTH * cos (OBLIQUE_ANGLE) * h3;
        *v = h2 + OBLIQUE_DEPTH * sin (OBLIQUE_ANGLE) * h3;
      }
      break;
    case NS_SPACE_PRINCIPAL:
      *u = ns_space_axes_project (p->axes, 0, rows + s, n);
      *v = ns_space_axes_project (p->axes, 1, rows + s, n);
      break;
    case NS_SPACE_NEURONS:
    case NS_SPACE_AUTO:
    default:
      *u = rows[(size_t) p->a * n + s];
      *v = rows[(size_t) p->b * n + s];
      break;
    }
  /* One bad component spoils the point (a dot product over an inf and a NaN can still look
   * finite only by accident; the oblique sum of inf and -inf is NaN anyway). */
  if (!isfinite (*u) || !isfinite (*v))
    *u = *v = NAN;
}

static void
fit_window (NsSpaceViewData *view)
{
  double u_lo = G_MAXDOUBLE, u_hi = -G_MAXDOUBLE, v_lo = G_MAXDOUBLE, v_hi = -G_MAXDOUBLE;
  size_t n_line = (size_t) view->n_lines * view->n_samples;
  double side;

  for (size_t k = 0; k < n_line + view->n_points; k++)
    {
      const double *p = k < n_line ? view->lines + 2 * k : view->points + 2 * (k - n_line);

      if (isnan (p[0]))
        continue;
      u_lo = MIN (u_lo, p[0]);
      u_hi = MAX (u_hi, p[0]);
      v_lo = MIN (v_lo, p[1]);
      v_hi = MAX (v_hi, p[1]);
    }
  if (u_lo > u_hi)
    {
      u_lo = v_lo = -1;
      u_hi = v_hi = 1;
    }

  /* One margin for both axes (a share of the larger side), and one scale in the picture, so a
   * layer that squeezes the plane to a line shows a line, not a line blown up to fill the plot. */
  side = MAX (u_hi - u_lo, v_hi - v_lo);
  if (!(side > 1e-9 * MAX (1.0, MAX (fabs (u_lo), fabs (v_lo)))))
    side = 1;
  view->u_min = u_lo - FIT_MARGIN * side;
  view->u_max = u_hi + FIT_MARGIN * side;
  view->v_min = v_lo - FIT_MARGIN * side;
  view->v_max = v_hi + FIT_MARGIN * side;
}

void
ns_render_space_prepare (NsSpaceViewData *view,
                         NsScene *scene,
                         NsExperiment *experiment,
                         const NsSpaceOptions *options)
{
  NsSpaceOptions defaults = { NS_SPACE_AUTO, { 0, 1 }, NULL };
  const NnNet *net;
  const NsDataset *data;
  size_t layer_row;
  Projector p = { 0 };
  guint g = NS_SPACE_GRID_LINES, m = NS_SPACE_LINE_SAMPLES, width;
  size_t n_line, n;
  float *xy, *x, *out;
  const float *rows;
  double *coords;

  g_return_if_fail (view != NULL);
  g_return_if_fail (scene != NULL);
  g_return_if_fail (NS_IS_EXPERIMENT (experiment));

  if (options == NULL)
    options = &defaults;

  memset (view, 0, sizeof *view);
  net = ns_experiment_get_net (experiment);
  data = ns_experiment_get_dataset (experiment);
  view->layer = -1;
  view->regression = net->loss == NN_LOSS_MSE;
  view->n_classes = view->regression ? 0 : (guint) MAX (nn_net_n_outputs (net), 2);
  view->u_min = view->v_min = -1;
  view->u_max = view->v_max = 1;

  if (view->regression)
    {
      double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

      for (guint s = 0; s < data->n_train; s++)
        if (isfinite (data->train_y[s]))
          {
            lo = MIN (lo, data->train_y[s]);
            hi = MAX (hi, data->train_y[s]);
          }
      if (lo > hi)
        lo = -1, hi = 1;
      else if (lo < 0 && hi > 0)
        hi = MAX (-lo, hi), lo = -hi;
      if (!(hi > lo))
        lo -= 1, hi += 1;
      view->value_min = lo;
      view->value_max = hi;
    }

  if (net->n_layers < 2 || nn_net_layer_width (net, net->n_layers - 2) < 2)
    {
      if (net->n_layers >= 2)
        {
          view->layer = (int) net->n_layers - 2;
          view->width = (guint) nn_net_layer_width (net, net->n_layers - 2);
        }
      return; /* nothing to map: the picture says why */
    }
  view->layer = (int) net->n_layers - 2;
  layer_row = nn_net_unit_index (net, (size_t) view->layer, 0);
  width = view->width = (guint) nn_net_layer_width (net, (size_t) view->layer);

  /* Resolve the projection. */
  p.projection = options->projection;
  if (p.projection == NS_SPACE_OBLIQUE && width != 3)
    p.projection = NS_SPACE_AUTO;
  if (p.projection == NS_SPACE_AUTO)
    p.projection = width == 2              ? NS_SPACE_NEURONS
                   : width == 3            ? NS_SPACE_OBLIQUE
                   : options->axes != NULL ? NS_SPACE_PRINCIPAL
                                           : NS_SPACE_NEURONS;
  if (p.projection == NS_SPACE_PRINCIPAL && options->axes == NULL)
    p.projection = NS_SPACE_NEURONS;
  if (p.projection == NS_SPACE_PRINCIPAL && options->axes->width != width)
    ns_space_axes_compute_from (options->axes, experiment);
  p.axes = options->axes;
  if (p.projection == NS_SPACE_NEURONS)
    {
      if (options->projection == NS_SPACE_NEURONS)
        {
          p.a = MIN (options->neurons[0], width - 1);
          p.b = MIN (options->neurons[1], width - 1);
        }
      else
        {
          p.a = 0;
          p.b = 1;
        }
    }
  view->projection = p.projection;
  view->neurons[0] = p.a;
  view->neurons[1] = p.b;

  switch (p.projection)
    {
    case NS_SPACE_PRINCIPAL:
      view->x_label = "axis 1";
      view->y_label = "axis 2";
      break;
    case NS_SPACE_OBLIQUE:
      view->x_label = "neuron 1";
      view->y_label = "neuron 2";
      break;
    case NS_SPACE_NEURONS:
    case NS_SPACE_AUTO:
    default:
      {
        char *label = ns_scene_alloc (scene, 32);

        g_snprintf (label, 32, "neuron %u", p.a + 1);
        view->x_label = label;
        label = ns_scene_alloc (scene, 32);
        g_snprintf (label, 32, "neuron %u", p.b + 1);
        view->y_label = label;
      }
      break;
    }

  /* The samples: grid lines (x1 fixed, then x2 fixed) then training points, one evaluation. */
  view->n_lines = 2 * g;
  view->n_samples = m;
  view->n_points = data->n_train;
  n_line = (size_t) view->n_lines * m;
  n = n_line + data->n_train;
  xy = ns_scene_alloc (scene, sizeof (float) * 2 * n);
  x = ns_scene_alloc (scene, sizeof (float) * n * net->n_inputs);
  out = ns_scene_alloc (scene, sizeof (float) * n * net->n_units);
  coords = ns_scene_alloc (scene, sizeof (double) * 2 * n);

  for (guint l = 0; l < g; l++)
    {
      double t = (double) l / (g - 1);
      double fixed_x1 = data->x_min + t * (data->x_max - data->x_min);
      double fixed_x2 = data->y_min + t * (data->y_max - data->y_min);

      for (guint k = 0; k < m; k++)
        {
          double r = (double) k / (m - 1);
          size_t a = (size_t) l * m + k, b = (size_t) (g + l) * m + k;

          xy[2 * a] = (float) fixed_x1;
          xy[2 * a + 1] = (float) (data->y_min + r * (data->y_max - data->y_min));
          xy[2 * b] = (float) (data->x_min + r * (data->x_max - data->x_min));
          xy[2 * b + 1] = (float) fixed_x2;
        }
    }
  /* Input-major over all n samples: the lines' inputs, then the points' after them in each
   * row. Each part goes through its own route (features for the plane, CSV rows as they are)
   * into a staging area, copied row by row. */
  {
    float *stage = ns_scene_alloc (scene, sizeof (float) * MAX (n_line, (size_t) data->n_train)
                                              * net->n_inputs);

    ns_experiment_plane_inputs (experiment, xy, n_line, stage);
    for (size_t i = 0; i < net->n_inputs; i++)
      memcpy (x + i * n, stage + i * n_line, sizeof (float) * n_line);
    if (data->n_train > 0)
      {
        ns_render_space_point_inputs (experiment, data, data->n_train, xy + 2 * n_line, stage);
        for (size_t i = 0; i < net->n_inputs; i++)
          memcpy (x + i * n + n_line, stage + i * data->n_train, sizeof (float) * data->n_train);
      }
  }

  if (nn_net_eval_grid (net, x, n, out) != NN_OK)
    {
      for (size_t k = 0; k < 2 * n; k++)
        coords[k] = NAN;
    }
  else
    {
      rows = out + layer_row * n;
      for (size_t s = 0; s < n; s++)
        project (&p, rows, n, s, &coords[2 * s], &coords[2 * s + 1]);
    }

  view->lines = coords;
  view->points = coords + 2 * n_line;
  view->labels = data->train_y;
  fit_window (view);
}

/* ---- drawing ---- */

static const NsHitRegion *
find_plot (const NsScene *scene)
{
  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, i);

      if (hit->kind == NS_HIT_POINT && hit->layer == NS_SPACE_HIT_PLOT && !hit->segment)
        return hit;
    }
  return NULL;
}

gboolean
ns_render_space_get_plot (const NsScene *scene, double *x, double *y, double *width, double *height)
{
  const NsHitRegion *hit;

  g_return_val_if_fail (scene != NULL, FALSE);

  hit = find_plot (scene);
  if (hit == NULL)
    return FALSE;
  if (x != NULL)
    *x = hit->x0;
  if (y != NULL)
    *y = hit->y0;
  if (width != NULL)
    *width = hit->x1 - hit->x0;
  if (height != NULL)
    *height = hit->y1 - hit->y0;
  return TRUE;
}

typedef struct
{
  double px, py, pw, ph; /* the plot rectangle */
  double k;              /* logical units per unit of (u, v): one scale for both */
  double uc, vc;         /* the (u, v) at the plot's centre */
} Frame;

static void
frame_init (Frame *f, const NsSpaceViewData *view, double px, double py, double pw, double ph)
{
  f->px = px;
  f->py = py;
  f->pw = pw;
  f->ph = ph;
  f->k = MIN (pw / (view->u_max - view->u_min), ph / (view->v_max - view->v_min));
  f->uc = (view->u_min + view->u_max) / 2;
  f->vc = (view->v_min + view->v_max) / 2;
}

static inline void
frame_map (const Frame *f, double u, double v, double *sx, double *sy)
{
  *sx = f->px + f->pw / 2 + (u - f->uc) * f->k;
  *sy = f->py + f->ph / 2 - (v - f->vc) * f->k;
}

gboolean
ns_render_space_to_scene (const NsScene *scene,
                          const NsSpaceViewData *view,
                          double u,
                          double v,
                          double *sx,
                          double *sy)
{
  double px, py, pw, ph;
  Frame f;

  g_return_val_if_fail (scene != NULL && view != NULL, FALSE);
  g_return_val_if_fail (sx != NULL && sy != NULL, FALSE);

  if (!ns_render_space_get_plot (scene, &px, &py, &pw, &ph))
    return FALSE;
  frame_init (&f, view, px, py, pw, ph);
  frame_map (&f, u, v, sx, sy);
  return TRUE;
}

static NsColor
point_color (const NsSpaceViewData *view, const NsRenderStyle *style, float label)
{
  if (view->regression)
    {
      double t = (label - view->value_min) / (view->value_max - view->value_min);

      if (!isfinite (t))
        return style->muted;
      t = CLAMP (t, 0.0, 1.0);
      if (t < 0.5)
        return ns_color_mix (&style->negative, &style->neutral, 2 * t);
      return ns_color_mix (&style->neutral, &style->positive, 2 * t - 1);
    }
  if (!(label >= 0))
    label = 0;
  return *ns_render_style_class_color (style, (guint) label);
}

/* Ticks along one axis (0: u across the bottom, 1: v up the left) over the visible range. */
static void
add_ticks (NsScene *scene,
           const Frame *f,
           const NsRenderStyle *style,
           int axis,
           double tick_size,
           double *gutter)
{
  double tick_len = ns_render_style_px (style, TICK_LENGTH);
  double pad = ns_render_style_px (style, PAD);
  double extent = axis == 0 ? f->pw : f->ph;
  double centre = axis == 0 ? f->uc : f->vc;
  double lo = centre - extent / 2 / f->k, hi = centre + extent / 2 / f->k;
  int n_ticks = (int) CLAMP (extent / ns_render_style_px (style, 60), 2, 8);
  double step = ns_render_nice_step (hi - lo, n_ticks);
  double first;

  if (!(step > 0) || !isfinite (step))
    return;
  first = ceil (lo / step - 1e-9) * step;
  for (int i = 0; i < 100; i++)
    {
      double value = first + i * step;
      g_autofree char *label = NULL;
      double sx, sy;

      if (value > hi + step * 1e-9)
        break;
      if (fabs (value) < step * 1e-9)
        value = 0; /* no "-0" */
      label = ns_render_format_tick (value, step);
      if (gutter != NULL)
        {
          double w;

          ns_scene_measure_text (scene, label, NS_TEXT_VALUE, tick_size, &w, NULL);
          *gutter = MAX (*gutter, w);
          continue;
        }
      if (axis == 0)
        {
          frame_map (f, value, f->vc, &sx, &sy);
          sy = f->py + f->ph;
          ns_scene_add_line (scene, sx, sy, sx, sy + tick_len, ns_render_style_px (style, 1),
                             &style->muted);
          ns_scene_add_text (scene, sx, sy + tick_len + pad / 2, label, NS_TEXT_VALUE, tick_size,
                             NS_ALIGN_CENTER, NS_ALIGN_START, &style->muted);
        }
      else
        {
          frame_map (f, f->uc, value, &sx, &sy);
          sx = f->px;
          ns_scene_add_line (scene, sx - tick_len, sy, sx, sy, ns_render_style_px (style, 1),
                             &style->muted);
          ns_scene_add_text (scene, sx - tick_len - pad / 2, sy, label, NS_TEXT_VALUE, tick_size,
                             NS_ALIGN_END, NS_ALIGN_CENTER, &style->muted);
        }
    }
}

/* One grid line: a polyline per run of finite samples (a run of one is not a line). */
static void
add_grid_line (NsScene *scene,
               const Frame *f,
               const double *uv,
               guint n,
               double *scratch,
               double width,
               const NsColor *color)
{
  guint run = 0;

  for (guint k = 0; k <= n; k++)
    {
      if (k < n && !isnan (uv[2 * k]))
        {
          frame_map (f, uv[2 * k], uv[2 * k + 1], &scratch[2 * run], &scratch[2 * run + 1]);
          run++;
          continue;
        }
      if (run >= 2)
        ns_scene_add_polyline (scene, scratch, run, width, color);
      run = 0;
    }
}

/* The oblique projection's three directions, in the plot's lower right corner. */
static void
add_triad (NsScene *scene, const Frame *f, const NsRenderStyle *style, double size)
{
  double arm = ns_render_style_px (style, TRIAD);
  double pad = ns_render_style_px (style, PAD);
  double ox = f->px + f->pw - 2 * pad - arm * 1.2, oy = f->py + f->ph - 2 * pad - size;
  double ends[3][2] = {
    { ox + arm, oy },
    { ox, oy - arm },
    { ox + arm * OBLIQUE_DEPTH * cos (OBLIQUE_ANGLE),
      oy - arm * OBLIQUE_DEPTH * sin (OBLIQUE_ANGLE) },
  };
  double width = ns_render_style_px (style, 1.5);

  for (int a = 0; a < 3; a++)
    {
      double dx = ends[a][0] - ox, dy = ends[a][1] - oy, len = hypot (dx, dy);

      ns_scene_add_line (scene, ox, oy, ends[a][0], ends[a][1], width, &style->foreground);
      ns_scene_add_textf (scene, ends[a][0] + dx / len * pad, ends[a][1] + dy / len * pad,
                          NS_TEXT_LABEL, size, NS_ALIGN_CENTER, NS_ALIGN_CENTER, &style->foreground,
                          "%d", a + 1);
    }
}

void
ns_render_space (NsScene *scene,
                 const NsSpaceViewData *view,
                 const NsRenderStyle *style,
                 double width,
                 double height)
{
  double margin, pad, tick_len, title_size, caption_size, tick_size, label_size;
  double title_h, caption_h, label_h, tick_h, header, footer, gutter = 0, y;
  double px, py, pw, ph, point_r, stroke_w, line_w;
  char caption[160];
  NsColor grid_color, ring;
  Frame f;

  g_return_if_fail (scene != NULL);
  g_return_if_fail (view != NULL);
  g_return_if_fail (style != NULL);

  ns_scene_set_size (scene, width, height);
  ns_scene_set_background (scene, &style->background);
  ns_scene_set_font_family (scene, style->font_family);

  margin = ns_render_style_px (style, MARGIN);
  pad = ns_render_style_px (style, PAD);
  tick_len = ns_render_style_px (style, TICK_LENGTH);
  title_size = ns_render_style_px (style, TITLE_SIZE);
  caption_size = ns_render_style_px (style, CAPTION_SIZE);
  tick_size = ns_render_style_px (style, TICK_SIZE);
  label_size = ns_render_style_px (style, LABEL_SIZE);

  ns_scene_measure_text (scene, "Hidden space", NS_TEXT_TITLE, title_size, NULL, &title_h);
  ns_scene_measure_text (scene, "X", NS_TEXT_LABEL, caption_size, NULL, &caption_h);
  ns_scene_measure_text (scene, "X", NS_TEXT_LABEL, label_size, NULL, &label_h);
  ns_scene_measure_text (scene, "0", NS_TEXT_VALUE, tick_size, NULL, &tick_h);

  y = margin;
  ns_scene_add_text (scene, margin, y, "Hidden space", NS_TEXT_TITLE, title_size, NS_ALIGN_START,
                     NS_ALIGN_START, &style->foreground);
  y += title_h;

  if (view->layer < 0 || view->width < 2 || view->lines == NULL)
    {
      const char *why = view->layer < 0 ? "The network has no hidden layer to look into"
                                        : "The last hidden layer needs at least 2 neurons";

      ns_scene_add_text (scene, width / 2, (y + height) / 2, why, NS_TEXT_LABEL, caption_size,
                         NS_ALIGN_CENTER, NS_ALIGN_CENTER, &style->muted);
      return;
    }

  switch (view->projection)
    {
    case NS_SPACE_PRINCIPAL:
      g_snprintf (caption, sizeof caption, "Layer %d (%u neurons) along its 2 main directions",
                  view->layer + 1, view->width);
      break;
    case NS_SPACE_OBLIQUE:
      g_snprintf (caption, sizeof caption, "Layer %d in 3D: neuron 3 recedes at 45°, half size",
                  view->layer + 1);
      break;
    case NS_SPACE_NEURONS:
    case NS_SPACE_AUTO:
    default:
      g_snprintf (caption, sizeof caption, "How layer %d bends the input plane's grid",
                  view->layer + 1);
      break;
    }
  ns_scene_add_text (scene, margin, y, caption, NS_TEXT_LABEL, caption_size, NS_ALIGN_START,
                     NS_ALIGN_START, &style->muted);
  y += caption_h + pad;

  header = y - margin + label_h + pad; /* title, caption, the v axis' name */
  footer = tick_len + pad / 2 + tick_h + pad / 2 + label_h;

  /* The y ticks' gutter depends on the labels, which depend on the plot: measure with a first
   * guess of the plot, then lay out for real (the labels hardly change between the two). */
  pw = MAX (ns_render_style_px (style, MIN_SIDE), width - 2 * margin);
  ph = MAX (ns_render_style_px (style, MIN_SIDE), height - 2 * margin - header - footer);
  frame_init (&f, view, margin, margin + header, pw, ph);
  add_ticks (scene, &f, style, 1, tick_size, &gutter);
  gutter = ceil (gutter + pad / 2 + tick_len);

  px = margin + gutter;
  py = round (margin + header);
  pw = MAX (ns_render_style_px (style, MIN_SIDE), width - 2 * margin - gutter);
  ph = MAX (ns_render_style_px (style, MIN_SIDE), height - 2 * margin - header - footer);
  frame_init (&f, view, px, py, pw, ph);

  ns_scene_add_rect (scene, px, py, pw, ph, 0, NULL, &style->outline,
                     ns_render_style_px (style, 1));
  ns_scene_add_hit_rect (scene, NS_HIT_POINT, NS_SPACE_HIT_PLOT, -1, -1, px, py, pw, ph);

  /* The layer's own axes (u = 0, v = 0) where they fall inside the plot. */
  {
    double sx, sy;
    NsColor zero = ns_color_with_alpha (&style->muted, 0.45);

    frame_map (&f, 0, 0, &sx, &sy);
    if (sx > px && sx < px + pw)
      ns_scene_add_line (scene, sx, py, sx, py + ph, ns_render_style_px (style, 1), &zero);
    if (sy > py && sy < py + ph)
      ns_scene_add_line (scene, px, sy, px + pw, sy, ns_render_style_px (style, 1), &zero);
  }

  add_ticks (scene, &f, style, 0, tick_size, NULL);
  add_ticks (scene, &f, style, 1, tick_size, NULL);
  ns_scene_add_text (scene, px - gutter, py - pad, view->y_label, NS_TEXT_LABEL, label_size,
                     NS_ALIGN_START, NS_ALIGN_END, &style->foreground);
  ns_scene_add_text (scene, px + pw / 2, py + ph + tick_len + pad / 2 + tick_h + pad / 2,
                     view->x_label, NS_TEXT_LABEL, label_size, NS_ALIGN_CENTER, NS_ALIGN_START,
                     &style->foreground);

  /* The warped grid: thin and muted, so the points stay in front. */
  grid_color = ns_color_with_alpha (&style->muted, 0.4);
  line_w = ns_render_style_px (style, 0.8);
  {
    double *scratch = ns_scene_alloc (scene, sizeof (double) * 2 * MAX (view->n_samples, 1));

    for (guint l = 0; l < view->n_lines; l++)
      add_grid_line (scene, &f, view->lines + (size_t) 2 * l * view->n_samples, view->n_samples,
                     scratch, line_w, &grid_color);
  }

  /* Points: filled with their class colour, a light ring as on the output picture. */
  point_r = ns_render_style_px (style, POINT_RADIUS);
  stroke_w = MAX (1.0, ns_render_style_px (style, 1));
  ring = (NsColor){ 1, 1, 1, 0.9f };
  for (guint s = 0; s < view->n_points; s++)
    {
      double sx, sy;
      NsColor fill;

      if (isnan (view->points[2 * s]))
        continue;
      frame_map (&f, view->points[2 * s], view->points[2 * s + 1], &sx, &sy);
      fill = point_color (view, style, view->labels != NULL ? view->labels[s] : 0);
      ns_scene_add_circle (scene, sx, sy, point_r, &fill, &ring, stroke_w);
      ns_scene_add_hit_rect (scene, NS_HIT_POINT, NS_SPACE_HIT_TRAIN, -1, (int) s, sx - point_r,
                             sy - point_r, 2 * point_r, 2 * point_r);
    }

  if (view->projection == NS_SPACE_OBLIQUE)
    add_triad (scene, &f, style, tick_size);
}
