/*
 * input/mindmap.c - a ripple map drawn in a mind-mapping tool, read as a
 * place: XMind (the zip with content.json, or XMind 8's with content.xml)
 * and FreeMind / Freeplane (.mm). output/mindmap.c writes them back.
 *
 * The structures are the tools' own (docs/IMPORT.md cites where each comes
 * from). In short:
 *
 *   XMind          content.json: a list of sheets, each {rootTopic: {title,
 *                  id, labels: [..], children: {attached: [topic...]}}};
 *                  content.xml: xmap-content/sheet/topic, a topic holding
 *                  title, labels/label and children/topics[@type=attached]/
 *                  topic. content.json wins when both are there (XMind 2020
 *                  puts a content.xml beside it that only says "open me in a
 *                  newer XMind").
 *   FreeMind       map/node, nested nodes; TEXT (or a richcontent TYPE=NODE
 *                  for a formatted title), attribute NAME/VALUE.
 *
 * The central topic is the programme; every other topic is a ripple whose
 * order is its depth. A ripple is coded by XMind labels, FreeMind attributes
 * or a title ending in "[social, human; negative]" (the codes: the seven
 * capitals, positive / negative, intended / unintended); labels and
 * attributes also carry date, actors and id. A topic's note becomes the
 * ripple's notes: XMind's plain text (notes.plain.content, notes/plain) as it
 * is; FreeMind's richcontent TYPE="NOTE" (HTML) as its text, one line a
 * paragraph, white space runs as one space. Markers and icons are not read:
 * no icon names a capital.
 *
 * Every problem names the map file and the topic's path ("sheet 1 › "Partners
 * meet" › "Joint bid""), and for FreeMind the line of the node; the tables
 * then built go through input/place.c's checks like any place folder's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "place.h"
#include "util.h"

/* Largest map file, and largest content.json / content.xml inside an XMind zip. */
#define MINDMAP_MAX_BYTES ((size_t)64 << 20)
/* Deepest branch read (jansson and libxml2 stop deeper documents themselves). */
#define MINDMAP_MAX_DEPTH 200

static const char *const capital_words[RIPPLE_NCAPITALS] = {
	"natural", "cultural", "human", "social", "political", "financial", "built"
};

/* One topic below the central one: a ripple. Strings malloc'd. */
typedef struct topic {
	char *label;            /* the title, without a "[...]" code suffix */
	char *tool_id;          /* XMind's topic id, FreeMind's node ID; NULL when none */
	char *id;               /* an `id` label or attribute; NULL when none */
	char *date, *actors;    /* as given (actors ';'-joined); NULL when none */
	char *notes;            /* the topic's note as text; NULL when none */
	size_t parent;          /* topic index, RIPPLE_NONE for a first-order ripple */
	long line;              /* FreeMind: line of the node; 0 otherwise */
	unsigned capitals;
	int valence;            /* 0 not said, +1, -1 */
	int intended;           /* -2 not said, -1 unknown, 0 no, 1 yes */
	char path[16];          /* "1.2.3"-style position when short enough, else "" */
} topic;

typedef struct mm {
	const char *file;       /* the map, for messages */
	int sheets;             /* 1: messages start with "sheet 1" (XMind) */
	ripple_diags *d;
	topic *v;
	size_t n, cap;
	char *programme;        /* the central topic's title, malloc'd */
	int nomem;
} mm;

/* ---- messages --------------------------------------------------------------- */

/* Appends the quoted label of topic t and its ancestors (at most four, the first kept). */
static void topic_path(const mm *M, size_t t, char *buf, size_t size)
{
	size_t chain[MINDMAP_MAX_DEPTH + 1], n = 0, len = 0;

	buf[0] = '\0';
	if (M->sheets)
		len += (size_t)snprintf(buf, size, "sheet 1");
	for (size_t i = t; i != RIPPLE_NONE && n <= MINDMAP_MAX_DEPTH; i = M->v[i].parent)
		chain[n++] = i;
	for (size_t k = n; k-- > 0 && len < size;) {
		const char *label = M->v[chain[k]].label ? M->v[chain[k]].label : "";
		if (n > 4 && k < n - 1 && k > 2) {   /* the first and the last three */
			if (k == n - 2)
				len += (size_t)snprintf(buf + len, size - len, " \xe2\x80\xba \xe2\x80\xa6");
			continue;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s\"%.80s%s\"",
		                        len ? " \xe2\x80\xba " : "", label,
		                        strlen(label) > 80 ? "\xe2\x80\xa6" : "");
	}
}

