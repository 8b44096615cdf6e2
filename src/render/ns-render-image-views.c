/* ns-render-image-views.c: an experiment's image views (see the header): what
 * ns-experiment-images.h reads, laid out with the image builders. */
#include "ns-render-image-views.h"

#include <math.h>
#include <string.h>

#include "ns-experiment-images.h"
#include "ns-render-compare.h"
#include "ns-render-images-private.h"
#include "ns-render-images.h"

#define NOTE_SIZE 15.0
#define TITLE_SIZE 16.0
#define GAP 12.0
/* The class probabilities' narrowest width and a row's height, and the narrowest the feature
 * maps get beside them (at scale 1). */
#define PROBABILITIES_MIN_WIDTH 250.0
#define PROBABILITY_ROW 24.0
/* The most exciting training images under the filters: how many, and their share. */
#define EXCITING_MAX 8
#define EXCITING_SHARE 0.3
#define PROBABILITY_ROW_TIGHT 19.0
/* Below this row height (scale 1) the text is too small: only the few most probable. */
#define PROBABILITY_ROW_MIN 15.0
#define PROBABILITIES_FEW 3
#define MAPS_MIN_WIDTH 320.0
/* A gallery image's side on screen at scale 1 that a projector still shows (8x8 digits 5x). */
#define GALLERY_IMAGE_SIDE 48.0
#define GALLERY_CAPTION 38.0

static const char *const *
class_names (const NsDataset *data)
{
  return (const char *const *) data->class_names;
}

void
ns_render_image_note (NsScene *scene,
                      const NsRenderStyle *style,
                      double x,
                      double y,
                      double width,
                      double height,
                      const char *text)
{
  double size = ns_render_style_px (style, NOTE_SIZE);
  double line = size * 1.4;
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) current = g_string_new (NULL);

  /* Greedy wrap by words to the area's width less a margin. */
  for (guint k = 0; words[k] != NULL; k++)
    {
      g_autofree char *trial = current->len > 0 ? g_strdup_printf ("%s %s", current->str, words[k])
                                                : g_strdup (words[k]);
      double w = 0;

      ns_scene_measure_text (scene, trial, NS_TEXT_LABEL, size, &w, NULL);
      if (w > width * 0.9 && current->len > 0)
        {
          g_ptr_array_add (lines, g_strdup (current->str));
          g_string_assign (current, words[k]);
        }
      else
        g_string_assign (current, trial);
    }
  if (current->len > 0)
    g_ptr_array_add (lines, g_strdup (current->str));
  for (guint k = 0; k < lines->len; k++)
    ns_scene_add_text (scene, x + width / 2, y + height / 2 + (k - (lines->len - 1) / 2.0) * line,
                       g_ptr_array_index (lines, k), NS_TEXT_LABEL, size, NS_ALIGN_CENTER,
                       NS_ALIGN_CENTER, &style->muted);
}

const char *
ns_render_image_views_unavailable (NsExperiment *exp)
{
  const NsDataset *data = ns_experiment_get_dataset (exp);

  if (!ns_dataset_is_image (data))
    return "needs image data (digits, apples or an image folder)";
  if (data->n_classes == 0)
    return "needs classes to tell apart";
  return NULL;
}

/* "Layer 1: conv 3x3, 8 filters" */
static char *
conv_title (const NnNet *net, guint layer)
{
  const NnLayer *l = &net->layers[layer];

  return g_strdup_printf ("Layer %u: conv %zux%zu, %zu filter%s on %zu channel%s", layer + 1,
                          l->kernel, l->kernel, l->out.channels, l->out.channels == 1 ? "" : "s",
                          l->in.channels, l->in.channels == 1 ? "" : "s");
}

/* Hit regions over the kernels ns_render_filters or ns_render_dense_weights just drew (the crisp
 * images from prim @first on): (NS_HIT_NEURON, @layer, unit) for each, a unit being an output
 * channel (or a neuron): one image each, or with several input channels a row of them. The
 * chosen unit's images framed. */
