/*
 * render.c - Graphviz set-up, escaping and palettes shared by the pictures.
 *
 * Graphviz keeps global state (its error handler, its string dictionaries),
 * like igraph it is not thread-safe: pictures are drawn one at a time.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "util.h"
#include "xml.h"

#define PAD_INCHES 0.3   /* margin around every picture */

/* ---- errors -------------------------------------------------------------- */

/* Graphviz reports through a callback; keep the latest error for ripple_error. */
static char gv_message[512];

static int capture(char *msg)
{
	size_t len;

	snprintf(gv_message, sizeof(gv_message), "%s", msg);
	len = strlen(gv_message);
	while (len > 0 && (gv_message[len - 1] == '\n' || gv_message[len - 1] == ' '))
		gv_message[--len] = '\0';
	return 0;
}

static int gv_fail(ripple_error *err, const char *what)
{
	return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "graphviz: %s%s%s", what,
	                        gv_message[0] ? ": " : "", gv_message);
}

/*
 * One Graphviz context for the whole process. Graphviz 2.43's pango plugin
 * keeps a pointer to the last font name it measured, and that name belongs to
 * the context: freeing a context and starting another makes it read freed
 * memory. So the context lives until ripple_pictures_release.
 */
static GVC_t *shared_gvc;

/* The process's context, started on first use. */
static GVC_t *context(ripple_error *err)
{
	agseterrf(capture);
	agseterr(AGERR);         /* warnings are not failures: keep quiet about them */
	gv_message[0] = '\0';
	if (!shared_gvc && !(shared_gvc = gvContext()))
		gv_fail(err, "cannot start");
	return shared_gvc;
}

void ripple_pictures_release(void)
{
	if (shared_gvc) {
		gvFreeContext(shared_gvc);
		shared_gvc = NULL;
	}
}

/* ---- graphs and attributes ----------------------------------------------- */

void ripple_gv_set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, "");
}

void ripple_gv_setf(void *obj, const char *name, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ripple_gv_set(obj, name, buf);
}

void ripple_gv_set_html(void *obj, const char *name, const char *html)
{
	Agraph_t *g = agraphof(obj);
	char *s = agstrdup_html(g, (char *)html);

	agsafeset(obj, (char *)name, s, "");
	agstrfree(g, s);
}

void ripple_gv_set_all(void *obj, const char *const *pairs)
{
	for (; pairs[0]; pairs += 2)
		ripple_gv_set(obj, pairs[0], pairs[1]);
}

void ripple_gv_pos(Agnode_t *n, double x, double y)
{
	ripple_gv_setf(n, "pos", "%.2f,%.2f", x, y);
}

Agnode_t *ripple_gv_node(Agraph_t *g, const char *kind, size_t i, int create)
{
	char name[48];

	snprintf(name, sizeof(name), "%s%zu", kind, i);
	return agnode(g, name, create);
}

/* Sets name to escaped (malloc'd, freed here; NULL: out of memory). */
static int set_escaped(void *obj, const char *name, char *escaped)
{
	if (!escaped)
		return RIPPLE_ENOMEM;
	ripple_gv_set(obj, name, escaped);
	free(escaped);
	return RIPPLE_OK;
}

int ripple_gv_set_text(void *obj, const char *name, const char *text, int wrap)
{
	return set_escaped(obj, name, ripple_gv_text(text, wrap));
}

int ripple_gv_set_tooltip(void *obj, const char *text)
{
	return set_escaped(obj, "tooltip", ripple_gv_tooltip(text));
}

int ripple_gv_plain(Agnode_t *n, const char *text, int wrap, const char *fontsize,
                    const char *margin)
{
	if (ripple_gv_set_text(n, "label", text, wrap) < 0)
		return RIPPLE_ENOMEM;
	ripple_gv_set(n, "shape", "plaintext");
	ripple_gv_set(n, "fontsize", fontsize);
	ripple_gv_set(n, "margin", margin);
	ripple_gv_set(n, "width", "0");
	ripple_gv_set(n, "height", "0");
	return RIPPLE_OK;
}

void ripple_gv_title(Agraph_t *g, const char *html)
{
	ripple_gv_set_html(g, "label", html);
	ripple_gv_set(g, "labelloc", "t");
	ripple_gv_set(g, "fontsize", "18");
}

