/*
 * ripple/graph.h - one wave of a place as an igraph graph.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_GRAPH_API_H
#define RIPPLE_GRAPH_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/store.h"

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
	int64_t *actor_keys;     /* per vertex: actor_id in the store, owned */
	size_t n;                /* vertices = actors of the place */
	int directed;
	char **ids;              /* per vertex: actor id, owned */
	char **labels;           /* per vertex: label */
	char **sectors;          /* per vertex: sector, "" when not given */
	char **towns;            /* per vertex: town, "" when not given */
	long *parents;           /* per vertex: vertex of the containing actor, or -1 */
	int *attended;           /* per vertex: 1, 0 or -1 */
	char *place;             /* owned */
	char *wave;              /* owned */
	int64_t place_id;        /* in the store */
	int64_t wave_id;         /* in the store */
} ripple_graph;

/** Loads wave `wave` of place `place_id` into *out (the caller's, released with _release). */
int ripple_graph_load(ripple_graph *out, ripple_store *store, int64_t place_id,
                      const char *wave, ripple_error *err);

void ripple_graph_release(ripple_graph *g);

/** The vertex of the actor whose store id is key, or -1. O(log n). */
long ripple_vertex_of_key(const ripple_graph *g, int64_t key);

/** Installs ripple's igraph error handler (igraph's default aborts). Idempotent. */
void ripple_igraph_setup(void);

#endif /* RIPPLE_GRAPH_API_H */