/* A problem of topic t (RIPPLE_NONE: of the map itself). */
__attribute__((format(printf, 3, 4)))
static void bad(mm *M, size_t t, const char *fmt, ...)
{
	char where[600], what[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (t == RIPPLE_NONE) {
		ripple_diags_add(M->d, RIPPLE_EINPUT, M->file, 0, 0, "%s", what);
		return;
	}
	topic_path(M, t, where, sizeof(where));
	ripple_diags_add(M->d, RIPPLE_EINPUT, M->file, M->v[t].line, 0, "%s: %s", where, what);
}

/* ---- codes -------------------------------------------------------------------- */

/* The capital a word names ("social", "Social capital"), or -1. */
static int capital_of(const char *w)
{
	size_t n = strlen(w), k = strlen(" capital");

	for (int c = 0; c < RIPPLE_NCAPITALS; c++) {
		size_t cn = strlen(capital_words[c]);
		if (ripple_strieq(w, capital_words[c]) ||
		    (n == cn + k && strncasecmp(w, capital_words[c], cn) == 0 &&
		     ripple_strieq(w + cn, " capital")))
			return c;
	}
	return -1;
}

static void set_valence(mm *M, size_t t, int v)
{
	if (M->v[t].valence && M->v[t].valence != v)
		bad(M, t, "coded both positive and negative");
	M->v[t].valence = v;
}

static void set_intended(mm *M, size_t t, int v)
{
	if (M->v[t].intended != -2 && M->v[t].intended != v)
		bad(M, t, "coded both intended and unintended");
	M->v[t].intended = v;
}

/* A bare code word: a capital, positive, negative, intended, unintended. 0, or -1 when unknown. */
static int code_word(mm *M, size_t t, const char *w)
{
	int c = capital_of(w);

	if (c >= 0)
		M->v[t].capitals |= 1u << c;
	else if (ripple_strieq(w, "positive") || ripple_strieq(w, "negative"))
		set_valence(M, t, ripple_strieq(w, "positive") ? 1 : -1);
	else if (ripple_strieq(w, "intended") || ripple_strieq(w, "unintended"))
		set_intended(M, t, ripple_strieq(w, "intended"));
	else
		return -1;
	return 0;
}

static void unknown_capital(mm *M, size_t t, const char *w)
{
	bad(M, t, "unknown capital \"%s\" (expected natural, cultural, human, social, political, "
	    "financial or built; or positive, negative, intended, unintended)", w);
}

/* Replaces *slot by a copy of value, unless the topic gave it already. */
static void set_text(mm *M, size_t t, char **slot, const char *what, const char *value)
{
	if (*slot) {
		bad(M, t, "%s given twice", what);
		return;
	}
	if (!(*slot = strdup(value)))
		M->nomem = 1;
}

/*
 * A named code: a FreeMind attribute, or an XMind label "name: value".
 * Returns 0, or -1 when name is none of capital(s), valence, intended, date,
 * actors, id.
 */
static int code_named(mm *M, size_t t, const char *name, const char *value)
{
	char *copy, *parts[64];
	size_t n;

	if (ripple_strieq(name, "capital") || ripple_strieq(name, "capitals") ||
	    ripple_strieq(name, "community capital") || ripple_strieq(name, "community capitals")) {
		if (!(copy = strdup(value)))
			return M->nomem = 1, 0;
		n = ripple_split(copy, ";,", parts, 64);
		for (size_t i = 0; i < n && i < 64; i++) {
			int c = capital_of(parts[i]);
			if (c < 0)
				unknown_capital(M, t, parts[i]);
			else
				M->v[t].capitals |= 1u << c;
		}
		free(copy);
	} else if (ripple_strieq(name, "valence")) {
		if (ripple_strieq(value, "positive") || ripple_strieq(value, "negative"))
			set_valence(M, t, ripple_strieq(value, "positive") ? 1 : -1);
		else if (*value)
			bad(M, t, "unknown valence \"%s\" (expected positive or negative)", value);
	} else if (ripple_strieq(name, "intended")) {
		if (ripple_strieq(value, "yes") || ripple_strieq(value, "intended"))
			set_intended(M, t, 1);
		else if (ripple_strieq(value, "no") || ripple_strieq(value, "unintended"))
			set_intended(M, t, 0);
		else if (ripple_strieq(value, "unknown"))
			set_intended(M, t, -1);
		else if (*value)
			bad(M, t, "unknown intended \"%s\" (expected yes, no or unknown)", value);
	} else if (ripple_strieq(name, "date")) {
		if (!ripple_valid_date(value))
			bad(M, t, "date \"%s\" is not a date written yyyy-mm-dd", value);
		else
			set_text(M, t, &M->v[t].date, "date", value);
	} else if (ripple_strieq(name, "actors") || ripple_strieq(name, "actor")) {
		if (!(copy = strdup(value)))
			return M->nomem = 1, 0;
		n = ripple_split(copy, ";,", parts, 64);
		if (n > 64)
			bad(M, t, "%zu actors: at most 64 a ripple", n);
		for (size_t i = 0; i < n && i < 64; i++) {
			char *s = M->v[t].actors;
			if (ripple_has_control(parts[i])) {
				bad(M, t, "actor id holds a control character");
				continue;
			}
			M->v[t].actors = s ? ripple_strdupf("%s;%s", s, parts[i]) : strdup(parts[i]);
			free(s);
			if (!M->v[t].actors)
				M->nomem = 1;
		}
		free(copy);
	} else if (ripple_strieq(name, "id")) {
		if (!*value || ripple_has_control(value))
			bad(M, t, "id \"%s\" is empty or holds a control character", value);
		else
			set_text(M, t, &M->v[t].id, "id", value);
	} else {
		return -1;
	}
	return 0;
}

/* An XMind label: a code word, or "name: value". */
static void code_label(mm *M, size_t t, const char *label)
{
	char *copy = strdup(label), *w, *colon;

	if (!copy) {
		M->nomem = 1;
		return;
	}
	w = ripple_trim(copy);
	if (!*w) {
		free(copy);
		return;
	}
	if ((colon = strchr(w, ':'))) {
		*colon = '\0';
		if (code_named(M, t, ripple_trim(w), ripple_trim(colon + 1)) < 0)
			bad(M, t, "unknown label \"%s\" (a label is a capital, positive, negative, "
			    "intended, unintended, or date:, actors:, id:, capital:, valence:, intended:)",
			    label);
	} else if (code_word(M, t, w) < 0) {
		unknown_capital(M, t, w);
	}
	free(copy);
}

/*
 * Adds a topic under parent (RIPPLE_NONE: a first-order ripple) titled title;
 * a title ending in "[w, w; w]" is coded by those words, which are taken off
 * the label. Returns the topic's index, or RIPPLE_NONE when out of memory.
 */
static size_t add_topic(mm *M, size_t parent, const char *title, const char *tool_id, long line,
                        size_t sibling)
{
	topic *t;
	char *open, *end;
	size_t i;

	if (M->n == M->cap) {
		size_t ncap = M->cap ? M->cap * 2 : 64;
		topic *nv = realloc(M->v, ncap * sizeof(*nv));
		if (!nv)
			return M->nomem = 1, RIPPLE_NONE;
		M->v = nv;
		M->cap = ncap;
	}
	i = M->n++;
	t = &M->v[i];
	memset(t, 0, sizeof(*t));
	t->parent = parent;
	t->line = line;
	t->intended = -2;
	if (parent == RIPPLE_NONE)
		snprintf(t->path, sizeof(t->path), "%zu", sibling + 1);
	else if (M->v[parent].path[0] &&
	         (size_t)snprintf(t->path, sizeof(t->path), "%s.%zu", M->v[parent].path,
	                          sibling + 1) >= sizeof(t->path))
		t->path[0] = '\0';
	if (!(t->label = strdup(title ? title : "")) ||
	    (tool_id && *tool_id && !(t->tool_id = strdup(tool_id))))
		return M->nomem = 1, i;
	/* the text convention: "Joint bid [financial, social; unintended]" */
	end = t->label + strlen(t->label);
	while (end > t->label && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
	                          end[-1] == '\r'))
		end--;
	if (end > t->label && end[-1] == ']' && (open = strrchr(t->label, '[')) && open < end) {
		char *parts[64];
		size_t n;
		end[-1] = '\0';
		*open = '\0';
		memmove(t->label, ripple_trim(t->label), strlen(ripple_trim(t->label)) + 1);
		n = ripple_split(open + 1, ",;", parts, 64);
		for (size_t k = 0; k < n && k < 64; k++)
			if (code_word(M, i, parts[k]) < 0)
				unknown_capital(M, i, parts[k]);
	} else {
		memmove(t->label, ripple_trim(t->label), strlen(ripple_trim(t->label)) + 1);
	}
	if (!*t->label)
		bad(M, i, "a topic without a title");
	else if (ripple_has_control(t->label)) {
		/* a title on several lines: its lines joined by spaces */
		for (char *p = t->label; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
	}
	return i;
}

static int set_programme(mm *M, const char *title)
{
	char *s = strdup(title ? title : "");

	if (!s)
		return M->nomem = 1, -1;
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	free(M->programme);
	M->programme = s;
	return 0;
}

/* ---- XMind: content.json ------------------------------------------------------ */

static void json_topics(mm *M, json_t *children, size_t parent, int depth);

static void json_topic(mm *M, json_t *tp, size_t parent, size_t sibling, int depth)
{
	json_t *title = json_object_get(tp, "title"), *id = json_object_get(tp, "id");
	json_t *labels = json_object_get(tp, "labels"), *label, *notes;
	size_t t, k;

	if (!json_is_object(tp))
		return;
	t = add_topic(M, parent, json_is_string(title) ? json_string_value(title) : "",
	              json_is_string(id) ? json_string_value(id) : NULL, 0, sibling);
	if (t == RIPPLE_NONE || M->nomem)
		return;
	json_array_foreach(labels, k, label)
		if (json_is_string(label))
			code_label(M, t, json_string_value(label));
	/* {"notes": {"plain": {"content": "..."}, "realHTML": ...}}: the plain text */
	notes = json_object_get(json_object_get(json_object_get(tp, "notes"), "plain"), "content");
	if (json_is_string(notes) && json_string_length(notes))
		set_text(M, t, &M->v[t].notes, "notes", json_string_value(notes));
	if (depth >= MINDMAP_MAX_DEPTH) {
		bad(M, t, "branches deeper than %d topics", MINDMAP_MAX_DEPTH);
		return;
	}
	json_topics(M, json_object_get(tp, "children"), t, depth + 1);
}

/* The attached children (XMind's "children": {"attached": [...]}); detached ones are not ripples. */
static void json_topics(mm *M, json_t *children, size_t parent, int depth)
{
	json_t *attached = json_object_get(children, "attached"), *tp;
	size_t k;

	json_array_foreach(attached, k, tp)
		if (!M->nomem)
			json_topic(M, tp, parent, k, depth);
}

static void read_content_json(mm *M, const char *data, size_t len)
{
	json_error_t jerr;
	json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr), *sheet, *root;

	if (!doc) {
		bad(M, RIPPLE_NONE, "content.json:%d:%d: %s", jerr.line, jerr.column, jerr.text);
		return;
	}
	if (!json_is_array(doc) || json_array_size(doc) == 0) {
		bad(M, RIPPLE_NONE, "content.json is not XMind's list of sheets");
	} else if (json_array_size(doc) > 1) {
		bad(M, RIPPLE_NONE, "%zu sheets: ripple reads one ripple map a file (keep one sheet)",
		    json_array_size(doc));
	} else if (!json_is_object(root = json_object_get(sheet = json_array_get(doc, 0),
	                                                  "rootTopic"))) {
		bad(M, RIPPLE_NONE, "sheet 1 has no central topic (rootTopic)");
	} else {
		json_t *title = json_object_get(root, "title");
		set_programme(M, json_is_string(title) ? json_string_value(title) : "");
		json_topics(M, json_object_get(root, "children"), RIPPLE_NONE, 1);
	}
	json_decref(doc);
}

