// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts through EL2 on the GICv3 CPU interface. With HCR_EL2.IMO/FMO
 * set, every physical IRQ is taken here: it is acknowledged at EL2, its
 * priority dropped (ICC_CTLR_EL1.EOImode=1 keeps it active), and it is
 * handed to the cell running this CPU through a list register. PPIs and
 * SPIs go in with HW=1 and pINTID = vINTID, so the guest's own
 * deactivation (ICV_DIR or ICV_EOIR) deactivates the physical interrupt
 * and no further exit is needed. SGIs and LPIs cannot be linked that way
 * (an LPI has no active state, pINTID has 13 bits, and an SGI's source is
 * not part of the link): they are deactivated here at once and injected
 * as virtual-only (HW=0).
 *
 * The guest's ICC_* accesses reach the virtual CPU interface once IMO is
 * set; its PMR, BPRs, EOImode and group enables then live in
 * ICH_VMCR_EL2, which is loaded from the physical registers at enable
 * and written back to them at disable, so Linux finds at EL1 what it set
 * up under the hypervisor.
 *
 * When all list registers are busy, interrupts wait in a small queue per
 * CPU; ICH_HCR_EL2.UIE raises the maintenance interrupt (PPI 25, owned by
 * the hypervisor) when at most one list register is left in use, and the
 * queue refills them. The queue is also drained on every IRQ exit.
 */
#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/system_config.h>
#include <arch/gicv3.h>
#include <arch/mmio.h>
#include <arch/sysregs.h>
#include <arch/traps.h>

#define ICC_CTLR_CBPR		(1ULL << 0)
#define ICC_CTLR_EOIMODE	(1ULL << 1)

#define ICH_HCR_EN		(1ULL << 0)
#define ICH_HCR_UIE		(1ULL << 1)

#define ICH_VMCR_ENG0		(1ULL << 0)
#define ICH_VMCR_ENG1		(1ULL << 1)
#define ICH_VMCR_CBPR		(1ULL << 4)
#define ICH_VMCR_EOIM		(1ULL << 9)
#define ICH_VMCR_BPR1_SHIFT	18
#define ICH_VMCR_BPR0_SHIFT	21
#define ICH_VMCR_PMR_SHIFT	24

#define ICH_LR_VINTID		0xffffffffULL
#define ICH_LR_PINTID_SHIFT	32
#define ICH_LR_PRIO_SHIFT	48
#define ICH_LR_GROUP1		(1ULL << 60)
#define ICH_LR_HW		(1ULL << 61)
#define ICH_LR_PENDING		(1ULL << 62)
#define ICH_LR_ACTIVE		(1ULL << 63)
#define ICH_LR_STATE		(3ULL << 62)

#define INTID_SPURIOUS		1020
#define INTID_LPI		8192

#define GICR_SGI_BASE		0x10000
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180

#define HCR_FMO			(1ULL << 3)
#define HCR_IMO			(1ULL << 4)

