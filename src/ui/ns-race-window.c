/* ns-race-window.c: the optimizer race's window: its actions, the contestants' list and the
 * race's training loop on the frame clock. */
#include "config.h"

#include "ns-race-window.h"

#include <math.h>

#include "ns-render-race.h"
#include "ns-render-style.h"

/* Time for training in one frame; the rest is for drawing (every contestant's boundary). */
#define FRAME_BUDGET_US 8000
#define MAX_CHUNK 65536

#define MIN_ZOOM 0.5
#define MAX_ZOOM 3.0

/* The learning rates offered, as the main window's control offers them. */
static const struct
{
  const char *label;
  double value;
} usual_rates[] = {
  { "0.00001", 1e-5 }, { "0.0001", 1e-4 }, { "0.001", 1e-3 }, { "0.003", 3e-3 },
  { "0.01", 0.01 },    { "0.03", 0.03 },   { "0.1", 0.1 },    { "0.3", 0.3 },
  { "1", 1 },          { "3", 3 },         { "10", 10 },
};

/* In NnOptimizer's order. */
static const char *const optimizer_titles[] = { "SGD", "Momentum", "Adam", NULL };

typedef struct
{
  NnOptimizer optimizer;
  float learning_rate;
} Contestant;

/* One line of the contestants' list; its position is the contestant's index. */
typedef struct
{
  GtkWidget *row;
  GtkWidget *swatch;
  GtkDropDown *optimizer;
  GtkDropDown *rate;
  GtkStringList *rates; /* the rate dropdown's model (owned by it) */
  GtkWidget *remove;
} Row;

struct _NsRaceWindow
{
  AdwWindow parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkButton *play_button;
  GtkLabel *epoch_label;
  NsRaceView *race_view;
  GtkListBox *contestant_list;
  GtkLabel *message_label;

  NsRace *race;
  gboolean playing;
  guint tick_id;
  guint steps_per_frame; /* 0: one epoch */
  guint64 chunk;         /* steps per ns_race_step call, adapted to this machine */
  double zoom;
  GtkCssProvider *zoom_provider;

  Row rows[NS_RACE_MAX_CONTESTANTS];
  guint n_rows;
  gboolean syncing; /* the list follows the race: its dropdowns' changes are not the user's */
};

G_DEFINE_FINAL_TYPE (NsRaceWindow, ns_race_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_PLAYING,
  PROP_STEPS_PER_FRAME,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the race ---- */

static guint
steps_per_epoch (NsRaceWindow *self)
{
  /* One configuration, one batch size: every contestant's epoch is as long. */
  if (self->race == NULL || ns_race_get_n_contestants (self->race) == 0)
    return 0;
  return MAX (ns_experiment_get_steps_per_epoch (ns_race_get_experiment (self->race, 0)), 1);
}

static gboolean
any_running (NsRaceWindow *self)
{
  for (guint i = 0; self->race != NULL && i < ns_race_get_n_contestants (self->race); i++)
    if (!ns_race_get_diverged (self->race, i))
      return TRUE;
  return FALSE;
}

static void
update_labels (NsRaceWindow *self)
{
  guint per_epoch = steps_per_epoch (self);
  guint64 epoch = per_epoch > 0 ? ns_race_get_step (self->race) / per_epoch : 0;
  g_autofree char *text = g_strdup_printf ("Epoch %" G_GUINT64_FORMAT, epoch);
  gboolean running = any_running (self);

  gtk_label_set_label (self->epoch_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.play", running || self->playing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.step", running);
}

static void
after_steps (NsRaceWindow *self)
{
  ns_race_view_update (self->race_view);
  /* Nothing left to train: a playing race would only burn frames. */
  if (!any_running (self))
    ns_race_window_set_playing (self, FALSE);
  update_labels (self);
}

static void
show_message (NsRaceWindow *self, const char *message, gboolean error)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  gint64 start = g_get_monotonic_time ();
  guint64 limit = self->steps_per_frame == 0 ? steps_per_epoch (self) : self->steps_per_frame;
  guint64 done = 0;

  /* As the main window: counted steps decide the run, the clock only how many of them this
   * frame gets; a quick chunk doubles and a slow one halves. */
  while (done < limit)
    {
      guint64 want = MIN (self->chunk, limit - done);
      gint64 before = g_get_monotonic_time ();
      guint64 got = ns_race_step (self->race, want);
      gint64 now = g_get_monotonic_time ();

      done += got;
      if (got < want)
        break;
      if (now - before < FRAME_BUDGET_US / 16 && self->chunk < MAX_CHUNK)
        self->chunk *= 2;
      else if (now - before > FRAME_BUDGET_US / 4 && self->chunk > 1)
        self->chunk /= 2;
      if (now - start >= FRAME_BUDGET_US)
        break;
    }

  after_steps (self);

  return G_SOURCE_CONTINUE;
}

