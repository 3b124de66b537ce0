/*
 * cmd_compare.c - ripple compare SOURCE [PLACE] [--from W1 --to W2] [--permutations N] [--seed S]
 *
 * Sections, in this order: summary (counts, Jaccard, Hamming), tests (QAP and
 * attendees), network (every network measure at W1 and W2 and the change),
 * ties (the ledger), actors (flags and the change of every actor measure),
 * gainers (top five per centrality), ripples, responses (who answered
 * each wave, and the --missing policy) and mixing (ties within and between
 * sectors at W1 and W2, cli/mixing.c). A table prints them all under
 * headings; JSON is one object with a key per section; CSV prints one section
 * with --section, or all of them, each after a "# name" line.
 */
#include <math.h>
#include <stdlib.h>

#include <string.h>

#include "cli.h"

enum section {
	S_SUMMARY, S_TESTS, S_NETWORK, S_TIES, S_ACTORS, S_GAINERS, S_RIPPLES, S_RESPONSES, S_MIXING,
	S_COUNT
};
static const char *const section_names[S_COUNT] = {
	"summary", "tests", "network", "ties", "actors", "gainers", "ripples", "responses",
	"mixing"
};

typedef struct compare_options {
	cli_measure_options io;
	const char *from, *to;
	int section;             /* -1 for all */
	ripple_compare_options c;
} compare_options;

/* --section NAME: one of section_names, into an int. */
static int parse_section(void *field, const char *arg, const cli_opt_spec *spec, const char *cmd)
{
	(void)spec;
	return cli_section_parse(field, arg, section_names, S_COUNT, cmd);
}

static const cli_opt_spec options[] = {
	CLI_VALUE(compare_options, from, "from", 'F', "W1", NULL,
	          "the wave to compare from (default: the place's first)"),
	CLI_VALUE(compare_options, to, "to", 'T', "W2", NULL,
	          "the wave to compare to (default: the place's last)"),
	CLI_OPT_PERMUTATIONS(compare_options, c.permutations, 'N'),
	CLI_OPT_SEED(compare_options, c.seed, 's',
	             "seed of both tests (the attendee test takes S+1) and of the community "
	             "search (default 42)"),
	CLI_OPT_WEIGHTED(compare_options, c.weighted, 'W',
	                 "QAP on tie weights instead of presence, and the weighted measures "
	                 "(as metrics --weighted)"),
	CLI_VALUE(compare_options, section, "section", 'S', "NAME", parse_section,
	          "print one section: summary, tests, network, ties, actors, gainers, ripples, "
	          "responses or mixing (default: all, in that order)"),
	CLI_OPT_LEVEL(compare_options, io.level),
	CLI_OPT_SHARE(compare_options, io.share),
	CLI_OPT_MEASURES(compare_options, io, c.paths),
	CLI_HELP,
	CLI_END
};

#define NUM(buf, v, integer) \
	(cli_format_number((buf), sizeof(buf), (v), (integer), (enum cli_format)o->io.format), (buf))

static const char *yes_no(int v)
{
	return v > 0 ? "yes" : v == 0 ? "no" : NULL;
}

static const char *confirmation_name(int c)
{
	return c < 0 ? NULL : ripple_confirmation_name((enum ripple_confirmation)c);
}