static void
add_filter_hits (NsScene *scene,
                 const NsRenderStyle *style,
                 size_t first,
                 guint layer,
                 gboolean one_per_unit,
                 int chosen_layer,
                 int chosen_unit)
{
  size_t n = ns_scene_get_n_prims (scene);
  guint unit = 0, t = 0;
  double row_y = NAN, ring = ns_render_style_px (style, 2);

  for (size_t k = first; k < n; k++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, k);
      NsImage image;

      if (prim->kind != NS_PRIM_IMAGE || !prim->image.crisp)
        continue;
      image = prim->image;
      if (one_per_unit)
        unit = t++;
      else if (!isnan (row_y) && image.y != row_y)
        unit++;
      row_y = image.y;
      ns_scene_add_hit_rect (scene, NS_HIT_NEURON, (int) layer, (int) unit, -1, image.x, image.y,
                             image.width, image.height);
      if ((int) layer == chosen_layer && (int) unit == chosen_unit)
        ns_scene_add_rect (scene, image.x - ring, image.y - ring, image.width + 2 * ring,
                           image.height + 2 * ring, 0, NULL, &style->accent, ring);
    }
}

/* The training images that excite unit @unit of layer @layer most, under a title. */
static void
add_exciting (NsScene *scene,
              NsExperiment *exp,
              const NsRenderStyle *style,
              double x,
              double y,
              double width,
              double height,
              guint layer,
              guint unit,
              const guint *exciting,
              guint n_exciting)
{
  const NsDataset *data = ns_experiment_get_dataset (exp);
  const NnNet *net = ns_experiment_get_net (exp);
  double title_size = ns_render_style_px (style, TITLE_SIZE), top = y + title_size * 1.8, w = 0;
  const char *what = net->layers[layer].kind == NN_LAYER_DENSE ? "neuron" : "filter";
  guint indices[EXCITING_MAX], n;
  NsGallerySample samples[EXCITING_MAX];
  g_autofree char *title = NULL;

  if (exciting != NULL)
    {
      n = MIN (n_exciting, EXCITING_MAX);
      memcpy (indices, exciting, sizeof (guint) * n);
    }
  else
    n = ns_experiment_top_exciting (exp, layer, unit, EXCITING_MAX, indices, NULL);
  for (guint k = 0; k < n; k++)
    if (indices[k] >= data->n_train)
      return; /* a list made for other data */
  if (n == 0)
    return;
  title = g_strdup_printf ("Training images that excite %s %u of layer %u most", what, unit + 1,
                           layer + 1);
  /* The shorter words where the long ones do not fit. */
  ns_scene_measure_text (scene, title, NS_TEXT_TITLE, title_size, &w, NULL);
  if (w > width)
    {
      g_free (title);
      title = g_strdup_printf ("Most exciting for %s %u", what, unit + 1);
    }
  ns_scene_add_text (scene, x, y, title, NS_TEXT_TITLE, title_size, NS_ALIGN_START, NS_ALIGN_START,
                     &style->foreground);
  for (guint k = 0; k < n; k++)
    samples[k] = (NsGallerySample){ data->train_x + (size_t) indices[k] * data->n_inputs,
                                    (int) data->train_y[indices[k]], -1, -1, 0.0 };
  ns_render_sample_gallery (scene, style, x, top, width, height - (top - y), samples, n,
                            data->image_channels, data->image_height, data->image_width,
                            class_names (data), data->n_classes);
}