gboolean
ns_race_window_get_playing (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), FALSE);

  return self->playing;
}

void
ns_race_window_set_playing (NsRaceWindow *self, gboolean playing)
{
  g_return_if_fail (NS_IS_RACE_WINDOW (self));

  playing = !!playing && any_running (self);
  if (playing == self->playing)
    return;

  self->playing = playing;
  if (playing && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!playing && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? "Pause (Space)" : "Train every contestant (Space)");
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

guint
ns_race_window_get_steps_per_frame (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), 0);

  return self->steps_per_frame;
}

void
ns_race_window_set_steps_per_frame (NsRaceWindow *self, guint steps)
{
  g_return_if_fail (NS_IS_RACE_WINDOW (self));

  if (steps == self->steps_per_frame)
    return;

  self->steps_per_frame = steps;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEPS_PER_FRAME]);
}

/* ---- the contestants' list ---- */

static gboolean
same_rate (double a, double b)
{
  return fabs (a - b) <= 1e-6 * fabs (b);
}

static char *
format_rate (double rate)
{
  for (guint k = 0; k < G_N_ELEMENTS (usual_rates); k++)
    if (same_rate (rate, usual_rates[k].value))
      return g_strdup (usual_rates[k].label);
  return g_strdup_printf ("%g", rate);
}

/* The usual rates, and @rate in its place among them if it is not one of them (a base
 * experiment's rate set by hand or from a file). */
static GPtrArray *
rate_choices (double rate, guint *selected)
{
  GPtrArray *choices
      = g_ptr_array_new_null_terminated (G_N_ELEMENTS (usual_rates) + 1, g_free, TRUE);
  gboolean placed = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (usual_rates); k++)
    {
      if (!placed && same_rate (rate, usual_rates[k].value))
        {
          *selected = choices->len;
          placed = TRUE;
        }
      else if (!placed && rate < usual_rates[k].value)
        {
          *selected = choices->len;
          g_ptr_array_add (choices, g_strdup_printf ("%g", rate));
          placed = TRUE;
        }
      g_ptr_array_add (choices, g_strdup (usual_rates[k].label));
    }
  if (!placed)
    {
      *selected = choices->len;
      g_ptr_array_add (choices, g_strdup_printf ("%g", rate));
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
  GListModel *model = gtk_drop_down_get_model (dropdown);
  const char *text;

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  text = gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
  gtk_widget_activate_action (GTK_WIDGET (self), "race.set-learning-rate", "(id)",
                              (gint32) index, g_ascii_strtod (text, NULL));
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
  *row = (Row) { 0 };
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
static void
sync_rows (NsRaceWindow *self)
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
      choices = rate_choices (ns_race_get_learning_rate (self->race, i), &selected);
      set_choices (row->rates, choices);
      gtk_drop_down_set_selected (row->rate, selected);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row->optimizer),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, optimizer_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->rate), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rate_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ns_race_get_label (self->race, i), -1);
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (row->swatch),
                                          (int) round (2 * swatch));
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (row->swatch), (int) round (swatch));
      gtk_widget_queue_draw (row->swatch);
    }
  self->syncing = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.add", n < NS_RACE_MAX_CONTESTANTS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "race.remove", n > 1);
}

static void
set_race (NsRaceWindow *self, NsRace *race)
{
  g_set_object (&self->race, race);
  ns_race_view_set_race (self->race_view, race);
  sync_rows (self);
  after_steps (self);
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
      g_autofree char *text = g_strdup_printf ("The race could not be changed: %s",
                                               error->message);

      show_message (self, text, TRUE);
      sync_rows (self); /* the dropdowns back to what races */
      return FALSE;
    }

  set_race (self, race);
  message = g_strdup_printf ("%s The race started again from epoch 0.", what);
  show_message (self, message, FALSE);
  return TRUE;
}

