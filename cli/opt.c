/*
 * opt.c - parsing a command line by a command's option table, and the
 * option list of its --help (opt.h).
 *
 * getopt_long does the scanning, so the rules are the ones ripple has always
 * had (options after operands, --name=VALUE, abbreviations, clusters, --);
 * the table is turned into its long options and short-option string on each
 * call. A long option's getopt value is OPT_LONG + its row, a short one's is
 * its letter.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define OPT_MAX 32          /* rows a table may have */
#define OPT_LONG 0x100      /* above every short option's letter */
#define HELP_COLUMN 24      /* where descriptions start in --help */
#define HELP_WIDTH 80       /* the columns of a terminal */

/* The usage error of a refused value: the row's own words, else the reader's. */
#define REFUSE(spec, cmd, arg, fmt) \
	((spec)->refusal ? cli_usage_error((cmd), (spec)->refusal, (arg)) \
	                 : cli_usage_error((cmd), fmt, (arg)))

/*
 * Reads arg, a whole decimal number from lo to hi (leading blanks and a sign
 * allowed, as strtol), into field: an int or a long, as size says. Else
 * refuses it in fmt's words (one %s, the text). Returns 0, or 2.
 */
static int whole_number(void *field, size_t size, const char *arg, long lo, long hi,
                        const cli_opt_spec *spec, const char *cmd, const char *fmt)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (!*arg || *end || errno != 0 || v < lo || v > hi)
		return REFUSE(spec, cmd, arg, fmt);
	if (size == sizeof(int))
		*(int *)field = (int)v;
	else
		*(long *)field = v;
	return 0;
}

/* Stores v, what a name read as (negative: no name it knows), into the int field; else
 * refuses arg in fmt's words. Returns 0, or 2. */
static int named(void *field, int v, const char *arg, const cli_opt_spec *spec, const char *cmd,
                 const char *fmt)
{
	if (v < 0)
		return REFUSE(spec, cmd, arg, fmt);
	*(int *)field = v;
	return 0;
}

int cli_opt_jobs(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return whole_number(field, sizeof(int), arg, 1, 256, spec, cmd,
	                    "--jobs wants a number of processes from 1 to 256, not \"%s\"");
}

int cli_opt_min_count(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return whole_number(field, sizeof(long), arg, 1, 1000000, spec, cmd,
	                    "--min-count wants a whole number from 1 to 1000000, not \"%s\"");
}

int cli_opt_permutations(void *field, const char *arg, const cli_opt_spec *spec,
                         const char *cmd)
{
	return whole_number(field, sizeof(long), arg, 0, 100000000, spec, cmd,
	                    "--permutations \"%s\" is not a whole number from 0 to 100000000");
}

int cli_opt_seed(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end || errno == ERANGE)
		return REFUSE(spec, cmd, arg, "--seed \"%s\" is not a whole number");
	*(unsigned long *)field = v;
	return 0;
}

int cli_opt_sample(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return whole_number(field, sizeof(long), arg, 0, 1000000000, spec, cmd,
	                    "--sample wants a number of actors from 0 (leave the path measures "
	                    "out) up, not \"%s\"");
}

int cli_opt_format(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return named(field, cli_format_parse(arg), arg, spec, cmd,
	             "unknown format \"%s\" (table, csv or json)");
}

int cli_opt_missing(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return named(field, ripple_policy_parse(arg), arg, spec, cmd,
	             "unknown --missing \"%s\" (reconstruct, respondents or census)");
}

int cli_opt_level(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return named(field, ripple_level_parse(arg), arg, spec, cmd,
	             "unknown --level \"%s\" (actor or organisation)");
}

int cli_opt_page(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return named(field, ripple_page_parse(arg), arg, spec, cmd,
	             "unknown --page \"%s\" (a4, a4-landscape, letter, slide or natural)");
}

int cli_opt_view(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return named(field, ripple_view_parse(arg), arg, spec, cmd,
	             "unknown --undirected \"%s\" (either or both)");
}

int cli_opt_share(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (!*arg || *end || errno != 0 || !(v >= 0 && v <= 1))
		return REFUSE(spec, cmd, arg, "--min-response \"%s\" is not a number from 0 to 1");
	*(double *)field = v;
	return 0;
}

