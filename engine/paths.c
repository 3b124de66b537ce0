/*
 * paths.c - the measures of a wave that need every shortest path: betweenness,
 * harmonic closeness, diameter and mean distance.
 *
 * They cost O(n m), a search from every actor, more than every other measure
 * together. So:
 *
 *   - One breadth-first search from each source (igraph_distances, a chunk of
 *     sources at a time) gives harmonic closeness, the diameter and the mean
 *     distance together, where three igraph calls made three searches.
 *     Closeness is summed from a source's distances in the order igraph's own
 *     search adds them (every 1/1, then every 1/2, ...), so it is bit for bit
 *     igraph_harmonic_centrality's; the diameter and the mean distance are
 *     sums of integers, exact in any order.
 *   - Betweenness is igraph's (Brandes), over the sources of a block with
 *     igraph_betweenness_subset; with every actor as source that is
 *     igraph_betweenness, bit for bit.
 *   - A wave of split_min actors or more is cut into BLOCKS blocks of
 *     sources, and the blocks' betweenness is added up in block order: the
 *     result depends on the wave alone, not on the number of processes (it
 *     differs from one igraph_betweenness call by rounding only, ~1e-15).
 *     Smaller waves are one block.
 *   - The blocks go to opts->jobs worker processes (igraph is not
 *     thread-safe) through the worker pool (pool.c), which hands them out one
 *     at a time as it does batch's places and gives the results back in block
 *     order: one that arrives early waits until the blocks before it are
 *     added.
 *   - With a sample of s actors, the same runs from those s only (closeness
 *     from the other end: the distances of every actor to the sampled ones),
 *     and the totals are scaled up (docs/MEASURES.md, "Sampled paths").
 */
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "pool.h"
#include "rng.h"
#include "util.h"

/** Blocks of sources of a split wave: enough for two or more processes to share evenly. */
#define BLOCKS 64

/** Distances held at once by a search: 2^21 doubles, 16 MiB. */
#define CHUNK_CELLS ((size_t)1 << 21)

/* Runs an igraph call; on failure records igraph's reason and leaves (util.h). */
#define CHECK(call) RIPPLE_IGRAPH_CHECK(call)

/* What is computed, and from where. */
typedef struct plan {
	const igraph_t *graph;
	size_t n;
	int weighted;
	igraph_vector_t dist;        /* 1/weight per edge when weighted (else empty) */
	igraph_integer_t *sample;    /* the sampled sources, ascending; NULL: every actor */
	size_t nsrc;                 /* sources */
	size_t nblocks;
} plan;

/* What one block of sources adds. */
typedef struct part {
	double *bet;                 /* n */
	double *wbet;                /* n, when weighted */
	double *harm;                /* every actor a source: one per source of the block;
	                                sampled: n partial sums of 1/d */
	double sum, pairs, max;      /* finite distances: their sum, count and largest */
} part;

static void block_range(const plan *p, size_t k, size_t *first, size_t *count)
{
	*first = k * p->nsrc / p->nblocks;
	*count = (k + 1) * p->nsrc / p->nblocks - *first;
}

static size_t harm_len(const plan *p, size_t count)
{
	return p->sample ? p->n : count;
}

static void part_release(part *b)
{
	if (!b)
		return;
	free(b->bet);
	free(b->wbet);
	free(b->harm);
	memset(b, 0, sizeof(*b));
}

static int part_init(part *b, const plan *p, size_t count)
{
	memset(b, 0, sizeof(*b));
	b->bet = calloc(p->n + 1, sizeof(double));
	b->wbet = p->weighted ? calloc(p->n + 1, sizeof(double)) : NULL;
	b->harm = calloc(harm_len(p, count) + 1, sizeof(double));
	if (!b->bet || (p->weighted && !b->wbet) || !b->harm) {
		part_release(b);
		return RIPPLE_ENOMEM;
	}
	return RIPPLE_OK;
}

/* Sources first .. first + count as an igraph selector (view: storage for a sample). */
static igraph_vs_t sources(const plan *p, size_t first, size_t count, igraph_vector_int_t *view)
{
	if (!p->sample)
		return igraph_vss_range((igraph_integer_t)first, (igraph_integer_t)(first + count));
	igraph_vector_int_view(view, p->sample + first, (igraph_integer_t)count);
	return igraph_vss_vector(view);
}

/*
 * Every actor a source: closeness of the k sources of a chunk (rows of the
 * column-major k x n matrix m) and the distance totals. hist is scratch.
 */
