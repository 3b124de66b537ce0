/*
 * test_place.c - reading a place folder: every rule of schemas/FORMAT.md is
 * enforced, with the file and line of the problem.
 */
#include "helpers.h"

/* A small valid place; each test overrides one file. */
static const char *const base_place = "name,programme,directed\nTestshire,Leading Places,no\n";
static const char *const base_actors =
	"id,label,kind,parent,sector,town,attended,role\n"   /* line 1 */
	"council,Council,organisation,,Local Authority,Corby,yes,lead\n"   /* 2 */
	"comm,Community team,team,council,Local Authority,Corby,yes,\n"    /* 3 */
	"sport,Sports development,team,council,Sport,Kettering,no,\n"      /* 4 */
	"vcs,Voluntary hub,organisation,,VCSE,Corby,no,\n"                 /* 5 */
	"gp,GP practice,organisation,,Health,Rushden,,\n";                 /* 6 */
static const char *const base_waves = "wave,ordinal,date\nafter,2,2025-03-01\nbefore,1,2024-09-01\n";
static const char *const base_ties =
	"source,target,wave,type,weight,trust\n"   /* 1 */
	"council,vcs,before,information,1,3\n"     /* 2 */
	"council,gp,before,referral,2,\n"          /* 3 */
	"comm,vcs,before,,1,2\n"                   /* 4 */
	"council,vcs,after,information,1,4\n"      /* 5 */
	"comm,sport,after,co-delivery,3,4\n"       /* 6 */
	"vcs,gp,after,referral,1.5,3\n";           /* 7 */
static const char *const base_ripples =
	"id,parent,label,capital,valence,intended,date,actors\n"                       /* 1 */
	"r1,,Teams met,social,positive,yes,2025-01-10,comm;sport\n"                     /* 2 */
	"r2,r1,Joint bid,financial;social,positive,no,2025-02,comm;sport;council\n"      /* 3 */
	"r3,r2,Bid refused,financial,negative,unknown,,\n";                            /* 4 */

typedef struct files {
	const char *place, *actors, *waves, *ties, *ripples, *responses;   /* NULL: not written */
} files;

static files base(void)
{
	files f = { base_place, base_actors, base_waves, base_ties, base_ripples, NULL };
	return f;
}

/* Writes the files into a fresh folder and loads it. */
static int load(files f, ripple_place **out, ripple_diags *d, const ripple_load_options *o,
                char **dir)
{
	*dir = temp_dir();
	if (f.place) write_file(*dir, "place.csv", f.place);
	if (f.actors) write_file(*dir, "actors.csv", f.actors);
	if (f.waves) write_file(*dir, "waves.csv", f.waves);
	if (f.ties) write_file(*dir, "ties.csv", f.ties);
	if (f.ripples) write_file(*dir, "ripples.csv", f.ripples);
	if (f.responses) write_file(*dir, "responses.csv", f.responses);
	return ripple_place_load(out, *dir, o, d);
}

/* Loads files that must be refused and asserts the one problem expected is among them. */
static void expect_problem(files f, const char *file, long line, const char *text)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;
	char *dir;
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_EINPUT);
	assert_null(p);
	assert_diag(&d, file, line, text);
	ripple_diags_release(&d);
	rm_tree(dir);
}

static void test_place__reads_a_valid_folder(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	assert_int_equal(load(base(), &p, &d, NULL, &dir), RIPPLE_OK);
	assert_string_equal(p->name, "Testshire");
	assert_string_equal(p->programme, "Leading Places");
	assert_int_equal(p->directed, 0);
	assert_int_equal(p->nactors, 5);
	assert_string_equal(p->actors[1].id, "comm");
	assert_int_equal(p->actors[1].parent, 0);
	assert_int_equal(p->actors[1].kind, RIPPLE_TEAM);
	assert_int_equal(p->actors[0].attended, 1);
	assert_int_equal(p->actors[3].attended, 0);
	assert_int_equal(p->actors[4].attended, -1);
	assert_int_equal(p->nactor_extra, 1);            /* role */
	/* waves sorted by ordinal, ties renumbered with them */
	assert_int_equal(p->nwaves, 2);
	assert_string_equal(p->waves[0].name, "before");
	assert_string_equal(p->waves[1].name, "after");
	assert_int_equal(p->nties, 6);
	assert_int_equal(p->ties[0].wave, 0);
	assert_int_equal(p->ties[3].wave, 1);
	assert_double_near(p->ties[5].weight, 1.5, 1e-12);
	assert_double_near(p->ties[2].weight, 1.0, 1e-12);   /* default */
	assert_string_equal(p->ties[2].type, "");
	assert_int_equal(p->ntie_extra, 1);              /* trust */
	assert_int_equal(p->nripples, 3);
	assert_int_equal(p->ripples[0].parent, RIPPLE_NONE);
	assert_int_equal(p->ripples[2].parent, 1);
	assert_int_equal(p->ripples[1].capitals, RIPPLE_FINANCIAL | RIPPLE_SOCIAL);
	assert_int_equal(p->ripples[2].valence, -1);
	assert_int_equal(p->ripples[1].intended, 0);
	assert_int_equal(p->ripples[2].intended, -1);
	assert_int_equal(p->ripples[1].nactors, 3);
	ripple_place_free(p);
	rm_tree(dir);
}

