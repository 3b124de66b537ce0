/*
 * test_render.c - the picture code: escaping of user text for Graphviz,
 * wrapping, output formats, and the layout every drawing of a place shares.
 */
#include "helpers.h"
#include "render.h"
#include "util.h"

#include <math.h>
#include <strings.h>
#include <sqlite3.h>

static void expect_text(const char *in, int wrap, const char *want)
{
	char *got = ripple_gv_text(in, wrap);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("ripple_gv_text(\"%s\", %d) = \"%s\", expected \"%s\"", in, wrap, got, want);
	free(got);
}

static void test_text__doubles_backslashes_so_graphviz_escapes_stay_literal(void **state)
{
	(void)state;
	expect_text("a\\N b\\G \\n c\\", 0, "a\\\\N b\\\\G \\\\n c\\\\");
}

static void test_text__writes_ampersand_as_an_entity_because_graphviz_decodes_them(void **state)
{
	(void)state;
	expect_text("R&D &amp; <b>\"x\"</b>", 0, "R&amp;D &amp;amp; <b>\"x\"</b>");
}

static void test_text__turns_newlines_and_tabs_into_single_spaces(void **state)
{
	(void)state;
	expect_text("  one\ntwo\r\n\tthree  ", 0, "one two three");
}

static void test_text__replaces_what_xml_cannot_carry(void **state)
{
	(void)state;
	/* U+FFFE and U+FFFF, copied into the SVG by Graphviz, made it unreadable as XML */
	expect_text("a\xef\xbf\xbe b\xef\xbf\xbf \xff", 0, "a\xef\xbf\xbd b\xef\xbf\xbd \xef\xbf\xbd");
	char *tip = ripple_gv_tooltip("\xef\xbf\xbf");
	assert_string_equal(tip, "\xef\xbf\xbd");
	free(tip);
}

static void test_text__wraps_at_spaces_within_the_width(void **state)
{
	(void)state;
	/* 22 characters a line: "Community team and" is 18, adding " sports" makes 25 */
	expect_text("Community team and sports development team", 22,
	            "Community team and\\nsports development\\nteam");
	assert_int_equal(ripple_gv_lines("Community team and sports development team", 22), 3);
}

static void test_text__keeps_a_word_longer_than_the_width_whole(void **state)
{
	(void)state;
	expect_text("a Supercalifragilistic b", 8, "a\\nSupercalifragilistic\\nb");
}

static void test_text__counts_characters_not_bytes_when_wrapping(void **state)
{
	(void)state;
	/* "équipe été" is 10 characters but 12 bytes: it fits in 10 */
	expect_text("\xc3\xa9quipe \xc3\xa9t\xc3\xa9", 10, "\xc3\xa9quipe \xc3\xa9t\xc3\xa9");
	expect_text("\xc3\xa9quipe \xc3\xa9t\xc3\xa9", 9, "\xc3\xa9quipe\\n\xc3\xa9t\xc3\xa9");
}

