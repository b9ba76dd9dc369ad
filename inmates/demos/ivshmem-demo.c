// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * ivshmem-demo: the demo cell's end of its ivshmem link to the root cell
 * (docs/ivshmem.md). It finds the device on the virtual PCI bus, reports
 * ready through its state register, then answers every message of peer 0
 * (include/bulkhead/ivshmem.h, "the ivshmem demo's exchange") and rings
 * its doorbell; it prints
 *
 *   IVSHMEM-DEMO device BB:DD.F peer N of M, shared memory 0x..., irq N
 *   IVSHMEM-DEMO rounds N errors E         every 1000 round trips
 *   IVSHMEM-DEMO done rounds N errors E    when its shutdown is approved
 *
 * The virtual PCI window and the interrupt lines come from the comm
 * region; a cell without them fails with "IVSHMEM-DEMO no virtual PCI".
 *
 * Parameter word (image offset 0x10): bits 4:0, the first slot of the
 * virtual bus to look at (0: the first device), for a cell with more
 * than one link.
 */
#include <inmate.h>
#include <bulkhead/ivshmem.h>

#define ROOT_PEER		0
#define PARAM_SLOT(p)		((p) & 0x1f)
#define REPORT_EVERY		1000
/* The comm region does not interrupt: look at it this often. */
#define POLL_PERIOD_NS		10000000ULL

static volatile unsigned long doorbells;

static void on_doorbell(unsigned int irq)
{
	doorbells++;
}

static void on_timer(unsigned int irq)
{
	timer_arm_deadline(timer_ticks() + timer_ns_to_ticks(POLL_PERIOD_NS));
}

/* One message of the root: check it, answer it. false: payload wrong. */
static bool answer(struct ivshmem *dev, unsigned long in, unsigned long out,
		   __u32 seq)
{
	bool good = true;
	__u32 w;
	unsigned int k;

	for (k = 1; k < BULKHEAD_IVSHMEM_DEMO_WORDS; k++) {
		w = mmio_read32(in + 4 * k);
		if (w != bulkhead_ivshmem_demo_word(seq, k))
			good = false;
		mmio_write32(out + 4 * k, ~w);
	}
	dsb(sy);
	mmio_write32(out, seq);
	ivshmem_doorbell(dev, ROOT_PEER);
	return good;
}

void inmate_main(void)
{
	unsigned long rounds = 0, errors = 0, seen = 0, now, in, out;
	unsigned long ecam = comm_vpci_ecam_base();
	unsigned int irq_base = comm_vpci_irq_base(), irq;
	struct ivshmem dev;
	__u32 seq, last = 0;

	console_init();
	/* Without a doorbell line the demo could not hear the root. */
	if (!ecam || !irq_base) {
		printk("IVSHMEM-DEMO no virtual PCI (ECAM 0x%lx, irq base "
		       "%u)\n", ecam, irq_base);
		comm_report_failed();
		return;
	}
	pci_init(ecam);
	if (ivshmem_init(&dev, PARAM_SLOT(inmate_param) << 3)) {
		printk("IVSHMEM-DEMO no ivshmem device\n");
		comm_report_failed();
		return;
	}
	irq = irq_base + (dev.bdf >> 3);
	printk("IVSHMEM-DEMO device %02x:%02x.%x peer %u of %u, shared memory "
	       "0x%lx, irq %u\n", dev.bdf >> 8, (dev.bdf >> 3) & 0x1f,
	       dev.bdf & 7, dev.id, dev.peers, dev.shmem, irq);
	in = ivshmem_output(&dev, ROOT_PEER);
	out = ivshmem_output(&dev, dev.id);
	/* What a previous run left must not look like an answer. */
	mmio_write32(out, 0);
	/*
	 * The doorbell is a virtual SPI the hypervisor injects by itself:
	 * it needs only the CPU interface. The timer (a PPI in this CPU's
	 * redistributor) keeps WFI bounded, for the comm region's messages.
	 */
	if (gic_init()) {
		printk("IVSHMEM-DEMO no interrupt controller\n");
		comm_report_failed();
		return;
	}
	irq_set_handler(irq, on_doorbell);
	irq_set_handler(TIMER_IRQ, on_timer);
	gic_enable_irq(TIMER_IRQ);
	on_timer(TIMER_IRQ);
	ivshmem_enable_irq(&dev, true);
	irq_unmask();
	ivshmem_set_state(&dev, BULKHEAD_IVSHMEM_DEMO_READY);

	for (;;) {
		now = doorbells;
		if (now == seen) {
			if (comm_poll() == COMM_SHUTDOWN_APPROVED)
				break;
			cpu_wait_for_interrupt();	/* bounded: timer */
			continue;
		}
		seen = now;
		seq = mmio_read32(in);
		if (seq == last)
			continue;	/* a state change, or nothing new */
		last = seq;
		if (!answer(&dev, in, out, seq))
			errors++;
		if (++rounds % REPORT_EVERY == 0)
			printk("IVSHMEM-DEMO rounds %lu errors %lu\n", rounds,
			       errors);
	}
	timer_disarm();
	ivshmem_set_state(&dev, 0);
	printk("IVSHMEM-DEMO done rounds %lu errors %lu\n", rounds, errors);
}
