// SPDX-License-Identifier: GPL-2.0
/*
 * Cell management hypercalls from the root cell: create, set-loadable,
 * start, shutdown, destroy, state. The root cell is not trusted: the
 * config is copied into the hypervisor and checked against the root cell
 * and the other cells (CPUs, memory, interrupt lines) before anything
 * changes. Serialised by control_lock; a cell's failing CPU never takes
 * it (it only marks its cell and parks), so waiting for CPUs under the
 * lock cannot deadlock.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/ivshmem.h>
#include <hv/hv_map.h>
#include <hv/mmio.h>
#include <hv/percpu.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/system_config.h>
#include <arch/percpu.h>

/* How long stopped CPUs may take to reach their park loop. */
#define STOP_TIMEOUT_MS		2000

static spinlock_t control_lock;

static struct cell *cell_by_id(u64 id)
{
	if (id < 1 || id > HV_MAX_CELLS || !cells[id - 1].id)
		return NULL;
	return &cells[id - 1];
}

static bool ram_of_root(u64 pa, u64 size)
{
	const struct bulkhead_memory *r =
		bulkhead_cell_memory_regions(root_cell.config);
	unsigned int n;

	for (n = 0; n < root_cell.config->num_memory_regions; n++, r++)
		if (!(r->flags & BULKHEAD_MEM_IO) && pa >= r->phys_start &&
		    pa + size <= r->phys_start + r->size &&
		    pa + size > pa)
			return true;
	return false;
}

/* Copy the root's config into pool pages through a temporary mapping. */
static int copy_config(struct cell *cell, u64 pa, u64 size)
{
	u64 start = pa & ~(PAGE_SIZE - 1);
	u64 len = ((pa + size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)) - start;
	u32 pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	void *copy;
	int err;

	if (!size || size > BULKHEAD_CELL_CONFIG_MAX || !ram_of_root(pa, size))
		return -BULKHEAD_EINVAL;
	copy = page_alloc(&mem_pool, pages);
	if (!copy)
		return -BULKHEAD_ENOMEM;
	hv_paging.flush = arch_hv_map_flush;
	err = paging_map(&hv_paging, start, start, len, PAGING_READ);
	if (!err)
		memcpy(copy, (void *)(uintptr_t)pa, size);
	paging_unmap(&hv_paging, start, len);
	arch_hv_map_flush(&hv_paging);
	if (err) {
		page_free(&mem_pool, copy, pages);
		return err;
	}
	cell->config = copy;
	cell->config_pages = pages;
	return 0;
}

static bool pin_in(const struct bulkhead_cell_desc *desc,
		   const struct bulkhead_irqchip *chip, u32 pin)
{
	const struct bulkhead_irqchip *c = bulkhead_cell_irqchips(desc);
	unsigned int n;
	u32 bit;

	for (n = 0; n < desc->num_irqchips; n++, c++) {
		if (c->address != chip->address || pin < c->pin_base ||
		    pin >= c->pin_base + BULKHEAD_IRQCHIP_PINS)
			continue;
		bit = pin - c->pin_base;
		if (c->pin_bitmap[bit / 32] & (1U << (bit % 32)))
			return true;
	}
	return false;
}

static int check_irqs(const struct cell *cell)
{
	const struct bulkhead_irqchip *chip =
		bulkhead_cell_irqchips(cell->config);
	unsigned int n, bit, c;
	u32 pin;

	for (n = 0; n < cell->config->num_irqchips; n++, chip++) {
		for (bit = 0; bit < BULKHEAD_IRQCHIP_PINS; bit++) {
			if (!(chip->pin_bitmap[bit / 32] & (1U << (bit % 32))))
				continue;
			pin = chip->pin_base + bit;
			if (!pin_in(root_cell.config, chip, pin)) {
				printk("Bulkhead: cell \"%s\": interrupt %u is "
				       "not the root cell's\n",
				       cell->config->name, pin);
				return -BULKHEAD_EINVAL;
			}
			for (c = 0; c < HV_MAX_CELLS; c++)
				if (cells[c].id && &cells[c] != cell &&
				    pin_in(cells[c].config, chip, pin)) {
					printk("Bulkhead: cell \"%s\": interrupt "
					       "%u is cell \"%s\"'s\n",
					       cell->config->name, pin,
					       cells[c].config->name);
					return -BULKHEAD_EBUSY;
				}
		}
	}
	return 0;
}

