/*
 * output/export.c - a place's network for other tools: GraphML (written by
 * igraph), GEXF with every wave as a time slice (Gephi), DOT (Graphviz) and CSV.
 *
 * Every format carries the same things (docs/EXPORT.md says how each writes them):
 *   actors: id, label, kind, parent, sector, town, attended (yes, no, or when:
 *           a date or a wave name), the response at the wave (responses.csv;
 *           only when the place has one), the extra columns of actors.csv, and
 *           the actor measures of the wave, computed by ripple_metrics_compute
 *           (the numbers of `ripple metrics --nodes`). An actor absent at a wave
 *           (not part of the place then) is not written for it, unless the
 *           wave was built under the census policy, where every actor is part
 *           of every wave;
 *   edges:  one per pair of actors tied at the wave (per ordered pair when
 *           directed), the edges every measure is computed on, with `type`
 *           (the distinct types of its ties, ';'-joined in ties.csv order),
 *           `weight` (their sum), `ties` (how many ties.csv rows) and the extra
 *           columns of ties.csv (`trust` and `value`: the mean of the ties that
 *           have one; any other column: its distinct values, ';'-joined).
 *
 * Everything is written from the read model (ripple/model.h): the actors in
 * actors.csv order, the attribute columns in the bytewise order of their
 * names. What an export adds to it, the edges and the measures, is computed
 * here and kept beside it (xport).
 *
 * A format is a row of `formats` below: its names, whether it holds every wave,
 * and its writer. Adding one is a row and a writer.
 */
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/csv.h"
#include "ripple/export.h"
#include "ripple/graph.h"
#include "ripple/metrics.h"
#include "ripple/model.h"
#include "util.h"
#include "xml.h"

/* ---- what an export computes on top of the model ------------------------------ */

/* Joined texts live in blocks freed with the export. */
typedef struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
} arena_block;

typedef struct xcol {
	const char *key;          /* the attribute's name (the model's) */
	const char *name;         /* the name written: key, or "extra_" key when key is taken */
	int numeric;              /* tie columns trust and value: the mean of the ties' values */
} xcol;

typedef struct xwave {
	ripple_metrics m;         /* valid when measured */
	int measured;
	enum ripple_policy policy; /* how its graph was built (valid when measured) */
	size_t first, count;      /* its edges: edges[first .. first + count) */
} xwave;

typedef struct xedge {
	size_t a, b;              /* vertices: a < b when undirected, source and target when directed */
	size_t wave;              /* index in the model's waves */
	double weight;            /* sum of the ties' weights */
	long ties;                /* ties.csv rows */
	const char *types;        /* distinct types, ';'-joined; "" when none */
	const char **text;        /* per tie column: its value ("" none; the mean, formatted, if numeric) */
	double *num;              /* per tie column: the mean when numeric, else NAN */
} xedge;

typedef struct xport {
	const ripple_model *m;    /* the place (borrowed); its actors are the vertices */
	arena_block *arena;
	xcol *acols;              /* extra columns of actors.csv, by name */
	size_t nacols;
	xcol *tcols;              /* extra columns of ties.csv, by name */
	size_t ntcols;
	xwave *waves;             /* per wave of the model */
	xedge *edges;             /* by wave, then a, then b */
	size_t nedges;
	const char **edge_text;   /* nedges * ntcols, backing xedge.text */
	double *edge_num;         /* nedges * ntcols, backing xedge.num */
	enum ripple_node_measure measures[RIPPLE_NODE_COUNT]; /* the columns that apply */
	size_t nmeasures;
	size_t wave;              /* the wave of a one-wave export */
	size_t *nodes;            /* one-wave export: the actors written, in actors.csv order */
	size_t nnodes;
	size_t *vertex;           /* one-wave export: per actor, its index in nodes, or
	                             RIPPLE_NONE when it is not written */
	int formula_guard;        /* CSV: ripple_csv_write_cell's guard (opts->formula_guard) */
} xport;

