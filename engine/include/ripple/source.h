/*
 * ripple/source.h - a SOURCE opened as a store: a database file, or place
 * folders read and loaded into an in-memory database.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_SOURCE_API_H
#define RIPPLE_SOURCE_API_H

#include "ripple/store.h"

/** How ripple_source_open reads a SOURCE. */
enum {
	RIPPLE_SOURCE_DIRECTED = 1 << 0, /* place folders are read as directed */
	RIPPLE_SOURCE_WRITE = 1 << 1,    /* a database file is opened for writing (falls
	                                    back to reading when the file is read-only) */
	RIPPLE_SOURCE_MODELS = 1 << 2    /* the caller only lists and finds places, reads
	                                    their waves, stamps and models: folders are held
	                                    in memory (ripple_store_hold), not loaded into a
	                                    database */
};

/**
 * Opens a SOURCE: a database file (must exist), or a place folder / folder of
 * place folders, loaded into an in-memory database whose messages name the
 * folder. flags: RIPPLE_SOURCE_*. Problems go to diags. The caller closes
 * *out with ripple_store_close.
 */
int ripple_source_open(ripple_store **out, const char *source, int flags,
                       ripple_diags *diags);

#endif /* RIPPLE_SOURCE_API_H */
