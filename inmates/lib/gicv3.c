// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * GICv3 for one CPU: distributor (bare metal only), this CPU's
 * redistributor, and the CPU interface through the ICC system registers.
 *
 * In a cell the distributor belongs to the root cell and the hypervisor
 * filters what a cell may write there; so its global setup is done only
 * bare. The redistributor and CPU interface are the cell's own.
 * All interrupts are Group 1 Non-secure (QEMU's virt runs the GIC with a
 * single security state when there is no EL3).
 */
#include <inmate.h>
#include <bulkhead/comm_region.h>

#define GICD_BASE_DEFAULT	0x08000000UL
#define GICR_BASE_DEFAULT	0x080a0000UL
#define GICR_STRIDE_DEFAULT	0x20000UL

#define GICD_CTLR		0x0000
#define  GICD_CTLR_ENABLE_G1	(1U << 1)
#define  GICD_CTLR_ARE		(1U << 4)
#define  GICD_CTLR_RWP		(1U << 31)
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_IPRIORITYR		0x0400
#define GICD_IROUTER		0x6000

#define GICR_TYPER		0x0008
#define  GICR_TYPER_LAST	(1ULL << 4)
#define GICR_WAKER		0x0014
#define  GICR_WAKER_SLEEP	(1U << 1)
#define  GICR_WAKER_ASLEEP	(1U << 2)
#define GICR_SGI_BASE		0x10000	/* SGI/PPI registers: second frame */
#define GICR_MAX_FRAMES		256

#define ICC_SRE_SRE		1
#define IRQ_PRIORITY		0xa0	/* one value for all: no preemption */

/* Bounded waits for the GIC: a stuck bit is reported, not spun on. */
#define GIC_WAIT_LOOPS		1000000

static unsigned long gicd_base, gicr_base;	/* gicr_base: this CPU's */

static int wait_clear(unsigned long reg, __u32 bits)
{
	unsigned long n;

	for (n = 0; n < GIC_WAIT_LOOPS; n++) {
		if (!(mmio_read32(reg) & bits))
			return 0;
		cpu_relax();
	}
	return -1;
}

static unsigned long find_redistributor(unsigned long base,
					unsigned long stride)
{
	__u32 aff = cpu_affinity();
	unsigned int n;
	__u64 typer;

	for (n = 0; n < GICR_MAX_FRAMES; n++, base += stride) {
		typer = mmio_read64(base + GICR_TYPER);
		if ((__u32)(typer >> 32) == aff)
			return base;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

static void init_distributor(void)
{
	mmio_write32(gicd_base + GICD_CTLR,
		     GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1);
	if (wait_clear(gicd_base + GICD_CTLR, GICD_CTLR_RWP))
		printk("gic: distributor write still pending\n");
}

void gic_init_cpu_interface(void)
{
	write_sysreg(read_sysreg(icc_sre_el1) | ICC_SRE_SRE, icc_sre_el1);
	isb();
	write_sysreg(0xff, icc_pmr_el1);	/* let every priority in */
	write_sysreg(0, icc_bpr1_el1);
	write_sysreg(0, icc_ctlr_el1);		/* EOI drops and deactivates */
	write_sysreg(1, icc_igrpen1_el1);
	isb();
}

int gic_init(void)
{
	struct bulkhead_comm_region *comm = comm_region();
	unsigned long rbase = GICR_BASE_DEFAULT, stride = GICR_STRIDE_DEFAULT;

	gicd_base = GICD_BASE_DEFAULT;
	if (comm && comm->gicd_base) {
		gicd_base = comm->gicd_base;
		rbase = comm->gicr_base;
		stride = comm->gicr_stride;
	}
	gicr_base = find_redistributor(rbase, stride);
	if (!gicr_base) {
		printk("gic: no redistributor for affinity 0x%x\n",
		       cpu_affinity());
		return -1;
	}
	if (!inmate_in_cell())
		init_distributor();

	mmio_write32(gicr_base + GICR_WAKER,
		     mmio_read32(gicr_base + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	if (wait_clear(gicr_base + GICR_WAKER, GICR_WAKER_ASLEEP)) {
		printk("gic: redistributor does not wake up\n");
		return -1;
	}
	gic_init_cpu_interface();
	return 0;
}

/* Bank of an interrupt's registers: the redistributor's for SGIs/PPIs. */
static unsigned long irq_bank(unsigned int irq)
{
	return irq < 32 ? gicr_base + GICR_SGI_BASE : gicd_base;
}

static void set_priority(unsigned long bank, unsigned int irq)
{
	/* Word accesses only: an emulating hypervisor need not do bytes. */
	unsigned long reg = bank + GICD_IPRIORITYR + (irq & ~3U);
	unsigned int shift = (irq & 3) * 8;
	__u32 val = mmio_read32(reg);

	val &= ~(0xffU << shift);
	mmio_write32(reg, val | (IRQ_PRIORITY << shift));
}

void gic_enable_irq(unsigned int irq)
{
	unsigned long bank = irq_bank(irq);
	unsigned long word = (irq / 32) * 4;
	__u32 bit = 1U << (irq % 32);

	mmio_write32(bank + GICD_IGROUPR + word,
		     mmio_read32(bank + GICD_IGROUPR + word) | bit);
	set_priority(bank, irq);
	if (irq >= 32)
		mmio_write64(gicd_base + GICD_IROUTER + irq * 8,
			     cpu_affinity_route());
	mmio_write32(bank + GICD_ISENABLER + word, bit);
}

void gic_disable_irq(unsigned int irq)
{
	mmio_write32(irq_bank(irq) + GICD_ICENABLER + (irq / 32) * 4,
		     1U << (irq % 32));
}

/*
 * ICC_SGI1R_EL1: target_list holds aff0 bits (CPUs 0-15) within the
 * cluster given by the aff3.aff2.aff1 of target_affinity.
 */
void gic_send_sgi(__u32 target_affinity, unsigned int target_list,
		  unsigned int sgi)
{
	__u64 val = (target_list & 0xffff) |
		    ((__u64)(sgi & 0xf) << 24) |
		    ((__u64)((target_affinity >> 8) & 0xff) << 16) |
		    ((__u64)((target_affinity >> 16) & 0xff) << 32) |
		    ((__u64)((target_affinity >> 24) & 0xff) << 48);

	dsb(ishst);
	write_sysreg(val, icc_sgi1r_el1);
	isb();
}