static void legend_look(Agnode_t *n, const char *html)
{
	ripple_gv_set(n, "shape", "box");
	ripple_gv_set(n, "style", "rounded");
	ripple_gv_set(n, "color", "#BBBBBB");
	ripple_gv_set(n, "fontsize", "10");
	ripple_gv_set_html(n, "label", html);
}

int ripple_gv_legend(Agraph_t *g, const char *html, double x, double y)
{
	return ripple_gv_legend_named(g, "legend", html, x, y);
}

int ripple_gv_legend_named(Agraph_t *g, const char *name, const char *html, double x, double y)
{
	Agnode_t *n = agnode(g, (char *)name, 1);

	if (!n)
		return RIPPLE_ENOMEM;
	ripple_gv_set(n, "id", name);
	ripple_gv_set(n, "class", name);
	legend_look(n, html);
	ripple_gv_pos(n, x, y);
	return RIPPLE_OK;
}

static int add_legend_copy(Agraph_t *g, const void *html)
{
	Agnode_t *n = ripple_gv_node(g, "legend", 0, 1);

	if (!n)
		return RIPPLE_ENOMEM;
	legend_look(n, html);
	return RIPPLE_OK;
}

int ripple_gv_legend_size(double *w, double *h, const char *html, ripple_error *err)
{
	return ripple_gv_measure(w, h, add_legend_copy, html, "legend", 1, err);
}

/*
 * Object IDs in creation order.  cgraph's default ID discipline makes a named
 * object's ID the address of its interned name, and keeps subgraphs in ID
 * order, so the order of clusters in the output followed the heap.  This one
 * numbers names as they first appear (even IDs: 2, 4, 6 ...; anonymous objects
 * get odd ones) and keeps them in a table for agnameof.  Names are never
 * forgotten, so an ID never changes meaning while the graph is open.
 * (Declining to map names, and leaving them to cgraph's internal map, breaks
 * name lookups after a twopi layout in Graphviz 2.43.)
 */
typedef struct id_table {
	char **names;       /* names[k] has ID 2 * (k + 1) */
	size_t n, cap;      /* cap = nslots / 2 */
	size_t *slots;      /* open addressing: k + 1, or 0 for empty */
	size_t nslots;      /* a power of two, at least twice n */
	IDTYPE anonymous;   /* the last odd ID given out */
} id_table;

