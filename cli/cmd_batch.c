/*
 * cmd_batch.c - ripple batch SOURCE [--from W1 --to W2] [--jobs N] [--permutations N]
 *               [--seed S] [--weighted] [--long | --summary | --mixing | --waves]
 *               [--level actor|organisation] [-o FILE] [--format F]
 *
 * Compares two waves of every place of SOURCE (each place's first and last
 * wave unless --from/--to name them). Output: one row per place (the network
 * measures at both waves and their change, then the change measures), or with
 * --long one row per place, wave and measure, or with --summary one row per
 * change measure across places, or with --mixing one row per place and cell of
 * the sector mixing matrix at both waves, or with --waves one row per place,
 * wave and measure over every wave of each place (the series and persistence).
 * From a database file the rows are also stored in batch_run / batch_result,
 * with every wave's, batch_tie and batch_mixing (schema version 5): a stored
 * run always covers every wave. Places without one of the waves are listed on
 * stderr and left out. Every row names the missing-data policy (--missing) in
 * its column `policy`, as metrics does, and a wave whose response rate is
 * below --min-response is warned about on stderr.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

typedef struct batch_options {
	const char *source, *output;
	int directed, lng, summary, mixing, waves, store;
	int format;                /* enum cli_format, or -1: from -o, else table */
	double min_response;       /* --min-response */
	ripple_batch_options b;
	cli_share_options share;   /* --min-count; --pseudonymise is accepted, and a batch's
	                              rows name places and waves, never an actor */
	int no_formula_guard;      /* --no-formula-guard */
} batch_options;

/* batch words two refusals its own way: kept, as issue 16 changes no message */
static const cli_opt_spec options[] = {
	CLI_VALUE(batch_options, b.from, "from", 0, "W1", NULL,
	          "the wave to compare from in every place (give --to too; default: each "
	          "place's first)"),
	CLI_VALUE(batch_options, b.to, "to", 0, "W2", NULL,
	          "the wave to compare to (default: each place's last)"),
	CLI_VALUE(batch_options, b.jobs, "jobs", 'j', "N", cli_opt_jobs,
	          "processes the places are spread over, 1 to 256 (default: the processors "
	          "online); the output does not depend on N. A progress bar shows on a "
	          "terminal."),
	{ CLI_OPT_VALUE, "permutations", 0, "N",
	  "permutations of the QAP and attendee tests, 0 to 100000000 (default 1000)",
	  offsetof(batch_options, b.compare.permutations), cli_opt_permutations, 0,
	  "--permutations wants a whole number from 0 to 100000000, not \"%s\"" },
	CLI_OPT_SEED(batch_options, b.compare.seed, 0,
	             "seed of both tests (the attendee test takes S+1) and of the community "
	             "search (default 42)"),
	CLI_OPT_WEIGHTED(batch_options, b.compare.weighted, 0,
	                 "QAP on tie weights instead of presence, and the weighted measures "
	                 "(as compare --weighted)"),
	CLI_SWITCH(batch_options, lng, "long", 0,
	           "one row per place, wave and measure (place, wave, measure, value, policy) "
	           "instead of one per place"),
	CLI_SWITCH(batch_options, summary, "summary", 0,
	           "one row per change measure: its mean, median, min and max across the places"),
	CLI_SWITCH(batch_options, mixing, "mixing", 0,
	           "one row per place and cell of the sector mixing matrix: its ties at both "
	           "waves and their change (as compare's mixing section)"),
	CLI_SWITCH(batch_options, waves, "waves", 0,
	           "one row per place, wave and measure over every wave of each place: the "
	           "network measures and the persistence of new ties (place, wave, measure, "
	           "value, policy)"),
	CLI_OPT_LEVEL(batch_options, b.level),
	{ CLI_OPT_SWITCH, "no-store", 0, NULL,
	  "keep the rows out of the database's batch_run and batch_result tables",
	  offsetof(batch_options, store), NULL, 0, NULL },
	{ CLI_OPT_VALUE, "format", 0, "F",
	  "table, csv or json (default: from the extension of -o, .txt, .csv or .json; "
	  "else table)",
	  offsetof(batch_options, format), cli_opt_format, 0,
	  "unknown --format \"%s\" (table, csv or json)" },
	CLI_VALUE(batch_options, output, "output", 'o', "FILE", NULL,
	          "write the table to FILE, whole or not at all (default: stdout)"),
	CLI_OPT_NO_FORMULA_GUARD(batch_options, no_formula_guard),
	CLI_OPT_MISSING(batch_options, b.compare.graph.missing),
	CLI_OPT_UNDIRECTED(batch_options, b.compare.graph.view),
	CLI_OPT_MIN_RESPONSE(batch_options, min_response),
	CLI_OPT_DIRECTED(batch_options, directed, 0),
	CLI_OPT_SHARE(batch_options, share),
	CLI_HELP,
	CLI_END
};

