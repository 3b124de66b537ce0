/*
 * ripple/pictures.h - ripple maps, network and change maps (Graphviz).
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_PICTURES_API_H
#define RIPPLE_PICTURES_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/compare.h"
#include "ripple/metrics.h"
#include "ripple/model.h"

/* ------------------------------------------------------------------------ */
/* Pictures (Graphviz through cgraph and gvc)                                 */
/* ------------------------------------------------------------------------ */

enum ripple_image_format { RIPPLE_IMAGE_SVG, RIPPLE_IMAGE_PNG, RIPPLE_IMAGE_PDF, RIPPLE_IMAGE_DOT };

/** "svg", "png", "pdf" or "dot" (also "gv"), any case; -1 for anything else. */
int ripple_image_format_parse(const char *name);

/** The format the extension of a file name asks for, or -1. */
int ripple_image_format_of_path(const char *path);

/*
 * Pages. A picture drawn for a page is exactly that size (SVG width and
 * height in points, one PDF page, a PNG at RIPPLE_PAGE_DPI), the drawing
 * fitted inside RIPPLE_PAGE_MARGIN and centred; when its smallest text would
 * come out under RIPPLE_PAGE_MIN_TEXT points, drawing fails with RIPPLE_EUSAGE
 * and a message saying what to do instead. RIPPLE_PAGE_NATURAL: the drawing's
 * own size, text as drawn (the size before pages existed).
 */
enum ripple_page {
	RIPPLE_PAGE_NATURAL, RIPPLE_PAGE_A4, RIPPLE_PAGE_A4_LANDSCAPE, RIPPLE_PAGE_LETTER,
	RIPPLE_PAGE_SLIDE
};
#define RIPPLE_NPAGES 5
#define RIPPLE_PAGE_MIN_TEXT 7.0      /* points, at the page's size */
#define RIPPLE_PAGE_MARGIN 28.35      /* points (10 mm) on every side */
#define RIPPLE_PAGE_DPI 150           /* pixels per inch of a PNG for a page */

/** "natural", "a4", "a4-landscape", "letter" or "slide", any case; -1 for anything else. */
int ripple_page_parse(const char *name);

/** The name of page (as ripple_page_parse reads it). */
const char *ripple_page_name(enum ripple_page page);

/** Width and height of page in points (0 and 0 for RIPPLE_PAGE_NATURAL). */
void ripple_page_size(enum ripple_page page, double *width, double *height);

/** How to draw a ripple map. Start from RIPPLE_MAP_OPTIONS_INIT. */
typedef struct ripple_map_options {
	int timeline;             /* 1: ripples left to right on a date spine; 0: radial */
	int wrap;                 /* characters per label line */
	int page;                 /* enum ripple_page: fit the map to this page */
	/* Filters: a ripple is drawn when it passes every filter given, and so is
	 * every ancestor of one (to keep the tree), the ancestors that do not pass
	 * drawn faded. No ripple passing is RIPPLE_EINPUT. */
	unsigned capitals;        /* RIPPLE_SOCIAL | ...: ripples coded with one of them;
	                             0: no filter */
	int max_order;            /* ripples of order 1 to max_order; 0: no filter */
	const char *new_from, *new_to; /* both given: ripples naming two actors joined by a
	                             new tie from wave new_from to new_to (as compare counts
	                             them); NULL: no filter */
	int labels;               /* enum ripple_labels: RIPPLE_LABELS_ALL each ripple's words
	                             in its box; RIPPLE_LABELS_NONE each ripple a number in
	                             its box and its words in a numbered key beside or under
	                             the map (numbered by capital, then order); FIT (the
	                             default): the words when they keep RIPPLE_PAGE_MIN_TEXT
	                             on the page (always on the natural page), else numbers.
	                             Others are RIPPLE_EUSAGE */
} ripple_map_options;

#define RIPPLE_MAP_OPTIONS_INIT {0, 22, RIPPLE_PAGE_NATURAL, 0, 0, NULL, NULL, 0 /* FIT */}

/**
 * Draws the ripple map of a place: the programme at the centre, ripples of
 * order k on ring k, coloured by community capital, with a legend. The
 * picture (SVG, PNG, PDF or laid-out DOT) comes back in *data (malloc'd,
 * *len bytes). A place without ripples is RIPPLE_EINPUT.
 */
int ripple_map_render(char **data, size_t *len, const ripple_model *m,
                      const ripple_map_options *opts, enum ripple_image_format fmt,
                      ripple_error *err);

