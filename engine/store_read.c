/*
 * store_read.c - a place read back from the store as the read model
 * (ripple/model.h): the one way any module above the store sees a place.
 *
 * Each table is read once, in the order of one of its indexes, so SQLite
 * never sorts: the actors, waves and ripples of the place by their primary
 * keys, the ties wave by wave in the order of the tie index (source, target,
 * type), and the attributes of the place's actors and ties by the primary
 * keys of their tables. The ties are then put in tie_id (ties.csv) order in
 * C. Everything the model holds lives in one arena, released at once.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/error.h"
#include "ripple/model.h"
#include "ripple/place.h"
#include "ripple/store.h"
#include "input/place.h"
#include "store_private.h"
#include "util.h"

/* ---- the arena: every string and array of a model --------------------------- */

typedef struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];   /* size bytes */
} block;

#define BLOCK_SIZE ((size_t)64 * 1024)

/* size bytes, aligned, owned by the arena at *head; NULL when out of memory. */
static void *arena_alloc(block **head, size_t size)
{
	block *b = *head;
	size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (size == 0)
		size = sizeof(max_align_t);
	if (!b || b->size - b->used < size) {
		size_t cap = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
		if (!(b = malloc(sizeof(*b) + cap)))
			return NULL;
		b->used = 0;
		b->size = cap;
		if (*head && cap != BLOCK_SIZE) {   /* a large one: keep filling the current block */
			b->next = (*head)->next;
			(*head)->next = b;
		} else {
			b->next = *head;
			*head = b;
		}
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	return p;
}

static void *arena_calloc(block **head, size_t n, size_t size)
{
	void *p;
	if (n && size > SIZE_MAX / n)
		return NULL;
	if ((p = arena_alloc(head, n * size)))
		memset(p, 0, n * size);
	return p;
}

static const char *arena_strdup(block **head, const char *s)
{
	size_t len = strlen(s ? s : "");
	char *p = arena_alloc(head, len + 1);
	if (p)
		memcpy(p, s ? s : "", len + 1);
	return p;
}

static void arena_free(block *b)
{
	while (b) {
		block *next = b->next;
		free(b);
		b = next;
	}
}

/* ---- reading ----------------------------------------------------------------- */

/*
 * A growing array of fixed-size items. Its storage is an arena block from the
 * start, so that keeping it (vec_keep) hands the block to the arena instead
 * of copying it: a large place is never held twice.
 */
typedef struct vec {
	block *b;        /* NULL until the first item; then items == b->data */
	void *items;
	size_t n, cap, size;
} vec;

static void *vec_push(vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		block *nb = realloc(v->b, sizeof(*nb) + cap * v->size);
		if (!nb)
			return NULL;
		v->b = nb;
		v->items = nb->data;
		v->cap = cap;
	}
	return (char *)v->items + v->n++ * v->size;
}

static void vec_release(vec *v)
{
	free(v->b);
	memset(v, 0, sizeof(*v));
}

/* State of one read: the model being built and the statement in hand. */
typedef struct reader {
	ripple_store *s;
	ripple_model *m;
	block *arena;
	sqlite3_stmt *st;
	ripple_error *err;
	ripple_strmap shared;   /* text kept once however often it recurs: its index in */
	vec sharedv;            /* sharedv, the arena's copies */
	int version;            /* of the schema: what an older database lacks is not read */
	int responses;          /* the place has a responses.csv (place.responses) */
	/* a held place (ripple_store_read_held): attribute values read as numbers by SQLite
	 * itself (a connection to an empty in-memory database, opened at the first), each
	 * distinct value once: its index in numbers is its number's in numberv */
	sqlite3 *cast_db;
	sqlite3_stmt *cast;
	ripple_strmap numbers;
	vec numberv;
} reader;

static int prepare(reader *r, const char *sql)
{
	sqlite3_finalize(r->st);
	r->st = NULL;
	if (sqlite3_prepare_v2(r->s->db, sql, -1, &r->st, NULL) != SQLITE_OK)
		return ripple_db_fail(r->s->db, r->err);
	sqlite3_bind_int64(r->st, 1, r->m->place_id);
	return RIPPLE_OK;
}

static int nomem(reader *r)
{
	return ripple_error_set(r->err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
}

/* The text of column col in the arena ("" for NULL); NULL when out of memory. */
static const char *text(reader *r, int col)
{
	return arena_strdup(&r->arena, (const char *)sqlite3_column_text(r->st, col));
}

/*
 * The text of column col, kept once in the arena however many rows hold it
 * (tie types, attribute names and values, sectors, towns: a few distinct
 * values over many rows). NULL when out of memory.
 */
static const char *shared_str(reader *r, const char *s)
{
	const char *kept, **slot;
	size_t i;

	s = s ? s : "";
	if ((i = ripple_strmap_get(&r->shared, s)) != RIPPLE_NONE)
		return ((const char **)r->sharedv.items)[i];
	if (!(kept = arena_strdup(&r->arena, s)) || !(slot = vec_push(&r->sharedv)) ||
	    ripple_strmap_put(&r->shared, kept, r->sharedv.n - 1, NULL) < 0)
		return NULL;
	*slot = kept;
	return kept;
}

static const char *shared_text(reader *r, int col)
{
	return shared_str(r, (const char *)sqlite3_column_text(r->st, col));
}

/* Ends a loop of sqlite3_step: RIPPLE_OK when rc is SQLITE_DONE, else the error. */
static int done(reader *r, int rc)
{
	if (rc != SQLITE_DONE && rc < 0)
		return rc;   /* an error of ours, already set */
	if (rc != SQLITE_DONE)
		return ripple_db_fail(r->s->db, r->err);
	return RIPPLE_OK;
}

/*
 * Hands a vec's items to the arena (*out; the vec keeps its count but no
 * longer its storage): RIPPLE_OK, or RIPPLE_ENOMEM (the vec is left as it was).
 */
static int vec_keep(reader *r, vec *v, void **out)
{
	block *b = v->b;

	if (!b) {
		*out = arena_alloc(&r->arena, 0);
		return *out ? RIPPLE_OK : nomem(r);
	}
	b = realloc(b, sizeof(*b) + (v->n ? v->n : 1) * v->size);   /* to its size */
	if (b)
		v->b = b;
	b = v->b;
	b->used = b->size = (v->n ? v->n : 1) * v->size;
	if (r->arena) {   /* full: behind the block being filled */
		b->next = r->arena->next;
		r->arena->next = b;
	} else {
		b->next = NULL;
		r->arena = b;
	}
	*out = b->data;
	v->b = NULL;      /* the arena's now; v->n still says how many */
	v->items = NULL;
	v->cap = 0;
	return RIPPLE_OK;
}

static int int64_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Index of key in the increasing keys[0..n), or RIPPLE_NONE. */
static size_t index_of(const int64_t *keys, size_t n, int64_t key)
{
	const int64_t *hit = n ? bsearch(&key, keys, n, sizeof(*keys), int64_cmp) : NULL;
	return hit ? (size_t)(hit - keys) : RIPPLE_NONE;
}

static int read_place(reader *r)
{
	ripple_model *m = r->m;
	int rc;

	if ((rc = prepare(r, r->version >= 4
	                     ? "SELECT name, programme, directed, source, responses = 1 FROM place "
	                       "WHERE place_id = ?1"
	                     : "SELECT name, programme, directed, source, 0 FROM place "
	                       "WHERE place_id = ?1")) < 0)
		return rc;
	if ((rc = sqlite3_step(r->st)) != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			return ripple_db_fail(r->s->db, r->err);
		return ripple_error_set(r->err, RIPPLE_ENOTFOUND, "", 0, 0, "no such place");
	}
	m->name = text(r, 0);
	m->programme = text(r, 1);
	m->directed = sqlite3_column_int(r->st, 2) != 0;
	m->source = text(r, 3);
	r->responses = sqlite3_column_int(r->st, 4);
	if (!m->name || !m->programme || !m->source)
		return nomem(r);
	return RIPPLE_OK;
}

static int read_waves(reader *r)
{
	ripple_model *m = r->m;
	vec waves = { NULL, NULL, 0, 0, sizeof(ripple_wave) }, keys = { NULL, NULL, 0, 0, sizeof(int64_t) };
	int rc;

	if ((rc = prepare(r, "SELECT wave_id, name, ordinal, coalesce(date, '') FROM wave "
	                     "WHERE place_id = ?1 ORDER BY ordinal, wave_id")) < 0)
		return rc;
	while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
		ripple_wave *w = vec_push(&waves);
		int64_t *k = vec_push(&keys);
		if (!w || !k) {
			rc = nomem(r);
			break;
		}
		*k = sqlite3_column_int64(r->st, 0);
		w->name = text(r, 1);
		w->ordinal = (long)sqlite3_column_int64(r->st, 2);
		w->date = text(r, 3);
		if (!w->name || !w->date) {
			rc = nomem(r);
			break;
		}
	}
	if ((rc = done(r, rc)) == RIPPLE_OK &&
	    (rc = vec_keep(r, &waves, (void **)&m->waves)) == RIPPLE_OK &&
	    (rc = vec_keep(r, &keys, (void **)&m->wave_keys)) == RIPPLE_OK) {
		m->nwaves = waves.n;
		if (!(m->wave_ties = arena_calloc(&r->arena, m->nwaves, sizeof(*m->wave_ties))))
			rc = nomem(r);
	}
	vec_release(&waves);
	vec_release(&keys);
	return rc;
}

