/* ns-window-controls.c: the bar of trainer settings under the header bar, and the window
 * properties behind it, which follow the experiment and write back to it. */
#include "config.h"

#include "ns-window-private.h"

#include <math.h>
#include <string.h>

#include "ns-learning-rates.h"
#include "ns-printf.h"

typedef struct
{
  const char *property; /* also the action's name after "win." */
  const char *caption;
  const char *tooltip;
  const char *choices[12]; /* "label|GVariant text", NULL-terminated; the learning rates' come
                            * from their table (ns-learning-rates.h) */
} ControlSpec;

static const ControlSpec controls[N_CONTROLS] = {
  [CONTROL_LEARNING_RATE] = { "learning-rate",
                              "Learning rate",
                              "How big a step the weights take against the gradient each "
                              "mini-batch. Too small: slow "
                              "learning. Too large: the loss jumps about or blows up.",
                              { NULL } },
  [CONTROL_ACTIVATION] = { "activation",
                           "Activation",
                           "The function each hidden neuron applies to its weighted sum, for every "
                           "hidden layer (each "
                           "layer can also have its own: see its menu in the diagram).",
                           { "ReLU|'relu'", "Leaky ReLU|'leaky_relu'", "Tanh|'tanh'",
                             "Sigmoid|'sigmoid'", "Linear|'linear'", NULL } },
  [CONTROL_REGULARIZATION] = { "regularization",
                               "Regularization",
                               "A penalty on large weights that keeps the network simpler: L1 "
                               "pushes weights to exactly "
                               "zero, L2 shrinks them all.",
                               { "None|'none'", "L1|'l1'", "L2|'l2'", NULL } },
  [CONTROL_REGULARIZATION_RATE] = { "regularization-rate",
                                    "Regularization rate",
                                    "How strong the penalty on large weights is.",
                                    { "0|0.0", "0.001|0.001", "0.003|0.003", "0.01|0.01",
                                      "0.03|0.03", "0.1|0.1", "0.3|0.3", "1|1.0", "3|3.0",
                                      "10|10.0", NULL } },
  [CONTROL_PROBLEM] = { "problem",
                        "Problem type",
                        "Classification: the network tells classes apart. Regression: it predicts "
                        "a number.",
                        { "Classification|'classification'", "Regression|'regression'", NULL } },
  [CONTROL_OPTIMIZER] = { "optimizer",
                          "Optimizer",
                          "How the gradient turns into a step: plain SGD, SGD with momentum (keeps "
                          "some of the last "
                          "step), or Adam (a step size of its own for every weight).",
                          { "SGD|'sgd'", "Momentum|'momentum'", "Adam|'adam'", NULL } },
  [CONTROL_SPEED] = { "steps-per-frame",
                      "Speed",
                      "How much training happens between two pictures. The run is the same at any "
                      "speed.",
                      { "1 batch per frame|uint32 1", "5 batches per frame|uint32 5",
                        "1 epoch per frame|uint32 0", "As fast as possible|uint32 4294967295",
                        NULL } },
  [CONTROL_STEP_SIZE] = { "step-size",
                          "Step (Right)",
                          "What one step (the step button, Right arrow) does: a whole epoch, one "
                          "mini-batch, or one "
                          "phase of one sample (forward, loss, backward; the update after the "
                          "batch's last sample). "
                          "Left goes back a phase.",
                          { "Epoch|'epoch'", "Mini-batch|'batch'", "Sample phase|'sample'",
                            NULL } },
};

const char *
ns_window_control_property (Control control)
{
  return controls[control].property;
}

/* Choice @k of @control: its label and its action's target; FALSE past the last one. */
static gboolean
control_choice (Control control, guint k, char **label, GVariant **target)
{
  const char *bar;

  if (control == CONTROL_LEARNING_RATE)
    {
      guint n_rates;
      const NsLearningRate *rates = ns_learning_rates_get (&n_rates);

      if (k >= n_rates)
        return FALSE;
      *label = g_strdup (rates[k].label);
      *target = g_variant_ref_sink (g_variant_new_double (rates[k].value));
      return TRUE;
    }

  if (controls[control].choices[k] == NULL)
    return FALSE;
  bar = strchr (controls[control].choices[k], '|');
  *label = g_strndup (controls[control].choices[k], bar - controls[control].choices[k]);
  *target = g_variant_parse (NULL, bar + 1, NULL, NULL, NULL);
  g_assert (*target != NULL);
  return TRUE;
}

