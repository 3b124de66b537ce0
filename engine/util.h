/*
 * util.h - small helpers shared by many of the engine's modules (not public
 * API): strings, a string map, whole files. What fewer modules need has a
 * header of its own: pool.h (worker processes), rng.h (the seeded generator),
 * xml.h (XML text), store_private.h (SQLite, for the store).
 */
#ifndef RIPPLE_UTIL_H
#define RIPPLE_UTIL_H

#include <stddef.h>

#include "ripple/error.h"

/** Removes surrounding spaces, tabs, CR and LF in place; returns the new start. */
char *ripple_trim(char *s);

/** ASCII case-insensitive equality. */
int ripple_strieq(const char *a, const char *b);

/**
 * Edit distance (insertions, deletions, substitutions; ASCII case ignored)
 * between a and b, counted up to limit: any larger distance is limit + 1.
 * For "did you mean" suggestions. O(len(a) * len(b)), and SIZE_MAX for
 * strings over 256 bytes.
 */
size_t ripple_edit_distance(const char *a, const char *b, size_t limit);

/** Reads the whole file (at most max bytes) into a malloc'd, NUL-terminated buffer. */
int ripple_read_file(char **out, size_t *len, const char *path, size_t max, ripple_error *err);

/** path joined to name with one '/'; NULL when out of memory. */
char *ripple_path_join(const char *dir, const char *name);

/*
 * A map from borrowed strings to indices, open addressing. Keys must outlive
 * the map. Lookup and insert cost O(1) on average.
 */
typedef struct ripple_strmap {
	const char **keys;   /* cap slots, NULL when empty */
	size_t *vals;        /* cap slots */
	size_t cap;          /* power of two */
	size_t count;
} ripple_strmap;

void ripple_strmap_release(ripple_strmap *m);
/** Value for key, or RIPPLE_NONE. */
size_t ripple_strmap_get(const ripple_strmap *m, const char *key);
/** Sets key to val when key is new; returns the value key has after the call. */
int ripple_strmap_put(ripple_strmap *m, const char *key, size_t val, size_t *stored);

/** The reason igraph gave for its last error (graph.c). */
const char *ripple_igraph_reason(void);

/*
 * Runs an igraph call; on failure sets err to RIPPLE_ERUNTIME "igraph:
 * <ripple_igraph_reason()>" and jumps to done with rc its code. For a
 * function with an int rc, a ripple_error *err and a done: label.
 */
#define RIPPLE_IGRAPH_CHECK(call) do { \
	if ((call) != IGRAPH_SUCCESS) { \
		rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "igraph: %s", \
		                      ripple_igraph_reason()); \
		goto done; \
	} \
} while (0)

#endif
