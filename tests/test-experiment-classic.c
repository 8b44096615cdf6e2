/* test-experiment-classic.c: the classic model on an experiment's own split, one image through
 * either model, drawn images and adding them to the training set. */
#include "config.h"

#include <math.h>

#include "ns-experiment-classic.h"
#include "ns-hand-features.h"
#include "ns-test-experiment.h"

/* The model ns-classic makes from the same rows, scored the same way. */
static double
direct_accuracy (const NsDataset *data, const NsClassicChoice *choice)
{
  guint c = data->image_channels, h = data->image_height, w = data->image_width;
  guint dim = choice->on_pixels ? c * h * w : ns_hand_features_dim (choice->features, c, h, w);
  g_autofree float *train = g_new (float, (gsize) data->n_train *dim);
  g_autofree float *test = g_new (float, (gsize) data->n_test *dim);
  g_autoptr (NsClassic) model = NULL;
  g_autoptr (GError) error = NULL;
  NsClassicParams params;

  if (choice->on_pixels)
    {
      memcpy (train, data->train_x, sizeof (float) * data->n_train * dim);
      memcpy (test, data->test_x, sizeof (float) * data->n_test * dim);
    }
  else
    {
      g_assert_true (ns_hand_features_compute (choice->features, data->train_x, data->n_train, c, h,
                                               w, train, &error));
      g_assert_true (ns_hand_features_compute (choice->features, data->test_x, data->n_test, c, h,
                                               w, test, &error));
    }
  ns_classic_params_init (&params);
  params.k = choice->k;
  model = ns_classic_train (choice->kind, &params, train, data->train_y, data->n_train, dim,
                            data->n_classes, &error);
  g_assert_no_error (error);
  return ns_classic_accuracy (model, test, data->test_y, data->n_test);
}

static void
test_digits_split (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "digits", "hidden", "16", NULL);
  const NsDataset *data = ns_experiment_get_dataset (exp);
  NsClassicChoice choice;
  static const struct
  {
    guint features;
    gboolean on_pixels;
    NsClassicKind kind;
    double at_least;
  } cases[] = {
    { 1u << NS_HAND_ZONES, FALSE, NS_CLASSIC_LOGREG, 0.9 },
    { NS_HAND_FEATURES_DIGITS, FALSE, NS_CLASSIC_LOGREG, 0.95 },
    { 0, TRUE, NS_CLASSIC_LOGREG, 0.95 },
    { 0, TRUE, NS_CLASSIC_KNN, 0.97 },
  };

  ns_classic_choice_init (&choice, data);
  g_assert_cmpuint (choice.features, ==, NS_HAND_FEATURES_DIGITS);
  g_assert_false (choice.on_pixels);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (NsExperimentClassic) classic = NULL;
      g_autoptr (GError) error = NULL;
      double direct;

      choice.features = cases[k].features;
      choice.on_pixels = cases[k].on_pixels;
      choice.kind = cases[k].kind;
      classic = ns_experiment_classic_train (exp, &choice, &error);
      g_assert_no_error (error);
      /* The same split as the network: its training and test rows. */
      g_assert_cmpuint (classic->n_train, ==, data->n_train);
      g_assert_cmpuint (classic->n_test, ==, data->n_test);
      g_assert_cmpuint (classic->n_test, ==, 360);
      direct = direct_accuracy (data, &choice);
      g_test_message ("case %u: %.4f (ns-classic on the same rows: %.4f)", k,
                      classic->test_accuracy, direct);
      g_assert_cmpfloat (classic->test_accuracy, ==, direct);
      g_assert_cmpfloat (classic->test_accuracy, >=, cases[k].at_least);

      /* One image gives the class the scoring counted. */
      {
        float prob[10];
        guint cls = ns_experiment_classic_predict (classic, data->test_x, prob);
        double sum = 0;

        for (guint j = 0; j < 10; j++)
          sum += prob[j];
        g_assert_cmpfloat (fabs (sum - 1), <, 1e-4);
        for (guint j = 0; j < 10; j++)
          g_assert_cmpfloat (prob[j], <=, prob[cls]);
      }
    }
}

