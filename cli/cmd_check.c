/*
 * cmd_check.c - ripple check FOLDER... : every problem of every place folder, nothing written.
 */
#include "common.h"

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "directed", no_argument, NULL, 'd' },
		CLI_OPT_HELP, { 0, 0, 0, 0 }
	};
	ripple_load_options lo = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	int c, status = 0;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":hn:d", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': lo.name = optarg; break;
		case 'd': lo.directed = 1; break;
		case 'h': cli_help("check"); return 0;
		default: return cli_bad_option("check", argv, c);
		}
	}
	if (argc - optind < 1)
		return cli_usage_error("check", "give at least one place folder");
	for (int i = optind; i < argc; i++) {
		ripple_error err = {0};
		char **folders;
		size_t nf;
		if (ripple_place_folders(&folders, &nf, argv[i], &err) < 0) {
			ripple_diags_add_error(&diags, &err);
			continue;
		}
		for (size_t k = 0; k < nf; k++) {
			ripple_place *p;
			if (ripple_place_load(&p, folders[k], &lo, &diags) < 0)
				continue;
			printf("ok %s (%s): %zu actors, %zu waves, %zu ties, %zu ripples\n", p->name,
			       p->folder, p->nactors, p->nwaves, p->nties, p->nripples);
			ripple_place_free(p);
		}
		ripple_strv_free(folders);
	}
	if (ripple_diags_total(&diags))
		status = cli_diags(&diags);
	ripple_diags_release(&diags);
	return status;
}
