/* test-data-images.c: the image and built-in sets (digits, iris, apples, a folder of one's own
 * images), their stratified split and the training fractions taken from it. */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ns-dataset.h"

#define DATA_STREAM 7 /* any stream: these tests only need one */

static NsDataset *
load_builtin (NsDatasetKind kind, guint count, guint64 seed)
{
  g_autoptr (GError) error = NULL;
  NnRng rng;
  NsDataset *data;

  nn_rng_seed (&rng, seed, DATA_STREAM);
  data = ns_dataset_load_builtin (kind, count, &rng, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static void
count_classes (const float *y, guint n, guint *counts, guint n_classes)
{
  memset (counts, 0, sizeof (guint) * n_classes);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (y[i] >= 0 && y[i] < n_classes && y[i] == floorf (y[i]));
      counts[(guint) y[i]]++;
    }
}

/* Each class's test rows are within one row of 20% of its rows. */
static void
assert_stratified (const NsDataset *data)
{
  guint train[NS_MAX_CLASSES], test[NS_MAX_CLASSES];

  count_classes (data->train_y, data->n_train, train, data->n_classes);
  count_classes (data->test_y, data->n_test, test, data->n_classes);
  for (guint c = 0; c < data->n_classes; c++)
    {
      double want = (train[c] + test[c]) * NS_DATASET_TEST_SHARE;

      g_assert_cmpuint (train[c] + test[c], >, 0);
      g_assert_cmpfloat (fabs (test[c] - want), <, 1.0);
    }
}

static void
test_digits (void)
{
  g_autoptr (NsDataset) data = load_builtin (NS_DATASET_DIGITS, 0, 1);
  float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;
  guint nonzero = 0;

  g_assert_cmpstr (data->name, ==, "digits");
  g_assert_cmpuint (data->n_train + data->n_test, ==, 1797);
  g_assert_cmpuint (data->n_train, ==, 1437);
  g_assert_cmpuint (data->n_inputs, ==, 64);
  g_assert_true (ns_dataset_is_image (data));
  g_assert_cmpuint (data->image_channels, ==, 1);
  g_assert_cmpuint (data->image_height, ==, 8);
  g_assert_cmpuint (data->image_width, ==, 8);
  g_assert_cmpuint (data->n_classes, ==, 10);
  for (guint c = 0; c < 10; c++)
    {
      g_autofree char *name = g_strdup_printf ("%u", c);
      g_assert_cmpstr (data->class_names[c], ==, name);
    }
  /* Pixels 0..16 scaled to 0..1, not standardised; raw = x * scale + mean. */
  for (gsize i = 0; i < (gsize) data->n_train * 64; i++)
    {
      float x = data->train_x[i];

      lo = MIN (lo, x);
      hi = MAX (hi, x);
      nonzero += x > 0;
      g_assert_cmpfloat (x * 16, ==, roundf (x * 16));
    }
  g_assert_cmpfloat (lo, ==, 0.0f);
  g_assert_cmpfloat (hi, ==, 1.0f);
  g_assert_cmpuint (nonzero, >, data->n_train * 20);
  g_assert_cmpfloat (data->mean[10], ==, 0.0);
  g_assert_cmpfloat (data->scale[10], ==, 16.0);
  assert_stratified (data);
}

static void
test_iris (void)
{
  g_autoptr (NsDataset) data = load_builtin (NS_DATASET_IRIS, 0, 2);
  double sum = 0;

  g_assert_cmpuint (data->n_train, ==, 120);
  g_assert_cmpuint (data->n_test, ==, 30);
  g_assert_false (ns_dataset_is_image (data));
  g_assert_cmpuint (data->n_inputs, ==, 4);
  /* The two columns the plane views show come first. */
  g_assert_cmpstr (data->input_names[0], ==, "petal_length");
  g_assert_cmpstr (data->input_names[1], ==, "petal_width");
  g_assert_cmpstr (data->input_names[2], ==, "sepal_length");
  g_assert_cmpstr (data->class_names[0], ==, "setosa");
  g_assert_cmpuint (data->n_classes, ==, 3);
  /* Standardised with the training rows' statistics; petal length is 1 to 6.9 cm. */
  for (guint i = 0; i < data->n_train; i++)
    sum += data->train_x[i * 4];
  g_assert_cmpfloat (fabs (sum / data->n_train), <, 1e-5);
  g_assert_cmpfloat (data->mean[0], >, 3.0);
  g_assert_cmpfloat (data->mean[0], <, 4.5);
  g_assert_cmpfloat (data->x_min, <, data->x_max);
  assert_stratified (data);
}

/* Same seed, same bytes; another seed, other pictures; half apples, half balls. */
static void
test_apples_seeded (void)
{
  g_autoptr (NsDataset) a = load_builtin (NS_DATASET_APPLES, 301, 5);
  g_autoptr (NsDataset) b = load_builtin (NS_DATASET_APPLES, 301, 5);
  g_autoptr (NsDataset) other = load_builtin (NS_DATASET_APPLES, 301, 6);
  guint train[2], test[2];

  g_assert_cmpuint (a->n_inputs, ==, 3 * 16 * 16);
  g_assert_cmpuint (a->image_channels, ==, 3);
  g_assert_cmpuint (a->image_height, ==, 16);
  g_assert_cmpuint (a->image_width, ==, 16);
  g_assert_cmpstr (a->class_names[0], ==, "apple");
  g_assert_cmpstr (a->class_names[1], ==, "ball");
  g_assert_cmpuint (a->n_train + a->n_test, ==, 301);
  g_assert_cmpmem (a->train_x, sizeof (float) * a->n_train * a->n_inputs, b->train_x,
                   sizeof (float) * b->n_train * b->n_inputs);
  g_assert_cmpmem (a->test_x, sizeof (float) * a->n_test * a->n_inputs, b->test_x,
                   sizeof (float) * b->n_test * b->n_inputs);
  g_assert_cmpmem (a->train_y, sizeof (float) * a->n_train, b->train_y,
                   sizeof (float) * b->n_train);
  g_assert_cmpuint (other->n_train, ==, a->n_train);
  g_assert_true (memcmp (a->train_x, other->train_x, sizeof (float) * a->n_inputs * a->n_train)
                 != 0);

  count_classes (a->train_y, a->n_train, train, 2);
  count_classes (a->test_y, a->n_test, test, 2);
  g_assert_cmpuint (train[0] + test[0], ==, 151);
  g_assert_cmpuint (train[1] + test[1], ==, 150);
  assert_stratified (a);
  for (gsize i = 0; i < (gsize) a->n_train * a->n_inputs; i++)
    g_assert_true (a->train_x[i] >= 0.0f && a->train_x[i] <= 1.0f);
}

/* The object's colour: the mean of the pixels farthest from the corners' colour (the
 * background), the half of the picture that differs most from it. */
static void
object_colour (const float *image, double *rgb)
{
  const guint plane = 16 * 16;
  const guint corners[] = { 0, 15, 15 * 16, 16 * 16 - 1 };
  double bg[3] = { 0 }, dist[16 * 16], sorted[16 * 16], median;
  guint n = 0;

  for (guint c = 0; c < 3; c++)
    for (guint k = 0; k < 4; k++)
      bg[c] += image[c * plane + corners[k]] / 4;
  for (guint p = 0; p < plane; p++)
    {
      double d = 0;
      for (guint c = 0; c < 3; c++)
        d += (image[c * plane + p] - bg[c]) * (image[c * plane + p] - bg[c]);
      dist[p] = sorted[p] = d;
    }
  /* The median by a simple sort: 256 values. */
  for (guint i = 1; i < plane; i++)
    for (guint j = i; j > 0 && sorted[j - 1] > sorted[j]; j--)
      {
        double t = sorted[j];
        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }
  median = sorted[plane / 2];
  rgb[0] = rgb[1] = rgb[2] = 0;
  for (guint p = 0; p < plane; p++)
    if (dist[p] > median)
      {
        for (guint c = 0; c < 3; c++)
          rgb[c] += image[c * plane + p];
        n++;
      }
  for (guint c = 0; c < 3; c++)
    rgb[c] /= MAX (n, 1);
}

/* Nearest class mean on a 3-number colour: the accuracy on the test set. */
static double
nearest_mean_accuracy (const NsDataset *data, gboolean object)
{
  const guint plane = 16 * 16;
  double means[2][3] = { { 0 } };
  guint counts[2] = { 0 }, right = 0;

  for (guint pass = 0; pass < 2; pass++)
    {
      guint n = pass == 0 ? data->n_train : data->n_test;
      const float *x = pass == 0 ? data->train_x : data->test_x;
      const float *y = pass == 0 ? data->train_y : data->test_y;

      for (guint i = 0; i < n; i++)
        {
          const float *image = x + (gsize) i * data->n_inputs;
          double rgb[3] = { 0 }, best = G_MAXDOUBLE;
          guint label = (guint) y[i], guess = 0;

          if (object)
            object_colour (image, rgb);
          else
            for (guint c = 0; c < 3; c++)
              {
                for (guint p = 0; p < plane; p++)
                  rgb[c] += image[c * plane + p];
                rgb[c] /= plane;
              }
          if (pass == 0)
            {
              for (guint c = 0; c < 3; c++)
                means[label][c] += rgb[c];
              counts[label]++;
              continue;
            }
          for (guint k = 0; k < 2; k++)
            {
              double d = 0;
              for (guint c = 0; c < 3; c++)
                {
                  double m = means[k][c] / counts[k];
                  d += (rgb[c] - m) * (rgb[c] - m);
                }
              if (d < best)
                {
                  best = d;
                  guess = k;
                }
            }
          right += guess == label;
        }
    }
  return (double) right / data->n_test;
}

/* Both classes come in many colours (red, green and yellow balls too), so that colour alone
 * does not tell apples from balls. */
static void
test_apples_colour_is_not_enough (void)
{
  g_autoptr (NsDataset) data = load_builtin (NS_DATASET_APPLES, 2000, 1);
  guint red[2] = { 0 }, green[2] = { 0 }, blue[2] = { 0 }, n[2] = { 0 };
  double mean_acc, object_acc;

  for (guint i = 0; i < data->n_train; i++)
    {
      double rgb[3];
      guint label = (guint) data->train_y[i];

      object_colour (data->train_x + (gsize) i * data->n_inputs, rgb);
      n[label]++;
      red[label] += rgb[0] > rgb[1] + 0.1 && rgb[0] > rgb[2] + 0.1;
      green[label] += rgb[1] > rgb[0] + 0.05 && rgb[1] > rgb[2] + 0.05;
      blue[label] += rgb[2] > rgb[0] + 0.1 && rgb[2] > rgb[1] + 0.1;
    }
  for (guint k = 0; k < 2; k++)
    {
      g_test_message ("%s: %u red, %u green, %u blue of %u", k == 0 ? "apples" : "balls", red[k],
                      green[k], blue[k], n[k]);
      g_assert_cmpuint (red[k], >, n[k] / 20);
      g_assert_cmpuint (green[k], >, n[k] / 20);
    }
  /* Blue apples do not grow; blue balls do. */
  g_assert_cmpuint (blue[0], <, n[0] / 100);
  g_assert_cmpuint (blue[1], >, n[1] / 20);

  mean_acc = nearest_mean_accuracy (data, FALSE);
  object_acc = nearest_mean_accuracy (data, TRUE);
  g_test_message ("nearest class mean: %.3f on the mean colour, %.3f on the object's", mean_acc,
                  object_acc);
  g_assert_cmpfloat (mean_acc, <, 0.85);
  g_assert_cmpfloat (object_acc, <, 0.85);
}

/* A fraction of the training rows, stratified; the test set never changes. */
static void
test_subsample (void)
{
  g_autoptr (NsDataset) data = load_builtin (NS_DATASET_DIGITS, 0, 3);
  static const double fractions[] = { 0.0, 0.02, 0.05, 0.1, 0.4, 0.8, 1.0 };
  guint all[NS_MAX_CLASSES];

  count_classes (data->train_y, data->n_train, all, data->n_classes);
  for (guint f = 0; f < G_N_ELEMENTS (fractions); f++)
    for (guint64 seed = 1; seed <= 3; seed++)
      {
        g_autoptr (NsDataset) sub = NULL;
        g_autoptr (NsDataset) again = NULL;
        guint counts[NS_MAX_CLASSES];
        NnRng rng;

        nn_rng_seed (&rng, seed, DATA_STREAM);
        sub = ns_dataset_subsample_train (data, fractions[f], &rng);
        nn_rng_seed (&rng, seed, DATA_STREAM);
        again = ns_dataset_subsample_train (data, fractions[f], &rng);

        g_assert_cmpuint (sub->n_test, ==, data->n_test);
        g_assert_cmpmem (sub->test_x, sizeof (float) * sub->n_test * sub->n_inputs, data->test_x,
                         sizeof (float) * data->n_test * data->n_inputs);
        g_assert_cmpmem (sub->test_y, sizeof (float) * sub->n_test, data->test_y,
                         sizeof (float) * data->n_test);
        g_assert_cmpuint (sub->image_channels, ==, 1);
        g_assert_cmpmem (sub->train_x, sizeof (float) * sub->n_train * sub->n_inputs,
                         again->train_x, sizeof (float) * again->n_train * again->n_inputs);

        count_classes (sub->train_y, sub->n_train, counts, sub->n_classes);
        for (guint c = 0; c < data->n_classes; c++)
          {
            double want = all[c] * fractions[f];

            if (fractions[f] > 0)
              g_assert_cmpuint (counts[c], >=, 1);
            g_assert_cmpfloat (fabs (counts[c] - want), <=, 1.0);
          }
        if (fractions[f] == 1.0)
          {
            g_assert_cmpuint (sub->n_train, ==, 1437);
            g_assert_cmpmem (sub->train_x, sizeof (float) * sub->n_train * sub->n_inputs,
                             data->train_x, sizeof (float) * data->n_train * data->n_inputs);
          }
        if (fractions[f] == 0.0)
          g_assert_cmpuint (sub->n_train, ==, 0);
      }
}

/* A tiny PNG: @width x @height, every column's colour from @columns (RGB, 3 bytes each). */
static void
write_png (const char *path, int width, int height, const guint8 *columns)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr (GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memcpy (pixels + y * stride + x * 3, columns + 3 * x, 3);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
}

static char *
make_dir (const char *parent, const char *name)
{
  char *path = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
test_image_folder (void)
{
  static const guint8 red_green[] = { 255, 0, 0, 0, 255, 0 };
  static const guint8 blue[] = { 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *root = g_dir_make_tmp ("ns-images-XXXXXX", &error);
  g_autofree char *cats = make_dir (root, "cat");
  g_autofree char *dogs = make_dir (root, "dog");
  g_autoptr (NsDataset) data = NULL;
  gboolean found_tall = FALSE;
  NnRng rng;

  g_assert_no_error (error);
  /* A tall picture, red on the left and green on the right: 2x8 stays 2x8 in 8x8, centred. */
  for (guint k = 0; k < 5; k++)
    {
      g_autofree char *name = g_strdup_printf ("tall%u.png", k);
      g_autofree char *path = g_build_filename (cats, name, NULL);
      write_png (path, 2, 8, red_green);
    }
  /* Wide blue pictures, larger than the input: scaled down. */
  for (guint k = 0; k < 5; k++)
    {
      g_autofree char *name = g_strdup_printf ("wide%u.PNG", k);
      g_autofree char *path = g_build_filename (dogs, name, NULL);
      write_png (path, 4, 2, blue);
    }
  /* A JPEG too (lossy: only its being read is checked). */
  {
    g_autoptr (GdkPixbuf) photo = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 12, 6);
    g_autofree char *path = g_build_filename (dogs, "photo.jpg", NULL);

    gdk_pixbuf_fill (photo, 0x0000ffff);
    g_assert_true (gdk_pixbuf_save (photo, path, "jpeg", &error, "quality", "95", NULL));
    g_assert_no_error (error);
  }
  {
    g_autofree char *broken = g_build_filename (dogs, "broken.png", NULL);
    g_autofree char *notes = g_build_filename (dogs, "notes.txt", NULL);

    g_assert_true (g_file_set_contents (broken, "not a png", -1, NULL));
    g_assert_true (g_file_set_contents (notes, "hello", -1, NULL));
  }

  nn_rng_seed (&rng, 1, DATA_STREAM);
  data = ns_dataset_load_image_folder (root, 3, 8, 8, &rng, warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_cmpuint (data->n_train + data->n_test, ==, 11);
  g_assert_cmpuint (data->n_test, ==, 3); /* ceil (11 * 0.2) */
  g_assert_cmpuint (data->n_classes, ==, 2);
  g_assert_cmpstr (data->class_names[0], ==, "cat");
  g_assert_cmpstr (data->class_names[1], ==, "dog");
  g_assert_cmpuint (data->image_channels, ==, 3);
  g_assert_cmpuint (data->n_inputs, ==, 3 * 8 * 8);
  /* Both files that are not pictures are named; the broken one says why. */
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_nonnull (strstr (warnings->pdata[0], "broken.png"));
  g_assert_nonnull (strstr (warnings->pdata[1], "notes.txt"));

  for (guint i = 0; i < data->n_train; i++)
    {
      const float *image = data->train_x + (gsize) i * data->n_inputs;
      /* pixel (c, y, x) at (c * 8 + y) * 8 + x */
      if (data->train_y[i] == 0)
        {
          found_tall = TRUE;
          g_assert_cmpfloat (image[(0 * 8 + 4) * 8 + 3], ==, 1.0f); /* red column at x = 3 */
          g_assert_cmpfloat (image[(1 * 8 + 4) * 8 + 3], ==, 0.0f);
          g_assert_cmpfloat (image[(1 * 8 + 4) * 8 + 4], ==, 1.0f); /* green at x = 4 */
          /* The background: the corners' mean, half red and half green. */
          g_assert_cmpfloat (image[(0 * 8 + 4) * 8 + 0], ==, 0.5f);
          g_assert_cmpfloat (image[(1 * 8 + 4) * 8 + 7], ==, 0.5f);
        }
      else
        {
          for (guint p = 0; p < 64; p++)
            g_assert_cmpfloat (image[2 * 64 + p], >, 0.9f); /* blue, background blue too */
        }
    }
  g_assert_true (found_tall);

  /* Grey: one channel. */
  {
    g_autoptr (NsDataset) grey = NULL;

    nn_rng_seed (&rng, 1, DATA_STREAM);
    grey = ns_dataset_load_image_folder (root, 1, 4, 4, &rng, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (grey->n_inputs, ==, 16);
    g_assert_cmpuint (grey->image_channels, ==, 1);
  }

  /* A class without a picture is an error naming its folder. */
  {
    g_autofree char *birds = make_dir (root, "bird");
    g_autoptr (NsDataset) none = NULL;

    nn_rng_seed (&rng, 1, DATA_STREAM);
    none = ns_dataset_load_image_folder (root, 3, 8, 8, &rng, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY);
    g_assert_nonnull (strstr (error->message, birds));
    g_clear_error (&error);
  }

  /* A folder without class folders, and one that does not exist. */
  {
    g_autoptr (NsDataset) none = NULL;

    nn_rng_seed (&rng, 1, DATA_STREAM);
    none = ns_dataset_load_image_folder (cats, 3, 8, 8, &rng, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_IMAGE);
    g_assert_nonnull (strstr (error->message, cats));
    g_clear_error (&error);
    remove_tree (root);
    none = ns_dataset_load_image_folder (root, 3, 8, 8, &rng, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data-images/digits", test_digits);
  g_test_add_func ("/data-images/iris", test_iris);
  g_test_add_func ("/data-images/apples-seeded", test_apples_seeded);
  g_test_add_func ("/data-images/apples-colour-is-not-enough", test_apples_colour_is_not_enough);
  g_test_add_func ("/data-images/subsample", test_subsample);
  g_test_add_func ("/data-images/image-folder", test_image_folder);

  return g_test_run ();
}
