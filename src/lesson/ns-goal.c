/* ns-goal.c: goals parsed by recursive descent (one function per precedence level, as C's
 * grammar reads) into a small tree, checked for names while parsing, evaluated on demand. */
#include "config.h"

#include "ns-goal.h"

#include <math.h>
#include <string.h>

#include "ns-features.h"
#include "ns-lesson.h"

/* clang-format off */
G_DEFINE_QUARK (ns-goal-error-quark, ns_goal_error)
/* clang-format on */

/* The names a goal may read: measured ones first (the experiment has them headless), then
 * the interactive ones the window keeps. Text names compare with a word (phase == backward). */
typedef enum
{
  NAME_TRAIN_LOSS,
  NAME_TEST_LOSS,
  NAME_TRAIN_ACCURACY,
  NAME_TEST_ACCURACY,
  NAME_EPOCH,
  NAME_STEP,
  NAME_HIDDEN_NEURONS,
  NAME_LAYERS,
  NAME_CONV_LAYERS,
  NAME_PARAMS,
  NAME_LR,
  NAME_BATCH,
  NAME_L1,
  NAME_L2,
  NAME_NOISE,
  NAME_DIVERGED,
  NAME_POINTS,
  NAME_GRADIENT_RATIO,
  N_MEASURED_NAMES,
  NAME_PHASE = N_MEASURED_NAMES,
  NAME_VIEW,
  NAME_POINTS_ADDED,
  NAME_WEIGHT_EDITS,
  NAME_DRAWINGS,
  NAME_RACE_DONE,
  N_NAMES
} Name;

static const char *const name_words[N_NAMES] = {
  "train_loss",
  "test_loss",
  "train_accuracy",
  "test_accuracy",
  "epoch",
  "step",
  "hidden_neurons",
  "layers",
  "conv_layers",
  "params",
  "lr",
  "batch",
  "l1",
  "l2",
  "noise",
  "diverged",
  "points",
  "gradient_ratio",
  "phase",
  "view",
  "points_added",
  "weight_edits",
  "drawings",
  "race_done",
};

static const char *const phase_words[] = { "idle", "forward", "loss", "backward", "update", NULL };

typedef enum
{
  FUNC_FEATURE,
  FUNC_ACTIVATION,
  FUNC_OPTIMIZER,
  FUNC_DATASET,
  N_FUNCS
} Func;

static const char *const func_words[N_FUNCS] = { "feature", "activation", "optimizer", "dataset" };

typedef enum
{
  NODE_NUMBER,
  NODE_NAME,
  NODE_WORD, /* a bare word: only allowed compared with a text name */
  NODE_TEXT_COMPARE,
  NODE_CALL,
  NODE_NOT,
  NODE_NEGATE,
  NODE_BINARY,
} NodeKind;

typedef enum
{
  OP_OR,
  OP_AND,
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIV,
} Op;

typedef struct Node Node;
struct Node
{
  NodeKind kind;
  gsize offset; /* where it starts in the text, for messages */
  double number;
  Name name;   /* NODE_NAME, NODE_TEXT_COMPARE */
  Func func;   /* NODE_CALL */
  int arg;     /* NODE_CALL: the argument as its enum (feature bit, activation, …) */
  char *word;  /* NODE_WORD, NODE_TEXT_COMPARE */
  Op op;       /* NODE_BINARY, NODE_TEXT_COMPARE (EQ or NE) */
  Node *a, *b; /* operands */
};

struct _NsGoal
{
  char *text;
  Node *root;
};

typedef struct
{
  const char *text;
  gsize pos;
  GError *error;
} Parser;

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  node_free (node->a);
  node_free (node->b);
  g_free (node->word);
  g_free (node);
}

static Node *
node_new (NodeKind kind, gsize offset)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->offset = offset;
  return node;
}

/* The error's line (from 0) and column (from 1) of @offset. */
static void
locate (const char *text, gsize offset, guint *line, guint *column)
{
  gsize start = 0;

  *line = 0;
  for (gsize k = 0; k < offset && text[k] != '\0'; k++)
    if (text[k] == '\n')
      {
        (*line)++;
        start = k + 1;
      }
  *column = (guint) g_utf8_strlen (text + start, (gssize) (offset - start)) + 1;
}

static Node *fail (Parser *p, GQuark domain, int code, gsize offset, const char *format, ...)
    G_GNUC_PRINTF (5, 6);

