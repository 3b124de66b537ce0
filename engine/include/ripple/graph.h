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
	                                weights summed); == graph when undirected */
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
} ripple_graph;

/**
 * Builds wave `wave` (a name) of the place m into *out (the caller's, released
 * with _release); RIPPLE_ENOTFOUND when the place has no such wave. m must
 * outlive the graph. Costs O(actors + ties of the wave).
 */
int ripple_graph_build(ripple_graph *out, const ripple_model *m, const char *wave,
                       ripple_error *err);

void ripple_graph_release(ripple_graph *g);

/** The vertex of the actor whose store id is key, or -1. O(log n). */
long ripple_vertex_of_key(const ripple_graph *g, int64_t key);

/** Installs ripple's igraph error handler (igraph's default aborts). Idempotent. */
void ripple_igraph_setup(void);

#endif /* RIPPLE_GRAPH_API_H */
