/*
 * output.c - messages on stderr and tables on stdout (table, CSV or JSON).
 *
 * CSV follows RFC 4180 (quoted when needed, CRLF-free LF lines, UTF-8), JSON is
 * an array of objects with the column names as keys, a table is aligned
 * columns for reading. All three escape what they must; none interprets text.
 * What is meant for a terminal (tables, one-line summaries, messages) goes
 * through cli_put_text, so no control character in user text reaches it.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void cli_put_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F) {
			fputc(' ', out);          /* a C1 control, U+0080..U+009F (0x9B is CSI) */
			s++;
		} else {
			fputc(c < 0x20 || c == 0x7F ? ' ' : c, out);
		}
	}
}

/*
 * Formats fmt into a line for a terminal: through cli_put_text, then '\n'. A
 * message (out is stderr) shows its invisible characters as <U+XXXX>, as the
 * engine's messages do (ripple_text_shown).
 */
static void put_line(FILE *out, const char *prefix, const char *fmt, va_list ap)
{
	char *s = NULL, *shown = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);

	if (m) {
		vfprintf(m, fmt, ap);
		if (fclose(m) != 0) {
			free(s);
			s = NULL;
		}
	}
	/* 2 to 4 bytes become at most 10 ("<U+E007F>" and its NUL): 5 per byte is room */
	if (s && out == stderr && len < SIZE_MAX / 5 && (shown = malloc(len * 5 + 1)))
		ripple_text_shown(shown, len * 5 + 1, s);
	fputs(prefix, out);
	cli_put_text(out, shown ? shown : s ? s : fmt);   /* out of memory: without its values */
	fputc('\n', out);
	free(shown);
	free(s);
}

void cli_print_line(FILE *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_line(out, "", fmt, ap);
	va_end(ap);
}

int cli_model_level(ripple_model **m, int level)
{
	ripple_model *r = NULL;
	ripple_error err = { 0 };

	if (level != RIPPLE_LEVEL_ORGANISATION)
		return 0;
	if (ripple_model_rollup(&r, *m, &err) < 0)
		return cli_error(&err);
	ripple_model_free(*m);
	*m = r;
	return 0;
}

int cli_share_check(const char *cmd, const cli_share_options *s)
{
	if (s->pseudonymise && !s->secret_file)
		return cli_usage_error(cmd, "--pseudonymise needs the secret that keys the codes: give "
		                       "--secret-file FILE (e.g. head -c 32 /dev/urandom > FILE)");
	if (!s->pseudonymise && s->secret_file)
		return cli_usage_error(cmd, "--secret-file keys --pseudonymise: give it too");
	return 0;
}

/* The secret: the first 4096 bytes of path, as they are (a longer file keys by those). */
static int read_secret(unsigned char *secret, size_t *len, const char *path)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return cli_fail(2, "%s: cannot read the secret: %s", path, strerror(errno));
	*len = fread(secret, 1, 4096, f);
	if (ferror(f)) {
		fclose(f);
		return cli_fail(1, "%s: cannot read the secret: %s", path, strerror(errno));
	}
	fclose(f);
	return 0;
}

int cli_model_share(ripple_model *m, const cli_share_options *s)
{
	ripple_error err = { 0 };
	unsigned char secret[4096];
	size_t len = 0;
	int status = 0;

	if (!s->pseudonymise)
		return 0;
	if ((status = read_secret(secret, &len, s->secret_file)) != 0)
		return status;
	if (len < RIPPLE_PSEUDO_MIN_SECRET)
		status = cli_fail(2, "%s: a secret of %zu bytes is too short to key the codes: give at "
		                  "least %d (e.g. head -c 32 /dev/urandom > %s)", s->secret_file, len,
		                  RIPPLE_PSEUDO_MIN_SECRET, s->secret_file);
	else if (ripple_model_pseudonymise(m, secret, len, (enum ripple_pseudo_scope)s->pseudonymise,
	                                   &err) < 0)
		status = cli_error(&err);
	memset(secret, 0, sizeof(secret));
	return status;
}

int cli_error(const ripple_error *err)
{
	char buf[2048];

	ripple_error_format(err, buf, sizeof(buf));
	fputs("ripple: ", stderr);
	cli_put_text(stderr, buf);
	fputc('\n', stderr);
	return ripple_exit_status(err->code);
}

