// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual interrupts the hypervisor generates itself (an emulated
 * device's INTx, e.g. an ivshmem doorbell), delivered to one CPU of the
 * target cell as a virtual-only (HW=0) list register entry.
 *
 * List registers belong to the CPU that owns them, so a raise on another
 * CPU only marks the INTID pending for that CPU (a bitmap per CPU with a
 * summary word) and kicks it with the hypervisor's own SGI,
 * GICV3_KICK_SGI (enabled at enable, kept from every cell by the
 * redistributor emulation). The kicked CPU takes the SGI at EL2 like any
 * interrupt and, at the end of the IRQ exit, moves what is pending into
 * its list registers (virq_deliver).
 *
 * Target: the CPU the guest routed the INTID to in GICD_IROUTER (the
 * distributor emulation lets a cell route its own lines), if it runs the
 * cell; otherwise the first CPU that does.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/system_config.h>
#include <arch/gicv3.h>
#include <arch/mmio.h>
#include <arch/sysregs.h>

#define GICD_IROUTER		0x6000
#define GICD_IROUTER_IRM	(1ULL << 31)
#define INTID_SPI_END		1020
#define VIRQ_WORDS		(INTID_SPI_END / 32 + 1)
/* Linux's default SPI priority, below its PMR (0xf0): deliverable. */
#define VIRQ_PRIO		0xa0

static struct {
	u32 summary;			/* bit w: word w has bits */
	u32 word[VIRQ_WORDS];
} pending[HV_MAX_CPUS];

static int target_cpu(const struct cell *cell, u32 intid)
{
	u64 route = mmio_read(system_config->platform.arch.arm64.gicd_base +
			      GICD_IROUTER + (u64)intid * 8, 8);
	const struct per_cpu *pc;
	int first = -1;
	unsigned int n;

	for (n = 0; n < HV_MAX_CPUS; n++) {
		pc = &per_cpu_area[n];
		if (!pc->entered || pc->cell != cell ||
		    __atomic_load_n(&pc->arch.psci_state, __ATOMIC_ACQUIRE) !=
		    PSCI_CPU_ON)
			continue;
		if (first < 0)
			first = n;
		if (!(route & GICD_IROUTER_IRM) &&
		    gicv3_mpidr_to_aff(route) == gicv3_mpidr_to_aff(pc->hw_id))
			return n;
	}
	return first;
}

void virq_deliver(struct per_cpu *cpu)
{
	unsigned int n = cpu - per_cpu_area, w;
	u32 words, bits, left;

	if (!__atomic_load_n(&pending[n].summary, __ATOMIC_RELAXED))
		return;
	words = __atomic_exchange_n(&pending[n].summary, 0, __ATOMIC_ACQUIRE);
	while (words) {
		w = __builtin_ctz(words);
		words &= words - 1;
		bits = __atomic_exchange_n(&pending[n].word[w], 0,
					   __ATOMIC_ACQUIRE);
		left = 0;
		while (bits) {
			u32 b = __builtin_ctz(bits);

			bits &= bits - 1;
			if (!gicv3_inject_virtual(w * 32 + b, VIRQ_PRIO))
				left |= 1U << b;
		}
		if (left) {
			/* The maintenance interrupt brings us back. */
			__atomic_fetch_or(&pending[n].word[w], left,
					  __ATOMIC_RELAXED);
			__atomic_fetch_or(&pending[n].summary, 1U << w,
					  __ATOMIC_RELEASE);
		}
	}
}

void arch_virq_raise(struct cell *cell, u32 intid)
{
	struct per_cpu *self = (struct per_cpu *)read_sysreg(tpidr_el2);
	u32 bit = 1U << (intid % 32);
	int n;

	if (intid < 32 || intid >= INTID_SPI_END)
		return;
	n = target_cpu(cell, intid);
	if (n < 0)
		return;		/* no CPU runs the cell: nobody to tell */
	/*
	 * Still pending from an earlier raise: that raise's kick is on its
	 * way and delivers this one too (an edge is an event, not a count).
	 * A peer ringing in a loop thus costs the target one exit per
	 * interrupt it takes, not one per doorbell. Release: the target's
	 * acquiring exchange of the word then also sees what this raise
	 * announces.
	 */
	if (__atomic_fetch_or(&pending[n].word[intid / 32], bit,
			      __ATOMIC_RELEASE) & bit)
		return;
	__atomic_fetch_or(&pending[n].summary, 1U << (intid / 32),
			  __ATOMIC_RELEASE);
	if (&per_cpu_area[n] == self) {
		virq_deliver(self);
		return;
	}
	/* What the interrupt announces (shared memory) is visible first. */
	asm volatile("dsb ish" : : : "memory");
	write_sysreg(gicv3_sgi_value(per_cpu_area[n].hw_id, GICV3_KICK_SGI),
		     icc_sgi1r_el1);
	asm volatile("isb" : : : "memory");
}

void arch_virq_reset(u64 cpu_set)
{
	unsigned int n, w;

	for (n = 0; n < HV_MAX_CPUS; n++) {
		if (!(cpu_set & (1ULL << n)))
			continue;
		__atomic_store_n(&pending[n].summary, 0, __ATOMIC_RELAXED);
		for (w = 0; w < VIRQ_WORDS; w++)
			__atomic_store_n(&pending[n].word[w], 0,
					 __ATOMIC_RELAXED);
	}
}
