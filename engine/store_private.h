/*
 * store_private.h - what the store's files (engine/store*.c) share. Not public
 * API, and included by nothing outside the store but the tests, which look
 * into the database: no other module sees SQLite.
 */
#ifndef RIPPLE_STORE_PRIVATE_H
#define RIPPLE_STORE_PRIVATE_H

#include <sqlite3.h>

#include "ripple/store.h"

struct ripple_store {
	sqlite3 *db;   /* owned */
	char *path;    /* owned */
};

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
