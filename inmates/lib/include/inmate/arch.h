/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * arm64 primitives: system registers, MMIO, barriers, waiting.
 *
 * Inmates run with an identity map (mmu.c) in which only the image and
 * what is mapped cached (ivshmem memory) is Normal memory; devices, the
 * comm region and everything else are Device: MMIO helpers are plain
 * aligned volatile accesses, and nothing here may use exclusives or
 * unaligned accesses (-mstrict-align), as any of it may meet Device
 * memory.
 */
#ifndef _INMATE_ARCH_H
#define _INMATE_ARCH_H

#include <bulkhead/types.h>

#define read_sysreg(reg) ({						\
	__u64 __val;							\
	asm volatile("mrs %0, " #reg : "=r" (__val));			\
	__val;								\
})

#define write_sysreg(val, reg)						\
	asm volatile("msr " #reg ", %0" : : "r" ((__u64)(val)))

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define dmb(opt)	asm volatile("dmb " #opt : : : "memory")

/* Spin-wait body: lets QEMU (icount) switch vCPUs, hints SMT cores. */
static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

static inline void cpu_wait_for_interrupt(void)
{
	asm volatile("dsb sy; wfi" : : : "memory");
}

static inline void irq_unmask(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_mask(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

static inline void mmio_write8(unsigned long addr, __u8 val)
{
	*(volatile __u8 *)addr = val;
}

static inline void mmio_write32(unsigned long addr, __u32 val)
{
	*(volatile __u32 *)addr = val;
}

static inline void mmio_write64(unsigned long addr, __u64 val)
{
	*(volatile __u64 *)addr = val;
}

static inline __u32 mmio_read32(unsigned long addr)
{
	return *(volatile __u32 *)addr;
}

static inline __u64 mmio_read64(unsigned long addr)
{
	return *(volatile __u64 *)addr;
}

/* Affinity fields of MPIDR_EL1 packed as aff3.aff2.aff1.aff0 (32 bits). */
static inline __u32 cpu_affinity(void)
{
	__u64 mpidr = read_sysreg(mpidr_el1);

	return (mpidr & 0xffffff) | ((mpidr >> 8) & 0xff000000);
}

/* This CPU in the format of GICD_IROUTER (aff3 in bits 39:32). */
static inline __u64 cpu_affinity_route(void)
{
	return read_sysreg(mpidr_el1) & 0xff00ffffffULL;
}

#endif