void
ns_render_view_filters (NsScene *scene,
                        NsExperiment *exp,
                        const NsRenderStyle *style,
                        double x,
                        double y,
                        double width,
                        double height,
                        int chosen_layer,
                        int chosen_unit,
                        const guint *exciting,
                        guint n_exciting)
{
  const NnNet *net = ns_experiment_get_net (exp);
  const NsDataset *data = ns_experiment_get_dataset (exp);
  const char *why = ns_render_image_views_unavailable (exp);
  guint conv_layers[NN_MAX_LAYERS], n_conv = 0;
  double gap = ns_render_style_px (style, GAP), block_h, weight_sum = 0, top = y;
  double exciting_h = 0;
  gboolean show_exciting = FALSE;

  if (why != NULL)
    {
      g_autofree char *text = g_strdup_printf ("Filters: %s.", why);

      ns_render_image_note (scene, style, x, y, width, height, text);
      return;
    }
  for (guint l = 0; l + 1 < net->n_layers; l++)
    if (net->layers[l].kind == NN_LAYER_CONV2D)
      conv_layers[n_conv++] = l;

  /* The chosen unit's most exciting images under the filters, where it is one of them. */
  if (chosen_layer >= 0 && (guint) chosen_layer + 1 < net->n_layers
      && (net->layers[chosen_layer].kind == NN_LAYER_CONV2D
          || (n_conv == 0 && chosen_layer == 0 && net->layers[0].kind == NN_LAYER_DENSE))
      && chosen_unit >= 0 && (guint) chosen_unit < net->layers[chosen_layer].n_biases)
    {
      show_exciting = TRUE;
      exciting_h = round (height * EXCITING_SHARE);
      height -= exciting_h + gap;
    }

  if (n_conv == 0)
    {
      guint n_neurons, n_inputs;
      g_autofree float *weights = ns_experiment_dense_weights (exp, &n_neurons, &n_inputs);
      g_autofree char *title = NULL;
      size_t first = ns_scene_get_n_prims (scene);

      if (weights == NULL || n_inputs != data->n_inputs || net->n_layers < 2)
        {
          ns_render_image_note (scene, style, x, y, width, height + exciting_h,
                                "Filters: this network has no conv layer and no hidden dense "
                                "layer on the pixels: add one to see what it learns.");
          return;
        }
      title = g_strdup_printf ("Layer 1: each of its %u neurons' weights", n_neurons);
      ns_render_dense_weights (scene, style, x, y, width, height, title, weights, n_neurons,
                               data->image_channels, data->image_height, data->image_width);
      add_filter_hits (scene, style, first, 0, TRUE, chosen_layer, chosen_unit);
    }
  else
    {
      /* Each layer's block gets a share of the height by its number of kernel rows (c_out),
       * at least a fifth, so a 32-filter layer is not squeezed by an 8-filter one. */
      for (guint k = 0; k < n_conv; k++)
        weight_sum += MAX (net->layers[conv_layers[k]].out.channels, 4);
      for (guint k = 0; k < n_conv; k++)
        {
          guint c_out, c_in, kernel;
          g_autofree float *weights =
              ns_experiment_conv_filters (exp, conv_layers[k], &c_out, &c_in, &kernel);
          g_autofree char *title = conv_title (net, conv_layers[k]);
          size_t first = ns_scene_get_n_prims (scene);

          block_h = (height - gap * (n_conv - 1)) * MAX (c_out, 4) / weight_sum;
          ns_render_filters (scene, style, x, top, width, block_h, title, weights, c_out, c_in,
                             kernel, kernel, c_in == 3);
          add_filter_hits (scene, style, first, conv_layers[k], c_in == 1 || c_in == 3,
                           chosen_layer, chosen_unit);
          top += block_h + gap;
        }
    }
  if (show_exciting)
    add_exciting (scene, exp, style, x, y + height + gap, width, exciting_h, (guint) chosen_layer,
                  (guint) chosen_unit, exciting, n_exciting);
}

/* "conv 3x3, 8 ch, relu", "max-pool 2x2" */
static char *
map_title (const NnNet *net, guint layer)
{
  const NnLayer *l = &net->layers[layer];

  if (l->kind == NN_LAYER_CONV2D)
    return g_strdup_printf ("Layer %u: conv %zux%zu, %s", layer + 1, l->kernel, l->kernel,
                            nn_activation_name (l->act));
  return g_strdup_printf ("Layer %u: max-pool %zux%zu", layer + 1, l->kernel, l->kernel);
}

