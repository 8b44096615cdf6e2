/* ns-experiment-images.c: what the image views read from an experiment (see the header). Every
 * evaluation goes through nn_net_eval_grid into buffers of this file, a chunk of samples at a
 * time so that a wide conv net over thousands of images stays within a few megabytes. */
#include "ns-experiment-images.h"

#include <math.h>
#include <string.h>

#include "ns-experiment-private.h"

/* Floats of one chunk's unit rows (n_units x samples): 16 MB. */
#define CHUNK_FLOATS (4u << 20)

/* Samples per evaluation chunk for @net: as many as fit CHUNK_FLOATS, 1 .. 256. */
static guint
chunk_samples (const NnNet *net)
{
  size_t per = MAX (nn_net_n_units (net), net->n_inputs);

  return (guint) CLAMP (CHUNK_FLOATS / MAX (per, 1), 1, 256);
}

/* Every unit of samples s0 .. s0 + m - 1 of the input-major @inputs (n_inputs x n): @x gets
 * their inputs (n_inputs x m), @out their units (n_units x m). */
static gboolean
eval_chunk (const NnNet *net, const float *inputs, guint n, guint s0, guint m, float *x, float *out)
{
  for (size_t i = 0; i < net->n_inputs; i++)
    memcpy (x + i * m, inputs + i * n + s0, sizeof (float) * m);
  return nn_net_eval_grid (net, x, m, out) == NN_OK;
}

/* Sample s's class probabilities from the output rows of a chunk of m samples. */
static void
output_probabilities (const NnNet *net,
                      const float *out,
                      guint m,
                      guint s,
                      guint n_classes,
                      float *probs)
{
  const NnLayer *output = &net->layers[net->n_layers - 1];
  const float *rows = out + output->unit_offset * m;

  if (net->loss == NN_LOSS_BCE)
    {
      probs[1] = rows[s];
      probs[0] = 1.0f - rows[s];
      return;
    }
  for (guint k = 0; k < n_classes; k++)
    probs[k] = rows[(size_t) k * m + s];
}

/* The class accuracy counts: the first most probable one (BCE: output >= 0.5 is class 1). */
static int
predicted_class (const NnNet *net, const float *probs, guint n_classes)
{
  int best = 0;

  if (net->loss == NN_LOSS_BCE)
    return probs[1] >= 0.5f ? 1 : 0;
  for (guint k = 1; k < n_classes; k++)
    if (probs[k] > probs[best])
      best = (int) k;
  return best;
}

static gboolean
is_classification (NsExperiment *self)
{
  return self->data->n_classes > 0 && self->net->loss != NN_LOSS_MSE;
}

float *
ns_experiment_test_predictions (NsExperiment *self, guint *n_classes, int **predicted)
{
  const NnNet *net;
  guint n, k, chunk;
  g_autofree float *x = NULL;
  g_autofree float *out = NULL;
  g_autofree float *probs = NULL;
  g_autofree int *classes = NULL;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);

  if (predicted != NULL)
    *predicted = NULL;
  *n_classes = 0;
  net = self->net;
  n = self->data->n_test;
  if (!is_classification (self) || n == 0)
    return NULL;
  k = self->data->n_classes;
  chunk = chunk_samples (net);
  x = g_new (float, net->n_inputs *chunk);
  out = g_new (float, nn_net_n_units (net) * chunk);
  probs = g_new (float, (size_t) n *k);
  classes = g_new (int, n);
  for (guint s0 = 0; s0 < n; s0 += chunk)
    {
      guint m = MIN (chunk, n - s0);

      if (!eval_chunk (net, self->test_inputs, n, s0, m, x, out))
        return NULL;
      for (guint s = 0; s < m; s++)
        {
          float *p = probs + (size_t) (s0 + s) * k;

          output_probabilities (net, out, m, s, k, p);
          classes[s0 + s] = predicted_class (net, p, k);
        }
    }
  *n_classes = k;
  if (predicted != NULL)
    *predicted = g_steal_pointer (&classes);
  return g_steal_pointer (&probs);
}

