/* ns-experiment-plane.c: the network evaluated over the input plane (the heatmaps and the
 * decision boundary), cached per version for the views that draw it in one frame. */
#include "ns-experiment-private.h"

#include "ns-experiment-step.h"

#include <string.h>

void
ns_experiment_plane_inputs (NsExperiment *self, const float *xy, size_t n, float *out)
{
  guint n_in;

  g_return_if_fail (NS_IS_EXPERIMENT (self));

  if (ns_experiment_is_plane_data (self))
    {
      ns_features_compute (self->config.features, xy, n, out);
      return;
    }
  /* CSV data: the two view columns vary, every other input sits at its training mean (0). */
  n_in = self->net->n_inputs;
  memset (out, 0, sizeof (float) * n * n_in);
  for (size_t s = 0; s < n; s++)
    {
      out[s] = xy[2 * s];
      if (n_in > 1)
        out[n + s] = xy[2 * s + 1];
    }
}

static void
fill_plane_inputs (NsExperiment *self, NsPlaneCache *plane, guint size)
{
  const NsDataset *data = self->data;
  size_t n = (size_t) size * size;
  g_autofree float *xy = g_new (float, 2 * n);

  for (guint r = 0; r < size; r++)
    for (guint c = 0; c < size; c++)
      {
        /* Cell centres; row 0 is the top of the picture, where x2 is largest. */
        xy[2 * ((size_t) r * size + c)] =
            (float) (data->x_min + (c + 0.5) / size * (data->x_max - data->x_min));
        xy[2 * ((size_t) r * size + c) + 1] =
            (float) (data->y_max - (r + 0.5) / size * (data->y_max - data->y_min));
      }
  g_free (plane->inputs);
  plane->inputs = g_new (float, n * self->net->n_inputs);
  ns_experiment_plane_inputs (self, xy, n, plane->inputs);
  plane->n_inputs = self->net->n_inputs;
}

void
ns_experiment_eval_plane (NsExperiment *self, guint size, const float **inputs, const float **units)
{
  NsPlaneCache *plane = NULL;
  size_t n = (size_t) size * size;
  size_t units_len;

  g_return_if_fail (NS_IS_EXPERIMENT (self));
  g_return_if_fail (size > 0);

  for (guint k = 0; k < G_N_ELEMENTS (self->planes); k++)
    if (self->planes[k].size == size)
      plane = &self->planes[k];
  if (plane == NULL)
    {
      plane = &self->planes[self->plane_next];
      self->plane_next = (self->plane_next + 1) % G_N_ELEMENTS (self->planes);
      plane->size = size;
      plane->inputs_version = plane->units_version = 0;
    }

  if (plane->inputs_version == 0 || plane->n_inputs != self->net->n_inputs)
    {
      fill_plane_inputs (self, plane, size);
      plane->inputs_version = self->version;
      plane->units_version = 0;
    }

  if (plane->units_version != self->version)
    {
      units_len = n * self->net->n_units;
      if (units_len != plane->units_len)
        {
          g_free (plane->units);
          plane->units = g_new (float, units_len);
          plane->units_len = units_len;
        }
      nn_net_eval_grid (self->net, plane->inputs, n, plane->units);
      plane->units_version = self->version;
    }

  if (inputs != NULL)
    *inputs = plane->inputs;
  if (units != NULL)
    *units = plane->units;
}

const float *
ns_experiment_eval_plane_before_update (NsExperiment *self, guint size)
{
  const NsStepState *step;
  NsPlaneCache *plane = &self->plane_before;
  size_t output_row;
  const float *inputs;
  size_t n = (size_t) size * size;
  size_t units_len;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);
  g_return_val_if_fail (size > 0, NULL);

  step = ns_experiment_get_step_state (self);
  if (step->phase != NS_STEP_UPDATE || step->params_before == NULL
      || step->n_params != self->net->n_params)
    return NULL;

  output_row = nn_net_unit_index (self->net, self->net->n_layers - 1, 0);
  if (plane->size == size && plane->units_version == self->version && plane->units != NULL)
    return plane->units + output_row * n;

  /* The very grid eval_plane evaluates (its cached inputs), so the two pictures differ only by
   * the weights. */
  ns_experiment_eval_plane (self, size, &inputs, NULL);

  /* A scratch copy of the network with the old weights; cloned anew each time, since the
   * shape may have changed since the last update shown (cheap next to the evaluation). */
  g_clear_pointer (&self->plane_before_net, nn_net_free);
  self->plane_before_net = nn_net_clone (self->net);
  if (self->plane_before_net == NULL)
    return NULL;
  memcpy (self->plane_before_net->params, step->params_before, sizeof (float) * step->n_params);

  units_len = n * self->net->n_units;
  if (units_len != plane->units_len)
    {
      g_free (plane->units);
      plane->units = g_new (float, units_len);
      plane->units_len = units_len;
    }
  plane->size = size;
  plane->units_version = 0;
  if (nn_net_eval_grid (self->plane_before_net, inputs, n, plane->units) != NN_OK)
    return NULL;
  plane->units_version = self->version;

  return plane->units + output_row * n;
}

void
ns_experiment_plane_clear (NsExperiment *self)
{
  for (guint k = 0; k < G_N_ELEMENTS (self->planes); k++)
    {
      g_clear_pointer (&self->planes[k].inputs, g_free);
      g_clear_pointer (&self->planes[k].units, g_free);
    }
  g_clear_pointer (&self->plane_before.units, g_free);
  g_clear_pointer (&self->plane_before_net, nn_net_free);
}
