/*
 * cmd_map.c - ripple map SOURCE [PLACE] -o FILE [--timeline] [--page P] : the ripple map.
 */
#include <stddef.h>
#include <stdlib.h>

#include "cli.h"

typedef struct map_options {
	cli_file_options f;
	ripple_map_options m;
	int page;               /* --page, -1: not given */
	cli_share_options share; /* --pseudonymise (a picture has no table of counts) */
} map_options;

/* opts is the whole map_options. Without --page the map is fitted to A4
 * landscape; when its text cannot be read there, it is drawn at its natural
 * size, with a warning: a default should not fail where an old command
 * worked (docs/PICTURES.md, "Pages"). */
static int render(char **data, size_t *len, const ripple_model *m, const void *opts,
                  enum ripple_image_format fmt, ripple_layout *layout, ripple_error *err)
{
	const map_options *o = opts;
	ripple_map_options mo = o->m;
	int rc;

	(void)layout;   /* a ripple map has no network layout */
	mo.page = o->page >= 0 ? o->page : RIPPLE_PAGE_A4_LANDSCAPE;
	rc = ripple_map_render(data, len, m, &mo, fmt, err);
	if (rc == RIPPLE_EUSAGE && o->page < 0) {
		cli_print_line(stderr, "ripple: warning: map: %s; drawn at its natural size instead "
		               "(--page natural says so and keeps quiet)", err->message);
		mo.page = RIPPLE_PAGE_NATURAL;
		*err = (ripple_error){ 0 };
		rc = ripple_map_render(data, len, m, &mo, fmt, err);
	}
	return rc;
}

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
	CLI_OPT_PICTURE_OUTPUT(map_options, f),
	CLI_OPT_PICTURE_FORMAT(map_options, f),
	CLI_SWITCH(map_options, m.timeline, "timeline", 't',
	           "the ripples left to right by date instead of on rings by order"),
	CLI_VALUE(map_options, m.wrap, "wrap", 'w', "N", parse_wrap,
	          "characters per line of a ripple's label, 8 to 200 (default 22)"),
	CLI_OPT_PAGE(map_options, page),
	CLI_OPT_DIRECTED(map_options, f.directed, 'd'),
	CLI_OPT_PSEUDONYMISE(map_options, share),
	CLI_HELP,
	CLI_END
};

static const cli_picture_command map = { "map", options, 0, NULL, render,
                                         offsetof(map_options, share) };

int cmd_map(int argc, char **argv)
{
	map_options o = { { NULL, NULL, 0, RIPPLE_LEVEL_ACTOR }, RIPPLE_MAP_OPTIONS_INIT, -1, { 0, NULL, 0 } };

	return cli_picture(&map, argc, argv, &o, &o);
}
