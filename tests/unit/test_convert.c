/*
 * test_convert.c - Kumu and RippleFX exports read as places (docs/IMPORT.md),
 * and a place written back as Kumu's two sheets: the mapping, every refusal
 * with its file and line, and the round trip through Kumu.
 */
#include <sqlite3.h>

#include "helpers.h"
#include "input/place.h"

/* ---- helpers --------------------------------------------------------------- */

/* A malloc'd "a" followed by "b" and "c". */
static char *concat(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%s%s%s", a, b, c);
	return s;
}

/* Writes the named files (NULL text: not written) into a fresh folder and reads it. */
static int load_from(enum ripple_from from, const char *const *files, ripple_place **out,
                     ripple_diags *d, int directed, char **dir)
{
	ripple_load_options o = RIPPLE_LOAD_OPTIONS_INIT;
	o.from = from;
	o.directed = directed;
	*dir = temp_dir();
	for (; files[0]; files += 2)
		if (files[1])
			write_file(*dir, files[0], files[1]);
	return ripple_place_load(out, *dir, &o, d);
}

/* Loads files that must be refused; asserts the one problem expected is among them. */
static void expect_problem(enum ripple_from from, const char *const *files, const char *file,
                           long line, const char *text)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;
	char *dir;
	assert_int_equal(load_from(from, files, &p, &d, 0, &dir), RIPPLE_EINPUT);
	assert_null(p);
	assert_diag(&d, file, line, text);
	ripple_diags_release(&d);
	rm_tree(dir);
}

static size_t actor_index(const ripple_place *p, const char *id)
{
	for (size_t i = 0; i < p->nactors; i++)
		if (strcmp(p->actors[i].id, id) == 0)
			return i;
	fail_msg("no actor \"%s\"", id);
	return RIPPLE_NONE;
}

/* The value of actor (or tie) attribute `name` in row `row` of csv, or NULL. */
static const char *extra(const ripple_csv *csv, size_t row, const char *name)
{
	long c = ripple_csv_column(csv, name);
	return c < 0 ? NULL : ripple_csv_cell(csv, row, (size_t)c);
}

/* Ties from a to b (ids) at wave w, counted. */
static int ties_between(const ripple_place *p, const char *a, const char *b, const char *w)
{
	int n = 0;
	for (size_t t = 0; t < p->nties; t++) {
		const ripple_tie *tie = &p->ties[t];
		if (strcmp(p->actors[tie->source].id, a) == 0 && strcmp(p->actors[tie->target].id, b) == 0 &&
		    strcmp(p->waves[tie->wave].name, w) == 0)
			n++;
	}
	return n;
}

/* ---- dates ------------------------------------------------------------------ */

static void test_convert__reads_dd_mm_yyyy_dates_as_iso(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "25/12/2024", "2024-12-25" }, { "01/02/2025", "2025-02-01" },
		{ "29/02/2024", "2024-02-29" },
		{ "31/12/1999", "1999-12-31" }, { "29/02/2000", "2000-02-29" },
	};
	char iso[11];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(ripple_date_from_dmy(iso, cases[i][0]), 1);
		assert_string_equal(iso, cases[i][1]);
	}
}

static void test_convert__refuses_dates_that_do_not_exist(void **state)
{
	(void)state;
	static const char *const bad[] = { "31/02/2024", "29/02/2023", "29/02/1900", "00/01/2024",
	                                   "31/04/2025", "12/13/2024", "12/00/2024", "01/01/0000" };
	char iso[11];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(ripple_date_from_dmy(iso, bad[i]), -1);
		assert_string_equal(iso, "");
	}
}

static void test_convert__refuses_other_date_shapes(void **state)
{
	(void)state;
	static const char *const bad[] = { "2024-01-01", "25/12/24", "25-12-2024", "", "25/12/2024 10:00",
	                                   "123/1/2024", "1/1/20245", "1//2024", "a1/01/2024",
	                                   "01/01/2024/", " 01/01/2024", "12/2024",
	                                   "1/2/2025", "01/2/2025", "1/02/2025" };
	char iso[11];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (ripple_date_from_dmy(iso, bad[i]) != 0)
			fail_msg("\"%s\" was not refused as a shape", bad[i]);
}

/* ---- Kumu --------------------------------------------------------------------- */

static const char *const kumu_elements =
	"Label,Type,Sector,Town,Attended,Parent,Description,Tags\n"          /* 1 */
	"Council,Organization,Local Authority,Corby,yes,,\"Big, old\",a|b\n"   /* 2 */
	"Sport team,Team,Local Authority,Corby,yes,Council,,\n"               /* 3 */
	"Hub,Organization,VCSE,Kettering,no,,,\n"                             /* 4 */
	"Club,Organization,Sport,Corby,,,,\n"                                 /* 5 */
	"Ann,Person,Health,,yes,Hub,,\n";                                     /* 6 */
static const char *const kumu_connections =
	"From,To,Type,Direction,Wave,Strength,Label\n"                        /* 1 */
	"Council,Hub,information,,before|after,2,x\n"                         /* 2 */
	"Sport team,Club|Hub,co-delivery,undirected,after,3,\n"               /* 3 */
	"Ann,Club,,,before,1.5,\n";                                           /* 4 */

#define KUMU(el, co) ((const char *const[]){ "elements.csv", (el), "connections.csv", (co), NULL })

