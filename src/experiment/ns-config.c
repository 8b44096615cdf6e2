/* ns-config.c: experiment settings, and the one set of option words that fills them. */
#include "ns-config.h"

#include <math.h>
#include <string.h>

#include "ns-printf.h"

#define NEED_IMAGE_DATA                                                                            \
  "a dense layer's width: conv and pool layers need image data (--dataset digits or apples)"

/* The first argument becomes the quark's string as written: no formatting. */
/* clang-format off */
G_DEFINE_QUARK (ns-config-error-quark, ns_config_error)
/* clang-format on */

gboolean
ns_config_is_plane (const NsConfig *config)
{
  g_return_val_if_fail (config != NULL, FALSE);

  return config->data_path == NULL && ns_dataset_kind_is_plane (config->dataset);
}

gboolean
ns_config_is_image (const NsConfig *config)
{
  g_return_val_if_fail (config != NULL, FALSE);

  if (config->data_path != NULL)
    return ns_config_is_image_folder (config);
  return ns_dataset_kind_is_image (config->dataset);
}

gboolean
ns_config_is_image_folder (const NsConfig *config)
{
  g_return_val_if_fail (config != NULL, FALSE);

  /* Said by the path itself (set_option ends a folder's with a separator), not by the file
   * system: a saved experiment keeps its images when the folder is gone. */
  return config->data_path != NULL
         && (g_str_has_suffix (config->data_path, "/")
             || g_str_has_suffix (config->data_path, G_DIR_SEPARATOR_S));
}

void
ns_config_init_default (NsConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->dataset = NS_DATASET_CIRCLE;
  config->count = 0;
  config->noise = 0.0;
  config->train_ratio = 0.5;
  config->features = NS_FEATURES_DEFAULT;
  for (guint h = 0; h < NS_MAX_HIDDEN; h++)
    config->layers[h] = nn_layer_spec_dense (0, NN_ACT_TANH);
  config->n_layers = 2;
  config->layers[0].units = 4;
  config->layers[1].units = 2;
  config->problem = NS_PROBLEM_CLASSIFICATION;
  nn_trainer_defaults (&config->trainer);
  config->batch_size = 10;
  config->seed = 1;
}

void
ns_config_clear (NsConfig *config)
{
  g_clear_pointer (&config->data_path, g_free);
}

void
ns_config_copy (NsConfig *dst, const NsConfig *src)
{
  g_return_if_fail (dst != NULL && src != NULL);

  if (dst == src)
    return;
  ns_config_clear (dst);
  *dst = *src;
  dst->data_path = g_strdup (src->data_path);
}

static gboolean
bad_option (GError **error, const char *name, const char *value, const char *allowed)
{
  g_set_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION,
               "--%s: “%s” is not allowed: expected %s", name, value, allowed);
  return FALSE;
}

static gboolean
parse_double (const char *name,
              const char *value,
              double lo,
              double hi,
              double *out,
              GError **error)
{
  char *end = NULL;
  double x;

  x = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !(x >= lo && x <= hi))
    {
      g_autofree char *allowed = ns_strdup_printf ("a number from %g to %g", lo, hi);
      return bad_option (error, name, value, allowed);
    }
  *out = x;
  return TRUE;
}

static gboolean
parse_uint (const char *name,
            const char *value,
            guint64 lo,
            guint64 hi,
            guint64 *out,
            GError **error)
{
  if (!g_ascii_string_to_unsigned (value, 10, lo, hi, out, NULL))
    {
      g_autofree char *allowed = g_strdup_printf (
          "a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT, lo, hi);
      return bad_option (error, name, value, allowed);
    }
  return TRUE;
}

static char *
dataset_names (void)
{
  GString *s = g_string_new (NULL);

  for (int k = 0; k < NS_N_DATASET_KINDS; k++)
    g_string_append_printf (s, "%s%s", k ? ", " : "", ns_dataset_kind_name (k));
  return g_string_free (s, FALSE);
}

static char *
activation_names (void)
{
  GString *s = g_string_new (NULL);

  for (int a = 0; a < NN_N_ACTIVATIONS; a++)
    if (nn_activation_is_hidden (a))
      g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "", nn_activation_name (a));
  return g_string_free (s, FALSE);
}

