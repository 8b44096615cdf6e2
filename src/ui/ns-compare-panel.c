/* ns-compare-panel.c: ML vs DL side by side. The classic model trains in a GTask worker (kNN
 * on the pixels of thousands of apples takes seconds): the worker reads a copy of the
 * experiment's split, never the data the main loop goes on changing; a new request cancels the
 * one running, closing the panel cancels it too, and a result arrives on the main thread only
 * to be dropped unless it is the panel's current training. */
#include "config.h"

#include "ns-compare-panel.h"

#include <math.h>

#include "ns-hand-features.h"
#include "ns-picture-view.h"
#include "ns-printf.h"
#include "ns-render-hand.h"
#include "ns-render-images.h"

/* The experiment's split as it was when a training started: the workers' own copy. */
typedef struct
{
  NsDataset *data;
} Split;

static void
split_clear (gpointer data)
{
  g_clear_pointer (&((Split *) data)->data, ns_dataset_free);
}

static void
split_release (Split *split)
{
  g_atomic_rc_box_release_full (split, split_clear);
}

/* One training of the classic model, shared by the panel and its worker. */
typedef struct
{
  GWeakRef panel;
  Split *split; /* a reference */
  NsClassicChoice choice;
  GCancellable *cancellable;
} Training;

static void
training_clear (gpointer data)
{
  Training *training = data;

  g_weak_ref_clear (&training->panel);
  g_clear_pointer (&training->split, split_release);
  g_clear_object (&training->cancellable);
}

static void
training_release (Training *training)
{
  g_atomic_rc_box_release_full (training, training_clear);
}

struct _NsComparePanel
{
  GtkBox parent_instance;

  NsExperiment *experiment;
  NsExperimentClassic *classic;
  Split *split;          /* the copy the next training reads (a reference), or NULL */
  Training *training;    /* the training going on (a reference), or NULL */
  guint retrain_id;      /* a changed choice trains once the controls have all moved */
  guint sample;          /* the test image drawn */
  guint64 shown_version; /* the experiment's version the right side shows */
  guint poll_id;         /* follows the network as it trains (no signal per step) */
  char *classic_text;
  char *network_text;
  /* The data the controls were made for (image shape and classes). */
  guint channels, height, width, n_classes;

  GtkWidget *feature_grid;
  GtkCheckButton *feature_checks[NS_N_HAND_FEATURES];
  GtkDropDown *model;
  GtkDropDown *reads;
  GtkSpinner *spinner;
  GtkLabel *status;
  GtkLabel *classic_accuracy;
  GtkLabel *classic_detail;
  GtkSpinButton *sample_spin;
  GtkLabel *verdict;
  GtkWidget *hand_view;
  GtkLabel *network_accuracy;
  GtkLabel *network_detail;
  GtkLabel *learned;
  GtkWidget *filters_view;
  GtkLabel *split_label;
};

G_DEFINE_FINAL_TYPE (NsComparePanel, ns_compare_panel, GTK_TYPE_BOX)

static const NsDataset *
dataset (NsComparePanel *self)
{
  return ns_experiment_get_dataset (self->experiment);
}

static gboolean
is_image (NsComparePanel *self)
{
  const NsDataset *data = dataset (self);

  return ns_dataset_is_image (data) && data->n_classes >= 2;
}

/* Class @k's name, copied into @name (64 bytes). */
static const char *
class_name (NsComparePanel *self, guint k, char *name)
{
  char buffer[16];

  g_strlcpy (name, ns_image_class_name (dataset (self), k, buffer, sizeof buffer), 64);
  return name;
}

/* ---- left: the features drawn over the chosen test image ---- */

