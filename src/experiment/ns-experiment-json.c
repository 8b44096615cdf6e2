/* ns-experiment-json.c: saving and loading an experiment, everything needed to resume it
 * bit-identically: settings, data (with added points), weights, optimizer state, RNG states,
 * the epoch's shuffle order and position, counters and history.
 *
 * Floats are written as JSON numbers with 17 significant digits (json-glib's generator, in C
 * numerics whatever the locale), which read back exactly; json-glib 1.6 appends ".0" to every
 * double it prints without a point, even after an exponent (`1e+20.0`, which it cannot read
 * back), so that suffix is taken off again after generating (unpoint_exponents). Non-finite numbers
 * are written as the strings "nan", "-nan", "inf", "-inf": json-glib 1.6 would write NaN as `nan.0`
 * and cannot read it back. 64-bit counters and RNG states are strings, since JSON readers
 * (json-glib included) hold integers as gint64.
 */
#include "config.h"

#include "ns-experiment-private.h"
#include "ns-json-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- writing ---- */

static void
add_number (JsonBuilder *b, double x)
{
  if (isfinite (x))
    json_builder_add_double_value (b, x);
  else
    json_builder_add_string_value (b, isnan (x) ? (signbit (x) ? "-nan" : "nan")
                                      : x > 0   ? "inf"
                                                : "-inf");
}

static void
member_number (JsonBuilder *b, const char *name, double x)
{
  json_builder_set_member_name (b, name);
  add_number (b, x);
}

static void
member_int (JsonBuilder *b, const char *name, gint64 x)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, x);
}

static void
member_string (JsonBuilder *b, const char *name, const char *s)
{
  json_builder_set_member_name (b, name);
  if (s != NULL)
    json_builder_add_string_value (b, s);
  else
    json_builder_add_null_value (b);
}

static void
member_u64 (JsonBuilder *b, const char *name, guint64 x)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, x);
  member_string (b, name, buf);
}

static void
member_floats (JsonBuilder *b, const char *name, const float *x, size_t n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (size_t k = 0; k < n; k++)
    add_number (b, x[k]);
  json_builder_end_array (b);
}

static void
member_strv (JsonBuilder *b, const char *name, char **strv)
{
  json_builder_set_member_name (b, name);
  if (strv == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (guint k = 0; strv[k] != NULL; k++)
    json_builder_add_string_value (b, strv[k]);
  json_builder_end_array (b);
}

static void
write_config (JsonBuilder *b, const NsConfig *c)
{
  g_autofree char *features = ns_features_to_string (c->features);

  json_builder_set_member_name (b, "config");
  json_builder_begin_object (b);
  member_string (b, "dataset", ns_dataset_kind_name (c->dataset));
  member_string (b, "data", c->data_path);
  member_int (b, "count", c->count);
  member_number (b, "noise", c->noise);
  member_number (b, "ratio", c->train_ratio);
  member_string (b, "features", features);
  /* The --hidden and --activation words, one entry per layer: a dense layer's width as a
   * number (as format_version 1 has it), another kind's word (`c8k3`, `p2`) as a string. */
  json_builder_set_member_name (b, "hidden");
  json_builder_begin_array (b);
  for (guint h = 0; h < c->n_layers; h++)
    if (c->layers[h].kind == NN_LAYER_DENSE)
      json_builder_add_int_value (b, (gint64) c->layers[h].units);
    else
      {
        g_autofree char *word = ns_layer_spec_to_word (&c->layers[h]);
        json_builder_add_string_value (b, word);
      }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "activation");
  json_builder_begin_array (b);
  for (guint h = 0; h < c->n_layers; h++)
    json_builder_add_string_value (b, nn_activation_name (c->layers[h].act));
  json_builder_end_array (b);
  member_string (b, "problem",
                 c->problem == NS_PROBLEM_REGRESSION ? "regression" : "classification");
  member_string (b, "optimizer", nn_optimizer_name (c->trainer.optimizer));
  member_number (b, "lr", c->trainer.learning_rate);
  member_number (b, "momentum", c->trainer.momentum);
  member_number (b, "beta1", c->trainer.beta1);
  member_number (b, "beta2", c->trainer.beta2);
  member_number (b, "epsilon", c->trainer.epsilon);
  member_string (b, "regularization", nn_regularization_name (c->trainer.regularization));
  member_number (b, "reg_rate", c->trainer.reg_rate);
  member_number (b, "clip", c->trainer.clip_norm);
  member_int (b, "batch", c->batch_size);
  member_u64 (b, "seed", c->seed);
  json_builder_end_object (b);
}

