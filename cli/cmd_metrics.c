/*
 * cmd_metrics.c - ripple metrics SOURCE [PLACE] [--wave W] [--nodes] [--weighted]
 *                 [--jobs N] [--sample N] [--mixing]
 *
 * One row per place and wave (network measures), or with --nodes one row per
 * place, wave and actor. Columns that apply to no row of the output (measures
 * of directed places, trust and value) are left out; the others are always
 * there, null where a measure is undefined. docs/MEASURES.md defines them.
 *
 * Every row ends with who answered the wave's survey and how the network
 * treats those who did not: a network row with the wave's answered, missing,
 * absent, response_rate and policy (cli_response_columns), an actor row with
 * the actor's own response, the wave's response_rate and the policy. They
 * are columns, not a table of their own, because metrics prints one table in
 * every format (JSON an array of rows, CSV one header): a second table would
 * break both. A wave whose response rate is below --min-response is warned
 * about on stderr.
 *
 * With --mixing the table is instead the sector x sector mixing matrix of
 * every wave (cli/mixing.c): no measure is computed.
 */
#include <math.h>
#include <stdlib.h>

#include <string.h>

#include "cli.h"

typedef struct metrics_options {
	cli_measure_options io;
	const char *wave;       /* NULL: every wave */
	int nodes;
	int mixing;             /* the sector mixing matrix instead of the measures */
	ripple_metrics_options m;
} metrics_options;

static const cli_opt_spec options[] = {
	CLI_VALUE(metrics_options, wave, "wave", 'w', "W", NULL,
	          "only the wave W (default: every wave of each place)"),
	CLI_SWITCH(metrics_options, nodes, "nodes", 'n',
	           "the measures of each actor: one row per place, wave and actor"),
	CLI_SWITCH(metrics_options, mixing, "mixing", 0,
	           "ties within and between sectors: one row per place, wave and pair of "
	           "sectors, instead of the measures"),
	CLI_OPT_WEIGHTED(metrics_options, m.weighted, 'W',
	                 "weigh ties in betweenness, closeness, eigenvector, PageRank, constraint "
	                 "and communities (docs/MEASURES.md)"),
	CLI_OPT_SEED(metrics_options, m.seed, 's',
	             "seed of the community search and of --sample (default 42)"),
	CLI_OPT_LEVEL(metrics_options, io.level),
	CLI_OPT_SHARE(metrics_options, io.share),
	CLI_OPT_MEASURES(metrics_options, io, m.paths),
	CLI_HELP,
	CLI_END
};

/* One computed wave, kept until the columns are known. */
typedef struct wave_result {
	const char *place, *wave;
	int directed;
	ripple_graph g;
	ripple_metrics m;
} wave_result;