static NnTrainer
current_trainer (NsWindow *self)
{
  return ns_experiment_get_config (self->experiment)->trainer;
}

/* The text a control's button shows for the current value: its choice's label, or the value. */
static char *
control_value_text (NsWindow *self, Control control)
{
  g_auto (GValue) value = G_VALUE_INIT;
  g_autoptr (GVariant) state = NULL;
  const GVariantType *type;
  GParamSpec *pspec =
      g_object_class_find_property (G_OBJECT_GET_CLASS (self), controls[control].property);

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (self), controls[control].property, &value);
  type = pspec->value_type == G_TYPE_DOUBLE ? G_VARIANT_TYPE_DOUBLE
         : pspec->value_type == G_TYPE_UINT ? G_VARIANT_TYPE_UINT32
                                            : G_VARIANT_TYPE_STRING;
  state = g_dbus_gvalue_to_gvariant (&value, type);
  for (guint k = 0;; k++)
    {
      g_autofree char *label = NULL;
      g_autoptr (GVariant) choice = NULL;

      if (!control_choice (control, k, &label, &choice))
        break;
      if (g_variant_equal (choice, state))
        return g_steal_pointer (&label);
    }
  if (pspec->value_type == G_TYPE_DOUBLE)
    return ns_strdup_printf ("%g", g_value_get_double (&value));
  if (pspec->value_type == G_TYPE_STRING)
    return g_strdup (g_value_get_string (&value));
  return g_strdup_printf ("%u", g_value_get_uint (&value));
}

void
ns_window_update_control (NsWindow *self, Control control)
{
  g_autofree char *text = NULL;

  if (self->control_values[control] == NULL)
    return;
  text = control_value_text (self, control);
  gtk_label_set_label (self->control_values[control], text);
}

/* Snaps a float setting to the control's choice it came from (0.03f is not 0.03). */
static double
snap_to_choice (Control control, double value)
{
  if (control == CONTROL_LEARNING_RATE)
    {
      const NsLearningRate *rate = ns_learning_rates_find (value);

      return rate != NULL ? rate->value : value;
    }
  for (guint k = 0; controls[control].choices[k] != NULL; k++)
    {
      double choice = g_ascii_strtod (strchr (controls[control].choices[k], '|') + 1, NULL);
      if (fabs (choice - value) <= 1e-6 * MAX (fabs (choice), 1e-12))
        return choice;
    }
  return value;
}

void
ns_window_set_string (char **field, const char *value)
{
  char *copy = g_strdup (value); /* first: @value may be *field itself */

  g_free (*field);
  *field = copy;
}

/* The properties follow the experiment (a lesson, an undo or a loaded file may change it). */
void
ns_window_sync_from_experiment (NsWindow *self)
{
  const NsConfig *config = ns_experiment_get_config (self->experiment);
  const char *activation = NULL;

  /* The layers that have an activation (pool and flatten pass values through) agree on one,
   * or it is "mixed". */
  for (guint h = 0; h < config->n_layers; h++)
    {
      const char *name = nn_activation_name (config->layers[h].act);

      if (!ns_layer_kind_has_activation (config->layers[h].kind))
        continue;
      if (activation == NULL)
        activation = name;
      else if (!g_str_equal (activation, name))
        activation = "mixed";
    }
  if (activation == NULL)
    activation = "tanh";

  self->syncing++;
  self->learning_rate = snap_to_choice (CONTROL_LEARNING_RATE, config->trainer.learning_rate);
  ns_window_set_string (&self->activation, activation);
  ns_window_set_string (&self->regularization,
                        nn_regularization_name (config->trainer.regularization));
  self->regularization_rate =
      config->trainer.regularization == NN_REG_NONE
          ? 0.0
          : snap_to_choice (CONTROL_REGULARIZATION_RATE, config->trainer.reg_rate);
  ns_window_set_string (&self->problem,
                        config->problem == NS_PROBLEM_REGRESSION ? "regression" : "classification");
  ns_window_set_string (&self->optimizer, nn_optimizer_name (config->trainer.optimizer));
  for (guint c = CONTROL_LEARNING_RATE; c <= CONTROL_OPTIMIZER; c++)
    g_object_notify (G_OBJECT (self), controls[c].property);
  for (guint c = 0; c < N_CONTROLS; c++)
    ns_window_update_control (self, c);
  self->syncing--;
}

