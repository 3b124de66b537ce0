/*
 * kumu.c - Kumu's spreadsheet format (kumu.io), read as a place and written
 * from one. docs/IMPORT.md gives the mapping; in short:
 *
 *   Elements sheet      ID (or Label) -> actor id, Label -> label,
 *                       Kind, or a Type that names a kind -> kind,
 *                       Sector (or a Type that is not a kind, when there is
 *                       no Sector column) -> sector, Town, Attended, Parent,
 *                       every other column -> an actor attribute
 *   Connections sheet   From, To (several To separated by '|') -> one tie each,
 *                       Wave ('|'-separated; "kumu" when there is no Wave
 *                       column), Type, Weight (or a numeric Strength),
 *                       Direction (directed, undirected, mutual), Trust and
 *                       Value as ripple reads them, every other column -> a
 *                       tie attribute
 *
 * Reading builds the tables of a place folder in memory, named after the
 * Kumu files and with their line numbers, and hands them to place.c, so a
 * problem is reported at the line of the Kumu file whichever side finds it.
 * This file checks what only it knows: element names, From and To, Direction,
 * Strength and Wave.
 */
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "place.h"
#include "util.h"

/** The wave of every tie of a Kumu map without a Wave column. */
#define KUMU_DEFAULT_WAVE "kumu"

/* Reading state. */
typedef struct kumu {
	ripple_diags *d;
	ripple_csv *el, *co;          /* the two sheets, owned until handed over */
	const char *el_name;          /* file name of the elements sheet, for messages */
	ripple_strmap keys;           /* element key (ID, else Label) -> row */
	ripple_strmap labels;         /* label -> row of an element that has an ID */
	int has_id;                   /* the Elements sheet has an ID column */
	int directed;
} kumu;

#define BAD(K, csv, row, ...) \
	ripple_diags_add((K)->d, RIPPLE_EINPUT, (csv)->path, (csv)->lines[row], 0, __VA_ARGS__)

