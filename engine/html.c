/*
 * html.c - the HTML buffer of report.c: escaping of user text, a printf whose
 * %s escapes, and Graphviz SVG made fit to sit inside an HTML page.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

void ripple_html_release(ripple_html *h)
{
	free(h->s);
	memset(h, 0, sizeof(*h));
}

void ripple_html_rawn(ripple_html *h, const char *s, size_t n)
{
	if (h->failed || !s)
		return;
	if (h->len + n + 1 > h->cap) {
		size_t cap = h->cap ? h->cap : 4096;
		while (cap < h->len + n + 1)
			cap *= 2;
		char *ns = realloc(h->s, cap);
		if (!ns) {
			h->failed = 1;
			return;
		}
		h->s = ns;
		h->cap = cap;
	}
	memcpy(h->s + h->len, s, n);
	h->len += n;
	h->s[h->len] = '\0';
}

void ripple_html_raw(ripple_html *h, const char *s)
{
	if (s)
		ripple_html_rawn(h, s, strlen(s));
}

/* The entity for byte c, or NULL when c stands for itself. */
static const char *entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '\t': case '\n': return NULL;
	default: return c < 0x20 || c == 0x7f ? " " : NULL;
	}
}

void ripple_html_text(ripple_html *h, const char *s)
{
	const char *run = s;

	if (!s)
		return;
	for (; *s; s++) {
		const char *rep = entity((unsigned char)*s);
		if (!rep)
			continue;
		ripple_html_rawn(h, run, (size_t)(s - run));
		ripple_html_raw(h, rep);
		run = s + 1;
	}
	ripple_html_rawn(h, run, (size_t)(s - run));
}

char *ripple_html_escape(const char *s)
{
	ripple_html h = RIPPLE_HTML_INIT;

	ripple_html_rawn(&h, "", 0);
	ripple_html_text(&h, s);
	if (h.failed) {
		ripple_html_release(&h);
		return NULL;
	}
	return h.s;
}

void ripple_html_vf(ripple_html *h, const char *fmt, va_list ap)
{
	const char *run = fmt;

	while (*fmt) {
		if (*fmt != '%') {
			fmt++;
			continue;
		}
		ripple_html_rawn(h, run, (size_t)(fmt - run));
		/* one conversion: %[flags][width][.precision][length]conv */
		char spec[32], buf[128];
		size_t k = 0;
		const char *p = fmt + 1;
		int lng = 0, size = 0;
		spec[k++] = '%';
		while (*p && strchr("-+ #0123456789.", *p) && k < sizeof(spec) - 4)
			spec[k++] = *p++;
		while (*p == 'l' || *p == 'z') {
			if (*p == 'l')
				lng++;
			else
				size = 1;
			if (k < sizeof(spec) - 3)
				spec[k++] = *p;
			p++;
		}
		spec[k++] = *p;
		spec[k] = '\0';
		switch (*p) {
		case 's':
			ripple_html_text(h, va_arg(ap, const char *));
			break;
		case '%':
			ripple_html_rawn(h, "%", 1);
			break;
		case 'd': case 'i':
			if (size)
				snprintf(buf, sizeof(buf), spec, va_arg(ap, size_t));   /* %zd: not used */
			else if (lng >= 2)
				snprintf(buf, sizeof(buf), spec, va_arg(ap, long long));
			else if (lng)
				snprintf(buf, sizeof(buf), spec, va_arg(ap, long));
			else
				snprintf(buf, sizeof(buf), spec, va_arg(ap, int));
			ripple_html_raw(h, buf);
			break;
		case 'u': case 'x': case 'X':
			if (size)
				snprintf(buf, sizeof(buf), spec, va_arg(ap, size_t));
			else if (lng >= 2)
				snprintf(buf, sizeof(buf), spec, va_arg(ap, unsigned long long));
			else if (lng)
				snprintf(buf, sizeof(buf), spec, va_arg(ap, unsigned long));
			else
				snprintf(buf, sizeof(buf), spec, va_arg(ap, unsigned));
			ripple_html_raw(h, buf);
			break;
		case 'f': case 'g': case 'e': case 'F': case 'G': case 'E':
			snprintf(buf, sizeof(buf), spec, va_arg(ap, double));
			ripple_html_raw(h, buf);
			break;
		case 'c': {
			char c[2] = { (char)va_arg(ap, int), '\0' };
			ripple_html_text(h, c);
			break;
		}
		default:
			/* not a conversion this function knows: show it, take no argument */
			ripple_html_rawn(h, fmt, (size_t)(p - fmt) + (*p ? 1 : 0));
			break;
		}
		fmt = *p ? p + 1 : p;
		run = fmt;
	}
	ripple_html_rawn(h, run, (size_t)(fmt - run));
}

