/*
 * compare.c - what changed between two waves of a place, and whether it is more
 * than chance.
 *
 * A tie here is a pair of actors joined at a wave (ties of several types are
 * one, as in graph.c): an unordered pair in an undirected place, an ordered
 * pair (source -> target) in a directed one, so a directed tie a -> b is new
 * when a did not name b at W1, whatever b said of a. The ledger is made of the
 * ties as reported (what a policy imputes is an estimate, not a report), and
 * a pair's change is known only when the pair is observed at both waves: its
 * reporter answered both surveys (docs/MEASURES.md, "Change").
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

/* ---- names ------------------------------------------------------------------ */

static const char *const status_names[RIPPLE_NTIE_STATUSES] = { "new", "lost", "kept", "unknown" };
static const char *const reason_names[RIPPLE_NUNKNOWN_REASONS] = {
	"joiner", "leaver", "missing_from", "missing_to"
};
static const char *const confirmation_names[] = { "confirmed", "unconfirmed", "unconfirmable" };

const char *ripple_tie_status_name(enum ripple_tie_status s)
{
	return (unsigned)s < RIPPLE_NTIE_STATUSES ? status_names[s] : "?";
}

const char *ripple_unknown_reason_name(enum ripple_unknown_reason r)
{
	return (unsigned)r < RIPPLE_NUNKNOWN_REASONS ? reason_names[r] : "?";
}

const char *ripple_confirmation_name(enum ripple_confirmation c)
{
	return (unsigned)c < 3 ? confirmation_names[c] : "?";
}

/* ---- the ties as reported ------------------------------------------------------ */

/* The pairs tied at one wave by the ties as reported (ripple_wave_pairs). */
typedef struct reported {
	size_t *e;          /* 2 per pair */
	double *v;          /* per pair: summed weight */
	size_t m;
} reported;

static void reported_release(reported *r)
{
	free(r->e);
	free(r->v);
	r->e = NULL;
	r->v = NULL;
}

/*
 * The pairs of r whose ends both have keep[v] != RIPPLE_NONE, renumbered to
 * keep[v] (an increasing map, so the order stays by pair), into out.
 */
static int reported_among(reported *out, const reported *r, const size_t *keep)
{
	memset(out, 0, sizeof(*out));
	out->e = malloc((2 * r->m + 1) * sizeof(*out->e));
	out->v = malloc((r->m + 1) * sizeof(*out->v));
	if (!out->e || !out->v) {
		reported_release(out);
		return RIPPLE_ENOMEM;
	}
	for (size_t k = 0; k < r->m; k++) {
		size_t a = keep[r->e[2 * k]], b = keep[r->e[2 * k + 1]];
		if (a == RIPPLE_NONE || b == RIPPLE_NONE)
			continue;
		out->e[2 * out->m] = a;
		out->e[2 * out->m + 1] = b;
		out->v[out->m++] = r->v[k];
	}
	return RIPPLE_OK;
}

/* ---- what is observed ------------------------------------------------------------ */

static int absent(const ripple_model *m, size_t w, size_t a)
{
	return ripple_model_response(m, w, a) == RIPPLE_RESPONSE_ABSENT;
}

static int answered(const ripple_model *m, size_t w, size_t a)
{
	return ripple_model_response(m, w, a) == RIPPLE_RESPONSE_ANSWERED;
}

/* The pair observed at wave w (ripple_model_observed), or every pair under census. */
static int observed(const ripple_model *m, size_t w, size_t a, size_t b, int census)
{
	return census || ripple_model_observed(m, w, a, b);
}

