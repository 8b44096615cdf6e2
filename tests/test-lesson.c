/* test-lesson.c: the lesson reader: fields and line numbers, prose as escaped Pango markup,
 * every kind of error with its file and line, cumulative setups, points and weights. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ns-file.h"
#include "ns-lesson.h"

#define FRONT "---\nid: t\ntitle: T\norder: 1\nsummary: S\n---\n" /* lines 1-6 */

/* Well-formed markup, as Pango's parser needs it. */
static void
assert_markup_parses (const char *markup)
{
  g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", markup);
  g_autoptr (GError) error = NULL;
  GMarkupParser parser = { 0 };
  GMarkupParseContext *context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  gboolean ok = g_markup_parse_context_parse (context, wrapped, -1, &error)
                && g_markup_parse_context_end_parse (context, &error);

  g_markup_parse_context_free (context);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static NsLesson *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  NsLesson *lesson = ns_lesson_parse (text, -1, "t.md", &error);

  g_assert_no_error (error);
  g_assert_nonnull (lesson);
  return lesson;
}

static void
test_fields (void)
{
  g_autoptr (NsLesson) lesson = parse_ok ("---\n"                                     /* 1 */
                                          "id: first-neuron\n"                        /* 2 */
                                          "title: One neuron: a line\n"               /* 3 */
                                          "order: 2\n"                                /* 4 */
                                          "requires: learning-from-feedback, other\n" /* 5 */
                                          "summary: It splits the plane.\n"           /* 6 */
                                          "---\n"                                     /* 7 */
                                          "\n"                                        /* 8 */
                                          "The introduction.\n"                       /* 9 */
                                          "\n"                                        /* 10 */
                                          "## First *step*\n"                         /* 11 */
                                          "\n"                                        /* 12 */
                                          "Some prose.\n"                             /* 13 */
                                          "\n"                                        /* 14 */
                                          "```setup\n"                                /* 15 */
                                          "--dataset gauss --hidden none\n"           /* 16 */
                                          "--lr 0.1\n"                                /* 17 */
                                          "```\n"                                     /* 18 */
                                          "\n"                                        /* 19 */
                                          "```goal\n"                                 /* 20 */
                                          "test_accuracy >= 0.95\n"                   /* 21 */
                                          "```\n"                                     /* 22 */
                                          "```hint\n"                                 /* 23 */
                                          "  One sentence.\n"                         /* 24 */
                                          "```\n"                                     /* 25 */
                                          "```solution\n"                             /* 26 */
                                          "--lr 0.3\n"                                /* 27 */
                                          "```\n"                                     /* 28 */
                                          "```budget\n"                               /* 29 */
                                          "30\n"                                      /* 30 */
                                          "```\n"                                     /* 31 */
                                          "```hide\n"                                 /* 32 */
                                          "data, features\n"                          /* 33 */
                                          "layers\n"                                  /* 34 */
                                          "```\n"                                     /* 35 */
                                          "```look\n"                                 /* 36 */
                                          "boundary\n"                                /* 37 */
                                          "```\n"                                     /* 38 */
                                          "\n"                                        /* 39 */
                                          "More prose.\n"                             /* 40 */
                                          "\n"                                        /* 41 */
                                          "## Second\n"                               /* 42 */
                                          "\n"                                        /* 43 */
                                          "    indented code\n"                       /* 44 */
                                          "\n"                                        /* 45 */
                                          "```goal\n"                                 /* 46 */
                                          "phase == backward\n"                       /* 47 */
                                          "```\n");
  const NsLessonStep *first, *second;

  g_assert_cmpstr (lesson->path, ==, "t.md");
  g_assert_cmpstr (lesson->id, ==, "first-neuron");
  g_assert_cmpstr (lesson->title, ==, "One neuron: a line");
  g_assert_cmpint (lesson->order, ==, 2);
  g_assert_cmpuint (g_strv_length (lesson->requires), ==, 2);
  g_assert_cmpstr (lesson->requires[0], ==, "learning-from-feedback");
  g_assert_cmpstr (lesson->requires[1], ==, "other");
  g_assert_cmpstr (lesson->summary, ==, "It splits the plane.");
  g_assert_cmpstr (lesson->intro_markup, ==, "The introduction.");
  g_assert_cmpuint (lesson->steps->len, ==, 2);

  first = lesson->steps->pdata[0];
  g_assert_cmpstr (first->title, ==, "First step");
  g_assert_cmpuint (first->line, ==, 11);
  g_assert_cmpstr (first->markup, ==, "Some prose.\n\nMore prose.");
  g_assert_cmpstr (first->setup, ==, "--dataset gauss --hidden none\n--lr 0.1");
  g_assert_cmpuint (first->setup_line, ==, 16);
  g_assert_cmpstr (first->goal_text, ==, "test_accuracy >= 0.95");
  g_assert_cmpuint (first->goal_line, ==, 21);
  g_assert_nonnull (first->goal);
  g_assert_false (ns_goal_is_interactive (first->goal));
  g_assert_cmpstr (first->hint, ==, "One sentence.");
  g_assert_cmpstr (first->solution, ==, "--lr 0.3");
  g_assert_cmpuint (first->solution_line, ==, 27);
  g_assert_cmpuint (first->budget, ==, 30);
  g_assert_cmpuint (g_strv_length (first->hide), ==, 3);
  g_assert_cmpstr (first->hide[2], ==, "layers");
  g_assert_cmpstr (first->look, ==, "boundary");

  second = lesson->steps->pdata[1];
  g_assert_cmpuint (second->line, ==, 42);
  g_assert_cmpstr (second->markup, ==, "<tt>indented code</tt>");
  g_assert_null (second->setup);
  g_assert_null (second->hint);
  g_assert_null (second->hide);
  g_assert_null (second->look);
  g_assert_cmpuint (second->budget, ==, NS_LESSON_DEFAULT_BUDGET);
  g_assert_true (ns_goal_is_interactive (second->goal));
  g_assert_true (ns_lesson_step_has_setup (lesson, 0));
  g_assert_false (ns_lesson_step_has_setup (lesson, 1));
}