/* One word of the --hidden grammar (DESIGN.md): `8` dense of 8 neurons, `c8k3` conv of 8
 * channels 3x3, `p2` max-pool 2x2. FALSE if the word is none of these. */
static gboolean
parse_layer_word (const char *word, NnLayerSpec *spec)
{
  guint64 a, b;
  g_autofree char *channels = NULL;
  const char *k;

  memset (spec, 0, sizeof *spec);
  spec->act = NN_ACT_LINEAR;
  if (g_ascii_string_to_unsigned (word, 10, 1, NS_CONFIG_MAX_WIDTH, &a, NULL))
    {
      spec->kind = NN_LAYER_DENSE;
      spec->units = (size_t) a;
      return TRUE;
    }
  if (word[0] == 'p'
      && g_ascii_string_to_unsigned (word + 1, 10, NS_CONFIG_MIN_POOL, NS_CONFIG_MAX_POOL, &a,
                                     NULL))
    {
      spec->kind = NN_LAYER_MAX_POOL;
      spec->kernel = (size_t) a;
      return TRUE;
    }
  if (word[0] != 'c' || (k = strchr (word, 'k')) == NULL)
    return FALSE;
  channels = g_strndup (word + 1, (gsize) (k - word - 1));
  if (!g_ascii_string_to_unsigned (channels, 10, 1, NS_CONFIG_MAX_CHANNELS, &a, NULL)
      || !g_ascii_string_to_unsigned (k + 1, 10, 1, NS_CONFIG_MAX_KERNEL, &b, NULL))
    return FALSE;
  spec->kind = NN_LAYER_CONV2D;
  spec->units = (size_t) a;
  spec->kernel = (size_t) b;
  return TRUE;
}

gboolean
ns_config_parse_hidden (const char *text, guint *n_layers, NnLayerSpec *layers, GError **error)
{
  g_auto (GStrv) parts = NULL;
  NnLayerSpec specs[NS_MAX_HIDDEN];
  guint n = 0;

  if (g_strcmp0 (text, "none") == 0 || g_strcmp0 (text, "") == 0)
    {
      *n_layers = 0;
      return TRUE;
    }
  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) > NS_MAX_HIDDEN)
    return bad_option (error, "hidden", text, "at most 15 comma-separated layer widths, or none");
  for (n = 0; parts[n] != NULL; n++)
    {
      g_strstrip (parts[n]);
      if (!parse_layer_word (parts[n], &specs[n]))
        {
          g_autofree char *allowed = g_strdup_printf (
              "comma-separated layer widths from 1 to %d (e.g. 8,8), or none", NS_CONFIG_MAX_WIDTH);
          return bad_option (error, "hidden", text, allowed);
        }
    }
  /* Only a valid list changes the layers; their activations stay. */
  for (guint h = 0; h < n; h++)
    {
      layers[h].kind = specs[h].kind;
      layers[h].units = specs[h].units;
      layers[h].kernel = specs[h].kernel;
    }
  *n_layers = n;
  return TRUE;
}

gboolean
ns_layer_kind_has_activation (NnLayerKind kind)
{
  return kind == NN_LAYER_DENSE || kind == NN_LAYER_CONV2D;
}