static void test_place__defaults_name_waves_and_direction(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_load_options o = RIPPLE_LOAD_OPTIONS_INIT;
	files f = base();
	ripple_place *p;
	char *dir;

	f.place = NULL;
	f.waves = NULL;
	f.ripples = NULL;
	o.directed = 1;
	assert_int_equal(load(f, &p, &d, &o, &dir), RIPPLE_OK);
	assert_string_equal(p->name, strrchr(dir, '/') + 1);   /* the folder's name */
	assert_int_equal(p->directed, 1);
	/* without waves.csv, waves come in order of first appearance */
	assert_string_equal(p->waves[0].name, "before");
	assert_string_equal(p->waves[1].name, "after");
	assert_int_equal(p->nripples, 0);
	ripple_place_free(p);
	rm_tree(dir);

	o.directed = 0;
	o.name = "Given";
	assert_int_equal(load(base(), &p, &d, &o, &dir), RIPPLE_OK);
	assert_string_equal(p->name, "Given");
	ripple_place_free(p);
	rm_tree(dir);
}

static void test_place__rejects_missing_required_columns(void **state)
{
	(void)state;
	files f = base();
	f.actors = "label,kind\nX,organisation\n";
	expect_problem(f, "actors.csv", 1, "missing required column \"id\"");
	f = base();
	f.ties = "source,wave\ncouncil,before\n";
	expect_problem(f, "ties.csv", 1, "missing required column \"target\"");
	f = base();
	f.ripples = "id,parent\nr1,\n";
	expect_problem(f, "ripples.csv", 1, "missing required column \"label\"");
	f = base();
	f.waves = "ordinal,date\n1,2024-01-01\n";
	expect_problem(f, "waves.csv", 1, "missing required column \"wave\"");
}

static void test_place__rejects_missing_required_values(void **state)
{
	(void)state;
	files f = base();
	f.actors = "id,label\ncouncil,C\n,No id\n";
	expect_problem(f, "actors.csv", 3, "missing value for \"id\"");
	f = base();
	f.ties = "source,target,wave\ncouncil,vcs,before\ncouncil,,before\n";
	expect_problem(f, "ties.csv", 3, "missing value for \"target\"");
	f = base();
	f.ties = "source,target,wave\ncouncil,vcs,\n";
	expect_problem(f, "ties.csv", 2, "missing value for \"wave\"");
	f = base();
	f.ripples = "id,label\nr1,\n";
	expect_problem(f, "ripples.csv", 2, "missing value for \"label\"");
}

static void test_place__rejects_missing_files(void **state)
{
	(void)state;
	files f = base();
	f.ties = NULL;
	expect_problem(f, "ties.csv", 0, "missing");
	f = base();
	f.actors = NULL;
	expect_problem(f, "actors.csv", 0, "missing");
}

static void test_place__rejects_duplicate_actor_id(void **state)
{
	(void)state;
	files f = base();
	f.actors = "id\na\nb\na\n";
	f.ties = "source,target,wave\na,b,w\n";
	f.waves = NULL;
	f.ripples = NULL;
	expect_problem(f, "actors.csv", 4, "duplicate actor id \"a\" (first at line 2)");
}

/* Loads files that must be accepted; returns the place (free it) with its warnings. */
static ripple_place *load_ok(files f)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;
	char *dir;
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_OK);
	assert_int_equal(d.count, 0);
	ripple_diags_release(&d);
	rm_tree(dir);
	return p;
}

static void test_place__warns_about_ids_that_differ_only_in_case(void **state)
{
	(void)state;
	files f = base();
	ripple_place *p;

	f.actors = "id\nWNC\nb\nwnc\nB\xC2\xA0\nx\n";
	f.ties = "source,target,wave\nWNC,wnc,w\nb,x,w\n";
	f.waves = NULL;
	f.ripples = NULL;
	p = load_ok(f);
	assert_int_equal(p->nactors, 5);                      /* still five actors */
	assert_int_equal(p->warnings.count, 2);
	assert_diag(&p->warnings, "actors.csv", 4,
	            "actor id \"wnc\" differs from \"WNC\" (line 2) only in case");
	assert_diag(&p->warnings, "actors.csv", 5, "actor id \"B<U+00A0>\" differs from \"b\" (line 3)");
	assert_int_equal(p->warnings.items[0].code, RIPPLE_OK);
	ripple_place_free(p);
	p = load_ok(base());                                   /* distinct ids: no warning */
	assert_int_equal(p->warnings.count, 0);
	ripple_place_free(p);
}

