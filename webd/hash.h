/* SPDX-License-Identifier: GPL-2.0 */
/* SHA-256 (GnuTLS) as lowercase hex; used for token hashes and ETags. */
#ifndef WEBD_HASH_H
#define WEBD_HASH_H

#include <stddef.h>

#define SHA256_HEX_LEN	64

/* hex must hold SHA256_HEX_LEN + 1 bytes. Returns 0 or -1. */
int sha256_hex(const void *data, size_t len, char *hex);

#endif
