/*
 * main.c - the `ripple` command: a table of subcommands and the dispatch.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "manual.h"

static const cli_command commands[] = {
	{ "init", cmd_init, "DB",
	  "create an empty ripple database", NULL },
	{ "import", cmd_import,
	  "DB FOLDER... [--from kumu|ripplefx] [--name NAME] [--directed] [--replace]\n"
	  "       | DB MAP... --from xmind|freemind [--name NAME] [--replace]",
	  "check place folders (or Kumu / RippleFX exports, or XMind / FreeMind maps) and write\n"
	  "them into DB, all or nothing", NULL },
	{ "places", cmd_places, "SOURCE [--format table|csv|json] [--directed]",
	  "list places with their waves and counts", NULL },
	{ "metrics", cmd_metrics,
	  "SOURCE [PLACE] [--wave W] [--nodes | --mixing] [--weighted] [--seed S] [--directed]\n"
	  "       [--jobs N] [--sample N] [--format table|csv|json] [--level actor|organisation]\n"
	  "       [--missing POLICY] [--undirected either|both] [--min-response R]\n"
	  "       [--pseudonymise[-all] --secret-file F] [--min-count N]",
	  "network measures of each wave, or with --nodes the measures of each actor, or with "
	  "--mixing the ties within and between sectors", NULL },
	{ "compare", cmd_compare,
	  "SOURCE [PLACE] [--from W1 --to W2] [--permutations N] [--seed S] [--weighted]\n"
	  "       [--jobs N] [--sample N] [--section NAME] [--directed] [--format table|csv|json]\n"
  "       [--level actor|organisation]\n"
	  "       [--missing POLICY] [--undirected either|both] [--min-response R]\n"
	  "       [--pseudonymise[-all] --secret-file F] [--min-count N]",
	  "what changed between two waves (default: first and last), and whether it is more than chance",
	  NULL },
	{ "waves", cmd_waves,
	  "SOURCE [PLACE] [--section series|ties|persistence] [--weighted] [--seed S]\n"
	  "       [--jobs N] [--sample N] [--directed] [--format table|csv|json]\n"
	  "       [--missing POLICY] [--undirected either|both] [--min-response R]\n"
	  "       [--pseudonymise[-all] --secret-file F] [--min-count N]",
	  "every wave at once: the measures as a series, each tie's pattern across the waves\n"
	  "(1 tied, 0 not tied, ? not observed) and how many new ties are there at the next wave",
	  NULL },
	{ "map", cmd_map,
	  "SOURCE [PLACE] -o FILE.(svg|png|pdf|dot) [--timeline] [--wrap N] [--format F]\n"
	  "       [--page P] [--labels WHICH] [--capital NAME] [--order N] [--on-new-ties W1:W2]\n"
	  "       [--pseudonymise[-all] --secret-file F]",
	  "draw the ripple map: the programme at the centre, ripples on rings by order", NULL },
	{ "draw", cmd_draw,
	  "SOURCE [PLACE] (--wave W | --from W1 --to W2) -o FILE.(svg|png|pdf|dot)\n"
	  "       [--size MEASURE|none] [--weighted] [--seed S] [--format F] [--level actor|organisation]\n"
	  "       [--missing POLICY] [--undirected either|both] [--min-response R]\n"
	  "       [--page P] [--labels WHICH] [--show TIES] [--focus ID] [--waves LIST]\n"
	  "       [--pseudonymise[-all] --secret-file F]",
	  "draw the network of one wave, or the change between two, on the place's layout", NULL },
	{ "batch", cmd_batch,
	  "SOURCE [--from W1 --to W2] [--jobs N] [--permutations N] [--seed S] [--weighted]\n"
	  "       [--long | --summary] [-o FILE.csv|FILE.json] [--format table|csv|json]\n"
	  "       [--no-store] [--directed]\n"
	  "       [--missing POLICY] [--undirected either|both] [--min-response R]\n"
	  "       [--pseudonymise[-all] --secret-file F] [--min-count N]",
	  "compare two waves (default: first and last) of every place: one row per place;\n"
	  "a database also keeps the rows in its batch_result table", NULL },
	{ "export", cmd_export,
	  "SOURCE [PLACE] [--wave W] -o FILE.(graphml|gexf|dot|csv) [--format F]\n"
	  "       | SOURCE [PLACE] --format kumu|ripplefx -o FOLDER\n"
	  "       | SOURCE [PLACE] -o FILE.(xmind|mm) [--format xmind|freemind]\n"
	  "       [--weighted] [--seed S] [--directed] [--level actor|organisation]\n"
	  "       [--missing POLICY] [--undirected either|both] [--min-response R]\n"
	  "       [--pseudonymise[-all] --secret-file F]",
	  "the network of a wave (gexf: of every wave) with attributes and measures, for other tools",
	  "Formats (--format, or the extension of -o; -o - writes to stdout and needs --format):\n"
	  "  graphml  one wave (--wave W), written by igraph; actor ids in the `name` attribute\n"
	  "  gexf     every wave of the place as a point in time, for Gephi's timeline: each tie\n"
	  "           has a spell per wave it is present at; the measures of every wave as\n"
	  "           dynamic values; time is the waves' dates when all have one, else their\n"
	  "           ordinal; takes no --wave\n"
	  "  dot      one wave (--wave W), for Graphviz; labels drawn literally\n"
	  "  csv      one wave (--wave W): the edges to FILE (source,target,wave,type,weight,ties\n"
	  "           and the extra columns of ties.csv) and the actors to FILE-nodes.csv, with\n"
	  "           FILE's extension replaced (id,label,kind,parent,sector,town,attended, the\n"
	  "           extra columns of actors.csv, then the measures of `ripple metrics --nodes`)\n"
	  "  kumu     every wave: -o FOLDER gets elements.csv and connections.csv as Kumu\n"
	  "           imports them (a Wave field on each connection); `ripple import --from kumu`\n"
	  "           reads them back (docs/IMPORT.md); takes no --wave\n"
	  "  ripplefx the ripple map in RippleFX's format: -o FOLDER gets nodes.csv (the\n"
	  "           programme, ripples and actors; name, date dd/MM/yyyy, capital, valence,\n"
	  "           intended as attribute pairs) and relationships.csv (match id 1/2 by\n"
	  "           name); `ripple import --from ripplefx` reads them back\n"
	  "  xmind    the ripple map as an XMind file (-o FILE.xmind): the programme the central\n"
	  "           topic, each ripple a topic under its parent, its capitals, valence,\n"
	  "           intended, date and actors as labels; `ripple import --from xmind` reads\n"
	  "           it back\n"
	  "  freemind the ripple map as a FreeMind / Freeplane map (-o FILE.mm), coded as\n"
	  "           node attributes; `ripple import --from freemind` reads it back\n"
	  "\n"
	  "An edge is a pair of actors tied at the wave, as in every measure: `type` lists\n"
	  "its ties' types (';'-joined), `weight` sums their weights, `ties` counts them,\n"
	  "trust and value are averaged. Files are written whole or not at all.\n" },
	{ "report", cmd_report,
	  "SOURCE [PLACE] -o FILE.html [--from W1 --to W2] [--summary] [--permutations N]\n"
	  "       [--seed S] [--weighted] [--jobs N] [--directed]\n"
	  "       [--missing POLICY] [--undirected either|both] [--min-response R]\n"
	  "       [--pseudonymise[-all] --secret-file F]",
	  "one HTML report to send to a board: a place's change in numbers, pictures and words;\n"
	  "without PLACE (or with --summary) a summary across every place", NULL },
	{ "check", cmd_check, "FOLDER... [--from kumu|ripplefx] [--name NAME] [--directed]\n"
	  "       | MAP... --from xmind|freemind [--name NAME]\n"
	  "       | - --from xmind|freemind (one mind map on standard input)",
	  "check place folders (or Kumu / RippleFX exports, or XMind / FreeMind maps) without\n"
	  "importing them; a map's ripples coded with no capital are listed on stderr", NULL },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char *const source_help =
	"SOURCE is a database file, a place folder, or a folder of place folders\n"
	"(a folder is read and checked as import would, and nothing is written, so every\n"
	"command works straight on CSVs).\n";
static const char *const description =
	"ripple effect mapping and system network analysis of places.";
static const char *const exit_status =
	"exit status: 0 ok, 1 runtime failure, 2 bad usage or bad input.";

static void usage_all(FILE *out)
{
	fprintf(out, "usage: ripple COMMAND [ARGS]\n\n%s\n\ncommands:\n", description);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n%s\n"
	             "`ripple COMMAND --help` tells more; schemas/FORMAT.md describes place folders.\n"
	             "%s\n",
	        source_help, exit_status);
}

/*
 * While `ripple --man` or `ripple --completion bash` runs, each command is run
 * with --help and cli_help hands the command and its option table to write
 * instead of printing them: the man page and the completion are written from
 * the tables --help prints, so they cannot drift apart. Process-wide, set only
 * by describe_all.
 */
