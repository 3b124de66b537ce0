/*
 * ripple/batch.h - one comparison per place, across many places.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_BATCH_API_H
#define RIPPLE_BATCH_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/compare.h"
#include "ripple/mixing.h"
#include "ripple/waves.h"

/* ------------------------------------------------------------------------ */
/* Batch: one comparison per place, across many places                        */
/* ------------------------------------------------------------------------ */

/** The change measures of a batch row, in output order (docs/MEASURES.md, "Batch"). */
enum ripple_batch_measure {
	RIPPLE_BATCH_TIES_NEW, RIPPLE_BATCH_TIES_LOST, RIPPLE_BATCH_TIES_KEPT,
	RIPPLE_BATCH_KEPT_STRENGTHENED, RIPPLE_BATCH_KEPT_WEAKENED,
	RIPPLE_BATCH_NEW_CROSS_SECTOR, RIPPLE_BATCH_NEW_CROSS_ORGANISATION,
	RIPPLE_BATCH_NEW_CROSS_TOWN, RIPPLE_BATCH_NEW_BRIDGING,
	RIPPLE_BATCH_JACCARD, RIPPLE_BATCH_HAMMING,
	RIPPLE_BATCH_FIRST_CONNECTED, RIPPLE_BATCH_JOINERS, RIPPLE_BATCH_LEAVERS,
	RIPPLE_BATCH_QAP_R, RIPPLE_BATCH_QAP_P,
	RIPPLE_BATCH_ATTENDEE_DIFFERENCE, RIPPLE_BATCH_ATTENDEE_P,
	RIPPLE_BATCH_ATTENDEES, RIPPLE_BATCH_NON_ATTENDEES,
	RIPPLE_BATCH_RIPPLES_LINKED, RIPPLE_BATCH_RIPPLES_ON_NEW_TIES,
	RIPPLE_BATCH_TIES_UNKNOWN, RIPPLE_BATCH_UNKNOWN_JOINER, RIPPLE_BATCH_UNKNOWN_LEAVER,
	RIPPLE_BATCH_UNKNOWN_MISSING_FROM, RIPPLE_BATCH_UNKNOWN_MISSING_TO,
	RIPPLE_BATCH_QAP_ACTORS, RIPPLE_BATCH_TRAINED_BEFORE,
	RIPPLE_BATCH_COUNT
};

const ripple_measure_info *ripple_batch_measure_info(enum ripple_batch_measure m);

/** A pair tied at some wave of a place (ripple_tie_history, with the actors named). */
typedef struct ripple_batch_tie {
	char *a, *b;                         /* the actors' ids (actors.csv), owned; a < b in
	                                        actor order when undirected, else source, target */
	int64_t key_a, key_b;                /* their actor_id in the store */
	char *pattern;                       /* one RIPPLE_PATTERN_* per wave of the row, owned */
	size_t first, last;                  /* the first and last wave tied at (index in waves) */
	size_t tied;                         /* waves it is tied at */
} ripple_batch_tie;

/** The result of one place. */
typedef struct ripple_batch_row {
	char *place, *from, *to;             /* place name and the waves compared, owned */
	int64_t place_id;                    /* in the store */
	uint64_t stamp;                      /* the place when it was planned, before it was
	                                        read (ripple_store_place_stamp) */
	int directed;
	double net[2][RIPPLE_NET_COUNT];     /* network measures at from and at to; NAN when
	                                        undefined or not reported for this place */
	double change[RIPPLE_BATCH_COUNT];   /* by enum ripple_batch_measure; NAN when undefined */
	long responses[2][RIPPLE_NRESPONSES]; /* actors by enum ripple_response at from and at to */
	/* the sector mixing matrix at from (mixing[0]) and to (mixing[1]), of the graphs the
	 * comparison built: mixing[w].sectors points into sectors, which the row owns, as it
	 * owns mixing[w].ties (do not ripple_mixing_release them) */
	char **sectors;
	ripple_mixing mixing[2];
	/* every wave of the place (when opts->waves; else nwaves is 0 and these NULL) */
	char **waves;                        /* the place's waves in order, owned */
	size_t nwaves;
	double (*series)[RIPPLE_NET_COUNT];  /* per wave, the network measures; NAN as net */
	ripple_persistence *persistence;     /* ties new at wave k = 1 .. nwaves - 2 (index k - 1) */
	size_t npersistence;
	ripple_persistence overall;          /* summed over every k (wave RIPPLE_NONE) */
	ripple_batch_tie *ties;              /* every pair tied at some wave, by actor order */
	size_t nties;
} ripple_batch_row;

