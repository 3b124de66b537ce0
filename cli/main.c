/*
 * main.c - the `ripple` command: a table of subcommands and the dispatch.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command commands[] = {
	{ "init", cmd_init, "DB",
	  "create an empty ripple database", NULL },
	{ "import", cmd_import,
	  "DB FOLDER... [--from kumu|ripplefx] [--name NAME] [--directed] [--replace]",
	  "check place folders (or Kumu / RippleFX exports) and write them into DB, all or nothing", NULL },
	{ "places", cmd_places, "SOURCE [--format table|csv|json] [--directed]",
	  "list places with their waves and counts", NULL },
	{ "metrics", cmd_metrics,
	  "SOURCE [PLACE] [--wave W] [--nodes] [--weighted] [--seed S] [--directed]\n"
	  "       [--jobs N] [--sample N] [--format table|csv|json]",
	  "network measures of each wave, or with --nodes the measures of each actor",
	  "  --jobs N     processes for the shortest-path measures (betweenness, harmonic\n"
	  "               closeness, diameter, mean distance) of a wave of 1000 actors or more;\n"
	  "               default: the processors online. The numbers do not depend on N.\n"
	  "  --sample N   estimate those four measures from N actors drawn with --seed\n"
	  "               instead of from every actor (waves of 100,000 actors); 0 leaves\n"
	  "               them out (null). A progress bar shows on a terminal.\n" },
	{ "compare", cmd_compare,
	  "SOURCE [PLACE] [--from W1 --to W2] [--permutations N] [--seed S] [--weighted]\n"
	  "       [--jobs N] [--sample N] [--section NAME] [--directed] [--format table|csv|json]",
	  "what changed between two waves (default: first and last), and whether it is more than chance",
	  "  --jobs N     processes for the shortest-path measures (betweenness, harmonic\n"
	  "               closeness, diameter, mean distance) of a wave of 1000 actors or more;\n"
	  "               default: the processors online. The numbers do not depend on N.\n"
	  "  --sample N   estimate those four measures from N actors drawn with --seed\n"
	  "               instead of from every actor (waves of 100,000 actors); 0 leaves\n"
	  "               them out (null). A progress bar shows on a terminal.\n" },
	{ "map", cmd_map,
	  "SOURCE [PLACE] -o FILE.(svg|png|pdf|dot) [--timeline] [--wrap N] [--format F]",
	  "draw the ripple map: the programme at the centre, ripples on rings by order", NULL },
	{ "draw", cmd_draw,
	  "SOURCE [PLACE] (--wave W | --from W1 --to W2) -o FILE.(svg|png|pdf|dot)\n"
	  "       [--size MEASURE|none] [--weighted] [--seed S] [--format F]",
	  "draw the network of one wave, or the change between two, on the place's layout", NULL },
	{ "batch", cmd_batch,
	  "SOURCE [--from W1 --to W2] [--jobs N] [--permutations N] [--seed S] [--weighted]\n"
	  "       [--long | --summary] [-o FILE.csv|FILE.json] [--format table|csv|json]\n"
	  "       [--no-store] [--directed]",
	  "compare two waves (default: first and last) of every place: one row per place;\n"
	  "a database also keeps the rows in its batch_result table", NULL },
	{ "export", cmd_export,
	  "SOURCE [PLACE] [--wave W] -o FILE.(graphml|gexf|dot|csv) [--format F]\n"
	  "       | SOURCE [PLACE] --format kumu|ripplefx -o FOLDER\n"
	  "       [--weighted] [--seed S] [--directed]",
	  "the network of a wave (gexf: of every wave) with attributes and measures, for other tools", NULL },
	{ "report", cmd_report,
	  "SOURCE [PLACE] -o FILE.html [--from W1 --to W2] [--summary] [--permutations N]\n"
	  "       [--seed S] [--weighted] [--jobs N] [--directed]",
	  "one HTML report to send to a board: a place's change in numbers, pictures and words;\n"
	  "without PLACE (or with --summary) a summary across every place", NULL },
	{ "check", cmd_check, "FOLDER... [--from kumu|ripplefx] [--name NAME] [--directed]",
	  "check place folders (or Kumu / RippleFX exports) without importing them", NULL },

};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char *const source_help =
	"SOURCE is a database file, a place folder, or a folder of place folders\n"
	"(folders are read into an in-memory database, so every command works on CSVs).\n";

void cli_usage(FILE *out, const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			fprintf(out, "usage: ripple %s %s\n", commands[i].name, commands[i].usage);
}

static void usage_all(FILE *out)
{
	fprintf(out, "usage: ripple COMMAND [ARGS]\n\n"
	             "ripple effect mapping and system network analysis of places.\n\n"
	             "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n%s\n"
	             "`ripple COMMAND --help` tells more; schemas/FORMAT.md describes place folders.\n"
	             "exit status: 0 ok, 1 runtime failure, 2 bad usage or bad input.\n",
	        source_help);
}

/* Prints the help of one command: usage, summary, and SOURCE when it takes one.
 * Returns 0, or 2 when there is no such command. */
int cli_help(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, name) != 0)
			continue;
		printf("usage: ripple %s %s\n\n%s.\n", commands[i].name, commands[i].usage,
		       commands[i].summary);
		if (commands[i].details)
			printf("\n%s", commands[i].details);
		if (strstr(commands[i].usage, "SOURCE"))
			printf("\n%s", source_help);
		return 0;
	}
	fprintf(stderr, "ripple: unknown command \"%s\"\n\n", name);
	usage_all(stderr);
	return 2;
}

int main(int argc, char **argv)
{
	int status;

	if (argc < 2) {
		usage_all(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			/* `help NAME` is `NAME --help`, so a command can say more than its table line */
			size_t i = 0;
			while (i < NCOMMANDS && strcmp(commands[i].name, argv[2]) != 0)
				i++;
			char *args[] = { argv[2], "--help", NULL };
			status = i < NCOMMANDS ? commands[i].fn(2, args) : cli_help(argv[2]);
		} else {
			usage_all(stdout);
			status = 0;
		}
	} else if (strcmp(argv[1], "--version") == 0) {
		printf("ripple %s (database schema %d)\n", RIPPLE_VERSION, RIPPLE_SCHEMA_VERSION);
		status = 0;
	} else {
		size_t i = 0;
		while (i < NCOMMANDS && strcmp(commands[i].name, argv[1]) != 0)
			i++;
		if (i == NCOMMANDS) {
			fprintf(stderr, "ripple: unknown command \"%s\"\n\n", argv[1]);
			usage_all(stderr);
			return 2;
		}
		status = commands[i].fn(argc - 1, argv + 1);
	}
	ripple_pictures_release();
	/* data went to stdout: a full disk or closed pipe must not look like success */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ripple: error writing output\n");
		return 1;
	}
	return status;
}
