/*
 * cmd_export.c - ripple export SOURCE [PLACE] [--wave W] --format F -o FILE
 *
 * The network of a place for other tools: GraphML, GEXF (every wave, for
 * Gephi's timeline), DOT or CSV, or a folder of Kumu CSVs (every wave).
 * docs/EXPORT.md describes each format, docs/IMPORT.md the Kumu mapping.
 */
#include <stdlib.h>
#include <strings.h>

#include "common.h"

static const char *const details =
	"\n"
	"Formats (--format, or the extension of -o; -o - writes to stdout and needs --format):\n"
	"  graphml  one wave (--wave W), written by igraph; actor ids in the `name` attribute\n"
	"  gexf     every wave of the place as a point in time, for Gephi's timeline: each tie\n"
	"           has a spell per wave it is present at; the measures of every wave as\n"
	"           dynamic values; time is the waves' dates when all have one, else their\n"
	"           ordinal; takes no --wave\n"
	"  dot      one wave (--wave W), for Graphviz; labels drawn literally\n"
	"  csv      one wave (--wave W): the edges to FILE (source,target,wave,type,weight,ties\n"
	"           and the extra columns of ties.csv) and the actors to FILE-nodes.csv, with\n"
	"           FILE's extension replaced (id,label,kind,parent,sector,town,attended, the\n"
	"           extra columns of actors.csv, then the measures of `ripple metrics --nodes`)\n"
	"  kumu     every wave: -o FOLDER gets elements.csv and connections.csv as Kumu\n"
	"           imports them (a Wave field on each connection); `ripple import --from kumu`\n"
	"           reads them back (docs/IMPORT.md); takes no --wave\n"
	"  ripplefx the ripple map: -o FOLDER gets nodes.csv (dates dd/MM/yyyy; capitals,\n"
	"           valence, intended and organisations as attribute pairs) and\n"
	"           relationships.csv; `ripple import --from ripplefx` reads them back\n"
	"\n"
	"An edge is a pair of actors tied at the wave, as in every measure: `type` lists\n"
	"its ties' types (';'-joined), `weight` sums their weights, `ties` counts them,\n"
	"trust and value are averaged. Files are written whole or not at all.\n";

/* --format kumu or ripplefx: a folder of two CSVs, written by the engine (each file whole). */
static int export_folder(int argc, char **argv, int optind_, const char *output, const char *wave,
                         int flags, const char *format,
                         int (*fn)(ripple_store *, int64_t, const char *, ripple_error *))
{
	ripple_store *store = NULL;
	ripple_error err = { 0 };
	char *name = NULL;
	int64_t place_id = 0;
	int status;

	if (wave)
		return cli_usage_error("export", "a %s export holds every wave: leave out --wave", format);
	if (strcmp(output, "-") == 0)
		return cli_usage_error("export", "a %s export is a folder of two files: give -o FOLDER",
		                       format);
	if ((status = cli_open_place(&store, &place_id, &name, "export", argv[optind_],
	                             argc - optind_ == 2 ? argv[optind_ + 1] : NULL, flags)) != 0)
		return status;
	if (fn(store, place_id, output, &err) < 0)
		status = cli_error(&err);
	free(name);
	ripple_store_close(store);
	return status;
}

static int help(void)
{
	int status = cli_help("export");
	fputs(details, stdout);
	return status;
}

/* Where file i of an export goes: -o itself, or -o with its extension replaced by the suffix. */
static char *file_path(const char *output, const ripple_export_file *file)
{
	const char *slash = strrchr(output, '/'), *dot = strrchr(output, '.');
	size_t stem = dot && dot > (slash ? slash : output) ? (size_t)(dot - output) : strlen(output);
	char *path;

	if (!file->suffix)
		return strdup(output);
	if (!(path = malloc(stem + strlen(file->suffix) + 1)))
		return NULL;
	memcpy(path, output, stem);
	strcpy(path + stem, file->suffix);
	return path;
}

