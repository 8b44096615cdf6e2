/* ns-code-export-keras.c: the experiment as a Keras (TensorFlow) script. */

#include "ns-code-export-private.h"

#include "ns-printf.h"

static const char *
keras_activation (NnActivation act)
{
  switch (act)
    {
    case NN_ACT_RELU:
      return "\"relu\"";
    case NN_ACT_LEAKY_RELU:
      return "leaky_relu";
    case NN_ACT_TANH:
      return "\"tanh\"";
    case NN_ACT_SIGMOID:
      return "\"sigmoid\"";
    case NN_ACT_LINEAR:
    case NN_ACT_SOFTMAX: /* the output's softmax is inside the loss */
    case NN_N_ACTIVATIONS:
    default:
      return NULL;
    }
}

static gboolean
uses_leaky_relu (const NnNet *net)
{
  for (size_t l = 0; l + 1 < net->n_layers; l++)
    {
      if (net->layers[l].act == NN_ACT_LEAKY_RELU)
        return TRUE;
    }
  return FALSE;
}

/* a dense or conv layer's keyword arguments after its size */
static void
append_layer_arguments (NsCodeWriter *w, size_t l)
{
  const NnLayer *L = &w->net->layers[l];
  const char *act = l + 1 < w->net->n_layers ? keras_activation (L->act) : NULL;
  GString *out = w->out;

  if (act != NULL)
    ns_string_append_printf (out, "        activation=%s,\n", act);
  if (!w->options.weights)
    {
      g_string_append (out, "        kernel_initializer=uniform(");
      ns_code_append_setting (out, (float) ns_code_init_limit (w->net, l));
      g_string_append (out, "),\n        bias_initializer=\"zeros\",\n");
    }
  if (w->config->trainer.regularization != NN_REG_NONE)
    g_string_append (out, "        kernel_regularizer=REGULARIZER,\n");
}

/* keras.Sequential's layers; @index gets each layer's index in model.layers (weights) or -1 */
static void
write_model (NsCodeWriter *w, int *index)
{
  const NnNet *net = w->net;
  GString *out = w->out;
  int next = 0;

  if (ns_dataset_is_image (w->data))
    ns_string_append_printf (out,
                             "    keras.Input(shape=(%zu, %zu, %zu)),  # rows, columns, channels\n",
                             net->input.height, net->input.width, net->input.channels);
  else
    ns_string_append_printf (out, "    keras.Input(shape=(%zu,)),\n", net->n_inputs);
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];
      g_autofree char *words = ns_code_describe_layer (net, l);

      index[l] = -1;
      if (ns_code_needs_flatten (net, l))
        {
          g_string_append (out, "    # back to channel, row, column (the app's order) before "
                                "flattening\n"
                                "    keras.layers.Permute((3, 1, 2)),\n"
                                "    keras.layers.Flatten(),\n");
          next += 2;
        }
      switch (L->kind)
        {
        case NN_LAYER_DENSE:
          ns_string_append_printf (out, "    # %s\n    keras.layers.Dense(\n        %zu,\n", words,
                                   L->n_out);
          append_layer_arguments (w, l);
          g_string_append (out, "    ),\n");
          index[l] = next++;
          break;
        case NN_LAYER_CONV2D:
          ns_string_append_printf (out,
                                   "    # %s\n    keras.layers.Conv2D(\n        %zu,\n"
                                   "        %zu,\n        padding=\"same\",\n",
                                   words, L->out.channels, L->kernel);
          append_layer_arguments (w, l);
          g_string_append (out, "    ),\n");
          index[l] = next++;
          break;
        case NN_LAYER_MAX_POOL:
          ns_string_append_printf (out, "    keras.layers.MaxPooling2D(%zu),  # %s\n", L->kernel,
                                   words);
          next++;
          break;
        case NN_LAYER_FLATTEN:
        case NN_N_LAYER_KINDS:
        default:
          ns_string_append_printf (out,
                                   "    keras.layers.Permute((3, 1, 2)),  # channel, row, column\n"
                                   "    keras.layers.Flatten(),  # %s\n",
                                   words);
          next += 2;
          break;
        }
    }
}

static void
write_weights (NsCodeWriter *w, const int *index)
{
  const NnNet *net = w->net;
  GString *out = w->out;

  g_string_append (out,
                   "\n\ndef set_parameters(layer, weight, bias):\n"
                   "    \"\"\"The app's trained weights: row j holds unit (or channel) j's "
                   "incoming weights.\n"
                   "    Keras keeps a dense kernel as inputs x units, a conv kernel as rows x "
                   "columns x in x out.\"\"\"\n"
                   "    weight = np.array(weight, dtype=np.float32)\n"
                   "    if len(layer.get_weights()[0].shape) == 4:\n"
                   "        rows, columns, channels_in, channels_out = "
                   "layer.get_weights()[0].shape\n"
                   "        weight = weight.reshape(channels_out, channels_in, rows, columns)\n"
                   "        weight = weight.transpose(2, 3, 1, 0)\n"
                   "    else:\n"
                   "        weight = weight.T\n"
                   "    layer.set_weights([weight, np.array(bias, dtype=np.float32)])\n\n\n");
  for (size_t l = 0; l < net->n_layers; l++)
    {
      if (index[l] < 0)
        continue;
      ns_string_append_printf (out, "set_parameters(\n    model.layers[%d],\n", index[l]);
      ns_code_append_layer_values (w, l, w->net->params, 4);
      g_string_append (out, ")\n");
    }
}