static Node *
fail (Parser *p, GQuark domain, int code, gsize offset, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  guint line, column;

  if (p->error != NULL)
    return NULL;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  locate (p->text, offset, &line, &column);
  p->error = g_error_new (domain, code, "column %u: %s", column, message);
  /* The line travels in the error's place; ns_goal_parse_lines reads it back. */
  p->pos = offset;
  return NULL;
}

static void
skip_space (Parser *p)
{
  while (g_ascii_isspace (p->text[p->pos]))
    p->pos++;
}

static gboolean
accept (Parser *p, const char *token)
{
  gsize n = strlen (token);

  skip_space (p);
  if (strncmp (p->text + p->pos, token, n) != 0)
    return FALSE;
  /* "<" must not take the first half of "<=", "!" of "!=". */
  if (n == 1 && strchr ("<>!=", token[0]) != NULL && p->text[p->pos + 1] == '=')
    return FALSE;
  p->pos += n;
  return TRUE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static char *
lex_word (Parser *p, gboolean hyphens)
{
  gsize start;

  skip_space (p);
  start = p->pos;
  if (!(g_ascii_isalpha (p->text[p->pos]) || p->text[p->pos] == '_'))
    return NULL;
  while (is_word_char (p->text[p->pos]) || (hyphens && p->text[p->pos] == '-'))
    p->pos++;
  return g_strndup (p->text + start, p->pos - start);
}

static int
word_index (const char *const *words, int n, const char *word)
{
  for (int k = 0; n < 0 ? words[k] != NULL : k < n; k++)
    if (strcmp (words[k], word) == 0)
      return k;
  return -1;
}

static char *
join_words (const char *const *words, int n)
{
  GString *out = g_string_new (NULL);

  for (int k = 0; n < 0 ? words[k] != NULL : k < n; k++)
    g_string_append_printf (out, "%s%s", k > 0 ? ", " : "", words[k]);
  return g_string_free (out, FALSE);
}

/* The argument of a call, as the enum its function knows it by; -1 if unknown. */
static int
call_argument (Func func, const char *word)
{
  switch (func)
    {
    case FUNC_FEATURE:
      for (int f = 0; f < NS_N_FEATURES; f++)
        if (strcmp (ns_feature_name (f), word) == 0)
          return f;
      return -1;
    case FUNC_ACTIVATION:
      {
        int act = nn_activation_from_name (word);
        return act >= 0 && nn_activation_is_hidden (act) ? act : -1;
      }
    case FUNC_OPTIMIZER:
      return nn_optimizer_from_name (word);
    case FUNC_DATASET:
      return ns_dataset_kind_from_name (word);
    case N_FUNCS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
call_expected (Func func)
{
  switch (func)
    {
    case FUNC_FEATURE:
      return "a feature (x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2, cosx1, cosx2, r, angle)";
    case FUNC_ACTIVATION:
      return "an activation (relu, leaky_relu, tanh, sigmoid, linear)";
    case FUNC_OPTIMIZER:
      return "an optimizer (sgd, momentum, adam)";
    case FUNC_DATASET:
      return "a dataset name (circle, xor, gauss, spiral, …)";
    case N_FUNCS:
    default:
      g_assert_not_reached ();
    }
}

static Node *parse_or (Parser *p);

static Node *
parse_number (Parser *p)
{
  const char *s = p->text + p->pos;
  gsize n = 0;
  g_autofree char *copy = NULL;
  Node *node;

  while (g_ascii_isdigit (s[n]))
    n++;
  if (s[n] == '.')
    for (n++; g_ascii_isdigit (s[n]);)
      n++;
  if ((s[n] == 'e' || s[n] == 'E')
      && (g_ascii_isdigit (s[n + 1])
          || ((s[n + 1] == '+' || s[n + 1] == '-') && g_ascii_isdigit (s[n + 2]))))
    for (n += 2; g_ascii_isdigit (s[n]);)
      n++;
  if (is_word_char (s[n]) || s[n] == '.')
    return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p->pos, "expected a number");
  copy = g_strndup (s, n);
  node = node_new (NODE_NUMBER, p->pos);
  node->number = g_ascii_strtod (copy, NULL);
  p->pos += n;
  if (!isfinite (node->number))
    {
      node_free (node);
      return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p->pos - n, "expected a finite number");
    }
  return node;
}

static Node *
parse_call (Parser *p, Func func, gsize start)
{
  gsize arg_at;
  g_autofree char *word = NULL;
  Node *node;
  int arg;

  skip_space (p);
  arg_at = p->pos;
  if ((word = lex_word (p, TRUE)) == NULL)
    return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, arg_at, "expected %s",
                 call_expected (func));
  if ((arg = call_argument (func, word)) < 0)
    return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_UNKNOWN_NAME, arg_at,
                 "unknown %s “%s”: expected %s", func_words[func], word, call_expected (func));
  if (!accept (p, ")"))
    return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p->pos, "expected “)”");
  node = node_new (NODE_CALL, start);
  node->func = func;
  node->arg = arg;
  return node;
}

