/*
 * rng.c - ripple's own random generator: xoshiro256** seeded through
 * splitmix64 (see rng.h), as published by Blackman and Vigna.
 */
#include <stddef.h>
#include <stdint.h>

#include "rng.h"

uint64_t ripple_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

void ripple_rng_seed(ripple_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = ripple_splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(ripple_rng *r)
{
	uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t ripple_rng_threshold(uint64_t bound)
{
	return -bound % bound;
}

/* Uniform in [0, bound) given bound's threshold: values below it are drawn again. */
static inline uint64_t rng_below(ripple_rng *r, uint64_t bound, uint64_t threshold)
{
	uint64_t x;
	do
		x = rng_next(r);
	while (x < threshold);
	return x % bound;
}

uint64_t ripple_rng_below(ripple_rng *r, uint64_t bound)
{
	return rng_below(r, bound, ripple_rng_threshold(bound));
}

void ripple_shuffle(size_t *v, size_t n, ripple_rng *r, const uint64_t *thresholds)
{
	for (size_t i = n; i > 1; i--) {
		uint64_t thr = thresholds ? thresholds[i] : ripple_rng_threshold(i);
		size_t j = (size_t)rng_below(r, i, thr), t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}
