/*
 * test_graph.c - a wave as a graph under each missing-data policy and each
 * undirected view (ripple_graph_build), on small places whose answers are
 * worked out by hand in the comments.
 *
 * The responses are set on the model read back from the store, one letter per
 * actor: A answered, M missing, X absent (the store owns reading
 * responses.csv; the graph only reads ripple_model.responses).
 */
#include <igraph.h>

#include "helpers.h"

/* A place written from CSV texts, read back as a model. */
typedef struct place {
	char *dir;
	ripple_store *s;
	ripple_model *m;
	unsigned char *responses;   /* ours, set on m */
} place;

static void open_place(place *p, const char *actors, const char *ties, int directed)
{
	ripple_error err;
	int64_t id;

	p->dir = temp_dir();
	write_file(p->dir, "actors.csv", actors);
	write_file(p->dir, "ties.csv", ties);
	id = open_only_place(p->dir, directed, &p->s);
	assert_int_equal(ripple_store_read(&p->m, p->s, id, &err), RIPPLE_OK);
	p->responses = NULL;
}

/* Sets the responses of the place's only wave: codes[a] for actor a (A, M or X). */
static void respond(place *p, const char *codes)
{
	assert_int_equal(strlen(codes), p->m->nactors);
	assert_int_equal(p->m->nwaves, 1);
	p->responses = malloc(p->m->nactors);
	for (size_t a = 0; a < p->m->nactors; a++)
		p->responses[a] = codes[a] == 'A' ? RIPPLE_RESPONSE_ANSWERED
		                : codes[a] == 'M' ? RIPPLE_RESPONSE_MISSING : RIPPLE_RESPONSE_ABSENT;
	p->m->responses = p->responses;
}

static void close_place(place *p)
{
	p->m->responses = NULL;     /* ours, not the model's arena */
	free(p->responses);
	ripple_model_free(p->m);
	ripple_store_close(p->s);
	rm_tree(p->dir);
}

static void build(ripple_graph *g, const place *p, enum ripple_policy missing, enum ripple_view view)
{
	ripple_graph_options o = RIPPLE_GRAPH_OPTIONS_INIT;
	ripple_error err;

	o.missing = missing;
	o.view = view;
	assert_int_equal(ripple_graph_build(g, p->m, "w", &o, &err), RIPPLE_OK);
}

/* The edges of an igraph graph with weights, in igraph's order: "a>b:1 b>a:2" ("a-b" undirected). */
static char *edges_text(const ripple_graph *g, int undirected)
{
	const igraph_t *ig = undirected ? g->undirected : g->graph;
	const double *w = undirected ? g->uweights : g->weights;
	size_t len = 0, cap = 4096;
	char *out = malloc(cap);

	out[0] = '\0';
	for (igraph_integer_t e = 0; e < igraph_ecount(ig); e++) {
		igraph_integer_t a = IGRAPH_FROM(ig, e), b = IGRAPH_TO(ig, e);
		if (!igraph_is_directed(ig) && a > b) {   /* igraph keeps the larger end first */
			igraph_integer_t t = a;
			a = b;
			b = t;
		}
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s%s:%g", e ? " " : "",
		                        g->model->actors[a].id, igraph_is_directed(ig) ? ">" : "-",
		                        g->model->actors[b].id, w[e]);
	}
	return out;
}

static void assert_edges(const ripple_graph *g, int undirected, const char *want)
{
	char *got = edges_text(g, undirected);
	if (strcmp(got, want) != 0)
		fail_msg("%s edges: got \"%s\", want \"%s\"", undirected ? "undirected" : "directed",
		         got, want);
	free(got);
}

/*
 * Directed, six actors: a, b, c answered; d and f missing; e absent.
 * Reported (source answered): a->b, b->a, a->c, a->d (two types, 1 + 2),
 * b->d (2). Nothing touches e or f.
 */
#define D_ACTORS "id\na\nb\nc\nd\ne\nf\n"
#define D_TIES "source,target,wave,type,weight\n" \
               "a,b,w,info,1\nb,a,w,info,1\na,c,w,info,1\na,d,w,info,1\na,d,w,referral,2\n" \
               "b,d,w,info,2\n"
