/*
 * test_rollup.c - the organisation level (ripple_model_rollup) on places
 * worked by hand: every rolled-up actor, tie, weight, response and ripple is
 * written down below from the definition in docs/MEASURES.md ("Organisation
 * level"), not from what ripple printed.
 */
#include "helpers.h"

/*
 * Twelve actors, directed, waves w1 and w2.
 *   O1 (organisation) > T1 (team) > P1, and P2 directly under O1
 *   O2 (organisation) > T2 (team) > P3
 *   O3 (organisation) > P5
 *   X: a person with no parent (stays X)
 *   T3: a team with no parent (stays T3), and P4 under it (its top is a team,
 *   not an organisation: stays P4, parent T3)
 * Rolled up, in actor order: O1 O2 X T3 P4 O3 (indices 0..5).
 *
 *   w1: P1->P2 (inside O1: dropped), P1->P3 advice, P1->P3 funding, T1->P3,
 *       P2->P3 (all four O1->O2: weight 4), X->P1 (X->O1), P4->T3, T3->P3 (T3->O2)
 *   w2: O1->O2 (O1->O2), P3->T2 (inside O2: dropped), P3->P1 (O2->O1),
 *       P1->X, P2->X (O1->X, weight 2), T2->P4 (O2->P4), P5->X (O3->X)
 *
 * Responses: w1: P3 missing, O2 T2 O3 P5 absent; w2: T1 and P4 missing.
 *   O1 w1: answered (every member answered); O2 w1: missing (P3 missing, the
 *   rest absent); O3 w1: absent (every member absent); P4 w2: missing;
 *   O1 w2: answered (T1 missing, the rest answered).
 */
static const char hand_actors[] =
	"id,kind,parent,sector,size,role\n"
	"O1,organisation,,VCSE,10,\n"
	"T1,team,O1,,,\n"
	"P1,person,T1,,3,lead\n"
	"P2,person,O1,,,\n"
	"O2,organisation,,public,20,\n"
	"T2,team,O2,,,\n"
	"P3,person,T2,,,\n"
	"X,person,,,,\n"
	"T3,team,,,,\n"
	"P4,person,T3,,,\n"
	"O3,organisation,,,,\n"
	"P5,person,O3,,,\n";
static const char hand_ties[] =
	"source,target,wave,type\n"
	"P1,P2,w1,\nP1,P3,w1,advice\nP1,P3,w1,funding\nT1,P3,w1,\nP2,P3,w1,\n"
	"X,P1,w1,\nP4,T3,w1,\nT3,P3,w1,\n"
	"O1,O2,w2,\nP3,T2,w2,\nP3,P1,w2,\nP1,X,w2,\nP2,X,w2,\nT2,P4,w2,\nP5,X,w2,\n";
static const char hand_responses[] =
	"actor,wave,status\n"
	"P3,w1,missing\nO2,w1,absent\nT2,w1,absent\nO3,w1,absent\nP5,w1,absent\n"
	"T1,w2,missing\nP4,w2,missing\n";
static const char hand_ripples[] =
	"id,label,actors\n"
	"r1,across,P1;P3;T2\n"
	"r2,unrolled,P4;T3;X\n"
	"r3,inside,P2;P1\n";

enum { RO1, RO2, RX, RT3, RP4, RO3 };

/* The model of a place folder written to a temporary folder. */
static ripple_model *read_place(char **dir, const char *place, const char *actors,
                                const char *ties, const char *responses, const char *ripples)
{
	ripple_store *s;
	ripple_model *m;
	ripple_error err;
	int64_t id;

	*dir = temp_dir();
	write_file(*dir, "place.csv", place);
	write_file(*dir, "actors.csv", actors);
	write_file(*dir, "ties.csv", ties);
	write_file(*dir, "waves.csv", "wave,date\nw1,2024-01-10\nw2,2024-06-10\n");
	if (responses)
		write_file(*dir, "responses.csv", responses);
	if (ripples)
		write_file(*dir, "ripples.csv", ripples);
	id = open_only_place(*dir, 0, &s);
	assert_int_equal(ripple_store_read(&m, s, id, &err), RIPPLE_OK);
	ripple_store_close(s);
	return m;
}

