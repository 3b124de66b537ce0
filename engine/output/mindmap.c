/*
 * output/mindmap.c - a place's ripple map written back for the workshop, as
 * an XMind file or a FreeMind / Freeplane map, coded the way input/mindmap.c
 * reads it (docs/EXPORT.md): the programme is the central topic, each ripple
 * a topic under its parent, in ripples.csv order.
 *
 *   XMind     a zip of content.json (one sheet; each topic's id is the
 *             ripple's id, its labels the codes: the capitals, "negative",
 *             "intended" / "unintended", "date: ..." and "actors: a; b"; its
 *             notes as xmind-sdk-js's Note writes them: plain text, one
 *             paragraph a line, ops), metadata.json and manifest.json, as
 *             xmind-sdk-js's Zipper writes them. Opens in XMind 2020 and later
 *             (not XMind 8).
 *   FreeMind  map version 1.0.1, one node a ripple, the codes as node
 *             attributes id, capital, valence, intended, date, actors; its
 *             notes as a richcontent TYPE="NOTE" of HTML, one <p> a line.
 *
 * A label that ends in ']' is written with "[]" after it, so that the reader
 * does not take its last bracket for codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zip.h>

#include "ripple/formats.h"
#include "ripple/model.h"
#include "xml.h"

/* Every entry of the zip gets this time (2024-01-01), so the same map gives the same bytes. */
#define XMIND_MTIME ((time_t)1704067200)

/* Children of each ripple (and, at index nripples, of the programme), in model order. */
typedef struct tree {
	size_t *first, *next;   /* first child, next sibling; RIPPLE_NONE ends */
} tree;

static int tree_build(tree *t, const ripple_model *m)
{
	size_t n = m->nripples;
	size_t *last = malloc((n + 1) * sizeof(*last));

	t->first = malloc((n + 1) * sizeof(*t->first));
	t->next = malloc((n + 1) * sizeof(*t->next));
	if (!last || !t->first || !t->next) {
		free(last);
		return -1;
	}
	for (size_t i = 0; i <= n; i++)
		t->first[i] = t->next[i] = last[i] = RIPPLE_NONE;
	for (size_t i = 0; i < n; i++) {
		size_t p = m->ripples[i].parent == RIPPLE_NONE ? n : m->ripples[i].parent;
		if (last[p] == RIPPLE_NONE)
			t->first[p] = i;
		else
			t->next[last[p]] = i;
		last[p] = i;
	}
	free(last);
	return 0;
}

static void tree_release(tree *t)
{
	free(t->first);
	free(t->next);
}

/* The title of a ripple: its label, with "[]" after a label ending in ']'. malloc'd. */
static char *title_of(const char *label)
{
	size_t n = strlen(label);
	while (n && (label[n - 1] == ' ' || label[n - 1] == '\t'))
		n--;
	return n && label[n - 1] == ']' ? ripple_strdupf("%s []", label) : strdup(label);
}

/* The actors a ripple names as "a; b"; malloc'd ("" when none). */
static char *actors_of(const ripple_model *m, const ripple_ripple *r)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return NULL;
	for (size_t k = 0; k < r->nactors; k++)
		fprintf(f, "%s%s", k ? "; " : "", m->actors[r->actors[k]].id);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* The capitals of a ripple as "social; human" (capital order); malloc'd. */
static char *capitals_of(unsigned capitals)
{
	char buf[128] = "";
	size_t len = 0;

	for (int c = 0; c < RIPPLE_NCAPITALS; c++)
		if (capitals & (1u << c))
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? "; " : "",
			                        ripple_capital_name(c));
	return strdup(buf);
}

/*
 * What the reader splits on cannot be in an id it reads back: an actor id
 * holding ';' or ',' (actors are listed with them). RIPPLE_EINPUT then.
 */
