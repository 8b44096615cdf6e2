/* ns-dataset-split.c: the stratified train/test split of the image and built-in sets, and the
 * training fractions the data-scaling experiment trains on. */
#include "ns-dataset-private.h"

#include <math.h>
#include <string.h>

/* round (n * share) as a count from 0 to n; round() is exact, so the same on every machine. */
static guint
share_of (guint n, double share)
{
  double want = round ((double) n * CLAMP (share, 0.0, 1.0));

  return (guint) CLAMP (want, 0.0, (double) n);
}

/* A dataset like @like (names, statistics, plane, image shape) with room for the given rows. */
static NsDataset *
alloc_like (const NsDataset *like, guint n_train, guint n_test)
{
  NsDataset *data = ns_dataset_alloc (like->name, like->n_inputs, like->n_classes, n_train, n_test);

  g_strfreev (data->input_names);
  data->input_names = g_strdupv (like->input_names);
  g_strfreev (data->class_names);
  data->class_names = g_strdupv (like->class_names);
  memcpy (data->mean, like->mean, sizeof (double) * like->n_inputs);
  memcpy (data->scale, like->scale, sizeof (double) * like->n_inputs);
  data->x_min = like->x_min;
  data->x_max = like->x_max;
  data->y_min = like->y_min;
  data->y_max = like->y_max;
  data->image_channels = like->image_channels;
  data->image_height = like->image_height;
  data->image_width = like->image_width;
  return data;
}

/* Row @i of @data counting the training rows first, then the test rows. */
static const float *
row_x (const NsDataset *data, guint i)
{
  if (i < data->n_train)
    return data->train_x + (gsize) i * data->n_inputs;
  return data->test_x + (gsize) (i - data->n_train) * data->n_inputs;
}

static float
row_y (const NsDataset *data, guint i)
{
  return i < data->n_train ? data->train_y[i] : data->test_y[i - data->n_train];
}

NsDataset *
ns_dataset_split_stratified (const NsDataset *all, double test_share, NnRng *rng)
{
  guint n_rows = all->n_train + all->n_test;
  g_autofree guint32 *train_rows = g_new (guint32, MAX (n_rows, 1));
  g_autofree guint32 *test_rows = g_new (guint32, MAX (n_rows, 1));
  g_autofree guint32 *members = g_new (guint32, MAX (n_rows, 1));
  guint n_train = 0, n_test = 0;
  NsDataset *data;

  guint class_rows[NS_MAX_CLASSES] = { 0 }, class_test[NS_MAX_CLASSES];
  guint total_test, given = 0;

  g_assert (all->n_classes > 0 && all->n_classes <= NS_MAX_CLASSES);

  /* The test set has ceil (n * share) rows (as scikit-learn's split: digits keeps 1,437 for
   * training), each class floor (n_c * share), and the rows left over go one each to the
   * classes with the largest remainders (ties to the earlier class): every class within one
   * row of its share. */
  for (guint i = 0; i < n_rows; i++)
    class_rows[(guint) row_y (all, i)]++;
  total_test = (guint) ceil ((double) n_rows * test_share - 1e-9);
  for (guint c = 0; c < all->n_classes; c++)
    {
      class_test[c] = (guint) floor ((double) class_rows[c] * test_share);
      given += class_test[c];
    }
  while (given < total_test)
    {
      guint best = 0;
      double best_rest = -1.0;

      for (guint c = 0; c < all->n_classes; c++)
        {
          double exact = (double) class_rows[c] * test_share;
          double rest = exact - class_test[c];

          if (rest > best_rest && class_test[c] < class_rows[c])
            {
              best_rest = rest;
              best = c;
            }
        }
      if (best_rest < 0)
        break;
      class_test[best]++;
      given++;
    }

  for (guint c = 0; c < all->n_classes; c++)
    {
      guint n = 0, n_class_test = class_test[c];

      for (guint i = 0; i < n_rows; i++)
        if ((guint) row_y (all, i) == c)
          members[n++] = i;
      nn_rng_shuffle_u32 (rng, members, n);
      for (guint k = 0; k < n; k++)
        {
          if (k < n_class_test)
            test_rows[n_test++] = members[k];
          else
            train_rows[n_train++] = members[k];
        }
    }
  /* Mixed classes in both sets (the experiment reshuffles every epoch anyway). */
  nn_rng_shuffle_u32 (rng, train_rows, n_train);
  nn_rng_shuffle_u32 (rng, test_rows, n_test);

  data = alloc_like (all, n_train, n_test);
  for (guint i = 0; i < n_train; i++)
    {
      memcpy (data->train_x + (gsize) i * all->n_inputs, row_x (all, train_rows[i]),
              sizeof (float) * all->n_inputs);
      data->train_y[i] = row_y (all, train_rows[i]);
    }
  for (guint i = 0; i < n_test; i++)
    {
      memcpy (data->test_x + (gsize) i * all->n_inputs, row_x (all, test_rows[i]),
              sizeof (float) * all->n_inputs);
      data->test_y[i] = row_y (all, test_rows[i]);
    }
  return data;
}

