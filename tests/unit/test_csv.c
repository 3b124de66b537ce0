/*
 * test_csv.c - the RFC 4180 reader: what it accepts, and where it says problems are.
 */
#include "helpers.h"
#include "csv.h"   /* ripple_csv_unguard_all */

/* Parses text; asserts it parsed; returns the table. */
static ripple_csv *parse_ok(const char *text)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_csv *csv = NULL;
	int rc = ripple_csv_parse(&csv, "t.csv", text, strlen(text), &d);
	for (size_t i = 0; i < d.count; i++)
		fprintf(stderr, "unexpected: %ld:%ld %s\n", d.items[i].line, d.items[i].column,
		        d.items[i].message);
	assert_int_equal(rc, RIPPLE_OK);
	assert_int_equal(d.count, 0);
	ripple_diags_release(&d);
	return csv;
}

/* Parses text that must be refused; returns the problems. */
static ripple_diags parse_bad(const char *text, size_t len)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_csv *csv = NULL;
	int rc = ripple_csv_parse(&csv, "t.csv", text, len, &d);
	assert_int_equal(rc, RIPPLE_EINPUT);
	assert_null(csv);
	assert_true(d.count > 0);
	return d;
}

static void test_csv__reads_header_and_rows(void **state)
{
	(void)state;
	ripple_csv *csv = parse_ok("id,label\na,Alpha\nb,Beta\n");
	assert_int_equal(csv->ncols, 2);
	assert_int_equal(csv->nrows, 2);
	assert_string_equal(csv->header[1], "label");
	assert_string_equal(ripple_csv_cell(csv, 1, 1), "Beta");
	assert_int_equal(csv->lines[0], 2);
	assert_int_equal(csv->lines[1], 3);
	assert_int_equal(ripple_csv_column(csv, "label"), 1);
	assert_int_equal(ripple_csv_column(csv, "nope"), -1);
	ripple_csv_free(csv);
}

static void test_csv__unquotes_commas_doubled_quotes_and_newlines(void **state)
{
	(void)state;
	ripple_csv *csv = parse_ok("id,label\n"
	                           "a,\"Smith, Jones\"\n"
	                           "b,\"say \"\"hi\"\"\"\n"
	                           "c,\"two\nlines\"\n"
	                           "d,\"\"\n"
	                           "e,last\n");
	assert_int_equal(csv->nrows, 5);
	assert_string_equal(ripple_csv_cell(csv, 0, 1), "Smith, Jones");
	assert_string_equal(ripple_csv_cell(csv, 1, 1), "say \"hi\"");
	assert_string_equal(ripple_csv_cell(csv, 2, 1), "two\nlines");
	assert_string_equal(ripple_csv_cell(csv, 3, 1), "");
	/* a record after a two-line field starts on the physical line after it */
	assert_int_equal(csv->lines[2], 4);
	assert_int_equal(csv->lines[3], 6);
	assert_int_equal(csv->lines[4], 7);
	ripple_csv_free(csv);
}

static void test_csv__accepts_crlf_bom_and_no_final_newline(void **state)
{
	(void)state;
	ripple_csv *csv = parse_ok("\xEF\xBB\xBFId ,Label\r\na,\"x\r\ny\"\r\nb,B");
	assert_string_equal(csv->header[0], "id");   /* BOM gone, trimmed, lower case */
	assert_string_equal(csv->header[1], "label");
	assert_int_equal(csv->nrows, 2);
	assert_string_equal(ripple_csv_cell(csv, 0, 1), "x\r\ny");
	assert_string_equal(ripple_csv_cell(csv, 1, 1), "B");
	assert_int_equal(csv->lines[1], 4);
	ripple_csv_free(csv);
}