static void test_html__escapes_markup_and_quotes(void **state)
{
	char *got = ripple_gv_html("<script>alert(1)</script> \"&'<>\" \\N");
	(void)state;
	assert_non_null(got);
	assert_string_equal(got, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;&lt;&gt;&quot; \\\\N");
	free(got);
}

static void test_format__comes_from_the_name_or_the_extension(void **state)
{
	(void)state;
	assert_int_equal(ripple_image_format_parse("SVG"), RIPPLE_IMAGE_SVG);
	assert_int_equal(ripple_image_format_parse("gv"), RIPPLE_IMAGE_DOT);
	assert_int_equal(ripple_image_format_parse("jpeg"), -1);
	assert_int_equal(ripple_image_format_of_path("out/map.png"), RIPPLE_IMAGE_PNG);
	assert_int_equal(ripple_image_format_of_path("board.paper/map.PDF"), RIPPLE_IMAGE_PDF);
	assert_int_equal(ripple_image_format_of_path("board.paper/map"), -1);
	assert_int_equal(ripple_image_format_of_path("map.dot"), RIPPLE_IMAGE_DOT);
}

/* A database holding the tiny place, in a temporary folder. */
static ripple_store *tiny_db(char **dir, char **dbpath, int64_t *place)
{
	ripple_place *p = NULL;
	ripple_diags d = RIPPLE_DIAGS_INIT;
	ripple_error err;
	ripple_store *s = NULL;

	*dir = temp_dir();
	*dbpath = ripple_path_join(*dir, "t.db");
	assert_int_equal(ripple_place_load(&p, "../e2e/places/tiny", NULL, &d), RIPPLE_OK);
	assert_int_equal(ripple_store_open(&s, *dbpath, RIPPLE_STORE_CREATE, &err), RIPPLE_OK);
	assert_int_equal(ripple_store_import(s, &p, 1, 0, &d), RIPPLE_OK);
	assert_int_equal(ripple_store_find_place(place, s, NULL, &err), RIPPLE_OK);
	ripple_place_free(p);
	ripple_diags_release(&d);
	return s;
}

static long count_rows(ripple_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long n = -1;
	assert_int_equal(sqlite3_prepare_v2(ripple_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The model of place in s (the caller frees it). */
static ripple_model *model_of(ripple_store *s, int64_t place)
{
	ripple_model *m = NULL;
	ripple_error err;
	if (ripple_store_read(&m, s, place, &err) < 0)
		fail_msg("ripple_store_read: %s", err.message);
	return m;
}

static void test_layout__is_computed_once_stored_and_read_back(void **state)
{
	ripple_layout first, second;
	ripple_error err;
	char *dir, *dbpath;
	int64_t place;
	ripple_store *s = tiny_db(&dir, &dbpath, &place);
	ripple_model *m = model_of(s, place);
	(void)state;

	assert_null(m->layout_method);
	assert_int_equal(ripple_layout_get(&first, m, 42, &err), RIPPLE_OK);
	assert_false(first.from_store);
	assert_int_equal(ripple_store_save_layout(s, place, &first, &err), RIPPLE_OK);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM layout_position"), (long)first.n);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM actor"), (long)first.n);

	ripple_model_free(m);
	m = model_of(s, place);
	assert_string_equal(m->layout_method, first.method);
	assert_int_equal(ripple_layout_get(&second, m, 7, &err), RIPPLE_OK);
	assert_true(second.from_store);   /* another seed, but the stored layout wins */
	for (size_t i = 0; i < first.n; i++) {
		assert_double_near(second.x[i], first.x[i], 1e-9);
		assert_double_near(second.y[i], first.y[i], 1e-9);
	}
	ripple_layout_release(&first);
	ripple_layout_release(&second);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
	free(dbpath);
}

static void test_layout__gives_each_actor_its_own_spot_and_writes_nothing(void **state)
{
	ripple_layout l;
	ripple_error err;
	char *dir, *dbpath;
	int64_t place;
	ripple_store *s = tiny_db(&dir, &dbpath, &place);
	ripple_model *m = model_of(s, place);
	(void)state;

	assert_int_equal(ripple_layout_get(&l, m, 42, &err), RIPPLE_OK);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM layout_position"), 0);
	/* circles are at most 48 points across: centres closer than that would overlap */
	for (size_t i = 0; i < l.n; i++)
		for (size_t j = i + 1; j < l.n; j++)
			if (hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]) < 48)
				fail_msg("actors %zu and %zu are %.1f points apart", i, j,
				         hypot(l.x[i] - l.x[j], l.y[i] - l.y[j]));
	ripple_layout_release(&l);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
	free(dbpath);
}

