/*
 * fuzz_convert.c - the readers of other tools' exports (engine/input/kumu.c,
 * engine/input/ripplefx.c) from memory, and the place they make imported into an
 * in-memory database, as `ripple import --from kumu|ripplefx` does.
 *
 * Input: a packed folder (fuzz.h). Tags: e elements.csv and c connections.csv
 * (Kumu), n nodes.csv and l relationships.csv (RippleFX), d --directed. The
 * first known tag picks the reader (d counts as Kumu).
 * Oracle: fuzz_import_place (fuzz.h).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char tags[] = "ecnld";
	ripple_load_options opts = RIPPLE_LOAD_OPTIONS_INIT;
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	fuzz_section sec[sizeof(tags) - 1];
	ripple_place *p = NULL;
	int rc;

	char first = fuzz_split(sec, tags, data, size);
	opts.directed = sec[4].data != NULL;
	if (first == 'n' || first == 'l') {
		opts.from = RIPPLE_FROM_RIPPLEFX;
		rc = ripple_ripplefx_from_csv(&p, "fuzz",
		                              fuzz_table(&sec[2], "fuzz/nodes.csv", 1, &diags),
		                              fuzz_table(&sec[3], "fuzz/relationships.csv", 1, &diags),
		                              &opts, &diags, 0);
	} else {
		opts.from = RIPPLE_FROM_KUMU;
		rc = ripple_kumu_from_csv(&p, "fuzz",
		                          fuzz_table(&sec[0], "fuzz/elements.csv", 1, &diags),
		                          fuzz_table(&sec[1], "fuzz/connections.csv", 1, &diags),
		                          &opts, &diags, 0);
	}
	fuzz_show(&diags);
	FUZZ_ASSERT((rc == RIPPLE_OK) == (p != NULL), "a place returned with an error, or none without");
	FUZZ_ASSERT(rc == RIPPLE_OK || diags.count + diags.dropped > 0, "refused without a reason");
	if (p)
		fuzz_import_place(p, &diags);
	ripple_place_free(p);
	ripple_diags_release(&diags);
	return 0;
}
