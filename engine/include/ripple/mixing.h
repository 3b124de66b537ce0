/*
 * ripple/mixing.h - ties within and between sectors: the sector x sector
 * mixing matrix of one wave (docs/MEASURES.md, "Sector mixing").
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_MIXING_API_H
#define RIPPLE_MIXING_API_H

#include <stddef.h>

#include "ripple/graph.h"

/**
 * The sector x sector mixing matrix of one wave's network, as the policy
 * built it (members only: a non-member has no edges). A cell counts ties, not
 * their weights: ties of several types between the same two actors are one
 * tie, as in the graph.
 *
 * The sectors are those of every actor of the place, not only of the wave's
 * members, so that the matrices of two waves of a place line up cell by cell
 * (a sector with no member at a wave has a row of zeros). Actors without a
 * sector form one group of their own, given as "" and placed last.
 *
 * Undirected place: ties[a * nsectors + b] is the number of ties between an
 * actor of sector a and one of sector b, the same number in both halves
 * (ties[a][b] == ties[b][a]); a tie between two sectors is counted once, so
 * the cells with a <= b sum to total. Directed place: the arcs from an actor of
 * sector a to one of sector b (the graph's arcs, imputed ones included under
 * reconstruct); every cell sums to total.
 */
typedef struct ripple_mixing {
	const char **sectors;  /* distinct sectors, sorted bytewise, "" (no sector) last
	                          when some actor has none; the array is owned, the strings
	                          are the model's */
	size_t nsectors;
	long *ties;            /* nsectors * nsectors counts, row-major; owned */
	long total;            /* ties of the wave's network (arcs when directed) */
	int directed;          /* 1: ordered pairs of sectors, 0: unordered */
} ripple_mixing;

/**
 * Counts the ties of g by the sectors of their ends into *out (the caller's,
 * released with ripple_mixing_release). Directed places count g->graph's arcs,
 * undirected ones g->undirected's edges (the same graph). RIPPLE_ENOMEM when
 * out of memory (out is then empty). Costs O(n log n + ties * log sectors).
 */
int ripple_mixing_compute(ripple_mixing *out, const ripple_graph *g, ripple_error *err);

/** Releases what mx holds. No operation when mx is NULL. */
void ripple_mixing_release(ripple_mixing *mx);

/** Ties from sector a to sector b (between them when undirected). */
long ripple_mixing_ties(const ripple_mixing *mx, size_t a, size_t b);

/** The cell's share of all ties of the wave: ties / total; NAN when total is 0. */
double ripple_mixing_share(const ripple_mixing *mx, size_t a, size_t b);

/**
 * Index of sector (as actors.csv gives it; "" for none) in mx->sectors, or
 * RIPPLE_NONE. O(log sectors).
 */
size_t ripple_mixing_sector(const ripple_mixing *mx, const char *sector);

/** How a sector reads in output: "(none)" for "", else the sector itself. */
const char *ripple_mixing_sector_label(const char *sector);

#endif /* RIPPLE_MIXING_API_H */