static Node *
parse_primary (Parser *p)
{
  gsize start;
  char c;
  g_autofree char *word = NULL;
  int index;

  skip_space (p);
  start = p->pos;
  c = p->text[p->pos];
  if (accept (p, "("))
    {
      Node *inner = parse_or (p);

      if (inner == NULL)
        return NULL;
      if (!accept (p, ")"))
        {
          node_free (inner);
          return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p->pos, "expected “)”");
        }
      return inner;
    }
  if (g_ascii_isdigit (c) || (c == '.' && g_ascii_isdigit (p->text[p->pos + 1])))
    return parse_number (p);
  if ((word = lex_word (p, FALSE)) == NULL)
    return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, start,
                 c == '\0' ? "expected a number, a name or “(”, not the end"
                           : "expected a number, a name or “(”");
  if (accept (p, "("))
    {
      g_autofree char *funcs = NULL;

      if ((index = word_index (func_words, N_FUNCS, word)) >= 0)
        return parse_call (p, index, start);
      funcs = join_words (func_words, N_FUNCS);
      return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_UNKNOWN_NAME, start,
                   "unknown function “%s”: expected one of %s", word, funcs);
    }
  if ((index = word_index (name_words, N_NAMES, word)) >= 0)
    {
      Node *node = node_new (NODE_NAME, start);
      node->name = index;
      return node;
    }
  /* A bare word: checked once its comparison is known (phase == backward). */
  {
    Node *node = node_new (NODE_WORD, start);
    node->word = g_steal_pointer (&word);
    return node;
  }
}

static Node *
parse_unary (Parser *p)
{
  gsize start;
  Node *operand, *node;
  NodeKind kind;

  skip_space (p);
  start = p->pos;
  if (accept (p, "!"))
    kind = NODE_NOT;
  else if (accept (p, "-"))
    kind = NODE_NEGATE;
  else
    return parse_primary (p);
  if ((operand = parse_unary (p)) == NULL)
    return NULL;
  node = node_new (kind, start);
  node->a = operand;
  return node;
}

static Node *
binary (Node *a, Op op, Node *b)
{
  Node *node = node_new (NODE_BINARY, a->offset);

  node->op = op;
  node->a = a;
  node->b = b;
  return node;
}

typedef Node *(*ParseFunc) (Parser *p);

/* One left-associative level: operands from @next joined by the @n operators in @tokens. */
static Node *
parse_level (Parser *p, ParseFunc next, const char *const *tokens, const Op *ops, guint n)
{
  Node *left = next (p);

  while (left != NULL)
    {
      guint k;
      Node *right;

      for (k = 0; k < n; k++)
        if (accept (p, tokens[k]))
          break;
      if (k == n)
        break;
      if ((right = next (p)) == NULL)
        {
          node_free (left);
          return NULL;
        }
      left = binary (left, ops[k], right);
    }
  return left;
}

static Node *
parse_product (Parser *p)
{
  static const char *const tokens[] = { "*", "/" };
  static const Op ops[] = { OP_MUL, OP_DIV };
  return parse_level (p, parse_unary, tokens, ops, 2);
}

static Node *
parse_sum (Parser *p)
{
  static const char *const tokens[] = { "+", "-" };
  static const Op ops[] = { OP_ADD, OP_SUB };
  return parse_level (p, parse_product, tokens, ops, 2);
}

static Node *
parse_relation (Parser *p)
{
  static const char *const tokens[] = { "<=", ">=", "<", ">" };
  static const Op ops[] = { OP_LE, OP_GE, OP_LT, OP_GT };
  return parse_level (p, parse_sum, tokens, ops, 4);
}

static gboolean
is_text_name (const Node *node)
{
  return node->kind == NODE_NAME && (node->name == NAME_PHASE || node->name == NAME_VIEW);
}

/* `phase == backward`: the name and the word become one text comparison, the word checked
 * against what the name can be. */
