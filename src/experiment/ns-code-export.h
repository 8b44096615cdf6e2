/* ns-code-export.h: the experiment's network and trainer as runnable PyTorch or Keras code
 * (issue 13's code view and the `export-code` verb), and its data as the CSV that code reads.
 *
 * The code builds the same layers (channel-major images: PyTorch's NCHW; Keras is given
 * channels_last images and permutes them back before flattening, so a dense layer reads its
 * inputs in the engine's order), the same initialisation rule, output, loss (the engine's
 * squared error is half of it), optimizer settings, L1/L2 on the weights only, batch size and
 * seed. The CSV holds the raw inputs (a file's columns before standardisation, the plane's x1
 * and x2), the label and the split; the code applies the app's standardisation and computes
 * the plane's features, so its inputs are the network's. With weights embedded (exact "%.9g"
 * literals) the script's first loss is the app's current train loss.
 */
#pragma once

#include <glib.h>

#include "ns-experiment.h"

G_BEGIN_DECLS

typedef enum
{
  NS_CODE_PYTORCH,
  NS_CODE_KERAS,
  NS_N_CODE_FRAMEWORKS
} NsCodeFramework;

#define NS_CODE_DEFAULT_DATA_FILE "neuroscope-data.csv"
#define NS_CODE_DEFAULT_EPOCHS 100
#define NS_CODE_MAX_EPOCHS 1000000

typedef struct
{
  NsCodeFramework framework;
  gboolean weights;      /* embed the current weights and biases */
  const char *data_file; /* the CSV the script reads by default; NULL: NS_CODE_DEFAULT_DATA_FILE */
  guint epochs;          /* epochs the script trains; 0: NS_CODE_DEFAULT_EPOCHS */
} NsCodeOptions;

const char *ns_code_framework_name (NsCodeFramework framework); /* "pytorch", "keras" */
int ns_code_framework_from_name (const char *name);             /* -1 if unknown */

/* The Python script (UTF-8, ends in a newline). Numbers are written in C numerics whatever the
 * locale. */
char *ns_code_export (NsExperiment *exp, const NsCodeOptions *options);

/* The experiment's rows as the script reads them: a header (the input columns, "label",
 * "split"), then every training row ("train") and every test row ("test"). */
char *ns_code_export_data (NsExperiment *exp);
/* The same written to @path (atomically); errors name the file. */
gboolean ns_code_export_data_to_file (NsExperiment *exp, const char *path, GError **error);

G_END_DECLS
