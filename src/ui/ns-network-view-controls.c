/* ns-network-view-controls.c: the network view's layer controls and its network.* actions. */
#include "config.h"

#include "ns-network-view-private.h"

#include <math.h>
#include <string.h>

/* ---- controls ---- */

GtkWidget *
ns_network_view_make_button (const char *icon_name,
                             const char *action_name,
                             GVariant *target,
                             const char *tooltip,
                             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  return button;
}

static void
width_changed_cb (GtkSpinButton *spin, NsNetworkView *self)
{
  guint layer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "layer"));

  if (self->syncing)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "network.set-width", "(uu)", layer,
                              (guint) gtk_spin_button_get_value_as_int (spin));
}

/* Enter in the width field: take the typed number and close (GTK 4.8's spin button has no
 * activate signal of its own). */
static gboolean
width_key_cb (GtkEventControllerKey *controller,
              guint keyval,
              guint keycode,
              GdkModifierType state,
              GtkMenuButton *button)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  gtk_menu_button_popdown (button);
  return TRUE;
}

static GMenuModel *
activation_menu (guint layer)
{
  static const NnActivation acts[] = {
    NN_ACT_RELU, NN_ACT_LEAKY_RELU, NN_ACT_TANH, NN_ACT_SIGMOID, NN_ACT_LINEAR,
  };
  GMenu *menu = g_menu_new ();

  for (guint k = 0; k < G_N_ELEMENTS (acts); k++)
    {
      g_autoptr (GMenuItem) item =
          g_menu_item_new (ns_render_network_activation_label (acts[k]), NULL);

      g_menu_item_set_action_and_target_value (
          item, "network.set-activation",
          g_variant_new ("(us)", layer, nn_activation_name (acts[k])));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
make_layer_controls (NsNetworkView *self, guint h)
{
  LayerControls *c = &self->layers[h];
  g_autofree char *tip = NULL;
  g_autofree char *label = NULL;
  g_autoptr (GMenuModel) menu = NULL;
  GtkWidget *buttons, *popover, *popover_box, *popover_label;
  GtkEventController *key;

  c->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (c->box, "layer-controls");
  gtk_widget_set_parent (c->box, GTK_WIDGET (self));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (c->box), buttons);

  tip = g_strdup_printf ("Remove a neuron from hidden layer %u", h + 1);
  c->remove_button = ns_network_view_make_button ("list-remove-symbolic", "network.remove-neuron",
                                                  g_variant_new_uint32 (h), tip, tip);
  gtk_box_append (GTK_BOX (buttons), c->remove_button);
  g_free (tip);
  tip = g_strdup_printf ("Add a neuron to hidden layer %u", h + 1);
  c->add_button = ns_network_view_make_button ("list-add-symbolic", "network.add-neuron",
                                               g_variant_new_uint32 (h), tip, tip);
  gtk_box_append (GTK_BOX (buttons), c->add_button);

  /* The width: a flat button whose popover takes a typed number. */
  c->count_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (c->count_label), PANGO_ELLIPSIZE_END);
  c->count_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (c->count_button), c->count_label);
  gtk_widget_add_css_class (c->count_button, "flat");
  gtk_widget_add_css_class (c->count_button, "layer-width");
  gtk_widget_set_focus_on_click (c->count_button, FALSE);
  g_free (tip);
  tip = g_strdup_printf ("Neurons in hidden layer %u: click to type how many (1 to %d)", h + 1,
                         NS_NETWORK_VIEW_MAX_NEURONS);
  gtk_widget_set_tooltip_text (c->count_button, tip);
  gtk_box_append (GTK_BOX (c->box), c->count_button);

  popover = gtk_popover_new ();
  popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = g_strdup_printf ("Neurons in hidden layer %u", h + 1);
  popover_label = gtk_label_new (label);
  gtk_widget_add_css_class (popover_label, "heading");
  c->spin = gtk_spin_button_new_with_range (1, NS_NETWORK_VIEW_MAX_NEURONS, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (c->spin), TRUE);
  gtk_widget_set_tooltip_text (c->spin, "How many neurons this layer has: type a number and "
                                        "press Enter");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (c->spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  popover_label, NULL, -1);
  g_object_set_data (G_OBJECT (c->spin), "layer", GUINT_TO_POINTER (h));
  g_signal_connect (c->spin, "value-changed", G_CALLBACK (width_changed_cb), self);
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (width_key_cb), c->count_button);
  gtk_widget_add_controller (c->spin, key);
  gtk_box_append (GTK_BOX (popover_box), popover_label);
  gtk_box_append (GTK_BOX (popover_box), c->spin);
  gtk_popover_set_child (GTK_POPOVER (popover), popover_box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (c->count_button), popover);

  /* The activation: a menu of actions, the button showing the current one. */
  c->act_label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (c->act_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (c->act_label, "dim-label");
  c->act_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (c->act_button), c->act_label);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (c->act_button), TRUE);
  menu = activation_menu (h);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (c->act_button), menu);
  gtk_widget_add_css_class (c->act_button, "flat");
  gtk_widget_add_css_class (c->act_button, "layer-activation");
  gtk_widget_set_focus_on_click (c->act_button, FALSE);
  g_free (tip);
  tip = g_strdup_printf ("Activation of hidden layer %u: how each neuron bends its weighted sum "
                         "before passing it on",
                         h + 1);
  gtk_widget_set_tooltip_text (c->act_button, tip);
  gtk_box_append (GTK_BOX (c->box), c->act_button);
}

