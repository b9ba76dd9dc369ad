// SPDX-License-Identifier: GPL-2.0
/*
 * SGIs sent by a cell. With HCR_EL2.IMO/FMO set, EL1's writes to
 * ICC_SGI1R_EL1, ICC_ASGI1R_EL1 (IMO) and ICC_SGI0R_EL1 (FMO) trap here
 * (EC 0x18). A group-1 SGI is sent on, physically, to each target CPU
 * that runs the sender's cell, one CPU per write; it arrives there at EL2
 * and is injected (gicv3_cpuif.c). Targets outside the cell are dropped
 * and reported: a cell can only interrupt its own CPUs. Group-0 SGIs have
 * no use in a cell (its group 0 is disabled) and are dropped likewise.
 * The root cell goes on after a report; a non-root cell that tries is
 * stopped (state failed), as for any other access outside its config.
 */
#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <arch/gicv3.h>
#include <arch/sysregs.h>
#include <arch/traps.h>

/* ESR_EL2.ISS of EC 0x18: Op0 Op2 Op1 CRn Rt CRm Direction. */
#define ISS_SYSREG_MASK		0x3ffc1e	/* all but Rt and Direction */
#define ISS_SYSREG(op0, op1, crn, crm, op2)				\
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | \
	 ((crm) << 1))
#define ISS_SGI1R		ISS_SYSREG(3, 0, 12, 11, 5)
#define ISS_ASGI1R		ISS_SYSREG(3, 0, 12, 11, 6)
#define ISS_SGI0R		ISS_SYSREG(3, 0, 12, 11, 7)
#define ISS_RT(iss)		(((iss) >> 5) & 0x1f)
#define ISS_READ		1

#define SGI_TARGETS		0xffffULL
#define SGI_AFF1_SHIFT		16
#define SGI_INTID_SHIFT		24
#define SGI_AFF2_SHIFT		32
#define SGI_IRM			(1ULL << 40)
#define SGI_RS_SHIFT		44
#define SGI_AFF3_SHIFT		48

u64 gicv3_sgi_value(u64 mpidr, u32 intid)
{
	return ((u64)intid << SGI_INTID_SHIFT) |
	       (((mpidr >> 8) & 0xff) << SGI_AFF1_SHIFT) |
	       (((mpidr >> 16) & 0xff) << SGI_AFF2_SHIFT) |
	       (((mpidr >> 32) & 0xff) << SGI_AFF3_SHIFT) |
	       (((mpidr & 0xff) >> 4) << SGI_RS_SHIFT) |
	       (1ULL << (mpidr & 0xf));
}

static void send(u64 val, bool alias)
{
	if (alias)
		write_sysreg(val, icc_asgi1r_el1);
	else
		write_sysreg(val, icc_sgi1r_el1);
}

static bool is_target(const struct per_cpu *self, const struct per_cpu *t,
		      u64 val)
{
	u64 m = t->hw_id, aff0;

	if (val & SGI_IRM)
		return t != self;
	if (((m >> 8) & 0xff) != ((val >> SGI_AFF1_SHIFT) & 0xff) ||
	    ((m >> 16) & 0xff) != ((val >> SGI_AFF2_SHIFT) & 0xff) ||
	    ((m >> 32) & 0xff) != ((val >> SGI_AFF3_SHIFT) & 0xff))
		return false;
	aff0 = m & 0xff;
	return (aff0 >> 4) == ((val >> SGI_RS_SHIFT) & 0xf) &&
	       (val & (1ULL << (aff0 & 0xf)));
}

static void drop(struct per_cpu *cpu, struct trap_frame *frame, u64 val,
		 const char *why)
{
	bool root = cpu->cell == &root_cell;

	printk("Bulkhead: cell \"%s\" CPU %u: SGI write 0x%lx %s; %s\n",
	       cpu->cell->config->name, cpu->cpu_id, (unsigned long)val, why,
	       root ? "dropped" : "cell stopped, state failed");
	if (!root)
		cell_cpu_stop(cpu, frame, true);
}

void gicv3_sgi_trap(struct per_cpu *cpu, struct trap_frame *frame, u64 esr)
{
	u64 iss = esr & 0x1ffffff, reg = iss & ISS_SYSREG_MASK, val, intid;
	unsigned int rt = ISS_RT(iss), n, foreign = 0;

	write_sysreg(read_sysreg(elr_el2) + 4, elr_el2);
	cpu->exits[BULKHEAD_EXIT_SGI]++;
	if (iss & ISS_READ) {
		/* Write-only registers: a read is UNDEFINED; give zero. */
		if (rt < 31)
			frame->x[rt] = 0;
		return;
	}
	val = rt < 31 ? frame->x[rt] : 0;
	if (reg == ISS_SGI0R) {
		drop(cpu, frame, val, "to group 0");
		return;
	}
	if (reg != ISS_SGI1R && reg != ISS_ASGI1R) {
		drop(cpu, frame, val, "to an unknown register");
		return;
	}
	intid = (val >> SGI_INTID_SHIFT) & 0xf;
	if (intid == GICV3_KICK_SGI) {
		drop(cpu, frame, val, "is the hypervisor's SGI");
		return;
	}
	for (n = 0; n < HV_MAX_CPUS; n++) {
		const struct per_cpu *t = &per_cpu_area[n];

		if (!t->entered || !is_target(cpu, t, val))
			continue;
		/* CPUs in the hypervisor's cell list: those of the cell. */
		if (t->cell != cpu->cell) {
			if (!(val & SGI_IRM))
				foreign++;
			continue;
		}
		send(gicv3_sgi_value(t->hw_id, intid), reg == ISS_ASGI1R);
	}
	if (foreign)
		drop(cpu, frame, val, "targets CPUs of another cell");
}
