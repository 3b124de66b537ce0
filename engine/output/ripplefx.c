/*
 * output/ripplefx.c - the ripples of a place written as a RippleFX ripple
 * effect map (nodes.csv and relationships.csv), which `ripple import --from
 * ripplefx` (input/ripplefx.c) reads back. docs/IMPORT.md gives the mapping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "input/place.h"
#include "ripple/csv.h"
#include "ripple/formats.h"
#include "ripple/model.h"
#include "util.h"

/* "social" -> "Social" into buf. */
static const char *capitalised(char *buf, size_t size, const char *word)
{
	snprintf(buf, size, "%s", word);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

/*
 * The name each actor of a place is written under, which RippleFX's reading
 * gives back as the actor's id and label: its label, or "label (id)" when
 * other actors share the label, so that they do not come back as one. A name
 * the reading would split (';' or '|') or refuse (a control character), or one
 * two actors would share, cannot be written faithfully: the first such (in
 * actor order) is set in *bad (RIPPLE_EINPUT), which the writer reports after
 * any problem of the ripples themselves. *names holds one malloc'd name per
 * actor. Returns RIPPLE_OK, or another failure in err. O(actors) on average.
 */
static int actor_names(char ***names, ripple_error *bad, const ripple_model *m,
                       ripple_error *err)
{
	ripple_strmap labels = {0}, seen = {0};
	size_t *shared = NULL, first;
	char **v = NULL;
	int rc = RIPPLE_OK;

	*names = NULL;
	if (!(v = calloc(m->nactors + 1, sizeof(*v))) ||
	    !(shared = calloc(m->nactors + 1, sizeof(*shared))))
		goto nomem;
	/* how many actors have each label (bytewise equal, as SQLite's PARTITION BY label) */
	for (size_t i = 0; i < m->nactors; i++) {
		if (ripple_strmap_put(&labels, m->actors[i].label, i, &first) < 0)
			goto nomem;
		shared[first]++;
	}
	for (size_t i = 0; i < m->nactors; i++) {
		const ripple_actor *a = &m->actors[i];
		char *name;
		name = shared[ripple_strmap_get(&labels, a->label)] > 1
		       ? ripple_strdupf("%s (%s)", a->label, a->id) : strdup(a->label);
		if (!(v[i] = name))
			goto nomem;
		if (bad->code)
			continue;
		if (strpbrk(name, ";|") || ripple_has_control(name)) {
			ripple_error_set(bad, RIPPLE_EINPUT, "", 0, 0, "actor \"%s\" holds %s, which "
			                 "RippleFX's reading would not give back: it cannot be written "
			                 "for RippleFX", name, ripple_has_control(name)
			                 ? "a control character" : "';' or '|' (a list of organisations)");
			continue;
		}
		if (ripple_strmap_put(&seen, name, i, &first) < 0)
			goto nomem;
		if (first != i)
			ripple_error_set(bad, RIPPLE_EINPUT, "", 0, 0, "two actors would both be written "
			                 "for RippleFX as \"%s\": it names organisations by label", name);
	}
	*names = v;
	v = NULL;
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	for (size_t i = 0; v && i < m->nactors; i++)
		free(v[i]);
	free(v);
	free(shared);
	ripple_strmap_release(&labels);
	ripple_strmap_release(&seen);
	return rc;
}

static void names_free(char **names, size_t n)
{
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}

/* The capitals (0..RIPPLE_NCAPITALS-1) in the bytewise order of their names. */
static void capitals_by_name(int order[RIPPLE_NCAPITALS])
{
	for (int i = 0; i < RIPPLE_NCAPITALS; i++) {
		int j = i;
		for (; j > 0 && strcmp(ripple_capital_name(order[j - 1]), ripple_capital_name(i)) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

/*
 * items[idx[k]] (items[k] when idx is NULL) for k in 0..n, "; "-joined;
 * malloc'd, NULL when out of memory.
 */
static char *joined(const char *const *items, const size_t *idx, size_t n)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return NULL;
	for (size_t k = 0; k < n; k++)
		fprintf(f, "%s%s", k ? "; " : "", items[idx ? idx[k] : k]);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* The capitals of a ripple, each capitalised, "; "-joined in the bytewise order of their names. */
static char *joined_capitals(unsigned capitals, const int order[RIPPLE_NCAPITALS])
{
	char words[RIPPLE_NCAPITALS][32];
	const char *items[RIPPLE_NCAPITALS];
	size_t n = 0;

	for (int k = 0; k < RIPPLE_NCAPITALS; k++)
		if (capitals & (1u << order[k])) {
			items[n] = capitalised(words[n], sizeof(words[n]), ripple_capital_name(order[k]));
			n++;
		}
	return joined(items, NULL, n);
}

int ripple_ripplefx_write(char **nodes, size_t *nodes_len, char **relationships,
                          size_t *relationships_len, const ripple_model *m, ripple_error *err)
{
	static const char *const valences[] = { "Negative", "Positive" };
	static const char *const intendeds[] = { "Unknown", "No", "Yes" };
	ripple_strmap ids = {0};
	char **names = NULL;
	ripple_error bad = {0};   /* an actor that cannot be written */
	size_t *others = NULL, nothers = 0;
	char *named = NULL, *rest = NULL;
	FILE *fn = NULL, *fr = NULL;
	char programme_id[64] = "programme";
	int order[RIPPLE_NCAPITALS], rc = RIPPLE_OK;

	*nodes = *relationships = NULL;
	*nodes_len = *relationships_len = 0;
	capitals_by_name(order);
	/* the programme's node takes an id no ripple has */
	for (size_t r = 0; r < m->nripples; r++)
		if (ripple_strmap_put(&ids, m->ripples[r].id, r, NULL) < 0)
			goto nomem;
	for (int k = 1; ripple_strmap_get(&ids, programme_id) != RIPPLE_NONE; k++)
		snprintf(programme_id, sizeof(programme_id), "programme-%d", k);
	if (!(fn = open_memstream(nodes, nodes_len)) ||
	    !(fr = open_memstream(relationships, relationships_len)))
		goto nomem;
	fputs("id,label,type,date,attribute_label_1,attribute_value_1,attribute_label_2,"
	      "attribute_value_2,attribute_label_3,attribute_value_3,attribute_label_4,"
	      "attribute_value_4\n", fn);
	fputs("source,target,type\n", fr);
	ripple_csv_write_field(fn, programme_id);
	fputc(',', fn);
	ripple_csv_write_field(fn, *m->programme ? m->programme : m->name);
	/* actors no ripple names ride on the programme, so every actor comes back */
	if ((rc = actor_names(&names, &bad, m, err)) < 0)
		goto done;
	if (!(named = calloc(m->nactors + 1, 1)) ||
	    !(others = malloc((m->nactors + 1) * sizeof(*others))))
		goto nomem;
	for (size_t r = 0; r < m->nripples; r++)
		for (size_t k = 0; k < m->ripples[r].nactors; k++)
			named[m->ripples[r].actors[k]] = 1;
	for (size_t i = 0; i < m->nactors; i++)
		if (!named[i])
			others[nothers++] = i;
	if (!(rest = joined((const char *const *)names, others, nothers)))
		goto nomem;
	fputs(",Programme,,", fn);
	if (*rest) {
		fputs("Organisations,", fn);
		ripple_csv_write_field(fn, rest);
	} else {
		fputc(',', fn);
	}
	fputs(",,,,,,\n", fn);
	for (size_t r = 0; r < m->nripples; r++) {
		const ripple_ripple *x = &m->ripples[r];
		char dmy[16] = "", *cap, *who;
		if (*x->date && strlen(x->date) != 10) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "ripple \"%s\" is dated \"%s\", "
			                      "not a whole day: RippleFX dates are dd/MM/yyyy", x->id, x->date);
			goto done;
		}
		if (!(cap = joined_capitals(x->capitals, order)) ||
		    !(who = joined((const char *const *)names, x->actors, x->nactors))) {
			free(cap);
			goto nomem;
		}
		if (*x->date)
			snprintf(dmy, sizeof(dmy), "%.2s/%.2s/%.4s", x->date + 8, x->date + 5, x->date);
		ripple_csv_write_field(fn, x->id);
		fputc(',', fn);
		ripple_csv_write_field(fn, x->label);
		fprintf(fn, ",Outcome,%s,Community capital,", dmy);
		ripple_csv_write_field(fn, cap);
		fprintf(fn, ",Valence,%s,Intended,%s,Organisations,", valences[x->valence > 0],
		        intendeds[x->intended + 1]);
		ripple_csv_write_field(fn, who);
		fputc('\n', fn);
		ripple_csv_write_field(fr, x->parent == RIPPLE_NONE ? programme_id
		                                                     : m->ripples[x->parent].id);
		fputc(',', fr);
		ripple_csv_write_field(fr, x->id);
		fputs(",led to\n", fr);
		free(cap);
		free(who);
	}
	if (!m->nripples)
		rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
		                      "the place has no ripples to write for RippleFX");
	else if (bad.code)   /* after any problem of the ripples themselves */
		rc = ripple_error_set(err, bad.code, "", 0, 0, "%s", bad.message);
	else
		rc = RIPPLE_OK;
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	if (fn && fclose(fn) != 0 && rc == RIPPLE_OK)
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if (fr && fclose(fr) != 0 && rc == RIPPLE_OK)
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	ripple_strmap_release(&ids);
	names_free(names, m->nactors);
	free(named);
	free(others);
	free(rest);
	if (rc < 0) {
		free(*nodes);
		free(*relationships);
		*nodes = *relationships = NULL;
	}
	return rc;
}

int ripple_ripplefx_export(const ripple_model *m, const char *folder, ripple_error *err)
{
	char *nodes = NULL, *rels = NULL;
	size_t nlen, rlen;
	int rc;

	if ((rc = ripple_ripplefx_write(&nodes, &nlen, &rels, &rlen, m, err)) < 0)
		return rc;
	if ((rc = ripple_make_folder(folder, err)) == RIPPLE_OK &&
	    (rc = ripple_write_whole(folder, "nodes.csv", nodes, nlen, err)) == RIPPLE_OK)
		rc = ripple_write_whole(folder, "relationships.csv", rels, rlen, err);
	free(nodes);
	free(rels);
	return rc;
}