static void test_place__warns_about_a_place_without_ties_or_waves(void **state)
{
	(void)state;
	files f = base();
	ripple_place *p;

	f.ties = "source,target,wave,type,weight\n";
	f.waves = NULL;
	p = load_ok(f);                                        /* a ripple map alone is a place */
	assert_int_equal(p->nwaves, 0);
	assert_int_equal(p->warnings.count, 1);
	assert_diag(&p->warnings, "ties.csv", 1, "no ties and no waves.csv");
	ripple_place_free(p);
	f.waves = base_waves;                                  /* waves listed: meant empty */
	p = load_ok(f);
	assert_int_equal(p->warnings.count, 0);
	ripple_place_free(p);
}

static void test_place__rejects_unknown_actor_in_tie_and_ripple(void **state)
{
	(void)state;
	files f = base();
	f.ties = "source,target,wave\ncouncil,vcs,before\nnobody,vcs,before\n";
	expect_problem(f, "ties.csv", 3, "unknown actor \"nobody\"");
	f = base();
	f.ripples = "id,label,actors\nr1,Met,comm\nr2,Bid,comm;ghost\n";
	expect_problem(f, "ripples.csv", 3, "unknown actor \"ghost\"");
}

static void test_place__rejects_unknown_parent(void **state)
{
	(void)state;
	files f = base();
	f.actors = "id,parent\na,\nb,zz\n";
	f.ties = "source,target,wave\na,b,before\n";
	f.ripples = NULL;
	expect_problem(f, "actors.csv", 3, "unknown parent \"zz\"");
}

static void test_place__rejects_cycle_of_parents(void **state)
{
	(void)state;
	files f = base();
	f.actors = "id,parent\nroot,\na,c\nb,a\nc,b\nd,d\n";
	f.ties = "source,target,wave\nroot,a,before\n";
	f.ripples = NULL;
	expect_problem(f, "actors.csv", 3, "parent cycle: a -> c -> b -> a");
	expect_problem(f, "actors.csv", 6, "its own parent");
}

static void test_place__rejects_self_tie(void **state)
{
	(void)state;
	files f = base();
	f.ties = "source,target,wave\ncouncil,vcs,before\ngp,gp,after\n";
	expect_problem(f, "ties.csv", 3, "tie from \"gp\" to itself");
}

static void test_place__rejects_weight_that_is_not_positive_and_finite(void **state)
{
	(void)state;
	static const char *const bad[] = { "0", "-1", "abc", "nan", "inf", "1e999", "2x", "-inf",
	                                   "0x10", "1e300" /* sums would overflow */ };
	char ties[256], want[64];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		files f = base();
		snprintf(ties, sizeof(ties), "source,target,wave,weight\ncouncil,vcs,before,1\n"
		         "council,gp,before,%s\n", bad[i]);
		snprintf(want, sizeof(want), "weight \"%s\" is not a positive number", bad[i]);
		f.ties = ties;
		expect_problem(f, "ties.csv", 3, want);
	}
}

static void test_place__rejects_trust_and_value_that_are_not_numbers(void **state)
{
	(void)state;
	files f = base();
	f.ties = "source,target,wave,trust,value\ncouncil,vcs,before,3,-1.5\ncouncil,gp,before,high,\n"
	         "vcs,gp,before,,2-3\n";
	expect_problem(f, "ties.csv", 3, "trust \"high\" is not a number");
	expect_problem(f, "ties.csv", 4, "value \"2-3\" is not a number");
}

static void test_place__rejects_control_characters_in_ids_and_empty_actor_lists(void **state)
{
	(void)state;
	files f = base();
	f.actors = "id\ncouncil\n\"bad\x1b[31m\"\n";
	f.ties = "source,target,wave\ncouncil,vcs,before\n";
	f.ripples = NULL;
	expect_problem(f, "actors.csv", 3, "control character");
	f = base();
	f.actors = "\n\nid,label\n";
	expect_problem(f, "actors.csv", 3, "no actors");
	f.actors = "\n\nlabel\nx\n";
	expect_problem(f, "actors.csv", 3, "missing required column \"id\"");   /* the header's line */
}

static void test_place__rejects_tabs_and_line_breaks_in_the_place_name(void **state)
{
	(void)state;
	files f = base();
	/* the name is printed by check, import, places and compare, and typed as PLACE;
	 * a programme may span lines */
	f.place = "name,programme\n\"two\nlines\",\"a programme\nover two lines\"\n";
	expect_problem(f, "place.csv", 2, "place name contains a control character");
	f.place = "name,programme\n\"a\ttab\",p\n";
	expect_problem(f, "place.csv", 2, "place name contains a control character");
}