static int check_ids(const ripple_model *m, const char *format, ripple_error *err)
{
	for (size_t i = 0; i < m->nripples; i++)
		for (size_t k = 0; k < m->ripples[i].nactors; k++) {
			const char *id = m->actors[m->ripples[i].actors[k]].id;
			if (strpbrk(id, ";,"))
				return ripple_error_set(err, RIPPLE_EINPUT, "", 0, 0, "ripple \"%s\" names "
				                        "actor \"%s\", whose id holds ';' or ',', which "
				                        "separate a ripple's actors in %s", m->ripples[i].id,
				                        id, format);
		}
	return RIPPLE_OK;
}

/* A ripple's notes, or "" (a model built by hand may leave them NULL). */
static const char *notes_of(const ripple_ripple *r)
{
	return r->notes ? r->notes : "";
}

/* ---- XMind ------------------------------------------------------------------------ */

/*
 * The notes object of a topic, as xmind-sdk-js's Note writes it:
 * {"plain": {"content": text}, "html": {"content": {"paragraphs": [{"spans":
 * [{"text": line}]}, ...]}}, "ops": {"ops": [{"insert": text}]}}. The reader
 * takes the plain text. NULL when out of memory.
 */
static json_t *xmind_notes(const char *text)
{
	json_t *paragraphs = json_array(), *notes = NULL;
	const char *p = text;

	if (!paragraphs)
		return NULL;
	for (;;) {
		size_t n = strcspn(p, "\n");
		json_t *line = json_stringn(p, n);
		if (!line || json_array_append_new(paragraphs,
		                                   json_pack("{s:[{s:o}]}", "spans", "text", line)) < 0)
			goto done;
		if (!p[n])
			break;
		p += n + 1;
	}
	notes = json_pack("{s:{s:s}, s:{s:{s:O}}, s:{s:[{s:s}]}}", "plain", "content", text,
	                  "html", "content", "paragraphs", paragraphs, "ops", "ops", "insert", text);
done:
	json_decref(paragraphs);
	return notes;
}

static json_t *xmind_topic(const ripple_model *m, const tree *t, size_t i, int *nomem)
{
	const ripple_ripple *r = &m->ripples[i];
	char *title = title_of(r->label), *actors = actors_of(m, r);
	json_t *topic = json_object(), *labels = json_array(), *kids = json_array();

	if (!title || !actors || !topic || !labels || !kids) {
		*nomem = 1;
		goto done;
	}
	json_object_set_new(topic, "id", json_string(r->id));
	json_object_set_new(topic, "class", json_string("topic"));
	json_object_set_new(topic, "title", json_string(title));
	for (int c = 0; c < RIPPLE_NCAPITALS; c++)
		if (r->capitals & (1u << c))
			json_array_append_new(labels, json_string(ripple_capital_name(c)));
	if (r->valence < 0)
		json_array_append_new(labels, json_string("negative"));
	if (r->intended >= 0)
		json_array_append_new(labels, json_string(r->intended ? "intended" : "unintended"));
	if (*r->date) {
		char *s = ripple_strdupf("date: %s", r->date);
		json_array_append_new(labels, s ? json_string(s) : NULL);
		free(s);
	}
	if (*actors) {
		char *s = ripple_strdupf("actors: %s", actors);
		json_array_append_new(labels, s ? json_string(s) : NULL);
		free(s);
	}
	if (json_array_size(labels))
		json_object_set(topic, "labels", labels);
	if (*notes_of(r)) {
		json_t *notes = xmind_notes(notes_of(r));
		if (!notes || json_object_set_new(topic, "notes", notes) < 0)
			*nomem = 1;
	}
	for (size_t c = t->first[i]; c != RIPPLE_NONE && !*nomem; c = t->next[c])
		json_array_append_new(kids, xmind_topic(m, t, c, nomem));
	if (json_array_size(kids))
		json_object_set_new(topic, "children", json_pack("{s:O}", "attached", kids));
done:
	json_decref(labels);
	json_decref(kids);
	free(title);
	free(actors);
	return topic;
}

