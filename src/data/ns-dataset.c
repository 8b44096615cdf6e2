/* ns-dataset.c: the dataset container, its split, and the table of generated kinds. */

#include "ns-dataset-private.h"

#include <math.h>
#include <string.h>

/* The first argument becomes the quark's string as written: no formatting. */
/* clang-format off */
G_DEFINE_QUARK (ns-data-error-quark, ns_data_error)
/* clang-format on */

typedef struct
{
  const char *name;
  const char *title;
  guint n_classes; /* 0 for regression */
} NsKindInfo;

static const NsKindInfo kind_info[NS_N_DATASET_KINDS] = {
  [NS_DATASET_CIRCLE] = { "circle", "Circle", 2 },
  [NS_DATASET_XOR] = { "xor", "Exclusive or", 2 },
  [NS_DATASET_GAUSS] = { "gauss", "Two Gaussians", 2 },
  [NS_DATASET_SPIRAL] = { "spiral", "Spiral", 2 },
  [NS_DATASET_MOONS] = { "moons", "Moons", 2 },
  [NS_DATASET_CHECKERBOARD] = { "checkerboard", "Checkerboard", 2 },
  [NS_DATASET_SPIRAL3] = { "spiral3", "Three-arm spiral", 3 },
  [NS_DATASET_BLOBS5] = { "blobs5", "Five blobs", 5 },
  [NS_DATASET_REG_PLANE] = { "reg-plane", "Plane (regression)", 0 },
  [NS_DATASET_REG_GAUSS] = { "reg-gauss", "Multi-Gaussian (regression)", 0 },
  [NS_DATASET_DIGITS] = { "digits", "Handwritten digits", 10 },
  [NS_DATASET_APPLES] = { "apples", "Apple or ball", 2 },
  [NS_DATASET_IRIS] = { "iris", "Iris flowers", 3 },
};

gboolean
ns_dataset_kind_is_plane (NsDatasetKind kind)
{
  return kind < NS_N_PLANE_DATASETS;
}

gboolean
ns_dataset_kind_is_image (NsDatasetKind kind)
{
  return kind == NS_DATASET_DIGITS || kind == NS_DATASET_APPLES;
}

gboolean
ns_dataset_is_image (const NsDataset *data)
{
  g_return_val_if_fail (data != NULL, FALSE);

  return data->image_channels > 0;
}

gboolean
ns_dataset_kind_is_regression (NsDatasetKind kind)
{
  g_return_val_if_fail (kind < NS_N_DATASET_KINDS, FALSE);

  return kind_info[kind].n_classes == 0;
}

guint
ns_dataset_kind_n_classes (NsDatasetKind kind)
{
  g_return_val_if_fail (kind < NS_N_DATASET_KINDS, 0);

  return kind_info[kind].n_classes;
}

guint
ns_dataset_kind_default_count (NsDatasetKind kind)
{
  g_return_val_if_fail (kind < NS_N_DATASET_KINDS, 0);

  switch (kind)
    {
    case NS_DATASET_DIGITS:
      return 1797; /* the file's */
    case NS_DATASET_IRIS:
      return 150;
    case NS_DATASET_APPLES:
      return 2000;
    default:
      break;
    }
  /* The Playground's counts. */
  return ns_dataset_kind_is_regression (kind) ? 1200 : 500;
}

const char *
ns_dataset_kind_name (NsDatasetKind kind)
{
  g_return_val_if_fail (kind < NS_N_DATASET_KINDS, NULL);

  return kind_info[kind].name;
}

const char *
ns_dataset_kind_title (NsDatasetKind kind)
{
  g_return_val_if_fail (kind < NS_N_DATASET_KINDS, NULL);

  return kind_info[kind].title;
}

int
ns_dataset_kind_from_name (const char *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (int i = 0; i < NS_N_DATASET_KINDS; i++)
    {
      if (kind_info[i].name != NULL && strcmp (name, kind_info[i].name) == 0)
        return i;
    }

  return -1;
}

NsDataset *
ns_dataset_alloc (const char *name, guint n_inputs, guint n_classes, guint n_train, guint n_test)
{
  NsDataset *data;

  g_assert (n_inputs > 0);
  g_assert (n_classes <= NS_MAX_CLASSES);

  data = g_new0 (NsDataset, 1);
  data->name = g_strdup (name);
  data->n_inputs = n_inputs;

  data->input_names = g_new0 (char *, (gsize) n_inputs + 1);
  for (guint i = 0; i < n_inputs; i++)
    data->input_names[i] = g_strdup_printf ("x%u", i + 1);

  data->n_classes = n_classes;
  if (n_classes > 0)
    {
      data->class_names = g_new0 (char *, n_classes + 1);
      for (guint c = 0; c < n_classes; c++)
        data->class_names[c] = g_strdup_printf ("%u", c);
    }

  data->n_train = n_train;
  data->train_cap = n_train;
  data->train_x = g_new (float, (gsize) n_train *n_inputs);
  data->train_y = g_new (float, n_train);
  data->n_test = n_test;
  data->test_x = g_new (float, (gsize) n_test *n_inputs);
  data->test_y = g_new (float, n_test);

  data->mean = g_new0 (double, n_inputs);
  data->scale = g_new (double, n_inputs);
  for (guint i = 0; i < n_inputs; i++)
    data->scale[i] = 1.0;

  data->x_min = data->y_min = -6.0;
  data->x_max = data->y_max = 6.0;

  return data;
}

