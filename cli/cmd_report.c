/*
 * cmd_report.c - ripple report SOURCE [PLACE] -o FILE.html [--from W1 --to W2] [--summary]
 *
 * With PLACE: the report of that place (with --level organisation, of the place
 * rolled up to its organisations, as metrics and compare do). Without PLACE: the report of the only
 * place when SOURCE holds one, else (or with --summary) a summary across every
 * place. One HTML file that needs nothing else to be read (docs/REPORTS.md).
 * The database is only read: a network layout not stored yet is computed for
 * the report and not kept (`ripple draw` keeps it).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

typedef struct report_options {
	const char *source, *place, *output;
	int directed, summary;
	int jobs;                  /* a summary's batch: worker processes */
	ripple_report_options r;
	cli_share_options share;   /* --pseudonymise (no --min-count: see docs/PRIVACY.md) */
} report_options;

static const cli_opt_spec options[] = {
	CLI_VALUE(report_options, output, "output", 'o', "FILE", NULL,
	          "write the report to FILE (.html), whole or not at all"),
	CLI_VALUE(report_options, r.from, "from", 'F', "W1", NULL,
	          "the wave to compare from (give --to too; default: each place's first)"),
	CLI_VALUE(report_options, r.to, "to", 'T', "W2", NULL,
	          "the wave to compare to (default: each place's last)"),
	CLI_SWITCH(report_options, summary, "summary", 'S',
	           "the summary across every place, even when SOURCE holds one"),
	CLI_OPT_PERMUTATIONS(report_options, r.compare.permutations, 'N'),
	CLI_OPT_SEED(report_options, r.compare.seed, 's',
	             "seed of both tests (the attendee test takes S+1) and of the community "
	             "search (default 42)"),
	CLI_OPT_WEIGHTED(report_options, r.compare.weighted, 'W',
	                 "QAP on tie weights instead of presence, and the weighted measures "
	                 "(as compare --weighted)"),
	CLI_VALUE(report_options, jobs, "jobs", 'j', "N", cli_opt_jobs,
	          "processes the places of a summary are spread over, 1 to 256 (default: the "
	          "processors online)"),
	CLI_OPT_MISSING(report_options, r.compare.graph.missing),
	CLI_OPT_UNDIRECTED(report_options, r.compare.graph.view),
	CLI_OPT_MIN_RESPONSE(report_options, r.min_response),
	CLI_OPT_DIRECTED(report_options, directed, 'd'),
	CLI_OPT_LEVEL(report_options, r.level),
	CLI_OPT_PSEUDONYMISE(report_options, share),
	CLI_HELP,
	CLI_END
};

/* 1 when path can take the HTML report: "-", or a name ending .html or .htm (any case),
 * or one without an extension. A report written into x.pdf would not open as a PDF. */
static int html_name(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return strcmp(path, "-") == 0 || !dot || dot == base || strcasecmp(dot, ".html") == 0 ||
	       strcasecmp(dot, ".htm") == 0;
}

/*
 * "ripple" and argv (argv[0] is "report"), each word shell-quoted where it needs it
 * (single quotes, a ' inside written '\''), as one malloc'd line; NULL when out of
 * memory. The report prints it as the command that makes it again.
 */
static char *quoted_command(int argc, char **argv)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                            "0123456789_-./:=@%+,";
	size_t cap = sizeof("ripple");
	char *line, *p;

	for (int i = 0; i < argc; i++)
		cap += 3 + 4 * strlen(argv[i]);   /* a space, two quotes, '\'' per quote */
	if (!(line = malloc(cap)))
		return NULL;
	p = line + sprintf(line, "ripple");
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		*p++ = ' ';
		if (*a && strspn(a, plain) == strlen(a)) {
			p += sprintf(p, "%s", a);
			continue;
		}
		*p++ = '\'';
		for (; *a; a++) {
			if (*a == '\'') {
				memcpy(p, "'\\''", 4);
				p += 4;
			} else {
				*p++ = *a;
			}
		}
		*p++ = '\'';
	}
	*p = '\0';
	return line;
}