/* Makes the controls match the experiment: one set per hidden layer, labels, limits. */
void
ns_network_view_sync_controls (NsNetworkView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const NsConfig *config =
      self->experiment != NULL ? ns_experiment_get_config (self->experiment) : NULL;
  const NnNet *net = get_net (self);
  guint hidden = n_hidden (self);
  g_autofree char *text = NULL;

  self->syncing = TRUE;

  while (self->n_layer_controls > hidden)
    {
      LayerControls *c = &self->layers[--self->n_layer_controls];

      gtk_widget_unparent (c->box);
      g_free (c->count_text);
      memset (c, 0, sizeof *c);
    }
  while (self->n_layer_controls < hidden && self->n_layer_controls < G_N_ELEMENTS (self->layers))
    make_layer_controls (self, self->n_layer_controls++);

  for (guint h = 0; h < self->n_layer_controls; h++)
    {
      LayerControls *c = &self->layers[h];
      guint width = (guint) nn_net_layer_width (net, h);
      g_autofree char *count = g_strdup_printf (width == 1 ? "%u neuron" : "%u neurons", width);

      g_free (c->count_text);
      c->count_text = g_steal_pointer (&count);
      g_snprintf (c->count_number, sizeof c->count_number, "%u", width);
      gtk_label_set_label (GTK_LABEL (c->count_label),
                           c->count_short ? c->count_number : c->count_text);
      gtk_label_set_label (GTK_LABEL (c->act_label),
                           ns_render_network_activation_label (nn_net_layer_activation (net, h)));
      gtk_widget_set_sensitive (c->remove_button, width > 1);
      gtk_widget_set_sensitive (c->add_button, width < NS_NETWORK_VIEW_MAX_NEURONS);
      gtk_spin_button_set_range (GTK_SPIN_BUTTON (c->spin), 1,
                                 MAX (width, NS_NETWORK_VIEW_MAX_NEURONS));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->spin), width);
    }

  if (hidden == 0)
    text = g_strdup ("No hidden layer");
  else
    text = g_strdup_printf (hidden == 1 ? "%u hidden layer" : "%u hidden layers", hidden);
  gtk_label_set_label (GTK_LABEL (self->layers_label), text);
  /* Image networks are drawn as one sample's maps, with no room for the plane's buttons. */
  gtk_widget_set_visible (self->layers_box, self->experiment != NULL && !is_image_data (self)
                                                && !(self->locked & NS_NETWORK_VIEW_LOCK_LAYERS));
  for (guint h = 0; h < self->n_layer_controls; h++)
    {
      LayerControls *c = &self->layers[h];
      gboolean layers = !(self->locked & NS_NETWORK_VIEW_LOCK_LAYERS);

      gtk_widget_set_visible (c->box, !is_image_data (self));
      gtk_widget_set_visible (c->remove_button, layers);
      gtk_widget_set_visible (c->add_button, layers);
      gtk_widget_set_sensitive (c->count_button, layers);
      gtk_widget_set_visible (c->act_button, !(self->locked & NS_NETWORK_VIEW_LOCK_ACTIVATION));
    }
  gtk_widget_set_visible (self->image_bar, is_image_data (self));
  if (is_image_data (self) && !gtk_widget_has_focus (self->image_entry)
      && !gtk_widget_get_visible (self->image_error))
    {
      g_autofree char *words = ns_config_hidden_to_string (config);

      gtk_editable_set_text (GTK_EDITABLE (self->image_entry), words);
    }

  {
    gboolean layers = !(self->locked & NS_NETWORK_VIEW_LOCK_LAYERS);

    gtk_widget_action_set_enabled (widget, "network.add-layer",
                                   layers && config != NULL && hidden < NS_NETWORK_VIEW_MAX_LAYERS);
    gtk_widget_action_set_enabled (widget, "network.remove-layer", layers && hidden > 0);
    gtk_widget_action_set_enabled (widget, "network.add-neuron", layers && hidden > 0);
    gtk_widget_action_set_enabled (widget, "network.remove-neuron", layers && hidden > 0);
    gtk_widget_action_set_enabled (widget, "network.set-width", layers && hidden > 0);
  }
  gtk_widget_action_set_enabled (widget, "network.set-activation",
                                 hidden > 0 && !(self->locked & NS_NETWORK_VIEW_LOCK_ACTIVATION));
  gtk_widget_action_set_enabled (widget, "network.toggle-feature",
                                 is_plane_data (self)
                                     && !(self->locked & NS_NETWORK_VIEW_LOCK_FEATURES));
  gtk_widget_action_set_enabled (widget, "network.set-weight", net != NULL);

  self->syncing = FALSE;

  gtk_widget_queue_allocate (widget);
}

