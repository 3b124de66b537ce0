/*
 * test_held.c - a folder opened for models (RIPPLE_SOURCE_MODELS: its places
 * held in memory, each model built from its parsed CSVs) against the same
 * folder imported into an in-memory database and read back (the SQLite round
 * trip every command used before). The truth is the database's: every field
 * of every model, store ids and attribute numbers (SQLite's own CAST) included,
 * must be the same, bit for bit, for every reference place, the datasets, a
 * folder of place folders, and a place written to stress what the import does
 * on the way in (defaults, empty cells, numbers SQLite reads its own way,
 * responses, attendance with a time, ripples naming actors out of order).
 */
#include <math.h>
#include <string.h>

#include "helpers.h"

static void same_str(const char *a, const char *b)
{
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b);
}

/* Bit for bit: NaN is NaN, 0.0 is not -0.0. */
static void same_double(double a, double b)
{
	assert_memory_equal(&a, &b, sizeof(a));
}

static void same_attrs(ripple_attrs a, ripple_attrs b)
{
	assert_int_equal(a.count, b.count);
	for (size_t i = 0; i < a.count; i++) {
		same_str(a.items[i].name, b.items[i].name);
		same_str(a.items[i].value, b.items[i].value);
		same_double(a.items[i].number, b.items[i].number);
	}
}

static void same_names(const char **a, size_t na, const char **b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		same_str(a[i], b[i]);
}

/* Every field of two models of one place. */
static void same_model(const ripple_model *a, const ripple_model *b)
{
	assert_int_equal(a->place_id, b->place_id);
	same_str(a->name, b->name);
	same_str(a->programme, b->programme);
	same_str(a->source, b->source);
	assert_int_equal(a->directed, b->directed);

	assert_int_equal(a->nwaves, b->nwaves);
	for (size_t w = 0; w < a->nwaves; w++) {
		same_str(a->waves[w].name, b->waves[w].name);
		same_str(a->waves[w].date, b->waves[w].date);
		assert_int_equal(a->waves[w].ordinal, b->waves[w].ordinal);
		assert_int_equal(a->wave_keys[w], b->wave_keys[w]);
		assert_int_equal(a->wave_ties[w].count, b->wave_ties[w].count);
		for (size_t i = 0; i < a->wave_ties[w].count; i++)
			assert_int_equal(a->wave_ties[w].items[i], b->wave_ties[w].items[i]);
	}

	assert_int_equal(a->nactors, b->nactors);
	assert_int_equal(a->responses != NULL, b->responses != NULL);
	if (a->responses)
		assert_memory_equal(a->responses, b->responses, a->nactors * a->nwaves);
	for (size_t i = 0; i < a->nactors; i++) {
		const ripple_actor *x = &a->actors[i], *y = &b->actors[i];
		same_str(x->id, y->id);
		same_str(x->label, y->label);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->parent, y->parent);
		same_str(x->sector, y->sector);
		same_str(x->town, y->town);
		assert_int_equal(x->attended, y->attended);
		same_str(x->attended_when, y->attended_when);
		assert_int_equal(x->attended_by, y->attended_by);
		assert_int_equal(x->row, y->row);
		assert_int_equal(a->actor_keys[i], b->actor_keys[i]);
		same_attrs(a->actor_attrs[i], b->actor_attrs[i]);
	}

	assert_int_equal(a->nties, b->nties);
	for (size_t i = 0; i < a->nties; i++) {
		const ripple_tie *x = &a->ties[i], *y = &b->ties[i];
		assert_int_equal(x->source, y->source);
		assert_int_equal(x->target, y->target);
		assert_int_equal(x->wave, y->wave);
		same_str(x->type, y->type);
		same_double(x->weight, y->weight);
		assert_int_equal(x->row, y->row);
		assert_int_equal(a->tie_keys[i], b->tie_keys[i]);
		same_attrs(a->tie_attrs[i], b->tie_attrs[i]);
	}

	assert_int_equal(a->nripples, b->nripples);
	for (size_t i = 0; i < a->nripples; i++) {
		const ripple_ripple *x = &a->ripples[i], *y = &b->ripples[i];
		same_str(x->id, y->id);
		assert_int_equal(x->parent, y->parent);
		same_str(x->label, y->label);
		assert_int_equal(x->capitals, y->capitals);
		assert_int_equal(x->valence, y->valence);
		assert_int_equal(x->intended, y->intended);
		same_str(x->date, y->date);
		same_str(x->notes, y->notes);
		assert_int_equal(x->nactors, y->nactors);
		for (size_t k = 0; k < x->nactors; k++)
			assert_int_equal(x->actors[k], y->actors[k]);
		assert_int_equal(a->ripple_keys[i], b->ripple_keys[i]);
		assert_int_equal(a->ripple_order[i], b->ripple_order[i]);
	}

	same_names(a->actor_attr_names, a->nactor_attr_names, b->actor_attr_names,
	           b->nactor_attr_names);
	same_names(a->tie_attr_names, a->ntie_attr_names, b->tie_attr_names, b->ntie_attr_names);
	assert_null(a->layout_method);
	assert_null(b->layout_method);
}