static void
test_markup (void)
{
  g_autoptr (NsLesson) lesson =
      parse_ok (FRONT "## S\n\n"
                      "If a < b & c > d, *emph* and **strong** and `x<y>&z` and "
                      "[a link](https://example.org/?a=1&b=\"2\").\nSoft break.  \nHard break.\n\n"
                      "- one\n- two <b>not bold</b>\n  - nested\n\n"
                      "3. three\n4. four\n\n"
                      "<div>html & co</div>\n");
  const NsLessonStep *step = lesson->steps->pdata[0];

  g_assert_cmpstr (
      step->markup, ==,
      "If a &lt; b &amp; c &gt; d, <i>emph</i> and <b>strong</b> and "
      "<tt>x&lt;y&gt;&amp;z</tt> and "
      "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">a link</a>. Soft break.\n"
      "Hard break.\n\n"
      "• one\n• two &lt;b&gt;not bold&lt;/b&gt;\n    • nested\n\n"
      "3. three\n4. four\n\n"
      "&lt;div&gt;html &amp; co&lt;/div&gt;");
  /* Whatever the text, the markup parses. */
  assert_markup_parses (step->markup);
}

/* @error is NS_LESSON_ERROR @code, its message starting with @expected. */
static void
assert_lesson_error (const GError *error, NsLessonError code, const char *expected)
{
  g_assert_error (error, NS_LESSON_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("message “%s”, expected it to start “%s”", error->message, expected);
}

/* Nesting no lesson needs is cut, never a crash: the markup stays well formed. */
static void
test_deep_nesting (void)
{
  g_autoptr (GString) text = g_string_new (FRONT "## S\n\n");
  g_autoptr (NsLesson) lesson = NULL;
  const NsLessonStep *step;

  for (guint k = 0; k < 2000; k++)
    g_string_append (text, ">");
  g_string_append (text, " quoted\n\n");
  for (guint k = 0; k < 200; k++)
    g_string_append_printf (text, "%*s- item\n", 2 * k, "");
  g_string_append (text, "\n");
  for (guint k = 0; k < 500; k++)
    g_string_append (text, "*a [b ");
  g_string_append (text, "\n");
  lesson = parse_ok (text->str);
  step = lesson->steps->pdata[0];
  assert_markup_parses (step->markup);
  g_assert_nonnull (strstr (step->markup, "• item"));
}

static void
assert_error (const char *text, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (NsLesson) lesson = ns_lesson_parse (text, -1, "dir/t.md", &error);

  g_assert_null (lesson);
  assert_lesson_error (error, NS_LESSON_ERROR_PARSE, expected);
}

static void
test_errors (void)
{
  assert_error ("", "dir/t.md:1: expected a front block");
  assert_error ("# Title\n", "dir/t.md:1: expected a front block");
  assert_error ("---\nid: t\ntitle: T\norder: 1\n---\n## S\n",
                "dir/t.md:5: missing key “summary” in the front block");
  assert_error ("---\nid: t\ntitle: T\ncolour: red\n", "dir/t.md:4: unknown key “colour”");
  assert_error ("---\nid: t\nid: u\n", "dir/t.md:3: repeated key “id”");
  assert_error ("---\nid: t\ntitle T\n", "dir/t.md:3: expected “key: value”");
  assert_error ("---\nid: T_1\n", "dir/t.md:2: id: “T_1”: expected lower-case");
  assert_error ("---\nid: t\norder: first\n",
                "dir/t.md:3: order: “first”: expected a whole number");
  assert_error ("---\nid: t\n", "dir/t.md:2: expected “---” to close");
  assert_error (FRONT "\nNo steps.\n", "dir/t.md:8: expected at least one step");
  assert_error (FRONT "```goal\nepoch > 1\n```\n## S\n",
                "dir/t.md:7: a goal block before the first step");
  assert_error (FRONT "## S\n\n```python\nprint()\n```\n",
                "dir/t.md:9: unknown block “python”: expected setup, goal");
  assert_error (FRONT "## S\n\n```\nno kind\n```\n", "dir/t.md:9: unknown block “”");
  assert_error (FRONT "## S\n```hint\na\n```\n```hint\nb\n```\n",
                "dir/t.md:11: repeated block “hint”");
  assert_error (FRONT "## S\n```budget\nmany\n```\n",
                "dir/t.md:9: budget: “many”: expected a whole");
  assert_error (FRONT "## S\n```budget\n0\n```\n", "dir/t.md:9: budget: “0”");
  assert_error (FRONT "## S\n```setup\n--lr 0.1\n--frob 3\n```\n",
                "dir/t.md:10: --frob: no such experiment option");
  assert_error (FRONT "## S\n```setup\n--dataset nosuchset\n```\n",
                "dir/t.md:9: --dataset: “nosuchset” is not allowed: expected one of");
  assert_error (FRONT "## S\n```setup\n--lr\n```\n", "dir/t.md:9: --lr: expected a value");
  assert_error (FRONT "## S\n```setup\nlr 0.1\n```\n", "dir/t.md:9: “lr”: expected an option");
  assert_error (FRONT "## S\n```setup\n--epochs -1\n```\n", "dir/t.md:9: --epochs: “-1”");
  assert_error (FRONT "## S\n```setup\npoints 1 2 0; 3 4\n```\n",
                "dir/t.md:9: points: “3 4”: expected X1 X2 CLASS");
  assert_error (FRONT "## S\n```setup\npoints 1 x 0\n```\n",
                "dir/t.md:9: points: “x”: expected a number");
  assert_error (FRONT "## S\n```setup\npoints 1 2 99\n```\n",
                "dir/t.md:9: points: “99”: expected a class");
  assert_error (FRONT "## S\n```setup\nclasses ball\n```\n", "dir/t.md:9: classes: expected 2 to");
  assert_error (FRONT "## S\n```setup\nweight 0 0 x 1\n```\n", "dir/t.md:9: weight: “x”");
  /* A later step's setup is checked on top of the earlier ones. */
  assert_error (FRONT
                "## A\n```setup\n--hidden 3\n```\n## B\n```setup\n--activation relu,tanh\n```\n",
                "dir/t.md:13: --activation");
  assert_error (FRONT "## S\n```solution\n--noise 2\n```\n", "dir/t.md:9: --noise");
  assert_error (FRONT "## S\n```goal\ntest_accuracy >=\n```\n",
                "dir/t.md:9: goal: column 17: expected a number");
  assert_error (FRONT "## S\n```goal\nepoch > 1 &&\ntest_acc > 1\n```\n",
                "dir/t.md:10: goal: column 1: unknown name “test_acc”");
  assert_error (FRONT "## S\n```hide\ndata, nothing\n```\n",
                "dir/t.md:9: hide: unknown name “nothing”");
  assert_error (FRONT "## S\n```look\nnowhere\n```\n", "dir/t.md:9: look: unknown name “nowhere”");
  assert_error (FRONT "## S\n```look\nloss network\n```\n", "dir/t.md:9: look: expected one view");
  assert_error (FRONT "##\n", "dir/t.md:7: expected a step title");
  assert_error ("---\nid: t\n\xff\n", "dir/t.md:3: expected UTF-8");
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (ns_lesson_load ("/nonexistent/lesson.md", &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

/* CRLF line ends and a byte-order mark read as LF and nothing; requires may be empty. */
static void
test_crlf (void)
{
  g_autoptr (NsLesson) lesson =
      parse_ok ("\xef\xbb\xbf---\r\nid: t\r\ntitle: T\r\norder: -3\r\nrequires:\r\nsummary: S\r\n"
                "---\r\n\r\n## Step\r\n\r\n```goal\r\nepoch >= 0\r\n```\r\n");
  const NsLessonStep *step = lesson->steps->pdata[0];

  g_assert_cmpint (lesson->order, ==, -3);
  g_assert_nonnull (lesson->requires);
  g_assert_null (lesson->requires[0]);
  g_assert_null (lesson->intro_markup);
  g_assert_cmpstr (step->title, ==, "Step");
  g_assert_cmpuint (step->line, ==, 9);
  g_assert_cmpuint (step->goal_line, ==, 12);
  g_assert_cmpstr (step->goal_text, ==, "epoch >= 0");
}

static void
test_cumulative (void)
{
  g_autoptr (NsLesson) lesson =
      parse_ok (FRONT "## A\n```setup\n--dataset xor --lr 0.1\n# a comment\n```\n"
                      "## B\n```setup\n--hidden 3 --activation=relu\n```\n"
                      "## C\n```solution\n--lr 0.5 --l2 0.01\n```\n");
  g_auto (NsConfig) config = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (ns_lesson_step_config (lesson, 0, FALSE, &config, &error));
  g_assert_cmpint (config.dataset, ==, NS_DATASET_XOR);
  g_assert_cmpuint (config.n_layers, ==, 2); /* the default 4,2 */
  g_assert_cmpfloat (config.trainer.learning_rate, ==, 0.1f);

  g_assert_true (ns_lesson_step_config (lesson, 2, FALSE, &config, &error));
  g_assert_cmpint (config.dataset, ==, NS_DATASET_XOR);
  g_assert_cmpuint (config.n_layers, ==, 1);
  g_assert_cmpuint (config.layers[0].units, ==, 3);
  g_assert_cmpint (config.layers[0].act, ==, NN_ACT_RELU);
  g_assert_cmpfloat (config.trainer.learning_rate, ==, 0.1f);
  g_assert_cmpint (config.trainer.regularization, ==, NN_REG_NONE);

  g_assert_true (ns_lesson_step_config (lesson, 2, TRUE, &config, &error));
  g_assert_cmpfloat (config.trainer.learning_rate, ==, 0.5f);
  g_assert_cmpint (config.trainer.regularization, ==, NN_REG_L2);
  g_assert_no_error (error);

  g_assert_false (ns_lesson_step_has_setup (lesson, 2));
}

static void
test_points_and_weights (void)
{
  g_autoptr (NsLesson) lesson =
      parse_ok (FRONT "## A\n```setup\n--hidden none --lr 0.1\n"
                      "points 1 1 0; 2 2.5 0; -1 -1 1\npoints -2 -3 1;\n"
                      "test-points 0.5 0.5 0; -0.5 -0.5 1\nclasses ball,apple\n"
                      "weight 0 0 0 1.5\nweight 0 0 bias -0.25\n```\n"
                      "## B\n```setup\n--epochs 2\n```\n"
                      "## C\n```setup\n--dataset circle\n```\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = ns_lesson_step_experiment (lesson, 0, FALSE, &error);
  const NsDataset *data;
  const NnNet *net;

  g_assert_no_error (error);
  data = ns_experiment_get_dataset (exp);
  g_assert_cmpuint (data->n_train, ==, 4);
  g_assert_cmpuint (data->n_test, ==, 2);
  g_assert_cmpfloat (data->train_x[2], ==, 2.0f);
  g_assert_cmpfloat (data->train_x[3], ==, 2.5f);
  g_assert_cmpfloat (data->train_y[3], ==, 1.0f);
  g_assert_cmpfloat (data->test_x[0], ==, 0.5f);
  g_assert_cmpuint (data->n_classes, ==, 2);
  g_assert_cmpstr (data->class_names[0], ==, "ball");
  g_assert_cmpstr (data->class_names[1], ==, "apple");
  net = ns_experiment_get_net (exp);
  g_assert_cmpfloat (nn_net_weight (net, 0, 0, 0), ==, 1.5f);
  g_assert_cmpfloat (nn_net_bias (net, 0, 0), ==, -0.25f);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 0);
  g_clear_object (&exp);

  /* Step B keeps A's points and weights, and trains its own --epochs. */
  exp = ns_lesson_step_experiment (lesson, 1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, 4);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 2);
  g_clear_object (&exp);

  /* Step C's new dataset drops the points; A's --epochs does not carry over either. */
  exp = ns_lesson_step_experiment (lesson, 2, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_train, ==, 250);
  g_assert_cmpuint (ns_experiment_get_epoch (exp), ==, 0);
}

static void
assert_setup_error (const char *text, const char *expected)
{
  g_autoptr (NsLesson) lesson = parse_ok (text);
  g_autoptr (GError) error = NULL;
  g_autoptr (NsExperiment) exp = ns_lesson_step_experiment (lesson, 0, FALSE, &error);

  g_assert_null (exp);
  assert_lesson_error (error, NS_LESSON_ERROR_SETUP, expected);
}

static void
test_setup_errors (void)
{
  assert_setup_error (FRONT "## A\n```setup\n--hidden none\nweight 1 0 0 1\n```\n",
                      "t.md:10: weight 1: expected a dense layer from 0 to 0");
  assert_setup_error (FRONT "## A\n```setup\nweight 0 4 0 1\n```\n",
                      "t.md:9: weight 0 4: expected a neuron from 0 to 3");
  assert_setup_error (FRONT "## A\n```setup\nweight 0 0 2 1\n```\n",
                      "t.md:9: weight 0 0 2: expected an input from 0 to 1 or bias");
  assert_setup_error (FRONT "## A\n```setup\n--dataset reg-plane\npoints 1 1 0\n```\n",
                      "t.md:10: points: expected a generated 2D dataset");
  assert_setup_error (FRONT "## A\n```setup\ntest-points 1 1 0\n```\n",
                      "t.md:9: test-points: expected points");
  assert_setup_error (FRONT "## A\n```setup\nclasses a,b\npoints 1 1 2\n```\n",
                      "t.md:10: point 1: class 2: expected a class index from 0 to 1");
  assert_setup_error (FRONT "## A\n```setup\n--data missing-file.csv\n```\n", "t.md:9: ");
}

/* A setup's relative --data is found beside the lesson, wherever the check runs from. */
static void
test_relative_data (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lesson-data-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "points.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "lesson.md", NULL);
  g_autoptr (GString) rows = g_string_new ("a,b,label\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (NsLesson) lesson = NULL;
  g_autoptr (NsExperiment) exp = NULL;

  for (guint k = 0; k < 40; k++)
    g_string_append_printf (rows, "%u,%u,%s\n", k, k % 7, k % 2 ? "odd" : "even");
  g_assert_true (g_file_set_contents (csv, rows->str, -1, NULL));
  g_assert_true (
      g_file_set_contents (path, FRONT "## S\n```setup\n--data points.csv\n```\n", -1, NULL));
  lesson = ns_lesson_load (path, &error);
  g_assert_no_error (error);
  exp = ns_lesson_step_experiment (lesson, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ns_experiment_get_config (exp)->data_path, ==, csv);
  g_assert_cmpuint (ns_experiment_get_dataset (exp)->n_classes, ==, 2);
  g_remove (csv);
  g_remove (path);
  g_rmdir (dir);
}

/* The built-in folder: $NEUROSCOPE_LESSONS_DIR first; its lessons sorted by order, a bad file
 * named in the errors while the others load. */
static void
test_builtin (void)
{
  g_autofree char *fixtures = g_test_build_filename (G_TEST_DIST, "data", "lessons-pass", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("lessons-XXXXXX", NULL);
  g_autofree char *tmp_data = g_dir_make_tmp ("data-XXXXXX", NULL);
  g_autofree char *tmp_lessons = g_build_filename (tmp_data, "lessons", NULL);
  g_autofree char *saved_data_dir = g_strdup (g_getenv ("NEUROSCOPE_DATADIR"));
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) lessons = NULL;
  g_autofree char *fixture = g_build_filename (fixtures, "01-pass.md", NULL);
  static const char *const names[] = { "03-c.md", "01-a.md", "02-bad.md", "README.md" };
  static const char *const texts[] = {
    "---\nid: c\ntitle: C\norder: 1\nsummary: S\n---\n## S\n",
    "---\nid: a\ntitle: A\norder: 5\nsummary: S\n---\n## S\n",
    "---\nid: bad\n",
    "Not a lesson.\n",
  };

  g_setenv ("NEUROSCOPE_LESSONS_DIR", fixtures, TRUE);
  g_assert_cmpstr (ns_lesson_builtin_dir (), ==, fixtures);
  lessons = ns_lesson_load_builtin (errors);
  g_assert_cmpuint (lessons->len, ==, 1);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpstr (((NsLesson *) lessons->pdata[0])->id, ==, "check-pass");
  g_assert_cmpstr (((NsLesson *) lessons->pdata[0])->path, ==, fixture);
  g_clear_pointer (&lessons, g_ptr_array_unref);

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *path = g_build_filename (tmp, names[k], NULL);
      g_assert_true (g_file_set_contents (path, texts[k], -1, NULL));
    }
  g_setenv ("NEUROSCOPE_LESSONS_DIR", tmp, TRUE);
  lessons = ns_lesson_load_builtin (errors);
  g_assert_cmpuint (lessons->len, ==, 2);
  g_assert_cmpstr (((NsLesson *) lessons->pdata[0])->id, ==, "c"); /* order 1 before 5 */
  g_assert_cmpstr (((NsLesson *) lessons->pdata[1])->id, ==, "a");
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_true (g_str_has_suffix (errors->pdata[0], "02-bad.md:2: expected “---” to close the "
                                                     "front block"));
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *path = g_build_filename (tmp, names[k], NULL);
      g_remove (path);
    }
  g_rmdir (tmp);

  /* Unset: the installed data's lessons/ when it exists, else the source tree's. */
  g_unsetenv ("NEUROSCOPE_LESSONS_DIR");
  {
    g_autofree char *installed = g_build_filename (ns_file_data_dir (), "lessons", NULL);

    g_assert_cmpstr (ns_lesson_builtin_dir (), ==,
                     g_file_test (installed, G_FILE_TEST_IS_DIR) ? installed
                                                                 : NS_SOURCE_LESSONS_DIR);
  }
  /* $NEUROSCOPE_DATADIR names the installed data's folder. */
  g_assert_cmpint (g_mkdir (tmp_lessons, 0700), ==, 0);
  g_setenv ("NEUROSCOPE_DATADIR", tmp_data, TRUE);
  g_assert_cmpstr (ns_file_data_dir (), ==, tmp_data);
  g_assert_cmpstr (ns_lesson_builtin_dir (), ==, tmp_lessons);
  g_rmdir (tmp_lessons);
  g_assert_cmpstr (ns_lesson_builtin_dir (), ==, NS_SOURCE_LESSONS_DIR);
  g_rmdir (tmp_data);
  if (saved_data_dir != NULL)
    g_setenv ("NEUROSCOPE_DATADIR", saved_data_dir, TRUE);
  else
    g_unsetenv ("NEUROSCOPE_DATADIR");
}

/* Every file of @dir (the fuzzer's seeds and crashes): a lesson whose goals and step configs
 * parse or fail cleanly, or a refusal naming the file. As tests/fuzz/fuzz-lesson.c checks. */
static void
replay_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize length;
      g_autoptr (GError) error = NULL;
      g_autoptr (NsLesson) lesson = NULL;

      g_test_message ("%s", path);
      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      lesson = ns_lesson_parse (text, (gssize) length, path, &error);
      if (lesson == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, path));
          count++;
          continue;
        }
      g_assert_cmpuint (lesson->steps->len, >, 0);
      for (guint i = 0; i < lesson->steps->len; i++)
        {
          const NsLessonStep *step = g_ptr_array_index (lesson->steps, i);
          g_auto (NsConfig) config = { 0 };

          if (step->goal_text != NULL)
            {
              g_autoptr (NsGoal) goal = ns_goal_parse (step->goal_text, &error);

              g_assert_true (goal != NULL || error != NULL);
              g_clear_error (&error);
            }
          ns_config_init_default (&config);
          if (!ns_lesson_step_config (lesson, i, TRUE, &config, &error))
            {
              g_assert_true (g_str_has_prefix (error->message, path));
              g_clear_error (&error);
            }
        }
      count++;
    }
  g_test_message ("%u files from %s", count, dir);
}

static void
test_fuzz_corpus (void)
{
  g_autofree char *seeds = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-lesson", NULL);
  g_autofree char *crashes = g_test_build_filename (G_TEST_DIST, "fuzz", "crashes-lesson", NULL);

  g_assert_true (g_file_test (seeds, G_FILE_TEST_IS_DIR));
  replay_dir (seeds);
  replay_dir (crashes);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lesson/fields", test_fields);
  g_test_add_func ("/lesson/markup", test_markup);
  g_test_add_func ("/lesson/deep-nesting", test_deep_nesting);
  g_test_add_func ("/lesson/errors", test_errors);
  g_test_add_func ("/lesson/crlf", test_crlf);
  g_test_add_func ("/lesson/cumulative", test_cumulative);
  g_test_add_func ("/lesson/points-and-weights", test_points_and_weights);
  g_test_add_func ("/lesson/setup-errors", test_setup_errors);
  g_test_add_func ("/lesson/relative-data", test_relative_data);
  g_test_add_func ("/lesson/builtin", test_builtin);
  g_test_add_func ("/lesson/fuzz-corpus", test_fuzz_corpus);

  return g_test_run ();
}
