/*
 * test_mixing.c - the sector x sector mixing matrix (ripple_mixing_compute):
 * small places worked out by hand in the comments, and Stockton-on-Tees,
 * every wave, against tests/reference/expected/mixing.csv (written by
 * tests/reference/make_mixing_reference.py from the place's CSVs alone).
 */
#include <igraph.h>

#include "helpers.h"

#define REF "../reference/"

/* A place folder written from CSV texts (responses and waves may be NULL). */
static int64_t open_texts(char **dir, ripple_store **s, const char *actors, const char *ties,
                          const char *waves, const char *responses, int directed)
{
	*dir = temp_dir();
	write_file(*dir, "actors.csv", actors);
	write_file(*dir, "ties.csv", ties);
	if (waves)
		write_file(*dir, "waves.csv", waves);
	if (responses)
		write_file(*dir, "responses.csv", responses);
	return open_only_place(*dir, directed, s);
}

/* Asserts the count and share of the cell (sa, sb), sectors as actors.csv gives them. */
static void assert_cell(const ripple_mixing *mx, const char *sa, const char *sb, long ties)
{
	size_t a = ripple_mixing_sector(mx, sa), b = ripple_mixing_sector(mx, sb);
	if (a == RIPPLE_NONE || b == RIPPLE_NONE)
		fail_msg("no sector \"%s\" or \"%s\"", sa, sb);
	if (ripple_mixing_ties(mx, a, b) != ties)
		fail_msg("ties %s -> %s: got %ld, want %ld", sa, sb, ripple_mixing_ties(mx, a, b), ties);
	assert_double_near(ripple_mixing_share(mx, a, b), (double)ties / (double)mx->total, 1e-12);
}

/*
 * Undirected, sectors A (a1, a2), B (b1, b2), C (x), none (n1); waves w1, w2;
 * x absent at w2.
 *   w1: a1-a2 twice (two types, one tie), a1-b1, b1-b2, b2-n1, x-a1: A-A 1,
 *       A-B 1, B-B 1, B-none 1, A-C 1; 5 ties.
 *   w2: a1-b1, b2-a2 (B to A: the same cell as A-B), n1-a1, b1-b2: A-B 2,
 *       A-none 1, B-B 1; 4 ties; C's row zeros.
 */
#define U_ACTORS "id,sector\na1,A\na2,A\nb1,B\nb2,B\nn1,\nx,C\n"
#define U_TIES "source,target,wave,type,weight\n" \
	"a1,a2,w1,info,1\na2,a1,w1,help,1\na1,b1,w1,info,1\nb1,b2,w1,info,1\nb2,n1,w1,info,1\n" \
	"x,a1,w1,info,1\n" \
	"a1,b1,w2,info,1\nb2,a2,w2,info,1\nn1,a1,w2,info,1\nb1,b2,w2,info,1\n"
#define U_WAVES "wave,ordinal\nw1,1\nw2,2\n"
#define U_RESPONSES "actor,wave,status\nx,w2,absent\n"

