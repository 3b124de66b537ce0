/*
 * cmd_check.c - ripple check FOLDER... [--from kumu|ripplefx|xmind|freemind] : every
 * problem of every place folder (or other tool's export folder or mind map), nothing
 * written. `ripple check - --from xmind|freemind` reads one mind map from standard
 * input; a folder cannot come that way (ripple_place_load_stream says why).
 *
 * It refuses what `ripple import` of the same folders would refuse, but for a
 * name already in a database (check does not open one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct check_options {
	const char *name;
	int directed;
	int from;            /* enum ripple_from */
} check_options;

static const cli_opt_spec options[] = {
	CLI_OPT_FROM(check_options, from),
	CLI_OPT_NAME(check_options, name),
	CLI_OPT_DIRECTED(check_options, directed, 'd'),
	CLI_HELP,
	CLI_END
};

int cmd_check(int argc, char **argv)
{
	check_options o = { NULL, 0, RIPPLE_FROM_PLACE };
	ripple_load_options lo = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_place **places = NULL;
	size_t n = 0;
	int first, status = 0;

	if ((status = cli_opt_parse(&first, options, &o, "check", argc, argv)) != 0)
		return status < 0 ? 0 : status;
	lo.name = o.name;
	lo.directed = o.directed;
	lo.from = (enum ripple_from)o.from;
	if (argc - first < 1)
		return cli_usage_error("check", "give at least one place folder");
	if (argc - first == 1 && strcmp(argv[first], "-") == 0) {
		ripple_place *p = NULL;
		if (lo.from != RIPPLE_FROM_XMIND && lo.from != RIPPLE_FROM_FREEMIND)
			return cli_usage_error("check", "- reads one mind map from standard input (--from "
			                       "xmind or --from freemind); a place folder is several files, "
			                       "which standard input cannot hold: give the folder");
		ripple_place_load_stream(&p, stdin, &lo, &diags);
		if (p && !(places = malloc(sizeof(*places)))) {
			ripple_place_free(p);
			p = NULL;
			ripple_diags_add(&diags, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		}
		if (p)
			places[n++] = p;
	} else {
		ripple_places_load(&places, &n, argv + first, (size_t)(argc - first), &lo, &diags);
	}
	for (size_t i = 0; i < n; i++) {
		cli_print_line(stdout, "ok %s (%s): %zu actors, %zu waves, %zu ties, %zu ripples",
		               places[i]->name, places[i]->folder, places[i]->nactors, places[i]->nwaves,
		               places[i]->nties, places[i]->nripples);
		if (lo.from == RIPPLE_FROM_XMIND || lo.from == RIPPLE_FROM_FREEMIND)
			cli_warn_uncoded(places[i]);
	}
	if (ripple_diags_total(&diags))
		status = cli_diags(&diags);
	ripple_places_free(places, n);
	ripple_diags_release(&diags);
	return status;
}
