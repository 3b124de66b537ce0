/*
 * input/kumu.c - Kumu's spreadsheet format (kumu.io) read as a place
 * (output/kumu.c writes it). docs/IMPORT.md gives the mapping; in short:
 *
 *   Elements sheet      ID (or Label) -> actor id, Label -> label,
 *                       Kind, or a Type that names a kind -> kind,
 *                       Sector (or a Type that is not a kind, when there is
 *                       no Sector column) -> sector, Town, Attended, Parent,
 *                       Response <wave> (a column per wave of the
 *                       connections) -> the actor's response then
 *                       (responses.csv), every other column -> an actor
 *                       attribute
 *   Connections sheet   From, To (several To separated by '|') -> one tie each,
 *                       Wave ('|'-separated; "kumu" when there is no Wave
 *                       column), Type, Weight (or a numeric Strength),
 *                       Direction (directed, undirected, mutual), Trust and
 *                       Value as ripple reads them, every other column -> a
 *                       tie attribute
 *
 * Reading builds the tables of a place folder in memory, named after the
 * Kumu files and with their line numbers, and hands them to input/place.c,
 * so a problem is reported at the line of the Kumu file whichever side finds
 * it.
 * This file checks what only it knows: element names, From and To, Direction,
 * Strength and Wave.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "place.h"
#include "util.h"

/** The wave of every tie of a Kumu map without a Wave column. */
#define KUMU_DEFAULT_WAVE "kumu"

/* Reading state. */
typedef struct kumu {
	ripple_diags *d;
	ripple_csv *el, *co;          /* the two sheets, owned until handed over */
	const char *el_name;          /* file name of the elements sheet, for messages */
	ripple_strmap keys;           /* element key (ID, else Label) -> row */
	ripple_strmap labels;         /* label -> row of an element that has an ID */
	int has_id;                   /* the Elements sheet has an ID column */
	int directed;
	char **waves;                 /* the distinct waves of the connections, first seen first */
	size_t nwaves;
	char **lower;                 /* per wave: its name in lower case (a header's case) */
	size_t *twin;                 /* per wave: the first later wave of the same lower-case
	                                 name, or RIPPLE_NONE */
	ripple_strmap wave_index;     /* wave -> index in waves (keys are the waves' own text) */
	ripple_strmap lower_index;    /* lower-case name -> index of its first wave */
} kumu;

#define BAD(K, csv, row, ...) \
	ripple_diags_add((K)->d, RIPPLE_EINPUT, (csv)->path, (csv)->lines[row], 0, __VA_ARGS__)

