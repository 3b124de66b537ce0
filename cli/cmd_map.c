/*
 * cmd_map.c - ripple map SOURCE [PLACE] -o FILE [--timeline] [--page P] : the ripple map.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

typedef struct map_options {
	cli_file_options f;
	ripple_map_options m;
	int page;               /* --page, -1: not given */
	cli_share_options share; /* --pseudonymise (a picture has no table of counts) */
	const char *on_new_ties; /* --on-new-ties W1:W2 as given, or NULL */
	int split;              /* --split capital: 1, one map per capital; 0: one map */
} map_options;

/* One map of mo. Without --page (page < 0) the map is fitted to A4
 * landscape; when its text cannot be read there, it is drawn at its natural
 * size, with a warning: a default should not fail where an old command
 * worked (docs/PICTURES.md, "Pages"). */
static int render_one(char **data, size_t *len, const ripple_model *m, ripple_map_options mo,
                      int page, enum ripple_image_format fmt, ripple_error *err)
{
	int rc;

	mo.page = page >= 0 ? page : RIPPLE_PAGE_A4_LANDSCAPE;
	rc = ripple_map_render(data, len, m, &mo, fmt, err);
	if (rc == RIPPLE_EUSAGE && page < 0) {
		cli_print_line(stderr, "ripple: warning: map: %s; drawn at its natural size instead "
		               "(--page natural says so and keeps quiet)", err->message);
		mo.page = RIPPLE_PAGE_NATURAL;
		*err = (ripple_error){ 0 };
		rc = ripple_map_render(data, len, m, &mo, fmt, err);
	}
	return rc;
}

/*
 * --split capital: one map of each capital some ripple is coded with (of
 * those --capital names, when given), in capital order, written to
 * OUTPUT-<capital>.EXT (OUTPUT's extension moved to the end, or none), all
 * or nothing: every map is drawn before any is written, so a map that does not
 * fit its page writes none (its error names the capital). A PDF is files too:
 * Graphviz's cairo renderer ends its document with each picture.
 */
static int render_split(const ripple_model *m, const map_options *o, ripple_map_options mo,
                        enum ripple_image_format fmt, ripple_error *err)
{
	const char *out = o->f.output, *slash = strrchr(out, '/'), *dot = strrchr(out, '.');
	char *paths[RIPPLE_NCAPITALS] = { 0 }, *data[RIPPLE_NCAPITALS] = { 0 };
	size_t len[RIPPLE_NCAPITALS] = { 0 }, n = 0;
	unsigned used = 0;
	int rc = RIPPLE_OK;

	if (dot && (slash > dot || dot == (slash ? slash + 1 : out)))
		dot = NULL;   /* a dot in a folder's name, or a hidden file's: no extension */
	for (size_t i = 0; i < m->nripples; i++)
		used |= m->ripples[i].capitals;
	if (o->m.capitals)
		used &= o->m.capitals;
	if (!used)
		return ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "no ripple of place \"%s\" is "
		                        "coded with %s: --split capital has no map to draw", m->name,
		                        o->m.capitals ? "the capitals --capital names" : "a capital");
	for (int k = 0; k < RIPPLE_NCAPITALS && rc == RIPPLE_OK; k++) {
		if (!((used >> k) & 1u))
			continue;
		mo.capitals = 1u << k;
		paths[n] = ripple_strdupf("%.*s-%s%s", (int)(dot ? dot - out : (ptrdiff_t)strlen(out)),
		                          out, ripple_capital_name(k), dot ? dot : "");
		if (!paths[n])
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		else if ((rc = render_one(&data[n], &len[n], m, mo, o->page, fmt, err)) < 0) {
			/* the advice without what is being done */
			static const char split_advice[] = "one map per capital (--split capital), ";
			char *said = strstr(err->message, split_advice);
			if (said)
				memmove(said, said + strlen(split_advice), strlen(said + strlen(split_advice)) + 1);
			char *what = ripple_strdupf("the map of %s capital (%s): %s", ripple_capital_name(k),
			                            paths[n], err->message);
			if (what) {
				snprintf(err->message, sizeof(err->message), "%s", what);
				free(what);
			}
		}
		n++;
	}
	/* each file apart from the inputs, as -o is (cli_picture) */
	for (size_t i = 0; i < n && rc == RIPPLE_OK; i++)
		rc = ripple_file_apart(paths[i], o->f.source, err);
	if (rc == RIPPLE_OK)
		rc = ripple_file_write_many((const char *const *)paths, (const char *const *)data, len,
		                            n, err);
	for (size_t i = 0; i < n; i++) {
		free(paths[i]);
		free(data[i]);
	}
	return rc;
}

/* opts is the whole map_options: one map, or with --split capital one a
 * capital, written here (*data left NULL, so cli_picture writes nothing more). */
static int render(char **data, size_t *len, const ripple_model *m, const void *opts,
                  enum ripple_image_format fmt, ripple_layout *layout, ripple_error *err)
{
	const map_options *o = opts;
	ripple_map_options mo = o->m;
	char *from = NULL;
	int rc;

	(void)layout;   /* a ripple map has no network layout */
	if (o->on_new_ties) {
		/* W1:W2, split at the first colon (checked by parse_on_new_ties) */
		if (!(from = strdup(o->on_new_ties)))
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		char *colon = strchr(from, ':');
		*colon = '\0';
		mo.new_from = from;
		mo.new_to = colon + 1;
		cli_warn_wave_order(m, mo.new_from, mo.new_to);
	}
	if (o->split) {
		*data = NULL;
		*len = 0;
		rc = render_split(m, o, mo, fmt, err);
	} else {
		rc = render_one(data, len, m, mo, o->page, fmt, err);
	}
	free(from);
	return rc;
}

