/*
 * fuzz_csv.c - the CSV reader (engine/csv.c) on arbitrary bytes.
 *
 * Oracle: a table the reader accepts, written back through
 * ripple_csv_write_field (the writer every CSV ripple writes goes through),
 * reads back as the same header and cells. Left out: a one-column table with
 * an empty cell, which the writer writes as an empty line and the reader skips
 * as a blank one (ripple writes no one-column CSV).
 */
#include <string.h>

#include "fuzz.h"

/* ripple_csv_parse's table written as CSV (malloc'd, *len bytes). */
static char *write_table(const ripple_csv *csv, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	if (!f)
		return NULL;
	/* a BOM first, so a header name that itself starts with U+FEFF survives */
	fputs("\xEF\xBB\xBF", f);
	for (size_t r = 0; r <= csv->nrows; r++) {
		for (size_t c = 0; c < csv->ncols; c++) {
			if (c)
				fputc(',', f);
			ripple_csv_write_field(f, r ? ripple_csv_cell(csv, r - 1, c) : csv->header[c]);
		}
		fputs("\r\n", f);
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/*
 * 1 when the table cannot be written and read back as it is: one column and an
 * empty cell (an empty line is skipped), or one column whose name holds ';' or
 * a tab (a header of one such field is read as a file separated by ';' or tabs,
 * and refused with that said: issue 22).
 */
static int has_lone_empty_cell(const ripple_csv *csv)
{
	if (csv->ncols == 1 && strpbrk(csv->header[0], ";\t"))
		return 1;
	if (csv->ncols != 1)
		return 0;
	for (size_t r = 0; r < csv->nrows; r++)
		if (!*ripple_csv_cell(csv, r, 0))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_csv *csv = NULL, *again = NULL;
	char *text;
	size_t len;
	int rc;

	rc = ripple_csv_parse(&csv, "fuzz.csv", (const char *)data, size, &diags);
	fuzz_show(&diags);
	FUZZ_ASSERT((rc == RIPPLE_OK) == (csv != NULL), "a table returned with an error, or none without");
	FUZZ_ASSERT(rc == RIPPLE_OK || diags.count + diags.dropped > 0, "refused without a reason");
	for (size_t i = 0; i < diags.count; i++)
		FUZZ_ASSERT(diags.items[i].line >= 0 && diags.items[i].column >= 0 &&
		            *diags.items[i].message, "a problem without a place or a message");
	ripple_diags_release(&diags);
	if (!csv)
		return 0;

	FUZZ_ASSERT(csv->ncols > 0 && csv->header_line >= 1, "a table without a header");
	for (size_t c = 0; c < csv->ncols; c++)
		FUZZ_ASSERT(ripple_csv_column(csv, csv->header[c]) == (long)c,
		            "column \"%s\" not found where it is", csv->header[c]);
	for (size_t r = 1; r < csv->nrows; r++)
		FUZZ_ASSERT(csv->lines[r] > csv->lines[r - 1], "rows out of line order");

	if (!has_lone_empty_cell(csv) && (text = write_table(csv, &len))) {
		rc = ripple_csv_parse(&again, "again.csv", text, len, &diags);
		fuzz_show(&diags);
		FUZZ_ASSERT(rc == RIPPLE_OK, "a table written by ripple_csv_write_field does not read back");
		FUZZ_ASSERT(again->ncols == csv->ncols && again->nrows == csv->nrows,
		            "read back as %zu x %zu, written as %zu x %zu", again->nrows, again->ncols,
		            csv->nrows, csv->ncols);
		for (size_t c = 0; c < csv->ncols; c++)
			FUZZ_ASSERT(strcmp(again->header[c], csv->header[c]) == 0,
			            "header \"%s\" read back as \"%s\"", csv->header[c], again->header[c]);
		for (size_t i = 0; i < csv->nrows * csv->ncols; i++)
			FUZZ_ASSERT(strcmp(again->cells[i], csv->cells[i]) == 0,
			            "cell \"%s\" read back as \"%s\"", csv->cells[i], again->cells[i]);
		ripple_csv_free(again);
		ripple_diags_release(&diags);
		free(text);
	}
	ripple_csv_free(csv);
	return 0;
}