static Node *
text_compare (Parser *p, Node *node)
{
  Node *name = is_text_name (node->a) ? node->a : node->b;
  Node *word = name == node->a ? node->b : node->a;
  const char *const *allowed = name->name == NAME_PHASE ? phase_words : ns_lesson_view_names;
  Node *compare;

  if (word_index (allowed, -1, word->word) < 0)
    {
      g_autofree char *list = join_words (allowed, -1);
      fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_UNKNOWN_NAME, word->offset,
            "unknown %s “%s”: expected one of %s", name_words[name->name], word->word, list);
      node_free (node);
      return NULL;
    }
  compare = node_new (NODE_TEXT_COMPARE, node->offset);
  compare->op = node->op;
  compare->name = name->name;
  compare->word = g_steal_pointer (&word->word);
  node_free (node);
  return compare;
}

static Node *
parse_equality (Parser *p)
{
  static const char *const tokens[] = { "==", "!=" };
  static const Op ops[] = { OP_EQ, OP_NE };
  Node *left = parse_relation (p);

  while (left != NULL)
    {
      guint k;
      Node *right;

      for (k = 0; k < 2; k++)
        if (accept (p, tokens[k]))
          break;
      if (k == 2)
        break;
      if ((right = parse_relation (p)) == NULL)
        {
          node_free (left);
          return NULL;
        }
      left = binary (left, ops[k], right);
      if ((is_text_name (left->a) && left->b->kind == NODE_WORD)
          || (is_text_name (left->b) && left->a->kind == NODE_WORD))
        left = text_compare (p, left);
    }
  return left;
}

static Node *
parse_and (Parser *p)
{
  static const char *const tokens[] = { "&&" };
  static const Op ops[] = { OP_AND };
  return parse_level (p, parse_equality, tokens, ops, 1);
}

static Node *
parse_or (Parser *p)
{
  static const char *const tokens[] = { "||" };
  static const Op ops[] = { OP_OR };
  return parse_level (p, parse_and, tokens, ops, 1);
}

/* Words left outside a text comparison are unknown names; text names outside one have no
 * number to give. The first such node in reading order, or NULL. */
static const Node *
find_misplaced (const Node *node)
{
  const Node *found;

  if (node == NULL)
    return NULL;
  if (node->kind == NODE_WORD || is_text_name (node))
    return node;
  if ((found = find_misplaced (node->a)) != NULL)
    return found;
  return find_misplaced (node->b);
}

NsGoal *
ns_goal_parse_lines (const char *text, guint *error_line, GError **error)
{
  Parser p = { text, 0, NULL };
  Node *root;
  const Node *misplaced;
  guint line, column;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  skip_space (&p);
  if (p.text[p.pos] == '\0')
    root = fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p.pos, "expected an expression");
  else if ((root = parse_or (&p)) != NULL)
    {
      skip_space (&p);
      if (p.text[p.pos] == '&' || p.text[p.pos] == '|' || p.text[p.pos] == '=')
        fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p.pos, "expected “&&”, “||” or “==”");
      else if (p.text[p.pos] != '\0')
        fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p.pos, "expected an operator or the end");
      else if ((misplaced = find_misplaced (root)) != NULL && misplaced->kind == NODE_WORD)
        {
          g_autofree char *names = join_words (name_words, N_NAMES);
          fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_UNKNOWN_NAME, misplaced->offset,
                "unknown name “%s”: expected one of %s", misplaced->word, names);
        }
      else if (misplaced != NULL)
        fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, misplaced->offset,
              "%s is a word: expected it compared with == or != to one (%s == %s)",
              name_words[misplaced->name], name_words[misplaced->name],
              misplaced->name == NAME_PHASE ? "backward" : "loss");
    }
  if (p.error != NULL)
    {
      locate (text, p.pos, &line, &column);
      if (error_line != NULL)
        *error_line = line;
      node_free (root);
      g_propagate_error (error, p.error);
      return NULL;
    }
  {
    NsGoal *goal = g_new0 (NsGoal, 1);
    goal->text = g_strstrip (g_strdup (text));
    goal->root = root;
    return goal;
  }
}

NsGoal *
ns_goal_parse (const char *text, GError **error)
{
  return ns_goal_parse_lines (text, NULL, error);
}

void
ns_goal_free (NsGoal *goal)
{
  if (goal == NULL)
    return;
  node_free (goal->root);
  g_free (goal->text);
  g_free (goal);
}

