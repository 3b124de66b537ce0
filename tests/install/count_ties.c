/*
 * count_ties.c - a program of someone else's, built against an installed
 * libripple with `pkg-config --cflags --libs ripple` (tests/install/run.sh).
 *
 * usage: count_ties FOLDER WAVE
 * Opens the place folder FOLDER (ripple_source_open), reads its one place back
 * and prints "PLACE WAVE actors N ties M": the actors of the place and the
 * ties of the wave, as ripple's measures count them (network measure `ties`).
 * Exits 1 on any failure, with the library's message.
 */
#include <stdio.h>
#include <stdlib.h>

#include <ripple.h>

int main(int argc, char **argv)
{
	ripple_diags diags = RIPPLE_DIAGS_INIT;
	ripple_error err = { 0 };
	ripple_store *store = NULL;
	ripple_model *model = NULL;
	ripple_graph graph = { 0 };
	ripple_metrics metrics = { 0 };
	ripple_metrics_options opts = RIPPLE_METRICS_OPTIONS_INIT;
	int64_t *ids = NULL;
	char **names = NULL;
	size_t n = 0;
	int built = 0, measured = 0, status = 1;
	char text[2048];

	if (argc != 3) {
		fprintf(stderr, "usage: count_ties FOLDER WAVE\n");
		return 2;
	}
	ripple_igraph_setup();
	if (ripple_source_open(&store, argv[1], 0, &diags) != 0) {
		if (diags.count)
			err = diags.items[0];
		goto fail;
	}
	if (ripple_store_list(&ids, &names, &n, store, &err) != 0)
		goto fail;
	if (n != 1) {
		ripple_error_set(&err, RIPPLE_EUSAGE, "", 0, 0, "%s holds %zu places, not one",
		                 argv[1], n);
		goto fail;
	}
	if (ripple_store_read(&model, store, ids[0], &err) != 0)
		goto fail;
	if (ripple_graph_build(&graph, model, argv[2], NULL, &err) != 0)
		goto fail;
	built = 1;
	opts.paths.jobs = 1;
	if (ripple_metrics_compute(&metrics, &graph, &opts, &err) != 0)
		goto fail;
	measured = 1;
	printf("%s %s actors %.0f ties %.0f\n", names[0], argv[2],
	       metrics.net[RIPPLE_NET_ACTORS], metrics.net[RIPPLE_NET_TIES]);
	status = 0;
	goto done;
fail:
	ripple_error_format(&err, text, sizeof(text));
	fprintf(stderr, "count_ties: %s\n", text);
done:
	if (measured)
		ripple_metrics_release(&metrics);
	if (built)
		ripple_graph_release(&graph);
	ripple_model_free(model);
	ripple_strv_free(names);
	free(ids);
	ripple_store_close(store);
	ripple_diags_release(&diags);
	return status;
}