static void test_convert__kumu_reads_elements_and_connections(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	assert_int_equal(load_from(RIPPLE_FROM_KUMU, KUMU(kumu_elements, kumu_connections), &p, &d, 0,
	                           &dir), RIPPLE_OK);
	assert_int_equal(d.count, 0);
	assert_int_equal(p->directed, 0);
	assert_string_equal(p->programme, "");
	/* elements: the label is the id; Type gives the kind; Parent names a label */
	assert_int_equal(p->nactors, 5);
	size_t sport = actor_index(p, "Sport team"), ann = actor_index(p, "Ann");
	assert_int_equal(p->actors[sport].kind, RIPPLE_TEAM);
	assert_int_equal(p->actors[actor_index(p, "Council")].kind, RIPPLE_ORGANISATION);
	assert_int_equal(p->actors[ann].kind, RIPPLE_PERSON);
	assert_int_equal(p->actors[sport].parent, actor_index(p, "Council"));
	assert_int_equal(p->actors[ann].parent, actor_index(p, "Hub"));
	assert_string_equal(p->actors[actor_index(p, "Hub")].sector, "VCSE");
	assert_string_equal(p->actors[actor_index(p, "Hub")].town, "Kettering");
	assert_int_equal(p->actors[actor_index(p, "Hub")].attended, 0);
	assert_int_equal(p->actors[actor_index(p, "Club")].attended, -1);
	/* Description and Tags are attributes; Tags keep Kumu's '|' */
	assert_string_equal(extra(p->actors_csv, 0, "description"), "Big, old");
	assert_string_equal(extra(p->actors_csv, 0, "tags"), "a|b");
	/* every Type named a kind: none is left over as an attribute (empty is not stored) */
	for (size_t i = 0; i < p->nactors; i++)
		assert_string_equal(extra(p->actors_csv, p->actors[i].row, "type"), "");
	/* rows are kept at the line they came from */
	assert_int_equal(p->actors_csv->lines[p->actors[ann].row], 6);
	/* connections: before|after is two ties, Club|Hub two targets */
	assert_int_equal(p->nwaves, 2);
	assert_string_equal(p->waves[0].name, "before");
	assert_string_equal(p->waves[1].name, "after");
	assert_int_equal(p->nties, 5);
	assert_int_equal(ties_between(p, "Council", "Hub", "before"), 1);
	assert_int_equal(ties_between(p, "Council", "Hub", "after"), 1);
	assert_int_equal(ties_between(p, "Sport team", "Club", "after"), 1);
	assert_int_equal(ties_between(p, "Sport team", "Hub", "after"), 1);
	assert_int_equal(ties_between(p, "Ann", "Club", "before"), 1);
	/* Strength holds numbers: it is the weight; Label is an attribute */
	for (size_t t = 0; t < p->nties; t++) {
		const ripple_tie *tie = &p->ties[t];
		long line = p->ties_csv->lines[tie->row];
		assert_double_near(tie->weight, line == 2 ? 2 : line == 3 ? 3 : 1.5, 1e-12);
		assert_string_equal(extra(p->ties_csv, tie->row, "label"), line == 2 ? "x" : "");
	}
	assert_null(extra(p->ties_csv, 0, "strength"));
	ripple_place_free(p);
	ripple_diags_release(&d);
	rm_tree(dir);
}

static void test_convert__kumu_without_wave_puts_every_tie_in_wave_kumu(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label\nA\nB\nC\n", "From,To\nA,B\nB,C\n"), &p, &d, 0, &dir),
	                 RIPPLE_OK);
	assert_int_equal(p->nwaves, 1);
	assert_string_equal(p->waves[0].name, "kumu");
	assert_int_equal(p->nties, 2);
	assert_double_near(p->ties[0].weight, 1, 0);
	ripple_place_free(p);
	rm_tree(dir);
}

static void test_convert__kumu_maps_labels_to_ids_through_the_id_column(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	/* two elements share a label; the ID column tells them apart */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("ID,Label,Type\ne1,Pipeline,Team\ne2,Pipeline,Person\ne3,Oahu,\n",
	                                "From,To,Wave\ne3,e1|e2,w\n"), &p, &d, 0, &dir),
	                 RIPPLE_OK);
	assert_int_equal(p->nactors, 3);
	assert_string_equal(p->actors[0].id, "e1");
	assert_string_equal(p->actors[0].label, "Pipeline");
	assert_string_equal(p->actors[1].label, "Pipeline");
	assert_int_equal(p->actors[1].kind, RIPPLE_PERSON);
	assert_int_equal(ties_between(p, "e3", "e1", "w"), 1);
	assert_int_equal(ties_between(p, "e3", "e2", "w"), 1);
	ripple_place_free(p);
	rm_tree(dir);
	/* with an ID column, connections name ID'd elements by ID, and the message says so */
	expect_problem(RIPPLE_FROM_KUMU, KUMU("ID,Label\ne1,Council\ne2,Hub\n", "From,To\ne1,e2\nCouncil,e2\n"),
	               "connections.csv", 3, "unknown element \"Council\" in From: the element labelled "
	               "so has the ID \"e1\"");
	/* an element without an ID is named by its label */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU, KUMU("ID,Label\ne1,Council\n,Hub\n", "From,To\ne1,Hub\n"),
	                           &p, &d, 0, &dir), RIPPLE_OK);
	assert_string_equal(p->actors[1].id, "Hub");
	ripple_place_free(p);
	rm_tree(dir);
	ripple_diags_release(&d);
}

