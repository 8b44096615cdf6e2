/* ns-goal-private.h: a parsed goal, shared by its parser (ns-goal.c) and its evaluation
 * (ns-goal-eval.c). */
#pragma once

#include "ns-goal.h"

G_BEGIN_DECLS

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

typedef enum
{
  FUNC_FEATURE,
  FUNC_ACTIVATION,
  FUNC_OPTIMIZER,
  FUNC_DATASET,
  N_FUNCS
} Func;

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

/* The names' and functions' words, indexed by Name and Func. */
extern const char *const ns_goal_name_words[N_NAMES];
extern const char *const ns_goal_func_words[N_FUNCS];

G_END_DECLS
