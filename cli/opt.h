/*
 * opt.h - a command's options as one table: each row says how the option is
 * spelt, where its value goes and what --help says of it, so that parsing
 * and help cannot drift apart (libgit2's cli_opt_spec is the model).
 *
 * A command parses into a struct of its own on the stack (no statics): a row
 * names a field of that struct by its offset, and a VALUE row the function
 * that reads the text into it. One function reads each shared option
 * (--jobs, --permutations, --seed, --sample, --format), so every command
 * accepts the same values and refuses the rest in the same words.
 */
#ifndef RIPPLE_CLI_OPT_H
#define RIPPLE_CLI_OPT_H

#include <stddef.h>
#include <stdio.h>

typedef enum cli_opt_type {
	CLI_OPT_END = 0,      /* ends a table */
	CLI_OPT_SWITCH,       /* --name: sets the int field to `value` */
	CLI_OPT_VALUE,        /* --name VALUE, --name=VALUE, -x VALUE, -xVALUE */
	CLI_OPT_HELP          /* --help: prints the command's help, parsing stops */
} cli_opt_type;

typedef struct cli_opt_spec cli_opt_spec;

/**
 * Reads the text of a VALUE option into field (whose type the function
 * names). Returns 0, or 2 after a usage message for command cmd.
 */
typedef int (*cli_opt_parse_fn)(void *field, const char *arg, const cli_opt_spec *spec,
                                const char *cmd);

struct cli_opt_spec {
	cli_opt_type type;
	const char *name;         /* long name, without "--" */
	char alias;               /* short name (-x), or 0 for none */
	const char *value_name;   /* VALUE: what --help calls the value ("N", "W1") */
	const char *help;         /* one sentence or more for --help, wrapped when printed */
	size_t field;             /* offsetof the field in the command's struct */
	cli_opt_parse_fn parse;   /* VALUE: reads the text; NULL keeps the text (const char *) */
	int value;                /* SWITCH: what the int field is set to */
	const char *refusal;      /* VALUE: the command's own words for a refused value
	                             (a format with one %s, the text), or NULL for parse's */
};

/* ---- rows ------------------------------------------------------------------ */

#define CLI_SWITCH(type, member, name, alias, help) \
	{ CLI_OPT_SWITCH, name, alias, NULL, help, offsetof(type, member), NULL, 1, NULL }
#define CLI_VALUE(type, member, name, alias, value_name, parse, help) \
	{ CLI_OPT_VALUE, name, alias, value_name, help, offsetof(type, member), parse, 0, NULL }
#define CLI_HELP \
	{ CLI_OPT_HELP, "help", 'h', NULL, "print this help", 0, NULL, 0, NULL }
#define CLI_END { CLI_OPT_END, NULL, 0, NULL, NULL, 0, NULL, 0, NULL }

/* The options several commands share, each with one reader and one description. */
#define CLI_OPT_DIRECTED(type, member, alias) \
	CLI_SWITCH(type, member, "directed", alias, \
	           "read place folders as directed networks (place.csv's `directed` can say " \
	           "so too); a database keeps what was imported")
#define CLI_OPT_FORMAT(type, member, alias) \
	CLI_VALUE(type, member, "format", alias, "F", cli_opt_format, \
	          "table (aligned columns, the default), csv or json")
/* --no-formula-guard: a CSV's cells as they are (docs/DECISIONS.md, "CSV formula injection") */
#define CLI_OPT_NO_FORMULA_GUARD(type, member) \
	CLI_SWITCH(type, member, "no-formula-guard", 0, \
	           "CSV: write every cell as it is, without the ' put before a cell a " \
	           "spreadsheet would run as a formula (one starting with = + - @, a tab or a " \
	           "line break; numbers are left alone; docs/DECISIONS.md)")
#define CLI_OPT_SEED(type, member, alias, help) \
	CLI_VALUE(type, member, "seed", alias, "S", cli_opt_seed, help)
#define CLI_OPT_PERMUTATIONS(type, member, alias) \
	CLI_VALUE(type, member, "permutations", alias, "N", cli_opt_permutations, \
	          "permutations of the QAP and attendee tests, 0 to 100000000 (default 1000)")