#define D_RESPONSES "AAAMXM"

static void test_graph__reconstruct_imputes_a_missing_actor_s_arcs_from_the_reports_on_it(void **state)
{
	place p;
	ripple_graph g;

	(void)state;
	open_place(&p, D_ACTORS, D_TIES, 1);
	respond(&p, D_RESPONSES);
	build(&g, &p, RIPPLE_POLICY_RECONSTRUCT, RIPPLE_VIEW_EITHER);
	/* d is named by a (weight 3) and by b (2): d->a and d->b are imputed with those
	 * weights; f, named by no one, gets nothing; the edges in (source, target) order */
	assert_edges(&g, 0, "a>b:1 a>c:1 a>d:3 b>a:1 b>d:2 d>a:3 d>b:2");
	assert_int_equal(g.nedges, 7);
	assert_int_equal(g.imputed, 2);
	/* members: everyone but the absent e */
	assert_non_null(g.member);
	assert_int_equal(g.nmembers, 5);
	assert_int_equal(g.member[4], 0);
	assert_int_equal(g.member[3] + g.member[5], 2);
	assert_int_equal(g.answered, 3);
	assert_int_equal(g.missing, 2);
	assert_int_equal(g.absent, 1);
	assert_double_near(g.response_rate, 3.0 / 5.0, 1e-15);
	/* ordered pairs of the 5 members, but d->f and f->d, of two missing actors */
	assert_double_near(g.observed_pairs, 5 * 4 - 2, 0);
	/* either: union of both directions, weights of both summed */
	assert_edges(&g, 1, "a-b:2 a-c:1 a-d:6 b-d:4");
	ripple_graph_release(&g);
	close_place(&p);
}

static void test_graph__both_keeps_only_pairs_that_named_each_other_as_reported(void **state)
{
	place p;
	ripple_graph g;

	(void)state;
	open_place(&p, D_ACTORS, D_TIES, 1);
	respond(&p, D_RESPONSES);
	/* a<->b is the only pair both named; a->d and d->a would be both, but d->a is
	 * imputed: d did not answer, the pair cannot be confirmed, so it is dropped */
	build(&g, &p, RIPPLE_POLICY_RECONSTRUCT, RIPPLE_VIEW_BOTH);
	assert_edges(&g, 1, "a-b:2");
	assert_edges(&g, 0, "a>b:1 a>c:1 a>d:3 b>a:1 b>d:2 d>a:3 d>b:2");   /* directed: unchanged */
	ripple_graph_release(&g);
	build(&g, &p, RIPPLE_POLICY_CENSUS, RIPPLE_VIEW_BOTH);
	assert_edges(&g, 1, "a-b:2");
	ripple_graph_release(&g);
	close_place(&p);
}

static void test_graph__respondents_keeps_the_ties_among_those_who_answered(void **state)
{
	place p;
	ripple_graph g;

	(void)state;
	open_place(&p, D_ACTORS, D_TIES, 1);
	respond(&p, D_RESPONSES);
	build(&g, &p, RIPPLE_POLICY_RESPONDENTS, RIPPLE_VIEW_EITHER);
	assert_edges(&g, 0, "a>b:1 a>c:1 b>a:1");
	assert_edges(&g, 1, "a-b:2 a-c:1");
	assert_int_equal(g.imputed, 0);
	assert_int_equal(g.nmembers, 3);
	for (size_t a = 0; a < 6; a++)
		assert_int_equal(g.member[a], a < 3);
	assert_double_near(g.observed_pairs, 3 * 2, 0);
	ripple_graph_release(&g);
	close_place(&p);
}

static void test_graph__census_is_the_ties_as_reported_with_every_actor(void **state)
{
	place p;
	ripple_graph g;

	(void)state;
	open_place(&p, D_ACTORS, D_TIES, 1);
	respond(&p, D_RESPONSES);
	build(&g, &p, RIPPLE_POLICY_CENSUS, RIPPLE_VIEW_EITHER);
	assert_edges(&g, 0, "a>b:1 a>c:1 a>d:3 b>a:1 b>d:2");
	assert_edges(&g, 1, "a-b:2 a-c:1 a-d:3 b-d:2");
	assert_null(g.member);
	assert_int_equal(g.nmembers, 6);
	assert_int_equal(g.imputed, 0);
	assert_double_near(g.observed_pairs, 6 * 5, 0);
	/* the counts of responses do not depend on the policy */
	assert_int_equal(g.answered, 3);
	assert_int_equal(g.missing, 2);
	assert_int_equal(g.absent, 1);
	ripple_graph_release(&g);
	close_place(&p);
}

