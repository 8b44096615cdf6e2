/* ns-data-panel.h: the data side panel: which data set, its noise, the train/test split, the
 * batch size, the seed, and the class of points added by clicking on the output.
 *
 * Every control is an action on the panel, so tests and lessons drive them as a learner would:
 *   data.set-dataset (s)  a generated set by name ("spiral"); stateful: the set in use, "" for
 *                         a CSV file. Keeps noise and ratio; switches classification and
 *                         regression by itself. Off while a CSV file is loaded.
 *   data.set-noise (d)    0 .. 0.5: redraws the data, keeps the first weights, resets; off for
 *                         a CSV file
 *   data.set-ratio (d)    training share 0.1 .. 0.9: likewise
 *   data.set-batch (u)    1 .. 1000: live, no reset
 *   data.set-seed (t)     every random stream anew, resets
 *   data.regenerate       new points from the next data seed (a new split for a file), resets
 *   data.set-class (u)    stateful: the class of points added by clicking ("class-to-add")
 *   data.open-folder (s)  images from a folder with one subfolder per class
 *                         (ns_experiment_set_data_folder); an error, or how many files were
 *                         skipped, in a toast; the skipped files listed under the button
 *   data.choose-folder    the "Your images…" button: a folder chooser, then data.open-folder
 * The panel follows the experiment's "changed" signal, so a lesson that changes the data from
 * elsewhere is shown too. The property "dataset" (string) is the state of data.set-dataset.
 */
#pragma once

#include <gtk/gtk.h>

#include "ns-experiment.h"
#include "ns-scene.h"

G_BEGIN_DECLS

#define NS_TYPE_DATA_PANEL (ns_data_panel_get_type ())
G_DECLARE_FINAL_TYPE (NsDataPanel, ns_data_panel, NS, DATA_PANEL, GtkWidget)

GtkWidget *ns_data_panel_new (void);

NsExperiment *ns_data_panel_get_experiment (NsDataPanel *self);
void ns_data_panel_set_experiment (NsDataPanel *self, NsExperiment *experiment);

/* The one scale of the thumbnails and swatches (zoom, presentation mode); 1 = normal. */
double ns_data_panel_get_zoom (NsDataPanel *self);
void ns_data_panel_set_zoom (NsDataPanel *self, double zoom);

/* The class given to points added by clicking on the output (property "class-to-add"); kept
 * below the data's number of classes. */
guint ns_data_panel_get_class_to_add (NsDataPanel *self);
void ns_data_panel_set_class_to_add (NsDataPanel *self, guint k);

/* For tests: the picker's button of a generated set, and the scene its thumbnail drew last
 * (empty before the first frame). */
GtkWidget *ns_data_panel_get_dataset_button (NsDataPanel *self, NsDatasetKind kind);
const NsScene *ns_data_panel_get_thumbnail_scene (NsDataPanel *self, NsDatasetKind kind);
/* For tests: the text of the last toast the panel showed (NULL before any). */
const char *ns_data_panel_get_message (NsDataPanel *self);

G_END_DECLS
