/*
 * cmd_draw.c - ripple draw SOURCE [PLACE] (--wave W | --from W1 --to W2) -o FILE
 *
 * The network of one wave, or the change map between two, on the place's
 * layout (computed by the first drawing and kept in the database).
 */
#include <stdlib.h>

#include "common.h"

/* Measures that can size an actor: non-negative, larger meaning more central. */
static const enum ripple_node_measure sizes[] = {
	RIPPLE_NODE_DEGREE, RIPPLE_NODE_IN_DEGREE, RIPPLE_NODE_OUT_DEGREE, RIPPLE_NODE_STRENGTH,
	RIPPLE_NODE_BETWEENNESS, RIPPLE_NODE_HARMONIC_CLOSENESS, RIPPLE_NODE_EIGENVECTOR,
	RIPPLE_NODE_PAGERANK, RIPPLE_NODE_CORENESS, RIPPLE_NODE_EFFECTIVE_SIZE, RIPPLE_NODE_REACH_2
};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

static int parse_size(const char *arg, int *size)
{
	char names[512] = "none";
	size_t len = 4;

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
	return cli_usage_error("draw", "unknown --size \"%s\" (%s)", arg, names);
}

static int render(char **data, size_t *len, ripple_store *store, int64_t place_id,
                  const void *opts, enum ripple_image_format fmt, ripple_error *err)
{
	return ripple_draw_render(data, len, store, place_id, opts, fmt, err);
}

int cmd_draw(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "wave", required_argument, NULL, 'w' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "size", required_argument, NULL, 'S' },
		{ "weighted", no_argument, NULL, 'W' },
		{ "seed", required_argument, NULL, 's' },
		{ "directed", no_argument, NULL, 'd' },
		CLI_OPT_HELP, { 0, 0, 0, 0 }
	};
	ripple_draw_options opts = RIPPLE_DRAW_OPTIONS_INIT;
	const char *output = NULL, *format = NULL;
	int c, flags = RIPPLE_SOURCE_WRITE;

	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":ho:f:w:F:T:S:Ws:d", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'f': format = optarg; break;
		case 'w': opts.wave = optarg; break;
		case 'F': opts.from = optarg; break;
		case 'T': opts.to = optarg; break;
		case 'W': opts.weighted = 1; break;
		case 'd': flags |= RIPPLE_SOURCE_DIRECTED; break;
		case 'S':
			if (parse_size(optarg, &opts.size))
				return 2;
			break;
		case 's':
			if (cli_opt_seed("draw", optarg, &opts.seed))
				return 2;
			break;
		case 'h': return cli_help("draw");
		default: return cli_bad_option("draw", argv, c);
		}
	}
	if (opts.wave && (opts.from || opts.to))
		return cli_usage_error("draw", "give --wave W, or --from W1 --to W2, not both");
	if (!opts.wave && !(opts.from && opts.to))
		return cli_usage_error("draw", "say what to draw: --wave W, or --from W1 --to W2");
	return cli_picture("draw", argc, argv, optind, output, format, flags, render, &opts);
}
