/*
 * manual.h - the man page ripple.1 (roff) and the bash completion, written
 * from the command table of main.c and each command's option table: the
 * tables that print --help, so the three cannot drift apart.
 *
 * main.c runs each command with --help while a writer is installed; the help
 * the command would print goes to cli_manual_command or
 * cli_completion_command instead. Nothing here reads the options twice.
 */
#ifndef RIPPLE_CLI_MANUAL_H
#define RIPPLE_CLI_MANUAL_H

#include <stdio.h>

#include "cli.h"

/** What `ripple --help` says around its list of commands, for the man page. */
typedef struct cli_manual_text {
	const char *description;  /* one line: "ripple effect mapping and ..." */
	const char *source_help;  /* what SOURCE means (lines ending in '\n') */
	const char *exit_status;  /* "exit status: 0 ok, ..." */
} cli_manual_text;

/** Writes the man page's head (NAME, SYNOPSIS, DESCRIPTION) and opens COMMANDS. */
void cli_manual_begin(FILE *out, const cli_manual_text *text);
/** Writes one command's section: usage, summary, each row of specs (NULL: none), details. */
void cli_manual_command(FILE *out, const cli_command *c, const cli_opt_spec *specs);
/** Writes the man page's tail (EXIT STATUS, FILES, SEE ALSO). */
void cli_manual_end(FILE *out, const cli_manual_text *text);

/** Writes the completion's head: the function up to the case over the commands. */
void cli_completion_begin(FILE *out, const cli_command *commands, size_t n);
/** Writes one command's case: its options, and what completes each option's value. */
void cli_completion_command(FILE *out, const cli_command *c, const cli_opt_spec *specs);
/** Closes the function and registers it for `ripple`. */
void cli_completion_end(FILE *out);

#endif
