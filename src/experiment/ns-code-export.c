/* ns-code-export.c: the parts of the exported scripts both frameworks share (settings, data,
 * the network's inputs), the exported CSV, and the entry point. */

#include "ns-code-export-private.h"

#include <math.h>
#include <stdlib.h>

#include "ns-printf.h"

static const char *const framework_names[NS_N_CODE_FRAMEWORKS] = {
  [NS_CODE_PYTORCH] = "pytorch",
  [NS_CODE_KERAS] = "keras",
};

/* numpy expressions of each feature, from float64 columns x1 and x2 (the app evaluates them in
 * double from the float inputs, then rounds to float) */
static const char *const feature_python[NS_N_FEATURES] = {
  [NS_FEATURE_X1] = "x1",
  [NS_FEATURE_X2] = "x2",
  [NS_FEATURE_X1SQ] = "x1 * x1",
  [NS_FEATURE_X2SQ] = "x2 * x2",
  [NS_FEATURE_X1X2] = "x1 * x2",
  [NS_FEATURE_SINX1] = "np.sin(x1)",
  [NS_FEATURE_SINX2] = "np.sin(x2)",
  [NS_FEATURE_COSX1] = "np.cos(x1)",
  [NS_FEATURE_COSX2] = "np.cos(x2)",
  [NS_FEATURE_R] = "np.sqrt(x1 * x1 + x2 * x2)",
  [NS_FEATURE_ANGLE] = "np.arctan2(x2, x1)",
};

const char *
ns_code_framework_name (NsCodeFramework framework)
{
  g_return_val_if_fail (framework < NS_N_CODE_FRAMEWORKS, NULL);

  return framework_names[framework];
}

int
ns_code_framework_from_name (const char *name)
{
  for (int f = 0; f < NS_N_CODE_FRAMEWORKS; f++)
    {
      if (g_strcmp0 (name, framework_names[f]) == 0)
        return f;
    }
  return -1;
}

void
ns_code_append_setting (GString *out, float value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      ns_code_append_weight (out, value);
      return;
    }
  /* g_ascii_strtod: strtof would read "0.03" as 0 under a decimal-comma locale */
  for (int digits = 1; digits <= 9; digits++)
    {
      ns_snprintf (buffer, sizeof buffer, "%.*g", digits, (double) value);
      if ((float) g_ascii_strtod (buffer, NULL) == value || digits == 9)
        break;
    }
  g_string_append (out, buffer);
  /* "1" would be an int in Python; a setting reads better as "1.0" */
  if (strpbrk (buffer, ".e") == NULL)
    g_string_append (out, ".0");
}

void
ns_code_append_weight (GString *out, float value)
{
  if (isnan (value))
    g_string_append (out, "float(\"nan\")");
  else if (isinf (value))
    g_string_append (out, value > 0 ? "float(\"inf\")" : "float(\"-inf\")");
  else
    ns_string_append_printf (out, "%.9g", (double) value);
}

