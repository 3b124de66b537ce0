/*
 * test_paths.c - the all-pairs measures (engine/paths.c): from one search per
 * source they equal igraph's own functions (closeness, diameter and mean
 * distance bit for bit; betweenness, the same terms summed in another order,
 * to 1e-13), and a wave split into blocks gives the same numbers in one
 * process or spread over several.
 */
#include <igraph.h>

#include "helpers.h"
#include "paths.h"

/*
 * A wave of n actors on a seeded random graph: m ties among the first n - 10
 * actors split in two halves with no tie between them (two components), and
 * the last 10 actors isolates. Weights 1..4.
 */
static void make_wave(ripple_graph *g, igraph_t *graph, size_t n, size_t m, int directed,
                      unsigned long seed)
{
	igraph_vector_int_t edges;
	size_t half = (n - 10) / 2, k = 0;
	uint64_t x = seed;

	memset(g, 0, sizeof(*g));
	igraph_vector_int_init(&edges, 0);
	g->weights = calloc(m, sizeof(double));
	while (k < m) {
		/* splitmix64 steps: a pair inside one of the two halves */
		uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
		z ^= z >> 31;
		size_t base = (z & 1) ? half : 0, a = base + (z >> 1) % half, b = base + (z >> 20) % half;
		int dup = a == b;
		for (size_t e = 0; e < k && !dup; e++) {
			size_t s = (size_t)VECTOR(edges)[2 * e], t = (size_t)VECTOR(edges)[2 * e + 1];
			dup = (s == a && t == b) || (!directed && s == b && t == a);
		}
		if (dup)
			continue;
		igraph_vector_int_push_back(&edges, (igraph_integer_t)a);
		igraph_vector_int_push_back(&edges, (igraph_integer_t)b);
		g->weights[k++] = (double)(1 + (z >> 40) % 4);
	}
	igraph_create(graph, &edges, (igraph_integer_t)n, directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&edges);
	g->graph = graph;
	g->undirected = graph;
	g->nedges = g->nuedges = m;
	g->uweights = g->weights;
	g->n = n;
	g->directed = directed;
}

static void drop_wave(ripple_graph *g, igraph_t *graph)
{
	igraph_destroy(graph);
	free(g->weights);
}

static void compute(ripple_paths *p, const ripple_graph *g, int weighted, int jobs,
                    size_t split_min, long sample)
{
	ripple_metrics_options o = RIPPLE_METRICS_OPTIONS_INIT;
	ripple_error err;

	o.weighted = weighted;
	o.paths.jobs = jobs;
	o.paths.split_min = split_min;
	o.paths.sample = sample;
	if (ripple_paths_compute(p, g, &o.paths, o.weighted, o.seed, &err) < 0)
		fail_msg("paths: %s", err.message);
}

/* Every number the same, to the bit (NAN equals NAN). */
static void assert_same(const ripple_paths *a, const ripple_paths *b)
{
	assert_int_equal(a->n, b->n);
	assert_memory_equal(a->betweenness, b->betweenness, a->n * sizeof(double));
	assert_memory_equal(a->harmonic, b->harmonic, a->n * sizeof(double));
	if (a->wbetweenness || b->wbetweenness)
		assert_memory_equal(a->wbetweenness, b->wbetweenness, a->n * sizeof(double));
	assert_memory_equal(&a->diameter, &b->diameter, sizeof(double));
	assert_memory_equal(&a->mean_distance, &b->mean_distance, sizeof(double));
}

/* a[v] within 1e-13 of b[v] (relative), for every actor: rounding, nothing more */
static void assert_rounding(const double *a, const double *b, size_t n, const char *what)
{
	for (size_t v = 0; v < n; v++)
		if (fabs(a[v] - b[v]) > 1e-13 * (1 + fabs(b[v])))
			fail_msg("%s of %zu: %.17g; igraph %.17g", what, v, a[v], b[v]);
}

