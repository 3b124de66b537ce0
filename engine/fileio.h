/*
 * fileio.h - the engine's own part of module fileio (ripple/fileio.h is the
 * public part): the export folders of engine/output/. Not public API.
 */
#ifndef RIPPLE_FILEIO_H
#define RIPPLE_FILEIO_H

#include <stddef.h>

#include "ripple/error.h"

/** Writes data to dir/name as ripple_file_write does. */
int ripple_write_whole(const char *dir, const char *name, const char *data, size_t len,
                       ripple_error *err);

/** Makes folder (one level) unless it is there; a file of that name is RIPPLE_EINPUT. */
int ripple_make_folder(const char *folder, ripple_error *err);

/**
 * 1 when path, or the folder it would be made in, cannot be written: a
 * read-only file system, or no permission (access W_OK); 0 otherwise.
 */
int ripple_cannot_write_at(const char *path);

#endif
