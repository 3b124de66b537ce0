/*
 * test_mindmap.c - XMind and FreeMind maps read as places (docs/IMPORT.md),
 * and a place's ripple map written back as either (docs/EXPORT.md).
 *
 * The three example maps of datasets/imports/mindmaps/ are made by
 * tests/reference/make_mindmaps.py with the structures XMind and FreeMind
 * write; expected-ripples.csv beside them is the tree they must import to,
 * written by that script from the table the maps are made from.
 */
#include "helpers.h"
#include "input/place.h"

#define MAPS "../../datasets/imports/mindmaps/"

/* ---- helpers --------------------------------------------------------------- */

static ripple_place *load_map(const char *path, enum ripple_from from)
{
	ripple_load_options o = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;

	o.from = from;
	if (ripple_place_load(&p, path, &o, &d) < 0)
		fail_msg("%s: %s:%ld: %s", path, d.items[0].file, d.items[0].line, d.items[0].message);
	ripple_diags_release(&d);
	return p;
}

/* The capitals of a ';'-list as bits. */
static unsigned capital_bits(const char *list)
{
	unsigned bits = 0;
	char *copy = strdup(list), *save = NULL;

	for (char *w = strtok_r(copy, ";", &save); w; w = strtok_r(NULL, ";", &save))
		for (int c = 0; c < RIPPLE_NCAPITALS; c++)
			if (strcmp(w, ripple_capital_name(c)) == 0)
				bits |= 1u << c;
	free(copy);
	return bits;
}

/* The actors a ripple names as "a;b", in the order given. */
static void actor_list(char *buf, size_t size, const ripple_actor *actors, const ripple_ripple *r)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < r->nactors; k++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? ";" : "",
		                        actors[r->actors[k]].id);
}

/* The place's ripples are exactly the rows of expected-ripples.csv. */
static void expect_workshop(const ripple_place *p)
{
	ripple_csv *want = read_fixture(MAPS "expected-ripples.csv");
	char acts[256];

	assert_string_equal(p->programme, "Place-based leadership programme");
	assert_int_equal(p->nripples, want->nrows);
	for (size_t i = 0; i < want->nrows; i++) {
		const ripple_ripple *r = &p->ripples[i];
		const char *parent = ripple_csv_cell(want, i, 1);
		assert_string_equal(r->id, ripple_csv_cell(want, i, 0));
		if (*parent)
			assert_string_equal(p->ripples[r->parent].id, parent);
		else
			assert_true(r->parent == RIPPLE_NONE);
		assert_string_equal(r->label, ripple_csv_cell(want, i, 2));
		assert_int_equal(r->capitals, capital_bits(ripple_csv_cell(want, i, 3)));
		assert_int_equal(r->valence,
		                 strcmp(ripple_csv_cell(want, i, 4), "negative") == 0 ? -1 : 1);
		assert_int_equal(r->intended, strcmp(ripple_csv_cell(want, i, 5), "yes") == 0 ? 1
		                              : strcmp(ripple_csv_cell(want, i, 5), "no") == 0 ? 0 : -1);
		assert_string_equal(r->date, ripple_csv_cell(want, i, 6));
		actor_list(acts, sizeof(acts), p->actors, r);
		assert_string_equal(acts, ripple_csv_cell(want, i, 7));
		assert_string_equal(r->notes, ripple_csv_cell(want, i, 8));
	}
	ripple_csv_free(want);
}

/* Writes text (len bytes) to dir/name; returns the malloc'd path. */
static char *put(const char *dir, const char *name, const char *text, size_t len)
{
	char *path = ripple_strdupf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return path;
}

/* Loads a map of `kind` from memory that must be refused with text (at line, 0: none). */
static void expect_refused(enum ripple_mindmap kind, const char *text, long line, const char *msg)
{
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;

	assert_int_equal(ripple_mindmap_from_memory(&p, "map", kind, text, strlen(text), NULL, &d),
	                 RIPPLE_EINPUT);
	assert_null(p);
	assert_diag(&d, "map", line, msg);
	ripple_diags_release(&d);
}

/* ---- reading ------------------------------------------------------------------ */

static void test_mindmap__xmind_content_json_imports_to_the_workshop_tree(void **state)
{
	(void)state;
	ripple_place *p = load_map(MAPS "workshop.xmind", RIPPLE_FROM_XMIND);
	expect_workshop(p);
	assert_string_equal(p->name, "workshop");
	assert_int_equal(p->nactors, 2);      /* the actors ripples name, by id */
	ripple_place_free(p);
}

