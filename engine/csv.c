/*
 * csv.c - an RFC 4180 reader that says where every problem is.
 *
 * Why not libcsv: ripple must name the line and column of every problem
 * (`ties.csv:14:7: unclosed quote`), the line a multi-line record starts on,
 * refuse invalid UTF-8 and NUL bytes, and take a UTF-8 byte order mark. libcsv's
 * callbacks carry no positions, it accepts bytes of any encoding and keeps the
 * BOM in the first header name, so all of that would be rebuilt around it
 * anyway. The whole grammar is the state machine in csv_records() below; it
 * is covered by tests/unit/test_csv.c and fuzzed (see tests/fuzz).
 *
 * The file is read whole, copied once, and unquoted in place: a field never
 * grows when its quotes are removed, so the write position never passes the
 * read position, and every field points into the one buffer.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "ripple/csv.h"
#include "util.h"

/* 1 for the bytes a text field may not hold: NUL, C0 controls but tab, LF and CR, DEL. */
static int bad_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

/*
 * Returns the byte offset of the first byte that is not valid UTF-8 or is a
 * control character (bad_control), or len when all is well. Overlong forms,
 * surrogates and code points above U+10FFFF are invalid. Costs O(len).
 */
static size_t text_check(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		unsigned long cp;

		if (bad_control(c))
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1; cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2; cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3; cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return i;
		i += n + 1;
	}
	return len;
}

/* Line and column (1-based, bytes) of offset in s. */
static void position_of(const char *s, size_t offset, long *line, long *column)
{
	long l = 1;
	size_t start = 0;

	for (size_t i = 0; i < offset; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= offset || s[i + 1] != '\n'))) {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*column = (long)(offset - start) + 1;
}

/* A growable array of char pointers. */
typedef struct strvec {
	char **v;
	size_t n, cap;
} strvec;

static int strvec_push(strvec *sv, char *s)
{
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 64;
		char **v = realloc(sv->v, cap * sizeof(*v));
		if (!v)
			return RIPPLE_ENOMEM;
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = s;
	return RIPPLE_OK;
}

typedef struct longvec {
	long *v;
	size_t n, cap;
} longvec;

static int longvec_push(longvec *lv, long x)
{
	if (lv->n == lv->cap) {
		size_t cap = lv->cap ? lv->cap * 2 : 64;
		long *v = realloc(lv->v, cap * sizeof(*v));
		if (!v)
			return RIPPLE_ENOMEM;
		lv->v = v;
		lv->cap = cap;
	}
	lv->v[lv->n++] = x;
	return RIPPLE_OK;
}

/* Takes the first record as the header: trims, lower-cases, checks names. */
static int csv_set_header(ripple_csv *csv, char **fields, size_t n, long line,
                          ripple_diags *d)
{
	int rc = RIPPLE_OK;

	ripple_strmap seen = {0};

	csv->header = malloc(n * sizeof(*csv->header));
	if (!csv->header)
		return RIPPLE_ENOMEM;
	csv->ncols = n;
	csv->header_line = line;
	for (size_t i = 0; i < n; i++) {
		char *name = ripple_trim(fields[i]);
		for (char *p = name; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		csv->header[i] = name;
		if (!*name)
			continue;       /* unnamed: dropped or reported by drop_unnamed() */
		size_t first;
		if (ripple_strmap_put(&seen, name, i, &first) < 0) {
			rc = RIPPLE_ENOMEM;
			break;
		}
		if (first != i)
			rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, line, 0,
			                      "column \"%s\" appears twice in the header", name);
	}
	ripple_strmap_release(&seen);
	return rc;
}

/*
 * A header of one field holding ';' or a tab: the file of a spreadsheet set
 * to another list separator. Returns that separator, or 0.
 */
static char other_separator(char **fields, size_t n)
{
	if (n != 1)
		return 0;
	if (strchr(fields[0], ';'))
		return ';';
	if (strchr(fields[0], '\t'))
		return '\t';
	return 0;
}

