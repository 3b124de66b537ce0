/*
 * store_private.h - what the store's files (engine/store*.c) share. Not public
 * API, and included by nothing outside the store but the tests, which look
 * into the database: no other module sees SQLite.
 */
#ifndef RIPPLE_STORE_PRIVATE_H
#define RIPPLE_STORE_PRIVATE_H

#include <sqlite3.h>

#include "ripple/place.h"
#include "ripple/store.h"

struct ripple_model;   /* ripple/model.h, which includes this module's header */

/*
 * The store ids place i of a held store would have had, imported first into
 * an empty database with the places before it: SQLite gives a new row the
 * table's largest id + 1, so each is one more than the ids of the places
 * before it used up.
 */
typedef struct ripple_held_keys {
	int64_t place, wave, actor, tie, ripple;   /* the ids of its first row of each */
} ripple_held_keys;

struct ripple_store {
	sqlite3 *db;   /* owned; NULL for a held store (ripple_store_hold) */
	char *path;    /* owned */
	ripple_place **places;   /* a held store's places, in import order, owned */
	size_t nplaces;
	ripple_held_keys *keys;  /* per held place, owned */
};

/** What a held store says to a call it does not answer: RIPPLE_ERUNTIME, set in err. */
int ripple_store_no_db(ripple_store *store, ripple_error *err);

/** The place a held store holds under place_id, or NULL (not held, or no such place). */
const ripple_place *ripple_store_held(const ripple_store *store, int64_t place_id);

/**
 * The model of a held place (ripple_store_hold): what ripple_store_read returns
 * for it after ripple_store_import into an empty in-memory database, built from
 * the place itself (store_read.c). O(actors + ties log ties + attributes + ripples).
 */
int ripple_store_read_held(struct ripple_model **out, const ripple_place *p, const ripple_held_keys *k,
                           ripple_error *err);

/** The store's connection (borrowed). */
sqlite3 *ripple_store_db(ripple_store *store);

/**
 * Sets err from the connection's last error and returns the code: "database is
 * busy", a read-only file or folder, a full disk and out of memory in words of
 * their own, anything else as "database: <SQLite's message>". The file named is
 * the database's (ripple_db_fail_at: `file`, as the user gave it).
 */
int ripple_db_fail(sqlite3 *db, ripple_error *err);
int ripple_db_fail_at(sqlite3 *db, const char *file, ripple_error *err);

/**
 * The schema version of the database (PRAGMA user_version). A database opened
 * read-only is not upgraded, so a reader asks before it reads what a later
 * version added.
 */
int ripple_store_version(ripple_store *store, int *version, ripple_error *err);

/** A malloc'd copy of a result column's text ("" for NULL); NULL when out of memory. */
char *ripple_column_dup(sqlite3_stmt *st, int col);

#endif
