/*
 * cmd_waves.c - ripple waves SOURCE [PLACE] [--section series|ties|persistence]
 *
 * Every wave of each place at once (docs/MEASURES.md, "Over all waves"). Sections, in
 * this order: series (every network measure of every wave, one row per place and
 * wave, as `ripple metrics` prints it, with the wave's ordinal and date and its
 * response columns), ties (every pair tied at some wave and its pattern across the
 * waves) and persistence (ties new at a wave and whether they are there at the next).
 * A table prints them all under headings; JSON is one object with a key per section;
 * CSV prints one section with --section, or all of them, each after a "# name" line
 * (as compare does).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum section { S_SERIES, S_TIES, S_PERSISTENCE, S_COUNT };
static const char *const section_names[S_COUNT] = { "series", "ties", "persistence" };

typedef struct waves_options {
	cli_measure_options io;
	int section;             /* -1 for all */
	ripple_metrics_options m;
} waves_options;

/* --section NAME: one of section_names, into an int. */
static int parse_section(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	(void)spec;
	return cli_section_parse(field, arg, section_names, S_COUNT, cmd);
}

static const cli_opt_spec options[] = {
	CLI_VALUE(waves_options, section, "section", 'S', "NAME", parse_section,
	          "print one section: series, ties or persistence (default: all, in that order; "
	          "without series the measures are not computed)"),
	CLI_OPT_WEIGHTED(waves_options, m.weighted, 'W',
	                 "weigh ties in the measures of the series (as metrics --weighted)"),
	CLI_OPT_SEED(waves_options, m.seed, 's',
	             "seed of the community search and of --sample (default 42)"),
	CLI_OPT_SHARE(waves_options, io.share),
	CLI_OPT_MEASURES(waves_options, io, m.paths),
	CLI_HELP,
	CLI_END
};

/* One place: its model and everything over its waves. */
typedef struct place_waves {
	ripple_model *model;
	ripple_waves w;
	int done;                /* w holds a run (release it) */
} place_waves;

#define NUM(buf, v, integer) \
	(cli_format_number((buf), sizeof(buf), (v), (integer), (enum cli_format)o->io.format), (buf))


/* The series: the columns that apply to some place, then one row per place and wave. */
static int series_table(cli_table *t, cli_column *cols, int *which, const place_waves *p,
                        size_t n, const waves_options *o)
{
	int any_directed = 0, any_trust = 0, any_value = 0;
	size_t ncols = 0, nm = 0;
	char cells[RIPPLE_NET_COUNT + CLI_RESPONSE_NCOLS][48], ordinal[48];
	const char *row[4 + RIPPLE_NET_COUNT + CLI_RESPONSE_NCOLS];

	for (size_t i = 0; i < n; i++) {
		any_directed |= p[i].model->directed;
		for (size_t k = 0; k < p[i].w.nwaves; k++) {
			any_trust |= p[i].w.metrics[k].has_trust;
			any_value |= p[i].w.metrics[k].has_value;
		}
	}
	cols[ncols++] = (cli_column){ "place", CLI_STR };
	cols[ncols++] = (cli_column){ "wave", CLI_STR };
	cols[ncols++] = (cli_column){ "ordinal", CLI_INT };
	cols[ncols++] = (cli_column){ "date", CLI_STR };
	for (int k = 0; k < RIPPLE_NET_COUNT; k++) {
		const ripple_measure_info *info = ripple_net_measure_info(k);
		if (!ripple_measure_applies(info->scope, any_directed, any_trust, any_value) ||
		    k == RIPPLE_NET_RESPONSE_RATE)   /* with the responses, below */
			continue;
		which[nm++] = k;
		cols[ncols++] = (cli_column){ info->name, info->integer ? CLI_INT : CLI_NUM };
	}
	for (size_t k = 0; k < CLI_RESPONSE_NCOLS; k++)
		cols[ncols++] = cli_response_columns[k];
	cli_table_init(t, cols, ncols);
	for (size_t i = 0; i < n; i++) {
		const ripple_model *m = p[i].model;
		for (size_t w = 0; w < p[i].w.nwaves; w++) {
			size_t c = 0;
			row[c++] = m->name;
			row[c++] = m->waves[w].name;
			row[c++] = NUM(ordinal, (double)m->waves[w].ordinal, 1);
			row[c++] = *m->waves[w].date ? m->waves[w].date : NULL;
			for (size_t k = 0; k < nm; k++)
				row[c++] = NUM(cells[k], p[i].w.metrics[w].net[which[k]],
				               ripple_net_measure_info(which[k])->integer);
			cli_response_cells(row + c, cells + nm, &p[i].w.graphs[w],
			                   (enum cli_format)o->io.format);
			if (cli_table_add(t, row) < 0)
				return cli_fail(1, "out of memory");
		}
	}
	return 0;
}