static void test_csv__skips_blank_lines_and_keeps_empty_last_field(void **state)
{
	(void)state;
	ripple_csv *csv = parse_ok("a,b\n\n1,\n\n2,x\n\n\n");
	assert_int_equal(csv->nrows, 2);
	assert_string_equal(ripple_csv_cell(csv, 0, 1), "");
	assert_int_equal(csv->lines[0], 3);
	assert_int_equal(csv->lines[1], 5);
	ripple_csv_free(csv);
	csv = parse_ok("a,b\n1,");
	assert_int_equal(csv->nrows, 1);
	assert_string_equal(ripple_csv_cell(csv, 0, 0), "1");
	assert_string_equal(ripple_csv_cell(csv, 0, 1), "");
	ripple_csv_free(csv);
}

static void test_csv__rejects_unclosed_quote_at_its_opening(void **state)
{
	(void)state;
	const char *text = "id,label\na,ok\nb,\"never\nends\n";
	ripple_diags d = parse_bad(text, strlen(text));
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].column, 3);
	assert_non_null(strstr(d.items[0].message, "unclosed quote"));
	ripple_diags_release(&d);
}

static void test_csv__rejects_quote_inside_unquoted_field(void **state)
{
	(void)state;
	const char *text = "id,label\na,5\" pipe\n";
	ripple_diags d = parse_bad(text, strlen(text));
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 4);
	assert_non_null(strstr(d.items[0].message, "quote inside an unquoted field"));
	ripple_diags_release(&d);
}

static void test_csv__rejects_text_after_closing_quote(void **state)
{
	(void)state;
	const char *text = "id,label\n\"a\"b,x\n";
	ripple_diags d = parse_bad(text, strlen(text));
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 4);
	assert_non_null(strstr(d.items[0].message, "after a closing quote"));
	ripple_diags_release(&d);
}

static void test_csv__reports_every_row_of_wrong_width(void **state)
{
	(void)state;
	const char *text = "a,b,c\n1,2,3\n1,2\n1,2,3\n1,2,3,4\n";
	ripple_diags d = parse_bad(text, strlen(text));
	assert_int_equal(d.count, 2);
	assert_diag(&d, "t.csv", 3, "expected 3 fields as in the header, found 2");
	assert_diag(&d, "t.csv", 5, "found 4");
	ripple_diags_release(&d);
}

static void test_csv__rejects_invalid_utf8_with_position(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"a,b\nx,caf\xE9\n",              /* Latin-1 e-acute */
		"a,b\nx,\xC0\xAF\n",             /* overlong '/' */
		"a,b\nx,\xED\xA0\x80\n",         /* surrogate */
		"a,b\nx,\xF4\x90\x80\x80\n",     /* above U+10FFFF */
		"a,b\nx,\xE2\x82\n",             /* truncated */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ripple_diags d = parse_bad(bad[i], strlen(bad[i]));
		assert_int_equal(d.items[0].line, 2);
		assert_non_null(strstr(d.items[0].message, "invalid UTF-8"));
		ripple_diags_release(&d);
	}
	ripple_diags d = parse_bad("a,b\nx,caf\xE9\n", 10);
	assert_int_equal(d.items[0].column, 6);
	ripple_diags_release(&d);
	/* valid multi-byte text passes */
	ripple_csv *csv = parse_ok("a,b\n\xC3\xA9,\xE2\x82\xAC \xF0\x9F\x98\x80\n");
	assert_string_equal(ripple_csv_cell(csv, 0, 1), "\xE2\x82\xAC \xF0\x9F\x98\x80");
	ripple_csv_free(csv);
}

static void test_csv__rejects_nul_byte(void **state)
{
	(void)state;
	const char text[] = "a,b\nx,y\0z\n";
	ripple_diags d = parse_bad(text, sizeof(text) - 1);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].column, 4);
	assert_non_null(strstr(d.items[0].message, "NUL byte"));
	ripple_diags_release(&d);
}

static void test_csv__rejects_control_characters_but_tabs_and_line_breaks(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"a,b\nx,be\all\n",           /* BEL */
		"a,b\nx,esc\x1b[31m\n",      /* a terminal colour code */
		"a,b\nx,del\x7f\n",          /* DEL */
		"a,b\r\nx,ff\f\r\n",       /* form feed */
	};
	static const long column[] = { 5, 6, 6, 5 };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ripple_diags d = parse_bad(bad[i], strlen(bad[i]));
		assert_int_equal(d.count, 1);
		assert_int_equal(d.items[0].line, 2);
		assert_int_equal(d.items[0].column, column[i]);
		assert_non_null(strstr(d.items[0].message, "control character 0x"));
		ripple_diags_release(&d);
	}
	ripple_csv *csv = parse_ok("a,b\nx,\"tab\there\r\nand a line\"\n");
	assert_string_equal(ripple_csv_cell(csv, 0, 1), "tab\there\r\nand a line");
	ripple_csv_free(csv);
}