static size_t hash_name(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t *id_slot(const id_table *t, const char *name)
{
	size_t mask = t->nslots - 1;
	for (size_t i = hash_name(name) & mask;; i = (i + 1) & mask)
		if (!t->slots[i] || strcmp(t->names[t->slots[i] - 1], name) == 0)
			return &t->slots[i];
}

static int id_grow(id_table *t)
{
	size_t nslots = t->nslots ? t->nslots * 2 : 64;
	size_t *slots = calloc(nslots, sizeof(*slots));
	char **names = realloc(t->names, nslots / 2 * sizeof(*names));
	if (!slots || !names) {
		free(slots);
		if (names)
			t->names = names;
		return -1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = nslots;
	t->names = names;
	t->cap = nslots / 2;
	for (size_t k = 0; k < t->n; k++)
		*id_slot(t, t->names[k]) = k + 1;
	return 0;
}

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)g; (void)disc;
	id_table *t = calloc(1, sizeof(*t));
	if (t && id_grow(t) < 0) {
		free(t);
		t = NULL;
	}
	return t;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	id_table *t = state;
	size_t *slot;
	(void)objtype;

	if (!t)
		return 0;   /* ids_open ran out of memory */
	if (!str) {
		t->anonymous += 2;
		*id = t->anonymous | 1;
		return 1;
	}
	slot = id_slot(t, str);
	if (!*slot) {
		char *copy;
		if (!createflag)
			return 0;
		if (t->n == t->cap) {   /* keeps the table at most half full */
			if (id_grow(t) < 0)
				return 0;
			slot = id_slot(t, str);
		}
		/* a string of cgraph's own (agstrdup), not strdup: agwrite asks
		 * aghtmlstr() of every name it prints, which reads a flag cgraph keeps
		 * just before its strings; before a malloc'd copy that flag was
		 * whatever the heap held, and names came out as <name> at random */
		if (!(copy = agstrdup(NULL, str)))
			return 0;
		t->names[t->n++] = copy;
		*slot = t->n;
	}
	*id = (IDTYPE)(*slot * 2);
	return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state; (void)objtype; (void)id;
	return 0;   /* no IDs chosen by the caller */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
	(void)state; (void)objtype; (void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
	id_table *t = state;
	(void)objtype;
	if (!t || id % 2 || id == 0 || id / 2 > t->n)
		return NULL;
	return t->names[id / 2 - 1];
}

static void ids_close(void *state)
{
	id_table *t = state;
	if (!t)
		return;
	for (size_t k = 0; k < t->n; k++)
		agstrfree(NULL, t->names[k]);
	free(t->names);
	free(t->slots);
	free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
	(void)state; (void)objtype; (void)obj;
}

static Agiddisc_t creation_order_ids = {
	ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register
};

Agraph_t *ripple_gv_graph(const char *name, int directed)
{
	Agdisc_t disc = { &AgMemDisc, &creation_order_ids, &AgIoDisc };
	Agraph_t *g = agopen((char *)name, directed ? Agdirected : Agundirected, &disc);

	if (!g)
		return NULL;
	ripple_gv_set(g, "fontname", RIPPLE_FONT);
	ripple_gv_set(g, "outputorder", "edgesfirst");   /* edges under the nodes */
	ripple_gv_set(g, "splines", "line");
	ripple_gv_setf(g, "pad", "%.1f", PAD_INCHES);
	agattr(g, AGNODE, "fontname", RIPPLE_FONT);
	agattr(g, AGEDGE, "fontname", RIPPLE_FONT);
	return g;
}

int ripple_gv_layout(Agraph_t *g, const char *engine, ripple_error *err)
{
	GVC_t *gvc = context(err);

	if (!gvc)
		return err ? err->code : RIPPLE_ERUNTIME;
	if (gvLayout(gvc, g, engine) != 0)
		return gv_fail(err, "layout failed");
	return RIPPLE_OK;
}

void ripple_gv_free_layout(Agraph_t *g)
{
	if (shared_gvc)
		gvFreeLayout(shared_gvc, g);
}

int ripple_gv_measure(double *w, double *h, ripple_gv_adder add, const void *what,
                      const char *kind, size_t n, ripple_error *err)
{
	Agraph_t *g = ripple_gv_graph("measure", 0);
	int rc;

	if (!g || add(g, what) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		ripple_gv_pos(ripple_gv_node(g, kind, i, 0), 0, 0);
	if ((rc = ripple_gv_layout(g, "nop", err)) < 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		Agnode_t *node = ripple_gv_node(g, kind, i, 0);
		w[i] = ND_width(node) * 72.0;
		h[i] = ND_height(node) * 72.0;
	}
	ripple_gv_free_layout(g);
done:
	if (g)
		agclose(g);
	return rc;
}

#define PNG_DPI 150.0
#define PNG_MAX_PIXELS 3000.0

static const char *const format_names[] = { "svg", "png", "pdf", "dot" };

/* Renders the laid-out g into a malloc'd buffer. */
static int render(char **data, size_t *len, Agraph_t *g, enum ripple_image_format fmt,
                  int page, ripple_error *err)
{
	char *out = NULL;
	unsigned int n = 0;

	*data = NULL;
	*len = 0;
	gv_message[0] = '\0';
	if (fmt == RIPPLE_IMAGE_PNG && GD_drawing(g) && page)
		GD_drawing(g)->dpi = RIPPLE_PAGE_DPI;   /* the page's size at a stated resolution */
	else if (fmt == RIPPLE_IMAGE_PNG && GD_drawing(g)) {
		/* sharp enough to print at A4, but never more than PNG_MAX_PIXELS a side:
		 * a 200-ripple map would otherwise be a 12,000-pixel image */
		double side = fmax(GD_bb(g).UR.x - GD_bb(g).LL.x, GD_bb(g).UR.y - GD_bb(g).LL.y)
		              + 2 * PAD_INCHES * 72.0;
		GD_drawing(g)->dpi = side > 0 ? fmin(PNG_DPI, PNG_MAX_PIXELS * 72.0 / side) : PNG_DPI;
	}
	if (gvRenderData(shared_gvc, g, format_names[fmt], &out, &n) != 0 || !out) {
		if (out)
			gvFreeRenderData(out);
		return gv_fail(err, "cannot render");
	}
	/* Graphviz's buffer is released with its own function: hand back a plain one.
	 * DOT carries the positions: say how to draw it again after editing. */
	static const char dot_note[] =
		"// drawn by ripple " RIPPLE_VERSION "; positions are fixed, so after editing draw it\n"
		"// again with: neato -n2 -Tsvg FILE.dot -o FILE.svg\n";
	size_t note = fmt == RIPPLE_IMAGE_DOT ? sizeof(dot_note) - 1 : 0;
	*data = malloc(note + n + 1u);
	if (!*data) {
		gvFreeRenderData(out);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	memcpy(*data, dot_note, note);
	memcpy(*data + note, out, n);
	(*data)[note + n] = '\0';
	*len = note + n;
	gvFreeRenderData(out);
	return RIPPLE_OK;
}

/* ---- pages ----------------------------------------------------------------- */

static const struct {
	const char *name, *title;
	double w, h;   /* points */
} pages[RIPPLE_NPAGES] = {
	{ "natural", "its natural size", 0, 0 },
	{ "a4", "an A4 page", 595.28, 841.89 },                    /* 210 x 297 mm */
	{ "a4-landscape", "an A4 landscape page", 841.89, 595.28 },
	{ "letter", "a US Letter page", 612, 792 },                  /* 8.5 x 11 in */
	{ "slide", "a 16:9 slide", 960, 540 },                       /* 13.333 x 7.5 in */
};

int ripple_page_parse(const char *name)
{
	for (int i = 0; i < RIPPLE_NPAGES; i++)
		if (ripple_strieq(name, pages[i].name))
			return i;
	return -1;
}

const char *ripple_page_name(enum ripple_page page)
{
	return (int)page >= 0 && page < RIPPLE_NPAGES ? pages[page].name : "natural";
}

void ripple_page_size(enum ripple_page page, double *width, double *height)
{
	int ok = (int)page >= 0 && page < RIPPLE_NPAGES;
	*width = ok ? pages[page].w : 0;
	*height = ok ? pages[page].h : 0;
}

#define MAX_ENLARGE 2.0   /* a small drawing grows to fill the page, up to this much */

/* 1 when n draws text: a label that is not empty on a node that is shown. */
static int shows_text(void *obj)
{
	const char *label = agget(obj, "label"), *style = agget(obj, "style");
	const char *shape = agobjkind(obj) == AGNODE ? agget(obj, "shape") : NULL;

	if (!label || !*label || (style && strstr(style, "invis")))
		return 0;
	return !(shape && strcmp(shape, "point") == 0);
}

static double font_of(void *obj, double smallest)
{
	const char *f = agget(obj, "fontsize");
	double v = f && *f ? atof(f) : 14.0;   /* Graphviz's default */
	return shows_text(obj) && v > 0 && v < smallest ? v : smallest;
}

static double smallest_in(Agraph_t *sub, double smallest)
{
	for (Agraph_t *c = agfstsubg(sub); c; c = agnxtsubg(c))
		smallest = smallest_in(c, font_of(c, smallest));
	return smallest;
}

/*
 * Node and cluster labels at their fontsize; the title's smaller line is 12
 * points (ripple_gv_title's callers), HTML labels (legend, title) carry no
 * FONT smaller than their node's fontsize.
 */
double ripple_gv_smallest_text(Agraph_t *g)
{
	double smallest = GD_label(g) ? 12.0 : INFINITY;

	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
		smallest = font_of(n, smallest);
	return smallest_in(g, smallest);
}

/* Extent (x0, y0, x1, y1, points) of the nodes and clusters of g but the legend. */
static void content_box(Agraph_t *g, double *b)
{
	b[0] = b[1] = INFINITY;
	b[2] = b[3] = -INFINITY;
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		if (strcmp(agnameof(n), "legend") == 0)
			continue;
		double hw = ND_width(n) * 36.0, hh = ND_height(n) * 36.0;
		b[0] = fmin(b[0], ND_coord(n).x - hw);
		b[2] = fmax(b[2], ND_coord(n).x + hw);
		b[1] = fmin(b[1], ND_coord(n).y - hh);
		b[3] = fmax(b[3], ND_coord(n).y + hh);
	}
	for (Agraph_t *c = agfstsubg(g); c; c = agnxtsubg(c)) {
		b[0] = fmin(b[0], GD_bb(c).LL.x);
		b[1] = fmin(b[1], GD_bb(c).LL.y);
		b[2] = fmax(b[2], GD_bb(c).UR.x);
		b[3] = fmax(b[3], GD_bb(c).UR.y);
	}
}

/* The scale that fits a w x h drawing inside the margins of a pw x ph page. */
static double fit_scale(double w, double h, double pw, double ph)
{
	double s = fmin((pw - 2 * RIPPLE_PAGE_MARGIN) / fmax(w, 1),
	                (ph - 2 * RIPPLE_PAGE_MARGIN) / fmax(h, 1));
	return fmin(s, MAX_ENLARGE);
}

/*
 * With g laid out: moves the legend under the drawing (and lays g out again)
 * when that scale is larger than the legend beside it. Returns the scale.
 */
static double place_legend(Agraph_t *g, double pw, double ph, ripple_error *err, int *rc)
{
	Agnode_t *legend = agnode(g, "legend", 0);
	double s = fit_scale(GD_bb(g).UR.x - GD_bb(g).LL.x, GD_bb(g).UR.y - GD_bb(g).LL.y, pw, ph);
	double b[4], lw, lh, tw = 0, th = 0, below;

	*rc = RIPPLE_OK;
	if (!legend)
		return s;
	content_box(g, b);
	lw = ND_width(legend) * 72.0;
	lh = ND_height(legend) * 72.0;
	if (GD_label(g)) {
		tw = GD_label(g)->dimen.x;
		th = GD_label(g)->dimen.y;
	}
	below = fit_scale(fmax(fmax(b[2] - b[0], lw), tw), (b[3] - b[1]) + 24 + lh + th, pw, ph);
	if (below <= s * 1.02)
		return s;
	/* the layout moved the drawing (its corner to 0,0): back to the pos coordinates */
	double px = ND_coord(legend).x, py = ND_coord(legend).y;
	sscanf(agget(legend, "pos"), "%lf,%lf", &px, &py);
	px -= ND_coord(legend).x;
	py -= ND_coord(legend).y;
	char *was = strdup(agget(legend, "pos"));
	if (!was) {
		*rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		return s;
	}
	ripple_gv_free_layout(g);
	ripple_gv_pos(legend, b[0] + lw / 2 + px, b[1] - 24 - lh / 2 + py);
	if ((*rc = ripple_gv_layout(g, "nop", err)) == RIPPLE_OK) {
		below = fit_scale(GD_bb(g).UR.x - GD_bb(g).LL.x, GD_bb(g).UR.y - GD_bb(g).LL.y, pw, ph);
		if (below < s) {   /* the estimate was wrong (the title, say): back beside it */
			ripple_gv_free_layout(g);
			ripple_gv_set(legend, "pos", was);
			*rc = ripple_gv_layout(g, "nop", err);
		} else {
			s = below;
		}
	}
	free(was);
	return s;
}

/*
 * Fits laid-out g to the page: Graphviz scales the drawing plus its pad to
 * `size` ("!": up as well as down), so a pad that gives the drawing the page's
 * proportions at scale s makes the picture exactly the page.
 */
static int fit_page(Agraph_t *g, int page, const char *advice, ripple_error *err)
{
	double pw, ph, s, smallest;
	int rc;

	ripple_page_size((enum ripple_page)page, &pw, &ph);
	s = place_legend(g, pw, ph, err, &rc);
	if (rc < 0)
		return rc;
	smallest = ripple_gv_smallest_text(g);
	if (isfinite(smallest) && smallest * s < RIPPLE_PAGE_MIN_TEXT - 1e-6)
		return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0,
		                        "the picture does not fit %s with readable text: its smallest "
		                        "text (%g pt) would be %.1f pt, under %g pt; %s",
		                        pages[page].title, smallest, floor(smallest * s * 10) / 10,
		                        /* rounded down: 6.96 is not "7.0, under 7" */
		                        RIPPLE_PAGE_MIN_TEXT, advice ? advice : "try a larger page");
	double w = GD_bb(g).UR.x - GD_bb(g).LL.x, h = GD_bb(g).UR.y - GD_bb(g).LL.y;
	ripple_gv_setf(g, "pad", "%.4f,%.4f", (pw / s - w) / 2 / 72.0, (ph / s - h) / 2 / 72.0);
	ripple_gv_set(g, "margin", "0");   /* no device margin: a PDF's own is 0.5 in */
	GD_drawing(g)->size.x = pw;
	GD_drawing(g)->size.y = ph;
	GD_drawing(g)->filled = 1;
	return RIPPLE_OK;
}

int ripple_gv_finish(char **data, size_t *len, Agraph_t *g, enum ripple_image_format fmt,
                     int page, const char *advice, ripple_error *err)
{
	int rc;

	*data = NULL;
	*len = 0;
	if ((rc = ripple_gv_layout(g, "nop", err)) < 0)
		return rc;
	if (page > RIPPLE_PAGE_NATURAL && page < RIPPLE_NPAGES && fmt != RIPPLE_IMAGE_DOT &&
	    (rc = fit_page(g, page, advice, err)) < 0)
		goto done;
	rc = render(data, len, g, fmt, page > RIPPLE_PAGE_NATURAL ? page : 0, err);
done:
	ripple_gv_free_layout(g);
	return rc;
}

int ripple_image_format_parse(const char *name)
{
	if (ripple_strieq(name, "gv"))
		return RIPPLE_IMAGE_DOT;
	for (int i = 0; i < (int)(sizeof(format_names) / sizeof(format_names[0])); i++)
		if (ripple_strieq(name, format_names[i]))
			return i;
	return -1;
}

int ripple_image_format_of_path(const char *file)
{
	const char *dot = strrchr(file, '.');
	const char *slash = strrchr(file, '/');

	if (!dot || (slash && slash > dot))
		return -1;
	return ripple_image_format_parse(dot + 1);
}

/* ---- text ---------------------------------------------------------------- */

/* Bytes of the UTF-8 sequence starting with c (1 for stray bytes). */
static size_t utf8_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/*
 * Splits text into lines of at most wrap characters at spaces (a longer word
 * gets a line of its own). Calls emit(ctx, word start, bytes, newline_before)
 * for each word; controls count as spaces. Returns the lines.
 */
typedef void (*word_fn)(void *ctx, const char *s, size_t n, int space, int newline);

static int wrap_words(const char *text, int wrap, word_fn emit, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;
	int lines = 1, col = 0;

	while (*p) {
		const unsigned char *w;
		size_t bytes = 0;
		int chars = 0;
		while (*p && (*p <= ' ' || *p == 0x7f))
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && *p > ' ' && *p != 0x7f) {
			size_t k = utf8_len(*p);
			for (size_t i = 1; i < k; i++)
				if (!p[i])
					k = i;
			p += k;
			bytes += k;
			chars++;
		}
		if (col == 0) {
			emit(ctx, (const char *)w, bytes, 0, 0);
			col = chars;
		} else if (wrap > 0 && col + 1 + chars > wrap) {
			emit(ctx, (const char *)w, bytes, 0, 1);
			lines++;
			col = chars;
		} else {
			emit(ctx, (const char *)w, bytes, 1, 0);
			col += 1 + chars;
		}
	}
	return lines;
}