static enum ripple_kind kind_of(const char *s)
{
	if (s && strcmp(s, "team") == 0)
		return RIPPLE_TEAM;
	if (s && strcmp(s, "person") == 0)
		return RIPPLE_PERSON;
	return RIPPLE_ORGANISATION;
}

static int read_actors(reader *r)
{
	ripple_model *m = r->m;
	vec actors = { NULL, NULL, 0, 0, sizeof(ripple_actor) }, keys = { NULL, NULL, 0, 0, sizeof(int64_t) },
	    parents = { NULL, NULL, 0, 0, sizeof(int64_t) };
	int rc;

	if ((rc = prepare(r, r->version >= 4
	        ? "SELECT actor_id, code, label, kind, coalesce(parent_id, 0), "
	          "coalesce(sector, ''), coalesce(town, ''), coalesce(attended, -1), "
	          "coalesce(attended_when, '') FROM actor WHERE place_id = ?1 ORDER BY actor_id"
	        : "SELECT actor_id, code, label, kind, coalesce(parent_id, 0), "
	          "coalesce(sector, ''), coalesce(town, ''), coalesce(attended, -1), '' "
	          "FROM actor WHERE place_id = ?1 ORDER BY actor_id")) < 0)
		return rc;
	while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
		ripple_actor *a = vec_push(&actors);
		int64_t *k = vec_push(&keys), *p = vec_push(&parents);
		if (!a || !k || !p) {
			rc = nomem(r);
			break;
		}
		*k = sqlite3_column_int64(r->st, 0);
		*p = sqlite3_column_int64(r->st, 4);
		a->id = text(r, 1);
		a->label = text(r, 2);
		a->kind = kind_of((const char *)sqlite3_column_text(r->st, 3));
		a->sector = shared_text(r, 5);
		a->town = shared_text(r, 6);
		a->attended = sqlite3_column_int(r->st, 7);
		a->attended = a->attended == 0 || a->attended == 1 ? a->attended : -1;
		a->attended_when = a->attended == 1 ? text(r, 8) : "";   /* placed by attended_times */
		a->attended_by = RIPPLE_NONE;
		a->row = actors.n - 1;
		if (!a->id || !a->label || !a->sector || !a->town || !a->attended_when) {
			rc = nomem(r);
			break;
		}
	}
	if ((rc = done(r, rc)) == RIPPLE_OK &&
	    (rc = vec_keep(r, &actors, (void **)&m->actors)) == RIPPLE_OK &&
	    (rc = vec_keep(r, &keys, (void **)&m->actor_keys)) == RIPPLE_OK) {
		m->nactors = actors.n;
		/* a parent of another place, or none, is no parent */
		for (size_t i = 0; i < m->nactors; i++) {
			int64_t pk = ((int64_t *)parents.items)[i];
			m->actors[i].parent = pk ? index_of(m->actor_keys, m->nactors, pk) : RIPPLE_NONE;
		}
		if (!(m->actor_attrs = arena_calloc(&r->arena, m->nactors, sizeof(*m->actor_attrs))))
			rc = nomem(r);
	}
	vec_release(&actors);
	vec_release(&keys);
	vec_release(&parents);
	return rc;
}

/*
 * When each actor that attended with a time had attended: the rule place.c
 * applies (ripple_attended_by), on the waves as stored. A time that names no
 * wave of the place or cannot be placed among their dates (a database written
 * by hand) is read as attended without a time.
 */
static void attended_times(reader *r)
{
	ripple_model *m = r->m;

	for (size_t i = 0; i < m->nactors; i++) {
		ripple_actor *a = &m->actors[i];
		size_t wave;
		if (*a->attended_when &&
		    ripple_attended_by(&a->attended_by, &wave, a->attended_when, m->waves,
		                       m->nwaves) != RIPPLE_ATTENDED_OK)
			a->attended_when = "";
	}
}

/*
 * Who answered each wave, when the place has a responses.csv: the response
 * rows wave by wave (the response_wave index), every actor not listed
 * answered. A row naming an actor of another place, or a status ripple does
 * not know, is RIPPLE_ERUNTIME "database: ...". O(actors x waves + rows).
 */
