/*
 * batch.c - the same comparison over many places, in worker processes.
 *
 * A batch compares two waves of every place (ripple_compare_run) and keeps,
 * per place, the network measures at both waves and the change measures. The
 * places run one after another in this process, or spread over worker
 * processes (igraph is not thread-safe): the parent hands out place numbers
 * one at a time over a pipe per worker and reads each result back over
 * another, so a slow place never holds up the rest, and the rows come back in
 * the order of the places whatever the number of workers.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "ripple/batch.h"
#include "ripple/compare.h"
#include "ripple/error.h"
#include "ripple/graph.h"
#include "ripple/metrics.h"
#include "ripple/mixing.h"
#include "ripple/model.h"
#include "ripple/rollup.h"
#include "ripple/store.h"
#include "ripple/waves.h"
#include "util.h"

/* ---- the change measures -------------------------------------------------- */

static const ripple_measure_info batch_info[RIPPLE_BATCH_COUNT] = {
	[RIPPLE_BATCH_TIES_NEW] = { "ties_new", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_TIES_LOST] = { "ties_lost", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_TIES_KEPT] = { "ties_kept", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_KEPT_STRENGTHENED] = { "kept_strengthened", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_KEPT_WEAKENED] = { "kept_weakened", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_NEW_CROSS_SECTOR] = { "new_cross_sector", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_NEW_CROSS_ORGANISATION] = { "new_cross_organisation", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_NEW_CROSS_TOWN] = { "new_cross_town", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_NEW_BRIDGING] = { "new_bridging", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_JACCARD] = { "jaccard", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_HAMMING] = { "hamming", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_FIRST_CONNECTED] = { "actors_first_connected", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_JOINERS] = { "joiners", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_LEAVERS] = { "leavers", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_QAP_R] = { "qap_r", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_QAP_P] = { "qap_p", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_ATTENDEE_DIFFERENCE] = { "attendee_difference", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_ATTENDEE_P] = { "attendee_p", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_ATTENDEES] = { "attendees", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_NON_ATTENDEES] = { "non_attendees", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_RIPPLES_LINKED] = { "ripples_naming_actors", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_RIPPLES_ON_NEW_TIES] = { "ripples_on_new_ties", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_TIES_UNKNOWN] = { "ties_unknown", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_UNKNOWN_JOINER] = { "unknown_joiner", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_UNKNOWN_LEAVER] = { "unknown_leaver", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_UNKNOWN_MISSING_FROM] = { "unknown_missing_from", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_UNKNOWN_MISSING_TO] = { "unknown_missing_to", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_QAP_ACTORS] = { "qap_actors", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_BATCH_TRAINED_BEFORE] = { "trained_before", 1, RIPPLE_SCOPE_ALWAYS },
};

const ripple_measure_info *ripple_batch_measure_info(enum ripple_batch_measure m)
{
	return m < RIPPLE_BATCH_COUNT ? &batch_info[m] : NULL;
}

/* ---- one place ------------------------------------------------------------- */

/* A place to compare: its waves are known to exist. */
typedef struct task {
	int64_t place_id;
	uint64_t stamp;    /* the place before it is read (ripple_store_place_stamp) */
	char *from, *to;   /* owned */
} task;

