/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor messages on the debug console. */
#ifndef _HV_PRINTK_H
#define _HV_PRINTK_H

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report a fatal inconsistency inside the hypervisor and stop this CPU. */
void panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#endif
