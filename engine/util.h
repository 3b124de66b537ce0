/*
 * util.h - small helpers shared by the engine's modules (not public API).
 */
#ifndef RIPPLE_UTIL_H
#define RIPPLE_UTIL_H

#include <stddef.h>

#include "ripple.h"

/** Removes surrounding spaces, tabs, CR and LF in place; returns the new start. */
char *ripple_trim(char *s);

/** ASCII case-insensitive equality. */
int ripple_strieq(const char *a, const char *b);

/** Reads the whole file (at most max bytes) into a malloc'd, NUL-terminated buffer. */
int ripple_read_file(char **out, size_t *len, const char *path, size_t max, ripple_error *err);

/** malloc'd printf; NULL when out of memory. */
char *ripple_strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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

struct sqlite3_stmt;

/** A malloc'd copy of a result column's text ("" for NULL); NULL when out of memory. */
char *ripple_column_dup(struct sqlite3_stmt *st, int col);

struct sqlite3;

/**
 * The store's connection (borrowed), for the engine modules that still query
 * it themselves until they take the read model; not public: the command line
 * goes through the store's functions.
 */
struct sqlite3 *ripple_store_db(ripple_store *store);

/**
 * Sets err from the connection's last error and returns the code: "database is
 * busy", a read-only file or folder, a full disk and out of memory in words of
 * their own, anything else as "database: <SQLite's message>". The file named is
 * the database's (ripple_db_fail_at: `file`, as the user gave it).
 */
int ripple_db_fail(struct sqlite3 *db, ripple_error *err);
int ripple_db_fail_at(struct sqlite3 *db, const char *file, ripple_error *err);

/** The reason igraph gave for its last error. */
const char *ripple_igraph_reason(void);

#include <stdio.h>

/**
 * Writes text as XML 1.0 character data that is also safe inside an attribute
 * value in double or single quotes: & < > " ' as entities, and tab, line feed
 * and carriage return as character references (so attribute-value
 * normalisation does not turn them into spaces). What XML 1.0 cannot carry is
 * replaced: other control characters by a space, U+FFFE, U+FFFF and bytes
 * that are not UTF-8 by U+FFFD. No other change: the text reads back exactly.
 */
void ripple_xml_write(FILE *out, const char *text);

/**
 * A malloc'd copy of text with what XML 1.0 cannot carry replaced as by
 * ripple_xml_write, and nothing escaped (for writers that escape themselves,
 * like igraph's GraphML). NULL when out of memory.
 */
char *ripple_xml_clean(const char *text);

#include <stdint.h>

/*
 * ripple's own random generator (xoshiro256**, seeded through splitmix64), so
 * that permutation tests and samples depend on the seed alone, not on igraph's
 * generator state or version.
 */
typedef struct ripple_rng {
	uint64_t s[4];
} ripple_rng;

/** The next value of the splitmix64 sequence at *x (which it advances). */
uint64_t ripple_splitmix64(uint64_t *x);

void ripple_rng_seed(ripple_rng *r, uint64_t seed);

/** Uniform in [0, bound), without modulo bias; bound > 0. */
uint64_t ripple_rng_below(ripple_rng *r, uint64_t bound);

/**
 * Fisher-Yates shuffle of v[0..n). thresholds, when not NULL, holds
 * ripple_rng_threshold(i) at [i] for i in 2..n: the same shuffle, one division
 * fewer a step (for loops of many shuffles of one length).
 */
void ripple_shuffle(size_t *v, size_t n, ripple_rng *r, const uint64_t *thresholds);

/** The rejection threshold of ripple_rng_below(r, bound): 2^64 mod bound. */
uint64_t ripple_rng_threshold(uint64_t bound);

/** Writes all of buf to fd; 0, or -1 (errno set). Retries on EINTR. */
int ripple_write_all(int fd, const void *buf, size_t n);

/** Reads exactly n bytes; 1 done, 0 end of file before any byte, -1 error or short. */
int ripple_read_all(int fd, void *buf, size_t n);

#include <sys/types.h>

/*
 * A worker process fed task numbers over one pipe and sending results back
 * over another (ripple batch's places, the blocks of engine/paths.c). igraph
 * is not thread-safe in Debian's build, so parallel work is processes.
 */
typedef struct ripple_worker {
	pid_t pid;     /* -1: not started */
	int tasks;     /* write end: task numbers to the worker */
	int results;   /* read end: results from it */
	long busy;     /* the task it works on, or -1 */
} ripple_worker;

/* What a worker runs, with only its own two pipe ends open; it must _exit(). */
typedef void (*ripple_worker_fn)(int tasks, int results, void *ctx);

/**
 * Forks nw workers running fn, after flushing stdio (nothing buffered is
 * written twice). SIGPIPE is ignored from the first start in this process to
 * the last stop, so a dead worker is a write error and not a signal. 0, or
 * an error (the workers started are in w). Either way the caller ends with
 * ripple_workers_stop(w, nw), once.
 */
int ripple_workers_start(ripple_worker *w, int nw, ripple_worker_fn fn, void *ctx,
                         ripple_error *err);

/** Closes every task pipe (the sign to finish), waits for each worker, closes its results. */
void ripple_workers_stop(ripple_worker *w, int n);

#endif
