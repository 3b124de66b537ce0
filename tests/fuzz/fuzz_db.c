/*
 * fuzz_db.c - an arbitrary file opened as a ripple database and put through
 * what the read commands do with it (issue 22: a database file is untrusted
 * input): `places`, `metrics`, `waves`, `compare`, `map`, `draw`, `export`,
 * `report` and `batch`, each with small limits so one input stays fast.
 *
 * Input: the bytes of a database file. They are written to a file of their own
 * in a private temporary folder (no -wal or -journal beside it), which is
 * opened with ripple_store_open(RIPPLE_STORE_READ), as a SOURCE on disk is:
 * the checks of a file (schema, cycles) run only for a file, so a file is the
 * honest path, not SQLite's memdb.
 * Each place (the first FUZZ_DB_PLACES by name) is read with ripple_store_read;
 * one that reads is analysed when it is small (FUZZ_DB_ACTORS actors,
 * FUZZ_DB_TIES ties, FUZZ_DB_WAVES waves): the measures of every wave
 * (ripple_waves_run), its organisation roll-up, first -> last compared
 * (ripple_compare_run, FUZZ_DB_PERMUTATIONS permutations), the mixing of both
 * waves, the change map and the ripple map as SVG, a GEXF export, the report,
 * and a batch over every place read with its summary page.
 *
 * Oracle (it aborts when broken):
 *  - a refusal (of the open, the listing or a read) has a code and a message;
 *    an open either gives a store or an error, never both;
 *  - a model read is whole: strings not NULL, directed 0 or 1, every index
 *    (a tie's actors and wave, a wave's ties, an actor's or ripple's parent,
 *    a ripple's actors) within its array;
 *  - the file is the same bytes after everything was read (a read never
 *    writes the database);
 * and, as every harness, what ASan, UBSan and LeakSanitizer find, and an input
 * taking over 10 s.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#define FUZZ_DB_PLACES 3
#define FUZZ_DB_ACTORS 120
#define FUZZ_DB_TIES 1500
#define FUZZ_DB_WAVES 8
#define FUZZ_DB_PERMUTATIONS 9

static char fuzz_dir[512], fuzz_path[600];

/*
 * Added to tests/lsan.supp (make sets LSAN_OPTIONS): Graphviz's neato leaks
 * its overlap remover's C++ objects (newIncVPSC). libFuzzer's leak check
 * unwinds by frame pointers, which stop in libstdc++, so the libgvplugin_
 * line of lsan.supp never sees them. ripple is C: no C++ allocation is its.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libstdc++.so\n";
}

/* Removes the database and whatever SQLite left beside it. */
static void db_remove(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char name[640];

	for (size_t k = 0; k < sizeof(suffix) / sizeof(*suffix); k++) {
		snprintf(name, sizeof(name), "%s%s", fuzz_path, suffix[k]);
		unlink(name);
	}
}

static void db_cleanup(void)
{
	db_remove();
	rmdir(fuzz_dir);
}

/* Writes the input to fuzz_path (made once per process, in a folder of its own). */
static void db_write(const uint8_t *data, size_t size)
{
	FILE *f;

	if (!fuzz_dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/ripple-fuzz-db.XXXXXX",
		         tmp && *tmp ? tmp : "/tmp");
		FUZZ_ASSERT(mkdtemp(fuzz_dir), "cannot make a temporary folder in %s", fuzz_dir);
		snprintf(fuzz_path, sizeof(fuzz_path), "%s/study.db", fuzz_dir);
		atexit(db_cleanup);
	}
	db_remove();
	f = fopen(fuzz_path, "wb");
	FUZZ_ASSERT(f, "cannot write %s", fuzz_path);
	FUZZ_ASSERT(fwrite(data, 1, size, f) == size && fclose(f) == 0, "cannot write %s",
	            fuzz_path);
}

/* 1 when fuzz_path holds exactly data. */
static int db_same(const uint8_t *data, size_t size)
{
	FILE *f = fopen(fuzz_path, "rb");
	uint8_t buf[65536];
	size_t at = 0, n;
	int same = f != NULL;

	while (same && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		same = at + n <= size && memcmp(buf, data + at, n) == 0;
		at += n;
	}
	if (f)
		fclose(f);
	return same && at == size;
}

static void refused(const char *what, int rc, const ripple_error *err)
{
	FUZZ_ASSERT(rc < 0 && err->code == rc, "%s: status %d with error code %d", what, rc,
	            err->code);
	FUZZ_ASSERT(err->message[0], "%s refused without a reason", what);
	if (getenv("FUZZ_VERBOSE")) {
		char buf[2048];
		ripple_error_format(err, buf, sizeof(buf));
		fprintf(stderr, "  %s: %s\n", what, buf);
	}
}