static void test_csv__says_a_file_is_utf16_or_a_zip(void **state)
{
	(void)state;
	const char utf16[] = "\xFF\xFEi\0d\0\n\0";
	ripple_diags d = parse_bad(utf16, sizeof(utf16) - 1);
	assert_diag(&d, "t.csv", 1, "a UTF-16 file");
	assert_int_equal(d.items[0].column, 1);
	ripple_diags_release(&d);
	const char zip[] = "PK\x03\x04\x14\0\x06\0";
	d = parse_bad(zip, sizeof(zip) - 1);
	assert_diag(&d, "t.csv", 1, "a zip file, not text");
	ripple_diags_release(&d);
}

/* A header of n fields c0,c1,... then one row of "x" and n - 1 empty fields. */
static char *wide_text(size_t n)
{
	char *s = malloc(9 * n + 3), *p = s;
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%sc%zu", i ? "," : "", i);
	*p++ = '\n';
	*p++ = 'x';          /* a row of empty fields alone would be skipped */
	for (size_t i = 1; i < n; i++)
		*p++ = ',';
	*p++ = '\n';
	*p = '\0';
	return s;
}

static void test_csv__limits_fields_to_a_spreadsheet_row(void **state)
{
	(void)state;
	/* the limit itself passes */
	char *text = wide_text(RIPPLE_CSV_MAX_FIELDS);
	ripple_csv *csv = parse_ok(text);
	assert_int_equal(csv->ncols, RIPPLE_CSV_MAX_FIELDS);
	assert_int_equal(csv->nrows, 1);
	ripple_csv_free(csv);
	free(text);
	ripple_diags d;
	/* one more is refused once, at the row, not as 16385 empty names */
	text = wide_text(RIPPLE_CSV_MAX_FIELDS + 1);
	d = parse_bad(text, strlen(text));
	assert_int_equal(d.count, 1);
	assert_diag(&d, "t.csv", 1, "more than 16384 fields in one row");
	ripple_diags_release(&d);
	free(text);
	/* a data row of a million commas stops at the limit */
	size_t n = 1000000;
	text = malloc(n + 16);
	assert_non_null(text);
	memcpy(text, "a,b\n", 4);
	memset(text + 4, ',', n);
	text[n + 4] = '\0';
	d = parse_bad(text, n + 4);
	assert_int_equal(d.count, 1);
	assert_diag(&d, "t.csv", 2, "more than 16384 fields in one row");
	ripple_diags_release(&d);
	free(text);
}

static void test_csv__refuses_a_field_over_1_mib_where_it_starts(void **state)
{
	(void)state;
	size_t n = RIPPLE_CSV_MAX_FIELD + 1;
	char *text = malloc(n + 32);
	assert_non_null(text);
	/* the field opens on line 3, column 3 and goes on to line 4 */
	size_t len = (size_t)sprintf(text, "a,b\nx,y\nz,\"\n");
	memset(text + len, 'x', n);
	len += n;
	len += (size_t)sprintf(text + len, "\"\n");
	ripple_diags d = parse_bad(text, len);
	assert_int_equal(d.count, 1);
	assert_diag(&d, "t.csv", 3, "field longer than the limit of 1048576 bytes");
	assert_int_equal(d.items[0].column, 3);
	ripple_diags_release(&d);
	/* exactly 1 MiB is accepted */
	len = (size_t)sprintf(text, "a\n");
	memset(text + len, 'x', n - 1);
	len += n - 1;
	ripple_diags ok = RIPPLE_DIAGS_INIT;
	ripple_csv *csv = NULL;
	assert_int_equal(ripple_csv_parse(&csv, "t.csv", text, len, &ok), RIPPLE_OK);
	assert_int_equal(strlen(ripple_csv_cell(csv, 0, 0)), RIPPLE_CSV_MAX_FIELD);
	ripple_csv_free(csv);
	ripple_diags_release(&ok);
	free(text);
}

