/* nn-names.c: the names of the engine's enums as the command line, files and the window spell
 * them, and the table of activations (which ones a hidden layer may use). */
#include "nn-net.h"

#include <string.h>

/* Every activation once: its name, and whether a hidden layer may use it (softmax couples a
 * layer's neurons and is only the output of NN_LOSS_SOFTMAX_CE). */
static const struct
{
  const char *name;
  int hidden;
} activation_table[NN_N_ACTIVATIONS] = {
  [NN_ACT_LINEAR] = { "linear", 1 },         [NN_ACT_RELU] = { "relu", 1 },
  [NN_ACT_LEAKY_RELU] = { "leaky_relu", 1 }, [NN_ACT_TANH] = { "tanh", 1 },
  [NN_ACT_SIGMOID] = { "sigmoid", 1 },       [NN_ACT_SOFTMAX] = { "softmax", 0 },
};
static const char *const optimizer_names[NN_N_OPTIMIZERS] = { "sgd", "momentum", "adam" };
static const char *const regularization_names[NN_N_REGULARIZATIONS] = { "none", "l1", "l2" };
static const char *const layer_kind_names[NN_N_LAYER_KINDS] = { "dense", "conv2d", "max_pool",
                                                                "flatten" };

static int
name_index (const char *const *names, int n, const char *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < n; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}

const char *
nn_activation_name (NnActivation act)
{
  return (unsigned) act < NN_N_ACTIVATIONS ? activation_table[act].name : "unknown";
}

int
nn_activation_from_name (const char *name)
{
  if (name == NULL)
    return -1;
  for (int a = 0; a < NN_N_ACTIVATIONS; a++)
    if (strcmp (activation_table[a].name, name) == 0)
      return a;
  return -1;
}

int
nn_activation_is_hidden (NnActivation act)
{
  return (unsigned) act < NN_N_ACTIVATIONS && activation_table[act].hidden;
}

const char *
nn_optimizer_name (NnOptimizer opt)
{
  return (unsigned) opt < NN_N_OPTIMIZERS ? optimizer_names[opt] : "unknown";
}

int
nn_optimizer_from_name (const char *name)
{
  return name_index (optimizer_names, NN_N_OPTIMIZERS, name);
}

const char *
nn_regularization_name (NnRegularization reg)
{
  return (unsigned) reg < NN_N_REGULARIZATIONS ? regularization_names[reg] : "unknown";
}

int
nn_regularization_from_name (const char *name)
{
  return name_index (regularization_names, NN_N_REGULARIZATIONS, name);
}

const char *
nn_layer_kind_name (NnLayerKind kind)
{
  return (unsigned) kind < NN_N_LAYER_KINDS ? layer_kind_names[kind] : "unknown";
}

int
nn_layer_kind_from_name (const char *name)
{
  return name_index (layer_kind_names, NN_N_LAYER_KINDS, name);
}
