/*
 * metrics.c - the network and actor measures of one wave.
 *
 * igraph computes; this file chooses the graph each measure runs on, the
 * normalisation, and what is undefined (NAN, printed as null). Each choice is
 * written once in docs/MEASURES.md, and checked against networkx in
 * tests/unit/test_metrics.c with fixtures from tests/reference/make_reference.py.
 *
 * Two views of a wave are used (see ripple_graph): `graph`, with direction
 * when the place is directed, and `undirected`, the same ties with direction
 * dropped. Measures of position along paths (degree, betweenness, closeness,
 * eigenvector, PageRank, reciprocity, distances, brokerage) use direction;
 * measures of neighbourhood structure (clustering, transitivity, coreness,
 * constraint, effective size, reach, E-I, communities) use the undirected view.
 */
#include <igraph.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "pool.h"
#include "ripple/error.h"
#include "ripple/graph.h"
#include "ripple/metrics.h"
#include "ripple/model.h"
#include "ripple/paths.h"
#include "ripple/place.h"
#include "util.h"

static const ripple_measure_info net_info[RIPPLE_NET_COUNT] = {
	[RIPPLE_NET_ACTORS] = { "actors", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_TIES] = { "ties", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_DENSITY] = { "density", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_MEAN_DEGREE] = { "mean_degree", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_COMPONENTS] = { "components", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_LARGEST_COMPONENT_SHARE] = { "largest_component_share", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_ISOLATES] = { "isolates", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_DIAMETER] = { "diameter", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_MEAN_DISTANCE] = { "mean_distance", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_TRANSITIVITY] = { "transitivity", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_DEGREE_CENTRALIZATION] = { "degree_centralization", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_BETWEENNESS_CENTRALIZATION] = { "betweenness_centralization", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_RECIPROCITY] = { "reciprocity", 0, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NET_EI_INDEX] = { "ei_index", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_ASSORTATIVITY] = { "assortativity", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_COMMUNITIES] = { "communities", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_MODULARITY] = { "modularity", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_MEAN_TRUST] = { "mean_trust", 0, RIPPLE_SCOPE_TRUST },
	[RIPPLE_NET_MEAN_VALUE] = { "mean_value", 0, RIPPLE_SCOPE_VALUE },
	[RIPPLE_NET_RESPONSE_RATE] = { "response_rate", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_IMPUTED_TIES] = { "imputed_ties", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NET_CONFIRMED_PAIRS] = { "confirmed_pairs", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NET_UNCONFIRMED_PAIRS] = { "unconfirmed_pairs", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NET_UNCONFIRMABLE_PAIRS] = { "unconfirmable_pairs", 1, RIPPLE_SCOPE_DIRECTED },
};

static const ripple_measure_info node_info[RIPPLE_NODE_COUNT] = {
	[RIPPLE_NODE_DEGREE] = { "degree", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_IN_DEGREE] = { "in_degree", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NODE_OUT_DEGREE] = { "out_degree", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NODE_STRENGTH] = { "strength", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_BETWEENNESS] = { "betweenness", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_HARMONIC_CLOSENESS] = { "harmonic_closeness", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_EIGENVECTOR] = { "eigenvector", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_PAGERANK] = { "pagerank", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_CORENESS] = { "coreness", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_CLUSTERING] = { "clustering", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_CONSTRAINT] = { "constraint", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_EFFECTIVE_SIZE] = { "effective_size", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_EI_INDEX] = { "ei_index", 0, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_REACH_2] = { "reach_2", 1, RIPPLE_SCOPE_ALWAYS },
	[RIPPLE_NODE_COORDINATOR] = { "coordinator", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NODE_GATEKEEPER] = { "gatekeeper", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NODE_REPRESENTATIVE] = { "representative", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NODE_CONSULTANT] = { "consultant", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NODE_LIAISON] = { "liaison", 1, RIPPLE_SCOPE_DIRECTED },
	[RIPPLE_NODE_TRUST_IN] = { "trust_in", 0, RIPPLE_SCOPE_TRUST },
	[RIPPLE_NODE_VALUE_IN] = { "value_in", 0, RIPPLE_SCOPE_VALUE },
	[RIPPLE_NODE_COMMUNITY] = { "community", 1, RIPPLE_SCOPE_ALWAYS },
};

const ripple_measure_info *ripple_net_measure_info(enum ripple_net_measure m)
{
	return &net_info[m];
}

const ripple_measure_info *ripple_node_measure_info(enum ripple_node_measure m)
{
	return &node_info[m];
}

int ripple_measure_applies(enum ripple_measure_scope scope, int directed, int has_trust,
                           int has_value)
{
	switch (scope) {
	case RIPPLE_SCOPE_DIRECTED: return directed;
	case RIPPLE_SCOPE_TRUST: return has_trust;
	case RIPPLE_SCOPE_VALUE: return has_value;
	default: return 1;
	}
}

/* Runs an igraph call; on failure records igraph's reason and leaves (util.h). */
#define CHECK(call) RIPPLE_IGRAPH_CHECK(call)

#define NODE(m, v, k) ((m)->node[(size_t)(v) * RIPPLE_NODE_COUNT + (k)])

/* A wave's weights as an igraph vector view (no copy). */
static igraph_vector_t weight_view(const double *w, size_t n)
{
	static const double none = 0;
	igraph_vector_t v = { 0 };
	igraph_vector_view(&v, n ? w : &none, (igraph_integer_t)n);
	return v;
}

/* ---- sector-based measures (E-I, brokerage) ----------------------------- */

/* Sector of each vertex as a small integer; -1 when not given. actor: as in measure(). */
static int sector_ids(int *out, const ripple_graph *g, const size_t *actor)
{
	ripple_strmap map = {0};
	for (size_t i = 0; i < g->n; i++) {
		const ripple_actor *a = &g->model->actors[actor ? actor[i] : i];
		size_t id;
		if (!a->sector[0]) {
			out[i] = -1;
			continue;
		}
		if (ripple_strmap_put(&map, a->sector, map.count, &id) < 0) {
			ripple_strmap_release(&map);
			return RIPPLE_ENOMEM;
		}
		out[i] = (int)id;
	}
	ripple_strmap_release(&map);
	return RIPPLE_OK;
}