static void test_convert__kumu_type_kind_and_sector(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	/* no Sector column: a Type that is not a kind is the sector */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU, KUMU("Label,Type\nA,VCSE\nB,team\nC,\n", "From,To\nA,B\n"),
	                           &p, &d, 0, &dir), RIPPLE_OK);
	assert_string_equal(p->actors[0].sector, "VCSE");
	assert_int_equal(p->actors[0].kind, RIPPLE_ORGANISATION);
	assert_string_equal(p->actors[1].sector, "");
	assert_int_equal(p->actors[1].kind, RIPPLE_TEAM);
	assert_int_equal(p->nactor_extra, 0);
	ripple_place_free(p);
	rm_tree(dir);
	/* a Kind column: Type is kept as an attribute, unless it only repeats the kind */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label,Type,Kind,Sector\nA,Charity,organization,VCSE\nB,Team,team,\n",
	                                "From,To\nA,B\n"), &p, &d, 0, &dir), RIPPLE_OK);
	assert_int_equal(p->actors[0].kind, RIPPLE_ORGANISATION);
	assert_string_equal(p->actors[0].sector, "VCSE");
	assert_string_equal(extra(p->actors_csv, p->actors[0].row, "type"), "Charity");
	assert_string_equal(extra(p->actors_csv, p->actors[1].row, "type"), "");
	ripple_place_free(p);
	rm_tree(dir);
	ripple_diags_release(&d);
}

static void test_convert__kumu_direction(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	/* one directed row makes the place directed; mutual is both ways */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label\nA\nB\nC\n", "From,To,Direction\nA,B,directed\nB,C,mutual\nC,A,\n"),
	                           &p, &d, 0, &dir), RIPPLE_OK);
	assert_int_equal(p->directed, 1);
	assert_int_equal(p->nties, 4);
	assert_int_equal(ties_between(p, "B", "C", "kumu"), 1);
	assert_int_equal(ties_between(p, "C", "B", "kumu"), 1);
	assert_int_equal(ties_between(p, "B", "A", "kumu"), 0);
	ripple_place_free(p);
	rm_tree(dir);
	/* without directed rows, mutual is one undirected tie */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label\nA\nB\n", "From,To,Direction\nA,B,mutual\n"), &p, &d, 0, &dir),
	                 RIPPLE_OK);
	assert_int_equal(p->directed, 0);
	assert_int_equal(p->nties, 1);
	ripple_place_free(p);
	rm_tree(dir);
	/* --directed: every row is From -> To, even one that says undirected; mutual is both */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label\nA\nB\nC\n", "From,To,Direction\nA,B,\nB,A,undirected\nA,C,mutual\n"),
	                           &p, &d, 1, &dir), RIPPLE_OK);
	assert_int_equal(p->directed, 1);
	assert_int_equal(p->nties, 4);
	assert_int_equal(ties_between(p, "B", "A", "kumu"), 1);
	assert_int_equal(ties_between(p, "C", "A", "kumu"), 1);
	ripple_place_free(p);
	rm_tree(dir);
	ripple_diags_release(&d);
}

static void test_convert__kumu_strength_of_words_is_an_attribute(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	/* Kumu's own example: Strength "Strong", "It's complicated" */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label\nBarack\nMichelle\nNSA\nEd\n",
	                                "From,To,Type,Strength\nBarack,Michelle,Personal,Strong\n"
	                                "Ed,NSA,Contractor,It's complicated\n"), &p, &d, 0, &dir),
	                 RIPPLE_OK);
	assert_double_near(p->ties[0].weight, 1, 0);
	assert_string_equal(extra(p->ties_csv, p->ties[1].row, "strength"), "It's complicated");
	ripple_place_free(p);
	rm_tree(dir);
	/* a Weight column wins: Strength is then an attribute even when numeric */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label\nA\nB\n", "From,To,Weight,Strength\nA,B,4,2\n"), &p, &d, 0, &dir),
	                 RIPPLE_OK);
	assert_double_near(p->ties[0].weight, 4, 0);
	assert_string_equal(extra(p->ties_csv, 0, "strength"), "2");
	ripple_place_free(p);
	rm_tree(dir);
	ripple_diags_release(&d);
}

static void test_convert__kumu_finds_sheets_by_name(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	/* Google Sheets names a downloaded sheet "<workbook> - <sheet>.csv" */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           (const char *const[]){ "Map - Elements.csv", "Label\nA\nB\n",
	                                                  "Map - Connections.csv", "From,To\nA,B\n", NULL },
	                           &p, &d, 0, &dir), RIPPLE_OK);
	assert_int_equal(p->nties, 1);
	assert_non_null(strstr(p->actors_csv->path, "Map - Elements.csv"));
	ripple_place_free(p);
	rm_tree(dir);
	/* an exact name outranks a suffix */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           (const char *const[]){ "ELEMENTS.CSV", "Label\nA\nB\n",
	                                                  "old-elements.csv", "Label\nX\n",
	                                                  "connections.csv", "From,To\nA,B\n", NULL },
	                           &p, &d, 0, &dir), RIPPLE_OK);
	ripple_place_free(p);
	rm_tree(dir);
	ripple_diags_release(&d);
	/* two that could both be the sheet: refused, both named */
	expect_problem(RIPPLE_FROM_KUMU,
	               (const char *const[]){ "a-elements.csv", "Label\nA\n", "b_elements.csv", "Label\nA\n",
	                                      "connections.csv", "From,To\n", NULL },
	               "", 0, "2 files could be elements.csv (\"a-elements.csv\", \"b_elements.csv\")");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("Label\nA\n", NULL), "connections.csv", 0,
	               "missing: a Kumu folder holds elements.csv and connections.csv");
}

