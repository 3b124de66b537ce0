/*
 * place.c - reads a place folder and checks every rule of schemas/FORMAT.md.
 *
 * Reading never stops at the first problem: each file is checked as far as it
 * can be trusted and every problem goes to the diagnostics list, so a user
 * fixes a folder in one pass. A file with a CSV syntax problem is not checked
 * further, and checks that need actors.csv (unknown actor ids) are skipped
 * when actors.csv could not be read, so one mistake is reported once.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/fileio.h"
#include "place.h"
#include "util.h"

static const char *const capital_names[RIPPLE_NCAPITALS] = {
	"natural", "cultural", "human", "social", "political", "financial", "built"
};
static const char *const kind_names[] = { "organisation", "team", "person" };

const char *ripple_capital_name(int i)
{
	return (i >= 0 && i < RIPPLE_NCAPITALS) ? capital_names[i] : "";
}

static const char *const response_names[RIPPLE_NRESPONSES] = {
	"answered", "missing", "absent"
};

const char *ripple_response_name(enum ripple_response r)
{
	return (unsigned)r < RIPPLE_NRESPONSES ? response_names[r] : "";
}

const char *ripple_kind_name(enum ripple_kind kind)
{
	return (unsigned)kind < 3 ? kind_names[kind] : "";
}

/* Reading state shared by the per-file checks. */
typedef struct loader {
	ripple_place *p;
	ripple_diags *d;
	ripple_strmap actor_ids;   /* actor id -> index */
	ripple_strmap wave_ids;    /* wave name -> index (in wave order once sort_waves ran) */
	int actors_ok;             /* actors.csv was read: actor ids can be checked */
	int waves_given;           /* waves.csv exists and was read */
	int waves_ok;
	size_t *response_row;      /* per actor x wave as p->responses: its row in
	                              responses.csv, RIPPLE_NONE when not listed */
	unsigned flags;            /* RIPPLE_PLACE_* */
} loader;

#define BAD(L, csv, row, ...) \
	ripple_diags_add((L)->d, RIPPLE_EINPUT, (csv)->path, (csv)->lines[row], 0, __VA_ARGS__)

/* Value of column col (or "" when the column is absent), trimmed in place. */
static const char *cell(ripple_csv *csv, size_t row, long col)
{
	return ripple_csv_trimmed(csv, row, col);
}

/* Reports each required column missing from the header; returns 0 when one is. */
static int require_columns(loader *L, const ripple_csv *csv, const char *const *names)
{
	int ok = 1;
	for (; *names; names++) {
		if (ripple_csv_column(csv, *names) < 0) {
			ripple_diags_add(L->d, RIPPLE_EINPUT, csv->path, csv->header_line, 0,
			                 "missing required column \"%s\"", *names);
			ok = 0;
		}
	}
	return ok;
}

/* 1 when s holds a C0 control character or DEL: ids must print on one line. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* yes/no (also y/n, true/false, 1/0, any case): 1, 0, or -1 for "" and -2 for other text. */
static int parse_yes_no(const char *s)
{
	static const char *const yes[] = { "yes", "y", "true", "1" };
	static const char *const no[] = { "no", "n", "false", "0" };

	if (!*s)
		return -1;
	for (size_t i = 0; i < 4; i++) {
		if (ripple_strieq(s, yes[i]))
			return 1;
		if (ripple_strieq(s, no[i]))
			return 0;
	}
	return -2;
}

/* ISO 8601 calendar date: yyyy, yyyy-mm or yyyy-mm-dd with real months and days. */
static int valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t n = strlen(s);
	int y, m, dd;

	for (size_t i = 0; i < n; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	if (n != 4 && n != 7 && n != 10)
		return 0;
	y = atoi(s);
	if (n == 4)
		return y > 0;
	m = atoi(s + 5);
	if (m < 1 || m > 12)
		return 0;
	if (n == 7)
		return 1;
	dd = atoi(s + 8);
	if (dd < 1 || dd > mdays[m - 1])
		return 0;
	if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

/*
 * Finite decimal number, the whole text: an optional sign, digits with an
 * optional fraction and exponent ("2", "-0.5", ".5", "1e-3"). Hex, "inf",
 * "nan" and numbers too large for a double are refused.
 */
static int parse_decimal(const char *s, double *out)
{
	const char *p = s;
	char *end;
	int digits = 0;
	double v;

	if (*p == '+' || *p == '-')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p)
		return 0;
	v = strtod(s, &end);
	if (*end || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

/** Largest tie weight accepted: sums of many weights stay far from overflow. */
#define RIPPLE_MAX_WEIGHT 1e12

/* Positive decimal number up to RIPPLE_MAX_WEIGHT. */
static int parse_weight(const char *s, double *out)
{
	double v;

	if (!parse_decimal(s, &v) || v <= 0 || v > RIPPLE_MAX_WEIGHT)
		return 0;
	*out = v;
	return 1;
}

/* Whole-text decimal integer. */
static int parse_long(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno == ERANGE)
		return 0;
	*out = v;
	return 1;
}

/*
 * Finds cycles in a forest given by parent[] (RIPPLE_NONE for roots) and
 * reports each once, at the line of its first member in file order, as
 * "a -> b -> a". Costs O(n).
 */
static void report_cycles(loader *L, const ripple_csv *csv, size_t n, const size_t *parent,
                          const size_t *rows, const char *const *ids, const char *what)
{
	unsigned char *state = calloc(n ? n : 1, 1);   /* 0 new, 1 on the walk, 2 done */

	if (!state) {
		ripple_diags_add(L->d, RIPPLE_ENOMEM, csv->path, 0, 0, "out of memory");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j != RIPPLE_NONE && state[j] == 0) {
			state[j] = 1;
			j = parent[j];
		}
		if (j != RIPPLE_NONE && state[j] == 1) {   /* came back to this walk: a cycle */
			char path[512] = "";
			size_t first = j, k = j, len = 0;
			int steps = 0;
			do {
				if (rows[k] < rows[first])
					first = k;
				k = parent[k];
			} while (k != j);
			k = first;
			do {
				if (steps++ < 8 && len < sizeof(path))
					len += (size_t)snprintf(path + len, sizeof(path) - len, "%s -> ", ids[k]);
				k = parent[k];
			} while (k != first);
			if (len < sizeof(path))
				snprintf(path + len, sizeof(path) - len, "%s%s", steps > 8 ? "... -> " : "",
				         ids[first]);
			BAD(L, csv, rows[first], "%s cycle: %s", what, path);
		}
		for (j = i; j != RIPPLE_NONE && state[j] == 1; j = parent[j])
			state[j] = 2;
	}
	free(state);
}

/* ---- place.csv ----------------------------------------------------------- */