static int exact_chunk(part *b, size_t at, const igraph_matrix_t *m, size_t k, size_t n,
                       int closeness)
{
	const double *d = &MATRIX(*m, 0, 0);
	size_t top = 0;
	long *hist;

	for (size_t c = 0; c < k * n; c++)
		if (isfinite(d[c]) && (size_t)d[c] > top)
			top = (size_t)d[c];
	if (!(hist = calloc(k * (top + 1) + 1, sizeof(*hist))))
		return RIPPLE_ENOMEM;
	for (size_t j = 0; j < n; j++)
		for (size_t i = 0; i < k; i++)
			if (isfinite(d[j * k + i]))
				hist[i * (top + 1) + (size_t)d[j * k + i]]++;
	for (size_t i = 0; i < k; i++) {
		const long *h = hist + i * (top + 1);
		double s = 0;
		for (size_t x = 1; x <= top; x++) {
			/* igraph_harmonic_centrality adds 1/x once per actor at distance x,
			 * nearest first: the same additions give the same rounding */
			for (long c = 0; closeness && c < h[x]; c++)
				s += 1.0 / (double)x;
			if (h[x]) {
				b->sum += (double)x * (double)h[x];
				b->pairs += (double)h[x];
				b->max = (double)x > b->max ? (double)x : b->max;
			}
		}
		if (closeness)
			b->harm[at + i] = s * (1.0 / (double)(n - 1));
	}
	free(hist);
	return RIPPLE_OK;
}

/*
 * Sampled sources: m holds, for the k sampled u of a chunk (rows), the
 * distance from every actor v (columns) to u. Adds 1/d to v's closeness sum
 * (when closeness) and d to the distance totals (when totals).
 */
static void sampled_chunk(part *b, const igraph_matrix_t *m, size_t k, size_t n, int closeness,
                          int totals)
{
	const double *d = &MATRIX(*m, 0, 0);

	for (size_t j = 0; j < n; j++)
		for (size_t i = 0; i < k; i++) {
			double x = d[j * k + i];
			if (!isfinite(x) || x <= 0)
				continue;
			if (closeness)
				b->harm[j] += 1.0 / x;
			if (totals) {
				b->sum += x;
				b->pairs += 1;
				b->max = x > b->max ? x : b->max;
			}
		}
}

/* Computes block k into b (initialised by the caller). */
static int run_block(part *b, const plan *p, size_t k, ripple_error *err)
{
	const igraph_t *g = p->graph;
	size_t n = p->n, first, count, chunk = CHUNK_CELLS / (p->n ? p->n : 1);
	igraph_neimode_t mode = p->sample ? IGRAPH_IN : IGRAPH_OUT;
	igraph_vector_int_t view;
	igraph_vector_t res;
	igraph_matrix_t m;
	int rc = RIPPLE_OK;

	block_range(p, k, &first, &count);
	if (chunk < 1)
		chunk = 1;
	igraph_vector_init(&res, 0);
	igraph_matrix_init(&m, 0, 0);

	CHECK(igraph_betweenness_subset(g, &res, igraph_vss_all(), IGRAPH_DIRECTED,
	                                sources(p, first, count, &view), igraph_vss_all(), NULL));
	memcpy(b->bet, VECTOR(res), n * sizeof(double));
	if (p->weighted) {
		CHECK(igraph_betweenness_subset(g, &res, igraph_vss_all(), IGRAPH_DIRECTED,
		                                sources(p, first, count, &view), igraph_vss_all(),
		                                &p->dist));
		memcpy(b->wbet, VECTOR(res), n * sizeof(double));
	}
	/* steps: closeness (unless weighted), diameter, mean distance */
	for (size_t c0 = 0; c0 < count; c0 += chunk) {
		size_t k0 = count - c0 < chunk ? count - c0 : chunk;
		CHECK(igraph_distances(g, &m, sources(p, first + c0, k0, &view), igraph_vss_all(), mode));
		if (p->sample)
			sampled_chunk(b, &m, k0, n, !p->weighted, 1);
		else if ((rc = exact_chunk(b, c0, &m, k0, n, !p->weighted)) < 0) {
			rc = ripple_error_set(err, rc, "", 0, 0, "out of memory");
			goto done;
		}
	}
	/* weighted closeness: distances 1/weight */
	if (p->weighted && !p->sample) {
		CHECK(igraph_harmonic_centrality(g, &res, sources(p, first, count, &view), IGRAPH_OUT,
		                                 &p->dist, /*normalized=*/1));
		memcpy(b->harm, VECTOR(res), count * sizeof(double));
	} else if (p->weighted) {
		for (size_t c0 = 0; c0 < count; c0 += chunk) {
			size_t k0 = count - c0 < chunk ? count - c0 : chunk;
			CHECK(igraph_distances_dijkstra(g, &m, sources(p, first + c0, k0, &view),
			                                igraph_vss_all(), &p->dist, mode));
			sampled_chunk(b, &m, k0, n, 1, 0);
		}
	}
done:
	igraph_vector_destroy(&res);
	igraph_matrix_destroy(&m);
	return rc;
}

