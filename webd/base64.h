/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Standard base64 (RFC 4648 section 4) for binary captures carried in JSON
 * (the device tree). The decoder is strict so that a damaged upload is
 * refused with the position of the first bad character, never half-read.
 */
#ifndef WEBD_BASE64_H
#define WEBD_BASE64_H

#include <stddef.h>

/*
 * Decode len characters of s. Returns a malloc'ed buffer (its size in
 * *out_len), or NULL with *bad_pos set to the offending character's index
 * (len when the text ends early) and *why to a static explanation.
 */
void *base64_decode(const char *s, size_t len, size_t *out_len,
		    size_t *bad_pos, const char **why);
/* Encode; a malloc'ed NUL-terminated string, NULL when out of memory. */
char *base64_encode(const void *data, size_t len);

#endif