/* The trimmed value at row, col ("" when the column is absent). */
static char *value(ripple_csv *csv, size_t row, long col)
{
	if (col < 0)
		return (char *)"";
	char **c = &csv->cells[row * csv->ncols + (size_t)col];
	*c = ripple_trim(*c);
	return *c;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The kind a Kumu Type or Kind names ("Organization" is Kumu's spelling), or NULL. */
static const char *kind_word(const char *s)
{
	if (ripple_strieq(s, "organisation") || ripple_strieq(s, "organization"))
		return "organisation";
	if (ripple_strieq(s, "team"))
		return "team";
	if (ripple_strieq(s, "person"))
		return "person";
	return NULL;
}

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* ---- Elements -> actors ------------------------------------------------- */

static const char *const element_columns[] = {
	"id", "label", "type", "kind", "sector", "town", "attended", "parent", NULL
};

static int read_elements(kumu *K, ripple_csv **actors)
{
	ripple_csv *el = K->el;
	ripple_csv_builder b;
	const char **header = NULL;
	size_t *extra = NULL, nextra = 0, ncols;
	int type_attr, rc;

	*actors = NULL;
	long c_label = ripple_csv_column(el, "label"), c_id = ripple_csv_column(el, "id");
	long c_type = ripple_csv_column(el, "type"), c_kind = ripple_csv_column(el, "kind");
	long c_sector = ripple_csv_column(el, "sector"), c_town = ripple_csv_column(el, "town");
	long c_att = ripple_csv_column(el, "attended"), c_parent = ripple_csv_column(el, "parent");
	if (c_label < 0) {
		ripple_diags_add(K->d, RIPPLE_EINPUT, el->path, el->header_line, 0,
		                 "missing required column \"Label\" (Kumu's Elements sheet starts "
		                 "with Label, or with ID then Label)");
		return RIPPLE_EINPUT;
	}
	K->has_id = c_id >= 0;
	/* Type is the kind when it names one and there is no Kind column; else the
	 * sector when there is no Sector column; else an attribute */
	type_attr = c_type >= 0 && (c_kind >= 0 || c_sector >= 0);

	extra = malloc(el->ncols * sizeof(*extra));
	header = malloc((el->ncols + 8) * sizeof(*header));
	if (!extra || !header) {
		rc = RIPPLE_ENOMEM;
		goto done;
	}
	ncols = 0;
	for (const char *const *c = (const char *const[]){ "id", "label", "kind", "parent",
	                                                    "sector", "town", "attended", NULL };
	     *c; c++)
		header[ncols++] = *c;
	if (type_attr)
		header[ncols++] = "type";
	for (size_t c = 0; c < el->ncols; c++)
		if (!in_list(el->header[c], element_columns)) {
			extra[nextra++] = c;
			header[ncols++] = el->header[c];
		}
	ripple_csv_builder_init(&b, el->path, el->header_line, header, ncols);

	for (size_t r = 0; r < el->nrows; r++) {
		const char *id = value(el, r, c_id), *label = value(el, r, c_label);
		const char *type = value(el, r, c_type), *kind = value(el, r, c_kind);
		const char *sector = value(el, r, c_sector), *key = *id ? id : label;
		const char *type_value = "";
		size_t first;

		if (!*key) {
			BAD(K, el, r, "missing value for \"Label\"%s", K->has_id ? " (and for \"ID\")" : "");
			continue;
		}
		if (ripple_strmap_put(&K->keys, key, r, &first) < 0) {
			ripple_csv_builder_release(&b);
			rc = RIPPLE_ENOMEM;
			goto done;
		}
		if (first != r) {
			int by_label = !*id && !*value(el, first, c_id);
			if (by_label)
				BAD(K, el, r, "duplicate label \"%s\" (first at line %ld): Kumu would merge the "
				    "two rows into one element; give each its own label, or add an ID column",
				    key, el->lines[first]);
			else
				BAD(K, el, r, "element \"%s\" is named twice (first at line %ld): From and To "
				    "could not tell them apart", key, el->lines[first]);
			continue;
		}
		if (*id && *label && ripple_strmap_put(&K->labels, label, r, NULL) < 0) {
			ripple_csv_builder_release(&b);
			rc = RIPPLE_ENOMEM;
			goto done;
		}
		if (c_kind >= 0) {
			if (kind_word(kind))
				kind = kind_word(kind);
			/* a Type that only repeats the kind says nothing more */
			if (*type && !(kind_word(type) && strcmp(kind_word(type), *kind ? kind : "organisation") == 0))
				type_value = type;
		} else if (kind_word(type)) {
			kind = kind_word(type);
		} else {
			type_value = type;
		}
		if (*type_value && c_sector < 0) {   /* Type stands for the sector */
			sector = type_value;
			type_value = "";
		}
		ripple_csv_builder_row(&b, el->lines[r]);
		ripple_csv_builder_cell(&b, key);
		ripple_csv_builder_cell(&b, label);
		ripple_csv_builder_cell(&b, kind);
		ripple_csv_builder_cell(&b, value(el, r, c_parent));
		ripple_csv_builder_cell(&b, sector);
		ripple_csv_builder_cell(&b, value(el, r, c_town));
		ripple_csv_builder_cell(&b, value(el, r, c_att));
		if (type_attr)
			ripple_csv_builder_cell(&b, type_value);
		for (size_t k = 0; k < nextra; k++)
			ripple_csv_builder_cell(&b, value(el, r, (long)extra[k]));
	}
	rc = ripple_csv_builder_finish(actors, &b);
done:
	free(extra);
	free(header);
	return rc;
}

/* ---- Connections -> ties ------------------------------------------------ */

/* Columns read here; any other is a tie attribute. */
static const char *const connection_columns[] = {
	"from", "to", "type", "direction", "wave", "weight", "trust", "value", NULL
};

/* 1 when s reads as a number (so a Strength column of numbers is a weight). */
static int looks_numeric(const char *s)
{
	char *end;
	double v;

	if (!*s)
		return 0;
	errno = 0;
	v = strtod(s, &end);
	return *end == '\0' && isfinite(v);
}

/* The actor an end of a connection names, or NULL after reporting it. */
static const char *resolve(kumu *K, ripple_csv *co, size_t row, const char *name,
                           const char *column)
{
	size_t r = ripple_strmap_get(&K->keys, name);

	if (r != RIPPLE_NONE)
		return name;
	r = ripple_strmap_get(&K->labels, name);
	if (r != RIPPLE_NONE)
		BAD(K, co, row, "unknown element \"%s\" in %s: the element labelled so has the ID "
		    "\"%s\", and elements with an ID are named by it", name, column,
		    value(K->el, r, ripple_csv_column(K->el, "id")));
	else
		BAD(K, co, row, "unknown element \"%s\" in %s (no row of %s has this %s)", name,
		    column, K->el_name, K->has_id ? "ID or label" : "label");
	return NULL;
}

static int read_connections(kumu *K, const ripple_load_options *opts, ripple_csv **ties)
{
	ripple_csv *co = K->co;
	ripple_csv_builder b;
	const char **header = NULL;
	char **tos = NULL, **waves = NULL;
	size_t *extra = NULL, nextra = 0, ncols = 0;
	int strength_weight = 0, ok = 1, rc;

	*ties = NULL;
	long c_from = ripple_csv_column(co, "from"), c_to = ripple_csv_column(co, "to");
	long c_type = ripple_csv_column(co, "type"), c_dir = ripple_csv_column(co, "direction");
	long c_wave = ripple_csv_column(co, "wave"), c_weight = ripple_csv_column(co, "weight");
	long c_strength = ripple_csv_column(co, "strength");
	long c_trust = ripple_csv_column(co, "trust"), c_value = ripple_csv_column(co, "value");
	for (int k = 0; k < 2; k++)
		if ((k ? c_to : c_from) < 0) {
			ripple_diags_add(K->d, RIPPLE_EINPUT, co->path, co->header_line, 0,
			                 "missing required column \"%s\" (Kumu's Connections sheet starts "
			                 "with From and To)", k ? "To" : "From");
			ok = 0;
		}
	for (size_t c = 0; c < co->ncols; c++)
		if (strcmp(co->header[c], "source") == 0 || strcmp(co->header[c], "target") == 0) {
			ripple_diags_add(K->d, RIPPLE_EINPUT, co->path, co->header_line, 0,
			                 "column \"%s\" has the name ripple gives a tie's end: rename it "
			                 "(From and To are the ends)", co->header[c]);
			ok = 0;
		}
	if (!ok)
		return RIPPLE_EINPUT;

	/* Strength is the weight when there is no Weight column and it holds numbers */
	if (c_weight < 0 && c_strength >= 0)
		for (size_t r = 0; r < co->nrows && !strength_weight; r++)
			strength_weight = looks_numeric(value(co, r, c_strength));
	/* one directed connection makes the map directed */
	K->directed = opts->directed;
	for (size_t r = 0; r < co->nrows; r++) {
		const char *dir = value(co, r, c_dir);
		if (ripple_strieq(dir, "directed"))
			K->directed = 1;
		else if (*dir && !ripple_strieq(dir, "undirected") && !ripple_strieq(dir, "mutual"))
			BAD(K, co, r, "unknown Direction \"%s\" (expected directed, undirected or mutual)", dir);
	}

	extra = malloc(co->ncols * sizeof(*extra));
	header = malloc((co->ncols + 8) * sizeof(*header));
	tos = malloc(sizeof(*tos));
	if (!extra || !header || !tos) {
		rc = RIPPLE_ENOMEM;
		goto done;
	}
	header[ncols++] = "source";
	header[ncols++] = "target";
	header[ncols++] = "wave";
	header[ncols++] = "type";
	header[ncols++] = "weight";
	if (c_trust >= 0)
		header[ncols++] = "trust";
	if (c_value >= 0)
		header[ncols++] = "value";
	for (size_t c = 0; c < co->ncols; c++)
		if (!in_list(co->header[c], connection_columns) &&
		    !(strength_weight && (long)c == c_strength)) {
			extra[nextra++] = c;
			header[ncols++] = co->header[c];
		}
	ripple_csv_builder_init(&b, co->path, co->header_line, header, ncols);

	for (size_t r = 0; r < co->nrows; r++) {
		char *from = value(co, r, c_from), *to = value(co, r, c_to);
		char *wave = c_wave >= 0 ? value(co, r, c_wave) : (char *)KUMU_DEFAULT_WAVE;
		const char *dir = value(co, r, c_dir), *weight = "", *src;
		size_t nto = 1, nwave = 1;
		int mutual = K->directed && ripple_strieq(dir, "mutual"), row_ok = 1;

		if (c_weight >= 0) {
			weight = value(co, r, c_weight);
		} else if (strength_weight) {
			double ignored;
			weight = value(co, r, c_strength);
			if (*weight && !ripple_parse_weight(weight, &ignored)) {
				BAD(K, co, r, "Strength \"%s\" is not a positive number (at most 1e12); other "
				    "rows give numbers, so Strength is read as the tie's weight", weight);
				row_ok = 0;
			}
		}
		/* --directed reads every connection From -> To, as it overrides place.csv */
		if (K->directed && !opts->directed && ripple_strieq(dir, "undirected")) {
			BAD(K, co, r, "Direction \"%s\" in a map with directed connections: a place's ties "
			    "are all directed or all undirected (write directed, or mutual for both ways, "
			    "or import with --directed to read every row From -> To)", dir);
			row_ok = 0;
		}
		for (const char *s = to; *s; s++)
			nto += *s == '|';
		for (const char *s = wave; *s; s++)
			nwave += *s == '|';
		char **nt = realloc(tos, (nto + nwave) * sizeof(*nt));
		if (!nt) {
			ripple_csv_builder_release(&b);
			rc = RIPPLE_ENOMEM;
			goto done;
		}
		tos = nt;
		waves = tos + nto;
		if (c_wave >= 0) {
			nwave = ripple_split(wave, "|", waves, nwave);
		} else {
			waves[0] = wave;
			nwave = 1;
		}
		nto = ripple_split(to, "|", tos, nto);
		if (!*from) {
			BAD(K, co, r, "missing value for \"From\"");
			row_ok = 0;
		}
		if (nto == 0) {
			BAD(K, co, r, "missing value for \"To\"");
			row_ok = 0;
		}
		if (nwave == 0) {
			BAD(K, co, r, "missing value for \"Wave\" (each connection belongs to a wave, or to "
			    "several written before|after)");
			row_ok = 0;
		}
		src = *from ? resolve(K, co, r, from, "From") : NULL;
		for (size_t i = 0; i < nto; i++) {
			const char *tgt = resolve(K, co, r, tos[i], "To");
			if (!src || !tgt || !row_ok)
				continue;
			for (size_t w = 0; w < nwave; w++)
				for (int back = 0; back <= mutual; back++) {
					ripple_csv_builder_row(&b, co->lines[r]);
					ripple_csv_builder_cell(&b, back ? tgt : src);
					ripple_csv_builder_cell(&b, back ? src : tgt);
					ripple_csv_builder_cell(&b, waves[w]);
					ripple_csv_builder_cell(&b, value(co, r, c_type));
					ripple_csv_builder_cell(&b, weight);
					if (c_trust >= 0)
						ripple_csv_builder_cell(&b, value(co, r, c_trust));
					if (c_value >= 0)
						ripple_csv_builder_cell(&b, value(co, r, c_value));
					for (size_t k = 0; k < nextra; k++)
						ripple_csv_builder_cell(&b, value(co, r, (long)extra[k]));
				}
		}
	}
	rc = ripple_csv_builder_finish(ties, &b);
done:
	free(extra);
	free(header);
	free(tos);
	return rc;
}

/* ---- the folder ---------------------------------------------------------- */

/* Finds and reads one sheet; reports it when missing. */
static void read_sheet(ripple_csv **out, const char *folder, const char *name,
                       ripple_diags *d)
{
	ripple_error err;
	char *path = NULL;
	int found = ripple_find_export_file(&path, folder, name, &err);

	*out = NULL;
	if (found < 0) {
		ripple_diags_add_error(d, &err);
	} else if (found == 0) {
		char *want = ripple_path_join(folder, name);
		ripple_diags_add(d, RIPPLE_EINPUT, want ? want : folder, 0, 0,
		                 "missing: a Kumu folder holds elements.csv and connections.csv "
		                 "(Kumu's Elements and Connections sheets saved as CSV)");
		free(want);
	} else {
		ripple_csv_read(out, path, d);
	}
	free(path);
}

int ripple_kumu_load(ripple_place **out, const char *folder, const ripple_load_options *opts,
                     ripple_diags *diags)
{
	size_t before = ripple_diags_total(diags);
	ripple_csv *el, *co;

	read_sheet(&el, folder, "elements.csv", diags);
	read_sheet(&co, folder, "connections.csv", diags);
	return ripple_kumu_from_csv(out, folder, el, co, opts, diags, before);
}

int ripple_kumu_from_csv(ripple_place **out, const char *folder, ripple_csv *elements,
                         ripple_csv *connections, const ripple_load_options *opts,
                         ripple_diags *diags, size_t before)
{
	static const ripple_load_options defaults = RIPPLE_LOAD_OPTIONS_INIT;
	static const char *const place_header[] = { "name", "programme", "directed" };
	ripple_csv *tables[RIPPLE_TABLE_COUNT] = {0};
	ripple_csv_builder b;
	kumu K = {0};
	int rc;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	K.d = diags;
	K.el = elements;
	K.co = connections;
	if (!K.el || !K.co) {
		rc = RIPPLE_EINPUT;
		goto done;
	}
	K.el_name = base_name(K.el->path);
	/* connections are checked against the elements: not without them */
	if ((rc = read_elements(&K, &tables[RIPPLE_TABLE_ACTORS])) == RIPPLE_ENOMEM)
		goto nomem;
	if (rc < 0)
		goto done;
	if ((rc = read_connections(&K, opts, &tables[RIPPLE_TABLE_TIES])) == RIPPLE_ENOMEM)
		goto nomem;
	if (rc < 0)
		goto done;
	/* the name comes from --name or the folder; direction from the connections */
	ripple_csv_builder_init(&b, K.el->path, K.el->header_line, place_header, 3);
	ripple_csv_builder_row(&b, K.el->header_line);
	ripple_csv_builder_cell(&b, "");
	ripple_csv_builder_cell(&b, "");
	ripple_csv_builder_cell(&b, K.directed ? "yes" : "no");
	if (ripple_csv_builder_finish(&tables[RIPPLE_TABLE_PLACE], &b) < 0)
		goto nomem;
	rc = ripple_place_from_tables(out, folder, tables, 0, 0, opts, diags, before);
	memset(tables, 0, sizeof(tables));   /* handed over */
	goto done;
nomem:
	rc = ripple_diags_add(diags, RIPPLE_ENOMEM, folder, 0, 0, "out of memory");
done:
	for (int t = 0; t < RIPPLE_TABLE_COUNT; t++)
		ripple_csv_free(tables[t]);
	ripple_strmap_release(&K.keys);
	ripple_strmap_release(&K.labels);
	ripple_csv_free(K.el);
	ripple_csv_free(K.co);
	return rc;
}

/* ---- writing: a place as the two sheets ---------------------------------- */

typedef struct outbuf {
	char *s;
	size_t len, cap;
	int failed;
} outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->cap + n + 1) * 2;
		char *ns = realloc(o->s, cap);
		if (!ns) {
			o->failed = 1;
			return;
		}
		o->s = ns;
		o->cap = cap;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/* One CSV field (RFC 4180), after a comma unless it is the first of its line. */
static void field(outbuf *o, const char *s, int first)
{
	if (!first)
		put(o, ",", 1);
	if (!s)
		s = "";
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && s[0] != '\t') {
		put(o, s, strlen(s));
		return;
	}
	put(o, "\"", 1);
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		put(o, s, (size_t)(q - s));
		put(o, "\"\"", 2);
	}
	put(o, s, strlen(s));
	put(o, "\"", 1);
}

