/*
 * fileio.c - the one writer of output files: a temporary beside each target,
 * renamed into place (ripple/fileio.h). The command line writes its pictures,
 * reports, tables and exports through it, the engine its export folders
 * (fileio.h: ripple_write_whole and ripple_make_folder, for engine/output/).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "ripple/fileio.h"
#include "util.h"

/* "PATH: cannot write: REASON" for the errno of the failure. */
static int cannot_write(ripple_error *err, int code, const char *path, int e)
{
	return ripple_error_set(err, code, path, 0, 0, "cannot write: %s", strerror(e));
}

/* Writes data straight into path (a device or a pipe: nothing to rename over). */
static int write_direct(const char *path, const char *data, size_t len, ripple_error *err)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return cannot_write(err, RIPPLE_ERUNTIME, path, errno);
	ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	return ok ? RIPPLE_OK : cannot_write(err, RIPPLE_ERUNTIME, path, errno);
}

/*
 * Writes data into a new temporary file beside path; *tmp is its name
 * (malloc'd). A path that exists and is not a regular file is written
 * directly and *tmp stays NULL. On failure nothing is left behind.
 */
static int write_temp(char **tmp, const char *path, const char *data, size_t len,
                      ripple_error *err)
{
	struct stat st;
	FILE *f;
	int fd, ok, e;

	*tmp = NULL;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
			                        "is a folder, expected a file to write");
		return write_direct(path, data, len, err);   /* a device, a pipe */
	}
	if (!(*tmp = ripple_strdupf("%s.tmp-XXXXXX", path)))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if ((fd = mkstemp(*tmp)) < 0) {
		e = errno;
		free(*tmp);
		*tmp = NULL;
		return cannot_write(err, e == ENOENT || e == ENOTDIR ? RIPPLE_EINPUT : RIPPLE_ERUNTIME,
		                    path, e);
	}
	fchmod(fd, 0644);
	if (!(f = fdopen(fd, "wb"))) {
		e = errno;
		close(fd);
		goto fail;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (ok)
		return RIPPLE_OK;
	e = errno;
fail:
	unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	return cannot_write(err, RIPPLE_ERUNTIME, path, e);
}

int ripple_file_write_many(const char *const *paths, const char *const *data,
                           const size_t *lens, size_t n, ripple_error *err)
{
	/* nothing is renamed until every file is written */
	char **tmp = calloc(n ? n : 1, sizeof(*tmp));
	int rc = RIPPLE_OK;
	size_t i;

	if (!tmp)
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	for (i = 0; i < n && rc == RIPPLE_OK; i++)
		rc = write_temp(&tmp[i], paths[i], data[i], lens[i], err);
	for (i = 0; i < n && rc == RIPPLE_OK; i++)
		if (!tmp[i])
			continue;   /* written directly */
		else if (rename(tmp[i], paths[i]) != 0)
			rc = cannot_write(err, RIPPLE_ERUNTIME, paths[i], errno);
		else
			tmp[i][0] = '\0';
	for (i = 0; i < n; i++) {
		if (tmp[i] && tmp[i][0])
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(tmp);
	return rc;
}

int ripple_file_write(const char *path, const char *data, size_t len, ripple_error *err)
{
	return ripple_file_write_many(&path, &data, &len, 1, err);
}

int ripple_write_whole(const char *dir, const char *name, const char *data, size_t len,
                       ripple_error *err)
{
	char *path = ripple_path_join(dir, name);
	int rc;

	if (!path)
		return ripple_error_set(err, RIPPLE_ENOMEM, dir, 0, 0, "out of memory");
	rc = ripple_file_write(path, data, len, err);
	free(path);
	return rc;
}

int ripple_make_folder(const char *folder, ripple_error *err)
{
	if (ripple_is_dir(folder) || mkdir(folder, 0777) == 0)
		return RIPPLE_OK;
	return ripple_error_set(err, errno == EEXIST ? RIPPLE_EINPUT : RIPPLE_ERUNTIME, folder,
	                        0, 0, "cannot make the folder: %s",
	                        errno == EEXIST ? "a file has that name" : strerror(errno));
}

/* ---- what a path names ------------------------------------------------------ */

int ripple_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int ripple_entry_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int ripple_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