static void summary_rows(cli_table *t, const ripple_compare *c, const compare_options *o)
{
	long first = 0, joiners = 0, leavers = 0;
	char v[48];
	for (size_t i = 0; i < c->g1.n; i++) {
		first += c->first_connected[i];
		joiners += c->joiner[i];
		leavers += c->leaver[i];
	}
	struct { const char *name; double value; int integer; } rows[] = {
		{ "ties_new", (double)c->count[RIPPLE_TIE_NEW], 1 },
		{ "ties_lost", (double)c->count[RIPPLE_TIE_LOST], 1 },
		{ "ties_kept", (double)c->count[RIPPLE_TIE_KEPT], 1 },
		{ "kept_strengthened", (double)c->strengthened, 1 },
		{ "kept_weakened", (double)c->weakened, 1 },
		{ "new_cross_sector", (double)c->new_cross_sector, 1 },
		{ "new_cross_organisation", (double)c->new_cross_organisation, 1 },
		{ "new_cross_town", (double)c->new_cross_town, 1 },
		{ "new_bridging", (double)c->new_bridging, 1 },
		{ "jaccard", c->jaccard, 0 },
		{ "hamming", c->hamming, 1 },
		{ "actors_first_connected", (double)first, 1 },
		{ "joiners", (double)joiners, 1 },
		{ "leavers", (double)leavers, 1 },
		{ "ties_unknown", (double)c->count[RIPPLE_TIE_UNKNOWN], 1 },
		{ "unknown_joiner", (double)c->unknown[RIPPLE_UNKNOWN_JOINER], 1 },
		{ "unknown_leaver", (double)c->unknown[RIPPLE_UNKNOWN_LEAVER], 1 },
		{ "unknown_missing_from", (double)c->unknown[RIPPLE_UNKNOWN_MISSING_FROM], 1 },
		{ "unknown_missing_to", (double)c->unknown[RIPPLE_UNKNOWN_MISSING_TO], 1 },
		{ "response_rate_from", c->g1.response_rate, 0 },
		{ "response_rate_to", c->g2.response_rate, 0 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *row[] = { c->g1.place, c->g1.wave, c->g2.wave, rows[i].name,
		                      NUM(v, rows[i].value, rows[i].integer) };
		cli_table_add(t, row);
	}
}

static void tests_rows(cli_table *t, const ripple_compare *c, const compare_options *o)
{
	char r[48], p[48], n[48], seed[48], my[48], mn[48], ny[48], nn[48], qn[48], nb[48];
	snprintf(n, sizeof(n), "%ld", c->permutations);
	snprintf(seed, sizeof(seed), "%lu", c->seed);
	const char *qap[] = { c->g1.place, "qap", "correlation", NUM(r, c->qap_r, 0),
	                      NUM(p, c->qap_p, 0), n, seed, NULL, NULL, NULL, NULL,
	                      NUM(qn, (double)c->qap_n, 1), NULL };
	cli_table_add(t, qap);
	char d[48], ap[48], seed2[48];
	snprintf(seed2, sizeof(seed2), "%lu", c->seed + 1);
	const char *att[] = { c->g1.place, "attendees", "difference_in_mean_new_ties",
	                      NUM(d, c->attend_diff, 0), NUM(ap, c->attend_p, 0), n, seed2,
	                      NUM(my, c->attend_mean_yes, 0), NUM(mn, c->attend_mean_no, 0),
	                      NUM(ny, (double)c->attend_yes, 1), NUM(nn, (double)c->attend_no, 1),
	                      NULL, NUM(nb, (double)c->attend_before, 1) };
	cli_table_add(t, att);
}

static void network_rows(cli_table *t, const ripple_compare *c, const compare_options *o)
{
	for (int k = 0; k < RIPPLE_NET_COUNT; k++) {
		const ripple_measure_info *info = ripple_net_measure_info(k);
		if (!ripple_measure_applies(info->scope, c->g1.directed, c->m1.has_trust, c->m1.has_value))
			continue;
		char a[48], b[48], d[48];
		double x = c->m1.net[k], y = c->m2.net[k];
		const char *row[] = { c->g1.place, info->name, NUM(a, x, info->integer),
		                      NUM(b, y, info->integer), NUM(d, y - x, info->integer) };
		cli_table_add(t, row);
	}
}

static void tie_rows(cli_table *t, const ripple_compare *c, const compare_options *o)
{
	static const char *const dist[] = { "none", "", "1", "2", "3+" };
	for (size_t i = 0; i < c->nties; i++) {
		const ripple_tie_change *x = &c->ties[i];
		char w1[48], w2[48];
		const char *change = x->status != RIPPLE_TIE_KEPT ? NULL
		                     : x->w2 > x->w1 ? "strengthened" : x->w2 < x->w1 ? "weakened" : "same";
		/* weights are positive: 0 means no tie at that wave */
		const char *row[] = {
			c->g1.place, c->g1.model->actors[x->a].id, c->g1.model->actors[x->b].id, c->g1.model->actors[x->a].label, c->g1.model->actors[x->b].label,
			ripple_tie_status_name(x->status), x->w1 > 0 ? NUM(w1, x->w1, 0) : NULL,
			x->w2 > 0 ? NUM(w2, x->w2, 0) : NULL, change,
			yes_no(x->cross_sector), yes_no(x->cross_organisation), yes_no(x->cross_town),
			x->status == RIPPLE_TIE_NEW ? yes_no(x->bridging) : NULL,
			x->status == RIPPLE_TIE_NEW ? dist[x->distance1 + 1] : NULL,
			x->unknown < 0 ? NULL : ripple_unknown_reason_name((enum ripple_unknown_reason)x->unknown),
			confirmation_name(x->confirmation1), confirmation_name(x->confirmation2),
		};
		cli_table_add(t, row);
	}
}

/* Actor measures whose change is reported (community numbers are labels, not amounts). */
static int reported(int k, const ripple_compare *c)
{
	const ripple_measure_info *info = ripple_node_measure_info(k);
	return k != RIPPLE_NODE_COMMUNITY &&
	       ripple_measure_applies(info->scope, c->g1.directed, c->m1.has_trust, c->m1.has_value);
}

static void actor_rows(cli_table *t, const ripple_compare *c, const compare_options *o)
{
	char cells[RIPPLE_NODE_COUNT][48], nt[48];
	const char *row[8 + RIPPLE_NODE_COUNT];
	for (size_t v = 0; v < c->g1.n; v++) {
		size_t k = 0;
		row[k++] = c->g1.place;
		row[k++] = c->g1.model->actors[v].id;
		row[k++] = c->g1.model->actors[v].label;
		row[k++] = c->g1.model->actors[v].sector;
		row[k++] = yes_no(c->g1.model->actors[v].attended);
		row[k++] = yes_no(c->first_connected[v]);
		row[k++] = c->joiner[v] ? "joined" : c->leaver[v] ? "left" : NULL;
		row[k++] = NUM(nt, (double)c->new_ties[v], 1);
		for (int m = 0; m < RIPPLE_NODE_COUNT; m++) {
			if (!reported(m, c))
				continue;
			double x = ripple_metrics_node(&c->m1, v, m), y = ripple_metrics_node(&c->m2, v, m);
			row[k++] = NUM(cells[m], y - x, ripple_node_measure_info(m)->integer);
		}
		cli_table_add(t, row);
	}
}

static void gainer_rows(cli_table *t, const ripple_compare *c, const compare_options *o)
{
	static const int measures[] = { RIPPLE_NODE_DEGREE, RIPPLE_NODE_BETWEENNESS,
	                                RIPPLE_NODE_HARMONIC_CLOSENESS, RIPPLE_NODE_EIGENVECTOR };
	for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++) {
		int m = measures[i];
		size_t top[5], ntop = ripple_compare_gainers(top, 5, c, m);
		const ripple_measure_info *info = ripple_node_measure_info(m);
		for (size_t rank = 0; rank < ntop; rank++) {
			size_t v = top[rank];
			double x = ripple_metrics_node(&c->m1, v, m), y = ripple_metrics_node(&c->m2, v, m);
			char r[24], a[48], b[48], d[48];
			snprintf(r, sizeof(r), "%zu", rank + 1);
			const char *row[] = { c->g1.place, info->name, r, c->g1.model->actors[v].id, c->g1.model->actors[v].label,
			                      NUM(a, x, info->integer), NUM(b, y, info->integer),
			                      NUM(d, y - x, info->integer) };
			cli_table_add(t, row);
		}
	}
}