guint32 *
ns_dataset_split_order (guint count, double train_ratio, NnRng *rng, guint *n_train)
{
  guint32 *order;
  double want;

  g_assert (rng != NULL);
  g_assert (n_train != NULL);

  order = g_new (guint32, count);
  for (guint i = 0; i < count; i++)
    order[i] = i;
  nn_rng_shuffle_u32 (rng, order, count);

  /* round() is exact, so this is the same on every machine. */
  want = round ((double) count * CLAMP (train_ratio, 0.0, 1.0));
  *n_train = (guint) CLAMP (want, 0.0, (double) count);

  return order;
}

void
ns_dataset_free (NsDataset *data)
{
  if (data == NULL)
    return;

  g_free (data->name);
  g_strfreev (data->input_names);
  g_strfreev (data->class_names);
  g_free (data->train_x);
  g_free (data->train_y);
  g_free (data->test_x);
  g_free (data->test_y);
  g_free (data->mean);
  g_free (data->scale);
  g_free (data);
}

NsDataset *
ns_dataset_copy (const NsDataset *data)
{
  NsDataset *copy;
  gsize n_in;

  g_return_val_if_fail (data != NULL, NULL);

  n_in = data->n_inputs;
  copy = g_new0 (NsDataset, 1);
  *copy = *data;
  copy->name = g_strdup (data->name);
  copy->input_names = g_strdupv (data->input_names);
  copy->class_names = g_strdupv (data->class_names);
  /* The copy keeps the original's capacity, so adding points behaves the same in both. */
  copy->train_x = g_new (float, (gsize) data->train_cap *n_in);
  copy->train_y = g_new (float, data->train_cap);
  if (data->n_train > 0)
    {
      memcpy (copy->train_x, data->train_x, sizeof (float) * data->n_train * n_in);
      memcpy (copy->train_y, data->train_y, sizeof (float) * data->n_train);
    }
  copy->test_x = g_memdup2 (data->test_x, sizeof (float) * data->n_test * n_in);
  copy->test_y = g_memdup2 (data->test_y, sizeof (float) * data->n_test);
  copy->mean = g_memdup2 (data->mean, sizeof (double) * n_in);
  copy->scale = g_memdup2 (data->scale, sizeof (double) * n_in);

  return copy;
}

void
ns_dataset_add_point (NsDataset *data, const float *x, float y)
{
  gsize n_in;

  g_return_if_fail (data != NULL);
  g_return_if_fail (x != NULL);
  g_return_if_fail (data->n_classes == 0 || (y >= 0 && y < data->n_classes));

  n_in = data->n_inputs;
  if (data->n_train == data->train_cap)
    {
      guint cap = data->train_cap;

      g_return_if_fail (cap < G_MAXUINT / 2);
      cap = MAX (16, cap * 2);
      data->train_x = g_renew (float, data->train_x, (gsize) cap *n_in);
      data->train_y = g_renew (float, data->train_y, cap);
      data->train_cap = cap;
    }

  memcpy (data->train_x + (gsize) data->n_train * n_in, x, sizeof (float) * n_in);
  data->train_y[data->n_train] = y;
  data->n_train++;
}

gboolean
ns_dataset_remove_nearest (NsDataset *data, double x1, double x2, double max_dist)
{
  gsize n_in;
  double best_d2;
  guint best = G_MAXUINT;

  g_return_val_if_fail (data != NULL, FALSE);

  if (!(max_dist >= 0))
    return FALSE;

  n_in = data->n_inputs;
  best_d2 = max_dist * max_dist;
  for (guint i = 0; i < data->n_train; i++)
    {
      const float *p = data->train_x + (gsize) i * n_in;
      double dx = p[0] - x1;
      double dy = n_in > 1 ? p[1] - x2 : 0.0;
      double d2 = dx * dx + dy * dy;

      if (d2 <= best_d2)
        {
          /* Ties go to the earliest point. */
          if (d2 < best_d2 || best == G_MAXUINT)
            best = i;
          best_d2 = d2;
        }
    }

  if (best == G_MAXUINT)
    return FALSE;

  /* Keep the order of the others: the training order is part of a run. */
  memmove (data->train_x + (gsize) best * n_in, data->train_x + (gsize) (best + 1) * n_in,
           sizeof (float) * (data->n_train - best - 1) * n_in);
  memmove (data->train_y + best, data->train_y + best + 1,
           sizeof (float) * (data->n_train - best - 1));
  data->n_train--;

  return TRUE;
}
