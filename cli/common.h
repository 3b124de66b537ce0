/*
 * common.h - option parsing shared by the subcommands (included by cmd_*.c only).
 */
#ifndef RIPPLE_CLI_COMMON_H
#define RIPPLE_CLI_COMMON_H

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Long options every command takes. */
#define CLI_OPT_HELP { "help", no_argument, NULL, 'h' }

/* getopt_long keeps state in globals: start each command from scratch. */
static inline void cli_getopt_reset(void)
{
	optind = 0;
	opterr = 0;
}

/* Message for the option getopt_long just refused; returns 2. */
static inline int cli_bad_option(const char *cmd, char **argv, int c)
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

/* --format VALUE: sets *fmt; 0, or 2 after a usage message. */
static inline int cli_opt_format(const char *cmd, const char *arg, enum cli_format *fmt)
{
	int f = cli_format_parse(arg);
	if (f < 0)
		return cli_usage_error(cmd, "unknown format \"%s\" (table, csv or json)", arg);
	*fmt = (enum cli_format)f;
	return 0;
}

/* --seed VALUE: a whole number; 0, or 2 after a usage message. */
static inline int cli_opt_seed(const char *cmd, const char *arg, unsigned long *seed)
{
	char *end;
	errno = 0;
	*seed = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end || errno == ERANGE)
		return cli_usage_error(cmd, "--seed \"%s\" is not a whole number", arg);
	return 0;
}

/* --jobs VALUE: processes, 1 to 256; 0, or 2 after a usage message. */
static inline int cli_opt_jobs(const char *cmd, const char *arg, int *jobs)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (!*arg || *end || errno || v < 1 || v > 256)
		return cli_usage_error(cmd, "--jobs wants a number of processes from 1 to 256, "
		                       "not \"%s\"", arg);
	*jobs = (int)v;
	return 0;
}

/* --sample VALUE: actors to start shortest paths from, 0 to 1e9; 0, or 2 after a message. */
static inline int cli_opt_sample(const char *cmd, const char *arg, long *sample)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (!*arg || *end || errno || v < 0 || v > 1000000000)
		return cli_usage_error(cmd, "--sample wants a number of actors from 0 (leave the "
		                       "path measures out) up, not \"%s\"", arg);
	*sample = v;
	return 0;
}

#endif
