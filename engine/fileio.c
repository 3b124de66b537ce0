/*
 * fileio.c - the one writer of output files: a temporary beside each target,
 * renamed into place (ripple/fileio.h). The command line writes its pictures,
 * reports, tables and exports through it, the engine its export folders
 * (fileio.h: ripple_write_folder, for engine/output/).
 */
#define _GNU_SOURCE   /* renameat2 (Linux): a folder swapped for another in one step */
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
	/* a set: paths[0], the commit, goes first and comes back last, each step on
	 * disk before the next, so paths[0] is never beside a file of another set */
	if (rc == RIPPLE_OK && n > 1 && tmp[0]) {
		if (unlink(paths[0]) != 0 && errno != ENOENT)
			rc = cannot_write(err, RIPPLE_ERUNTIME, paths[0], errno);
		else
			sync_folder_of(paths[0]);
	}
	for (size_t k = 0; k < n && rc == RIPPLE_OK; k++) {
		i = n > 1 ? (k + 1) % n : k;   /* 1, 2, ..., n - 1, then 0 */
		if (!tmp[i])
			continue;   /* written directly */
		if (i == 0 && n > 1)
			for (size_t j = 1; j < n; j++)
				if (tmp[j])
					sync_folder_of(paths[j]);
		if (rename(tmp[i], paths[i]) != 0)
			rc = cannot_write(err, RIPPLE_ERUNTIME, paths[i], errno);
		else
			tmp[i][0] = '\0';
	}
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

/* ---- a folder of files, as one unit -------------------------------------------- */

/* Removes folder dir: its files and links, then itself. Best effort. */
static void remove_folder(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				(void)unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	(void)rmdir(dir);
}

/* 1 when name is one of the n names, or the temporary of one that a killed
 * ripple left behind (NAME.tmp-XXXXXX), which is not carried over. */
static int is_one_of(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(names[i]);
		if (strcmp(name, names[i]) == 0 ||
		    (strncmp(name, names[i], k) == 0 && strncmp(name + k, ".tmp-", 5) == 0 &&
		     strlen(name + k) == 11))
			return 1;
	}
	return 0;
}

/*
 * Puts into folder tmp what folder holds besides the n names, so that the
 * swap changes only those: a hard link of each regular file, a copy of each
 * symbolic link. Anything else (a folder, a pipe) is RIPPLE_EINPUT: it cannot
 * be carried over without moving it.
 */
static int carry_over(const char *tmp, const char *folder, const char *const *names, size_t n,
                      ripple_error *err)
{
	DIR *d = opendir(folder);
	int to = open(tmp, O_RDONLY | O_DIRECTORY), rc = RIPPLE_OK;
	struct dirent *e;

	if (!d || to < 0) {
		rc = cannot_write(err, RIPPLE_ERUNTIME, folder, errno);
		goto done;
	}
	while (rc == RIPPLE_OK && (e = readdir(d))) {
		struct stat st;
		char link[4096];
		ssize_t k;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    is_one_of(e->d_name, names, n))
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			rc = cannot_write(err, RIPPLE_ERUNTIME, folder, errno);
		else if (S_ISREG(st.st_mode) && linkat(dirfd(d), e->d_name, to, e->d_name, 0) != 0)
			rc = cannot_write(err, RIPPLE_ERUNTIME, folder, errno);
		else if (S_ISLNK(st.st_mode) &&
		         ((k = readlinkat(dirfd(d), e->d_name, link, sizeof(link) - 1)) < 0 ||
		          (link[k] = '\0', symlinkat(link, to, e->d_name)) != 0))
			rc = cannot_write(err, RIPPLE_ERUNTIME, folder, errno);
		else if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
			rc = ripple_error_set(err, RIPPLE_EINPUT, folder, 0, 0,
			                      "holds \"%s\", which is not a file: write the export to a "
			                      "folder of its own", e->d_name);
	}
done:
	if (d)
		closedir(d);
	if (to >= 0)
		close(to);
	return rc;
}

/* Writes a new file dir/name (mode: that of old/name when there is one, else
 * 0666 less the umask) and fsyncs it. */