static void test_convert__kumu_reports_each_problem_at_its_file_and_line(void **state)
{
	(void)state;
	const char *el = "Label,Parent,Attended\nA,,\nB,,\nC,A,\n";       /* lines 1-4 */
	/* checked by the converter */
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To\nA,B\nA,Nobody\n"), "connections.csv", 3,
	               "unknown element \"Nobody\" in To (no row of elements.csv has this label)");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To\nGhost,B\n"), "connections.csv", 2,
	               "unknown element \"Ghost\" in From");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("Label\nA\nB\nA\n", "From,To\nA,B\n"), "elements.csv", 4,
	               "duplicate label \"A\" (first at line 2)");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("ID,Label\nx,A\nx,B\n", "From,To\n"), "elements.csv", 3,
	               "element \"x\" is named twice (first at line 2)");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("Name\nA\n", "From,To\n"), "elements.csv", 1,
	               "missing required column \"Label\"");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "Source,To\nA,B\n"), "connections.csv", 1,
	               "missing required column \"From\"");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To\n\"\",B\n"), "connections.csv", 2,
	               "missing value for \"From\"");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("Label\nA\n\n\"\"\n", "From,To\n"), "elements.csv", 4,
	               "missing value for \"Label\"");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To,Direction\nA,B,sideways\n"), "connections.csv", 2,
	               "unknown Direction \"sideways\"");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To,Direction\nA,B,directed\nB,C,undirected\n"),
	               "connections.csv", 3, "Direction \"undirected\" in a map with directed connections");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To,Strength\nA,B,2\nB,C,strong\n"), "connections.csv",
	               3, "Strength \"strong\" is not a positive number");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To,Wave\nA,B,before\nB,C, | \n"), "connections.csv", 3,
	               "missing value for \"Wave\"");
	/* checked by place.c, still at the line of the Kumu file */
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To,Weight\nA,B,1\nB,C,-2\n"), "connections.csv", 3,
	               "weight \"-2\" is not a positive number");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("Label,Parent\nA,\nB,Nowhere\n", "From,To\n"), "elements.csv", 3,
	               "unknown parent \"Nowhere\"");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To,Wave\nA,B,w\nB,A,w\n"), "connections.csv", 3,
	               "duplicate tie B -- A in wave \"w\" (first at line 2)");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To\nA,A\n"), "connections.csv", 2,
	               "tie from \"A\" to itself");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("Label,Attended\nA,maybe\n", "From,To\n"), "elements.csv", 2,
	               "attended \"maybe\" is not yes or no");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("Label,Kind\nA,charity\n", "From,To\n"), "elements.csv", 2,
	               "unknown kind \"charity\"");
	expect_problem(RIPPLE_FROM_KUMU, KUMU("Label\n", "From,To\n"), "elements.csv", 1,
	               "no actors: a place needs at least one");
	expect_problem(RIPPLE_FROM_KUMU, KUMU(el, "From,To\n\"A,B\n"), "connections.csv", 2,
	               "unclosed quote");
}

static void test_convert__kumu_reports_every_problem_in_one_pass(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label,Parent\nA,\nA,\nB,Zed\n", "From,To,Weight\nA,Ghost,1\nA,B,0\n"),
	                           &p, &d, 0, &dir), RIPPLE_EINPUT);
	assert_int_equal(d.count, 4);
	assert_diag(&d, "elements.csv", 3, "duplicate label");
	assert_diag(&d, "elements.csv", 4, "unknown parent \"Zed\"");
	assert_diag(&d, "connections.csv", 2, "unknown element \"Ghost\"");
	assert_diag(&d, "connections.csv", 3, "weight \"0\"");
	ripple_diags_release(&d);
	rm_tree(dir);
}


/* The response of actor id at wave (a name) of a place read from a folder. */
static enum ripple_response response_of(const ripple_place *p, const char *id, const char *wave)
{
	size_t w = 0;
	while (w < p->nwaves && strcmp(p->waves[w].name, wave) != 0)
		w++;
	if (w == p->nwaves)
		fail_msg("no wave \"%s\"", wave);
	return p->responses ? (enum ripple_response)p->responses[w * p->nactors + actor_index(p, id)]
	                    : RIPPLE_RESPONSE_ANSWERED;
}

static void test_convert__kumu_reads_a_response_column_per_wave(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	/* any case in the header and in the cell; an empty cell answered; "Response rate"
	 * names no wave: an attribute */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label,Response Before,RESPONSE after,Response rate\n"
	                                "Council,,answered,high\n"
	                                "Hub,Missing,,\n"
	                                "Club,absent,missing,\n",
	                                "From,To,Wave\nCouncil,Hub,before|after\nCouncil,Club,after\n"),
	                           &p, &d, 0, &dir), RIPPLE_OK);
	assert_int_equal(d.count, 0);
	assert_non_null(p->responses);
	assert_int_equal(response_of(p, "Council", "before"), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(response_of(p, "Council", "after"), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(response_of(p, "Hub", "before"), RIPPLE_RESPONSE_MISSING);
	assert_int_equal(response_of(p, "Hub", "after"), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(response_of(p, "Club", "before"), RIPPLE_RESPONSE_ABSENT);
	assert_int_equal(response_of(p, "Club", "after"), RIPPLE_RESPONSE_MISSING);
	assert_string_equal(extra(p->actors_csv, 0, "response rate"), "high");
	assert_null(extra(p->actors_csv, 0, "response before"));
	ripple_place_free(p);
	ripple_diags_release(&d);
	rm_tree(dir);

	/* without response columns there are no responses: everyone answered */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU, KUMU(kumu_elements, kumu_connections), &p, &d,
	                           0, &dir), RIPPLE_OK);
	assert_null(p->responses);
	ripple_place_free(p);
	ripple_diags_release(&d);
	rm_tree(dir);
}

static void test_convert__kumu_reports_a_bad_response_at_its_line(void **state)
{
	(void)state;
	/* a word that is no response, at the element's line */
	expect_problem(RIPPLE_FROM_KUMU,
	               KUMU("Label,Response before\nCouncil,\nHub,maybe\n", "From,To,Wave\nCouncil,Hub,before\n"),
	               "elements.csv", 3, "maybe");
	/* two waves that differ only in case: which one is the column? */
	expect_problem(RIPPLE_FROM_KUMU,
	               KUMU("Label,Response after\nCouncil,\nHub,\n",
	                    "From,To,Wave\nCouncil,Hub,after\nHub,Council,After\n"),
	               "elements.csv", 1, "could be the responses of wave \"after\" or of \"After\"");
}