typedef struct textbuf {
	char *s;
	size_t len, cap;
	int html;     /* escape for HTML-like labels instead of plain ones */
	int tooltip;  /* escape for a tooltip (see put_escaped) */
	int failed;
} textbuf;

static void put(textbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap + n + 1) * 2;
		char *ns = realloc(b->s, cap);
		if (!ns) {
			b->failed = 1;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void put_escaped(textbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		/*
		 * A label reads \\ as one backslash.  Graphviz 2.43 reads a tooltip
		 * three times: it decodes entities, then turns \X into X (and \n
		 * into a newline), then expands \N, \G, \L ... and turns \\ into \.
		 * Four backslashes, written as entities so the first pass cannot
		 * split them, come out as one.
		 */
		case '\\':
			rep = b->tooltip ? "&#92;&#92;&#92;&#92;" : "\\\\";
			break;
		case '&': rep = "&amp;"; break;
		case '<': rep = b->html ? "&lt;" : NULL; break;
		case '>': rep = b->html ? "&gt;" : NULL; break;
		case '"': rep = b->html ? "&quot;" : NULL; break;
		case '\'': rep = b->html ? "&#39;" : NULL; break;
		default: break;
		}
		if (rep)
			put(b, rep, strlen(rep));
		else
			put(b, s + i, 1);
	}
}