static void ripple_rows(cli_table *t, const ripple_compare *c, const compare_options *o)
{
	for (size_t i = 0; i < c->nlinks; i++) {
		const ripple_ripple_link *l = &c->links[i];
		char p[32], pn[32], pk[32], p0[32], pu[32];
		const char *row[] = { c->g1.place, l->id, l->label, l->actors, NUM(p, (double)l->pairs, 1),
		                      NUM(pn, (double)l->pairs_new, 1), NUM(pk, (double)l->pairs_kept, 1),
		                      NUM(p0, (double)l->pairs_none, 1),
		                      !l->joined ? "none" : ripple_tie_status_name(l->status),
		                      NUM(pu, (double)l->pairs_unknown, 1) };
		cli_table_add(t, row);
	}
}

/* The mixing section: every cell of the sector mixing matrix at W1 and W2. */
static int mixing_rows(cli_table *t, const ripple_compare *c, const compare_options *o)
{
	ripple_mixing m1, m2;
	ripple_error err;
	int status = 0;

	memset(&m2, 0, sizeof(m2));
	if (ripple_mixing_compute(&m1, &c->g1, &err) < 0 ||
	    ripple_mixing_compute(&m2, &c->g2, &err) < 0)
		status = cli_error(&err);
	else if (cli_mixing_change_add(t, c->g1.place, &m1, &m2, (enum cli_format)o->io.format) < 0)
		status = cli_fail(1, "out of memory");
	ripple_mixing_release(&m1);
	ripple_mixing_release(&m2);
	return status;
}

