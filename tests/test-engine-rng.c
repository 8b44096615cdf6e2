/* test-engine-rng.c: PCG32 streams: the reference sequence, jump-ahead, bounded draws,
 * seeding and derivation, the float helpers and the shuffle. Every draw is deterministic, so
 * the statistical checks below cannot flake. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "nn-rng.h"

/* pcg32-global-demo / pcg32_srandom_r (&rng, 42, 54): the first six outputs of O'Neill's
 * reference implementation */
static void
test_reference_sequence (void)
{
  static const uint32_t want[] = {
    0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e,
  };
  NnRng rng;

  nn_rng_seed (&rng, 42, 54);
  for (size_t k = 0; k < G_N_ELEMENTS (want); k++)
    g_assert_cmphex (nn_rng_next_u32 (&rng), ==, want[k]);
}

static void
test_advance (void)
{
  static const uint64_t deltas[] = { 0, 1, 2, 3, 7, 64, 100, 1000, 12345, 65537 };

  for (size_t d = 0; d < G_N_ELEMENTS (deltas); d++)
    {
      NnRng a, b;

      nn_rng_seed (&a, 99, 7);
      b = a;
      for (uint64_t k = 0; k < deltas[d]; k++)
        nn_rng_next_u32 (&a);
      nn_rng_advance (&b, deltas[d]);
      g_assert_cmpuint (a.state, ==, b.state);
      g_assert_cmpuint (a.inc, ==, b.inc);
      g_assert_cmphex (nn_rng_next_u32 (&a), ==, nn_rng_next_u32 (&b));
    }
  /* a full period (2^64) brings the state back */
  {
    NnRng a, b;

    nn_rng_seed (&a, 5, 5);
    b = a;
    nn_rng_advance (&b, UINT64_MAX);
    nn_rng_next_u32 (&b);
    g_assert_cmpuint (a.state, ==, b.state);
  }
}

static void
test_below (void)
{
  static const uint32_t bounds[] = { 1, 2, 3, 7, 10, 1000, 0x80000001u, UINT32_MAX };
  guint counts[10] = { 0 };
  NnRng rng;

  nn_rng_seed (&rng, 1, 2);
  g_assert_cmpuint (nn_rng_below (&rng, 0), ==, 0);
  for (size_t b = 0; b < G_N_ELEMENTS (bounds); b++)
    for (int k = 0; k < 10000; k++)
      g_assert_cmpuint (nn_rng_below (&rng, bounds[b]), <, bounds[b]);
  /* rough uniformity: 100000 draws in 10 bins, each within 3% of 10000 (about 10 sigma) */
  for (int k = 0; k < 100000; k++)
    counts[nn_rng_below (&rng, 10)]++;
  for (size_t k = 0; k < G_N_ELEMENTS (counts); k++)
    {
      g_assert_cmpuint (counts[k], >, 9700);
      g_assert_cmpuint (counts[k], <, 10300);
    }
}

static void
test_seeds_and_streams (void)
{
  NnRng a, b, c, d;
  int differ_stream = 0, differ_seed = 0;

  nn_rng_seed (&a, 1234, NN_STREAM_DATA);
  nn_rng_seed (&b, 1234, NN_STREAM_DATA);
  nn_rng_seed (&c, 1234, NN_STREAM_INIT);
  nn_rng_seed (&d, 1235, NN_STREAM_DATA);
  for (int k = 0; k < 100; k++)
    {
      uint32_t x = nn_rng_next_u32 (&a);

      g_assert_cmphex (x, ==, nn_rng_next_u32 (&b));
      differ_stream += x != nn_rng_next_u32 (&c);
      differ_seed += x != nn_rng_next_u32 (&d);
    }
  g_assert_cmpint (differ_stream, >, 95);
  g_assert_cmpint (differ_seed, >, 95);
}

