/* ns-render-images.h: the pictures of image data and of what a network learns from it.
 *
 * A sample gallery, a network's learned filters (conv kernels, or a dense first layer's weights
 * drawn as images), one sample's feature maps, the class probabilities of one sample and the
 * drawing pad. Each builder takes plain arrays and shapes (no experiment) and draws into a
 * rectangle (x, y, width, height) of a scene, so several can share one scene; the caller sets
 * the scene's size, background and font first (ns_render_images_begin does, for a scene of its
 * own).
 *
 * An image is a row of channels x height x width floats in 0..1, channel-major: pixel (c, y, x)
 * at (c * height + y) * width + x; one channel is grey (1 = ink: dark on a light background,
 * light on a dark one), three are red, green and blue. Images are pixel art: each is drawn as a
 * crisp image primitive enlarged by a whole number of pixels where there is room (never
 * blurred), at whole-pixel positions.
 *
 * Sizes (text, gaps) follow the style's scale, and larger areas get larger text (up to 1.3x),
 * as the charts do.
 */
#pragma once

#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* A borrowed image: channels x height x width values, channel-major, 0..1. */
typedef struct
{
  const float *values;
  guint channels; /* 1 (grey) or 3 (RGB); other counts show their first channel as grey */
  guint height, width;
} NsImageData;

/* Sets @scene's size to width x height, its background and its font to @style's. */
void
ns_render_images_begin (NsScene *scene, const NsRenderStyle *style, double width, double height);

/* ---- 1. the sample gallery ---- */

typedef struct
{
  const float *values; /* the image, in the gallery's shape */
  int label;           /* its class */
  int predicted;       /* the model's class, or -1: not shown */
  int index;           /* what its hit region reports (e.g. the dataset row) */
  double confidence;   /* the model's P(predicted), written after the mark; 0 or NaN: none */
} NsGallerySample;

/* A grid of @n_samples images of shape channels x height x width, as large as fits (whole-pixel
 * zoom, rows balanced), each with its class name under it (class_names[k], or the number k
 * where there are none); when any sample has a prediction, a second line under each: "✓" in
 * the style's positive blue when right, "✗ 7" (the predicted class) in its negative orange when
 * wrong, so right and wrong differ by shape and text, not by colour alone; with a confidence,
 * "✗ 7  93%" (the most confidently wrong test images). Samples that do not
 * fit are left out (the caller pages); returns how many were drawn, the first ones.
 *
 * Hit regions: each sample's cell is (NS_HIT_POINT, layer -1, neuron -1, input = its index). */
guint ns_render_sample_gallery (NsScene *scene,
                                const NsRenderStyle *style,
                                double x,
                                double y,
                                double width,
                                double height,
                                const NsGallerySample *samples,
                                guint n_samples,
                                guint channels,
                                guint image_height,
                                guint image_width,
                                const char *const *class_names,
                                guint n_classes);

/* ---- 2. learned filters ---- */

/* A conv layer's kernels: @weights holds c_out rows of c_in x k_h x k_w weights (the engine's
 * layout: weights[((o * c_in + i) * k_h + ky) * k_w + kx]). Drawn as a grid of crisp images,
 * c_out rows (output channels) of c_in columns (input channels), each weight coloured on one
 * diverging map centred at 0 (orange below, neutral at 0, blue above) whose scale ±max|w| is
 * common to the whole layer, as the legend under the grid says. When @rgb_input (the layer
 * reads 3 colour channels), each output channel is one colour image instead: a kernel pixel's
 * red, green and blue are its weights on the red, green and blue input, 0 being mid grey.
 * Too many to fit (at least 2 pixels a weight): the first ones that fit, and "Showing the
 * first N of M" in the legend. In a narrow area the legend says it in fewer words. @title goes
 * above (NULL: none). */
void ns_render_filters (NsScene *scene,
                        const NsRenderStyle *style,
                        double x,
                        double y,
                        double width,
                        double height,
                        const char *title,
                        const float *weights,
                        guint c_out,
                        guint c_in,
                        guint k_h,
                        guint k_w,
                        gboolean rgb_input);

/* A dense first layer on pixels: neuron j's weights (weights[j * n_inputs + i], n_inputs =
 * channels x height x width, channel-major as the input) drawn as one height x width image
 * (three channels: a colour image as for RGB filters), on one diverging scale for the layer. */
void ns_render_dense_weights (NsScene *scene,
                              const NsRenderStyle *style,
                              double x,
                              double y,
                              double width,
                              double height,
                              const char *title,
                              const float *weights,
                              guint n_neurons,
                              guint channels,
                              guint image_height,
                              guint image_width);

/* ---- 3. feature maps ---- */

/* One layer's output for one sample: channels x height x width values, channel-major. */
typedef struct
{
  const char *title; /* "conv 3x3, 8 ch, relu" */
  const float *values;
  guint channels, height, width;
} NsFeatureMapLayer;

typedef enum
{
  NS_FEATURE_SCALE_LAYER, /* one scale for all of a layer's maps: compares channels */
  NS_FEATURE_SCALE_MAP,   /* each map stretched to its own range: shows each map's pattern */
} NsFeatureScale;

/* The input image in the first row (@input may be NULL), then a row per layer: its title and
 * its channels as crisp maps numbered 1 … c as the filters are, all of a row the same size
 * (wrapped over lines where that makes them larger). Values are coloured from neutral (0) to
 * blue (the largest), orange below 0 (a layer without relu, symmetric around 0). With
 * NS_FEATURE_SCALE_LAYER the title is followed by the layer's range ("conv … (0 … 2.4)"); the
 * legend at the bottom says which scale is in use. */
void ns_render_feature_maps (NsScene *scene,
                             const NsRenderStyle *style,
                             double x,
                             double y,
                             double width,
                             double height,
                             const NsImageData *input,
                             const NsFeatureMapLayer *layers,
                             guint n_layers,
                             NsFeatureScale scale);

/* ---- 4. class probabilities ---- */

/* A bar per class, the class name left, the probability right ("87.5%"); the most probable
 * class's bar in the style's positive blue with its text bold, the others muted; the true
 * class (-1: unknown) framed and marked "← true". */
void ns_render_class_probabilities (NsScene *scene,
                                    const NsRenderStyle *style,
                                    double x,
                                    double y,
                                    double width,
                                    double height,
                                    const float *probabilities,
                                    guint n_classes,
                                    const char *const *class_names,
                                    int true_class);

/* ---- 7. the drawing pad ---- */

/* Where the pad landed, so the UI turns pointer positions into pad pixels: pixel (px, py) of
 * the pad covers (x + px * cell, y + py * cell) to the next. */
typedef struct
{
  double x, y, cell;
} NsPadPlace;

/* The learner's drawing (@pad, 1 x pad_h x pad_w, 0..1) large, with a grid line between its
 * pixels, and beside it the same downsampled to the model's input (@small, channels x small_h
 * x small_w), "what the network sees". @small may be NULL. Fills @place (may be NULL).
 *
 * Hit regions: the pad (NS_HIT_INPUT, layer -1, neuron -1, input -1). */
void ns_render_drawing_pad (NsScene *scene,
                            const NsRenderStyle *style,
                            double x,
                            double y,
                            double width,
                            double height,
                            const float *pad,
                            guint pad_height,
                            guint pad_width,
                            const NsImageData *small,
                            NsPadPlace *place);

G_END_DECLS
