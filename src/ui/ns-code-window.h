/* ns-code-window.h: the code view (issue 13): the experiment's network and trainer as PyTorch
 * or Keras code (ns-code-export.h), read-only and highlighted, kept in step with the network. */
#pragma once

#include <adwaita.h>

#include "ns-code-export.h"
#include "ns-experiment.h"

G_BEGIN_DECLS

#define NS_TYPE_CODE_WINDOW (ns_code_window_get_type ())
G_DECLARE_FINAL_TYPE (NsCodeWindow, ns_code_window, NS, CODE_WINDOW, AdwWindow)

/* A window on @experiment, transient for @parent. Its "zoom" property scales its text as the
 * main window's does (bind it to the main window's). */
NsCodeWindow *ns_code_window_new (GtkWindow *parent, NsExperiment *experiment);

void ns_code_window_set_framework (NsCodeWindow *self, NsCodeFramework framework);
NsCodeFramework ns_code_window_get_framework (NsCodeWindow *self);
void ns_code_window_set_include_weights (NsCodeWindow *self, gboolean include);
/* The code shown (owned by the window; valid until it changes). */
const char *ns_code_window_get_text (NsCodeWindow *self);

G_END_DECLS
