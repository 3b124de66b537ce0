/*
 * ripple.h - the one header the command line (and any other program) includes.
 *
 * ripple turns place folders of CSV files (actors, ties, waves, ripples) into an
 * embedded SQLite store and from there into igraph graphs, measures and pictures.
 *
 * Conventions (see STYLE.md):
 *   - a fallible function returns int: 0 (RIPPLE_OK) or a negative RIPPLE_E* code,
 *     and takes the error (or the list of diagnostics) last;
 *   - output parameters come first; what comes back through **out is the caller's,
 *     released with the matching _free (which accepts NULL);
 *   - the engine never prints and never exits.
 */
#ifndef RIPPLE_H
#define RIPPLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define RIPPLE_VERSION "0.1.0"

/** Version of the database schema this build writes (PRAGMA user_version). */
#define RIPPLE_SCHEMA_VERSION 3

/* ------------------------------------------------------------------------ */
/* Errors                                                                     */
/* ------------------------------------------------------------------------ */

enum {
	RIPPLE_OK = 0,
	RIPPLE_ERUNTIME = -1, /* I/O, database or library failure: exit status 1 */
	RIPPLE_EINPUT = -2,   /* bad input data: exit status 2 */
	RIPPLE_EUSAGE = -3,   /* bad command line: exit status 2 */
	RIPPLE_ENOMEM = -4,   /* out of memory: exit status 1 */
	RIPPLE_ENOTFOUND = -5 /* a named place, wave or file does not exist: exit status 2 */
};

/** One problem, with where it is. Fields that are unknown are empty / 0. */
typedef struct ripple_error {
	int code;           /* RIPPLE_E* */
	char file[512];     /* input file the problem is in, or "" */
	long line;          /* 1-based line in file, or 0 */
	long column;        /* 1-based column (bytes) in line, or 0 */
	char message[1024]; /* short, lower-case, no trailing period */
} ripple_error;