static char *xalloc(xport *x, size_t n)
{
	arena_block *b = x->arena;

	if (!b || b->cap - b->used < n) {
		size_t cap = n > 16384 ? n : 16384;
		if (!(b = malloc(sizeof(*b) + cap)))
			return NULL;
		b->next = x->arena;
		b->used = 0;
		b->cap = cap;
		x->arena = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

static const char *xdup(xport *x, const char *s)
{
	size_t n = strlen(s ? s : "") + 1;
	char *d = xalloc(x, n);
	if (d)
		memcpy(d, s ? s : "", n);
	return d;
}

static void xport_release(xport *x)
{
	while (x->arena) {
		arena_block *next = x->arena->next;
		free(x->arena);
		x->arena = next;
	}
	for (size_t w = 0; x->waves && w < x->m->nwaves; w++)
		if (x->waves[w].measured)
			ripple_metrics_release(&x->waves[w].m);
	free(x->acols);
	free(x->tcols);
	free(x->waves);
	free(x->edges);
	free(x->edge_text);
	free(x->edge_num);
	free(x->nodes);
	free(x->vertex);
	memset(x, 0, sizeof(*x));
}

/* ---- the columns and the actors ------------------------------------------ */

#define NOMEM() do { rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory"); goto done; } while (0)

/* Names every export writes itself; an extra column with one of them is written as extra_<name>. */
static const char *const node_fixed[] = {
	"id", "name", "label", "kind", "parent", "sector", "town", "attended", NULL
};
static const char *const edge_fixed[] = { "source", "target", "wave", "type", "weight", "ties", NULL };

static int name_taken(const xport *x, const char *name, const char *const *fixed, int nodes)
{
	for (size_t i = 0; fixed[i]; i++)
		if (strcmp(fixed[i], name) == 0)
			return 1;
	/* `response` is written only for a place with responses: taken only there, so
	 * the export of a place without them is as it was */
	if (nodes && x->m->responses && strcmp(name, "response") == 0)
		return 1;
	for (int k = 0; nodes && k < RIPPLE_NODE_COUNT; k++)
		if (strcmp(ripple_node_measure_info(k)->name, name) == 0)
			return 1;
	return 0;
}

/* The columns of the attribute names names[0..n) (the place's actors' or ties', sorted). */
static int make_columns(xport *x, xcol **cols, size_t *ncols, const char *const *names, size_t n,
                        int nodes, ripple_error *err)
{
	int rc = RIPPLE_OK;

	*ncols = 0;
	if (!(*cols = malloc((n ? n : 1) * sizeof(**cols))))
		NOMEM();
	for (size_t i = 0; i < n; i++) {
		xcol *c = &(*cols)[(*ncols)++];
		c->key = c->name = names[i];
		if (name_taken(x, c->key, nodes ? node_fixed : edge_fixed, nodes)) {
			char *renamed = ripple_strdupf("extra_%s", c->key);
			c->name = renamed ? xdup(x, renamed) : NULL;
			free(renamed);
			if (!c->name)
				NOMEM();
		}
		c->numeric = !nodes && (strcmp(c->key, "trust") == 0 || strcmp(c->key, "value") == 0);
	}
done:
	return rc;
}

static const ripple_actor *actor(const xport *x, size_t v)
{
	return &x->m->actors[v];
}

/* The id of the actor containing actor v, "" when none. */
static const char *parent_id(const xport *x, size_t v)
{
	size_t p = x->m->actors[v].parent;
	return p == RIPPLE_NONE ? "" : x->m->actors[p].id;
}

/* attended as actors.csv says it: when (a date or a wave name), else yes, no or "". */
static const char *attended_text(const ripple_actor *a)
{
	if (a->attended_when && *a->attended_when)
		return a->attended_when;
	return a->attended > 0 ? "yes" : a->attended == 0 ? "no" : "";
}

/* The response of actor v at wave w: "answered", "missing" or "absent". */
static const char *response_text(const xport *x, size_t w, size_t v)
{
	return ripple_response_name(ripple_model_response(x->m, w, v));
}

/*
 * 1 when actor v is written for wave w: it is part of the place then (not
 * absent), or the wave was built under census, where every actor is.
 */
static int present(const xport *x, size_t w, size_t v)
{
	return ripple_model_response(x->m, w, v) != RIPPLE_RESPONSE_ABSENT ||
	       x->waves[w].policy == RIPPLE_POLICY_CENSUS;
}

/* The actors a one-wave export writes (x->nodes) and the index of each (x->vertex). */
static int choose_nodes(xport *x, ripple_error *err)
{
	size_t n = x->m->nactors;

	if (!(x->nodes = malloc((n ? n : 1) * sizeof(*x->nodes))) ||
	    !(x->vertex = malloc((n ? n : 1) * sizeof(*x->vertex))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	x->nnodes = 0;
	for (size_t v = 0; v < n; v++) {
		x->vertex[v] = present(x, x->wave, v) ? x->nnodes : RIPPLE_NONE;
		if (x->vertex[v] != RIPPLE_NONE)
			x->nodes[x->nnodes++] = v;
	}
	/* an edge to an actor left out would dangle: import refuses such ties, and no
	 * policy imputes one */
	for (size_t k = 0; k < x->waves[x->wave].count; k++) {
		const xedge *e = &x->edges[x->waves[x->wave].first + k];
		if (x->vertex[e->a] == RIPPLE_NONE || x->vertex[e->b] == RIPPLE_NONE)
			return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
			                        "export: a tie of wave \"%s\" touches \"%s\", absent then",
			                        x->m->waves[x->wave].name,
			                        x->m->actors[x->vertex[e->a] == RIPPLE_NONE ? e->a : e->b].id);
	}
	return RIPPLE_OK;
}

/* The value of actor v in extra column c, "" when it has none. */
static const char *actor_value(const xport *x, size_t v, size_t c)
{
	const ripple_attr *a = ripple_attrs_get(x->m->actor_attrs[v], x->acols[c].key);
	return a ? a->value : "";
}

/* ---- the edges ---------------------------------------------------------------- */

/* A tie of the model, as grouped into edges. */
typedef struct xtie {
	size_t index;             /* in the model's ties: ties.csv order */
	size_t wave, a, b;
} xtie;

static int tie_cmp(const void *p, const void *q)
{
	const xtie *s = p, *t = q;
	if (s->wave != t->wave) return s->wave < t->wave ? -1 : 1;
	if (s->a != t->a) return s->a < t->a ? -1 : 1;
	if (s->b != t->b) return s->b < t->b ? -1 : 1;
	return (s->index > t->index) - (s->index < t->index);
}

static int same_edge(const xtie *s, const xtie *t)
{
	return s->wave == t->wave && s->a == t->a && s->b == t->b;
}

/* The distinct non-empty values among n, ';'-joined in order (arena); NULL when out of memory. */
static const char *join_distinct(xport *x, const char *const *vals, size_t n)
{
	size_t len = 0;
	char *out, *p;

	for (size_t i = 0; i < n; i++)
		len += strlen(vals[i]) + 1;
	if (!(out = xalloc(x, len + 1)))
		return NULL;
	p = out;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		if (!*vals[i])
			continue;
		while (j < i && strcmp(vals[j], vals[i]) != 0)
			j++;
		if (j < i)
			continue;
		if (p != out)
			*p++ = ';';
		strcpy(p, vals[i]);
		p += strlen(p);
	}
	*p = '\0';
	return out;
}

/* The value of the model's tie t in extra column c, "" when it has none. */
static const char *tie_value(const xport *x, size_t t, size_t c)
{
	const ripple_attr *a = ripple_attrs_get(x->m->tie_attrs[t], x->tcols[c].key);
	return a ? a->value : "";
}

/*
 * The ties of the place (of wave `only` when not RIPPLE_NONE) grouped into
 * edges: one per wave and pair (ordered pair when directed), as
 * ripple_graph_build does. O(ties log ties).
 */
static int group_edges(xport *x, size_t only, ripple_error *err)
{
	const ripple_model *m = x->m;
	xtie *ties = NULL;
	const char **scratch = NULL;
	size_t nties = 0, maxgroup = 0;
	int rc;

	if (m->nties && !(ties = malloc(m->nties * sizeof(*ties))))
		NOMEM();
	for (size_t i = 0; i < m->nties; i++) {
		const ripple_tie *t = &m->ties[i];
		if (only != RIPPLE_NONE && t->wave != only)
			continue;
		xtie *u = &ties[nties++];
		u->index = i;
		u->wave = t->wave;
		u->a = t->source;
		u->b = t->target;
		if (!m->directed && u->b < u->a) {
			u->a = t->target;
			u->b = t->source;
		}
	}

	/* group: one edge per wave and pair; within a pair, ties stay in ties.csv order */
	if (nties)
		qsort(ties, nties, sizeof(*ties), tie_cmp);
	if (nties && !(x->edges = malloc(nties * sizeof(*x->edges))))
		NOMEM();
	for (size_t i = 0, j; i < nties; i = j) {
		for (j = i + 1; j < nties && same_edge(&ties[i], &ties[j]); j++)
			;
		if (j - i > maxgroup)
			maxgroup = j - i;
		xedge *e = &x->edges[x->nedges++];
		memset(e, 0, sizeof(*e));
		e->a = ties[i].a;
		e->b = ties[i].b;
		e->wave = ties[i].wave;
		e->ties = (long)(j - i);
		for (size_t k = i; k < j; k++)
			e->weight += m->ties[ties[k].index].weight;
	}
	if (x->nedges && x->ntcols &&
	    (!(x->edge_text = malloc(x->nedges * x->ntcols * sizeof(*x->edge_text))) ||
	     !(x->edge_num = malloc(x->nedges * x->ntcols * sizeof(*x->edge_num)))))
		NOMEM();
	if (maxgroup && !(scratch = malloc(maxgroup * sizeof(*scratch))))
		NOMEM();
	for (size_t i = 0, k = 0; k < x->nedges; k++) {
		xedge *e = &x->edges[k];
		size_t n = (size_t)e->ties;
		for (size_t r = 0; r < n; r++)
			scratch[r] = m->ties[ties[i + r].index].type;
		if (!(e->types = join_distinct(x, scratch, n)))
			NOMEM();
		if (x->ntcols) {
			e->text = &x->edge_text[k * x->ntcols];
			e->num = &x->edge_num[k * x->ntcols];
		}
		for (size_t c = 0; c < x->ntcols; c++) {
			e->num[c] = NAN;
			if (x->tcols[c].numeric) {
				/* import accepts only numbers in trust and value */
				double sum = 0;
				long count = 0;
				char buf[48];
				for (size_t r = 0; r < n; r++) {
					const char *v = tie_value(x, ties[i + r].index, c);
					char *end;
					double d = strtod(v, &end);
					if (*v && !*end && isfinite(d)) {
						sum += d;
						count++;
					}
				}
				if (count)
					e->num[c] = sum / (double)count;
				ripple_number_text(buf, sizeof(buf), e->num[c], 0, 0);
				e->text[c] = xdup(x, buf);
			} else {
				for (size_t r = 0; r < n; r++)
					scratch[r] = tie_value(x, ties[i + r].index, c);
				e->text[c] = join_distinct(x, scratch, n);
			}
			if (!e->text[c])
				NOMEM();
		}
		i += n;
	}
	for (size_t k = 0; k < x->nedges; k++) {
		xwave *w = &x->waves[x->edges[k].wave];
		if (w->count++ == 0)
			w->first = k;
	}
	rc = RIPPLE_OK;
done:
	free(ties);
	free(scratch);
	return rc;
}

/*
 * The edges of each wave whose graph gs[w] was built (gs[w].graph not NULL)
 * made those of the graph, as the missing-data policy built it: an edge with
 * an end that is not a member is dropped (respondents), and an arc i -> j
 * imputed to a non-respondent (reconstruct) is written as a copy of the
 * reported j -> i (its types, weight and columns) with `ties` 0, since no
 * ties.csv row says it. Both lists are in (a, b) order. O(edges log edges).
 */
static int policy_edges(xport *x, const ripple_graph *gs, ripple_error *err)
{
	xedge *edges;
	size_t total = 0, k = 0;
	int rc = RIPPLE_OK;

	for (size_t w = 0; w < x->m->nwaves; w++)
		total += gs[w].graph ? gs[w].nedges : x->waves[w].count;
	if (!(edges = malloc((total ? total : 1) * sizeof(*edges))))
		NOMEM();
	for (size_t w = 0; w < x->m->nwaves; w++) {
		size_t nold = x->waves[w].count, first = k;
		/* x->edges is NULL when the place has no edges at all */
		const xedge *old = nold ? &x->edges[x->waves[w].first] : NULL;
		const ripple_graph *g = &gs[w];
		if (!g->graph && nold) {
			memcpy(edges + k, old, nold * sizeof(*old));
			k += nold;
		}
		for (igraph_integer_t e = 0; g->graph && e < igraph_ecount(g->graph); e++) {
			size_t a = (size_t)IGRAPH_FROM(g->graph, e), b = (size_t)IGRAPH_TO(g->graph, e);
			const xedge *found = NULL;
			int imputed = 0;
			if (!g->directed && a > b) {
				size_t t = a;
				a = b;
				b = t;
			}
			for (int side = 0; side < 2 && !found; side++) {
				size_t lo = 0, hi = nold, p = side ? b : a, q = side ? a : b;
				while (lo < hi) {
					size_t mid = lo + (hi - lo) / 2;
					if (old[mid].a < p || (old[mid].a == p && old[mid].b < q))
						lo = mid + 1;
					else
						hi = mid;
				}
				if (lo < nold && old[lo].a == p && old[lo].b == q)
					found = &old[lo];
				imputed = side;
			}
			if (!found) {
				rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
				                      "export: an edge of wave \"%s\" has no tie",
				                      x->m->waves[w].name);
				goto done;
			}
			edges[k] = *found;
			if (imputed) {
				edges[k].a = a;
				edges[k].b = b;
				edges[k].ties = 0;
				edges[k].weight = g->weights[e];
			}
			k++;
		}
		x->waves[w].first = first;
		x->waves[w].count = k - first;
	}
	free(x->edges);
	x->edges = edges;
	x->nedges = k;
	edges = NULL;
done:
	free(edges);
	return rc;
}

/* ---- the measures --------------------------------------------------------------- */

/* The actor measures of wave w, by the metrics engine, on its graph g. */
static int measure(xport *x, size_t w, const ripple_graph *g, const ripple_metrics_options *opts,
                   ripple_error *err)
{
	int rc;

	x->waves[w].policy = g->opts.missing;
	if ((rc = ripple_metrics_compute(&x->waves[w].m, g, opts, err)) == RIPPLE_OK) {
		x->waves[w].measured = 1;
		/* the measures are of the edges written: the same actors, the same pairs */
		if (g->n != x->m->nactors || g->nedges != x->waves[w].count)
			rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
			                      "export: wave \"%s\" has %zu edges, its graph %zu",
			                      x->m->waves[w].name, x->waves[w].count, g->nedges);
	}
	return rc;
}