static gboolean
build_hand_cb (NsPictureView *view,
               NsScene *scene,
               const NsRenderStyle *style,
               double width,
               double height,
               gpointer user_data)
{
  NsComparePanel *self = user_data;
  const NsDataset *data = dataset (self);
  const float *image;
  g_autoptr (NsHandView) hand = NULL;
  NsClassicChoice choice;

  ns_render_images_begin (scene, style, width, height);
  if (!is_image (self) || data->n_test == 0 || data->image_height < 4 || data->image_width < 4)
    return FALSE;
  image = data->test_x + (gsize) MIN (self->sample, data->n_test - 1) * data->n_inputs;
  hand = ns_hand_view_new (image, data->image_channels, data->image_height, data->image_width);
  ns_compare_panel_get_choice (self, &choice);
  ns_render_hand_features (scene, style, 0, 0, width, height, image, hand,
                           choice.on_pixels ? 0 : choice.features);
  return TRUE;
}

/* ---- right: what the network's first layer learned ---- */

static gboolean
build_filters_cb (NsPictureView *view,
                  NsScene *scene,
                  const NsRenderStyle *style,
                  double width,
                  double height,
                  gpointer user_data)
{
  NsComparePanel *self = user_data;
  const NsDataset *data = dataset (self);
  const NnNet *net = ns_experiment_get_net (self->experiment);
  NnLayerKind kind = nn_net_layer_kind (net, 0);
  NnShape in;

  ns_render_images_begin (scene, style, width, height);
  if (!is_image (self) || net->n_layers < 2 || nn_net_layer_shape (net, 0, &in, NULL) != NN_OK)
    return FALSE;
  if (kind == NN_LAYER_CONV2D)
    {
      NnLayerSpec spec = nn_net_layer_spec (net, 0);
      size_t c_out = spec.units, c_in = in.channels, k = spec.kernel;
      g_autofree float *weights = g_new (float, c_out *c_in *k *k);

      for (size_t o = 0; o < c_out; o++)
        for (size_t i = 0; i < c_in; i++)
          for (size_t ky = 0; ky < k; ky++)
            for (size_t kx = 0; kx < k; kx++)
              weights[((o * c_in + i) * k + ky) * k + kx] =
                  nn_net_conv_weight (net, 0, o, i, ky, kx);
      ns_render_filters (scene, style, 0, 0, width, height, "First layer's filters", weights,
                         (guint) c_out, (guint) c_in, (guint) k, (guint) k, c_in == 3);
      return TRUE;
    }
  if (kind == NN_LAYER_DENSE)
    {
      size_t n = MIN (nn_net_layer_width (net, 0), 32), n_in = data->n_inputs;
      g_autofree float *weights = g_new (float, n *n_in);

      for (size_t j = 0; j < n; j++)
        for (size_t i = 0; i < n_in; i++)
          weights[j * n_in + i] = nn_net_weight (net, 0, j, i);
      ns_render_dense_weights (scene, style, 0, 0, width, height,
                               "First layer's weights, one image per neuron", weights, (guint) n,
                               data->image_channels, data->image_height, data->image_width);
      return TRUE;
    }
  return FALSE;
}

/* ---- the texts ---- */

static void
set_text (char **field, GtkLabel *label, const char *text)
{
  g_free (*field);
  *field = g_strdup (text);
  gtk_label_set_label (label, text);
}

static void
update_verdict (NsComparePanel *self)
{
  const NsDataset *data = dataset (self);
  g_autofree char *text = NULL;
  float p_net[NS_MAX_CLASSES], p_classic[NS_MAX_CLASSES];
  const float *image;
  guint truth, net_class;
  char net_name[64], truth_name[64];

  if (!is_image (self) || data->n_test == 0)
    {
      gtk_label_set_label (self->verdict, "");
      return;
    }
  image = data->test_x + (gsize) MIN (self->sample, data->n_test - 1) * data->n_inputs;
  truth = (guint) data->test_y[MIN (self->sample, data->n_test - 1)];
  net_class = ns_experiment_predict_image (self->experiment, image, p_net);
  class_name (self, net_class, net_name);
  class_name (self, truth, truth_name);
  if (self->classic != NULL)
    {
      guint classic_class = ns_experiment_classic_predict (self->classic, image, p_classic);
      char classic_name[64];

      class_name (self, classic_class, classic_name);
      text = ns_strdup_printf ("This image is “%s”. Classic model: “%s” (%.0f%%) %s · "
                               "network: “%s” (%.0f%%) %s",
                               truth_name, classic_name, 100 * p_classic[classic_class],
                               classic_class == truth ? "✓" : "✗", net_name, 100 * p_net[net_class],
                               net_class == truth ? "✓" : "✗");
    }
  else
    text = ns_strdup_printf ("This image is “%s”. Network: “%s” (%.0f%%) %s", truth_name, net_name,
                             100 * p_net[net_class], net_class == truth ? "✓" : "✗");
  gtk_label_set_label (self->verdict, text);
}