/* Fills the numbers of row from a comparison. */
static void fill_row(ripple_batch_row *row, const ripple_compare *c)
{
	long first = 0, joiners = 0, leavers = 0, on_new = 0;
	double *x = row->change;

	row->directed = c->g1.directed;
	for (int k = 0; k < RIPPLE_NET_COUNT; k++) {
		const ripple_measure_info *info = ripple_net_measure_info(k);
		int applies = ripple_measure_applies(info->scope, c->g1.directed,
		                                     c->m1.has_trust, c->m1.has_value);
		row->net[0][k] = applies ? c->m1.net[k] : NAN;
		row->net[1][k] = applies ? c->m2.net[k] : NAN;
	}
	for (size_t i = 0; i < c->g1.n; i++) {
		first += c->first_connected[i];
		joiners += c->joiner[i];
		leavers += c->leaver[i];
	}
	for (size_t i = 0; i < c->nlinks; i++)
		on_new += c->links[i].joined && c->links[i].status == RIPPLE_TIE_NEW;
	x[RIPPLE_BATCH_TIES_NEW] = (double)c->count[RIPPLE_TIE_NEW];
	x[RIPPLE_BATCH_TIES_LOST] = (double)c->count[RIPPLE_TIE_LOST];
	x[RIPPLE_BATCH_TIES_KEPT] = (double)c->count[RIPPLE_TIE_KEPT];
	x[RIPPLE_BATCH_KEPT_STRENGTHENED] = (double)c->strengthened;
	x[RIPPLE_BATCH_KEPT_WEAKENED] = (double)c->weakened;
	x[RIPPLE_BATCH_NEW_CROSS_SECTOR] = (double)c->new_cross_sector;
	x[RIPPLE_BATCH_NEW_CROSS_ORGANISATION] = (double)c->new_cross_organisation;
	x[RIPPLE_BATCH_NEW_CROSS_TOWN] = (double)c->new_cross_town;
	x[RIPPLE_BATCH_NEW_BRIDGING] = (double)c->new_bridging;
	x[RIPPLE_BATCH_JACCARD] = c->jaccard;
	x[RIPPLE_BATCH_HAMMING] = c->hamming;
	x[RIPPLE_BATCH_FIRST_CONNECTED] = (double)first;
	x[RIPPLE_BATCH_JOINERS] = (double)joiners;
	x[RIPPLE_BATCH_LEAVERS] = (double)leavers;
	x[RIPPLE_BATCH_QAP_R] = c->qap_r;
	x[RIPPLE_BATCH_QAP_P] = c->qap_p;
	x[RIPPLE_BATCH_ATTENDEE_DIFFERENCE] = c->attend_diff;
	x[RIPPLE_BATCH_ATTENDEE_P] = c->attend_p;
	x[RIPPLE_BATCH_ATTENDEES] = (double)c->attend_yes;
	x[RIPPLE_BATCH_NON_ATTENDEES] = (double)c->attend_no;
	x[RIPPLE_BATCH_RIPPLES_LINKED] = (double)c->nlinks;
	x[RIPPLE_BATCH_RIPPLES_ON_NEW_TIES] = (double)on_new;
	x[RIPPLE_BATCH_TIES_UNKNOWN] = (double)c->count[RIPPLE_TIE_UNKNOWN];
	x[RIPPLE_BATCH_UNKNOWN_JOINER] = (double)c->unknown[RIPPLE_UNKNOWN_JOINER];
	x[RIPPLE_BATCH_UNKNOWN_LEAVER] = (double)c->unknown[RIPPLE_UNKNOWN_LEAVER];
	x[RIPPLE_BATCH_UNKNOWN_MISSING_FROM] = (double)c->unknown[RIPPLE_UNKNOWN_MISSING_FROM];
	x[RIPPLE_BATCH_UNKNOWN_MISSING_TO] = (double)c->unknown[RIPPLE_UNKNOWN_MISSING_TO];
	x[RIPPLE_BATCH_QAP_ACTORS] = (double)c->qap_n;
	x[RIPPLE_BATCH_TRAINED_BEFORE] = (double)c->attend_before;
	for (int w = 0; w < 2; w++) {
		const ripple_graph *g = w ? &c->g2 : &c->g1;
		row->responses[w][RIPPLE_RESPONSE_ANSWERED] = (long)g->answered;
		row->responses[w][RIPPLE_RESPONSE_MISSING] = (long)g->missing;
		row->responses[w][RIPPLE_RESPONSE_ABSENT] = (long)g->absent;
	}
}

