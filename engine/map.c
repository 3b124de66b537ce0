/*
 * map.c - the ripple map: the programme at the centre, the ripples it set off
 * on rings by order, coloured by community capital; or, with a timeline, the
 * same ripples left to right on a date spine.
 *
 * Radial: twopi lays the tree out (one ring per order, each subtree given an
 * angle in proportion to its leaves); the ring spacing grows until no two
 * ripples overlap. The picture is then drawn with the positions twopi chose,
 * faint rings (drawn first, so behind) labelled with their order, a legend and
 * a title. Timeline: ripple computes x from the date and stacks ripples that
 * would overlap in lanes above the spine; undated ripples go in a box apart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"

#define MINUS "\xe2\x88\x92"     /* U+2212, the sign on negative ripples */
#define NEGATIVE_COLOUR RIPPLE_MARK_COLOUR   /* the colour language's (render.h) */
#define EDGE_COLOUR "#999999"
#define RING_COLOUR "#BBBBBB"
#define CONTEXT_FILL "#EEEEEE"   /* an ancestor kept only to hold the tree together */
#define CONTEXT_LINE "#BBBBBB"
#define CONTEXT_TEXT "#777777"
#define KEY_FONT "9"         /* points: the key's text, as large as the numbers in the
                                boxes: a smaller key would set the picture's smallest text
                                and so its least scale (7/9 now; 7/8 with an 8 pt key, which
                                refused the 60-ripple place on A4 and the slide) */
#define NUMBER_FONT "9"      /* points: the number in a numbered ripple's box */
#define TIE_NUMBER_COLOUR RIPPLE_BRIDGING_COLOUR   /* the change map's tie numbers' colour */

/*
 * A ripple map drawn with filters (ripple_map_options): the model seen with
 * only the ripples kept (those passing, and their ancestors), each kept ripple
 * knowing its row in the place and whether it passed. Everything else of the
 * model is borrowed.
 */
typedef struct filtered {
	ripple_model m;       /* a shallow copy: ripples, nripples, ripple_order replaced */
	size_t *row;          /* per kept ripple: its index in the place's model, owned */
	unsigned char *passed;/* per kept ripple: 1 passed the filters, 0 an ancestor kept
	                         for the tree (drawn faded), owned */
	char *note;           /* what the filters keep, for the title (escaped), owned */
	char **ties;          /* --on-new-ties: per kept ripple, the numbers of the new ties it
	                         rests on as the change map numbers them ("4, 7"; see
	                         ripple_compare_number_ripple_ties), NULL for none; owned.
	                         NULL without --on-new-ties */
	char *ties_from, *ties_to; /* --on-new-ties: its waves, escaped, owned */
} filtered;

/*
 * What drawing a map works on: the place's ripples (borrowed from the model,
 * index i is ripple i of the model, node "r<i>") and, per ripple, the centre
 * and size the layout gave it.
 */
typedef struct ripple_tree {
	const ripple_model *m;
	int wrap;             /* ripple labels wrap at this many characters */
	double *x, *y, *w, *h; /* per ripple: centre and size, points; owned */
	int *order;           /* per ripple: its ring, owned (see tree_init) */
	int orders;           /* deepest order */
	int compact;          /* 1: rings drawn in as close as the ripples allow (pages) */
	double cw, ch;        /* size of the programme at the centre, points (radial) */
	const filtered *f;    /* the filters' result, or NULL when none was given */
	size_t *number;       /* numbered map: per ripple its number in the key (1..n, by
	                         first capital, then order, then row), owned; NULL: words */
	int key_wrap;         /* numbered map: characters per line of the key's words */
	double box[4];        /* x0, y0, x1, y1 (points) of the rings or the spine and the
	                         ripples, legend and title left out (set by radial, timeline) */
} ripple_tree;

static void tree_release(ripple_tree *t)
{
	free(t->number);
	free(t->order);
	free(t->x);
	free(t->y);
	free(t->w);
	free(t->h);
}

static int tree_init(ripple_tree *t, const ripple_model *m, int wrap, ripple_error *err)
{
	size_t n1 = m->nripples + 1;

	memset(t, 0, sizeof(*t));
	t->m = m;
	t->wrap = wrap;
	t->x = calloc(n1, sizeof(*t->x));
	t->y = calloc(n1, sizeof(*t->y));
	t->w = calloc(n1, sizeof(*t->w));
	t->h = calloc(n1, sizeof(*t->h));
	t->order = calloc(n1, sizeof(*t->order));
	if (!t->x || !t->y || !t->w || !t->h || !t->order)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < m->nripples; i++) {
		int order = m->ripple_order[i];
		if (order == 0) {
			/* no chain of parents leads to the programme (a damaged database: a
			 * cycle, or a parent of another place): the depth of the chain, at most
			 * one more than there are ripples */
			order = 1;
			for (size_t p = m->ripples[i].parent; p != RIPPLE_NONE && order <= (int)m->nripples;
			     p = m->ripples[p].parent)
				order++;
		}
		t->order[i] = order;
		if (order > t->orders)
			t->orders = order;
	}
	return RIPPLE_OK;
}

/* The order of ripple i (1: first order). */
static int order_of(const ripple_tree *t, size_t i)
{
	return t->order[i];
}

/* The first capital (in capital order) of a ripple's codes; RIPPLE_NCAPITALS: none. */
static int first_capital(unsigned caps)
{
	for (int k = 0; k < RIPPLE_NCAPITALS; k++)
		if ((caps >> k) & 1u)
			return k;
	return RIPPLE_NCAPITALS;
}

/*
 * Numbers the ripples for the key: by first capital (capital order, uncoded
 * last), then order, then row in the place, so each capital's ripples read as
 * one run of numbers, in one colour, in the key. O(n^2) (maps hold hundreds).
 */
static int number_ripples(ripple_tree *t)
{
	size_t n = t->m->nripples, next = 1;

	if (!(t->number = calloc(n + 1, sizeof(*t->number))))
		return RIPPLE_ENOMEM;
	for (int cap = 0; cap <= RIPPLE_NCAPITALS; cap++)
		for (int order = 1; order <= t->orders; order++)
			for (size_t i = 0; i < n; i++)
				if (first_capital(t->m->ripples[i].capitals) == cap && order_of(t, i) == order)
					t->number[i] = next++;
	return RIPPLE_OK;
}

/* ---- nodes ---------------------------------------------------------------- */

static int n_capitals(unsigned caps)
{
	int n = 0;
	for (int k = 0; k < RIPPLE_NCAPITALS; k++)
		n += (caps >> k) & 1u;
	return n;
}

static const char *ordinal_suffix(int k)
{
	if (k % 100 >= 11 && k % 100 <= 13)
		return "th";
	return k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
}

/*
 * The HTML label of a ripple: its text (escaped, wrapped at wrap); for several
 * capitals (caps) under a band of one equal stripe per capital, in capital
 * order, ruled off from the text (the box under the text takes the first
 * capital, so the words sit on one colour); with ties (the numbers of the new
 * ties it rests on, or NULL) over them in the change map's purple on white.
 * malloc'd; NULL when out of memory.
 */
static char *banded_label(const char *text, unsigned caps, int wrap, const char *ties)
{
	char band[RIPPLE_NCAPITALS * 96 + 1] = "", *html = ripple_gv_html_wrap(text, wrap), *out;
	char *tie_row = ties ? ripple_strdupf("<TR><TD BGCOLOR=\"#FFFFFF\" CELLPADDING=\"1\">"
	                                      "<FONT COLOR=\"%s\">%s</FONT></TD></TR>",
	                                      TIE_NUMBER_COLOUR, ties) : strdup("");
	char *band_row = NULL;
	size_t len = 0;

	for (int k = 0; k < RIPPLE_NCAPITALS; k++)
		if ((caps >> k) & 1u)
			len += (size_t)snprintf(band + len, sizeof(band) - len,
			                        "<TD BGCOLOR=\"%s\" HEIGHT=\"6\" BORDER=\"1\" SIDES=\"B\" "
			                        "COLOR=\"#555555\"></TD>", ripple_capital_colour(k));
	band_row = n_capitals(caps) > 1
	           ? ripple_strdupf("<TR><TD><TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
	                            "<TR>%s</TR></TABLE></TD></TR>", band) : strdup("");
	out = html && tie_row && band_row
	      ? ripple_strdupf("<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">%s"
	                       "<TR><TD CELLPADDING=\"1\">%s</TD></TR>%s</TABLE>", band_row, html,
	                       tie_row) : NULL;
	free(html);
	free(tie_row);
	free(band_row);
	return out;
}

/* Adds ripple i as node "r<i>": a rounded box filled with its (first)
 * capital's colour, several capitals as a band along the top (banded_label),
 * its outline, label and tooltip. */