gboolean
ns_config_parse_activations (const char *text, guint n_layers, NnLayerSpec *layers, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  guint n = g_strv_length (parts);

  if (n != 1 && n != n_layers)
    {
      g_autofree char *allowed =
          g_strdup_printf ("one activation for all layers, or one per hidden layer (%u)", n_layers);
      return bad_option (error, "activation", text, allowed);
    }
  for (guint k = 0; k < n; k++)
    {
      int act = nn_activation_from_name (g_strstrip (parts[k]));
      if (!nn_activation_is_hidden (act))
        {
          g_autofree char *names = activation_names ();
          g_autofree char *allowed = g_strdup_printf ("one of %s", names);
          return bad_option (error, "activation", parts[k], allowed);
        }
      if (n == 1)
        {
          for (guint h = 0; h < NS_MAX_HIDDEN; h++)
            if (h >= n_layers || ns_layer_kind_has_activation (layers[h].kind))
              layers[h].act = act;
        }
      else if (ns_layer_kind_has_activation (layers[k].kind))
        layers[k].act = act;
    }
  return TRUE;
}

char *
ns_layer_spec_to_word (const NnLayerSpec *spec)
{
  switch (spec->kind)
    {
    case NN_LAYER_DENSE:
      return g_strdup_printf ("%zu", spec->units);
    case NN_LAYER_CONV2D:
      return g_strdup_printf ("c%zuk%zu", spec->units, spec->kernel);
    case NN_LAYER_MAX_POOL:
      return g_strdup_printf ("p%zu", spec->kernel);
    case NN_LAYER_FLATTEN:
    case NN_N_LAYER_KINDS:
    default:
      return g_strdup (nn_layer_kind_name (spec->kind));
    }
}

char *
ns_config_hidden_to_string (const NsConfig *config)
{
  GString *s = g_string_new (NULL);

  if (config->n_layers == 0)
    g_string_append (s, "none");
  for (guint h = 0; h < config->n_layers; h++)
    {
      g_autofree char *word = ns_layer_spec_to_word (&config->layers[h]);
      g_string_append_printf (s, "%s%s", h > 0 ? "," : "", word);
    }
  return g_string_free (s, FALSE);
}

char *
ns_config_activations_to_string (const NsConfig *config)
{
  GString *s = g_string_new (NULL);

  for (guint h = 0; h < config->n_layers; h++)
    g_string_append_printf (s, "%s%s", h > 0 ? "," : "",
                            nn_activation_name (config->layers[h].act));
  return g_string_free (s, FALSE);
}

/* @x from @lo to @hi; otherwise the field and the range. */
static gboolean
check_range (double x, double lo, double hi, const char *name, char **field, char **expected)
{
  if (isfinite (x) && x >= lo && x <= hi)
    return TRUE;
  *field = g_strdup (name);
  *expected = ns_strdup_printf ("a number from %g to %g", lo, hi);
  return FALSE;
}

/* The same for a float setting: the limits are compared as a float stores them (1e-6 given
 * on the command line is kept as 9.99999997e-07). */
static gboolean
check_float_range (float x, double lo, double hi, const char *name, char **field, char **expected)
{
  if (isfinite (x) && x >= (float) lo && x <= (float) hi)
    return TRUE;
  return check_range (NAN, lo, hi, name, field, expected);
}

static gboolean
check_layer (const NnLayerSpec *spec, guint h, char **field, char **expected)
{
  gboolean ok;

  switch (spec->kind)
    {
    case NN_LAYER_DENSE:
      ok = spec->units >= 1 && spec->units <= NS_CONFIG_MAX_WIDTH;
      break;
    case NN_LAYER_CONV2D:
      ok = spec->units >= 1 && spec->units <= NS_CONFIG_MAX_CHANNELS && spec->kernel >= 1
           && spec->kernel <= NS_CONFIG_MAX_KERNEL;
      break;
    case NN_LAYER_MAX_POOL:
      ok = spec->kernel >= NS_CONFIG_MIN_POOL && spec->kernel <= NS_CONFIG_MAX_POOL;
      break;
    case NN_LAYER_FLATTEN:
      ok = TRUE;
      break;
    case NN_N_LAYER_KINDS:
    default:
      ok = FALSE;
      break;
    }
  if (!ok)
    {
      *field = g_strdup_printf ("hidden[%u]", h);
      *expected = g_strdup_printf ("a layer width from 1 to %d (or c1k1 to c%dk%d, p%d to p%d)",
                                   NS_CONFIG_MAX_WIDTH, NS_CONFIG_MAX_CHANNELS,
                                   NS_CONFIG_MAX_KERNEL, NS_CONFIG_MIN_POOL, NS_CONFIG_MAX_POOL);
      return FALSE;
    }
  if (ns_layer_kind_has_activation (spec->kind) && !nn_activation_is_hidden (spec->act))
    {
      g_autofree char *names = activation_names ();

      *field = g_strdup_printf ("activation[%u]", h);
      *expected = g_strdup_printf ("one of %s", names);
      return FALSE;
    }
  return TRUE;
}

