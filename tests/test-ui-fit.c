/* test-ui-fit.c: the main window on the screens a classroom has, from a 1024x640 laptop to a
 * 1920x1080 projector, with and without presentation mode: every control can be reached and
 * every view is large enough to read (run under Xvfb).
 *
 * GTK keeps a window within its monitor and the suite's screen is 1280x1024, so meson runs this
 * program on a 1920x1080 screen of its own (tests/meson.build). It has no window manager: each
 * case sizes the window itself (its default size), and presentation mode's full screen is that
 * size too.
 * NS_TEST_DUMP=dir saves each case's window as dir/fit-WxH[-f5][-step].png (and presentation
 * mode's chart page as fit-WxH-f5-chart.png); FIT_DEBUG=1 prints the window's widget tree with
 * each widget's size, smallest and natural size.
 */
#include "config.h"

#include <adwaita.h>

#include "ns-curves-view.h"
#include "ns-data-panel.h"
#include "ns-network-view.h"
#include "ns-output-view.h"
#include "ns-window.h"
#include "ns-zoom.h"

#include "ns-test-ui.h"

typedef struct
{
  int width, height;
} Screen;

static const Screen screens[] = {
  { 1024, 640 }, { 1024, 768 }, { 1280, 720 }, { 1280, 800 }, { 1366, 768 }, { 1920, 1080 },
};

/* The smallest each view may get, in logical pixels at zoom 1 (times the zoom): the diagram
 * keeps a small network's columns legible, the boundary a plane a room can read, the chart
 * its title, legend and axes. */
#define MIN_NETWORK_WIDTH 440
#define MIN_NETWORK_HEIGHT 300
#define MIN_OUTPUT_WIDTH 260
#define MIN_OUTPUT_HEIGHT 260
#define MIN_CURVES_WIDTH 260
#define MIN_CURVES_HEIGHT 140

static NsExperiment *
make_experiment (void)
{
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;
  NsExperiment *experiment;

  ns_config_init_default (&config);
  g_assert_true (ns_config_set_option (&config, "dataset", "circle", &error));
  experiment = ns_experiment_new (&config, &error);
  g_assert_no_error (error);
  return experiment;
}

/* @widget's rectangle in @window's coordinates. */
static graphene_rect_t
bounds_in (GtkWidget *widget, GtkWidget *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  return bounds;
}

static gboolean
rect_inside (const graphene_rect_t *inner, const graphene_rect_t *outer)
{
  /* Half a pixel for rounding. */
  return inner->origin.x >= outer->origin.x - 0.5 && inner->origin.y >= outer->origin.y - 0.5
         && inner->origin.x + inner->size.width <= outer->origin.x + outer->size.width + 0.5
         && inner->origin.y + inner->size.height <= outer->origin.y + outer->size.height + 0.5;
}

/* The part of the window a widget can be seen in: the window's content, cut down to the
 * viewport of every scrolled window around @widget (what shows without scrolling). */
static graphene_rect_t
visible_area (GtkWidget *widget, GtkWidget *window)
{
  graphene_rect_t area = bounds_in (gtk_window_get_child (GTK_WINDOW (window)), window);

  for (GtkWidget *p = gtk_widget_get_parent (widget); p != NULL && p != window;
       p = gtk_widget_get_parent (p))
    if (GTK_IS_SCROLLED_WINDOW (p))
      {
        graphene_rect_t viewport = bounds_in (p, window);
        graphene_rect_intersection (&area, &viewport, &area);
      }
  return area;
}

/* The nearest scrolled window around @widget, if any. */
static GtkWidget *
scroller_of (GtkWidget *widget, GtkWidget *window)
{
  for (GtkWidget *p = gtk_widget_get_parent (widget); p != NULL && p != window;
       p = gtk_widget_get_parent (p))
    if (GTK_IS_SCROLLED_WINDOW (p))
      return p;
  return NULL;
}

/* The data panel's flap (the lesson's is around it). */
static AdwFlap *
data_flap (GtkWidget *window)
{
  return ADW_FLAP (
      gtk_widget_get_ancestor (find_descendant (window, NS_TYPE_DATA_PANEL), ADW_TYPE_FLAP));
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)
         || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_RANGE (widget) || GTK_IS_ENTRY (widget);
}