static void test_place__rejects_the_same_tie_twice(void **state)
{
	(void)state;
	files f = base();
	f.ties = "source,target,wave,type\ncouncil,vcs,before,info\ngp,vcs,before,info\n"
	         "council,vcs,before,info\n";
	expect_problem(f, "ties.csv", 4, "duplicate tie council -- vcs in wave \"before\" of type "
	               "\"info\" (first at line 2)");
	/* undirected: the reversed pair is the same tie */
	f.ties = "source,target,wave\ncouncil,vcs,before\nvcs,council,before\n";
	expect_problem(f, "ties.csv", 3, "duplicate tie vcs -- council");
}

static void test_place__directed_reversed_tie_and_other_types_are_distinct(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_load_options o = RIPPLE_LOAD_OPTIONS_INIT;
	files f = base();
	ripple_place *p;
	char *dir;
	f.ties = "source,target,wave,type\ncouncil,vcs,before,\nvcs,council,before,\n"
	         "council,vcs,before,info\ncouncil,vcs,after,\n";
	o.directed = 1;
	assert_int_equal(load(f, &p, &d, &o, &dir), RIPPLE_OK);
	assert_int_equal(p->nties, 4);
	ripple_place_free(p);
	rm_tree(dir);
}

static void test_place__rejects_unknown_enumerated_values(void **state)
{
	(void)state;
	files f = base();
	f.actors = "id,kind\na,organisation\nb,department\n";
	f.ties = "source,target,wave\na,b,before\n";
	f.ripples = NULL;
	expect_problem(f, "actors.csv", 3, "unknown kind \"department\"");
	f = base();
	f.ripples = "id,label,capital\nr1,x,social\nr2,y,social;spiritual\n";
	expect_problem(f, "ripples.csv", 3, "unknown capital \"spiritual\"");
	f.ripples = "id,label,valence\nr1,x,neutral\n";
	expect_problem(f, "ripples.csv", 2, "unknown valence \"neutral\"");
	f.ripples = "id,label,intended\nr1,x,maybe\n";
	expect_problem(f, "ripples.csv", 2, "unknown intended \"maybe\"");
	f = base();
	f.actors = "id,attended\na,yes\nb,sometimes\n";
	f.ties = "source,target,wave\na,b,before\n";
	f.ripples = NULL;
	expect_problem(f, "actors.csv", 3, "attended \"sometimes\" is not yes or no");
	f = base();
	f.place = "name,directed\nX,perhaps\n";
	expect_problem(f, "place.csv", 2, "directed \"perhaps\" is not yes or no");
}

static void test_place__accepts_enumerations_in_any_case(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	files f = base();
	ripple_place *p;
	char *dir;
	f.actors = "id,kind,attended\na,Team,YES\nb,PERSON,n\n";
	f.ties = "source,target,wave\na,b,before\n";
	f.ripples = "id,label,capital,valence,intended\nr1,x,Social; Human ,Negative,No\nr2,y,,,Y\n";
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_OK);
	assert_int_equal(p->actors[0].kind, RIPPLE_TEAM);
	assert_int_equal(p->actors[1].attended, 0);
	assert_int_equal(p->ripples[0].capitals, RIPPLE_SOCIAL | RIPPLE_HUMAN);
	assert_int_equal(p->ripples[0].valence, -1);
	assert_int_equal(p->ripples[0].intended, 0);
	assert_int_equal(p->ripples[1].intended, 1);   /* yes/no words as everywhere */
	ripple_place_free(p);
	rm_tree(dir);
}

/* ---- responses.csv ------------------------------------------------------------ */

/* base_waves lists "after" first: statuses land at the waves' places in order. */
static void test_place__reads_who_answered_each_wave(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	files f = base();
	ripple_place *p;
	char *dir;

	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_OK);
	assert_null(p->responses);                   /* no responses.csv: everyone answered */
	ripple_place_free(p);
	rm_tree(dir);

	f.responses = "Actor, Wave ,STATUS,note\n"
	              "sport,before,Missing,did not reply\n"   /* sport: no tie it reports */
	              "gp,after,missing,\n"                    /* a target may be missing */
	              "council,after,answered,said so\n"
	              "sport,after,ABSENT,team merged\n";      /* no tie with sport at after? */
	f.ties = "source,target,wave\ncouncil,vcs,before\ncouncil,gp,before\ncomm,sport,before\n"
	         "council,vcs,after\nvcs,gp,after\n";
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_OK);
	assert_int_equal(d.count, 0);
	assert_non_null(p->responses);
	/* [w * nactors + a]; actors council, comm, sport, vcs, gp; waves before, after */
	assert_int_equal(p->responses[0 * 5 + 2], RIPPLE_RESPONSE_MISSING);
	assert_int_equal(p->responses[1 * 5 + 4], RIPPLE_RESPONSE_MISSING);
	assert_int_equal(p->responses[1 * 5 + 2], RIPPLE_RESPONSE_ABSENT);
	assert_int_equal(p->responses[1 * 5 + 0], RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(p->responses[0 * 5 + 0], RIPPLE_RESPONSE_ANSWERED);   /* not listed */
	assert_string_equal(ripple_response_name(RIPPLE_RESPONSE_ABSENT), "absent");
	ripple_place_free(p);
	rm_tree(dir);

	/* a header alone: the file is there, and everyone answered */
	f = base();
	f.responses = "actor,wave,status\n";
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_OK);
	assert_non_null(p->responses);
	for (size_t i = 0; i < p->nactors * p->nwaves; i++)
		assert_int_equal(p->responses[i], RIPPLE_RESPONSE_ANSWERED);
	ripple_place_free(p);
	rm_tree(dir);
}

