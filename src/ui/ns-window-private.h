/* ns-window-private.h: NsWindow's state and the internals its source files share
 * (ns-window.c: panels, properties, training loop; ns-window-actions.c: the actions and their
 * keys; ns-window-controls.c: the trainer's settings; ns-window-output.c: the right column;
 * ns-window-zoom.c: zoom and presentation mode; ns-window-benchmark.c: timing hooks;
 * ns-window-lesson.c: the lesson panel and the lesson's steps; ns-window-welcome.c: the welcome
 * page). */
#pragma once

#include "ns-window.h"

#include "ns-curves-view.h"
#include "ns-data-panel.h"
#include "ns-image-view.h"
#include "ns-lesson-panel.h"
#include "ns-network-view.h"
#include "ns-output-view.h"
#include "ns-race-window.h"
#include "ns-step-pacer.h"
#include "ns-view.h"
#include "ns-welcome-page.h"
#include "ns-zoom.h"

G_BEGIN_DECLS

/* The controls of the bar under the header: each a caption, its value, and a menu of choices
 * bound to a stateful window action (the property of the same name). */
typedef enum
{
  CONTROL_LEARNING_RATE,
  CONTROL_ACTIVATION,
  CONTROL_REGULARIZATION,
  CONTROL_REGULARIZATION_RATE,
  CONTROL_PROBLEM,
  CONTROL_OPTIMIZER,
  CONTROL_SPEED,
  CONTROL_STEP_SIZE,
  N_CONTROLS
} Control;

struct _NsWindow
{
  AdwApplicationWindow parent_instance;

  NsExperiment *experiment;
  GSettings *settings; /* NULL when the schema is not installed */
  gboolean playing;
  guint tick_id;
  NsStepPacer pacer;     /* mini-batches per frame while playing */
  guint steps_per_frame; /* 0: one epoch per frame (the Playground's pace); G_MAXUINT: as many
                          * as fit in NS_STEP_PACER_BUDGET_US */
  double zoom;           /* the one scale: views, text and controls */
  gboolean presentation; /* full screen at a large zoom */
  GtkCssProvider *zoom_provider;
  guint syncing; /* > 0 while properties follow the experiment (no writing back) */

  /* Presentation mode's zoom, fitted to the screen (ns_zoom_presentation_for_screen), and the
   * user's own, given back when presentation mode ends. */
  double presentation_zoom;
  double zoom_before_presentation;
  double allocated_zoom; /* the zoom of the last layout (0 before the first) */

  /* The trainer's settings as the controls show them (the experiment holds the truth). */
  double learning_rate;
  char *activation; /* a name, or "mixed" when the layers differ */
  char *regularization;
  double regularization_rate;
  char *problem;
  char *optimizer;
  char *step_size; /* "epoch", "batch" or "sample" */
  NsView chart;    /* what the curves view shows: loss, gradients or the hidden space */
  GtkLabel *control_values[N_CONTROLS];

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkFlowBox *control_bar; /* wraps onto a second line on a narrow screen */
  GtkRevealer *diverged_revealer;
  GtkLabel *diverged_label;
  GtkButton *diverged_button;
  AdwWindowTitle *window_title;
  GtkButton *play_button;
  GtkLabel *epoch_label;
  GtkLabel *train_loss_label;
  GtkLabel *test_loss_label;
  NsNetworkView *network_view;
  GtkRevealer *details_revealer; /* stepping: the numbers of the item last pointed at */
  GtkLabel *details_label;
  AdwFlap *flap; /* the data panel beside the views, or folded away */
  GtkScrolledWindow *start_panel;
  GtkBox *end_panel;
  NsDataPanel *data_panel;
  NsOutputView *output_view;
  NsCurvesView *curves_view;
  /* The right column: the boundary with its options above the chart with its tabs; in
   * presentation mode one of the two, chosen by the page switcher. */
  GtkWidget *boundary_box;
  GtkWidget *chart_box;
  GtkWidget *chart_switcher;
  GtkWidget *chart_accuracy; /* the Accuracy check under the chart, in presentation mode */
  GtkWidget *page_switcher;
  /* Image data: the image view and its buttons in place of the boundary (ns-window-output.c);
   * the Hidden space tabs (under the boundary, in presentation mode) hide, as its plane does
   * not exist. */
  GtkWidget *image_box;
  NsImageView *image_view;
  GtkWidget *space_buttons[2];
  char *presentation_page; /* NS_WINDOW_PAGE_BOUNDARY or a chart's name */
  GtkWidget *value_row;    /* the value of clicked points, for regression */
  GtkWidget *hovered_view; /* the view under the pointer, for Ctrl+C (weak) */

  /* After a divergence: the lower learning rate checked to keep a reset run's first epochs
   * finite (0: none found), for the network version and trainer it was checked with; the
   * check runs on a worker thread (recovery_pending) and can be cancelled. */
  double recovery_rate;
  gboolean recovery_valid;
  gboolean recovery_pending;
  GCancellable *recovery_cancellable;
  guint64 recovery_version;
  NnTrainer recovery_trainer;
  guint recovery_batch_size;
  GtkWidget *race_window;    /* the optimizer race opened from the menu (weak) */
  GtkWidget *draw_window;    /* "Draw your own", for image data (weak) */
  GtkWidget *compare_window; /* "ML vs DL side by side", for image data (weak) */
  GtkWidget *code_window;    /* the network as PyTorch or Keras code (weak) */