static void
test_derive (void)
{
  NnRng base, saved, x1, x2, y;
  int differ = 0;

  nn_rng_seed (&base, 77, NN_STREAM_INIT);
  saved = base;
  nn_rng_derive (&x1, &base, 3);
  nn_rng_derive (&x2, &base, 3);
  nn_rng_derive (&y, &base, 4);
  g_assert_cmpmem (&base, sizeof base, &saved, sizeof saved); /* base unchanged */
  for (int k = 0; k < 50; k++)
    {
      uint32_t v = nn_rng_next_u32 (&x1);

      g_assert_cmphex (v, ==, nn_rng_next_u32 (&x2));
      differ += v != nn_rng_next_u32 (&y);
    }
  g_assert_cmpint (differ, >, 45);
  g_assert_cmpuint (x1.inc & 1, ==, 1);
}

static void
test_floats (void)
{
  NnRng rng;
  double sum = 0.0, sum2 = 0.0, nsum = 0.0, nsum2 = 0.0;
  const int n = 200000;

  nn_rng_seed (&rng, 8, 8);
  for (int k = 0; k < n; k++)
    {
      float u = nn_rng_uniform (&rng);
      double ud = nn_rng_uniform_double (&rng);
      double r = nn_rng_range (&rng, -2.0, 3.0);
      double z = nn_rng_normal (&rng);

      g_assert_cmpfloat (u, >=, 0.0f);
      g_assert_cmpfloat (u, <, 1.0f);
      g_assert_cmpfloat (ud, >=, 0.0);
      g_assert_cmpfloat (ud, <, 1.0);
      g_assert_cmpfloat (r, >=, -2.0);
      g_assert_cmpfloat (r, <, 3.0);
      g_assert_true (isfinite (z));
      sum += u;
      sum2 += (double) u * u;
      nsum += z;
      nsum2 += z * z;
    }
  /* uniform: mean 1/2, variance 1/12; normal: mean 0, variance 1 (tolerances ~5 sigma) */
  g_assert_cmpfloat (fabs (sum / n - 0.5), <, 0.004);
  g_assert_cmpfloat (fabs (sum2 / n - sum * sum / ((double) n * n) - 1.0 / 12.0), <, 0.002);
  g_assert_cmpfloat (fabs (nsum / n), <, 0.012);
  g_assert_cmpfloat (fabs (nsum2 / n - 1.0), <, 0.02);
}

static int
cmp_u32 (gconstpointer a, gconstpointer b)
{
  uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;

  return (x > y) - (x < y);
}

static void
test_shuffle (void)
{
  enum
  {
    N = 1000
  };
  uint32_t items[N], sorted[N];
  NnRng rng, again;
  int moved = 0;

  for (uint32_t k = 0; k < N; k++)
    items[k] = k;
  nn_rng_seed (&rng, 3, NN_STREAM_SHUFFLE);
  again = rng;
  nn_rng_shuffle_u32 (&rng, items, N);
  for (uint32_t k = 0; k < N; k++)
    moved += items[k] != k;
  g_assert_cmpint (moved, >, N / 2);
  memcpy (sorted, items, sizeof items);
  qsort (sorted, N, sizeof sorted[0], cmp_u32);
  for (uint32_t k = 0; k < N; k++)
    g_assert_cmpuint (sorted[k], ==, k); /* a permutation */
  /* the same stream shuffles the same way */
  for (uint32_t k = 0; k < N; k++)
    sorted[k] = k;
  nn_rng_shuffle_u32 (&again, sorted, N);
  g_assert_cmpmem (sorted, sizeof sorted, items, sizeof items);
  /* degenerate sizes */
  nn_rng_shuffle_u32 (&rng, items, 0);
  nn_rng_shuffle_u32 (&rng, items, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/rng/reference-sequence", test_reference_sequence);
  g_test_add_func ("/engine/rng/advance", test_advance);
  g_test_add_func ("/engine/rng/below", test_below);
  g_test_add_func ("/engine/rng/seeds-and-streams", test_seeds_and_streams);
  g_test_add_func ("/engine/rng/derive", test_derive);
  g_test_add_func ("/engine/rng/floats", test_floats);
  g_test_add_func ("/engine/rng/shuffle", test_shuffle);
  return g_test_run ();
}
