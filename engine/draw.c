/*
 * draw.c - the network of a place: one wave, or the change between two, on
 * one layout shared by every drawing of the place.
 *
 * The layout is computed once per place with Graphviz's neato over the union
 * of the ties of all waves, each actor given the room its circle (at the
 * largest size) and its label take, teams laid out inside their organisation.
 * Drawing never writes it: the CLI stores a computed layout in the database
 * (ripple_store_save_layout) and every later drawing finds it in the model, so
 * an actor sits in the same spot in `--wave before`, in `--wave after` and in
 * the change map. Drawing then places each actor's circle and, just under it,
 * its label; routes straight edges; and draws each organisation's box around
 * its teams.
 */
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render.h"
#include "util.h"

#define LAYOUT_METHOD "neato-levels-1"  /* change when the layout changes: old ones are redone */
#define RMAX 24.0           /* largest circle radius, points */
#define RMIN 6.0            /* smallest */
#define LABEL_GAP 2.0       /* between a circle and its label */
#define PAGE_CIRCLES 0.6    /* circles on a page, to those on the natural page: the
                               page's drawing is smaller, and room goes to the text */
#define RING 4.0            /* what a double ring adds to a circle's radius */
#define KEY_WRAP 30         /* characters per line of a label in the key */
#define KEY_ROWS 16         /* rows of the key's first column; more columns beyond */
#define LABEL_FONT "9"
#define PAGE_LABEL_FONT "10" /* on a page, as large as the legend's text: the smallest */
#define CLUSTER_PAD 8.0
#define BOX_DEPTH 8         /* organisation boxes drawn inside each other, at most */
_Static_assert(BOX_DEPTH == 8, "add_legend says \"8 deep\"");
#define ORG_WRAP_MIN 4      /* characters a line of an organisation's name, at least */
/* what to do when the drawing does not fit its page (see ripple_gv_finish) */
#define DRAW_ADVICE "try fewer labels (--labels top:12 numbers the other actors, with a " \
	"key), a larger page (--page slide is the widest), --level organisation for fewer " \
	"actors, or --page natural for a picture to zoom on screen"
/* ... when every choice of labels was tried */
#define DRAW_ADVICE_FIT "even with every actor numbered; try a larger page (--page slide is " \
	"the widest), --level organisation for fewer actors, or --page natural for a picture " \
	"to zoom on screen"
/* ... on the slide, which no page is wider than */
#define DRAW_ADVICE_SLIDE "try fewer labels (--labels top:12 numbers the other actors, with a " \
	"key), --level organisation for fewer actors, or --page natural for a picture to zoom " \
	"on screen"
#define DRAW_ADVICE_FIT_SLIDE "even with every actor numbered; try --level organisation for " \
	"fewer actors, or --page natural for a picture to zoom on screen"

/* the tie changes are the colour language's (render.h) */
#define KEPT_COLOUR RIPPLE_KEPT_COLOUR
#define NEW_COLOUR RIPPLE_NEW_COLOUR
#define BRIDGING_COLOUR RIPPLE_BRIDGING_COLOUR
#define LOST_COLOUR RIPPLE_LOST_COLOUR
#define TIE_COLOUR "#666666"
#define FADED_FILL "#E8E8E8"       /* --focus: what is not within one step of it */
#define FADED_LINE "#CCCCCC"
#define FADED_TEXT "#AAAAAA"
#define FADED_TIE "#E0E0E0"

/* ---- how the actors of a place nest ------------------------------------------ */

/*
 * What the layout and the organisation boxes are built from: which actors
 * hold others (clusters), and the pairs of actors a tie joins at any wave.
 * The actors themselves, and their parents, are the model's; RIPPLE_NONE
 * stands for the place itself as a level.
 */
typedef struct nesting {
	const ripple_model *m;
	size_t n;             /* actors */
	int *has_children;    /* per actor: 1 when it has a box in the picture: it holds
	                         other actors and sits fewer than BOX_DEPTH boxes deep; owned */
	size_t *up;           /* per actor: the box it sits in (its parent, or for an actor
	                         under BOX_DEPTH boxes the deepest box drawn above it), or
	                         RIPPLE_NONE; owned */
	size_t *depth;        /* per actor: how many ancestors it has (model parents); owned */
	int capped;           /* some actor holding others is drawn without a box */
	size_t *pairs;        /* union of the ties of every wave: 2 * npairs actor indices,
	                         lower first, sorted, owned */
	size_t npairs;
} nesting;

static void nesting_release(nesting *a)
{
	free(a->has_children);
	free(a->up);
	free(a->depth);
	free(a->pairs);
	memset(a, 0, sizeof(*a));
}

/* The box actor i sits in, or RIPPLE_NONE (see nesting.up): what the layout and
 * the picture nest by, never more than BOX_DEPTH deep. */
static size_t parent_of(const nesting *a, size_t i)
{
	return a->up[i];
}

static int by_pair(const void *x, const void *y)
{
	const size_t *p = x, *q = y;
	if (p[0] != q[0])
		return p[0] < q[0] ? -1 : 1;
	return p[1] < q[1] ? -1 : p[1] > q[1];
}

/*
 * Sets depth and up for every actor and keeps has_children only for the boxes
 * drawn: an actor holding others gets a box when it has fewer than BOX_DEPTH
 * ancestors; the members of a deeper one sit (laid out as one level) in the
 * deepest box drawn above them. So nothing the layout or Graphviz walks is
 * deeper than BOX_DEPTH, however deep the place's actors nest. Iterative,
 * O(actors): each actor is walked over once. A cycle of parents (which
 * neither check nor the store lets in) is refused.
 */
static int nesting_boxes(nesting *a, ripple_error *err)
{
	const ripple_model *m = a->m;
	size_t *chain = malloc((a->n + 1) * sizeof(*chain)), *incl = malloc((a->n + 1) * sizeof(*incl));
	unsigned char *seen = calloc(a->n + 1, 1);
	int rc = RIPPLE_OK;

	if (!chain || !incl || !seen) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	/* incl: the actor's own box, else the nearest box above it */
	for (size_t i = 0; i < a->n; i++) {
		size_t len = 0, p;
		for (p = i; p != RIPPLE_NONE && seen[p] != 2; p = m->actors[p].parent) {
			if (seen[p] == 1 || p >= a->n) {
				rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "place \"%s\": the "
				                      "parents of actor \"%s\" form a cycle", m->name,
				                      m->actors[i].id);
				goto done;
			}
			seen[p] = 1;
			chain[len++] = p;
		}
		while (len > 0) {   /* top down: the parent is done before its child */
			size_t j = chain[--len], q = m->actors[j].parent;
			a->depth[j] = q == RIPPLE_NONE ? 0 : a->depth[q] + 1;
			if (a->has_children[j] && a->depth[j] >= BOX_DEPTH) {
				a->has_children[j] = 0;
				a->capped = 1;
			}
			incl[j] = a->has_children[j] ? j : q == RIPPLE_NONE ? RIPPLE_NONE : incl[q];
			a->up[j] = q == RIPPLE_NONE ? RIPPLE_NONE : incl[q];
			seen[j] = 2;
		}
	}
done:
	free(chain);
	free(incl);
	free(seen);
	return rc;
}

/* Costs O(actors + ties log ties). */
static int nesting_init(nesting *a, const ripple_model *m, ripple_error *err)
{
	size_t k = 0;
	int rc;

	memset(a, 0, sizeof(*a));
	a->m = m;
	a->n = m->nactors;
	a->has_children = calloc(a->n + 1, sizeof(*a->has_children));
	a->up = malloc((a->n + 1) * sizeof(*a->up));
	a->depth = malloc((a->n + 1) * sizeof(*a->depth));
	a->pairs = malloc((2 * m->nties + 2) * sizeof(*a->pairs));
	if (!a->has_children || !a->up || !a->depth || !a->pairs) {
		nesting_release(a);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	for (size_t i = 0; i < a->n; i++)
		if (m->actors[i].parent != RIPPLE_NONE)
			a->has_children[m->actors[i].parent] = 1;
	if ((rc = nesting_boxes(a, err)) < 0) {
		nesting_release(a);
		return rc;
	}
	/* every wave's ties as unordered pairs, each once (actor order is store key order) */
	for (size_t t = 0; t < m->nties; t++) {
		size_t u = m->ties[t].source, v = m->ties[t].target;
		a->pairs[2 * t] = u < v ? u : v;
		a->pairs[2 * t + 1] = u < v ? v : u;
	}
	qsort(a->pairs, m->nties, 2 * sizeof(*a->pairs), by_pair);
	for (size_t t = 0; t < m->nties; t++)
		if (k == 0 || a->pairs[2 * k - 2] != a->pairs[2 * t] ||
		    a->pairs[2 * k - 1] != a->pairs[2 * t + 1]) {
			a->pairs[2 * k] = a->pairs[2 * t];
			a->pairs[2 * k + 1] = a->pairs[2 * t + 1];
			k++;
		}
	a->npairs = k;
	return RIPPLE_OK;
}

/* The subgraph an actor's node goes in: the cluster of the actor itself when it
 * contains others, else its parent's cluster, else the graph. Created on demand. */
static Agraph_t *cluster_of(Agraph_t *g, const nesting *a, size_t i, Agraph_t **made)
{
	Agraph_t *outer;
	char name[48];

	if (i == RIPPLE_NONE)
		return g;
	if (!a->has_children[i])
		return cluster_of(g, a, parent_of(a, i), made);
	if (made[i])
		return made[i];
	outer = cluster_of(g, a, parent_of(a, i), made);
	snprintf(name, sizeof(name), "cluster_%zu", i);
	made[i] = agsubg(outer, name, 1);
	return made[i];
}

/* ---- the layout ------------------------------------------------------------ */

void ripple_layout_release(ripple_layout *l)
{
	if (!l)
		return;
	free(l->actor_keys);
	free(l->x);
	free(l->y);
	memset(l, 0, sizeof(*l));
}

/* The model's stored layout into l when it is of the current method and places
 * every actor; 1 when it is. */
static int layout_stored(ripple_layout *l, const ripple_model *m)
{
	if (!m->layout_method || !m->layout_x || !m->layout_y || m->nactors == 0 ||
	    strcmp(m->layout_method, LAYOUT_METHOD) != 0)
		return 0;
	for (size_t i = 0; i < m->nactors; i++)
		if (isnan(m->layout_x[i]) || isnan(m->layout_y[i]))
			return 0;
	memcpy(l->x, m->layout_x, m->nactors * sizeof(*l->x));
	memcpy(l->y, m->layout_y, m->nactors * sizeof(*l->y));
	return 1;
}

/*
 * The layout is built bottom-up, one level of containment at a time: inside
 * each organisation (a cluster: an actor with teams or people in it) the
 * organisation itself, its members and its inner clusters (as boxes of the
 * size their own layout took) are laid out by neato with the ties among them,
 * overlaps removed (vpsc); the top level does the same with every
 * organisation as one box. So no actor ever sits inside another
 * organisation's box, and teams stay with their organisation. Each tie pulls
 * at the one level where its two ends meet. Costs one small neato run per
 * cluster: about O(m * depth) to sort the ties, plus neato's time at each level.
 */
typedef struct level_ctx {
	const nesting *a;
	unsigned long seed;
	int wrap;
	double *fx, *fy;          /* footprint centre of each actor, relative to its cluster */
	double *fw, *fh;          /* footprint size of each actor (points) */
	double *cw, *ch;          /* size of each cluster's box */
	size_t **edges;           /* per level (cluster index, n for the top): pairs of items */
	size_t *nedges, *capedges;
} level_ctx;

#define LAYOUT_PAD 12.0       /* room between a cluster's box and what it holds */

/* The item at level c that contains actor u: u itself when u is c or lies
 * directly in c, else the child cluster of c that holds u; RIPPLE_NONE when u
 * is not in c (c = RIPPLE_NONE: the whole place). */
static size_t item_at(const nesting *a, size_t c, size_t u)
{
	size_t k = u;
	if (k == c)
		return u;
	while (k != RIPPLE_NONE && parent_of(a, k) != c)
		k = parent_of(a, k);
	return k;
}

/* The innermost cluster holding both u and v (RIPPLE_NONE: none but the place). */
static size_t meeting_level(const nesting *a, size_t u, size_t v)
{
	for (size_t c = a->has_children[u] ? u : parent_of(a, u); c != RIPPLE_NONE; c = parent_of(a, c))
		if (item_at(a, c, v) != RIPPLE_NONE)
			return c;
	return RIPPLE_NONE;
}

static int lay_level(level_ctx *x, size_t c, ripple_error *err);

/* Adds actor i to g as its footprint (leaf) or as the box of its cluster. */
static Agnode_t *level_node(level_ctx *x, Agraph_t *g, size_t i, int as_cluster)
{
	const char *text = x->a->m->actors[i].label;
	Agnode_t *n = ripple_gv_node(g, as_cluster ? "c" : "a", i, 1);

	if (!n)
		return NULL;
	ripple_gv_set(n, "shape", "box");
	if (as_cluster) {
		ripple_gv_set(n, "label", "");
		ripple_gv_set(n, "fixedsize", "true");
		ripple_gv_setf(n, "width", "%.3f", x->cw[i] / 72.0);
		ripple_gv_setf(n, "height", "%.3f", x->ch[i] / 72.0);
		return n;
	}
	if (ripple_gv_set_text(n, "label", text, x->wrap) < 0)
		return NULL;
	ripple_gv_set(n, "fontsize", LABEL_FONT);
	ripple_gv_set(n, "labelloc", "b");
	ripple_gv_set(n, "margin", "0.02");
	ripple_gv_setf(n, "width", "%.3f", 2 * RMAX / 72.0);
	ripple_gv_setf(n, "height", "%.3f",
	               (2 * RMAX + LABEL_GAP + 4 + 11.0 * ripple_gv_lines(text, x->wrap)) / 72.0);
	return n;
}

/* Moves actor k and, when it is a cluster, everything inside it, by (dx, dy). */
static void shift(level_ctx *x, size_t k, int as_cluster, double dx, double dy)
{
	const nesting *a = x->a;
	if (!as_cluster) {
		x->fx[k] += dx;
		x->fy[k] += dy;
		return;
	}
	for (size_t d = 0; d < a->n; d++)
		if (item_at(a, k, d) != RIPPLE_NONE) {
			x->fx[d] += dx;
			x->fy[d] += dy;
		}
}

/*
 * Runs neato with vpsc overlap removal, which keeps a level tight; on dense
 * levels of many same-sized boxes vpsc pushes them into a long strip, so when
 * the result is more than twice as long one way as the other, prism (which
 * spreads evenly) is tried too and the one with the shorter longest side kept.
 */
static int neato_compact(Agraph_t *g, ripple_error *err)
{
	double w, h;
	int rc;

	ripple_gv_set(g, "overlap", "vpsc");
	if ((rc = ripple_gv_layout(g, "neato", err)) < 0)
		return rc;
	w = GD_bb(g).UR.x - GD_bb(g).LL.x;
	h = GD_bb(g).UR.y - GD_bb(g).LL.y;
	if (w <= 2 * h && h <= 2 * w)
		return RIPPLE_OK;
	ripple_gv_free_layout(g);
	ripple_gv_set(g, "overlap", "prism");
	if ((rc = ripple_gv_layout(g, "neato", err)) < 0)
		return rc;
	if (fmax(GD_bb(g).UR.x - GD_bb(g).LL.x, GD_bb(g).UR.y - GD_bb(g).LL.y) <= fmax(w, h))
		return RIPPLE_OK;
	ripple_gv_free_layout(g);
	ripple_gv_set(g, "overlap", "vpsc");
	return ripple_gv_layout(g, "neato", err);
}

#define GRID_ITEMS 300   /* a box holding members from under BOX_DEPTH boxes, and more
                            items than this, is set out in rows: neato would take minutes */

/* Sets the nodes of g (node[0 .. n), NULL where absent) out in rows, in actor
 * order, about as many rows as columns, sized as Graphviz measures them, 12
 * points apart; ties do not pull. O(items). */
static int grid_level(Agraph_t *g, Agnode_t **node, size_t n, ripple_error *err)
{
	size_t items = 0, cols, k = 0;
	double cellw = 0, y = 0, rowh = 0;
	int rc;

	for (size_t i = 0; i < n; i++)
		if (node[i]) {
			ripple_gv_pos(node[i], 0, 0);
			items++;
		}
	if ((rc = ripple_gv_layout(g, "nop", err)) < 0)
		return rc;
	for (cols = 1; cols * cols < items; cols++)
		;
	for (size_t i = 0; i < n; i++)
		if (node[i])
			cellw = fmax(cellw, ND_width(node[i]) * 72.0 + 12);
	for (size_t i = 0; i < n; i++) {
		if (!node[i])
			continue;
		if (k % cols == 0) {
			y -= rowh;
			rowh = 0;
			for (size_t j = i, m = 0; j < n && m < cols; j++)
				if (node[j]) {
					rowh = fmax(rowh, ND_height(node[j]) * 72.0 + 12);
					m++;
				}
		}
		ND_coord(node[i]).x = (double)(k % cols) * cellw;
		ND_coord(node[i]).y = y - rowh / 2;
		k++;
	}
	return RIPPLE_OK;
}

/* Lays out level c (RIPPLE_NONE: the place): positions relative to the middle
 * of its contents; sets the size of c's box. */
static int lay_level(level_ctx *x, size_t c, ripple_error *err)
{
	const nesting *a = x->a;
	size_t lvl = c == RIPPLE_NONE ? a->n : c, nitems = 0;
	Agraph_t *g = NULL;
	Agnode_t **node = NULL;
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	int rc = RIPPLE_OK;

	/* inner clusters first: their size is what this level places */
	for (size_t i = 0; i < a->n; i++)
		if (parent_of(a, i) == c && a->has_children[i] && (rc = lay_level(x, i, err)) < 0)
			return rc;
	if (!(node = calloc(a->n + 1, sizeof(*node))) || !(g = ripple_gv_graph("level", 0)))
		goto nomem;
	ripple_gv_setf(g, "start", "%lu", x->seed);
	ripple_gv_set(g, "sep", "+6");
	ripple_gv_set(g, "splines", "false");
	ripple_gv_set(g, "pack", "12");      /* separate groups laid out apart, then packed */
	for (size_t i = 0; i < a->n; i++) {
		int here = i == c || parent_of(a, i) == c;
		if (!here)
			continue;
		if (!(node[i] = level_node(x, g, i, i != c && a->has_children[i])))
			goto nomem;
		nitems++;
	}
	for (size_t k = 0; k < x->nedges[lvl]; k++) {
		size_t u = x->edges[lvl][2 * k], v = x->edges[lvl][2 * k + 1];
		if (node[u] && node[v] && u != v && !agedge(g, node[u], node[v], NULL, 1))
			goto nomem;
	}
	if (nitems > GRID_ITEMS && a->capped && c != RIPPLE_NONE && (rc = grid_level(g, node, a->n, err)) < 0)
		goto done;
	if (nitems > GRID_ITEMS && a->capped && c != RIPPLE_NONE)
		;   /* set out in rows by grid_level */
	else if (nitems > 1 && (rc = neato_compact(g, err)) < 0)
		goto done;
	for (size_t i = 0; i < a->n; i++) {
		if (!node[i])
			continue;
		int as_cluster = i != c && a->has_children[i];
		double px = nitems > 1 ? ND_coord(node[i]).x : 0, py = nitems > 1 ? ND_coord(node[i]).y : 0;
		double w = as_cluster ? x->cw[i] : (nitems > 1 ? ND_width(node[i]) * 72.0 : 0);
		double h = as_cluster ? x->ch[i] : (nitems > 1 ? ND_height(node[i]) * 72.0 : 0);
		if (nitems <= 1) {   /* no layout ran: measure the footprint as the box asks */
			w = as_cluster ? x->cw[i] : fmax(2 * RMAX, 0);
			h = as_cluster ? x->ch[i] : 0;
		}
		if (!as_cluster) {
			x->fw[i] = w;
			x->fh[i] = h;
			x->fx[i] = px;
			x->fy[i] = py;
		} else {
			shift(x, i, 1, px, py);
		}
		x0 = fmin(x0, px - w / 2);
		x1 = fmax(x1, px + w / 2);
		y0 = fmin(y0, py - h / 2);
		y1 = fmax(y1, py + h / 2);
	}
	if (nitems > 1)
		ripple_gv_free_layout(g);
	/* centre the contents on the origin of this level */
	for (size_t i = 0; i < a->n; i++)
		if (node[i])
			shift(x, i, i != c && a->has_children[i], -(x0 + x1) / 2, -(y0 + y1) / 2);
	if (c != RIPPLE_NONE) {
		x->cw[c] = (x1 - x0) + 2 * LAYOUT_PAD;
		x->ch[c] = (y1 - y0) + 2 * LAYOUT_PAD;
	}
	rc = RIPPLE_OK;
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	if (g)
		agclose(g);
	free(node);
	return rc;
}

/* Computes every actor's position; see lay_level. */
static int layout_compute(ripple_layout *l, const nesting *a, unsigned long seed, int wrap,
                          ripple_error *err)
{
	level_ctx x;
	double minx = INFINITY, miny = INFINITY;
	size_t n1 = a->n + 1;
	int rc;

	memset(&x, 0, sizeof(x));
	x.a = a;
	x.seed = seed;
	x.wrap = wrap;
	x.fx = calloc(n1, sizeof(double));
	x.fy = calloc(n1, sizeof(double));
	x.fw = calloc(n1, sizeof(double));
	x.fh = calloc(n1, sizeof(double));
	x.cw = calloc(n1, sizeof(double));
	x.ch = calloc(n1, sizeof(double));
	x.edges = calloc(n1, sizeof(*x.edges));
	x.nedges = calloc(n1, sizeof(size_t));
	x.capedges = calloc(n1, sizeof(size_t));
	if (!x.fx || !x.fy || !x.fw || !x.fh || !x.cw || !x.ch || !x.edges || !x.nedges || !x.capedges)
		goto nomem;
	/* each tie pulls at the level where its ends meet, between the items holding them */
	for (size_t k = 0; k < a->npairs; k++) {
		size_t u = a->pairs[2 * k], v = a->pairs[2 * k + 1];
		size_t c = meeting_level(a, u, v);
		size_t lvl = c == RIPPLE_NONE ? a->n : c;
		size_t iu = item_at(a, c, u), iv = item_at(a, c, v);
		if (iu == RIPPLE_NONE || iv == RIPPLE_NONE || iu == iv)
			continue;
		if (x.nedges[lvl] == x.capedges[lvl]) {
			size_t cap = x.capedges[lvl] ? 2 * x.capedges[lvl] : 16;
			size_t *e = realloc(x.edges[lvl], 2 * cap * sizeof(*e));
			if (!e)
				goto nomem;
			x.edges[lvl] = e;
			x.capedges[lvl] = cap;
		}
		x.edges[lvl][2 * x.nedges[lvl]] = iu;
		x.edges[lvl][2 * x.nedges[lvl] + 1] = iv;
		x.nedges[lvl]++;
	}
	if ((rc = lay_level(&x, RIPPLE_NONE, err)) < 0)
		goto done;
	for (size_t i = 0; i < a->n; i++) {
		/* the circle sits at the top of the footprint, the label under it */
		l->x[i] = x.fx[i];
		l->y[i] = x.fy[i] + x.fh[i] / 2 - RMAX;
		minx = fmin(minx, l->x[i]);
		miny = fmin(miny, l->y[i]);
	}
	for (size_t i = 0; i < a->n; i++) {
		l->x[i] = round((l->x[i] - minx) * 100) / 100;
		l->y[i] = round((l->y[i] - miny) * 100) / 100;
	}
	rc = RIPPLE_OK;
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	for (size_t i = 0; x.edges && i < n1; i++)
		free(x.edges[i]);
	free(x.edges);
	free(x.nedges);
	free(x.capedges);
	free(x.fx);
	free(x.fy);
	free(x.fw);
	free(x.fh);
	free(x.cw);
	free(x.ch);
	return rc;
}

static int layout_get(ripple_layout *out, const nesting *a, unsigned long seed, int wrap,
                      ripple_error *err)
{
	const ripple_model *m = a->m;
	int rc;

	memset(out, 0, sizeof(*out));
	out->n = a->n;
	out->method = LAYOUT_METHOD;
	out->actor_keys = malloc((a->n + 1) * sizeof(*out->actor_keys));
	out->x = calloc(a->n + 1, sizeof(*out->x));
	out->y = calloc(a->n + 1, sizeof(*out->y));
	if (!out->actor_keys || !out->x || !out->y) {
		ripple_layout_release(out);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	memcpy(out->actor_keys, m->actor_keys, a->n * sizeof(*m->actor_keys));
	if (layout_stored(out, m)) {
		out->from_store = 1;
		return RIPPLE_OK;
	}
	if ((rc = layout_compute(out, a, seed, wrap, err)) < 0) {
		ripple_layout_release(out);
		return rc;
	}
	return RIPPLE_OK;
}

int ripple_layout_get(ripple_layout *out, const ripple_model *m, unsigned long seed,
                      ripple_error *err)
{
	ripple_draw_options defaults = RIPPLE_DRAW_OPTIONS_INIT;
	nesting a;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = nesting_init(&a, m, err)) == RIPPLE_OK)
		rc = layout_get(out, &a, seed, defaults.wrap, err);
	nesting_release(&a);
	return rc;
}

