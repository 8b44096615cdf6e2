/* ns-goal.c: goals parsed by recursive descent (one function per precedence level, as C's
 * grammar reads) into a small tree, names checked while parsing; evaluated in ns-goal-eval.c. */
#include "config.h"

#include "ns-goal-private.h"

#include <math.h>
#include <string.h>

#include "ns-features.h"
#include "ns-lesson.h"

/* clang-format off */
G_DEFINE_QUARK (ns-goal-error-quark, ns_goal_error)
/* clang-format on */

const char *const ns_goal_name_words[N_NAMES] = {
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

const char *const ns_goal_func_words[N_FUNCS] = { "feature", "activation", "optimizer", "dataset" };

static const char *const phase_words[] = { "idle", "forward", "loss", "backward", "update", NULL };

/* Goals are one line or a few: the bounds keep the recursive parser, and the tree's
 * recursive walks, far from the end of the stack whatever a file holds. */
#define MAX_GOAL_LENGTH 2000
#define MAX_NESTING 32

typedef struct
{
  const char *text;
  gsize pos;
  guint depth; /* parentheses and unary operators open around pos */
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

/* Enters one more level of parentheses or unary operators; NULL (an error) when too deep. */
static gboolean
nest (Parser *p, gsize start)
{
  if (++p->depth <= MAX_NESTING)
    return TRUE;
  fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, start,
        "expected at most %d nested parentheses and unary operators", MAX_NESTING);
  return FALSE;
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
                 "unknown %s “%s”: expected %s", ns_goal_func_words[func], word,
                 call_expected (func));
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
      Node *inner;

      if (!nest (p, start) || (inner = parse_or (p)) == NULL)
        return NULL;
      p->depth--;
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

      if ((index = word_index (ns_goal_func_words, N_FUNCS, word)) >= 0)
        return parse_call (p, index, start);
      funcs = join_words (ns_goal_func_words, N_FUNCS);
      return fail (p, NS_GOAL_ERROR, NS_GOAL_ERROR_UNKNOWN_NAME, start,
                   "unknown function “%s”: expected one of %s", word, funcs);
    }
  if ((index = word_index (ns_goal_name_words, N_NAMES, word)) >= 0)
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
  if (!nest (p, start) || (operand = parse_unary (p)) == NULL)
    return NULL;
  p->depth--;
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
            "unknown %s “%s”: expected one of %s", ns_goal_name_words[name->name], word->word,
            list);
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
  Parser p = { text, 0, 0, NULL };
  Node *root;
  const Node *misplaced;
  guint line, column;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  skip_space (&p);
  if (p.text[p.pos] == '\0')
    root = fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p.pos, "expected an expression");
  else if (strlen (text) > MAX_GOAL_LENGTH)
    root = fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, MAX_GOAL_LENGTH,
                 "expected a goal of at most %d characters", MAX_GOAL_LENGTH);
  else if ((root = parse_or (&p)) != NULL)
    {
      skip_space (&p);
      if (p.text[p.pos] == '&' || p.text[p.pos] == '|' || p.text[p.pos] == '=')
        fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p.pos, "expected “&&”, “||” or “==”");
      else if (p.text[p.pos] != '\0')
        fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, p.pos, "expected an operator or the end");
      else if ((misplaced = find_misplaced (root)) != NULL && misplaced->kind == NODE_WORD)
        {
          g_autofree char *names = join_words (ns_goal_name_words, N_NAMES);
          fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_UNKNOWN_NAME, misplaced->offset,
                "unknown name “%s”: expected one of %s", misplaced->word, names);
        }
      else if (misplaced != NULL)
        fail (&p, NS_GOAL_ERROR, NS_GOAL_ERROR_SYNTAX, misplaced->offset,
              "%s is a word: expected it compared with == or != to one (%s == %s)",
              ns_goal_name_words[misplaced->name], ns_goal_name_words[misplaced->name],
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

/* The first measured name in reading order that lies in [@from, @to), or NULL. */
static const Node *
first_measured (const Node *node, Name from, Name to)
{
  const Node *found;

  if (node == NULL)
    return NULL;
  if (node->kind == NODE_NAME && node->name >= from && node->name < to)
    return node;
  if ((found = first_measured (node->a, from, to)) != NULL)
    return found;
  return first_measured (node->b, from, to);
}

const char *
ns_goal_get_main_name (const NsGoal *goal)
{
  const Node *node;

  g_return_val_if_fail (goal != NULL, NULL);
  /* A loss or an accuracy says most about a run; else whatever the goal measures first. */
  node = first_measured (goal->root, NAME_TRAIN_LOSS, NAME_TEST_ACCURACY + 1);
  if (node == NULL)
    node = first_measured (goal->root, 0, N_MEASURED_NAMES);
  return node != NULL ? ns_goal_name_words[node->name] : NULL;
}

/* A float setting as the lesson wrote it: 0.1f is 0.100000001, which `lr <= 0.1` refuses. */