int cli_fail(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_line(stderr, "ripple: ", fmt, ap);
	va_end(ap);
	return status;
}

int cli_diags(ripple_diags *d)
{
	int status = 0;

	ripple_diags_sort(d);
	for (size_t i = 0; i < d->count; i++) {
		int s = cli_error(&d->items[i]);
		if (s > status)
			status = s;
	}
	if (d->dropped)
		fprintf(stderr, "ripple: ... and %zu more problems not shown\n", d->dropped);
	if (status == 0 && d->dropped)
		status = 2;
	return status;
}

int cli_usage_error(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_line(stderr, "ripple: ", fmt, ap);
	va_end(ap);
	cli_usage(stderr, name);
	return 2;
}

int cli_format_parse(const char *s)
{
	if (strcmp(s, "table") == 0)
		return CLI_TABLE;
	if (strcmp(s, "csv") == 0)
		return CLI_CSV;
	if (strcmp(s, "json") == 0)
		return CLI_JSON;
	return -1;
}

void cli_table_init(cli_table *t, const cli_column *cols, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->ncols = ncols;
}

void cli_table_release(cli_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

int cli_table_add(cli_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **c = realloc(t->cells, cap * t->ncols * sizeof(*c));
		if (!c)
			return RIPPLE_ENOMEM;
		t->cells = c;
		t->cap = cap;
	}
	char **row = &t->cells[t->nrows * t->ncols];
	for (size_t i = 0; i < t->ncols; i++) {
		row[i] = cells[i] ? strdup(cells[i]) : NULL;
		if (cells[i] && !row[i]) {
			while (i-- > 0)
				free(row[i]);
			return RIPPLE_ENOMEM;
		}
	}
	t->nrows++;
	return RIPPLE_OK;
}

/* Display width in terminal columns: one per UTF-8 code point (no wide-glyph tables). */
static size_t text_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

static void write_json_string(const char *s, FILE *out)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (c < 0x20)
				fprintf(out, "\\u%04x", c);
			else
				fputc(c, out);
		}
	}
	fputc('"', out);
}

/* Table cells are shown on one line, as text: see cli_put_text. */
static void write_table_cell(const char *s, size_t width, int right, FILE *out)
{
	size_t w = text_width(s);
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', out);
	cli_put_text(out, s);
	if (!right)
		for (size_t i = w; i < width; i++)
			fputc(' ', out);
}

/* ---- small counts (--min-count; docs/PRIVACY.md, "Small counts") ---- */

/*
 * The frequencies --min-count suppresses: counts of actors or of ties in a
 * table about a whole place or wave. Measures of one actor (degree, the
 * actors section) are not frequencies of a table but an actor's own values,
 * and the counts of places, permutations or components are not of people.
 */
static const char *const frequencies[] = {
	"absent", "actors", "actors_first_connected", "answered", "attendees", "attended",
	"confirmed_pairs", "hamming", "imputed_ties", "isolates", "joiners", "kept_next",
	"kept_strengthened", "kept_weakened", "leavers", "missing", "new_bridging",
	"new_cross_organisation", "new_cross_sector", "new_cross_town", "new_ties",
	"non_attendees", "observed_next", "others", "persist_formed", "persist_kept",
	"persist_observed", "qap_actors", "ties", "ties_kept", "ties_lost", "ties_new",
	"ties_unknown", "trained_before", "unconfirmable_pairs", "unconfirmed_pairs",
	"unknown_joiner", "unknown_leaver", "unknown_missing_from", "unknown_missing_to",
};

