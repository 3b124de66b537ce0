/*
 * render.h - what the picture modules (map.c, draw.c) share: Graphviz set-up,
 * escaping of user text, palettes and output. Not public API.
 *
 * Every picture is built as a cgraph graph whose nodes carry positions ripple
 * computed (or Graphviz computed in an earlier pass), laid out with the "nop"
 * engine (neato -n: positions as given, edges routed) and rendered to memory.
 */
#ifndef RIPPLE_RENDER_H
#define RIPPLE_RENDER_H

#include <gvc.h>

#include "ripple/pictures.h"

/** A new graph with ripple's defaults (fonts, colours, straight edges). */
Agraph_t *ripple_gv_graph(const char *name, int directed);

/** Sets an attribute (declaring it with an empty default when new). */
void ripple_gv_set(void *obj, const char *name, const char *value);
/** Sets an attribute to a printf-formatted value. */
void ripple_gv_setf(void *obj, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Sets an HTML-like label (the text must already be escaped with ripple_gv_html). */
void ripple_gv_set_html(void *obj, const char *name, const char *html);
/** Sets each attribute of a NULL-terminated list of name, value pairs, in order. */
void ripple_gv_set_all(void *obj, const char *const *pairs);
/** Sets pos to x,y (points). */
void ripple_gv_pos(Agnode_t *n, double x, double y);

/** Node "<kind><i>" of g (e.g. "r3"): created when create is 1, else NULL when absent. */
Agnode_t *ripple_gv_node(Agraph_t *g, const char *kind, size_t i, int create);

/** Sets attribute name to user text as ripple_gv_text(text, wrap) escapes it;
 * RIPPLE_ENOMEM when out of memory. */
int ripple_gv_set_text(void *obj, const char *name, const char *text, int wrap);
/** Sets the tooltip to user text as ripple_gv_tooltip escapes it; RIPPLE_ENOMEM when
 * out of memory. */
int ripple_gv_set_tooltip(void *obj, const char *text);

/** Makes n plain text: user text (escaped as by ripple_gv_set_text) at fontsize
 * points, with no outline and only margin (inches) around it. RIPPLE_ENOMEM when
 * out of memory. */
int ripple_gv_plain(Agnode_t *n, const char *text, int wrap, const char *fontsize,
                    const char *margin);

/** Sets the picture's title (an HTML-like label, already escaped) at the top of g. */
void ripple_gv_title(Agraph_t *g, const char *html);

/** Adds the legend, node "legend": a rounded box holding html (an HTML-like label,
 * already escaped), centred at x,y (points). RIPPLE_ENOMEM when out of memory. */
int ripple_gv_legend(Agraph_t *g, const char *html, double x, double y);
/** As ripple_gv_legend, a box named (node, id and class) name: the network's
 * key of numbered actors drawn apart from its legend on a portrait page. */
int ripple_gv_legend_named(Agraph_t *g, const char *name, const char *html, double x, double y);

/** The size (points) ripple_gv_legend's box takes for html. */
int ripple_gv_legend_size(double *w, double *h, const char *html, ripple_error *err);

/*
 * Layout and rendering use the process's one Graphviz context (started on
 * first use, errors captured instead of printed; see ripple_pictures_release).
 */

/** Runs a layout engine; Graphviz's message goes to err. */
int ripple_gv_layout(Agraph_t *g, const char *engine, ripple_error *err);

/** Drops the layout of g (after ripple_gv_layout succeeded). */
void ripple_gv_free_layout(Agraph_t *g);

/** Adds nodes to g for ripple_gv_measure (what: the caller's data); RIPPLE_ENOMEM when
 * out of memory. */
typedef int (*ripple_gv_adder)(Agraph_t *g, const void *what);

/**
 * Sizes (points), as Graphviz draws them, of nodes "<kind>0" .. "<kind><n-1>",
 * which add puts into a throw-away graph.
 */
int ripple_gv_measure(double *w, double *h, ripple_gv_adder add, const void *what,
                      const char *kind, size_t n, ripple_error *err);

/**
 * Draws g, whose nodes all carry their positions, into a malloc'd buffer
 * (*data, *len): routes the edges with the "nop" engine and renders.
 *
 * page (enum ripple_page) other than natural: the picture is exactly that page,
 * the drawing scaled to fit inside the margins (up to twice its size) and
 * centred; the legend (node "legend") moves under the drawing when that lets it
 * be drawn larger. When the smallest text of any visible label would come out
 * under RIPPLE_PAGE_MIN_TEXT points, nothing is drawn: RIPPLE_EUSAGE, the
 * message naming the sizes and ending with advice (what the caller's picture
 * can do instead, e.g. "try --wrap 14").
 */
int ripple_gv_finish(char **data, size_t *len, Agraph_t *g, enum ripple_image_format fmt,
                     int page, const char *advice, ripple_error *err);

/** The smallest text (points) of the labels g draws, after its layout. */
double ripple_gv_smallest_text(Agraph_t *g);

/**
 * User text as a plain Graphviz label that renders literally: backslashes
 * doubled (so \N, \G, \n are not expanded), '&' as &amp; (Graphviz turns
 * entities into characters), control characters as spaces, U+FFFE, U+FFFF
 * and bytes that are not UTF-8 as U+FFFD (as in XML exports); then wrapped at
 * `wrap` characters (0: not wrapped) with Graphviz's \n. malloc'd; NULL when
 * out of memory.
 */
char *ripple_gv_text(const char *text, int wrap);

/** User text escaped for an HTML-like label (& < > " ' as entities, and the backslash
 * doubled, as Graphviz would expand \N or \G even there). malloc'd. */
char *ripple_gv_html(const char *text);

/** As ripple_gv_html, wrapped at wrap characters with <BR/> (0: not wrapped). */
char *ripple_gv_html_wrap(const char *text, int wrap);

/** User text for a tooltip (SVG title): as ripple_gv_text, unwrapped, but a
 * backslash becomes four, as entities, because Graphviz unescapes tooltips
 * twice (see render.c). malloc'd. */
char *ripple_gv_tooltip(const char *text);

/** Lines ripple_gv_text(text, wrap) would take. */
int ripple_gv_lines(const char *text, int wrap);

/*
 * The colour language: one meaning, one colour, in every picture and the
 * report (docs/PICTURES.md, "Colours"). Capitals are light fills that carry
 * black text; sectors are darker fills; the tie changes take a hue family
 * (magenta-purple) that neither palette uses; greys mean "none" or
 * "unchanged". test_render checks that no two colours of different meaning
 * come within RIPPLE_PALETTE_MIN_DE00 of each other (CIEDE2000), in normal
 * vision and under simulated deuteranopia and protanopia.
 */
#define RIPPLE_NO_SECTOR_COLOUR "#DDDDDD"   /* no sector, no capital coded: "not given" */
#define RIPPLE_KEPT_COLOUR "#BBBBBB"        /* a tie kept (or of one wave) */
#define RIPPLE_NEW_COLOUR "#CC79A7"         /* a new tie (Okabe-Ito reddish purple), lighter than bridging */
#define RIPPLE_BRIDGING_COLOUR "#AA3377"    /* a new tie that bridges (Tol bright purple), drawn thicker */
#define RIPPLE_LOST_COLOUR "#555555"        /* a lost tie, dashed */
#define RIPPLE_MARK_COLOUR "#000000"        /* outlines that mark: attendee ring, negative ripple */
#define RIPPLE_PALETTE_MIN_DE00 6.0         /* the least CIEDE2000 difference the test allows */

/** Colour-blind-safe fill of capital i (0..6); RIPPLE_NCAPITALS gives "not coded". */
const char *ripple_capital_colour(int i);

/** Colour-blind-safe fill for sector number i (in sorted order); past the palette, grey. */
const char *ripple_sector_colour(size_t i);
#define RIPPLE_SECTOR_COLOURS 9   /* distinct sector colours before "other" */

/** One colour with its meaning, as ripple_palette lists them. */
typedef struct ripple_palette_entry {
	const char *meaning;   /* e.g. "capital: social", "sector 3", "tie: new" */
	const char *colour;    /* "#RRGGBB" */
} ripple_palette_entry;

/** Every colour that carries a meaning in a picture, each meaning once: *out
 * points at a static table of the returned length. */
size_t ripple_palette(const ripple_palette_entry **out);

#define RIPPLE_FONT "Helvetica,Arial,sans-serif"

#endif