/* The shortest decimal text that reads back as exactly w. */
static void format_weight(char *buf, size_t size, double w)
{
	for (int digits = 6; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, w);
		if (strtod(buf, NULL) == w)
			return;
	}
}

/* Attribute names of a place, in order of first use (actor or tie order). */
typedef struct names {
	char **v;
	size_t n;
} names;

static void names_release(names *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
	nm->v = NULL;
	nm->n = 0;
}

/* Runs sql (one integer parameter, the place) and keeps the first column of each row. */
static int query_names(names *out, sqlite3 *db, const char *sql, int64_t place_id,
                       ripple_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return ripple_db_fail(db, err);
	sqlite3_bind_int64(st, 1, place_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			char **v = realloc(out->v, cap * sizeof(*v));
			if (!v)
				goto nomem;
			out->v = v;
		}
		if (!(out->v[out->n] = ripple_column_dup(st, 0)))
			goto nomem;
		out->n++;
	}
	if (rc != SQLITE_DONE) {
		rc = ripple_db_fail(db, err);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	return RIPPLE_OK;
nomem:
	sqlite3_finalize(st);
	return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
}

static long name_index(const names *nm, const char *name)
{
	for (size_t i = 0; i < nm->n; i++)
		if (strcmp(nm->v[i], name) == 0)
			return (long)i;
	return -1;
}

