/* ns-experiment-classic.c: the classic model beside the network, one image through either,
 * and images the learner draws. */
#include "config.h"

#include "ns-experiment-classic.h"

#include <math.h>
#include <string.h>

#include "ns-experiment-private.h"
#include "ns-hand-features.h"

void
ns_classic_choice_init (NsClassicChoice *choice, const NsDataset *data)
{
  g_return_if_fail (choice != NULL);
  g_return_if_fail (data != NULL);

  memset (choice, 0, sizeof *choice);
  choice->features =
      ns_hand_features_default (data->image_channels, data->image_height, data->image_width);
  choice->on_pixels = choice->features == 0;
  choice->kind = NS_CLASSIC_LOGREG;
  choice->k = 5;
}

/* Images between two looks at the cancellable: kNN scoring a block of 256 images against
 * 16,000 training images of 768 pixels is about a second on a slow core, features far less. */
#define CLASSIC_BLOCK 256

static gboolean
cancelled (GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       "Training the classic model was cancelled");
  return TRUE;
}

/* The model's inputs for n images: the images themselves (pixels) or their feature rows
 * (a new array, sample-major), computed block by block (each image's row is its own, so the
 * blocks give the same rows as one call). */
static float *
classic_inputs (const NsClassicChoice *choice,
                const float *images,
                gsize n,
                guint c,
                guint h,
                guint w,
                guint *dim,
                GCancellable *cancellable,
                GError **error)
{
  g_autofree float *out = NULL;
  gsize image_size = (gsize) c * h * w;

  if (choice->on_pixels)
    {
      *dim = c * h * w;
      return g_memdup2 (images, sizeof (float) * MAX (n, 1) * *dim);
    }
  *dim = ns_hand_features_dim (choice->features, c, h, w);
  if (*dim == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "No hand feature chosen that applies to %u x %u x %u images", c, h, w);
      return NULL;
    }
  out = g_new (float, MAX (n, 1) * *dim);
  for (gsize start = 0; start < n; start += CLASSIC_BLOCK)
    {
      gsize count = MIN (CLASSIC_BLOCK, n - start);

      if (cancelled (cancellable, error)
          || !ns_hand_features_compute (choice->features, images + start * image_size, count, c, h,
                                        w, out + start * *dim, error))
        return NULL;
    }
  return g_steal_pointer (&out);
}

/* ns_classic_accuracy, block by block: each row's class is its own, so the count is the same. */
static gboolean
classic_accuracy (const NsClassic *model,
                  const float *x,
                  const float *y,
                  gsize n,
                  guint dim,
                  GCancellable *cancellable,
                  double *accuracy,
                  GError **error)
{
  g_autofree guint *predicted = g_new (guint, CLASSIC_BLOCK);
  gsize right = 0;

  for (gsize start = 0; start < n; start += CLASSIC_BLOCK)
    {
      gsize count = MIN (CLASSIC_BLOCK, n - start);

      if (cancelled (cancellable, error))
        return FALSE;
      ns_classic_predict (model, x + start * dim, count, predicted, NULL);
      for (gsize s = 0; s < count; s++)
        right += (float) predicted[s] == y[start + s];
    }
  *accuracy = n > 0 ? (double) right / (double) n : 0;
  return TRUE;
}

static gboolean
stop_cb (gpointer cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

NsExperimentClassic *
ns_experiment_classic_train (NsExperiment *experiment,
                             const NsClassicChoice *choice,
                             GError **error)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), NULL);

  return ns_experiment_classic_train_split (ns_experiment_get_dataset (experiment), choice, NULL,
                                            error);
}

NsExperimentClassic *
ns_experiment_classic_train_split (const NsDataset *data,
                                   const NsClassicChoice *choice,
                                   GCancellable *cancellable,
                                   GError **error)
{
  g_autoptr (NsExperimentClassic) classic = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree float *train = NULL;
  g_autofree float *test = NULL;
  NsClassicParams params;
  guint c, h, w, dim;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (choice != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (!ns_dataset_is_image (data) || data->n_classes < 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: a classic model beside the network needs images of at least two classes",
                   data->name);
      return NULL;
    }
  c = data->image_channels;
  h = data->image_height;
  w = data->image_width;

  train = classic_inputs (choice, data->train_x, data->n_train, c, h, w, &dim, cancellable, error);
  if (train == NULL)
    return NULL;
  test = classic_inputs (choice, data->test_x, data->n_test, c, h, w, &dim, cancellable, error);
  if (test == NULL)
    return NULL;

  classic = g_new0 (NsExperimentClassic, 1);
  classic->choice = *choice;
  classic->n_inputs = dim;
  classic->image_channels = c;
  classic->image_height = h;
  classic->image_width = w;
  classic->n_train = data->n_train;
  classic->n_test = data->n_test;

  ns_classic_params_init (&params);
  params.k = MAX (choice->k, 1);
  if (cancellable != NULL)
    {
      params.stop = stop_cb;
      params.stop_data = cancellable;
    }
  if (cancelled (cancellable, error))
    return NULL;
  classic->model = ns_classic_train (choice->kind, &params, train, data->train_y, data->n_train,
                                     dim, data->n_classes, &local);
  if (classic->model == NULL)
    {
      if (g_error_matches (local, NS_CLASSIC_ERROR, NS_CLASSIC_ERROR_STOPPED))
        cancelled (cancellable, error);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!classic_accuracy (classic->model, train, data->train_y, data->n_train, dim, cancellable,
                         &classic->train_accuracy, error))
    return NULL;
  classic->test_accuracy = NAN;
  if (data->n_test > 0
      && !classic_accuracy (classic->model, test, data->test_y, data->n_test, dim, cancellable,
                            &classic->test_accuracy, error))
    return NULL;
  return g_steal_pointer (&classic);
}

