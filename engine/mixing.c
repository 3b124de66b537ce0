/*
 * mixing.c - the sector x sector mixing matrix of one wave (ripple/mixing.h;
 * docs/MEASURES.md, "Sector mixing").
 */
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/error.h"
#include "ripple/graph.h"
#include "ripple/mixing.h"
#include "ripple/model.h"
#include "ripple/place.h"

/* Bytewise order, with "" (no sector) after every sector. */
static int sector_cmp(const char *a, const char *b)
{
	if (!*a || !*b)
		return !*a - !*b;
	return strcmp(a, b);
}

static int by_sector(const void *x, const void *y)
{
	return sector_cmp(*(const char *const *)x, *(const char *const *)y);
}

size_t ripple_mixing_sector(const ripple_mixing *mx, const char *sector)
{
	size_t lo = 0, hi = mx->nsectors;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = sector_cmp(mx->sectors[mid], sector);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return RIPPLE_NONE;
}

int ripple_mixing_compute(ripple_mixing *out, const ripple_graph *g, ripple_error *err)
{
	const ripple_model *m = g->model;
	const igraph_t *graph = g->directed ? g->graph : g->undirected;
	size_t *of = NULL, k = 0;
	int rc = RIPPLE_OK;

	memset(out, 0, sizeof(*out));
	out->directed = g->directed;
	out->sectors = malloc((m->nactors ? m->nactors : 1) * sizeof(*out->sectors));
	of = malloc((m->nactors ? m->nactors : 1) * sizeof(*of));
	if (!out->sectors || !of)
		goto done;
	for (size_t i = 0; i < m->nactors; i++)
		out->sectors[i] = m->actors[i].sector;
	qsort(out->sectors, m->nactors, sizeof(*out->sectors), by_sector);
	for (size_t i = 0; i < m->nactors; i++)
		if (k == 0 || strcmp(out->sectors[k - 1], out->sectors[i]) != 0)
			out->sectors[k++] = out->sectors[i];
	out->nsectors = k;
	if (!(out->ties = calloc(k ? k * k : 1, sizeof(*out->ties))))
		goto done;
	for (size_t i = 0; i < m->nactors; i++)
		of[i] = ripple_mixing_sector(out, m->actors[i].sector);

	/* vertex i is actor i; a non-member has no edges, so every edge is of members */
	for (igraph_integer_t e = 0; e < igraph_ecount(graph); e++) {
		size_t a = of[IGRAPH_FROM(graph, e)], b = of[IGRAPH_TO(graph, e)];
		out->ties[a * k + b]++;
		if (!g->directed && a != b)
			out->ties[b * k + a]++;
		out->total++;
	}
done:
	if (!of || !out->ties) {
		ripple_mixing_release(out);
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	free(of);
	return rc;
}

void ripple_mixing_release(ripple_mixing *mx)
{
	if (!mx)
		return;
	free(mx->sectors);
	free(mx->ties);
	memset(mx, 0, sizeof(*mx));
}

long ripple_mixing_ties(const ripple_mixing *mx, size_t a, size_t b)
{
	return mx->ties[a * mx->nsectors + b];
}

double ripple_mixing_share(const ripple_mixing *mx, size_t a, size_t b)
{
	return mx->total ? (double)ripple_mixing_ties(mx, a, b) / (double)mx->total : NAN;
}

const char *ripple_mixing_sector_label(const char *sector)
{
	return *sector ? sector : "(none)";
}
