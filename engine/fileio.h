/*
 * fileio.h - the engine's own part of module fileio (ripple/fileio.h is the
 * public part): the export folders of engine/output/. Not public API.
 */
#ifndef RIPPLE_FILEIO_H
#define RIPPLE_FILEIO_H

#include <stddef.h>

#include "ripple/error.h"

/**
 * Writes the n files names[i] (plain names, no '/') into folder as one unit: a
 * reader, or a kill at any point, sees the old set or the new, never a mix.
 * They are written and fsync'd into a new folder FOLDER.tmp-XXXXXX beside it,
 * which is renamed to folder when folder is new; an existing folder is
 * swapped with it in one step (renameat2 RENAME_EXCHANGE, Linux), the other
 * files of folder carried over as hard links (links copied), so only the n
 * files change; the old folder is then removed. A kill after the swap can
 * leave FOLDER.tmp-XXXXXX holding the old set. On a file system that cannot
 * swap, the files are renamed in one by one (a kill between two renames
 * leaves a mixed set). A file replaced keeps its mode, new files and folders
 * get what the umask leaves. Errors name folder: a file of that name, or
 * something in folder that is neither a file nor a link, is RIPPLE_EINPUT;
 * "cannot write: REASON" RIPPLE_ERUNTIME. On failure folder is as it was.
 */
int ripple_write_folder(const char *folder, const char *const *names, const char *const *data,
                        const size_t *lens, size_t n, ripple_error *err);

/**
 * 1 when path, or the folder it would be made in, cannot be written: a
 * read-only file system, or no permission (access W_OK); 0 otherwise.
 */
int ripple_cannot_write_at(const char *path);

#endif
