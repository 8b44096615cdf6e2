/* ns-render-image-views.h: an experiment's image views, read through ns-experiment-images.h and
 * drawn with the builders of ns-render-images.h and ns-render-compare.h: the learned filters,
 * one sample's feature maps and class probabilities, the confusion matrix and the test gallery.
 * The render verb and the window's output column draw the same scenes.
 *
 * Each draws into (x, y, width, height) of a scene whose size, background and font the caller
 * set (ns_render_images_begin); where there is nothing to draw it says why in that area.
 */
#pragma once

#include "ns-dataset.h"
#include "ns-experiment.h"
#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* A sentence centred in the area (wrapped over lines by words where it is long). */
void ns_render_image_note (NsScene *scene,
                           const NsRenderStyle *style,
                           double x,
                           double y,
                           double width,
                           double height,
                           const char *text);

/* Why @exp has no image views (plane or CSV data, regression), or NULL when it has them. */
const char *ns_render_image_views_unavailable (NsExperiment *exp);

/* Every conv layer's kernels, one block per layer from the input on ("Layer 1: conv 3x3,
 * 8 filters"); for a network whose first layer is dense, its neurons' weights drawn as images;
 * otherwise a note. Hit regions: each kernel (NS_HIT_NEURON, layer, its output channel or
 * neuron). When @chosen_layer / @chosen_unit name one of them (else -1), it is framed, and the
 * training images that excite it most are shown under the filters: @exciting's @n_exciting
 * training rows (ns_experiment_top_exciting's, kept by a caller that redraws often), or when
 * NULL found now. */
void ns_render_view_filters (NsScene *scene,
                             NsExperiment *exp,
                             const NsRenderStyle *style,
                             double x,
                             double y,
                             double width,
                             double height,
                             int chosen_layer,
                             int chosen_unit,
                             const guint *exciting,
                             guint n_exciting);

/* Test (@test) or training image @index: its feature maps through every conv and pool layer
 * (left, with the image first) and its class probabilities (right, the true class marked).
 * A dense-only network: the image and its probabilities. */
void ns_render_view_feature_maps (NsScene *scene,
                                  NsExperiment *exp,
                                  const NsRenderStyle *style,
                                  double x,
                                  double y,
                                  double width,
                                  double height,
                                  gboolean test,
                                  guint index);

/* The test set's confusion matrix, titled with the test accuracy it shows. */
void ns_render_view_confusion (NsScene *scene,
                               NsExperiment *exp,
                               const NsRenderStyle *style,
                               double x,
                               double y,
                               double width,
                               double height);

typedef enum
{
  NS_GALLERY_ALL,      /* every test image in order */
  NS_GALLERY_CELL,     /* those of one confusion cell (true class, predicted class) */
  NS_GALLERY_MISTAKES, /* the wrong ones, most confident first */
} NsGalleryMode;

/* The test rows the gallery lists in @mode, in its order (n_images of them; NULL and 0 when
 * there are no test predictions). Free with g_free. */
guint *ns_render_view_gallery_list (NsExperiment *exp,
                                    NsGalleryMode mode,
                                    int true_class,
                                    int predicted_class,
                                    guint *n_images);

/* Test images with their predicted class (wrong ones marked), from the @first of the chosen
 * ones, as many as fit, under a title line that says which and how many ("Test images 1-40 of
 * 360"). Hit regions: each image (NS_HIT_POINT, input = its test row). Returns how many of the
 * chosen images there are in all (*@shown: how many were drawn; may be NULL). */
guint ns_render_view_gallery (NsScene *scene,
                              NsExperiment *exp,
                              const NsRenderStyle *style,
                              double x,
                              double y,
                              double width,
                              double height,
                              NsGalleryMode mode,
                              int true_class,
                              int predicted_class,
                              guint first,
                              guint *shown);

/* A data panel's thumbnail of an image set: a card (ringed when @selected) holding a 2 x 2 grid
 * of its first training images of different classes, crisp. */
void ns_render_image_thumb (NsScene *scene,
                            const NsRenderStyle *style,
                            const NsDataset *data,
                            gboolean selected,
                            double width,
                            double height);

G_END_DECLS
