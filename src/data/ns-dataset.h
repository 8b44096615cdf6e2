/* ns-dataset.h: labelled points, split into training and test sets.
 *
 * Generated 2D sets live in the Playground's plane ([-6, 6] for most of them) with raw
 * coordinates; CSV data is standardised with the training split's mean and deviation.
 */
#pragma once

#include <glib.h>

#include "nn-rng.h"

G_BEGIN_DECLS

typedef enum
{
  NS_DATASET_CIRCLE,
  NS_DATASET_XOR,
  NS_DATASET_GAUSS,
  NS_DATASET_SPIRAL,
  NS_DATASET_MOONS,
  NS_DATASET_CHECKERBOARD,
  NS_DATASET_SPIRAL3,
  NS_DATASET_BLOBS5,
  NS_DATASET_REG_PLANE,
  NS_DATASET_REG_GAUSS,
  NS_N_PLANE_DATASETS,                     /* the generated 2D sets come before this marker */
  NS_DATASET_DIGITS = NS_N_PLANE_DATASETS, /* 8x8 handwritten digits, 1 channel, 10 classes */
  NS_DATASET_APPLES,                       /* generated 16x16 RGB apples and balls */
  NS_DATASET_IRIS,                         /* 4 measurements of iris flowers, 3 classes */
  NS_N_DATASET_KINDS
} NsDatasetKind;

#define NS_DATA_ERROR (ns_data_error_quark ())

typedef enum
{
  NS_DATA_ERROR_EMPTY,      /* no header or no data rows */
  NS_DATA_ERROR_BAD_NUMBER, /* a cell that should be a number is not */
  NS_DATA_ERROR_RAGGED_ROW, /* a row with another number of cells than the header */
  NS_DATA_ERROR_BAD_LABEL,  /* a label that cannot be used for this problem */
  NS_DATA_ERROR_TOO_LARGE,  /* more rows or columns than we accept */
  NS_DATA_ERROR_BAD_IMAGE,  /* an image folder without usable images */
} NsDataError;

GQuark ns_data_error_quark (void);

#define NS_MAX_CLASSES 16 /* the window draws up to 5; CSV files may have more */

typedef struct
{
  char *name;         /* "spiral", or the CSV file's basename */
  guint n_inputs;     /* raw input columns: 2 for plane sets */
  char **input_names; /* n_inputs names, NULL-terminated */
  guint n_classes;    /* 0 for regression */
  char **class_names; /* n_classes names, NULL-terminated (NULL for regression) */

  guint n_train;
  guint train_cap; /* allocated rows of train_x / train_y (points can be added) */
  float *train_x;  /* n_train x n_inputs, row-major */
  float *train_y;  /* n_train: class index (as float) or value */
  guint n_test;
  float *test_x; /* n_test x n_inputs */
  float *test_y; /* n_test */

  double *mean;        /* n_inputs: subtracted from raw CSV columns (0 for generated sets) */
  double *scale;       /* n_inputs: raw = x * scale + mean (1 for generated sets) */
  double x_min, x_max; /* the plane the views span, over inputs 0 and 1 */
  double y_min, y_max;

  /* Image data: each row is channels x height x width values 0..1, channel-major (pixel
   * (c, y, x) at (c * height + y) * width + x), the engine's order for NnShape {c, h, w}.
   * All 0 when the inputs are not an image. */
  guint image_channels, image_height, image_width;
} NsDataset;

/* Generates @count points (the Playground's counts are 500 for classification, 1200 for
 * regression), with @noise in 0..0.5, and splits them: the first round(count * train_ratio)
 * of a shuffled order go to training. All draws come from @rng (the experiment's data stream).
 * Same rng state -> same points. */
NsDataset *
ns_dataset_generate (NsDatasetKind kind, guint count, double noise, double train_ratio, NnRng *rng);

/* Loads a CSV file in DESIGN.md's dialect (header row, numeric inputs, label last; BOM and CRLF
 * accepted). For classification labels are class names (or indices); for regression numbers.
 * Rows are split by a shuffle drawn from @rng, then inputs standardised with the training
 * split's statistics. Errors: G_FILE_ERROR for I/O, NS_DATA_ERROR with "path:line:column: …". */