/* The measure columns that apply to the place, as `ripple metrics --nodes` chooses them. */
static void choose_measures(xport *x)
{
	int trust = 0, value = 0;

	for (size_t w = 0; w < x->m->nwaves; w++) {
		trust |= x->waves[w].measured && x->waves[w].m.has_trust;
		value |= x->waves[w].measured && x->waves[w].m.has_value;
	}
	x->nmeasures = 0;
	for (int k = 0; k < RIPPLE_NODE_COUNT; k++)
		if (ripple_measure_applies(ripple_node_measure_info(k)->scope, x->m->directed, trust,
		                           value))
			x->measures[x->nmeasures++] = (enum ripple_node_measure)k;
}

static double node_measure(const xport *x, size_t w, size_t v, size_t k)
{
	return x->waves[w].measured ? ripple_metrics_node(&x->waves[w].m, v, x->measures[k]) : NAN;
}

/* ---- GraphML, through igraph's attribute handler ------------------------- */

#define IGCHECK(call) do { \
	if ((call) != IGRAPH_SUCCESS) { \
		rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "igraph: %s", ripple_igraph_reason()); \
		goto done; \
	} \
} while (0)

/* Sets a string attribute of every vertex (edge: every edge) of g; values as XML can carry them. */
static int set_strings(igraph_t *g, const char *name, const char *const *vals, size_t n, int edge,
                       ripple_error *err)
{
	igraph_strvector_t sv;
	char *clean_name = ripple_xml_clean(name);
	int rc = RIPPLE_OK, made = 0;

	if (!clean_name || igraph_strvector_init(&sv, (igraph_integer_t)n) != IGRAPH_SUCCESS)
		NOMEM();
	made = 1;
	for (size_t i = 0; i < n; i++) {
		char *c = ripple_xml_clean(vals[i]);
		if (!c)
			NOMEM();
		rc = igraph_strvector_set(&sv, (igraph_integer_t)i, c) == IGRAPH_SUCCESS ? RIPPLE_OK : RIPPLE_ENOMEM;
		free(c);
		if (rc < 0)
			NOMEM();
	}
	IGCHECK(edge ? igraph_cattribute_EAS_setv(g, clean_name, &sv)
	             : igraph_cattribute_VAS_setv(g, clean_name, &sv));
done:
	if (made)
		igraph_strvector_destroy(&sv);
	free(clean_name);
	return rc;
}

