/*
 * output/kumu.c - a place written as Kumu's spreadsheet (kumu.io): the
 * Elements and Connections sheets as CSV, which `ripple import --from kumu`
 * (input/kumu.c) reads back. docs/IMPORT.md gives the mapping.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "ripple.h"
#include "util.h"

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
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