/*
 * Writes one row per entity (actor or tie): `fixed` columns from the main
 * query, then one per attribute name, filled from the attribute query, whose
 * rows (entity key, name, value) come in the main query's entity order.
 */
typedef struct sheet {
	outbuf *o;
	sqlite3_stmt *attrs;       /* key, name, value; ordered like the rows */
	int attr_row;              /* attrs holds an unread row */
	const names *attr_names;
	long skip_attr;            /* attribute written among the fixed columns, or -1 */
} sheet;

static int write_attrs(sheet *sh, int64_t key, char **vals, ripple_error *err)
{
	sqlite3 *db = sqlite3_db_handle(sh->attrs);

	for (size_t i = 0; i < sh->attr_names->n; i++)
		vals[i] = NULL;
	while (sh->attr_row && sqlite3_column_int64(sh->attrs, 0) == key) {
		long i = name_index(sh->attr_names, (const char *)sqlite3_column_text(sh->attrs, 1));
		if (i >= 0 && !(vals[i] = ripple_column_dup(sh->attrs, 2)))
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		int rc = sqlite3_step(sh->attrs);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return ripple_db_fail(db, err);
		sh->attr_row = rc == SQLITE_ROW;
	}
	return RIPPLE_OK;
}

static void free_vals(char **vals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(vals[i]);
		vals[i] = NULL;
	}
}

