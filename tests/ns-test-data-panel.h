/* ns-test-data-panel.h: a data panel in a window of its own, its actions, finding its widgets
 * and rendering it, for the data panel's UI tests (run under Xvfb). */
#pragma once

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "ns-data-panel.h"
#include "ns-experiment.h"

#include "ns-test-ui.h"

static G_GNUC_UNUSED NsExperiment *
make_experiment (const char *option, const char *value)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;

  ns_config_init_default (&config);
  if (option != NULL)
    g_assert_true (ns_config_set_option (&config, option, value, &error));
  g_assert_no_error (error);

  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (experiment);

  return experiment;
}

static G_GNUC_UNUSED char *
iris_path (void)
{
  const char *datadir = g_getenv ("NEUROSCOPE_DATADIR");

  g_assert_nonnull (datadir);
  return g_build_filename (datadir, "datasets", "iris.csv", NULL);
}

typedef struct
{
  GtkWindow *window;
  NsDataPanel *panel;
} Fixture;

static G_GNUC_UNUSED void
fixture_present (Fixture *f, NsExperiment *experiment)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->panel = NS_DATA_PANEL (ns_data_panel_new ());
  ns_data_panel_set_experiment (f->panel, experiment);
  gtk_window_set_child (f->window, GTK_WIDGET (f->panel));
  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->panel)), 5000);
}

static G_GNUC_UNUSED void
fixture_close (Fixture *f)
{
  gtk_window_destroy (f->window);
  f->window = NULL;
  f->panel = NULL;
}

static G_GNUC_UNUSED gboolean
activate (Fixture *f, const char *name, const char *format, ...)
{
  GVariant *parameter = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      parameter = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }

  return gtk_widget_activate_action_variant (GTK_WIDGET (f->panel), name, parameter);
}

/* The panel's descendants of @type, in tree order. */
static G_GNUC_UNUSED void
collect (GtkWidget *widget, GType type, GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static G_GNUC_UNUSED GPtrArray *
find_all (Fixture *f, GType type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (GTK_WIDGET (f->panel), type, found);
  return found;
}

/* The mapped label whose text contains @needle, or NULL. */
static G_GNUC_UNUSED GtkLabel *
find_label (Fixture *f, const char *needle)
{
  g_autoptr (GPtrArray) labels = find_all (f, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (labels->pdata[i])
        && strstr (gtk_label_get_label (labels->pdata[i]), needle) != NULL)
      return labels->pdata[i];

  return NULL;
}

/* The noise, ratio and batch sliders, in that order. */
static G_GNUC_UNUSED GtkRange *
get_scale (Fixture *f, guint i)
{
  g_autoptr (GPtrArray) scales = find_all (f, GTK_TYPE_SCALE);

  g_assert_cmpuint (scales->len, ==, 3);
  return GTK_RANGE (scales->pdata[i]);
}

/* The batch box and the seed box, in that order. */
static G_GNUC_UNUSED GtkSpinButton *
get_spin (Fixture *f, guint i)
{
  g_autoptr (GPtrArray) spins = find_all (f, GTK_TYPE_SPIN_BUTTON);

  g_assert_cmpuint (spins->len, ==, 2);
  return GTK_SPIN_BUTTON (spins->pdata[i]);
}

static G_GNUC_UNUSED gboolean
dataset_active (Fixture *f, NsDatasetKind kind)
{
  return gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (ns_data_panel_get_dataset_button (f->panel, kind)));
}

static G_GNUC_UNUSED guint
n_active_datasets (Fixture *f)
{
  guint n = 0;

  for (guint k = 0; k < NS_N_PLANE_DATASETS; k++)
    n += dataset_active (f, k);
  return n;
}

static G_GNUC_UNUSED float *
copy_params (NsExperiment *experiment)
{
  const NnNet *net = ns_experiment_get_net (experiment);

  return g_memdup2 (net->params, net->n_params * sizeof (float));
}

static G_GNUC_UNUSED gboolean
same_params (NsExperiment *experiment, const float *params)
{
  const NnNet *net = ns_experiment_get_net (experiment);

  return memcmp (net->params, params, net->n_params * sizeof (float)) == 0;
}

static G_GNUC_UNUSED float *
copy_train_x (NsExperiment *experiment, guint *n)
{
  const NsDataset *data = ns_experiment_get_dataset (experiment);

  *n = data->n_train * data->n_inputs;
  return g_memdup2 (data->train_x, *n * sizeof (float));
}

/* Renders the panel as the window shows it; saves it as dir/name when NS_TEST_DUMP is set. */
static G_GNUC_UNUSED GskRenderNode *
render_panel (Fixture *f, const char *name)
{
  GtkWidget *widget = GTK_WIDGET (f->panel);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  const char *dump = g_getenv ("NS_TEST_DUMP");

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  if (dump != NULL && *dump != '\0')
    {
      g_autofree char *path = g_build_filename (dump, name, NULL);
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));

      /* The panel's own background is the window's: paint it under the panel for the file. */
      GtkSnapshot *framed = gtk_snapshot_new ();
      g_autoptr (GskRenderNode) whole = NULL;
      GdkRGBA background = { 0.98f, 0.98f, 0.98f, 1.f };

      if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
        background = (GdkRGBA){ 0.14f, 0.14f, 0.14f, 1.f };
      gtk_snapshot_append_color (framed, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gtk_snapshot_append_node (framed, node);
      whole = gtk_snapshot_free_to_node (framed);

      texture =
          gsk_renderer_render_texture (renderer, whole, &GRAPHENE_RECT_INIT (0, 0, width, height));
      g_mkdir_with_parents (dump, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("dumped %s", path);
    }

  return node;
}
