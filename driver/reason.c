// SPDX-License-Identifier: GPL-2.0
/*
 * Failure reasons: what the caller reads instead of a bare errno, and the
 * same line in the kernel log.
 */
#include "bulkhead.h"

#include <linux/printk.h>

int bh_fail(struct bh_reason *r, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
	va_end(ap);
	pr_err("%s\n", r->msg);
	return err;
}
