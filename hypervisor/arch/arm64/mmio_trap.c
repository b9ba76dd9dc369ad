// SPDX-License-Identifier: GPL-2.0
/*
 * Stage-2 data aborts that are emulated MMIO: the syndrome describes the
 * access (ESR_EL2.ISV: a single load or store of one register), so the
 * hypervisor can perform or refuse it and step over the instruction.
 * Accesses without a valid syndrome (pair loads, writeback forms) cannot
 * be emulated and stay aborts.
 */
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <arch/mmio_trap.h>
#include <arch/sysregs.h>

#define ISS_ISV		(1ULL << 24)
#define ISS_SAS(esr)	(((esr) >> 22) & 3)
#define ISS_SSE		(1ULL << 21)
#define ISS_SRT(esr)	(((esr) >> 16) & 0x1f)
#define ISS_SF		(1ULL << 15)
#define ISS_WNR		(1ULL << 6)
#define REG_XZR		31

static u64 sign_extend(u64 v, u32 size)
{
	u32 shift = 64 - size * 8;

	return (u64)((s64)(v << shift) >> shift);
}

bool mmio_trap(struct per_cpu *cpu, struct trap_frame *frame, u64 esr,
	       u64 ipa)
{
	struct mmio_access a;
	u32 srt = ISS_SRT(esr);

	if (!(esr & ISS_ISV))
		return false;
	a.address = ipa;
	a.size = 1U << ISS_SAS(esr);
	a.write = esr & ISS_WNR;
	a.value = 0;
	a.denied = false;
	if (a.write && srt != REG_XZR) {
		a.value = frame->x[srt];
		if (a.size < 8)
			a.value &= (1ULL << (a.size * 8)) - 1;
	}
	if (!mmio_dispatch(cpu, &a))
		return false;
	if (!a.write && srt != REG_XZR) {
		if (esr & ISS_SSE)
			a.value = sign_extend(a.value, a.size);
		if (!(esr & ISS_SF))
			a.value &= 0xffffffffULL;
		frame->x[srt] = a.value;
	}
	/* ISV implies a 32-bit instruction (IL set): step over it. */
	write_sysreg(read_sysreg(elr_el2) + 4, elr_el2);
	return true;
}