gboolean
ns_config_check (const NsConfig *config, char **field, char **expected)
{
  const NnTrainer *t;

  g_return_val_if_fail (config != NULL && field != NULL && expected != NULL, FALSE);

  *field = NULL;
  *expected = NULL;
  t = &config->trainer;
  if (config->data_path == NULL && !(config->dataset >= 0 && config->dataset < NS_N_DATASET_KINDS))
    {
      g_autofree char *names = dataset_names ();

      *field = g_strdup ("dataset");
      *expected = g_strdup_printf ("one of %s", names);
      return FALSE;
    }
  if (config->count != 0
      && (config->count < NS_CONFIG_MIN_COUNT || config->count > NS_CONFIG_MAX_COUNT))
    {
      *field = g_strdup ("count");
      *expected =
          g_strdup_printf ("0 (the default) or %d to %d", NS_CONFIG_MIN_COUNT, NS_CONFIG_MAX_COUNT);
      return FALSE;
    }
  if (!check_range (config->noise, 0.0, NS_CONFIG_MAX_NOISE, "noise", field, expected)
      || !check_range (config->train_ratio, NS_CONFIG_MIN_RATIO, NS_CONFIG_MAX_RATIO, "ratio",
                       field, expected))
    return FALSE;
  if (config->features == 0 || config->features >= (1u << NS_N_FEATURES))
    {
      g_autofree char *names = ns_features_to_string ((1u << NS_N_FEATURES) - 1);

      *field = g_strdup ("features");
      *expected = g_strdup_printf ("a comma-separated list of %s", names);
      return FALSE;
    }
  if (config->n_layers > NS_MAX_HIDDEN)
    {
      *field = g_strdup ("hidden");
      *expected = g_strdup_printf ("at most %d layers", NS_MAX_HIDDEN);
      return FALSE;
    }
  for (guint h = 0; h < config->n_layers; h++)
    {
      if (!check_layer (&config->layers[h], h, field, expected))
        return FALSE;
      if (config->layers[h].kind != NN_LAYER_DENSE && !ns_config_is_image (config))
        {
          *field = g_strdup_printf ("hidden[%u]", h);
          *expected = g_strdup (NEED_IMAGE_DATA);
          return FALSE;
        }
    }
  if (!(config->problem == NS_PROBLEM_CLASSIFICATION || config->problem == NS_PROBLEM_REGRESSION))
    {
      *field = g_strdup ("problem");
      *expected = g_strdup ("classification or regression");
      return FALSE;
    }
  if (config->problem == NS_PROBLEM_REGRESSION && ns_config_is_image (config))
    {
      *field = g_strdup ("problem");
      *expected = g_strdup ("classification: images come in classes");
      return FALSE;
    }
  if (config->batch_size < 1 || config->batch_size > NS_CONFIG_MAX_BATCH)
    {
      *field = g_strdup ("batch");
      *expected = g_strdup_printf ("a whole number from 1 to %d", NS_CONFIG_MAX_BATCH);
      return FALSE;
    }
  /* The optimizer's own settings have no option: their ranges are those that keep the update
   * finite (a momentum or beta of 1 never forgets, an epsilon of 0 divides by zero). */
  return check_float_range (t->learning_rate, NS_CONFIG_MIN_LR, NS_CONFIG_MAX_LR, "lr", field,
                            expected)
         && check_float_range (t->reg_rate, 0.0, NS_CONFIG_MAX_REG_RATE, "reg_rate", field,
                               expected)
         && check_float_range (t->clip_norm, 0.0, NS_CONFIG_MAX_CLIP, "clip", field, expected)
         && check_float_range (t->momentum, 0.0, 0.999, "momentum", field, expected)
         && check_float_range (t->beta1, 0.0, 0.999, "beta1", field, expected)
         && check_float_range (t->beta2, 0.0, 0.999999, "beta2", field, expected)
         && check_float_range (t->epsilon, 1e-12, 1.0, "epsilon", field, expected);
}