/* 1 when every field of the record is empty: a spreadsheet's ",,,,," row. */
static int all_empty(char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fields[i][0])
			return 0;
	return 1;
}

/*
 * Drops each unnamed column (empty header name) whose cells are all empty,
 * as a spreadsheet writes after the last real column; an unnamed column that
 * holds a value is a problem. Costs O(rows x columns).
 */
static int drop_unnamed(ripple_csv *csv, ripple_diags *d)
{
	size_t keep = 0, nc = csv->ncols;
	int rc = RIPPLE_OK;
	unsigned char *drop = calloc(nc ? nc : 1, 1);

	if (!drop)
		return RIPPLE_ENOMEM;
	for (size_t c = 0; c < nc; c++) {
		if (csv->header[c][0])
			continue;
		drop[c] = 1;
		for (size_t r = 0; r < csv->nrows && drop[c]; r++)
			if (csv->cells[r * nc + c][0])
				drop[c] = 0;
		if (!drop[c])
			rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, csv->header_line, 0,
			                      "empty column name in the header (column %zu)", c + 1);
	}
	for (size_t c = 0; c < nc; c++)
		if (!drop[c])
			csv->header[keep++] = csv->header[c];
	if (keep == 0 && rc == RIPPLE_OK) {   /* ",  ": a header of nothing but blanks */
		free(drop);
		return ripple_diags_add(d, RIPPLE_EINPUT, csv->path, csv->header_line, 0,
		                        "the header names no column");
	}
	if (keep != nc) {
		size_t w = 0;
		for (size_t r = 0; r < csv->nrows; r++)
			for (size_t c = 0; c < nc; c++)
				if (!drop[c])
					csv->cells[w++] = csv->cells[r * nc + c];
		csv->ncols = keep;
	}
	free(drop);
	return rc;
}

/*
 * The grammar. Splits csv->buf (len bytes, starting at `start`, after any BOM)
 * into records and fields. Stops at the first quoting error (the rest of the
 * file cannot be trusted); carries on past records of the wrong width.
 */