/* ---- XML: XMind 8's content.xml and FreeMind ------------------------------------ */

/* 1 when node is an element of that local name (any namespace). */
static int is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *first_el(xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* An attribute's value (malloc'd by libxml2: free with xmlFree), or NULL. */
static char *attr(xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/*
 * Parses XML from memory without reaching the network or loading external
 * entities. inner: the file inside the map it is (content.xml), or NULL for
 * the map file itself (FreeMind), whose line a problem then gets.
 */
static xmlDoc *parse_xml(mm *M, const char *data, size_t len, const char *inner)
{
	xmlDoc *doc;

	if (len > (size_t)0x7fffffff) {
		bad(M, RIPPLE_NONE, "%s is too large", inner ? inner : "the map");
		return NULL;
	}
	doc = xmlReadMemory(data, (int)len, inner ? inner : M->file, NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		char msg[300] = "not well-formed XML";
		if (e && e->message) {
			snprintf(msg, sizeof(msg), "%s", e->message);
			msg[strcspn(msg, "\n")] = '\0';
		}
		if (inner)
			bad(M, RIPPLE_NONE, "%s:%d: %s", inner, e ? e->line : 0, msg);
		else
			ripple_diags_add(M->d, RIPPLE_EINPUT, M->file, e ? e->line : 0, 0,
			                 "not well-formed XML: %s", msg);
	}
	xmlResetLastError();
	return doc;
}

static void xml_children(mm *M, xmlNode *tp, size_t parent, int depth);

static void xml_topic(mm *M, xmlNode *tp, size_t parent, size_t sibling, int depth)
{
	xmlNode *title = first_el(tp, "title"), *labels = first_el(tp, "labels");
	xmlChar *text = title ? xmlNodeGetContent(title) : NULL;
	char *id = attr(tp, "id");
	size_t t = add_topic(M, parent, text ? (const char *)text : "", id, 0, sibling);

	xmlFree(text);
	xmlFree(id);
	if (t == RIPPLE_NONE || M->nomem)
		return;
	for (xmlNode *l = labels ? labels->children : NULL; l; l = l->next)
		if (is_el(l, "label")) {
			xmlChar *s = xmlNodeGetContent(l);
			if (s)
				code_label(M, t, (const char *)s);
			xmlFree(s);
		}
	{   /* notes/plain: the note as plain text (notes/html is the same, formatted) */
		xmlNode *plain = first_el(first_el(tp, "notes"), "plain");
		xmlChar *s = plain ? xmlNodeGetContent(plain) : NULL;
		if (s && *s)
			set_text(M, t, &M->v[t].notes, "notes", (const char *)s);
		xmlFree(s);
	}
	if (depth >= MINDMAP_MAX_DEPTH) {
		bad(M, t, "branches deeper than %d topics", MINDMAP_MAX_DEPTH);
		return;
	}
	xml_children(M, tp, t, depth + 1);
}

/* Reads the attached topics of tp (children/topics[@type="attached"]/topic), in order,
 * as ripples under parent at depth; floating, summary and callout topics are left out. */
static void xml_children(mm *M, xmlNode *tp, size_t parent, int depth)
{
	xmlNode *children = first_el(tp, "children");
	size_t k = 0;

	for (xmlNode *ts = children ? children->children : NULL; ts; ts = ts->next) {
		xmlChar *type;
		if (!is_el(ts, "topics"))
			continue;
		type = xmlGetProp(ts, (const xmlChar *)"type");
		if (type && strcmp((const char *)type, "attached") == 0)
			for (xmlNode *c = ts->children; c && !M->nomem; c = c->next)
				if (is_el(c, "topic"))
					xml_topic(M, c, parent, k++, depth);
		xmlFree(type);
	}
}

static void read_content_xml(mm *M, const char *data, size_t len)
{
	xmlDoc *doc = parse_xml(M, data, len, "content.xml");
	xmlNode *root, *sheet, *top;
	size_t nsheets = 0;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	if (!is_el(root, "xmap-content")) {
		bad(M, RIPPLE_NONE, "content.xml is not an XMind map (no xmap-content)");
		goto done;
	}
	for (xmlNode *c = root->children; c; c = c->next)
		nsheets += is_el(c, "sheet");
	sheet = first_el(root, "sheet");
	if (nsheets != 1) {
		if (nsheets)
			bad(M, RIPPLE_NONE, "%zu sheets: ripple reads one ripple map a file (keep one "
			    "sheet)", nsheets);
		else
			bad(M, RIPPLE_NONE, "content.xml holds no sheet");
		goto done;
	}
	if (!(top = first_el(sheet, "topic"))) {
		bad(M, RIPPLE_NONE, "sheet 1 has no central topic");
		goto done;
	}
	{
		xmlChar *title = first_el(top, "title") ? xmlNodeGetContent(first_el(top, "title")) : NULL;
		set_programme(M, title ? (const char *)title : "");
		xmlFree(title);
	}
	xml_children(M, top, RIPPLE_NONE, 1);
done:
	xmlFreeDoc(doc);
}

/* ---- FreeMind / Freeplane ---------------------------------------------------------- */

/* A node's title: TEXT, else the text of its richcontent TYPE="NODE"; malloc'd by libxml2. */
static xmlChar *node_text(xmlNode *n)
{
	xmlChar *text = xmlGetProp(n, (const xmlChar *)"TEXT");

	if (text)
		return text;
	for (xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, "richcontent")) {
			xmlChar *type = xmlGetProp(c, (const xmlChar *)"TYPE");
			int node = type && strcmp((const char *)type, "NODE") == 0;
			xmlFree(type);
			if (node) {
				/* formatted text: its words, with runs of white space as one space */
				xmlChar *s = xmlNodeGetContent(c);
				char *w = (char *)s;
				int space = 1;
				for (char *p = (char *)s; p && *p; p++) {
					int blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
					if (blank && space)
						continue;
					*w++ = blank ? ' ' : *p;
					space = blank;
				}
				if (s) {
					if (w > (char *)s && w[-1] == ' ')
						w--;
					*w = '\0';
				}
				return s;
			}
		}
	return NULL;
}