static int read_responses(reader *r)
{
	ripple_model *m = r->m;
	int rc = RIPPLE_OK;

	if (!r->responses)
		return RIPPLE_OK;   /* m->responses stays NULL: everyone answered */
	if (m->nwaves && m->nactors > SIZE_MAX / m->nwaves)
		return nomem(r);
	if (!(m->responses = arena_calloc(&r->arena, m->nactors * m->nwaves, 1)))
		return nomem(r);
	if ((rc = prepare(r, "SELECT actor_id, status FROM response WHERE wave_id = ?2")) < 0)
		return rc;
	for (size_t w = 0; w < m->nwaves && rc >= 0; w++) {
		sqlite3_reset(r->st);
		sqlite3_bind_int64(r->st, 2, m->wave_keys[w]);
		while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
			size_t a = index_of(m->actor_keys, m->nactors, sqlite3_column_int64(r->st, 0));
			const char *status = (const char *)sqlite3_column_text(r->st, 1);
			int k = 0;
			while (k < RIPPLE_NRESPONSES &&
			       !(status && strcmp(status, ripple_response_name((enum ripple_response)k)) == 0))
				k++;
			if (a == RIPPLE_NONE) {
				rc = ripple_error_set(r->err, RIPPLE_ERUNTIME, "", 0, 0,
				                      "database: a response names an actor of another place");
				break;
			}
			if (k == RIPPLE_NRESPONSES) {
				rc = ripple_error_set(r->err, RIPPLE_ERUNTIME, "", 0, 0,
				                      "database: a response has the status \"%.40s\" (expected "
				                      "missing or absent)", status ? status : "NULL");
				break;
			}
			m->responses[w * m->nactors + a] = (unsigned char)k;
		}
		rc = done(r, rc);
	}
	return rc;
}

/* A tie as read, with its key and where it goes. */
typedef struct tie_read {
	int64_t key;
	size_t pos;      /* index in wave-then-index order */
} tie_read;

static int tie_read_cmp(const void *a, const void *b)
{
	return int64_cmp(&((const tie_read *)a)->key, &((const tie_read *)b)->key);
}

/*
 * The ties of every wave, read wave by wave in the order of the tie index
 * (no sorting in SQLite), then put in tie_id order; wave_ties[w] lists the
 * wave's ties in index order.
 */
static int read_ties(reader *r)
{
	ripple_model *m = r->m;
	vec ties = { NULL, NULL, 0, 0, sizeof(ripple_tie) }, keys = { NULL, NULL, 0, 0, sizeof(int64_t) };
	size_t *wave_start = NULL, *where = NULL;
	tie_read *order = NULL;
	int consecutive, rc = RIPPLE_OK;
	size_t n = m->nactors;

	if (!(wave_start = calloc(m->nwaves + 1, sizeof(*wave_start))))
		return nomem(r);
	/* actor ids of a place are usually consecutive: then an actor is an offset */
	consecutive = n > 0 && m->actor_keys[n - 1] - m->actor_keys[0] == (int64_t)n - 1;
	if ((rc = prepare(r, "SELECT tie_id, source_id, target_id, type, weight FROM tie "
	                     "WHERE wave_id = ?2 ORDER BY source_id, target_id, type")) < 0)
		goto done;
	for (size_t w = 0; w < m->nwaves && rc >= 0; w++) {
		wave_start[w] = ties.n;
		sqlite3_reset(r->st);
		sqlite3_bind_int64(r->st, 2, m->wave_keys[w]);
		while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
			int64_t ka = sqlite3_column_int64(r->st, 1), kb = sqlite3_column_int64(r->st, 2);
			ripple_tie *t = vec_push(&ties);
			int64_t *k = vec_push(&keys);
			if (!t || !k) {
				rc = nomem(r);
				break;
			}
			if (consecutive) {
				t->source = ka >= m->actor_keys[0] && ka <= m->actor_keys[n - 1]
				            ? (size_t)(ka - m->actor_keys[0]) : RIPPLE_NONE;
				t->target = kb >= m->actor_keys[0] && kb <= m->actor_keys[n - 1]
				            ? (size_t)(kb - m->actor_keys[0]) : RIPPLE_NONE;
			} else {
				t->source = index_of(m->actor_keys, n, ka);
				t->target = index_of(m->actor_keys, n, kb);
			}
			if (t->source == RIPPLE_NONE || t->target == RIPPLE_NONE) {
				rc = ripple_error_set(r->err, RIPPLE_ERUNTIME, "", 0, 0,
				                      "database: a tie names an actor of another place");
				break;
			}
			*k = sqlite3_column_int64(r->st, 0);
			t->wave = w;
			t->type = shared_text(r, 3);
			t->weight = sqlite3_column_double(r->st, 4);
			if (!t->type) {
				rc = nomem(r);
				break;
			}
		}
		rc = done(r, rc);
	}
	wave_start[m->nwaves] = ties.n;
	if (rc < 0)
		goto done;

	/* tie_id order: where each tie read goes (where[i]: the place of tie i as
	 * read), the wave lists from it, then the ties moved there in place */
	m->nties = ties.n;
	if (!(order = malloc((ties.n ? ties.n : 1) * sizeof(*order))) ||
	    !(where = malloc((ties.n ? ties.n : 1) * sizeof(*where))) ||
	    !(m->tie_attrs = arena_calloc(&r->arena, ties.n, sizeof(*m->tie_attrs)))) {
		rc = nomem(r);
		goto done;
	}
	for (size_t i = 0; i < ties.n; i++)
		order[i] = (tie_read){ ((int64_t *)keys.items)[i], i };
	qsort(order, ties.n, sizeof(*order), tie_read_cmp);
	for (size_t i = 0; i < ties.n; i++) {
		((int64_t *)keys.items)[i] = order[i].key;
		where[order[i].pos] = i;
	}
	for (size_t w = 0; w < m->nwaves; w++) {
		size_t count = wave_start[w + 1] - wave_start[w];
		size_t *items = arena_alloc(&r->arena, count * sizeof(*items));
		if (!items) {
			rc = nomem(r);
			goto done;
		}
		for (size_t i = 0; i < count; i++)
			items[i] = where[wave_start[w] + i];
		m->wave_ties[w] = (ripple_indices){ items, count };
	}
	/* each cycle of the permutation once: the tie at j goes to where[j] */
	for (size_t s = 0; s < ties.n; s++) {
		ripple_tie *v = ties.items, carry = v[s];
		for (size_t j = s; where[j] != RIPPLE_NONE;) {
			size_t k = where[j];
			ripple_tie displaced = v[k];
			v[k] = carry;
			v[k].row = k;
			carry = displaced;
			where[j] = RIPPLE_NONE;
			j = k;
		}
	}
	if ((rc = vec_keep(r, &ties, (void **)&m->ties)) < 0 ||
	    (rc = vec_keep(r, &keys, (void **)&m->tie_keys)) < 0)
		goto done;
done:
	vec_release(&ties);
	vec_release(&keys);
	free(wave_start);
	free(where);
	free(order);
	return rc;
}

/* 1 when t, spaces around it aside, is made of digits and . e E + - with a digit. */
static int is_number_text(const char *t)
{
	size_t len;
	int digit = 0;

	if (!t)
		return 0;
	while (*t == ' ')
		t++;
	len = strlen(t);
	while (len > 0 && t[len - 1] == ' ')
		len--;
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (t[i] >= '0' && t[i] <= '9')
			digit = 1;
		else if (!strchr(".eE+-", t[i]))
			return 0;
	}
	return digit;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every distinct name of attrs[0..n) (each sorted), sorted, into *names. */
