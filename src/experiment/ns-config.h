/* ns-config.h: everything that defines an experiment before it runs: data, features, network,
 * trainer, seed. The same words serve the command line, lesson setups and the JSON fields
 * (DESIGN.md, "Command line"). */
#pragma once

#include <glib.h>

#include "nn-net.h"
#include "ns-dataset.h"
#include "ns-features.h"

G_BEGIN_DECLS

typedef enum
{
  NS_PROBLEM_CLASSIFICATION,
  NS_PROBLEM_REGRESSION,
} NsProblem;

#define NS_MAX_HIDDEN (NN_MAX_LAYERS - 1)

/* What an experiment may ask for, the same from the command line, a lesson or a saved file
 * (ns_config_set_option and ns_config_check both use these). */
#define NS_CONFIG_MIN_LR 1e-6
#define NS_CONFIG_MAX_LR 10.0
#define NS_CONFIG_MAX_REG_RATE 10.0 /* --l1, --l2 */
#define NS_CONFIG_MAX_CLIP 1e6
#define NS_CONFIG_MAX_NOISE 0.5
#define NS_CONFIG_MIN_RATIO 0.1
#define NS_CONFIG_MAX_RATIO 0.9
#define NS_CONFIG_MIN_COUNT 10 /* points to generate; 0 in a config means the default */
#define NS_CONFIG_MAX_COUNT 100000
#define NS_CONFIG_MAX_BATCH 1000
#define NS_CONFIG_MAX_WIDTH 1024   /* neurons of a dense layer */
#define NS_CONFIG_MAX_CHANNELS 256 /* of a conv layer */
#define NS_CONFIG_MAX_KERNEL 7     /* a conv layer's kernel side */
#define NS_CONFIG_MIN_POOL 2       /* a max-pool's side */
#define NS_CONFIG_MAX_POOL 8
#define NS_CONFIG_ERROR (ns_config_error_quark ())

typedef enum
{
  NS_CONFIG_ERROR_BAD_OPTION, /* a value outside what the option allows */
} NsConfigError;

GQuark ns_config_error_quark (void);

typedef struct
{
  NsDatasetKind dataset; /* used when data_path is NULL: a 2D set, digits, apples or iris */
  char *data_path;       /* a CSV file or a folder of images, or NULL */
  guint count;           /* points (apples: images) to generate; 0 = the dataset's default */
  double noise;          /* 0 .. 0.5 (2D sets) */
  double train_ratio;    /* share of points used for training, 0.1 .. 0.9 (2D sets and CSV
                          * files; digits, apples and iris keep a stratified 20% test set) */
  guint features;        /* NsFeature mask (plane data only) */
  /* The hidden layers, the one place the architecture is kept: the network is built from
   * these specs (kind, width or channels, kernel, activation), edits change them, files save
   * them. The output layer follows from the problem and the data. Entries from n_layers on
   * keep the activation the next added layer takes. */
  guint n_layers; /* 0 .. NS_MAX_HIDDEN */
  NnLayerSpec layers[NS_MAX_HIDDEN];
  NsProblem problem;
  NnTrainer trainer; /* optimizer, learning rate, regularisation, clipping */
  guint batch_size;  /* 1 .. 1000 */
  guint64 seed;
} NsConfig;

/* Generated 2D points: the features apply and the plane is the data's own. FALSE for a CSV
 * file and the built-in sets that have other inputs (digits, apples, iris). */
gboolean ns_config_is_plane (const NsConfig *config);
/* Image data (digits, apples, a folder of images): conv and pool layers may be used. */
gboolean ns_config_is_image (const NsConfig *config);
/* --data names a folder (its path ends in a separator: ns_config_set_option adds one to a
 * folder's): images, one subfolder per class, read as NS_CONFIG_FOLDER_CHANNELS x
 * NS_CONFIG_FOLDER_SIDE x NS_CONFIG_FOLDER_SIDE (the apples' shape). */
gboolean ns_config_is_image_folder (const NsConfig *config);
#define NS_CONFIG_FOLDER_CHANNELS 3
#define NS_CONFIG_FOLDER_SIDE 16

/* The Playground's defaults: circle, 500 points, noise 0, ratio 0.5, x1 x2, hidden 4,2 tanh,
 * SGD lr 0.03, batch 10, seed 1. */
void ns_config_init_default (NsConfig *config);
void ns_config_clear (NsConfig *config);
void ns_config_copy (NsConfig *dst, const NsConfig *src);

/* Parses the experiment options (--dataset, --data, --features, --hidden, --activation,
 * --problem, --optimizer, --lr, --batch, --l1, --l2, --clip, --noise, --ratio, --count, --seed)
 * as a GOptionGroup added to @context; after g_option_context_parse() call
 * ns_config_options_apply() which validates and fills @config.
 * Errors name the option and what it allows (NS_CONFIG_ERROR_BAD_OPTION). */
typedef struct _NsConfigOptions NsConfigOptions;
NsConfigOptions *ns_config_options_new (void);
void ns_config_options_free (NsConfigOptions *options);
GOptionGroup *ns_config_options_get_group (NsConfigOptions *options); /* transfer full */
gboolean ns_config_options_apply (NsConfigOptions *options, NsConfig *config, GError **error);
/* TRUE if any experiment option was given; @first gets the first one's name. */
gboolean ns_config_options_any (NsConfigOptions *options, const char **first);

/* Checks every value of @config against the limits above (the command line's), so that a
 * saved file or a lesson cannot ask for what the command line refuses. On the first value
 * outside them returns FALSE with *field its name as a saved file writes it ("lr",
 * "hidden[1]", "activation[0]", "batch") and *expected what it allows (free both). */
gboolean ns_config_check (const NsConfig *config, char **field, char **expected);

/* Sets one option by name as on the command line, e.g. ("hidden", "8,8"). */
gboolean
ns_config_set_option (NsConfig *config, const char *name, const char *value, GError **error);

/* The --hidden and --activation words and the layer specs, both ways (DESIGN.md, "Command
 * line"). parse_hidden sets each layer's kind, units and kernel and leaves its activation;
 * parse_activations sets the activation of the first @n_layers specs (one name: of all
 * NS_MAX_HIDDEN, as the layers added later take it). */
gboolean
ns_config_parse_hidden (const char *text, guint *n_layers, NnLayerSpec *layers, GError **error);
gboolean
ns_config_parse_activations (const char *text, guint n_layers, NnLayerSpec *layers, GError **error);
/* Dense and conv layers have an activation; pool and flatten pass their values through. */
gboolean ns_layer_kind_has_activation (NnLayerKind kind);
/* One layer's word: `8` (dense), `c8k3` (conv), `p2` (max-pool), "flatten". */
char *ns_layer_spec_to_word (const NnLayerSpec *spec);
/* The --hidden value of @config: "6,4", or "none". */
char *ns_config_hidden_to_string (const NsConfig *config);
/* The --activation value of @config: one name per layer, "tanh,relu" (empty with no layer). */
char *ns_config_activations_to_string (const NsConfig *config);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NsConfig, ns_config_clear)

G_END_DECLS