/* The @n most probable classes of @view, most probable first, as the class probabilities
 * draw them (the true class marked where it is among them), titled to say so. */
static void
add_top_probabilities (NsScene *scene,
                       const NsRenderStyle *style,
                       double x,
                       double y,
                       double width,
                       double height,
                       const NsSampleView *view,
                       const NsDataset *data,
                       guint n,
                       double title)
{
  float probs[PROBABILITIES_FEW];
  const char *names[PROBABILITIES_FEW];
  gboolean taken[NS_MAX_CLASSES] = { FALSE };
  char numbers[PROBABILITIES_FEW][16];
  int true_row = -1;
  g_autofree char *heading = NULL;

  n = MIN (n, MIN (PROBABILITIES_FEW, view->n_classes));
  for (guint r = 0; r < n; r++)
    {
      int best = -1;

      for (guint k = 0; k < view->n_classes && k < NS_MAX_CLASSES; k++)
        if (!taken[k] && (best < 0 || view->probabilities[k] > view->probabilities[best]))
          best = (int) k;
      if (best < 0)
        {
          n = r;
          break;
        }
      taken[best] = TRUE;
      probs[r] = view->probabilities[best];
      if (data->class_names != NULL)
        names[r] = data->class_names[best];
      else
        {
          g_snprintf (numbers[r], sizeof numbers[r], "%d", best);
          names[r] = numbers[r];
        }
      if (best == view->label)
        true_row = (int) r;
    }
  heading = g_strdup_printf ("The %u most probable classes", n);
  ns_scene_add_text (scene, x, y, heading, NS_TEXT_TITLE, title, NS_ALIGN_START, NS_ALIGN_START,
                     &style->foreground);
  ns_render_class_probabilities (scene, style, x, y + title * 1.6, width, height - title * 1.6,
                                 probs, n, names, true_row);
}

void
ns_render_view_feature_maps (NsScene *scene,
                             NsExperiment *exp,
                             const NsRenderStyle *style,
                             double x,
                             double y,
                             double width,
                             double height,
                             gboolean test,
                             guint index)
{
  const NsDataset *data = ns_experiment_get_dataset (exp);
  const NnNet *net = ns_experiment_get_net (exp);
  const char *why = ns_render_image_views_unavailable (exp);
  g_autoptr (NsSampleView) view = NULL;
  NsFeatureMapLayer layers[NN_MAX_LAYERS];
  g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  NsImageData input;
  double gap = ns_render_style_px (style, GAP);

  if (why != NULL)
    {
      g_autofree char *text = g_strdup_printf ("Feature maps: %s.", why);

      ns_render_image_note (scene, style, x, y, width, height, text);
      return;
    }
  view = ns_experiment_sample_view (exp, test, index);
  if (view == NULL)
    {
      g_autofree char *text =
          g_strdup_printf ("Feature maps: there is no %s image %u (the set has %u).",
                           test ? "test" : "training", index, test ? data->n_test : data->n_train);

      ns_render_image_note (scene, style, x, y, width, height, text);
      return;
    }
  input = (NsImageData){ view->image, data->image_channels, data->image_height, data->image_width };
  for (guint k = 0; k < view->n_maps; k++)
    {
      g_ptr_array_add (titles, map_title (net, view->map_layer[k]));
      layers[k] = (NsFeatureMapLayer){ g_ptr_array_index (titles, k), view->maps[k],
                                       (guint) view->map_shape[k].channels,
                                       (guint) view->map_shape[k].height,
                                       (guint) view->map_shape[k].width };
    }
  /* The probabilities need room for the class names, a bar, the value and "← true": beside
   * the maps where both fit, else under them across the area. */
  {
    double title = ns_render_style_px (style, TITLE_SIZE);
    double needed_w = ns_render_style_px (style, PROBABILITIES_MIN_WIDTH);
    double rows_h = view->n_classes * ns_render_style_px (style, PROBABILITY_ROW) + title * 1.6;
    double px, py, pw, ph;

    if (width - needed_w - gap >= ns_render_style_px (style, MAPS_MIN_WIDTH))
      {
        pw = MAX (needed_w, MIN (width * 0.34, ns_render_style_px (style, 340)));
        px = x + width - pw;
        py = y;
        ph = MIN (height, rows_h);
        ns_render_feature_maps (scene, style, x, y, width - pw - gap, height, &input, layers,
                                view->n_maps, NS_FEATURE_SCALE_LAYER);
      }
    else
      {
        /* Tighter rows here: the maps above need the height more. Where even those would be
         * too small to read, only the most probable classes (the true one among them). */
        guint n_rows = view->n_classes;

        if (height * 0.4 - title * 1.6 < n_rows * ns_render_style_px (style, PROBABILITY_ROW_MIN))
          n_rows = MIN (view->n_classes, PROBABILITIES_FEW);
        pw = MIN (width, ns_render_style_px (style, 420));
        ph = MIN (height * 0.4,
                  n_rows * ns_render_style_px (style, PROBABILITY_ROW_TIGHT) + title * 1.6);
        px = x;
        py = y + height - ph;
        ns_render_feature_maps (scene, style, x, y, width, height - ph - gap, &input, layers,
                                view->n_maps, NS_FEATURE_SCALE_LAYER);
        if (n_rows < view->n_classes)
          {
            add_top_probabilities (scene, style, px, py, pw, ph, view, data, n_rows, title);
            return;
          }
      }
    ns_scene_add_text (scene, px, py, "Class probabilities", NS_TEXT_TITLE, title, NS_ALIGN_START,
                       NS_ALIGN_START, &style->foreground);
    ns_render_class_probabilities (scene, style, px, py + title * 1.6, pw, ph - title * 1.6,
                                   view->probabilities, view->n_classes, class_names (data),
                                   view->label);
  }
}

