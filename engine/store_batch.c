/*
 * store_batch.c - the store keeps the results of `ripple batch` (the
 * batch_run and batch_result tables of schemas/schema.sql), one run in one
 * transaction.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "ripple.h"
#include "store_private.h"
#include "util.h"

static int put_value(sqlite3_stmt *st, int64_t run, const ripple_batch_row *r,
                     const char *wave, const char *measure, double value)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, r->place_id);
	sqlite3_bind_text(st, 3, r->place, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, wave, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, measure, -1, SQLITE_TRANSIENT);
	if (isnan(value) || isinf(value))
		sqlite3_bind_null(st, 8);
	else
		sqlite3_bind_double(st, 8, value);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

int ripple_batch_store(int64_t *run_id, ripple_store *store, const ripple_batch *b,
                       const ripple_batch_options *opts, ripple_error *err)
{
	sqlite3 *db = ripple_store_db(store);
	sqlite3_stmt *st = NULL;
	int64_t run = 0;
	int ok;

	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return ripple_db_fail(db, err);
	ok = sqlite3_prepare_v2(db, "INSERT INTO batch_run (from_wave, to_wave, permutations, seed, "
	                        "weighted, places, skipped, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                        -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		if (opts->from)
			sqlite3_bind_text(st, 1, opts->from, -1, SQLITE_STATIC);
		if (opts->to)
			sqlite3_bind_text(st, 2, opts->to, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, opts->compare.permutations);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)opts->compare.seed);
		sqlite3_bind_int(st, 5, opts->compare.weighted != 0);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)b->nrows);
		sqlite3_bind_int64(st, 7, (sqlite3_int64)b->nskipped);
		sqlite3_bind_text(st, 8, RIPPLE_VERSION, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		run = sqlite3_last_insert_rowid(db);
	}
	sqlite3_finalize(st);
	st = NULL;
	ok = ok && sqlite3_prepare_v2(db, "INSERT INTO batch_result (run_id, place_id, place, from_wave, "
	                              "to_wave, wave, measure, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                              -1, &st, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < b->nrows; i++) {
		const ripple_batch_row *r = &b->rows[i];
		char *change = ripple_strdupf("%s->%s", r->from, r->to);
		ok = change != NULL;
		for (int k = 0; ok && k < RIPPLE_NET_COUNT; k++) {
			const char *name = ripple_net_measure_info(k)->name;
			char cname[64];
			snprintf(cname, sizeof(cname), "%s_change", name);
			ok = put_value(st, run, r, r->from, name, r->net[0][k]) == 0 &&
			     put_value(st, run, r, r->to, name, r->net[1][k]) == 0 &&
			     put_value(st, run, r, change, cname, r->net[1][k] - r->net[0][k]) == 0;
		}
		for (int k = 0; ok && k < RIPPLE_BATCH_COUNT; k++)
			ok = put_value(st, run, r, change, ripple_batch_measure_info(k)->name, r->change[k]) == 0;
		free(change);
	}
	if (!ok) {
		int rc = ripple_db_fail(db, err);
		sqlite3_finalize(st);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		int rc = ripple_db_fail(db, err);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	if (run_id)
		*run_id = run;
	return RIPPLE_OK;
}
