/*
 * input/place.h - what input/place.c shares with the readers of other tools'
 * exports (input/kumu.c, input/ripplefx.c). Not public API.
 *
 * A converter does not write a place folder to disk: it builds, in memory,
 * the tables a place folder would hold (actors, ties, ripples, place), each
 * named after the file its rows came from and with every row carrying the
 * line it came from. place.c then checks them with the very rules it applies
 * to a place folder, so a problem found there (an unknown parent, a
 * duplicate tie, a bad weight) is still reported at the line of the Kumu or
 * RippleFX file the user wrote.
 */
#ifndef RIPPLE_INPUT_PLACE_H
#define RIPPLE_INPUT_PLACE_H

#include <stddef.h>

#include "csv.h"
#include "ripple/place.h"

/* ---- the tables of a place ------------------------------------------------ */

enum ripple_table {
	RIPPLE_TABLE_PLACE,    /* place.csv: name, programme, directed */
	RIPPLE_TABLE_ACTORS,   /* actors.csv */
	RIPPLE_TABLE_WAVES,    /* waves.csv */
	RIPPLE_TABLE_TIES,     /* ties.csv */
	RIPPLE_TABLE_RIPPLES,  /* ripples.csv */
	RIPPLE_TABLE_RESPONSES, /* responses.csv: actor, wave, status */
	RIPPLE_TABLE_COUNT
};

/** How ripple_place_from_tables checks. */
enum {
	RIPPLE_PLACE_NO_ACTORS_OK = 1 << 0  /* a place without actors is not a problem (a
	                                       RippleFX map that names no actors) */
};

/**
 * Checks the tables (any may be NULL but actors and ties, which the caller
 * must have read or built) as ripple_place_load checks a place folder, and
 * returns the place in *out. The tables are consumed: they belong to the place,
 * or are freed, whatever happens. waves_given: a waves.csv exists (even one
 * that could not be read). Returns RIPPLE_OK, or RIPPLE_EINPUT / RIPPLE_ENOMEM
 * when diags gained any problem since it held `before` of them (so problems a
 * converter found before calling also refuse the place).
 */
int ripple_place_from_tables(ripple_place **out, const char *folder,
                             ripple_csv *tables[RIPPLE_TABLE_COUNT], int waves_given,
                             unsigned flags, const ripple_load_options *opts,
                             ripple_diags *diags, size_t before);

/** Frees each of the tables (NULL ones too). */
void ripple_tables_free(ripple_csv *tables[RIPPLE_TABLE_COUNT]);

/** Reads a Kumu export folder (input/kumu.c). Contract as ripple_place_load. */
int ripple_kumu_load(ripple_place **out, const char *folder, const ripple_load_options *opts,
                     ripple_diags *diags);

/** Reads a RippleFX export folder (input/ripplefx.c). Contract as ripple_place_load. */
int ripple_ripplefx_load(ripple_place **out, const char *folder,
                         const ripple_load_options *opts, ripple_diags *diags);

/** Which file a mind map is read from (ripple_mindmap_from_memory). */
enum ripple_mindmap {
	RIPPLE_MINDMAP_XMIND,       /* an .xmind zip (content.json, else content.xml) */
	RIPPLE_MINDMAP_XMIND_JSON,  /* the content.json of one */
	RIPPLE_MINDMAP_XMIND_XML,   /* the content.xml of one (XMind 8) */
	RIPPLE_MINDMAP_FREEMIND     /* a FreeMind / Freeplane .mm */
};

/**
 * Reads a mind map file (input/mindmap.c): opts->from says XMind or
 * FreeMind. Contract as ripple_place_load; problems name the file and the
 * topic's path.
 */
int ripple_mindmap_load(ripple_place **out, const char *file, const ripple_load_options *opts,
                        ripple_diags *diags);

/** ripple_mindmap_load of the bytes of file (what tests/fuzz needs). */
int ripple_mindmap_from_memory(ripple_place **out, const char *file, enum ripple_mindmap kind,
                               const char *data, size_t len, const ripple_load_options *opts,
                               ripple_diags *diags);

/*
 * The checks of ripple_kumu_load and ripple_ripplefx_load on sheets already
 * read (either may be NULL: it was missing or unreadable, and the problem is
 * in diags). The sheets are consumed. `before` is as for
 * ripple_place_from_tables. Reading from memory is what tests/fuzz needs.
 */