/* "zone densities, row and column projections and edge directions" (caller frees). */
static char *
features_text (guint mask)
{
  GString *text = g_string_new (NULL);
  guint n = 0, seen = 0;

  for (guint f = 0; f < NS_N_HAND_FEATURES; f++)
    n += (mask >> f) & 1;
  for (guint f = 0; f < NS_N_HAND_FEATURES; f++)
    {
      g_autofree char *name = NULL;

      if (!((mask >> f) & 1))
        continue;
      if (seen > 0)
        g_string_append (text, seen == n - 1 ? " and " : ", ");
      name = g_utf8_strdown (ns_hand_feature_name (f), -1);
      g_string_append (text, name);
      seen++;
    }
  return g_string_free (text, FALSE);
}

static void
update_classic (NsComparePanel *self)
{
  const NsDataset *data = dataset (self);
  g_autofree char *accuracy = NULL;
  g_autofree char *detail = NULL;

  if (self->classic == NULL)
    {
      set_text (&self->classic_text, self->classic_accuracy, "Not trained yet");
      gtk_label_set_label (self->classic_detail,
                           "Tick the features to use: the model trains on them as you choose.");
    }
  else
    {
      g_autofree char *what = self->classic->choice.on_pixels
                                  ? g_strdup ("the raw pixels")
                                  : features_text (self->classic->choice.features);

      accuracy = ns_strdup_printf ("Test accuracy %.1f%%", 100 * self->classic->test_accuracy);
      set_text (&self->classic_text, self->classic_accuracy, accuracy);
      if (self->classic->choice.kind == NS_CLASSIC_KNN)
        detail = ns_strdup_printf ("k-nearest neighbours (k = %u) on %s (%u numbers per image); "
                                   "%.1f%% on its own training images.",
                                   self->classic->choice.k, what, self->classic->n_inputs,
                                   100 * self->classic->train_accuracy);
      else
        detail = ns_strdup_printf ("%s on %s (%u numbers per image); %.1f%% on its own training "
                                   "images.",
                                   ns_classic_kind_name (self->classic->choice.kind), what,
                                   self->classic->n_inputs, 100 * self->classic->train_accuracy);
      if (self->classic->n_train != data->n_train)
        {
          g_autofree char *more = g_strconcat (detail,
                                               " The training set has grown since: Train again to "
                                               "use the new images.",
                                               NULL);
          g_free (detail);
          detail = g_steal_pointer (&more);
        }
      gtk_label_set_label (self->classic_detail, detail);
    }
}

