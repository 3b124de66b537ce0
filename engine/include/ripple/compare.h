/*
 * ripple/compare.h - change between two waves.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_COMPARE_API_H
#define RIPPLE_COMPARE_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/metrics.h"

/* ------------------------------------------------------------------------ */
/* Change between two waves (docs/MEASURES.md, "Change")                      */
/* ------------------------------------------------------------------------ */

/**
 * What became of a pair between the two waves. New, lost and kept are counted
 * only over pairs observed at both waves (every pair under --missing census);
 * a pair tied at either wave that is not observed at both is unknown.
 */
enum ripple_tie_status { RIPPLE_TIE_NEW, RIPPLE_TIE_LOST, RIPPLE_TIE_KEPT, RIPPLE_TIE_UNKNOWN };
#define RIPPLE_NTIE_STATUSES 4

/** "new", "lost", "kept" or "unknown". */
const char *ripple_tie_status_name(enum ripple_tie_status s);

/**
 * Why an unknown tie's change is not known, the first that holds, in this
 * order: an end joined the place (absent at W1, not at W2); an end left it
 * (the reverse); the pair is not observed at W1; not observed at W2.
 */
enum ripple_unknown_reason {
	RIPPLE_UNKNOWN_JOINER, RIPPLE_UNKNOWN_LEAVER,
	RIPPLE_UNKNOWN_MISSING_FROM, RIPPLE_UNKNOWN_MISSING_TO
};
#define RIPPLE_NUNKNOWN_REASONS 4

/** "joiner", "leaver", "missing_from" or "missing_to". */
const char *ripple_unknown_reason_name(enum ripple_unknown_reason r);

/** "confirmed", "unconfirmed" or "unconfirmable". */
const char *ripple_confirmation_name(enum ripple_confirmation c);

/**
 * A pair tied at W1 or W2 by the ties as reported (ties of several types
 * between two actors are one; ties imputed by --missing reconstruct are not
 * in the ledger).
 */
typedef struct ripple_tie_change {
	size_t a, b;               /* vertices: a < b when undirected, source and target when directed */
	enum ripple_tie_status status;
	int unknown;               /* enum ripple_unknown_reason when status is UNKNOWN, else -1 */
	double w1, w2;             /* summed weight at W1 and at W2, 0 when absent */
	int cross_sector;          /* 1 sectors differ, 0 same, -1 a sector is not given */
	int cross_organisation;    /* 1 different organisations, 0 same, -1 an end's organisation
	                              is not known (its topmost ancestor is not an organisation) */
	int cross_town;            /* 1 towns differ, 0 same, -1 a town is not given */
	int distance1;             /* steps between a and b at W1, undirected: 1, 2, 3 (3 or more), -1 none */
	int bridging;              /* new ties: 1 when distance1 is 3 or -1; 0 otherwise */
	int confirmation1, confirmation2; /* directed: enum ripple_confirmation of a -> b at W1 and
	                              at W2; -1 when not tied at that wave, or undirected */
} ripple_tie_change;

/** A ripple that names two or more actors, and how they are joined at W2. */
typedef struct ripple_ripple_link {
	char *id, *label;          /* owned */
	char *actors;              /* the ids it names, "a;b;c", owned */
	long pairs, pairs_new, pairs_kept, pairs_none;
	enum ripple_tie_status status; /* NEW if any pair is joined by a new tie, else KEPT if
	                                  any by a kept tie, else UNKNOWN if any by a tie whose
	                                  change is not known; pairs_none == pairs means none */
	int joined;                /* 0 when no pair is joined at W2 */
	long pairs_unknown;        /* pairs joined at W2 only by ties whose change is not known */
} ripple_ripple_link;

typedef struct ripple_compare_options {
	long permutations;         /* N of both permutation tests, default 1000 */
	unsigned long seed;        /* seed of both tests (and of the communities), default 42 */
	int weighted;              /* QAP on weights instead of presence; weighted measures */
	ripple_paths_options paths; /* the all-pairs measures of both waves */
	ripple_graph_options graph; /* how both waves are built (non-response, undirected view) */
	int network_only;          /* 1: m1 and m2 without the actor measures only actor
	                              tables print (ripple_metrics_options.network_only) */
} ripple_compare_options;

#define RIPPLE_COMPARE_OPTIONS_INIT {1000, 42, 0, RIPPLE_PATHS_OPTIONS_INIT, \
                                     RIPPLE_GRAPH_OPTIONS_INIT, 0}

