/*
 * ripple/error.h - errors, lists of problems, and what every module shares.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_ERROR_API_H
#define RIPPLE_ERROR_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RIPPLE_VERSION "0.1.0"
/** Version of the database schema this build writes (PRAGMA user_version). */
#define RIPPLE_SCHEMA_VERSION 6

/* ------------------------------------------------------------------------ */
/* Errors                                                                     */
/* ------------------------------------------------------------------------ */

enum {
	RIPPLE_OK = 0,
	RIPPLE_ERUNTIME = -1, /* I/O, database or library failure: exit status 1 */
	RIPPLE_EINPUT = -2,   /* bad input data: exit status 2 */
	RIPPLE_EUSAGE = -3,   /* bad command line: exit status 2 */
	RIPPLE_ENOMEM = -4,   /* out of memory: exit status 1 */
	RIPPLE_ENOTFOUND = -5 /* a named place, wave or file does not exist: exit status 2 */
};

/** One problem, with where it is. Fields that are unknown are empty / 0. */
typedef struct ripple_error {
	int code;           /* RIPPLE_E* */
	char file[512];     /* input file the problem is in, or "" */
	long line;          /* 1-based line in file, or 0 */
	long column;        /* 1-based column (bytes) in line, or 0 */
	char message[1024]; /* short, lower-case, no trailing period */
} ripple_error;

/** Sets every field of err (which may be NULL, then nothing happens); returns code. */
int ripple_error_set(ripple_error *err, int code, const char *file, long line,
                     long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/** Writes "file:line:column: message" (parts that are unknown are left out). */
void ripple_error_format(const ripple_error *err, char *buf, size_t size);

/** Exit status for a RIPPLE_E* code: 0, 1 or 2. */
int ripple_exit_status(int code);

/**
 * A list of problems found while checking input. It keeps at most `limit`
 * problems (0: RIPPLE_DIAGS_LIMIT) and counts the rest in `dropped`.
 */
#define RIPPLE_DIAGS_LIMIT 200

typedef struct ripple_diags {
	ripple_error *items; /* owned */
	size_t count;        /* problems kept */
	size_t cap;          /* allocated items */
	size_t limit;        /* most problems kept; 0 means RIPPLE_DIAGS_LIMIT */
	size_t dropped;      /* problems found beyond the limit */
} ripple_diags;

#define RIPPLE_DIAGS_INIT {NULL, 0, 0, 0, 0}

void ripple_diags_release(ripple_diags *d);

/** Adds a problem; returns its code. Out of memory is counted as dropped. */
int ripple_diags_add(ripple_diags *d, int code, const char *file, long line,
                     long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/** Adds a copy of err. */
void ripple_diags_add_error(ripple_diags *d, const ripple_error *err);

/** Problems found, kept or not. */
size_t ripple_diags_total(const ripple_diags *d);

/** Orders problems by file then line then column (stable), for reading. */
void ripple_diags_sort(ripple_diags *d);

/* ------------------------------------------------------------------------ */
/* Shared by every module                                                     */
/* ------------------------------------------------------------------------ */

#define RIPPLE_NONE SIZE_MAX /* no index: no parent, not found */

/** Frees a NULL-terminated vector of malloc'd strings and the vector. NULL: nothing. */
void ripple_strv_free(char **strv);

/** malloc'd printf; NULL when out of memory. */
char *ripple_strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* RIPPLE_ERROR_API_H */
