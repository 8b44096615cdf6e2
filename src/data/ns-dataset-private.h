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

G_END_DECLS