static int write_new(const char *dir, const char *old, const char *name, const char *data,
                     size_t len, ripple_error *err)
{
	char *path = ripple_path_join(dir, name), *was = old ? ripple_path_join(old, name) : NULL;
	struct stat st;
	int fd = -1, rc = RIPPLE_OK;

	if (!path || (old && !was)) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666)) < 0 ||
	    (was && stat(was, &st) == 0 && S_ISREG(st.st_mode) && fchmod(fd, st.st_mode & 07777) != 0)) {
		rc = cannot_write(err, RIPPLE_ERUNTIME, path, errno);
		goto done;
	}
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = cannot_write(err, RIPPLE_ERUNTIME, path, w < 0 ? errno : ENOSPC);
			goto done;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0)
		rc = cannot_write(err, RIPPLE_ERUNTIME, path, errno);
done:
	if (fd >= 0 && close(fd) != 0 && rc == RIPPLE_OK)
		rc = cannot_write(err, RIPPLE_ERUNTIME, path, errno);
	free(path);
	free(was);
	return rc;
}

/* Puts the folder tmp in the place of folder, which exists: swapped in one
 * step where the system can (Linux renameat2), else file by file. */
static int swap_in(const char *tmp, const char *folder, const char *const *names, size_t n,
                   ripple_error *err)
{
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, folder, RENAME_EXCHANGE) == 0)
		return RIPPLE_OK;
	if (errno != EINVAL && errno != ENOSYS)
		return cannot_write(err, RIPPLE_ERUNTIME, folder, errno);
#endif
	/* a file system that cannot swap: each file renamed into place */
	for (size_t i = 0; i < n; i++) {
		char *from = ripple_path_join(tmp, names[i]), *to = ripple_path_join(folder, names[i]);
		int ok = from && to && rename(from, to) == 0, e = errno;
		free(from);
		free(to);
		if (!ok)
			return cannot_write(err, RIPPLE_ERUNTIME, folder, e);
	}
	return RIPPLE_OK;
}

int ripple_write_folder(const char *folder, const char *const *names, const char *const *data,
                        const size_t *lens, size_t n, ripple_error *err)
{
	struct stat st;
	size_t end = strlen(folder);
	char *tmp = NULL;
	int exists, rc = RIPPLE_OK, made = 0;
	mode_t mode;

	while (end > 1 && folder[end - 1] == '/')
		end--;   /* "out/": the temporary is "out.tmp-XXXXXX", beside it */
	if ((exists = stat(folder, &st) == 0) && !S_ISDIR(st.st_mode))
		return ripple_error_set(err, RIPPLE_EINPUT, folder, 0, 0,
		                        "cannot make the folder: a file has that name");
	if (!(tmp = ripple_strdupf("%.*s.tmp-XXXXXX", (int)end, folder)))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	if (!mkdtemp(tmp)) {
		rc = cannot_write(err, errno == ENOENT || errno == ENOTDIR ? RIPPLE_EINPUT
		                                                          : RIPPLE_ERUNTIME, folder, errno);
		goto done;
	}
	made = 1;
	if (exists) {
		mode = st.st_mode & 07777;
	} else {
		mode = umask(0);
		umask(mode);
		mode = 0777 & ~mode;
	}
	for (size_t i = 0; i < n && rc == RIPPLE_OK; i++)
		rc = write_new(tmp, exists ? folder : NULL, names[i], data[i], lens[i], err);
	if (rc == RIPPLE_OK && exists)
		rc = carry_over(tmp, folder, names, n, err);
	if (rc == RIPPLE_OK) {
		int fd = open(tmp, O_RDONLY | O_DIRECTORY);
		if (fd >= 0) {
			(void)fsync(fd);   /* the files' names are on disk before the folder is */
			close(fd);
		}
		if (chmod(tmp, mode) != 0)
			rc = cannot_write(err, RIPPLE_ERUNTIME, folder, errno);
	}
	if (rc == RIPPLE_OK && !exists && rename(tmp, folder) != 0)
		rc = cannot_write(err, RIPPLE_ERUNTIME, folder, errno);
	else if (rc == RIPPLE_OK && exists)
		rc = swap_in(tmp, folder, names, n, err);
	if (rc == RIPPLE_OK) {
		made = exists;   /* swapped: tmp holds the old folder, removed below */
		sync_folder_of(tmp);
	}
done:
	if (made)
		remove_folder(tmp);
	free(tmp);
	return rc;
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
