/* ns-race-window-contestants.c: the race window's list of contestants (a row each: its
 * swatch, optimizer, learning rate and remove button) and the actions that change the
 * contestants (race.add, race.remove, race.set-optimizer, race.set-learning-rate), each of
 * which makes the race anew. Its own file because the list and its dropdowns are half the
 * window's code and have nothing to do with the race's training loop. */
#include "config.h"

#include "ns-race-window-private.h"

#include <math.h>

#include "ns-learning-rates.h"
#include "ns-printf.h"
#include "ns-render-race.h"
#include "ns-render-style.h"

/* In NnOptimizer's order. */
static const char *const optimizer_titles[] = { "SGD", "Momentum", "Adam", NULL };

typedef struct
{
  NnOptimizer optimizer;
  float learning_rate;
} Contestant;

/* ---- the contestants' list ---- */

static gboolean
same_rate (double a, double b)
{
  return fabs (a - b) <= 1e-6 * fabs (b);
}

static char *
format_rate (double rate)
{
  return ns_learning_rates_format (rate);
}

/* The offered rates (the main window's), and @rate in its place among them if it is not one
 * of them (a base experiment's rate set by hand or from a file). */
static GPtrArray *
rate_choices (double rate, double *values, guint *selected)
{
  guint n_rates;
  const NsLearningRate *rates = ns_learning_rates_get (&n_rates);
  GPtrArray *choices = g_ptr_array_new_null_terminated (n_rates + 1, g_free, TRUE);
  gboolean placed = FALSE;

  /* @values is a row's rate_values: room for every offered rate and one more. */
  g_assert (n_rates + 1 <= G_N_ELEMENTS (((Row *) NULL)->rate_values));

  for (guint k = 0; k < n_rates; k++)
    {
      if (!placed && same_rate (rate, rates[k].value))
        {
          *selected = choices->len;
          placed = TRUE;
        }
      else if (!placed && rate < rates[k].value)
        {
          *selected = choices->len;
          values[choices->len] = rate;
          g_ptr_array_add (choices, format_rate (rate));
          placed = TRUE;
        }
      values[choices->len] = rates[k].value;
      g_ptr_array_add (choices, g_strdup (rates[k].label));
    }
  if (!placed)
    {
      *selected = choices->len;
      values[choices->len] = rate;
      g_ptr_array_add (choices, format_rate (rate));
    }

  return choices;
}

/* A sample of the contestant's curve: its colour, width and dash, as in the chart. */
static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  NsRaceWindow *self = NS_RACE_WINDOW (user_data);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "index"));
  NsRenderStyle style;
  NsColor color;
  double line_width, pattern[NS_DASH_MAX_PATTERN];
  int n;

  ns_render_style_init (&style, adw_style_manager_get_dark (adw_style_manager_get_default ()),
                        self->zoom);
  ns_render_race_lane_style (&style, index, &color, &line_width);
  n = ns_dash_pattern (ns_render_race_lane_dash (index), line_width, pattern);

  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, pattern, n, 0);
  cairo_move_to (cr, line_width, height / 2.0);
  cairo_line_to (cr, width - line_width, height / 2.0);
  cairo_set_source_rgba (cr, color.r, color.g, color.b, color.a);
  cairo_stroke (cr);
}

static void
optimizer_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, NsRaceWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "index"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "race.set-optimizer", "(iu)", (gint32) index,
                              (guint32) selected);
}

static void
rate_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, NsRaceWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "index"));
  guint selected = gtk_drop_down_get_selected (dropdown);
  const Row *row = &self->rows[index];

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION
      || selected >= g_list_model_get_n_items (G_LIST_MODEL (row->rates)))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "race.set-learning-rate", "(id)", (gint32) index,
                              row->rate_values[selected]);
}

