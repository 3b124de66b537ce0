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
 * new temporary beside it (PATH.tmp-XXXXXX) and fsync'd, and only when all n
 * are written are they renamed into place, in order, and their folders fsync'd
 * (best effort: a file system that cannot sync a folder is not an error). A
 * file that is replaced keeps its mode; a new one gets 0666 less the umask. A reader never sees half
 * a file, and a failure before the renames leaves every target as it was
 * (a rename that fails after others succeeded leaves those written). A path
 * that exists and is not a regular file (/dev/stdout, a named pipe) is written
 * straight into, there being nothing to rename over.
 *
 * Errors name the path: "is a folder, expected a file to write" and a folder
 * on the way that does not exist are RIPPLE_EINPUT, "cannot write: REASON"
 * otherwise RIPPLE_ERUNTIME. No temporary is left behind. Cost: the bytes
 * written, and one rename a file.
 *
 * n > 1 is a set whose paths[0] is its commit (an export's NAME.csv, beside
 * NAME-nodes.csv): once every file is written, paths[0] is removed, the others
 * are renamed in, and paths[0] is renamed in last, each step on disk before
 * the next. A kill at any point leaves paths[0] with the others of its own set
 * or leaves no paths[0]: never paths[0] beside a file of another set. A failure
 * after the removal leaves no paths[0] (the old set's other files may stay).
 */
int ripple_file_write_many(const char *const *paths, const char *const *data,
                           const size_t *lens, size_t n, ripple_error *err);

/**
 * Whether writing path could replace an input: RIPPLE_EINPUT "PATH: is the
 * input INPUT: write the output to another file" (or "is in the input") when
 * path names the same file or folder as input (device and inode, links
 * followed, so another name for it is caught too) or, when input is a folder,
 * as an entry of it or of its folders (a place folder, or a folder of place
 * folders). RIPPLE_OK when path does not exist yet, or input does not.
 * Cost: one stat an entry of input, two levels deep.
 */
int ripple_file_apart(const char *path, const char *input, ripple_error *err);

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