static void test_mixing__counts_undirected_ties_once_per_unordered_pair_of_sectors(void **state)
{
	char *dir;
	ripple_store *s;
	ripple_graph g;
	ripple_mixing mx;
	ripple_error err;
	int64_t id = open_texts(&dir, &s, U_ACTORS, U_TIES, U_WAVES, U_RESPONSES, 0);

	(void)state;
	assert_int_equal(load_wave(&g, s, id, "w1", &err), RIPPLE_OK);
	assert_int_equal(ripple_mixing_compute(&mx, &g, &err), RIPPLE_OK);
	assert_int_equal(mx.nsectors, 4);            /* A, B, C, then none last */
	assert_string_equal(mx.sectors[0], "A");
	assert_string_equal(mx.sectors[2], "C");
	assert_string_equal(mx.sectors[3], "");
	assert_string_equal(ripple_mixing_sector_label(mx.sectors[3]), "(none)");
	assert_int_equal(mx.directed, 0);
	assert_int_equal(mx.total, 5);
	assert_cell(&mx, "A", "A", 1);
	assert_cell(&mx, "A", "B", 1);
	assert_cell(&mx, "B", "A", 1);               /* the same tie, both halves */
	assert_cell(&mx, "B", "B", 1);
	assert_cell(&mx, "B", "", 1);
	assert_cell(&mx, "A", "C", 1);
	assert_cell(&mx, "A", "", 0);
	assert_cell(&mx, "C", "C", 0);
	ripple_mixing_release(&mx);
	release_wave(&g);

	assert_int_equal(load_wave(&g, s, id, "w2", &err), RIPPLE_OK);
	assert_int_equal(ripple_mixing_compute(&mx, &g, &err), RIPPLE_OK);
	assert_int_equal(mx.nsectors, 4);            /* C stays, though x is absent */
	assert_int_equal(mx.total, 4);
	assert_cell(&mx, "A", "B", 2);
	assert_cell(&mx, "A", "", 1);
	assert_cell(&mx, "B", "B", 1);
	assert_cell(&mx, "A", "A", 0);
	assert_cell(&mx, "A", "C", 0);
	ripple_mixing_release(&mx);
	release_wave(&g);
	ripple_mixing_release(&mx);                  /* releasing twice is harmless */
	ripple_mixing_release(NULL);
	ripple_store_close(s);
	rm_tree(dir);
}

/*
 * Directed, one wave: a1 -> b1, b1 -> a1, b1 -> n1, a2 -> a1; n1 missing.
 * Under reconstruct n1 gets n1 -> b1 (imputed from b1's report):
 * A->A 1, A->B 1, B->A 1, B->none 1, none->B 1; 5 arcs. Under respondents n1
 * is no member: b1 -> n1 goes, 3 arcs.
 */
#define D_ACTORS "id,sector\na1,A\na2,A\nb1,B\nn1,\n"
#define D_TIES "source,target,wave,type,weight\n" \
	"a1,b1,w,info,1\nb1,a1,w,info,1\nb1,n1,w,info,1\na2,a1,w,info,1\n"
#define D_RESPONSES "actor,wave,status\nn1,w,missing\n"

static void test_mixing__counts_arcs_by_ordered_pair_of_sectors_imputed_ones_too(void **state)
{
	char *dir;
	ripple_store *s;
	ripple_model *m;
	ripple_graph g;
	ripple_graph_options o = RIPPLE_GRAPH_OPTIONS_INIT;
	ripple_mixing mx;
	ripple_error err;
	int64_t id = open_texts(&dir, &s, D_ACTORS, D_TIES, NULL, D_RESPONSES, 1);

	(void)state;
	assert_int_equal(ripple_store_read(&m, s, id, &err), RIPPLE_OK);
	assert_int_equal(ripple_graph_build(&g, m, "w", &o, &err), RIPPLE_OK);
	assert_int_equal(ripple_mixing_compute(&mx, &g, &err), RIPPLE_OK);
	assert_int_equal(mx.directed, 1);
	assert_int_equal(mx.nsectors, 3);
	assert_int_equal(mx.total, 5);
	assert_cell(&mx, "A", "A", 1);
	assert_cell(&mx, "A", "B", 1);
	assert_cell(&mx, "B", "A", 1);
	assert_cell(&mx, "B", "", 1);
	assert_cell(&mx, "", "B", 1);
	assert_cell(&mx, "", "A", 0);
	ripple_mixing_release(&mx);
	ripple_graph_release(&g);

	o.missing = RIPPLE_POLICY_RESPONDENTS;
	assert_int_equal(ripple_graph_build(&g, m, "w", &o, &err), RIPPLE_OK);
	assert_int_equal(ripple_mixing_compute(&mx, &g, &err), RIPPLE_OK);
	assert_int_equal(mx.total, 3);
	assert_cell(&mx, "B", "", 0);
	assert_cell(&mx, "", "B", 0);
	assert_cell(&mx, "A", "A", 1);
	ripple_mixing_release(&mx);
	ripple_graph_release(&g);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
}

