/* ns-dataset-private.h: helpers shared by the generators and the CSV loader. */
#pragma once

#include "ns-dataset.h"

G_BEGIN_DECLS

/* A dataset with room for @n_train + @n_test rows: input names "x1", "x2", …, class names
 * "0".."K-1" (NULL when @n_classes is 0), mean 0, scale 1, the plane [-6, 6]². */
NsDataset *
ns_dataset_alloc (const char *name, guint n_inputs, guint n_classes, guint n_train, guint n_test);

/* The split every loader uses: indices 0..count-1 shuffled by @rng; the first *n_train
 * (round (count * train_ratio)) are the training rows. Caller frees. */
guint32 *ns_dataset_split_order (guint count, double train_ratio, NnRng *rng, guint *n_train);

/* ns_dataset_parse_csv, with the standardisation optional (without it mean 0, scale 1). */
NsDataset *ns_dataset_parse_csv_full (char *contents,
                                      gsize length,
                                      const char *path,
                                      gboolean regression,
                                      double train_ratio,
                                      gboolean standardise,
                                      NnRng *rng,
                                      GError **error);

/* A new dataset of @all's rows (training and test together) split stratified: ceil (n *
 * test_share) test rows, each class's count within one row of its share; of each class's rows,
 * in a shuffle drawn from @rng, the first are test rows; both sets are then shuffled. Names,
 * statistics and image shape are @all's. */
NsDataset *ns_dataset_split_stratified (const NsDataset *all, double test_share, NnRng *rng);

/* Standardises every input with the training rows' mean and deviation (raw = x * scale + mean
 * afterwards) and sets the plane to inputs 0 and 1's range plus 10%. Expects mean 0, scale 1. */
void ns_dataset_standardise (NsDataset *data);

G_END_DECLS
