/* SPDX-License-Identifier: GPL-2.0 */
/* Called from vectors.S. */
#ifndef _ARCH_TRAPS_H
#define _ARCH_TRAPS_H

#include <hv/types.h>

/* vector: offset of the vector taken in the table. Does not return. */
void arch_unhandled_trap(u64 vector, u64 esr, u64 elr, u64 far)
	__attribute__((noreturn));

#endif