/* Opens source both ways and compares the place lists, waves and every model. */
static void same_both_ways(const char *source, int flags)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_store *db = NULL, *held = NULL;
	ripple_error err = {0};
	int64_t *ids_db = NULL, *ids_held = NULL;
	char **names_db = NULL, **names_held = NULL;
	size_t n_db = 0, n_held = 0;

	if (ripple_source_open(&db, source, flags, &d) != RIPPLE_OK) {
		char buf[2048];
		for (size_t i = 0; i < d.count; i++) {
			ripple_error_format(&d.items[i], buf, sizeof(buf));
			fprintf(stderr, "%s\n", buf);
		}
		fail();
	}
	assert_int_equal(ripple_source_open(&held, source, flags | RIPPLE_SOURCE_MODELS, &d),
	                 RIPPLE_OK);
	assert_int_equal(ripple_store_list(&ids_db, &names_db, &n_db, db, &err), RIPPLE_OK);
	assert_int_equal(ripple_store_list(&ids_held, &names_held, &n_held, held, &err), RIPPLE_OK);
	assert_int_equal(n_db, n_held);
	assert_true(n_db > 0);
	for (size_t i = 0; i < n_db; i++) {
		ripple_model *a = NULL, *b = NULL;
		char **wa = NULL, **wb = NULL;
		size_t nwa = 0, nwb = 0;
		int64_t found = 0;
		uint64_t stamp = 0;

		assert_int_equal(ids_db[i], ids_held[i]);
		same_str(names_db[i], names_held[i]);
		assert_int_equal(ripple_store_find_place(&found, held, names_db[i], &err), RIPPLE_OK);
		assert_int_equal(found, ids_db[i]);
		assert_int_equal(ripple_store_waves(&wa, &nwa, db, ids_db[i], &err), RIPPLE_OK);
		assert_int_equal(ripple_store_waves(&wb, &nwb, held, ids_db[i], &err), RIPPLE_OK);
		assert_int_equal(nwa, nwb);
		for (size_t w = 0; w < nwa; w++)
			same_str(wa[w], wb[w]);
		assert_int_equal(ripple_store_place_stamp(&stamp, held, ids_db[i], &err), RIPPLE_OK);
		assert_int_equal(stamp, 1);
		assert_int_equal(ripple_store_read(&a, db, ids_db[i], &err), RIPPLE_OK);
		assert_int_equal(ripple_store_read(&b, held, ids_held[i], &err), RIPPLE_OK);
		same_model(a, b);
		ripple_model_free(a);
		ripple_model_free(b);
		ripple_strv_free(wa);
		ripple_strv_free(wb);
	}
	free(ids_db);
	free(ids_held);
	ripple_strv_free(names_db);
	ripple_strv_free(names_held);
	ripple_store_close(db);
	ripple_store_close(held);
	ripple_diags_release(&d);
}

static void test_held__reference_places_read_as_the_database_reads_them(void **state)
{
	static const char *const places[] = {
		"../reference/places/coleman", "../reference/places/coleman-masked-absent",
		"../reference/places/coleman-masked-m15", "../reference/places/coleman-masked-m30",
		"../reference/places/directed", "../reference/places/disconnected",
		"../reference/places/florentine", "../reference/places/karate",
		"../reference/places/sampson", "../reference/places/sampson-masked",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(places) / sizeof(*places); i++) {
		same_both_ways(places[i], 0);
		same_both_ways(places[i], RIPPLE_SOURCE_DIRECTED);
	}
}

static void test_held__datasets_and_a_folder_of_places_as_the_database(void **state)
{
	(void)state;
	same_both_ways("../../datasets/northamptonshire", 0);
	same_both_ways("../../datasets/stockton-on-tees", 0);
	same_both_ways("../../datasets/leading-places", 0);   /* ids run on across places */
	same_both_ways("../reference/places", 0);
}

