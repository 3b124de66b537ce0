/*
 * ripple/model.h - a place read back from the store: what every analysis,
 * picture and export works on.
 * Part of the public API: include "ripple.h" for all of it.
 *
 * The store (engine/store_read.c) is the only module that reads the database;
 * it returns a place whole, as a ripple_model, and nothing below it ever sees
 * SQL. The elements are the input model's own (ripple_actor, ripple_wave,
 * ripple_tie, ripple_ripple of ripple/place.h), so a place read from a folder
 * and a place read back from the store look alike; what only a stored place
 * has (the store's keys, the attributes of every actor and tie, the ties of
 * each wave in index order, a saved layout) sits beside them in arrays of
 * the same length.
 */
#ifndef RIPPLE_MODEL_API_H
#define RIPPLE_MODEL_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/store.h"

/** One extra column of actors.csv or ties.csv, as stored. */
typedef struct ripple_attr {
	const char *name;      /* the column's name, e.g. "trust" */
	const char *value;     /* the text as imported */
	double number;         /* the text read as a number (as SQLite's CAST(trim(value) AS
	                          REAL) reads it) when it is one, else NAN */
} ripple_attr;

/** The attributes of one actor or tie, sorted by name (bytewise). */
typedef struct ripple_attrs {
	const ripple_attr *items; /* borrowed from the model */
	size_t count;
} ripple_attrs;

/** Indices into one of the model's arrays. */
typedef struct ripple_indices {
	const size_t *items;      /* borrowed from the model */
	size_t count;
} ripple_indices;

/**
 * A place as stored. Every string and array belongs to the model (one
 * ripple_model_free releases all). Strings are never NULL: "" when not given.
 * Indices are into the model's own arrays; RIPPLE_NONE for none.
 */
typedef struct ripple_model {
	int64_t place_id;          /* in the store */
	const char *name;          /* the place's name */
	const char *programme;     /* "" when not given */
	const char *source;        /* folder it was imported from, "" when not known */
	int directed;              /* 0 or 1 */

	ripple_wave *waves;        /* in wave order (ordinal) */
	size_t nwaves;
	int64_t *wave_keys;        /* per wave: wave_id in the store */
	ripple_indices *wave_ties; /* per wave: its ties, in the order of the store's tie index
	                              (source, target, type; type compared bytewise) */

	unsigned char *responses;  /* enum ripple_response of actor a at wave w, at
	                              [w * nactors + a]; NULL when the place has no responses
	                              (every actor answered every wave) */

	ripple_actor *actors;      /* in actors.csv order (actor_id); .row is the index */
	size_t nactors;
	int64_t *actor_keys;       /* per actor: actor_id in the store, increasing */
	ripple_attrs *actor_attrs; /* per actor: the extra columns of actors.csv */

	ripple_tie *ties;          /* every wave's ties, in ties.csv order (tie_id); .row is the
	                              index */
	size_t nties;
	int64_t *tie_keys;         /* per tie: tie_id in the store, increasing */
	ripple_attrs *tie_attrs;   /* per tie: the extra columns of ties.csv */

	ripple_ripple *ripples;    /* in ripples.csv order (ripple_id); the actors each names
	                              (.actors) in actor order, each once */
	size_t nripples;
	int64_t *ripple_keys;      /* per ripple: ripple_id in the store, increasing */
	int *ripple_order;         /* per ripple: its order (1: a first-order ripple), or 0
	                              when no chain of parents leads from it to the programme */

	const char **actor_attr_names; /* every actor attribute name the place has, sorted */
	size_t nactor_attr_names;
	const char **tie_attr_names;   /* every tie attribute name the place has, sorted */
	size_t ntie_attr_names;

	const char *layout_method; /* method of the stored layout, or NULL when there is none */
	double *layout_x, *layout_y; /* per actor: stored position (points, y up), NAN when the
	                              layout has none for it; NULL when there is no layout */

	void *arena;               /* the strings and arrays above (private) */
} ripple_model;

