/*
 * test_batch.c - one comparison per place: the summary across places against
 * values worked out by hand, the rows the same (bit for bit) in one process and
 * over worker processes, in the order of the places given, places without a
 * wave skipped, errors of a worker brought back whole, and the stored run.
 *
 * The places are datasets/northamptonshire (waves before, after) and
 * datasets/stockton-on-tees (before, after, 3-month, 6-month), loaded into one
 * in-memory store.
 */
#include <sqlite3.h>
#include <stdarg.h>

#include "helpers.h"

#define DATA "../../datasets/"
#define PERMUTATIONS 100   /* enough to exercise the tests; cheap under valgrind */

/* ---- a store of the two example places ----------------------------------- */

typedef struct two_places {
	ripple_store *store;
	int64_t ids[2];          /* by name: Northamptonshire, Stockton-on-Tees */
	char *names[3];          /* NULL-terminated */
} two_places;

static void two_places_open(two_places *t)
{
	char *paths[] = { DATA "northamptonshire", DATA "stockton-on-tees" };
	ripple_load_options lo = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place **places = NULL;
	ripple_place_info *infos = NULL;
	ripple_error err;
	size_t n = 0, count = 0;

	memset(t, 0, sizeof(*t));
	if (ripple_places_load(&places, &n, paths, 2, &lo, &d) < 0)
		fail_msg("cannot load the datasets: %s", d.count ? d.items[0].message : "?");
	assert_int_equal(n, 2);
	assert_int_equal(ripple_store_open(&t->store, ":memory:", RIPPLE_STORE_CREATE, &err), 0);
	if (ripple_store_import(t->store, places, n, 0, &d) < 0)
		fail_msg("cannot import the datasets: %s", d.count ? d.items[0].message : "?");
	ripple_places_free(places, n);
	ripple_diags_release(&d);
	assert_int_equal(ripple_store_places(&infos, &count, t->store, &err), 0);
	assert_int_equal(count, 2);
	for (size_t i = 0; i < 2; i++) {
		t->ids[i] = infos[i].id;
		t->names[i] = strdup(infos[i].name);
	}
	ripple_place_info_free(infos, count);
	assert_string_equal(t->names[0], "Northamptonshire");
	assert_string_equal(t->names[1], "Stockton-on-Tees");
}

static void two_places_close(two_places *t)
{
	ripple_store_close(t->store);
	free(t->names[0]);
	free(t->names[1]);
}

static ripple_batch_options options(int jobs, const char *from, const char *to)
{
	ripple_batch_options o = RIPPLE_BATCH_OPTIONS_INIT;
	o.jobs = jobs;
	o.from = from;
	o.to = to;
	o.compare.permutations = PERMUTATIONS;
	return o;
}

/* The same rows: names, waves, ids and every number bit for bit (NAN included). */
static void assert_same_rows(const ripple_batch *a, const ripple_batch *b)
{
	assert_int_equal(a->nrows, b->nrows);
	for (size_t i = 0; i < a->nrows; i++) {
		const ripple_batch_row *x = &a->rows[i], *y = &b->rows[i];
		assert_string_equal(x->place, y->place);
		assert_string_equal(x->from, y->from);
		assert_string_equal(x->to, y->to);
		assert_int_equal(x->place_id, y->place_id);
		assert_int_equal(x->directed, y->directed);
		if (memcmp(x->net, y->net, sizeof(x->net)) != 0)
			fail_msg("%s: network measures differ", x->place);
		if (memcmp(x->change, y->change, sizeof(x->change)) != 0)
			fail_msg("%s: change measures differ", x->place);
		/* the mixing matrices */
		assert_int_equal(x->mixing[0].nsectors, y->mixing[0].nsectors);
		for (size_t k = 0; k < x->mixing[0].nsectors; k++)
			assert_string_equal(x->sectors[k], y->sectors[k]);
		for (int w = 0; w < 2; w++) {
			size_t ns = x->mixing[w].nsectors;
			assert_int_equal(ns, y->mixing[w].nsectors);
			assert_int_equal(x->mixing[w].total, y->mixing[w].total);
			assert_int_equal(x->mixing[w].directed, y->mixing[w].directed);
			assert_ptr_equal(x->mixing[w].sectors, (const char **)x->sectors);
			assert_ptr_equal(y->mixing[w].sectors, (const char **)y->sectors);
			if (ns && memcmp(x->mixing[w].ties, y->mixing[w].ties, ns * ns * sizeof(long)) != 0)
				fail_msg("%s: mixing at wave %d differs", x->place, w);
		}
		/* every wave */
		assert_int_equal(x->nwaves, y->nwaves);
		for (size_t k = 0; k < x->nwaves; k++)
			assert_string_equal(x->waves[k], y->waves[k]);
		if (x->nwaves && memcmp(x->series, y->series, x->nwaves * sizeof(*x->series)) != 0)
			fail_msg("%s: series differ", x->place);
		assert_int_equal(x->npersistence, y->npersistence);
		if (x->npersistence && memcmp(x->persistence, y->persistence,
		                              x->npersistence * sizeof(*x->persistence)) != 0)
			fail_msg("%s: persistence differs", x->place);
		if (memcmp(&x->overall, &y->overall, sizeof(x->overall)) != 0)
			fail_msg("%s: overall persistence differs", x->place);
		assert_int_equal(x->nties, y->nties);
		for (size_t k = 0; k < x->nties; k++) {
			const ripple_batch_tie *s = &x->ties[k], *t = &y->ties[k];
			assert_string_equal(s->a, t->a);
			assert_string_equal(s->b, t->b);
			assert_string_equal(s->pattern, t->pattern);
			assert_int_equal(s->key_a, t->key_a);
			assert_int_equal(s->key_b, t->key_b);
			assert_int_equal(s->first, t->first);
			assert_int_equal(s->last, t->last);
			assert_int_equal(s->tied, t->tied);
		}
	}
}