/* The tie of r's wave w at position i is source->target with weight. */
static void assert_tie(const ripple_model *r, size_t w, size_t i, size_t source, size_t target,
                       double weight)
{
	const ripple_tie *t;
	assert_true(i < r->wave_ties[w].count);
	t = &r->ties[r->wave_ties[w].items[i]];
	if (t->source != source || t->target != target || t->weight != weight || t->wave != w)
		fail_msg("wave %zu tie %zu: %s->%s weight %g, want %s->%s weight %g", w, i,
		         r->actors[t->source].id, r->actors[t->target].id, t->weight,
		         r->actors[source].id, r->actors[target].id, weight);
	assert_string_equal(t->type, "");
}

static void test_rollup__rolls_people_and_teams_up_to_their_organisation(void **state)
{
	static const char *const ids[] = { "O1", "O2", "X", "T3", "P4", "O3" };
	ripple_model *m, *r;
	ripple_error err;
	size_t to[12];
	char *dir;

	(void)state;
	m = read_place(&dir, "name,directed\nHand,yes\n", hand_actors, hand_ties, hand_responses,
	               hand_ripples);
	assert_int_equal(m->nactors, 12);
	ripple_rollup_map(to, m);
	{
		static const size_t want[12] = { 0, 0, 0, 0, 4, 4, 4, 7, 8, 9, 10, 10 };
		for (size_t a = 0; a < 12; a++)
			assert_int_equal(to[a], want[a]);
	}
	assert_int_equal(ripple_model_rollup(&r, m, &err), RIPPLE_OK);
	ripple_model_free(m);   /* the rolled-up model owns everything it holds */

	assert_string_equal(r->name, "Hand");
	assert_int_equal(r->directed, 1);
	assert_int_equal(r->nactors, 6);
	for (size_t a = 0; a < 6; a++) {
		assert_string_equal(r->actors[a].id, ids[a]);
		assert_int_equal(r->actors[a].row, a);
	}
	assert_int_equal(r->actors[RO1].parent, RIPPLE_NONE);
	assert_int_equal(r->actors[RT3].parent, RIPPLE_NONE);
	assert_int_equal(r->actors[RP4].parent, RT3);
	assert_int_equal(r->actors[RP4].kind, RIPPLE_PERSON);
	assert_string_equal(r->actors[RO1].sector, "VCSE");
	assert_string_equal(r->actors[RO2].sector, "public");
	/* the organisation's own attributes; a member's are not the organisation's */
	assert_int_equal(r->actor_attrs[RO1].count, 1);
	assert_string_equal(r->actor_attrs[RO1].items[0].name, "size");
	assert_string_equal(r->actor_attrs[RO1].items[0].value, "10");
	assert_double_near(r->actor_attrs[RO1].items[0].number, 10, 0);
	assert_int_equal(r->nactor_attr_names, 1);
	assert_string_equal(r->actor_attr_names[0], "size");
	assert_null(r->layout_method);
	assert_int_equal(ripple_model_actor_of_key(r, r->actor_keys[RO3]), RO3);

	/* waves and ties */
	assert_int_equal(r->nwaves, 2);
	assert_string_equal(r->waves[0].name, "w1");
	assert_string_equal(r->waves[1].name, "w2");
	assert_int_equal(r->nties, 9);
	assert_int_equal(r->wave_ties[0].count, 4);
	assert_tie(r, 0, 0, RO1, RO2, 4);
	assert_tie(r, 0, 1, RX, RO1, 1);
	assert_tie(r, 0, 2, RT3, RO2, 1);
	assert_tie(r, 0, 3, RP4, RT3, 1);
	assert_int_equal(r->wave_ties[1].count, 5);
	assert_tie(r, 1, 0, RO1, RO2, 1);
	assert_tie(r, 1, 1, RO1, RX, 2);
	assert_tie(r, 1, 2, RO2, RO1, 1);
	assert_tie(r, 1, 3, RO2, RP4, 1);
	assert_tie(r, 1, 4, RO3, RX, 1);
	for (size_t i = 0; i < r->nties; i++) {
		assert_int_equal(r->ties[i].row, i);
		assert_int_equal(r->tie_attrs[i].count, 0);
		assert_true(i == 0 || r->tie_keys[i] > r->tie_keys[i - 1]);
	}

	/* responses: any member answered; all absent; else missing */
	assert_non_null(r->responses);
	assert_int_equal(ripple_model_response(r, 0, RO1), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(ripple_model_response(r, 0, RO2), RIPPLE_RESPONSE_MISSING);
	assert_int_equal(ripple_model_response(r, 0, RX), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(ripple_model_response(r, 0, RT3), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(ripple_model_response(r, 0, RP4), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(ripple_model_response(r, 0, RO3), RIPPLE_RESPONSE_ABSENT);
	assert_int_equal(ripple_model_response(r, 1, RO1), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(ripple_model_response(r, 1, RO2), RIPPLE_RESPONSE_ANSWERED);
	assert_int_equal(ripple_model_response(r, 1, RP4), RIPPLE_RESPONSE_MISSING);
	assert_int_equal(ripple_model_response(r, 1, RO3), RIPPLE_RESPONSE_ANSWERED);

	/* ripples: actors rolled up, each once, in actor order */
	assert_int_equal(r->nripples, 3);
	assert_string_equal(r->ripples[0].id, "r1");
	assert_int_equal(r->ripples[0].nactors, 2);
	assert_int_equal(r->ripples[0].actors[0], RO1);
	assert_int_equal(r->ripples[0].actors[1], RO2);
	assert_int_equal(r->ripples[1].nactors, 3);
	assert_int_equal(r->ripples[1].actors[0], RX);
	assert_int_equal(r->ripples[1].actors[1], RT3);
	assert_int_equal(r->ripples[1].actors[2], RP4);
	assert_int_equal(r->ripples[2].nactors, 1);
	assert_int_equal(r->ripples[2].actors[0], RO1);
	assert_int_equal(r->ripple_order[0], 1);

	/* the rolled-up model is a model: a wave builds as a graph */
	{
		ripple_graph g;
		ripple_graph_options go = RIPPLE_GRAPH_OPTIONS_INIT;
		go.missing = RIPPLE_POLICY_CENSUS;
		assert_int_equal(ripple_graph_build(&g, r, "w2", &go, &err), RIPPLE_OK);
		ripple_graph_release(&g);
	}
	ripple_model_free(r);
	rm_tree(dir);
}

/* Undirected: a->b and b->a once rolled up are one pair; no responses stay none. */
static void test_rollup__undirected_pairs_are_unordered(void **state)
{
	ripple_model *m, *r;
	ripple_error err;
	char *dir;

	(void)state;
	m = read_place(&dir, "name\nUndirected\n",
	               "id,kind,parent\nA,organisation,\nPA,person,A\nB,organisation,\nPB,person,B\n",
	               "source,target,wave\nPA,PB,w1\nB,PA,w1\nA,PA,w1\nPB,A,w2\n", NULL, NULL);
	assert_int_equal(m->directed, 0);
	assert_int_equal(ripple_model_rollup(&r, m, &err), RIPPLE_OK);
	ripple_model_free(m);
	assert_int_equal(r->nactors, 2);
	assert_null(r->responses);
	assert_int_equal(r->nties, 2);
	assert_tie(r, 0, 0, 0, 1, 2);   /* PA-PB and B-PA; A-PA is inside A */
	assert_tie(r, 1, 0, 0, 1, 1);   /* PB-A, as A-B */
	ripple_model_free(r);
	rm_tree(dir);
}

static void test_rollup__reads_the_level(void **state)
{
	(void)state;
	assert_int_equal(ripple_level_parse("actor"), RIPPLE_LEVEL_ACTOR);
	assert_int_equal(ripple_level_parse("organisation"), RIPPLE_LEVEL_ORGANISATION);
	assert_int_equal(ripple_level_parse("organization"), RIPPLE_LEVEL_ORGANISATION);
	assert_int_equal(ripple_level_parse("team"), -1);
	assert_int_equal(ripple_level_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rollup__rolls_people_and_teams_up_to_their_organisation),
		cmocka_unit_test(test_rollup__undirected_pairs_are_unordered),
		cmocka_unit_test(test_rollup__reads_the_level),
	};
	return cmocka_run_group_tests_name("rollup", tests, NULL, NULL);
}