static void
append_wrapped_list (GString *out, const float *values, size_t n, guint indent, guint per_line)
{
  g_string_append_c (out, '[');
  for (size_t i = 0; i < n; i++)
    {
      if (i > 0)
        {
          g_string_append_c (out, ',');
          if (i % per_line == 0)
            {
              g_string_append_c (out, '\n');
              for (guint s = 0; s < indent + 1; s++)
                g_string_append_c (out, ' ');
            }
          else
            g_string_append_c (out, ' ');
        }
      ns_code_append_weight (out, values[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_indent (GString *out, guint indent)
{
  for (guint s = 0; s < indent; s++)
    g_string_append_c (out, ' ');
}

void
ns_code_append_layer_values (NsCodeWriter *w, size_t layer, const float *values, guint indent)
{
  const NnLayer *L = &w->net->layers[layer];
  const float *weights = values + L->w_offset;
  const float *biases = values + L->b_offset;

  append_indent (w->out, indent);
  g_string_append (w->out, "[\n");
  for (size_t j = 0; j < L->n_biases; j++)
    {
      append_indent (w->out, indent + 4);
      append_wrapped_list (w->out, weights + j * L->fan_in, L->fan_in, indent + 4, 6);
      g_string_append (w->out, ",\n");
    }
  append_indent (w->out, indent);
  g_string_append (w->out, "],\n");
  append_indent (w->out, indent);
  append_wrapped_list (w->out, biases, L->n_biases, indent, 6);
  g_string_append (w->out, ",\n");
}

double
ns_code_init_limit (const NnNet *net, size_t layer)
{
  const NnLayer *L = &net->layers[layer];
  double fan_out = L->kind == NN_LAYER_CONV2D
                       ? (double) L->out.channels * (double) L->kernel * (double) L->kernel
                       : (double) L->n_out;

  /* the engine's rule (nn-net.c, init_limit), rounded to float as it does */
  if (L->act == NN_ACT_RELU || L->act == NN_ACT_LEAKY_RELU)
    return (float) sqrt (6.0 / (double) L->fan_in);
  return (float) sqrt (6.0 / ((double) L->fan_in + fan_out));
}

gboolean
ns_code_needs_flatten (const NnNet *net, size_t layer)
{
  const NnLayer *L = &net->layers[layer];

  return L->kind == NN_LAYER_DENSE && (L->in.height > 1 || L->in.width > 1);
}

char *
ns_code_describe_layer (const NnNet *net, size_t layer)
{
  const NnLayer *L = &net->layers[layer];
  gboolean output = layer + 1 == net->n_layers;
  g_autofree char *place =
      output ? g_strdup ("output layer") : g_strdup_printf ("hidden layer %zu", layer + 1);

  switch (L->kind)
    {
    case NN_LAYER_DENSE:
      if (output)
        return g_strdup_printf ("%s: %zu %s", place, L->n_out, L->n_out == 1 ? "unit" : "units");
      return g_strdup_printf ("%s: %zu %s, %s", place, L->n_out,
                              L->n_out == 1 ? "neuron" : "neurons", nn_activation_name (L->act));
    case NN_LAYER_CONV2D:
      return g_strdup_printf ("%s: %zu channels of %zux%zu kernels, %s", place, L->out.channels,
                              L->kernel, L->kernel, nn_activation_name (L->act));
    case NN_LAYER_MAX_POOL:
      return g_strdup_printf ("%s: max-pool %zux%zu", place, L->kernel, L->kernel);
    case NN_LAYER_FLATTEN:
    case NN_N_LAYER_KINDS:
    default:
      return g_strdup_printf ("%s: flatten", place);
    }
}

/* @text inside a Python string literal: valid UTF-8, with backslashes, quotes and control
 * characters escaped (g_strescape would write octal escapes of UTF-8 bytes, which Python
 * reads as other characters). */
static char *
python_string_body (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *c = valid; *c != '\0'; c++)
    {
      if (*c == '\\' || *c == '"')
        g_string_append_printf (out, "\\%c", *c);
      else if ((unsigned char) *c < 0x20 || *c == 0x7f)
        g_string_append_printf (out, "\\x%02x", (unsigned char) *c);
      else
        g_string_append_c (out, *c);
    }
  return g_string_free (out, FALSE);
}

static const char *
regularization_words (NnRegularization reg)
{
  switch (reg)
    {
    case NN_REG_L1:
      return "L1: every weight's gradient gets REG_RATE * sign(w); biases are not regularised";
    case NN_REG_L2:
      return "L2: every weight's gradient gets REG_RATE * w; biases are not regularised";
    case NN_REG_NONE:
    case NN_N_REGULARIZATIONS:
    default:
      return "none";
    }
}

void
ns_code_write_header (NsCodeWriter *w, const char *framework_title, const char *imports)
{
  const NnTrainer *t = &w->config->trainer;
  g_autofree char *hidden = ns_config_hidden_to_string (w->config);
  g_autofree char *acts = ns_config_activations_to_string (w->config);
  g_autofree char *data_literal = python_string_body (w->options.data_file);
  /* the name goes in the docstring: escaped as in a string, it cannot end it */
  g_autofree char *data_name = python_string_body (w->data->name);
  GString *out = w->out;

  ns_string_append_printf (
      out,
      "\"\"\"Neuroscope's network as %s code.\n"
      "\n"
      "Data: %s; hidden layers: %s%s%s; optimizer: %s.\n"
      "Run it as:  python3 this_file.py [DATA.csv]\n"
      "The CSV is the experiment's data as Neuroscope exports it (the code "
      "window's\n"
      "\"Save Data\" button, or `neuroscope export-code --data-out FILE.csv`).\n",
      framework_title, data_name, hidden, *acts ? " " : "", acts, nn_optimizer_name (t->optimizer));
  if (w->options.weights)
    ns_string_append_printf (out,
                             "The weights are the app's after epoch %u (step %" G_GUINT64_FORMAT
                             "), so training goes on from there.\n",
                             ns_experiment_get_epoch (w->exp), ns_experiment_get_step (w->exp));
  g_string_append (out, "\"\"\"\n\n");
  g_string_append (out, imports);
  ns_string_append_printf (out,
                           "\nDATA_FILE = sys.argv[1] if len(sys.argv) > 1 else \"%s\"\n"
                           "SEED = %" G_GUINT64_FORMAT "\n"
                           "EPOCHS = %u\n"
                           "BATCH_SIZE = %u\n"
                           "LEARNING_RATE = ",
                           data_literal, w->config->seed, w->options.epochs, w->config->batch_size);
  ns_code_append_setting (out, t->learning_rate);
  g_string_append_c (out, '\n');
  if (t->optimizer == NN_OPT_MOMENTUM)
    {
      g_string_append (out, "MOMENTUM = ");
      ns_code_append_setting (out, t->momentum);
      g_string_append (out, "  # velocity v = MOMENTUM * v + gradient; w -= LEARNING_RATE * v\n");
    }
  else if (t->optimizer == NN_OPT_ADAM)
    {
      g_string_append (out, "ADAM_BETAS = (");
      ns_code_append_setting (out, t->beta1);
      g_string_append (out, ", ");
      ns_code_append_setting (out, t->beta2);
      g_string_append (out, ")\nADAM_EPSILON = ");
      ns_code_append_setting (out, t->epsilon);
      g_string_append_c (out, '\n');
    }
  if (t->regularization != NN_REG_NONE)
    {
      ns_string_append_printf (
          out, "# Regularisation, %s\nREG_RATE = ", regularization_words (t->regularization));
      ns_code_append_setting (out, t->reg_rate);
      g_string_append_c (out, '\n');
    }
  if (t->clip_norm > 0)
    {
      g_string_append (out, "CLIP_NORM = ");
      ns_code_append_setting (out, t->clip_norm);
      g_string_append (out, "  # the whole gradient's L2 norm is clipped to this\n");
    }
}

static gboolean
data_is_standardised (const NsDataset *data)
{
  for (guint i = 0; i < data->n_inputs; i++)
    {
      if (data->mean[i] != 0.0 || data->scale[i] != 1.0)
        return TRUE;
    }
  return FALSE;
}

/* INPUT_MEAN and INPUT_SCALE: one number when every column shares it (images), else a list */
static void
append_statistic (GString *out, const char *name, const double *values, guint n)
{
  gboolean same = TRUE;

  for (guint i = 1; i < n; i++)
    same = same && values[i] == values[0];
  ns_string_append_printf (out, "%s = ", name);
  if (same)
    ns_string_append_printf (out, "%.17g\n", values[0]);
  else
    {
      g_string_append (out, "np.array([");
      for (guint i = 0; i < n; i++)
        ns_string_append_printf (out, "%s%.17g", i > 0 ? ", " : "", values[i]);
      g_string_append (out, "])\n");
    }
}

static void
write_plane_features (NsCodeWriter *w)
{
  GString *out = w->out;
  gboolean first = TRUE;

  g_string_append (out, "    # The input features, computed in double from the float inputs and "
                        "rounded to float,\n"
                        "    # as the app does.\n"
                        "    x1 = x[:, 0].astype(np.float64)\n"
                        "    x2 = x[:, 1].astype(np.float64)\n"
                        "    features = [");
  for (guint f = 0; f < NS_N_FEATURES; f++)
    {
      if ((w->config->features & (1u << f)) == 0)
        continue;
      ns_string_append_printf (out, "%s%s", first ? "" : ", ", feature_python[f]);
      first = FALSE;
    }
  g_string_append (out, "]\n    return np.stack(features, axis=1).astype(np.float32)\n");
}

void
ns_code_write_data (NsCodeWriter *w, gboolean channels_last)
{
  GString *out = w->out;
  const NsDataset *data = w->data;
  gboolean standardised = data_is_standardised (data);

  g_string_append (out, "\n\n"
                        "def load_data(path):\n"
                        "    \"\"\"The raw inputs, the labels and which rows are for training, as "
                        "the app exported them.\"\"\"\n"
                        "    with open(path, newline=\"\", encoding=\"utf-8\") as file:\n"
                        "        rows = list(csv.reader(file))[1:]\n"
                        "    x = np.array([[float(v) for v in row[:-2]] for row in rows], "
                        "dtype=np.float64)\n"
                        "    y = np.array([float(row[-2]) for row in rows], dtype=np.float64)\n"
                        "    is_train = np.array([row[-1] == \"train\" for row in rows])\n"
                        "    return x, y, is_train\n\n\n");
  if (standardised)
    {
      g_string_append (out, "# The app's standardisation: the training split's mean and "
                            "deviation (images: pixels to 0..1).\n");
      append_statistic (out, "INPUT_MEAN", data->mean, data->n_inputs);
      append_statistic (out, "INPUT_SCALE", data->scale, data->n_inputs);
      g_string_append (out, "\n\n");
    }
  g_string_append (out,
                   "def network_inputs(x):\n"
                   "    \"\"\"What the network reads: the inputs as the app gives them.\"\"\"\n");
  if (standardised)
    g_string_append (out, "    x = ((x - INPUT_MEAN) / INPUT_SCALE).astype(np.float32)\n");
  else
    g_string_append (out, "    x = x.astype(np.float32)\n");
  if (ns_dataset_is_image (data))
    {
      ns_string_append_printf (out,
                               "    # channel-major pixels: (channel, row, column), PyTorch's "
                               "NCHW\n"
                               "    x = x.reshape(-1, %u, %u, %u)\n",
                               data->image_channels, data->image_height, data->image_width);
      if (channels_last)
        g_string_append (out, "    # Keras convolves channels_last images: N, H, W, C\n"
                              "    x = x.transpose(0, 2, 3, 1)\n");
      g_string_append (out, "    return np.ascontiguousarray(x)\n");
    }
  else if (ns_config_is_plane (w->config))
    write_plane_features (w);
  else
    g_string_append (out, "    return x\n");
}

char *
ns_code_export (NsExperiment *exp, const NsCodeOptions *options)
{
  NsCodeWriter w = { 0 };

  g_return_val_if_fail (NS_IS_EXPERIMENT (exp), NULL);
  g_return_val_if_fail (options != NULL && options->framework < NS_N_CODE_FRAMEWORKS, NULL);

  w.out = g_string_new (NULL);
  w.exp = exp;
  w.config = ns_experiment_get_config (exp);
  w.data = ns_experiment_get_dataset (exp);
  w.net = ns_experiment_get_net (exp);
  w.options = *options;
  if (w.options.data_file == NULL || *w.options.data_file == '\0')
    w.options.data_file = NS_CODE_DEFAULT_DATA_FILE;
  if (w.options.epochs == 0)
    w.options.epochs = NS_CODE_DEFAULT_EPOCHS;
  w.options.epochs = MIN (w.options.epochs, NS_CODE_MAX_EPOCHS);

  if (options->framework == NS_CODE_PYTORCH)
    ns_code_write_torch (&w);
  else
    ns_code_write_keras (&w);
  return g_string_free (w.out, FALSE);
}

/* a header cell: no commas, quotes or line breaks */
static void
append_column_name (GString *out, const char *name, guint index)
{
  if (name == NULL || *name == '\0')
    {
      ns_string_append_printf (out, "x%u", index + 1);
      return;
    }
  for (const char *c = name; *c != '\0'; c++)
    g_string_append_c (out, strchr (",\"\r\n", *c) != NULL ? '_' : *c);
}

static void
append_rows (GString *out,
             const NsDataset *data,
             const float *x,
             const float *y,
             guint n,
             gboolean standardised,
             const char *split)
{
  gboolean regression = data->n_classes == 0;

  for (guint s = 0; s < n; s++)
    {
      for (guint i = 0; i < data->n_inputs; i++)
        {
          double value = x[(size_t) s * data->n_inputs + i];

          if (standardised)
            ns_string_append_printf (out, "%.17g,", value * data->scale[i] + data->mean[i]);
          else
            ns_string_append_printf (out, "%.9g,", value);
        }
      if (regression)
        ns_string_append_printf (out, "%.9g,%s\n", (double) y[s], split);
      else
        ns_string_append_printf (out, "%d,%s\n", (int) y[s], split);
    }
}

char *
ns_code_export_data (NsExperiment *exp)
{
  const NsDataset *data;
  GString *out;
  gboolean standardised;

  g_return_val_if_fail (NS_IS_EXPERIMENT (exp), NULL);

  data = ns_experiment_get_dataset (exp);
  standardised = data_is_standardised (data);
  out = g_string_new (NULL);
  for (guint i = 0; i < data->n_inputs; i++)
    {
      append_column_name (out, data->input_names != NULL ? data->input_names[i] : NULL, i);
      g_string_append_c (out, ',');
    }
  g_string_append (out, "label,split\n");
  append_rows (out, data, data->train_x, data->train_y, data->n_train, standardised, "train");
  append_rows (out, data, data->test_x, data->test_y, data->n_test, standardised, "test");
  return g_string_free (out, FALSE);
}

gboolean
ns_code_export_data_to_file (NsExperiment *exp, const char *path, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (NS_IS_EXPERIMENT (exp), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = ns_code_export_data (exp);
  /* g_file_set_contents writes a temporary file and renames it; its errors name the file */
  return g_file_set_contents (path, text, -1, error);
}
