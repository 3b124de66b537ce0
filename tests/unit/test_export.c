/*
 * test_export.c - export: XML text as XML 1.0 can carry it, format names,
 * and what each format holds for a small place written here (ties merged per
 * pair, errors for waves, igraph's attribute handler put back).
 */
#include "helpers.h"
#include "xml.h"

#include <igraph.h>

/* ---- XML text -------------------------------------------------------------- */

static void expect_xml(const char *in, const char *want)
{
	char *got = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);
	assert_non_null(f);
	ripple_xml_write(f, in);
	assert_int_equal(fclose(f), 0);
	if (strcmp(got, want) != 0)
		fail_msg("ripple_xml_write(\"%s\") = \"%s\", expected \"%s\"", in, got, want);
	free(got);
}

static void test_xml__escapes_markup_and_both_quotes(void **state)
{
	(void)state;
	expect_xml("<a href=\"x\">&'</a>", "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
	expect_xml("]]> &amp;", "]]&gt; &amp;amp;");
}

static void test_xml__writes_tab_and_line_breaks_as_references_so_attributes_keep_them(void **state)
{
	(void)state;
	expect_xml("a\tb\nc\rd\r\n", "a&#9;b&#10;c&#13;d&#13;&#10;");
}

static void test_xml__turns_control_characters_xml_cannot_carry_into_spaces(void **state)
{
	(void)state;
	/* 0x01-0x08, 0x0B, 0x0C, 0x0E-0x1F are not XML 1.0 characters; DEL is */
	expect_xml("\x01x\x08y\x0bz\x0c\x0e\x1f\x7f", " x y z   \x7f");
}

static void test_xml__replaces_bytes_that_are_not_utf8_with_the_replacement_character(void **state)
{
	(void)state;
	expect_xml("a\xff" "b", "a\xef\xbf\xbd" "b");
	expect_xml("end\xc3", "end\xef\xbf\xbd");                              /* cut short */
	expect_xml("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");                     /* overlong '/' */
	expect_xml("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");     /* a surrogate */
	expect_xml("\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* > U+10FFFF */
}

static void test_xml__replaces_the_noncharacters_fffe_and_ffff(void **state)
{
	(void)state;
	expect_xml("\xef\xbf\xbe|\xef\xbf\xbf", "\xef\xbf\xbd|\xef\xbf\xbd");
}

static void test_xml__keeps_every_other_character_as_it_is(void **state)
{
	(void)state;
	const char *s = "Caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x8e\x89 \xef\xbf\xbd \xc2\x85 a\\N";
	expect_xml(s, s);
}

static void test_xml_clean__replaces_like_xml_write_but_escapes_nothing(void **state)
{
	(void)state;
	char *got = ripple_xml_clean("<&\x01\"'\t\n\xff");
	assert_non_null(got);
	assert_string_equal(got, "<& \"'\t\n\xef\xbf\xbd");
	free(got);
}

/* ---- formats ------------------------------------------------------------------ */

static void test_export__knows_formats_by_name_and_by_extension(void **state)
{
	(void)state;
	assert_int_equal(ripple_export_format_parse("GraphML"), RIPPLE_EXPORT_GRAPHML);
	assert_int_equal(ripple_export_format_parse("gexf"), RIPPLE_EXPORT_GEXF);
	assert_int_equal(ripple_export_format_parse("gv"), RIPPLE_EXPORT_DOT);
	assert_int_equal(ripple_export_format_parse("csv"), RIPPLE_EXPORT_CSV);
	assert_int_equal(ripple_export_format_parse("kumu"), -1);
	assert_int_equal(ripple_export_format_of_path("out/net.GEXF"), RIPPLE_EXPORT_GEXF);
	assert_int_equal(ripple_export_format_of_path("net.gv"), RIPPLE_EXPORT_DOT);
	assert_int_equal(ripple_export_format_of_path("net.csv"), RIPPLE_EXPORT_CSV);
	assert_int_equal(ripple_export_format_of_path(".csv"), -1);
	assert_int_equal(ripple_export_format_of_path("net.txt"), -1);
	assert_int_equal(ripple_export_format_all_waves(RIPPLE_EXPORT_GEXF), 1);
	assert_int_equal(ripple_export_format_all_waves(RIPPLE_EXPORT_CSV), 0);
	assert_string_equal(ripple_export_format_name(RIPPLE_EXPORT_DOT), "dot");
}

/* ---- a place written here ------------------------------------------------------- */

/* a-b twice at w1 (two types, trust 3 and 4), b-c at w2, no tie at w3; no dates: w1 = 1, w2 = 2 */
static ripple_model *small_place(char **dir)
{
	ripple_store *store;
	ripple_model *m = NULL;
	ripple_error err;
	int64_t place;

	*dir = temp_dir();
	write_file(*dir, "actors.csv",
	           "id,label,kind,parent,sector,town,attended,role\n"
	           "a,\"A \"\"one\"\"\",organisation,,VCSE,X,yes,chair\n"
	           "b,B,team,a,VCSE,X,no,\n"
	           "c,C,organisation,,Health,Y,,\n");
	write_file(*dir, "ties.csv",
	           "source,target,wave,type,weight,trust\n"
	           "a,b,w1,info,1,3\n"
	           "b,a,w1,ref,2,4\n"
	           "b,c,w2,info,1,\n");
	write_file(*dir, "waves.csv", "wave,ordinal,date\nw1,1,\nw2,2,\nw3,3,\n");
	place = open_only_place(*dir, 0, &store);
	if (ripple_store_read(&m, store, place, &err) < 0)
		fail_msg("read: %s", err.message);
	ripple_store_close(store);
	return m;
}

static ripple_export_options options(enum ripple_export_format fmt, const char *wave)
{
	ripple_export_options o = RIPPLE_EXPORT_OPTIONS_INIT;
	o.format = fmt;
	o.wave = wave;
	return o;
}

static char *text_of(const ripple_export_file *f)
{
	char *s = malloc(f->len + 1);
	assert_non_null(s);
	memcpy(s, f->data, f->len);
	s[f->len] = '\0';
	return s;
}

static void test_export__csv_merges_the_ties_of_a_pair_into_one_edge(void **state)
{
	(void)state;
	ripple_model *m;
	char *dir, *edges, *nodes;
	m = small_place(&dir);
	ripple_export ex;
	ripple_export_options o = options(RIPPLE_EXPORT_CSV, "w1");
	ripple_error err = { 0 };

	assert_int_equal(ripple_export_write(&ex, m, &o, &err), RIPPLE_OK);
	assert_int_equal(ex.nfiles, 2);
	assert_string_equal(ex.files[0].role, "edges");
	assert_null(ex.files[0].suffix);
	assert_string_equal(ex.files[1].role, "nodes");
	assert_string_equal(ex.files[1].suffix, "-nodes.csv");
	edges = text_of(&ex.files[0]);
	nodes = text_of(&ex.files[1]);
	/* undirected: b->a joins a-b; types in ties.csv order, weights summed, trust averaged */
	assert_string_equal(edges, "source,target,wave,type,weight,ties,trust\n"
	                           "a,b,w1,info;ref,3,2,3.5\n");
	/* the label with quotes is quoted; degree is of w1; c is an isolate (measures null or 0) */
	assert_non_null(strstr(nodes, "id,label,kind,parent,sector,town,attended,role,degree,strength,"));
	assert_non_null(strstr(nodes, "\na,\"A \"\"one\"\"\",organisation,,VCSE,X,yes,chair,1,3,"));
	assert_non_null(strstr(nodes, "\nb,B,team,a,VCSE,X,no,,1,3,"));
	assert_non_null(strstr(nodes, "\nc,C,organisation,,Health,Y,,,0,0,"));
	free(edges);
	free(nodes);
	ripple_export_release(&ex);
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__gexf_gives_each_edge_a_spell_per_wave_it_is_tied_at(void **state)
{
	(void)state;
	ripple_model *m;
	char *dir, *gexf;
	m = small_place(&dir);
	ripple_export ex;
	ripple_export_options o = options(RIPPLE_EXPORT_GEXF, NULL);
	ripple_error err = { 0 };

	assert_int_equal(ripple_export_write(&ex, m, &o, &err), RIPPLE_OK);
	assert_int_equal(ex.nfiles, 1);
	gexf = text_of(&ex.files[0]);
	assert_non_null(strstr(gexf, "<graph mode=\"dynamic\" defaultedgetype=\"undirected\" "
	                             "timeformat=\"integer\">"));
	assert_non_null(strstr(gexf, "<node id=\"a\" label=\"A &quot;one&quot;\">"));
	assert_non_null(strstr(gexf, "<edge id=\"0\" source=\"a\" target=\"b\">"));
	assert_non_null(strstr(gexf, "<attvalue for=\"type\" value=\"info;ref\" start=\"1\" end=\"1\"/>"));
	assert_non_null(strstr(gexf, "<attvalue for=\"trust\" value=\"3.5\" start=\"1\" end=\"1\"/>"));
	assert_non_null(strstr(gexf, "<spells>\n          <spell start=\"1\" end=\"1\"/>\n        </spells>"));
	assert_non_null(strstr(gexf, "<edge id=\"1\" source=\"b\" target=\"c\">"));
	assert_non_null(strstr(gexf, "<spells>\n          <spell start=\"2\" end=\"2\"/>\n        </spells>"));
	assert_null(strstr(gexf, "<edge id=\"2\""));
	/* b's degree: 1 at both waves */
	assert_non_null(strstr(gexf, "<attvalue for=\"degree\" value=\"1\" start=\"2\" end=\"2\"/>"));
	free(gexf);
	ripple_export_release(&ex);
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__a_wave_without_ties_has_every_actor_and_no_edge(void **state)
{
	(void)state;
	ripple_model *m;
	char *dir, *text;
	m = small_place(&dir);
	ripple_export ex;
	ripple_error err = { 0 };

	for (int fmt = 0; fmt < RIPPLE_EXPORT_COUNT; fmt++) {
		ripple_export_options o = options((enum ripple_export_format)fmt,
		                                  ripple_export_format_all_waves(fmt) ? NULL : "w3");
		if (ripple_export_write(&ex, m, &o, &err) != RIPPLE_OK)
			fail_msg("%s: %s", ripple_export_format_name(fmt), err.message);
		text = text_of(&ex.files[0]);
		if (fmt == RIPPLE_EXPORT_CSV) {
			assert_string_equal(text, "source,target,wave,type,weight,ties,trust\n");
			free(text);
			text = text_of(&ex.files[1]);
			assert_non_null(strstr(text, "\nc,C,organisation,,Health,Y,,,0,0,"));
		} else if (fmt == RIPPLE_EXPORT_GRAPHML) {
			assert_non_null(strstr(text, "<node id=\"n2\">"));
			assert_null(strstr(text, "<edge "));
		} else if (fmt == RIPPLE_EXPORT_DOT) {
			assert_non_null(strstr(text, "\t\"c\" [label=\"C\""));
			assert_null(strstr(text, " -- "));
		}
		free(text);
		ripple_export_release(&ex);
	}
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__an_unknown_wave_is_not_found_and_the_waves_are_named(void **state)
{
	(void)state;
	ripple_model *m;
	char *dir;
	m = small_place(&dir);
	ripple_export ex;
	ripple_export_options o = options(RIPPLE_EXPORT_GRAPHML, "w9");
	ripple_error err = { 0 };

	assert_int_equal(ripple_export_write(&ex, m, &o, &err), RIPPLE_ENOTFOUND);
	assert_int_equal(err.code, RIPPLE_ENOTFOUND);
	assert_non_null(strstr(err.message, "no wave \"w9\" (waves: w1, w2, w3)"));
	assert_int_equal(ex.nfiles, 0);
	assert_null(ex.files);
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__a_one_wave_format_needs_a_wave_and_gexf_takes_none(void **state)
{
	(void)state;
	ripple_model *m;
	char *dir;
	m = small_place(&dir);
	ripple_export ex;
	ripple_export_options dot = options(RIPPLE_EXPORT_DOT, NULL), gexf = options(RIPPLE_EXPORT_GEXF, "w1");
	ripple_error err = { 0 };

	assert_int_equal(ripple_export_write(&ex, m, &dot, &err), RIPPLE_EUSAGE);
	assert_non_null(strstr(err.message, "one wave"));
	assert_int_equal(ripple_export_write(&ex, m, &gexf, &err), RIPPLE_EUSAGE);
	assert_non_null(strstr(err.message, "every wave"));
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__graphml_puts_igraphs_attribute_handler_back(void **state)
{
	(void)state;
	ripple_model *m;
	char *dir, *xml;
	m = small_place(&dir);
	ripple_export ex;
	ripple_export_options o = options(RIPPLE_EXPORT_GRAPHML, "w1");
	ripple_error err = { 0 };

	for (int round = 0; round < 2; round++) {      /* twice: the handler is set up afresh */
		assert_int_equal(ripple_export_write(&ex, m, &o, &err), RIPPLE_OK);
		xml = text_of(&ex.files[0]);
		assert_non_null(strstr(xml, "<data key=\"v_name\">a</data>"));
		assert_non_null(strstr(xml, "<data key=\"v_label\">A &quot;one&quot;</data>"));
		assert_non_null(strstr(xml, "<data key=\"v_role\">chair</data>"));
		assert_non_null(strstr(xml, "<data key=\"e_type\">info;ref</data>"));
		assert_non_null(strstr(xml, "<data key=\"e_trust\">3.5</data>"));
		free(xml);
		ripple_export_release(&ex);
		/* ripple runs without an attribute handler: none is left installed */
		assert_null(igraph_set_attribute_table(NULL));
	}
	ripple_model_free(m);
	rm_tree(dir);
}

/* ---- responses.csv: who answered, who was there -------------------------------- */

/*
 * The small place with responses set in its model (what the store reads from
 * responses.csv): c absent at w1; a missing at w2; a absent and c missing at w3.
 * No tie touches an actor absent at its wave, as import makes sure. The model's
 * own responses pointer is put back by without_responses before it is freed.
 */
static unsigned char *with_responses(ripple_model *m)
{
	enum { A, B, C };
	unsigned char *r = calloc(m->nwaves * m->nactors, 1);
	assert_non_null(r);
	assert_int_equal(m->nactors, 3);
	assert_int_equal(m->nwaves, 3);
	r[0 * 3 + C] = RIPPLE_RESPONSE_ABSENT;
	r[1 * 3 + A] = RIPPLE_RESPONSE_MISSING;
	r[2 * 3 + A] = RIPPLE_RESPONSE_ABSENT;
	r[2 * 3 + C] = RIPPLE_RESPONSE_MISSING;
	unsigned char *own = m->responses;
	m->responses = r;
	return own;
}

static void without_responses(ripple_model *m, unsigned char *own)
{
	free(m->responses);
	m->responses = own;
}

static char *export_text(const ripple_model *m, enum ripple_export_format fmt, const char *wave,
                         size_t file)
{
	ripple_export ex;
	ripple_export_options o = options(fmt, wave);
	ripple_error err = { 0 };
	char *text;

	if (ripple_export_write(&ex, m, &o, &err) != RIPPLE_OK)
		fail_msg("%s: %s", ripple_export_format_name(fmt), err.message);
	assert_true(file < ex.nfiles);
	text = text_of(&ex.files[file]);
	ripple_export_release(&ex);
	return text;
}

static void test_export__csv_writes_each_actors_response_and_leaves_out_the_absent(void **state)
{
	(void)state;
	char *dir, *text;
	ripple_model *m = small_place(&dir);
	unsigned char *own = with_responses(m);

	text = export_text(m, RIPPLE_EXPORT_CSV, "w1", 1);
	assert_non_null(strstr(text, "id,label,kind,parent,sector,town,attended,response,role,degree,"));
	assert_non_null(strstr(text, "\na,\"A \"\"one\"\"\",organisation,,VCSE,X,yes,answered,chair,1,3,"));
	assert_non_null(strstr(text, "\nb,B,team,a,VCSE,X,no,answered,,1,3,"));
	assert_null(strstr(text, "\nc,"));                 /* absent at w1: not part of the place */
	free(text);
	text = export_text(m, RIPPLE_EXPORT_CSV, "w2", 1);
	assert_non_null(strstr(text, "\na,\"A \"\"one\"\"\",organisation,,VCSE,X,yes,missing,chair,"));
	assert_non_null(strstr(text, "\nc,C,organisation,,Health,Y,,answered,,1,1,"));
	free(text);
	text = export_text(m, RIPPLE_EXPORT_CSV, "w3", 1);
	assert_null(strstr(text, "\na,"));
	assert_non_null(strstr(text, "\nb,B,team,a,VCSE,X,no,answered,,0,0,"));
	assert_non_null(strstr(text, "\nc,C,organisation,,Health,Y,,missing,,0,0,"));
	free(text);
	/* the edges are as before: none touches an absent actor */
	text = export_text(m, RIPPLE_EXPORT_CSV, "w2", 0);
	assert_string_equal(text, "source,target,wave,type,weight,ties,trust\nb,c,w2,info,1,1,\n");
	free(text);
	without_responses(m, own);
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__dot_and_graphml_carry_the_response_of_the_wave(void **state)
{
	(void)state;
	char *dir, *text;
	ripple_model *m = small_place(&dir);
	unsigned char *own = with_responses(m);

	text = export_text(m, RIPPLE_EXPORT_DOT, "w2", 0);
	assert_non_null(strstr(text, "\t\"a\" [label=\"A \\\"one\\\"\", kind=\"organisation\", "
	                             "sector=\"VCSE\", town=\"X\", attended=\"yes\", response=\"missing\""));
	assert_non_null(strstr(text, "\t\"c\" [label=\"C\", kind=\"organisation\", sector=\"Health\", "
	                             "town=\"Y\", response=\"answered\""));
	free(text);
	text = export_text(m, RIPPLE_EXPORT_DOT, "w1", 0);
	assert_null(strstr(text, "\t\"c\""));
	assert_non_null(strstr(text, "\t\"a\" -- \"b\""));
	free(text);

	/* w3: a is left out, so b and c are igraph's n0 and n1 */
	text = export_text(m, RIPPLE_EXPORT_GRAPHML, "w3", 0);
	assert_non_null(strstr(text, "attr.name=\"response\" attr.type=\"string\""));
	assert_non_null(strstr(text, "<node id=\"n0\">\n      <data key=\"v_name\">b</data>"));
	assert_non_null(strstr(text, "<node id=\"n1\">\n      <data key=\"v_name\">c</data>"));
	assert_null(strstr(text, "<node id=\"n2\">"));
	assert_non_null(strstr(text, "<data key=\"v_response\">missing</data>"));
	free(text);
	/* w1: a-b keeps its ends when c, last, is left out */
	text = export_text(m, RIPPLE_EXPORT_GRAPHML, "w1", 0);
	assert_non_null(strstr(text, "<edge source=\"n0\" target=\"n1\">"));
	assert_null(strstr(text, "<node id=\"n2\">"));
	free(text);
	without_responses(m, own);
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__gexf_gives_an_actor_a_spell_per_wave_it_was_part_of(void **state)
{
	(void)state;
	char *dir, *text, *a, *b, *c;
	ripple_model *m = small_place(&dir);
	unsigned char *own = with_responses(m);

	text = export_text(m, RIPPLE_EXPORT_GEXF, NULL, 0);
	assert_non_null(strstr(text, "<attributes class=\"node\" mode=\"dynamic\">\n"
	                             "      <attribute id=\"response\" title=\"response\" type=\"string\"/>"));
	a = strstr(text, "<node id=\"a\"");
	b = strstr(text, "<node id=\"b\"");
	c = strstr(text, "<node id=\"c\"");
	assert_true(a && b && c && a < b && b < c);
	b[-1] = c[-1] = '\0';                             /* each node's text on its own */
	assert_non_null(strstr(a, "<attvalue for=\"response\" value=\"answered\" start=\"1\" end=\"1\"/>"));
	assert_non_null(strstr(a, "<attvalue for=\"response\" value=\"missing\" start=\"2\" end=\"2\"/>"));
	assert_null(strstr(a, "start=\"3\""));              /* absent at w3: no value then */
	assert_non_null(strstr(a, "<spells>\n          <spell start=\"1\" end=\"1\"/>\n"
	                          "          <spell start=\"2\" end=\"2\"/>\n        </spells>"));
	assert_null(strstr(b, "<spells>"));                 /* there at every wave */
	assert_non_null(strstr(b, "<attvalue for=\"response\" value=\"answered\" start=\"3\" end=\"3\"/>"));
	assert_non_null(strstr(c, "<attvalue for=\"response\" value=\"missing\" start=\"3\" end=\"3\"/>"));
	assert_non_null(strstr(c, "<spells>\n          <spell start=\"2\" end=\"2\"/>\n"
	                          "          <spell start=\"3\" end=\"3\"/>\n        </spells>"));
	free(text);
	without_responses(m, own);
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__without_responses_no_response_is_written(void **state)
{
	(void)state;
	char *dir, *text;
	ripple_model *m = small_place(&dir);

	assert_null(m->responses);
	for (int fmt = 0; fmt < RIPPLE_EXPORT_COUNT; fmt++) {
		text = export_text(m, (enum ripple_export_format)fmt,
		                   ripple_export_format_all_waves(fmt) ? NULL : "w1",
		                   fmt == RIPPLE_EXPORT_CSV);
		if (strstr(text, "response"))
			fail_msg("%s: writes a response", ripple_export_format_name(fmt));
		free(text);
	}
	ripple_model_free(m);
	rm_tree(dir);
}

static void test_export__attended_says_when_where_actors_csv_does(void **state)
{
	(void)state;
	char *dir, *text;
	ripple_model *m = small_place(&dir);
	const char *own = m->actors[2].attended_when;

	m->actors[2].attended = 1;
	m->actors[2].attended_when = "2025-07-15";
	text = export_text(m, RIPPLE_EXPORT_CSV, "w1", 1);
	assert_non_null(strstr(text, "\nc,C,organisation,,Health,Y,2025-07-15,"));
	free(text);
	text = export_text(m, RIPPLE_EXPORT_GEXF, NULL, 0);
	assert_non_null(strstr(text, "<attvalue for=\"attended\" value=\"2025-07-15\"/>"));
	free(text);
	m->actors[2].attended_when = own;
	ripple_model_free(m);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml__escapes_markup_and_both_quotes),
		cmocka_unit_test(test_xml__writes_tab_and_line_breaks_as_references_so_attributes_keep_them),
		cmocka_unit_test(test_xml__turns_control_characters_xml_cannot_carry_into_spaces),
		cmocka_unit_test(test_xml__replaces_bytes_that_are_not_utf8_with_the_replacement_character),
		cmocka_unit_test(test_xml__replaces_the_noncharacters_fffe_and_ffff),
		cmocka_unit_test(test_xml__keeps_every_other_character_as_it_is),
		cmocka_unit_test(test_xml_clean__replaces_like_xml_write_but_escapes_nothing),
		cmocka_unit_test(test_export__knows_formats_by_name_and_by_extension),
		cmocka_unit_test(test_export__csv_merges_the_ties_of_a_pair_into_one_edge),
		cmocka_unit_test(test_export__gexf_gives_each_edge_a_spell_per_wave_it_is_tied_at),
		cmocka_unit_test(test_export__a_wave_without_ties_has_every_actor_and_no_edge),
		cmocka_unit_test(test_export__an_unknown_wave_is_not_found_and_the_waves_are_named),
		cmocka_unit_test(test_export__a_one_wave_format_needs_a_wave_and_gexf_takes_none),
		cmocka_unit_test(test_export__graphml_puts_igraphs_attribute_handler_back),
		cmocka_unit_test(test_export__csv_writes_each_actors_response_and_leaves_out_the_absent),
		cmocka_unit_test(test_export__dot_and_graphml_carry_the_response_of_the_wave),
		cmocka_unit_test(test_export__gexf_gives_an_actor_a_spell_per_wave_it_was_part_of),
		cmocka_unit_test(test_export__without_responses_no_response_is_written),
		cmocka_unit_test(test_export__attended_says_when_where_actors_csv_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