/* ---- drawing ----------------------------------------------------------------- */

typedef struct drawing {
	const ripple_draw_options *o;
	const ripple_model *m;
	const nesting *a;
	const ripple_layout *l;
	const ripple_graph *g;     /* the wave drawn; NULL for a change map */
	const ripple_compare *c;   /* the change map, or NULL */
	size_t wave;               /* index of the wave drawn, or of W2 of a change map */
	size_t from;               /* index of W1 of a change map */
	double *radius;            /* per actor, points */
	double *rank;              /* per actor: what "top" ranks by (largest over every wave) */
	double *rfoot;             /* per actor: the room its circle takes in any drawing of
	                              the place (points): RMAX on the natural page, else its
	                              largest radius over every wave and a double ring */
	size_t *number;            /* per actor: 0 labelled, else its number in the key */
	size_t *tieno;             /* change map: per tie of d->c, the number of a new tie a
	                              ripple rests on (ripple_compare_number_ripple_ties), 0
	                              none; NULL: not numbered */
	unsigned char *focus;      /* --focus: per actor 2 in it, 1 one step out, 0 faded;
	                              NULL: no focus */
	size_t nkey;               /* actors numbered */
	const char **sectors;      /* distinct sectors, sorted (borrowed from the model) */
	size_t nsectors;
	int no_sector;             /* some actor has none */
	const char *size_name;
	int pack;                  /* on a page: boxes packed together (pack), tried when
	                              the picture does not fit without */
	size_t clashes;            /* on a page: labels meeting what they must not (label_clashes) */
} drawing;

static int by_string(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/*
 * How actor i took part in the survey of the wave drawn; for a change map the
 * further from answered of its two waves (absent over missing over answered).
 */
static enum ripple_response drawn_response(const drawing *d, size_t i)
{
	enum ripple_response r = ripple_model_response(d->m, d->wave, i);

	if (d->c) {
		enum ripple_response r1 = ripple_model_response(d->m, d->from, i);
		if (r1 > r)
			r = r1;
	}
	return r;
}

static const char *sector_colour(const drawing *d, const char *sector)
{
	if (!*sector)
		return RIPPLE_NO_SECTOR_COLOUR;
	for (size_t k = 0; k < d->nsectors; k++)
		if (strcmp(d->sectors[k], sector) == 0)
			return ripple_sector_colour(k);
	return RIPPLE_NO_SECTOR_COLOUR;
}

static int collect_sectors(drawing *d)
{
	const ripple_model *m = d->m;

	if (!(d->sectors = malloc((m->nactors + 1) * sizeof(*d->sectors))))
		return RIPPLE_ENOMEM;
	for (size_t i = 0; i < m->nactors; i++) {
		if (!*m->actors[i].sector) {
			d->no_sector = 1;
			continue;
		}
		d->sectors[d->nsectors++] = m->actors[i].sector;
	}
	qsort(d->sectors, d->nsectors, sizeof(*d->sectors), by_string);
	size_t kept = 0;
	for (size_t k = 0; k < d->nsectors; k++)
		if (kept == 0 || strcmp(d->sectors[kept - 1], d->sectors[k]) != 0)
			d->sectors[kept++] = d->sectors[k];
	d->nsectors = kept;
	return RIPPLE_OK;
}

int ripple_labels_parse(const char *text, int *labels, int *top)
{
	static const char *const names[] = { "fit", "all", "none", "attendees" };
	char *end;

	for (int i = 0; i < 4; i++)
		if (ripple_strieq(text, names[i])) {
			*labels = i;
			return 0;
		}
	if (strncmp(text, "top:", 4) != 0 || text[4] < '0' || text[4] > '9')
		return -1;
	long n = strtol(text + 4, &end, 10);
	if (*end || n < 0 || n > 1000000)
		return -1;
	*labels = RIPPLE_LABELS_TOP;
	*top = (int)n;
	return 0;
}

/* An actor as the label choice sorts it. */
typedef struct ranked {
	double rank;
	const char *label;
	size_t i;
} ranked;

static int by_label(const void *x, const void *y)
{
	const ranked *p = x, *q = y;
	int c = strcasecmp(p->label, q->label);

	if (!c)
		c = strcmp(p->label, q->label);
	return c ? c : (p->i > q->i) - (p->i < q->i);
}

static int by_rank(const void *x, const void *y)
{
	const ranked *p = x, *q = y;

	if (p->rank != q->rank)
		return p->rank > q->rank ? -1 : 1;
	return by_label(x, y);
}

/*
 * Says which actors carry their label and numbers the others (d->number,
 * d->nkey) in the order of their labels: labels is enum ripple_labels (FIT
 * taken as ALL), top the N of RIPPLE_LABELS_TOP, attendees 1 to label the
 * attendees as well. Depends on the model and d->rank alone, so every drawing
 * of a place numbers alike. O(actors log actors).
 */
static int choose_labels(drawing *d, int labels, int top, int attendees)
{
	size_t n = d->a->n;
	ranked *order = malloc((n + 1) * sizeof(*order));

	if (!order)
		return RIPPLE_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		order[i] = (ranked){ d->rank[i], d->m->actors[i].label, i };
		d->number[i] = labels == RIPPLE_LABELS_ALL || labels == RIPPLE_LABELS_FIT ? 0 : 1;
		if ((attendees || labels == RIPPLE_LABELS_ATTENDEES) && d->m->actors[i].attended == 1)
			d->number[i] = 0;
	}
	if (labels == RIPPLE_LABELS_TOP) {
		qsort(order, n, sizeof(*order), by_rank);
		for (size_t k = 0; k < n && k < (size_t)top; k++)
			d->number[order[k].i] = 0;
	}
	qsort(order, n, sizeof(*order), by_label);
	d->nkey = 0;
	for (size_t k = 0; k < n; k++)
		if (d->number[order[k].i])
			d->number[order[k].i] = ++d->nkey;
	free(order);
	return RIPPLE_OK;
}

/*
 * Circle radii: a dot of radius RMIN for 0, and area above that dot in
 * proportion to the measure, scaled by its largest value over every wave of
 * the place (which gets radius RMAX), so sizes compare across drawings.
 * Measures every wave but those the comparison of a change map has measured.
 */