static int add_ripple(Agraph_t *g, const ripple_tree *t, size_t i)
{
	const ripple_ripple *r = &t->m->ripples[i];
	int order = order_of(t, i), negative = r->valence < 0;
	char cls[256], *text, *tip, *html = NULL;
	const char *ties = t->f && t->f->ties ? t->f->ties[i] : NULL;
	int ncap = n_capitals(r->capitals), first = RIPPLE_NCAPITALS, rc;
	size_t len = 0;
	Agnode_t *n;

	if (!(n = ripple_gv_node(g, "r", i, 1)))
		return RIPPLE_ENOMEM;
	len = (size_t)snprintf(cls, sizeof(cls), "ripple order-%d %s%s", order,
	                       negative ? "negative" : "positive",
	                       r->intended == 0 ? " unintended" : "");
	for (int k = RIPPLE_NCAPITALS - 1; k >= 0; k--)
		if ((r->capitals >> k) & 1u)
			first = k;
	for (int k = 0; k < RIPPLE_NCAPITALS; k++)
		if ((r->capitals >> k) & 1u)
			len += (size_t)snprintf(cls + len, sizeof(cls) - len, " capital-%s", ripple_capital_name(k));
	if (t->number)   /* the number; the words are in the key */
		text = ripple_strdupf(negative ? MINUS "%zu" : "%zu", t->number[i]);
	else
		text = negative ? ripple_strdupf("(" MINUS ") %s", r->label) : strdup(r->label);
	tip = ripple_strdupf("%s (%d%s order%s%s)", r->label, order, ordinal_suffix(order),
	                     *r->date ? ", " : "", r->date);
	if (text && tip && (ncap > 1 || ties)) {
		rc = (html = banded_label(text, r->capitals, t->wrap, ties)) ? RIPPLE_OK : RIPPLE_ENOMEM;
		if (html)
			ripple_gv_set_html(n, "label", html);
	} else {
		rc = text && tip ? ripple_gv_set_text(n, "label", text, t->wrap) : RIPPLE_ENOMEM;
	}
	if (rc == RIPPLE_OK)
		rc = ripple_gv_set_tooltip(n, tip);
	free(html);
	free(text);
	free(tip);
	if (rc < 0)
		return rc;
	ripple_gv_set(n, "id", agnameof(n));
	ripple_gv_set(n, "class", cls);
	ripple_gv_set(n, "shape", "box");
	ripple_gv_set(n, "fontsize", t->number ? NUMBER_FONT : "10");
	ripple_gv_set(n, "margin", t->number ? "0.03,0.02" : ncap > 1 ? "0.06,0.03" : "0.08,0.05");
	if (t->number) {   /* as small as the number: Graphviz's default box is 0.75 x 0.5 in */
		ripple_gv_set(n, "width", "0.3");
		ripple_gv_set(n, "height", "0.22");
	}
	ripple_gv_set(n, "fillcolor", ripple_capital_colour(first));
	ripple_gv_set(n, "style", negative ? "rounded,filled,dashed" : "rounded,filled");
	ripple_gv_set(n, "color", negative ? NEGATIVE_COLOUR : "#555555");
	ripple_gv_set(n, "penwidth", negative ? "2.5" : "1");
	if (r->intended == 0)
		ripple_gv_set(n, "peripheries", "2");
	return RIPPLE_OK;
}

static const char *const programme_look[] = {
	"id", "programme", "class", "programme", "shape", "ellipse", "style", "filled",
	"fillcolor", "#332288", "fontcolor", "white", "fontsize", "12", "penwidth", "0", NULL
};

/* The programme at the centre of the radial map, node name. */
static int add_centre_named(Agraph_t *g, const ripple_tree *t, const char *name)
{
	Agnode_t *n = agnode(g, (char *)name, 1);

	if (!n || ripple_gv_set_text(n, "label", *t->m->programme ? t->m->programme : t->m->name,
	                             t->number ? 14 : 18) < 0)
		return RIPPLE_ENOMEM;
	ripple_gv_set_all(n, programme_look);
	if (t->number) {   /* among small boxes: 10 pt, a thin margin */
		ripple_gv_set(n, "fontsize", "10");
		ripple_gv_set(n, "margin", "0.02,0.01");
	}
	return RIPPLE_OK;
}

static int add_centre(Agraph_t *g, const ripple_tree *t)
{
	return add_centre_named(g, t, "programme");
}

/* The programme as node "centre0", to be measured (a ripple_gv_adder). */
static int add_centre_measured(Agraph_t *g, const void *tree)
{
	return add_centre_named(g, tree, "centre0");
}

static void add_tree_edges(Agraph_t *g, const ripple_tree *t, int with_centre)
{
	Agnode_t *centre = with_centre ? agnode(g, "programme", 0) : NULL;

	for (size_t i = 0; i < t->m->nripples; i++) {
		size_t parent = t->m->ripples[i].parent;
		Agnode_t *from = parent == RIPPLE_NONE ? centre : ripple_gv_node(g, "r", parent, 0);
		Agedge_t *e;
		if (!from || !(e = agedge(g, from, ripple_gv_node(g, "r", i, 0), NULL, 1)))
			continue;
		ripple_gv_set(e, "color", EDGE_COLOUR);
		ripple_gv_set(e, "arrowsize", "0.6");
		ripple_gv_set(e, "dir", with_centre ? "none" : "forward");
	}
}

/* Adds every ripple (tree: the ripple_tree; a ripple_gv_adder). */
static int add_ripples(Agraph_t *g, const void *tree)
{
	const ripple_tree *t = tree;

	for (size_t i = 0; i < t->m->nripples; i++)
		if (add_ripple(g, t, i) < 0)
			return RIPPLE_ENOMEM;
	return RIPPLE_OK;
}

/* Reads back centre and size (points) of each ripple after a layout. */
static void read_positions(Agraph_t *g, ripple_tree *t)
{
	for (size_t i = 0; i < t->m->nripples; i++) {
		Agnode_t *n = ripple_gv_node(g, "r", i, 0);
		t->x[i] = ND_coord(n).x;
		t->y[i] = ND_coord(n).y;
		t->w[i] = ND_width(n) * 72.0;
		t->h[i] = ND_height(n) * 72.0;
	}
}

/* ---- title and legend ------------------------------------------------------ */

static int set_title(Agraph_t *g, const char *what, const ripple_tree *t)
{
	char *place = ripple_gv_html(t->m->name), *prog = ripple_gv_html(t->m->programme), *html;

	html = place && prog ? ripple_strdupf("<B>%s: %s</B>%s%s%s%s", what, place,
	                                      *prog ? "<BR/><FONT POINT-SIZE=\"12\">" : "",
	                                      *prog ? prog : "", t->f ? (*prog ? "<BR/>" :
	                                      "<BR/><FONT POINT-SIZE=\"12\">") : "",
	                                      t->f ? t->f->note : "") : NULL;
	free(place);
	free(prog);
	if (!html)
		return RIPPLE_ENOMEM;
	if (*t->m->programme || t->f) {   /* close the FONT opened above */
		char *closed = ripple_strdupf("%s</FONT>", html);
		free(html);
		if (!(html = closed))
			return RIPPLE_ENOMEM;
	}
	ripple_gv_title(g, html);
	free(html);
	return RIPPLE_OK;
}

#define LEGEND_WIDTH 200.0   /* points, about what the legend table takes */

/* The legend: the capitals used, then the marks that appear; its left edge at
 * x, top at y_top (about: a map with words takes the height as fixed 180 points,
 * a numbered map measures it, into *height). */