static int print_compare(const ripple_compare *c, const compare_options *o)
{
	static const cli_column summary_cols[] = { { "place", CLI_STR }, { "from", CLI_STR },
		{ "to", CLI_STR }, { "measure", CLI_STR }, { "value", CLI_NUM } };
	static const cli_column test_cols[] = { { "place", CLI_STR }, { "test", CLI_STR },
		{ "statistic", CLI_STR }, { "value", CLI_NUM }, { "p_value", CLI_NUM },
		{ "permutations", CLI_INT }, { "seed", CLI_INT }, { "mean_attended", CLI_NUM },
		{ "mean_others", CLI_NUM }, { "attended", CLI_INT }, { "others", CLI_INT },
		{ "actors", CLI_INT }, { "trained_before", CLI_INT } };
	static const cli_column network_cols[] = { { "place", CLI_STR }, { "measure", CLI_STR },
		{ "from", CLI_NUM }, { "to", CLI_NUM }, { "change", CLI_NUM } };
	static const cli_column tie_cols[] = { { "place", CLI_STR }, { "source", CLI_STR },
		{ "target", CLI_STR }, { "source_label", CLI_STR }, { "target_label", CLI_STR },
		{ "status", CLI_STR }, { "weight_from", CLI_NUM }, { "weight_to", CLI_NUM },
		{ "weight_change", CLI_STR }, { "cross_sector", CLI_BOOL },
		{ "cross_organisation", CLI_BOOL }, { "cross_town", CLI_BOOL }, { "bridging", CLI_BOOL },
		{ "distance_from", CLI_STR }, { "unknown_reason", CLI_STR },
		{ "confirmation_from", CLI_STR }, { "confirmation_to", CLI_STR } };
	static const cli_column gainer_cols[] = { { "place", CLI_STR }, { "measure", CLI_STR },
		{ "rank", CLI_INT }, { "actor", CLI_STR }, { "label", CLI_STR }, { "from", CLI_NUM },
		{ "to", CLI_NUM }, { "change", CLI_NUM } };
	static const cli_column ripple_cols[] = { { "place", CLI_STR }, { "ripple", CLI_STR },
		{ "label", CLI_STR }, { "actors", CLI_STR }, { "pairs", CLI_INT }, { "pairs_new", CLI_INT },
		{ "pairs_kept", CLI_INT }, { "pairs_none", CLI_INT }, { "joined_by", CLI_STR },
		{ "pairs_unknown", CLI_INT } };
	cli_column actor_cols[8 + RIPPLE_NODE_COUNT] = { { "place", CLI_STR }, { "actor", CLI_STR },
		{ "label", CLI_STR }, { "sector", CLI_STR }, { "attended", CLI_BOOL },
		{ "first_connected", CLI_BOOL }, { "presence", CLI_STR }, { "new_ties", CLI_INT } };
	char names[RIPPLE_NODE_COUNT][64];
	size_t nactor_cols = 8;
	int first = 1, status = 0;

	for (int m = 0; m < RIPPLE_NODE_COUNT; m++) {
		if (!reported(m, c))
			continue;
		snprintf(names[m], sizeof(names[m]), "%s_change", ripple_node_measure_info(m)->name);
		actor_cols[nactor_cols++] = (cli_column){ names[m], ripple_node_measure_info(m)->integer
		                                                        ? CLI_INT : CLI_NUM };
	}
	for (int s = 0; s < S_COUNT; s++) {
		if (o->section >= 0 && o->section != s)
			continue;
		cli_table t;
		switch (s) {
		case S_SUMMARY: cli_table_init(&t, summary_cols, 5); summary_rows(&t, c, o); break;
		case S_TESTS: cli_table_init(&t, test_cols, 13); tests_rows(&t, c, o); break;
		case S_NETWORK: cli_table_init(&t, network_cols, 5); network_rows(&t, c, o); break;
		case S_TIES: cli_table_init(&t, tie_cols, 17); tie_rows(&t, c, o); break;
		case S_ACTORS: cli_table_init(&t, actor_cols, nactor_cols); actor_rows(&t, c, o); break;
		case S_GAINERS: cli_table_init(&t, gainer_cols, 8); gainer_rows(&t, c, o); break;
		case S_RESPONSES:
			cli_table_init(&t, cli_responses_table_columns, CLI_RESPONSES_TABLE_NCOLS);
			cli_responses_add(&t, &c->g1, (enum cli_format)o->io.format);
			cli_responses_add(&t, &c->g2, (enum cli_format)o->io.format);
			break;
		case S_MIXING:
			cli_table_init(&t, cli_mixing_change_columns, CLI_MIXING_CHANGE_NCOLS);
			status = mixing_rows(&t, c, o);
			break;
		default: cli_table_init(&t, ripple_cols, 10); ripple_rows(&t, c, o); break;
		}
		t.min_count = o->io.share.min_count;
		t.no_formula_guard = o->io.no_formula_guard;
		if (!status)
			cli_section_write(&t, section_names[s], o->io.format, o->section < 0,
			                  &first);
		cli_table_release(&t);
	}
	if (o->io.format == CLI_JSON && !first)
		printf("}\n");
	return status;
}