/* The mixing matrices of both waves into row (sectors copied, the counts taken over). */
static int fill_mixing(ripple_batch_row *row, const ripple_compare *c, ripple_error *err)
{
	ripple_mixing mx[2] = { { 0 }, { 0 } };
	int rc;

	if ((rc = ripple_mixing_compute(&mx[0], &c->g1, err)) < 0 ||
	    (rc = ripple_mixing_compute(&mx[1], &c->g2, err)) < 0)
		goto done;
	/* both of one place: the same sectors (the place's) */
	if (!(row->sectors = calloc(mx[0].nsectors + 1, sizeof(*row->sectors)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t k = 0; k < mx[0].nsectors; k++)
		if (!(row->sectors[k] = strdup(mx[0].sectors[k]))) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
	for (int w = 0; w < 2; w++) {
		row->mixing[w] = mx[w];
		row->mixing[w].sectors = (const char **)row->sectors;
		mx[w].ties = NULL;
	}
done:
	ripple_mixing_release(&mx[0]);
	ripple_mixing_release(&mx[1]);
	return rc;
}

/* Every wave of m into row: the series, persistence and the tie histories. */
static int fill_waves(ripple_batch_row *row, const ripple_model *m, const ripple_waves *w)
{
	size_t W = w->nwaves;

	row->waves = calloc(W + 1, sizeof(*row->waves));
	row->series = calloc(W + 1, sizeof(*row->series));
	row->persistence = calloc(w->npersistence + 1, sizeof(*row->persistence));
	row->ties = calloc(w->nties + 1, sizeof(*row->ties));
	if (!row->waves || !row->series || !row->persistence || !row->ties)
		return -1;
	row->nwaves = W;
	for (size_t k = 0; k < W; k++) {
		if (!(row->waves[k] = strdup(m->waves[k].name)))
			return -1;
		for (int j = 0; j < RIPPLE_NET_COUNT; j++) {
			const ripple_measure_info *info = ripple_net_measure_info(j);
			int applies = ripple_measure_applies(info->scope, w->graphs[k].directed,
			                                     w->metrics[k].has_trust,
			                                     w->metrics[k].has_value);
			row->series[k][j] = applies ? w->metrics[k].net[j] : NAN;
		}
	}
	if (w->npersistence)   /* NULL with fewer than three waves */
		memcpy(row->persistence, w->persistence, w->npersistence * sizeof(*row->persistence));
	row->npersistence = w->npersistence;
	row->overall = w->overall;
	for (size_t i = 0; i < w->nties; i++, row->nties++) {
		const ripple_tie_history *h = &w->ties[i];
		ripple_batch_tie *t = &row->ties[i];
		t->key_a = m->actor_keys[h->a];
		t->key_b = m->actor_keys[h->b];
		t->first = h->first;
		t->last = h->last;
		t->tied = h->tied;
		t->a = strdup(m->actors[h->a].id);
		t->b = strdup(m->actors[h->b].id);
		t->pattern = strdup(h->pattern);
		if (!t->a || !t->b || !t->pattern) {
			row->nties++;   /* released with the row */
			return -1;
		}
	}
	return 0;
}

/* Compares one place into row (everything it holds owned by row, released with
 * row_release whether or not this succeeds). */
static int run_task(ripple_batch_row *row, ripple_store *store, const task *t,
                    const ripple_batch_options *opts, ripple_error *err)
{
	ripple_compare c;
	ripple_waves w;
	ripple_model *m = NULL;
	int rc, compared = 0;

	memset(row, 0, sizeof(*row));
	memset(&w, 0, sizeof(w));
	row->place_id = t->place_id;
	row->stamp = t->stamp;
	if ((rc = ripple_store_read(&m, store, t->place_id, err)) < 0)
		return rc;
	if (opts->level == RIPPLE_LEVEL_ORGANISATION) {
		ripple_model *r = NULL;
		if ((rc = ripple_model_rollup(&r, m, err)) < 0)
			goto done;
		ripple_model_free(m);
		m = r;
	}
	/* a batch row holds network measures and counts only: no actor table */
	ripple_compare_options co = opts->compare;
	co.network_only = 1;
	if ((rc = ripple_compare_run(&c, m, t->from, t->to, &co, err)) < 0)
		goto done;
	compared = 1;
	fill_row(row, &c);
	if ((rc = fill_mixing(row, &c, err)) < 0)
		goto done;
	row->place = strdup(c.g1.place);
	row->from = strdup(t->from);
	row->to = strdup(t->to);
	if (!row->place || !row->from || !row->to) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if (opts->waves) {
		/* measured as compare measures its two waves, so from and to agree */
		ripple_waves_options wo = RIPPLE_WAVES_OPTIONS_INIT;
		wo.graph = opts->compare.graph;
		wo.metrics.weighted = opts->compare.weighted;
		wo.metrics.seed = opts->compare.seed;
		wo.metrics.paths = opts->compare.paths;
		if ((rc = ripple_waves_run(&w, m, &wo, err)) < 0)
			goto done;
		if (fill_waves(row, m, &w) < 0)
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
done:
	ripple_waves_release(&w);
	if (compared)
		ripple_compare_release(&c);
	ripple_model_free(m);
	return rc;
}

static void row_release(ripple_batch_row *row)
{
	free(row->place);
	free(row->from);
	free(row->to);
	ripple_strv_free(row->sectors);
	free(row->mixing[0].ties);
	free(row->mixing[1].ties);
	ripple_strv_free(row->waves);
	free(row->series);
	free(row->persistence);
	for (size_t i = 0; i < row->nties; i++) {
		free(row->ties[i].a);
		free(row->ties[i].b);
		free(row->ties[i].pattern);
	}
	free(row->ties);
	memset(row, 0, sizeof(*row));
}

/* ---- the workers ------------------------------------------------------------ */

/* What the pool's functions share (its ctx). */
typedef struct work_ctx {
	ripple_store *store;               /* in a worker: that worker's own (opts->reopen) */
	const task *list;
	const ripple_batch_options *opts;
	ripple_batch_row *rows;            /* the caller's: rows[i] and done[i] set as results come */
	int *done;
} work_ctx;

/* In each worker, first: a connection must not cross fork(), so it opens the database again. */
static int work_start(void *ctx, ripple_error *err)
{
	work_ctx *c = ctx;
	int rc = RIPPLE_OK;

	if (c->opts->reopen && (rc = ripple_store_open(&c->store, c->opts->reopen, 0, err)) < 0)
		c->store = NULL;
	ripple_igraph_setup();
	return rc;
}

static void work_finish(void *ctx)
{
	work_ctx *c = ctx;

	if (c->opts->reopen)
		ripple_store_close(c->store);
}

/* Strings, their count first. */
static void put_strv(ripple_pool_msg *out, char *const *v, size_t n)
{
	uint64_t k = n;
	ripple_pool_put(out, &k, sizeof(k));
	for (size_t i = 0; i < n; i++)
		ripple_pool_put_str(out, v[i]);
}

/* A NULL-terminated copy of what put_strv wrote; *n its count. NULL when malformed. */
static char **get_strv(ripple_pool_msg *in, size_t *n)
{
	uint64_t k = 0;
	char **v;

	ripple_pool_get(in, &k, sizeof(k));
	*n = 0;
	if (in->failed || k > in->len - in->pos || !(v = calloc((size_t)k + 1, sizeof(*v)))) {
		in->failed = 1;
		return NULL;
	}
	for (size_t i = 0; i < k && !in->failed; i++)
		v[i] = ripple_pool_get_str(in);
	*n = (size_t)k;
	return v;
}

/* An array of n items of size bytes, its count first. */
static void put_array(ripple_pool_msg *out, const void *p, size_t n, size_t size)
{
	uint64_t k = n;
	ripple_pool_put(out, &k, sizeof(k));
	if (n)
		ripple_pool_put(out, p, n * size);
}

/* A malloc'd copy of what put_array wrote (n + 1 items, the last zero). */
static void *get_array(ripple_pool_msg *in, size_t *n, size_t size)
{
	uint64_t k = 0;
	void *p;

	ripple_pool_get(in, &k, sizeof(k));
	*n = 0;
	if (in->failed || k > (in->len - in->pos) / size || !(p = calloc((size_t)k + 1, size))) {
		in->failed = 1;
		return NULL;
	}
	ripple_pool_get(in, p, (size_t)k * size);
	*n = (size_t)k;
	return p;
}

/* In a worker: compares place i and writes its row (read back by work_take, in this order). */
static int work_run(ripple_pool_msg *out, size_t i, void *ctx, ripple_error *err)
{
	const work_ctx *c = ctx;
	ripple_batch_row row;
	int rc = run_task(&row, c->store, &c->list[i], c->opts, err);

	if (rc == RIPPLE_OK) {
		int32_t directed = row.directed;
		uint64_t nties = row.nties;
		ripple_pool_put(out, &directed, sizeof(directed));
		ripple_pool_put(out, row.net, sizeof(row.net));
		ripple_pool_put(out, row.change, sizeof(row.change));
		ripple_pool_put(out, row.responses, sizeof(row.responses));
		ripple_pool_put_str(out, row.place);
		ripple_pool_put_str(out, row.from);
		ripple_pool_put_str(out, row.to);
		/* the mixing matrices: the sectors, then each wave's total and counts */
		put_strv(out, row.sectors, row.mixing[0].nsectors);
		for (int w = 0; w < 2; w++) {
			int32_t mdirected = row.mixing[w].directed;
			ripple_pool_put(out, &mdirected, sizeof(mdirected));
			ripple_pool_put(out, &row.mixing[w].total, sizeof(row.mixing[w].total));
			ripple_pool_put(out, row.mixing[w].ties,
			                row.mixing[w].nsectors * row.mixing[w].nsectors * sizeof(long));
		}
		/* every wave */
		put_strv(out, row.waves, row.nwaves);
		ripple_pool_put(out, row.series, row.nwaves * sizeof(*row.series));
		put_array(out, row.persistence, row.npersistence, sizeof(*row.persistence));
		ripple_pool_put(out, &row.overall, sizeof(row.overall));
		ripple_pool_put(out, &nties, sizeof(nties));
		for (size_t k = 0; k < row.nties; k++) {
			const ripple_batch_tie *t = &row.ties[k];
			uint64_t idx[3] = { t->first, t->last, t->tied };
			int64_t keys[2] = { t->key_a, t->key_b };
			ripple_pool_put(out, idx, sizeof(idx));
			ripple_pool_put(out, keys, sizeof(keys));
			ripple_pool_put_str(out, t->a);
			ripple_pool_put_str(out, t->b);
			ripple_pool_put_str(out, t->pattern);
		}
	}
	row_release(&row);
	return rc;
}

/* Reads what work_run wrote after the strings into row; 0, or -1 when malformed. */
static int take_more(ripple_batch_row *row, ripple_pool_msg *in)
{
	size_t ns = 0, np = 0;
	uint64_t nties = 0;

	row->sectors = get_strv(in, &ns);
	for (int w = 0; w < 2 && !in->failed; w++) {
		ripple_mixing *mx = &row->mixing[w];
		int32_t mdirected = 0;
		mx->sectors = (const char **)row->sectors;
		mx->nsectors = ns;
		ripple_pool_get(in, &mdirected, sizeof(mdirected));
		mx->directed = mdirected;
		ripple_pool_get(in, &mx->total, sizeof(mx->total));
		if (ns > 0 && ns > (in->len - in->pos) / sizeof(long) / ns) {
			in->failed = 1;
			break;
		}
		if (!(mx->ties = calloc(ns * ns + 1, sizeof(long)))) {
			in->failed = 1;
			break;
		}
		ripple_pool_get(in, mx->ties, ns * ns * sizeof(long));
	}
	if (in->failed)
		return -1;
	row->waves = get_strv(in, &row->nwaves);
	if (in->failed || row->nwaves > (in->len - in->pos) / sizeof(*row->series) ||
	    !(row->series = calloc(row->nwaves + 1, sizeof(*row->series))))
		return -1;
	ripple_pool_get(in, row->series, row->nwaves * sizeof(*row->series));
	row->persistence = get_array(in, &np, sizeof(*row->persistence));
	row->npersistence = np;
	ripple_pool_get(in, &row->overall, sizeof(row->overall));
	ripple_pool_get(in, &nties, sizeof(nties));
	if (in->failed || nties > in->len - in->pos ||
	    !(row->ties = calloc((size_t)nties + 1, sizeof(*row->ties))))
		return -1;
	for (size_t k = 0; k < nties && !in->failed; k++, row->nties++) {
		ripple_batch_tie *t = &row->ties[k];
		uint64_t idx[3];
		int64_t keys[2];
		ripple_pool_get(in, idx, sizeof(idx));
		ripple_pool_get(in, keys, sizeof(keys));
		t->first = (size_t)idx[0];
		t->last = (size_t)idx[1];
		t->tied = (size_t)idx[2];
		t->key_a = keys[0];
		t->key_b = keys[1];
		t->a = ripple_pool_get_str(in);
		t->b = ripple_pool_get_str(in);
		t->pattern = ripple_pool_get_str(in);
	}
	return in->failed ? -1 : 0;
}

/* Here: reads place i's row back into rows[i]. */
static int work_take(size_t i, ripple_pool_msg *in, void *ctx, ripple_error *err)
{
	const work_ctx *c = ctx;
	ripple_batch_row row;
	int32_t directed;

	(void)err;   /* a short message: the pool says it is malformed */
	memset(&row, 0, sizeof(row));
	ripple_pool_get(in, &directed, sizeof(directed));
	ripple_pool_get(in, row.net, sizeof(row.net));
	ripple_pool_get(in, row.change, sizeof(row.change));
	ripple_pool_get(in, row.responses, sizeof(row.responses));
	row.place = ripple_pool_get_str(in);
	row.from = ripple_pool_get_str(in);
	row.to = ripple_pool_get_str(in);
	row.directed = directed;
	if (in->failed || take_more(&row, in) < 0) {
		in->failed = 1;
		row_release(&row);
		return RIPPLE_ERUNTIME;
	}
	row.place_id = c->list[i].place_id;
	row.stamp = c->list[i].stamp;
	c->rows[i] = row;
	c->done[i] = 1;
	return RIPPLE_OK;
}

static void work_what(char *buf, size_t size, size_t i, void *ctx)
{
	(void)ctx;
	snprintf(buf, size, "the worker process comparing place %zu", i + 1);
}

/*
 * Runs the tasks over opts->jobs worker processes, results into rows[i] (and
 * done[i]) as they finish.
 */
static int run_parallel(ripple_batch_row *rows, int *done, ripple_store *store,
                        const task *list, size_t n, const ripple_batch_options *opts,
                        ripple_error *err)
{
	work_ctx c = { store, list, opts, rows, done };
	ripple_pool pool = { .tasks = n, .jobs = opts->jobs, .ctx = &c,
	                     .start = work_start, .finish = work_finish,
	                     .run = work_run, .take = work_take, .what = work_what,
	                     .progress = opts->progress, .progress_ctx = opts->progress_ctx };

	return ripple_pool_run(&pool, err);
}

/* ---- the run -------------------------------------------------------------- */

static int has_wave(char *const *waves, size_t n, const char *wave)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(waves[i], wave) == 0)
			return 1;
	return 0;
}

/* Adds "NAME: why" to the skipped list. */
static int skip(ripple_batch *b, const char *name, const char *fmt, const char *wave)
{
	char why[512];
	char **ns = realloc(b->skipped, (b->nskipped + 1) * sizeof(*ns));
	if (!ns)
		return -1;
	b->skipped = ns;
	snprintf(why, sizeof(why), fmt, wave);
	if (!(ns[b->nskipped] = ripple_strdupf("%s: %s", name, why)))
		return -1;
	b->nskipped++;
	return 0;
}

/* Decides which places can run and with which waves. */
static int plan(task **out, size_t *count, ripple_batch *b, ripple_store *store,
                const int64_t *place_ids, char *const *names, size_t n,
                const ripple_batch_options *opts, ripple_error *err)
{
	task *list = calloc(n ? n : 1, sizeof(*list));
	size_t m = 0;
	int rc = RIPPLE_OK;

	*out = NULL;
	*count = 0;
	if (!list)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < n && rc == RIPPLE_OK; i++) {
		char **waves = NULL;
		size_t nw = 0;
		const char *from = opts->from, *to = opts->to;
		uint64_t stamp = 0;
		int r = 0;
		/* the stamp first: a place changed after it is what ripple_batch_store
		 * finds changed */
		if ((rc = ripple_store_place_stamp(&stamp, store, place_ids[i], err)) < 0 ||
		    (rc = ripple_store_waves(&waves, &nw, store, place_ids[i], err)) < 0)
			break;
		if (from && !has_wave(waves, nw, from))
			r = skip(b, names[i], "no wave \"%s\"", from);
		else if (to && !has_wave(waves, nw, to))
			r = skip(b, names[i], "no wave \"%s\"", to);
		else if (!from && nw < 2)
			r = skip(b, names[i], "%s", nw ? "only one wave" : "no waves (no ties)");
		else {
			list[m].place_id = place_ids[i];
			list[m].stamp = stamp;
			list[m].from = strdup(from ? from : waves[0]);
			list[m].to = strdup(to ? to : waves[nw - 1]);
			if (!list[m].from || !list[m].to)
				r = -1;
			m++;
		}
		ripple_strv_free(waves);
		if (r < 0)
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	if (rc < 0) {
		for (size_t i = 0; i < m; i++) {
			free(list[i].from);
			free(list[i].to);
		}
		free(list);
		return rc;
	}
	*out = list;
	*count = m;
	return RIPPLE_OK;
}

int ripple_batch_run(ripple_batch *out, ripple_store *store, const int64_t *place_ids,
                     char *const *names, size_t n, const ripple_batch_options *opts,
                     ripple_error *err)
{
	task *list = NULL;
	size_t m = 0;
	ripple_batch_row *rows = NULL;
	int *done = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	out->policy = opts->compare.graph.missing;
	if ((rc = plan(&list, &m, out, store, place_ids, names, n, opts, err)) < 0)
		goto fail;
	rows = calloc(m ? m : 1, sizeof(*rows));
	done = calloc(m ? m : 1, sizeof(*done));
	if (!rows || !done) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	if (opts->progress)
		opts->progress(opts->progress_ctx, 0, m);
	if (opts->jobs > 1 && m > 1) {
		rc = run_parallel(rows, done, store, list, m, opts, err);
	} else {
		/* one place: the workers compute its all-pairs measures instead (paths.c),
		 * which gives the same numbers for any number of processes */
		ripple_batch_options one = *opts;
		if (m == 1 && opts->jobs > one.compare.paths.jobs)
			one.compare.paths.jobs = opts->jobs;
		for (size_t i = 0; i < m && rc == RIPPLE_OK; i++) {
			if ((rc = run_task(&rows[i], store, &list[i], &one, err)) < 0) {
				row_release(&rows[i]);
				break;
			}
			done[i] = 1;
			if (opts->progress)
				opts->progress(opts->progress_ctx, i + 1, m);
		}
	}
	if (rc < 0)
		goto fail;
	out->rows = rows;
	out->nrows = m;
	rows = NULL;
fail:
	if (rows)
		for (size_t i = 0; i < m; i++)
			if (done[i])
				row_release(&rows[i]);
	free(rows);
	free(done);
	for (size_t i = 0; i < m; i++) {
		free(list[i].from);
		free(list[i].to);
	}
	free(list);
	if (rc < 0)
		ripple_batch_release(out);
	return rc;
}

void ripple_batch_release(ripple_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nrows; i++)
		row_release(&b->rows[i]);
	free(b->rows);
	for (size_t i = 0; i < b->nskipped; i++)
		free(b->skipped[i]);
	free(b->skipped);
	memset(b, 0, sizeof(*b));
}

