// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 distributor and redistributor accesses of a cell, trapped (the
 * cell's stage 2 does not map them) and performed by the hypervisor only
 * as far as they touch the cell's own interrupts:
 *
 * - GICD registers with fields per interrupt (enable, pending, active,
 *   group, priority, configuration, routing): fields of interrupts outside
 *   the cell's interrupt set (its irqchips in the config) read as zero and
 *   are not changed by writes. Set/clear registers get the write with
 *   foreign bits cleared; registers holding state are updated by
 *   read-modify-write under a lock.
 * - Global GICD registers (CTLR, TYPER, IIDR, ID registers): readable by
 *   every cell, writable by the root cell only.
 * - A redistributor frame is accessible if it belongs to one of the
 *   cell's CPUs (SGIs and PPIs follow the CPU); the root cell also owns
 *   the frames of CPUs no other cell runs.
 *
 * Denied writes are reported on the console. The interrupt set is the
 * cell's, passed in through the cell: non-root cells reuse all of this.
 */
#include <bulkhead/config.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <hv/system_config.h>
#include <arch/gicv3.h>
#include <arch/mmio.h>

#define GICD_SIZE		0x10000
#define GICD_CTLR		0x0000
#define GICD_SETSPI_NSR		0x0040
#define GICD_CLRSPI_NSR		0x0048
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICACTIVER_END	0x0400
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
#define GICD_IROUTER		0x6000
#define GICD_IROUTER_END	0x7fe0
#define GICD_ID_REGS		0xffd0

#define GICR_TYPER		0x0008
#define MAX_IRQS		1020

static spinlock_t dist_lock;

/* Interrupt intid belongs to the cell (SGIs/PPIs: to each of its CPUs). */
bool gicv3_cell_owns_irq(const struct cell *cell, u32 intid)
{
	const struct bulkhead_cell_desc *c = cell->config;
	const struct bulkhead_irqchip *chip = bulkhead_cell_irqchips(c);
	u64 gicd = system_config->platform.arch.arm64.gicd_base;
	u32 n, pin;

	if (intid == GICV3_MAINTENANCE_INTID)
		return false;	/* enabled by the hypervisor, never by a cell */
	if (intid < 32)
		return true;
	for (n = 0; n < c->num_irqchips; n++, chip++) {
		if (chip->address != gicd || intid < chip->pin_base)
			continue;
		pin = intid - chip->pin_base;
		if (pin >= 32 * BULKHEAD_IRQCHIP_PIN_WORDS)
			continue;
		if ((chip->pin_bitmap[pin / 32] >> (pin % 32)) & 1)
			return true;
	}
	return false;
}

/*
 * Mask of the fields in an access of size bytes at register offset off of
 * an array with bits_per_irq bits per interrupt, starting at base, that
 * belong to the cell.
 */
static u64 owned_mask(const struct cell *cell, u64 off, u32 size, u64 base,
		      u32 bits_per_irq)
{
	u32 first = (off - base) * 8 / bits_per_irq;
	u32 fields = size * 8 / bits_per_irq, n;
	u64 field = (bits_per_irq == 64) ? ~0ULL :
		    (1ULL << bits_per_irq) - 1;
	u64 mask = 0;

	for (n = 0; n < fields; n++)
		if (first + n < MAX_IRQS &&
		    gicv3_cell_owns_irq(cell, first + n))
			mask |= field << (n * bits_per_irq);
	return mask;
}

static void report_denied(struct per_cpu *cpu, const char *what,
			  const struct mmio_access *a, u64 allowed)
{
	printk("Bulkhead: cell \"%s\" CPU %u: denied %s write at 0x%lx "
	       "(value 0x%lx, allowed bits 0x%lx)\n", cpu->cell->config->name,
	       cpu->cpu_id, what, (unsigned long)a->address,
	       (unsigned long)a->value, (unsigned long)allowed);
}

/* Set/clear-style registers: writing 0 bits changes nothing. */
static void access_w1(struct per_cpu *cpu, struct mmio_access *a, u64 reg,
		      u64 mask)
{
	if (!a->write) {
		a->value = mmio_read(reg, a->size) & mask;
		return;
	}
	if (a->value & ~mask)
		report_denied(cpu, "GICD", a, mask);
	if (a->value & mask)
		mmio_write(reg, a->value & mask, a->size);
}

/* Registers that hold per-interrupt state: merge under the lock. */
static void access_rmw(struct per_cpu *cpu, struct mmio_access *a, u64 reg,
		       u64 mask)
{
	u64 old;

	if (!a->write) {
		a->value = mmio_read(reg, a->size) & mask;
		return;
	}
	if (!mask) {
		report_denied(cpu, "GICD", a, mask);
		return;
	}
	spin_lock(&dist_lock);
	old = mmio_read(reg, a->size);
	if ((old ^ a->value) & ~mask)
		report_denied(cpu, "GICD", a, mask);
	mmio_write(reg, (old & ~mask) | (a->value & mask), a->size);
	spin_unlock(&dist_lock);
}

