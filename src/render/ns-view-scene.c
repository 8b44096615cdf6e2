/* ns-view-scene.c: a view of an experiment as a scene at a given size (see the header). */
#include "ns-view-scene.h"

#include "ns-render-curves.h"
#include "ns-render-gradients.h"
#include "ns-render-image-views.h"
#include "ns-render-images.h"
#include "ns-render-network.h"
#include "ns-render-output.h"
#include "ns-render-race.h"
#include "ns-render-space.h"

void
ns_view_build_scene (NsScene *scene,
                     NsExperiment *exp,
                     NsView view,
                     const NsRenderStyle *style,
                     double width,
                     double height,
                     const NsViewSceneOptions *options)
{
  gboolean show_test = options->show_test;
  gboolean discrete = options->discrete;
  guint sample = options->sample;

  switch (view)
    {
    case NS_VIEW_NETWORK:
      {
        NsNetworkViewData data;

        ns_render_network_prepare (&data, exp, NS_VIEW_SCENE_NETWORK_GRID);
        data.picture_step = NS_VIEW_SCENE_NETWORK_STEP;
        /* controls stays FALSE: a file has no widgets over it, so every caption is drawn. */
        ns_render_network (scene, &data, style, width, height);
      }
      break;

    case NS_VIEW_BOUNDARY:
      {
        NsOutputViewData data;

        ns_render_output_prepare (&data, exp, NS_RENDER_OUTPUT_GRID);
        data.show_test = show_test;
        data.discretize = discrete;
        ns_render_output (scene, &data, style, width, height);
      }
      break;

    case NS_VIEW_LOSS:
      {
        NsCurvesViewData data;
        gboolean classification =
            ns_experiment_get_config (exp)->problem == NS_PROBLEM_CLASSIFICATION;

        ns_render_curves_prepare (&data, exp, classification ? NS_CURVES_BOTH : NS_CURVES_LOSS);
        ns_render_curves (scene, &data, style, width, height);
      }
      break;

    case NS_VIEW_RACE:
      {
        /* SGD, momentum and Adam from the same first weights on the same data, trained as
         * many mini-batches as the experiment was. */
        g_autoptr (GError) error = NULL;
        g_autoptr (NsRace) race = ns_race_new_default (exp, &error);
        NsRaceViewData data;

        if (race == NULL)
          {
            /* Only the render verb draws the race (the window has its own race window). */
            g_printerr ("neuroscope render: %s\n", error->message);
            break;
          }
        ns_race_step (race, ns_experiment_get_step (exp));
        ns_render_race_prepare (&data, race, NS_RENDER_RACE_GRID);
        ns_render_race (scene, &data, style, width, height);
      }
      break;

    case NS_VIEW_SPACE:
      {
        /* Principal axes for a wide last hidden layer, computed once from the trained net. */
        g_auto (NsSpaceAxes) axes = { 0 };
        NsSpaceOptions options = { NS_SPACE_AUTO, { 0, 1 }, &axes };
        NsSpaceViewData data;

        ns_render_space_prepare (&data, scene, exp, &options);
        ns_render_space (scene, &data, style, width, height);
      }
      break;

    case NS_VIEW_GRADIENTS:
      {
        NsGradientsViewData data;

        ns_render_gradients_prepare (&data, exp);
        ns_render_gradients (scene, &data, style, width, height);
      }
      break;

    case NS_VIEW_FILTERS:
    case NS_VIEW_FEATUREMAPS:
    case NS_VIEW_CONFUSION:
      {
        /* A margin as the charts have, so nothing touches the picture's edge. */
        double margin = ns_render_style_px (style, 16);

        ns_render_images_begin (scene, style, width, height);
        if (view == NS_VIEW_FILTERS)
          ns_render_view_filters (scene, exp, style, margin, margin, width - 2 * margin,
                                  height - 2 * margin, -1, -1, NULL, 0);
        else if (view == NS_VIEW_FEATUREMAPS)
          ns_render_view_feature_maps (scene, exp, style, margin, margin, width - 2 * margin,
                                       height - 2 * margin, TRUE, sample);
        else
          ns_render_view_confusion (scene, exp, style, margin, margin, width - 2 * margin,
                                    height - 2 * margin);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}
