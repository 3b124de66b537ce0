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

#include "cli.h"

typedef struct import_options {
	const char *db;
	char **folders;
	int nfolders;
	const char *name;
	int directed;
	int replace;
	int from;            /* enum ripple_from */
} import_options;

static const cli_opt_spec options[] = {
	CLI_OPT_FROM(import_options, from),
	CLI_OPT_NAME(import_options, name),
	CLI_OPT_DIRECTED(import_options, directed, 'd'),
	CLI_SWITCH(import_options, replace, "replace", 'r',
	           "replace a place of the same name already in DB (else the import is refused)"),
	CLI_HELP,
	CLI_END
};

int cmd_import(int argc, char **argv)
{
	import_options o = {0};
	ripple_load_options lo = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_place **places = NULL;
	ripple_store *store = NULL;
	ripple_error err = {0};
	size_t n = 0;
	int first, status, existed;

	if ((status = cli_opt_parse(&first, options, &o, "import", argc, argv)) != 0)
		return status < 0 ? 0 : status;
	if (argc - first < 2)
		return cli_usage_error("import", "give a database file and at least one place folder");
	o.db = argv[first];
	o.folders = argv + first + 1;
	o.nfolders = argc - first - 1;
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
		cli_warn_place(p);
		if (lo.from == RIPPLE_FROM_XMIND || lo.from == RIPPLE_FROM_FREEMIND)
			cli_warn_uncoded(p);
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
