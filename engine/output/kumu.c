/*
 * output/kumu.c - a place written as Kumu's spreadsheet (kumu.io): the
 * Elements and Connections sheets as CSV, which `ripple import --from kumu`
 * (input/kumu.c) reads back. docs/IMPORT.md gives the mapping.
 *
 * It writes from the read model alone (ripple/model.h): the actors in
 * actors.csv order, the ties wave by wave in ties.csv order, and after the
 * fixed columns one column per attribute name, in the order the names are
 * first used (by the first actor or tie that has one; names of one row in
 * bytewise order). A place with responses (responses.csv) gets one more
 * Elements column per wave that has ties, `Response <wave>`, holding each
 * actor's response then (answered, missing or absent): a custom field per
 * wave, the only room Kumu has for a value that changes over time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "ripple/csv.h"
#include "ripple/formats.h"
#include "ripple/model.h"
#include "util.h"

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

static int nomem(ripple_error *err)
{
	return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
}

/* ---- a growing text buffer ----------------------------------------------- */

typedef struct outbuf {
	char *s;
	size_t len, cap;
	int failed;
	int guard;        /* the formula guard (ripple_csv_write_cell) */
} outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->cap + n + 1) * 2;
		char *ns = realloc(o->s, cap);
		if (!ns) {
			o->failed = 1;
			return;
		}
		o->s = ns;
		o->cap = cap;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/*
 * One CSV field (RFC 4180), after a comma unless it is the first of its line;
 * under o->guard as ripple_csv_write_cell guards it.
 */
static void field(outbuf *o, const char *s, int first)
{
	int prefix, split = 0;

	if (!first)
		put(o, ",", 1);
	if (!s)
		s = "";
	prefix = o->guard && ripple_csv_formula_guarded(s);
	for (size_t i = 1; o->guard && !split && s[i - 1]; i++)
		split = ripple_csv_split_guarded(s, i);
	if (!prefix && !split && !strpbrk(s, ",\"\r\n") && s[0] != ' ' &&
	    s[0] != '\t') {
		put(o, s, strlen(s));
		return;
	}
	put(o, prefix ? "\"'" : "\"", prefix ? 2 : 1);
	for (size_t i = 0; s[i]; i++) {
		if (split && ripple_csv_split_guarded(s, i))
			put(o, "'", 1);
		put(o, s[i] == '"' ? "\"\"" : s + i, s[i] == '"' ? 2 : 1);
	}
	put(o, "\"", 1);
}

/* The shortest decimal text that reads back as exactly w. */
static void format_weight(char *buf, size_t size, double w)
{
	for (int digits = 6; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, w);
		if (strtod(buf, NULL) == w)
			return;
	}
}

/* ---- attribute columns ------------------------------------------------------ */

/*
 * The attribute columns of one sheet: the distinct names of attrs[0..n) in
 * order of first use (the row order, then the names of a row in their sorted
 * order), and, for the row being written, each column's value.
 */
typedef struct columns {
	const char **names;   /* borrowed from the model */
	size_t n;
	ripple_strmap index;  /* name -> column */
	const char **vals;    /* per column: the value of the current row, NULL when it has none */
} columns;

static void columns_release(columns *c)
{
	free(c->names);
	free(c->vals);
	ripple_strmap_release(&c->index);
	memset(c, 0, sizeof(*c));
}

/* O(attributes) on average. RIPPLE_OK or RIPPLE_ENOMEM. */
static int columns_init(columns *c, const ripple_attrs *attrs, size_t n, size_t nnames,
                        ripple_error *err)
{
	memset(c, 0, sizeof(*c));
	if (!(c->names = malloc((nnames ? nnames : 1) * sizeof(*c->names))) ||
	    !(c->vals = calloc(nnames ? nnames : 1, sizeof(*c->vals))))
		return nomem(err);
	for (size_t r = 0; r < n; r++)
		for (size_t k = 0; k < attrs[r].count; k++) {
			const char *name = attrs[r].items[k].name;
			if (ripple_strmap_get(&c->index, name) != RIPPLE_NONE)
				continue;
			if (c->n == nnames)   /* the model lists every name: not reached */
				return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
				                        "kumu: more attribute names than the place lists");
			if (ripple_strmap_put(&c->index, name, c->n, NULL) < 0)
				return nomem(err);
			c->names[c->n++] = name;
		}
	return RIPPLE_OK;
}

/* Sets vals to the attributes of one row. */
static void columns_row(columns *c, ripple_attrs attrs)
{
	for (size_t i = 0; i < c->n; i++)
		c->vals[i] = NULL;
	for (size_t k = 0; k < attrs.count; k++) {
		size_t col = ripple_strmap_get(&c->index, attrs.items[k].name);
		if (col != RIPPLE_NONE)
			c->vals[col] = attrs.items[k].value;
	}
}