/* The text of an HTML note being read: finished lines in out, the line being read in line. */
typedef struct html_text {
	FILE *out;
	char *line;
	size_t len, cap;
	int nomem;
} html_text;

static void html_put(html_text *h, char c)
{
	if (h->len + 2 > h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 128;
		char *p = realloc(h->line, cap);
		if (!p) {
			h->nomem = 1;
			return;
		}
		h->line = p;
		h->cap = cap;
	}
	h->line[h->len++] = c;
}

/* Ends the line being read (a trailing space dropped), empty or not. */
static void html_newline(html_text *h)
{
	if (h->len && h->line[h->len - 1] == ' ')
		h->len--;
	fwrite(h->line ? h->line : "", 1, h->len, h->out);
	fputc('\n', h->out);
	h->len = 0;
}

static int html_block(const xmlNode *n)
{
	static const char *const blocks[] = { "p", "div", "li", "h1", "h2", "h3", "h4", "h5",
	                                      "h6", "tr", "pre", "blockquote", NULL };
	for (const char *const *b = blocks; *b; b++)
		if (strcasecmp((const char *)n->name, *b) == 0)
			return 1;
	return 0;
}

/*
 * The text of HTML as a browser shows it, roughly: each block (p, div, li, ...)
 * a line of its own, <br> a line break, runs of white space one space, none at
 * the start or end of a line; head, style and script not read. depth bounds
 * the recursion (libxml2 bounds the document's depth too).
 */
