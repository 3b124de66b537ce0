/*
 * cmd_draw.c - ripple draw SOURCE [PLACE] (--wave W | --from W1 --to W2) -o FILE
 *
 * The network of one wave, or the change map between two, on the place's
 * layout (computed by the first drawing and kept in the database).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Measures that can size an actor: non-negative, larger meaning more central. */
static const enum ripple_node_measure sizes[] = {
	RIPPLE_NODE_DEGREE, RIPPLE_NODE_IN_DEGREE, RIPPLE_NODE_OUT_DEGREE, RIPPLE_NODE_STRENGTH,
	RIPPLE_NODE_BETWEENNESS, RIPPLE_NODE_HARMONIC_CLOSENESS, RIPPLE_NODE_EIGENVECTOR,
	RIPPLE_NODE_PAGERANK, RIPPLE_NODE_CORENESS, RIPPLE_NODE_EFFECTIVE_SIZE, RIPPLE_NODE_REACH_2
};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

/* --size MEASURE|none: one of sizes (or -1), into an int. */
static int parse_size(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	char names[512] = "none";
	size_t len = 4;
	int *size = field;

	(void)spec;
	if (strcmp(arg, "none") == 0) {
		*size = -1;
		return 0;
	}
	for (size_t i = 0; i < NSIZES; i++) {
		const char *name = ripple_node_measure_info(sizes[i])->name;
		if (strcmp(arg, name) == 0) {
			*size = (int)sizes[i];
			return 0;
		}
		len += (size_t)snprintf(names + len, sizeof(names) - len, ", %s", name);
	}
	return cli_usage_error(cmd, "unknown --size \"%s\" (%s)", arg, names);
}

/* --labels fit|all|none|attendees|top:N, into the draw options. */
static int parse_labels(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	ripple_draw_options *d = field;

	(void)spec;
	if (ripple_labels_parse(arg, &d->labels, &d->labels_top) < 0)
		return cli_usage_error(cmd, "unknown --labels \"%s\" (fit, all, none, attendees or "
		                       "top:N)", arg);
	return 0;
}

/* --show new|bridging|lost|kept|unknown|all (comma-separated), into an unsigned. */
static int parse_show(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	(void)spec;
	if (!(*(unsigned *)field = ripple_show_parse(arg)))
		return cli_usage_error(cmd, "unknown --show \"%s\" (new, bridging, lost, kept, unknown "
		                       "or all; several with commas)", arg);
	return 0;
}

typedef struct draw_options {
	cli_file_options f;
	ripple_draw_options d;
	double min_response;
	int page;               /* --page, -1: not given */
	cli_share_options share; /* --pseudonymise (a picture has no table of counts) */
	const char *waves;      /* --waves all|W1,W2,... as given, or NULL */
} draw_options;

/* --waves "W1,W2,..." as a NULL-terminated list in *out (one malloc'd block). */
static int split_waves(const char ***out, const char *list)
{
	size_t n = 2, len = strlen(list);
	char *copy;

	for (const char *p = list; *p; p++)
		n += *p == ',';
	if (!(*out = malloc(n * sizeof(**out) + len + 1)))
		return -1;
	copy = (char *)(*out + n);
	memcpy(copy, list, len + 1);
	n = 0;
	for (char *p = copy; p; ) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*p)
			(*out)[n++] = p;
		p = comma ? comma + 1 : NULL;
	}
	(*out)[n] = NULL;
	return 0;
}

/* opts is the whole draw_options: the warning about who answered needs min_response */
static int render(char **data, size_t *len, const ripple_model *m, const void *opts,
                  enum ripple_image_format fmt, ripple_layout *layout, ripple_error *err)
{
	const draw_options *o = opts;
	const char *waves[3] = { o->d.wave, o->d.from, o->d.to };
	ripple_draw_options d = o->d;
	const char **list = NULL;
	int rc;