int cli_opt_from(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	return named(field, ripple_from_parse(arg), arg, spec, cmd,
	             "unknown --from \"%s\" (kumu, ripplefx, xmind or freemind)");
}

/* Message for the option getopt_long just refused (c: '?' or ':'); returns 2. */
static int bad_option(const char *cmd, char **argv, int c)
{
	const char *arg = argv[optind - 1];
	char shortopt[3] = { '-', (char)optopt, '\0' };

	/* inside a cluster of short options (-xn) argv does not name the culprit: optopt does */
	if (optopt && strncmp(arg, "--", 2) != 0)
		arg = shortopt;
	if (c == ':')
		return cli_usage_error(cmd, "option %s needs a value", arg);
	return cli_usage_error(cmd, "unknown option %s", arg);
}

/* The row getopt_long's answer c stands for, or NULL ('?', ':'). */
static const cli_opt_spec *row_of(const cli_opt_spec *specs, size_t n, int c)
{
	if (c >= OPT_LONG && (size_t)(c - OPT_LONG) < n)
		return &specs[c - OPT_LONG];
	for (size_t i = 0; i < n; i++)
		if (specs[i].alias && specs[i].alias == c)
			return &specs[i];
	return NULL;
}

int cli_opt_parse(int *operands, const cli_opt_spec *specs, void *out, const char *cmd,
                  int argc, char **argv)
{
	struct option longopts[OPT_MAX + 1];
	char shortopts[2 + 2 * OPT_MAX];
	size_t n, len = 0;
	int c;

	shortopts[len++] = ':';        /* a missing value is ':', not '?' */
	for (n = 0; specs[n].type != CLI_OPT_END && n < OPT_MAX; n++) {
		int value = specs[n].type == CLI_OPT_VALUE;
		longopts[n] = (struct option){ specs[n].name, value ? required_argument : no_argument,
		                               NULL, OPT_LONG + (int)n };
		if (specs[n].alias) {
			shortopts[len++] = specs[n].alias;
			if (value)
				shortopts[len++] = ':';
		}
	}
	shortopts[len] = '\0';
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };

	/* getopt_long keeps state in globals: start from scratch, and say nothing itself */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const cli_opt_spec *spec = row_of(specs, n, c);

		if (!spec)
			return bad_option(cmd, argv, c);
		switch (spec->type) {
		case CLI_OPT_SWITCH:
			*(int *)((char *)out + spec->field) = spec->value;
			break;
		case CLI_OPT_VALUE:
			if (!spec->parse)
				*(const char **)((char *)out + spec->field) = optarg;
			else if (spec->parse((char *)out + spec->field, optarg, spec, cmd) != 0)
				return 2;
			break;
		default:
			cli_help(cmd, specs);
			return -1;
		}
	}
	*operands = optind;
	return 0;
}

/* Writes text from column col, wrapped at HELP_WIDTH, continuation lines at col. */
static void put_wrapped(FILE *out, const char *text, size_t col)
{
	size_t at = col;

	while (*text) {
		size_t word = strcspn(text, " ");
		if (at > col && at + 1 + word >= HELP_WIDTH) {
			fprintf(out, "\n%*s", (int)col, "");
			at = col;
		} else if (at > col) {
			fputc(' ', out);
			at++;
		}
		fwrite(text, 1, word, out);
		at += word;
		text += word;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

void cli_opt_help(FILE *out, const cli_opt_spec *specs)
{
	fputs("options:\n", out);
	for (const cli_opt_spec *s = specs; s->type != CLI_OPT_END; s++) {
		char left[80];
		int len = snprintf(left, sizeof(left), "  %c%c%s--%s%s%s", s->alias ? '-' : ' ',
		                   s->alias ? s->alias : ' ', s->alias ? ", " : "  ", s->name,
		                   s->value_name ? " " : "", s->value_name ? s->value_name : "");
		if (len + 2 > HELP_COLUMN)
			fprintf(out, "%s\n%*s", left, HELP_COLUMN, "");
		else
			fprintf(out, "%-*s", HELP_COLUMN, left);
		put_wrapped(out, s->help, HELP_COLUMN);
	}
}
