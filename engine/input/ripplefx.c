/*
 * input/ripplefx.c - RippleFX's two CSV files (a nodes file and a
 * relationships file) read as a place; output/ripplefx.c writes them.
 *
 * The format is RippleFX's own (github.com/prgarnett/RippleFX, README.md and
 * DotMakeNodes.readTheNodesFile / readTheRelsFile); docs/IMPORT.md quotes the
 * lines this reading follows and names every choice. In short:
 *
 *   nodes          `type` (a Graphviz shape) and pairs attribute_label_N /
 *                  value_N. A pair with an empty label or value is nothing.
 *                  `name` is the node's label and key (a node without one is
 *                  skipped, as RippleFX skips it); `date` is dd/MM/yyyy.
 *                  ripple's own labels (any case): `kind` (programme, ripple,
 *                  organisation, team, person; default ripple), `id`, `label`
 *                  (the exact label when the name had to differ), `capital`,
 *                  `valence`, `intended`. Anything else (Graphviz attributes,
 *                  tooltip lines) is not kept.
 *   relationships  `match id 1` -> `match id 2`, by name. programme -> ripple:
 *                  a first-order ripple; ripple -> ripple: the parent (one
 *                  only: a second is refused, a ripple map is a tree);
 *                  ripple -- actor (either way): the ripple names the actor;
 *                  actor -- programme: the actor attended; actor -> actor: a
 *                  tie of the one wave "map".
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
	static const int width[3] = { 2, 2, 4 };
	int part[3] = { 0, 0, 0 };
	const char *p = s;

	iso[0] = '\0';
	/* exactly dd/MM/yyyy, as DateTimeFormatter.ofPattern("dd/MM/yyyy") reads */
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < width[k]; i++, p++) {
			if (*p < '0' || *p > '9')
				return 0;
			part[k] = part[k] * 10 + (*p - '0');
		}
		if (k < 2 && *p++ != '/')
			return 0;
	}
	if (*p)
		return 0;
	int d = part[0], m = part[1], y = part[2];
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return -1;
	snprintf(iso, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return 1;
}

/* What a node stands for. */
enum role { ROLE_RIPPLE, ROLE_PROGRAMME, ROLE_ACTOR };

/* One node row, as read. Strings point into the nodes table. */
typedef struct node {
	int skipped;            /* no name: RippleFX skips it, so does ripple */
	enum role role;
	const char *name, *id, *label, *kind, *capital, *valence, *intended, *notes;
	char date[11];          /* ISO, "" when none */
	size_t parent;          /* ripple parent: node row, RIPPLE_NONE, or FROM_PROGRAMME */
	long parent_line;       /* line of the relationship that set it */
	int attended;
	char *actors;           /* ';'-joined actor ids the ripple names (malloc'd) */
} node;

#define FROM_PROGRAMME (RIPPLE_NONE - 1)

/* N when name is prefix followed by a whole number (at most 100000), else -1. */
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

/* One attribute_label_N / value_N pair of columns. */
typedef struct attr_pair {
	long n, label, value;   /* columns, value -1 when missing */
} attr_pair;

static int pair_cmp(const void *a, const void *b)
{
	const attr_pair *x = a, *y = b;
	return (x->n > y->n) - (x->n < y->n);
}

/*
 * The attribute pairs of a header, in order of N (RippleFX reads N = 1 up to
 * the largest attribute_label_N). A label column without its value_N column
 * is refused: RippleFX would read every such attribute as empty, i.e. drop it.
 */
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
		if (num < 0)
			continue;
		v[n++] = (attr_pair){ num, (long)c, -1 };
	}
	qsort(v, n, sizeof(*v), pair_cmp);
	for (size_t i = 0; i < n; i++) {
		char want[40];
		snprintf(want, sizeof(want), "value_%ld", v[i].n);
		if ((v[i].value = ripple_csv_column(csv, want)) < 0) {
			ripple_diags_add(d, RIPPLE_EINPUT, csv->path, csv->header_line, 0,
			                 "attribute_label_%ld has no value_%ld column", v[i].n, v[i].n);
			ok = 0;
		}
	}
	*out = v;
	*count = n;
	return ok ? RIPPLE_OK : RIPPLE_EINPUT;
}

