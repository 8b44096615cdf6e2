/* test-experiment-images.c: what the image views read from an experiment: the confusion
 * matrix against the test accuracy, a sample's feature maps against a hand computation, the
 * filters against the engine's weights, the mistakes and the most exciting images in order, and
 * that none of it disturbs training. */
#include <math.h>
#include <string.h>

#include "ns-experiment-images.h"
#include "ns-test-experiment.h"

/* A small conv net on digits, trained a little so it makes some mistakes and some right
 * answers. */
static NsExperiment *
trained_digits (void)
{
  NsExperiment *exp =
      make_experiment ("dataset", "digits", "hidden", "c4k3,p2,8", "activation", "relu",
                       "optimizer", "adam", "lr", "0.01", "batch", "32", NULL);

  ns_experiment_step (exp, 12);
  return exp;
}

/* The counts add up to the test set and their diagonal's share is the accuracy the experiment
 * reports, bit for bit (both are right answers / test images in double). */
static void
check_confusion_matches_accuracy (NsExperiment *exp)
{
  const NsDataset *data = ns_experiment_get_dataset (exp);
  NsHistoryEntry entry;
  guint n_classes, total = 0, diagonal = 0;
  g_autofree guint *counts = ns_experiment_confusion (exp, &n_classes);

  g_assert_nonnull (counts);
  g_assert_cmpuint (n_classes, ==, data->n_classes);
  for (guint t = 0; t < n_classes; t++)
    {
      guint row = 0, expected_row = 0;

      for (guint p = 0; p < n_classes; p++)
        row += counts[t * n_classes + p];
      for (guint s = 0; s < data->n_test; s++)
        expected_row += (guint) data->test_y[s] == t;
      /* Each row holds exactly that class's test images. */
      g_assert_cmpuint (row, ==, expected_row);
      total += row;
      diagonal += counts[t * n_classes + t];
    }
  g_assert_cmpuint (total, ==, data->n_test);
  ns_experiment_evaluate (exp, &entry);
  g_assert_cmpfloat (entry.test_accuracy, ==, (double) diagonal / (double) total);
}

static void
test_confusion_digits (void)
{
  g_autoptr (NsExperiment) exp = trained_digits ();

  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_test, ==, 360);
  check_confusion_matches_accuracy (exp);
}

/* Two classes: one sigmoid output, class 1 when it is >= 0.5, as the accuracy counts. */
static void
test_confusion_apples (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "apples", "count", "200", "hidden", "c2k3,p2", NULL);
  guint n_classes;
  g_autofree guint *counts = NULL;

  ns_experiment_step (exp, 3);
  check_confusion_matches_accuracy (exp);
  counts = ns_experiment_confusion (exp, &n_classes);
  g_assert_cmpuint (n_classes, ==, 2);
}

static void
test_confusion_regression (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "reg-plane", "count", "40", NULL);
  guint n_classes = 7;

  g_assert_null (ns_experiment_confusion (exp, &n_classes));
  g_assert_cmpuint (n_classes, ==, 0);
}

/* The feature maps worked by hand from the weights: conv pixel (c, y, x) is relu (b + the 3x3
 * window's weighted sum, zero outside), and a pooled pixel the max of its 2x2 conv pixels. */