static void html_walk(html_text *h, xmlNode *n, int depth)
{
	for (xmlNode *c = n ? n->children : NULL; c && depth < MINDMAP_MAX_DEPTH; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			for (const char *p = (const char *)c->content; p && *p; p++) {
				int blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
				if (!blank)
					html_put(h, *p);
				else if (h->len && h->line[h->len - 1] != ' ')
					html_put(h, ' ');
			}
		} else if (c->type != XML_ELEMENT_NODE) {
			continue;
		} else if (strcasecmp((const char *)c->name, "br") == 0) {
			html_newline(h);
		} else if (html_block(c)) {
			if (h->len)
				html_newline(h);
			html_walk(h, c, depth + 1);
			html_newline(h);
		} else if (strcasecmp((const char *)c->name, "head") != 0 &&
		           strcasecmp((const char *)c->name, "style") != 0 &&
		           strcasecmp((const char *)c->name, "script") != 0) {
			html_walk(h, c, depth + 1);
		}
	}
}

/*
 * The note of a FreeMind node (richcontent TYPE="NOTE"): the text of its HTML,
 * or, without an html element (a plain-text note), its text as it is; malloc'd.
 * NULL when it has none, or when out of memory (M->nomem set).
 */
static char *node_note(mm *M, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		xmlChar *type;
		int note;
		if (!is_el(c, "richcontent"))
			continue;
		type = xmlGetProp(c, (const xmlChar *)"TYPE");
		note = type && strcmp((const char *)type, "NOTE") == 0;
		xmlFree(type);
		if (!note)
			continue;
		if (first_el(c, "html")) {
			html_text h = { NULL, NULL, 0, 0, 0 };
			char *out = NULL;
			size_t len = 0;
			if (!(h.out = open_memstream(&out, &len))) {
				M->nomem = 1;
				return NULL;
			}
			html_walk(&h, c, 0);
			if (h.len)
				html_newline(&h);
			free(h.line);
			if (fclose(h.out) != 0 || h.nomem) {
				free(out);
				M->nomem = 1;
				return NULL;
			}
			return out;
		} else {
			xmlChar *s = xmlNodeGetContent(c);
			char *out = s ? strdup((const char *)s) : NULL;
			xmlFree(s);
			if (s && !out)
				M->nomem = 1;
			return out;
		}
	}
	return NULL;
}

