/*
 * paths.h - the measures of a wave that need every shortest path (not public API).
 */
#ifndef RIPPLE_PATHS_H
#define RIPPLE_PATHS_H

#include "ripple/error.h"
#include "ripple/graph.h"
#include "ripple/paths.h"

/** The all-pairs measures of one wave (see docs/MEASURES.md). */
typedef struct ripple_paths {
	size_t n;
	double *betweenness;   /* n, raw (pairs through each actor, unnormalised), unweighted */
	double *wbetweenness;  /* n, the same with distances 1/weight; NULL unless weighted */
	double *harmonic;      /* n, harmonic closeness (out-paths, divided by n - 1),
	                          with distances 1/weight when weighted; NAN where undefined */
	double diameter;       /* longest finite distance (steps), NAN when no pair is joined */
	double mean_distance;  /* mean finite distance over joined ordered pairs, or NAN */
	double *reach2;        /* n, the actors within two steps of each, counted by the same
	                          searches; only when undirected and every actor a source,
	                          else NULL */
	int estimated;         /* 1 when computed from a sample of sources */
} ripple_paths;

/**
 * Computes the measures of g's `graph` (directed when the place is), with
 * distances 1/weight too when weighted: from every actor, or from
 * opts->sample actors drawn with seed. A wave of opts->split_min actors or
 * more (RIPPLE_SPLIT_MIN when 0) is computed in blocks of sources, spread
 * over opts->jobs processes; the blocks depend on
 * the wave alone, so the result does not depend on the number of processes.
 * Unweighted, one breadth-first search per source gives all four measures
 * (paths.c); the numbers are igraph_betweenness's, igraph_harmonic_centrality's,
 * igraph_diameter's and igraph_average_path_length's. Cost: O(s m) for s
 * sources and m ties; memory O(n + m) a process, and when weighted one chunk
 * of distances besides (at most 16 MiB).
 */
int ripple_paths_compute(ripple_paths *out, const ripple_graph *g,
                         const ripple_paths_options *opts, int weighted, unsigned long seed,
                         ripple_error *err);

void ripple_paths_release(ripple_paths *p);

#endif