void
ns_network_view_set_locked (NsNetworkView *self, NsNetworkViewLock parts)
{
  g_return_if_fail (NS_IS_NETWORK_VIEW (self));

  if (parts == self->locked)
    return;
  self->locked = parts;
  ns_network_view_sync_controls (self);
}

/* ---- actions ---- */

static void
refused (NsNetworkView *self, gboolean ok)
{
  if (!ok)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
add_layer_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  guint hidden = n_hidden (self);

  if (self->experiment == NULL)
    return;
  refused (self, hidden < NS_NETWORK_VIEW_MAX_LAYERS
                     && ns_experiment_add_layer (self->experiment, hidden, NEW_LAYER_WIDTH));
}

static void
remove_layer_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  guint hidden = n_hidden (self);

  if (self->experiment == NULL)
    return;
  refused (self, hidden > 0 && ns_experiment_remove_layer (self->experiment, hidden - 1));
}

static void
add_neuron_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  guint layer = g_variant_get_uint32 (parameter);
  const NnNet *net = get_net (self);

  if (net == NULL)
    return;
  refused (self, layer < n_hidden (self)
                     && nn_net_layer_width (net, layer) < NS_NETWORK_VIEW_MAX_NEURONS
                     && ns_experiment_add_neuron (self->experiment, layer));
}

static void
remove_neuron_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  guint layer = g_variant_get_uint32 (parameter);

  if (self->experiment == NULL)
    return;
  refused (self, layer < n_hidden (self) && ns_experiment_remove_neuron (self->experiment, layer));
}

static void
set_width_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  guint layer, width;

  if (self->experiment == NULL)
    return;
  g_variant_get (parameter, "(uu)", &layer, &width);
  refused (self, layer < n_hidden (self) && width >= 1 && width <= NS_NETWORK_VIEW_MAX_NEURONS
                     && ns_experiment_set_width (self->experiment, layer, width));
}

