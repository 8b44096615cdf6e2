/* test-ui-race.c: the optimizer race's window: its actions, training on the frame clock, the
 * contestants' list and the race view (run under Xvfb).
 *
 * NS_TEST_DUMP=dir saves the window as dir/ui-race-window.png (zoom 1) and
 * dir/ui-race-window-zoom.png (presentation mode's 1.6), with one contestant diverged.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ns-race-view.h"
#include "ns-race-window.h"
#include "ns-render-race.h"

#include "ns-test-experiment.h"
#include "ns-test-locale.h"
#include "ns-test-render.h"
#include "ns-test-ui.h"

/* The window, shown, for a race from @options; the base experiment is gone by then. */
static NsRaceWindow *
present_race (const char *const *options)
{
  NsExperiment *base = new_experiment (options);
  NsRaceWindow *window = ns_race_window_new (NULL, base);

  /* The window copied the configuration and keeps nothing of the experiment. */
  g_object_add_weak_pointer (G_OBJECT (base), (gpointer *) &base);
  g_object_unref (base);
  g_assert_null (base);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);

  return window;
}

static guint
count_thumbnails (const NsScene *scene)
{
  guint n = 0;

  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, i);

      if (hit->kind == NS_HIT_POINT && !hit->segment && hit->layer >= 0)
        n++;
    }
  return n;
}

static const NsHitRegion *
find_hit (const NsScene *scene, int layer)
{
  for (size_t i = 0; i < ns_scene_get_n_hits (scene); i++)
    {
      const NsHitRegion *hit = ns_scene_get_hit (scene, i);

      if (hit->kind == NS_HIT_POINT && !hit->segment && hit->layer == layer)
        return hit;
    }
  return NULL;
}

/* Waits until the view has drawn the race's current version with one thumbnail each. */
static const NsScene *
wait_drawn (NsRaceWindow *window)
{
  NsRaceView *view = ns_race_window_get_view (window);
  NsRace *race = ns_race_window_get_race (window);

  WAIT_UNTIL (count_thumbnails (ns_scene_view_get_scene (NS_SCENE_VIEW (view)))
                  == ns_race_get_n_contestants (race),
              5000);
  /* The version drawn: a second frame changes nothing, so one more iteration is enough. */
  gtk_widget_queue_draw (GTK_WIDGET (view));
  run_for (50);
  return ns_scene_view_get_scene (NS_SCENE_VIEW (view));
}

static guint
steps_per_epoch (NsRace *race)
{
  return ns_experiment_get_steps_per_epoch (ns_race_get_experiment (race, 0));
}

static void
assert_all_at (NsRace *race, guint64 step)
{
  g_assert_cmpuint (ns_race_get_step (race), ==, step);
  for (guint i = 0; i < ns_race_get_n_contestants (race); i++)
    g_assert_cmpuint (ns_experiment_get_step (ns_race_get_experiment (race, i)), ==, step);
}

/* A race made directly, to compare the window's with. */
static NsRace *
fresh_race (NsRace *like)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) base = NULL;
  NsRace *race;

  ns_config_init_default (&config);
  ns_config_copy (&config, ns_race_get_config (like));
  base = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  race = ns_race_new (base);
  for (guint i = 0; i < ns_race_get_n_contestants (like); i++)
    {
      g_assert_true (ns_race_add (race, ns_race_get_optimizer (like, i),
                                  ns_race_get_learning_rate (like, i), &error));
      g_assert_no_error (error);
    }
  return race;
}