/* Sets a numeric attribute (NAN: left out of the file) of every vertex or edge of g. */
static int set_numbers(igraph_t *g, const char *name, const double *vals, size_t n, int edge,
                       ripple_error *err)
{
	static const double none = 0;
	igraph_vector_t v;
	char *clean_name = ripple_xml_clean(name);
	int rc = RIPPLE_OK;

	if (!clean_name)
		NOMEM();
	igraph_vector_view(&v, n ? vals : &none, (igraph_integer_t)n);
	IGCHECK(edge ? igraph_cattribute_EAN_setv(g, clean_name, &v)
	             : igraph_cattribute_VAN_setv(g, clean_name, &v));
done:
	free(clean_name);
	return rc;
}

/* Everything written to g, while igraph's C attribute handler is installed. */
static int graphml_attributes(igraph_t *g, const xport *x, ripple_error *err)
{
	const xwave *w = &x->waves[x->wave];
	const xedge *edges = &x->edges[w->first];
	size_t n = x->nnodes, m = w->count, big = n > m ? n : m;
	const char **s = malloc((big ? big : 1) * sizeof(*s));
	double *d = malloc((big ? big : 1) * sizeof(*d));
	char *place = ripple_xml_clean(x->m->name);
	char *wave = ripple_xml_clean(x->m->waves[x->wave].name);
	int rc = RIPPLE_OK;

	if (!s || !d || !place || !wave)
		NOMEM();
	IGCHECK(igraph_cattribute_GAS_set(g, "place", place));
	IGCHECK(igraph_cattribute_GAS_set(g, "wave", wave));
	/* GraphML node ids are igraph's n0, n1, ...: the actor id is `name`, which igraph
	 * in R and Python take as the vertex name */
	static const char *const fixed[] = {
		"name", "label", "kind", "parent", "sector", "town", "attended", "response"
	};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]) - !x->m->responses;
	for (size_t f = 0; f < nfixed; f++) {
		for (size_t i = 0; i < n; i++) {
			size_t v = x->nodes[i];
			const ripple_actor *a = actor(x, v);
			const char *const row[] = { a->id, a->label, ripple_kind_name(a->kind),
			                            parent_id(x, v), a->sector, a->town,
			                            attended_text(a), response_text(x, x->wave, v) };
			s[i] = row[f];
		}
		if ((rc = set_strings(g, fixed[f], s, n, 0, err)) < 0)
			goto done;
	}
	for (size_t c = 0; c < x->nacols; c++) {
		for (size_t i = 0; i < n; i++)
			s[i] = actor_value(x, x->nodes[i], c);
		if ((rc = set_strings(g, x->acols[c].name, s, n, 0, err)) < 0)
			goto done;
	}
	for (size_t k = 0; k < x->nmeasures; k++) {
		for (size_t i = 0; i < n; i++)
			d[i] = node_measure(x, x->wave, x->nodes[i], k);
		if ((rc = set_numbers(g, ripple_node_measure_info(x->measures[k])->name, d, n, 0, err)) < 0)
			goto done;
	}

	for (size_t e = 0; e < m; e++)
		s[e] = edges[e].types;
	if ((rc = set_strings(g, "type", s, m, 1, err)) < 0)
		goto done;
	for (size_t e = 0; e < m; e++)
		d[e] = edges[e].weight;
	if ((rc = set_numbers(g, "weight", d, m, 1, err)) < 0)
		goto done;
	for (size_t e = 0; e < m; e++)
		d[e] = (double)edges[e].ties;
	if ((rc = set_numbers(g, "ties", d, m, 1, err)) < 0)
		goto done;
	for (size_t c = 0; c < x->ntcols; c++) {
		if (x->tcols[c].numeric) {
			for (size_t e = 0; e < m; e++)
				d[e] = edges[e].num[c];
			rc = set_numbers(g, x->tcols[c].name, d, m, 1, err);
		} else {
			for (size_t e = 0; e < m; e++)
				s[e] = edges[e].text[c];
			rc = set_strings(g, x->tcols[c].name, s, m, 1, err);
		}
		if (rc < 0)
			goto done;
	}