static void test_mindmap__xmind8_content_xml_imports_to_the_workshop_tree(void **state)
{
	(void)state;
	ripple_place *p = load_map(MAPS "workshop-xmind8.xmind", RIPPLE_FROM_XMIND);
	expect_workshop(p);
	ripple_place_free(p);
}

static void test_mindmap__freemind_imports_to_the_workshop_tree(void **state)
{
	(void)state;
	ripple_place *p = load_map(MAPS "workshop.mm", RIPPLE_FROM_FREEMIND);
	expect_workshop(p);
	ripple_place_free(p);
}

static void test_mindmap__codes_in_the_title_suffix_and_positions_as_ids(void **state)
{
	(void)state;
	static const char json[] =
		"[{\"rootTopic\":{\"title\":\"P\",\"children\":{\"attached\":["
		"{\"title\":\"A [Social capital; negative]\",\"children\":{\"attached\":["
		"{\"title\":\"B [human, unintended]\"},{\"title\":\"Report [2024] []\"}]}}]}}}]";
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;

	assert_int_equal(ripple_mindmap_from_memory(&p, "dir/m.xmind", RIPPLE_MINDMAP_XMIND_JSON,
	                                             json, strlen(json), NULL, &d), RIPPLE_OK);
	assert_int_equal(p->nripples, 3);
	assert_string_equal(p->ripples[0].id, "1");
	assert_string_equal(p->ripples[0].label, "A");
	assert_int_equal(p->ripples[0].capitals, RIPPLE_SOCIAL);
	assert_int_equal(p->ripples[0].valence, -1);
	assert_string_equal(p->ripples[1].id, "1.1");
	assert_int_equal(p->ripples[1].capitals, RIPPLE_HUMAN);
	assert_int_equal(p->ripples[1].intended, 0);
	assert_int_equal(p->ripples[1].parent, 0);
	assert_string_equal(p->ripples[2].label, "Report [2024]");   /* "[]": no codes */
	assert_int_equal(p->ripples[2].capitals, 0);
	assert_string_equal(p->name, "m");
	ripple_place_free(p);
	ripple_diags_release(&d);
}

static void test_mindmap__refusals_name_the_topic_path(void **state)
{
	(void)state;
	expect_refused(RIPPLE_MINDMAP_XMIND_JSON,
	               "[{\"rootTopic\":{\"title\":\"P\",\"children\":{\"attached\":[{\"title\":"
	               "\"Partners meet\",\"children\":{\"attached\":[{\"title\":\"Joint bid\","
	               "\"labels\":[\"finance\"]}]}}]}}}]", 0,
	               "sheet 1 \xe2\x80\xba \"Partners meet\" \xe2\x80\xba \"Joint bid\": unknown "
	               "capital \"finance\"");
	expect_refused(RIPPLE_MINDMAP_XMIND_JSON,
	               "[{\"rootTopic\":{\"title\":\"P\",\"children\":{\"attached\":[{\"title\":"
	               "\"A\",\"labels\":[\"colour: red\"]}]}}}]", 0,
	               "sheet 1 \xe2\x80\xba \"A\": unknown label \"colour: red\"");
	expect_refused(RIPPLE_MINDMAP_XMIND_XML,
	               "<xmap-content><sheet><topic><title>P</title><children><topics type=\"attached\">"
	               "<topic><title>A [natural, spiritual]</title></topic></topics></children></topic>"
	               "</sheet></xmap-content>", 0,
	               "sheet 1 \xe2\x80\xba \"A\": unknown capital \"spiritual\"");
	expect_refused(RIPPLE_MINDMAP_FREEMIND,
	               "<map version=\"1.0.1\">\n<node TEXT=\"P\">\n<node TEXT=\"A\">\n"
	               "<attribute NAME=\"intended\" VALUE=\"maybe\"/>\n</node>\n</node>\n</map>\n",
	               3, "\"A\": unknown intended \"maybe\"");
	expect_refused(RIPPLE_MINDMAP_FREEMIND,
	               "<map version=\"1.0.1\">\n<node TEXT=\"P\">\n<node TEXT=\"A\">\n"
	               "<attribute NAME=\"id\" VALUE=\"x\"/></node>\n<node TEXT=\"B\">\n"
	               "<attribute NAME=\"id\" VALUE=\"x\"/></node>\n</node>\n</map>\n",
	               5, "\"B\": ripple id \"x\" is also the id of \"A\"");
	expect_refused(RIPPLE_MINDMAP_XMIND_JSON, "{\"rootTopic\":{}}", 0,
	               "content.json is not XMind's list of sheets");
}