static int write_elements(outbuf *o, sqlite3 *db, int64_t place_id, ripple_error *err)
{
	static const char *const sql =
		"SELECT a.actor_id, a.code, a.label, a.kind, coalesce(a.sector, ''), "
		"coalesce(a.town, ''), a.attended, coalesce(p.code, '') "
		"FROM actor a LEFT JOIN actor p ON p.actor_id = a.parent_id "
		"WHERE a.place_id = ?1 ORDER BY a.actor_id";
	static const char *const attr_sql =
		"SELECT t.actor_id, t.name, t.value FROM actor_attribute t JOIN actor a USING (actor_id) "
		"WHERE a.place_id = ?1 ORDER BY t.actor_id";
	static const char *const names_sql =
		"SELECT t.name FROM actor_attribute t JOIN actor a USING (actor_id) "
		"WHERE a.place_id = ?1 GROUP BY t.name ORDER BY min(t.actor_id), t.name";
	sqlite3_stmt *st = NULL;
	names nm = {0};
	sheet sh = { o, NULL, 0, &nm, -1 };
	char **vals = NULL;
	int rc;

	if ((rc = query_names(&nm, db, names_sql, place_id, err)) < 0)
		goto done;
	sh.skip_attr = name_index(&nm, "type");
	if (!(vals = calloc(nm.n + 1, sizeof(*vals)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, attr_sql, -1, &sh.attrs, NULL) != SQLITE_OK) {
		rc = ripple_db_fail(db, err);
		goto done;
	}
	sqlite3_bind_int64(st, 1, place_id);
	sqlite3_bind_int64(sh.attrs, 1, place_id);
	sh.attr_row = sqlite3_step(sh.attrs) == SQLITE_ROW;

	field(o, "ID", 1);
	for (const char *const *c = (const char *const[]){ "Label", "Type", "Kind", "Sector", "Town",
	                                                    "Attended", "Parent", NULL }; *c; c++)
		field(o, *c, 0);
	for (size_t i = 0; i < nm.n; i++)
		if ((long)i != sh.skip_attr)
			field(o, nm.v[i], 0);
	put(o, "\n", 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 1);
		const char *kind = (const char *)sqlite3_column_text(st, 3);
		if (strchr(code, '|')) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
			                      "actor id \"%s\" holds '|', which Kumu reads as a list: "
			                      "it cannot be written to Kumu", code);
			goto done;
		}
		if ((rc = write_attrs(&sh, sqlite3_column_int64(st, 0), vals, err)) < 0)
			goto done;
		field(o, code, 1);
		field(o, (const char *)sqlite3_column_text(st, 2), 0);
		/* Type: the actor's own "type" attribute, else its kind (what Kumu colours by) */
		field(o, sh.skip_attr >= 0 && vals[sh.skip_attr] ? vals[sh.skip_attr] : kind, 0);
		field(o, kind, 0);
		field(o, (const char *)sqlite3_column_text(st, 4), 0);
		field(o, (const char *)sqlite3_column_text(st, 5), 0);
		field(o, sqlite3_column_type(st, 6) == SQLITE_NULL ? ""
		         : sqlite3_column_int(st, 6) ? "yes" : "no", 0);
		field(o, (const char *)sqlite3_column_text(st, 7), 0);
		for (size_t i = 0; i < nm.n; i++)
			if ((long)i != sh.skip_attr)
				field(o, vals[i], 0);
		put(o, "\n", 1);
		free_vals(vals, nm.n);
	}
	rc = rc == SQLITE_DONE ? RIPPLE_OK : ripple_db_fail(db, err);
