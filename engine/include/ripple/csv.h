/*
 * ripple/csv.h - reading and writing CSV (RFC 4180, UTF-8).
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_CSV_API_H
#define RIPPLE_CSV_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/error.h"

/* ------------------------------------------------------------------------ */
/* CSV (RFC 4180, UTF-8)                                                      */
/* ------------------------------------------------------------------------ */

/** Largest field accepted, in bytes. */
#define RIPPLE_CSV_MAX_FIELD (1024 * 1024)
/** Most fields in one row (header included): a spreadsheet's column limit (XFD). */
#define RIPPLE_CSV_MAX_FIELDS 16384
/** Largest file accepted, in bytes. */
#define RIPPLE_CSV_MAX_FILE ((size_t)1 << 30)

/**
 * A parsed CSV file. Header names are trimmed and lower-cased; every row has
 * exactly ncols fields (rows with another count are reported and left out);
 * blank lines and rows whose fields are all empty and unquoted (a spreadsheet's
 * ",,,,,") are skipped, and so is an unnamed column none of whose cells holds
 * anything (an unnamed column with a value is reported). A header of one field
 * holding ';' or a tab is reported as a file with another separator. Field strings are NUL-terminated and owned by the table.
 */
typedef struct ripple_csv {
	char *path;     /* as given to the reader, owned */
	size_t ncols;   /* fields in the header */
	long header_line; /* line the header is on (1 unless blank lines come first) */
	char **header;  /* ncols column names */
	size_t nrows;   /* data rows kept */
	char **cells;   /* nrows * ncols fields, row-major */
	long *lines;    /* nrows: line on which each row starts */
	char *buf;      /* the text the fields point into, owned */
} ripple_csv;

/**
 * Parses len bytes of data (copied) named path into *out. Problems (invalid
 * UTF-8, NUL bytes, unclosed or stray quotes, wrong field counts, an empty or
 * duplicate header) are added to diags with their line and column.
 * Returns RIPPLE_OK, or RIPPLE_EINPUT when any problem was found (then *out is
 * NULL), or RIPPLE_ENOMEM.
 */
int ripple_csv_parse(ripple_csv **out, const char *path, const char *data,
                     size_t len, ripple_diags *diags);

/** Reads and parses the file at path; as ripple_csv_parse, plus I/O problems. */
int ripple_csv_read(ripple_csv **out, const char *path, ripple_diags *diags);

void ripple_csv_free(ripple_csv *csv);

/** Index of the column called name, or -1. */
long ripple_csv_column(const ripple_csv *csv, const char *name);

/**
 * Writes s as one RFC 4180 field: as it is, or in double quotes (doubled
 * inside) when it holds a comma, a quote, a line break, or starts or ends with
 * a space. NULL writes nothing (an empty field). Every CSV ripple writes goes
 * through here.
 */
void ripple_csv_write_field(FILE *out, const char *s);

/**
 * The column whose header name is name once its invisible characters (a
 * doubled byte order mark, a zero-width or no-break space: ripple_invisible_char)
 * are left out, but not name itself; or -1. Says why a required column is
 * "missing" when the header looks right.
 */
long ripple_csv_column_hidden(const ripple_csv *csv, const char *name);

/**
 * The formula guard (OWASP, "CSV Injection"). A cell is guarded when, after
 * any leading apostrophes, it starts with a trigger: = + - @, a tab, a CR or
 * a LF, or the full-width U+FF1D U+FF0B U+FF0D U+FF20 - except a plain
 * decimal number without apostrophes ("-0.25", "+44"), which a spreadsheet
 * reads as a number. Returns 1 when s (NULL: 0) is such a cell.
 */
int ripple_csv_formula_guarded(const char *s);

/**
 * 1 when the formula guard puts an apostrophe before s[i] (i > 0): s[i - 1] is
 * a ';' or a tab, and the text from s[i] to the next ';' or tab, a cell of its
 * own to a spreadsheet that splits a comma file there (OWASP: "take care of
 * the field separator"), is guarded by ripple_csv_formula_guarded's rule.
 */
int ripple_csv_split_guarded(const char *s, size_t i);

/**
 * ripple_csv_write_field, and when guard is 1: a guarded cell is written with
 * one apostrophe in front, in double quotes ("=1+2" -> "'=1+2"), and so is
 * each piece after a ';' or tab that would be guarded as a cell of its own
 * ("a;=1+2" -> "a;'=1+2", ripple_csv_split_guarded).
 */
void ripple_csv_write_cell(FILE *out, const char *s, int guard);

/**
 * The guard undone: s without its first character when s is an apostrophe
 * followed by a guarded cell ("'=1+2" -> "=1+2", "''=x" -> "'=x"); else s.
 * Exactly inverts what ripple_csv_write_cell adds: a text of the guard's
 * shape loses its first apostrophe, any other text is kept whole ("'quoted'",
 * "'42", "'-1" are kept: "-1" is a number, never guarded). Borrowed: a pointer into s.
 */
const char *ripple_csv_unguard(const char *s);

/**
 * A measure as every output writes it: "" for NAN or infinity (null), "0"
 * when |v| < 1e-12 (rounding noise, and no "-0"), integers without decimals,
 * other numbers with 6 decimals when fixed (tables, below 1e9) and 12
 * significant digits otherwise (CSV, JSON, GEXF, HTML data). Returns buf.
 */
const char *ripple_number_text(char *buf, size_t size, double v, int integer, int fixed);

/** The field at row, col (borrowed). */
static inline const char *ripple_csv_cell(const ripple_csv *csv, size_t row, size_t col)
{
	return csv->cells[row * csv->ncols + col];
}

#endif /* RIPPLE_CSV_API_H */
