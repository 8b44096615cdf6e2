/* ns-test-experiment.h: making experiments from option words and comparing runs bit for bit,
 * for the tests of the experiment and of what draws it. */
#pragma once

#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "ns-experiment.h"

/* An experiment from name/value option pairs ({ "dataset", "xor", "hidden", "3", NULL }), as
 * the command line gives them; NULL for the defaults. */
static G_GNUC_UNUSED NsExperiment *
new_experiment (const char *const *options)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *exp;

  ns_config_init_default (&config);
  for (guint k = 0; options != NULL && options[k] != NULL; k += 2)
    {
      ns_config_set_option (&config, options[k], options[k + 1], &error);
      g_assert_no_error (error);
    }
  exp = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (exp);
  return exp;
}

/* The same with the pairs as arguments, ended by NULL. */
static G_GNUC_UNUSED NsExperiment *
make_experiment (const char *first_option, ...)
{
  g_autoptr (GPtrArray) options = g_ptr_array_new ();
  va_list args;

  va_start (args, first_option);
  for (const char *name = first_option; name != NULL; name = va_arg (args, const char *))
    {
      g_ptr_array_add (options, (gpointer) name);
      g_ptr_array_add (options, va_arg (args, char *));
    }
  va_end (args);
  g_ptr_array_add (options, NULL);

  return new_experiment ((const char *const *) options->pdata);
}

/* The same weights and optimizer state, bit for bit. */
static G_GNUC_UNUSED gboolean
same_params (const NnNet *a, const NnNet *b)
{
  return a->n_params == b->n_params
         && memcmp (a->params, b->params, a->n_params * sizeof (float)) == 0
         && memcmp (a->opt_m, b->opt_m, a->n_params * sizeof (float)) == 0
         && memcmp (a->opt_v, b->opt_v, a->n_params * sizeof (float)) == 0;
}

/* The same history, bit for bit. */
static G_GNUC_UNUSED gboolean
same_history (NsExperiment *a, NsExperiment *b)
{
  guint na, nb;
  const NsHistoryEntry *ha = ns_experiment_get_history (a, &na);
  const NsHistoryEntry *hb = ns_experiment_get_history (b, &nb);

  if (na != nb)
    return FALSE;
  /* Field by field: the struct's padding after `epoch` holds whatever the stack had. */
  for (guint k = 0; k < na; k++)
    if (ha[k].epoch != hb[k].epoch || ha[k].step != hb[k].step
        || memcmp (&ha[k].train_loss, &hb[k].train_loss, sizeof (double)) != 0
        || memcmp (&ha[k].train_accuracy, &hb[k].train_accuracy, sizeof (double)) != 0
        || memcmp (&ha[k].test_loss, &hb[k].test_loss, sizeof (double)) != 0
        || memcmp (&ha[k].test_accuracy, &hb[k].test_accuracy, sizeof (double)) != 0)
      return FALSE;
  return TRUE;
}
