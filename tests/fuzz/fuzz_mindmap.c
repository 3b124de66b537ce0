/*
 * fuzz_mindmap.c - the mind map readers (engine/input/mindmap.c) from memory:
 * an XMind zip, its content.json or content.xml alone, or a FreeMind map; the
 * place they make imported into an in-memory database, and its ripple map
 * written back as XMind and FreeMind (engine/output/mindmap.c) and read again.
 *
 * Input: one byte choosing the reader (its value mod 4: 0 an .xmind zip,
 * 1 content.json, 2 content.xml, 3 a FreeMind .mm), then the file's bytes.
 * Oracle: a place comes back exactly when there was no problem, a refusal
 * has a reason; the place imports (fuzz_import_place, which also tries the
 * Kumu and RippleFX round trips); and what ripple_xmind_write and
 * ripple_freemind_write make of it reads back with as many ripples, each
 * with its capitals, valence and intended.
 */
#include "fuzz.h"

/* Writes p's ripple map with both writers and reads each back: the same ripples. */
static void mindmap_round_trips(const ripple_place *p)
{
	ripple_store *store = NULL;
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_error err = {0};
	ripple_place *copy = NULL;
	ripple_model *m = NULL;
	int64_t id = 0;

	/* the place into a store of its own, read back as the model the writers take */
	FUZZ_ASSERT(ripple_store_open(&store, ":memory:", RIPPLE_STORE_CREATE, &err) == RIPPLE_OK,
	            "cannot open an in-memory database: %s", err.message);
	if (ripple_store_import(store, (ripple_place **)&p, 1, 0, &diags) != RIPPLE_OK ||
	    ripple_store_find_place(&id, store, p->name, &err) != RIPPLE_OK ||
	    ripple_store_read(&m, store, id, &err) != RIPPLE_OK)
		goto done;
	for (int fm = 0; fm < 2; fm++) {
		char *data = NULL;
		size_t len = 0;
		int rc = fm ? ripple_freemind_write(&data, &len, m, &err)
		            : ripple_xmind_write(&data, &len, m, &err);
		if (rc == RIPPLE_EINPUT || rc == RIPPLE_ENOMEM)
			continue;
		FUZZ_ASSERT(rc == RIPPLE_OK, "%s write failed: %s", fm ? "freemind" : "xmind",
		            err.message);
		ripple_diags_release(&diags);
		rc = ripple_mindmap_from_memory(&copy, p->name, fm ? RIPPLE_MINDMAP_FREEMIND
		                                                   : RIPPLE_MINDMAP_XMIND,
		                                data, len, NULL, &diags);
		fuzz_show(&diags);
		free(data);
		if (rc == RIPPLE_ENOMEM)
			continue;
		FUZZ_ASSERT(rc == RIPPLE_OK, "what ripple_%s_write wrote does not read back (%s)",
		            fm ? "freemind" : "xmind", diags.count ? diags.items[0].message : "");
		FUZZ_ASSERT(copy->nripples == m->nripples, "ripples lost in the %s round trip",
		            fm ? "freemind" : "xmind");
		for (size_t i = 0; i < m->nripples; i++) {
			size_t k = 0;
			while (k < copy->nripples && strcmp(copy->ripples[k].id, m->ripples[i].id) != 0)
				k++;
			FUZZ_ASSERT(k < copy->nripples, "ripple \"%s\" lost", m->ripples[i].id);
			FUZZ_ASSERT(copy->ripples[k].capitals == m->ripples[i].capitals &&
			            copy->ripples[k].valence == m->ripples[i].valence &&
			            copy->ripples[k].intended == m->ripples[i].intended &&
			            strcmp(copy->ripples[k].label, m->ripples[i].label) == 0,
			            "ripple \"%s\" changed in the round trip", m->ripples[i].id);
		}
		ripple_place_free(copy);
		copy = NULL;
	}
done:
	ripple_model_free(m);
	ripple_store_close(store);
	ripple_diags_release(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_place *p = NULL;
	int rc;

	if (size == 0)
		return 0;
	rc = ripple_mindmap_from_memory(&p, "fuzz.map", (enum ripple_mindmap)(data[0] % 4),
	                                (const char *)data + 1, size - 1, NULL, &diags);
	fuzz_show(&diags);
	FUZZ_ASSERT((rc == RIPPLE_OK) == (p != NULL), "a place returned with an error, or none without");
	FUZZ_ASSERT(rc == RIPPLE_OK || diags.count + diags.dropped > 0, "refused without a reason");
	if (p) {
		mindmap_round_trips(p);
		fuzz_import_place(p, &diags);
	}
	ripple_place_free(p);
	ripple_diags_release(&diags);
	return 0;
}