/* Every control the window shows now, in @widget's tree: hidden widgets, popovers, a
 * revealer's hidden child, a stack's hidden page and a folded flap's hidden panel are not shown
 * (the flap is checked opened, in its own pass). Checks each: mapped, and inside the window, or
 * inside a scrolled window that is (so scrolling reaches it). Counts them. */
static void
check_controls (GtkWidget *widget, GtkWidget *window, const char *where, guint *n_checked)
{
  if (!gtk_widget_get_visible (widget) || GTK_IS_POPOVER (widget) || GTK_IS_SCROLLBAR (widget))
    return;
  /* A stack's other pages (the welcome page behind the playground), a flap's closed panel
   * (the lesson, when none is open). */
  if (!gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_REVEALER (widget) && !gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return;
  if (ADW_IS_FLAP (widget) && adw_flap_get_folded (ADW_FLAP (widget))
      && !adw_flap_get_reveal_flap (ADW_FLAP (widget)))
    {
      check_controls (adw_flap_get_content (ADW_FLAP (widget)), window, where, n_checked);
      return;
    }

  if (is_control (widget))
    {
      GtkWidget *scroller = scroller_of (widget, window);
      graphene_rect_t bounds = bounds_in (widget, window);
      graphene_rect_t content = bounds_in (gtk_window_get_child (GTK_WINDOW (window)), window);
      const char *name = gtk_widget_get_tooltip_text (widget);

      if (name == NULL)
        name = G_OBJECT_TYPE_NAME (widget);
      if (!gtk_widget_get_mapped (widget) || bounds.size.width < 1 || bounds.size.height < 1)
        g_error ("%s: %s is not shown", where, name);
      if (scroller != NULL)
        {
          graphene_rect_t inside = bounds_in (scroller, window);

          GtkPolicyType across;

          /* Across, a scrolled window that scrolls only down must show it whole. */
          gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), &across, NULL);
          if (across == GTK_POLICY_NEVER
              && (bounds.origin.x < inside.origin.x - 0.5
                  || bounds.origin.x + bounds.size.width
                         > inside.origin.x + inside.size.width + 0.5))
            g_error ("%s: %s is beside its scrolled window", where, name);
          bounds = inside;
        }
      if (!rect_inside (&bounds, &content))
        g_error ("%s: %s is outside the window (%g,%g %gx%g in %gx%g)", where, name,
                 bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                 content.size.width, content.size.height);
      (*n_checked)++;
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_NATIVE (child))
      check_controls (child, window, where, n_checked);
}

/* @view shows whole, without scrolling, at least @width x @height. */
static void
check_view (GtkWidget *window, GType type, int width, int height, const char *where)
{
  GtkWidget *view = find_descendant (window, type);
  graphene_rect_t bounds = bounds_in (view, window);
  graphene_rect_t area = visible_area (view, window);

  g_assert_true (gtk_widget_get_mapped (view));
  if (!rect_inside (&bounds, &area))
    g_error ("%s: %s is cut off (%g,%g %gx%g, room %g,%g %gx%g)", where, G_OBJECT_TYPE_NAME (view),
             bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height, area.origin.x,
             area.origin.y, area.size.width, area.size.height);
  if (gtk_widget_get_width (view) < width || gtk_widget_get_height (view) < height)
    g_error ("%s: %s is %dx%d, less than %dx%d", where, G_OBJECT_TYPE_NAME (view),
             gtk_widget_get_width (view), gtk_widget_get_height (view), width, height);
  g_test_message ("%s: %s %dx%d", where, G_OBJECT_TYPE_NAME (view), gtk_widget_get_width (view),
                  gtk_widget_get_height (view));
}

/* The title's label shows "Neuroscope" whole, not "Neu…". */
static void
check_title (GtkWidget *window, const char *where)
{
  GtkWidget *title = find_descendant (window, ADW_TYPE_WINDOW_TITLE);
  GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_first_child (title));

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_get_mapped (label));
  if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    g_error ("%s: the title \"%s\" is cut to %d px", where, gtk_label_get_label (GTK_LABEL (label)),
             gtk_widget_get_width (label));
}

