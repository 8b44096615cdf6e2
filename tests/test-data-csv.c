/* test-data-csv.c: loading CSV files, their errors, and the shipped datasets. */

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ns-dataset.h"

typedef struct
{
  char *dir; /* a fresh temporary directory per test */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-data-csv-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
}

/* Writes @len bytes of @text (-1: up to its NUL) to @name in the fixture's directory. */
static char *
write_file (Fixture *f, const char *name, const char *text, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);

  return path;
}

static NsDataset *
load (const char *path, gboolean regression, double ratio, guint64 seed, GError **error)
{
  NnRng rng;

  nn_rng_seed (&rng, seed, NN_STREAM_SPLIT);
  return ns_dataset_load_csv (path, regression, ratio, &rng, error);
}

/* Loads @text and expects the error @domain/@code with the message "PATH" + @suffix. */
static void
expect_error (Fixture *f,
              const char *text,
              gssize len,
              gboolean regression,
              GQuark domain,
              int code,
              const char *suffix)
{
  g_autofree char *path = write_file (f, "bad.csv", text, len);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) d = load (path, regression, 0.5, 1, &error);

  g_assert_null (d);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (suffix != NULL)
    {
      g_autofree char *want = g_strconcat (path, suffix, NULL);

      g_assert_cmpstr (error->message, ==, want);
    }
}

/* A row of the file, as found again in the loaded data (raw = x * scale + mean). */
typedef struct
{
  double x[3];
  const char *label;
} Row;

static const Row good_rows[] = {
  { { 1.5, 10, -3 }, "cat" },   { { 2.5, 20, -3 }, "dog" }, { { 3.5, 10, -3 }, "cat" },
  { { 4.5, 40, -3 }, "bird" },  { { 5.5, 10, -3 }, "dog" }, { { 6.5, 60, -3 }, "cat" },
  { { 7.5, 10, -3 }, "bird" },  { { 8.5, 80, -3 }, "cat" }, { { 9.5, 10, -3 }, "dog" },
  { { 0.25, 1e3, -3 }, "cat" },
};

static void
test_good_file (Fixture *f, gconstpointer data)
{
  GString *text = g_string_new ("\xEF\xBB\xBF"
                                "length, weight ,\"constant\",animal\r\n");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) d = NULL;
  gboolean found[G_N_ELEMENTS (good_rows)] = { FALSE };
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (good_rows); i++)
    g_string_append_printf (text, "%g, %g ,%g,%s\r\n", good_rows[i].x[0], good_rows[i].x[1],
                            good_rows[i].x[2], good_rows[i].label);
  path = write_file (f, "animals.csv", text->str, text->len);
  g_string_free (text, TRUE);

  d = load (path, FALSE, 0.6, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);

  g_assert_cmpstr (d->name, ==, "animals.csv");
  g_assert_cmpuint (d->n_inputs, ==, 3);
  g_assert_cmpstr (d->input_names[0], ==, "length");
  g_assert_cmpstr (d->input_names[1], ==, "weight");
  g_assert_cmpstr (d->input_names[2], ==, "constant");
  g_assert_null (d->input_names[3]);
  /* Names, not integers: in order of first appearance. */
  g_assert_cmpuint (d->n_classes, ==, 3);
  g_assert_cmpstr (d->class_names[0], ==, "cat");
  g_assert_cmpstr (d->class_names[1], ==, "dog");
  g_assert_cmpstr (d->class_names[2], ==, "bird");
  g_assert_null (d->class_names[3]);
  g_assert_cmpuint (d->n_train, ==, 6);
  g_assert_cmpuint (d->n_test, ==, 4);

  /* Standardised with the training rows: mean 0, population deviation 1. */
  for (guint c = 0; c < 2; c++)
    {
      double sum = 0, ss = 0;

      for (guint i = 0; i < d->n_train; i++)
        sum += d->train_x[i * 3 + c];
      for (guint i = 0; i < d->n_train; i++)
        ss += (d->train_x[i * 3 + c] - sum / 6) * (d->train_x[i * 3 + c] - sum / 6);
      g_assert_cmpfloat (fabs (sum / 6), <, 1e-6);
      g_assert_cmpfloat (fabs (sqrt (ss / 6) - 1), <, 1e-5);
      g_assert_cmpfloat (d->scale[c], >, 0);
    }
  /* The constant column is only shifted. */
  g_assert_cmpfloat (d->mean[2], ==, -3);
  g_assert_cmpfloat (d->scale[2], ==, 1);

  /* Every row of the file is there once, with its label. */
  for (guint i = 0; i < d->n_train + d->n_test; i++)
    {
      gboolean train = i < d->n_train;
      const float *x = train ? d->train_x + 3 * i : d->test_x + 3 * (i - d->n_train);
      float y = train ? d->train_y[i] : d->test_y[i - d->n_train];
      gboolean matched = FALSE;

      g_assert_cmpfloat (x[2], ==, 0);
      lo = MIN (lo, x[0]);
      hi = MAX (hi, x[0]);
      for (guint r = 0; r < G_N_ELEMENTS (good_rows) && !matched; r++)
        {
          if (found[r])
            continue;
          if (fabs (x[0] * d->scale[0] + d->mean[0] - good_rows[r].x[0]) < 1e-4
              && fabs (x[1] * d->scale[1] + d->mean[1] - good_rows[r].x[1]) < 1e-3)
            {
              g_assert_cmpstr (d->class_names[(guint) y], ==, good_rows[r].label);
              found[r] = matched = TRUE;
            }
        }
      g_assert_true (matched);
    }

  /* The plane: the data's range plus 10% each side. */
  g_assert_cmpfloat_with_epsilon (d->x_min, lo - 0.1 * (hi - lo), 1e-9);
  g_assert_cmpfloat_with_epsilon (d->x_max, hi + 0.1 * (hi - lo), 1e-9);
  g_assert_cmpfloat (d->y_min, <, d->y_max);
}

