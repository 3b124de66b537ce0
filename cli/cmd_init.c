/*
 * cmd_init.c - ripple init DB
 */
#include <sys/stat.h>

#include "cli.h"

/* no option but --help: nothing to parse into */
static const cli_opt_spec options[] = {
	CLI_HELP,
	CLI_END
};

int cmd_init(int argc, char **argv)
{
	ripple_store *store = NULL;
	ripple_error err = {0};
	struct stat st;
	int first, existed, status;

	if ((status = cli_opt_parse(&first, options, NULL, "init", argc, argv)) != 0)
		return status < 0 ? 0 : status;
	if (argc - first != 1)
		return cli_usage_error("init", "give one database file");
	/* an empty file is not yet a database: init makes it one */
	existed = stat(argv[first], &st) == 0 && st.st_size > 0;
	if (ripple_store_open(&store, argv[first], RIPPLE_STORE_CREATE | RIPPLE_STORE_WRITE,
	                      &err) < 0)
		return cli_error(&err);
	ripple_store_close(store);
	printf(existed ? "%s is already a ripple database (schema %d)\n"
	               : "created %s (schema %d)\n", argv[first], RIPPLE_SCHEMA_VERSION);
	return 0;
}
