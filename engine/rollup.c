/*
 * rollup.c - a model rolled up to the organisation level (ripple/rollup.h):
 * a new model built from the old, in the new model's own arena.
 */
#include <stdlib.h>
#include <string.h>

#include "ripple/error.h"
#include "ripple/model.h"
#include "ripple/rollup.h"

int ripple_level_parse(const char *name)
{
	if (!name)
		return -1;
	if (strcmp(name, "actor") == 0)
		return RIPPLE_LEVEL_ACTOR;
	if (strcmp(name, "organisation") == 0 || strcmp(name, "organization") == 0)
		return RIPPLE_LEVEL_ORGANISATION;
	return -1;
}

void ripple_rollup_map(size_t *to, const ripple_model *m)
{
	for (size_t a = 0; a < m->nactors; a++) {
		size_t top = a, steps = 0;
		while (m->actors[top].parent != RIPPLE_NONE && m->actors[top].parent < m->nactors &&
		       steps <= m->nactors) {
			top = m->actors[top].parent;
			steps++;
		}
		to[a] = steps <= m->nactors && m->actors[top].kind == RIPPLE_ORGANISATION ? top : a;
	}
}

/* A copy of s in out's arena; NULL when out of memory. */
static const char *dup(ripple_model *out, const char *s)
{
	size_t len = strlen(s ? s : "");
	char *p = ripple_model_alloc(out, len + 1);
	if (p)
		memcpy(p, s ? s : "", len + 1);
	return p;
}

/* n items of size bytes in out's arena (at least one byte); NULL when out of memory. */
static void *alloc_n(ripple_model *out, size_t n, size_t size)
{
	if (n && size > SIZE_MAX / n)
		return NULL;
	return ripple_model_alloc(out, n ? n * size : 1);
}

/* A rolled-up tie before it is placed: wave, then the pair. */
typedef struct pair {
	size_t wave, source, target;
} pair;

