/* ns-race.c: several experiments from one configuration, trained in lockstep. */
#include "ns-race.h"

#include <string.h>

#include "ns-printf.h"

typedef struct
{
  NsExperiment *experiment;
  char *label;
  NnOptimizer optimizer;
  float learning_rate;
  guint diverged_epoch; /* 1-based epoch it diverged in; 0 = still running */
  /* The current weights' losses, measured on demand: a whole pass over the data, too dear
   * for every step of a long run nobody looks at in between. */
  NsHistoryEntry current;
  guint64 current_version; /* the experiment's version current was measured at */
  gboolean current_valid;
} Contestant;

struct _NsRace
{
  GObject parent_instance;

  NsConfig config;
  Contestant contestants[NS_RACE_MAX_CONTESTANTS];
  guint n_contestants;
  guint64 step;
  guint64 version; /* bumped by every step and reset */
};

G_DEFINE_FINAL_TYPE (NsRace, ns_race, G_TYPE_OBJECT)

static void
ns_race_dispose (GObject *object)
{
  NsRace *self = NS_RACE (object);

  for (guint i = 0; i < self->n_contestants; i++)
    g_clear_object (&self->contestants[i].experiment);

  G_OBJECT_CLASS (ns_race_parent_class)->dispose (object);
}

static void
ns_race_finalize (GObject *object)
{
  NsRace *self = NS_RACE (object);

  for (guint i = 0; i < self->n_contestants; i++)
    g_clear_pointer (&self->contestants[i].label, g_free);
  ns_config_clear (&self->config);

  G_OBJECT_CLASS (ns_race_parent_class)->finalize (object);
}

static void
ns_race_class_init (NsRaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ns_race_dispose;
  object_class->finalize = ns_race_finalize;
}

static void
ns_race_init (NsRace *self)
{
  ns_config_init_default (&self->config);
}

NsRace *
ns_race_new (NsExperiment *base)
{
  NsRace *self;

  g_return_val_if_fail (NS_IS_EXPERIMENT (base), NULL);

  self = g_object_new (NS_TYPE_RACE, NULL);
  ns_config_copy (&self->config, ns_experiment_get_config (base));
  return self;
}

NsRace *
ns_race_new_default (NsExperiment *base, GError **error)
{
  g_autoptr (NsRace) self = NULL;
  float lr;

  g_return_val_if_fail (NS_IS_EXPERIMENT (base), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = ns_race_new (base);
  lr = self->config.trainer.learning_rate;
  if (!ns_race_add (self, NN_OPT_SGD, lr, error) || !ns_race_add (self, NN_OPT_MOMENTUM, lr, error)
      || !ns_race_add (self, NN_OPT_ADAM, 0.01f, error))
    return NULL;

  return g_steal_pointer (&self);
}

static const char *
optimizer_title (NnOptimizer optimizer)
{
  switch (optimizer)
    {
    case NN_OPT_SGD:
      return "SGD";
    case NN_OPT_MOMENTUM:
      return "Momentum";
    case NN_OPT_ADAM:
      return "Adam";
    case NN_N_OPTIMIZERS:
    default:
      return "?";
    }
}

static gboolean
same_floats (const float *a, const float *b, size_t n)
{
  return n == 0 || memcmp (a, b, n * sizeof (float)) == 0;
}

/* The promise a race rests on: every contestant starts from the very same data and weights. */
static gboolean
same_start (NsExperiment *a, NsExperiment *b)
{
  const NnNet *na = ns_experiment_get_net (a), *nb = ns_experiment_get_net (b);
  const NsDataset *da = ns_experiment_get_dataset (a), *db = ns_experiment_get_dataset (b);

  return na->n_params == nb->n_params && same_floats (na->params, nb->params, na->n_params)
         && da->n_inputs == db->n_inputs && da->n_train == db->n_train && da->n_test == db->n_test
         && same_floats (da->train_x, db->train_x, (size_t) da->n_train * da->n_inputs)
         && same_floats (da->train_y, db->train_y, da->n_train)
         && same_floats (da->test_x, db->test_x, (size_t) da->n_test * da->n_inputs)
         && same_floats (da->test_y, db->test_y, da->n_test);
}

/* Notes a new divergence. */
static void
update_contestant (Contestant *c)
{
  NsExperiment *e = c->experiment;

  if (c->diverged_epoch == 0 && ns_experiment_get_diverged (e))
    {
      guint per_epoch = MAX (ns_experiment_get_steps_per_epoch (e), 1);
      guint64 step = ns_experiment_get_step (e);

      /* The diverging mini-batch is counted in the step: step s lies in epoch ceil(s / per). */
      c->diverged_epoch = (guint) ((MAX (step, 1) - 1) / per_epoch + 1);
    }
}

gboolean
ns_race_add (NsRace *self, NnOptimizer optimizer, float learning_rate, GError **error)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (NsExperiment) experiment = NULL;
  Contestant *c;

  g_return_val_if_fail (NS_IS_RACE (self), FALSE);
  g_return_val_if_fail (optimizer < NN_N_OPTIMIZERS, FALSE);
  g_return_val_if_fail (learning_rate > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->n_contestants >= NS_RACE_MAX_CONTESTANTS)
    {
      g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                   "A race has at most %d contestants", NS_RACE_MAX_CONTESTANTS);
      return FALSE;
    }

  ns_config_copy (&config, &self->config);
  config.trainer.optimizer = optimizer;
  config.trainer.learning_rate = learning_rate;
  experiment = ns_experiment_new (&config, error);
  if (experiment == NULL)
    return FALSE;

  if (self->n_contestants > 0)
    {
      NsExperiment *first = self->contestants[0].experiment;
      gboolean same;

      /* Compare at step 0: the first contestant may have run since. */
      if (self->step > 0)
        {
          g_auto (NsConfig) first_config = { 0 };
          g_autoptr (NsExperiment) fresh = NULL;

          ns_config_copy (&first_config, ns_experiment_get_config (first));
          fresh = ns_experiment_new (&first_config, error);
          if (fresh == NULL)
            return FALSE;
          same = same_start (fresh, experiment);
        }
      else
        {
          same = same_start (first, experiment);
        }

      if (!same)
        {
          g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_BAD_FIELD,
                       "The new contestant does not start from the same data and weights");
          return FALSE;
        }
    }

  ns_experiment_step (experiment, self->step);

  c = &self->contestants[self->n_contestants++];
  memset (c, 0, sizeof *c);
  c->experiment = g_steal_pointer (&experiment);
  c->optimizer = optimizer;
  c->learning_rate = learning_rate;
  c->label = ns_strdup_printf ("%s, lr %g", optimizer_title (optimizer), (double) learning_rate);
  update_contestant (c);
  self->version++;

  return TRUE;
}