const char *
ns_goal_get_text (const NsGoal *goal)
{
  g_return_val_if_fail (goal != NULL, NULL);
  return goal->text;
}

static gboolean
node_is_interactive (const Node *node)
{
  if (node == NULL)
    return FALSE;
  if ((node->kind == NODE_NAME || node->kind == NODE_TEXT_COMPARE)
      && node->name >= N_MEASURED_NAMES)
    return TRUE;
  return node_is_interactive (node->a) || node_is_interactive (node->b);
}

gboolean
ns_goal_is_interactive (const NsGoal *goal)
{
  g_return_val_if_fail (goal != NULL, FALSE);
  return node_is_interactive (goal->root);
}

static const Node *
first_measured (const Node *node)
{
  const Node *found;

  if (node == NULL)
    return NULL;
  if (node->kind == NODE_NAME && node->name < N_MEASURED_NAMES)
    return node;
  if ((found = first_measured (node->a)) != NULL)
    return found;
  return first_measured (node->b);
}

const char *
ns_goal_get_main_name (const NsGoal *goal)
{
  const Node *node;

  g_return_val_if_fail (goal != NULL, NULL);
  node = first_measured (goal->root);
  return node != NULL ? name_words[node->name] : NULL;
}

/* A float setting as the lesson wrote it: 0.1f is 0.100000001, which `lr <= 0.1` refuses. */
static double
float_setting (float value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_ascii_strtod (g_ascii_formatd (buffer, sizeof buffer, "%.7g", value), NULL);
}

static double
measure (NsExperiment *exp, Name name)
{
  const NsConfig *config = ns_experiment_get_config (exp);
  const NsHistoryEntry *current = ns_experiment_get_current (exp);
  guint count = 0;

  switch (name)
    {
    case NAME_TRAIN_LOSS:
      return current->train_loss;
    case NAME_TEST_LOSS:
      return current->test_loss;
    case NAME_TRAIN_ACCURACY:
      return current->train_accuracy;
    case NAME_TEST_ACCURACY:
      return current->test_accuracy;
    case NAME_EPOCH:
      return ns_experiment_get_epoch (exp);
    case NAME_STEP:
      return (double) ns_experiment_get_step (exp);
    case NAME_HIDDEN_NEURONS:
    case NAME_CONV_LAYERS:
      for (guint h = 0; h < config->n_layers; h++)
        if (name == NAME_HIDDEN_NEURONS && config->layers[h].kind == NN_LAYER_DENSE)
          count += (guint) config->layers[h].units;
        else if (name == NAME_CONV_LAYERS && config->layers[h].kind == NN_LAYER_CONV2D)
          count++;
      return count;
    case NAME_LAYERS:
      return config->n_layers;
    case NAME_PARAMS:
      return (double) ns_experiment_get_net (exp)->n_params;
    case NAME_LR:
      return float_setting (config->trainer.learning_rate);
    case NAME_BATCH:
      return config->batch_size;
    case NAME_L1:
    case NAME_L2:
      return config->trainer.regularization == (name == NAME_L1 ? NN_REG_L1 : NN_REG_L2)
                 ? float_setting (config->trainer.reg_rate)
                 : 0.0;
    case NAME_NOISE:
      return config->noise;
    case NAME_DIVERGED:
      return ns_experiment_get_diverged (exp) ? 1.0 : 0.0;
    case NAME_POINTS:
      return ns_experiment_get_dataset (exp)->n_train;
    case NAME_GRADIENT_RATIO:
      {
        guint n_epochs, n_layers, first;
        const double *health =
            ns_experiment_get_gradient_health (exp, &n_epochs, &n_layers, &first);
        const double *row;

        /* The last finished epoch's first layer over its last (the output layer). */
        if (health == NULL || n_epochs == 0 || n_layers == 0)
          return NAN;
        row = health + (gsize) (n_epochs - 1) * n_layers;
        return row[n_layers - 1] > 0 ? row[0] / row[n_layers - 1] : NAN;
      }
    default:
      g_assert_not_reached ();
    }
}

gboolean
ns_goal_measure (NsExperiment *experiment, const char *name, double *value)
{
  int index;

  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  index = word_index (name_words, N_MEASURED_NAMES, name);
  if (index < 0)
    return FALSE;
  *value = measure (experiment, index);
  return TRUE;
}

