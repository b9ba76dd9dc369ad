// SPDX-License-Identifier: GPL-2.0
/*
 * Non-root cells: the create / load / start / shutdown / destroy ioctls
 * and /sys/devices/bulkhead/cells/<id>/{name,state,cpus,config}.
 *
 * Create takes the cell's CPUs from Linux first (remove_cpu: Linux calls
 * PSCI CPU_OFF and the hypervisor parks them), then hands the config to
 * the hypervisor, which checks it again against the root cell and the
 * other cells. Destroy gives them back with add_cpu (PSCI CPU_ON). Load
 * asks the hypervisor to map the loadable regions back into the root
 * cell and writes the image through a temporary mapping. All callers hold
 * the driver's lock.
 */
#include "bulkhead.h"

#include <linux/cpu.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <bulkhead/hypercall.h>

struct bh_cell {
	struct kobject kobj;
	struct list_head list;
	u32 id;
	struct bulkhead_cell_desc *config;	/* with its arrays */
	size_t size;
	struct cpumask cpus;
};

static LIST_HEAD(cells);
static struct kobject *cells_dir;

static struct bh_cell *to_cell(struct kobject *kobj)
{
	return container_of(kobj, struct bh_cell, kobj);
}

static const char *const state_names[] = {
	[BULKHEAD_CELL_STATE_SHUT_DOWN] = "shut down",
	[BULKHEAD_CELL_STATE_RUNNING] = "running",
	[BULKHEAD_CELL_STATE_LOCKED] = "running/locked",
	[BULKHEAD_CELL_STATE_FAILED] = "failed",
};

static int cell_state(const struct bh_cell *c, u32 *state)
{
	struct bh_hvc_result res;

	res = bh_hypercall(BULKHEAD_HC_CELL_GET_STATE, c->id, 0);
	if (res.code || res.value >= ARRAY_SIZE(state_names))
		return -EIO;
	*state = res.value;
	return 0;
}

static ssize_t name_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_cell(kobj)->config->name);
}

/*
 * Without bh_lock: destroy holds it while it removes this file, which
 * waits for readers here (a deadlock with a reader waiting for the lock).
 * The hypervisor stays enabled meanwhile (disable needs bh_lock, and no
 * cell may exist), and a cell destroyed under us answers ENOENT: -EIO.
 */
static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	u32 state;
	int err;

	err = cell_state(to_cell(kobj), &state);
	return err ? err : sysfs_emit(buf, "%s\n", state_names[state]);
}

static ssize_t cpus_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%*pbl\n", cpumask_pr_args(&to_cell(kobj)->cpus));
}

/*
 * The binary cell config the hypervisor was given, as created: what the
 * cell really runs, for tools that did not create it (webd shows its
 * memory regions and finds its ivshmem links with it). It never changes
 * while the cell exists, so no lock.
 */
static ssize_t config_read(struct file *file, struct kobject *kobj,
			   struct bin_attribute *attr, char *buf, loff_t off,
			   size_t count)
{
	const struct bh_cell *c = to_cell(kobj);

	return memory_read_from_buffer(buf, count, &off, c->config, c->size);
}

static struct kobj_attribute name_attr = __ATTR_RO(name);
static struct kobj_attribute state_attr = __ATTR_RO(state);
static struct kobj_attribute cpus_attr = __ATTR_RO(cpus);
static BIN_ATTR_RO(config, 0);

static struct attribute *cell_attrs[] = {
	&name_attr.attr,
	&state_attr.attr,
	&cpus_attr.attr,
	NULL,
};

static struct bin_attribute *cell_bin_attrs[] = {
	&bin_attr_config,
	NULL,
};

static const struct attribute_group cell_group = {
	.attrs = cell_attrs,
	.bin_attrs = cell_bin_attrs,
};
__ATTRIBUTE_GROUPS(cell);

static void cell_release(struct kobject *kobj)
{
	struct bh_cell *c = to_cell(kobj);

	kfree(c->config);
	kfree(c);
}

static struct kobj_type cell_ktype = {
	.release = cell_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = cell_groups,
};

bool bh_cells_exist(void)
{
	return !list_empty(&cells);
}

static struct bh_cell *find_cell(u32 id)
{
	struct bh_cell *c;

	list_for_each_entry(c, &cells, list)
		if (c->id == id)
			return c;
	return NULL;
}

static void online_cpus(const struct cpumask *cpus)
{
	unsigned int cpu;

	for_each_cpu(cpu, cpus)
		if (add_cpu(cpu))
			pr_err("CPU %u did not come back online\n", cpu);
}

