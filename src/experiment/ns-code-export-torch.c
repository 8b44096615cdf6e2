/* ns-code-export-torch.c: the experiment as a PyTorch script. */

#include "ns-code-export-private.h"

#include <math.h>

#include "ns-printf.h"

static const char *
torch_activation (NnActivation act)
{
  switch (act)
    {
    case NN_ACT_RELU:
      return "nn.ReLU()";
    case NN_ACT_LEAKY_RELU:
      return "nn.LeakyReLU(0.01)";
    case NN_ACT_TANH:
      return "nn.Tanh()";
    case NN_ACT_SIGMOID:
      return "nn.Sigmoid()";
    case NN_ACT_LINEAR:
    case NN_ACT_SOFTMAX: /* the output's softmax is inside the loss */
    case NN_N_ACTIVATIONS:
    default:
      return NULL;
    }
}

/* nn.Sequential's modules; @index gets each layer's module index (weights) or -1 */
static void
write_model (NsCodeWriter *w, int *index)
{
  const NnNet *net = w->net;
  GString *out = w->out;
  int next = 0;

  g_string_append (out, "model = nn.Sequential(\n");
  for (size_t l = 0; l < net->n_layers; l++)
    {
      const NnLayer *L = &net->layers[l];
      g_autofree char *words = ns_code_describe_layer (net, l);
      const char *act = l + 1 < net->n_layers ? torch_activation (L->act) : NULL;

      index[l] = -1;
      if (ns_code_needs_flatten (net, l))
        {
          g_string_append (out, "    nn.Flatten(),  # channel, row, column: the app's order\n");
          next++;
        }
      switch (L->kind)
        {
        case NN_LAYER_DENSE:
          ns_string_append_printf (out, "    nn.Linear(%zu, %zu),  # %s\n", L->n_in, L->n_out,
                                   words);
          index[l] = next++;
          break;
        case NN_LAYER_CONV2D:
          ns_string_append_printf (
              out, "    nn.Conv2d(%zu, %zu, kernel_size=%zu, padding=%zu),  # %s\n", L->in.channels,
              L->out.channels, L->kernel, L->kernel / 2, words);
          index[l] = next++;
          break;
        case NN_LAYER_MAX_POOL:
          ns_string_append_printf (out, "    nn.MaxPool2d(%zu),  # %s\n", L->kernel, words);
          next++;
          break;
        case NN_LAYER_FLATTEN:
        case NN_N_LAYER_KINDS:
        default:
          ns_string_append_printf (out, "    nn.Flatten(),  # %s\n", words);
          next++;
          break;
        }
      if (act != NULL)
        {
          ns_string_append_printf (out, "    %s,\n", act);
          next++;
        }
    }
  g_string_append (out, ")\n");
}

static void
write_parameters (NsCodeWriter *w, const int *index)
{
  const NnNet *net = w->net;
  GString *out = w->out;

  if (w->options.weights)
    {
      g_string_append (out,
                       "\n\ndef set_parameters(layer, weight, bias):\n"
                       "    \"\"\"The app's trained weights: row j holds unit (or channel) j's "
                       "incoming weights.\"\"\"\n"
                       "    with torch.no_grad():\n"
                       "        layer.weight.copy_(torch.tensor(weight, "
                       "dtype=torch.float32).reshape(layer.weight.shape))\n"
                       "        layer.bias.copy_(torch.tensor(bias, dtype=torch.float32))\n"
                       "\n\n");
      for (size_t l = 0; l < net->n_layers; l++)
        {
          if (index[l] < 0)
            continue;
          ns_string_append_printf (out, "set_parameters(\n    model[%d],\n", index[l]);
          ns_code_append_layer_values (w, l, w->net->params, 4);
          g_string_append (out, ")\n");
        }
      return;
    }
  g_string_append (out, "\n\ndef init_uniform(layer, limit):\n"
                        "    \"\"\"The app's initialisation: weights uniform in [-limit, limit), "
                        "biases 0.\n"
                        "    limit = sqrt(6 / (fan_in + fan_out)) (Xavier), or sqrt(6 / fan_in) "
                        "for relu (He).\"\"\"\n"
                        "    with torch.no_grad():\n"
                        "        layer.weight.uniform_(-limit, limit)\n"
                        "        layer.bias.zero_()\n\n\n");
  for (size_t l = 0; l < net->n_layers; l++)
    {
      if (index[l] < 0)
        continue;
      ns_string_append_printf (out, "init_uniform(model[%d], ", index[l]);
      ns_code_append_setting (out, (float) ns_code_init_limit (net, l));
      g_string_append (out, ")\n");
    }
}