/** How to run a batch. Start from RIPPLE_BATCH_OPTIONS_INIT. */
typedef struct ripple_batch_options {
	const char *from, *to;               /* waves; NULL: each place's first and last */
	ripple_compare_options compare;      /* permutations, seed, weighted, and how every
	                                        wave is built (compare.graph: --missing,
	                                        --undirected) */
	int jobs;                            /* worker processes; 1: all in this process */
	const char *reopen;                  /* the database file workers open for themselves;
	                                        NULL: they use the (in-memory) store they inherit */
	void (*progress)(void *ctx, size_t done, size_t total); /* after each place, or NULL */
	void *progress_ctx;
	int level;                           /* enum ripple_level: RIPPLE_LEVEL_ORGANISATION rolls
	                                        every place up (ripple_model_rollup) first */
	int waves;                           /* 1: every wave too (ripple_waves_run: the series,
	                                        the tie histories, persistence); costs the
	                                        measures of every wave of every place;
	                                        0 (the default): from and to alone */
} ripple_batch_options;

#define RIPPLE_BATCH_OPTIONS_INIT {NULL, NULL, RIPPLE_COMPARE_OPTIONS_INIT, 1, NULL, NULL, NULL, \
                                   0, 0}

typedef struct ripple_batch {
	ripple_batch_row *rows;              /* the places compared, in the order given, owned */
	size_t nrows;
	char **skipped;                      /* "PLACE: why" for each place left out, owned */
	size_t nskipped;
	enum ripple_policy policy;           /* the policy every row was computed with */
} ripple_batch;

/**
 * Compares two waves of each of the n places (names[i] names place_ids[i], for
 * the skipped list). A place without one of the waves is skipped, not an error.
 * With opts->jobs > 1 the places are spread over that many worker processes
 * (fork); the rows are the same, in the same order, whatever the number.
 * Costs one ripple_compare_run and one ripple_mixing_compute per place, and
 * with opts->waves one ripple_waves_run.
 */
int ripple_batch_run(ripple_batch *out, ripple_store *store, const int64_t *place_ids,
                     char *const *names, size_t n, const ripple_batch_options *opts,
                     ripple_error *err);

void ripple_batch_release(ripple_batch *b);

/** One change measure summarised across the places of a batch. */
typedef struct ripple_batch_stat {
	char measure[64];                    /* a batch measure, or NET_change */
	int integer;                         /* 1: a count */
	size_t n;                            /* places where it is defined */
	double mean, median, min, max;       /* NAN when n is 0 */
} ripple_batch_stat;

/** Every change measure and every network measure's change, summarised. *out malloc'd. */
int ripple_batch_summary(ripple_batch_stat **out, size_t *count, const ripple_batch *b);

/**
 * Stores a batch in the batch_run, batch_result, batch_tie and batch_mixing
 * tables (schemas/schema.sql, version 5), in one transaction; *run_id (if not
 * NULL) gets the new run's id. A place that changed since the batch read it
 * (imported again, deleted) is not stored: it is added to b->skipped ("PLACE:
 * changed since it was read: not stored") and counted in batch_run.skipped;
 * the other places are stored all the same. batch_result has, per place, each network
 * measure at from and to and its change, the change measures, and for a row
 * with every wave the network measures at the other waves and persistence
 * (docs/MEASURES.md, "Batch").
 */
int ripple_batch_store(int64_t *run_id, ripple_store *store, ripple_batch *b,
                       const ripple_batch_options *opts, ripple_error *err);

#endif /* RIPPLE_BATCH_API_H */