static int attr_names(reader *r, const ripple_attrs *attrs, size_t n, const char ***names,
                      size_t *count)
{
	size_t total = 0, k = 0;
	const char **v;

	for (size_t i = 0; i < n; i++)
		total += attrs[i].count;
	if (!(v = malloc((total ? total : 1) * sizeof(*v))))
		return nomem(r);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < attrs[i].count; j++)
			v[k++] = attrs[i].items[j].name;
	qsort(v, total, sizeof(*v), str_cmp);
	k = 0;
	for (size_t i = 0; i < total; i++)
		if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	*names = arena_alloc(&r->arena, k * sizeof(**names));
	if (*names)
		memcpy(*names, v, k * sizeof(*v));
	*count = k;
	free(v);
	return *names ? RIPPLE_OK : nomem(r);
}

/*
 * The attributes of the rows whose keys are keys[0..n) (increasing), read in
 * the order of the attribute table's primary key (row, name) over the range
 * of the keys: per row, sorted by name. Names are shared in the arena.
 */
static int read_attrs(reader *r, const char *sql, const int64_t *keys, size_t n,
                      ripple_attrs *attrs, const char ***names, size_t *nnames)
{
	vec items = { NULL, NULL, 0, 0, sizeof(ripple_attr) }, rows = { NULL, NULL, 0, 0, sizeof(size_t) };
	int rc;

	*names = NULL;
	*nnames = 0;
	if (n == 0)
		return RIPPLE_OK;
	if ((rc = prepare(r, sql)) < 0)
		return rc;
	sqlite3_bind_int64(r->st, 2, keys[0]);
	sqlite3_bind_int64(r->st, 3, keys[n - 1]);
	while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
		size_t row = index_of(keys, n, sqlite3_column_int64(r->st, 0)), *at;
		ripple_attr *a;
		if (row == RIPPLE_NONE)
			continue;   /* a row of another place in the range */
		if (!(a = vec_push(&items)) || !(at = vec_push(&rows))) {
			rc = nomem(r);
			break;
		}
		*at = row;
		a->name = shared_text(r, 1);
		a->value = shared_text(r, 2);
		a->number = is_number_text(a->value) ? sqlite3_column_double(r->st, 3) : NAN;
		if (!a->name || !a->value) {
			rc = nomem(r);
			break;
		}
	}
	if ((rc = done(r, rc)) == RIPPLE_OK) {
		ripple_attr *kept;
		if ((rc = vec_keep(r, &items, (void **)&kept)) == RIPPLE_OK) {
			/* rows come in key order, so each row's attributes are one run */
			for (size_t i = 0; i < items.n; i++) {
				size_t row = ((size_t *)rows.items)[i];
				if (attrs[row].count == 0)
					attrs[row].items = kept + i;
				attrs[row].count++;
			}
			rc = attr_names(r, attrs, n, names, nnames);
		}
	}
	vec_release(&items);
	vec_release(&rows);
	return rc;
}

static unsigned capital_bit(const char *name)
{
	for (int i = 0; i < RIPPLE_NCAPITALS; i++)
		if (name && strcmp(name, ripple_capital_name(i)) == 0)
			return 1u << i;
	return 0;
}

/*
 * Ripple orders (m->ripple_order, allocated): a first-order ripple is 1, its
 * children 2 ...; 0 when no chain of parents reaches the programme (a cycle,
 * or a parent of another place, in a damaged database). parent_keys: each
 * ripple's stored parent key, nonzero where a parent was named that is not
 * in m (its chain is 0); NULL when every parent is in m. Each ripple is
 * walked up once, without recursion: O(ripples).
 */
static int ripple_orders(reader *r, const int64_t *parent_keys)
{
	ripple_model *m = r->m;
	size_t *path = malloc((m->nripples ? m->nripples : 1) * sizeof(*path));
	char *seen = calloc(m->nripples ? m->nripples : 1, sizeof(*seen));
	int rc = RIPPLE_OK;

	if (!path || !seen) {
		rc = nomem(r);
		goto done;
	}
	for (size_t i = 0; i < m->nripples; i++) {
		size_t len = 0, at = i;
		int ord;
		/* up to a ripple whose order is known, the root, or one seen before */
		while (at != RIPPLE_NONE && !seen[at]) {
			seen[at] = 1;
			path[len++] = at;
			at = m->ripples[at].parent;
		}
		if (len == 0)
			continue;
		at = path[len - 1];
		if (m->ripples[at].parent == RIPPLE_NONE)
			ord = parent_keys && parent_keys[at] ? 0 : 1;
		else
			ord = m->ripple_order[m->ripples[at].parent] ? m->ripple_order[m->ripples[at].parent] + 1 : 0;
		for (size_t j = len; j-- > 0;) {
			m->ripple_order[path[j]] = ord;
			ord = ord ? ord + 1 : 0;
		}
	}
done:
	free(path);
	free(seen);
	return rc;
}

