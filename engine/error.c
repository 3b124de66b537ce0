/*
 * error.c - ripple_error and lists of diagnostics, and the string helpers
 * every module shares (ripple/error.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/error.h"

/* The message quotes user text: its invisible characters are shown (ripple_text_shown). */
static void error_vset(ripple_error *err, int code, const char *file, long line,
                       long column, const char *fmt, va_list ap)
{
	char raw[sizeof(err->message)];

	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->column = column;
	vsnprintf(raw, sizeof(raw), fmt, ap);
	ripple_text_shown(err->message, sizeof(err->message), raw);
}

int ripple_error_set(ripple_error *err, int code, const char *file, long line,
                     long column, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	va_start(ap, fmt);
	error_vset(err, code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

void ripple_error_format(const ripple_error *err, char *buf, size_t size)
{
	if (err->file[0] && err->line > 0 && err->column > 0)
		snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line, err->column, err->message);
	else if (err->file[0] && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->message);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->message);
	else
		snprintf(buf, size, "%s", err->message);
}

int ripple_exit_status(int code)
{
	switch (code) {
	case RIPPLE_OK:
		return 0;
	case RIPPLE_EINPUT:
	case RIPPLE_EUSAGE:
	case RIPPLE_ENOTFOUND:
		return 2;
	default:
		return 1;
	}
}

void ripple_diags_release(ripple_diags *d)
{
	if (!d)
		return;
	free(d->items);
	d->items = NULL;
	d->count = d->cap = d->dropped = 0;
}

/* Reserves one more item; NULL (and counts the problem as dropped) when full. */
static ripple_error *diags_push(ripple_diags *d)
{
	size_t limit = d->limit ? d->limit : RIPPLE_DIAGS_LIMIT;

	if (d->count >= limit) {
		d->dropped++;
		return NULL;
	}
	if (d->count == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		ripple_error *items = realloc(d->items, cap * sizeof(*items));
		if (!items) {
			d->dropped++;
			return NULL;
		}
		d->items = items;
		d->cap = cap;
	}
	return &d->items[d->count++];
}

int ripple_diags_add(ripple_diags *d, int code, const char *file, long line,
                     long column, const char *fmt, ...)
{
	ripple_error *e = diags_push(d);
	va_list ap;

	if (e) {
		va_start(ap, fmt);
		error_vset(e, code, file, line, column, fmt, ap);
		va_end(ap);
	}
	return code;
}

void ripple_diags_add_error(ripple_diags *d, const ripple_error *err)
{
	ripple_error *e = diags_push(d);

	if (e)
		*e = *err;
}

size_t ripple_diags_total(const ripple_diags *d)
{
	return d->count + d->dropped;
}

void ripple_diags_sort(ripple_diags *d)
{
	/* insertion sort: stable, and lists are short (bounded by the limit) */
	for (size_t i = 1; i < d->count; i++) {
		ripple_error tmp = d->items[i];
		size_t j = i;
		while (j > 0) {
			const ripple_error *p = &d->items[j - 1];
			int c = strcmp(p->file, tmp.file);
			if (c < 0 || (c == 0 && (p->line < tmp.line ||
			    (p->line == tmp.line && p->column <= tmp.column))))
				break;
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = tmp;
	}
}

/* ---- invisible characters in messages --------------------------------------- */

/* Code points shown as <U+XXXX>, as closed ranges (Unicode's Zs but U+0020, Zl,
 * Zp, Cf, and the default-ignorable fillers; variation selectors are left, as
 * emoji need them). */
static const unsigned long invisible[][2] = {
	{ 0x00A0, 0x00A0 }, { 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x061C, 0x061C },
	{ 0x115F, 0x1160 }, { 0x1680, 0x1680 }, { 0x17B4, 0x17B5 }, { 0x180E, 0x180E },
	{ 0x2000, 0x200F }, { 0x2028, 0x202F }, { 0x205F, 0x206F }, { 0x3000, 0x3000 },
	{ 0x3164, 0x3164 }, { 0xFEFF, 0xFEFF }, { 0xFFA0, 0xFFA0 }, { 0xFFF9, 0xFFFB },
	{ 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0000, 0xE007F },
};

size_t ripple_invisible_char(const char *s, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long c;
	size_t n;

	if (u[0] < 0xC2 || u[0] > 0xF4)
		return 0;                 /* ASCII, a continuation byte or not UTF-8 */
	n = u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
	c = u[0] & (0xFF >> (n + 1));
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (u[i] & 0x3F);
	}
	for (size_t i = 0; i < sizeof(invisible) / sizeof(invisible[0]); i++)
		if (c >= invisible[i][0] && c <= invisible[i][1]) {
			if (cp)
				*cp = c;
			return n;
		}
	return 0;
}

void ripple_text_shown(char *buf, size_t size, const char *s)
{
	size_t at = 0;

	if (!size)
		return;
	while (*s) {
		unsigned long cp;
		size_t n = ripple_invisible_char(s, &cp), k;
		char tmp[16];

		if (n) {
			k = (size_t)snprintf(tmp, sizeof(tmp), "<U+%04lX>", cp);
		} else {
			/* a whole character: its lead byte and continuation bytes */
			k = 1;
			while (k < 4 && (s[k] & 0xC0) == 0x80 && ((unsigned char)s[0] & 0x80))
				k++;
			memcpy(tmp, s, k < sizeof(tmp) ? k : sizeof(tmp));
			n = k;
		}
		if (k >= sizeof(tmp) || at + k >= size)
			break;
		memcpy(buf + at, tmp, k);
		at += k;
		s += n;
	}
	buf[at] = '\0';
}

void ripple_strv_free(char **strv)
{
	if (!strv)
		return;
	for (char **p = strv; *p; p++)
		free(*p);
	free(strv);
}

char *ripple_strdupf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}