static void
test_step_play_reset (void)
{
  NsRaceWindow *window = present_race (NULL);
  NsRace *race = ns_race_window_get_race (window);
  g_autoptr (NsRace) fresh = NULL;
  guint per_epoch;
  guint64 paused_at;

  g_assert_cmpuint (ns_race_get_n_contestants (race), ==, 3);
  g_assert_cmpint (ns_race_get_optimizer (race, 0), ==, NN_OPT_SGD);
  g_assert_cmpint (ns_race_get_optimizer (race, 1), ==, NN_OPT_MOMENTUM);
  g_assert_cmpint (ns_race_get_optimizer (race, 2), ==, NN_OPT_ADAM);
  g_assert_null (ns_race_window_get_message (window));
  per_epoch = steps_per_epoch (race);
  g_assert_cmpuint (per_epoch, >, 1);
  assert_all_at (race, 0);

  /* Step: every contestant by one epoch's mini-batches; Right does the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL));
  assert_all_at (race, per_epoch);
  g_signal_emit_by_name (window, "move-focus", GTK_DIR_RIGHT);
  assert_all_at (race, 2 * per_epoch);
  for (guint i = 0; i < 3; i++)
    {
      guint n_entries;

      ns_experiment_get_history (ns_race_get_experiment (race, i), &n_entries);
      g_assert_cmpuint (n_entries, ==, 3); /* epochs 0, 1 and 2 */
    }

  /* Play: the frame clock trains, an epoch a frame, until paused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.play", NULL));
  g_assert_true (ns_race_window_get_playing (window));
  WAIT_UNTIL (ns_race_get_step (race) >= 5 * per_epoch, 10000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.play", NULL));
  g_assert_false (ns_race_window_get_playing (window));
  paused_at = ns_race_get_step (race);
  assert_all_at (race, paused_at);
  run_for (150);
  g_assert_cmpuint (ns_race_get_step (race), ==, paused_at);
  wait_drawn (window);

  /* Reset: step 0, paused, and the very losses of a race that never ran. */
  ns_race_window_set_playing (window, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.reset", NULL));
  g_assert_false (ns_race_window_get_playing (window));
  assert_all_at (race, 0);
  fresh = fresh_race (race);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (ns_race_get_current (race, i)->train_loss, ==,
                       ns_race_get_current (fresh, i)->train_loss);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL));
  ns_race_step (fresh, per_epoch);
  for (guint i = 0; i < 3; i++)
    {
      const NsHistoryEntry *a = ns_experiment_get_last (ns_race_get_experiment (race, i));
      const NsHistoryEntry *b = ns_experiment_get_last (ns_race_get_experiment (fresh, i));

      g_assert_cmpfloat (a->train_loss, ==, b->train_loss);
      g_assert_cmpfloat (a->test_loss, ==, b->test_loss);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_steps_per_frame (void)
{
  NsRaceWindow *window = present_race (NULL);
  NsRace *race = ns_race_window_get_race (window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gint64 frames_before, frames_after;

  /* One mini-batch a frame: steps never outrun frames, and all stay in lockstep. */
  ns_race_window_set_steps_per_frame (window, 1);
  frames_before = gdk_frame_clock_get_frame_counter (clock);
  ns_race_window_set_playing (window, TRUE);
  WAIT_UNTIL (ns_race_get_step (race) >= 3, 10000);
  ns_race_window_set_playing (window, FALSE);
  frames_after = gdk_frame_clock_get_frame_counter (clock);

  g_assert_cmpint (frames_after - frames_before, >=, (gint64) ns_race_get_step (race) - 1);
  assert_all_at (race, ns_race_get_step (race));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Adding, removing and changing contestants: a new race from step 0, said so, and drawn. */
static void
test_contestants (void)
{
  NsRaceWindow *window = present_race (NULL);
  NsRace *race;
  const NsScene *scene;
  GtkDropDown *dropdown;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL));
  scene = wait_drawn (window);
  g_assert_cmpuint (count_thumbnails (scene), ==, 3);

  /* Add: a fourth, not yet racing (SGD ten times faster), from step 0. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.add", NULL));
  race = ns_race_window_get_race (window);
  g_assert_cmpuint (ns_race_get_n_contestants (race), ==, 4);
  assert_all_at (race, 0);
  g_assert_cmpint (ns_race_get_optimizer (race, 3), ==, NN_OPT_SGD);
  g_assert_cmpfloat_with_epsilon (ns_race_get_learning_rate (race, 3),
                                  10 * ns_race_get_learning_rate (race, 0), 1e-6);
  g_assert_nonnull (strstr (ns_race_window_get_message (window), "started again"));
  scene = wait_drawn (window);
  g_assert_cmpuint (count_thumbnails (scene), ==, 4);
  g_assert_true (has_text_containing (scene, ns_race_get_label (race, 3)));

  /* Up to the most a race holds; one more does nothing. */
  while (ns_race_get_n_contestants (ns_race_window_get_race (window)) < NS_RACE_MAX_CONTESTANTS)
    gtk_widget_activate_action (GTK_WIDGET (window), "race.add", NULL);
  race = ns_race_window_get_race (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "race.add", NULL);
  g_assert_true (ns_race_window_get_race (window) == race);
  g_assert_cmpuint (ns_race_get_n_contestants (race), ==, NS_RACE_MAX_CONTESTANTS);
  scene = wait_drawn (window);
  g_assert_cmpuint (count_thumbnails (scene), ==, NS_RACE_MAX_CONTESTANTS);

  /* Remove the second: the others keep their places in order. */
  {
    g_autofree char *third = g_strdup (ns_race_get_label (race, 2));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.remove", "i", 1));
    race = ns_race_window_get_race (window);
    g_assert_cmpuint (ns_race_get_n_contestants (race), ==, NS_RACE_MAX_CONTESTANTS - 1);
    g_assert_cmpstr (ns_race_get_label (race, 1), ==, third);
  }
  while (ns_race_get_n_contestants (ns_race_window_get_race (window)) > 1)
    gtk_widget_activate_action (GTK_WIDGET (window), "race.remove", "i", 0);
  /* The last one stays: a race of none shows nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "race.remove", "i", 0);
  race = ns_race_window_get_race (window);
  g_assert_cmpuint (ns_race_get_n_contestants (race), ==, 1);
  scene = wait_drawn (window);
  g_assert_cmpuint (count_thumbnails (scene), ==, 1);

  /* Optimizer and rate by action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.set-optimizer", "(iu)", 0,
                                             (guint32) NN_OPT_ADAM));
  race = ns_race_window_get_race (window);
  g_assert_cmpint (ns_race_get_optimizer (race, 0), ==, NN_OPT_ADAM);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "race.set-learning-rate", "(id)", 0, 0.3));
  race = ns_race_window_get_race (window);
  g_assert_cmpfloat (ns_race_get_learning_rate (race, 0), ==, 0.3f);
  g_assert_cmpint (ns_race_get_optimizer (race, 0), ==, NN_OPT_ADAM);
  g_assert_nonnull (strstr (ns_race_window_get_message (window), "rate 0.3"));

  /* And by the list's dropdowns, as a user picks them: the first is contestant 1's optimizer,
   * the second its learning rate. */
  {
    GtkWidget *stack[64];
    guint top = 0;
    GtkDropDown *found[2] = { NULL, NULL };
    guint n_found = 0;

    stack[top++] = GTK_WIDGET (window);
    /* Depth first, in order: children pushed last first. */
    while (top > 0 && n_found < 2)
      {
        GtkWidget *widget = stack[--top];

        if (GTK_IS_DROP_DOWN (widget))
          {
            found[n_found++] = GTK_DROP_DOWN (widget);
            continue;
          }
        for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
             child = gtk_widget_get_prev_sibling (child))
          if (top < G_N_ELEMENTS (stack))
            stack[top++] = child;
      }
    g_assert_cmpuint (n_found, ==, 2);
    dropdown = found[0];
    gtk_drop_down_set_selected (dropdown, NN_OPT_MOMENTUM);
    race = ns_race_window_get_race (window);
    g_assert_cmpint (ns_race_get_optimizer (race, 0), ==, NN_OPT_MOMENTUM);

    dropdown = found[1];
    for (guint k = 0; k < g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)); k++)
      if (g_strcmp0 (
              gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)), k),
              "0.1")
          == 0)
        gtk_drop_down_set_selected (dropdown, k);
    race = ns_race_window_get_race (window);
    g_assert_cmpfloat (ns_race_get_learning_rate (race, 0), ==, 0.1f);
    g_assert_cmpint (ns_race_get_optimizer (race, 0), ==, NN_OPT_MOMENTUM);
    /* The list shows what races. */
    g_assert_cmpuint (gtk_drop_down_get_selected (found[0]), ==, NN_OPT_MOMENTUM);
  }

  /* Reset clears the message: the race is plainly at its start. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.reset", NULL));
  g_assert_null (ns_race_window_get_message (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every GtkDropDown under @widget, in order. */