static void test_layout__of_another_method_is_computed_again(void **state)
{
	ripple_layout l;
	ripple_error err;
	char *dir, *dbpath;
	int64_t place;
	ripple_store *s = tiny_db(&dir, &dbpath, &place);
	ripple_model *m = model_of(s, place);
	(void)state;

	assert_int_equal(ripple_layout_get(&l, m, 42, &err), RIPPLE_OK);
	assert_int_equal(ripple_store_save_layout(s, place, &l, &err), RIPPLE_OK);
	ripple_layout_release(&l);
	ripple_model_free(m);
	assert_int_equal(sqlite3_exec(ripple_store_db(s), "UPDATE layout SET method = 'old'",
	                              NULL, NULL, NULL), SQLITE_OK);
	m = model_of(s, place);
	assert_int_equal(ripple_layout_get(&l, m, 42, &err), RIPPLE_OK);
	assert_false(l.from_store);
	assert_int_equal(ripple_store_save_layout(s, place, &l, &err), RIPPLE_OK);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM layout WHERE method = 'old'"), 0);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM layout_position"), (long)l.n);
	ripple_layout_release(&l);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
	free(dbpath);
}

static void test_layout__of_a_read_only_database_is_computed_but_not_stored(void **state)
{
	ripple_layout l;
	ripple_error err;
	char *dir, *dbpath;
	int64_t place;
	ripple_store *s = tiny_db(&dir, &dbpath, &place);
	ripple_model *m;
	(void)state;

	ripple_store_close(s);
	assert_int_equal(ripple_store_open(&s, dbpath, RIPPLE_STORE_READ, &err), RIPPLE_OK);
	m = model_of(s, place);
	assert_int_equal(ripple_layout_get(&l, m, 42, &err), RIPPLE_OK);
	assert_false(l.from_store);
	assert_int_equal(l.n, 6);
	assert_true(ripple_store_save_layout(s, place, &l, &err) < 0);
	assert_int_equal(count_rows(s, "SELECT count(*) FROM layout_position"), 0);
	ripple_layout_release(&l);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
	free(dbpath);
}

static void test_draw__of_a_comparison_given_is_the_drawing_it_would_make_itself(void **state)
{
	ripple_draw_options o = RIPPLE_DRAW_OPTIONS_INIT;
	ripple_compare_options co = RIPPLE_COMPARE_OPTIONS_INIT;
	ripple_compare c;
	ripple_layout l = { 0 };
	ripple_error err;
	char *dir, *dbpath, *own = NULL, *given = NULL;
	size_t own_len = 0, given_len = 0;
	int64_t place;
	ripple_store *s = tiny_db(&dir, &dbpath, &place);
	ripple_model *m = model_of(s, place);
	(void)state;

	o.from = "before";
	o.to = "after";
	assert_int_equal(ripple_draw_render(&own, &own_len, m, &o, &l, RIPPLE_IMAGE_SVG, &err), RIPPLE_OK);
	assert_int_equal(l.n, 6);   /* the layout is handed back, not stored */
	assert_int_equal(count_rows(s, "SELECT count(*) FROM layout_position"), 0);
	/* a report's comparison: with its permutation tests */
	co.permutations = 99;
	assert_int_equal(ripple_compare_run(&c, m, "before", "after", &co, &err), RIPPLE_OK);
	o.compare = &c;
	assert_int_equal(ripple_draw_render(&given, &given_len, m, &o, &l, RIPPLE_IMAGE_SVG, &err),
	                 RIPPLE_OK);
	assert_int_equal(given_len, own_len);
	assert_memory_equal(given, own, own_len);
	ripple_compare_release(&c);
	ripple_layout_release(&l);
	free(own);
	free(given);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
	free(dbpath);
}

static int release_pictures(void **state)
{
	(void)state;
	ripple_pictures_release();
	return 0;
}

