/*
 * ripple/rollup.h - a place seen at the level of its organisations: teams and
 * people rolled up to their top-level organisation.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_ROLLUP_API_H
#define RIPPLE_ROLLUP_API_H

#include <stddef.h>

#include "ripple/error.h"
#include "ripple/model.h"

/** The level a command measures, draws or exports a place at (--level). */
enum ripple_level { RIPPLE_LEVEL_ACTOR, RIPPLE_LEVEL_ORGANISATION };

/** "actor" or "organisation"; -1 for anything else. */
int ripple_level_parse(const char *name);

/**
 * The actor each actor of m stands for at the organisation level: its
 * topmost ancestor (following parents up) when that is an organisation,
 * else the actor itself (a person with no parent, or one under a team that
 * has none, stays as itself). An actor in a cycle of parents (a damaged
 * database) stands for itself.
 * to[a] for every actor a (m->nactors of them). O(actors x depth).
 */
void ripple_rollup_map(size_t *to, const ripple_model *m);

/**
 * m rolled up to the organisation level (docs/MEASURES.md, "Organisation
 * level"), as a model of its own (*out, released with ripple_model_free;
 * nothing in it points into m):
 * - actors: those some actor rolls up to (ripple_rollup_map), in m's order,
 *   each with its own fields, key and attributes; parent: the rolled-up
 *   parent when that is another actor kept, else none;
 * - waves as in m; responses (when m has them): an actor kept answered a
 *   wave when any actor rolled up to it answered, was absent when all were
 *   absent, else missing;
 * - ties: per wave, one per pair of distinct actors kept (ordered when the
 *   place is directed, unordered otherwise) that any tie of the wave joins
 *   once rolled up; weight = the number of the wave's ties of m it stands
 *   for (types and weights of m ignored), type "", no attributes; a tie
 *   inside one actor kept is dropped. Ties are numbered 1, 2, ... in order
 *   of (wave, source, target), which is also each wave's order;
 * - ripples as in m, each naming the actors kept its actors roll up to,
 *   each once, in actor order;
 * - no stored layout (positions of m's actors do not place organisations).
 * O(actors x depth + ties log ties + ripple actors). RIPPLE_ENOMEM.
 */
int ripple_model_rollup(ripple_model **out, const ripple_model *m, ripple_error *err);

#endif /* RIPPLE_ROLLUP_API_H */