int cli_is_frequency(const char *name)
{
	static const char *const suffix[] = { "_change", "_from", "_to" };
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof(frequencies) / sizeof(frequencies[0]); i++)
		if (strcmp(name, frequencies[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		size_t sl = strlen(suffix[i]), fl;
		for (size_t k = 0; k < sizeof(frequencies) / sizeof(frequencies[0]); k++)
			if (len > sl && strcmp(name + len - sl, suffix[i]) == 0 &&
			    (fl = strlen(frequencies[k])) == len - sl &&
			    strncmp(name, frequencies[k], fl) == 0)
				return 1;
	}
	return 0;
}

/* The column called name in t, or t->ncols. */
static size_t column_of(const cli_table *t, const char *name)
{
	size_t c = 0;
	while (c < t->ncols && strcmp(t->cols[c].name, name) != 0)
		c++;
	return c;
}

/*
 * Is cell (r, c) of t a frequency? Never in a table of actors (an `actor`
 * column: rows of one actor's own values are not a frequency table). A number
 * in a column named for one (`ties`, `ties_new_from`); in a table of measures
 * by name (a `measure` column), the value, from, to, change, min or max of a
 * row whose measure is one; in a mixing table (`sector_a`), its tie counts
 * from, to and change.
 */
static int frequency_cell(const cli_table *t, size_t r, size_t c)
{
	static const char *const values[] = { "value", "from", "to", "change", "min", "max" };
	const char *name = t->cols[c].name;
	size_t mc = column_of(t, "measure");

	if ((t->cols[c].type != CLI_INT && t->cols[c].type != CLI_NUM) ||
	    column_of(t, "actor") < t->ncols)
		return 0;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (strcmp(name, values[i]) == 0) {
			if (mc < t->ncols) {
				const char *m = t->cells[r * t->ncols + mc];
				return m && cli_is_frequency(m);
			}
			return column_of(t, "sector_a") < t->ncols && i >= 1 && i <= 3;
		}
	return cli_is_frequency(name);
}

/*
 * Cell (r, c) as written: small ("<N") when t->min_count > 1 and the cell is a
 * frequency whose value is not 0 and below N in size (a change of -2 is as
 * small as one of 2); else the cell itself.
 */
static const char *cell_text(const cli_table *t, size_t r, size_t c, const char *small)
{
	const char *v = t->cells[r * t->ncols + c];
	char *end;
	double x;

	if (t->min_count <= 1 || !v || !*v || !frequency_cell(t, r, c))
		return v;
	x = strtod(v, &end);
	if (end == v || *end)
		return v;
	return x != 0 && fabs(x) < (double)t->min_count ? small : v;
}

void cli_table_write(const cli_table *t, enum cli_format fmt, FILE *out)
{
	char small[32];

	snprintf(small, sizeof(small), "<%ld", t->min_count);
	if (fmt == CLI_CSV) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c) fputc(',', out);
			ripple_csv_write_cell(out, t->cols[c].name, !t->no_formula_guard);
		}
		fputc('\n', out);
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				if (c) fputc(',', out);
				ripple_csv_write_cell(out, cell_text(t, r, c, small), !t->no_formula_guard);
			}
			fputc('\n', out);
		}
		return;
	}
	if (fmt == CLI_JSON) {
		fputs("[", out);
		for (size_t r = 0; r < t->nrows; r++) {
			fputs(r ? ",\n  {" : "\n  {", out);
			for (size_t c = 0; c < t->ncols; c++) {
				const char *v = t->cells[r * t->ncols + c];
				if (c) fputs(", ", out);
				write_json_string(t->cols[c].name, out);
				fputs(": ", out);
				if (!v || !*v)
					fputs("null", out);   /* a missing value, text or number */
				else if ((v = cell_text(t, r, c, small)) != t->cells[r * t->ncols + c])
					write_json_string(v, out);   /* "<N": a suppressed count */
				else if (t->cols[c].type == CLI_INT || t->cols[c].type == CLI_NUM)
					fputs(v, out);
				else if (t->cols[c].type == CLI_BOOL)
					fputs(strcmp(v, "yes") == 0 ? "true" : "false", out);
				else
					write_json_string(v, out);
			}
			fputs("}", out);
		}
		fputs(t->nrows ? "\n]\n" : "]\n", out);
		return;
	}
	size_t *width = calloc(t->ncols, sizeof(*width));
	if (!width)
		return;
	for (size_t c = 0; c < t->ncols; c++) {
		width[c] = text_width(t->cols[c].name);
		for (size_t r = 0; r < t->nrows; r++) {
			const char *v = cell_text(t, r, c, small);
			size_t w = text_width(v && *v ? v : "-");
			if (w > width[c])
				width[c] = w;
		}
	}
	for (size_t c = 0; c < t->ncols; c++) {
		write_table_cell(t->cols[c].name, c + 1 < t->ncols ? width[c] : 0,
		                 t->cols[c].type == CLI_INT || t->cols[c].type == CLI_NUM, out);
		if (c + 1 < t->ncols) fputs("  ", out);
	}
	fputc('\n', out);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = cell_text(t, r, c, small);
			int last = c + 1 == t->ncols, num = t->cols[c].type == CLI_INT || t->cols[c].type == CLI_NUM;
			write_table_cell(v && *v ? v : (num ? "-" : ""), last && !num ? 0 : width[c], num, out);
			if (!last) fputs("  ", out);
		}
		fputc('\n', out);
	}
	free(width);
}