static void
update_network (NsComparePanel *self)
{
  const NnNet *net = ns_experiment_get_net (self->experiment);
  const NsHistoryEntry *current = ns_experiment_get_current (self->experiment);
  const NsDataset *data = dataset (self);
  NnLayerKind kind = nn_net_layer_kind (net, 0);
  g_autofree char *accuracy = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *learned = NULL;
  g_autofree char *split = NULL;

  if (isfinite (current->test_accuracy))
    accuracy = ns_strdup_printf ("Test accuracy %.1f%%", 100 * current->test_accuracy);
  else
    accuracy = g_strdup ("Test accuracy —");
  set_text (&self->network_text, self->network_accuracy, accuracy);
  detail = ns_strdup_printf ("After %u epoch%s of training in the main window; it reads all %u "
                             "pixel values of each image.",
                             current->epoch, current->epoch == 1 ? "" : "s", data->n_inputs);
  gtk_label_set_label (self->network_detail, detail);

  if (current->epoch == 0)
    learned = g_strdup ("Not trained yet: its first layer below is still the random start. Press "
                        "Play in the main window and watch it change.");
  else if (kind == NN_LAYER_CONV2D)
    learned = g_strdup ("Nobody told it what to look for: its first layer learned these small "
                        "filters from the pixels alone. Each one responds to a pattern (a stroke "
                        "edge, a blob, a colour), and the layers after it combine them.");
  else if (kind == NN_LAYER_DENSE && data->image_channels == 3)
    learned = g_strdup ("Nobody told it what to look for: each first-layer neuron learned a "
                        "weight for every pixel's red, green and blue, drawn as a colour image "
                        "(grey: no weight), its own kind of template.");
  else if (kind == NN_LAYER_DENSE)
    learned = g_strdup ("Nobody told it what to look for: each first-layer neuron learned a "
                        "weight for every pixel (blue: ink there counts for it, orange: "
                        "against it), its own kind of template.");
  else
    learned = g_strdup ("Its features are learned from the pixels, layer by layer.");
  gtk_label_set_label (self->learned, learned);

  split = ns_strdup_printf ("Same split on both sides: each model learns from the same %u training "
                            "images and is scored on the same %u test images it never saw.",
                            data->n_train, data->n_test);
  gtk_label_set_label (self->split_label, split);
  self->shown_version = ns_experiment_get_version (self->experiment);
  ns_scene_view_invalidate (NS_SCENE_VIEW (self->filters_view));
  update_verdict (self);
}

/* ---- training in a worker ---- */

static gboolean
same_choice (const NsClassicChoice *a, const NsClassicChoice *b)
{
  return a->kind == b->kind && a->on_pixels == b->on_pixels && a->k == b->k
         && (a->on_pixels || a->features == b->features);
}

/* The spinner and the words beside the Train button; the last result dimmed while the next
 * one trains. */
static void
update_training_state (NsComparePanel *self)
{
  gboolean busy = self->training != NULL;

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    {
      const NsClassicChoice *choice = &self->training->choice;
      g_autofree char *what =
          choice->on_pixels ? g_strdup ("the raw pixels") : features_text (choice->features);
      g_autofree char *name = g_utf8_strdown (ns_classic_kind_name (choice->kind), -1);
      g_autofree char *text = ns_strdup_printf ("Training %s on %s of %u images…", name, what,
                                                self->training->split->data->n_train);

      gtk_label_set_label (self->status, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->classic_accuracy), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->status, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->classic_accuracy), "dim-label");
    }
}

static void
cancel_training (NsComparePanel *self)
{
  if (self->training == NULL)
    return;
  g_cancellable_cancel (self->training->cancellable);
  g_clear_pointer (&self->training, training_release);
}

/* Worker thread: reads the training's own copy of the split only. */
static void
train_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Training *training = task_data;
  GError *error = NULL;
  NsExperimentClassic *classic = ns_experiment_classic_train_split (
      training->split->data, &training->choice, cancellable, &error);

  if (classic == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, classic, (GDestroyNotify) ns_experiment_classic_free);
}

/* Main thread: the result of the panel's current training is shown; any other is stale (its
 * panel closed, or a newer request replaced it) and dropped. */
static void
training_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Training *training = g_task_get_task_data (G_TASK (result));
  g_autoptr (NsComparePanel) self = g_weak_ref_get (&training->panel);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperimentClassic) classic = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || self->training != training)
    return;
  g_clear_pointer (&self->training, training_release);
  g_clear_pointer (&self->classic, ns_experiment_classic_free);
  self->classic = g_steal_pointer (&classic);
  update_training_state (self);
  update_classic (self);
  if (self->classic == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Cannot train: %s", error->message);

      gtk_label_set_label (self->classic_detail, text);
    }
  update_verdict (self);
}