static void
test_sample_view_by_hand (void)
{
  g_autoptr (NsExperiment) exp = trained_digits ();
  const NnNet *net = ns_experiment_get_net (exp);
  const NsDataset *data = ns_experiment_get_dataset (exp);
  g_autoptr (NsSampleView) view = ns_experiment_sample_view (exp, TRUE, 7);
  const float *img;
  float sum = 0.0f;
  int best = 0;

  g_assert_nonnull (view);
  g_assert_null (ns_experiment_sample_view (exp, TRUE, data->n_test));
  g_assert_cmpint (view->label, ==, (int) data->test_y[7]);
  img = data->test_x + 7 * data->n_inputs;
  g_assert_cmpmem (view->image, sizeof (float) * 64, img, sizeof (float) * 64);

  g_assert_cmpuint (view->n_maps, ==, 2);
  g_assert_cmpuint (view->map_layer[0], ==, 0);
  g_assert_cmpuint (view->map_shape[0].channels, ==, 4);
  g_assert_cmpuint (view->map_shape[0].height, ==, 8);
  g_assert_cmpuint (view->map_shape[1].channels, ==, 4);
  g_assert_cmpuint (view->map_shape[1].height, ==, 4);
  g_assert_cmpuint (view->map_shape[1].width, ==, 4);
  for (guint c = 0; c < 4; c++)
    for (int y = 0; y < 8; y++)
      for (int x = 0; x < 8; x++)
        {
          double z = nn_net_bias (net, 0, c);

          for (int ky = 0; ky < 3; ky++)
            for (int kx = 0; kx < 3; kx++)
              {
                int iy = y + ky - 1, ix = x + kx - 1;

                if (iy >= 0 && iy < 8 && ix >= 0 && ix < 8)
                  z += nn_net_conv_weight (net, 0, c, 0, ky, kx) * img[iy * 8 + ix];
              }
          g_assert_cmpfloat_with_epsilon (view->maps[0][(c * 8 + y) * 8 + x], MAX (z, 0.0), 1e-5);
        }
  for (guint c = 0; c < 4; c++)
    for (guint y = 0; y < 4; y++)
      for (guint x = 0; x < 4; x++)
        {
          const float *conv = view->maps[0] + c * 64;
          float m = MAX (MAX (conv[2 * y * 8 + 2 * x], conv[2 * y * 8 + 2 * x + 1]),
                         MAX (conv[(2 * y + 1) * 8 + 2 * x], conv[(2 * y + 1) * 8 + 2 * x + 1]));

          g_assert_cmpfloat (view->maps[1][(c * 4 + y) * 4 + x], ==, m);
        }

  g_assert_cmpuint (view->n_classes, ==, 10);
  for (guint k = 0; k < 10; k++)
    {
      sum += view->probabilities[k];
      if (view->probabilities[k] > view->probabilities[best])
        best = (int) k;
    }
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-5);
  g_assert_cmpint (view->predicted, ==, best);
}

/* Reading never touches the trainer's kept activations or the weights: the run goes on bit
 * for bit as one that read nothing. */
static void
test_reading_disturbs_nothing (void)
{
  g_autoptr (NsExperiment) exp = trained_digits ();
  g_autoptr (NsExperiment) twin = trained_digits ();
  const NnNet *net = ns_experiment_get_net (exp);
  size_t kept = nn_net_n_units (net) * net->batch_cap;
  g_autofree float *acts = g_memdup2 (net->acts, sizeof (float) * kept);
  guint n, idx[5];
  g_autofree guint *counts = ns_experiment_confusion (exp, &n);
  g_autoptr (NsSampleView) view = ns_experiment_sample_view (exp, FALSE, 3);

  ns_experiment_confident_mistakes (exp, 5, idx, NULL, NULL);
  ns_experiment_top_exciting (exp, 0, 1, 5, idx, NULL);
  g_assert_cmpmem (net->acts, sizeof (float) * kept, acts, sizeof (float) * kept);
  ns_experiment_step (exp, 3);
  ns_experiment_step (twin, 3);
  g_assert_true (same_params (ns_experiment_get_net (exp), ns_experiment_get_net (twin)));
}

static void
test_filters (void)
{
  g_autoptr (NsExperiment) exp = trained_digits ();
  g_autoptr (NsExperiment) dense = make_experiment ("dataset", "digits", "hidden", "6", NULL);
  const NnNet *net = ns_experiment_get_net (exp);
  guint c_out, c_in, k, n_neurons, n_inputs;
  g_autofree float *filters = ns_experiment_conv_filters (exp, 0, &c_out, &c_in, &k);
  g_autofree float *weights = NULL;

  g_assert_nonnull (filters);
  g_assert_cmpuint (c_out, ==, 4);
  g_assert_cmpuint (c_in, ==, 1);
  g_assert_cmpuint (k, ==, 3);
  for (guint o = 0; o < c_out; o++)
    for (guint ky = 0; ky < k; ky++)
      for (guint kx = 0; kx < k; kx++)
        g_assert_cmpfloat (filters[(o * k + ky) * k + kx], ==,
                           nn_net_conv_weight (net, 0, o, 0, ky, kx));
  /* The pool layer and a dense layer have no kernels; a conv first layer is not dense. */
  g_assert_null (ns_experiment_conv_filters (exp, 1, &c_out, &c_in, &k));
  g_assert_null (ns_experiment_conv_filters (exp, 2, &c_out, &c_in, &k));
  g_assert_null (ns_experiment_dense_weights (exp, &n_neurons, &n_inputs));

  weights = ns_experiment_dense_weights (dense, &n_neurons, &n_inputs);
  g_assert_nonnull (weights);
  g_assert_cmpuint (n_neurons, ==, 6);
  g_assert_cmpuint (n_inputs, ==, 64);
  for (guint j = 0; j < n_neurons; j++)
    for (guint i = 0; i < n_inputs; i++)
      g_assert_cmpfloat (weights[j * n_inputs + i], ==,
                         nn_net_weight (ns_experiment_get_net (dense), 0, j, i));
}