static int compute_radii(drawing *d, ripple_error *err)
{
	const ripple_draw_options *o = d->o;
	const ripple_model *model = d->m;
	ripple_metrics_options mo = RIPPLE_METRICS_OPTIONS_INIT;
	double vmax = 0, *shown = NULL;
	int rc;

	for (size_t i = 0; i < d->a->n; i++) {
		d->radius[i] = (RMIN + RMAX) / 2.5 * (o->page != RIPPLE_PAGE_NATURAL ? PAGE_CIRCLES : 1);
		d->rank[i] = 0;
		d->rfoot[i] = o->page != RIPPLE_PAGE_NATURAL ? d->radius[i] + RING : RMAX;
	}
	if (o->size < 0) {
		/* no measure: rank by the partners an actor has at any wave */
		for (size_t k = 0; k < d->a->npairs; k++) {
			d->rank[d->a->pairs[2 * k]]++;
			d->rank[d->a->pairs[2 * k + 1]]++;
		}
		return RIPPLE_OK;
	}
	if (!(shown = malloc((d->a->n + 1) * sizeof(*shown))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	mo.weighted = o->weighted;
	mo.seed = o->seed;
	for (size_t w = 0; w < model->nwaves; w++) {
		ripple_graph g;
		ripple_metrics own;
		const ripple_metrics *m = NULL;
		/* a change map has measured its two waves already */
		if (d->c && w == d->from)
			m = &d->c->m1;
		else if (d->c && w == d->wave)
			m = &d->c->m2;
		if (!m) {
			/* the wave drawn is built already */
			int built = !d->c && w == d->wave;
			/* the other waves as the drawing's: a comparison's own way */
			const ripple_graph_options *go = d->c ? &d->c->g1.opts : &o->graph;
			if (!built && (rc = ripple_graph_build(&g, model, model->waves[w].name, go, err)) < 0)
				goto done;
			rc = ripple_metrics_compute(&own, built ? d->g : &g, &mo, err);
			if (!built)
				ripple_graph_release(&g);
			if (rc < 0)
				goto done;
		}
		for (size_t i = 0; i < (m ? m : &own)->n && i < d->a->n; i++) {
			double v = ripple_metrics_node(m ? m : &own, i, (enum ripple_node_measure)o->size);
			if (isfinite(v) && v > vmax)
				vmax = v;
			if (isfinite(v) && v > d->rank[i])
				d->rank[i] = v;
			if (w == d->wave)
				shown[i] = v;
		}
		if (!m)
			ripple_metrics_release(&own);
	}
	for (size_t i = 0; i < d->a->n; i++) {
		double v = shown[i];
		double share = vmax > 0 && isfinite(v) && v > 0 ? v / vmax : 0;
		/* area above the smallest dot grows in proportion to the measure */
		d->radius[i] = sqrt(RMIN * RMIN + (RMAX * RMAX - RMIN * RMIN) * share);
		share = vmax > 0 ? d->rank[i] / vmax : 0;
		if (o->page != RIPPLE_PAGE_NATURAL) {
			d->radius[i] *= PAGE_CIRCLES;
			d->rfoot[i] = sqrt(RMIN * RMIN + (RMAX * RMAX - RMIN * RMIN) * share) * PAGE_CIRCLES
			              + RING;
		}
	}
	rc = RIPPLE_OK;
done:
	free(shown);
	return rc;
}

/* Adds every actor's label as node "l<i>" (plaintext, under its circle); what:
 * the drawing (a ripple_gv_adder). */
static int add_labels(Agraph_t *g, const void *what)
{
	const drawing *d = what;

	for (size_t i = 0; i < d->a->n; i++) {
		Agnode_t *n = ripple_gv_node(g, "l", i, 1);
		char number[32];
		snprintf(number, sizeof(number), "%zu", d->number[i]);
		if (!n || ripple_gv_plain(n, d->number[i] ? number : d->m->actors[i].label, d->o->wrap,
		                          d->o->page != RIPPLE_PAGE_NATURAL ? PAGE_LABEL_FONT : LABEL_FONT,
		                          "0.01") < 0)
			return RIPPLE_ENOMEM;
		ripple_gv_setf(n, "id", "label%zu", i);
		ripple_gv_set(n, "class", d->number[i] ? "actor-number" : "actor-label");
		ripple_gv_set(n, "style", "filled");
		ripple_gv_set(n, "fillcolor", "#FFFFFFB3");
	}
	return RIPPLE_OK;
}

/* ---- focus and filters ---------------------------------------------------- */

unsigned ripple_show_parse(const char *text)
{
	static const struct { const char *name; unsigned bits; } words[] = {
		{ "new", RIPPLE_SHOW_NEW | RIPPLE_SHOW_BRIDGING }, { "bridging", RIPPLE_SHOW_BRIDGING },
		{ "lost", RIPPLE_SHOW_LOST }, { "kept", RIPPLE_SHOW_KEPT },
		{ "unknown", RIPPLE_SHOW_UNKNOWN }, { "all", RIPPLE_SHOW_ALL }
	};
	unsigned bits = 0;

	while (*text) {
		size_t n = strcspn(text, ","), k;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (strlen(words[k].name) == n && strncasecmp(text, words[k].name, n) == 0)
				break;
		if (k == sizeof(words) / sizeof(words[0]))
			return 0;
		bits |= words[k].bits;
		text += n + (text[n] == ',');
	}
	return bits;
}

/* The RIPPLE_SHOW_* bit of a tie of the ledger. */
static unsigned show_bit(const ripple_tie_change *t)
{
	switch (t->status) {
	case RIPPLE_TIE_NEW:
		return t->bridging ? RIPPLE_SHOW_BRIDGING : RIPPLE_SHOW_NEW;
	case RIPPLE_TIE_LOST:
		return RIPPLE_SHOW_LOST;
	case RIPPLE_TIE_KEPT:
		return RIPPLE_SHOW_KEPT;
	default:
		return RIPPLE_SHOW_UNKNOWN;
	}
}

/* 1 when a change map whose --show is show (0: every tie) draws tie t. */
static int tie_shown(unsigned show, const ripple_tie_change *t)
{
	return !show || (show & show_bit(t));
}

/*
 * Resolves --focus into d->focus (per actor: 2 in the focus, 1 one step from
 * it by a tie the picture draws, 0 faded): an actor's id, an organisation's
 * id (with every actor inside it), or "sector:NAME" (any case). Unknown:
 * RIPPLE_ENOTFOUND, naming the closest id. O(actors + ties).
 */
static int resolve_focus(drawing *d, ripple_error *err)
{
	const ripple_model *m = d->m;
	const char *focus = d->o->focus;
	size_t n = d->a->n, hits = 0;

	if (!(d->focus = calloc(n + 1, 1)))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if (strncasecmp(focus, "sector:", 7) == 0) {
		for (size_t i = 0; i < n; i++)
			if (*m->actors[i].sector && ripple_strieq(m->actors[i].sector, focus + 7)) {
				d->focus[i] = 2;
				hits++;
			}
		if (!hits) {
			char list[512] = "";
			size_t len = 0;
			for (size_t k = 0; k < d->nsectors && len < sizeof(list); k++)
				len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", k ? ", " : "",
				                        d->sectors[k]);
			return ripple_error_set(err, RIPPLE_ENOTFOUND, "", 0, 0, "--focus: place \"%s\" has "
			                        "no actor of sector \"%s\" (sectors: %s)", m->name, focus + 7,
			                        list);
		}
	} else {
		size_t at = RIPPLE_NONE, best = RIPPLE_NONE, dist = 4;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(m->actors[i].id, focus) == 0)
				at = i;
			size_t e = ripple_edit_distance(m->actors[i].id, focus, 3);
			if (e < dist) {
				dist = e;
				best = i;
			}
		}
		if (at == RIPPLE_NONE)
			return ripple_error_set(err, RIPPLE_ENOTFOUND, "", 0, 0, "--focus: place \"%s\" has "
			                        "no actor \"%s\"%s%s%s (give an actor's or organisation's id, "
			                        "or sector:NAME)", m->name, focus,
			                        best != RIPPLE_NONE ? "; did you mean \"" : "",
			                        best != RIPPLE_NONE ? m->actors[best].id : "",
			                        best != RIPPLE_NONE ? "\"?" : "");
		/* the actor, and every actor inside it (by the model's parents, however
		 * deep): each walk up stops at an actor already known, so O(actors) */
		unsigned char *known = calloc(n + 1, 1);   /* 1 inside, 2 not, 0 not yet known */
		size_t *chain = malloc((n + 1) * sizeof(*chain));
		if (!known || !chain) {
			free(known);
			free(chain);
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		}
		known[at] = 1;
		for (size_t i = 0; i < n; i++) {
			size_t len = 0, p = i;
			while (p != RIPPLE_NONE && !known[p] && len < n) {
				chain[len++] = p;
				p = m->actors[p].parent;
			}
			unsigned char v = p != RIPPLE_NONE && known[p] == 1 ? 1 : 2;
			while (len > 0)
				known[chain[--len]] = v;
			if (known[i] == 1)
				d->focus[i] = 2;
		}
		free(known);
		free(chain);
	}
	/* one step out, along the ties the picture draws */
	if (d->c) {
		for (size_t k = 0; k < d->c->nties; k++) {
			const ripple_tie_change *t = &d->c->ties[k];
			if (!tie_shown(d->o->show, t))
				continue;
			if (d->focus[t->a] == 2 && !d->focus[t->b])
				d->focus[t->b] = 1;
			if (d->focus[t->b] == 2 && !d->focus[t->a])
				d->focus[t->a] = 1;
		}
	} else {
		for (size_t k = 0; k < d->g->nedges; k++) {
			igraph_integer_t from, to;
			igraph_edge(d->g->graph, (igraph_integer_t)k, &from, &to);
			if (d->focus[from] == 2 && !d->focus[to])
				d->focus[to] = 1;
			if (d->focus[to] == 2 && !d->focus[from])
				d->focus[from] = 1;
		}
	}
	return RIPPLE_OK;
}

/* The index of node "<kind><i>", or RIPPLE_NONE when its name is not of that kind. */
static size_t node_index(Agnode_t *n, const char *kind)
{
	const char *name = agnameof(n);
	size_t k = strlen(kind);

	if (strncmp(name, kind, k) != 0 || name[k] < '0' || name[k] > '9')
		return RIPPLE_NONE;
	return (size_t)strtoull(name + k, NULL, 10);
}

/* Appends word to the class of obj. */
static void add_class(void *obj, const char *word)
{
	char *cls = ripple_strdupf("%s %s", agget(obj, "class") ? agget(obj, "class") : "", word);

	if (cls)
		ripple_gv_set(obj, "class", cls);
	free(cls);
}

/*
 * After the picture is built, for --focus: actors not within one step of the
 * focus grey and light, their labels light; ties that do not touch the focus
 * light grey and thin; the focus itself outlined black. Every faded element
 * gets class "faded", the focus class "focus". Colours of the rest untouched.
 */
static void fade_unfocused(Agraph_t *g, const drawing *d)
{
	for (size_t i = 0; i < d->a->n; i++) {
		Agnode_t *n = ripple_gv_node(g, "a", i, 0), *l = ripple_gv_node(g, "l", i, 0);
		if (d->focus[i] == 2 && n) {
			add_class(n, "focus");
			ripple_gv_set(n, "color", "#000000");
			ripple_gv_set(n, "penwidth", "2.4");
		}
		if (d->focus[i])
			continue;
		if (n) {
			add_class(n, "faded");
			ripple_gv_set(n, "fillcolor", FADED_FILL);
			ripple_gv_set(n, "color", FADED_LINE);
		}
		if (l) {
			add_class(l, "faded");
			ripple_gv_set(l, "fontcolor", FADED_TEXT);
		}
	}
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
		for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
			size_t u = node_index(agtail(e), "a"), v = node_index(aghead(e), "a");
			if (u == RIPPLE_NONE || v == RIPPLE_NONE || d->focus[u] == 2 || d->focus[v] == 2)
				continue;
			add_class(e, "faded");
			ripple_gv_set(e, "color", FADED_TIE);
			ripple_gv_set(e, "penwidth", "0.8");
		}
}

static void set_edge_style(Agedge_t *e, const char *cls, const char *colour, const char *width,
                           const char *style)
{
	ripple_gv_set(e, "class", cls);
	ripple_gv_set(e, "color", colour);
	ripple_gv_set(e, "penwidth", width);
	if (style)
		ripple_gv_set(e, "style", style);
}

static int add_edges(Agraph_t *g, const drawing *d)
{
	int directed = d->m->directed;

	if (d->c) {
		for (size_t k = 0; k < d->c->nties; k++) {
			const ripple_tie_change *t = &d->c->ties[k];
			if (!tie_shown(d->o->show, t))
				continue;
			Agedge_t *e = agedge(g, ripple_gv_node(g, "a", t->a, 0), ripple_gv_node(g, "a", t->b, 0),
			                     NULL, 1);
			if (!e)
				return RIPPLE_ENOMEM;
			ripple_gv_setf(e, "id", "tie%zu", k);
			if (t->status == RIPPLE_TIE_KEPT)
				set_edge_style(e, "tie kept", KEPT_COLOUR, "1.2", NULL);
			else if (t->status == RIPPLE_TIE_UNKNOWN)   /* not observed at both waves */
				set_edge_style(e, "tie unknown", KEPT_COLOUR, "1.2", "dotted");
			else if (t->status == RIPPLE_TIE_LOST)
				set_edge_style(e, "tie lost", LOST_COLOUR, "1.3", "dashed");
			else if (t->bridging)
				set_edge_style(e, "tie new bridging", BRIDGING_COLOUR, "4", NULL);
			else
				set_edge_style(e, "tie new", NEW_COLOUR, "2.5", NULL);
			if (!directed)
				ripple_gv_set(e, "dir", "none");
		}
		return RIPPLE_OK;
	}
	{
		const ripple_graph *w = d->g;
		struct igraph_s *ig = w->graph;
		for (size_t k = 0; k < w->nedges; k++) {
			igraph_integer_t from, to;
			igraph_edge(ig, (igraph_integer_t)k, &from, &to);
			Agedge_t *e = agedge(g, ripple_gv_node(g, "a", (size_t)from, 0),
			                     ripple_gv_node(g, "a", (size_t)to, 0), NULL, 1);
			if (!e)
				return RIPPLE_ENOMEM;
			ripple_gv_setf(e, "id", "tie%zu", k);
			ripple_gv_setf(e, "penwidth", "%.2f", 0.8 + 0.6 * fmin(fmax(w->weights[k] - 1, 0), 4));
			ripple_gv_set(e, "class", "tie");
			ripple_gv_set(e, "color", TIE_COLOUR);
			ripple_gv_set(e, "dir", directed ? "forward" : "none");
			ripple_gv_set(e, "arrowsize", "0.6");
		}
	}
	return RIPPLE_OK;
}

#define LEGEND_WIDTH 210.0

#define KEY_LEGEND_WIDTH 150.0   /* about the legend's width beside the key */
#define KEY_SPACING "CELLSPACING=\"3\" CELLPADDING=\"1\""
/* on a page the key's rows touch (a 10-point row is 12 points high, was 14), a
 * 4-point cell parts number and label (a no-break space in the number's cell
 * ran into the label), and each column is padded KEY_COLUMN_PAD points: the
 * 150-actor place's 150-row key took more of the page than its network */
#define KEY_SPACING_PAGE "CELLSPACING=\"0\" CELLPADDING=\"0\""
#define KEY_GAP_PAGE "<TD WIDTH=\"4\"></TD>"
#define KEY_COLUMN_PAD 10   /* 5 let pages.py's generous text widths meet */
/* A row of the key: its number, the gap (KEY_GAP_PAGE on a page, else ""), the
 * label (wrapped, escaped). The one row both the drawing and key_rows's
 * measure use. */
#define KEY_ROW "<TR><TD ALIGN=\"RIGHT\">%zu</TD>%s<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">%s</TD></TR>"
/* The legend stands this far right of the network: nearer on a page, so an A4
 * page's network with the legend beside it is narrower. key_rows's estimate
 * still allows the wider gap: a few points of slack. */
#define LEGEND_GAP 40.0
#define LEGEND_GAP_PAGE 24.0

/*
 * On a page, the rows of each column of the key, so the network keeps most of
 * the page: the number of columns (one to a row each) that lets the network
 * (width x height points), the legend and the key beside it (apart 0) or under
 * it (apart 1) be drawn largest on the page, the key measured as one column.
 * 0 with *err set on failure.
 */
static size_t key_rows(const drawing *d, int apart, double width, double height,
                       ripple_error *err)
{
	size_t len = 0, cap = 0, rows = 0, cols = 1;
	char *html = NULL;
	double w, h;

	for (size_t i = 0; i <= d->a->n; i++) {   /* the rows, then the table around them */
		if (i < d->a->n && !d->number[i])
			continue;
		char *label = i < d->a->n ? ripple_gv_html_wrap(d->m->actors[i].label, KEY_WRAP) : NULL;
		char *row = i == d->a->n ? ripple_strdupf("</TABLE>")
		            : label ? ripple_strdupf(KEY_ROW, d->number[i], KEY_GAP_PAGE, label) : NULL;
		free(label);
		size_t add = row ? strlen(row) : 0;
		if (row && len + add + 64 > cap) {
			char *more = realloc(html, cap = 2 * (len + add + 64));
			if (!more) {
				free(row);
				row = NULL;
			} else {
				if (!html)
					len = (size_t)sprintf(more, "<TABLE BORDER=\"0\" %s>", KEY_SPACING_PAGE);
				html = more;
			}
		}
		if (!row) {
			free(html);
			ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			return 0;
		}
		memcpy(html + len, row, add + 1);
		len += add;
		free(row);
	}
	if (ripple_gv_legend_size(&w, &h, html, err) < 0) {
		free(html);
		return 0;
	}
	free(html);
	double pw, ph, row = h / (double)d->nkey, most = 0;
	ripple_page_size((enum ripple_page)d->o->page, &pw, &ph);
	for (size_t c = 1; c <= d->nkey; c++) {   /* the columns that let all be drawn largest */
		rows = (d->nkey + c - 1) / c;
		if (c > 1 && (d->nkey + c - 2) / (c - 1) == rows)
			continue;   /* as many rows as one column fewer */
		double kw = (double)c * (w + 2 * KEY_COLUMN_PAD), kh = (double)rows * row + 24;
		double tw = apart ? fmax(width, kw) : width + LEGEND_GAP + KEY_LEGEND_WIDTH + kw;
		double th = (apart ? height + 16 + kh : fmax(height, kh)) + 60;   /* 60: the title */
		double scale = fmin(pw / tw, ph / th);
		if (scale > most + 1e-9) {
			most = scale;
			cols = c;
		}
	}
	return (d->nkey + cols - 1) / cols;
}

static int add_legend(Agraph_t *g, const drawing *d, double x, double y_top, double x_left,
                      double y_under, ripple_error *err)
{
	char *html = NULL, *legend_html = NULL;
	size_t len = 0, cap = 0;
	int failed = 0, rc, apart = 0, page;
	double pw, ph;

	/* on a portrait page the key goes under the picture, the legend beside it:
	 * both beside it would leave the picture a narrow strip of the page */
	ripple_page_size((enum ripple_page)d->o->page, &pw, &ph);
	apart = d->nkey && d->o->page != RIPPLE_PAGE_NATURAL && ph > pw;
	page = d->o->page != RIPPLE_PAGE_NATURAL;

#define ADD(...) do { \
		int need_ = snprintf(NULL, 0, __VA_ARGS__); \
		if (need_ < 0 || failed) { failed = 1; break; } \
		if (len + (size_t)need_ + 1 > cap) { \
			cap = (len + (size_t)need_ + 1) * 2; \
			char *nh_ = realloc(html, cap); \
			if (!nh_) { failed = 1; break; } \
			html = nh_; \
		} \
		len += (size_t)snprintf(html + len, cap - len, __VA_ARGS__); \
	} while (0)