#define IN(i, n) ((size_t)(i) < (size_t)(n))

/* The model's promises (ripple/model.h) that keep every analysis inside its arrays. */
static void check_model(const ripple_model *m)
{
	FUZZ_ASSERT(m->name && m->programme && m->source, "a place string is NULL");
	FUZZ_ASSERT(m->directed == 0 || m->directed == 1, "directed is %d", m->directed);
	for (size_t w = 0; w < m->nwaves; w++) {
		FUZZ_ASSERT(m->waves[w].name && m->waves[w].date, "a wave string is NULL");
		for (size_t k = 0; k < m->wave_ties[w].count; k++) {
			size_t t = m->wave_ties[w].items[k];
			FUZZ_ASSERT(IN(t, m->nties) && m->ties[t].wave == w,
			            "wave %zu lists tie %zu, not one of its own", w, t);
		}
	}
	for (size_t a = 0; a < m->nactors; a++) {
		const ripple_actor *x = &m->actors[a];
		FUZZ_ASSERT(x->id && x->label && x->sector && x->town && x->attended_when,
		            "a string of actor %zu is NULL", a);
		FUZZ_ASSERT(x->parent == RIPPLE_NONE || IN(x->parent, m->nactors),
		            "actor %zu has parent %zu of %zu", a, x->parent, m->nactors);
		FUZZ_ASSERT(x->attended_by == RIPPLE_NONE || x->attended_by <= m->nwaves,
		            "actor %zu attended by wave %zu of %zu", a, x->attended_by, m->nwaves);
	}
	for (size_t t = 0; t < m->nties; t++) {
		const ripple_tie *x = &m->ties[t];
		FUZZ_ASSERT(IN(x->source, m->nactors) && IN(x->target, m->nactors) &&
		            IN(x->wave, m->nwaves) && x->type,
		            "tie %zu: actors %zu, %zu of %zu, wave %zu of %zu", t, x->source, x->target,
		            m->nactors, x->wave, m->nwaves);
	}
	for (size_t r = 0; r < m->nripples; r++) {
		const ripple_ripple *x = &m->ripples[r];
		FUZZ_ASSERT(x->id && x->label && x->date && x->notes, "a string of ripple %zu is NULL",
		            r);
		FUZZ_ASSERT(x->parent == RIPPLE_NONE || IN(x->parent, m->nripples),
		            "ripple %zu has parent %zu of %zu", r, x->parent, m->nripples);
		for (size_t k = 0; k < x->nactors; k++)
			FUZZ_ASSERT(IN(x->actors[k], m->nactors), "ripple %zu names actor %zu of %zu", r,
			            x->actors[k], m->nactors);
	}
}

