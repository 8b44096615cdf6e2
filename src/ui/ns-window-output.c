/* ns-window-output.c: the main window's right column: the decision boundary with its options
 * (for image data the image view with its pages instead) and the chart with its tabs, one above
 * the other, or one at a time in presentation mode. */
#include "config.h"

#include "ns-window-private.h"

#include "ns-spin-button.h"

static GtkWidget *
check_button (const char *label, const char *tooltip, gpointer target, const char *property)
{
  GtkWidget *button = gtk_check_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_focus_on_click (button, FALSE);
  g_object_bind_property (target, property, button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return button;
}

/* Linked toggle buttons choosing what the chart under the boundary shows (win.chart, bound to
 * the curves view's "chart"): one per chart of the views' table. */
static GtkWidget *
chart_switcher (NsWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  for (NsView view = 0; view < NS_N_VIEWS; view++)
    {
      const NsViewInfo *info = ns_view_get_info (view);
      GtkWidget *button;

      if (!ns_view_is_chart (view))
        continue;
      button = gtk_toggle_button_new_with_mnemonic (info->mnemonic);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.chart");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->name);
      gtk_widget_set_tooltip_text (button, info->tooltip);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_box_append (GTK_BOX (box), button);
      if (view == NS_VIEW_SPACE)
        self->space_buttons[0] = button;
    }
  g_object_bind_property (self, "chart", self->curves_view, "chart",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return box;
}

/* Presentation mode's tabs over the right column: the boundary, or one chart at a time
 * (win.presentation-page), so the picture shown takes the column's height. */
static GtkWidget *
page_switcher (NsWindow *self)
{
  /* The boundary's tab apart from the charts' linked ones, so a narrow column puts them on
   * two lines rather than growing as wide as all four. Homogeneous: GTK 4.8's flow box
   * measures uneven children for fewer lines than it lays out, which cut the second off. */
  GtkWidget *switcher = gtk_flow_box_new ();
  GtkWidget *charts = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic ("_Output");

  gtk_widget_add_css_class (switcher, "page-switcher");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (switcher), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (switcher), 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (switcher), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (switcher), 6);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (charts, "linked");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.presentation-page");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", NS_WINDOW_PAGE_BOUNDARY);
  gtk_widget_set_tooltip_text (button, "The decision boundary: what the network answers at "
                                       "each point of the plane");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_flow_box_append (GTK_FLOW_BOX (switcher), button);
  for (NsView view = 0; view < NS_N_VIEWS; view++)
    {
      const NsViewInfo *info = ns_view_get_info (view);

      if (!ns_view_is_chart (view))
        continue;
      button = gtk_toggle_button_new_with_mnemonic (info->mnemonic);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.presentation-page");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->name);
      gtk_widget_set_tooltip_text (button, info->tooltip);
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_box_append (GTK_BOX (charts), button);
      if (view == NS_VIEW_SPACE)
        self->space_buttons[1] = button;
    }
  gtk_widget_set_halign (charts, GTK_ALIGN_CENTER);
  gtk_flow_box_append (GTK_FLOW_BOX (switcher), charts);
  return switcher;
}

static gboolean
chart_is_loss (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_boolean (
      to, g_strcmp0 (g_value_get_string (from), ns_view_get_info (NS_VIEW_LOSS)->name) == 0);
  return TRUE;
}

/* The Accuracy check, bound to the curves' show-accuracy. */
static GtkWidget *
accuracy_check (NsWindow *self)
{
  GtkWidget *accuracy = check_button ("_Accuracy",
                                      "Show the share of points classified right on the Loss "
                                      "chart, beside the loss",
                                      self->curves_view, "show-accuracy");

  /* Only the Loss chart draws accuracy: on the others the check would promise nothing. */
  g_object_bind_property_full (self, "chart", accuracy, "sensitive", G_BINDING_SYNC_CREATE,
                               chart_is_loss, NULL, NULL, NULL);
  return accuracy;
}

static GtkWidget *
image_button (GtkWidget *button, const char *action, GVariant *target, const char *tooltip)
{
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_focus_on_click (button, FALSE);
  return button;
}

/* The image form of the output: the pages' tabs, the image view, and what the gallery lists
 * (every image, the wrong ones, a page on or back). The view's actions live on this box
 * ("images."), so its buttons and its clicks reach them. */