void cli_format_number(char *buf, size_t size, double v, int integer, enum cli_format fmt)
{
	ripple_number_text(buf, size, v, integer, fmt == CLI_TABLE);
}

int cli_source_place(const char **source, const char **place, const char *cmd, int argc,
                     char **argv, int first)
{
	if (argc - first < 1 || argc - first > 2)
		return cli_usage_error(cmd, "give a SOURCE and at most one PLACE");
	*source = argv[first];
	*place = argc - first == 2 ? argv[first + 1] : NULL;
	return 0;
}

int cli_opt_parse_source(const char **source, const char **place, const cli_opt_spec *specs,
                         void *out, const char *cmd, int argc, char **argv)
{
	int first, status;

	if ((status = cli_opt_parse(&first, specs, out, cmd, argc, argv)) != 0)
		return status;
	return cli_source_place(source, place, cmd, argc, argv, first);
}

int cli_measure_open(ripple_store **store, int64_t **place_ids, char ***names, size_t *n,
                     const char *cmd, const cli_opt_spec *specs, void *o,
                     ripple_paths_options *paths, int argc, char **argv)
{
	cli_measure_options *io = o;
	int status;

	io->format = CLI_TABLE;
	io->graph = (ripple_graph_options)RIPPLE_GRAPH_OPTIONS_INIT;
	io->min_response = CLI_MIN_RESPONSE;
	paths->jobs = cli_default_jobs();
	if ((status = cli_opt_parse_source(&io->source, &io->place, specs, o, cmd, argc, argv)) != 0 ||
	    (status = cli_share_check(cmd, &io->share)) != 0)
		return status;
	/* these commands only read models: a folder's places are held, not imported */
	return cli_open_places(store, place_ids, names, n, io->source, io->place,
	                       RIPPLE_SOURCE_MODELS | (io->directed ? RIPPLE_SOURCE_DIRECTED : 0));
}

