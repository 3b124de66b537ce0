/*
 * source.c - a SOURCE opened as a store: a database file as it is, or place
 * folders read and loaded into an in-memory database.
 *
 * Where it sits: opening a folder is what `ripple import` does, reading the
 * folders (engine/input/, ripple_places_load) and writing them through the
 * store's public API (ripple_store_open, ripple_store_import,
 * ripple_store_set_path). So it is a client of both, one layer up from
 * input and beside the store, not inside either: in store.c the store would
 * call the readers; in engine/input/ a reader would call the store, which
 * sits above input. Here input knows nothing of it and the store's files
 * never call it, so there is no circle.
 *
 * A command that only reads models (RIPPLE_SOURCE_MODELS: metrics, compare,
 * waves, batch) skips the database: the places read are held by the store
 * (ripple_store_hold) and each model is built from its place when it is read,
 * which for batch is in the worker that compares it.
 */
#include <unistd.h>

#include "ripple/fileio.h"
#include "ripple/source.h"

int ripple_source_open(ripple_store **out, const char *source, int flags,
                       ripple_diags *diags)
{
	ripple_load_options opts = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_place **places = NULL;
	ripple_error err = {0};
	char *paths[1] = { (char *)source };
	size_t n = 0;
	int rc;

	*out = NULL;
	if (!ripple_is_dir(source)) {
		rc = RIPPLE_ERUNTIME;
		if ((flags & RIPPLE_SOURCE_WRITE) && access(source, W_OK) == 0)
			rc = ripple_store_open(out, source, RIPPLE_STORE_WRITE, &err);
		if (rc < 0 && err.code != RIPPLE_EINPUT && err.code != RIPPLE_ENOTFOUND)
			rc = ripple_store_open(out, source, RIPPLE_STORE_READ, &err);
		if (rc < 0)
			ripple_diags_add_error(diags, &err);
		return rc;
	}
	opts.directed = (flags & RIPPLE_SOURCE_DIRECTED) != 0;
	if ((rc = ripple_places_load(&places, &n, paths, 1, &opts, diags)) < 0)
		goto done;
	if (flags & RIPPLE_SOURCE_MODELS) {   /* held as read: no database to write or read */
		rc = ripple_store_hold(out, places, n, source, &err);
		places = NULL;
		n = 0;
		if (rc < 0)
			ripple_diags_add_error(diags, &err);
		goto done;
	}
	if ((rc = ripple_store_open(out, ":memory:", RIPPLE_STORE_CREATE, &err)) < 0) {
		ripple_diags_add_error(diags, &err);
		goto done;
	}
	/* without --replace the import runs without foreign-key lookups (see there) */
	if ((rc = ripple_store_import(*out, places, n, 0, diags)) < 0) {
		ripple_store_close(*out);
		*out = NULL;
	} else {
		/* messages name the folder, not ":memory:"; out of memory keeps ":memory:" */
		ripple_store_set_path(*out, source, &err);
	}
done:
	ripple_places_free(places, n);
	return rc;
}
