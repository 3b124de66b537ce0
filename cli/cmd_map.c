/*
 * cmd_map.c - ripple map SOURCE [PLACE] -o FILE [--timeline] : the ripple map.
 */
#include <stdlib.h>

#include "common.h"

static int render(char **data, size_t *len, ripple_store *store, int64_t place_id,
                  const void *opts, enum ripple_image_format fmt, ripple_error *err)
{
	return ripple_map_render(data, len, store, place_id, opts, fmt, err);
}

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
	char *end;
	int c, flags = 0;

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
	return cli_picture("map", argc, argv, optind, output, format, flags, render, &opts);
}
