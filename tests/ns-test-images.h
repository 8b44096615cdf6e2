/* ns-test-images.h: made-up images and the checks every image picture passes, for the image
 * render tests that share them (test-render-images.c, test-render-compare-images.c). */
#pragma once

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ns-colormap.h"
#include "ns-render-compare.h"
#include "ns-render-style.h"
#include "ns-scene-cairo.h"
#include "ns-scene.h"

#define WIDTH 1024
#define HEIGHT 768

static G_GNUC_UNUSED const char *const digit_names[] = { "0", "1", "2", "3", "4",
                                                         "5", "6", "7", "8", "9" };

/* ---- made-up data ---- */

/* An 8x8 "digit": a ring for even classes, a slanted bar for odd ones, in 0..1. */
static G_GNUC_UNUSED void
make_digit (float *values, guint label, guint variant)
{
  for (guint y = 0; y < 8; y++)
    for (guint x = 0; x < 8; x++)
      {
        double dx = x - 3.5, dy = y - 3.5, v;

        if (label % 2 == 0)
          v = 1.0 - fabs (sqrt (dx * dx + dy * dy) - 2.2 - 0.1 * label) / 1.2;
        else
          v = 1.0 - fabs (dx - 0.3 * dy + 0.2 * (double) variant - 0.1 * label) / 1.3;
        values[y * 8 + x] = (float) CLAMP (v, 0.0, 1.0);
      }
}

/* A 16x16 RGB "apple" (red disc on pale ground, a brown stem) or "ball" (a striped disc). */
static G_GNUC_UNUSED void
make_apple_or_ball (float *values, gboolean apple, guint variant)
{
  const size_t plane = 16 * 16;

  for (guint y = 0; y < 16; y++)
    for (guint x = 0; x < 16; x++)
      {
        double dx = x - 7.5, dy = y - 8.5, r = sqrt (dx * dx + dy * dy);
        float cr = 0.85f, cg = 0.88f, cb = 0.8f - 0.05f * variant;

        if (r < 6)
          {
            if (apple)
              {
                cr = 0.8f - 0.04f * variant;
                cg = 0.1f + 0.1f * variant;
                cb = 0.1f;
              }
            else
              {
                gboolean stripe = ((int) floor ((y + 0.5 * x) / 3)) % 2 == 0;

                cr = stripe ? 0.1f : 0.95f;
                cg = stripe ? 0.3f + 0.1f * variant : 0.9f;
                cb = stripe ? 0.8f : 0.2f;
              }
          }
        if (apple && x == 8 && y >= 1 && y <= 3)
          {
            cr = 0.35f;
            cg = 0.22f;
            cb = 0.1f;
          }
        values[y * 16 + x] = cr;
        values[plane + y * 16 + x] = cg;
        values[2 * plane + y * 16 + x] = cb;
      }
}

/* Weights that look like edge detectors: a gradient in direction o plus some noise. */
static G_GNUC_UNUSED float *
make_kernels (guint c_out, guint c_in, guint k)
{
  float *w = g_new (float, (size_t) c_out *c_in *k *k);
  guint32 state = 12345;

  for (guint o = 0; o < c_out; o++)
    for (guint i = 0; i < c_in; i++)
      for (guint y = 0; y < k; y++)
        for (guint x = 0; x < k; x++)
          {
            double angle = o * G_PI / c_out + i * 0.7;
            double v = cos (angle) * (x - (k - 1) / 2.0) + sin (angle) * (y - (k - 1) / 2.0);

            state = state * 1664525u + 1013904223u;
            w[(((size_t) o * c_in + i) * k + y) * k + x] =
                (float) (0.3 * v + 0.1 * ((state >> 8) / 16777216.0 - 0.5));
          }
  return w;
}

static G_GNUC_UNUSED const char *const models[] = { "mlp", "cnn", "logreg_pixels",
                                                    "logreg_features", "knn_features" };
static G_GNUC_UNUSED const double fractions[] = { 0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.0 };

/* 5 models x 7 fractions x 3 seeds of made-up accuracies (hand features level off). */
static G_GNUC_UNUSED guint
make_rows (NsScalingRow *rows, guint max_fractions)
{
  guint n = 0;

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint f = 0; f < MIN (max_fractions, G_N_ELEMENTS (fractions)); f++)
      for (guint s = 0; s < 3; s++)
        {
          guint samples = (guint) round (fractions[f] * 1437);
          double ceiling = m >= 3 ? 0.9 : 0.985;

          rows[n++] = (NsScalingRow){ models[m], fractions[f], s, samples,
                                      ceiling - (ceiling - 0.55) * exp (-(double) samples / 150.0)
                                          + 0.01 * (s - 1.0) * (1 + m) };
        }
  return n;
}

