// SPDX-License-Identifier: GPL-2.0
/*
 * Synchronous traps from a cell's EL1/EL0 other than hypercalls: SMCs
 * (PSCI, psci.c) and stage-2 aborts. A stage-2 abort means the cell
 * touched a guest-physical
 * address its config does not give it. That is reported, and the root
 * cell gets an external abort injected, as real hardware would deliver
 * for a bus error: Linux kills the process that made the access (or
 * oopses the kernel path), and everything else carries on. A non-root
 * cell that does it is stopped and marked failed (control.c).
 */
#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/paging.h>
#include <hv/printk.h>
#include <arch/gicv3.h>
#include <arch/mmio_trap.h>
#include <arch/psci.h>
#include <arch/sysregs.h>
#include <arch/traps.h>

#define ESR_EC(esr)		((esr) >> 26)
#define ESR_IL			(1ULL << 25)
#define EC_SYSREG		0x18
#define EC_SMC32		0x13
#define EC_SMC64		0x17
#define EC_IABT_LOW		0x20
#define EC_IABT_CUR		0x21
#define EC_DABT_LOW		0x24
#define EC_DABT_CUR		0x25
#define ISS_WNR			(1ULL << 6)
#define FSC_SYNC_EXT_ABORT	0x10

#define SPSR_MODE_MASK		0x1f
#define SPSR_MODE_32BIT		0x10
#define SPSR_EL_MASK		0xc
#define SPSR_SP_ELX		0x1
#define SPSR_EL1H		0x5
#define SPSR_DAIF		(0xfULL << 6)

/* Offsets in VBAR_EL1's table, by where the exception comes from. */
#define VEC_CUR_SP0		0x000
#define VEC_CUR_SPX		0x200
#define VEC_LOW_A64		0x400
#define VEC_LOW_A32		0x600

static u64 vector_offset(u64 spsr)
{
	if (spsr & SPSR_MODE_32BIT)
		return VEC_LOW_A32;
	if (!(spsr & SPSR_EL_MASK))
		return VEC_LOW_A64;
	return (spsr & SPSR_SP_ELX) ? VEC_CUR_SPX : VEC_CUR_SP0;
}

/*
 * Take the guest into its EL1 exception vector as if the access had
 * ended in a synchronous external abort (what a bus error looks like).
 */
static void inject_external_abort(u64 esr, u64 far)
{
	u64 spsr = read_sysreg(spsr_el2);
	bool from_el0 = !(spsr & SPSR_EL_MASK) || (spsr & SPSR_MODE_32BIT);
	bool data = ESR_EC(esr) == EC_DABT_LOW;
	u64 ec, iss = FSC_SYNC_EXT_ABORT;

	if (data) {
		ec = from_el0 ? EC_DABT_LOW : EC_DABT_CUR;
		iss |= esr & ISS_WNR;
	} else {
		ec = from_el0 ? EC_IABT_LOW : EC_IABT_CUR;
	}
	write_sysreg((ec << 26) | (esr & ESR_IL) | iss, esr_el1);
	write_sysreg(far, far_el1);
	write_sysreg(read_sysreg(elr_el2), elr_el1);
	write_sysreg(spsr, spsr_el1);
	write_sysreg(read_sysreg(vbar_el1) + vector_offset(spsr), elr_el2);
	write_sysreg(SPSR_DAIF | SPSR_EL1H, spsr_el2);
}

/* HPFAR_EL2 holds IPA[47:12] in bits [39:4]; the page offset is FAR's. */
static u64 fault_ipa(u64 far)
{
	return ((read_sysreg(hpfar_el2) & 0xfffffffff0ULL) << 8) |
	       (far & 0xfff);
}

/*
 * Did the abort meet an entry that a root CPU is replacing right now
 * (break-before-make)? Then the access is allowed and is simply retried.
 */
static bool root_mapped_now(u64 ipa, u64 esr)
{
	bool data = ESR_EC(esr) == EC_DABT_LOW;
	unsigned long need, flags;
	bool mapped;

	need = !data ? PAGING_EXEC : (esr & ISS_WNR) ? PAGING_WRITE :
		PAGING_READ;
	spin_lock(&root_cell.stage2_lock);
	mapped = paging_lookup(&root_cell.stage2, ipa, NULL, &flags, NULL);
	spin_unlock(&root_cell.stage2_lock);
	return mapped && (flags & need) == need;
}