static struct {
	void (*write)(FILE *out, const cli_command *c, const cli_opt_spec *specs);
	FILE *out;
	const cli_command *seen;  /* the command cli_help last wrote */
} describing;

static const cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	fprintf(stderr, "ripple: unknown command \"%s\"\n\n", name);
	usage_all(stderr);
	return 2;
}

void cli_usage(FILE *out, const char *name)
{
	const cli_command *c = find_command(name);

	if (c)
		fprintf(out, "usage: ripple %s %s\n", c->name, c->usage);
}

int cli_help(const char *name, const cli_opt_spec *specs)
{
	const cli_command *c = find_command(name);

	if (!c)
		return unknown_command(name);
	if (describing.write) {
		describing.write(describing.out, c, specs);
		describing.seen = c;
		return 0;
	}
	printf("usage: ripple %s %s\n\n%s.\n", c->name, c->usage, c->summary);
	if (specs) {
		putchar('\n');
		cli_opt_help(stdout, specs);
	}
	if (c->details)
		printf("\n%s", c->details);
	if (strstr(c->usage, "SOURCE"))
		printf("\n%s", source_help);
	return 0;
}

/*
 * Writes ripple.1 (what "man") or the bash completion (what "bash") to stdout,
 * from the command table and each command's option table. Returns 0, 1 when a
 * command printed no option table for --help, or 2 for an unknown what.
 */