/* ---- the three tables ------------------------------------------------------ */

#define NUM(buf, v, integer) (cli_format_number((buf), sizeof(buf), (v), (integer), fmt), (buf))

/* Network measures reported for at least one row (as `metrics` leaves columns out). */
static int net_reported(const ripple_batch *b, int k)
{
	const ripple_measure_info *info = ripple_net_measure_info(k);
	for (size_t i = 0; i < b->nrows; i++)
		if (!isnan(b->rows[i].net[0][k]) || !isnan(b->rows[i].net[1][k]) ||
		    ripple_measure_applies(info->scope, b->rows[i].directed, 0, 0))
			return 1;
	return 0;
}

/* One row per place. Column names are made here and freed by the caller (names). */
static int wide_table(cli_table *t, cli_column **cols_out, char ***names_out,
                      const ripple_batch *b, enum cli_format fmt)
{
	size_t max = 5 + 3 * RIPPLE_NET_COUNT + RIPPLE_BATCH_COUNT, nc = 0, nn = 0;
	cli_column *cols = calloc(max, sizeof(*cols));
	char **names = calloc(3 * RIPPLE_NET_COUNT + 1, sizeof(*names));
	char (*cells)[48] = calloc(max, sizeof(*cells));
	const char **row = calloc(max, sizeof(*row));
	int net[RIPPLE_NET_COUNT], nnet = 0, rc = 0;

	*cols_out = cols;
	*names_out = names;
	if (!cols || !names || !cells || !row) {
		rc = -1;
		goto done;
	}
	cols[nc++] = (cli_column){ "place", CLI_STR };
	cols[nc++] = (cli_column){ "from", CLI_STR };
	cols[nc++] = (cli_column){ "to", CLI_STR };
	cols[nc++] = (cli_column){ "directed", CLI_BOOL };
	cols[nc++] = (cli_column){ "policy", CLI_STR };
	for (int k = 0; k < RIPPLE_NET_COUNT; k++) {
		const ripple_measure_info *info = ripple_net_measure_info(k);
		static const char *const suffix[3] = { "from", "to", "change" };
		if (!net_reported(b, k))
			continue;
		net[nnet++] = k;
		for (int s = 0; s < 3; s++) {
			if (!(names[nn] = ripple_strdupf("%s_%s", info->name, suffix[s]))) {
				rc = -1;
				goto done;
			}
			cols[nc++] = (cli_column){ names[nn++], info->integer ? CLI_INT : CLI_NUM };
		}
	}
	for (int k = 0; k < RIPPLE_BATCH_COUNT; k++) {
		const ripple_measure_info *info = ripple_batch_measure_info(k);
		cols[nc++] = (cli_column){ info->name, info->integer ? CLI_INT : CLI_NUM };
	}
	cli_table_init(t, cols, nc);
	for (size_t i = 0; i < b->nrows && rc == 0; i++) {
		const ripple_batch_row *r = &b->rows[i];
		size_t c = 0;
		row[c++] = r->place;
		row[c++] = r->from;
		row[c++] = r->to;
		row[c++] = r->directed ? "yes" : "no";
		row[c++] = ripple_policy_name(b->policy);
		for (int j = 0; j < nnet; j++) {
			int k = net[j], integer = ripple_net_measure_info(k)->integer;
			row[c] = NUM(cells[c], r->net[0][k], integer);
			c++;
			row[c] = NUM(cells[c], r->net[1][k], integer);
			c++;
			row[c] = NUM(cells[c], r->net[1][k] - r->net[0][k], integer);
			c++;
		}
		for (int k = 0; k < RIPPLE_BATCH_COUNT; k++) {
			row[c] = NUM(cells[c], r->change[k], ripple_batch_measure_info(k)->integer);
			c++;
		}
		rc = cli_table_add(t, row);
	}
done:
	free(cells);
	free(row);
	return rc;
}

