/*
 * mixing.c - the sector x sector mixing matrix as table rows: one wave's
 * matrix (ripple metrics --mixing) and its change between two waves (the
 * mixing section of ripple compare). docs/MEASURES.md, "Sector mixing".
 */
#include <stdlib.h>

#include "cli.h"

const cli_column cli_mixing_columns[CLI_MIXING_NCOLS] = {
	{ "place", CLI_STR }, { "wave", CLI_STR }, { "sector_a", CLI_STR }, { "sector_b", CLI_STR },
	{ "ties", CLI_INT }, { "share", CLI_NUM }
};

const cli_column cli_mixing_change_columns[CLI_MIXING_CHANGE_NCOLS] = {
	{ "place", CLI_STR }, { "sector_a", CLI_STR }, { "sector_b", CLI_STR }, { "from", CLI_INT },
	{ "to", CLI_INT }, { "change", CLI_INT }, { "share_from", CLI_NUM }, { "share_to", CLI_NUM },
	{ "share_change", CLI_NUM }
};

/* The cells of the matrix that make rows: a <= b when undirected, every ordered pair when
 * directed. Advances (*a, *b) to the next one; 0 at the end. */
static int next_cell(const ripple_mixing *mx, size_t *a, size_t *b)
{
	if (++*b < mx->nsectors)
		return 1;
	if (++*a >= mx->nsectors)
		return 0;
	*b = mx->directed ? 0 : *a;
	return 1;
}

int cli_mixing_add(cli_table *t, const ripple_graph *g, const ripple_mixing *mx,
                   enum cli_format fmt)
{
	size_t a = 0, b = (size_t)-1;

	while (next_cell(mx, &a, &b)) {
		char n[48], s[48];
		cli_format_number(n, sizeof(n), (double)ripple_mixing_ties(mx, a, b), 1, fmt);
		cli_format_number(s, sizeof(s), ripple_mixing_share(mx, a, b), 0, fmt);
		const char *row[] = { g->place, g->wave, ripple_mixing_sector_label(mx->sectors[a]),
		                      ripple_mixing_sector_label(mx->sectors[b]), n, s };
		if (cli_table_add(t, row) < 0)
			return RIPPLE_ENOMEM;
	}
	return RIPPLE_OK;
}

int cli_mixing_change_add(cli_table *t, const char *place, const ripple_mixing *m1,
                          const ripple_mixing *m2, enum cli_format fmt)
{
	size_t a = 0, b = (size_t)-1;

	/* both of one place: the same sectors (the place's), so the cells line up */
	while (next_cell(m1, &a, &b)) {
		char x[48], y[48], d[48], sx[48], sy[48], sd[48];
		long n1 = ripple_mixing_ties(m1, a, b), n2 = ripple_mixing_ties(m2, a, b);
		double s1 = ripple_mixing_share(m1, a, b), s2 = ripple_mixing_share(m2, a, b);
		cli_format_number(x, sizeof(x), (double)n1, 1, fmt);
		cli_format_number(y, sizeof(y), (double)n2, 1, fmt);
		cli_format_number(d, sizeof(d), (double)(n2 - n1), 1, fmt);
		cli_format_number(sx, sizeof(sx), s1, 0, fmt);
		cli_format_number(sy, sizeof(sy), s2, 0, fmt);
		cli_format_number(sd, sizeof(sd), s2 - s1, 0, fmt);
		const char *row[] = { place, ripple_mixing_sector_label(m1->sectors[a]),
		                      ripple_mixing_sector_label(m1->sectors[b]), x, y, d, sx, sy, sd };
		if (cli_table_add(t, row) < 0)
			return RIPPLE_ENOMEM;
	}
	return RIPPLE_OK;
}
