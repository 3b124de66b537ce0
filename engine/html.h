/*
 * html.h - a growing buffer of HTML (and inline SVG) in which user text can
 * only land escaped. Not public API: report.c builds its pages with it.
 *
 * The one rule: text that did not come from ripple's own source code (labels,
 * names, waves, sectors, ripple text) goes in through ripple_html_text or a %s
 * of ripple_html_f, which write & < > " ' as entities. That one escaping is
 * right both between tags and inside a double- or single-quoted attribute
 * value, so a caller never has to ask which context it is in. Trusted markup
 * goes in through ripple_html_raw, whose name says what it does.
 */
#ifndef RIPPLE_HTML_H
#define RIPPLE_HTML_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ripple_html {
	char *s;       /* NUL-terminated, owned */
	size_t len;    /* bytes in s */
	size_t cap;    /* allocated */
	int failed;    /* out of memory at some point: s is incomplete */
} ripple_html;

#define RIPPLE_HTML_INIT {NULL, 0, 0, 0}

void ripple_html_release(ripple_html *h);

/** Appends n bytes of trusted markup. */
void ripple_html_rawn(ripple_html *h, const char *s, size_t n);

/** Appends trusted markup (NULL appends nothing). */
void ripple_html_raw(ripple_html *h, const char *s);

/**
 * Appends user text escaped for HTML text and attribute values: & < > " '
 * become &amp; &lt; &gt; &quot; &#39;. NULL appends nothing. Control
 * characters other than tab and line feed (which HTML does not allow as
 * characters) become spaces.
 */
void ripple_html_text(ripple_html *h, const char *s);

/**
 * printf into the buffer, where fmt is trusted markup and every %s argument is
 * user text, escaped as ripple_html_text (NULL prints nothing). Other
 * conversions (d i u ld lu zu lld f g e x c, with flags, width and precision,
 * and %%) print as printf would; they carry no markup.
 */
void ripple_html_f(ripple_html *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ripple_html_vf(ripple_html *h, const char *fmt, va_list ap);

/** A malloc'd escaped copy of s (as ripple_html_text); NULL when out of memory. */
char *ripple_html_escape(const char *s);

/**
 * Appends a picture Graphviz made (SVG bytes) as inline SVG in HTML: the XML
 * prolog, DOCTYPE and comments are dropped; the root <svg> loses its width,
 * height and xmlns attributes (the page's CSS sizes it, no wider than the
 * width Graphviz gave, which becomes a max-width; HTML needs no namespaces)
 * and gains class, role="img", an aria-label and a <title>, both
 * the user text `title` escaped; every id, and every reference to one
 * (url(#...), href="#..."), is prefixed with `prefix` and '-' so that two
 * pictures on one page do not share ids. Returns 0, or -1 when svg holds no
 * <svg> element.
 */
int ripple_html_svg(ripple_html *h, const char *svg, size_t len, const char *prefix,
                    const char *css_class, const char *title);

#endif
