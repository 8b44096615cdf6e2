/* test-ui-folder.c: the data panel's way to the learner's own images: data.open-folder (the
 * action the "Your images…" chooser calls) loads a folder of class subfolders, previews it,
 * lists the files it skipped by name, and leaves the data as it was when the folder is empty
 * (run under Xvfb).
 *
 * NS_TEST_DUMP=dir saves the panel as dir/ui-folder.png.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ns-data-panel.h"

#include "ns-test-ui.h"

/* A square of one colour with a darker square in its middle, so centring has something to do. */
static void
write_png (const char *folder, const char *name, guint32 rgb, int side)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, side, side);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0xffffffffu);
  {
    g_autoptr (GdkPixbuf) middle =
        gdk_pixbuf_new_subpixbuf (pixbuf, side / 4, side / 4, side / 2, side / 2);

    gdk_pixbuf_fill (middle, (rgb << 8) | 0xffu);
  }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
}

/* root/red (3 images), root/blue (2 images and a file that is not a PNG inside). */
static char *
make_folder (void)
{
  g_autoptr (GError) error = NULL;
  char *root = g_dir_make_tmp ("ns-folder-XXXXXX", &error);
  g_autofree char *red = NULL;
  g_autofree char *blue = NULL;
  g_autofree char *broken = NULL;

  g_assert_no_error (error);
  red = g_build_filename (root, "red", NULL);
  blue = g_build_filename (root, "blue", NULL);
  g_assert_cmpint (g_mkdir (red, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (blue, 0700), ==, 0);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%d.png", i);

      write_png (red, name, 0xd02020u, 20 + i * 4);
    }
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("b%d.png", i);

      write_png (blue, name, 0x2040d0u, 12 + i * 8);
    }
  broken = g_build_filename (blue, "broken.png", NULL);
  g_assert_true (g_file_set_contents (broken, "not a png at all", -1, &error));
  g_assert_no_error (error);
  return root;
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static guint
count_class (const NsDataset *data, guint k)
{
  guint n = 0;

  for (guint i = 0; i < data->n_train; i++)
    n += (guint) data->train_y[i] == k;
  for (guint i = 0; i < data->n_test; i++)
    n += (guint) data->test_y[i] == k;
  return n;
}

static const char *
label_text (GtkWidget *panel, const char *needle)
{
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();

  /* The first label whose text holds @needle, or NULL. */
  g_ptr_array_add (stack, panel);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
          && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
        return gtk_label_get_label (GTK_LABEL (widget));
      /* A collapsed expander keeps its child out of the tree. */
      if (GTK_IS_EXPANDER (widget) && gtk_widget_is_visible (widget)
          && !gtk_expander_get_expanded (GTK_EXPANDER (widget)))
        g_ptr_array_add (stack, gtk_expander_get_child (GTK_EXPANDER (widget)));
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return NULL;
}