done:
	if (vals)
		free_vals(vals, nm.n);
	free(vals);
	sqlite3_finalize(st);
	sqlite3_finalize(sh.attrs);
	names_release(&nm);
	return rc;
}

static int write_connections(outbuf *o, sqlite3 *db, int64_t place_id, int directed,
                             ripple_error *err)
{
	static const char *const sql =
		"SELECT t.tie_id, s.code, g.code, w.name, t.type, t.weight "
		"FROM tie t JOIN wave w USING (wave_id) "
		"JOIN actor s ON s.actor_id = t.source_id JOIN actor g ON g.actor_id = t.target_id "
		"WHERE w.place_id = ?1 ORDER BY w.ordinal, t.tie_id";
	static const char *const attr_sql =
		"SELECT a.tie_id, a.name, a.value FROM tie_attribute a JOIN tie t USING (tie_id) "
		"JOIN wave w USING (wave_id) WHERE w.place_id = ?1 ORDER BY w.ordinal, a.tie_id";
	static const char *const names_sql =
		"SELECT a.name FROM tie_attribute a JOIN tie t USING (tie_id) JOIN wave w USING (wave_id) "
		"WHERE w.place_id = ?1 GROUP BY a.name ORDER BY min(a.tie_id), a.name";
	static const char *const kumu_columns[] = { "from", "to", "direction", NULL };
	sqlite3_stmt *st = NULL;
	names nm = {0};
	sheet sh = { o, NULL, 0, &nm, -1 };
	char **vals = NULL, weight[64];
	int rc;

	if ((rc = query_names(&nm, db, names_sql, place_id, err)) < 0)
		goto done;
	for (size_t i = 0; i < nm.n; i++)
		if (in_list(nm.v[i], kumu_columns)) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
			                      "tie attribute \"%s\" has the name of a column Kumu reads: "
			                      "rename it before writing to Kumu", nm.v[i]);
			goto done;
		}
	if (!(vals = calloc(nm.n + 1, sizeof(*vals)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, attr_sql, -1, &sh.attrs, NULL) != SQLITE_OK) {
		rc = ripple_db_fail(db, err);
		goto done;
	}
	sqlite3_bind_int64(st, 1, place_id);
	sqlite3_bind_int64(sh.attrs, 1, place_id);
	sh.attr_row = sqlite3_step(sh.attrs) == SQLITE_ROW;

	field(o, "From", 1);
	for (const char *const *c = (const char *const[]){ "To", "Type", "Direction", "Wave",
	                                                    "Weight", NULL }; *c; c++)
		field(o, *c, 0);
	for (size_t i = 0; i < nm.n; i++)
		field(o, nm.v[i], 0);
	put(o, "\n", 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *wave = (const char *)sqlite3_column_text(st, 3);
		if (strchr(wave, '|')) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
			                      "wave \"%s\" holds '|', which Kumu reads as a list: "
			                      "it cannot be written to Kumu", wave);
			goto done;
		}
		if ((rc = write_attrs(&sh, sqlite3_column_int64(st, 0), vals, err)) < 0)
			goto done;
		format_weight(weight, sizeof(weight), sqlite3_column_double(st, 5));
		field(o, (const char *)sqlite3_column_text(st, 1), 1);
		field(o, (const char *)sqlite3_column_text(st, 2), 0);
		field(o, (const char *)sqlite3_column_text(st, 4), 0);
		field(o, directed ? "directed" : "undirected", 0);
		field(o, wave, 0);
		field(o, weight, 0);
		for (size_t i = 0; i < nm.n; i++)
			field(o, vals[i], 0);
		put(o, "\n", 1);
		free_vals(vals, nm.n);
	}
	rc = rc == SQLITE_DONE ? RIPPLE_OK : ripple_db_fail(db, err);