/* Runs the main loop until the layout settles: the flap folds with an animation, and the
 * network view lays its controls out twice. */
static void
settle (GtkWidget *window)
{
  GtkWidget *network = find_descendant (window, NS_TYPE_NETWORK_VIEW);
  GtkWidget *output = find_descendant (window, NS_TYPE_OUTPUT_VIEW);
  int last = -1;
  guint same = 0;

  for (guint k = 0; k < 50 && same < 3; k++)
    {
      int now;

      run_for (100);
      now = gtk_widget_get_width (network) * 7919 + gtk_widget_get_height (output) * 31
            + gtk_widget_get_width (output);
      same = now == last ? same + 1 : 0;
      last = now;
    }
}

/* The side of the largest picture (heatmap, plane) in @scene, in logical pixels. */
static double
largest_image (const NsScene *scene)
{
  double largest = 0;

  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE)
        largest = MAX (largest, MIN (prim->image.width, prim->image.height));
    }
  return largest;
}

static void
debug_tree (GtkWidget *widget, int depth)
{
  int min_w, nat_w, min_h, nat_h;

  if (depth > 9 || !gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h, NULL, NULL);
  g_printerr ("%*s%s %dx%d min %dx%d nat %dx%d\n", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
              gtk_widget_get_width (widget), gtk_widget_get_height (widget), min_w, min_h, nat_w,
              nat_h);
  if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_BUTTON (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_NATIVE (child))
      debug_tree (child, depth + 1);
}

