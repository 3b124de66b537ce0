/*
 * cmd_export.c - ripple export SOURCE [PLACE] [--wave W] --format F -o FILE
 *
 * The network of a place for other tools: GraphML, GEXF (every wave, for
 * Gephi's timeline), DOT or CSV, or a folder of Kumu CSVs (every wave).
 * docs/EXPORT.md describes each format, docs/IMPORT.md the Kumu mapping.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

typedef struct export_options {
	cli_file_options f;
	ripple_export_options x;
	double min_response;
	cli_share_options share;   /* --pseudonymise (a file has no table of counts) */
	int no_formula_guard;      /* --no-formula-guard: CSV cells as they are */
} export_options;

/* The formats are described after the options, from main.c's command table. */
static const cli_opt_spec options[] = {
	CLI_VALUE(export_options, f.output, "output", 'o', "FILE", NULL,
	          "write to FILE, or for kumu and ripplefx into the folder FILE (- for stdout, "
	          "with --format)"),
	CLI_VALUE(export_options, f.format, "format", 'f', "F", NULL,
	          "graphml, gexf, dot, csv, kumu, ripplefx, xmind or freemind (default: the "
	          "extension of FILE)"),
	CLI_VALUE(export_options, x.wave, "wave", 'w', "W", NULL,
	          "the wave to export (graphml, dot and csv hold one wave)"),
	CLI_OPT_WEIGHTED(export_options, x.metrics.weighted, 'W',
	                 "the weighted measures of each actor (as metrics --weighted)"),
	CLI_OPT_SEED(export_options, x.metrics.seed, 's',
	             "seed of the community search (default 42)"),
	CLI_OPT_MISSING(export_options, x.graph.missing),
	CLI_OPT_UNDIRECTED(export_options, x.graph.view),
	CLI_OPT_MIN_RESPONSE(export_options, min_response),
	CLI_OPT_DIRECTED(export_options, f.directed, 'd'),
	CLI_OPT_LEVEL(export_options, f.level),
	CLI_OPT_PSEUDONYMISE(export_options, share),
	CLI_OPT_NO_FORMULA_GUARD(export_options, no_formula_guard),
	CLI_HELP,
	CLI_END
};

/* --format kumu or ripplefx: a folder of two CSVs, written by the engine (each file whole). */
static int export_folder(const char *source, const char *place, const char *output,
                         const char *wave, int flags, int level,
                         const cli_share_options *share, const char *format, int guard,
                         int (*fn)(const ripple_model *, const char *, int, ripple_error *))
{
	ripple_store *store = NULL;
	ripple_model *model = NULL;
	ripple_error err = { 0 };
	char *name = NULL;
	int64_t place_id = 0;
	int status;

	if (wave)
		return cli_usage_error("export", "a %s export holds every wave: leave out --wave", format);
	if (strcmp(output, "-") == 0)
		return cli_usage_error("export", "a %s export is a folder of two files: give -o FOLDER",
		                       format);
	if ((status = cli_open_place(&store, &place_id, &name, "export", source, place, flags)) != 0)
		return status;
	if (ripple_store_read(&model, store, place_id, &err) < 0)
		status = cli_error(&err);
	else if ((status = cli_model_level(&model, level)) == 0 &&
	         (status = cli_model_share(model, share)) == 0 && fn(model, output, guard, &err) < 0)
		status = cli_error(&err);
	ripple_model_free(model);
	free(name);
	ripple_store_close(store);
	return status;
}

/* --format xmind or freemind: the ripple map as one mind map file, written whole. */
static int export_mindmap(const char *source, const char *place, const char *output,
                          const char *wave, int flags, const cli_share_options *share,
                          const char *format, int (*fn)(char **, size_t *, const ripple_model *, ripple_error *))
{
	ripple_store *store = NULL;
	ripple_model *model = NULL;
	ripple_error err = { 0 };
	char *name = NULL, *data = NULL;
	size_t len = 0;
	int64_t place_id = 0;
	int status;

	if (wave)
		return cli_usage_error("export", "a %s export is the ripple map: leave out --wave", format);
	if ((status = cli_open_place(&store, &place_id, &name, "export", source, place, flags)) != 0)
		return status;
	if (ripple_store_read(&model, store, place_id, &err) < 0)
		status = cli_error(&err);
	else if ((status = cli_model_share(model, share)) != 0)
		;
	else if (fn(&data, &len, model, &err) < 0)
		status = cli_error(&err);
	else
		status = cli_write_output(output, data, len);
	free(data);
	ripple_model_free(model);
	free(name);
	ripple_store_close(store);
	return status;
}

