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
 * - GICD_IROUTER: a cell routes its interrupts to its own CPUs only.
 * - A redistributor frame is accessible if it belongs to one of the
 *   cell's CPUs (SGIs and PPIs follow the CPU); the root cell also owns
 *   the frames of CPUs no other cell runs. The maintenance interrupt
 *   there is the hypervisor's.
 *
 * Denied writes are reported on the console: the root cell's are then
 * ignored, a non-root cell is stopped for them (mmio.c). Interrupt lines
 * pass from the root cell to a cell while it exists.
 */
#include <bulkhead/config.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <hv/string.h>
#include <hv/system_config.h>
#include <arch/gicv3.h>
#include <arch/mmio.h>

#define GICD_SIZE		0x10000
#define GICD_CTLR		0x0000
#define GICD_SETSPI_NSR		0x0040
#define GICD_CLRSPI_NSR		0x0048
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ICPENDR		0x0280
#define GICD_ICACTIVER		0x0380
#define GICD_ICACTIVER_END	0x0400
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
#define GICD_IROUTER		0x6000
#define GICD_IROUTER_END	0x7fe0
#define  IROUTER_IRM		(1ULL << 31)
#define GICD_ID_REGS		0xffd0

#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_SGI_BASE		0x10000
#define MAX_IRQS		1020

static spinlock_t dist_lock;

/*
 * The SPIs each cell owns now, one bitmap per cell (slot 0: the root
 * cell, slot n: cells[n - 1]), rebuilt whenever a cell comes or goes:
 * every field of every per-interrupt access asks.
 */
#define IRQ_WORDS		(MAX_IRQS / 32 + 1)
static u32 owned_spis[1 + HV_MAX_CELLS][IRQ_WORDS];

static u32 *spis_of(const struct cell *cell)
{
	return owned_spis[cell == &root_cell ? 0 : cell - cells + 1];
}

/* The SPIs a config lists for the GICD, ORed into bits. */
static void config_spis(const struct bulkhead_cell_desc *c, u32 *bits)
{
	const struct bulkhead_irqchip *chip = bulkhead_cell_irqchips(c);
	u64 gicd = system_config->platform.arch.arm64.gicd_base;
	u32 n, pin, intid;

	for (n = 0; n < c->num_irqchips; n++, chip++) {
		if (chip->address != gicd)
			continue;
		for (pin = 0; pin < BULKHEAD_IRQCHIP_PINS; pin++) {
			intid = chip->pin_base + pin;
			if (intid >= 32 && intid < MAX_IRQS &&
			    (chip->pin_bitmap[pin / 32] >> (pin % 32)) & 1)
				bits[intid / 32] |= 1U << (intid % 32);
		}
	}
}

/*
 * Rebuild the bitmaps; leaving: a cell on its way out, whose lines go
 * back to the root cell. The root cell keeps what no cell holds (control.c
 * admits a cell's lines only if they are the root's). Written word by
 * word, so a concurrent reader sees either owner, never none of its own.
 */
static void update_owners(const struct cell *leaving)
{
	u32 root[IRQ_WORDS] = { 0 }, taken[IRQ_WORDS] = { 0 };
	unsigned int n, w;

	for (n = 0; n < HV_MAX_CELLS; n++) {
		u32 *bits = owned_spis[n + 1];

		for (w = 0; w < IRQ_WORDS; w++)
			bits[w] = 0;
		if (!cells[n].id || &cells[n] == leaving)
			continue;
		config_spis(cells[n].config, bits);
		for (w = 0; w < IRQ_WORDS; w++)
			taken[w] |= bits[w];
	}
	config_spis(root_cell.config, root);
	for (w = 0; w < IRQ_WORDS; w++)
		owned_spis[0][w] = root[w] & ~taken[w];
}

/* Interrupt intid belongs to the cell (SGIs/PPIs: to each of its CPUs). */
bool gicv3_cell_owns_irq(const struct cell *cell, u32 intid)
{
	if (intid == GICV3_MAINTENANCE_INTID || intid == GICV3_KICK_SGI)
		return false;	/* the hypervisor's, never a cell's */
	if (intid < 32)
		return true;
	return intid < MAX_IRQS &&
	       (spis_of(cell)[intid / 32] >> (intid % 32)) & 1;
}

