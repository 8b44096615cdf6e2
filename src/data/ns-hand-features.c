/* ns-hand-features.c: hand-crafted image features (see ns-hand-features.h for each definition):
 * their names, sizes and parsing, the digit features (zones, projections, hog) and the public
 * computations; the picture features (object mask, colour, roundness, stem, texture) are in
 * ns-hand-object.c. */

#include "ns-hand-features-private.h"

#include <math.h>
#include <string.h>

#include "nn-math.h"
#include "ns-features.h"

typedef struct
{
  const char *id;
  const char *name;
  const char *blurb;
  NsHandImages made_for;
} HandInfo;

static const HandInfo hand_info[NS_N_HAND_FEATURES] = {
  [NS_HAND_ZONES] = { "zones", "Zone densities",
                      "Ink in each of 16 zones (4x4) of the image: where the strokes are.",
                      NS_HAND_IMAGES_DIGITS },
  [NS_HAND_PROJECTIONS] = { "projections", "Row and column projections",
                            "How much ink each row and each column holds: the digit's profile seen "
                            "from the side and "
                            "from below.",
                            NS_HAND_IMAGES_DIGITS },
  [NS_HAND_HOG] = { "hog", "Edge directions",
                    "Which way the edges run in each quarter of the image (a histogram of "
                    "gradient orientations, 8 directions per quarter).",
                    NS_HAND_IMAGES_DIGITS },
  [NS_HAND_COLOUR] = { "colour", "Colour",
                       "The object's mean colour: its hue (red, yellow, green…), how vivid and "
                       "how bright it is.",
                       NS_HAND_IMAGES_APPLES },
  [NS_HAND_ROUNDNESS] = { "roundness", "Roundness",
                          "How close the object's outline is to a circle: 1 for a perfect disc, "
                          "less for dents, bumps and corners.",
                          NS_HAND_IMAGES_APPLES },
  [NS_HAND_STEM] = { "stem", "Stem",
                     "How much dark, thin stuff sticks up from the top of the object, as an "
                     "apple's stem does.",
                     NS_HAND_IMAGES_APPLES },
  [NS_HAND_TEXTURE] = { "texture", "Stripes and texture",
                        "How much the colour changes from pixel to pixel inside the object: "
                        "stripes, seams and panels score high, smooth skin low.",
                        NS_HAND_IMAGES_APPLES },
};

const char *
ns_hand_feature_id (NsHandFeature f)
{
  g_return_val_if_fail ((guint) f < NS_N_HAND_FEATURES, NULL);
  return hand_info[f].id;
}

const char *
ns_hand_feature_name (NsHandFeature f)
{
  g_return_val_if_fail ((guint) f < NS_N_HAND_FEATURES, NULL);
  return hand_info[f].name;
}

const char *
ns_hand_feature_blurb (NsHandFeature f)
{
  g_return_val_if_fail ((guint) f < NS_N_HAND_FEATURES, NULL);
  return hand_info[f].blurb;
}

NsHandImages
ns_hand_feature_made_for (NsHandFeature f)
{
  g_return_val_if_fail ((guint) f < NS_N_HAND_FEATURES, NS_HAND_IMAGES_DIGITS);
  return hand_info[f].made_for;
}

int
ns_hand_feature_from_id (const char *id)
{
  g_return_val_if_fail (id != NULL, -1);
  for (int f = 0; f < NS_N_HAND_FEATURES; f++)
    if (strcmp (id, hand_info[f].id) == 0)
      return f;
  return -1;
}

gboolean
ns_hand_feature_applies (NsHandFeature f, guint c, guint h, guint w)
{
  g_return_val_if_fail ((guint) f < NS_N_HAND_FEATURES, FALSE);
  if (c == 0 || h < 4 || w < 4)
    return FALSE;
  if (f == NS_HAND_COLOUR)
    return c == 3;
  return TRUE;
}

guint
ns_hand_feature_dim (NsHandFeature f, guint c, guint h, guint w)
{
  if (!ns_hand_feature_applies (f, c, h, w))
    return 0;
  switch (f)
    {
    case NS_HAND_ZONES:
      return 16;
    case NS_HAND_PROJECTIONS:
      return h + w;
    case NS_HAND_HOG:
      return 32;
    case NS_HAND_COLOUR:
      return 4;
    case NS_HAND_ROUNDNESS:
    case NS_HAND_STEM:
    case NS_HAND_TEXTURE:
      return 1;
    case NS_N_HAND_FEATURES:
    default:
      break;
    }
  g_return_val_if_reached (0);
}

