/*
 * cmd_init.c - ripple init DB
 */
#include <sys/stat.h>

#include "common.h"

int cmd_init(int argc, char **argv)
{
	static const struct option longopts[] = { CLI_OPT_HELP, { 0, 0, 0, 0 } };
	ripple_store *store = NULL;
	ripple_error err = {0};
	int c, existed;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cli_help("init");
		return cli_bad_option("init", argv, c);
	}
	if (argc - optind != 1)
		return cli_usage_error("init", "give one database file");
	/* an empty file is not yet a database: init makes it one */
	struct stat st;
	existed = stat(argv[optind], &st) == 0 && st.st_size > 0;
	if (ripple_store_open(&store, argv[optind], RIPPLE_STORE_CREATE | RIPPLE_STORE_WRITE,
	                      &err) < 0)
		return cli_error(&err);
	ripple_store_close(store);
	printf(existed ? "%s is already a ripple database (schema %d)\n"
	               : "created %s (schema %d)\n", argv[optind], RIPPLE_SCHEMA_VERSION);
	return 0;
}