/* ---- the summary ------------------------------------------------------------ */

static const ripple_batch_stat *stat_of(const ripple_batch_stat *s, size_t n, const char *measure)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].measure, measure) == 0)
			return &s[i];
	fail_msg("no summary of %s", measure);
	return NULL;
}

/* k hand-made rows: every number NAN but those a test sets. */
static void blank_rows(ripple_batch_row *rows, size_t k)
{
	memset(rows, 0, k * sizeof(*rows));
	for (size_t i = 0; i < k; i++) {
		for (int m = 0; m < RIPPLE_BATCH_COUNT; m++)
			rows[i].change[m] = NAN;
		for (int m = 0; m < RIPPLE_NET_COUNT; m++)
			rows[i].net[0][m] = rows[i].net[1][m] = NAN;
	}
}

static void test_batch__summary_takes_the_median_of_an_odd_and_an_even_number_of_places(void **state)
{
	(void)state;
	ripple_batch_row rows[4];
	ripple_batch b = { rows, 3, NULL, 0, RIPPLE_POLICY_RECONSTRUCT };
	ripple_batch_stat *s = NULL;
	size_t n = 0;
	const ripple_batch_stat *x;

	blank_rows(rows, 4);
	/* ties_new 7, 1, 4 (then 10): sorted 1 4 7 -> median 4; 1 4 7 10 -> (4 + 7) / 2 */
	rows[0].change[RIPPLE_BATCH_TIES_NEW] = 7;
	rows[1].change[RIPPLE_BATCH_TIES_NEW] = 1;
	rows[2].change[RIPPLE_BATCH_TIES_NEW] = 4;
	rows[3].change[RIPPLE_BATCH_TIES_NEW] = 10;
	/* density 0.1 -> 0.3, 0.2 -> 0.1, 0.5 -> 0.5: changes 0.2, -0.1, 0 */
	rows[0].net[0][RIPPLE_NET_DENSITY] = 0.1, rows[0].net[1][RIPPLE_NET_DENSITY] = 0.3;
	rows[1].net[0][RIPPLE_NET_DENSITY] = 0.2, rows[1].net[1][RIPPLE_NET_DENSITY] = 0.1;
	rows[2].net[0][RIPPLE_NET_DENSITY] = 0.5, rows[2].net[1][RIPPLE_NET_DENSITY] = 0.5;

	assert_int_equal(ripple_batch_summary(&s, &n, &b), 0);
	assert_int_equal(n, RIPPLE_BATCH_COUNT + RIPPLE_NET_COUNT);
	/* the change measures first, in order, then every network measure's change */
	assert_string_equal(s[0].measure, "ties_new");
	assert_string_equal(s[RIPPLE_BATCH_COUNT].measure, "actors_change");
	x = stat_of(s, n, "ties_new");
	assert_int_equal(x->n, 3);
	assert_int_equal(x->integer, 1);
	assert_double_near(x->mean, 4, 1e-12);
	assert_double_near(x->median, 4, 1e-12);
	assert_double_near(x->min, 1, 0);
	assert_double_near(x->max, 7, 0);
	x = stat_of(s, n, "density_change");
	assert_int_equal(x->n, 3);
	assert_int_equal(x->integer, 0);
	assert_double_near(x->mean, 0.1 / 3, 1e-12);
	assert_double_near(x->median, 0, 1e-12);
	assert_double_near(x->min, -0.1, 1e-12);
	assert_double_near(x->max, 0.2, 1e-12);
	free(s);

	b.nrows = 4;
	assert_int_equal(ripple_batch_summary(&s, &n, &b), 0);
	x = stat_of(s, n, "ties_new");
	assert_int_equal(x->n, 4);
	assert_double_near(x->mean, 5.5, 1e-12);
	assert_double_near(x->median, 5.5, 1e-12);
	assert_double_near(x->min, 1, 0);
	assert_double_near(x->max, 10, 0);
	/* the rows are left as they were (the summary sorts a copy) */
	assert_double_near(rows[0].change[RIPPLE_BATCH_TIES_NEW], 7, 0);
	assert_double_near(rows[1].change[RIPPLE_BATCH_TIES_NEW], 1, 0);
	free(s);
}