static const cli_column long_cols[] = {
	{ "place", CLI_STR }, { "wave", CLI_STR }, { "measure", CLI_STR }, { "value", CLI_NUM },
	{ "policy", CLI_STR },
};

/* Tidy rows: place, wave, measure, value, policy (a change's wave is "FROM->TO"). */
static int long_table(cli_table *t, const ripple_batch *b, enum cli_format fmt)
{
	char v[48], cname[96];
	int rc = 0;

	const char *policy = ripple_policy_name(b->policy);

	cli_table_init(t, long_cols, 5);
	for (size_t i = 0; i < b->nrows && rc == 0; i++) {
		const ripple_batch_row *r = &b->rows[i];
		char *change = ripple_strdupf("%s->%s", r->from, r->to);
		if (!change)
			return -1;
		for (int k = 0; k < RIPPLE_NET_COUNT && rc == 0; k++) {
			const ripple_measure_info *info = ripple_net_measure_info(k);
			if (isnan(r->net[0][k]) && isnan(r->net[1][k]) &&
			    !ripple_measure_applies(info->scope, r->directed, 0, 0))
				continue;
			snprintf(cname, sizeof(cname), "%s_change", info->name);
			const char *a[] = { r->place, r->from, info->name, NUM(v, r->net[0][k], info->integer),
			                    policy };
			rc = cli_table_add(t, a);
			const char *bb[] = { r->place, r->to, info->name, NUM(v, r->net[1][k], info->integer),
			                     policy };
			rc = rc ? rc : cli_table_add(t, bb);
			const char *c[] = { r->place, change, cname,
			                    NUM(v, r->net[1][k] - r->net[0][k], info->integer), policy };
			rc = rc ? rc : cli_table_add(t, c);
		}
		for (int k = 0; k < RIPPLE_BATCH_COUNT && rc == 0; k++) {
			const ripple_measure_info *info = ripple_batch_measure_info(k);
			const char *a[] = { r->place, change, info->name, NUM(v, r->change[k], info->integer),
			                    policy };
			rc = cli_table_add(t, a);
		}
		free(change);
	}
	return rc;
}

/* Every wave: the network measures reported for the place, then persistence, whose
 * wave is the one the ties are new at, or FIRST->LAST for all of them (as stored). */
static int waves_table(cli_table *t, const ripple_batch *b, enum cli_format fmt)
{
	static const char *const persist[4] = {
		"persist_formed", "persist_observed", "persist_kept", "persist_share"
	};
	const char *policy = ripple_policy_name(b->policy);
	char v[48];
	int rc = 0;

	cli_table_init(t, long_cols, 5);
	for (size_t i = 0; i < b->nrows && rc == 0; i++) {
		const ripple_batch_row *r = &b->rows[i];
		char *span;
		for (size_t w = 0; w < r->nwaves && rc == 0; w++)
			for (int k = 0; k < RIPPLE_NET_COUNT && rc == 0; k++) {
				const ripple_measure_info *info = ripple_net_measure_info(k);
				if (isnan(r->series[w][k]) &&
				    !ripple_measure_applies(info->scope, r->directed, 0, 0))
					continue;
				const char *a[] = { r->place, r->waves[w], info->name,
				                    NUM(v, r->series[w][k], info->integer), policy };
				rc = cli_table_add(t, a);
			}
		if (r->nwaves == 0 || rc != 0)
			continue;
		if (!(span = ripple_strdupf("%s->%s", r->waves[0], r->waves[r->nwaves - 1])))
			return -1;
		for (size_t k = 0; k <= r->npersistence && rc == 0; k++) {
			const ripple_persistence *p = k < r->npersistence ? &r->persistence[k] : &r->overall;
			const double x[4] = { (double)p->formed, (double)p->observed, (double)p->kept,
			                      p->share };
			const char *wave = k < r->npersistence ? r->waves[p->wave] : span;
			for (int j = 0; j < 4 && rc == 0; j++) {
				const char *a[] = { r->place, wave, persist[j], NUM(v, x[j], j < 3), policy };
				rc = cli_table_add(t, a);
			}
		}
		free(span);
	}
	return rc;
}