static void
add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  Contestant contestants[NS_RACE_MAX_CONTESTANTS + 1];
  guint n = get_contestants (self, contestants);
  float base_rate = ns_race_get_config (self->race)->trainer.learning_rate;
  /* The first of these not racing yet: the three optimizers at their usual rates, then the
   * same optimizers a step faster and slower, which is what a class asks next. */
  const Contestant candidates[] = {
    { NN_OPT_SGD, base_rate },          { NN_OPT_MOMENTUM, base_rate },
    { NN_OPT_ADAM, 0.01f },             { NN_OPT_SGD, base_rate * 10 },
    { NN_OPT_ADAM, 0.001f },            { NN_OPT_MOMENTUM, base_rate / 10 },
    { NN_OPT_SGD, base_rate / 10 },     { NN_OPT_ADAM, 0.1f },
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
  what = g_strdup_printf ("Added %s with learning rate %s.", optimizer_titles[pick.optimizer],
                          rate);
  restart (self, contestants, n + 1, what);
}

static void
remove_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
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

static void
set_optimizer_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
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
  what = g_strdup_printf ("Contestant %d now uses %s.", index + 1,
                          optimizer_titles[optimizer]);
  restart (self, contestants, n, what);
}

static void
set_learning_rate_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
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

/* ---- play, step, reset ---- */

static void
step_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);
  guint per_epoch = steps_per_epoch (self);

  ns_race_window_set_playing (self, FALSE);
  if (per_epoch == 0)
    return;

  /* To the end of the next epoch, where every curve gains its point. */
  ns_race_step (self->race, per_epoch - ns_race_get_step (self->race) % per_epoch);
  after_steps (self);
}

static void
reset_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsRaceWindow *self = NS_RACE_WINDOW (widget);

  ns_race_window_set_playing (self, FALSE);
  ns_race_reset (self->race);
  show_message (self, NULL, FALSE);
  after_steps (self);
}

/* Space belongs to the window, as in the main window (DESIGN.md, "Keys"): a capture-phase
 * handler, before a focused button or dropdown sees it; only a text field types it. */
static gboolean
space_key_cb (GtkEventControllerKey *controller,
              guint keyval,
              guint keycode,
              GdkModifierType state,
              NsRaceWindow *self)
{
  GtkWidget *focus;

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "race.play", NULL);
}

/* GtkWindow binds the arrow keys to moving the focus; an arrow key nothing else wanted is a
 * step, as in the main window. */
static void
ns_race_window_move_focus (GtkWidget *widget, GtkDirectionType direction)
{
  if (direction == GTK_DIR_RIGHT)
    {
      gtk_widget_activate_action (widget, "race.step", NULL);
      return;
    }

  GTK_WIDGET_CLASS (ns_race_window_parent_class)->move_focus (widget, direction);
}

static gboolean
close_request_cb (NsRaceWindow *self)
{
  /* A closed window trains nothing (dispose removes the tick callback too). */
  ns_race_window_set_playing (self, FALSE);
  return FALSE;
}

/* ---- zoom ---- */

double
ns_race_window_get_zoom (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), 1.0);

  return self->zoom;
}

