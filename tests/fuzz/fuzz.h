/*
 * fuzz.h - what the fuzz harnesses (tests/fuzz/fuzz_*.c) share.
 *
 * Each harness defines LLVMFuzzerTestOneInput and is linked either with
 * libFuzzer (clang -fsanitize=fuzzer: `make fuzz`) or with replay.c, a main()
 * that feeds it files (gcc + ASan: `make test` replays the seeds and every
 * regression without clang).
 *
 * A folder of CSV files travels as one input: sections separated by NUL
 * bytes, each starting with one byte that names its file (fuzz_place.c and
 * fuzz_convert.c list them). The CSV reader refuses NUL bytes, so a NUL never
 * belongs to a file and the split loses nothing. A later section with the same
 * tag replaces an earlier one; a section with an unknown tag is ignored.
 * tests/fuzz/seeds.sh packs the bundled folders this way.
 *
 * A harness aborts (a crash the fuzzer keeps) when the engine breaks one of
 * its promises, not only on memory errors: see each harness's oracle.
 */
#ifndef RIPPLE_FUZZ_H
#define RIPPLE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "input/place.h"
#include "ripple.h"
#include "store_private.h" /* ripple_store_db */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** One file of a packed folder: bytes borrowed from the input. */
typedef struct fuzz_section {
	const char *data;   /* NULL: no such section */
	size_t len;
} fuzz_section;

/*
 * Splits data into sections by tag: sec[i] is the last section whose tag is
 * tags[i] (strlen(tags) entries). Returns the tag of the first section that
 * has a known tag, or 0 when none has.
 */
static inline char fuzz_split(fuzz_section *sec, const char *tags, const uint8_t *data,
                              size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char first = 0;

	memset(sec, 0, strlen(tags) * sizeof(*sec));
	while (p < end) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		const char *stop = nul ? nul : end;
		const char *t = p < stop ? strchr(tags, *p) : NULL;
		if (t) {
			sec[t - tags].data = p + 1;
			sec[t - tags].len = (size_t)(stop - p - 1);
			if (!first)
				first = *p;
		}
		p = stop + 1;
	}
	return first;
}

/*
 * Reads a section as ripple_place_load reads a file: a CSV table, or NULL
 * with the problem in diags (also when the section is missing and required).
 */
static inline ripple_csv *fuzz_table(const fuzz_section *sec, const char *path, int required,
                                     ripple_diags *diags)
{
	ripple_csv *csv = NULL;

	if (sec->data)
		ripple_csv_parse(&csv, path, sec->data, sec->len, diags);
	else if (required)
		ripple_diags_add(diags, RIPPLE_EINPUT, path, 0, 0, "missing");
	return csv;
}

/* FUZZ_VERBOSE=1 in the environment: the problems an input has, on stderr. */
static inline void fuzz_show(const ripple_diags *diags)
{
	static int verbose = -1;
	char buf[2048];

	if (verbose < 0)
		verbose = getenv("FUZZ_VERBOSE") != NULL;
	for (size_t i = 0; verbose && i < diags->count; i++) {
		ripple_error_format(&diags->items[i], buf, sizeof(buf));
		fprintf(stderr, "  %s\n", buf);
	}
}

/* A broken promise: says which and aborts, so the fuzzer keeps the input. */
#define FUZZ_ASSERT(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} \
} while (0)