/* ---- summary across places ---------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* n, mean, median, min and max of the values that are not NAN. */
static void describe(ripple_batch_stat *s, double *v, size_t n)
{
	size_t k = 0;
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[k++] = v[i];
	s->n = k;
	if (k == 0) {
		s->mean = s->median = s->min = s->max = NAN;
		return;
	}
	qsort(v, k, sizeof(*v), cmp_double);
	for (size_t i = 0; i < k; i++)
		sum += v[i];
	s->mean = sum / (double)k;
	s->median = k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
	s->min = v[0];
	s->max = v[k - 1];
}

int ripple_batch_summary(ripple_batch_stat **out, size_t *count, const ripple_batch *b)
{
	size_t n = RIPPLE_BATCH_COUNT + RIPPLE_NET_COUNT, k = 0;
	ripple_batch_stat *s = calloc(n, sizeof(*s));
	double *v = malloc((b->nrows ? b->nrows : 1) * sizeof(*v));

	*out = NULL;
	*count = 0;
	if (!s || !v) {
		free(s);
		free(v);
		return RIPPLE_ENOMEM;
	}
	for (int m = 0; m < RIPPLE_BATCH_COUNT; m++, k++) {
		snprintf(s[k].measure, sizeof(s[k].measure), "%s", batch_info[m].name);
		s[k].integer = batch_info[m].integer;
		for (size_t i = 0; i < b->nrows; i++)
			v[i] = b->rows[i].change[m];
		describe(&s[k], v, b->nrows);
	}
	for (int m = 0; m < RIPPLE_NET_COUNT; m++, k++) {
		snprintf(s[k].measure, sizeof(s[k].measure), "%s_change", ripple_net_measure_info(m)->name);
		s[k].integer = ripple_net_measure_info(m)->integer;
		for (size_t i = 0; i < b->nrows; i++)
			v[i] = b->rows[i].net[1][m] - b->rows[i].net[0][m];
		describe(&s[k], v, b->nrows);
	}
	free(v);
	*out = s;
	*count = k;
	return RIPPLE_OK;
}

