/*
 * ripple/store.h - the SQLite store: the only module that speaks SQL.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_STORE_API_H
#define RIPPLE_STORE_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/place.h"

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

/**
 * A store over places read from folders and held in memory, without a
 * database (the SQLite round trip costs more than reading the folders): it
 * takes the n places (ripple_places_load, checked: distinct names) and frees
 * them with itself, whatever happens; messages name path. It answers
 * ripple_store_list, ripple_store_find_place, ripple_store_waves,
 * ripple_store_read (from the place: the model an import into an empty
 * in-memory database would read back, store ids included),
 * ripple_store_place_stamp (1: a held place never changes) and
 * ripple_store_readonly (1); any other call is RIPPLE_ERUNTIME.
 */
int ripple_store_hold(ripple_store **out, ripple_place **places, size_t n, const char *path,
                      ripple_error *err);

/**
 * Sets the file name the store's messages give (a copy of path): the folder an
 * in-memory store was loaded from, say, rather than ":memory:". The database
 * is not touched. RIPPLE_ENOMEM leaves the name as it was.
 */
int ripple_store_set_path(ripple_store *store, const char *path, ripple_error *err);

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
	int responses;         /* 1: the place has a responses.csv; 0: everyone answered */
	long *wave_missing;    /* actors missing at each wave (asked, no usable answer) */
	long *wave_absent;     /* actors absent at each wave (not part of the place then); the
	                          others answered */
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

/** Names of the waves of a place in order (NULL-terminated; free with ripple_strv_free). */
int ripple_store_waves(char ***out, size_t *count, ripple_store *store, int64_t place_id,
                       ripple_error *err);

/** A pair's history across the waves of a place in a stored run (a row of batch_tie). */
typedef struct ripple_stored_tie {
	int64_t place_id;
	int64_t actor_a, actor_b;  /* actor_id in the store */
	const char *pattern;       /* one of 1, 0, ? per wave (docs/MEASURES.md, "Over all waves") */
	const char *first, *last;  /* the first and last wave it is tied at */
	long tied;                 /* waves it is tied at */
} ripple_stored_tie;

/** One cell of a place's sector mixing matrix at from and at to (a row of batch_mixing). */
typedef struct ripple_stored_mixing {
	int64_t place_id;
	const char *sector_a, *sector_b; /* "" for actors without a sector */
	long from, to;             /* ties at from, at to */
} ripple_stored_mixing;

/** A run of `ripple batch` as the store keeps it (a row of batch_run, and its tables). */
typedef struct ripple_stored_run {
	const char *from, *to;     /* the waves asked for; NULL: each place's first / last */
	long permutations;         /* of the QAP and attendee tests */
	unsigned long seed;
	int weighted;
	size_t places, skipped;    /* places with a result, places left out */
	const char *policy;        /* the missing-data policy: reconstruct, respondents or census */
	const char *level;         /* actor or organisation; NULL: actor */
	const ripple_stored_tie *ties;       /* the rows of batch_tie */
	size_t nties;
	const ripple_stored_mixing *mixing;  /* the rows of batch_mixing */
	size_t nmixing;
	/* what each place measured was when it was read (ripple_store_place_stamp),
	 * nplaces of them; NULL: not checked */
	const int64_t *place_ids;
	const uint64_t *stamps;
	size_t nplaces;
	int *stale;                /* out (nplaces, or NULL): 1 where the place changed or
	                              vanished since, its rows not stored */
} ripple_stored_run;

/** One value of a stored run (a row of batch_result). */
typedef struct ripple_stored_value {
	int64_t place_id;
	const char *place;         /* the place's name at the time */
	const char *from, *to;     /* the waves compared */
	const char *wave;          /* from or to for a network measure, "from->to" for a change */
	const char *measure;       /* as docs/MEASURES.md names it */
	double value;              /* NAN or infinite: stored as NULL (undefined) */
} ripple_stored_value;

/**
 * Stores a run, its n values, its tie histories and its mixing cells in one
 * transaction: all or nothing. *run_id (when not NULL) gets the new run's id.
 * A place of run->place_ids whose stamp is no longer run->stamps' (imported
 * again, or deleted, since it was read) is not stored: its rows are left out,
 * it counts as skipped, not as a place, and run->stale says which; the rest of
 * the run is stored all the same. Costs one INSERT a row, and a stamp a place.
 */
int ripple_store_save_run(int64_t *run_id, ripple_store *store, const ripple_stored_run *run,
                          const ripple_stored_value *values, size_t n, ripple_error *err);

/**
 * *stamp: the identity of a place's content as it is now, a hash of every row
 * of it (its store ids and imported_at included), so that a place imported
 * again, even under the same place_id, has another; 0 when there is no such
 * place. Costs a read of the place.
 */
int ripple_store_place_stamp(uint64_t *stamp, ripple_store *store, int64_t place_id,
                             ripple_error *err);

/**
 * Finds the place called name; with name NULL, the only place in the store
 * (an error naming the places when there are several).
 */
int ripple_store_find_place(int64_t *place_id, ripple_store *store, const char *name,
                            ripple_error *err);

/**
 * 1 when the store cannot write: opened with RIPPLE_STORE_READ, or a file
 * that could only be opened for reading (RIPPLE_SOURCE_WRITE falls back); else 0.
 */
int ripple_store_readonly(ripple_store *store);


/**
 * Actor positions shared by every drawing of a place: computed by
 * ripple_layout_get (ripple/pictures.h), kept by the store, read back in the
 * model (ripple_model.layout_method, layout_x, layout_y).
 */
typedef struct ripple_layout {
	size_t n;                 /* actors of the place, in actor order */
	int64_t *actor_keys;      /* per actor: actor_id in the store, owned */
	double *x, *y;            /* per actor: centre of its circle, points, y up; owned */
	const char *method;       /* how it was computed (static): a stored layout of another
	                             method is computed again */
	int from_store;           /* 1: the model's stored layout; 0: computed by this call */
} ripple_layout;

/**
 * Stores layout as the layout of place place_id, replacing the one stored:
 * all or nothing, in a transaction of its own or, inside the caller's, under
 * a savepoint (undone with the caller's transaction). A read-only or busy
 * store is an error like any other; a layout is only a cache, so a caller may
 * go on without it. Costs one row per actor.
 */
int ripple_store_save_layout(ripple_store *store, int64_t place_id, const ripple_layout *layout,
                             ripple_error *err);

#endif /* RIPPLE_STORE_API_H */