void ripple_html_f(ripple_html *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ripple_html_vf(h, fmt, ap);
	va_end(ap);
}

/* ---- inline SVG ------------------------------------------------------------ */

/* 1 when s (of n bytes left) starts with lit. */
static int starts(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && memcmp(s, lit, k) == 0;
}

/* Attributes of the root element that the page replaces or does not need. */
static int dropped_attribute(const char *name, size_t n)
{
	static const char *const names[] = { "width", "height", "xmlns", "xmlns:xlink" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
			return 1;
	return 0;
}

/* Copies the attributes of the root start tag [s, end) but the dropped ones; the
 * width (e.g. "620pt"), when there is one, goes to width (size bytes, else ""). */
static void root_attributes(ripple_html *h, const char *s, const char *end, char *width,
                            size_t size)
{
	width[0] = '\0';
	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
			s++;
		const char *name = s;
		while (s < end && *s != '=' && *s != ' ' && *s != '\n' && *s != '>' && *s != '/')
			s++;
		size_t nlen = (size_t)(s - name);
		if (nlen == 0) {
			s++;
			continue;
		}
		const char *value = s;
		if (s < end && *s == '=') {
			s++;
			char q = *s;
			if (q == '"' || q == '\'') {
				s++;
				while (s < end && *s != q)
					s++;
				if (s < end)
					s++;
			}
		}
		if (nlen == 5 && memcmp(name, "width", 5) == 0 && s - value >= 3 &&
		    (size_t)(s - value) - 3 < size) {
			memcpy(width, value + 2, (size_t)(s - value) - 3);   /* between the quotes */
			width[s - value - 3] = '\0';
		}
		if (!dropped_attribute(name, nlen)) {
			ripple_html_raw(h, " ");
			ripple_html_rawn(h, name, nlen);
			ripple_html_rawn(h, value, (size_t)(s - value));
		}
	}
}

int ripple_html_svg(ripple_html *h, const char *svg, size_t len, const char *prefix,
                    const char *css_class, const char *title)
{
	const char *s = svg, *end = svg + len, *root = NULL;
	int in_tag = 0;

	for (const char *p = svg; p + 4 <= end; p++)
		if (memcmp(p, "<svg", 4) == 0 && (p[4] == ' ' || p[4] == '\n' || p[4] == '>')) {
			root = p;
			break;
		}
	if (!root)
		return -1;
	/* the root start tag, rebuilt */
	const char *close = memchr(root, '>', (size_t)(end - root));
	if (!close)
		return -1;
	char width[32];
	ripple_html_raw(h, "<svg");
	root_attributes(h, root + 4, close[-1] == '/' ? close - 1 : close, width, sizeof(width));
	if (width[0] && strspn(width, "0123456789.pt") == strlen(width))
		ripple_html_f(h, " style=\"max-width:%s\"", width);   /* never drawn larger than made */
	ripple_html_f(h, " class=\"%s\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
	              css_class, title, title);
	s = close + 1;
	/* the rest: comments dropped, ids prefixed inside tags */
	while (s < end) {
		size_t n = (size_t)(end - s);
		if (!in_tag && starts(s, n, "<!--")) {
			const char *stop = NULL;
			for (const char *p = s + 4; p + 3 <= end; p++)
				if (memcmp(p, "-->", 3) == 0) {
					stop = p + 3;
					break;
				}
			s = stop ? stop : end;
			continue;
		}
		if (!in_tag && *s == '<') {
			in_tag = 1;
		} else if (in_tag && *s == '>') {
			in_tag = 0;
		} else if (in_tag && (starts(s, n, " id=\"") || starts(s, n, "\nid=\""))) {
			ripple_html_rawn(h, s, 5);
			ripple_html_f(h, "%s-", prefix);
			s += 5;
			continue;
		} else if (in_tag && starts(s, n, "url(#")) {
			ripple_html_f(h, "url(#%s-", prefix);
			s += 5;
			continue;
		} else if (in_tag && starts(s, n, "href=\"#")) {
			ripple_html_f(h, "href=\"#%s-", prefix);
			s += 7;
			continue;
		}
		ripple_html_rawn(h, s, 1);
		s++;
	}
	return 0;
}