static void
test_integer_labels (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "ints.csv",
                                      "a,b,label\n"
                                      "1,2,10\n"
                                      "3,4,2\n"
                                      "5,6,-1\n"
                                      "7,8,02\n"
                                      "9,9,10\n"
                                      "\n",
                                      -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) d = load (path, FALSE, 1.0, 5, &error);

  g_assert_no_error (error);
  /* All integers: numerically ordered, "02" is the class "2". */
  g_assert_cmpuint (d->n_classes, ==, 3);
  g_assert_cmpstr (d->class_names[0], ==, "-1");
  g_assert_cmpstr (d->class_names[1], ==, "2");
  g_assert_cmpstr (d->class_names[2], ==, "10");
  g_assert_cmpuint (d->n_train, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      double a = d->train_x[2 * i] * d->scale[0] + d->mean[0];
      float want = fabs (a - 5) < 1e-4 ? 0 : (fabs (a - 3) < 1e-4 || fabs (a - 7) < 1e-4) ? 1 : 2;

      g_assert_cmpfloat (d->train_y[i], ==, want);
    }
}

static void
test_regression (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "reg.csv",
                                      "x,y\n"
                                      "1,0.5\n"
                                      "2,-1.25e1\n"
                                      "3, 7 \n",
                                      -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) d = load (path, TRUE, 0.0, 5, &error);
  double sum = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (d->n_classes, ==, 0);
  g_assert_null (d->class_names);
  g_assert_cmpuint (d->n_train, ==, 0);
  g_assert_cmpuint (d->n_test, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      double x = d->test_x[i] * d->scale[0] + d->mean[0];
      float want = fabs (x - 1) < 1e-4 ? 0.5f : fabs (x - 2) < 1e-4 ? -12.5f : 7.0f;

      g_assert_cmpfloat (d->test_y[i], ==, want);
      sum += d->test_x[i];
    }
  /* No training rows: standardised with all rows instead. */
  g_assert_cmpfloat (fabs (sum), <, 1e-6);
  /* One input column: the plane spans its range on both axes. */
  g_assert_cmpfloat (d->x_min, ==, d->y_min);
  g_assert_cmpfloat (d->x_max, ==, d->y_max);
}

static void
test_quoted_and_spaces (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "q.csv",
                                      "\"first\", \"sec\"\"ond\" ,,\"class\"\n"
                                      " 1 ,\t2,\"3\",\"a b\"\n"
                                      "4,5,6,c\n",
                                      -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) d = load (path, FALSE, 0.5, 5, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (d->input_names[0], ==, "first");
  g_assert_cmpstr (d->input_names[1], ==, "sec\"ond");
  g_assert_cmpstr (d->input_names[2], ==, "column 3");
  g_assert_cmpstr (d->class_names[0], ==, "a b");
  g_assert_cmpstr (d->class_names[1], ==, "c");
}