static const cli_column tie_cols[] = {
	{ "place", CLI_STR }, { "source", CLI_STR }, { "target", CLI_STR },
	{ "source_label", CLI_STR }, { "target_label", CLI_STR }, { "pattern", CLI_STR },
	{ "first_wave", CLI_STR }, { "last_wave", CLI_STR }, { "waves_tied", CLI_INT }
};

static int tie_rows(cli_table *t, const place_waves *p, size_t n, const waves_options *o)
{
	char tied[48];

	for (size_t i = 0; i < n; i++) {
		const ripple_model *m = p[i].model;
		for (size_t k = 0; k < p[i].w.nties; k++) {
			const ripple_tie_history *h = &p[i].w.ties[k];
			const char *row[] = { m->name, m->actors[h->a].id, m->actors[h->b].id,
			                      m->actors[h->a].label, m->actors[h->b].label, h->pattern,
			                      m->waves[h->first].name, m->waves[h->last].name,
			                      NUM(tied, (double)h->tied, 1) };
			if (cli_table_add(t, row) < 0)
				return cli_fail(1, "out of memory");
		}
	}
	return 0;
}

static const cli_column persistence_cols[] = {
	{ "place", CLI_STR }, { "scope", CLI_STR }, { "wave", CLI_STR }, { "next_wave", CLI_STR },
	{ "new_ties", CLI_INT }, { "observed_next", CLI_INT }, { "kept_next", CLI_INT },
	{ "share_kept", CLI_NUM }, { "policy", CLI_STR }
};

static int persistence_row(cli_table *t, const ripple_model *m, const ripple_persistence *r,
                           const ripple_waves *w, const waves_options *o)
{
	char formed[48], seen[48], kept[48], share[48];
	int all = r->wave == RIPPLE_NONE;
	const char *row[] = { m->name, all ? "overall" : "wave",
	                      all ? NULL : m->waves[r->wave].name,
	                      all ? NULL : m->waves[r->wave + 1].name,
	                      NUM(formed, (double)r->formed, 1), NUM(seen, (double)r->observed, 1),
	                      NUM(kept, (double)r->kept, 1), NUM(share, r->share, 0),
	                      ripple_policy_name(w->graph.missing) };
	return cli_table_add(t, row) < 0 ? cli_fail(1, "out of memory") : 0;
}

static int persistence_rows(cli_table *t, const place_waves *p, size_t n, const waves_options *o)
{
	int status = 0;

	for (size_t i = 0; i < n && !status; i++) {
		for (size_t k = 0; k < p[i].w.npersistence && !status; k++)
			status = persistence_row(t, p[i].model, &p[i].w.persistence[k], &p[i].w, o);
		if (!status)
			status = persistence_row(t, p[i].model, &p[i].w.overall, &p[i].w, o);
	}
	return status;
}

