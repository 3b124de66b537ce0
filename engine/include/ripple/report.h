/*
 * ripple/report.h - self-contained HTML reports.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_REPORT_API_H
#define RIPPLE_REPORT_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/batch.h"
#include "ripple/model.h"

/* ------------------------------------------------------------------------ */
/* Reports: one self-contained HTML file (docs/REPORTS.md)                    */
/* ------------------------------------------------------------------------ */

/** What a report compares and how. Start from RIPPLE_REPORT_OPTIONS_INIT. */
typedef struct ripple_report_options {
	const char *from, *to;               /* waves; NULL: each place's first and last */
	ripple_compare_options compare;      /* permutations, seed, weighted, non-response */
	double min_response;                 /* a wave answered by fewer gets a warning */
	int level;                           /* enum ripple_level the model is at: the caller
	                                        rolls it up (ripple_model_rollup); the report
	                                        names the level in its title and methods */
	int pseudonymised;                   /* enum ripple_pseudo_scope the model was
	                                        pseudonymised with (ripple_model_pseudonymise,
	                                        by the caller): the report says so under its
	                                        title and in its methods; 0: not */
	const char *command;                 /* the command line that made the report, already
	                                        shell-quoted (the caller's, borrowed): the appendix
	                                        prints it as the way to make the report again;
	                                        NULL: the appendix says which options to give */
	const char *source;                  /* the SOURCE as the user named it (borrowed), for
	                                        the appendix's ripple compare line; NULL: "SOURCE" */
} ripple_report_options;

#define RIPPLE_REPORT_OPTIONS_INIT {NULL, NULL, RIPPLE_COMPARE_OPTIONS_INIT, 0.7, 0, 0, NULL, NULL}

/**
 * The report of one place, W1 -> W2, as one HTML page in *html (malloc'd, *len
 * bytes): headline cards, every wave of the place (ripple_waves_run: a table,
 * a line chart of ties and the persistence of new ties), the change map and
 * the ripple map (inline SVG), the sector x sector mixing matrix at W1 and W2
 * (ripple_mixing_compute), the community capitals, top gainers, new ties, the
 * ripples resting on them, the two permutation tests in words, and a methods
 * appendix with every network measure at every wave. Needs nothing but
 * itself to be read: no scripts, no external files. Every piece of user text
 * is escaped. The same place and options give the same bytes.
 * Costs one ripple_compare_run, whose measures the change map draws too (so
 * only the place's other waves are measured, for the sizes), one
 * ripple_waves_run (every wave measured again, with the comparison's graph,
 * seed, weighting and path options), and two pictures. The network layout is the model's stored one, else computed for
 * the report and not kept: nothing is written.
 */
int ripple_report_place(char **html, size_t *len, const ripple_model *m,
                        const ripple_report_options *opts, ripple_error *err);

/**
 * A summary across the places of a batch b (ripple_batch_run with the waves
 * and compare options of opts): a table of the results and charts of the main
 * change measures per place. Places the batch left out are listed as such;
 * a batch without a row is RIPPLE_EINPUT. Costs O(places).
 */
int ripple_report_summary(char **html, size_t *len, const ripple_batch *b,
                          const ripple_report_options *opts, ripple_error *err);

#endif /* RIPPLE_REPORT_API_H */
