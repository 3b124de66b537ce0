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

#include "ripple.h"

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
 * The oracle of the place harnesses: a place that passed every check must
 * import into a fresh in-memory database (the transaction, inserts and
 * constraints `ripple import` runs), with one row per actor, wave, tie and
 * ripple. A refusal means place.c let through something the schema does not
 * take: a gap between the checks and the database. Out of memory is not a
 * broken promise.
 */
static inline void fuzz_import_place(ripple_place *p, ripple_diags *diags)
{
	ripple_store *store = NULL;
	ripple_error err = {0};
	int64_t id = 0;
	int rc;

	rc = ripple_store_open(&store, ":memory:", RIPPLE_STORE_CREATE, &err);
	FUZZ_ASSERT(rc == RIPPLE_OK, "cannot open an in-memory database: %s", err.message);
	rc = ripple_store_import(store, &p, 1, 0, diags);
	fuzz_show(diags);
	if (rc == RIPPLE_ENOMEM) {
		ripple_store_close(store);
		return;
	}
	FUZZ_ASSERT(rc == RIPPLE_OK, "a place that passed the checks was refused by the database");
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
	ripple_store_close(store);
}

#endif