static void test_place__rejects_bad_rows_of_responses_csv(void **state)
{
	(void)state;
	files f = base();

	f.responses = "actor,status\nsport,missing\n";
	expect_problem(f, "responses.csv", 1, "missing required column \"wave\"");
	f.responses = "actor,wave,status\n"          /* 1 */
	              "nobody,before,missing\n"        /* 2 */
	              "sport,during,missing\n"         /* 3 */
	              "sport,before,gone\n"            /* 4 */
	              "sport,before,missing\n"         /* 5 */
	              "sport,before,absent\n"          /* 6 */
	              ",before,missing\n"              /* 7 */
	              "Sport,before,missing\n";        /* 8: ids are matched as written */
	expect_problem(f, "responses.csv", 2, "unknown actor \"nobody\" (not in actors.csv)");
	expect_problem(f, "responses.csv", 3, "wave \"during\" is not in waves.csv");
	expect_problem(f, "responses.csv", 4,
	               "unknown status \"gone\" (expected answered, missing or absent)");
	expect_problem(f, "responses.csv", 6,
	               "actor \"sport\" is listed twice for wave \"before\" (first at line 5)");
	expect_problem(f, "responses.csv", 7, "missing value for \"actor\"");
	expect_problem(f, "responses.csv", 8, "unknown actor \"Sport\"");
	/* without waves.csv the waves are those of ties.csv */
	f.waves = NULL;
	f.responses = "actor,wave,status\nsport,during,missing\n";
	expect_problem(f, "responses.csv", 2, "wave \"during\" is not a wave of the place");
}

/* The source of a tie reported it: it must have answered, and neither end be absent. */
static void test_place__refuses_ties_that_responses_say_nobody_reported(void **state)
{
	(void)state;
	files f = base();

	f.responses = "actor,wave,status\n"   /* 1 */
	              "council,before,missing\n"   /* 2 */
	              "gp,after,absent\n"          /* 3 */
	              "comm,after,absent\n";       /* 4 */
	expect_problem(f, "ties.csv", 2, "tie council -- vcs at \"before\" is reported by council, "
	               "who did not answer that wave (responses.csv:2 says missing); if vcs reported "
	               "it, write it as vcs,council");
	expect_problem(f, "ties.csv", 3, "tie council -- gp at \"before\" is reported by council");
	expect_problem(f, "ties.csv", 7, "tie vcs -- gp at \"after\" names gp, who was not part of "
	               "the place then (responses.csv:3 says absent)");
	expect_problem(f, "ties.csv", 6, "tie comm -- sport at \"after\" is reported by comm, who "
	               "was not part of the place then (responses.csv:4 says absent)");
	/* comm was absent: sport,comm would name an absent actor, so no hint */
	{
		ripple_diags dd = RIPPLE_DIAGS_INIT;
		ripple_place *pp = NULL;
		char *dd_dir;
		assert_int_equal(load(f, &pp, &dd, NULL, &dd_dir), RIPPLE_EINPUT);
		for (size_t i = 0; i < dd.count; i++)
			if (dd.items[i].line == 6)
				assert_null(strstr(dd.items[i].message, "write it as"));
		ripple_diags_release(&dd);
		rm_tree(dd_dir);
	}
	/* directed: the same rule, written with an arrow; a -> b is a's report only, so
	 * there is no hint to write it the other way round */
	f.place = "name,directed\nX,yes\n";
	expect_problem(f, "ties.csv", 2, "tie council -> vcs at \"before\" is reported by council");
	{
		ripple_diags dd = RIPPLE_DIAGS_INIT;
		ripple_place *pp = NULL;
		char *dd_dir;
		assert_int_equal(load(f, &pp, &dd, NULL, &dd_dir), RIPPLE_EINPUT);
		for (size_t i = 0; i < dd.count; i++)
			assert_null(strstr(dd.items[i].message, "write it as"));
		ripple_diags_release(&dd);
		rm_tree(dd_dir);
	}
	/* undirected, both ends missing: the other end cannot have reported it either */
	f = base();
	f.responses = "actor,wave,status\ncouncil,before,missing\nvcs,before,missing\n";
	{
		ripple_diags dd = RIPPLE_DIAGS_INIT;
		ripple_place *pp = NULL;
		char *dd_dir;
		assert_int_equal(load(f, &pp, &dd, NULL, &dd_dir), RIPPLE_EINPUT);
		assert_diag(&dd, "ties.csv", 2, "tie council -- vcs at \"before\" is reported by council, "
		            "who did not answer that wave (responses.csv:2 says missing)");
		for (size_t i = 0; i < dd.count; i++)
			if (dd.items[i].line == 2)
				assert_null(strstr(dd.items[i].message, "write it as"));
		ripple_diags_release(&dd);
		rm_tree(dd_dir);
	}
	/* a missing target is fine: the tie is what the source reported */
	f = base();
	f.responses = "actor,wave,status\nvcs,before,missing\n";
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	char *dir;
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_OK);
	ripple_place_free(p);
	rm_tree(dir);
}

