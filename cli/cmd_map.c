/*
 * cmd_map.c - ripple map SOURCE [PLACE] -o FILE [--timeline] : the ripple map.
 */
#include <stdlib.h>

#include "common.h"

int cmd_map(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "timeline", no_argument, NULL, 't' },
		{ "wrap", required_argument, NULL, 'w' },
		{ "directed", no_argument, NULL, 'd' },
		CLI_OPT_HELP, { 0, 0, 0, 0 }
	};
	ripple_map_options opts = RIPPLE_MAP_OPTIONS_INIT;
	const char *output = NULL, *format = NULL;
	ripple_store *store = NULL;
	ripple_error err = { 0 };
	int64_t place_id = 0;
	char *name = NULL, *data = NULL, *end;
	size_t len = 0;
	int c, fmt, flags = 0, status;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":ho:f:tw:d", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'f': format = optarg; break;
		case 't': opts.timeline = 1; break;
		case 'd': flags |= RIPPLE_SOURCE_DIRECTED; break;
		case 'w':
			opts.wrap = (int)strtol(optarg, &end, 10);
			if (!*optarg || *end || opts.wrap < 8 || opts.wrap > 200)
				return cli_usage_error("map", "--wrap \"%s\" is not a whole number from 8 to 200",
				                       optarg);
			break;
		case 'h': return cli_help("map");
		default: return cli_bad_option("map", argv, c);
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage_error("map", "give a SOURCE and at most one PLACE");
	if (!output)
		return cli_usage_error("map", "say where to write the picture with -o FILE");
	if ((fmt = cli_image_format("map", output, format)) < 0)
		return -fmt;
	if ((status = cli_open_place(&store, &place_id, &name, "map", argv[optind],
	                             argc - optind == 2 ? argv[optind + 1] : NULL, flags)) != 0)
		return status;
	if (ripple_map_render(&data, &len, store, place_id, &opts, (enum ripple_image_format)fmt,
	                      &err) < 0)
		status = cli_error(&err);
	else
		status = cli_write_output(output, data, len);
	free(data);
	free(name);
	ripple_store_close(store);
	return status;
}