static int csv_records(ripple_csv *csv, size_t start, size_t len, ripple_diags *d)
{
	char *buf = csv->buf;
	size_t r = start, w = start, line_start = start;
	long line = 1;
	int rc = RIPPLE_OK, have_header = 0;
	strvec cells = {0}, rec = {0};
	longvec lines = {0};

#define COL(off) ((long)((off) - line_start) + 1)
	while (r < len) {
		long rec_line = line;
		int quoted_any = 0;

		rec.n = 0;
		for (;;) {                      /* one field per turn */
			size_t fstart = w;
			long fline = line, fcol = COL(r);
			char delim;

			if (buf[r] == '"') {
				long qline = line, qcol = COL(r);
				quoted_any = 1;
				r++;
				for (;;) {
					if (r >= len) {
						rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, qline, qcol,
						                      "unclosed quote: the field that opens here never ends");
						goto done;
					}
					char c = buf[r];
					if (c == '"') {
						if (r + 1 < len && buf[r + 1] == '"') {
							buf[w++] = '"';
							r += 2;
							continue;
						}
						r++;
						break;
					}
					if (c == '\n' || (c == '\r' && (r + 1 >= len || buf[r + 1] != '\n'))) {
						line++;
						line_start = r + 1;
					}
					buf[w++] = c;
					r++;
				}
				if (r < len && buf[r] != ',' && buf[r] != '\r' && buf[r] != '\n') {
					rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, line, COL(r),
					                      "unexpected text after a closing quote "
					                      "(a quote inside a quoted field is written twice: \"\")");
					goto done;
				}
			} else {
				while (r < len && buf[r] != ',' && buf[r] != '\r' && buf[r] != '\n') {
					if (buf[r] == '"') {
						rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, line, COL(r),
						                      "quote inside an unquoted field (quote the "
						                      "whole field and write the quote twice: \"\")");
						goto done;
					}
					buf[w++] = buf[r++];
				}
			}
			if (w - fstart > RIPPLE_CSV_MAX_FIELD) {
				rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, fline, fcol,
				                      "field longer than the limit of %d bytes (1 MiB)",
				                      RIPPLE_CSV_MAX_FIELD);
				goto done;
			}
			if (rec.n == RIPPLE_CSV_MAX_FIELDS) {   /* before a million-comma row grows */
				rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, rec_line, 0,
				                      "more than %d fields in one row (the most a "
				                      "spreadsheet has)", RIPPLE_CSV_MAX_FIELDS);
				goto done;
			}
			delim = r < len ? buf[r] : '\0';   /* read before the terminator lands */
			buf[w++] = '\0';
			if ((rc = strvec_push(&rec, buf + fstart)) < 0)
				goto done;
			if (delim == ',') {
				r++;
				if (r >= len) {                /* "a,b," at the very end */
					buf[w++] = '\0';
					if ((rc = strvec_push(&rec, buf + w - 1)) < 0)
						goto done;
					break;
				}
				continue;
			}
			if (delim == '\r') {
				r++;
				if (r < len && buf[r] == '\n')
					r++;
			} else if (delim == '\n') {
				r++;
			}
			if (delim) {
				line++;
				line_start = r;
			}
			break;
		}

		if (!quoted_any && all_empty(rec.v, rec.n))
			continue;                         /* blank line, or ",,,,," */
		if (!have_header) {
			char sep = other_separator(rec.v, rec.n);
			have_header = 1;
			if (sep) {                        /* every row would be "1 field": say why once */
				rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, rec_line, 0,
				                      "this file is separated by %s, not ','; in Excel: "
				                      "Save As > CSV UTF-8", sep == ';' ? "';'" : "tabs");
				goto done;
			}
			if (csv_set_header(csv, rec.v, rec.n, rec_line, d) < 0)
				rc = RIPPLE_EINPUT;
			continue;
		}
		if (rec.n != csv->ncols) {
			rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, rec_line, 0,
			                      "expected %zu fields as in the header, found %zu",
			                      csv->ncols, rec.n);
			continue;
		}
		for (size_t i = 0; i < rec.n; i++)
			if ((rc = strvec_push(&cells, rec.v[i])) < 0)
				goto done;
		if ((rc = longvec_push(&lines, rec_line)) < 0)
			goto done;
	}
#undef COL
	if (!have_header)
		rc = ripple_diags_add(d, RIPPLE_EINPUT, csv->path, 1, 0,
		                      "empty file: a header row is needed");
done:
	free(rec.v);
	csv->cells = cells.v;
	csv->lines = lines.v;
	csv->nrows = lines.n;
	if (rc != RIPPLE_ENOMEM && csv->header && drop_unnamed(csv, d) == RIPPLE_ENOMEM)
		rc = RIPPLE_ENOMEM;
	if (rc == RIPPLE_ENOMEM)
		ripple_diags_add(d, RIPPLE_ENOMEM, csv->path, 0, 0, "out of memory");
	return rc;
}