static void test_batch__summary_leaves_nan_out_of_n_and_mean_and_all_nan_gives_n_0(void **state)
{
	(void)state;
	ripple_batch_row rows[4];
	ripple_batch b = { rows, 4, NULL, 0, RIPPLE_POLICY_RECONSTRUCT };
	ripple_batch_stat *s = NULL;
	size_t n = 0;
	const ripple_batch_stat *x;

	blank_rows(rows, 4);
	rows[0].change[RIPPLE_BATCH_JACCARD] = 0.5;
	rows[2].change[RIPPLE_BATCH_JACCARD] = 0.25;
	rows[3].change[RIPPLE_BATCH_JACCARD] = 1.0;
	/* a network measure undefined at one wave of one place: that change is NAN */
	for (size_t i = 0; i < 4; i++)
		rows[i].net[0][RIPPLE_NET_DIAMETER] = 2, rows[i].net[1][RIPPLE_NET_DIAMETER] = 3 + (double)i;
	rows[1].net[0][RIPPLE_NET_DIAMETER] = NAN;

	assert_int_equal(ripple_batch_summary(&s, &n, &b), 0);
	x = stat_of(s, n, "jaccard");
	assert_int_equal(x->n, 3);
	assert_double_near(x->mean, 1.75 / 3, 1e-12);
	assert_double_near(x->median, 0.5, 1e-12);
	assert_double_near(x->min, 0.25, 0);
	assert_double_near(x->max, 1.0, 0);
	x = stat_of(s, n, "diameter_change");   /* 1, -, 3, 4 */
	assert_int_equal(x->n, 3);
	assert_double_near(x->mean, 8.0 / 3, 1e-12);
	assert_double_near(x->median, 3, 1e-12);
	/* every place NAN: n 0 and NAN, not 0 */
	x = stat_of(s, n, "qap_p");
	assert_int_equal(x->n, 0);
	assert_true(isnan(x->mean) && isnan(x->median) && isnan(x->min) && isnan(x->max));
	x = stat_of(s, n, "reciprocity_change");
	assert_int_equal(x->n, 0);
	assert_true(isnan(x->mean));
	free(s);

	/* no places at all */
	b.nrows = 0;
	assert_int_equal(ripple_batch_summary(&s, &n, &b), 0);
	assert_int_equal(stat_of(s, n, "ties_new")->n, 0);
	assert_true(isnan(stat_of(s, n, "ties_new")->median));
	free(s);
}

/* ---- running ------------------------------------------------------------------ */

static void test_batch__rows_are_the_same_in_one_process_and_over_two_workers(void **state)
{
	(void)state;
	two_places t;
	ripple_batch one, two, three;
	ripple_batch_options o1 = options(1, NULL, NULL), o2 = options(2, NULL, NULL),
	                     o3 = options(3, NULL, NULL);
	ripple_error err;

	o1.waves = o2.waves = o3.waves = 1;   /* every wave goes over the pipe too */
	two_places_open(&t);
	assert_int_equal(ripple_batch_run(&one, t.store, t.ids, t.names, 2, &o1, &err), 0);
	assert_int_equal(ripple_batch_run(&two, t.store, t.ids, t.names, 2, &o2, &err), 0);
	assert_int_equal(ripple_batch_run(&three, t.store, t.ids, t.names, 2, &o3, &err), 0);
	assert_int_equal(one.nrows, 2);
	assert_int_equal(one.nskipped, 0);
	assert_int_equal(two.nskipped, 0);
	/* each place from its first to its last wave */
	assert_string_equal(one.rows[0].place, "Northamptonshire");
	assert_string_equal(one.rows[0].from, "before");
	assert_string_equal(one.rows[0].to, "after");
	assert_string_equal(one.rows[1].place, "Stockton-on-Tees");
	assert_string_equal(one.rows[1].from, "before");
	assert_string_equal(one.rows[1].to, "6-month");
	assert_int_equal(one.rows[0].place_id, t.ids[0]);
	/* counted from ties.csv (distinct pairs per wave): 60 ties before, 85 after */
	assert_double_near(one.rows[0].net[0][RIPPLE_NET_TIES], 60, 0);
	assert_double_near(one.rows[0].net[1][RIPPLE_NET_TIES], 85, 0);
	assert_int_equal(one.rows[1].nwaves, 4);
	assert_true(one.rows[1].nties > 0);
	assert_int_equal(one.rows[1].npersistence, 2);
	assert_true(one.rows[1].mixing[0].nsectors > 1);
	/* the series at from and to is what the comparison measured */
	for (size_t i = 0; i < 2; i++) {
		const ripple_batch_row *r = &one.rows[i];
		if (memcmp(r->series[0], r->net[0], sizeof(r->net[0])) != 0 ||
		    memcmp(r->series[r->nwaves - 1], r->net[1], sizeof(r->net[1])) != 0)
			fail_msg("%s: the series differs from the comparison at from or to", r->place);
	}
	assert_same_rows(&one, &two);
	assert_same_rows(&one, &three);   /* more workers than places */
	ripple_batch_release(&one);
	ripple_batch_release(&two);
	ripple_batch_release(&three);
	two_places_close(&t);
}

static void test_batch__one_place_over_two_jobs_gives_the_numbers_of_one_job(void **state)
{
	(void)state;
	two_places t;
	ripple_batch one, two;
	ripple_batch_options o1 = options(1, NULL, NULL), o2 = options(2, NULL, NULL);
	ripple_error err;

	/* one place and two jobs: its waves' shortest paths go to the two workers in
	 * blocks (split_min lowered so the 60-actor waves are split) */
	o1.compare.paths.split_min = o2.compare.paths.split_min = 10;
	two_places_open(&t);
	assert_int_equal(ripple_batch_run(&one, t.store, t.ids, t.names, 1, &o1, &err), 0);
	assert_int_equal(ripple_batch_run(&two, t.store, t.ids, t.names, 1, &o2, &err), 0);
	assert_int_equal(one.nrows, 1);
	assert_false(isnan(two.rows[0].net[1][RIPPLE_NET_BETWEENNESS_CENTRALIZATION]));
	assert_false(isnan(two.rows[0].net[1][RIPPLE_NET_MEAN_DISTANCE]));
	assert_same_rows(&one, &two);
	ripple_batch_release(&one);
	ripple_batch_release(&two);
	two_places_close(&t);
}

