/*
 * fileio.c - the one writer of output files: a temporary beside each target,
 * renamed into place (ripple/fileio.h). The command line writes its pictures,
 * reports, tables and exports through it, the engine its export folders
 * (fileio.h: ripple_write_whole and ripple_make_folder, for engine/output/).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/*
 * fsyncs the folder holding path, so that a rename into it is on disk. Best
 * effort: a folder that cannot be opened or synced (some file systems refuse)
 * changes nothing about the write.
 */
static void sync_folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? ripple_strdupf("%.*s", (int)(slash - path + 1), path) : NULL;
	int fd = open(dir ? dir : ".", O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
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
	mode_t mode;
	int fd, ok, e, exists;

	*tmp = NULL;
	exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
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
	/* a replaced file keeps its mode, a new one has what the umask leaves of 0666
	 * (read and put back: the command line runs one thread) */
	if (exists) {
		mode = st.st_mode & 07777;
	} else {
		mode = umask(0);
		umask(mode);
		mode = 0666 & ~mode;
	}
	fchmod(fd, mode);
	if (!(f = fdopen(fd, "wb"))) {
		e = errno;
		close(fd);
		goto fail;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;   /* on disk before it is renamed */
	e = errno;
	ok = (fclose(f) == 0) && ok;
	if (ok)
		return RIPPLE_OK;
	if (e == 0)
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
	for (i = 0; i < n && rc == RIPPLE_OK; i++)
		if (tmp[i])
			sync_folder_of(paths[i]);
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

int ripple_cannot_write_at(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int no;

	if (access(path, W_OK) != 0 && (errno == EROFS || errno == EACCES))
		return 1;
	if (!(dir = slash ? ripple_strdupf("%.*s", (int)(slash - path + 1), path) : strdup(".")))
		return 0;
	no = access(dir, W_OK) != 0 && (errno == EROFS || errno == EACCES);
	free(dir);
	return no;
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

/* ---- outputs apart from inputs ------------------------------------------------ */

/* 1 when a and b are the same file (device and inode). */
static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * 1 when out is the folder dir, or an entry of it or (depth > 0) of its
 * folders, links followed. Cost: one stat an entry.
 */
static int in_folder(const char *dir, const struct stat *out, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		char *path;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!(path = ripple_path_join(dir, e->d_name)))
			break;
		if (stat(path, &st) == 0)
			found = same_file(&st, out) ||
			        (depth > 0 && S_ISDIR(st.st_mode) && in_folder(path, out, depth - 1));
		free(path);
	}
	closedir(d);
	return found;
}

int ripple_file_apart(const char *path, const char *input, ripple_error *err)
{
	struct stat out, in;

	if (stat(path, &out) != 0 || stat(input, &in) != 0)
		return RIPPLE_OK;   /* nothing there to replace */
	if (same_file(&out, &in) || (S_ISDIR(in.st_mode) && in_folder(input, &out, 1)))
		return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
		                        "is %sthe input %s: write the output to another %s",
		                        same_file(&out, &in) ? "" : "in ", input,
		                        S_ISDIR(out.st_mode) ? "folder" : "file");
	return RIPPLE_OK;
}
