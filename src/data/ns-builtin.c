/* ns-builtin.c: the built-in sets that are not 2D points: digits and iris from the CSV files
 * embedded in this library (ns-data.gresource.xml), apples from its generator. */
#include "ns-dataset-private.h"

#include <gio/gio.h>
#include <string.h>

#include "ns-data-resources.h"

#define RESOURCE_DIR "/io/github/neuroscope/Neuroscope/datasets/"

#define DIGITS_SIDE 8
#define DIGITS_MAX 16.0 /* the file's pixel values are 0..16 */

/* An embedded CSV file parsed without standardisation, every row in training (in an order
 * drawn from @rng). */
static NsDataset *
parse_resource (const char *name, NnRng *rng, GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* Looked up in this library's own resource, which also keeps the linker from dropping it. */
  bytes =
      g_resource_lookup_data (ns_data_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  length = g_bytes_get_size (bytes);
  contents = g_malloc (length + 1);
  memcpy (contents, g_bytes_get_data (bytes, NULL), length);
  contents[length] = '\0';
  return ns_dataset_parse_csv_full (contents, length, name, FALSE, 1.0, FALSE, rng, error);
}

static NsDataset *
load_digits (NnRng *rng, GError **error)
{
  g_autoptr (NsDataset) all = parse_resource ("digits.csv", rng, error);
  NsDataset *data;

  if (all == NULL)
    return NULL;
  g_assert (all->n_inputs == DIGITS_SIDE * DIGITS_SIDE);
  data = ns_dataset_split_stratified (all, NS_DATASET_TEST_SHARE, rng);
  /* Images are scaled, not standardised: raw = x * 16. */
  for (gsize i = 0; i < (gsize) data->n_train * data->n_inputs; i++)
    data->train_x[i] = (float) (data->train_x[i] / DIGITS_MAX);
  for (gsize i = 0; i < (gsize) data->n_test * data->n_inputs; i++)
    data->test_x[i] = (float) (data->test_x[i] / DIGITS_MAX);
  for (guint c = 0; c < data->n_inputs; c++)
    {
      data->mean[c] = 0.0;
      data->scale[c] = DIGITS_MAX;
    }
  g_free (data->name);
  data->name = g_strdup ("digits");
  data->image_channels = 1;
  data->image_height = DIGITS_SIDE;
  data->image_width = DIGITS_SIDE;
  data->x_min = data->y_min = 0.0;
  data->x_max = data->y_max = 1.0;
  return data;
}

/* Iris with petal length and width first: the two columns that separate the species, shown
 * by the plane views (DESIGN.md: data with more than two inputs uses two chosen columns). */
static NsDataset *
load_iris (NnRng *rng, GError **error)
{
  static const guint column_order[] = { 2, 3, 0, 1 };
  g_autoptr (NsDataset) all = parse_resource ("iris.csv", rng, error);
  g_autofree float *row = NULL;
  char *names[G_N_ELEMENTS (column_order)];
  NsDataset *data;
  guint d;

  if (all == NULL)
    return NULL;
  d = all->n_inputs;
  g_assert (d == G_N_ELEMENTS (column_order));
  row = g_new (float, d);
  for (guint i = 0; i < all->n_train; i++)
    {
      float *x = all->train_x + (gsize) i * d;

      for (guint c = 0; c < d; c++)
        row[c] = x[column_order[c]];
      memcpy (x, row, sizeof (float) * d);
    }
  for (guint c = 0; c < d; c++)
    names[c] = all->input_names[column_order[c]];
  memcpy (all->input_names, names, sizeof names);

  data = ns_dataset_split_stratified (all, NS_DATASET_TEST_SHARE, rng);
  ns_dataset_standardise (data);
  g_free (data->name);
  data->name = g_strdup ("iris");
  return data;
}

NsDataset *
ns_dataset_load_builtin (NsDatasetKind kind, guint count, NnRng *rng, GError **error)
{
  g_return_val_if_fail (kind >= NS_N_PLANE_DATASETS && kind < NS_N_DATASET_KINDS, NULL);
  g_return_val_if_fail (rng != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (kind)
    {
    case NS_DATASET_DIGITS:
      return load_digits (rng, error);
    case NS_DATASET_IRIS:
      return load_iris (rng, error);
    case NS_DATASET_APPLES:
      return ns_dataset_generate_apples (count ? count : ns_dataset_kind_default_count (kind), rng);
    default:
      g_assert_not_reached ();
    }
}