static int print_waves(const place_waves *p, size_t n, const waves_options *o)
{
	cli_column cols[4 + RIPPLE_NET_COUNT + CLI_RESPONSE_NCOLS];
	int which[RIPPLE_NET_COUNT], first = 1, status = 0;

	for (int s = 0; s < S_COUNT && !status; s++) {
		cli_table t;
		if (o->section >= 0 && o->section != s)
			continue;
		switch (s) {
		case S_SERIES:
			status = series_table(&t, cols, which, p, n, o);
			break;
		case S_TIES:
			cli_table_init(&t, tie_cols, sizeof(tie_cols) / sizeof(tie_cols[0]));
			status = tie_rows(&t, p, n, o);
			break;
		default:
			cli_table_init(&t, persistence_cols,
			               sizeof(persistence_cols) / sizeof(persistence_cols[0]));
			status = persistence_rows(&t, p, n, o);
			break;
		}
		t.min_count = o->io.share.min_count;
		t.no_formula_guard = o->io.no_formula_guard;
		if (!status)
			cli_section_write(&t, section_names[s], o->io.format, o->section < 0,
			                  &first);
		cli_table_release(&t);
	}
	if (!status && o->io.format == CLI_JSON)
		printf("}\n");
	return status;
}

int cmd_waves(int argc, char **argv)
{
	ripple_metrics_options mdefaults = RIPPLE_METRICS_OPTIONS_INIT;
	waves_options o = { 0 };
	cli_progress prog;
	ripple_store *store = NULL;
	int64_t *place_ids = NULL;
	char **names = NULL;
	place_waves *places = NULL;
	size_t nplaces = 0;
	int status = 0;

	o.m = mdefaults;
	o.section = -1;
	if ((status = cli_measure_open(&store, &place_ids, &names, &nplaces, "waves", options, &o,
	                               &o.m.paths, argc, argv)) != 0)
		return status < 0 ? 0 : status;
	if (!(places = calloc(nplaces + 1, sizeof(*places)))) {
		status = cli_fail(1, "out of memory");
		goto done;
	}
	cli_progress_start(&prog, "blocks of shortest paths", &o.m.paths.progress,
	                   &o.m.paths.progress_ctx);
	for (size_t i = 0; i < nplaces && !status; i++) {
		ripple_waves_options wo = RIPPLE_WAVES_OPTIONS_INIT;
		ripple_error err = { 0 };
		wo.graph = o.io.graph;
		wo.metrics = o.m;
		wo.measures = o.section < 0 || o.section == S_SERIES;
		if (ripple_store_read(&places[i].model, store, place_ids[i], &err) < 0) {
			status = cli_error(&err);
			break;
		}
		if ((status = cli_model_share(places[i].model, &o.io.share)) != 0)
			break;
		if (ripple_waves_run(&places[i].w, places[i].model, &wo, &err) < 0) {
			cli_progress_end(&prog);
			status = cli_error(&err);
			break;
		}
		places[i].done = 1;
		for (size_t k = 0; wo.measures && k < places[i].w.nwaves; k++)
			cli_warn_responses(&places[i].w.graphs[k], o.io.min_response);
	}
	if (!status && o.io.format == CLI_TABLE) {
		/* what the tables are of: "Stockton-on-Tees: every wave, --missing reconstruct" */
		if (nplaces == 1)
			cli_print_line(stdout, "%s: every wave, --missing %s", names[0],
			               ripple_policy_name(o.io.graph.missing));
		else
			cli_print_line(stdout, "%zu places: every wave, --missing %s", nplaces,
			               ripple_policy_name(o.io.graph.missing));
		putchar('\n');
	}
	if (!status)
		status = print_waves(places, nplaces, &o);
done:
	for (size_t i = 0; places && i < nplaces; i++) {
		if (places[i].done)
			ripple_waves_release(&places[i].w);
		ripple_model_free(places[i].model);
	}
	free(places);
	free(place_ids);
	ripple_strv_free(names);
	ripple_store_close(store);
	return status;
}