static void test_convert__kumu_attended_with_a_time_comes_through(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	/* "attended after wave before": by the second wave */
	assert_int_equal(load_from(RIPPLE_FROM_KUMU,
	                           KUMU("Label,Attended\nCouncil,before\nHub,yes\nClub,\n",
	                                "From,To,Wave\nCouncil,Hub,before\nCouncil,Club,after\n"),
	                           &p, &d, 0, &dir), RIPPLE_OK);
	size_t council = actor_index(p, "Council");
	assert_int_equal(p->actors[council].attended, 1);
	assert_string_equal(p->actors[council].attended_when, "before");
	assert_int_equal(p->actors[council].attended_by, 1);
	assert_int_equal(p->actors[actor_index(p, "Hub")].attended_by, RIPPLE_NONE);
	ripple_place_free(p);
	ripple_diags_release(&d);
	rm_tree(dir);
}

/* ---- RippleFX ----------------------------------------------------------------- */

/* RippleFX's own columns (README.md, DotMakeNodes.readTheNodesFile / readTheRelsFile) */
static const char *const rfx_nodes =
	"type,attribute_label_1,value_1,attribute_label_2,value_2,attribute_label_3,value_3\n" /* 1 */
	"doubleoctagon,name,Leading Places,kind,programme,date,01/09/2024\n"                  /* 2 */
	"ellipse,name,Teams meet,date,14/10/2024,capital,Social capital|human\n"              /* 3 */
	"ellipse,name,Joint bid,valence,Negative,intended,no\n"                               /* 4 */
	"ellipse,name,Bid refused,capital,financial,fillcolor,red\n"                          /* 5 */
	"ellipse,name,Walks start,colour,green,,\n"                                           /* 6 */
	"box,name,Council,kind,organisation,id,council\n"                                     /* 7 */
	"box,name,Club,kind,team,,\n"                                                         /* 8 */
	"diamond,colour,blue,,,,\n";                                                          /* 9: no name */
static const char *const rfx_rels =
	"match id 1,match id 2,attribute_label_1,value_1\n"
	"Leading Places,Teams meet,label,led to\nTeams meet,Joint bid,,\nJoint bid,Bid refused,,\n"
	"Leading Places,Walks start,,\nTeams meet,Council,style,dashed\nClub,Teams meet,,\n"
	"Council,Leading Places,,\nCouncil,Club,,\n";

#define RFX(n, r) ((const char *const[]){ "nodes.csv", (n), "relationships.csv", (r), NULL })

static size_t ripple_index(const ripple_place *p, const char *id)
{
	for (size_t i = 0; i < p->nripples; i++)
		if (strcmp(p->ripples[i].id, id) == 0)
			return i;
	fail_msg("no ripple \"%s\"", id);
	return RIPPLE_NONE;
}

static void test_convert__ripplefx_reads_nodes_as_ripples(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	assert_int_equal(load_from(RIPPLE_FROM_RIPPLEFX, RFX(rfx_nodes, rfx_rels), &p, &d, 0, &dir),
	                 RIPPLE_OK);
	/* the programme node is the centre, not a ripple; the nameless node is skipped */
	assert_string_equal(p->programme, "Leading Places");
	assert_int_equal(p->nripples, 4);
	size_t a = ripple_index(p, "Teams meet"), b = ripple_index(p, "Joint bid");
	size_t c = ripple_index(p, "Bid refused"), dd = ripple_index(p, "Walks start");
	/* match id 1 -> match id 2 by name give the tree; from the programme is first order */
	assert_int_equal(p->ripples[a].parent, RIPPLE_NONE);
	assert_int_equal(p->ripples[b].parent, a);
	assert_int_equal(p->ripples[c].parent, b);
	assert_int_equal(p->ripples[dd].parent, RIPPLE_NONE);
	assert_string_equal(p->ripples[a].date, "2024-10-14");
	assert_string_equal(p->ripples[c].date, "");
	assert_int_equal(p->ripples[a].capitals, RIPPLE_SOCIAL | RIPPLE_HUMAN);
	assert_int_equal(p->ripples[c].capitals, RIPPLE_FINANCIAL);
	assert_int_equal(p->ripples[b].capitals, 0);
	assert_int_equal(p->ripples[b].valence, -1);
	assert_int_equal(p->ripples[a].valence, 1);
	assert_int_equal(p->ripples[b].intended, 0);
	assert_int_equal(p->ripples[a].intended, -1);
	/* actor nodes: id attribute or name; linked to ripples either way; to the programme: attended */
	assert_int_equal(p->nactors, 2);
	assert_string_equal(p->actors[0].id, "council");
	assert_string_equal(p->actors[0].label, "Council");
	assert_int_equal(p->actors[0].attended, 1);
	assert_string_equal(p->actors[1].id, "Club");
	assert_int_equal(p->actors[1].kind, RIPPLE_TEAM);
	assert_int_equal(p->ripples[a].nactors, 2);
	/* actor -> actor: a tie of the one wave "map" */
	assert_int_equal(p->nwaves, 1);
	assert_string_equal(p->waves[0].name, "map");
	assert_int_equal(p->nties, 1);
	ripple_place_free(p);
	ripple_diags_release(&d);
	rm_tree(dir);
}

static void test_convert__ripplefx_without_actors_or_programme_is_a_place(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	assert_int_equal(load_from(RIPPLE_FROM_RIPPLEFX,
	                           RFX("attribute_label_1,value_1\nname,First\nname,Second\n",
	                               "match id 1,match id 2\nFirst,Second\n"), &p, &d, 0, &dir),
	                 RIPPLE_OK);
	assert_int_equal(p->nactors, 0);
	assert_int_equal(p->nripples, 2);
	assert_string_equal(p->programme, "");
	assert_string_equal(p->ripples[1].label, "Second");
	assert_int_equal(p->ripples[1].parent, 0);
	ripple_place_free(p);
	rm_tree(dir);
	ripple_diags_release(&d);
}

