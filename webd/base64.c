// SPDX-License-Identifier: GPL-2.0
/*
 * Base64 with padding, no line breaks, no whitespace: browsers'
 * FileReader.readAsDataURL and Python's b64encode produce exactly this,
 * so anything else is a damaged upload worth reporting.
 */
#include <stdint.h>
#include <stdlib.h>

#include "base64.h"

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* 0-63 for an alphabet character, -1 otherwise. */
static int sextet(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static void *fail(void *buf, size_t pos, const char *msg, size_t *bad_pos,
		  const char **why)
{
	free(buf);
	*bad_pos = pos;
	*why = msg;
	return NULL;
}

/* Padding is only allowed as the last one or two characters. */
static int padding_ok(const char *s, size_t len, size_t i)
{
	return i >= len - 2 && (i == len - 1 || s[len - 1] == '=') &&
	       (i % 4) >= 2;
}

void *base64_decode(const char *s, size_t len, size_t *out_len,
		    size_t *bad_pos, const char **why)
{
	unsigned char *out = malloc(len / 4 * 3 + 1);
	uint32_t acc = 0;
	size_t i, n = 0, pad = 0;
	int v;

	if (!out)
		return fail(NULL, 0, "out of memory", bad_pos, why);
	if (len % 4)
		return fail(out, len, "length is not a multiple of 4 "
			    "(truncated?)", bad_pos, why);
	for (i = 0; i < len; i++) {
		if (s[i] == '=') {
			if (!padding_ok(s, len, i))
				return fail(out, i, "'=' padding before the "
					    "end", bad_pos, why);
			pad++;
			v = 0;
		} else if ((v = sextet(s[i])) < 0 || pad) {
			return fail(out, i, pad ? "data after '=' padding" :
				    "not a base64 character", bad_pos, why);
		}
		acc = acc << 6 | (uint32_t)v;
		if (i % 4 == 3) {
			out[n++] = (unsigned char)(acc >> 16);
			out[n++] = (unsigned char)(acc >> 8);
			out[n++] = (unsigned char)acc;
			acc = 0;
		}
	}
	*out_len = n - pad;
	return out;
}

char *base64_encode(const void *data, size_t len)
{
	const unsigned char *p = data;
	char *out = malloc((len + 2) / 3 * 4 + 1), *o = out;
	uint32_t acc;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < len; i += 3) {
		acc = (uint32_t)p[i] << 16;
		if (i + 1 < len)
			acc |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < len)
			acc |= p[i + 2];
		*o++ = alphabet[acc >> 18 & 63];
		*o++ = alphabet[acc >> 12 & 63];
		*o++ = i + 1 < len ? alphabet[acc >> 6 & 63] : '=';
		*o++ = i + 2 < len ? alphabet[acc & 63] : '=';
	}
	*o = '\0';
	return out;
}