static double
call_value (const Node *node, NsExperiment *exp)
{
  const NsConfig *config = ns_experiment_get_config (exp);
  guint with_activation = 0;

  switch (node->func)
    {
    case FUNC_FEATURE:
      return ns_config_is_plane (config) && (config->features & (1u << node->arg)) != 0;
    case FUNC_ACTIVATION:
      /* Every hidden layer that has an activation uses it (none: no). */
      for (guint h = 0; h < config->n_layers; h++)
        if (ns_layer_kind_has_activation (config->layers[h].kind))
          {
            if (config->layers[h].act != (NnActivation) node->arg)
              return 0.0;
            with_activation++;
          }
      return with_activation > 0;
    case FUNC_OPTIMIZER:
      return config->trainer.optimizer == (NnOptimizer) node->arg;
    case FUNC_DATASET:
      return config->data_path == NULL && config->dataset == (NsDatasetKind) node->arg;
    case N_FUNCS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
interactive_value (const Node *node, const NsGoalContext *context, double *value)
{
  switch (node->name)
    {
    case NAME_POINTS_ADDED:
      *value = context->points_added;
      return TRUE;
    case NAME_WEIGHT_EDITS:
      *value = context->weight_edits;
      return TRUE;
    case NAME_DRAWINGS:
      *value = context->drawings;
      return TRUE;
    case NAME_RACE_DONE:
      *value = context->race_done ? 1.0 : 0.0;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
eval_node (const Node *node, const NsGoalContext *context, double *value, GError **error)
{
  double a, b;

  switch (node->kind)
    {
    case NODE_NUMBER:
      *value = node->number;
      return TRUE;
    case NODE_TEXT_COMPARE:
      {
        const char *is = node->name == NAME_PHASE
                             ? (context->phase != NULL ? context->phase : "idle")
                             : (context->view != NULL ? context->view : "");
        gboolean same = strcmp (is, node->word) == 0;
        *value = (node->op == OP_EQ) == same ? 1.0 : 0.0;
        return TRUE;
      }
    case NODE_NAME:
    case NODE_CALL:
      if (node->kind == NODE_NAME && interactive_value (node, context, value))
        return TRUE;
      if (context->experiment == NULL)
        {
          g_set_error (error, NS_GOAL_ERROR, NS_GOAL_ERROR_UNAVAILABLE,
                       "%s: no experiment to measure it on",
                       node->kind == NODE_NAME ? name_words[node->name] : func_words[node->func]);
          return FALSE;
        }
      *value = node->kind == NODE_NAME ? measure (context->experiment, node->name)
                                       : call_value (node, context->experiment);
      return TRUE;
    case NODE_NOT:
    case NODE_NEGATE:
      if (!eval_node (node->a, context, &a, error))
        return FALSE;
      *value = node->kind == NODE_NOT ? (a == 0.0 ? 1.0 : 0.0) : -a;
      return TRUE;
    case NODE_BINARY:
      if (!eval_node (node->a, context, &a, error))
        return FALSE;
      /* && and || as in C, but both sides read so that an error is never hidden. */
      if (!eval_node (node->b, context, &b, error))
        return FALSE;
      switch (node->op)
        {
        case OP_OR:
          *value = (a != 0.0 && !isnan (a)) || (b != 0.0 && !isnan (b));
          break;
        case OP_AND:
          *value = (a != 0.0 && !isnan (a)) && (b != 0.0 && !isnan (b));
          break;
        case OP_EQ:
          *value = a == b;
          break;
        case OP_NE:
          *value = !isnan (a) && !isnan (b) && a != b;
          break;
        case OP_LT:
          *value = a < b;
          break;
        case OP_LE:
          *value = a <= b;
          break;
        case OP_GT:
          *value = a > b;
          break;
        case OP_GE:
          *value = a >= b;
          break;
        case OP_ADD:
          *value = a + b;
          break;
        case OP_SUB:
          *value = a - b;
          break;
        case OP_MUL:
          *value = a * b;
          break;
        case OP_DIV:
          *value = a / b;
          break;
        default:
          g_assert_not_reached ();
        }
      return TRUE;
    case NODE_WORD:
    default:
      g_assert_not_reached ();
    }
}

gboolean
ns_goal_eval (const NsGoal *goal, const NsGoalContext *context, gboolean *reached, GError **error)
{
  double value;

  g_return_val_if_fail (goal != NULL && context != NULL && reached != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *reached = FALSE;
  if (!eval_node (goal->root, context, &value, error))
    return FALSE;
  *reached = value != 0.0 && !isnan (value);
  return TRUE;
}