/* ---- attended with a time ------------------------------------------------------- */

static void test_place__reads_when_an_actor_attended(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	files f = base();
	ripple_place *p;
	char *dir;

	/* waves listed out of order: before 2024-09-01, mid 2024-12-01, after 2025-03-01 */
	f.waves = "wave,ordinal,date\nafter,3,2025-03-01\nbefore,1,2024-09-01\nmid,2,2024-12-01\n";
	f.actors = "id,attended\n"
	           "a,yes\n"            /* 0: no time */
	           "b,before\n"         /* 1: after the before survey: by wave 1 */
	           "c,after\n"          /* 2: after the last wave */
	           "d,2024-10-15\n"     /* 3: between before and mid */
	           "e,2024-12-01\n"     /* 4: on mid's date: after mid's survey */
	           "f,2024-01-31\n"     /* 5: before the first wave */
	           "g,2025-07\n"        /* 6: a month, after every wave */
	           "h,no\n"             /* 7 */
	           "i,\n";              /* 8 */
	f.ties = "source,target,wave\na,b,before\nc,d,mid\n";
	f.ripples = NULL;
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_OK);
	static const size_t by[] = { RIPPLE_NONE, 1, 3, 1, 2, 0, 3, RIPPLE_NONE, RIPPLE_NONE };
	static const int attended[] = { 1, 1, 1, 1, 1, 1, 1, 0, -1 };
	for (size_t i = 0; i < 9; i++) {
		assert_int_equal(p->actors[i].attended, attended[i]);
		assert_true(p->actors[i].attended_by == by[i]);
	}
	assert_string_equal(p->actors[0].attended_when, "");
	assert_string_equal(p->actors[1].attended_when, "before");
	assert_string_equal(p->actors[3].attended_when, "2024-10-15");
	assert_string_equal(p->actors[7].attended_when, "");
	ripple_place_free(p);
	rm_tree(dir);
}

static void test_place__rejects_attendance_times_it_cannot_place(void **state)
{
	(void)state;
	files f = base();

	f.actors = "id,attended\na,yes\nb,2024-13-01\n";
	f.ties = "source,target,wave\na,b,before\n";
	f.ripples = NULL;
	expect_problem(f, "actors.csv", 3, "attended \"2024-13-01\" is not yes or no, a wave of the "
	               "place or a date written yyyy-mm-dd");
	f.actors = "id,attended\na,yes\nb,During\n";   /* wave names are matched as written */
	expect_problem(f, "actors.csv", 3, "attended \"During\" is not yes or no");
	f.actors = "id,attended\na,yes\nb,2024-10-01\n";
	f.waves = "wave,ordinal,date\nbefore,1,2024-09-01\nafter,2,\n";
	expect_problem(f, "actors.csv", 3, "attended \"2024-10-01\" is a date, but wave \"after\" "
	               "has none");
	f.waves = NULL;                                 /* waves from ties.csv: no dates */
	expect_problem(f, "actors.csv", 3, "is a date, but wave \"before\" has none");
	f.waves = "wave,ordinal,date\nbefore,1,2024-09\nafter,2,2025-03-01\n";
	f.actors = "id,attended\na,yes\nb,2024-09-20\n";
	expect_problem(f, "actors.csv", 3, "attended \"2024-09-20\" cannot be put before or after "
	               "wave \"before\" (dated 2024-09)");
}

static void test_place__rejects_bad_ripple_tree(void **state)
{
	(void)state;
	files f = base();
	f.ripples = "id,parent,label\nr1,,a\nr2,r9,b\n";
	expect_problem(f, "ripples.csv", 3, "unknown parent ripple \"r9\"");
	f.ripples = "id,parent,label\nr1,,a\nr2,r3,b\nr3,r2,c\n";
	expect_problem(f, "ripples.csv", 3, "ripple cycle: r2 -> r3 -> r2");
	f.ripples = "id,parent,label\nr1,,a\nr1,,b\n";
	expect_problem(f, "ripples.csv", 3, "duplicate ripple id \"r1\"");
	f.ripples = "id,parent,label,date\nr1,,a,10/03/2025\n";
	expect_problem(f, "ripples.csv", 2, "date \"10/03/2025\" is not a date");
}