/** How to draw the network. Start from RIPPLE_DRAW_OPTIONS_INIT. */
typedef struct ripple_draw_options {
	const char *wave;         /* draw this wave; NULL: the change from `from` to `to` */
	const char *from, *to;    /* the waves of a change map */
	int size;                 /* enum ripple_node_measure giving actor size, -1: same size */
	int weighted;             /* weighted measures */
	unsigned long seed;       /* seed of the community search and the layout */
	int wrap;                 /* characters per label line */
	const ripple_compare *compare; /* a change map's comparison, already run on the same
	                             model (borrowed): its two waves, its tie ledger and the
	                             measures of both are drawn as they are, `from` and `to`
	                             unread (run it with this seed and weighting to draw what
	                             the drawing's own would give); NULL: ripple_draw_render
	                             runs the comparison of `from` with `to` */
	ripple_graph_options graph; /* how each wave is built (non-response, undirected view);
	                             with a comparison (given or run), every wave is built as
	                             its two were (compare->g1.opts) */
	int page;                 /* enum ripple_page: fit the drawing to this page */
	int labels;               /* enum ripple_labels: which actors carry their label */
	int labels_top;           /* N of RIPPLE_LABELS_TOP (and of the top N that
	                             RIPPLE_LABELS_FIT tries) */
	unsigned show;            /* change map: RIPPLE_SHOW_* bits of the ties drawn (the
	                             others left out, the legend counting what is drawn);
	                             0: every tie */
	const char *focus;        /* an actor id, an organisation's id (it and its members)
	                             or "sector:NAME": everything not within one step of it
	                             (by the ties drawn) faded; NULL: no focus. Not found:
	                             RIPPLE_ENOTFOUND */
	const char *const *waves; /* small multiples: these waves (NULL-terminated), each a
	                             small picture on the shared layout, in a grid with one
	                             legend and a chart of ties per wave; NULL: one picture
	                             (wave, or from and to) */
} ripple_draw_options;

/* Which ties of a change map are drawn (ripple_draw_options.show). */
enum ripple_show {
	RIPPLE_SHOW_NEW = 1,       /* new ties that are not bridging */
	RIPPLE_SHOW_BRIDGING = 2,  /* new, bridging ties */
	RIPPLE_SHOW_LOST = 4,
	RIPPLE_SHOW_KEPT = 8,
	RIPPLE_SHOW_UNKNOWN = 16,  /* not observed at both waves */
	RIPPLE_SHOW_ALL = 31
};

/** Reads a comma-separated list of "new" (every new tie, bridging or not),
 * "bridging", "lost", "kept", "unknown" and "all" into RIPPLE_SHOW_* bits;
 * 0 for an empty or unknown word. */
unsigned ripple_show_parse(const char *text);

/*
 * Which actors of a network picture carry their label; the others carry a
 * number, and a numbered key (number -> label, in the order of the labels)
 * beside or under the picture names them, so nothing is lost. "Top" ranks by
 * the sizing measure's largest value over every wave (with --size none, by
 * the partners an actor has over every wave), so the same actors are labelled
 * and numbered alike in every drawing of a place.
 */
enum ripple_labels {
	RIPPLE_LABELS_FIT,        /* what fits: every label on the natural page; on a page
	                             the first of all, top N + attendees, top N, top 8, top
	                             5, none whose text keeps RIPPLE_PAGE_MIN_TEXT */
	RIPPLE_LABELS_ALL,
	RIPPLE_LABELS_NONE,       /* every actor numbered */
	RIPPLE_LABELS_ATTENDEES,  /* the actors who attended the programme */
	RIPPLE_LABELS_TOP         /* the labels_top actors ranked first */
};

/** Reads "fit", "all", "none", "attendees" or "top:N" (N >= 0) into *labels and *top;
 * -1 for anything else. */
int ripple_labels_parse(const char *text, int *labels, int *top);

#define RIPPLE_DRAW_OPTIONS_INIT {NULL, NULL, NULL, RIPPLE_NODE_DEGREE, 0, 42, 16, NULL, \
                                  RIPPLE_GRAPH_OPTIONS_INIT, RIPPLE_PAGE_NATURAL, \
                                  RIPPLE_LABELS_FIT, 12, 0, NULL, NULL}

/**
 * Draws one wave of a place, or the change between two waves: actors coloured
 * by sector and sized by a centrality (scaled by its largest value at any
 * wave, so sizes compare across drawings), teams inside their organisation,
 * at the positions of the place's layout, with a legend. Output as
 * ripple_map_render.
 *
 * layout: NULL, the place's layout is got (ripple_layout_get) for this
 * drawing only; a zeroed ripple_layout, it is got and left there for the
 * caller (who releases it, and may store it when it was computed:
 * ripple_store_save_layout); else (layout->n is the number of actors) the
 * positions to draw at. Never writes anything.
 *
 * Costs the layout when it is not stored, one comparison for a change map
 * unless opts->compare is given, and the measures of every wave it does not
 * have (none when opts->size is -1).
 */
int ripple_draw_render(char **data, size_t *len, const ripple_model *m,
                       const ripple_draw_options *opts, ripple_layout *layout,
                       enum ripple_image_format fmt, ripple_error *err);

/**
 * The layout of a place: the model's stored one when it is of the current
 * method and places every actor, else computed with Graphviz's neato over
 * the union of the ties of every wave, level by level (each organisation's
 * teams laid out inside it, then the organisations as boxes; room left for
 * each label; seeded). out->from_store says which. Nothing is written: a
 * caller that wants the next drawing to find a computed layout stores it
 * with ripple_store_save_layout.
 */
int ripple_layout_get(ripple_layout *out, const ripple_model *m, unsigned long seed,
                      ripple_error *err);

/** Releases what the layout holds and zeroes it. No operation when layout is NULL. */
void ripple_layout_release(ripple_layout *layout);

/**
 * Releases what drawing keeps for the life of the process (Graphviz's
 * context). Call once, at the end: no picture may be drawn after it.
 */
void ripple_pictures_release(void);

#endif /* RIPPLE_PICTURES_API_H */
