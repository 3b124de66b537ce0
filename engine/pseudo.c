/*
 * pseudo.c - actors replaced by keyed codes (ripple/pseudo.h, docs/PRIVACY.md).
 *
 * SHA-256 follows FIPS 180-4 and HMAC RFC 2104 / FIPS 198-1, written here so
 * that the library gains no dependency (and its licence none) for 150 lines;
 * tests/unit/test_pseudo.c checks them against FIPS 180-4's examples and
 * RFC 4231's HMAC-SHA256 test vectors, and against Python's hmac module.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ripple/pseudo.h"

/* ---- SHA-256 (FIPS 180-4) -------------------------------------------------- */

typedef struct sha256 {
	uint32_t h[8];             /* the hash value so far */
	unsigned char block[64];   /* bytes of the block not yet compressed */
	size_t used;               /* bytes in block */
	uint64_t bytes;            /* message length so far */
} sha256;

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_init(sha256 *s)
{
	static const uint32_t H0[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memcpy(s->h, H0, sizeof(H0));
	s->used = 0;
	s->bytes = 0;
}

/* One 64-byte block into the hash value (FIPS 180-4, 6.2.2). */
static void sha256_compress(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6],
	         k = h[7];

	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | (uint32_t)p[4 * t + 3];
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = ROTR(w[t - 15], 7) ^ ROTR(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = ROTR(w[t - 2], 17) ^ ROTR(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
	for (int t = 0; t < 64; t++) {
		uint32_t t1 = k + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) +
		              K[t] + w[t];
		uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha256_update(sha256 *s, const void *data, size_t len)
{
	const unsigned char *p = data;

	s->bytes += len;
	while (len) {
		size_t take = 64 - s->used < len ? 64 - s->used : len;
		memcpy(s->block + s->used, p, take);
		s->used += take;
		p += take;
		len -= take;
		if (s->used == 64) {
			sha256_compress(s->h, s->block);
			s->used = 0;
		}
	}
}

/* Pads (a 1 bit, zeros, the length in bits, big-endian) and writes the digest. */
static void sha256_final(sha256 *s, unsigned char out[32])
{
	uint64_t bits = s->bytes * 8;
	unsigned char pad[72] = { 0x80 };
	size_t n = (s->used < 56 ? 56 : 120) - s->used;

	for (int i = 0; i < 8; i++)
		pad[n + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_update(s, pad, n + 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

/* ---- HMAC (RFC 2104) -------------------------------------------------------- */

void ripple_hmac_sha256(unsigned char out[32], const void *key, size_t keylen, const void *msg,
                        size_t len)
{
	unsigned char k[64] = { 0 }, pad[64], inner[32];
	sha256 s;

	if (keylen > 64) {
		sha256_init(&s);
		sha256_update(&s, key, keylen);
		sha256_final(&s, k);
	} else if (keylen) {
		memcpy(k, key, keylen);
	}
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_init(&s);
	sha256_update(&s, pad, 64);
	sha256_update(&s, msg, len);
	sha256_final(&s, inner);
	for (int i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_init(&s);
	sha256_update(&s, pad, 64);
	sha256_update(&s, inner, 32);
	sha256_final(&s, out);
}

void ripple_pseudo_code(char out[RIPPLE_PSEUDO_CODE_SIZE], const void *secret, size_t secretlen,
                        const char *id, enum ripple_kind kind)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[32];

	ripple_hmac_sha256(mac, secret, secretlen, id, strlen(id));
	out[0] = kind == RIPPLE_PERSON ? 'P' : kind == RIPPLE_TEAM ? 'T' : 'O';
	out[1] = '-';
	for (int i = 0; i < RIPPLE_PSEUDO_DIGITS; i++)
		out[2 + i] = hex[(mac[i / 2] >> (i % 2 ? 0 : 4)) & 0xf];
	out[2 + RIPPLE_PSEUDO_DIGITS] = '\0';
}

/* ---- the model --------------------------------------------------------------- */

/* A name to find in ripple labels and the code it becomes. */
typedef struct mention {
	const char *text;
	size_t len;
	const char *code;
} mention;

/* Longest first, so that "Ann Lee" is replaced before "Ann"; then bytewise, for a fixed order. */
static int by_length(const void *a, const void *b)
{
	const mention *x = a, *y = b;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return strcmp(x->text, y->text);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A byte that continues a word: a letter, a digit, '-', '_' or any byte of a UTF-8 sequence. */
static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c >= 0x80;
}

/*
 * label with every whole-word mention replaced by its code, in m's arena; label
 * itself when it mentions none. NULL when out of memory.
 */
static const char *replace_mentions(ripple_model *m, const char *label, const mention *ms, size_t n)
{
	size_t len = strlen(label), cap = len + 1, out = 0;
	char *buf = NULL, *copy;
	int changed = 0;

	for (size_t i = 0; i < len;) {
		const mention *hit = NULL;
		if (i == 0 || !word_byte((unsigned char)label[i - 1]))
			for (size_t k = 0; k < n && !hit; k++)
				if (ms[k].len <= len - i && memcmp(label + i, ms[k].text, ms[k].len) == 0 &&
				    !word_byte((unsigned char)label[i + ms[k].len]))
					hit = &ms[k];
		const char *piece = hit ? hit->code : label + i;
		size_t plen = hit ? strlen(hit->code) : 1;
		if (!buf || out + plen + 1 > cap) {
			char *grown;
			cap = 2 * cap + plen;
			if (!(grown = realloc(buf, cap))) {
				free(buf);
				return NULL;
			}
			buf = grown;
		}
		memcpy(buf + out, piece, plen);
		out += plen;
		i += hit ? hit->len : 1;
		changed |= hit != NULL;
	}
	if (!changed) {
		free(buf);
		return label;
	}
	buf[out] = '\0';
	if ((copy = ripple_model_alloc(m, out + 1)))
		memcpy(copy, buf, out + 1);
	free(buf);
	return copy;
}

int ripple_model_pseudonymise(ripple_model *m, const void *secret, size_t secretlen,
                              enum ripple_pseudo_scope scope, ripple_error *err)
{
	mention *ms = NULL;
	const char **codes = NULL;
	size_t n = 0, nm = 0;
	int rc = 0;

	if (scope == RIPPLE_PSEUDO_NONE)
		return 0;
	if (secretlen < RIPPLE_PSEUDO_MIN_SECRET)
		return ripple_error_set(err, RIPPLE_EUSAGE, "", 0, 0,
		                        "a secret of %zu bytes is too short to key the codes: give at "
		                        "least %d", secretlen, RIPPLE_PSEUDO_MIN_SECRET);
	if (!(ms = calloc(2 * m->nactors + 1, sizeof(*ms))) ||
	    !(codes = calloc(m->nactors + 1, sizeof(*codes)))) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	for (size_t a = 0; a < m->nactors; a++) {
		ripple_actor *act = &m->actors[a];
		char code[RIPPLE_PSEUDO_CODE_SIZE], *copy;
		if (scope == RIPPLE_PSEUDO_PEOPLE && act->kind != RIPPLE_PERSON)
			continue;
		ripple_pseudo_code(code, secret, secretlen, act->id, act->kind);
		if (!(copy = ripple_model_alloc(m, sizeof(code)))) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		memcpy(copy, code, sizeof(code));
		if (*act->label)
			ms[nm++] = (mention){ act->label, strlen(act->label), copy };
		if (*act->id && strcmp(act->id, act->label) != 0)
			ms[nm++] = (mention){ act->id, strlen(act->id), copy };
		act->id = act->label = copy;
		codes[n++] = copy;
		if (m->actor_attrs)
			m->actor_attrs[a] = (ripple_attrs){ NULL, 0 };
	}
	qsort(codes, n, sizeof(*codes), by_text);
	for (size_t i = 1; i < n; i++)
		if (strcmp(codes[i - 1], codes[i]) == 0) {
			rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
			                      "two actors of place \"%s\" have the code %s under this "
			                      "secret: use another secret", m->name, codes[i]);
			goto done;
		}
	/* notes are free text that may name anyone, in any form: not shared */
	for (size_t r = 0; r < m->nripples; r++)
		m->ripples[r].notes = "";
	qsort(ms, nm, sizeof(*ms), by_length);
	for (size_t r = 0; r < m->nripples && nm; r++) {
		const char *label = replace_mentions(m, m->ripples[r].label, ms, nm);
		if (!label) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
			goto done;
		}
		m->ripples[r].label = label;
	}
done:
	free(ms);
	free(codes);
	return rc;
}
