/* ns-compare-window.c: the data-scaling experiment's window. The runs go on in a GTask worker
 * (ns_compare_run); each finished row comes back to the main thread, where the plot and the
 * progress bar take it. A run belongs to the window that started it only while the window still
 * points at it: rows of a cancelled or replaced run are dropped. */
#include "config.h"

#include "ns-compare-window.h"

#include <math.h>
#include <string.h>

#include "ns-cli-compare.h"
#include "ns-compare.h"
#include "ns-render-compare.h"
#include "ns-render-images.h"
#include "ns-save-chooser.h"
#include "ns-scene-view.h"
#include "ns-zoom.h"

/* ---- the plot: the rows so far as ns_render_scaling draws them ---- */

#define NS_TYPE_COMPARE_VIEW (ns_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (NsCompareView, ns_compare_view, NS, COMPARE_VIEW, NsSceneView)

struct _NsCompareView
{
  NsSceneView parent_instance;

  GArray *rows; /* NsCompareRow, the window's (not owned) */
  char *title;
};

G_DEFINE_FINAL_TYPE (NsCompareView, ns_compare_view, NS_TYPE_SCENE_VIEW)

static gboolean
ns_compare_view_build (NsSceneView *scene_view,
                       NsScene *scene,
                       const NsRenderStyle *style,
                       double width,
                       double height)
{
  NsCompareView *self = NS_COMPARE_VIEW (scene_view);
  g_autofree NsScalingRow *rows = NULL;
  guint n = self->rows != NULL ? self->rows->len : 0;

  ns_render_images_begin (scene, style, width, height);
  rows = ns_compare_rows_to_scaling (
      n > 0 ? (const NsCompareRow *) (void *) self->rows->data : NULL, n);
  ns_render_scaling (scene, style, 0, 0, width, height, self->title, rows, n);
  return TRUE;
}

static void
ns_compare_view_finalize (GObject *object)
{
  NsCompareView *self = NS_COMPARE_VIEW (object);

  g_free (self->title);
  G_OBJECT_CLASS (ns_compare_view_parent_class)->finalize (object);
}

