/*
 * store_private.h - what the store's files (engine/store*.c) share. Not public
 * API, and included by nothing outside the store: no other module sees SQLite.
 */
#ifndef RIPPLE_STORE_PRIVATE_H
#define RIPPLE_STORE_PRIVATE_H

#include <sqlite3.h>

#include "ripple.h"

struct ripple_store {
	sqlite3 *db;   /* owned */
	char *path;    /* owned */
};

#endif