/* Trains the choice the controls show, in a worker; a training still going is cancelled. */
static void
start_training (NsComparePanel *self)
{
  const NsDataset *data = dataset (self);
  g_autoptr (GTask) task = NULL;
  Training *training;

  g_clear_handle_id (&self->retrain_id, g_source_remove);
  cancel_training (self);
  if (!is_image (self))
    {
      update_training_state (self);
      return;
    }
  /* One copy per data: the choices a learner tries one after another share it. */
  if (self->split != NULL
      && (self->split->data->n_train != data->n_train || self->split->data->n_test != data->n_test))
    g_clear_pointer (&self->split, split_release);
  if (self->split == NULL)
    {
      self->split = g_atomic_rc_box_new0 (Split);
      self->split->data = ns_dataset_copy (data);
    }
  training = g_atomic_rc_box_new0 (Training);
  g_weak_ref_init (&training->panel, self);
  training->split = g_atomic_rc_box_acquire (self->split);
  ns_compare_panel_get_choice (self, &training->choice);
  training->cancellable = g_cancellable_new ();
  self->training = training;

  task = g_task_new (NULL, training->cancellable, training_done_cb, NULL);
  g_task_set_source_tag (task, start_training);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (training),
                        (GDestroyNotify) training_release);
  g_task_run_in_thread (task, train_in_thread);
  update_training_state (self);
}

/* After the controls have moved (setting a choice ticks several boxes at once): trains the
 * choice shown unless it is the one training or trained already. */
static gboolean
retrain_cb (gpointer user_data)
{
  NsComparePanel *self = NS_COMPARE_PANEL (user_data);
  const NsClassicChoice *have = self->training != NULL  ? &self->training->choice
                                : self->classic != NULL ? &self->classic->choice
                                                        : NULL;
  NsClassicChoice choice;

  self->retrain_id = 0;
  ns_compare_panel_get_choice (self, &choice);
  if (have == NULL || !same_choice (have, &choice))
    start_training (self);
  return G_SOURCE_REMOVE;
}

/* ---- the controls ---- */

static void
choice_changed_cb (NsComparePanel *self)
{
  ns_scene_view_invalidate (NS_SCENE_VIEW (self->hand_view));
  if (is_image (self) && self->retrain_id == 0)
    self->retrain_id = g_idle_add (retrain_cb, self);
}

/* A check per hand feature that applies to the data, its explanation beside it. */
static void
build_feature_checks (NsComparePanel *self)
{
  const NsDataset *data = dataset (self);
  GtkWidget *child;
  guint defaults, row = 0;

  while ((child = gtk_widget_get_first_child (self->feature_grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->feature_grid), child);
  memset (self->feature_checks, 0, sizeof self->feature_checks);
  if (!is_image (self))
    return;
  defaults = ns_hand_features_default (data->image_channels, data->image_height, data->image_width);
  for (guint f = 0; f < NS_N_HAND_FEATURES; f++)
    {
      GtkWidget *check, *blurb;

      if (!ns_hand_feature_applies (f, data->image_channels, data->image_height, data->image_width))
        continue;
      check = gtk_check_button_new_with_label (ns_hand_feature_name (f));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (defaults & (1u << f)) != 0);
      gtk_widget_set_valign (check, GTK_ALIGN_START);
      gtk_widget_set_focus_on_click (check, FALSE);
      gtk_widget_set_tooltip_text (check, ns_hand_feature_blurb (f));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (choice_changed_cb), self);
      {
        /* A feature made for the other kind of images still applies: say whom it was made for,
         * so a learner trying it knows what to expect. */
        NsHandImages kind =
            data->image_channels == 3 ? NS_HAND_IMAGES_APPLES : NS_HAND_IMAGES_DIGITS;
        g_autofree char *text =
            ns_hand_feature_made_for (f) == kind
                ? g_strdup (ns_hand_feature_blurb (f))
                : g_strdup_printf ("%s (Made for %s.)", ns_hand_feature_blurb (f),
                                   ns_hand_feature_made_for (f) == NS_HAND_IMAGES_APPLES
                                       ? "apples and balls"
                                       : "digits");

        blurb = gtk_label_new (text);
      }
      gtk_label_set_wrap (GTK_LABEL (blurb), TRUE);
      gtk_label_set_xalign (GTK_LABEL (blurb), 0);
      gtk_label_set_width_chars (GTK_LABEL (blurb), 20);
      gtk_label_set_max_width_chars (GTK_LABEL (blurb), 60);
      gtk_widget_set_hexpand (blurb, TRUE);
      gtk_widget_add_css_class (blurb, "dim-label");
      gtk_grid_attach (GTK_GRID (self->feature_grid), check, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (self->feature_grid), blurb, 1, row, 1, 1);
      self->feature_checks[f] = GTK_CHECK_BUTTON (check);
      row++;
    }
}