/* The trimmed value at row, col ("" when the column is absent). */
static char *value(ripple_csv *csv, size_t row, long col)
{
	return ripple_csv_trimmed(csv, row, col);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The kind a Kumu Type or Kind names ("Organization" is Kumu's spelling), or NULL. */
static const char *kind_word(const char *s)
{
	if (ripple_strieq(s, "organisation") || ripple_strieq(s, "organization"))
		return "organisation";
	if (ripple_strieq(s, "team"))
		return "team";
	if (ripple_strieq(s, "person"))
		return "person";
	return NULL;
}

static int in_list(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return 1;
	return 0;
}

/* ---- the waves, for the response columns ---------------------------------- */

/*
 * Adds wave w (copied) to K->waves unless it is there, with its lower-case
 * name (how a header names it). RIPPLE_OK or RIPPLE_ENOMEM. O(length) on average.
 */
static int add_wave(kumu *K, const char *w)
{
	size_t n = K->nwaves, first;
	char *copy, *low;

	if (ripple_strmap_get(&K->wave_index, w) != RIPPLE_NONE)
		return RIPPLE_OK;
	char **gw = realloc(K->waves, (n + 1) * sizeof(*gw));
	if (gw)
		K->waves = gw;
	char **gl = realloc(K->lower, (n + 1) * sizeof(*gl));
	if (gl)
		K->lower = gl;
	size_t *gt = realloc(K->twin, (n + 1) * sizeof(*gt));
	if (gt)
		K->twin = gt;
	if (!gw || !gl || !gt)
		return RIPPLE_ENOMEM;
	if (!(copy = strdup(w)))
		return RIPPLE_ENOMEM;
	if (!(low = strdup(w))) {
		free(copy);
		return RIPPLE_ENOMEM;
	}
	for (char *c = low; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	K->waves[n] = copy;
	K->lower[n] = low;
	K->twin[n] = RIPPLE_NONE;
	K->nwaves++;     /* owned from here: freed with the others */
	if (ripple_strmap_put(&K->wave_index, copy, n, NULL) < 0 ||
	    ripple_strmap_put(&K->lower_index, low, n, &first) < 0)
		return RIPPLE_ENOMEM;
	if (first != n && K->twin[first] == RIPPLE_NONE)
		K->twin[first] = n;
	return RIPPLE_OK;
}

/*
 * The waves the connections name (their Wave cells split at '|'; "kumu" when
 * there is no Wave column), so that the Elements sheet's response columns can
 * be told from attributes before the connections are read. O(size of the cells).
 */
static int collect_waves(kumu *K)
{
	ripple_csv *co = K->co;
	long c_wave = ripple_csv_column(co, "wave");

	if (c_wave < 0)
		return co->nrows ? add_wave(K, KUMU_DEFAULT_WAVE) : RIPPLE_OK;
	for (size_t r = 0; r < co->nrows; r++) {
		char *cell = strdup(value(co, r, c_wave)), *tok, *next;
		int rc = RIPPLE_OK;
		if (!cell)
			return RIPPLE_ENOMEM;
		for (tok = cell; tok && rc == RIPPLE_OK; tok = next) {
			next = strchr(tok, '|');
			if (next)
				*next++ = '\0';
			tok = ripple_trim(tok);
			if (*tok)
				rc = add_wave(K, tok);
		}
		free(cell);
		if (rc < 0)
			return rc;
	}
	return RIPPLE_OK;
}

/*
 * When column name (lower case, as read) is "response <wave>" for a wave of
 * the connections (any case: the header is read lower-cased), returns 1 with
 * that wave in *wave; 0 when it is not; -1 when it names two waves that differ
 * only in case (reported).
 */
static int response_column(kumu *K, const char *name, const char **wave)
{
	static const char prefix[] = "response ";
	const char *rest = name + sizeof(prefix) - 1;
	size_t found;

	*wave = NULL;
	if (strncmp(name, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	while (*rest == ' ')
		rest++;
	if ((found = ripple_strmap_get(&K->lower_index, rest)) == RIPPLE_NONE)
		return 0;
	if (K->twin[found] != RIPPLE_NONE) {
		ripple_diags_add(K->d, RIPPLE_EINPUT, K->el->path, K->el->header_line, 0,
		                 "column \"%s\" could be the responses of wave \"%s\" or of \"%s\" (a "
		                 "header is read in any case): give the waves names that differ in more "
		                 "than case", name, K->waves[found], K->waves[K->twin[found]]);
		return -1;
	}
	*wave = K->waves[found];
	return 1;
}

/* Each of an answer's names in any case ("Missing") as responses.csv writes it. */
static const char *response_word(const char *s)
{
	for (int r = 0; r < RIPPLE_NRESPONSES; r++)
		if (ripple_strieq(s, ripple_response_name((enum ripple_response)r)))
			return ripple_response_name((enum ripple_response)r);
	return s;   /* anything else is refused by place.c, at this line */
}

/* ---- Elements -> actors ------------------------------------------------- */

static const char *const element_columns[] = {
	"id", "label", "type", "kind", "sector", "town", "attended", "parent", NULL
};

static int read_elements(kumu *K, ripple_csv **actors, ripple_csv **responses)
{
	static const char *const response_header[] = { "actor", "wave", "status" };
	ripple_csv *el = K->el;
	ripple_csv_builder b, rb;
	const char **header = NULL, **rwave = NULL;
	size_t *extra = NULL, nextra = 0, ncols, *rcol = NULL, nrcol = 0;
	int type_attr, rc, columns_ok = 1;

	*actors = NULL;
	*responses = NULL;
	long c_label = ripple_csv_column(el, "label"), c_id = ripple_csv_column(el, "id");
	long c_type = ripple_csv_column(el, "type"), c_kind = ripple_csv_column(el, "kind");
	long c_sector = ripple_csv_column(el, "sector"), c_town = ripple_csv_column(el, "town");
	long c_att = ripple_csv_column(el, "attended"), c_parent = ripple_csv_column(el, "parent");
	if (c_label < 0) {
		ripple_diags_add(K->d, RIPPLE_EINPUT, el->path, el->header_line, 0,
		                 "missing required column \"Label\" (Kumu's Elements sheet starts "
		                 "with Label, or with ID then Label)");
		return RIPPLE_EINPUT;
	}
	K->has_id = c_id >= 0;
	/* Type is the kind when it names one and there is no Kind column; else the
	 * sector when there is no Sector column; else an attribute */
	type_attr = c_type >= 0 && (c_kind >= 0 || c_sector >= 0);

	extra = malloc(el->ncols * sizeof(*extra));
	header = malloc((el->ncols + 8) * sizeof(*header));
	rcol = malloc(el->ncols * sizeof(*rcol));
	rwave = malloc(el->ncols * sizeof(*rwave));
	if (!extra || !header || !rcol || !rwave) {
		rc = RIPPLE_ENOMEM;
		goto done;
	}
	ncols = 0;
	for (const char *const *c = (const char *const[]){ "id", "label", "kind", "parent",
	                                                    "sector", "town", "attended", NULL };
	     *c; c++)
		header[ncols++] = *c;
	if (type_attr)
		header[ncols++] = "type";
	for (size_t c = 0; c < el->ncols; c++) {
		int is_response;
		if (in_list(el->header[c], element_columns))
			continue;
		if ((is_response = response_column(K, el->header[c], &rwave[nrcol])) < 0) {
			columns_ok = 0;
		} else if (is_response) {
			rcol[nrcol++] = c;
		} else {
			extra[nextra++] = c;
			header[ncols++] = el->header[c];
		}
	}
	if (!columns_ok) {
		rc = RIPPLE_EINPUT;
		goto done;
	}
	ripple_csv_builder_init(&b, el->path, el->header_line, header, ncols);
	ripple_csv_builder_init(&rb, el->path, el->header_line, response_header, 3);

	for (size_t r = 0; r < el->nrows; r++) {
		const char *id = value(el, r, c_id), *label = value(el, r, c_label);
		const char *type = value(el, r, c_type), *kind = value(el, r, c_kind);
		const char *sector = value(el, r, c_sector), *key = *id ? id : label;
		const char *type_value = "";
		size_t first;

		if (!*key) {
			BAD(K, el, r, "missing value for \"Label\"%s", K->has_id ? " (and for \"ID\")" : "");
			continue;
		}
		if (ripple_strmap_put(&K->keys, key, r, &first) < 0) {
			ripple_csv_builder_release(&b);
			ripple_csv_builder_release(&rb);
			rc = RIPPLE_ENOMEM;
			goto done;
		}
		if (first != r) {
			int by_label = !*id && !*value(el, first, c_id);
			if (by_label)
				BAD(K, el, r, "duplicate label \"%s\" (first at line %ld): Kumu would merge the "
				    "two rows into one element; give each its own label, or add an ID column",
				    key, el->lines[first]);
			else
				BAD(K, el, r, "element \"%s\" is named twice (first at line %ld): From and To "
				    "could not tell them apart", key, el->lines[first]);
			continue;
		}
		if (*id && *label && ripple_strmap_put(&K->labels, label, r, NULL) < 0) {
			ripple_csv_builder_release(&b);
			ripple_csv_builder_release(&rb);
			rc = RIPPLE_ENOMEM;
			goto done;
		}
		if (c_kind >= 0) {
			if (kind_word(kind))
				kind = kind_word(kind);
			/* a Type that only repeats the kind says nothing more */
			if (*type && !(kind_word(type) && strcmp(kind_word(type), *kind ? kind : "organisation") == 0))
				type_value = type;
		} else if (kind_word(type)) {
			kind = kind_word(type);
		} else {
			type_value = type;
		}
		if (*type_value && c_sector < 0) {   /* Type stands for the sector */
			sector = type_value;
			type_value = "";
		}
		ripple_csv_builder_row(&b, el->lines[r]);
		ripple_csv_builder_cell(&b, key);
		ripple_csv_builder_cell(&b, label);
		ripple_csv_builder_cell(&b, kind);
		ripple_csv_builder_cell(&b, value(el, r, c_parent));
		ripple_csv_builder_cell(&b, sector);
		ripple_csv_builder_cell(&b, value(el, r, c_town));
		ripple_csv_builder_cell(&b, value(el, r, c_att));
		if (type_attr)
			ripple_csv_builder_cell(&b, type_value);
		for (size_t k = 0; k < nextra; k++)
			ripple_csv_builder_cell(&b, value(el, r, (long)extra[k]));
		/* an empty response is answered, as an actor x wave responses.csv does not list */
		for (size_t k = 0; k < nrcol; k++) {
			const char *status = value(el, r, (long)rcol[k]);
			if (!*status)
				continue;
			ripple_csv_builder_row(&rb, el->lines[r]);
			ripple_csv_builder_cell(&rb, key);
			ripple_csv_builder_cell(&rb, rwave[k]);
			ripple_csv_builder_cell(&rb, response_word(status));
		}
	}
	rc = ripple_csv_builder_finish(actors, &b);
	/* a map without response columns has no responses.csv: everyone answered */
	if (nrcol && ripple_csv_builder_finish(responses, &rb) < 0)
		rc = RIPPLE_ENOMEM;
	ripple_csv_builder_release(&rb);
done:
	free(extra);
	free(header);
	free(rcol);
	free(rwave);
	return rc;
}

/* ---- Connections -> ties ------------------------------------------------ */

/* Columns read here; any other is a tie attribute. */
static const char *const connection_columns[] = {
	"from", "to", "type", "direction", "wave", "weight", "trust", "value", NULL
};

/* 1 when s reads as a number (so a Strength column of numbers is a weight). */
static int looks_numeric(const char *s)
{
	char *end;
	double v;

	if (!*s)
		return 0;
	errno = 0;
	v = strtod(s, &end);
	return *end == '\0' && isfinite(v);
}

/* The actor an end of a connection names, or NULL after reporting it. */
static const char *resolve(kumu *K, ripple_csv *co, size_t row, const char *name,
                           const char *column)
{
	size_t r = ripple_strmap_get(&K->keys, name);

	if (r != RIPPLE_NONE)
		return name;
	r = ripple_strmap_get(&K->labels, name);
	if (r != RIPPLE_NONE)
		BAD(K, co, row, "unknown element \"%s\" in %s: the element labelled so has the ID "
		    "\"%s\", and elements with an ID are named by it", name, column,
		    value(K->el, r, ripple_csv_column(K->el, "id")));
	else
		BAD(K, co, row, "unknown element \"%s\" in %s (no row of %s has this %s)", name,
		    column, K->el_name, K->has_id ? "ID or label" : "label");
	return NULL;
}

static int read_connections(kumu *K, const ripple_load_options *opts, ripple_csv **ties)
{
	ripple_csv *co = K->co;
	ripple_csv_builder b;
	const char **header = NULL;
	char **tos = NULL, **waves = NULL;
	size_t *extra = NULL, nextra = 0, ncols = 0;
	int strength_weight = 0, ok = 1, rc;

	*ties = NULL;
	long c_from = ripple_csv_column(co, "from"), c_to = ripple_csv_column(co, "to");
	long c_type = ripple_csv_column(co, "type"), c_dir = ripple_csv_column(co, "direction");
	long c_wave = ripple_csv_column(co, "wave"), c_weight = ripple_csv_column(co, "weight");
	long c_strength = ripple_csv_column(co, "strength");
	long c_trust = ripple_csv_column(co, "trust"), c_value = ripple_csv_column(co, "value");
	for (int k = 0; k < 2; k++)
		if ((k ? c_to : c_from) < 0) {
			ripple_diags_add(K->d, RIPPLE_EINPUT, co->path, co->header_line, 0,
			                 "missing required column \"%s\" (Kumu's Connections sheet starts "
			                 "with From and To)", k ? "To" : "From");
			ok = 0;
		}
	for (size_t c = 0; c < co->ncols; c++)
		if (strcmp(co->header[c], "source") == 0 || strcmp(co->header[c], "target") == 0) {
			ripple_diags_add(K->d, RIPPLE_EINPUT, co->path, co->header_line, 0,
			                 "column \"%s\" has the name ripple gives a tie's end: rename it "
			                 "(From and To are the ends)", co->header[c]);
			ok = 0;
		}
	if (!ok)
		return RIPPLE_EINPUT;

	/* Strength is the weight when there is no Weight column and it holds numbers */
	if (c_weight < 0 && c_strength >= 0)
		for (size_t r = 0; r < co->nrows && !strength_weight; r++)
			strength_weight = looks_numeric(value(co, r, c_strength));
	/* one directed connection makes the map directed */
	K->directed = opts->directed;
	for (size_t r = 0; r < co->nrows; r++) {
		const char *dir = value(co, r, c_dir);
		if (ripple_strieq(dir, "directed"))
			K->directed = 1;
		else if (*dir && !ripple_strieq(dir, "undirected") && !ripple_strieq(dir, "mutual"))
			BAD(K, co, r, "unknown Direction \"%s\" (expected directed, undirected or mutual)", dir);
	}

	extra = malloc(co->ncols * sizeof(*extra));
	header = malloc((co->ncols + 8) * sizeof(*header));
	tos = malloc(sizeof(*tos));
	if (!extra || !header || !tos) {
		rc = RIPPLE_ENOMEM;
		goto done;
	}
	header[ncols++] = "source";
	header[ncols++] = "target";
	header[ncols++] = "wave";
	header[ncols++] = "type";
	header[ncols++] = "weight";
	if (c_trust >= 0)
		header[ncols++] = "trust";
	if (c_value >= 0)
		header[ncols++] = "value";
	for (size_t c = 0; c < co->ncols; c++)
		if (!in_list(co->header[c], connection_columns) &&
		    !(strength_weight && (long)c == c_strength)) {
			extra[nextra++] = c;
			header[ncols++] = co->header[c];
		}
	ripple_csv_builder_init(&b, co->path, co->header_line, header, ncols);

	for (size_t r = 0; r < co->nrows; r++) {
		char *from = value(co, r, c_from), *to = value(co, r, c_to);
		char *wave = c_wave >= 0 ? value(co, r, c_wave) : (char *)KUMU_DEFAULT_WAVE;
		const char *dir = value(co, r, c_dir), *weight = "", *src;
		size_t nto = 1, nwave = 1;
		int mutual = K->directed && ripple_strieq(dir, "mutual"), row_ok = 1;

		if (c_weight >= 0) {
			weight = value(co, r, c_weight);
		} else if (strength_weight) {
			double ignored;
			weight = value(co, r, c_strength);
			if (*weight && !ripple_parse_weight(weight, &ignored)) {
				BAD(K, co, r, "Strength \"%s\" is not a positive number (at most 1e12); other "
				    "rows give numbers, so Strength is read as the tie's weight", weight);
				row_ok = 0;
			}
		}
		/* --directed reads every connection From -> To, as it overrides place.csv */
		if (K->directed && !opts->directed && ripple_strieq(dir, "undirected")) {
			BAD(K, co, r, "Direction \"%s\" in a map with directed connections: a place's ties "
			    "are all directed or all undirected (write directed, or mutual for both ways, "
			    "or import with --directed to read every row From -> To)", dir);
			row_ok = 0;
		}
		for (const char *s = to; *s; s++)
			nto += *s == '|';
		for (const char *s = wave; *s; s++)
			nwave += *s == '|';
		char **nt = realloc(tos, (nto + nwave) * sizeof(*nt));
		if (!nt) {
			ripple_csv_builder_release(&b);
			rc = RIPPLE_ENOMEM;
			goto done;
		}
		tos = nt;
		waves = tos + nto;
		if (c_wave >= 0) {
			nwave = ripple_split(wave, "|", waves, nwave);
		} else {
			waves[0] = wave;
			nwave = 1;
		}
		nto = ripple_split(to, "|", tos, nto);
		if (!*from) {
			BAD(K, co, r, "missing value for \"From\"");
			row_ok = 0;
		}
		if (nto == 0) {
			BAD(K, co, r, "missing value for \"To\"");
			row_ok = 0;
		}
		if (nwave == 0) {
			BAD(K, co, r, "missing value for \"Wave\" (each connection belongs to a wave, or to "
			    "several written before|after)");
			row_ok = 0;
		}
		src = *from ? resolve(K, co, r, from, "From") : NULL;
		for (size_t i = 0; i < nto; i++) {
			const char *tgt = resolve(K, co, r, tos[i], "To");
			if (!src || !tgt || !row_ok)
				continue;
			for (size_t w = 0; w < nwave; w++)
				for (int back = 0; back <= mutual; back++) {
					ripple_csv_builder_row(&b, co->lines[r]);
					ripple_csv_builder_cell(&b, back ? tgt : src);
					ripple_csv_builder_cell(&b, back ? src : tgt);
					ripple_csv_builder_cell(&b, waves[w]);
					ripple_csv_builder_cell(&b, value(co, r, c_type));
					ripple_csv_builder_cell(&b, weight);
					if (c_trust >= 0)
						ripple_csv_builder_cell(&b, value(co, r, c_trust));
					if (c_value >= 0)
						ripple_csv_builder_cell(&b, value(co, r, c_value));
					for (size_t k = 0; k < nextra; k++)
						ripple_csv_builder_cell(&b, value(co, r, (long)extra[k]));
				}
		}
	}
	rc = ripple_csv_builder_finish(ties, &b);
done:
	free(extra);
	free(header);
	free(tos);
	return rc;
}

/* ---- the folder ---------------------------------------------------------- */

int ripple_kumu_load(ripple_place **out, const char *folder, const ripple_load_options *opts,
                     ripple_diags *diags)
{
	return ripple_export_folder_load(out, folder, "elements.csv", "connections.csv",
	                                 "a Kumu folder holds elements.csv and connections.csv "
	                                 "(Kumu's Elements and Connections sheets saved as CSV)",
	                                 ripple_kumu_from_csv, opts, diags);
}

int ripple_kumu_from_csv(ripple_place **out, const char *folder, ripple_csv *elements,
                         ripple_csv *connections, const ripple_load_options *opts,
                         ripple_diags *diags, size_t before)
{
	static const ripple_load_options defaults = RIPPLE_LOAD_OPTIONS_INIT;
	static const char *const place_header[] = { "name", "programme", "directed" };
	ripple_csv *tables[RIPPLE_TABLE_COUNT] = {0};
	ripple_csv_builder b;
	kumu K = {0};
	int rc;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	K.d = diags;
	K.el = elements;
	K.co = connections;
	if (!K.el || !K.co) {
		rc = RIPPLE_EINPUT;
		goto done;
	}
	K.el_name = base_name(K.el->path);
	/* the waves first: they tell the elements' response columns from attributes */
	if (collect_waves(&K) < 0)
		goto nomem;
	/* connections are checked against the elements: not without them */
	if ((rc = read_elements(&K, &tables[RIPPLE_TABLE_ACTORS],
	                        &tables[RIPPLE_TABLE_RESPONSES])) == RIPPLE_ENOMEM)
		goto nomem;
	if (rc < 0)
		goto done;
	if ((rc = read_connections(&K, opts, &tables[RIPPLE_TABLE_TIES])) == RIPPLE_ENOMEM)
		goto nomem;
	if (rc < 0)
		goto done;
	/* the name comes from --name or the folder; direction from the connections */
	ripple_csv_builder_init(&b, K.el->path, K.el->header_line, place_header, 3);
	ripple_csv_builder_row(&b, K.el->header_line);
	ripple_csv_builder_cell(&b, "");
	ripple_csv_builder_cell(&b, "");
	ripple_csv_builder_cell(&b, K.directed ? "yes" : "no");
	if (ripple_csv_builder_finish(&tables[RIPPLE_TABLE_PLACE], &b) < 0)
		goto nomem;
	rc = ripple_place_from_tables(out, folder, tables, 0, 0, opts, diags, before);
	memset(tables, 0, sizeof(tables));   /* handed over */
	goto done;
nomem:
	rc = ripple_diags_add(diags, RIPPLE_ENOMEM, folder, 0, 0, "out of memory");
done:
	ripple_tables_free(tables);
	ripple_strmap_release(&K.keys);
	ripple_strmap_release(&K.labels);
	ripple_strmap_release(&K.wave_index);
	ripple_strmap_release(&K.lower_index);
	for (size_t w = 0; w < K.nwaves; w++) {
		free(K.waves[w]);
		free(K.lower[w]);
	}
	free(K.waves);
	free(K.lower);
	free(K.twin);
	ripple_csv_free(K.el);
	ripple_csv_free(K.co);
	return rc;
}
