/*
 * test_compare.c - the change between two waves against independent values:
 * the tie ledger, Jaccard, Hamming, actors and the attendee test against
 * networkx (tests/reference/make_reference.py), the QAP correlation and p-value
 * against R sna's gcor and qaptest (tests/reference/make_qap_reference.R),
 * each under --missing census and reconstruct; the rules of non-response
 * on places made by hand whose every answer is known.
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
                const char *w2, long permutations, const char *missing)
{
	char folder[256];
	ripple_compare_options o = RIPPLE_COMPARE_OPTIONS_INIT;
	ripple_error err;
	int64_t place;
	o.permutations = permutations;
	if (missing) {
		int policy = ripple_policy_parse(missing);
		if (policy < 0)
			fail_msg("fixture names no policy: \"%s\"", missing);
		o.graph.missing = (enum ripple_policy)policy;
	}
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
		const char *missing = cell(sum, r, "missing");
		ripple_store *s;
		ripple_compare c;
		long first = 0, joiners = 0, leavers = 0;
		run(&c, &s, name, w1, w2, 1000, missing);
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
		assert_double_near((double)c.count[RIPPLE_TIE_UNKNOWN], num(sum, r, "ties_unknown"), 0);
		for (int k = 0; k < RIPPLE_NUNKNOWN_REASONS; k++) {
			char col[64];
			snprintf(col, sizeof(col), "unknown_%s", ripple_unknown_reason_name(k));
			assert_double_near((double)c.unknown[k], num(sum, r, col), 0);
		}
		assert_double_near((double)c.attend_yes, num(sum, r, "attendees"), 0);
		assert_double_near((double)c.attend_no, num(sum, r, "non_attendees"), 0);
		assert_double_near((double)c.attend_before, num(sum, r, "trained_before"), 0);
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
			    strcmp(cell(ties, t, "to"), w2) || strcmp(cell(ties, t, "missing"), missing))
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
			assert_string_equal(ripple_tie_status_name(x->status), cell(ties, t, "status"));
			assert_string_equal(x->unknown < 0 ? "" : ripple_unknown_reason_name(x->unknown),
			                    cell(ties, t, "unknown_reason"));
			assert_string_equal(x->confirmation1 < 0 ? "" : ripple_confirmation_name(x->confirmation1),
			                    cell(ties, t, "confirmation_from"));
			assert_string_equal(x->confirmation2 < 0 ? "" : ripple_confirmation_name(x->confirmation2),
			                    cell(ties, t, "confirmation_to"));
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
	assert_true(matched > 1600);   /* each wave pair under census and under reconstruct */
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
		run(&c, &s, cell(q, r, "case"), cell(q, r, "from"), cell(q, r, "to"), n,
		    cell(q, r, "missing"));
		assert_double_near((double)c.qap_n, num(q, r, "actors"), 0);
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
	run(&a, &s1, "directed", "before", "after", 500, NULL);
	run(&b, &s2, "directed", "before", "after", 500, NULL);
	assert_double_near(a.qap_p, b.qap_p, 0);
	release(&a, s1);
	release(&b, s2);
}