static int describe_all(const char *what)
{
	const cli_manual_text text = { description, source_help, exit_status };
	int man = strcmp(what, "man") == 0;

	if (!man && strcmp(what, "bash") != 0) {
		fprintf(stderr, "ripple: --completion knows bash only, not \"%s\"\n", what);
		return 2;
	}
	if (man)
		cli_manual_begin(stdout, &text);
	else
		cli_completion_begin(stdout, commands, NCOMMANDS);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char *args[] = { (char *)commands[i].name, "--help", NULL };

		describing.write = man ? cli_manual_command : cli_completion_command;
		describing.out = stdout;
		describing.seen = NULL;
		if (commands[i].fn(2, args) != 0 || describing.seen != &commands[i]) {
			describing.write = NULL;
			fprintf(stderr, "ripple: %s --help printed no option table\n", commands[i].name);
			return 1;
		}
	}
	describing.write = NULL;
	if (man)
		cli_manual_end(stdout, &text);
	else
		cli_completion_end(stdout);
	return 0;
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
			/* `help NAME` is `NAME --help`: the command prints its own option table */
			const cli_command *c = find_command(argv[2]);
			char *args[] = { argv[2], "--help", NULL };
			status = c ? c->fn(2, args) : unknown_command(argv[2]);
		} else {
			usage_all(stdout);
			status = 0;
		}
	} else if (strcmp(argv[1], "--man") == 0) {
		/* hidden: the build writes ripple.1 with it (make install) */
		status = describe_all("man");
	} else if (strcmp(argv[1], "--completion") == 0) {
		/* hidden: `ripple --completion bash` writes the bash completion */
		status = argc > 2 ? describe_all(argv[2]) : describe_all("");
	} else if (strcmp(argv[1], "--version") == 0) {
		printf("ripple %s (database schema %d)\n", RIPPLE_VERSION, RIPPLE_SCHEMA_VERSION);
		status = 0;
	} else {
		const cli_command *c = find_command(argv[1]);
		if (!c)
			return unknown_command(argv[1]);
		status = c->fn(argc - 1, argv + 1);
	}
	ripple_pictures_release();
	/* data went to stdout: a full disk or closed pipe must not look like success */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ripple: error writing output\n");
		return 1;
	}
	return status;
}
