/* ns-cli-render.c: `neuroscope render`, a headless verb that trains an experiment and writes
 * one of its views to a PNG, SVG or PDF file (DESIGN.md, "Command line"). */
#include "ns-cli-render.h"

#include "ns-cli-compare.h"
#include "ns-cli.h"

#include "ns-experiment.h"
#include "ns-experiment-step.h"
#include "ns-printf.h"
#include "ns-render-curves.h"
#include "ns-render-gradients.h"
#include "ns-render-image-views.h"
#include "ns-render-images.h"
#include "ns-render-network.h"
#include "ns-render-race.h"
#include "ns-render-space.h"
#include "ns-render-output.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"
#include "ns-view.h"
#include "ns-view-scene.h"

enum
{
  EXIT_DONE = 0,
  EXIT_FILE = 1,
  EXIT_USAGE = 2,
};

#define MAX_RACE_STEPS 1000000 /* mini-batches a race replays (seconds, not days) */

/* Beyond this a PNG would take gigabytes (and ns_scene_export refuses 32768 anyway). */
#define MAX_SIDE NS_CLI_MAX_SIDE

static int
usage_error (const char *message)
{
  return ns_cli_usage_error ("render", message);
}

/* A view's name, or "compare" (*compare set): the scaling plot, which is many trainings, not a
 * view of one experiment, so it has no NsView. */
static gboolean
parse_view (const char *text, NsView *view, gboolean *compare, char **message)
{
  g_autofree char *names = ns_view_list_names ();

  *compare = g_strcmp0 (text, "compare") == 0;
  if (*compare || ns_view_from_name (text, view))
    return TRUE;
  if (text == NULL)
    *message = g_strdup_printf ("--view: give a view: %s or compare", names);
  else
    *message = g_strdup_printf ("--view: unknown view “%s”: expected %s or compare", text, names);
  return FALSE;
}

/* The data-scaling plot: the runs of a CSV `neuroscope compare --csv-out` wrote, drawn again
 * (another size or format, without the hours), or a default compare run on the experiment's
 * dataset (--dataset digits …), its test split the one that dataset and seed give. */
static int
render_compare (const char *csv,
                NsCliTraining *training,
                const char *out,
                int width,
                int height,
                const NsRenderStyle *style)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autoptr (NsExperiment) exp = NULL;
  const NsDataset *data;
  NsCompareSettings settings;
  int status;

  if (csv != NULL)
    {
      rows = ns_cli_compare_read_csv (csv, &error);
      if (rows == NULL)
        {
          g_printerr ("neuroscope render: --csv: %s\n", error->message);
          return EXIT_FILE;
        }
    }
  else
    {
      exp = ns_cli_training_experiment (training, &status);
      if (exp == NULL)
        return status;
      data = ns_experiment_get_dataset (exp);
      if (!ns_dataset_is_image (data))
        {
          g_autofree char *msg = g_strdup_printf (
              "--view: compare: needs image data (--dataset digits or apples, or --data FOLDER) "
              "or the runs of one (--csv FILE); %s is not images",
              data->name);
          return usage_error (msg);
        }
      ns_compare_settings_init (&settings);
      settings.seed = ns_experiment_get_config (exp)->seed;
      rows = ns_cli_compare_run_rows ("render", data, &settings, &status);
      if (rows == NULL)
        return status;
    }
  return ns_cli_compare_write_plot ("render", out, width, height, style,
                                    (const NsCompareRow *) (void *) rows->data, rows->len);
}

gboolean
ns_cli_render_parse_size (const char *text, int *width, int *height)
{
  guint64 w, h;
  char *end;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  w = g_ascii_strtoull (text, &end, 10);
  if (*end != 'x' && *end != 'X')
    return FALSE;
  text = end + 1;
  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  h = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

gboolean
ns_cli_render_has_known_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg")
         || g_str_has_suffix (lower, ".pdf");
}

