/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bulkhead driver: declarations shared between the driver's files.
 * Included first by every driver file (it sets pr_fmt).
 */
#ifndef _BULKHEAD_DRIVER_H
#define _BULKHEAD_DRIVER_H

#define pr_fmt(fmt) "bulkhead: " fmt

#endif
