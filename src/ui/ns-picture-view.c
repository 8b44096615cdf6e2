/* ns-picture-view.c: a scene view whose picture a function builds. */
#include "config.h"

#include "ns-picture-view.h"

struct _NsPictureView
{
  NsSceneView parent_instance;

  NsPictureBuildFunc build;
  gpointer user_data;
  int min_width, min_height;
};

G_DEFINE_FINAL_TYPE (NsPictureView, ns_picture_view, NS_TYPE_SCENE_VIEW)

static gboolean
ns_picture_view_build (NsSceneView *view,
                       NsScene *scene,
                       const NsRenderStyle *style,
                       double width,
                       double height)
{
  NsPictureView *self = NS_PICTURE_VIEW (view);

  if (self->build == NULL)
    return FALSE;
  return self->build (self, scene, style, width, height, self->user_data);
}

/* The class's sizes are one for all instances: this one's own replace them. */
static void
ns_picture_view_measure (GtkWidget *widget,
                         GtkOrientation orientation,
                         int for_size,
                         int *minimum,
                         int *natural,
                         int *minimum_baseline,
                         int *natural_baseline)
{
  NsPictureView *self = NS_PICTURE_VIEW (widget);
  double zoom = ns_scene_view_get_zoom (NS_SCENE_VIEW (self));
  int size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->min_width : self->min_height;

  *minimum = *natural = (int) (size * zoom);
}

static void
ns_picture_view_class_init (NsPictureViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NsSceneViewClass *scene_view_class = NS_SCENE_VIEW_CLASS (klass);

  widget_class->measure = ns_picture_view_measure;
  scene_view_class->build = ns_picture_view_build;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_picture_view_init (NsPictureView *self)
{
}

GtkWidget *
ns_picture_view_new (NsPictureBuildFunc build,
                     gpointer user_data,
                     int min_width,
                     int min_height,
                     const char *accessible_label)
{
  NsPictureView *self = g_object_new (NS_TYPE_PICTURE_VIEW, NULL);

  self->build = build;
  self->user_data = user_data;
  self->min_width = min_width;
  self->min_height = min_height;
  if (accessible_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible_label, -1);
  return GTK_WIDGET (self);
}