void
ns_render_view_confusion (NsScene *scene,
                          NsExperiment *exp,
                          const NsRenderStyle *style,
                          double x,
                          double y,
                          double width,
                          double height)
{
  const NsDataset *data = ns_experiment_get_dataset (exp);
  guint n_classes, right = 0, total = 0;
  g_autofree guint *counts = NULL;
  g_autofree char *title = NULL;
  double title_size = ns_render_style_px (style, TITLE_SIZE), top;

  if (data->n_classes == 0)
    {
      ns_render_image_note (scene, style, x, y, width, height,
                            "Confusion matrix: needs classes to tell apart.");
      return;
    }
  counts = ns_experiment_confusion (exp, &n_classes);
  if (counts == NULL)
    {
      ns_render_image_note (scene, style, x, y, width, height,
                            "Confusion matrix: there are no test images.");
      return;
    }
  for (guint t = 0; t < n_classes; t++)
    for (guint p = 0; p < n_classes; p++)
      {
        total += counts[t * n_classes + p];
        right += t == p ? counts[t * n_classes + p] : 0;
      }
  title = g_strdup_printf ("Test set: %u of %u right (%.1f%%)", right, total,
                           total > 0 ? 100.0 * right / total : 0.0);
  ns_scene_add_text (scene, x, y, title, NS_TEXT_TITLE, title_size, NS_ALIGN_START, NS_ALIGN_START,
                     &style->foreground);
  top = y + title_size * 1.8;
  ns_render_confusion (scene, style, x, top, width, height - (top - y), counts, n_classes,
                       class_names (data));
}

guint *
ns_render_view_gallery_list (NsExperiment *exp,
                             NsGalleryMode mode,
                             int true_class,
                             int predicted_class,
                             guint *n_images)
{
  const NsDataset *data = ns_experiment_get_dataset (exp);
  g_autofree int *predicted = NULL;
  g_autofree float *probs = NULL;
  guint *chosen, n_classes, n = 0;

  *n_images = 0;
  probs = ns_experiment_test_predictions (exp, &n_classes, &predicted);
  if (probs == NULL)
    return NULL;
  chosen = g_new (guint, MAX (data->n_test, 1));
  if (mode == NS_GALLERY_MISTAKES)
    n = ns_experiment_confident_mistakes (exp, data->n_test, chosen, NULL, NULL);
  else
    for (guint s = 0; s < data->n_test; s++)
      if (mode == NS_GALLERY_ALL
          || ((int) data->test_y[s] == true_class && predicted[s] == predicted_class))
        chosen[n++] = s;
  *n_images = n;
  return chosen;
}