static void mm_node(mm *M, xmlNode *n, size_t parent, size_t sibling, int depth)
{
	xmlChar *text = node_text(n);
	char *id = attr(n, "ID");
	size_t t = add_topic(M, parent, text ? (const char *)text : "", id,
	                     xmlGetLineNo(n) > 0 ? xmlGetLineNo(n) : 0, sibling), k = 0;

	xmlFree(text);
	xmlFree(id);
	if (t == RIPPLE_NONE || M->nomem)
		return;
	for (xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, "attribute")) {
			char *name = attr(c, "NAME"), *value = attr(c, "VALUE");
			if (name) {
				char *v = value ? value : (char *)"";
				/* other attributes are the map's own business: not read */
				code_named(M, t, ripple_trim(name), ripple_trim(v));
			}
			xmlFree(name);
			xmlFree(value);
		}
	M->v[t].notes = node_note(M, n);
	if (depth >= MINDMAP_MAX_DEPTH) {
		bad(M, t, "branches deeper than %d nodes", MINDMAP_MAX_DEPTH);
		return;
	}
	for (xmlNode *c = n->children; c && !M->nomem; c = c->next)
		if (is_el(c, "node"))
			mm_node(M, c, t, k++, depth + 1);
}

static void read_freemind(mm *M, const char *data, size_t len)
{
	xmlDoc *doc = parse_xml(M, data, len, NULL);
	xmlNode *root, *top;
	size_t k = 0;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	if (!is_el(root, "map") || !(top = first_el(root, "node"))) {
		bad(M, RIPPLE_NONE, "not a FreeMind map (no map/node)");
		goto done;
	}
	{
		xmlChar *title = node_text(top);
		set_programme(M, title ? (const char *)title : "");
		xmlFree(title);
	}
	for (xmlNode *c = top->children; c && !M->nomem; c = c->next)
		if (is_el(c, "node"))
			mm_node(M, c, RIPPLE_NONE, k++, 1);
done:
	xmlFreeDoc(doc);
}

/* ---- XMind's zip --------------------------------------------------------------------- */

/* Reads entry `name` of the zip into a malloc'd buffer. 1 read, 0 no such entry, -1 failed. */
static int zip_entry(mm *M, zip_t *z, const char *name, char **out, size_t *len)
{
	zip_stat_t st;
	zip_int64_t i = zip_name_locate(z, name, ZIP_FL_NOCASE);
	zip_file_t *f;
	zip_int64_t got;

	*out = NULL;
	*len = 0;
	if (i < 0)
		return 0;
	zip_stat_init(&st);
	if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		bad(M, RIPPLE_NONE, "cannot read %s in the XMind file: %s", name, zip_strerror(z));
		return -1;
	}
	if (st.size > MINDMAP_MAX_BYTES) {
		bad(M, RIPPLE_NONE, "%s is larger than %zu MB", name, MINDMAP_MAX_BYTES >> 20);
		return -1;
	}
	if (!(*out = malloc((size_t)st.size + 1)))
		return M->nomem = 1, -1;
	if (!(f = zip_fopen_index(z, (zip_uint64_t)i, 0))) {
		bad(M, RIPPLE_NONE, "cannot read %s in the XMind file: %s", name, zip_strerror(z));
		goto fail;
	}
	got = zip_fread(f, *out, st.size);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		bad(M, RIPPLE_NONE, "cannot read %s in the XMind file: %s", name,
		    zip_file_strerror(f));
		zip_fclose(f);
		goto fail;
	}
	zip_fclose(f);
	(*out)[st.size] = '\0';
	*len = (size_t)st.size;
	return 1;
fail:
	free(*out);
	*out = NULL;
	return -1;
}

