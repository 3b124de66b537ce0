/*
 * ripple.h - the one header the command line (and any other program) includes.
 *
 * ripple turns place folders of CSV files (actors, ties, waves, ripples) into an
 * embedded SQLite store and from there into igraph graphs, measures and pictures.
 *
 * Conventions (see STYLE.md):
 *   - a fallible function returns int: 0 (RIPPLE_OK) or a negative RIPPLE_E* code,
 *     and takes the error (or the list of diagnostics) last;
 *   - output parameters come first; what comes back through **out is the caller's,
 *     released with the matching _free (which accepts NULL);
 *   - the engine never prints and never exits.
 */
#ifndef RIPPLE_H
#define RIPPLE_H

#include "ripple/error.h"
#include "ripple/fileio.h"
#include "ripple/csv.h"
#include "ripple/place.h"
#include "ripple/store.h"
#include "ripple/model.h"
#include "ripple/rollup.h"
#include "ripple/pseudo.h"
#include "ripple/source.h"
#include "ripple/formats.h"
#include "ripple/graph.h"
#include "ripple/metrics.h"
#include "ripple/compare.h"
#include "ripple/waves.h"
#include "ripple/mixing.h"
#include "ripple/batch.h"
#include "ripple/export.h"
#include "ripple/pictures.h"
#include "ripple/report.h"

#endif /* RIPPLE_H */