guint
ns_render_view_gallery (NsScene *scene,
                        NsExperiment *exp,
                        const NsRenderStyle *style,
                        double x,
                        double y,
                        double width,
                        double height,
                        NsGalleryMode mode,
                        int true_class,
                        int predicted_class,
                        guint first,
                        guint *shown)
{
  const NsDataset *data = ns_experiment_get_dataset (exp);
  const char *why = ns_render_image_views_unavailable (exp);
  g_autofree int *predicted = NULL;
  g_autofree float *probs = NULL;
  g_autofree guint *chosen = NULL;
  g_autofree NsGallerySample *samples = NULL;
  g_autofree char *title = NULL;
  guint n_classes = 0, n_chosen = 0, n_fit, n_page, drawn = 0, cols, rows;
  double title_size = ns_render_style_px (style, TITLE_SIZE), top, side, caption, gap;
  char names[2][32];

  if (shown != NULL)
    *shown = 0;
  if (why != NULL)
    {
      g_autofree char *text = g_strdup_printf ("Gallery: %s.", why);

      ns_render_image_note (scene, style, x, y, width, height, text);
      return 0;
    }
  probs = ns_experiment_test_predictions (exp, &n_classes, &predicted);
  if (probs == NULL)
    {
      ns_render_image_note (scene, style, x, y, width, height,
                            "Gallery: there are no test images.");
      return 0;
    }
  chosen = ns_render_view_gallery_list (exp, mode, true_class, predicted_class, &n_chosen);

  for (guint k = 0; k < 2; k++)
    {
      int cls = k == 0 ? true_class : predicted_class;

      if (cls >= 0 && (guint) cls < n_classes && data->class_names != NULL)
        g_strlcpy (names[k], data->class_names[cls], sizeof names[k]);
      else
        g_snprintf (names[k], sizeof names[k], "%d", cls);
    }

  /* A page of as many images as fit at a size a projector still shows (the gallery then draws
   * them as large as they fit): about 48 px a side at scale 1 (a 16x16 picture at 32 px was smaller
   * than its caption on a projector), a whole zoom of the image. */
  side = MAX (data->image_height, data->image_width)
         * MAX (1.0, round (ns_render_style_px (style, GALLERY_IMAGE_SIDE)
                            / MAX (data->image_height, data->image_width)));
  caption = ns_render_style_px (style, GALLERY_CAPTION);
  gap = ns_render_style_px (style, 10);
  top = y + title_size * 1.8;
  cols = (guint) MAX (1.0, floor ((width + gap) / (MAX (side, caption) + gap)));
  rows = (guint) MAX (1.0, floor ((height - (top - y) + gap) / (side + caption + gap)));
  n_fit = cols * rows;
  first = n_chosen > 0 ? MIN (first, n_chosen - 1) : 0;
  n_page = MIN (n_fit, n_chosen - first);
  samples = g_new0 (NsGallerySample, MAX (n_page, 1));
  for (guint k = 0; k < n_page; k++)
    {
      guint s = chosen[first + k];

      samples[k] = (NsGallerySample){
        data->test_x + (size_t) s * data->n_inputs, (int) data->test_y[s], predicted[s], (int) s,
        mode == NS_GALLERY_MISTAKES ? probs[(size_t) s * n_classes + predicted[s]] : 0.0
      };
    }
  if (n_page > 0)
    drawn = ns_render_sample_gallery (scene, style, x, top, width, height - (top - y), samples,
                                      n_page, data->image_channels, data->image_height,
                                      data->image_width, class_names (data), n_classes);

  if (mode == NS_GALLERY_CELL)
    title = g_strdup_printf ("Class %s shown as %s: %u test image%s", names[0], names[1], n_chosen,
                             n_chosen == 1 ? "" : "s");
  else if (mode == NS_GALLERY_MISTAKES)
    title = g_strdup_printf ("The %u wrong test images, most confident first", n_chosen);
  else
    title = g_strdup_printf ("Test images %u\u2013%u of %u", drawn > 0 ? first + 1 : 0,
                             first + drawn, n_chosen);
  if (mode != NS_GALLERY_ALL && drawn < n_chosen)
    {
      char *longer = g_strdup_printf ("%s (%u\u2013%u shown)", title, drawn > 0 ? first + 1 : 0,
                                      first + drawn);

      g_free (title);
      title = longer;
    }
  ns_scene_add_text (scene, x, y, title, NS_TEXT_TITLE, title_size, NS_ALIGN_START, NS_ALIGN_START,
                     &style->foreground);
  if (n_chosen == 0)
    ns_render_image_note (scene, style, x, top, width, height - (top - y),
                          mode == NS_GALLERY_MISTAKES ? "No test image is wrong."
                                                      : "No test image is in this cell.");
  if (shown != NULL)
    *shown = drawn;
  return n_chosen;
}