static int read_ripples(reader *r)
{
	ripple_model *m = r->m;
	vec ripples = { NULL, NULL, 0, 0, sizeof(ripple_ripple) }, keys = { NULL, NULL, 0, 0, sizeof(int64_t) },
	    parents = { NULL, NULL, 0, 0, sizeof(int64_t) }, actors = { NULL, NULL, 0, 0, sizeof(size_t) },
	    owners = { NULL, NULL, 0, 0, sizeof(size_t) };
	int rc;

	/* a database older than version 6, read as it is, has no notes: "" */
	if ((rc = prepare(r, r->version >= 6
	                     ? "SELECT ripple_id, code, coalesce(parent_id, 0), label, valence, "
	                       "intended, coalesce(date, ''), coalesce(notes, '') FROM ripple "
	                       "WHERE place_id = ?1 ORDER BY ripple_id"
	                     : "SELECT ripple_id, code, coalesce(parent_id, 0), label, valence, "
	                       "intended, coalesce(date, ''), '' FROM ripple "
	                       "WHERE place_id = ?1 ORDER BY ripple_id")) < 0)
		return rc;
	while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
		ripple_ripple *x = vec_push(&ripples);
		int64_t *k = vec_push(&keys), *p = vec_push(&parents);
		const char *valence, *intended;
		if (!x || !k || !p) {
			rc = nomem(r);
			break;
		}
		memset(x, 0, sizeof(*x));
		*k = sqlite3_column_int64(r->st, 0);
		*p = sqlite3_column_int64(r->st, 2);
		x->id = text(r, 1);
		x->label = text(r, 3);
		valence = (const char *)sqlite3_column_text(r->st, 4);
		intended = (const char *)sqlite3_column_text(r->st, 5);
		x->valence = valence && strcmp(valence, "negative") == 0 ? -1 : 1;
		x->intended = !intended ? -1 : strcmp(intended, "yes") == 0 ? 1
		              : strcmp(intended, "no") == 0 ? 0 : -1;
		x->date = text(r, 6);
		x->notes = text(r, 7);
		if (!x->id || !x->label || !x->date || !x->notes) {
			rc = nomem(r);
			break;
		}
	}
	if ((rc = done(r, rc)) < 0 ||
	    (rc = vec_keep(r, &ripples, (void **)&m->ripples)) < 0 ||
	    (rc = vec_keep(r, &keys, (void **)&m->ripple_keys)) < 0)
		goto done;
	m->nripples = ripples.n;
	for (size_t i = 0; i < m->nripples; i++) {
		int64_t pk = ((int64_t *)parents.items)[i];
		m->ripples[i].parent = pk ? index_of(m->ripple_keys, m->nripples, pk) : RIPPLE_NONE;
	}

	/* capitals */
	if ((rc = prepare(r, "SELECT c.ripple_id, c.capital FROM ripple_capital c "
	                     "JOIN ripple x USING (ripple_id) WHERE x.place_id = ?1")) < 0)
		goto done;
	while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
		size_t i = index_of(m->ripple_keys, m->nripples, sqlite3_column_int64(r->st, 0));
		if (i != RIPPLE_NONE)
			m->ripples[i].capitals |= capital_bit((const char *)sqlite3_column_text(r->st, 1));
	}
	if ((rc = done(r, rc)) < 0)
		goto done;

	/* the actors each names, in actor order */
	if ((rc = prepare(r, "SELECT ra.ripple_id, ra.actor_id FROM ripple_actor ra "
	                     "JOIN ripple x USING (ripple_id) WHERE x.place_id = ?1 "
	                     "ORDER BY ra.ripple_id, ra.actor_id")) < 0)
		goto done;
	while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
		size_t i = index_of(m->ripple_keys, m->nripples, sqlite3_column_int64(r->st, 0));
		size_t a = index_of(m->actor_keys, m->nactors, sqlite3_column_int64(r->st, 1));
		size_t *pa, *po;
		if (i == RIPPLE_NONE || a == RIPPLE_NONE)
			continue;   /* an actor of another place names nobody here */
		if (!(pa = vec_push(&actors)) || !(po = vec_push(&owners))) {
			rc = nomem(r);
			break;
		}
		*pa = a;
		*po = i;
	}
	if ((rc = done(r, rc)) < 0)
		goto done;
	{
		size_t *kept;
		if ((rc = vec_keep(r, &actors, (void **)&kept)) < 0)
			goto done;
		for (size_t j = 0; j < actors.n; j++) {
			ripple_ripple *x = &m->ripples[((size_t *)owners.items)[j]];
			if (x->nactors == 0)
				x->actors = kept + j;
			x->nactors++;
		}
	}

	if (!(m->ripple_order = arena_calloc(&r->arena, m->nripples, sizeof(*m->ripple_order)))) {
		rc = nomem(r);
		goto done;
	}
	rc = ripple_orders(r, (const int64_t *)parents.items);
done:
	vec_release(&ripples);
	vec_release(&keys);
	vec_release(&parents);
	vec_release(&actors);
	vec_release(&owners);
	return rc;
}

static int read_layout(reader *r)
{
	ripple_model *m = r->m;
	int rc;

	if ((rc = prepare(r, "SELECT method FROM layout WHERE place_id = ?1")) < 0)
		return rc;
	if ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
		if (!(m->layout_method = text(r, 0)))
			return nomem(r);
	} else {
		return done(r, rc);
	}
	if (!(m->layout_x = arena_alloc(&r->arena, m->nactors * sizeof(double))) ||
	    !(m->layout_y = arena_alloc(&r->arena, m->nactors * sizeof(double))))
		return nomem(r);
	for (size_t i = 0; i < m->nactors; i++)
		m->layout_x[i] = m->layout_y[i] = NAN;
	if ((rc = prepare(r, "SELECT actor_id, x, y FROM layout_position WHERE place_id = ?1")) < 0)
		return rc;
	while ((rc = sqlite3_step(r->st)) == SQLITE_ROW) {
		size_t a = index_of(m->actor_keys, m->nactors, sqlite3_column_int64(r->st, 0));
		if (a == RIPPLE_NONE)
			continue;
		m->layout_x[a] = sqlite3_column_double(r->st, 1);
		m->layout_y[a] = sqlite3_column_double(r->st, 2);
	}
	return done(r, rc);
}

/* ---- a held place as the model, without the database --------------------------- */

/*
 * What the import writes and ripple_store_read reads back, said once more
 * from the place: every step below names the SQL it stands for. The actors,
 * ties and ripples keep their file order (their ids increase in it), the waves
 * their order (place.c sorted them by ordinal; ordinals are distinct), and the
 * store ids are those an import into an empty database would give (k).
 */

/* CAST(trim(value) AS REAL) of a text is_number_text accepts, as SQLite reads it
 * (its own conversion, not strtod: the two round differently on long digit strings). */
static int held_number(reader *r, const char *value, double *out)
{
	size_t i;
	double *slot;

	if (!is_number_text(value)) {
		*out = NAN;
		return RIPPLE_OK;
	}
	if ((i = ripple_strmap_get(&r->numbers, value)) != RIPPLE_NONE) {
		*out = ((double *)r->numberv.items)[i];
		return RIPPLE_OK;
	}
	if (!r->cast_db &&
	    (sqlite3_open_v2(":memory:", &r->cast_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	                     NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(r->cast_db, "SELECT CAST(trim(?1) AS REAL)", -1, &r->cast,
	                        NULL) != SQLITE_OK))
		return r->cast_db ? ripple_db_fail(r->cast_db, r->err) : nomem(r);
	sqlite3_bind_text(r->cast, 1, value, -1, SQLITE_STATIC);
	if (sqlite3_step(r->cast) != SQLITE_ROW)
		return ripple_db_fail(r->cast_db, r->err);
	*out = sqlite3_column_double(r->cast, 0);
	sqlite3_reset(r->cast);
	if (!(slot = vec_push(&r->numberv)) ||
	    ripple_strmap_put(&r->numbers, value, r->numberv.n - 1, NULL) < 0)
		return nomem(r);
	*slot = *out;
	return RIPPLE_OK;
}

static int attr_cmp(const void *a, const void *b)
{
	return strcmp(((const ripple_attr *)a)->name, ((const ripple_attr *)b)->name);
}

/*
 * The attributes of n items (actors or ties) whose CSV rows are rows[i]: the
 * non-empty cells of the extra columns (import_attributes), per item sorted
 * by name (the primary key (id, name) they are read back in), names and
 * values shared.
 */
static int held_attrs(reader *r, const ripple_csv *csv, const size_t *extra, size_t nextra,
                      const size_t *rows, size_t n, ripple_attrs *attrs, const char ***names,
                      size_t *nnames)
{
	size_t total = 0, k = 0;
	ripple_attr *items;
	int rc;

	*names = NULL;
	*nnames = 0;
	if (n == 0)
		return RIPPLE_OK;
	for (size_t i = 0; nextra && i < n; i++)
		for (size_t c = 0; c < nextra; c++)
			total += *ripple_csv_cell(csv, rows[i], extra[c]) != '\0';
	if (!(items = arena_alloc(&r->arena, total * sizeof(*items))))
		return nomem(r);
	for (size_t i = 0; total && i < n; i++) {
		size_t first = k;
		for (size_t c = 0; c < nextra; c++) {
			const char *v = ripple_csv_cell(csv, rows[i], extra[c]);
			ripple_attr *a = &items[k];
			if (!*v)
				continue;
			if (!(a->name = shared_str(r, csv->header[extra[c]])) ||
			    !(a->value = shared_str(r, v)))
				return nomem(r);
			if ((rc = held_number(r, a->value, &a->number)) < 0)
				return rc;
			k++;
		}
		if (k > first) {
			qsort(items + first, k - first, sizeof(*items), attr_cmp);
			attrs[i] = (ripple_attrs){ items + first, k - first };
		}
	}
	return attr_names(r, attrs, n, names, nnames);
}

/* A tie of a wave in the order of the tie index (source_id, target_id, type). */
typedef struct held_tie {
	size_t source, target;
	const char *type;
	size_t i;
} held_tie;

static int held_tie_cmp(const void *a, const void *b)
{
	const held_tie *x = a, *y = b;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->target != y->target)
		return x->target < y->target ? -1 : 1;
	return strcmp(x->type, y->type);   /* distinct in a wave: place.c refuses a duplicate */
}