/* --split capital, into an int (1); the only way to split yet. */
static int parse_split(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	(void)spec;
	if (strcasecmp(arg, "capital") != 0)
		return cli_usage_error(cmd, "unknown --split \"%s\" (capital: one map per capital)", arg);
	*(int *)field = 1;
	return 0;
}

/* --split writes files next to -o's name: not to stdout. */
static int check(const void *opts)
{
	const map_options *o = opts;

	if (o->split && o->f.output && strcmp(o->f.output, "-") == 0)
		return cli_usage_error("map", "--split capital writes one file a capital: give -o FILE, "
		                       "not -o -");
	return 0;
}

/* --capital NAME[,NAME...]: community capitals, any case, into bits of an unsigned. */
static int parse_capital(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	unsigned *caps = field;
	const char *p = arg;

	(void)spec;
	*caps = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		int found = -1;
		for (int k = 0; k < RIPPLE_NCAPITALS; k++)
			if (strlen(ripple_capital_name(k)) == n && strncasecmp(p, ripple_capital_name(k), n) == 0)
				found = k;
		if (found < 0)
			return cli_usage_error(cmd, "unknown --capital \"%.*s\" (natural, cultural, human, "
			                       "social, political, financial or built; several with commas)",
			                       (int)n, p);
		*caps |= 1u << found;
		p += n + (p[n] == ',');
	}
	if (!*caps)
		return cli_usage_error(cmd, "--capital needs a capital's name");
	return 0;
}

/* --order N: ripples of order 1 to N, N from 1, into an int. */
static int parse_order(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	char *end;
	long n = strtol(arg, &end, 10);

	(void)spec;
	if (!*arg || *end || n < 1 || n > 1000)
		return cli_usage_error(cmd, "--order \"%s\" is not a whole number from 1 to 1000", arg);
	*(int *)field = (int)n;
	return 0;
}

/* --on-new-ties W1:W2, kept as given (split when drawing). */
static int parse_on_new_ties(void *field, const char *arg, const cli_opt_spec *spec,
                             const char *cmd)
{
	const char *colon = strchr(arg, ':');

	(void)spec;
	if (!colon || colon == arg || !colon[1])
		return cli_usage_error(cmd, "--on-new-ties \"%s\" is not W1:W2 (two waves, e.g. "
		                       "before:after)", arg);
	*(const char **)field = arg;
	return 0;
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

/* --labels fit|all|none, into an int (draw's words; attendees and top:N are for actors). */
static int parse_labels(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	int top = 0;

	(void)spec;
	if (ripple_labels_parse(arg, field, &top) < 0 ||
	    (*(int *)field != RIPPLE_LABELS_FIT && *(int *)field != RIPPLE_LABELS_ALL &&
	     *(int *)field != RIPPLE_LABELS_NONE))
		return cli_usage_error(cmd, "unknown --labels \"%s\" for a ripple map (fit, all or none)",
		                       arg);
	return 0;
}

static const cli_opt_spec options[] = {
	CLI_OPT_PICTURE_OUTPUT(map_options, f),
	CLI_OPT_PICTURE_FORMAT(map_options, f),
	CLI_SWITCH(map_options, m.timeline, "timeline", 't',
	           "the ripples left to right by date instead of on rings by order"),
	CLI_VALUE(map_options, m.wrap, "wrap", 'w', "N", parse_wrap,
	          "characters per line of a ripple's label, 8 to 200 (default 22)"),
	CLI_VALUE(map_options, m.capitals, "capital", 0, "NAME", parse_capital,
	          "only ripples coded with this capital (several with commas), and the ripples "
	          "they grew from, in grey"),
	CLI_VALUE(map_options, split, "split", 0, "capital", parse_split,
	          "one map per capital that some ripple is coded with (of --capital's, when given), "
	          "each to FILE-<capital>.EXT (map.svg: map-social.svg ...); none written unless all "
	          "fit"),
	CLI_VALUE(map_options, m.max_order, "order", 0, "N", parse_order,
	          "only ripples of order 1 to N"),
	CLI_VALUE(map_options, on_new_ties, "on-new-ties", 0, "W1:W2", parse_on_new_ties,
	          "only ripples naming two actors joined by a new tie from wave W1 to W2, and the "
	          "ripples they grew from, in grey"),
	CLI_VALUE(map_options, m.labels, "labels", 'L', "WHICH", parse_labels,
	          "fit (default): each ripple's words in its box when they stay 7 pt or more on the "
	          "page, else a number and the words in a numbered key; all: always the words; none: "
	          "always numbers"),
	CLI_OPT_PAGE(map_options, page),
	CLI_OPT_DIRECTED(map_options, f.directed, 'd'),
	CLI_OPT_PSEUDONYMISE(map_options, share),
	CLI_HELP,
	CLI_END
};

static const cli_picture_command map = { "map", options, 0, check, render,
                                         offsetof(map_options, share) };

int cmd_map(int argc, char **argv)
{
	map_options o = { { NULL, NULL, 0, RIPPLE_LEVEL_ACTOR, NULL }, RIPPLE_MAP_OPTIONS_INIT, -1, { 0, NULL, 0 }, NULL,
	               0 };

	return cli_picture(&map, argc, argv, &o, &o);
}