guint
ns_hand_features_dim (guint mask, guint c, guint h, guint w)
{
  guint dim = 0;

  for (int f = 0; f < NS_N_HAND_FEATURES; f++)
    if (mask & (1u << f))
      {
        guint d = ns_hand_feature_dim (f, c, h, w);

        if (d == 0)
          return 0;
        dim += d;
      }
  return dim;
}

guint
ns_hand_features_default (guint c, guint h, guint w)
{
  guint mask = c == 3 ? NS_HAND_FEATURES_APPLES : NS_HAND_FEATURES_DIGITS;

  return ns_hand_features_dim (mask, c, h, w) > 0 ? mask : 0;
}

static char *
allowed_ids (void)
{
  GString *s = g_string_new (NULL);

  for (int f = 0; f < NS_N_HAND_FEATURES; f++)
    g_string_append_printf (s, "%s%s", f ? ", " : "", hand_info[f].id);
  return g_string_free (s, FALSE);
}

gboolean
ns_hand_features_parse (const char *list, guint *mask, GError **error)
{
  g_autofree char *allowed = allowed_ids ();

  return ns_name_list_parse (list, "hand feature", ns_hand_feature_from_id, allowed, mask, error);
}

char *
ns_hand_features_to_string (guint mask)
{
  GString *s = g_string_new (NULL);

  for (int f = 0; f < NS_N_HAND_FEATURES; f++)
    if (mask & (1u << f))
      g_string_append_printf (s, "%s%s", s->len ? "," : "", hand_info[f].id);
  return g_string_free (s, FALSE);
}

char *
ns_hand_features_value_name (guint mask, guint index, guint c, guint h, guint w)
{
  static const char *colour_names[] = { "hue_cos", "hue_sin", "saturation", "brightness" };

  for (int f = 0; f < NS_N_HAND_FEATURES; f++)
    {
      guint dim;

      if (!(mask & (1u << f)))
        continue;
      dim = ns_hand_feature_dim (f, c, h, w);
      if (dim == 0)
        return NULL;
      if (index >= dim)
        {
          index -= dim;
          continue;
        }
      switch (f)
        {
        case NS_HAND_ZONES:
          return g_strdup_printf ("zones.r%uc%u", index / 4, index % 4);
        case NS_HAND_PROJECTIONS:
          return index < h ? g_strdup_printf ("projections.row%u", index)
                           : g_strdup_printf ("projections.col%u", index - h);
        case NS_HAND_HOG:
          return g_strdup_printf ("hog.c%ub%u", index / 8, index % 8);
        case NS_HAND_COLOUR:
          return g_strdup_printf ("colour.%s", colour_names[index]);
        default:
          return g_strdup (hand_info[f].id);
        }
    }
  return NULL;
}

/* ---- the analysis of one image ---- */

static void
work_init (Work *wk, guint c, guint h, guint w)
{
  gsize hw = (gsize) h * w;

  wk->c = c;
  wk->h = h;
  wk->w = w;
  wk->ink = g_new (float, hw);
  wk->lum = g_new (float, hw);
  wk->border = g_new (float, 2 * ((gsize) h + w));
  wk->bg = g_new (float, c);
  wk->differs = g_new (guint8, hw);
  wk->object = g_new (guint8, hw);
  wk->stem = g_new (guint8, hw);
  wk->outline = g_new (guint8, hw);
  wk->patch = g_new (guint, hw);
  wk->stack = g_new (guint, hw);
  wk->object_pixels = 0;
}

static void
work_clear (Work *wk)
{
  g_free (wk->ink);
  g_free (wk->lum);
  g_free (wk->border);
  g_free (wk->bg);
  g_free (wk->differs);
  g_free (wk->object);
  g_free (wk->stem);
  g_free (wk->outline);
  g_free (wk->patch);
  g_free (wk->stack);
}

