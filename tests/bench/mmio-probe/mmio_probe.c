// SPDX-License-Identifier: GPL-2.0
/*
 * mmio_probe: benchmark probe for tests/bench/mmio-cost.sh. Times N reads
 * of one device register with the virtual counter, which under QEMU
 * -icount shift=4,sleep=off advances by one tick per instruction, so a
 * delta is an instruction count of the loop. Registers read side by side:
 *
 *   gicd_typer      GICD_TYPER: a global distributor register, trapped
 *                   and emulated by the hypervisor while it is enabled
 *   gicd_isenabler1 GICD_ISENABLER1 (SPIs 32-63): trapped and filtered
 *                   per interrupt by the cell's interrupt set
 *   pl011_fr        the PL011's flag register: mapped in the root cell's
 *                   stage 2, never trapped (the same load, no exit)
 *
 * All three are plain reads without side effects. Reading the parameter
 * "run" does the measurement on the calling CPU with interrupts masked
 * and answers one line:
 *
 *   reads N gicd_typer A gicd_isenabler1 B pl011_fr C
 *
 * A, B and C are the smallest counter delta over "rounds" rounds of N
 * reads each, times 100 / N: instructions per read in hundredths (a
 * physical interrupt taken at EL2 during a round only makes that round
 * longer, and the smallest round has none). The addresses default to
 * QEMU's virt board; ioremap does not claim them, the GIC driver keeps
 * its own mapping.
 */
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>

#define GICD_TYPER	0x0004
#define GICD_ISENABLER1	0x0104
#define PL011_FR	0x0018

static unsigned long gicd_base = 0x08000000;
module_param(gicd_base, ulong, 0444);
MODULE_PARM_DESC(gicd_base, "physical address of the GIC distributor");
static unsigned long pl011_base = 0x09000000;
module_param(pl011_base, ulong, 0444);
MODULE_PARM_DESC(pl011_base, "physical address of a PL011 (untrapped)");
static unsigned int reads = 200;
module_param(reads, uint, 0644);
MODULE_PARM_DESC(reads, "register reads per round (1..100000)");
static unsigned int rounds = 32;
module_param(rounds, uint, 0644);
MODULE_PARM_DESC(rounds, "rounds; the smallest counts (1..1000)");

static void __iomem *gicd;
static void __iomem *pl011;

static inline u64 counter(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

/* Smallest counter delta of one round of n reads of reg. */
static u64 time_reads(void __iomem *reg, unsigned int n, unsigned int r)
{
	u64 best = U64_MAX, t0, t1;
	unsigned int i;

	while (r--) {
		t0 = counter();
		for (i = 0; i < n; i++)
			(void)readl_relaxed(reg);
		t1 = counter();
		best = min(best, t1 - t0);
	}
	return best;
}

static int run_get(char *buf, const struct kernel_param *kp)
{
	unsigned int n = reads, r = rounds;
	u64 typer, isen, fr;
	unsigned long flags;

	if (!n || n > 100000 || !r || r > 1000)
		return -EINVAL;
	local_irq_save(flags);
	typer = time_reads(gicd + GICD_TYPER, n, r);
	isen = time_reads(gicd + GICD_ISENABLER1, n, r);
	fr = time_reads(pl011 + PL011_FR, n, r);
	local_irq_restore(flags);
	return sysfs_emit(buf, "reads %u gicd_typer %llu gicd_isenabler1 %llu "
			  "pl011_fr %llu\n", n, div_u64(typer * 100, n),
			  div_u64(isen * 100, n), div_u64(fr * 100, n));
}

static const struct kernel_param_ops run_ops = {
	.get = run_get,
};
module_param_cb(run, &run_ops, NULL, 0444);
MODULE_PARM_DESC(run, "read: measure and report (see the source)");

static int __init mmio_probe_init(void)
{
	gicd = ioremap(gicd_base, 0x1000);
	pl011 = ioremap(pl011_base, 0x1000);
	if (!gicd || !pl011) {
		if (gicd)
			iounmap(gicd);
		if (pl011)
			iounmap(pl011);
		return -ENOMEM;
	}
	return 0;
}

static void __exit mmio_probe_exit(void)
{
	iounmap(gicd);
	iounmap(pl011);
}

module_init(mmio_probe_init);
module_exit(mmio_probe_exit);
MODULE_DESCRIPTION("Bulkhead benchmark probe: cost of trapped MMIO reads");
MODULE_LICENSE("GPL");
