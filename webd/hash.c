// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include <gnutls/crypto.h>

#include "hash.h"

int sha256_hex(const void *data, size_t len, char *hex)
{
	unsigned char d[32];
	unsigned int i;

	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, data, len, d) < 0)
		return -1;
	for (i = 0; i < sizeof(d); i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
	return 0;
}
