/* ns-data-thumb.h: NsDataThumb, a small picture painted from a scene: a generated set's preview,
 * the experiment's own data (a CSV file) or a class colour's swatch, drawn at its size times the
 * zoom and ringed when selected (its zoom and scene are NsSceneView's). The data panel's pickers
 * are buttons holding these. */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment.h"
#include "ns-scene-view.h"

G_BEGIN_DECLS

/* A dataset thumbnail's side in logical pixels at zoom 1, the size a thumbnail has by default. */
#define NS_DATA_THUMB_SIZE 42.0

typedef enum
{
  NS_DATA_THUMB_PREVIEW,    /* a generated set's preview, made once */
  NS_DATA_THUMB_EXPERIMENT, /* the experiment's own data (a CSV file), read at each frame */
  NS_DATA_THUMB_SWATCH,     /* a class colour */
} NsDataThumbMode;

#define NS_TYPE_DATA_THUMB (ns_data_thumb_get_type ())
G_DECLARE_FINAL_TYPE (NsDataThumb, ns_data_thumb, NS, DATA_THUMB, NsSceneView)

/* @size: its side in logical pixels at zoom 1. */
NsDataThumb *ns_data_thumb_new (NsDataThumbMode mode, double size);

void ns_data_thumb_set_selected (NsDataThumb *self, gboolean selected);
/* NS_DATA_THUMB_EXPERIMENT: the experiment whose data it draws (NULL: none). */
void ns_data_thumb_set_experiment (NsDataThumb *self, NsExperiment *experiment);
/* NS_DATA_THUMB_PREVIEW: the set it draws, borrowed: it must outlive the thumbnail. Set once,
 * before it is shown. */
void ns_data_thumb_set_dataset (NsDataThumb *self, const NsDataset *dataset);
/* NS_DATA_THUMB_SWATCH: the class whose colour it shows. Set once, before it is shown. */
void ns_data_thumb_set_class_index (NsDataThumb *self, guint class_index);

G_END_DECLS
