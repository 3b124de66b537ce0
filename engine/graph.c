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

/* One tie of the wave as read: both ends as vertices, and its weight. */
typedef struct tie_row {
	long a, b;
	double w;
} tie_row;

/*
 * Reads the ties of wave_id into *rows, in the order of the tie index
 * (source, target, type), each end as a vertex. One pass over the index, no
 * sorting in SQLite: the grouping into edges is done in C (edges_of).
 */
static int read_ties(tie_row **rows, size_t *count, ripple_store *s, int64_t wave_id,
                     const int64_t *actor_ids, size_t n, ripple_error *err)
{
	sqlite3_stmt *st = NULL;
	tie_row *v = NULL;
	size_t m = 0, cap = 0;
	/* actor ids of a place are usually consecutive: then a vertex is an offset */
	int consecutive = n > 0 && actor_ids[n - 1] - actor_ids[0] == (int64_t)n - 1;
	int rc;

	*rows = NULL;
	*count = 0;
	if (sqlite3_prepare_v2(ripple_store_db(s),
	        "SELECT source_id, target_id, weight FROM tie WHERE wave_id = ?1 "
	        "ORDER BY source_id, target_id, type", -1, &st, NULL) != SQLITE_OK)
		return ripple_db_fail(ripple_store_db(s), err);
	sqlite3_bind_int64(st, 1, wave_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t ka = sqlite3_column_int64(st, 0), kb = sqlite3_column_int64(st, 1);
		long a, b;
		if (consecutive) {
			a = ka >= actor_ids[0] && ka <= actor_ids[n - 1] ? (long)(ka - actor_ids[0]) : -1;
			b = kb >= actor_ids[0] && kb <= actor_ids[n - 1] ? (long)(kb - actor_ids[0]) : -1;
		} else {
			a = vertex_of(actor_ids, n, ka);
			b = vertex_of(actor_ids, n, kb);
		}
		if (a < 0 || b < 0) {
			rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
			                      "database: a tie names an actor of another place");
			goto fail;
		}
		if (m == cap) {
			cap = cap ? cap * 2 : 256;
			tie_row *nv = realloc(v, cap * sizeof(*nv));
			if (!nv) {
				rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
				goto fail;
			}
			v = nv;
		}
		v[m++] = (tie_row){ a, b, sqlite3_column_double(st, 2) };
	}
	if (rc != SQLITE_DONE) {
		rc = ripple_db_fail(ripple_store_db(s), err);
		goto fail;
	}
	sqlite3_finalize(st);
	*rows = v;
	*count = m;
	return RIPPLE_OK;
fail:
	sqlite3_finalize(st);
	free(v);
	return rc;
}

/*
 * Stable counting sort of rows by key(row) in [0, n): O(m + n). Sorting by b
 * and then by a gives the order (a, b), rows of one pair in the order read.
 */
static int sort_rows(tie_row *rows, size_t m, size_t n, int by_a)
{
	size_t *start;
	tie_row *tmp;

	if (m == 0)
		return 0;
	start = calloc(n + 1, sizeof(*start));
	tmp = malloc(m * sizeof(*tmp));
	if (!start || !tmp) {
		free(start);
		free(tmp);
		return -1;
	}
	for (size_t i = 0; i < m; i++)
		start[(size_t)(by_a ? rows[i].a : rows[i].b) + 1]++;
	for (size_t k = 0; k < n; k++)
		start[k + 1] += start[k];
	for (size_t i = 0; i < m; i++)
		tmp[start[(size_t)(by_a ? rows[i].a : rows[i].b)]++] = rows[i];
	memcpy(rows, tmp, m * sizeof(*rows));
	free(start);
	free(tmp);
	return 0;
}

/*
 * The edges of rows as a new igraph graph on n vertices: one edge per pair
 * (per ordered pair when directed; undirected, the ends as (smaller, larger)),
 * in order of the pair, its weight the sum of the pair's tie weights added in
 * the order of the tie index, as SQLite's sum() over GROUP BY added them.
 * Rearranges rows.
 */
static int edges_of(igraph_t **out, double **weights, size_t *nedges, tie_row *rows, size_t m,
                    size_t n, int directed, ripple_error *err)
{
	igraph_vector_int_t edges;
	size_t ne = 0;

	*out = NULL;
	*weights = NULL;
	*nedges = 0;
	if (!directed) {
		for (size_t i = 0; i < m; i++)
			if (rows[i].a > rows[i].b) {
				long t = rows[i].a;
				rows[i].a = rows[i].b;
				rows[i].b = t;
			}
		if (sort_rows(rows, m, n, 0) < 0 || sort_rows(rows, m, n, 1) < 0)
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}   /* directed rows are in (source, target) order as read */
	if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS ||
	    igraph_vector_int_reserve(&edges, (igraph_integer_t)(2 * m)) != IGRAPH_SUCCESS ||
	    !(*weights = malloc((m ? m : 1) * sizeof(**weights))))
		goto nomem;
	for (size_t i = 0; i < m; i++) {
		if (i > 0 && rows[i].a == rows[i - 1].a && rows[i].b == rows[i - 1].b) {
			(*weights)[ne - 1] += rows[i].w;
			continue;
		}
		(*weights)[ne++] = 0.0 + rows[i].w;
		igraph_vector_int_push_back(&edges, rows[i].a);   /* reserved: cannot fail */
		igraph_vector_int_push_back(&edges, rows[i].b);
	}
	if (!(*out = malloc(sizeof(igraph_t))))
		goto nomem;
	if (igraph_create(*out, &edges, (igraph_integer_t)n,
	                  directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
		free(*out);
		*out = NULL;
		free(*weights);
		*weights = NULL;
		igraph_vector_int_destroy(&edges);
		return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "igraph: %s", igraph_reason);
	}
	igraph_vector_int_destroy(&edges);
	*nedges = ne;
	return RIPPLE_OK;
nomem:
	igraph_vector_int_destroy(&edges);
	free(*weights);
	*weights = NULL;
	return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
}

int ripple_graph_load(ripple_graph *out, ripple_store *s, int64_t place_id, const char *wave,
                      ripple_error *err)
{
	sqlite3 *db = ripple_store_db(s);
	sqlite3_stmt *st = NULL;
	int64_t wave_id = 0, *actor_ids = NULL, *parent_ids = NULL;
	tie_row *rows = NULL;
	int rc = RIPPLE_OK;
	size_t n = 0, cap = 0, m = 0;

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
	if ((rc = read_ties(&rows, &m, s, wave_id, actor_ids, n, err)) < 0 ||
	    (rc = edges_of(&out->graph, &out->weights, &out->nedges, rows, m, n, out->directed,
	                   err)) < 0)
		goto fail;
	if (out->directed) {
		if ((rc = edges_of(&out->undirected, &out->uweights, &out->nuedges, rows, m, n, 0,
		                   err)) < 0)
			goto fail;
	} else {
		out->undirected = out->graph;
		out->uweights = out->weights;
		out->nuedges = out->nedges;
	}
	free(rows);
	out->actor_keys = actor_ids;
	free(parent_ids);
	return RIPPLE_OK;

nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
fail:
	sqlite3_finalize(st);
	free(rows);
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