static void
add_row (NsRaceWindow *self)
{
  guint index = self->n_rows++;
  Row *row = &self->rows[index];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *lr_label = gtk_label_new ("lr");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  row->remove = remove;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 6);

  row->swatch = gtk_drawing_area_new ();
  g_object_set_data (G_OBJECT (row->swatch), "index", GUINT_TO_POINTER (index));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (row->swatch), draw_swatch, self, NULL);
  gtk_widget_set_valign (row->swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), row->swatch);

  row->optimizer = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (optimizer_titles));
  g_object_set_data (G_OBJECT (row->optimizer), "index", GUINT_TO_POINTER (index));
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->optimizer),
                               "How this contestant turns the gradient into a step: plain SGD, "
                               "SGD with momentum, or Adam. The race starts again.");
  gtk_widget_set_focus_on_click (GTK_WIDGET (row->optimizer), FALSE);
  g_signal_connect (row->optimizer, "notify::selected", G_CALLBACK (optimizer_selected_cb), self);
  gtk_widget_set_hexpand (GTK_WIDGET (row->optimizer), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->optimizer));

  gtk_widget_add_css_class (lr_label, "dim-label");
  gtk_box_append (GTK_BOX (box), lr_label);

  row->rates = gtk_string_list_new (NULL);
  row->rate = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (row->rates), NULL));
  g_object_set_data (G_OBJECT (row->rate), "index", GUINT_TO_POINTER (index));
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->rate),
                               "This contestant's learning rate: how big a step it takes. The "
                               "race starts again.");
  gtk_widget_set_focus_on_click (GTK_WIDGET (row->rate), FALSE);
  g_signal_connect (row->rate, "notify::selected", G_CALLBACK (rate_selected_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->rate));

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (remove, FALSE);
  gtk_widget_set_tooltip_text (remove, "Remove this contestant (the race starts again)");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "race.remove");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                          g_variant_new_int32 ((gint32) index));
  gtk_box_append (GTK_BOX (box), remove);

  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
  gtk_list_box_append (self->contestant_list, row->row);
}

static void
remove_last_row (NsRaceWindow *self)
{
  Row *row = &self->rows[--self->n_rows];

  gtk_list_box_remove (self->contestant_list, row->row);
  *row = (Row){ 0 };
}

/* Sets @list's items to @choices unless they are these already (an open dropdown keeps its
 * list when nothing changed). */
static void
set_choices (GtkStringList *list, GPtrArray *choices)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gboolean same = n == choices->len;

  for (guint k = 0; same && k < n; k++)
    same = g_strcmp0 (gtk_string_list_get_string (list, k), g_ptr_array_index (choices, k)) == 0;
  if (!same)
    gtk_string_list_splice (list, 0, n, (const char *const *) choices->pdata);
}

/* The list follows the race: a row per contestant, showing its optimizer and rate. */
void
ns_race_window_sync_rows (NsRaceWindow *self)
{
  guint n = ns_race_get_n_contestants (self->race);
  double swatch = 20 * self->zoom;

  while (self->n_rows < n)
    add_row (self);
  while (self->n_rows > n)
    remove_last_row (self);

  self->syncing = TRUE;
  for (guint i = 0; i < n; i++)
    {
      Row *row = &self->rows[i];
      g_autoptr (GPtrArray) choices = NULL;
      g_autofree char *optimizer_name = g_strdup_printf ("Contestant %u's optimizer", i + 1);
      g_autofree char *rate_name = g_strdup_printf ("Contestant %u's learning rate", i + 1);
      g_autofree char *remove_name = g_strdup_printf ("Remove contestant %u", i + 1);
      guint selected = 0;

      gtk_drop_down_set_selected (row->optimizer, ns_race_get_optimizer (self->race, i));
      choices =
          rate_choices (ns_race_get_learning_rate (self->race, i), row->rate_values, &selected);
      set_choices (row->rates, choices);
      gtk_drop_down_set_selected (row->rate, selected);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row->optimizer),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, optimizer_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->rate), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rate_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ns_race_get_label (self->race, i), -1);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (row->swatch), (int) round (2 * swatch));
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (row->swatch), (int) round (swatch));
      gtk_widget_queue_draw (row->swatch);
    }
  self->syncing = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.add", n < NS_RACE_MAX_CONTESTANTS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.remove", n > 1);
}

void
ns_race_window_set_race (NsRaceWindow *self, NsRace *race)
{
  g_set_object (&self->race, race);
  ns_race_view_set_race (self->race_view, race);
  ns_race_window_sync_rows (self);
  ns_race_window_after_steps (self);
}

/* ---- changing the contestants ---- */

/* A race of @contestants from @config: the base experiment made anew from the copied
 * configuration, so the window never needs the main window's experiment again. */
static NsRace *
make_race (const NsConfig *config, const Contestant *contestants, guint n, GError **error)
{
  g_auto (NsConfig) copy = { 0 };
  g_autoptr (NsExperiment) base = NULL;
  g_autoptr (NsRace) race = NULL;

  ns_config_init_default (&copy);
  ns_config_copy (&copy, config);
  base = ns_experiment_new (&copy, error);
  if (base == NULL)
    return NULL;

  race = ns_race_new (base);
  for (guint i = 0; i < n; i++)
    if (!ns_race_add (race, contestants[i].optimizer, contestants[i].learning_rate, error))
      return NULL;

  return g_steal_pointer (&race);
}

static guint
get_contestants (NsRaceWindow *self, Contestant *contestants)
{
  guint n = ns_race_get_n_contestants (self->race);

  for (guint i = 0; i < n; i++)
    {
      contestants[i].optimizer = ns_race_get_optimizer (self->race, i);
      contestants[i].learning_rate = ns_race_get_learning_rate (self->race, i);
    }
  return n;
}