/* ---- checks every picture passes ---- */

/* Every primitive inside (x, y, w, h) (with a pixel of slack for outlines), every image crisp
 * and enlarged by a whole number when it is at least its own size. */
static G_GNUC_UNUSED void
check_inside_and_crisp (const NsScene *scene, double x, double y, double w, double h)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE)
        {
          const NsImage *image = &prim->image;
          double zx = image->width / image->pixel_width;

          g_assert_cmpfloat (image->x, >=, x - 1);
          g_assert_cmpfloat (image->y, >=, y - 1);
          g_assert_cmpfloat (image->x + image->width, <=, x + w + 1);
          g_assert_cmpfloat (image->y + image->height, <=, y + h + 1);
          if (image->pixel_height > 1) /* colour bars are smooth on purpose */
            {
              g_assert_true (image->crisp);
              if (zx >= 1)
                g_assert_cmpfloat (zx, ==, floor (zx));
              g_assert_cmpfloat (image->x, ==, round (image->x));
              g_assert_cmpfloat (image->y, ==, round (image->y));
            }
        }
      else if (prim->kind == NS_PRIM_RECT)
        {
          g_assert_cmpfloat (prim->rect.x, >=, x - 1);
          g_assert_cmpfloat (prim->rect.y, >=, y - 1);
          g_assert_cmpfloat (prim->rect.x + prim->rect.width, <=, x + w + 1);
          g_assert_cmpfloat (prim->rect.y + prim->rect.height, <=, y + h + 1);
        }
      else if (prim->kind == NS_PRIM_TEXT)
        {
          /* The whole text, as the painters lay it out, not only its anchor. */
          const NsText *text = &prim->text;
          double tw, th, tx, ty;

          ns_scene_measure_text ((NsScene *) scene, text->text, text->role, text->size, &tw, &th);
          tx = text->x
               - (text->halign == NS_ALIGN_CENTER ? tw / 2
                  : text->halign == NS_ALIGN_END  ? tw
                                                  : 0);
          ty = text->y
               - (text->valign == NS_ALIGN_CENTER ? th / 2
                  : text->valign == NS_ALIGN_END  ? th
                                                  : 0);
          if (tx < x - 1 || tx + tw > x + w + 1 || ty < y - 1 || ty + th > y + h + 1)
            g_error ("text \"%s\" at (%g, %g) %g x %g is not inside (%g, %g) %g x %g", text->text,
                     tx, ty, tw, th, x, y, w, h);
        }
    }
}

/* Renders @scene to PNG and SVG in a temporary folder: both are real files. */
static G_GNUC_UNUSED void
check_exports (const NsScene *scene)
{
  g_autofree char *dir = g_dir_make_tmp ("ns-images-XXXXXX", NULL);
  const char *names[] = { "i.png", "i.svg" };
  const char *signatures[] = { "\x89PNG", "<?xml" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *path = g_build_filename (dir, names[k], NULL);
      g_autofree char *contents = NULL;
      g_autoptr (GError) error = NULL;
      gsize length;

      g_assert_true (ns_scene_export (scene, (int) ns_scene_get_width (scene),
                                      (int) ns_scene_get_height (scene), path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 100);
      g_assert_true (memcmp (contents, signatures[k], strlen (signatures[k])) == 0);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static G_GNUC_UNUSED guint
count_images (const NsScene *scene, guint pixel_width, guint pixel_height)
{
  guint n = 0;

  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE && prim->image.pixel_width == (int) pixel_width
          && prim->image.pixel_height == (int) pixel_height)
        n++;
    }
  return n;
}

static G_GNUC_UNUSED const NsImage *
nth_image (const NsScene *scene, guint nth)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_IMAGE && nth-- == 0)
        return &prim->image;
    }
  return NULL;
}

static G_GNUC_UNUSED const NsText *
find_text (const NsScene *scene, const char *text)
{
  for (size_t i = 0; i < ns_scene_get_n_prims (scene); i++)
    {
      const NsPrim *prim = ns_scene_get_prim (scene, i);

      if (prim->kind == NS_PRIM_TEXT && g_str_equal (prim->text.text, text))
        return &prim->text;
    }
  return NULL;
}

static G_GNUC_UNUSED guint32
argb_of (const NsColor *color)
{
  NsColor opaque = ns_color_with_alpha (color, 1);

  return ns_color_to_argb32 (&opaque);
}
