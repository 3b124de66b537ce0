/*
 * xml.h - user text as XML 1.0 (not public API): the GraphML and GEXF
 * writers (export.c) and the SVG pictures (render.c) put labels through it.
 */
#ifndef RIPPLE_XML_H
#define RIPPLE_XML_H

#include <stdio.h>

/**
 * Writes text as XML 1.0 character data that is also safe inside an attribute
 * value in double or single quotes: & < > " ' as entities, and tab, line feed
 * and carriage return as character references (so attribute-value
 * normalisation does not turn them into spaces). What XML 1.0 cannot carry is
 * replaced: other control characters by a space, U+FFFE, U+FFFF and bytes
 * that are not UTF-8 by U+FFFD. No other change: the text reads back exactly.
 */
void ripple_xml_write(FILE *out, const char *text);

/**
 * A malloc'd copy of text with what XML 1.0 cannot carry replaced as by
 * ripple_xml_write, and nothing escaped (for writers that escape themselves,
 * like igraph's GraphML). NULL when out of memory.
 */
char *ripple_xml_clean(const char *text);

#endif