static void test_csv__rejects_empty_file_and_bad_header(void **state)
{
	(void)state;
	ripple_diags d = parse_bad("", 0);
	assert_diag(&d, "t.csv", 1, "empty file");
	ripple_diags_release(&d);
	d = parse_bad("\n\n", 2);
	assert_diag(&d, "t.csv", 1, "empty file");
	ripple_diags_release(&d);
	d = parse_bad("id,,label\nx,1,y\n", 16);   /* unnamed, but holds a value */
	assert_diag(&d, "t.csv", 1, "empty column name");
	ripple_diags_release(&d);
	d = parse_bad("id,label,ID\n", 12);
	assert_diag(&d, "t.csv", 1, "column \"id\" appears twice");
	ripple_diags_release(&d);
}

/* Issue 22: what Excel adds after the data carries nothing and is skipped. */
static void test_csv__skips_excel_empty_rows_and_unnamed_empty_columns(void **state)
{
	(void)state;
	ripple_csv *csv = parse_ok("id,label,,\r\na,A,,\r\n,,,\r\nb,,,\r\n,,,,,,\r\n");
	assert_int_equal(csv->ncols, 2);
	assert_string_equal(csv->header[1], "label");
	assert_int_equal(csv->nrows, 2);
	assert_string_equal(ripple_csv_cell(csv, 1, 0), "b");
	assert_int_equal(csv->lines[1], 4);
	ripple_csv_free(csv);
	/* a quoted empty row is a row (the reader of the table says what is missing) */
	csv = parse_ok("id,label\n\"\",\n");
	assert_int_equal(csv->nrows, 1);
	ripple_csv_free(csv);
}

/* Issue 22: a ';' or tab file is named once, at line 1, with what to do. */
static void test_csv__names_another_separator_at_line_1(void **state)
{
	(void)state;
	ripple_diags d = parse_bad("id;label\na;A\nb;B,C\n", 19);
	assert_int_equal(d.count, 1);
	assert_diag(&d, "t.csv", 1, "this file is separated by ';', not ','; in Excel: "
	            "Save As > CSV UTF-8");
	ripple_diags_release(&d);
	d = parse_bad("id\tlabel\na\tA\n", 13);
	assert_int_equal(d.count, 1);
	assert_diag(&d, "t.csv", 1, "this file is separated by tabs, not ','");
	ripple_diags_release(&d);
}

/* Writes s through the guard into a string (static buffer). */
static const char *guarded(const char *s, int guard)
{
	static char buf[256];
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	assert_non_null(f);
	ripple_csv_write_cell(f, s, guard);
	fclose(f);
	return buf;
}

/* Issue 22: OWASP's formula guard, and its exact inverse. */
static void test_csv__guards_formulas_and_unguards_exactly(void **state)
{
	(void)state;
	assert_string_equal(guarded("=1+2", 1), "\"'=1+2\"");
	assert_string_equal(guarded("@SUM(A1)", 1), "\"'@SUM(A1)\"");
	assert_string_equal(guarded("+44 1604", 1), "\"'+44 1604\"");
	assert_string_equal(guarded("-1+1", 1), "\"'-1+1\"");
	assert_string_equal(guarded("\tx", 1), "\"'\tx\"");
	assert_string_equal(guarded("\xEF\xBC\x9D" "1", 1), "\"'\xEF\xBC\x9D" "1\"");
	assert_string_equal(guarded("'=x", 1), "\"''=x\"");
	assert_string_equal(guarded("-0.25", 1), "-0.25");      /* a number */
	assert_string_equal(guarded("+1e-3", 1), "+1e-3");
	assert_string_equal(guarded("=1+2", 0), "=1+2");
	assert_string_equal(guarded("a;b", 0), "a;b");
	static const char *const texts[] = { "=1+2", "'=1+2", "''=x", "'-1", "-1", "'quoted'",
	                                     "'", "", "plain", "'@", "@" };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char in[64];
		snprintf(in, sizeof(in), "%s%s", ripple_csv_formula_guarded(texts[i]) ? "'" : "",
		         texts[i]);
		assert_string_equal(ripple_csv_unguard(in), texts[i]);
	}
	assert_string_equal(ripple_csv_unguard("'-1"), "'-1");     /* never written by the guard */
	assert_string_equal(ripple_csv_unguard("'quoted'"), "'quoted'");
}

