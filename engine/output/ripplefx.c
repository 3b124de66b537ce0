/*
 * output/ripplefx.c - a place's ripple map written as RippleFX's two CSV
 * files (github.com/prgarnett/RippleFX: a nodes file of `type` and
 * attribute_label_N / value_N pairs, a relationships file of `match id 1` /
 * `match id 2` by name), which RippleFX draws and `ripple import --from
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

/* The capitals of a ripple, "; "-joined in the bytewise order of their names; malloc'd. */
static char *joined_capitals(unsigned capitals, const int order[RIPPLE_NCAPITALS])
{
	char *out = NULL;
	size_t len = 0, n = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return NULL;
	for (int k = 0; k < RIPPLE_NCAPITALS; k++)
		if (capitals & (1u << order[k]))
			fprintf(f, "%s%s", n++ ? "; " : "", ripple_capital_name(order[k]));
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * The RippleFX name of a node: its label with ' " and \ replaced (RippleFX
 * escapes them in the name it keys nodes by but not in `match id 1/2`, so a
 * relationship to such a name would never resolve), made unique among the
 * names used so far (RippleFX keeps the last node of a name) by " (id)" and
 * then a number. malloc'd and registered in used; NULL when out of memory.
 */
static char *node_name(ripple_strmap *used, const char *label, const char *id)
{
	size_t n = strlen(label);
	char *base = malloc(3 * n + 1), *name = NULL, *w = base;

	if (!base)
		return NULL;
	for (const char *p = label; *p; p++) {
		if (*p == '\'') {
			memcpy(w, "\xe2\x80\x99", 3);   /* U+2019 */
			w += 3;
		} else if (*p == '"') {
			memcpy(w, "\xe2\x80\x9d", 3);   /* U+201D */
			w += 3;
		} else {
			*w++ = *p == '\\' ? '/' : *p;
		}
	}
	*w = '\0';
	for (int k = 0; !name || ripple_strmap_get(used, name) != RIPPLE_NONE; k++) {
		free(name);
		name = k == 0 ? strdup(base) : k == 1 ? ripple_strdupf("%s (%s)", base, id)
		                                      : ripple_strdupf("%s (%s) %d", base, id, k);
		if (!name)
			break;
	}
	free(base);
	if (name && ripple_strmap_put(used, name, used->count, NULL) < 0) {
		free(name);
		name = NULL;
	}
	return name;
}

/* Writes the pair label,value (or an empty pair when value is NULL or ""). */
static void pair(FILE *f, int g, const char *label, const char *value)
{
	if (value && *value) {
		fprintf(f, ",%s,", label);
		ripple_csv_write_cell(f, value, g);
	} else {
		fputs(",,", f);
	}
}

#define NPAIRS 9

/*
 * One node row: type, then name, label, id, kind, date, capital, valence,
 * intended, notes (a tooltip line in RippleFX: a label it does not know).
 */
static void node_row(FILE *f, int g, const char *type, const char *name, const char *label,
                     const char *id, const char *kind, const char *date, const char *capital,
                     const char *valence, const char *intended, const char *notes)
{
	fputs(type, f);
	pair(f, g, "name", name);
	pair(f, g, "label", strcmp(name, label) ? label : NULL);
	pair(f, g, "id", strcmp(name, id) ? id : NULL);
	pair(f, g, "kind", kind);
	pair(f, g, "date", date);
	pair(f, g, "capital", capital);
	pair(f, g, "valence", valence);
	pair(f, g, "intended", intended);
	pair(f, g, "notes", notes);
	fputc('\n', f);
}

/* One relationship row, from name a to name b, with its `label` (an edge label in Graphviz). */
static void rel_row(FILE *f, int g, const char *a, const char *b, const char *label)
{
	ripple_csv_write_cell(f, a, g);
	fputc(',', f);
	ripple_csv_write_cell(f, b, g);
	fprintf(f, ",label,%s\n", label);
}

