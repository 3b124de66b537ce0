/*
 * report.c - one HTML file an evaluator can send to a board or a funder.
 *
 * A place report compares two waves (ripple_compare_run) and puts the result
 * in words and pictures: headline cards, the change map and the ripple map
 * (Graphviz SVG, inlined), the community capitals of the ripples (tables and a
 * bar chart drawn here), the top gainers, the new ties, the ripples that rest
 * on them, the two permutation tests in plain English and a methods appendix.
 * A summary report does the same across places from one ripple_batch_run.
 *
 * The page needs nothing but itself: CSS and SVG are inline, there is no
 * script, no font, image or link outside the file. Every piece of user text
 * goes through html.c's escaping (a %s of ripple_html_f), so a label such as
 * <script> shows as text. Output is deterministic: no date or time is written,
 * so the same data and options give the same bytes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/batch.h"
#include "ripple/compare.h"
#include "ripple/csv.h"
#include "ripple/error.h"
#include "ripple/metrics.h"
#include "ripple/mixing.h"
#include "ripple/pseudo.h"
#include "ripple/model.h"
#include "ripple/pictures.h"
#include "ripple/place.h"
#include "ripple/report.h"
#include "ripple/rollup.h"
#include "ripple/store.h"
#include "ripple/waves.h"
#include "html.h"
#include "render.h"
#include "util.h"

#define MINUS "\xe2\x88\x92"      /* U+2212 */
#define ARROW "\xe2\x86\x92"      /* U+2192 */
#define ELLIPSIS "\xe2\x80\xa6"   /* U+2026 */
#define DASH "\xe2\x80\x93"       /* U+2013, for "not defined" in tables */
#define NEW_COLOUR RIPPLE_NEW_COLOUR           /* as the change map (render.h) */
#define BRIDGING_COLOUR RIPPLE_BRIDGING_COLOUR
#define SECTOR_COLOUR "#009988"   /* Tol vibrant teal */
#define FIRST_COLOUR "#33BBEE"    /* Tol vibrant cyan */
#define DENSITY_COLOUR "#332288"  /* Tol muted indigo */
#define GREW_COLOUR "#d4e6f4"     /* a light NEW_COLOUR: a mixing cell that grew */
#define FELL_COLOUR "#f3dbe6"     /* a light Tol vibrant magenta: a mixing cell that fell */
/* The most a printed picture (or each half of the before | after pair) is high, in mm:
 * with its heading, caption and margins (about 30 mm more) under half of A4's printable
 * 269 mm, so one moved whole to the next page, with its heading, leaves less than half a
 * page blank (112 mm left Stockton's page 4 exactly half blank). */
#define PRINT_PICTURE_MM 100
/* The most a picture drawn for an A4 portrait page is high in print, in mm: the page's
 * drawing (its 10 mm margin cropped, 190 x 277 mm) with a one-line label on one printed
 * page of 269 mm, at a scale of 255 / 277 = 0.92 (a 7.8 pt text prints at 7.2 pt). */
#define PRINT_PAGE_MM 255
#define STRING_(x) #x
#define STRING(x) STRING_(x)
#define ALPHA 0.05                /* the p below which a result is called unlikely to be chance */

/* ---- the page -------------------------------------------------------------- */

static const char css[] =
	":root{--ink:#1f1f1f;--muted:#4d4d4d;--line:#c8c8c8;--accent:#332288;--soft:#f3f3f7}\n"
	"*{box-sizing:border-box}\n"
	"html{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
	"\"Liberation Sans\",sans-serif;color:var(--ink);background:#fff;line-height:1.45}\n"
	"body{margin:0 auto;max-width:64rem;padding:1.5rem 1.25rem 3rem}\n"
	"h1{font-size:1.9rem;line-height:1.2;margin:0 0 .3rem;color:var(--accent)}\n"
	"h2{font-size:1.35rem;margin:2.4rem 0 .6rem;padding-bottom:.2rem;"
	"border-bottom:2px solid var(--accent)}\n"
	"h3{font-size:1.05rem;margin:1.5rem 0 .4rem}\n"
	"p{margin:.45rem 0}\n"
	".subtitle{color:var(--muted);margin:0 0 .2rem}\n"
	".lede{font-size:1.05rem;max-width:48rem}\n"
	"nav.toc{margin:1rem 0;padding:.5rem .8rem;background:var(--soft);border-radius:4px}\n"
	"nav.toc ol{margin:.2rem 0;padding-left:1.4rem;columns:2}\n"
	"nav.toc a{color:var(--accent)}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));"
	"gap:.75rem;margin:1rem 0}\n"
	".card{border:1px solid var(--line);border-left:6px solid var(--accent);border-radius:4px;"
	"padding:.55rem .8rem;background:var(--soft);break-inside:avoid}\n"
	".card-value{font-size:1.75rem;font-weight:700;margin:0;line-height:1.15;"
	"font-variant-numeric:tabular-nums}\n"
	".card-label{font-weight:600;margin:.15rem 0 0}\n"
	".card-note{font-size:.85rem;color:var(--muted);margin:.2rem 0 0}\n"
	".how{border-left:5px solid #DDAA33;background:#fbf6e9;padding:.45rem .8rem;margin:.8rem 0;"
	"font-size:.93rem;break-inside:avoid}\n"
	".how strong{color:#6b4d00}\n"
	".warning{border-left:5px solid #AA3377;background:#f9ecf2;padding:.45rem .8rem;"
	"margin:.8rem 0;break-inside:avoid}\n"
	".warning strong{color:#6e1f4b}\n"
	"figure{margin:1rem 0}\n"
	"svg.picture{display:block;width:100%;height:auto;max-height:92vh;"
	"border:1px solid var(--line);background:#fff}\n"
	"svg.chart{display:block;width:100%;max-width:46rem;height:auto}\n"
	"figcaption{font-size:.9rem;color:var(--muted);margin-top:.35rem}\n"
	".table-wrap{overflow-x:auto}\n"
	"table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem;width:100%}\n"
	"caption{text-align:left;font-size:.9rem;color:var(--muted);padding-bottom:.3rem}\n"
	"th,td{border-bottom:1px solid var(--line);padding:.28rem .45rem;text-align:left;"
	"vertical-align:top}\n"
	"thead th{background:var(--soft);border-bottom:2px solid var(--muted)}\n"
	"tbody th{font-weight:600}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.num{white-space:nowrap}\n"
	"tr.total th,tr.total td{border-top:2px solid var(--muted);font-weight:600}\n"
	".flag-yes{font-weight:600}\n"
	".flag-no,.muted{color:var(--muted)}\n"
	".sort{font-size:.75em;color:var(--muted)}\n"
	"dl.defs dt{font-weight:600;margin-top:.45rem}\n"
	"dl.defs dd{margin:0 0 0 1.2rem}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\n"
	"dl.facts dt{font-weight:600}\n"
	"dl.facts dd{margin:0}\n"
	"code{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:.88em;"
	"background:var(--soft);padding:0 .2em}\n"
	"footer{margin-top:2.5rem;font-size:.85rem;color:var(--muted);"
	"border-top:1px solid var(--line);padding-top:.5rem}\n"
	"pre.command{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);"
	"padding:.4rem .6rem;margin:.3rem 0}\n"
	"pre.command code{background:none;padding:0}\n"
	"@media (max-width:40rem){\n"
	"body{padding:1rem .75rem 2rem}\n"
	"h1{font-size:1.5rem}\n"
	"nav.toc ol{columns:1}\n"
	"dl.facts{display:block}\n"
	"dl.facts dd{margin:0 0 .4rem}\n"
	".cards{grid-template-columns:1fr 1fr}\n"
	".card-value{font-size:1.4rem}\n"
	"td,th{overflow-wrap:anywhere}\n"
	"}\n"
	"@page{size:A4;margin:14mm 12mm}\n"
	"@media print{\n"
	"html{font-size:9.5pt}\n"
	"body{max-width:none;padding:0}\n"
	"nav.toc{display:none}\n"
	"h2{break-after:avoid;margin-top:1.6rem}\n"
	"h3{break-after:avoid}\n"
	/* no forced page break, and nothing unbreakable taller than about half the printable
	 * height, so a block moved whole to the next page leaves less than half a page
	 * blank: pictures at most PRINT_PICTURE_MM high, long tables break between rows */
	"table{font-size:8.5pt}\n"
	"thead{display:table-header-group}\n"
	"tr,.card,figure,.how,svg.chart,.keep,caption{break-inside:avoid}\n"
	"caption{break-after:avoid}\n"
	"pre.command{break-inside:avoid;break-before:avoid}\n"
	"footer{break-before:avoid;break-inside:avoid}\n"
	/* not dl.facts: in a grid a break after any item of a row is a break after the row,
	 * so every dt forbidding one made the Methods' facts one unbreakable block */
	"dl.defs dt{break-after:avoid}\n"
	"svg.picture{max-height:" STRING(PRINT_PICTURE_MM) "mm;border:none;margin:0 auto}\n"
	"svg.chart{max-height:" STRING(PRINT_PICTURE_MM) "mm}\n"
	".table-wrap{overflow:visible}\n"
	"a{color:inherit;text-decoration:none}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"}\n";

/* What only a place report uses: the every-wave table's dates, the mixing table. */
static const char place_css[] =
	".story{font-size:1.12rem;border-left:6px solid var(--accent);padding:.2rem 0 .2rem .9rem;"
	"margin:1rem 0 1.2rem;max-width:50rem}\n"
	".story p{margin:.35rem 0}\n"
	"div.pair{display:flex;gap:.5rem;align-items:flex-start}\n"
	"div.pair-half{min-width:0}\n"
	"div.pair-half svg.picture{max-height:none}\n"
	".pair-label{margin:0 0 .2rem;font-weight:600;font-size:.9rem}\n"
	/* a phone and paper: before above after; on paper at one scale (the widths come with
	 * the page, section_network), each half free to move to the next page on its own */
	"@media (max-width:40rem){div.pair{flex-direction:column}div.pair-half{width:100%}}\n"
	"@media print{figure.pair{break-inside:auto}div.pair{display:block}"
	"div.pair-half{width:var(--stacked-width,100%);break-inside:avoid;margin-bottom:.6rem}"
	"div.pair-half svg.picture{max-height:" STRING(PRINT_PICTURE_MM) "mm;margin:0}"
	"figure.pair figcaption{break-before:avoid}}\n"
	/* a picture drawn for A4: inline on screen; on paper a page of its own at the end
	 * (print_pictures: <use> of the inline drawing, which is kept, at no size, for it),
	 * so that no page before it is left blank by a picture too tall to share a page */
	".print-only{display:none}\n"
	"@media print{.print-only{display:block}"
	"figure.page>svg.picture{position:absolute;width:0;height:0;overflow:hidden}"
	"section.print-pictures figure{break-before:page;break-inside:avoid;margin:0}"
	"section.print-pictures svg{display:block;height:auto;max-height:" STRING(PRINT_PAGE_MM)
	"mm;margin:0 auto}}\n"
	".fallback{font-size:.85rem;color:var(--muted);margin:.2rem 0}\n"
	".date{white-space:nowrap;font-weight:400}\n"
	"table.mixing td,table.mixing th{text-align:center}\n"
	"table.mixing tbody th{text-align:left}\n"
	"table.mixing td.grew{background:" GREW_COLOUR "}\n"
	"table.mixing td.fell{background:" FELL_COLOUR "}\n"
	".key{display:inline-block;width:1.6em;height:.9em;border:1px solid var(--line);"
	"vertical-align:-.1em}\n";

/* The page up to <body>: css, then extra_css (trusted, NULL for none). */
static void page_start(ripple_html *h, const char *title, const char *extra_css)
{
	ripple_html_f(h, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
	                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                 "<meta name=\"generator\" content=\"ripple %s\">\n"
	                 "<title>%s</title>\n<style>\n", RIPPLE_VERSION, title);
	ripple_html_raw(h, css);
	ripple_html_raw(h, extra_css);
	ripple_html_raw(h, "</style>\n</head>\n<body>\n");
}

/* The footer and the end of the page; tail (trusted markup, NULL for none) after the
 * footer: what is printed after the report's last words (a place's page pictures). */
static void page_end(ripple_html *h, const char *tail)
{
	ripple_html_f(h, "<footer><p>Made with ripple %s. The numbers can be checked with "
	                 "<code>ripple compare</code> and <code>ripple batch</code>; every measure is "
	                 "defined in ripple&#39;s docs/MEASURES.md.</p></footer>\n", RIPPLE_VERSION);
	if (tail)
		ripple_html_raw(h, tail);
	ripple_html_raw(h, "</body>\n</html>\n");
}

/* "How to read this": a note for a reader who is not a network analyst. */
static void how_to_read(ripple_html *h, const char *text)
{
	ripple_html_raw(h, "<aside class=\"how\"><p><strong>How to read this.</strong> ");
	ripple_html_raw(h, text);
	ripple_html_raw(h, "</p></aside>\n");
}

/* ---- numbers --------------------------------------------------------------- */