static void test_convert__ripplefx_reports_each_problem_at_its_file_and_line(void **state)
{
	(void)state;
#define H "type,attribute_label_1,value_1,attribute_label_2,value_2\n"
	const char *n = H "ellipse,name,x,,\nellipse,name,y,,\nellipse,name,z,,\n";   /* lines 1-4 */
	const char *e = "match id 1,match id 2\n";
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(H ",name,x,date,01/01/2024\n,name,y,date,31/02/2024\n", e),
	               "nodes.csv", 3, "date \"31/02/2024\" does not exist");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(H ",name,x,date,2024-01-01\n", e),
	               "nodes.csv", 2, "date \"2024-01-01\" is not a date written dd/MM/yyyy");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(n, "match id 1,match id 2\nx,y\nx,w\n"), "relationships.csv",
	               3, "unknown node \"w\" (no node of nodes.csv has this name)");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(n, "match id 1,match id 2\nx,z\ny,z\n"), "relationships.csv",
	               3, "\"z\" already grew from \"x\" (line 2): a ripple map is a tree");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(n, "match id 1,match id 2\ny,y\n"), "relationships.csv", 2,
	               "relationship from \"y\" to itself");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(H ",name,P,kind,programme\n,name,X,,\n", "match id 1,match id 2\nX,P\n"),
	               "relationships.csv", 2, "the programme \"P\" is the centre of the map");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(H ",name,P,kind,programme\n,name,Q,kind,Program\n", e),
	               "nodes.csv", 3, "a second programme node (the first is at line 2)");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(H ",name,x,,\n,name,y,,\n,name,x,,\n", e), "nodes.csv", 4,
	               "duplicate name \"x\" (first at line 2)");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(n, "source,target\n"), "relationships.csv", 1,
	               "missing required column \"match id 1\"");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX("attribute_label_1,attribute_value_1\nname,X\n", e),
	               "nodes.csv", 1, "attribute_label_1 has no value_1 column");
	expect_problem(RIPPLE_FROM_RIPPLEFX,
	               RFX("attribute_label_1,value_1,attribute_label_2,value_2,attribute_label_3,value_3\n"
	                   "name,X,valence,positive,Valence,negative\n", e),
	               "nodes.csv", 2, "attribute \"Valence\" given twice");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(H ",name,X,kind,volunteer\n", e), "nodes.csv", 2,
	               "unknown kind \"volunteer\"");
	/* checked by place.c, at the line of nodes.csv */
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(H ",name,X,capital,spiritual\n", e), "nodes.csv", 2,
	               "unknown capital \"spiritual\"");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(H ",name,X,valence,neutral\n", e), "nodes.csv", 2,
	               "unknown valence \"neutral\"");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(n, "match id 1,match id 2\nx,y\ny,z\nz,x\n"), "nodes.csv", 2,
	               "ripple cycle: x -> z -> y -> x");
	expect_problem(RIPPLE_FROM_RIPPLEFX, RFX(n, NULL), "relationships.csv", 0,
	               "missing: a RippleFX folder holds nodes.csv and relationships.csv");
#undef H
}

/* ---- Kumu export and the round trip ----------------------------------------- */

/* Every fact of a place a Kumu round trip must keep, one sorted line each. */
static char *dump_place(ripple_store *s, int64_t place_id)
{
	static const char *const sql =
		"SELECT 'directed ' || directed FROM place WHERE place_id = ?1 "
		"UNION ALL SELECT 'wave ' || name || ' ' || ordinal FROM wave WHERE place_id = ?1 "
		"UNION ALL SELECT 'actor ' || a.code || '|' || a.label || '|' || a.kind || '|' || "
		"  coalesce(a.sector, '-') || '|' || coalesce(a.town, '-') || '|' || "
		"  coalesce(a.attended, '-') || '|' || coalesce(p.code, '-') "
		"  FROM actor a LEFT JOIN actor p ON p.actor_id = a.parent_id WHERE a.place_id = ?1 "
		"UNION ALL SELECT 'actor_attribute ' || a.code || '|' || t.name || '|' || t.value "
		"  FROM actor_attribute t JOIN actor a USING (actor_id) WHERE a.place_id = ?1 "
		"UNION ALL SELECT 'tie ' || w.name || '|' || s.code || '|' || g.code || '|' || t.type || '|' || "
		"  printf('%.17g', t.weight) || '|' || coalesce((SELECT group_concat(name || '=' || value, ';') "
		"  FROM (SELECT name, value FROM tie_attribute x WHERE x.tie_id = t.tie_id ORDER BY name)), '') "
		"  FROM tie t JOIN wave w USING (wave_id) JOIN actor s ON s.actor_id = t.source_id "
		"  JOIN actor g ON g.actor_id = t.target_id WHERE w.place_id = ?1 "
		"ORDER BY 1";
	sqlite3 *db = ripple_store_db(s);
	sqlite3_stmt *st;
	char *out = strdup("");
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, place_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *next = concat(out, (const char *)sqlite3_column_text(st, 0), "\n");
		free(out);
		out = next;
	}
	sqlite3_finalize(st);
	return out;
}