int ripple_csv_parse(ripple_csv **out, const char *path, const char *data, size_t len,
                     ripple_diags *diags)
{
	ripple_csv *csv = NULL;
	size_t start = 0, bad;
	size_t before = ripple_diags_total(diags);
	int rc;

	*out = NULL;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	/* what a spreadsheet writes when "CSV UTF-8" was not picked: say which */
	if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
		return ripple_diags_add(diags, RIPPLE_EINPUT, path, 1, 1,
		                        "a UTF-16 file (\"Unicode text\"): save it as CSV UTF-8");
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return ripple_diags_add(diags, RIPPLE_EINPUT, path, 1, 1,
		                        "a zip file, not text (an .xlsx workbook renamed?): "
		                        "save it as CSV UTF-8");
	bad = text_check((const unsigned char *)data, len);
	if (bad < len) {
		unsigned char c = (unsigned char)data[bad];
		long line, column;
		position_of(data, bad, &line, &column);
		if (bad < start)
			column = 1;
		if (c == 0)
			return ripple_diags_add(diags, RIPPLE_EINPUT, path, line, column,
			                        "NUL byte (is this a UTF-16 or binary file?)");
		if (bad_control(c))
			return ripple_diags_add(diags, RIPPLE_EINPUT, path, line, column,
			                        "control character 0x%02X (only tabs and line breaks "
			                        "may be in the text)", c);
		return ripple_diags_add(diags, RIPPLE_EINPUT, path, line, column,
		                        "invalid UTF-8 (save the file as UTF-8)");
	}

	csv = calloc(1, sizeof(*csv));
	if (!csv || !(csv->path = strdup(path)) || !(csv->buf = malloc(len + 2))) {
		ripple_csv_free(csv);
		return ripple_diags_add(diags, RIPPLE_ENOMEM, path, 0, 0, "out of memory");
	}
	memcpy(csv->buf, data, len);
	csv->buf[len] = csv->buf[len + 1] = '\0';
	rc = csv_records(csv, start, len, diags);
	if (rc == RIPPLE_OK && ripple_diags_total(diags) != before)
		rc = RIPPLE_EINPUT;
	if (rc < 0) {
		ripple_csv_free(csv);
		return rc;
	}
	*out = csv;
	return RIPPLE_OK;
}

int ripple_csv_read(ripple_csv **out, const char *path, ripple_diags *diags)
{
	char *data = NULL;
	size_t len = 0;
	ripple_error err;
	int rc;

	*out = NULL;
	rc = ripple_read_file(&data, &len, path, RIPPLE_CSV_MAX_FILE, &err);
	if (rc < 0) {
		ripple_diags_add_error(diags, &err);
		return rc;
	}
	rc = ripple_csv_parse(out, path, data, len, diags);
	free(data);
	return rc;
}

void ripple_csv_free(ripple_csv *csv)
{
	if (!csv)
		return;
	free(csv->path);
	free(csv->header);
	free(csv->cells);
	free(csv->lines);
	free(csv->buf);
	free(csv);
}

long ripple_csv_column(const ripple_csv *csv, const char *name)
{
	for (size_t i = 0; i < csv->ncols; i++)
		if (strcmp(csv->header[i], name) == 0)
			return (long)i;
	return -1;
}

/* 1 when s, with its invisible characters (ripple_invisible_char) left out, is name. */
static int same_but_invisible(const char *s, const char *name)
{
	while (*s) {
		size_t n = ripple_invisible_char(s, NULL);
		if (n)
			s += n;
		else if (*s++ != *name++)
			return 0;
	}
	return *name == '\0';
}

long ripple_csv_column_hidden(const ripple_csv *csv, const char *name)
{
	for (size_t i = 0; i < csv->ncols; i++)
		if (strcmp(csv->header[i], name) != 0 && same_but_invisible(csv->header[i], name))
			return (long)i;
	return -1;
}

/* ---- tables built in memory (place.h) ------------------------------------ */

/* Appends s and its NUL to the text; records its offset. */
static void builder_put(ripple_csv_builder *b, const char *s)
{
	size_t n = strlen(s ? s : "");

	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap + n + 1) * 2;
		char *t = realloc(b->text, cap);
		if (!t) {
			b->failed = 1;
			return;
		}
		b->text = t;
		b->cap = cap;
	}
	if (b->noffs == b->offcap) {
		size_t cap = b->offcap ? b->offcap * 2 : 64;
		size_t *o = realloc(b->offs, cap * sizeof(*o));
		if (!o) {
			b->failed = 1;
			return;
		}
		b->offs = o;
		b->offcap = cap;
	}
	b->offs[b->noffs++] = b->len;
	memcpy(b->text + b->len, s ? s : "", n + 1);
	b->len += n + 1;
}

