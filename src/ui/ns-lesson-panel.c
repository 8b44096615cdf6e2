/* ns-lesson-panel.c: the lesson panel's widgets (ns-lesson-panel.ui) and what they show. */
#include "config.h"

#include "ns-lesson-panel.h"

struct _NsLessonPanel
{
  GtkWidget parent_instance;

  char *goal;       /* the goal in words (markup), or NULL */
  gboolean reached; /* the goal is reached */

  /* Template widgets */
  GtkWidget *box;
  GtkScrolledWindow *scroller;
  GtkLabel *lesson_title_label;
  GtkLabel *step_number_label;
  GtkLabel *step_title_label;
  GtkLabel *prose_label;
  GtkWidget *goal_box;
  GtkImage *goal_icon;
  GtkLabel *goal_label;
  GtkRevealer *hint_revealer;
  GtkLabel *hint_label;
  GtkWidget *hint_button;
  GtkWidget *show_me_button;
  GtkWidget *next_button;
};

G_DEFINE_FINAL_TYPE (NsLessonPanel, ns_lesson_panel, GTK_TYPE_WIDGET)

GtkWidget *
ns_lesson_panel_new (void)
{
  return g_object_new (NS_TYPE_LESSON_PANEL, NULL);
}

void
ns_lesson_panel_set_lesson_title (NsLessonPanel *self, const char *title)
{
  g_return_if_fail (NS_IS_LESSON_PANEL (self));

  gtk_label_set_text (self->lesson_title_label, title != NULL ? title : "");
}

static void
update_goal (NsLessonPanel *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->goal_box, self->goal != NULL);
  if (self->goal == NULL)
    return;
  /* The words stay the same, so the learner sees which goal was reached; the icon and the
   * first word change. */
  text = g_strdup_printf ("<b>%s</b> %s", self->reached ? "Reached:" : "Goal:", self->goal);
  gtk_label_set_markup (self->goal_label, text);
  gtk_image_set_from_icon_name (self->goal_icon, self->reached ? "object-select-symbolic"
                                                               : "mark-location-symbolic");
  if (self->reached)
    gtk_widget_add_css_class (self->goal_box, "reached");
  else
    gtk_widget_remove_css_class (self->goal_box, "reached");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->goal_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->goal_label), -1);
}

void
ns_lesson_panel_set_step (NsLessonPanel *self,
                          guint index,
                          guint n_steps,
                          const char *title,
                          const char *markup,
                          const char *goal,
                          const char *hint,
                          gboolean has_solution)
{
  g_autofree char *number = NULL;

  g_return_if_fail (NS_IS_LESSON_PANEL (self));

  number = g_strdup_printf ("Step %u of %u", index + 1, n_steps);
  gtk_label_set_text (self->step_number_label, number);
  gtk_label_set_text (self->step_title_label, title != NULL ? title : "");
  gtk_label_set_markup (self->prose_label, markup != NULL ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->prose_label), markup != NULL && *markup != '\0');

  g_free (self->goal);
  self->goal = g_strdup (goal);
  self->reached = FALSE;
  update_goal (self);
  gtk_widget_remove_css_class (self->next_button, "suggested-action");

  gtk_label_set_markup (self->hint_label, hint != NULL ? hint : "");
  gtk_revealer_set_reveal_child (self->hint_revealer, FALSE);
  gtk_widget_set_visible (self->hint_button, hint != NULL);
  gtk_widget_set_visible (self->show_me_button, has_solution);

  /* A new step is read from its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
ns_lesson_panel_set_goal_reached (NsLessonPanel *self, gboolean reached)
{
  g_return_if_fail (NS_IS_LESSON_PANEL (self));

  reached = !!reached;
  if (reached == self->reached)
    return;
  self->reached = reached;
  update_goal (self);
  if (reached)
    gtk_widget_add_css_class (self->next_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->next_button, "suggested-action");
}

gboolean
ns_lesson_panel_get_goal_reached (NsLessonPanel *self)
{
  g_return_val_if_fail (NS_IS_LESSON_PANEL (self), FALSE);

  return self->reached;
}

void
ns_lesson_panel_set_large (NsLessonPanel *self, gboolean large)
{
  g_return_if_fail (NS_IS_LESSON_PANEL (self));

  if (large)
    gtk_widget_add_css_class (self->box, "large");
  else
    gtk_widget_remove_css_class (self->box, "large");
}

GtkLabel *
ns_lesson_panel_get_prose (NsLessonPanel *self)
{
  g_return_val_if_fail (NS_IS_LESSON_PANEL (self), NULL);

  return self->prose_label;
}

const char *
ns_lesson_panel_get_step_text (NsLessonPanel *self)
{
  g_return_val_if_fail (NS_IS_LESSON_PANEL (self), NULL);

  return gtk_label_get_text (self->step_number_label);
}

static void
ns_lesson_panel_dispose (GObject *object)
{
  NsLessonPanel *self = NS_LESSON_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NS_TYPE_LESSON_PANEL);
  g_clear_pointer (&self->goal, g_free);

  G_OBJECT_CLASS (ns_lesson_panel_parent_class)->dispose (object);
}

static void
ns_lesson_panel_class_init (NsLessonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_lesson_panel_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lessonpanel");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ns-lesson-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, box);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, lesson_title_label);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, step_number_label);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, step_title_label);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, prose_label);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, goal_box);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, goal_icon);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, goal_label);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, hint_label);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, hint_button);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, show_me_button);
  gtk_widget_class_bind_template_child (widget_class, NsLessonPanel, next_button);
}

static void
ns_lesson_panel_init (NsLessonPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, "Lesson",
                                  -1);
}