static void
check_screen (gconstpointer data)
{
  const Screen *screen = data;
  g_autoptr (NsExperiment) experiment = make_experiment ();
  double unzoomed_neuron = 0, unzoomed_plane = 0;

  for (int presentation = 0; presentation <= 1; presentation++)
    {
      NsWindow *window = ns_window_new (NULL, experiment);
      GtkWidget *w = GTK_WIDGET (window);
      AdwFlap *flap;
      g_autofree char *where = g_strdup_printf ("%dx%d%s", screen->width, screen->height,
                                                presentation ? " presentation" : "");
      g_autofree char *dump = g_strdup_printf ("fit-%dx%d%s.png", screen->width, screen->height,
                                               presentation ? "-f5" : "");
      double zoom = 1.0, neuron, plane;
      guint n_checked = 0;
      NsNetworkView *network;
      NsSceneView *output;

      gtk_window_set_default_size (GTK_WINDOW (window), screen->width, screen->height);
      if (presentation)
        {
          /* No window manager makes it full screen here: the zoom it would choose for this
           * screen, on a window of the screen's size. */
          g_assert_true (gtk_widget_activate_action (w, "win.presentation", NULL));
          zoom = ns_zoom_presentation_for_screen (screen->width, screen->height);
          ns_window_set_zoom (window, zoom);
        }
      gtk_window_present (GTK_WINDOW (window));
      WAIT_UNTIL (gtk_widget_get_mapped (w), 5000);
      settle (w);

      if (g_getenv ("FIT_DEBUG") != NULL)
        debug_tree (w, 0);
      /* Never larger than the screen: a minimum larger than the default would win. */
      if (gtk_widget_get_width (w) > screen->width || gtk_widget_get_height (w) > screen->height)
        g_error ("%s: the window is %dx%d", where, gtk_widget_get_width (w),
                 gtk_widget_get_height (w));

      check_title (w, where);
      check_controls (w, w, where, &n_checked);
      /* The header's 4 buttons and menu, the 8 settings, the boundary's options and the chart
       * tabs at least, with the data panel folded away. */
      g_assert_cmpuint (n_checked, >=, 4 + 1 + 8 + 3 + 3);
      check_view (w, NS_TYPE_NETWORK_VIEW, MIN_NETWORK_WIDTH, MIN_NETWORK_HEIGHT, where);
      check_view (w, NS_TYPE_OUTPUT_VIEW, MIN_OUTPUT_WIDTH * zoom, MIN_OUTPUT_HEIGHT * zoom, where);
      if (presentation)
        {
          /* One picture at a time: the chart is a page of its own, and fills the column. */
          g_assert_false (gtk_widget_get_mapped (find_descendant (w, NS_TYPE_CURVES_VIEW)));
          g_assert_true (gtk_widget_activate_action (w, "win.presentation-page", "s", "loss"));
          settle (w);
          g_assert_false (gtk_widget_get_mapped (find_descendant (w, NS_TYPE_OUTPUT_VIEW)));
          check_view (w, NS_TYPE_CURVES_VIEW, MIN_CURVES_WIDTH * zoom, MIN_CURVES_HEIGHT * zoom,
                      where);
          n_checked = 0;
          check_controls (w, w, where, &n_checked);
          g_assert_cmpuint (n_checked, >=, 4 + 1 + 8 + 4);
          /* The Accuracy check goes with the chart (the boundary's options are hidden). */
          {
            GtkWidget *curves = find_descendant (w, NS_TYPE_CURVES_VIEW);
            GtkWidget *check =
                find_descendant (gtk_widget_get_parent (curves), GTK_TYPE_CHECK_BUTTON);

            g_assert_nonnull (check);
            g_assert_true (gtk_widget_get_mapped (check));
          }
          {
            g_autofree char *dump_chart =
                g_strdup_printf ("fit-%dx%d-f5-chart.png", screen->width, screen->height);
            dump_widget (w, dump_chart);
          }
          g_assert_true (gtk_widget_activate_action (w, "win.presentation-page", "s", "boundary"));
          settle (w);
        }
      else
        check_view (w, NS_TYPE_CURVES_VIEW, MIN_CURVES_WIDTH * zoom, MIN_CURVES_HEIGHT * zoom,
                    where);
      dump_widget (w, dump);

      /* The pictures grow with the room, and presentation mode's zoom makes the neurons'
       * heatmaps larger, not smaller (the room the window has goes to the pictures, not only
       * to the text). The boundary's plane is at least 16% of the screen's height (110 px at
       * 1024x640, where its title, axes and legend take most of its view). */
      network = NS_NETWORK_VIEW (find_descendant (w, NS_TYPE_NETWORK_VIEW));
      output = NS_SCENE_VIEW (find_descendant (w, NS_TYPE_OUTPUT_VIEW));
      WAIT_UNTIL (largest_image (ns_network_view_get_scene (network)) > 0, 5000);
      WAIT_UNTIL (largest_image (ns_scene_view_get_scene (output)) > 0, 5000);
      neuron = largest_image (ns_network_view_get_scene (network));
      plane = largest_image (ns_scene_view_get_scene (output));
      g_test_message ("%s: neuron %.0f px, boundary %.0f px", where, neuron, plane);
      if (presentation)
        g_assert_cmpfloat (neuron, >=, unzoomed_neuron);
      unzoomed_neuron = neuron;
      g_assert_cmpfloat (neuron, >=, 48);
      g_assert_cmpfloat (plane, >=, 0.16 * screen->height);
      /* Presentation mode gives the boundary the right column's height (the chart is a page of
       * its own): larger than without F5 on every screen (568 against 497 px at 1920x1080),
       * and at least 35% of the screen's height (269 px at 1024x768, where it is 319). */
      if (presentation)
        {
          g_assert_cmpfloat (plane, >=, unzoomed_plane);
          g_assert_cmpfloat (plane, >=, 0.35 * screen->height);
        }
      unzoomed_plane = plane;

      /* Stepping through a sample: the header says where the step is, and every control is
       * still there. */
      g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "sample"));
      for (guint k = 0; k < 2; k++)
        g_assert_true (gtk_widget_activate_action (w, "win.step", NULL));
      settle (w);
      n_checked = 0;
      check_controls (w, w, where, &n_checked);
      g_assert_cmpuint (n_checked, >=, 4 + 1 + 8 + 3 + 3);
      check_view (w, NS_TYPE_NETWORK_VIEW, MIN_NETWORK_WIDTH, MIN_NETWORK_HEIGHT, where);
      check_title (w, where);
      {
        g_autofree char *dump_step = g_strdup_printf ("fit-%dx%d%s-step.png", screen->width,
                                                      screen->height, presentation ? "-f5" : "");
        dump_widget (w, dump_step);
      }
      g_assert_true (gtk_widget_activate_action (w, "win.step-size", "s", "epoch"));

      /* The data panel, folded away on a small screen, opens from its header button and then
       * shows whole across (it scrolls down). */
      flap = data_flap (w);
      if (adw_flap_get_folded (flap))
        {
          guint n_in_panel = 0;

          adw_flap_set_reveal_flap (flap, TRUE);
          WAIT_UNTIL (adw_flap_get_reveal_progress (flap) >= 1.0, 5000); /* its slide */
          run_for (100);
          check_controls (adw_flap_get_flap (flap), w, where, &n_in_panel);
          g_assert_cmpuint (n_in_panel, >, 10);
        }
      g_test_message ("%s: window %dx%d at zoom %.1f, %u controls, data panel %s", where,
                      gtk_widget_get_width (w), gtk_widget_get_height (w), zoom, n_checked,
                      adw_flap_get_folded (flap) ? "folded" : "beside");

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* A first start on a projector's screen opens maximised, and remembers it. */
static void
test_opens_large (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GdkMonitor) monitor =
      g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  GdkRectangle area;
  NsWindow *window;
  int width, height;

  gdk_monitor_get_geometry (monitor, &area);
  if (area.width < 1600 || area.height < 900)
    {
      g_test_skip ("the screen is smaller than a projector's");
      return;
    }
  /* A first start: nothing remembered. */
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");

  window = ns_window_new (NULL, experiment);
  g_assert_true (g_settings_get_boolean (settings, "window-maximized"));
  /* Unmaximised it keeps most of the screen (no window manager here maximises it). */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, >=, 1600);
  g_assert_cmpint (height, >=, 900 * 9 / 10);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "window-maximized");
}