static void
test_open_folder (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) experiment = NULL;
  g_autofree char *root = make_folder ();
  g_autofree char *empty = g_dir_make_tmp ("ns-nothing-XXXXXX", NULL);
  GtkWindow *window;
  AdwToastOverlay *overlay;
  NsDataPanel *panel;
  const NsDataset *data;
  const GPtrArray *warnings;
  const char *text;
  guint64 version;

  ns_config_init_default (&config);
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 320, 900);
  overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  panel = NS_DATA_PANEL (ns_data_panel_new ());
  ns_data_panel_set_experiment (panel, experiment);
  adw_toast_overlay_set_child (overlay, GTK_WIDGET (panel));
  gtk_window_set_child (window, GTK_WIDGET (overlay));
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (panel)), 5000);

  /* A folder with no class folders, from the plane: an error naming it, the plane's data and
   * network as they were. */
  g_assert_nonnull (empty);
  data = ns_experiment_get_dataset (experiment);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "data.open-folder", "s", empty));
  g_assert_nonnull (strstr (ns_data_panel_get_message (panel), "nothing"));
  g_assert_nonnull (strstr (ns_data_panel_get_message (panel), "expected"));
  g_assert_true (ns_experiment_get_dataset (experiment) == data);
  g_assert_null (ns_experiment_get_config (experiment)->data_path);
  g_assert_cmpuint (ns_experiment_get_config (experiment)->n_layers, ==, 2);
  g_assert_cmpuint (ns_experiment_get_config (experiment)->layers[0].kind, ==, NN_LAYER_DENSE);

  /* From the plane: the folder's images, with the image sets' conv net. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "data.open-folder", "s", root));
  data = ns_experiment_get_dataset (experiment);
  g_assert_true (ns_config_is_image_folder (ns_experiment_get_config (experiment)));
  g_assert_cmpuint (data->n_classes, ==, 2);
  g_assert_cmpuint (data->image_channels, ==, 3);
  g_assert_cmpuint (data->n_train + data->n_test, ==, 5);
  /* Classes in name order: blue, red. */
  g_assert_cmpstr (data->class_names[0], ==, "blue");
  g_assert_cmpstr (data->class_names[1], ==, "red");
  g_assert_cmpuint (count_class (data, 0), ==, 2);
  g_assert_cmpuint (count_class (data, 1), ==, 3);
  g_assert_cmpuint (ns_experiment_get_config (experiment)->layers[0].kind, ==, NN_LAYER_CONV2D);

  /* The skipped file by name, in the experiment, the toast and the panel's list. */
  warnings = ns_experiment_get_data_warnings (experiment);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "broken.png"));
  g_assert_nonnull (strstr (ns_data_panel_get_message (panel), "1 file skipped"));
  run_for (100);
  text = label_text (GTK_WIDGET (panel), "broken.png");
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "blue"));

  /* The preview: the folder's name, classes with their counts. */
  g_assert_nonnull (label_text (GTK_WIDGET (panel), "blue 2, red 3"));
  {
    g_autofree char *name = g_path_get_basename (root);

    g_assert_nonnull (label_text (GTK_WIDGET (panel), name));
  }

  /* Opened, the list shows the file under its class folder. */
  gtk_expander_set_expanded (GTK_EXPANDER (find_descendant (GTK_WIDGET (panel), GTK_TYPE_EXPANDER)),
                             TRUE);
  run_for (50);
  g_assert_nonnull (label_text (GTK_WIDGET (panel), "broken.png"));

  if (g_getenv ("NS_TEST_DUMP") != NULL)
    dump_widget (GTK_WIDGET (panel), "ui-folder.png");

  /* An empty folder: an error naming it, the data as it was. */
  version = ns_experiment_get_version (experiment);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "data.open-folder", "s", empty));
  g_assert_nonnull (strstr (ns_data_panel_get_message (panel), "nothing"));
  g_assert_true (ns_experiment_get_dataset (experiment) == data);
  g_assert_cmpuint (ns_experiment_get_version (experiment), ==, version);
  g_assert_nonnull (strstr (ns_experiment_get_config (experiment)->data_path, root));
  g_assert_null (strstr (ns_experiment_get_config (experiment)->data_path, "nothing"));
  g_assert_cmpuint (ns_experiment_get_data_warnings (experiment)->len, ==, 1);

  /* The picker takes the learner back from a folder to a built-in set. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (panel), "data.set-dataset", "s", "digits"));
  g_assert_null (ns_experiment_get_config (experiment)->data_path);
  g_assert_cmpuint (ns_experiment_get_dataset (experiment)->n_classes, ==, 10);
  g_assert_cmpuint (ns_experiment_get_data_warnings (experiment)->len, ==, 0);
  run_for (50);
  g_assert_null (label_text (GTK_WIDGET (panel), "broken.png"));

  /* The button's chooser opens (GTK's own dialog without a portal) and goes with the panel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "data.choose-folder", NULL));
  run_for (200);

  gtk_window_destroy (window);
  remove_tree (root);
  g_rmdir (empty);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/folder/open-folder", test_open_folder);

  return g_test_run ();
}
