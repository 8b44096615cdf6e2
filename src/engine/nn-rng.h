/* nn-rng.h: PCG32 random streams (O'Neill's pcg32, XSH-RR output).
 *
 * Every random draw in Neuroscope comes from one of these streams, each seeded from
 * (seed, purpose), so one seed gives one run on every machine.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef struct
{
  uint64_t state; /* the LCG state */
  uint64_t inc;   /* stream selector, always odd */
} NnRng;

/* Purposes: one stream each, so e.g. redrawing the data leaves the initial weights alone. */
enum
{
  NN_STREAM_DATA = 1,
  NN_STREAM_INIT = 2,
  NN_STREAM_SHUFFLE = 3,
  NN_STREAM_SPLIT = 4,
  NN_STREAM_DROPOUT = 5,
};

/* Seeds the generator with an initial state and a stream number (pcg32_srandom_r). */
void nn_rng_seed (NnRng *rng, uint64_t seed, uint64_t stream);

/* A new independent stream derived from @base's current state and a key (base is unchanged):
 * used for per-neuron weight streams so that adding a neuron draws only that neuron's weights. */
void nn_rng_derive (NnRng *out, const NnRng *base, uint64_t key);

/* Next 32 uniformly distributed bits. */
uint32_t nn_rng_next_u32 (NnRng *rng);

/* Moves the stream @delta draws forward in O(log delta) (Brown's LCG jump-ahead). */
void nn_rng_advance (NnRng *rng, uint64_t delta);

/* Uniform in [0, bound), unbiased (rejection); bound 0 returns 0. */
uint32_t nn_rng_below (NnRng *rng, uint32_t bound);

/* Uniform float in [0, 1) from the top 24 bits. */
float nn_rng_uniform (NnRng *rng);

/* Uniform double in [0, 1) from 53 bits (two draws). */
double nn_rng_uniform_double (NnRng *rng);

/* Uniform double in [lo, hi). */
double nn_rng_range (NnRng *rng, double lo, double hi);

/* Standard normal (Box-Muller on nn_math's own log/sqrt/cos, so it is the same everywhere). */
double nn_rng_normal (NnRng *rng);

/* Fisher-Yates shuffle of @n indices in place. */
void nn_rng_shuffle_u32 (NnRng *rng, uint32_t *items, size_t n);
