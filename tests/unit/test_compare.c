/*
 * test_compare.c - the change between two waves against independent values:
 * the tie ledger, Jaccard, Hamming, actors and the attendee test against
 * networkx (tests/reference/make_reference.py), the QAP correlation and p-value
 * against R sna's gcor and qaptest (tests/reference/make_qap_reference.R).
 */
#include "helpers.h"

#define REF "../reference/"

static const char *folder_of(const char *name, char *buf, size_t size)
{
	if (strcmp(name, "coleman") == 0 || strcmp(name, "directed") == 0)
		snprintf(buf, size, REF "places/%s", name);
	else
		snprintf(buf, size, "../../datasets/%s", name);
	return buf;
}

static const char *cell(const ripple_csv *csv, size_t row, const char *col)
{
	long c = ripple_csv_column(csv, col);
	if (c < 0)
		fail_msg("fixture has no column %s", col);
	return ripple_csv_cell(csv, row, (size_t)c);
}

static double num(const ripple_csv *csv, size_t row, const char *col)
{
	const char *s = cell(csv, row, col);
	return *s ? strtod(s, NULL) : NAN;
}

/* Two Monte Carlo p-values from N permutations each agree when they differ by
 * less than four standard errors of the difference (plus the 1/N granularity). */
static void assert_p_agree(double p1, double p2, long n)
{
	double p = (p1 + p2) / 2, se = sqrt(2 * p * (1 - p) / (double)n);
	if (!(fabs(p1 - p2) <= 4 * se + 2.0 / (double)n))
		fail_msg("p-values %.6f and %.6f differ by more than Monte Carlo error (N = %ld)", p1, p2, n);
}

static void run(ripple_compare *c, ripple_store **s, const char *name, const char *w1,
                const char *w2, long permutations)
{
	char folder[256];
	ripple_compare_options o = RIPPLE_COMPARE_OPTIONS_INIT;
	ripple_error err;
	int64_t place;
	o.permutations = permutations;
	ripple_model *m;
	place = open_only_place(folder_of(name, folder, sizeof(folder)), 0, s);
	if (ripple_store_read(&m, *s, place, &err) < 0)
		fail_msg("read %s: %s", name, err.message);
	if (ripple_compare_run(c, m, w1, w2, &o, &err) < 0)
		fail_msg("compare %s %s -> %s: %s", name, w1, w2, err.message);
}

/* Releases what run() made: the comparison, the place it was made of, the store. */
static void release(ripple_compare *c, ripple_store *s)
{
	ripple_model *m = (ripple_model *)c->g1.model;   /* run() read it for c alone */
	ripple_compare_release(c);
	ripple_model_free(m);
	ripple_store_close(s);
}

static const char *yes_no(int v)
{
	return v > 0 ? "yes" : v == 0 ? "no" : "";
}

