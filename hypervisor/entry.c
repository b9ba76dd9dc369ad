// SPDX-License-Identifier: GPL-2.0
/*
 * A CPU entering the hypervisor (printing the banner, recording its arrival)
 * and leaving it again.
 */
#include <bulkhead/header.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/version.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/entry.h>
#include <hv/hv_map.h>
#include <hv/page_pool.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <hv/system_config.h>

#define STUB_VECTORS_ALIGN	0x800

u64 stub_vectors;
/*
 * CPUs inside. The first CPU reads it with its MMU still off (the driver
 * enters CPUs one after another); changes happen under entry_lock.
 */
static unsigned int cpus_entered;
static spinlock_t entry_lock;

extern u8 __core_end[];

/* The rest of the hypervisor's region, behind the config, is the pool. */
static int pool_setup(void)
{
	const struct bulkhead_memory *hv = &system_config->hypervisor_memory;
	u64 start = (uintptr_t)__core_end +
		    bulkhead_system_config_size(system_config);
	u64 end = arch_image_base() + hv->size;

	start = (start + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	if (start >= end ||
	    page_pool_init(&mem_pool, (void *)(uintptr_t)start,
			   (end - start) / PAGE_SIZE))
		return -BULKHEAD_EINVAL;
	return 0;
}

/*
 * Hand the region back clean: the driver's next copy and the CPUs leaving
 * with caches off must not meet dirty lines of ours.
 */
static void release_caches(void)
{
	if (arch_mmu_enabled())
		arch_dcache_clean_inval(arch_image_base(),
					system_config->hypervisor_memory.size);
}

/*
 * The first CPU in finds the config, takes the pool, builds the page
 * tables and switches its MMU on; everything after that runs cached.
 * Nothing is printed before the console is known.
 */
static int first_cpu_setup(void)
{
	const struct bulkhead_console *con;
	int err;

	err = system_config_init(__core_end, arch_image_base());
	if (err)
		return err;
	err = pool_setup();
	if (err)
		return err;
	err = hv_map_setup();
	if (err)
		return err;
	arch_mmu_on(hv_mmu_root);
	console_ring_init();
	con = &system_config->debug_console;
	err = arch_console_init(con->address, con->type, con->flags);
	if (err)
		return err;
	err = root_cell_init();
	if (err)
		return err;
	printk("Bulkhead: page pool: %lu/%lu pages used after setup\n",
	       (unsigned long)mem_pool.used, (unsigned long)mem_pool.pages);
	return 0;
}

static int enter_checked(struct per_cpu *cpu, u64 cpu_id, u64 stub)
{
	int err;

	if (cpu->entered)
		return -BULKHEAD_EBUSY;
	if (!stub || stub % STUB_VECTORS_ALIGN)
		return -BULKHEAD_EINVAL;
	if (cpus_entered == 0) {
		err = first_cpu_setup();
		if (err)
			return err;
		stub_vectors = stub;
	} else if (stub != stub_vectors) {
		return -BULKHEAD_EINVAL;
	}
	if (!bulkhead_cell_has_cpu(&system_config->root_cell, cpu_id))
		return -BULKHEAD_EINVAL;
	/*
	 * Before activation: it finds this CPU's redistributor by hw_id
	 * (the maintenance interrupt is enabled there) and names cpu_id.
	 */
	cpu->cpu_id = cpu_id;
	cpu->hw_id = arch_cpu_hw_id();
	return arch_cpu_activate(cpu, &root_cell);
}

/* The last CPU out (or a failed first entry) takes everything down. */
static void teardown(void)
{
	if (!arch_mmu_enabled())
		return;
	if (root_cell.stage2.root) {
		cell_destroy(&root_cell);
		printk("Bulkhead: page pool: %lu/%lu pages used after "
		       "teardown\n", (unsigned long)mem_pool.used,
		       (unsigned long)mem_pool.pages);
	}
	release_caches();
}

int cpu_enter(struct per_cpu *cpu, u64 cpu_id, u64 stub, u64 *entered)
{
	int err;

	err = enter_checked(cpu, cpu_id, stub);
	if (err) {
		if (cpus_entered == 0)
			teardown();
		return err;
	}
	spin_lock(&entry_lock);
	cpu->entries++;
	cpu->entered = true;
	*entered = ++cpus_entered;
	spin_unlock(&entry_lock);
	printk("Bulkhead hypervisor %s: CPU %u at EL%u (MPIDR 0x%lx), "
	       "%lu CPU(s) in, MMU on\n", BULKHEAD_VERSION, cpu->cpu_id,
	       arch_current_el(), (unsigned long)cpu->hw_id,
	       (unsigned long)*entered);
	return 0;
}

int cpu_leave(struct per_cpu *cpu)
{
	unsigned int left;

	if (!cpu->entered)
		return -BULKHEAD_EPERM;
	arch_cpu_deactivate(cpu);
	spin_lock(&entry_lock);
	cpu->entered = false;
	left = --cpus_entered;
	spin_unlock(&entry_lock);
	printk("Bulkhead: CPU %u left, %u CPU(s) remain\n", cpu->cpu_id,
	       left);
	if (left == 0)
		teardown();
	return 0;
}