/* Rows of table that belong to place place_id. */
static inline long fuzz_count(ripple_store *store, const char *sql, int64_t place_id)
{
	sqlite3_stmt *st = NULL;
	long n = -1;

	if (sqlite3_prepare_v2(ripple_store_db(store), sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, place_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

/*
 * Every fact of a place a Kumu round trip keeps (docs/IMPORT.md), one sorted
 * line each: direction (when there are ties), waves that have ties (by rank:
 * ordinals are renumbered), actors, actor attributes (but a "type" that only
 * names the actor's kind), ties with their attributes. As
 * tests/unit/test_convert.c's dump, less what Kumu has no room for.
 */
static const char fuzz_kumu_facts[] =
	"SELECT 'directed ' || directed FROM place WHERE place_id = ?1 "
	"  AND EXISTS (SELECT 1 FROM tie JOIN wave USING (wave_id) WHERE place_id = ?1) "
	"UNION ALL SELECT 'wave ' || name || ' ' || (SELECT count(*) FROM wave v WHERE v.place_id = ?1 "
	"  AND v.ordinal <= w.ordinal AND EXISTS (SELECT 1 FROM tie WHERE tie.wave_id = v.wave_id)) "
	"  FROM wave w WHERE place_id = ?1 AND EXISTS (SELECT 1 FROM tie WHERE tie.wave_id = w.wave_id) "
	"UNION ALL SELECT 'actor ' || a.code || '|' || a.label || '|' || a.kind || '|' || "
	"  coalesce(a.sector, '-') || '|' || coalesce(a.town, '-') || '|' || "
	"  coalesce(a.attended, '-') || '|' || coalesce(p.code, '-') "
	"  FROM actor a LEFT JOIN actor p ON p.actor_id = a.parent_id WHERE a.place_id = ?1 "
	"UNION ALL SELECT 'actor_attribute ' || a.code || '|' || t.name || '|' || t.value "
	"  FROM actor_attribute t JOIN actor a USING (actor_id) WHERE a.place_id = ?1 "
	"  AND NOT (t.name = 'type' AND t.value = a.kind) "
	"UNION ALL SELECT 'tie ' || w.name || '|' || s.code || '|' || g.code || '|' || t.type || '|' || "
	"  printf('%.17g', t.weight) || '|' || coalesce((SELECT group_concat(name || '=' || value, ';') "
	"  FROM (SELECT name, value FROM tie_attribute x WHERE x.tie_id = t.tie_id ORDER BY name)), '') "
	"  FROM tie t JOIN wave w USING (wave_id) JOIN actor s ON s.actor_id = t.source_id "
	"  JOIN actor g ON g.actor_id = t.target_id WHERE w.place_id = ?1 "
	"ORDER BY 1";

/*
 * Every fact a RippleFX round trip keeps: the programme (the place's name when
 * it has none), each ripple with its parent, capitals, dates and the actors it
 * names, and each actor's id, label, kind and whether it attended (yes, or
 * not said: RippleFX has an edge to the programme or none). docs/IMPORT.md.
 */
static const char fuzz_ripplefx_facts[] =
	"SELECT 'programme ' || CASE programme WHEN '' THEN name ELSE programme END "
	"  FROM place WHERE place_id = ?1 "
	"UNION ALL SELECT 'ripple ' || r.code || '|' || r.label || '|' || coalesce(p.code, '-') || '|' || "
	"  r.valence || '|' || r.intended || '|' || coalesce(r.date, '-') || '|' || "
	"  coalesce((SELECT group_concat(capital, ';') FROM (SELECT capital FROM ripple_capital c "
	"    WHERE c.ripple_id = r.ripple_id ORDER BY capital)), '') || '|' || "
	"  coalesce((SELECT group_concat(code, ';') FROM (SELECT a.code FROM ripple_actor x "
	"    JOIN actor a USING (actor_id) WHERE x.ripple_id = r.ripple_id ORDER BY a.code)), '') "
	"  FROM ripple r LEFT JOIN ripple p ON p.ripple_id = r.parent_id WHERE r.place_id = ?1 "
	"UNION ALL SELECT 'actor ' || code || '|' || label || '|' || kind || '|' || "
	"  CASE attended WHEN 1 THEN 1 ELSE 0 END FROM actor WHERE place_id = ?1 "
	"ORDER BY 1";

/* The lines of one of the queries above, joined (malloc'd). */
static inline char *fuzz_facts(ripple_store *store, const char *sql, int64_t place_id)
{
	sqlite3_stmt *st = NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	FUZZ_ASSERT(f, "out of memory");
	FUZZ_ASSERT(sqlite3_prepare_v2(ripple_store_db(store), sql, -1, &st, NULL) == SQLITE_OK,
	            "%s", sqlite3_errmsg(ripple_store_db(store)));
	sqlite3_bind_int64(st, 1, place_id);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "%s\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	FUZZ_ASSERT(fclose(f) == 0, "out of memory");
	return text;
}

static inline void fuzz_import(ripple_place *p, ripple_diags *diags, const char *facts);

/*
 * The round trips docs/IMPORT.md promises, from the place imported in store:
 * what ripple_kumu_write / ripple_ripplefx_write write, read back with
 * --from kumu / ripplefx, is a place (it passes the checks and imports), and
 * it has the same facts. Either writer may refuse (RIPPLE_EINPUT) what the
 * other tool would misread.
 */
static inline void fuzz_round_trips(ripple_store *store, int64_t id, const ripple_place *p,
                                    ripple_diags *diags)
{
	for (int fx = 0; fx < 2; fx++) {
		ripple_load_options opts = RIPPLE_LOAD_OPTIONS_INIT;
		ripple_csv *a = NULL, *b = NULL;
		ripple_model *m = NULL;
		ripple_place *q = NULL;
		ripple_error err = {0};
		char *ta = NULL, *tb = NULL;
		size_t la = 0, lb = 0;
		int rc;

		if (fx && p->nripples == 0)
			continue;
		rc = ripple_store_read(&m, store, id, &err);
		if (rc == RIPPLE_OK)
			rc = fx ? ripple_ripplefx_write(&ta, &la, &tb, &lb, m, 1, &err)
			        : ripple_kumu_write(&ta, &la, &tb, &lb, m, 1, &err);
		ripple_model_free(m);
		m = NULL;
		if (rc == RIPPLE_EINPUT || rc == RIPPLE_ENOMEM)
			continue;
		FUZZ_ASSERT(rc == RIPPLE_OK, "%s write failed: %s", fx ? "ripplefx" : "kumu", err.message);
		ripple_diags_release(diags);
		ripple_csv_parse(&a, fx ? "rt/nodes.csv" : "rt/elements.csv", ta, la, diags);
		ripple_csv_parse(&b, fx ? "rt/relationships.csv" : "rt/connections.csv", tb, lb, diags);
		if (a)                  /* as ripple_export_file_read does: undo the formula guard */
			ripple_csv_unguard_all(a);
		if (b)
			ripple_csv_unguard_all(b);
		opts.name = p->name;
		opts.from = fx ? RIPPLE_FROM_RIPPLEFX : RIPPLE_FROM_KUMU;
		rc = fx ? ripple_ripplefx_from_csv(&q, "rt", a, b, &opts, diags, 0)
		        : ripple_kumu_from_csv(&q, "rt", a, b, &opts, diags, 0);
		fuzz_show(diags);
		if (rc == RIPPLE_ENOMEM) {
			free(ta);
			free(tb);
			continue;
		}
		if (rc != RIPPLE_OK && getenv("FUZZ_VERBOSE"))
			fprintf(stderr, "%s\n%s\n", ta, tb);
		FUZZ_ASSERT(rc == RIPPLE_OK, "what ripple_%s_write wrote does not read back (%s)",
		            fx ? "ripplefx" : "kumu", diags->count ? diags->items[0].message : "");
		free(ta);
		free(tb);
		fuzz_import(q, diags, fx ? fuzz_ripplefx_facts : fuzz_kumu_facts);
		ripple_place_free(q);
	}
}

/*
 * An empty in-memory database: 0 for the input's place, 1 for a round trip's.
 * Each is made once and emptied after use (creating the schema costs more than
 * a small import), and kept for the life of the process.
 */
static inline ripple_store *fuzz_store(int which)
{
	static ripple_store *stores[2];
	ripple_error err = {0};

	if (!stores[which])
		FUZZ_ASSERT(ripple_store_open(&stores[which], ":memory:", RIPPLE_STORE_CREATE, &err) ==
		            RIPPLE_OK, "cannot open an in-memory database: %s", err.message);
	return stores[which];
}

/* Deleting its place empties a store (every table cascades from place). */
static inline void fuzz_store_empty(ripple_store *store)
{
	FUZZ_ASSERT(sqlite3_exec(ripple_store_db(store), "DELETE FROM place", NULL, NULL, NULL) ==
	            SQLITE_OK, "cannot delete a place: %s", sqlite3_errmsg(ripple_store_db(store)));
	FUZZ_ASSERT(fuzz_count(store, "SELECT (SELECT count(*) FROM actor) + (SELECT count(*) FROM "
	                              "wave) + (SELECT count(*) FROM ripple)", 0) == 0,
	            "deleting a place left rows behind");
}

/*
 * Imports p into an empty in-memory database and checks the counts; then, for
 * the place of the input (facts NULL), the round trips, and for a round trip's
 * place, that the facts (one of the queries above) are those of the input's.
 */
static inline void fuzz_import(ripple_place *p, ripple_diags *diags, const char *facts)
{
	static ripple_store *first;        /* the store of the input's place, during its round trips */
	static int64_t first_id;
	ripple_store *store = fuzz_store(facts != NULL);
	ripple_error err = {0};
	int64_t id = 0;
	int rc;

	rc = ripple_store_import(store, &p, 1, 0, diags);
	fuzz_show(diags);
	if (rc == RIPPLE_ENOMEM) {
		fuzz_store_empty(store);
		return;
	}
	FUZZ_ASSERT(rc == RIPPLE_OK, "a place that passed the checks was refused by the database (%s)",
	            diags->count ? diags->items[0].message : "");
	rc = ripple_store_find_place(&id, store, p->name, &err);
	FUZZ_ASSERT(rc == RIPPLE_OK, "place \"%s\" not found after its import", p->name);
	FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM actor WHERE place_id = ?1", id) ==
	            (long)p->nactors, "actors lost on import");
	FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM wave WHERE place_id = ?1", id) ==
	            (long)p->nwaves, "waves lost on import");
	FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM tie JOIN wave USING (wave_id) "
	                              "WHERE place_id = ?1", id) == (long)p->nties,
	            "ties lost on import");
	FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM ripple WHERE place_id = ?1", id) ==
	            (long)p->nripples, "ripples lost on import");
	if (!facts) {
		first = store;
		first_id = id;
		fuzz_round_trips(store, id, p, diags);
		first = NULL;
	} else {
		char *was = fuzz_facts(first, facts, first_id), *is = fuzz_facts(store, facts, id);
		FUZZ_ASSERT(strcmp(was, is) == 0, "a round trip changed the place:\n--- was\n%s--- is\n%s",
		            was, is);
		free(was);
		free(is);
	}
	fuzz_store_empty(store);
}

/*
 * The oracle of the place harnesses: a place that passed every check must
 * import into an empty in-memory database (the transaction, inserts and
 * constraints `ripple import` runs), with one row per actor, wave, tie and
 * ripple (a refusal means place.c let through something the schema does not
 * take), and must survive the round trips through Kumu and RippleFX that
 * docs/IMPORT.md promises. Out of memory is not a broken promise.
 */
static inline void fuzz_import_place(ripple_place *p, ripple_diags *diags)
{
	fuzz_import(p, diags, NULL);
}

#endif
