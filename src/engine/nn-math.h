/* nn-math.h: the engine's own elementary functions.
 *
 * glibc picks CPU-specific variants (FMA or not) of exp, log, sin, tanh… at run time, so two
 * machines can disagree in the last bit. Everything in the training path that must be identical
 * everywhere uses these instead: they are built from +, -, *, / and sqrt only (all correctly
 * rounded by IEEE 754) and compiled with -ffp-contract=off.
 */
#pragma once

#include <stddef.h>

#define NN_PI 3.14159265358979323846

/* Double precision, relative error below 1e-14 over their useful range; tests compare to libm. */
double nn_exp (double x);
double nn_log (double x); /* x <= 0 gives -inf / nan as libm does */
double nn_sin (double x);
double nn_cos (double x);
double nn_atan2 (double y, double x);
double nn_tanh (double x);

/* Single precision, vectorisable: these *define* the engine's activation functions (every kernel
 * variant uses exactly these). Maximum absolute error against libm's double tanh/exp is stated in
 * nn-math.c and checked by tests/test-engine-math.c. */
float nn_tanhf_fast (float x);
float nn_sigmoidf_fast (float x); /* 1 / (1 + exp(-x)) */
float nn_expf_fast (float x);     /* relative error bound, x clamped to [-87, 88] */

/* Array forms of the above, the shape the hot loops want: out[i] = f(in[i]). in == out allowed. */
void nn_tanhf_array (float *out, const float *in, size_t n);
void nn_sigmoidf_array (float *out, const float *in, size_t n);