/*
 * The fields of an access of size bytes at register offset off of an
 * array with bits_per_irq bits per interrupt starting at base: those the
 * cell owns, and those of the hypervisor's own interrupts, which are
 * hidden (read as zero, kept on writes) without a report, as Linux
 * sweeps all SGIs and PPIs when it brings a CPU up.
 */
struct fields {
	u64 owned, hidden;
};

static struct fields irq_fields(const struct cell *cell, u64 off, u32 size,
				u64 base, u32 bits_per_irq, u32 num_irqs)
{
	u32 first = (off - base) * 8 / bits_per_irq;
	u32 count = size * 8 / bits_per_irq, n;
	u64 field = (bits_per_irq == 64) ? ~0ULL :
		    (1ULL << bits_per_irq) - 1;
	struct fields f = { 0, 0 };

	for (n = 0; n < count && first + n < num_irqs; n++) {
		if (first + n == GICV3_MAINTENANCE_INTID ||
		    first + n == GICV3_KICK_SGI)
			f.hidden |= field << (n * bits_per_irq);
		else if (gicv3_cell_owns_irq(cell, first + n))
			f.owned |= field << (n * bits_per_irq);
	}
	return f;
}

/*
 * A refused write: reported, and marked so that a non-root cell is
 * stopped for it (mmio.c); the root cell's write is just ignored.
 */
static void deny(struct per_cpu *cpu, const char *what,
		 struct mmio_access *a, u64 allowed)
{
	printk("Bulkhead: cell \"%s\" CPU %u: denied %s write at 0x%lx "
	       "(value 0x%lx, allowed bits 0x%lx)\n", cpu->cell->config->name,
	       cpu->cpu_id, what, (unsigned long)a->address,
	       (unsigned long)a->value, (unsigned long)allowed);
	a->denied = true;
}

/* Set/clear-style registers: writing 0 bits changes nothing. */
static void access_w1(struct per_cpu *cpu, struct mmio_access *a, u64 reg,
		      struct fields f, const char *what)
{
	if (!a->write) {
		a->value = mmio_read(reg, a->size) & f.owned;
		return;
	}
	if (a->value & ~(f.owned | f.hidden))
		deny(cpu, what, a, f.owned);
	if (a->value & f.owned)
		mmio_write(reg, a->value & f.owned, a->size);
}

/* Registers that hold per-interrupt state: merge under the lock. */
static void access_rmw(struct per_cpu *cpu, struct mmio_access *a, u64 reg,
		       struct fields f, const char *what)
{
	u64 old;

	if (!a->write) {
		a->value = mmio_read(reg, a->size) & f.owned;
		return;
	}
	spin_lock(&dist_lock);
	old = mmio_read(reg, a->size);
	if ((old ^ a->value) & ~(f.owned | f.hidden))
		deny(cpu, what, a, f.owned);
	if (f.owned)
		mmio_write(reg, (old & ~f.owned) | (a->value & f.owned),
			   a->size);
	spin_unlock(&dist_lock);
}

/*
 * Registers with a field per interrupt, laid out alike in the
 * distributor and in a redistributor's SGI frame (there for the first 32
 * interrupts only). false: off is not one of them.
 */
static bool access_per_irq(struct per_cpu *cpu, struct mmio_access *a,
			   u64 reg, u64 off, u32 num_irqs, const char *what)
{
	const struct cell *cell = cpu->cell;
	u64 base;

	if (off >= GICD_IGROUPR && off < GICD_ICACTIVER_END) {
		base = GICD_IGROUPR + (off - GICD_IGROUPR) / 0x80 * 0x80;
		if (base == GICD_IGROUPR)
			access_rmw(cpu, a, reg, irq_fields(cell, off, a->size,
				   base, 1, num_irqs), what);
		else
			access_w1(cpu, a, reg, irq_fields(cell, off, a->size,
				  base, 1, num_irqs), what);
	} else if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
		access_rmw(cpu, a, reg, irq_fields(cell, off, a->size,
			   GICD_IPRIORITYR, 8, num_irqs), what);
	} else if (off >= GICD_ICFGR && off < GICD_IGRPMODR) {
		access_rmw(cpu, a, reg, irq_fields(cell, off, a->size,
			   GICD_ICFGR, 2, num_irqs), what);
	} else if (off >= GICD_IGRPMODR && off < GICD_NSACR) {
		access_rmw(cpu, a, reg, irq_fields(cell, off, a->size,
			   GICD_IGRPMODR, 1, num_irqs), what);
	} else {
		return false;
	}
	return true;
}