done:
	if (vals)
		free_vals(vals, nm.n);
	free(vals);
	sqlite3_finalize(st);
	sqlite3_finalize(sh.attrs);
	names_release(&nm);
	return rc;
}

int ripple_kumu_write(char **elements, size_t *elements_len, char **connections,
                      size_t *connections_len, ripple_store *store, int64_t place_id,
                      ripple_error *err)
{
	sqlite3 *db = ripple_store_db(store);
	sqlite3_stmt *st = NULL;
	outbuf e = {0}, c = {0};
	int directed, rc;

	*elements = *connections = NULL;
	*elements_len = *connections_len = 0;
	if (sqlite3_prepare_v2(db, "SELECT directed, EXISTS (SELECT 1 FROM actor WHERE place_id = ?1) "
	                       "FROM place WHERE place_id = ?1", -1, &st, NULL) != SQLITE_OK)
		return ripple_db_fail(db, err);
	sqlite3_bind_int64(st, 1, place_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? ripple_error_set(err, RIPPLE_ENOTFOUND, "", 0, 0,
		                                          "no place with id %lld", (long long)place_id)
		                       : ripple_db_fail(db, err);
		sqlite3_finalize(st);
		return rc;
	}
	directed = sqlite3_column_int(st, 0);
	rc = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	/* a RippleFX import may have none; Kumu would read back nothing, refused */
	if (!rc)
		return ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
		                        "the place has no actors to write for Kumu");
	/* one snapshot: an import running meanwhile cannot split the two sheets */
	if (sqlite3_exec(db, "SAVEPOINT kumu_write", NULL, NULL, NULL) != SQLITE_OK)
		return ripple_db_fail(db, err);
	if ((rc = write_elements(&e, db, place_id, err)) < 0 ||
	    (rc = write_connections(&c, db, place_id, directed, err)) < 0)
		goto done;
	if (e.failed || c.failed) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	*elements = e.s;
	*elements_len = e.len;
	*connections = c.s;
	*connections_len = c.len;
	e.s = c.s = NULL;