/* Why the pair (a, b), not observed at both waves, is unknown (enum ripple_unknown_reason). */
static int unknown_reason(const ripple_model *m, size_t w1, size_t w2, size_t a, size_t b)
{
	if ((absent(m, w1, a) && !absent(m, w2, a)) || (absent(m, w1, b) && !absent(m, w2, b)))
		return RIPPLE_UNKNOWN_JOINER;
	if ((!absent(m, w1, a) && absent(m, w2, a)) || (!absent(m, w1, b) && absent(m, w2, b)))
		return RIPPLE_UNKNOWN_LEAVER;
	return observed(m, w1, a, b, 0) ? RIPPLE_UNKNOWN_MISSING_TO : RIPPLE_UNKNOWN_MISSING_FROM;
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

/*
 * The organisation of every actor: its topmost ancestor (itself when it has
 * no parent) when that one is an organisation, else RIPPLE_NONE (not known: a
 * person or team that no organisation contains).
 */
static void organisations(size_t *org, const ripple_model *m)
{
	for (size_t v = 0; v < m->nactors; v++) {
		size_t t = v, steps = 0;
		while (m->actors[t].parent != RIPPLE_NONE && steps++ < m->nactors)
			t = m->actors[t].parent;
		org[v] = m->actors[t].kind == RIPPLE_ORGANISATION ? t : RIPPLE_NONE;
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

/* The confirmation of a directed tie a -> b reported at wave w (ties: that wave's). */
static int confirmation(const ripple_model *m, const pairmap *ties, size_t w, size_t a, size_t b)
{
	int back;
	pairmap_get(ties, pair_key(b, a, m->nactors, 1), &back);
	return ripple_model_confirmation(m, w, b, back);
}

/*
 * QAP on presence (1) or on weights, over the actors c->qap_actor marks
 * (everyone under census; else those who answered at both waves, so that
 * every cell among them is observed at both).
 */
static int qap_test(ripple_compare *c, const reported *r1, const reported *r2, ripple_error *err)
{
	size_t n = c->g1.n, *keep = malloc((n + 1) * sizeof(*keep));
	reported s1 = { 0 }, s2 = { 0 };
	double *ones1 = NULL, *ones2 = NULL;
	int rc = RIPPLE_OK;

	if (!keep)
		goto nomem;
	c->qap_n = 0;
	for (size_t v = 0; v < n; v++)
		keep[v] = c->qap_actor[v] ? c->qap_n++ : RIPPLE_NONE;
	if (reported_among(&s1, r1, keep) < 0 || reported_among(&s2, r2, keep) < 0)
		goto nomem;
	if (!c->weighted) {
		ones1 = malloc((s1.m + 1) * sizeof(double));
		ones2 = malloc((s2.m + 1) * sizeof(double));
		if (!ones1 || !ones2)
			goto nomem;
		for (size_t e = 0; e < s1.m; e++) ones1[e] = 1;
		for (size_t e = 0; e < s2.m; e++) ones2[e] = 1;
	}
	rc = ripple_qap(&c->qap_r, &c->qap_p, c->qap_n, c->g1.directed, s1.e,
	                ones1 ? ones1 : s1.v, s1.m, s2.e, ones2 ? ones2 : s2.v, s2.m,
	                c->permutations, c->seed, err);
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	free(keep);
	free(ones1);
	free(ones2);
	reported_release(&s1);
	reported_release(&s2);
	return rc;
}

/*
 * The tie ledger: every pair tied at W1 or W2 as reported, with its status
 * (new, lost or kept when observed at both waves, else unknown with its
 * reason) and flags; Jaccard, Hamming and the QAP test.
 */
static int ledger(ripple_compare *c, ripple_error *err)
{
	const ripple_graph *g1 = &c->g1, *g2 = &c->g2;
	const ripple_model *m = g1->model;
	size_t n = g1->n, i1 = g1->wave_index, i2 = g2->wave_index;
	int directed = g1->directed, census = g1->opts.missing == RIPPLE_POLICY_CENSUS;
	reported r1 = { 0 }, r2 = { 0 };
	pairmap w1 = { 0 }, w2 = { 0 };
	size_t *org = malloc((n + 1) * sizeof(*org));
	char *mark = calloc(n + 1, 1);
	igraph_adjlist_t adj;
	igraph_vector_int_t comp;
	int rc = RIPPLE_OK, adj_ok = 0;

	igraph_vector_int_init(&comp, 0);
	if (!org || !mark || ripple_wave_pairs(&r1.e, &r1.v, &r1.m, m, i1, err) < 0 ||
	    ripple_wave_pairs(&r2.e, &r2.v, &r2.m, m, i2, err) < 0 ||
	    !(c->ties = malloc((r1.m + r2.m + 1) * sizeof(*c->ties))) ||
	    pairmap_init(&w1, r1.m) < 0 || pairmap_init(&w2, r2.m) < 0) {
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
	organisations(org, m);
	for (size_t e = 0; e < r1.m; e++)
		pairmap_put(&w1, pair_key(r1.e[2 * e], r1.e[2 * e + 1], n, directed), r1.v[e]);
	for (size_t e = 0; e < r2.m; e++)
		pairmap_put(&w2, pair_key(r2.e[2 * e], r2.e[2 * e + 1], n, directed), r2.v[e]);

	for (int wave = 0; wave < 2; wave++) {
		const reported *r = wave ? &r2 : &r1;
		for (size_t e = 0; e < r->m; e++) {
			size_t a = r->e[2 * e], b = r->e[2 * e + 1];
			uint64_t key = pair_key(a, b, n, directed);
			int in1, in2;
			double x1 = pairmap_get(&w1, key, &in1), x2 = pairmap_get(&w2, key, &in2);
			if (wave == 1 && in1)
				continue;            /* ties of both waves were listed from W1 */
			ripple_tie_change *t = &c->ties[c->nties++];
			t->a = a;
			t->b = b;
			t->w1 = x1;
			t->w2 = x2;
			if (observed(m, i1, a, b, census) && observed(m, i2, a, b, census)) {
				t->status = in1 && in2 ? RIPPLE_TIE_KEPT : in2 ? RIPPLE_TIE_NEW : RIPPLE_TIE_LOST;
				t->unknown = -1;
			} else {
				t->status = RIPPLE_TIE_UNKNOWN;
				t->unknown = unknown_reason(m, i1, i2, a, b);
				c->unknown[t->unknown]++;
			}
			t->cross_sector = flag(m->actors[a].sector, m->actors[b].sector);
			t->cross_town = flag(m->actors[a].town, m->actors[b].town);
			t->cross_organisation = org[a] == RIPPLE_NONE || org[b] == RIPPLE_NONE ? -1
			                        : org[a] != org[b];
			t->distance1 = in1 ? 1 : w1_distance(&adj, &comp, a, b, mark);
			t->bridging = t->status == RIPPLE_TIE_NEW && (t->distance1 == 3 || t->distance1 == -1);
			t->confirmation1 = directed && in1 ? confirmation(m, &w1, i1, a, b) : -1;
			t->confirmation2 = directed && in2 ? confirmation(m, &w2, i2, a, b) : -1;
			c->count[t->status]++;
			if (t->status == RIPPLE_TIE_KEPT) {
				c->strengthened += x2 > x1;
				c->weakened += x2 < x1;
			}
			if (t->status == RIPPLE_TIE_NEW) {
				c->new_cross_sector += t->cross_sector == 1;
				c->new_cross_organisation += t->cross_organisation == 1;
				c->new_cross_town += t->cross_town == 1;
				c->new_bridging += t->bridging;
				c->new_ties[a]++;
				c->new_ties[b]++;
			}
		}
	}
	qsort(c->ties, c->nties, sizeof(*c->ties), status_order);
	{
		double all = (double)(c->count[RIPPLE_TIE_NEW] + c->count[RIPPLE_TIE_LOST] +
		                      c->count[RIPPLE_TIE_KEPT]);
		c->jaccard = all > 0 ? (double)c->count[RIPPLE_TIE_KEPT] / all : NAN;
		c->hamming = (double)(c->count[RIPPLE_TIE_NEW] + c->count[RIPPLE_TIE_LOST]);
	}
	for (size_t v = 0; v < n; v++)
		c->qap_actor[v] = census || (answered(m, i1, v) && answered(m, i2, v));
	rc = qap_test(c, &r1, &r2, err);
done:
	if (adj_ok)
		igraph_adjlist_destroy(&adj);
	igraph_vector_int_destroy(&comp);
	pairmap_release(&w1);
	pairmap_release(&w2);
	reported_release(&r1);
	reported_release(&r2);
	free(org);
	free(mark);
	return rc;
}

/*
 * The attendee group of actor v for the change from wave index i1 to i2: 1 an
 * attendee, 0 not, -1 neither (attended not given; under a policy other than
 * census, not answered at both waves), 2 attended before the earlier wave. An
 * actor whose attendance has a time attended between the waves when the
 * earlier < attended_by <= the later; had not attended by the later wave when
 * attended_by > the later; before when attended_by <= the earlier.
 */
static int attend_group(const ripple_model *m, size_t v, size_t i1, size_t i2, int census)
{
	const ripple_actor *a = &m->actors[v];
	size_t lo = i1 < i2 ? i1 : i2, hi = i1 < i2 ? i2 : i1;

	if (!census && !(answered(m, i1, v) && answered(m, i2, v)))
		return -1;
	if (a->attended_by != RIPPLE_NONE)
		return a->attended_by <= lo ? 2 : a->attended_by <= hi ? 1 : 0;
	return a->attended < 0 ? -1 : a->attended != 0;
}

/*
 * Did attendees gain more new ties? The difference of mean new ties between
 * the attendee group and the others (attend_group); p is the share of N
 * random relabellings of the same actors with a difference at least as
 * large, (1 + k) / (1 + N).
 */
static int attendee_test(ripple_compare *c, ripple_error *err)
{
	size_t n = c->g1.n, k = 0;
	size_t *idx = malloc((n + 1) * sizeof(*idx));
	uint64_t *thr = malloc((n + 1) * sizeof(*thr));
	double sum_yes = 0, sum_no = 0, total = 0;
	int census = c->g1.opts.missing == RIPPLE_POLICY_CENSUS;
	long at_least = 0;
	ripple_rng g;

	c->attend_mean_yes = c->attend_mean_no = c->attend_diff = c->attend_p = NAN;
	if (!idx || !thr) {
		free(idx);
		free(thr);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	for (size_t v = 0; v < n; v++) {
		int group = attend_group(c->g1.model, v, c->g1.wave_index, c->g2.wave_index, census);
		c->attendee[v] = (signed char)(group == 2 ? -1 : group);
		c->attend_before += group == 2;
		if (group < 0 || group == 2)
			continue;
		idx[k++] = (size_t)c->new_ties[v];
		total += (double)c->new_ties[v];
		if (group) {
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

/*
 * Who has a tie at wave w as reported (an imputed tie is not one), with both
 * ends members of g's network (g is that wave's): tied[v] = 1. O(ties of w).
 */
static void reported_ties(int *tied, const ripple_model *m, const ripple_graph *g)
{
	const ripple_indices *w = &m->wave_ties[g->wave_index];
	for (size_t k = 0; k < w->count; k++) {
		const ripple_tie *t = &m->ties[w->items[k]];
		if (!g->member || (g->member[t->source] && g->member[t->target]))
			tied[t->source] = tied[t->target] = 1;
	}
}

/* How the actors each ripple names are joined at W2. */
static int ripple_links(ripple_compare *c, const ripple_model *m, ripple_error *err)
{
	size_t n = c->g1.n;
	pairmap status = { 0 };
	int rc = RIPPLE_OK;

	if (pairmap_init(&status, c->nties) < 0)
		goto nomem;
	/* an unknown tie joins the pair at W2 only when it is there at W2 */
	for (size_t i = 0; i < c->nties; i++)
		pairmap_put(&status, pair_key(c->ties[i].a, c->ties[i].b, n, c->g1.directed),
		            (double)(c->ties[i].status == RIPPLE_TIE_UNKNOWN && !(c->ties[i].w2 > 0)
		                     ? RIPPLE_TIE_LOST : c->ties[i].status));
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
				int is_unknown = (found && st1 == RIPPLE_TIE_UNKNOWN) ||
				                 (found2 && st2 == RIPPLE_TIE_UNKNOWN);
				l->pairs++;
				l->pairs_new += is_new;
				l->pairs_kept += !is_new && is_kept;
				l->pairs_unknown += !is_new && !is_kept && is_unknown;
				l->pairs_none += !is_new && !is_kept && !is_unknown;
			}
		}
		l->joined = l->pairs_none < l->pairs;
		l->status = l->pairs_new ? RIPPLE_TIE_NEW : l->pairs_kept ? RIPPLE_TIE_KEPT
		            : l->pairs_unknown ? RIPPLE_TIE_UNKNOWN : RIPPLE_TIE_LOST;
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
	int *earlier = NULL, *tied2 = NULL, rc;

	if (!opts)
		opts = &defaults;
	memset(c, 0, sizeof(*c));
	c->permutations = opts->permutations;
	c->seed = opts->seed;
	c->weighted = opts->weighted;
	mo.weighted = opts->weighted;
	mo.seed = opts->seed;
	mo.paths = opts->paths;
	mo.network_only = opts->network_only;
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
	c->qap_actor = calloc(n + 1, 1);
	c->attendee = calloc(n + 1, 1);
	earlier = calloc(n + 1, sizeof(int));
	tied2 = calloc(n + 1, sizeof(int));
	if (!c->first_connected || !c->joiner || !c->leaver || !c->new_ties || !c->qap_actor ||
	    !c->attendee || !earlier || !tied2) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	if ((rc = ledger(c, err)) < 0 || (rc = attendee_test(c, err)) < 0 ||
	    (rc = ripple_links(c, pm, err)) < 0)
		goto fail;
	earlier_ties(earlier, pm, c->g2.wave_index);
	/* joiners and leavers: who became part of the place and who stopped being
	 * part of it (responses.csv's absent); without that, under census or when
	 * the place has no responses, who gained its first tie or lost its last */
	int by_absence = c->joined_by_absence =
		pm->responses && opts->graph.missing != RIPPLE_POLICY_CENSUS;
	size_t i1 = c->g1.wave_index, i2 = c->g2.wave_index;
	/* first connected, with responses (not census): only an actor known to have
	 * had no tie, that is one that answered at W1, with no tie reported at any
	 * wave before W2, and a tie reported at W2 (an imputed one is not a report).
	 * An actor missing at W1 may have had ties no one reported; a joiner was not
	 * part of the place at W1. Otherwise: tied at W2, at no wave before W2. */
	if (by_absence)
		reported_ties(tied2, pm, &c->g2);
	for (size_t v = 0; v < n; v++) {
		double d1 = ripple_metrics_node(&c->m1, v, RIPPLE_NODE_DEGREE);
		double d2 = ripple_metrics_node(&c->m2, v, RIPPLE_NODE_DEGREE);
		if (by_absence) {
			c->joiner[v] = absent(pm, i1, v) && !absent(pm, i2, v);
			c->leaver[v] = !absent(pm, i1, v) && absent(pm, i2, v);
		} else {
			c->joiner[v] = d1 == 0 && d2 > 0;
			c->leaver[v] = d1 > 0 && d2 == 0;
		}
		c->first_connected[v] = by_absence
			? answered(pm, i1, v) && tied2[v] && !earlier[v]
			: d2 > 0 && !earlier[v];
	}
	free(earlier);
	free(tied2);
	return RIPPLE_OK;
fail:
	free(earlier);
	free(tied2);
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

/* 1 when ripple r names actor i (its actors are in actor order). */
static int ripple_names(const ripple_ripple *r, size_t i)
{
	for (size_t k = 0; k < r->nactors; k++)
		if (r->actors[k] == i)
			return 1;
	return 0;
}

typedef struct numbered_tie {
	const char *la, *lb;
	size_t t, a, b;
} numbered_tie;

static int by_end_labels(const void *x, const void *y)
{
	const numbered_tie *p = x, *q = y;
	int c = strcmp(p->la, q->la);

	if (!c)
		c = strcmp(p->lb, q->lb);
	if (!c)
		c = (p->a > q->a) - (p->a < q->a);
	return c ? c : (p->b > q->b) - (p->b < q->b);
}

long ripple_compare_number_ripple_ties(size_t *numbers, const ripple_compare *c)
{
	const ripple_model *m = c->g1.model;
	numbered_tie *order = malloc((c->nties + 1) * sizeof(*order));
	size_t n = 0;
	long k = 0;

	if (!order)
		return -1;
	for (size_t t = 0; t < c->nties; t++) {
		numbers[t] = 0;
		if (c->ties[t].status == RIPPLE_TIE_NEW)
			order[n++] = (numbered_tie){ m->actors[c->ties[t].a].label,
			                             m->actors[c->ties[t].b].label, t, c->ties[t].a,
			                             c->ties[t].b };
	}
	qsort(order, n, sizeof(*order), by_end_labels);
	for (size_t j = 0; j < n; j++)
		for (size_t r = 0; r < m->nripples; r++)
			if (ripple_names(&m->ripples[r], order[j].a) &&
			    ripple_names(&m->ripples[r], order[j].b)) {
				numbers[order[j].t] = (size_t)++k;
				break;
			}
	free(order);
	return k;
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
	free(c->qap_actor);
	free(c->attendee);
	for (size_t i = 0; i < c->nlinks; i++) {
		free(c->links[i].id);
		free(c->links[i].label);
		free(c->links[i].actors);
	}
	free(c->links);
	memset(c, 0, sizeof(*c));
}