static int pair_cmp(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	if (x->wave != y->wave)
		return (x->wave > y->wave) - (x->wave < y->wave);
	if (x->source != y->source)
		return (x->source > y->source) - (x->source < y->source);
	return (x->target > y->target) - (x->target < y->target);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* The actors: the kept ones of m (kept[a] their new index), each copied whole. */
static int copy_actors(ripple_model *out, const ripple_model *m, const size_t *to, size_t *kept)
{
	size_t n = 0, k = 0, nnames = 0;
	const char **names;

	for (size_t a = 0; a < m->nactors; a++)
		kept[a] = RIPPLE_NONE;
	for (size_t a = 0; a < m->nactors; a++)
		if (to[a] == a)
			kept[a] = n++;
	out->nactors = n;
	if (!(out->actors = alloc_n(out, n, sizeof(*out->actors))) ||
	    !(out->actor_keys = alloc_n(out, n, sizeof(*out->actor_keys))) ||
	    !(out->actor_attrs = alloc_n(out, n, sizeof(*out->actor_attrs))))
		return RIPPLE_ENOMEM;
	for (size_t a = 0; a < m->nactors; a++) {
		const ripple_actor *x = &m->actors[a];
		ripple_actor *y;
		ripple_attr *attrs;
		if (kept[a] == RIPPLE_NONE)
			continue;
		y = &out->actors[k];
		*y = *x;
		y->row = k;
		y->parent = x->parent != RIPPLE_NONE && x->parent < m->nactors &&
		            kept[to[x->parent]] != k ? kept[to[x->parent]] : RIPPLE_NONE;
		if (!(y->id = dup(out, x->id)) || !(y->label = dup(out, x->label)) ||
		    !(y->sector = dup(out, x->sector)) || !(y->town = dup(out, x->town)) ||
		    !(y->attended_when = dup(out, x->attended_when)))
			return RIPPLE_ENOMEM;
		out->actor_keys[k] = m->actor_keys ? m->actor_keys[a] : (int64_t)a + 1;
		if (m->actor_attrs && m->actor_attrs[a].count) {
			ripple_attrs from = m->actor_attrs[a];
			if (!(attrs = alloc_n(out, from.count, sizeof(*attrs))))
				return RIPPLE_ENOMEM;
			for (size_t i = 0; i < from.count; i++) {
				attrs[i] = from.items[i];
				if (!(attrs[i].name = dup(out, from.items[i].name)) ||
				    !(attrs[i].value = dup(out, from.items[i].value)))
					return RIPPLE_ENOMEM;
			}
			out->actor_attrs[k] = (ripple_attrs){ attrs, from.count };
			nnames += from.count;
		}
		k++;
	}
	/* every attribute name the kept actors have, sorted, once */
	if (!(names = alloc_n(out, nnames, sizeof(*names))))
		return RIPPLE_ENOMEM;
	k = 0;
	for (size_t a = 0; a < n; a++)
		for (size_t i = 0; i < out->actor_attrs[a].count; i++)
			names[k++] = out->actor_attrs[a].items[i].name;
	qsort(names, k, sizeof(*names), str_cmp);
	nnames = 0;
	for (size_t i = 0; i < k; i++)
		if (nnames == 0 || strcmp(names[nnames - 1], names[i]) != 0)
			names[nnames++] = names[i];
	out->actor_attr_names = names;
	out->nactor_attr_names = nnames;
	return RIPPLE_OK;
}

/* The waves, and who answered each: any member answered, all absent, else missing. */
static int copy_waves(ripple_model *out, const ripple_model *m, const size_t *to,
                      const size_t *kept)
{
	out->nwaves = m->nwaves;
	if (!(out->waves = alloc_n(out, m->nwaves, sizeof(*out->waves))) ||
	    !(out->wave_keys = alloc_n(out, m->nwaves, sizeof(*out->wave_keys))) ||
	    !(out->wave_ties = alloc_n(out, m->nwaves, sizeof(*out->wave_ties))))
		return RIPPLE_ENOMEM;
	for (size_t w = 0; w < m->nwaves; w++) {
		out->waves[w] = m->waves[w];
		if (!(out->waves[w].name = dup(out, m->waves[w].name)) ||
		    !(out->waves[w].date = dup(out, m->waves[w].date)))
			return RIPPLE_ENOMEM;
		out->wave_keys[w] = m->wave_keys ? m->wave_keys[w] : (int64_t)w + 1;
	}
	if (!m->responses)
		return RIPPLE_OK;
	if (out->nactors && m->nwaves > SIZE_MAX / out->nactors)
		return RIPPLE_ENOMEM;
	if (!(out->responses = alloc_n(out, out->nactors * m->nwaves, 1)))
		return RIPPLE_ENOMEM;
	for (size_t w = 0; w < m->nwaves; w++) {
		unsigned char *r = out->responses + w * out->nactors;
		/* start from absent; a missing member lifts it to missing, an answer to answered */
		for (size_t k = 0; k < out->nactors; k++)
			r[k] = RIPPLE_RESPONSE_ABSENT;
		for (size_t a = 0; a < m->nactors; a++) {
			size_t k = kept[to[a]];
			enum ripple_response x = ripple_model_response(m, w, a);
			if (x == RIPPLE_RESPONSE_ANSWERED || (x == RIPPLE_RESPONSE_MISSING &&
			                                      r[k] == RIPPLE_RESPONSE_ABSENT))
				r[k] = (unsigned char)x;
		}
	}
	return RIPPLE_OK;
}

/* The ties: per wave, one per pair of kept actors, weight the ties it stands for. */
static int roll_ties(ripple_model *out, const ripple_model *m, const size_t *to,
                     const size_t *kept)
{
	pair *p = malloc((m->nties ? m->nties : 1) * sizeof(*p));
	size_t n = 0, k = 0;
	int rc = RIPPLE_ENOMEM;

	if (!p)
		return RIPPLE_ENOMEM;
	for (size_t i = 0; i < m->nties; i++) {
		const ripple_tie *t = &m->ties[i];
		size_t s = kept[to[t->source]], d = kept[to[t->target]];
		if (s == d)
			continue;   /* inside one organisation */
		if (!m->directed && s > d) {
			size_t x = s;
			s = d;
			d = x;
		}
		p[n++] = (pair){ t->wave, s, d };
	}
	qsort(p, n, sizeof(*p), pair_cmp);
	for (size_t i = 0; i < n; i++)   /* count the distinct pairs */
		k += i == 0 || pair_cmp(&p[i - 1], &p[i]) != 0;
	out->nties = k;
	if (!(out->ties = alloc_n(out, k, sizeof(*out->ties))) ||
	    !(out->tie_keys = alloc_n(out, k, sizeof(*out->tie_keys))) ||
	    !(out->tie_attrs = alloc_n(out, k, sizeof(*out->tie_attrs))))
		goto done;
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && pair_cmp(&p[i - 1], &p[i]) == 0) {
			out->ties[k - 1].weight += 1;
			continue;
		}
		out->ties[k] = (ripple_tie){ p[i].source, p[i].target, p[i].wave, "", 1, k };
		out->tie_keys[k] = (int64_t)k + 1;
		k++;
	}
	/* each wave's ties are a run of the (wave, source, target) order */
	for (size_t w = 0, i = 0; w < m->nwaves; w++) {
		size_t start = i, *items;
		while (i < k && out->ties[i].wave == w)
			i++;
		if (!(items = alloc_n(out, i - start, sizeof(*items))))
			goto done;
		for (size_t j = start; j < i; j++)
			items[j - start] = j;
		out->wave_ties[w] = (ripple_indices){ items, i - start };
	}
	rc = RIPPLE_OK;