/* ---- stored results ------------------------------------------------------------ */

/* The persistence measures of a stored run, as `ripple waves --section persistence`
 * words them (docs/MEASURES.md, "Batch"). */
static const char *const persist_names[4] = {
	"persist_formed", "persist_observed", "persist_kept", "persist_share"
};

/* The four persistence values of p as batch_result rows for wave. */
static size_t put_persistence(ripple_stored_value *values, ripple_stored_value v,
                              const char *wave, const ripple_persistence *p)
{
	const double x[4] = { (double)p->formed, (double)p->observed, (double)p->kept, p->share };

	v.wave = wave;
	for (int k = 0; k < 4; k++) {
		v.measure = persist_names[k];
		v.value = x[k];
		values[k] = v;
	}
	return 4;
}

/* The cells a mixing matrix is stored as: a <= b when undirected, every ordered pair
 * when directed (the rows batch --mixing and compare's mixing section print). */
static size_t mixing_cells(const ripple_mixing *mx)
{
	size_t n = mx->nsectors;
	return mx->directed ? n * n : n * (n + 1) / 2;
}

/* Adds the places that changed since they were read (stale[i]) to b's skipped list. */
static int skip_stale(ripple_batch *b, const int *stale, ripple_error *err)
{
	for (size_t i = 0; i < b->nrows; i++)
		if (stale[i] && skip(b, b->rows[i].place, "%s",
		                     "changed since it was read (imported again?): not stored") < 0)
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	return RIPPLE_OK;
}