static void test_mindmap__a_folder_is_not_a_map(void **state)
{
	(void)state;
	char **paths = NULL;
	size_t n = 0;
	ripple_error err;

	assert_int_equal(ripple_input_folders(&paths, &n, MAPS, RIPPLE_FROM_XMIND, &err),
	                 RIPPLE_EINPUT);
	assert_non_null(strstr(err.message, "give the map file itself"));
	assert_int_equal(ripple_input_folders(&paths, &n, MAPS "nothing.mm", RIPPLE_FROM_FREEMIND,
	                                      &err), RIPPLE_EINPUT);
	assert_string_equal(err.message, "no such file");
	assert_int_equal(ripple_from_parse("XMind"), RIPPLE_FROM_XMIND);
	assert_int_equal(ripple_from_parse("freeplane"), RIPPLE_FROM_FREEMIND);
}

/* ---- the round trip ----------------------------------------------------------- */

/*
 * Imports folder, writes its ripple map with write(), reads that as `from`: the
 * ripples must be the same (id, parent, label, capitals, valence, intended,
 * date, the actors named and the notes: byte for byte, or, when want_notes is
 * given, each ripple's notes as that lists them, id then notes).
 */
static void round_trip_notes(const char *folder, enum ripple_from from,
                             int (*write)(char **, size_t *, const ripple_model *, ripple_error *),
                             const char *const *want_notes)
{
	ripple_store *s = NULL;
	ripple_model *m = NULL;
	ripple_place *p;
	ripple_error err;
	int64_t id = open_only_place(folder, 0, &s);
	char *data = NULL, *dir = temp_dir(), *path, a[512], b[512];
	size_t len = 0;

	if (ripple_store_read(&m, s, id, &err) < 0)
		fail_msg("read: %s", err.message);
	if (write(&data, &len, m, &err) < 0)
		fail_msg("%s: write: %s", folder, err.message);
	path = put(dir, from == RIPPLE_FROM_XMIND ? "map.xmind" : "map.mm", data, len);
	p = load_map(path, from);
	assert_int_equal(p->nripples, m->nripples);
	assert_true(m->nripples > 0);
	for (size_t i = 0; i < m->nripples; i++) {
		const ripple_ripple *x = &m->ripples[i], *y = NULL;
		for (size_t k = 0; k < p->nripples && !y; k++)
			if (strcmp(p->ripples[k].id, x->id) == 0)
				y = &p->ripples[k];
		if (!y)
			fail_msg("%s: ripple %s lost", folder, x->id);
		assert_string_equal(y->label, x->label);
		if (x->parent == RIPPLE_NONE)
			assert_true(y->parent == RIPPLE_NONE);
		else
			assert_string_equal(p->ripples[y->parent].id, m->ripples[x->parent].id);
		assert_int_equal(y->capitals, x->capitals);
		assert_int_equal(y->valence, x->valence);
		assert_int_equal(y->intended, x->intended);
		assert_string_equal(y->date, x->date);
		actor_list(a, sizeof(a), m->actors, x);
		actor_list(b, sizeof(b), p->actors, y);
		assert_string_equal(b, a);
		if (!want_notes)
			assert_string_equal(y->notes, x->notes);
		for (const char *const *w = want_notes; w && *w; w += 2)
			if (strcmp(w[0], x->id) == 0)
				assert_string_equal(y->notes, w[1]);
	}
	assert_string_equal(p->programme, *m->programme ? m->programme : m->name);
	ripple_place_free(p);
	free(path);
	free(data);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
}

static void round_trip(const char *folder, enum ripple_from from,
                       int (*write)(char **, size_t *, const ripple_model *, ripple_error *))
{
	round_trip_notes(folder, from, write, NULL);
}

/*
 * Notes made to break the writers: markup, entities, quotes, "]]>", a code
 * suffix, CSV and list separators, line breaks, a blank line, a tab, two
 * spaces, non-ASCII text. The truth is the text itself (XMind keeps plain
 * text as it is) and, for FreeMind, the same text as HTML shows it, worked
 * out by hand: a paragraph a line, runs of white space one space.
 */
