// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * Unexpected exceptions: one report with everything needed to find the
 * faulting instruction, the cell marked failed, the CPU halted. An inmate
 * never tries to recover: in a cell, whatever trapped belongs to the
 * hypervisor to judge, and bare metal there is nobody to recover for.
 */
#include <inmate.h>

void inmate_unexpected_exception(unsigned long index);

static const char *const vector_names[16] = {
	"sync (EL1, SP0)", "irq (EL1, SP0)", "fiq (EL1, SP0)",
	"serror (EL1, SP0)", "sync", "irq", "fiq", "serror",
	"sync (lower EL)", "irq (lower EL)", "fiq (lower EL)",
	"serror (lower EL)", "sync (AArch32)", "irq (AArch32)",
	"fiq (AArch32)", "serror (AArch32)",
};

void inmate_unexpected_exception(unsigned long index)
{
	__u64 esr = read_sysreg(esr_el1);

	printk("INMATE FATAL: unexpected %s exception: EC=0x%02lx ESR=0x%08lx "
	       "FAR=0x%016lx ELR=0x%016lx SPSR=0x%08lx\n",
	       vector_names[index & 15], (unsigned long)(esr >> 26) & 0x3f,
	       (unsigned long)esr, (unsigned long)read_sysreg(far_el1),
	       (unsigned long)read_sysreg(elr_el1),
	       (unsigned long)read_sysreg(spsr_el1));
	comm_report_failed();
}

void inmate_halt(void)
{
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		cpu_wait_for_interrupt();
}