/* Issue 22: a spreadsheet that splits a comma file at ';' or a tab (OWASP:
 * "take care of the field separator") sees "a;=1" as "a" and "=1": the piece
 * after the separator gets the apostrophe, and unguard_all takes it away. */
static void test_csv__guards_formulas_after_a_semicolon_or_tab(void **state)
{
	(void)state;
	assert_string_equal(guarded("a;=1", 1), "\"a;'=1\"");
	assert_string_equal(guarded("a\t=1", 1), "\"a\t'=1\"");
	assert_string_equal(guarded("a;b;@x;c", 1), "\"a;b;'@x;c\"");
	assert_string_equal(guarded("=1;=2", 1), "\"'=1;'=2\"");
	assert_string_equal(guarded("x;'=1", 1), "\"x;''=1\"");
	assert_string_equal(guarded("a;-1", 1), "a;-1");        /* a number */
	assert_string_equal(guarded("a; =1", 1), "a; =1");      /* a space first: text */
	assert_string_equal(guarded("a;b", 1), "a;b");
	assert_string_equal(guarded("a;=1", 0), "a;=1");
	static const char *const texts[] = { "a;=1", "a\t=1", "x;'=1", "x;''=1", "a;'x", "a;'-1",
	                                     "\t=1", "=1;=2", ";", "a;", ";=", "a;-1;+x", "'=1;'" };
	enum { N = sizeof(texts) / sizeof(texts[0]) };
	char cell[N][64], *cells[N];
	ripple_csv csv = { .ncols = 1, .nrows = N, .cells = cells, .header = NULL };
	char head[] = "h";
	char *header[1] = { head };
	csv.header = header;
	for (size_t i = 0; i < N; i++) {
		char *out = (char *)guarded(texts[i], 1);
		size_t len = strlen(out);
		/* the cell as a reader gets it: without the quotes and doubled quotes */
		if (out[0] == '"') {
			memmove(out, out + 1, len);
			out[len - 2] = '\0';
		}
		snprintf(cell[i], sizeof(cell[i]), "%s", out);
		cells[i] = cell[i];
	}
	ripple_csv_unguard_all(&csv);
	for (size_t i = 0; i < N; i++)
		assert_string_equal(cells[i], texts[i]);
}

/* ripple_text_shown into a buffer of size bytes (issue 22: invisible characters in messages). */
static const char *shown(const char *s, size_t size)
{
	static char buf[256];
	ripple_text_shown(buf, size, s);
	return buf;
}

static void test_csv__messages_show_invisible_characters(void **state)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	(void)state;
	assert_string_equal(shown("wnc-sportdev\xC2\xA0", 256), "wnc-sportdev<U+00A0>");
	assert_string_equal(shown("\xEF\xBB\xBFid", 256), "<U+FEFF>id");          /* a BOM */
	assert_string_equal(shown("zero\xE2\x80\x8Bwidth", 256), "zero<U+200B>width");
	assert_string_equal(shown("a\xE2\x80\xAE" "b\xE3\x80\x80", 256), "a<U+202E>b<U+3000>");
	assert_string_equal(shown("tag\xF3\xA0\x80\x81", 256), "tag<U+E0001>");
	/* visible text, however far from ASCII, is kept; so are bytes that are not UTF-8 */
	assert_string_equal(shown("caf\xC3\xA9 \xF0\x9F\x8E\x89 \xEF\xBC\x9D \xFF", 256),
	                    "caf\xC3\xA9 \xF0\x9F\x8E\x89 \xEF\xBC\x9D \xFF");
	/* cut whole: never half a character or half a <U+XXXX> */
	assert_string_equal(shown("ab\xC2\xA0", 8), "ab");
	assert_string_equal(shown("ab\xC3\xA9", 4), "ab");
	assert_string_equal(shown("ab\xC3\xA9", 5), "ab\xC3\xA9");
	/* every message goes through it */
	ripple_diags_add(&d, RIPPLE_EINPUT, "t.csv", 2, 0, "unknown actor \"%s\"", "wnc\xC2\xA0");
	assert_string_equal(d.items[0].message, "unknown actor \"wnc<U+00A0>\"");
	ripple_diags_release(&d);
}