/* One row per place and cell of the mixing matrix, from and to side by side. */
static int mixing_table(cli_table *t, const ripple_batch *b, enum cli_format fmt)
{
	int rc = 0;

	cli_table_init(t, cli_mixing_change_columns, CLI_MIXING_CHANGE_NCOLS);
	for (size_t i = 0; i < b->nrows && rc == 0; i++)
		rc = cli_mixing_change_add(t, b->rows[i].place, &b->rows[i].mixing[0],
		                           &b->rows[i].mixing[1], fmt);
	return rc;
}

static const cli_column summary_cols[] = {
	{ "measure", CLI_STR }, { "places", CLI_INT }, { "mean", CLI_NUM }, { "median", CLI_NUM },
	{ "min", CLI_NUM }, { "max", CLI_NUM }, { "policy", CLI_STR },
};

/* One row per change measure: how it spreads across the places. */
static int summary_table(cli_table *t, const ripple_batch *b, enum cli_format fmt)
{
	ripple_batch_stat *s = NULL;
	size_t n = 0;
	char places[32], mean[48], median[48], lo[48], hi[48];
	int rc;

	cli_table_init(t, summary_cols, 7);
	if ((rc = ripple_batch_summary(&s, &n, b)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (s[i].n == 0)
			continue;   /* e.g. reciprocity_change when no place is directed */
		snprintf(places, sizeof(places), "%zu", s[i].n);
		const char *row[] = { s[i].measure, places, NUM(mean, s[i].mean, 0),
		                      NUM(median, s[i].median, 0), NUM(lo, s[i].min, s[i].integer),
		                      NUM(hi, s[i].max, s[i].integer), ripple_policy_name(b->policy) };
		rc = cli_table_add(t, row);
	}
	free(s);
	return rc;
}

/* ---- the command ----------------------------------------------------------------- */

/* The format -o's extension asks for (.csv, .json, .txt), or -1. */
static int format_of_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return -1;
	if (strcasecmp(dot, ".csv") == 0)
		return CLI_CSV;
	if (strcasecmp(dot, ".json") == 0)
		return CLI_JSON;
	if (strcasecmp(dot, ".txt") == 0)
		return CLI_TABLE;
	return -1;
}

static int write_table(const cli_table *t, enum cli_format fmt, const char *output)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int status;

	if (!f)
		return cli_fail(1, "out of memory");
	cli_table_write(t, fmt, f);
	if (fclose(f) != 0) {
		free(buf);
		return cli_fail(1, "out of memory");
	}
	status = cli_write_output(output ? output : "-", buf, len);
	free(buf);
	return status;
}

static int parse(batch_options *o, int argc, char **argv)
{
	int first, status;

	if ((status = cli_opt_parse(&first, options, o, "batch", argc, argv)) != 0)
		return status;
	if (argc - first != 1)
		return cli_usage_error("batch", "give one SOURCE (a database, or a folder of place folders)");
	o->source = argv[first];
	if (!o->b.from != !o->b.to)
		return cli_usage_error("batch", "give both --from and --to, or neither");
	if (o->lng && o->summary)
		return cli_usage_error("batch", "--long and --summary are different tables: give one");
	if ((o->lng || o->summary) + o->mixing + o->waves > 1)
		return cli_usage_error("batch", "--long, --summary, --mixing and --waves are different "
		                       "tables: give one");
	if (o->format < 0 && o->output && strcmp(o->output, "-") != 0 &&
	    (o->format = format_of_path(o->output)) < 0)
		return cli_usage_error("batch", "cannot tell the format of %s: give --format table, csv "
		                       "or json, or end the name in .csv or .json", o->output);
	if (o->format < 0)
		o->format = CLI_TABLE;
	if ((status = cli_output_apart(o->output, o->source, &o->share)) != 0)
		return status;
	return cli_share_check("batch", &o->share);
}

