/*
 * paths.c - the measures of a wave that need every shortest path: betweenness,
 * harmonic closeness, diameter and mean distance.
 *
 * They cost O(n m), a search from every actor, more than every other measure
 * together. So:
 *
 *   - Unweighted, ONE breadth-first search from each source gives all four
 *     (the fused search, search_from): on the way out it counts shortest
 *     paths, adds 1/d, d and the largest d, and writes down each actor's
 *     kids (the actors one step further on a shortest path); on the way
 *     back, in reverse order of the search, each actor pulls Brandes's
 *     dependency from its kids. igraph would take two searches a source
 *     (igraph_distances, then igraph_betweenness_subset), and its way back
 *     looks at every tie again; this is the one place ripple re-implements
 *     igraph, because it more than halves the work (docs/MEASURES.md). The
 *     ties are taken in igraph_adjlist_init's order (loops left out,
 *     multiple ties kept), paths counted in visiting order, each term of a
 *     dependency is igraph's sigma_q * ((1 + delta_x) / sigma_x), added in
 *     the order of q's kids rather than igraph's stack order (betweenness
 *     equal to rounding, ~1e-15); closeness adds every 1/1, then every 1/2,
 *     ... (igraph_harmonic_centrality's order, to the bit); the diameter and
 *     the mean distance are sums of integers, exact in any order. tests/unit/
 *     test_paths.c checks it against igraph's own functions.
 *   - Weighted (distances 1/weight), weighted betweenness and closeness are
 *     igraph's: igraph_betweenness_subset, igraph_harmonic_centrality and
 *     igraph_distances_dijkstra.
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
 *     from the other end: the distances of every actor to the sampled ones,
 *     a second search against the direction of ties when the place is
 *     directed), and the totals are scaled up (docs/MEASURES.md, "Sampled
 *     paths").
 *   - The ties are read from one compact adjacency (CSR) built once a wave,
 *     before the workers fork; a block allocates its search's arrays once,
 *     nothing per source.
 */
#include <igraph.h>
#include <math.h>
#include <stdint.h>
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
	int directed;                /* paths follow the ties' direction */
	int near;                    /* count each source's actors within two steps
	                                (undirected, every actor a source) */
	uint32_t *out_off, *out_to;  /* ties leaving each actor (every tie when undirected),
	                                CSR: out_to[out_off[v] .. out_off[v + 1]) */
	uint32_t *in_off, *in_to;    /* ties arriving (a directed sample's searches back);
	                                else the same arrays as out */
} plan;

/* What one block of sources adds. */
typedef struct part {
	double *bet;                 /* n */
	double *wbet;                /* n, when weighted */
	double *harm;                /* every actor a source: one per source of the block;
	                                sampled: n partial sums of 1/d */
	double *near;                /* when p->near: one per source of the block, the actors
	                                within two steps */
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
	free(b->near);
	memset(b, 0, sizeof(*b));
}

