/*
 * helpers.h - shared by the cmocka unit tests.
 */
#ifndef RIPPLE_TEST_HELPERS_H
#define RIPPLE_TEST_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "ripple.h"
#include "store_private.h" /* the tests look into the database */

/* cmocka 1.1.5 compares floats as float: compare doubles ourselves. */
#define assert_double_near(a, b, eps) do { \
	double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= (eps))) \
		fail_msg("%s = %.12g, expected %.12g (within %g)", #a, a_, b_, (double)(eps)); \
} while (0)

/* Asserts that diags holds a problem in a file ending with `file`, at `line`,
 * whose message contains `text`. */
#define assert_diag(d, file, line, text) assert_true(has_diag((d), (file), (line), (text)))

static inline int has_diag(const ripple_diags *d, const char *file, long line, const char *text)
{
	for (size_t i = 0; i < d->count; i++) {
		const ripple_error *e = &d->items[i];
		size_t fl = strlen(e->file), nl = strlen(file);
		if (fl >= nl && strcmp(e->file + fl - nl, file) == 0 && e->line == line &&
		    strstr(e->message, text))
			return 1;
	}
	for (size_t i = 0; i < d->count; i++)
		fprintf(stderr, "  have: %s:%ld: %s\n", d->items[i].file, d->items[i].line,
		        d->items[i].message);
	fprintf(stderr, "  wanted: %s:%ld: ...%s...\n", file, line, text);
	return 0;
}

/* A reference fixture (tests/reference/expected), read with ripple's CSV reader. */
static inline ripple_csv *read_fixture(const char *path)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_csv *csv = NULL;
	if (ripple_csv_read(&csv, path, &d) < 0)
		fail_msg("cannot read fixture %s (run make reference)", path);
	return csv;
}

/* Opens a place folder (or a folder of one place) and returns its place id. */
static inline int64_t open_only_place(const char *folder, int directed, ripple_store **s)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_error err;
	int64_t place;
	if (ripple_source_open(s, folder, directed, &d) < 0)
		fail_msg("cannot open %s: %s", folder, d.count ? d.items[0].message : "?");
	if (ripple_store_find_place(&place, *s, NULL, &err) < 0)
		fail_msg("%s: %s", folder, err.message);
	ripple_diags_release(&d);
	return place;
}

/* A fresh temporary folder; the caller removes it with rm_tree. */
static inline char *temp_dir(void)
{
	char tmpl[] = "/tmp/ripple-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

static inline void write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(text, 1, strlen(text), f);
	fclose(f);
}

static inline void rm_tree(char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
}

/* Reads place `place` of s and builds its wave `wave` into g: the model is the
 * graph's to release (release_wave). Returns what ripple_graph_build returns. */
static inline int load_wave(ripple_graph *g, ripple_store *s, int64_t place, const char *wave,
                            ripple_error *err)
{
	ripple_model *m = NULL;
	int rc = ripple_store_read(&m, s, place, err);
	if (rc == RIPPLE_OK && (rc = ripple_graph_build(g, m, wave, NULL, err)) < 0)
		ripple_model_free(m);
	return rc;
}

/* Releases a graph of load_wave and the model it was built from. */
static inline void release_wave(ripple_graph *g)
{
	ripple_model *m = (ripple_model *)g->model;   /* load_wave read it for g alone */
	ripple_graph_release(g);
	ripple_model_free(m);
}

#endif