#define CLI_OPT_WEIGHTED(type, member, alias, help) \
	CLI_SWITCH(type, member, "weighted", alias, help)
/* -o and -f of a picture (map, draw): the fields of a cli_file_options */
#define CLI_OPT_PICTURE_OUTPUT(type, member) \
	CLI_VALUE(type, member.output, "output", 'o', "FILE", NULL, \
	          "write the picture to FILE (- for stdout, with --format)")
#define CLI_OPT_PICTURE_FORMAT(type, member) \
	CLI_VALUE(type, member.format, "format", 'f', "F", NULL, \
	          "svg, png, pdf or dot (default: the extension of FILE)")
/* reading folders (import, check) */
#define CLI_OPT_FROM(type, member) \
	CLI_VALUE(type, member, "from", 'f', "kumu|ripplefx|xmind|freemind", cli_opt_from, \
	          "read each FOLDER as another tool's export instead of a place folder: " \
	          "Kumu's elements and connections, or RippleFX's nodes and relationships; " \
	          "or each as a mind map file of the ripples, MAP.xmind or MAP.mm " \
	          "(docs/IMPORT.md)")
#define CLI_OPT_NAME(type, member) \
	CLI_VALUE(type, member, "name", 'n', "NAME", NULL, \
	          "call the place NAME instead of place.csv's name or the folder's (one " \
	          "FOLDER only)")
/* non-response (responses.csv): every command that measures or draws a wave */
#define CLI_OPT_MISSING(type, member) \
	CLI_VALUE(type, member, "missing", 0, "POLICY", cli_opt_missing, \
	          "how a wave treats actors who did not answer (responses.csv): reconstruct " \
	          "(the default: impute their ties from what others reported about them), " \
	          "respondents (the network among those who answered) or census (every " \
	          "actor as if it answered) (docs/MEASURES.md, \"Non-response\")")
#define CLI_OPT_UNDIRECTED(type, member) \
	CLI_VALUE(type, member, "undirected", 0, "either|both", cli_opt_view, \
	          "in a directed place, which pairs the undirected view joins: either " \
	          "named the other (the default) or both did (confirmed ties only)")
#define CLI_OPT_MIN_RESPONSE(type, member) \
	CLI_VALUE(type, member, "min-response", 0, "R", cli_opt_share, \
	          "warn when a wave's response rate is below R, from 0 to 1 (default 0.7)")
/* --level: measure, draw or export the place's actors or its organisations */
#define CLI_OPT_LEVEL(type, member) \
	CLI_VALUE(type, member, "level", 0, "actor|organisation", cli_opt_level, \
	          "actor (the default) or organisation: teams and people rolled up to their " \
	          "top-level organisation, a tie between two organisations when any of their " \
	          "members are tied, weighted by how many (docs/MEASURES.md, \"Organisation " \
	          "level\")")
/* sharing without naming people (docs/PRIVACY.md): the fields of a cli_share_options */
#define CLI_OPT_PSEUDONYMISE(type, member) \
	CLI_SWITCH(type, member.pseudonymise, "pseudonymise", 0, \
	           "replace the id and label of every person with a code keyed by " \
	           "--secret-file (P-7f3a2c91be: the same secret gives the same codes), in " \
	           "every table, file and picture; organisations and teams stay named"), \
	{ CLI_OPT_SWITCH, "pseudonymise-all", 0, NULL, \
	  "as --pseudonymise, and organisations (O-...) and teams (T-...) too", \
	  offsetof(type, member.pseudonymise), NULL, 2 /* RIPPLE_PSEUDO_ALL */, NULL }, \
	CLI_VALUE(type, member.secret_file, "secret-file", 0, "FILE", NULL, \
	          "the secret that keys the codes: FILE's bytes, at least 16 (e.g. head -c 32 " \
	          "/dev/urandom > FILE); keep it apart from what you share")
#define CLI_OPT_MIN_COUNT(type, member) \
	CLI_VALUE(type, member.min_count, "min-count", 0, "N", cli_opt_min_count, \
	          "write a count of actors or ties below N (other than 0) as \"<N\", as in " \
	          "statistical disclosure control (e.g. 10, ONS's threshold for research " \
	          "outputs; docs/PRIVACY.md)")
