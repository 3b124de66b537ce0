/*
 * error.c - ripple_error and lists of diagnostics, and the string helpers
 * every module shares (ripple/error.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/error.h"

static void error_vset(ripple_error *err, int code, const char *file, long line,
                       long column, const char *fmt, va_list ap)
{
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->column = column;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
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