static void
compute_ink (Work *wk, const float *image)
{
  gsize hw = (gsize) wk->h * wk->w;

  for (gsize p = 0; p < hw; p++)
    {
      float sum = 0;

      for (guint ch = 0; ch < wk->c; ch++)
        sum += image[ch * hw + p];
      wk->ink[p] = sum / (float) wk->c;
      if (wk->c == 3)
        wk->lum[p] = 0.299f * image[p] + 0.587f * image[hw + p] + 0.114f * image[2 * hw + p];
      else
        wk->lum[p] = wk->ink[p];
    }
}

/* Zone boundaries: k * n / 4 for k = 0..4. */
static void
zone_bounds (guint n, guint bounds[5])
{
  for (guint k = 0; k <= 4; k++)
    bounds[k] = k * n / 4;
}

static void
compute_zones (const Work *wk, float out[16])
{
  guint by[5], bx[5];

  zone_bounds (wk->h, by);
  zone_bounds (wk->w, bx);
  for (guint zy = 0; zy < 4; zy++)
    for (guint zx = 0; zx < 4; zx++)
      {
        float sum = 0;

        for (guint y = by[zy]; y < by[zy + 1]; y++)
          for (guint x = bx[zx]; x < bx[zx + 1]; x++)
            sum += wk->ink[y * wk->w + x];
        out[zy * 4 + zx] = sum / (float) ((by[zy + 1] - by[zy]) * (bx[zx + 1] - bx[zx]));
      }
}

static void
compute_projections (const Work *wk, float *rows, float *cols)
{
  for (guint y = 0; y < wk->h; y++)
    {
      float sum = 0;

      for (guint x = 0; x < wk->w; x++)
        sum += wk->ink[y * wk->w + x];
      rows[y] = sum / (float) wk->w;
    }
  for (guint x = 0; x < wk->w; x++)
    {
      float sum = 0;

      for (guint y = 0; y < wk->h; y++)
        sum += wk->ink[y * wk->w + x];
      cols[x] = sum / (float) wk->h;
    }
}

static float
ink_at (const Work *wk, int y, int x)
{
  if (y < 0 || x < 0 || y >= (int) wk->h || x >= (int) wk->w)
    return 0;
  return wk->ink[y * wk->w + x];
}

static void
compute_hog (const Work *wk, float out[32])
{
  guint half_y = wk->h / 2, half_x = wk->w / 2;
  double sums[32] = { 0 };

  for (int y = 0; y < (int) wk->h; y++)
    for (int x = 0; x < (int) wk->w; x++)
      {
        double gx = 0.5 * ((double) ink_at (wk, y, x + 1) - ink_at (wk, y, x - 1));
        double gy = 0.5 * ((double) ink_at (wk, y + 1, x) - ink_at (wk, y - 1, x));
        double magnitude = sqrt (gx * gx + gy * gy);
        double angle;
        int bin;
        guint cell;

        if (!(magnitude > 0)) /* also skips NaN, which has no bin */
          continue;
        angle = nn_atan2 (gy, gx);
        if (angle < 0)
          angle += NN_PI;
        if (angle >= NN_PI)
          angle -= NN_PI;
        /* Bins centred on multiples of 22.5°, so a diagonal's 45° is not on an edge. */
        bin = (int) (angle / (NN_PI / 8) + 0.5) % 8;
        cell = ((guint) y >= half_y) * 2 + ((guint) x >= half_x);
        sums[cell * 8 + bin] += magnitude;
      }
  for (guint cell = 0; cell < 4; cell++)
    {
      guint cell_h = cell < 2 ? half_y : wk->h - half_y;
      guint cell_w = cell % 2 == 0 ? half_x : wk->w - half_x;

      for (guint b = 0; b < 8; b++)
        out[cell * 8 + b] = (float) (sums[cell * 8 + b] / (double) (cell_h * cell_w));
    }
}

/* ---- the public computations ---- */

