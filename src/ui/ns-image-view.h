/* ns-image-view.h: the output column's picture for image data.
 *
 * Four pages (ns-render-image-views.h draws them): "samples", the test images with the
 * network's answer (wrong ones marked), above the chosen image's feature maps and class
 * probabilities where the page is tall enough; "image", the chosen image's maps and
 * probabilities alone (a click in a gallery without room for them opens it); "filters", what
 * each conv layer (or a dense first layer) has learned, redrawn as training goes, with the
 * training images that excite the chosen filter most; "confusion", the test set's confusion
 * matrix. Clicking an image chooses it; clicking a confusion cell lists that cell's images on
 * the samples page; clicking a filter chooses it.
 *
 * Its actions are in a group of its own (ns_image_view_get_actions), which the window inserts
 * as "images" on a box holding the view and its buttons:
 *   images.page          string state: "samples", "image", "filters" or "confusion"
 *   images.select        (u): choose test image u (its feature maps and probabilities)
 *   images.show-cell     (uu): list the test images of true class, predicted class
 *   images.choose-filter (uu): the filter (layer, output channel; or a dense first layer's
 *                        neuron) whose most exciting training images the filters page shows
 *   images.show-all      every test image in order
 *   images.show-mistakes the wrong test images, most confident first
 *   images.next, images.previous   the gallery's next and previous page (the image page:
 *                        the next and previous image of the gallery's list)
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment.h"
#include "ns-render-image-views.h"
#include "ns-scene-view.h"

G_BEGIN_DECLS

#define NS_TYPE_IMAGE_VIEW (ns_image_view_get_type ())
G_DECLARE_FINAL_TYPE (NsImageView, ns_image_view, NS, IMAGE_VIEW, NsSceneView)

GtkWidget *ns_image_view_new (void);
void ns_image_view_set_experiment (NsImageView *self, NsExperiment *experiment);
GActionGroup *ns_image_view_get_actions (NsImageView *self);

const char *ns_image_view_get_page (NsImageView *self);
guint ns_image_view_get_sample (NsImageView *self);
/* The filter whose most exciting training images show (layer 0, unit 0 at first). */
void ns_image_view_get_filter (NsImageView *self, guint *layer, guint *unit);
/* What the page shows, in a sentence ("Copied the learned filters as an image"). */
const char *ns_image_view_get_noun (NsImageView *self);
/* What the gallery lists (*true_class and *predicted_class for NS_GALLERY_CELL; may be NULL),
 * and how many images that is. */
NsGalleryMode ns_image_view_get_gallery (NsImageView *self,
                                         int *true_class,
                                         int *predicted_class,
                                         guint *n_images);

/* What a click at widget point (x, y) does: chooses an image, or lists a confusion cell's.
 * TRUE if something was there. */
gboolean ns_image_view_click (NsImageView *self, double x, double y);

G_END_DECLS
