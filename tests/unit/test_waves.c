/*
 * test_waves.c - every wave at once (engine/waves.c): tie patterns, persistence and the
 * series, against a place worked out by hand, against compare's ledger, and against
 * tests/reference/make_waves_reference.py on Stockton-on-Tees (four waves).
 */
#include "helpers.h"

/*
 * Five actors, directed, four waves. E is absent at w1 and w2 (it joins at
 * w3), D did not answer w3, C is absent at w4 (it left).
 *
 *   w1: A->B B->C C->A D->A
 *   w2: A->B A->C B->C D->A
 *   w3: A->B A->C E->A A->E C->B
 *   w4: A->E E->A A->D B->D D->A
 *
 * A pair a -> b is observed when neither end is absent and a answered, so
 * (reconstruct, and respondents) / (census):
 *   A->B 1110 / 1110   B->C 110? / 1100   C->A 100? / 1000   D->A 11?1 / 1101
 *   A->C 011? / 0110   E->A ??11 / 0011   A->E ??11 / 0011   C->B 001? / 0010
 *   A->D 0001 / 0001   B->D 0001 / 0001   (A->D at w3: D missing, A answered: 0)
 * Persistence, reconstruct: new at w2 A->C, kept at w3; new at w3 C->B, not
 * observed at w4 (C left) -> w2 1/1/1, w3 1/0/0 (share null), overall 2/1/1.
 * Census: w2 A->C 1/1/1; w3 E->A A->E C->B 3/3/2; overall 4/4/3.
 */
static const char hand_ties[] =
	"source,target,wave\n"
	"A,B,w1\nB,C,w1\nC,A,w1\nD,A,w1\n"
	"A,B,w2\nA,C,w2\nB,C,w2\nD,A,w2\n"
	"A,B,w3\nA,C,w3\nE,A,w3\nA,E,w3\nC,B,w3\n"
	"A,E,w4\nE,A,w4\nA,D,w4\nB,D,w4\nD,A,w4\n";
static const char hand_responses[] =
	"actor,wave,status\n"
	"E,w1,absent\nE,w2,absent\nD,w3,missing\nC,w4,absent\n";

typedef struct hand_place {
	char *dir;
	ripple_store *store;
	ripple_model *model;
} hand_place;

static void hand_open(hand_place *h)
{
	ripple_error err;
	int64_t place;

	h->dir = temp_dir();
	write_file(h->dir, "place.csv", "name,directed\nHand,yes\n");
	write_file(h->dir, "actors.csv", "id,kind\nA,person\nB,person\nC,person\nD,person\nE,person\n");
	write_file(h->dir, "ties.csv", hand_ties);
	write_file(h->dir, "waves.csv", "wave,ordinal\nw1,1\nw2,2\nw3,3\nw4,4\n");
	write_file(h->dir, "responses.csv", hand_responses);
	place = open_only_place(h->dir, 1, &h->store);
	assert_int_equal(ripple_store_read(&h->model, h->store, place, &err), RIPPLE_OK);
	assert_int_equal(h->model->nactors, 5);
	assert_int_equal(h->model->nwaves, 4);
}

static void hand_close(hand_place *h)
{
	ripple_model_free(h->model);
	ripple_store_close(h->store);
	rm_tree(h->dir);
}

static const ripple_tie_history *history_of(const ripple_waves *w, const char *a, const char *b)
{
	for (size_t i = 0; i < w->nties; i++)
		if (strcmp(w->model->actors[w->ties[i].a].id, a) == 0 &&
		    strcmp(w->model->actors[w->ties[i].b].id, b) == 0)
			return &w->ties[i];
	fail_msg("no history of %s -> %s", a, b);
	return NULL;
}

static void assert_persistence(const ripple_persistence *p, long formed, long observed,
                               long kept)
{
	assert_int_equal(p->formed, formed);
	assert_int_equal(p->observed, observed);
	assert_int_equal(p->kept, kept);
	if (observed == 0)
		assert_true(isnan(p->share));
	else
		assert_double_near(p->share, (double)kept / (double)observed, 1e-12);
}

/*
 * Every pair in compare's ledger of each two consecutive waves reads the
 * same in the patterns: new "01", lost "10", kept "11", unknown when either
 * is '?'; and every pair tied at either wave has a history.
 */