static int part_init(part *b, const plan *p, size_t count)
{
	memset(b, 0, sizeof(*b));
	b->bet = calloc(p->n + 1, sizeof(double));
	b->wbet = p->weighted ? calloc(p->n + 1, sizeof(double)) : NULL;
	b->harm = calloc(harm_len(p, count) + 1, sizeof(double));
	b->near = p->near ? calloc(count + 1, sizeof(double)) : NULL;
	if (!b->bet || (p->weighted && !b->wbet) || !b->harm || (p->near && !b->near)) {
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

/* ---- the fused search -------------------------------------------------------- */

/* Where the search stands at one actor: its steps from the source (-1 not
 * reached) and its shortest paths from the source, side by side so that a
 * tie's look at its far end touches one cache line, not two. */
typedef struct spot {
	double sigma;
	int32_t dist;
} spot;

/* A search's arrays, allocated once a block (n each; kids one per tie). Between
 * sources every dist is -1 and every sigma 0: a search puts back what it touched. */
typedef struct search {
	spot *spot;                  /* n */
	double *coeff;               /* (1 + delta) / sigma of an actor the way back has passed */
	uint32_t *order;             /* actors in the order the search reached them */
	uint32_t *kids;              /* the actors one step further that each actor reached,
	                                the order's actors one after another */
	uint32_t *kids_at;           /* where order[i]'s kids start in kids (n + 1) */
} search;

/* What one search adds up over the actors it reached (the source left out). */
typedef struct reach {
	double inv;                  /* sum of 1/d, nearest first (closeness) */
	double sum, pairs;           /* sum of d, and how many actors were reached */
	double far;                  /* the largest d, 0 when none */
	double near;                 /* actors at d 1 or 2 */
} reach;

static void search_release(search *w)
{
	free(w->spot);
	free(w->coeff);
	free(w->order);
	free(w->kids);
	free(w->kids_at);
	memset(w, 0, sizeof(*w));
}

/* ties: the most ties a search may follow (the adjacency's length). */
static int search_init(search *w, size_t n, size_t ties)
{
	w->spot = malloc((n + 1) * sizeof(*w->spot));
	w->coeff = calloc(n + 1, sizeof(*w->coeff));
	w->order = malloc((n + 1) * sizeof(*w->order));
	w->kids = malloc((ties + 1) * sizeof(*w->kids));
	w->kids_at = malloc((n + 2) * sizeof(*w->kids_at));
	if (!w->spot || !w->coeff || !w->order || !w->kids || !w->kids_at) {
		search_release(w);
		return RIPPLE_ENOMEM;
	}
	for (size_t v = 0; v <= n; v++)
		w->spot[v] = (spot){ .sigma = 0, .dist = -1 };
	return RIPPLE_OK;
}

/*
 * The fused search from s along the ties of off/to: returns in *r the
 * distance totals (and the sum of 1/d when closeness), adds 1/d to each
 * reached actor's each[v] when each is not NULL, and, when bet is not NULL,
 * adds s's dependencies to bet (Brandes 2001: raw, both directions of an
 * undirected pair counted, as igraph before its final halving).
 *
 * On the way out each tie u -> v with d(v) = d(u) + 1 adds sigma_u to sigma_v
 * and writes v down as a kid of u: u's kids lie together, in the order of
 * u's ties. On the way back, in reverse order of the search, an actor x pulls
 * sigma_x * coeff_k from each of its kids k, whose coeff = (1 + delta_k) /
 * sigma_k is final, as every kid is further out and so passed already. The
 * way back thus follows the ties of the shortest paths only, reads one array
 * and writes nothing but x's own; igraph's pushes the same terms from each
 * actor to its predecessors over every tie, so the sums are the same terms
 * added in another order (equal to about 1e-15). Cost O(n + m) for the
 * actors and ties s reaches; no allocation.
 */
static void search_from(search *w, uint32_t s, const uint32_t *off, const uint32_t *to,
                        int closeness, double *each, double *bet, reach *r)
{
	spot *at = w->spot;
	double *coeff = w->coeff;
	uint32_t *order = w->order, *kids = w->kids, *kids_at = w->kids_at;
	size_t head = 0, tail = 1;
	uint32_t nkids = 0;

	memset(r, 0, sizeof(*r));
	order[0] = s;
	at[s].dist = 0;
	at[s].sigma = 1;
	while (head < tail) {
		uint32_t u = order[head];
		int32_t du = at[u].dist, dv = du + 1;
		double su = at[u].sigma;
		kids_at[head++] = nkids;
		if (du > 0) {
			/* reached in order of distance: the 1/d are added nearest first */
			if (closeness)
				r->inv += 1.0 / (double)du;
			if (each)
				each[u] += 1.0 / (double)du;
			r->sum += (double)du;
			r->pairs += 1;
			r->near += du <= 2;
		}
		for (uint32_t e = off[u], end = off[u + 1]; e < end; e++) {
			uint32_t v = to[e];
			if (at[v].dist < 0) {
				at[v].dist = dv;
				order[tail++] = v;
			}
			if (at[v].dist == dv) {
				at[v].sigma += su;
				kids[nkids++] = v;
			}
		}
	}
	kids_at[tail] = nkids;
	r->far = (double)at[order[tail - 1]].dist;
	/* back in reverse order: x's dependency is the sum over its kids k of
	 * sigma_x * (1 + delta_k) / sigma_k (once a tie, as igraph) */
	for (size_t i = tail; i-- > 1;) {
		uint32_t x = order[i];
		if (bet) {
			double sx = at[x].sigma, delta = 0;
			for (uint32_t k = kids_at[i], end = kids_at[i + 1]; k < end; k++)
				delta += sx * coeff[kids[k]];
			coeff[x] = (1 + delta) / sx;
			bet[x] += delta;
		}
		at[x] = (spot){ .sigma = 0, .dist = -1 };
	}
	at[s] = (spot){ .sigma = 0, .dist = -1 };
}

/* Adds one search's totals to the block's. */
static void reach_add(part *b, const reach *r)
{
	b->sum += r->sum;
	b->pairs += r->pairs;
	b->max = r->far > b->max ? r->far : b->max;
}

/*
 * The ties of the wave as CSR arrays, in igraph_adjlist_init's order (mode,
 * loops left out, multiple ties kept): the order igraph's own searches take.
 */
static int csr_build(uint32_t **off, uint32_t **to, const igraph_t *g, size_t n,
                     igraph_neimode_t mode, ripple_error *err)
{
	igraph_adjlist_t al;
	size_t total = 0;
	int rc = RIPPLE_OK;

	*off = *to = NULL;
	CHECK(igraph_adjlist_init(g, &al, mode, IGRAPH_NO_LOOPS, IGRAPH_MULTIPLE));
	for (size_t v = 0; v < n; v++)
		total += (size_t)igraph_vector_int_size(igraph_adjlist_get(&al, (igraph_integer_t)v));
	if (n >= UINT32_MAX || total >= UINT32_MAX) {
		rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
		                      "too many actors or ties for the path search");
	} else if (!(*off = malloc((n + 1) * sizeof(**off))) ||
	           !(*to = malloc((total + 1) * sizeof(**to)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	} else {
		uint32_t at = 0;
		for (size_t v = 0; v < n; v++) {
			const igraph_vector_int_t *nb = igraph_adjlist_get(&al, (igraph_integer_t)v);
			(*off)[v] = at;
			for (igraph_integer_t j = 0; j < igraph_vector_int_size(nb); j++)
				(*to)[at++] = (uint32_t)VECTOR(*nb)[j];
		}
		(*off)[n] = at;
	}
	igraph_adjlist_destroy(&al);
	if (rc < 0) {
		free(*off);
		free(*to);
		*off = *to = NULL;
	}
done:
	return rc;
}

/*
 * Sampled sources, weighted: m holds, for the k sampled u of a chunk (rows),
 * the distance from every actor v (columns) to u. Adds 1/d to v's closeness sum.
 */
static void sampled_chunk(part *b, const igraph_matrix_t *m, size_t k, size_t n)
{
	const double *d = &MATRIX(*m, 0, 0);

	for (size_t j = 0; j < n; j++)
		for (size_t i = 0; i < k; i++) {
			double x = d[j * k + i];
			if (isfinite(x) && x > 0)
				b->harm[j] += 1.0 / x;
		}
}

/* Source i of the plan (0 <= i < nsrc). */
static uint32_t source_at(const plan *p, size_t i)
{
	return p->sample ? (uint32_t)p->sample[i] : (uint32_t)i;
}

/* Computes block k into b (initialised by the caller). */
static int run_block(part *b, const plan *p, size_t k, ripple_error *err)
{
	const igraph_t *g = p->graph;
	size_t n = p->n, first, count, chunk = CHUNK_CELLS / (p->n ? p->n : 1);
	igraph_neimode_t mode = p->sample ? IGRAPH_IN : IGRAPH_OUT;
	/* closeness from the fused search unless weighted; sampled, it is the
	 * distance to the source, the same search when undirected */
	int closeness = !p->weighted, back = p->sample && p->directed;
	igraph_vector_int_t view;
	igraph_vector_t res;
	igraph_matrix_t m;
	search w = { 0 };
	int rc = RIPPLE_OK;

	block_range(p, k, &first, &count);
	if (chunk < 1)
		chunk = 1;
	igraph_vector_init(&res, 0);
	igraph_matrix_init(&m, 0, 0);
	if (search_init(&w, n, p->out_off[n]) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	/* unweighted: betweenness, closeness (unless weighted), diameter, mean distance */
	for (size_t i = 0; i < count; i++) {
		uint32_t s = source_at(p, first + i);
		reach r;
		search_from(&w, s, p->out_off, p->out_to, closeness && !p->sample,
		            closeness && p->sample && !back ? b->harm : NULL, b->bet, &r);
		if (back)   /* sampled, directed: the distances to s, against the ties */
			search_from(&w, s, p->in_off, p->in_to, 0,
			            closeness ? b->harm : NULL, NULL, &r);
		reach_add(b, &r);
		if (!p->sample && closeness)
			b->harm[i] = r.inv * (1.0 / (double)(n - 1));
		if (p->near)
			b->near[i] = r.near;
	}
	if (!p->directed)   /* each pair was counted from both ends (as igraph halves) */
		for (size_t v = 0; v < n; v++)
			b->bet[v] *= 0.5;
	/* weighted betweenness: igraph's, distances 1/weight */
	if (p->weighted) {
		CHECK(igraph_betweenness_subset(g, &res, igraph_vss_all(), IGRAPH_DIRECTED,
		                                sources(p, first, count, &view), igraph_vss_all(),
		                                &p->dist));
		memcpy(b->wbet, VECTOR(res), n * sizeof(double));
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
			sampled_chunk(b, &m, k0, n);
		}
	}
done:
	search_release(&w);
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
	if (p->near)
		memcpy(out->reach2 + first, b->near, count * sizeof(double));
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

/* In a worker: computes block k, sent as bet, wbet when weighted, harm, near when
 * counted, sum, pairs, max. */
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
		if (p->near)
			ripple_pool_put(msg, b.near, count * sizeof(double));
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
	if (p->near)
		ripple_pool_get(in, b.near, count * sizeof(double));
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
	plan p = { .graph = g->graph, .n = n, .weighted = weighted, .nsrc = n, .nblocks = 1 };
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
	/* the ties once for every block and worker (forked copies share them) */
	p.directed = igraph_is_directed(g->graph);
	p.near = !p.directed && !p.sample;
	if (p.near && !(out->reach2 = calloc(n + 1, sizeof(double))))
		goto nomem;
	if ((rc = csr_build(&p.out_off, &p.out_to, g->graph, n,
	                    p.directed ? IGRAPH_OUT : IGRAPH_ALL, err)) < 0)
		goto done;
	if (!p.directed || !p.sample) {   /* against the ties only for a directed sample */
		p.in_off = p.out_off;
		p.in_to = p.out_to;
	} else if ((rc = csr_build(&p.in_off, &p.in_to, g->graph, n, IGRAPH_IN, err)) < 0)
		goto done;
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
	if (p.in_off != p.out_off) {
		free(p.in_off);
		free(p.in_to);
	}
	free(p.out_off);
	free(p.out_to);
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
	free(p->reach2);
	memset(p, 0, sizeof(*p));
}
