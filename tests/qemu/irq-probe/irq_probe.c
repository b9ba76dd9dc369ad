// SPDX-License-Identifier: GPL-2.0
/*
 * irq_probe: test probe for tests/qemu/irq_routing.sh, two experiments on
 * how the hypervisor routes interrupts to the root cell.
 *
 * overflow (read): more interrupts outstanding than the GIC has list
 *   registers. The probe takes "spis" unused SPIs from spi_first on
 *   (edge, routed to the calling CPU, its own handler), then per round
 *   masks interrupts at EL1, makes them all pending through GICD_ISPENDR
 *   and waits (bounded) until GICD_ISACTIVER shows every one active: the
 *   hypervisor has acknowledged them all at EL2 while the guest could not
 *   take any, so beyond the list registers they sit in its queue. Then it
 *   unmasks and waits (bounded) for its handler to see each exactly once.
 *   Answer:
 *     cpu C rounds R spis S taken T delivered D missing M extra E
 *   T: SPIs seen active before the unmask, D: handler calls, M/E:
 *   interrupts that never came / came more than once, over all rounds.
 * sgi (write "VALUE COUNT"): writes VALUE to ICC_SGI1R_EL1 COUNT times,
 *   as Linux sends an IPI; the hypervisor traps and filters the writes.
 *
 * The SPIs must be ones no device uses and the root cell owns (QEMU's
 * virt board: 80-143 are free).
 */
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/of.h>
#include <asm/sysreg.h>

#define GICD_ISPENDR	0x0200
#define GICD_ISACTIVER	0x0300
#define MAX_SPIS	32
/* Bounds of the waits, in polls (each one a trapped GICD read or so). */
#define WAIT_POLLS	200000

static unsigned long gicd_base = 0x08000000;
module_param(gicd_base, ulong, 0444);
MODULE_PARM_DESC(gicd_base, "physical address of the GIC distributor");
static unsigned int spi_first = 96;
module_param(spi_first, uint, 0444);
MODULE_PARM_DESC(spi_first, "INTID of the first unused SPI to take");
static unsigned int spis = 8;
module_param(spis, uint, 0444);
MODULE_PARM_DESC(spis, "how many SPIs (1..32)");
static unsigned int rounds = 20;
module_param(rounds, uint, 0644);
MODULE_PARM_DESC(rounds, "overflow rounds");

static void __iomem *gicd;
static unsigned int virqs[MAX_SPIS];
static atomic_t hits[MAX_SPIS];

static irqreturn_t probe_irq(int irq, void *data)
{
	atomic_inc(&hits[(unsigned long)data]);
	return IRQ_HANDLED;
}

static u32 bit_of(unsigned int i)
{
	return BIT((spi_first + i) % 32);
}

static void __iomem *reg_of(unsigned int base, unsigned int i)
{
	return gicd + base + (spi_first + i) / 32 * 4;
}

/* Active SPIs among ours, as the distributor reports them. */
static unsigned int count_active(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < spis; i++)
		n += !!(readl_relaxed(reg_of(GICD_ISACTIVER, i)) & bit_of(i));
	return n;
}

static int overflow_get(char *buf, const struct kernel_param *kp)
{
	unsigned int i, r, poll, cpu, taken = 0, delivered = 0;
	unsigned int missing = 0, extra = 0, active, got, done;
	int before[MAX_SPIS];
	int err = 0;

	preempt_disable();
	cpu = smp_processor_id();
	for (i = 0; i < spis && !err; i++)
		err = irq_set_affinity(virqs[i], cpumask_of(cpu));
	for (r = 0; r < rounds && !err; r++) {
		for (i = 0; i < spis; i++)
			before[i] = atomic_read(&hits[i]);
		local_irq_disable();
		for (i = 0; i < spis; i++)
			writel_relaxed(bit_of(i), reg_of(GICD_ISPENDR, i));
		active = 0;
		for (poll = 0; poll < WAIT_POLLS && active < spis; poll++)
			active = count_active();
		taken += active;
		local_irq_enable();
		for (poll = 0; poll < WAIT_POLLS; poll++) {
			for (i = 0, done = 0; i < spis; i++)
				done += atomic_read(&hits[i]) != before[i];
			if (done == spis)
				break;
			cpu_relax();
		}
		for (i = 0; i < spis; i++) {
			got = atomic_read(&hits[i]) - before[i];
			delivered += got;
			missing += !got;
			extra += got > 1 ? got - 1 : 0;
		}
	}
	preempt_enable();
	if (err)
		return err;
	return sysfs_emit(buf, "cpu %u rounds %u spis %u taken %u delivered %u "
			  "missing %u extra %u\n", cpu, rounds, spis, taken,
			  delivered, missing, extra);
}

static const struct kernel_param_ops overflow_ops = {
	.get = overflow_get,
};
module_param_cb(overflow, &overflow_ops, NULL, 0444);
MODULE_PARM_DESC(overflow, "read: run the list-register overflow rounds");

static int sgi_set(const char *val, const struct kernel_param *kp)
{
	unsigned long long sgi;
	unsigned int count;

	if (sscanf(val, "%llx %u", &sgi, &count) != 2 || count > 1000)
		return -EINVAL;
	while (count--) {
		write_sysreg_s(sgi, SYS_ICC_SGI1R_EL1);
		isb();
	}
	return 0;
}

static const struct kernel_param_ops sgi_ops = {
	.set = sgi_set,
};
module_param_cb(sgi, &sgi_ops, NULL, 0200);
MODULE_PARM_DESC(sgi, "write \"VALUE COUNT\": ICC_SGI1R_EL1 writes");

static void release(unsigned int n)
{
	while (n--) {
		free_irq(virqs[n], (void *)(unsigned long)n);
		irq_dispose_mapping(virqs[n]);
	}
	iounmap(gicd);
}

static int __init irq_probe_init(void)
{
	struct irq_fwspec spec = { .param_count = 3 };
	struct device_node *gic;
	unsigned int i;
	int err = 0;

	if (!spis || spis > MAX_SPIS || spi_first < 32 ||
	    spi_first + spis > 1020)
		return -EINVAL;
	gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!gic)
		return -ENODEV;
	gicd = ioremap(gicd_base, 0x10000);
	if (!gicd) {
		of_node_put(gic);
		return -ENOMEM;
	}
	spec.fwnode = of_fwnode_handle(gic);
	for (i = 0; i < spis; i++) {
		spec.param[0] = 0;			/* SPI */
		spec.param[1] = spi_first + i - 32;
		spec.param[2] = IRQ_TYPE_EDGE_RISING;
		virqs[i] = irq_create_fwspec_mapping(&spec);
		if (!virqs[i]) {
			err = -ENXIO;
			break;
		}
		err = request_irq(virqs[i], probe_irq, 0, "irq_probe",
				  (void *)(unsigned long)i);
		if (err) {
			irq_dispose_mapping(virqs[i]);
			break;
		}
	}
	of_node_put(gic);
	if (err)
		release(i);
	return err;
}

static void __exit irq_probe_exit(void)
{
	release(spis);
}

module_init(irq_probe_init);
module_exit(irq_probe_exit);
MODULE_DESCRIPTION("Bulkhead test probe: list-register overflow, SGI filter");
MODULE_LICENSE("GPL");
