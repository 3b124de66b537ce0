/*
 * cmd_places.c - ripple places SOURCE : one row per place and wave, with counts.
 */
#include <stdlib.h>

#include "common.h"

/* Column names are part of the interface: scripts read them. */
static const cli_column place_columns[] = {
	{ "place", CLI_STR }, { "directed", CLI_BOOL }, { "actors", CLI_INT },
	{ "ripples", CLI_INT }, { "wave", CLI_STR }, { "date", CLI_STR },
	{ "ties", CLI_INT }, { "active_actors", CLI_INT },
};
#define NCOLS (sizeof(place_columns) / sizeof(place_columns[0]))

int cmd_places(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "directed", no_argument, NULL, 'd' },
		CLI_OPT_HELP, { 0, 0, 0, 0 }
	};
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_store *store = NULL;
	ripple_place_info *infos = NULL;
	ripple_error err = {0};
	cli_table table;
	size_t n = 0;
	enum cli_format fmt = CLI_TABLE;
	int c, directed = 0, status = 0;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":hf:d", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (cli_opt_format("places", optarg, &fmt))
				return 2;
			break;
		case 'd': directed = 1; break;
		case 'h': return cli_help("places");
		default: return cli_bad_option("places", argv, c);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("places", "give one SOURCE");
	if (ripple_source_open(&store, argv[optind], directed, &diags) < 0) {
		status = cli_diags(&diags);
		ripple_diags_release(&diags);
		return status;
	}
	if (ripple_store_places(&infos, &n, store, &err) < 0) {
		status = cli_error(&err);
		goto done;
	}
	cli_table_init(&table, place_columns, NCOLS);
	for (size_t i = 0; i < n && status == 0; i++) {
		const ripple_place_info *p = &infos[i];
		char actors[32], ripples[32], ties[32], active[32];
		snprintf(actors, sizeof(actors), "%ld", p->actors);
		snprintf(ripples, sizeof(ripples), "%ld", p->ripples);
		for (size_t w = 0; w < p->nwaves || (w == 0 && p->nwaves == 0); w++) {
			const char *row[NCOLS] = { p->name, p->directed ? "yes" : "no", actors, ripples,
			                           NULL, NULL, NULL, NULL };
			if (p->nwaves) {
				snprintf(ties, sizeof(ties), "%ld", p->wave_ties[w]);
				snprintf(active, sizeof(active), "%ld", p->wave_active[w]);
				row[4] = p->wave_names[w];
				row[5] = p->wave_dates[w];
				row[6] = ties;
				row[7] = active;
			}
			if (cli_table_add(&table, row) < 0)
				status = cli_fail(1, "out of memory");
		}
	}
	if (status == 0)
		cli_table_write(&table, fmt, stdout);
	cli_table_release(&table);
done:
	ripple_place_info_free(infos, n);
	ripple_store_close(store);
	ripple_diags_release(&diags);
	return status;
}