static long column_of(const columns *c, const char *name)
{
	size_t col = ripple_strmap_get(&c->index, name);
	return col == RIPPLE_NONE ? -1 : (long)col;
}

/* ---- the two sheets ------------------------------------------------------------ */

/*
 * Attended as Kumu can carry it. Kumu has no wave dates and no wave without
 * ties (a wave is a Wave cell of a connection), so an attendance with a time
 * (a date, or a wave name) is written as the name of the last wave Kumu
 * carries that it took place after: the same place among the waves that come
 * back. One that took place before every such wave, which no wave name can
 * say, is written as "yes": the attendance comes back, its time does not
 * (docs/EXPORT.md). A date would not read back, Kumu having no wave dates.
 */
static const char *attended_cell(const ripple_model *m, const ripple_actor *a)
{
	if (a->attended_when && *a->attended_when) {
		if (a->attended_by != RIPPLE_NONE && a->attended_by <= m->nwaves)
			for (size_t k = a->attended_by; k-- > 0;)
				if (m->wave_ties[k].count > 0)
					return m->waves[k].name;
		return "yes";
	}
	return a->attended < 0 ? "" : a->attended ? "yes" : "no";
}

/* The Elements column of wave w's responses, "Response <wave>" (malloc'd), or NULL. */
static char *response_column(const ripple_model *m, size_t w)
{
	return ripple_strdupf("Response %s", m->waves[w].name);
}

/*
 * Which waves Kumu carries: those with a tie (a wave is a Wave cell of a
 * connection). Refuses an actor attribute that the reading would take for a
 * response column ("response <wave>", any case), as it would not come back.
 */
static int carried_waves(unsigned char *carried, const columns *cols, const ripple_model *m,
                         ripple_error *err)
{
	for (size_t w = 0; w < m->nwaves; w++) {
		carried[w] = m->wave_ties[w].count > 0;
		if (!carried[w])
			continue;
		char *name = response_column(m, w);
		if (!name)
			return nomem(err);
		for (size_t i = 0; i < cols->n; i++)
			if (ripple_strieq(cols->names[i], name)) {
				int rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
				                          "actor attribute \"%s\" has the name of the column "
				                          "that holds the responses of wave \"%s\" for Kumu: "
				                          "rename it before writing to Kumu", cols->names[i],
				                          m->waves[w].name);
				free(name);
				return rc;
			}
		free(name);
	}
	return RIPPLE_OK;
}

static int write_elements(outbuf *o, const ripple_model *m, ripple_error *err)
{
	columns cols;
	unsigned char *carried = NULL;
	long type_col;
	int rc;

	if ((rc = columns_init(&cols, m->actor_attrs, m->nactors, m->nactor_attr_names, err)) < 0)
		goto done;
	type_col = column_of(&cols, "type");   /* written as the Type column */
	if (!(carried = malloc(m->nwaves + 1))) {
		rc = nomem(err);
		goto done;
	}
	if ((rc = carried_waves(carried, &cols, m, err)) < 0)
		goto done;

	field(o, "ID", 1);
	for (const char *const *c = (const char *const[]){ "Label", "Type", "Kind", "Sector", "Town",
	                                                    "Attended", "Parent", NULL }; *c; c++)
		field(o, *c, 0);
	for (size_t i = 0; i < cols.n; i++)
		if ((long)i != type_col)
			field(o, cols.names[i], 0);
	for (size_t w = 0; m->responses && w < m->nwaves; w++) {
		char *name;
		if (!carried[w])
			continue;
		if (!(name = response_column(m, w))) {
			rc = nomem(err);
			goto done;
		}
		field(o, name, 0);
		free(name);
	}
	put(o, "\n", 1);
	for (size_t i = 0; i < m->nactors; i++) {
		const ripple_actor *a = &m->actors[i];
		const char *kind = ripple_kind_name(a->kind);
		if (strchr(a->id, '|')) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
			                      "actor id \"%s\" holds '|', which Kumu reads as a list: "
			                      "it cannot be written to Kumu", a->id);
			goto done;
		}
		columns_row(&cols, m->actor_attrs[i]);
		field(o, a->id, 1);
		field(o, a->label, 0);
		/* Type: the actor's own "type" attribute, else its kind (what Kumu colours by) */
		field(o, type_col >= 0 && cols.vals[type_col] ? cols.vals[type_col] : kind, 0);
		field(o, kind, 0);
		field(o, a->sector, 0);
		field(o, a->town, 0);
		field(o, attended_cell(m, a), 0);
		field(o, a->parent != RIPPLE_NONE ? m->actors[a->parent].id : "", 0);
		for (size_t c = 0; c < cols.n; c++)
			if ((long)c != type_col)
				field(o, cols.vals[c], 0);
		for (size_t w = 0; m->responses && w < m->nwaves; w++)
			if (carried[w])
				field(o, ripple_response_name(ripple_model_response(m, w, i)), 0);
		put(o, "\n", 1);
	}
	rc = RIPPLE_OK;
