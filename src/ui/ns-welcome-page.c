/* ns-welcome-page.c: the welcome page's widgets (ns-welcome-page.ui) and its list of lessons. */
#include "config.h"

#include "ns-welcome-page.h"

struct _NsWelcomePage
{
  GtkWidget parent_instance;

  GPtrArray *rows;      /* AdwActionRow *: the lessons' rows, in order */
  GtkWidget *empty_row; /* said when there are no rows, or NULL */

  /* Template widgets */
  GtkWidget *box;
  GtkMenuButton *menu_button;
  AdwPreferencesGroup *lessons_group;
  AdwActionRow *continue_row;
};

G_DEFINE_FINAL_TYPE (NsWelcomePage, ns_welcome_page, GTK_TYPE_WIDGET)

GtkWidget *
ns_welcome_page_new (void)
{
  return g_object_new (NS_TYPE_WELCOME_PAGE, NULL);
}

void
ns_welcome_page_set_menu_model (NsWelcomePage *self, GMenuModel *menu)
{
  g_return_if_fail (NS_IS_WELCOME_PAGE (self));

  gtk_menu_button_set_menu_model (self->menu_button, menu);
}

static void
remove_empty_row (NsWelcomePage *self)
{
  if (self->empty_row == NULL)
    return;
  adw_preferences_group_remove (self->lessons_group, self->empty_row);
  self->empty_row = NULL;
}

void
ns_welcome_page_clear_lessons (NsWelcomePage *self)
{
  g_return_if_fail (NS_IS_WELCOME_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->lessons_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static AdwActionRow *
add_row (NsWelcomePage *self, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);

  remove_empty_row (self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_preferences_group_add (self->lessons_group, row);
  g_ptr_array_add (self->rows, row);
  return ADW_ACTION_ROW (row);
}

void
ns_welcome_page_add_lesson (NsWelcomePage *self,
                            const char *path,
                            const char *title,
                            const char *summary,
                            guint done,
                            guint n_steps)
{
  AdwActionRow *row;
  GtkWidget *progress, *mark;
  g_autofree char *steps = NULL;

  g_return_if_fail (NS_IS_WELCOME_PAGE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (title != NULL);

  row = add_row (self, title, summary);
  {
    /* Numbered, so "lesson 3" is easy to find when a room is told. */
    g_autofree char *number = g_strdup_printf ("%u", self->rows->len);
    GtkWidget *label = gtk_label_new (number);

    gtk_label_set_width_chars (GTK_LABEL (label), 2);
    gtk_label_set_xalign (GTK_LABEL (label), 1);
    gtk_widget_add_css_class (label, "numeric");
    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_add_css_class (label, "title-4");
    adw_action_row_add_prefix (row, label);
  }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* The target first: an action name without its target would be checked (and warned about)
   * on its own. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-lesson");

  done = MIN (done, n_steps);
  steps = g_strdup_printf ("%u of %u %s", done, n_steps, n_steps == 1 ? "step" : "steps");
  progress = gtk_label_new (steps);
  gtk_widget_add_css_class (progress, "numeric");
  if (done < n_steps)
    gtk_widget_add_css_class (progress, "dim-label");
  adw_action_row_add_suffix (row, progress);
  /* Done: a check mark; else the way in. Both the same size, so the counts line up. */
  mark = gtk_image_new_from_icon_name (done == n_steps && n_steps > 0 ? "object-select-symbolic"
                                                                      : "go-next-symbolic");
  if (done == n_steps && n_steps > 0)
    {
      gtk_widget_add_css_class (mark, "success");
      gtk_widget_set_tooltip_text (mark, "Done");
      gtk_widget_add_css_class (GTK_WIDGET (row), "lesson-done");
    }
  adw_action_row_add_suffix (row, mark);
}

void
ns_welcome_page_add_problem (NsWelcomePage *self, const char *message)
{
  AdwActionRow *row;
  GtkWidget *icon;

  g_return_if_fail (NS_IS_WELCOME_PAGE (self));
  g_return_if_fail (message != NULL);

  row = add_row (self, "This lesson file cannot be read", message);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (row, icon);
  /* The message names file and line: all of it shows. */
  adw_action_row_set_subtitle_lines (row, 0);
}

void
ns_welcome_page_set_empty_text (NsWelcomePage *self, const char *text)
{
  g_return_if_fail (NS_IS_WELCOME_PAGE (self));

  remove_empty_row (self);
  if (text == NULL || self->rows->len > 0)
    return;
  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->empty_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), text);
  adw_preferences_group_add (self->lessons_group, self->empty_row);
}

void
ns_welcome_page_set_continue (NsWelcomePage *self, const char *where)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (NS_IS_WELCOME_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->continue_row), where != NULL);
  if (where == NULL)
    return;
  escaped = g_markup_escape_text (where, -1);
  adw_action_row_set_subtitle (self->continue_row, escaped);
}

guint
ns_welcome_page_get_n_rows (NsWelcomePage *self)
{
  g_return_val_if_fail (NS_IS_WELCOME_PAGE (self), 0);

  return self->rows->len;
}

AdwActionRow *
ns_welcome_page_get_row (NsWelcomePage *self, guint index)
{
  g_return_val_if_fail (NS_IS_WELCOME_PAGE (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, index);
}

static void
ns_welcome_page_dispose (GObject *object)
{
  NsWelcomePage *self = NS_WELCOME_PAGE (object);

  /* The rows belong to the group, which goes with the template. */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->empty_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (ns_welcome_page_parent_class)->dispose (object);
}

static void
ns_welcome_page_class_init (NsWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_welcome_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "welcomepage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ns-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NsWelcomePage, box);
  gtk_widget_class_bind_template_child (widget_class, NsWelcomePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, NsWelcomePage, lessons_group);
  gtk_widget_class_bind_template_child (widget_class, NsWelcomePage, continue_row);
}

static void
ns_welcome_page_init (NsWelcomePage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->continue_row), FALSE);
}
