/*
 * ripple/pictures.h - ripple maps, network and change maps (Graphviz).
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_PICTURES_API_H
#define RIPPLE_PICTURES_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/metrics.h"

/* ------------------------------------------------------------------------ */
/* Pictures (Graphviz through cgraph and gvc)                                 */
/* ------------------------------------------------------------------------ */

enum ripple_image_format { RIPPLE_IMAGE_SVG, RIPPLE_IMAGE_PNG, RIPPLE_IMAGE_PDF, RIPPLE_IMAGE_DOT };

/** "svg", "png", "pdf" or "dot" (also "gv"), any case; -1 for anything else. */
int ripple_image_format_parse(const char *name);

/** The format the extension of a file name asks for, or -1. */
int ripple_image_format_of_path(const char *path);

/** How to draw a ripple map. Start from RIPPLE_MAP_OPTIONS_INIT. */
typedef struct ripple_map_options {
	int timeline;             /* 1: ripples left to right on a date spine; 0: radial */
	int wrap;                 /* characters per label line */
} ripple_map_options;

#define RIPPLE_MAP_OPTIONS_INIT {0, 22}

/**
 * Draws the ripple map of a place: the programme at the centre, ripples of
 * order k on ring k, coloured by community capital, with a legend. The
 * picture (SVG, PNG, PDF or laid-out DOT) comes back in *data (malloc'd,
 * *len bytes). A place without ripples is RIPPLE_EINPUT.
 */
int ripple_map_render(char **data, size_t *len, ripple_store *store, int64_t place_id,
                      const ripple_map_options *opts, enum ripple_image_format fmt,
                      ripple_error *err);

/** How to draw the network. Start from RIPPLE_DRAW_OPTIONS_INIT. */
typedef struct ripple_draw_options {
	const char *wave;         /* draw this wave; NULL: the change from `from` to `to` */
	const char *from, *to;    /* the waves of a change map */
	int size;                 /* enum ripple_node_measure giving actor size, -1: same size */
	int weighted;             /* weighted measures */
	unsigned long seed;       /* seed of the community search and the layout */
	int save_layout;          /* store a layout computed now, for the next drawing */
	int wrap;                 /* characters per label line */
} ripple_draw_options;

#define RIPPLE_DRAW_OPTIONS_INIT {NULL, NULL, NULL, RIPPLE_NODE_DEGREE, 0, 42, 1, 16}

/**
 * Draws one wave of a place, or the change between two waves: actors coloured
 * by sector and sized by a centrality, teams inside their organisation, at
 * the positions of the place's layout (ripple_layout_get), with a legend.
 * Output as ripple_map_render.
 */
int ripple_draw_render(char **data, size_t *len, ripple_store *store, int64_t place_id,
                       const ripple_draw_options *opts, enum ripple_image_format fmt,
                       ripple_error *err);

/**
 * The layout of a place: read from the store when there is one of the current
 * method, else computed with Graphviz's neato over the union of the ties of
 * every wave, level by level (each organisation's teams laid out inside it,
 * then the organisations as boxes; room left for each label; seeded) and,
 * when save is set and the store is writable, stored.
 */
int ripple_layout_get(ripple_layout *out, ripple_store *store, int64_t place_id,
                      unsigned long seed, int save, ripple_error *err);

void ripple_layout_release(ripple_layout *layout);

/**
 * Releases what drawing keeps for the life of the process (Graphviz's
 * context). Call once, at the end: no picture may be drawn after it.
 */
void ripple_pictures_release(void);

#endif /* RIPPLE_PICTURES_API_H */
