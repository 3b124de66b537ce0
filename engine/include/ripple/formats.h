/*
 * ripple/formats.h - places written in other tools' formats (Kumu, RippleFX);
 * ripple/place.h has their readers.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_FORMATS_API_H
#define RIPPLE_FORMATS_API_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ripple/model.h"

/* ------------------------------------------------------------------------ */
/* Other tools' formats (docs/IMPORT.md)                                      */
/* ------------------------------------------------------------------------ */

/**
 * A place written as a Kumu spreadsheet: the Elements sheet (one row per
 * actor: ID, Label, Type, Kind, Sector, Town, Attended, Parent and each
 * actor attribute) and the Connections sheet (one row per tie at each wave:
 * From, To, Type, Direction, Wave, Weight and each tie attribute), as CSV in
 * two malloc'd buffers. `ripple import --from kumu` of the two files gives
 * back the same actors, attributes, ties, waves and weights (docs/IMPORT.md
 * names what Kumu has no room for: ripples, wave dates, waves without ties).
 * RIPPLE_EINPUT when the place cannot be written faithfully (no actors; an id
 * or wave with '|' in it, which Kumu reads as a list; an attribute named like
 * a column Kumu reads, e.g. a tie attribute "direction"). Costs one pass over
 * the model's actors, ties and attributes. formula_guard 1 writes each cell
 * through ripple_csv_write_cell's guard, which `--from kumu` undoes.
 */
int ripple_kumu_write(char **elements, size_t *elements_len, char **connections,
                      size_t *connections_len, const ripple_model *m, int formula_guard,
                      ripple_error *err);

/**
 * ripple_kumu_write into folder/elements.csv and folder/connections.csv (the
 * folder is made when missing), the two as one unit: written into a temporary
 * folder beside it and renamed or swapped in (ripple_write_folder, fileio.h),
 * so a reader or a kill sees the old pair or the new, never a mix. A folder
 * holding a folder is RIPPLE_EINPUT.
 */
int ripple_kumu_export(const ripple_model *m, const char *folder, int formula_guard,
                       ripple_error *err);

/**
 * The ripples of a place as RippleFX reads them (docs/IMPORT.md): nodes.csv
 * (the programme, then each ripple with its date as dd/MM/yyyy and its
 * capitals, valence, intended and organisations as attribute pairs) and
 * relationships.csv (parent -> child). A ripple dated only by month or year
 * is RIPPLE_EINPUT, as is a place without ripples. Buffers malloc'd.
 * formula_guard as ripple_kumu_write's (`--from ripplefx` undoes it).
 */
int ripple_ripplefx_write(char **nodes, size_t *nodes_len, char **relationships,
                          size_t *relationships_len, const ripple_model *m, int formula_guard,
                          ripple_error *err);

/** ripple_ripplefx_write into folder/nodes.csv and folder/relationships.csv, the two as
 * one unit, as ripple_kumu_export. */
int ripple_ripplefx_export(const ripple_model *m, const char *folder, int formula_guard,
                           ripple_error *err);

/**
 * The ripple map of a place as an XMind file (a zip holding content.json:
 * the programme as the central topic, each ripple a topic under its parent
 * with the ripple's id, its codes as labels; docs/EXPORT.md), which
 * `ripple import --from xmind` reads back to the same ripples. *data is
 * malloc'd. RIPPLE_EINPUT when a ripple names an actor whose id holds ';' or
 * ','. Costs one pass over the ripples.
 */
int ripple_xmind_write(char **data, size_t *len, const ripple_model *m, ripple_error *err);

/**
 * The ripple map as a FreeMind / Freeplane map (.mm): a node a ripple, its id
 * and codes as node attributes. Contract as ripple_xmind_write.
 */
int ripple_freemind_write(char **data, size_t *len, const ripple_model *m, ripple_error *err);

#endif /* RIPPLE_FORMATS_API_H */
