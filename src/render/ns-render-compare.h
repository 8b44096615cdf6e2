/* ns-render-compare.h: how well models classify images: the confusion matrix and the
 * data-scaling plot (test accuracy against training-set size, one line per model).
 *
 * Like ns-render-images.h: plain arrays in, drawn into a rectangle of a scene whose size,
 * background and font the caller set (ns_render_images_begin).
 */
#pragma once

#include "ns-render-style.h"
#include "ns-scene.h"

G_BEGIN_DECLS

/* ---- 5. the confusion matrix ---- */

/* An n x n table of square cells, rows the true class, columns the predicted one
 * (counts[true * n + predicted]), with the class names along both (column names wider than a
 * column staggered over two lines); each cell shaded by its share of its row (neutral at 0, the
 * style's positive blue at 1), its count written in it (0s muted, the diagonal's bold); the
 * diagonal (right answers) framed, so it reads without colour. Headers "Predicted →" and
 * "True ↓".
 *
 * Hit regions: each cell is (NS_HIT_BUTTON, layer = true class, neuron = predicted class,
 * input -1), for the UI to list that cell's images. */
void ns_render_confusion (NsScene *scene,
                          const NsRenderStyle *style,
                          double x,
                          double y,
                          double width,
                          double height,
                          const guint *counts,
                          guint n_classes,
                          const char *const *class_names);

/* ---- 6. the data-scaling plot ---- */

/* One run of the data-scaling experiment: a row of the CSV
 * model,fraction,seed,train_samples,test_accuracy. */
typedef struct
{
  const char *model; /* "mlp", "cnn", "logreg_pixels", "logreg_features", "knn_features" */
  double fraction;   /* share of the training part used */
  guint seed;
  guint train_samples;
  double test_accuracy; /* 0..1; NaN: planned, not measured yet (see ns_render_scaling) */
} NsScalingRow;

/* A model id's title for people: "mlp" is "Network (MLP)" …; an unknown id is itself. */
const char *ns_render_scaling_model_title (const char *model);

/* Test accuracy (y, in %, from a round 10% below the lowest to 100%) against the number of
 * training images (x, log scale from the 1-2-5 tick at or below the smallest size to the one at
 * or above the largest, ticks at 10, 20, 50, 100 …): a colour (the class palette) and dash per
 * model, in the order models first appear in @rows, titled by ns_render_scaling_model_title; a
 * line through the mean at each training-set size, a bar from the lowest to the highest run
 * there (the note under the legend says so, with the number of runs), a dot per run. Rows may
 * be partial (a run still going): whatever has arrived is drawn, none gives an empty frame with
 * a note; rows with a NaN accuracy (planned runs) place the x axis already, so it does not move
 * as results arrive. @title NULL: "Test accuracy against training-set size".
 *
 * Hit regions: the plot (NS_HIT_POINT, layer -1, neuron -1, input -1). */
void ns_render_scaling (NsScene *scene,
                        const NsRenderStyle *style,
                        double x,
                        double y,
                        double width,
                        double height,
                        const char *title,
                        const NsScalingRow *rows,
                        guint n_rows);

G_END_DECLS
