/*
 * cmd_check.c - ripple check FOLDER... [--from kumu|ripplefx] : every problem of every
 * place folder (or other tool's export folder), nothing written.
 *
 * It refuses what `ripple import` of the same folders would refuse, but for a
 * name already in a database (check does not open one).
 */
#include "common.h"

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "directed", no_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		CLI_OPT_HELP, { 0, 0, 0, 0 }
	};
	ripple_load_options lo = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_place **places = NULL;
	size_t n = 0;
	int c, from, status = 0;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":hn:df:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': lo.name = optarg; break;
		case 'f':
			if ((from = ripple_from_parse(optarg)) < 0)
				return cli_usage_error("check", "unknown --from \"%s\" (kumu or ripplefx)",
				                       optarg);
			lo.from = (enum ripple_from)from;
			break;
		case 'd': lo.directed = 1; break;
		case 'h': return cli_help("check");
		default: return cli_bad_option("check", argv, c);
		}
	}
	if (argc - optind < 1)
		return cli_usage_error("check", "give at least one place folder");
	ripple_places_load(&places, &n, argv + optind, (size_t)(argc - optind), &lo, &diags);
	for (size_t i = 0; i < n; i++)
		cli_print_line(stdout, "ok %s (%s): %zu actors, %zu waves, %zu ties, %zu ripples",
		               places[i]->name, places[i]->folder, places[i]->nactors, places[i]->nwaves,
		               places[i]->nties, places[i]->nripples);
	if (ripple_diags_total(&diags))
		status = cli_diags(&diags);
	ripple_places_free(places, n);
	ripple_diags_release(&diags);
	return status;
}