void
ns_experiment_classic_free (NsExperimentClassic *classic)
{
  if (classic == NULL)
    return;
  ns_classic_free (classic->model);
  g_free (classic);
}

guint
ns_experiment_classic_predict (const NsExperimentClassic *classic,
                               const float *image,
                               float *probabilities)
{
  g_autofree float *row = NULL;
  g_autoptr (GError) error = NULL;
  guint dim, cls = 0;

  g_return_val_if_fail (classic != NULL, 0);
  g_return_val_if_fail (image != NULL, 0);

  row = classic_inputs (&classic->choice, image, 1, classic->image_channels, classic->image_height,
                        classic->image_width, &dim, NULL, &error);
  /* The choice was computed once already on images of this shape: it cannot fail now. */
  g_return_val_if_fail (row != NULL && dim == classic->n_inputs, 0);
  ns_classic_predict (classic->model, row, 1, &cls, probabilities);
  return cls;
}

float *
ns_experiment_image_units (NsExperiment *experiment, const float *image)
{
  const NnNet *net;
  g_autofree float *units = NULL;

  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), NULL);
  g_return_val_if_fail (image != NULL, NULL);

  net = ns_experiment_get_net (experiment);
  units = g_new0 (float, nn_net_n_units (net));
  /* eval_grid reads the parameters only: the trainer's kept activations stay as they are.
   * With one sample, input-major and sample-major are the same row. */
  if (nn_net_eval_grid (net, image, 1, units) != NN_OK)
    return NULL;
  return g_steal_pointer (&units);
}

guint
ns_experiment_predict_image (NsExperiment *experiment, const float *image, float *probabilities)
{
  const NnNet *net;
  const NsDataset *data;
  g_autofree float *units = NULL;
  size_t n_units, n_outputs;
  const float *out;
  guint n_classes, best = 0;
  float p[NS_MAX_CLASSES];

  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), 0);
  g_return_val_if_fail (image != NULL, 0);

  net = ns_experiment_get_net (experiment);
  data = ns_experiment_get_dataset (experiment);
  n_classes = MIN (data->n_classes, NS_MAX_CLASSES);
  n_units = nn_net_n_units (net);
  n_outputs = nn_net_n_outputs (net);
  units = ns_experiment_image_units (experiment, image);
  if (units == NULL || n_classes == 0)
    {
      if (probabilities != NULL)
        memset (probabilities, 0, sizeof (float) * n_classes);
      return 0;
    }
  out = units + (n_units - n_outputs); /* the output layer's rows come last */
  if (n_outputs == 1 && n_classes == 2)
    {
      p[0] = 1.0f - out[0];
      p[1] = out[0];
    }
  else
    for (guint k = 0; k < n_classes; k++)
      p[k] = k < n_outputs ? out[k] : 0.0f;
  for (guint k = 1; k < n_classes; k++)
    if (p[k] > p[best])
      best = k;
  if (probabilities != NULL)
    memcpy (probabilities, p, sizeof (float) * n_classes);
  return best;
}

gboolean
ns_experiment_add_image (NsExperiment *self, const float *image, guint label)
{
  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (image != NULL, FALSE);

  if (!ns_dataset_is_image (self->data) || label >= self->data->n_classes)
    return FALSE;
  /* As a clicked point on plane data: the epoch's order keeps its indices (the new row is
   * past them) and the next epoch's shuffle takes the new one in. */
  ns_dataset_add_point (self->data, image, (float) label);
  ns_experiment_rebuild_inputs (self);
  ns_experiment_evaluate_current (self);
  ns_experiment_emit_changed (self);
  return TRUE;
}

const char *
ns_image_class_name (const NsDataset *data, guint k, char *buffer, gsize size)
{
  g_return_val_if_fail (data != NULL && buffer != NULL, "");

  if (data->class_names != NULL && k < data->n_classes && data->class_names[k] != NULL)
    return data->class_names[k];
  g_snprintf (buffer, size, "%u", k);
  return buffer;
}

/* ---- drawn images ---- */

