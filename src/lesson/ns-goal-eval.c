/* ns-goal-eval.c: a goal's value: measured names read from the experiment, interactive ones
 * from the window's context. */
#include "config.h"

#include "ns-goal-private.h"

#include <math.h>
#include <string.h>

static double
float_setting (float value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_ascii_strtod (g_ascii_formatd (buffer, sizeof buffer, "%.7g", value), NULL);
}

static double
measure (NsExperiment *exp, Name name)
{
  const NsConfig *config = ns_experiment_get_config (exp);
  const NsHistoryEntry *current = ns_experiment_get_current (exp);
  guint count = 0;

  switch (name)
    {
    case NAME_TRAIN_LOSS:
      return current->train_loss;
    case NAME_TEST_LOSS:
      return current->test_loss;
    case NAME_TRAIN_ACCURACY:
      return current->train_accuracy;
    case NAME_TEST_ACCURACY:
      return current->test_accuracy;
    case NAME_EPOCH:
      return ns_experiment_get_epoch (exp);
    case NAME_STEP:
      return (double) ns_experiment_get_step (exp);
    case NAME_HIDDEN_NEURONS:
    case NAME_CONV_LAYERS:
      for (guint h = 0; h < config->n_layers; h++)
        if (name == NAME_HIDDEN_NEURONS && config->layers[h].kind == NN_LAYER_DENSE)
          count += (guint) config->layers[h].units;
        else if (name == NAME_CONV_LAYERS && config->layers[h].kind == NN_LAYER_CONV2D)
          count++;
      return count;
    case NAME_LAYERS:
      return config->n_layers;
    case NAME_PARAMS:
      return (double) ns_experiment_get_net (exp)->n_params;
    case NAME_LR:
      return float_setting (config->trainer.learning_rate);
    case NAME_BATCH:
      return config->batch_size;
    case NAME_L1:
    case NAME_L2:
      return config->trainer.regularization == (name == NAME_L1 ? NN_REG_L1 : NN_REG_L2)
                 ? float_setting (config->trainer.reg_rate)
                 : 0.0;
    case NAME_NOISE:
      return config->noise;
    case NAME_DIVERGED:
      return ns_experiment_get_diverged (exp) ? 1.0 : 0.0;
    case NAME_POINTS:
      return ns_experiment_get_dataset (exp)->n_train;
    case NAME_GRADIENT_RATIO:
      {
        guint n_epochs, n_layers, first;
        const double *health =
            ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
        const double *row;

        /* The last finished epoch's first layer over its last (the output layer). */
        if (health == NULL || n_epochs == 0 || n_layers == 0)
          return NAN;
        row = health + (gsize) (n_epochs - 1) * n_layers;
        return row[n_layers - 1] > 0 ? row[0] / row[n_layers - 1] : NAN;
      }
    default:
      g_assert_not_reached ();
    }
}

gboolean
ns_goal_measure (NsExperiment *experiment, const char *name, double *value)
{
  int index;

  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  for (index = 0; index < N_MEASURED_NAMES; index++)
    if (strcmp (ns_goal_name_words[index], name) == 0)
      {
        *value = measure (experiment, index);
        return TRUE;
      }
  return FALSE;
}

