/*
 * store_layout.c - writes a place's network layout (the layout and
 * layout_position tables), which every later drawing reads back through the
 * model (ripple_model.layout_method, layout_x, layout_y).
 *
 * The pictures never write the store: ripple_layout_get computes a layout
 * when the model has none of the current method, and the caller (the CLI,
 * once the picture is written) keeps it with ripple_store_save_layout.
 */
#include <sqlite3.h>

#include "ripple/store.h"
#include "store_private.h"
#include "util.h"

int ripple_store_save_layout(ripple_store *s, int64_t place_id, const ripple_layout *layout,
                             ripple_error *err)
{
	sqlite3 *db = s->db;
	sqlite3_stmt *st = NULL;
	int outer, ok;

	if (!db)
		return ripple_store_no_db(s, err);
	outer = sqlite3_get_autocommit(db);   /* not inside the caller's transaction */
	if (sqlite3_exec(db, outer ? "BEGIN IMMEDIATE" : "SAVEPOINT layout", NULL, NULL, NULL) != SQLITE_OK)
		return ripple_db_fail(db, err);
	ok = sqlite3_prepare_v2(db, "DELETE FROM layout WHERE place_id = ?1", -1, &st, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_int64(st, 1, place_id);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok && (ok = sqlite3_prepare_v2(db, "INSERT INTO layout (place_id, method) VALUES (?1, ?2)",
	                                   -1, &st, NULL) == SQLITE_OK)) {
		sqlite3_bind_int64(st, 1, place_id);
		sqlite3_bind_text(st, 2, layout->method, -1, SQLITE_STATIC);
		ok = sqlite3_step(st) == SQLITE_DONE;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (ok && (ok = sqlite3_prepare_v2(db, "INSERT INTO layout_position (actor_id, place_id, x, y) "
	                                   "VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL) == SQLITE_OK)) {
		for (size_t i = 0; ok && i < layout->n; i++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, layout->actor_keys[i]);
			sqlite3_bind_int64(st, 2, place_id);
			sqlite3_bind_double(st, 3, layout->x[i]);
			sqlite3_bind_double(st, 4, layout->y[i]);
			ok = sqlite3_step(st) == SQLITE_DONE;
		}
	}
	sqlite3_finalize(st);
	ok = ok && sqlite3_exec(db, outer ? "COMMIT" : "RELEASE layout", NULL, NULL, NULL) == SQLITE_OK;
	if (!ok) {
		/* the error first: the rollback would replace it */
		int rc = ripple_db_fail(db, err);
		/* (releasing an undone savepoint would still commit: a bare ROLLBACK when outer) */
		sqlite3_exec(db, outer ? "ROLLBACK" : "ROLLBACK TO layout; RELEASE layout",
		             NULL, NULL, NULL);
		return rc;
	}
	return RIPPLE_OK;
}
