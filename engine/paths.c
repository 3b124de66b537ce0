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
 *     thread-safe), handed out one at a time over pipes as batch.c hands out
 *     places; results that arrive early wait until the blocks before them are
 *     added.
 *   - With a sample of s actors, the same runs from those s only (closeness
 *     from the other end: the distances of every actor to the sampled ones),
 *     and the totals are scaled up (docs/MEASURES.md, "Sampled paths").
 */
#include <errno.h>
#include <igraph.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "paths.h"
#include "util.h"

/** Blocks of sources of a split wave: enough for two or more processes to share evenly. */
#define BLOCKS 64

/** Distances held at once by a search: 2^21 doubles, 16 MiB. */
#define CHUNK_CELLS ((size_t)1 << 21)

#define CHECK(call) do { \
	if ((call) != IGRAPH_SUCCESS) { \
		rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "igraph: %s", \
		                      ripple_igraph_reason()); \
		goto done; \
	} \
} while (0)

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

/*
 * A block's result on the pipe: length, block, code; then the numbers (bet,
 * wbet when weighted, harm, sum, pairs, max) or the error message.
 */
static int send_part(int fd, uint32_t k, int rc, const part *b, const plan *p,
                     const ripple_error *err)
{
	size_t first, count, nh, len;
	char *buf, *at;
	int32_t code = rc;
	uint32_t body;
	int r;

	block_range(p, k, &first, &count);
	nh = harm_len(p, count);
	len = rc == RIPPLE_OK ? (p->n * (p->weighted ? 2 : 1) + nh + 3) * sizeof(double)
	                      : strlen(err->message);
	body = (uint32_t)(sizeof(k) + sizeof(code) + len);
	if (!(buf = malloc(sizeof(body) + body)))
		return -1;
	at = buf;
#define PUT(src, size) do { memcpy(at, (src), (size)); at += (size); } while (0)
	PUT(&body, sizeof(body));
	PUT(&k, sizeof(k));
	PUT(&code, sizeof(code));
	if (rc == RIPPLE_OK) {
		double tail[3] = { b->sum, b->pairs, b->max };
		PUT(b->bet, p->n * sizeof(double));
		if (p->weighted)
			PUT(b->wbet, p->n * sizeof(double));
		PUT(b->harm, nh * sizeof(double));
		PUT(tail, sizeof(tail));
	} else {
		PUT(err->message, len);
	}
#undef PUT
	r = ripple_write_all(fd, buf, sizeof(body) + body);
	free(buf);
	return r;
}

/*
 * Reads one result into *b (initialised here) with *k set: 1, 0 when the
 * worker closed its pipe, or a negative code (the worker's error, or a
 * broken message).
 */
static int receive_part(int fd, uint32_t *k, part *b, const plan *p, ripple_error *err)
{
	uint32_t body;
	int32_t code;
	char *buf = NULL;
	const char *at;
	size_t first, count, nh;
	int r = ripple_read_all(fd, &body, sizeof(body));

	if (r <= 0)
		return r == 0 ? 0 : ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
		                                     "lost a worker process's result");
	if (body < sizeof(*k) + sizeof(code) || !(buf = malloc(body)) ||
	    ripple_read_all(fd, buf, body) != 1)
		goto broken;
	at = buf;
	memcpy(k, at, sizeof(*k));
	memcpy(&code, at + sizeof(*k), sizeof(code));
	at += sizeof(*k) + sizeof(code);
	if (*k >= p->nblocks)
		goto broken;
	if (code != RIPPLE_OK) {
		ripple_error_set(err, code, "", 0, 0, "%.*s",
		                 (int)(body - sizeof(*k) - sizeof(code)), at);
		free(buf);
		return code < 0 ? code : RIPPLE_ERUNTIME;
	}
	block_range(p, *k, &first, &count);
	nh = harm_len(p, count);
	if (body != sizeof(*k) + sizeof(code) + (p->n * (p->weighted ? 2 : 1) + nh + 3) * sizeof(double))
		goto broken;
	if (part_init(b, p, count) < 0) {
		free(buf);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	memcpy(b->bet, at, p->n * sizeof(double));
	at += p->n * sizeof(double);
	if (p->weighted) {
		memcpy(b->wbet, at, p->n * sizeof(double));
		at += p->n * sizeof(double);
	}
	memcpy(b->harm, at, nh * sizeof(double));
	at += nh * sizeof(double);
	memcpy(&b->sum, at, sizeof(double));
	memcpy(&b->pairs, at + sizeof(double), sizeof(double));
	memcpy(&b->max, at + 2 * sizeof(double), sizeof(double));
	free(buf);
	return 1;
broken:
	free(buf);
	return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
	                        "a worker process sent a malformed result");
}

