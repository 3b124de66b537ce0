/*
 * floor.c - the floor of ripple's path work: the bare fused search, timed.
 *
 *     build/release/bench/floor PLACE_FOLDER [--runs R]     (make bench-floor)
 *
 * Reads a generated place folder (datasets/generate.py: actors.csv, ties.csv
 * with source,target,wave first, no quoted fields) and, for every wave, runs
 * from every actor the one breadth-first search that engine/paths.c runs:
 * shortest-path counts and 1/d, d and the largest d on the way out, Brandes's
 * dependencies pulled from each actor's kids on the way back. Nothing else:
 * no igraph, no SQLite, no worker processes, no other measure; one process. The ties are undirected and a
 * pair's ties are one edge, as ripple's graph of an undirected place.
 *
 * Prints, per wave and in total, the actors, the edges and the best wall and
 * CPU seconds of R runs (default 3) of the searches alone (reading the folder
 * and building the adjacency are not timed), and checksums (the sums of
 * betweenness and of harmonic closeness, the diameter, the mean distance) that ripple metrics can be
 * held against. "Path work within 1.2x of the floor" compares these seconds
 * with ripple's own (docs/MEASURES.md, "How fast").
 *
 * Deliberately independent of ripple's code: its own reader, its own search.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct pair { uint32_t a, b; } pair;

typedef struct wave {
	char *name;
	pair *pairs;
	size_t npairs, cap;
} wave;

static char **ids;           /* actor ids, sorted, for bsearch */
static size_t nids;

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int cmp_pair(const void *x, const void *y)
{
	const pair *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "floor: out of memory\n");
		exit(1);
	}
	return q;
}

static uint32_t actor(const char *id, const char *file, long line)
{
	char *const *hit = bsearch(&id, ids, nids, sizeof(*ids), cmp_str);
	if (!hit) {
		fprintf(stderr, "floor: %s:%ld: unknown actor \"%s\"\n", file, line, id);
		exit(2);
	}
	return (uint32_t)(hit - ids);
}

/* The first k comma-separated fields of line (modified in place). */
static int fields(char *line, char **f, int k)
{
	int i = 0;
	line[strcspn(line, "\r\n")] = '\0';
	for (char *s = line; i < k; i++) {
		f[i] = s;
		if (!(s = strchr(s, ',')))
			return i + 1;
		*s++ = '\0';
	}
	return i;
}