/* What the driver itself relies on; the hypervisor checks the rest. */
static int check_config(struct bh_cell *c, struct bh_reason *r)
{
	const struct bulkhead_cell_desc *d = c->config;
	const struct bulkhead_memory *mem;
	struct bh_cell *o;
	unsigned int cpu, n;

	if (c->size < sizeof(*d) || bulkhead_cell_config_size(d) != c->size ||
	    memcmp(d->signature, BULKHEAD_CELL_SIGNATURE,
		   BULKHEAD_SIGNATURE_SIZE) ||
	    d->name[BULKHEAD_CELL_NAME_SIZE - 1])
		return bh_fail(r, -EINVAL,
			       "not a cell config, or its size (%zu bytes) does not match its contents",
			       c->size);
	list_for_each_entry(o, &cells, list)
		if (!strcmp(o->config->name, d->name))
			return bh_fail(r, -EEXIST,
				       "a cell named \"%s\" exists (id %u)",
				       d->name, o->id);
	cpumask_clear(&c->cpus);
	for (cpu = 0; cpu < BULKHEAD_MAX_CPUS; cpu++) {
		if (!bulkhead_cell_has_cpu(d, cpu))
			continue;
		list_for_each_entry(o, &cells, list)
			if (cpu < nr_cpu_ids && cpumask_test_cpu(cpu, &o->cpus))
				return bh_fail(r, -EBUSY,
					       "CPU %u belongs to cell \"%s\"",
					       cpu, o->config->name);
		if (cpu >= nr_cpu_ids || !cpu_online(cpu))
			return bh_fail(r, -EINVAL,
				       "CPU %u is not an online CPU of the root cell",
				       cpu);
		cpumask_set_cpu(cpu, &c->cpus);
	}
	if (cpumask_empty(&c->cpus) ||
	    cpumask_weight(&c->cpus) >= num_online_cpus())
		return bh_fail(r, -EINVAL,
			       "the cell needs at least one CPU and must leave one to Linux");
	mem = bulkhead_cell_memory_regions(d);
	for (n = 0; n < d->num_memory_regions; n++, mem++)
		if (!(mem->flags & (BULKHEAD_MEM_COMM_REGION |
				    BULKHEAD_MEM_ROOTSHARED)) &&
		    region_intersects(mem->phys_start, mem->size,
				      IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE) !=
		    REGION_DISJOINT)
			return bh_fail(r, -EINVAL,
				       "memory region %u (0x%llx+0x%llx) is RAM Linux uses",
				       n, mem->phys_start, mem->size);
	return 0;
}

static int take_cpus(struct bh_cell *c, struct bh_reason *r)
{
	struct cpumask done;
	unsigned int cpu;
	int err;

	cpumask_clear(&done);
	for_each_cpu(cpu, &c->cpus) {
		err = remove_cpu(cpu);
		if (err) {
			online_cpus(&done);
			return bh_fail(r, err, "cannot take CPU %u offline: %d",
				       cpu, err);
		}
		cpumask_set_cpu(cpu, &done);
	}
	return 0;
}

static const char *refusal(long code)
{
	switch (code) {
	case -BULKHEAD_EBUSY:
		return "a CPU, memory or interrupt of it is in use by another cell or not offline";
	case -BULKHEAD_EINVAL:
		return "its CPUs, memory or interrupts are not the root cell's, or the config is invalid";
	case -BULKHEAD_ENOMEM:
		return "no cell slot or pool memory left";
	default:
		return "refused";
	}
}

/*
 * The hypervisor's own words for a refused create: its console line
 * 'Bulkhead: cell "NAME": why' (or 'cell config rejected: why').
 */
static bool hv_reason(u64 mark, const char *name, char *why, size_t len)
{
	char own[BULKHEAD_CELL_NAME_SIZE + 24];
	size_t skip;

	if (!bh_console_find_since(mark, "[hv] Bulkhead: cell ", why, len))
		return false;
	skip = snprintf(own, sizeof(own), "\"%s\": ", name);
	if (!strncmp(why, own, skip))
		memmove(why, why + skip, strlen(why + skip) + 1);
	return true;
}