gboolean
ns_config_set_option (NsConfig *config, const char *name, const char *value, GError **error)
{
  double x;
  guint64 u;

  g_return_val_if_fail (config != NULL && name != NULL && value != NULL, FALSE);

  if (strcmp (name, "dataset") == 0)
    {
      int kind = ns_dataset_kind_from_name (value);
      if (kind < 0)
        {
          g_autofree char *names = dataset_names ();
          g_autofree char *allowed = g_strdup_printf ("one of %s", names);
          return bad_option (error, name, value, allowed);
        }
      config->dataset = kind;
      config->problem =
          ns_dataset_kind_is_regression (kind) ? NS_PROBLEM_REGRESSION : NS_PROBLEM_CLASSIFICATION;
      g_clear_pointer (&config->data_path, g_free);
    }
  else if (strcmp (name, "data") == 0)
    {
      if (*value == '\0')
        return bad_option (error, name, value, "the path of a CSV file or a folder of images");
      g_free (config->data_path);
      /* A folder of images is known by the separator at its end (ns_config_is_image_folder). */
      if (g_file_test (value, G_FILE_TEST_IS_DIR) && !g_str_has_suffix (value, G_DIR_SEPARATOR_S)
          && !g_str_has_suffix (value, "/"))
        config->data_path = g_strconcat (value, G_DIR_SEPARATOR_S, NULL);
      else
        config->data_path = g_strdup (value);
    }
  else if (strcmp (name, "problem") == 0)
    {
      if (strcmp (value, "classification") == 0)
        config->problem = NS_PROBLEM_CLASSIFICATION;
      else if (strcmp (value, "regression") == 0)
        config->problem = NS_PROBLEM_REGRESSION;
      else
        return bad_option (error, name, value, "classification or regression");
      if (config->data_path == NULL
          && ns_dataset_kind_is_regression (config->dataset)
                 != (config->problem == NS_PROBLEM_REGRESSION))
        config->dataset =
            config->problem == NS_PROBLEM_REGRESSION ? NS_DATASET_REG_PLANE : NS_DATASET_CIRCLE;
    }
  else if (strcmp (name, "features") == 0)
    {
      guint mask;
      g_autoptr (GError) local = NULL;
      if (!ns_features_parse (value, &mask, &local) || mask == 0)
        {
          g_autofree char *names = ns_features_to_string ((1u << NS_N_FEATURES) - 1);
          g_autofree char *allowed = g_strdup_printf ("a comma-separated list of %s", names);
          return bad_option (error, name, value, allowed);
        }
      config->features = mask;
    }
  else if (strcmp (name, "hidden") == 0)
    {
      /* A new list of layers takes the first layer's activation throughout. */
      NnActivation first = config->layers[0].act;
      if (!ns_config_parse_hidden (value, &config->n_layers, config->layers, error))
        return FALSE;
      for (guint h = 0; h < NS_MAX_HIDDEN; h++)
        config->layers[h].act =
            h < config->n_layers && !ns_layer_kind_has_activation (config->layers[h].kind)
                ? NN_ACT_LINEAR
                : first;
    }
  else if (strcmp (name, "activation") == 0)
    return ns_config_parse_activations (value, config->n_layers, config->layers, error);
  else if (strcmp (name, "optimizer") == 0)
    {
      int opt = nn_optimizer_from_name (value);
      if (opt < 0)
        return bad_option (error, name, value, "sgd, momentum or adam");
      config->trainer.optimizer = opt;
    }
  else if (strcmp (name, "lr") == 0)
    {
      if (!parse_double (name, value, NS_CONFIG_MIN_LR, NS_CONFIG_MAX_LR, &x, error))
        return FALSE;
      config->trainer.learning_rate = (float) x;
    }
  else if (strcmp (name, "batch") == 0)
    {
      if (!parse_uint (name, value, 1, NS_CONFIG_MAX_BATCH, &u, error))
        return FALSE;
      config->batch_size = (guint) u;
    }
  else if (strcmp (name, "l1") == 0 || strcmp (name, "l2") == 0)
    {
      if (!parse_double (name, value, 0.0, NS_CONFIG_MAX_REG_RATE, &x, error))
        return FALSE;
      config->trainer.regularization = x == 0.0         ? NN_REG_NONE
                                       : name[1] == '1' ? NN_REG_L1
                                                        : NN_REG_L2;
      config->trainer.reg_rate = (float) x;
    }
  else if (strcmp (name, "clip") == 0)
    {
      if (!parse_double (name, value, 0.0, NS_CONFIG_MAX_CLIP, &x, error))
        return FALSE;
      config->trainer.clip_norm = (float) x;
    }
  else if (strcmp (name, "noise") == 0)
    return parse_double (name, value, 0.0, NS_CONFIG_MAX_NOISE, &config->noise, error);
  else if (strcmp (name, "ratio") == 0)
    return parse_double (name, value, NS_CONFIG_MIN_RATIO, NS_CONFIG_MAX_RATIO,
                         &config->train_ratio, error);
  else if (strcmp (name, "count") == 0)
    {
      if (!parse_uint (name, value, NS_CONFIG_MIN_COUNT, NS_CONFIG_MAX_COUNT, &u, error))
        return FALSE;
      config->count = (guint) u;
    }
  else if (strcmp (name, "seed") == 0)
    return parse_uint (name, value, 0, G_MAXUINT64, &config->seed, error);
  else
    {
      g_set_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION,
                   "--%s: no such experiment option", name);
      return FALSE;
    }
  return TRUE;
}

