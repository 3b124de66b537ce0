/*
 * cmd_map.c - ripple map SOURCE [PLACE] -o FILE [--timeline] : the ripple map.
 */
#include <stdlib.h>

#include "cli.h"

static int render(char **data, size_t *len, const ripple_model *m, const void *opts,
                  enum ripple_image_format fmt, ripple_layout *layout, ripple_error *err)
{
	(void)layout;   /* a ripple map has no network layout */
	return ripple_map_render(data, len, m, opts, fmt, err);
}

typedef struct map_options {
	const char *output, *format;
	int directed;
	ripple_map_options m;
} map_options;

/* --wrap N: characters per label line, 8 to 200, into an int. */
static int parse_wrap(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	char *end;
	int *wrap = field;

	(void)spec;
	*wrap = (int)strtol(arg, &end, 10);
	if (!*arg || *end || *wrap < 8 || *wrap > 200)
		return cli_usage_error(cmd, "--wrap \"%s\" is not a whole number from 8 to 200", arg);
	return 0;
}

static const cli_opt_spec options[] = {
	CLI_VALUE(map_options, output, "output", 'o', "FILE", NULL,
	          "write the picture to FILE (- for stdout, with --format)"),
	CLI_VALUE(map_options, format, "format", 'f', "F", NULL,
	          "svg, png, pdf or dot (default: the extension of FILE)"),
	CLI_SWITCH(map_options, m.timeline, "timeline", 't',
	           "the ripples left to right by date instead of on rings by order"),
	CLI_VALUE(map_options, m.wrap, "wrap", 'w', "N", parse_wrap,
	          "characters per line of a ripple's label, 8 to 200 (default 22)"),
	CLI_OPT_DIRECTED(map_options, directed, 'd'),
	CLI_HELP,
	CLI_END
};

int cmd_map(int argc, char **argv)
{
	map_options o = { NULL, NULL, 0, RIPPLE_MAP_OPTIONS_INIT };
	int first, status;

	if ((status = cli_opt_parse(&first, options, &o, "map", argc, argv)) != 0)
		return status < 0 ? 0 : status;
	return cli_picture("map", argc, argv, first, o.output, o.format,
	                   o.directed ? RIPPLE_SOURCE_DIRECTED : 0, render, &o.m);
}