static void emit_word(void *ctx, const char *s, size_t n, int space, int newline)
{
	textbuf *b = ctx;

	if (newline)
		put(b, b->html ? "<BR/>" : "\\n", b->html ? 5 : 2);
	else if (space)
		put(b, " ", 1);
	put_escaped(b, s, n);
}

static void count_only(void *ctx, const char *s, size_t n, int space, int newline)
{
	(void)ctx; (void)s; (void)n; (void)space; (void)newline;
}

/*
 * The one escaper of user text for Graphviz. The text is first made fit for
 * XML as the exports make it (U+FFFE, U+FFFF and stray bytes as U+FFFD):
 * Graphviz copies label and tooltip bytes into the SVG as they are, and
 * U+FFFF in a label made the whole picture unreadable to XML parsers.
 */
static char *escape(const char *text, int wrap, int html)
{
	textbuf b = { NULL, 0, 0, html == 1, html == 2, 0 };
	char *clean = ripple_xml_clean(text ? text : "");

	if (!clean)
		return NULL;
	put(&b, "", 0);
	wrap_words(clean, wrap, emit_word, &b);
	free(clean);
	if (b.failed) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

char *ripple_gv_text(const char *text, int wrap)
{
	return escape(text, wrap, 0);
}

char *ripple_gv_html(const char *text)
{
	return escape(text, 0, 1);
}

char *ripple_gv_html_wrap(const char *text, int wrap)
{
	return escape(text, wrap, 1);
}

char *ripple_gv_tooltip(const char *text)
{
	return escape(text, 0, 2);
}

int ripple_gv_lines(const char *text, int wrap)
{
	return wrap_words(text ? text : "", wrap, count_only, NULL);
}

/* ---- palettes ------------------------------------------------------------ */

/*
 * Every colour that means something, once: the capitals (in capital order),
 * the sectors (in sector order), "not given", the tie changes and the marks.
 *
 * Capitals: Paul Tol's "light" scheme (made for cells read with black text)
 * without its pink, whose hue the tie changes take. Sectors: nine of Paul
 * Tol's and Okabe and Ito's colours, chosen by a search over those published
 * schemes to stay at least RIPPLE_PALETTE_MIN_DE00 from one another, from the
 * capitals and from the tie changes, also as people with deuteranopia or
 * protanopia see them; darker than the capitals, so a sector and a capital of
 * one hue still differ. Sources in docs/PICTURES.md, "Colours".
 */
#define FIRST_SECTOR RIPPLE_NCAPITALS
static const ripple_palette_entry palette[] = {
	{ "capital: natural", "#44BB99" }, { "capital: cultural", "#AAAA00" },
	{ "capital: human", "#EEDD88" }, { "capital: social", "#77AADD" },
	{ "capital: political", "#EE8866" }, { "capital: financial", "#BBCC33" },
	{ "capital: built", "#99DDFF" },
	{ "sector 1", "#0072B2" }, { "sector 2", "#CC3311" }, { "sector 3", "#F0E442" },
	{ "sector 4", "#117733" }, { "sector 5", "#222255" }, { "sector 6", "#009988" },
	{ "sector 7", "#225522" }, { "sector 8", "#004488" }, { "sector 9", "#228833" },
	{ "not given (no sector, no capital)", RIPPLE_NO_SECTOR_COLOUR },
	{ "tie: kept", RIPPLE_KEPT_COLOUR }, { "tie: new", RIPPLE_NEW_COLOUR },
	{ "tie: new, bridging", RIPPLE_BRIDGING_COLOUR }, { "tie: lost", RIPPLE_LOST_COLOUR },
	{ "mark: attendee ring, negative ripple", RIPPLE_MARK_COLOUR },
};

size_t ripple_palette(const ripple_palette_entry **out)
{
	*out = palette;
	return sizeof(palette) / sizeof(palette[0]);
}

const char *ripple_capital_colour(int i)
{
	return i >= 0 && i < RIPPLE_NCAPITALS ? palette[i].colour : RIPPLE_NO_SECTOR_COLOUR;
}

const char *ripple_sector_colour(size_t i)
{
	return i < RIPPLE_SECTOR_COLOURS ? palette[FIRST_SECTOR + i].colour : RIPPLE_NO_SECTOR_COLOUR;
}