/* content.json: the one sheet of the map. malloc'd, NULL when out of memory. */
static char *xmind_content(const ripple_model *m, const tree *t, size_t *len)
{
	json_t *sheets = json_array(), *sheet = json_object(), *root = json_object();
	json_t *kids = json_array();
	int nomem = !sheets || !sheet || !root || !kids;
	char *text = NULL;

	if (!nomem) {
		json_object_set_new(root, "id", json_string("ripple-central-topic"));
		json_object_set_new(root, "class", json_string("topic"));
		json_object_set_new(root, "title", json_string(*m->programme ? m->programme : m->name));
		json_object_set_new(root, "structureClass", json_string("org.xmind.ui.map.unbalanced"));
		for (size_t c = t->first[m->nripples]; c != RIPPLE_NONE && !nomem; c = t->next[c])
			json_array_append_new(kids, xmind_topic(m, t, c, &nomem));
		json_object_set_new(root, "children", json_pack("{s:O}", "attached", kids));
		json_object_set_new(sheet, "id", json_string("ripple-sheet"));
		json_object_set_new(sheet, "class", json_string("sheet"));
		json_object_set_new(sheet, "title", json_string(m->name));
		json_object_set(sheet, "rootTopic", root);
		json_array_append(sheets, sheet);
	}
	if (!nomem && (text = json_dumps(sheets, JSON_COMPACT)))
		*len = strlen(text);
	json_decref(kids);
	json_decref(root);
	json_decref(sheet);
	json_decref(sheets);
	return text;
}

/* Adds a file to the zip from a buffer that must outlive zip_close. */
static int zip_put(zip_t *z, const char *name, const char *data, size_t len)
{
	zip_source_t *s = zip_source_buffer(z, data, len, 0);
	zip_int64_t i;

	if (!s)
		return -1;
	if ((i = zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return -1;
	}
	return zip_file_set_mtime(z, (zip_uint64_t)i, XMIND_MTIME, 0) < 0 ? -1 : 0;
}

int ripple_xmind_write(char **data, size_t *len, const ripple_model *m, ripple_error *err)
{
	static const char manifest[] = "{\"file-entries\":{\"content.json\":{},\"metadata.json\":{}}}";
	tree t = { NULL, NULL };
	zip_error_t ze;
	zip_source_t *src = NULL;
	zip_t *z = NULL;
	char *content = NULL;
	size_t clen = 0;
	zip_int64_t size;
	int rc;

	*data = NULL;
	*len = 0;
	if ((rc = check_ids(m, "an XMind label", err)) < 0)
		return rc;
	if (tree_build(&t, m) < 0 || !(content = xmind_content(m, &t, &clen)))
		goto nomem;
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
		goto zipfail;
	zip_source_keep(src);
	if (!(z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)))
		goto zipfail;
	if (zip_put(z, "content.json", content, clen) < 0 ||
	    zip_put(z, "metadata.json", "{}", 2) < 0 ||
	    zip_put(z, "manifest.json", manifest, sizeof(manifest) - 1) < 0) {
		zip_error_set(&ze, zip_error_code_zip(zip_get_error(z)), 0);
		zip_discard(z);
		goto zipfail;
	}
	if (zip_close(z) < 0) {
		zip_error_set(&ze, zip_error_code_zip(zip_get_error(z)), 0);
		zip_discard(z);
		goto zipfail;
	}
	/* the archive is in src's buffer: read it out */
	if (zip_source_open(src) < 0 || zip_source_seek(src, 0, SEEK_END) < 0 ||
	    (size = zip_source_tell(src)) < 0 || zip_source_seek(src, 0, SEEK_SET) < 0)
		goto zipfail;
	if (!(*data = malloc((size_t)size + 1))) {
		zip_source_close(src);
		goto nomem;
	}
	if (zip_source_read(src, *data, (zip_uint64_t)size) != size) {
		zip_source_close(src);
		free(*data);
		*data = NULL;
		goto zipfail;
	}
	zip_source_close(src);
	*len = (size_t)size;
	rc = RIPPLE_OK;
	goto done;
zipfail:
	rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "cannot make the XMind file: %s",
	                      zip_error_strerror(&ze));
	goto done;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
