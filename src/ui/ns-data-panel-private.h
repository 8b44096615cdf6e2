/* ns-data-panel-private.h: NsDataPanel's state and the internals its source files share
 * (ns-data-panel.c: the dataset pickers, sliders, properties; ns-data-panel-images.c: image
 * folders, their card, skipped files and the folder chooser). */
#pragma once

#include "ns-data-panel.h"

#include <gtk/gtk.h>

#include "ns-data-thumb.h"
#include "ns-render-data.h"
#include "ns-render-style.h"

G_BEGIN_DECLS

struct _NsDataPanel
{
  GtkWidget parent_instance;

  NsExperiment *experiment;
  GSignalGroup *experiment_signals;
  double zoom;
  char *dataset; /* the generated set in use, "" for a file or no experiment */
  guint class_to_add;
  gboolean syncing; /* controls are being set from the experiment: not the learner's doing */

  NsDataPreviews *previews;
  NsDataset *other_previews[NS_N_DATASET_KINDS]; /* the built-in sets' (digits, apples, iris) */
  GtkWidget *dataset_buttons[NS_N_DATASET_KINDS];
  NsDataThumb *thumbs[NS_N_DATASET_KINDS];
  GtkWidget *class_buttons[NS_RENDER_N_CLASS_COLORS];
  NsDataThumb *swatches[NS_RENDER_N_CLASS_COLORS];
  NsDataThumb *file_preview;
  GtkFileChooserNative *folder_chooser; /* while the learner picks a folder */
  char *message;                        /* the last toast's text, for tests */

  /* Template widgets */
  GtkWidget *box;
  GtkGrid *dataset_grid;
  GtkLabel *dataset_label;
  GtkWidget *file_box;
  GtkBox *file_preview_box;
  GtkLabel *file_name_label;
  GtkLabel *file_info_label;
  GtkWidget *folder_button;
  GtkExpander *skipped_expander;
  GtkLabel *skipped_label;
  GtkWidget *noise_box;
  GtkWidget *ratio_box;
  GtkWidget *batch_box;
  GtkWidget *seed_box;
  GtkWidget *class_box;
  GtkBox *class_row;
  GtkLabel *noise_value_label;
  GtkLabel *ratio_value_label;
  GtkWidget *regenerate_button;
  GtkAdjustment *noise_adjustment;
  GtkAdjustment *ratio_adjustment;
  GtkAdjustment *batch_adjustment;
  GtkAdjustment *batch_spin_adjustment;
  GtkAdjustment *seed_adjustment;
};

/* ns-data-panel-images.c */
void ns_data_panel_sync_file (NsDataPanel *self, const NsConfig *config, const NsDataset *data);
void ns_data_panel_sync_skipped (NsDataPanel *self, const NsConfig *config);
void ns_data_panel_open_folder_action_cb (GtkWidget *widget,
                                          const char *action_name,
                                          GVariant *parameter);
void ns_data_panel_choose_folder_action_cb (GtkWidget *widget,
                                            const char *action_name,
                                            GVariant *parameter);

G_END_DECLS
