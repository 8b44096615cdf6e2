/* ns-hand-features.h: features a person designed, computed from images (the "manual feature
 * extraction" a classic model needs).
 *
 * Images are rows of c * h * w floats in 0..1, channel-major: pixel (ch, y, x) at
 * (ch * h + y) * w + x. A feature set is a bit mask over NsHandFeature; the values of a set are
 * written in NsHandFeature order, each feature's values in the order its comment gives.
 *
 * Two quantities every feature starts from:
 * - ink: the mean of the channels at a pixel (a digit's value; 0 = background).
 * - the object: the background colour is the per-channel median of the image's border pixels
 *   (the outermost ring); a pixel belongs to the object when some channel differs from it by
 *   more than NS_HAND_OBJECT_THRESHOLD; the object is the largest 4-connected patch of such
 *   pixels (ties: the patch met first in row order), so specks of noise are left out, with its
 *   holes filled (pixels the border cannot reach without crossing it: a ball's stripe in the
 *   background's colour, a highlight).
 * Pixels that are not finite may give values that are not (ns_classic_train refuses those, naming
 * the sample), never a crash. An image without an object (all of it background) gives 0 for every
 * object feature (colour, roundness, stem, texture). Every computation is plain arithmetic plus the
 * engine's own atan2/sin/cos (nn-math.h): the same values on every machine.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* Made for digits (any image: they look at the ink). */
  NS_HAND_ZONES,       /* 16: mean ink in 4 x 4 zones, row by row; zone zy spans rows
                          [zy * h / 4, (zy + 1) * h / 4), columns likewise */
  NS_HAND_PROJECTIONS, /* h + w: mean ink of each row (top first), then of each column */
  NS_HAND_HOG,         /* 32: 2 x 2 cells (row by row) x 8 orientation bins, see below */
  /* Made for apples and balls. */
  NS_HAND_COLOUR,    /* 4 (3 channels only): s cos(hue), s sin(hue), s, v of the object's
                        mean colour in HSV (hue as a direction, so red at 350° and 10° are near;
                        its length is the saturation s, so grey has no hue) */
  NS_HAND_ROUNDNESS, /* 1: how little the outline's distance to the centre varies, see below */
  NS_HAND_STEM,      /* 1: dark thin pixels at the object's top, see below */
  NS_HAND_TEXTURE,   /* 1: mean |Laplacian| inside the object, see below */
  NS_N_HAND_FEATURES
} NsHandFeature;

/* HOG: gradients by central differences with 0 outside the image (a digit's background),
 * gx = (ink(y, x+1) - ink(y, x-1)) / 2, gy = (ink(y+1, x) - ink(y-1, x)) / 2 (y down); the
 * orientation is unsigned, atan2(gy, gx) folded into [0, pi), bin b centred on b pi/8
 * (covering [(b - 1/2) pi/8, (b + 1/2) pi/8) modulo pi): bin 0 = horizontal gradients (vertical
 * strokes), bin 4 = vertical gradients (horizontal strokes), bins 2 and 6 the diagonals (y down:
 * bin 6 for a "\" stroke). Each pixel adds its magnitude sqrt(gx^2 + gy^2) to its cell's
 * bin; a cell's bins are divided by its pixel count (cells split as zones do, in halves).
 *
 * Roundness: 1 - sd(r) / mean(r), r the distances from the object's centroid to the centres of
 * its outline pixels (object pixels with a 4-neighbour outside it or at the image's edge); at
 * least 0, and 1 for a one-pixel object. Pixel discs give about 0.9-0.96 (closer to 1 the
 * larger), squares about 0.83-0.88, ellipses, dents and bumps less. (Measured against
 * 4 pi area / perimeter^2 of a marching-squares outline, which scattered pixel discs over
 * 0.86-0.95, no better than squares.)
 *
 * Stem: the object's top rows that are thin (each row's object width at most
 * max (2, widest row / 4)), counted from the top while they stay thin; the score is the sum over
 * those pixels of how much darker they are than the object's mean luminance
 * (max (0, mean - lum), lum = 0.299 r + 0.587 g + 0.114 b, or the ink for other than 3 channels).
 * A stem sticking up from an apple scores about its length times its darkness; a ball scores ~0.
 *
 * Texture: over the object's interior pixels (all four neighbours in the object, so the outline
 * does not count), the mean over channels of |4 v - (sum of the 4 neighbours)|: stripes, seams
 * and panels score high, smooth shading (a linear ramp has Laplacian 0) low. */

#define NS_HAND_OBJECT_THRESHOLD 0.2f

#define NS_HAND_FEATURES_DIGITS                                                                    \
  ((1u << NS_HAND_ZONES) | (1u << NS_HAND_PROJECTIONS) | (1u << NS_HAND_HOG))