static void test_paths__equal_igraph(void **state)
{
	(void)state;
	for (int directed = 0; directed < 2; directed++) {
		for (int weighted = 0; weighted < 2; weighted++) {
			ripple_graph g;
			igraph_t graph;
			igraph_vector_t want, dist;
			igraph_real_t x;
			ripple_paths p;

			make_wave(&g, &graph, 310, 900, directed, 7 + (unsigned long)directed);
			compute(&p, &g, weighted, 1, 0, -1);
			igraph_vector_init(&want, 0);
			igraph_vector_init(&dist, (igraph_integer_t)g.nedges);
			for (size_t e = 0; e < g.nedges; e++)
				VECTOR(dist)[e] = 1.0 / g.weights[e];
			igraph_betweenness(&graph, &want, igraph_vss_all(), IGRAPH_DIRECTED, NULL);
			assert_rounding(p.betweenness, VECTOR(want), g.n, "betweenness");
			if (weighted) {
				igraph_betweenness(&graph, &want, igraph_vss_all(), IGRAPH_DIRECTED, &dist);
				assert_memory_equal(p.wbetweenness, VECTOR(want), g.n * sizeof(double));
			}
			igraph_harmonic_centrality(&graph, &want, igraph_vss_all(), IGRAPH_OUT,
			                           weighted ? &dist : NULL, 1);
			assert_memory_equal(p.harmonic, VECTOR(want), g.n * sizeof(double));
			igraph_diameter(&graph, &x, NULL, NULL, NULL, NULL, IGRAPH_DIRECTED, 1);
			assert_memory_equal(&p.diameter, &x, sizeof(double));
			igraph_average_path_length(&graph, &x, NULL, IGRAPH_DIRECTED, 1);
			assert_memory_equal(&p.mean_distance, &x, sizeof(double));
			assert_int_equal(p.estimated, 0);
			ripple_paths_release(&p);
			igraph_vector_destroy(&want);
			igraph_vector_destroy(&dist);
			drop_wave(&g, &graph);
		}
	}
}

static void test_paths__split_is_the_same_in_one_process_or_several(void **state)
{
	(void)state;
	for (int directed = 0; directed < 2; directed++) {
		for (int weighted = 0; weighted < 2; weighted++) {
			ripple_graph g;
			igraph_t graph;
			ripple_paths whole, one, two, three;

			make_wave(&g, &graph, 410, 1400, directed, 11 + (unsigned long)directed);
			compute(&whole, &g, weighted, 1, 0, -1);        /* one block */
			compute(&one, &g, weighted, 1, 100, -1);        /* 64 blocks, this process */
			compute(&two, &g, weighted, 2, 100, -1);        /* 64 blocks, two workers */
			compute(&three, &g, weighted, 3, 100, -1);
			assert_same(&one, &two);
			assert_same(&one, &three);
			/* blocks change only the rounding of betweenness's sums */
			assert_memory_equal(one.harmonic, whole.harmonic, g.n * sizeof(double));
			assert_memory_equal(&one.diameter, &whole.diameter, sizeof(double));
			assert_memory_equal(&one.mean_distance, &whole.mean_distance, sizeof(double));
			for (size_t v = 0; v < g.n; v++) {
				assert_double_near(one.betweenness[v], whole.betweenness[v],
				                   1e-12 * (1 + whole.betweenness[v]));
				if (weighted)
					assert_double_near(one.wbetweenness[v], whole.wbetweenness[v],
					                   1e-12 * (1 + whole.wbetweenness[v]));
			}
			/* the isolates */
			for (size_t v = g.n - 10; v < g.n; v++) {
				assert_true(one.betweenness[v] == 0);
				assert_true(one.harmonic[v] == 0);
			}
			ripple_paths_release(&whole);
			ripple_paths_release(&one);
			ripple_paths_release(&two);
			ripple_paths_release(&three);
			drop_wave(&g, &graph);
		}
	}
}

