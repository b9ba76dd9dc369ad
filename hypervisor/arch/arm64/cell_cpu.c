// SPDX-License-Identifier: GPL-2.0
/*
 * CPUs changing hands between cells: parking at EL2, restarting into a
 * cell with a clean EL1, and the TLB maintenance that live stage-2
 * changes need.
 *
 * A parked CPU waits in wfe for arch_cpu_release(). It then takes the
 * stage 2 of whatever cell it belongs to by then (cpu->cell), so the same
 * path serves PSCI CPU_ON in the root cell, a cell's start and the return
 * of a cell's CPU to the root cell.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/percpu.h>
#include <arch/gicv3.h>
#include <arch/sysregs.h>
#include <arch/traps.h>

#define VTTBR_VMID_SHIFT	48
/* EL1 at reset: SCTLR_EL1 RES1 bits (MMU, caches off); EL1h, DAIF set. */
#define SCTLR_EL1_RESET		0x30d00800ULL
#define SPSR_EL1H_MASKED	0x3c5ULL

static u64 vttbr_of(const struct paging *pg)
{
	return (uintptr_t)pg->root | ((u64)pg->vmid << VTTBR_VMID_SHIFT);
}

/*
 * TLBI by VMID works on the VMID in VTTBR_EL2: borrow it for a moment.
 * Safe at EL2: this CPU's guest does not run meanwhile.
 */
void arch_stage2_flush(const struct paging *pg)
{
	u64 saved = read_sysreg(vttbr_el2);

	asm volatile("dsb ishst" : : : "memory");
	write_sysreg(vttbr_of(pg), vttbr_el2);
	asm volatile("isb\n\ttlbi vmalls12e1is\n\tdsb ish" : : : "memory");
	write_sysreg(saved, vttbr_el2);
	asm volatile("isb" : : : "memory");
}

void arch_hv_map_flush(const struct paging *pg)
{
	(void)pg;
	asm volatile("dsb ishst\n\ttlbi alle2is\n\tdsb ish\n\tisb"
		     : : : "memory");
}

/*
 * What a cell's CPU finds at its entry: EL1 registers that could carry
 * anything of the previous owner are zeroed or set to their reset value.
 */
static void reset_el1(void)
{
	write_sysreg(SCTLR_EL1_RESET, sctlr_el1);
	write_sysreg(0, cntv_ctl_el0);
	write_sysreg(0, cntp_ctl_el0);
	write_sysreg(0, vbar_el1);
	write_sysreg(0, ttbr0_el1);
	write_sysreg(0, ttbr1_el1);
	write_sysreg(0, tcr_el1);
	write_sysreg(0, mair_el1);
	write_sysreg(0, amair_el1);
	write_sysreg(0, contextidr_el1);
	write_sysreg(0, tpidr_el1);
	write_sysreg(0, tpidr_el0);
	write_sysreg(0, tpidrro_el0);
	write_sysreg(0, sp_el0);
	write_sysreg(0, sp_el1);
	write_sysreg(0, elr_el1);
	write_sysreg(0, spsr_el1);
	write_sysreg(0, esr_el1);
	write_sysreg(0, far_el1);
	write_sysreg(0, par_el1);
	write_sysreg(0, cpacr_el1);
	write_sysreg(0, mdscr_el1);
}

void arch_cpu_park(struct per_cpu *cpu, struct trap_frame *frame)
{
	struct cell *cell;
	unsigned int n;

	while (__atomic_load_n(&cpu->arch.psci_state, __ATOMIC_ACQUIRE) !=
	       PSCI_CPU_ON_PENDING)
		asm volatile("wfe" : : : "memory");

	cell = cpu->cell;
	gicv3_cpuif_reset(cpu);
	if (cell != &root_cell)
		gicv3_redistributor_reset(cpu);
	write_sysreg(vttbr_of(&cell->stage2), vttbr_el2);
	asm volatile("isb" : : : "memory");
	for (n = 0; n < ARRAY_SIZE(frame->x); n++)
		frame->x[n] = 0;
	frame->x[0] = cpu->arch.psci_context;
	reset_el1();
	write_sysreg(cpu->arch.psci_entry, elr_el2);
	write_sysreg(SPSR_EL1H_MASKED, spsr_el2);
	/* Nothing this CPU cached for the cell's VMID may survive. */
	asm volatile("isb\n\ttlbi vmalls12e1\n\tdsb nsh\n\tisb" : : : "memory");
	__atomic_store_n(&cpu->arch.psci_state, PSCI_CPU_ON, __ATOMIC_RELEASE);
}

void arch_cpu_release(struct per_cpu *target, u64 entry, u64 context)
{
	target->arch.psci_entry = entry;
	target->arch.psci_context = context;
	__atomic_store_n(&target->arch.psci_state, PSCI_CPU_ON_PENDING,
			 __ATOMIC_RELEASE);
	asm volatile("dsb ish\n\tsev" : : : "memory");
}

/*
 * The kick wakes a CPU of a cell being stopped out of WFI (the SGI is
 * taken at EL2 and dropped there): back in the cell, its next access
 * faults on the revoked stage 2 and it parks.
 */
void arch_cpu_kick(const struct per_cpu *target)
{
	asm volatile("dsb ish" : : : "memory");
	write_sysreg(gicv3_sgi_value(target->hw_id, GICV3_KICK_SGI),
		     icc_sgi1r_el1);
	asm volatile("isb" : : : "memory");
}

u64 arch_time_ms(void)
{
	u64 freq = read_sysreg(cntfrq_el0);

	asm volatile("isb" : : : "memory");
	return freq ? read_sysreg(cntpct_el0) / (freq / 1000) : 0;
}

u32 arch_timer_frequency(void)
{
	return (u32)read_sysreg(cntfrq_el0);
}

void arch_spin_pause(void)
{
	cpu_relax();
}