#define CLI_OPT_SHARE(type, member) \
	CLI_OPT_PSEUDONYMISE(type, member), \
	CLI_OPT_MIN_COUNT(type, member)
/* --page: the page a picture is fitted to (map, draw); -1 in the field: not given */
#define CLI_OPT_PAGE(type, member) \
	CLI_VALUE(type, member, "page", 0, "a4|a4-landscape|letter|slide|natural", cli_opt_page, \
	          "fit the picture to this page, with no text under 7 pt (default: A4 landscape " \
	          "when it fits there, else natural with a warning; docs/PICTURES.md)")
#define CLI_OPT_RESPONSES(type, io) \
	CLI_OPT_MISSING(type, io.graph.missing), \
	CLI_OPT_UNDIRECTED(type, io.graph.view), \
	CLI_OPT_MIN_RESPONSE(type, io.min_response)

/*
 * The last rows of metrics and compare, before --help: --format and -d into
 * the cli_measure_options io, --jobs and --sample of the shortest-path
 * measures into the ripple_paths_options paths.
 */
#define CLI_OPT_MEASURES(type, io, paths) \
	CLI_OPT_FORMAT(type, io.format, 'f'), \
	CLI_OPT_NO_FORMULA_GUARD(type, io.no_formula_guard), \
	CLI_OPT_RESPONSES(type, io), \
	CLI_OPT_DIRECTED(type, io.directed, 'd'), \
	CLI_VALUE(type, paths.jobs, "jobs", 'j', "N", cli_opt_jobs, \
	          "processes for the shortest-path measures (betweenness, harmonic closeness, " \
	          "diameter, mean distance) of a wave of 1000 actors or more, 1 to 256; " \
	          "default: the processors online. The numbers do not depend on N. A " \
	          "progress bar shows on a terminal."), \
	CLI_VALUE(type, paths.sample, "sample", 0, "N", cli_opt_sample, \
	          "estimate the four shortest-path measures from N actors drawn with --seed " \
	          "instead of from every actor (for waves of 100,000 actors); 0 leaves them " \
	          "out (null)")

/* ---- readers of values ------------------------------------------------------- */

/** --jobs: processes, a whole number from 1 to 256, into an int. */
int cli_opt_jobs(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** --permutations: a whole number from 0 to 100000000, into a long. */
int cli_opt_permutations(void *field, const char *arg, const cli_opt_spec *spec,
                         const char *cmd);
/** --seed: a whole number (digits, fits an unsigned long), into an unsigned long. */
int cli_opt_seed(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** --sample: actors to start shortest paths from, 0 to 1000000000, into a long. */
int cli_opt_sample(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** --from of an import: "kumu" or "ripplefx", into an int (enum ripple_from). */
int cli_opt_from(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** --missing: "reconstruct", "respondents" or "census", into an int (enum ripple_policy). */
int cli_opt_missing(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** --undirected: "either" or "both", into an int (enum ripple_view). */
int cli_opt_view(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** A share from 0 to 1 (--min-response), into a double. */
int cli_opt_share(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** --level: "actor" or "organisation", into an int (enum ripple_level). */
int cli_opt_level(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** --min-count: a whole number from 1 to 1000000, into a long. */
int cli_opt_min_count(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
int cli_opt_page(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);
/** --format of a table: "table", "csv" or "json", into an int (enum cli_format). */
int cli_opt_format(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd);

/* ---- parsing and help ------------------------------------------------------ */

/**
 * Parses argv[1..argc-1] of command cmd by the table specs into the struct
 * at out, in order, with getopt_long's rules: options may come after
 * operands, a long name takes its value as --name=VALUE or in the next
 * argument and may be shortened while unambiguous, short options cluster
 * (-dW), and "--" ends the options. The operands are left, in their order,
 * in argv[*operands..argc-1]. out may be NULL when no row has a field.
 *
 * Returns 0; -1 once --help printed the command's help (exit status 0); or 2
 * after a usage message (an unknown option, a missing or refused value).
 */
int cli_opt_parse(int *operands, const cli_opt_spec *specs, void *out, const char *cmd,
                  int argc, char **argv);

/** Prints "options:" and a line or more for each row of specs, aligned, to out. */
void cli_opt_help(FILE *out, const cli_opt_spec *specs);

#endif