static void test_csv__finds_a_column_name_with_an_invisible_character(void **state)
{
	(void)state;
	ripple_csv *csv = parse_ok("\xEF\xBB\xBF\xEF\xBB\xBFid,tar\xE2\x80\x8Bget,wave\nx,y,w\n");
	assert_int_equal(ripple_csv_column(csv, "id"), -1);            /* one BOM skipped, not two */
	assert_int_equal(ripple_csv_column_hidden(csv, "id"), 0);
	assert_int_equal(ripple_csv_column_hidden(csv, "target"), 1);
	assert_int_equal(ripple_csv_column_hidden(csv, "wave"), -1);   /* there as it is */
	assert_int_equal(ripple_csv_column_hidden(csv, "source"), -1);
	ripple_csv_free(csv);
}

static void test_csv__reads_files_and_refuses_folders(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char path[1100];
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_csv *csv = NULL;

	write_file(dir, "x.csv", "id\nq\n");
	snprintf(path, sizeof(path), "%s/x.csv", dir);
	assert_int_equal(ripple_csv_read(&csv, path, &d), RIPPLE_OK);
	assert_string_equal(ripple_csv_cell(csv, 0, 0), "q");
	assert_string_equal(csv->path, path);
	ripple_csv_free(csv);
	assert_true(ripple_csv_read(&csv, dir, &d) < 0);
	assert_non_null(strstr(d.items[0].message, "is a directory"));
	ripple_diags_release(&d);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv__reads_header_and_rows),
		cmocka_unit_test(test_csv__unquotes_commas_doubled_quotes_and_newlines),
		cmocka_unit_test(test_csv__accepts_crlf_bom_and_no_final_newline),
		cmocka_unit_test(test_csv__skips_blank_lines_and_keeps_empty_last_field),
		cmocka_unit_test(test_csv__rejects_unclosed_quote_at_its_opening),
		cmocka_unit_test(test_csv__rejects_quote_inside_unquoted_field),
		cmocka_unit_test(test_csv__rejects_text_after_closing_quote),
		cmocka_unit_test(test_csv__reports_every_row_of_wrong_width),
		cmocka_unit_test(test_csv__rejects_invalid_utf8_with_position),
		cmocka_unit_test(test_csv__rejects_nul_byte),
		cmocka_unit_test(test_csv__rejects_control_characters_but_tabs_and_line_breaks),
		cmocka_unit_test(test_csv__says_a_file_is_utf16_or_a_zip),
		cmocka_unit_test(test_csv__limits_fields_to_a_spreadsheet_row),
		cmocka_unit_test(test_csv__refuses_a_field_over_1_mib_where_it_starts),
		cmocka_unit_test(test_csv__rejects_empty_file_and_bad_header),
		cmocka_unit_test(test_csv__reads_files_and_refuses_folders),
		cmocka_unit_test(test_csv__skips_excel_empty_rows_and_unnamed_empty_columns),
		cmocka_unit_test(test_csv__names_another_separator_at_line_1),
		cmocka_unit_test(test_csv__guards_formulas_and_unguards_exactly),
		cmocka_unit_test(test_csv__guards_formulas_after_a_semicolon_or_tab),
		cmocka_unit_test(test_csv__messages_show_invisible_characters),
		cmocka_unit_test(test_csv__finds_a_column_name_with_an_invisible_character),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
