/*
 * store_batch.c - the store keeps the runs of `ripple batch` (the batch_run
 * and batch_result tables of schemas/schema.sql), one run in one transaction.
 * It knows nothing of measures: a run is a row, a list of named values, tie
 * histories and mixing cells, which batch.c makes from its results.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "ripple/error.h"
#include "ripple/store.h"
#include "store_private.h"

static int put_value(sqlite3_stmt *st, int64_t run, const ripple_stored_value *v)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, v->place_id);
	sqlite3_bind_text(st, 3, v->place, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, v->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, v->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, v->wave, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, v->measure, -1, SQLITE_STATIC);
	if (isnan(v->value) || isinf(v->value))
		sqlite3_bind_null(st, 8);
	else
		sqlite3_bind_double(st, 8, v->value);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int put_tie(sqlite3_stmt *st, int64_t run, const ripple_stored_tie *t)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, t->place_id);
	sqlite3_bind_int64(st, 3, t->actor_a);
	sqlite3_bind_int64(st, 4, t->actor_b);
	sqlite3_bind_text(st, 5, t->pattern, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, t->first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, t->last, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, t->tied);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int put_mixing(sqlite3_stmt *st, int64_t run, const ripple_stored_mixing *m)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, m->place_id);
	sqlite3_bind_text(st, 3, m->sector_a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, m->sector_b, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, m->from);
	sqlite3_bind_int64(st, 6, m->to);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

/* 1 when place_id is one of the stale places of r. */
static int is_stale(const ripple_stored_run *r, int64_t place_id)
{
	for (size_t i = 0; r->stale && i < r->nplaces; i++)
		if (r->stale[i] && r->place_ids[i] == place_id)
			return 1;
	return 0;
}

/*
 * Marks in r->stale the places whose stamp changed since they were read
 * (inside the write transaction: no import can come between this and the
 * INSERTs); *nstale their number. RIPPLE_OK or the error.
 */
static int check_stamps(size_t *nstale, ripple_store *store, const ripple_stored_run *r,
                        ripple_error *err)
{
	int rc = RIPPLE_OK;

	*nstale = 0;
	for (size_t i = 0; r->stamps && r->stale && i < r->nplaces && rc == RIPPLE_OK; i++) {
		uint64_t now = 0;
		r->stale[i] = 0;
		if ((rc = ripple_store_place_stamp(&now, store, r->place_ids[i], err)) == RIPPLE_OK &&
		    now != r->stamps[i]) {
			r->stale[i] = 1;
			(*nstale)++;
		}
	}
	return rc;
}

int ripple_store_save_run(int64_t *run_id, ripple_store *store, const ripple_stored_run *r,
                          const ripple_stored_value *values, size_t n, ripple_error *err)
{
	sqlite3 *db = store->db;
	sqlite3_stmt *st = NULL;
	int64_t run = 0;
	size_t nstale = 0;
	int ok, rc;

	if (!db)
		return ripple_store_no_db(store, err);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return ripple_db_fail(db, err);
	if ((rc = check_stamps(&nstale, store, r, err)) < 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	ok = sqlite3_prepare_v2(db, "INSERT INTO batch_run (from_wave, to_wave, permutations, seed, "
	                        "weighted, places, skipped, version, policy, level) "
	                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	                        -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		if (r->from)
			sqlite3_bind_text(st, 1, r->from, -1, SQLITE_STATIC);
		if (r->to)
			sqlite3_bind_text(st, 2, r->to, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, r->permutations);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)r->seed);
		sqlite3_bind_int(st, 5, r->weighted != 0);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)(r->places - nstale));
		sqlite3_bind_int64(st, 7, (sqlite3_int64)(r->skipped + nstale));
		sqlite3_bind_text(st, 8, RIPPLE_VERSION, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, r->policy ? r->policy : "census", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 10, r->level ? r->level : "actor", -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
		run = sqlite3_last_insert_rowid(db);
	}
	sqlite3_finalize(st);
	st = NULL;
	ok = ok && sqlite3_prepare_v2(db, "INSERT INTO batch_result (run_id, place_id, place, from_wave, "
	                              "to_wave, wave, measure, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	                              -1, &st, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < n; i++)
		ok = (nstale && is_stale(r, values[i].place_id)) || put_value(st, run, &values[i]) == 0;
	sqlite3_finalize(st);
	st = NULL;
	ok = ok && sqlite3_prepare_v2(db, "INSERT INTO batch_tie (run_id, place_id, actor_a, actor_b, "
	                              "pattern, first_wave, last_wave, tied) "
	                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &st, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < r->nties; i++)
		ok = (nstale && is_stale(r, r->ties[i].place_id)) || put_tie(st, run, &r->ties[i]) == 0;
	sqlite3_finalize(st);
	st = NULL;
	ok = ok && sqlite3_prepare_v2(db, "INSERT INTO batch_mixing (run_id, place_id, sector_a, "
	                              "sector_b, from_ties, to_ties) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	                              -1, &st, NULL) == SQLITE_OK;
	for (size_t i = 0; ok && i < r->nmixing; i++)
		ok = (nstale && is_stale(r, r->mixing[i].place_id)) ||
		     put_mixing(st, run, &r->mixing[i]) == 0;
	if (!ok) {
		rc = ripple_db_fail(db, err);
		sqlite3_finalize(st);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = ripple_db_fail(db, err);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	if (run_id)
		*run_id = run;
	return RIPPLE_OK;
}