static void test_held__what_the_import_does_on_the_way_in(void **state)
{
	char *dir = temp_dir(), root[512], a[600], b[600];
	(void)state;
	snprintf(root, sizeof(root), "%s/two", dir);
	snprintf(a, sizeof(a), "%s/zeta", root);
	snprintf(b, sizeof(b), "%s/alpha", root);
	mkdir(root, 0755);
	mkdir(a, 0755);
	mkdir(b, 0755);
	/* numbers as SQLite's CAST reads them, not strtod: a long digit string, a
	 * prefix, no mantissa, a huge exponent; empty cells are no attribute */
	write_file(a, "actors.csv",
	           "id,label,kind,parent,sector,town,attended,zz,score,aa\n"
	           "x,,person,org,,,after,q,0.1000000000000000055511151231257827021181583404541015625,\n"
	           "org,Org,organisation,,Health,Corby,no,,1-2,\n"
	           "y,Why,team,org,Health,,2025-03,,e5, 7 \n"
	           "z,,,,,,yes,r,1e999,0x10\n"
	           "w,,,,,,,,  ,12345678901234567890123\n");
	write_file(a, "waves.csv", "wave,ordinal,date\nafter,5,2025-06\nbefore,2,2025-01\n");
	write_file(a, "ties.csv",
	           "source,target,wave,type,weight,trust,note\n"
	           "z,x,after,b,2.5,3,\n"
	           "x,z,after,a,1,,hello\n"
	           "y,x,before,,1e-3,4.0,\n"
	           "x,y,before,c,7,,\n"
	           "x,z,after,,1,2,\n");
	write_file(a, "responses.csv", "actor,wave,status\nw,before,absent\ny,after,missing\n");
	write_file(a, "ripples.csv",
	           "id,parent,label,capital,valence,intended,date,actors,notes\n"
	           "r2,r1,Second,social;built,negative,no,,z;x;y,\n"
	           "r1,,First,,positive,,2025-02,y;x,  a note \n"
	           "r3,r2,Third,financial,,yes,2025,,\n");
	write_file(a, "place.csv", "name,programme\nZeta place,Leading Places\n");
	write_file(b, "actors.csv", "id\nB\nA\n");
	write_file(b, "ties.csv", "source,target,wave\nA,B,w1\nB,A,w2\n");
	same_both_ways(root, 0);
	same_both_ways(root, RIPPLE_SOURCE_DIRECTED);
	same_both_ways(a, 0);
	free(dir);
}

static void test_held__answers_only_what_it_holds(void **state)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_store *held = NULL;
	ripple_model *m = NULL;
	ripple_error err = {0};
	char **waves = NULL;
	size_t n = 0;
	int64_t id = 0;
	uint64_t stamp = 7;
	(void)state;

	assert_int_equal(ripple_source_open(&held, "../reference/places/coleman",
	                                    RIPPLE_SOURCE_MODELS, &d), RIPPLE_OK);
	assert_int_equal(ripple_store_read(&m, held, 2, &err), RIPPLE_ENOTFOUND);
	assert_null(m);
	assert_int_equal(ripple_store_place_stamp(&stamp, held, 2, &err), RIPPLE_OK);
	assert_int_equal(stamp, 0);
	assert_int_equal(ripple_store_waves(&waves, &n, held, 2, &err), RIPPLE_OK);
	assert_int_equal(n, 0);
	ripple_strv_free(waves);
	/* the message of a database, naming the folder */
	assert_int_equal(ripple_store_find_place(&id, held, "colemam", &err), RIPPLE_ENOTFOUND);
	assert_non_null(strstr(err.message, "did you mean"));
	assert_string_equal(err.file, "../reference/places/coleman");
	assert_true(ripple_store_readonly(held));
	/* a call a held store does not answer is an error, not a crash */
	{
		ripple_place_info *infos = NULL;
		size_t ninfos = 0;
		ripple_layout layout;
		memset(&layout, 0, sizeof(layout));
		assert_int_equal(ripple_store_places(&infos, &ninfos, held, &err), RIPPLE_ERUNTIME);
		assert_int_equal(ripple_store_save_layout(held, 1, &layout, &err), RIPPLE_ERUNTIME);
		assert_string_equal(err.message, "places held in memory have no database to ask");
	}
	ripple_store_close(held);
	ripple_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_held__reference_places_read_as_the_database_reads_them),
		cmocka_unit_test(test_held__datasets_and_a_folder_of_places_as_the_database),
		cmocka_unit_test(test_held__what_the_import_does_on_the_way_in),
		cmocka_unit_test(test_held__answers_only_what_it_holds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