done:
	free(s);
	free(d);
	free(place);
	free(wave);
	return rc;
}

/*
 * igraph keeps its attribute handler in a global: it is installed for the
 * life of this one graph and the previous handler (none, for ripple) put
 * back before any other graph is made or destroyed.
 */
static int write_graphml(FILE *f, const xport *x, ripple_error *err)
{
	const xwave *w = &x->waves[x->wave];
	igraph_vector_int_t el;
	igraph_t g;
	igraph_attribute_table_t *old;
	int rc = RIPPLE_OK, have_el = 0, have_g = 0;

	ripple_igraph_setup();
	if (igraph_vector_int_init(&el, (igraph_integer_t)(2 * w->count)) != IGRAPH_SUCCESS)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	have_el = 1;
	for (size_t e = 0; e < w->count; e++) {
		VECTOR(el)[2 * e] = (igraph_integer_t)x->vertex[x->edges[w->first + e].a];
		VECTOR(el)[2 * e + 1] = (igraph_integer_t)x->vertex[x->edges[w->first + e].b];
	}
	old = igraph_set_attribute_table(&igraph_cattribute_table);
	IGCHECK(igraph_create(&g, &el, (igraph_integer_t)x->nnodes,
	                      x->m->directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED));
	have_g = 1;
	if ((rc = graphml_attributes(&g, x, err)) < 0)
		goto done;
	IGCHECK(igraph_write_graph_graphml(&g, f, 1));
done:
	if (have_g)
		igraph_destroy(&g);
	if (have_el)
		igraph_vector_int_destroy(&el);
	igraph_set_attribute_table(old);
	return rc;
}

/* ---- GEXF: every wave as a time slice ------------------------------------- */

/* 1 when every wave has a whole date (yyyy-mm-dd) and the dates rise with the waves. */
static int waves_have_dates(const xport *x)
{
	for (size_t w = 0; w < x->m->nwaves; w++) {
		const char *d = x->m->waves[w].date;
		if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
			return 0;
		for (int i = 0; i < 10; i++)
			if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
				return 0;
		if (w > 0 && strcmp(x->m->waves[w - 1].date, d) >= 0)
			return 0;
	}
	return x->m->nwaves > 0;
}

static void xml_attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	ripple_xml_write(f, value);
	fputc('"', f);
}

/* The time of wave w in the file: its date, or its ordinal. */
static void gexf_time(char *buf, size_t size, const xport *x, size_t w, int dates)
{
	if (dates)
		snprintf(buf, size, "%s", x->m->waves[w].date);
	else
		snprintf(buf, size, "%ld", x->m->waves[w].ordinal);
}

static void gexf_declare(FILE *f, const char *name, const char *type)
{
	fputs("      <attribute", f);
	xml_attr(f, "id", name);
	xml_attr(f, "title", name);
	xml_attr(f, "type", type);
	fputs("/>\n", f);
}

static void gexf_value(FILE *f, const char *name, const char *value, const char *at)
{
	if (!*value)
		return;
	fputs("          <attvalue", f);
	xml_attr(f, "for", name);
	xml_attr(f, "value", value);
	if (at) {
		xml_attr(f, "start", at);
		xml_attr(f, "end", at);
	}
	fputs("/>\n", f);
}

static int edge_pair_cmp(const void *p, const void *q)
{
	const xedge *s = *(const xedge *const *)p, *t = *(const xedge *const *)q;
	if (s->a != t->a) return s->a < t->a ? -1 : 1;
	if (s->b != t->b) return s->b < t->b ? -1 : 1;
	return (s->wave > t->wave) - (s->wave < t->wave);
}

/*
 * GEXF 1.2 (as Gephi and networkx read it), mode="dynamic". A wave is a point
 * in time: its date when every wave has one (timeformat="date"), else its
 * ordinal (timeformat="integer"). An actor is present at every wave (no
 * spells), as every actor is a vertex of every wave, except where
 * responses.csv says it was absent: then it has one spell per wave it was
 * part of, and one actor absent at every wave is left out (census keeps every
 * actor at every wave). Its response is a dynamic value at the waves it is
 * present at (only for a place with responses). An edge has one spell,
 * start = end = the wave's time, for each wave it is tied at, and its weight,
 * type, ties and tie columns as dynamic values at those times; the actor
 * measures are dynamic values too, one per wave.
 */