/** Sets every field of err (which may be NULL, then nothing happens); returns code. */
int ripple_error_set(ripple_error *err, int code, const char *file, long line,
                     long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/** Writes "file:line:column: message" (parts that are unknown are left out). */
void ripple_error_format(const ripple_error *err, char *buf, size_t size);

/** Exit status for a RIPPLE_E* code: 0, 1 or 2. */
int ripple_exit_status(int code);

/**
 * A list of problems found while checking input. It keeps at most `limit`
 * problems (0: RIPPLE_DIAGS_LIMIT) and counts the rest in `dropped`.
 */
#define RIPPLE_DIAGS_LIMIT 200

typedef struct ripple_diags {
	ripple_error *items; /* owned */
	size_t count;        /* problems kept */
	size_t cap;          /* allocated items */
	size_t limit;        /* most problems kept; 0 means RIPPLE_DIAGS_LIMIT */
	size_t dropped;      /* problems found beyond the limit */
} ripple_diags;

#define RIPPLE_DIAGS_INIT {NULL, 0, 0, 0, 0}

void ripple_diags_release(ripple_diags *d);

/** Adds a problem; returns its code. Out of memory is counted as dropped. */
int ripple_diags_add(ripple_diags *d, int code, const char *file, long line,
                     long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/** Adds a copy of err. */
void ripple_diags_add_error(ripple_diags *d, const ripple_error *err);

/** Problems found, kept or not. */
size_t ripple_diags_total(const ripple_diags *d);

/** Orders problems by file then line then column (stable), for reading. */
void ripple_diags_sort(ripple_diags *d);

/* ------------------------------------------------------------------------ */
/* CSV (RFC 4180, UTF-8)                                                      */
/* ------------------------------------------------------------------------ */

/** Largest field accepted, in bytes. */
#define RIPPLE_CSV_MAX_FIELD (1024 * 1024)
/** Most fields in one row (header included): a spreadsheet's column limit (XFD). */
#define RIPPLE_CSV_MAX_FIELDS 16384
/** Largest file accepted, in bytes. */
#define RIPPLE_CSV_MAX_FILE ((size_t)1 << 30)

/**
 * A parsed CSV file. Header names are trimmed and lower-cased; every row has
 * exactly ncols fields (rows with another count are reported and left out);
 * blank lines are skipped. Field strings are NUL-terminated and owned by the table.
 */
typedef struct ripple_csv {
	char *path;     /* as given to the reader, owned */
	size_t ncols;   /* fields in the header */
	long header_line; /* line the header is on (1 unless blank lines come first) */
	char **header;  /* ncols column names */
	size_t nrows;   /* data rows kept */
	char **cells;   /* nrows * ncols fields, row-major */
	long *lines;    /* nrows: line on which each row starts */
	char *buf;      /* the text the fields point into, owned */
} ripple_csv;

/**
 * Parses len bytes of data (copied) named path into *out. Problems (invalid
 * UTF-8, NUL bytes, unclosed or stray quotes, wrong field counts, an empty or
 * duplicate header) are added to diags with their line and column.
 * Returns RIPPLE_OK, or RIPPLE_EINPUT when any problem was found (then *out is
 * NULL), or RIPPLE_ENOMEM.
 */
int ripple_csv_parse(ripple_csv **out, const char *path, const char *data,
                     size_t len, ripple_diags *diags);

/** Reads and parses the file at path; as ripple_csv_parse, plus I/O problems. */
int ripple_csv_read(ripple_csv **out, const char *path, ripple_diags *diags);

void ripple_csv_free(ripple_csv *csv);

/** Index of the column called name, or -1. */
long ripple_csv_column(const ripple_csv *csv, const char *name);

/**
 * Writes s as one RFC 4180 field: as it is, or in double quotes (doubled
 * inside) when it holds a comma, a quote, a line break, or starts or ends with
 * a space. NULL writes nothing (an empty field). Every CSV ripple writes goes
 * through here.
 */
void ripple_csv_write_field(FILE *out, const char *s);

/**
 * A measure as every output writes it: "" for NAN or infinity (null), "0"
 * when |v| < 1e-12 (rounding noise, and no "-0"), integers without decimals,
 * other numbers with 6 decimals when fixed (tables, below 1e9) and 12
 * significant digits otherwise (CSV, JSON, GEXF, HTML data). Returns buf.
 */
const char *ripple_number_text(char *buf, size_t size, double v, int integer, int fixed);

/** The field at row, col (borrowed). */
static inline const char *ripple_csv_cell(const ripple_csv *csv, size_t row, size_t col)
{
	return csv->cells[row * csv->ncols + col];
}

/* ------------------------------------------------------------------------ */
/* Places: a place folder read and checked in memory                          */
/* ------------------------------------------------------------------------ */

enum ripple_kind { RIPPLE_ORGANISATION, RIPPLE_TEAM, RIPPLE_PERSON };

/** The seven community capitals, as bits of ripple_ripple.capitals. */
enum ripple_capital {
	RIPPLE_NATURAL = 1 << 0,
	RIPPLE_CULTURAL = 1 << 1,
	RIPPLE_HUMAN = 1 << 2,
	RIPPLE_SOCIAL = 1 << 3,
	RIPPLE_POLITICAL = 1 << 4,
	RIPPLE_FINANCIAL = 1 << 5,
	RIPPLE_BUILT = 1 << 6
};
#define RIPPLE_NCAPITALS 7

/** Name of capital number i (0..6), e.g. "social". */
const char *ripple_capital_name(int i);
/** Name of a kind, e.g. "team". */
const char *ripple_kind_name(enum ripple_kind kind);

#define RIPPLE_NONE SIZE_MAX /* no index: no parent, not found */

typedef struct ripple_actor {
	const char *id;       /* unique in the place */
	const char *label;    /* defaults to id */
	enum ripple_kind kind;
	size_t parent;        /* index of the containing actor, or RIPPLE_NONE */
	const char *sector;   /* "" when not given */
	const char *town;     /* "" when not given */
	int attended;         /* 1 yes, 0 no, -1 not given */
	size_t row;           /* row in actors.csv (for extra attributes) */
} ripple_actor;

typedef struct ripple_wave {
	const char *name;
	long ordinal;         /* order of the wave; 1, 2, ... when not given */
	const char *date;     /* "" when not given */
} ripple_wave;

typedef struct ripple_tie {
	size_t source, target; /* actor indices */
	size_t wave;           /* wave index */
	const char *type;      /* "" when not given */
	double weight;         /* positive and finite, default 1 */
	size_t row;            /* row in ties.csv (for extra attributes) */
} ripple_tie;

typedef struct ripple_ripple {
	const char *id;
	size_t parent;         /* index of the parent ripple, RIPPLE_NONE for first order */
	const char *label;
	unsigned capitals;     /* RIPPLE_NATURAL | ... ; 0 when not coded */
	int valence;           /* +1 positive, -1 negative */
	int intended;          /* 1 yes, 0 no, -1 unknown */
	const char *date;      /* "" when not given */
	size_t *actors;        /* indices of the actors it names, owned */
	size_t nactors;
} ripple_ripple;

/** A place folder, read and checked. Strings point into the CSV tables it owns. */
typedef struct ripple_place {
	char *folder;          /* folder read, owned */
	char *name;            /* owned */
	char *name_file;       /* file:line the name came from, for messages, owned */
	char *programme;       /* owned; "" when not given */
	int directed;          /* 0 or 1 */
	ripple_actor *actors;  size_t nactors;
	ripple_wave *waves;    size_t nwaves;   /* in wave order */
	ripple_tie *ties;      size_t nties;
	ripple_ripple *ripples; size_t nripples;
	size_t *actor_extra;   size_t nactor_extra; /* extra columns of actors.csv */
	size_t *tie_extra;     size_t ntie_extra;   /* extra columns of ties.csv */
	ripple_csv *actors_csv, *ties_csv, *ripples_csv, *waves_csv, *place_csv;
} ripple_place;

/**
 * What a folder holds (docs/IMPORT.md): a ripple place folder, or the CSV
 * export of another tool, read into the same model.
 */
enum ripple_from {
	RIPPLE_FROM_PLACE,     /* actors.csv, ties.csv, ... (schemas/FORMAT.md) */
	RIPPLE_FROM_KUMU,      /* Kumu's Elements and Connections sheets as CSV */
	RIPPLE_FROM_RIPPLEFX   /* RippleFX's nodes and relationships as CSV */
};

/** "ripple" (also "place"), "kumu" or "ripplefx", any case; -1 for anything else. */
int ripple_from_parse(const char *name);

/** How to read a place folder. Start from RIPPLE_LOAD_OPTIONS_INIT. */
typedef struct ripple_load_options {
	const char *name;      /* overrides place.csv and the folder name, or NULL */
	int directed;          /* 1: directed whatever place.csv says; 0: as place.csv */
	enum ripple_from from; /* what the folder holds; RIPPLE_FROM_PLACE by default */
} ripple_load_options;

#define RIPPLE_LOAD_OPTIONS_INIT {NULL, 0, RIPPLE_FROM_PLACE}

/**
 * Reads and checks the place folder (or, with opts->from, another tool's
 * export folder). Every problem found (up to the limit of diags) is added to
 * diags as file:line: message. Returns RIPPLE_OK and the place in *out, or
 * RIPPLE_EINPUT (any problem; *out is NULL) or RIPPLE_ENOMEM.
 */
int ripple_place_load(ripple_place **out, const char *folder,
                      const ripple_load_options *opts, ripple_diags *diags);

void ripple_place_free(ripple_place *place);

/**
 * Reads every place the paths stand for (each a place folder or a folder of
 * place folders, as ripple_place_folders), and checks that they can be
 * imported together: distinct names, and opts->name naming at most one.
 * *out holds the places read without problems (*count of them; free with
 * ripple_places_free), even when others had some. Returns RIPPLE_OK when
 * nothing was wrong, else the worst RIPPLE_E* code; problems go to diags.
 */
int ripple_places_load(ripple_place ***out, size_t *count, char *const *paths, size_t npaths,
                       const ripple_load_options *opts, ripple_diags *diags);

void ripple_places_free(ripple_place **places, size_t count);

/**
 * Reports every place whose name another of the n places already has (they
 * cannot be imported together). Returns RIPPLE_OK or RIPPLE_EINPUT.
 */
int ripple_place_check_names(ripple_place *const *places, size_t n, ripple_diags *diags);

/**
 * Lists the place folders a path stands for: the folder itself when it holds
 * actors.csv, else every folder below it that does (up to four levels down,
 * not inside a place folder, hidden ones skipped), sorted by path.
 * *out is a NULL-terminated array of owned strings; free it with ripple_strv_free.
 */
int ripple_place_folders(char ***out, size_t *count, const char *path, ripple_error *err);

/**
 * As ripple_place_folders, for folders in format `from`: the folder itself
 * when it holds that format's first file (actors.csv, Kumu's elements.csv,
 * RippleFX's nodes.csv), else every folder below it that does.
 */
int ripple_input_folders(char ***out, size_t *count, const char *path, enum ripple_from from,
                         ripple_error *err);

void ripple_strv_free(char **strv);

/** 1 when path is a directory, 0 otherwise. */
int ripple_is_dir(const char *path);

/** 1 when path names an existing file system entry. */
int ripple_exists(const char *path);

/**
 * 1 when the last component of path exists, even as a link that leads nowhere
 * (lstat): a broken or looping link is then reported when read, not taken for
 * a missing file.
 */
int ripple_entry_exists(const char *path);

/* ------------------------------------------------------------------------ */
/* Store: the SQLite database                                                 */
/* ------------------------------------------------------------------------ */

typedef struct ripple_store ripple_store;

enum {
	RIPPLE_STORE_READ = 0,       /* open an existing database for reading */
	RIPPLE_STORE_WRITE = 1 << 0, /* open an existing database for writing */
	RIPPLE_STORE_CREATE = 1 << 1 /* create (and initialise) it when missing */
};

/**
 * Opens the ripple database at path (":memory:" for an in-memory one) with
 * foreign keys on and a busy timeout. A database written by a newer ripple, or
 * a file that is not a ripple database, is refused with a clear message.
 */
int ripple_store_open(ripple_store **out, const char *path, int flags, ripple_error *err);

void ripple_store_close(ripple_store *store);

/** The underlying connection (borrowed), for read-only queries. */
struct sqlite3 *ripple_store_db(ripple_store *store);

/** Creates the schema in an empty database. No-op when it is already there. */
int ripple_store_init(ripple_store *store, ripple_error *err);

/**
 * Writes the places in one transaction: all of them or none. A place whose
 * name is already in the store is refused (RIPPLE_EINPUT) unless replace is
 * set, in which case the old one is deleted first. Problems go to diags.
 */
int ripple_store_import(ripple_store *store, ripple_place *const *places, size_t n,
                        int replace, ripple_diags *diags);

/** A place as listed by ripple_store_places. */
typedef struct ripple_place_info {
	int64_t id;
	char *name;
	char *programme;
	int directed;
	long actors, ripples;
	size_t nwaves;
	char **wave_names;     /* in wave order */
	char **wave_dates;     /* "" when not given */
	long *wave_ties;       /* ties observed at each wave */
	long *wave_active;     /* actors with at least one tie at each wave */
} ripple_place_info;

/** All places, sorted by name. */
int ripple_store_places(ripple_place_info **out, size_t *count, ripple_store *store,
                        ripple_error *err);

void ripple_place_info_free(ripple_place_info *infos, size_t count);

/**
 * Ids and names of all places, sorted by name: what ripple_store_places gives
 * without counting ties and actors (which reads every tie). *names is a
 * NULL-terminated vector (ripple_strv_free); *ids is freed with free().
 */
int ripple_store_list(int64_t **ids, char ***names, size_t *count, ripple_store *store,
                      ripple_error *err);

/**
 * Finds the place called name; with name NULL, the only place in the store
 * (an error naming the places when there are several).
 */
int ripple_store_find_place(int64_t *place_id, ripple_store *store, const char *name,
                            ripple_error *err);

/** How ripple_source_open reads a SOURCE. */
enum {
	RIPPLE_SOURCE_DIRECTED = 1 << 0, /* place folders are read as directed */
	RIPPLE_SOURCE_WRITE = 1 << 1     /* a database file is opened for writing (falls
	                                    back to reading when the file is read-only) */
};

/**
 * Opens a SOURCE: a database file (must exist), or a place folder / folder of
 * place folders, loaded into an in-memory database. flags: RIPPLE_SOURCE_*.
 * Problems go to diags.
 */
int ripple_source_open(ripple_store **out, const char *source, int flags,
                       ripple_diags *diags);

/* ------------------------------------------------------------------------ */
/* Other tools' formats (docs/IMPORT.md)                                      */
/* ------------------------------------------------------------------------ */

/**
 * A place written as a Kumu spreadsheet: the Elements sheet (one row per
 * actor: ID, Label, Type, Kind, Sector, Town, Attended, Parent and each
 * actor attribute) and the Connections sheet (one row per tie at each wave:
 * From, To, Type, Direction, Wave, Weight and each tie attribute), as CSV in
 * two malloc'd buffers. `ripple import --from kumu` of the two files gives
 * back the same actors, attributes, ties, waves and weights (docs/IMPORT.md
 * names what Kumu has no room for: ripples, wave dates, waves without ties).
 * RIPPLE_EINPUT when the place cannot be written faithfully (no actors; an id
 * or wave with '|' in it, which Kumu reads as a list; an attribute named like
 * a column Kumu reads, e.g. a tie attribute "direction"). Costs one pass over
 * the place's actors, ties and attributes.
 */
int ripple_kumu_write(char **elements, size_t *elements_len, char **connections,
                      size_t *connections_len, ripple_store *store, int64_t place_id,
                      ripple_error *err);

/**
 * ripple_kumu_write into folder/elements.csv and folder/connections.csv (the
 * folder is made when missing). Each file is written to a temporary name and
 * renamed, so neither is ever left half written.
 */
int ripple_kumu_export(ripple_store *store, int64_t place_id, const char *folder,
                       ripple_error *err);

/**
 * The ripples of a place as RippleFX reads them (docs/IMPORT.md): nodes.csv
 * (the programme, then each ripple with its date as dd/MM/yyyy and its
 * capitals, valence, intended and organisations as attribute pairs) and
 * relationships.csv (parent -> child). A ripple dated only by month or year
 * is RIPPLE_EINPUT, as is a place without ripples. Buffers malloc'd.
 */
int ripple_ripplefx_write(char **nodes, size_t *nodes_len, char **relationships,
                          size_t *relationships_len, ripple_store *store, int64_t place_id,
                          ripple_error *err);

/** ripple_ripplefx_write into folder/nodes.csv and folder/relationships.csv, each whole. */
int ripple_ripplefx_export(ripple_store *store, int64_t place_id, const char *folder,
                           ripple_error *err);

/**
 * A RippleFX date, dd/MM/yyyy (day and month of one or two digits), as ISO
 * yyyy-mm-dd in iso (11 bytes). Returns 1, or 0 when the text is not of that
 * shape and -1 when it is but the day does not exist (31/02/2024).
 */
int ripple_date_from_dmy(char iso[11], const char *dmy);

/* ------------------------------------------------------------------------ */
/* Graphs: one wave of a place as an igraph graph                             */
/* ------------------------------------------------------------------------ */

struct igraph_s;

/**
 * One wave of a place. Vertex i is actor i of the place, in actors.csv order;
 * every actor of the place is a vertex, with or without ties at this wave
 * (isolates). Ties of different types between the same two actors are one
 * edge, whose weight is the sum of their weights (one edge per ordered pair
 * when directed).
 */
typedef struct ripple_graph {
	struct igraph_s *graph;  /* owned */
	double *weights;         /* per edge, in igraph edge order, owned */
	size_t nedges;
	struct igraph_s *undirected; /* the same ties, direction dropped (pairs collapsed,
	                                weights summed); == graph when undirected */
	double *uweights;        /* per edge of undirected; == weights when undirected */
	size_t nuedges;
	int64_t *actor_keys;     /* per vertex: actor_id in the store, owned */
	size_t n;                /* vertices = actors of the place */
	int directed;
	char **ids;              /* per vertex: actor id, owned */
	char **labels;           /* per vertex: label */
	char **sectors;          /* per vertex: sector, "" when not given */
	char **towns;            /* per vertex: town, "" when not given */
	long *parents;           /* per vertex: vertex of the containing actor, or -1 */
	int *attended;           /* per vertex: 1, 0 or -1 */
	char *place;             /* owned */
	char *wave;              /* owned */
	int64_t place_id;        /* in the store */
	int64_t wave_id;         /* in the store */
} ripple_graph;

/** Loads wave `wave` of place `place_id` into *out (the caller's, released with _release). */
int ripple_graph_load(ripple_graph *out, ripple_store *store, int64_t place_id,
                      const char *wave, ripple_error *err);

void ripple_graph_release(ripple_graph *g);

/** The vertex of the actor whose store id is key, or -1. O(log n). */
long ripple_vertex_of_key(const ripple_graph *g, int64_t key);

/** Installs ripple's igraph error handler (igraph's default aborts). Idempotent. */
void ripple_igraph_setup(void);

/* ------------------------------------------------------------------------ */
/* Measures (docs/MEASURES.md defines each one)                              */
/* ------------------------------------------------------------------------ */

/** Network measures of one wave, in output order. */
enum ripple_net_measure {
	RIPPLE_NET_ACTORS, RIPPLE_NET_TIES, RIPPLE_NET_DENSITY, RIPPLE_NET_MEAN_DEGREE,
	RIPPLE_NET_COMPONENTS, RIPPLE_NET_LARGEST_COMPONENT_SHARE, RIPPLE_NET_ISOLATES,
	RIPPLE_NET_DIAMETER, RIPPLE_NET_MEAN_DISTANCE, RIPPLE_NET_TRANSITIVITY,
	RIPPLE_NET_DEGREE_CENTRALIZATION, RIPPLE_NET_BETWEENNESS_CENTRALIZATION,
	RIPPLE_NET_RECIPROCITY, RIPPLE_NET_EI_INDEX, RIPPLE_NET_ASSORTATIVITY,
	RIPPLE_NET_COMMUNITIES, RIPPLE_NET_MODULARITY, RIPPLE_NET_MEAN_TRUST,
	RIPPLE_NET_MEAN_VALUE,
	RIPPLE_NET_COUNT
};

/** Actor measures of one wave, in output order. */
enum ripple_node_measure {
	RIPPLE_NODE_DEGREE, RIPPLE_NODE_IN_DEGREE, RIPPLE_NODE_OUT_DEGREE, RIPPLE_NODE_STRENGTH,
	RIPPLE_NODE_BETWEENNESS, RIPPLE_NODE_HARMONIC_CLOSENESS, RIPPLE_NODE_EIGENVECTOR,
	RIPPLE_NODE_PAGERANK, RIPPLE_NODE_CORENESS, RIPPLE_NODE_CLUSTERING,
	RIPPLE_NODE_CONSTRAINT, RIPPLE_NODE_EFFECTIVE_SIZE, RIPPLE_NODE_EI_INDEX,
	RIPPLE_NODE_REACH_2, RIPPLE_NODE_COORDINATOR, RIPPLE_NODE_GATEKEEPER,
	RIPPLE_NODE_REPRESENTATIVE, RIPPLE_NODE_CONSULTANT, RIPPLE_NODE_LIAISON,
	RIPPLE_NODE_TRUST_IN, RIPPLE_NODE_VALUE_IN, RIPPLE_NODE_COMMUNITY,
	RIPPLE_NODE_COUNT
};

/** When a measure is reported. */
enum ripple_measure_scope {
	RIPPLE_SCOPE_ALWAYS,      /* every place */
	RIPPLE_SCOPE_DIRECTED,    /* directed places only */
	RIPPLE_SCOPE_TRUST,       /* ties carry a trust column */
	RIPPLE_SCOPE_VALUE        /* ties carry a value column */
};

typedef struct ripple_measure_info {
	const char *name;         /* stable snake_case output name */
	int integer;              /* 1: a count, printed without decimals */
	enum ripple_measure_scope scope;
} ripple_measure_info;

const ripple_measure_info *ripple_net_measure_info(enum ripple_net_measure m);

/** 1 when a measure of this scope is reported for a place with these properties. */
int ripple_measure_applies(enum ripple_measure_scope scope, int directed, int has_trust,
                           int has_value);
const ripple_measure_info *ripple_node_measure_info(enum ripple_node_measure m);

/**
 * Waves of at least this many actors compute their all-pairs measures in
 * blocks of sources, which ripple_paths_options.jobs spreads over processes.
 */
#define RIPPLE_SPLIT_MIN 1000

/**
 * How the all-pairs measures (betweenness and its centralization, harmonic
 * closeness, diameter, mean distance) are computed: they cost O(n m), more
 * than every other measure together. Start from RIPPLE_PATHS_OPTIONS_INIT.
 */
typedef struct ripple_paths_options {
	long sample;              /* -1: from every actor (exact); N > 0: estimated from N
	                             actors drawn with the seed; 0: left out (null) */
	int jobs;                 /* processes for a wave of split_min actors or more
	                             (igraph is not thread-safe); 1: this one */
	size_t split_min;         /* 0: RIPPLE_SPLIT_MIN (tests lower it) */
	void (*progress)(void *ctx, size_t done, size_t total); /* after each block of
	                             sources of a split wave, or NULL */
	void *progress_ctx;
} ripple_paths_options;

#define RIPPLE_PATHS_OPTIONS_INIT {-1, 1, 0, NULL, NULL}

/** How to compute. Start from RIPPLE_METRICS_OPTIONS_INIT. */
typedef struct ripple_metrics_options {
	int weighted;             /* weights in betweenness, closeness (as 1/w), eigenvector,
	                             PageRank, constraint and communities */
	unsigned long seed;       /* seed of the community search (and of a path sample) */
	ripple_paths_options paths; /* the all-pairs measures */
} ripple_metrics_options;

#define RIPPLE_METRICS_OPTIONS_INIT {0, 42, RIPPLE_PATHS_OPTIONS_INIT}

/**
 * The measures of one wave. Values are NAN where a measure is undefined
 * (too few actors, no ties, a measure of directed places on an undirected one).
 */
typedef struct ripple_metrics {
	double net[RIPPLE_NET_COUNT];
	size_t n;                 /* actors */
	double *node;             /* n * RIPPLE_NODE_COUNT, row-major, owned */
	int has_trust, has_value; /* ties at this place carry these columns */
} ripple_metrics;

/**
 * Computes every measure of the loaded wave g (store: for tie attributes).
 * Costs O(n m) for betweenness and closeness; the rest is near-linear.
 */
int ripple_metrics_compute(ripple_metrics *out, const ripple_graph *g, ripple_store *store,
                           const ripple_metrics_options *opts, ripple_error *err);

/**
 * Computes the measures of n loaded waves of one place into out[0..n-1], as
 * ripple_metrics_compute on each, with the same numbers. When opts->paths.jobs
 * > 1, the all-pairs measures are sampled or left out (opts->paths.sample >= 0;
 * otherwise their blocks use the jobs) and a wave has split_min actors or
 * more, the waves are spread over that
 * many worker processes (each with its share of the jobs for its all-pairs
 * blocks, and the progress bar following the first wave); the tie attributes
 * are then read from the store in this process.
 */
int ripple_metrics_compute_waves(ripple_metrics *out, const ripple_graph *const *gs, size_t n,
                                 ripple_store *store, const ripple_metrics_options *opts,
                                 ripple_error *err);

void ripple_metrics_release(ripple_metrics *m);

static inline double ripple_metrics_node(const ripple_metrics *m, size_t v,
                                         enum ripple_node_measure k)
{
	return m->node[v * RIPPLE_NODE_COUNT + k];
}

/** Names of the waves of a place in order (NULL-terminated; free with ripple_strv_free). */
int ripple_store_waves(char ***out, size_t *count, ripple_store *store, int64_t place_id,
                       ripple_error *err);

/* ------------------------------------------------------------------------ */
/* Change between two waves (docs/MEASURES.md, "Change")                      */
/* ------------------------------------------------------------------------ */

enum ripple_tie_status { RIPPLE_TIE_NEW, RIPPLE_TIE_LOST, RIPPLE_TIE_KEPT };

/** A tie present at W1 or W2 (ties of several types between two actors are one). */
typedef struct ripple_tie_change {
	size_t a, b;               /* vertices: a < b when undirected, source and target when directed */
	enum ripple_tie_status status;
	double w1, w2;             /* summed weight at W1 and at W2, 0 when absent */
	int cross_sector;          /* 1 sectors differ, 0 same, -1 a sector is not given */
	int cross_organisation;    /* 1 different top-level organisations, 0 same */
	int cross_town;            /* 1 towns differ, 0 same, -1 a town is not given */
	int distance1;             /* steps between a and b at W1, undirected: 1, 2, 3 (3 or more), -1 none */
	int bridging;              /* new ties: 1 when distance1 is 3 or -1; 0 otherwise */
} ripple_tie_change;

/** A ripple that names two or more actors, and how they are joined at W2. */
typedef struct ripple_ripple_link {
	char *id, *label;          /* owned */
	char *actors;              /* the ids it names, "a;b;c", owned */
	long pairs, pairs_new, pairs_kept, pairs_none;
	enum ripple_tie_status status; /* NEW if any pair is joined by a new tie, else KEPT if
	                                  any by a kept tie; pairs_none == pairs means none */
	int joined;                /* 0 when no pair is joined at W2 */
} ripple_ripple_link;

typedef struct ripple_compare_options {
	long permutations;         /* N of both permutation tests, default 1000 */
	unsigned long seed;        /* seed of both tests (and of the communities), default 42 */
	int weighted;              /* QAP on weights instead of presence; weighted measures */
	ripple_paths_options paths; /* the all-pairs measures of both waves */
} ripple_compare_options;

#define RIPPLE_COMPARE_OPTIONS_INIT {1000, 42, 0, RIPPLE_PATHS_OPTIONS_INIT}

typedef struct ripple_compare {
	ripple_graph g1, g2;       /* the two waves, owned */
	ripple_metrics m1, m2;     /* their measures, owned */
	ripple_tie_change *ties;   /* new, then lost, then kept; each by actor order, owned */
	size_t nties;
	long count[3];             /* by enum ripple_tie_status */
	long strengthened, weakened;            /* kept ties whose weight rose / fell */
	long new_cross_sector, new_cross_organisation, new_cross_town, new_bridging;
	double jaccard;            /* kept / (new + lost + kept); NAN when no ties at all */
	double hamming;            /* new + lost: cells of the adjacency matrix that differ */
	int *first_connected;      /* per vertex: tied at W2 and at no wave before W2 */
	int *joiner;               /* per vertex: no tie at W1, a tie at W2 */
	int *leaver;               /* per vertex: a tie at W1, none at W2 */
	long *new_ties;            /* per vertex: new ties it is part of */
	double qap_r;              /* correlation of the two adjacency matrices; NAN if undefined */
	double qap_p;              /* share of permutations with r >= observed, (1 + k) / (1 + N) */
	double attend_mean_yes, attend_mean_no; /* mean new ties of attendees / of the others */
	long attend_yes, attend_no;             /* actors in each group (attended not given: neither) */
	double attend_diff, attend_p;           /* difference of means; p = (1 + k) / (1 + N) */
	long permutations;
	unsigned long seed;
	int weighted;              /* QAP on weights, weighted measures */
	ripple_ripple_link *links; /* ripples naming two or more actors, in ripples.csv order */
	size_t nlinks;
} ripple_compare;

/**
 * Compares wave w1 with wave w2 of a place: measures of both, the tie ledger,
 * actors, the QAP and attendee permutation tests (seeded) and the ripples.
 * Costs the measures of both waves plus O(N * m) for the tests.
 */
int ripple_compare_run(ripple_compare *out, ripple_store *store, int64_t place_id,
                       const char *w1, const char *w2, const ripple_compare_options *opts,
                       ripple_error *err);

void ripple_compare_release(ripple_compare *c);

/**
 * The top gainers in actor measure m: up to max vertices with the largest
 * positive change W2 - W1, largest first (equal changes in actor order), in
 * out. Returns how many (actors whose change is 0, negative or null are never
 * listed). Costs O(max * n).
 */
size_t ripple_compare_gainers(size_t *out, size_t max, const ripple_compare *c,
                              enum ripple_node_measure m);

/**
 * QAP: Pearson correlation of the off-diagonal cells of two adjacency matrices
 * on the same n vertices (the upper triangle when undirected), and the share
 * of N joint row-and-column permutations of the second whose correlation is at
 * least the observed one, counted as (1 + k) / (1 + N). Cell values are the
 * given edge values (1 for presence). Permutations use the seeded generator
 * of ripple_rng_*; costs O(N * m2).
 */
int ripple_qap(double *r, double *p, size_t n, int directed,
               const size_t *e1, const double *v1, size_t m1,
               const size_t *e2, const double *v2, size_t m2,
               long permutations, unsigned long seed, ripple_error *err);

/* ------------------------------------------------------------------------ */
/* Batch: one comparison per place, across many places                        */
/* ------------------------------------------------------------------------ */

/** The change measures of a batch row, in output order (docs/MEASURES.md, "Batch"). */
enum ripple_batch_measure {
	RIPPLE_BATCH_TIES_NEW, RIPPLE_BATCH_TIES_LOST, RIPPLE_BATCH_TIES_KEPT,
	RIPPLE_BATCH_KEPT_STRENGTHENED, RIPPLE_BATCH_KEPT_WEAKENED,
	RIPPLE_BATCH_NEW_CROSS_SECTOR, RIPPLE_BATCH_NEW_CROSS_ORGANISATION,
	RIPPLE_BATCH_NEW_CROSS_TOWN, RIPPLE_BATCH_NEW_BRIDGING,
	RIPPLE_BATCH_JACCARD, RIPPLE_BATCH_HAMMING,
	RIPPLE_BATCH_FIRST_CONNECTED, RIPPLE_BATCH_JOINERS, RIPPLE_BATCH_LEAVERS,
	RIPPLE_BATCH_QAP_R, RIPPLE_BATCH_QAP_P,
	RIPPLE_BATCH_ATTENDEE_DIFFERENCE, RIPPLE_BATCH_ATTENDEE_P,
	RIPPLE_BATCH_ATTENDEES, RIPPLE_BATCH_NON_ATTENDEES,
	RIPPLE_BATCH_RIPPLES_LINKED, RIPPLE_BATCH_RIPPLES_ON_NEW_TIES,
	RIPPLE_BATCH_COUNT
};

const ripple_measure_info *ripple_batch_measure_info(enum ripple_batch_measure m);

/** The result of one place. */
typedef struct ripple_batch_row {
	char *place, *from, *to;             /* place name and the waves compared, owned */
	int64_t place_id;                    /* in the store */
	int directed;
	double net[2][RIPPLE_NET_COUNT];     /* network measures at from and at to; NAN when
	                                        undefined or not reported for this place */
	double change[RIPPLE_BATCH_COUNT];   /* by enum ripple_batch_measure; NAN when undefined */
} ripple_batch_row;

/** How to run a batch. Start from RIPPLE_BATCH_OPTIONS_INIT. */
typedef struct ripple_batch_options {
	const char *from, *to;               /* waves; NULL: each place's first and last */
	ripple_compare_options compare;      /* permutations, seed, weighted */
	int jobs;                            /* worker processes; 1: all in this process */
	const char *reopen;                  /* the database file workers open for themselves;
	                                        NULL: they use the (in-memory) store they inherit */
	void (*progress)(void *ctx, size_t done, size_t total); /* after each place, or NULL */
	void *progress_ctx;
} ripple_batch_options;

#define RIPPLE_BATCH_OPTIONS_INIT {NULL, NULL, RIPPLE_COMPARE_OPTIONS_INIT, 1, NULL, NULL, NULL}

typedef struct ripple_batch {
	ripple_batch_row *rows;              /* the places compared, in the order given, owned */
	size_t nrows;
	char **skipped;                      /* "PLACE: why" for each place left out, owned */
	size_t nskipped;
} ripple_batch;

/**
 * Compares two waves of each of the n places (names[i] names place_ids[i], for
 * the skipped list). A place without one of the waves is skipped, not an error.
 * With opts->jobs > 1 the places are spread over that many worker processes
 * (fork); the rows are the same, in the same order, whatever the number.
 * Costs one ripple_compare_run per place.
 */
int ripple_batch_run(ripple_batch *out, ripple_store *store, const int64_t *place_ids,
                     char *const *names, size_t n, const ripple_batch_options *opts,
                     ripple_error *err);

void ripple_batch_release(ripple_batch *b);

/** One change measure summarised across the places of a batch. */
typedef struct ripple_batch_stat {
	char measure[64];                    /* a batch measure, or NET_change */
	int integer;                         /* 1: a count */
	size_t n;                            /* places where it is defined */
	double mean, median, min, max;       /* NAN when n is 0 */
} ripple_batch_stat;

/** Every change measure and every network measure's change, summarised. *out malloc'd. */
int ripple_batch_summary(ripple_batch_stat **out, size_t *count, const ripple_batch *b);

/**
 * Stores a batch in the batch_run and batch_result tables (schemas/schema.sql),
 * in one transaction; *run_id (if not NULL) gets the new run's id.
 */
int ripple_batch_store(int64_t *run_id, ripple_store *store, const ripple_batch *b,
                       const ripple_batch_options *opts, ripple_error *err);

/* ------------------------------------------------------------------------ */
/* Export: a place's network for other tools (docs/EXPORT.md)                 */
/* ------------------------------------------------------------------------ */

/** Export formats. New ones go before RIPPLE_EXPORT_COUNT, with a row in export.c. */
enum ripple_export_format {
	RIPPLE_EXPORT_GRAPHML,    /* one wave, written by igraph */
	RIPPLE_EXPORT_GEXF,       /* every wave, as time slices (Gephi) */
	RIPPLE_EXPORT_DOT,        /* one wave, Graphviz */
	RIPPLE_EXPORT_CSV,        /* one wave: an edge list and a node table */
	RIPPLE_EXPORT_COUNT
};

/** "graphml", "gexf", "dot" (also "gv") or "csv", any case; -1 for anything else. */
int ripple_export_format_parse(const char *name);

/** The format the extension of a file name asks for (.graphml, .gexf, .dot, .gv, .csv), or -1. */
int ripple_export_format_of_path(const char *path);

/** The name of a format, e.g. "gexf". */
const char *ripple_export_format_name(enum ripple_export_format fmt);

/** 1 when a format holds every wave of the place (no wave is chosen), 0 when it holds one. */
int ripple_export_format_all_waves(enum ripple_export_format fmt);

/** What to export. Start from RIPPLE_EXPORT_OPTIONS_INIT. */
typedef struct ripple_export_options {
	enum ripple_export_format format;
	const char *wave;                 /* the wave of a one-wave format; NULL for the others */
	ripple_metrics_options metrics;   /* how the actor measures are computed */
} ripple_export_options;

#define RIPPLE_EXPORT_OPTIONS_INIT {RIPPLE_EXPORT_GRAPHML, NULL, RIPPLE_METRICS_OPTIONS_INIT}

/** One file of an export. */
typedef struct ripple_export_file {
	const char *role;         /* what it holds: "graph", "edges", "nodes" (static) */
	const char *suffix;       /* NULL: the file the user named; else what replaces the
	                             name's extension for this extra file, e.g. "-nodes.csv" */
	char *data;               /* owned */
	size_t len;
} ripple_export_file;

/** An export: one file, or several (CSV: the edges, then the nodes). */
typedef struct ripple_export {
	ripple_export_file *files; /* owned; files[0] is the one the user named */
	size_t nfiles;
} ripple_export;

/**
 * Exports a place in opts->format: every actor with its attributes (the
 * columns of actors.csv) and its measures (ripple_metrics_compute, as
 * `ripple metrics --nodes`), and one edge per pair tied at a wave (per ordered
 * pair when directed) with the types, summed weight, number and extra columns
 * of its ties. A one-wave format needs opts->wave (RIPPLE_EUSAGE without it,
 * RIPPLE_ENOTFOUND for a wave the place does not have); the others take no
 * wave (RIPPLE_EUSAGE). Costs the measures of each wave exported plus
 * O(ties log ties). The caller releases *out with ripple_export_release.
 */
int ripple_export_write(ripple_export *out, ripple_store *store, int64_t place_id,
                        const ripple_export_options *opts, ripple_error *err);

void ripple_export_release(ripple_export *e);

/* ------------------------------------------------------------------------ */
/* Pictures (Graphviz through cgraph and gvc)                                 */
/* ------------------------------------------------------------------------ */

enum ripple_image_format { RIPPLE_IMAGE_SVG, RIPPLE_IMAGE_PNG, RIPPLE_IMAGE_PDF, RIPPLE_IMAGE_DOT };

/** "svg", "png", "pdf" or "dot" (also "gv"), any case; -1 for anything else. */
int ripple_image_format_parse(const char *name);

/** The format the extension of a file name asks for, or -1. */
int ripple_image_format_of_path(const char *path);

/** How to draw a ripple map. Start from RIPPLE_MAP_OPTIONS_INIT. */
typedef struct ripple_map_options {
	int timeline;             /* 1: ripples left to right on a date spine; 0: radial */
	int wrap;                 /* characters per label line */
} ripple_map_options;

#define RIPPLE_MAP_OPTIONS_INIT {0, 22}

/**
 * Draws the ripple map of a place: the programme at the centre, ripples of
 * order k on ring k, coloured by community capital, with a legend. The
 * picture (SVG, PNG, PDF or laid-out DOT) comes back in *data (malloc'd,
 * *len bytes). A place without ripples is RIPPLE_EINPUT.
 */
int ripple_map_render(char **data, size_t *len, ripple_store *store, int64_t place_id,
                      const ripple_map_options *opts, enum ripple_image_format fmt,
                      ripple_error *err);

/** How to draw the network. Start from RIPPLE_DRAW_OPTIONS_INIT. */
typedef struct ripple_draw_options {
	const char *wave;         /* draw this wave; NULL: the change from `from` to `to` */
	const char *from, *to;    /* the waves of a change map */
	int size;                 /* enum ripple_node_measure giving actor size, -1: same size */
	int weighted;             /* weighted measures */
	unsigned long seed;       /* seed of the community search and the layout */
	int save_layout;          /* store a layout computed now, for the next drawing */
	int wrap;                 /* characters per label line */
} ripple_draw_options;

#define RIPPLE_DRAW_OPTIONS_INIT {NULL, NULL, NULL, RIPPLE_NODE_DEGREE, 0, 42, 1, 16}

/**
 * Draws one wave of a place, or the change between two waves: actors coloured
 * by sector and sized by a centrality, teams inside their organisation, at
 * the positions of the place's layout (ripple_layout_get), with a legend.
 * Output as ripple_map_render.
 */
int ripple_draw_render(char **data, size_t *len, ripple_store *store, int64_t place_id,
                       const ripple_draw_options *opts, enum ripple_image_format fmt,
                       ripple_error *err);

/** Actor positions shared by every drawing of a place. */
typedef struct ripple_layout {
	size_t n;                 /* actors of the place, in actor order */
	int64_t *actor_keys;      /* per actor: actor_id in the store, owned */
	double *x, *y;            /* per actor: centre of its circle, points, y up; owned */
	int from_store;           /* 1: read from the store; 0: computed by this call */
	int saved;                /* 1: computed and written to the store */
} ripple_layout;

/**
 * The layout of a place: read from the store when there is one of the current
 * method, else computed with Graphviz's neato over the union of the ties of
 * every wave, level by level (each organisation's teams laid out inside it,
 * then the organisations as boxes; room left for each label; seeded) and,
 * when save is set and the store is writable, stored.
 */
int ripple_layout_get(ripple_layout *out, ripple_store *store, int64_t place_id,
                      unsigned long seed, int save, ripple_error *err);

void ripple_layout_release(ripple_layout *layout);

/**
 * Releases what drawing keeps for the life of the process (Graphviz's
 * context). Call once, at the end: no picture may be drawn after it.
 */
void ripple_pictures_release(void);

/* ------------------------------------------------------------------------ */
/* Reports: one self-contained HTML file (docs/REPORTS.md)                    */
/* ------------------------------------------------------------------------ */

/** What a report compares and how. Start from RIPPLE_REPORT_OPTIONS_INIT. */
typedef struct ripple_report_options {
	const char *from, *to;               /* waves; NULL: each place's first and last */
	ripple_compare_options compare;      /* permutations, seed, weighted */
	int jobs;                            /* summary: worker processes (ripple_batch_run) */
	const char *reopen;                  /* summary: database file workers open, or NULL */
	int save_layout;                     /* store the network layout if it is computed now
	                                        (only when the store is writable) */
} ripple_report_options;

#define RIPPLE_REPORT_OPTIONS_INIT {NULL, NULL, RIPPLE_COMPARE_OPTIONS_INIT, 1, NULL, 0}

/**
 * The report of one place, W1 -> W2, as one HTML page in *html (malloc'd, *len
 * bytes): headline cards, the change map and the ripple map (inline SVG), the
 * community capitals, top gainers, new ties, the ripples resting on them, the
 * two permutation tests in words, and a methods appendix. Needs nothing but
 * itself to be read: no scripts, no external files. Every piece of user text
 * is escaped. The same store, place and options give the same bytes.
 * Costs one ripple_compare_run and two pictures.
 */
int ripple_report_place(char **html, size_t *len, ripple_store *store, int64_t place_id,
                        const ripple_report_options *opts, ripple_error *err);

/**
 * A summary across the n places (names[i] names place_ids[i]): a table of the
 * batch results and charts of the main change measures per place. Places
 * without the waves asked for are listed as left out. Costs one
 * ripple_batch_run.
 */
int ripple_report_summary(char **html, size_t *len, ripple_store *store,
                          const int64_t *place_ids, char *const *names, size_t n,
                          const ripple_report_options *opts, ripple_error *err);

#endif /* RIPPLE_H */
