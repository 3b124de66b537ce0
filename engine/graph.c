/*
 * graph.c - one wave of a place as an igraph graph: the entry point of every measure.
 */
#include <dlfcn.h>
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/error.h"
#include "ripple/graph.h"
#include "ripple/model.h"
#include "ripple/place.h"
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

static const char *const policy_names[RIPPLE_NPOLICIES] = {
	"reconstruct", "respondents", "census"
};
static const char *const view_names[] = { "either", "both" };

const char *ripple_policy_name(enum ripple_policy p)
{
	return (unsigned)p < RIPPLE_NPOLICIES ? policy_names[p] : "?";
}

int ripple_policy_parse(const char *name)
{
	for (int i = 0; i < RIPPLE_NPOLICIES; i++)
		if (strcmp(name, policy_names[i]) == 0)
			return i;
	return -1;
}

const char *ripple_view_name(enum ripple_view v)
{
	return (unsigned)v < 2 ? view_names[v] : "?";
}

int ripple_view_parse(const char *name)
{
	for (int i = 0; i < 2; i++)
		if (strcmp(name, view_names[i]) == 0)
			return i;
	return -1;
}

/* One tie of the wave as read: both ends as vertices, and its weight. */
typedef struct tie_row {
	long a, b;
	double w;
} tie_row;

/*
 * The ties of wave w of m as rows, in the order of the tie index (source,
 * target, type): the grouping into edges is done by edges_of.
 */
static int read_ties(tie_row **rows, size_t *count, const ripple_model *m, size_t w,
                     ripple_error *err)
{
	ripple_indices ties = m->wave_ties[w];
	tie_row *v = malloc((ties.count ? ties.count : 1) * sizeof(*v));

	*rows = NULL;
	*count = 0;
	if (!v)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < ties.count; i++) {
		const ripple_tie *t = &m->ties[ties.items[i]];
		v[i] = (tie_row){ (long)t->source, (long)t->target, t->weight };
	}
	*rows = v;
	*count = ties.count;
	return RIPPLE_OK;
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
 * The pairs of rows: one per pair (per ordered pair when directed; undirected,
 * the ends as (smaller, larger)), in order of the pair, into *e (2 per pair,
 * malloc'd) and *v (malloc'd), its weight the sum of the pair's tie weights
 * added in the order of the tie index, as SQLite's sum() over GROUP BY added
 * them. Directed rows must come in (source, target) order, as read_ties gives
 * them. Rearranges rows. O(m + n).
 */
static int group_pairs(size_t **e, double **v, size_t *count, tie_row *rows, size_t m, size_t n,
                       int directed, ripple_error *err)
{
	size_t ne = 0;

	*count = 0;
	*e = malloc((2 * m + 1) * sizeof(**e));
	*v = malloc((m + 1) * sizeof(**v));
	if (!*e || !*v)
		goto nomem;
	if (!directed) {
		for (size_t i = 0; i < m; i++)
			if (rows[i].a > rows[i].b) {
				long t = rows[i].a;
				rows[i].a = rows[i].b;
				rows[i].b = t;
			}
		if (sort_rows(rows, m, n, 0) < 0 || sort_rows(rows, m, n, 1) < 0)
			goto nomem;
	}
	for (size_t i = 0; i < m; i++) {
		if (i > 0 && rows[i].a == rows[i - 1].a && rows[i].b == rows[i - 1].b) {
			(*v)[ne - 1] += rows[i].w;
			continue;
		}
		(*e)[2 * ne] = (size_t)rows[i].a;
		(*e)[2 * ne + 1] = (size_t)rows[i].b;
		(*v)[ne++] = 0.0 + rows[i].w;
	}
	*count = ne;
	return RIPPLE_OK;
nomem:
	free(*e);
	free(*v);
	*e = NULL;
	*v = NULL;
	return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
}

/*
 * The edges of rows (group_pairs) as a new igraph graph on n vertices, and
 * their weights. Rearranges rows.
 */