static void
ns_compare_view_class_init (NsCompareViewClass *klass)
{
  NsSceneViewClass *scene_view_class = NS_SCENE_VIEW_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ns_compare_view_finalize;
  scene_view_class->build = ns_compare_view_build;
  scene_view_class->min_width = 420;
  scene_view_class->natural_width = 860;
  scene_view_class->min_height = 320;
  scene_view_class->natural_height = 560;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_compare_view_init (NsCompareView *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Test accuracy against training-set size", -1);
}

static void
ns_compare_view_set_rows (NsCompareView *self, GArray *rows, const char *title)
{
  self->rows = rows;
  g_free (self->title);
  self->title = g_strdup (title);
  ns_scene_view_invalidate (NS_SCENE_VIEW (self));
}

/* ---- one run, shared by the window and its worker ---- */

typedef struct
{
  GWeakRef window;
  NsDataset *data;
  NsCompareSettings settings;
  GCancellable *cancellable;
} Run;

static void
run_clear (gpointer data)
{
  Run *run = data;

  g_weak_ref_clear (&run->window);
  g_clear_pointer (&run->data, ns_dataset_free);
  g_clear_object (&run->cancellable);
}

static void
run_release (Run *run)
{
  g_atomic_rc_box_release_full (run, run_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_release)

/* A finished row on its way to the main thread. */
typedef struct
{
  Run *run;
  NsCompareRow row;
  guint done, total;
} Update;

struct _NsCompareWindow
{
  AdwWindow parent_instance;

  GtkDropDown *dataset_dropdown;
  NsCompareView *view;
  GtkProgressBar *progress_bar;
  GtkLabel *progress_label;
  GtkLabel *summary_label;

  GArray *rows; /* NsCompareRow: the plan, filled in as rows arrive */
  Run *run;     /* the run going on (a reference), or NULL */
  guint done, total;

  double zoom; /* the main window's: its text through the provider, the plot's */
  GtkCssProvider *zoom_provider;
};

G_DEFINE_FINAL_TYPE (NsCompareWindow, ns_compare_window, ADW_TYPE_WINDOW)

static void fit_default_size (NsCompareWindow *self);

enum
{
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (NsCompareWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.cancel", self->run != NULL);
  /* The results so far, once no run is writing them. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.save-csv",
                                 self->run == NULL && self->done > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dataset_dropdown), self->run == NULL);
}

static void
update_summary (NsCompareWindow *self, const char *prefix)
{
  g_autofree char *sentence = ns_compare_summary_sentence (
      (const NsCompareRow *) (void *) self->rows->data, self->rows->len);
  g_autofree char *text = g_strconcat (prefix != NULL ? prefix : "", sentence, NULL);

  gtk_label_set_label (self->summary_label, text);
}

static void
update_progress (NsCompareWindow *self)
{
  g_autofree char *text = g_strdup_printf ("%u of %u runs", self->done, self->total);

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 self->total > 0 ? (double) self->done / self->total : 0.0);
  gtk_label_set_label (self->progress_label, text);
}

/* Main thread: a row of the current run lands in its place of the plan. */
static gboolean
apply_update_cb (gpointer user_data)
{
  Update *update = user_data;
  g_autoptr (NsCompareWindow) self = g_weak_ref_get (&update->run->window);

  if (self != NULL && self->run == update->run)
    {
      for (guint k = 0; k < self->rows->len; k++)
        {
          NsCompareRow *row = &g_array_index (self->rows, NsCompareRow, k);

          if (row->model == update->row.model && row->fraction == update->row.fraction
              && row->seed == update->row.seed)
            *row = update->row;
        }
      self->done = update->done;
      self->total = update->total;
      update_progress (self);
      update_summary (self, NULL);
      ns_scene_view_invalidate (NS_SCENE_VIEW (self->view));
    }
  return G_SOURCE_REMOVE;
}

static void
update_free (gpointer data)
{
  Update *update = data;

  run_release (update->run);
  g_free (update);
}

/* Worker thread: hands the row to the main thread. */
static void
progress_cb (const NsCompareRow *row, guint done, guint total, gpointer user_data)
{
  Update *update = g_new0 (Update, 1);

  update->run = g_atomic_rc_box_acquire ((Run *) user_data);
  update->row = *row;
  update->done = done;
  update->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_update_cb, update, update_free);
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  GArray *rows = ns_compare_run (run->data, &run->settings, progress_cb, run, cancellable, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_array_unref);
}

static void
run_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr (NsCompareWindow) self = g_weak_ref_get (&run->window);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || self->run != run)
    return;
  g_clear_pointer (&self->run, run_release);
  if (rows != NULL)
    {
      /* Every row, also those whose update is still queued. */
      g_array_set_size (self->rows, 0);
      g_array_append_vals (self->rows, rows->data, rows->len);
      self->done = self->total;
      update_progress (self);
      update_summary (self, NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text =
          g_strdup_printf ("Cancelled after %u of %u runs", self->done, self->total);

      gtk_label_set_label (self->progress_label, text);
      update_summary (self, "Cancelled. ");
    }
  else
    gtk_label_set_label (self->summary_label, error->message);
  ns_scene_view_invalidate (NS_SCENE_VIEW (self->view));
  update_actions (self);
}

void
ns_compare_window_cancel (NsCompareWindow *self)
{
  g_return_if_fail (NS_IS_COMPARE_WINDOW (self));

  if (self->run != NULL)
    g_cancellable_cancel (self->run->cancellable);
}

void
ns_compare_window_run (NsCompareWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  g_autoptr (GArray) plan = NULL;
  gboolean apples;
  Run *run;
  NnRng rng;

  g_return_if_fail (NS_IS_COMPARE_WINDOW (self));

  if (self->run != NULL)
    {
      g_cancellable_cancel (self->run->cancellable);
      g_clear_pointer (&self->run, run_release);
    }

  apples = gtk_drop_down_get_selected (self->dataset_dropdown) == 1;
  run = g_atomic_rc_box_new0 (Run);
  g_weak_ref_init (&run->window, self);
  run->cancellable = g_cancellable_new ();
  ns_compare_settings_init (&run->settings);
  /* The same test set as `neuroscope compare --dataset NAME`: the data stream of seed 1. */
  nn_rng_seed (&rng, run->settings.seed, NN_STREAM_DATA);
  run->data =
      ns_dataset_load_builtin (apples ? NS_DATASET_APPLES : NS_DATASET_DIGITS, 0, &rng, &error);
  if (run->data == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      run_release (run);
      return;
    }

  plan = ns_compare_plan (run->data, &run->settings);
  g_array_set_size (self->rows, 0);
  g_array_append_vals (self->rows, plan->data, plan->len);
  self->done = 0;
  self->total = plan->len;
  ns_compare_view_set_rows (self->view, self->rows,
                            apples ? "Apples and balls: test accuracy against training-set size"
                                   : "Digits: test accuracy against training-set size");
  update_progress (self);
  gtk_label_set_label (self->summary_label, "No run has finished yet.");

  self->run = run;
  task = g_task_new (NULL, run->cancellable, run_done_cb, NULL);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (run), (GDestroyNotify) run_release);
  g_task_run_in_thread (task, run_in_thread);
  update_actions (self);
}

gboolean
ns_compare_window_is_running (NsCompareWindow *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_WINDOW (self), FALSE);

  return self->run != NULL;
}