/* "forward", "loss", "backward" or "update": the phase --phase stops at. */
static gboolean
parse_phase (const char *text, NsStepPhase *phase)
{
  static const char *const names[] = { "forward", "loss", "backward", "update" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    if (g_strcmp0 (text, names[k]) == 0)
      {
        *phase = NS_STEP_FORWARD + k;
        return TRUE;
      }
  return FALSE;
}

/* Steps into the next mini-batch as the window's sample stepping does, whole phases at a
 * time (Shift+Right), until @phase shows: the first sample's forward, loss or backward pass,
 * or the batch's update after its last sample. */
static void
walk_to_phase (NsExperiment *exp, NsStepPhase phase)
{
  const NsStepState *state = ns_experiment_get_step_state (exp);

  if (phase == NS_STEP_UPDATE)
    {
      ns_experiment_step_finish_batch (exp);
      return;
    }
  while (state->phase != phase && ns_experiment_step_whole_phase (exp))
    ;
}

/* The image views read images; the plane views draw the input plane, which image data does
 * not have. NULL when @view can draw @exp, else why not (caller frees). */
static char *
view_unavailable (NsView view, NsExperiment *exp)
{
  const NsDataset *data = ns_experiment_get_dataset (exp);
  const char *name = ns_view_get_info (view)->name;

  if (view == NS_VIEW_FILTERS || view == NS_VIEW_FEATUREMAPS)
    {
      if (!ns_dataset_is_image (data))
        return g_strdup_printf ("--view: %s: needs image data (--dataset digits or apples, or "
                                "--data FOLDER); %s is not images",
                                name, data->name);
      return NULL;
    }
  if (view == NS_VIEW_CONFUSION)
    return data->n_classes == 0 ? g_strdup_printf ("--view: confusion: needs classes; %s is a "
                                                   "regression",
                                                   data->name)
                                : NULL;
  /* The plane views draw the input plane, which image data does not have; its network is
   * drawn as what it does to one sample (ns_render_network_images). */
  if (ns_dataset_is_image (data) && view != NS_VIEW_LOSS && view != NS_VIEW_GRADIENTS
      && view != NS_VIEW_NETWORK)
    return g_strdup_printf ("--view: “%s” is not available for image data (%s): expected network, "
                            "loss, gradients, filters, featuremaps or confusion",
                            name, data->name);
  return NULL;
}

int
ns_cli_render_run (int argc, char **argv)
{
  g_auto (NsCliTraining) training = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = NULL;
  g_autoptr (NsScene) scene = NULL;
  NsRenderStyle style;
  g_autofree char *view_name = NULL;
  g_autofree char *out = NULL;
  g_autofree char *size = NULL;
  g_autofree char *message = NULL;
  g_autofree char *phase_name = NULL;
  g_autofree char *scale_text = NULL;
  g_autofree char *sample_text = NULL;
  g_autofree char *csv = NULL;
  guint sample = 0;
  NsStepPhase phase = NS_STEP_IDLE;
  gboolean dark = FALSE, show_test = FALSE, discrete = FALSE, compare = FALSE;
  double scale = 1.0;
  int width = 800, height = 600;
  NsView view = NS_VIEW_NETWORK;
  int status;

  g_return_val_if_fail (argc > 1, EXIT_USAGE);

  ns_cli_training_init (&training, "render");
  {
    const GOptionEntry entries[] = {
      { "view", 0, 0, G_OPTION_ARG_STRING, &view_name,
        "What to draw: network, boundary, loss, gradients, space, race, filters, featuremaps, "
        "confusion or compare (required)",
        "VIEW" },
      { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
        "The file to write; .png, .svg or .pdf chooses the format (required)", "FILE" },
      { "size", 0, 0, G_OPTION_ARG_STRING, &size,
        "Width x height: pixels for PNG, points for SVG and PDF (default 800x600)", "WxH" },
      { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style: light lines on a dark background",
        NULL },
      /* A string parsed here: GOption reads a double in the user's locale (0,5 in German). */
      { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
        "Text and line size, 0.25 to 8 (default 1; about 1.5 for slides)", "X" },
      { "sample", 0, 0, G_OPTION_ARG_STRING, &sample_text,
        "featuremaps: which test image (0 = the first, the default)", "N" },
      { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
        "compare: draw the runs of this CSV (neuroscope compare --csv-out) instead of running "
        "them",
        "FILE" },
      { "test", 0, 0, G_OPTION_ARG_NONE, &show_test, "boundary: draw the test points too", NULL },
      { "discrete", 0, 0, G_OPTION_ARG_NONE, &discrete,
        "boundary: hard class colours instead of shades of certainty", NULL },
      { "epochs", 0, 0, G_OPTION_ARG_STRING, &training.epochs_text,
        "Train N epochs first (default 100)", "N" },
      { "steps", 0, 0, G_OPTION_ARG_STRING, &training.steps_text, "Train N mini-batches instead",
        "N" },
      { "load", 0, 0, G_OPTION_ARG_FILENAME, &training.load, "Start from a saved experiment",
        "FILE" },
      { "phase", 0, 0, G_OPTION_ARG_STRING, &phase_name,
        "network, boundary: then step into the next mini-batch and draw the first sample's "
        "forward, loss or backward pass, or the batch's update (as the window's sample steps)",
        "PHASE" },
      { NULL },
    };

    status = ns_cli_training_parse (
        &training, "- train, then draw one view to a file",
        "Trains an experiment without a window, then draws one of its views to a PNG,\n"
        "SVG or PDF file. Views: network (the diagram with every neuron's picture),\n"
        "boundary (the output over the plane with the training points), loss (the\n"
        "loss curves, and accuracy for classification) and gradients (each layer's mean\n"
        "|gradient| per epoch, log scale) and space (how the last hidden layer warps\n"
        "the input plane) and race (SGD, momentum and Adam from the same start).\n"
        "For image data: filters (what each conv layer learned), featuremaps (one test\n"
        "image through the layers, and its class probabilities) and confusion (the\n"
        "test set's right and wrong answers, class by class).\n"
        "compare: test accuracy against training-set size for several models (the\n"
        "data-scaling experiment of neuroscope compare, with its defaults), or the runs\n"
        "of a CSV it wrote (--csv FILE), drawn again at another size or format.\n"
        "--phase draws a moment of stepping through one sample, for slides.\n"
        "Example: neuroscope render --view boundary --dataset spiral --hidden 8,8 "
        "--epochs 300 --out spiral.png --size 800x800",
        entries, argc, argv);
  }
  if (status != EXIT_DONE)
    return status;
  /* Every option is checked before training, which may take a while. */
  if (!parse_view (view_name, &view, &compare, &message))
    return usage_error (message);
  if (csv != NULL && !compare)
    return usage_error ("--csv: only the compare view reads runs from a file");
  /* Said rather than ignored: a learner who asks for test points should not look for them. */
  if ((show_test || discrete) && (compare || view != NS_VIEW_BOUNDARY))
    return usage_error (show_test ? "--test: only the boundary view draws points"
                                  : "--discrete: only the boundary view has regions");
  if (phase_name != NULL && !parse_phase (phase_name, &phase))
    {
      g_autofree char *msg = g_strdup_printf (
          "--phase: unknown phase “%s”: expected forward, loss, backward or update", phase_name);
      return usage_error (msg);
    }
  if (sample_text != NULL)
    {
      guint64 value;

      if (compare || view != NS_VIEW_FEATUREMAPS)
        return usage_error ("--sample: only the featuremaps view shows one image");
      if (!g_ascii_string_to_unsigned (sample_text, 10, 0, G_MAXUINT, &value, NULL))
        return usage_error ("--sample: expected the number of a test image, 0 or more");
      sample = (guint) value;
    }
  if (phase_name != NULL && (compare || (view != NS_VIEW_NETWORK && view != NS_VIEW_BOUNDARY)))
    return usage_error ("--phase: only the network and boundary views show a step");
  if (size != NULL && !ns_cli_render_parse_size (size, &width, &height))
    {
      g_autofree char *msg = g_strdup_printf (
          "--size: “%s” is not a size: expected WIDTHxHEIGHT, e.g. 800x600, each 1 to %d", size,
          MAX_SIDE);
      return usage_error (msg);
    }
  if (out == NULL)
    return usage_error ("--out: give the file to write (.png, .svg or .pdf)");
  if (!ns_cli_render_has_known_extension (out))
    {
      g_autofree char *msg = g_strdup_printf (
          "--out: “%s” does not end in .png, .svg or .pdf, which choose the format", out);
      return usage_error (msg);
    }
  if ((scale_text != NULL && !ns_parse_double (scale_text, &scale))
      || !(scale >= 0.25 && scale <= 8))
    return usage_error ("--scale: expected a number from 0.25 to 8");
  if (compare)
    {
      const char *first = NULL;

      /* Its runs train as the experiment defines them; a length or a network given here would
       * be ignored, so it is refused. */
      if (training.epochs_text != NULL || training.steps_text != NULL)
        {
          g_autofree char *msg = g_strdup_printf (
              "--%s: the compare view trains its runs with the defaults of neuroscope compare; "
              "for other settings run neuroscope compare --out FILE",
              training.epochs_text != NULL ? "epochs" : "steps");
          return usage_error (msg);
        }
      if (csv != NULL
          && (training.load != NULL || ns_config_options_any (training.options, &first)))
        {
          g_autofree char *msg = g_strdup_printf (
              "--%s: the runs come from --csv; it takes no experiment", first ? first : "load");
          return usage_error (msg);
        }
    }
  status = ns_cli_training_check_length (&training);
  /* The file's folder and permission too: a long run must not end in "cannot write". */
  if (status == EXIT_DONE)
    status = ns_cli_check_writable ("render", "out", out);
  if (status != EXIT_DONE)
    return status;

  ns_render_style_init (&style, dark, scale);
  if (compare)
    return render_compare (csv, &training, out, width, height, &style);

  exp = ns_cli_training_experiment (&training, &status);
  if (exp == NULL)
    return status;
  message = view_unavailable (view, exp);
  if (message != NULL)
    return usage_error (message);
  if (view == NS_VIEW_FEATUREMAPS && sample >= ns_experiment_get_dataset (exp)->n_test)
    {
      g_autofree char *msg =
          g_strdup_printf ("--sample: %u is past the last test image (%u of them, from 0)", sample,
                           ns_experiment_get_dataset (exp)->n_test);
      return usage_error (msg);
    }

  ns_cli_training_run (&training, exp, "drawing it as it is", NULL, NULL);
  /* The race trains each optimizer from step 0 as far as the experiment went: a file that
   * claims a billion steps must not keep render busy for days. */
  if (view == NS_VIEW_RACE && ns_experiment_get_step (exp) > MAX_RACE_STEPS)
    {
      g_printerr ("neuroscope render: --view race: the experiment is at step %" G_GUINT64_FORMAT
                  "; the race replays at most %d mini-batches\n",
                  ns_experiment_get_step (exp), MAX_RACE_STEPS);
      return EXIT_FILE;
    }
  if (phase != NS_STEP_IDLE && !ns_experiment_get_diverged (exp))
    walk_to_phase (exp, phase);

  /* The scene is laid out at the output's size, so --size W x H gives a W x H picture at the
   * style's scale, and ns_scene_export draws it one to one. */
  scene = ns_scene_new ();
  {
    NsViewSceneOptions options = { show_test, discrete, sample };

    ns_view_build_scene (scene, exp, view, &style, width, height, &options);
  }

  if (!ns_scene_export (scene, width, height, out, &error))
    {
      g_printerr ("neuroscope render: %s\n", error->message);
      status = EXIT_FILE;
    }
  return status;
}