/* New data: new features apply, the old model scored other images. */
static void
configure (NsComparePanel *self)
{
  const NsDataset *data = dataset (self);

  /* The next training copies the data as it is now. */
  g_clear_pointer (&self->split, split_release);
  if (is_image (self) && self->channels == data->image_channels
      && self->height == data->image_height && self->width == data->image_width
      && self->n_classes == data->n_classes)
    {
      update_classic (self);
      update_network (self);
      return;
    }
  self->channels = is_image (self) ? data->image_channels : 0;
  self->height = data->image_height;
  self->width = data->image_width;
  self->n_classes = data->n_classes;
  g_clear_handle_id (&self->retrain_id, g_source_remove);
  cancel_training (self);
  g_clear_pointer (&self->classic, ns_experiment_classic_free);
  build_feature_checks (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), is_image (self));
  gtk_spin_button_set_range (self->sample_spin, 1, MAX (data->n_test, 1));
  self->sample = MIN (self->sample, data->n_test > 0 ? data->n_test - 1 : 0);
  /* Both sides have a number from the start: the default features' model is quick to fit
   * (logistic regression on 52 values per digit: milliseconds), and the worker fits it. */
  start_training (self);
  update_classic (self);
  update_network (self);
  ns_scene_view_invalidate (NS_SCENE_VIEW (self->hand_view));
}

static void
experiment_changed_cb (NsComparePanel *self)
{
  configure (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  NsComparePanel *self = NS_COMPARE_PANEL (user_data);

  if (ns_experiment_get_version (self->experiment) != self->shown_version)
    {
      update_network (self);
      update_classic (self);
    }
  return G_SOURCE_CONTINUE;
}

static void
train_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_training (NS_COMPARE_PANEL (widget));
}

static void
sample_changed_cb (NsComparePanel *self)
{
  guint index = (guint) gtk_spin_button_get_value_as_int (self->sample_spin);

  self->sample = index > 0 ? index - 1 : 0;
  update_verdict (self);
  ns_scene_view_invalidate (NS_SCENE_VIEW (self->hand_view));
}

static GtkWidget *
heading (const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css);
  return label;
}