static int check_cpus(struct cell *cell)
{
	const struct bulkhead_cell_desc *desc = cell->config;
	struct per_cpu *cpu;
	unsigned int n;

	cell->cpu_set = 0;
	for (n = 0; n < BULKHEAD_MAX_CPUS; n++) {
		if (!bulkhead_cell_has_cpu(desc, n))
			continue;
		cpu = &per_cpu_area[n];
		if (n >= HV_MAX_CPUS || !cpu->entered ||
		    cpu->cell != &root_cell) {
			printk("Bulkhead: cell \"%s\": CPU %u is not the root "
			       "cell's\n", desc->name, n);
			return -BULKHEAD_EBUSY;
		}
		if (__atomic_load_n(&cpu->arch.psci_state, __ATOMIC_ACQUIRE) !=
		    PSCI_CPU_OFF) {
			printk("Bulkhead: cell \"%s\": CPU %u is not offline "
			       "in the root cell\n", desc->name, n);
			return -BULKHEAD_EBUSY;
		}
		cell->cpu_set |= 1ULL << n;
	}
	if (!cell->cpu_set) {
		printk("Bulkhead: cell \"%s\": no CPU\n", desc->name);
		return -BULKHEAD_EINVAL;
	}
	return 0;
}

/* Owned memory: inside one root region, in no other cell. */
static int check_memory(const struct cell *cell)
{
	const struct bulkhead_memory *mem =
		bulkhead_cell_memory_regions(cell->config);
	const struct bulkhead_memory *r, *o;
	unsigned int n, k, c, j;
	bool inside;

	for (n = 0; n < cell->config->num_memory_regions; n++, mem++) {
		if (mem->flags & BULKHEAD_MEM_COMM_REGION)
			continue;
		r = bulkhead_cell_memory_regions(root_cell.config);
		inside = false;
		for (k = 0; k < root_cell.config->num_memory_regions; k++, r++)
			if (mem->phys_start >= r->phys_start &&
			    mem->phys_start + mem->size <=
			    r->phys_start + r->size)
				inside = true;
		if (!inside) {
			printk("Bulkhead: cell \"%s\": memory 0x%lx+0x%lx is "
			       "not the root cell's\n", cell->config->name,
			       (unsigned long)mem->phys_start,
			       (unsigned long)mem->size);
			return -BULKHEAD_EINVAL;
		}
		if (mem->flags & BULKHEAD_MEM_ROOTSHARED)
			continue;
		for (c = 0; c < HV_MAX_CELLS; c++) {
			if (!cells[c].id || &cells[c] == cell)
				continue;
			o = bulkhead_cell_memory_regions(cells[c].config);
			for (j = 0; j < cells[c].config->num_memory_regions;
			     j++, o++)
				if (!(o->flags & BULKHEAD_MEM_COMM_REGION) &&
				    o->phys_start < mem->phys_start + mem->size &&
				    mem->phys_start < o->phys_start + o->size) {
					printk("Bulkhead: cell \"%s\": memory "
					       "0x%lx+0x%lx is cell \"%s\"'s\n",
					       cell->config->name,
					       (unsigned long)mem->phys_start,
					       (unsigned long)mem->size,
					       cells[c].config->name);
					return -BULKHEAD_EBUSY;
				}
		}
	}
	return 0;
}

static void assign_cpus(struct cell *cell, struct cell *to)
{
	unsigned int n;

	for (n = 0; n < HV_MAX_CPUS; n++)
		if (cell->cpu_set & (1ULL << n))
			per_cpu_area[n].cell = to;
}

static void release_cell(struct cell *cell)
{
	pci_cell_exit(cell);
	arch_virq_reset(cell->cpu_set);
	mmio_unregister_cell(cell);
	comm_region_free(cell);
	cell_unmap(cell);
	if (cell->config)
		page_free(&mem_pool, (void *)cell->config, cell->config_pages);
	memset(cell, 0, sizeof(*cell));
}

