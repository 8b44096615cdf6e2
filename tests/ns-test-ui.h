/* ns-test-ui.h: waiting for the main loop, showing a window, finding widgets and saving them as
 * pictures, in the UI tests (run under Xvfb). */
#pragma once

#include <gtk/gtk.h>

#include "ns-window.h"

static G_GNUC_UNUSED gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until cond holds or ms milliseconds pass; then asserts cond. */
#define WAIT_UNTIL(cond, ms)                                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    gboolean timed_out_ = FALSE;                                                                   \
    guint id_ = g_timeout_add (ms, flag_cb, &timed_out_);                                          \
    while (!(cond) && !timed_out_)                                                                 \
      g_main_context_iteration (NULL, TRUE);                                                       \
    if (!timed_out_)                                                                               \
      g_source_remove (id_);                                                                       \
    g_assert_true (cond);                                                                          \
  }                                                                                                \
  G_STMT_END

/* Runs the main loop for ms milliseconds. */
static G_GNUC_UNUSED void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The first widget of @type in @widget's tree, @widget itself included; NULL if none. */
static G_GNUC_UNUSED GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The texture render_widget makes in the frame clock's after-paint, once. */
typedef struct
{
  GtkWidget *widget;
  GdkTexture *texture;
} RenderRequest;

static G_GNUC_UNUSED void
render_after_paint_cb (GdkFrameClock *clock, gpointer data)
{
  RenderRequest *request = data;
  GtkWidget *widget = request->widget;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr (GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  g_autoptr (GskRenderNode) node = NULL;

  if (request->texture != NULL || width <= 0 || height <= 0)
    return;
  /* A widget paintable shows the render node the widget kept from its last frame, and any
   * queue_draw since (a resize, a tick, a changed label) drops it. Right after a frame painted
   * nothing has run since: the node is there, unless the widget was not drawn (unmapped). */
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      gtk_widget_queue_draw (widget); /* try at the next frame */
      return;
    }
  request->texture =
      gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                   &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* @widget as the screen shows it, through its window's renderer (asserting it drew): taken
 * right after a frame of its window has painted it. */
static G_GNUC_UNUSED GdkTexture *
render_widget (GtkWidget *widget)
{
  RenderRequest request = { widget, NULL };
  GdkFrameClock *clock;
  gulong handler;

  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  g_assert_cmpint (gtk_widget_get_height (widget), >, 0);
  g_assert_true (gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (render_after_paint_cb), &request);
  gtk_widget_queue_draw (widget);
  WAIT_UNTIL (request.texture != NULL, 5000);
  g_signal_handler_disconnect (clock, handler);
  return request.texture;
}

/* Saves @widget as dir/name when NS_TEST_DUMP=dir is set, after a few frames so it has drawn
 * what the test's actions changed. */
static G_GNUC_UNUSED void
dump_widget (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("NS_TEST_DUMP");
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  run_for (100);
  WAIT_UNTIL (gtk_widget_get_width (widget) > 0, 5000);
  texture = render_widget (widget);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("dumped %s", path);
}

/* The window holding a widget of @type (a tool window opened by an action), or NULL. */
static G_GNUC_UNUSED GtkWidget *
find_tool (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found = find_descendant (window, type);

      if (found != NULL && !NS_IS_WINDOW (window))
        return found;
    }
  return NULL;
}

/* Whether activating the window's action opens its tool: a disabled action does nothing. */
static G_GNUC_UNUSED gboolean
opens (NsWindow *window, const char *action, GType type)
{
  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  run_for (50);
  return find_tool (type) != NULL;
}

/* A main window on @experiment, shown and mapped. */
static G_GNUC_UNUSED NsWindow *
present_window (NsExperiment *experiment)
{
  NsWindow *window = ns_window_new (NULL, experiment);

  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);

  return window;
}
