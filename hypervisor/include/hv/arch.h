/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the architecture-independent core asks of the architecture. Host unit
 * tests provide their own versions of these.
 */
#ifndef _HV_ARCH_H
#define _HV_ARCH_H

#include <hv/types.h>

/* Hardware identity of the running CPU (MPIDR_EL1 affinity on arm64). */
u64 arch_cpu_hw_id(void);
/* Exception level the hypervisor runs at, for the banner. */
unsigned int arch_current_el(void);
/* Start/stop using the debug console described by the config. */
int arch_console_init(u64 address, u16 type, u16 flags);
void arch_console_putc(char c);
/* Stop this CPU for good after a fatal error inside the hypervisor. */
void arch_halt(void) __attribute__((noreturn));
/* Physical start of the hypervisor image (where the header is). */
u64 arch_image_base(void);

#endif