	if (o->waves && split_waves(&list, o->waves) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	d.waves = list;
	cli_warn_waves(m, waves, 3, &o->d.graph, o->min_response);
	cli_warn_wave_order(m, o->d.from, o->d.to);
	/* without --page: A4 landscape, else the natural size with a warning (as map) */
	d.page = o->page >= 0 ? o->page : RIPPLE_PAGE_A4_LANDSCAPE;
	rc = ripple_draw_render(data, len, m, &d, layout, fmt, err);
	if (rc == RIPPLE_EUSAGE && o->page < 0) {
		cli_print_line(stderr, "ripple: warning: draw: %s; drawn at its natural size instead "
		               "(--page natural says so and keeps quiet)", err->message);
		d.page = RIPPLE_PAGE_NATURAL;
		*err = (ripple_error){ 0 };
		rc = ripple_draw_render(data, len, m, &d, layout, fmt, err);
	}
	free(list);
	return rc;
}

static const cli_opt_spec options[] = {
	CLI_OPT_PICTURE_OUTPUT(draw_options, f),
	CLI_OPT_PICTURE_FORMAT(draw_options, f),
	CLI_VALUE(draw_options, d.wave, "wave", 'w', "W", NULL, "draw the network at wave W"),
	CLI_VALUE(draw_options, d.from, "from", 'F', "W1", NULL,
	          "draw the change from wave W1 (give --to too)"),
	CLI_VALUE(draw_options, d.to, "to", 'T', "W2", NULL, "draw the change to wave W2"),
	CLI_VALUE(draw_options, waves, "waves", 0, "all|W1,W2,...", NULL,
	          "small multiples: the network at each of these waves (all: every wave) as small "
	          "pictures on the same layout, with a chart of ties per wave"),
	CLI_VALUE(draw_options, d.size, "size", 'S', "MEASURE", parse_size,
	          "what sizes an actor: degree (the default), in_degree, out_degree, strength, "
	          "betweenness, harmonic_closeness, eigenvector, pagerank, coreness, "
	          "effective_size, reach_2, or none"),
	CLI_VALUE(draw_options, d, "labels", 'L', "WHICH", parse_labels,
	          "which actors carry their label, the others numbered with a key: fit (the "
	          "default: every label that fits the page), all, none, attendees, or top:N "
	          "(the N largest by --size)"),
	CLI_VALUE(draw_options, d.show, "show", 0, "TIES", parse_show,
	          "a change map's ties to draw, the others left out: new (bridging or not), "
	          "bridging, lost, kept, unknown, all (the default); several with commas"),
	CLI_VALUE(draw_options, d.focus, "focus", 0, "ID|sector:NAME", NULL,
	          "an actor, an organisation (with its teams) or a sector in focus: what is more "
	          "than one tie from it is drawn grey"),
	CLI_OPT_WEIGHTED(draw_options, d.weighted, 'W',
	                 "weighted measures for --size (as metrics --weighted)"),
	CLI_OPT_SEED(draw_options, d.seed, 's',
	             "seed of the community search and of the layout (default 42)"),
	CLI_OPT_MISSING(draw_options, d.graph.missing),
	CLI_OPT_UNDIRECTED(draw_options, d.graph.view),
	CLI_OPT_MIN_RESPONSE(draw_options, min_response),
	CLI_OPT_PAGE(draw_options, page),
	CLI_OPT_DIRECTED(draw_options, f.directed, 'd'),
	CLI_OPT_LEVEL(draw_options, f.level),
	CLI_OPT_PSEUDONYMISE(draw_options, share),
	CLI_HELP,
	CLI_END
};

/* One network, or the change between two: --wave W, or --from W1 --to W2. */
static int check(const void *opts)
{
	const ripple_draw_options *d = &((const draw_options *)opts)->d;
	const char *waves = ((const draw_options *)opts)->waves;

	if (waves && (d->wave || d->from || d->to))
		return cli_usage_error("draw", "give --waves, --wave W, or --from W1 --to W2: one of them");
	if (waves && !*waves)
		return cli_usage_error("draw", "--waves needs \"all\" or waves, e.g. before,after");
	if (waves)
		return 0;
	if (d->wave && (d->from || d->to))
		return cli_usage_error("draw", "give --wave W, or --from W1 --to W2, not both");
	if (!d->wave && !(d->from && d->to))
		return cli_usage_error("draw", "say what to draw: --wave W, --from W1 --to W2, or "
		                       "--waves all");
	return 0;
}

/* the layout a drawing computes is kept in the database for the next one */
static const cli_picture_command draw = { "draw", options, RIPPLE_SOURCE_WRITE, check, render,
                                          offsetof(draw_options, share) };

int cmd_draw(int argc, char **argv)
{
	draw_options o = { { NULL, NULL, 0, RIPPLE_LEVEL_ACTOR, NULL }, RIPPLE_DRAW_OPTIONS_INIT, CLI_MIN_RESPONSE, -1,
	                   { 0, NULL, 0 }, NULL };

	return cli_picture(&draw, argc, argv, &o, &o);
}