/*
 * E-I index (Krackhardt & Stern): (E - I) / (E + I) over ties between actors
 * whose sectors are both known; E ties cross sectors, I ties stay inside.
 * Per actor over its own ties, and over all ties of the wave.
 */
static int ei_index(ripple_metrics *m, const ripple_graph *g, const int *sector,
                    ripple_error *err)
{
	const igraph_t *u = g->undirected;
	long E = 0, I = 0;
	long *e = calloc(g->n + 1, sizeof(*e)), *in = calloc(g->n + 1, sizeof(*in));

	if (!e || !in) {
		free(e);
		free(in);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	for (igraph_integer_t k = 0; k < igraph_ecount(u); k++) {
		igraph_integer_t a = IGRAPH_FROM(u, k), b = IGRAPH_TO(u, k);
		if (sector[a] < 0 || sector[b] < 0)
			continue;
		if (sector[a] == sector[b]) {
			I++; in[a]++; in[b]++;
		} else {
			E++; e[a]++; e[b]++;
		}
	}
	m->net[RIPPLE_NET_EI_INDEX] = E + I ? (double)(E - I) / (double)(E + I) : NAN;
	for (size_t v = 0; v < g->n; v++)
		NODE(m, v, RIPPLE_NODE_EI_INDEX) = sector[v] >= 0 && e[v] + in[v]
			? (double)(e[v] - in[v]) / (double)(e[v] + in[v]) : NAN;
	free(e);
	free(in);
	return RIPPLE_OK;
}

/*
 * Gould & Fernandez brokerage roles of each actor j, counted over two-paths
 * i -> j -> k with i != k and no tie i -> k, all three sectors known:
 * coordinator A->A->A, consultant A->B->A, representative A->A->B,
 * gatekeeper A->B->B, liaison A->B->C. As in R sna's brokerage().
 */
static int brokerage(ripple_metrics *m, const ripple_graph *g, const int *sector,
                     ripple_error *err)
{
	const igraph_t *d = g->graph;
	igraph_vector_int_t ins, outs;
	int rc = RIPPLE_OK;

	igraph_vector_int_init(&ins, 0);
	igraph_vector_int_init(&outs, 0);
	for (size_t j = 0; j < g->n; j++) {
		double count[5] = { 0 };
		if (sector[j] < 0)
			continue;                           /* no sector: roles undefined (null) */
		CHECK(igraph_neighbors(d, &ins, (igraph_integer_t)j, IGRAPH_IN));
		CHECK(igraph_neighbors(d, &outs, (igraph_integer_t)j, IGRAPH_OUT));
		for (igraph_integer_t x = 0; x < igraph_vector_int_size(&ins); x++) {
			igraph_integer_t i = VECTOR(ins)[x];
			for (igraph_integer_t y = 0; y < igraph_vector_int_size(&outs); y++) {
				igraph_integer_t k = VECTOR(outs)[y], eid;
				if (i == k || sector[i] < 0 || sector[k] < 0)
					continue;
				CHECK(igraph_get_eid(d, &eid, i, k, IGRAPH_DIRECTED, /*error=*/0));
				if (eid >= 0)
					continue;
				int si = sector[i], sj = sector[j], sk = sector[k];
				if (si == sj && sj == sk)
					count[0]++;                 /* coordinator */
				else if (si == sk)
					count[3]++;                 /* consultant */
				else if (si == sj)
					count[2]++;                 /* representative */
				else if (sj == sk)
					count[1]++;                 /* gatekeeper */
				else
					count[4]++;                 /* liaison */
			}
		}
		NODE(m, j, RIPPLE_NODE_COORDINATOR) = count[0];
		NODE(m, j, RIPPLE_NODE_GATEKEEPER) = count[1];
		NODE(m, j, RIPPLE_NODE_REPRESENTATIVE) = count[2];
		NODE(m, j, RIPPLE_NODE_CONSULTANT) = count[3];
		NODE(m, j, RIPPLE_NODE_LIAISON) = count[4];
	}
done:
	igraph_vector_int_destroy(&ins);
	igraph_vector_int_destroy(&outs);
	return rc;
}

/* ---- tie attributes (trust, value) -------------------------------------- */

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 when the place's ties carry the attribute name at any wave. O(log names). */
static int place_has_attr(const ripple_model *pm, const char *name)
{
	return pm->ntie_attr_names &&
	       bsearch(&name, pm->tie_attr_names, pm->ntie_attr_names, sizeof(*pm->tie_attr_names),
	               str_cmp) != NULL;
}

/*
 * Means of the numeric tie attributes trust and value over the ties of the
 * wave, and per actor over the ties it receives (directed) or is part of
 * (undirected). Text that is not a number is left out (the model holds NAN
 * for it). One pass over the wave's ties reads both attributes, in the order
 * of the tie index (source, target, type), and sums in that order: the order
 * in which SQLite's avg() summed them when this was three queries per attribute.
 * vertex: as in measure(); a tie with an end that is not a vertex of g (not a
 * member of the wave's network) is left out.
 */
static int tie_attribute_means(ripple_metrics *m, const ripple_graph *g, const long *vertex,
                               ripple_error *err)
{
	static const char *const names[2] = { "trust", "value" };
	static const enum ripple_net_measure net_k[2] = { RIPPLE_NET_MEAN_TRUST,
	                                                  RIPPLE_NET_MEAN_VALUE };
	static const enum ripple_node_measure node_k[2] = { RIPPLE_NODE_TRUST_IN,
	                                                    RIPPLE_NODE_VALUE_IN };
	const ripple_model *pm = g->model;
	int *present[2] = { &m->has_trust, &m->has_value }, rc = RIPPLE_OK;
	double total[2] = { 0, 0 }, count[2] = { 0, 0 }, *sum = NULL, *cnt = NULL;
	/* per value: which attribute, both ends and the value */
	struct row { int k; long a, b; double x; } *rows = NULL;
	ripple_indices ties;
	size_t nrows = 0;

	for (int k = 0; k < 2; k++) {
		*present[k] = place_has_attr(pm, names[k]);
		m->net[net_k[k]] = NAN;
		for (size_t v = 0; v < g->n; v++)
			NODE(m, v, node_k[k]) = NAN;
	}
	if (!m->has_trust && !m->has_value)
		return RIPPLE_OK;

	/* the values in the tie index's order, trust before value within a tie */
	ties = pm->wave_ties[g->wave_index];
	if (!(rows = malloc((2 * ties.count + 1) * sizeof(*rows))))
		goto nomem;
	for (size_t i = 0; i < ties.count; i++) {
		const ripple_tie *t = &pm->ties[ties.items[i]];
		long a = (long)t->source, b = (long)t->target;
		if (vertex) {
			a = t->source < pm->nactors ? vertex[t->source] : -1;
			b = t->target < pm->nactors ? vertex[t->target] : -1;
			if (a < 0 || b < 0)
				continue;
		}
		for (int k = 0; k < 2; k++) {
			const ripple_attr *x = ripple_attrs_get(pm->tie_attrs[ties.items[i]], names[k]);
			if (x && !isnan(x->number))
				rows[nrows++] = (struct row){ k, a, b, x->number };
		}
	}

	sum = calloc(2 * g->n + 1, sizeof(*sum));
	cnt = calloc(2 * g->n + 1, sizeof(*cnt));
	if (!sum || !cnt)
		goto nomem;
	for (size_t i = 0; i < nrows; i++) {
		total[rows[i].k] += rows[i].x;
		count[rows[i].k]++;
	}
	/* per actor: the ties it receives; undirected also those it sends, after
	 * them (SQL grouped the rows of source ends, then of target ends) */
	for (int side = g->directed ? 0 : 1; side >= 0; side--)
		for (size_t i = 0; i < nrows; i++) {
			long v = side ? rows[i].a : rows[i].b;
			if (v < 0)
				continue;
			sum[(size_t)rows[i].k * g->n + (size_t)v] += rows[i].x;
			cnt[(size_t)rows[i].k * g->n + (size_t)v]++;
		}
	for (int k = 0; k < 2; k++) {
		if (!*present[k])
			continue;
		if (count[k] > 0)
			m->net[net_k[k]] = total[k] / count[k];
		for (size_t v = 0; v < g->n; v++)
			if (cnt[(size_t)k * g->n + v] > 0)
				NODE(m, v, node_k[k]) = sum[(size_t)k * g->n + v] / cnt[(size_t)k * g->n + v];
	}
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	free(rows);
	free(sum);
	free(cnt);
	return rc;
}

/* ---- communities ---------------------------------------------------------- */

/** Leiden runs per wave: at least MIN_RUNS; up to RUNS while they cover at most BUDGET ties. */
#define RIPPLE_LEIDEN_RUNS 10
#define RIPPLE_LEIDEN_MIN_RUNS 5
#define RIPPLE_LEIDEN_BUDGET 2000
/** Runs go to worker processes (with --jobs 2 or more) from this many ties. */
#define RIPPLE_LEIDEN_SPLIT_TIES 20000

/*
 * What every Leiden run of a wave shares, set up once (the graph is the
 * wave's own undirected view, its weights and the node weights computed once
 * for all runs; worker processes see them as forked), and what the caller
 * has taken of the runs so far, in run order.
 */
typedef struct leiden {
	const igraph_t *u;
	const igraph_vector_t *w;    /* edge weights, or NULL */
	igraph_vector_t strength;    /* node weights: degrees or strengths */
	igraph_real_t resolution;    /* 1 / 2m */
	unsigned long seed;          /* run k has seed + k */
	long runs;                   /* at most */
	igraph_vector_int_t memb;    /* a run's partition (scratch) */
	igraph_vector_int_t best;    /* the best partition taken */
	igraph_real_t q;             /* its modularity; -1 before the first run */
} leiden;

/* Run k into l->memb and *q: depends on k and the wave alone. */
static int leiden_run(leiden *l, long k, igraph_real_t *q, ripple_error *err)
{
	int rc = RIPPLE_OK;

	igraph_rng_seed(igraph_rng_default(), l->seed + (unsigned long)k);
	CHECK(igraph_community_leiden(l->u, l->w, &l->strength, l->resolution, /*beta=*/0.01,
	                              /*start=*/0, /*n_iterations=*/2, &l->memb, NULL, NULL));
	CHECK(igraph_modularity(l->u, &l->memb, l->w, 1.0, IGRAPH_UNDIRECTED, q));
done:
	return rc;
}

/*
 * Takes the next run's partition (l->memb) and modularity q, in run order:
 * keeps it when its modularity is higher than the best (the first one on a
 * tie). Every run is taken: no early stop (docs/MEASURES.md, "No early stop").
 */
static int leiden_take(leiden *l, igraph_real_t q, ripple_error *err)
{
	int rc = RIPPLE_OK;

	if (q > l->q) {
		l->q = q;
		CHECK(igraph_vector_int_update(&l->best, &l->memb));
	}
done:
	return rc;
}

/* In a worker: run k, sent as its modularity, then its partition. */
static int leiden_pool_run(ripple_pool_msg *out, size_t k, void *ctx, ripple_error *err)
{
	leiden *l = ctx;
	igraph_real_t q;
	int rc;

	if ((rc = leiden_run(l, (long)k, &q, err)) < 0)
		return rc;
	ripple_pool_put(out, &q, sizeof(q));
	ripple_pool_put(out, VECTOR(l->memb), (size_t)igraph_vcount(l->u) * sizeof(igraph_integer_t));
	return RIPPLE_OK;
}

/* Here: takes run k (the pool hands the runs over in run order). */
static int leiden_pool_take(size_t k, ripple_pool_msg *in, void *ctx, ripple_error *err)
{
	leiden *l = ctx;
	igraph_real_t q;

	(void)k;
	ripple_pool_get(in, &q, sizeof(q));
	ripple_pool_get(in, VECTOR(l->memb), (size_t)igraph_vcount(l->u) * sizeof(igraph_integer_t));
	if (in->failed)    /* the pool says the result is malformed */
		return RIPPLE_ERUNTIME;
	return leiden_take(l, q, err);
}

static void leiden_pool_what(char *buf, size_t size, size_t k, void *ctx)
{
	(void)k;
	(void)ctx;
	snprintf(buf, size, "a worker process searching for communities");
}

/*
 * The best partition of up to l->runs runs into l->best and l->q: in this
 * process, or over jobs worker processes on a wave of SPLIT_TIES ties or
 * more. The runs are taken in run order, so the answer is the same for any
 * jobs.
 */
static int leiden_best(leiden *l, int jobs, ripple_error *err)
{
	ripple_pool pool = { .tasks = (size_t)l->runs, .jobs = jobs, .in_order = 1, .ctx = l,
	                     .run = leiden_pool_run, .take = leiden_pool_take,
	                     .what = leiden_pool_what };
	igraph_real_t q;
	int rc = RIPPLE_OK;

	if (jobs >= 2 && igraph_ecount(l->u) >= RIPPLE_LEIDEN_SPLIT_TIES)
		return ripple_pool_run(&pool, err);
	for (long k = 0; k < l->runs && rc == RIPPLE_OK; k++)
		if ((rc = leiden_run(l, k, &q, err)) == RIPPLE_OK)
			rc = leiden_take(l, q, err);
	return rc;
}

/*
 * Leiden (igraph_community_leiden, modularity objective: node weights the
 * degrees, or strengths with --weighted, resolution 1/2m) on the undirected
 * view, 2 iterations a run as in igraph's R and Python interfaces. The best
 * of up to r = min(10, max(5, 2000 / ties)) runs with seeds seed, seed+1, ...
 * is kept (highest modularity, the first one on a tie): one run is a lottery
 * (0.33 to 0.42 on a million ties), and iterating longer does not settle it,
 * since a run that merged two groups early keeps them merged. Small waves,
 * where a run costs next to nothing, get up to 10.
 * Not "until stable" (n_iterations < 0): igraph 0.10.2 stops that after one
 * iteration, and a fixed point took up to 470 iterations (docs/MEASURES.md,
 * communities). communities counts groups of two or more actors (an isolate
 * is not a community); modularity is that of the whole partition. Community
 * numbers are 1, 2, ... in order of each group's first actor; isolates get
 * none. Costs up to r runs of O(ties) each (about 4 s CPU a run at a million
 * ties), over --jobs processes from SPLIT_TIES ties.
 */
static int communities(ripple_metrics *m, const ripple_graph *g,
                       const ripple_metrics_options *o, ripple_error *err)
{
	const igraph_t *u = g->undirected;
	igraph_vector_t w = weight_view(g->uweights, g->nuedges);
	igraph_vector_int_t csize;
	igraph_real_t total = 0;
	leiden l = { .u = u, .w = o->weighted ? &w : NULL, .seed = o->seed, .q = -1 };
	long *label = NULL, next = 1;
	int rc = RIPPLE_OK;

	igraph_vector_int_init(&l.memb, (igraph_integer_t)g->n);
	igraph_vector_int_init(&l.best, 0);
	igraph_vector_int_init(&csize, 0);
	igraph_vector_init(&l.strength, 0);
	for (size_t v = 0; v < g->n; v++)
		NODE(m, v, RIPPLE_NODE_COMMUNITY) = NAN;
	if (igraph_ecount(u) == 0) {
		m->net[RIPPLE_NET_COMMUNITIES] = 0;
		m->net[RIPPLE_NET_MODULARITY] = NAN;
		goto done;
	}
	CHECK(igraph_strength(u, &l.strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, l.w));
	for (size_t v = 0; v < g->n; v++)
		total += VECTOR(l.strength)[v];       /* 2m, or twice the total weight */
	l.resolution = 1.0 / total;
	l.runs = RIPPLE_LEIDEN_BUDGET / (long)igraph_ecount(u);
	l.runs = l.runs < RIPPLE_LEIDEN_MIN_RUNS ? RIPPLE_LEIDEN_MIN_RUNS
	       : l.runs > RIPPLE_LEIDEN_RUNS ? RIPPLE_LEIDEN_RUNS : l.runs;
	if ((rc = leiden_best(&l, o->paths.jobs, err)) < 0)
		goto done;
	m->net[RIPPLE_NET_MODULARITY] = l.q;
	label = calloc(g->n + 1, sizeof(*label));
	if (!label) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	CHECK(igraph_vector_int_resize(&csize, (igraph_integer_t)g->n));
	igraph_vector_int_null(&csize);
	for (size_t v = 0; v < g->n; v++)
		VECTOR(csize)[VECTOR(l.best)[v]]++;
	for (size_t v = 0; v < g->n; v++) {
		igraph_integer_t c = VECTOR(l.best)[v];
		if (VECTOR(csize)[c] < 2)
			continue;
		if (!label[c])
			label[c] = next++;
		NODE(m, v, RIPPLE_NODE_COMMUNITY) = (double)label[c];
	}
	m->net[RIPPLE_NET_COMMUNITIES] = (double)(next - 1);
done:
	free(label);
	igraph_vector_int_destroy(&l.memb);
	igraph_vector_int_destroy(&l.best);
	igraph_vector_int_destroy(&csize);
	igraph_vector_destroy(&l.strength);
	return rc;
}

/* ---- the whole wave -------------------------------------------------------- */

/*
 * The actor measures that no network measure needs: eigenvector, PageRank,
 * coreness, local clustering, constraint, effective size, and reach 2 where
 * paths' searches did not count it. Near-linear, but together about a
 * tenth of a 300-actor wave's CPU, which is why callers that print no actor
 * table leave them out (ripple_metrics_options.network_only).
 */
static int actor_structure(ripple_metrics *m, const ripple_graph *g,
                           const ripple_metrics_options *opts, const ripple_paths *paths,
                           ripple_error *err)
{
	const igraph_t *d = g->graph, *u = g->undirected;
	igraph_vector_t res, w = weight_view(g->weights, g->nedges);
	igraph_vector_t uw = weight_view(g->uweights, g->nuedges);
	igraph_vector_int_t ires;
	igraph_real_t x;
	int rc = RIPPLE_OK;

	igraph_vector_init(&res, 0);
	igraph_vector_int_init(&ires, 0);
	/* spectral: eigenvector (scaled to max 1) and PageRank (sums to 1). Eigenvector
	 * on the undirected view, also in a directed place: there only the actors that
	 * reach the dominant strong component would score (as UCINET, symmetrised) */
	if (igraph_ecount(u) > 0) {
		igraph_arpack_options_t arpack;
		igraph_arpack_options_init(&arpack);
		/* ARPACK may start from a random vector: seed igraph's generator so a
		 * wave's scores do not depend on what ran before (another wave's
		 * community search, say) */
		igraph_rng_seed(igraph_rng_default(), opts->seed);
		/* ARPACK may not converge where the two largest eigenvalues nearly meet
		 * (a path of 5,000 actors: a gap of 1e-6; 1,000 Lanczos vectors do not
		 * reach it either): the column is then null, the rest of the wave is
		 * measured, and the CLI says why (docs/MEASURES.md, eigenvector) */
		igraph_error_t erc = igraph_eigenvector_centrality(u, &res, &x, IGRAPH_UNDIRECTED,
		                                                   /*scale=*/1, opts->weighted ? &uw
		                                                   : NULL, &arpack);
		if (erc != IGRAPH_ARPACK_MAXIT)
			CHECK(erc);
		if (erc == IGRAPH_SUCCESS && igraph_vector_max(&res) > 0)
			for (size_t v = 0; v < g->n; v++)
				NODE(m, v, RIPPLE_NODE_EIGENVECTOR) = fabs(VECTOR(res)[v]) < 1e-12 ? 0 : VECTOR(res)[v];
	}
	if (g->n >= 1) {
		CHECK(igraph_pagerank(d, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &x, igraph_vss_all(),
		                      IGRAPH_DIRECTED, 0.85, opts->weighted ? &w : NULL, NULL));
		for (size_t v = 0; v < g->n; v++)
			NODE(m, v, RIPPLE_NODE_PAGERANK) = VECTOR(res)[v];
	}

	/* neighbourhood structure, on the undirected view */
	CHECK(igraph_coreness(u, &ires, IGRAPH_ALL));
	for (size_t v = 0; v < g->n; v++)
		NODE(m, v, RIPPLE_NODE_CORENESS) = (double)VECTOR(ires)[v];
	CHECK(igraph_transitivity_local_undirected(u, &res, igraph_vss_all(),
	                                           IGRAPH_TRANSITIVITY_NAN));
	for (size_t v = 0; v < g->n; v++)
		NODE(m, v, RIPPLE_NODE_CLUSTERING) = VECTOR(res)[v];
	CHECK(igraph_constraint(u, &res, igraph_vss_all(), opts->weighted ? &uw : NULL));
	for (size_t v = 0; v < g->n; v++)
		NODE(m, v, RIPPLE_NODE_CONSTRAINT) = isfinite(VECTOR(res)[v]) ? VECTOR(res)[v] : NAN;
	/* effective size (Borgatti's form of Burt's): k - 2t/k, t = ties among the k
	 * neighbours, recovered from the clustering already computed (C = t / (k(k-1)/2);
	 * C is undefined below degree 2, where t is 0) */
	CHECK(igraph_degree(u, &ires, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS));
	for (size_t v = 0; v < g->n; v++) {
		double k = (double)VECTOR(ires)[v], c = NODE(m, v, RIPPLE_NODE_CLUSTERING);
		double t = k >= 2 ? c * k * (k - 1) / 2 : 0;
		NODE(m, v, RIPPLE_NODE_EFFECTIVE_SIZE) = k > 0 ? k - 2 * t / k : NAN;
	}
	/* reach in two steps where the path searches did not count it (measure) */
	if (!paths->reach2) {
		CHECK(igraph_neighborhood_size(u, &ires, igraph_vss_all(), 2, IGRAPH_ALL,
		                               /*mindist=*/1));
		for (size_t v = 0; v < g->n; v++)
			NODE(m, v, RIPPLE_NODE_REACH_2) = (double)VECTOR(ires)[v];
	}
done:
	igraph_vector_destroy(&res);
	igraph_vector_int_destroy(&ires);
	return rc;
}

/*
 * Every measure of the graph g, whose vertices are all measured. actor: per
 * vertex of g, its actor in g->model (NULL: vertex i is actor i); vertex: the
 * inverse, per actor, its vertex or -1 (NULL: the same). They differ when g
 * is the network of a wave's members only (see ripple_metrics_compute).
 */
static int measure(ripple_metrics *m, const ripple_graph *g, const size_t *actor,
                   const long *vertex, const ripple_metrics_options *opts, ripple_error *err)
{
	const igraph_t *d = g->graph, *u = g->undirected;
	igraph_vector_t res, w = weight_view(g->weights, g->nedges);
	igraph_vector_int_t ires, memb, csize;
	igraph_integer_t ncomp;
	igraph_real_t x, tmax;
	double n = (double)g->n, edges = (double)igraph_ecount(d);
	int *sector = NULL, rc = RIPPLE_OK;
	ripple_paths paths;
	int paths_ok = 0;

	memset(m, 0, sizeof(*m));
	m->n = g->n;
	m->node = malloc((g->n + 1) * RIPPLE_NODE_COUNT * sizeof(*m->node));
	sector = malloc((g->n + 1) * sizeof(*sector));
	if (!m->node || !sector || sector_ids(sector, g, actor) < 0) {
		free(sector);
		ripple_metrics_release(m);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	for (size_t i = 0; i < g->n * RIPPLE_NODE_COUNT; i++)
		m->node[i] = NAN;
	for (int k = 0; k < RIPPLE_NET_COUNT; k++)
		m->net[k] = NAN;

	igraph_vector_init(&res, 0);
	igraph_vector_int_init(&ires, 0);
	igraph_vector_int_init(&memb, 0);
	igraph_vector_int_init(&csize, 0);

	/* size and cohesion */
	m->net[RIPPLE_NET_ACTORS] = n;
	m->net[RIPPLE_NET_TIES] = edges;
	if (g->n >= 2) {
		/* ties over the pairs whose tie is known (ripple_graph.observed_pairs);
		 * igraph's own sum when they are all the pairs, as before responses.csv */
		if (g->observed_pairs == n * (n - 1) / (g->directed ? 1.0 : 2.0)) {
			CHECK(igraph_density(d, &x, IGRAPH_NO_LOOPS));
			m->net[RIPPLE_NET_DENSITY] = x;
		} else if (g->observed_pairs > 0) {
			m->net[RIPPLE_NET_DENSITY] = edges / g->observed_pairs;
		}
	}
	if (g->n >= 1)
		m->net[RIPPLE_NET_MEAN_DEGREE] = 2.0 * edges / n;
	CHECK(igraph_connected_components(d, &memb, &csize, &ncomp, IGRAPH_WEAK));
	m->net[RIPPLE_NET_COMPONENTS] = (double)ncomp;
	if (g->n >= 1)
		m->net[RIPPLE_NET_LARGEST_COMPONENT_SHARE] = (double)igraph_vector_int_max(&csize) / n;
	CHECK(igraph_transitivity_undirected(u, &x, IGRAPH_TRANSITIVITY_NAN));
	m->net[RIPPLE_NET_TRANSITIVITY] = x;
	if (g->directed) {
		if (edges > 0) {
			CHECK(igraph_reciprocity(d, &x, /*ignore_loops=*/1, IGRAPH_RECIPROCITY_DEFAULT));
			m->net[RIPPLE_NET_RECIPROCITY] = x;
		}
	}

	/* degree, strength, centralization */
	CHECK(igraph_degree(d, &ires, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS));
	double isolates = 0;
	for (size_t v = 0; v < g->n; v++) {
		NODE(m, v, RIPPLE_NODE_DEGREE) = (double)VECTOR(ires)[v];
		isolates += VECTOR(ires)[v] == 0;
	}
	m->net[RIPPLE_NET_ISOLATES] = isolates;
	if (g->directed) {
		CHECK(igraph_degree(d, &ires, igraph_vss_all(), IGRAPH_IN, IGRAPH_NO_LOOPS));
		for (size_t v = 0; v < g->n; v++)
			NODE(m, v, RIPPLE_NODE_IN_DEGREE) = (double)VECTOR(ires)[v];
		CHECK(igraph_degree(d, &ires, igraph_vss_all(), IGRAPH_OUT, IGRAPH_NO_LOOPS));
		for (size_t v = 0; v < g->n; v++)
			NODE(m, v, RIPPLE_NODE_OUT_DEGREE) = (double)VECTOR(ires)[v];
	}
	CHECK(igraph_strength(d, &res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &w));
	for (size_t v = 0; v < g->n; v++)
		NODE(m, v, RIPPLE_NODE_STRENGTH) = VECTOR(res)[v];
	if (g->n >= 3) {
		CHECK(igraph_centralization_degree(d, &res, IGRAPH_ALL, IGRAPH_NO_LOOPS, &x, &tmax, 1));
		m->net[RIPPLE_NET_DEGREE_CENTRALIZATION] = x;
	}

	/* paths: betweenness, harmonic closeness (weights as distances 1/w), diameter
	 * and mean distance, from one search per source (paths.c) */
	if ((rc = ripple_paths_compute(&paths, g, &opts->paths, opts->weighted, opts->seed, err)) < 0)
		goto done;
	paths_ok = 1;
	if (edges > 0) {
		m->net[RIPPLE_NET_DIAMETER] = paths.diameter;
		m->net[RIPPLE_NET_MEAN_DISTANCE] = isfinite(paths.mean_distance) ? paths.mean_distance
		                                                                 : NAN;
	}
	if (g->n >= 3) {
		/* centralization on unweighted betweenness; the actor column on weighted
		 * betweenness when --weighted asks for it */
		double pairs = (n - 1) * (n - 2) / (g->directed ? 1.0 : 2.0);
		const double *b = opts->weighted ? paths.wbetweenness : paths.betweenness;
		if (!isnan(paths.betweenness[0])) {
			igraph_vector_t view = weight_view(paths.betweenness, g->n);
			CHECK(igraph_centralization_betweenness_tmax(d, 0, IGRAPH_DIRECTED, &tmax));
			m->net[RIPPLE_NET_BETWEENNESS_CENTRALIZATION] =
				igraph_centralization(&view, tmax, /*normalized=*/1);
		}
		for (size_t v = 0; v < g->n; v++)
			NODE(m, v, RIPPLE_NODE_BETWEENNESS) = b[v] / pairs;
	}
	if (g->n >= 2)
		for (size_t v = 0; v < g->n; v++)
			NODE(m, v, RIPPLE_NODE_HARMONIC_CLOSENESS) = paths.harmonic[v];
	/* reach in two steps: counted by the path searches when they ran from every
	 * actor of an undirected wave (the same ties as u), else igraph's (actor_structure) */
	if (paths.reach2)
		for (size_t v = 0; v < g->n; v++)
			NODE(m, v, RIPPLE_NODE_REACH_2) = paths.reach2[v];

	if (!opts->network_only && (rc = actor_structure(m, g, opts, &paths, err)) < 0)
		goto done;

	/* groups: sectors and communities */
	if ((rc = ei_index(m, g, sector, err)) < 0)
		goto done;
	{
		/* nominal assortativity by sector among actors whose sector is known */
		igraph_vector_int_t keep, types;
		igraph_t sub;
		int ok = igraph_vector_int_init(&keep, 0) == IGRAPH_SUCCESS;
		ok = igraph_vector_int_init(&types, 0) == IGRAPH_SUCCESS && ok;
		for (size_t v = 0; ok && v < g->n; v++) {
			if (sector[v] < 0)
				continue;
			ok = igraph_vector_int_push_back(&keep, (igraph_integer_t)v) == IGRAPH_SUCCESS &&
			     igraph_vector_int_push_back(&types, sector[v]) == IGRAPH_SUCCESS;
		}
		/* induced_subgraph keeps vertex order, so types line up */
		if (ok && (ok = igraph_induced_subgraph(d, &sub, igraph_vss_vector(&keep),
		                                        IGRAPH_SUBGRAPH_AUTO) == IGRAPH_SUCCESS)) {
			if (igraph_ecount(&sub) > 0)
				ok = igraph_assortativity_nominal(&sub, &types, &x, IGRAPH_DIRECTED, 1)
				     == IGRAPH_SUCCESS;
			if (ok && igraph_ecount(&sub) > 0)
				m->net[RIPPLE_NET_ASSORTATIVITY] = isfinite(x) ? x : NAN;
			igraph_destroy(&sub);
		}
		igraph_vector_int_destroy(&keep);
		igraph_vector_int_destroy(&types);
		CHECK(ok ? IGRAPH_SUCCESS : IGRAPH_FAILURE);
	}
	if ((rc = communities(m, g, opts, err)) < 0)
		goto done;
	if (g->directed && !opts->network_only && (rc = brokerage(m, g, sector, err)) < 0)
		goto done;

	/* relationship quality */
	if ((rc = tie_attribute_means(m, g, vertex, err)) < 0)
		goto done;
done:
	igraph_vector_destroy(&res);
	if (paths_ok)
		ripple_paths_release(&paths);
	igraph_vector_int_destroy(&ires);
	igraph_vector_int_destroy(&memb);
	igraph_vector_int_destroy(&csize);
	free(sector);
	if (rc < 0)
		ripple_metrics_release(m);
	return rc;
}

/*
 * The network of the members of g only, as a graph of its own: vertex k is
 * actor (*actor)[k] of g's model, (*vertex)[a] the vertex of actor a (-1 for
 * a non-member). The edges are g's, in g's order, so the weights are g's
 * (borrowed); the graphs are sub's own (release with member_graph_release).
 * O(actors + ties).
 */
static int member_graph(ripple_graph *sub, size_t **actor, long **vertex, const ripple_graph *g,
                        ripple_error *err)
{
	const igraph_t *src[2] = { g->graph, g->undirected };
	igraph_t **dst[2] = { &sub->graph, &sub->undirected };
	igraph_vector_int_t el;
	int rc = RIPPLE_OK;

	*sub = *g;
	sub->graph = sub->undirected = NULL;
	sub->member = NULL;
	sub->actor_keys = NULL;             /* vertex k is not actor k: no lookups by key */
	sub->n = g->nmembers;
	*actor = malloc((g->nmembers + 1) * sizeof(**actor));
	*vertex = malloc((g->n + 1) * sizeof(**vertex));
	if (igraph_vector_int_init(&el, 0) != IGRAPH_SUCCESS || !*actor || !*vertex) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t a = 0, k = 0; a < g->n; a++) {
		(*vertex)[a] = g->member[a] ? (long)k : -1;
		if (g->member[a])
			(*actor)[k++] = a;
	}
	for (int i = 0; i < 2; i++) {
		if (i == 1 && g->undirected == g->graph) {
			sub->undirected = sub->graph;
			break;
		}
		CHECK(igraph_get_edgelist(src[i], &el, /*bycol=*/0));
		for (igraph_integer_t e = 0; e < igraph_vector_int_size(&el); e++)
			VECTOR(el)[e] = (*vertex)[VECTOR(el)[e]];   /* an edge joins two members */
		if (!(*dst[i] = malloc(sizeof(igraph_t)))) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		if (igraph_create(*dst[i], &el, (igraph_integer_t)sub->n, igraph_is_directed(src[i]))
		    != IGRAPH_SUCCESS) {
			free(*dst[i]);
			*dst[i] = NULL;
			CHECK(IGRAPH_FAILURE);
		}
	}
done:
	igraph_vector_int_destroy(&el);
	return rc;
}

static void member_graph_release(ripple_graph *sub, size_t *actor, long *vertex)
{
	if (sub->undirected && sub->undirected != sub->graph) {
		igraph_destroy(sub->undirected);
		free(sub->undirected);
	}
	if (sub->graph) {
		igraph_destroy(sub->graph);
		free(sub->graph);
	}
	free(actor);
	free(vertex);
}

/*
 * 1 when nothing is known of wave g's structure: responses say that no one
 * answered it (someone was asked or left out, no one answered, no pair is
 * observed) and the policy is not census, which takes the ties as if all had.
 * Without responses.csv every actor answered, so this is never so.
 */
static int unknown_structure(const ripple_graph *g)
{
	return g->opts.missing != RIPPLE_POLICY_CENSUS && g->answered == 0 &&
	       g->missing + g->absent > 0 && g->observed_pairs == 0;
}

/* Nulls what describes the network's structure (see unknown_structure): every
 * actor measure and the network measures but the counts of actors and ties,
 * the tie attributes and what describes the survey. */
static void null_structure(ripple_metrics *m)
{
	static const enum ripple_net_measure structural[] = {
		RIPPLE_NET_DENSITY, RIPPLE_NET_MEAN_DEGREE, RIPPLE_NET_COMPONENTS,
		RIPPLE_NET_LARGEST_COMPONENT_SHARE, RIPPLE_NET_ISOLATES, RIPPLE_NET_DIAMETER,
		RIPPLE_NET_MEAN_DISTANCE, RIPPLE_NET_TRANSITIVITY, RIPPLE_NET_DEGREE_CENTRALIZATION,
		RIPPLE_NET_BETWEENNESS_CENTRALIZATION, RIPPLE_NET_RECIPROCITY, RIPPLE_NET_EI_INDEX,
		RIPPLE_NET_ASSORTATIVITY, RIPPLE_NET_COMMUNITIES, RIPPLE_NET_MODULARITY,
	};
	for (size_t i = 0; i < sizeof(structural) / sizeof(structural[0]); i++)
		m->net[structural[i]] = NAN;
	for (size_t i = 0; m->node && i < m->n * RIPPLE_NODE_COUNT; i++)
		m->node[i] = NAN;
}

/*
 * The measures of a wave are those of its network: when g->member says that
 * some actors are not part of it (absent, or not answering under
 * respondents), the network of the members is measured as a graph of its
 * own, and the others get null in every actor measure and count for nothing
 * (not actors, not isolates, not components). A wave no one answered
 * (unknown_structure) has null structural and actor measures.
 */
int ripple_metrics_compute(ripple_metrics *m, const ripple_graph *g,
                           const ripple_metrics_options *opts, ripple_error *err)
{
	static const ripple_metrics_options defaults = RIPPLE_METRICS_OPTIONS_INIT;
	ripple_graph sub;
	ripple_metrics own;
	size_t *actor = NULL;
	long *vertex = NULL;
	int rc;

	ripple_igraph_setup();
	if (!opts)
		opts = &defaults;
	memset(m, 0, sizeof(*m));
	if (!g->member) {
		if ((rc = measure(m, g, NULL, NULL, opts, err)) < 0)
			return rc;
	} else {
		if ((rc = member_graph(&sub, &actor, &vertex, g, err)) == RIPPLE_OK &&
		    (rc = measure(&own, &sub, actor, vertex, opts, err)) == RIPPLE_OK) {
			memcpy(m->net, own.net, sizeof(m->net));
			m->has_trust = own.has_trust;
			m->has_value = own.has_value;
			m->n = g->n;
			if (!(m->node = malloc((g->n + 1) * RIPPLE_NODE_COUNT * sizeof(*m->node)))) {
				rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
				m->n = 0;
			}
			for (size_t a = 0; m->node && a < g->n; a++)
				for (int k = 0; k < RIPPLE_NODE_COUNT; k++)
					NODE(m, a, k) = vertex[a] < 0 ? NAN : NODE(&own, vertex[a], k);
			ripple_metrics_release(&own);
		}
		member_graph_release(&sub, actor, vertex);
		if (rc < 0)
			return rc;
	}
	if (unknown_structure(g))
		null_structure(m);
	/* who answered, the ties imputed for those who did not, and confirmation (directed) */
	m->net[RIPPLE_NET_RESPONSE_RATE] = g->response_rate;
	m->net[RIPPLE_NET_IMPUTED_TIES] = (double)g->imputed;
	if (g->directed) {
		m->net[RIPPLE_NET_CONFIRMED_PAIRS] = (double)g->confirmed;
		m->net[RIPPLE_NET_UNCONFIRMED_PAIRS] = (double)g->unconfirmed;
		m->net[RIPPLE_NET_UNCONFIRMABLE_PAIRS] = (double)g->unconfirmable;
	}
	return RIPPLE_OK;
}

void ripple_metrics_release(ripple_metrics *m)
{
	if (!m)
		return;
	free(m->node);
	m->node = NULL;
	m->n = 0;
}

/* ---- several waves at once ------------------------------------------------- */

/* What the pool's functions share (its ctx). */
typedef struct waves_ctx {
	const ripple_graph *const *gs;
	const ripple_metrics_options *opts;   /* as the workers run them */
	ripple_metrics *out;                  /* the caller's: out[i] set as results come */
} waves_ctx;

/*
 * In a worker: the measures of wave i, sent as the network measures, then the
 * actor measures.
 */
static int wave_run(ripple_pool_msg *msg, size_t i, void *ctx, ripple_error *err)
{
	const waves_ctx *c = ctx;
	ripple_metrics_options o = *c->opts;
	ripple_metrics m;
	int rc;

	if (i != 0) {         /* the bar follows the first wave */
		o.paths.progress = NULL;
		o.paths.progress_ctx = NULL;
	}
	if ((rc = ripple_metrics_compute(&m, c->gs[i], &o, err)) < 0)
		return rc;
	ripple_pool_put(msg, m.net, sizeof(m.net));
	ripple_pool_put(msg, m.node, m.n * RIPPLE_NODE_COUNT * sizeof(*m.node));
	ripple_pool_put(msg, &m.has_trust, sizeof(m.has_trust));
	ripple_pool_put(msg, &m.has_value, sizeof(m.has_value));
	ripple_metrics_release(&m);
	return RIPPLE_OK;
}

/* Here: reads wave i's measures into out[i]. */
static int wave_take(size_t i, ripple_pool_msg *in, void *ctx, ripple_error *err)
{
	const waves_ctx *c = ctx;
	ripple_metrics *m = &c->out[i];

	m->n = c->gs[i]->n;
	if (!(m->node = malloc((m->n + 1) * RIPPLE_NODE_COUNT * sizeof(*m->node))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	ripple_pool_get(in, m->net, sizeof(m->net));
	ripple_pool_get(in, m->node, m->n * RIPPLE_NODE_COUNT * sizeof(*m->node));
	ripple_pool_get(in, &m->has_trust, sizeof(m->has_trust));
	ripple_pool_get(in, &m->has_value, sizeof(m->has_value));
	return in->failed ? RIPPLE_ERUNTIME : RIPPLE_OK;   /* the pool says why */
}

static void wave_what(char *buf, size_t size, size_t i, void *ctx)
{
	const waves_ctx *c = ctx;

	snprintf(buf, size, "the worker process computing wave \"%s\"", c->gs[i]->wave);
}

int ripple_metrics_compute_waves(ripple_metrics *out, const ripple_graph *const *gs, size_t n,
                                 const ripple_metrics_options *opts, ripple_error *err)
{
	static const ripple_metrics_options defaults = RIPPLE_METRICS_OPTIONS_INIT;
	ripple_metrics_options wo;
	waves_ctx c = { gs, &wo, out };
	ripple_pool pool = { .tasks = n, .ctx = &c,
	                     .run = wave_run, .take = wave_take, .what = wave_what };
	size_t largest = 0;
	int nw, rc = RIPPLE_OK;

	if (!opts)
		opts = &defaults;
	memset(out, 0, n * sizeof(*out));
	for (size_t i = 0; i < n; i++)
		largest = gs[i]->n > largest ? gs[i]->n : largest;
	nw = opts->paths.jobs < (int)n ? opts->paths.jobs : (int)n;
	/* With every source searched (no --sample), the all-pairs blocks are
	 * nearly all of a large wave and already use the jobs (paths.c); two
	 * waves' searches side by side were slower than one wave's blocks side by
	 * side (20,000 actors: 121 s against 93 s, their caches compete). */
	if (nw < 2 || opts->paths.sample < 0 ||
	    largest < (opts->paths.split_min ? opts->paths.split_min : RIPPLE_SPLIT_MIN)) {
		for (size_t i = 0; i < n; i++)
			if ((rc = ripple_metrics_compute(&out[i], gs[i], opts, err)) < 0) {
				for (size_t k = 0; k < i; k++)
					ripple_metrics_release(&out[k]);
				return rc;
			}
		return RIPPLE_OK;
	}
	/* each worker gets its share of the processes for its own all-pairs blocks */
	wo = *opts;
	wo.paths.jobs = opts->paths.jobs / nw > 1 ? opts->paths.jobs / nw : 1;
	pool.jobs = nw;
	if ((rc = ripple_pool_run(&pool, err)) < 0)
		for (size_t i = 0; i < n; i++)
			ripple_metrics_release(&out[i]);
	return rc;
}
