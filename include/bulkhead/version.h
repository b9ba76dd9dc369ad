/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Bulkhead version, the one place it is written. The build system reads it
 * from here too.
 */
#ifndef _BULKHEAD_VERSION_H
#define _BULKHEAD_VERSION_H

#define BULKHEAD_VERSION_MAJOR	0
#define BULKHEAD_VERSION_MINOR	1
#define BULKHEAD_VERSION_PATCH	0
#define BULKHEAD_VERSION	"0.1.0"

#endif