static void
write_loss_and_optimizer (NsCodeWriter *w)
{
  const NnTrainer *t = &w->config->trainer;
  GString *out = w->out;

  switch (w->net->loss)
    {
    case NN_LOSS_BCE:
      g_string_append (out, "\n# One output: a logit. The loss applies the sigmoid "
                            "(binary cross-entropy).\n"
                            "loss_fn = nn.BCEWithLogitsLoss()\n");
      break;
    case NN_LOSS_SOFTMAX_CE:
      g_string_append (out, "\n# One logit per class. The loss applies the softmax "
                            "(cross-entropy).\n"
                            "loss_fn = nn.CrossEntropyLoss()\n");
      break;
    case NN_LOSS_MSE:
    case NN_N_LOSSES:
    default:
      g_string_append (out, "\n\ndef loss_fn(output, target):\n"
                            "    \"\"\"The app's squared error: (output - target)^2 / 2, averaged."
                            "\"\"\"\n"
                            "    return 0.5 * nn.functional.mse_loss(output, target)\n\n\n");
      break;
    }
  switch (t->optimizer)
    {
    case NN_OPT_MOMENTUM:
      g_string_append (out, "optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, "
                            "momentum=MOMENTUM)\n");
      break;
    case NN_OPT_ADAM:
      g_string_append (out, "optimizer = torch.optim.Adam(\n"
                            "    model.parameters(), lr=LEARNING_RATE, betas=ADAM_BETAS, "
                            "eps=ADAM_EPSILON\n)\n");
      break;
    case NN_OPT_SGD:
    case NN_N_OPTIMIZERS:
    default:
      g_string_append (out, "optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)\n");
      break;
    }
  if (t->regularization != NN_REG_NONE)
    ns_string_append_printf (out,
                             "\n\ndef add_regularisation():\n"
                             "    \"\"\"The app's %s: added to the weights' gradients, after "
                             "backward.\"\"\"\n"
                             "    with torch.no_grad():\n"
                             "        for layer in model:\n"
                             "            if isinstance(layer, (nn.Linear, nn.Conv2d)):\n"
                             "                layer.weight.grad += REG_RATE * %s\n",
                             t->regularization == NN_REG_L1 ? "L1" : "L2",
                             t->regularization == NN_REG_L1 ? "torch.sign(layer.weight)"
                                                            : "layer.weight");
}

/* The Adam updates behind the net's bias corrections (beta1^t is kept as a running product). */
static guint64
adam_steps (const NnNet *net, float beta1)
{
  if (!(beta1 > 0.0f && beta1 < 1.0f) || !(net->adam_beta1_power > 0.0)
      || net->adam_beta1_power >= 1.0)
    return 0;
  return (guint64) llround (log (net->adam_beta1_power) / log ((double) beta1));
}

/* With the weights, the optimizer's state too (momentum's velocity, Adam's moments and step
 * count), so the next update is the one the app would make. */
static void
write_optimizer_state (NsCodeWriter *w, const int *index)
{
  const NnTrainer *t = &w->config->trainer;
  const NnNet *net = w->net;
  GString *out = w->out;
  guint64 steps = t->optimizer == NN_OPT_ADAM ? adam_steps (net, t->beta1) : net->n_updates;

  if (!w->options.weights || t->optimizer == NN_OPT_SGD || steps == 0)
    return;
  g_string_append (out,
                   "\n\ndef set_optimizer_state(layer, key, weight, bias):\n"
                   "    \"\"\"The optimizer's state for one layer, as the app left it.\"\"\"\n"
                   "    for parameter, value in ((layer.weight, weight), (layer.bias, bias)):\n"
                   "        state = optimizer.state[parameter]\n"
                   "        state[key] = torch.tensor(value, "
                   "dtype=torch.float32).reshape(parameter.shape)\n");
  if (t->optimizer == NN_OPT_ADAM)
    ns_string_append_printf (out,
                             "        # Adam's bias corrections count the updates made so far\n"
                             "        state[\"step\"] = torch.tensor(%" G_GUINT64_FORMAT ".0)\n",
                             steps);
  g_string_append (out, "\n\n");
  for (size_t l = 0; l < net->n_layers; l++)
    {
      if (index[l] < 0)
        continue;
      if (t->optimizer == NN_OPT_MOMENTUM)
        {
          ns_string_append_printf (
              out, "set_optimizer_state(\n    model[%d],\n    \"momentum_buffer\",\n", index[l]);
          ns_code_append_layer_values (w, l, net->opt_m, 4);
          g_string_append (out, ")\n");
          continue;
        }
      ns_string_append_printf (out, "set_optimizer_state(\n    model[%d],\n    \"exp_avg\",\n",
                               index[l]);
      ns_code_append_layer_values (w, l, net->opt_m, 4);
      g_string_append (out, ")\n");
      ns_string_append_printf (out, "set_optimizer_state(\n    model[%d],\n    \"exp_avg_sq\",\n",
                               index[l]);
      ns_code_append_layer_values (w, l, net->opt_v, 4);
      g_string_append (out, ")\n");
    }
}

