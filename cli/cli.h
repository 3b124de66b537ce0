/*
 * cli.h - what the subcommands share: the command table, messages and output.
 */
#ifndef RIPPLE_CLI_H
#define RIPPLE_CLI_H

#include <stdio.h>

#include "ripple.h"

#include "opt.h"

typedef int (*cli_command_fn)(int argc, char **argv);

typedef struct cli_command {
	const char *name;
	cli_command_fn fn;
	const char *usage;    /* "DB FOLDER... [--name NAME]" */
	const char *summary;  /* one line */
	const char *details;  /* more for --help after the options, or NULL */
} cli_command;

int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_places(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_metrics(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_waves(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_draw(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);

/**
 * Writes user text for a terminal: C0 and C1 control characters and DEL become
 * spaces, so the text can neither break a line nor start an escape sequence
 * (ESC, CSI). One character in, one out: table columns stay aligned.
 */
void cli_put_text(FILE *out, const char *s);
/** printf of one line for a terminal: the text through cli_put_text, then '\n'. */
void cli_print_line(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Prints "ripple: <formatted err>" to stderr (through cli_put_text); returns its exit status. */
int cli_error(const ripple_error *err);
/** Prints "ripple: message" to stderr; returns status. */
int cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Prints every problem, sorted, and "... and N more"; returns the exit status. */
int cli_diags(ripple_diags *d);
/** Prints the usage of command name to out. */
void cli_usage(FILE *out, const char *name);
/**
 * Prints the help of command name to stdout: its usage and summary, its
 * options from the table specs (NULL: none), and what more the command table
 * says. Returns 0, or 2 for an unknown command.
 */
int cli_help(const char *name, const cli_opt_spec *specs);
/** Usage error: prints the message and the usage line to stderr; returns 2. */
int cli_usage_error(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- tabular output: the same column names in every format ---- */

enum cli_format { CLI_TABLE, CLI_CSV, CLI_JSON };

/** Parses "table", "csv" or "json"; returns -1 for anything else. */
int cli_format_parse(const char *s);

typedef enum cli_type { CLI_STR, CLI_INT, CLI_NUM, CLI_BOOL } cli_type;

typedef struct cli_column {
	const char *name;
	cli_type type;
} cli_column;

/** A table built row by row, then written in one format. Cells are copied. */
typedef struct cli_table {
	const cli_column *cols;
	size_t ncols;
	size_t nrows;
	size_t cap;
	char **cells;      /* nrows * ncols; NULL cell = null / empty */
	long min_count;    /* --min-count N: a frequency below N (not 0) is written "<N";
	                      0 or 1: nothing is suppressed (set after cli_table_init) */
	int no_formula_guard; /* --no-formula-guard: CSV cells as they are; 0 (the default):
	                         a cell a spreadsheet would run as a formula gets a ' in front
	                         (ripple_csv_write_cell; set after cli_table_init) */
} cli_table;

/**
 * 1 when a column or measure called name is a frequency --min-count
 * suppresses: a count of actors or ties of a place or wave (`ties`,
 * `ties_new`, `answered`; also with `_from`, `_to` or `_change` after it).
 */
int cli_is_frequency(const char *name);

void cli_table_init(cli_table *t, const cli_column *cols, size_t ncols);
void cli_table_release(cli_table *t);
/** Appends a row of ncols strings (NULL for a missing value); 0 or RIPPLE_ENOMEM. */
int cli_table_add(cli_table *t, const char *const *cells);
void cli_table_write(const cli_table *t, enum cli_format fmt, FILE *out);

/**
 * Formats a measure for output: "" for NAN (null), integers without decimals,
 * other numbers with 6 decimals in a table and 12 significant digits in CSV/JSON.
 */
void cli_format_number(char *buf, size_t size, double v, int integer, enum cli_format fmt);

/**
 * The operands SOURCE [PLACE] of command cmd, argv[first..argc-1], into
 * *source and *place (NULL when there is none). Returns 0, or 2 after a
 * usage message.
 */
int cli_source_place(const char **source, const char **place, const char *cmd, int argc,
                     char **argv, int first);

/**
 * cli_opt_parse, then the operands as cli_source_place. Returns 0; -1 once
 * --help printed the command's help (exit status 0); or 2 after a usage
 * message.
 */
int cli_opt_parse_source(const char **source, const char **place, const cli_opt_spec *specs,
                         void *out, const char *cmd, int argc, char **argv);

/** Opens SOURCE (flags: RIPPLE_SOURCE_*) and finds PLACE (NULL: every place); prints
 * problems. Exit status or 0. */
int cli_open_places(ripple_store **store, int64_t **place_ids, char ***names, size_t *n,
                    const char *source, const char *place, int flags);

/* ---- progress on a terminal ---- */

/** A progress line on stderr: start it with cli_progress_start. */
typedef struct cli_progress {
	const char *what;         /* what is counted: "places", "blocks of paths" */
	double start;             /* seconds, CLOCK_MONOTONIC */
	int shown;                /* a line was drawn (end it before printing) */
} cli_progress;

/** An engine's progress option: called with its ctx after each step. */
typedef void (*cli_progress_fn)(void *ctx, size_t done, size_t total);

/**
 * Starts p; when stderr is a terminal, also points an engine's progress
 * option (*fn, *ctx) at it (cli_progress_show with p), else leaves them as
 * they are (nothing is shown).
 */
void cli_progress_start(cli_progress *p, const char *what, cli_progress_fn *fn, void **ctx);

/**
 * "[######      ] 12/80 places  3.2 s  about 17 s left", redrawn in place on
 * stderr; the callback of an engine's progress option (ctx: a cli_progress).
 */
void cli_progress_show(void *ctx, size_t done, size_t total);

/** Ends a line left unfinished (after an error). */
void cli_progress_end(cli_progress *p);

/** The default of --jobs: the processors online, from 1 to 256. */
int cli_default_jobs(void);

/** Opens SOURCE and its one place PLACE (NULL: the only one); *name is malloc'd. */
int cli_open_place(ripple_store **store, int64_t *place_id, char **name, const char *cmd,
                   const char *source, const char *place, int flags);

/* ---- sharing without naming people (docs/PRIVACY.md) ---- */

/** --pseudonymise, --pseudonymise-all, --secret-file and --min-count of a command. */
typedef struct cli_share_options {
	int pseudonymise;       /* enum ripple_pseudo_scope */
	const char *secret_file; /* --secret-file: the secret that keys the codes */
	long min_count;         /* --min-count N: frequencies below N written "<N"; 0: none */
} cli_share_options;

/**
 * Usage errors of s for command cmd: --pseudonymise without --secret-file,
 * --secret-file without --pseudonymise. Returns 0 or 2 after a message.
 */
int cli_share_check(const char *cmd, const cli_share_options *s);

/**
 * Pseudonymises m as s asks (ripple_model_pseudonymise, keyed by the bytes of
 * s->secret_file as they are); no operation without --pseudonymise. Returns
 * 0, or an exit status after a message (a secret file that cannot be read or
 * is shorter than RIPPLE_PSEUDO_MIN_SECRET bytes: 2).
 */
int cli_model_share(ripple_model *m, const cli_share_options *s);

/* ---- measures: metrics and compare ---- */

/** What metrics and compare read and how they print: the first member of their options. */
typedef struct cli_measure_options {
	const char *source;
	const char *place;      /* NULL: every place */
	int directed;
	int format;             /* enum cli_format */
	ripple_graph_options graph; /* --missing, --undirected */
	double min_response;    /* --min-response: warn when a wave's response rate is below */
	int level;              /* --level: enum ripple_level */
	cli_share_options share; /* --pseudonymise, --secret-file, --min-count */
	int no_formula_guard;   /* --no-formula-guard: --format csv writes cells as they are */
} cli_measure_options;

/** The default of --min-response: a wave where fewer answered is warned about. */
#define CLI_MIN_RESPONSE 0.7

/**
 * The start of metrics and compare: parses argv by specs into o, whose first
 * member is a cli_measure_options (a table by default) and which holds paths,
 * the engine's shortest-path options (--jobs by default the processors
 * online); then opens the operands SOURCE [PLACE] as cli_open_places does.
 * Returns 0; -1 once --help printed the command's help (exit status 0); or
 * an exit status after a message.
 */
int cli_measure_open(ripple_store **store, int64_t **place_ids, char ***names, size_t *n,
                     const char *cmd, const cli_opt_spec *specs, void *o,
                     ripple_paths_options *paths, int argc, char **argv);

/* ---- responses: who answered a wave's survey, and the policy ---- */

/** The columns that state a wave's responses: answered, missing, absent, response_rate, policy. */
#define CLI_RESPONSE_NCOLS 5
extern const cli_column cli_response_columns[CLI_RESPONSE_NCOLS];

/**
 * Fills cells[0..CLI_RESPONSE_NCOLS) with wave g's values of
 * cli_response_columns, the numbers written into buf (as cli_format_number
 * writes them for fmt). cells point into buf and into static text.
 */
void cli_response_cells(const char **cells, char (*buf)[48], const ripple_graph *g,
                        enum cli_format fmt);

/** The columns of a responses table: place, wave, then cli_response_columns. */
#define CLI_RESPONSES_TABLE_NCOLS (2 + CLI_RESPONSE_NCOLS)
extern const cli_column cli_responses_table_columns[CLI_RESPONSES_TABLE_NCOLS];

/** Adds wave g's row to t, a table of cli_responses_table_columns. 0 or RIPPLE_ENOMEM. */
int cli_responses_add(cli_table *t, const ripple_graph *g, enum cli_format fmt);

/**
 * Prints the responses table of the waves gs[0..n) (one row per place and
 * wave) to out in fmt. Returns 0, or an exit status after a message.
 */
int cli_print_responses(FILE *out, const ripple_graph *const *gs, size_t n, enum cli_format fmt);

/**
 * Warns on stderr when wave g's response rate is below min ("ripple: warning:
 * PLACE wave W: response rate 0.62 is below 0.70 ..."). Returns 1 when it
 * warned, 0 when not (a rate that is not defined, no one asked, warns not).
 */
int cli_warn_responses(const ripple_graph *g, double min);

/**
 * --section NAME of a command whose output has sections: the index of NAME
 * in names[0..n-1] into *section; else a usage message listing them, and 2.
 */
int cli_section_parse(int *section, const char *arg, const char *const *names, int n,
                      const char *cmd);

/**
 * Prints one finished section t called name in format: under a "== name =="
 * heading in a table, as the member name of one JSON object, after a "# name"
 * line in CSV when every section is printed (all). *first is 1 before the
 * first section and 0 after; the caller closes the JSON object.
 */
void cli_section_write(const cli_table *t, const char *name, int format, int all, int *first);

/** The same warning from the counts (a batch row has no graph). Returns 1 when it warned. */
int cli_warn_response_rate(const char *place, const char *wave, size_t answered, size_t missing,
                           enum ripple_policy policy, double min);

/**
 * For a place read from a mind map: lists on stderr, as one warning, the
 * ripples coded with no capital (up to five by name), so a workshop's map
 * that was only partly coded is not taken for a finished one.
 */
void cli_warn_uncoded(const ripple_place *p);

/**
 * Prints the place's warnings (ripple_place.warnings: ids that differ only in
 * case, a place with no ties and no waves.csv) on stderr, each as
 * `ripple: warning: file:line: message`.
 */
void cli_warn_place(const ripple_place *p);

/** The warning for both waves of every row of a batch (batch, a summary report). */
void cli_warn_batch(const ripple_batch *b, double min);

/**
 * The warning of cli_warn_responses for each named wave of m (NULL names
 * skipped), from the model's responses, naming opts' policy: for commands
 * that measure inside the engine (report, draw, export) and so have no graph
 * of their own. A wave m lacks is left to the engine's own message.
 */
void cli_warn_waves(const ripple_model *m, const char *const *waves, size_t n,
                    const ripple_graph_options *opts, double min);

/**
 * Warns on stderr when wave from comes after wave to in m's order (waves.csv,
 * else first appearance): the change is then read backwards, new ties being
 * the ones that were lost. Either NULL, or a wave m lacks: no warning.
 */
void cli_warn_wave_order(const ripple_model *m, const char *from, const char *to);

/* ---- files of one place: map, draw, export ---- */

/**
 * The options every command that writes a file of one place shares: -o FILE,
 * -f F and -d. The first member of such a command's options struct.
 */
typedef struct cli_file_options {
	const char *output, *format;
	int directed;
	int level;              /* --level (draw, export): enum ripple_level */
	const char *source;     /* the SOURCE given (set by cli_picture): a render that writes
	                           its own files (map --split) keeps them apart from it */
} cli_file_options;

/**
 * The model *m at level (--level): unchanged for the actor level; rolled up
 * (ripple_model_rollup) for the organisation level, *m then replaced by the
 * rolled-up model (the old one freed). Returns 0, or an exit status after a
 * message (*m unchanged).
 */
int cli_model_level(ripple_model **m, int level);

/* ---- pictures ---- */

/**
 * The picture format: --format NAME when given, else the extension of path.
 * Returns a ripple_image_format, or minus the exit status after a usage message.
 */
int cli_image_format(const char *cmd, const char *path, const char *name);

/**
 * Draws one picture of a place into *data (an engine ripple_*_render behind
 * it). A drawing on the place's network layout leaves it in *layout (zeroed
 * on entry), so that a computed one can be stored. One that wrote its own
 * files (map --split) leaves *data NULL: nothing more is written.
 */
typedef int (*cli_picture_fn)(char **data, size_t *len, const ripple_model *m, const void *opts,
                              enum ripple_image_format fmt, ripple_layout *layout,
                              ripple_error *err);

/** A command that draws one picture of a place (map, draw). */
typedef struct cli_picture_command {
	const char *name;              /* "map" */
	const cli_opt_spec *options;   /* rows into a struct whose first member is a
	                                  cli_file_options */
	int flags;                     /* RIPPLE_SOURCE_WRITE: store a layout the drawing
	                                  computed (the source is opened for writing) */
	int (*check)(const void *opts); /* checks of the parsed engine options: 0, or an
	                                   exit status after a message; or NULL */
	cli_picture_fn render;
	size_t share;                  /* offsetof the cli_share_options in the options
	                                  struct (--pseudonymise: the model is pseudonymised
	                                  once read, before anything is drawn), 0: none */
} cli_picture_command;

/**
 * Runs picture command c: parses argv by its options into o (whose first
 * member is a cli_file_options; opts are the engine's options inside it),
 * checks them, the SOURCE [PLACE] operands, -o and the format, opens the
 * place, draws it and writes the file; then, when c's flags say so, stores a
 * layout the drawing computed. Returns the exit status.
 */
int cli_picture(const cli_picture_command *c, int argc, char **argv, void *o, const void *opts);

/**
 * 0 when writing output cannot replace an input: the SOURCE, a file of a
 * SOURCE folder, or the --secret-file of share (may be NULL); else exit status
 * 2 after "ripple: OUTPUT: is the input SOURCE: ..." (ripple_file_apart).
 * "-" and NULL outputs are stdout: 0. Every command that writes -o asks before
 * it writes, and before it does the work.
 */
int cli_output_apart(const char *output, const char *source, const cli_share_options *share);

/**
 * Writes data to path ("-": stdout) whole or not at all (ripple_file_write).
 * Returns 0 or an exit status after a message.
 */
int cli_write_output(const char *path, const char *data, size_t len);

/**
 * Writes n files (no "-"), each whole or untouched, none renamed into place
 * before all are written (ripple_file_write_many). Returns 0 or an exit
 * status after a message.
 */
int cli_write_outputs(const char *const *paths, const char *const *data, const size_t *len,
                      size_t n);

/* ---- sector mixing (cli/mixing.c; docs/MEASURES.md, "Sector mixing") ---- */

/** The columns of metrics --mixing: place, wave, sector_a, sector_b, ties, share. */
#define CLI_MIXING_NCOLS 6
extern const cli_column cli_mixing_columns[CLI_MIXING_NCOLS];

/**
 * Adds wave g's mixing matrix mx to t (a table of cli_mixing_columns): one row
 * per unordered pair of sectors (sector_a <= sector_b) when undirected, per
 * ordered pair when directed, zeros included; "(none)" for no sector.
 * 0 or RIPPLE_ENOMEM.
 */
int cli_mixing_add(cli_table *t, const ripple_graph *g, const ripple_mixing *mx,
                   enum cli_format fmt);

/** The columns of compare's mixing section: place, sector_a, sector_b, from, to, change,
 * share_from, share_to, share_change. */
#define CLI_MIXING_CHANGE_NCOLS 9
extern const cli_column cli_mixing_change_columns[CLI_MIXING_CHANGE_NCOLS];

/** Adds the change of every cell from m1 to m2 (two waves of place) to t, cells as
 * cli_mixing_add. 0 or RIPPLE_ENOMEM. */
int cli_mixing_change_add(cli_table *t, const char *place, const ripple_mixing *m1,
                          const ripple_mixing *m2, enum cli_format fmt);

#endif