int ripple_kumu_from_csv(ripple_place **out, const char *folder, ripple_csv *elements,
                         ripple_csv *connections, const ripple_load_options *opts,
                         ripple_diags *diags, size_t before);
int ripple_ripplefx_from_csv(ripple_place **out, const char *folder, ripple_csv *nodes,
                             ripple_csv *relationships, const ripple_load_options *opts,
                             ripple_diags *diags, size_t before);

/* ---- value rules shared with the converters --------------------------------- */

/** 1 when s is a positive finite decimal number up to 1e12 (a tie weight), stored in *out. */
int ripple_parse_weight(const char *s, double *out);

/** 1 when s is an ISO 8601 date as ripples.csv takes it: yyyy, yyyy-mm or yyyy-mm-dd. */
int ripple_valid_date(const char *s);

/** 1 when s holds a C0 control character or DEL. */
int ripple_has_control(const char *s);

/* ---- attendance with a time --------------------------------------------------- */

/** What ripple_attended_by found. */
enum ripple_attended_rc {
	RIPPLE_ATTENDED_OK = 0,         /* *by is set */
	RIPPLE_ATTENDED_UNKNOWN = -1,   /* neither a wave of the place nor an ISO date */
	RIPPLE_ATTENDED_UNDATED = -2,   /* a date, but wave *wave has no date */
	RIPPLE_ATTENDED_AMBIGUOUS = -3  /* a date that wave *wave's date, written to a
	                                   different precision, contains or is contained in
	                                   (2025-07 against 2025-07-15): no order */
};

/**
 * The rule of `attended` with a time (schemas/FORMAT.md), the one place it is
 * written: place.c applies it to actors.csv, store_read.c to what the store
 * holds. `when` is the text of `attended` when it is not a yes/no word; waves
 * are the place's waves in order. The name of a wave W: the actor had
 * attended after W's survey, *by = index(W) + 1. Otherwise an ISO date
 * (yyyy-mm-dd, yyyy-mm or yyyy): *by = the index of the first wave whose date
 * is after it (a date equal to a wave's date is after that wave's survey),
 * nwaves when there is none; every wave must then have a date.
 * *wave is the wave named, or the wave that made a date fail (RIPPLE_NONE
 * otherwise). Returns a ripple_attended_rc; on failure *by is RIPPLE_NONE.
 * O(nwaves).
 */
int ripple_attended_by(size_t *by, size_t *wave, const char *when, const ripple_wave *waves,
                       size_t nwaves);

/* ---- export folders -------------------------------------------------------- */

/**
 * Finds, in folder, the one regular file whose name (any case) is `name`
 * (e.g. "elements.csv"), or ends with it after a space, '-', '_' or '.'
 * ("Project - Elements.csv", as Google Sheets names a downloaded sheet).
 * Returns 1 and the path in *path (malloc'd), 0 when there is none, or a
 * negative code (two candidates, unreadable folder, out of memory) with the
 * problem in err.
 */
int ripple_find_export_file(char **path, const char *folder, const char *name,
                            ripple_error *err);

/**
 * Finds (as ripple_find_export_file) and reads one file of an export. *out
 * is the table, or NULL when the file is missing (reported at folder/name
 * as "missing: <missing>"), ambiguous or unreadable; the problem is in diags.
 */
void ripple_export_file_read(ripple_csv **out, const char *folder, const char *name,
                             const char *missing, ripple_diags *diags);

/** The checks of an export of two sheets: ripple_kumu_from_csv, ripple_ripplefx_from_csv. */
typedef int (*ripple_sheets_fn)(ripple_place **out, const char *folder, ripple_csv *a,
                                ripple_csv *b, const ripple_load_options *opts,
                                ripple_diags *diags, size_t before);

/**
 * Reads an export folder of two sheets: the files `first` and `second`
 * (ripple_export_file_read, in that order; either missing is "missing:
 * <missing>"), then checks them with from_csv, which consumes them. Contract
 * as ripple_place_load.
 */
int ripple_export_folder_load(ripple_place **out, const char *folder, const char *first,
                              const char *second, const char *missing, ripple_sheets_fn from_csv,
                              const ripple_load_options *opts, ripple_diags *diags);

/**
 * Splits s in place at every character of seps, trimming each piece and
 * skipping empty ones; up to max pieces go to parts. Returns the pieces found
 * (which may exceed max: then only max are stored).
 */
size_t ripple_split(char *s, const char *seps, char **parts, size_t max);

#endif
