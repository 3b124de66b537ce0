/*
 * csv.h - the engine's own part of module csv (ripple/csv.h is the public
 * part): CSV tables built in memory, for the readers of other tools' exports
 * (engine/input/), which turn another tool's sheets into the tables of a
 * place folder. Not public API.
 */
#ifndef RIPPLE_CSV_H
#define RIPPLE_CSV_H

#include <stddef.h>

#include "ripple/csv.h"

/* ---- CSV tables built in memory ------------------------------------------- */

/*
 * Builds a ripple_csv row by row, as if it had been read from `path`: header
 * names as given (they must already be lower case), each row with the line
 * it stands for. Every string is copied into one growing text buffer and only
 * turned into pointers by _finish, so rows can be added at any time. Out of
 * memory is remembered and reported by _finish.
 */
typedef struct ripple_csv_builder {
	char *path;         /* owned */
	long header_line;
	size_t ncols;
	char *text;         /* every string, NUL-terminated, back to back */
	size_t len, cap;
	size_t *offs;       /* offsets into text: the header, then the cells, row-major */
	size_t noffs, offcap;
	long *lines;        /* per row */
	size_t nrows, linecap;
	int failed;         /* out of memory on the way */
} ripple_csv_builder;

/** Starts a table with the given header (ncols names). */
void ripple_csv_builder_init(ripple_csv_builder *b, const char *path, long header_line,
                             const char *const *header, size_t ncols);

/** Starts a row standing for line `line`; exactly ncols cells must follow. */
void ripple_csv_builder_row(ripple_csv_builder *b, long line);

/** Adds the next cell of the current row (NULL: empty). */
void ripple_csv_builder_cell(ripple_csv_builder *b, const char *text);

/**
 * The table built (the builder is released whatever happens). Returns
 * RIPPLE_OK, or RIPPLE_ENOMEM (then *out is NULL).
 */
int ripple_csv_builder_finish(ripple_csv **out, ripple_csv_builder *b);

void ripple_csv_builder_release(ripple_csv_builder *b);

/**
 * The cell at row, col of csv with its surrounding blanks removed in place
 * (the table keeps the trimmed text), or "" when col < 0 (a column the
 * table does not have): what every reader takes from a cell.
 */
char *ripple_csv_trimmed(ripple_csv *csv, size_t row, long col);

/**
 * Undoes ripple_csv_write_cell's formula guard in every header name and cell
 * of csv (ripple_csv_unguard: "'=x" -> "=x"), for the readers of the
 * formats ripple writes guarded (Kumu, RippleFX). Costs O(cells); no allocation.
 */
void ripple_csv_unguard_all(ripple_csv *csv);

#endif