static void test_compare__ledger_and_actors_match_networkx(void **state)
{
	(void)state;
	ripple_csv *sum = read_fixture(REF "expected/compare.csv");
	ripple_csv *ties = read_fixture(REF "expected/compare.ties.csv");
	size_t matched = 0;

	for (size_t r = 0; r < sum->nrows; r++) {
		const char *name = cell(sum, r, "case"), *w1 = cell(sum, r, "from"), *w2 = cell(sum, r, "to");
		ripple_store *s;
		ripple_compare c;
		long first = 0, joiners = 0, leavers = 0;
		run(&c, &s, name, w1, w2, 1000);
		assert_double_near((double)c.count[RIPPLE_TIE_NEW], num(sum, r, "ties_new"), 0);
		assert_double_near((double)c.count[RIPPLE_TIE_LOST], num(sum, r, "ties_lost"), 0);
		assert_double_near((double)c.count[RIPPLE_TIE_KEPT], num(sum, r, "ties_kept"), 0);
		assert_double_near(c.jaccard, num(sum, r, "jaccard"), 1e-12);
		assert_double_near(c.hamming, num(sum, r, "hamming"), 0);
		assert_double_near((double)c.strengthened, num(sum, r, "kept_strengthened"), 0);
		assert_double_near((double)c.weakened, num(sum, r, "kept_weakened"), 0);
		for (size_t v = 0; v < c.g1.n; v++) {
			first += c.first_connected[v];
			joiners += c.joiner[v];
			leavers += c.leaver[v];
		}
		assert_double_near((double)first, num(sum, r, "actors_first_connected"), 0);
		assert_double_near((double)joiners, num(sum, r, "joiners"), 0);
		assert_double_near((double)leavers, num(sum, r, "leavers"), 0);
		if (*cell(sum, r, "attend_diff")) {
			assert_double_near(c.attend_diff, num(sum, r, "attend_diff"), 1e-9);
			assert_p_agree(c.attend_p, num(sum, r, "attend_p"), 1000);
		} else {
			assert_true(isnan(c.attend_diff) && isnan(c.attend_p));
		}
		/* every tie of the reference ledger, with the same status, weights and flags */
		size_t expected = 0;
		for (size_t t = 0; t < ties->nrows; t++) {
			if (strcmp(cell(ties, t, "case"), name) || strcmp(cell(ties, t, "from"), w1) ||
			    strcmp(cell(ties, t, "to"), w2))
				continue;
			expected++;
			size_t i = 0;
			for (; i < c.nties; i++)
				if (strcmp(c.g1.model->actors[c.ties[i].a].id, cell(ties, t, "source")) == 0 &&
				    strcmp(c.g1.model->actors[c.ties[i].b].id, cell(ties, t, "target")) == 0)
					break;
			if (i == c.nties)
				fail_msg("%s %s->%s: tie %s %s missing from the ledger", name, w1, w2,
				         cell(ties, t, "source"), cell(ties, t, "target"));
			const ripple_tie_change *x = &c.ties[i];
			static const char *const st[] = { "new", "lost", "kept" };
			assert_string_equal(st[x->status], cell(ties, t, "status"));
			assert_double_near(x->w1, *cell(ties, t, "weight_from") ? num(ties, t, "weight_from") : 0, 1e-12);
			assert_double_near(x->w2, *cell(ties, t, "weight_to") ? num(ties, t, "weight_to") : 0, 1e-12);
			assert_string_equal(yes_no(x->cross_sector), cell(ties, t, "cross_sector"));
			if (strcmp(yes_no(x->cross_organisation), cell(ties, t, "cross_organisation")))
				fail_msg("%s %s->%s %s-%s: cross_organisation %s, reference %s", name, w1, w2,
				         c.g1.model->actors[x->a].id, c.g1.model->actors[x->b].id, yes_no(x->cross_organisation),
				         cell(ties, t, "cross_organisation"));
			assert_string_equal(yes_no(x->cross_town), cell(ties, t, "cross_town"));
			if (x->status == RIPPLE_TIE_NEW && strcmp(yes_no(x->bridging), cell(ties, t, "bridging")))
				fail_msg("%s %s->%s %s-%s: bridging %s (distance %d), reference %s", name, w1, w2,
				         c.g1.model->actors[x->a].id, c.g1.model->actors[x->b].id, yes_no(x->bridging), x->distance1,
				         cell(ties, t, "bridging"));
			matched++;
		}
		assert_int_equal(expected, c.nties);
		release(&c, s);
	}
	assert_true(matched > 800);
	ripple_csv_free(sum);
	ripple_csv_free(ties);
}

static void test_compare__qap_matches_r_sna(void **state)
{
	(void)state;
	ripple_csv *q = read_fixture(REF "expected/qap.csv");
	for (size_t r = 0; r < q->nrows; r++) {
		ripple_store *s;
		ripple_compare c;
		long n = (long)num(q, r, "permutations");
		run(&c, &s, cell(q, r, "case"), cell(q, r, "from"), cell(q, r, "to"), n);
		assert_double_near(c.qap_r, num(q, r, "r"), 1e-9);
		/* sna reports k / N; ripple (1 + k) / (1 + N) */
		double sna = (1 + num(q, r, "p") * (double)n) / (1 + (double)n);
		assert_p_agree(c.qap_p, sna, n);
		release(&c, s);
	}
	ripple_csv_free(q);
}

