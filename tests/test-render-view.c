/* test-render-view.c: the one table of views: names, titles, the charts of the right column. */
#include "config.h"

#include <glib.h>

#include "ns-view.h"

static void
test_names (void)
{
  g_autofree char *names = ns_view_list_names ();
  NsView view = NS_VIEW_RACE;

  g_assert_cmpstr (
      names, ==,
      "network, boundary, loss, gradients, space, race, filters, featuremaps or confusion");
  for (NsView v = 0; v < NS_N_VIEWS; v++)
    {
      const NsViewInfo *info = ns_view_get_info (v);
      NsView back;

      g_assert_nonnull (info->name);
      g_assert_nonnull (info->title);
      g_assert_nonnull (info->noun);
      g_assert_true (ns_view_from_name (info->name, &back));
      g_assert_cmpint (back, ==, v);
      /* A chart has its button's label and tooltip; the others have neither. */
      g_assert_cmpint (info->mnemonic != NULL, ==, info->tooltip != NULL);
    }
  g_assert_false (ns_view_from_name ("compare", &view));
  g_assert_false (ns_view_from_name (NULL, &view));
  g_assert_false (ns_view_from_name ("Loss", &view));
  g_assert_cmpint (view, ==, NS_VIEW_RACE); /* untouched */
}

static void
test_charts (void)
{
  guint n = 0;

  g_assert_true (ns_view_is_chart (NS_VIEW_LOSS));
  g_assert_true (ns_view_is_chart (NS_VIEW_GRADIENTS));
  g_assert_true (ns_view_is_chart (NS_VIEW_SPACE));
  g_assert_false (ns_view_is_chart (NS_VIEW_NETWORK));
  g_assert_false (ns_view_is_chart (NS_VIEW_RACE));
  g_assert_false (ns_view_is_chart (NS_N_VIEWS));
  for (NsView v = 0; v < NS_N_VIEWS; v++)
    n += ns_view_is_chart (v);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (ns_view_get_info (NS_VIEW_LOSS)->title, ==, "Loss curves");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/view/names", test_names);
  g_test_add_func ("/render/view/charts", test_charts);

  return g_test_run ();
}