/* Loads folder (as `from`) into a new in-memory store; returns the store and place. */
static ripple_store *store_of(const char *folder, enum ripple_from from, int directed,
                              int64_t *place_id)
{
	ripple_load_options o = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_store *s;
	ripple_place *p;
	ripple_error err;
	o.from = from;
	o.directed = directed;
	o.name = "Round trip";
	if (ripple_place_load(&p, folder, &o, &d) < 0)
		fail_msg("%s: %s:%ld: %s", folder, d.items[0].file, d.items[0].line, d.items[0].message);
	assert_int_equal(ripple_store_open(&s, ":memory:", RIPPLE_STORE_CREATE, &err), RIPPLE_OK);
	assert_int_equal(ripple_store_import(s, &p, 1, 0, &d), RIPPLE_OK);
	assert_int_equal(ripple_store_find_place(place_id, s, NULL, &err), RIPPLE_OK);
	ripple_place_free(p);
	ripple_diags_release(&d);
	return s;
}

/* The place place_id of s read back as the model (ripple_model_free). */
static ripple_model *model_of(ripple_store *s, int64_t place_id)
{
	ripple_model *m = NULL;
	ripple_error err;
	if (ripple_store_read(&m, s, place_id, &err) < 0)
		fail_msg("read: %s", err.message);
	return m;
}

/*
 * What the model says of responses and attendance with a time, one line each
 * in actor and wave order: every actor's response at every wave (by id and
 * wave name), and by which wave it had attended (attended_by; the text of a
 * date may come back as the wave it falls after, which says the same).
 */
static char *dump_responses(const ripple_model *m)
{
	char *out = strdup(""), line[512];
	for (size_t a = 0; a < m->nactors; a++) {
		for (size_t w = 0; w < m->nwaves; w++) {
			snprintf(line, sizeof(line), "response %s|%s|%s\n", m->actors[a].id, m->waves[w].name,
			         ripple_response_name(ripple_model_response(m, w, a)));
			char *next = concat(out, line, "");
			free(out);
			out = next;
		}
		snprintf(line, sizeof(line), "attended %s|%d|%ld\n", m->actors[a].id, m->actors[a].attended,
		         m->actors[a].attended_by == RIPPLE_NONE ? -1L : (long)m->actors[a].attended_by);
		char *next = concat(out, line, "");
		free(out);
		out = next;
	}
	return out;
}

/* Imports folder, exports it to Kumu, imports that: the two places must be the same. */
static void round_trip(const char *folder, enum ripple_from from, int directed)
{
	ripple_store *s1, *s2;
	ripple_error err;
	int64_t id1, id2;
	char *dir = temp_dir(), *out, *a, *b;

	ripple_model *m, *m2;

	s1 = store_of(folder, from, directed, &id1);
	out = concat(dir, "/kumu", "");
	m = model_of(s1, id1);
	if (ripple_kumu_export(m, out, 1, &err) < 0)
		fail_msg("export: %s", err.message);
	s2 = store_of(out, RIPPLE_FROM_KUMU, 0, &id2);
	a = dump_place(s1, id1);
	b = dump_place(s2, id2);
	assert_string_equal(b, a);
	assert_non_null(strstr(a, "\ntie "));       /* the dump saw ties at all */
	free(a);
	free(b);
	m2 = model_of(s2, id2);
	assert_int_equal(!m2->responses, !m->responses);
	a = dump_responses(m);
	b = dump_responses(m2);
	assert_string_equal(b, a);
	free(a);
	free(b);
	ripple_model_free(m);
	ripple_model_free(m2);
	free(out);
	ripple_store_close(s1);
	ripple_store_close(s2);
	rm_tree(dir);
}

static void test_convert__kumu_round_trip_of_the_kumu_example(void **state)
{
	(void)state;
	round_trip("../../datasets/imports/kumu-example", RIPPLE_FROM_KUMU, 0);
}

static void test_convert__kumu_round_trip_of_place_folders(void **state)
{
	(void)state;
	/* typed ties with trust, a team in its council, yes/no/unknown attendance */
	round_trip("../e2e/places/tiny", RIPPLE_FROM_PLACE, 0);
	round_trip("../e2e/places/tiny", RIPPLE_FROM_PLACE, 1);
	/* quotes, commas and a line break in labels; CRLF; no waves.csv */
	round_trip("../e2e/places/quirks", RIPPLE_FROM_PLACE, 0);
	/* markup, entities and non-ASCII in every field */
	round_trip("../e2e/places/hostile", RIPPLE_FROM_PLACE, 0);
	round_trip("../../datasets/northamptonshire", RIPPLE_FROM_PLACE, 0);
}

static void test_convert__kumu_round_trip_keeps_responses_and_when_actors_attended(void **state)
{
	(void)state;
	char *dir = temp_dir();
	/* a attended on a date (Kumu has no wave dates: it comes back as "after wave before"),
	 * b after wave before, by name; d absent at before (no tie touches it then), c missing
	 * at after (it reports no tie then) */
	write_file(dir, "actors.csv", "id,label,attended\na,A,2025-01-15\nb,B,before\nc,C,yes\nd,D,no\n");
	write_file(dir, "waves.csv", "wave,ordinal,date\nbefore,1,2025-01-01\nafter,2,2025-06-01\n");
	write_file(dir, "ties.csv", "source,target,wave\na,b,before\nb,c,before\na,c,after\nb,d,after\n");
	write_file(dir, "responses.csv", "actor,wave,status\nc,after,missing\nd,before,absent\n"
	                                 "a,before,answered\n");
	round_trip(dir, RIPPLE_FROM_PLACE, 0);
	round_trip(dir, RIPPLE_FROM_PLACE, 1);
	rm_tree(dir);
}

static void test_convert__kumu_round_trip_keeps_a_type_attribute(void **state)
{
	(void)state;
	char *dir = temp_dir();
	write_file(dir, "actors.csv", "id,kind,sector,type,role\na,team,VCSE,Charity,chair\nb,person,,,\n"
	                              "c,organisation,Health,NHS trust,\n");
	write_file(dir, "ties.csv", "source,target,wave,weight,note\na,b,w1,0.1,\"x, \"\"y\"\"\"\n"
	                            "b,c,w2,1e-3,\nc,a,w2,1234567.25,\n");
	round_trip(dir, RIPPLE_FROM_PLACE, 0);
	rm_tree(dir);
}