static void report_abort(struct per_cpu *cpu, u64 esr, u64 far,
			 const char *outcome)
{
	bool data = ESR_EC(esr) == EC_DABT_LOW;

	printk("Bulkhead: cell \"%s\" CPU %u: stage-2 %s abort at IPA 0x%lx "
	       "(%s), EC 0x%lx, ESR 0x%lx, VA 0x%lx, PC 0x%lx; %s\n",
	       cpu->cell->config->name, cpu->cpu_id,
	       data ? "data" : "instruction", (unsigned long)fault_ipa(far),
	       data ? ((esr & ISS_WNR) ? "write" : "read") : "fetch",
	       (unsigned long)ESR_EC(esr), (unsigned long)esr,
	       (unsigned long)far, (unsigned long)read_sysreg(elr_el2),
	       outcome);
}

static void stage2_abort(struct per_cpu *cpu, struct trap_frame *frame,
			 u64 esr)
{
	u64 far = read_sysreg(far_el2);

	if (cpu->cell != &root_cell) {
		/* A cell being stopped faults by design: no report. */
		if (__atomic_load_n(&cpu->cell->stopping, __ATOMIC_ACQUIRE)) {
			cell_cpu_stop(cpu, frame, false);
			return;
		}
		report_abort(cpu, esr, far, "cell stopped, state failed");
		cell_cpu_stop(cpu, frame, true);
		return;
	}
	if (root_mapped_now(fault_ipa(far), esr))
		return;
	report_abort(cpu, esr, far, "abort injected");
	inject_external_abort(esr, far);
}

/* Anything else a non-root cell does that traps stops that cell. */
static void cell_unhandled(struct per_cpu *cpu, struct trap_frame *frame,
			   u64 esr)
{
	printk("Bulkhead: cell \"%s\" CPU %u: unhandled trap, EC 0x%lx, "
	       "ESR 0x%lx, PC 0x%lx, FAR 0x%lx; cell stopped, state failed\n",
	       cpu->cell->config->name, cpu->cpu_id,
	       (unsigned long)ESR_EC(esr), (unsigned long)esr,
	       (unsigned long)read_sysreg(elr_el2),
	       (unsigned long)read_sysreg(far_el2));
	cell_cpu_stop(cpu, frame, true);
}

void arch_guest_trap(struct trap_frame *frame)
{
	struct per_cpu *cpu = (struct per_cpu *)read_sysreg(tpidr_el2);
	u64 esr = read_sysreg(esr_el2);

	switch (ESR_EC(esr)) {
	case EC_SMC32:
	case EC_SMC64:
		cpu->exits[BULKHEAD_EXIT_PSCI]++;
		psci_handle_smc(cpu, frame);
		return;
	case EC_SYSREG:
		/* Only the GIC's SGI registers trap (HCR_EL2.IMO/FMO). */
		gicv3_sgi_trap(cpu, frame, esr);
		return;
	case EC_DABT_LOW:
		if (mmio_trap(cpu, frame, esr,
			      fault_ipa(read_sysreg(far_el2))))
			return;
		/* fall through */
	case EC_IABT_LOW:
		cpu->exits[BULKHEAD_EXIT_STAGE2_ABORT]++;
		stage2_abort(cpu, frame, esr);
		return;
	default:
		if (cpu->cell != &root_cell) {
			cell_unhandled(cpu, frame, esr);
			return;
		}
		panic("unhandled trap from cell \"%s\" on CPU %u: EC 0x%lx, "
		      "ESR 0x%lx, PC 0x%lx, FAR 0x%lx\n",
		      cpu->cell->config->name, cpu->cpu_id,
		      (unsigned long)ESR_EC(esr), (unsigned long)esr,
		      (unsigned long)read_sysreg(elr_el2),
		      (unsigned long)read_sysreg(far_el2));
	}
}