static void test_graph__counts_confirmation_on_the_ties_as_reported(void **state)
{
	place p;
	ripple_graph g;

	(void)state;
	open_place(&p, D_ACTORS, D_TIES, 1);
	respond(&p, D_RESPONSES);
	/* {a,b} confirmed; a->c unconfirmed (c answered, named no one); a->d and b->d
	 * unconfirmable (d missing): the same under every policy */
	for (int pol = 0; pol < RIPPLE_NPOLICIES; pol++) {
		build(&g, &p, (enum ripple_policy)pol, RIPPLE_VIEW_EITHER);
		assert_int_equal(g.confirmed, 1);
		assert_int_equal(g.unconfirmed, 1);
		assert_int_equal(g.unconfirmable, 2);
		ripple_graph_release(&g);
	}
	/* without responses everyone answered: nothing is unconfirmable */
	p.m->responses = NULL;
	build(&g, &p, RIPPLE_POLICY_RECONSTRUCT, RIPPLE_VIEW_EITHER);
	assert_int_equal(g.confirmed, 1);
	assert_int_equal(g.unconfirmed, 3);
	assert_int_equal(g.unconfirmable, 0);
	ripple_graph_release(&g);
	close_place(&p);
}

static void test_graph__without_responses_every_policy_gives_the_same_graph(void **state)
{
	place p;
	ripple_graph g[RIPPLE_NPOLICIES * 2];

	(void)state;
	open_place(&p, D_ACTORS, D_TIES, 1);
	for (int i = 0; i < RIPPLE_NPOLICIES; i++) {
		build(&g[i], &p, (enum ripple_policy)i, RIPPLE_VIEW_EITHER);
		assert_null(g[i].member);
		assert_int_equal(g[i].nmembers, 6);
		assert_int_equal(g[i].answered, 6);
		assert_int_equal(g[i].missing + g[i].absent + g[i].imputed, 0);
		assert_double_near(g[i].response_rate, 1, 0);
		assert_double_near(g[i].observed_pairs, 30, 0);
		assert_edges(&g[i], 0, "a>b:1 a>c:1 a>d:3 b>a:1 b>d:2");
		assert_edges(&g[i], 1, "a-b:2 a-c:1 a-d:3 b-d:2");
		ripple_graph_release(&g[i]);
	}
	close_place(&p);
}

/*
 * Undirected, five actors: d missing, e absent. Ties a-b, b-d (reported by b),
 * c-a (reported by c).
 */
static void test_graph__undirected_policies_add_nothing_and_drop_non_members(void **state)
{
	place p;
	ripple_graph g;

	(void)state;
	open_place(&p, "id\na\nb\nc\nd\ne\n", "source,target,wave\na,b,w\nb,d,w\nc,a,w\n", 0);
	respond(&p, "AAAMX");
	/* reconstruct: b's report of b-d is the tie; a pair is known when one side
	 * answered: every pair of the 4 members (d has no missing partner) */
	build(&g, &p, RIPPLE_POLICY_RECONSTRUCT, RIPPLE_VIEW_EITHER);
	assert_edges(&g, 0, "a-b:1 a-c:1 b-d:1");
	assert_ptr_equal(g.undirected, g.graph);
	assert_int_equal(g.imputed, 0);
	assert_int_equal(g.nmembers, 4);
	assert_double_near(g.observed_pairs, 4 * 3 / 2, 0);
	assert_int_equal(g.confirmed + g.unconfirmed + g.unconfirmable, 0);
	ripple_graph_release(&g);
	build(&g, &p, RIPPLE_POLICY_RESPONDENTS, RIPPLE_VIEW_EITHER);
	assert_edges(&g, 0, "a-b:1 a-c:1");
	assert_double_near(g.observed_pairs, 3, 0);
	ripple_graph_release(&g);
	build(&g, &p, RIPPLE_POLICY_CENSUS, RIPPLE_VIEW_BOTH);   /* no effect undirected */
	assert_edges(&g, 0, "a-b:1 a-c:1 b-d:1");
	assert_double_near(g.observed_pairs, 10, 0);
	ripple_graph_release(&g);
	close_place(&p);
}