static s64 create(u64 pa, u64 size, u64 *id)
{
	struct cell *cell = NULL;
	unsigned int n;
	int err;

	for (n = 0; n < HV_MAX_CELLS && !cell; n++)
		if (!cells[n].id && !cells[n].config)
			cell = &cells[n];
	if (!cell)
		return -BULKHEAD_ENOMEM;
	err = copy_config(cell, pa, size);
	if (err)
		return err;
	err = cell_check_config(cell->config, size);
	if (!err)
		err = check_cpus(cell);
	if (!err)
		err = check_memory(cell);
	if (!err)
		err = check_irqs(cell);
	if (!err)
		err = arch_cell_irqchip_init(cell);
	cell->vmid = n;		/* slot n - 1, id n; the root is VMID 0 */
	if (!err)
		err = comm_region_alloc(cell);
	if (!err)
		err = cell_map(cell);
	if (!err)
		err = root_take(cell, false);
	if (!err)
		err = pci_cell_init(cell);
	if (err) {
		if (cell->stage2.root || cell->comm)
			root_give(cell, false);
		release_cell(cell);
		return err;
	}
	cell->id = n;
	cell->state = BULKHEAD_CELL_STATE_SHUT_DOWN;
	assign_cpus(cell, cell);
	arch_cell_irqchip_take(cell);
	*id = n;
	printk("Bulkhead: cell \"%s\" created (id %u), pool %lu/%lu pages\n",
	       cell->config->name, n, (unsigned long)mem_pool.used,
	       (unsigned long)mem_pool.pages);
	return 0;
}

static bool all_parked(const struct cell *cell)
{
	unsigned int n;

	for (n = 0; n < HV_MAX_CPUS; n++)
		if (cell->cpu_set & (1ULL << n) &&
		    __atomic_load_n(&per_cpu_area[n].arch.psci_state,
				    __ATOMIC_ACQUIRE) != PSCI_CPU_OFF)
			return false;
	return true;
}

/* A kick for each of the cell's CPUs but the caller's. */
static void kick_cpus(const struct cell *cell, const struct per_cpu *self)
{
	unsigned int n;

	for (n = 0; n < HV_MAX_CPUS; n++)
		if (cell->cpu_set & (1ULL << n) && &per_cpu_area[n] != self)
			arch_cpu_kick(&per_cpu_area[n]);
}

/*
 * Revoke the cell's stage 2: each of its CPUs faults at its next access
 * (one asleep in WFI is kicked awake first) and parks (cell_cpu_stop).
 * Bounded wait.
 */
static int stop_cpus(struct cell *cell)
{
	u64 deadline = arch_time_ms() + STOP_TIMEOUT_MS;

	spin_lock(&cell->stage2_lock);
	__atomic_store_n(&cell->stopping, true, __ATOMIC_RELEASE);
	cell_unmap(cell);
	spin_unlock(&cell->stage2_lock);
	kick_cpus(cell, NULL);
	while (!all_parked(cell)) {
		if (arch_time_ms() > deadline) {
			printk("Bulkhead: cell \"%s\": CPUs did not stop\n",
			       cell->config->name);
			return -BULKHEAD_ETIMEDOUT;
		}
		arch_spin_pause();
	}
	return 0;
}

static u32 current_state(struct cell *cell)
{
	u32 state = __atomic_load_n(&cell->state, __ATOMIC_ACQUIRE);

	if (state == BULKHEAD_CELL_STATE_RUNNING && cell->comm &&
	    __atomic_load_n(&cell->comm->cell_state, __ATOMIC_ACQUIRE) ==
	    BULKHEAD_CELL_RUNNING_LOCKED)
		return BULKHEAD_CELL_STATE_LOCKED;
	return state;
}

static bool running(struct cell *cell)
{
	u32 state = current_state(cell);

	return state == BULKHEAD_CELL_STATE_RUNNING ||
	       state == BULKHEAD_CELL_STATE_LOCKED;
}

static s64 shutdown(struct cell *cell, bool force)
{
	int err;

	if (running(cell) && !force) {
		err = comm_region_ask_shutdown(cell);
		if (err)
			return err;
	}
	if (!all_parked(cell) || cell->stage2.root) {
		err = stop_cpus(cell);
		if (err)
			return err;
	}
	if (current_state(cell) != BULKHEAD_CELL_STATE_FAILED)
		__atomic_store_n(&cell->state, BULKHEAD_CELL_STATE_SHUT_DOWN,
				 __ATOMIC_RELEASE);
	pci_cell_reset(cell);
	printk("Bulkhead: cell \"%s\" shut down\n", cell->config->name);
	return 0;
}

static s64 set_loadable(struct cell *cell)
{
	int err;

	if (running(cell))
		return -BULKHEAD_EBUSY;
	if (cell->loadable)
		return 0;
	err = root_give(cell, true);
	if (!err)
		cell->loadable = true;
	return err;
}