int cli_open_places(ripple_store **store, int64_t **place_ids, char ***names, size_t *n,
                    const char *source, const char *place, int flags)
{
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_error err = {0};
	size_t count = 0;
	int status = 0;

	*store = NULL;
	*place_ids = NULL;
	*names = NULL;
	*n = 0;
	if (ripple_source_open(store, source, flags, &diags) < 0) {
		status = cli_diags(&diags);
		ripple_diags_release(&diags);
		return status;
	}
	if (place) {
		int64_t id;
		if (ripple_store_find_place(&id, *store, place, &err) < 0)
			goto fail;
		*place_ids = malloc(sizeof(**place_ids));
		*names = calloc(2, sizeof(**names));
		if (!*place_ids || !*names || !((*names)[0] = strdup(place)))
			goto nomem;
		(*place_ids)[0] = id;
		*n = 1;
		return 0;
	}
	if (ripple_store_list(place_ids, names, &count, *store, &err) < 0)
		goto fail;
	if (count == 0) {
		ripple_error_set(&err, RIPPLE_ENOTFOUND, source, 0, 0, "holds no places yet");
		goto fail;
	}
	*n = count;
	return 0;
nomem:
	ripple_error_set(&err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
fail:
	status = cli_error(&err);
	ripple_store_close(*store);
	*store = NULL;
	free(*place_ids);
	*place_ids = NULL;
	ripple_strv_free(*names);
	*names = NULL;
	*n = 0;
	return status;
}

/* ---- responses ----------------------------------------------------------- */

const cli_column cli_response_columns[CLI_RESPONSE_NCOLS] = {
	{ "answered", CLI_INT }, { "missing", CLI_INT }, { "absent", CLI_INT },
	{ "response_rate", CLI_NUM }, { "policy", CLI_STR }
};

const cli_column cli_responses_table_columns[CLI_RESPONSES_TABLE_NCOLS] = {
	{ "place", CLI_STR }, { "wave", CLI_STR },
	{ "answered", CLI_INT }, { "missing", CLI_INT }, { "absent", CLI_INT },
	{ "response_rate", CLI_NUM }, { "policy", CLI_STR }
};

void cli_response_cells(const char **cells, char (*buf)[48], const ripple_graph *g,
                        enum cli_format fmt)
{
	const double counts[3] = { (double)g->answered, (double)g->missing, (double)g->absent };

	for (int i = 0; i < 3; i++) {
		cli_format_number(buf[i], sizeof(buf[i]), counts[i], 1, fmt);
		cells[i] = buf[i];
	}
	cli_format_number(buf[3], sizeof(buf[3]), g->response_rate, 0, fmt);
	cells[3] = buf[3];
	cells[4] = ripple_policy_name(g->opts.missing);
}

int cli_responses_add(cli_table *t, const ripple_graph *g, enum cli_format fmt)
{
	char buf[CLI_RESPONSE_NCOLS][48];
	const char *row[CLI_RESPONSES_TABLE_NCOLS] = { g->place, g->wave };

	cli_response_cells(row + 2, buf, g, fmt);
	return cli_table_add(t, row);
}

int cli_print_responses(FILE *out, const ripple_graph *const *gs, size_t n, enum cli_format fmt)
{
	cli_table t;
	int status = 0;

	cli_table_init(&t, cli_responses_table_columns, CLI_RESPONSES_TABLE_NCOLS);
	for (size_t i = 0; i < n && !status; i++)
		if (cli_responses_add(&t, gs[i], fmt) < 0)
			status = cli_fail(1, "out of memory");
	if (!status)
		cli_table_write(&t, fmt, out);
	cli_table_release(&t);
	return status;
}

int cli_warn_response_rate(const char *place, const char *wave, size_t answered, size_t missing,
                           enum ripple_policy policy, double min)
{
	char rate[32], threshold[32];
	double r = answered + missing ? (double)answered / (double)(answered + missing) : NAN;
	int digits = 2;

	if (!(r < min))
		return 0;
	/* as many decimals as it takes for the rate not to read as the threshold (0.699, 0.7) */
	do {
		snprintf(rate, sizeof(rate), "%.*f", digits, r);
		snprintf(threshold, sizeof(threshold), "%.*f", digits, min);
	} while (strcmp(rate, threshold) == 0 && ++digits < 9);
	snprintf(threshold, sizeof(threshold), "%g", min);
	cli_print_line(stderr, "ripple: warning: %s wave %s: response rate %s is below %s "
	               "(%zu of the %zu actors asked answered); its numbers rest on --missing %s",
	               place, wave, rate, threshold, answered, answered + missing,
	               ripple_policy_name(policy));
	return 1;
}

int cli_warn_responses(const ripple_graph *g, double min)
{
	return cli_warn_response_rate(g->place, g->wave, g->answered, g->missing, g->opts.missing,
	                              min);
}

int cli_section_parse(int *section, const char *arg, const char *const *names, int n,
                      const char *cmd)
{
	char list[512] = "";
	size_t len = 0;

	for (*section = 0; *section < n; (*section)++)
		if (strcmp(arg, names[*section]) == 0)
			return 0;
	for (int i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		                        i == 0 ? "" : i == n - 1 ? " or " : ", ", names[i]);
	return cli_usage_error(cmd, "unknown section \"%s\" (%s)", arg, list);
}

void cli_section_write(const cli_table *t, const char *name, int format, int all, int *first)
{
	if (format == CLI_TABLE)
		printf("%s== %s ==\n", *first ? "" : "\n", name);
	else if (format == CLI_JSON)
		printf("%s\"%s\": ", *first ? "{\n" : ",\n", name);
	else if (all)
		printf("%s# %s\n", *first ? "" : "\n", name);
	cli_table_write(t, (enum cli_format)format, stdout);
	*first = 0;
}

void cli_warn_place(const ripple_place *p)
{
	char buf[2048];

	for (size_t i = 0; i < p->warnings.count; i++) {
		ripple_error_format(&p->warnings.items[i], buf, sizeof(buf));
		fputs("ripple: warning: ", stderr);
		cli_put_text(stderr, buf);
		fputc('\n', stderr);
	}
	if (p->warnings.dropped)
		fprintf(stderr, "ripple: warning: ... and %zu more warnings not shown\n",
		        p->warnings.dropped);
}

void cli_warn_uncoded(const ripple_place *p)
{
	char names[400] = "";
	size_t n = 0, len = 0;

	for (size_t i = 0; i < p->nripples; i++) {
		if (p->ripples[i].capitals)
			continue;
		if (n < 5 && len < sizeof(names))
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%s\"%.60s\"",
			                        n ? ", " : "", p->ripples[i].label);
		n++;
	}
	if (n)
		cli_print_line(stderr, "ripple: warning: %s: %zu of %zu ripples coded with no capital "
		               "(uncoded): %s%s", p->folder, n, p->nripples, names, n > 5 ? ", ..." : "");
}