static void
collect_dropdowns (GtkWidget *widget, GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_dropdowns (child, found);
}

/* Under a locale that writes decimal commas, a rate outside the usual ones shows with a point,
 * as the usual ones do, and a pick sets the rate the item stands for (a value kept beside the
 * labels, not a label parsed back). */
static void
test_rates_comma_locale (void)
{
  static const char *const options[] = { "dataset", "xor", "hidden", "3", "lr", "0.005", NULL };
  g_autoptr (GPtrArray) dropdowns = g_ptr_array_new ();
  NsRaceWindow *window;
  GtkDropDown *rate;
  GtkStringList *labels;
  guint usual = G_MAXUINT, own = G_MAXUINT;

  if (!ns_test_use_comma_locale ())
    return;
  window = present_race (options);
  g_assert_cmpfloat (ns_race_get_learning_rate (ns_race_window_get_race (window), 0), ==, 0.005f);

  /* Contestant 1's optimizer, then its rate. */
  collect_dropdowns (GTK_WIDGET (window), dropdowns);
  g_assert_cmpuint (dropdowns->len, >=, 2);
  rate = g_ptr_array_index (dropdowns, 1);
  labels = GTK_STRING_LIST (gtk_drop_down_get_model (rate));
  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (labels)); k++)
    {
      const char *label = gtk_string_list_get_string (labels, k);

      g_assert_null (strchr (label, ','));
      if (g_strcmp0 (label, "0.005") == 0)
        own = k;
      if (g_strcmp0 (label, "0.1") == 0)
        usual = k;
    }
  g_assert_cmpuint (own, ==, gtk_drop_down_get_selected (rate));
  g_assert_cmpuint (usual, <, G_MAXUINT);

  gtk_drop_down_set_selected (rate, usual);
  g_assert_cmpfloat (ns_race_get_learning_rate (ns_race_window_get_race (window), 0), ==, 0.1f);
  g_assert_nonnull (strstr (ns_race_window_get_message (window), "rate 0.1"));

  gtk_window_destroy (GTK_WINDOW (window));
  ns_test_use_c_locale ();
}

