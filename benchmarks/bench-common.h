/* bench-common.h: the clock and the median the benchmarks share (plain C: bench-engine links
 * nothing but the engine). */
#pragma once

#include <stdlib.h>
#include <time.h>

/* Seconds on @clock: CLOCK_MONOTONIC for wall time, CLOCK_THREAD_CPUTIME_ID or
 * CLOCK_PROCESS_CPUTIME_ID for CPU time. */
static inline double
bench_now (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

static inline int
bench_cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @n runs (sorts @v). */
static inline double
bench_median (double *v, size_t n)
{
  qsort (v, n, sizeof *v, bench_cmp_double);
  return v[n / 2];
}
