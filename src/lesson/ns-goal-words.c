/* ns-goal-words.c: goals in words, token by token: names and operators become words; a
 * number compared with an accuracy becomes a percentage. */
#include "config.h"

#include "ns-goal-words.h"

#include <string.h>

typedef struct
{
  const char *token;
  const char *words;
} Word;

static const Word names[] = {
  { "train_loss", "training loss" },
  { "test_loss", "test loss" },
  { "train_accuracy", "training accuracy" },
  { "test_accuracy", "test accuracy" },
  { "epoch", "epochs trained" },
  { "step", "mini-batches trained" },
  { "hidden_neurons", "hidden neurons" },
  { "layers", "hidden layers" },
  { "conv_layers", "convolution layers" },
  { "params", "weights and biases" },
  { "lr", "learning rate" },
  { "batch", "batch size" },
  { "l1", "L1 regularization" },
  { "l2", "L2 regularization" },
  { "noise", "noise" },
  { "diverged", "the run diverged" },
  { "points", "training points" },
  { "gradient_ratio", "first layer's gradients over the last layer's" },
  { "phase", "the step's phase" },
  { "view", "the view" },
  { "points_added", "points added" },
  { "weight_edits", "weights edited" },
  { "drawings", "images drawn" },
  { "race_done", "the race finished" },
};

static const Word functions[] = {
  { "feature", "the input feature %s is on" },
  { "activation", "the activation is %s" },
  { "optimizer", "the optimizer is %s" },
  { "dataset", "the data set is %s" },
};

static const Word operators[] = {
  { "&&", "and" },    { "||", "or" },   { ">=", "at least" }, { "<=", "at most" }, { "==", "is" },
  { "!=", "is not" }, { ">", "above" }, { "<", "below" },     { "!", "not" },      { "+", "+" },
  { "-", "−" },       { "*", "×" },     { "/", "/" },
};

static const char *
lookup (const Word *table, gsize n, const char *token)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (table[i].token, token) == 0)
      return table[i].words;
  return NULL;
}

static void
append_word (GString *out, const char *word)
{
  if (out->len > 0 && out->str[out->len - 1] != '(')
    g_string_append_c (out, ' ');
  g_string_append (out, word);
}

char *
ns_goal_words (const char *goal_text)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *p = goal_text;
  gboolean after_accuracy = FALSE; /* the last name read was an accuracy */

  g_return_val_if_fail (goal_text != NULL, NULL);

  while (*p != '\0')
    {
      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (g_ascii_isalpha (*p) || *p == '_')
        {
          const char *start = p;
          g_autofree char *name = NULL;
          const char *words;

          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
          name = g_strndup (start, p - start);
          /* A call with one word: feature(x1sq). */
          if (*p == '(' && lookup (functions, G_N_ELEMENTS (functions), name) != NULL)
            {
              const char *arg = p + 1, *end = strchr (arg, ')');

              if (end != NULL)
                {
                  g_autofree char *word = g_strstrip (g_strndup (arg, end - arg));
                  const char *format = lookup (functions, G_N_ELEMENTS (functions), name);
                  g_autofree char *text = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
                  text = g_strdup_printf (format, word);
#pragma GCC diagnostic pop
                  append_word (out, text);
                  p = end + 1;
                  continue;
                }
            }
          words = lookup (names, G_N_ELEMENTS (names), name);
          append_word (out, words != NULL ? words : name);
          after_accuracy = g_str_has_suffix (name, "accuracy");
          continue;
        }
      if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
        {
          char *end = NULL;
          double value = g_ascii_strtod (p, &end);

          if (end == p)
            end = (char *) p + 1;
          if (after_accuracy && value >= 0 && value <= 1)
            {
              g_autofree char *percent = g_strdup_printf ("%g%%", value * 100);

              /* g_strdup_printf follows the locale: a decimal comma is right for the learner
               * reading it. */
              append_word (out, percent);
            }
          else
            {
              g_autofree char *number = g_strndup (p, end - p);

              append_word (out, number);
            }
          p = end;
          continue;
        }
      if (*p == '(' || *p == ')')
        {
          if (*p == '(')
            append_word (out, "(");
          else
            g_string_append_c (out, ')');
          p++;
          continue;
        }
      {
        /* Operators, the longest first. */
        char two[3] = { p[0], p[1], '\0' }, one[2] = { p[0], '\0' };
        const char *words = p[1] != '\0' ? lookup (operators, G_N_ELEMENTS (operators), two) : NULL;

        if (words != NULL)
          p += 2;
        else
          {
            words = lookup (operators, G_N_ELEMENTS (operators), one);
            p++;
          }
        append_word (out, words != NULL ? words : one);
      }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
