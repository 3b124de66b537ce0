/*
 * ripple/export.h - a place's network for other tools.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_EXPORT_API_H
#define RIPPLE_EXPORT_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/metrics.h"
#include "ripple/model.h"

/* ------------------------------------------------------------------------ */
/* Export: a place's network for other tools (docs/EXPORT.md)                 */
/* ------------------------------------------------------------------------ */

/** Export formats. New ones go before RIPPLE_EXPORT_COUNT, with a row in export.c. */
enum ripple_export_format {
	RIPPLE_EXPORT_GRAPHML,    /* one wave, written by igraph */
	RIPPLE_EXPORT_GEXF,       /* every wave, as time slices (Gephi) */
	RIPPLE_EXPORT_DOT,        /* one wave, Graphviz */
	RIPPLE_EXPORT_CSV,        /* one wave: an edge list and a node table */
	RIPPLE_EXPORT_COUNT
};

/** "graphml", "gexf", "dot" (also "gv") or "csv", any case; -1 for anything else. */
int ripple_export_format_parse(const char *name);

/** The format the extension of a file name asks for (.graphml, .gexf, .dot, .gv, .csv), or -1. */
int ripple_export_format_of_path(const char *path);

/** The name of a format, e.g. "gexf". */
const char *ripple_export_format_name(enum ripple_export_format fmt);

/** 1 when a format holds every wave of the place (no wave is chosen), 0 when it holds one. */
int ripple_export_format_all_waves(enum ripple_export_format fmt);

/** What to export. Start from RIPPLE_EXPORT_OPTIONS_INIT. */
typedef struct ripple_export_options {
	enum ripple_export_format format;
	const char *wave;                 /* the wave of a one-wave format; NULL for the others */
	ripple_metrics_options metrics;   /* how the actor measures are computed */
	ripple_graph_options graph;       /* how each wave's network is built (non-response:
	                                     its edges and its measures) */
	int formula_guard;                /* CSV: 1 (the default) writes each cell through
	                                     ripple_csv_write_cell's formula guard; 0 as it is */
} ripple_export_options;

#define RIPPLE_EXPORT_OPTIONS_INIT {RIPPLE_EXPORT_GRAPHML, NULL, RIPPLE_METRICS_OPTIONS_INIT, \
                                    RIPPLE_GRAPH_OPTIONS_INIT, 1}

/** One file of an export. */
typedef struct ripple_export_file {
	const char *role;         /* what it holds: "graph", "edges", "nodes" (static) */
	const char *suffix;       /* NULL: the file the user named; else what replaces the
	                             name's extension for this extra file, e.g. "-nodes.csv" */
	char *data;               /* owned */
	size_t len;
} ripple_export_file;

/** An export: one file, or several (CSV: the edges, then the nodes). */
typedef struct ripple_export {
	ripple_export_file *files; /* owned; files[0] is the one the user named */
	size_t nfiles;
} ripple_export;

/**
 * Exports the place m in opts->format: every actor with its attributes (the
 * columns of actors.csv) and its measures (ripple_metrics_compute, as
 * `ripple metrics --nodes`), and one edge per pair tied at a wave (per ordered
 * pair when directed) with the types, summed weight, number and extra columns
 * of its ties. Each wave is its network as opts->graph builds it: edges with
 * an actor that is not a member are left out, and an arc imputed to a
 * non-respondent is written as a copy of the reported reverse arc with `ties`
 * 0. A one-wave format needs opts->wave (RIPPLE_EUSAGE without it,
 * RIPPLE_ENOTFOUND for a wave the place does not have); the others take no
 * wave (RIPPLE_EUSAGE). Costs the measures of each wave exported plus
 * O(ties log ties). The caller releases *out with ripple_export_release.
 */
int ripple_export_write(ripple_export *out, const ripple_model *m,
                        const ripple_export_options *opts, ripple_error *err);

void ripple_export_release(ripple_export *e);

#endif /* RIPPLE_EXPORT_API_H */
