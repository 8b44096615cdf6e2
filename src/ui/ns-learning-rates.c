/* ns-learning-rates.c: the table of learning rates. */
#include "config.h"

#include "ns-learning-rates.h"

#include <math.h>
#include <string.h>

#include "ns-printf.h"

/* From a crawl to a leap, as the TensorFlow Playground offers them. */
static const NsLearningRate rates[] = {
  { "0.00001", 1e-5 }, { "0.0001", 1e-4 }, { "0.001", 1e-3 }, { "0.003", 3e-3 },
  { "0.01", 0.01 },    { "0.03", 0.03 },   { "0.1", 0.1 },    { "0.3", 0.3 },
  { "1", 1 },          { "3", 3 },         { "10", 10 },
};

const NsLearningRate *
ns_learning_rates_get (guint *n_rates)
{
  g_return_val_if_fail (n_rates != NULL, NULL);

  *n_rates = G_N_ELEMENTS (rates);
  return rates;
}

const NsLearningRate *
ns_learning_rates_find (double rate)
{
  for (guint k = 0; k < G_N_ELEMENTS (rates); k++)
    if (fabs (rate - rates[k].value) <= 1e-6 * rates[k].value)
      return &rates[k];
  return NULL;
}

double
ns_learning_rates_lower (double rate)
{
  double best = rates[0].value;

  for (guint k = 0; k < G_N_ELEMENTS (rates); k++)
    if (rates[k].value < rate * 0.5 && rates[k].value > best)
      best = rates[k].value;
  return MIN (best, rate);
}

char *
ns_learning_rates_format (double rate)
{
  const NsLearningRate *usual = ns_learning_rates_find (rate);

  if (usual != NULL)
    return g_strdup (usual->label);
  /* Six significant digits, as %g writes them (a float rate such as 0.005f is 0.005), in
   * plain notation: decimals enough for the rate's magnitude, the zeros after the last digit
   * dropped. */
  {
    int magnitude = rate > 0 && isfinite (rate) ? (int) floor (log10 (rate)) : 0;
    g_autofree char *text = ns_strdup_printf ("%.*f", CLAMP (5 - magnitude, 0, 20), rate);
    char *end = text + strlen (text) - 1;

    while (strchr (text, '.') != NULL && *end == '0')
      *end-- = '\0';
    if (*end == '.')
      *end = '\0';
    return g_steal_pointer (&text);
  }
}