static void
write_data (JsonBuilder *b, const NsDataset *d, guint generation)
{
  double extent[4] = { d->x_min, d->x_max, d->y_min, d->y_max };

  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  member_int (b, "generation", generation);
  member_string (b, "name", d->name);
  member_int (b, "inputs", d->n_inputs);
  member_strv (b, "input_names", d->input_names);
  member_int (b, "classes", d->n_classes);
  member_strv (b, "class_names", d->class_names);
  json_builder_set_member_name (b, "mean");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->n_inputs; i++)
    add_number (b, d->mean[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "scale");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->n_inputs; i++)
    add_number (b, d->scale[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "extent");
  json_builder_begin_array (b);
  for (guint k = 0; k < 4; k++)
    add_number (b, extent[k]);
  json_builder_end_array (b);
  if (ns_dataset_is_image (d))
    {
      json_builder_set_member_name (b, "image");
      json_builder_begin_array (b);
      json_builder_add_int_value (b, d->image_channels);
      json_builder_add_int_value (b, d->image_height);
      json_builder_add_int_value (b, d->image_width);
      json_builder_end_array (b);
    }
  member_floats (b, "train_x", d->train_x, (size_t) d->n_train * d->n_inputs);
  member_floats (b, "train_y", d->train_y, d->n_train);
  member_floats (b, "test_x", d->test_x, (size_t) d->n_test * d->n_inputs);
  member_floats (b, "test_y", d->test_y, d->n_test);
  json_builder_end_object (b);
}

const char *const ns_experiment_loss_names[NN_N_LOSSES] = { "bce", "softmax_ce", "mse" };

/* One hidden layer's spec, with the members its kind has: {"kind": "dense", "width": 8,
 * "activation": "tanh"}, {"kind": "conv2d", "channels": 8, "kernel": 3, "activation": "relu"},
 * {"kind": "max_pool", "kernel": 2}, {"kind": "flatten"}. */
static void
write_layer_spec (JsonBuilder *b, NnLayerSpec spec)
{
  json_builder_begin_object (b);
  member_string (b, "kind", nn_layer_kind_name (spec.kind));
  if (spec.kind == NN_LAYER_DENSE)
    member_int (b, "width", (gint64) spec.units);
  if (spec.kind == NN_LAYER_CONV2D)
    member_int (b, "channels", (gint64) spec.units);
  if (spec.kind == NN_LAYER_CONV2D || spec.kind == NN_LAYER_MAX_POOL)
    member_int (b, "kernel", (gint64) spec.kernel);
  if (ns_layer_kind_has_activation (spec.kind))
    member_string (b, "activation", nn_activation_name (spec.act));
  json_builder_end_object (b);
}

static void
write_network (JsonBuilder *b, const NnNet *net)
{
  json_builder_set_member_name (b, "network");
  json_builder_begin_object (b);
  member_int (b, "inputs", net->n_inputs);
  member_string (b, "loss", ns_experiment_loss_names[net->loss]);
  member_int (b, "outputs", nn_net_layer_width (net, net->n_layers - 1));
  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (size_t l = 0; l + 1 < net->n_layers; l++)
    write_layer_spec (b, nn_net_layer_spec (net, l));
  json_builder_end_array (b);
  member_floats (b, "params", net->params, net->n_params);
  member_floats (b, "opt_m", net->opt_m, net->n_params);
  member_floats (b, "opt_v", net->opt_v, net->n_params);
  member_u64 (b, "updates", net->n_updates);
  member_number (b, "adam_beta1_power", net->adam_beta1_power);
  member_number (b, "adam_beta2_power", net->adam_beta2_power);
  json_builder_end_object (b);
}