static double
call_value (const Node *node, NsExperiment *exp)
{
  const NsConfig *config = ns_experiment_get_config (exp);
  guint with_activation = 0;

  switch (node->func)
    {
    case FUNC_FEATURE:
      return ns_config_is_plane (config) && (config->features & (1u << node->arg)) != 0;
    case FUNC_ACTIVATION:
      /* Every hidden layer that has an activation uses it (none: no). */
      for (guint h = 0; h < config->n_layers; h++)
        if (ns_layer_kind_has_activation (config->layers[h].kind))
          {
            if (config->layers[h].act != (NnActivation) node->arg)
              return 0.0;
            with_activation++;
          }
      return with_activation > 0;
    case FUNC_OPTIMIZER:
      return config->trainer.optimizer == (NnOptimizer) node->arg;
    case FUNC_DATASET:
      return config->data_path == NULL && config->dataset == (NsDatasetKind) node->arg;
    case N_FUNCS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
interactive_value (const Node *node, const NsGoalContext *context, double *value)
{
  switch (node->name)
    {
    case NAME_POINTS_ADDED:
      *value = context->points_added;
      return TRUE;
    case NAME_WEIGHT_EDITS:
      *value = context->weight_edits;
      return TRUE;
    case NAME_DRAWINGS:
      *value = context->drawings;
      return TRUE;
    case NAME_RACE_DONE:
      *value = context->race_done ? 1.0 : 0.0;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
eval_node (const Node *node, const NsGoalContext *context, double *value, GError **error)
{
  double a, b;

  switch (node->kind)
    {
    case NODE_NUMBER:
      *value = node->number;
      return TRUE;
    case NODE_TEXT_COMPARE:
      {
        const char *is = node->name == NAME_PHASE
                             ? (context->phase != NULL ? context->phase : "idle")
                             : (context->view != NULL ? context->view : "");
        gboolean same = strcmp (is, node->word) == 0;
        *value = (node->op == OP_EQ) == same ? 1.0 : 0.0;
        return TRUE;
      }
    case NODE_NAME:
    case NODE_CALL:
      if (node->kind == NODE_NAME && interactive_value (node, context, value))
        return TRUE;
      if (context->experiment == NULL)
        {
          g_set_error (error, NS_GOAL_ERROR, NS_GOAL_ERROR_UNAVAILABLE,
                       "%s: no experiment to measure it on",
                       node->kind == NODE_NAME ? ns_goal_name_words[node->name]
                                               : ns_goal_func_words[node->func]);
          return FALSE;
        }
      *value = node->kind == NODE_NAME ? measure (context->experiment, node->name)
                                       : call_value (node, context->experiment);
      return TRUE;
    case NODE_NOT:
    case NODE_NEGATE:
      if (!eval_node (node->a, context, &a, error))
        return FALSE;
      *value = node->kind == NODE_NOT ? (a == 0.0 ? 1.0 : 0.0) : -a;
      return TRUE;
    case NODE_BINARY:
      if (!eval_node (node->a, context, &a, error))
        return FALSE;
      /* && and || as in C, but both sides read so that an error is never hidden. */
      if (!eval_node (node->b, context, &b, error))
        return FALSE;
      switch (node->op)
        {
        case OP_OR:
          *value = (a != 0.0 && !isnan (a)) || (b != 0.0 && !isnan (b));
          break;
        case OP_AND:
          *value = (a != 0.0 && !isnan (a)) && (b != 0.0 && !isnan (b));
          break;
        case OP_EQ:
          *value = a == b;
          break;
        case OP_NE:
          *value = !isnan (a) && !isnan (b) && a != b;
          break;
        case OP_LT:
          *value = a < b;
          break;
        case OP_LE:
          *value = a <= b;
          break;
        case OP_GT:
          *value = a > b;
          break;
        case OP_GE:
          *value = a >= b;
          break;
        case OP_ADD:
          *value = a + b;
          break;
        case OP_SUB:
          *value = a - b;
          break;
        case OP_MUL:
          *value = a * b;
          break;
        case OP_DIV:
          *value = a / b;
          break;
        default:
          g_assert_not_reached ();
        }
      return TRUE;
    case NODE_WORD:
    default:
      g_assert_not_reached ();
    }
}

gboolean
ns_goal_eval (const NsGoal *goal, const NsGoalContext *context, gboolean *reached, GError **error)
{
  double value;

  g_return_val_if_fail (goal != NULL && context != NULL && reached != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *reached = FALSE;
  if (!eval_node (goal->root, context, &value, error))
    return FALSE;
  *reached = value != 0.0 && !isnan (value);
  return TRUE;
}