/* The body of a worker: computes the blocks it is sent until its pipe closes. */
static void work(int tasks, int results, void *ctx)
{
	const plan *p = ctx;
	ripple_error err = { 0 };
	uint32_t k;
	int status = 0;

	ripple_igraph_setup();
	while (ripple_read_all(tasks, &k, sizeof(k)) == 1) {
		part b;
		size_t first, count;
		int rc;
		block_range(p, k < p->nblocks ? k : 0, &first, &count);
		rc = part_init(&b, p, count) < 0
			? ripple_error_set(&err, RIPPLE_ENOMEM, "", 0, 0, "out of memory")
			: run_block(&b, p, k, &err);
		if (send_part(results, k, rc, &b, p, &err) < 0)
			status = 1;
		part_release(&b);
		if (status)
			break;
	}
	_exit(status);   /* not exit(): the parent's atexit handlers and buffers are its own */
}

/* ---- the blocks ------------------------------------------------------------- */

/* Runs every block, in this process or over jobs workers, into out and tot. */
static int run_blocks(ripple_paths *out, part *tot, const plan *p,
                      const ripple_paths_options *o, ripple_error *err)
{
	int nw = o->jobs < (int)p->nblocks ? o->jobs : (int)p->nblocks, rc = RIPPLE_OK;
	size_t next = 0, added = 0;
	part *early = NULL;      /* results that came before the blocks ahead of them */
	int *have = NULL;
	ripple_worker *w = NULL;
	struct pollfd *pfd = NULL;
	int started = 0;

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

	early = calloc(p->nblocks, sizeof(*early));
	have = calloc(p->nblocks, sizeof(*have));
	w = calloc((size_t)nw, sizeof(*w));
	pfd = calloc((size_t)nw, sizeof(*pfd));
	if (!early || !have || !w || !pfd) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	started = 1;
	if ((rc = ripple_workers_start(w, nw, work, (void *)p, err)) < 0)
		goto done;
	for (int k = 0; k < nw; k++) {
		uint32_t b = (uint32_t)next++;
		if (ripple_write_all(w[k].tasks, &b, sizeof(b)) < 0)
			goto lost;
		w[k].busy = (long)b;
	}
	while (added < p->nblocks) {
		for (int k = 0; k < nw; k++)
			pfd[k] = (struct pollfd){ w[k].busy >= 0 ? w[k].results : -1, POLLIN, 0 };
		if (poll(pfd, (nfds_t)nw, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "poll: %s", strerror(errno));
			goto done;
		}
		for (int k = 0; k < nw; k++) {
			uint32_t b = 0;
			part got;
			int r;
			if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if ((r = receive_part(w[k].results, &b, &got, p, err)) == 0)
				goto lost;
			if (r < 0) {
				rc = r;
				goto done;
			}
			if (have[b]) {
				part_release(&got);
				goto lost;
			}
			early[b] = got;
			have[b] = 1;
			w[k].busy = -1;
			while (added < p->nblocks && have[added]) {
				absorb(out, tot, p, added, &early[added]);
				part_release(&early[added]);
				added++;
				if (o->progress)
					o->progress(o->progress_ctx, added, p->nblocks);
			}
			if (next < p->nblocks) {
				uint32_t nb = (uint32_t)next++;
				if (ripple_write_all(w[k].tasks, &nb, sizeof(nb)) < 0)
					goto lost;
				w[k].busy = (long)nb;
			}
		}
	}
	goto done;
lost:
	rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
	                      "a worker process computing shortest paths stopped");
done:
	if (started)
		ripple_workers_stop(w, nw);
	for (size_t k = 0; early && k < p->nblocks; k++)
		part_release(&early[k]);
	free(early);
	free(have);
	free(w);
	free(pfd);
	return rc;
}

/* ---- the wave --------------------------------------------------------------- */

static int int_cmp(const void *a, const void *b)
{
	igraph_integer_t x = *(const igraph_integer_t *)a, y = *(const igraph_integer_t *)b;
	return (x > y) - (x < y);
}

int ripple_paths_compute(ripple_paths *out, const ripple_graph *g,
                         const ripple_metrics_options *opts, ripple_error *err)
{
	const ripple_paths_options *o = &opts->paths;
	size_t n = g->n, split = o->split_min ? o->split_min : RIPPLE_SPLIT_MIN;
	plan p = { g->graph, n, opts->weighted, { 0 }, NULL, n, 1 };
	part tot = { 0 };
	int rc = RIPPLE_OK;

	ripple_igraph_setup();
	memset(out, 0, sizeof(*out));
	out->n = n;
	out->diameter = out->mean_distance = NAN;
	igraph_vector_init(&p.dist, 0);
	out->betweenness = calloc(n + 1, sizeof(double));
	out->wbetweenness = opts->weighted ? calloc(n + 1, sizeof(double)) : NULL;
	out->harmonic = calloc(n + 1, sizeof(double));
	if (!out->betweenness || (opts->weighted && !out->wbetweenness) || !out->harmonic)
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
	if (opts->weighted) {
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
		ripple_rng_seed(&r, opts->seed);
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