static int write_export(const char *output, const ripple_export *ex)
{
	const char **paths = calloc(ex->nfiles, sizeof(*paths));
	const char **data = calloc(ex->nfiles, sizeof(*data));
	size_t *lens = calloc(ex->nfiles, sizeof(*lens));
	int status = 0;

	if (!paths || !data || !lens) {
		status = cli_fail(1, "out of memory");
		goto done;
	}
	if (strcmp(output, "-") == 0) {
		/* several files on stdout: each after a "# role" line, as compare prints its sections */
		for (size_t i = 0; i < ex->nfiles && !status; i++) {
			if (ex->nfiles > 1)
				printf("%s# %s\n", i ? "\n" : "", ex->files[i].role);
			status = cli_write_output("-", ex->files[i].data, ex->files[i].len);
		}
		goto done;
	}
	for (size_t i = 0; i < ex->nfiles; i++) {
		data[i] = ex->files[i].data;
		lens[i] = ex->files[i].len;
		if (!(paths[i] = file_path(output, &ex->files[i]))) {
			status = cli_fail(1, "out of memory");
			goto done;
		}
	}
	status = cli_write_outputs(paths, data, lens, ex->nfiles);
done:
	for (size_t i = 0; paths && i < ex->nfiles; i++)
		free((char *)paths[i]);
	free(paths);
	free(data);
	free(lens);
	return status;
}

/* Usage error for a one-wave format without --wave, naming the waves of the place. */
static int wave_missing(ripple_store *store, int64_t place_id, const char *place, int fmt)
{
	ripple_error err = { 0 };
	char **waves = NULL, list[512] = "";
	size_t n = 0, len = 0;

	if (ripple_store_waves(&waves, &n, store, place_id, &err) < 0)
		return cli_error(&err);
	for (size_t w = 0; w < n && len < sizeof(list); w++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", w ? ", " : "", waves[w]);
	ripple_strv_free(waves);
	return cli_usage_error("export", "a %s export is of one wave: give --wave W (waves of \"%s\": %s)",
	                       ripple_export_format_name((enum ripple_export_format)fmt), place,
	                       n ? list : "none");
}

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "wave", required_argument, NULL, 'w' },
		{ "weighted", no_argument, NULL, 'W' },
		{ "seed", required_argument, NULL, 's' },
		{ "directed", no_argument, NULL, 'd' },
		CLI_OPT_HELP, { 0, 0, 0, 0 }
	};
	ripple_export_options opts = RIPPLE_EXPORT_OPTIONS_INIT;
	ripple_export ex = { 0 };
	ripple_store *store = NULL;
	ripple_error err = { 0 };
	const char *output = NULL, *format = NULL;
	char *name = NULL;
	int64_t place_id = 0;
	int c, fmt, flags = 0, status;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":ho:f:w:Ws:d", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'f': format = optarg; break;
		case 'w': opts.wave = optarg; break;
		case 'W': opts.metrics.weighted = 1; break;
		case 'd': flags |= RIPPLE_SOURCE_DIRECTED; break;
		case 's':
			if (cli_opt_seed("export", optarg, &opts.metrics.seed))
				return 2;
			break;
		case 'h': return help();
		default: return cli_bad_option("export", argv, c);
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage_error("export", "give a SOURCE and at most one PLACE");
	if (!output)
		return cli_usage_error("export", "say where to write with -o FILE (- for stdout)");
	if (format && strcasecmp(format, "kumu") == 0)
		return export_folder(argc, argv, optind, output, opts.wave, flags, "kumu",
		                     ripple_kumu_export);
	if (format && strcasecmp(format, "ripplefx") == 0)
		return export_folder(argc, argv, optind, output, opts.wave, flags, "ripplefx",
		                     ripple_ripplefx_export);
	fmt = format ? ripple_export_format_parse(format) : ripple_export_format_of_path(output);
	if (fmt < 0 && format)
		return cli_usage_error("export", "unknown --format \"%s\" (graphml, gexf, dot, csv, kumu or ripplefx)",
		                       format);
	if (fmt < 0)
		return cli_usage_error("export", "cannot tell the format of \"%s\": end it in .graphml, "
		                       ".gexf, .dot or .csv, or give --format", output);
	opts.format = (enum ripple_export_format)fmt;
	if (ripple_export_format_all_waves(opts.format) && opts.wave)
		return cli_usage_error("export", "a %s export holds every wave: leave out --wave",
		                       ripple_export_format_name(opts.format));

	if ((status = cli_open_place(&store, &place_id, &name, "export", argv[optind],
	                             argc - optind == 2 ? argv[optind + 1] : NULL, flags)) != 0)
		return status;
	if (!ripple_export_format_all_waves(opts.format) && !opts.wave)
		status = wave_missing(store, place_id, name, fmt);
	else if (ripple_export_write(&ex, store, place_id, &opts, &err) < 0)
		status = cli_error(&err);
	else
		status = write_export(output, &ex);
	ripple_export_release(&ex);
	free(name);
	ripple_store_close(store);
	return status;
}