done:
	if (src)
		zip_source_free(src);
	zip_error_fini(&ze);
	free(content);
	tree_release(&t);
	return rc;
}

/* ---- FreeMind ------------------------------------------------------------------------ */

static void mm_attr(FILE *f, int depth, const char *name, const char *value)
{
	if (!*value)
		return;
	fprintf(f, "%*s<attribute NAME=\"%s\" VALUE=\"", 2 * depth, "", name);
	ripple_xml_write(f, value);
	fputs("\"/>\n", f);
}

/* A note as FreeMind writes one: richcontent TYPE="NOTE" holding HTML, a <p> a line. */
static void mm_note(FILE *f, int depth, const char *text)
{
	const char *p = text;

	if (!*text)
		return;
	fprintf(f, "%*s<richcontent TYPE=\"NOTE\"><html>\n<head>\n</head>\n<body>\n", 2 * depth, "");
	for (;;) {
		size_t n = strcspn(p, "\n");
		char *line = strndup(p, n);
		fputs("<p>", f);
		ripple_xml_write(f, line ? line : "");   /* a short note beats none: no error */
		fputs("</p>\n", f);
		free(line);
		if (!p[n])
			break;
		p += n + 1;
	}
	fputs("</body>\n</html></richcontent>\n", f);
}

static int mm_node(FILE *f, const ripple_model *m, const tree *t, size_t i, int depth)
{
	const ripple_ripple *r = &m->ripples[i];
	char *title = title_of(r->label), *caps = capitals_of(r->capitals), *actors = actors_of(m, r);
	int rc = title && caps && actors ? 0 : -1;

	if (rc == 0) {
		fprintf(f, "%*s<node TEXT=\"", 2 * depth, "");
		ripple_xml_write(f, title);
		fputs("\">\n", f);
		mm_attr(f, depth + 1, "id", r->id);
		mm_attr(f, depth + 1, "capital", caps);
		mm_attr(f, depth + 1, "valence", r->valence < 0 ? "negative" : "positive");
		mm_attr(f, depth + 1, "intended", r->intended < 0 ? "unknown" : r->intended ? "yes" : "no");
		mm_attr(f, depth + 1, "date", r->date);
		mm_attr(f, depth + 1, "actors", actors);
		mm_note(f, depth + 1, notes_of(r));
		for (size_t c = t->first[i]; c != RIPPLE_NONE && rc == 0; c = t->next[c])
			rc = mm_node(f, m, t, c, depth + 1);
		fprintf(f, "%*s</node>\n", 2 * depth, "");
	}
	free(title);
	free(caps);
	free(actors);
	return rc;
}

int ripple_freemind_write(char **data, size_t *len, const ripple_model *m, ripple_error *err)
{
	tree t = { NULL, NULL };
	FILE *f = NULL;
	int rc;

	*data = NULL;
	*len = 0;
	if ((rc = check_ids(m, "a FreeMind attribute", err)) < 0)
		return rc;
	if (tree_build(&t, m) < 0 || !(f = open_memstream(data, len)))
		goto nomem;
	fputs("<map version=\"1.0.1\">\n<!-- a ripple map written by ripple: each node a ripple, "
	      "coded in its attributes -->\n<node TEXT=\"", f);
	ripple_xml_write(f, *m->programme ? m->programme : m->name);
	fputs("\">\n", f);
	rc = 0;
	for (size_t c = t.first[m->nripples]; c != RIPPLE_NONE && rc == 0; c = t.next[c])
		rc = mm_node(f, m, &t, c, 1);
	fputs("</node>\n</map>\n", f);
	if (fclose(f) != 0 || rc < 0) {
		f = NULL;
		goto nomem;
	}
	tree_release(&t);
	return RIPPLE_OK;
nomem:
	if (f)
		fclose(f);
	free(*data);
	*data = NULL;
	*len = 0;
	tree_release(&t);
	return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
}