/* List registers are named, not indexed: one accessor pair for all 16. */
#define LR_CASE(n)							\
	case n:								\
		if (write)						\
			write_sysreg(val, ich_lr##n##_el2);		\
		else							\
			val = read_sysreg(ich_lr##n##_el2);		\
		break

static u64 lr_access(unsigned int n, bool write, u64 val)
{
	switch (n) {
	LR_CASE(0); LR_CASE(1); LR_CASE(2); LR_CASE(3);
	LR_CASE(4); LR_CASE(5); LR_CASE(6); LR_CASE(7);
	LR_CASE(8); LR_CASE(9); LR_CASE(10); LR_CASE(11);
	LR_CASE(12); LR_CASE(13); LR_CASE(14); LR_CASE(15);
	}
	return val;
}

static inline u64 lr_read(unsigned int n)
{
	return lr_access(n, false, 0);
}

static inline void lr_write(unsigned int n, u64 val)
{
	lr_access(n, true, val);
}

static unsigned int num_lrs(void)
{
	return (read_sysreg(ich_vtr_el2) & 0x1f) + 1;
}

/* Linux enables all SGIs, but a kick must not depend on it. */
static void kick_enable(const struct per_cpu *cpu)
{
	u64 frame = gicv3_redistributor(cpu->hw_id);

	if (frame)
		mmio_write32(frame + GICR_SGI_BASE + GICR_ISENABLER0,
			     1U << GICV3_KICK_SGI);
}

static void set_maintenance_enabled(const struct per_cpu *cpu, bool on)
{
	u64 frame = gicv3_redistributor(cpu->hw_id);

	if (frame)
		mmio_write32(frame + GICR_SGI_BASE +
			     (on ? GICR_ISENABLER0 : GICR_ICENABLER0),
			     1U << GICV3_MAINTENANCE_INTID);
}

static u64 lr_value(u32 intid, u8 prio)
{
	u64 lr = ICH_LR_PENDING | ICH_LR_GROUP1 |
		 ((u64)prio << ICH_LR_PRIO_SHIFT) | intid;

	if (intid >= 16 && intid < INTID_SPURIOUS)
		lr |= ICH_LR_HW | ((u64)intid << ICH_LR_PINTID_SHIFT);
	return lr;
}

/*
 * Into a list register: the same vINTID in two of them is UNPREDICTABLE,
 * so a virtual-only interrupt (SGI, LPI, or one the hypervisor raises
 * itself) already there only gains the pending state (edge semantics, as
 * the GIC itself would merge them). A linked (HW) interrupt
 * needs no such search: it stays active physically while a list register
 * holds it, so it cannot arrive twice. ICH_ELRSR_EL2 has no bits for
 * unimplemented list registers. False: all are busy.
 */
static bool put_lr(u32 intid, u64 val)
{
	u64 empty = read_sysreg(ich_elrsr_el2);
	u64 busy, lr;
	unsigned int n;

	if (!(val & ICH_LR_HW)) {
		busy = ~empty & ((1ULL << num_lrs()) - 1);
		for (; busy; busy &= busy - 1) {
			n = __builtin_ctzll(busy);
			lr = lr_read(n);
			if ((lr & ICH_LR_VINTID) == intid) {
				lr_write(n, lr | ICH_LR_PENDING);
				return true;
			}
		}
	}
	if (!empty)
		return false;
	lr_write(__builtin_ctzll(empty), val);
	return true;
}

static bool try_inject(u32 intid, u8 prio)
{
	return put_lr(intid, lr_value(intid, prio));
}

static void queue_push(struct arch_per_cpu *a, u32 intid, u8 prio)
{
	unsigned int n;

	for (n = 0; n < a->irq_queued; n++)
		if (a->irq_queue[n].intid == intid)
			return;
	if (a->irq_queued == ARRAY_SIZE(a->irq_queue)) {
		/* Cannot happen with Linux's handful of sources; say so. */
		printk("Bulkhead: CPU interface queue full, INTID %u lost\n",
		       intid);
		return;
	}
	a->irq_queue[a->irq_queued].intid = intid;
	a->irq_queue[a->irq_queued].prio = prio;
	a->irq_queued++;
}

/* Oldest first into free list registers; UIE while any remain queued. */
static void queue_refill(struct arch_per_cpu *a)
{
	unsigned int done = 0, n;
	u64 hcr;

	while (done < a->irq_queued &&
	       try_inject(a->irq_queue[done].intid, a->irq_queue[done].prio))
		done++;
	for (n = done; n < a->irq_queued; n++)
		a->irq_queue[n - done] = a->irq_queue[n];
	a->irq_queued -= done;
	hcr = ICH_HCR_EN | (a->irq_queued ? ICH_HCR_UIE : 0);
	write_sysreg(hcr, ich_hcr_el2);
}

static void inject(struct arch_per_cpu *a, u32 intid, u8 prio)
{
	if (a->irq_queued || !try_inject(intid, prio))
		queue_push(a, intid, prio);
	if (a->irq_queued)
		queue_refill(a);
}

static void deactivate(u32 intid)
{
	write_sysreg(intid, icc_dir_el1);
}

bool gicv3_inject_virtual(u32 intid, u8 prio)
{
	if (put_lr(intid, ICH_LR_PENDING | ICH_LR_GROUP1 |
		   ((u64)prio << ICH_LR_PRIO_SHIFT) | intid))
		return true;
	write_sysreg(read_sysreg(ich_hcr_el2) | ICH_HCR_UIE, ich_hcr_el2);
	return false;
}

/*
 * vectors.S hands over what its fast path does not take (SGIs, the
 * maintenance interrupt, spurious ones, no free list register, queued
 * interrupts), with the first acknowledge done; it relies on these:
 */
_Static_assert(offsetof(struct per_cpu, exits[BULKHEAD_EXIT_IRQ]) ==
	       PERCPU_EXIT_IRQ, "PERCPU_EXIT_IRQ in arch/traps.h");
_Static_assert(offsetof(struct per_cpu, arch.irq_queued) ==
	       PERCPU_IRQ_QUEUED, "PERCPU_IRQ_QUEUED in arch/traps.h");
_Static_assert(FAST_MAINTENANCE_INTID == GICV3_MAINTENANCE_INTID &&
	       FAST_INTID_SPURIOUS == INTID_SPURIOUS &&
	       FAST_LR_BITS == (ICH_LR_PENDING | ICH_LR_GROUP1 | ICH_LR_HW),
	       "the IRQ fast path's GIC constants in arch/traps.h");

/* The rest of an IRQ exception: take everything pending at once. */
void arch_guest_irq(u64 iar)
{
	struct per_cpu *cpu = (struct per_cpu *)read_sysreg(tpidr_el2);
	struct arch_per_cpu *a = &cpu->arch;
	u32 intid;
	u8 prio;

	for (;; iar = read_sysreg(icc_iar1_el1)) {
		intid = iar & 0xffffff;
		if (intid >= INTID_SPURIOUS && intid < INTID_SPURIOUS + 4)
			break;
		/* The running priority is now the acknowledged one's. */
		prio = read_sysreg(icc_rpr_el1);
		write_sysreg(iar, icc_eoir1_el1);
		if (intid == GICV3_MAINTENANCE_INTID) {
			cpu->exits[BULKHEAD_EXIT_MAINTENANCE]++;
			deactivate(intid);
			queue_refill(a);
			continue;
		}
		cpu->exits[BULKHEAD_EXIT_IRQ]++;
		if (intid < 16)
			deactivate(intid);
		/*
		 * A kick has done its work by bringing the CPU out of WFI:
		 * its cell's stage 2 is gone, the next access faults.
		 */
		if (intid != GICV3_KICK_SGI)
			inject(a, intid, prio);
	}
	/* No isb: the eret that follows synchronises the writes. */
	if (a->irq_queued)
		queue_refill(a);
	virq_deliver(cpu);
}

/*
 * Hand back what the guest has not taken yet: a linked (HW) interrupt is
 * deactivated physically and fires again at EL1 if its line is still up
 * (level: timers, UART, INTx); an SGI is sent to this CPU again. LPIs
 * cannot be made pending again without the ITS and are dropped (the
 * window is the few instructions between the last IRQ exit and disable
 * or a CPU reset, with the guest's interrupts masked).
 */
/* resend_sgis: disable (the guest goes on), else a CPU restarting. */
static void return_pending(struct per_cpu *cpu, bool resend_sgis)
{
	struct arch_per_cpu *a = &cpu->arch;
	u64 lr;
	unsigned int n, lrs = num_lrs();
	u32 intid;

	for (n = 0; n < lrs + a->irq_queued; n++) {
		if (n < lrs) {
			lr = lr_read(n);
			lr_write(n, 0);
			if (!(lr & ICH_LR_STATE))
				continue;
			intid = lr & ICH_LR_VINTID;
			/*
			 * Active only: on disable Linux ends it itself, now
			 * physically; a restarting CPU never will.
			 */
			if (!(lr & ICH_LR_PENDING) && resend_sgis)
				lr &= ~ICH_LR_HW;
		} else {
			intid = a->irq_queue[n - lrs].intid;
			lr = lr_value(intid, 0);
		}
		if (lr & ICH_LR_HW) {
			deactivate(intid);
		} else if (intid < 16 && (lr & ICH_LR_PENDING) &&
			   resend_sgis) {
			write_sysreg(gicv3_sgi_value(cpu->hw_id, intid),
				     icc_sgi1r_el1);
		}
	}
	a->irq_queued = 0;
	write_sysreg(0, ich_ap0r0_el2);
	write_sysreg(0, ich_ap1r0_el2);
	asm volatile("isb" : : : "memory");
}

void gicv3_cpuif_enable(struct per_cpu *cpu)
{
	u64 ctlr = read_sysreg(icc_ctlr_el1);
	u64 vmcr;
	unsigned int n;

	cpu->arch.icc_ctlr = ctlr;
	vmcr = (read_sysreg(icc_pmr_el1) & 0xff) << ICH_VMCR_PMR_SHIFT |
	       (read_sysreg(icc_bpr0_el1) & 7) << ICH_VMCR_BPR0_SHIFT |
	       (read_sysreg(icc_bpr1_el1) & 7) << ICH_VMCR_BPR1_SHIFT |
	       ((ctlr & ICC_CTLR_EOIMODE) ? ICH_VMCR_EOIM : 0) |
	       ((ctlr & ICC_CTLR_CBPR) ? ICH_VMCR_CBPR : 0) |
	       ((read_sysreg(icc_igrpen1_el1) & 1) ? ICH_VMCR_ENG1 : 0) |
	       ((read_sysreg(icc_igrpen0_el1) & 1) ? ICH_VMCR_ENG0 : 0);
	for (n = 0; n < num_lrs(); n++)
		lr_write(n, 0);
	write_sysreg(0, ich_ap0r0_el2);
	write_sysreg(0, ich_ap1r0_el2);
	write_sysreg(vmcr, ich_vmcr_el2);
	cpu->arch.irq_queued = 0;
	write_sysreg(ICH_HCR_EN, ich_hcr_el2);
	write_sysreg(ctlr | ICC_CTLR_EOIMODE, icc_ctlr_el1);
	/*
	 * Masking is the guest's business now, in its virtual PMR: the
	 * physical one lets everything through to EL2 (Linux with
	 * pseudo-NMIs may have left it at its "interrupts off" value).
	 */
	write_sysreg(0xff, icc_pmr_el1);
	/*
	 * Entered from an IPI handler, Linux has dropped the SGI's priority
	 * and will deactivate it after us, through the virtual interface
	 * then: end every SGI physically now, or that SGI stays blocked.
	 */
	for (n = 0; n < 16; n++)
		deactivate(n);
	set_maintenance_enabled(cpu, true);
	kick_enable(cpu);
	asm volatile("isb" : : : "memory");
	write_sysreg(read_sysreg(hcr_el2) | HCR_IMO | HCR_FMO, hcr_el2);
	asm volatile("isb" : : : "memory");
}

/* Back to Linux at EL1: the virtual interface's settings become physical. */
void gicv3_cpuif_disable(struct per_cpu *cpu)
{
	u64 vmcr = read_sysreg(ich_vmcr_el2);
	u64 ctlr = cpu->arch.icc_ctlr & ~(ICC_CTLR_EOIMODE | ICC_CTLR_CBPR);

	write_sysreg(read_sysreg(hcr_el2) & ~(HCR_IMO | HCR_FMO), hcr_el2);
	asm volatile("isb" : : : "memory");
	set_maintenance_enabled(cpu, false);
	write_sysreg(0, ich_hcr_el2);
	/* While EOImode is still 1 at EL2: ICC_DIR is defined then. */
	return_pending(cpu, true);
	write_sysreg((vmcr >> ICH_VMCR_PMR_SHIFT) & 0xff, icc_pmr_el1);
	write_sysreg((vmcr >> ICH_VMCR_BPR0_SHIFT) & 7, icc_bpr0_el1);
	write_sysreg((vmcr >> ICH_VMCR_BPR1_SHIFT) & 7, icc_bpr1_el1);
	if (vmcr & ICH_VMCR_EOIM)
		ctlr |= ICC_CTLR_EOIMODE;
	if (vmcr & ICH_VMCR_CBPR)
		ctlr |= ICC_CTLR_CBPR;
	write_sysreg(ctlr, icc_ctlr_el1);
	write_sysreg(!!(vmcr & ICH_VMCR_ENG1), icc_igrpen1_el1);
	asm volatile("isb" : : : "memory");
}

/*
 * A CPU restarting in a cell (PSCI CPU_ON, cell start): nothing of the
 * previous run may reach the new one; linked interrupts are ended so
 * they can fire again, and the virtual interface starts from reset.
 */
void gicv3_cpuif_reset(struct per_cpu *cpu)
{
	return_pending(cpu, false);
	write_sysreg(0, ich_vmcr_el2);	/* reset: all masked, groups off */
	write_sysreg(ICH_HCR_EN, ich_hcr_el2);
	asm volatile("isb" : : : "memory");
}