static GtkLabel *
wrapped (GtkWidget *box, const char *css)
{
  GtkWidget *label = heading ("", css != NULL ? css : "body");

  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
ns_compare_panel_dispose (GObject *object)
{
  NsComparePanel *self = NS_COMPARE_PANEL (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->retrain_id, g_source_remove);
  /* A closed panel stops its worker: nobody is left to see the result. */
  cancel_training (self);
  g_clear_pointer (&self->split, split_release);
  g_clear_object (&self->experiment);
  G_OBJECT_CLASS (ns_compare_panel_parent_class)->dispose (object);
}

static void
ns_compare_panel_finalize (GObject *object)
{
  NsComparePanel *self = NS_COMPARE_PANEL (object);

  ns_experiment_classic_free (self->classic);
  g_free (self->classic_text);
  g_free (self->network_text);
  G_OBJECT_CLASS (ns_compare_panel_parent_class)->finalize (object);
}

static void
ns_compare_panel_class_init (NsComparePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_compare_panel_dispose;
  object_class->finalize = ns_compare_panel_finalize;
  gtk_widget_class_install_action (widget_class, "compare.train", NULL, train_action_cb);
}

static void
ns_compare_panel_init (NsComparePanel *self)
{
  GtkWidget *left, *right, *row, *button, *caption, *columns;
  static const char *const models[] = { "Logistic regression", "k nearest (k = 5)", NULL };
  static const char *const reads[] = { "ticked features", "raw pixels", NULL };

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 36);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_widget_set_vexpand (columns, TRUE);
  gtk_box_append (GTK_BOX (self), columns);

  /* Left: a person's features. */
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (columns), left);
  gtk_box_append (GTK_BOX (left), heading ("Hand-made features → classic model", "title-2"));
  gtk_box_append (GTK_BOX (left), heading ("A person decided what to measure in each image; the "
                                           "model only learns how much each measurement counts.",
                                           "dim-label"));
  self->feature_grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->feature_grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (self->feature_grid), 12);
  gtk_box_append (GTK_BOX (left), self->feature_grid);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (row), gtk_label_new ("Model"));
  self->model = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (models));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->model),
                               "Logistic regression weighs each number; k-nearest neighbours "
                               "votes among the 5 most similar training images");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->model));
  gtk_box_append (GTK_BOX (row), gtk_label_new ("on"));
  self->reads = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (reads));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reads),
                               "The hand-made features ticked above, or every pixel as it is");
  g_signal_connect_swapped (self->reads, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->reads));
  button = gtk_button_new_with_mnemonic ("_Train");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare.train");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_tooltip_text (button, "Trains the classic model on the training images, then "
                                       "scores it on the test images");
  gtk_box_append (GTK_BOX (left), row);
  /* Train on a line of its own (the columns stay narrow enough for a 1024-pixel screen), with
   * the training going on beside it. */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), button);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->spinner));
  self->status = GTK_LABEL (heading ("", "dim-label"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (left), row);

  self->classic_accuracy = wrapped (left, "title-1");
  self->classic_detail = wrapped (left, NULL);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  caption = gtk_label_new ("What the features see in test image");
  gtk_box_append (GTK_BOX (row), caption);
  self->sample_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 1, 1));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sample_spin), "Which test image to look at");
  g_signal_connect_swapped (self->sample_spin, "value-changed", G_CALLBACK (sample_changed_cb),
                            self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->sample_spin));
  gtk_box_append (GTK_BOX (left), row);
  self->hand_view =
      ns_picture_view_new (build_hand_cb, self, 300, 340, "What the hand-made features look at");
  gtk_widget_set_vexpand (self->hand_view, TRUE);
  gtk_box_append (GTK_BOX (left), self->hand_view);

  /* Right: the network's own features. */
  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_box_append (GTK_BOX (columns), right);
  gtk_box_append (GTK_BOX (right), heading ("Pixels → network → learned features", "title-2"));
  gtk_box_append (GTK_BOX (right), heading ("The network gets the pixels and nothing else; it "
                                            "finds its own features while it trains.",
                                            "dim-label"));
  self->network_accuracy = wrapped (right, "title-1");
  self->network_detail = wrapped (right, NULL);
  self->learned = wrapped (right, NULL);
  self->filters_view = ns_picture_view_new (build_filters_cb, self, 300, 340,
                                            "What the network's first layer learned");
  gtk_widget_set_vexpand (self->filters_view, TRUE);
  gtk_box_append (GTK_BOX (right), self->filters_view);

  /* Under both: the split they share, and the image both judged. */
  self->verdict = wrapped (GTK_WIDGET (self), "heading");
  self->split_label = wrapped (GTK_WIDGET (self), "dim-label");

  self->poll_id = g_timeout_add (250, poll_cb, self);
}