done:
	free(p);
	return rc;
}

/* The ripples, each naming the kept actors its actors roll up to. */
static int roll_ripples(ripple_model *out, const ripple_model *m, const size_t *to,
                        const size_t *kept)
{
	out->nripples = m->nripples;
	if (!(out->ripples = alloc_n(out, m->nripples, sizeof(*out->ripples))) ||
	    !(out->ripple_keys = alloc_n(out, m->nripples, sizeof(*out->ripple_keys))) ||
	    !(out->ripple_order = alloc_n(out, m->nripples, sizeof(*out->ripple_order))))
		return RIPPLE_ENOMEM;
	for (size_t i = 0; i < m->nripples; i++) {
		const ripple_ripple *x = &m->ripples[i];
		ripple_ripple *y = &out->ripples[i];
		size_t n = 0;
		*y = *x;
		if (!(y->id = dup(out, x->id)) || !(y->label = dup(out, x->label)) ||
		    !(y->date = dup(out, x->date)) || !(y->notes = dup(out, x->notes)) ||
		    !(y->actors = alloc_n(out, x->nactors, sizeof(*y->actors))))
			return RIPPLE_ENOMEM;
		for (size_t j = 0; j < x->nactors; j++)
			y->actors[j] = kept[to[x->actors[j]]];
		qsort(y->actors, x->nactors, sizeof(*y->actors), size_cmp);
		for (size_t j = 0; j < x->nactors; j++)
			if (n == 0 || y->actors[n - 1] != y->actors[j])
				y->actors[n++] = y->actors[j];
		y->nactors = n;
		out->ripple_keys[i] = m->ripple_keys ? m->ripple_keys[i] : (int64_t)i + 1;
		out->ripple_order[i] = m->ripple_order ? m->ripple_order[i] : 0;
	}
	return RIPPLE_OK;
}

int ripple_model_rollup(ripple_model **out, const ripple_model *m, ripple_error *err)
{
	ripple_model *r = ripple_model_new();
	size_t *to = malloc((m->nactors ? m->nactors : 1) * sizeof(*to));
	size_t *kept = malloc((m->nactors ? m->nactors : 1) * sizeof(*kept));
	int rc = RIPPLE_ENOMEM;

	*out = NULL;
	if (!r || !to || !kept)
		goto fail;
	ripple_rollup_map(to, m);
	r->place_id = m->place_id;
	r->directed = m->directed;
	if (!(r->name = dup(r, m->name)) || !(r->programme = dup(r, m->programme)) ||
	    !(r->source = dup(r, m->source)) ||
	    (rc = copy_actors(r, m, to, kept)) < 0 || (rc = copy_waves(r, m, to, kept)) < 0 ||
	    (rc = roll_ties(r, m, to, kept)) < 0 || (rc = roll_ripples(r, m, to, kept)) < 0) {
		rc = RIPPLE_ENOMEM;
		goto fail;
	}
	free(to);
	free(kept);
	*out = r;
	return RIPPLE_OK;
fail:
	free(to);
	free(kept);
	ripple_model_free(r);
	return ripple_error_set(err, rc, "", 0, 0, "out of memory");
}
