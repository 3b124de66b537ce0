/*
 * convert.c - what the readers of other tools' exports share: the name of
 * each format, finding an export's files in a folder, splitting lists.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ripple/fileio.h"
#include "place.h"
#include "util.h"

int ripple_from_parse(const char *name)
{
	if (ripple_strieq(name, "ripple") || ripple_strieq(name, "place"))
		return RIPPLE_FROM_PLACE;
	if (ripple_strieq(name, "kumu"))
		return RIPPLE_FROM_KUMU;
	if (ripple_strieq(name, "ripplefx"))
		return RIPPLE_FROM_RIPPLEFX;
	if (ripple_strieq(name, "xmind"))
		return RIPPLE_FROM_XMIND;
	if (ripple_strieq(name, "freemind") || ripple_strieq(name, "freeplane"))
		return RIPPLE_FROM_FREEMIND;
	return -1;
}

/* 2: entry is `name` (any case); 1: it ends with name after a separator; 0: neither. */
static int export_name_match(const char *entry, const char *name)
{
	size_t n = strlen(entry), k = strlen(name);

	if (n == k)
		return ripple_strieq(entry, name) ? 2 : 0;
	if (n > k && ripple_strieq(entry + n - k, name) && strchr(" -_.", entry[n - k - 1]))
		return 1;
	return 0;
}

int ripple_find_export_file(char **path, const char *folder, const char *name,
                            ripple_error *err)
{
	char *best[2] = { NULL, NULL };   /* first two candidates of the best kind */
	int best_kind = 0, rc = 0;
	size_t nbest = 0;
	DIR *dir;
	struct dirent *e;

	*path = NULL;
	if (!(dir = opendir(folder)))
		return ripple_error_set(err, errno == ENOENT ? RIPPLE_EINPUT : RIPPLE_ERUNTIME,
		                        folder, 0, 0, "cannot read folder: %s", strerror(errno));
	while ((e = readdir(dir))) {
		int kind;
		char *full;
		if (e->d_name[0] == '.' || !(kind = export_name_match(e->d_name, name)) ||
		    kind < best_kind)
			continue;
		if (!(full = ripple_path_join(folder, e->d_name))) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, folder, 0, 0, "out of memory");
			goto done;
		}
		if (ripple_is_dir(full)) {
			free(full);
			continue;
		}
		if (kind > best_kind) {         /* an exact name outranks a suffix */
			free(best[0]);
			free(best[1]);
			best[0] = best[1] = NULL;
			nbest = 0;
			best_kind = kind;
		}
		if (nbest < 2)
			best[nbest] = full;
		else
			free(full);
		nbest++;
	}
	if (nbest > 1) {
		const char *a = strrchr(best[0], '/') + 1, *b = strrchr(best[1], '/') + 1;
		if (strcmp(a, b) > 0) {
			const char *t = a;
			a = b;
			b = t;
		}
		rc = ripple_error_set(err, RIPPLE_EINPUT, folder, 0, 0,
		                      "%zu files could be %s (\"%s\", \"%s\"%s): keep one", nbest, name,
		                      a, b, nbest > 2 ? ", ..." : "");
	} else if (nbest == 1) {
		*path = best[0];
		best[0] = NULL;
		rc = 1;
	}
done:
	closedir(dir);
	free(best[0]);
	free(best[1]);
	return rc;
}

void ripple_export_file_read(ripple_csv **out, const char *folder, const char *name,
                             const char *missing, ripple_diags *diags)
{
	ripple_error err;
	char *path = NULL;
	int found = ripple_find_export_file(&path, folder, name, &err);

	*out = NULL;
	if (found < 0) {
		ripple_diags_add_error(diags, &err);
	} else if (found == 0) {
		char *want = ripple_path_join(folder, name);
		ripple_diags_add(diags, RIPPLE_EINPUT, want ? want : folder, 0, 0, "missing: %s",
		                 missing);
		free(want);
	} else if (ripple_csv_read(out, path, diags) == RIPPLE_OK) {
		ripple_csv_unguard_all(*out);   /* ripple's own exports are guarded */
	}
	free(path);
}

int ripple_export_folder_load(ripple_place **out, const char *folder, const char *first,
                              const char *second, const char *missing, ripple_sheets_fn from_csv,
                              const ripple_load_options *opts, ripple_diags *diags)
{
	size_t before = ripple_diags_total(diags);
	ripple_csv *a, *b;

	ripple_export_file_read(&a, folder, first, missing, diags);
	ripple_export_file_read(&b, folder, second, missing, diags);
	return from_csv(out, folder, a, b, opts, diags, before);
}

size_t ripple_split(char *s, const char *seps, char **parts, size_t max)
{
	size_t n = 0;

	for (char *tok = s, *next; tok; tok = next) {
		next = tok + strcspn(tok, seps);
		if (*next)
			*next++ = '\0';
		else
			next = NULL;
		tok = ripple_trim(tok);
		if (!*tok)
			continue;
		if (n < max)
			parts[n] = tok;
		n++;
	}
	return n;
}
