/*
 * cmd_import.c - ripple import DB FOLDER... [--from kumu|ripplefx] [--name NAME] [--directed]
 *                [--replace]
 *
 * Every folder is read and checked before the database is opened: with any
 * problem nothing is written (the database is not even created). --from reads
 * another tool's export folder instead of a place folder (docs/IMPORT.md).
 */
#include <stdlib.h>
#include <unistd.h>

#include "common.h"

typedef struct import_options {
	const char *db;
	char **folders;
	int nfolders;
	const char *name;
	int directed;
	int replace;
	int from;            /* enum ripple_from */
} import_options;

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "directed", no_argument, NULL, 'd' },
		{ "replace", no_argument, NULL, 'r' },
		{ "from", required_argument, NULL, 'f' },
		CLI_OPT_HELP, { 0, 0, 0, 0 }
	};
	import_options o = {0};
	ripple_load_options lo = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_place **places = NULL;
	ripple_store *store = NULL;
	ripple_error err = {0};
	size_t n = 0;
	int c, status, existed;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":hn:drf:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': o.name = optarg; break;
		case 'f':
			if ((o.from = ripple_from_parse(optarg)) < 0)
				return cli_usage_error("import", "unknown --from \"%s\" (kumu or ripplefx)",
				                       optarg);
			break;
		case 'd': o.directed = 1; break;
		case 'r': o.replace = 1; break;
		case 'h': return cli_help("import");
		default: return cli_bad_option("import", argv, c);
		}
	}
	if (argc - optind < 2)
		return cli_usage_error("import", "give a database file and at least one place folder");
	o.db = argv[optind];
	o.folders = argv + optind + 1;
	o.nfolders = argc - optind - 1;
	if (ripple_is_dir(o.db))
		return cli_usage_error("import", "%s is a folder: the database file comes first", o.db);

	lo.name = o.name;
	lo.directed = o.directed;
	lo.from = (enum ripple_from)o.from;
	if (ripple_places_load(&places, &n, o.folders, (size_t)o.nfolders, &lo, &diags) < 0) {
		status = cli_diags(&diags);
		goto done;
	}
	existed = ripple_exists(o.db);
	if (ripple_store_open(&store, o.db, RIPPLE_STORE_CREATE | RIPPLE_STORE_WRITE, &err) < 0) {
		status = cli_error(&err);
		goto done;
	}
	if (ripple_store_import(store, places, n, o.replace, &diags) < 0) {
		status = cli_diags(&diags);
		ripple_store_close(store);
		store = NULL;
		if (!existed)              /* leave no half-made database behind */
			unlink(o.db);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const ripple_place *p = places[i];
		fputs("imported ", stdout);
		cli_put_text(stdout, p->name);
		fputs(" from ", stdout);
		cli_put_text(stdout, p->folder);
		printf(": %zu actors, %zu waves", p->nactors, p->nwaves);
		for (size_t w = 0; w < p->nwaves; w++) {   /* a ripple map alone has none */
			fputs(w ? ", " : " (", stdout);
			cli_put_text(stdout, p->waves[w].name);
		}
		printf("%s, %zu ties, %zu ripples%s\n", p->nwaves ? ")" : "", p->nties, p->nripples,
		       p->directed ? ", directed" : "");
	}
	status = 0;
done:
	ripple_store_close(store);
	ripple_places_free(places, n);
	ripple_diags_release(&diags);
	return status;
}