static void
set_activation_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  g_autofree char *name = NULL;
  guint layer;
  int act;

  if (self->experiment == NULL)
    return;
  g_variant_get (parameter, "(us)", &layer, &name);

  /* "leaky relu" and "leaky-relu" are what people type; the engine says "leaky_relu". */
  g_strdelimit (name, " -", '_');
  for (char *p = name; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  act = nn_activation_from_name (name);
  refused (self, nn_activation_is_hidden (act) && layer < n_hidden (self)
                     && ns_experiment_set_activation (self->experiment, layer, (NnActivation) act));
}

static void
toggle_feature_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  int feature = ns_feature_from_name (g_variant_get_string (parameter, NULL));
  guint mask;

  if (self->experiment == NULL || !is_plane_data (self) || feature < 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* The last feature in use stays: a network needs an input. */
  mask = ns_experiment_get_config (self->experiment)->features ^ (1u << feature);
  refused (self, mask != 0 && ns_experiment_set_features (self->experiment, mask));
}

/* The layer list of image data: built as typed, or refused with the reason beside it. */
static void
set_layers (NsNetworkView *self, const char *words)
{
  g_autoptr (GError) error = NULL;

  if (self->experiment == NULL || !is_image_data (self))
    return;
  gtk_widget_set_visible (self->image_error, FALSE);
  gtk_widget_remove_css_class (self->image_entry, "error");
  if (ns_experiment_set_layers (self->experiment, words, &error))
    {
      g_autofree char *now =
          ns_config_hidden_to_string (ns_experiment_get_config (self->experiment));

      gtk_editable_set_text (GTK_EDITABLE (self->image_entry), now);
      return;
    }
  gtk_widget_add_css_class (self->image_entry, "error");
  gtk_label_set_label (GTK_LABEL (self->image_error), error->message);
  gtk_widget_set_tooltip_text (self->image_error, error->message);
  gtk_widget_set_visible (self->image_error, TRUE);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
set_layers_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  set_layers (NS_NETWORK_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
apply_layers_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  g_autofree char *words = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->image_entry)));

  set_layers (self, words);
}

static void
set_weight_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  NsNetworkView *self = NS_NETWORK_VIEW (widget);
  guint layer, j, i;
  double value;
  gboolean edited;

  if (self->experiment == NULL)
    return;
  g_variant_get (parameter, "(uuud)", &layer, &j, &i, &value);
  edited = isfinite (value) && fabs (value) <= MAX_TYPED_WEIGHT
           && ns_experiment_set_weight (self->experiment, layer, j, i, (float) value);
  refused (self, edited);
  if (edited)
    g_signal_emit_by_name (self, "weight-edited");
}

/* Installed by ns_network_view_class_init (). */
void
ns_network_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "network.add-layer", NULL, add_layer_action_cb);
  gtk_widget_class_install_action (widget_class, "network.set-layers", "s", set_layers_action_cb);
  gtk_widget_class_install_action (widget_class, "network.apply-layers", NULL,
                                   apply_layers_action_cb);
  gtk_widget_class_install_action (widget_class, "network.remove-layer", NULL,
                                   remove_layer_action_cb);
  gtk_widget_class_install_action (widget_class, "network.add-neuron", "u", add_neuron_action_cb);
  gtk_widget_class_install_action (widget_class, "network.remove-neuron", "u",
                                   remove_neuron_action_cb);
  gtk_widget_class_install_action (widget_class, "network.set-width", "(uu)", set_width_action_cb);
  gtk_widget_class_install_action (widget_class, "network.set-activation", "(us)",
                                   set_activation_action_cb);
  gtk_widget_class_install_action (widget_class, "network.toggle-feature", "s",
                                   toggle_feature_action_cb);
  gtk_widget_class_install_action (widget_class, "network.set-weight", "(uuud)",
                                   set_weight_action_cb);
}