/* As the plane sets' cards (ns-render-data.c), so the picker's rows look alike. */
#define THUMB_RADIUS 4.0
#define THUMB_OUTLINE 1.0
#define THUMB_SELECTED_OUTLINE 2.5
#define THUMB_GRID 2

void
ns_render_image_thumb (NsScene *scene,
                       const NsRenderStyle *style,
                       const NsDataset *data,
                       gboolean selected,
                       double width,
                       double height)
{
  double outline = ns_render_style_px (style, selected ? THUMB_SELECTED_OUTLINE : THUMB_OUTLINE);
  double inset = ns_render_style_px (style, THUMB_SELECTED_OUTLINE + 1), cell, zoom;
  guint picked[THUMB_GRID * THUMB_GRID], n_picked = 0;
  guint ih, iw;

  g_return_if_fail (scene != NULL && style != NULL);

  if (width <= 0 || height <= 0)
    return;
  ns_scene_add_rect (scene, 0, 0, width, height, ns_render_style_px (style, THUMB_RADIUS),
                     &style->background, selected ? &style->accent : &style->outline, outline);
  if (data == NULL || !ns_dataset_is_image (data) || data->n_train == 0)
    return;

  /* The first training image of each class in turn, then whatever comes, so two classes show
   * twice each and ten show four different digits. */
  for (guint round = 0; round < 2 && n_picked < G_N_ELEMENTS (picked); round++)
    for (guint s = 0; s < data->n_train && n_picked < G_N_ELEMENTS (picked); s++)
      {
        gboolean seen = FALSE;

        for (guint k = 0; k < n_picked; k++)
          seen |= picked[k] == s || (round == 0 && data->train_y[picked[k]] == data->train_y[s]);
        if (!seen)
          picked[n_picked++] = s;
      }

  ih = data->image_height;
  iw = data->image_width;
  cell = floor ((MIN (width, height) - 2 * inset) / THUMB_GRID);
  /* Whole pixels when they fit, else the fraction that does (still drawn crisp). */
  zoom = MAX (1.0, floor (cell / MAX (ih, iw)));
  if (zoom * MAX (ih, iw) > cell)
    zoom = cell / MAX (ih, iw);
  for (guint k = 0; k < n_picked; k++)
    {
      double x = round (inset + (k % THUMB_GRID) * cell + (cell - iw * zoom) / 2);
      double y = round (inset + (k / THUMB_GRID) * cell + (cell - ih * zoom) / 2);
      guint32 *pixels = ns_images_add_crisp (scene, x, y, zoom, iw, ih);

      if (pixels != NULL)
        ns_images_fill_picture (style, data->train_x + (size_t) picked[k] * data->n_inputs,
                                data->image_channels, ih, iw, pixels);
    }
}
