/* nn-rng.c: PCG32 (O'Neill 2014, pcg32_random_r with the XSH-RR output function).
 *
 * state' = state * 6364136223846793005 + inc (mod 2^64); the output is a xorshift of the old
 * state rotated by its top 5 bits. Integer arithmetic only, so every machine gives the same
 * sequence; the floating-point helpers use only exact operations and nn-math's own functions.
 */
#include "nn-rng.h"

#include <math.h>

#include "nn-math.h"

#define PCG_MULT 6364136223846793005ULL

/* splitmix64's finaliser: a bijective 64-bit mix, used to spread derived keys. */
static uint64_t
mix64 (uint64_t z)
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* state = 0, inc = 2 * stream + 1, one step, state += seed, one step (pcg32_srandom_r). */
void
nn_rng_seed (NnRng *rng, uint64_t seed, uint64_t stream)
{
  rng->state = 0;
  rng->inc = (stream << 1) | 1u;
  nn_rng_next_u32 (rng);
  rng->state += seed;
  nn_rng_next_u32 (rng);
}

/* out = seed (mix (state + mix (key)), mix (inc ^ mix (~key))): base is left as it was. */
void
nn_rng_derive (NnRng *out, const NnRng *base, uint64_t key)
{
  uint64_t seed = mix64 (base->state + mix64 (key));
  uint64_t stream = mix64 (base->inc ^ mix64 (~key));

  nn_rng_seed (out, seed, stream);
}

/* out = rotr32 (((old >> 18) ^ old) >> 27, old >> 59) */
uint32_t
nn_rng_next_u32 (NnRng *rng)
{
  uint64_t old = rng->state;
  uint32_t xorshifted;
  uint32_t rot;

  rng->state = old * PCG_MULT + rng->inc;
  xorshifted = (uint32_t) (((old >> 18) ^ old) >> 27);
  rot = (uint32_t) (old >> 59);
  return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

/* state = A^delta * state + (A^(delta-1) + … + 1) * inc, by squaring (Brown 1994). */
void
nn_rng_advance (NnRng *rng, uint64_t delta)
{
  uint64_t cur_mult = PCG_MULT;
  uint64_t cur_plus = rng->inc;
  uint64_t acc_mult = 1;
  uint64_t acc_plus = 0;

  while (delta > 0)
    {
      if (delta & 1u)
        {
          acc_mult *= cur_mult;
          acc_plus = acc_plus * cur_mult + cur_plus;
        }
      cur_plus = (cur_mult + 1) * cur_plus;
      cur_mult *= cur_mult;
      delta >>= 1;
    }
  rng->state = acc_mult * rng->state + acc_plus;
}

/* Rejects draws below 2^32 mod bound, so every residue has the same number of preimages. */
uint32_t
nn_rng_below (NnRng *rng, uint32_t bound)
{
  uint32_t threshold;

  if (bound == 0)
    return 0;
  threshold = (uint32_t) (-bound) % bound;
  for (;;)
    {
      uint32_t r = nn_rng_next_u32 (rng);
      if (r >= threshold)
        return r % bound;
    }
}

/* u = (bits >> 8) * 2^-24: exactly representable, in [0, 1). */
float
nn_rng_uniform (NnRng *rng)
{
  return (float) (nn_rng_next_u32 (rng) >> 8) * 0x1p-24f;
}

/* u = (a >> 5) * 2^-27 + (b >> 6) * 2^-53: 53 random bits, in [0, 1). */
double
nn_rng_uniform_double (NnRng *rng)
{
  uint64_t a = nn_rng_next_u32 (rng) >> 5;
  uint64_t b = nn_rng_next_u32 (rng) >> 6;

  return (double) ((a << 26) | b) * 0x1p-53;
}

/* lo + (hi - lo) * u */
double
nn_rng_range (NnRng *rng, double lo, double hi)
{
  return lo + (hi - lo) * nn_rng_uniform_double (rng);
}

/* z = sqrt (-2 log u1) * cos (2 pi u2), u1 in (0, 1] (Box-Muller, one value per call). */
double
nn_rng_normal (NnRng *rng)
{
  double u1 = 1.0 - nn_rng_uniform_double (rng);
  double u2 = nn_rng_uniform_double (rng);

  return sqrt (-2.0 * nn_log (u1)) * nn_cos (2.0 * NN_PI * u2);
}

/* for i = n-1 … 1: swap items[i] and items[below (i + 1)] (Fisher-Yates). */
void
nn_rng_shuffle_u32 (NnRng *rng, uint32_t *items, size_t n)
{
  for (size_t i = n; i > 1; i--)
    {
      size_t j;
      uint32_t tmp;

      if (i - 1 < UINT32_MAX)
        j = nn_rng_below (rng, (uint32_t) i);
      else
        j = (size_t) ((((uint64_t) nn_rng_next_u32 (rng) << 32) | nn_rng_next_u32 (rng)) % i);
      tmp = items[i - 1];
      items[i - 1] = items[j];
      items[j] = tmp;
    }
}