static void test_compare__finds_the_bridging_tie_and_the_ripples_it_carries(void **state)
{
	(void)state;
	ripple_store *s;
	ripple_compare c;
	run(&c, &s, "northamptonshire", "before", "after", 100, NULL);
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

/* ---- non-response: a place made by hand, where every answer is known ---------- */

/*
 * Six actors, directed, waves w1 and w2. A and C are organisations; B is a
 * person of A, F a person of C; D (a person) and E (a team) belong to no
 * organisation. At w1 C did not answer and F was not yet part of the place;
 * at w2 D did not answer and F had joined (responses.csv). A attended before
 * w1, B between w1 and w2, E after w2 (attended with a time), C yes, D no.
 *
 *   w1: A->B B->A A->C D->E E->D B->E
 *   w2: A->B B->A E->D C->A F->A A->F E->A B->C
 *
 * Observed at both (reporter answered both, neither end absent): A->B, B->A,
 * E->D kept; A->C, B->E lost; E->A, B->C new. Unknown: D->E (D missing at
 * w2), C->A (C missing at w1), F->A and A->F (F joined).
 */
static const char hand_actors[] =
	"id,kind,parent,attended\n"
	"A,organisation,,2023-12-01\n"      /* before w1's survey: attended_by 0 */
	"B,person,A,w1\n"                   /* after w1: attended_by 1 */
	"C,organisation,,yes\n"
	"D,person,,no\n"
	"E,team,,w2\n"                      /* after w2: attended_by 2 */
	"F,person,C,\n";
static const char hand_ties[] =
	"source,target,wave\n"
	"A,B,w1\nB,A,w1\nA,C,w1\nD,E,w1\nE,D,w1\nB,E,w1\n"
	"A,B,w2\nB,A,w2\nE,D,w2\nC,A,w2\nF,A,w2\nA,F,w2\nE,A,w2\nB,C,w2\n";
static const char hand_responses[] =
	"actor,wave,status\n"
	"C,w1,missing\nF,w1,absent\nD,w2,missing\n";
static const char hand_ripples[] =
	"id,label,actors\n"
	"r1,F joins and works with A,F;A\n"
	"r2,E and A start working together,E;A\n"
	"r3,C and D,C;D\n";

typedef struct hand_place {
	char *dir;
	ripple_store *store;
	ripple_model *model;
} hand_place;

enum { A, B, C, D, E, F };

static void hand_open(hand_place *h)
{
	ripple_error err;
	int64_t place;

	h->dir = temp_dir();
	write_file(h->dir, "place.csv", "name,directed\nHand,yes\n");
	write_file(h->dir, "actors.csv", hand_actors);
	write_file(h->dir, "ties.csv", hand_ties);
	write_file(h->dir, "waves.csv", "wave,date\nw1,2024-01-10\nw2,2024-06-10\n");
	write_file(h->dir, "responses.csv", hand_responses);
	write_file(h->dir, "ripples.csv", hand_ripples);
	place = open_only_place(h->dir, 1, &h->store);
	assert_int_equal(ripple_store_read(&h->model, h->store, place, &err), RIPPLE_OK);
	assert_int_equal(h->model->nactors, 6);
	assert_int_equal(h->model->nwaves, 2);
	for (size_t v = 0; v < 6; v++)
		assert_int_equal(h->model->actors[v].id[0], 'A' + (int)v);
	/* the place as the test means it */
	assert_non_null(h->model->responses);
	assert_int_equal(ripple_model_response(h->model, 0, C), RIPPLE_RESPONSE_MISSING);
	assert_int_equal(ripple_model_response(h->model, 0, F), RIPPLE_RESPONSE_ABSENT);
	assert_int_equal(ripple_model_response(h->model, 1, D), RIPPLE_RESPONSE_MISSING);
	assert_int_equal(ripple_model_response(h->model, 1, F), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(h->model->actors[A].attended_by, 0);
	assert_int_equal(h->model->actors[B].attended_by, 1);
	assert_int_equal(h->model->actors[E].attended_by, 2);
	assert_int_equal(h->model->actors[C].attended_by, RIPPLE_NONE);
}

static void hand_close(hand_place *h)
{
	ripple_model_free(h->model);
	ripple_store_close(h->store);
	rm_tree(h->dir);
}

static const ripple_tie_change *tie_of(const ripple_compare *c, size_t a, size_t b)
{
	for (size_t i = 0; i < c->nties; i++)
		if (c->ties[i].a == a && c->ties[i].b == b)
			return &c->ties[i];
	fail_msg("no tie %c -> %c in the ledger", 'A' + (int)a, 'A' + (int)b);
	return NULL;
}

static void compare_hand(ripple_compare *c, const hand_place *h, enum ripple_policy policy)
{
	ripple_compare_options o = RIPPLE_COMPARE_OPTIONS_INIT;
	ripple_error err;
	o.permutations = 50;
	o.graph.missing = policy;
	if (ripple_compare_run(c, h->model, "w1", "w2", &o, &err) < 0)
		fail_msg("compare: %s", err.message);
}

static void test_compare__counts_change_only_over_pairs_observed_at_both_waves(void **state)
{
	(void)state;
	static const struct {
		size_t a, b;
		int status, unknown, conf1, conf2, cross_org;
	} want[] = {
		{ A, B, RIPPLE_TIE_KEPT, -1, RIPPLE_CONFIRMED, RIPPLE_CONFIRMED, 0 },
		{ B, A, RIPPLE_TIE_KEPT, -1, RIPPLE_CONFIRMED, RIPPLE_CONFIRMED, 0 },
		{ E, D, RIPPLE_TIE_KEPT, -1, RIPPLE_CONFIRMED, RIPPLE_UNCONFIRMABLE, -1 },
		{ A, C, RIPPLE_TIE_LOST, -1, RIPPLE_UNCONFIRMABLE, -1, 1 },
		{ B, E, RIPPLE_TIE_LOST, -1, RIPPLE_UNCONFIRMED, -1, -1 },
		{ E, A, RIPPLE_TIE_NEW, -1, -1, RIPPLE_UNCONFIRMED, -1 },
		{ B, C, RIPPLE_TIE_NEW, -1, -1, RIPPLE_UNCONFIRMED, 1 },
		{ D, E, RIPPLE_TIE_UNKNOWN, RIPPLE_UNKNOWN_MISSING_TO, RIPPLE_CONFIRMED, -1, -1 },
		{ C, A, RIPPLE_TIE_UNKNOWN, RIPPLE_UNKNOWN_MISSING_FROM, -1, RIPPLE_UNCONFIRMED, 1 },
		{ F, A, RIPPLE_TIE_UNKNOWN, RIPPLE_UNKNOWN_JOINER, -1, RIPPLE_CONFIRMED, 1 },
		{ A, F, RIPPLE_TIE_UNKNOWN, RIPPLE_UNKNOWN_JOINER, -1, RIPPLE_CONFIRMED, 1 },
	};
	static const enum ripple_policy policies[] = { RIPPLE_POLICY_RECONSTRUCT,
	                                               RIPPLE_POLICY_RESPONDENTS };
	hand_place h;
	hand_open(&h);
	for (size_t p = 0; p < 2; p++) {
		ripple_compare c;
		compare_hand(&c, &h, policies[p]);
		assert_int_equal(c.nties, 11);
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			const ripple_tie_change *t = tie_of(&c, want[i].a, want[i].b);
			assert_int_equal(t->status, want[i].status);
			assert_int_equal(t->unknown, want[i].unknown);
			assert_int_equal(t->confirmation1, want[i].conf1);
			assert_int_equal(t->confirmation2, want[i].conf2);
			assert_int_equal(t->cross_organisation, want[i].cross_org);
		}
		/* new, then lost, then kept, then unknown */
		for (size_t i = 1; i < c.nties; i++)
			assert_true(c.ties[i - 1].status <= c.ties[i].status);
		assert_int_equal(c.count[RIPPLE_TIE_NEW], 2);
		assert_int_equal(c.count[RIPPLE_TIE_LOST], 2);
		assert_int_equal(c.count[RIPPLE_TIE_KEPT], 3);
		assert_int_equal(c.count[RIPPLE_TIE_UNKNOWN], 4);
		assert_int_equal(c.unknown[RIPPLE_UNKNOWN_JOINER], 2);
		assert_int_equal(c.unknown[RIPPLE_UNKNOWN_LEAVER], 0);
		assert_int_equal(c.unknown[RIPPLE_UNKNOWN_MISSING_FROM], 1);
		assert_int_equal(c.unknown[RIPPLE_UNKNOWN_MISSING_TO], 1);
		assert_double_near(c.jaccard, 3.0 / 7, 1e-12);
		assert_double_near(c.hamming, 4, 0);
		assert_int_equal(c.new_cross_organisation, 1);   /* B->C; E->A is not known */
		/* new ties per actor: E->A and B->C */
		static const long gained[6] = { 1, 1, 1, 0, 1, 0 };
		for (size_t v = 0; v < 6; v++)
			assert_int_equal(c.new_ties[v], gained[v]);
		/* joiners from absence: F */
		for (size_t v = 0; v < 6; v++) {
			assert_int_equal(c.joiner[v], v == F);
			assert_int_equal(c.leaver[v], 0);
		}
		/* the QAP over A, B and E, who answered both: w1 A->B B->A B->E, w2 A->B B->A
		 * E->A on 6 cells: r = (6 * 2 - 3 * 3) / sqrt((6 * 3 - 9) * (6 * 3 - 9)) = 1/3 */
		assert_int_equal(c.qap_n, 3);
		for (size_t v = 0; v < 6; v++)
			assert_int_equal(c.qap_actor[v], v == A || v == B || v == E);
		assert_double_near(c.qap_r, 1.0 / 3, 1e-12);
		/* attendees: A trained before w1 (out), B between (attendee), E after w2
		 * (not), C, D, F did not answer both (out); one new tie each */
		static const signed char group[6] = { -1, 1, -1, -1, 0, -1 };
		for (size_t v = 0; v < 6; v++)
			assert_int_equal(c.attendee[v], group[v]);
		assert_int_equal(c.attend_yes, 1);
		assert_int_equal(c.attend_no, 1);
		assert_int_equal(c.attend_before, 1);
		assert_double_near(c.attend_diff, 0, 1e-12);
		/* ripples: F and A joined at w2 by ties whose change is not known; E and A by
		 * a new tie; C and D not joined */
		assert_int_equal(c.nlinks, 3);
		assert_int_equal(c.links[0].pairs_unknown, 1);
		assert_int_equal(c.links[0].pairs_none, 0);
		assert_int_equal(c.links[0].joined, 1);
		assert_int_equal(c.links[0].status, RIPPLE_TIE_UNKNOWN);
		assert_int_equal(c.links[1].pairs_new, 1);
		assert_int_equal(c.links[1].status, RIPPLE_TIE_NEW);
		assert_int_equal(c.links[2].pairs_none, 1);
		assert_int_equal(c.links[2].joined, 0);
		ripple_compare_release(&c);
	}
	hand_close(&h);
}

static void test_compare__census_counts_every_pair_as_reported(void **state)
{
	(void)state;
	hand_place h;
	ripple_compare c;
	hand_open(&h);
	compare_hand(&c, &h, RIPPLE_POLICY_CENSUS);
	/* w1's 6 ties against w2's 8: 3 in both */
	assert_int_equal(c.nties, 11);
	assert_int_equal(c.count[RIPPLE_TIE_NEW], 5);
	assert_int_equal(c.count[RIPPLE_TIE_LOST], 3);
	assert_int_equal(c.count[RIPPLE_TIE_KEPT], 3);
	assert_int_equal(c.count[RIPPLE_TIE_UNKNOWN], 0);
	for (size_t i = 0; i < c.nties; i++)
		assert_int_equal(c.ties[i].unknown, -1);
	assert_int_equal(tie_of(&c, C, A)->status, RIPPLE_TIE_NEW);
	assert_int_equal(tie_of(&c, D, E)->status, RIPPLE_TIE_LOST);
	/* confirmation says what the reports say, whatever the policy */
	assert_int_equal(tie_of(&c, A, C)->confirmation1, RIPPLE_UNCONFIRMABLE);
	assert_double_near(c.jaccard, 3.0 / 11, 1e-12);
	assert_double_near(c.hamming, 8, 0);
	assert_int_equal(c.new_cross_organisation, 4);   /* C->A F->A A->F B->C, not E->A */
	/* joiners by ties: F had none at w1 */
	for (size_t v = 0; v < 6; v++)
		assert_int_equal(c.joiner[v], v == F);
	/* QAP over all six: 30 cells, 6 and 8 ties, 3 shared */
	assert_int_equal(c.qap_n, 6);
	assert_double_near(c.qap_r, (30.0 * 3 - 6 * 8) / sqrt((30.0 * 6 - 36) * (30.0 * 8 - 64)),
	                   1e-12);
	/* attendees: B and C (1 and 2 new ties) against D and E (0 and 1); A trained
	 * before w1, F not given */
	static const signed char group[6] = { -1, 1, 1, 0, 0, -1 };
	for (size_t v = 0; v < 6; v++)
		assert_int_equal(c.attendee[v], group[v]);
	assert_int_equal(c.attend_before, 1);
	assert_double_near(c.attend_mean_yes, 1.5, 1e-12);
	assert_double_near(c.attend_mean_no, 0.5, 1e-12);
	assert_double_near(c.attend_diff, 1.0, 1e-12);
	/* under census A -> F is new, so r1 rests on a new tie */
	assert_int_equal(c.links[0].pairs_new, 1);
	assert_int_equal(c.links[0].pairs_unknown, 0);
	assert_int_equal(c.links[0].status, RIPPLE_TIE_NEW);
	ripple_compare_release(&c);
	hand_close(&h);
}

static void test_compare__undirected_pair_is_observed_when_either_end_answered(void **state)
{
	(void)state;
	/*
	 * Undirected, five actors. c did not answer w1; d and e did not answer w2.
	 *   w1: a-b b-c d-c d-e      w2: a-b c-d a-d
	 * a-b kept; b-c lost (b answered both); c-d kept (d answered w1, c w2: one
	 * side's answer is enough); a-d new; d-e unknown (neither answered w2).
	 */
	char *dir = temp_dir();
	ripple_store *s;
	ripple_model *m;
	ripple_error err;
	ripple_compare c;
	ripple_compare_options o = RIPPLE_COMPARE_OPTIONS_INIT;
	int64_t place;

	write_file(dir, "actors.csv", "id\na\nb\nc\nd\ne\n");
	write_file(dir, "responses.csv", "actor,wave,status\nc,w1,missing\nd,w2,missing\n"
	                                 "e,w2,missing\n");
	write_file(dir, "ties.csv", "source,target,wave\na,b,w1\nb,c,w1\nd,c,w1\nd,e,w1\n"
	                            "a,b,w2\nc,d,w2\na,d,w2\n");
	place = open_only_place(dir, 0, &s);
	assert_int_equal(ripple_store_read(&m, s, place, &err), RIPPLE_OK);
	o.permutations = 10;
	assert_int_equal(ripple_compare_run(&c, m, "w1", "w2", &o, &err), RIPPLE_OK);
	assert_int_equal(c.nties, 5);
	assert_int_equal(tie_of(&c, 0, 1)->status, RIPPLE_TIE_KEPT);
	assert_int_equal(tie_of(&c, 1, 2)->status, RIPPLE_TIE_LOST);
	assert_int_equal(tie_of(&c, 2, 3)->status, RIPPLE_TIE_KEPT);
	assert_int_equal(tie_of(&c, 0, 3)->status, RIPPLE_TIE_NEW);
	assert_int_equal(tie_of(&c, 3, 4)->status, RIPPLE_TIE_UNKNOWN);
	assert_int_equal(tie_of(&c, 3, 4)->unknown, RIPPLE_UNKNOWN_MISSING_TO);
	for (size_t i = 0; i < c.nties; i++)
		assert_true(c.ties[i].confirmation1 == -1 && c.ties[i].confirmation2 == -1);
	assert_int_equal(c.unknown[RIPPLE_UNKNOWN_MISSING_TO], 1);
	assert_double_near(c.jaccard, 2.0 / 4, 1e-12);
	/* the QAP over a and b alone: one cell, tied at both, no variance */
	assert_int_equal(c.qap_n, 2);
	assert_true(isnan(c.qap_r));
	ripple_compare_release(&c);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
}

static void test_compare__first_connected_only_when_known_unconnected_before(void **state)
{
	(void)state;
	/*
	 * Directed, waves w0 w1 w2, compared w1 -> w2. x did not answer w1 and no one
	 * named it there; f was absent at w0 and w1 (it joins at w2); z did not
	 * answer w2; y answered every wave; u had a tie at w0 only.
	 *   w0: a->b u->a   w1: a->b b->a   w2: a->b x->a f->a b->y a->z u->b
	 * With responses (reconstruct): y (answered w1 with no tie, named at w2) and
	 * z (answered w1 with no tie, named by a at w2) are first connected; x's ties
	 * at w1 are not known, f is a joiner, u was tied at w0. respondents: z did
	 * not answer w2, so a->z is not in its network: y alone. census: as if
	 * everyone answered, every actor tied at w2 and at no wave before: x f y z.
	 */
	enum { a, b, u, x, f, y, z, N };
	static const struct {
		enum ripple_policy policy;
		int first[N];
		int joiner[N];
	} want[] = {
		{ RIPPLE_POLICY_RECONSTRUCT, { 0, 0, 0, 0, 0, 1, 1 }, { 0, 0, 0, 0, 1, 0, 0 } },
		{ RIPPLE_POLICY_RESPONDENTS, { 0, 0, 0, 0, 0, 1, 0 }, { 0, 0, 0, 0, 1, 0, 0 } },
		{ RIPPLE_POLICY_CENSUS, { 0, 0, 0, 1, 1, 1, 1 }, { 0, 0, 1, 1, 1, 1, 1 } },
	};
	char *dir = temp_dir();
	ripple_store *s;
	ripple_model *m;
	ripple_error err;
	int64_t place;

	write_file(dir, "place.csv", "name,directed\nFirst,yes\n");
	write_file(dir, "actors.csv", "id\na\nb\nu\nx\nf\ny\nz\n");
	write_file(dir, "waves.csv", "wave,date\nw0,2024-01-10\nw1,2024-06-10\nw2,2025-01-10\n");
	write_file(dir, "responses.csv", "actor,wave,status\nx,w1,missing\nf,w0,absent\n"
	                                 "f,w1,absent\nz,w2,missing\n");
	write_file(dir, "ties.csv", "source,target,wave\na,b,w0\nu,a,w0\na,b,w1\nb,a,w1\n"
	                            "a,b,w2\nx,a,w2\nf,a,w2\nb,y,w2\na,z,w2\nu,b,w2\n");
	place = open_only_place(dir, 1, &s);
	assert_int_equal(ripple_store_read(&m, s, place, &err), RIPPLE_OK);
	assert_int_equal(m->nactors, N);
	assert_string_equal(m->actors[x].id, "x");
	assert_string_equal(m->actors[z].id, "z");
	for (size_t p = 0; p < sizeof(want) / sizeof(want[0]); p++) {
		ripple_compare c;
		ripple_compare_options o = RIPPLE_COMPARE_OPTIONS_INIT;
		o.permutations = 10;
		o.graph.missing = want[p].policy;
		assert_int_equal(ripple_compare_run(&c, m, "w1", "w2", &o, &err), RIPPLE_OK);
		for (size_t v = 0; v < N; v++) {
			if (c.first_connected[v] != want[p].first[v] || c.joiner[v] != want[p].joiner[v])
				fail_msg("%s: actor %s first_connected %d joiner %d, expected %d %d",
				         ripple_policy_name(want[p].policy), m->actors[v].id,
				         c.first_connected[v], c.joiner[v], want[p].first[v],
				         want[p].joiner[v]);
			/* a joiner is never first connected under a policy that reads absence */
			if (want[p].policy != RIPPLE_POLICY_CENSUS)
				assert_false(c.joiner[v] && c.first_connected[v]);
		}
		ripple_compare_release(&c);
	}
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
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
		cmocka_unit_test(test_compare__counts_change_only_over_pairs_observed_at_both_waves),
		cmocka_unit_test(test_compare__census_counts_every_pair_as_reported),
		cmocka_unit_test(test_compare__undirected_pair_is_observed_when_either_end_answered),
		cmocka_unit_test(test_compare__first_connected_only_when_known_unconnected_before),
	};
	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