static s64 start(struct cell *cell)
{
	unsigned int n;
	int err;

	if (running(cell) || !all_parked(cell))
		return -BULKHEAD_EBUSY;
	if (cell->loadable) {
		err = root_take(cell, true);
		if (err)
			return err;
		cell->loadable = false;
	}
	if (!cell->stage2.root) {
		err = cell_map(cell);
		if (err)
			return err;
	}
	comm_region_reset(cell);
	pci_cell_reset(cell);
	__atomic_store_n(&cell->stopping, false, __ATOMIC_RELEASE);
	__atomic_store_n(&cell->state, BULKHEAD_CELL_STATE_RUNNING,
			 __ATOMIC_RELEASE);
	printk("Bulkhead: cell \"%s\" started at 0x%lx\n", cell->config->name,
	       (unsigned long)cell->config->cpu_reset_address);
	for (n = 0; n < HV_MAX_CPUS; n++)
		if (cell->cpu_set & (1ULL << n))
			arch_cpu_release(&per_cpu_area[n],
					 cell->config->cpu_reset_address, 0);
	return 0;
}

/* The CPUs stay parked, now the root cell's: Linux brings them online. */
static s64 destroy(struct cell *cell)
{
	s64 err;

	err = shutdown(cell, false);
	if (err)
		return err;
	arch_cell_irqchip_exit(cell);
	assign_cpus(cell, &root_cell);
	err = root_give(cell, false);
	if (err)
		printk("Bulkhead: cell \"%s\": memory not fully returned "
		       "(%d)\n", cell->config->name, (int)err);
	printk("Bulkhead: cell \"%s\" destroyed\n", cell->config->name);
	release_cell(cell);
	printk("Bulkhead: page pool: %lu/%lu pages used after cell "
	       "destroy\n", (unsigned long)mem_pool.used,
	       (unsigned long)mem_pool.pages);
	return err;
}

static s64 by_id(u64 code, struct cell *cell, u64 arg2, u64 *value)
{
	switch (code) {
	case BULKHEAD_HC_CELL_START:
		return start(cell);
	case BULKHEAD_HC_CELL_SET_LOADABLE:
		return set_loadable(cell);
	case BULKHEAD_HC_CELL_SHUTDOWN:
		return shutdown(cell, arg2 & BULKHEAD_FORCE);
	case BULKHEAD_HC_CELL_DESTROY:
		return destroy(cell);
	case BULKHEAD_HC_CELL_GET_STATE:
		*value = current_state(cell);
		return 0;
	default:
		return -BULKHEAD_ENOSYS;
	}
}

s64 cell_management(struct per_cpu *cpu, u64 code, u64 arg1, u64 arg2,
		    u64 *value)
{
	struct cell *cell;
	s64 err;

	if (cpu->cell != &root_cell)
		return -BULKHEAD_EPERM;
	spin_lock(&control_lock);
	if (code == BULKHEAD_HC_CELL_CREATE) {
		err = create(arg1, arg2, value);
	} else {
		cell = cell_by_id(arg1);
		err = cell ? by_id(code, cell, arg2, value) :
			     -BULKHEAD_ENOENT;
	}
	spin_unlock(&control_lock);
	return err;
}

/*
 * Runs on the cell's own CPU. The first CPU to fail revokes the stage 2:
 * the others then fault and park too.
 */
void cell_cpu_stop(struct per_cpu *cpu, struct trap_frame *frame,
		   bool failed)
{
	struct cell *cell = cpu->cell;

	spin_lock(&cell->stage2_lock);
	if (failed && !cell->stopping)
		__atomic_store_n(&cell->state, BULKHEAD_CELL_STATE_FAILED,
				 __ATOMIC_RELEASE);
	__atomic_store_n(&cell->stopping, true, __ATOMIC_RELEASE);
	cell_unmap(cell);
	spin_unlock(&cell->stage2_lock);
	kick_cpus(cell, cpu);
	/* The peers learn now, not when the root gets round to it. */
	pci_cell_reset(cell);
	console_cell_flush(cpu);
	printk("Bulkhead: CPU %u parked (cell \"%s\" stopped)\n", cpu->cpu_id,
	       cell->config->name);
	/* From here on the root cell may destroy the cell: no more use. */
	__atomic_store_n(&cpu->arch.psci_state, PSCI_CPU_OFF,
			 __ATOMIC_RELEASE);
	arch_cpu_park(cpu, frame);
}