void ripple_csv_builder_init(ripple_csv_builder *b, const char *path, long header_line,
                             const char *const *header, size_t ncols)
{
	memset(b, 0, sizeof(*b));
	b->path = strdup(path);
	b->failed = !b->path;
	b->header_line = header_line;
	b->ncols = ncols;
	for (size_t i = 0; i < ncols; i++)
		builder_put(b, header[i]);
}

void ripple_csv_builder_row(ripple_csv_builder *b, long line)
{
	if (b->failed)
		return;
	if (b->nrows == b->linecap) {
		size_t cap = b->linecap ? b->linecap * 2 : 32;
		long *l = realloc(b->lines, cap * sizeof(*l));
		if (!l) {
			b->failed = 1;
			return;
		}
		b->lines = l;
		b->linecap = cap;
	}
	b->lines[b->nrows++] = line;
}

void ripple_csv_builder_cell(ripple_csv_builder *b, const char *text)
{
	builder_put(b, text);
}

void ripple_csv_builder_release(ripple_csv_builder *b)
{
	free(b->path);
	free(b->text);
	free(b->offs);
	free(b->lines);
	memset(b, 0, sizeof(*b));
}

int ripple_csv_builder_finish(ripple_csv **out, ripple_csv_builder *b)
{
	ripple_csv *csv = NULL;
	size_t ncells = b->nrows * b->ncols;

	*out = NULL;
	/* a row short of cells is a bug in the caller, not bad input */
	if (!b->failed && b->noffs != b->ncols + ncells)
		b->failed = 1;
	if (b->failed || !(csv = calloc(1, sizeof(*csv))))
		goto nomem;
	csv->header = malloc((b->ncols ? b->ncols : 1) * sizeof(*csv->header));
	csv->cells = malloc((ncells ? ncells : 1) * sizeof(*csv->cells));
	csv->lines = malloc((b->nrows ? b->nrows : 1) * sizeof(*csv->lines));
	if (!csv->header || !csv->cells || !csv->lines)
		goto nomem;
	csv->path = b->path;
	csv->buf = b->text;
	b->path = b->text = NULL;
	csv->ncols = b->ncols;
	csv->nrows = b->nrows;
	csv->header_line = b->header_line;
	for (size_t i = 0; i < b->ncols; i++)
		csv->header[i] = csv->buf + b->offs[i];
	for (size_t i = 0; i < ncells; i++)
		csv->cells[i] = csv->buf + b->offs[b->ncols + i];
	if (b->nrows)
		memcpy(csv->lines, b->lines, b->nrows * sizeof(*csv->lines));
	ripple_csv_builder_release(b);
	*out = csv;
	return RIPPLE_OK;
nomem:
	ripple_csv_free(csv);
	ripple_csv_builder_release(b);
	return RIPPLE_ENOMEM;
}

const char *ripple_number_text(char *buf, size_t size, double v, int integer, int fixed)
{
	if (!isfinite(v))
		snprintf(buf, size, "%s", "");
	else if (fabs(v) < 1e-12)
		snprintf(buf, size, "%s", "0");
	else if (integer)
		snprintf(buf, size, "%.0f", v);
	else if (fixed && fabs(v) < 1e9)
		snprintf(buf, size, "%.6f", v);
	else
		snprintf(buf, size, "%.12g", v);
	return buf;
}

/* ---- the formula guard (OWASP, "CSV Injection") ------------------------- */

/*
 * Bytes of the trigger at the start of s, or 0: = + - @ tab CR LF, and their
 * full-width forms U+FF1D U+FF0B U+FF0D U+FF20, which some spreadsheets read
 * as the same operators.
 */
