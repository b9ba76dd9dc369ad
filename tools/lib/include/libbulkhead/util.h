/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers shared by libbulkhead's parts. */
#ifndef LIBBULKHEAD_UTIL_H
#define LIBBULKHEAD_UTIL_H

#include <stddef.h>

/*
 * Read the first line of a (sysfs) file into buf without its newline.
 * Returns 0 or a negative errno; -EOVERFLOW if the line does not fit.
 */
int bh_read_line(const char *path, char *buf, size_t size);

/*
 * A whole file into a NUL-terminated malloc'd buffer of *size bytes (the
 * NUL not counted). At most max bytes: a larger file is -EFBIG. Returns 0
 * or a negative errno.
 */
int bh_read_file_max(const char *path, size_t max, char **data,
		     size_t *size);

/* The same without a bound; NULL with errno set on failure. */
char *bh_read_file(const char *path, size_t *len);

#endif