done:
	sqlite3_exec(db, "RELEASE kumu_write", NULL, NULL, NULL);
	free(e.s);
	free(c.s);
	return rc;
}

int ripple_make_folder(const char *folder, ripple_error *err)
{
	if (ripple_is_dir(folder) || mkdir(folder, 0777) == 0)
		return RIPPLE_OK;
	return ripple_error_set(err, errno == EEXIST ? RIPPLE_EINPUT : RIPPLE_ERUNTIME, folder,
	                        0, 0, "cannot make the folder: %s",
	                        errno == EEXIST ? "a file has that name" : strerror(errno));
}

int ripple_kumu_export(ripple_store *store, int64_t place_id, const char *folder,
                       ripple_error *err)
{
	char *el = NULL, *co = NULL;
	size_t el_len, co_len;
	int rc;

	if ((rc = ripple_kumu_write(&el, &el_len, &co, &co_len, store, place_id, err)) < 0)
		return rc;
	if ((rc = ripple_make_folder(folder, err)) < 0)
		goto done;
	if ((rc = ripple_write_whole(folder, "elements.csv", el, el_len, err)) < 0 ||
	    (rc = ripple_write_whole(folder, "connections.csv", co, co_len, err)) < 0)
		goto done;
done:
	free(el);
	free(co);
	return rc;
}