#define NS_HAND_FEATURES_APPLES                                                                    \
  ((1u << NS_HAND_COLOUR) | (1u << NS_HAND_ROUNDNESS) | (1u << NS_HAND_STEM)                       \
   | (1u << NS_HAND_TEXTURE))
#define NS_HAND_FEATURES_ALL ((1u << NS_N_HAND_FEATURES) - 1)

/* The images a feature was made for; it may still apply to others (ns_hand_feature_applies). */
typedef enum
{
  NS_HAND_IMAGES_DIGITS, /* grey digits, 1 x 8 x 8 */
  NS_HAND_IMAGES_APPLES, /* RGB apples and balls, 3 x 16 x 16 */
} NsHandImages;

const char *ns_hand_feature_id (NsHandFeature f);    /* "zones" (command line, files) */
const char *ns_hand_feature_name (NsHandFeature f);  /* "Zone densities" (on screen) */
const char *ns_hand_feature_blurb (NsHandFeature f); /* one sentence for the UI */
NsHandImages ns_hand_feature_made_for (NsHandFeature f);
int ns_hand_feature_from_id (const char *id); /* -1 if unknown */

/* Whether f can be computed on c x h x w images: colour needs 3 channels; every feature needs
 * h, w >= 4 (zones must not be empty). */
gboolean ns_hand_feature_applies (NsHandFeature f, guint c, guint h, guint w);
/* Number of values f gives on c x h x w images; 0 when it does not apply. */
guint ns_hand_feature_dim (NsHandFeature f, guint c, guint h, guint w);
/* Sum of the dims of the mask's features (0 if any does not apply). */
guint ns_hand_features_dim (guint mask, guint c, guint h, guint w);

/* The features a learner starts with on c x h x w images: the apples' set for colour images,
 * the digits' otherwise; 0 when the images are smaller than 4 x 4. */
guint ns_hand_features_default (guint c, guint h, guint w);

/* Parses "zones,hog" into a mask; FALSE with a message naming the bad word and the choices. */
gboolean ns_hand_features_parse (const char *list, guint *mask, GError **error);
/* "zones,hog" (caller frees). */
char *ns_hand_features_to_string (guint mask);

/* The name of value index (0 .. ns_hand_features_dim - 1) of the mask's row, for CSV headers
 * and tooltips: "zones.r1c2" (zone row 1, column 2), "projections.row3", "projections.col5",
 * "hog.c1b4" (cell 1, bin 4), "colour.hue_cos", "colour.hue_sin", "colour.saturation",
 * "colour.brightness", "roundness", "stem", "texture". NULL when index is out of range or a
 * feature does not apply. Caller frees. */
char *ns_hand_features_value_name (guint mask, guint index, guint c, guint h, guint w);

/* Writes n rows of ns_hand_features_dim (mask, c, h, w) values to out (sample-major), from n
 * images of c * h * w floats. FALSE (G_OPTION_ERROR_BAD_VALUE, naming the feature) when the
 * mask is empty or a feature does not apply to these images; out is then left untouched. */
gboolean ns_hand_features_compute (guint mask,
                                   const float *images,
                                   gsize n,
                                   guint c,
                                   guint h,
                                   guint w,
                                   float *out,
                                   GError **error);

/* What the features looked at in one image, to draw over it (zone grid, outline, stem…).
 * Every feature's part is filled when the image is big enough (h, w >= 4); colour only for
 * 3 channels (else has_colour is FALSE). */
typedef struct
{
  guint c, h, w;
  guint zone_y[5], zone_x[5]; /* zone (and, at 0, 2, 4, cell) boundaries in pixels */
  float zones[16];            /* mean ink per zone, row by row */
  float *row_ink;             /* h: mean ink of each row */
  float *col_ink;             /* w: mean ink of each column */
  float hog[32];              /* 2 x 2 cells x 8 bins, as NS_HAND_HOG */
  float *background;          /* c: the border's median colour */
  guint8 *object;             /* h * w: 1 inside the object */
  guint object_pixels;        /* its pixel count (0: no object) */
  double centre_x, centre_y;  /* its centroid in pixels (pixel centres at x + 0.5) */
  guint8 *outline;            /* h * w: 1 on the object's outline pixels */
  double radius_mean;         /* mean distance of the outline from the centroid, pixels */
  double radius_sd;           /* its deviation */
  double roundness;
  guint8 *stem; /* h * w: 1 for the thin top pixels the stem score counted */
  double stem_score;
  double texture;
  gboolean has_colour;
  float mean_rgb[3];                  /* the object's mean colour */
  double hue, saturation, brightness; /* hue in degrees [0, 360) */
} NsHandView;

/* NULL (with a critical) when h or w < 4. */
NsHandView *ns_hand_view_new (const float *image, guint c, guint h, guint w);
void ns_hand_view_free (NsHandView *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsHandView, ns_hand_view_free)

G_END_DECLS