static int print_results(const wave_result *r, size_t n, const metrics_options *o)
{
	int any_directed = 0, any_trust = 0, any_value = 0, status = 0;
	size_t nfixed = o->nodes ? 5 : 2, nmeasures = o->nodes ? RIPPLE_NODE_COUNT : RIPPLE_NET_COUNT;
	size_t ncells = nfixed + nmeasures + CLI_RESPONSE_NCOLS;
	cli_column *cols = calloc(ncells, sizeof(*cols));
	int *which = calloc(nmeasures, sizeof(*which));
	char (*cells)[48] = calloc(nmeasures + CLI_RESPONSE_NCOLS, sizeof(*cells));
	const char **row = calloc(ncells, sizeof(*row));
	size_t ncols = 0, nm = 0;
	cli_table t;

	if (!cols || !which || !cells || !row) {
		status = cli_fail(1, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		any_directed |= r[i].directed;
		any_trust |= r[i].m.has_trust;
		any_value |= r[i].m.has_value;
	}
	cols[ncols++] = (cli_column){ "place", CLI_STR };
	cols[ncols++] = (cli_column){ "wave", CLI_STR };
	if (o->nodes) {
		cols[ncols++] = (cli_column){ "actor", CLI_STR };
		cols[ncols++] = (cli_column){ "label", CLI_STR };
		cols[ncols++] = (cli_column){ "sector", CLI_STR };
	}
	for (size_t k = 0; k < nmeasures; k++) {
		const ripple_measure_info *info = o->nodes ? ripple_node_measure_info(k)
		                                           : ripple_net_measure_info(k);
		if (!ripple_measure_applies(info->scope, any_directed, any_trust, any_value) ||
		    (!o->nodes && k == RIPPLE_NET_RESPONSE_RATE))   /* with the responses, below */
			continue;
		which[nm++] = (int)k;
		cols[ncols++] = (cli_column){ info->name, info->integer ? CLI_INT : CLI_NUM };
	}
	if (o->nodes) {
		cols[ncols++] = (cli_column){ "response", CLI_STR };
		cols[ncols++] = cli_response_columns[3];              /* response_rate */
		cols[ncols++] = cli_response_columns[4];              /* policy */
	} else {
		for (size_t k = 0; k < CLI_RESPONSE_NCOLS; k++)
			cols[ncols++] = cli_response_columns[k];
	}
	cli_table_init(&t, cols, ncols);
	t.min_count = o->io.share.min_count;
	t.no_formula_guard = o->io.no_formula_guard;
	for (size_t i = 0; i < n && !status; i++) {
		size_t rows = o->nodes ? r[i].g.n : 1;
		for (size_t v = 0; v < rows && !status; v++) {
			size_t c = 0;
			row[c++] = r[i].place;
			row[c++] = r[i].wave;
			if (o->nodes) {
				row[c++] = r[i].g.model->actors[v].id;
				row[c++] = r[i].g.model->actors[v].label;
				row[c++] = r[i].g.model->actors[v].sector;
			}
			for (size_t k = 0; k < nm; k++) {
				const ripple_measure_info *info = o->nodes ? ripple_node_measure_info(which[k])
				                                           : ripple_net_measure_info(which[k]);
				double x = o->nodes ? ripple_metrics_node(&r[i].m, v, which[k])
				                    : r[i].m.net[which[k]];
				cli_format_number(cells[k], sizeof(cells[k]), x, info->integer,
				                  (enum cli_format)o->io.format);
				row[c++] = cells[k];
			}
			if (o->nodes) {
				const ripple_graph *g = &r[i].g;
				row[c++] = ripple_response_name(ripple_model_response(g->model, g->wave_index, v));
				cli_format_number(cells[nm], sizeof(cells[nm]), g->response_rate, 0,
				                  (enum cli_format)o->io.format);
				row[c++] = cells[nm];
				row[c++] = ripple_policy_name(g->opts.missing);
			} else {
				cli_response_cells(row + c, cells + nm, &r[i].g, (enum cli_format)o->io.format);
				c += CLI_RESPONSE_NCOLS;
			}
			if (cli_table_add(&t, row) < 0)
				status = cli_fail(1, "out of memory");
		}
	}
	if (!status)
		cli_table_write(&t, (enum cli_format)o->io.format, stdout);
	cli_table_release(&t);
done:
	free(cols);
	free(which);
	free(cells);
	free(row);
	return status;
}

/* Prints the sector mixing matrix of every loaded wave (--mixing). */
static int print_mixing(const wave_result *r, size_t n, const metrics_options *o)
{
	cli_table t;
	int status = 0;

	cli_table_init(&t, cli_mixing_columns, CLI_MIXING_NCOLS);
	t.min_count = o->io.share.min_count;
	t.no_formula_guard = o->io.no_formula_guard;
	for (size_t i = 0; i < n && !status; i++) {
		ripple_mixing mx;
		ripple_error err;
		if (ripple_mixing_compute(&mx, &r[i].g, &err) < 0)
			status = cli_error(&err);
		else if (cli_mixing_add(&t, &r[i].g, &mx, (enum cli_format)o->io.format) < 0)
			status = cli_fail(1, "out of memory");
		ripple_mixing_release(&mx);
	}
	if (!status)
		cli_table_write(&t, (enum cli_format)o->io.format, stdout);
	cli_table_release(&t);
	return status;
}

/* Computes the measures of the loaded waves r[0..n-1] (see ripple_metrics_compute_waves). */
static int compute_waves(wave_result *r, size_t n, const ripple_metrics_options *mo)
{
	const ripple_graph **gs = malloc(n * sizeof(*gs));
	ripple_metrics *ms = malloc(n * sizeof(*ms));
	ripple_error err;
	int status = 0;

	if (!gs || !ms) {
		status = cli_fail(1, "out of memory");
	} else {
		for (size_t i = 0; i < n; i++)
			gs[i] = &r[i].g;
		if (ripple_metrics_compute_waves(ms, gs, n, mo, &err) < 0)
			status = cli_error(&err);
		else
			for (size_t i = 0; i < n; i++) {
				r[i].m = ms[i];
				/* eigenvector null on a wave with ties, when it was computed: ARPACK
				 * did not converge */
				int eig = 0, deg = 0;
				for (size_t v = 0; v < ms[i].n; v++) {
					eig |= !isnan(ripple_metrics_node(&ms[i], v, RIPPLE_NODE_EIGENVECTOR));
					deg |= !isnan(ripple_metrics_node(&ms[i], v, RIPPLE_NODE_DEGREE));
				}
				if (!mo->network_only && !eig && deg && ms[i].net[RIPPLE_NET_TIES] > 0)
					cli_print_line(stderr, "ripple: warning: metrics: wave \"%s\" of \"%s\": "
					               "eigenvector is left empty: igraph's ARPACK solver did not "
					               "converge on it (docs/MEASURES.md, eigenvector)",
					               r[i].wave, r[i].place);
			}
	}
	free(gs);
	free(ms);
	return status;
}

int cmd_metrics(int argc, char **argv)
{
	metrics_options o = { 0 };
	cli_progress prog;
	ripple_metrics_options mdefaults = RIPPLE_METRICS_OPTIONS_INIT;
	ripple_store *store = NULL;
	int64_t *place_ids = NULL;
	ripple_model **models = NULL;
	char **names = NULL;
	wave_result *results = NULL;
	size_t nplaces = 0, nresults = 0, cap = 0;
	int status = 0;

	o.m = mdefaults;
	if ((status = cli_measure_open(&store, &place_ids, &names, &nplaces, "metrics", options, &o,
	                               &o.m.paths, argc, argv)) != 0)
		return status < 0 ? 0 : status;
	/* without --nodes no actor column is printed: the actor-only measures are not computed */
	o.m.network_only = !o.nodes;
	if (o.mixing && o.nodes) {
		ripple_strv_free(names);
		free(place_ids);
		ripple_store_close(store);
		return cli_usage_error("metrics", "--mixing and --nodes do not go together");
	}
	if (!(models = calloc(nplaces, sizeof(*models)))) {
		ripple_strv_free(names);
		free(place_ids);
		ripple_store_close(store);
		return cli_fail(1, "out of memory");
	}
	cli_progress_start(&prog, "blocks of shortest paths", &o.m.paths.progress,
	                   &o.m.paths.progress_ctx);
	for (size_t p = 0; p < nplaces && !status; p++) {
		ripple_error err = { 0 };
		const ripple_model *pm;
		size_t nwaves = 0;
		if (ripple_store_read(&models[p], store, place_ids[p], &err) < 0) {
			status = cli_error(&err);
			break;
		}
		if ((status = cli_model_level(&models[p], o.io.level)) != 0 ||
		    (status = cli_model_share(models[p], &o.io.share)) != 0)
			break;
		pm = models[p];
		nwaves = pm->nwaves;
		int found = 0;
		size_t first = nresults;
		for (size_t w = 0; w < nwaves && !status; w++) {
			if (o.wave && strcmp(o.wave, pm->waves[w].name) != 0)
				continue;
			found = 1;
			if (nresults == cap) {
				cap = cap ? cap * 2 : 8;
				wave_result *nr = realloc(results, cap * sizeof(*nr));
				if (!nr) {
					status = cli_fail(1, "out of memory");
					break;
				}
				results = nr;
			}
			wave_result *r = &results[nresults];
			memset(r, 0, sizeof(*r));
			if (ripple_graph_build(&r->g, pm, pm->waves[w].name, &o.io.graph, &err) < 0) {
				status = cli_error(&err);
				break;
			}
			r->place = r->g.place;
			r->wave = r->g.wave;
			r->directed = r->g.directed;
			nresults++;
		}
		/* the place's waves together: large ones run in parallel (see --jobs) */
		if (!status && nresults > first && !o.mixing &&
		    (status = compute_waves(results + first, nresults - first, &o.m)) != 0) {
			cli_progress_end(&prog);
			for (size_t i = first; i < nresults; i++)
				ripple_graph_release(&results[i].g);
			nresults = first;
		}
		if (!status && o.wave && !found && nplaces == 1 &&
		    ripple_model_find_wave(pm, o.wave, &err) == RIPPLE_NONE)
			status = cli_error(&err);   /* "... has no wave "W" (waves: ...)" */
	}
	if (!status && o.wave && nresults == 0)
		status = cli_fail(2, "no place has a wave \"%s\"", o.wave);
	for (size_t i = 0; i < nresults && !status; i++)
		cli_warn_responses(&results[i].g, o.io.min_response);
	if (!status)
		status = o.mixing ? print_mixing(results, nresults, &o)
		                  : print_results(results, nresults, &o);
	for (size_t i = 0; i < nresults; i++) {
		ripple_metrics_release(&results[i].m);
		ripple_graph_release(&results[i].g);
	}
	free(results);
	for (size_t p = 0; models && p < nplaces; p++)
		ripple_model_free(models[p]);
	free(models);
	free(place_ids);
	ripple_strv_free(names);
	ripple_store_close(store);
	return status;
}