GtkWidget *
ns_compare_panel_new (NsExperiment *experiment)
{
  NsComparePanel *self;

  g_return_val_if_fail (NS_IS_EXPERIMENT (experiment), NULL);

  self = g_object_new (NS_TYPE_COMPARE_PANEL, NULL);
  self->experiment = g_object_ref (experiment);
  g_signal_connect_object (experiment, "changed", G_CALLBACK (experiment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  configure (self);
  return GTK_WIDGET (self);
}

void
ns_compare_panel_set_zoom (NsComparePanel *self, double zoom)
{
  g_return_if_fail (NS_IS_COMPARE_PANEL (self));

  ns_scene_view_set_zoom (NS_SCENE_VIEW (self->hand_view), zoom);
  ns_scene_view_set_zoom (NS_SCENE_VIEW (self->filters_view), zoom);
}

void
ns_compare_panel_get_choice (NsComparePanel *self, NsClassicChoice *choice)
{
  g_return_if_fail (NS_IS_COMPARE_PANEL (self));
  g_return_if_fail (choice != NULL);

  ns_classic_choice_init (choice, dataset (self));
  choice->features = 0;
  for (guint f = 0; f < NS_N_HAND_FEATURES; f++)
    if (self->feature_checks[f] != NULL && gtk_check_button_get_active (self->feature_checks[f]))
      choice->features |= 1u << f;
  choice->on_pixels = gtk_drop_down_get_selected (self->reads) == 1;
  choice->kind = gtk_drop_down_get_selected (self->model) == 1 ? NS_CLASSIC_KNN : NS_CLASSIC_LOGREG;
}

void
ns_compare_panel_set_choice (NsComparePanel *self, const NsClassicChoice *choice)
{
  g_return_if_fail (NS_IS_COMPARE_PANEL (self));
  g_return_if_fail (choice != NULL);

  for (guint f = 0; f < NS_N_HAND_FEATURES; f++)
    if (self->feature_checks[f] != NULL)
      gtk_check_button_set_active (self->feature_checks[f], (choice->features & (1u << f)) != 0);
  gtk_drop_down_set_selected (self->reads, choice->on_pixels ? 1 : 0);
  gtk_drop_down_set_selected (self->model, choice->kind == NS_CLASSIC_KNN ? 1 : 0);
}

const NsExperimentClassic *
ns_compare_panel_get_classic (NsComparePanel *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_PANEL (self), NULL);
  return self->classic;
}

void
ns_compare_panel_set_sample (NsComparePanel *self, guint index)
{
  g_return_if_fail (NS_IS_COMPARE_PANEL (self));
  gtk_spin_button_set_value (self->sample_spin, index + 1);
}

const char *
ns_compare_panel_get_classic_text (NsComparePanel *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_PANEL (self), NULL);
  return self->classic_text;
}

const char *
ns_compare_panel_get_network_text (NsComparePanel *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_PANEL (self), NULL);
  return self->network_text;
}

GtkCheckButton *
ns_compare_panel_get_feature_check (NsComparePanel *self, guint feature)
{
  g_return_val_if_fail (NS_IS_COMPARE_PANEL (self), NULL);
  return feature < NS_N_HAND_FEATURES ? self->feature_checks[feature] : NULL;
}

gboolean
ns_compare_panel_is_training (NsComparePanel *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_PANEL (self), FALSE);
  return self->training != NULL;
}

GCancellable *
ns_compare_panel_get_training_cancellable (NsComparePanel *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_PANEL (self), NULL);
  return self->training != NULL ? self->training->cancellable : NULL;
}

const char *
ns_compare_panel_get_status_text (NsComparePanel *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_PANEL (self), NULL);
  return gtk_label_get_label (self->status);
}