void
ns_race_window_set_zoom (NsRaceWindow *self, double zoom)
{
  char percent[G_ASCII_DTOSTR_BUF_SIZE], body[G_ASCII_DTOSTR_BUF_SIZE];
  char small[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *css = NULL;

  g_return_if_fail (NS_IS_RACE_WINDOW (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;

  /* GTK 4.8 has no UI scale: the text grows through a style provider, as in the main window
   * (libadwaita's type classes are in points, so they scale by the same factor). */
  css = g_strdup_printf (
      "window.ns-race-window { font-size: %s%%; }\n"
      "window.ns-race-window .heading, window.ns-race-window .body { font-size: %spt; }\n"
      "window.ns-race-window .caption { font-size: %spt; }\n",
      g_ascii_formatd (percent, sizeof percent, "%.0f", zoom * 100),
      g_ascii_formatd (body, sizeof body, "%.1f", 11 * zoom),
      g_ascii_formatd (small, sizeof small, "%.1f", 9 * zoom));
  gtk_css_provider_load_from_data (self->zoom_provider, css, -1);
  ns_race_view_set_zoom (self->race_view, zoom);
  if (self->race != NULL)
    sync_rows (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* ---- the window ---- */

NsRaceWindow *
ns_race_window_new (GtkWindow *parent, NsExperiment *base)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsRace) race = NULL;
  NsRaceWindow *self;
  const NsConfig *config;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NS_IS_EXPERIMENT (base), NULL);

  self = g_object_new (NS_TYPE_RACE_WINDOW, "transient-for", parent, "destroy-with-parent", TRUE,
                       NULL);

  race = ns_race_new_default (base, &error);
  if (race == NULL)
    {
      g_autofree char *text = g_strdup_printf ("The race could not start: %s", error->message);

      /* An empty race from the same configuration: "Add Contestant" tries again. */
      race = ns_race_new (base);
      show_message (self, text, TRUE);
    }
  set_race (self, race);

  config = ns_race_get_config (race);
  subtitle = config->data_path != NULL ? g_path_get_basename (config->data_path)
                                       : g_strdup (ns_dataset_kind_title (config->dataset));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  return self;
}

NsRace *
ns_race_window_get_race (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), NULL);

  return self->race;
}

NsRaceView *
ns_race_window_get_view (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), NULL);

  return self->race_view;
}

const char *
ns_race_window_get_message (NsRaceWindow *self)
{
  g_return_val_if_fail (NS_IS_RACE_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

static void
dark_changed_cb (NsRaceWindow *self)
{
  for (guint i = 0; i < self->n_rows; i++)
    gtk_widget_queue_draw (self->rows[i].swatch);
}

static void
ns_race_window_dispose (GObject *object)
{
  NsRaceWindow *self = NS_RACE_WINDOW (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->zoom_provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->zoom_provider));
  g_clear_object (&self->zoom_provider);

  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_RACE_WINDOW);
  self->n_rows = 0;
  g_clear_object (&self->race);

  G_OBJECT_CLASS (ns_race_window_parent_class)->dispose (object);
}

static void
ns_race_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsRaceWindow *self = NS_RACE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_STEPS_PER_FRAME:
      g_value_set_uint (value, self->steps_per_frame);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_race_window_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  NsRaceWindow *self = NS_RACE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      ns_race_window_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_STEPS_PER_FRAME:
      ns_race_window_set_steps_per_frame (self, g_value_get_uint (value));
      break;

    case PROP_ZOOM:
      ns_race_window_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_race_window_class_init (NsRaceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_race_window_dispose;
  object_class->get_property = ns_race_window_get_property;
  object_class->set_property = ns_race_window_set_property;

  widget_class->move_focus = ns_race_window_move_focus;

  properties[PROP_PLAYING]
      = g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEPS_PER_FRAME]
      = g_param_spec_uint ("steps-per-frame", NULL, NULL, 0, G_MAXUINT, 0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM]
      = g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ns-race-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, race_view);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, contestant_list);
  gtk_widget_class_bind_template_child (widget_class, NsRaceWindow, message_label);

  gtk_widget_class_install_property_action (widget_class, "race.play", "playing");
  gtk_widget_class_install_action (widget_class, "race.step", NULL, step_action_cb);
  gtk_widget_class_install_action (widget_class, "race.reset", NULL, reset_action_cb);
  gtk_widget_class_install_action (widget_class, "race.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "race.remove", "i", remove_action_cb);
  gtk_widget_class_install_action (widget_class, "race.set-optimizer", "(iu)",
                                   set_optimizer_action_cb);
  gtk_widget_class_install_action (widget_class, "race.set-learning-rate", "(id)",
                                   set_learning_rate_action_cb);

  /* Bare keys: a text field with the focus would take them first (there is none here). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "race.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "race.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "race.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "race.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "race.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_SHIFT_MASK, "race.reset",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
ns_race_window_init (NsRaceWindow *self)
{
  g_type_ensure (NS_TYPE_RACE_VIEW);

  self->chunk = 1;
  self->zoom = 1.0;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "ns-race-window");

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (space_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  self->zoom_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->zoom_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}
