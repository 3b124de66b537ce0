/*
 * compare.c - what changed between two waves of a place, and whether it is more
 * than chance.
 *
 * A tie here is a pair of actors joined at a wave (ties of several types are
 * one, as in graph.c): an unordered pair in an undirected place, an ordered
 * pair (source -> target) in a directed one, so a directed tie a -> b is new
 * when a did not name b at W1, whatever b said of a.
 *
 * The two permutation tests use ripple's own generator (ripple_rng: xoshiro256**,
 * seeded by splitmix64 from --seed), not igraph's, so their results depend on the seed
 * alone: the same seed gives the same p-values on every machine.
 */
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/compare.h"
#include "ripple/error.h"
#include "ripple/graph.h"
#include "ripple/metrics.h"
#include "ripple/model.h"
#include "ripple/place.h"
#include "rng.h"
#include "util.h"

/* ---- a map from vertex pairs to values ----------------------------------- */

typedef struct pairmap {
	uint64_t *keys;     /* key + 1; 0 marks an empty slot */
	double *vals;
	size_t cap;         /* power of two */
} pairmap;

static uint64_t pair_key(size_t a, size_t b, size_t n, int directed)
{
	if (!directed && b < a) {
		size_t t = a;
		a = b;
		b = t;
	}
	return (uint64_t)a * n + b;
}

static uint64_t mix(uint64_t x)
{
	return ripple_splitmix64(&x);
}

static int pairmap_init(pairmap *m, size_t count)
{
	m->cap = 16;
	while (m->cap < count * 2 + 1)
		m->cap <<= 1;
	m->keys = calloc(m->cap, sizeof(*m->keys));
	m->vals = malloc(m->cap * sizeof(*m->vals));
	return m->keys && m->vals ? RIPPLE_OK : RIPPLE_ENOMEM;
}

static void pairmap_release(pairmap *m)
{
	free(m->keys);
	free(m->vals);
}

/* Sets key to val (the map was sized for every key it will hold). */
static void pairmap_put(pairmap *m, uint64_t key, double val)
{
	size_t i = mix(key) & (m->cap - 1);
	while (m->keys[i] && m->keys[i] != key + 1)
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = key + 1;
	m->vals[i] = val;
}

/* The value of key, or 0 (no tie) when absent. */
static double pairmap_get(const pairmap *m, uint64_t key, int *found)
{
	size_t i = mix(key) & (m->cap - 1);
	while (m->keys[i]) {
		if (m->keys[i] == key + 1) {
			if (found)
				*found = 1;
			return m->vals[i];
		}
		i = (i + 1) & (m->cap - 1);
	}
	if (found)
		*found = 0;
	return 0;
}

/* ---- QAP ------------------------------------------------------------------ */

/** Places up to this many actors get a bit per cell of W1 (n^2 / 8 bytes: 2 MiB). */
#define QAP_BITS_MAX 4096

/*
 * The W1 matrix, for reading cells X[x][y] under a permutation. A
 * permutation costs one pass over the W2 ties, never a pass over the n x n
 * cells. Up to QAP_BITS_MAX actors, a bit per cell says whether it is
 * non-zero and the pair map gives its value (only for the few cells that
 * are); above that, row x lists the y with X[x][y] != 0 (both ways when
 * undirected) and its value, and the row of the permuted first end of a tie
 * is spread into a dense scratch vector (and cleared again) whenever that
 * end changes. W2's ties come sorted by their first end (graph.c orders
 * them), so each row is spread about once a permutation: O(m1 + m2).
 */
typedef struct qap_w1 {
	size_t n;
	int directed;
	uint64_t *bits;     /* n * n bits, or NULL */
	pairmap values;     /* with bits: the value of each cell */
	int unit;           /* with bits: every non-zero cell is 1 (ties, not weights) */
	size_t *start;      /* without bits: n + 2 offsets into col / val */
	size_t *col;
	double *val;
	double *row;        /* without bits: n zeros of scratch */
} qap_w1;