void cli_warn_batch(const ripple_batch *b, double min)
{
	for (size_t i = 0; i < b->nrows; i++) {
		const ripple_batch_row *r = &b->rows[i];
		for (int w = 0; w < 2; w++)
			cli_warn_response_rate(r->place, w ? r->to : r->from,
			                       (size_t)r->responses[w][RIPPLE_RESPONSE_ANSWERED],
			                       (size_t)r->responses[w][RIPPLE_RESPONSE_MISSING], b->policy,
			                       min);
	}
}

void cli_warn_waves(const ripple_model *m, const char *const *waves, size_t n,
                    const ripple_graph_options *opts, double min)
{
	/* who answered is the model's: no graph is built for the warning */
	for (size_t i = 0; i < n; i++) {
		size_t w = waves[i] ? ripple_model_wave(m, waves[i]) : RIPPLE_NONE;
		size_t count[RIPPLE_NRESPONSES] = { 0 };
		if (w == RIPPLE_NONE)
			continue;
		for (size_t a = 0; a < m->nactors; a++)
			count[ripple_model_response(m, w, a)]++;
		cli_warn_response_rate(m->name, m->waves[w].name, count[RIPPLE_RESPONSE_ANSWERED],
		                       count[RIPPLE_RESPONSE_MISSING], opts->missing, min);
	}
}

void cli_warn_wave_order(const ripple_model *m, const char *from, const char *to)
{
	size_t w1 = from ? ripple_model_wave(m, from) : RIPPLE_NONE;
	size_t w2 = to ? ripple_model_wave(m, to) : RIPPLE_NONE;

	if (w1 == RIPPLE_NONE || w2 == RIPPLE_NONE || w1 <= w2)
		return;
	fprintf(stderr, "ripple: warning: %s: --from %s comes after --to %s in the order of the "
	        "waves (%s", m->name, from, to, m->waves[0].name);
	for (size_t w = 1; w < m->nwaves; w++)
		fprintf(stderr, ", %s", m->waves[w].name);
	fprintf(stderr, "): the change is read backwards, the ties it calls new are ties that "
	        "were lost\n");
}

/* ---- pictures ------------------------------------------------------------ */

int cli_image_format(const char *cmd, const char *path, const char *name)
{
	int fmt = name ? ripple_image_format_parse(name) : ripple_image_format_of_path(path);

	if (fmt >= 0)
		return fmt;
	if (name)
		return -cli_usage_error(cmd, "unknown --format \"%s\" (svg, png, pdf or dot)", name);
	return -cli_usage_error(cmd, "cannot tell the format of \"%s\": end it in .svg, .png, .pdf "
	                        "or .dot, or give --format", path);
}

int cli_output_apart(const char *output, const char *source, const cli_share_options *share)
{
	ripple_error err = { 0 };

	if (!output || strcmp(output, "-") == 0)
		return 0;
	if (ripple_file_apart(output, source, &err) < 0 ||
	    (share && share->secret_file && ripple_file_apart(output, share->secret_file, &err) < 0))
		return cli_error(&err);
	return 0;
}

int cli_write_output(const char *path, const char *data, size_t len)
{
	if (strcmp(path, "-") == 0)
		return fwrite(data, 1, len, stdout) == len ? 0 : cli_fail(1, "error writing output");
	return cli_write_outputs(&path, &data, &len, 1);
}

int cli_write_outputs(const char *const *paths, const char *const *data, const size_t *len,
                      size_t n)
{
	ripple_error err;

	return ripple_file_write_many(paths, data, len, n, &err) < 0 ? cli_error(&err) : 0;
}