static int write_gexf(FILE *f, const xport *x, ripple_error *err)
{
	int dates = waves_have_dates(x);
	const xedge **order = NULL;
	char at[64], buf[48];

	if (x->nedges && !(order = malloc(x->nedges * sizeof(*order))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t k = 0; k < x->nedges; k++)
		order[k] = &x->edges[k];
	if (x->nedges)
		qsort(order, x->nedges, sizeof(*order), edge_pair_cmp);

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
	      "  <meta>\n"
	      "    <creator>ripple " RIPPLE_VERSION "</creator>\n"
	      "    <description>", f);
	ripple_xml_write(f, x->m->name);
	fprintf(f, ": every wave as a point in time (%s):", dates ? "its date" : "its ordinal");
	for (size_t w = 0; w < x->m->nwaves; w++) {
		gexf_time(at, sizeof(at), x, w, dates);
		fprintf(f, "%s %s = ", w ? "," : "", at);
		ripple_xml_write(f, x->m->waves[w].name);
	}
	fputs("</description>\n  </meta>\n  <graph mode=\"dynamic\"", f);
	xml_attr(f, "defaultedgetype", x->m->directed ? "directed" : "undirected");
	xml_attr(f, "timeformat", dates ? "date" : "integer");
	fputs(">\n    <attributes class=\"node\" mode=\"static\">\n", f);
	static const char *const static_nodes[] = { "kind", "parent", "sector", "town", "attended" };
	for (size_t i = 0; i < sizeof(static_nodes) / sizeof(static_nodes[0]); i++)
		gexf_declare(f, static_nodes[i], "string");
	for (size_t c = 0; c < x->nacols; c++)
		gexf_declare(f, x->acols[c].name, "string");
	fputs("    </attributes>\n    <attributes class=\"node\" mode=\"dynamic\">\n", f);
	if (x->m->responses)
		gexf_declare(f, "response", "string");
	for (size_t k = 0; k < x->nmeasures; k++) {
		const ripple_measure_info *info = ripple_node_measure_info(x->measures[k]);
		gexf_declare(f, info->name, info->integer ? "integer" : "double");
	}
	fputs("    </attributes>\n    <attributes class=\"edge\" mode=\"dynamic\">\n", f);
	gexf_declare(f, "weight", "double");
	gexf_declare(f, "type", "string");
	gexf_declare(f, "ties", "integer");
	for (size_t c = 0; c < x->ntcols; c++)
		gexf_declare(f, x->tcols[c].name, x->tcols[c].numeric ? "double" : "string");
	fputs("    </attributes>\n    <nodes>\n", f);

	for (size_t v = 0; v < x->m->nactors; v++) {
		size_t waves_present = 0;
		for (size_t w = 0; w < x->m->nwaves; w++)
			waves_present += present(x, w, v);
		if (x->m->nwaves && waves_present == 0)
			continue;              /* absent at every wave: never part of the place */
		fputs("      <node", f);
		xml_attr(f, "id", actor(x, v)->id);
		xml_attr(f, "label", actor(x, v)->label);
		fputs(">\n        <attvalues>\n", f);
		gexf_value(f, "kind", ripple_kind_name(actor(x, v)->kind), NULL);
		gexf_value(f, "parent", parent_id(x, v), NULL);
		gexf_value(f, "sector", actor(x, v)->sector, NULL);
		gexf_value(f, "town", actor(x, v)->town, NULL);
		gexf_value(f, "attended", attended_text(actor(x, v)), NULL);
		for (size_t c = 0; c < x->nacols; c++)
			gexf_value(f, x->acols[c].name, actor_value(x, v, c), NULL);
		for (size_t w = 0; w < x->m->nwaves; w++) {
			if (!present(x, w, v))
				continue;
			gexf_time(at, sizeof(at), x, w, dates);
			if (x->m->responses)
				gexf_value(f, "response", response_text(x, w, v), at);
			for (size_t k = 0; k < x->nmeasures; k++) {
				ripple_number_text(buf, sizeof(buf), node_measure(x, w, v, k),
				                   ripple_node_measure_info(x->measures[k])->integer, 0);
				gexf_value(f, ripple_node_measure_info(x->measures[k])->name, buf, at);
			}
		}
		fputs("        </attvalues>\n", f);
		if (waves_present < x->m->nwaves) {
			fputs("        <spells>\n", f);
			for (size_t w = 0; w < x->m->nwaves; w++) {
				if (!present(x, w, v))
					continue;
				gexf_time(at, sizeof(at), x, w, dates);
				fputs("          <spell", f);
				xml_attr(f, "start", at);
				xml_attr(f, "end", at);
				fputs("/>\n", f);
			}
			fputs("        </spells>\n", f);
		}
		fputs("      </node>\n", f);
	}
	fputs("    </nodes>\n    <edges>\n", f);

	size_t id = 0;
	for (size_t i = 0, j; i < x->nedges; i = j) {
		for (j = i + 1; j < x->nedges && order[j]->a == order[i]->a && order[j]->b == order[i]->b; j++)
			;
		fprintf(f, "      <edge id=\"%zu\"", id++);
		xml_attr(f, "source", actor(x, order[i]->a)->id);
		xml_attr(f, "target", actor(x, order[i]->b)->id);
		fputs(">\n        <attvalues>\n", f);
		for (size_t k = i; k < j; k++) {
			const xedge *e = order[k];
			gexf_time(at, sizeof(at), x, e->wave, dates);
			ripple_number_text(buf, sizeof(buf), e->weight, 0, 0);
			gexf_value(f, "weight", buf, at);
			gexf_value(f, "type", e->types, at);
			ripple_number_text(buf, sizeof(buf), (double)e->ties, 1, 0);
			gexf_value(f, "ties", buf, at);
			for (size_t c = 0; c < x->ntcols; c++)
				gexf_value(f, x->tcols[c].name, e->text[c], at);
		}
		fputs("        </attvalues>\n        <spells>\n", f);
		for (size_t k = i; k < j; k++) {
			gexf_time(at, sizeof(at), x, order[k]->wave, dates);
			fputs("          <spell", f);
			xml_attr(f, "start", at);
			xml_attr(f, "end", at);
			fputs("/>\n", f);
		}
		fputs("        </spells>\n      </edge>\n", f);
	}
	fputs("    </edges>\n  </graph>\n</gexf>\n", f);
	free(order);
	return RIPPLE_OK;
}

/* ---- DOT ------------------------------------------------------------------ */

/*
 * A DOT quoted string that Graphviz reads back as text. Backslashes are
 * doubled and quotes escaped, so every string lexes (DOT cannot end a string
 * in a lone backslash). A label is also what Graphviz draws: there the doubled
 * backslash stops \N, \G, \n ... from expanding, '&' is written &amp; (Graphviz
 * decodes entities in labels), a line break is Graphviz's \n and other control
 * characters are spaces.
 */
static void dot_string(FILE *f, const char *s, int label)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"')
			fputs("\\\"", f);
		else if (c == '\\')
			fputs("\\\\", f);
		else if (label && c == '&')
			fputs("&amp;", f);
		else if (label && c == '\r' && s[1] == '\n')
			;
		else if (label && (c == '\n' || c == '\r'))
			fputs("\\n", f);
		else if (label && c < 0x20)
			fputc(' ', f);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* An attribute name: bare when DOT allows it (a word that is not a keyword), else quoted. */