/* Clusters are output in ID order; IDs must follow creation, not the heap. */
static void test_page__names_and_sizes_are_the_papers(void **state)
{
	double w, h;
	(void)state;

	assert_int_equal(ripple_page_parse("A4-Landscape"), RIPPLE_PAGE_A4_LANDSCAPE);
	assert_int_equal(ripple_page_parse("slide"), RIPPLE_PAGE_SLIDE);
	assert_int_equal(ripple_page_parse("natural"), RIPPLE_PAGE_NATURAL);
	assert_int_equal(ripple_page_parse("a3"), -1);
	assert_string_equal(ripple_page_name(RIPPLE_PAGE_LETTER), "letter");
	/* 210 x 297 mm at 72 points an inch; 8.5 x 11 in; 13 1/3 x 7.5 in (16:9) */
	ripple_page_size(RIPPLE_PAGE_A4, &w, &h);
	assert_true(fabs(w - 210 / 25.4 * 72) < 0.01 && fabs(h - 297 / 25.4 * 72) < 0.01);
	ripple_page_size(RIPPLE_PAGE_A4_LANDSCAPE, &w, &h);
	assert_true(fabs(w - 297 / 25.4 * 72) < 0.01 && fabs(h - 210 / 25.4 * 72) < 0.01);
	ripple_page_size(RIPPLE_PAGE_LETTER, &w, &h);
	assert_true(w == 8.5 * 72 && h == 11 * 72);
	ripple_page_size(RIPPLE_PAGE_SLIDE, &w, &h);
	assert_true(fabs(w - 40.0 / 3 * 72) < 0.01 && h == 7.5 * 72 && fabs(w / h - 16.0 / 9) < 1e-9);
}

/* Two 8-point labels 5000 points apart, drawn for page. */
static int two_far_labels(char **data, size_t *len, int page, ripple_error *err)
{
	Agraph_t *g = ripple_gv_graph("far", 0);
	int rc;

	for (int k = 0; k < 2; k++) {
		Agnode_t *n = ripple_gv_node(g, "n", (size_t)k, 1);
		ripple_gv_set(n, "label", k ? "right" : "left");
		ripple_gv_set(n, "fontsize", "8");
		ripple_gv_pos(n, 5000.0 * k, 0);
	}
	rc = ripple_gv_finish(data, len, g, RIPPLE_IMAGE_SVG, page, "try a wall", err);
	agclose(g);
	return rc;
}

static void test_page__refuses_text_that_would_be_under_7_points(void **state)
{
	ripple_error err = { 0 };
	char *data = NULL;
	size_t len = 0;
	(void)state;

	/* 5000 points into 785 (A4 landscape less two 10 mm margins): 8 pt becomes 1.3 pt */
	assert_int_equal(two_far_labels(&data, &len, RIPPLE_PAGE_A4_LANDSCAPE, &err), RIPPLE_EUSAGE);
	assert_null(data);
	assert_non_null(strstr(err.message, "does not fit an A4 landscape page"));
	assert_non_null(strstr(err.message, "try a wall"));
	assert_int_equal(two_far_labels(&data, &len, RIPPLE_PAGE_NATURAL, &err), RIPPLE_OK);
	assert_non_null(strstr(data, "<svg width=\"5"));   /* natural: wider than 5000 pt */
	free(data);
}

static void test_page__draws_exactly_the_page_and_leaves_the_layout_as_it_was(void **state)
{
	ripple_draw_options o = RIPPLE_DRAW_OPTIONS_INIT;
	ripple_map_options mo = RIPPLE_MAP_OPTIONS_INIT;
	ripple_layout l = { 0 };
	ripple_error err;
	char *dir, *dbpath, *svg = NULL;
	size_t len = 0;
	int64_t place;
	ripple_store *s = tiny_db(&dir, &dbpath, &place);
	ripple_model *m = model_of(s, place);
	double x0;
	(void)state;

	o.wave = "before";
	assert_int_equal(ripple_draw_render(&svg, &len, m, &o, &l, RIPPLE_IMAGE_SVG, &err), RIPPLE_OK);
	free(svg);
	x0 = l.x[0];
	o.page = RIPPLE_PAGE_SLIDE;
	assert_int_equal(ripple_draw_render(&svg, &len, m, &o, &l, RIPPLE_IMAGE_SVG, &err), RIPPLE_OK);
	assert_non_null(strstr(svg, "<svg width=\"960pt\" height=\"540pt\""));
	assert_true(l.x[0] == x0);   /* a turned layout is the drawing's own copy */
	free(svg);
	mo.page = RIPPLE_PAGE_A4;
	assert_int_equal(ripple_map_render(&svg, &len, m, &mo, RIPPLE_IMAGE_SVG, &err), RIPPLE_OK);
	assert_non_null(strstr(svg, "<svg width=\"595pt\" height=\"842pt\""));
	free(svg);
	ripple_layout_release(&l);
	ripple_model_free(m);
	ripple_store_close(s);
	rm_tree(dir);
	free(dbpath);
}

