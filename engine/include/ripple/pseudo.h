/*
 * ripple/pseudo.h - a place that can be shared without naming people: the
 * actors of a read model replaced by stable codes keyed by a secret
 * (docs/PRIVACY.md).
 * Part of the public API: include "ripple.h" for all of it.
 *
 * The codes are HMAC-SHA256 (FIPS 198-1 over FIPS 180-4, implemented here and
 * checked against RFC 4231's test vectors) of the actor's id under the secret,
 * truncated: the same secret and id give the same code in every run, command
 * and place; without the secret a code cannot be computed from a name, so it
 * cannot be checked against a guess.
 */
#ifndef RIPPLE_PSEUDO_API_H
#define RIPPLE_PSEUDO_API_H

#include <stddef.h>

#include "ripple/error.h"
#include "ripple/model.h"

/** Which actors a pseudonymised model hides (--pseudonymise, --pseudonymise-all). */
enum ripple_pseudo_scope {
	RIPPLE_PSEUDO_NONE = 0,   /* nothing is changed */
	RIPPLE_PSEUDO_PEOPLE,     /* actors of kind person; organisations and teams stay named */
	RIPPLE_PSEUDO_ALL         /* every actor */
};

/** The shortest secret ripple accepts, in bytes (128 bits). */
#define RIPPLE_PSEUDO_MIN_SECRET 16

/** Hex digits of the HMAC a code keeps: 40 bits ("P-" and 10 digits). */
#define RIPPLE_PSEUDO_DIGITS 10

/** Room for a code and its '\0': a letter, '-', the digits. */
#define RIPPLE_PSEUDO_CODE_SIZE (2 + RIPPLE_PSEUDO_DIGITS + 1)

/**
 * HMAC-SHA256 of msg[0..len) under key[0..keylen) (RFC 2104 with SHA-256)
 * into out. Any key length (a key longer than 64 bytes is hashed first).
 * O(keylen + len).
 */
void ripple_hmac_sha256(unsigned char out[32], const void *key, size_t keylen, const void *msg,
                        size_t len);

/**
 * The code of actor id of kind kind under secret: "P-" (person), "T-" (team)
 * or "O-" (organisation), then the first RIPPLE_PSEUDO_DIGITS lower-case hex
 * digits of HMAC-SHA256(secret, id), into out (RIPPLE_PSEUDO_CODE_SIZE bytes).
 * The kind only picks the letter: the digits depend on the id alone.
 */
void ripple_pseudo_code(char out[RIPPLE_PSEUDO_CODE_SIZE], const void *secret, size_t secretlen,
                        const char *id, enum ripple_kind kind);

/**
 * Replaces, in m, what names the actors scope covers, before any output reads
 * it (so every table, export, picture and report of m is covered at once):
 * - each such actor's id and label become its code (ripple_pseudo_code);
 * - its extra columns (actors.csv attributes: an e-mail, a job title name a
 *   person as well as a label) are emptied; the column names stay;
 * - in every ripple's label, each whole-word occurrence (not inside a longer
 *   run of letters, digits, '-' or '_') of such an actor's label or id is
 *   replaced by its code, longest first. A ripple names its actors by index,
 *   so its actor list follows without more work. Other mentions (a first
 *   name alone, a nickname) cannot be found: docs/PRIVACY.md says so;
 * - every ripple's notes are emptied: free text that may name anyone, in
 *   any form, and is never needed by an analysis.
 * Kinds, parents, sectors, towns, attendance, ties and ripple ids are kept.
 * Strings replaced are allocated in m (ripple_model_alloc). A secret shorter
 * than RIPPLE_PSEUDO_MIN_SECRET bytes is RIPPLE_EUSAGE; two actors whose codes
 * coincide (about 1 in 2^40 per pair) RIPPLE_ERUNTIME, m then partly
 * rewritten (free it). RIPPLE_ENOMEM. No operation for RIPPLE_PSEUDO_NONE.
 * O(actors log actors + ripple text x actors covered).
 */
int ripple_model_pseudonymise(ripple_model *m, const void *secret, size_t secretlen,
                              enum ripple_pseudo_scope scope, ripple_error *err);

#endif /* RIPPLE_PSEUDO_API_H */