/* The cell running the CPU with these affinity fields (GICR_TYPER's). */
static const struct cell *cell_of_affinity(u64 aff)
{
	unsigned int n;

	for (n = 0; n < HV_MAX_CPUS; n++) {
		const struct per_cpu *cpu = &per_cpu_area[n];

		if (cpu->entered && gicv3_mpidr_to_aff(cpu->hw_id) == aff)
			return cpu->cell;
	}
	return NULL;
}

/*
 * GICD_IROUTER<n>: a cell may route its interrupt to its own CPUs only,
 * and never with 1-of-N routing, which would let the GIC pick any CPU.
 */
static void access_irouter(struct per_cpu *cpu, struct mmio_access *a,
			   u64 reg, u32 intid)
{
	u64 aff = ((a->value >> 8) & 0xff000000ULL) |
		  (a->value & 0xffffffULL);
	struct fields f = { 0, 0 };

	if (a->size == 8 && gicv3_cell_owns_irq(cpu->cell, intid))
		f.owned = ~0ULL;
	if (a->write && f.owned && ((a->value & IROUTER_IRM) ||
				    cell_of_affinity(aff) != cpu->cell)) {
		deny(cpu, "GICD_IROUTER (target CPU not the cell's)", a, 0);
		return;
	}
	access_rmw(cpu, a, reg, f, "GICD");
}

static void access_global(struct per_cpu *cpu, struct mmio_access *a,
			  u64 reg)
{
	if (!a->write)
		a->value = mmio_read(reg, a->size);
	else if (cpu->cell == &root_cell)
		mmio_write(reg, a->value, a->size);
	else
		deny(cpu, "GICD", a, 0);
}

static void gicd_access(struct per_cpu *cpu, struct mmio_access *a, u64 off)
{
	u64 reg = system_config->platform.arch.arm64.gicd_base + off;

	if (off % a->size) {
		/* The GIC makes unaligned accesses UNPREDICTABLE: refuse. */
		deny(cpu, "unaligned GICD", a, 0);
		a->value = 0;
		return;
	}
	if (access_per_irq(cpu, a, reg, off, MAX_IRQS, "GICD"))
		return;
	if (off >= GICD_IROUTER && off < GICD_IROUTER_END) {
		access_irouter(cpu, a, reg, (off - GICD_IROUTER) / 8);
	} else if (off == GICD_SETSPI_NSR || off == GICD_CLRSPI_NSR) {
		if (a->write &&
		    gicv3_cell_owns_irq(cpu->cell, a->value & 0x3ff))
			mmio_write(reg, a->value, a->size);
		else if (a->write)
			deny(cpu, "GICD", a, 0);
		else
			a->value = 0;
	} else if (off < GICD_IGROUPR || off >= GICD_ID_REGS) {
		access_global(cpu, a, reg);
	} else {
		/* ITARGETSR, NSACR, reserved: RAZ/WI with affinity routing. */
		a->value = 0;
	}
}

/* The redistributor frame of the CPU with this MPIDR, 0 if none. */
u64 gicv3_redistributor(u64 mpidr)
{
	const struct bulkhead_platform *p = &system_config->platform;
	u64 aff = gicv3_mpidr_to_aff(mpidr), frame;
	u32 n;

	for (n = 0; n < p->num_cpus; n++) {
		frame = p->arch.arm64.gicr_base +
			(u64)n * p->arch.arm64.gicr_stride;
		if (mmio_read(frame + GICR_TYPER, 8) >> 32 == aff)
			return frame;
	}
	return 0;
}

/* The cell runs (or, for the root cell, no other cell runs) this CPU. */
static bool owns_redistributor(const struct cell *cell, u64 frame)
{
	u32 stride = system_config->platform.arch.arm64.gicr_stride;
	u64 base = system_config->platform.arch.arm64.gicr_base;
	u64 aff = mmio_read(base + frame * stride + GICR_TYPER, 8) >> 32;
	const struct cell *owner = cell_of_affinity(aff);

	return owner ? owner == cell : cell == &root_cell;
}

