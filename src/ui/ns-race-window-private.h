/* ns-race-window-private.h: NsRaceWindow's state and the internals its two source files share
 * (ns-race-window.c: the training loop, play, step, reset, zoom and the window;
 * ns-race-window-contestants.c: the contestants' list and the actions changing them). */
#pragma once

#include "ns-race-window.h"

#include "ns-step-pacer.h"

G_BEGIN_DECLS

/* One line of the contestants' list; its position is the contestant's index. */
typedef struct
{
  GtkWidget *row;
  GtkWidget *swatch;
  GtkDropDown *optimizer;
  GtkDropDown *rate;
  GtkStringList *rates;   /* the rate dropdown's model (owned by it) */
  double rate_values[16]; /* the rate each item of @rates stands for: read, never parsed back */
  GtkWidget *remove;
} Row;

struct _NsRaceWindow
{
  AdwWindow parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkButton *play_button;
  GtkLabel *epoch_label;
  NsRaceView *race_view;
  GtkListBox *contestant_list;
  GtkLabel *message_label;

  NsRace *race;
  gboolean playing;
  guint tick_id;
  guint steps_per_frame; /* 0: one epoch */
  NsStepPacer pacer;     /* mini-batches per frame while playing */
  double zoom;
  GtkCssProvider *zoom_provider;

  Row rows[NS_RACE_MAX_CONTESTANTS];
  guint n_rows;
  gboolean syncing; /* the list follows the race: its dropdowns' changes are not the user's */
};

/* ns-race-window.c */
void ns_race_window_after_steps (NsRaceWindow *self); /* the picture and labels after steps */
/* The message under the list (NULL hides it); @error shows it as one. */
void ns_race_window_show_message (NsRaceWindow *self, const char *message, gboolean error);

/* ns-race-window-contestants.c */
void ns_race_window_sync_rows (NsRaceWindow *self);              /* the list follows the race */
void ns_race_window_set_race (NsRaceWindow *self, NsRace *race); /* the window shows @race */
void ns_race_window_add_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter);
void
ns_race_window_remove_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter);
void ns_race_window_set_optimizer_action_cb (GtkWidget *widget,
                                             const char *action_name,
                                             GVariant *parameter);
void ns_race_window_set_learning_rate_action_cb (GtkWidget *widget,
                                                 const char *action_name,
                                                 GVariant *parameter);

G_END_DECLS