/* A count with thousands separators: 1,000. */
static const char *count_text(char *buf, size_t size, double v)
{
	char digits[32];
	size_t n, k = 0;
	int neg = v < 0;

	if (!isfinite(v)) {
		snprintf(buf, size, "%s", "not defined");
		return buf;
	}
	snprintf(digits, sizeof(digits), "%.0f", fabs(v));
	n = strlen(digits);
	if (neg && k + 1 < size)
		buf[k++] = '-';
	for (size_t i = 0; i < n && k + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

/* A measure: decimals places, "not defined" for NAN, never "-0.000". */
static const char *num_text(char *buf, size_t size, double v, int decimals)
{
	if (!isfinite(v))
		snprintf(buf, size, "%s", "not defined");
	else if (decimals == 0)
		return count_text(buf, size, v);
	else {
		snprintf(buf, size, "%.*f", decimals, v);
		if (strspn(buf, "-0.") == strlen(buf) && buf[0] == '-')
			memmove(buf, buf + 1, strlen(buf));
	}
	return buf;
}

/* A change: +0.036, −0.012 (a real minus sign) or 0. */
static const char *signed_text(char *buf, size_t size, double v, int decimals)
{
	char t[64];

	if (!isfinite(v)) {
		snprintf(buf, size, "%s", "not defined");
		return buf;
	}
	num_text(t, sizeof(t), fabs(v), decimals);
	if (strspn(t, "0.,") == strlen(t))
		snprintf(buf, size, "%s", t);   /* rounds to zero: no sign */
	else
		snprintf(buf, size, "%s%s", v < 0 ? MINUS : "+", t);
	return buf;
}

/* A value for a data-value attribute: as ripple's JSON writes it, "" for NAN. */
static const char *data_text(char *buf, size_t size, double v)
{
	return ripple_number_text(buf, size, v, 0, 0);
}

static const char *percent_text(char *buf, size_t size, double part, double whole)
{
	if (!(whole > 0))
		snprintf(buf, size, "%s", "not defined");
	else
		snprintf(buf, size, "%.0f%%", 100.0 * part / whole);
	return buf;
}

/*
 * A response rate and the threshold it is below, as percentages with as many
 * decimals as it takes for the two not to read the same (51 of 73 against
 * 70%: "69.9%", not "70%").
 */
static void below_text(char *rate, char *min, size_t size, double part, double whole,
                       double threshold)
{
	int digits = 0;
	do {
		snprintf(rate, size, "%.*f%%", digits, 100.0 * part / whole);
		snprintf(min, size, "%.*f%%", digits, 100.0 * threshold);
	} while (strcmp(rate, min) == 0 && ++digits < 7);
	snprintf(min, size, "%g%%", 100.0 * threshold);
}

/* A p-value in words: "p = 0.004". */
static const char *p_text(char *buf, size_t size, double p)
{
	if (!isfinite(p))
		snprintf(buf, size, "%s", "no p-value");
	else
		snprintf(buf, size, "p = %.3f", p);
	return buf;
}

/* The first max characters of s (UTF-8), with an ellipsis when cut. */
static const char *shorten(char *buf, size_t size, const char *s, int max)
{
	size_t k = 0;
	int chars = 0;

	for (; *s && k + 4 < size; chars++) {
		size_t n = 1;
		unsigned char c = (unsigned char)*s;
		if (chars == max) {
			memcpy(buf + k, "\xe2\x80\xa6", 3);
			k += 3;
			break;
		}
		if (c >= 0xF0) n = 4;
		else if (c >= 0xE0) n = 3;
		else if (c >= 0xC0) n = 2;
		for (size_t i = 0; i < n && s[i] && k + 4 < size; i++)
			buf[k++] = (char)((unsigned char)s[i] < 0x20 ? ' ' : s[i]);
		s += n;
	}
	buf[k] = '\0';
	return buf;
}

/* ---- a bar chart, drawn here --------------------------------------------------- */

typedef struct bar {
	const char *label;   /* user text */
	double value;        /* NAN: no bar, "not defined" */
	const char *colour;
	const char *key;     /* for data-key, user text or NULL */
} bar;

/*
 * A horizontal bar chart as inline SVG: one row per bar, the label at the
 * left, the value at the end of the bar; bars of negative values go left of
 * a zero line. title names the chart (its <title> and aria-label).
 */
static void bar_chart(ripple_html *h, const char *id, const char *title, const bar *bars,
                      size_t n, int decimals, int signed_values)
{
	const double width = 720, label_w = 210, value_w = 80, row = 24, bar_h = 15, top = 6;
	double lo = 0, hi = 0, height = top * 2 + row * (double)(n ? n : 1);
	char buf[160], v[64];

	for (size_t i = 0; i < n; i++) {
		if (!isfinite(bars[i].value))
			continue;
		lo = fmin(lo, bars[i].value);
		hi = fmax(hi, bars[i].value);
	}
	if (hi - lo <= 0)
		hi = lo + 1;
	double area = width - label_w - value_w - (lo < 0 ? value_w : 0);
	double x0 = label_w + (lo < 0 ? value_w : 0) + area * (-lo) / (hi - lo);
	double scale = area / (hi - lo);

	ripple_html_f(h, "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	                 "aria-labelledby=\"%s-title %s-desc\" font-size=\"13\">"
	                 "<title id=\"%s-title\">%s</title><desc id=\"%s-desc\">",
	              id, width, height, id, id, id, title, id);
	for (size_t i = 0; i < n; i++) {
		ripple_html_f(h, "%s%s: %s", i ? "; " : "", bars[i].label,
		              signed_values ? signed_text(v, sizeof(v), bars[i].value, decimals)
		                            : num_text(v, sizeof(v), bars[i].value, decimals));
	}
	ripple_html_raw(h, "</desc>\n");
	for (size_t i = 0; i < n; i++) {
		double y = top + row * (double)i, val = bars[i].value;
		const char *vt = signed_values ? signed_text(v, sizeof(v), val, decimals)
		                               : num_text(v, sizeof(v), val, decimals);
		ripple_html_f(h, "<g class=\"bar\" data-key=\"%s\" data-value=\"%s\"><title>%s: %s</title>",
		              bars[i].key ? bars[i].key : bars[i].label, data_text(buf, sizeof(buf), val),
		              bars[i].label, vt);
		ripple_html_f(h, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#1f1f1f\">%s</text>",
		              label_w - 8, y + row / 2 + 4.5, shorten(buf, sizeof(buf), bars[i].label, 30));
		if (isfinite(val)) {
			double x = val >= 0 ? x0 : x0 + val * scale, w = fabs(val) * scale;
			if (w > 0 && w < 1.5)
				w = 1.5;   /* a value that is not zero shows as a sliver */
			ripple_html_f(h, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			                 "fill=\"%s\" stroke=\"#333333\" stroke-width=\"0.6\"/>",
			              x, y + (row - bar_h) / 2, w, bar_h, bars[i].colour);
			if (val >= 0)
				ripple_html_f(h, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#1f1f1f\">%s</text>",
				              x0 + w + 5, y + row / 2 + 4.5, vt);
			else
				ripple_html_f(h, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
				                 "fill=\"#1f1f1f\">%s</text>", x - 5, y + row / 2 + 4.5, vt);
		} else {
			ripple_html_f(h, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#4d4d4d\">not defined</text>",
			              x0 + 5, y + row / 2 + 4.5);
		}
		ripple_html_raw(h, "</g>\n");
	}
	ripple_html_f(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f1f1f\" "
	                 "stroke-width=\"1\"/></svg>\n", x0, top - 2, x0, height - top + 2);
}

/* ---- what a place report needs --------------------------------------------------- */

typedef struct place_report {
	const ripple_model *m;
	const ripple_report_options *opts;
	const char *name, *programme;         /* borrowed from the model */
	const char *from, *to, *from_date, *to_date; /* the waves compared, borrowed */
	int directed;
	size_t *ripples;      /* the ripples of the map (those with an order), in ripples.csv
	                         order: indices into the model, owned */
	size_t nripples;
	int orders;           /* deepest order */
	ripple_compare c;
	int have_compare;
	ripple_waves waves;   /* every wave of the place: zeroed (nwaves 0) when the place has
	                         fewer than two */
	ripple_mixing mix[2]; /* the mixing matrices of c.g1 and c.g2 */
	ripple_mixing *wave_mix; /* per wave of waves (graphs[k]), owned; NULL when it has none */
	char *change_svg, *map_svg;   /* Graphviz SVG, owned */
	size_t change_len, map_len;
	char *pair_svg[2];    /* the network at from (no legend) and at to, owned */
	size_t pair_len[2];
	char *pair_page_svg;  /* the network at from and at to on one A4 portrait page (draw
	                         --waves from,to --page a4), owned; NULL: it does not fit, and
	                         pair_svg is shown */
	size_t pair_page_len;
	int change_page, map_page; /* 1: change_svg, map_svg drawn for an A4 portrait page;
	                         0: at their natural size (they do not fit one) */
} place_report;

static void place_report_release(place_report *r)
{
	free(r->ripples);
	free(r->change_svg);
	free(r->map_svg);
	free(r->pair_svg[0]);
	free(r->pair_svg[1]);
	free(r->pair_page_svg);
	ripple_mixing_release(&r->mix[0]);
	ripple_mixing_release(&r->mix[1]);
	for (size_t k = 0; r->wave_mix && k < r->waves.nwaves; k++)
		ripple_mixing_release(&r->wave_mix[k]);
	free(r->wave_mix);
	ripple_waves_release(&r->waves);
	if (r->have_compare)
		ripple_compare_release(&r->c);
}

/* What an actor is at the report's level, for the cards' notes. */
static const char *actors_note(const place_report *r)
{
	return r->opts->level == RIPPLE_LEVEL_ORGANISATION
	       ? "organisations (their teams and people counted in them)"
	       : "organisations, teams and people";
}

/* The ripples of the map: every ripple a chain of parents leads from to the
 * programme (its order is its depth). */
static int list_ripples(place_report *r, ripple_error *err)
{
	const ripple_model *m = r->m;

	if (!(r->ripples = malloc((m->nripples + 1) * sizeof(*r->ripples))))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; i < m->nripples; i++) {
		if (m->ripple_order[i] <= 0)
			continue;
		r->ripples[r->nripples++] = i;
		if (m->ripple_order[i] > r->orders)
			r->orders = m->ripple_order[i];
	}
	return RIPPLE_OK;
}

/* "before (2024-09-01)" or "before". */
static void wave_with_date(ripple_html *h, const char *wave, const char *date)
{
	if (date && *date)
		ripple_html_f(h, "<strong>%s</strong> (%s)", wave, date);
	else
		ripple_html_f(h, "<strong>%s</strong>", wave);
}

static long count_flags(const int *flags, size_t n)
{
	long k = 0;
	for (size_t i = 0; i < n; i++)
		k += flags[i] != 0;
	return k;
}

static long ripples_on_new_ties(const ripple_compare *c)
{
	long k = 0;
	for (size_t i = 0; i < c->nlinks; i++)
		k += c->links[i].joined && c->links[i].status == RIPPLE_TIE_NEW;
	return k;
}

/* One headline card. value_html is trusted markup; note is trusted markup or NULL. */
static void card(ripple_html *h, const char *measure, double value, const char *value_html,
                 const char *label, const char *note)
{
	char d[64];
	ripple_html_f(h, "<div class=\"card\" data-measure=\"%s\" data-value=\"%s\">"
	                 "<p class=\"card-value\">", measure, data_text(d, sizeof(d), value));
	ripple_html_raw(h, value_html);
	ripple_html_f(h, "</p><p class=\"card-label\">%s</p>", label);
	if (note) {
		ripple_html_raw(h, "<p class=\"card-note\">");
		ripple_html_raw(h, note);
		ripple_html_raw(h, "</p>");
	}
	ripple_html_raw(h, "</div>\n");
}


/* ---- before | after -------------------------------------------------------------- */

/*
 * Drops the legend (Graphviz's <g id="legend" ...> group, render.c's
 * ripple_gv_legend) from the SVG of a network drawing and crops the picture at
 * the legend's left edge, so that of a before | after pair only one legend is
 * shown. Returns a malloc'd copy in *out (*out_len bytes); 0, or -1 when the
 * SVG is not as Graphviz writes it (then *out is NULL and the caller shows the
 * drawing as it is) or out of memory.
 */
static int without_legend(char **out, size_t *out_len, const char *svg, size_t len)
{
	const char *g = NULL, *g_end, *vb, *tr, *wd;
	double minx = HUGE_VAL, vx, vy, vw, vh, tx;
	ripple_html b = RIPPLE_HTML_INIT;

	*out = NULL;
	*out_len = 0;
	for (const char *p = svg; p + 16 < svg + len; p++)
		if (memcmp(p, "<g id=\"legend\"", 14) == 0) {
			g = p;
			break;
		}
	if (!g || !(g_end = strstr(g, "</g>")) || !(vb = strstr(svg, "viewBox=\"")) ||
	    !(tr = strstr(svg, "translate(")) || !(wd = strstr(svg, "<svg width=\"")) ||
	    sscanf(vb + 9, "%lf %lf %lf %lf", &vx, &vy, &vw, &vh) != 4 ||
	    sscanf(tr + 10, "%lf", &tx) != 1)
		return -1;
	/* the left edge of the legend's box: the smallest x of its points and texts */
	for (const char *p = g; p < g_end; p++) {
		double x;
		if (memcmp(p, " x=\"", 4) == 0 && sscanf(p + 4, "%lf", &x) == 1)
			minx = fmin(minx, x);
		else if ((memcmp(p, "points=\"", 8) == 0 && sscanf(p + 8, "%lf", &x) == 1) ||
		         (memcmp(p, " d=\"M", 5) == 0 && sscanf(p + 5, "%lf", &x) == 1))
			minx = fmin(minx, x);
	}
	if (!isfinite(minx) || minx + tx - 16 <= vx)
		return -1;
	vw = minx + tx - 16 - vx;   /* 16 pt: the box's padding and a little air */
	g_end += 4;
	ripple_html_rawn(&b, svg, (size_t)(wd - svg));
	ripple_html_f(&b, "<svg width=\"%.0fpt\"", vw);
	wd = strchr(wd + 12, '"') + 1;
	ripple_html_rawn(&b, wd, (size_t)(vb - wd));
	ripple_html_f(&b, "viewBox=\"%.2f %.2f %.2f %.2f\"", vx, vy, vw, vh);
	vb = strchr(vb + 9, '"') + 1;
	ripple_html_rawn(&b, vb, (size_t)(g - vb));
	ripple_html_rawn(&b, g_end, (size_t)(svg + len - g_end));
	if (b.failed || !b.s) {
		ripple_html_release(&b);
		return -1;
	}
	*out = b.s;
	*out_len = b.len;
	return 0;
}

/*
 * Draws the network at the two waves compared, on one layout and with the same
 * options (sizes on one scale: ripple_draw_render scales them by the largest
 * value at any wave), for the before | after figure: r->pair_svg[0] without its
 * legend, r->pair_svg[1] with it. layout: the place's, as the change map got it
 * (the caller's; got here when still zeroed), so it is computed once a report.
 */
static int draw_pair(place_report *r, ripple_layout *layout, ripple_error *err)
{
	int rc = RIPPLE_OK;
	char *full = NULL;
	size_t full_len = 0;

	for (int i = 0; i < 2 && rc == RIPPLE_OK; i++) {
		ripple_draw_options d = RIPPLE_DRAW_OPTIONS_INIT;
		d.wave = i ? r->to : r->from;
		d.seed = r->opts->compare.seed;
		d.weighted = r->opts->compare.weighted;
		d.graph = r->opts->compare.graph;
		if ((rc = ripple_draw_render(&full, &full_len, r->m, &d, layout, RIPPLE_IMAGE_SVG,
		                             err)) < 0)
			break;
		if (i == 0 && without_legend(&r->pair_svg[0], &r->pair_len[0], full, full_len) == 0) {
			free(full);
		} else {
			r->pair_svg[i] = full;
			r->pair_len[i] = full_len;
		}
		full = NULL;
	}
	return rc;
}

/* ---- pictures drawn for a page ------------------------------------------------------ */

/*
 * Crops the page's margin (RIPPLE_PAGE_MARGIN on every side, where a picture
 * drawn for a page never draws) off the SVG in *svg, so that in the report the
 * drawing, not the paper round it, fills the figure. On any surprise in the
 * root tag the SVG is left as it is; -1 only when out of memory (*svg kept).
 */
static int crop_page_margin(char **svg, size_t *len)
{
	const char *s = *svg, *wd = strstr(s, "<svg width=\""), *vb = strstr(s, "viewBox=\"");
	double vx, vy, vw, vh, m = RIPPLE_PAGE_MARGIN;
	ripple_html b = RIPPLE_HTML_INIT;

	if (!wd || !vb || vb < wd || sscanf(vb + 9, "%lf %lf %lf %lf", &vx, &vy, &vw, &vh) != 4 ||
	    !(vw > 4 * m) || !(vh > 4 * m))
		return 0;
	vb = strchr(vb + 9, '"');
	if (!vb)
		return 0;
	ripple_html_rawn(&b, s, (size_t)(wd - s));
	ripple_html_f(&b, "<svg width=\"%.0fpt\" height=\"%.0fpt\"\n viewBox=\"%.2f %.2f %.2f %.2f\"",
	              vw - 2 * m, vh - 2 * m, vx + m, vy + m, vw - 2 * m, vh - 2 * m);
	ripple_html_rawn(&b, vb + 1, *len - (size_t)(vb + 1 - s));
	if (b.failed || !b.s) {
		ripple_html_release(&b);
		return -1;
	}
	free(*svg);
	*svg = b.s;
	*len = b.len;
	return 0;
}

/* After a picture did not fit its page (RIPPLE_EUSAGE), the error is forgotten: the
 * report draws it at its natural size instead. */
static void forget_error(ripple_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

/*
 * Draws d (a change map or the small multiples of two waves) for an A4
 * portrait page, margin cropped: *fitted 1. When it does not fit A4 with
 * text of RIPPLE_PAGE_MIN_TEXT or more: *fitted 0, *data NULL, RIPPLE_OK,
 * and the caller draws the natural-size picture.
 */
static int draw_for_page(char **data, size_t *len, int *fitted, const ripple_model *m,
                         ripple_draw_options *d, ripple_layout *layout, ripple_error *err)
{
	int rc;

	*fitted = 0;
	d->page = RIPPLE_PAGE_A4;
	rc = ripple_draw_render(data, len, m, d, layout, RIPPLE_IMAGE_SVG, err);
	if (rc == RIPPLE_EUSAGE) {
		forget_error(err);
		return RIPPLE_OK;
	}
	if (rc < 0)
		return rc;
	*fitted = 1;
	if (crop_page_margin(data, len) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	return RIPPLE_OK;
}

/* The ripple map for an A4 portrait page (margin cropped, *fitted 1), else at its
 * natural size (*fitted 0). */
static int map_for_page(char **data, size_t *len, int *fitted, const ripple_model *m,
                        ripple_error *err)
{
	ripple_map_options o = RIPPLE_MAP_OPTIONS_INIT;
	int rc;

	*fitted = 0;
	o.page = RIPPLE_PAGE_A4;
	rc = ripple_map_render(data, len, m, &o, RIPPLE_IMAGE_SVG, err);
	if (rc == RIPPLE_EUSAGE) {
		forget_error(err);
		return ripple_map_render(data, len, m, NULL, RIPPLE_IMAGE_SVG, err);
	}
	if (rc < 0)
		return rc;
	*fitted = 1;
	if (crop_page_margin(data, len) < 0)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	return RIPPLE_OK;
}

/* The pictures drawn for a page, in the order of the report: the before | after pair,
 * the change map, the ripple map. number: 1, 2, 3 of those drawn for a page, 0 when
 * `which` is not (0 pair, 1 change map, 2 ripple map). */
static int page_picture_number(const place_report *r, int which)
{
	int fitted[3] = { r->pair_page_svg != NULL, r->change_page, r->map_page && r->nripples > 0 };
	int k = 0;
	if (!fitted[which])
		return 0;
	for (int i = 0; i <= which; i++)
		k += fitted[i];
	return k;
}

/* Opens the figure of a picture: number > 0 (page_picture_number), drawn for a page,
 * which on paper is printed on a page of its own at the end (print_pictures) and says
 * so here; 0, a natural-size picture, printed where it stands. */
static void picture_figure(ripple_html *h, int number)
{
	if (!number) {
		ripple_html_raw(h, "<figure>\n");
		return;
	}
	ripple_html_f(h, "<figure class=\"page\">\n<p class=\"print-only fallback\">Printed on a page "
	                 "of its own at the end of this report: picture %d.</p>\n", number);
}

/*
 * The pictures drawn for a page, each printed on a page of its own after the
 * footer (on screen they are not shown: the inline drawings are): an <svg>
 * with the inline drawing's viewBox <use>-ing its graph (ripple_html_svg
 * prefixed its id "graph0" with the picture's prefix), so the page carries
 * each drawing once. As wide as the text allows at most PRINT_PAGE_MM high.
 */
static void print_pictures(ripple_html *h, const place_report *r)
{
	const char *svg[3] = { r->pair_page_svg, r->change_svg, r->map_svg };
	const char *prefix[3] = { "pair", "change", "map" };
	const char *what[3] = { "Before and after", "The change map", "The ripple map" };
	int any = 0;

	for (int i = 0; i < 3; i++) {
		int k = page_picture_number(r, i);
		const char *vb = svg[i] ? strstr(svg[i], "viewBox=\"") : NULL;
		double x, y, w, ht;
		if (!k || !vb || sscanf(vb + 9, "%lf %lf %lf %lf", &x, &y, &w, &ht) != 4 ||
		    !(w > 0) || !(ht > 0))
			continue;
		if (!any)
			ripple_html_raw(h, "<section class=\"print-only print-pictures\">\n");
		any = 1;
		ripple_html_f(h, "<figure data-picture=\"%s\"><p class=\"pair-label\">Picture %d: %s"
		                 "</p>\n<svg viewBox=\"%.2f %.2f %.2f %.2f\" style=\"width:min(100%%,"
		                 "%.1fmm)\" role=\"img\" aria-label=\"Picture %d: %s, printed\">"
		                 "<title>Picture %d: %s, printed</title><use href=\"#%s-graph0\"/></svg>"
		                 "</figure>\n", prefix[i], k, what[i], x, y, w, ht,
		              PRINT_PAGE_MM * w / ht, k, what[i], k, what[i], prefix[i]);
	}
	if (any)
		ripple_html_raw(h, "</section>\n");
}

/* The one line under a natural-size picture that the report meant to fit to A4. */
static void picture_fallback(ripple_html *h)
{
	ripple_html_raw(h, "<p class=\"fallback\">Drawn at its own size: this picture does not fit an "
	                   "A4 page with text of 7 pt or more, so on paper its text is small; on "
	                   "screen, zoom in.</p>\n");
}

/* ---- the sections of a place report ------------------------------------------------ */

/* ---- the story: three sentences before anything else ------------------------------ */

/*
 * The turning point between the waves compared, from the series of every wave:
 * the highest tie count at a wave strictly between them when it is above both
 * ends ("peaking"), else the lowest when it is below both ("falling to"). *k is
 * the wave's index, RIPPLE_NONE when there is none (two waves, or a straight run).
 */
static int turning_point(const place_report *r, size_t *k)
{
	const ripple_waves *w = &r->waves;
	size_t a = ripple_model_wave(r->m, r->from), b = ripple_model_wave(r->m, r->to);
	size_t hi = RIPPLE_NONE, lo = RIPPLE_NONE;

	*k = RIPPLE_NONE;
	if (w->nwaves < 3 || a == RIPPLE_NONE || b == RIPPLE_NONE || a >= w->nwaves || b >= w->nwaves)
		return 0;
	if (a > b) {
		size_t t = a;
		a = b;
		b = t;
	}
	double ends_hi = fmax(w->metrics[a].net[RIPPLE_NET_TIES], w->metrics[b].net[RIPPLE_NET_TIES]);
	double ends_lo = fmin(w->metrics[a].net[RIPPLE_NET_TIES], w->metrics[b].net[RIPPLE_NET_TIES]);
	for (size_t i = a + 1; i < b; i++) {
		double t = w->metrics[i].net[RIPPLE_NET_TIES];
		if (t > ends_hi && (hi == RIPPLE_NONE || t > w->metrics[hi].net[RIPPLE_NET_TIES]))
			hi = i;
		if (t < ends_lo && (lo == RIPPLE_NONE || t < w->metrics[lo].net[RIPPLE_NET_TIES]))
			lo = i;
	}
	*k = hi != RIPPLE_NONE ? hi : lo;
	return hi != RIPPLE_NONE ? 1 : lo != RIPPLE_NONE ? -1 : 0;
}

/*
 * The report's first lines: one sentence each for the network change (with the
 * turning point of the waves between and the response rates), the attendee test
 * and the ripples on new ties. Every number is the comparison's or the series',
 * the same ones the sections below show in full.
 */
static void section_story(ripple_html *h, const place_report *r)
{
	const ripple_compare *c = &r->c;
	const long nnew = c->count[RIPPLE_TIE_NEW];
	char a[64], b[64], x[64], p[64];
	size_t k;
	int turn;

	ripple_html_raw(h, "<section class=\"story\" id=\"story\" aria-label=\"In three sentences\">\n");
	/* 1. the network */
	ripple_html_f(h, "<p data-story=\"network\">Between <strong>%s</strong> and <strong>%s</strong> "
	                 "the actors of %s went from %s to %s working ties", r->from, r->to, r->name,
	              count_text(a, sizeof(a), c->m1.net[RIPPLE_NET_TIES]),
	              count_text(b, sizeof(b), c->m2.net[RIPPLE_NET_TIES]));
	if ((turn = turning_point(r, &k)) != 0)
		ripple_html_f(h, ", %s %s at the <strong>%s</strong> wave", turn > 0 ? "peaking at" : "falling to",
		              count_text(a, sizeof(a), r->waves.metrics[k].net[RIPPLE_NET_TIES]),
		              r->m->waves[k].name);
	if (nnew == 0)
		ripple_html_raw(h, "; none of them is new");
	else if (nnew == 1)
		ripple_html_raw(h, c->new_bridging ? "; the one new tie bridges parts of the network that "
		                                     "were apart"
		                                   : "; the one new tie joins actors who were already close");
	else if (c->new_bridging == 0)
		ripple_html_f(h, "; none of the %s new ties bridges parts of the network that were apart",
		              count_text(a, sizeof(a), (double)nnew));
	else if (c->new_bridging == nnew)
		ripple_html_f(h, "; all %s new %s bridge%s parts of the network that were apart",
		              count_text(a, sizeof(a), (double)nnew), nnew == 1 ? "tie" : "ties",
		              nnew == 1 ? "s" : "");
	else
		ripple_html_f(h, "; %s of the %s new %s bridge%s parts of the network that were apart",
		              count_text(a, sizeof(a), (double)c->new_bridging),
		              count_text(b, sizeof(b), (double)nnew), nnew == 1 ? "tie" : "ties",
		              c->new_bridging == 1 ? "s" : "");
	if (r->m->responses)
		ripple_html_f(h, " (%s of the actors asked answered at %s, %s at %s)",
		              percent_text(a, sizeof(a), (double)c->g1.answered,
		                           (double)(c->g1.answered + c->g1.missing)), r->from,
		              percent_text(b, sizeof(b), (double)c->g2.answered,
		                           (double)(c->g2.answered + c->g2.missing)), r->to);
	ripple_html_raw(h, ".</p>\n");

	/* 2. the attendees */
	ripple_html_raw(h, "<p data-story=\"attendees\">");
	if (!c->attend_yes || !c->attend_no) {
		ripple_html_raw(h, "Attendance is not recorded for both those who took part and those who "
		                   "did not, so there is no test of whether taking part made a difference.");
	} else {
		ripple_html_f(h, "Those who attended gained %s new ties each against %s for the others",
		              num_text(a, sizeof(a), c->attend_mean_yes, 2),
		              num_text(b, sizeof(b), c->attend_mean_no, 2));
		if (!isfinite(c->attend_p) || c->permutations == 0)
			ripple_html_raw(h, " (no permutations were run, so no p-value).");
		else
			ripple_html_f(h, " (%s: %s).", p_text(p, sizeof(p), c->attend_p),
			              c->attend_p < ALPHA ? "unlikely to be chance" : "it could be chance");
	}
	ripple_html_raw(h, "</p>\n");

	/* 3. the ripples */
	ripple_html_raw(h, "<p data-story=\"ripples\">");
	if (r->nripples == 0)
		ripple_html_raw(h, "No ripples are recorded, so none can be linked to the new ties.");
	else if (c->nlinks == 0)
		ripple_html_f(h, "None of the %s ripples names two or more actors, so none can be linked "
		                 "to a tie.", count_text(a, sizeof(a), (double)r->nripples));
	else
		ripple_html_f(h, "%s of the %s ripples that name two or more actors rest%s on a new tie "
		                 "(of %s ripples in all).",
		              count_text(a, sizeof(a), (double)ripples_on_new_ties(c)),
		              count_text(b, sizeof(b), (double)c->nlinks),
		              ripples_on_new_ties(c) == 1 ? "s" : "",
		              count_text(x, sizeof(x), (double)r->nripples));
	ripple_html_raw(h, "</p>\n</section>\n");
}

static const char *yes_no_unknown(int v)
{
	return v > 0 ? "yes" : v == 0 ? "no" : "not known";
}

/* "34 of 38 actors answered (89%), 4 did not and 2 were not part of the place yet" */
static void responses_text(ripple_html *h, const ripple_graph *g)
{
	char a[64], b[64], x[64];
	size_t asked = g->answered + g->missing;

	ripple_html_f(h, "%s of %s actor%s answered (%s)", count_text(a, sizeof(a), (double)g->answered),
	              count_text(b, sizeof(b), (double)asked), asked == 1 ? "" : "s",
	              percent_text(x, sizeof(x), (double)g->answered, (double)asked));
	if (g->missing)
		ripple_html_f(h, ", %s did not", count_text(a, sizeof(a), (double)g->missing));
	if (g->absent)
		ripple_html_f(h, "; %s %s not part of the place then",
		              count_text(a, sizeof(a), (double)g->absent), g->absent == 1 ? "was" : "were");
}

/* What the policy does, in a sentence a reader of the report can check. */
static const char *policy_text(enum ripple_policy p)
{
	switch (p) {
	case RIPPLE_POLICY_RESPONDENTS:
		return "each wave's network is the one among the actors who answered it";
	case RIPPLE_POLICY_CENSUS:
		return "every actor is treated as if it had answered: a tie that a non-respondent "
		       "would have reported is counted as missing, so lost and new ties include "
		       "people who did not fill in the form";
	case RIPPLE_POLICY_RECONSTRUCT:
	default:
		return "the ties of an actor who did not answer are taken from what the others "
		       "reported about it, and change is counted only over pairs whose tie was "
		       "observed at both waves";
	}
}

/*
 * Who answered at each wave and how the report treats the rest; a warning
 * when a wave's response rate is below opts->min_response.
 */
static void responses_note(ripple_html *h, const place_report *r)
{
	const ripple_compare *c = &r->c;
	const ripple_graph *gs[2] = { &c->g1, &c->g2 };
	const char *waves[2] = { r->from, r->to };

	if (!r->m->responses) {
		ripple_html_f(h, "<p data-fact=\"responses\" data-policy=\"%s\">Every actor is taken "
		                 "to have answered at every wave (the place records no survey "
		                 "responses).</p>\n", ripple_policy_name(c->g1.opts.missing));
		return;
	}
	ripple_html_f(h, "<p data-fact=\"responses\" data-policy=\"%s\">Who answered: ",
	              ripple_policy_name(c->g1.opts.missing));
	for (int i = 0; i < 2; i++) {
		char rate[64];
		ripple_html_f(h, "%sat <span data-wave-response=\"%s\" data-value=\"%s\">%s, ",
		              i ? "; " : "", waves[i],
		              data_text(rate, sizeof(rate), gs[i]->response_rate), waves[i]);
		responses_text(h, gs[i]);
		ripple_html_raw(h, "</span>");
	}
	ripple_html_f(h, ". Here %s (<code>--missing %s</code>).</p>\n",
	              policy_text(c->g1.opts.missing), ripple_policy_name(c->g1.opts.missing));
	for (int i = 0; i < 2; i++) {
		char rate[64], min[64];
		if (!(gs[i]->response_rate < r->opts->min_response))
			continue;
		below_text(rate, min, sizeof(rate), (double)gs[i]->answered,
		           (double)(gs[i]->answered + gs[i]->missing), r->opts->min_response);
		ripple_html_f(h, "<aside class=\"warning\" data-warning=\"response-rate\"><p><strong>"
		                 "Few answered at %s.</strong> Only %s of the actors asked answered "
		                 "(below %s), so the network at %s is known only in part: read every "
		                 "number that involves it with care.</p></aside>\n", waves[i], rate, min,
		              waves[i]);
	}
}

static void section_glance(ripple_html *h, const place_report *r)
{
	const ripple_compare *c = &r->c;
	size_t n = c->g1.n;
	double m1 = c->m1.net[RIPPLE_NET_TIES], m2 = c->m2.net[RIPPLE_NET_TIES];
	double d1 = c->m1.net[RIPPLE_NET_DENSITY], d2 = c->m2.net[RIPPLE_NET_DENSITY];
	long first = count_flags(c->first_connected, n);
	char a[64], b[64], x[64], note[256], val[160];
	ripple_html card_note = RIPPLE_HTML_INIT;

	ripple_html_raw(h, "<h2 id=\"glance\">At a glance</h2>\n<p class=\"lede\">");
	ripple_html_f(h, "Between ");
	wave_with_date(h, r->from, r->from_date);
	ripple_html_f(h, " and ");
	wave_with_date(h, r->to, r->to_date);
	if (c->g1.nmembers == n && c->g2.nmembers == n)
		ripple_html_f(h, ", the %s actors of %s went from %s to %s working ties. ",
		              count_text(a, sizeof(a), (double)n), r->name, count_text(b, sizeof(b), m1),
		              count_text(x, sizeof(x), m2));
	else
		ripple_html_f(h, ", the actors of %s (%s at %s, %s at %s) went from %s to %s working "
		                 "ties. ", r->name, count_text(a, sizeof(a), (double)c->g1.nmembers),
		              r->from, count_text(b, sizeof(b), (double)c->g2.nmembers), r->to,
		              count_text(x, sizeof(x), m1), count_text(note, sizeof(note), m2));
	if (c->count[RIPPLE_TIE_NEW] == 0)
		ripple_html_raw(h, "No tie is new");
	else
		ripple_html_f(h, "%s %s new: %s of them cross%s sectors and %s bridge%s actors who were "
		                 "not connected, or were more than two steps apart, before",
		              count_text(a, sizeof(a), (double)c->count[RIPPLE_TIE_NEW]),
		              c->count[RIPPLE_TIE_NEW] == 1 ? "tie is" : "ties are",
		              count_text(b, sizeof(b), (double)c->new_cross_sector),
		              c->new_cross_sector == 1 ? "es" : "",
		              count_text(x, sizeof(x), (double)c->new_bridging),
		              c->new_bridging == 1 ? "s" : "");
	ripple_html_f(h, ". %s %s lost. %s actor%s connected for the first time.",
	              c->count[RIPPLE_TIE_LOST] ? count_text(a, sizeof(a), (double)c->count[RIPPLE_TIE_LOST])
	                                        : "No",
	              c->count[RIPPLE_TIE_LOST] == 1 ? "tie was" : c->count[RIPPLE_TIE_LOST] ? "ties were"
	                                                                                   : "tie was",
	              first ? count_text(b, sizeof(b), (double)first) : "No",
	              first == 1 || first == 0 ? " was" : "s were");
	if (c->count[RIPPLE_TIE_UNKNOWN])
		ripple_html_f(h, " Whether %s more %s changed is not known: %s not observed at both "
		                 "waves, because one side did not answer or was not part of the place "
		                 "then (listed under <a href=\"#unknown-ties\">Ties whose change is not known</a>).",
		              count_text(a, sizeof(a), (double)c->count[RIPPLE_TIE_UNKNOWN]),
		              c->count[RIPPLE_TIE_UNKNOWN] == 1 ? "tie" : "ties",
		              c->count[RIPPLE_TIE_UNKNOWN] == 1 ? "it was" : "they were");
	if (r->waves.nwaves > 2) {
		ripple_html_f(h, " Over all %s waves the ties went ",
		              count_text(a, sizeof(a), (double)r->waves.nwaves));
		for (size_t k = 0; k < r->waves.nwaves; k++)
			ripple_html_f(h, "%s%s", k ? " " ARROW " " : "",
			              count_text(a, sizeof(a), r->waves.metrics[k].net[RIPPLE_NET_TIES]));
		ripple_html_raw(h, " (<a href=\"#waves\">Every wave</a>).");
	}
	ripple_html_raw(h, "</p>\n");

	responses_note(h, r);

	ripple_html_raw(h, "<div class=\"cards\">\n");
	if (c->g1.nmembers == c->g2.nmembers && c->g1.nmembers == n) {
		snprintf(note, sizeof(note), "%s in the place, the same at both waves", actors_note(r));
		card(h, "actors", (double)n, count_text(val, sizeof(val), (double)n), "actors", note);
	} else {
		/* the card's value is the first wave's, as compare's network "actors" from */
		count_text(a, sizeof(a), (double)c->g1.nmembers);
		count_text(b, sizeof(b), (double)c->g2.nmembers);
		if (c->g1.nmembers == c->g2.nmembers)
			snprintf(val, sizeof(val), "%s", a);
		else
			snprintf(val, sizeof(val), "%s " ARROW " %s", a, b);
		snprintf(note, sizeof(note), "%s measured at %s and at %s (of %zu in the place)",
		         actors_note(r), r->from, r->to, n);
		card(h, "actors", (double)c->g1.nmembers, val, "actors", note);
	}
	/* ties before and after: one card, both numbers kept for a reader of the file */
	count_text(a, sizeof(a), m1);
	count_text(b, sizeof(b), m2);
	snprintf(val, sizeof(val), "%s " ARROW " %s", a, b);
	{
		char da[64], db[64];
		ripple_html_f(&card_note, "<span data-measure=\"ties_before\" data-value=\"%s\"></span>"
		                          "<span data-measure=\"ties_after\" data-value=\"%s\"></span>",
		              data_text(da, sizeof(da), m1), data_text(db, sizeof(db), m2));
	}
	ripple_html_f(&card_note, "pairs of actors working together (%s)",
	              signed_text(x, sizeof(x), m2 - m1, 0));
	card(h, "ties_change", m2 - m1, val, "ties before and after", card_note.s ? card_note.s : "");
	ripple_html_release(&card_note);

	signed_text(val, sizeof(val), d2 - d1, 3);
	snprintf(note, sizeof(note), "share of possible ties that exist: %s " ARROW " %s",
	         num_text(a, sizeof(a), d1, 3), num_text(b, sizeof(b), d2, 3));
	card(h, "density_change", d2 - d1, val, "change in density", note);

	if (c->count[RIPPLE_TIE_UNKNOWN])
		snprintf(note, sizeof(note), "tied after, not before (%s lost, %s kept, %s not known)",
		         count_text(a, sizeof(a), (double)c->count[RIPPLE_TIE_LOST]),
		         count_text(b, sizeof(b), (double)c->count[RIPPLE_TIE_KEPT]),
		         count_text(x, sizeof(x), (double)c->count[RIPPLE_TIE_UNKNOWN]));
	else
		snprintf(note, sizeof(note), "tied after, not before (%s lost, %s kept)",
		         count_text(a, sizeof(a), (double)c->count[RIPPLE_TIE_LOST]),
		         count_text(b, sizeof(b), (double)c->count[RIPPLE_TIE_KEPT]));
	card(h, "ties_new", (double)c->count[RIPPLE_TIE_NEW],
	     count_text(val, sizeof(val), (double)c->count[RIPPLE_TIE_NEW]), "new ties", note);
	card(h, "new_bridging", (double)c->new_bridging,
	     count_text(val, sizeof(val), (double)c->new_bridging), "new bridging ties",
	     "between actors who were unconnected or 3+ steps apart before");
	card(h, "new_cross_sector", (double)c->new_cross_sector,
	     count_text(val, sizeof(val), (double)c->new_cross_sector), "new cross-sector ties",
	     "between actors of different sectors, e.g. council and VCSE");
	card(h, "actors_first_connected", (double)first, count_text(val, sizeof(val), (double)first),
	     "actors connected for the first time", "no tie at any earlier wave, at least one now");
	ripple_html_raw(h, "</div>\n");
	how_to_read(h, "A <em>tie</em> is a working relationship between two actors reported at a wave "
	               "(several kinds of tie between the same two count once). Each card compares the "
	               "two waves named above. <em>Bridging</em> ties are the ones that join parts of "
	               "the network that were apart before: the &#8220;previously disparate "
	               "teams&#8221; an evaluation looks for. These counts describe what changed; "
	               "whether the change is more than chance is tested further down.");
}

/* The network measures a report shows, in plain names, in this order. */
static const struct net_row { int k; const char *name; int decimals; } net_rows[] = {
	{ RIPPLE_NET_TIES, "Ties", 0 },
	{ RIPPLE_NET_DENSITY, "Density", 3 },
	{ RIPPLE_NET_MEAN_DEGREE, "Mean ties per actor", 2 },
	{ RIPPLE_NET_COMPONENTS, "Separate groups (components)", 0 },
	{ RIPPLE_NET_LARGEST_COMPONENT_SHARE, "Share of actors in the largest group", 3 },
	{ RIPPLE_NET_ISOLATES, "Actors with no tie (isolates)", 0 },
	{ RIPPLE_NET_MEAN_DISTANCE, "Mean steps between actors", 2 },
	{ RIPPLE_NET_DEGREE_CENTRALIZATION, "Degree centralization", 3 },
	{ RIPPLE_NET_BETWEENNESS_CENTRALIZATION, "Betweenness centralization", 3 },
	{ RIPPLE_NET_EI_INDEX, "E-I index by sector", 3 },
	{ RIPPLE_NET_MODULARITY, "Modularity", 3 },
	{ RIPPLE_NET_RECIPROCITY, "Reciprocity", 3 },
	{ RIPPLE_NET_MEAN_TRUST, "Mean trust", 2 },
	{ RIPPLE_NET_MEAN_VALUE, "Mean value", 2 },
};

/* The before | after figure when the two waves do not fit one A4 page: the two
 * natural-size drawings, side by side on a wide screen, stacked on paper and a phone. */
static void natural_pair(ripple_html *h, const place_report *r)
{
	char title[512];

	ripple_html_raw(h, "<figure class=\"pair\">\n<div class=\"pair\">\n");
	/* each half as wide as its drawing, so both are at one scale. Side by side: flex
	 * weights in the ratio of their widths. Stacked in print: the scale at which the
	 * wider fills the text width or the higher is PRINT_PICTURE_MM high, whichever is
	 * smaller, each half's box exactly its drawing, both left-aligned (the before
	 * drawing is the after one with the legend cut off its right edge) */
	double pw[2] = { 1, 1 }, ph[2] = { 1, 1 };
	for (int i = 0; i < 2; i++) {
		const char *vb = r->pair_svg[i] ? strstr(r->pair_svg[i], "viewBox=\"") : NULL;
		double x, y;
		if (!vb || sscanf(vb + 9, "%lf %lf %lf %lf", &x, &y, &pw[i], &ph[i]) != 4 ||
		    !(pw[i] > 0) || !(ph[i] > 0))
			pw[i] = ph[i] = 1;
	}
	double wmax = fmax(pw[0], pw[1]), hmax = fmax(ph[0], ph[1]);
	for (int i = 0; i < 2; i++) {
		const char *w = i ? r->to : r->from;
		snprintf(title, sizeof(title), "The network of %s at %s: actors coloured by sector, sized "
		         "by their number of ties", r->name, w);
		ripple_html_f(h, "<div class=\"pair-half\" data-wave=\"%s\" style=\"flex:%.0f 1 0;"
		                 "--stacked-width:min(%.1f%%,%.1fmm)\">", w, pw[i], 100.0 * pw[i] / wmax,
		              (double)PRINT_PICTURE_MM * pw[i] / hmax);
		ripple_html_f(h, "<p class=\"pair-label\">%s</p>", w);
		if (!r->pair_svg[i] || ripple_html_svg(h, r->pair_svg[i], r->pair_len[i],
		                                       i ? "after" : "before", "picture", title) < 0)
			ripple_html_f(h, "<p>The network at %s could not be drawn.</p>", w);
		ripple_html_raw(h, "</div>\n");
	}
	ripple_html_f(h, "</div>\n<figcaption>The working ties at <strong>%s</strong> and at "
	                 "<strong>%s</strong>, side by side on a wide screen, one above the other on "
	                 "paper and on a phone, each headed by its wave; each actor in the same place "
	                 "in both, so what moved is the ties, not the actors. Colour is the sector and "
	                 "the area of a circle the actor&#39;s number of ties, on one scale for both "
	                 "(the legend, beside the second picture, serves both).</figcaption>\n"
	                 "</figure>\n", r->from, r->to);
	picture_fallback(h);
	ripple_html_raw(h, "</div>\n");
}

static void section_network(ripple_html *h, const place_report *r)
{
	const struct net_row *rows = net_rows;
	const ripple_compare *c = &r->c;
	char a[64], b[64], d[64], title[512];

	ripple_html_raw(h, "<h2 id=\"network\">How the network changed</h2>\n");
	ripple_html_raw(h, "<h3 id=\"measures\">Network measures</h3>\n<div class=\"table-wrap\"><table>"
	                   "<thead><tr><th scope=\"col\">Measure</th>");
	ripple_html_f(h, "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	                 "<th scope=\"col\" class=\"num\">Change</th></tr></thead>\n<tbody>\n",
	              r->from, r->to);
	for (size_t i = 0; i < sizeof(net_rows) / sizeof(net_rows[0]); i++) {
		const ripple_measure_info *info = ripple_net_measure_info(rows[i].k);
		if (!ripple_measure_applies(info->scope, c->g1.directed, c->m1.has_trust, c->m1.has_value))
			continue;
		double x = c->m1.net[rows[i].k], y = c->m2.net[rows[i].k];
		ripple_html_f(h, "<tr data-measure=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">%s</td>"
		                 "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
		              info->name, rows[i].name, num_text(a, sizeof(a), x, rows[i].decimals),
		              num_text(b, sizeof(b), y, rows[i].decimals),
		              signed_text(d, sizeof(d), y - x, rows[i].decimals));
	}
	ripple_html_raw(h, "</tbody></table></div>\n");
	how_to_read(h, "Up in density and mean ties per actor: more of the possible working "
	               "relationships exist. Fewer separate groups, fewer isolates and a larger "
	               "largest group: fewer actors are cut off. Fewer mean steps: information and "
	               "referrals travel further in fewer hand-offs. Lower centralization: the network "
	               "leans less on one or two hubs. An E-I index moving towards +1: more ties cross "
	               "sectors. Lower modularity: the network is less split into clusters (changes of a "
	               "few hundredths are within the method&#39;s noise). <em>Not defined</em> means "
	               "the measure has no value for that wave, for example no ties at all.");

	ripple_html_raw(h, "<div class=\"part\">\n<h3 id=\"before-after\">Before and after</h3>\n");
	if (r->pair_page_svg) {
		snprintf(title, sizeof(title), "The network of %s at %s and at %s, one above the other: "
		         "actors coloured by sector, sized by their number of ties, ties new since %s "
		         "purple", r->name, r->from, r->to, r->from);
		picture_figure(h, page_picture_number(r, 0));
		if (ripple_html_svg(h, r->pair_page_svg, r->pair_page_len, "pair", "picture", title) < 0)
			ripple_html_raw(h, "<p>The networks could not be drawn.</p>");
		ripple_html_f(h, "\n<figcaption>The working ties at <strong>%s</strong> (above) and at "
		                 "<strong>%s</strong> (below), on one layout: each actor in the same place "
		                 "in both, so what moved is the ties, not the actors. Colour is the sector "
		                 "and the area of a circle the actor&#39;s number of ties at that wave; "
		                 "purple ties are new since %s. One legend serves both.</figcaption>\n"
		                 "</figure>\n</div>\n", r->from, r->to, r->from);
	} else {
		natural_pair(h, r);
	}
	snprintf(title, sizeof(title), "Change map of %s, %s to %s: kept ties grey, new ties light purple, "
	         "bridging ties thick dark purple, lost ties dashed", r->name, r->from, r->to);
	ripple_html_raw(h, "<div class=\"part\">\n<h3 id=\"change-map\">The change map</h3>\n");
	picture_figure(h, page_picture_number(r, 1));
	if (ripple_html_svg(h, r->change_svg, r->change_len, "change", "picture", title) < 0)
		ripple_html_raw(h, "<p>The change map could not be drawn.</p>");
	ripple_html_f(h, "\n<figcaption>The change map, %s " ARROW " %s. Each circle is an actor, "
	                 "coloured by sector and sized by its number of ties; teams and people sit in "
	                 "the box of their organisation.</figcaption>\n</figure>\n", r->from, r->to);
	if (!r->change_page)
		picture_fallback(h);
	how_to_read(h, "Grey lines are ties that were there at both waves, light purple lines are new ties, "
	               "thick dark purple lines are new <em>bridging</em> ties, dashed lines are ties that "
	               "were lost. A double ring marks an actor connected for the first time, a black "
	               "ring round a circle an actor who attended the programme. Every "
	               "actor keeps the same position in every drawing of this place, so this picture "
	               "lays the two above over each other.");
	ripple_html_raw(h, "</div>\n");
}

/* ---- every wave ------------------------------------------------------------------- */

/* Ties of the history's pattern that changed into wave k (k >= 1): new '0' -> '1', lost
 * '1' -> '0'; a '?' at either wave is neither (its change is not known). */
static void wave_changes(const ripple_waves *w, size_t k, long *new_ties, long *lost)
{
	*new_ties = *lost = 0;
	for (size_t i = 0; i < w->nties; i++) {
		char x = w->ties[i].pattern[k - 1], y = w->ties[i].pattern[k];
		*new_ties += x == RIPPLE_PATTERN_UNTIED && y == RIPPLE_PATTERN_TIED;
		*lost += x == RIPPLE_PATTERN_TIED && y == RIPPLE_PATTERN_UNTIED;
	}
}

/* The smallest of 1, 2, 5 times a power of ten that is at least x / 4: a step of an axis
 * from 0 to x in at most five ticks. */
static double axis_step(double x)
{
	double p = 1;
	if (!(x > 0))
		return 1;
	while (p * 10 <= x / 4)
		p *= 10;
	return p >= x / 4 ? p : 2 * p >= x / 4 ? 2 * p : 5 * p >= x / 4 ? 5 * p : 10 * p;
}

/*
 * A line chart as inline SVG: one point per wave (values[k], NAN leaves a gap),
 * the wave names on the x axis, the value above each point, a y axis from 0.
 * Text is 13 units in a 720-unit-wide picture (at least 7.5 pt in print, where
 * svg.chart is at most 46rem of 9.5 pt). title names the chart.
 */
static void line_chart(ripple_html *h, const char *id, const char *title, const char *const *waves,
                       const double *values, size_t n, int decimals, const char *colour)
{
	const double width = 720, left = 56, right = 36, top = 24, bottom = 40, height = 230;
	double hi = 0, plot_w = width - left - right, plot_h = height - top - bottom;
	double spacing = n > 1 ? plot_w / (double)(n - 1) : plot_w;
	int max_chars = (int)(spacing / 7.5);
	char v[64], buf[160];

	for (size_t k = 0; k < n; k++)
		if (isfinite(values[k]) && values[k] > hi)
			hi = values[k];
	double step = decimals ? (hi > 0 ? hi / 4 : 0.25) : axis_step(hi);
	double top_value = decimals ? (hi > 0 ? hi : 1) : step * ceil(hi / step);
	if (top_value <= 0)
		top_value = step;
	if (max_chars < 4)
		max_chars = 4;
#define X(k) (left + (n > 1 ? spacing * (double)(k) : plot_w / 2))
#define Y(val) (top + plot_h * (1 - (val) / top_value))
	ripple_html_f(h, "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	                 "aria-labelledby=\"%s-title %s-desc\" font-size=\"13\">"
	                 "<title id=\"%s-title\">%s</title><desc id=\"%s-desc\">",
	              id, width, height, id, id, id, title, id);
	for (size_t k = 0; k < n; k++)
		ripple_html_f(h, "%s%s: %s", k ? "; " : "", waves[k], num_text(v, sizeof(v), values[k], decimals));
	ripple_html_raw(h, "</desc>\n");
	/* the grid and its numbers */
	for (int t = 0; t <= 10; t++) {
		double val = step * t;
		if (val > top_value * (1 + 1e-9))
			break;
		ripple_html_f(h, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
		                 "stroke-width=\"1\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		                 "fill=\"#4d4d4d\">%s</text>\n", left - 4, Y(val), width - right + 8, Y(val),
		              t ? "#e0e0e0" : "#1f1f1f", left - 8, Y(val) + 4.5,
		              num_text(v, sizeof(v), val, decimals ? 2 : 0));
	}
	/* the line, with a gap at an undefined value */
	ripple_html_f(h, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" d=\"", colour);
	for (size_t k = 0, pen = 0; k < n; k++) {
		if (!isfinite(values[k])) {
			pen = 0;
			continue;
		}
		ripple_html_f(h, "%s%.1f %.1f ", pen ? "L" : "M", X(k), Y(values[k]));
		pen = 1;
	}
	ripple_html_raw(h, "\"/>\n");
	for (size_t k = 0; k < n; k++) {
		const char *anchor = n > 1 && k == 0 ? "start" : n > 1 && k == n - 1 ? "end" : "middle";
		double tx = X(k) + (n > 1 && k == 0 ? -6 : n > 1 && k == n - 1 ? 6 : 0);
		ripple_html_f(h, "<g class=\"point\" data-wave=\"%s\" data-value=\"%s\"><title>%s: %s</title>",
		              waves[k], data_text(buf, sizeof(buf), values[k]), waves[k],
		              num_text(v, sizeof(v), values[k], decimals));
		if (isfinite(values[k]))
			ripple_html_f(h, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>"
			                 "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#1f1f1f\" "
			                 "font-weight=\"600\">%s</text>", X(k), Y(values[k]), colour, X(k),
			              Y(values[k]) - 10, v);
		ripple_html_f(h, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#1f1f1f\">%s</text>"
		                 "</g>\n", tx, height - bottom + 22, anchor,
		              shorten(buf, sizeof(buf), waves[k], max_chars));
	}
#undef X
#undef Y
	ripple_html_raw(h, "</svg>\n");
}

/* "K of the N ties new at W were still there at W'" for persistence p, as HTML. */
static void persistence_text(ripple_html *h, const ripple_model *m, const ripple_persistence *p)
{
	char a[64], b[64], c[64];
	const char *at = m->waves[p->wave].name, *next = m->waves[p->wave + 1].name;

	if (p->formed == 0) {
		ripple_html_f(h, "no tie was new at %s", at);
		return;
	}
	count_text(a, sizeof(a), (double)p->kept);
	count_text(b, sizeof(b), (double)p->formed);
	count_text(c, sizeof(c), (double)p->observed);
	if (p->formed == 1)
		ripple_html_f(h, "the one tie new at %s %s", at,
		              p->observed == 0 ? "could not be seen at the next wave"
		              : p->kept ? "was still there at the next wave" : "was gone at the next wave");
	else if (p->observed == p->formed)
		ripple_html_f(h, "of the %s tie%s new at %s, %s %s still there at %s", b,
		              p->formed == 1 ? "" : "s", at, p->kept == p->formed && p->kept > 1 ? "all" : a,
		              p->kept == 1 ? "was" : "were", next);
	else
		ripple_html_f(h, "of the %s tie%s new at %s, %s could be seen at %s and %s of them %s still "
		                 "there", b, p->formed == 1 ? "" : "s", at, c, next, a,
		              p->kept == 1 ? "was" : "were");
}

/* The place's waves as a table, a chart of ties and the persistence of new ties. */
static void section_waves(ripple_html *h, const place_report *r)
{
	const ripple_waves *w = &r->waves;
	const ripple_model *m = r->m;
	const char **names = NULL;
	double *ties = NULL;
	char a[64], b[64], title[512];

	if (w->nwaves < 2)
		return;
	ripple_html_f(h, "<h2 id=\"waves\">Every wave</h2>\n<p>%s measured %s time%s", r->name,
	              count_text(a, sizeof(a), (double)w->nwaves), w->nwaves == 1 ? "" : "s");
	if (w->nwaves > 2)
		ripple_html_f(h, "; the rest of this report compares %s with %s", r->from, r->to);
	ripple_html_raw(h, ".</p>\n");
	ripple_html_raw(h, "<div class=\"table-wrap\"><table class=\"waves\"><thead><tr>"
	                   "<th scope=\"col\">Wave</th><th scope=\"col\" class=\"num\">Actors</th>");
	if (m->responses)
		ripple_html_raw(h, "<th scope=\"col\" class=\"num\">Answered</th>");
	ripple_html_raw(h, "<th scope=\"col\" class=\"num\">Ties</th>"
	                   "<th scope=\"col\" class=\"num\">New</th><th scope=\"col\" class=\"num\">Lost</th>"
	                   "<th scope=\"col\" class=\"num\">Density</th>"
	                   "<th scope=\"col\" class=\"num\">Mean ties per actor</th>"
	                   "<th scope=\"col\" class=\"num\">Separate groups</th>"
	                   "<th scope=\"col\" class=\"num\">Share in the largest group</th>"
	                   "<th scope=\"col\" class=\"num\">Isolates</th></tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < w->nwaves; k++) {
		static const struct { int k; int decimals; } cols[] = {
			{ RIPPLE_NET_DENSITY, 3 }, { RIPPLE_NET_MEAN_DEGREE, 2 }, { RIPPLE_NET_COMPONENTS, 0 },
			{ RIPPLE_NET_LARGEST_COMPONENT_SHARE, 3 }, { RIPPLE_NET_ISOLATES, 0 },
		};
		const double *net = w->metrics[k].net;
		long nn, nl;
		ripple_html_f(h, "<tr data-wave=\"%s\"><th scope=\"row\">%s", m->waves[k].name, m->waves[k].name);
		if (*m->waves[k].date)
			ripple_html_f(h, "<br><span class=\"muted date\">%s</span>", m->waves[k].date);
		ripple_html_f(h, "</th><td class=\"num\" data-wave-measure=\"actors\" data-value=\"%s\">%s</td>",
		              data_text(b, sizeof(b), net[RIPPLE_NET_ACTORS]),
		              count_text(a, sizeof(a), net[RIPPLE_NET_ACTORS]));
		if (m->responses)
			ripple_html_f(h, "<td class=\"num\" data-wave-measure=\"response_rate\" data-value=\"%s\">%s</td>",
			              data_text(b, sizeof(b), w->graphs[k].response_rate),
			              percent_text(a, sizeof(a), (double)w->graphs[k].answered,
			                           (double)(w->graphs[k].answered + w->graphs[k].missing)));
		ripple_html_f(h, "<td class=\"num\" data-wave-measure=\"ties\" data-value=\"%s\">%s</td>",
		              data_text(b, sizeof(b), net[RIPPLE_NET_TIES]),
		              count_text(a, sizeof(a), net[RIPPLE_NET_TIES]));
		if (k == 0) {
			ripple_html_raw(h, "<td class=\"num muted\" data-wave-measure=\"ties_new\">" DASH "</td>"
			                   "<td class=\"num muted\" data-wave-measure=\"ties_lost\">" DASH "</td>");
		} else {
			wave_changes(w, k, &nn, &nl);
			ripple_html_f(h, "<td class=\"num\" data-wave-measure=\"ties_new\" data-value=\"%ld\">%s</td>"
			                 "<td class=\"num\" data-wave-measure=\"ties_lost\" data-value=\"%ld\">%s</td>",
			              nn, count_text(a, sizeof(a), (double)nn), nl,
			              count_text(b, sizeof(b), (double)nl));
		}
		for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			ripple_html_f(h, "<td class=\"num\" data-wave-measure=\"%s\" data-value=\"%s\">%s</td>",
			              ripple_net_measure_info(cols[i].k)->name,
			              data_text(b, sizeof(b), net[cols[i].k]),
			              num_text(a, sizeof(a), net[cols[i].k], cols[i].decimals));
		ripple_html_raw(h, "</tr>\n");
	}
	ripple_html_raw(h, "</tbody></table></div>\n");

	names = malloc(w->nwaves * sizeof(*names));
	ties = malloc(w->nwaves * sizeof(*ties));
	if (!names || !ties) {
		h->failed = 1;   /* out of memory: the page is not finished */
		goto done;
	}
	for (size_t k = 0; k < w->nwaves; k++) {
		names[k] = m->waves[k].name;
		ties[k] = w->metrics[k].net[RIPPLE_NET_TIES];
	}
	if (w->nwaves > 2) {   /* two points: the table says it all */
		snprintf(title, sizeof(title), "Ties of %s at each wave", r->name);
		ripple_html_raw(h, "<figure>\n");
		line_chart(h, "waves-chart-svg", title, names, ties, w->nwaves, 0, NEW_COLOUR);
		ripple_html_raw(h, "<figcaption>Ties at each wave, in wave order.</figcaption>\n</figure>\n");
	}

	ripple_html_raw(h, "<p class=\"persistence\" data-fact=\"persistence\"");
	if (w->npersistence == 0) {
		ripple_html_raw(h, ">How long new ties last needs a third wave: with two, no tie new at the "
		                   "second can be seen again.</p>\n");
	} else {
		ripple_html_f(h, " data-formed=\"%ld\" data-observed=\"%ld\" data-kept=\"%ld\">",
		              w->overall.formed, w->overall.observed, w->overall.kept);
		for (size_t i = 0; i < w->npersistence; i++) {
			ripple_html_raw(h, i == 0 ? "Of the ties that were new at a wave: " : "; ");
			persistence_text(h, m, &w->persistence[i]);
		}
		if (w->npersistence > 1 && w->overall.observed > 0)
			ripple_html_f(h, ". In all, %s of %s (%s) lasted to the next wave",
			              count_text(a, sizeof(a), (double)w->overall.kept),
			              count_text(b, sizeof(b), (double)w->overall.observed),
			              percent_text(title, sizeof(title), (double)w->overall.kept,
			                           (double)w->overall.observed));
		ripple_html_raw(h, ".</p>\n");
	}
	if (w->nwaves > 2)
		how_to_read(h, "One row per wave, in the order of the waves. <em>New</em> and "
		               "<em>Lost</em> count the ties that appeared or went since the wave before, "
		               "over pairs observed at both (a pair with a side that did not answer, or "
		               "was not part of the place, is in neither). A rise straight after the "
		               "programme that fades later is common: the persistence sentence says how "
		               "many of the new ties were still there at the next wave. Every network "
		               "measure at every wave is under Methods.");
done:
	free(names);
	free(ties);
}

/* ---- ties between sectors ---------------------------------------------------------- */

/* Ties of sector s with the other sectors in mx: both directions when directed. */
static long ties_across(const ripple_mixing *mx, size_t s)
{
	long k = 0;
	for (size_t t = 0; t < mx->nsectors; t++)
		if (t != s)
			k += ripple_mixing_ties(mx, s, t) + (mx->directed ? ripple_mixing_ties(mx, t, s) : 0);
	return k;
}

/* "between A and B", "within A" or "from A to B" (user text escaped). */
static void cell_name(ripple_html *h, const ripple_mixing *mx, size_t a, size_t b)
{
	const char *x = ripple_mixing_sector_label(mx->sectors[a]);
	const char *y = ripple_mixing_sector_label(mx->sectors[b]);
	if (a == b)
		ripple_html_f(h, "within <strong>%s</strong>", x);
	else
		ripple_html_f(h, mx->directed ? "from <strong>%s</strong> to <strong>%s</strong>"
		                              : "between <strong>%s</strong> and <strong>%s</strong>", x, y);
}

/* The cell (a, b) named, then sep and its ties at the two waves with the change:
 * "Local Authority and VCSE grew most: 2 -> 13 (+11)". */
static void cell_change(ripple_html *h, const ripple_mixing *m1, const ripple_mixing *m2,
                        size_t a, size_t b, const char *sep)
{
	long from = ripple_mixing_ties(m1, a, b), to = ripple_mixing_ties(m2, a, b);
	char x[64], y[64], d[64];

	cell_name(h, m1, a, b);
	ripple_html_f(h, "%s%s " ARROW " %s (%s)", sep, count_text(x, sizeof(x), (double)from),
	              count_text(y, sizeof(y), (double)to), signed_text(d, sizeof(d), (double)(to - from), 0));
}

/*
 * The sector x sector matrix at W1 and W2 as one table of "from -> to" cells,
 * coloured by change; a sentence naming the cell that grew most (and fell
 * most); each sector's ties with the others at every wave.
 */
static void section_mixing(ripple_html *h, const place_report *r)
{
	const ripple_mixing *m1 = &r->mix[0], *m2 = &r->mix[1];
	size_t n = m1->nsectors, up_a = 0, up_b = 0, down_a = 0, down_b = 0;
	long up = 0, down = 0, nup = 0, ndown = 0;   /* the largest changes, and the cells with them */
	char a[64], b[64];

	ripple_html_raw(h, "<h2 id=\"mixing\">Ties between sectors</h2>\n");
	if (n == 0 || (n == 1 && !*m1->sectors[0])) {
		ripple_html_raw(h, "<p class=\"no-sectors\">No actor has a sector (the <code>sector</code> "
		                   "column of actors.csv), so there are no ties between sectors to count."
		                   "</p>\n");
		return;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = m1->directed ? 0 : i; j < n; j++) {
			long change = ripple_mixing_ties(m2, i, j) - ripple_mixing_ties(m1, i, j);
			if (change > 0 && change == up)
				nup++;
			if (change > up) {
				up = change;
				up_a = i;
				up_b = j;
				nup = 1;
			}
			if (change < 0 && change == down)
				ndown++;
			if (change < down) {
				down = change;
				down_a = i;
				down_b = j;
				ndown = 1;
			}
		}
	ripple_html_raw(h, "<p class=\"lede\" data-fact=\"mixing-growth\"");
	if (up > 0) {
		ripple_html_f(h, " data-sector-a=\"%s\" data-sector-b=\"%s\" data-value=\"%ld\">Between %s and "
		                 "%s, ties ", m1->sectors[up_a], m1->sectors[up_b], up, r->from, r->to);
		cell_change(h, m1, m2, up_a, up_b, " grew most: ");
		if (nup > 1)
			ripple_html_f(h, ", as did %s other pair%s of sectors",
			              count_text(a, sizeof(a), (double)(nup - 1)), nup == 2 ? "" : "s");
		ripple_html_raw(h, ".");
	} else {
		ripple_html_f(h, ">No pair of sectors has more ties at %s than at %s.", r->to, r->from);
	}
	if (down < 0) {
		ripple_html_raw(h, " The largest fall: ");
		cell_change(h, m1, m2, down_a, down_b, ", ");
		if (ndown > 1)
			ripple_html_f(h, "; %s other pair%s of sectors fell as much",
			              count_text(a, sizeof(a), (double)(ndown - 1)), ndown == 2 ? "" : "s");
		ripple_html_raw(h, ".");
	}
	ripple_html_raw(h, "</p>\n");

	ripple_html_f(h, "<div class=\"table-wrap\"><table class=\"mixing\"><caption>Ties %s sector, "
	                 "%s " ARROW " %s (%s " ARROW " %s ties in all). ",
	              m1->directed ? "from the row's sector to the column's" : "between the row's and the column's",
	              r->from, r->to, count_text(a, sizeof(a), (double)m1->total),
	              count_text(b, sizeof(b), (double)m2->total));
	ripple_html_raw(h, "<span class=\"key\" style=\"background:" GREW_COLOUR "\"></span> more, "
	                   "<span class=\"key\" style=\"background:" FELL_COLOUR "\"></span> fewer.");
	ripple_html_raw(h, "</caption><thead><tr><td></td>");
	for (size_t j = 0; j < n; j++)
		ripple_html_f(h, "<th scope=\"col\">%s</th>", ripple_mixing_sector_label(m1->sectors[j]));
	ripple_html_raw(h, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		ripple_html_f(h, "<tr><th scope=\"row\">%s</th>", ripple_mixing_sector_label(m1->sectors[i]));
		for (size_t j = 0; j < n; j++) {
			long x = ripple_mixing_ties(m1, i, j), y = ripple_mixing_ties(m2, i, j);
			if (!m1->directed && j < i) {
				ripple_html_raw(h, "<td></td>");   /* the same cell as (j, i) */
				continue;
			}
			ripple_html_f(h, "<td class=\"%s\" data-sector-a=\"%s\" data-sector-b=\"%s\" "
			                 "data-from=\"%ld\" data-to=\"%ld\">%s " ARROW " %s</td>",
			              y > x ? "grew" : y < x ? "fell" : x ? "same" : "same muted",
			              m1->sectors[i], m1->sectors[j], x, y, count_text(a, sizeof(a), (double)x),
			              count_text(b, sizeof(b), (double)y));
		}
		ripple_html_raw(h, "</tr>\n");
	}
	ripple_html_raw(h, "</tbody></table></div>\n");

	/* each sector's ties with the others, at every wave */
	const ripple_waves *w = &r->waves;
	const ripple_mixing *all = r->wave_mix;
	if (all && w->nwaves > 2) {
		ripple_html_raw(h, "<h3 id=\"mixing-waves\">Each sector&#39;s ties with the other sectors, "
		                   "at every wave</h3>\n<div class=\"table-wrap\"><table class=\"mixing-waves\">"
		                   "<thead><tr><th scope=\"col\">Sector</th>");
		for (size_t k = 0; k < w->nwaves; k++)
			ripple_html_f(h, "<th scope=\"col\" class=\"num\">%s</th>", r->m->waves[k].name);
		ripple_html_raw(h, "</tr></thead>\n<tbody>\n");
		for (size_t s = 0; s < n; s++) {
			ripple_html_f(h, "<tr data-sector=\"%s\"><th scope=\"row\">%s</th>", m1->sectors[s],
			              ripple_mixing_sector_label(m1->sectors[s]));
			for (size_t k = 0; k < w->nwaves; k++)
				ripple_html_f(h, "<td class=\"num\" data-wave=\"%s\" data-value=\"%ld\">%s</td>",
				              r->m->waves[k].name, ties_across(&all[k], s),
				              count_text(a, sizeof(a), (double)ties_across(&all[k], s)));
			ripple_html_raw(h, "</tr>\n");
		}
		ripple_html_raw(h, "</tbody></table></div>\n");
	}
	how_to_read(h, m1->directed
	            ? "Each cell counts the ties named by an actor of the row&#39;s sector about one "
	              "of the column&#39;s (who named whom), at the first wave " ARROW " the second; "
	              "the diagonal is ties within a sector. A sector with no tie at a wave still "
	              "has its row, of zeros. <em>(none)</em> gathers actors without a sector."
	            : "Each cell counts the ties between an actor of the row&#39;s sector and one of "
	              "the column&#39;s, at the first wave " ARROW " the second; each tie counts once, "
	              "so only the upper half is filled, and the diagonal is ties within a sector. "
	              "A tie of several kinds counts once. <em>(none)</em> gathers actors without a "
	              "sector. A sector&#39;s ties with the other sectors are its row and column "
	              "outside the diagonal, added up.");
}

/* Table of ripples by capital and order; then by valence and intended. */
static void capital_tables(ripple_html *h, const place_report *r)
{
	long by[RIPPLE_NCAPITALS + 1][64] = { { 0 } };
	long per_order[64] = { 0 }, per_capital[RIPPLE_NCAPITALS + 1] = { 0 };
	long vi[2][3] = { { 0 } };   /* [negative][intended yes, no, unknown] */
	int orders = r->orders < 63 ? r->orders : 63;
	char a[64];

	for (size_t i = 0; i < r->nripples; i++) {
		const ripple_ripple *x = &r->m->ripples[r->ripples[i]];
		int order = r->m->ripple_order[r->ripples[i]];
		int o = order < 63 ? order : 63;
		per_order[o]++;
		if (!x->capitals) {
			by[RIPPLE_NCAPITALS][o]++;
			per_capital[RIPPLE_NCAPITALS]++;
		}
		for (int k = 0; k < RIPPLE_NCAPITALS; k++)
			if (x->capitals & (1u << k)) {
				by[k][o]++;
				per_capital[k]++;
			}
		vi[x->valence < 0 ? 1 : 0][x->intended == 1 ? 0 : x->intended == 0 ? 1 : 2]++;
	}

	ripple_html_raw(h, "<h3 id=\"capitals\">Ripples by community capital and order</h3>\n"
	                   "<div class=\"table-wrap\"><table class=\"capitals\"><thead><tr>"
	                   "<th scope=\"col\">Capital</th>");
	for (int o = 1; o <= orders; o++)
		ripple_html_f(h, "<th scope=\"col\" class=\"num\">%d%s order</th>", o,
		              o % 100 >= 11 && o % 100 <= 13 ? "th" : o % 10 == 1 ? "st"
		              : o % 10 == 2 ? "nd" : o % 10 == 3 ? "rd" : "th");
	ripple_html_raw(h, "<th scope=\"col\" class=\"num\">All orders</th></tr></thead>\n<tbody>\n");
	for (int k = 0; k <= RIPPLE_NCAPITALS; k++) {
		const char *name = k < RIPPLE_NCAPITALS ? ripple_capital_name(k) : "none";
		if (k == RIPPLE_NCAPITALS && per_capital[k] == 0)
			continue;   /* every ripple is coded: no "not coded" row */
		ripple_html_f(h, "<tr><th scope=\"row\"><span aria-hidden=\"true\" style=\"color:%s\">"
		                 "&#9632;</span> %s</th>", ripple_capital_colour(k),
		              k < RIPPLE_NCAPITALS ? name : "not coded");
		for (int o = 1; o <= orders; o++)
			ripple_html_f(h, "<td class=\"num\" data-capital=\"%s\" data-order=\"%d\">%ld</td>",
			              name, o, by[k][o]);
		ripple_html_f(h, "<td class=\"num\" data-capital=\"%s\" data-order=\"all\">%ld</td></tr>\n",
		              name, per_capital[k]);
	}
	ripple_html_raw(h, "<tr class=\"total\"><th scope=\"row\">All ripples</th>");
	for (int o = 1; o <= orders; o++)
		ripple_html_f(h, "<td class=\"num\" data-capital=\"all\" data-order=\"%d\">%ld</td>", o,
		              per_order[o]);
	ripple_html_f(h, "<td class=\"num\" data-capital=\"all\" data-order=\"all\">%s</td></tr>\n"
	                 "</tbody></table></div>\n", count_text(a, sizeof(a), (double)r->nripples));

	/* the chart of ripples per capital */
	bar bars[RIPPLE_NCAPITALS + 1];
	size_t nb = 0;
	for (int k = 0; k <= RIPPLE_NCAPITALS; k++) {
		if (k == RIPPLE_NCAPITALS && per_capital[k] == 0)
			continue;
		bars[nb].label = k < RIPPLE_NCAPITALS ? ripple_capital_name(k) : "not coded";
		bars[nb].key = k < RIPPLE_NCAPITALS ? ripple_capital_name(k) : "none";
		bars[nb].value = (double)per_capital[k];
		bars[nb].colour = ripple_capital_colour(k);
		nb++;
	}
	ripple_html_raw(h, "<h3 id=\"capital-chart\">Ripples per capital</h3>\n<figure>\n");
	bar_chart(h, "capital-chart-svg", "Ripples per community capital", bars, nb, 0, 0);
	ripple_html_raw(h, "<figcaption>Number of ripples coded to each of the seven community "
	                   "capitals, all orders together.</figcaption>\n</figure>\n");

	ripple_html_raw(h, "<h3 id=\"valence\">Positive and negative, intended and not</h3>\n"
	                   "<div class=\"table-wrap\"><table class=\"valence\"><thead><tr>"
	                   "<th scope=\"col\">Ripples</th><th scope=\"col\" class=\"num\">Intended</th>"
	                   "<th scope=\"col\" class=\"num\">Not intended</th>"
	                   "<th scope=\"col\" class=\"num\">Not known</th>"
	                   "<th scope=\"col\" class=\"num\">All</th></tr></thead>\n<tbody>\n");
	static const char *const intended_keys[3] = { "yes", "no", "unknown" };
	for (int v = 0; v < 2; v++) {
		ripple_html_f(h, "<tr><th scope=\"row\">%s</th>", v ? "Negative" : "Positive");
		for (int i = 0; i < 3; i++)
			ripple_html_f(h, "<td class=\"num\" data-valence=\"%s\" data-intended=\"%s\">%ld</td>",
			              v ? "negative" : "positive", intended_keys[i], vi[v][i]);
		ripple_html_f(h, "<td class=\"num\" data-valence=\"%s\" data-intended=\"all\">%ld</td></tr>\n",
		              v ? "negative" : "positive", vi[v][0] + vi[v][1] + vi[v][2]);
	}
	ripple_html_raw(h, "</tbody></table></div>\n");
	how_to_read(h, "Ripple effect mapping codes each outcome to one or more of the seven "
	               "community capitals: <em>natural</em> (environment), <em>cultural</em> "
	               "(identity, traditions), <em>human</em> (skills, health, knowledge), "
	               "<em>social</em> (relationships, trust), <em>political</em> (influence, voice), "
	               "<em>financial</em> (money, funding) and <em>built</em> (buildings, "
	               "infrastructure). A ripple coded to two capitals counts once in each, so the "
	               "capital rows can add up to more than the number of ripples; the last row "
	               "counts each ripple once. First-order ripples came straight from the programme, "
	               "second-order ones grew out of a first-order ripple, and so on. Negative and "
	               "unintended ripples are part of an honest map, not a failure of it.");
}

/* Ripple r->ripples[i] and, after it, everything that grew from it (children in
 * ripples.csv order). */
static void ripple_row(ripple_html *h, const place_report *r, size_t i, int depth)
{
	const ripple_ripple *x = &r->m->ripples[r->ripples[i]];
	int order = r->m->ripple_order[r->ripples[i]], first = 1;

	ripple_html_f(h, "<tr data-code=\"%s\" data-order=\"%d\"><td class=\"num\">%d</td>"
	                 "<td style=\"padding-left:%.1frem\">%s</td><td>", x->id, order, order,
	              0.45 + 1.1 * (double)(order - 1), x->label);
	for (int k = 0; k < RIPPLE_NCAPITALS; k++)
		if (x->capitals & (1u << k)) {
			ripple_html_f(h, "%s<span aria-hidden=\"true\" style=\"color:%s\">&#9632;</span> %s",
			              first ? "" : ", ", ripple_capital_colour(k), ripple_capital_name(k));
			first = 0;
		}
	if (first)
		ripple_html_raw(h, "<span class=\"muted\">not coded</span>");
	ripple_html_f(h, "</td><td%s>%s</td><td>%s</td></tr>\n", x->valence < 0 ? " class=\"flag-yes\"" : "",
	              x->valence < 0 ? "negative" : "positive", yes_no_unknown(x->intended));
	if (depth > 10000)
		return;   /* the store refuses cycles; this only bounds the recursion */
	for (size_t j = 0; j < r->nripples; j++)
		if (r->m->ripples[r->ripples[j]].parent == r->ripples[i])
			ripple_row(h, r, j, depth + 1);
}

static void ripple_list(ripple_html *h, const place_report *r)
{
	ripple_html_raw(h, "<h3 id=\"ripple-list\">Every ripple</h3>\n<p>The ripples of the map as a "
	                   "list, each followed by what grew from it.</p>\n"
	                   "<div class=\"table-wrap\"><table class=\"ripples\"><thead><tr>"
	                   "<th scope=\"col\" class=\"num\">Order</th><th scope=\"col\">Ripple</th>"
	                   "<th scope=\"col\">Capitals</th><th scope=\"col\">Valence</th>"
	                   "<th scope=\"col\">Intended</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->nripples; i++)
		if (r->m->ripples[r->ripples[i]].parent == RIPPLE_NONE)
			ripple_row(h, r, i, 0);
	ripple_html_raw(h, "</tbody></table></div>\n");
}

static void section_ripples(ripple_html *h, const place_report *r)
{
	char title[512], a[64];

	ripple_html_raw(h, "<div class=\"part\">\n<h2 id=\"ripples\">The ripple map</h2>\n");
	if (r->nripples == 0) {
		ripple_html_f(h, "<p class=\"no-ripples\">No ripples are recorded for %s (the place has no "
		                 "ripples.csv, or it is empty), so there is no ripple map and no count by "
		                 "community capital. Add the outcomes of a ripple effect mapping session as "
		                 "ripples.csv and make the report again.</p>\n</div>\n", r->name);
		return;
	}
	ripple_html_f(h, "<p>%s ripples in %d order%s: what the programme set off, and what that led "
	                 "to.</p>\n", count_text(a, sizeof(a), (double)r->nripples), r->orders,
	              r->orders == 1 ? "" : "s");
	snprintf(title, sizeof(title), "Ripple map of %s: the programme at the centre, each ripple on "
	         "the ring of its order, coloured by community capital", r->name);
	picture_figure(h, page_picture_number(r, 2));
	if (ripple_html_svg(h, r->map_svg, r->map_len, "map", "picture", title) < 0)
		ripple_html_raw(h, "<p>The ripple map could not be drawn.</p>");
	ripple_html_raw(h, "\n<figcaption>The ripple map. The programme is at the centre; first-order "
	                   "ripples are on the first ring, what they led to on the next. Colour shows "
	                   "the community capital (one stripe per capital). A dashed dark outline and "
	                   "a minus sign mark a negative ripple, a double outline an unintended one. "
	                   "A numbered ripple&#39;s words are in the key under the map."
	                   "</figcaption>\n</figure>\n");
	if (!r->map_page)
		picture_fallback(h);
	ripple_html_raw(h, "</div>\n");
	capital_tables(h, r);
	ripple_list(h, r);
}

static void section_gainers(ripple_html *h, const place_report *r)
{
	static const struct { int m; const char *name; int decimals; } measures[] = {
		{ RIPPLE_NODE_DEGREE, "Ties (degree)", 0 },
		{ RIPPLE_NODE_BETWEENNESS, "Betweenness", 3 },
		{ RIPPLE_NODE_HARMONIC_CLOSENESS, "Closeness (harmonic)", 3 },
	};
	const ripple_compare *c = &r->c;
	char a[64], b[64], d[64];
	int any = 0;

	ripple_html_raw(h, "<h2 id=\"gainers\">Who gained most</h2>\n");
	ripple_html_raw(h, "<div class=\"table-wrap\"><table class=\"gainers\"><thead><tr>"
	                   "<th scope=\"col\">Measure</th><th scope=\"col\" class=\"num\">Rank</th>"
	                   "<th scope=\"col\">Actor</th><th scope=\"col\">Sector</th>");
	ripple_html_f(h, "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	                 "<th scope=\"col\" class=\"num\">Change</th></tr></thead>\n<tbody>\n",
	              r->from, r->to);
	for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++) {
		size_t top[5], ntop = ripple_compare_gainers(top, 5, c, measures[i].m);
		const char *key = ripple_node_measure_info(measures[i].m)->name;
		for (size_t k = 0; k < ntop; k++) {
			size_t v = top[k];
			double x = ripple_metrics_node(&c->m1, v, measures[i].m);
			double y = ripple_metrics_node(&c->m2, v, measures[i].m);
			any = 1;
			ripple_html_f(h, "<tr data-measure=\"%s\" data-actor=\"%s\">", key, c->g1.model->actors[v].id);
			if (k == 0)
				ripple_html_f(h, "<th scope=\"rowgroup\" rowspan=\"%zu\">%s</th>", ntop,
				              measures[i].name);
			ripple_html_f(h, "<td class=\"num\">%zu</td><td>%s</td><td>%s</td><td class=\"num\">%s</td>"
			                 "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n", k + 1,
			              c->g1.model->actors[v].label, *c->g1.model->actors[v].sector ? c->g1.model->actors[v].sector : DASH,
			              num_text(a, sizeof(a), x, measures[i].decimals),
			              num_text(b, sizeof(b), y, measures[i].decimals),
			              signed_text(d, sizeof(d), y - x, measures[i].decimals));
		}
	}
	if (!any)
		ripple_html_raw(h, "<tr><td colspan=\"7\">No actor gained on any of these measures.</td></tr>\n");
	ripple_html_raw(h, "</tbody></table></div>\n");
	how_to_read(h, "The five actors whose position improved most, on three measures. "
	               "<em>Ties</em> counts the actors each one works with. <em>Betweenness</em> "
	               "is the share of shortest paths between other actors that run through this "
	               "one: a rise means it now links parts of the network that are not tied "
	               "directly, the broker role. <em>Closeness</em> says how few steps the actor "
	               "needs to reach everyone else (1: one step to all). Only rises are listed.");
}

static void flag_cell(ripple_html *h, const char *name, int v)
{
	ripple_html_f(h, "<td class=\"%s\" data-flag=\"%s\">%s</td>",
	              v > 0 ? "flag-yes" : "flag-no", name, yes_no_unknown(v));
}

/*
 * The ties whose change is not known (not observed at both waves), each with
 * why; nothing when every tie's change is known.
 */
static void unknown_ties(ripple_html *h, const place_report *r)
{
	const ripple_compare *c = &r->c;
	long n = c->count[RIPPLE_TIE_UNKNOWN];
	char a[64];

	if (n == 0)
		return;
	ripple_html_raw(h, "<h3 id=\"unknown-ties\">Ties whose change is not known</h3>\n");
	ripple_html_f(h, "<p><span data-fact=\"ties_unknown\" data-value=\"%ld\">%s %s</span> "
	                 "reported at %s or %s, but the pair was not observed at both waves, so "
	                 "whether the tie is new, lost or kept is not known; these are left out of "
	                 "every count above.</p>\n", n, count_text(a, sizeof(a), (double)n),
	              n == 1 ? "tie was" : "ties were", r->from, r->to);
	ripple_html_raw(h, "<div class=\"table-wrap\"><table class=\"unknown-ties\"><thead><tr>"
	                   "<th scope=\"col\">Actor</th><th scope=\"col\">Actor</th>"
	                   "<th scope=\"col\">Why not known</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < c->nties; i++) {
		const ripple_tie_change *t = &c->ties[i];
		const ripple_actor *x = &c->g1.model->actors[t->a], *y = &c->g1.model->actors[t->b];
		if (t->status != RIPPLE_TIE_UNKNOWN)
			continue;
		ripple_html_f(h, "<tr data-unknown-source=\"%s\" data-unknown-target=\"%s\" data-reason=\"%s\">"
		                 "<td>%s</td><td>%s%s</td><td>", x->id, y->id,
		              ripple_unknown_reason_name((enum ripple_unknown_reason)t->unknown),
		              x->label, c->g1.directed ? ARROW " " : "", y->label);
		switch (t->unknown) {
		case RIPPLE_UNKNOWN_JOINER:
			ripple_html_f(h, "one of them joined the place after %s", r->from);
			break;
		case RIPPLE_UNKNOWN_LEAVER:
			ripple_html_f(h, "one of them left the place before %s", r->to);
			break;
		case RIPPLE_UNKNOWN_MISSING_FROM:
			ripple_html_f(h, "not answered at %s", r->from);
			break;
		default:
			ripple_html_f(h, "not answered at %s", r->to);
			break;
		}
		ripple_html_raw(h, "</td></tr>\n");
	}
	ripple_html_raw(h, "</tbody></table></div>\n");
}

static void section_new_ties(ripple_html *h, const place_report *r)
{
	const ripple_compare *c = &r->c;
	long nnew = c->count[RIPPLE_TIE_NEW];
	char a[64], b[64];

	ripple_html_raw(h, "<h2 id=\"new-ties\">New ties</h2>\n");
	if (nnew == 0) {
		ripple_html_f(h, "<p>No tie at %s is new: every tie was already there at %s.</p>\n",
		              r->to, r->from);
	} else {
		ripple_html_f(h, "<p>%s new ties, bridging ones first. ",
		              count_text(a, sizeof(a), (double)nnew));
		ripple_html_raw(h, "</p>\n<div class=\"table-wrap\"><table class=\"new-ties\"><thead><tr>"
		                   "<th scope=\"col\">Actor</th><th scope=\"col\">Actor</th>"
		                   "<th scope=\"col\">Sectors</th><th scope=\"col\">Bridging</th>"
		                   "<th scope=\"col\">Cross-sector</th>"
		                   "<th scope=\"col\">Cross-organisation</th><th scope=\"col\">Cross-town</th>");
		ripple_html_f(h, "<th scope=\"col\">Steps apart at %s</th></tr></thead>\n<tbody>\n", r->from);
		for (int pass = 0; pass < 2; pass++) {
			for (size_t i = 0; i < c->nties; i++) {
				const ripple_tie_change *t = &c->ties[i];
				if (t->status != RIPPLE_TIE_NEW || t->bridging != (pass == 0))
					continue;
				const char *sa = c->g1.model->actors[t->a].sector, *sb = c->g1.model->actors[t->b].sector;
				ripple_html_f(h, "<tr data-source=\"%s\" data-target=\"%s\"><td>%s</td><td>%s%s</td>"
				                 "<td>%s / %s</td>", c->g1.model->actors[t->a].id, c->g1.model->actors[t->b].id,
				              c->g1.model->actors[t->a].label, c->g1.directed ? ARROW " " : "",
				              c->g1.model->actors[t->b].label, *sa ? sa : DASH, *sb ? sb : DASH);
				flag_cell(h, "bridging", t->bridging);
				flag_cell(h, "cross_sector", t->cross_sector);
				flag_cell(h, "cross_organisation", t->cross_organisation);
				flag_cell(h, "cross_town", t->cross_town);
				ripple_html_f(h, "<td>%s</td></tr>\n",
				              t->distance1 < 0 ? "not connected" : t->distance1 >= 3 ? "3 or more"
				              : t->distance1 == 2 ? "2" : "1");
			}
		}
		ripple_html_raw(h, "</tbody></table></div>\n");
	}
	how_to_read(h, "Each row is a pair of actors who work together now but did not at the earlier "
	               "wave. <em>Bridging</em>: before, the two were in separate parts of the network "
	               "or more than two steps apart, so the tie opens a route that did not exist. "
	               "<em>Cross-sector</em>: their sectors differ. <em>Cross-organisation</em>: they "
	               "belong to different organisations (teams count as part of theirs). "
	               "<em>Cross-town</em>: their towns differ. <em>Not known</em>: a sector or town is "
	               "missing from the data.");

	unknown_ties(h, r);

	/* which ripples rest on new ties */
	long on_new = ripples_on_new_ties(c);
	ripple_html_raw(h, "<h3 id=\"ripples-on-new-ties\">Which ripples rest on new ties</h3>\n");
	if (c->nlinks == 0) {
		ripple_html_raw(h, "<p>No ripple names two or more actors, so no ripple can be matched to "
		                   "ties. Naming the actors involved in ripples.csv (the <code>actors</code> "
		                   "column) links the ripple map to the network.</p>\n");
		return;
	}
	ripple_html_f(h, "<p>%s of the %s ripples that name two or more actors involve a pair joined "
	                 "by a tie that is new at %s.</p>\n", count_text(a, sizeof(a), (double)on_new),
	              count_text(b, sizeof(b), (double)c->nlinks), r->to);
	ripple_html_raw(h, "<div class=\"table-wrap\"><table class=\"ripple-links\"><thead><tr>"
	                   "<th scope=\"col\">Ripple</th><th scope=\"col\">Actors it names</th>");
	ripple_html_f(h, "<th scope=\"col\">Its actors are joined at %s by</th></tr></thead>\n"
	                 "<tbody>\n", r->to);
	for (size_t i = 0; i < c->nlinks; i++) {
		const ripple_ripple_link *l = &c->links[i];
		const char *joined = !l->joined ? "none" : ripple_tie_status_name(l->status);
		ripple_html_f(h, "<tr data-ripple=\"%s\" data-joined=\"%s\"><td>%s</td><td>", l->id, joined,
		              l->label);
		/* the ids as labels */
		const char *p = l->actors;
		int first = 1;
		while (*p) {
			size_t n = strcspn(p, ";");
			for (size_t v = 0; v < c->g1.n; v++)
				if (strlen(c->g1.model->actors[v].id) == n && memcmp(c->g1.model->actors[v].id, p, n) == 0) {
					ripple_html_f(h, "%s%s", first ? "" : "; ", c->g1.model->actors[v].label);
					first = 0;
					break;
				}
			p += n + (p[n] == ';');
		}
		ripple_html_f(h, "</td><td>%s</td></tr>\n",
		              !l->joined ? "no tie" : l->status == RIPPLE_TIE_NEW
		              ? (l->pairs_new == 1 ? "a new tie" : "new ties")
		              : l->status == RIPPLE_TIE_KEPT ? "only ties that were already there"
		              : "only ties whose change is not known");
	}
	ripple_html_raw(h, "</tbody></table></div>\n");
	how_to_read(h, "A ripple that names the actors involved can be checked against the network: "
	               "if some of them are joined by a tie that is new since the first wave, the "
	               "ripple rests at least partly on a relationship the programme period added. "
	               "This is a link in the data, not proof that the programme caused the ripple.");
}

static void section_tests(ripple_html *h, const place_report *r)
{
	const ripple_compare *c = &r->c;
	double m1 = c->m1.net[RIPPLE_NET_TIES];
	char a[64], b[64], x[64], p[64], n[64];

	count_text(n, sizeof(n), (double)c->permutations);
	ripple_html_raw(h, "<h2 id=\"tests\">Is the change more than chance?</h2>\n");

	ripple_html_raw(h, "<div class=\"keep\">\n<h3 id=\"qap\">Did the network keep its shape? "
	                   "(QAP correlation)</h3>\n"
	                   "<p class=\"test\" data-test=\"qap\"");
	ripple_html_f(h, " data-r=\"%s\"", data_text(a, sizeof(a), c->qap_r));
	ripple_html_f(h, " data-p=\"%s\" data-permutations=\"%ld\">", data_text(b, sizeof(b), c->qap_p),
	              c->permutations);
	ripple_html_f(h, "The network at <strong>%s</strong> keeps %s of the %s ties it had at "
	                 "<strong>%s</strong> (%s), loses %s and adds %s. ", r->to,
	              count_text(a, sizeof(a), (double)c->count[RIPPLE_TIE_KEPT]),
	              count_text(b, sizeof(b), m1), r->from,
	              percent_text(x, sizeof(x), (double)c->count[RIPPLE_TIE_KEPT], m1),
	              count_text(p, sizeof(p), (double)c->count[RIPPLE_TIE_LOST]),
	              count_text(n, sizeof(n), (double)c->count[RIPPLE_TIE_NEW]));
	count_text(n, sizeof(n), (double)c->permutations);
	if (!isfinite(c->qap_r)) {
		ripple_html_raw(h, "The QAP correlation cannot be computed: one of the waves has no ties "
		                   "(or every pair is tied), so there is nothing to correlate.");
	} else if (!isfinite(c->qap_p) || c->permutations == 0) {
		ripple_html_f(h, "The correlation of the two networks is r = %s; no permutations were run, "
		                 "so there is no p-value.", num_text(a, sizeof(a), c->qap_r, 2));
	} else if (c->qap_p < ALPHA) {
		ripple_html_f(h, "Ties fall on the same pairs at both waves far more often than chance "
		                 "would give: r = %s, %s with %s permutations.",
		              num_text(a, sizeof(a), c->qap_r, 2), p_text(p, sizeof(p), c->qap_p), n);
	} else {
		ripple_html_f(h, "Ties fall on the same pairs at both waves no more often than chance "
		                 "would give: r = %s, %s with %s permutations.",
		              num_text(a, sizeof(a), c->qap_r, 2), p_text(p, sizeof(p), c->qap_p), n);
	}
	ripple_html_raw(h, "</p>\n");
	how_to_read(h, "<em>r</em> runs from &#8722;1 to 1: 1 would mean exactly the same ties at both "
	               "waves, 0 two unrelated networks. <em>p</em> is the share of random relabellings "
	               "of the actors (permutations) whose networks look at least as alike; below 0.05 "
	               "is usually read as &#8220;not chance&#8221;. A high <em>r</em> with a small "
	               "<em>p</em> is what a network that grew on its existing relationships looks "
	               "like. The test says whether the network is stable, not whether it improved.");
	ripple_html_raw(h, "</div>\n");

	ripple_html_raw(h, "<div class=\"keep\">\n<h3 id=\"attendees\">Did those who took part gain "
	                   "more new ties?</h3>\n"
	                   "<p class=\"test\" data-test=\"attendees\"");
	ripple_html_f(h, " data-difference=\"%s\"", data_text(a, sizeof(a), c->attend_diff));
	ripple_html_f(h, " data-p=\"%s\" data-permutations=\"%ld\">",
	              data_text(b, sizeof(b), c->attend_p), c->permutations);
	if (!c->attend_yes || !c->attend_no) {
		ripple_html_f(h, "This test needs actors who took part in the programme and actors who "
		                 "did not (the <code>attended</code> column of actors.csv). Here %s actor%s "
		                 "attended and %s did not, so there is no test.",
		              count_text(a, sizeof(a), (double)c->attend_yes), c->attend_yes == 1 ? "" : "s",
		              count_text(b, sizeof(b), (double)c->attend_no));
	} else {
		ripple_html_f(h, "The %s actors who took part in the programme gained %s new ties on "
		                 "average, the %s who did not %s: a difference of %s. ",
		              count_text(a, sizeof(a), (double)c->attend_yes),
		              num_text(b, sizeof(b), c->attend_mean_yes, 2),
		              count_text(x, sizeof(x), (double)c->attend_no),
		              num_text(p, sizeof(p), c->attend_mean_no, 2),
		              signed_text(n, sizeof(n), c->attend_diff, 2));
		count_text(n, sizeof(n), (double)c->permutations);
		if (!isfinite(c->attend_p) || c->permutations == 0)
			ripple_html_raw(h, "No permutations were run, so there is no p-value.");
		else if (c->attend_p < ALPHA)
			ripple_html_f(h, "A difference at least this large came up in few of %s random "
			                 "reassignments of the same gains to the two groups (%s), so it is "
			                 "unlikely to be chance.", n, p_text(p, sizeof(p), c->attend_p));
		else
			ripple_html_f(h, "A difference at least this large came up often in %s random "
			                 "reassignments of the same gains to the two groups (%s), so it could "
			                 "be chance.", n, p_text(p, sizeof(p), c->attend_p));
	}
	ripple_html_raw(h, "</p>\n");
	how_to_read(h, "A new tie counts for both of its actors. The test keeps every actor&#39;s "
	               "number of new ties and shuffles who attended, many times over, to see how "
	               "often chance alone gives attendees this much more. It is one-sided (it asks "
	               "whether attendees gained <em>more</em>). With few actors a real difference can "
	               "still give a large <em>p</em>: no evidence is not evidence of no effect. Actors "
	               "whose attendance is not recorded are left out.");
	ripple_html_raw(h, "</div>\n");
}

/* One-line definitions for the methods appendix: term, definition (trusted markup). */
static const char *const definitions[][2] = {
	{ "Actor", "an organisation, a team inside one, or a person. Every actor that is part of the "
	           "place at a wave counts there (one with no tie is an isolate); one that had not "
	           "joined yet, or had left, does not." },
	{ "Response rate", "the share of the actors asked at a wave who answered its survey." },
	{ "Tie", "two actors reported as working together at a wave. Ties of several kinds (information, "
	         "referral, joint funding ...) between the same two actors count as one." },
	{ "New, lost, kept tie", "tied at the second wave only, at the first only, at both; counted "
	                         "only where the tie was observed at both waves." },
	{ "Not known", "a tie reported at one wave between two actors whose tie was not observed at "
	               "the other: one side did not answer then, or was not part of the place." },
	{ "Bridging tie", "a new tie between actors who, at the first wave, were in separate parts of "
	                  "the network or more than two steps apart." },
	{ "Cross-sector, cross-organisation, cross-town tie", "a tie whose two actors differ in sector, "
	    "in top-level organisation (a team belongs to its organisation), or in town." },
	{ "Actor connected for the first time", "an actor with at least one tie at the second wave and "
	    "none at any earlier wave; with survey responses (not <code>--missing census</code>), only "
	    "an actor that answered at the first wave, counting the ties as reported at the second "
	    "(an actor that did not answer may have had ties no one reported; a joiner is a joiner)." },
	{ "Joined, left", "an actor that was not part of the place at the first wave and is at the "
	                  "second (joined), or the reverse (left), as the place's survey responses "
	                  "record it; without responses (or with <code>--missing census</code>), an "
	                  "actor with no tie at the first wave and some at the second, or the reverse." },
	{ "Density", "the share of the pairs of actors whose tie is known that are tied (0 to 1): all "
	             "possible pairs when everyone answered." },
	{ "Mean ties per actor", "the average number of actors each actor is tied to (mean degree)." },
	{ "Components", "separate groups with no path between them; an isolate is a group of one." },
	{ "Mean steps between actors", "the average length of the shortest path between two actors "
	    "who are connected at all." },
	{ "Degree / betweenness centralization", "how far the network hangs on one hub (degree) or one "
	    "broker (betweenness): 1 for a star, 0 when all are equal." },
	{ "E-I index", "(ties across sectors &#8722; ties within a sector) / all ties between actors "
	               "with a known sector: &#8722;1 all within, +1 all across." },
	{ "Modularity", "how strongly the network splits into clusters found by the Leiden method "
	                "(0: no more than chance; about 0.3 or more: clear clusters)." },
	{ "Degree", "the number of actors an actor is tied to." },
	{ "Betweenness", "the share of shortest paths between pairs of other actors that pass through "
	                 "an actor (0 to 1)." },
	{ "Harmonic closeness", "the average of 1 / steps from an actor to every other (0 to 1; "
	                        "unreachable actors add 0)." },
	{ "QAP correlation", "the correlation of the two waves&#39; tie patterns, with a p-value from "
	    "random relabellings of the actors (quadratic assignment procedure)." },
	{ "Attendee test", "the mean number of new ties of actors who attended minus that of actors "
	    "who did not, with a p-value from random reassignments of attendance." },
	{ "Ripple, order", "an outcome recorded in ripple effect mapping; first order came straight "
	    "from the programme, second order grew from a first-order ripple, and so on." },
	{ "Community capitals", "natural, cultural, human, social, political, financial and built: the "
	    "seven kinds of community asset a ripple is coded to." },
};

static void definitions_list(ripple_html *h)
{
	ripple_html_raw(h, "<dl class=\"defs\">\n");
	for (size_t i = 0; i < sizeof(definitions) / sizeof(definitions[0]); i++) {
		ripple_html_raw(h, "<dt>");
		ripple_html_raw(h, definitions[i][0]);
		ripple_html_raw(h, "</dt><dd>");
		ripple_html_raw(h, definitions[i][1]);
		ripple_html_raw(h, "</dd>\n");
	}
	ripple_html_raw(h, "</dl>\n");
}

/* Every network measure of the report at every wave: measures as rows, waves as columns. */
static void every_measure(ripple_html *h, const place_report *r)
{
	const ripple_waves *w = &r->waves;
	char a[64], d[64];
	int trust = 0, value = 0;

	if (w->nwaves < 2)
		return;
	for (size_t k = 0; k < w->nwaves; k++) {
		trust |= w->metrics[k].has_trust;
		value |= w->metrics[k].has_value;
	}
	ripple_html_raw(h, "<h3 id=\"every-measure\">Every network measure at every wave</h3>\n"
	                   "<div class=\"table-wrap\"><table class=\"every-measure\"><thead><tr>"
	                   "<th scope=\"col\">Measure</th>");
	for (size_t k = 0; k < w->nwaves; k++)
		ripple_html_f(h, "<th scope=\"col\" class=\"num\">%s</th>", r->m->waves[k].name);
	ripple_html_raw(h, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < sizeof(net_rows) / sizeof(net_rows[0]); i++) {
		const ripple_measure_info *info = ripple_net_measure_info(net_rows[i].k);
		if (!ripple_measure_applies(info->scope, r->directed, trust, value))
			continue;
		ripple_html_f(h, "<tr data-series=\"%s\"><th scope=\"row\">%s</th>", info->name,
		              net_rows[i].name);
		for (size_t k = 0; k < w->nwaves; k++)
			ripple_html_f(h, "<td class=\"num\" data-wave=\"%s\" data-value=\"%s\">%s</td>",
			              r->m->waves[k].name, data_text(d, sizeof(d), w->metrics[k].net[net_rows[i].k]),
			              num_text(a, sizeof(a), w->metrics[k].net[net_rows[i].k], net_rows[i].decimals));
		ripple_html_raw(h, "</tr>\n");
	}
	ripple_html_raw(h, "</tbody></table></div>\n");
}

/* s as one shell word (single-quoted unless it needs nothing), escaped for HTML. */
static void shell_word(ripple_html *h, const char *s)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                            "0123456789_-./:=@%+,";

	if (*s && strspn(s, plain) == strlen(s)) {
		ripple_html_f(h, "%s", s);
		return;
	}
	char *copy = strdup(s);
	if (!copy) {
		h->failed = 1;
		return;
	}
	ripple_html_raw(h, "&#39;");
	for (char *part = copy, *q;; part = q + 1) {
		if ((q = strchr(part, '\'')) != NULL)
			*q = '\0';
		ripple_html_f(h, "%s", part);
		if (!q)
			break;
		ripple_html_raw(h, "&#39;\\&#39;&#39;");   /* ' ends the quote, \' is one, ' opens */
	}
	ripple_html_raw(h, "&#39;");
	free(copy);
}

static void section_methods(ripple_html *h, const place_report *r)
{
	const ripple_compare *c = &r->c;
	size_t n = c->g1.n;
	char a[64], b[64], x[64];

	ripple_html_raw(h, "<h2 id=\"methods\">Methods</h2>\n<dl class=\"facts\">\n");
	ripple_html_f(h, "<dt>Place</dt><dd>%s</dd>\n", r->name);
	if (*r->programme)
		ripple_html_f(h, "<dt>Programme</dt><dd>%s</dd>\n", r->programme);
	ripple_html_raw(h, "<dt>Waves compared</dt><dd data-fact=\"waves\">");
	wave_with_date(h, r->from, r->from_date);
	ripple_html_raw(h, " " ARROW " ");
	wave_with_date(h, r->to, r->to_date);
	ripple_html_raw(h, "</dd>\n");
	ripple_html_f(h, "<dt>Level</dt><dd data-fact=\"level\" data-level=\"%s\">%s</dd>\n",
	              r->opts->level == RIPPLE_LEVEL_ORGANISATION ? "organisation" : "actor",
	              r->opts->level == RIPPLE_LEVEL_ORGANISATION
	              ? "organisations: every team and person is counted in its top-level organisation "
	                "(an actor with no organisation above it stays as itself); two organisations are "
	                "tied when any of their members are, and a tie inside one organisation is "
	                "dropped (docs/MEASURES.md, \"Organisation level\")"
	              : "actors: every organisation, team and person as itself");
	ripple_html_f(h, "<dt>Actors</dt><dd>%s in all, %s network. ", count_text(a, sizeof(a), (double)n),
	              r->directed ? "a directed (who named whom)" : "an undirected");
	ripple_html_f(h, c->joined_by_absence
	                 ? "<span data-fact=\"joiners\" data-value=\"%ld\">%s joined</span> (not part "
	                   "of the place at %s, part of it at %s), "
	                 : "<span data-fact=\"joiners\" data-value=\"%ld\">%s joined</span> (no tie at "
	                   "%s, some at %s), ", count_flags(c->joiner, n),
	              count_text(b, sizeof(b), (double)count_flags(c->joiner, n)), r->from, r->to);
	ripple_html_f(h, "<span data-fact=\"leavers\" data-value=\"%ld\">%s left</span> (the reverse), ",
	              count_flags(c->leaver, n), count_text(x, sizeof(x), (double)count_flags(c->leaver, n)));
	ripple_html_f(h, "%s connected for the first time.</dd>\n",
	              count_text(a, sizeof(a), (double)count_flags(c->first_connected, n)));
	{
		char t1[64], t2[64], tn[64], tl[64], tk[64], tu[64]; /* one buffer per number */
		char unknown[96] = "";
		if (c->count[RIPPLE_TIE_UNKNOWN])
			snprintf(unknown, sizeof(unknown), ", %s not known",
			         count_text(tu, sizeof(tu), (double)c->count[RIPPLE_TIE_UNKNOWN]));
		ripple_html_f(h, "<dt>Ties</dt><dd data-fact=\"ties\">%s at %s, %s at %s; %s new, %s lost, "
		                 "%s kept%s.</dd>\n",
		              count_text(t1, sizeof(t1), c->m1.net[RIPPLE_NET_TIES]), r->from,
		              count_text(t2, sizeof(t2), c->m2.net[RIPPLE_NET_TIES]), r->to,
		              count_text(tn, sizeof(tn), (double)c->count[RIPPLE_TIE_NEW]),
		              count_text(tl, sizeof(tl), (double)c->count[RIPPLE_TIE_LOST]),
		              count_text(tk, sizeof(tk), (double)c->count[RIPPLE_TIE_KEPT]), unknown);
	}
	ripple_html_raw(h, "<dt>Responses</dt><dd data-fact=\"response-rates\">");
	if (!r->m->responses) {
		ripple_html_raw(h, "not recorded: every actor is taken to have answered at every wave");
	} else {
		ripple_html_f(h, "at %s, ", r->from);
		responses_text(h, &c->g1);
		ripple_html_f(h, "; at %s, ", r->to);
		responses_text(h, &c->g2);
	}
	ripple_html_f(h, ".</dd>\n<dt>Non-response</dt><dd data-fact=\"policy\">%s: %s.</dd>\n",
	              ripple_policy_name(c->g1.opts.missing), policy_text(c->g1.opts.missing));
	ripple_html_f(h, "<dt>Ripples</dt><dd>%s</dd>\n",
	              r->nripples ? count_text(a, sizeof(a), (double)r->nripples) : "none recorded");
	ripple_html_f(h, "<dt>Tests</dt><dd>%s permutations each, seed %lu (QAP) and %lu (attendees): "
	                 "the same data and seed give the same p-values on any machine.</dd>\n",
	              count_text(a, sizeof(a), (double)c->permutations), c->seed, c->seed + 1);
	ripple_html_f(h, "<dt>Weights</dt><dd>%s</dd>\n", c->weighted
	              ? "used: stronger ties count more in the QAP test, betweenness, closeness and "
	                "the clusters"
	              : "not used: a tie counts once, however strong");
	ripple_html_raw(h, "<dt>Pictures</dt><dd>Drawn with Graphviz. Each actor has one position for "
	                   "every drawing of the place, computed from the ties of all its waves.</dd>\n");
	/* the command that made the report, as given; then the comparison with its real values */
	if (r->opts->command)
		ripple_html_f(h, "<dt>Reproduce</dt><dd><p>This report was made with</p>"
		                 "<pre class=\"command\" data-fact=\"command\"><code>%s</code></pre>",
		              r->opts->command);
	else
		ripple_html_raw(h, "<dt>Reproduce</dt><dd>");
	ripple_html_raw(h, "<p>The comparison on its own, with every option it was made with:</p>"
	                   "<pre class=\"command\" data-fact=\"compare-command\"><code>ripple compare ");
	if (r->opts->source)
		shell_word(h, r->opts->source);
	else
		ripple_html_raw(h, "SOURCE");
	ripple_html_raw(h, " ");
	shell_word(h, r->name);
	ripple_html_raw(h, " --from ");
	shell_word(h, r->from);
	ripple_html_raw(h, " --to ");
	shell_word(h, r->to);
	ripple_html_f(h, " --permutations %ld --seed %lu%s --missing %s%s%s</code></pre>"
	                 "<p><code>ripple waves</code> and <code>ripple metrics --mixing</code> with the "
	                 "same options give every wave and the ties between sectors.</p></dd>\n</dl>\n",
	              c->permutations, c->seed, c->weighted ? " --weighted" : "",
	              ripple_policy_name(c->g1.opts.missing),
	              c->g1.opts.view == RIPPLE_VIEW_BOTH ? " --undirected both" : "",
	              r->opts->level == RIPPLE_LEVEL_ORGANISATION ? " --level organisation" : "");
	every_measure(h, r);
	ripple_html_raw(h, "<h3 id=\"definitions\">What each measure means</h3>\n");
	definitions_list(h);
	how_to_read(h, "These are one-line versions. ripple&#39;s docs/MEASURES.md gives each measure&#39;s "
	               "formula, its range and what happens when the network is split or an actor has "
	               "no ties. An actor who did not answer a survey has not lost its ties, and one who "
	               "was not there has not made new ones: with the place&#39;s responses recorded, "
	               "change is counted only where the tie was observed at both waves, and the "
	               "rest is reported as unknown.");
}

static void toc(ripple_html *h, const char *const (*items)[2], size_t n)
{
	ripple_html_raw(h, "<nav class=\"toc\" aria-label=\"Contents\"><ol>\n");
	for (size_t i = 0; i < n; i++)
		ripple_html_f(h, "<li><a href=\"#%s\">%s</a></li>\n", items[i][0], items[i][1]);
	ripple_html_raw(h, "</ol></nav>\n");
}

/* The buffer as the result, or out of memory. */
static int finish(char **html, size_t *len, ripple_html *h, ripple_error *err)
{
	if (h->failed || !h->s) {
		ripple_html_release(h);
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	}
	*html = h->s;
	*len = h->len;
	return RIPPLE_OK;
}

int ripple_report_place(char **html, size_t *len, const ripple_model *m,
                        const ripple_report_options *opts, ripple_error *err)
{
	static const ripple_report_options defaults = RIPPLE_REPORT_OPTIONS_INIT;
	static const char *const contents[][2] = {
		{ "glance", "At a glance" }, { "waves", "Every wave" },
		{ "network", "How the network changed" }, { "mixing", "Ties between sectors" },
		{ "ripples", "The ripple map" }, { "gainers", "Who gained most" },
		{ "new-ties", "New ties" }, { "tests", "Is the change more than chance?" },
		{ "methods", "Methods" },
	};
	const int organisations = opts && opts->level == RIPPLE_LEVEL_ORGANISATION;
	place_report r;
	ripple_layout layout;   /* the place's, got once for the change map and the pair */
	ripple_html h = RIPPLE_HTML_INIT;
	char title[512];
	size_t w;
	int rc;

	*html = NULL;
	*len = 0;
	if (!opts)
		opts = &defaults;
	memset(&r, 0, sizeof(r));
	memset(&layout, 0, sizeof(layout));
	r.m = m;
	r.opts = opts;
	r.name = m->name;
	r.programme = m->programme;
	r.directed = m->directed;
	if (!opts->from != !opts->to) {
		rc = ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0, "give both --from and --to, or neither");
		goto done;
	}
	if (!opts->from && m->nwaves < 2) {
		rc = ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "place \"%s\" has %zu wave%s: a report "
		                      "compares two", r.name, m->nwaves, m->nwaves == 1 ? "" : "s");
		goto done;
	}
	r.from = opts->from ? opts->from : m->waves[0].name;
	r.to = opts->to ? opts->to : m->waves[m->nwaves - 1].name;
	if ((rc = ripple_compare_run(&r.c, m, r.from, r.to, &opts->compare, err)) < 0)
		goto done;
	r.have_compare = 1;
	w = ripple_model_wave(m, r.from);
	r.from_date = w != RIPPLE_NONE ? m->waves[w].date : "";
	w = ripple_model_wave(m, r.to);
	r.to_date = w != RIPPLE_NONE ? m->waves[w].date : "";
	if ((rc = list_ripples(&r, err)) < 0)
		goto done;
	if ((rc = ripple_mixing_compute(&r.mix[0], &r.c.g1, err)) < 0 ||
	    (rc = ripple_mixing_compute(&r.mix[1], &r.c.g2, err)) < 0)
		goto done;
	if (m->nwaves >= 2) {
		/* every wave, built and measured as the comparison built and measured its two */
		ripple_waves_options wo = RIPPLE_WAVES_OPTIONS_INIT;
		wo.graph = opts->compare.graph;
		wo.metrics.weighted = opts->compare.weighted;
		wo.metrics.seed = opts->compare.seed;
		wo.metrics.paths = opts->compare.paths;
		if ((rc = ripple_waves_run(&r.waves, m, &wo, err)) < 0)
			goto done;
		if (!(r.wave_mix = calloc(r.waves.nwaves, sizeof(*r.wave_mix)))) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		for (size_t k = 0; k < r.waves.nwaves; k++)
			if ((rc = ripple_mixing_compute(&r.wave_mix[k], &r.waves.graphs[k], err)) < 0)
				goto done;
	}
	{
		/* the change map draws the comparison made above: its ledger and the
		 * measures of both waves (what it needs of them does not depend on the
		 * permutations), with the same seed and weighting */
		ripple_draw_options d = RIPPLE_DRAW_OPTIONS_INIT;
		d.from = r.from;
		d.to = r.to;
		d.seed = opts->compare.seed;
		d.weighted = opts->compare.weighted;
		d.compare = &r.c;
		if ((rc = draw_for_page(&r.change_svg, &r.change_len, &r.change_page, m, &d, &layout,
		                        err)) < 0)
			goto done;
		d.page = RIPPLE_PAGE_NATURAL;
		if (!r.change_page && (rc = ripple_draw_render(&r.change_svg, &r.change_len, m, &d,
		                                               &layout, RIPPLE_IMAGE_SVG, err)) < 0)
			goto done;
	}
	{
		/* before | after: the small multiples of the two waves on one A4 portrait page,
		 * else the two natural-size drawings side by side */
		const char *pair_waves[3] = { r.from, r.to, NULL };
		ripple_draw_options d = RIPPLE_DRAW_OPTIONS_INIT;
		int fitted = 0;
		d.waves = pair_waves;
		d.seed = opts->compare.seed;
		d.weighted = opts->compare.weighted;
		d.graph = opts->compare.graph;
		if ((rc = draw_for_page(&r.pair_page_svg, &r.pair_page_len, &fitted, m, &d, &layout,
		                        err)) < 0)
			goto done;
		if (!fitted && (rc = draw_pair(&r, &layout, err)) < 0)
			goto done;
	}
	if (r.nripples > 0 && (rc = map_for_page(&r.map_svg, &r.map_len, &r.map_page, m, err)) < 0)
		goto done;

	snprintf(title, sizeof(title), "Ripple report: %s%s", r.name, organisations ? " (organisations)" : "");
	page_start(&h, title, place_css);
	ripple_html_f(&h, "<header>\n<h1>%s</h1>\n", title);
	if (*r.programme)
		ripple_html_f(&h, "<p class=\"subtitle\">%s</p>\n", r.programme);
	if (organisations)
		ripple_html_raw(&h, "<p class=\"subtitle\" data-fact=\"level\" data-level=\"organisation\">"
		                    "At the level of organisations: every team and person is counted in its "
		                    "top-level organisation, and two organisations are tied when any of their "
		                    "members are.</p>\n");
	if (opts && opts->pseudonymised) {
		int all = opts->pseudonymised == RIPPLE_PSEUDO_ALL;
		ripple_html_f(&h, "<p class=\"subtitle\" data-fact=\"pseudonymised\" data-scope=\"%s\">"
		                  "Pseudonymised: %s shown as codes (%s) keyed by a secret kept apart "
		                  "from this report, so it names no one; the same secret gives the same "
		                  "codes in every report and export.</p>\n",
		              all ? "all" : "people", all ? "every actor is" : "people are",
		              all ? "P-" ELLIPSIS ", T-" ELLIPSIS ", O-" ELLIPSIS : "P-" ELLIPSIS);
	}
	ripple_html_raw(&h, "<p class=\"subtitle\">What changed in working relationships between ");
	wave_with_date(&h, r.from, r.from_date);
	ripple_html_raw(&h, " and ");
	wave_with_date(&h, r.to, r.to_date);
	ripple_html_raw(&h, r.nripples ? ", and what the programme set off.</p>\n</header>\n<main>\n"
	                               : ".</p>\n</header>\n<main>\n");
	section_story(&h, &r);
	{
		/* the contents: every wave only when there is a section for it */
		const char *const (*items)[2] = contents;
		const char *shown[sizeof(contents) / sizeof(contents[0])][2];
		size_t k = 0;
		for (size_t i = 0; i < sizeof(contents) / sizeof(contents[0]); i++) {
			if (strcmp(items[i][0], "waves") == 0 && r.waves.nwaves < 2)
				continue;
			shown[k][0] = items[i][0];
			shown[k][1] = items[i][1];
			k++;
		}
		toc(&h, (const char *const (*)[2])shown, k);
	}
	section_glance(&h, &r);
	section_waves(&h, &r);
	section_network(&h, &r);
	section_mixing(&h, &r);
	section_ripples(&h, &r);
	section_gainers(&h, &r);
	section_new_ties(&h, &r);
	section_tests(&h, &r);
	section_methods(&h, &r);
	ripple_html_raw(&h, "</main>\n");
	{
		ripple_html tail = RIPPLE_HTML_INIT;
		print_pictures(&tail, &r);
		h.failed |= tail.failed;   /* out of memory: the page is not finished */
		page_end(&h, tail.s);
		ripple_html_release(&tail);
	}
	rc = finish(html, len, &h, err);
done:
	ripple_layout_release(&layout);
	place_report_release(&r);
	return rc;
}