const GArray *
ns_compare_window_get_rows (NsCompareWindow *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_WINDOW (self), NULL);

  return self->rows;
}

static void
run_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ns_compare_window_run (NS_COMPARE_WINDOW (widget));
}

static void
cancel_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ns_compare_window_cancel (NS_COMPARE_WINDOW (widget));
}

/* The results as `neuroscope compare --csv-out` writes them (C numerics in every locale);
 * errors under the plot, where the summary goes. */
static void
save_csv_to_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsCompareWindow *self = NS_COMPARE_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) measured = g_array_new (FALSE, FALSE, sizeof (NsCompareRow));
  const char *path = g_variant_get_string (parameter, NULL);
  g_autofree char *text = NULL;

  /* A cancelled run's rows not measured yet stay out: the file reads back as a finished
   * run's would (`neuroscope render --view compare --csv`). */
  for (guint k = 0; k < self->rows->len; k++)
    if (!isnan (g_array_index (self->rows, NsCompareRow, k).test_accuracy))
      g_array_append_val (measured, g_array_index (self->rows, NsCompareRow, k));
  if (!ns_compare_write_csv (path, (const NsCompareRow *) (void *) measured->data, measured->len,
                             &error))
    text = g_strdup (error->message);
  else
    text = g_strdup_printf ("Saved %u results to %s", measured->len, path);
  gtk_label_set_label (self->progress_label, text);
}

static void
save_csv_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ns_save_chooser_csv (GTK_WINDOW (widget), "Save Results as CSV", "_Save", "data-scaling.csv",
                       "compare.save-csv-to");
}

NsCompareWindow *
ns_compare_window_new (GtkWindow *parent)
{
  /* It follows its main window's zoom, and goes with it. */
  return g_object_new (NS_TYPE_COMPARE_WINDOW, "transient-for", parent, "destroy-with-parent",
                       parent != NULL, NULL);
}

/* ---- zoom ---- */

/* The size the window opens at: the template's, grown with the zoom, within the screen its
 * main window is on (the first one before that is shown). */
#define DEFAULT_WIDTH 900
#define DEFAULT_HEIGHT 720

static void
fit_default_size (NsCompareWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkSurface *surface = parent != NULL ? gtk_native_get_surface (GTK_NATIVE (parent)) : NULL;
  g_autoptr (GdkMonitor) first = NULL;
  GdkMonitor *monitor = NULL;
  int width = (int) (DEFAULT_WIDTH * self->zoom), height = (int) (DEFAULT_HEIGHT * self->zoom);

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL)
    monitor = first = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  if (monitor != NULL)
    {
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
      width = MIN (width, area.width * 95 / 100);
      height = MIN (height, area.height * 90 / 100);
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

double
ns_compare_window_get_zoom (NsCompareWindow *self)
{
  g_return_val_if_fail (NS_IS_COMPARE_WINDOW (self), 1.0);

  return self->zoom;
}

void
ns_compare_window_set_zoom (NsCompareWindow *self, double zoom)
{
  g_return_if_fail (NS_IS_COMPARE_WINDOW (self));

  zoom = ns_zoom_clamp (zoom);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;

  /* The text through the style provider, as in the main window; the plot through its zoom. */
  ns_zoom_provider_load (self->zoom_provider, "ns-compare-window", zoom);
  ns_scene_view_set_zoom (NS_SCENE_VIEW (self->view), zoom);
  /* Before it is shown (the zoom bound as it opens) the window opens at a size for the zoom;
   * once shown its size is the learner's: the plot takes what room there is. */
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    fit_default_size (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* compare.zoom-in, compare.zoom-out, compare.zoom-reset and compare.presentation (Ctrl++,
 * Ctrl+-, Ctrl+0 and F5 here) do what the keys do in the main window: its zoom and
 * presentation mode, which this window follows. */
static void
main_window_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));
  g_autofree char *main_action = NULL;

  if (parent == NULL)
    return;
  main_action = g_strconcat ("win.", action_name + strlen ("compare."), NULL);
  gtk_widget_activate_action (GTK_WIDGET (parent), main_action, NULL);
}