void
ns_window_set_learning_rate (NsWindow *self, double rate)
{
  NnTrainer trainer = current_trainer (self);

  rate = CLAMP (rate, 1e-6, 10.0);
  if (rate == self->learning_rate)
    return;
  self->learning_rate = rate;
  trainer.learning_rate = (float) rate;
  ns_experiment_set_trainer (self->experiment, &trainer);
  ns_window_update_diverged (self);
}

void
ns_window_set_activation (NsWindow *self, const char *name)
{
  int act = nn_activation_from_name (name);

  if (!nn_activation_is_hidden (act) || g_strcmp0 (name, self->activation) == 0)
    return;
  ns_window_set_string (&self->activation, name);
  ns_experiment_set_activations (self->experiment, act);
}

void
ns_window_set_regularization (NsWindow *self, const char *name, double rate)
{
  NnTrainer trainer = current_trainer (self);
  int reg = nn_regularization_from_name (name);

  if (reg < 0)
    return;
  /* Choosing L1 or L2 at rate 0 would do nothing: start at the Playground's smallest rate. */
  if (reg != NN_REG_NONE && rate == 0.0)
    rate = 0.001;
  ns_window_set_string (&self->regularization, name);
  self->regularization_rate = reg == NN_REG_NONE ? 0.0 : rate;
  trainer.regularization = self->regularization_rate == 0.0 ? NN_REG_NONE : reg;
  trainer.reg_rate = (float) self->regularization_rate;
  if (trainer.regularization == NN_REG_NONE)
    ns_window_set_string (&self->regularization, "none");
  ns_experiment_set_trainer (self->experiment, &trainer);
}

void
ns_window_set_optimizer (NsWindow *self, const char *name)
{
  NnTrainer trainer = current_trainer (self);
  int opt = nn_optimizer_from_name (name);

  if (opt < 0)
    return;
  ns_window_set_string (&self->optimizer, name);
  trainer.optimizer = opt;
  ns_experiment_set_trainer (self->experiment, &trainer);
}

void
ns_window_set_problem (NsWindow *self, const char *name)
{
  NsProblem problem =
      g_strcmp0 (name, "regression") == 0 ? NS_PROBLEM_REGRESSION : NS_PROBLEM_CLASSIFICATION;

  ns_window_set_string (&self->problem, name);
  if (!ns_experiment_set_problem (self->experiment, problem))
    ns_window_show_message (self, "The problem type follows the labels of a data file");
}

/* The offered rates below the current one, largest first: the candidates for recovery. */
static double *
lower_rates (NsWindow *self, guint *n_lower)
{
  const NsConfig *config = ns_experiment_get_config (self->experiment);
  const NsLearningRate *rates;
  double *lower;
  guint n_rates;

  rates = ns_learning_rates_get (&n_rates);
  lower = g_new (double, n_rates);
  *n_lower = 0;
  for (guint k = n_rates; k-- > 0;)
    if (rates[k].value < config->trainer.learning_rate * (1.0 - 1e-6))
      lower[(*n_lower)++] = rates[k].value;
  return lower;
}

/* Whether the recovery rate kept (or being checked) was for the network and trainer now. */
static gboolean
recovery_key_matches (NsWindow *self)
{
  const NsConfig *config = ns_experiment_get_config (self->experiment);

  return self->recovery_version == ns_experiment_get_version (self->experiment)
         && self->recovery_batch_size == config->batch_size
         && memcmp (&self->recovery_trainer, &config->trainer, sizeof config->trainer) == 0;
}

static void
store_recovery_key (NsWindow *self)
{
  const NsConfig *config = ns_experiment_get_config (self->experiment);

  self->recovery_version = ns_experiment_get_version (self->experiment);
  self->recovery_trainer = config->trainer;
  self->recovery_batch_size = config->batch_size;
}