#define HOSTILE_NOTE "<b>bold</b> & &amp; \"quoted\" 'apos' ]]> <!-- x --> [social]\n" \
	"second line;a,b|c \\N\ttab  two spaces\n\nafter a blank line: \xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80"
#define HOSTILE_NOTE_HTML "<b>bold</b> & &amp; \"quoted\" 'apos' ]]> <!-- x --> [social]\n" \
	"second line;a,b|c \\N tab two spaces\n\nafter a blank line: \xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80"

static char *notes_place(void)
{
	char *dir = temp_dir();
	static const char ripples[] =
		"id,parent,label,capital,valence,intended,notes\n"
		"n1,,First,social,positive,yes,\"" "<b>bold</b> & &amp; \"\"quoted\"\" 'apos' ]]> "
		"<!-- x --> [social]\nsecond line;a,b|c \\N\ttab  two spaces\n\nafter a blank line: "
		"\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"\n"
		"n2,n1,Second,human,positive,no,  padded note  \n"
		"n3,n1,Third,,positive,unknown,\n";
	static const char actors[] = "id,label,kind\na,A,organisation\n";
	static const char ties[] = "source,target,wave\n";

	free(put(dir, "ripples.csv", ripples, sizeof(ripples) - 1));
	free(put(dir, "actors.csv", actors, sizeof(actors) - 1));
	free(put(dir, "ties.csv", ties, sizeof(ties) - 1));
	return dir;
}

static void test_mindmap__notes_read_from_ripples_csv_and_stored(void **state)
{
	(void)state;
	char *dir = notes_place();
	ripple_store *s = NULL;
	ripple_model *m = NULL;
	ripple_error err;
	int64_t id = open_only_place(dir, 0, &s);

	if (ripple_store_read(&m, s, id, &err) < 0)
		fail_msg("read: %s", err.message);
	assert_int_equal(m->nripples, 3);
	assert_string_equal(m->ripples[0].notes, HOSTILE_NOTE);
	assert_string_equal(m->ripples[1].notes, "padded note");   /* trimmed, as every cell */
	assert_string_equal(m->ripples[2].notes, "");
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
}

static void test_mindmap__hostile_notes_survive_the_round_trip(void **state)
{
	(void)state;
	static const char *const html[] = { "n1", HOSTILE_NOTE_HTML, "n2", "padded note",
	                                    "n3", "", NULL };
	char *dir = notes_place();

	round_trip_notes(dir, RIPPLE_FROM_XMIND, ripple_xmind_write, NULL);
	round_trip_notes(dir, RIPPLE_FROM_FREEMIND, ripple_freemind_write, html);
	rm_tree(dir);
}

static void test_mindmap__xmind_round_trip_of_the_bundled_places(void **state)
{
	(void)state;
	round_trip("../../datasets/northamptonshire", RIPPLE_FROM_XMIND, ripple_xmind_write);
	round_trip("../../datasets/stockton-on-tees", RIPPLE_FROM_XMIND, ripple_xmind_write);
	round_trip("../e2e/places/tiny", RIPPLE_FROM_XMIND, ripple_xmind_write);
}

static void test_mindmap__freemind_round_trip_of_the_bundled_places(void **state)
{
	(void)state;
	round_trip("../../datasets/northamptonshire", RIPPLE_FROM_FREEMIND, ripple_freemind_write);
	round_trip("../../datasets/stockton-on-tees", RIPPLE_FROM_FREEMIND, ripple_freemind_write);
	round_trip("../e2e/places/tiny", RIPPLE_FROM_FREEMIND, ripple_freemind_write);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mindmap__xmind_content_json_imports_to_the_workshop_tree),
		cmocka_unit_test(test_mindmap__xmind8_content_xml_imports_to_the_workshop_tree),
		cmocka_unit_test(test_mindmap__freemind_imports_to_the_workshop_tree),
		cmocka_unit_test(test_mindmap__codes_in_the_title_suffix_and_positions_as_ids),
		cmocka_unit_test(test_mindmap__refusals_name_the_topic_path),
		cmocka_unit_test(test_mindmap__a_folder_is_not_a_map),
		cmocka_unit_test(test_mindmap__xmind_round_trip_of_the_bundled_places),
		cmocka_unit_test(test_mindmap__freemind_round_trip_of_the_bundled_places),
		cmocka_unit_test(test_mindmap__notes_read_from_ripples_csv_and_stored),
		cmocka_unit_test(test_mindmap__hostile_notes_survive_the_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
