/* ns-data-thumb.c: NsDataThumb, a small picture painted from a scene (a dataset preview or a
 * class swatch). Its own file because it is a class of its own: the data panel only makes
 * thumbnails, puts them in its buttons and tells them their zoom and selection. */
#include "config.h"

#include "ns-data-thumb.h"

#include <math.h>

#include "ns-render-data.h"
#include "ns-render-image-views.h"

struct _NsDataThumb
{
  NsSceneView parent_instance;

  NsDataThumbMode mode;
  const NsDataset *dataset; /* NS_DATA_THUMB_PREVIEW: owned by the panel's NsDataPreviews */
  NsExperiment *experiment; /* NS_DATA_THUMB_EXPERIMENT */
  guint class_index;        /* NS_DATA_THUMB_SWATCH */
  double size;              /* side at zoom 1 */
  gboolean selected;
};

G_DEFINE_FINAL_TYPE (NsDataThumb, ns_data_thumb, NS_TYPE_SCENE_VIEW)

NsDataThumb *
ns_data_thumb_new (NsDataThumbMode mode, double size)
{
  NsDataThumb *self = g_object_new (NS_TYPE_DATA_THUMB, NULL);

  self->mode = mode;
  self->size = size;
  return self;
}

void
ns_data_thumb_set_selected (NsDataThumb *self, gboolean selected)
{
  g_return_if_fail (NS_IS_DATA_THUMB (self));

  selected = !!selected;
  if (selected == self->selected)
    return;

  self->selected = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ns_data_thumb_set_experiment (NsDataThumb *self, NsExperiment *experiment)
{
  g_return_if_fail (NS_IS_DATA_THUMB (self));

  if (g_set_object (&self->experiment, experiment))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ns_data_thumb_set_dataset (NsDataThumb *self, const NsDataset *dataset)
{
  g_return_if_fail (NS_IS_DATA_THUMB (self));

  self->dataset = dataset;
}

void
ns_data_thumb_set_class_index (NsDataThumb *self, guint class_index)
{
  g_return_if_fail (NS_IS_DATA_THUMB (self));

  self->class_index = class_index;
}

static gboolean
ns_data_thumb_build (NsSceneView *scene_view,
                     NsScene *scene,
                     const NsRenderStyle *style,
                     double width,
                     double height)
{
  NsDataThumb *self = NS_DATA_THUMB (scene_view);

  switch (self->mode)
    {
    case NS_DATA_THUMB_PREVIEW:
    case NS_DATA_THUMB_EXPERIMENT:
      {
        NsDataPreviewView view = { 0 };

        view.dataset = self->mode == NS_DATA_THUMB_PREVIEW ? self->dataset
                       : self->experiment != NULL ? ns_experiment_get_dataset (self->experiment)
                                                  : NULL;
        view.selected = self->selected;
        /* Image sets show a few of their images; others their points on two columns. */
        if (view.dataset != NULL && ns_dataset_is_image (view.dataset))
          ns_render_image_thumb (scene, style, view.dataset, self->selected, width, height);
        else
          ns_render_data_preview (scene, &view, style, width, height);
        break;
      }

    case NS_DATA_THUMB_SWATCH:
      ns_render_class_swatch (scene, self->class_index, self->selected, style, width, height);
      break;

    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Its own size, not the class's: the panel makes thumbnails of three sizes. */
static void
ns_data_thumb_measure (GtkWidget *widget,
                       GtkOrientation orientation,
                       int for_size,
                       int *minimum,
                       int *natural,
                       int *minimum_baseline,
                       int *natural_baseline)
{
  NsDataThumb *self = NS_DATA_THUMB (widget);

  *minimum = *natural = (int) round (self->size * ns_scene_view_get_zoom (NS_SCENE_VIEW (self)));
}

static void
ns_data_thumb_dispose (GObject *object)
{
  NsDataThumb *self = NS_DATA_THUMB (object);

  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (ns_data_thumb_parent_class)->dispose (object);
}

static void
ns_data_thumb_class_init (NsDataThumbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NsSceneViewClass *scene_view_class = NS_SCENE_VIEW_CLASS (klass);

  object_class->dispose = ns_data_thumb_dispose;
  widget_class->measure = ns_data_thumb_measure;
  scene_view_class->build = ns_data_thumb_build;

  gtk_widget_class_set_css_name (widget_class, "datathumb");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_data_thumb_init (NsDataThumb *self)
{
  self->size = NS_DATA_THUMB_SIZE;
}