typedef struct ripple_compare {
	ripple_graph g1, g2;       /* the two waves, owned */
	ripple_metrics m1, m2;     /* their measures, owned */
	ripple_tie_change *ties;   /* new, then lost, then kept, then unknown; each by actor
	                              order, owned */
	size_t nties;
	long count[RIPPLE_NTIE_STATUSES]; /* by enum ripple_tie_status */
	long unknown[RIPPLE_NUNKNOWN_REASONS]; /* unknown ties by enum ripple_unknown_reason */
	long strengthened, weakened;            /* kept ties whose weight rose / fell */
	long new_cross_sector, new_cross_organisation, new_cross_town, new_bridging; /* new ties
	                              whose flag is 1 (not -1) */
	double jaccard;            /* kept / (new + lost + kept); NAN when no ties at all */
	double hamming;            /* new + lost: cells of the adjacency matrix that differ */
	int *first_connected;      /* per vertex: tied at W2 and at no wave before W2; with
	                              responses (not census): answered at W1, a tie reported
	                              (not imputed) at W2, none reported before W2 */
	int *joiner;               /* per vertex: absent at W1 and not at W2 (--missing census or
	                              no responses: no tie at W1, a tie at W2) */
	int *leaver;               /* per vertex: the reverse */
	int joined_by_absence;     /* 1 when joiner and leaver come from responses.csv's absent,
	                              0 when from having no tie (census, or no responses) */
	long *new_ties;            /* per vertex: new ties it is part of */
	unsigned char *qap_actor;  /* per vertex: 1 when its rows are in the QAP (answered at
	                              both waves; every actor under census) */
	size_t qap_n;              /* actors in the QAP */
	double qap_r;              /* correlation of the two adjacency matrices; NAN if undefined */
	double qap_p;              /* share of permutations with r >= observed, (1 + k) / (1 + N) */
	signed char *attendee;     /* per vertex: 1 in the attendee group, 0 in the others, -1
	                              in neither */
	double attend_mean_yes, attend_mean_no; /* mean new ties of attendees / of the others */
	long attend_yes, attend_no;             /* actors in each group (attended not given: neither) */
	long attend_before;        /* attended before W1 (by its time): in neither group */
	double attend_diff, attend_p;           /* difference of means; p = (1 + k) / (1 + N) */
	long permutations;
	unsigned long seed;
	int weighted;              /* QAP on weights, weighted measures */
	ripple_ripple_link *links; /* ripples naming two or more actors, in ripples.csv order */
	size_t nlinks;
} ripple_compare;

/**
 * Compares wave w1 with wave w2 of the place m (which must outlive out): measures of both, the tie ledger,
 * actors, the QAP and attendee permutation tests (seeded) and the ripples.
 * opts->graph.missing decides which pairs count (docs/MEASURES.md, "Change"):
 * census every pair, as if every actor answered; otherwise only pairs observed
 * at both waves, and only actors who answered at both in the QAP and the
 * attendee test.
 * Costs the measures of both waves plus O(N * m) for the tests.
 */
int ripple_compare_run(ripple_compare *out, const ripple_model *m, const char *w1,
                       const char *w2, const ripple_compare_options *opts, ripple_error *err);

void ripple_compare_release(ripple_compare *c);

/**
 * The numbers that the new ties some ripple rests on carry, on the change map
 * and on the ripple map alike (issue 19): the NEW ties of c ordered by (label
 * of end a, label of end b; a and b as in ripple_tie_change: source and
 * target when directed, else the lower actor index first), byte order, then
 * by a and b; numbered 1..k among those whose two ends some ripple of the
 * place names (ripple_ripple.actors holds both). numbers gets c->nties
 * entries: the number of c->ties[t], 0 for a tie without one. Returns k, or
 * -1 when out of memory. O(new log new + new * ripples * actors a ripple names).
 */
long ripple_compare_number_ripple_ties(size_t *numbers, const ripple_compare *c);

/**
 * The top gainers in actor measure m: up to max vertices with the largest
 * positive change W2 - W1, largest first (equal changes in actor order), in
 * out. Returns how many (actors whose change is 0, negative or null are never
 * listed). Costs O(max * n).
 */
size_t ripple_compare_gainers(size_t *out, size_t max, const ripple_compare *c,
                              enum ripple_node_measure m);

/**
 * QAP: Pearson correlation of the off-diagonal cells of two adjacency matrices
 * on the same n vertices (the upper triangle when undirected), and the share
 * of N joint row-and-column permutations of the second whose correlation is at
 * least the observed one, counted as (1 + k) / (1 + N). Cell values are the
 * given edge values (1 for presence). Permutations use the seeded generator
 * of ripple_rng_*; costs O(N * m2).
 */
int ripple_qap(double *r, double *p, size_t n, int directed,
               const size_t *e1, const double *v1, size_t m1,
               const size_t *e2, const double *v2, size_t m2,
               long permutations, unsigned long seed, ripple_error *err);

#endif /* RIPPLE_COMPARE_API_H */