/* What "reset with a lower rate" picks after a run diverged: the largest offered rate below
 * the current one with which a reset run keeps its first NS_WINDOW_RECOVERY_EPOCHS epochs
 * finite, checked by the experiment on a copy of itself; 0 if no lower rate does. Halving or
 * a tenth can diverge again: only a checked rate is offered. Waits for the check if
 * ns_window_check_recovery has not got the answer yet. */
double
ns_window_recovery_learning_rate (NsWindow *self)
{
  g_autofree double *lower = NULL;
  guint n_lower;
  double rate;

  if (self->recovery_valid && recovery_key_matches (self))
    return self->recovery_rate;

  lower = lower_rates (self, &n_lower);
  if (!ns_experiment_find_stable_learning_rate (self->experiment, lower, n_lower,
                                                NS_WINDOW_RECOVERY_EPOCHS, &rate))
    rate = 0.0;
  store_recovery_key (self);
  self->recovery_rate = rate;
  self->recovery_valid = TRUE;
  return rate;
}

static void
recovery_found_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (NsWindow) self = user_data;
  double rate;

  if (!ns_experiment_find_stable_learning_rate_finish (NS_EXPERIMENT (source), result, &rate, NULL))
    return; /* cancelled: a newer check or the window's end */
  self->recovery_pending = FALSE;
  if (self->experiment != NS_EXPERIMENT (source))
    return;
  if (recovery_key_matches (self))
    {
      self->recovery_rate = rate;
      self->recovery_valid = TRUE;
    }
  ns_window_update_diverged (self); /* shows it, or checks again for what changed */
}

/* TRUE with *@rate if the recovery rate for the network and trainer now is known; otherwise
 * starts checking it on a worker thread (a wide network's epochs can take a while) and
 * returns FALSE: the banner is updated when the answer comes. */
gboolean
ns_window_check_recovery (NsWindow *self, double *rate)
{
  g_autofree double *lower = NULL;
  guint n_lower;

  if (self->recovery_valid && recovery_key_matches (self))
    {
      *rate = self->recovery_rate;
      return TRUE;
    }
  if (self->recovery_pending && recovery_key_matches (self))
    return FALSE;

  if (self->recovery_cancellable != NULL)
    g_cancellable_cancel (self->recovery_cancellable);
  g_clear_object (&self->recovery_cancellable);
  self->recovery_cancellable = g_cancellable_new ();
  store_recovery_key (self);
  self->recovery_valid = FALSE;
  self->recovery_pending = TRUE;
  lower = lower_rates (self, &n_lower);
  ns_experiment_find_stable_learning_rate_async (
      self->experiment, lower, n_lower, NS_WINDOW_RECOVERY_EPOCHS, self->recovery_cancellable,
      recovery_found_cb, g_object_ref (self));
  return FALSE;
}

void
ns_window_build_control_bar (NsWindow *self)
{
  for (guint c = 0; c < N_CONTROLS; c++)
    {
      const ControlSpec *spec = &controls[c];
      g_autoptr (GMenu) menu = g_menu_new ();
      g_autofree char *action = g_strconcat ("win.", spec->property, NULL);
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *caption = gtk_label_new (spec->caption);
      GtkWidget *value = gtk_label_new (NULL);

      for (guint k = 0;; k++)
        {
          g_autofree char *label = NULL;
          g_autoptr (GVariant) target = NULL;
          g_autoptr (GMenuItem) item = NULL;

          if (!control_choice (c, k, &label, &target))
            break;
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, action, target);
          g_menu_append_item (menu, item);
        }

      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_widget_add_css_class (value, "control-value");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (GTK_BOX (box), value);

      gtk_menu_button_set_child (GTK_MENU_BUTTON (button), box);
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_set_tooltip_text (button, spec->tooltip);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "control");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spec->caption, -1);
      gtk_flow_box_append (self->control_bar, button);
      /* The button takes the focus, not the flow box's child around it (whose arrow keys
       * would move between controls instead of stepping). */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      self->control_values[c] = GTK_LABEL (value);
    }
}