guint *
ns_experiment_confusion (NsExperiment *self, guint *n_classes)
{
  g_autofree int *predicted = NULL;
  g_autofree float *probs = NULL;
  const NsDataset *data;
  guint *counts;
  guint k;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);

  probs = ns_experiment_test_predictions (self, &k, &predicted);
  *n_classes = k;
  if (probs == NULL)
    return NULL;
  data = self->data;
  counts = g_new0 (guint, (size_t) k * k);
  for (guint s = 0; s < data->n_test; s++)
    {
      int truth = (int) data->test_y[s];

      if (truth >= 0 && (guint) truth < k)
        counts[(size_t) truth * k + (guint) predicted[s]]++;
    }
  return counts;
}

NsSampleView *
ns_experiment_sample_view (NsExperiment *self, gboolean test, guint index)
{
  const NsDataset *data;
  const NnNet *net;
  const float *inputs;
  guint n;
  g_autofree float *x = NULL;
  g_autofree float *out = NULL;
  NsSampleView *view;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);

  data = self->data;
  net = self->net;
  n = test ? data->n_test : data->n_train;
  inputs = test ? self->test_inputs : self->train_inputs;
  if (index >= n)
    return NULL;
  x = g_new (float, net->n_inputs);
  out = g_new (float, nn_net_n_units (net));
  if (!eval_chunk (net, inputs, n, index, 1, x, out))
    return NULL;

  view = g_new0 (NsSampleView, 1);
  view->test = test;
  view->index = index;
  view->image = g_memdup2 ((test ? data->test_x : data->train_x) + (size_t) index * data->n_inputs,
                           sizeof (float) * data->n_inputs);
  view->label = view->predicted = -1;
  if (is_classification (self))
    {
      view->n_classes = data->n_classes;
      view->probabilities = g_new (float, view->n_classes);
      output_probabilities (net, out, 1, 0, view->n_classes, view->probabilities);
      view->predicted = predicted_class (net, view->probabilities, view->n_classes);
      view->label = (int) (test ? data->test_y : data->train_y)[index];
    }
  for (size_t l = 0; l + 1 < net->n_layers; l++)
    {
      const NnLayer *layer = &net->layers[l];

      if (layer->kind != NN_LAYER_CONV2D && layer->kind != NN_LAYER_MAX_POOL)
        continue;
      view->map_layer[view->n_maps] = (guint) l;
      view->map_shape[view->n_maps] = layer->out;
      view->maps[view->n_maps] =
          g_memdup2 (out + layer->unit_offset, sizeof (float) * layer->n_out);
      view->n_maps++;
    }
  return view;
}

void
ns_sample_view_free (NsSampleView *view)
{
  if (view == NULL)
    return;
  for (guint k = 0; k < view->n_maps; k++)
    g_free (view->maps[k]);
  g_free (view->image);
  g_free (view->probabilities);
  g_free (view);
}

float *
ns_experiment_conv_filters (NsExperiment *self, guint layer, guint *c_out, guint *c_in, guint *k)
{
  const NnNet *net;
  const NnLayer *conv;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);

  net = self->net;
  *c_out = *c_in = *k = 0;
  if (layer >= net->n_layers || net->layers[layer].kind != NN_LAYER_CONV2D)
    return NULL;
  conv = &net->layers[layer];
  *c_out = (guint) conv->out.channels;
  *c_in = (guint) conv->in.channels;
  *k = (guint) conv->kernel;
  return g_memdup2 (net->params + conv->w_offset, sizeof (float) * conv->n_weights);
}

