/*
 * input/source.c - a SOURCE opened as a store: a database file as it is, or
 * place folders read and loaded into an in-memory database.
 *
 * It lives with the readers, not in the store: reading folders is input's
 * work, and what it does with them is what `ripple import` does, through the
 * store's public API (ripple_store_open, ripple_store_import,
 * ripple_store_set_path). Were it in store.c, the store would call the
 * readers, which sit below it: the store never calls engine/input/, and
 * input calls only the store's public functions, so there is no circle.
 */
#include <string.h>
#include <unistd.h>

#include "ripple.h"

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