/**
 * Reads place place_id back from the store as a model, in one read
 * transaction (an import committed meanwhile is seen whole or not at all):
 * one pass over each table's rows of the place (O(actors + ties + attributes + ripples), plus
 * O(m log m) to order each wave's ties). A database is untrusted input: a row
 * that breaks the model's rules (a tie naming an actor of another place, a
 * NULL where the schema has NOT NULL) is read as harmlessly as it can be (a
 * NULL text as "", an unknown kind as an organisation, a parent of another
 * place as none, a ripple whose parents never reach the programme as order 0,
 * an attendance time that names no wave of the place as attended without a
 * time) or is RIPPLE_ERUNTIME "database: ..." (a tie or a response naming an
 * actor of another place, a response status other than missing or absent),
 * never a crash. A database older than schema version 4 has no responses
 * (NULL) and no attendance times. RIPPLE_ENOTFOUND when there is no such place.
 */
int ripple_store_read(ripple_model **out, ripple_store *store, int64_t place_id,
                      ripple_error *err);

/** Releases everything the model holds. No operation when m is NULL. */
void ripple_model_free(ripple_model *m);

/**
 * An empty model (no place, every count 0, no arena yet), for a module that
 * builds a model from another (ripple_model_rollup); released with
 * ripple_model_free. NULL when out of memory.
 */
ripple_model *ripple_model_new(void);

/**
 * size bytes, zeroed and aligned for any type, owned by m (released by
 * ripple_model_free with the rest of it); NULL when out of memory.
 */
void *ripple_model_alloc(ripple_model *m, size_t size);

/** Index of the wave called name, or RIPPLE_NONE. O(waves). */
size_t ripple_model_wave(const ripple_model *m, const char *name);

/**
 * Index of the wave called name; when there is none, RIPPLE_NONE and err set
 * (RIPPLE_ENOTFOUND) to a message that lists the place's waves in order:
 * `place "P" has no wave "W" (waves: before, after)`. O(waves).
 */
size_t ripple_model_find_wave(const ripple_model *m, const char *name, ripple_error *err);

/** How actor a took part in wave w's survey (answered when the place has no responses). */
static inline enum ripple_response ripple_model_response(const ripple_model *m, size_t w,
                                                         size_t a)
{
	return m->responses ? (enum ripple_response)m->responses[w * m->nactors + a]
	                    : RIPPLE_RESPONSE_ANSWERED;
}

/**
 * Is the pair (a, b) observed at wave w: is its tie, or its absence, known from
 * the reports (docs/MEASURES.md, "Observed pairs and unknown ties")? Directed:
 * a -> b when a answered; undirected: when a or b did. A pair with an absent end
 * is not part of the wave. Every pair is when the place has no responses.
 */
static inline int ripple_model_observed(const ripple_model *m, size_t w, size_t a, size_t b)
{
	enum ripple_response ra = ripple_model_response(m, w, a);
	enum ripple_response rb = ripple_model_response(m, w, b);

	if (ra == RIPPLE_RESPONSE_ABSENT || rb == RIPPLE_RESPONSE_ABSENT)
		return 0;
	return ra == RIPPLE_RESPONSE_ANSWERED || (!m->directed && rb == RIPPLE_RESPONSE_ANSWERED);
}

/**
 * A directed tie a -> b reported at a wave, by what b said: confirmed (b named
 * a too), unconfirmed (b answered and did not name a), unconfirmable (b did
 * not answer).
 */
enum ripple_confirmation { RIPPLE_CONFIRMED, RIPPLE_UNCONFIRMED, RIPPLE_UNCONFIRMABLE };

/** The confirmation of a tie reported at wave w to actor b, who named it back or not. */
static inline enum ripple_confirmation ripple_model_confirmation(const ripple_model *m, size_t w,
                                                                 size_t b, int named_back)
{
	if (named_back)
		return RIPPLE_CONFIRMED;
	return ripple_model_response(m, w, b) == RIPPLE_RESPONSE_ANSWERED ? RIPPLE_UNCONFIRMED
	                                                                    : RIPPLE_UNCONFIRMABLE;
}

/** Index of the actor whose store key is key, or RIPPLE_NONE. O(log actors). */
size_t ripple_model_actor_of_key(const ripple_model *m, int64_t key);

/** The attribute called name of an attribute list, or NULL. O(log count). */
const ripple_attr *ripple_attrs_get(ripple_attrs attrs, const char *name);

#endif /* RIPPLE_MODEL_API_H */