static double
segment_distance (double px, double py, double x0, double y0, double x1, double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

void
ns_drawing_brush (float *pad,
                  guint pad_channels,
                  guint pad_height,
                  guint pad_width,
                  const float *colour,
                  double radius,
                  double x0,
                  double y0,
                  double x1,
                  double y1)
{
  double reach = radius + 1;
  int ya, yb, xa, xb;

  g_return_if_fail (pad != NULL && colour != NULL);
  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1) || !(radius > 0))
    return;

  ya = (int) floor (MAX (0, MIN (y0, y1) - reach));
  yb = (int) ceil (MIN ((double) pad_height, MAX (y0, y1) + reach));
  xa = (int) floor (MAX (0, MIN (x0, x1) - reach));
  xb = (int) ceil (MIN ((double) pad_width, MAX (x0, x1) + reach));
  for (int y = ya; y < yb; y++)
    for (int x = xa; x < xb; x++)
      {
        double d = segment_distance (x + 0.5, y + 0.5, x0, y0, x1, y1);
        float cover = (float) CLAMP ((reach - d) / 2, 0.0, 1.0);

        if (cover <= 0)
          continue;
        for (guint ch = 0; ch < pad_channels; ch++)
          {
            float *v = &pad[((gsize) ch * pad_height + y) * pad_width + x];
            *v += (colour[ch] - *v) * cover;
          }
      }
}

/* Bilinear sample of @ink (h x w) at (x, y) in pixel units (centres at + 0.5); 0 outside. */
static float
sample_ink (const float *ink, guint h, guint w, double x, double y)
{
  double fx = x - 0.5, fy = y - 0.5;
  int ix = (int) floor (fx), iy = (int) floor (fy);
  double ax = fx - ix, ay = fy - iy;
  double sum = 0;

  for (int dy = 0; dy <= 1; dy++)
    for (int dx = 0; dx <= 1; dx++)
      {
        int sx = ix + dx, sy = iy + dy;
        double weight = (dx ? ax : 1 - ax) * (dy ? ay : 1 - ay);

        if (sx >= 0 && sy >= 0 && sx < (int) w && sy < (int) h)
          sum += weight * ink[(gsize) sy * w + sx];
      }
  return (float) sum;
}

/* The ink scaled so its bounding box fills the pad (keeping its aspect) and its centre of mass
 * in the middle, as the digits were made; all 0 stays all 0. */
static void
centre_ink (const float *ink, guint h, guint w, float *out)
{
  guint top = h, bottom = 0, left = w, right = 0;
  double mass = 0, mx = 0, my = 0, scale;

  memset (out, 0, sizeof (float) * h * w);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        float v = ink[(gsize) y * w + x];

        if (v <= 0.05f)
          continue;
        top = MIN (top, y);
        bottom = MAX (bottom, y + 1);
        left = MIN (left, x);
        right = MAX (right, x + 1);
        mass += v;
        mx += v * (x + 0.5);
        my += v * (y + 0.5);
      }
  if (mass <= 0)
    return;
  mx /= mass;
  my /= mass;
  scale = MIN ((double) h / (bottom - top), (double) w / (right - left));
  /* A dot is not blown up to fill the pad. */
  scale = MIN (scale, 4.0);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        double sx = mx + (x + 0.5 - w / 2.0) / scale;
        double sy = my + (y + 0.5 - h / 2.0) / scale;

        out[(gsize) y * w + x] = MIN (1.0f, sample_ink (ink, h, w, sx, sy));
      }
}

void
ns_drawing_to_image (const float *pad,
                     guint pad_channels,
                     guint pad_height,
                     guint pad_width,
                     gboolean centre,
                     float *image,
                     guint channels,
                     guint height,
                     guint width)
{
  g_autofree float *centred = NULL;
  const float *source = pad;
  guint source_channels = pad_channels;
  guint bh, bw;

  g_return_if_fail (pad != NULL && image != NULL);
  g_return_if_fail (pad_channels > 0 && channels > 0 && height > 0 && width > 0);
  g_return_if_fail (pad_height >= height && pad_width >= width);

  if (centre)
    {
      g_autofree float *ink = g_new0 (float, (gsize) pad_height *pad_width);

      for (guint ch = 0; ch < pad_channels; ch++)
        for (gsize i = 0; i < (gsize) pad_height * pad_width; i++)
          ink[i] += pad[ch * (gsize) pad_height * pad_width + i] / pad_channels;
      centred = g_new (float, (gsize) pad_height *pad_width);
      centre_ink (ink, pad_height, pad_width, centred);
      source = centred;
      source_channels = 1;
    }

  bh = pad_height / height;
  bw = pad_width / width;
  for (guint ch = 0; ch < channels; ch++)
    for (guint y = 0; y < height; y++)
      for (guint x = 0; x < width; x++)
        {
          double sum = 0;
          guint n = 0;

          for (guint sc = 0; sc < source_channels; sc++)
            {
              /* The same channel, or every channel's mean when the image has fewer. */
              if (source_channels == channels && sc != ch)
                continue;
              for (guint py = y * bh; py < (y + 1) * bh; py++)
                for (guint px = x * bw; px < (x + 1) * bw; px++)
                  {
                    sum += source[((gsize) sc * pad_height + py) * pad_width + px];
                    n++;
                  }
            }
          image[((gsize) ch * height + y) * width + x] = n > 0 ? (float) (sum / n) : 0.0f;
        }
}