static void
write_evaluation (NsCodeWriter *w)
{
  GString *out = w->out;
  gboolean regression = w->net->loss == NN_LOSS_MSE;
  const char *correct =
      w->net->loss == NN_LOSS_BCE ? "((output >= 0).float() == y)" : "(output.argmax(1) == y)";

  g_string_append (out, "\n\ndef evaluate(x, y):\n"
                        "    \"\"\"Mean loss (without the regularisation term, as the app shows "
                        "it)");
  if (!regression)
    g_string_append (out, " and accuracy");
  g_string_append (out, ".\"\"\"\n"
                        "    if len(x) == 0:\n"
                        "        return float(\"nan\"), float(\"nan\")\n"
                        "    with torch.no_grad():\n"
                        "        output = model(x)\n");
  if (regression)
    g_string_append (out, "        return loss_fn(output, y).item(), float(\"nan\")\n");
  else
    ns_string_append_printf (out,
                             "        accuracy = %s.float().mean().item()\n"
                             "        return loss_fn(output, y).item(), accuracy\n",
                             correct);
  g_string_append (out, "\n\ndef report(epoch):\n"
                        "    train_loss, train_accuracy = evaluate(x_train, y_train)\n"
                        "    test_loss, test_accuracy = evaluate(x_test, y_test)\n");
  if (regression)
    g_string_append (out, "    print(f\"epoch {epoch} train_loss={train_loss:.9g} "
                          "test_loss={test_loss:.9g}\")\n");
  else
    g_string_append (out, "    print(\n"
                          "        f\"epoch {epoch} train_loss={train_loss:.9g} "
                          "train_accuracy={train_accuracy:.4f}\"\n"
                          "        f\" test_loss={test_loss:.9g} "
                          "test_accuracy={test_accuracy:.4f}\"\n"
                          "    )\n");
}

static void
write_training (NsCodeWriter *w)
{
  const NnTrainer *t = &w->config->trainer;
  GString *out = w->out;

  g_string_append (out, "\n\n# Every epoch walks the training rows in a fresh shuffled order, "
                        "BATCH_SIZE at a time;\n"
                        "# each mini-batch is one step: mean loss, backward, update.\n"
                        "shuffle = torch.Generator().manual_seed(SEED)\n"
                        "report(0)\n"
                        "for epoch in range(1, EPOCHS + 1):\n"
                        "    order = torch.randperm(len(x_train), generator=shuffle)\n"
                        "    for start in range(0, len(order), BATCH_SIZE):\n"
                        "        batch = order[start : start + BATCH_SIZE]\n"
                        "        optimizer.zero_grad()\n"
                        "        loss = loss_fn(model(x_train[batch]), y_train[batch])\n"
                        "        loss.backward()\n");
  if (t->regularization != NN_REG_NONE)
    g_string_append (out, "        add_regularisation()\n");
  if (t->clip_norm > 0)
    g_string_append (out, "        nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)\n");
  g_string_append (out, "        optimizer.step()\n"
                        "    report(epoch)\n");
}

void
ns_code_write_torch (NsCodeWriter *w)
{
  int index[NN_MAX_LAYERS];
  GString *out = w->out;
  const char *targets;

  ns_code_write_header (w, "PyTorch",
                        "import csv\nimport sys\n\nimport numpy as np\nimport torch\n"
                        "from torch import nn\n");
  ns_code_write_data (w, FALSE);

  switch (w->net->loss)
    {
    case NN_LOSS_SOFTMAX_CE:
      targets = "torch.from_numpy(y).long()  # class indices";
      break;
    case NN_LOSS_BCE:
      targets = "torch.from_numpy(y).float().unsqueeze(1)  # 0 or 1, one column";
      break;
    case NN_LOSS_MSE:
    case NN_N_LOSSES:
    default:
      targets = "torch.from_numpy(y).float().unsqueeze(1)  # one column";
      break;
    }
  ns_string_append_printf (out,
                           "\n\ntorch.manual_seed(SEED)\n"
                           "x, y, is_train = load_data(DATA_FILE)\n"
                           "inputs = torch.from_numpy(network_inputs(x))\n"
                           "targets = %s\n"
                           "is_train = torch.from_numpy(is_train)\n"
                           "x_train, y_train = inputs[is_train], targets[is_train]\n"
                           "x_test, y_test = inputs[~is_train], targets[~is_train]\n\n",
                           targets);
  write_model (w, index);
  write_parameters (w, index);
  write_loss_and_optimizer (w);
  write_optimizer_state (w, index);
  write_evaluation (w);
  write_training (w);
}