NsDataset *ns_dataset_load_csv (const char *path,
                                gboolean regression,
                                double train_ratio,
                                NnRng *rng,
                                GError **error);
/* The same from text in memory (@contents is changed: cells are cut in place; contents[length]
 * must be NUL); @path only names it in messages. */
NsDataset *ns_dataset_parse_csv (char *contents,
                                 gsize length,
                                 const char *path,
                                 gboolean regression,
                                 double train_ratio,
                                 NnRng *rng,
                                 GError **error);

void ns_dataset_free (NsDataset *data);
NsDataset *ns_dataset_copy (const NsDataset *data);

/* Adds a training point (plane sets: raw coordinates), growing the arrays. */
void ns_dataset_add_point (NsDataset *data, const float *x, float y);
/* Removes the training point nearest to (x1, x2) in the plane, within @max_dist; FALSE if none. */
gboolean ns_dataset_remove_nearest (NsDataset *data, double x1, double x2, double max_dist);

/* The stratified split of the built-in and image sets: this share of each class is the test
 * set. */
#define NS_DATASET_TEST_SHARE 0.2

/* The built-in sets that are not generated 2D points (NS_DATASET_DIGITS and after): digits and
 * iris from the files embedded in this library, apples generated (@count images, 0 = the
 * default 2000). A fixed stratified NS_DATASET_TEST_SHARE of each class is the test set; digits
 * and apples are images (pixels 0..1, mean 0 and scale 16 or 1), iris is standardised with the
 * training split's statistics and its columns come petal length, petal width first (the two
 * the plane views show), then sepal length and width. All draws from @rng. */
NsDataset *ns_dataset_load_builtin (NsDatasetKind kind, guint count, NnRng *rng, GError **error);

/* @count 16x16 RGB images of apples (class 0) and balls (class 1), half each, stratified 20%
 * test split; every draw from @rng (same state, same bytes). */
NsDataset *ns_dataset_generate_apples (guint count, NnRng *rng);

/* An image folder: one subfolder per class (its name is the class's), PNG or JPEG files
 * loaded with GdkPixbuf, each scaled to fit @height x @width keeping its aspect, centred on
 * the background (its corner pixels' colour), @channels 1 (grey) or 3 (RGB), values 0..1.
 * Split stratified as the built-in sets, from @rng. A file that does not load is skipped and
 * "path: why" appended to @warnings (a GPtrArray of char *, may be NULL); no class folders,
 * fewer than 2 classes or a class without an image is an error naming the folder. */
NsDataset *ns_dataset_load_image_folder (const char *path,
                                         guint channels,
                                         guint height,
                                         guint width,
                                         NnRng *rng,
                                         GPtrArray *warnings,
                                         GError **error);

/* A copy of @data whose training rows are round (fraction * n) of each class's n training
 * rows (at least one while fraction > 0), chosen by @rng and kept in their order; the test set,
 * the statistics and everything else are @data's. @fraction 1.0 keeps every row. */
NsDataset *ns_dataset_subsample_train (const NsDataset *data, double fraction, NnRng *rng);

/* Inputs form an image (image_channels > 0). */
gboolean ns_dataset_is_image (const NsDataset *data);

gboolean ns_dataset_kind_is_plane (NsDatasetKind kind); /* a generated 2D set */
gboolean ns_dataset_kind_is_image (NsDatasetKind kind); /* digits, apples */
gboolean ns_dataset_kind_is_regression (NsDatasetKind kind);
guint ns_dataset_kind_n_classes (NsDatasetKind kind); /* 0 for regression */
/* Points to generate (2D sets: 500, regression 1200); apples 2000; digits 1797, iris 150 (the
 * files' rows). */
guint ns_dataset_kind_default_count (NsDatasetKind kind);
const char *ns_dataset_kind_name (NsDatasetKind kind);  /* "circle", "reg-plane", … */
const char *ns_dataset_kind_title (NsDatasetKind kind); /* "Circle", "Plane (regression)" */
int ns_dataset_kind_from_name (const char *name);       /* -1 if unknown */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NsDataset, ns_dataset_free)

G_END_DECLS