/* ---- the summary across places ------------------------------------------------------- */

/*
 * The mean number of new ties each actor of a place gained: 2 x new ties over
 * the actors at the later wave (a new tie counts for both its actors, as in the
 * attendee test). NAN for a place without actors then.
 */
static double new_per_actor(const ripple_batch_row *r)
{
	double n = r->net[1][RIPPLE_NET_ACTORS];
	return n > 0 && isfinite(r->change[RIPPLE_BATCH_TIES_NEW])
	       ? 2 * r->change[RIPPLE_BATCH_TIES_NEW] / n : NAN;
}

/* part / whole, NAN when whole is not above 0. */
static double share(double part, double whole)
{
	return whole > 0 && isfinite(part) ? part / whole : NAN;
}

/* The summary's order: most new ties per actor first, a place without a value last,
 * then by name (the batch's rows are unique by place). */
static int by_new_per_actor(const void *pa, const void *pb)
{
	const ripple_batch_row *a = pa, *b = pb;
	double x = new_per_actor(a), y = new_per_actor(b);
	if (isfinite(x) != isfinite(y))
		return isfinite(x) ? -1 : 1;
	if (isfinite(x) && x != y)
		return x > y ? -1 : 1;
	return strcmp(a->place, b->place);
}

/* One number of a summary row: the value as shown, and as data for scripts. */
static void summary_cell(ripple_html *h, const char *measure, double value, const char *shown)
{
	char d[64];
	ripple_html_f(h, "<td class=\"num\" data-measure=\"%s\" data-value=\"%s\">%s</td>", measure,
	              data_text(d, sizeof(d), value), shown);
}