/* Renders the whole window as it shows; saves it as dir/name when NS_TEST_DUMP is set. */
static void
render_window (NsRaceWindow *window, const char *name)
{
  g_autoptr (GdkTexture) texture = render_widget (GTK_WIDGET (window));

  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  dump_widget (GTK_WIDGET (window), name);
}

/* A huge learning rate: that contestant diverges, the others run on, and the view says so. */
static void
test_divergence (void)
{
  const char *options[] = { "dataset", "reg-gauss", "hidden", "8,8", "activation",
                            "relu",    "lr",        "0.01",   NULL };
  NsRaceWindow *window = present_race (options);
  NsRaceView *view = ns_race_window_get_view (window);
  NsRace *race;
  const NsScene *scene;
  const NsHitRegion *hit;
  g_autofree char *diverged = NULL;
  g_autofree char *tooltip = NULL;
  guint64 stopped_at;

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (window), "race.set-learning-rate", "(id)", 1, 10.0));
  race = ns_race_window_get_race (window);
  g_assert_cmpfloat (ns_race_get_learning_rate (race, 1), ==, 10.0f);

  for (guint k = 0; k < 400 && !ns_race_get_diverged (race, 1); k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL);
  g_assert_true (ns_race_get_diverged (race, 1));
  g_assert_false (ns_race_get_diverged (race, 0));
  g_assert_false (ns_race_get_diverged (race, 2));

  /* The others continue; the diverged one stays where it stopped. */
  stopped_at = ns_experiment_get_step (ns_race_get_experiment (race, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL));
  g_assert_cmpuint (ns_experiment_get_step (ns_race_get_experiment (race, 1)), ==, stopped_at);
  g_assert_cmpuint (ns_experiment_get_step (ns_race_get_experiment (race, 0)), ==,
                    ns_race_get_step (race));
  g_assert_cmpuint (ns_race_get_step (race), >, stopped_at);
  for (guint k = 0; k < 30; k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL);

  /* Shown in the view: the state under its thumbnail and in the legend, and its tooltip. */
  scene = wait_drawn (window);
  diverged = g_strdup_printf ("diverged at epoch %u", ns_race_get_diverged_epoch (race, 1));
  g_assert_true (has_text_containing (scene, diverged));
  hit = find_hit (scene, 1);
  g_assert_nonnull (hit);
  tooltip = ns_race_view_describe_at (view, (hit->x0 + hit->x1) / 2, (hit->y0 + hit->y1) / 2);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, ns_race_get_label (race, 1)));
  g_assert_nonnull (strstr (tooltip, "Diverged in epoch"));

  render_window (window, "ui-race-window.png");
  ns_race_window_set_zoom (window, 1.6);
  g_assert_cmpfloat (ns_scene_view_get_zoom (NS_SCENE_VIEW (view)), ==, 1.6);
  run_for (300);
  render_window (window, "ui-race-window-zoom.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The tooltips: a thumbnail's numbers, and every curve's loss at the epoch on the chart. */
static void
test_tooltips (void)
{
  NsRaceWindow *window = present_race (NULL);
  NsRaceView *view = ns_race_window_get_view (window);
  NsRace *race = ns_race_window_get_race (window);
  const NsScene *scene;
  const NsHitRegion *hit;
  g_autofree char *thumbnail = NULL;
  g_autofree char *chart = NULL;

  for (guint k = 0; k < 4; k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL);
  scene = wait_drawn (window);

  hit = find_hit (scene, 2);
  g_assert_nonnull (hit);
  thumbnail = ns_race_view_describe_at (view, (hit->x0 + hit->x1) / 2, (hit->y0 + hit->y1) / 2);
  g_assert_nonnull (thumbnail);
  g_assert_true (g_str_has_prefix (thumbnail, ns_race_get_label (race, 2)));
  g_assert_nonnull (strstr (thumbnail, "Training loss"));
  g_assert_nonnull (strstr (thumbnail, "Test loss"));
  g_assert_nonnull (strstr (thumbnail, "Test accuracy"));
  g_assert_null (strstr (thumbnail, "Diverged"));

  /* The plot's right edge is the last epoch. */
  hit = find_hit (scene, -1);
  g_assert_nonnull (hit);
  chart = ns_race_view_describe_at (view, hit->x1 - 1, (hit->y0 + hit->y1) / 2);
  g_assert_nonnull (chart);
  g_assert_true (g_str_has_prefix (chart, "Training loss after epoch 4"));
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (chart, ns_race_get_label (race, i)));

  g_assert_null (ns_race_view_describe_at (view, 1, 1));

  /* To look at: the usual race a little further on. */
  for (guint k = 0; k < 40; k++)
    gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL);
  wait_drawn (window);
  render_window (window, "ui-race-window-circle.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A CSV file gone since the main window loaded it: the window says so, and nothing breaks. */
static void
test_csv_error (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-ui-race-XXXXXX", &error);
  g_autofree char *source =
      g_build_filename (g_getenv ("NEUROSCOPE_DATADIR"), "datasets", "iris.csv", NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  NsRaceWindow *window;
  NsRace *race;

  g_assert_no_error (error);
  path = g_build_filename (dir, "iris.csv", NULL);
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));

  {
    const char *options[] = { "data", path, "hidden", "5", NULL };

    window = present_race (options);
  }
  race = ns_race_window_get_race (window);
  g_assert_cmpuint (ns_race_get_n_contestants (race), ==, 3);
  g_assert_cmpint (g_unlink (path), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "race.add", NULL);
  g_assert_true (ns_race_window_get_race (window) == race);
  g_assert_cmpuint (ns_race_get_n_contestants (race), ==, 3);
  g_assert_nonnull (ns_race_window_get_message (window));
  g_assert_nonnull (strstr (ns_race_window_get_message (window), "could not"));
  /* The race it has still runs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL));
  g_assert_cmpuint (ns_race_get_step (race), ==, steps_per_epoch (race));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Opened after the file went: an empty race and the reason. */
  {
    g_auto (NsConfig) config = { 0 };
    g_autoptr (NsExperiment) base = NULL;

    g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
    ns_config_init_default (&config);
    g_assert_true (ns_config_set_option (&config, "data", path, &error));
    base = ns_experiment_new (&config, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_unlink (path), ==, 0);

    window = ns_race_window_new (NULL, base);
    gtk_window_present (GTK_WINDOW (window));
    WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);
    g_assert_cmpuint (ns_race_get_n_contestants (ns_race_window_get_race (window)), ==, 0);
    g_assert_nonnull (strstr (ns_race_window_get_message (window), "could not start"));
    /* Nothing to step or play. */
    gtk_widget_activate_action (GTK_WIDGET (window), "race.step", NULL);
    ns_race_window_set_playing (window, TRUE);
    g_assert_false (ns_race_window_get_playing (window));
    run_for (50);
    gtk_window_destroy (GTK_WINDOW (window));
  }

  g_rmdir (dir);
}

/* Closing the window stops its training. */
static void
test_close (void)
{
  NsRaceWindow *window = present_race (NULL);
  g_autoptr (NsRace) race = g_object_ref (ns_race_window_get_race (window));
  guint64 step;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  ns_race_window_set_playing (window, TRUE);
  WAIT_UNTIL (ns_race_get_step (race) > 0, 10000);
  /* Escape and Ctrl+W are bound to this action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  WAIT_UNTIL (window == NULL, 5000);
  step = ns_race_get_step (race);
  run_for (150);
  g_assert_cmpuint (ns_race_get_step (race), ==, step);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/race/step-play-reset", test_step_play_reset);
  g_test_add_func ("/ui/race/steps-per-frame", test_steps_per_frame);
  g_test_add_func ("/ui/race/contestants", test_contestants);
  g_test_add_func ("/ui/race/rates-comma-locale", test_rates_comma_locale);
  g_test_add_func ("/ui/race/divergence", test_divergence);
  g_test_add_func ("/ui/race/tooltips", test_tooltips);
  g_test_add_func ("/ui/race/csv-error", test_csv_error);
  g_test_add_func ("/ui/race/close", test_close);

  return g_test_run ();
}