static int create(struct bh_cell *c, struct bh_reason *r)
{
	struct bh_hvc_result res;
	char why[160];
	u64 mark;
	int err;

	err = check_config(c, r);
	if (err)
		return err;
	err = take_cpus(c, r);
	if (err)
		return err;
	mark = bh_console_mark();
	res = bh_hypercall(BULKHEAD_HC_CELL_CREATE, virt_to_phys(c->config),
			   c->size);
	if (res.code) {
		online_cpus(&c->cpus);
		if (hv_reason(mark, c->config->name, why, sizeof(why)))
			return bh_fail(r, res.code,
				       "the hypervisor refused cell \"%s\": %s",
				       c->config->name, why);
		return bh_fail(r, res.code,
			       "the hypervisor refused cell \"%s\": %s (details on the hypervisor console)",
			       c->config->name, refusal(res.code));
	}
	c->id = res.value;
	return 0;
}

static int ioctl_create(struct bulkhead_cell_create __user *uarg,
			struct bh_reason *r)
{
	struct bulkhead_cell_create arg;
	struct bh_cell *c;
	int err;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.config_size > BULKHEAD_CELL_CONFIG_MAX)
		return bh_fail(r, -EINVAL, "cell config of %llu bytes is larger than %u",
			       arg.config_size, BULKHEAD_CELL_CONFIG_MAX);
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->size = arg.config_size;
	/* kmalloc: physically contiguous, the hypervisor reads it there. */
	c->config = kmalloc(max_t(size_t, c->size, sizeof(*c->config)),
			    GFP_KERNEL);
	if (!c->config) {
		kfree(c);
		return -ENOMEM;
	}
	if (copy_from_user(c->config, u64_to_user_ptr(arg.config), c->size)) {
		err = -EFAULT;
		goto out_free;
	}
	err = create(c, r);
	if (err)
		goto out_free;
	list_add_tail(&c->list, &cells);
	kobject_init(&c->kobj, &cell_ktype);
	if (kobject_add(&c->kobj, cells_dir, "%u", c->id))
		pr_err("no sysfs directory for cell %u\n", c->id);
	pr_info("cell \"%s\" created (id %u, CPUs %*pbl)\n", c->config->name,
		c->id, cpumask_pr_args(&c->cpus));
	arg.id = c->id;
	return copy_to_user(&uarg->id, &arg.id, sizeof(arg.id)) ? -EFAULT : 0;

out_free:
	kfree(c->config);
	kfree(c);
	return err;
}