/* The results of each place: what changed, then the tests and the ripples (two tables,
 * so that each fits the width of an A4 page). */
static void summary_table(ripple_html *h, const ripple_batch *b)
{
	static const int counts[] = { RIPPLE_BATCH_TIES_NEW, RIPPLE_BATCH_NEW_BRIDGING,
	                              RIPPLE_BATCH_NEW_CROSS_SECTOR, RIPPLE_BATCH_FIRST_CONNECTED };
	char v[64], w[64];

	ripple_html_raw(h, "<h3 id=\"results-change\">What changed</h3>\n"
	                   "<div class=\"table-wrap\"><table class=\"summary\">"
	                   "<caption>One row per place, the most new ties per actor first.</caption>"
	                   "<thead><tr><th scope=\"col\">Place</th>"
	                   "<th scope=\"col\">Waves compared</th><th scope=\"col\" class=\"num\">Actors</th>"
	                   "<th scope=\"col\" class=\"num\">New ties per actor</th>"
	                   "<th scope=\"col\" class=\"num\">Ties before " ARROW " after</th>"
	                   "<th scope=\"col\" class=\"num\">Density change</th>"
	                   "<th scope=\"col\" class=\"num\">New ties</th>"
	                   "<th scope=\"col\" class=\"num\">Bridging</th>"
	                   "<th scope=\"col\" class=\"num\">Cross-sector</th>"
	                   "<th scope=\"col\" class=\"num\">Connected for the first time</th>"
	                   "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < b->nrows; i++) {
		const ripple_batch_row *r = &b->rows[i];
		const double *x = r->change;
		ripple_html_f(h, "<tr data-place=\"%s\"><th scope=\"row\">%s</th><td>%s " ARROW " %s</td>",
		              r->place, r->place, r->from, r->to);
		summary_cell(h, "actors", r->net[0][RIPPLE_NET_ACTORS],
		             count_text(v, sizeof(v), r->net[0][RIPPLE_NET_ACTORS]));
		summary_cell(h, "ties_new_per_actor", new_per_actor(r),
		             num_text(v, sizeof(v), new_per_actor(r), 2));
		ripple_html_f(h, "<td class=\"num\" data-measure=\"ties\">%s " ARROW " %s</td>",
		              count_text(v, sizeof(v), r->net[0][RIPPLE_NET_TIES]),
		              count_text(w, sizeof(w), r->net[1][RIPPLE_NET_TIES]));
		double dc = r->net[1][RIPPLE_NET_DENSITY] - r->net[0][RIPPLE_NET_DENSITY];
		summary_cell(h, "density_change", dc, signed_text(v, sizeof(v), dc, 3));
		for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++)
			summary_cell(h, ripple_batch_measure_info(counts[k])->name, x[counts[k]],
			             count_text(v, sizeof(v), x[counts[k]]));
		ripple_html_raw(h, "</tr>\n");
	}
	ripple_html_raw(h, "</tbody></table></div>\n");

	ripple_html_raw(h, "<h3 id=\"results-tests\">Tests and ripples</h3>\n"
	                   "<div class=\"table-wrap\"><table class=\"summary-tests\">"
	                   "<caption>The same places, in the same order.</caption><thead><tr>"
	                   "<th scope=\"col\">Place</th>"
	                   "<th scope=\"col\" class=\"num\">QAP r</th>"
	                   "<th scope=\"col\" class=\"num\">QAP p</th>"
	                   "<th scope=\"col\" class=\"num\">Attendees&#39; extra new ties</th>"
	                   "<th scope=\"col\" class=\"num\">Attendee p</th>"
	                   "<th scope=\"col\" class=\"num\">Ripples on new ties</th>"
	                   "<th scope=\"col\" class=\"num\">Ties not known</th>"
	                   "<th scope=\"col\" class=\"num\">Answered before " ARROW " after</th>"
	                   "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < b->nrows; i++) {
		const ripple_batch_row *r = &b->rows[i];
		const double *x = r->change;
		ripple_html_f(h, "<tr data-place=\"%s\"><th scope=\"row\">%s</th>", r->place, r->place);
		summary_cell(h, "qap_r", x[RIPPLE_BATCH_QAP_R],
		             num_text(v, sizeof(v), x[RIPPLE_BATCH_QAP_R], 2));
		summary_cell(h, "qap_p", x[RIPPLE_BATCH_QAP_P],
		             num_text(v, sizeof(v), x[RIPPLE_BATCH_QAP_P], 3));
		summary_cell(h, "attendee_difference", x[RIPPLE_BATCH_ATTENDEE_DIFFERENCE],
		             isfinite(x[RIPPLE_BATCH_ATTENDEE_DIFFERENCE])
		             ? signed_text(v, sizeof(v), x[RIPPLE_BATCH_ATTENDEE_DIFFERENCE], 2) : "no test");
		summary_cell(h, "attendee_p", x[RIPPLE_BATCH_ATTENDEE_P],
		             isfinite(x[RIPPLE_BATCH_ATTENDEE_P])
		             ? num_text(v, sizeof(v), x[RIPPLE_BATCH_ATTENDEE_P], 3) : DASH);
		snprintf(w, sizeof(w), "%s of ", count_text(v, sizeof(v), x[RIPPLE_BATCH_RIPPLES_ON_NEW_TIES]));
		summary_cell(h, "ripples_on_new_ties", x[RIPPLE_BATCH_RIPPLES_ON_NEW_TIES],
		             strncat(w, count_text(v, sizeof(v), x[RIPPLE_BATCH_RIPPLES_LINKED]),
		                     sizeof(w) - strlen(w) - 1));
		summary_cell(h, "ties_unknown", x[RIPPLE_BATCH_TIES_UNKNOWN],
		             count_text(v, sizeof(v), x[RIPPLE_BATCH_TIES_UNKNOWN]));
		{
			char rate[64];
			const long *r0 = r->responses[0], *r1 = r->responses[1];
			percent_text(v, sizeof(v), (double)r0[RIPPLE_RESPONSE_ANSWERED],
			             (double)(r0[RIPPLE_RESPONSE_ANSWERED] + r0[RIPPLE_RESPONSE_MISSING]));
			percent_text(w, sizeof(w), (double)r1[RIPPLE_RESPONSE_ANSWERED],
			             (double)(r1[RIPPLE_RESPONSE_ANSWERED] + r1[RIPPLE_RESPONSE_MISSING]));
			ripple_html_f(h, "<td class=\"num\" data-measure=\"response_rate_from\" "
			                 "data-value=\"%s\">%s " ARROW " %s</td>",
			              data_text(rate, sizeof(rate), r->net[0][RIPPLE_NET_RESPONSE_RATE]), v, w);
		}
		ripple_html_raw(h, "</tr>\n");
	}
	ripple_html_raw(h, "</tbody></table></div>\n");
}

