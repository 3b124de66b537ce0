/*
 * ripple/metrics.h - network and actor measures of one wave.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_METRICS_API_H
#define RIPPLE_METRICS_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/graph.h"
#include "ripple/paths.h"

/* ------------------------------------------------------------------------ */
/* Measures (docs/MEASURES.md defines each one)                              */
/* ------------------------------------------------------------------------ */

/** Network measures of one wave, in output order. */
enum ripple_net_measure {
	RIPPLE_NET_ACTORS, RIPPLE_NET_TIES, RIPPLE_NET_DENSITY, RIPPLE_NET_MEAN_DEGREE,
	RIPPLE_NET_COMPONENTS, RIPPLE_NET_LARGEST_COMPONENT_SHARE, RIPPLE_NET_ISOLATES,
	RIPPLE_NET_DIAMETER, RIPPLE_NET_MEAN_DISTANCE, RIPPLE_NET_TRANSITIVITY,
	RIPPLE_NET_DEGREE_CENTRALIZATION, RIPPLE_NET_BETWEENNESS_CENTRALIZATION,
	RIPPLE_NET_RECIPROCITY, RIPPLE_NET_EI_INDEX, RIPPLE_NET_ASSORTATIVITY,
	RIPPLE_NET_COMMUNITIES, RIPPLE_NET_MODULARITY, RIPPLE_NET_MEAN_TRUST,
	RIPPLE_NET_MEAN_VALUE, RIPPLE_NET_RESPONSE_RATE, RIPPLE_NET_IMPUTED_TIES,
	RIPPLE_NET_CONFIRMED_PAIRS, RIPPLE_NET_UNCONFIRMED_PAIRS, RIPPLE_NET_UNCONFIRMABLE_PAIRS,
	RIPPLE_NET_COUNT
};

/** Actor measures of one wave, in output order. */
enum ripple_node_measure {
	RIPPLE_NODE_DEGREE, RIPPLE_NODE_IN_DEGREE, RIPPLE_NODE_OUT_DEGREE, RIPPLE_NODE_STRENGTH,
	RIPPLE_NODE_BETWEENNESS, RIPPLE_NODE_HARMONIC_CLOSENESS, RIPPLE_NODE_EIGENVECTOR,
	RIPPLE_NODE_PAGERANK, RIPPLE_NODE_CORENESS, RIPPLE_NODE_CLUSTERING,
	RIPPLE_NODE_CONSTRAINT, RIPPLE_NODE_EFFECTIVE_SIZE, RIPPLE_NODE_EI_INDEX,
	RIPPLE_NODE_REACH_2, RIPPLE_NODE_COORDINATOR, RIPPLE_NODE_GATEKEEPER,
	RIPPLE_NODE_REPRESENTATIVE, RIPPLE_NODE_CONSULTANT, RIPPLE_NODE_LIAISON,
	RIPPLE_NODE_TRUST_IN, RIPPLE_NODE_VALUE_IN, RIPPLE_NODE_COMMUNITY,
	RIPPLE_NODE_COUNT
};

/** When a measure is reported. */
enum ripple_measure_scope {
	RIPPLE_SCOPE_ALWAYS,      /* every place */
	RIPPLE_SCOPE_DIRECTED,    /* directed places only */
	RIPPLE_SCOPE_TRUST,       /* ties carry a trust column */
	RIPPLE_SCOPE_VALUE        /* ties carry a value column */
};

typedef struct ripple_measure_info {
	const char *name;         /* stable snake_case output name */
	int integer;              /* 1: a count, printed without decimals */
	enum ripple_measure_scope scope;
} ripple_measure_info;

const ripple_measure_info *ripple_net_measure_info(enum ripple_net_measure m);

/** 1 when a measure of this scope is reported for a place with these properties. */
int ripple_measure_applies(enum ripple_measure_scope scope, int directed, int has_trust,
                           int has_value);
const ripple_measure_info *ripple_node_measure_info(enum ripple_node_measure m);

/** How to compute. Start from RIPPLE_METRICS_OPTIONS_INIT. */
typedef struct ripple_metrics_options {
	int weighted;             /* weights in betweenness, closeness (as 1/w), eigenvector,
	                             PageRank, constraint and communities */
	unsigned long seed;       /* seed of the community search (and of a path sample) */
	ripple_paths_options paths; /* the all-pairs measures */
	int network_only;         /* 1: leave out (NAN) the actor measures that no network
	                             measure needs, for callers that print none of them:
	                             eigenvector, PageRank, coreness, clustering, constraint,
	                             effective size, brokerage roles, and reach 2 where the
	                             path searches do not count it on the way */
} ripple_metrics_options;

#define RIPPLE_METRICS_OPTIONS_INIT {0, 42, RIPPLE_PATHS_OPTIONS_INIT, 0}

/**
 * The measures of one wave. Values are NAN where a measure is undefined
 * (too few actors, no ties, a measure of directed places on an undirected one).
 */
typedef struct ripple_metrics {
	double net[RIPPLE_NET_COUNT];
	size_t n;                 /* actors */
	double *node;             /* n * RIPPLE_NODE_COUNT, row-major, owned */
	int has_trust, has_value; /* ties at this place carry these columns */
} ripple_metrics;

/**
 * Computes every measure of the wave g (the tie attributes from g's model).
 * Costs O(n m) for betweenness and closeness; the rest is near-linear.
 */
int ripple_metrics_compute(ripple_metrics *out, const ripple_graph *g,
                           const ripple_metrics_options *opts, ripple_error *err);

/**
 * Computes the measures of n loaded waves of one place into out[0..n-1], as
 * ripple_metrics_compute on each, with the same numbers. When opts->paths.jobs
 * > 1, the all-pairs measures are sampled or left out (opts->paths.sample >= 0;
 * otherwise their blocks use the jobs) and a wave has split_min actors or
 * more, the waves are spread over that many worker processes (each with its
 * share of the jobs for its all-pairs blocks, and the progress bar following
 * the first wave).
 */
int ripple_metrics_compute_waves(ripple_metrics *out, const ripple_graph *const *gs, size_t n,
                                 const ripple_metrics_options *opts, ripple_error *err);

void ripple_metrics_release(ripple_metrics *m);

static inline double ripple_metrics_node(const ripple_metrics *m, size_t v,
                                         enum ripple_node_measure k)
{
	return m->node[v * RIPPLE_NODE_COUNT + k];
}

#endif /* RIPPLE_METRICS_API_H */
