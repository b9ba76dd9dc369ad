// SPDX-License-Identifier: GPL-2.0
/*
 * Enable and disable: put the image and the config into the hypervisor's
 * memory region and move every online CPU into it through the kernel's
 * hyp stub, and back.
 *
 * CPUs enter one after another (smp_call_function_single): the hypervisor
 * has no locks before its MMU is on (exclusives need Normal memory). The
 * driver never executes the image itself: the mapping is non-executable
 * (ioremap since 5.14) and all code runs at EL2.
 */
#include "bulkhead.h"

#include <linux/cpu.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/smp.h>

#include <bulkhead/hypercall.h>

struct hv_region {
	phys_addr_t phys;
	size_t size;
	void *virt;
	struct resource res;
};

static struct hv_region region;
static bool enabled;
/*
 * CPUs inside the hypervisor. While enabled, CPU hotplug works through
 * the hypervisor's PSCI emulation: an offline CPU stays parked inside it
 * and cannot be taken out, so disable needs all of them online.
 */
static struct cpumask entered_cpus;

bool bh_is_enabled(void)
{
	return READ_ONCE(enabled);
}

int bh_get_info(unsigned long item, unsigned long arg, u64 *value)
{
	struct bh_hvc_result res;

	if (!enabled)
		return -ENODEV;
	/* Every online CPU is inside while enabled (PSCI keeps it so). */
	res = bh_hypercall(BULKHEAD_HC_GET_INFO, item, arg);
	if (res.code)
		return res.code == -BULKHEAD_ENOENT ? -ENOENT : -EIO;
	*value = res.value;
	return 0;
}

/* EL2 runs with caches off: push our writes all the way to memory. */
static void clean_inval_poc(void *start, size_t size)
{
	u64 ctr = read_sysreg(ctr_el0);
	size_t line = 4 << ((ctr >> 16) & 0xf);
	unsigned long p = (unsigned long)start & ~(line - 1);
	unsigned long end = (unsigned long)start + size;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	dsb(sy);
	asm volatile("ic iallu" : : : "memory");
	dsb(sy);
	isb();
}

/*
 * The region is entered in /proc/iomem so that no one else claims it, but
 * not as busy: with IO_STRICT_DEVMEM a busy region would make the kernel
 * refuse /dev/mem before any access, whereas a reader who gets through
 * must meet the hypervisor's stage 2 (which does not map the region) and
 * be stopped there, like any other access outside the root cell.
 */
static int map_region(const struct bulkhead_memory *mem, struct bh_reason *r)
{
	region.phys = mem->phys_start;
	region.size = mem->size;
	region.res = (struct resource) {
		.name = "Bulkhead hypervisor",
		.start = region.phys,
		.end = region.phys + region.size - 1,
		.flags = IORESOURCE_MEM,
	};
	if (request_resource(&iomem_resource, &region.res))
		return bh_fail(r, -EBUSY,
			       "hypervisor memory %pa+0x%zx is claimed by someone else",
			       &region.phys, region.size);
	region.virt = memremap(region.phys, region.size, MEMREMAP_WB);
	if (!region.virt) {
		release_resource(&region.res);
		return bh_fail(r, -ENOMEM, "cannot map hypervisor memory %pa",
			       &region.phys);
	}
	return 0;
}

/*
 * Drop our mapping as soon as the copy is done: a cacheable alias at EL1
 * could pull lines of the region into the caches (speculation) while the
 * hypervisor still runs with its caches off, and hand it stale data once
 * they are on. The region stays claimed.
 */
static void drop_mapping(void)
{
	if (region.virt)
		memunmap(region.virt);
	region.virt = NULL;
}

static void unmap_region(void)
{
	drop_mapping();
	release_resource(&region.res);
}

/*
 * Image, zeroes up to the core's end (the file omits the image's zero tail
 * and the bss), then the config right behind the core.
 */
static int install(const struct firmware *fw,
		   const struct bulkhead_system *sys, size_t size,
		   struct bh_reason *r)
{
	const struct bulkhead_header *h = (const void *)fw->data;

	if (h->core_size > region.size || size > region.size - h->core_size)
		return bh_fail(r, -EINVAL,
			       "hypervisor memory (0x%zx bytes) cannot hold the image core (0x%llx) and the config (0x%zx)",
			       region.size, h->core_size, size);
	memcpy(region.virt, fw->data, fw->size);
	memset(region.virt + fw->size, 0, h->core_size - fw->size);
	memcpy(region.virt + h->core_size, sys, size);
	clean_inval_poc(region.virt, h->core_size + size);
	return 0;
}

struct cpu_call {
	unsigned long vectors;	/* image entry vectors, physical */
	unsigned long stub;	/* kernel stub vectors, physical */
	long code;
	unsigned long value;
	bool vectors_set;
};

static void enter_cpu(void *data)
{
	struct cpu_call *c = data;
	struct bh_hvc_result res;

	c->code = bh_stub_hvc(BULKHEAD_STUB_SET_VECTORS, c->vectors);
	if (c->code)
		return;
	c->vectors_set = true;
	res = bh_hypercall(BULKHEAD_HC_CPU_ENTER, smp_processor_id(),
			   c->stub);
	c->code = res.code;
	c->value = res.value;
}