int cmd_compare(int argc, char **argv)
{
	ripple_compare_options cdefaults = RIPPLE_COMPARE_OPTIONS_INIT;
	compare_options o = { 0 };
	cli_progress prog;
	ripple_store *store = NULL;
	ripple_compare cmp;
	ripple_error err = { 0 };
	int64_t *place_ids = NULL;
	char **names = NULL;
	ripple_model *model = NULL;
	size_t nplaces = 0, nwaves = 0;
	int status = 0;

	o.c = cdefaults;
	o.section = -1;
	if ((status = cli_measure_open(&store, &place_ids, &names, &nplaces, "compare", options, &o,
	                               &o.c.paths, argc, argv)) != 0)
		return status < 0 ? 0 : status;
	if (nplaces > 1) {
		status = cli_usage_error("compare", "%s holds %zu places: name one (ripple batch compares "
		                         "them all)", o.io.source, nplaces);
		goto done;
	}
	if (ripple_store_read(&model, store, place_ids[0], &err) < 0) {
		status = cli_error(&err);
		goto done;
	}
	if ((status = cli_model_level(&model, o.io.level)) != 0 ||
	    (status = cli_model_share(model, &o.io.share)) != 0)
		goto done;
	nwaves = model->nwaves;
	if (nwaves < 2 && !(o.from && o.to)) {
		status = cli_fail(2, "place \"%s\" has %zu wave%s: compare needs two", names[0], nwaves,
		                  nwaves == 1 ? "" : "s");
		goto done;
	}
	if (!o.from)
		o.from = model->waves[0].name;
	if (!o.to)
		o.to = model->waves[nwaves - 1].name;
	cli_warn_wave_order(model, o.from, o.to);
	cli_progress_start(&prog, "blocks of shortest paths", &o.c.paths.progress,
	                   &o.c.paths.progress_ctx);
	o.c.graph = o.io.graph;
	if (ripple_compare_run(&cmp, model, o.from, o.to, &o.c, &err) < 0) {
		cli_progress_end(&prog);
		status = cli_error(&err);
		goto done;
	}
	cli_warn_responses(&cmp.g1, o.io.min_response);
	cli_warn_responses(&cmp.g2, o.io.min_response);
	if (o.io.format == CLI_TABLE) {
		cli_print_line(stdout, "%s: %s -> %s, %ld permutations, seed %lu, --missing %s", names[0],
		               o.from, o.to, o.c.permutations, o.c.seed,
		               ripple_policy_name(o.c.graph.missing));
		putchar('\n');
	}
	status = print_compare(&cmp, &o);
	ripple_compare_release(&cmp);
done:
	ripple_model_free(model);
	free(place_ids);
	ripple_strv_free(names);
	ripple_store_close(store);
	return status;
}