static void dot_name(FILE *f, const char *name)
{
	static const char *const keywords[] = { "node", "edge", "graph", "digraph", "subgraph", "strict" };
	int bare = (*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z') || *name == '_';

	for (const char *p = name; bare && *p; p++)
		bare = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
		       (*p >= '0' && *p <= '9');
	for (size_t k = 0; bare && k < sizeof(keywords) / sizeof(keywords[0]); k++)
		bare = !ripple_strieq(name, keywords[k]);
	if (bare)
		fputs(name, f);
	else
		dot_string(f, name, 0);
}

/* name=value, after the first with ", " before it; nothing for an empty value. */
static void dot_attr(FILE *f, int *first, const char *name, const char *value)
{
	if (!*value)
		return;
	fputs(*first ? " [" : ", ", f);
	*first = 0;
	dot_name(f, name);
	fputc('=', f);
	dot_string(f, value, strcmp(name, "label") == 0);
}

static int write_dot(FILE *f, const xport *x, ripple_error *err)
{
	const xwave *w = &x->waves[x->wave];
	char buf[48];
	(void)err;

	fputs(x->m->directed ? "digraph " : "graph ", f);
	dot_string(f, x->m->name, 0);
	fputs(" {\n\tgraph [place=", f);
	dot_string(f, x->m->name, 0);
	fputs(", wave=", f);
	dot_string(f, x->m->waves[x->wave].name, 0);
	fputs("];\n", f);
	for (size_t i = 0; i < x->nnodes; i++) {
		size_t v = x->nodes[i];
		int first = 1;
		fputc('\t', f);
		dot_string(f, actor(x, v)->id, 0);
		dot_attr(f, &first, "label", actor(x, v)->label);
		dot_attr(f, &first, "kind", ripple_kind_name(actor(x, v)->kind));
		dot_attr(f, &first, "parent", parent_id(x, v));
		dot_attr(f, &first, "sector", actor(x, v)->sector);
		dot_attr(f, &first, "town", actor(x, v)->town);
		dot_attr(f, &first, "attended", attended_text(actor(x, v)));
		if (x->m->responses)
			dot_attr(f, &first, "response", response_text(x, x->wave, v));
		for (size_t c = 0; c < x->nacols; c++)
			dot_attr(f, &first, x->acols[c].name, actor_value(x, v, c));
		for (size_t k = 0; k < x->nmeasures; k++) {
			const ripple_measure_info *info = ripple_node_measure_info(x->measures[k]);
			ripple_number_text(buf, sizeof(buf), node_measure(x, x->wave, v, k), info->integer, 0);
			dot_attr(f, &first, info->name, buf);
		}
		fputs(first ? ";\n" : "];\n", f);
	}
	for (size_t k = 0; k < w->count; k++) {
		const xedge *e = &x->edges[w->first + k];
		int first = 1;
		fputc('\t', f);
		dot_string(f, actor(x, e->a)->id, 0);
		fputs(x->m->directed ? " -> " : " -- ", f);
		dot_string(f, actor(x, e->b)->id, 0);
		dot_attr(f, &first, "type", e->types);
		ripple_number_text(buf, sizeof(buf), e->weight, 0, 0);
		dot_attr(f, &first, "weight", buf);
		ripple_number_text(buf, sizeof(buf), (double)e->ties, 1, 0);
		dot_attr(f, &first, "ties", buf);
		for (size_t c = 0; c < x->ntcols; c++)
			dot_attr(f, &first, x->tcols[c].name, e->text[c]);
		fputs(first ? ";\n" : "];\n", f);
	}
	fputs("}\n", f);
	return RIPPLE_OK;
}

/* ---- CSV: the edges (like ties.csv) and the nodes (like actors.csv) ------ */

static void csv_row_end(FILE *f)
{
	fputc('\n', f);
}

static void csv_cell(FILE *f, const xport *x, int *first, const char *s)
{
	if (!*first)
		fputc(',', f);
	*first = 0;
	ripple_csv_write_cell(f, s, x->formula_guard);
}

static int write_csv_edges(FILE *f, const xport *x, ripple_error *err)
{
	const xwave *w = &x->waves[x->wave];
	char buf[48];
	int first = 1;
	(void)err;

	for (size_t i = 0; edge_fixed[i]; i++)
		csv_cell(f, x, &first, edge_fixed[i]);
	for (size_t c = 0; c < x->ntcols; c++)
		csv_cell(f, x, &first, x->tcols[c].name);
	csv_row_end(f);
	for (size_t k = 0; k < w->count; k++) {
		const xedge *e = &x->edges[w->first + k];
		first = 1;
		csv_cell(f, x, &first, actor(x, e->a)->id);
		csv_cell(f, x, &first, actor(x, e->b)->id);
		csv_cell(f, x, &first, x->m->waves[x->wave].name);
		csv_cell(f, x, &first, e->types);
		ripple_number_text(buf, sizeof(buf), e->weight, 0, 0);
		csv_cell(f, x, &first, buf);
		ripple_number_text(buf, sizeof(buf), (double)e->ties, 1, 0);
		csv_cell(f, x, &first, buf);
		for (size_t c = 0; c < x->ntcols; c++)
			csv_cell(f, x, &first, e->text[c]);
		csv_row_end(f);
	}
	return RIPPLE_OK;
}

static int write_csv_nodes(FILE *f, const xport *x, ripple_error *err)
{
	char buf[48];
	int first = 1;
	(void)err;

	for (size_t i = 0; node_fixed[i]; i++)
		if (strcmp(node_fixed[i], "name") != 0)    /* `name` is GraphML's id */
			csv_cell(f, x, &first, node_fixed[i]);
	if (x->m->responses)
		csv_cell(f, x, &first, "response");
	for (size_t c = 0; c < x->nacols; c++)
		csv_cell(f, x, &first, x->acols[c].name);
	for (size_t k = 0; k < x->nmeasures; k++)
		csv_cell(f, x, &first, ripple_node_measure_info(x->measures[k])->name);
	csv_row_end(f);
	for (size_t i = 0; i < x->nnodes; i++) {
		size_t v = x->nodes[i];
		first = 1;
		csv_cell(f, x, &first, actor(x, v)->id);
		csv_cell(f, x, &first, actor(x, v)->label);
		csv_cell(f, x, &first, ripple_kind_name(actor(x, v)->kind));
		csv_cell(f, x, &first, parent_id(x, v));
		csv_cell(f, x, &first, actor(x, v)->sector);
		csv_cell(f, x, &first, actor(x, v)->town);
		csv_cell(f, x, &first, attended_text(actor(x, v)));
		if (x->m->responses)
			csv_cell(f, x, &first, response_text(x, x->wave, v));
		for (size_t c = 0; c < x->nacols; c++)
			csv_cell(f, x, &first, actor_value(x, v, c));
		for (size_t k = 0; k < x->nmeasures; k++) {
			ripple_number_text(buf, sizeof(buf), node_measure(x, x->wave, v, k),
			                   ripple_node_measure_info(x->measures[k])->integer, 0);
			csv_cell(f, x, &first, buf);
		}
		csv_row_end(f);
	}
	return RIPPLE_OK;
}

/* ---- formats -------------------------------------------------------------- */

typedef int (*writer_fn)(FILE *f, const xport *x, ripple_error *err);

/* One file of a format: what it holds, and where it goes (see ripple_export_file). */
typedef struct format_file {
	const char *role;
	const char *suffix;
	writer_fn write;
} format_file;

static const struct format_info {
	const char *name;
	const char *extensions[3];   /* what -o may end in to ask for it (with the dot) */
	int all_waves;
	format_file files[4];        /* files[0] is the one the user names; unused rows NULL */
} formats[RIPPLE_EXPORT_COUNT] = {
	[RIPPLE_EXPORT_GRAPHML] = { "graphml", { ".graphml" }, 0, { { "graph", NULL, write_graphml } } },
	[RIPPLE_EXPORT_GEXF] = { "gexf", { ".gexf" }, 1, { { "graph", NULL, write_gexf } } },
	[RIPPLE_EXPORT_DOT] = { "dot", { ".dot", ".gv" }, 0, { { "graph", NULL, write_dot } } },
	[RIPPLE_EXPORT_CSV] = { "csv", { ".csv" }, 0,
	                        { { "edges", NULL, write_csv_edges },
	                          { "nodes", "-nodes.csv", write_csv_nodes } } },
};

int ripple_export_format_parse(const char *name)
{
	if (ripple_strieq(name, "gv"))
		return RIPPLE_EXPORT_DOT;
	for (int f = 0; f < RIPPLE_EXPORT_COUNT; f++)
		if (ripple_strieq(name, formats[f].name))
			return f;
	return -1;
}

int ripple_export_format_of_path(const char *path)
{
	size_t len = strlen(path);

	for (int f = 0; f < RIPPLE_EXPORT_COUNT; f++)
		for (int e = 0; e < 3 && formats[f].extensions[e]; e++) {
			size_t el = strlen(formats[f].extensions[e]);
			if (len > el && ripple_strieq(path + len - el, formats[f].extensions[e]))
				return f;
		}
	return -1;
}

const char *ripple_export_format_name(enum ripple_export_format fmt)
{
	return formats[fmt].name;
}

int ripple_export_format_all_waves(enum ripple_export_format fmt)
{
	return formats[fmt].all_waves;
}

/* Runs one writer into memory. */
static int write_file(ripple_export_file *out, const format_file *ff, const xport *x,
                     ripple_error *err)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	int rc, failed;

	if (!f)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	rc = ff->write(f, x, err);
	failed = ferror(f);
	if (fclose(f) != 0 || failed) {
		if (rc == RIPPLE_OK)
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	if (rc < 0) {
		free(data);
		return rc;
	}
	out->role = ff->role;
	out->suffix = ff->suffix;
	out->data = data;
	out->len = len;
	return RIPPLE_OK;
}

int ripple_export_write(ripple_export *out, const ripple_model *m,
                        const ripple_export_options *opts, ripple_error *err)
{
	const struct format_info *fi;
	xport x;
	ripple_graph *gs = NULL;  /* per wave: the graph exported, as opts->graph builds it */
	size_t only = RIPPLE_NONE, nfiles = 0;
	int rc, policy = 0;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	if ((unsigned)opts->format >= RIPPLE_EXPORT_COUNT)
		return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0, "unknown export format");
	fi = &formats[opts->format];
	if (fi->all_waves && opts->wave)
		return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0,
		                        "a %s export holds every wave: it takes no wave", fi->name);
	if (!fi->all_waves && !opts->wave)
		return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0,
		                        "a %s export holds one wave: name it", fi->name);

	x.m = m;
	x.formula_guard = opts->formula_guard;
	if (!(x.waves = calloc(m->nwaves + 1, sizeof(*x.waves)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if ((rc = make_columns(&x, &x.acols, &x.nacols, m->actor_attr_names, m->nactor_attr_names,
	                       1, err)) < 0 ||
	    (rc = make_columns(&x, &x.tcols, &x.ntcols, m->tie_attr_names, m->ntie_attr_names,
	                       0, err)) < 0)
		goto done;
	if (!fi->all_waves) {
		if ((only = ripple_model_find_wave(m, opts->wave, err)) == RIPPLE_NONE) {
			rc = RIPPLE_ENOTFOUND;
			goto done;
		}
		x.wave = only;
	}
	if (!(gs = calloc(m->nwaves + 1, sizeof(*gs)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t w = 0; w < m->nwaves; w++) {
		if (only != RIPPLE_NONE && w != only)
			continue;
		if ((rc = ripple_graph_build(&gs[w], m, m->waves[w].name, &opts->graph, err)) < 0)
			goto done;
		policy |= gs[w].member || gs[w].imputed;
	}
	if ((rc = group_edges(&x, only, err)) < 0 || (policy && (rc = policy_edges(&x, gs, err)) < 0))
		goto done;
	for (size_t w = 0; w < m->nwaves; w++)
		if ((only == RIPPLE_NONE || w == only) &&
		    (rc = measure(&x, w, &gs[w], &opts->metrics, err)) < 0)
			goto done;
	choose_measures(&x);
	if (!fi->all_waves && (rc = choose_nodes(&x, err)) < 0)
		goto done;

	while (nfiles < sizeof(fi->files) / sizeof(fi->files[0]) && fi->files[nfiles].write)
		nfiles++;
	if (!(out->files = calloc(nfiles, sizeof(*out->files)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nfiles; i++) {
		if ((rc = write_file(&out->files[i], &fi->files[i], &x, err)) < 0)
			goto done;
		out->nfiles++;
	}
	rc = RIPPLE_OK;
done:
	for (size_t w = 0; gs && w < m->nwaves; w++)
		ripple_graph_release(&gs[w]);
	free(gs);
	xport_release(&x);
	if (rc < 0)
		ripple_export_release(out);
	return rc;
}

void ripple_export_release(ripple_export *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nfiles; i++)
		free(e->files[i].data);
	free(e->files);
	memset(e, 0, sizeof(*e));
}