static void qap_w1_release(qap_w1 *x)
{
	free(x->bits);
	pairmap_release(&x->values);
	free(x->start);
	free(x->col);
	free(x->val);
	free(x->row);
}

static int qap_w1_init(qap_w1 *x, size_t n, int directed, const size_t *e, const double *v,
                       size_t m)
{
	size_t cells = directed ? m : 2 * m;

	x->n = n;
	x->directed = directed;
	if (n <= QAP_BITS_MAX) {
		if (!(x->bits = calloc((n * n + 63) / 64, sizeof(*x->bits))) ||
		    pairmap_init(&x->values, m) < 0)
			return RIPPLE_ENOMEM;
		x->unit = 1;
		for (size_t k = 0; k < m; k++) {
			size_t a = e[2 * k], b = e[2 * k + 1];
			x->bits[(a * n + b) / 64] |= 1ULL << ((a * n + b) % 64);
			if (!directed)
				x->bits[(b * n + a) / 64] |= 1ULL << ((b * n + a) % 64);
			pairmap_put(&x->values, pair_key(a, b, n, directed), v[k]);
			x->unit = x->unit && v[k] == 1.0;
		}
		return RIPPLE_OK;
	}
	x->start = calloc(n + 2, sizeof(*x->start));
	x->col = malloc((cells + 1) * sizeof(*x->col));
	x->val = malloc((cells + 1) * sizeof(*x->val));
	x->row = calloc(n, sizeof(*x->row));
	if (!x->start || !x->col || !x->val || !x->row)
		return RIPPLE_ENOMEM;
	for (size_t k = 0; k < m; k++) {
		x->start[e[2 * k] + 2]++;
		if (!directed)
			x->start[e[2 * k + 1] + 2]++;
	}
	for (size_t i = 2; i < n + 2; i++)
		x->start[i] += x->start[i - 1];
	/* start[i + 1] is now where row i begins; filling moves it to where row i ends */
	for (size_t k = 0; k < m; k++) {
		size_t a = e[2 * k], b = e[2 * k + 1], at = x->start[a + 1]++;
		x->col[at] = b;
		x->val[at] = v[k];
		if (!directed) {
			at = x->start[b + 1]++;
			x->col[at] = a;
			x->val[at] = v[k];
		}
	}
	return RIPPLE_OK;
}

/* Spreads row r of W1 into x->row, or clears it again (put = 0). */
static void qap_spread(qap_w1 *x, size_t r, int put)
{
	for (size_t i = x->start[r]; i < x->start[r + 1]; i++)
		x->row[x->col[i]] = put ? x->val[i] : 0;
}

/*
 * The cross-product sum of cells X[perm a][perm b] * v2 over the W2 ties
 * (a, b), summed in tie order. e2 holds the ties with a < b when undirected.
 */
static double qap_cross(qap_w1 *x, const size_t *perm, const size_t *e2, const double *v2,
                        size_t m2)
{
	const uint64_t *bits = x->bits;
	size_t n = x->n, cur = (size_t)-1;
	double s = 0;

	if (bits) {
		for (size_t e = 0; e < m2; e++) {
			size_t pa = perm[e2[2 * e]], pb = perm[e2[2 * e + 1]], cell = pa * n + pb;
			/* an empty cell adds +0, which leaves s (>= +0) as it is */
			if (bits[cell / 64] >> (cell % 64) & 1)
				s += v2[e] * (x->unit ? 1.0 : pairmap_get(&x->values,
				                                          pair_key(pa, pb, n, x->directed), NULL));
		}
		return s;
	}
	for (size_t e = 0; e < m2; e++) {
		size_t pa = perm[e2[2 * e]], pb = perm[e2[2 * e + 1]];
		if (pa != cur) {
			if (cur != (size_t)-1)
				qap_spread(x, cur, 0);
			qap_spread(x, pa, 1);
			cur = pa;
		}
		s += v2[e] * x->row[pb];
	}
	if (cur != (size_t)-1)
		qap_spread(x, cur, 0);
	return s;
}

