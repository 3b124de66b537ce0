/*
 * input/ripplefx.c - a RippleFX ripple effect map (nodes.csv and
 * relationships.csv) read as a place (output/ripplefx.c writes one). docs/IMPORT.md gives the mapping and says what it rests
 * on: no published description of RippleFX's export was found, so this is
 * the minimal faithful reading of what is known of it (nodes with id, label,
 * type, a dd/MM/yyyy date and attribute_label_N / attribute_value_N pairs;
 * relationships from a node to the node it led to). In short:
 *
 *   nodes           each node -> a ripple (id, label, date as ISO); the one
 *                   node of type "programme" (or "program") -> the place's
 *                   programme, the centre of the map
 *   attributes      Capital / Community capital(s) -> capitals (';', ',' or
 *                   '|'-separated); Valence; Intended; Actors / Organisations
 *                   / Partners -> the actors the ripple names (';' or
 *                   '|'-separated), each a new actor of the place
 *   relationships   source (or from, or match id 1) -> target (or to, or
 *                   match id 2): the target grew from the source, which is
 *                   its parent ripple (none when the source is the programme)
 *
 * As input/kumu.c, it builds the tables of a place folder named after the
 * RippleFX files, with their lines, and lets input/place.c check them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "place.h"
#include "util.h"

#define BAD(d, csv, row, ...) \
	ripple_diags_add((d), RIPPLE_EINPUT, (csv)->path, (csv)->lines[row], 0, __VA_ARGS__)

int ripple_date_from_dmy(char iso[11], const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int part[3] = { 0, 0, 0 }, digits;
	const char *p = s;

	iso[0] = '\0';
	for (int k = 0; k < 3; k++) {
		for (digits = 0; *p >= '0' && *p <= '9'; p++, digits++)
			if (digits < 4)
				part[k] = part[k] * 10 + (*p - '0');
		if (digits < 1 || digits > (k < 2 ? 2 : 4) || (k == 2 && digits != 4))
			return 0;
		if (k < 2 && *p++ != '/')
			return 0;
	}
	if (*p)
		return 0;
	int d = part[0], m = part[1], y = part[2];
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return -1;
	/* y < 10000, m and d two digits: 10 characters */
	snprintf(iso, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 1;
}

/* What an attribute label stands for. */
enum attr_kind { ATTR_OTHER, ATTR_CAPITAL, ATTR_VALENCE, ATTR_INTENDED, ATTR_ACTORS };

static enum attr_kind attribute_kind(const char *label)
{
	static const char *const capital[] = { "capital", "capitals", "community capital",
	                                       "community capitals", NULL };
	static const char *const actors[] = { "actor", "actors", "organisation", "organisations",
	                                      "organization", "organizations", "partner",
	                                      "partners", NULL };
	for (const char *const *c = capital; *c; c++)
		if (ripple_strieq(label, *c))
			return ATTR_CAPITAL;
	for (const char *const *c = actors; *c; c++)
		if (ripple_strieq(label, *c))
			return ATTR_ACTORS;
	if (ripple_strieq(label, "valence"))
		return ATTR_VALENCE;
	if (ripple_strieq(label, "intended"))
		return ATTR_INTENDED;
	return ATTR_OTHER;
}

/* One attribute_label_N / attribute_value_N pair of columns. */
typedef struct attr_pair {
	long n;
	long label, value;   /* columns, -1 when missing */
} attr_pair;

static int pair_cmp(const void *a, const void *b)
{
	const attr_pair *x = a, *y = b;
	return (x->n > y->n) - (x->n < y->n);
}

