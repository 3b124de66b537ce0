/*
 * graph.c - one wave of a place as an igraph graph: the entry point of every measure.
 */
#include <dlfcn.h>
#include <igraph.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "ripple.h"
#include "util.h"

/* igraph's default error handler aborts; ours keeps the reason and unwinds. */
static char igraph_reason[256];

const char *ripple_igraph_reason(void)
{
	return igraph_reason;
}

static void igraph_handler(const char *reason, const char *file, int line,
                           igraph_error_t code)
{
	(void)file;
	(void)line;
	/* igraph calls the handler again at each level it unwinds, with an empty
	 * reason: keep the first, real one */
	if (reason && *reason)
		snprintf(igraph_reason, sizeof(igraph_reason), "%s (%s)", reason,
		         igraph_strerror(code));
	IGRAPH_FINALLY_FREE();
}

static void igraph_quiet(const char *reason, const char *file, int line)
{
	(void)reason;
	(void)file;
	(void)line;
}

void ripple_igraph_setup(void)
{
	static int done;
	void (*omp_threads)(int);

	if (done)
		return;
	igraph_set_error_handler(igraph_handler);
	igraph_set_warning_handler(igraph_quiet);
	/* Debian's igraph runs PageRank's PRPACK solver on OpenMP threads, whose
	 * sums come in a varying order: the last digits of a large wave's PageRank
	 * changed from run to run. One thread makes them the same every time;
	 * ripple spreads work over processes instead (paths.c, batch.c). The
	 * symbol is there when igraph was built with OpenMP, else nothing to do. */
	*(void **)&omp_threads = dlsym(RTLD_DEFAULT, "omp_set_num_threads");
	if (omp_threads)
		omp_threads(1);
	done = 1;
}

static int int64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Vertex of actor_id in the sorted ids, or -1. */
static long vertex_of(const int64_t *ids, size_t n, int64_t actor_id)
{
	const int64_t *hit = bsearch(&actor_id, ids, n, sizeof(*ids), int64_cmp);
	return hit ? (long)(hit - ids) : -1;
}

/*
 * Reads the ties of wave_id as one edge per pair (per ordered pair when
 * directed), weights summed, into a new igraph graph on n vertices.
 */
static int load_edges(igraph_t **out, double **weights, size_t *nedges, ripple_store *s,
                      int64_t wave_id, const int64_t *actor_ids, size_t n, int directed,
                      ripple_error *err)
{
	sqlite3_stmt *st = NULL;
	igraph_vector_int_t edges;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*weights = NULL;
	*nedges = 0;
	if (sqlite3_prepare_v2(ripple_store_db(s), directed
	        ? "SELECT source_id, target_id, sum(weight) FROM tie WHERE wave_id = ?1 "
	          "GROUP BY source_id, target_id ORDER BY source_id, target_id"
	        : "SELECT min(source_id, target_id) AS a, max(source_id, target_id) AS b, sum(weight) "
	          "FROM tie WHERE wave_id = ?1 GROUP BY a, b ORDER BY a, b",
	        -1, &st, NULL) != SQLITE_OK)
		return ripple_db_fail(ripple_store_db(s), err);
	sqlite3_bind_int64(st, 1, wave_id);
	if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS) {
		sqlite3_finalize(st);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long a = vertex_of(actor_ids, n, sqlite3_column_int64(st, 0));
		long b = vertex_of(actor_ids, n, sqlite3_column_int64(st, 1));
		if (a < 0 || b < 0) {
			rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
			                      "database: a tie names an actor of another place");
			goto fail;
		}
		if (*nedges == cap) {
			cap = cap ? cap * 2 : 256;
			double *w = realloc(*weights, cap * sizeof(*w));
			if (!w)
				goto nomem;
			*weights = w;
		}
		(*weights)[(*nedges)++] = sqlite3_column_double(st, 2);
		if (igraph_vector_int_push_back(&edges, a) != IGRAPH_SUCCESS ||
		    igraph_vector_int_push_back(&edges, b) != IGRAPH_SUCCESS)
			goto nomem;
	}
	if (rc != SQLITE_DONE) {
		rc = ripple_db_fail(ripple_store_db(s), err);
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!(*out = malloc(sizeof(igraph_t))))
		goto nomem;
	if (igraph_create(*out, &edges, (igraph_integer_t)n,
	                  directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
		free(*out);
		*out = NULL;
		rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "igraph: %s", igraph_reason);
		goto fail;
	}
	igraph_vector_int_destroy(&edges);
	return RIPPLE_OK;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
fail:
	sqlite3_finalize(st);
	igraph_vector_int_destroy(&edges);
	free(*weights);
	*weights = NULL;
	*nedges = 0;
	return rc;
}