/* F5 and back: the zoom the user had chosen returns, and so does the data panel; Ctrl+0 in
 * presentation mode goes back to presentation's zoom. */
static void
test_presentation_keeps_zoom (void)
{
  g_autoptr (NsExperiment) experiment = make_experiment ();
  NsWindow *window = ns_window_new (NULL, experiment);
  GtkWidget *w = GTK_WIDGET (window);
  AdwFlap *flap = data_flap (w);
  double presentation_zoom;
  gboolean presentation;

  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (w), 5000);
  g_assert_false (adw_flap_get_folded (flap));

  for (guint k = 0; k < 3; k++)
    g_assert_true (gtk_widget_activate_action (w, "win.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (ns_window_get_zoom (window), 1.3, 1e-9);

  g_assert_true (gtk_widget_activate_action (w, "win.presentation", NULL));
  g_object_get (window, "presentation", &presentation, NULL);
  g_assert_true (presentation);
  presentation_zoom = ns_window_get_zoom (window);
  g_assert_cmpfloat (presentation_zoom, >=, 1.0);
  g_assert_cmpfloat (presentation_zoom, <=, NS_ZOOM_PRESENTATION);
  /* The room looks at the network and the boundary: the data panel folds away. */
  WAIT_UNTIL (adw_flap_get_folded (flap), 5000);
  g_assert_true (gtk_widget_activate_action (w, "win.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (w, "win.zoom-reset", NULL));
  g_assert_cmpfloat (ns_window_get_zoom (window), ==, presentation_zoom);

  g_assert_true (gtk_widget_activate_action (w, "win.presentation", NULL));
  g_assert_cmpfloat_with_epsilon (ns_window_get_zoom (window), 1.3, 1e-9);
  WAIT_UNTIL (!adw_flap_get_folded (flap), 5000);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's own style sheet (AdwApplication loads it; the tests have none): its sizes are
   * part of what must fit. */
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  for (guint i = 0; i < G_N_ELEMENTS (screens); i++)
    {
      g_autofree char *path =
          g_strdup_printf ("/ui/fit/%dx%d", screens[i].width, screens[i].height);
      g_test_add_data_func (path, &screens[i], check_screen);
    }

  g_test_add_func ("/ui/fit/opens-large", test_opens_large);
  g_test_add_func ("/ui/fit/presentation-keeps-zoom", test_presentation_keeps_zoom);

  return g_test_run ();
}
