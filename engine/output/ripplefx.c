/*
 * output/ripplefx.c - the ripples of a place written as a RippleFX ripple
 * effect map (nodes.csv and relationships.csv), which `ripple import --from
 * ripplefx` (input/ripplefx.c) reads back. docs/IMPORT.md gives the mapping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fileio.h"
#include "input/place.h"
#include "util.h"

/* "social" -> "Social" into buf. */
static const char *capitalised(char *buf, size_t size, const char *word)
{
	snprintf(buf, size, "%s", word);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

/* The text of one column of the current row ("" for NULL). */
static const char *text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

/*
 * The name each actor of a place is written under, which RippleFX's reading
 * gives back as the actor's id and label: its label, or "label (id)" when
 * other actors share the label, so that they do not come back as one. A name
 * the reading would split (';' or '|') or refuse (a control character), or one
 * two actors would share, cannot be written faithfully: the first such is set
 * in *bad (RIPPLE_EINPUT), which the writer reports after any problem of the
 * ripples themselves. Returns RIPPLE_OK, or another failure in err.
 */
typedef struct actor_names {
	int64_t *ids;        /* actor_id, increasing */
	char **names;        /* owned */
	size_t n;
} actor_names;

static void actor_names_release(actor_names *an)
{
	for (size_t i = 0; i < an->n; i++)
		free(an->names[i]);
	free(an->names);
	free(an->ids);
	memset(an, 0, sizeof(*an));
}

static int actor_names_load(actor_names *an, ripple_error *bad, sqlite3 *db, int64_t place_id,
                            ripple_error *err)
{
	sqlite3_stmt *st = NULL;
	ripple_strmap seen = {0};
	size_t cap = 0, first;
	int rc;

	memset(an, 0, sizeof(*an));
	if (sqlite3_prepare_v2(db, "SELECT actor_id, label, code, count(*) OVER (PARTITION BY label) "
	                       "FROM actor WHERE place_id = ?1 ORDER BY actor_id", -1, &st,
	                       NULL) != SQLITE_OK)
		return ripple_db_fail(db, err);
	sqlite3_bind_int64(st, 1, place_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *label = text(st, 1);
		char *name;
		if (an->n == cap) {
			cap = cap ? 2 * cap : 64;
			int64_t *ids = realloc(an->ids, cap * sizeof(*ids));
			if (ids)
				an->ids = ids;
			char **names = realloc(an->names, cap * sizeof(*names));
			if (names)
				an->names = names;
			if (!ids || !names)
				goto nomem;
		}
		name = sqlite3_column_int(st, 3) > 1 ? ripple_strdupf("%s (%s)", label, text(st, 2))
		                                     : strdup(label);
		if (!name)
			goto nomem;
		an->ids[an->n] = sqlite3_column_int64(st, 0);
		an->names[an->n++] = name;
		if (bad->code)
			continue;
		if (strpbrk(name, ";|") || ripple_has_control(name)) {
			ripple_error_set(bad, RIPPLE_EINPUT, "", 0, 0, "actor \"%s\" holds %s, which "
			                 "RippleFX's reading would not give back: it cannot be written "
			                 "for RippleFX", name, ripple_has_control(name)
			                 ? "a control character" : "';' or '|' (a list of organisations)");
			continue;
		}
		if (ripple_strmap_put(&seen, name, an->n - 1, &first) < 0)
			goto nomem;
		if (first != an->n - 1)
			ripple_error_set(bad, RIPPLE_EINPUT, "", 0, 0, "two actors would both be written "
			                 "for RippleFX as \"%s\": it names organisations by label", name);
	}
	if (rc != SQLITE_DONE) {
		rc = ripple_db_fail(db, err);
		goto fail;
	}
	sqlite3_finalize(st);
	ripple_strmap_release(&seen);
	return RIPPLE_OK;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
fail:
	sqlite3_finalize(st);
	ripple_strmap_release(&seen);
	actor_names_release(an);
	return rc;
}

/* The name actor_id is written under ("" when it is not in the place). */
static const char *actor_name(const actor_names *an, int64_t id)
{
	size_t lo = 0, hi = an->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (an->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < an->n && an->ids[lo] == id ? an->names[lo] : "";
}

/*
 * "; "-joined values of a one-column query on ?1, each capitalised when cap;
 * with an, the column is an actor_id, written as its name.
 */
static char *joined(sqlite3_stmt *st, int64_t key, int cap, const actor_names *an)
{
	char *out = NULL, word[64];
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return NULL;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, key);
	for (int n = 0; sqlite3_step(st) == SQLITE_ROW; n++)
		fprintf(f, "%s%s", n ? "; " : "",
		        an ? actor_name(an, sqlite3_column_int64(st, 0))
		           : cap ? capitalised(word, sizeof(word), text(st, 0)) : text(st, 0));
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

int ripple_ripplefx_write(char **nodes, size_t *nodes_len, char **relationships,
                          size_t *relationships_len, ripple_store *store, int64_t place_id,
                          ripple_error *err)
{
	sqlite3 *db = ripple_store_db(store);
	sqlite3_stmt *st = NULL, *caps = NULL, *acts = NULL, *place = NULL, *others = NULL;
	actor_names names = {0};
	ripple_error bad = {0};   /* an actor that cannot be written */
	char *rest = NULL;
	FILE *fn = NULL, *fr = NULL;
	char programme_id[64] = "programme";
	int rc = RIPPLE_OK, n = 0;

	*nodes = *relationships = NULL;
	*nodes_len = *relationships_len = 0;
	if (sqlite3_prepare_v2(db, "SELECT r.ripple_id, r.code, p.code, r.label, r.valence, r.intended, "
	                       "r.date FROM ripple r LEFT JOIN ripple p ON p.ripple_id = r.parent_id "
	                       "WHERE r.place_id = ?1 ORDER BY r.ripple_id", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT capital FROM ripple_capital WHERE ripple_id = ?1 "
	                       "ORDER BY capital", -1, &caps, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT actor_id FROM ripple_actor WHERE ripple_id = ?1 "
	                       "ORDER BY actor_id", -1, &acts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT programme, name, (SELECT count(*) FROM ripple WHERE place_id = ?1 "
	                       "AND code = ?2) FROM place WHERE place_id = ?1", -1, &place, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT a.actor_id FROM actor a WHERE a.place_id = ?1 AND NOT EXISTS "
	                       "(SELECT 1 FROM ripple_actor ra WHERE ra.actor_id = a.actor_id) "
	                       "ORDER BY a.actor_id", -1, &others, NULL) != SQLITE_OK) {
		rc = ripple_db_fail(db, err);
		goto done;
	}
	/* the programme's node takes an id no ripple has */
	for (int k = 1;; k++) {
		sqlite3_reset(place);
		sqlite3_bind_int64(place, 1, place_id);
		sqlite3_bind_text(place, 2, programme_id, -1, SQLITE_STATIC);
		if (sqlite3_step(place) != SQLITE_ROW) {
			rc = ripple_error_set(err, RIPPLE_ENOTFOUND, "", 0, 0, "no such place");
			goto done;
		}
		if (sqlite3_column_int(place, 2) == 0)
			break;
		snprintf(programme_id, sizeof(programme_id), "programme-%d", k);
	}
	if (!(fn = open_memstream(nodes, nodes_len)) ||
	    !(fr = open_memstream(relationships, relationships_len))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	fputs("id,label,type,date,attribute_label_1,attribute_value_1,attribute_label_2,"
	      "attribute_value_2,attribute_label_3,attribute_value_3,attribute_label_4,"
	      "attribute_value_4\n", fn);
	fputs("source,target,type\n", fr);
	ripple_csv_write_field(fn, programme_id);
	fputc(',', fn);
	ripple_csv_write_field(fn, *text(place, 0) ? text(place, 0) : text(place, 1));
	/* actors no ripple names ride on the programme, so every actor comes back */
	if ((rc = actor_names_load(&names, &bad, db, place_id, err)) < 0)
		goto done;
	if (!(rest = joined(others, place_id, 0, &names))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	fputs(",Programme,,", fn);
	if (*rest) {
		fputs("Organisations,", fn);
		ripple_csv_write_field(fn, rest);
	} else {
		fputc(',', fn);
	}
	fputs(",,,,,,\n", fn);
	sqlite3_bind_int64(st, 1, place_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t rid = sqlite3_column_int64(st, 0);
		const char *date = text(st, 6);
		char dmy[16] = "", *cap = joined(caps, rid, 1, NULL), *who = joined(acts, rid, 0, &names);
		char valence[16], intended[16];
		if (!cap || !who) {
			free(cap);
			free(who);
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		if (*date && strlen(date) != 10) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "ripple \"%s\" is dated \"%s\", "
			                      "not a whole day: RippleFX dates are dd/MM/yyyy", text(st, 1), date);
			free(cap);
			free(who);
			goto done;
		}
		if (*date)
			snprintf(dmy, sizeof(dmy), "%.2s/%.2s/%.4s", date + 8, date + 5, date);
		ripple_csv_write_field(fn, text(st, 1));
		fputc(',', fn);
		ripple_csv_write_field(fn, text(st, 3));
		fprintf(fn, ",Outcome,%s,Community capital,", dmy);
		ripple_csv_write_field(fn, cap);
		fprintf(fn, ",Valence,%s,Intended,%s,Organisations,",
		        capitalised(valence, sizeof(valence), text(st, 4)),
		        capitalised(intended, sizeof(intended), text(st, 5)));
		ripple_csv_write_field(fn, who);
		fputc('\n', fn);
		ripple_csv_write_field(fr, sqlite3_column_type(st, 2) == SQLITE_NULL ? programme_id
		                                                                      : text(st, 2));
		fputc(',', fr);
		ripple_csv_write_field(fr, text(st, 1));
		fputs(",led to\n", fr);
		free(cap);
		free(who);
		n++;
	}
	if (rc != SQLITE_DONE) {
		rc = ripple_db_fail(db, err);
		goto done;
	}
	if (!n)
		rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
		                      "the place has no ripples to write for RippleFX");
	else if (bad.code)   /* after any problem of the ripples themselves */
		rc = ripple_error_set(err, bad.code, "", 0, 0, "%s", bad.message);
	else
		rc = RIPPLE_OK;
done:
	if (fn && fclose(fn) != 0 && rc == RIPPLE_OK)
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if (fr && fclose(fr) != 0 && rc == RIPPLE_OK)
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	sqlite3_finalize(st);
	sqlite3_finalize(caps);
	sqlite3_finalize(acts);
	sqlite3_finalize(place);
	sqlite3_finalize(others);
	actor_names_release(&names);
	free(rest);
	if (rc < 0) {
		free(*nodes);
		free(*relationships);
		*nodes = *relationships = NULL;
	}
	return rc;
}

int ripple_ripplefx_export(ripple_store *store, int64_t place_id, const char *folder,
                           ripple_error *err)
{
	char *nodes = NULL, *rels = NULL;
	size_t nlen, rlen;
	int rc;

	if ((rc = ripple_ripplefx_write(&nodes, &nlen, &rels, &rlen, store, place_id, err)) < 0)
		return rc;
	if ((rc = ripple_make_folder(folder, err)) == RIPPLE_OK &&
	    (rc = ripple_write_whole(folder, "nodes.csv", nodes, nlen, err)) == RIPPLE_OK)
		rc = ripple_write_whole(folder, "relationships.csv", rels, rlen, err);
	free(nodes);
	free(rels);
	return rc;
}