static void
write_training (NsCodeWriter *w)
{
  const NnTrainer *t = &w->config->trainer;
  GString *out = w->out;
  const char *clip = t->clip_norm > 0 ? ", global_clipnorm=CLIP_NORM" : "";

  switch (w->net->loss)
    {
    case NN_LOSS_BCE:
      g_string_append (out, "\n# One output: a logit. The loss applies the sigmoid.\n"
                            "loss = keras.losses.BinaryCrossentropy(from_logits=True)\n"
                            "metrics = [keras.metrics.BinaryAccuracy(threshold=0.0)]\n");
      break;
    case NN_LOSS_SOFTMAX_CE:
      g_string_append (out, "\n# One logit per class. The loss applies the softmax.\n"
                            "loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)\n"
                            "metrics = [keras.metrics.SparseCategoricalAccuracy()]\n");
      break;
    case NN_LOSS_MSE:
    case NN_N_LOSSES:
    default:
      g_string_append (out, "\n\ndef loss(target, output):\n"
                            "    \"\"\"The app's squared error: (output - target)^2 / 2, averaged."
                            "\"\"\"\n"
                            "    return 0.5 * tf.reduce_mean(tf.square(output - target))\n\n\n"
                            "metrics = []\n");
      break;
    }
  switch (t->optimizer)
    {
    case NN_OPT_MOMENTUM:
      ns_string_append_printf (out,
                               "optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE, "
                               "momentum=MOMENTUM%s)\n",
                               clip);
      break;
    case NN_OPT_ADAM:
      ns_string_append_printf (out,
                               "optimizer = keras.optimizers.Adam(\n"
                               "    learning_rate=LEARNING_RATE,\n"
                               "    beta_1=ADAM_BETAS[0],\n"
                               "    beta_2=ADAM_BETAS[1],\n"
                               "    epsilon=ADAM_EPSILON%s,\n)\n",
                               clip);
      break;
    case NN_OPT_SGD:
    case NN_N_OPTIMIZERS:
    default:
      ns_string_append_printf (
          out, "optimizer = keras.optimizers.SGD(learning_rate=LEARNING_RATE%s)\n", clip);
      break;
    }
  g_string_append (out, "model.compile(optimizer=optimizer, loss=loss, metrics=metrics)\n\n"
                        "# The loss before training (Keras adds the regularisation term to it).\n"
                        "print(\"epoch 0\", model.evaluate(x_train, y_train, verbose=0))\n"
                        "model.fit(\n"
                        "    x_train,\n"
                        "    y_train,\n"
                        "    batch_size=BATCH_SIZE,\n"
                        "    epochs=EPOCHS,\n"
                        "    shuffle=True,\n"
                        "    validation_data=(x_test, y_test) if len(x_test) else None,\n"
                        "    verbose=2,\n"
                        ")\n");
}

void
ns_code_write_keras (NsCodeWriter *w)
{
  const NnTrainer *t = &w->config->trainer;
  int index[NN_MAX_LAYERS];
  GString *out = w->out;

  ns_code_write_header (w, "Keras",
                        "import csv\nimport sys\n\nimport numpy as np\nimport tensorflow as tf\n"
                        "from tensorflow import keras\n");
  ns_code_write_data (w, TRUE);

  ns_string_append_printf (out,
                           "\n\nkeras.utils.set_random_seed(SEED)\n"
                           "x, y, is_train = load_data(DATA_FILE)\n"
                           "inputs = network_inputs(x)\n"
                           "targets = y.astype(np.%s)\n"
                           "x_train, y_train = inputs[is_train], targets[is_train]\n"
                           "x_test, y_test = inputs[~is_train], targets[~is_train]\n\n",
                           w->net->loss == NN_LOSS_SOFTMAX_CE ? "int64" : "float32");
  if (t->regularization == NN_REG_L1)
    g_string_append (out, "# Keras adds REG_RATE * sum |w| to the loss: its gradient is the "
                          "app's.\nREGULARIZER = keras.regularizers.L1(REG_RATE)\n");
  else if (t->regularization == NN_REG_L2)
    g_string_append (out, "# Keras adds l2 * sum w^2 to the loss, whose gradient is 2 l2 w: "
                          "half the rate is the app's.\nREGULARIZER = "
                          "keras.regularizers.L2(REG_RATE / 2)\n");
  if (uses_leaky_relu (w->net))
    g_string_append (out, "\n\ndef leaky_relu(z):\n"
                          "    return tf.nn.leaky_relu(z, alpha=0.01)\n\n\n");
  if (!w->options.weights)
    g_string_append (out, "\n\ndef uniform(limit):\n"
                          "    \"\"\"The app's initialisation: weights uniform in [-limit, limit) "
                          "(Xavier, or He for relu).\"\"\"\n"
                          "    return keras.initializers.RandomUniform(-limit, limit)\n\n\n");
  g_string_append (out, "model = keras.Sequential(\n    [\n");
  /* the layers at 4 more spaces read best; write_model indents by 4 and we add 4 */
  {
    GString *saved = w->out;
    g_autoptr (GString) layers = g_string_new (NULL);
    g_auto (GStrv) lines = NULL;

    w->out = layers;
    write_model (w, index);
    w->out = saved;
    lines = g_strsplit (layers->str, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (lines[i][0] != '\0')
          ns_string_append_printf (out, "    %s\n", lines[i]);
      }
  }
  g_string_append (out, "    ]\n)\n");
  if (w->options.weights)
    write_weights (w, index);
  if (w->options.weights && t->optimizer != NN_OPT_SGD)
    g_string_append (out, "# Keras starts its optimizer afresh: the app's momentum or Adam state "
                          "is not carried over\n# (the PyTorch code carries it).\n");
  write_training (w);
}