/* The edges file of a CSV export of the wave built with policy. */
static char *export_edges(const place *p, enum ripple_policy missing)
{
	ripple_export_options o = RIPPLE_EXPORT_OPTIONS_INIT;
	ripple_export ex;
	ripple_error err;
	char *text;

	o.format = RIPPLE_EXPORT_CSV;
	o.wave = "w";
	o.graph.missing = missing;
	assert_int_equal(ripple_export_write(&ex, p->m, &o, &err), RIPPLE_OK);
	assert_string_equal(ex.files[0].role, "edges");
	text = strndup(ex.files[0].data, ex.files[0].len);
	ripple_export_release(&ex);
	return text;
}

static void test_graph__exports_write_the_policy_s_network(void **state)
{
	place p;
	char *csv;

	(void)state;
	open_place(&p, D_ACTORS, D_TIES, 1);
	respond(&p, D_RESPONSES);
	/* reconstruct: d->a and d->b are copies of a->d and b->d, from no row of ties.csv */
	csv = export_edges(&p, RIPPLE_POLICY_RECONSTRUCT);
	assert_string_equal(csv, "source,target,wave,type,weight,ties\n"
	                         "a,b,w,info,1,1\na,c,w,info,1,1\na,d,w,info;referral,3,2\n"
	                         "b,a,w,info,1,1\nb,d,w,info,2,1\n"
	                         "d,a,w,info;referral,3,0\nd,b,w,info,2,0\n");
	free(csv);
	csv = export_edges(&p, RIPPLE_POLICY_RESPONDENTS);
	assert_string_equal(csv, "source,target,wave,type,weight,ties\n"
	                         "a,b,w,info,1,1\na,c,w,info,1,1\nb,a,w,info,1,1\n");
	free(csv);
	csv = export_edges(&p, RIPPLE_POLICY_CENSUS);
	assert_string_equal(csv, "source,target,wave,type,weight,ties\n"
	                         "a,b,w,info,1,1\na,c,w,info,1,1\na,d,w,info;referral,3,2\n"
	                         "b,a,w,info,1,1\nb,d,w,info,2,1\n");
	free(csv);
	close_place(&p);
}

static void test_graph__names_and_parses_policies_and_views(void **state)
{
	(void)state;
	for (int i = 0; i < RIPPLE_NPOLICIES; i++)
		assert_int_equal(ripple_policy_parse(ripple_policy_name((enum ripple_policy)i)), i);
	assert_string_equal(ripple_policy_name(RIPPLE_POLICY_RECONSTRUCT), "reconstruct");
	assert_int_equal(ripple_policy_parse("everyone"), -1);
	assert_int_equal(ripple_view_parse("either"), RIPPLE_VIEW_EITHER);
	assert_int_equal(ripple_view_parse("both"), RIPPLE_VIEW_BOTH);
	assert_int_equal(ripple_view_parse("all"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_graph__reconstruct_imputes_a_missing_actor_s_arcs_from_the_reports_on_it),
		cmocka_unit_test(test_graph__both_keeps_only_pairs_that_named_each_other_as_reported),
		cmocka_unit_test(test_graph__respondents_keeps_the_ties_among_those_who_answered),
		cmocka_unit_test(test_graph__census_is_the_ties_as_reported_with_every_actor),
		cmocka_unit_test(test_graph__counts_confirmation_on_the_ties_as_reported),
		cmocka_unit_test(test_graph__without_responses_every_policy_gives_the_same_graph),
		cmocka_unit_test(test_graph__undirected_policies_add_nothing_and_drop_non_members),
		cmocka_unit_test(test_graph__exports_write_the_policy_s_network),
		cmocka_unit_test(test_graph__names_and_parses_policies_and_views),
	};
	return cmocka_run_group_tests_name("graph", tests, NULL, NULL);
}