/* Every wave's ties in index order (read_ties). */
static int held_wave_ties(reader *r, const ripple_place *p)
{
	ripple_model *m = r->m;
	size_t *start = calloc(m->nwaves + 1, sizeof(*start));
	held_tie *order = malloc((m->nties ? m->nties : 1) * sizeof(*order));
	int rc = RIPPLE_OK;

	if (!start || !order) {
		rc = nomem(r);
		goto done;
	}
	for (size_t i = 0; i < m->nties; i++)
		start[p->ties[i].wave + 1]++;
	for (size_t w = 0; w < m->nwaves; w++)
		start[w + 1] += start[w];
	for (size_t i = 0; i < m->nties; i++) {
		const ripple_tie *t = &m->ties[i];
		order[start[t->wave]++] = (held_tie){ t->source, t->target, t->type, i };
	}
	for (size_t w = m->nwaves; w-- > 0;)   /* start[w] is now the end of wave w */
		start[w + 1] = start[w];
	start[0] = 0;
	for (size_t w = 0; w < m->nwaves; w++) {
		size_t count = start[w + 1] - start[w];
		size_t *items = arena_alloc(&r->arena, count * sizeof(*items));
		if (!items) {
			rc = nomem(r);
			goto done;
		}
		qsort(order + start[w], count, sizeof(*order), held_tie_cmp);
		for (size_t j = 0; j < count; j++)
			items[j] = order[start[w] + j].i;
		m->wave_ties[w] = (ripple_indices){ items, count };
	}
done:
	free(start);
	free(order);
	return rc;
}

static int size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* The ripples (read_ripples): their actors in actor order, their orders. */
static int held_ripples(reader *r, const ripple_place *p, int64_t key1)
{
	ripple_model *m = r->m;
	size_t nnamed = 0, *named;

	m->nripples = p->nripples;
	for (size_t i = 0; i < p->nripples; i++)
		nnamed += p->ripples[i].nactors;
	if (!(m->ripples = arena_calloc(&r->arena, m->nripples, sizeof(*m->ripples))) ||
	    !(m->ripple_keys = arena_calloc(&r->arena, m->nripples, sizeof(*m->ripple_keys))) ||
	    !(m->ripple_order = arena_calloc(&r->arena, m->nripples, sizeof(*m->ripple_order))) ||
	    !(named = arena_alloc(&r->arena, nnamed * sizeof(*named))))
		return nomem(r);
	for (size_t i = 0; i < p->nripples; i++) {
		const ripple_ripple *q = &p->ripples[i];
		ripple_ripple *x = &m->ripples[i];
		m->ripple_keys[i] = key1 + (int64_t)i;
		x->parent = q->parent;
		x->capitals = q->capitals & ((1u << RIPPLE_NCAPITALS) - 1);
		x->valence = q->valence < 0 ? -1 : 1;
		x->intended = q->intended > 0 ? 1 : q->intended == 0 ? 0 : -1;
		if (!(x->id = arena_strdup(&r->arena, q->id)) ||
		    !(x->label = arena_strdup(&r->arena, q->label)) ||
		    !(x->date = arena_strdup(&r->arena, q->date)) ||
		    !(x->notes = arena_strdup(&r->arena, q->notes)))
			return nomem(r);
		if (q->nactors) {   /* ORDER BY ra.ripple_id, ra.actor_id; each once (place.c) */
			x->actors = named;
			x->nactors = q->nactors;
			memcpy(named, q->actors, q->nactors * sizeof(*named));
			qsort(named, q->nactors, sizeof(*named), size_cmp);
			named += q->nactors;
		}
	}
	return ripple_orders(r, NULL);   /* as read_ripples finds them */
}