static void test_place__rejects_wave_missing_from_waves_csv(void **state)
{
	(void)state;
	files f = base();
	f.ties = "source,target,wave\ncouncil,vcs,before\ncouncil,gp,6-month\n";
	expect_problem(f, "ties.csv", 3, "wave \"6-month\" is not in waves.csv");
}

static void test_place__rejects_bad_waves_csv(void **state)
{
	(void)state;
	files f = base();
	f.waves = "wave,ordinal,date\nbefore,1,2024-09-01\nbefore,2,\n";
	expect_problem(f, "waves.csv", 3, "wave \"before\" is listed twice");
	f.waves = "wave,ordinal,date\nbefore,1,\nafter,first,\n";
	expect_problem(f, "waves.csv", 3, "ordinal \"first\" is not a whole number");
	f.waves = "wave,ordinal,date\nbefore,1,\nafter,1,\n";
	expect_problem(f, "waves.csv", 3, "ordinal 1 is also the ordinal of wave \"before\"");
	f.waves = "wave,ordinal,date\nbefore,1,2024-02-30\nafter,2,\n";
	expect_problem(f, "waves.csv", 2, "date \"2024-02-30\" is not a date");
	f.place = "name\nA\nB\n";
	f.waves = base_waves;
	expect_problem(f, "place.csv", 3, "one row");
}

/* Loads files that must be refused; asserts the problems are exactly n. */
static void expect_problems(files f, size_t n)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;
	char *dir;
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_EINPUT);
	for (size_t i = 0; n != ripple_diags_total(&d) && i < d.count; i++)
		fprintf(stderr, "  have: %s:%ld: %s\n", d.items[i].file, d.items[i].line,
		        d.items[i].message);
	assert_int_equal(ripple_diags_total(&d), n);
	ripple_diags_release(&d);
	rm_tree(dir);
}

static void test_place__says_an_empty_list_once(void **state)
{
	(void)state;
	files f = base();
	/* waves.csv with no waves: one problem, not one per tie */
	f.waves = "wave,ordinal,date\n";
	expect_problem(f, "waves.csv", 1, "no waves listed");
	expect_problems(f, 1);
	/* actors.csv with no actors: one problem, not "unknown actor" in ties and ripples */
	f = base();
	f.actors = "id,label\n";
	expect_problem(f, "actors.csv", 1, "no actors");
	expect_problems(f, 1);
}

static void test_place__rejects_unknown_place_csv_column(void **state)
{
	(void)state;
	files f = base();
	f.place = "name,programme,directd\nTestshire,LP,yes\n";
	expect_problem(f, "place.csv", 1, "unknown column \"directd\" (place.csv has name, "
	               "programme and directed)");
	expect_problems(f, 1);
}

static void test_place__rejects_control_characters_in_name_option(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_load_options o = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_place *p = NULL;
	char *dir;
	o.name = "Tiny\aTown";
	assert_int_equal(load(base(), &p, &d, &o, &dir), RIPPLE_EINPUT);
	assert_null(p);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].code, RIPPLE_EUSAGE);
	assert_non_null(strstr(d.items[0].message, "--name contains a control character"));
	ripple_diags_release(&d);
	rm_tree(dir);
}

static void test_place__reports_links_that_lead_nowhere(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;
	char *dir = temp_dir(), path[4200];
	write_file(dir, "actors.csv", base_actors);
	write_file(dir, "ties.csv", base_ties);
	/* an optional file that is a broken link is not taken for an absent one */
	snprintf(path, sizeof(path), "%s/waves.csv", dir);
	assert_int_equal(symlink("gone.csv", path), 0);
	/* nor is a link to itself taken for a missing ripples.csv */
	snprintf(path, sizeof(path), "%s/ripples.csv", dir);
	assert_int_equal(symlink("ripples.csv", path), 0);
	assert_int_equal(ripple_place_load(&p, dir, NULL, &d), RIPPLE_EINPUT);
	assert_null(p);
	assert_diag(&d, "waves.csv", 0, "a link to a file that does not exist");
	assert_diag(&d, "ripples.csv", 0, "cannot read");
	ripple_diags_release(&d);
	rm_tree(dir);
}

static void test_place__reports_every_problem_not_just_the_first(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	files f = base();
	char *dir;
	f.actors = "id,kind\na,team\nb,blob\na,team\n";
	f.ties = "source,target,wave,weight\na,b,before,0\na,zz,before,1\nb,b,after,1\n";
	f.ripples = "id,label,capital\nr1,x,gold\n";
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_EINPUT);
	assert_int_equal(d.count, 6);
	assert_diag(&d, "actors.csv", 3, "unknown kind");
	assert_diag(&d, "actors.csv", 4, "duplicate actor id");
	assert_diag(&d, "ties.csv", 2, "weight");
	assert_diag(&d, "ties.csv", 3, "unknown actor \"zz\"");
	assert_diag(&d, "ties.csv", 4, "to itself");
	assert_diag(&d, "ripples.csv", 2, "unknown capital");
	ripple_diags_release(&d);
	rm_tree(dir);
}