static double now(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/*
 * The fused search from every source; returns the sum of betweenness. The way
 * out counts paths and writes down each actor's kids (one step further on a
 * shortest path, an actor's kids together); the way back pulls each actor's
 * dependency from its kids, deepest first: the cheapest form of Brandes's
 * search we know (about 40 % less than pushing over every tie again, as
 * igraph does).
 */
static double all_sources(size_t n, const uint32_t *off, const uint32_t *to, double *bet,
                          double *diameter, double *mean, double *closeness)
{
	struct spot { double sigma; int32_t dist; } *at = malloc((n + 1) * sizeof(*at));
	double *coeff = calloc(n + 1, sizeof(*coeff)), *harm = calloc(n + 1, sizeof(*harm));
	double sum = 0, pairs = 0, far = 0, total = 0;
	uint32_t *order = malloc((n + 1) * sizeof(*order)), *first = malloc((n + 2) * sizeof(*first));
	uint32_t *kids = malloc((off[n] + 1) * sizeof(*kids));

	if (!at || !coeff || !harm || !order || !first || !kids) {
		fprintf(stderr, "floor: out of memory\n");
		exit(1);
	}
	for (size_t v = 0; v < n; v++)
		at[v].dist = -1, at[v].sigma = 0;
	memset(bet, 0, n * sizeof(*bet));
	*closeness = 0;
	for (uint32_t s = 0; s < n; s++) {
		size_t head = 0, tail = 1;
		uint32_t nkids = 0;
		double inv = 0;
		order[0] = s;
		at[s].dist = 0;
		at[s].sigma = 1;
		while (head < tail) {
			uint32_t u = order[head];
			int32_t du = at[u].dist;
			double su = at[u].sigma;
			first[head++] = nkids;
			if (du > 0) {
				inv += 1.0 / du;
				sum += du;
				pairs += 1;
			}
			for (uint32_t e = off[u]; e < off[u + 1]; e++) {
				uint32_t v = to[e];
				if (at[v].dist < 0) {
					at[v].dist = du + 1;
					order[tail++] = v;
				}
				if (at[v].dist == du + 1) {
					at[v].sigma += su;
					kids[nkids++] = v;
				}
			}
		}
		first[tail] = nkids;
		if (at[order[tail - 1]].dist > far)
			far = at[order[tail - 1]].dist;
		harm[s] = inv / (double)(n - 1);
		for (size_t i = tail; i-- > 1;) {
			uint32_t x = order[i];
			double sx = at[x].sigma, delta = 0;
			for (uint32_t k = first[i]; k < first[i + 1]; k++)
				delta += sx * coeff[kids[k]];
			coeff[x] = (1 + delta) / sx;
			bet[x] += delta;
			at[x].dist = -1;
			at[x].sigma = 0;
		}
		at[s].dist = -1;
		at[s].sigma = 0;
	}
	for (size_t v = 0; v < n; v++) {
		total += (bet[v] *= 0.5);
		*closeness += harm[v];
	}
	*diameter = far;
	*mean = pairs > 0 ? sum / pairs : 0;
	free(at);
	free(coeff);
	free(harm);
	free(order);
	free(first);
	free(kids);
	return total;
}

int main(int argc, char **argv)
{
	char path[4096], line[4096], *f[3];
	wave *waves = NULL;
	size_t nwaves = 0;
	int runs = 3;
	long lineno = 0;
	double tw = 0, tc = 0;
	FILE *in;

	if (argc == 4 && !strcmp(argv[2], "--runs"))
		runs = atoi(argv[3]);
	if ((argc != 2 && argc != 4) || runs < 1) {
		fprintf(stderr, "usage: floor PLACE_FOLDER [--runs R]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/actors.csv", argv[1]);
	if (!(in = fopen(path, "r"))) {
		fprintf(stderr, "floor: cannot open %s\n", path);
		return 2;
	}
	while (fgets(line, sizeof(line), in))
		if (lineno++ > 0 && fields(line, f, 1) >= 1) {
			ids = xrealloc(ids, (nids + 1) * sizeof(*ids));
			ids[nids++] = strdup(f[0]);
		}
	fclose(in);
	qsort(ids, nids, sizeof(*ids), cmp_str);

	snprintf(path, sizeof(path), "%s/ties.csv", argv[1]);
	if (!(in = fopen(path, "r"))) {
		fprintf(stderr, "floor: cannot open %s\n", path);
		return 2;
	}
	for (lineno = 1; fgets(line, sizeof(line), in); lineno++) {
		wave *w = NULL;
		pair p;
		if (lineno == 1)
			continue;
		if (fields(line, f, 3) < 3) {
			fprintf(stderr, "floor: %s:%ld: fewer than 3 fields\n", path, lineno);
			return 2;
		}
		for (size_t i = 0; i < nwaves && !w; i++)
			if (!strcmp(waves[i].name, f[2]))
				w = &waves[i];
		if (!w) {
			waves = xrealloc(waves, (nwaves + 1) * sizeof(*waves));
			w = &waves[nwaves++];
			memset(w, 0, sizeof(*w));
			w->name = strdup(f[2]);
		}
		p.a = actor(f[0], path, lineno);
		p.b = actor(f[1], path, lineno);
		if (p.a == p.b)
			continue;
		if (w->npairs == w->cap)
			w->pairs = xrealloc(w->pairs, (w->cap = 2 * w->cap + 64) * sizeof(*w->pairs));
		/* both directions: the adjacency of an undirected graph */
		w->pairs[w->npairs++] = p;
		if (w->npairs == w->cap)
			w->pairs = xrealloc(w->pairs, (w->cap = 2 * w->cap + 64) * sizeof(*w->pairs));
		w->pairs[w->npairs++] = (pair){ p.b, p.a };
	}
	fclose(in);

	printf("wave,actors,edges,wall_s,cpu_s,betweenness_sum,closeness_sum,diameter,mean_distance\n");
	for (size_t i = 0; i < nwaves; i++) {
		wave *w = &waves[i];
		size_t n = nids, k = 0;
		uint32_t *off = calloc(n + 1, sizeof(*off)), *to;
		double *bet = malloc(n * sizeof(*bet)), best_w = 1e300, best_c = 1e300, sum = 0;
		double diameter = 0, mean = 0, closeness = 0;

		qsort(w->pairs, w->npairs, sizeof(*w->pairs), cmp_pair);
		to = malloc((w->npairs + 1) * sizeof(*to));
		if (!off || !bet || !to) {
			fprintf(stderr, "floor: out of memory\n");
			return 1;
		}
		for (size_t j = 0; j < w->npairs; j++) {
			if (j > 0 && !cmp_pair(&w->pairs[j], &w->pairs[j - 1]))
				continue;   /* a pair's ties are one edge */
			off[w->pairs[j].a + 1]++;
			to[k++] = w->pairs[j].b;
		}
		for (size_t v = 0; v < n; v++)
			off[v + 1] += off[v];
		for (int r = 0; r < runs; r++) {
			double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID), dw, dc;
			sum = all_sources(n, off, to, bet, &diameter, &mean, &closeness);
			dw = now(CLOCK_MONOTONIC) - w0;
			dc = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
			best_w = dw < best_w ? dw : best_w;
			best_c = dc < best_c ? dc : best_c;
		}
		printf("%s,%zu,%zu,%.4f,%.4f,%.6f,%.6f,%g,%.9f\n", w->name, n, k / 2, best_w, best_c, sum,
		       closeness, diameter, mean);
		tw += best_w;
		tc += best_c;
		free(off);
		free(to);
		free(bet);
	}
	printf("total,,,%.4f,%.4f,,,,\n", tw, tc);
	for (size_t i = 0; i < nwaves; i++) {
		free(waves[i].name);
		free(waves[i].pairs);
	}
	free(waves);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	return 0;
}
