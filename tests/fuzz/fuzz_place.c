/*
 * fuzz_place.c - a place folder (engine/input/place.c) read from memory and
 * imported into an in-memory database (engine/store.c), as `ripple import`
 * does with a folder on disk.
 *
 * Input: a packed folder (fuzz.h). Tags: p place.csv, a actors.csv,
 * w waves.csv, t ties.csv, r ripples.csv, s responses.csv, d (content
 * ignored) --directed.
 * Oracle: fuzz_import_place (fuzz.h).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char tags[] = "pawtrsd";
	static const char *const files[] = {
		"fuzz/place.csv", "fuzz/actors.csv", "fuzz/waves.csv", "fuzz/ties.csv", "fuzz/ripples.csv",
		"fuzz/responses.csv"
	};
	static const enum ripple_table table[] = {
		RIPPLE_TABLE_PLACE, RIPPLE_TABLE_ACTORS, RIPPLE_TABLE_WAVES, RIPPLE_TABLE_TIES,
		RIPPLE_TABLE_RIPPLES, RIPPLE_TABLE_RESPONSES
	};
	ripple_csv *tables[RIPPLE_TABLE_COUNT] = {0};
	ripple_load_options opts = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	fuzz_section sec[sizeof(tags) - 1];
	ripple_place *p = NULL;
	int rc;

	fuzz_split(sec, tags, data, size);
	for (int i = 0; i < 6; i++)   /* actors.csv and ties.csv are required */
		tables[table[i]] = fuzz_table(&sec[i], files[i], tags[i] == 'a' || tags[i] == 't', &diags);
	opts.directed = sec[6].data != NULL;
	rc = ripple_place_from_tables(&p, "fuzz", tables, sec[2].data != NULL, 0, &opts, &diags, 0);
	fuzz_show(&diags);
	FUZZ_ASSERT((rc == RIPPLE_OK) == (p != NULL), "a place returned with an error, or none without");
	FUZZ_ASSERT(rc == RIPPLE_OK || diags.count + diags.dropped > 0, "refused without a reason");
	if (p)
		fuzz_import_place(p, &diags);
	ripple_place_free(p);
	ripple_diags_release(&diags);
	return 0;
}