/* The policy every place was measured with, and a warning naming each wave answered by too few. */
static void summary_responses(ripple_html *h, const ripple_batch *b, const ripple_report_options *o)
{
	enum ripple_policy policy = o->compare.graph.missing;
	char rate[64], min[64];
	int warned = 0;

	ripple_html_f(h, "<p data-fact=\"policy\" data-policy=\"%s\">Non-response: %s "
	                 "(<code>--missing %s</code>).</p>\n", ripple_policy_name(policy),
	              policy_text(policy), ripple_policy_name(policy));
	for (size_t i = 0; i < b->nrows; i++) {
		const ripple_batch_row *r = &b->rows[i];
		for (int w = 0; w < 2; w++) {
			long answered = r->responses[w][RIPPLE_RESPONSE_ANSWERED];
			long asked = answered + r->responses[w][RIPPLE_RESPONSE_MISSING];
			if (!(asked > 0 && (double)answered / (double)asked < o->min_response))
				continue;
			if (!warned++)
				ripple_html_raw(h, "<aside class=\"warning\" data-warning=\"response-rate\"><p>"
				                   "<strong>Few answered.</strong> In these waves fewer than ");
			else
				ripple_html_raw(h, "; ");
			if (warned == 1)
				ripple_html_f(h, "%s of the actors asked answered, so their networks are "
				                 "known only in part: ",
				              percent_text(min, sizeof(min), o->min_response, 1.0));
			ripple_html_f(h, "%s at %s (%s)", r->place, w ? r->to : r->from,
			              percent_text(rate, sizeof(rate), (double)answered, (double)asked));
		}
	}
	if (warned)
		ripple_html_raw(h, ".</p></aside>\n");
}