static void assert_agrees_with_compare(const ripple_waves *w, enum ripple_policy policy)
{
	const ripple_model *m = w->model;
	ripple_error err;

	for (size_t k = 0; k + 1 < m->nwaves; k++) {
		ripple_compare c;
		ripple_compare_options o = RIPPLE_COMPARE_OPTIONS_INIT;
		o.permutations = 0;
		o.graph.missing = policy;
		assert_int_equal(ripple_compare_run(&c, m, m->waves[k].name, m->waves[k + 1].name, &o,
		                                    &err), RIPPLE_OK);
		for (size_t i = 0; i < c.nties; i++) {
			const ripple_tie_change *t = &c.ties[i];
			const ripple_tie_history *h =
				history_of(w, m->actors[t->a].id, m->actors[t->b].id);
			char x = h->pattern[k], y = h->pattern[k + 1];
			enum ripple_tie_status want =
				x == '?' || y == '?' ? RIPPLE_TIE_UNKNOWN
				: x == '1' && y == '1' ? RIPPLE_TIE_KEPT
				: x == '1' ? RIPPLE_TIE_LOST : RIPPLE_TIE_NEW;
			if (t->status != want)
				fail_msg("%s -> %s, %s to %s: compare says %s, pattern %s", m->actors[t->a].id,
				         m->actors[t->b].id, m->waves[k].name, m->waves[k + 1].name,
				         ripple_tie_status_name(t->status), h->pattern);
		}
		ripple_compare_release(&c);
	}
}

static void test_waves__patterns_and_persistence_by_hand(void **state)
{
	static const struct { const char *a, *b, *reconstruct, *census; } want[] = {
		{ "A", "B", "1110", "1110" }, { "B", "C", "110?", "1100" },
		{ "C", "A", "100?", "1000" }, { "D", "A", "11?1", "1101" },
		{ "A", "C", "011?", "0110" }, { "E", "A", "??11", "0011" },
		{ "A", "E", "??11", "0011" }, { "C", "B", "001?", "0010" },
		{ "A", "D", "0001", "0001" }, { "B", "D", "0001", "0001" },
	};
	static const enum ripple_policy policies[] = {
		RIPPLE_POLICY_RECONSTRUCT, RIPPLE_POLICY_RESPONDENTS, RIPPLE_POLICY_CENSUS
	};
	hand_place h;
	ripple_error err;

	(void)state;
	hand_open(&h);
	for (size_t p = 0; p < 3; p++) {
		ripple_waves w;
		ripple_waves_options o = RIPPLE_WAVES_OPTIONS_INIT;
		int census = policies[p] == RIPPLE_POLICY_CENSUS;
		o.graph.missing = policies[p];
		assert_int_equal(ripple_waves_run(&w, h.model, &o, &err), RIPPLE_OK);
		assert_int_equal(w.nties, sizeof(want) / sizeof(want[0]));
		for (size_t i = 0; i < w.nties; i++) {
			const ripple_tie_history *t = history_of(&w, want[i].a, want[i].b);
			assert_string_equal(t->pattern, census ? want[i].census : want[i].reconstruct);
		}
		/* first, last and how many: from the '1's */
		assert_int_equal(history_of(&w, "D", "A")->first, 0);
		assert_int_equal(history_of(&w, "D", "A")->last, 3);
		assert_int_equal(history_of(&w, "D", "A")->tied, 3);
		assert_int_equal(history_of(&w, "C", "B")->first, 2);
		assert_int_equal(history_of(&w, "C", "B")->last, 2);
		assert_int_equal(history_of(&w, "C", "B")->tied, 1);
		/* in actor order: A's ties first */
		assert_string_equal(h.model->actors[w.ties[0].a].id, "A");
		assert_int_equal(w.npersistence, 2);
		assert_int_equal(w.persistence[0].wave, 1);
		assert_int_equal(w.persistence[1].wave, 2);
		assert_int_equal(w.overall.wave, RIPPLE_NONE);
		if (census) {
			assert_persistence(&w.persistence[0], 1, 1, 1);
			assert_persistence(&w.persistence[1], 3, 3, 2);
			assert_persistence(&w.overall, 4, 4, 3);
		} else {
			assert_persistence(&w.persistence[0], 1, 1, 1);
			assert_persistence(&w.persistence[1], 1, 0, 0);
			assert_persistence(&w.overall, 2, 1, 1);
		}
		/* the series: each wave as ripple_graph_build and metrics make it */
		assert_non_null(w.graphs);
		assert_non_null(w.metrics);
		assert_int_equal(w.graphs[3].absent, 1);     /* C, whatever the policy */
		assert_double_near(w.metrics[0].net[RIPPLE_NET_TIES], 4, 0);
		assert_double_near(w.metrics[3].net[RIPPLE_NET_TIES], 5, 0);
		assert_agrees_with_compare(&w, policies[p]);
		ripple_waves_release(&w);
	}
	hand_close(&h);
}

static void test_waves__without_measures_builds_no_graph(void **state)
{
	hand_place h;
	ripple_waves w;
	ripple_waves_options o = RIPPLE_WAVES_OPTIONS_INIT;
	ripple_error err;

	(void)state;
	hand_open(&h);
	o.measures = 0;
	assert_int_equal(ripple_waves_run(&w, h.model, &o, &err), RIPPLE_OK);
	assert_null(w.graphs);
	assert_null(w.metrics);
	assert_int_equal(w.nties, 10);
	ripple_waves_release(&w);
	ripple_waves_release(&w);    /* a released one is zeroed: no operation */
	hand_close(&h);
}