static void clean_inval_poc(void *start, size_t size)
{
	u64 ctr = read_sysreg(ctr_el0);
	size_t line = 4 << ((ctr >> 16) & 0xf);
	unsigned long p = (unsigned long)start & ~(line - 1);

	for (; p < (unsigned long)start + size; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	dsb(sy);
}

static const struct bulkhead_memory *loadable_region(struct bh_cell *c,
						     u64 addr, u64 size)
{
	const struct bulkhead_memory *mem =
		bulkhead_cell_memory_regions(c->config);
	unsigned int n;

	for (n = 0; n < c->config->num_memory_regions; n++, mem++)
		if (mem->flags & BULKHEAD_MEM_LOADABLE &&
		    addr >= mem->virt_start &&
		    addr - mem->virt_start <= mem->size &&
		    size <= mem->size - (addr - mem->virt_start))
			return mem;
	return NULL;
}

/*
 * The cell's CPUs start with caches off (the inmate library switches them
 * on later, after invalidating its image's lines): the image must reach
 * memory.
 */
static int load(struct bh_cell *c, const struct bulkhead_cell_load *arg,
		struct bh_reason *r)
{
	const struct bulkhead_memory *mem;
	struct bh_hvc_result res;
	phys_addr_t phys;
	void *virt;
	u32 state;
	int err;

	mem = loadable_region(c, arg->address, arg->size);
	if (!mem || !arg->size)
		return bh_fail(r, -EINVAL,
			       "0x%llx+0x%llx is not inside a loadable region of cell \"%s\"",
			       arg->address, arg->size, c->config->name);
	err = cell_state(c, &state);
	if (err)
		return bh_fail(r, err, "cannot read the state of cell \"%s\"",
			       c->config->name);
	if (state == BULKHEAD_CELL_STATE_RUNNING ||
	    state == BULKHEAD_CELL_STATE_LOCKED)
		return bh_fail(r, -EBUSY,
			       "cell \"%s\" is running: shut it down before loading",
			       c->config->name);
	res = bh_hypercall(BULKHEAD_HC_CELL_SET_LOADABLE, c->id, 0);
	if (res.code)
		return bh_fail(r, res.code,
			       "the hypervisor did not hand out the loadable memory of cell \"%s\" (%ld)",
			       c->config->name, res.code);
	phys = mem->phys_start + (arg->address - mem->virt_start);
	virt = memremap(phys, arg->size, MEMREMAP_WB);
	if (!virt)
		return bh_fail(r, -ENOMEM, "cannot map %pa", &phys);
	err = copy_from_user(virt, u64_to_user_ptr(arg->image), arg->size) ?
	      -EFAULT : 0;
	clean_inval_poc(virt, arg->size);
	memunmap(virt);
	return err;
}

static int ioctl_load(struct bulkhead_cell_load __user *uarg,
		      struct bh_reason *r)
{
	struct bulkhead_cell_load arg;
	struct bh_cell *c;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	c = find_cell(arg.id);
	if (!c)
		return bh_fail(r, -ENOENT, "no cell with id %u", arg.id);
	return load(c, &arg, r);
}

static int destroy(struct bh_cell *c, struct bh_reason *r)
{
	struct bh_hvc_result res;

	res = bh_hypercall(BULKHEAD_HC_CELL_DESTROY, c->id, 0);
	if (res.code == -BULKHEAD_EBUSY)
		return bh_fail(r, -EBUSY,
			       "cell \"%s\" denies shutdown (locked or no reply): use 'cell shutdown --force' first",
			       c->config->name);
	if (res.code)
		return bh_fail(r, res.code, "the hypervisor did not destroy cell \"%s\" (%ld)",
			       c->config->name, res.code);
	pr_info("cell \"%s\" destroyed\n", c->config->name);
	online_cpus(&c->cpus);
	list_del(&c->list);
	kobject_put(&c->kobj);
	return 0;
}

static int ioctl_op(unsigned int cmd, struct bulkhead_cell_op __user *uarg,
		    struct bh_reason *r)
{
	struct bulkhead_cell_op arg;
	struct bh_hvc_result res;
	struct bh_cell *c;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	c = find_cell(arg.id);
	if (!c)
		return bh_fail(r, -ENOENT, "no cell with id %u", arg.id);
	switch (cmd) {
	case BULKHEAD_CELL_START:
		res = bh_hypercall(BULKHEAD_HC_CELL_START, c->id, 0);
		if (res.code == -BULKHEAD_EBUSY)
			return bh_fail(r, -EBUSY, "cell \"%s\" is running already",
				       c->config->name);
		break;
	case BULKHEAD_CELL_SHUTDOWN:
		res = bh_hypercall(BULKHEAD_HC_CELL_SHUTDOWN, c->id,
				   arg.flags & BULKHEAD_CELL_FORCE ?
				   BULKHEAD_FORCE : 0);
		if (res.code == -BULKHEAD_EBUSY)
			return bh_fail(r, -EBUSY,
				       "cell \"%s\" denies shutdown (locked or no reply); --force stops it anyway",
				       c->config->name);
		break;
	default:
		return destroy(c, r);
	}
	if (res.code)
		return bh_fail(r, res.code, "the hypervisor refused (%ld)",
			       res.code);
	return 0;
}

int bh_cell_ioctl(unsigned int cmd, unsigned long arg, struct bh_reason *r)
{
	if (!bh_is_enabled())
		return bh_fail(r, -ENODEV, "the hypervisor is not enabled");
	switch (cmd) {
	case BULKHEAD_CELL_CREATE:
		return ioctl_create((void __user *)arg, r);
	case BULKHEAD_CELL_LOAD:
		return ioctl_load((void __user *)arg, r);
	case BULKHEAD_CELL_START:
	case BULKHEAD_CELL_SHUTDOWN:
	case BULKHEAD_CELL_DESTROY:
		return ioctl_op(cmd, (void __user *)arg, r);
	default:
		return -ENOIOCTLCMD;
	}
}

/* Where the reason buffer sits in each cell ioctl's argument. */
long bh_cell_reason_offset(unsigned int cmd)
{
	switch (cmd) {
	case BULKHEAD_CELL_CREATE:
		return offsetof(struct bulkhead_cell_create, reason);
	case BULKHEAD_CELL_LOAD:
		return offsetof(struct bulkhead_cell_load, reason);
	case BULKHEAD_CELL_START:
	case BULKHEAD_CELL_SHUTDOWN:
	case BULKHEAD_CELL_DESTROY:
		return offsetof(struct bulkhead_cell_op, reason);
	default:
		return -1;
	}
}

int bh_cells_init(void)
{
	cells_dir = kobject_create_and_add("cells", &bulkhead_root->kobj);
	return cells_dir ? 0 : -ENOMEM;
}

void bh_cells_exit(void)
{
	kobject_put(cells_dir);
}