static void
add_entry (JsonBuilder *b, const NsHistoryEntry *e)
{
  json_builder_begin_object (b);
  member_int (b, "epoch", e->epoch);
  member_u64 (b, "step", e->step);
  member_number (b, "train_loss", e->train_loss);
  member_number (b, "train_accuracy", e->train_accuracy);
  member_number (b, "test_loss", e->test_loss);
  member_number (b, "test_accuracy", e->test_accuracy);
  json_builder_end_object (b);
}

static void
write_training (JsonBuilder *b, NsExperiment *self)
{
  json_builder_set_member_name (b, "training");
  json_builder_begin_object (b);
  member_u64 (b, "step", self->step);
  member_int (b, "epoch", self->epoch);
  json_builder_set_member_name (b, "diverged");
  json_builder_add_boolean_value (b, self->diverged);
  member_u64 (b, "shuffle_state", self->shuffle_rng.state);
  member_u64 (b, "shuffle_inc", self->shuffle_rng.inc);
  json_builder_set_member_name (b, "order");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->order_len; k++)
    json_builder_add_int_value (b, self->order[k]);
  json_builder_end_array (b);
  member_int (b, "position", self->position);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->history->len; k++)
    add_entry (b, &g_array_index (self->history, NsHistoryEntry, k));
  json_builder_end_array (b);

  /* Optional: after an edit, undo, added point or divergence since the last epoch's end, the
   * numbers of the network as it is now (ns_experiment_get_current), which the history's last
   * entry no longer describes. Without it the history's last entry is current. */
  if (self->has_current)
    {
      json_builder_set_member_name (b, "current");
      add_entry (b, &self->current);
    }
}

/* Optional (files from before it lack it, and load with an empty record): the finished epochs'
 * rows, and the current epoch's running sums so a resumed run records the same numbers. */
static void
write_gradient_health (JsonBuilder *b, NsExperiment *self)
{
  json_builder_set_member_name (b, "gradient_health");
  json_builder_begin_object (b);
  member_int (b, "layers", self->grad_layers);
  member_int (b, "first_epoch", self->grad_first_epoch);
  json_builder_set_member_name (b, "values");
  json_builder_begin_array (b);
  for (guint k = 0; k < self->grad_health->len; k++)
    add_number (b, g_array_index (self->grad_health, double, k));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "sums");
  json_builder_begin_array (b);
  for (guint l = 0; l < self->grad_sum_layers; l++)
    add_number (b, self->grad_sums[l]);
  json_builder_end_array (b);
  member_int (b, "batches", self->grad_sum_batches);
  json_builder_end_object (b);
}

/* Drops the ".0" json-glib 1.6 puts after an exponent (`1e+20.0` -> `1e+20`), in place: only in
 * number tokens, never inside strings. */
static void
unpoint_exponents (char *text)
{
  char *in = text, *out = text;

  while (*in != '\0')
    {
      if (*in == '"')
        {
          /* A string, escapes and all, copied as it is. */
          *out++ = *in++;
          while (*in != '\0' && *in != '"')
            {
              if (*in == '\\' && in[1] != '\0')
                *out++ = *in++;
              *out++ = *in++;
            }
          if (*in == '"')
            *out++ = *in++;
        }
      else if (*in == '-' || g_ascii_isdigit (*in))
        {
          gboolean exponent = FALSE;

          while (*in != '\0' && (g_ascii_isdigit (*in) || strchr ("+-.eE", *in) != NULL))
            {
              exponent = exponent || *in == 'e' || *in == 'E';
              if (exponent && in[0] == '.' && in[1] == '0' && !g_ascii_isdigit (in[2]))
                in += 2;
              else
                *out++ = *in++;
            }
        }
      else
        *out++ = *in++;
    }
  *out = '\0';
}

char *
ns_experiment_to_json (NsExperiment *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  char *text;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), NULL);

  json_builder_begin_object (b);
  member_int (b, "format_version", NS_EXPERIMENT_FORMAT_VERSION);
  member_string (b, "generator", "neuroscope " PACKAGE_VERSION);
  write_config (b, &self->config);
  write_data (b, self->data, self->data_generation);
  write_network (b, self->net);
  write_training (b, self);
  write_gradient_health (b, self);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 1);
  text = json_generator_to_data (gen, NULL);
  unpoint_exponents (text);
  return text;
}