static void access_global(struct per_cpu *cpu, struct mmio_access *a,
			  u64 reg)
{
	if (!a->write)
		a->value = mmio_read(reg, a->size);
	else if (cpu->cell == &root_cell)
		mmio_write(reg, a->value, a->size);
	else
		report_denied(cpu, "GICD", a, 0);
}

static void gicd_access(struct per_cpu *cpu, struct mmio_access *a, u64 off)
{
	u64 reg = system_config->platform.arch.arm64.gicd_base + off;
	const struct cell *cell = cpu->cell;

	if (off % a->size) {
		/* The GIC makes unaligned accesses UNPREDICTABLE: refuse. */
		report_denied(cpu, "unaligned GICD", a, 0);
		a->value = 0;
		return;
	}
	if (off >= GICD_IGROUPR && off < GICD_ICACTIVER_END) {
		u64 base = GICD_IGROUPR + (off - GICD_IGROUPR) / 0x80 * 0x80;
		u64 mask = owned_mask(cell, off, a->size, base, 1);

		if (base == GICD_IGROUPR)
			access_rmw(cpu, a, reg, mask);
		else
			access_w1(cpu, a, reg, mask);
	} else if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
		access_rmw(cpu, a, reg, owned_mask(cell, off, a->size,
						   GICD_IPRIORITYR, 8));
	} else if (off >= GICD_ICFGR && off < GICD_IGRPMODR) {
		access_rmw(cpu, a, reg, owned_mask(cell, off, a->size,
						   GICD_ICFGR, 2));
	} else if (off >= GICD_IGRPMODR && off < GICD_NSACR) {
		access_rmw(cpu, a, reg, owned_mask(cell, off, a->size,
						   GICD_IGRPMODR, 1));
	} else if (off >= GICD_IROUTER && off < GICD_IROUTER_END) {
		u32 intid = (off - GICD_IROUTER) / 8;
		u64 mask = gicv3_cell_owns_irq(cell, intid) ? ~0ULL : 0;

		if (a->size < 4)
			mask = 0;
		access_rmw(cpu, a, reg, mask);
	} else if (off == GICD_SETSPI_NSR || off == GICD_CLRSPI_NSR) {
		if (a->write && gicv3_cell_owns_irq(cell, a->value & 0x3ff))
			mmio_write(reg, a->value, a->size);
		else if (a->write)
			report_denied(cpu, "GICD", a, 0);
		else
			a->value = 0;
	} else if (off < GICD_IGROUPR || off >= GICD_ID_REGS) {
		access_global(cpu, a, reg);
	} else {
		/* ITARGETSR, NSACR, reserved: RAZ/WI with affinity routing. */
		a->value = 0;
	}
}

/* The cell runs (or, for the root cell, no other cell runs) this CPU. */
static bool owns_redistributor(const struct cell *cell, u64 frame)
{
	u32 stride = system_config->platform.arch.arm64.gicr_stride;
	u64 base = system_config->platform.arch.arm64.gicr_base;
	u64 aff = mmio_read(base + frame * stride + GICR_TYPER, 8) >> 32;
	unsigned int n;

	for (n = 0; n < HV_MAX_CPUS; n++) {
		const struct per_cpu *cpu = &per_cpu_area[n];

		if (!cpu->entered || gicv3_mpidr_to_aff(cpu->hw_id) != aff)
			continue;
		return cpu->cell == cell;
	}
	return cell == &root_cell;
}

static void gicr_access(struct per_cpu *cpu, struct mmio_access *a, u64 off)
{
	const struct bulkhead_arm64_platform *p =
		&system_config->platform.arch.arm64;
	u64 reg = p->gicr_base + off;

	if (off % a->size || !owns_redistributor(cpu->cell,
						 off / p->gicr_stride)) {
		if (a->write)
			report_denied(cpu, "GICR", a, 0);
		a->value = 0;
		return;
	}
	if (a->write)
		mmio_write(reg, a->value, a->size);
	else
		a->value = mmio_read(reg, a->size);
}

int gicv3_mmio_init(struct cell *cell)
{
	const struct bulkhead_platform *p = &system_config->platform;
	const struct bulkhead_arm64_platform *a = &p->arch.arm64;
	int err;

	if (a->gic_version != BULKHEAD_GIC_V3)
		return -BULKHEAD_EINVAL;
	err = mmio_register(cell, a->gicd_base, GICD_SIZE, gicd_access);
	if (!err)
		err = mmio_register(cell, a->gicr_base,
				    (u64)a->gicr_stride * p->num_cpus,
				    gicr_access);
	if (err)
		mmio_unregister_cell(cell);
	return err;
}

int arch_hv_map_devices(struct paging *hv)
{
	const struct bulkhead_platform *p = &system_config->platform;
	const struct bulkhead_arm64_platform *a = &p->arch.arm64;
	int err;

	if (a->gic_version != BULKHEAD_GIC_V3)
		return -BULKHEAD_EINVAL;
	err = paging_map(hv, a->gicd_base, a->gicd_base, GICD_SIZE,
			 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	if (!err)
		err = paging_map(hv, a->gicr_base, a->gicr_base,
				 (u64)a->gicr_stride * p->num_cpus,
				 PAGING_READ | PAGING_WRITE | PAGING_DEVICE);
	return err;
}