float *
ns_experiment_dense_weights (NsExperiment *self, guint *n_neurons, guint *n_inputs)
{
  const NnNet *net;
  const NnLayer *first;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);

  net = self->net;
  first = &net->layers[0];
  *n_neurons = *n_inputs = 0;
  if (first->kind != NN_LAYER_DENSE)
    return NULL;
  *n_neurons = (guint) first->n_out;
  *n_inputs = (guint) first->n_in;
  return g_memdup2 (net->params + first->w_offset, sizeof (float) * first->n_weights);
}

typedef struct
{
  guint index;
  float value;
} Ranked;

/* Highest value first, then lower index: a total order, so the result is deterministic. */
static int
compare_ranked (gconstpointer a, gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->value != rb->value)
    return ra->value > rb->value ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

guint
ns_experiment_confident_mistakes (NsExperiment *self,
                                  guint max,
                                  guint *indices,
                                  int *predicted,
                                  float *confidence)
{
  g_autofree int *classes = NULL;
  g_autofree float *probs = NULL;
  g_autoptr (GArray) wrong = NULL;
  guint k, n_out;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);

  probs = ns_experiment_test_predictions (self, &k, &classes);
  if (probs == NULL)
    return 0;
  wrong = g_array_new (FALSE, FALSE, sizeof (Ranked));
  for (guint s = 0; s < self->data->n_test; s++)
    if (classes[s] != (int) self->data->test_y[s])
      {
        Ranked r = { s, probs[(size_t) s * k + (guint) classes[s]] };

        g_array_append_val (wrong, r);
      }
  g_array_sort (wrong, compare_ranked);
  n_out = MIN (max, wrong->len);
  for (guint r = 0; r < n_out; r++)
    {
      const Ranked *ranked = &g_array_index (wrong, Ranked, r);

      if (indices != NULL)
        indices[r] = ranked->index;
      if (predicted != NULL)
        predicted[r] = classes[ranked->index];
      if (confidence != NULL)
        confidence[r] = ranked->value;
    }
  return n_out;
}

guint
ns_experiment_top_exciting (NsExperiment *self,
                            guint layer,
                            guint unit,
                            guint max,
                            guint *indices,
                            float *values)
{
  const NnNet *net;
  const NnLayer *l;
  guint n, chunk, n_out;
  size_t first_row, n_rows;
  g_autofree float *x = NULL;
  g_autofree float *out = NULL;
  g_autoptr (GArray) ranked = NULL;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), 0);

  net = self->net;
  n = self->data->n_train;
  if (layer >= net->n_layers || n == 0)
    return 0;
  l = &net->layers[layer];
  if (l->kind == NN_LAYER_CONV2D || l->kind == NN_LAYER_MAX_POOL)
    {
      if (unit >= l->out.channels)
        return 0;
      n_rows = l->out.height * l->out.width;
      first_row = l->unit_offset + unit * n_rows;
    }
  else
    {
      if (unit >= l->n_out)
        return 0;
      n_rows = 1;
      first_row = l->unit_offset + unit;
    }

  chunk = chunk_samples (net);
  x = g_new (float, net->n_inputs *chunk);
  out = g_new (float, nn_net_n_units (net) * chunk);
  ranked = g_array_sized_new (FALSE, FALSE, sizeof (Ranked), n);
  for (guint s0 = 0; s0 < n; s0 += chunk)
    {
      guint m = MIN (chunk, n - s0);

      if (!eval_chunk (net, self->train_inputs, n, s0, m, x, out))
        return 0;
      for (guint s = 0; s < m; s++)
        {
          Ranked r = { s0 + s, -INFINITY };

          for (size_t row = 0; row < n_rows; row++)
            r.value = MAX (r.value, out[(first_row + row) * m + s]);
          g_array_append_val (ranked, r);
        }
    }
  g_array_sort (ranked, compare_ranked);
  n_out = MIN (max, ranked->len);
  for (guint r = 0; r < n_out; r++)
    {
      if (indices != NULL)
        indices[r] = g_array_index (ranked, Ranked, r).index;
      if (values != NULL)
        values[r] = g_array_index (ranked, Ranked, r).value;
    }
  return n_out;
}
