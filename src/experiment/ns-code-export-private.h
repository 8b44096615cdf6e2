/* ns-code-export-private.h: what the PyTorch and Keras writers (ns-code-export-torch.c,
 * ns-code-export-keras.c) share with ns-code-export.c, which writes the parts both scripts
 * have: the settings, the data loading and the network's inputs. */
#pragma once

#include "ns-code-export.h"
#include "ns-experiment-private.h"

G_BEGIN_DECLS

typedef struct
{
  GString *out;
  NsExperiment *exp;
  const NsConfig *config;
  const NsDataset *data;
  const NnNet *net;
  NsCodeOptions options; /* data_file and epochs filled in */
} NsCodeWriter;

/* A float the shortest way that reads back as the same float ("0.03", not "0.0299999993"):
 * for settings a person reads. */
void ns_code_append_setting (GString *out, float value);
/* A weight as an exact literal ("%.9g"; float("nan") and float("inf") when not finite). */
void ns_code_append_weight (GString *out, float value);
/* Layer @layer's weights as a Python list of rows (row j: unit or channel j's fan_in
 * weights), then ", " and its biases as a list, wrapped and indented by @indent spaces; from
 * @values, laid out as the net's params (params itself, or the optimizer's opt_m, opt_v). */
void ns_code_append_layer_values (NsCodeWriter *w, size_t layer, const float *values, guint indent);
/* The initialisation limit the engine uses for layer @layer (Xavier, or He for relu). */
double ns_code_init_limit (const NnNet *net, size_t layer);
/* Whether the script needs a Flatten before layer @layer: a dense layer reading an image. */
gboolean ns_code_needs_flatten (const NnNet *net, size_t layer);

/* "hidden layer 2: 8 neurons, tanh" and the like, for comments. */
char *ns_code_describe_layer (const NnNet *net, size_t layer);

/* The module docstring and the settings block (DATA_FILE, SEED, EPOCHS, BATCH_SIZE, …). */
void ns_code_write_header (NsCodeWriter *w, const char *framework_title, const char *imports);
/* load_data () and network_inputs (); @channels_last transposes images to N H W C. */
void ns_code_write_data (NsCodeWriter *w, gboolean channels_last);

void ns_code_write_torch (NsCodeWriter *w);
void ns_code_write_keras (NsCodeWriter *w);

G_END_DECLS
