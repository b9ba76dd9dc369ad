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

#endif
