/* ns-image-folder.c: a learner's own images, one subfolder per class, loaded with GdkPixbuf. */
#include "ns-dataset-private.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#define MAX_IMAGES 100000            /* as many as a generated set may have */
#define MAX_VALUES ((gsize) 1 << 26) /* 256 MB of pixel values */
#define MAX_SIDE 64                  /* the input side a small network can take */

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The entries of @path that are (or are not) folders, without hidden ones, sorted so that a
 * folder gives the same dataset on every machine. */
static GPtrArray *
list_entries (const char *path, gboolean folders, GError **error)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, error);
  g_autoptr (GPtrArray) names = NULL;
  const char *name;

  if (dir == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);

      if (name[0] == '.')
        continue;
      if (g_file_test (full, G_FILE_TEST_IS_DIR) == folders)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static gboolean
has_image_extension (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".jpg")
         || g_str_has_suffix (lower, ".jpeg");
}

static void
warn (GPtrArray *warnings, const char *file, const char *why)
{
  if (warnings != NULL)
    g_ptr_array_add (warnings, g_strdup_printf ("%s: %s", file, why));
}

/* Loads @file scaled to fit height x width keeping its aspect (transparency over white),
 * centred on the colour of its corners; appends channels x height x width values 0..1. */
static gboolean
load_image (const char *file,
            guint channels,
            guint height,
            guint width,
            GArray *pixels,
            GError **error)
{
  g_autoptr (GdkPixbuf) loaded = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  const guint8 *src;
  int w, h, stride, n_ch, x0, y0;
  double bg[3] = { 0, 0, 0 };
  guint first = pixels->len;

  loaded = gdk_pixbuf_new_from_file_at_scale (file, (int) width, (int) height, TRUE, error);
  if (loaded == NULL)
    return FALSE;
  w = gdk_pixbuf_get_width (loaded);
  h = gdk_pixbuf_get_height (loaded);
  if (gdk_pixbuf_get_has_alpha (loaded))
    pixbuf = gdk_pixbuf_composite_color_simple (loaded, w, h, GDK_INTERP_NEAREST, 255, 8, 0xffffffu,
                                                0xffffffu);
  else
    pixbuf = g_object_ref (loaded);
  if (pixbuf == NULL || gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB
      || gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 || gdk_pixbuf_get_n_channels (pixbuf) < 3)
    {
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_IMAGE,
                   "not an 8-bit RGB image after loading");
      return FALSE;
    }
  w = MIN (gdk_pixbuf_get_width (pixbuf), (int) width);
  h = MIN (gdk_pixbuf_get_height (pixbuf), (int) height);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  n_ch = gdk_pixbuf_get_n_channels (pixbuf);
  src = gdk_pixbuf_read_pixels (pixbuf);

  /* The background: the mean of the four corners. */
  for (guint k = 0; k < 4; k++)
    {
      const guint8 *px = src + (k / 2 ? h - 1 : 0) * (gsize) stride + (k % 2 ? w - 1 : 0) * n_ch;

      for (guint c = 0; c < 3; c++)
        bg[c] += px[c] / 255.0 / 4.0;
    }

  g_array_set_size (pixels, first + channels * height * width);
  x0 = ((int) width - w) / 2;
  y0 = ((int) height - h) / 2;
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        double rgb[3];
        int sx = (int) x - x0, sy = (int) y - y0;

        if (sx >= 0 && sx < w && sy >= 0 && sy < h)
          for (guint c = 0; c < 3; c++)
            rgb[c] = src[sy * (gsize) stride + sx * n_ch + c] / 255.0;
        else
          memcpy (rgb, bg, sizeof rgb);
        if (channels == 1)
          g_array_index (pixels, float, first + y * width + x) =
              (float) (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]);
        else
          for (guint c = 0; c < 3; c++)
            g_array_index (pixels, float, first + (c * height + y) * width + x) = (float) rgb[c];
      }
  return TRUE;
}

NsDataset *
ns_dataset_load_image_folder (const char *path,
                              guint channels,
                              guint height,
                              guint width,
                              NnRng *rng,
                              GPtrArray *warnings,
                              GError **error)
{
  g_autoptr (GPtrArray) classes = NULL;
  g_autoptr (GArray) pixels = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr (GArray) labels = g_array_new (FALSE, FALSE, sizeof (float));
  g_autoptr (NsDataset) all = NULL;
  g_autofree char *basename = NULL;
  guint n_inputs, n_rows;
  NsDataset *data;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (channels == 1 || channels == 3, NULL);
  g_return_val_if_fail (height >= 1 && height <= MAX_SIDE && width >= 1 && width <= MAX_SIDE, NULL);
  g_return_val_if_fail (rng != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  classes = list_entries (path, TRUE, error);
  if (classes == NULL)
    return NULL;
  if (classes->len < 2 || classes->len > NS_MAX_CLASSES)
    {
      g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_BAD_IMAGE,
                   "%s: %u class folder%s; expected one subfolder per class, 2 to %d of them", path,
                   classes->len, classes->len == 1 ? "" : "s", NS_MAX_CLASSES);
      return NULL;
    }

  n_inputs = channels * height * width;
  for (guint c = 0; c < classes->len; c++)
    {
      g_autofree char *folder = g_build_filename (path, classes->pdata[c], NULL);
      g_autoptr (GPtrArray) files = list_entries (folder, FALSE, error);
      guint n_loaded = 0;

      if (files == NULL)
        return NULL;
      for (guint f = 0; f < files->len; f++)
        {
          g_autofree char *file = g_build_filename (folder, files->pdata[f], NULL);
          g_autoptr (GError) local = NULL;
          float label = (float) c;

          if (!has_image_extension (files->pdata[f]))
            {
              warn (warnings, file, "not a PNG or JPEG file (skipped)");
              continue;
            }
          if (labels->len >= MAX_IMAGES || (gsize) (labels->len + 1) * n_inputs > MAX_VALUES)
            {
              g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_TOO_LARGE,
                           "%s: more than %u images of %ux%u; expected fewer (or a smaller size)",
                           path, labels->len, width, height);
              return NULL;
            }
          if (!load_image (file, channels, height, width, pixels, &local))
            {
              g_autofree char *why = g_strdup_printf ("%s (skipped)", local->message);

              g_array_set_size (pixels, (gsize) labels->len * n_inputs);
              warn (warnings, file, why);
              continue;
            }
          g_array_append_val (labels, label);
          n_loaded++;
        }
      if (n_loaded == 0)
        {
          g_set_error (error, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                       "%s: no PNG or JPEG image that loads; expected at least one per class",
                       folder);
          return NULL;
        }
    }

  n_rows = labels->len;
  basename = g_path_get_basename (path);
  all = ns_dataset_alloc (basename, n_inputs, classes->len, n_rows, 0);
  memcpy (all->train_x, pixels->data, sizeof (float) * n_rows * n_inputs);
  memcpy (all->train_y, labels->data, sizeof (float) * n_rows);
  g_strfreev (all->class_names);
  all->class_names = g_new0 (char *, classes->len + 1);
  for (guint c = 0; c < classes->len; c++)
    all->class_names[c] = g_strdup (classes->pdata[c]);
  all->image_channels = channels;
  all->image_height = height;
  all->image_width = width;
  all->x_min = all->y_min = 0.0;
  all->x_max = all->y_max = 1.0;
  data = ns_dataset_split_stratified (all, NS_DATASET_TEST_SHARE, rng);
  return data;
}