static void read_xmind_zip(mm *M, const char *data, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	char *content = NULL;
	size_t clen = 0;
	int r;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(data, len, 0, &ze))) {
		zip_error_fini(&ze);
		M->nomem = 1;
		return;
	}
	if (!(z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
		bad(M, RIPPLE_NONE, "not an XMind file (an XMind file is a zip archive): %s",
		    zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return;
	}
	zip_error_fini(&ze);
	if ((r = zip_entry(M, z, "content.json", &content, &clen)) > 0)
		read_content_json(M, content, clen);
	else if (r == 0 && (r = zip_entry(M, z, "content.xml", &content, &clen)) > 0)
		read_content_xml(M, content, clen);
	else if (r == 0)
		bad(M, RIPPLE_NONE, "not an XMind file: it holds neither content.json nor content.xml");
	free(content);
	zip_discard(z);
}

/* ---- the tables of a place ---------------------------------------------------------- */

/* The map's file name without folders and extension: the place's default name; malloc'd. */
static char *name_of(const char *file)
{
	if (strcmp(file, "<stdin>") == 0)
		return strdup("stdin");
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	char *s = malloc(n + 1);

	if (s) {
		memcpy(s, base, n);
		s[n] = '\0';
	}
	return s;
}

/* The id of every topic: its id code, else the tool's id, else its position "1.2.3". */
static const char *topic_id(const topic *t)
{
	return t->id ? t->id : t->tool_id ? t->tool_id : t->path;
}

static int build_tables(mm *M, ripple_csv *tables[RIPPLE_TABLE_COUNT])
{
	static const char *const ripple_header[] = { "id", "parent", "label", "capital", "valence",
	                                             "intended", "date", "actors", "notes" };
	static const char *const actor_header[] = { "id" };
	static const char *const tie_header[] = { "source", "target", "wave" };
	static const char *const place_header[] = { "name", "programme", "directed" };
	ripple_csv_builder rb, ab, tb, pb;
	ripple_strmap ids = {0}, actors = {0};
	char *name = name_of(M->file);
	size_t nactors = 0;
	int rc = RIPPLE_OK;

	ripple_csv_builder_init(&rb, M->file, 0, ripple_header, 9);
	ripple_csv_builder_init(&ab, M->file, 0, actor_header, 1);
	ripple_csv_builder_init(&tb, M->file, 0, tie_header, 3);
	ripple_csv_builder_init(&pb, M->file, 0, place_header, 3);
	for (size_t i = 0; i < M->n && rc == RIPPLE_OK; i++) {
		const topic *t = &M->v[i];
		const char *id = topic_id(t);
		char caps[80] = "";
		size_t first, len = 0;

		if (!*id) {
			bad(M, i, "give the topic an id (an \"id: ...\" label or attribute): it is "
			    "nested too deep to be named by its position");
			continue;
		}
		if (ripple_strmap_put(&ids, id, i, &first) < 0) {
			rc = RIPPLE_ENOMEM;
			break;
		}
		if (first != i) {
			char other[600];
			topic_path(M, first, other, sizeof(other));
			bad(M, i, "ripple id \"%s\" is also the id of %s", id, other);
			continue;
		}
		for (int c = 0; c < RIPPLE_NCAPITALS; c++)
			if (t->capitals & (1u << c))
				len += (size_t)snprintf(caps + len, sizeof(caps) - len, "%s%s", len ? ";" : "",
				                        capital_words[c]);
		ripple_csv_builder_row(&rb, t->line);
		ripple_csv_builder_cell(&rb, id);
		ripple_csv_builder_cell(&rb, t->parent == RIPPLE_NONE ? "" : topic_id(&M->v[t->parent]));
		ripple_csv_builder_cell(&rb, t->label);
		ripple_csv_builder_cell(&rb, caps);
		ripple_csv_builder_cell(&rb, t->valence < 0 ? "negative" : "positive");
		ripple_csv_builder_cell(&rb, t->intended == 1 ? "yes" : t->intended == 0 ? "no" : "unknown");
		ripple_csv_builder_cell(&rb, t->date);
		ripple_csv_builder_cell(&rb, t->actors);
		/* a note keeps its tabs and line breaks; any other control character (which
		 * ripples.csv refuses, and other tools' readers too) becomes a space, as in
		 * titles */
		for (char *p = t->notes; p && *p; p++)
			if (((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
			    *p == 0x7f)
				*p = ' ';
		ripple_csv_builder_cell(&rb, t->notes);
		/* every actor a ripple names is an actor of the place, known by its id alone;
		 * the list is split in place (its cell is written), the map keeps the pieces */
		if (t->actors) {
			char *parts[64];
			size_t n = ripple_split(M->v[i].actors, ";", parts, 64);
			for (size_t k = 0; k < n && k < 64 && rc == RIPPLE_OK; k++) {
				if (ripple_strmap_put(&actors, parts[k], nactors, &first) < 0) {
					rc = RIPPLE_ENOMEM;
				} else if (first == nactors) {
					ripple_csv_builder_row(&ab, t->line);
					ripple_csv_builder_cell(&ab, parts[k]);
					nactors++;
				}
			}
		}
	}
	ripple_csv_builder_row(&pb, 0);
	ripple_csv_builder_cell(&pb, name ? name : "");
	ripple_csv_builder_cell(&pb, M->programme ? M->programme : "");
	ripple_csv_builder_cell(&pb, "no");
	if (!name)
		rc = RIPPLE_ENOMEM;
	if (ripple_csv_builder_finish(&tables[RIPPLE_TABLE_RIPPLES], &rb) < 0 ||
	    ripple_csv_builder_finish(&tables[RIPPLE_TABLE_ACTORS], &ab) < 0 ||
	    ripple_csv_builder_finish(&tables[RIPPLE_TABLE_TIES], &tb) < 0 ||
	    ripple_csv_builder_finish(&tables[RIPPLE_TABLE_PLACE], &pb) < 0)
		rc = RIPPLE_ENOMEM;
	ripple_csv_builder_release(&ab);
	ripple_csv_builder_release(&tb);
	ripple_csv_builder_release(&pb);
	ripple_strmap_release(&ids);
	ripple_strmap_release(&actors);
	free(name);
	return rc;
}

/* ---- entry points ------------------------------------------------------------------ */

int ripple_mindmap_from_memory(ripple_place **out, const char *file, enum ripple_mindmap kind,
                               const char *data, size_t len, const ripple_load_options *opts,
                               ripple_diags *diags)
{
	ripple_csv *tables[RIPPLE_TABLE_COUNT] = {0};
	size_t before = ripple_diags_total(diags);
	mm M = {0};
	int rc;

	*out = NULL;
	M.file = file;
	M.d = diags;
	M.sheets = kind != RIPPLE_MINDMAP_FREEMIND;
	switch (kind) {
	case RIPPLE_MINDMAP_XMIND:
		read_xmind_zip(&M, data, len);
		break;
	case RIPPLE_MINDMAP_XMIND_JSON:
		read_content_json(&M, data, len);
		break;
	case RIPPLE_MINDMAP_XMIND_XML:
		read_content_xml(&M, data, len);
		break;
	default:
		read_freemind(&M, data, len);
		break;
	}
	if (M.nomem || (ripple_diags_total(diags) == before && build_tables(&M, tables) < 0)) {
		rc = ripple_diags_add(diags, RIPPLE_ENOMEM, file, 0, 0, "out of memory");
	} else if (ripple_diags_total(diags) > before) {
		rc = RIPPLE_EINPUT;
	} else {
		rc = ripple_place_from_tables(out, file, tables, 0, RIPPLE_PLACE_NO_ACTORS_OK, opts,
		                              diags, before);
		memset(tables, 0, sizeof(tables));
	}
	ripple_tables_free(tables);
	for (size_t i = 0; i < M.n; i++) {
		free(M.v[i].label);
		free(M.v[i].tool_id);
		free(M.v[i].id);
		free(M.v[i].date);
		free(M.v[i].actors);
		free(M.v[i].notes);
	}
	free(M.v);
	free(M.programme);
	return rc;
}

int ripple_place_load_stream(ripple_place **out, FILE *in, const ripple_load_options *opts,
                             ripple_diags *diags)
{
	char *data = NULL, buf[65536];
	size_t len = 0, got;
	FILE *mem;
	int rc;

	*out = NULL;
	if (!opts || (opts->from != RIPPLE_FROM_XMIND && opts->from != RIPPLE_FROM_FREEMIND))
		return ripple_diags_add(diags, RIPPLE_EUSAGE, "<stdin>", 0, 0,
		                        "a place folder (or a Kumu or RippleFX export) is several files, "
		                        "which standard input cannot hold: give the folder; - reads "
		                        "one mind map (--from xmind or --from freemind)");
	if (!(mem = open_memstream(&data, &len)))
		return ripple_diags_add(diags, RIPPLE_ENOMEM, "<stdin>", 0, 0, "out of memory");
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0 && len + got <= MINDMAP_MAX_BYTES) {
		fwrite(buf, 1, got, mem);
		fflush(mem);
	}
	rc = fclose(mem);
	if (rc != 0 || ferror(in)) {
		free(data);
		return ripple_diags_add(diags, rc ? RIPPLE_ENOMEM : RIPPLE_ERUNTIME, "<stdin>", 0, 0, "%s",
		                        rc ? "out of memory" : "cannot read standard input");
	}
	if (got > 0) {
		free(data);
		return ripple_diags_add(diags, RIPPLE_EINPUT, "<stdin>", 0, 0,
		                        "larger than %zu MB", MINDMAP_MAX_BYTES >> 20);
	}
	rc = ripple_mindmap_from_memory(out, "<stdin>", opts->from == RIPPLE_FROM_FREEMIND
	                                                  ? RIPPLE_MINDMAP_FREEMIND : RIPPLE_MINDMAP_XMIND,
	                                data ? data : "", len, opts, diags);
	free(data);
	return rc;
}

int ripple_mindmap_load(ripple_place **out, const char *file, const ripple_load_options *opts,
                        ripple_diags *diags)
{
	ripple_error err;
	char *data = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (ripple_read_file(&data, &len, file, MINDMAP_MAX_BYTES, &err) < 0) {
		ripple_diags_add_error(diags, &err);
		return err.code;
	}
	rc = ripple_mindmap_from_memory(out, file, opts && opts->from == RIPPLE_FROM_FREEMIND
	                                               ? RIPPLE_MINDMAP_FREEMIND : RIPPLE_MINDMAP_XMIND,
	                                data, len, opts, diags);
	free(data);
	return rc;
}