int ripple_ripplefx_write(char **nodes, size_t *nodes_len, char **relationships,
                          size_t *relationships_len, const ripple_model *m, int formula_guard,
                          ripple_error *err)
{
	static const char *const valences[] = { "negative", "positive" };
	static const char *const intendeds[] = { "unknown", "no", "yes" };
	ripple_strmap used = {0};
	char **rname = NULL, **aname = NULL, *pname = NULL;
	const char *programme = *m->programme ? m->programme : m->name;
	FILE *fn = NULL, *fr = NULL;
	int order[RIPPLE_NCAPITALS], rc = RIPPLE_OK;

	*nodes = *relationships = NULL;
	*nodes_len = *relationships_len = 0;
	capitals_by_name(order);
	if (!m->nripples)
		return ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
		                        "the place has no ripples to write for RippleFX");
	for (size_t r = 0; r < m->nripples; r++)
		if (*m->ripples[r].date && strlen(m->ripples[r].date) != 10)
			return ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "ripple \"%s\" is dated "
			                        "\"%s\", not a whole day: RippleFX dates are dd/MM/yyyy",
			                        m->ripples[r].id, m->ripples[r].date);
	if (!(rname = calloc(m->nripples + 1, sizeof(*rname))) ||
	    !(aname = calloc(m->nactors + 1, sizeof(*aname))) ||
	    !(pname = node_name(&used, programme, "programme")))
		goto nomem;
	for (size_t r = 0; r < m->nripples; r++)
		if (!(rname[r] = node_name(&used, m->ripples[r].label, m->ripples[r].id)))
			goto nomem;
	for (size_t i = 0; i < m->nactors; i++)
		if (!(aname[i] = node_name(&used, m->actors[i].label, m->actors[i].id)))
			goto nomem;
	if (!(fn = open_memstream(nodes, nodes_len)) ||
	    !(fr = open_memstream(relationships, relationships_len)))
		goto nomem;
	fputs("type", fn);
	for (int k = 1; k <= NPAIRS; k++)
		fprintf(fn, ",attribute_label_%d,value_%d", k, k);
	fputc('\n', fn);
	fputs("match id 1,match id 2,attribute_label_1,value_1\n", fr);
	node_row(fn, formula_guard, "doubleoctagon", pname, programme, pname, "programme", NULL, NULL, NULL, NULL,
	         NULL);
	for (size_t r = 0; r < m->nripples; r++) {
		const ripple_ripple *x = &m->ripples[r];
		char dmy[16] = "", *cap;
		if (!(cap = joined_capitals(x->capitals, order)))
			goto nomem;
		if (*x->date)
			snprintf(dmy, sizeof(dmy), "%.2s/%.2s/%.4s", x->date + 8, x->date + 5, x->date);
		node_row(fn, formula_guard, "ellipse", rname[r], x->label, x->id, "ripple", dmy, cap,
		         valences[x->valence > 0], intendeds[x->intended + 1], x->notes);
		free(cap);
		rel_row(fr, formula_guard, x->parent == RIPPLE_NONE ? pname : rname[x->parent], rname[r], "led to");
		for (size_t k = 0; k < x->nactors; k++)
			rel_row(fr, formula_guard, rname[r], aname[x->actors[k]], "involved");
	}
	for (size_t i = 0; i < m->nactors; i++) {
		const ripple_actor *a = &m->actors[i];
		node_row(fn, formula_guard, "box", aname[i], a->label, a->id, ripple_kind_name(a->kind), NULL, NULL,
		         NULL, NULL, NULL);
		if (a->attended == 1)
			rel_row(fr, formula_guard, aname[i], pname, "took part");
	}
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	if (fn && fclose(fn) != 0 && rc == RIPPLE_OK)
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if (fr && fclose(fr) != 0 && rc == RIPPLE_OK)
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	ripple_strmap_release(&used);
	for (size_t r = 0; rname && r < m->nripples; r++)
		free(rname[r]);
	for (size_t i = 0; aname && i < m->nactors; i++)
		free(aname[i]);
	free(rname);
	free(aname);
	free(pname);
	if (rc < 0) {
		free(*nodes);
		free(*relationships);
		*nodes = *relationships = NULL;
	}
	return rc;
}

int ripple_ripplefx_export(const ripple_model *m, const char *folder, int formula_guard,
                           ripple_error *err)
{
	char *nodes = NULL, *rels = NULL;
	size_t nlen, rlen;
	int rc;

	if ((rc = ripple_ripplefx_write(&nodes, &nlen, &rels, &rlen, m, formula_guard, err)) < 0)
		return rc;
	{
		/* the two files as one unit: never new nodes beside old relationships */
		const char *names[2] = { "nodes.csv", "relationships.csv" }, *data[2] = { nodes, rels };
		size_t lens[2] = { nlen, rlen };
		rc = ripple_write_folder(folder, names, data, lens, 2, err);
	}
	free(nodes);
	free(rels);
	return rc;
}