static int edges_of(igraph_t **out, double **weights, size_t *nedges, tie_row *rows, size_t m,
                    size_t n, int directed, ripple_error *err)
{
	igraph_vector_int_t edges;
	size_t *pairs = NULL;
	int rc;

	*out = NULL;
	*nedges = 0;
	if ((rc = group_pairs(&pairs, weights, nedges, rows, m, n, directed, err)) < 0)
		return rc;
	if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * *nedges)) != IGRAPH_SUCCESS) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto fail;
	}
	for (size_t k = 0; k < 2 * *nedges; k++)
		VECTOR(edges)[k] = (igraph_integer_t)pairs[k];
	if (!(*out = malloc(sizeof(igraph_t)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	} else if (igraph_create(*out, &edges, (igraph_integer_t)n,
	                         directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
		free(*out);
		*out = NULL;
		rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "igraph: %s", igraph_reason);
	}
	igraph_vector_int_destroy(&edges);
	if (rc < 0)
		goto fail;
	free(pairs);
	return RIPPLE_OK;
fail:
	free(pairs);
	free(*weights);
	*weights = NULL;
	*nedges = 0;
	return rc;
}

int ripple_wave_pairs(size_t **pairs, double **weights, size_t *count, const ripple_model *m,
                      size_t w, ripple_error *err)
{
	tie_row *rows = NULL;
	size_t nrows = 0;
	int rc;

	*pairs = NULL;
	*weights = NULL;
	*count = 0;
	if ((rc = read_ties(&rows, &nrows, m, w, err)) == RIPPLE_OK)
		rc = group_pairs(pairs, weights, count, rows, nrows, m->nactors, m->directed, err);
	free(rows);
	return rc;
}

/* ---- non-response: members, confirmation, imputation ------------------------ */

/*
 * Which actors are part of wave w's network under out->opts.missing
 * (out->member, out->nmembers) and the pairs whose tie is known
 * (out->observed_pairs); out->answered, missing and absent must be counted.
 *   census:      every actor; every pair.
 *   respondents: those who answered; every pair of them.
 *   reconstruct: all but the absent; every pair but those of two missing
 *                actors, which no one reported on.
 * member stays NULL when every actor is a member. O(actors).
 */
static int choose_members(ripple_graph *out, const ripple_model *m, size_t w, ripple_error *err)
{
	enum ripple_policy p = out->opts.missing;
	size_t n = m->nactors, unknown = 0;   /* unknown: members no one can report on */
	double per = m->directed ? 1.0 : 2.0; /* ordered pairs, or unordered */

	out->nmembers = n;
	if (p == RIPPLE_POLICY_RESPONDENTS && out->answered < n) {
		out->nmembers = out->answered;
	} else if (p == RIPPLE_POLICY_RECONSTRUCT && out->absent > 0) {
		out->nmembers = n - out->absent;
	}
	if (p == RIPPLE_POLICY_RECONSTRUCT)
		unknown = out->missing;
	if (out->nmembers < n) {
		if (!(out->member = malloc(n)))
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		for (size_t a = 0; a < n; a++) {
			enum ripple_response r = ripple_model_response(m, w, a);
			out->member[a] = p == RIPPLE_POLICY_RESPONDENTS ? r == RIPPLE_RESPONSE_ANSWERED
			                                                : r != RIPPLE_RESPONSE_ABSENT;
		}
	}
	out->observed_pairs =
		((double)out->nmembers * (double)(out->nmembers ? out->nmembers - 1 : 0) -
		 (double)unknown * (double)(unknown ? unknown - 1 : 0)) / per;
	return RIPPLE_OK;
}

static int pair_cmp(const void *p, const void *q)
{
	const tie_row *s = p, *t = q;
	if (s->a != t->a) return s->a < t->a ? -1 : 1;
	return (s->b > t->b) - (s->b < t->b);
}

/* 1 when the arc a -> b is among arcs[0..n), sorted by (a, b). O(log n). */
static int has_arc(const tie_row *arcs, size_t n, long a, long b)
{
	tie_row key = { a, b, 0 };
	return n && bsearch(&key, arcs, n, sizeof(*arcs), pair_cmp) != NULL;
}

/*
 * The distinct arcs (a, b) of rows, sorted as rows are (by source, then
 * target, the order of the model's tie index), into *arcs (malloc'd).
 */
static int distinct_arcs(tie_row **arcs, size_t *narcs, const tie_row *rows, size_t nrows,
                         ripple_error *err)
{
	*narcs = 0;
	if (!(*arcs = malloc((nrows ? nrows : 1) * sizeof(**arcs))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < nrows; i++)
		if (i == 0 || rows[i].a != rows[i - 1].a || rows[i].b != rows[i - 1].b)
			(*arcs)[(*narcs)++] = rows[i];
	return RIPPLE_OK;
}

/*
 * Confirmation of a directed wave, on the arcs as reported (whatever the
 * policy): each pair named by at least one side is confirmed (both named the
 * other), unconfirmed (the other answered and did not name back) or
 * unconfirmable (the other did not answer: missing, or absent in a place read
 * from a database that let such a tie in). O(arcs log arcs).
 */
static void confirmation(ripple_graph *out, const ripple_model *m, size_t w, const tie_row *arcs,
                         size_t narcs)
{
	for (size_t i = 0; i < narcs; i++) {
		long a = arcs[i].a, b = arcs[i].b;
		if (a == b)
			continue;
		switch (ripple_model_confirmation(m, w, (size_t)b, has_arc(arcs, narcs, b, a))) {
		case RIPPLE_CONFIRMED:
			out->confirmed += a < b;          /* the pair once, from its smaller end */
			break;
		case RIPPLE_UNCONFIRMED:
			out->unconfirmed++;
			break;
		case RIPPLE_UNCONFIRMABLE:
			out->unconfirmable++;
			break;
		}
	}
}

/*
 * reconstruct, directed: for each missing actor i that reported nothing at
 * the wave (one that did report, which only a database written by another
 * program can hold, keeps its own reports), each row j -> i reported by an
 * answered j gives a row i -> j of the same weight, appended to rows (room
 * for 2 * nrows rows). Marks the actors given imputed rows in imputed_for.
 * O(rows + actors).
 */
static int impute(tie_row *rows, size_t *nrows, unsigned char *imputed_for, const ripple_model *m,
                  size_t w, ripple_error *err)
{
	size_t n = m->nactors, count = *nrows;
	unsigned char *reported = calloc(n + 1, 1);

	if (!reported)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < count; i++)
		reported[rows[i].a] = 1;
	for (size_t i = 0; i < count; i++) {
		size_t j = (size_t)rows[i].a, t = (size_t)rows[i].b;
		if (t == j || reported[t] ||
		    ripple_model_response(m, w, t) != RIPPLE_RESPONSE_MISSING ||
		    ripple_model_response(m, w, j) != RIPPLE_RESPONSE_ANSWERED)
			continue;
		rows[(*nrows)++] = (tie_row){ (long)t, (long)j, rows[i].w };
		imputed_for[t] = 1;
	}
	free(reported);
	return RIPPLE_OK;
}

/* ---- building a wave ------------------------------------------------------------ */

int ripple_graph_build(ripple_graph *out, const ripple_model *m, const char *wave,
                       const ripple_graph_options *opts, ripple_error *err)
{
	static const ripple_graph_options defaults = RIPPLE_GRAPH_OPTIONS_INIT;

	tie_row *rows = NULL, *arcs = NULL, *urows = NULL;
	unsigned char *imputed_for = NULL;
	int rc = RIPPLE_OK;
	size_t n = m->nactors, w, nrows = 0, narcs = 0, nurows = 0;

	ripple_igraph_setup();
	memset(out, 0, sizeof(*out));
	out->model = m;
	out->place = m->name;
	out->place_id = m->place_id;
	out->directed = m->directed;
	if ((w = ripple_model_find_wave(m, wave, err)) == RIPPLE_NONE)
		return RIPPLE_ENOTFOUND;
	out->wave_index = w;
	out->wave = m->waves[w].name;
	out->wave_id = m->wave_keys[w];
	out->actor_keys = m->actor_keys;
	out->opts = opts ? *opts : defaults;
	for (size_t a = 0; a < n; a++) {
		enum ripple_response r = ripple_model_response(m, w, a);
		out->answered += r == RIPPLE_RESPONSE_ANSWERED;
		out->missing += r == RIPPLE_RESPONSE_MISSING;
		out->absent += r == RIPPLE_RESPONSE_ABSENT;
	}
	out->response_rate = out->answered + out->missing
		? (double)out->answered / (double)(out->answered + out->missing) : NAN;

	/* every actor is a vertex, with or without ties: vertex i is m->actors[i];
	 * those that are not members of the network have no ties */
	out->n = n;
	if ((rc = choose_members(out, m, w, err)) < 0 ||
	    (rc = read_ties(&rows, &nrows, m, w, err)) < 0)
		goto done;
	if (out->directed) {
		if ((rc = distinct_arcs(&arcs, &narcs, rows, nrows, err)) < 0)
			goto done;
		confirmation(out, m, w, arcs, narcs);
	}
	if (out->member) {
		size_t kept = 0;
		for (size_t i = 0; i < nrows; i++)
			if (out->member[rows[i].a] && out->member[rows[i].b])
				rows[kept++] = rows[i];
		nrows = kept;
	}
	if (out->directed && out->opts.missing == RIPPLE_POLICY_RECONSTRUCT && out->missing > 0) {
		tie_row *more = realloc(rows, (2 * nrows + 1) * sizeof(*rows));
		size_t reported = nrows;
		if (!more || !(imputed_for = calloc(n + 1, 1))) {
			if (more)
				rows = more;
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		rows = more;
		if ((rc = impute(rows, &nrows, imputed_for, m, w, err)) < 0)
			goto done;
		/* stable: the reported rows keep their order, the imputed ones join them by pair */
		if (nrows > reported && (sort_rows(rows, nrows, n, 0) < 0 || sort_rows(rows, nrows, n, 1) < 0)) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
	}

	/* the ties: one edge per pair (per ordered pair when directed), weights summed */
	if (!out->directed) {
		if ((rc = edges_of(&out->graph, &out->weights, &out->nedges, rows, nrows, n, 0, err)) < 0)
			goto done;
		out->undirected = out->graph;
		out->uweights = out->weights;
		out->nuedges = out->nedges;
		goto done;
	}
	/* the undirected view: either direction (every row), or both directions as
	 * reported (an imputed arc confirms nothing) */
	if (!(urows = malloc((nrows ? nrows : 1) * sizeof(*urows)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nrows; i++)
		if (out->opts.view != RIPPLE_VIEW_BOTH ||
		    (has_arc(arcs, narcs, rows[i].a, rows[i].b) &&
		     has_arc(arcs, narcs, rows[i].b, rows[i].a)))
			urows[nurows++] = rows[i];
	if ((rc = edges_of(&out->graph, &out->weights, &out->nedges, rows, nrows, n, 1, err)) < 0 ||
	    (rc = edges_of(&out->undirected, &out->uweights, &out->nuedges, urows, nurows, n, 0,
	                   err)) < 0)
		goto done;
	if (imputed_for)
		for (igraph_integer_t e = 0; e < igraph_ecount(out->graph); e++)
			out->imputed += imputed_for[IGRAPH_FROM(out->graph, e)];
done:
	free(rows);
	free(arcs);
	free(urows);
	free(imputed_for);
	if (rc < 0)
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
	free(g->weights);
	free(g->member);
	memset(g, 0, sizeof(*g));
}

long ripple_vertex_of_key(const ripple_graph *g, int64_t key)
{
	size_t v = ripple_model_actor_of_key(g->model, key);
	return v == RIPPLE_NONE ? -1 : (long)v;
}