static void test_graph__keeps_clusters_in_creation_order_and_finds_names_after_twopi(void **state)
{
	(void)state;
	Agraph_t *g = ripple_gv_graph("order", 0);
	char name[32];
	int k = 0;

	assert_non_null(g);
	/* 300 clusters named in descending order, so neither name nor address order would pass */
	for (int i = 299; i >= 0; i--) {
		snprintf(name, sizeof(name), "cluster_%03d", i);
		Agraph_t *c = agsubg(g, name, 1);
		snprintf(name, sizeof(name), "n%03d", i);
		agsubnode(c, agnode(g, name, 1), 1);
	}
	for (Agraph_t *c = agfstsubg(g); c; c = agnxtsubg(c), k++) {
		snprintf(name, sizeof(name), "cluster_%03d", 299 - k);
		assert_string_equal(agnameof(c), name);
	}
	assert_int_equal(k, 300);

	ripple_error err;
	assert_int_equal(ripple_gv_layout(g, "twopi", &err), 0);
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "n%03d", i);
		Agnode_t *n = agnode(g, name, 0);
		assert_non_null(n);
		assert_string_equal(agnameof(n), name);
	}
	ripple_gv_free_layout(g);
	agclose(g);
}

static void test_tooltip__writes_each_backslash_as_four_entities(void **state)
{
	(void)state;
	char *got = ripple_gv_tooltip("a\\N & <b>");
	assert_non_null(got);
	assert_string_equal(got, "a&#92;&#92;&#92;&#92;N &amp; <b>");
	free(got);
}

/* ---- the colour language ------------------------------------------------- */

/*
 * CIELAB (D65) of an sRGB colour "#RRGGBB", as seen with normal vision (cvd
 * NULL) or through a colour-vision-deficiency matrix applied to linear RGB.
 * Written here from the standards (IEC 61966-2-1 sRGB; CIE 15 L*a*b*), not
 * taken from render.c, so the test does not share the code it checks.
 */
static void srgb_lab(double lab[3], const char *hex, const double cvd[3][3])
{
	unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);
	double rgb[3] = { (v >> 16) & 255, (v >> 8) & 255, v & 255 }, lin[3], xyz[3], f[3];
	static const double m[3][3] = { { 0.4124564, 0.3575761, 0.1804375 },
	                                { 0.2126729, 0.7151522, 0.0721750 },
	                                { 0.0193339, 0.1191920, 0.9503041 } };
	static const double white[3] = { 0.95047, 1.0, 1.08883 };

	for (int k = 0; k < 3; k++) {
		double c = rgb[k] / 255;
		lin[k] = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
	}
	if (cvd) {
		double t[3];
		for (int k = 0; k < 3; k++)
			t[k] = fmin(1, fmax(0, cvd[k][0] * lin[0] + cvd[k][1] * lin[1] + cvd[k][2] * lin[2]));
		memcpy(lin, t, sizeof(t));
	}
	for (int k = 0; k < 3; k++) {
		xyz[k] = (m[k][0] * lin[0] + m[k][1] * lin[1] + m[k][2] * lin[2]) / white[k];
		f[k] = xyz[k] > 216.0 / 24389 ? cbrt(xyz[k]) : (24389.0 / 27 * xyz[k] + 16) / 116;
	}
	lab[0] = 116 * f[1] - 16;
	lab[1] = 500 * (f[0] - f[1]);
	lab[2] = 200 * (f[1] - f[2]);
}

static double deg(double rad) { return rad * 180 / M_PI; }
static double rad(double d) { return d * M_PI / 180; }