static void test_waves__two_waves_have_no_persistence(void **state)
{
	char *dir = temp_dir();
	ripple_store *s = NULL;
	ripple_model *m = NULL;
	ripple_waves w;
	ripple_error err;
	int64_t place;

	(void)state;
	write_file(dir, "actors.csv", "id,kind\na,person\nb,person\n");
	write_file(dir, "ties.csv", "source,target,wave\na,b,w1\n");
	write_file(dir, "waves.csv", "wave\nw1\nw2\n");
	place = open_only_place(dir, 0, &s);
	assert_int_equal(ripple_store_read(&m, s, place, &err), RIPPLE_OK);
	assert_int_equal(ripple_waves_run(&w, m, NULL, &err), RIPPLE_OK);
	assert_int_equal(w.npersistence, 0);
	assert_null(w.persistence);
	assert_int_equal(w.overall.formed, 0);
	assert_true(isnan(w.overall.share));
	assert_int_equal(w.nties, 1);
	assert_string_equal(w.ties[0].pattern, "10");
	ripple_waves_release(&w);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
}

/* Stockton-on-Tees against make_waves_reference.py, under census and reconstruct. */
static void test_waves__stockton_matches_the_reference_script(void **state)
{
	ripple_csv *ties = read_fixture("../reference/expected/waves.ties.csv");
	ripple_csv *pers = read_fixture("../reference/expected/waves.persistence.csv");
	ripple_csv *series = read_fixture("../reference/expected/waves.series.csv");
	ripple_store *s = NULL;
	ripple_model *m = NULL;
	ripple_error err;
	int64_t place = open_only_place("../../datasets/stockton-on-tees", 0, &s);

	(void)state;
	assert_int_equal(ripple_store_read(&m, s, place, &err), RIPPLE_OK);
	assert_int_equal(m->nwaves, 4);
	for (int census = 0; census < 2; census++) {
		const char *policy = census ? "census" : "reconstruct";
		ripple_waves w;
		ripple_waves_options o = RIPPLE_WAVES_OPTIONS_INIT;
		size_t nties = 0, npers = 0, nseries = 0;
		o.graph.missing = census ? RIPPLE_POLICY_CENSUS : RIPPLE_POLICY_RECONSTRUCT;
		assert_int_equal(ripple_waves_run(&w, m, &o, &err), RIPPLE_OK);
		for (size_t r = 0; r < ties->nrows; r++) {
			if (strcmp(ripple_csv_cell(ties, r, 0), policy) != 0)
				continue;
			const ripple_tie_history *h = history_of(&w, ripple_csv_cell(ties, r, 1),
			                                         ripple_csv_cell(ties, r, 2));
			assert_string_equal(h->pattern, ripple_csv_cell(ties, r, 3));
			assert_string_equal(m->waves[h->first].name, ripple_csv_cell(ties, r, 4));
			assert_string_equal(m->waves[h->last].name, ripple_csv_cell(ties, r, 5));
			assert_int_equal(h->tied, atoi(ripple_csv_cell(ties, r, 6)));
			nties++;
		}
		assert_int_equal(w.nties, nties);
		for (size_t r = 0; r < pers->nrows; r++) {
			if (strcmp(ripple_csv_cell(pers, r, 0), policy) != 0)
				continue;
			const ripple_persistence *p = *ripple_csv_cell(pers, r, 1)
			                              ? &w.persistence[npers++] : &w.overall;
			if (p != &w.overall)
				assert_string_equal(m->waves[p->wave].name, ripple_csv_cell(pers, r, 1));
			assert_persistence(p, atol(ripple_csv_cell(pers, r, 3)),
			                   atol(ripple_csv_cell(pers, r, 4)),
			                   atol(ripple_csv_cell(pers, r, 5)));
		}
		assert_int_equal(w.npersistence, npers);
		for (size_t r = 0; r < series->nrows; r++) {
			if (strcmp(ripple_csv_cell(series, r, 0), policy) != 0)
				continue;
			assert_string_equal(m->waves[nseries].name, ripple_csv_cell(series, r, 1));
			assert_double_near(w.metrics[nseries].net[RIPPLE_NET_TIES],
			                   atof(ripple_csv_cell(series, r, 2)), 0);
			nseries++;
		}
		assert_int_equal(nseries, 4);
		assert_agrees_with_compare(&w, o.graph.missing);
		ripple_waves_release(&w);
	}
	ripple_model_free(m);
	ripple_store_close(s);
	ripple_csv_free(ties);
	ripple_csv_free(pers);
	ripple_csv_free(series);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_waves__patterns_and_persistence_by_hand),
		cmocka_unit_test(test_waves__without_measures_builds_no_graph),
		cmocka_unit_test(test_waves__two_waves_have_no_persistence),
		cmocka_unit_test(test_waves__stockton_matches_the_reference_script),
	};
	return cmocka_run_group_tests_name("waves", tests, NULL, NULL);
}
