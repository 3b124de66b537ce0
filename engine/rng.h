/*
 * rng.h - ripple's own random generator (not public API).
 *
 * xoshiro256**, seeded through splitmix64, so that permutation tests and
 * samples depend on the seed alone, not on igraph's generator state or
 * version. Every function is O(1) but ripple_shuffle, O(n).
 */
#ifndef RIPPLE_RNG_H
#define RIPPLE_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct ripple_rng {
	uint64_t s[4];   /* xoshiro256** state; seed it with ripple_rng_seed */
} ripple_rng;

/** The next value of the splitmix64 sequence at *x (which it advances). */
uint64_t ripple_splitmix64(uint64_t *x);

void ripple_rng_seed(ripple_rng *r, uint64_t seed);

/** Uniform in [0, bound), without modulo bias; bound > 0. */
uint64_t ripple_rng_below(ripple_rng *r, uint64_t bound);

/**
 * Fisher-Yates shuffle of v[0..n). thresholds, when not NULL, holds
 * ripple_rng_threshold(i) at [i] for i in 2..n: the same shuffle, one division
 * fewer a step (for loops of many shuffles of one length).
 */
void ripple_shuffle(size_t *v, size_t n, ripple_rng *r, const uint64_t *thresholds);

/** The rejection threshold of ripple_rng_below(r, bound): 2^64 mod bound. */
uint64_t ripple_rng_threshold(uint64_t bound);

#endif
