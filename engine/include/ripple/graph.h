/*
 * ripple/graph.h - one wave of a place as an igraph graph.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_GRAPH_API_H
#define RIPPLE_GRAPH_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/model.h"

/* ------------------------------------------------------------------------ */
/* Graphs: one wave of a place as an igraph graph                             */
/* ------------------------------------------------------------------------ */

struct igraph_s;

/**
 * How a wave's network treats the actors who did not answer its survey
 * (responses.csv; docs/MEASURES.md, "Non-response"). Absent actors (not part
 * of the place at the wave) are never members of its network, except in
 * census.
 */
enum ripple_policy {
	RIPPLE_POLICY_RECONSTRUCT, /* the default: a missing actor's ties are imputed from what
	                              the others reported about it (j -> i gives i -> j; Stork
	                              & Richards 1992, Huisman 2009); members: all but absent */
	RIPPLE_POLICY_RESPONDENTS, /* the network among the actors who answered */
	RIPPLE_POLICY_CENSUS       /* every tie as reported, every actor a member: as if
	                              everyone answered (ripple before responses.csv) */
};
#define RIPPLE_NPOLICIES 3

/** "reconstruct", "respondents" or "census". */
const char *ripple_policy_name(enum ripple_policy p);
/** The policy called name, or -1. */
int ripple_policy_parse(const char *name);

/** The undirected view of a directed place: which named pairs are joined. */
enum ripple_view {
	RIPPLE_VIEW_EITHER,        /* the default: either side named the other (union) */
	RIPPLE_VIEW_BOTH           /* both named each other (confirmed ties only), as reported:
	                              an imputed arc confirms nothing, so a pair with an actor
	                              who did not answer is dropped (strict) */
};

/** "either" or "both". */
const char *ripple_view_name(enum ripple_view v);
/** The view called name, or -1. */
int ripple_view_parse(const char *name);

/** How to build a wave. Start from RIPPLE_GRAPH_OPTIONS_INIT. */
typedef struct ripple_graph_options {
	enum ripple_policy missing;
	enum ripple_view view;
} ripple_graph_options;

#define RIPPLE_GRAPH_OPTIONS_INIT {RIPPLE_POLICY_RECONSTRUCT, RIPPLE_VIEW_EITHER}

/**
 * One wave of a place. Vertex i is actor i of the place, in actors.csv order;
 * every actor of the place is a vertex, with or without ties at this wave
 * (isolates). Ties of different types between the same two actors are one
 * edge, whose weight is the sum of their weights (one edge per ordered pair
 * when directed).
 */
typedef struct ripple_graph {
	struct igraph_s *graph;  /* owned */
	double *weights;         /* per edge, in igraph edge order, owned */
	size_t nedges;
	struct igraph_s *undirected; /* the same ties, direction dropped (pairs collapsed,
	                                weights of both directions summed; with opts.view
	                                both, only pairs that named each other); == graph
	                                when undirected */
	double *uweights;        /* per edge of undirected; == weights when undirected */
	size_t nuedges;
	const ripple_model *model; /* the place the graph was built from (borrowed: it must
	                              outlive the graph); vertex i is model->actors[i] */
	size_t wave_index;       /* the wave, in model->waves */
	const int64_t *actor_keys; /* per vertex: actor_id in the store (the model's) */
	size_t n;                /* vertices = actors of the place */
	int directed;
	const char *place;       /* the place's name (the model's) */
	const char *wave;        /* the wave's name (the model's) */
	int64_t place_id;        /* in the store */
	int64_t wave_id;         /* in the store */

	ripple_graph_options opts; /* how it was built */
	unsigned char *member;   /* per vertex: 1 when the actor is part of this wave's network
	                            under opts.missing, 0 when not (it has no edges then); NULL
	                            when every actor is; owned */
	size_t nmembers;         /* vertices with member 1 (n when member is NULL) */
	size_t answered, missing, absent; /* actors by their response at this wave */
	double response_rate;    /* answered / (answered + missing); NAN when both are 0 */
	size_t imputed;          /* reconstruct: edges of graph that no one reported as such,
	                            imputed from the other side's report */
	double observed_pairs;   /* pairs of members (ordered when directed) whose tie is known
	                            under the policy: the denominator of density */
	size_t confirmed, unconfirmed, unconfirmable; /* directed: pairs named by at least one
	                            side, by whether the other named back (confirmed), answered
	                            but did not (unconfirmed) or did not answer (unconfirmable);
	                            counted on the ties as reported; 0 when undirected */
} ripple_graph;

/**
 * Builds wave `wave` (a name) of the place m into *out (the caller's, released
 * with _release), as opts says (NULL: RIPPLE_GRAPH_OPTIONS_INIT);
 * RIPPLE_ENOTFOUND when the place has no such wave. m must outlive the graph.
 * Without responses every option gives the same graph. Costs O(actors + ties
 * of the wave), and O(ties log ties) for the confirmation of a directed one.
 */
int ripple_graph_build(ripple_graph *out, const ripple_model *m, const char *wave,
                       const ripple_graph_options *opts, ripple_error *err);

void ripple_graph_release(ripple_graph *g);

/**
 * The pairs tied at wave index w of m by its ties as reported, whatever any
 * policy would make of them (no members, nothing imputed): one per pair
 * (ordered when the place is directed; else (smaller, larger)), sorted by
 * pair, with the sum of its ties' weights added in the order of the tie index
 * (under census: the wave graph's edges and weights exactly). *pairs (2 per
 * pair) and *weights are malloc'd, the caller frees them. O(ties + actors).
 */
int ripple_wave_pairs(size_t **pairs, double **weights, size_t *count, const ripple_model *m,
                      size_t w, ripple_error *err);

/** The vertex of the actor whose store id is key, or -1. O(log n). */
long ripple_vertex_of_key(const ripple_graph *g, int64_t key);

/** Installs ripple's igraph error handler (igraph's default aborts). Idempotent. */
void ripple_igraph_setup(void);

#endif /* RIPPLE_GRAPH_API_H */