/* N when name is prefix followed by a whole number, else -1. */
static long numbered(const char *name, const char *prefix)
{
	size_t k = strlen(prefix);
	long n = 0;

	if (strncmp(name, prefix, k) != 0 || !name[k])
		return -1;
	for (const char *p = name + k; *p; p++) {
		if (*p < '0' || *p > '9' || n > 100000)
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n;
}

/* Finds the attribute pairs of the header; reports a half pair. */
static int find_pairs(attr_pair **out, size_t *count, ripple_csv *csv, ripple_diags *d)
{
	attr_pair *v = calloc(csv->ncols + 1, sizeof(*v));
	size_t n = 0;
	int ok = 1;

	*out = NULL;
	*count = 0;
	if (!v)
		return RIPPLE_ENOMEM;
	for (size_t c = 0; c < csv->ncols; c++) {
		long num = numbered(csv->header[c], "attribute_label_");
		int is_value = num < 0;
		if (is_value && (num = numbered(csv->header[c], "attribute_value_")) < 0)
			continue;
		size_t i = 0;
		while (i < n && v[i].n != num)
			i++;
		if (i == n)
			v[n++] = (attr_pair){ num, -1, -1 };
		if (is_value)
			v[i].value = (long)c;
		else
			v[i].label = (long)c;
	}
	qsort(v, n, sizeof(*v), pair_cmp);
	for (size_t i = 0; i < n; i++)
		if (v[i].label < 0 || v[i].value < 0) {
			ripple_diags_add(d, RIPPLE_EINPUT, csv->path, csv->header_line, 0,
			                 "attribute_%s_%ld has no attribute_%s_%ld column",
			                 v[i].label < 0 ? "value" : "label", v[i].n,
			                 v[i].label < 0 ? "label" : "value", v[i].n);
			ok = 0;
		}
	*out = v;
	*count = n;
	return ok ? RIPPLE_OK : RIPPLE_EINPUT;
}

/* A growing ';'-joined list. */
typedef struct list {
	char *s;
	size_t len;
	int failed;
} list;

static void list_add(list *l, const char *item)
{
	size_t n = strlen(item);
	char *s = realloc(l->s, l->len + n + 2);

	if (!s) {
		l->failed = 1;
		return;
	}
	l->s = s;
	if (l->len)
		l->s[l->len++] = ';';
	memcpy(l->s + l->len, item, n + 1);
	l->len += n;
}

/* The trimmed value at row, col ("" when the column is absent). */
static char *value(ripple_csv *csv, size_t row, long col)
{
	return ripple_csv_trimmed(csv, row, col);
}

/* "Social capital" -> "Social"; capitals are checked by place.c. */
static char *strip_capital(char *s)
{
	size_t n = strlen(s), k = strlen(" capital");

	if (n > k && ripple_strieq(s + n - k, " capital")) {
		s[n - k] = '\0';
		s = ripple_trim(s);
	}
	return s;
}

#define NO_PARENT RIPPLE_NONE
#define FROM_PROGRAMME (RIPPLE_NONE - 1)   /* grew from the programme: a first-order ripple */

/* Reading state. */
typedef struct rfx {
	ripple_diags *d;
	ripple_csv *nodes, *rels;
	ripple_strmap ids;          /* node id -> row */
	ripple_strmap actor_names;  /* actor name -> index */
	size_t programme;           /* row of the programme node, or RIPPLE_NONE */
	size_t *parent;             /* per node row: parent row, NO_PARENT or FROM_PROGRAMME */
	size_t *parent_line;        /* per node row: index of the relationship that set it */
	int *dup;                   /* per node row: a duplicate id, left out */
} rfx;

/* Reads relationships.csv into X->parent. */
static int read_relationships(rfx *X)
{
	ripple_csv *rels = X->rels, *nodes = X->nodes;
	long c_src = ripple_csv_column(rels, "source"), c_tgt = ripple_csv_column(rels, "target");
	const char *nodes_name = strrchr(nodes->path, '/') ? strrchr(nodes->path, '/') + 1
	                                                   : nodes->path;

	if (c_src < 0)
		c_src = ripple_csv_column(rels, "from");
	if (c_tgt < 0)
		c_tgt = ripple_csv_column(rels, "to");
	/* RippleFX's own names for the two ends (docs/IMPORT.md) */
	if (c_src < 0)
		c_src = ripple_csv_column(rels, "match id 1");
	if (c_tgt < 0)
		c_tgt = ripple_csv_column(rels, "match id 2");
	if (c_src < 0 || c_tgt < 0) {
		for (int k = 0; k < 2; k++)
			if ((k ? c_tgt : c_src) < 0)
				ripple_diags_add(X->d, RIPPLE_EINPUT, rels->path, rels->header_line, 0,
				                 "missing required column \"%s\" (or \"%s\", or \"%s\")",
				                 k ? "target" : "source", k ? "to" : "from",
				                 k ? "match id 2" : "match id 1");
		return RIPPLE_EINPUT;
	}
	for (size_t r = 0; r < rels->nrows; r++) {
		const char *s = value(rels, r, c_src), *t = value(rels, r, c_tgt);
		size_t sr = RIPPLE_NONE, tr = RIPPLE_NONE;

		if (!*s)
			BAD(X->d, rels, r, "missing value for \"%s\"", rels->header[c_src]);
		else if ((sr = ripple_strmap_get(&X->ids, s)) == RIPPLE_NONE)
			BAD(X->d, rels, r, "unknown node \"%s\" (not in %s)", s, nodes_name);
		if (!*t)
			BAD(X->d, rels, r, "missing value for \"%s\"", rels->header[c_tgt]);
		else if ((tr = ripple_strmap_get(&X->ids, t)) == RIPPLE_NONE)
			BAD(X->d, rels, r, "unknown node \"%s\" (not in %s)", t, nodes_name);
		if (sr == RIPPLE_NONE || tr == RIPPLE_NONE)
			continue;
		if (sr == tr) {
			BAD(X->d, rels, r, "relationship from \"%s\" to itself", s);
		} else if (tr == X->programme) {
			BAD(X->d, rels, r, "the programme \"%s\" is the centre of the map: it cannot grow "
			    "from \"%s\"", t, s);
		} else if (X->parent[tr] != NO_PARENT) {
			size_t p = X->parent[tr];
			BAD(X->d, rels, r, "\"%s\" already grew from \"%s\" (line %ld): a ripple map is a "
			    "tree, each ripple has one parent", t,
			    p == FROM_PROGRAMME ? value(nodes, X->programme, ripple_csv_column(nodes, "id"))
			                        : value(nodes, p, ripple_csv_column(nodes, "id")),
			    rels->lines[X->parent_line[tr]]);
		} else {
			X->parent[tr] = sr == X->programme ? FROM_PROGRAMME : sr;
			X->parent_line[tr] = r;
		}
	}
	return RIPPLE_OK;
}

/* Builds the ripples, actors and place tables from the nodes. */
static int build_tables(rfx *X, ripple_csv *tables[RIPPLE_TABLE_COUNT], const attr_pair *pairs,
                        size_t npairs)
{
	static const char *const ripple_header[] = { "id", "parent", "label", "capital", "valence",
	                                             "intended", "date", "actors" };
	static const char *const actor_header[] = { "id", "label" };
	static const char *const tie_header[] = { "source", "target", "wave" };
	static const char *const place_header[] = { "name", "programme", "directed" };
	ripple_csv *nodes = X->nodes;
	ripple_csv_builder rb, ab, tb, pb;
	long c_id = ripple_csv_column(nodes, "id"), c_label = ripple_csv_column(nodes, "label");
	long c_date = ripple_csv_column(nodes, "date");
	char **names = NULL;
	int rc = RIPPLE_OK;

	if (c_label < 0)
		c_label = ripple_csv_column(nodes, "name");
	ripple_csv_builder_init(&rb, nodes->path, nodes->header_line, ripple_header, 8);
	ripple_csv_builder_init(&ab, nodes->path, nodes->header_line, actor_header, 2);
	for (size_t r = 0; r < nodes->nrows; r++) {
		const char *id = value(nodes, r, c_id), *date = value(nodes, r, c_date);
		const char *valence = "", *intended = "", *valence_from = NULL, *intended_from = NULL;
		list caps = {0}, acts = {0};
		char iso[11] = "";

		if (X->dup[r] || !*id)
			continue;
		if (*date) {
			int ok = ripple_date_from_dmy(iso, date);
			if (ok == 0)
				BAD(X->d, nodes, r, "date \"%s\" is not a date written dd/MM/yyyy "
				    "(e.g. 25/12/2024)", date);
			else if (ok < 0)
				BAD(X->d, nodes, r, "date \"%s\" does not exist", date);
		}
		for (size_t i = 0; i < npairs; i++) {
			const char *label = value(nodes, r, pairs[i].label);
			char *v = value(nodes, r, pairs[i].value);
			size_t n, max = 1;

			if (!*label && !*v)
				continue;
			if (!*label) {
				BAD(X->d, nodes, r, "attribute_value_%ld \"%s\" has no attribute_label_%ld",
				    pairs[i].n, v, pairs[i].n);
				continue;
			}
			if (!*v)
				continue;
			for (const char *s = v; *s; s++)
				max += strchr(";,|", *s) != NULL;
			char **nn = realloc(names, max * sizeof(*nn));
			if (!nn) {
				free(caps.s);
				free(acts.s);
				goto nomem;
			}
			names = nn;
			switch (attribute_kind(label)) {
			case ATTR_CAPITAL:
				n = ripple_split(v, ";,|", names, max);
				for (size_t k = 0; k < n; k++)
					list_add(&caps, strip_capital(names[k]));
				break;
			case ATTR_ACTORS:
				n = ripple_split(v, ";|", names, max);
				for (size_t k = 0; k < n; k++) {
					size_t next = X->actor_names.count, first;
					list_add(&acts, names[k]);
					if (ripple_strmap_put(&X->actor_names, names[k], next, &first) < 0) {
						acts.failed = 1;
					} else if (first == next) {          /* named for the first time */
						ripple_csv_builder_row(&ab, nodes->lines[r]);
						ripple_csv_builder_cell(&ab, names[k]);
						ripple_csv_builder_cell(&ab, names[k]);
					}
				}
				break;
			case ATTR_VALENCE:
			case ATTR_INTENDED: {
				int val = attribute_kind(label) == ATTR_VALENCE;
				const char **slot = val ? &valence : &intended;
				const char **from = val ? &valence_from : &intended_from;
				if (*from)
					BAD(X->d, nodes, r, "%s given twice (attribute \"%s\" and \"%s\")",
					    val ? "valence" : "intended", *from, label);
				*slot = v;
				*from = label;
				break;
			}
			default:
				break;   /* a ripple has no other fields: see docs/IMPORT.md */
			}
		}
		if (caps.failed || acts.failed) {
			free(caps.s);
			free(acts.s);
			goto nomem;
		}
		if (r != X->programme) {
			size_t p = X->parent[r];
			ripple_csv_builder_row(&rb, nodes->lines[r]);
			ripple_csv_builder_cell(&rb, id);
			ripple_csv_builder_cell(&rb, p == NO_PARENT || p == FROM_PROGRAMME ? ""
			                             : value(nodes, p, c_id));
			ripple_csv_builder_cell(&rb, value(nodes, r, c_label));
			ripple_csv_builder_cell(&rb, caps.s);
			ripple_csv_builder_cell(&rb, valence);
			ripple_csv_builder_cell(&rb, intended);
			ripple_csv_builder_cell(&rb, iso);
			ripple_csv_builder_cell(&rb, acts.s);
		}
		free(caps.s);
		free(acts.s);
	}
	free(names);
	names = NULL;

	ripple_csv_builder_init(&tb, X->rels->path, X->rels->header_line, tie_header, 3);
	ripple_csv_builder_init(&pb, nodes->path, nodes->header_line, place_header, 3);
	ripple_csv_builder_row(&pb, X->programme == RIPPLE_NONE ? nodes->header_line
	                                                        : nodes->lines[X->programme]);
	ripple_csv_builder_cell(&pb, "");
	ripple_csv_builder_cell(&pb, X->programme == RIPPLE_NONE ? ""
	                             : value(nodes, X->programme, c_label));
	ripple_csv_builder_cell(&pb, "no");
	if (ripple_csv_builder_finish(&tables[RIPPLE_TABLE_RIPPLES], &rb) < 0 ||
	    ripple_csv_builder_finish(&tables[RIPPLE_TABLE_ACTORS], &ab) < 0 ||
	    ripple_csv_builder_finish(&tables[RIPPLE_TABLE_TIES], &tb) < 0 ||
	    ripple_csv_builder_finish(&tables[RIPPLE_TABLE_PLACE], &pb) < 0)
		rc = RIPPLE_ENOMEM;
	/* finish releases its builder either way; the later ones are released below */
	ripple_csv_builder_release(&ab);
	ripple_csv_builder_release(&tb);
	ripple_csv_builder_release(&pb);
	return rc;
nomem:
	free(names);
	ripple_csv_builder_release(&rb);
	ripple_csv_builder_release(&ab);
	return RIPPLE_ENOMEM;
}

int ripple_ripplefx_load(ripple_place **out, const char *folder,
                         const ripple_load_options *opts, ripple_diags *diags)
{
	return ripple_export_folder_load(out, folder, "nodes.csv", "relationships.csv",
	                                 "a RippleFX folder holds nodes.csv and relationships.csv",
	                                 ripple_ripplefx_from_csv, opts, diags);
}

int ripple_ripplefx_from_csv(ripple_place **out, const char *folder, ripple_csv *nodes_csv,
                             ripple_csv *relationships, const ripple_load_options *opts,
                             ripple_diags *diags, size_t before)
{
	ripple_csv *tables[RIPPLE_TABLE_COUNT] = {0};
	size_t npairs = 0;
	attr_pair *pairs = NULL;
	rfx X = {0};
	int rc = RIPPLE_EINPUT;

	*out = NULL;
	X.d = diags;
	X.programme = RIPPLE_NONE;
	X.nodes = nodes_csv;
	X.rels = relationships;
	if (!X.nodes || !X.rels)
		goto done;
	ripple_csv *nodes = X.nodes;
	long c_id = ripple_csv_column(nodes, "id"), c_type = ripple_csv_column(nodes, "type");
	int columns_ok = 1;
	if (c_id < 0) {
		ripple_diags_add(diags, RIPPLE_EINPUT, nodes->path, nodes->header_line, 0,
		                 "missing required column \"id\"");
		columns_ok = 0;
	}
	if (ripple_csv_column(nodes, "label") < 0 && ripple_csv_column(nodes, "name") < 0) {
		ripple_diags_add(diags, RIPPLE_EINPUT, nodes->path, nodes->header_line, 0,
		                 "missing required column \"label\" (or \"name\")");
		columns_ok = 0;
	}
	if ((rc = find_pairs(&pairs, &npairs, nodes, diags)) == RIPPLE_ENOMEM)
		goto nomem;
	if (!columns_ok || rc < 0) {
		rc = RIPPLE_EINPUT;
		goto done;
	}

	X.parent = malloc((nodes->nrows + 1) * sizeof(*X.parent));
	X.parent_line = malloc((nodes->nrows + 1) * sizeof(*X.parent_line));
	X.dup = calloc(nodes->nrows + 1, sizeof(*X.dup));
	if (!X.parent || !X.parent_line || !X.dup)
		goto nomem;
	for (size_t r = 0; r < nodes->nrows; r++) {
		const char *id = value(nodes, r, c_id), *type = value(nodes, r, c_type);
		size_t first;

		X.parent[r] = NO_PARENT;
		if (!*id) {
			BAD(diags, nodes, r, "missing value for \"id\"");
			continue;
		}
		if (ripple_has_control(id)) {
			BAD(diags, nodes, r, "node id contains a control character (a tab or line break?)");
			X.dup[r] = 1;
			continue;
		}
		if (ripple_strmap_put(&X.ids, id, r, &first) < 0)
			goto nomem;
		if (first != r) {
			BAD(diags, nodes, r, "duplicate node id \"%s\" (first at line %ld)", id,
			    nodes->lines[first]);
			X.dup[r] = 1;
			continue;
		}
		if (ripple_strieq(type, "programme") || ripple_strieq(type, "program")) {
			if (X.programme != RIPPLE_NONE)
				BAD(diags, nodes, r, "a second programme node (the first is at line %ld): "
				    "the map has one centre", nodes->lines[X.programme]);
			else
				X.programme = r;
		}
	}
	if ((rc = read_relationships(&X)) == RIPPLE_ENOMEM)
		goto nomem;
	if (rc < 0)
		goto done;
	if (build_tables(&X, tables, pairs, npairs) < 0)
		goto nomem;
	rc = ripple_place_from_tables(out, folder, tables, 0, RIPPLE_PLACE_NO_ACTORS_OK, opts,
	                              diags, before);
	memset(tables, 0, sizeof(tables));
	goto done;
nomem:
	rc = ripple_diags_add(diags, RIPPLE_ENOMEM, folder, 0, 0, "out of memory");
done:
	ripple_tables_free(tables);
	free(pairs);
	free(X.parent);
	free(X.parent_line);
	free(X.dup);
	ripple_strmap_release(&X.ids);
	ripple_strmap_release(&X.actor_names);
	ripple_csv_free(X.nodes);
	ripple_csv_free(X.rels);
	return rc;
}
