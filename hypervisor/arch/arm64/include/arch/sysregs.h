/* SPDX-License-Identifier: GPL-2.0 */
/* System register access and the barriers that go with it. */
#ifndef _ARCH_SYSREGS_H
#define _ARCH_SYSREGS_H

#include <hv/types.h>

#define read_sysreg(reg) ({						\
	u64 __val;							\
	asm volatile("mrs %0, " #reg : "=r" (__val));			\
	__val;								\
})

#define write_sysreg(val, reg)						\
	asm volatile("msr " #reg ", %0" : : "r" ((u64)(val)))

/* Spin-wait body: lets QEMU (icount, TCG) switch to another vCPU. */
static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

#define MPIDR_AFFINITY_MASK	0xff00ffffffULL

#endif
