/* ns-view.h: the pictures Neuroscope draws, by name: one table for the render verb's --view,
 * the right column's chart switch, the chart widget and the messages that name a picture.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  NS_VIEW_NETWORK,     /* the network diagram */
  NS_VIEW_BOUNDARY,    /* the decision boundary (or regression surface) with the points */
  NS_VIEW_LOSS,        /* loss (and accuracy) curves */
  NS_VIEW_GRADIENTS,   /* gradient health: each layer's mean |gradient| per epoch */
  NS_VIEW_SPACE,       /* the last hidden layer's view of the input plane */
  NS_VIEW_RACE,        /* the optimizer race */
  NS_VIEW_FILTERS,     /* image data: the learned filters (or a dense first layer's weights) */
  NS_VIEW_FEATUREMAPS, /* image data: one image's feature maps and class probabilities */
  NS_VIEW_CONFUSION,   /* the test set's confusion matrix */
  NS_N_VIEWS
} NsView;

typedef struct
{
  const char *name;     /* the word on the command line and in actions: "loss" */
  const char *title;    /* what it is called on screen (an accessible label): "Loss curves" */
  const char *noun;     /* in a sentence: "Copied the loss curves as an image" */
  const char *mnemonic; /* its button in the chart switch ("_Loss"); NULL if not a chart */
  const char *tooltip;  /* the chart switch button's tooltip; NULL if not a chart */
} NsViewInfo;

/* What is known about @view. */
const NsViewInfo *ns_view_get_info (NsView view);

/* The view called @name; FALSE (and *@view untouched) if none is. */
gboolean ns_view_from_name (const char *name, NsView *view);

/* TRUE for the charts the right column switches between (loss, gradients, space). */
gboolean ns_view_is_chart (NsView view);

/* Every view's name, for a message: "network, boundary, loss, gradients, space, race,
 * filters, featuremaps or confusion" (caller frees). */
char *ns_view_list_names (void);

G_END_DECLS