static size_t trigger_len(const char *s)
{
	static const char *const wide[] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B",
	                                    "\xEF\xBC\x8D", "\xEF\xBC\xA0" };

	if (*s && strchr("=+-@\t\r\n", *s))
		return 1;
	for (size_t i = 0; i < 4; i++)
		if (strncmp(s, wide[i], 3) == 0)
			return 3;
	return 0;
}

/* 1 when s is a plain decimal number ([+-]digits[.digits][e[+-]digits]): a number, not a formula. */
static int plain_number(const char *s)
{
	size_t digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

int ripple_csv_formula_guarded(const char *s)
{
	const char *p = s;

	if (!s)
		return 0;
	while (*p == '\'')
		p++;
	if (!trigger_len(p))
		return 0;
	return p != s || !plain_number(s);
}

/* The piece of text at p up to the next ';' or tab: a cell of its own to a
 * spreadsheet that splits a comma file there. 1 when it needs the guard, by
 * ripple_csv_formula_guarded's rule (a number up to 63 characters is a number). */
static int piece_guarded(const char *p)
{
	size_t n = strcspn(p, ";\t");
	const char *q = p;
	char num[64];

	while (q < p + n && *q == '\'')
		q++;
	if (q == p + n || !trigger_len(q))
		return 0;
	if (q != p || n >= sizeof(num))
		return 1;
	memcpy(num, p, n);
	num[n] = '\0';
	return !plain_number(num);
}

int ripple_csv_split_guarded(const char *s, size_t i)
{
	return s && i > 0 && (s[i - 1] == ';' || s[i - 1] == '\t') && piece_guarded(s + i);
}

/* 1 when the guard puts an apostrophe inside s (ripple_csv_split_guarded). */
static int split_guarded_any(const char *s)
{
	for (size_t i = 1; s && s[0] && s[i - 1]; i++)
		if (ripple_csv_split_guarded(s, i))
			return 1;
	return 0;
}

/* Undoes the apostrophes ripple_csv_split_guarded put inside s, in place. */
static void unguard_split(char *s)
{
	for (size_t i = 1; s && s[0] && s[i - 1]; i++)
		if ((s[i - 1] == ';' || s[i - 1] == '\t') && s[i] == '\'' && piece_guarded(s + i + 1))
			memmove(s + i, s + i + 1, strlen(s + i + 1) + 1);
}

const char *ripple_csv_unguard(const char *s)
{
	if (s && s[0] == '\'' && ripple_csv_formula_guarded(s + 1))
		return s + 1;
	return s;
}

void ripple_csv_unguard_all(ripple_csv *csv)
{
	for (size_t i = 0; i < csv->ncols; i++) {
		csv->header[i] = (char *)ripple_csv_unguard(csv->header[i]);
		unguard_split(csv->header[i]);
	}
	for (size_t i = 0; i < csv->nrows * csv->ncols; i++) {
		csv->cells[i] = (char *)ripple_csv_unguard(csv->cells[i]);
		unguard_split(csv->cells[i]);
	}
}

void ripple_csv_write_cell(FILE *out, const char *s, int guard)
{
	int prefix = guard && ripple_csv_formula_guarded(s);
	int split = guard && split_guarded_any(s);

	if (!s)
		return;
	if (!prefix && !split && !strpbrk(s, ",\"\r\n") && s[0] != ' ' &&
	    (!*s || s[strlen(s) - 1] != ' ')) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (prefix)
		fputc('\'', out);
	for (size_t i = 0; s[i]; i++) {
		if (split && ripple_csv_split_guarded(s, i))
			fputc('\'', out);
		if (s[i] == '"')
			fputc('"', out);
		fputc(s[i], out);
	}
	fputc('"', out);
}

void ripple_csv_write_field(FILE *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

char *ripple_csv_trimmed(ripple_csv *csv, size_t row, long col)
{
	char **c;

	if (col < 0)
		return (char *)"";
	c = &csv->cells[row * csv->ncols + (size_t)col];
	*c = ripple_trim(*c);
	return *c;
}