static int parse(report_options *o, int argc, char **argv)
{
	int status;

	if ((status = cli_opt_parse_source(&o->source, &o->place, options, o, "report", argc,
	                                   argv)) != 0)
		return status;
	if ((status = cli_share_check("report", &o->share)) != 0)
		return status;
	if (!o->output)
		return cli_usage_error("report", "say where to write the report with -o FILE.html");
	if (!html_name(o->output))
		return cli_usage_error("report", "a report is one HTML file: name it FILE.html, not "
		                       "\"%s\" (for a PDF, print the HTML from a browser)", o->output);
	if (!o->r.from != !o->r.to)
		return cli_usage_error("report", "give both --from and --to, or neither");
	if (o->summary && o->place)
		return cli_usage_error("report", "--summary covers every place: leave out PLACE");
	if (o->summary && o->r.level == RIPPLE_LEVEL_ORGANISATION)
		return cli_usage_error("report", "--level organisation is for the report of one place, "
		                       "not the summary");
	return 0;
}

int cmd_report(int argc, char **argv)
{
	ripple_report_options rdefaults = RIPPLE_REPORT_OPTIONS_INIT;
	report_options o = { NULL, NULL, NULL, 0, 0, 1, rdefaults, { 0, NULL, 0 } };
	ripple_batch_options bo = RIPPLE_BATCH_OPTIONS_INIT;
	ripple_batch b = { 0 };
	ripple_store *store = NULL;
	ripple_model *model = NULL;
	ripple_error err = { 0 };
	int64_t *ids = NULL;
	char **names = NULL, *html = NULL, *command = NULL;
	size_t n = 0, len = 0;
	int status, rc;

	o.jobs = cli_default_jobs();
	/* before parsing, which puts the options before the operands */
	if (!(command = quoted_command(argc, argv)))
		return cli_fail(1, "out of memory");
	if ((status = parse(&o, argc, argv)) != 0) {
		free(command);
		return status < 0 ? 0 : status;
	}
	o.r.command = command;
	o.r.source = o.source;
	if ((status = cli_output_apart(o.output, o.source, &o.share)) != 0)
		goto done;
	/* read only: a report never changes the database */
	if ((status = cli_open_places(&store, &ids, &names, &n, o.source, o.place,
	                              o.directed ? RIPPLE_SOURCE_DIRECTED : 0)) != 0)
		goto done;
	if (n > 1 && !o.summary && o.r.level == RIPPLE_LEVEL_ORGANISATION) {
		status = cli_usage_error("report", "--level organisation is for the report of one place: "
		                         "name one of the %zu in %s", n, o.source);
		goto done;
	}
	if (n == 1 && !o.summary) {
		if ((rc = ripple_store_read(&model, store, ids[0], &err)) == 0 &&
		    ((status = cli_model_level(&model, o.r.level)) != 0 ||
		     (status = cli_model_share(model, &o.share)) != 0))
			goto done;   /* the roll-up or the secret said why */
		o.r.pseudonymised = o.share.pseudonymise;
		if (rc == 0) {
			const char *waves[2] = { o.r.from, o.r.to };
			if (!o.r.from && model->nwaves >= 2) {
				waves[0] = model->waves[0].name;
				waves[1] = model->waves[model->nwaves - 1].name;
			}
			cli_warn_waves(model, waves, 2, &o.r.compare.graph, o.r.min_response);
			cli_warn_wave_order(model, waves[0], waves[1]);
			rc = ripple_report_place(&html, &len, model, &o.r, &err);
		}
	} else {
		/* the batch behind the summary; workers of a database file open it for
		 * themselves, a folder's in-memory store is inherited by fork */
		bo.from = o.r.from;
		bo.to = o.r.to;
		bo.compare = o.r.compare;
		bo.jobs = o.jobs;
		bo.reopen = ripple_is_dir(o.source) ? NULL : o.source;
		if ((rc = ripple_batch_run(&b, store, ids, names, n, &bo, &err)) == 0) {
			cli_warn_batch(&b, o.r.min_response);
			rc = ripple_report_summary(&html, &len, &b, &o.r, &err);
		}
	}
	if (rc < 0) {
		status = cli_error(&err);
	} else {
		status = cli_write_output(o.output, html, len);
	}
done:
	free(command);
	free(html);
	ripple_batch_release(&b);
	free(ids);
	ripple_strv_free(names);
	ripple_model_free(model);
	ripple_store_close(store);
	return status;
}