done:
	columns_release(&cols);
	free(carried);
	return rc;
}

static int write_connections(outbuf *o, const ripple_model *m, ripple_error *err)
{
	static const char *const kumu_columns[] = { "from", "to", "direction", NULL };
	columns cols;
	size_t *order = NULL, *start = NULL;
	char weight[64];
	int rc;

	if ((rc = columns_init(&cols, m->tie_attrs, m->nties, m->ntie_attr_names, err)) < 0)
		goto done;
	for (size_t i = 0; i < cols.n; i++)
		if (in_list(cols.names[i], kumu_columns)) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
			                      "tie attribute \"%s\" has the name of a column Kumu reads: "
			                      "rename it before writing to Kumu", cols.names[i]);
			goto done;
		}
	/* the ties wave by wave (in wave order), each wave's in ties.csv order */
	if (!(order = malloc((m->nties ? m->nties : 1) * sizeof(*order))) ||
	    !(start = calloc(m->nwaves + 1, sizeof(*start)))) {
		rc = nomem(err);
		goto done;
	}
	for (size_t t = 0; t < m->nties; t++)
		start[m->ties[t].wave + 1]++;
	for (size_t w = 0; w < m->nwaves; w++)
		start[w + 1] += start[w];
	for (size_t t = 0; t < m->nties; t++)
		order[start[m->ties[t].wave]++] = t;

	field(o, "From", 1);
	for (const char *const *c = (const char *const[]){ "To", "Type", "Direction", "Wave",
	                                                    "Weight", NULL }; *c; c++)
		field(o, *c, 0);
	for (size_t i = 0; i < cols.n; i++)
		field(o, cols.names[i], 0);
	put(o, "\n", 1);
	for (size_t k = 0; k < m->nties; k++) {
		const ripple_tie *t = &m->ties[order[k]];
		const char *wave = m->waves[t->wave].name;
		if (strchr(wave, '|')) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
			                      "wave \"%s\" holds '|', which Kumu reads as a list: "
			                      "it cannot be written to Kumu", wave);
			goto done;
		}
		columns_row(&cols, m->tie_attrs[order[k]]);
		format_weight(weight, sizeof(weight), t->weight);
		field(o, m->actors[t->source].id, 1);
		field(o, m->actors[t->target].id, 0);
		field(o, t->type, 0);
		field(o, m->directed ? "directed" : "undirected", 0);
		field(o, wave, 0);
		field(o, weight, 0);
		for (size_t c = 0; c < cols.n; c++)
			field(o, cols.vals[c], 0);
		put(o, "\n", 1);
	}
	rc = RIPPLE_OK;
done:
	columns_release(&cols);
	free(order);
	free(start);
	return rc;
}

int ripple_kumu_write(char **elements, size_t *elements_len, char **connections,
                      size_t *connections_len, const ripple_model *m, int formula_guard,
                      ripple_error *err)
{
	outbuf e = {0}, c = {0};
	int rc;

	e.guard = c.guard = formula_guard;

	*elements = *connections = NULL;
	*elements_len = *connections_len = 0;
	/* a RippleFX import may have none; Kumu would read back nothing, refused */
	if (m->nactors == 0)
		return ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
		                        "the place has no actors to write for Kumu");
	if ((rc = write_elements(&e, m, err)) < 0 || (rc = write_connections(&c, m, err)) < 0)
		goto done;
	if (e.failed || c.failed) {
		rc = nomem(err);
		goto done;
	}
	*elements = e.s;
	*elements_len = e.len;
	*connections = c.s;
	*connections_len = c.len;
	e.s = c.s = NULL;
done:
	free(e.s);
	free(c.s);
	return rc;
}

int ripple_kumu_export(const ripple_model *m, const char *folder, int formula_guard,
                       ripple_error *err)
{
	char *el = NULL, *co = NULL;
	size_t el_len, co_len;
	int rc;

	if ((rc = ripple_kumu_write(&el, &el_len, &co, &co_len, m, formula_guard, err)) < 0)
		return rc;
	{
		/* the two files as one unit: never a new elements.csv beside an old connections.csv */
		const char *names[2] = { "elements.csv", "connections.csv" }, *data[2] = { el, co };
		size_t lens[2] = { el_len, co_len };
		rc = ripple_write_folder(folder, names, data, lens, 2, err);
	}
	free(el);
	free(co);
	return rc;
}