gboolean
ns_hand_features_compute (guint mask,
                          const float *images,
                          gsize n,
                          guint c,
                          guint h,
                          guint w,
                          float *out,
                          GError **error)
{
  Work wk;
  guint dim;
  gsize image_size;

  g_return_val_if_fail (images != NULL || n == 0, FALSE);
  g_return_val_if_fail (out != NULL || n == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((mask & NS_HAND_FEATURES_ALL) == 0 || (mask & ~NS_HAND_FEATURES_ALL) != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "No hand features chosen (or an unknown one in mask 0x%x)", mask);
      return FALSE;
    }
  for (int f = 0; f < NS_N_HAND_FEATURES; f++)
    if ((mask & (1u << f)) && !ns_hand_feature_applies (f, c, h, w))
      {
        if (f == NS_HAND_COLOUR && c != 3)
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "The hand feature “%s” needs colour images (3 channels); these have %u",
                       hand_info[f].id, c);
        else
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "The hand feature “%s” needs images of at least 4 x 4 pixels; these are "
                       "%u x %u with %u channels",
                       hand_info[f].id, h, w, c);
        return FALSE;
      }
  dim = ns_hand_features_dim (mask, c, h, w);
  image_size = (gsize) c * h * w;

  work_init (&wk, c, h, w);
  for (gsize s = 0; s < n; s++)
    {
      const float *image = images + s * image_size;
      float *row = out + s * dim;
      gboolean need_object = (mask & NS_HAND_FEATURES_APPLES) != 0;

      compute_ink (&wk, image);
      if (need_object)
        ns_hand_find_object (&wk, image);
      if (mask & (1u << NS_HAND_ZONES))
        {
          compute_zones (&wk, row);
          row += 16;
        }
      if (mask & (1u << NS_HAND_PROJECTIONS))
        {
          compute_projections (&wk, row, row + h);
          row += h + w;
        }
      if (mask & (1u << NS_HAND_HOG))
        {
          compute_hog (&wk, row);
          row += 32;
        }
      if (mask & (1u << NS_HAND_COLOUR))
        {
          float rgb[3];
          double hue, saturation, value, radians;

          ns_hand_compute_colour (&wk, image, rgb, &hue, &saturation, &value);
          radians = hue * (NN_PI / 180);
          row[0] = (float) (saturation * nn_cos (radians));
          row[1] = (float) (saturation * nn_sin (radians));
          row[2] = (float) saturation;
          row[3] = (float) value;
          row += 4;
        }
      if (mask & (1u << NS_HAND_ROUNDNESS))
        {
          double cx, cy, mean, sd, roundness;

          ns_hand_compute_roundness (&wk, &cx, &cy, &mean, &sd, &roundness);
          *row++ = (float) roundness;
        }
      if (mask & (1u << NS_HAND_STEM))
        *row++ = (float) ns_hand_compute_stem (&wk);
      if (mask & (1u << NS_HAND_TEXTURE))
        *row++ = (float) ns_hand_compute_texture (&wk, image);
      g_assert (row == out + (s + 1) * dim);
    }
  work_clear (&wk);
  return TRUE;
}

NsHandView *
ns_hand_view_new (const float *image, guint c, guint h, guint w)
{
  NsHandView *view;
  Work wk;
  gsize hw = (gsize) h * w;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (c > 0 && h >= 4 && w >= 4, NULL);

  view = g_new0 (NsHandView, 1);
  view->c = c;
  view->h = h;
  view->w = w;
  work_init (&wk, c, h, w);
  compute_ink (&wk, image);
  ns_hand_find_object (&wk, image);

  zone_bounds (h, view->zone_y);
  zone_bounds (w, view->zone_x);
  compute_zones (&wk, view->zones);
  view->row_ink = g_new (float, h);
  view->col_ink = g_new (float, w);
  compute_projections (&wk, view->row_ink, view->col_ink);
  compute_hog (&wk, view->hog);

  view->background = g_memdup2 (wk.bg, c * sizeof (float));
  view->object = g_memdup2 (wk.object, hw);
  view->object_pixels = wk.object_pixels;
  ns_hand_compute_roundness (&wk, &view->centre_x, &view->centre_y, &view->radius_mean,
                             &view->radius_sd, &view->roundness);
  view->outline = g_memdup2 (wk.outline, hw);
  view->stem_score = ns_hand_compute_stem (&wk);
  view->stem = g_memdup2 (wk.stem, hw);
  view->texture = ns_hand_compute_texture (&wk, image);
  view->has_colour = c == 3;
  if (view->has_colour)
    ns_hand_compute_colour (&wk, image, view->mean_rgb, &view->hue, &view->saturation,
                            &view->brightness);
  work_clear (&wk);
  return view;
}

void
ns_hand_view_free (NsHandView *view)
{
  if (view == NULL)
    return;
  g_free (view->row_ink);
  g_free (view->col_ink);
  g_free (view->background);
  g_free (view->object);
  g_free (view->stem);
  g_free (view->outline);
  g_free (view);
}
