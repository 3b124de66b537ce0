/*
 * waves.c - every wave of a place at once: the measures of each wave as a
 * series, each tied pair's history as a pattern of '1' (tied), '0' (observed,
 * not tied) and '?' (not observed) across the waves, and how many ties new at
 * a wave are still there at the next (docs/MEASURES.md, "Over all waves").
 *
 * A tie is a pair as in compare.c: unordered when undirected, ordered when
 * directed, by the ties as reported (what a policy imputes is an estimate, not
 * a report). Whether a pair is observed at a wave is compare.c's rule, said
 * again here (the two must agree; test_waves checks it against compare).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/error.h"
#include "ripple/graph.h"
#include "ripple/metrics.h"
#include "ripple/model.h"
#include "ripple/place.h"
#include "ripple/waves.h"

/* ---- what is observed ---------------------------------------------------------- */

/* The pair observed at wave w (ripple_model_observed, as compare), or every pair under census. */
static int observed(const ripple_model *m, size_t w, size_t a, size_t b, int census)
{
	return census || ripple_model_observed(m, w, a, b);
}

/* ---- the tied pairs ------------------------------------------------------------- */

typedef struct tied_row {
	size_t a, b, w;
} tied_row;

static int tied_order(const void *x, const void *y)
{
	const tied_row *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return (p->w > q->w) - (p->w < q->w);
}

/*
 * The histories of every pair tied at some wave, with their patterns, into
 * w->ties and w->patterns. O(T log T + P * W).
 */
static int histories(ripple_waves *w, int census)
{
	const ripple_model *m = w->model;
	size_t nrows = 0, npairs = 0, W = w->nwaves;
	tied_row *rows = malloc((m->nties + 1) * sizeof(*rows));

	if (!rows)
		return RIPPLE_ENOMEM;
	for (size_t k = 0; k < W; k++) {
		ripple_indices ties = m->wave_ties[k];
		for (size_t i = 0; i < ties.count; i++) {
			const ripple_tie *t = &m->ties[ties.items[i]];
			size_t a = t->source, b = t->target;
			if (!m->directed && b < a) {
				a = t->target;
				b = t->source;
			}
			rows[nrows++] = (tied_row){ a, b, k };
		}
	}
	qsort(rows, nrows, sizeof(*rows), tied_order);
	for (size_t i = 0; i < nrows; i++)
		npairs += i == 0 || rows[i].a != rows[i - 1].a || rows[i].b != rows[i - 1].b;
	w->ties = calloc(npairs + 1, sizeof(*w->ties));
	w->patterns = malloc(npairs * (W + 1) + 1);
	if (!w->ties || !w->patterns) {
		free(rows);
		return RIPPLE_ENOMEM;
	}
	for (size_t i = 0; i < nrows;) {
		ripple_tie_history *h = &w->ties[w->nties];
		char *p = w->patterns + w->nties * (W + 1);
		size_t a = rows[i].a, b = rows[i].b;
		for (size_t k = 0; k < W; k++)
			p[k] = observed(m, k, a, b, census) ? RIPPLE_PATTERN_UNTIED : RIPPLE_PATTERN_UNKNOWN;
		p[W] = '\0';
		h->a = a;
		h->b = b;
		h->pattern = p;
		h->first = rows[i].w;
		for (; i < nrows && rows[i].a == a && rows[i].b == b; i++) {
			/* a reported tie is known to be there, whatever else holds */
			if (p[rows[i].w] != RIPPLE_PATTERN_TIED)
				h->tied++;
			p[rows[i].w] = RIPPLE_PATTERN_TIED;
			h->last = rows[i].w;
		}
		w->nties++;
	}
	free(rows);
	return RIPPLE_OK;
}

/* Adds the ties new at wave k and what became of them at k + 1 into *p. */
static void persist(ripple_persistence *p, const ripple_waves *w, size_t k)
{
	for (size_t i = 0; i < w->nties; i++) {
		const char *s = w->ties[i].pattern;
		if (s[k - 1] != RIPPLE_PATTERN_UNTIED || s[k] != RIPPLE_PATTERN_TIED)
			continue;
		p->formed++;
		if (s[k + 1] == RIPPLE_PATTERN_UNKNOWN)
			continue;
		p->observed++;
		p->kept += s[k + 1] == RIPPLE_PATTERN_TIED;
	}
	p->share = p->observed > 0 ? (double)p->kept / (double)p->observed : NAN;
}

/* ---- the series ---------------------------------------------------------------- */

static int series(ripple_waves *w, const ripple_waves_options *opts, ripple_error *err)
{
	const ripple_model *m = w->model;
	const ripple_graph **gs = malloc((w->nwaves + 1) * sizeof(*gs));
	int rc = RIPPLE_OK;

	w->graphs = calloc(w->nwaves + 1, sizeof(*w->graphs));
	w->metrics = calloc(w->nwaves + 1, sizeof(*w->metrics));
	if (!gs || !w->graphs || !w->metrics) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t k = 0; k < w->nwaves; k++) {
		if ((rc = ripple_graph_build(&w->graphs[k], m, m->waves[k].name, &opts->graph, err)) < 0)
			goto done;
		gs[k] = &w->graphs[k];
	}
	if (w->nwaves > 0) {
		/* the series is of network measures: no actor-only measure (network_only) */
		ripple_metrics_options mo = opts->metrics;
		mo.network_only = 1;
		rc = ripple_metrics_compute_waves(w->metrics, gs, w->nwaves, &mo, err);
	}
done:
	free(gs);
	return rc;
}

/* ---- the run ------------------------------------------------------------------- */

int ripple_waves_run(ripple_waves *out, const ripple_model *m, const ripple_waves_options *opts,
                     ripple_error *err)
{
	static const ripple_waves_options defaults = RIPPLE_WAVES_OPTIONS_INIT;
	int rc;

	if (!opts)
		opts = &defaults;
	memset(out, 0, sizeof(*out));
	out->model = m;
	out->nwaves = m->nwaves;
	out->graph = opts->graph;
	out->overall.wave = RIPPLE_NONE;
	if ((rc = histories(out, opts->graph.missing == RIPPLE_POLICY_CENSUS)) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	if (out->nwaves >= 3) {
		out->npersistence = out->nwaves - 2;
		if (!(out->persistence = calloc(out->npersistence, sizeof(*out->persistence)))) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto fail;
		}
		for (size_t k = 1; k + 1 < out->nwaves; k++) {
			out->persistence[k - 1].wave = k;
			persist(&out->persistence[k - 1], out, k);
			out->overall.formed += out->persistence[k - 1].formed;
			out->overall.observed += out->persistence[k - 1].observed;
			out->overall.kept += out->persistence[k - 1].kept;
		}
	}
	out->overall.share = out->overall.observed > 0
	                     ? (double)out->overall.kept / (double)out->overall.observed : NAN;
	if (opts->measures && (rc = series(out, opts, err)) < 0)
		goto fail;
	return RIPPLE_OK;
fail:
	ripple_waves_release(out);
	return rc;
}

void ripple_waves_release(ripple_waves *w)
{
	if (!w)
		return;
	for (size_t k = 0; k < w->nwaves; k++) {
		if (w->metrics)
			ripple_metrics_release(&w->metrics[k]);
		if (w->graphs)
			ripple_graph_release(&w->graphs[k]);
	}
	free(w->metrics);
	free(w->graphs);
	free(w->ties);
	free(w->patterns);
	free(w->persistence);
	memset(w, 0, sizeof(*w));
}