int cli_picture(const cli_picture_command *c, int argc, char **argv, void *o, const void *opts)
{
	const cli_file_options *f = o;
	const cli_share_options *share = c->share ? (const cli_share_options *)
	                                             ((const char *)o + c->share) : NULL;
	const char *source = NULL, *place = NULL;
	ripple_store *store = NULL;
	ripple_model *model = NULL;
	ripple_layout layout = { 0 };
	ripple_error err = { 0 };
	int64_t place_id = 0;
	char *name = NULL, *data = NULL;
	size_t len = 0;
	int first, fmt, flags, status;

	if ((status = cli_opt_parse(&first, c->options, o, c->name, argc, argv)) != 0)
		return status < 0 ? 0 : status;
	if ((c->check && (status = c->check(opts)) != 0) ||
	    (share && (status = cli_share_check(c->name, share)) != 0) ||
	    (status = cli_source_place(&source, &place, c->name, argc, argv, first)) != 0)
		return status;
	if (!f->output)
		return cli_usage_error(c->name, "say where to write the picture with -o FILE");
	if ((fmt = cli_image_format(c->name, f->output, f->format)) < 0)
		return -fmt;
	if ((status = cli_output_apart(f->output, source, NULL)) != 0)
		return status;
	((cli_file_options *)o)->source = source;
	flags = c->flags | (f->directed ? RIPPLE_SOURCE_DIRECTED : 0);
	if ((status = cli_open_place(&store, &place_id, &name, c->name, source, place, flags)) != 0)
		return status;
	if (ripple_store_read(&model, store, place_id, &err) < 0)
		status = cli_error(&err);
	else if ((status = cli_model_level(&model, f->level)) != 0 ||
	         (share && (status = cli_model_share(model, share)) != 0))
		;
	else if (c->render(&data, &len, model, opts, (enum ripple_image_format)fmt, &layout, &err) < 0)
		status = cli_error(&err);
	else if (data)   /* NULL: the render wrote its own files (map --split) */
		status = cli_write_output(f->output, data, len);
	/* a layout computed for the picture is kept for the next drawing, once the
	 * picture is written, when the store can be written (it is only a cache);
	 * one of organisations is not: it would replace the actors' layout; nor one
	 * drawn with codes for labels (--pseudonymise), whose label sizes differ */
	if (status == 0 && f->level == RIPPLE_LEVEL_ACTOR && !(share && share->pseudonymise) &&
	    layout.method && !layout.from_store && (flags & RIPPLE_SOURCE_WRITE) &&
	    !ripple_store_readonly(store)) {
		ripple_error ignored = { 0 };
		(void)ripple_store_save_layout(store, place_id, &layout, &ignored);
	}
	ripple_layout_release(&layout);
	ripple_model_free(model);
	free(data);
	free(name);
	ripple_store_close(store);
	return status;
}

int cli_open_place(ripple_store **store, int64_t *place_id, char **name, const char *cmd,
                   const char *source, const char *place, int flags)
{
	int64_t *ids = NULL;
	char **names = NULL;
	size_t n = 0;
	int status;

	*store = NULL;
	*name = NULL;
	if ((status = cli_open_places(store, &ids, &names, &n, source, place, flags)) != 0)
		return status;
	if (n > 1) {
		status = cli_usage_error(cmd, "%s holds %zu places: name one", source, n);
		ripple_store_close(*store);
		*store = NULL;
	} else {
		*place_id = ids[0];
		*name = names[0];
		names[0] = NULL;
	}
	free(ids);
	ripple_strv_free(names);
	return status;
}

/* ---- progress on a terminal ---------------------------------------------- */

static double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, const char *what, cli_progress_fn *fn, void **ctx)
{
	p->what = what;
	p->start = now_seconds();
	p->shown = 0;
	if (isatty(STDERR_FILENO)) {
		*fn = cli_progress_show;
		*ctx = p;
	}
}

void cli_progress_show(void *ctx, size_t done, size_t total)
{
	cli_progress *p = ctx;
	double elapsed = now_seconds() - p->start;
	int width = 24, filled = total ? (int)((double)width * (double)done / (double)total) : width;
	char bar[32];

	for (int i = 0; i < width; i++)
		bar[i] = i < filled ? '#' : ' ';
	bar[width] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu %s  %.1f s", bar, done, total, p->what, elapsed);
	if (done < total && done > 0)
		fprintf(stderr, "  about %.0f s left ", elapsed / (double)done * (double)(total - done));
	else
		fprintf(stderr, "%20s", "");
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
	p->shown = done < total;
}

void cli_progress_end(cli_progress *p)
{
	if (p->shown)
		fputc('\n', stderr);
	p->shown = 0;
}

int cli_default_jobs(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	return cpus > 0 ? (int)(cpus < 256 ? cpus : 256) : 1;
}