/*
 * A redistributor frame that is the cell's: in the SGI frame, the fields
 * of the hypervisor's maintenance interrupt stay its own; a non-root cell
 * may wake the redistributor (WAKER) but not change anything else of the
 * control frame (LPI tables could point the GIC at any memory).
 */
static void gicr_owned_access(struct per_cpu *cpu, struct mmio_access *a,
			      u64 reg, u64 off_in_frame)
{
	if (off_in_frame >= GICR_SGI_BASE &&
	    access_per_irq(cpu, a, reg, off_in_frame - GICR_SGI_BASE, 32,
			   "GICR"))
		return;
	if (!a->write)
		a->value = mmio_read(reg, a->size);
	else if (cpu->cell == &root_cell || off_in_frame == GICR_WAKER)
		mmio_write(reg, a->value, a->size);
	else
		deny(cpu, "GICR", a, 0);
}

static void gicr_access(struct per_cpu *cpu, struct mmio_access *a, u64 off)
{
	const struct bulkhead_arm64_platform *p =
		&system_config->platform.arch.arm64;

	if (off % a->size || !owns_redistributor(cpu->cell,
						 off / p->gicr_stride)) {
		if (a->write)
			deny(cpu, "GICR", a, 0);
		a->value = 0;
		return;
	}
	gicr_owned_access(cpu, a, p->gicr_base + off, off % p->gicr_stride);
}

/*
 * The cell's interrupt lines change hands (create, destroy): nothing
 * enabled, pending or active may pass from one owner to the next. A
 * cell's lines start routed to its first CPU.
 */
static void quiesce_spis(const struct cell *cell, const u32 *spis,
			 bool route)
{
	u64 gicd = system_config->platform.arch.arm64.gicd_base;
	u64 target = 0;
	unsigned int n;
	u32 intid, bit;

	for (n = 0; n < HV_MAX_CPUS; n++)
		if (per_cpu_area[n].cell == cell) {
			target = gicv3_mpidr_to_aff(per_cpu_area[n].hw_id);
			target = ((target & 0xff000000ULL) << 8) |
				 (target & 0xffffffULL);
			break;
		}
	for (intid = 32; intid < MAX_IRQS; intid++) {
		if (!((spis[intid / 32] >> (intid % 32)) & 1))
			continue;
		bit = 1U << (intid % 32);
		mmio_write32(gicd + GICD_ICENABLER + intid / 32 * 4, bit);
		mmio_write32(gicd + GICD_ICPENDR + intid / 32 * 4, bit);
		mmio_write32(gicd + GICD_ICACTIVER + intid / 32 * 4, bit);
		if (route)
			mmio_write(gicd + GICD_IROUTER + intid * 8, target, 8);
	}
}

void gicv3_cell_take_irqs(const struct cell *cell)
{
	update_owners(NULL);
	quiesce_spis(cell, spis_of(cell), true);
}

void gicv3_cell_return_irqs(const struct cell *cell)
{
	u32 spis[IRQ_WORDS];

	memcpy(spis, spis_of(cell), sizeof(spis));
	update_owners(cell);
	quiesce_spis(cell, spis, false);
}

/*
 * A CPU starting in a non-root cell: its SGIs and PPIs start disabled,
 * not pending and inactive, whatever the previous owner left; the
 * hypervisor's own interrupts are enabled (Linux disables them all when
 * it takes a CPU offline).
 */
void gicv3_redistributor_reset(const struct per_cpu *cpu)
{
	u64 sgi = gicv3_redistributor(cpu->hw_id) + GICR_SGI_BASE;
	u32 keep = (1U << GICV3_MAINTENANCE_INTID) | (1U << GICV3_KICK_SGI);

	if (sgi == GICR_SGI_BASE)
		return;
	mmio_write32(sgi + GICD_ICENABLER, ~keep);
	mmio_write32(sgi + GICD_ICPENDR, ~keep);
	mmio_write32(sgi + GICD_ICACTIVER, ~keep);
	mmio_write32(sgi + GICD_ISENABLER, keep);
}

int gicv3_mmio_init(struct cell *cell)
{
	const struct bulkhead_platform *p = &system_config->platform;
	const struct bulkhead_arm64_platform *a = &p->arch.arm64;
	int err;

	if (a->gic_version != BULKHEAD_GIC_V3)
		return -BULKHEAD_EINVAL;
	if (cell == &root_cell)
		update_owners(NULL);
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
