/*
 * ripple/waves.h - every wave of a place at once: the measures as a series,
 * every tie's history as a pattern across the waves, and how long new ties last.
 * Part of the public API: include "ripple.h" for all of it.
 *
 * docs/MEASURES.md, "Over all waves", defines each number.
 */
#ifndef RIPPLE_WAVES_API_H
#define RIPPLE_WAVES_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/graph.h"
#include "ripple/metrics.h"
#include "ripple/model.h"

/* ------------------------------------------------------------------------ */
/* Over all waves (docs/MEASURES.md, "Over all waves")                        */
/* ------------------------------------------------------------------------ */

/** The characters of a tie's pattern, one per wave. */
#define RIPPLE_PATTERN_TIED '1'      /* the pair is tied at the wave (as reported) */
#define RIPPLE_PATTERN_UNTIED '0'    /* observed at the wave and not tied */
#define RIPPLE_PATTERN_UNKNOWN '?'   /* not observed: an end absent, or its reporter did not
                                        answer (as compare's observed pairs; never under
                                        census) */

/**
 * A pair tied at one wave or more, by the ties as reported (ties of several
 * types between two actors are one; what --missing reconstruct imputes is not
 * a report and is not here), as in compare's ledger.
 */
typedef struct ripple_tie_history {
	size_t a, b;               /* vertices: a < b when undirected, source and target when directed */
	const char *pattern;       /* one RIPPLE_PATTERN_* per wave, in wave order, NUL-terminated;
	                              owned by the ripple_waves */
	size_t first, last;        /* the first and the last wave (index) it is tied at */
	size_t tied;               /* waves it is tied at */
} ripple_tie_history;

/**
 * Persistence of the ties new at wave k: formed = pairs whose pattern is '0'
 * at k - 1 and '1' at k (observed at both, so known to be new); observed =
 * those of them not '?' at k + 1; kept = those '1' at k + 1.
 */
typedef struct ripple_persistence {
	size_t wave;               /* k, the wave (index >= 1) the ties are new at; RIPPLE_NONE for
	                              the sum over every k */
	long formed;
	long observed;             /* of formed, observed at k + 1 */
	long kept;                 /* of observed, tied at k + 1 */
	double share;              /* kept / observed; NAN when observed is 0 */
} ripple_persistence;

/** What to compute. Start from RIPPLE_WAVES_OPTIONS_INIT. */
typedef struct ripple_waves_options {
	ripple_graph_options graph;    /* how each wave is built and which pairs are observed */
	ripple_metrics_options metrics; /* how the series is measured */
	int measures;                  /* 1: build every wave and measure it (the series);
	                                  0: the patterns and persistence alone (cheap) */
} ripple_waves_options;

#define RIPPLE_WAVES_OPTIONS_INIT {RIPPLE_GRAPH_OPTIONS_INIT, RIPPLE_METRICS_OPTIONS_INIT, 1}

typedef struct ripple_waves {
	const ripple_model *model; /* the place (borrowed: it must outlive this) */
	size_t nwaves;             /* the model's */
	ripple_graph_options graph; /* how it was computed */
	ripple_graph *graphs;      /* per wave, built with opts->graph; NULL unless opts->measures */
	ripple_metrics *metrics;   /* per wave, its measures (network_only: the actor-only ones
	                              are NAN); NULL unless opts->measures */
	ripple_tie_history *ties;  /* every pair tied at some wave, by (a, b) in actor order */
	size_t nties;
	ripple_persistence *persistence; /* per wave k = 1 .. nwaves - 2 (index k - 1) */
	size_t npersistence;       /* nwaves - 2, 0 when the place has fewer than three waves */
	ripple_persistence overall; /* formed, observed and kept summed over every k; share of
	                              the sums */
	char *patterns;            /* the patterns' text (private) */
} ripple_waves;

/**
 * Every wave of the place m (which must outlive out) into *out (the caller's,
 * released with _release): with opts->measures, each wave built with
 * opts->graph and measured as ripple_metrics_compute_waves does (the same
 * numbers as `ripple metrics`); and always the tie histories and their
 * persistence. A pair is observed at a wave as compare says (docs/MEASURES.md,
 * "Observed pairs and unknown ties"): every pair under census. opts NULL:
 * RIPPLE_WAVES_OPTIONS_INIT. Costs the measures of every wave, plus
 * O(T log T + P * W) for T ties, P tied pairs and W waves.
 */
int ripple_waves_run(ripple_waves *out, const ripple_model *m, const ripple_waves_options *opts,
                     ripple_error *err);

/** Releases what out holds (not the model). No operation on a zeroed one. */
void ripple_waves_release(ripple_waves *w);

#endif /* RIPPLE_WAVES_API_H */