static void
ns_compare_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  NsCompareWindow *self = NS_COMPARE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_compare_window_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  NsCompareWindow *self = NS_COMPARE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      ns_compare_window_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ns_compare_window_dispose (GObject *object)
{
  NsCompareWindow *self = NS_COMPARE_WINDOW (object);

  /* A closed window stops its worker: nobody is left to see the runs. */
  if (self->run != NULL)
    {
      g_cancellable_cancel (self->run->cancellable);
      g_clear_pointer (&self->run, run_release);
    }
  if (self->view != NULL)
    ns_compare_view_set_rows (self->view, NULL, NULL);
  ns_zoom_provider_clear (GTK_WIDGET (self), &self->zoom_provider);
  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_COMPARE_WINDOW);
  G_OBJECT_CLASS (ns_compare_window_parent_class)->dispose (object);
}

static void
ns_compare_window_finalize (GObject *object)
{
  NsCompareWindow *self = NS_COMPARE_WINDOW (object);

  g_clear_pointer (&self->rows, g_array_unref);
  G_OBJECT_CLASS (ns_compare_window_parent_class)->finalize (object);
}

static void
ns_compare_window_class_init (NsCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_compare_window_dispose;
  object_class->finalize = ns_compare_window_finalize;
  object_class->get_property = ns_compare_window_get_property;
  object_class->set_property = ns_compare_window_set_property;

  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, NS_ZOOM_MIN, NS_ZOOM_MAX, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NS_TYPE_COMPARE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/neuroscope/Neuroscope/ui/"
                                                             "ns-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NsCompareWindow, dataset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NsCompareWindow, view);
  gtk_widget_class_bind_template_child (widget_class, NsCompareWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, NsCompareWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, NsCompareWindow, summary_label);

  gtk_widget_class_install_action (widget_class, "compare.run", NULL, run_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.save-csv", NULL, save_csv_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.save-csv-to", "s", save_csv_to_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  {
    static const struct
    {
      guint key;
      GdkModifierType mods;
      const char *action;
    } keys[] = {
      { GDK_KEY_plus, GDK_CONTROL_MASK, "compare.zoom-in" },
      { GDK_KEY_equal, GDK_CONTROL_MASK, "compare.zoom-in" },
      { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "compare.zoom-in" },
      { GDK_KEY_minus, GDK_CONTROL_MASK, "compare.zoom-out" },
      { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "compare.zoom-out" },
      { GDK_KEY_0, GDK_CONTROL_MASK, "compare.zoom-reset" },
      { GDK_KEY_F5, 0, "compare.presentation" },
    };

    gtk_widget_class_install_action (widget_class, "compare.zoom-in", NULL, main_window_action_cb);
    gtk_widget_class_install_action (widget_class, "compare.zoom-out", NULL, main_window_action_cb);
    gtk_widget_class_install_action (widget_class, "compare.zoom-reset", NULL,
                                     main_window_action_cb);
    gtk_widget_class_install_action (widget_class, "compare.presentation", NULL,
                                     main_window_action_cb);
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      gtk_widget_class_add_binding_action (widget_class, keys[k].key, keys[k].mods, keys[k].action,
                                           NULL);
  }
}

static void
ns_compare_window_init (NsCompareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->zoom = 1.0;
  gtk_widget_add_css_class (GTK_WIDGET (self), "ns-compare-window");
  self->zoom_provider = ns_zoom_provider_new (GTK_WIDGET (self));
  ns_zoom_provider_load (self->zoom_provider, "ns-compare-window", self->zoom);
  fit_default_size (self);
  self->rows = g_array_new (FALSE, TRUE, sizeof (NsCompareRow));
  ns_compare_view_set_rows (self->view, self->rows, NULL);
  update_actions (self);
}