static void test_compare__qap_by_hand(void **state)
{
	(void)state;
	/* a path 0-1-2-3 against itself, against its complement, against a relabelling */
	size_t path[] = { 0, 1, 1, 2, 2, 3 }, comp[] = { 0, 2, 0, 3, 1, 3 }, other[] = { 0, 1, 0, 2, 0, 3 };
	double ones[] = { 1, 1, 1 }, r, p;
	ripple_error err;
	assert_int_equal(ripple_qap(&r, &p, 4, 0, path, ones, 3, path, ones, 3, 200, 7, &err), 0);
	assert_double_near(r, 1.0, 1e-12);
	/* identical graphs: a permutation reaches r = 1 only when it maps the path onto
	 * itself: identity or reversal, 2 of 24 orderings */
	assert_true(p > 0.03 && p < 0.15);
	assert_int_equal(ripple_qap(&r, &p, 4, 0, path, ones, 3, comp, ones, 3, 200, 7, &err), 0);
	assert_double_near(r, -1.0, 1e-12);
	assert_double_near(p, 1.0, 1e-12);   /* every permutation is at least -1 */
	/* star 0-1,0-2,0-3 vs path: 6 cells, 3 ones each, 2 shared (0-1 and nothing else..) */
	assert_int_equal(ripple_qap(&r, &p, 4, 0, path, ones, 3, other, ones, 3, 0, 7, &err), 0);
	/* shared cells: 0-1 only -> c = 1; r = (6*1 - 3*3) / sqrt(3*3*3*3) = -1/3 */
	assert_double_near(r, -1.0 / 3, 1e-12);
	assert_double_near(p, 1.0, 1e-12);   /* N = 0: p = 1 / 1 */
	/* no ties in one wave: undefined */
	assert_int_equal(ripple_qap(&r, &p, 4, 0, path, ones, 3, path, ones, 0, 100, 7, &err), 0);
	assert_true(isnan(r) && isnan(p));
}

static void test_compare__is_reproducible_for_a_seed(void **state)
{
	(void)state;
	ripple_store *s1, *s2;
	ripple_compare a, b;
	run(&a, &s1, "directed", "before", "after", 500);
	run(&b, &s2, "directed", "before", "after", 500);
	assert_double_near(a.qap_p, b.qap_p, 0);
	release(&a, s1);
	release(&b, s2);
}

static void test_compare__finds_the_bridging_tie_and_the_ripples_it_carries(void **state)
{
	(void)state;
	ripple_store *s;
	ripple_compare c;
	run(&c, &s, "northamptonshire", "before", "after", 100);
	size_t i = 0;
	while (i < c.nties && !(strcmp(c.g1.model->actors[c.ties[i].a].id, "nnc-community") == 0 &&
	                        strcmp(c.g1.model->actors[c.ties[i].b].id, "nnc-sportdev") == 0))
		i++;
	assert_true(i < c.nties);
	assert_int_equal(c.ties[i].status, RIPPLE_TIE_NEW);
	assert_int_equal(c.ties[i].cross_town, 1);          /* Wellingborough and Corby */
	assert_int_equal(c.ties[i].bridging, 1);
	assert_int_equal(c.ties[i].distance1, -1);          /* different components before */
	assert_int_equal(c.ties[i].cross_organisation, 0);  /* both teams of NNC */
	/* r1 names exactly these two teams: joined by the new tie */
	assert_true(c.nlinks > 0);
	assert_string_equal(c.links[0].id, "r1");
	assert_int_equal(c.links[0].pairs, 1);
	assert_int_equal(c.links[0].pairs_new, 1);
	assert_int_equal(c.links[0].status, RIPPLE_TIE_NEW);
	release(&c, s);
}

static void test_compare__refuses_the_same_wave_twice(void **state)
{
	(void)state;
	char folder[256];
	ripple_store *s;
	ripple_compare c;
	ripple_error err;
	int64_t place;
	ripple_model *m;
	place = open_only_place(folder_of("northamptonshire", folder, sizeof(folder)), 0, &s);
	assert_int_equal(ripple_store_read(&m, s, place, &err), RIPPLE_OK);
	assert_int_equal(ripple_compare_run(&c, m, "after", "after", NULL, &err), RIPPLE_EUSAGE);
	assert_int_equal(ripple_compare_run(&c, m, "before", "later", NULL, &err), RIPPLE_ENOTFOUND);
	ripple_model_free(m);
	ripple_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare__ledger_and_actors_match_networkx),
		cmocka_unit_test(test_compare__qap_matches_r_sna),
		cmocka_unit_test(test_compare__qap_by_hand),
		cmocka_unit_test(test_compare__is_reproducible_for_a_seed),
		cmocka_unit_test(test_compare__finds_the_bridging_tie_and_the_ripples_it_carries),
		cmocka_unit_test(test_compare__refuses_the_same_wave_twice),
	};
	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