int ripple_batch_store(int64_t *run_id, ripple_store *store, ripple_batch *b,
                       const ripple_batch_options *opts, ripple_error *err)
{
	ripple_stored_run run = { opts->from, opts->to, opts->compare.permutations,
	                          opts->compare.seed, opts->compare.weighted, b->nrows,
	                          b->nskipped, ripple_policy_name(opts->compare.graph.missing),
	                          opts->level == RIPPLE_LEVEL_ORGANISATION ? "organisation" : "actor",
	                          NULL, 0, NULL, 0, NULL, NULL, 0, NULL };
	ripple_stored_value *values = NULL;
	ripple_stored_tie *ties = NULL;
	ripple_stored_mixing *cells = NULL;
	int64_t *ids = calloc(b->nrows + 1, sizeof(*ids));
	uint64_t *stamps = calloc(b->nrows + 1, sizeof(*stamps));
	int *stale = calloc(b->nrows + 1, sizeof(*stale));
	char **changes = calloc(2 * b->nrows + 1, sizeof(*changes)); /* from->to, first->last */
	char cnames[RIPPLE_NET_COUNT][64];
	size_t nvalues = 0, nties = 0, ncells = 0, n = 0, nt = 0, nc = 0;
	int rc = RIPPLE_OK;

	for (size_t i = 0; i < b->nrows; i++) {
		const ripple_batch_row *r = &b->rows[i];
		nvalues += 3 * RIPPLE_NET_COUNT + RIPPLE_BATCH_COUNT +
		           r->nwaves * RIPPLE_NET_COUNT + 4 * (r->npersistence + 1);
		nties += r->nties;
		ncells += mixing_cells(&r->mixing[0]);
	}
	values = malloc((nvalues + 1) * sizeof(*values));
	ties = malloc((nties + 1) * sizeof(*ties));
	cells = malloc((ncells + 1) * sizeof(*cells));
	if (!values || !ties || !cells || !changes || !ids || !stamps || !stale) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (int k = 0; k < RIPPLE_NET_COUNT; k++)
		snprintf(cnames[k], sizeof(cnames[k]), "%s_change", ripple_net_measure_info(k)->name);
	/* per place: each network measure at both waves and its change, then the
	 * change measures, in the order the rows were always written; then the
	 * network measures at the other waves, and persistence */
	for (size_t i = 0; i < b->nrows; i++) {
		const ripple_batch_row *r = &b->rows[i];
		ripple_stored_value v = { r->place_id, r->place, r->from, r->to, NULL, NULL, 0 };
		ids[i] = r->place_id;
		stamps[i] = r->stamp;
		if (!(changes[2 * i] = ripple_strdupf("%s->%s", r->from, r->to)) ||
		    (r->nwaves && !(changes[2 * i + 1] = ripple_strdupf("%s->%s", r->waves[0],
		                                                        r->waves[r->nwaves - 1])))) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		for (int k = 0; k < RIPPLE_NET_COUNT; k++) {
			v.measure = ripple_net_measure_info(k)->name;
			v.wave = r->from, v.value = r->net[0][k], values[n++] = v;
			v.wave = r->to, v.value = r->net[1][k], values[n++] = v;
			v.measure = cnames[k];
			v.wave = changes[2 * i], v.value = r->net[1][k] - r->net[0][k], values[n++] = v;
		}
		v.wave = changes[2 * i];
		for (int k = 0; k < RIPPLE_BATCH_COUNT; k++) {
			v.measure = batch_info[k].name;
			v.value = r->change[k];
			values[n++] = v;
		}
		for (size_t w = 0; w < r->nwaves; w++) {
			if (strcmp(r->waves[w], r->from) == 0 || strcmp(r->waves[w], r->to) == 0)
				continue;   /* stored above, from the comparison: the same numbers */
			v.wave = r->waves[w];
			for (int k = 0; k < RIPPLE_NET_COUNT; k++) {
				v.measure = ripple_net_measure_info(k)->name;
				v.value = r->series[w][k];
				values[n++] = v;
			}
		}
		if (r->nwaves) {
			for (size_t k = 0; k < r->npersistence; k++)
				n += put_persistence(values + n, v, r->waves[r->persistence[k].wave],
				                     &r->persistence[k]);
			n += put_persistence(values + n, v, changes[2 * i + 1], &r->overall);
		}
		for (size_t k = 0; k < r->nties; k++) {
			const ripple_batch_tie *t = &r->ties[k];
			ties[nt++] = (ripple_stored_tie){ r->place_id, t->key_a, t->key_b, t->pattern,
			                                  r->waves[t->first], r->waves[t->last],
			                                  (long)t->tied };
		}
		const ripple_mixing *m1 = &r->mixing[0], *m2 = &r->mixing[1];
		for (size_t a = 0; a < m1->nsectors; a++)
			for (size_t c = m1->directed ? 0 : a; c < m1->nsectors; c++)
				cells[nc++] = (ripple_stored_mixing){ r->place_id, m1->sectors[a], m1->sectors[c],
				                                      ripple_mixing_ties(m1, a, c),
				                                      ripple_mixing_ties(m2, a, c) };
	}
	run.ties = ties;
	run.nties = nt;
	run.mixing = cells;
	run.nmixing = nc;
	run.place_ids = ids;
	run.stamps = stamps;
	run.nplaces = b->nrows;
	run.stale = stale;
	if ((rc = ripple_store_save_run(run_id, store, &run, values, n, err)) == RIPPLE_OK)
		rc = skip_stale(b, stale, err);
done:
	free(ids);
	free(stamps);
	free(stale);
	for (size_t i = 0; changes && i < 2 * b->nrows; i++)
		free(changes[i]);
	free(changes);
	free(values);
	free(ties);
	free(cells);
	return rc;
}