static void load_place_csv(loader *L, const char *folder, const ripple_load_options *opts)
{
	ripple_place *p = L->p;
	ripple_csv *csv = p->place_csv;
	const char *name = NULL, *programme = "";
	int directed = 0;

	/* three settings and nothing else: a misspelt "directed" must not pass unseen */
	for (size_t c = 0; csv && c < csv->ncols; c++)
		if (strcmp(csv->header[c], "name") != 0 && strcmp(csv->header[c], "programme") != 0 &&
		    strcmp(csv->header[c], "directed") != 0 && csv->header[c][0])
			ripple_diags_add(L->d, RIPPLE_EINPUT, csv->path, csv->header_line, 0,
			                 "unknown column \"%s\" (place.csv has name, programme "
			                 "and directed)", csv->header[c]);
	if (csv && csv->nrows > 1)
		BAD(L, csv, 1, "place.csv holds one place: one row after the header");
	if (csv && csv->nrows >= 1) {
		name = cell(csv, 0, ripple_csv_column(csv, "name"));
		programme = cell(csv, 0, ripple_csv_column(csv, "programme"));
		const char *dir = cell(csv, 0, ripple_csv_column(csv, "directed"));
		directed = parse_yes_no(dir);
		if (directed == -2)
			BAD(L, csv, 0, "directed \"%s\" is not yes or no", dir);
		if (directed < 0)
			directed = 0;
		if (*name)
			p->name_file = ripple_strdupf("%s:%ld", csv->path, csv->lines[0]);
		if (has_control(name))   /* csv.c lets tabs and line breaks through */
			BAD(L, csv, 0, "place name contains a control character (a tab or line break?)");
	}
	if (opts->name && *opts->name) {
		if (has_control(opts->name))   /* the same rule as place.csv's name */
			ripple_diags_add(L->d, RIPPLE_EUSAGE, folder, 0, 0,
			                 "--name contains a control character (a tab or line break?)");
		name = opts->name;
		free(p->name_file);
		p->name_file = NULL;
	}
	if (!name || !*name) {             /* the folder's own name, "." resolved */
		char *real = realpath(folder, NULL);
		const char *path = real ? real : folder;
		size_t n = strlen(path);
		while (n > 1 && path[n - 1] == '/')
			n--;
		size_t s = n;
		while (s > 0 && path[s - 1] != '/')
			s--;
		p->name = ripple_strdupf("%.*s", (int)(n - s), path + s);
		free(real);
	} else {
		p->name = strdup(name);
	}
	if (!p->name_file)
		p->name_file = strdup(folder);
	p->programme = strdup(programme);
	p->directed = opts->directed ? 1 : directed;
	if (!p->name || !p->programme || !p->name_file)
		ripple_diags_add(L->d, RIPPLE_ENOMEM, folder, 0, 0, "out of memory");
}

/* ---- actors.csv ---------------------------------------------------------- */

static const char *const actor_columns[] = {
	"id", "label", "kind", "parent", "sector", "town", "attended", NULL
};