static void test_paths__sample_is_seeded_and_the_same_in_any_process(void **state)
{
	(void)state;
	for (int directed = 0; directed < 2; directed++) {
		ripple_graph g;
		igraph_t graph;
		ripple_paths exact, all, a, b, none;

		make_wave(&g, &graph, 300, 1000, directed, 21 + (unsigned long)directed);
		compute(&exact, &g, 0, 1, 0, -1);
		compute(&all, &g, 0, 2, 0, 300);                /* a sample of everyone: exact */
		assert_same(&exact, &all);
		assert_int_equal(all.estimated, 0);
		compute(&a, &g, 1, 1, 100, 120);
		compute(&b, &g, 1, 2, 100, 120);
		assert_same(&a, &b);
		assert_int_equal(a.estimated, 1);
		/* an estimate of the same kind: the diameter seen is at most the real one, the
		 * mean distance near it, closeness within [0, 1] where defined */
		assert_true(a.diameter <= exact.diameter);
		assert_double_near(a.mean_distance, exact.mean_distance, 0.25 * exact.mean_distance);
		for (size_t v = 0; v < g.n; v++)
			assert_true(a.harmonic[v] >= 0 && a.harmonic[v] <= 4);
		compute(&none, &g, 0, 1, 0, 0);                 /* left out */
		assert_true(isnan(none.betweenness[0]) && isnan(none.harmonic[0]));
		assert_true(isnan(none.diameter) && isnan(none.mean_distance));
		ripple_paths_release(&exact);
		ripple_paths_release(&all);
		ripple_paths_release(&a);
		ripple_paths_release(&b);
		ripple_paths_release(&none);
		drop_wave(&g, &graph);
	}
}

/*
 * Every unweighted all-pairs number of g against igraph's own functions, to
 * 1e-12 of the value: betweenness in one block and in blocks over two
 * processes, harmonic closeness, diameter and mean distance, and (undirected)
 * the actors within two steps, exactly. These were the
 * igraph calls ripple made before the fused search (engine/paths.c).
 */
static void assert_as_igraph(const ripple_graph *g, const char *what)
{
	igraph_vector_t want;
	igraph_real_t x;
	ripple_paths one, split;

	compute(&one, g, 0, 1, 0, -1);
	compute(&split, g, 0, 2, 2, -1);   /* blocks of sources, two workers */
	igraph_vector_init(&want, 0);
	igraph_betweenness(g->graph, &want, igraph_vss_all(), IGRAPH_DIRECTED, NULL);
	for (size_t v = 0; v < g->n && g->n >= 2; v++) {
		double b = VECTOR(want)[v];
		if (fabs(one.betweenness[v] - b) > 1e-12 * (1 + fabs(b)) ||
		    fabs(split.betweenness[v] - b) > 1e-12 * (1 + fabs(b)))
			fail_msg("%s: betweenness of %zu: %.17g, %.17g; igraph %.17g", what, v,
			         one.betweenness[v], split.betweenness[v], b);
	}
	igraph_harmonic_centrality(g->graph, &want, igraph_vss_all(), IGRAPH_OUT, NULL, 1);
	for (size_t v = 0; v < g->n && g->n >= 2; v++) {
		double h = VECTOR(want)[v];
		if (fabs(one.harmonic[v] - h) > 1e-12 * (1 + fabs(h)) || one.harmonic[v] != split.harmonic[v])
			fail_msg("%s: closeness of %zu: %.17g, %.17g; igraph %.17g", what, v,
			         one.harmonic[v], split.harmonic[v], h);
	}
	if (g->n >= 2) {
		igraph_diameter(g->graph, &x, NULL, NULL, NULL, NULL, IGRAPH_DIRECTED, 1);
		if (!isfinite(x) || x < 1)   /* igraph: no joined pair gives NaN, or 0 / inf */
			assert_true(isnan(one.diameter) || one.diameter == x);
		else if (one.diameter != x || split.diameter != x)
			fail_msg("%s: diameter %g, %g; igraph %g", what, one.diameter, split.diameter, x);
		igraph_average_path_length(g->graph, &x, NULL, IGRAPH_DIRECTED, 1);
		if (isnan(x))
			assert_true(isnan(one.mean_distance) && isnan(split.mean_distance));
		else if (fabs(one.mean_distance - x) > 1e-12 * x || one.mean_distance != split.mean_distance)
			fail_msg("%s: mean distance %.17g, %.17g; igraph %.17g", what, one.mean_distance,
			         split.mean_distance, x);
	}
	/* the actors within two steps: counted when undirected (every actor a source) */
	if (g->directed) {
		assert_null(one.reach2);
	} else if (g->n >= 2) {
		igraph_vector_int_t near;
		igraph_vector_int_init(&near, 0);
		assert_non_null(one.reach2);
		assert_non_null(split.reach2);
		igraph_neighborhood_size(g->graph, &near, igraph_vss_all(), 2, IGRAPH_ALL, 1);
		for (size_t v = 0; v < g->n; v++)
			if (one.reach2[v] != (double)VECTOR(near)[v] || split.reach2[v] != one.reach2[v])
				fail_msg("%s: reach of %zu in two steps: %g, %g; igraph %g", what, v,
				         one.reach2[v], split.reach2[v], (double)VECTOR(near)[v]);
		igraph_vector_int_destroy(&near);
	}
	igraph_vector_destroy(&want);
	ripple_paths_release(&one);
	ripple_paths_release(&split);
}

