/*
 * ripple/place.h - a place folder read and checked in memory (the input model).
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_PLACE_API_H
#define RIPPLE_PLACE_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/csv.h"

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

/**
 * Who took part in a wave's survey (responses.csv): answered, missing (part of
 * the place then, asked, no usable answer) or absent (not part of the place
 * then: not yet joined, or left). An actor x wave not listed answered.
 */
enum ripple_response {
	RIPPLE_RESPONSE_ANSWERED, RIPPLE_RESPONSE_MISSING, RIPPLE_RESPONSE_ABSENT
};
#define RIPPLE_NRESPONSES 3

/** "answered", "missing" or "absent". */
const char *ripple_response_name(enum ripple_response r);

/** Name of capital number i (0..6), e.g. "social". */
const char *ripple_capital_name(int i);
/** Name of a kind, e.g. "team". */
const char *ripple_kind_name(enum ripple_kind kind);


typedef struct ripple_actor {
	const char *id;       /* unique in the place */
	const char *label;    /* defaults to id */
	enum ripple_kind kind;
	size_t parent;        /* index of the containing actor, or RIPPLE_NONE */
	const char *sector;   /* "" when not given */
	const char *town;     /* "" when not given */
	int attended;         /* 1 yes (also when a time is given), 0 no, -1 not given */
	const char *attended_when; /* attended as written when it says when (an ISO date, or
	                          the name of the wave after which the actor had attended);
	                          "" for yes, no or not given */
	size_t attended_by;   /* with a time: index of the first wave by which the actor had
	                          attended (it took part between wave attended_by - 1 and this
	                          one; 0: before the first wave; nwaves: after the last);
	                          RIPPLE_NONE for yes without a time, no or not given */
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
	const char *notes;     /* free text, trimmed at both ends; may hold line breaks;
	                          "" when not given (ripples.csv `notes`) */
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
	unsigned char *responses; /* enum ripple_response of actor a at wave w, at
	                          [w * nactors + a]; NULL without responses.csv (every actor
	                          answered every wave); owned */
	ripple_csv *actors_csv, *ties_csv, *ripples_csv, *waves_csv, *place_csv, *responses_csv;
} ripple_place;

/**
 * What a folder holds (docs/IMPORT.md): a ripple place folder, or the CSV
 * export of another tool, read into the same model.
 */
enum ripple_from {
	RIPPLE_FROM_PLACE,     /* actors.csv, ties.csv, ... (schemas/FORMAT.md) */
	RIPPLE_FROM_KUMU,      /* Kumu's Elements and Connections sheets as CSV */
	RIPPLE_FROM_RIPPLEFX,  /* RippleFX's nodes and relationships as CSV */
	RIPPLE_FROM_XMIND,     /* an XMind map file (.xmind): the ripple map alone */
	RIPPLE_FROM_FREEMIND   /* a FreeMind or Freeplane map file (.mm): the ripple map alone */
};

/**
 * "ripple" (also "place"), "kumu", "ripplefx", "xmind" or "freemind" (also
 * "freeplane"), any case; -1 for anything else.
 */
int ripple_from_parse(const char *name);

/**
 * A RippleFX date, exactly dd/MM/yyyy (two, two and four digits), as ISO
 * yyyy-mm-dd in iso (11 bytes). Returns 1, or 0 when the text is not of that
 * shape and -1 when it is but the day does not exist (31/02/2024).
 */
int ripple_date_from_dmy(char iso[11], const char *dmy);

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

/**
 * Reads and checks a place that comes as one stream (`ripple check -`): a
 * mind map, opts->from RIPPLE_FROM_XMIND or RIPPLE_FROM_FREEMIND, read from in
 * to its end (at most 64 MB); problems name the file "<stdin>", and the place
 * is named opts->name, else "stdin". Any other opts->from is RIPPLE_EUSAGE
 * (added to diags): a place folder or another tool's export is several files,
 * which one stream does not hold (docs/IMPORT.md says why). Returns as
 * ripple_place_load.
 */
int ripple_place_load_stream(ripple_place **out, FILE *in, const ripple_load_options *opts,
                             ripple_diags *diags);

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
 * RippleFX's nodes.csv), else every folder below it that does. A mind map
 * (XMIND, FREEMIND) is a file: the path itself, which must be a file.
 */
int ripple_input_folders(char ***out, size_t *count, const char *path, enum ripple_from from,
                         ripple_error *err);

#endif /* RIPPLE_PLACE_API_H */