void
ns_dataset_standardise (NsDataset *data)
{
  guint d = data->n_inputs;
  guint n_stat = data->n_train > 0 ? data->n_train : data->n_test;
  const float *stat_x = data->n_train > 0 ? data->train_x : data->test_x;
  double lo[2] = { G_MAXDOUBLE, G_MAXDOUBLE }, hi[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };

  for (guint c = 0; c < d; c++)
    {
      double sum = 0, ss = 0, mean, scale;
      float first = n_stat > 0 ? stat_x[c] : 0;
      gboolean constant = TRUE;

      for (guint i = 0; i < n_stat; i++)
        {
          sum += stat_x[(gsize) i * d + c];
          constant = constant && stat_x[(gsize) i * d + c] == first;
        }
      mean = n_stat > 0 ? sum / n_stat : 0.0;
      for (guint i = 0; i < n_stat; i++)
        {
          double dev = stat_x[(gsize) i * d + c] - mean;
          ss += dev * dev;
        }
      scale = n_stat > 0 ? sqrt (ss / n_stat) : 1.0;
      if (constant || !(scale > 0))
        {
          mean = first;
          scale = 1.0;
        }
      data->mean[c] = mean;
      data->scale[c] = scale;
      for (guint i = 0; i < data->n_train; i++)
        {
          float *x = data->train_x + (gsize) i * d + c;
          *x = (float) ((*x - mean) / scale);
        }
      for (guint i = 0; i < data->n_test; i++)
        {
          float *x = data->test_x + (gsize) i * d + c;
          *x = (float) ((*x - mean) / scale);
        }
    }

  /* The plane: inputs 0 and 1's range over all rows plus 10% each side. */
  for (guint i = 0; i < data->n_train + data->n_test; i++)
    {
      const float *x = row_x (data, i);

      for (guint c = 0; c < 2; c++)
        {
          double v = x[MIN (c, d - 1)];
          lo[c] = MIN (lo[c], v);
          hi[c] = MAX (hi[c], v);
        }
    }
  for (guint c = 0; c < 2; c++)
    {
      double pad = hi[c] > lo[c] ? 0.1 * (hi[c] - lo[c]) : 1.0;

      if (lo[c] > hi[c])
        lo[c] = hi[c] = 0;
      lo[c] -= pad;
      hi[c] += pad;
    }
  data->x_min = lo[0];
  data->x_max = hi[0];
  data->y_min = lo[1];
  data->y_max = hi[1];
}

NsDataset *
ns_dataset_subsample_train (const NsDataset *data, double fraction, NnRng *rng)
{
  g_autofree guint32 *members = NULL;
  g_autofree gboolean *keep = NULL;
  NsDataset *sub;
  guint n_keep = 0, k = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->n_classes > 0, NULL);
  g_return_val_if_fail (fraction >= 0.0 && fraction <= 1.0, NULL);
  g_return_val_if_fail (rng != NULL, NULL);

  members = g_new (guint32, MAX (data->n_train, 1));
  keep = g_new0 (gboolean, MAX (data->n_train, 1));
  for (guint c = 0; c < data->n_classes; c++)
    {
      guint n = 0, want;

      for (guint i = 0; i < data->n_train; i++)
        if ((guint) data->train_y[i] == c)
          members[n++] = i;
      want = share_of (n, fraction);
      /* A class must not vanish from a small fraction: the model would never see it. */
      if (want == 0 && fraction > 0 && n > 0)
        want = 1;
      nn_rng_shuffle_u32 (rng, members, n);
      for (guint j = 0; j < want; j++)
        keep[members[j]] = TRUE;
      n_keep += want;
    }

  sub = ns_dataset_copy (data);
  /* The kept rows in their order, moved down in place. */
  for (guint i = 0; i < data->n_train; i++)
    if (keep[i])
      {
        memmove (sub->train_x + (gsize) k * data->n_inputs,
                 sub->train_x + (gsize) i * data->n_inputs, sizeof (float) * data->n_inputs);
        sub->train_y[k] = sub->train_y[i];
        k++;
      }
  g_assert (k == n_keep);
  sub->n_train = n_keep;
  return sub;
}
