// SPDX-License-Identifier: GPL-2.0
/*
 * A CPU entering the hypervisor (printing the banner, recording its arrival)
 * and leaving it again.
 */
#include <bulkhead/header.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/version.h>
#include <hv/arch.h>
#include <hv/entry.h>
#include <hv/page_pool.h>
#include <hv/printk.h>
#include <hv/system_config.h>

#define STUB_VECTORS_ALIGN	0x800

u64 stub_vectors;
/* Only changed with CPUs entering one at a time (see printk.c). */
static unsigned int cpus_entered;

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
			   (end - start) / PAGE_SIZE)) {
		printk("Bulkhead: no room for the page pool\n");
		return -BULKHEAD_EINVAL;
	}
	printk("Bulkhead: page pool: %lu/%lu pages used\n",
	       (unsigned long)mem_pool.used, (unsigned long)mem_pool.pages);
	return 0;
}

/*
 * The first CPU in finds the config, brings up the console and the page
 * pool.
 */
static int first_cpu_setup(void)
{
	const struct bulkhead_console *con;
	int err;

	err = system_config_init(__core_end, arch_image_base());
	if (err)
		return err;
	con = &system_config->debug_console;
	err = arch_console_init(con->address, con->type, con->flags);
	if (err)
		return err;
	return pool_setup();
}

int cpu_enter(struct per_cpu *cpu, u64 cpu_id, u64 stub, u64 *entered)
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

	cpu->cpu_id = cpu_id;
	cpu->hw_id = arch_cpu_hw_id();
	cpu->entries++;
	cpu->entered = true;
	cpus_entered++;
	*entered = cpus_entered;
	printk("Bulkhead hypervisor %s: CPU %u at EL%u (MPIDR 0x%lx), "
	       "%u CPU(s) in\n", BULKHEAD_VERSION, cpu->cpu_id,
	       arch_current_el(), (unsigned long)cpu->hw_id, cpus_entered);
	return 0;
}

int cpu_leave(struct per_cpu *cpu)
{
	if (!cpu->entered)
		return -BULKHEAD_EPERM;
	cpu->entered = false;
	cpus_entered--;
	printk("Bulkhead: CPU %u left, %u CPU(s) remain\n", cpu->cpu_id,
	       cpus_entered);
	return 0;
}