static void
test_no_features (void)
{
  g_autoptr (NsExperiment) digits = make_experiment ("dataset", "digits", NULL);
  g_autoptr (NsExperiment) plane = make_experiment ("dataset", "circle", NULL);
  g_autoptr (GError) error = NULL;
  NsClassicChoice choice;

  ns_classic_choice_init (&choice, ns_experiment_get_dataset (digits));
  choice.features = 0;
  g_assert_null (ns_experiment_classic_train (digits, &choice, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  /* Colour needs three channels. */
  choice.features = 1u << NS_HAND_COLOUR;
  g_assert_null (ns_experiment_classic_train (digits, &choice, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  ns_classic_choice_init (&choice, ns_experiment_get_dataset (digits));
  g_assert_null (ns_experiment_classic_train (plane, &choice, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

static void
test_predict_image (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "digits", "hidden", "c4k3,p2,16",
                                                  "optimizer", "adam", "lr", "0.01", NULL);
  const NsDataset *data;
  const NnNet *net;
  g_autofree float *acts_before = NULL;
  size_t acts_len;
  guint right = 0;

  ns_experiment_train_epochs (exp, 2);
  data = ns_experiment_get_dataset (exp);
  net = ns_experiment_get_net (exp);
  acts_len = nn_net_n_units (net) * net->batch_cap;
  acts_before = g_memdup2 (net->acts, sizeof (float) * acts_len);

  for (guint s = 0; s < data->n_test; s++)
    {
      float prob[10];
      double sum = 0;
      guint cls = ns_experiment_predict_image (exp, data->test_x + (gsize) s * 64, prob);

      for (guint j = 0; j < 10; j++)
        sum += prob[j];
      g_assert_cmpfloat (fabs (sum - 1), <, 1e-4);
      right += cls == (guint) data->test_y[s];
    }
  /* The network's own test accuracy, counted one image at a time. */
  g_assert_cmpfloat (
      fabs ((double) right / data->n_test - ns_experiment_get_current (exp)->test_accuracy), <,
      1e-9);
  /* Every unit, the conv layer's feature maps first: the last rows are the probabilities. */
  {
    g_autofree float *units = ns_experiment_image_units (exp, data->test_x);
    float prob[10];
    size_t n_units = nn_net_n_units (net);
    NnShape out;

    g_assert_nonnull (units);
    ns_experiment_predict_image (exp, data->test_x, prob);
    g_assert_cmpmem (units + n_units - 10, sizeof prob, prob, sizeof prob);
    g_assert_cmpint (nn_net_layer_shape (net, 0, NULL, &out), ==, NN_OK);
    g_assert_cmpuint (out.channels * out.height * out.width, ==, 4 * 8 * 8);
    g_assert_cmpuint (nn_net_unit_index (net, 0, 0), ==, 0);
  }
  /* The trainer's kept activations are untouched. */
  g_assert_cmpuint (nn_net_n_units (net) * net->batch_cap, ==, acts_len);
  g_assert_cmpmem (net->acts, sizeof (float) * acts_len, acts_before, sizeof (float) * acts_len);
}

static void
test_predict_two_classes (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "apples", "count", "200", "hidden", "8", NULL);
  const NsDataset *data = ns_experiment_get_dataset (exp);
  float prob[2];
  guint cls = ns_experiment_predict_image (exp, data->test_x, prob);

  g_assert_cmpfloat (fabs (prob[0] + prob[1] - 1), <, 1e-6);
  g_assert_cmpuint (cls, ==, prob[1] > prob[0] ? 1 : 0);
}

static void
test_add_image (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "digits", "hidden", "16", NULL);
  const NsDataset *data = ns_experiment_get_dataset (exp);
  guint n_train = data->n_train;
  guint64 version = ns_experiment_get_version (exp);
  float image[64];

  for (guint i = 0; i < 64; i++)
    image[i] = (i % 8 == 4) ? 1.0f : 0.0f; /* a "1" */

  /* In the middle of an epoch, as the window's trainer would be. */
  ns_experiment_step (exp, 3);
  g_assert_true (ns_experiment_add_image (exp, image, 1));
  data = ns_experiment_get_dataset (exp);
  g_assert_cmpuint (data->n_train, ==, n_train + 1);
  g_assert_cmpfloat (data->train_y[n_train], ==, 1.0f);
  g_assert_cmpmem (data->train_x + (gsize) n_train * 64, sizeof image, image, sizeof image);
  g_assert_cmpuint (ns_experiment_get_version (exp), >, version);
  /* Training goes on, through the epoch's end and the next one that holds the new image. */
  ns_experiment_train_epochs (exp, 2);
  g_assert_false (ns_experiment_get_diverged (exp));

  /* Not a class: nothing added. */
  g_assert_false (ns_experiment_add_image (exp, image, 10));
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, n_train + 1);
}

static void
test_add_image_plane (void)
{
  g_autoptr (NsExperiment) exp = make_experiment ("dataset", "circle", NULL);
  float xy[2] = { 0, 0 };
  guint n_train = ns_experiment_get_dataset (exp)->n_train;

  g_assert_false (ns_experiment_add_image (exp, xy, 0));
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, n_train);
}

static void
test_drawing (void)
{
  enum
  {
    PAD = 32
  };
  float pad[PAD * PAD] = { 0 };
  float image[64];
  const float ink = 1.0f;
  double mass = 0, mx = 0, my = 0;
  guint top = 8, bottom = 0;

  /* A short vertical stroke in the pad's top-left corner. */
  ns_drawing_brush (pad, 1, PAD, PAD, &ink, 2.0, 6, 3, 6, 13);
  g_assert_cmpfloat (pad[8 * PAD + 6], ==, 1.0f);  /* on the stroke */
  g_assert_cmpfloat (pad[8 * PAD + 30], ==, 0.0f); /* far from it */
  g_assert_cmpfloat (pad[8 * PAD + 8], >, 0.0f);   /* the soft edge */
  g_assert_cmpfloat (pad[8 * PAD + 8], <, 1.0f);

  /* As the digits were made: centred and as tall as the image. */
  ns_drawing_to_image (pad, 1, PAD, PAD, TRUE, image, 1, 8, 8);
  for (guint y = 0; y < 8; y++)
    for (guint x = 0; x < 8; x++)
      {
        float v = image[y * 8 + x];

        g_assert_cmpfloat (v, >=, 0.0f);
        g_assert_cmpfloat (v, <=, 1.0f);
        mass += v;
        mx += v * (x + 0.5);
        my += v * (y + 0.5);
        if (v > 0.2f)
          {
            top = MIN (top, y);
            bottom = MAX (bottom, y + 1);
          }
      }
  g_assert_cmpfloat (mass, >, 0);
  g_assert_cmpfloat (fabs (mx / mass - 4), <, 0.3);
  g_assert_cmpfloat (fabs (my / mass - 4), <, 0.3);
  g_assert_cmpuint (bottom - top, >=, 6);

  /* Without centring, where it was drawn. */
  ns_drawing_to_image (pad, 1, PAD, PAD, FALSE, image, 1, 8, 8);
  g_assert_cmpfloat (image[1 * 8 + 1], >, 0.3f);
  g_assert_cmpfloat (image[4 * 8 + 4], ==, 0.0f);

  /* An empty pad is an empty image. */
  memset (pad, 0, sizeof pad);
  ns_drawing_to_image (pad, 1, PAD, PAD, TRUE, image, 1, 8, 8);
  for (guint i = 0; i < 64; i++)
    g_assert_cmpfloat (image[i], ==, 0.0f);
}

static void
test_drawing_colour (void)
{
  enum
  {
    PAD = 64
  };
  g_autofree float *pad = g_new0 (float, 3 * PAD * PAD);
  float image[3 * 16 * 16];
  const float red[3] = { 0.9f, 0.1f, 0.1f };

  ns_drawing_brush (pad, 3, PAD, PAD, red, 10, 32, 32, 32, 32);
  ns_drawing_to_image (pad, 3, PAD, PAD, FALSE, image, 3, 16, 16);
  /* The middle block is the brush's colour, a corner block the background. */
  g_assert_cmpfloat (fabs (image[(0 * 16 + 8) * 16 + 8] - 0.9f), <, 1e-5);
  g_assert_cmpfloat (fabs (image[(1 * 16 + 8) * 16 + 8] - 0.1f), <, 1e-5);
  g_assert_cmpfloat (image[(0 * 16 + 0) * 16 + 0], ==, 0.0f);
}

/* The split as a copy a worker reads: the same model, bit for bit, as on the experiment's own
 * data, through every block (digits: 1,437 training images, blocks of 256), and the copy stays
 * as it was while the experiment's data grows. */
static void
test_split_copy (void)
{
  g_autoptr (NsExperiment) digits = make_experiment ("dataset", "digits", "hidden", "16", NULL);
  g_autoptr (NsExperiment) apples =
      make_experiment ("dataset", "apples", "count", "700", "hidden", "8", NULL);
  NsExperiment *experiments[] = { digits, apples };

  for (guint e = 0; e < G_N_ELEMENTS (experiments); e++)
    {
      const NsDataset *data = ns_experiment_get_dataset (experiments[e]);
      NsDataset *copy = ns_dataset_copy (data);
      guint n_train = data->n_train;
      NsClassicChoice choice;

      g_assert_cmpuint (n_train, >, 256);
      ns_classic_choice_init (&choice, data);
      for (guint k = 0; k < 3; k++)
        {
          g_autoptr (NsExperimentClassic) own = NULL;
          g_autoptr (NsExperimentClassic) copied = NULL;
          g_autoptr (GError) error = NULL;

          choice.on_pixels = k == 2;
          choice.kind = k == 1 || k == 2 ? NS_CLASSIC_KNN : NS_CLASSIC_LOGREG;
          own = ns_experiment_classic_train (experiments[e], &choice, &error);
          g_assert_no_error (error);
          copied = ns_experiment_classic_train_split (copy, &choice, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (copied->n_train, ==, n_train);
          g_assert_cmpuint (copied->n_inputs, ==, own->n_inputs);
          g_assert_cmpfloat (copied->train_accuracy, ==, own->train_accuracy);
          g_assert_cmpfloat (copied->test_accuracy, ==, own->test_accuracy);
          g_assert_cmpfloat (copied->test_accuracy, >, 0.5);
          for (guint s = 0; s < 20; s++)
            {
              float p_own[NS_MAX_CLASSES], p_copied[NS_MAX_CLASSES];
              const float *image = data->test_x + (gsize) s * data->n_inputs;

              g_assert_cmpuint (ns_experiment_classic_predict (own, image, p_own), ==,
                                ns_experiment_classic_predict (copied, image, p_copied));
              g_assert_cmpmem (p_own, sizeof (float) * data->n_classes, p_copied,
                               sizeof (float) * data->n_classes);
            }
        }

      /* The experiment's data grows; the copy a worker reads does not. */
      g_assert_true (ns_experiment_add_image (experiments[e], data->test_x, 1));
      g_assert_cmpuint (ns_experiment_get_dataset (experiments[e])->n_train, ==, n_train + 1);
      {
        g_autoptr (NsExperimentClassic) copied =
            ns_experiment_classic_train_split (copy, &choice, NULL, NULL);

        g_assert_cmpuint (copied->n_train, ==, n_train);
      }
      ns_dataset_free (copy);
    }
}

typedef struct
{
  const NsDataset *data;
  NsClassicChoice choice;
  GCancellable *cancellable;
  NsExperimentClassic *classic;
  GError *error;
} Worker;

static gpointer
worker_run (gpointer user_data)
{
  Worker *worker = user_data;

  worker->classic = ns_experiment_classic_train_split (worker->data, &worker->choice,
                                                       worker->cancellable, &worker->error);
  return NULL;
}

/* Cancelled before it starts, or while it runs in another thread: no model, and
 * G_IO_ERROR_CANCELLED, soon (kNN on the pixels of 4,000 apples would take seconds). */
static void
test_split_cancel (void)
{
  g_autoptr (NsExperiment) exp =
      make_experiment ("dataset", "apples", "count", "4000", "hidden", "8", NULL);
  const NsDataset *data = ns_experiment_get_dataset (exp);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  NsClassicChoice choice;

  ns_classic_choice_init (&choice, data);
  g_cancellable_cancel (cancellable);
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr (GError) error = NULL;

      choice.on_pixels = k == 2;
      choice.kind = k == 1 ? NS_CLASSIC_KNN : NS_CLASSIC_LOGREG;
      g_assert_null (ns_experiment_classic_train_split (data, &choice, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }

  {
    Worker worker = { data, choice, g_cancellable_new (), NULL, NULL };
    GThread *thread;
    gint64 cancelled_at;

    worker.choice.on_pixels = TRUE;
    worker.choice.kind = NS_CLASSIC_KNN;
    thread = g_thread_new ("classic", worker_run, &worker);
    g_usleep (50000);
    cancelled_at = g_get_monotonic_time ();
    g_cancellable_cancel (worker.cancellable);
    g_thread_join (thread);
    g_test_message ("stopped %.3f s after the cancel",
                    (g_get_monotonic_time () - cancelled_at) / 1e6);
    g_assert_null (worker.classic);
    g_assert_error (worker.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&worker.error);
    g_object_unref (worker.cancellable);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment-classic/digits-split", test_digits_split);
  g_test_add_func ("/experiment-classic/no-features", test_no_features);
  g_test_add_func ("/experiment-classic/split-copy", test_split_copy);
  g_test_add_func ("/experiment-classic/split-cancel", test_split_cancel);
  g_test_add_func ("/experiment-classic/predict-image", test_predict_image);
  g_test_add_func ("/experiment-classic/predict-two-classes", test_predict_two_classes);
  g_test_add_func ("/experiment-classic/add-image", test_add_image);
  g_test_add_func ("/experiment-classic/add-image-plane", test_add_image_plane);
  g_test_add_func ("/experiment-classic/drawing", test_drawing);
  g_test_add_func ("/experiment-classic/drawing-colour", test_drawing_colour);

  return g_test_run ();
}
