/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor console, as the driver exposes it: reading /dev/bulkhead
 * yields the console ring's lines, each tagged "[hv] " or "[cell:NAME] ".
 */
#ifndef _LIBBULKHEAD_CONSOLE_H
#define _LIBBULKHEAD_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Open the console from its oldest retained byte. follow: reads block
 * until there is more; else a read returns -EAGAIN when all is read.
 * Returns an fd or -errno.
 */
int bh_console_open(bool follow);
/* Bytes read (> 0), -EAGAIN when nothing is new (not following), -errno. */
ssize_t bh_console_read(int fd, char *buf, size_t len);

#endif