static void load_actors(loader *L)
{
	ripple_place *p = L->p;
	ripple_csv *csv = p->actors_csv;
	static const char *const required[] = { "id", NULL };
	size_t *parent, *rows;
	const char **ids;
	long c_parent;

	if (!csv || !require_columns(L, csv, required))
		return;
	long c_id = ripple_csv_column(csv, "id"), c_label = ripple_csv_column(csv, "label");
	long c_kind = ripple_csv_column(csv, "kind"), c_sector = ripple_csv_column(csv, "sector");
	long c_town = ripple_csv_column(csv, "town"), c_att = ripple_csv_column(csv, "attended");
	c_parent = ripple_csv_column(csv, "parent");

	p->actors = calloc(csv->nrows ? csv->nrows : 1, sizeof(*p->actors));
	p->actor_extra = calloc(csv->ncols, sizeof(*p->actor_extra));
	if (!p->actors || !p->actor_extra) {
		ripple_diags_add(L->d, RIPPLE_ENOMEM, csv->path, 0, 0, "out of memory");
		return;
	}
	for (size_t c = 0; c < csv->ncols; c++) {
		size_t k = 0;
		while (actor_columns[k] && strcmp(actor_columns[k], csv->header[c]) != 0)
			k++;
		if (!actor_columns[k])
			p->actor_extra[p->nactor_extra++] = c;
	}
	for (size_t r = 0; r < csv->nrows; r++)          /* extra values are trimmed too */
		for (size_t k = 0; k < p->nactor_extra; k++)
			cell(csv, r, (long)p->actor_extra[k]);
	if (csv->nrows == 0 && !(L->flags & RIPPLE_PLACE_NO_ACTORS_OK))
		ripple_diags_add(L->d, RIPPLE_EINPUT, csv->path, csv->header_line, 0,
		                 "no actors: a place needs at least one");

	for (size_t r = 0; r < csv->nrows; r++) {
		const char *id = cell(csv, r, c_id), *kind = cell(csv, r, c_kind);
		const char *att = cell(csv, r, c_att);
		size_t first;
		ripple_actor *a;
		int yn;

		if (!*id) {
			BAD(L, csv, r, "missing value for \"id\"");
			continue;
		}
		if (has_control(id)) {
			BAD(L, csv, r, "actor id contains a control character (a tab or line break?)");
			continue;
		}
		if (ripple_strmap_put(&L->actor_ids, id, p->nactors, &first) < 0) {
			BAD(L, csv, r, "out of memory");
			return;
		}
		if (first != p->nactors) {
			BAD(L, csv, r, "duplicate actor id \"%s\" (first at line %ld)", id,
			    csv->lines[p->actors[first].row]);
			continue;
		}
		a = &p->actors[p->nactors++];
		a->id = id;
		a->label = cell(csv, r, c_label);
		if (!*a->label)
			a->label = id;
		a->kind = RIPPLE_ORGANISATION;
		if (*kind) {
			size_t k = 0;
			while (k < 3 && !ripple_strieq(kind, kind_names[k]))
				k++;
			if (k == 3)
				BAD(L, csv, r, "unknown kind \"%s\" (expected organisation, team or person)", kind);
			else
				a->kind = (enum ripple_kind)k;
		}
		a->sector = cell(csv, r, c_sector);
		a->town = cell(csv, r, c_town);
		/* other text says when (a wave or a date): checked by resolve_attended,
		 * once the waves are known and in order */
		yn = parse_yes_no(att);
		a->attended = yn == -2 ? 1 : yn < 0 ? -1 : yn;
		a->attended_when = yn == -2 ? att : "";
		a->attended_by = RIPPLE_NONE;
		a->parent = RIPPLE_NONE;
		a->row = r;
	}

	/* parents, once every id is known */
	parent = malloc((p->nactors + 1) * sizeof(*parent));
	rows = malloc((p->nactors + 1) * sizeof(*rows));
	ids = malloc((p->nactors + 1) * sizeof(*ids));
	if (!parent || !rows || !ids) {
		ripple_diags_add(L->d, RIPPLE_ENOMEM, csv->path, 0, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < p->nactors; i++) {
		ripple_actor *a = &p->actors[i];
		const char *pid = cell(csv, a->row, c_parent);
		if (*pid) {
			a->parent = ripple_strmap_get(&L->actor_ids, pid);
			if (a->parent == RIPPLE_NONE)
				BAD(L, csv, a->row, "unknown parent \"%s\"", pid);
			else if (a->parent == i)
				BAD(L, csv, a->row, "actor \"%s\" is its own parent", a->id);
		}
		parent[i] = a->parent == i ? RIPPLE_NONE : a->parent;
		rows[i] = a->row;
		ids[i] = a->id;
	}
	report_cycles(L, csv, p->nactors, parent, rows, ids, "parent");
	/* with no actors every id elsewhere would be unknown: "no actors" says it once */
	L->actors_ok = p->nactors > 0 || (L->flags & RIPPLE_PLACE_NO_ACTORS_OK);
done:
	free(parent);
	free(rows);
	free(ids);
}

/* ---- waves.csv ----------------------------------------------------------- */

typedef struct wave_order {
	long ordinal;
	size_t old;
} wave_order;

static int wave_order_cmp(const void *a, const void *b)
{
	const wave_order *x = a, *y = b;
	if (x->ordinal != y->ordinal)
		return x->ordinal < y->ordinal ? -1 : 1;
	return (x->old > y->old) - (x->old < y->old);
}

/* Puts waves in order of ordinal (then of listing) and renumbers the ties' waves. */
static void sort_waves(loader *L)
{
	ripple_place *p = L->p;
	size_t n = p->nwaves;
	wave_order *order = malloc((n + 1) * sizeof(*order));
	size_t *remap = malloc((n + 1) * sizeof(*remap));
	ripple_wave *sorted = malloc((n + 1) * sizeof(*sorted));

	if (!order || !remap || !sorted) {
		ripple_diags_add(L->d, RIPPLE_ENOMEM, p->folder, 0, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = (wave_order){ p->waves[i].ordinal, i };
	qsort(order, n, sizeof(*order), wave_order_cmp);
	for (size_t i = 0; i < n; i++) {
		sorted[i] = p->waves[order[i].old];
		remap[order[i].old] = i;
	}
	for (size_t t = 0; t < p->nties; t++)
		p->ties[t].wave = remap[p->ties[t].wave];
	free(p->waves);
	p->waves = sorted;
	sorted = NULL;
	/* names now lead to the waves' places in order */
	ripple_strmap_release(&L->wave_ids);
	for (size_t i = 0; i < n; i++)
		if (ripple_strmap_put(&L->wave_ids, p->waves[i].name, i, NULL) < 0) {
			ripple_diags_add(L->d, RIPPLE_ENOMEM, p->folder, 0, 0, "out of memory");
			break;
		}
done:
	free(order);
	free(remap);
	free(sorted);
}

static void load_waves(loader *L)
{
	ripple_place *p = L->p;
	ripple_csv *csv = p->waves_csv;
	static const char *const required[] = { "wave", NULL };
	ripple_strmap ordinals = {0};
	char **ordinal_text = NULL;

	if (!csv)
		return;
	L->waves_given = 1;
	if (!require_columns(L, csv, required))
		return;
	long c_wave = ripple_csv_column(csv, "wave"), c_ord = ripple_csv_column(csv, "ordinal");
	long c_date = ripple_csv_column(csv, "date");
	size_t before = ripple_diags_total(L->d);

	if (csv->nrows == 0) {   /* else every tie's wave would be "not in waves.csv" */
		ripple_diags_add(L->d, RIPPLE_EINPUT, csv->path, csv->header_line, 0,
		                 "no waves listed: list them, or remove waves.csv to take the "
		                 "waves from ties.csv");
		return;
	}
	p->waves = calloc(csv->nrows, sizeof(*p->waves));
	ordinal_text = calloc(csv->nrows, sizeof(*ordinal_text));
	if (!p->waves || !ordinal_text)
		goto nomem;
	for (size_t r = 0; r < csv->nrows; r++) {
		const char *name = cell(csv, r, c_wave), *ord = cell(csv, r, c_ord);
		const char *date = cell(csv, r, c_date);
		ripple_wave *w;
		size_t first;
		long ordinal = (long)r + 1;

		if (!*name) {
			BAD(L, csv, r, "missing value for \"wave\"");
			continue;
		}
		if (has_control(name)) {
			BAD(L, csv, r, "wave name contains a control character (a tab or line break?)");
			continue;
		}
		if (ripple_strmap_put(&L->wave_ids, name, p->nwaves, &first) < 0)
			goto nomem;
		if (first != p->nwaves) {
			BAD(L, csv, r, "wave \"%s\" is listed twice", name);
			continue;
		}
		if (*ord && !parse_long(ord, &ordinal))
			BAD(L, csv, r, "ordinal \"%s\" is not a whole number", ord);
		if (*date && !valid_date(date))
			BAD(L, csv, r, "date \"%s\" is not a date written yyyy-mm-dd", date);
		/* two waves with the same ordinal would have no order */
		ordinal_text[p->nwaves] = ripple_strdupf("%ld", ordinal);
		if (!ordinal_text[p->nwaves] ||
		    ripple_strmap_put(&ordinals, ordinal_text[p->nwaves], r, &first) < 0)
			goto nomem;
		if (first != r)
			BAD(L, csv, r, "ordinal %ld is also the ordinal of wave \"%s\" (line %ld)",
			    ordinal, cell(csv, first, c_wave), csv->lines[first]);
		w = &p->waves[p->nwaves++];
		w->name = name;
		w->ordinal = ordinal;
		w->date = date;
	}
	L->waves_ok = ripple_diags_total(L->d) == before;
	goto done;
nomem:
	ripple_diags_add(L->d, RIPPLE_ENOMEM, csv->path, 0, 0, "out of memory");
done:
	if (ordinal_text)
		for (size_t i = 0; i < csv->nrows; i++)
			free(ordinal_text[i]);
	free(ordinal_text);
	ripple_strmap_release(&ordinals);
}

/* ---- ties.csv ------------------------------------------------------------ */

static const char *const tie_columns[] = { "source", "target", "wave", "type", "weight", NULL };

typedef struct tie_key {
	size_t a, b, wave, type;   /* a <= b when undirected */
	size_t tie;
} tie_key;

static int tie_key_cmp(const void *x, const void *y)
{
	const tie_key *s = x, *t = y;
	if (s->a != t->a) return s->a < t->a ? -1 : 1;
	if (s->b != t->b) return s->b < t->b ? -1 : 1;
	if (s->wave != t->wave) return s->wave < t->wave ? -1 : 1;
	if (s->type != t->type) return s->type < t->type ? -1 : 1;
	return (s->tie > t->tie) - (s->tie < t->tie);
}

static void load_ties(loader *L)
{
	ripple_place *p = L->p;
	ripple_csv *csv = p->ties_csv;
	static const char *const required[] = { "source", "target", "wave", NULL };
	ripple_strmap types = {0};
	tie_key *keys = NULL;
	size_t nwaves_cap;

	if (!csv || !require_columns(L, csv, required))
		return;
	long c_src = ripple_csv_column(csv, "source"), c_tgt = ripple_csv_column(csv, "target");
	long c_wave = ripple_csv_column(csv, "wave"), c_type = ripple_csv_column(csv, "type");
	long c_weight = ripple_csv_column(csv, "weight");
	/* relationship quality (PARTNER-style trust and value) is averaged: numbers only */
	long c_quality[2] = { ripple_csv_column(csv, "trust"), ripple_csv_column(csv, "value") };

	p->ties = calloc(csv->nrows ? csv->nrows : 1, sizeof(*p->ties));
	p->tie_extra = calloc(csv->ncols, sizeof(*p->tie_extra));
	keys = calloc(csv->nrows ? csv->nrows : 1, sizeof(*keys));
	if (!p->ties || !p->tie_extra || !keys)
		goto nomem;
	for (size_t c = 0; c < csv->ncols; c++) {
		size_t k = 0;
		while (tie_columns[k] && strcmp(tie_columns[k], csv->header[c]) != 0)
			k++;
		if (!tie_columns[k])
			p->tie_extra[p->ntie_extra++] = c;
	}
	for (size_t r = 0; r < csv->nrows; r++)
		for (size_t k = 0; k < p->ntie_extra; k++)
			cell(csv, r, (long)p->tie_extra[k]);
	/* waves named only in ties.csv are added in order of first appearance */
	nwaves_cap = p->nwaves;
	for (size_t r = 0; r < csv->nrows; r++) {
		const char *src = cell(csv, r, c_src), *tgt = cell(csv, r, c_tgt);
		const char *wave = cell(csv, r, c_wave), *type = cell(csv, r, c_type);
		const char *weight = cell(csv, r, c_weight);
		ripple_tie t = { RIPPLE_NONE, RIPPLE_NONE, RIPPLE_NONE, type, 1.0, r };
		int ok = 1;

		if (!*src) { BAD(L, csv, r, "missing value for \"source\""); ok = 0; }
		if (!*tgt) { BAD(L, csv, r, "missing value for \"target\""); ok = 0; }
		if (!*wave) { BAD(L, csv, r, "missing value for \"wave\""); ok = 0; }
		if (has_control(wave)) {
			BAD(L, csv, r, "wave name contains a control character (a tab or line break?)");
			ok = 0;
			wave = "";
		}
		if (*weight && !parse_weight(weight, &t.weight)) {
			BAD(L, csv, r, "weight \"%s\" is not a positive number (at most 1e12)", weight);
			ok = 0;
		}
		for (int q = 0; q < 2; q++) {
			const char *text = cell(csv, r, c_quality[q]);
			double ignored;
			if (*text && !parse_decimal(text, &ignored)) {
				BAD(L, csv, r, "%s \"%s\" is not a number", q ? "value" : "trust", text);
				ok = 0;
			}
		}
		if (*src && *tgt && strcmp(src, tgt) == 0) {
			BAD(L, csv, r, "tie from \"%s\" to itself", src);
			ok = 0;
		}
		if (L->actors_ok) {
			if (*src && (t.source = ripple_strmap_get(&L->actor_ids, src)) == RIPPLE_NONE) {
				BAD(L, csv, r, "unknown actor \"%s\" (not in actors.csv)", src);
				ok = 0;
			}
			if (*tgt && (t.target = ripple_strmap_get(&L->actor_ids, tgt)) == RIPPLE_NONE) {
				BAD(L, csv, r, "unknown actor \"%s\" (not in actors.csv)", tgt);
				ok = 0;
			}
		} else {
			ok = 0;
		}
		if (*wave) {
			t.wave = ripple_strmap_get(&L->wave_ids, wave);
			if (t.wave == RIPPLE_NONE && L->waves_given) {
				if (L->waves_ok)
					BAD(L, csv, r, "wave \"%s\" is not in waves.csv", wave);
				ok = 0;
			} else if (t.wave == RIPPLE_NONE) {
				if (p->nwaves == nwaves_cap) {
					size_t cap = nwaves_cap ? nwaves_cap * 2 : 4;
					ripple_wave *w = realloc(p->waves, cap * sizeof(*w));
					if (!w)
						goto nomem;
					p->waves = w;
					nwaves_cap = cap;
				}
				t.wave = p->nwaves;
				p->waves[p->nwaves] = (ripple_wave){ wave, (long)p->nwaves + 1, "" };
				if (ripple_strmap_put(&L->wave_ids, wave, p->nwaves++, NULL) < 0)
					goto nomem;
			}
		}
		if (!ok)
			continue;
		size_t type_id;
		if (ripple_strmap_put(&types, type, types.count, &type_id) < 0)
			goto nomem;
		keys[p->nties] = (tie_key){
			(!p->directed && t.target < t.source) ? t.target : t.source,
			(!p->directed && t.target < t.source) ? t.source : t.target,
			t.wave, type_id, p->nties
		};
		p->ties[p->nties++] = t;
	}

	/* the same tie twice: equal keys are neighbours once sorted */
	qsort(keys, p->nties, sizeof(*keys), tie_key_cmp);
	for (size_t i = 1, first = 0; i < p->nties; i++) {
		const tie_key *k = &keys[i], *prev = &keys[i - 1];
		if (k->a != prev->a || k->b != prev->b || k->wave != prev->wave || k->type != prev->type) {
			first = i;          /* a new run of equal keys starts here */
			continue;
		}
		const ripple_tie *t = &p->ties[k->tie];
		const char *type = t->type;
		BAD(L, csv, t->row, "duplicate tie %s %s %s in wave \"%s\"%s%s%s (first at line %ld)",
		    p->actors[t->source].id, p->directed ? "->" : "--", p->actors[t->target].id,
		    p->waves[t->wave].name, *type ? " of type \"" : "", type, *type ? "\"" : "",
		    csv->lines[p->ties[keys[first].tie].row]);
	}
	goto done;
nomem:
	ripple_diags_add(L->d, RIPPLE_ENOMEM, csv->path, 0, 0, "out of memory");
done:
	free(keys);
	ripple_strmap_release(&types);
}

/* ---- ripples.csv --------------------------------------------------------- */

static void load_ripples(loader *L)
{
	ripple_place *p = L->p;
	ripple_csv *csv = p->ripples_csv;
	static const char *const required[] = { "id", "label", NULL };
	ripple_strmap ids = {0};
	size_t *parent = NULL, *rows = NULL, *named = NULL;
	const char **names = NULL;

	if (!csv || !require_columns(L, csv, required))
		return;
	long c_id = ripple_csv_column(csv, "id"), c_parent = ripple_csv_column(csv, "parent");
	long c_label = ripple_csv_column(csv, "label"), c_cap = ripple_csv_column(csv, "capital");
	long c_val = ripple_csv_column(csv, "valence"), c_int = ripple_csv_column(csv, "intended");
	long c_date = ripple_csv_column(csv, "date"), c_act = ripple_csv_column(csv, "actors");
	long c_notes = ripple_csv_column(csv, "notes");
	size_t n = csv->nrows ? csv->nrows : 1;

	p->ripples = calloc(n, sizeof(*p->ripples));
	parent = malloc(n * sizeof(*parent));
	rows = malloc(n * sizeof(*rows));
	names = malloc(n * sizeof(*names));
	/* named[a]: the ripple that last named actor a (a stamp, so no clearing) */
	named = malloc((p->nactors + 1) * sizeof(*named));
	if (!p->ripples || !parent || !rows || !names || !named)
		goto nomem;
	for (size_t a = 0; a <= p->nactors; a++)
		named[a] = RIPPLE_NONE;
	for (size_t r = 0; r < csv->nrows; r++) {
		const char *id = cell(csv, r, c_id), *label = cell(csv, r, c_label);
		const char *val = cell(csv, r, c_val), *intended = cell(csv, r, c_int);
		const char *date = cell(csv, r, c_date);
		char *caps = (char *)cell(csv, r, c_cap), *acts = (char *)cell(csv, r, c_act);
		ripple_ripple *rp;
		size_t first;

		if (!*id) {
			BAD(L, csv, r, "missing value for \"id\"");
			continue;
		}
		if (has_control(id)) {
			BAD(L, csv, r, "ripple id contains a control character (a tab or line break?)");
			continue;
		}
		if (ripple_strmap_put(&ids, id, p->nripples, &first) < 0)
			goto nomem;
		if (first != p->nripples) {
			BAD(L, csv, r, "duplicate ripple id \"%s\" (first at line %ld)", id,
			    csv->lines[rows[first]]);
			continue;
		}
		rp = &p->ripples[p->nripples];
		rows[p->nripples] = r;
		names[p->nripples] = id;
		p->nripples++;
		rp->id = id;
		rp->label = label;
		rp->parent = RIPPLE_NONE;
		rp->date = date;
		rp->notes = cell(csv, r, c_notes);   /* free text: any character but NUL */
		if (!*label)
			BAD(L, csv, r, "missing value for \"label\"");
		rp->valence = 1;
		if (ripple_strieq(val, "negative"))
			rp->valence = -1;
		else if (*val && !ripple_strieq(val, "positive"))
			BAD(L, csv, r, "unknown valence \"%s\" (expected positive or negative)", val);
		rp->intended = ripple_strieq(intended, "unknown") ? -1 : parse_yes_no(intended);
		if (rp->intended == -2) {
			BAD(L, csv, r, "unknown intended \"%s\" (expected yes, no or unknown)", intended);
			rp->intended = -1;
		}
		if (*date && !valid_date(date))
			BAD(L, csv, r, "date \"%s\" is not a date written yyyy-mm-dd", date);
		/* capitals: ';'-separated names of the seven */
		for (char *tok = caps, *next; tok; tok = next) {
			next = strchr(tok, ';');
			if (next)
				*next++ = '\0';
			tok = ripple_trim(tok);
			if (!*tok)
				continue;
			int k = 0;
			while (k < RIPPLE_NCAPITALS && !ripple_strieq(tok, capital_names[k]))
				k++;
			if (k == RIPPLE_NCAPITALS)
				BAD(L, csv, r, "unknown capital \"%s\" (expected natural, cultural, human, "
				    "social, political, financial or built)", tok);
			else
				rp->capitals |= 1u << k;
		}
		/* actors: ';'-separated actor ids, each named once */
		size_t cap = 1;
		for (const char *s = acts; *s; s++)
			cap += *s == ';';
		rp->actors = malloc(cap * sizeof(*rp->actors));
		if (!rp->actors)
			goto nomem;
		for (char *tok = acts, *next; tok; tok = next) {
			next = strchr(tok, ';');
			if (next)
				*next++ = '\0';
			tok = ripple_trim(tok);
			if (!*tok || !L->actors_ok)
				continue;
			size_t a = ripple_strmap_get(&L->actor_ids, tok);
			if (a == RIPPLE_NONE) {
				BAD(L, csv, r, "unknown actor \"%s\" (not in actors.csv)", tok);
				continue;
			}
			if (named[a] != p->nripples) {      /* each actor once per ripple */
				named[a] = p->nripples;
				rp->actors[rp->nactors++] = a;
			}
		}
	}
	for (size_t i = 0; i < p->nripples; i++) {
		ripple_ripple *rp = &p->ripples[i];
		const char *pid = cell(csv, rows[i], c_parent);
		parent[i] = RIPPLE_NONE;
		if (!*pid)
			continue;
		rp->parent = ripple_strmap_get(&ids, pid);
		if (rp->parent == RIPPLE_NONE)
			BAD(L, csv, rows[i], "unknown parent ripple \"%s\"", pid);
		else if (rp->parent == i)
			BAD(L, csv, rows[i], "ripple \"%s\" is its own parent", rp->id);
		else
			parent[i] = rp->parent;
	}
	report_cycles(L, csv, p->nripples, parent, rows, names, "ripple");
	goto done;
nomem:
	ripple_diags_add(L->d, RIPPLE_ENOMEM, csv->path, 0, 0, "out of memory");
done:
	free(parent);
	free(rows);
	free(names);
	free(named);
	ripple_strmap_release(&ids);
}

/* ---- responses.csv -------------------------------------------------------- */

/*
 * responses.csv: who took part in each wave's survey. Read after the waves
 * are in order, so that p->responses is indexed by wave order. Columns other
 * than actor, wave and status are ignored (a tracker's notes or dates).
 */
static void load_responses(loader *L)
{
	ripple_place *p = L->p;
	ripple_csv *csv = p->responses_csv;
	static const char *const required[] = { "actor", "wave", "status", NULL };
	size_t n;

	if (!csv || !require_columns(L, csv, required))
		return;
	long c_actor = ripple_csv_column(csv, "actor"), c_wave = ripple_csv_column(csv, "wave");
	long c_status = ripple_csv_column(csv, "status");

	/* an unknown actor or wave here would only repeat a problem already reported */
	if (!L->actors_ok || (L->waves_given && !L->waves_ok))
		return;
	if (p->nwaves && p->nactors > SIZE_MAX / sizeof(size_t) / p->nwaves)
		goto nomem;
	n = p->nactors * p->nwaves;
	p->responses = calloc(n ? n : 1, 1);
	L->response_row = malloc((n ? n : 1) * sizeof(*L->response_row));
	if (!p->responses || !L->response_row)
		goto nomem;
	for (size_t i = 0; i < n; i++)
		L->response_row[i] = RIPPLE_NONE;
	for (size_t r = 0; r < csv->nrows; r++) {
		const char *actor = cell(csv, r, c_actor), *wave = cell(csv, r, c_wave);
		const char *status = cell(csv, r, c_status);
		size_t a = RIPPLE_NONE, w = RIPPLE_NONE, k = 0;

		if (!*actor)
			BAD(L, csv, r, "missing value for \"actor\"");
		else if ((a = ripple_strmap_get(&L->actor_ids, actor)) == RIPPLE_NONE)
			BAD(L, csv, r, "unknown actor \"%s\" (not in actors.csv)", actor);
		if (!*wave)
			BAD(L, csv, r, "missing value for \"wave\"");
		else if ((w = ripple_strmap_get(&L->wave_ids, wave)) == RIPPLE_NONE)
			BAD(L, csv, r, L->waves_given ? "wave \"%s\" is not in waves.csv"
			               : "wave \"%s\" is not a wave of the place (no tie in ties.csv "
			                 "is at it, and there is no waves.csv to list it)", wave);
		if (!*status) {
			BAD(L, csv, r, "missing value for \"status\"");
			continue;
		}
		while (k < RIPPLE_NRESPONSES && !ripple_strieq(status, response_names[k]))
			k++;
		if (k == RIPPLE_NRESPONSES) {
			BAD(L, csv, r, "unknown status \"%s\" (expected answered, missing or absent)",
			    status);
			continue;
		}
		if (a == RIPPLE_NONE || w == RIPPLE_NONE)
			continue;
		if (L->response_row[w * p->nactors + a] != RIPPLE_NONE) {
			BAD(L, csv, r, "actor \"%s\" is listed twice for wave \"%s\" (first at line %ld)",
			    actor, p->waves[w].name, csv->lines[L->response_row[w * p->nactors + a]]);
			continue;
		}
		L->response_row[w * p->nactors + a] = r;
		p->responses[w * p->nactors + a] = (unsigned char)k;
	}
	return;
nomem:
	ripple_diags_add(L->d, RIPPLE_ENOMEM, csv->path, 0, 0, "out of memory");
}

/*
 * A tie is reported by its source (in an undirected place too): a tie whose
 * source did not answer its wave, or that names an actor who was not part of
 * the place then, cannot have been observed. Each is reported at the tie's
 * line, with the file name and line of the status that says so (responses.csv,
 * or the file a converter read the statuses from).
 */
static void check_reported_ties(loader *L)
{
	ripple_place *p = L->p;
	const ripple_csv *ties = p->ties_csv, *resp = p->responses_csv;
	const char *file;

	if (!p->responses || !L->response_row)
		return;
	file = strrchr(resp->path, '/') ? strrchr(resp->path, '/') + 1 : resp->path;
	for (size_t i = 0; i < p->nties; i++) {
		const ripple_tie *t = &p->ties[i];
		size_t s = t->wave * p->nactors + t->source, g = t->wave * p->nactors + t->target;
		const char *dash = p->directed ? "->" : "--";
		const char *src = p->actors[t->source].id, *tgt = p->actors[t->target].id;
		const char *wave = p->waves[t->wave].name;
		const char *who = p->responses[s] == RIPPLE_RESPONSE_MISSING
		                  ? "did not answer that wave" : "was not part of the place then";
		long line = p->responses[s] != RIPPLE_RESPONSE_ANSWERED
		            ? resp->lines[L->response_row[s]] : 0;

		/* undirected, a missing source and the other end answered: the tie may be its
		 * report written the other way round (the reporter is the source); not so
		 * for an absent source, whom no tie may name */
		if (p->responses[s] == RIPPLE_RESPONSE_MISSING && !p->directed &&
		    p->responses[g] == RIPPLE_RESPONSE_ANSWERED)
			BAD(L, ties, t->row, "tie %s %s %s at \"%s\" is reported by %s, who %s "
			    "(%s:%ld says %s); if %s reported it, write it as %s,%s", src, dash, tgt,
			    wave, src, who, file, line, response_names[p->responses[s]], tgt, tgt, src);
		else if (p->responses[s] != RIPPLE_RESPONSE_ANSWERED)
			BAD(L, ties, t->row, "tie %s %s %s at \"%s\" is reported by %s, who %s "
			    "(%s:%ld says %s)", src, dash, tgt, wave, src, who, file, line,
			    response_names[p->responses[s]]);
		if (p->responses[g] == RIPPLE_RESPONSE_ABSENT)
			BAD(L, ties, t->row, "tie %s %s %s at \"%s\" names %s, who was not part of the "
			    "place then (%s:%ld says absent)", src, dash, tgt, wave, tgt, file,
			    resp->lines[L->response_row[g]]);
	}
}

/* ---- attended with a time ---------------------------------------------------- */

/* The rule of attended with a time: input/place.h. */
int ripple_attended_by(size_t *by, size_t *wave, const char *when, const ripple_wave *waves,
                       size_t nwaves)
{
	size_t len;

	*by = *wave = RIPPLE_NONE;
	for (size_t w = 0; w < nwaves; w++)   /* a wave's name first: "2025-03" may be one */
		if (strcmp(waves[w].name, when) == 0) {
			*wave = w;
			*by = w + 1;
			return RIPPLE_ATTENDED_OK;
		}
	if (!valid_date(when))
		return RIPPLE_ATTENDED_UNKNOWN;
	for (size_t w = 0; w < nwaves; w++)
		if (!*waves[w].date) {
			*wave = w;
			return RIPPLE_ATTENDED_UNDATED;
		}
	len = strlen(when);
	for (size_t w = 0; w < nwaves; w++) {
		const char *date = waves[w].date;
		size_t dlen = strlen(date);
		int c = strncmp(when, date, len < dlen ? len : dlen);
		if (c == 0 && len != dlen) {   /* 2025-07 and 2025-07-15: no order */
			*wave = w;
			return RIPPLE_ATTENDED_AMBIGUOUS;
		}
		if (c < 0) {                   /* the wave's date is after it */
			*by = w;
			return RIPPLE_ATTENDED_OK;
		}
	}
	*by = nwaves;
	return RIPPLE_ATTENDED_OK;
}

/* `attended` that says when: a wave of the place or a date, once the waves are in order. */
static void resolve_attended(loader *L)
{
	ripple_place *p = L->p;
	ripple_csv *csv = p->actors_csv;

	if (L->waves_given && !L->waves_ok)   /* the wave it names may be the one refused */
		return;
	for (size_t i = 0; i < p->nactors; i++) {
		ripple_actor *a = &p->actors[i];
		size_t w;
		if (!*a->attended_when)
			continue;
		switch (ripple_attended_by(&a->attended_by, &w, a->attended_when, p->waves,
		                           p->nwaves)) {
		case RIPPLE_ATTENDED_OK:
			break;
		case RIPPLE_ATTENDED_UNDATED:
			BAD(L, csv, a->row, "attended \"%s\" is a date, but wave \"%s\" has none: date "
			    "every wave in waves.csv, or name the wave after which %s had attended",
			    a->attended_when, p->waves[w].name, a->id);
			break;
		case RIPPLE_ATTENDED_AMBIGUOUS:
			BAD(L, csv, a->row, "attended \"%s\" cannot be put before or after wave \"%s\" "
			    "(dated %s): write both dates to the same precision", a->attended_when,
			    p->waves[w].name, p->waves[w].date);
			break;
		default:
			BAD(L, csv, a->row, "attended \"%s\" is not yes or no, a wave of the place or a "
			    "date written yyyy-mm-dd", a->attended_when);
			break;
		}
	}
}

/* ---- the folder ---------------------------------------------------------- */

/* Reads folder/name into *out when the file exists; reports it when required and missing. */
static void read_csv(loader *L, ripple_csv **out, const char *folder, const char *name,
                     int required)
{
	char *path = ripple_path_join(folder, name);

	if (!path) {
		ripple_diags_add(L->d, RIPPLE_ENOMEM, folder, 0, 0, "out of memory");
		return;
	}
	if (!ripple_entry_exists(path)) {   /* a broken link is read, and reported */
		if (required)
			ripple_diags_add(L->d, RIPPLE_EINPUT, path, 0, 0,
			                 "missing: a place folder needs actors.csv and ties.csv");
	} else {
		ripple_csv_read(out, path, L->d);
	}
	free(path);
}

void ripple_tables_free(ripple_csv *tables[RIPPLE_TABLE_COUNT])
{
	for (int t = 0; t < RIPPLE_TABLE_COUNT; t++)
		ripple_csv_free(tables[t]);
}

int ripple_place_from_tables(ripple_place **out, const char *folder,
                             ripple_csv *tables[RIPPLE_TABLE_COUNT], int waves_given,
                             unsigned flags, const ripple_load_options *opts,
                             ripple_diags *diags, size_t before)
{
	static const ripple_load_options defaults = RIPPLE_LOAD_OPTIONS_INIT;
	loader L = {0};
	int rc = RIPPLE_OK;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	L.d = diags;
	L.flags = flags;
	L.waves_given = waves_given;
	L.p = calloc(1, sizeof(*L.p));
	if (!L.p || !(L.p->folder = strdup(folder))) {
		free(L.p);
		ripple_tables_free(tables);
		return ripple_diags_add(diags, RIPPLE_ENOMEM, folder, 0, 0, "out of memory");
	}
	L.p->place_csv = tables[RIPPLE_TABLE_PLACE];
	L.p->actors_csv = tables[RIPPLE_TABLE_ACTORS];
	L.p->waves_csv = tables[RIPPLE_TABLE_WAVES];
	L.p->ties_csv = tables[RIPPLE_TABLE_TIES];
	L.p->ripples_csv = tables[RIPPLE_TABLE_RIPPLES];
	L.p->responses_csv = tables[RIPPLE_TABLE_RESPONSES];

	load_place_csv(&L, folder, opts);
	load_actors(&L);
	load_waves(&L);
	load_ties(&L);
	load_ripples(&L);
	sort_waves(&L);         /* what follows indexes waves in their order */
	load_responses(&L);
	check_reported_ties(&L);
	resolve_attended(&L);
	ripple_strmap_release(&L.actor_ids);
	ripple_strmap_release(&L.wave_ids);
	free(L.response_row);
	if (ripple_diags_total(diags) != before) {
		rc = RIPPLE_EINPUT;
		for (size_t i = 0; i < diags->count; i++)
			if (diags->items[i].code == RIPPLE_ENOMEM)
				rc = RIPPLE_ENOMEM;
		ripple_place_free(L.p);
		return rc;
	}
	*out = L.p;
	return RIPPLE_OK;
}

int ripple_place_load(ripple_place **out, const char *folder, const ripple_load_options *opts,
                      ripple_diags *diags)
{
	static const ripple_load_options defaults = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_csv *tables[RIPPLE_TABLE_COUNT] = {0};
	size_t before = ripple_diags_total(diags);
	loader L = {0};
	char *wpath;
	int waves_given;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (opts->from == RIPPLE_FROM_XMIND || opts->from == RIPPLE_FROM_FREEMIND)
		return ripple_mindmap_load(out, folder, opts, diags);
	if (!ripple_is_dir(folder))
		return ripple_diags_add(diags, RIPPLE_EINPUT, folder, 0, 0,
		                        ripple_exists(folder) ? "not a folder: a place is a folder of CSV files"
		                                              : "no such folder");
	if (opts->from == RIPPLE_FROM_KUMU)
		return ripple_kumu_load(out, folder, opts, diags);
	if (opts->from == RIPPLE_FROM_RIPPLEFX)
		return ripple_ripplefx_load(out, folder, opts, diags);
	L.d = diags;
	read_csv(&L, &tables[RIPPLE_TABLE_PLACE], folder, "place.csv", 0);
	read_csv(&L, &tables[RIPPLE_TABLE_ACTORS], folder, "actors.csv", 1);
	read_csv(&L, &tables[RIPPLE_TABLE_WAVES], folder, "waves.csv", 0);
	read_csv(&L, &tables[RIPPLE_TABLE_TIES], folder, "ties.csv", 1);
	read_csv(&L, &tables[RIPPLE_TABLE_RIPPLES], folder, "ripples.csv", 0);
	read_csv(&L, &tables[RIPPLE_TABLE_RESPONSES], folder, "responses.csv", 0);
	/* a waves.csv that exists but cannot be read still means "waves are listed" */
	wpath = ripple_path_join(folder, "waves.csv");
	waves_given = wpath && ripple_entry_exists(wpath);
	free(wpath);
	return ripple_place_from_tables(out, folder, tables, waves_given, 0, opts, diags, before);
}

void ripple_place_free(ripple_place *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nripples; i++)
		free(p->ripples[i].actors);
	free(p->ripples);
	free(p->actors);
	free(p->waves);
	free(p->ties);
	free(p->actor_extra);
	free(p->tie_extra);
	free(p->responses);
	ripple_csv_free(p->actors_csv);
	ripple_csv_free(p->ties_csv);
	ripple_csv_free(p->ripples_csv);
	ripple_csv_free(p->waves_csv);
	ripple_csv_free(p->place_csv);
	ripple_csv_free(p->responses_csv);
	free(p->folder);
	free(p->name);
	free(p->name_file);
	free(p->programme);
	free(p);
}

int ripple_place_check_names(ripple_place *const *places, size_t n, ripple_diags *diags)
{
	int rc = RIPPLE_OK;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (places[i] && places[j] && strcmp(places[i]->name, places[j]->name) == 0) {
				rc = ripple_diags_add(diags, RIPPLE_EINPUT, places[i]->name_file, 0, 0,
				                      "place \"%s\" is also the name of %s: give one --name each",
				                      places[i]->name, places[j]->folder);
				break;
			}
	return rc;
}

int ripple_places_load(ripple_place ***out, size_t *count, char *const *paths, size_t npaths,
                       const ripple_load_options *opts, ripple_diags *diags)
{
	ripple_place **places = NULL;
	size_t n = 0, cap = 0, folders_seen = 0;
	int rc = RIPPLE_OK;

	*out = NULL;
	*count = 0;
	for (size_t i = 0; i < npaths; i++) {
		ripple_error err = {0};
		char **folders;
		size_t nf;
		if (ripple_input_folders(&folders, &nf, paths[i], opts ? opts->from : RIPPLE_FROM_PLACE,
		                         &err) < 0) {
			ripple_diags_add_error(diags, &err);
			rc = err.code;
			continue;
		}
		folders_seen += nf;
		for (size_t k = 0; k < nf; k++) {
			ripple_place *p;
			int r = ripple_place_load(&p, folders[k], opts, diags);
			if (r < 0) {
				rc = r;
				continue;
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				ripple_place **np = realloc(places, cap * sizeof(*np));
				if (!np) {
					ripple_place_free(p);
					ripple_strv_free(folders);
					rc = ripple_diags_add(diags, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
					goto done;
				}
				places = np;
			}
			places[n++] = p;
		}
		ripple_strv_free(folders);
	}
	if (opts && opts->name && folders_seen > 1)
		rc = ripple_diags_add(diags, RIPPLE_EUSAGE, "", 0, 0,
		                      "--name names one place, but %zu place folders were given",
		                      folders_seen);
	if (ripple_place_check_names(places, n, diags) < 0 && rc == RIPPLE_OK)
		rc = RIPPLE_EINPUT;
done:
	*out = places;
	*count = n;
	return rc;
}

void ripple_places_free(ripple_place **places, size_t count)
{
	for (size_t i = 0; i < count; i++)
		ripple_place_free(places[i]);
	free(places);
}

/* ---- folders of places --------------------------------------------------- */

static int strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when dir holds what a place in format `from` is read from. */
static int holds_place(const char *dir, enum ripple_from from)
{
	ripple_error ignored;
	char *path = NULL;
	int yes;

	switch (from) {
	case RIPPLE_FROM_KUMU:
		yes = ripple_find_export_file(&path, dir, "elements.csv", &ignored) != 0;
		break;
	case RIPPLE_FROM_RIPPLEFX:
		yes = ripple_find_export_file(&path, dir, "nodes.csv", &ignored) != 0;
		break;
	default:
		path = ripple_path_join(dir, "actors.csv");
		yes = path && ripple_entry_exists(path);
		break;
	}
	free(path);
	return yes;
}

static const char *const no_place_here[] = {
	[RIPPLE_FROM_PLACE] = "no place here: a place folder holds actors.csv and ties.csv",
	[RIPPLE_FROM_KUMU] = "no Kumu export here: a Kumu folder holds elements.csv and "
	                     "connections.csv",
	[RIPPLE_FROM_RIPPLEFX] = "no RippleFX export here: a RippleFX folder holds nodes.csv and "
	                         "relationships.csv",
};

/* Deepest folder nesting searched for place folders below the one given. */
#define PLACE_FOLDER_DEPTH 4

typedef struct folder_list {
	char **v;     /* NULL-terminated once n > 0 */
	size_t n, cap;
} folder_list;

/*
 * Adds path if it is a place folder (in format `from`), else every place
 * folder below it, down to depth more levels.  Hidden folders are skipped.
 * -1 when out of memory.
 */
static int collect_places(folder_list *l, const char *path, enum ripple_from from, int depth)
{
	DIR *dir;
	struct dirent *e;
	int rc = 0;

	if (holds_place(path, from)) {
		char *copy = strdup(path);
		if (!copy)
			return -1;
		if (l->n + 2 > l->cap) {
			size_t ncap = l->cap ? l->cap * 2 : 8;
			char **nv = realloc(l->v, ncap * sizeof(*nv));
			if (!nv) {
				free(copy);
				return -1;
			}
			l->v = nv;
			l->cap = ncap;
		}
		l->v[l->n++] = copy;
		l->v[l->n] = NULL;
		return 0;
	}
	if (depth == 0 || !(dir = opendir(path)))
		return 0;   /* an unreadable sub-folder holds no place we can use */
	while (rc == 0 && (e = readdir(dir))) {
		char *sub;
		if (e->d_name[0] == '.')
			continue;
		if (!(sub = ripple_path_join(path, e->d_name))) {
			rc = -1;
			break;
		}
		if (ripple_is_dir(sub))
			rc = collect_places(l, sub, from, depth - 1);
		free(sub);
	}
	closedir(dir);
	return rc;
}

int ripple_place_folders(char ***out, size_t *count, const char *path, ripple_error *err)
{
	return ripple_input_folders(out, count, path, RIPPLE_FROM_PLACE, err);
}

int ripple_input_folders(char ***out, size_t *count, const char *path, enum ripple_from from,
                         ripple_error *err)
{
	folder_list l = { NULL, 0, 0 };
	DIR *dir;

	*out = NULL;
	*count = 0;
	if (from == RIPPLE_FROM_XMIND || from == RIPPLE_FROM_FREEMIND) {   /* a map is a file */
		if (!ripple_exists(path))
			return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0, "no such file");
		if (ripple_is_dir(path))
			return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0, "a folder: give the map "
			                        "file itself (%s)", from == RIPPLE_FROM_XMIND ? "MAP.xmind"
			                                                                      : "MAP.mm");
		if (!(l.v = calloc(2, sizeof(*l.v))) || !(l.v[0] = strdup(path))) {
			free(l.v);
			return ripple_error_set(err, RIPPLE_ENOMEM, path, 0, 0, "out of memory");
		}
		*out = l.v;
		*count = 1;
		return RIPPLE_OK;
	}
	if (!ripple_is_dir(path))
		return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0, "no such folder");
	if (!holds_place(path, from)) {
		if (!(dir = opendir(path)))
			return ripple_error_set(err, (errno == EACCES || errno == EPERM)
			                             ? RIPPLE_EINPUT : RIPPLE_ERUNTIME,
			                        path, 0, 0, "cannot read folder: %s", strerror(errno));
		closedir(dir);
	}
	if (collect_places(&l, path, from, PLACE_FOLDER_DEPTH) < 0) {
		ripple_strv_free(l.v);
		return ripple_error_set(err, RIPPLE_ENOMEM, path, 0, 0, "out of memory");
	}
	if (l.n == 0) {
		free(l.v);
		return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0, "%s",
		                        no_place_here[(unsigned)from < 3 ? from : 0]);
	}
	qsort(l.v, l.n, sizeof(*l.v), strp_cmp);
	*out = l.v;
	*count = l.n;
	return RIPPLE_OK;
}

/* ---- value rules the converters share (place.h) ------------------------- */

int ripple_parse_weight(const char *s, double *out)
{
	return parse_weight(s, out);
}

int ripple_valid_date(const char *s)
{
	return valid_date(s);
}

int ripple_has_control(const char *s)
{
	return has_control(s);
}