static int add_legend(Agraph_t *g, const ripple_tree *t, int rings, double x, double y_top,
                      double *width, double *height, ripple_error *err)
{
	unsigned used = 0;
	int uncoded = 0, negative = 0, unintended = 0, several = 0;
	char html[4096];
	size_t len = 0;

	for (size_t i = 0; i < t->m->nripples; i++) {
		used |= t->m->ripples[i].capitals;
		uncoded |= t->m->ripples[i].capitals == 0;
		negative |= (t->m->ripples[i].valence < 0);
		unintended |= t->m->ripples[i].intended == 0;
		several |= n_capitals(t->m->ripples[i].capitals) > 1;
	}
	/* a numbered map sets the capitals two to a row (swatch, name, swatch, name),
	 * the legend's other rows spanning both pairs: it is shorter by half the
	 * capitals, which is what lets a key of 60 ripples share a page with it */
	const int span = t->number ? 3 : 1;
	const char *text_cell = t->number ? "<TD COLSPAN=\"3\" ALIGN=\"LEFT\" BALIGN=\"LEFT\">"
	                                  : "<TD ALIGN=\"LEFT\">";
	int paired = 0;
#define ROW(swatch, text) \
	len += (size_t)snprintf(html + len, sizeof(html) - len, \
	                        "<TR><TD %s WIDTH=\"18\" HEIGHT=\"12\"> </TD>%s%s</TD></TR>", \
	                        swatch, text_cell, text)
	len += (size_t)snprintf(html + len, sizeof(html) - len,
	                        "<TABLE BORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">"
	                        "<TR><TD COLSPAN=\"%d\" ALIGN=\"LEFT\"><B>Community capitals</B></TD></TR>",
	                        span + 1);
	for (int k = 0; k <= RIPPLE_NCAPITALS; k++) {
		char sw[64];
		const char *name = k < RIPPLE_NCAPITALS ? ripple_capital_name(k) : "not coded";
		if (k < RIPPLE_NCAPITALS ? !((used >> k) & 1u) : !uncoded)
			continue;
		snprintf(sw, sizeof(sw), "BGCOLOR=\"%s\" BORDER=\"1\"", ripple_capital_colour(k));
		if (!t->number) {
			ROW(sw, name);
			continue;
		}
		len += (size_t)snprintf(html + len, sizeof(html) - len,
		                        "%s<TD %s WIDTH=\"18\" HEIGHT=\"12\"> </TD>"
		                        "<TD ALIGN=\"LEFT\">%s</TD>%s", paired ? "" : "<TR>", sw, name,
		                        paired ? "</TR>" : "");
		paired = !paired;
	}
	if (paired)
		len += (size_t)snprintf(html + len, sizeof(html) - len, "<TD COLSPAN=\"2\"></TD></TR>");
	if (several && t->number)
		ROW("BORDER=\"0\"", "several capitals: one stripe<BR ALIGN=\"LEFT\"/>each, along the top");
	else if (several)
		ROW("BORDER=\"0\"", "several capitals: a band along<BR ALIGN=\"LEFT\"/>"
		    "the top, one stripe each;<BR ALIGN=\"LEFT\"/>the box takes the first<BR ALIGN=\"LEFT\"/>");
	len += (size_t)snprintf(html + len, sizeof(html) - len,
	                        "<TR><TD COLSPAN=\"%d\" ALIGN=\"LEFT\"><B>Marks</B></TD></TR>", span + 1);
	if (negative)
		ROW("BORDER=\"2\" COLOR=\"" NEGATIVE_COLOUR "\"", t->number
		    ? "(" MINUS ") thick dashed<BR ALIGN=\"LEFT\"/>outline: negative"
		    : "(" MINUS ") thick dashed outline: negative");
	if (unintended)
		ROW("BORDER=\"1\" COLOR=\"#555555\"", t->number
		    ? "double outline:<BR ALIGN=\"LEFT\"/>unintended" : "double outline: unintended");
	for (size_t i = 0; t->f && i < t->m->nripples; i++)
		if (!t->f->passed[i]) {
			ROW("BGCOLOR=\"" CONTEXT_FILL "\" BORDER=\"1\" COLOR=\"" CONTEXT_LINE "\"",
			    "grey: leads to a ripple<BR ALIGN=\"LEFT\"/>the filter keeps");
			break;
		}
	if (t->number)
		ROW("BORDER=\"1\" COLOR=\"#555555\"", "n: ripple n, in the key");
	for (size_t i = 0; t->f && t->f->ties && i < t->m->nripples; i++)
		if (t->f->ties[i]) {   /* the numbers' row, when some ripple shows one */
			len += (size_t)snprintf(html + len, sizeof(html) - len,
			                        "<TR><TD BGCOLOR=\"#FFFFFF\" BORDER=\"0\"><FONT COLOR=\"%s\">"
			                        "n</FONT></TD><TD COLSPAN=\"%d\" ALIGN=\"LEFT\" "
			                        "BALIGN=\"LEFT\">rests on new tie n, numbered<BR/>as "
			                        "on the change map<BR/>(draw --from %s --to %s)</TD></TR>",
			                        TIE_NUMBER_COLOUR, span, t->f->ties_from, t->f->ties_to);
			break;
		}
	if (rings)
		ROW("BORDER=\"0\"", t->number ? "ring k from the centre:<BR ALIGN=\"LEFT\"/>"
		    "ripples of order k" : "ring k: ripples of order k");
	else
		ROW("BORDER=\"0\"", "arrow: led on to");
	len += (size_t)snprintf(html + len, sizeof(html) - len, "</TABLE>");
#undef ROW
	if (len >= sizeof(html))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	*width = LEGEND_WIDTH;
	*height = 180;
	if (t->number) {
		int rc = ripple_gv_legend_size(width, height, html, err);
		if (rc < 0)
			return rc;
		if (ripple_gv_legend(g, html, x + *width / 2, y_top - *height / 2) < 0)
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		return RIPPLE_OK;
	}
	if (ripple_gv_legend(g, html, x + LEGEND_WIDTH / 2, y_top - 90) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	return RIPPLE_OK;
}

/* ---- the key of a numbered map ------------------------------------------------ */

/*
 * Adds the key's entries, node "key<k>" for ripple number k + 1 (tree: the
 * ripple_tree; a ripple_gv_adder): the number on its capital's colour, then the
 * ripple's words wrapped at t->key_wrap, left-aligned, at KEY_FONT points.
 */
static int add_key_entries(Agraph_t *g, const void *tree)
{
	const ripple_tree *t = tree;

	for (size_t i = 0; i < t->m->nripples; i++) {
		const ripple_ripple *r = &t->m->ripples[i];
		int faded = t->f && !t->f->passed[i], negative = r->valence < 0;
		char *text = negative ? ripple_strdupf("(" MINUS ") %s", r->label) : strdup(r->label);
		char *words = text ? ripple_gv_html_wrap(text, t->key_wrap) : NULL, *html;
		Agnode_t *n;
		html = words ? ripple_strdupf("<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
		                              "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"%s\" "
		                              "WIDTH=\"20\" VALIGN=\"TOP\">%s%zu</TD><TD WIDTH=\"3\"></TD>"
		                              "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\">%s</TD>"
		                              "</TR></TABLE>",
		                              faded ? CONTEXT_FILL
		                                    : ripple_capital_colour(first_capital(r->capitals)),
		                              faded ? CONTEXT_LINE : "#555555", negative ? MINUS : "",
		                              t->number[i], words) : NULL;
		free(text);
		free(words);
		if (!html || !(n = ripple_gv_node(g, "key", t->number[i] - 1, 1))) {
			free(html);
			return RIPPLE_ENOMEM;
		}
		ripple_gv_set_html(n, "label", html);
		free(html);
		ripple_gv_setf(n, "id", "key%zu", t->number[i]);
		ripple_gv_set(n, "class", faded ? "key context" : "key");
		ripple_gv_set(n, "shape", "plaintext");
		ripple_gv_set(n, "margin", "0");
		ripple_gv_set(n, "width", "0");
		ripple_gv_set(n, "height", "0");
		ripple_gv_set(n, "fontsize", KEY_FONT);
		if (faded)
			ripple_gv_set(n, "fontcolor", CONTEXT_TEXT);
	}
	return RIPPLE_OK;
}

#define KEY_GAP 1.5       /* points between entries of a column */
#define KEY_COLUMN_GAP 14.0
#define TITLE_HEIGHT 50.0 /* points, about what the title takes */

/* Fills columns of at most limit points with entries of heights h (in number
 * order); the column of each entry in col (may be NULL), the widths in colw.
 * Returns the columns used; the tallest column's height in *tallest. */
static size_t pack_key(const double *w, const double *h, size_t n, double limit, size_t *col,
                       double *colw, double *tallest)
{
	size_t c = 0;
	double y = 0;

	*tallest = 0;
	colw[0] = 0;
	for (size_t k = 0; k < n; k++) {
		if (y > 0 && y + h[k] > limit) {
			colw[++c] = 0;
			y = 0;
		}
		if (col)
			col[k] = c;
		y += h[k] + KEY_GAP;
		colw[c] = fmax(colw[c], w[k]);
		*tallest = fmax(*tallest, y - KEY_GAP);
	}
	return c + 1;
}

/* A way to set out a numbered map's blocks: the map, the legend, the key. */
enum key_arrangement {
	KEY_ROW,          /* map, legend, key side by side */
	KEY_UNDER_LEGEND, /* map; beside it the legend over the key */
	KEY_UNDER_MAP,    /* map and legend side by side; the key under both */
	KEY_BESIDE_LEGEND_UNDER, /* map; under it the legend and the key side by side */
	KEY_ARRANGEMENTS
};

/* The width and height (points) of the blocks set out as a says, with the title. */
static void arranged_size(int a, double mw, double mh, double lw, double lh, double kw,
                          double kh, double *w, double *h)
{
	switch (a) {
	case KEY_ROW:
		*w = mw + 36 + lw + 24 + kw;
		*h = fmax(fmax(mh, lh), kh);
		break;
	case KEY_UNDER_LEGEND:
		*w = mw + 36 + fmax(lw, kw);
		*h = fmax(mh, lh + 16 + kh);
		break;
	case KEY_UNDER_MAP:
		*w = fmax(mw + 36 + lw, kw);
		*h = fmax(mh, lh) + 24 + kh;
		break;
	default:
		*w = fmax(mw, lw + 24 + kw);
		*h = mh + 24 + fmax(lh, kh);
		break;
	}
	*h += TITLE_HEIGHT;
}

/* The columns of entries w x h (in number order) that give at most cols
 * columns, the shortest that does: their column per entry (col, may be NULL)
 * and widths (colw); the key's width and height in *kw, *kh. */
static void balance_key(const double *w, const double *h, size_t n, size_t cols, size_t *col,
                        double *colw, double *kw, double *kh)
{
	double total = 0, limit;
	size_t used;

	for (size_t k = 0; k < n; k++)
		total += h[k] + KEY_GAP;
	for (limit = total / (double)cols;; limit += 2)
		if ((used = pack_key(w, h, n, limit, col, colw, kh)) <= cols)
			break;
	*kw = 0;
	for (size_t c = 0; c < used; c++)
		*kw += colw[c] + (c ? KEY_COLUMN_GAP : 0);
}

/*
 * Adds the key of a numbered map, laid out for the page (its text at its
 * final size): its words wrapped at 22, 28, 34, 42 or 50 characters, in 1 to 12
 * columns, set out with the map and the legend in one of the
 * key_arrangements, whichever lets the whole picture be drawn largest on the
 * page (the natural page: as on A4 landscape); moves the legend (w x h) to
 * suit. The map is t->box. O(wraps * columns * n) after three measurings.
 */
static int add_key(Agraph_t *g, ripple_tree *t, int page, double lw, double lh, ripple_error *err)
{
	static const int wraps[] = { 22, 28, 34, 42, 50 };
	const int nwraps = (int)(sizeof(wraps) / sizeof(*wraps));
	size_t n = t->m->nripples, *col = malloc((n + 1) * sizeof(*col)), best_cols = 1;
	/* per wrap v, the entries' sizes at w[v * (n + 1) ...], h[...] */
	double *w = malloc(5 * (n + 1) * sizeof(*w)), *h = malloc(5 * (n + 1) * sizeof(*h));
	double *colw = malloc((n + 1) * sizeof(*colw)), pw, ph, best = -1, kw, kh;
	double mw = t->box[2] - t->box[0], mh = t->box[3] - t->box[1];
	int rc = RIPPLE_OK, best_a = KEY_ROW, best_wrap = 0;

	if (!col || !w || !h || !colw) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	ripple_page_size(page > RIPPLE_PAGE_NATURAL && page < RIPPLE_NPAGES ? (enum ripple_page)page
	                 : RIPPLE_PAGE_A4_LANDSCAPE, &pw, &ph);
	pw -= 2 * RIPPLE_PAGE_MARGIN;
	ph -= 2 * RIPPLE_PAGE_MARGIN;
	for (int v = 0; v < nwraps; v++) {
		double *wv = w + (size_t)v * (n + 1), *hv = h + (size_t)v * (n + 1);
		t->key_wrap = wraps[v];
		if ((rc = ripple_gv_measure(wv, hv, add_key_entries, t, "key", n, err)) < 0)
			goto done;
		for (size_t cols = 1; cols <= 12 && cols <= n; cols++) {
			balance_key(wv, hv, n, cols, NULL, colw, &kw, &kh);
			for (int a = 0; a < KEY_ARRANGEMENTS; a++) {
				double W, H, sc;
				arranged_size(a, mw, mh, lw, lh, kw, kh, &W, &H);
				sc = fmin(2.0, fmin(pw / W, ph / H));
				if (sc > best + 1e-9) {
					best = sc;
					best_cols = cols;
					best_a = a;
					best_wrap = v;
				}
			}
		}
	}
	t->key_wrap = wraps[best_wrap];
	w += (size_t)best_wrap * (n + 1);
	h += (size_t)best_wrap * (n + 1);
	balance_key(w, h, n, best_cols, col, colw, &kw, &kh);
	if (add_key_entries(g, t) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto undo;
	}
	{
		/* the legend's and the key's top-left corners, then the entries top down */
		double right = t->box[2] + 36, under = t->box[1] - 24, lx, ly, x, top;
		switch (best_a) {
		case KEY_ROW:
			lx = right, ly = t->box[3], x = right + lw + 24, top = t->box[3];
			break;
		case KEY_UNDER_LEGEND:
			lx = right, ly = t->box[3], x = right, top = t->box[3] - lh - 16;
			break;
		case KEY_UNDER_MAP:
			lx = right, ly = t->box[3], x = t->box[0];
			top = fmin(t->box[1], t->box[3] - lh) - 24;
			break;
		default:
			lx = t->box[0], ly = under, x = t->box[0] + lw + 24, top = under;
			break;
		}
		ripple_gv_pos(agnode(g, "legend", 0), lx + lw / 2, ly - lh / 2);
		double y = top;
		size_t c = 0;
		for (size_t k = 0; k < n; k++) {
			if (col[k] != c) {
				x += colw[c] + KEY_COLUMN_GAP;
				c = col[k];
				y = top;
			}
			ripple_gv_pos(ripple_gv_node(g, "key", k, 0), x + w[k] / 2, y - h[k] / 2);
			y -= h[k] + KEY_GAP;
		}
	}
undo:
	w -= (size_t)best_wrap * (n + 1);
	h -= (size_t)best_wrap * (n + 1);
done:
	free(col);
	free(w);
	free(h);
	free(colw);
	return rc;
}

/* ---- radial ---------------------------------------------------------------- */

/*
 * Marks in crowded[k] each ring k whose ripples overlap one another or the
 * ripples of the ring inside it (boxes closer than 2 points count as touching).
 * Returns 1 when anything overlaps. Costs O(n^2): maps hold hundreds at most.
 */
static int overlapping(const ripple_tree *t, int *crowded)
{
	const double gap = 4;
	int any = 0;

	for (size_t i = 0; i < t->m->nripples; i++)
		for (size_t j = i + 1; j < t->m->nripples; j++)
			if (fabs(t->x[i] - t->x[j]) * 2 < t->w[i] + t->w[j] + gap &&
			    fabs(t->y[i] - t->y[j]) * 2 < t->h[i] + t->h[j] + gap) {
				int k = order_of(t, i) > order_of(t, j) ? order_of(t, i) : order_of(t, j);
				crowded[k] = 1;
				any = 1;
			}
	return any;
}

static int by_double(const void *x, const void *y)
{
	double p = *(const double *)x, q = *(const double *)y;
	return p < q ? -1 : p > q;
}

/*
 * Spreads the ripples round the programme: twopi gives each first-order
 * subtree an angle in proportion to its leaves but may leave half the circle
 * empty (Lewisham's one first-order ripple and its five descendants filled the
 * left half). When the ripples' angles span less than 2 pi (n - 1) / n, every
 * angle is stretched about the middle of that span until they do; distances
 * from the programme, and the order of the ripples round it, are kept. O(n log n).
 */
static void spread(ripple_tree *t)
{
	size_t n = t->m->nripples;
	double *a = malloc((n + 1) * sizeof(*a)), widest = 0, start = 0, span, want, mid, k;

	if (!a || n < 2) {
		free(a);
		return;
	}
	for (size_t i = 0; i < n; i++)
		a[i] = atan2(t->y[i], t->x[i]);
	qsort(a, n, sizeof(*a), by_double);
	for (size_t i = 0; i < n; i++) {   /* the widest gap; the span starts after it */
		double gap = i + 1 < n ? a[i + 1] - a[i] : a[0] + 2 * M_PI - a[i];
		if (gap > widest) {
			widest = gap;
			start = i + 1 < n ? a[i + 1] : a[0];
		}
	}
	free(a);
	span = 2 * M_PI - widest;
	want = 2 * M_PI * (double)(n - 1) / (double)n;
	if (span >= want - 1e-9)
		return;
	k = span > 1e-6 ? want / span : 1;
	mid = start + span / 2;
	for (size_t i = 0; i < n; i++) {
		double r = hypot(t->x[i], t->y[i]), d = atan2(t->y[i], t->x[i]) - start;
		d -= 2 * M_PI * floor(d / (2 * M_PI));   /* 0 .. 2 pi from the span's start */
		if (span <= 1e-6)   /* all on one ray: fan them out evenly */
			d = want * (double)i / (double)(n - 1);
		else
			d = (start + d - mid) * k + mid - start;
		t->x[i] = r * cos(start + d);
		t->y[i] = r * sin(start + d);
	}
}

/* Lays the tree out with twopi, widening the gap before each crowded ring
 * until no ripples overlap; leaves positions relative to the programme in t. */
static int radial_positions(ripple_tree *t, ripple_error *err)
{
	double *gap = malloc(((size_t)t->orders + 1) * sizeof(*gap));
	int *crowded = calloc((size_t)t->orders + 1, sizeof(*crowded));
	char *ranksep = malloc(16 * ((size_t)t->orders + 1));
	int rc = RIPPLE_OK;

	if (!gap || !crowded || !ranksep) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	/* inches; for a page, start tight and let the crowded rings grow */
	for (int k = 0; k <= t->orders; k++)
		gap[k] = t->number ? 0.3 : t->compact ? 0.6 : 1.4;   /* numbers: small boxes */
	for (int attempt = 0; attempt < 40; attempt++) {
		Agraph_t *g = ripple_gv_graph("ripples", 1);
		Agnode_t *c;
		double cw, ch;
		size_t len = 0;
		if (!g || add_centre(g, t) < 0 || add_ripples(g, t) < 0) {
			if (g)
				agclose(g);
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		add_tree_edges(g, t, 1);
		ripple_gv_set(g, "root", "programme");
		for (int k = 1; k <= t->orders; k++)
			len += (size_t)sprintf(ranksep + len, "%s%.3f", k > 1 ? ":" : "", gap[k]);
		ripple_gv_set(g, "ranksep", ranksep);
		if ((rc = ripple_gv_layout(g, "twopi", err)) < 0) {
			agclose(g);
			goto done;
		}
		read_positions(g, t);
		c = agnode(g, "programme", 0);
		for (size_t i = 0; i < t->m->nripples; i++) {
			t->x[i] -= ND_coord(c).x;
			t->y[i] -= ND_coord(c).y;
		}
		spread(t);
		cw = t->cw = ND_width(c) * 72.0;
		ch = t->ch = ND_height(c) * 72.0;
		ripple_gv_free_layout(g);
		agclose(g);
		memset(crowded, 0, ((size_t)t->orders + 1) * sizeof(*crowded));
		for (size_t i = 0; i < t->m->nripples; i++)   /* the first ring must clear the programme too */
			if (order_of(t, i) == 1 && fabs(t->x[i]) * 2 < t->w[i] + cw + 8 &&
			    fabs(t->y[i]) * 2 < t->h[i] + ch + 8)
				crowded[1] = 1;
		if (!overlapping(t, crowded) && !crowded[1])
			break;
		for (int k = 1; k <= t->orders; k++)
			if (crowded[k])
				gap[k] *= t->compact ? 1.08 : 1.15;
	}
done:
	free(gap);
	free(crowded);
	free(ranksep);
	return rc;
}

static double ring_radius(const ripple_tree *t, int k);
static int ring_touches(const ripple_tree *t, int k, double gap);

/*
 * Places the count ripples seq (one ring, in ring order) at radius r, ring their
 * widest box: near their parents (each wants its parent's angle, siblings side
 * by side, pushed on in ring order to stay apart, then all turned back by the
 * mean push), or, for ring 1 or when that would wrap round past the first,
 * evenly round the ring turned so they sit on average in line with their
 * parents. Their angles into angle[], positions into t.
 */
static void place_ring(ripple_tree *t, const size_t *seq, size_t count, double r, double ring,
                       double *angle)
{
	double sx = 0, sy = 0, turn, delta = (ring + 4) / r, shift = 0;
	int near = t->m->ripples[seq[0]].parent != RIPPLE_NONE;

	for (size_t j = 0; near && j < count; j++) {
		size_t i = seq[j], p = t->m->ripples[i].parent, sib = 0, nsib = 0;
		double want;
		if (p == RIPPLE_NONE) {
			near = 0;
			break;
		}
		for (size_t q = 0; q < count; q++)
			if (t->m->ripples[seq[q]].parent == p) {
				sib += q < j;
				nsib++;
			}
		want = angle[p] + ((double)sib - (double)(nsib - 1) / 2) * delta;
		while (j > 0 && want < angle[seq[j - 1]] - M_PI)   /* unwrap along the ring */
			want += 2 * M_PI;
		angle[i] = j > 0 ? fmax(want, angle[seq[j - 1]] + delta) : want;
		shift += angle[i] - want;
	}
	if (near) {
		shift /= (double)count;
		for (size_t j = 0; j < count; j++)
			angle[seq[j]] -= shift;
		if (angle[seq[count - 1]] - angle[seq[0]] > 2 * M_PI - delta)
			near = 0;
	}
	for (size_t j = 0; !near && j < count; j++) {   /* circular mean of parent minus own angle */
		size_t p = t->m->ripples[seq[j]].parent;
		double want = p != RIPPLE_NONE ? angle[p] : M_PI / 2;
		double d = want - 2 * M_PI * (double)j / (double)count;
		sx += cos(d);
		sy += sin(d);
	}
	turn = atan2(sy, sx);
	for (size_t j = 0; j < count; j++) {
		size_t i = seq[j];
		if (!near)
			angle[i] = turn + 2 * M_PI * (double)j / (double)count;
		t->x[i] = r * cos(angle[i]);
		t->y[i] = r * sin(angle[i]);
	}
}

/*
 * Places a numbered map's ripples (small boxes) on rings by order, in the
 * order of the tree (ring k runs through the children of ring k - 1's ripples
 * in turn, so edges do not cross), near their parents where the ring has room,
 * else evenly round it (place_ring). Ring k's radius is the least, in steps of
 * 4 %, at which none of its ripples touches (3 points) the programme, another
 * of the ring or one inside it; twopi's share of angle by leaves crowds a ring
 * in places and leaves it empty in others, which on a page costs the text
 * size. Positions relative to the programme in t. O(steps * n^2) after two
 * measurings.
 */
static int even_rings(ripple_tree *t, ripple_error *err)
{
	size_t n = t->m->nripples, *seq = malloc((n + 1) * sizeof(*seq)), *start = NULL, m = 0;
	double *angle = calloc(n + 1, sizeof(*angle)), inner;
	unsigned char *placed = calloc(n + 1, 1);
	int rc;

	if (!seq || !angle || !placed || !(start = calloc((size_t)t->orders + 2, sizeof(*start)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if ((rc = ripple_gv_measure(t->w, t->h, add_ripples, t, "r", n, err)) < 0 ||
	    (rc = ripple_gv_measure(&t->cw, &t->ch, add_centre_measured, t, "centre", 1, err)) < 0)
		goto done;
	/* seq: ring 1 in row order, then each ring's ripples by their parents' turn */
	for (int k = 1; k <= t->orders; k++) {
		start[k] = m;
		for (size_t p = k == 1 ? 0 : start[k - 1]; k > 1 && p < start[k]; p++)
			for (size_t i = 0; i < n; i++)
				if (!placed[i] && order_of(t, i) == k && t->m->ripples[i].parent == seq[p]) {
					seq[m++] = i;
					placed[i] = 1;
				}
		for (size_t i = 0; i < n; i++)   /* ring 1, and any whose parent is not a ring in */
			if (!placed[i] && order_of(t, i) == k) {
				seq[m++] = i;
				placed[i] = 1;
			}
	}
	start[t->orders + 1] = m;
	inner = 0;
	for (int k = 1; k <= t->orders; k++) {
		size_t a = start[k], b = start[k + 1], count = b - a;
		double ring = 0, r;
		if (!count)
			continue;
		for (size_t j = a; j < b; j++)
			ring = fmax(ring, hypot(t->w[seq[j]], t->h[seq[j]]));   /* apart on any slant */
		/* the least radius, in steps of 4 %, at which the ring touches nothing */
		r = fmax(inner + ring / 2, (double)count * (ring + 4) / (2 * M_PI));
		for (int step = 0; step < 200; step++, r *= 1.04) {
			place_ring(t, seq + a, count, r, ring, angle);
			if (!ring_touches(t, k, 3))
				break;
		}
		inner = r;
	}
done:
	free(seq);
	free(angle);
	free(placed);
	free(start);
	return rc;
}

/* 1 when a ripple of order k overlaps a ripple of order k or less, or (k = 1)
 * the programme; boxes closer than gap points count as touching. */
static int ring_touches(const ripple_tree *t, int k, double gap)
{
	for (size_t i = 0; i < t->m->nripples; i++) {
		if (order_of(t, i) != k)
			continue;
		if (k == 1 && fabs(t->x[i]) * 2 < t->w[i] + t->cw + gap &&
		    fabs(t->y[i]) * 2 < t->h[i] + t->ch + gap)
			return 1;
		for (size_t j = 0; j < t->m->nripples; j++)
			if (j != i && order_of(t, j) <= k &&
			    fabs(t->x[i] - t->x[j]) * 2 < t->w[i] + t->w[j] + gap &&
			    fabs(t->y[i] - t->y[j]) * 2 < t->h[i] + t->h[j] + gap)
				return 1;
	}
	return 0;
}

/*
 * Draws the rings in, innermost first, as far as they go (in steps of 2 % of
 * the radius twopi gave) before a ripple of the ring would touch the programme,
 * another ripple of the ring or one inside it; each ring stays at least half
 * the tallest ripple outside the one inside it. twopi spaces rings for the most
 * crowded part of each, and leaves the rest of a small map mostly white; on a
 * page that white is what shrinks the text. Costs O(orders * 50 * n^2).
 */
static void compact_rings(ripple_tree *t)
{
	const double gap = t->number ? 3 : 6;   /* numbered boxes are small */
	double inner = 0;

	for (int k = 1; k <= t->orders; k++) {
		double f = 1, r = ring_radius(t, k), hmax = 0;
		if (r <= 0)
			continue;
		for (size_t i = 0; i < t->m->nripples; i++)
			if (order_of(t, i) == k)
				hmax = fmax(hmax, t->h[i]);
		for (double next = 0.98; next > 0.05; next -= 0.02) {
			int touches;
			if (r * next < inner + hmax / 2)
				break;
			for (size_t i = 0; i < t->m->nripples; i++)
				if (order_of(t, i) == k) {
					t->x[i] *= next / f;
					t->y[i] *= next / f;
				}
			touches = ring_touches(t, k, gap);
			for (size_t i = 0; i < t->m->nripples && touches; i++)
				if (order_of(t, i) == k) {   /* one step back */
					t->x[i] *= f / next;
					t->y[i] *= f / next;
				}
			if (touches)
				break;
			f = next;
		}
		inner = ring_radius(t, k) + hmax / 2;
	}
}

/* The middle of the widest angular gap between ripples of order k: where
 * ring k's label goes. */
static double label_angle(const ripple_tree *t, int k)
{
	double *a = malloc((t->m->nripples + 1) * sizeof(*a)), best = M_PI / 2, widest = -1;
	size_t m = 0;

	if (!a)
		return best;
	for (size_t i = 0; i < t->m->nripples; i++)
		if (order_of(t, i) == k || order_of(t, i) == k + 1)
			a[m++] = atan2(t->y[i], t->x[i]);
	for (size_t i = 1; i < m; i++)   /* insertion sort: m is small */
		for (size_t j = i; j > 0 && a[j - 1] > a[j]; j--) {
			double tmp = a[j]; a[j] = a[j - 1]; a[j - 1] = tmp;
		}
	for (size_t i = 0; i < m; i++) {
		double next = i + 1 < m ? a[i + 1] : a[0] + 2 * M_PI;
		if (next - a[i] > widest) {
			widest = next - a[i];
			best = a[i] + widest / 2;
		}
	}
	free(a);
	return best;
}

/* The mean distance from the programme of the ripples of order k (0: none): ring k. */
static double ring_radius(const ripple_tree *t, int k)
{
	double sum = 0;
	long count = 0;

	for (size_t i = 0; i < t->m->nripples; i++)
		if (order_of(t, i) == k) {
			sum += hypot(t->x[i], t->y[i]);
			count++;
		}
	return count ? sum / (double)count : 0;
}

/* 1 when a w x h box centred at x, y meets a ripple or the programme. */
static int meets_ripple(const ripple_tree *t, double x, double y, double w, double h)
{
	if (fabs(x) * 2 < w + t->cw && fabs(y) * 2 < h + t->ch)
		return 1;
	for (size_t i = 0; i < t->m->nripples; i++)
		if (fabs(x - t->x[i]) * 2 < w + t->w[i] && fabs(y - t->y[i]) * 2 < h + t->h[i])
			return 1;
	return 0;
}

/* Adds ring k, of radius r, and its label ("2nd order"): in the widest gap of
 * the ring, or where else round it (in steps of 5 degrees) the label's box
 * (about 0.6 em a glyph) meets no ripple; nowhere: no label. */
static int add_ring(Agraph_t *g, const ripple_tree *t, int k, double r)
{
	char name[32], text[32];
	Agnode_t *ring, *label;
	double a = label_angle(t, k);

	snprintf(name, sizeof(name), "ring%d", k);
	if (!(ring = agnode(g, name, 1)))
		return RIPPLE_ENOMEM;
	ripple_gv_set(ring, "id", name);
	ripple_gv_set(ring, "class", "ring");
	ripple_gv_set(ring, "shape", "circle");
	ripple_gv_set(ring, "fixedsize", "true");
	ripple_gv_setf(ring, "width", "%.3f", 2 * r / 72.0);
	ripple_gv_set(ring, "label", "");
	ripple_gv_set(ring, "style", "dashed");
	ripple_gv_set(ring, "color", RING_COLOUR);
	ripple_gv_pos(ring, 0, 0);
	if (t->number)   /* its ripples fill the ring evenly: no gap for a label (legend) */
		return RIPPLE_OK;
	snprintf(name, sizeof(name), "ring%d_label", k);
	snprintf(text, sizeof(text), "%d%s order", k, ordinal_suffix(k));
	{
		double lw = 6.0 * (double)strlen(text) + 4, lh = 16;
		int step = 0;
		while (step < 72 && meets_ripple(t, r * cos(a + step * M_PI / 36),
		                                 r * sin(a + step * M_PI / 36), lw, lh))
			step++;
		if (step == 72)
			return RIPPLE_OK;
		a += step * M_PI / 36;
	}
	if (!(label = agnode(g, name, 1)) || ripple_gv_plain(label, text, 0, "10", "0.02") < 0)
		return RIPPLE_ENOMEM;
	ripple_gv_set(label, "id", name);
	ripple_gv_set(label, "class", "ring-label");
	ripple_gv_set(label, "fontcolor", "#777777");
	ripple_gv_set(label, "style", "filled");
	ripple_gv_set(label, "fillcolor", "#FFFFFFCC");
	ripple_gv_pos(label, r * cos(a), r * sin(a));
	return RIPPLE_OK;
}

/* Lays the ripples out on rings, then opens the map as *out (the caller closes it)
 * with the rings, the programme and the ripples; the legend's left edge and top
 * in *legend_x, *legend_y. */
static int radial(Agraph_t **out, ripple_tree *t, double *legend_x, double *legend_y,
                  ripple_error *err)
{
	double max_x = 0, max_y = 0;
	Agraph_t *g;
	int rc;

	if ((rc = t->number ? even_rings(t, err) : radial_positions(t, err)) < 0)
		return rc;
	if (t->compact || t->number)
		compact_rings(t);
	if (!(g = *out = ripple_gv_graph("ripple_map", 1)))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < t->m->nripples; i++) {
		max_x = fmax(max_x, fabs(t->x[i]) + t->w[i] / 2);
		max_y = fmax(max_y, fabs(t->y[i]) + t->h[i] / 2);
	}
	/* rings first, so they are drawn under everything else */
	for (int k = 1; k <= t->orders; k++) {
		double r = ring_radius(t, k);
		if (add_ring(g, t, k, r) < 0)
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		max_x = fmax(max_x, r);
		max_y = fmax(max_y, r);
	}
	if (add_centre(g, t) < 0 || add_ripples(g, t) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	ripple_gv_pos(agnode(g, "programme", 0), 0, 0);
	t->box[0] = -max_x;
	t->box[1] = -max_y;
	t->box[2] = max_x;
	t->box[3] = max_y;
	*legend_x = max_x + 36;
	*legend_y = max_y;
	return RIPPLE_OK;
}

/* ---- timeline ---------------------------------------------------------------- */

/* Days since 1970-01-01 of an ISO date (yyyy, yyyy-mm, yyyy-mm-dd: the first
 * day of the period); 0 and *ok = 0 for "". */
static long iso_days(const char *s, int *ok)
{
	int y = 0, m = 1, d = 1;
	*ok = sscanf(s, "%d-%d-%d", &y, &m, &d) >= 1 && *s;
	if (!*ok)
		return 0;
	/* days from civil, after Howard Hinnant */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static const char *const month_names[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

typedef struct dated {
	long day;
	size_t i;
} dated;

/* The box apart for undated ripples. */
static const char *const undated_look[] = {
	"id", "undated", "label", "undated", "labelloc", "t", "fontsize", "10",
	"style", "dashed,rounded", "color", "#999999", NULL
};

static int by_day(const void *a, const void *b)
{
	const dated *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Lays the ripples out along the spine, then opens the map as *out (the caller
 * closes it) with the spine, its ticks and the ripples; the legend's left edge
 * and top in *legend_x, *legend_y. */
/* 1 when ripple i has a date. */
static int is_dated(const ripple_tree *t, size_t i)
{
	int ok;
	iso_days(t->m->ripples[i].date, &ok);
	return ok;
}

/* Where timeline_place put things. */
typedef struct spine {
	dated *d;                 /* the dated ripples, by day; owned */
	size_t nd, nundated;      /* dated and undated ripples */
	long first, last;         /* days of the first and last dated ripple or wave */
	const char *from, *to;    /* their dates as written (ISO) */
	double width, scale;      /* the spine's length (points) and points per day */
	double wmax, top, right;  /* widest ripple, top of the picture, the undated column */
} spine;

/* Measures the ripples and places them: dated ones over the spine, in lanes
 * where they would overlap; undated ones in a column right of it. */
static int timeline_place(spine *s, ripple_tree *t, ripple_error *err)
{
	double *lane_right = malloc((t->m->nripples + 1) * sizeof(*lane_right)), hmax = 0;
	size_t lanes = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	if (!(s->d = malloc((t->m->nripples + 1) * sizeof(*s->d))) || !lane_right) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if ((rc = ripple_gv_measure(t->w, t->h, add_ripples, t, "r", t->m->nripples, err)) < 0)
		goto done;
	for (size_t i = 0; i < t->m->nripples; i++) {
		int ok;
		long day = iso_days(t->m->ripples[i].date, &ok);
		hmax = fmax(hmax, t->h[i]);
		s->wmax = fmax(s->wmax, t->w[i]);
		if (ok)
			s->d[s->nd++] = (dated){ day, i };
		else
			s->nundated++;
	}
	qsort(s->d, s->nd, sizeof(*s->d), by_day);
	if (s->nd) {
		s->first = s->d[0].day;
		s->last = s->d[s->nd - 1].day;
		s->from = t->m->ripples[s->d[0].i].date;
		s->to = t->m->ripples[s->d[s->nd - 1].i].date;
		for (size_t w = 0; w < t->m->nwaves; w++) {   /* the spine reaches every survey wave */
			int ok;
			long day = iso_days(t->m->waves[w].date, &ok);
			if (ok && day < s->first) {
				s->first = day;
				s->from = t->m->waves[w].date;
			}
			if (ok && day > s->last) {
				s->last = day;
				s->to = t->m->waves[w].date;
			}
		}
	}
	/* room for every dated ripple side by side, but never narrower than A4 landscape;
	 * a numbered timeline on a page half that (its boxes are small: lanes stack
	 * them, and the ticks thin out to fit, see add_spine) */
	s->width = fmax(t->number && t->compact ? 360.0 : 720.0, (double)s->nd * s->wmax * 0.45);
	s->scale = s->last > s->first ? s->width / (double)(s->last - s->first) : 0;
	for (size_t k = 0; k < s->nd; k++) {
		size_t i = s->d[k].i;
		size_t lane = 0;
		t->x[i] = s->last > s->first ? (double)(s->d[k].day - s->first) * s->scale : s->width / 2;
		while (lane < lanes && lane_right[lane] + 10 > t->x[i] - t->w[i] / 2)
			lane++;
		if (lane == lanes)
			lanes++;
		lane_right[lane] = t->x[i] + t->w[i] / 2;
		t->y[i] = 40 + (double)lane * (hmax + 14) + hmax / 2;
		s->top = fmax(s->top, t->y[i] + t->h[i] / 2);
	}
	s->right = s->width + s->wmax / 2;
	if (s->nundated) {   /* a column of their own, right of the spine */
		double y = fmax(s->top, 40 + hmax) - 30;
		s->right += 60 + s->wmax / 2;
		for (size_t i = 0; i < t->m->nripples; i++) {
			if (is_dated(t, i))
				continue;
			t->x[i] = s->right;
			t->y[i] = y - t->h[i] / 2;
			y -= t->h[i] + 12;
		}
		s->top = fmax(s->top, fmax(s->top, 40 + hmax));
	}
done:
	free(lane_right);
	return rc;
}

static const char *const spine_end_look[] = {
	"shape", "point", "width", "0.02", "style", "invis", NULL
};
static const char *const spine_look[] = {
	"id", "spine", "class", "spine", "penwidth", "2.5", "color", "#444444", "dir", "none", NULL
};

/* The spine, with a tick per month (or per year when the span is long). */
static int add_spine(Agraph_t *g, const spine *s)
{
	Agnode_t *a = agnode(g, "spine_start", 1), *b = agnode(g, "spine_end", 1);
	Agedge_t *e;
	int ok, y0 = 0, m0 = 0, y1 = 0, m1 = 0, step, ticks = 0;

	if (!a || !b || !(e = agedge(g, a, b, NULL, 1)))
		return RIPPLE_ENOMEM;
	ripple_gv_pos(a, -30, 0);
	ripple_gv_pos(b, s->width + 30, 0);
	ripple_gv_set_all(a, spine_end_look);
	ripple_gv_set_all(b, spine_end_look);
	ripple_gv_set_all(e, spine_look);
	if (!s->nd || s->last <= s->first)
		return RIPPLE_OK;
	sscanf(s->from, "%d-%d", &y0, &m0);
	sscanf(s->to, "%d-%d", &y1, &m1);
	if (m0 < 1) m0 = 1;
	if (m1 < 1) m1 = 12;
	int months = (y1 - y0) * 12 + (m1 - m0) + 1;
	step = months <= 18 ? 1 : months <= 48 ? 3 : 12;
	/* months at least one label apart ("Sep 2024" at 9 pt, about 44 points) */
	while (step < 12 && step * 30.44 * s->scale < 48)
		step = step == 1 ? 3 : 12;
	/* ticks on calendar quarters and years, not on the first ripple's month */
	months += (m0 - 1) % step;
	m0 -= (m0 - 1) % step;
	for (int mm = 0; mm <= months && ticks < 60; mm += step) {
		int yy = y0 + (m0 - 1 + mm) / 12, mo = (m0 - 1 + mm) % 12 + 1;
		char date[16], name[32], text[32];
		snprintf(date, sizeof(date), "%04d-%02d-01", yy, mo);
		long day = iso_days(date, &ok);
		if (day < s->first || day > s->last)
			continue;
		snprintf(name, sizeof(name), "tick%d", ticks++);
		snprintf(text, sizeof(text), step == 12 ? "%.0s%d" : "%s %d", month_names[mo - 1], yy);
		Agnode_t *tick = agnode(g, name, 1);
		if (!tick || ripple_gv_plain(tick, text, 0, "9", "0.02") < 0)
			return RIPPLE_ENOMEM;
		ripple_gv_set(tick, "class", "tick");
		ripple_gv_pos(tick, (double)(day - s->first) * s->scale, -14);
	}
	return RIPPLE_OK;
}

/* The ripples, the undated ones in a box apart (which raises s->top). */
static int add_dated_ripples(Agraph_t *g, spine *s, const ripple_tree *t)
{
	Agraph_t *apart;
	double x0 = s->right - s->wmax / 2 - 12, x1 = s->right + s->wmax / 2 + 12;
	double y1 = s->top + 12, y0 = y1;

	if (!s->nundated)
		return add_ripples(g, t);
	for (size_t i = 0; i < t->m->nripples; i++)
		if (!is_dated(t, i))
			y0 = fmin(y0, t->y[i] - t->h[i] / 2 - 12);
	if (!(apart = agsubg(g, "cluster_undated", 1)))
		return RIPPLE_ENOMEM;
	ripple_gv_set_all(apart, undated_look);
	ripple_gv_setf(apart, "bb", "%.2f,%.2f,%.2f,%.2f", x0, y0, x1, y1 + 16);
	if (add_ripples(g, t) < 0)
		return RIPPLE_ENOMEM;
	for (size_t i = 0; i < t->m->nripples; i++)
		if (!is_dated(t, i))
			agsubnode(apart, ripple_gv_node(g, "r", i, 0), 1);
	s->top = fmax(s->top, y1 + 16);
	return RIPPLE_OK;
}

static const char *const wave_end_look[] = {
	"shape", "point", "width", "0.02", "style", "invis", NULL
};
static const char *const wave_line_look[] = {
	"class", "wave-line", "style", "dashed", "color", "#777777", "penwidth", "1.2", "dir", "none", NULL
};

/*
 * A dashed vertical line at each survey wave with a date, from under the
 * spine to over the ripples (s->top), its name and date above it (node
 * "wave<w>", class wave-label); a label that would run into the one before it
 * goes a row higher. Raises s->top over the labels.
 */
static int add_waves(Agraph_t *g, spine *s, const ripple_tree *t)
{
	double right[2] = { -INFINITY, -INFINITY }, top = s->top + 8, raised = s->top;

	if (!s->nd)
		return RIPPLE_OK;
	for (size_t w = 0; w < t->m->nwaves; w++) {
		const ripple_wave *wave = &t->m->waves[w];
		char name[32], *text;
		int ok, row;
		long day = iso_days(wave->date, &ok);
		double x, lw, lh;
		Agnode_t *a, *b, *label;
		Agedge_t *e;
		if (!ok)
			continue;
		x = s->last > s->first ? (double)(day - s->first) * s->scale : s->width / 2;
		snprintf(name, sizeof(name), "wave%zu_low", w);
		a = agnode(g, name, 1);
		snprintf(name, sizeof(name), "wave%zu_high", w);
		b = agnode(g, name, 1);
		if (!a || !b || !(e = agedge(g, a, b, NULL, 1)))
			return RIPPLE_ENOMEM;
		ripple_gv_set_all(a, wave_end_look);
		ripple_gv_set_all(b, wave_end_look);
		ripple_gv_set_all(e, wave_line_look);
		ripple_gv_setf(e, "id", "waveline%zu", w);
		ripple_gv_pos(a, x, -24);
		ripple_gv_pos(b, x, top);
		snprintf(name, sizeof(name), "wave%zu", w);
		/* name over date: wrapped at the name's length, or the date's */
		text = ripple_strdupf("%s %s", wave->name, wave->date);
		if (!text || !(label = agnode(g, name, 1)) || ripple_gv_plain(label, text, (int)strlen(wave->name) > 10
		                             ? (int)strlen(wave->name) : 10, "9", "0.02") < 0) {
			free(text);
			return RIPPLE_ENOMEM;
		}
		free(text);
		ripple_gv_set(label, "id", name);
		ripple_gv_set(label, "class", "wave-label");
		ripple_gv_set(label, "fontcolor", "#444444");
		lw = 6.0 * (double)fmax(strlen(wave->name), 10);   /* about 0.6 em a glyph at 9 pt */
		lh = 2 * 11.0;
		row = x - lw / 2 < right[0] + 4 ? 1 : 0;
		right[row] = x + lw / 2;
		ripple_gv_pos(label, x, top + lh / 2 + 2 + row * (lh + 2));
		raised = fmax(raised, top + (row + 1) * (lh + 2) + 2);
	}
	s->top = raised;
	return RIPPLE_OK;
}

static const char *const stem_look[] = {
	"shape", "point", "width", "0.06", "color", "#444444", NULL
};
static const char *const stem_edge_look[] = {
	"class", "stem", "style", "dotted", "color", "#AAAAAA", "dir", "none", NULL
};

/* The spine and the ripples: stems from the spine up to each dated ripple. */
static int timeline_draw(Agraph_t *g, spine *s, const ripple_tree *t)
{
	if (add_spine(g, s) < 0)
		return RIPPLE_ENOMEM;
	for (size_t k = 0; k < s->nd; k++) {
		Agnode_t *stem = ripple_gv_node(g, "stem", s->d[k].i, 1);
		if (!stem)
			return RIPPLE_ENOMEM;
		ripple_gv_set_all(stem, stem_look);
		ripple_gv_pos(stem, t->x[s->d[k].i], 0);
	}
	if (add_dated_ripples(g, s, t) < 0 || add_waves(g, s, t) < 0)
		return RIPPLE_ENOMEM;
	for (size_t k = 0; k < s->nd; k++) {
		Agedge_t *e = agedge(g, ripple_gv_node(g, "stem", s->d[k].i, 0),
		                     ripple_gv_node(g, "r", s->d[k].i, 0), NULL, 1);
		if (!e)
			return RIPPLE_ENOMEM;
		ripple_gv_set_all(e, stem_edge_look);
	}
	return RIPPLE_OK;
}

/* Lays the ripples out along the spine, then opens the map as *out (the caller
 * closes it) with the spine, its ticks and the ripples; the legend's left edge
 * and top in *legend_x, *legend_y. */
static int timeline(Agraph_t **out, ripple_tree *t, double *legend_x, double *legend_y,
                    ripple_error *err)
{
	spine s;
	int rc = timeline_place(&s, t, err);

	if (rc == RIPPLE_OK && (!(*out = ripple_gv_graph("ripple_timeline", 1)) ||
	                        timeline_draw(*out, &s, t) < 0))
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	*legend_x = s.right + s.wmax / 2 + 36;
	*legend_y = s.top;
	t->box[0] = -30 - s.wmax / 2;   /* the spine starts 30 points before the first day */
	t->box[1] = -30;                /* its ticks and the waves' lines under it */
	t->box[2] = s.right + s.wmax / 2;
	t->box[3] = s.top;
	free(s.d);
	return rc;
}

/* What radial and timeline maps end with: the ripples at their places, the
 * tree's edges, the legend (left edge and top at legend_x, legend_y), the key
 * of a numbered map (laid out for page), the title. */
static int finish(Agraph_t *g, ripple_tree *t, int radial, double legend_x,
                  double legend_y, int page, ripple_error *err)
{
	double legend_w, legend_h;
	int rc;

	for (size_t i = 0; i < t->m->nripples; i++)
		ripple_gv_pos(ripple_gv_node(g, "r", i, 0), t->x[i], t->y[i]);
	add_tree_edges(g, t, radial);
	if ((rc = add_legend(g, t, radial, legend_x, legend_y, &legend_w, &legend_h, err)) < 0)
		return rc;
	if (t->number && (rc = add_key(g, t, page, legend_w, legend_h, err)) < 0)
		return rc;
	if (set_title(g, radial ? "Ripple map" : "Ripple timeline", t) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	return RIPPLE_OK;
}

/* ---- filters ---------------------------------------------------------------- */

static int filter_given(const ripple_map_options *o)
{
	return o->capitals || o->max_order > 0 || (o->new_from && o->new_to);
}

static void filtered_release(filtered *f)
{
	free(f->m.ripples);
	free(f->m.ripple_order);
	free(f->row);
	free(f->passed);
	free(f->note);
	for (size_t k = 0; f->ties && k < f->m.nripples; k++)
		free(f->ties[k]);
	free(f->ties);
	free(f->ties_from);
	free(f->ties_to);
	memset(f, 0, sizeof(*f));
}

/* By actor pair, lower first. */
static int by_pair(const void *x, const void *y)
{
	const size_t *p = x, *q = y;
	if (p[0] != q[0])
		return p[0] < q[0] ? -1 : 1;
	return (p[1] > q[1]) - (p[1] < q[1]);
}

/* 1 when ripple r names actor a (r->actors is in actor order). */
static int names_actor(const ripple_ripple *r, size_t a)
{
	for (size_t k = 0; k < r->nactors && r->actors[k] <= a; k++)
		if (r->actors[k] == a)
			return 1;
	return 0;
}

/*
 * Marks in pass[i] the ripples naming two actors joined by a new tie from
 * wave w1 to w2, as ripple_compare_run's ledger counts new ties (either
 * direction of a directed place), and gives each ripple i that names both ends
 * of a numbered new tie (ripple_compare_number_ripple_ties, the change map's
 * numbers) those numbers in ties[i], ascending ("4, 7"; malloc'd, the caller
 * frees; ties[i] NULL for none; ties has m->nripples entries, all NULL on
 * entry). Costs one comparison (no permutations) and O(sum of (actors
 * named)^2 log new ties + numbered ties * ripples * actors named).
 */
static int on_new_ties(unsigned char *pass, char **ties, const ripple_model *m,
                       const ripple_map_options *o, ripple_error *err)
{
	ripple_compare_options co = RIPPLE_COMPARE_OPTIONS_INIT;
	ripple_compare c;
	size_t *pairs = NULL, n = 0, *numbers = NULL, *by_number = NULL;
	long numbered;
	int rc;

	co.permutations = 0;
	if ((rc = ripple_compare_run(&c, m, o->new_from, o->new_to, &co, err)) < 0)
		return rc;
	if (!(pairs = malloc((2 * c.nties + 2) * sizeof(*pairs))) ||
	    !(numbers = calloc(c.nties + 1, sizeof(*numbers))) ||
	    !(by_number = calloc(c.nties + 1, sizeof(*by_number))) ||
	    (numbered = ripple_compare_number_ripple_ties(numbers, &c)) < 0)
		goto nomem;
	for (size_t k = 0; k < c.nties; k++)
		if (numbers[k])
			by_number[numbers[k] - 1] = k;
	for (long j = 0; j < numbered; j++) {
		const ripple_tie_change *tc = &c.ties[by_number[j]];
		for (size_t i = 0; i < m->nripples; i++) {
			char *more;
			if (!names_actor(&m->ripples[i], tc->a) || !names_actor(&m->ripples[i], tc->b))
				continue;
			more = ties[i] ? ripple_strdupf("%s, %ld", ties[i], j + 1)
			               : ripple_strdupf("%ld", j + 1);
			if (!more)
				goto nomem;
			free(ties[i]);
			ties[i] = more;
		}
	}
	for (size_t k = 0; k < c.nties; k++)
		if (c.ties[k].status == RIPPLE_TIE_NEW) {
			size_t a = c.ties[k].a, b = c.ties[k].b;
			pairs[2 * n] = a < b ? a : b;
			pairs[2 * n + 1] = a < b ? b : a;
			n++;
		}
	qsort(pairs, n, 2 * sizeof(*pairs), by_pair);
	for (size_t i = 0; i < m->nripples; i++) {
		const ripple_ripple *r = &m->ripples[i];
		for (size_t p = 0; !pass[i] && p < r->nactors; p++)
			for (size_t q = p + 1; !pass[i] && q < r->nactors; q++) {
				size_t key[2] = { r->actors[p] < r->actors[q] ? r->actors[p] : r->actors[q],
				                  r->actors[p] < r->actors[q] ? r->actors[q] : r->actors[p] };
				if (n && bsearch(key, pairs, n, 2 * sizeof(*pairs), by_pair))
					pass[i] = 1;
			}
	}
	rc = RIPPLE_OK;
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	free(pairs);
	free(numbers);
	free(by_number);
	ripple_compare_release(&c);
	return rc;
}

/* The words of the title's filter line, escaped: what the filters keep. */
static char *filter_note(const ripple_map_options *o, size_t passed, size_t kept)
{
	char caps[160] = "", *from = NULL, *to = NULL, *note;
	size_t len = 0;
	int ncaps = 0;

	for (int k = 0; k < RIPPLE_NCAPITALS; k++)
		if ((o->capitals >> k) & 1u)
			len += (size_t)snprintf(caps + len, sizeof(caps) - len, "%s%s", ncaps++ ? " or " : "",
			                        ripple_capital_name(k));
	if (o->new_from && o->new_to &&
	    (!(from = ripple_gv_html(o->new_from)) || !(to = ripple_gv_html(o->new_to)))) {
		free(from);
		return NULL;
	}
	char order[48] = "", ties[256] = "";
	if (o->max_order > 0)
		snprintf(order, sizeof(order), ", order %d or less", o->max_order);
	if (from)
		snprintf(ties, sizeof(ties), ", on a new tie %s &#8594; %s", from, to);
	note = ripple_strdupf("%zu ripple%s%s%s%s%s%s%s", passed, passed == 1 ? "" : "s",
	                      ncaps ? " of " : "", caps, ncaps ? " capital" : "", order, ties,
	                      kept > passed ? " (grey: the ripples they grew from)" : "");
	free(from);
	free(to);
	return note;
}

/*
 * Applies the filters of o to the ripples of m: f->m is m with only the
 * ripples that pass and their ancestors (in the place's order, parents
 * renumbered). No ripple passing is RIPPLE_EINPUT. O(ripples * depth) plus
 * the comparison of --on-new-ties.
 */
static int filter(filtered *f, const ripple_model *m, const ripple_map_options *o,
                  ripple_error *err)
{
	size_t n = m->nripples, kept = 0, passed = 0, *index = NULL;
	unsigned char *pass = calloc(n + 1, 1), *keep = calloc(n + 1, 1);
	char **ties = NULL;   /* per ripple of m: the numbers of the new ties it rests on */
	int rc = RIPPLE_OK;

	memset(f, 0, sizeof(*f));
	if (!pass || !keep || !(index = malloc((n + 1) * sizeof(*index))))
		goto nomem;
	if (o->new_from && o->new_to) {
		if (!(ties = calloc(n + 1, sizeof(*ties))))
			goto nomem;
		if ((rc = on_new_ties(pass, ties, m, o, err)) < 0)
			goto done;
	} else {
		memset(pass, 1, n);
	}
	for (size_t i = 0; i < n; i++) {
		const ripple_ripple *r = &m->ripples[i];
		if (o->capitals && !(r->capitals & o->capitals))
			pass[i] = 0;
		if (o->max_order > 0 && (m->ripple_order[i] == 0 || m->ripple_order[i] > o->max_order))
			pass[i] = 0;
		if (!pass[i])
			continue;
		passed++;
		/* the ripple and its ancestors (a chain no longer than the ripples: a damaged
		 * database's cycle ends there) */
		size_t p = i;
		for (size_t steps = 0; p != RIPPLE_NONE && steps <= n; steps++, p = m->ripples[p].parent)
			keep[p] = 1;
	}
	if (!passed) {
		rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "no ripple of place \"%s\" passes "
		                      "the filters (--capital, --order, --on-new-ties) given", m->name);
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		index[i] = keep[i] ? kept++ : RIPPLE_NONE;
	f->m = *m;
	f->m.nripples = kept;
	f->m.ripples = malloc(kept * sizeof(*f->m.ripples));
	f->m.ripple_order = malloc(kept * sizeof(*f->m.ripple_order));
	f->row = malloc(kept * sizeof(*f->row));
	f->passed = malloc(kept);
	if (!f->m.ripples || !f->m.ripple_order || !f->row || !f->passed ||
	    !(f->note = filter_note(o, passed, kept)))
		goto nomem;
	if (ties && (!(f->ties = calloc(kept + 1, sizeof(*f->ties))) ||
	             !(f->ties_from = ripple_gv_html(o->new_from)) ||
	             !(f->ties_to = ripple_gv_html(o->new_to))))
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		size_t k = index[i];
		f->m.ripples[k] = m->ripples[i];
		f->m.ripples[k].parent = m->ripples[i].parent == RIPPLE_NONE ? RIPPLE_NONE
		                         : index[m->ripples[i].parent];
		f->m.ripple_order[k] = m->ripple_order[i];
		f->row[k] = i;
		f->passed[k] = pass[i];
		if (ties) {   /* moved: a grey ancestor shows none (mark_filtered) */
			f->ties[k] = ties[i];
			ties[i] = NULL;
		}
	}
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	if (rc < 0)
		filtered_release(f);
	for (size_t i = 0; ties && i < n; i++)
		free(ties[i]);
	free(ties);
	free(pass);
	free(keep);
	free(index);
	return rc;
}

/* After a filtered map is built: each ripple's id names its row in the place
 * ("r<row>", as an unfiltered map's), and the ancestors kept only for the tree
 * are drawn grey, with class "context". */
static int mark_filtered(Agraph_t *g, const filtered *f, const ripple_tree *t, int wrap)
{
	for (size_t k = 0; k < f->m.nripples; k++) {
		Agnode_t *n = ripple_gv_node(g, "r", k, 0);
		if (!n)
			continue;
		ripple_gv_setf(n, "id", "r%zu", f->row[k]);
		if (f->passed[k])
			continue;
		char *cls = ripple_strdupf("%s context", agget(n, "class"));
		if (cls)
			ripple_gv_set(n, "class", cls);
		free(cls);
		ripple_gv_set(n, "fillcolor", CONTEXT_FILL);
		ripple_gv_set(n, "color", CONTEXT_LINE);
		ripple_gv_set(n, "fontcolor", CONTEXT_TEXT);
		if (aghtmlstr(agget(n, "label"))) {   /* one grey, not a band of capitals */
			const ripple_ripple *r = &f->m.ripples[k];
			char *text = t->number ? ripple_strdupf(r->valence < 0 ? MINUS "%zu" : "%zu",
			                                        t->number[k])
			             : r->valence < 0 ? ripple_strdupf("(" MINUS ") %s", r->label)
			                              : strdup(r->label);
			int rc = text ? ripple_gv_set_text(n, "label", text, wrap) : RIPPLE_ENOMEM;
			free(text);
			if (rc < 0)
				return rc;
		}
	}
	return RIPPLE_OK;
}

/* What to do when the map does not fit page (see ripple_gv_finish); static text. */
static const char *map_advice(int page, int labels)
{
	if (labels == RIPPLE_LABELS_ALL)
		return page == RIPPLE_PAGE_SLIDE
		       ? "try numbered ripples (--labels fit), shorter labels (--wrap 14), one map per "
		         "capital (--split capital), --timeline, or --page natural for a picture to "
		         "zoom on screen"
		       : "try numbered ripples (--labels fit), a wider page (--page slide), shorter labels "
		         "(--wrap 14), one map per capital (--split capital), --timeline, or --page "
		         "natural for a picture to zoom on screen";
	return page == RIPPLE_PAGE_SLIDE
	       ? "try one map per capital (--split capital), fewer orders (--order 2), or --page "
	         "natural for a picture to zoom on screen"
	       : "try a wider page (--page slide), one map per capital (--split capital), fewer "
	         "orders (--order 2), or --page natural for a picture to zoom on screen";
}

/* Draws the map with labels wrapped at wrap characters, or numbered (see
 * ripple_map_render). */
static int render_wrapped(char **data, size_t *len, const ripple_model *m, const filtered *f,
                          const ripple_map_options *opts, int wrap, int numbered,
                          enum ripple_image_format fmt, ripple_error *err)
{
	ripple_tree t;
	Agraph_t *g = NULL;
	double legend_x = 0, legend_y = 0;
	int rc;

	if ((rc = tree_init(&t, f ? &f->m : m, wrap, err)) < 0)
		goto done;
	t.f = f;
	t.compact = opts->page != RIPPLE_PAGE_NATURAL;
	if (numbered && number_ripples(&t) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	/* the map is opened after the layout passes, as Graphviz's first layout sets
	 * defaults (label="\N") that graphs opened later take, and DOT shows */
	rc = opts->timeline ? timeline(&g, &t, &legend_x, &legend_y, err)
	                    : radial(&g, &t, &legend_x, &legend_y, err);
	if (rc == RIPPLE_OK)
		rc = finish(g, &t, !opts->timeline, legend_x, legend_y, opts->page, err);
	if (rc == RIPPLE_OK && f && mark_filtered(g, f, &t, wrap) < 0)
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if (rc == RIPPLE_OK)
		rc = ripple_gv_finish(data, len, g, fmt, opts->page,
		                      map_advice(opts->page, opts->labels), err);
done:
	if (g)
		agclose(g);
	tree_release(&t);
	return rc;
}

/*
 * On a page, a map whose text would come out too small is tried again with
 * its labels wrapped shorter (narrower boxes crowd a ring less), 16 and then
 * 12 characters a line when opts->wrap is longer; then, unless opts->labels is
 * RIPPLE_LABELS_ALL, numbered (the words in the key). The message of the last
 * try is the one given.
 */
int ripple_map_render(char **data, size_t *len, const ripple_model *m,
                      const ripple_map_options *opts, enum ripple_image_format fmt,
                      ripple_error *err)
{
	ripple_map_options o = RIPPLE_MAP_OPTIONS_INIT;
	static const int shorter[] = { 16, 12 };
	filtered f;
	int wrap = o.wrap, rc;

	memset(&f, 0, sizeof(f));

	*data = NULL;
	*len = 0;
	if (opts)
		o = *opts;
	if (o.wrap > 0)
		wrap = o.wrap;
	if (fmt == RIPPLE_IMAGE_DOT)
		o.page = RIPPLE_PAGE_NATURAL;   /* DOT carries positions, not a page */
	if (m->nripples == 0)
		return ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
		                        "place \"%s\" has no ripples to map (add a ripples.csv)", m->name);
	if (o.labels != RIPPLE_LABELS_FIT && o.labels != RIPPLE_LABELS_ALL &&
	    o.labels != RIPPLE_LABELS_NONE)
		return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0, "a ripple map's labels are fit, "
		                        "all or none (attendees and top:N are for actors: ripple draw)");
	if (filter_given(&o) && (rc = filter(&f, m, &o, err)) < 0)
		goto done;
	rc = render_wrapped(data, len, m, filter_given(&o) ? &f : NULL, &o, wrap,
	                    o.labels == RIPPLE_LABELS_NONE, fmt, err);
	for (size_t k = 0; k < 2 && rc == RIPPLE_EUSAGE && o.page != RIPPLE_PAGE_NATURAL &&
	                   o.labels != RIPPLE_LABELS_NONE; k++)
		if (shorter[k] < wrap)
			rc = render_wrapped(data, len, m, filter_given(&o) ? &f : NULL, &o, shorter[k], 0,
			                    fmt, err);
	if (rc == RIPPLE_EUSAGE && o.page != RIPPLE_PAGE_NATURAL && o.labels == RIPPLE_LABELS_FIT) {
		*err = (ripple_error){ 0 };
		rc = render_wrapped(data, len, m, filter_given(&o) ? &f : NULL, &o, wrap, 1, fmt, err);
	}
done:
	filtered_release(&f);
	return rc;
}