/* Builds r->m from p (ripple_store_read_held). */
static int held_build(reader *r, const ripple_place *p, const ripple_held_keys *k)
{
	ripple_model *m = r->m;
	size_t *rows = NULL, nrows = p->nactors > p->nties ? p->nactors : p->nties;
	int rc = RIPPLE_OK;

	/* place: source is the folder; the name and programme as imported */
	m->place_id = k->place;
	m->directed = p->directed != 0;
	if (!(m->name = arena_strdup(&r->arena, p->name)) ||
	    !(m->programme = arena_strdup(&r->arena, p->programme)) ||
	    !(m->source = arena_strdup(&r->arena, p->folder)))
		return nomem(r);

	/* waves, in order (ORDER BY ordinal, wave_id: the order they were written in) */
	m->nwaves = p->nwaves;
	if (!(m->waves = arena_calloc(&r->arena, m->nwaves, sizeof(*m->waves))) ||
	    !(m->wave_keys = arena_calloc(&r->arena, m->nwaves, sizeof(*m->wave_keys))) ||
	    !(m->wave_ties = arena_calloc(&r->arena, m->nwaves, sizeof(*m->wave_ties))))
		return nomem(r);
	for (size_t w = 0; w < m->nwaves; w++) {
		m->wave_keys[w] = k->wave + (int64_t)w;
		m->waves[w].ordinal = p->waves[w].ordinal;
		if (!(m->waves[w].name = arena_strdup(&r->arena, p->waves[w].name)) ||
		    !(m->waves[w].date = arena_strdup(&r->arena, p->waves[w].date)))
			return nomem(r);
	}

	/* actors: an empty sector or town is NULL, read back as ""; attended_when is
	 * kept only for an actor that attended; .row is the index */
	m->nactors = p->nactors;
	if (!(m->actors = arena_calloc(&r->arena, m->nactors, sizeof(*m->actors))) ||
	    !(m->actor_keys = arena_calloc(&r->arena, m->nactors, sizeof(*m->actor_keys))) ||
	    !(m->actor_attrs = arena_calloc(&r->arena, m->nactors, sizeof(*m->actor_attrs))) ||
	    !(rows = malloc((nrows ? nrows : 1) * sizeof(*rows))))
		return nomem(r);
	for (size_t i = 0; i < m->nactors; i++) {
		const ripple_actor *q = &p->actors[i];
		ripple_actor *a = &m->actors[i];
		m->actor_keys[i] = k->actor + (int64_t)i;
		a->kind = q->kind;
		a->parent = q->parent;
		a->attended = q->attended == 0 || q->attended == 1 ? q->attended : -1;
		a->attended_by = RIPPLE_NONE;
		a->row = i;
		if (!(a->id = arena_strdup(&r->arena, q->id)) ||
		    !(a->label = arena_strdup(&r->arena, q->label)) ||
		    !(a->sector = shared_str(r, q->sector)) || !(a->town = shared_str(r, q->town)) ||
		    !(a->attended_when = a->attended == 1 ? arena_strdup(&r->arena, q->attended_when) : ""))
			goto fail;
	}
	if (p->responses) {   /* the statuses imported, every other actor x wave answered */
		size_t n = m->nactors * m->nwaves;
		if (!(m->responses = arena_alloc(&r->arena, n)))
			goto fail;
		memcpy(m->responses, p->responses, n);
	}

	/* ties, in ties.csv order (tie_id); .row is the index */
	m->nties = p->nties;
	if (!(m->ties = arena_calloc(&r->arena, m->nties, sizeof(*m->ties))) ||
	    !(m->tie_keys = arena_calloc(&r->arena, m->nties, sizeof(*m->tie_keys))) ||
	    !(m->tie_attrs = arena_calloc(&r->arena, m->nties, sizeof(*m->tie_attrs))))
		goto fail;
	for (size_t i = 0; i < m->nties; i++) {
		const ripple_tie *q = &p->ties[i];
		m->tie_keys[i] = k->tie + (int64_t)i;
		m->ties[i] = (ripple_tie){ q->source, q->target, q->wave, shared_str(r, q->type),
		                           q->weight, i };
		if (!m->ties[i].type)
			goto fail;
	}
	if ((rc = held_wave_ties(r, p)) < 0)
		goto fail;

	for (size_t i = 0; i < m->nactors; i++)
		rows[i] = p->actors[i].row;
	if ((rc = held_attrs(r, p->actors_csv, p->actor_extra, p->nactor_extra, rows, m->nactors,
	                     m->actor_attrs, &m->actor_attr_names, &m->nactor_attr_names)) < 0)
		goto fail;
	for (size_t i = 0; i < m->nties; i++)
		rows[i] = p->ties[i].row;
	if ((rc = held_attrs(r, p->ties_csv, p->tie_extra, p->ntie_extra, rows, m->nties,
	                     m->tie_attrs, &m->tie_attr_names, &m->ntie_attr_names)) < 0 ||
	    (rc = held_ripples(r, p, k->ripple)) < 0)
		goto fail;
	attended_times(r);   /* no layout: a folder has none */
	free(rows);
	return rc;
fail:   /* out of memory, or rc from a step */
	free(rows);
	return rc < 0 ? rc : nomem(r);
}

