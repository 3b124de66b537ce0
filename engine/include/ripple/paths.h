/*
 * ripple/paths.h - how the all-pairs path measures of a wave are computed.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_PATHS_API_H
#define RIPPLE_PATHS_API_H

#include <stddef.h>

/**
 * Waves of at least this many actors compute their all-pairs measures in
 * blocks of sources, which ripple_paths_options.jobs spreads over processes.
 */
#define RIPPLE_SPLIT_MIN 1000

/**
 * How the all-pairs measures (betweenness and its centralization, harmonic
 * closeness, diameter, mean distance) are computed: they cost O(n m), more
 * than every other measure together. Start from RIPPLE_PATHS_OPTIONS_INIT.
 */
typedef struct ripple_paths_options {
	long sample;              /* -1: from every actor (exact); N > 0: estimated from N
	                             actors drawn with the seed; 0: left out (null) */
	int jobs;                 /* processes for a wave of split_min actors or more
	                             (igraph is not thread-safe); 1: this one */
	size_t split_min;         /* 0: RIPPLE_SPLIT_MIN (tests lower it) */
	void (*progress)(void *ctx, size_t done, size_t total); /* after each block of
	                             sources of a split wave, or NULL */
	void *progress_ctx;
} ripple_paths_options;

#define RIPPLE_PATHS_OPTIONS_INIT {-1, 1, 0, NULL, NULL}

#endif /* RIPPLE_PATHS_API_H */