int cmd_batch(int argc, char **argv)
{
	batch_options o = { NULL, NULL, 0, 0, 0, 0, 0, 1, -1, CLI_MIN_RESPONSE,
	                    RIPPLE_BATCH_OPTIONS_INIT, { 0, NULL, 0 }, 0 };
	ripple_store *store = NULL;
	ripple_batch b = { 0 };
	ripple_error err;
	int64_t *ids = NULL;
	char **names = NULL, **colnames = NULL;
	cli_column *cols = NULL;
	size_t n = 0;
	cli_progress prog;
	cli_table t = { 0 };
	int status, file = 0;

	o.b.jobs = cli_default_jobs();
	if ((status = parse(&o, argc, argv)) != 0)
		return status < 0 ? 0 : status;
	file = !ripple_is_dir(o.source);
	if ((status = cli_open_places(&store, &ids, &names, &n, o.source, NULL,
	                              RIPPLE_SOURCE_MODELS |   /* a folder is compared, never stored */
	                              (o.directed ? RIPPLE_SOURCE_DIRECTED : 0) |
	                              (file && o.store ? RIPPLE_SOURCE_WRITE : 0))) != 0)
		goto done;
	o.b.reopen = file ? o.source : NULL;
	/* every wave when it is printed or stored: a stored run has the whole series */
	o.b.waves = o.waves || (file && o.store && !ripple_store_readonly(store));
	cli_progress_start(&prog, "places", &o.b.progress, &o.b.progress_ctx);
	if (ripple_batch_run(&b, store, ids, names, n, &o.b, &err) < 0) {
		cli_progress_end(&prog);
		status = cli_error(&err);
		goto done;
	}
	for (size_t i = 0; i < b.nskipped; i++)
		cli_print_line(stderr, "ripple batch: skipped %s", b.skipped[i]);
	cli_warn_batch(&b, o.min_response);
	if (b.nrows == 0) {
		status = o.b.from ? cli_fail(2, "no place has both waves \"%s\" and \"%s\"", o.b.from, o.b.to)
		                  : cli_fail(2, "no place has two waves to compare");
		goto done;
	}
	if ((o.summary ? summary_table(&t, &b, o.format)
	     : o.lng ? long_table(&t, &b, o.format)
	     : o.mixing ? mixing_table(&t, &b, o.format)
	     : o.waves ? waves_table(&t, &b, o.format)
	     : wide_table(&t, &cols, &colnames, &b, o.format)) < 0) {
		status = cli_fail(1, "out of memory");
		goto done;
	}
	t.min_count = o.share.min_count;
	t.no_formula_guard = o.no_formula_guard;
	/* the table first: a run is stored only once what it printed is written */
	if ((status = write_table(&t, o.format, o.output)) != 0)
		goto done;
	if (file && o.store) {
		if (ripple_store_readonly(store))
			fprintf(stderr, "ripple batch: %s is read-only: results not stored\n", o.source);
		else {
			size_t before = b.nskipped;
			if (ripple_batch_store(NULL, store, &b, &o.b, &err) < 0) {
				status = cli_error(&err);
				goto done;
			}
			for (size_t i = before; i < b.nskipped; i++)
				cli_print_line(stderr, "ripple batch: skipped %s", b.skipped[i]);
		}
	}
done:
	if (t.cols)
		cli_table_release(&t);
	free(cols);
	if (colnames)
		for (size_t i = 0; colnames[i]; i++)
			free(colnames[i]);
	free(colnames);
	ripple_batch_release(&b);
	free(ids);
	ripple_strv_free(names);
	ripple_store_close(store);
	return status;
}