int ripple_store_read_held(ripple_model **out, const ripple_place *p, const ripple_held_keys *k,
                           ripple_error *err)
{
	reader r = { NULL, NULL, NULL, NULL, err, { 0 }, { NULL, NULL, 0, 0, sizeof(const char *) }, 0,
	             0, NULL, NULL, { 0 }, { NULL, NULL, 0, 0, sizeof(double) } };
	int rc;

	*out = NULL;
	if (!(r.m = calloc(1, sizeof(*r.m))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	rc = held_build(&r, p, k);
	sqlite3_finalize(r.cast);
	sqlite3_close(r.cast_db);
	ripple_strmap_release(&r.shared);
	vec_release(&r.sharedv);
	ripple_strmap_release(&r.numbers);
	vec_release(&r.numberv);
	if (rc < 0) {
		arena_free(r.arena);
		free(r.m);
		return rc;
	}
	r.m->arena = r.arena;
	*out = r.m;
	return RIPPLE_OK;
}

int ripple_store_read(ripple_model **out, ripple_store *s, int64_t place_id, ripple_error *err)
{
	reader r = { s, NULL, NULL, NULL, err, { 0 }, { NULL, NULL, 0, 0, sizeof(const char *) }, 0, 0,
	             NULL, NULL, { 0 }, { NULL, NULL, 0, 0, sizeof(double) } };
	int rc;

	*out = NULL;
	if (!s->db) {
		const ripple_place *p = ripple_store_held(s, place_id);
		if (!p)
			return ripple_error_set(err, RIPPLE_ENOTFOUND, "", 0, 0, "no such place");
		return ripple_store_read_held(out, p, &s->keys[place_id - 1], err);
	}
	if (!(r.m = calloc(1, sizeof(*r.m))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	r.m->place_id = place_id;
	/* one read transaction: an import committing meanwhile is seen whole or not
	 * at all (a savepoint, so that a read inside the caller's transaction works) */
	if (sqlite3_exec(s->db, "SAVEPOINT ripple_read", NULL, NULL, NULL) != SQLITE_OK) {
		rc = ripple_db_fail(s->db, err);
		free(r.m);
		return rc;
	}
	if ((rc = ripple_store_version(s, &r.version, err)) < 0 ||
	    (rc = read_place(&r)) < 0 || (rc = read_waves(&r)) < 0 ||
	    (rc = read_actors(&r)) < 0 || (rc = read_responses(&r)) < 0 ||
	    (rc = read_ties(&r)) < 0 ||
	    (rc = read_attrs(&r, "SELECT actor_id, name, value, CAST(trim(value) AS REAL) "
	                         "FROM actor_attribute WHERE actor_id BETWEEN ?2 AND ?3",
	                     r.m->actor_keys, r.m->nactors, r.m->actor_attrs,
	                     &r.m->actor_attr_names, &r.m->nactor_attr_names)) < 0 ||
	    (rc = read_attrs(&r, "SELECT tie_id, name, value, CAST(trim(value) AS REAL) "
	                         "FROM tie_attribute WHERE tie_id BETWEEN ?2 AND ?3",
	                     r.m->tie_keys, r.m->nties, r.m->tie_attrs,
	                     &r.m->tie_attr_names, &r.m->ntie_attr_names)) < 0 ||
	    (rc = read_ripples(&r)) < 0 || (rc = read_layout(&r)) < 0)
		goto fail;
	attended_times(&r);
	sqlite3_finalize(r.st);
	sqlite3_exec(s->db, "RELEASE ripple_read", NULL, NULL, NULL);
	ripple_strmap_release(&r.shared);
	vec_release(&r.sharedv);
	r.m->arena = r.arena;
	*out = r.m;
	return RIPPLE_OK;
fail:
	sqlite3_finalize(r.st);
	sqlite3_exec(s->db, "ROLLBACK TO ripple_read", NULL, NULL, NULL);
	sqlite3_exec(s->db, "RELEASE ripple_read", NULL, NULL, NULL);
	ripple_strmap_release(&r.shared);
	vec_release(&r.sharedv);
	arena_free(r.arena);
	free(r.m);
	return rc;
}

void ripple_model_free(ripple_model *m)
{
	if (!m)
		return;
	arena_free(m->arena);
	free(m);
}

ripple_model *ripple_model_new(void)
{
	return calloc(1, sizeof(ripple_model));
}

void *ripple_model_alloc(ripple_model *m, size_t size)
{
	block *head = m->arena;
	void *p = arena_calloc(&head, 1, size);
	m->arena = head;
	return p;
}

/* ---- looking things up --------------------------------------------------------- */

size_t ripple_model_wave(const ripple_model *m, const char *name)
{
	for (size_t w = 0; w < m->nwaves; w++)
		if (strcmp(m->waves[w].name, name) == 0)
			return w;
	return RIPPLE_NONE;
}

size_t ripple_model_find_wave(const ripple_model *m, const char *name, ripple_error *err)
{
	size_t w = ripple_model_wave(m, name);
	char list[512] = "";
	size_t len = 0;

	if (w != RIPPLE_NONE)
		return w;
	for (size_t i = 0; i < m->nwaves && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
		                        m->waves[i].name);
	ripple_error_set(err, RIPPLE_ENOTFOUND, "", 0, 0, "place \"%s\" has no wave \"%s\" (waves: %s)",
	                 m->name, name, m->nwaves ? list : "none");
	return RIPPLE_NONE;
}

size_t ripple_model_actor_of_key(const ripple_model *m, int64_t key)
{
	return index_of(m->actor_keys, m->nactors, key);
}

const ripple_attr *ripple_attrs_get(ripple_attrs attrs, const char *name)
{
	size_t lo = 0, hi = attrs.count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(attrs.items[mid].name, name);
		if (c == 0)
			return &attrs.items[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- a place's identity ---------------------------------------------------------- */

/* FNV-1a over n bytes. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211u;
	return h;
}

/* Every column of every row of sql (?1 the place) into *h; RIPPLE_OK or the error. */
static int stamp_rows(uint64_t *h, sqlite3 *db, const char *sql, int64_t place_id,
                      ripple_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return ripple_db_fail(db, err);
	sqlite3_bind_int64(st, 1, place_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);
		*h = fnv(*h, "\n", 1);
		for (int c = 0; c < n; c++) {
			unsigned char type = (unsigned char)sqlite3_column_type(st, c);
			*h = fnv(*h, &type, 1);
			if (type == SQLITE_INTEGER) {
				int64_t v = sqlite3_column_int64(st, c);
				*h = fnv(*h, &v, sizeof(v));
			} else if (type == SQLITE_FLOAT) {
				double v = sqlite3_column_double(st, c);
				*h = fnv(*h, &v, sizeof(v));
			} else if (type != SQLITE_NULL) {
				const void *p = sqlite3_column_blob(st, c);
				int len = sqlite3_column_bytes(st, c);
				*h = fnv(*h, &len, sizeof(len));
				if (p)
					*h = fnv(*h, p, (size_t)len);
			}
		}
	}
	rc = rc == SQLITE_DONE ? RIPPLE_OK : ripple_db_fail(db, err);
	sqlite3_finalize(st);
	return rc;
}

int ripple_store_place_stamp(uint64_t *stamp, ripple_store *s, int64_t place_id,
                             ripple_error *err)
{
	/* every row of the place, its store ids included: a place imported again
	 * (import --replace) differs in imported_at, its ids or its content, unless
	 * it is the same place again to the second and the byte */
	static const char *const all[] = {
		"SELECT * FROM place WHERE place_id = ?1",
		"SELECT * FROM wave WHERE place_id = ?1 ORDER BY wave_id",
		"SELECT * FROM actor WHERE place_id = ?1 ORDER BY actor_id",
		"SELECT a.* FROM actor_attribute a JOIN actor USING (actor_id) "
		"WHERE place_id = ?1 ORDER BY a.actor_id, a.name",
		"SELECT t.* FROM tie t JOIN wave USING (wave_id) WHERE place_id = ?1 ORDER BY t.tie_id",
		"SELECT a.* FROM tie_attribute a JOIN tie USING (tie_id) JOIN wave USING (wave_id) "
		"WHERE place_id = ?1 ORDER BY a.tie_id, a.name",
		"SELECT * FROM ripple WHERE place_id = ?1 ORDER BY ripple_id",
		"SELECT c.* FROM ripple_capital c JOIN ripple USING (ripple_id) "
		"WHERE place_id = ?1 ORDER BY c.ripple_id, c.capital",
		"SELECT a.* FROM ripple_actor a JOIN ripple USING (ripple_id) "
		"WHERE place_id = ?1 ORDER BY a.ripple_id, a.actor_id",
		"SELECT r.* FROM response r JOIN actor USING (actor_id) "
		"WHERE place_id = ?1 ORDER BY r.actor_id, r.wave_id",   /* version 4 on */
	};
	size_t n = sizeof(all) / sizeof(*all);
	uint64_t h = 14695981039346656037u;
	int version = 0, rc = RIPPLE_OK, found;
	sqlite3_stmt *st = NULL;

	*stamp = 0;
	if (!s->db) {   /* a held place never changes */
		*stamp = ripple_store_held(s, place_id) ? 1 : 0;
		return RIPPLE_OK;
	}
	if (sqlite3_exec(s->db, "SAVEPOINT ripple_stamp", NULL, NULL, NULL) != SQLITE_OK)
		return ripple_db_fail(s->db, err);
	if ((rc = ripple_store_version(s, &version, err)) < 0)
		goto done;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM place WHERE place_id = ?1", -1, &st,
	                       NULL) != SQLITE_OK) {
		rc = ripple_db_fail(s->db, err);
		goto done;
	}
	sqlite3_bind_int64(st, 1, place_id);
	found = sqlite3_step(st);
	sqlite3_finalize(st);
	if (found != SQLITE_ROW) {   /* gone: stamp 0 */
		if (found != SQLITE_DONE)
			rc = ripple_db_fail(s->db, err);
		goto done;
	}
	if (version < 4)
		n--;
	for (size_t i = 0; i < n && rc == RIPPLE_OK; i++)
		rc = stamp_rows(&h, s->db, all[i], place_id, err);
	*stamp = rc == RIPPLE_OK ? (h ? h : 1) : 0;
done:
	if (rc < 0)
		sqlite3_exec(s->db, "ROLLBACK TO ripple_stamp", NULL, NULL, NULL);
	sqlite3_exec(s->db, "RELEASE ripple_stamp", NULL, NULL, NULL);
	return rc;
}
