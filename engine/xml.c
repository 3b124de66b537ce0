/*
 * xml.c - user text as XML 1.0 (see xml.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml.h"

/*
 * The character at s: its length in bytes, and in *cp the code point, or
 * 0xFFFD when the bytes are not UTF-8 (then the length is 1: the next byte is
 * looked at afresh). Overlong forms, surrogates and values past U+10FFFF are
 * not UTF-8.
 */
static size_t utf8_next(const unsigned char *s, unsigned long *cp)
{
	unsigned long c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, c &= 0x07;
	else
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

/*
 * What XML 1.0 cannot carry, as ripple replaces it: a control character
 * other than tab, line feed and carriage return becomes a space (as in the
 * pictures), and U+FFFE, U+FFFF and bytes that are not UTF-8 become U+FFFD.
 * Returns the replacement, or NULL when the len bytes at s may stay.
 */
static const char *xml_replacement(const unsigned char *s, size_t *len)
{
	unsigned long cp;

	*len = utf8_next(s, &cp);
	if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
		return " ";
	if (cp == 0xFFFE || cp == 0xFFFF || (cp == 0xFFFD && *len == 1))
		return "\xEF\xBF\xBD";
	return NULL;
}

void ripple_xml_write(FILE *out, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	while (*s) {
		size_t len;
		const char *rep = xml_replacement(s, &len);
		if (rep) {
			fputs(rep, out);
		} else {
			switch (*s) {
			case '&': fputs("&amp;", out); break;
			case '<': fputs("&lt;", out); break;
			case '>': fputs("&gt;", out); break;
			case '"': fputs("&quot;", out); break;
			case '\'': fputs("&apos;", out); break;
			case '\t': fputs("&#9;", out); break;
			case '\n': fputs("&#10;", out); break;
			case '\r': fputs("&#13;", out); break;
			default: fwrite(s, 1, len, out);
			}
		}
		s += len;
	}
}

char *ripple_xml_clean(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	/* a replacement is at most 3 bytes, for at least 1 byte of input */
	char *out = malloc(3 * strlen(text) + 1), *p = out;

	if (!out)
		return NULL;
	while (*s) {
		size_t len;
		const char *rep = xml_replacement(s, &len);
		if (rep) {
			size_t rl = strlen(rep);
			memcpy(p, rep, rl);
			p += rl;
		} else {
			memcpy(p, s, len);
			p += len;
		}
		s += len;
	}
	*p = '\0';
	return out;
}