/* 1 when path ends in ext (any case). */
static int has_ext(const char *path, const char *ext)
{
	size_t n = strlen(path), k = strlen(ext);
	return n > k && strcasecmp(path + n - k, ext) == 0;
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

static int write_export(const char *output, const char *source, const ripple_export *ex)
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
		if ((status = cli_output_apart(paths[i], source, NULL)) != 0)
			goto done;
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
	export_options o = { { NULL, NULL, 0, RIPPLE_LEVEL_ACTOR, NULL }, RIPPLE_EXPORT_OPTIONS_INIT,
	                     CLI_MIN_RESPONSE, { 0, NULL, 0 }, 0 };
	ripple_export ex = { 0 };
	ripple_store *store = NULL;
	ripple_model *model = NULL;
	ripple_error err = { 0 };
	const char *source = NULL, *place = NULL;
	char *name = NULL;
	int64_t place_id = 0;
	int fmt, flags, status;

	if ((status = cli_opt_parse_source(&source, &place, options, &o, "export", argc, argv)) != 0)
		return status < 0 ? 0 : status;
	flags = o.f.directed ? RIPPLE_SOURCE_DIRECTED : 0;
	if ((status = cli_share_check("export", &o.share)) != 0)
		return status;
	if (!o.f.output)
		return cli_usage_error("export", "say where to write with -o FILE (- for stdout)");
	if ((status = cli_output_apart(o.f.output, source, &o.share)) != 0)
		return status;
	if (o.f.format && strcasecmp(o.f.format, "kumu") == 0)
		return export_folder(source, place, o.f.output, o.x.wave, flags, o.f.level, &o.share, "kumu",
		                     !o.no_formula_guard, ripple_kumu_export);
	if (o.f.format && strcasecmp(o.f.format, "ripplefx") == 0)
		return export_folder(source, place, o.f.output, o.x.wave, flags, o.f.level, &o.share,
		                     "ripplefx", !o.no_formula_guard, ripple_ripplefx_export);
	if (o.f.format ? strcasecmp(o.f.format, "xmind") == 0 : has_ext(o.f.output, ".xmind"))
		return export_mindmap(source, place, o.f.output, o.x.wave, flags, &o.share, "xmind",
		                      ripple_xmind_write);
	if (o.f.format ? strcasecmp(o.f.format, "freemind") == 0 : has_ext(o.f.output, ".mm"))
		return export_mindmap(source, place, o.f.output, o.x.wave, flags, &o.share, "freemind",
		                      ripple_freemind_write);
	fmt = o.f.format ? ripple_export_format_parse(o.f.format)
	                 : ripple_export_format_of_path(o.f.output);
	if (fmt < 0 && o.f.format)
		return cli_usage_error("export", "unknown --format \"%s\" (graphml, gexf, dot, csv, kumu, "
		                       "ripplefx, xmind or freemind)", o.f.format);
	if (fmt < 0)
		return cli_usage_error("export", "cannot tell the format of \"%s\": end it in .graphml, "
		                       ".gexf, .dot or .csv, or give --format", o.f.output);
	o.x.format = (enum ripple_export_format)fmt;
	o.x.formula_guard = !o.no_formula_guard;
	if (ripple_export_format_all_waves(o.x.format) && o.x.wave)
		return cli_usage_error("export", "a %s export holds every wave: leave out --wave",
		                       ripple_export_format_name(o.x.format));

	if ((status = cli_open_place(&store, &place_id, &name, "export", source, place, flags)) != 0)
		return status;
	if (!ripple_export_format_all_waves(o.x.format) && !o.x.wave)
		status = wave_missing(store, place_id, name, fmt);
	else if (ripple_store_read(&model, store, place_id, &err) < 0)
		status = cli_error(&err);
	else if ((status = cli_model_level(&model, o.f.level)) != 0 ||
	         (status = cli_model_share(model, &o.share)) != 0)
		;
	else {
		cli_warn_waves(model, &o.x.wave, 1, &o.x.graph, o.min_response);
		status = ripple_export_write(&ex, model, &o.x, &err) < 0 ? cli_error(&err)
		                                                          : write_export(o.f.output, source, &ex);
	}
	ripple_export_release(&ex);
	ripple_model_free(model);
	free(name);
	ripple_store_close(store);
	return status;
}