/* What a summary chart shows of a place: scaled by its size, so places compare. */
enum summary_value { NEW_PER_ACTOR, BRIDGING_SHARE, SECTOR_SHARE, FIRST_SHARE, DENSITY_CHANGE };

static double summary_value(const ripple_batch_row *r, enum summary_value v)
{
	const double *x = r->change;
	switch (v) {
	case NEW_PER_ACTOR:
		return new_per_actor(r);
	case BRIDGING_SHARE:
		return 100 * share(x[RIPPLE_BATCH_NEW_BRIDGING], x[RIPPLE_BATCH_TIES_NEW]);
	case SECTOR_SHARE:
		return 100 * share(x[RIPPLE_BATCH_NEW_CROSS_SECTOR], x[RIPPLE_BATCH_TIES_NEW]);
	case FIRST_SHARE:
		return 100 * share(x[RIPPLE_BATCH_FIRST_CONNECTED], r->net[1][RIPPLE_NET_ACTORS]);
	case DENSITY_CHANGE:
	default:
		return r->net[1][RIPPLE_NET_DENSITY] - r->net[0][RIPPLE_NET_DENSITY];
	}
}

static void summary_chart(ripple_html *h, const ripple_batch *b, const char *id, const char *heading,
                          enum summary_value v, const char *colour, bar *bars)
{
	for (size_t i = 0; i < b->nrows; i++) {
		const ripple_batch_row *r = &b->rows[i];
		bars[i].label = r->place;
		bars[i].key = r->place;
		bars[i].colour = colour;
		bars[i].value = summary_value(r, v);
	}
	ripple_html_f(h, "<h3 id=\"%s\">%s</h3>\n<figure>\n", id, heading);
	{
		char svg_id[80];
		snprintf(svg_id, sizeof(svg_id), "%s-svg", id);
		bar_chart(h, svg_id, heading, bars, b->nrows,
		          v == DENSITY_CHANGE ? 3 : v == NEW_PER_ACTOR ? 2 : 0, v == DENSITY_CHANGE);
	}
	ripple_html_raw(h, "</figure>\n");
}