/* What `metrics`, `waves`, `compare`, `map`, `draw`, `export` and `report` do with m. */
static void analyse(const ripple_model *m)
{
	ripple_error err = {0};
	ripple_waves_options wo = RIPPLE_WAVES_OPTIONS_INIT;
	ripple_compare_options co = RIPPLE_COMPARE_OPTIONS_INIT;
	ripple_draw_options dopt = RIPPLE_DRAW_OPTIONS_INIT;
	ripple_map_options mopt = RIPPLE_MAP_OPTIONS_INIT;
	ripple_export_options eo = RIPPLE_EXPORT_OPTIONS_INIT;
	ripple_report_options ro = RIPPLE_REPORT_OPTIONS_INIT;
	ripple_waves w = {0};
	ripple_compare c;
	ripple_export e = {0};
	ripple_model *up = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if ((rc = ripple_waves_run(&w, m, &wo, &err)) < 0)
		refused("waves", rc, &err);
	ripple_waves_release(&w);
	if ((rc = ripple_model_rollup(&up, m, &err)) < 0) {
		refused("roll-up", rc, &err);
	} else {
		wo.measures = 0;
		if ((rc = ripple_waves_run(&w, up, &wo, &err)) < 0)
			refused("waves of the roll-up", rc, &err);
		ripple_waves_release(&w);
		ripple_model_free(up);
	}
	if (m->nwaves == 0)
		return;

	co.permutations = FUZZ_DB_PERMUTATIONS;
	memset(&c, 0, sizeof(c));
	rc = ripple_compare_run(&c, m, m->waves[0].name, m->waves[m->nwaves - 1].name, &co, &err);
	if (rc < 0) {
		refused("compare", rc, &err);
	} else {
		ripple_mixing mx;
		for (int k = 0; k < 2; k++) {
			memset(&mx, 0, sizeof(mx));
			if ((rc = ripple_mixing_compute(&mx, k ? &c.g2 : &c.g1, &err)) < 0)
				refused("mixing", rc, &err);
			else
				ripple_mixing_release(&mx);
		}
		dopt.compare = &c;
		dopt.from = m->waves[0].name;
		dopt.to = m->waves[m->nwaves - 1].name;
		if ((rc = ripple_draw_render(&data, &len, m, &dopt, NULL, RIPPLE_IMAGE_SVG, &err)) < 0)
			refused("draw", rc, &err);
		free(data);
		data = NULL;
	}
	ripple_compare_release(&c);

	if ((rc = ripple_map_render(&data, &len, m, &mopt, RIPPLE_IMAGE_SVG, &err)) < 0)
		refused("map", rc, &err);
	free(data);
	data = NULL;

	eo.format = RIPPLE_EXPORT_GEXF;
	if ((rc = ripple_export_write(&e, m, &eo, &err)) < 0)
		refused("export", rc, &err);
	ripple_export_release(&e);

	ro.compare.permutations = FUZZ_DB_PERMUTATIONS;
	if ((rc = ripple_report_place(&data, &len, m, &ro, &err)) < 0)
		refused("report", rc, &err);
	free(data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ripple_error err = {0};
	ripple_store *store = NULL;
	ripple_place_info *infos = NULL;
	int64_t *ids = NULL, batch_ids[FUZZ_DB_PLACES];
	char **names = NULL, *batch_names[FUZZ_DB_PLACES];
	size_t ninfos = 0, n = 0, nbatch = 0;
	int rc;

	db_write(data, size);
	rc = ripple_store_open(&store, fuzz_path, RIPPLE_STORE_READ, &err);
	FUZZ_ASSERT((rc == RIPPLE_OK) == (store != NULL), "a store returned with an error, or none "
	            "without");
	if (rc < 0) {
		refused("open", rc, &err);
		goto done;
	}
	FUZZ_ASSERT(ripple_store_readonly(store), "opened for reading, the store can write");
	if ((rc = ripple_store_places(&infos, &ninfos, store, &err)) < 0)
		refused("places", rc, &err);
	ripple_place_info_free(infos, ninfos);
	if ((rc = ripple_store_list(&ids, &names, &n, store, &err)) < 0) {
		refused("list", rc, &err);
		goto done;
	}
	for (size_t i = 0; i < n && i < FUZZ_DB_PLACES; i++) {
		ripple_model *m = NULL;
		FUZZ_ASSERT(names[i], "place %zu of %zu has no name", i, n);
		if ((rc = ripple_store_read(&m, store, ids[i], &err)) < 0) {
			refused("read", rc, &err);
			continue;
		}
		FUZZ_ASSERT(m, "read gave no model");
		check_model(m);
		if (m->nactors <= FUZZ_DB_ACTORS && m->nties <= FUZZ_DB_TIES &&
		    m->nwaves <= FUZZ_DB_WAVES) {
			analyse(m);
			batch_ids[nbatch] = ids[i];
			batch_names[nbatch++] = names[i];
		}
		ripple_model_free(m);
	}
	if (nbatch > 0) {
		ripple_batch_options bo = RIPPLE_BATCH_OPTIONS_INIT;
		ripple_report_options ro = RIPPLE_REPORT_OPTIONS_INIT;
		ripple_batch b = {0};
		bo.compare.permutations = ro.compare.permutations = FUZZ_DB_PERMUTATIONS;
		if ((rc = ripple_batch_run(&b, store, batch_ids, batch_names, nbatch, &bo, &err)) < 0) {
			refused("batch", rc, &err);
		} else {
			ripple_batch_stat *stats = NULL;
			size_t nstats = 0;
			char *html = NULL;
			size_t len = 0;
			if (ripple_batch_summary(&stats, &nstats, &b) == RIPPLE_OK)
				free(stats);
			if ((rc = ripple_report_summary(&html, &len, &b, &ro, &err)) < 0)
				refused("summary", rc, &err);
			free(html);
		}
		ripple_batch_release(&b);
	}
done:
	free(ids);
	ripple_strv_free(names);
	ripple_store_close(store);
	FUZZ_ASSERT(db_same(data, size), "the database file changed while it was read");
	return 0;
}