static void
test_bad_number (Fixture *f, gconstpointer data)
{
  expect_error (f, "a,b,label\n1,2,x\n3,abc,y\n", -1, FALSE, NS_DATA_ERROR,
                NS_DATA_ERROR_BAD_NUMBER, ":3:2: expected a number, got “abc”");
  expect_error (f, "a,b,label\r\n1,2,x\r\n3,4,y\r\n5,,z\r\n", -1, FALSE, NS_DATA_ERROR,
                NS_DATA_ERROR_BAD_NUMBER, ":4:2: expected a number, got an empty cell");
  expect_error (f, "a,b,label\n1,2x,x\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_BAD_NUMBER,
                ":2:2: expected a number, got “2x”");
  expect_error (f, "a,b,label\n1,2,x\n1e39,2,y\n", -1, FALSE, NS_DATA_ERROR,
                NS_DATA_ERROR_BAD_NUMBER, NULL);
  expect_error (f, "a,b,label\nnan,2,x\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_BAD_NUMBER,
                NULL);
  expect_error (f, "a,b,label\n1,-inf,x\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_BAD_NUMBER,
                NULL);
  /* A decimal comma is not ours. */
  expect_error (f, "a;b;label\n1,5;2;x\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY, NULL);
}

static void
test_ragged (Fixture *f, gconstpointer data)
{
  expect_error (f, "a,b,c,d,label\n1,2,3,4,x\n1,2,3,x\n", -1, FALSE, NS_DATA_ERROR,
                NS_DATA_ERROR_RAGGED_ROW, ":3: expected 5 cells as in the header, got 4");
  expect_error (f, "a,label\n1,x\n2,y,\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_RAGGED_ROW,
                ":3: expected 2 cells as in the header, got 3");
  /* An empty line is fine at the end, not between rows. */
  expect_error (f, "a,label\n1,x\n\n2,y\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_RAGGED_ROW,
                ":3: expected 2 cells as in the header, got an empty line");
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  expect_error (f, "", 0, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                ": empty file, expected a header row");
  expect_error (f, "\xEF\xBB\xBF\r\n\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                ": empty file, expected a header row");
  expect_error (f, "a,b,label\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                ": no data rows after the header");
  expect_error (f, "a,b,label", -1, TRUE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                ": no data rows after the header");
  expect_error (f, "a,b,label\r\n\r\n\r\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                ": no data rows after the header");
  expect_error (f, "\na,label\n1,x\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY,
                ":1: expected a header row, got an empty line");
  /* A file without its header would lose its first row: refused. */
  expect_error (f, "1,2,0\n3,4,1\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY, NULL);
  /* A label and no inputs. */
  expect_error (f, "label\nx\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_EMPTY, NULL);
}

static void
test_missing_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "nope.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) d = load (path, FALSE, 0.5, 1, &error);

  g_assert_null (d);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_bad_labels (Fixture *f, gconstpointer data)
{
  GString *many = g_string_new ("x,label\n");

  expect_error (f, "a,b,value\n1,2,0.5\n3,4,setosa\n", -1, TRUE, NS_DATA_ERROR,
                NS_DATA_ERROR_BAD_LABEL,
                ":3:3: expected a number as the label of a regression, got “setosa”");
  expect_error (f, "a,b,label\n1,2,x\n3,4,\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_BAD_LABEL,
                ":3:3: expected a class label, got an empty cell");
  expect_error (f, "a,b,label\n1,2,x\n3,4,x\n", -1, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_BAD_LABEL,
                ": every row has the label “x”; classification needs at least two classes");

  /* 17 distinct labels: classification takes 16. */
  for (guint i = 0; i < 17; i++)
    g_string_append_printf (many, "%u,%u.5\n", i, i);
  expect_error (f, many->str, many->len, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_BAD_LABEL, NULL);
  g_string_free (many, TRUE);
}

static void
test_not_text (Fixture *f, gconstpointer data)
{
  expect_error (f, "a,label\n1,caf\xe9\n2,x\n", -1, FALSE, G_CONVERT_ERROR,
                G_CONVERT_ERROR_ILLEGAL_SEQUENCE, NULL);
  expect_error (f, "a,label\n1,x\n2\0,y\n", 16, FALSE, G_CONVERT_ERROR,
                G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                ":3: not UTF-8 text (save the file as UTF-8 CSV)");
}

static void
test_too_large (Fixture *f, gconstpointer data)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 4097; i++)
    g_string_append_printf (text, "c%u,", i);
  g_string_append (text, "label\n");
  expect_error (f, text->str, text->len, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_TOO_LARGE,
                ":1: the header has 4098 columns; at most 4096 are accepted");

  g_string_assign (text, "x,label\n");
  for (guint i = 0; i < 1000001; i++)
    g_string_append (text, i % 2 ? "1,a\n" : "2,b\n");
  expect_error (f, text->str, text->len, FALSE, NS_DATA_ERROR, NS_DATA_ERROR_TOO_LARGE,
                ":1000002: more than 1000000 rows; at most 1000000 are accepted");
  g_string_free (text, TRUE);
}

static void
test_determinism (Fixture *f, gconstpointer data)
{
  GString *text = g_string_new ("u,v,label\n");
  g_autofree char *path = NULL;
  g_autoptr (NsDataset) a = NULL;
  g_autoptr (NsDataset) b = NULL;
  g_autoptr (NsDataset) c = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "%u,%g,%s\n", i, i * 0.25 - 7, i % 3 ? "p" : "q");
  path = write_file (f, "det.csv", text->str, text->len);
  g_string_free (text, TRUE);

  a = load (path, FALSE, 0.5, 77, NULL);
  b = load (path, FALSE, 0.5, 77, NULL);
  c = load (path, FALSE, 0.5, 78, NULL);
  g_assert_cmpuint (a->n_train, ==, 100);
  g_assert_cmpmem (a->train_x, 200 * sizeof (float), b->train_x, 200 * sizeof (float));
  g_assert_cmpmem (a->test_y, 100 * sizeof (float), b->test_y, 100 * sizeof (float));
  g_assert_cmpmem (a->mean, 2 * sizeof (double), b->mean, 2 * sizeof (double));
  g_assert_true (memcmp (a->train_x, c->train_x, 200 * sizeof (float)) != 0);
  /* Another split, other training statistics. */
  g_assert_cmpfloat (a->mean[0], !=, c->mean[0]);
}

static char *
shipped (const char *name)
{
  const char *root = g_getenv ("NEUROSCOPE_DATADIR");

  g_assert_nonnull (root);
  return g_build_filename (root, "datasets", name, NULL);
}

static void
test_iris (void)
{
  g_autofree char *path = shipped ("iris.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) d = load (path, FALSE, 0.5, 1, &error);
  guint per[3] = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (d->n_train + d->n_test, ==, 150);
  g_assert_cmpuint (d->n_train, ==, 75);
  g_assert_cmpuint (d->n_inputs, ==, 4);
  g_assert_cmpstr (d->input_names[0], ==, "sepal_length");
  g_assert_cmpstr (d->input_names[3], ==, "petal_width");
  g_assert_cmpuint (d->n_classes, ==, 3);
  g_assert_cmpstr (d->class_names[0], ==, "setosa");
  g_assert_cmpstr (d->class_names[1], ==, "versicolor");
  g_assert_cmpstr (d->class_names[2], ==, "virginica");
  for (guint i = 0; i < d->n_train; i++)
    per[(guint) d->train_y[i]]++;
  for (guint i = 0; i < d->n_test; i++)
    per[(guint) d->test_y[i]]++;
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (per[c], ==, 50);
  /* Sepal lengths are 4.3 .. 7.9 cm. */
  g_assert_cmpfloat (d->mean[0], >, 5.0);
  g_assert_cmpfloat (d->mean[0], <, 6.7);
  g_assert_cmpfloat (d->x_min * d->scale[0] + d->mean[0], <, 4.3);
  g_assert_cmpfloat (d->x_max * d->scale[0] + d->mean[0], >, 7.9);
}

static void
test_digits (void)
{
  g_autofree char *path = shipped ("digits.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (NsDataset) d = load (path, FALSE, 0.8, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (d->n_train + d->n_test, ==, 1797);
  g_assert_cmpuint (d->n_inputs, ==, 64);
  g_assert_cmpstr (d->input_names[63], ==, "p63");
  g_assert_cmpuint (d->n_classes, ==, 10);
  for (guint c = 0; c < 10; c++)
    {
      g_autofree char *want = g_strdup_printf ("%u", c);

      g_assert_cmpstr (d->class_names[c], ==, want);
    }
  /* The corner pixel p0 is always 0: a constant column, kept as it is. */
  g_assert_cmpfloat (d->mean[0], ==, 0);
  g_assert_cmpfloat (d->scale[0], ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/data/csv/good-file", test_good_file);
  ADD ("/data/csv/integer-labels", test_integer_labels);
  ADD ("/data/csv/regression", test_regression);
  ADD ("/data/csv/quoted-and-spaces", test_quoted_and_spaces);
  ADD ("/data/csv/bad-number", test_bad_number);
  ADD ("/data/csv/ragged", test_ragged);
  ADD ("/data/csv/empty", test_empty);
  ADD ("/data/csv/missing-file", test_missing_file);
  ADD ("/data/csv/bad-labels", test_bad_labels);
  ADD ("/data/csv/not-text", test_not_text);
  ADD ("/data/csv/too-large", test_too_large);
  ADD ("/data/csv/determinism", test_determinism);
#undef ADD
  g_test_add_func ("/data/csv/iris", test_iris);
  g_test_add_func ("/data/csv/digits", test_digits);

  return g_test_run ();
}
