/* ns-data-thumb.c: NsDataThumb, a small picture painted from a scene (a dataset preview or a
 * class swatch). Its own file because it is a class of its own: the data panel only makes
 * thumbnails, puts them in its buttons and tells them their zoom and selection. */
#include "config.h"

#include "ns-data-thumb.h"

#include <math.h>

#include <adwaita.h>

#include "ns-render-data.h"
#include "ns-render-style.h"
#include "ns-scene-snapshot.h"

struct _NsDataThumb
{
  GtkWidget parent_instance;

  ThumbMode mode;
  const NsDataset *dataset; /* THUMB_PREVIEW: owned by the panel's NsDataPreviews */
  NsExperiment *experiment; /* THUMB_EXPERIMENT */
  guint class_index;        /* THUMB_SWATCH */
  double size;              /* side at zoom 1 */
  double zoom;
  gboolean selected;

  NsScene *scene;
  NsSnapshotPainter *painter;
};

G_DEFINE_FINAL_TYPE (NsDataThumb, ns_data_thumb, GTK_TYPE_WIDGET)

NsDataThumb *
ns_data_thumb_new (ThumbMode mode, double size)
{
  NsDataThumb *self = g_object_new (NS_TYPE_DATA_THUMB, NULL);

  self->mode = mode;
  self->size = size;
  return self;
}

void
ns_data_thumb_set_selected (NsDataThumb *self, gboolean selected)
{
  selected = !!selected;
  if (selected == self->selected)
    return;

  self->selected = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ns_data_thumb_set_zoom (NsDataThumb *self, double zoom)
{
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
ns_data_thumb_set_experiment (NsDataThumb *self, NsExperiment *experiment)
{
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

const NsScene *
ns_data_thumb_get_scene (NsDataThumb *self)
{
  g_return_val_if_fail (NS_IS_DATA_THUMB (self), NULL);

  return self->scene;
}

static void
ns_data_thumb_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  NsDataThumb *self = NS_DATA_THUMB (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  NsRenderStyle style;

  ns_scene_clear (self->scene);
  if (width <= 0 || height <= 0)
    return;

  ns_scene_set_size (self->scene, width, height);
  ns_render_style_init (&style, adw_style_manager_get_dark (adw_style_manager_get_default ()),
                        self->zoom);

  switch (self->mode)
    {
    case THUMB_PREVIEW:
    case THUMB_EXPERIMENT:
      {
        NsDataPreviewView view = { 0 };

        view.dataset = self->mode == THUMB_PREVIEW ? self->dataset
                       : self->experiment != NULL  ? ns_experiment_get_dataset (self->experiment)
                                                   : NULL;
        view.selected = self->selected;
        ns_render_data_preview (self->scene, &view, &style, width, height);
        break;
      }

    case THUMB_SWATCH:
      ns_render_class_swatch (self->scene, self->class_index, self->selected, &style, width,
                              height);
      break;

    default:
      g_assert_not_reached ();
    }

  ns_snapshot_painter_set_scale_factor (self->painter, gtk_widget_get_scale_factor (widget));
  ns_snapshot_painter_paint (self->painter, self->scene, snapshot);
}

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

  *minimum = *natural = (int) round (self->size * self->zoom);
}

static void
thumb_dark_changed_cb (NsDataThumb *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ns_data_thumb_dispose (GObject *object)
{
  NsDataThumb *self = NS_DATA_THUMB (object);

  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (ns_data_thumb_parent_class)->dispose (object);
}

static void
ns_data_thumb_finalize (GObject *object)
{
  NsDataThumb *self = NS_DATA_THUMB (object);

  g_clear_pointer (&self->scene, ns_scene_free);
  g_clear_pointer (&self->painter, ns_snapshot_painter_free);

  G_OBJECT_CLASS (ns_data_thumb_parent_class)->finalize (object);
}

static void
ns_data_thumb_class_init (NsDataThumbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ns_data_thumb_dispose;
  object_class->finalize = ns_data_thumb_finalize;
  widget_class->snapshot = ns_data_thumb_snapshot;
  widget_class->measure = ns_data_thumb_measure;

  gtk_widget_class_set_css_name (widget_class, "datathumb");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ns_data_thumb_init (NsDataThumb *self)
{
  self->zoom = 1.0;
  self->size = THUMB_SIZE;
  self->scene = ns_scene_new ();
  self->painter = ns_snapshot_painter_new ();

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (thumb_dark_changed_cb), self, G_CONNECT_SWAPPED);
}