  /* Lessons (ns-window-lesson.c): the welcome page beside the playground in the stack, the
   * lesson panel beside the playground's views, and the lesson open with its step. */
  GtkStack *main_stack;
  NsWelcomePage *welcome_page;
  AdwFlap *lesson_flap;
  NsLessonPanel *lesson_panel;
  GtkWidget *lesson_button;
  struct _NsWindowLesson *lesson;
  struct _NsWindowFiles *files; /* ns-window-files.c */
};

/* ns-window-controls.c */
const char *ns_window_control_property (Control control); /* also its action after "win." */
void ns_window_build_control_bar (NsWindow *self);
void ns_window_update_control (NsWindow *self, Control control);
void ns_window_sync_from_experiment (NsWindow *self);
void ns_window_set_string (char **field, const char *value);
/* Epochs a reset run must keep finite for its learning rate to count as recovered. */
#define NS_WINDOW_RECOVERY_EPOCHS 5
double ns_window_recovery_learning_rate (NsWindow *self);
gboolean ns_window_check_recovery (NsWindow *self, double *rate);
void ns_window_set_learning_rate (NsWindow *self, double rate);
void ns_window_set_activation (NsWindow *self, const char *name);
void ns_window_set_regularization (NsWindow *self, const char *name, double rate);
void ns_window_set_optimizer (NsWindow *self, const char *name);
void ns_window_set_problem (NsWindow *self, const char *name);

/* ns-window.c */
void ns_window_update_diverged (NsWindow *self);
void ns_window_update_view (NsWindow *self); /* labels and views after any change */
void ns_window_after_steps (NsWindow *self); /* the view, and a pause if training diverged */

/* ns-window-actions.c */
void ns_window_install_actions (GtkWidgetClass *widget_class); /* actions and their keys */
/* Keeps hovered_view up to date for @view, so Ctrl+C copies the view under the pointer. */
void ns_window_track_hover (NsWindow *self, GtkWidget *view);

/* ns-window-image-tools.c: win.draw and win.ml-vs-dl, enabled for image data only */
void ns_window_install_image_tools (GtkWidgetClass *widget_class);
void ns_window_update_image_tools (NsWindow *self);

/* ns-window-zoom.c */
/* The diagram's smallest width at zoom 1: a small network's columns and their controls. */
#define NS_WINDOW_NETWORK_MIN_WIDTH 480
/* Full screen at presentation_zoom, or back to the window and the user's zoom. */
void ns_window_set_presentation (NsWindow *self, gboolean presentation);
/* @zoom, or the largest zoom up to it (in tenths, never below the zoom now) at which the
 * window's smallest size still fits its monitor. */
double ns_window_fit_zoom (NsWindow *self, double zoom);

/* ns-window-output.c */
/* presentation-page's value for the boundary (the others are the charts' names). */
#define NS_WINDOW_PAGE_BOUNDARY "boundary"
/* Makes the right column's widgets into end_panel. */
void ns_window_build_output_panel (NsWindow *self);
/* Shows the right column's groups as presentation mode and its page ask. */
void ns_window_update_output_page (NsWindow *self);

/* ns-window-lesson.c */
/* Installs the lesson properties (from @first_prop on: lesson-panel, lesson-text-large), the
 * lesson actions and their keys. */
void ns_window_lesson_class_init (GObjectClass *object_class, guint first_prop);
/* get/set_property for those properties: FALSE if @prop_id is not one of them. */
gboolean ns_window_lesson_get_property (NsWindow *self, guint prop_id, GValue *value);
gboolean ns_window_lesson_set_property (NsWindow *self, guint prop_id, const GValue *value);
void ns_window_lesson_init (NsWindow *self);        /* after the template */
void ns_window_lesson_constructed (NsWindow *self); /* once the experiment is there */
void ns_window_lesson_dispose (NsWindow *self);
/* The learner brought @view (a lesson `look` name) forward: goals can ask for it. */
void ns_window_lesson_note_view (NsWindow *self, const char *view);
/* Checks the lesson step's goal at the next frame (after anything that may have reached it). */
void ns_window_lesson_check_goal (NsWindow *self);
/* A stroke drawn on the "Draw your own" pad: goals can count drawings. */
void ns_window_lesson_note_drawing (NsWindow *self);
/* The optimizer race of @race counts as done for a goal once it has raced
 * NS_WINDOW_RACE_DONE_EPOCHS epochs (its curves have drawn apart by then). */
#define NS_WINDOW_RACE_DONE_EPOCHS 20
void ns_window_lesson_watch_race (NsWindow *self, NsRaceWindow *race);
/* Presentation mode began or ended: the lesson panel follows. */
void ns_window_lesson_presentation_changed (NsWindow *self);

/* ns-window-files.c: Open, Save, drops and the autosave */
void ns_window_files_install (GtkWidgetClass *widget_class);
void ns_window_files_init (NsWindow *self);        /* after the template */
void ns_window_files_constructed (NsWindow *self); /* once the experiment is there */
void ns_window_files_dispose (NsWindow *self);

/* ns-window-benchmark.c: NEUROSCOPE_BENCHMARK=first-frame or fps:SECONDS */
void ns_window_setup_benchmark (NsWindow *self);

G_END_DECLS