static void test_place__caps_the_number_of_problems_kept(void **state)
{
	(void)state;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p;
	files f = base();
	char *dir, *ties = malloc(64 * 1000 + 64), *w = ties;
	w += sprintf(w, "source,target,wave\n");
	for (int i = 0; i < 1000; i++)
		w += sprintf(w, "ghost%d,vcs,before\n", i);
	f.ties = ties;
	d.limit = 50;
	assert_int_equal(load(f, &p, &d, NULL, &dir), RIPPLE_EINPUT);
	assert_int_equal(d.count, 50);
	assert_int_equal(ripple_diags_total(&d), 1000);
	ripple_diags_release(&d);
	free(ties);
	rm_tree(dir);
}

static void test_place__lists_place_folders(void **state)
{
	(void)state;
	char *dir = temp_dir(), sub[1100], **folders;
	size_t n;
	ripple_error err;
	snprintf(sub, sizeof(sub), "%s/b-place", dir);
	mkdir(sub, 0755);
	write_file(sub, "actors.csv", "id\n");
	snprintf(sub, sizeof(sub), "%s/a-place", dir);
	mkdir(sub, 0755);
	write_file(sub, "actors.csv", "id\n");
	snprintf(sub, sizeof(sub), "%s/not-a-place", dir);
	mkdir(sub, 0755);
	assert_int_equal(ripple_place_folders(&folders, &n, dir, &err), RIPPLE_OK);
	assert_int_equal(n, 2);
	assert_non_null(strstr(folders[0], "a-place"));
	assert_non_null(strstr(folders[1], "b-place"));
	assert_null(folders[2]);
	ripple_strv_free(folders);
	snprintf(sub, sizeof(sub), "%s/not-a-place", dir);
	assert_int_equal(ripple_place_folders(&folders, &n, sub, &err), RIPPLE_EINPUT);
	assert_non_null(strstr(err.message, "no place here"));
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_place__reads_a_valid_folder),
		cmocka_unit_test(test_place__defaults_name_waves_and_direction),
		cmocka_unit_test(test_place__rejects_missing_required_columns),
		cmocka_unit_test(test_place__rejects_missing_required_values),
		cmocka_unit_test(test_place__rejects_missing_files),
		cmocka_unit_test(test_place__rejects_duplicate_actor_id),
		cmocka_unit_test(test_place__rejects_unknown_actor_in_tie_and_ripple),
		cmocka_unit_test(test_place__rejects_unknown_parent),
		cmocka_unit_test(test_place__rejects_cycle_of_parents),
		cmocka_unit_test(test_place__rejects_self_tie),
		cmocka_unit_test(test_place__rejects_weight_that_is_not_positive_and_finite),
		cmocka_unit_test(test_place__rejects_trust_and_value_that_are_not_numbers),
		cmocka_unit_test(test_place__rejects_control_characters_in_ids_and_empty_actor_lists),
		cmocka_unit_test(test_place__rejects_tabs_and_line_breaks_in_the_place_name),
		cmocka_unit_test(test_place__rejects_the_same_tie_twice),
		cmocka_unit_test(test_place__directed_reversed_tie_and_other_types_are_distinct),
		cmocka_unit_test(test_place__rejects_unknown_enumerated_values),
		cmocka_unit_test(test_place__accepts_enumerations_in_any_case),
		cmocka_unit_test(test_place__reads_who_answered_each_wave),
		cmocka_unit_test(test_place__rejects_bad_rows_of_responses_csv),
		cmocka_unit_test(test_place__refuses_ties_that_responses_say_nobody_reported),
		cmocka_unit_test(test_place__reads_when_an_actor_attended),
		cmocka_unit_test(test_place__rejects_attendance_times_it_cannot_place),
		cmocka_unit_test(test_place__rejects_bad_ripple_tree),
		cmocka_unit_test(test_place__rejects_wave_missing_from_waves_csv),
		cmocka_unit_test(test_place__rejects_bad_waves_csv),
		cmocka_unit_test(test_place__says_an_empty_list_once),
		cmocka_unit_test(test_place__rejects_unknown_place_csv_column),
		cmocka_unit_test(test_place__rejects_control_characters_in_name_option),
		cmocka_unit_test(test_place__reports_links_that_lead_nowhere),
		cmocka_unit_test(test_place__reports_every_problem_not_just_the_first),
		cmocka_unit_test(test_place__caps_the_number_of_problems_kept),
		cmocka_unit_test(test_place__lists_place_folders),
		cmocka_unit_test(test_place__warns_about_ids_that_differ_only_in_case),
		cmocka_unit_test(test_place__warns_about_a_place_without_ties_or_waves),
	};
	return cmocka_run_group_tests_name("place", tests, NULL, NULL);
}