/* The race made anew with @contestants, from step 0: NsRace cannot change a contestant in
 * place, and a race whose runners started at different times would be no race. */
static gboolean
restart (NsRaceWindow *self, const Contestant *contestants, guint n, const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsRace) race = make_race (ns_race_get_config (self->race), contestants, n, &error);
  g_autofree char *message = NULL;

  if (race == NULL)
    {
      g_autofree char *text = g_strdup_printf ("The race could not be changed: %s", error->message);

      ns_race_window_show_message (self, text, TRUE);
      ns_race_window_sync_rows (self); /* the dropdowns back to what races */
      return FALSE;
    }

  ns_race_window_set_race (self, race);
  message = g_strdup_printf ("%s The race started again from epoch 0.", what);
  ns_race_window_show_message (self, message, FALSE);
  return TRUE;
}

void
ns_race_window_add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  Contestant contestants[NS_RACE_MAX_CONTESTANTS + 1];
  guint n = get_contestants (self, contestants);
  float base_rate = ns_race_get_config (self->race)->trainer.learning_rate;
  /* The first of these not racing yet: the three optimizers at their usual rates, then the
   * same optimizers a step faster and slower, which is what a class asks next. */
  const Contestant candidates[] = {
    { NN_OPT_SGD, base_rate },      { NN_OPT_MOMENTUM, base_rate },
    { NN_OPT_ADAM, 0.01f },         { NN_OPT_SGD, base_rate * 10 },
    { NN_OPT_ADAM, 0.001f },        { NN_OPT_MOMENTUM, base_rate / 10 },
    { NN_OPT_SGD, base_rate / 10 }, { NN_OPT_ADAM, 0.1f },
  };
  Contestant pick = candidates[0];
  g_autofree char *rate = NULL;
  g_autofree char *what = NULL;

  if (n >= NS_RACE_MAX_CONTESTANTS)
    return;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      gboolean racing = FALSE;

      for (guint i = 0; i < n; i++)
        racing |= contestants[i].optimizer == candidates[k].optimizer
                  && same_rate (contestants[i].learning_rate, candidates[k].learning_rate);
      if (!racing)
        {
          pick = candidates[k];
          break;
        }
    }

  contestants[n] = pick;
  rate = format_rate (pick.learning_rate);
  what =
      g_strdup_printf ("Added %s with learning rate %s.", optimizer_titles[pick.optimizer], rate);
  restart (self, contestants, n + 1, what);
}

void
ns_race_window_remove_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  Contestant contestants[NS_RACE_MAX_CONTESTANTS];
  guint n = get_contestants (self, contestants);
  gint32 index = g_variant_get_int32 (parameter);
  g_autofree char *what = NULL;

  if (index < 0 || (guint) index >= n || n <= 1)
    return;

  what = g_strdup_printf ("Removed %s.", ns_race_get_label (self->race, (guint) index));
  for (guint i = (guint) index; i + 1 < n; i++)
    contestants[i] = contestants[i + 1];
  restart (self, contestants, n - 1, what);
}

void
ns_race_window_set_optimizer_action_cb (GtkWidget *widget,
                                        const char *action_name,
                                        GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  Contestant contestants[NS_RACE_MAX_CONTESTANTS];
  guint n = get_contestants (self, contestants);
  gint32 index;
  guint32 optimizer;
  g_autofree char *what = NULL;

  g_variant_get (parameter, "(iu)", &index, &optimizer);
  if (index < 0 || (guint) index >= n || optimizer >= NN_N_OPTIMIZERS
      || contestants[index].optimizer == (NnOptimizer) optimizer)
    return;

  contestants[index].optimizer = (NnOptimizer) optimizer;
  what = g_strdup_printf ("Contestant %d now uses %s.", index + 1, optimizer_titles[optimizer]);
  restart (self, contestants, n, what);
}

void
ns_race_window_set_learning_rate_action_cb (GtkWidget *widget,
                                            const char *action_name,
                                            GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  Contestant contestants[NS_RACE_MAX_CONTESTANTS];
  guint n = get_contestants (self, contestants);
  gint32 index;
  double rate;
  g_autofree char *text = NULL;
  g_autofree char *what = NULL;

  g_variant_get (parameter, "(id)", &index, &rate);
  if (index < 0 || (guint) index >= n || !(rate > 0) || !isfinite (rate) || rate > 1e6
      || same_rate (contestants[index].learning_rate, rate))
    return;

  contestants[index].learning_rate = (float) rate;
  text = format_rate (rate);
  what = g_strdup_printf ("Contestant %d now learns at rate %s.", index + 1, text);
  restart (self, contestants, n, what);
}
