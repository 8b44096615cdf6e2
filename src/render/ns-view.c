/* ns-view.c: the table of views. */
#include "ns-view.h"

static const NsViewInfo views[NS_N_VIEWS] = {
  [NS_VIEW_NETWORK] = { "network", "Network", "network diagram", NULL, NULL },
  [NS_VIEW_BOUNDARY] = { "boundary", "Decision boundary", "decision boundary", NULL, NULL },
  [NS_VIEW_LOSS] = { "loss", "Loss curves", "loss curves", "_Loss",
                     "Training and test loss (and accuracy) for every epoch" },
  [NS_VIEW_GRADIENTS] = { "gradients", "Gradient health", "gradient health chart", "_Gradients",
                          "Each layer's mean gradient per epoch, log scale: with many sigmoid "
                          "layers it vanishes toward the input, with ReLU it does not" },
  [NS_VIEW_SPACE] = { "space", "Hidden space", "hidden space", "_Hidden space",
                      "How the last hidden layer bends the input plane: its grid and the points, "
                      "drawn in the layer's own coordinates" },
  [NS_VIEW_RACE] = { "race", "Optimizer race", "optimizer race", NULL, NULL },
  [NS_VIEW_FILTERS] = { "filters", "Learned filters", "learned filters", NULL, NULL },
  [NS_VIEW_FEATUREMAPS] = { "featuremaps", "Feature maps", "feature maps", NULL, NULL },
  [NS_VIEW_CONFUSION] = { "confusion", "Confusion matrix", "confusion matrix", NULL, NULL },
};

const NsViewInfo *
ns_view_get_info (NsView view)
{
  g_return_val_if_fail (view < NS_N_VIEWS, &views[NS_VIEW_NETWORK]);

  return &views[view];
}

gboolean
ns_view_from_name (const char *name, NsView *view)
{
  g_return_val_if_fail (view != NULL, FALSE);

  for (guint v = 0; v < NS_N_VIEWS; v++)
    if (g_strcmp0 (name, views[v].name) == 0)
      {
        *view = v;
        return TRUE;
      }
  return FALSE;
}

gboolean
ns_view_is_chart (NsView view)
{
  return view < NS_N_VIEWS && views[view].mnemonic != NULL;
}

char *
ns_view_list_names (void)
{
  GString *text = g_string_new (NULL);

  for (guint v = 0; v < NS_N_VIEWS; v++)
    {
      if (v > 0)
        g_string_append (text, v + 1 == NS_N_VIEWS ? " or " : ", ");
      g_string_append (text, views[v].name);
    }
  return g_string_free (text, FALSE);
}