int ripple_qap(double *r, double *p, size_t n, int directed,
               const size_t *e1, const double *v1, size_t m1,
               const size_t *e2, const double *v2, size_t m2,
               long permutations, unsigned long seed, ripple_error *err)
{
	double cells = directed ? (double)n * (double)(n - 1) : (double)n * (double)(n - 1) / 2;
	double sx = 0, sxx = 0, sy = 0, syy = 0, sxy, denom;
	size_t *perm = NULL, *ties = NULL;
	uint64_t *thr = NULL;
	qap_w1 x = { 0 };
	long at_least = 0;
	int rc = RIPPLE_OK;
	ripple_rng g;

	*r = *p = NAN;
	if (n < 2)
		return RIPPLE_OK;
	if (qap_w1_init(&x, n, directed, e1, v1, m1) < 0 || !(perm = malloc(n * sizeof(*perm))) ||
	    !(ties = malloc((2 * m2 + 1) * sizeof(*ties))) || !(thr = malloc((n + 1) * sizeof(*thr)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t e = 0; e < m1; e++) {
		sx += v1[e];
		sxx += v1[e] * v1[e];
	}
	for (size_t e = 0; e < m2; e++) {
		size_t a = e2[2 * e], b = e2[2 * e + 1];
		sy += v2[e];
		syy += v2[e] * v2[e];
		ties[2 * e] = directed || a < b ? a : b;
		ties[2 * e + 1] = directed || a < b ? b : a;
	}
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	for (size_t i = 2; i <= n; i++)
		thr[i] = ripple_rng_threshold(i);
	sxy = qap_cross(&x, perm, ties, v2, m2);
	/* Pearson over all cells; the absent cells are zeros */
	denom = sqrt((cells * sxx - sx * sx) * (cells * syy - sy * sy));
	if (!(denom > 0))
		goto done;
	*r = (cells * sxy - sx * sy) / denom;
	/* a permutation moves only the cross products: r_perm >= r iff sxy_perm >= sxy */
	ripple_rng_seed(&g, seed);
	for (long k = 0; k < permutations; k++) {
		ripple_shuffle(perm, n, &g, thr);
		double s = qap_cross(&x, perm, ties, v2, m2);
		at_least += s >= sxy - 1e-9 * (1 + fabs(sxy));
	}
	*p = (1.0 + (double)at_least) / (1.0 + (double)permutations);
done:
	free(perm);
	free(ties);
	free(thr);
	qap_w1_release(&x);
	return rc;
}

/* ---- the comparison -------------------------------------------------------- */

static int status_order(const void *x, const void *y)
{
	const ripple_tie_change *a = x, *b = y;
	if (a->status != b->status)
		return a->status < b->status ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

/* Edge list (2 per edge) of an igraph graph, as size_t. */
static size_t *edge_list(const igraph_t *g)
{
	size_t m = (size_t)igraph_ecount(g);
	size_t *e = malloc((2 * m + 1) * sizeof(*e));
	for (size_t k = 0; e && k < m; k++) {
		e[2 * k] = (size_t)IGRAPH_FROM(g, (igraph_integer_t)k);
		e[2 * k + 1] = (size_t)IGRAPH_TO(g, (igraph_integer_t)k);
	}
	return e;
}

/* Top-level organisation of every vertex: follow parents to the root. */
static void top_level(long *top, const ripple_graph *g)
{
	for (size_t v = 0; v < g->n; v++) {
		size_t t = v, steps = 0;
		while (g->model->actors[t].parent != RIPPLE_NONE && steps++ < g->n)
			t = g->model->actors[t].parent;
		top[v] = (long)t;
	}
}

/*
 * Steps between a and b at W1 in the undirected view: 1, 2, 3 for "3 or more",
 * -1 for none. mark is a per-vertex scratch array of zeros, left as found.
 */
static int w1_distance(const igraph_adjlist_t *adj, const igraph_vector_int_t *comp,
                       size_t a, size_t b, char *mark)
{
	igraph_vector_int_t *na = igraph_adjlist_get(adj, a), *nb = igraph_adjlist_get(adj, b);
	int d = 3;

	if (VECTOR(*comp)[a] != VECTOR(*comp)[b])
		return -1;
	for (igraph_integer_t i = 0; i < igraph_vector_int_size(na); i++)
		if ((size_t)VECTOR(*na)[i] == b)
			return 1;     /* b -> a at W1 when a -> b is new in a directed place */
	for (igraph_integer_t i = 0; i < igraph_vector_int_size(na); i++)
		mark[VECTOR(*na)[i]] = 1;
	for (igraph_integer_t i = 0; i < igraph_vector_int_size(nb) && d == 3; i++)
		if (mark[VECTOR(*nb)[i]])
			d = 2;
	for (igraph_integer_t i = 0; i < igraph_vector_int_size(na); i++)
		mark[VECTOR(*na)[i]] = 0;
	return d;
}

static int flag(const char *x, const char *y)
{
	if (!*x || !*y)
		return -1;
	return strcmp(x, y) != 0;
}

/* The tie ledger: every pair joined at W1 or W2, with its flags. */
static int ledger(ripple_compare *c, ripple_error *err)
{
	const ripple_graph *g1 = &c->g1, *g2 = &c->g2;
	size_t n = g1->n, m1 = g1->nedges, m2 = g2->nedges;
	size_t *e1 = edge_list(g1->graph), *e2 = edge_list(g2->graph);
	pairmap w1 = { 0 }, w2 = { 0 };
	long *top = malloc((n + 1) * sizeof(*top));
	char *mark = calloc(n + 1, 1);
	igraph_adjlist_t adj;
	igraph_vector_int_t comp;
	int rc = RIPPLE_OK, adj_ok = 0;

	igraph_vector_int_init(&comp, 0);
	c->ties = malloc((m1 + m2 + 1) * sizeof(*c->ties));
	if (!e1 || !e2 || !top || !mark || !c->ties || pairmap_init(&w1, m1) < 0 ||
	    pairmap_init(&w2, m2) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if (igraph_adjlist_init(g1->undirected, &adj, IGRAPH_ALL, IGRAPH_NO_LOOPS,
	                        IGRAPH_NO_MULTIPLE) != IGRAPH_SUCCESS ||
	    igraph_connected_components(g1->undirected, &comp, NULL, NULL, IGRAPH_WEAK)
	        != IGRAPH_SUCCESS) {
		rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "igraph: %s",
		                      ripple_igraph_reason());
		goto done;
	}
	adj_ok = 1;
	top_level(top, g1);
	for (size_t e = 0; e < m1; e++)
		pairmap_put(&w1, pair_key(e1[2 * e], e1[2 * e + 1], n, g1->directed), g1->weights[e]);
	for (size_t e = 0; e < m2; e++)
		pairmap_put(&w2, pair_key(e2[2 * e], e2[2 * e + 1], n, g2->directed), g2->weights[e]);

	for (int wave = 0; wave < 2; wave++) {
		const size_t *el = wave ? e2 : e1;
		size_t m = wave ? m2 : m1;
		for (size_t e = 0; e < m; e++) {
			size_t a = el[2 * e], b = el[2 * e + 1];
			uint64_t key = pair_key(a, b, n, g1->directed);
			int in1, in2;
			double x1 = pairmap_get(&w1, key, &in1), x2 = pairmap_get(&w2, key, &in2);
			if (wave == 1 && in1)
				continue;            /* kept ties were listed from W1 */
			ripple_tie_change *t = &c->ties[c->nties++];
			if (!g1->directed && b < a) {
				size_t s = a;
				a = b;
				b = s;
			}
			t->a = a;
			t->b = b;
			t->w1 = x1;
			t->w2 = x2;
			t->status = in1 && in2 ? RIPPLE_TIE_KEPT : in2 ? RIPPLE_TIE_NEW : RIPPLE_TIE_LOST;
			t->cross_sector = flag(g1->model->actors[a].sector, g1->model->actors[b].sector);
			t->cross_town = flag(g1->model->actors[a].town, g1->model->actors[b].town);
			t->cross_organisation = top[a] != top[b];
			t->distance1 = t->status == RIPPLE_TIE_NEW ? w1_distance(&adj, &comp, a, b, mark) : 1;
			t->bridging = t->status == RIPPLE_TIE_NEW && (t->distance1 == 3 || t->distance1 == -1);
			c->count[t->status]++;
			if (t->status == RIPPLE_TIE_KEPT) {
				c->strengthened += x2 > x1;
				c->weakened += x2 < x1;
			}
			if (t->status == RIPPLE_TIE_NEW) {
				c->new_cross_sector += t->cross_sector == 1;
				c->new_cross_organisation += t->cross_organisation;
				c->new_cross_town += t->cross_town == 1;
				c->new_bridging += t->bridging;
				c->new_ties[a]++;
				c->new_ties[b]++;
			}
		}
	}
	qsort(c->ties, c->nties, sizeof(*c->ties), status_order);
	{
		double all = (double)(c->count[0] + c->count[1] + c->count[2]);
		c->jaccard = all > 0 ? (double)c->count[RIPPLE_TIE_KEPT] / all : NAN;
		c->hamming = (double)(c->count[RIPPLE_TIE_NEW] + c->count[RIPPLE_TIE_LOST]);
	}
	/* QAP on presence (1) or on weights */
	{
		double *ones1 = NULL, *ones2 = NULL;
		if (!c->weighted) {
			ones1 = malloc((m1 + 1) * sizeof(double));
			ones2 = malloc((m2 + 1) * sizeof(double));
			if (!ones1 || !ones2) {
				free(ones1);
				free(ones2);
				rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
				goto done;
			}
			for (size_t e = 0; e < m1; e++) ones1[e] = 1;
			for (size_t e = 0; e < m2; e++) ones2[e] = 1;
		}
		rc = ripple_qap(&c->qap_r, &c->qap_p, n, g1->directed, e1,
		                ones1 ? ones1 : g1->weights, m1, e2, ones2 ? ones2 : g2->weights, m2,
		                c->permutations, c->seed, err);
		free(ones1);
		free(ones2);
	}
done:
	if (adj_ok)
		igraph_adjlist_destroy(&adj);
	igraph_vector_int_destroy(&comp);
	pairmap_release(&w1);
	pairmap_release(&w2);
	free(e1);
	free(e2);
	free(top);
	free(mark);
	return rc;
}

/*
 * Did attendees gain more new ties? The difference of mean new ties between
 * actors whose attended is yes and those whose attended is no (not given:
 * left out); p is the share of N random relabellings of the same actors with
 * a difference at least as large, (1 + k) / (1 + N).
 */
static int attendee_test(ripple_compare *c, ripple_error *err)
{
	size_t n = c->g1.n, k = 0;
	size_t *idx = malloc((n + 1) * sizeof(*idx));
	uint64_t *thr = malloc((n + 1) * sizeof(*thr));
	double sum_yes = 0, sum_no = 0, total = 0;
	long at_least = 0;
	ripple_rng g;

	c->attend_mean_yes = c->attend_mean_no = c->attend_diff = c->attend_p = NAN;
	if (!idx || !thr) {
		free(idx);
		free(thr);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	for (size_t v = 0; v < n; v++) {
		if (c->g1.model->actors[v].attended < 0)
			continue;
		idx[k++] = (size_t)c->new_ties[v];
		total += (double)c->new_ties[v];
		if (c->g1.model->actors[v].attended) {
			c->attend_yes++;
			sum_yes += (double)c->new_ties[v];
		} else {
			c->attend_no++;
			sum_no += (double)c->new_ties[v];
		}
	}
	if (c->attend_yes && c->attend_no) {
		double ny = (double)c->attend_yes, nn = (double)c->attend_no;
		c->attend_mean_yes = sum_yes / ny;
		c->attend_mean_no = sum_no / nn;
		c->attend_diff = c->attend_mean_yes - c->attend_mean_no;
		/* shuffle the gains over the same actors; the first attend_yes are "attendees" */
		ripple_rng_seed(&g, c->seed + 1);
		for (size_t i = 2; i <= k; i++)
			thr[i] = ripple_rng_threshold(i);
		for (long p = 0; p < c->permutations; p++) {
			double s = 0;
			ripple_shuffle(idx, k, &g, thr);
			for (long i = 0; i < c->attend_yes; i++)
				s += (double)idx[i];
			double diff = s / ny - (total - s) / nn;
			at_least += diff >= c->attend_diff - 1e-9;
		}
		c->attend_p = (1.0 + (double)at_least) / (1.0 + (double)c->permutations);
	}
	free(idx);
	free(thr);
	return RIPPLE_OK;
}

/* Who was tied at some wave before w2 (the waves of lower ordinal)? O(ties). */
static void earlier_ties(int *tied, const ripple_model *m, size_t w2)
{
	for (size_t i = 0; i < m->nties; i++)
		if (m->ties[i].wave < w2)
			tied[m->ties[i].source] = tied[m->ties[i].target] = 1;
}

/* How the actors each ripple names are joined at W2. */
static int ripple_links(ripple_compare *c, const ripple_model *m, ripple_error *err)
{
	size_t n = c->g1.n;
	pairmap status = { 0 };
	int rc = RIPPLE_OK;

	if (pairmap_init(&status, c->nties) < 0)
		goto nomem;
	for (size_t i = 0; i < c->nties; i++)
		pairmap_put(&status, pair_key(c->ties[i].a, c->ties[i].b, n, c->g1.directed),
		            (double)c->ties[i].status);
	if (!(c->links = calloc(m->nripples + 1, sizeof(*c->links))))
		goto nomem;
	for (size_t r = 0; r < m->nripples; r++) {
		const ripple_ripple *x = &m->ripples[r];
		const size_t *verts = x->actors;
		size_t nv = x->nactors, len = 0;
		ripple_ripple_link *l = &c->links[c->nlinks];
		if (nv < 2)
			continue;
		for (size_t i = 0; i < nv; i++)
			len += strlen(c->g1.model->actors[verts[i]].id) + 1;
		if (!(l->actors = malloc(len + 1)) || !(l->id = strdup(x->id)) ||
		    !(l->label = strdup(x->label))) {
			c->nlinks++;   /* released with the rest */
			goto nomem;
		}
		c->nlinks++;
		l->actors[0] = '\0';
		for (size_t i = 0; i < nv; i++) {
			if (i)
				strcat(l->actors, ";");
			strcat(l->actors, c->g1.model->actors[verts[i]].id);
		}
		for (size_t i = 0; i < nv; i++) {
			for (size_t j = i + 1; j < nv; j++) {
				int found, found2;
				double st1 = pairmap_get(&status, pair_key((long)verts[i], (long)verts[j], n,
				                                           c->g1.directed), &found);
				double st2 = c->g1.directed
					? pairmap_get(&status, pair_key((long)verts[j], (long)verts[i], n, 1),
					              &found2) : 0;
				if (!c->g1.directed)
					found2 = 0;
				int is_new = (found && st1 == RIPPLE_TIE_NEW) || (found2 && st2 == RIPPLE_TIE_NEW);
				int is_kept = (found && st1 == RIPPLE_TIE_KEPT) || (found2 && st2 == RIPPLE_TIE_KEPT);
				l->pairs++;
				l->pairs_new += is_new;
				l->pairs_kept += !is_new && is_kept;
				l->pairs_none += !is_new && !is_kept;
			}
		}
		l->joined = l->pairs_none < l->pairs;
		l->status = l->pairs_new ? RIPPLE_TIE_NEW : l->pairs_kept ? RIPPLE_TIE_KEPT
		                                                          : RIPPLE_TIE_LOST;
	}
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	pairmap_release(&status);
	return rc;
}

int ripple_compare_run(ripple_compare *c, const ripple_model *pm, const char *w1, const char *w2,
                       const ripple_compare_options *opts, ripple_error *err)
{
	static const ripple_compare_options defaults = RIPPLE_COMPARE_OPTIONS_INIT;
	ripple_metrics_options mo = RIPPLE_METRICS_OPTIONS_INIT;
	int *earlier = NULL, rc;

	if (!opts)
		opts = &defaults;
	memset(c, 0, sizeof(*c));
	c->permutations = opts->permutations;
	c->seed = opts->seed;
	c->weighted = opts->weighted;
	mo.weighted = opts->weighted;
	mo.seed = opts->seed;
	mo.paths = opts->paths;
	if (strcmp(w1, w2) == 0)
		return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0,
		                        "--from and --to name the same wave \"%s\"", w1);
	if ((rc = ripple_graph_build(&c->g1, pm, w1, &opts->graph, err)) < 0 ||
	    (rc = ripple_graph_build(&c->g2, pm, w2, &opts->graph, err)) < 0)
		goto fail;
	{
		/* both waves at once: large ones in two processes (opts->paths.jobs) */
		const ripple_graph *gs[2] = { &c->g1, &c->g2 };
		ripple_metrics ms[2];
		if ((rc = ripple_metrics_compute_waves(ms, gs, 2, &mo, err)) < 0)
			goto fail;
		c->m1 = ms[0];
		c->m2 = ms[1];
	}
	size_t n = c->g1.n;
	c->first_connected = calloc(n + 1, sizeof(int));
	c->joiner = calloc(n + 1, sizeof(int));
	c->leaver = calloc(n + 1, sizeof(int));
	c->new_ties = calloc(n + 1, sizeof(long));
	earlier = calloc(n + 1, sizeof(int));
	if (!c->first_connected || !c->joiner || !c->leaver || !c->new_ties || !earlier) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	if ((rc = ledger(c, err)) < 0 || (rc = attendee_test(c, err)) < 0 ||
	    (rc = ripple_links(c, pm, err)) < 0)
		goto fail;
	earlier_ties(earlier, pm, c->g2.wave_index);
	for (size_t v = 0; v < n; v++) {
		double d1 = ripple_metrics_node(&c->m1, v, RIPPLE_NODE_DEGREE);
		double d2 = ripple_metrics_node(&c->m2, v, RIPPLE_NODE_DEGREE);
		c->joiner[v] = d1 == 0 && d2 > 0;
		c->leaver[v] = d1 > 0 && d2 == 0;
		c->first_connected[v] = d2 > 0 && !earlier[v];
	}
	free(earlier);
	return RIPPLE_OK;
fail:
	free(earlier);
	ripple_compare_release(c);
	return rc;
}

size_t ripple_compare_gainers(size_t *out, size_t max, const ripple_compare *c,
                              enum ripple_node_measure m)
{
	size_t n = c->g1.n, found = 0;

	while (found < max) {
		/* the largest positive change not yet listed; equal ones go to the earlier actor */
		long best = -1;
		double bestd = 0;
		for (size_t v = 0; v < n; v++) {
			double d = ripple_metrics_node(&c->m2, v, m) - ripple_metrics_node(&c->m1, v, m);
			int taken = 0;
			for (size_t i = 0; i < found && !taken; i++)
				taken = out[i] == v;
			if (!taken && !isnan(d) && d > bestd) {
				best = (long)v;
				bestd = d;
			}
		}
		if (best < 0)
			break;
		out[found++] = (size_t)best;
	}
	return found;
}

void ripple_compare_release(ripple_compare *c)
{
	if (!c)
		return;
	ripple_metrics_release(&c->m1);
	ripple_metrics_release(&c->m2);
	ripple_graph_release(&c->g1);
	ripple_graph_release(&c->g2);
	free(c->ties);
	free(c->first_connected);
	free(c->joiner);
	free(c->leaver);
	free(c->new_ties);
	for (size_t i = 0; i < c->nlinks; i++) {
		free(c->links[i].id);
		free(c->links[i].label);
		free(c->links[i].actors);
	}
	free(c->links);
	memset(c, 0, sizeof(*c));
}