static GtkWidget *
image_box_new (NsWindow *self)
{
  static const struct
  {
    const char *page, *label, *tooltip;
  } pages[] = {
    { "samples", "_Samples",
      "The test images with the network's answers (✗ marks a wrong one): click one to see its "
      "feature maps and class probabilities" },
    { "image", "_Image",
      "The chosen test image through the network: what each conv and pool layer makes of it, "
      "and the probability of each class" },
    { "filters", "_Filters",
      "What each conv layer has learned: its filters, growing from noise as it trains (a "
      "network without conv layers: each first-layer neuron's weights as an image)" },
    { "confusion", "Confusion _matrix",
      "For each true class, what the network answers on the test images: click a cell to see "
      "its images" },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *tabs = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *gallery = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->image_view = NS_IMAGE_VIEW (ns_image_view_new ());
  gtk_widget_insert_action_group (box, "images", ns_image_view_get_actions (self->image_view));
  gtk_widget_set_vexpand (GTK_WIDGET (self->image_view), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->image_view), 280, -1);
  g_object_bind_property (self->output_view, "zoom", self->image_view, "zoom",
                          G_BINDING_SYNC_CREATE);

  gtk_widget_add_css_class (tabs, "linked");
  gtk_widget_set_halign (tabs, GTK_ALIGN_CENTER);
  for (guint k = 0; k < G_N_ELEMENTS (pages); k++)
    gtk_box_append (GTK_BOX (tabs),
                    image_button (gtk_toggle_button_new_with_mnemonic (pages[k].label),
                                  "images.page", g_variant_new_string (pages[k].page),
                                  pages[k].tooltip));

  gtk_widget_set_halign (gallery, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (gallery, "output-options");
  gtk_widget_add_css_class (linked, "linked");
  gtk_box_append (
      GTK_BOX (linked),
      image_button (gtk_button_new_from_icon_name ("go-previous-symbolic"), "images.previous", NULL,
                    "The gallery's previous page (on the Image page: the previous image)"));
  gtk_box_append (GTK_BOX (linked),
                  image_button (gtk_button_new_from_icon_name ("go-next-symbolic"), "images.next",
                                NULL,
                                "The gallery's next page (on the Image page: the next image)"));
  gtk_box_append (GTK_BOX (gallery), linked);
  gtk_box_append (GTK_BOX (gallery),
                  image_button (gtk_button_new_with_mnemonic ("_Every image"), "images.show-all",
                                NULL, "List every test image in order"));
  gtk_box_append (GTK_BOX (gallery),
                  image_button (gtk_button_new_with_mnemonic ("_Wrong ones"),
                                "images.show-mistakes", NULL,
                                "List the test images the network gets wrong, the most "
                                "confident first"));

  gtk_box_append (GTK_BOX (box), tabs);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->image_view));
  gtk_box_append (GTK_BOX (box), gallery);
  return box;
}