/* Follows @path's symlinks (at most 32, relative ones from their own folder) to the file a save
 * should replace, which need not exist yet. */
static char *
resolve_links (const char *path, GError **error)
{
  g_autofree char *target = g_strdup (path);

  for (guint k = 0; k < 32; k++)
    {
      g_autofree char *link = NULL;
      GStatBuf st;

      if (g_lstat (target, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&target);
      if ((link = g_file_read_link (target, NULL)) == NULL)
        break;
      if (!g_path_is_absolute (link))
        {
          g_autofree char *dir = g_path_get_dirname (target);
          g_autofree char *joined = g_build_filename (dir, link, NULL);

          g_free (target);
          target = g_steal_pointer (&joined);
        }
      else
        {
          g_free (target);
          target = g_steal_pointer (&link);
        }
    }
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
               "%s: cannot save: the symbolic links do not lead to a file", path);
  return NULL;
}

static gboolean
save_failed (GError **error, const char *path, int saved_errno, const char *what)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "%s: cannot save: %s%s%s", path, what, what[0] != '\0' ? ": " : "",
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int fd, const char *text, gsize length)
{
  while (length > 0)
    {
      gssize n = write (fd, text, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      text += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
ns_experiment_check_saveable (NsExperiment *self, GError **error)
{
  const NsDataset *d;
  guint64 values;
  /* Room for the history, the order and the settings of a long run. */
  const guint64 margin = (guint64) 1 << 20;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);

  d = self->data;
  values = ((guint64) d->n_train + d->n_test) * (d->n_inputs + 1) + (guint64) d->n_train
           + 3 * (guint64) self->net->n_params;
  if (values + margin <= NS_JSON_MAX_VALUES)
    return TRUE;
  g_set_error (error, NS_EXPERIMENT_ERROR, NS_EXPERIMENT_ERROR_TOO_LARGE,
               "cannot save: the data and network are %" G_GUINT64_FORMAT
               " numbers, more than a saved experiment can hold and load again (%" G_GUINT64_FORMAT
               "); expected less data (e.g. a lower --count)",
               values, (guint64) (NS_JSON_MAX_VALUES - margin));
  return FALSE;
}

gboolean
ns_experiment_save (NsExperiment *self, const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  GStatBuf st;
  gboolean exists;
  mode_t mode;
  int fd, saved;

  g_return_val_if_fail (NS_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ns_experiment_check_saveable (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  /* A symlink is followed: its target is what gets replaced, and the link stays. */
  if ((target = resolve_links (path, error)) == NULL)
    return FALSE;
  exists = g_stat (target, &st) == 0;
  if (exists)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s: cannot save: not a regular file", path);
          return FALSE;
        }
      /* Replacing a file by rename needs only the folder's permission, so the file's own is
       * checked here: a write-protected file (no write bit at all, which holds even for root)
       * or one this user may not write stays as it is. */
      if ((st.st_mode & 0222) == 0 || g_access (target, W_OK) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                       "%s: cannot save: the file is write-protected", path);
          return FALSE;
        }
      mode = st.st_mode & 07777; /* a private file stays private */
    }
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      mode = 0666 & ~mask;
    }

  text = ns_experiment_to_json (self);

  /* Atomic: a temporary file beside the target, renamed over it once complete. */
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return save_failed (error, path, errno, "cannot create a file in its folder");
  if (!write_all (fd, text, strlen (text)) || fchmod (fd, mode) != 0 || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (temp);
      return save_failed (error, path, saved, "");
    }
  if (exists && (st.st_uid != getuid () || st.st_gid != getgid ()))
    {
      /* Keep the owner where allowed (root saving a user's file); harmless where not. */
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("%s: the owner could not be kept", path);
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_unlink (temp);
      return save_failed (error, path, saved, "");
    }
  if (g_rename (temp, target) != 0)
    {
      saved = errno;
      g_unlink (temp);
      return save_failed (error, path, saved, "");
    }
  return TRUE;
}
