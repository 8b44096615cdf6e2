/* ns-learning-rates.h: the learning rates the window offers, in one table.
 *
 * The main window's learning-rate control and each contestant of the optimizer race offer
 * the same rates, with the same labels; a setting from a file or a lesson (a float: 0.03f is
 * not 0.03) is recognised as the rate it came from.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *label; /* "0.00001", "0.003", "1" */
  double value;
} NsLearningRate;

/* The rates, ascending; *@n_rates gets their number. */
const NsLearningRate *ns_learning_rates_get (guint *n_rates);

/* The offered rate @rate is, within a float's rounding; NULL if it is none of them. */
const NsLearningRate *ns_learning_rates_find (double rate);

/* @rate as the window writes it: the table's label for an offered rate ("0.00001", never
 * "1e-05"), else the shortest plain number that reads back as it (caller frees). */
char *ns_learning_rates_format (double rate);

/* The largest offered rate below half of @rate (the smallest one if none is), never above
 * @rate: what "reset with a lower rate" picks after a run diverged. */
double ns_learning_rates_lower (double rate);

G_END_DECLS