/* Appends ";item" (or "item") to *s; -1 when out of memory. */
static int list_add(char **s, const char *item)
{
	size_t len = *s ? strlen(*s) : 0, n = strlen(item);
	char *t = realloc(*s, len + n + 2);

	if (!t)
		return -1;
	if (len)
		t[len++] = ';';
	memcpy(t + len, item, n + 1);
	*s = t;
	return 0;
}

/* 1 when the ';'-list holds item. */
static int list_has(const char *s, const char *item)
{
	size_t n = strlen(item);

	for (const char *p = s; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
		if (strncmp(p, item, n) == 0 && (p[n] == ';' || !p[n]))
			return 1;
	return 0;
}

/* "Social capital; Human" -> "Social; Human", in place; capitals are checked by place.c. */
static char *capitals(char *s)
{
	char *w = s;

	for (char *tok = s; *tok;) {
		size_t n = strcspn(tok, ";,|"), k = strlen(" capital");
		char sep = tok[n];
		tok[n] = '\0';
		char *t = ripple_trim(tok);
		size_t tn = strlen(t);
		if (tn > k && ripple_strieq(t + tn - k, " capital")) {
			t[tn - k] = '\0';
			t = ripple_trim(t);
		}
		if (*t) {
			if (w != s)
				*w++ = ';';
			memmove(w, t, strlen(t));
			w += strlen(t);
		}
		if (!sep)
			break;
		tok += n + 1;
	}
	*w = '\0';
	return s;
}

/* Reading state. */
typedef struct rfx {
	ripple_diags *d;
	ripple_csv *nodes, *rels;
	node *v;                /* per node row */
	ripple_strmap names;    /* name -> node row */
	size_t programme;       /* node row, or RIPPLE_NONE */
} rfx;

/* Sets *slot to value unless it was given already in this row. */
static void once(rfx *X, size_t r, const char **slot, const char *label, const char *value)
{
	if (*slot)
		BAD(X->d, X->nodes, r, "attribute \"%s\" given twice", label);
	else
		*slot = value;
}

/* Reads the attribute pairs of every node. */
static int read_nodes(rfx *X, const attr_pair *pairs, size_t npairs)
{
	ripple_csv *nodes = X->nodes;

	for (size_t r = 0; r < nodes->nrows; r++) {
		node *x = &X->v[r];
		const char *date = NULL;
		size_t first;

		x->parent = RIPPLE_NONE;
		for (size_t i = 0; i < npairs; i++) {
			const char *label = ripple_csv_trimmed(nodes, r, pairs[i].label);
			char *value = ripple_csv_trimmed(nodes, r, pairs[i].value);

			/* RippleFX: if (attrLabel.isEmpty() || attrValue.isEmpty()) continue; */
			if (!*label || !*value)
				continue;
			if (strcmp(label, "name") == 0)          /* RippleFX's labels: as written */
				once(X, r, &x->name, label, value);
			else if (strcmp(label, "date") == 0)
				once(X, r, &date, label, value);
			else if (ripple_strieq(label, "kind"))
				once(X, r, &x->kind, label, value);
			else if (ripple_strieq(label, "id"))
				once(X, r, &x->id, label, value);
			else if (ripple_strieq(label, "label"))
				once(X, r, &x->label, label, value);
			else if (ripple_strieq(label, "capital") || ripple_strieq(label, "capitals") ||
			         ripple_strieq(label, "community capital") ||
			         ripple_strieq(label, "community capitals"))
				once(X, r, &x->capital, label, capitals(value));
			else if (ripple_strieq(label, "valence"))
				once(X, r, &x->valence, label, value);
			else if (ripple_strieq(label, "intended"))
				once(X, r, &x->intended, label, value);
			else if (ripple_strieq(label, "notes"))   /* a ripple's notes; ignored elsewhere */
				once(X, r, &x->notes, label, value);
			/* anything else: a Graphviz attribute or a tooltip line in RippleFX, not kept */
		}
		if (!x->name) {
			x->skipped = 1;
			continue;
		}
		if (ripple_strmap_put(&X->names, x->name, r, &first) < 0)
			return RIPPLE_ENOMEM;
		if (first != r) {   /* RippleFX's nameToId keeps the last: links would move */
			BAD(X->d, nodes, r, "duplicate name \"%s\" (first at line %ld): RippleFX "
			    "links relationships by name", x->name, nodes->lines[first]);
			x->skipped = 1;
			continue;
		}
		if (!x->id)
			x->id = x->name;
		if (!x->label)
			x->label = x->name;
		if (!x->kind || ripple_strieq(x->kind, "ripple")) {
			x->role = ROLE_RIPPLE;
		} else if (ripple_strieq(x->kind, "programme") || ripple_strieq(x->kind, "program")) {
			x->role = ROLE_PROGRAMME;
			if (X->programme != RIPPLE_NONE)
				BAD(X->d, nodes, r, "a second programme node (the first is at line %ld): "
				    "the map has one centre", nodes->lines[X->programme]);
			else
				X->programme = r;
		} else if (!ripple_strieq(x->kind, "organisation") && !ripple_strieq(x->kind, "team") &&
		           !ripple_strieq(x->kind, "person")) {
			BAD(X->d, nodes, r, "unknown kind \"%s\" (expected ripple, programme, organisation, "
			    "team or person)", x->kind);
			x->skipped = 1;
			continue;
		} else {
			x->role = ROLE_ACTOR;
		}
		if (date) {
			int ok = ripple_date_from_dmy(x->date, date);
			if (ok == 0)
				BAD(X->d, nodes, r, "date \"%s\" is not a date written dd/MM/yyyy "
				    "(e.g. 25/12/2024)", date);
			else if (ok < 0)
				BAD(X->d, nodes, r, "date \"%s\" does not exist", date);
		}
	}
	return RIPPLE_OK;
}

/* Reads the relationships; actor -> actor ones go to the ties builder. */
static int read_relationships(rfx *X, ripple_csv_builder *ties)
{
	ripple_csv *rels = X->rels, *nodes = X->nodes;
	long c1 = ripple_csv_column(rels, "match id 1"), c2 = ripple_csv_column(rels, "match id 2");
	const char *nodes_name = strrchr(nodes->path, '/') ? strrchr(nodes->path, '/') + 1
	                                                   : nodes->path;

	if (c1 < 0 || c2 < 0) {
		for (int k = 0; k < 2; k++)
			if ((k ? c2 : c1) < 0)
				ripple_diags_add(X->d, RIPPLE_EINPUT, rels->path, rels->header_line, 0,
				                 "missing required column \"match id %d\" (the name of the "
				                 "%s node)", k + 1, k ? "second" : "first");
		return RIPPLE_EINPUT;
	}
	for (size_t e = 0; e < rels->nrows; e++) {
		const char *s = ripple_csv_trimmed(rels, e, c1), *t = ripple_csv_trimmed(rels, e, c2);
		size_t a = RIPPLE_NONE, b = RIPPLE_NONE;

		if (!*s)
			BAD(X->d, rels, e, "missing value for \"match id 1\"");
		else if ((a = ripple_strmap_get(&X->names, s)) == RIPPLE_NONE)
			BAD(X->d, rels, e, "unknown node \"%s\" (no node of %s has this name)", s,
			    nodes_name);
		if (!*t)
			BAD(X->d, rels, e, "missing value for \"match id 2\"");
		else if ((b = ripple_strmap_get(&X->names, t)) == RIPPLE_NONE)
			BAD(X->d, rels, e, "unknown node \"%s\" (no node of %s has this name)", t,
			    nodes_name);
		if (a == RIPPLE_NONE || b == RIPPLE_NONE || X->v[a].skipped || X->v[b].skipped)
			continue;   /* reported, or a node refused (reported at its line) */
		node *x = &X->v[a], *y = &X->v[b];
		if (a == b) {
			BAD(X->d, rels, e, "relationship from \"%s\" to itself", s);
		} else if (y->role == ROLE_RIPPLE && x->role != ROLE_ACTOR) {
			if (y->parent != RIPPLE_NONE)
				BAD(X->d, rels, e, "\"%s\" already grew from \"%s\" (line %ld): a ripple map "
				    "is a tree, each ripple has one parent", t,
				    y->parent == FROM_PROGRAMME ? X->v[X->programme].name
				                                : X->v[y->parent].name, y->parent_line);
			else {
				y->parent = x->role == ROLE_PROGRAMME ? FROM_PROGRAMME : a;
				y->parent_line = rels->lines[e];
			}
		} else if (y->role == ROLE_PROGRAMME && x->role == ROLE_RIPPLE) {
			BAD(X->d, rels, e, "the programme \"%s\" is the centre of the map: it cannot grow "
			    "from \"%s\"", t, s);
		} else if (x->role == ROLE_ACTOR && y->role == ROLE_ACTOR) {
			ripple_csv_builder_row(ties, rels->lines[e]);
			ripple_csv_builder_cell(ties, x->id);
			ripple_csv_builder_cell(ties, y->id);
			ripple_csv_builder_cell(ties, "map");
		} else if (x->role == ROLE_ACTOR || y->role == ROLE_ACTOR) {
			node *actor = x->role == ROLE_ACTOR ? x : y, *other = actor == x ? y : x;
			if (other->role == ROLE_PROGRAMME)
				actor->attended = 1;
			else if (strchr(actor->id, ';'))
				/* ripples.csv lists a ripple's actors ';'-separated: such an id
				 * can be an actor's, but no ripple can name it */
				BAD(X->d, rels, e, "ripple \"%s\" names actor \"%s\", whose id holds ';', "
				    "which separates the actors of a ripple: give the actor an id attribute "
				    "without one", other->name, actor->id);
			else if (!list_has(other->actors, actor->id) && list_add(&other->actors, actor->id) < 0)
				return RIPPLE_ENOMEM;
		}
	}
	return RIPPLE_OK;
}

/* Builds the ripples, actors and place tables from the nodes. */
static int build_tables(rfx *X, ripple_csv *tables[RIPPLE_TABLE_COUNT])
{
	static const char *const ripple_header[] = { "id", "parent", "label", "capital", "valence",
	                                             "intended", "date", "actors", "notes" };
	static const char *const actor_header[] = { "id", "label", "kind", "attended" };
	static const char *const place_header[] = { "name", "programme", "directed" };
	ripple_csv *nodes = X->nodes;
	ripple_csv_builder rb, ab, pb;
	int rc = RIPPLE_OK;

	ripple_csv_builder_init(&rb, nodes->path, nodes->header_line, ripple_header, 9);
	ripple_csv_builder_init(&ab, nodes->path, nodes->header_line, actor_header, 4);
	ripple_csv_builder_init(&pb, nodes->path, nodes->header_line, place_header, 3);
	for (size_t r = 0; r < nodes->nrows; r++) {
		const node *x = &X->v[r];
		if (x->skipped)
			continue;
		if (x->role == ROLE_ACTOR) {
			ripple_csv_builder_row(&ab, nodes->lines[r]);
			ripple_csv_builder_cell(&ab, x->id);
			ripple_csv_builder_cell(&ab, x->label);
			ripple_csv_builder_cell(&ab, x->kind);
			ripple_csv_builder_cell(&ab, x->attended ? "yes" : "");
		} else if (x->role == ROLE_RIPPLE) {
			size_t p = x->parent;
			ripple_csv_builder_row(&rb, nodes->lines[r]);
			ripple_csv_builder_cell(&rb, x->id);
			ripple_csv_builder_cell(&rb, p == RIPPLE_NONE || p == FROM_PROGRAMME ? ""
			                             : X->v[p].id);
			ripple_csv_builder_cell(&rb, x->label);
			ripple_csv_builder_cell(&rb, x->capital);
			ripple_csv_builder_cell(&rb, x->valence);
			ripple_csv_builder_cell(&rb, x->intended);
			ripple_csv_builder_cell(&rb, x->date);
			ripple_csv_builder_cell(&rb, x->actors);
			ripple_csv_builder_cell(&rb, x->notes);
		}
	}
	ripple_csv_builder_row(&pb, X->programme == RIPPLE_NONE ? nodes->header_line
	                                                        : nodes->lines[X->programme]);
	ripple_csv_builder_cell(&pb, "");
	ripple_csv_builder_cell(&pb, X->programme == RIPPLE_NONE ? "" : X->v[X->programme].label);
	ripple_csv_builder_cell(&pb, "no");
	if (ripple_csv_builder_finish(&tables[RIPPLE_TABLE_RIPPLES], &rb) < 0 ||
	    ripple_csv_builder_finish(&tables[RIPPLE_TABLE_ACTORS], &ab) < 0 ||
	    ripple_csv_builder_finish(&tables[RIPPLE_TABLE_PLACE], &pb) < 0)
		rc = RIPPLE_ENOMEM;
	/* finish releases its builder either way; the later ones are released here */
	ripple_csv_builder_release(&ab);
	ripple_csv_builder_release(&pb);
	return rc;
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
	static const char *const tie_header[] = { "source", "target", "wave" };
	ripple_csv *tables[RIPPLE_TABLE_COUNT] = {0};
	ripple_csv_builder tb;
	size_t npairs = 0;
	attr_pair *pairs = NULL;
	rfx X = {0};
	int rc = RIPPLE_EINPUT, tb_live = 0;

	*out = NULL;
	X.d = diags;
	X.programme = RIPPLE_NONE;
	X.nodes = nodes_csv;
	X.rels = relationships;
	if (!X.nodes || !X.rels)
		goto done;
	if ((rc = find_pairs(&pairs, &npairs, X.nodes, diags)) == RIPPLE_ENOMEM)
		goto nomem;
	if (rc < 0)
		goto done;
	if (!(X.v = calloc(X.nodes->nrows + 1, sizeof(*X.v))))
		goto nomem;
	if (read_nodes(&X, pairs, npairs) < 0)
		goto nomem;
	ripple_csv_builder_init(&tb, X.rels->path, X.rels->header_line, tie_header, 3);
	tb_live = 1;
	if ((rc = read_relationships(&X, &tb)) == RIPPLE_ENOMEM)
		goto nomem;
	if (rc < 0)
		goto done;
	tb_live = 0;
	if (ripple_csv_builder_finish(&tables[RIPPLE_TABLE_TIES], &tb) < 0 ||
	    build_tables(&X, tables) < 0)
		goto nomem;
	rc = ripple_place_from_tables(out, folder, tables, 0, RIPPLE_PLACE_NO_ACTORS_OK, opts,
	                              diags, before);
	memset(tables, 0, sizeof(tables));
	goto done;
nomem:
	rc = ripple_diags_add(diags, RIPPLE_ENOMEM, folder, 0, 0, "out of memory");
done:
	if (tb_live)
		ripple_csv_builder_release(&tb);
	ripple_tables_free(tables);
	free(pairs);
	for (size_t r = 0; X.v && r < X.nodes->nrows; r++)
		free(X.v[r].actors);
	free(X.v);
	ripple_strmap_release(&X.names);
	ripple_csv_free(X.nodes);
	ripple_csv_free(X.rels);
	return rc;
}