static void leave_cpu(void *data)
{
	struct cpu_call *c = data;

	c->code = bh_hypercall(BULKHEAD_HC_DISABLE, 0, 0).code;
	/* The stub must be back and answering. */
	c->value = bh_stub_hvc(BH_STUB_PROBE_CALL, 0);
}

/* Take these CPUs back out of the hypervisor; the stub must answer again. */
static int leave_cpus(const struct cpumask *cpus, struct bh_reason *r)
{
	struct cpu_call c;
	unsigned int cpu;
	int err = 0;

	for_each_cpu(cpu, cpus) {
		memset(&c, 0, sizeof(c));
		smp_call_function_single(cpu, leave_cpu, &c, 1);
		if (c.code || c.value != BULKHEAD_STUB_ERR)
			err = bh_fail(r, -EIO,
				      "CPU %u did not leave the hypervisor (code %ld, stub answer 0x%lx)",
				      cpu, c.code, c.value);
	}
	return err;
}

static int enter_cpus(const struct bulkhead_header *h, phys_addr_t stub,
		      struct bh_reason *r)
{
	struct cpu_call c;
	struct cpumask *done = &entered_cpus;
	unsigned int cpu, n = 0;
	int err = 0;

	cpumask_clear(done);
	for_each_online_cpu(cpu) {
		memset(&c, 0, sizeof(c));
		c.vectors = region.phys + h->entry;
		c.stub = stub;
		smp_call_function_single(cpu, enter_cpu, &c, 1);
		if (c.code || c.value != ++n) {
			err = bh_fail(r, -EIO,
				      "CPU %u did not enter the hypervisor: %s %ld (0x%lx), %lu CPUs in",
				      cpu, c.vectors_set ? "hypercall" :
				      "stub HVC_SET_VECTORS", c.code,
				      (unsigned long)c.code, c.value);
			break;
		}
		cpumask_set_cpu(cpu, done);
	}
	if (err) {
		struct bh_reason ignored;

		leave_cpus(done, &ignored);
	}
	return err;
}

int bh_enable(const struct bulkhead_system *sys, size_t size,
	      struct bh_reason *r)
{
	const struct firmware *fw;
	phys_addr_t stub;
	int err;

	if (enabled)
		return bh_fail(r, -EBUSY, "the hypervisor is already enabled");
	err = bh_check_system_config(sys, size, r);
	if (err)
		return err;
	err = bh_stub_vectors_pa(&stub, r);
	if (err)
		return err;
	err = bh_load_image(bulkhead_root, &fw, r);
	if (err)
		return err;
	err = map_region(&sys->hypervisor_memory, r);
	if (err)
		goto out_fw;
	err = install(fw, sys, size, r);
	drop_mapping();
	if (err)
		goto out_unmap;

	cpus_read_lock();
	err = bh_el2_check(r);
	if (!err)
		err = enter_cpus((const void *)fw->data, stub, r);
	if (!err)
		WRITE_ONCE(enabled, true);
	cpus_read_unlock();
	if (err)
		goto out_unmap;
	err = bh_console_attach();
	if (err)	/* the hypervisor runs; only its console is missing */
		pr_warn("console ring not available: %d\n", err);
	/* Likewise: without it, only the ivshmem devices are missing. */
	bh_vpci_attach(sys);

	__module_get(THIS_MODULE);
	pr_info("hypervisor enabled on %u CPUs\n", num_online_cpus());
	release_firmware(fw);
	return 0;

out_unmap:
	unmap_region();
out_fw:
	release_firmware(fw);
	return err;
}

int bh_disable(struct bh_reason *r)
{
	int err;

	if (!enabled)
		return bh_fail(r, -EINVAL, "the hypervisor is not enabled");
	if (bh_cells_exist())
		return bh_fail(r, -EBUSY,
			       "cells exist: destroy them before disable");
	/* Devices go before the hypervisor that emulates them. */
	bh_vpci_detach();
	cpus_read_lock();
	if (!cpumask_subset(&entered_cpus, cpu_online_mask)) {
		cpumask_var_t off;

		if (zalloc_cpumask_var(&off, GFP_KERNEL)) {
			cpumask_andnot(off, &entered_cpus, cpu_online_mask);
			err = bh_fail(r, -EBUSY,
				      "CPUs %*pbl are offline, parked in the hypervisor: bring them online before disable",
				      cpumask_pr_args(off));
			free_cpumask_var(off);
		} else {
			err = bh_fail(r, -EBUSY,
				      "some CPUs are offline, parked in the hypervisor: bring them online before disable");
		}
		cpus_read_unlock();
		return err;
	}
	bh_console_detach();
	err = leave_cpus(&entered_cpus, r);
	if (!err)
		WRITE_ONCE(enabled, false);
	cpus_read_unlock();
	if (err) {
		bh_console_attach();
		bh_vpci_reattach();
		return err;
	}
	unmap_region();
	module_put(THIS_MODULE);
	pr_info("hypervisor disabled\n");
	return 0;
}
