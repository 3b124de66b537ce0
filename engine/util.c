/*
 * util.c - small helpers shared by many of the engine's modules (see util.h):
 * strings, a string map, files.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

char *ripple_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

/* A size in words: "1 GiB", "512 MiB" or "1000 bytes"; written into buf. */
static const char *size_text(char buf[32], size_t n)
{
	if (n >= ((size_t)1 << 30) && n % ((size_t)1 << 30) == 0)
		snprintf(buf, 32, "%zu GiB", n >> 30);
	else if (n >= ((size_t)1 << 20) && n % ((size_t)1 << 20) == 0)
		snprintf(buf, 32, "%zu MiB", n >> 20);
	else
		snprintf(buf, 32, "%zu bytes", n);
	return buf;
}

int ripple_strieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int ca = (*a >= 'A' && *a <= 'Z') ? *a - 'A' + 'a' : *a;
		int cb = (*b >= 'A' && *b <= 'Z') ? *b - 'A' + 'a' : *b;
		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

size_t ripple_edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), row[257];

	if (la > 256 || lb > 256)
		return SIZE_MAX;
	/* one row of the Wagner-Fischer table at a time: row[j] is the distance
	 * between the first i bytes of a and the first j of b */
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best;
		row[0] = best = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
			size_t d = diag + !same;
			if (up + 1 < d)
				d = up + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			diag = up;
			if (d < best)
				best = d;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb] > limit ? limit + 1 : row[lb];
}

int ripple_read_file(char **out, size_t *len, const char *path, size_t max, ripple_error *err)
{
	struct stat st;
	FILE *f;
	char *buf = NULL, size[32];
	size_t n = 0, cap = 0;

	*out = NULL;
	*len = 0;
	if (stat(path, &st) != 0) {
		int e = errno;
		if (e == ENOENT && lstat(path, &st) == 0)
			return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
			                        "a link to a file that does not exist");
		return ripple_error_set(err, e == ENOENT ? RIPPLE_ENOTFOUND : RIPPLE_EINPUT,
		                        path, 0, 0, "cannot read: %s", strerror(e));
	}
	if (S_ISDIR(st.st_mode))
		return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
		                        "is a directory, expected a file");
	if (!S_ISREG(st.st_mode))
		return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
		                        "not a regular file (a pipe or device?)");
	if ((size_t)st.st_size > max)
		return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
		                        "file is larger than %s, the most ripple reads", size_text(size, max));
	f = fopen(path, "rb");
	if (!f)   /* no permission is the input's fault, like a folder in its place */
		return ripple_error_set(err, (errno == EACCES || errno == EPERM) ? RIPPLE_EINPUT
		                                                                  : RIPPLE_ERUNTIME,
		                        path, 0, 0, "cannot read: %s", strerror(errno));
	for (;;) {
		if (n + 1 >= cap) {
			size_t ncap = cap ? cap * 2 : (size_t)st.st_size + 4096;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				fclose(f);
				return ripple_error_set(err, RIPPLE_ENOMEM, path, 0, 0, "out of memory");
			}
			buf = nb;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			free(buf);
			fclose(f);
			return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
			                        "file is larger than %s, the most ripple reads", size_text(size, max));
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		fclose(f);
		return ripple_error_set(err, RIPPLE_ERUNTIME, path, 0, 0, "cannot read: %s",
		                        strerror(e));
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return RIPPLE_OK;
}

char *ripple_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return ripple_strdupf("%s%s", dir, name);
	return ripple_strdupf("%s/%s", dir, name);
}

/* FNV-1a */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void ripple_strmap_release(ripple_strmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

size_t ripple_strmap_get(const ripple_strmap *m, const char *key)
{
	if (!m->cap)
		return RIPPLE_NONE;
	for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return RIPPLE_NONE;
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	}
}

static int strmap_grow(ripple_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	const char **keys = calloc(cap, sizeof(*keys));
	size_t *vals = malloc(cap * sizeof(*vals));

	if (!keys || !vals) {
		free(keys);
		free(vals);
		return RIPPLE_ENOMEM;
	}
	for (size_t j = 0; j < m->cap; j++) {
		if (!m->keys[j])
			continue;
		size_t i = hash_str(m->keys[j]) & (cap - 1);
		while (keys[i])
			i = (i + 1) & (cap - 1);
		keys[i] = m->keys[j];
		vals[i] = m->vals[j];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return RIPPLE_OK;
}

int ripple_strmap_put(ripple_strmap *m, const char *key, size_t val, size_t *stored)
{
	size_t i;

	if ((m->count + 1) * 2 > m->cap && strmap_grow(m) < 0)
		return RIPPLE_ENOMEM;
	for (i = hash_str(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1)) {
		if (strcmp(m->keys[i], key) == 0) {
			if (stored)
				*stored = m->vals[i];
			return RIPPLE_OK;
		}
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->count++;
	if (stored)
		*stored = val;
	return RIPPLE_OK;
}