/* Adds block k to out, and its distance totals to tot (blocks are added in order). */
static void absorb(ripple_paths *out, part *tot, const plan *p, size_t k, const part *b)
{
	size_t first, count;

	block_range(p, k, &first, &count);
	for (size_t v = 0; v < p->n; v++) {
		out->betweenness[v] += b->bet[v];
		if (p->weighted)
			out->wbetweenness[v] += b->wbet[v];
		if (p->sample)
			out->harmonic[v] += b->harm[v];
	}
	if (!p->sample)
		memcpy(out->harmonic + first, b->harm, count * sizeof(double));
	tot->sum += b->sum;
	tot->pairs += b->pairs;
	tot->max = b->max > tot->max ? b->max : tot->max;
}

/* ---- worker processes ------------------------------------------------------ */

/* What the pool's functions share (its ctx). */
typedef struct blocks_ctx {
	const plan *p;
	ripple_paths *out;   /* the caller's: blocks are added to it in order */
	part *tot;
} blocks_ctx;

/* In a worker: computes block k, sent as bet, wbet when weighted, harm, sum, pairs, max. */
static int block_run(ripple_pool_msg *msg, size_t k, void *ctx, ripple_error *err)
{
	const plan *p = ((const blocks_ctx *)ctx)->p;
	size_t first, count;
	part b;
	int rc;

	block_range(p, k, &first, &count);
	if (part_init(&b, p, count) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if ((rc = run_block(&b, p, k, err)) == RIPPLE_OK) {
		double tail[3] = { b.sum, b.pairs, b.max };
		ripple_pool_put(msg, b.bet, p->n * sizeof(double));
		if (p->weighted)
			ripple_pool_put(msg, b.wbet, p->n * sizeof(double));
		ripple_pool_put(msg, b.harm, harm_len(p, count) * sizeof(double));
		ripple_pool_put(msg, tail, sizeof(tail));
	}
	part_release(&b);
	return rc;
}

/* Here: adds block k's result (the pool hands the blocks over in order). */
static int block_take(size_t k, ripple_pool_msg *in, void *ctx, ripple_error *err)
{
	const blocks_ctx *c = ctx;
	const plan *p = c->p;
	size_t first, count;
	double tail[3];
	part b;

	block_range(p, k, &first, &count);
	if (part_init(&b, p, count) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	ripple_pool_get(in, b.bet, p->n * sizeof(double));
	if (p->weighted)
		ripple_pool_get(in, b.wbet, p->n * sizeof(double));
	ripple_pool_get(in, b.harm, harm_len(p, count) * sizeof(double));
	ripple_pool_get(in, tail, sizeof(tail));
	b.sum = tail[0];
	b.pairs = tail[1];
	b.max = tail[2];
	if (!in->failed)   /* else the pool says the result is malformed */
		absorb(c->out, c->tot, p, k, &b);
	part_release(&b);
	return in->failed ? RIPPLE_ERUNTIME : RIPPLE_OK;
}

static void block_what(char *buf, size_t size, size_t k, void *ctx)
{
	(void)k;
	(void)ctx;
	snprintf(buf, size, "a worker process computing shortest paths");
}

/* ---- the blocks ------------------------------------------------------------- */

/* Runs every block, in this process or over jobs workers, into out and tot. */
static int run_blocks(ripple_paths *out, part *tot, const plan *p,
                      const ripple_paths_options *o, ripple_error *err)
{
	int nw = o->jobs < (int)p->nblocks ? o->jobs : (int)p->nblocks, rc = RIPPLE_OK;
	blocks_ctx c = { p, out, tot };
	/* blocks taken in block order: the same sums for any number of jobs; the
	 * workers are copies of this process, igraph set up (ripple_paths_compute) */
	ripple_pool pool = { .tasks = p->nblocks, .jobs = nw, .in_order = 1, .ctx = &c,
	                     .run = block_run, .take = block_take, .what = block_what,
	                     .progress = o->progress, .progress_ctx = o->progress_ctx };

	if (nw <= 1) {
		for (size_t k = 0; k < p->nblocks; k++) {
			part b;
			size_t first, count;
			block_range(p, k, &first, &count);
			if (part_init(&b, p, count) < 0)
				return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			if ((rc = run_block(&b, p, k, err)) == RIPPLE_OK)
				absorb(out, tot, p, k, &b);
			part_release(&b);
			if (rc < 0)
				return rc;
			if (o->progress && p->nblocks > 1)
				o->progress(o->progress_ctx, k + 1, p->nblocks);
		}
		return RIPPLE_OK;
	}
	return ripple_pool_run(&pool, err);
}

/* ---- the wave --------------------------------------------------------------- */

static int int_cmp(const void *a, const void *b)
{
	igraph_integer_t x = *(const igraph_integer_t *)a, y = *(const igraph_integer_t *)b;
	return (x > y) - (x < y);
}

int ripple_paths_compute(ripple_paths *out, const ripple_graph *g,
                         const ripple_paths_options *o, int weighted, unsigned long seed,
                         ripple_error *err)
{
	size_t n = g->n, split = o->split_min ? o->split_min : RIPPLE_SPLIT_MIN;
	plan p = { g->graph, n, weighted, { 0 }, NULL, n, 1 };
	part tot = { 0 };
	int rc = RIPPLE_OK;

	ripple_igraph_setup();
	memset(out, 0, sizeof(*out));
	out->n = n;
	out->diameter = out->mean_distance = NAN;
	igraph_vector_init(&p.dist, 0);
	out->betweenness = calloc(n + 1, sizeof(double));
	out->wbetweenness = weighted ? calloc(n + 1, sizeof(double)) : NULL;
	out->harmonic = calloc(n + 1, sizeof(double));
	if (!out->betweenness || (weighted && !out->wbetweenness) || !out->harmonic)
		goto nomem;
	if (n < 2 || o->sample == 0) {
		/* nothing to compute, or left out: every value undefined */
		for (size_t v = 0; v < n; v++)
			out->betweenness[v] = out->harmonic[v] = NAN;
		if (out->wbetweenness)
			for (size_t v = 0; v < n; v++)
				out->wbetweenness[v] = NAN;
		out->estimated = o->sample == 0;
		goto done;
	}
	if (weighted) {
		CHECK(igraph_vector_resize(&p.dist, (igraph_integer_t)g->nedges));
		for (size_t e = 0; e < g->nedges; e++)
			VECTOR(p.dist)[e] = 1.0 / g->weights[e];
	}
	if (o->sample > 0 && (size_t)o->sample < n) {
		/* s actors drawn without replacement (a partial shuffle), in vertex order */
		size_t s = (size_t)o->sample, *all = malloc(n * sizeof(*all));
		ripple_rng r;
		if (!all || !(p.sample = malloc(s * sizeof(*p.sample)))) {
			free(all);
			goto nomem;
		}
		ripple_rng_seed(&r, seed);
		for (size_t i = 0; i < n; i++)
			all[i] = i;
		for (size_t i = 0; i < s; i++) {
			size_t j = i + (size_t)ripple_rng_below(&r, n - i), t = all[i];
			all[i] = all[j];
			all[j] = t;
			p.sample[i] = (igraph_integer_t)all[i];
		}
		free(all);
		qsort(p.sample, s, sizeof(*p.sample), int_cmp);
		p.nsrc = s;
		out->estimated = 1;
	}
	p.nblocks = n >= split ? (p.nsrc < BLOCKS ? p.nsrc : BLOCKS) : 1;
	if ((rc = run_blocks(out, &tot, &p, o, err)) < 0)
		goto done;
	if (p.sample) {
		/* estimates: betweenness over s of n sources scaled up; closeness the mean
		 * of 1/d over the sampled others */
		double scale = (double)n / (double)p.nsrc;
		size_t at = 0;
		for (size_t v = 0; v < n; v++) {
			int in = at < p.nsrc && (size_t)p.sample[at] == v;
			double others = (double)p.nsrc - (in ? 1 : 0);
			at += in;
			out->betweenness[v] *= scale;
			if (out->wbetweenness)
				out->wbetweenness[v] *= scale;
			out->harmonic[v] = others > 0 ? out->harmonic[v] / others : NAN;
		}
	}
	if (tot.pairs > 0) {
		out->diameter = tot.max;
		out->mean_distance = tot.sum / tot.pairs;
	}
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	igraph_vector_destroy(&p.dist);
	free(p.sample);
	if (rc < 0)
		ripple_paths_release(out);
	return rc;
}

void ripple_paths_release(ripple_paths *p)
{
	if (!p)
		return;
	free(p->betweenness);
	free(p->wbetweenness);
	free(p->harmonic);
	memset(p, 0, sizeof(*p));
}