static void test_batch__rows_follow_the_order_of_the_places_given(void **state)
{
	(void)state;
	two_places t;
	int64_t ids[2];
	char *names[3];
	ripple_batch fwd, back1, back2;
	ripple_batch_options o1 = options(1, NULL, NULL), o2 = options(2, NULL, NULL);
	ripple_error err;

	two_places_open(&t);
	ids[0] = t.ids[1], ids[1] = t.ids[0];
	names[0] = t.names[1], names[1] = t.names[0], names[2] = NULL;
	assert_int_equal(ripple_batch_run(&fwd, t.store, t.ids, t.names, 2, &o1, &err), 0);
	assert_int_equal(ripple_batch_run(&back1, t.store, ids, names, 2, &o1, &err), 0);
	assert_int_equal(ripple_batch_run(&back2, t.store, ids, names, 2, &o2, &err), 0);
	assert_int_equal(back1.nrows, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(back1.rows[i].place_id, ids[i]);
		assert_string_equal(back1.rows[i].place, names[i]);
	}
	assert_same_rows(&back1, &back2);
	/* the same rows as in the given order, reversed */
	ripple_batch_row swap = fwd.rows[0];
	fwd.rows[0] = fwd.rows[1];
	fwd.rows[1] = swap;
	assert_same_rows(&fwd, &back1);
	ripple_batch_release(&fwd);
	ripple_batch_release(&back1);
	ripple_batch_release(&back2);
	two_places_close(&t);
}

static void test_batch__a_place_without_the_wave_is_skipped_not_an_error(void **state)
{
	(void)state;
	two_places t;
	ripple_batch b;
	ripple_error err;

	two_places_open(&t);
	for (int jobs = 1; jobs <= 2; jobs++) {
		ripple_batch_options o = options(jobs, "before", "3-month");
		assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
		assert_int_equal(b.nrows, 1);
		assert_string_equal(b.rows[0].place, "Stockton-on-Tees");
		assert_string_equal(b.rows[0].from, "before");
		assert_string_equal(b.rows[0].to, "3-month");
		assert_int_equal(b.nskipped, 1);
		assert_string_equal(b.skipped[0], "Northamptonshire: no wave \"3-month\"");
		ripple_batch_release(&b);
	}
	/* the from wave is looked for first; no place left is still not an error */
	ripple_batch_options o = options(2, "never", "after");
	assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
	assert_int_equal(b.nrows, 0);
	assert_int_equal(b.nskipped, 2);
	assert_string_equal(b.skipped[0], "Northamptonshire: no wave \"never\"");
	assert_string_equal(b.skipped[1], "Stockton-on-Tees: no wave \"never\"");
	ripple_batch_release(&b);
	two_places_close(&t);
}

/*
 * Stockton-on-Tees after -> 6-month: the cycling charity joins at 3-month, the
 * employer leaves at 3-month (datasets/stockton-on-tees/responses.csv). The
 * values are those of tests/reference/expected/compare.csv (networkx) and
 * qap.csv (R sna), rows "reconstruct" and "census"; the same over workers.
 */
static void test_batch__a_row_counts_unknown_ties_and_who_answered_under_its_policy(void **state)
{
	(void)state;
	two_places t;
	ripple_batch b;
	ripple_error err;

	two_places_open(&t);
	for (int jobs = 1; jobs <= 2; jobs++) {
		ripple_batch_options o = options(jobs, "after", "6-month");
		assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
		assert_int_equal(b.nrows, 1);
		assert_int_equal(b.policy, RIPPLE_POLICY_RECONSTRUCT);
		const ripple_batch_row *r = &b.rows[0];
		assert_double_near(r->change[RIPPLE_BATCH_TIES_NEW], 6, 0);
		assert_double_near(r->change[RIPPLE_BATCH_TIES_LOST], 18, 0);
		assert_double_near(r->change[RIPPLE_BATCH_TIES_KEPT], 53, 0);
		assert_double_near(r->change[RIPPLE_BATCH_TIES_UNKNOWN], 5, 0);
		assert_double_near(r->change[RIPPLE_BATCH_UNKNOWN_JOINER], 4, 0);
		assert_double_near(r->change[RIPPLE_BATCH_UNKNOWN_LEAVER], 1, 0);
		assert_double_near(r->change[RIPPLE_BATCH_UNKNOWN_MISSING_FROM], 0, 0);
		assert_double_near(r->change[RIPPLE_BATCH_UNKNOWN_MISSING_TO], 0, 0);
		assert_double_near(r->change[RIPPLE_BATCH_JOINERS], 1, 0);
		assert_double_near(r->change[RIPPLE_BATCH_LEAVERS], 1, 0);
		assert_double_near(r->change[RIPPLE_BATCH_QAP_ACTORS], 38, 0);
		assert_double_near(r->change[RIPPLE_BATCH_QAP_R], 0.800898613666699, 1e-9);
		/* the first cohort attended after "before", the second on 2025-04-08 */
		assert_double_near(r->change[RIPPLE_BATCH_TRAINED_BEFORE], 13, 0);
		assert_double_near(r->change[RIPPLE_BATCH_ATTENDEES], 4, 0);
		assert_double_near(r->change[RIPPLE_BATCH_NON_ATTENDEES], 21, 0);
		assert_double_near(r->change[RIPPLE_BATCH_ATTENDEE_DIFFERENCE], -0.14285714285714285, 1e-9);
		/* at after the charity is absent, at 6-month the employer: 39 answered each */
		for (int w = 0; w < 2; w++) {
			assert_int_equal(r->responses[w][RIPPLE_RESPONSE_ANSWERED], 39);
			assert_int_equal(r->responses[w][RIPPLE_RESPONSE_MISSING], 0);
			assert_int_equal(r->responses[w][RIPPLE_RESPONSE_ABSENT], 1);
		}
		ripple_batch_release(&b);
		/* census: as if everyone answered */
		o.compare.graph.missing = RIPPLE_POLICY_CENSUS;
		assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
		assert_int_equal(b.policy, RIPPLE_POLICY_CENSUS);
		assert_double_near(b.rows[0].change[RIPPLE_BATCH_TIES_NEW], 10, 0);
		assert_double_near(b.rows[0].change[RIPPLE_BATCH_TIES_UNKNOWN], 0, 0);
		assert_double_near(b.rows[0].change[RIPPLE_BATCH_QAP_ACTORS], 40, 0);
		assert_double_near(b.rows[0].change[RIPPLE_BATCH_QAP_R], 0.766976914925748, 1e-9);
		ripple_batch_release(&b);
	}
	two_places_close(&t);
}

