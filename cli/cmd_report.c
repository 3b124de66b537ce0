/*
 * cmd_report.c - ripple report SOURCE [PLACE] -o FILE.html [--from W1 --to W2] [--summary]
 *
 * With PLACE: the report of that place. Without PLACE: the report of the only
 * place when SOURCE holds one, else (or with --summary) a summary across every
 * place. One HTML file that needs nothing else to be read (docs/REPORTS.md).
 * The database is only read: a network layout not stored yet is computed for
 * the report and not kept (`ripple draw` keeps it).
 */
#include <stdlib.h>
#include <unistd.h>

#include "common.h"

typedef struct report_options {
	const char *source, *place, *output;
	int directed, summary;
	ripple_report_options r;
} report_options;

static int parse_count(const char *arg, long lo, long hi, long *v)
{
	char *end;
	errno = 0;
	*v = strtol(arg, &end, 10);
	return *arg && !*end && errno == 0 && *v >= lo && *v <= hi ? 0 : -1;
}

static int parse(report_options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "summary", no_argument, NULL, 'S' },
		{ "permutations", required_argument, NULL, 'N' },
		{ "seed", required_argument, NULL, 's' },
		{ "weighted", no_argument, NULL, 'W' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "directed", no_argument, NULL, 'd' },
		CLI_OPT_HELP, { 0, 0, 0, 0 }
	};
	long v;
	int c;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":ho:F:T:SN:s:Wj:d", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'F': o->r.from = optarg; break;
		case 'T': o->r.to = optarg; break;
		case 'S': o->summary = 1; break;
		case 'W': o->r.compare.weighted = 1; break;
		case 'd': o->directed = 1; break;
		case 'N':
			if (parse_count(optarg, 0, 100000000, &v) < 0)
				return cli_usage_error("report", "--permutations \"%s\" is not a whole number "
				                       "from 0 to 100000000", optarg);
			o->r.compare.permutations = v;
			break;
		case 's':
			if (cli_opt_seed("report", optarg, &o->r.compare.seed))
				return 2;
			break;
		case 'j':
			if (parse_count(optarg, 1, 256, &v) < 0)
				return cli_usage_error("report", "--jobs wants a number of processes from 1 to "
				                       "256, not \"%s\"", optarg);
			o->r.jobs = (int)v;
			break;
		case 'h': return cli_help("report") - 1;
		default: return cli_bad_option("report", argv, c);
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage_error("report", "give a SOURCE and at most one PLACE");
	o->source = argv[optind];
	o->place = argc - optind == 2 ? argv[optind + 1] : NULL;
	if (!o->output)
		return cli_usage_error("report", "say where to write the report with -o FILE.html");
	if (!o->r.from != !o->r.to)
		return cli_usage_error("report", "give both --from and --to, or neither");
	if (o->summary && o->place)
		return cli_usage_error("report", "--summary covers every place: leave out PLACE");
	return 0;
}

int cmd_report(int argc, char **argv)
{
	ripple_report_options rdefaults = RIPPLE_REPORT_OPTIONS_INIT;
	report_options o = { NULL, NULL, NULL, 0, 0, rdefaults };
	ripple_store *store = NULL;
	ripple_error err = { 0 };
	int64_t *ids = NULL;
	char **names = NULL, *html = NULL;
	size_t n = 0, len = 0;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int status, rc;

	o.r.jobs = cpus > 0 ? (int)(cpus < 256 ? cpus : 256) : 1;
	if ((status = parse(&o, argc, argv)) != 0)
		return status < 0 ? 0 : status;
	/* read only: a report never changes the database */
	if ((status = cli_open_places(&store, &ids, &names, &n, o.source, o.place,
	                              o.directed ? RIPPLE_SOURCE_DIRECTED : 0)) != 0)
		return status;
	if (n == 1 && !o.summary) {
		rc = ripple_report_place(&html, &len, store, ids[0], &o.r, &err);
	} else {
		/* workers of a database file open it for themselves; a folder's in-memory
		 * store is inherited by fork */
		o.r.reopen = ripple_is_dir(o.source) ? NULL : o.source;
		rc = ripple_report_summary(&html, &len, store, ids, names, n, &o.r, &err);
	}
	if (rc < 0) {
		status = cli_error(&err);
	} else {
		status = cli_write_output(o.output, html, len);
	}
	free(html);
	free(ids);
	ripple_strv_free(names);
	ripple_store_close(store);
	return status;
}
