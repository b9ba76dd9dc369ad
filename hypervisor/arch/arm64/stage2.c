// SPDX-License-Identifier: GPL-2.0
/*
 * Putting the EL1 guest of this CPU under its cell's stage 2: VTCR_EL2
 * (40-bit IPA, 4 KiB granule, walks cached), VTTBR_EL2 (tables + VMID)
 * and HCR_EL2.VM. Traps: what stage 2 brings (aborts on addresses outside
 * the cell) and SMC (TSC), so PSCI cannot bypass the hypervisor.
 */
#include <bulkhead/hypercall.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <arch/gicv3.h>
#include <arch/paging_bits.h>
#include <arch/sysregs.h>

#define HCR_VM		(1ULL << 0)	/* stage 2 on */
/* Set/way invalidation by EL1 becomes clean+invalidate: no data lost. */
#define HCR_SWIO	(1ULL << 1)
#define HCR_TSC		(1ULL << 19)	/* SMC traps: PSCI is ours */
#define HCR_RW		(1ULL << 31)	/* EL1 is AArch64 */

#define VTTBR_VMID_SHIFT	48
#define PARANGE_MAX		5	/* 48 bits */

static u64 vtcr_value(void)
{
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	if (parange > PARANGE_MAX)
		parange = PARANGE_MAX;
	return VTCR_RES1 | (parange << VTCR_PS_SHIFT) | TCR_SH0_INNER |
	       TCR_ORGN0_WBWA | TCR_IRGN0_WBWA | VTCR_SL0_LEVEL1 |
	       TCR_T0SZ(CELL_IPA_BITS);
}

/* Forget every EL1&0 translation: cached ones predate (or outlive) VM. */
static void flush_guest_tlb(void)
{
	asm volatile("dsb ishst\n\ttlbi alle1\n\tdsb nsh\n\tisb" : : : "memory");
}

int arch_cpu_activate(struct per_cpu *cpu, struct cell *cell)
{
	u64 hcr = read_sysreg(hcr_el2);

	if ((read_sysreg(id_aa64mmfr0_el1) & 0xf) < PARANGE_40) {
		printk("Bulkhead: CPU %u: physical addresses below 40 bits, "
		       "unsupported\n", cpu->cpu_id);
		return -BULKHEAD_EINVAL;
	}
	if (!(hcr & HCR_RW)) {
		printk("Bulkhead: CPU %u: EL1 is not AArch64 (HCR_EL2 0x%lx)\n",
		       cpu->cpu_id, (unsigned long)hcr);
		return -BULKHEAD_EINVAL;
	}
	cpu->arch.stub_hcr = hcr;
	cpu->arch.psci_state = PSCI_CPU_ON;
	cpu->cell = cell;
	write_sysreg(vtcr_value(), vtcr_el2);
	write_sysreg((uintptr_t)cell->stage2.root |
		     ((u64)cell->vmid << VTTBR_VMID_SHIFT), vttbr_el2);
	asm volatile("isb" : : : "memory");
	write_sysreg(hcr | HCR_VM | HCR_SWIO | HCR_TSC, hcr_el2);
	asm volatile("isb" : : : "memory");
	flush_guest_tlb();
	gicv3_cpuif_enable(cpu);
	return 0;
}

void arch_cpu_deactivate(struct per_cpu *cpu)
{
	if (!cpu->cell)
		return;
	gicv3_cpuif_disable(cpu);
	write_sysreg(cpu->arch.stub_hcr, hcr_el2);
	asm volatile("isb" : : : "memory");
	write_sysreg(0, vttbr_el2);
	flush_guest_tlb();
	cpu->cell = NULL;
}