/* A wave without ties: every cell 0, every share undefined. */
static void test_mixing__a_wave_without_ties_has_no_shares(void **state)
{
	char *dir;
	ripple_store *s;
	ripple_graph g;
	ripple_mixing mx;
	ripple_error err;
	int64_t id = open_texts(&dir, &s, U_ACTORS, U_TIES, U_WAVES, U_RESPONSES, 0);
	ripple_model *m;

	(void)state;
	assert_int_equal(ripple_store_read(&m, s, id, &err), RIPPLE_OK);
	m->wave_ties[0].count = 0;                   /* w1 with its ties taken away */
	assert_int_equal(ripple_graph_build(&g, m, "w1", NULL, &err), RIPPLE_OK);
	assert_int_equal(ripple_mixing_compute(&mx, &g, &err), RIPPLE_OK);
	assert_int_equal(mx.total, 0);
	assert_int_equal(ripple_mixing_ties(&mx, 0, 1), 0);
	assert_true(isnan(ripple_mixing_share(&mx, 0, 1)));
	ripple_mixing_release(&mx);
	ripple_graph_release(&g);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
}

/* Stockton-on-Tees, every wave, every unordered pair of sectors, as the script counted. */
static void test_mixing__stockton_matches_the_reference_script(void **state)
{
	ripple_csv *fx = read_fixture(REF "expected/mixing.csv");
	ripple_store *s;
	ripple_model *m;
	ripple_error err;
	int64_t id = open_only_place("../../datasets/stockton-on-tees", 0, &s);
	size_t checked = 0;

	(void)state;
	assert_int_equal(ripple_store_read(&m, s, id, &err), RIPPLE_OK);
	for (size_t w = 0; w < m->nwaves; w++) {
		ripple_graph g;
		ripple_mixing mx;
		size_t cells = 0;
		assert_int_equal(ripple_graph_build(&g, m, m->waves[w].name, NULL, &err), RIPPLE_OK);
		assert_int_equal(ripple_mixing_compute(&mx, &g, &err), RIPPLE_OK);
		for (size_t r = 0; r < fx->nrows; r++) {
			if (strcmp(ripple_csv_cell(fx, r, 0), m->waves[w].name) != 0)
				continue;
			size_t a = ripple_mixing_sector(&mx, ripple_csv_cell(fx, r, 1));
			size_t b = ripple_mixing_sector(&mx, ripple_csv_cell(fx, r, 2));
			if (a == RIPPLE_NONE || b == RIPPLE_NONE)
				fail_msg("wave %s: reference sectors %s, %s not found", m->waves[w].name,
				         ripple_csv_cell(fx, r, 1), ripple_csv_cell(fx, r, 2));
			long want = strtol(ripple_csv_cell(fx, r, 3), NULL, 10);
			if (ripple_mixing_ties(&mx, a, b) != want || ripple_mixing_ties(&mx, b, a) != want)
				fail_msg("wave %s, %s - %s: got %ld ties, reference %ld", m->waves[w].name,
				         ripple_csv_cell(fx, r, 1), ripple_csv_cell(fx, r, 2),
				         ripple_mixing_ties(&mx, a, b), want);
			assert_double_near(ripple_mixing_share(&mx, a, b),
			                   strtod(ripple_csv_cell(fx, r, 4), NULL), 1e-11);
			cells++;
		}
		/* the reference has every unordered pair of the place's sectors */
		assert_int_equal(cells, mx.nsectors * (mx.nsectors + 1) / 2);
		assert_int_equal(mx.total, (long)igraph_ecount(g.undirected));
		checked += cells;
		ripple_mixing_release(&mx);
		ripple_graph_release(&g);
	}
	assert_int_equal(checked, fx->nrows);
	ripple_model_free(m);
	ripple_store_close(s);
	ripple_csv_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mixing__counts_undirected_ties_once_per_unordered_pair_of_sectors),
		cmocka_unit_test(test_mixing__counts_arcs_by_ordered_pair_of_sectors_imputed_ones_too),
		cmocka_unit_test(test_mixing__a_wave_without_ties_has_no_shares),
		cmocka_unit_test(test_mixing__stockton_matches_the_reference_script),
	};
	return cmocka_run_group_tests_name("mixing", tests, NULL, NULL);
}