static void test_convert__kumu_write_gives_the_two_sheets(void **state)
{
	(void)state;
	ripple_model *m;
	ripple_store *s;
	ripple_error err;
	int64_t id;
	char *el, *co;
	size_t el_len, co_len;
	char *dir = temp_dir();
	write_file(dir, "actors.csv", "id,label,kind,parent,sector,attended,role\n"
	                              "c,\"Council, the\",organisation,,LA,yes,lead\nt,Team,team,c,LA,,\n");
	write_file(dir, "ties.csv", "source,target,wave,type,weight,trust\nc,t,before,info,2.5,3\n");
	s = store_of(dir, RIPPLE_FROM_PLACE, 0, &id);
	m = model_of(s, id);
	assert_int_equal(ripple_kumu_write(&el, &el_len, &co, &co_len, m, 1, &err), RIPPLE_OK);
	assert_string_equal(el, "ID,Label,Type,Kind,Sector,Town,Attended,Parent,role\n"
	                        "c,\"Council, the\",organisation,organisation,LA,,yes,,lead\n"
	                        "t,Team,team,team,LA,,,c,\n");
	assert_int_equal(el_len, strlen(el));
	assert_string_equal(co, "From,To,Type,Direction,Wave,Weight,trust\n"
	                        "c,t,info,undirected,before,2.5,3\n");
	free(el);
	free(co);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
}

static void test_convert__kumu_write_refuses_what_kumu_would_misread(void **state)
{
	(void)state;
	ripple_model *m;
	ripple_store *s;
	ripple_error err;
	int64_t id;
	char *el, *co, *dir = temp_dir();
	size_t el_len, co_len;
	/* '|' in an id: Kumu's To would read it as two elements */
	write_file(dir, "actors.csv", "id\na|b\nc\n");
	write_file(dir, "ties.csv", "source,target,wave\nc,a|b,w\n");
	s = store_of(dir, RIPPLE_FROM_PLACE, 0, &id);
	m = model_of(s, id);
	assert_int_equal(ripple_kumu_write(&el, &el_len, &co, &co_len, m, 1, &err), RIPPLE_EINPUT);
	assert_non_null(strstr(err.message, "actor id \"a|b\" holds '|'"));
	assert_null(el);
	ripple_model_free(m);
	ripple_store_close(s);
	/* a tie attribute Kumu would read as its Direction */
	write_file(dir, "actors.csv", "id\na\nc\n");
	write_file(dir, "ties.csv", "source,target,wave,direction\nc,a,w,north\n");
	s = store_of(dir, RIPPLE_FROM_PLACE, 0, &id);
	m = model_of(s, id);
	assert_int_equal(ripple_kumu_write(&el, &el_len, &co, &co_len, m, 1, &err), RIPPLE_EINPUT);
	assert_non_null(strstr(err.message, "tie attribute \"direction\""));
	ripple_model_free(m);
	ripple_store_close(s);
	/* a wave with '|' */
	write_file(dir, "ties.csv", "source,target,wave\nc,a,x|y\n");
	s = store_of(dir, RIPPLE_FROM_PLACE, 0, &id);
	m = model_of(s, id);
	assert_int_equal(ripple_kumu_export(m, dir, 1, &err), RIPPLE_EINPUT);
	assert_non_null(strstr(err.message, "wave \"x|y\""));
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_convert__reads_dd_mm_yyyy_dates_as_iso),
		cmocka_unit_test(test_convert__refuses_dates_that_do_not_exist),
		cmocka_unit_test(test_convert__refuses_other_date_shapes),
		cmocka_unit_test(test_convert__kumu_reads_elements_and_connections),
		cmocka_unit_test(test_convert__kumu_without_wave_puts_every_tie_in_wave_kumu),
		cmocka_unit_test(test_convert__kumu_maps_labels_to_ids_through_the_id_column),
		cmocka_unit_test(test_convert__kumu_type_kind_and_sector),
		cmocka_unit_test(test_convert__kumu_direction),
		cmocka_unit_test(test_convert__kumu_strength_of_words_is_an_attribute),
		cmocka_unit_test(test_convert__kumu_finds_sheets_by_name),
		cmocka_unit_test(test_convert__kumu_reports_each_problem_at_its_file_and_line),
		cmocka_unit_test(test_convert__kumu_reports_every_problem_in_one_pass),
		cmocka_unit_test(test_convert__kumu_reads_a_response_column_per_wave),
		cmocka_unit_test(test_convert__kumu_reports_a_bad_response_at_its_line),
		cmocka_unit_test(test_convert__kumu_attended_with_a_time_comes_through),
		cmocka_unit_test(test_convert__ripplefx_reads_nodes_as_ripples),
		cmocka_unit_test(test_convert__ripplefx_without_actors_or_programme_is_a_place),
		cmocka_unit_test(test_convert__ripplefx_reports_each_problem_at_its_file_and_line),
		cmocka_unit_test(test_convert__kumu_write_gives_the_two_sheets),
		cmocka_unit_test(test_convert__kumu_write_refuses_what_kumu_would_misread),
		cmocka_unit_test(test_convert__kumu_round_trip_of_the_kumu_example),
		cmocka_unit_test(test_convert__kumu_round_trip_of_place_folders),
		cmocka_unit_test(test_convert__kumu_round_trip_keeps_a_type_attribute),
		cmocka_unit_test(test_convert__kumu_round_trip_keeps_responses_and_when_actors_attended),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