/* The option words in the order they must be applied: --problem may pick a dataset, so it comes
 * after --dataset; --activation needs --hidden's layer count. */
static const struct
{
  const char *name;
  const char *arg;
  const char *help;
} option_table[] = {
  { "dataset", "NAME",
    "Built-in data set: circle, xor, gauss, spiral, moons, checkerboard, spiral3, blobs5, "
    "reg-plane, reg-gauss (2D points); digits, apples (images); iris" },
  { "data", "FILE|DIR",
    "A CSV file instead (header row, label in the last column), or a folder of images with one "
    "subfolder per class (PNG or JPEG, read as 16x16 RGB)" },
  { "problem", "KIND", "classification or regression" },
  { "count", "N", "Points to generate (default 500, regression 1200; apples: images, 2000)" },
  { "noise", "X", "Noise from 0 to 0.5" },
  { "ratio", "X",
    "Share of points used for training, 0.1 to 0.9 (default 0.5; digits, apples and iris keep a "
    "stratified 20% test set)" },
  { "features", "LIST", "Input features: x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2,cosx1,cosx2,r,angle" },
  { "hidden", "LIST",
    "Hidden layer widths, e.g. 8,8, or none; for images also conv and pool, e.g. c8k3,p2,32" },
  { "activation", "NAME[,NAME…]",
    "relu, leaky_relu, tanh, sigmoid or linear, for all layers or one per layer" },
  { "optimizer", "NAME", "sgd, momentum or adam" },
  { "lr", "X", "Learning rate (default 0.03)" },
  { "batch", "N", "Mini-batch size (default 10)" },
  { "l1", "X", "L1 regularisation rate" },
  { "l2", "X", "L2 regularisation rate" },
  { "clip", "X", "Clip the gradient's norm to X (0: no clipping)" },
  { "seed", "N", "Seed of every random stream (default 1)" },
};

