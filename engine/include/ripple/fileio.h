/*
 * ripple/fileio.h - writing output files whole or not at all; what a path names.
 * Part of the public API: include "ripple.h" for all of it.
 */
#ifndef RIPPLE_FILEIO_API_H
#define RIPPLE_FILEIO_API_H

#include <stddef.h>

#include "ripple/error.h"

/**
 * Writes n files, each whole or not at all: every file is first written to a
 * new temporary beside it (PATH.tmp-XXXXXX, mode 0644), and only when all n
 * are written are they renamed into place, in order. A reader never sees half
 * a file, and a failure before the renames leaves every target as it was
 * (a rename that fails after others succeeded leaves those written). A path
 * that exists and is not a regular file (/dev/stdout, a named pipe) is written
 * straight into, there being nothing to rename over. Nothing is fsync'd.
 *
 * Errors name the path: "is a folder, expected a file to write" and a folder
 * on the way that does not exist are RIPPLE_EINPUT, "cannot write: REASON"
 * otherwise RIPPLE_ERUNTIME. No temporary is left behind. Cost: the bytes
 * written, and one rename a file.
 */
int ripple_file_write_many(const char *const *paths, const char *const *data,
                           const size_t *lens, size_t n, ripple_error *err);

/** ripple_file_write_many of one file. */
int ripple_file_write(const char *path, const char *data, size_t len, ripple_error *err);

/** 1 when path is a directory, 0 otherwise. */
int ripple_is_dir(const char *path);

/** 1 when path names an existing file system entry. */
int ripple_exists(const char *path);

/**
 * 1 when the last component of path exists, even as a link that leads nowhere
 * (lstat): a broken or looping link is then reported when read, not taken for
 * a missing file.
 */
int ripple_entry_exists(const char *path);

#endif /* RIPPLE_FILEIO_API_H */