static void test_batch__an_error_in_a_worker_comes_back_with_its_code_and_message(void **state)
{
	(void)state;
	two_places t;
	ripple_batch b;
	ripple_error e1, e2;

	two_places_open(&t);
	/* both places have the wave, so the comparison itself refuses it */
	ripple_batch_options o1 = options(1, "after", "after"), o2 = options(2, "after", "after");
	assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o1, &e1), RIPPLE_EUSAGE);
	assert_int_equal(b.nrows, 0);
	assert_null(b.rows);
	assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o2, &e2), RIPPLE_EUSAGE);
	assert_int_equal(b.nrows, 0);
	assert_null(b.rows);
	assert_int_equal(e2.code, RIPPLE_EUSAGE);
	assert_string_equal(e2.message, e1.message);
	assert_non_null(strstr(e2.message, "same wave \"after\""));
	assert_string_equal(e2.file, e1.file);
	assert_int_equal(e2.line, e1.line);
	two_places_close(&t);
}

/* ---- storing ------------------------------------------------------------------- */

static long count(ripple_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long v;
	assert_int_equal(sqlite3_prepare_v2(ripple_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static double value(ripple_store *s, const char *sql)
{
	sqlite3_stmt *st;
	double v;
	assert_int_equal(sqlite3_prepare_v2(ripple_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_type(st, 0) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 0);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);   /* exactly one row */
	sqlite3_finalize(st);
	return v;
}

/* Imports folder again as the place called name (import --replace). */
static void replace_place(ripple_store *store, const char *folder, const char *name)
{
	ripple_load_options lo = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;

	lo.name = name;
	if (ripple_place_load(&p, folder, &lo, &d) < 0)
		fail_msg("cannot load %s: %s", folder, d.count ? d.items[0].message : "?");
	if (ripple_store_import(store, &p, 1, 1, &d) < 0)
		fail_msg("cannot import %s: %s", folder, d.count ? d.items[0].message : "?");
	ripple_place_free(p);
	ripple_diags_release(&d);
}

/*
 * A batch racing an import --replace of a place it measured (issue 22, defect
 * 3): the place imported again between ripple_batch_run and ripple_batch_store
 * is not stored (skipped, with why), the others are, and the run is kept. The
 * last place imported again gets its place_id back (new ids are max + 1), so
 * the id alone cannot tell; an earlier one gets a new id (its old rows would
 * fail the foreign keys).
 */
static void test_batch__store_skips_a_place_imported_again_since_it_was_read(void **state)
{
	(void)state;
	two_places t;
	ripple_batch b;
	ripple_batch_options o = options(1, "before", "after");
	ripple_error err;
	int64_t run = 0;
	long per_place = 3 * RIPPLE_NET_COUNT + RIPPLE_BATCH_COUNT;

	two_places_open(&t);
	assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
	assert_int_equal(b.nrows, 2);
	/* Stockton-on-Tees, the last place, now holds Northamptonshire's data, same id */
	replace_place(t.store, DATA "northamptonshire", "Stockton-on-Tees");
	assert_int_equal(count(t.store, "SELECT place_id FROM place WHERE name = 'Stockton-on-Tees'"),
	                 t.ids[1]);
	assert_int_equal(ripple_batch_store(&run, t.store, &b, &o, &err), 0);
	assert_true(run > 0);
	assert_int_equal(b.nskipped, 1);
	assert_string_equal(b.skipped[0], "Stockton-on-Tees: changed since it was read "
	                                  "(imported again?): not stored");
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_run WHERE places = 1 "
	                                "AND skipped = 1"), 1);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_latest"), per_place);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_latest "
	                                "WHERE place = 'Northamptonshire'"), per_place);
	assert_int_equal(count(t.store, "SELECT count(DISTINCT place_id) FROM batch_mixing WHERE "
	                                "run_id = (SELECT max(run_id) FROM batch_run)"), 1);
	assert_int_equal(count(t.store, "SELECT count(DISTINCT place_id) FROM batch_tie WHERE "
	                                "run_id = (SELECT max(run_id) FROM batch_run)"), 0);
	ripple_batch_release(&b);

	/* Northamptonshire imported again gets a new id: its old one is gone */
	assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
	assert_int_equal(b.nrows, 2);
	replace_place(t.store, DATA "stockton-on-tees", "Northamptonshire");
	assert_int_equal(ripple_batch_store(&run, t.store, &b, &o, &err), 0);
	assert_int_equal(b.nskipped, 1);
	assert_string_equal(b.skipped[0], "Northamptonshire: changed since it was read "
	                                  "(imported again?): not stored");
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_latest "
	                                "WHERE place = 'Stockton-on-Tees'"), per_place);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_latest"), per_place);
	assert_int_equal(count(t.store, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	ripple_batch_release(&b);
	two_places_close(&t);
}

static void test_batch__store_writes_a_run_and_one_row_per_place_wave_and_measure(void **state)
{
	(void)state;
	two_places t;
	ripple_batch b;
	ripple_batch_options o = options(2, "before", "after");
	ripple_error err;
	int64_t run1 = 0, run2 = 0;
	long per_place = 3 * RIPPLE_NET_COUNT + RIPPLE_BATCH_COUNT;

	o.compare.seed = 7;
	two_places_open(&t);
	assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
	assert_int_equal(b.nrows, 2);
	assert_int_equal(ripple_batch_store(&run1, t.store, &b, &o, &err), 0);
	assert_true(run1 > 0);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_run"), 1);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_run WHERE from_wave = 'before' "
	                                "AND to_wave = 'after' AND permutations = 100 AND seed = 7 "
	                                "AND weighted = 0 AND places = 2 AND skipped = 0 "
	                                "AND policy = 'reconstruct'"), 1);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_result"), 2 * per_place);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_result WHERE place = "
	                                "'Northamptonshire' AND wave = 'before->after'"),
	                 RIPPLE_NET_COUNT + RIPPLE_BATCH_COUNT);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_result WHERE place = "
	                                "'Stockton-on-Tees' AND wave = 'after'"), RIPPLE_NET_COUNT);
	/* values as in the rows; a measure without a value (undirected: reciprocity) is NULL */
	assert_double_near(value(t.store, "SELECT value FROM batch_latest WHERE place = "
	                                  "'Northamptonshire' AND measure = 'ties_new'"),
	                   b.rows[0].change[RIPPLE_BATCH_TIES_NEW], 0);
	assert_double_near(value(t.store, "SELECT value FROM batch_latest WHERE place = "
	                                  "'Stockton-on-Tees' AND measure = 'ties' AND wave = 'after'"),
	                   b.rows[1].net[1][RIPPLE_NET_TIES], 0);
	assert_double_near(value(t.store, "SELECT value FROM batch_latest WHERE place = "
	                                  "'Stockton-on-Tees' AND measure = 'density_change'"),
	                   b.rows[1].net[1][RIPPLE_NET_DENSITY] - b.rows[1].net[0][RIPPLE_NET_DENSITY],
	                   1e-15);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_result WHERE measure LIKE "
	                                "'reciprocity%' AND value IS NULL"), 2 * 3);
	assert_int_equal(count(t.store, "SELECT count(DISTINCT place_id) FROM batch_result"), 2);

	/* a second run: batch_latest shows only it */
	assert_int_equal(ripple_batch_store(&run2, t.store, &b, &o, &err), 0);
	assert_true(run2 > run1);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_run"), 2);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_result"), 4 * per_place);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_latest"), 2 * per_place);
	assert_int_equal(count(t.store, "SELECT min(run_id) FROM batch_latest"), run2);
	assert_int_equal(count(t.store, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	ripple_batch_release(&b);
	two_places_close(&t);
}

/* ---- every wave, stored -------------------------------------------------------- */

#define REF "../../tests/reference/expected/"

/* A statement of sql with its ?1, ?2, ... bound to the NULL-terminated texts. */
static sqlite3_stmt *query(ripple_store *s, const char *sql, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	const char *arg;
	int i = 1;

	assert_int_equal(sqlite3_prepare_v2(ripple_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	va_start(ap, sql);
	while ((arg = va_arg(ap, const char *)) != NULL)
		sqlite3_bind_text(st, i++, arg, -1, SQLITE_TRANSIENT);
	va_end(ap);
	return st;
}

/* The number a reference cell holds; NAN for an empty cell. */
static double ref_number(const ripple_csv *fx, size_t r, size_t c)
{
	const char *cell = ripple_csv_cell(fx, r, c);
	return *cell ? strtod(cell, NULL) : NAN;
}

/* NAN equals NAN here (a NULL value is an undefined share). */
static void assert_same_number(double got, double want, const char *what)
{
	if (isnan(want) ? !isnan(got) : isnan(got) || fabs(got - want) > 1e-12)
		fail_msg("%s: stored %.17g, reference %.17g", what, got, want);
}

/*
 * Stockton-on-Tees, every wave, under census and reconstruct: the stored series
 * of ties, persistence and tie histories against tests/reference/expected/waves.*.csv
 * (tests/reference/make_waves_reference.py, from the CSV files), the same run in
 * one process and over two workers.
 */
static void test_batch__store_keeps_every_wave_as_the_reference_script_counts(void **state)
{
	(void)state;
	static const enum ripple_policy policies[2] = { RIPPLE_POLICY_CENSUS,
	                                                RIPPLE_POLICY_RECONSTRUCT };
	ripple_csv *series = read_fixture(REF "waves.series.csv");
	ripple_csv *persist = read_fixture(REF "waves.persistence.csv");
	ripple_csv *ties = read_fixture(REF "waves.ties.csv");
	two_places t;
	ripple_error err;

	two_places_open(&t);
	for (int p = 0; p < 2; p++)
		for (int jobs = 1; jobs <= 2; jobs++) {
			ripple_batch b;
			ripple_batch_options o = options(jobs, NULL, NULL);
			const char *policy = ripple_policy_name(policies[p]);
			size_t nseries = 0, npersist = 0, nties = 0;
			o.waves = 1;
			o.compare.graph.missing = policies[p];
			assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
			assert_int_equal(ripple_batch_store(NULL, t.store, &b, &o, &err), 0);
			for (size_t r = 0; r < series->nrows; r++) {
				if (strcmp(ripple_csv_cell(series, r, 0), policy) != 0)
					continue;
				sqlite3_stmt *st = query(t.store, "SELECT value FROM batch_latest WHERE place = "
				                         "'Stockton-on-Tees' AND measure = 'ties' AND wave = ?1",
				                         ripple_csv_cell(series, r, 1), NULL);
				assert_int_equal(sqlite3_step(st), SQLITE_ROW);
				assert_same_number(sqlite3_column_double(st, 0), ref_number(series, r, 2),
				                   ripple_csv_cell(series, r, 1));
				assert_int_equal(sqlite3_step(st), SQLITE_DONE);
				sqlite3_finalize(st);
				nseries++;
			}
			assert_int_equal(nseries, 4);
			/* the series in wave order, through the wave table, as the schema says */
			assert_int_equal(count(t.store, "SELECT count(*) FROM batch_latest r JOIN wave w "
			                                "ON w.place_id = r.place_id AND w.name = r.wave "
			                                "WHERE r.measure = 'ties'"), 4 + 2);
			for (size_t r = 0; r < persist->nrows; r++) {
				static const char *const names[4] = { "persist_formed", "persist_observed",
				                                      "persist_kept", "persist_share" };
				const char *wave = ripple_csv_cell(persist, r, 1);
				if (strcmp(ripple_csv_cell(persist, r, 0), policy) != 0)
					continue;
				for (int k = 0; k < 4; k++) {
					sqlite3_stmt *st = query(t.store, "SELECT value FROM batch_latest WHERE "
					                         "place = 'Stockton-on-Tees' AND measure = ?1 "
					                         "AND wave = ?2", names[k],
					                         *wave ? wave : "before->6-month", NULL);
					assert_int_equal(sqlite3_step(st), SQLITE_ROW);
					assert_same_number(sqlite3_column_type(st, 0) == SQLITE_NULL
					                   ? NAN : sqlite3_column_double(st, 0),
					                   ref_number(persist, r, 3 + (size_t)k), names[k]);
					sqlite3_finalize(st);
				}
				npersist++;
			}
			assert_int_equal(npersist, 3);
			for (size_t r = 0; r < ties->nrows; r++) {
				if (strcmp(ripple_csv_cell(ties, r, 0), policy) != 0)
					continue;
				sqlite3_stmt *st = query(t.store, "SELECT pattern, first_wave, last_wave, tied "
				                         "FROM batch_tie_latest WHERE place = 'Stockton-on-Tees' "
				                         "AND ((actor_a = ?1 AND actor_b = ?2) "
				                         "OR (actor_a = ?2 AND actor_b = ?1))",
				                         ripple_csv_cell(ties, r, 1), ripple_csv_cell(ties, r, 2),
				                         NULL);
				if (sqlite3_step(st) != SQLITE_ROW)
					fail_msg("%s: no stored history of %s - %s", policy,
					         ripple_csv_cell(ties, r, 1), ripple_csv_cell(ties, r, 2));
				assert_string_equal(sqlite3_column_text(st, 0), ripple_csv_cell(ties, r, 3));
				assert_string_equal(sqlite3_column_text(st, 1), ripple_csv_cell(ties, r, 4));
				assert_string_equal(sqlite3_column_text(st, 2), ripple_csv_cell(ties, r, 5));
				assert_int_equal(sqlite3_column_int64(st, 3), strtol(ripple_csv_cell(ties, r, 6),
				                                                     NULL, 10));
				assert_int_equal(sqlite3_step(st), SQLITE_DONE);
				sqlite3_finalize(st);
				nties++;
			}
			assert_int_equal(count(t.store, "SELECT count(*) FROM batch_tie_latest WHERE place = "
			                                "'Stockton-on-Tees'"), (long)nties);
			assert_int_equal(count(t.store, "SELECT count(*) FROM batch_run WHERE run_id = "
			                                "(SELECT max(run_id) FROM batch_run) AND level = 'actor'"),
			                 1);
			assert_int_equal(count(t.store, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
			ripple_batch_release(&b);
		}
	two_places_close(&t);
	ripple_csv_free(series);
	ripple_csv_free(persist);
	ripple_csv_free(ties);
}

/*
 * The mixing change of Stockton-on-Tees, before -> 6-month, stored and in the
 * row, against tests/reference/expected/mixing.csv (make_mixing_reference.py).
 */
static void test_batch__mixing_change_matches_the_reference_script(void **state)
{
	(void)state;
	ripple_csv *fx = read_fixture(REF "mixing.csv");
	two_places t;
	ripple_error err;

	two_places_open(&t);
	for (int jobs = 1; jobs <= 2; jobs++) {
		ripple_batch b;
		ripple_batch_options o = options(jobs, NULL, NULL);
		size_t cells = 0;
		assert_int_equal(ripple_batch_run(&b, t.store, t.ids, t.names, 2, &o, &err), 0);
		assert_int_equal(ripple_batch_store(NULL, t.store, &b, &o, &err), 0);
		const ripple_batch_row *r = &b.rows[1];
		assert_string_equal(r->place, "Stockton-on-Tees");
		for (size_t i = 0; i < fx->nrows; i++) {
			const char *wave = ripple_csv_cell(fx, i, 0);
			int w = strcmp(wave, "before") == 0 ? 0 : strcmp(wave, "6-month") == 0 ? 1 : -1;
			const char *sa = ripple_csv_cell(fx, i, 1), *sb = ripple_csv_cell(fx, i, 2);
			long want = strtol(ripple_csv_cell(fx, i, 3), NULL, 10);
			if (w < 0)
				continue;
			size_t a = ripple_mixing_sector(&r->mixing[w], sa);
			size_t c = ripple_mixing_sector(&r->mixing[w], sb);
			assert_true(a != RIPPLE_NONE && c != RIPPLE_NONE);
			assert_int_equal(ripple_mixing_ties(&r->mixing[w], a, c), want);
			sqlite3_stmt *st = query(t.store, w ? "SELECT to_ties FROM batch_mixing m "
			                         "JOIN place p USING (place_id) WHERE p.name = "
			                         "'Stockton-on-Tees' AND m.run_id = (SELECT max(run_id) FROM "
			                         "batch_run) AND ((sector_a = ?1 AND sector_b = ?2) OR "
			                         "(sector_a = ?2 AND sector_b = ?1))"
			                         : "SELECT from_ties FROM batch_mixing m "
			                         "JOIN place p USING (place_id) WHERE p.name = "
			                         "'Stockton-on-Tees' AND m.run_id = (SELECT max(run_id) FROM "
			                         "batch_run) AND ((sector_a = ?1 AND sector_b = ?2) OR "
			                         "(sector_a = ?2 AND sector_b = ?1))", sa, sb, NULL);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_int_equal(sqlite3_column_int64(st, 0), want);
			assert_int_equal(sqlite3_step(st), SQLITE_DONE);
			sqlite3_finalize(st);
			cells++;
		}
		/* every unordered pair of the place's sectors, at both waves, once */
		size_t ns = r->mixing[0].nsectors;
		assert_int_equal(cells, 2 * ns * (ns + 1) / 2);
		assert_int_equal(count(t.store, "SELECT count(*) FROM batch_mixing m JOIN place p "
		                                "USING (place_id) WHERE p.name = 'Stockton-on-Tees' AND "
		                                "m.run_id = (SELECT max(run_id) FROM batch_run)"),
		                 (long)(ns * (ns + 1) / 2));
		ripple_batch_release(&b);
	}
	two_places_close(&t);
	ripple_csv_free(fx);
}

/*
 * --level organisation: each place rolled up before it is compared. The row is
 * what compare gives on the rolled-up model (ripple_model_rollup, tested in
 * test_rollup), the same over two workers, and the run says its level.
 */
static void test_batch__organisation_level_compares_the_rolled_up_places(void **state)
{
	(void)state;
	two_places t;
	ripple_batch one, two;
	ripple_batch_options o1 = options(1, NULL, NULL), o2 = options(2, NULL, NULL);
	ripple_error err;

	o1.level = o2.level = RIPPLE_LEVEL_ORGANISATION;
	o1.waves = o2.waves = 1;
	two_places_open(&t);
	assert_int_equal(ripple_batch_run(&one, t.store, t.ids, t.names, 2, &o1, &err), 0);
	assert_int_equal(ripple_batch_run(&two, t.store, t.ids, t.names, 2, &o2, &err), 0);
	assert_same_rows(&one, &two);
	for (size_t i = 0; i < 2; i++) {
		ripple_model *m, *r;
		ripple_compare c;
		assert_int_equal(ripple_store_read(&m, t.store, t.ids[i], &err), 0);
		assert_int_equal(ripple_model_rollup(&r, m, &err), 0);
		assert_int_equal(ripple_compare_run(&c, r, one.rows[i].from, one.rows[i].to,
		                                    &o1.compare, &err), 0);
		assert_true(r->nactors < m->nactors);
		assert_double_near(one.rows[i].net[0][RIPPLE_NET_ACTORS], c.m1.net[RIPPLE_NET_ACTORS], 0);
		assert_double_near(one.rows[i].net[1][RIPPLE_NET_TIES], c.m2.net[RIPPLE_NET_TIES], 0);
		assert_double_near(one.rows[i].change[RIPPLE_BATCH_TIES_NEW],
		                   (double)c.count[RIPPLE_TIE_NEW], 0);
		ripple_compare_release(&c);
		ripple_model_free(r);
		ripple_model_free(m);
	}
	assert_int_equal(ripple_batch_store(NULL, t.store, &one, &o1, &err), 0);
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_run WHERE level = 'organisation'"), 1);
	/* the histories name organisations: actors without a parent */
	assert_int_equal(count(t.store, "SELECT count(*) FROM batch_tie t JOIN actor a "
	                                "ON a.actor_id IN (t.actor_a, t.actor_b) "
	                                "WHERE a.parent_id IS NOT NULL"), 0);
	assert_true(count(t.store, "SELECT count(*) FROM batch_tie") > 0);
	ripple_batch_release(&one);
	ripple_batch_release(&two);
	two_places_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch__summary_takes_the_median_of_an_odd_and_an_even_number_of_places),
		cmocka_unit_test(test_batch__summary_leaves_nan_out_of_n_and_mean_and_all_nan_gives_n_0),
		cmocka_unit_test(test_batch__rows_are_the_same_in_one_process_and_over_two_workers),
		cmocka_unit_test(test_batch__one_place_over_two_jobs_gives_the_numbers_of_one_job),
		cmocka_unit_test(test_batch__rows_follow_the_order_of_the_places_given),
		cmocka_unit_test(test_batch__a_place_without_the_wave_is_skipped_not_an_error),
		cmocka_unit_test(test_batch__a_row_counts_unknown_ties_and_who_answered_under_its_policy),
		cmocka_unit_test(test_batch__an_error_in_a_worker_comes_back_with_its_code_and_message),
		cmocka_unit_test(test_batch__store_writes_a_run_and_one_row_per_place_wave_and_measure),
		cmocka_unit_test(test_batch__store_keeps_every_wave_as_the_reference_script_counts),
		cmocka_unit_test(test_batch__mixing_change_matches_the_reference_script),
		cmocka_unit_test(test_batch__organisation_level_compares_the_rolled_up_places),
		cmocka_unit_test(test_batch__store_skips_a_place_imported_again_since_it_was_read),
	};
	return cmocka_run_group_tests_name("batch", tests, NULL, NULL);
}