/* The right column: the decision boundary, its options, and the curves. */
void
ns_window_build_output_panel (NsWindow *self)
{
  GtkWidget *options = gtk_flow_box_new (); /* wraps in a narrow column */
  GtkWidget *value_label = gtk_label_new_with_mnemonic ("_Value of added points");
  GtkWidget *value = gtk_spin_button_new_with_range (-1.0, 1.0, 0.1);

  self->output_view = NS_OUTPUT_VIEW (ns_output_view_new ());
  self->curves_view = NS_CURVES_VIEW (ns_curves_view_new ());
  /* The boundary takes the room the column has beyond the chart's natural height (both
   * sizes grow with the zoom), so on a large screen it is the larger picture. */
  gtk_widget_set_vexpand (GTK_WIDGET (self->output_view), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->output_view), 280, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->curves_view), 280, -1);

  gtk_widget_add_css_class (options, "output-options");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (options), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (options), 6);
  /* No more per line than it has: the flow box asks for that many of its widest across, which
   * would widen the column beyond what the boundary can use. */
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (options), 3);
  gtk_flow_box_append (GTK_FLOW_BOX (options),
                       check_button ("_Test points",
                                     "Draw the test points too: the network never trains on them, "
                                     "so they show how it does on new data",
                                     self->output_view, "show-test-points"));
  gtk_flow_box_append (GTK_FLOW_BOX (options),
                       check_button ("_Discretize",
                                     "Show only the winning class at each point, without the "
                                     "lighter shades where the network is unsure",
                                     self->output_view, "discretize"));
  gtk_flow_box_append (GTK_FLOW_BOX (options), accuracy_check (self));

  /* Regression has no classes: a clicked point gets this value instead. */
  self->value_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (value), 1);
  /* 0.5 as every number in the window reads, not the locale's 0,5. */
  ns_spin_button_use_c_numerics (GTK_SPIN_BUTTON (value));
  gtk_label_set_mnemonic_widget (GTK_LABEL (value_label), value);
  gtk_widget_set_tooltip_text (value, "The target value of a point you add by clicking on the "
                                      "output (Ctrl+click removes the nearest)");
  g_object_bind_property (self->output_view, "value-to-add", value, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (self->value_row), value_label);
  gtk_box_append (GTK_BOX (self->value_row), value);

  g_object_bind_property (self->data_panel, "class-to-add", self->output_view, "class-to-add",
                          G_BINDING_SYNC_CREATE);

  /* Presentation mode shows one page at a time: its own tabs choose the boundary or a chart
   * (ns_window_update_output_page). */
  self->page_switcher = page_switcher (self);
  self->boundary_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->chart_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->chart_switcher = chart_switcher (self);
  gtk_widget_set_vexpand (self->boundary_box, TRUE);
  self->image_box = image_box_new (self);
  gtk_widget_set_vexpand (self->image_box, TRUE);
  gtk_box_append (GTK_BOX (self->boundary_box), GTK_WIDGET (self->output_view));
  gtk_box_append (GTK_BOX (self->boundary_box), options);
  gtk_box_append (GTK_BOX (self->boundary_box), self->value_row);
  gtk_box_append (GTK_BOX (self->chart_box), self->chart_switcher);
  gtk_box_append (GTK_BOX (self->chart_box), GTK_WIDGET (self->curves_view));
  /* In presentation mode the boundary's options are on the other page: the chart's own
   * check goes with it. */
  self->chart_accuracy = accuracy_check (self);
  gtk_widget_add_css_class (self->chart_accuracy, "output-options");
  gtk_box_append (GTK_BOX (self->chart_box), self->chart_accuracy);
  gtk_box_append (self->end_panel, self->page_switcher);
  gtk_box_append (self->end_panel, self->boundary_box);
  gtk_box_append (self->end_panel, self->image_box);
  gtk_box_append (self->end_panel, self->chart_box);
  ns_window_update_output_page (self);

  ns_window_track_hover (self, GTK_WIDGET (self->network_view));
  ns_window_track_hover (self, GTK_WIDGET (self->output_view));
  ns_window_track_hover (self, GTK_WIDGET (self->image_view));
  ns_window_track_hover (self, GTK_WIDGET (self->curves_view));
}

/* Presentation mode's zoom makes the text, the settings and each picture's title, axes and
 * legend larger, and a projector's screen is no taller: below the boundary the chart left it
 * smaller than without F5 (301 px against 497 at 1920x1080). In presentation mode the right
 * column shows one picture at a time, the boundary or a chart, with tabs above to choose; the
 * picture the room looks at takes the column's height. */
void
ns_window_update_output_page (NsWindow *self)
{
  gboolean chart_page = g_strcmp0 (self->presentation_page, NS_WINDOW_PAGE_BOUNDARY) != 0;
  /* Image data has no input plane: no boundary, no hidden space of it; the images instead.
   * Iris keeps the plane views, on its two chosen columns. */
  gboolean images = self->experiment != NULL
                    && ns_dataset_is_image (ns_experiment_get_dataset (self->experiment));

  if (self->experiment != NULL)
    ns_image_view_set_experiment (self->image_view, self->experiment);
  if (images && self->chart == NS_VIEW_SPACE)
    g_object_set (self, "chart", ns_view_get_info (NS_VIEW_LOSS)->name, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (self->space_buttons); k++)
    gtk_widget_set_visible (self->space_buttons[k], !images);
  gtk_widget_set_visible (self->page_switcher, self->presentation);
  gtk_widget_set_visible (self->chart_switcher, !self->presentation);
  gtk_widget_set_visible (self->chart_accuracy, self->presentation);
  gtk_widget_set_visible (self->boundary_box, !images && (!self->presentation || !chart_page));
  gtk_widget_set_visible (self->image_box, images && (!self->presentation || !chart_page));
  gtk_widget_set_visible (self->chart_box, !self->presentation || chart_page);
  /* A chart alone fills the column; below the boundary it keeps its natural height. */
  gtk_widget_set_vexpand (GTK_WIDGET (self->curves_view), self->presentation && chart_page);
}
