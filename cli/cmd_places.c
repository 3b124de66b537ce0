/*
 * cmd_places.c - ripple places SOURCE : one row per place and wave, with counts
 * and who answered the wave's survey (responses.csv).
 */
#include <math.h>
#include <stdlib.h>

#include "cli.h"

/* Column names are part of the interface: scripts read them. */
static const cli_column place_columns[] = {
	{ "place", CLI_STR }, { "directed", CLI_BOOL }, { "actors", CLI_INT },
	{ "ripples", CLI_INT }, { "wave", CLI_STR }, { "date", CLI_STR },
	{ "ties", CLI_INT }, { "active_actors", CLI_INT },
	/* who answered the wave's survey: a place without responses.csv has everyone answer */
	{ "answered", CLI_INT }, { "missing", CLI_INT }, { "absent", CLI_INT },
	{ "response_rate", CLI_NUM },
};
#define NCOLS (sizeof(place_columns) / sizeof(place_columns[0]))

typedef struct places_options {
	int format;          /* enum cli_format */
	int directed;
	int no_formula_guard; /* --no-formula-guard */
} places_options;

static const cli_opt_spec options[] = {
	CLI_OPT_FORMAT(places_options, format, 'f'),
	CLI_OPT_NO_FORMULA_GUARD(places_options, no_formula_guard),
	CLI_OPT_DIRECTED(places_options, directed, 'd'),
	CLI_HELP,
	CLI_END
};

int cmd_places(int argc, char **argv)
{
	places_options o = { CLI_TABLE, 0, 0 };
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_store *store = NULL;
	ripple_place_info *infos = NULL;
	ripple_error err = {0};
	cli_table table;
	size_t n = 0;
	int first, status = 0;

	if ((status = cli_opt_parse(&first, options, &o, "places", argc, argv)) != 0)
		return status < 0 ? 0 : status;
	if (argc - first != 1)
		return cli_usage_error("places", "give one SOURCE");
	if (ripple_source_open(&store, argv[first], o.directed, &diags) < 0) {
		status = cli_diags(&diags);
		ripple_diags_release(&diags);
		return status;
	}
	if (ripple_store_places(&infos, &n, store, &err) < 0) {
		status = cli_error(&err);
		goto done;
	}
	cli_table_init(&table, place_columns, NCOLS);
	table.no_formula_guard = o.no_formula_guard;
	for (size_t i = 0; i < n && status == 0; i++) {
		const ripple_place_info *p = &infos[i];
		char actors[32], ripples[32], ties[32], active[32], answered[32], missing[32],
		     absent[32], rate[32];
		snprintf(actors, sizeof(actors), "%ld", p->actors);
		snprintf(ripples, sizeof(ripples), "%ld", p->ripples);
		for (size_t w = 0; w < p->nwaves || (w == 0 && p->nwaves == 0); w++) {
			const char *row[NCOLS] = { p->name, p->directed ? "yes" : "no", actors, ripples,
			                           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
			if (p->nwaves) {
				/* response rate: answered / (answered + missing); the absent were not
				 * part of the place then, so they count on neither side */
				long nmiss = p->wave_missing[w], nabs = p->wave_absent[w];
				long nanswered = p->actors - nmiss - nabs > 0 ? p->actors - nmiss - nabs : 0;
				snprintf(ties, sizeof(ties), "%ld", p->wave_ties[w]);
				snprintf(active, sizeof(active), "%ld", p->wave_active[w]);
				snprintf(answered, sizeof(answered), "%ld", nanswered);
				snprintf(missing, sizeof(missing), "%ld", nmiss);
				snprintf(absent, sizeof(absent), "%ld", nabs);
				double r = nanswered + nmiss ? (double)nanswered / (double)(nanswered + nmiss)
				                             : NAN;
				cli_format_number(rate, sizeof(rate), r, 0, (enum cli_format)o.format);
				row[4] = p->wave_names[w];
				row[5] = p->wave_dates[w];
				row[6] = ties;
				row[7] = active;
				row[8] = answered;
				row[9] = missing;
				row[10] = absent;
				row[11] = rate;
			}
			if (cli_table_add(&table, row) < 0)
				status = cli_fail(1, "out of memory");
		}
	}
	if (status == 0)
		cli_table_write(&table, (enum cli_format)o.format, stdout);
	cli_table_release(&table);
done:
	ripple_place_info_free(infos, n);
	ripple_store_close(store);
	ripple_diags_release(&diags);
	return status;
}