#define N_OPTIONS G_N_ELEMENTS (option_table)

struct _NsConfigOptions
{
  char *values[N_OPTIONS]; /* as given on the command line, or NULL */
};

NsConfigOptions *
ns_config_options_new (void)
{
  return g_new0 (NsConfigOptions, 1);
}

void
ns_config_options_free (NsConfigOptions *options)
{
  if (options == NULL)
    return;
  for (guint k = 0; k < N_OPTIONS; k++)
    g_free (options->values[k]);
  g_free (options);
}

GOptionGroup *
ns_config_options_get_group (NsConfigOptions *options)
{
  GOptionGroup *group;
  GOptionEntry *entries = g_new0 (GOptionEntry, N_OPTIONS + 1);

  for (guint k = 0; k < N_OPTIONS; k++)
    {
      entries[k].long_name = option_table[k].name;
      entries[k].arg = G_OPTION_ARG_STRING;
      entries[k].arg_data = &options->values[k];
      entries[k].description = option_table[k].help;
      entries[k].arg_description = option_table[k].arg;
    }
  group = g_option_group_new ("experiment", "Experiment options:", "Show experiment options", NULL,
                              NULL);
  g_option_group_add_entries (group, entries); /* copies the entries */
  g_free (entries);
  return group;
}

static const char *
option_value (NsConfigOptions *options, const char *name)
{
  for (guint k = 0; k < N_OPTIONS; k++)
    if (strcmp (option_table[k].name, name) == 0)
      return options->values[k];
  g_assert_not_reached ();
}

gboolean
ns_config_options_any (NsConfigOptions *options, const char **first)
{
  for (guint k = 0; k < N_OPTIONS; k++)
    if (options->values[k] != NULL)
      {
        if (first != NULL)
          *first = option_table[k].name;
        return TRUE;
      }
  return FALSE;
}

gboolean
ns_config_options_apply (NsConfigOptions *options, NsConfig *config, GError **error)
{
  g_return_val_if_fail (options != NULL && config != NULL, FALSE);

  if (option_value (options, "dataset") != NULL && option_value (options, "data") != NULL)
    {
      g_set_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION,
                   "--dataset and --data: choose a generated data set or a file, not both");
      return FALSE;
    }
  if (option_value (options, "l1") != NULL && option_value (options, "l2") != NULL)
    {
      g_set_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION,
                   "--l1 and --l2: choose one kind of regularisation");
      return FALSE;
    }
  for (guint k = 0; k < N_OPTIONS; k++)
    if (options->values[k] != NULL
        && !ns_config_set_option (config, option_table[k].name, options->values[k], error))
      return FALSE;
  for (guint h = 0; h < config->n_layers; h++)
    if (config->layers[h].kind != NN_LAYER_DENSE && !ns_config_is_image (config))
      {
        g_autofree char *word = ns_layer_spec_to_word (&config->layers[h]);

        g_set_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION,
                     "--hidden: “%s”: conv and pool layers need image data (--dataset digits or "
                     "apples)",
                     word);
        return FALSE;
      }
  /* Each option was checked as it was read; this is the check a saved file gets, so that the
   * two cannot drift apart. */
  {
    g_autofree char *field = NULL;
    g_autofree char *expected = NULL;

    if (!ns_config_check (config, &field, &expected))
      {
        g_set_error (error, NS_CONFIG_ERROR, NS_CONFIG_ERROR_BAD_OPTION, "%s: expected %s", field,
                     expected);
        return FALSE;
      }
  }
  return TRUE;
}