int ripple_graph_load(ripple_graph *out, ripple_store *s, int64_t place_id, const char *wave,
                      ripple_error *err)
{
	sqlite3 *db = ripple_store_db(s);
	sqlite3_stmt *st = NULL;
	int64_t wave_id = 0, *actor_ids = NULL, *parent_ids = NULL;
	int rc = RIPPLE_OK;
	size_t n = 0, cap = 0;

	ripple_igraph_setup();
	memset(out, 0, sizeof(*out));

	/* the place and the wave */
	if (sqlite3_prepare_v2(db, "SELECT p.name, p.directed, w.wave_id FROM place p "
	                           "LEFT JOIN wave w ON w.place_id = p.place_id AND w.name = ?2 "
	                           "WHERE p.place_id = ?1", -1, &st, NULL) != SQLITE_OK)
		return ripple_db_fail(ripple_store_db(s), err);
	sqlite3_bind_int64(st, 1, place_id);
	sqlite3_bind_text(st, 2, wave, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return ripple_error_set(err, RIPPLE_ENOTFOUND, "", 0, 0, "no such place");
	}
	out->place = ripple_column_dup(st, 0);
	out->directed = sqlite3_column_int(st, 1);
	wave_id = sqlite3_column_int64(st, 2);
	out->place_id = place_id;
	out->wave_id = wave_id;
	sqlite3_finalize(st);
	st = NULL;
	if (!out->place || !(out->wave = strdup(wave)))
		goto nomem;
	if (wave_id == 0) {
		rc = ripple_error_set(err, RIPPLE_ENOTFOUND, "", 0, 0, "place \"%s\" has no wave \"%s\"",
		                      out->place, wave);
		goto fail;
	}

	/* the actors: every one is a vertex, in actor_id (= actors.csv) order */
	if (sqlite3_prepare_v2(db, "SELECT actor_id, code, label, coalesce(sector, ''), "
	                           "coalesce(town, ''), coalesce(parent_id, 0), coalesce(attended, -1) "
	                           "FROM actor WHERE place_id = ?1 ORDER BY actor_id",
	                       -1, &st, NULL) != SQLITE_OK) {
		rc = ripple_db_fail(ripple_store_db(s), err);
		goto fail;
	}
	sqlite3_bind_int64(st, 1, place_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
#define GROW(p) do { void *q = realloc((p), cap * sizeof(*(p))); if (!q) goto nomem; (p) = q; } while (0)
			GROW(actor_ids); GROW(parent_ids); GROW(out->ids); GROW(out->labels);
			GROW(out->sectors); GROW(out->towns); GROW(out->parents); GROW(out->attended);
#undef GROW
		}
		actor_ids[n] = sqlite3_column_int64(st, 0);
		parent_ids[n] = sqlite3_column_int64(st, 5);
		out->attended[n] = sqlite3_column_int(st, 6);
		out->ids[n] = ripple_column_dup(st, 1);
		out->labels[n] = ripple_column_dup(st, 2);
		out->sectors[n] = ripple_column_dup(st, 3);
		out->towns[n] = ripple_column_dup(st, 4);
		out->n = ++n;
		if (!out->ids[n - 1] || !out->labels[n - 1] || !out->sectors[n - 1] || !out->towns[n - 1])
			goto nomem;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE) {
		rc = ripple_db_fail(ripple_store_db(s), err);
		goto fail;
	}
	for (size_t i = 0; i < n; i++)
		out->parents[i] = parent_ids[i] ? vertex_of(actor_ids, n, parent_ids[i]) : -1;

	/* the ties: one edge per pair (per ordered pair when directed), weights summed */
	if ((rc = load_edges(&out->graph, &out->weights, &out->nedges, s, wave_id, actor_ids, n,
	                     out->directed, err)) < 0)
		goto fail;
	if (out->directed) {
		if ((rc = load_edges(&out->undirected, &out->uweights, &out->nuedges, s, wave_id,
		                     actor_ids, n, 0, err)) < 0)
			goto fail;
	} else {
		out->undirected = out->graph;
		out->uweights = out->weights;
		out->nuedges = out->nedges;
	}
	out->actor_keys = actor_ids;
	free(parent_ids);
	return RIPPLE_OK;

nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
fail:
	sqlite3_finalize(st);
	free(actor_ids);
	free(parent_ids);
	ripple_graph_release(out);
	return rc;
}

void ripple_graph_release(ripple_graph *g)
{
	if (!g)
		return;
	if (g->undirected && g->undirected != g->graph) {
		igraph_destroy(g->undirected);
		free(g->undirected);
		free(g->uweights);
	}
	if (g->graph) {
		igraph_destroy(g->graph);
		free(g->graph);
	}
	free(g->actor_keys);
	for (size_t i = 0; i < g->n; i++) {
		if (g->ids) free(g->ids[i]);
		if (g->labels) free(g->labels[i]);
		if (g->sectors) free(g->sectors[i]);
		if (g->towns) free(g->towns[i]);
	}
	free(g->ids);
	free(g->labels);
	free(g->sectors);
	free(g->towns);
	free(g->parents);
	free(g->attended);
	free(g->weights);
	free(g->place);
	free(g->wave);
	memset(g, 0, sizeof(*g));
}

long ripple_vertex_of_key(const ripple_graph *g, int64_t key)
{
	return vertex_of(g->actor_keys, g->n, key);
}