int ripple_report_summary(char **html, size_t *len, const ripple_batch *batch,
                          const ripple_report_options *opts, ripple_error *err)
{
	static const ripple_report_options defaults = RIPPLE_REPORT_OPTIONS_INIT;
	static const char *const contents[][2] = {
		{ "glance", "At a glance" }, { "results", "Results by place" },
		{ "charts", "Change per place" }, { "spread", "Across places" },
		{ "methods", "Methods" },
	};
	ripple_batch b = *batch;   /* read only: rows is a sorted shallow copy */
	ripple_batch_row *sorted = NULL;
	ripple_batch_stat *stats = NULL;
	size_t nstats = 0;
	ripple_html h = RIPPLE_HTML_INIT;
	bar *bars = NULL;
	char a[64], t[64], title[256];
	int rc;

	*html = NULL;
	*len = 0;
	if (!opts)
		opts = &defaults;
	if (!opts->from != !opts->to)
		return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0, "give both --from and --to, or neither");
	if (b.nrows == 0) {
		rc = opts->from ? ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "no place has both waves "
		                                   "\"%s\" and \"%s\"", opts->from, opts->to)
		                : ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0,
		                                   "no place has two waves to compare");
		goto done;
	}
	if ((rc = ripple_batch_summary(&stats, &nstats, &b)) < 0 ||
	    !(bars = calloc(b.nrows, sizeof(*bars))) || !(sorted = malloc(b.nrows * sizeof(*sorted)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	memcpy(sorted, b.rows, b.nrows * sizeof(*sorted));
	qsort(sorted, b.nrows, sizeof(*sorted), by_new_per_actor);
	b.rows = sorted;

	double actors = 0, sums[RIPPLE_BATCH_COUNT] = { 0 };
	long qap_sig = 0, attend_sig = 0, attend_tested = 0;
	for (size_t i = 0; i < b.nrows; i++) {
		actors += b.rows[i].net[0][RIPPLE_NET_ACTORS];
		for (int k = 0; k < RIPPLE_BATCH_COUNT; k++)
			if (isfinite(b.rows[i].change[k]))
				sums[k] += b.rows[i].change[k];
		qap_sig += b.rows[i].change[RIPPLE_BATCH_QAP_P] < ALPHA;
		attend_tested += isfinite(b.rows[i].change[RIPPLE_BATCH_ATTENDEE_P]);
		attend_sig += b.rows[i].change[RIPPLE_BATCH_ATTENDEE_P] < ALPHA;
	}

	count_text(a, sizeof(a), (double)b.nrows);
	snprintf(title, sizeof(title), "Ripple summary: %s place%s", a, b.nrows == 1 ? "" : "s");
	page_start(&h, title, NULL);
	ripple_html_f(&h, "<header>\n<h1>%s</h1>\n<p class=\"subtitle\">What changed in working "
	                  "relationships, place by place: ", title);
	if (opts->from)
		ripple_html_f(&h, "waves <strong>%s</strong> " ARROW " <strong>%s</strong> in every place.",
		              opts->from, opts->to);
	else
		ripple_html_raw(&h, "each place&#39;s first wave " ARROW " its last.");
	ripple_html_raw(&h, "</p>\n</header>\n<main>\n");
	toc(&h, contents, sizeof(contents) / sizeof(contents[0]));

	ripple_html_raw(&h, "<h2 id=\"glance\">At a glance</h2>\n<div class=\"cards\">\n");
	card(&h, "places", (double)b.nrows, a, "places compared",
	     b.nskipped ? "some places were left out: see Methods" : "every place in the source");
	card(&h, "actors", actors, count_text(t, sizeof(t), actors), "actors", "in all the places together");
	card(&h, "ties_new", sums[RIPPLE_BATCH_TIES_NEW],
	     count_text(t, sizeof(t), sums[RIPPLE_BATCH_TIES_NEW]), "new ties", "in all the places together");
	card(&h, "new_bridging", sums[RIPPLE_BATCH_NEW_BRIDGING],
	     count_text(t, sizeof(t), sums[RIPPLE_BATCH_NEW_BRIDGING]), "new bridging ties",
	     "between actors unconnected or 3+ steps apart before");
	card(&h, "actors_first_connected", sums[RIPPLE_BATCH_FIRST_CONNECTED],
	     count_text(t, sizeof(t), sums[RIPPLE_BATCH_FIRST_CONNECTED]),
	     "actors connected for the first time", "in all the places together");
	ripple_html_raw(&h, "</div>\n<p class=\"lede\">");
	ripple_html_f(&h, "In %s of the %s places the later network keeps the ties of the earlier one "
	                  "more than chance would (QAP p below 0.05). ", count_text(a, sizeof(a), (double)qap_sig),
	              count_text(t, sizeof(t), (double)b.nrows));
	if (attend_tested)
		ripple_html_f(&h, "In %s of the %s places with an attendee test, those who took part "
		                  "gained more new ties than chance would give.",
		              count_text(a, sizeof(a), (double)attend_sig),
		              count_text(t, sizeof(t), (double)attend_tested));
	else
		ripple_html_raw(&h, "No place records attendance for both groups, so there is no "
		                    "attendee test.");
	ripple_html_raw(&h, "</p>\n");
	how_to_read(&h, "Places differ in size: a place with twice the actors has room for many more "
	                "new ties. So places are listed with the most new ties per actor first, and "
	                "the charts show shares and rates, not counts; the counts are in the table. "
	                "Each place&#39;s own report explains each measure in full.");

	ripple_html_raw(&h, "<h2 id=\"results\">Results by place</h2>\n");
	summary_table(&h, &b);
	how_to_read(&h, "<em>Bridging</em> ties join actors who were unconnected or more than two "
	                "steps apart before. <em>QAP r</em> says how alike the two waves&#39; networks "
	                "are (1: the same ties), with its p-value. <em>Attendees&#39; extra new "
	                "ties</em> is the mean number of new ties of those who took part minus that of "
	                "the others, with its p-value; <em>no test</em> when attendance is not recorded "
	                "for both groups. <em>Ripples on new ties</em>: ripples whose named actors are "
	                "joined by a new tie, of those that name two or more actors. <em>Not "
	                "known</em>: ties whose change cannot be told, because one side did not "
	                "answer at one of the waves or was not part of the place then. "
	                "<em>Answered</em>: the share of the actors asked at each wave who answered "
	                "its survey.");
	summary_responses(&h, &b, opts);

	ripple_html_raw(&h, "<h2 id=\"charts\">Change per place</h2>\n");
	summary_chart(&h, &b, "chart-new", "New ties per actor", NEW_PER_ACTOR, NEW_COLOUR, bars);
	summary_chart(&h, &b, "chart-bridging", "Bridging ties, % of the new ties", BRIDGING_SHARE,
	              BRIDGING_COLOUR, bars);
	summary_chart(&h, &b, "chart-sector", "Cross-sector ties, % of the new ties", SECTOR_SHARE,
	              SECTOR_COLOUR, bars);
	summary_chart(&h, &b, "chart-first", "Actors connected for the first time, % of the actors",
	              FIRST_SHARE, FIRST_COLOUR, bars);
	summary_chart(&h, &b, "chart-density", "Change in density", DENSITY_CHANGE, DENSITY_COLOUR,
	              bars);
	how_to_read(&h, "One bar per place, in the same order as the table: the most new ties per "
	                "actor first. Every chart is scaled by the size of the place, so a small place "
	                "and a large one compare: <em>new ties per actor</em> is the mean number of "
	                "new ties each actor at the later wave gained (a tie counts for both its "
	                "actors, as in the attendee test); the shares are of the place&#39;s new ties, "
	                "or of its actors at the later wave. A density change above zero means a "
	                "larger share of the possible working relationships exists at the later wave.");

	ripple_html_raw(&h, "<h2 id=\"spread\">Across places</h2>\n<div class=\"table-wrap\"><table "
	                    "class=\"spread\"><thead><tr><th scope=\"col\">Measure</th>"
	                    "<th scope=\"col\" class=\"num\">Places</th>"
	                    "<th scope=\"col\" class=\"num\">Median</th>"
	                    "<th scope=\"col\" class=\"num\">Lowest</th>"
	                    "<th scope=\"col\" class=\"num\">Highest</th></tr></thead>\n<tbody>\n");
	{
		static const char *const wanted[][2] = {
			{ "ties_new", "New ties" }, { "ties_lost", "Lost ties" },
			{ "new_bridging", "New bridging ties" }, { "new_cross_sector", "New cross-sector ties" },
			{ "actors_first_connected", "Actors connected for the first time" },
			{ "density_change", "Change in density" }, { "jaccard", "Share of ties kept (Jaccard)" },
			{ "qap_r", "QAP r" }, { "attendee_difference", "Attendees' extra new ties" },
		};
		for (size_t k = 0; k < sizeof(wanted) / sizeof(wanted[0]); k++)
			for (size_t i = 0; i < nstats; i++) {
				const ripple_batch_stat *s = &stats[i];
				if (strcmp(s->measure, wanted[k][0]) != 0 || s->n == 0)
					continue;
				int dec = s->integer ? 0 : strcmp(s->measure, "attendee_difference") == 0 ? 2 : 3;
				char md[64], lo[64], hi[64];
				ripple_html_f(&h, "<tr data-measure=\"%s\"><th scope=\"row\">%s</th>"
				                  "<td class=\"num\">%zu</td><td class=\"num\">%s</td>"
				                  "<td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
				              s->measure, wanted[k][1], s->n,
				              num_text(md, sizeof(md), s->median, s->integer ? 1 : dec),
				              num_text(lo, sizeof(lo), s->min, dec),
				              num_text(hi, sizeof(hi), s->max, dec));
			}
	}
	ripple_html_raw(&h, "</tbody></table></div>\n");

	ripple_html_raw(&h, "<h2 id=\"methods\">Methods</h2>\n<dl class=\"facts\">\n");
	ripple_html_f(&h, "<dt>Places</dt><dd>%s compared", count_text(a, sizeof(a), (double)b.nrows));
	if (b.nskipped) {
		ripple_html_f(&h, "; %s left out:<ul class=\"skipped\">",
		              count_text(t, sizeof(t), (double)b.nskipped));
		for (size_t i = 0; i < b.nskipped; i++)
			ripple_html_f(&h, "<li>%s</li>", b.skipped[i]);
		ripple_html_raw(&h, "</ul>");
	}
	ripple_html_raw(&h, "</dd>\n");
	ripple_html_f(&h, "<dt>Tests</dt><dd>%s permutations each, seed %lu (QAP) and %lu (attendees), "
	                  "the same for every place.</dd>\n",
	              count_text(a, sizeof(a), (double)opts->compare.permutations), opts->compare.seed,
	              opts->compare.seed + 1);
	ripple_html_f(&h, "<dt>Weights</dt><dd>%s</dd>\n", opts->compare.weighted
	              ? "used: stronger ties count more" : "not used: a tie counts once, however strong");
	ripple_html_raw(&h, "<dt>Reproduce</dt><dd>");
	if (opts->command)
		ripple_html_f(&h, "<p>This summary was made with</p><pre class=\"command\" "
		                  "data-fact=\"command\"><code>%s</code></pre>", opts->command);
	ripple_html_raw(&h, "<p>Every number here, one row per place:</p><pre class=\"command\" "
	                    "data-fact=\"batch-command\"><code>ripple batch ");
	if (opts->source)
		shell_word(&h, opts->source);
	else
		ripple_html_raw(&h, "SOURCE");
	if (opts->from) {
		ripple_html_raw(&h, " --from ");
		shell_word(&h, opts->from);
		ripple_html_raw(&h, " --to ");
		shell_word(&h, opts->to);
	}
	ripple_html_f(&h, " --permutations %ld --seed %lu%s --missing %s%s</code></pre></dd>\n</dl>\n"
	                  "<h3 id=\"definitions\">What each measure means</h3>\n",
	              opts->compare.permutations, opts->compare.seed,
	              opts->compare.weighted ? " --weighted" : "",
	              ripple_policy_name(opts->compare.graph.missing),
	              opts->compare.graph.view == RIPPLE_VIEW_BOTH ? " --undirected both" : "");
	definitions_list(&h);
	ripple_html_raw(&h, "</main>\n");
	page_end(&h, NULL);
	rc = finish(html, len, &h, err);
done:
	free(sorted);
	free(bars);
	free(stats);
	return rc;
}