const NsConfig *
ns_race_get_config (NsRace *self)
{
  g_return_val_if_fail (NS_IS_RACE (self), NULL);
  return &self->config;
}

guint
ns_race_get_n_contestants (NsRace *self)
{
  g_return_val_if_fail (NS_IS_RACE (self), 0);
  return self->n_contestants;
}

static Contestant *
get_contestant (NsRace *self, guint i)
{
  if (!NS_IS_RACE (self) || i >= self->n_contestants)
    return NULL;
  return &self->contestants[i];
}

NsExperiment *
ns_race_get_experiment (NsRace *self, guint i)
{
  Contestant *c = get_contestant (self, i);

  g_return_val_if_fail (c != NULL, NULL);
  return c->experiment;
}

const char *
ns_race_get_label (NsRace *self, guint i)
{
  Contestant *c = get_contestant (self, i);

  g_return_val_if_fail (c != NULL, NULL);
  return c->label;
}

NnOptimizer
ns_race_get_optimizer (NsRace *self, guint i)
{
  Contestant *c = get_contestant (self, i);

  g_return_val_if_fail (c != NULL, NN_OPT_SGD);
  return c->optimizer;
}

float
ns_race_get_learning_rate (NsRace *self, guint i)
{
  Contestant *c = get_contestant (self, i);

  g_return_val_if_fail (c != NULL, 0);
  return c->learning_rate;
}

gboolean
ns_race_get_diverged (NsRace *self, guint i)
{
  Contestant *c = get_contestant (self, i);

  g_return_val_if_fail (c != NULL, FALSE);
  return c->diverged_epoch > 0;
}

guint
ns_race_get_diverged_epoch (NsRace *self, guint i)
{
  Contestant *c = get_contestant (self, i);

  g_return_val_if_fail (c != NULL, 0);
  return c->diverged_epoch;
}

const NsHistoryEntry *
ns_race_get_current (NsRace *self, guint i)
{
  Contestant *c = get_contestant (self, i);
  guint64 version;

  g_return_val_if_fail (c != NULL, NULL);

  version = ns_experiment_get_version (c->experiment);
  if (!c->current_valid || c->current_version != version)
    {
      ns_experiment_evaluate (c->experiment, &c->current);
      c->current_version = version;
      c->current_valid = TRUE;
    }
  return &c->current;
}

guint64
ns_race_step (NsRace *self, guint64 n)
{
  gboolean any_running = FALSE;

  g_return_val_if_fail (NS_IS_RACE (self), 0);

  for (guint i = 0; i < self->n_contestants; i++)
    if (self->contestants[i].diverged_epoch == 0)
      any_running = TRUE;
  if (!any_running || n == 0)
    return 0;

  /* Each contestant runs its n mini-batches in turn: they share nothing, so the order does not
   * change any of them, and after the call all stand at the same step (save the diverged). */
  for (guint i = 0; i < self->n_contestants; i++)
    {
      Contestant *c = &self->contestants[i];

      if (c->diverged_epoch > 0)
        continue;
      ns_experiment_step (c->experiment, n);
      update_contestant (c);
    }
  self->step += n;
  self->version++;

  return n;
}

guint64
ns_race_get_step (NsRace *self)
{
  g_return_val_if_fail (NS_IS_RACE (self), 0);
  return self->step;
}

void
ns_race_reset (NsRace *self)
{
  g_return_if_fail (NS_IS_RACE (self));

  for (guint i = 0; i < self->n_contestants; i++)
    {
      Contestant *c = &self->contestants[i];

      ns_experiment_reset (c->experiment);
      c->diverged_epoch = 0;
      update_contestant (c);
    }
  self->step = 0;
  self->version++;
}

guint64
ns_race_get_version (NsRace *self)
{
  g_return_val_if_fail (NS_IS_RACE (self), 0);
  return self->version;
}