#define HEAD(text) ADD("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>%s</B></TD></TR>", text)
#define SHOWN(bit) (!d->o->show || (d->o->show & (bit)))

	if (d->nkey && !apart)   /* the legend, then the key's columns beside it */
		ADD("<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD VALIGN=\"TOP\" "
		    "CELLPADDING=\"6\">");
	ADD("<TABLE BORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">");
	HEAD("Sector");
	for (size_t k = 0; k < d->nsectors && k < RIPPLE_SECTOR_COLOURS; k++) {
		char *s = ripple_gv_html(d->sectors[k]);
		if (!s) {
			failed = 1;
			break;
		}
		ADD("<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"16\" HEIGHT=\"12\"> </TD>"
		    "<TD ALIGN=\"LEFT\">%s</TD></TR>", ripple_sector_colour(k), s);
		free(s);
	}
	if (d->no_sector || d->nsectors > RIPPLE_SECTOR_COLOURS)
		ADD("<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"16\" HEIGHT=\"12\"> </TD>"
		    "<TD ALIGN=\"LEFT\">%s</TD></TR>", RIPPLE_NO_SECTOR_COLOUR,
		    d->nsectors > RIPPLE_SECTOR_COLOURS ? "other or not given" : "not given");
	HEAD("Size");
	if (d->size_name) {
		char *w = ripple_gv_html(d->m->waves[d->wave].name);
		if (!w)
			failed = 1;
		else
			ADD("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">area: %s at %s</TD></TR>", d->size_name, w);
		free(w);
	} else {
		ADD("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">all actors the same</TD></TR>");
	}
	if (d->c) {
		HEAD(d->o->show ? "Ties drawn (the others left out)" : "Ties");
		if (SHOWN(RIPPLE_SHOW_KEPT))
			ADD("<TR><TD BGCOLOR=\"" KEPT_COLOUR "\" WIDTH=\"24\" HEIGHT=\"2\"></TD>"
			    "<TD ALIGN=\"LEFT\">kept (%ld)</TD></TR>", d->c->count[RIPPLE_TIE_KEPT]);
		if (SHOWN(RIPPLE_SHOW_NEW))
			ADD("<TR><TD BGCOLOR=\"" NEW_COLOUR "\" WIDTH=\"24\" HEIGHT=\"4\"></TD>"
			    "<TD ALIGN=\"LEFT\">new (%ld)</TD></TR>",
			    d->c->count[RIPPLE_TIE_NEW] - d->c->new_bridging);
		/* packed (a network too large for the page unpacked) no wider than
		 * the other rows: the 150-actor place's change map legend beside its A4
		 * network took its width; else wide and short (a taller legend made a
		 * small place's change map smaller) */
		int narrow = page && d->pack;
		if (SHOWN(RIPPLE_SHOW_BRIDGING))
			ADD("<TR><TD BGCOLOR=\"" BRIDGING_COLOUR "\" WIDTH=\"24\" HEIGHT=\"6\"></TD>"
			    "<TD ALIGN=\"LEFT\">new, bridging (%ld):%s</TD></TR>", d->c->new_bridging,
			    narrow ? "<BR ALIGN=\"LEFT\"/>joins actors 3+ steps<BR ALIGN=\"LEFT\"/>apart "
			             "or unconnected<BR ALIGN=\"LEFT\"/>before"
			           : " joins actors<BR ALIGN=\"LEFT\"/>3+ steps apart or unconnected before");
		if (SHOWN(RIPPLE_SHOW_LOST))
			ADD("<TR><TD><FONT COLOR=\"" LOST_COLOUR "\">&#8211; &#8211; &#8211;</FONT></TD>"
			    "<TD ALIGN=\"LEFT\">lost (%ld)</TD></TR>", d->c->count[RIPPLE_TIE_LOST]);
		if (d->c->count[RIPPLE_TIE_UNKNOWN] && SHOWN(RIPPLE_SHOW_UNKNOWN))
			ADD("<TR><TD><FONT COLOR=\"" KEPT_COLOUR "\">&#183;&#183;&#183;&#183;</FONT></TD>"
			    "<TD ALIGN=\"LEFT\">unknown (%ld): not observed<BR ALIGN=\"LEFT\"/>"
			    "at both waves</TD></TR>", d->c->count[RIPPLE_TIE_UNKNOWN]);
		for (size_t k = 0; d->tieno && k < d->c->nties; k++)
			if (d->tieno[k]) {   /* one row, when some new tie is numbered */
				ADD("<TR><TD><FONT COLOR=\"" BRIDGING_COLOUR "\">1</FONT></TD>"
				    "<TD ALIGN=\"LEFT\"><FONT COLOR=\"" BRIDGING_COLOUR "\">purple number"
				    "</FONT>: %s</TD></TR>", narrow ? "a new<BR ALIGN=\"LEFT\"/>tie that a ripple<BR "
				    "ALIGN=\"LEFT\"/>rests on" : "a new tie that<BR ALIGN=\"LEFT\"/>a ripple rests on");
				break;
			}
		HEAD("Actors");
		ADD("<TR><TD><FONT POINT-SIZE=\"14\">&#9678;</FONT></TD>"
		    "<TD ALIGN=\"LEFT\">double ring: connected<BR ALIGN=\"LEFT\"/>for the first time</TD></TR>");
	}
	{
		/* the survey: rows only for what the picture shows */
		int shown[RIPPLE_NRESPONSES] = { 0 };
		for (size_t i = 0; i < d->a->n; i++)
			shown[drawn_response(d, i)] = 1;
		if (shown[RIPPLE_RESPONSE_MISSING] || shown[RIPPLE_RESPONSE_ABSENT])
			HEAD("Survey");
		if (shown[RIPPLE_RESPONSE_MISSING])
			ADD("<TR><TD BORDER=\"1\" STYLE=\"dashed\" WIDTH=\"16\" HEIGHT=\"12\"> </TD>"
			    "<TD ALIGN=\"LEFT\">dashed: did not answer%s</TD></TR>",
			    d->c ? "<BR ALIGN=\"LEFT\"/>at one of the two waves" : "");
		if (shown[RIPPLE_RESPONSE_ABSENT])
			ADD("<TR><TD BORDER=\"1\" STYLE=\"dotted\" WIDTH=\"16\" HEIGHT=\"12\"> </TD>"
			    "<TD ALIGN=\"LEFT\">dotted: not part of%sthe place%s</TD></TR>",
			    /* on a page narrower, so the key beside it comes no closer */
			    d->o->page != RIPPLE_PAGE_NATURAL ? "<BR ALIGN=\"LEFT\"/>" : " ",
			    d->c ? "<BR ALIGN=\"LEFT\"/>at one of the two waves" : "<BR ALIGN=\"LEFT\"/>then");
	}
	for (size_t i = 0; i < d->a->n; i++)
		if (d->m->actors[i].attended == 1) {
			HEAD("Programme");
			ADD("<TR><TD><FONT POINT-SIZE=\"16\">&#9711;</FONT></TD>"
			    "<TD ALIGN=\"LEFT\">ringed: attended</TD></TR>");
			break;
		}
	if (d->focus) {
		HEAD("Focus");
		ADD("<TR><TD BORDER=\"2\" COLOR=\"#000000\" WIDTH=\"16\" HEIGHT=\"12\"> </TD>"
		    "<TD ALIGN=\"LEFT\">black outline: the focus</TD></TR>");
		ADD("<TR><TD BGCOLOR=\"" FADED_FILL "\" BORDER=\"1\" COLOR=\"" FADED_LINE "\" "
		    "WIDTH=\"16\" HEIGHT=\"12\"> </TD><TD ALIGN=\"LEFT\">grey: more than one<BR "
		    "ALIGN=\"LEFT\"/>tie away from it</TD></TR>");
	}
	for (size_t i = 0; i < d->a->n; i++) {
		if (!d->a->has_children[i])
			continue;
		ADD("<TR><TD BORDER=\"1\" STYLE=\"rounded\" BGCOLOR=\"#F2F2F2\" COLOR=\"#BBBBBB\" "
		    "WIDTH=\"24\" HEIGHT=\"12\"> </TD><TD ALIGN=\"LEFT\">box: an organisation<BR "
		    "ALIGN=\"LEFT\"/>and its teams</TD></TR>");
		if (d->a->capped)   /* BOX_DEPTH: say that deeper ones have no box of their own */
			ADD("<TR><TD> </TD><TD ALIGN=\"LEFT\">boxes nest 8 deep: the teams<BR "
			    "ALIGN=\"LEFT\"/>of deeper ones sit in the 8th</TD></TR>");
		break;
	}
	ADD("</TABLE>");
	if (apart && !failed) {   /* the key in a box of its own */
		legend_html = html;
		html = NULL;
		len = cap = 0;
		ADD("<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>");
	}
	if (d->nkey) {
		/* the key: number -> label, in number order, in columns of equal length, of
		 * KEY_ROWS rows or fewer unless that needs more than four columns; on a
		 * page as key_rows says */
		size_t cols = (d->nkey + KEY_ROWS - 1) / KEY_ROWS, row = 0, rows;
		cols = cols > 4 ? 4 : cols;
		rows = (d->nkey + cols - 1) / cols;
		if (page && !failed) {
			size_t r = key_rows(d, apart, x - 40 - x_left, y_top - y_under, err);
			if (!r) {
				free(html);
				free(legend_html);
				return err->code ? err->code : RIPPLE_ENOMEM;
			}
			rows = r;
		}
		size_t *who = malloc((d->nkey + 1) * sizeof(*who));
		if (!who)
			failed = 1;
		for (size_t i = 0; who && i < d->a->n; i++)
			if (d->number[i])
				who[d->number[i] - 1] = i;
		for (size_t k = 0; who && k < d->nkey; k++) {
			char *label = ripple_gv_html_wrap(d->m->actors[who[k]].label, KEY_WRAP);
			if (!label) {
				failed = 1;
				break;
			}
			if (row == 0)
				ADD("%s<TD VALIGN=\"TOP\" CELLPADDING=\"%d\"><TABLE BORDER=\"0\" %s>",
				    apart && k == 0 ? "" : "</TD>", page ? KEY_COLUMN_PAD : 6,
				    page ? KEY_SPACING_PAGE : KEY_SPACING);
			if (k == 0)   /* over the number, the gap on a page, and the label */
				ADD("<TR><TD COLSPAN=\"%d\" ALIGN=\"LEFT\"><B>Key</B></TD></TR>",
				    page ? 3 : 2);
			ADD(KEY_ROW, k + 1, page ? KEY_GAP_PAGE : "", label);
			free(label);
			if (++row == rows || k + 1 == d->nkey) {
				ADD("</TABLE>");
				row = 0;
			}
		}
		free(who);
		ADD("</TD></TR></TABLE>");
	}
#undef HEAD
#undef SHOWN
#undef ADD
	if (failed) {
		free(html);
		free(legend_html);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	if (apart) {   /* the legend's top-left corner at x, y_top; the key's at x_left, y_under */
		double w, h;
		rc = ripple_gv_legend_size(&w, &h, legend_html, err);
		if (rc == RIPPLE_OK && (rc = ripple_gv_legend(g, legend_html, x + w / 2, y_top - h / 2)) < 0)
			ripple_error_set(err, rc, "", 0, 0, "out of memory");
		if (rc == RIPPLE_OK)
			rc = ripple_gv_legend_size(&w, &h, html, err);
		if (rc == RIPPLE_OK &&
		    (rc = ripple_gv_legend_named(g, "key", html, x_left + w / 2, y_under - h / 2)) < 0)
			ripple_error_set(err, rc, "", 0, 0, "out of memory");
	} else if (d->nkey) {   /* its top-left corner at x, y_top */
		double w, h;
		rc = ripple_gv_legend_size(&w, &h, html, err);
		if (rc == RIPPLE_OK && (rc = ripple_gv_legend(g, html, x + w / 2, y_top - h / 2)) < 0)
			ripple_error_set(err, rc, "", 0, 0, "out of memory");
	} else if ((rc = ripple_gv_legend(g, html, x + LEGEND_WIDTH / 2,
	                                  y_top - (d->c ? 150 : 90))) < 0) {
		ripple_error_set(err, rc, "", 0, 0, "out of memory");
	}
	free(html);
	free(legend_html);
	return rc;
}

/* The title's line for --show and --focus (escaped, malloc'd; NULL: out of memory). */
static char *filter_note(const drawing *d)
{
	static const struct { unsigned bit; const char *name; } kinds[] = {
		{ RIPPLE_SHOW_NEW, "new" }, { RIPPLE_SHOW_BRIDGING, "bridging" },
		{ RIPPLE_SHOW_LOST, "lost" }, { RIPPLE_SHOW_KEPT, "kept" },
		{ RIPPLE_SHOW_UNKNOWN, "unknown" }
	};
	char shown[128] = "";
	size_t len = 0;
	unsigned show = d->o->show;
	char *focus = d->o->focus ? ripple_gv_html(d->o->focus) : NULL, *note;

	if (d->o->focus && !focus)
		return NULL;
	if ((show & (RIPPLE_SHOW_NEW | RIPPLE_SHOW_BRIDGING)) == (RIPPLE_SHOW_NEW | RIPPLE_SHOW_BRIDGING)) {
		len += (size_t)snprintf(shown, sizeof(shown), "new (bridging or not)");
		show &= ~(unsigned)(RIPPLE_SHOW_NEW | RIPPLE_SHOW_BRIDGING);
	}
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (show & kinds[k].bit)
			len += (size_t)snprintf(shown + len, sizeof(shown) - len, "%s%s", len ? ", " : "",
			                        kinds[k].bit == RIPPLE_SHOW_NEW ? "new, not bridging"
			                                                        : kinds[k].name);
	note = ripple_strdupf("%s%s%s%s%s%s", d->o->show ? "drawn: " : "", d->o->show ? shown : "",
	                      d->o->show ? " ties only" : "", d->o->show && focus ? "; " : "",
	                      focus ? "focus: " : "", focus ? focus : "");
	if (note && focus) {
		char *more = ripple_strdupf("%s and the actors one tie from it (the rest grey)", note);
		free(note);
		note = more;
	}
	free(focus);
	return note;
}

static int set_title(Agraph_t *g, const drawing *d)
{
	const ripple_model *m = d->m;
	char *place = ripple_gv_html(m->name), *from = NULL, *to = ripple_gv_html(m->waves[d->wave].name);
	char *html;
	long ties = 0;

	if (d->c) {
		from = ripple_gv_html(m->waves[d->from].name);
		char unknown[64] = "";
		if (d->c->count[RIPPLE_TIE_UNKNOWN])
			snprintf(unknown, sizeof(unknown), ", %ld not known",
			         d->c->count[RIPPLE_TIE_UNKNOWN]);
		html = place && from && to
		       ? ripple_strdupf("<B>Change in the network: %s</B><BR/><FONT POINT-SIZE=\"12\">"
		                        "%s &#8594; %s: %ld new ties (%ld bridging), %ld lost, %ld kept%s"
		                        "</FONT>",
		                        place, from, to, d->c->count[RIPPLE_TIE_NEW], d->c->new_bridging,
		                        d->c->count[RIPPLE_TIE_LOST], d->c->count[RIPPLE_TIE_KEPT], unknown)
		       : NULL;
	} else {
		/* the actors of the wave's network, and who answered when the place says */
		char answered[96] = "";
		if (m->responses)
			snprintf(answered, sizeof(answered), " (%zu of %zu answered)", d->g->answered,
			         d->g->answered + d->g->missing);
		ties = (long)d->g->nedges;
		html = place && to
		       ? ripple_strdupf("<B>Network: %s</B><BR/><FONT POINT-SIZE=\"12\">wave %s: "
		                        "%zu actors%s, %ld ties</FONT>", place, to, d->g->nmembers,
		                        answered, ties)
		       : NULL;
	}
	free(place);
	free(from);
	free(to);
	if (html && (d->o->show || d->o->focus)) {
		char *note = filter_note(d), *both = note ? ripple_strdupf("%s<BR/><FONT POINT-SIZE="
		                                                           "\"12\">%s</FONT>", html, note)
		                                          : NULL;
		free(note);
		free(html);
		html = both;
	}
	if (!html)
		return RIPPLE_ENOMEM;
	ripple_gv_title(g, html);
	free(html);
	return RIPPLE_OK;
}

/* What the picture is fitted to before it is drawn. */
typedef struct frame {
	double *lw, *lh;                /* per actor: its label's size (points); owned */
	double *bb;                     /* per actor holding others: x0, y0, x1, y1 of the
	                                 * footprints of its members; owned */
	double minx, miny, maxx, maxy;  /* the largest extent any drawing of the place takes */
} frame;

/* The padding of organisation c's box: twice as much when it holds other boxes,
 * so theirs fit inside. */
static double cluster_pad(const nesting *a, size_t c)
{
	for (size_t j = 0; j < a->n; j++)
		if (a->has_children[j] && parent_of(a, j) == c)
			return 2 * CLUSTER_PAD;
	return CLUSTER_PAD;
}

/* Boxes from c down to its deepest box, c included: a box's name needs room
 * over the names of the boxes inside it too. O(actors * depth). */
static int boxes_down(const nesting *a, size_t c)
{
	int most = 0;

	for (size_t j = 0; j < a->n; j++)
		if (a->has_children[j] && parent_of(a, j) == c) {
			int k = boxes_down(a, j);
			most = k > most ? k : most;
		}
	return 1 + most;
}

/*
 * The room (points) organisation c's name (and the names of the boxes in it)
 * take over its members, in a box
 * width points wide: one line, 1.2 em high, a line for each box level; in *wrap the characters that fit
 * the width at 0.6 em a character (Helvetica's widest usual average), at
 * least ORG_WRAP_MIN (org_name shortens a longer name). One line, because a
 * second took Northamptonshire's change map off the slide (6.3 pt text).
 */
static double org_name_room(const drawing *d, size_t c, double width, int *wrap)
{
	double em = atof(d->o->page != RIPPLE_PAGE_NATURAL ? PAGE_LABEL_FONT : LABEL_FONT);
	int chars = (int)((width - 8) / (0.6 * em));

	*wrap = chars < ORG_WRAP_MIN ? ORG_WRAP_MIN : chars;
	return (1.2 * em + 3) * boxes_down(d->a, c);
}

/* label, or when longer than chars characters its first chars - 1 and an
 * ellipsis (cut at a character, not a byte). malloc'd; NULL when out of memory. */
static char *org_name(const char *label, int chars)
{
	size_t n = 0, cut = 0;

	for (const char *p = label; *p; p++)
		if ((*p & 0xC0) != 0x80 && ++n == (size_t)chars)
			cut = (size_t)(p - label);
	if (n <= (size_t)chars)
		return strdup(label);
	return ripple_strdupf("%.*s\xe2\x80\xa6", (int)cut, label);
}

/* 1 when boxes p and q (x0, y0, x1, y1) come closer than a point. */
static int boxes_meet(const double *p, const double *q)
{
	return p[0] < q[2] + 1 && q[0] < p[2] + 1 && p[1] < q[3] + 1 && q[1] < p[3] + 1;
}

/*
 * The footprints of every actor (circle and label, box[4 i ..]) with the
 * layout's positions scaled by k, and the organisation boxes around them
 * (cbox[4 c ..], padded); returns how many meet where they must not: two
 * actors, an actor and an organisation it is not in, two organisations
 * neither of which holds the other. O(actors^2).
 */
static size_t footprints(double *fp, double *cbox, const drawing *d, const frame *f, double kx,
                         double ky)
{
	const nesting *a = d->a;
	size_t bad = 0;

	for (size_t i = 0; i < a->n; i++) {
		cbox[4 * i] = cbox[4 * i + 1] = INFINITY;
		cbox[4 * i + 2] = cbox[4 * i + 3] = -INFINITY;
	}
	for (size_t i = 0; i < a->n; i++) {
		double x = d->l->x[i] * kx, y = d->l->y[i] * ky, r = d->rfoot[i];
		double half = fmax(r, f->lw[i] / 2), *b = &fp[4 * i];
		b[0] = x - half;
		b[1] = y - r - LABEL_GAP - f->lh[i];
		b[2] = x + half;
		b[3] = y + r;
		for (size_t p = a->has_children[i] ? i : parent_of(a, i); p != RIPPLE_NONE; p = parent_of(a, p)) {
			double *c = &cbox[4 * p];
			c[0] = fmin(c[0], b[0]); c[1] = fmin(c[1], b[1]);
			c[2] = fmax(c[2], b[2]); c[3] = fmax(c[3], b[3]);
		}
	}
	for (size_t c = 0; c < a->n; c++) {
		if (!a->has_children[c])
			continue;
		double pad = cluster_pad(a, c);
		cbox[4 * c] -= pad; cbox[4 * c + 1] -= pad;
		int wrap;
		cbox[4 * c + 2] += pad; cbox[4 * c + 3] += pad;
		cbox[4 * c + 3] += org_name_room(d, c, cbox[4 * c + 2] - cbox[4 * c], &wrap);
	}
	for (size_t i = 0; i < a->n; i++) {
		for (size_t j = i + 1; j < a->n; j++)
			bad += boxes_meet(&fp[4 * i], &fp[4 * j]);
		for (size_t c = 0; c < a->n; c++) {
			if (!a->has_children[c])
				continue;
			if (item_at(a, c, i) == RIPPLE_NONE && boxes_meet(&fp[4 * i], &cbox[4 * c]))
				bad++;
			if (a->has_children[i] && c > i && item_at(a, c, i) == RIPPLE_NONE &&
			    item_at(a, i, c) == RIPPLE_NONE && boxes_meet(&cbox[4 * i], &cbox[4 * c]))
				bad++;
		}
	}
	return bad;
}

#define COMPACT_STEP 0.02
#define COMPACT_MIN 0.2
#define COMPACT_MAX 2000   /* actors: more are drawn at the layout's spacing */

/*
 * For a page: the layout's positions drawn closer together, by the smallest
 * factor (down to COMPACT_MIN, in steps of COMPACT_STEP) before any two
 * footprints meet that did not at full size: the stored layout leaves room
 * for every full label, which a numbered actor does not need. Rests on the
 * layout, the largest circles and the labels chosen, none of which depends
 * on the wave, so every drawing of a place on one page moves alike. *out
 * gets x and y (owned); O(actors^2 / COMPACT_STEP), so not tried for more than
 * COMPACT_MAX actors.
 */
static int compact(ripple_layout *out, const drawing *d, const frame *f)
{
	size_t n = d->a->n;
	double *fp = malloc((4 * n + 4) * sizeof(*fp)), *cbox = malloc((4 * n + 4) * sizeof(*cbox));
	double kx = 1, ky = 1;
	int rc = RIPPLE_ENOMEM, moved = 1;

	if (!fp || !cbox || !(out->x = malloc((n + 1) * sizeof(*out->x))) ||
	    !(out->y = malloc((n + 1) * sizeof(*out->y))))
		goto done;
	if (n > COMPACT_MAX) {   /* O(actors^2) a try: a place this large keeps its spacing */
		kx = ky = 1;
		goto scale;
	}
	size_t allowed = footprints(fp, cbox, d, f, 1, 1);
	/* both ways alike while they can, then each way alone */
	while (kx - COMPACT_STEP >= COMPACT_MIN - 1e-9 &&
	       footprints(fp, cbox, d, f, kx - COMPACT_STEP, kx - COMPACT_STEP) <= allowed)
		kx -= COMPACT_STEP;
	ky = kx;
	while (moved) {
		moved = 0;
		if (kx - COMPACT_STEP >= COMPACT_MIN - 1e-9 &&
		    footprints(fp, cbox, d, f, kx - COMPACT_STEP, ky) <= allowed) {
			kx -= COMPACT_STEP;
			moved = 1;
		}
		if (ky - COMPACT_STEP >= COMPACT_MIN - 1e-9 &&
		    footprints(fp, cbox, d, f, kx, ky - COMPACT_STEP) <= allowed) {
			ky -= COMPACT_STEP;
			moved = 1;
		}
	}
scale:
	out->n = n;
	out->method = d->l->method;
	for (size_t i = 0; i < n; i++) {
		out->x[i] = d->l->x[i] * kx;
		out->y[i] = d->l->y[i] * ky;
	}
	rc = RIPPLE_OK;
done:
	free(fp);
	free(cbox);
	return rc;
}

#define PACK_MAX 400        /* top-level boxes and lone actors: more are not packed */
#define PACK_GAP 6.0        /* points between packed boxes */
#define PACK_CIRCLES 0.45   /* packed, circles to those drawn compact (PAGE_CIRCLES): at
                             * 0.6 the 150-actor place's A4 pages came to 6.7 pt */
#define PACK_TEXT 0.75      /* the scale a page draws at for 10-point text to be 7.5 pt */

/* The share of the page (width, height) the network itself aims at when
 * packed: the key of numbered actors and the legend take the rest, beside the
 * network on a landscape page or slide, under it on a portrait page
 * (add_legend). Tried on the 150-actor place: these gave its pictures the
 * largest text of the shares tried (0.45-0.62 wide, 0.45-0.9 high). */
static void pack_share(double pw, double ph, double *fw, double *fh)
{
	*fw = ph > pw ? 1.0 : 0.5;
	*fh = ph > pw ? 0.75 : 1.0;
}

#define PACK_SHRINK_MAX 600 /* actors: more are packed without drawing each box together */

/* Boxes bx[4 i ..] (x0, y0, x1, y1), each moved by at[2 i ..], pushed apart
 * until no two come closer than gap: a pair that does moves apart along the
 * axis it overlaps least, half each (the lower index first on a tie). Returns
 * 1 when they are apart within `passes` passes, else 0. O(n^2 * passes). */
static int push_apart(const double *bx, double *at, size_t n, double gap, int passes)
{
	for (int pass = 0; pass < passes; pass++) {
		int met = 0;
		for (size_t u = 0; u < n; u++)
			for (size_t v = u + 1; v < n; v++) {
				const double *p = &bx[4 * u], *q = &bx[4 * v];
				double ox = fmin(p[2] + at[2 * u], q[2] + at[2 * v]) -
				            fmax(p[0] + at[2 * u], q[0] + at[2 * v]) + gap;
				double oy = fmin(p[3] + at[2 * u + 1], q[3] + at[2 * v + 1]) -
				            fmax(p[1] + at[2 * u + 1], q[1] + at[2 * v + 1]) + gap;
				if (ox <= 0 || oy <= 0)
					continue;
				met = 1;
				int axis = ox < oy ? 0 : 1;
				double du = (p[axis] + p[axis + 2]) / 2 + at[2 * u + axis];
				double dv = (q[axis] + q[axis + 2]) / 2 + at[2 * v + axis];
				double push = (axis ? oy : ox) / 2 + 0.01, sign = du < dv ? -1 : 1;
				at[2 * u + axis] += sign * push;
				at[2 * v + axis] -= sign * push;
			}
		if (!met)
			return 1;
	}
	return 0;
}

/* 1 when the drawing's extent (footprints and boxes as fp and cbox hold them)
 * is over the network's share of the page at PACK_TEXT. */
static int packs(const drawing *d, const frame *f, const double *fp, const double *cbox)
{
	double pw, ph, fw, fh, x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

	(void)f;
	ripple_page_size((enum ripple_page)d->o->page, &pw, &ph);
	pack_share(pw, ph, &fw, &fh);
	for (size_t i = 0; i < d->a->n; i++) {
		const double *b = d->a->has_children[i] ? &cbox[4 * i] : &fp[4 * i];
		x0 = fmin(x0, b[0]); y0 = fmin(y0, b[1]);
		x1 = fmax(x1, b[2]); y1 = fmax(y1, b[3]);
	}
	return x1 - x0 > (pw - 2 * RIPPLE_PAGE_MARGIN) / PACK_TEXT * fw ||
	       y1 - y0 > ((ph - 2 * RIPPLE_PAGE_MARGIN) / PACK_TEXT - 60) * fh;
}

/* Each top-level box (top[u], u < nu; unit[i] the top-level box of actor i)
 * drawn together about its middle: its members' positions brought in by a
 * factor k (from 1 down to COMPACT_MIN in steps of COMPACT_STEP). A box whose
 * members are all directly in it has their footprints then pushed apart
 * (push_apart, 2 points) and takes the k that leaves it the smallest area; a
 * box holding other boxes takes the smallest k before any footprints or boxes
 * meet that did not. Moves l's x and y in place; fp and cbox are scratch.
 * O(boxes * steps * actors^2). */
static int shrink_units(ripple_layout *l, const drawing *d, const frame *f, double *fp,
                        double *cbox, const size_t *top, size_t nu, const size_t *unit)
{
	size_t n = d->a->n, allowed = footprints(fp, cbox, d, f, 1, 1);
	double *keep = malloc(2 * (n + 1) * sizeof(*keep)), *mb = malloc(4 * (n + 1) * sizeof(*mb));
	double *at = malloc(2 * (n + 1) * sizeof(*at)), *best = malloc(2 * (n + 1) * sizeof(*best));
	size_t *mem = malloc((n + 1) * sizeof(*mem));
	int rc = RIPPLE_ENOMEM;

	if (!keep || !mb || !at || !best || !mem)
		goto done;
	for (size_t u = 0; u < nu; u++) {
		size_t t = top[u], m = 0;
		double cx = 0, cy = 0, least = INFINITY;
		int flat = 1;
		if (!d->a->has_children[t])
			continue;
		for (size_t i = 0; i < n; i++)
			if (unit[i] == t) {
				mem[m++] = i;
				cx += l->x[i];
				cy += l->y[i];
				keep[2 * i] = l->x[i];
				keep[2 * i + 1] = l->y[i];
				flat &= i == t || (parent_of(d->a, i) == t && !d->a->has_children[i]);
			}
		cx /= (double)m;
		cy /= (double)m;
		for (double k = 1; k >= COMPACT_MIN - 1e-9; k -= COMPACT_STEP) {
			for (size_t j = 0; j < m; j++) {
				size_t i = mem[j];
				l->x[i] = cx + (keep[2 * i] - cx) * k;
				l->y[i] = cy + (keep[2 * i + 1] - cy) * k;
			}
			if (!flat) {
				if (footprints(fp, cbox, d, f, 1, 1) > allowed)
					break;
				least = k;
				continue;
			}
			for (size_t j = 0; j < m; j++) {   /* each member's circle and label */
				size_t i = mem[j];
				double r = d->rfoot[i], half = fmax(r, f->lw[i] / 2);
				mb[4 * j] = l->x[i] - half;
				mb[4 * j + 1] = l->y[i] - r - LABEL_GAP - f->lh[i];
				mb[4 * j + 2] = l->x[i] + half;
				mb[4 * j + 3] = l->y[i] + r;
				at[2 * j] = at[2 * j + 1] = 0;
			}
			if (!push_apart(mb, at, m, 2, 200))
				continue;
			double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
			for (size_t j = 0; j < m; j++) {
				x0 = fmin(x0, mb[4 * j] + at[2 * j]);
				y0 = fmin(y0, mb[4 * j + 1] + at[2 * j + 1]);
				x1 = fmax(x1, mb[4 * j + 2] + at[2 * j]);
				y1 = fmax(y1, mb[4 * j + 3] + at[2 * j + 1]);
			}
			/* the box's area, its padding and name included */
			double area = (x1 - x0 + 2 * CLUSTER_PAD) * (y1 - y0 + 2 * CLUSTER_PAD + 20);
			if (area < least - 1e-6) {
				least = area;
				best[0] = k;
				for (size_t j = 0; j < m; j++) {
					best[2 * j + 2] = at[2 * j];
					best[2 * j + 3] = at[2 * j + 1];
				}
			}
		}
		for (size_t j = 0; j < m; j++) {   /* the chosen k, and pushes */
			size_t i = mem[j];
			double k = flat ? (isfinite(least) ? best[0] : 1) : (isfinite(least) ? least : 1);
			l->x[i] = cx + (keep[2 * i] - cx) * k + (flat && isfinite(least) ? best[2 * j + 2] : 0);
			l->y[i] = cy + (keep[2 * i + 1] - cy) * k + (flat && isfinite(least) ? best[2 * j + 3] : 0);
		}
	}
	rc = RIPPLE_OK;
done:
	free(keep);
	free(mb);
	free(at);
	free(best);
	free(mem);
	return rc;
}


/* ubox (see pack) sorted by: the higher centre first (y grows upwards), then
 * the lower index */
static const double *shelf_boxes;

static int by_height_on_page(const void *x, const void *y)
{
	size_t u = *(const size_t *)x, v = *(const size_t *)y;
	double cu = shelf_boxes[4 * u + 1] + shelf_boxes[4 * u + 3];
	double cv = shelf_boxes[4 * v + 1] + shelf_boxes[4 * v + 3];
	return cu > cv ? -1 : cu < cv ? 1 : (u > v) - (u < v);
}

static int by_left(const void *x, const void *y)
{
	size_t u = *(const size_t *)x, v = *(const size_t *)y;
	double cu = shelf_boxes[4 * u] + shelf_boxes[4 * u + 2];
	double cv = shelf_boxes[4 * v] + shelf_boxes[4 * v + 2];
	return cu < cv ? -1 : cu > cv ? 1 : (u > v) - (u < v);
}

/*
 * The units' boxes (ubox, nu of them) set in rows: taken top to bottom into
 * `rows` rows of as many each (the first rows one more when they do not share
 * evenly), each row left to right, gap apart, the rows gap apart under each
 * other, each centred on the widest. at[2 u ..] gets how far each box moves;
 * *w and *h the extent. order is scratch of nu. O(nu log nu).
 */
static void shelf_pack(const double *ubox, size_t nu, size_t rows, double gap, double *at,
                       size_t *order, double *w, double *h)
{
	double y = 0, widest = 0;

	for (size_t u = 0; u < nu; u++)
		order[u] = u;
	shelf_boxes = ubox;
	qsort(order, nu, sizeof(*order), by_height_on_page);
	for (int pass = 0; pass < 2; pass++) {   /* widths, then centred */
		y = 0;
		for (size_t r = 0, start = 0; r < rows; r++) {
			size_t count = nu / rows + (r < nu % rows), *row = order + start;
			double x = 0, tall = 0;
			qsort(row, count, sizeof(*row), by_left);
			for (size_t j = 0; j < count; j++)
				x += ubox[4 * row[j] + 2] - ubox[4 * row[j]] + (j ? gap : 0);
			widest = pass ? widest : fmax(widest, x);
			double left = pass ? (widest - x) / 2 : 0;
			for (size_t j = 0; j < count; j++) {
				const double *b = &ubox[4 * row[j]];
				tall = fmax(tall, b[3] - b[1]);
			}
			for (size_t j = 0; j < count; j++) {
				const double *b = &ubox[4 * row[j]];
				at[2 * row[j]] = left - b[0];
				at[2 * row[j] + 1] = -y - tall / 2 - (b[3] + b[1]) / 2;   /* row's middle */
				left += b[2] - b[0] + gap;
			}
			y += tall + gap;
			start += count;
		}
	}
	shelf_boxes = NULL;
	*w = widest;
	*h = y - gap;
}

/*
 * For a page, when the network drawn together (compact) is still too large
 * to be drawn at PACK_TEXT on its share of the page (pack_share): the
 * top-level organisation boxes (with all inside them, unchanged) and lone
 * actors are moved as wholes, their centres drawn towards the middle by the
 * largest factor (from 1 in steps of COMPACT_STEP) that, once any boxes that
 * then meet are pushed apart (along the axis they overlap least, half each),
 * fits the share; or the smallest when none does. Rests on the layout, the
 * circles and labels chosen and the page, not on the wave, so every drawing
 * of a place on one page moves alike. Moves l's x and y in place.
 * O(units^2 * passes * steps); skipped above PACK_MAX units.
 */
static int pack(ripple_layout *l, const drawing *d, const frame *f)
{
	const nesting *a = d->a;
	size_t n = a->n, nu = 0;
	double *fp = malloc((4 * n + 4) * sizeof(*fp)), *cbox = malloc((4 * n + 4) * sizeof(*cbox));
	size_t *unit = malloc((n + 1) * sizeof(*unit)), *top = malloc((n + 1) * sizeof(*top));
	double *ubox = NULL, *at = NULL, *best = NULL;
	double pw, ph, fw, fh, tw, th, cx = 0, cy = 0, bestext = INFINITY;
	int rc = RIPPLE_ENOMEM;

	if (!fp || !cbox || !unit || !top)
		goto done;
	ripple_page_size((enum ripple_page)d->o->page, &pw, &ph);
	pack_share(pw, ph, &fw, &fh);
	tw = (pw - 2 * RIPPLE_PAGE_MARGIN) / PACK_TEXT * fw;
	th = ((ph - 2 * RIPPLE_PAGE_MARGIN) / PACK_TEXT - 60) * fh;   /* 60: the title */
	footprints(fp, cbox, d, f, 1, 1);
	for (size_t i = 0; i < n; i++) {   /* each actor's top-level ubox, or itself */
		size_t t = i;
		while (parent_of(a, t) != RIPPLE_NONE)
			t = parent_of(a, t);
		if (t == i)
			top[nu++] = i;
		unit[i] = t;
	}
	rc = RIPPLE_OK;
	if (nu < 2 || nu > PACK_MAX)
		goto done;
	if (!packs(d, f, fp, cbox))
		goto done;   /* fits its share as compact left it */
	rc = RIPPLE_ENOMEM;
	if (n <= PACK_SHRINK_MAX && shrink_units(l, d, f, fp, cbox, top, nu, unit) < 0)
		goto done;
	footprints(fp, cbox, d, f, 1, 1);
	if (!(ubox = malloc(4 * nu * sizeof(*ubox))) || !(at = malloc(2 * nu * sizeof(*at))) ||
	    !(best = malloc(2 * nu * sizeof(*best))))
		goto done;
	for (size_t u = 0; u < nu; u++) {
		const double *b = a->has_children[top[u]] ? &cbox[4 * top[u]] : &fp[4 * top[u]];
		memcpy(&ubox[4 * u], b, 4 * sizeof(*b));
		cx += (b[0] + b[2]) / 2 / (double)nu;
		cy += (b[1] + b[3]) / 2 / (double)nu;
	}
	for (double k = 1; k > COMPACT_STEP / 2; k -= COMPACT_STEP) {
		double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
		for (size_t u = 0; u < nu; u++) {   /* at[]: how far each unit moves */
			const double *b = &ubox[4 * u];
			at[2 * u] = (cx + ((b[0] + b[2]) / 2 - cx) * k) - (b[0] + b[2]) / 2;
			at[2 * u + 1] = (cy + ((b[1] + b[3]) / 2 - cy) * k) - (b[1] + b[3]) / 2;
		}
		int met = !push_apart(ubox, at, nu, PACK_GAP, 500);
		for (size_t u = 0; u < nu; u++) {
			x0 = fmin(x0, ubox[4 * u] + at[2 * u]);
			y0 = fmin(y0, ubox[4 * u + 1] + at[2 * u + 1]);
			x1 = fmax(x1, ubox[4 * u + 2] + at[2 * u]);
			y1 = fmax(y1, ubox[4 * u + 3] + at[2 * u + 1]);
		}
		/* how far over its share the network is, by the worse way */
		double over = fmax((x1 - x0) / tw, (y1 - y0) / th);
		if (k == 1 && over <= 1) {
			rc = RIPPLE_OK;   /* fits as it is: not moved */
			goto done;
		}
		if (met)
			continue;   /* not pushed apart in time: not drawn */
		if (over < bestext) {
			bestext = over;
			memcpy(best, at, 2 * nu * sizeof(*at));
		}
		if (over <= 1)
			break;
	}
	/* the units set in rows instead, when that fits the share better */
	size_t *order = malloc((nu + 1) * sizeof(*order));
	if (!order)
		goto done;
	for (size_t rows = 1; rows <= nu; rows++) {
		double w, h;
		shelf_pack(ubox, nu, rows, PACK_GAP, at, order, &w, &h);
		double over = fmax(w / tw, h / th);
		if (over < bestext - 1e-9) {
			bestext = over;
			memcpy(best, at, 2 * nu * sizeof(*at));
		}
	}
	free(order);
	if (!isfinite(bestext)) {
		rc = RIPPLE_OK;   /* never apart: left as compact drew it */
		goto done;
	}
	/* moved, with the lower left corner of all kept where it was, as the
	 * picture's extent (frame_measure) starts at the layout's origin */
	double mx0 = INFINITY, my0 = INFINITY, nx0 = INFINITY, ny0 = INFINITY;
	for (size_t u = 0; u < nu; u++) {
		mx0 = fmin(mx0, ubox[4 * u]);
		my0 = fmin(my0, ubox[4 * u + 1]);
		nx0 = fmin(nx0, ubox[4 * u] + best[2 * u]);
		ny0 = fmin(ny0, ubox[4 * u + 1] + best[2 * u + 1]);
	}
	for (size_t i = 0; i < n; i++) {
		size_t u = 0;
		while (top[u] != unit[i])
			u++;
		l->x[i] += best[2 * u] + mx0 - nx0;
		l->y[i] += best[2 * u + 1] + my0 - ny0;
	}
	rc = RIPPLE_OK;
done:
	free(fp);
	free(cbox);
	free(unit);
	free(top);
	free(ubox);
	free(at);
	free(best);
	return rc;
}

/* How many labelled actors' footprints (circle and label) meet another
 * actor's footprint, or a box they are not in, at the positions drawn (d->l):
 * a label drawn over a neighbour or a box's name. O(actors^2). */
static size_t label_clashes(const drawing *d, const frame *f)
{
	const nesting *a = d->a;
	size_t n = a->n, bad = 0;
	double *fp = malloc((4 * n + 4) * sizeof(*fp)), *cbox = malloc((4 * n + 4) * sizeof(*cbox));

	if (!fp || !cbox) {
		free(fp);
		free(cbox);
		return 0;
	}
	footprints(fp, cbox, d, f, 1, 1);
	for (size_t i = 0; i < n; i++) {
		if (d->number[i])
			continue;   /* numbered: its number is no wider than its circle */
		for (size_t j = 0; j < n; j++)
			if (j != i && boxes_meet(&fp[4 * i], &fp[4 * j]))
				bad++;
		for (size_t c = 0; c < n; c++)
			if (a->has_children[c] && item_at(a, c, i) == RIPPLE_NONE &&
			    boxes_meet(&fp[4 * i], &cbox[4 * c]))
				bad++;
	}
	free(fp);
	free(cbox);
	return bad;
}

/* Measures the labels; for a page draws the layout together (compact, into
 * *scaled, which d->l then points at); then the organisation boxes and the
 * extent from the footprints of every actor at its largest circle, so they
 * are the same in every drawing of the place. The caller frees f's arrays. */
static int frame_measure(frame *f, drawing *d, ripple_layout *scaled, ripple_error *err)
{
	const nesting *a = d->a;
	const ripple_layout *l;
	int rc;

	memset(f, 0, sizeof(*f));
	f->lw = calloc(a->n + 1, sizeof(*f->lw));
	f->lh = calloc(a->n + 1, sizeof(*f->lh));
	f->bb = malloc((4 * a->n + 4) * sizeof(*f->bb));
	if (!f->lw || !f->lh || !f->bb)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if ((rc = ripple_gv_measure(f->lw, f->lh, add_labels, d, "l", a->n, err)) < 0)
		return rc;
	if (d->o->page != RIPPLE_PAGE_NATURAL) {
		if (compact(scaled, d, f) < 0)
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		d->l = scaled;
		if (d->pack && pack(scaled, d, f) < 0)
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	l = d->l;
	for (size_t i = 0; i < a->n; i++) {
		f->bb[4 * i] = f->bb[4 * i + 1] = INFINITY;
		f->bb[4 * i + 2] = f->bb[4 * i + 3] = -INFINITY;
	}
	for (size_t i = 0; i < a->n; i++) {
		double r = d->rfoot[i], half = fmax(r, f->lw[i] / 2);
		double x0 = l->x[i] - half, x1 = l->x[i] + half;
		double y0 = l->y[i] - r - LABEL_GAP - f->lh[i], y1 = l->y[i] + r;
		f->maxx = fmax(f->maxx, x1);
		f->maxy = fmax(f->maxy, y1);
		f->minx = fmin(f->minx, x0);
		f->miny = fmin(f->miny, y0);
		for (size_t p = a->has_children[i] ? i : parent_of(a, i); p != RIPPLE_NONE; p = parent_of(a, p)) {
			double *b = &f->bb[4 * p];
			b[0] = fmin(b[0], x0); b[1] = fmin(b[1], y0);
			b[2] = fmax(b[2], x1); b[3] = fmax(b[3], y1);
		}
	}
	for (size_t c = 0; c < a->n; c++)   /* a box's name over its members */
		if (a->has_children[c]) {
			int wrap;
			double pad = cluster_pad(a, c);
			f->maxy = fmax(f->maxy, f->bb[4 * c + 3] + pad - 4 * CLUSTER_PAD +
			               org_name_room(d, c, f->bb[4 * c + 2] - f->bb[4 * c] + 2 * pad, &wrap));
		}
	return RIPPLE_OK;
}

/* Adds every actor's node "a<i>" inside the cluster of its organisation, and
 * each cluster's box around its members' footprints (bb). */
static int add_organisations(Agraph_t *g, const drawing *d, const double *bb)
{
	const nesting *a = d->a;
	Agraph_t **made = calloc(a->n + 1, sizeof(*made));
	int rc = made ? RIPPLE_OK : RIPPLE_ENOMEM;

	for (size_t i = 0; rc == RIPPLE_OK && i < a->n; i++) {
		Agraph_t *sub = cluster_of(g, a, i, made);
		if (!sub || !ripple_gv_node(sub, "a", i, 1))
			rc = RIPPLE_ENOMEM;
	}
	for (size_t i = 0; rc == RIPPLE_OK && i < a->n; i++) {
		if (!made[i])
			continue;
		double pad = cluster_pad(a, i);
		int wrap;
		double room = org_name_room(d, i, bb[4 * i + 2] - bb[4 * i] + 2 * pad, &wrap);
		char id[32];
		snprintf(id, sizeof(id), "org%zu", i);
		ripple_gv_set(made[i], "id", id);
		ripple_gv_set(made[i], "class", "organisation");
		/* a box inside another is white with a dashed edge, so both can be told apart */
		int nested = parent_of(a, i) != RIPPLE_NONE;
		ripple_gv_set(made[i], "style", nested ? "rounded,filled,dashed" : "rounded,filled");
		ripple_gv_set(made[i], "fillcolor", nested ? "#FFFFFF" : "#F2F2F2");
		ripple_gv_set(made[i], "color", "#BBBBBB");
		/* named at its top edge, left, at the actors' label size, shortened to the box */
		char *name = org_name(d->m->actors[i].label, wrap);
		if (!name || ripple_gv_set_text(made[i], "label", name, 0) < 0 ||
		    ripple_gv_set_tooltip(made[i], d->m->actors[i].label) < 0) {
			free(name);
			rc = RIPPLE_ENOMEM;
			break;
		}
		free(name);
		ripple_gv_set(made[i], "labelloc", "t");
		ripple_gv_set(made[i], "labeljust", "l");
		ripple_gv_set(made[i], "fontcolor", "#444444");
		ripple_gv_set(made[i], "fontsize", d->o->page != RIPPLE_PAGE_NATURAL ? PAGE_LABEL_FONT
		                                                                     : LABEL_FONT);
		ripple_gv_setf(made[i], "bb", "%.2f,%.2f,%.2f,%.2f", bb[4 * i] - pad, bb[4 * i + 1] - pad,
		               bb[4 * i + 2] + pad, bb[4 * i + 3] + pad + room);
	}
	free(made);
	return rc;
}

#define ATTENDEE_GAP 3.2   /* from an actor's circle to its attendee ring, points */
static const char *const attendee_look[] = {
	"class", "attendee-ring", "shape", "circle", "fixedsize", "true", "label", "",
	"style", "solid", "color", RIPPLE_MARK_COLOUR, "penwidth", "1.8", "tooltip", "attended", NULL
};

/* Rings attendee i: node "att<i>", an unfilled circle ATTENDEE_GAP points
 * outside its circle (and outside a double ring), inside the room RING keeps. */
static int add_attendee_ring(Agraph_t *g, const drawing *d, size_t i)
{
	Agnode_t *n = ripple_gv_node(g, "att", i, 1);

	if (!n)
		return RIPPLE_ENOMEM;
	ripple_gv_setf(n, "id", "attendee%zu", i);
	ripple_gv_set_all(n, attendee_look);
	ripple_gv_setf(n, "width", "%.3f", 2 * (d->radius[i] + ATTENDEE_GAP) / 72.0);
	ripple_gv_pos(n, d->l->x[i], d->l->y[i]);
	return RIPPLE_OK;
}

/* Gives every actor's node its circle, sized, coloured by sector, with a tooltip;
 * attendees ringed. */
static int add_circles(Agraph_t *g, const drawing *d)
{
	for (size_t i = 0; i < d->a->n; i++) {
		Agnode_t *n = ripple_gv_node(g, "a", i, 0);
		const ripple_actor *actor = &d->m->actors[i];
		char id[32], *tip;
		int first = d->c && d->c->first_connected[i], rc;
		snprintf(id, sizeof(id), "actor%zu", i);
		ripple_gv_set(n, "id", id);
		ripple_gv_set(n, "class", first ? "actor first-connected" : "actor");
		ripple_gv_set(n, "shape", "circle");
		ripple_gv_set(n, "fixedsize", "true");
		ripple_gv_set(n, "label", "");
		ripple_gv_setf(n, "width", "%.3f", 2 * d->radius[i] / 72.0);
		/* who did not answer has a dashed outline, who was not part of the place a dotted one */
		switch (drawn_response(d, i)) {
		case RIPPLE_RESPONSE_MISSING:
			ripple_gv_set(n, "style", "filled,dashed");
			break;
		case RIPPLE_RESPONSE_ABSENT:
			ripple_gv_set(n, "style", "filled,dotted");
			break;
		default:
			ripple_gv_set(n, "style", "filled");
		}
		ripple_gv_set(n, "fillcolor", sector_colour(d, actor->sector));
		ripple_gv_set(n, "color", first ? "#000000" : "#444444");
		ripple_gv_set(n, "penwidth", first || drawn_response(d, i) != RIPPLE_RESPONSE_ANSWERED
		                             ? "1.6" : "0.8");
		if (first)
			ripple_gv_set(n, "peripheries", "2");
		tip = ripple_strdupf("%s%s%s%s%s", actor->label, *actor->sector ? " | " : "",
		                     actor->sector, *actor->town ? " | " : "", actor->town);
		rc = tip ? ripple_gv_set_tooltip(n, tip) : RIPPLE_ENOMEM;
		free(tip);
		if (rc < 0)
			return rc;
		ripple_gv_pos(n, d->l->x[i], d->l->y[i]);
		if (actor->attended == 1 && add_attendee_ring(g, d, i) < 0)
			return RIPPLE_ENOMEM;
	}
	return RIPPLE_OK;
}

static const char *const corner_look[] = {
	"shape", "point", "style", "invis", "width", "0.01", NULL
};

/* How many of the n boxes in taken box b (x0, y0, x1, y1) meets. */
static size_t box_meets(const double *b, const double *taken, size_t n)
{
	size_t meets = 0;

	for (size_t k = 0; k < n; k++)
		meets += boxes_meet(b, &taken[4 * k]);
	return meets;
}

/*
 * Change map: the number of each new tie a ripple rests on (d->tieno), as
 * node "tn<k>" on the tie, at the first of its points 1/2, 0.45, 0.55 ...
 * 0.15, 0.85 of the way along (on the tie, then one and two number heights
 * beside it either side) where it meets no actor's circle or label, no
 * organisation's name and no number placed before (else where it meets fewest).
 * Rests on the layout and the labels only, so it is the same in every
 * drawing of the place on one page. O(numbered * (actors + numbered)).
 */
static int add_tie_numbers(Agraph_t *g, const drawing *d, const frame *f)
{
	static const double along[] = { 0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25,
	                                0.75, 0.2, 0.8, 0.15, 0.85 };
#define NALONG (sizeof(along) / sizeof(along[0]))
	const ripple_layout *l = d->l;
	size_t n = d->a->n, nt = 0;
	double em = atof(d->o->page != RIPPLE_PAGE_NATURAL ? PAGE_LABEL_FONT : LABEL_FONT);
	double *taken;

	if (!d->tieno)
		return RIPPLE_OK;
	if (!(taken = malloc((8 * n + 4 * d->c->nties + 4) * sizeof(*taken))))
		return RIPPLE_ENOMEM;
	for (size_t i = 0; i < n; i++) {   /* each actor's circle and label, each box's name */
		double *b = &taken[4 * nt++], r = d->radius[i] + RING;
		b[0] = l->x[i] - fmax(r, f->lw[i] / 2);
		b[1] = l->y[i] - r - LABEL_GAP - f->lh[i];
		b[2] = l->x[i] + fmax(r, f->lw[i] / 2);
		b[3] = l->y[i] + r;
		if (d->a->has_children[i]) {
			double pad = cluster_pad(d->a, i), *c = &taken[4 * nt++];
			int wrap;
			c[0] = f->bb[4 * i] - pad;
			c[2] = f->bb[4 * i + 2] + pad;
			c[1] = f->bb[4 * i + 3] + pad;
			c[3] = c[1] + org_name_room(d, i, c[2] - c[0], &wrap);
		}
	}
	for (size_t k = 0; k < d->c->nties; k++) {
		if (!d->tieno[k] || !tie_shown(d->o->show, &d->c->ties[k]))
			continue;
		const ripple_tie_change *t = &d->c->ties[k];
		char text[32];
		int digits = snprintf(text, sizeof(text), "%zu", d->tieno[k]);
		double hw = 0.35 * em * digits + 2, hh = 0.6 * em + 1, *b = &taken[4 * nt];
		double dx = l->x[t->b] - l->x[t->a], dy = l->y[t->b] - l->y[t->a];
		double len = fmax(hypot(dx, dy), 1e-9), side = 2 * hh + 1, best[4];
		size_t fewest = (size_t)-1;
		for (size_t p = 0; p < 5 * NALONG && fewest; p++) {
			/* on the tie, then beside it on one side and the other, then further */
			static const double sides[] = { 0, 1, -1, 2, -2 };
			double off = sides[p / NALONG] * side;
			double x = l->x[t->a] + along[p % NALONG] * dx - off * dy / len;
			double y = l->y[t->a] + along[p % NALONG] * dy + off * dx / len;
			b[0] = x - hw; b[1] = y - hh; b[2] = x + hw; b[3] = y + hh;
			size_t meets = box_meets(b, taken, nt);
			if (meets < fewest) {   /* nowhere free: where it meets fewest */
				fewest = meets;
				memcpy(best, b, sizeof(best));
			}
		}
		memcpy(b, best, sizeof(best));
		nt++;
		Agnode_t *node = ripple_gv_node(g, "tn", k, 1);
		if (!node || ripple_gv_plain(node, text, 0, d->o->page != RIPPLE_PAGE_NATURAL
		                             ? PAGE_LABEL_FONT : LABEL_FONT, "0.01") < 0) {
			free(taken);
			return RIPPLE_ENOMEM;
		}
		ripple_gv_setf(node, "id", "tieno%zu", k);
		ripple_gv_set(node, "class", "tie-number");
		ripple_gv_set(node, "style", "filled");
		ripple_gv_set(node, "fillcolor", "#FFFFFF");
		ripple_gv_set(node, "fontcolor", BRIDGING_COLOUR);
		ripple_gv_setf(node, "tooltip", "new tie %zu: a ripple rests on it", d->tieno[k]);
		ripple_gv_pos(node, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
	}
	free(taken);
	return RIPPLE_OK;
#undef NALONG
}

/* Draws the picture into g: clusters (with their boxes), circles, labels, ties, legend. */
static int draw_network(Agraph_t *g, const drawing *d, const frame *f, ripple_error *err)
{
	const ripple_layout *l = d->l;
	/* the corners' margin: on a page as little as keeps the boxes' edges */
	double pad = d->o->page != RIPPLE_PAGE_NATURAL ? CLUSTER_PAD : 4 * CLUSTER_PAD;
	int rc;

	if (add_organisations(g, d, f->bb) < 0 || add_circles(g, d) < 0 || add_labels(g, d) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < d->a->n; i++)
		ripple_gv_pos(ripple_gv_node(g, "l", i, 0), l->x[i],
		              l->y[i] - d->radius[i] - LABEL_GAP - f->lh[i] / 2);
	/* two invisible corners at the largest extent any drawing of the place can
	 * take (every circle at its largest, with a double ring), so the picture's
	 * frame, and with it every coordinate, is the same in each drawing */
	for (int k = 0; k < 2; k++) {
		Agnode_t *n = agnode(g, k ? "corner_max" : "corner_min", 1);
		if (!n)
			return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		ripple_gv_set_all(n, corner_look);
		ripple_gv_pos(n, k ? f->maxx + pad : f->minx - pad, k ? f->maxy + pad : f->miny - pad);
	}
	if (add_edges(g, d) < 0 || add_tie_numbers(g, d, f) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	double gap = d->o->page != RIPPLE_PAGE_NATURAL ? LEGEND_GAP_PAGE : LEGEND_GAP;
	if ((rc = add_legend(g, d, f->maxx + gap, f->maxy, f->minx - pad, f->miny - pad - 16,
	                     err)) < 0)
		return rc;
	if (set_title(g, d) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if (d->focus)
		fade_unfocused(g, d);
	return RIPPLE_OK;
}

/* Builds the finished picture as *out (the caller closes it), opened once the
 * labels are measured: Graphviz's first layout sets defaults that graphs
 * opened later take. */
static int build(Agraph_t **out, drawing *d, ripple_error *err)
{
	const ripple_layout *given = d->l;
	ripple_layout scaled;
	frame f;
	int rc;

	memset(&scaled, 0, sizeof(scaled));
	rc = frame_measure(&f, d, &scaled, err);
	if (rc == RIPPLE_OK)
		d->clashes = d->o->page != RIPPLE_PAGE_NATURAL ? label_clashes(d, &f) : 0;
	if (rc == RIPPLE_OK && !(*out = ripple_gv_graph("network", d->m->directed)))
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if (rc == RIPPLE_OK)
		rc = draw_network(*out, d, &f, err);
	d->l = given;
	free(scaled.x);
	free(scaled.y);
	free(f.lw);
	free(f.lh);
	free(f.bb);
	return rc;
}

/*
 * For a page: when the layout is taller than wide and the page is landscape
 * (or wider than tall on a portrait page), *out gets its positions turned a
 * quarter (x, y) -> (y, -x), so the drawing lies along the page and can be
 * drawn larger; else *out is left empty. The choice rests on the layout and
 * the page alone, so every drawing of a place on one page turns alike and an
 * actor keeps its spot across them. Only x and y of *out are set (owned).
 */
static int turned(ripple_layout *out, const ripple_layout *l, int page)
{
	double pw, ph, x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

	ripple_page_size((enum ripple_page)page, &pw, &ph);
	for (size_t i = 0; i < l->n; i++) {
		x0 = fmin(x0, l->x[i]);
		x1 = fmax(x1, l->x[i]);
		y0 = fmin(y0, l->y[i]);
		y1 = fmax(y1, l->y[i]);
	}
	if (l->n < 2 || ((y1 - y0) > (x1 - x0)) == (ph > pw))
		return RIPPLE_OK;
	if (!(out->x = malloc(l->n * sizeof(*out->x))) || !(out->y = malloc(l->n * sizeof(*out->y))))
		return RIPPLE_ENOMEM;
	*out = (ripple_layout){ .n = l->n, .x = out->x, .y = out->y, .method = l->method };
	for (size_t i = 0; i < l->n; i++) {
		out->x[i] = l->y[i] - y0;
		out->y[i] = x1 - l->x[i];
	}
	return RIPPLE_OK;
}

/* ---- small multiples ---------------------------------------------------------- */

#define SM_RMIN 2.0          /* circle radius of an actor with no tie at a wave, points */
#define SM_RMAX 6.5          /* ... with the most ties of any actor at any wave */
#define SM_FONT "8"          /* labels and numbers of the small pictures */
#define SM_TITLE_FONT "10"   /* each small picture's title */
#define SM_GAP 14.0          /* between small pictures, points */
#define SM_LEGEND 150.0      /* room the legend takes at the right, points */
#define SM_CHART 96.0        /* room the chart of ties per wave takes under them */
#define SM_ADVICE "try --labels none (the small pictures unlabelled), fewer waves " \
	"(--waves W1,W2,...), a larger page (--page slide is the widest) or --page natural"

/* The legend of small multiples: sectors, sizes, ties (escaped HTML, malloc'd). */
static char *multiples_legend(const drawing *d)
{
	char *html = ripple_strdupf("<TABLE BORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">"
	                            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Sector</B></TD></TR>");

	for (size_t k = 0; html && k <= d->nsectors && k <= RIPPLE_SECTOR_COLOURS; k++) {
		int other = k == d->nsectors || k == RIPPLE_SECTOR_COLOURS;
		if (other && !d->no_sector && d->nsectors <= RIPPLE_SECTOR_COLOURS)
			break;
		char *name = other ? strdup(d->nsectors > RIPPLE_SECTOR_COLOURS ? "other or not given"
		                                                                 : "not given")
		                   : ripple_gv_html(d->sectors[k]);
		char *more = name ? ripple_strdupf("%s<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" WIDTH=\"14\" "
		                                   "HEIGHT=\"10\"> </TD><TD ALIGN=\"LEFT\">%s</TD></TR>",
		                                   html, other ? RIPPLE_NO_SECTOR_COLOUR
		                                               : ripple_sector_colour(k), name)
		                  : NULL;
		free(name);
		free(html);
		html = more;
	}
	if (html) {
		char *more = ripple_strdupf("%s<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Size</B></TD></TR>"
		                            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">area: ties of the actor"
		                            "<BR ALIGN=\"LEFT\"/>at that wave</TD></TR>"
		                            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Ties</B></TD></TR>"
		                            "<TR><TD BGCOLOR=\"" TIE_COLOUR "\" WIDTH=\"20\" HEIGHT=\"2\">"
		                            "</TD><TD ALIGN=\"LEFT\">a tie at that wave</TD></TR>"
		                            "<TR><TD BGCOLOR=\"" NEW_COLOUR "\" WIDTH=\"20\" HEIGHT=\"3\">"
		                            "</TD><TD ALIGN=\"LEFT\">new since the<BR ALIGN=\"LEFT\"/>"
		                            "wave before</TD></TR></TABLE>", html);
		free(html);
		html = more;
	}
	return html;
}

/* 1 when actors u and v are tied in g (either direction). */
static int tied(const ripple_graph *g, size_t u, size_t v)
{
	igraph_integer_t eid = -1;

	igraph_get_eid(g->graph, &eid, (igraph_integer_t)u, (igraph_integer_t)v, IGRAPH_UNDIRECTED, 0);
	return eid >= 0;
}

/*
 * Small multiples: each wave of waves (nw of them, built graphs) as a small
 * picture at the layout's positions scaled alike, in the grid of columns that
 * draws them largest on the page, under them a bar chart of ties per wave,
 * one legend at the right. Each small picture is cluster "wave<k>" (SVG id
 * "wave<k>", class "panel"); its actors "wave<k>-actor<i>", ties
 * "wave<k>-tie<e>" (class "tie" or "tie new": not tied at the wave before),
 * bars "bar<k>". Builds g; O(waves * (actors + ties)).
 */
static int build_multiples(Agraph_t *g, drawing *d, const ripple_graph *waves, size_t nw,
                           ripple_error *err)
{
	const ripple_layout *l = d->l;
	size_t n = d->a->n, best_cols = 1;
	double pw, ph, x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY, best = 0;
	double maxdeg = 1, maxties = 1, *deg = calloc(nw * n + 1, sizeof(*deg));
	char *html = NULL;
	int rc = RIPPLE_ENOMEM;

	if (!deg)
		goto done;
	ripple_page_size(d->o->page == RIPPLE_PAGE_NATURAL ? RIPPLE_PAGE_A4_LANDSCAPE
	                                                   : (enum ripple_page)d->o->page, &pw, &ph);
	for (size_t i = 0; i < n; i++) {
		x0 = fmin(x0, l->x[i]); x1 = fmax(x1, l->x[i]);
		y0 = fmin(y0, l->y[i]); y1 = fmax(y1, l->y[i]);
	}
	for (size_t w = 0; w < nw; w++) {
		for (size_t e = 0; e < waves[w].nedges; e++) {
			igraph_integer_t u, v;
			igraph_edge(waves[w].graph, (igraph_integer_t)e, &u, &v);
			deg[w * n + (size_t)u]++;
			deg[w * n + (size_t)v]++;
		}
		maxties = fmax(maxties, (double)waves[w].nedges);
	}
	for (size_t k = 0; k < nw * n; k++)
		maxdeg = fmax(maxdeg, deg[k]);
	/* the grid: the number of columns that gives the layout the largest scale */
	double aw = pw - 2 * RIPPLE_PAGE_MARGIN - SM_LEGEND, ah = ph - 2 * RIPPLE_PAGE_MARGIN - 60 - SM_CHART;
	double lw = fmax(x1 - x0, 1), lh = fmax(y1 - y0, 1), cellw = 0, cellh = 0;
	for (size_t cols = 1; cols <= nw; cols++) {
		size_t rows = (nw + cols - 1) / cols;
		double cw = (aw - SM_GAP * (double)(cols - 1)) / (double)cols;
		double chh = (ah - SM_GAP * (double)(rows - 1)) / (double)rows;
		double k = fmin((cw - 2 * SM_RMAX - 8) / lw, (chh - 2 * SM_RMAX - 30) / lh);
		if (k > best) {
			best = k;
			best_cols = cols;
			cellw = cw;
			cellh = chh;
		}
	}
	if (best <= 0)
		best = 0.01;
	for (size_t w = 0; w < nw; w++) {
		size_t col = w % best_cols, row = w / best_cols;
		double ox = (double)col * (cellw + SM_GAP), oy = -(double)row * (cellh + SM_GAP) - cellh;
		double cx = ox + cellw / 2 - (x0 + x1) / 2 * best, cy = oy + (cellh - 20) / 2 - (y0 + y1) / 2 * best;
		char name[48], kind[32];
		snprintf(name, sizeof(name), "cluster_wave%zu", w);
		Agraph_t *panel = agsubg(g, name, 1);
		Agnode_t *title;
		if (!panel)
			goto done;
		ripple_gv_setf(panel, "id", "wave%zu", w);
		ripple_gv_set(panel, "class", "panel");
		ripple_gv_set(panel, "label", "");
		ripple_gv_set(panel, "style", "rounded");
		ripple_gv_set(panel, "color", "#DDDDDD");
		ripple_gv_setf(panel, "bb", "%.2f,%.2f,%.2f,%.2f", ox, oy, ox + cellw, oy + cellh);
		snprintf(kind, sizeof(kind), "w%zut", w);
		char *text = ripple_strdupf("%s: %zu ties", waves[w].wave, waves[w].nedges);
		if (!text || !(title = ripple_gv_node(panel, kind, 0, 1)) ||
		    ripple_gv_plain(title, text, 0, SM_TITLE_FONT, "0.01") < 0) {
			free(text);
			goto done;
		}
		free(text);
		ripple_gv_setf(title, "id", "wave%zu-title", w);
		ripple_gv_set(title, "class", "panel-title");
		ripple_gv_pos(title, ox + cellw / 2, oy + cellh - 10);
		snprintf(kind, sizeof(kind), "w%zua", w);
		for (size_t i = 0; i < n; i++) {
			Agnode_t *c = ripple_gv_node(panel, kind, i, 1);
			if (!c)
				goto done;
			double share = deg[w * n + i] / maxdeg;
			ripple_gv_setf(c, "id", "wave%zu-actor%zu", w, i);
			ripple_gv_set(c, "class", "actor");
			ripple_gv_set(c, "shape", "circle");
			ripple_gv_set(c, "fixedsize", "true");
			ripple_gv_set(c, "label", "");
			ripple_gv_set(c, "style", waves[w].member && !waves[w].member[i] ? "filled,dotted" : "filled");
			ripple_gv_set(c, "fillcolor", sector_colour(d, d->m->actors[i].sector));
			ripple_gv_set(c, "color", "#444444");
			ripple_gv_set(c, "penwidth", "0.6");
			ripple_gv_setf(c, "width", "%.3f",
			               2 * sqrt(SM_RMIN * SM_RMIN + (SM_RMAX * SM_RMAX - SM_RMIN * SM_RMIN) * share)
			               / 72.0);
			if (ripple_gv_set_tooltip(c, d->m->actors[i].label) < 0)
				goto done;
			ripple_gv_pos(c, cx + l->x[i] * best, cy + l->y[i] * best);
			if (d->number[i])
				continue;   /* labelled actors only: no numbers in small pictures */
			char lkind[32];
			snprintf(lkind, sizeof(lkind), "w%zul", w);
			Agnode_t *lab = ripple_gv_node(panel, lkind, i, 1);
			if (!lab || ripple_gv_plain(lab, d->m->actors[i].label, d->o->wrap, SM_FONT, "0.01") < 0)
				goto done;
			ripple_gv_setf(lab, "id", "wave%zu-label%zu", w, i);
			ripple_gv_set(lab, "class", "actor-label");
			ripple_gv_pos(lab, cx + l->x[i] * best, cy + l->y[i] * best - SM_RMAX - 6);
		}
		for (size_t e = 0; e < waves[w].nedges; e++) {
			igraph_integer_t u, v;
			igraph_edge(waves[w].graph, (igraph_integer_t)e, &u, &v);
			Agedge_t *edge = agedge(g, ripple_gv_node(g, kind, (size_t)u, 0),
			                        ripple_gv_node(g, kind, (size_t)v, 0), NULL, 1);
			if (!edge)
				goto done;
			int fresh = w > 0 && !tied(&waves[w - 1], (size_t)u, (size_t)v);
			ripple_gv_setf(edge, "id", "wave%zu-tie%zu", w, e);
			ripple_gv_set(edge, "class", fresh ? "tie new" : "tie");
			ripple_gv_set(edge, "color", fresh ? NEW_COLOUR : TIE_COLOUR);
			ripple_gv_set(edge, "penwidth", fresh ? "1.1" : "0.6");
			ripple_gv_set(edge, "dir", d->m->directed ? "forward" : "none");
			ripple_gv_set(edge, "arrowsize", "0.4");
		}
	}
	{
		/* the chart: one bar per wave, its height the ties, the count over it */
		size_t rows = (nw + best_cols - 1) / best_cols;
		double base = -(double)rows * (cellh + SM_GAP) - SM_CHART + 20, barh = SM_CHART - 52;
		Agnode_t *head = agnode(g, "chart_title", 1);
		if (!head || ripple_gv_plain(head, "Ties per wave", 0, SM_TITLE_FONT, "0.01") < 0)
			goto done;
		ripple_gv_set(head, "id", "chart-title");
		ripple_gv_pos(head, 60, base + barh + 24);
		for (size_t w = 0; w < nw; w++) {
			double h = fmax(1, barh * (double)waves[w].nedges / maxties), x = 30 + 70 * (double)w;
			Agnode_t *bar = ripple_gv_node(g, "bar", w, 1), *count = ripple_gv_node(g, "barn", w, 1);
			Agnode_t *under = ripple_gv_node(g, "barw", w, 1);
			char num[32];
			snprintf(num, sizeof(num), "%zu", waves[w].nedges);
			if (!bar || !count || !under || ripple_gv_plain(count, num, 0, SM_FONT, "0.01") < 0 ||
			    ripple_gv_plain(under, waves[w].wave, 12, SM_FONT, "0.01") < 0)
				goto done;
			ripple_gv_setf(bar, "id", "bar%zu", w);
			ripple_gv_set(bar, "class", "bar");
			ripple_gv_set(bar, "shape", "box");
			ripple_gv_set(bar, "style", "filled");
			ripple_gv_set(bar, "fillcolor", TIE_COLOUR);
			ripple_gv_set(bar, "penwidth", "0");
			ripple_gv_set(bar, "fixedsize", "true");
			ripple_gv_set(bar, "label", "");
			ripple_gv_setf(bar, "width", "%.3f", 28 / 72.0);
			ripple_gv_setf(bar, "height", "%.3f", h / 72.0);
			ripple_gv_pos(bar, x, base + h / 2);
			ripple_gv_setf(count, "id", "bar%zu-count", w);
			ripple_gv_pos(count, x, base + h + 7);
			ripple_gv_setf(under, "id", "bar%zu-wave", w);
			ripple_gv_pos(under, x, base - 8);
		}
	}
	if (!(html = multiples_legend(d)))
		goto done;
	if ((rc = ripple_gv_legend(g, html, (double)best_cols * (cellw + SM_GAP) + SM_LEGEND / 2,
	                           -120)) < 0)
		goto done;
	{
		char *place = ripple_gv_html(d->m->name), *title = place
		    ? ripple_strdupf("<B>Network at each wave: %s</B><BR/><FONT POINT-SIZE=\"12\">%zu "
		                     "waves on the same layout; purple: ties new since the wave before"
		                     "</FONT>", place, nw) : NULL;
		free(place);
		if (!title)
			goto nomem_rc;
		ripple_gv_title(g, title);
		free(title);
	}
	rc = RIPPLE_OK;
	goto done;
nomem_rc:
	rc = RIPPLE_ENOMEM;
done:
	if (rc == RIPPLE_ENOMEM)
		ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	free(deg);
	free(html);
	return rc;
}

/*
 * ripple_draw_render's small multiples (o->waves): every wave named (or
 * every wave of the place, for the one name "all") built and drawn by
 * build_multiples, labels as o->labels says (fit: none).
 */
static int render_multiples(char **data, size_t *len, drawing *d, enum ripple_image_format fmt,
                            ripple_error *err)
{
	const ripple_model *m = d->m;
	const char *const *names = d->o->waves;
	int all = names[0] && !names[1] && ripple_strieq(names[0], "all");
	size_t nw = 0, built = 0;
	ripple_graph *waves;
	Agraph_t *g = NULL;
	int rc = RIPPLE_OK;

	if (all)
		nw = m->nwaves;
	else
		while (names[nw])
			nw++;
	if (nw == 0)
		return ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "place \"%s\" has no waves to "
		                        "draw", m->name);
	if (!(waves = calloc(nw, sizeof(*waves))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (; built < nw; built++)
		if ((rc = ripple_graph_build(&waves[built], m, all ? m->waves[built].name : names[built],
		                             &d->o->graph, err)) < 0)
			goto done;
	/* rank by partners over every wave (as --size none), for top:N */
	for (size_t k = 0; k < d->a->npairs; k++) {
		d->rank[d->a->pairs[2 * k]]++;
		d->rank[d->a->pairs[2 * k + 1]]++;
	}
	if (choose_labels(d, d->o->labels == RIPPLE_LABELS_FIT ? RIPPLE_LABELS_NONE : d->o->labels,
	                  d->o->labels_top, 0) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if (!(g = ripple_gv_graph("multiples", m->directed))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if ((rc = build_multiples(g, d, waves, nw, err)) < 0)
		goto done;
	rc = ripple_gv_finish(data, len, g, fmt, d->o->page, SM_ADVICE, err);
done:
	if (g)
		agclose(g);
	for (size_t w = 0; w < built; w++)
		ripple_graph_release(&waves[w]);
	free(waves);
	return rc;
}

/*
 * A bound that needs no layout: every actor's label is drawn somewhere, beside
 * its circle or in the key, at RIPPLE_PAGE_MIN_TEXT points or more, and no
 * glyph is narrower than NARROWEST em; so the labels alone cover at least
 * that much of the page. When it is more than the page, no choice of labels
 * can fit and RIPPLE_EUSAGE says so before any layout (a place of thousands
 * of actors would otherwise be laid out once per choice: issue 22, deep
 * chains). Only a sound bound: a picture it lets through may still not fit.
 */
#define NARROWEST 0.2
static int labels_cannot_fit(const drawing *d, enum ripple_page page, ripple_error *err)
{
	double pw, ph, area = 0, pt = RIPPLE_PAGE_MIN_TEXT;

	ripple_page_size(page, &pw, &ph);
	for (size_t i = 0; i < d->a->n; i++)
		for (const char *c = d->m->actors[i].label; c && *c; c++)
			if (((unsigned char)*c & 0xC0) != 0x80)   /* a character, not a UTF-8 byte */
				area += pt * NARROWEST * pt;
	if (area <= pw * ph)
		return RIPPLE_OK;
	return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0, "the picture does not fit --page %s with "
	                        "readable text: the labels of its %zu actors alone would cover "
	                        "more than the page at %g pt; try --level organisation or --focus "
	                        "for fewer actors, or --page natural for a picture to zoom on screen",
	                        ripple_page_name(page), d->a->n, pt);
}

int ripple_draw_render(char **data, size_t *len, const ripple_model *m,
                       const ripple_draw_options *opts, ripple_layout *layout,
                       enum ripple_image_format fmt, ripple_error *err)
{
	ripple_draw_options o = *opts;
	ripple_compare_options co = RIPPLE_COMPARE_OPTIONS_INIT;
	ripple_compare cmp;
	ripple_graph wave;
	ripple_layout own_layout, own_turned;
	nesting a;
	drawing d;
	Agraph_t *g = NULL;
	int have_cmp = 0, have_wave = 0, have_nesting = 0, rc;

	*data = NULL;
	*len = 0;
	memset(&d, 0, sizeof(d));
	memset(&own_layout, 0, sizeof(own_layout));
	memset(&own_turned, 0, sizeof(own_turned));
	if (!layout)
		layout = &own_layout;
	if (o.wrap <= 0)
		o.wrap = 16;
	if (fmt == RIPPLE_IMAGE_DOT)
		o.page = RIPPLE_PAGE_NATURAL;   /* DOT carries positions, not a page */
	d.m = m;
	if ((rc = nesting_init(&a, m, err)) < 0)
		goto done;
	have_nesting = 1;
	if (o.waves) {
		;   /* small multiples: each wave is built by render_multiples */
	} else if (o.wave) {
		if ((rc = ripple_graph_build(&wave, m, o.wave, &o.graph, err)) < 0)
			goto done;
		have_wave = 1;
		d.g = &wave;
		d.wave = wave.wave_index;
	} else {
		if (!o.compare) {
			co.permutations = 0;   /* the picture needs the ledger, not the tests */
			co.seed = o.seed;
			co.weighted = o.weighted;
			co.graph = o.graph;
			if ((rc = ripple_compare_run(&cmp, m, o.from, o.to, &co, err)) < 0)
				goto done;
			have_cmp = 1;
		} else if (o.compare->g1.model != m) {
			rc = ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0,
			                      "the comparison given is not of place \"%s\"", m->name);
			goto done;
		}
		d.c = o.compare ? o.compare : &cmp;
		if (!(d.tieno = calloc(d.c->nties + 1, sizeof(*d.tieno))) ||
		    ripple_compare_number_ripple_ties(d.tieno, d.c) < 0) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		d.from = d.c->g1.wave_index;
		d.wave = d.c->g2.wave_index;
	}
	if (layout->n != a.n || !layout->x || !layout->y) {
		ripple_layout_release(layout);
		if ((rc = layout_get(layout, &a, o.seed, 16, err)) < 0)
			goto done;
	}
	d.o = &o;
	d.a = &a;
	d.l = layout;
	if (o.page != RIPPLE_PAGE_NATURAL && turned(&own_turned, layout, o.page) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if (own_turned.x)
		d.l = &own_turned;
	d.size_name = o.size >= 0 ? ripple_node_measure_info((enum ripple_node_measure)o.size)->name
	                          : NULL;
	if (o.size >= 0 && !ripple_measure_applies(
	        ripple_node_measure_info((enum ripple_node_measure)o.size)->scope, m->directed, 1, 1)) {
		rc = ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0, "--size %s needs a directed place "
		                      "(\"%s\" is undirected): use degree", d.size_name, m->name);
		goto done;
	}
	if (!(d.radius = calloc(a.n + 1, sizeof(*d.radius))) ||
	    !(d.rank = calloc(a.n + 1, sizeof(*d.rank))) ||
	    !(d.rfoot = calloc(a.n + 1, sizeof(*d.rfoot))) ||
	    !(d.number = calloc(a.n + 1, sizeof(*d.number))) || collect_sectors(&d) < 0) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if (o.waves) {
		rc = o.show || o.focus
		     ? ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "--show and --focus draw one "
		                        "picture: not with --waves")
		     : render_multiples(data, len, &d, fmt, err);
		goto done;
	}
	if (o.page != RIPPLE_PAGE_NATURAL && !o.focus && fmt != RIPPLE_IMAGE_DOT &&
	    (rc = labels_cannot_fit(&d, o.page, err)) < 0)
		goto done;
	if ((rc = compute_radii(&d, err)) < 0)
		goto done;
	if (o.show && !d.c) {
		rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "--show picks ties of a change "
		                      "map: give --from W1 --to W2 (not --wave)");
		goto done;
	}
	if (o.focus && (rc = resolve_focus(&d, err)) < 0)
		goto done;
	{
		/* which labels to try, in order: the first whose text fits the page is drawn */
		struct { int labels, top, attendees; } tries[6] = {
			{ o.labels == RIPPLE_LABELS_FIT ? RIPPLE_LABELS_ALL : o.labels, o.labels_top, 0 },
			{ RIPPLE_LABELS_TOP, o.labels_top, 1 }, { RIPPLE_LABELS_TOP, o.labels_top, 0 },
			{ RIPPLE_LABELS_TOP, 8, 0 }, { RIPPLE_LABELS_TOP, 5, 0 }, { RIPPLE_LABELS_NONE, 0, 0 }
		};
		int ntries = o.labels == RIPPLE_LABELS_FIT && o.page != RIPPLE_PAGE_NATURAL ? 6 : 1;
		/* each twice: as compact draws it, then packed (pictures that fit
		 * unpacked are drawn as before) */
		for (int t = 0; t < 2 * ntries; t++) {
			d.pack = t >= ntries && o.page != RIPPLE_PAGE_NATURAL;
			if (t == ntries && (o.page == RIPPLE_PAGE_NATURAL || a.n > PACK_SHRINK_MAX))
				break;   /* no packed round: natural, or too many actors to pack */
			for (size_t i = 0; t == ntries && i < a.n; i++) {   /* packed: circles smaller */
				d.radius[i] *= PACK_CIRCLES;
				d.rfoot[i] = (d.rfoot[i] - RING) * PACK_CIRCLES + RING;
			}
			if (t % ntries > 2 && t % ntries < 5 && tries[t % ntries].top >= o.labels_top)
				continue;   /* top 8 or 5 only when fewer than top N */
			if (g) {
				agclose(g);
				g = NULL;
			}
			*err = (ripple_error){ 0 };
			if (choose_labels(&d, tries[t % ntries].labels, tries[t % ntries].top,
			                  tries[t % ntries].attendees) < 0) {
				rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
				goto done;
			}
			if ((rc = build(&g, &d, err)) < 0)
				goto done;
			if (ntries > 1 && d.clashes && t % ntries < ntries - 1)
				continue;   /* a label over a neighbour or a box: fewer labels */
			rc = ripple_gv_finish(data, len, g, fmt, o.page,
			                      o.page == RIPPLE_PAGE_SLIDE
			                      ? (ntries > 1 ? DRAW_ADVICE_FIT_SLIDE : DRAW_ADVICE_SLIDE)
			                      : (ntries > 1 ? DRAW_ADVICE_FIT : DRAW_ADVICE), err);
			if (rc != RIPPLE_EUSAGE)
				break;
		}
	}
done:
	if (g)
		agclose(g);
	free(d.radius);
	free(d.rank);
	free(d.rfoot);
	free(d.number);
	free(d.tieno);
	free(d.focus);
	free(d.sectors);
	ripple_layout_release(&own_layout);
	free(own_turned.x);
	free(own_turned.y);
	if (have_cmp)
		ripple_compare_release(&cmp);
	if (have_wave)
		ripple_graph_release(&wave);
	if (have_nesting)
		nesting_release(&a);
	return rc;
}