static void test_paths__fused_search_equals_igraph_on_every_reference_graph(void **state)
{
	static const char *places[] = { "coleman", "coleman-masked-m30", "directed", "disconnected",
	                                 "florentine", "karate", "sampson", "sampson-masked" };
	(void)state;
	for (size_t i = 0; i < sizeof(places) / sizeof(*places); i++) {
		for (int directed = 0; directed < 2; directed++) {
			char folder[256], what[320];
			ripple_store *s = NULL;
			ripple_model *m = NULL;
			ripple_error err;
			int64_t place;

			snprintf(folder, sizeof(folder), "../reference/places/%s", places[i]);
			place = open_only_place(folder, directed, &s);
			if (ripple_store_read(&m, s, place, &err) < 0)
				fail_msg("%s: %s", folder, err.message);
			for (size_t w = 0; w < m->nwaves; w++) {
				ripple_graph g;
				if (ripple_graph_build(&g, m, m->waves[w].name, NULL, &err) < 0)
					fail_msg("%s: %s", folder, err.message);
				snprintf(what, sizeof(what), "%s %s%s", places[i], m->waves[w].name,
				         directed ? " (directed)" : "");
				assert_as_igraph(&g, what);
				ripple_graph_release(&g);
			}
			ripple_model_free(m);
			ripple_store_close(s);
		}
	}
}

/*
 * Random graphs of 0 to 80 actors, sparse to dense, directed and undirected:
 * disconnected, with isolates, and (which ripple's own graphs never hold, as it
 * merges a pair's ties) loops and multiple ties, which the search must treat as
 * igraph does.
 */
static void test_paths__fused_search_equals_igraph_on_random_graphs(void **state)
{
	uint64_t x = 12345;
	(void)state;
	for (int round = 0; round < 240; round++) {
		int directed = round & 1;
		size_t n = (size_t)(round % 81), m;
		igraph_vector_int_t edges;
		ripple_graph g;
		igraph_t graph;
		char what[64];

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		m = n ? (size_t)(x >> 33) % (3 * n + 1) : 0;
		igraph_vector_int_init(&edges, 0);
		for (size_t e = 0; e < m; e++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			/* the last fifth of the actors stay isolates */
			size_t span = n - n / 5 ? n - n / 5 : 1;
			igraph_vector_int_push_back(&edges, (igraph_integer_t)((x >> 20) % span));
			igraph_vector_int_push_back(&edges, (igraph_integer_t)((x >> 42) % span));
		}
		igraph_create(&graph, &edges, (igraph_integer_t)n,
		              directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED);
		igraph_vector_int_destroy(&edges);
		memset(&g, 0, sizeof(g));
		g.graph = g.undirected = &graph;
		g.n = n;
		g.nedges = g.nuedges = m;
		g.directed = directed;
		snprintf(what, sizeof(what), "random %d: n %zu, m %zu", round, n, m);
		assert_as_igraph(&g, what);
		igraph_destroy(&graph);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths__equal_igraph),
		cmocka_unit_test(test_paths__split_is_the_same_in_one_process_or_several),
		cmocka_unit_test(test_paths__sample_is_seeded_and_the_same_in_any_process),
		cmocka_unit_test(test_paths__fused_search_equals_igraph_on_every_reference_graph),
		cmocka_unit_test(test_paths__fused_search_equals_igraph_on_random_graphs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