/* Every wrong test image, most confident first, each truly wrong with its class's
 * probability. */
static void
test_confident_mistakes (void)
{
  g_autoptr (NsExperiment) exp = trained_digits ();
  const NsDataset *data = ns_experiment_get_dataset (exp);
  guint n_classes, n_wrong = 0, got;
  g_autofree guint *counts = ns_experiment_confusion (exp, &n_classes);
  g_autofree guint *indices = g_new (guint, data->n_test);
  g_autofree int *predicted = g_new (int, data->n_test);
  g_autofree float *confidence = g_new (float, data->n_test);

  for (guint t = 0; t < n_classes; t++)
    for (guint p = 0; p < n_classes; p++)
      n_wrong += t != p ? counts[t * n_classes + p] : 0;
  g_assert_cmpuint (n_wrong, >, 3);
  got = ns_experiment_confident_mistakes (exp, data->n_test, indices, predicted, confidence);
  g_assert_cmpuint (got, ==, n_wrong);
  g_assert_cmpuint (ns_experiment_confident_mistakes (exp, 3, NULL, NULL, NULL), ==, 3);
  for (guint r = 0; r < got; r++)
    {
      g_autoptr (NsSampleView) view = ns_experiment_sample_view (exp, TRUE, indices[r]);

      g_assert_cmpint (predicted[r], !=, view->label);
      g_assert_cmpint (predicted[r], ==, view->predicted);
      g_assert_cmpfloat (confidence[r], ==, view->probabilities[predicted[r]]);
      if (r > 0)
        g_assert_cmpfloat (confidence[r], <=, confidence[r - 1]);
    }
}

/* The most exciting training image of a conv channel is the one whose map has the largest
 * pixel: checked against every training image's sample view. */
static void
test_top_exciting (void)
{
  g_autoptr (NsExperiment) exp = trained_digits ();
  const NsDataset *data = ns_experiment_get_dataset (exp);
  guint indices[4];
  float values[4];
  float best = -INFINITY;
  guint best_index = 0;

  g_assert_cmpuint (ns_experiment_top_exciting (exp, 0, 2, 4, indices, values), ==, 4);
  for (guint r = 1; r < 4; r++)
    g_assert_cmpfloat (values[r], <=, values[r - 1]);
  for (guint s = 0; s < data->n_train; s++)
    {
      g_autoptr (NsSampleView) view = ns_experiment_sample_view (exp, FALSE, s);
      float m = -INFINITY;

      for (guint p = 0; p < 64; p++)
        m = MAX (m, view->maps[0][2 * 64 + p]);
      if (m > best)
        {
          best = m;
          best_index = s;
        }
    }
  g_assert_cmpuint (indices[0], ==, best_index);
  g_assert_cmpfloat (values[0], ==, best);
  /* A dense neuron too; no such channel or layer: nothing. */
  g_assert_cmpuint (ns_experiment_top_exciting (exp, 2, 7, 4, indices, NULL), ==, 4);
  g_assert_cmpuint (ns_experiment_top_exciting (exp, 0, 4, 4, indices, NULL), ==, 0);
  g_assert_cmpuint (ns_experiment_top_exciting (exp, 9, 0, 4, indices, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/experiment-images/confusion/digits", test_confusion_digits);
  g_test_add_func ("/experiment-images/confusion/apples", test_confusion_apples);
  g_test_add_func ("/experiment-images/confusion/regression", test_confusion_regression);
  g_test_add_func ("/experiment-images/sample-view/by-hand", test_sample_view_by_hand);
  g_test_add_func ("/experiment-images/reading-disturbs-nothing", test_reading_disturbs_nothing);
  g_test_add_func ("/experiment-images/filters", test_filters);
  g_test_add_func ("/experiment-images/confident-mistakes", test_confident_mistakes);
  g_test_add_func ("/experiment-images/top-exciting", test_top_exciting);
  return g_test_run ();
}