/* CIEDE2000 (Sharma, Wu and Dalal 2005, with kL = kC = kH = 1). */
static double ciede2000(const double *p, const double *q)
{
	double c1 = hypot(p[1], p[2]), c2 = hypot(q[1], q[2]), cb = (c1 + c2) / 2;
	double g = 0.5 * (1 - sqrt(pow(cb, 7) / (pow(cb, 7) + pow(25, 7))));
	double a1 = (1 + g) * p[1], a2 = (1 + g) * q[1];
	double c1p = hypot(a1, p[2]), c2p = hypot(a2, q[2]);
	double h1 = c1p == 0 ? 0 : fmod(deg(atan2(p[2], a1)) + 360, 360);
	double h2 = c2p == 0 ? 0 : fmod(deg(atan2(q[2], a2)) + 360, 360);
	double dl = q[0] - p[0], dc = c2p - c1p, dh = 0, hb;

	if (c1p * c2p != 0) {
		dh = h2 - h1;
		dh += dh > 180 ? -360 : dh < -180 ? 360 : 0;
	}
	double dH = 2 * sqrt(c1p * c2p) * sin(rad(dh / 2));
	double lb = (p[0] + q[0]) / 2, cbp = (c1p + c2p) / 2;
	if (c1p * c2p == 0)
		hb = h1 + h2;
	else if (fabs(h1 - h2) <= 180)
		hb = (h1 + h2) / 2;
	else
		hb = (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2;
	double t = 1 - 0.17 * cos(rad(hb - 30)) + 0.24 * cos(rad(2 * hb)) +
	           0.32 * cos(rad(3 * hb + 6)) - 0.20 * cos(rad(4 * hb - 63));
	double dth = 30 * exp(-pow((hb - 275) / 25, 2));
	double rc = 2 * sqrt(pow(cbp, 7) / (pow(cbp, 7) + pow(25, 7)));
	double sl = 1 + 0.015 * pow(lb - 50, 2) / sqrt(20 + pow(lb - 50, 2));
	double sc = 1 + 0.045 * cbp, sh = 1 + 0.015 * cbp * t, rt = -sin(rad(2 * dth)) * rc;
	return sqrt(pow(dl / sl, 2) + pow(dc / sc, 2) + pow(dH / sh, 2) + rt * (dc / sc) * (dH / sh));
}

static double hex_de00(const char *x, const char *y, const double cvd[3][3])
{
	double p[3], q[3];
	srgb_lab(p, x, cvd);
	srgb_lab(q, y, cvd);
	return ciede2000(p, q);
}

static void test_palette__ciede2000_agrees_with_sharmas_published_pairs(void **state)
{
	(void)state;
	/* pairs 1, 7, 17 and 25 of Sharma, Wu and Dalal's test data (Table 1) */
	static const double pairs[][7] = {
		{ 50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425 },
		{ 50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669 },
		{ 50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
		{ 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
	};
	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++)
		assert_double_near(ciede2000(pairs[k], pairs[k] + 3), pairs[k][6], 1e-4);
}

/*
 * Machado, Oliveira and Fernandes (2009), "A physiologically-based model for
 * simulation of color vision deficiency", severity 1.0, on linear RGB.
 */
static const double deuteranopia[3][3] = { { 0.367322, 0.860646, -0.227968 },
                                           { 0.280085, 0.672501, 0.047413 },
                                           { -0.011820, 0.042940, 0.968881 } };
static const double protanopia[3][3] = { { 0.152286, 1.052583, -0.204868 },
                                         { 0.114503, 0.786281, 0.099216 },
                                         { -0.003882, -0.048116, 1.051998 } };

static void test_palette__no_two_meanings_look_alike_even_with_colour_blindness(void **state)
{
	(void)state;
	const ripple_palette_entry *p;
	size_t n = ripple_palette(&p);
	static const struct { const char *name; const double (*m)[3]; } visions[] = {
		{ "normal vision", NULL }, { "deuteranopia", deuteranopia }, { "protanopia", protanopia }
	};
	assert_true(n >= RIPPLE_NCAPITALS + RIPPLE_SECTOR_COLOURS + 5);
	for (size_t v = 0; v < 3; v++) {
		double least = INFINITY;
		size_t li = 0, lj = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++) {
				double d = hex_de00(p[i].colour, p[j].colour, visions[v].m);
				if (d < least) {
					least = d;
					li = i;
					lj = j;
				}
			}
		print_message("palette, %s: closest pair %s (%s) and %s (%s), CIEDE2000 %.2f\n",
		              visions[v].name, p[li].meaning, p[li].colour, p[lj].meaning,
		              p[lj].colour, least);
		if (least < RIPPLE_PALETTE_MIN_DE00)
			fail_msg("%s: %s and %s are only %.2f apart (CIEDE2000), under %.1f",
			         visions[v].name, p[li].meaning, p[lj].meaning, least,
			         RIPPLE_PALETTE_MIN_DE00);
	}
}

static void test_palette__is_the_one_the_pictures_draw_with(void **state)
{
	(void)state;
	const ripple_palette_entry *p;
	size_t n = ripple_palette(&p);
	/* each capital and sector colour is the table's entry of that name */
	for (int k = 0; k < RIPPLE_NCAPITALS; k++) {
		char want[64];
		snprintf(want, sizeof(want), "capital: %s", ripple_capital_name(k));
		assert_string_equal(p[k].meaning, want);
		assert_string_equal(ripple_capital_colour(k), p[k].colour);
	}
	for (size_t k = 0; k < RIPPLE_SECTOR_COLOURS; k++) {
		char want[64];
		snprintf(want, sizeof(want), "sector %zu", k + 1);
		assert_string_equal(p[RIPPLE_NCAPITALS + k].meaning, want);
		assert_string_equal(ripple_sector_colour(k), p[RIPPLE_NCAPITALS + k].colour);
	}
	assert_string_equal(ripple_capital_colour(RIPPLE_NCAPITALS), RIPPLE_NO_SECTOR_COLOUR);
	assert_string_equal(ripple_sector_colour(RIPPLE_SECTOR_COLOURS), RIPPLE_NO_SECTOR_COLOUR);
	/* and every colour means one thing */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcasecmp(p[i].colour, p[j].colour) == 0)
				fail_msg("%s and %s share %s", p[i].meaning, p[j].meaning, p[i].colour);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__doubles_backslashes_so_graphviz_escapes_stay_literal),
		cmocka_unit_test(test_text__writes_ampersand_as_an_entity_because_graphviz_decodes_them),
		cmocka_unit_test(test_text__turns_newlines_and_tabs_into_single_spaces),
		cmocka_unit_test(test_text__wraps_at_spaces_within_the_width),
		cmocka_unit_test(test_text__keeps_a_word_longer_than_the_width_whole),
		cmocka_unit_test(test_text__counts_characters_not_bytes_when_wrapping),
		cmocka_unit_test(test_html__escapes_markup_and_quotes),
		cmocka_unit_test(test_format__comes_from_the_name_or_the_extension),
		cmocka_unit_test(test_layout__is_computed_once_stored_and_read_back),
		cmocka_unit_test(test_layout__gives_each_actor_its_own_spot_and_writes_nothing),
		cmocka_unit_test(test_layout__of_another_method_is_computed_again),
		cmocka_unit_test(test_layout__of_a_read_only_database_is_computed_but_not_stored),
		cmocka_unit_test(test_draw__of_a_comparison_given_is_the_drawing_it_would_make_itself),
		cmocka_unit_test(test_graph__keeps_clusters_in_creation_order_and_finds_names_after_twopi),
		cmocka_unit_test(test_tooltip__writes_each_backslash_as_four_entities),
		cmocka_unit_test(test_text__replaces_what_xml_cannot_carry),
		cmocka_unit_test(test_page__names_and_sizes_are_the_papers),
		cmocka_unit_test(test_page__refuses_text_that_would_be_under_7_points),
		cmocka_unit_test(test_page__draws_exactly_the_page_and_leaves_the_layout_as_it_was),
		cmocka_unit_test(test_palette__ciede2000_agrees_with_sharmas_published_pairs),
		cmocka_unit_test(test_palette__no_two_meanings_look_alike_even_with_colour_blindness),
		cmocka_unit_test(test_palette__is_the_one_the_pictures_draw_with),
	};
	return cmocka_run_group_tests(tests, NULL, release_pictures);
}
